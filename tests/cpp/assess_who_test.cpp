// WHO/UNICEF ARR mode: two-point ARR and regression AARR against the required rate, the side of
// the comparison, and the pitfalls.
#define BOOST_TEST_MODULE assess_who
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <vector>

#include <ontrack/assess/who.hpp>

#include "assess_test_support.hpp"

namespace tt = boost::test_tools;
using namespace ontrack::assess;

namespace {
// WHO rates are rates of reduction: lower is better unless said otherwise; targets are due in 2030.
method_input series(std::vector<int> years, std::vector<double> values, double target, int direction = -1) {
  return testing::series_to_2030(std::move(years), std::move(values), direction, target);
}
}  // namespace

// Spec § 10: required ARR = −ln(12/16)/10 = 0.028768 (2.88 %/yr); observed −ln(14.5/16)/3 =
// 0.032813 (3.28 %/yr) ≥ required → on course; projection 14.5·e^(−0.032813·7) = 11.5243.
BOOST_AUTO_TEST_CASE(worked_check_section_10) {
  const auto r = assess_who_arr(series({2020, 2023}, {16, 14.5}, 12));
  BOOST_TEST(r.at("arr_required") == 0.0287682, tt::tolerance(1e-6));
  BOOST_TEST(r.at("arr_observed") == 0.03281336, tt::tolerance(1e-6));
  BOOST_TEST(r.at("projected_value") == 11.524269, tt::tolerance(1e-6));
  BOOST_TEST(r.label == "on_course");
  BOOST_TEST(r.label_text == "on course");
  // 16 → 15.5: −ln(15.5/16)/3 = 0.010584 < 0.028768 → off course.
  BOOST_TEST(assess_who_arr(series({2020, 2023}, {16, 15.5}, 12)).label == "off_course");
}

// Observed == required is on course (≥): 16 (2020) → 8 (2025), target 4 by 2030:
// observed ln 2/5, required ln 4/10 = 2·ln 2/10 — the same double.
BOOST_AUTO_TEST_CASE(boundary_side) {
  const auto r = assess_who_arr(series({2020, 2025}, {16, 8}, 4));
  BOOST_TEST(r.at("arr_observed") == r.at("arr_required"));
  BOOST_TEST(r.label == "on_course");
}

// Regression AARR = 1 − e^β: 100, 90, 81 (2015–2017): β = ln 0.9 → AARR = 0.1; required
// 1 − (50/100)^(1/15) = 0.045158 → on course.
BOOST_AUTO_TEST_CASE(regression_aarr) {
  who_params p;
  p.regression = true;
  const auto r = assess_who_arr(series({2015, 2016, 2017}, {100, 90, 81}, 50), p);
  BOOST_TEST(r.at("arr_observed") == 0.1, tt::tolerance(1e-12));
  BOOST_TEST(r.at("arr_required") == 0.0451584, tt::tolerance(1e-5));
  BOOST_TEST(r.label == "on_course");
  BOOST_TEST(r.years_used.size() == 3u);
  BOOST_TEST(assess_who_arr(series({2015, 2016}, {100, 0}, 50), p).label == "on_course");  // 0 ≤ 50: met
  BOOST_TEST(assess_who_arr(series({2015, 2016, 2017}, {100, 0, 60}, 50), p).reason == "non_positive_value");
}

BOOST_AUTO_TEST_CASE(pitfalls) {
  // Higher is better: rates of reduction do not apply.
  BOOST_TEST(assess_who_arr(series({2015, 2020}, {1, 2}, 3, 1)).reason == "unsupported_direction");
  // Already met (latest ≤ target) → on course; a natural bound (0) as target.
  BOOST_TEST(assess_who_arr(series({2015, 2020}, {10, 11}, 12)).label == "on_course");
  // Target 0: an infinite rate is needed → off course, required rate not stored.
  const auto z = assess_who_arr(series({2015, 2020}, {10, 5}, 0));
  BOOST_TEST(z.label == "off_course");
  BOOST_TEST(!z.component("arr_required"));
  // Target equal to the base (not met): required ARR 0 → any reduction is on course, a rise is off.
  BOOST_TEST(assess_who_arr(series({2015, 2020}, {10, 10.5}, 10)).label == "off_course");
  // Base past the target (target 10, base 8 → 12): required −ln(10/8)/15 < 0; observed
  // −ln(12/8)/5 = −0.0811 < −0.0149 → off course.
  BOOST_TEST(assess_who_arr(series({2015, 2020}, {8, 12}, 10)).label == "off_course");
  BOOST_TEST(assess_who_arr(series({2015, 2020}, {0, 5}, 3)).reason == "base_zero");
  BOOST_TEST(assess_who_arr(series({2015, 2020}, {-2, 5}, 3)).reason == "non_positive_value");
  BOOST_TEST(assess_who_arr(series({2020}, {5}, 3)).reason == "zero_span");
  method_input nt;
  nt.years = {2015, 2020};
  nt.values = {2, 1};
  nt.direction = -1;
  BOOST_TEST(assess_who_arr(nt).reason == "no_target");
  // Irregular years and the base year option: base 2016 (first ≥ 2016).
  auto in = series({2012, 2016, 2019, 2023}, {20, 16, 15, 14.5}, 12);
  in.base_year = 2016;
  BOOST_TEST(assess_who_arr(in).at("base_year") == 2016);
  BOOST_TEST(assess_who_arr(in).at("arr_observed") == -std::log(14.5 / 16) / 7, tt::tolerance(1e-12));
}
