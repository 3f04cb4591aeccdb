// UNSD 2023+ expected-value form: ratio = (ŷ_T − y_b)/(y* − y_b), the FSCI rules, the no-target
// classes on d·CAGR (and FSCI's abs() bug as an option), boundary sides and pitfalls.
#define BOOST_TEST_MODULE assess_unsd_expected
#include <boost/test/unit_test.hpp>

#include <vector>

#include <ontrack/assess/unsd.hpp>

#include "assess_test_support.hpp"

namespace tt = boost::test_tools;
using namespace ontrack::assess;
using namespace ontrack::assess::testing;

// Spec § 10: base = first year ≥ 2015 → 2020 (16); latest 2023 (14.5); target 12 by 2030.
// CAGR = −0.032281; ŷ_2030 = 14.5·(1 − 0.032281)^7 = 14.5·0.794777 = 11.5243;
// ratio = (11.5243 − 16)/(12 − 16) = −4.4757/−4 = 1.1189 ≥ 0.95 → on track.
BOOST_AUTO_TEST_CASE(worked_check_section_10) {
  const auto r = assess_unsd_expected(series_to_2030({2020, 2023}, {16, 14.5}, -1, 12.0));
  BOOST_TEST(r.at("expected_value") == 11.524269, tt::tolerance(1e-6));
  BOOST_TEST(r.at("ratio") == 1.118933, tt::tolerance(1e-6));
  BOOST_TEST(r.label == "on_track");
  BOOST_TEST(r.label_text == "On track");
  BOOST_TEST(r.method == "unsd_expected");
}

BOOST_AUTO_TEST_CASE(ratio_boundary_sides) {
  const auto in = series_to_2030({2016, 2020}, {100, 110}, 1, 150.0);
  const double x = assess_unsd_expected(in).at("ratio");
  unsd_expected_params p;
  p.on_track = x;
  BOOST_TEST(assess_unsd_expected(in, p).label == "on_track");
  p.on_track = up(x);
  BOOST_TEST(assess_unsd_expected(in, p).label == "moderate_progress");
  p.moderate = x;
  BOOST_TEST(assess_unsd_expected(in, p).label == "moderate_progress");
  p.moderate = up(x);
  BOOST_TEST(assess_unsd_expected(in, p).label == "marginal_progress");
  p.marginal = x;
  BOOST_TEST(assess_unsd_expected(in, p).label == "marginal_progress");
  p.marginal = up(x);
  BOOST_TEST(assess_unsd_expected(in, p).label == "stagnation");
  p.stagnation = x;
  BOOST_TEST(assess_unsd_expected(in, p).label == "stagnation");
  p.stagnation = up(x);
  BOOST_TEST(assess_unsd_expected(in, p).label == "regression");
}

// FSCI: ratio exactly 0 (no change: ŷ = y_b) → regression unless already beyond the target.
// The 2024 Note's stagnation band (−0.1…0.1) is the parameter `stagnation = −0.1`.
BOOST_AUTO_TEST_CASE(zero_ratio_rule_and_2024_band) {
  const auto flat = series_to_2030({2015, 2020}, {50, 50}, 1, 60.0);
  BOOST_TEST(assess_unsd_expected(flat).at("ratio") == 0.0);
  BOOST_TEST(assess_unsd_expected(flat).label == "regression");
  unsd_expected_params p;
  p.zero_ratio_rule = false;
  BOOST_TEST(assess_unsd_expected(flat, p).label == "stagnation");
  // 50 → 49.9 over 5 years: ŷ = 49.9·(0.998)^(10/5) = 49.9·0.996004 = 49.70060;
  // ratio = (49.70060 − 50)/(60 − 50) = −0.029940.
  const auto dip = series_to_2030({2015, 2020}, {50, 49.9}, 1, 60.0);
  BOOST_TEST(assess_unsd_expected(dip).at("ratio") == -0.029940, tt::tolerance(1e-5));
  BOOST_TEST(assess_unsd_expected(dip).label == "regression");
  p.stagnation = -0.1;
  BOOST_TEST(assess_unsd_expected(dip, p).label == "stagnation");
}

