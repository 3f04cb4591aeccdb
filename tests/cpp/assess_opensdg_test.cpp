// Open SDG (sdg-build ProgressMeasure.py) mode: methods 1 and 2, the C factor, the score, the
// 0.001 replacement, the mean aggregation, every boundary side and the pitfalls.
#define BOOST_TEST_MODULE assess_opensdg
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <string>
#include <vector>

#include <ontrack/assess/opensdg.hpp>

#include "assess_test_support.hpp"

namespace tt = boost::test_tools;
using namespace ontrack::assess;
using namespace ontrack::assess::testing;

namespace {
method_result scored(const std::string& label, double score) { return labelled(label, "score", score); }
}  // namespace

// Method 2 on the spec § 10 example (lower is better, 16 in 2020 → 14.5 in 2023, target 12 by
// 2030, base year 2015 missing → the next year with data, 2020):
// pv = sign·d·CAGR_o/|CAGR_r| = 1·(−1)·(−0.032281)/0.028358 = 1.13832 ≥ 0.95 → substantial;
// score = min(7.1429·1.13832 − 4.2857, 5) = 8.13090 − 4.2857 = 3.84520.
BOOST_AUTO_TEST_CASE(method_2_worked) {
  auto in = series({2020, 2023}, {16, 14.5}, -1);
  in.target = 12.0;
  in.target_year = 2030;
  const auto r = assess_opensdg(in);
  BOOST_TEST(r.variant == "method_2");
  BOOST_TEST(r.label == "substantial_progress");
  BOOST_TEST(r.label_text == "On track");
  BOOST_TEST(r.at("base_year") == 2020);
  BOOST_TEST(r.at("progress_value") == 1.138319, tt::tolerance(1e-6));
  BOOST_TEST(r.at("score") == 3.845199, tt::tolerance(1e-6));
  BOOST_TEST(r.at("sign") == 1);
  BOOST_TEST(r.at("target_achieved") == 0);
}

// The score mapping (spec): 0.6 → 7.1429·0.6 − 4.2857 = 0.00004 ≈ 0; 0.95 → 2.50006 ≈ 2.5;
// 1.3 → min(5.00007, 5) = 5; 0 → 4.1667·0 − 2.5 = −2.5; −0.6 → max(−5.00002, −5) = −5.
BOOST_AUTO_TEST_CASE(method_2_score_mapping) {
  BOOST_TEST(opensdg_score(2, 0.6) == 0.0, tt::tolerance(1e-4));
  BOOST_TEST(opensdg_score(2, 0.95) == 2.5, tt::tolerance(1e-4));
  BOOST_TEST(opensdg_score(2, 1.3) == 5.0);
  BOOST_TEST(opensdg_score(2, 0.0) == -2.5);
  BOOST_TEST(opensdg_score(2, -0.6) == -5.0);
  // Just below med the other line applies: 4.1667·0.59 − 2.5 = −0.041647.
  BOOST_TEST(opensdg_score(2, 0.59) == -0.041647, tt::tolerance(1e-5));
}

// The C factor (a = 4.44): base 95, L = 100 → 1 − 0.95^4.44 = 1 − 0.796330 = 0.2037;
// base 99 → 1 − 0.99^4.44 = 0.0436; base ≥ 2L → 1; base 150 → 1 − (50/100)^4.44 = 0.95393;
// base = limit = 0 → 1 (tested first); base = limit → 0.
BOOST_AUTO_TEST_CASE(c_factor_worked_values) {
  BOOST_TEST(opensdg_c_factor(95, 100) == 0.2036705, tt::tolerance(1e-6));
  BOOST_TEST(opensdg_c_factor(99, 100) == 0.0436425, tt::tolerance(1e-5));
  BOOST_TEST(opensdg_c_factor(200, 100) == 1.0);
  BOOST_TEST(opensdg_c_factor(150, 100) == 0.9539291, tt::tolerance(1e-6));
  BOOST_TEST(opensdg_c_factor(0, 0) == 1.0);
  BOOST_TEST(opensdg_c_factor(100, 100) == 0.0);
  BOOST_TEST(opensdg_c_factor(-95, -100) == 0.2036705, tt::tolerance(1e-6));  // |·| of both
}

