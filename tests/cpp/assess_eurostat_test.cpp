// Eurostat mode: RR classes with a target, d·CAGR classes without, every boundary side, and the
// pitfalls (lower is better, target = base, target 0, base past the target, zero/negative values,
// one point, irregular years, a natural bound of 100 %).
#define BOOST_TEST_MODULE assess_eurostat
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <stdexcept>
#include <vector>

#include <ontrack/assess/eurostat.hpp>

#include "assess_test_support.hpp"

namespace tt = boost::test_tools;
using namespace ontrack::assess;
using namespace ontrack::assess::testing;

// Spec § 10 worked check: target < 12 by 2030, 16 in 2020, 14.5 in 2023, lower is better.
// Window start = first observation ≥ 2023 − 15 = 2008 → 2020.
// CAGR_r = (12/16)^(1/10) − 1 = 0.75^0.1 − 1 = −0.028358 (−2.84 %/yr)
// CAGR_a = (14.5/16)^(1/3) − 1 = 0.90625^(1/3) − 1 = −0.032281 (−3.23 %/yr)
// RR = d·CAGR_a/|CAGR_r| = 0.032281/0.028358 = 1.1383 ≥ 0.95 → significant progress.
BOOST_AUTO_TEST_CASE(worked_check_section_10) {
  auto in = series({2020, 2023}, {16.0, 14.5}, -1);
  in.target = 12.0;
  in.target_year = 2030;
  const auto r = assess_eurostat(in);
  BOOST_TEST(r.assessable());
  BOOST_TEST(r.label == "significant_progress");
  BOOST_TEST(r.label_text == "significant progress towards the EU target");
  BOOST_TEST(r.at("cagr_required") == -0.0283583, tt::tolerance(1e-5));
  BOOST_TEST(r.at("cagr_actual") == -0.0322808, tt::tolerance(1e-5));
  BOOST_TEST(r.at("ratio") == 1.138319, tt::tolerance(1e-5));
  BOOST_TEST(r.at("base_year") == 2020);
  BOOST_TEST(r.years_used == (std::vector<int>{2020, 2023}));
  BOOST_TEST(r.method == "eurostat");
  BOOST_TEST(!r.version.empty());
  BOOST_TEST(r.variant == "long_term/target");
}

// RR cut-offs are ≥: a ratio equal to a cut-off is in the upper class, one ulp below is not.
BOOST_AUTO_TEST_CASE(rr_boundary_sides) {
  auto in = series({2020, 2023}, {16.0, 14.5}, -1);
  in.target = 12.0;
  in.target_year = 2030;
  const double rr = assess_eurostat(in).at("ratio");
  eurostat_params p;
  p.rr_significant = rr;
  BOOST_TEST(assess_eurostat(in, p).label == "significant_progress");
  p.rr_significant = up(rr);
  BOOST_TEST(assess_eurostat(in, p).label == "moderate_progress");
  p.rr_moderate = rr;
  BOOST_TEST(assess_eurostat(in, p).label == "moderate_progress");
  p.rr_moderate = up(rr);
  BOOST_TEST(assess_eurostat(in, p).label == "insufficient_progress");
  p.rr_insufficient = rr;
  BOOST_TEST(assess_eurostat(in, p).label == "insufficient_progress");
  p.rr_insufficient = up(rr);
  BOOST_TEST(assess_eurostat(in, p).label == "movement_away");
}

