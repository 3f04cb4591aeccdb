// SDSN mode: the normalised score, the five arrows against the linear rate needed to reach the
// green threshold, boundary sides, the closest-year rule, capping above green, the goal trend and
// the 75 % coverage rule, and the pitfalls.
#define BOOST_TEST_MODULE assess_sdsn
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <string>
#include <vector>

#include <ontrack/assess/sdsn.hpp>

#include "assess_test_support.hpp"

namespace tt = boost::test_tools;
using namespace ontrack::assess;

namespace {
// Higher is better, bounds 0 (worst) and 100 (best), green threshold 80 by 2030, period from 2015.
method_input series(std::vector<int> years, std::vector<double> values, int direction = 1, double green = 80) {
  const auto in = testing::series_to_2030(std::move(years), std::move(values), direction, green);
  return testing::with_bounds(in, 0.0, 100.0);
}
method_result with_points(const std::string& label, double pts) {
  return testing::labelled(label, "trend_points", pts);
}
}  // namespace

BOOST_AUTO_TEST_CASE(score_normalisation) {
  BOOST_TEST(sdsn_score(65, 100, 0) == 65.0);
  BOOST_TEST(sdsn_score(120, 100, 0) == 100.0);  // censored at 100
  BOOST_TEST(sdsn_score(-5, 100, 0) == 0.0);     // censored at 0
  BOOST_TEST(sdsn_score(35, 0, 100) == 65.0);    // lower is better: bounds reversed, 100·(35 − 100)/(0 − 100)
  BOOST_CHECK_THROW(sdsn_score(1, 5, 5), std::invalid_argument);
}

// Required = (green − start score)/(2030 − 2015) = (80 − 50)/15 = 2 points a year.
// 50 → 65 (2015 → 2020): rate = 15/5 = 3 ≥ 2 → on track.
// 50 → 60: rate 2 = required → on track (≥). 50 → 57: 1.4 > 0.5·2 → moderately improving.
// 50 → 55: rate 1 = 50 % of required → stagnating (0 ≤ rate ≤ 50 %). 50 → 50: 0 → stagnating.
// 50 → 45: rate −1 → decreasing.
BOOST_AUTO_TEST_CASE(arrows_and_boundary_sides) {
  const auto r = assess_sdsn(series({2015, 2020}, {50, 65}));
  BOOST_TEST(r.at("rate") == 3.0);
  BOOST_TEST(r.at("required_rate") == 2.0);
  BOOST_TEST(r.label == "on_track");
  BOOST_TEST(r.label_text == "\xE2\x86\x91 on track");
  BOOST_TEST(assess_sdsn(series({2015, 2020}, {50, 60})).label == "on_track");
  BOOST_TEST(assess_sdsn(series({2015, 2020}, {50, 57})).label == "moderately_improving");
  BOOST_TEST(assess_sdsn(series({2015, 2020}, {50, 55})).label == "stagnating");
  BOOST_TEST(assess_sdsn(series({2015, 2020}, {50, 55.01})).label == "moderately_improving");
  BOOST_TEST(assess_sdsn(series({2015, 2020}, {50, 50})).label == "stagnating");
  BOOST_TEST(assess_sdsn(series({2015, 2020}, {50, 45})).label == "decreasing");
  BOOST_TEST(assess_sdsn(series({2015, 2020}, {50, 45})).at("trend_points") == 0.0);
}

// At or above green → maintaining, whatever the trend (80 itself counts).
BOOST_AUTO_TEST_CASE(maintaining) {
  BOOST_TEST(assess_sdsn(series({2015, 2020}, {90, 85})).label == "maintaining");
  BOOST_TEST(assess_sdsn(series({2015, 2020}, {50, 80})).label == "maintaining");
  BOOST_TEST(assess_sdsn(series({2020}, {85})).label == "maintaining");  // one point suffices
}

// Lower is better, best = lower bound 0, worst = upper bound 100: score = 100 − x.
// Green 20 → score 80. 50 (score 50) → 35 (score 65): rate 3 ≥ 2 → on track.
BOOST_AUTO_TEST_CASE(lower_is_better) {
  const auto r = assess_sdsn(series({2015, 2020}, {50, 35}, -1, 20));
  BOOST_TEST(r.at("score_green") == 80.0);
  BOOST_TEST(r.at("score_latest") == 65.0);
  BOOST_TEST(r.label == "on_track");
}

// Movements above green are ignored: start 90 (score capped at 80) → 70: rate (70 − 80)/5 = −2.
BOOST_AUTO_TEST_CASE(cap_at_green) {
  const auto r = assess_sdsn(series({2015, 2020}, {90, 70}));
  BOOST_TEST(r.at("rate") == -2.0);
  BOOST_TEST(r.label == "decreasing");
  sdsn_params p;
  p.cap_at_green = false;
  BOOST_TEST(assess_sdsn(series({2015, 2020}, {90, 70}), p).at("rate") == -4.0);
}