// Method 1 with C: base 95 (2015) → 96 (2020), higher is better, limit = upper bound 100.
// C = 0.2036705; thresholds 0.015·C = 0.0030551 (0.3055 %/yr), 0.005·C = 0.0010184.
// pv = (96/95)^(1/5) − 1 = 0.0020965 → in [med, high) → moderate progress;
// score = 250·pv/C − 1.25 = 250·0.0020965/0.2036705 − 1.25 = 1.32334.
BOOST_AUTO_TEST_CASE(method_1_with_c_factor) {
  auto in = series({2015, 2020}, {95, 96});
  in.upper_bound = 100.0;
  const auto r = assess_opensdg(in);
  BOOST_TEST(r.variant == "method_1");
  BOOST_TEST(r.at("C") == 0.2036705, tt::tolerance(1e-6));
  BOOST_TEST(r.at("threshold_high") == 0.0030551, tt::tolerance(1e-4));
  BOOST_TEST(r.at("threshold_med") == 0.0010184, tt::tolerance(1e-4));
  BOOST_TEST(r.at("progress_value") == 0.0020965, tt::tolerance(1e-4));
  BOOST_TEST(r.label == "moderate_progress");
  BOOST_TEST(r.at("score") == 1.323341, tt::tolerance(1e-5));
  // Without the limit the default thresholds apply: 0.0021 in [0, 0.005) → limited progress;
  // score = 500·pv − 2.5 = −1.45177.
  opensdg_params p;
  p.limit_from_bounds = false;
  const auto nolim = assess_opensdg(in, p);
  BOOST_TEST(nolim.label == "limited_progress");
  BOOST_TEST(!nolim.component("C"));
  BOOST_TEST(nolim.at("score") == 500 * 0.0020964545 - 2.5, tt::tolerance(1e-6));
}

// C = 0 (base at the limit): thresholds all 0; pv ≥ 0 → substantial, score 5.
BOOST_AUTO_TEST_CASE(natural_bound_100_c_zero) {
  auto in = series({2015, 2020}, {100, 100});
  in.upper_bound = 100.0;
  const auto r = assess_opensdg(in);
  BOOST_TEST(r.at("C") == 0.0);
  BOOST_TEST(r.label == "substantial_progress");
  BOOST_TEST(r.at("score") == 5.0);
  // A base above a maximum limit warns, as the original.
  in.values = {101, 102};
  BOOST_TEST(!assess_opensdg(in).warnings.empty());
}

// Method 1 thresholds are ≥ (pv == high → substantial), as get_progress_status.
BOOST_AUTO_TEST_CASE(method_1_boundary_sides) {
  const auto in = series({2015, 2020}, {100, 110});
  const double pv = assess_opensdg(in).at("progress_value");  // (1.1)^(1/5) − 1 = 0.019245
  BOOST_TEST(pv == 0.0192449, tt::tolerance(1e-5));
  opensdg_params p;
  p.m1_high = pv;
  BOOST_TEST(assess_opensdg(in, p).label == "substantial_progress");
  p.m1_high = up(pv);
  BOOST_TEST(assess_opensdg(in, p).label == "moderate_progress");
  p.m1_med = pv;
  BOOST_TEST(assess_opensdg(in, p).label == "moderate_progress");
  p.m1_med = up(pv);
  BOOST_TEST(assess_opensdg(in, p).label == "limited_progress");
  p.m1_low = pv;
  BOOST_TEST(assess_opensdg(in, p).label == "limited_progress");
  p.m1_low = up(pv);
  BOOST_TEST(assess_opensdg(in, p).label == "deterioration");
  // Custom thresholds do not move the hard-coded score (the original's pitfall): with
  // m1_low above pv the status is deterioration but the score is max(125·pv − 2.5, −5).
  BOOST_TEST(assess_opensdg(in, p).at("score") == 125 * pv - 2.5, tt::tolerance(1e-12));
}