// No target: d·CAGR > 1 % significant; [0, 1 %] moderate; [−1 %, 0) moderate away; < −1 % away.
BOOST_AUTO_TEST_CASE(no_target_classes_and_sides) {
  // 100 → 110.25 over 2 years: CAGR = 1.05 − 1 = 5 % > 1 %.
  BOOST_TEST(assess_eurostat(series({2018, 2020}, {100, 110.25})).label == "significant_progress");
  BOOST_TEST(assess_eurostat(series({2018, 2020}, {100, 110.25})).label_text ==
             "significant progress towards SD objectives");
  // 100 → 100.5 over 1 year: 0.5 % → moderate progress.
  BOOST_TEST(assess_eurostat(series({2019, 2020}, {100, 100.5})).label == "moderate_progress");
  // Constant: CAGR = 0 exactly → moderate progress (0 is in [0, 1 %]: ontrack's side).
  BOOST_TEST(assess_eurostat(series({2019, 2020}, {100, 100})).label == "moderate_progress");
  // 100 → 99.5: −0.5 % → moderate movement away.
  BOOST_TEST(assess_eurostat(series({2019, 2020}, {100, 99.5})).label == "moderate_movement_away");
  // 100 → 90.25 over 2 years: −5 % → significant movement away.
  BOOST_TEST(assess_eurostat(series({2018, 2020}, {100, 90.25})).label == "significant_movement_away");

  const auto in = series({2019, 2020}, {100, 101});
  const double x = assess_eurostat(in).at("cagr_actual");  // ≈ 1 %
  eurostat_params p;
  p.cagr_significant = x;  // > is strict: equal → moderate
  BOOST_TEST(assess_eurostat(in, p).label == "moderate_progress");
  p.cagr_significant = down(x);
  BOOST_TEST(assess_eurostat(in, p).label == "significant_progress");
  const auto away = series({2019, 2020}, {100, 99});
  const double y = assess_eurostat(away).at("cagr_actual");  // ≈ −1 %
  p = {};
  p.cagr_moderate_away = y;  // ≥ : equal → moderate movement away
  BOOST_TEST(assess_eurostat(away, p).label == "moderate_movement_away");
  p.cagr_moderate_away = up(y);
  BOOST_TEST(assess_eurostat(away, p).label == "significant_movement_away");
}

// Lower is better: d flips the sign. 100 → 90.25 over 2 years: CAGR −5 %, d·CAGR = +5 %.
BOOST_AUTO_TEST_CASE(lower_is_better) {
  const auto r = assess_eurostat(series({2018, 2020}, {100, 90.25}, -1));
  BOOST_TEST(r.label == "significant_progress");
  BOOST_TEST(r.at("signed_cagr") == 0.05, tt::tolerance(1e-12));
}

// Target = base: the required rate is 0 and RR does not exist → reason; but a latest value
// meeting the target that the trend keeps met is significant progress.
BOOST_AUTO_TEST_CASE(target_equal_to_base) {
  auto in = series({2015, 2020}, {50, 48});
  in.target = 50.0;
  in.target_year = 2030;
  const auto r = assess_eurostat(in);
  BOOST_TEST(r.label == "not_assessable");
  BOOST_TEST(r.reason == "base_equals_target");
  BOOST_TEST(!r.component("ratio"));
  // Met and rising: CAGR = (52/50)^(1/5) − 1 = 0.79 %, projection 52·1.0079^10 ≈ 56.3 ≥ 50.
  in.values = {50, 52};
  const auto met = assess_eurostat(in);
  BOOST_TEST(met.label == "significant_progress");
  BOOST_TEST(met.at("target_met") == 1.0);
  BOOST_TEST(met.at("projected_value") == 52 * std::pow(52.0 / 50.0, 2.0), tt::tolerance(1e-12));
}

// Target 0 (lower is better): CAGR_r = (0/10)^(1/…) − 1 = −1 exactly.
// 10 → 8 over 2 years: CAGR_a = √0.8 − 1 = −0.105573; RR = 0.105573/1 = 0.1056 → insufficient.
BOOST_AUTO_TEST_CASE(target_zero) {
  auto in = series({2018, 2020}, {10, 8}, -1);
  in.target = 0.0;
  in.target_year = 2030;
  const auto r = assess_eurostat(in);
  BOOST_TEST(r.at("cagr_required") == -1.0);
  BOOST_TEST(r.at("ratio") == 0.1055728, tt::tolerance(1e-6));
  BOOST_TEST(r.label == "insufficient_progress");
}