// A missing start year takes the closest value at most 1 year away (the later on a tie):
// 2014: 50, 2016: 52, 2020: 60 → start 2016: rate (60 − 52)/4 = 2; required (80 − 52)/14 = 2.
// Irregular data 2013, 2020 → no start value within a year.
BOOST_AUTO_TEST_CASE(closest_year_rule_and_irregular_years) {
  const auto r = assess_sdsn(series({2014, 2016, 2020}, {50, 52, 60}));
  BOOST_TEST(r.at("start_year") == 2016);
  BOOST_TEST(r.at("rate") == 2.0);
  BOOST_TEST(r.at("required_rate") == 2.0);
  BOOST_TEST(r.label == "on_track");
  BOOST_TEST(assess_sdsn(series({2014, 2020}, {50, 60})).at("start_year") == 2014);
  const auto far = assess_sdsn(series({2013, 2020}, {50, 60}));
  BOOST_TEST(far.label == "not_available");
  BOOST_TEST(far.label_text == "information unavailable");
  BOOST_TEST(far.reason == "too_few_points");
  sdsn_params p;
  p.max_gap_years = 2;
  BOOST_TEST(assess_sdsn(series({2013, 2020}, {50, 60}), p).at("start_year") == 2013);
}

// Required from the latest year (option): (80 − 60)/(2030 − 2020) = 2; rate (60 − 50)/5 = 2 → on track.
BOOST_AUTO_TEST_CASE(required_from_latest_option) {
  sdsn_params p;
  p.required_from_latest = true;
  const auto r = assess_sdsn(series({2015, 2020}, {50, 60}), p);
  BOOST_TEST(r.at("required_rate") == 2.0);
  BOOST_TEST(r.label == "on_track");
}

BOOST_AUTO_TEST_CASE(pitfalls) {
  // Single point below green → no trend.
  BOOST_TEST(assess_sdsn(series({2020}, {50})).reason == "too_few_points");
  // No bounds → missing parameter; no green threshold → no target.
  auto in = series({2015, 2020}, {50, 60});
  in.lower_bound.reset();
  BOOST_TEST(assess_sdsn(in).reason == "missing_parameter");
  sdsn_params p;
  p.worst = 0.0;
  BOOST_TEST(assess_sdsn(in, p).label == "on_track");
  in = series({2015, 2020}, {50, 60});
  in.target.reset();
  BOOST_TEST(assess_sdsn(in).reason == "no_target");
  // Green threshold at the worst bound 0 ("target of 0" in score terms): any score ≥ 0 maintains.
  BOOST_TEST(assess_sdsn(series({2015, 2020}, {50, 40}, 1, 0)).label == "maintaining");
  // Natural bound 100 %: a value above the best bound is censored to 100 (≥ green).
  BOOST_TEST(assess_sdsn(series({2015, 2020}, {90, 105}, 1, 100)).at("score_latest") == 100.0);
  BOOST_TEST(assess_sdsn(series({2015, 2020}, {90, 105}, 1, 100)).label == "maintaining");
  // Negative values are fine (a linear score), zero span is not possible (distinct years).
  BOOST_TEST(assess_sdsn(series({2015, 2020}, {-10, 30}, 1, 80)).at("score_start") == 0.0);
  BOOST_TEST(assess_sdsn(series({2015, 2015}, {1, 2})).reason == "duplicate_year");
}

// Goal trend: mean of the points (decreasing 0, stagnating 1, moderately 2, maintaining 3,
// on track 4); (4 + 2 + 1)/3 = 2.333 → moderately improving. Coverage 3/4 = 75 % → reported;
// 2/4 → not available.
BOOST_AUTO_TEST_CASE(goal_trend_and_coverage) {
  const method_result na;  // no trend data
  const auto g = aggregate_sdsn({with_points("on_track", 4), with_points("moderately_improving", 2),
                                 with_points("stagnating", 1), na});
  BOOST_TEST(g.at("coverage") == 0.75);
  BOOST_TEST(g.at("mean_points") == 7.0 / 3, tt::tolerance(1e-12));
  BOOST_TEST(g.label == "moderately_improving");
  const auto low = aggregate_sdsn({with_points("on_track", 4), with_points("stagnating", 1), na, na});
  BOOST_TEST(low.label == "not_available");
  BOOST_TEST(low.reason == "insufficient_coverage");
  BOOST_TEST(aggregate_sdsn({with_points("maintaining", 3), with_points("maintaining", 3)}).label == "maintaining");
  // Exactly 3 from (2 + 4)/2 cannot be "maintaining" (not all maintained): on track ([3, 4]).
  BOOST_TEST(aggregate_sdsn({with_points("moderately_improving", 2), with_points("on_track", 4)}).label == "on_track");
  BOOST_TEST(aggregate_sdsn({with_points("stagnating", 1)}).label == "stagnating");    // 1 → [1, 2)
  BOOST_TEST(aggregate_sdsn({with_points("decreasing", 0), with_points("moderately_improving", 2)}).label ==
             "stagnating");  // mean 1
  BOOST_TEST(aggregate_sdsn({with_points("decreasing", 0)}).label == "decreasing");
  // Per-indicator results feed it directly.
  const auto a = assess_sdsn(series({2015, 2020}, {50, 65}));
  const auto b = assess_sdsn(series({2015, 2020}, {50, 45}));
  BOOST_TEST(aggregate_sdsn({a, b}).at("mean_points") == 2.0);  // (4 + 0)/2
}