// Target achieved is tested first and overrides the trend (score 5), lower is better: ≤.
BOOST_AUTO_TEST_CASE(target_achieved_overrides) {
  auto in = series({2015, 2020}, {10, 12}, -1);
  in.target = 12.0;  // 12 ≤ 12 → achieved although the value rose
  const auto r = assess_opensdg(in);
  BOOST_TEST(r.label == "target_achieved");
  BOOST_TEST(r.label_text == "Target achieved");
  BOOST_TEST(r.at("score") == 5.0);
  in.target = 11.999;
  BOOST_TEST(assess_opensdg(in).label == "deterioration");
}

// Target 0 → 0.001 with a warning (lower is better, 10 (2015) → 5 (2020), by 2030):
// CAGR_r = (0.001/10)^(1/15) − 1 = −0.458830; CAGR_o = 0.5^(1/5) − 1 = −0.129449;
// pv = −1·(−0.129449)/0.458830 = 0.282129 → limited; score = 4.1667·0.282129 − 2.5 = −1.32445.
BOOST_AUTO_TEST_CASE(target_zero_replaced) {
  auto in = series({2015, 2020}, {10, 5}, -1);
  in.target = 0.0;
  in.target_year = 2030;
  const auto r = assess_opensdg(in);
  BOOST_TEST(r.at("target") == 0.001);
  BOOST_TEST(r.at("progress_value") == 0.2821291, tt::tolerance(1e-6));
  BOOST_TEST(r.label == "limited_progress");
  BOOST_TEST(r.at("score") == -1.3244526, tt::tolerance(1e-6));
  BOOST_TEST(r.warnings.size() == 1u);
  BOOST_TEST(r.warnings[0].find("0.001") != std::string::npos);
}

// Base 0 → 0.001 (method 1, higher is better, 0 → 2 over 5 years): growth = 2000^(1/5) − 1 = 3.57305.
// Base 0 and a negative current value: opposite signs after the replacement → not available.
BOOST_AUTO_TEST_CASE(zero_and_negative_base) {
  const auto r = assess_opensdg(series({2015, 2020}, {0, 2}));
  BOOST_TEST(r.at("progress_value") == 3.5730505, tt::tolerance(1e-6));
  BOOST_TEST(r.label == "substantial_progress");
  BOOST_TEST(r.at("base_value") == 0.0);  // the observed base is reported
  const auto n = assess_opensdg(series({2015, 2020}, {0, -1}));
  BOOST_TEST(n.label == "not_available");
  BOOST_TEST(n.label_text == "Unable to assess");
  BOOST_TEST(n.reason == "sign_change");
  BOOST_TEST(assess_opensdg(series({2015, 2020}, {5, -1})).reason == "sign_change");
  // Both negative: sign = −1. −10 → −5 (higher is better, rising): growth = 0.5^(1/5) − 1 =
  // −0.129449; pv = (−1)·1·(−0.129449) = +0.129449 → substantial.
  const auto neg = assess_opensdg(series({2015, 2020}, {-10, -5}));
  BOOST_TEST(neg.at("sign") == -1);
  BOOST_TEST(neg.at("progress_value") == 0.1294494, tt::tolerance(1e-6));
  BOOST_TEST(neg.label == "substantial_progress");
}

// Target = base: the original divides by zero; here not_available with a reason — unless the
// current value meets the target (achieved first, score 5).
BOOST_AUTO_TEST_CASE(target_equal_to_base) {
  auto in = series({2015, 2020}, {50, 48});
  in.target = 50.0;
  const auto r = assess_opensdg(in);
  BOOST_TEST(r.label == "not_available");
  BOOST_TEST(r.reason == "base_equals_target");
  in.values = {50, 52};
  BOOST_TEST(assess_opensdg(in).label == "target_achieved");
  BOOST_TEST(assess_opensdg(in).at("score") == 5.0);
}

// Base past the target (lower is better, target 10, base 8 → 12): |CAGR_r| keeps the sign right.
// CAGR_o = 1.5^(1/5) − 1 = 0.084472; CAGR_r = 1.25^(1/15) − 1 = 0.014987;
// pv = −0.084472/0.014987 = −5.63617 → deterioration, score max(4.1667·pv − 2.5, −5) = −5.
BOOST_AUTO_TEST_CASE(base_past_target) {
  auto in = series({2015, 2020}, {8, 12}, -1);
  in.target = 10.0;
  const auto r = assess_opensdg(in);
  BOOST_TEST(r.at("progress_value") == -5.636171, tt::tolerance(1e-6));
  BOOST_TEST(r.label == "deterioration");
  BOOST_TEST(r.at("score") == -5.0);
}