// Base already past the target (higher is better, target 50, base 60 → latest 45, not met):
// CAGR_a = 0.75^(1/5) − 1 = −0.055912; CAGR_r = (50/60)^(1/15) − 1 = −0.012081.
// Literal RR = −0.055912/−0.012081 = +4.628 → "significant progress" (the sign flip);
// ontrack's default d·CAGR_a/|CAGR_r| = −4.628 → movement away.
BOOST_AUTO_TEST_CASE(base_past_target) {
  auto in = series({2015, 2020}, {60, 45});
  in.target = 50.0;
  in.target_year = 2030;
  const auto r = assess_eurostat(in);
  BOOST_TEST(r.at("ratio") == -4.628058, tt::tolerance(1e-6));
  BOOST_TEST(r.label == "movement_away");
  eurostat_params p;
  p.literal_rr = true;
  const auto lit = assess_eurostat(in, p);
  BOOST_TEST(lit.at("ratio") == 4.628058, tt::tolerance(1e-6));
  BOOST_TEST(lit.label == "significant_progress");
}

// A met target that the trend does not keep met: 60 (2015) → 55 (2020), target ≥ 50 by 2030.
// Projection 55·(55/60)^(10/5) = 55·0.840278 = 46.215 < 50 → judged by RR → movement away.
BOOST_AUTO_TEST_CASE(met_target_falling_away) {
  auto in = series({2015, 2020}, {60, 55});
  in.target = 50.0;
  in.target_year = 2030;
  const auto r = assess_eurostat(in);
  BOOST_TEST(r.at("target_met") == 1.0);
  BOOST_TEST(r.at("projected_value") == 46.215278, tt::tolerance(1e-6));
  BOOST_TEST(r.label == "movement_away");
  // Rising and met: kept → the met label (a parameter).
  in.values = {45, 55};
  eurostat_params p;
  p.met_label = "moderate_progress";
  BOOST_TEST(assess_eurostat(in).label == "significant_progress");
  BOOST_TEST(assess_eurostat(in, p).label == "moderate_progress");
}

BOOST_AUTO_TEST_CASE(zero_and_negative_values) {
  BOOST_TEST(assess_eurostat(series({2015, 2020}, {0, 5})).reason == "base_zero");
  BOOST_TEST(assess_eurostat(series({2015, 2020}, {5, -1})).reason == "sign_change");
  BOOST_TEST(assess_eurostat(series({2015, 2020}, {-5, -1})).reason == "non_positive_value");
  // A fall to 0 is a defined rate of −1: significant movement away.
  const auto r = assess_eurostat(series({2018, 2020}, {10, 0}));
  BOOST_TEST(r.at("cagr_actual") == -1.0);
  BOOST_TEST(r.label == "significant_movement_away");
  for (const auto& x : {assess_eurostat(series({2015, 2020}, {0, 5}))})
    for (const auto& [k, v] : x.components) BOOST_TEST(std::isfinite(v), k);
}

BOOST_AUTO_TEST_CASE(single_point_and_windows) {
  const auto one = assess_eurostat(series({2020}, {5}));
  BOOST_TEST(one.label == "not_assessable");
  BOOST_TEST(one.reason == "too_few_points");
  // Short-term window: 2000…2020 → first observation ≥ 2015.
  std::vector<int> ys;
  std::vector<double> vs;
  for (int y = 2000; y <= 2020; ++y) ys.push_back(y), vs.push_back(100 + y - 2000);
  eurostat_params p;
  p.window_years = 5;
  const auto s = assess_eurostat(series(ys, vs), p);
  BOOST_TEST(s.variant == "short_term/no_target");
  BOOST_TEST(s.at("base_year") == 2015);
  BOOST_TEST(s.at("n_points") == 6);
  // Long-term: 2005 → 2020. min_points counts the observations inside the window.
  BOOST_TEST(assess_eurostat(series(ys, vs)).at("base_year") == 2005);
  p.window_years = 15;
  p.min_points = 17;
  BOOST_TEST(assess_eurostat(series(ys, vs), p).reason == "too_few_points");
}

