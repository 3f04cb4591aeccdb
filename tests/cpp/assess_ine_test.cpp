// INE Portugal mode: direction of the change since the first year ≥ 2015, target achieved,
// the "unchanged" tolerance sides and the pitfalls.
#define BOOST_TEST_MODULE assess_ine
#include <boost/test/unit_test.hpp>

#include <vector>

#include <ontrack/assess/ine.hpp>

#include "assess_test_support.hpp"

using namespace ontrack::assess;
using namespace ontrack::assess::testing;

BOOST_AUTO_TEST_CASE(directions) {
  const auto r = assess_ine(series({2015, 2020}, {10, 12}));
  BOOST_TEST(r.label == "favourable");
  BOOST_TEST(r.label_text == "favourable evolution or target achieved");
  BOOST_TEST(r.at("change") == 2.0);
  BOOST_TEST(assess_ine(series({2015, 2020}, {10, 8})).label == "unfavourable");
  BOOST_TEST(assess_ine(series({2015, 2020}, {10, 10})).label == "unchanged");
  // Lower is better.
  BOOST_TEST(assess_ine(series({2015, 2020}, {10, 8}, -1)).label == "favourable");
  BOOST_TEST(assess_ine(series({2015, 2020}, {10, 12}, -1)).label == "unfavourable");
}

// |change| ≤ tolerance → unchanged (inclusive). Absolute 0.5: 10 → 10.5 unchanged, 10.51 not.
// Relative 1 % of |base| 200 = 2: 200 → 198 unchanged, 197.9 unfavourable.
BOOST_AUTO_TEST_CASE(tolerance_sides) {
  ine_params p;
  p.unchanged_tolerance = 0.5;
  BOOST_TEST(assess_ine(series({2015, 2020}, {10, 10.5}), p).label == "unchanged");
  BOOST_TEST(assess_ine(series({2015, 2020}, {10, 10.51}), p).label == "favourable");
  p.unchanged_tolerance = 0.01;
  p.tolerance_relative = true;
  BOOST_TEST(assess_ine(series({2015, 2020}, {200, 198}), p).label == "unchanged");
  BOOST_TEST(assess_ine(series({2015, 2020}, {200, 197.9}), p).label == "unfavourable");
}

// A met target is favourable whatever the change (lower is better, target 10: 8 → 9 stays ≤ 10).
// Target equal to the base and target 0 need no special case: only the direction matters.
BOOST_AUTO_TEST_CASE(target_achieved_and_target_pitfalls) {
  auto in = series({2015, 2020}, {8, 9}, -1);
  in.target = 10.0;
  const auto r = assess_ine(in);
  BOOST_TEST(r.label == "favourable");
  BOOST_TEST(r.variant == "target_achieved");
  in.target = 8.0;  // = base, not met (9 > 8): the direction decides
  BOOST_TEST(assess_ine(in).label == "unfavourable");
  in.target = 0.0;
  in.values = {8, 0};  // at a target of 0
  BOOST_TEST(assess_ine(in).label == "favourable");
  // Base past the target (higher is better, target 50, 60 → 45): not met, fell → unfavourable.
  auto past = series({2015, 2020}, {60, 45});
  past.target = 50.0;
  BOOST_TEST(assess_ine(past).label == "unfavourable");
  // Natural bound 100 %: 100 → 100 with target 100 → favourable (target achieved).
  auto full = series({2015, 2020}, {100, 100});
  full.target = 100.0;
  BOOST_TEST(assess_ine(full).label == "favourable");
}

// Base = first year ≥ 2015 (2016 here, 2012 ignored); one observation since 2015 → not evaluated.
BOOST_AUTO_TEST_CASE(base_and_short_series) {
  BOOST_TEST(assess_ine(series({2012, 2016, 2020}, {100, 1, 2})).at("base_year") == 2016);
  const auto one = assess_ine(series({2012, 2016}, {1, 2}));
  BOOST_TEST(one.label == "not_evaluated");
  BOOST_TEST(one.reason == "too_few_points");
  BOOST_TEST(assess_ine(series({2020}, {1})).reason == "too_few_points");
  // Zero and negative values are fine (a difference, not a rate).
  BOOST_TEST(assess_ine(series({2015, 2020}, {0, -1}, -1)).label == "favourable");
  ine_params p;
  p.inconclusive = true;
  BOOST_TEST(assess_ine(series({2015, 2020}, {1, 2}), p).reason == "manual");
  BOOST_TEST(assess_ine(series({2016, 2016}, {1, 2})).reason == "duplicate_year");
}