// Base year: 2015 missing → the next year after it with data (2016, not 2014); irregular years.
BOOST_AUTO_TEST_CASE(base_year_rules_and_irregular_years) {
  const auto r = assess_opensdg(series({2014, 2016, 2020}, {1, 100, 121}));
  BOOST_TEST(r.at("base_year") == 2016);
  BOOST_TEST(r.at("progress_value") == std::pow(1.21, 0.25) - 1, tt::tolerance(1e-12));
  // No year at or after the base year → not available (the original crashes there).
  BOOST_TEST(assess_opensdg(series({2010, 2012}, {1, 2})).reason == "no_data_after_base");
  // The input's base year wins over the default.
  auto in = series({2010, 2012, 2020}, {100, 200, 400});
  in.base_year = 2010;
  BOOST_TEST(assess_opensdg(in).at("base_year") == 2010);
}

BOOST_AUTO_TEST_CASE(single_point_and_duplicates) {
  const auto one = assess_opensdg(series({2020}, {5}));
  BOOST_TEST(one.label == "not_available");
  BOOST_TEST(one.reason == "zero_span");
  BOOST_TEST(!one.component("score"));
  auto met = series({2020}, {5}, -1);
  met.target = 6.0;  // achieved even without a progress value: score 5
  BOOST_TEST(assess_opensdg(met).label == "target_achieved");
  BOOST_TEST(assess_opensdg(met).at("score") == 5.0);
  BOOST_TEST(assess_opensdg(series({2016, 2016}, {1, 2})).reason == "duplicate_year");
}

BOOST_AUTO_TEST_CASE(limit_ignored_with_target) {
  auto in = series({2015, 2020}, {50, 60});
  in.target = 80.0;
  in.upper_bound = 100.0;
  const auto r = assess_opensdg(in);
  BOOST_TEST(!r.component("C"));
  BOOST_TEST(r.warnings.size() == 1u);
  BOOST_TEST(r.warnings[0].find("ignoring limit") != std::string::npos);
}

// Aggregation: mean of scores; [2.5, 5] substantial, [0, 2.5) moderate, [−2.5, 0) limited,
// [−5, −2.5) deterioration; target_achieved only when every scored series is achieved.
BOOST_AUTO_TEST_CASE(aggregation) {
  // (5 + 2 − 1)/3 = 2 → moderate.
  const auto a = aggregate_opensdg({scored("target_achieved", 5), scored("moderate_progress", 2),
                                    scored("limited_progress", -1), method_result{}});
  BOOST_TEST(a.at("score") == 2.0);
  BOOST_TEST(a.label == "moderate_progress");
  BOOST_TEST(a.at("n_scored") == 3);
  BOOST_TEST(a.at("n_unscored") == 1);
  BOOST_TEST(aggregate_opensdg({scored("target_achieved", 5), scored("target_achieved", 5)}).label ==
             "target_achieved");
  BOOST_TEST(aggregate_opensdg({scored("x", 2.5)}).label == "substantial_progress");
  BOOST_TEST(aggregate_opensdg({scored("x", 0)}).label == "moderate_progress");
  BOOST_TEST(aggregate_opensdg({scored("x", -2.5)}).label == "limited_progress");
  BOOST_TEST(aggregate_opensdg({scored("x", std::nextafter(-2.5, -3.0))}).label == "deterioration");
  // Nested groups: (5 + 3)/2 = 4 and (−5)/1 → (4 − 5)/2 = −0.5 → limited.
  const auto g1 = aggregate_opensdg({scored("target_achieved", 5), scored("substantial_progress", 3)});
  const auto g2 = aggregate_opensdg({scored("deterioration", -5)});
  BOOST_TEST(aggregate_opensdg({g1, g2}).at("score") == -0.5);
  // The earlier version aggregated with min.
  BOOST_TEST(aggregate_opensdg({scored("a", 4), scored("b", -1)}, true).at("score") == -1.0);
  BOOST_TEST(aggregate_opensdg({method_result{}}).reason == "no_data");
}