// Irregular years: 2009, 2013, 2020; window starts 2005 → first observation 2009, span 11 years.
// CAGR = (121/100)^(1/11) − 1 = 0.017480.
BOOST_AUTO_TEST_CASE(irregular_years_and_order) {
  const auto r = assess_eurostat(series({2020, 2009, 2013}, {121, 100, 110}));
  BOOST_TEST(r.at("base_year") == 2009);
  BOOST_TEST(r.at("cagr_actual") == std::pow(1.21, 1.0 / 11) - 1, tt::tolerance(1e-12));
  BOOST_TEST(r.years_used == (std::vector<int>{2009, 2020}));
}

// Natural bound 100 %: 95 (2015) → 99.5 (2020), target 100 by 2030.
// CAGR_a = (99.5/95)^(1/5) − 1 = 0.009299; CAGR_r = (100/95)^(1/15) − 1 = 0.003425; RR = 2.715.
BOOST_AUTO_TEST_CASE(natural_bound_100) {
  auto in = series({2015, 2020}, {95, 99.5});
  in.target = 100.0;
  in.target_year = 2030;
  in.upper_bound = 100.0;
  const auto r = assess_eurostat(in);
  BOOST_TEST(r.at("ratio") == 2.714750, tt::tolerance(1e-6));
  BOOST_TEST(r.label == "significant_progress");
  in.values = {95, 100};  // at the bound: met, flat-or-rising trend keeps it met
  BOOST_TEST(assess_eurostat(in).label == "significant_progress");
  BOOST_TEST(assess_eurostat(in).at("target_met") == 1.0);
}

BOOST_AUTO_TEST_CASE(data_trouble_and_caller_errors) {
  BOOST_TEST(assess_eurostat(series({2015, 2015}, {1, 2})).reason == "duplicate_year");
  BOOST_TEST(assess_eurostat(series({}, {})).reason == "no_data");
  auto in = series({2015, 2018, 2022}, {100, 110, 500});
  in.as_of = 2020;  // 2022 ignored
  BOOST_TEST(assess_eurostat(in).at("latest_year") == 2018);
  BOOST_CHECK_THROW(assess_eurostat(series({2015, 2020}, {1})), std::invalid_argument);
  BOOST_CHECK_THROW(assess_eurostat(series({2015, 2020}, {1, std::nan("")})), std::invalid_argument);
  BOOST_CHECK_THROW(assess_eurostat(series({2015, 2020}, {1, 2}, 0)), std::invalid_argument);
  try {
    assess_eurostat(series({2015, 2020}, {1}));
  } catch (const std::invalid_argument& e) {
    BOOST_TEST(std::string(e.what()).find("same length") != std::string::npos);
  }
  // Target year not after the window's base.
  auto t = series({2015, 2020}, {10, 12});
  t.target = 20.0;
  t.target_year = 2015;
  BOOST_TEST(assess_eurostat(t).reason == "target_year_not_after_base");
}

BOOST_AUTO_TEST_CASE(aggregate_counts_classes) {
  auto in = series({2018, 2020}, {100, 110.25});
  const auto sig = assess_eurostat(in);
  const auto away = assess_eurostat(series({2018, 2020}, {100, 90.25}));
  const auto na = assess_eurostat(series({2020}, {1}));
  const auto a = aggregate_eurostat({sig, sig, away, na});
  BOOST_TEST(a.at("n_significant_progress") == 2);
  BOOST_TEST(a.at("n_significant_movement_away") == 1);
  BOOST_TEST(a.at("n_assessed") == 3);
  BOOST_TEST(a.at("n_not_assessable") == 1);
  BOOST_TEST(a.label == "significant_progress");
  // A tie goes to the less favourable class.
  BOOST_TEST(aggregate_eurostat({sig, away}).label == "significant_movement_away");
  BOOST_TEST(aggregate_eurostat({na}).reason == "no_data");
}