// No target, on d·CAGR: ≥ 2 % on track, ≥ 1.25 % moderate, ≥ 0.5 % marginal, |·| < 0.5 %
// stagnation, ≤ −0.5 % regression. FSCI's abs() drops the direction (reproduce_abs_bug).
BOOST_AUTO_TEST_CASE(no_target_direction_and_abs_bug) {
  const auto rising = series_to_2030({2018, 2020}, {100, 110.25});  // CAGR = 5 %
  BOOST_TEST(assess_unsd_expected(rising).label == "on_track");
  auto worse = rising;
  worse.direction = -1;  // lower is better and it rose 5 %/yr
  BOOST_TEST(assess_unsd_expected(worse).label == "regression");
  unsd_expected_params p;
  p.reproduce_abs_bug = true;
  BOOST_TEST(assess_unsd_expected(worse, p).label == "on_track");  // the bug: never regression
  BOOST_TEST(assess_unsd_expected(series_to_2030({2019, 2020}, {100, 100.2})).label == "stagnation");  // 0.2 %
  BOOST_TEST(assess_unsd_expected(series_to_2030({2019, 2020}, {100, 99.8})).label == "stagnation");   // −0.2 %
  BOOST_TEST(assess_unsd_expected(series_to_2030({2019, 2020}, {100, 99})).label == "regression");     // −1 %
  BOOST_TEST(assess_unsd_expected(series_to_2030({2019, 2020}, {100, 101.5})).label == "moderate_progress");
  BOOST_TEST(assess_unsd_expected(series_to_2030({2019, 2020}, {100, 100.8})).label == "marginal_progress");
  const auto edge = series_to_2030({2019, 2020}, {100, 102});
  const double g = assess_unsd_expected(edge).at("cagr_actual");
  p = {};
  p.cagr_on_track = g;  // ≥
  BOOST_TEST(assess_unsd_expected(edge, p).label == "on_track");
  p.cagr_on_track = up(g);
  BOOST_TEST(assess_unsd_expected(edge, p).label == "moderate_progress");
}

// Target = base: no ratio; on track if already beyond the target (direction d), else a reason.
BOOST_AUTO_TEST_CASE(target_equal_to_base) {
  BOOST_TEST(assess_unsd_expected(series_to_2030({2015, 2020}, {50, 52}, 1, 50.0)).label == "on_track");
  const auto r = assess_unsd_expected(series_to_2030({2015, 2020}, {50, 48}, 1, 50.0));
  BOOST_TEST(r.label == "not_assessable");
  BOOST_TEST(r.reason == "base_equals_target");
}

// Target 0, lower is better: 10 (2015) → 5 (2020): CAGR = 0.5^(1/5) − 1;
// ŷ_2030 = 5·0.5^(10/5) = 1.25; ratio = (1.25 − 10)/(0 − 10) = 0.875 → moderate progress.
BOOST_AUTO_TEST_CASE(target_zero_lower_is_better) {
  const auto r = assess_unsd_expected(series_to_2030({2015, 2020}, {10, 5}, -1, 0.0));
  BOOST_TEST(r.at("expected_value") == 1.25, tt::tolerance(1e-12));
  BOOST_TEST(r.at("ratio") == 0.875, tt::tolerance(1e-12));
  BOOST_TEST(r.label == "moderate_progress");
}

// Base already past the target: the target fixes the sign, not d. Higher is better, target 50,
// base 60 → 55: ŷ = 55·(55/60)^2 = 46.2153; ratio = (46.2153 − 60)/(50 − 60) = 1.3785 → on track
// (the method reads "towards 50" as progress: documented, not corrected).
BOOST_AUTO_TEST_CASE(base_past_target) {
  const auto r = assess_unsd_expected(series_to_2030({2015, 2020}, {60, 55}, 1, 50.0));
  BOOST_TEST(r.at("ratio") == 1.378472, tt::tolerance(1e-6));
  BOOST_TEST(r.label == "on_track");
}

BOOST_AUTO_TEST_CASE(zero_negative_single_irregular) {
  BOOST_TEST(assess_unsd_expected(series_to_2030({2015, 2020}, {0, 5}, 1, 10.0)).reason == "base_zero");
  BOOST_TEST(assess_unsd_expected(series_to_2030({2015, 2020}, {-1, 5}, 1, 10.0)).reason == "sign_change");
  BOOST_TEST(assess_unsd_expected(series_to_2030({2020}, {5}, 1, 10.0)).reason == "zero_span");
  BOOST_TEST(assess_unsd_expected(series_to_2030({2010, 2012}, {5, 6}, 1, 10.0)).reason == "no_data_after_base");
  // Irregular: 2014 ignored (base = first year ≥ 2015 = 2017); 2017 → 2020 over 3 years.
  const auto r = assess_unsd_expected(series_to_2030({2014, 2017, 2020}, {1, 100, 133.1}, 1, 300.0));
  BOOST_TEST(r.at("base_year") == 2017);
  BOOST_TEST(r.at("cagr_actual") == 0.1, tt::tolerance(1e-12));
  // Natural bound 100 %: a latest value at 100 with target 100 → ŷ = 100·(…)^10 > 100 when
  // rising; ratio = (ŷ − y_b)/(100 − y_b) > 1 → on track.
  BOOST_TEST(assess_unsd_expected(series_to_2030({2015, 2020}, {95, 100}, 1, 100.0)).label == "on_track");
}
