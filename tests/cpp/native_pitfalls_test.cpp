// The pitfalls other progress tools fell into (docs/assessment.md § Pitfalls), the default model
// rule (count models for small numbers, logit near a bound), and the warnings of one assessment.
#define BOOST_TEST_MODULE native_pitfalls
#include <boost/test/unit_test.hpp>

#include <limits>

#include "native_test_support.hpp"

namespace tt = boost::test_tools;
using namespace native_test;

// Target equal to the baseline (2016: 10): at_least 10 by 2030 → P(Y ≥ 10) = F₃(12.8/3.14325) =
// 0.98664; 14 ≥ 10 already → achieved. The required change is negative (slack), not a division by 0:
// (10 − 14)/10 = −0.4 a year; relative (10/14)^(1/10) − 1 = −3.3083 %.
BOOST_AUTO_TEST_CASE(target_equal_to_the_baseline) {
  const auto a = case_data(series_a()).run(at_least(10, 2030), 2020);
  BOOST_TEST(a.status == progress_status::achieved);
  BOOST_TEST(*a.component("p_meet") == 0.98664, tt::tolerance(1e-4));
  BOOST_TEST(*a.component("required_annual_change") == -0.4, tt::tolerance(1e-12));
  BOOST_TEST(*a.component("required_relative_change") == std::pow(10.0 / 14, 0.1) - 1, tt::tolerance(1e-12));
}

// Target of 0 (lower is better): at_most 0 by 2030 on 14, 12, 13, 11, 10: P(Y ≤ 0) = F₃(−1.2/3.14325)
// = 0.36403 → at_risk; the required relative change is (0/10)^(1/10) − 1 = −100 %, defined.
BOOST_AUTO_TEST_CASE(target_of_zero) {
  const auto a = case_data(series_a_down()).run(at_most(0, 2030), 2020);
  BOOST_TEST(*a.component("p_meet") == t3_cdf(-1.2 / se_a_2030), tt::tolerance(1e-12));
  BOOST_TEST(a.status == progress_status::at_risk);
  BOOST_TEST(*a.component("required_relative_change") == -1.0);
}

// Baseline already past the target: at_least 8 while every value is ≥ 10. Achieved, expected year
// = the latest year, required change (8 − 14)/10 = −0.6 (room to fall).
BOOST_AUTO_TEST_CASE(baseline_already_past_the_target) {
  const auto a = case_data(series_a()).run(at_least(8, 2030), 2020);
  BOOST_TEST(a.status == progress_status::achieved);
  BOOST_TEST(*a.component("expected_year") == 2020);
  BOOST_TEST(*a.component("required_annual_change") == -0.6, tt::tolerance(1e-12));
}

// Zero or negative values: a growth-rate model cannot take them, which is a status, not a crash; the
// default rule never offers log-linear for them, and no relative change is reported.
BOOST_AUTO_TEST_CASE(zero_and_negative_values_under_growth_rates) {
  case_data c(make_series("y", {2016, 2017, 2018, 2019, 2020}, {0, 1, 2, 3, 4}));
  c.params.model = "log_linear";
  const auto a = c.run(at_least(10, 2030), 2020);
  BOOST_TEST(a.status == progress_status::not_assessable);
  BOOST_TEST(a.reason == "outside_domain");
  BOOST_TEST(a.message.find("2016") != std::string::npos);  // names the year of the 0
  case_data d(make_series("y", {2016, 2017, 2018, 2019, 2020}, {-2, -1, 0, 1, 2}));
  d.params.model = "default";
  const auto b = d.run(at_least(10, 2030), 2020);
  BOOST_TEST(b.reason == "");
  BOOST_TEST(b.model != "log_linear");
  BOOST_TEST(!b.component("observed_relative_change").has_value());
}

// A single data point: no trend, so no probability (too_few_points, with the one year named) —
// unless the target's own year is observed, which decides it.
BOOST_AUTO_TEST_CASE(single_data_point) {
  case_data c(make_series("y", {2020}, {14}));
  const auto a = c.run(at_least(20, 2030), 2020);
  BOOST_TEST(a.reason == "too_few_points");
  BOOST_TEST(a.message.find("(2020)") != std::string::npos);
  BOOST_TEST(*a.component("latest_value") == 14);
  BOOST_TEST(c.run(at_least(12, 2020), 2020).status == progress_status::achieved);
}

// Irregular years 2015, 2016, 2019, 2020 = 10, 11, 13, 14: x̄ = 2017.5, Sxx = 17, Sxy = 13 → slope
// 13/17; RSS = 10 − 13²/17 = 1/17, s² = 1/34 (2 df). 2030: μ = 12 + (13/17)·12.5 = 21.5588,
// se² = (1/34)(1 + 1/4 + 12.5²/17) → se = 0.55416; P(Y ≥ 20) = F₂(1.5588/0.55416) = 0.94672.
BOOST_AUTO_TEST_CASE(irregular_years) {
  case_data c(make_series("y", {2015, 2016, 2019, 2020}, {10, 11, 13, 14}));
  const auto a = c.run(at_least(20, 2030), 2020);
  const double se = std::sqrt((1.0 / 34) * (1.25 + 156.25 / 17));
  BOOST_TEST(*a.component("projected_value") == 12 + 13.0 / 17 * 12.5, tt::tolerance(1e-12));
  BOOST_TEST(*a.component("p_meet") == t2_cdf((12 + 13.0 / 17 * 12.5 - 20) / se), tt::tolerance(1e-12));
  BOOST_TEST(*a.component("p_meet") == 0.94672, tt::tolerance(1e-4));
  BOOST_TEST(a.status == progress_status::on_track);
}

// An indicator at its natural bound: 100 % cannot be a logit value, so the default rule does not
// use logit (a linear trend is chosen) and the projection is shown within [0, 100]. Near the bound
// but inside it (96 %, within 10 % of the range of 100), the default is logit, which cannot cross it.
BOOST_AUTO_TEST_CASE(natural_bound) {
  case_data at(make_series("y", {2018, 2019, 2020}, {98, 99, 100}));
  at.ind = make_indicator("y", scale::percent);
  at.params.model = "default";
  const auto a = at.run(at_least(95, 2030), 2020);
  BOOST_TEST(a.reason == "");
  BOOST_TEST(a.model == "linear");
  BOOST_TEST(*a.component("projected_value") == 100);       // 110 on the line, kept at the bound
  BOOST_TEST(*a.component("projected_value_upper") == 100);
  case_data near(make_series("y", {2016, 2017, 2018, 2019, 2020}, {91, 93, 94, 95, 96}));
  near.ind = make_indicator("y", scale::percent);
  near.params.model = "default";
  const auto b = near.run(at_least(98, 2030), 2020);
  BOOST_TEST(b.model == "logit");
  BOOST_TEST(*b.component("projected_value_upper") < 100);
}

// Small counts: 1,000 births a year and 3, 2, 2, 1, 1 deaths (300 … 100 per 100,000). A straight line
// through the rates falls 50 a year (Sxy = −500, Sxx = 10) to 180 − 50·12 = −420 in 2030 and calls
// "≤ 150" near certain; the default rule fits the counts (Poisson, log link) instead, whose
// interval for two expected deaths a year is wide, so the verdict is far from certain.
BOOST_AUTO_TEST_CASE(small_counts_use_the_count_model) {
  series s = make_series("y", {2016, 2017, 2018, 2019, 2020}, {300, 200, 200, 100, 100});
  const double deaths[] = {3, 2, 2, 1, 1};
  for (std::size_t i = 0; i < 5; ++i) {
    s.observations[i].numerator = deaths[i];
    s.observations[i].denominator = 1000;
  }
  case_data c(s);
  c.ind = make_indicator("y", scale::per_100000);
  const auto linear = c.run(at_most(150, 2030), 2020);
  BOOST_TEST(*linear.component("projected_value") == 0);  // −420 kept at the bound 0
  BOOST_TEST(*linear.component("p_meet") > 0.99);
  c.params.model = "default";
  const auto counts = c.run(at_most(150, 2030), 2020);
  BOOST_TEST(counts.model == "poisson_rate");
  BOOST_TEST(*counts.component("p_meet") < 0.95);
  BOOST_TEST(*counts.component("projected_value_upper") > 150);
  c.params.model = "binomial_share";  // asked for; fine with counts
  BOOST_TEST(c.run(at_most(150, 2030), 2020).model == "binomial_share");
  case_data plain(series_a());
  plain.params.model = "poisson_rate";
  BOOST_TEST(plain.run(at_least(20, 2030), 2020).reason == "no_counts");
}

// An evaluation as of a past year sees only the data up to it.
BOOST_AUTO_TEST_CASE(as_of_cuts_the_data) {
  const auto a = case_data(series_a()).run(at_least(20, 2030), 2018);
  BOOST_TEST(*a.component("latest_year") == 2018);
  BOOST_TEST(*a.component("n_points") == 3);
  BOOST_TEST(a.years_used == std::vector<int>({2016, 2017, 2018}), tt::per_element());
}

// Data trouble is a status: no data, non-finite values, duplicate years.
BOOST_AUTO_TEST_CASE(data_trouble_is_a_status) {
  case_data empty;
  BOOST_TEST(empty.run(at_least(20, 2030), 2020).reason == "no_data");
  case_data nan(make_series("y", {2018, 2019, 2020}, {1, std::numeric_limits<double>::quiet_NaN(), 3}));
  BOOST_TEST(nan.run(at_least(20, 2030), 2020).reason == "non_finite_value");
  case_data twice(make_series("y", {2018, 2019, 2019}, {1, 2, 3}));
  BOOST_TEST(twice.run(at_least(20, 2030), 2020).reason == "duplicate_year");
}

// Stale data: 4 years old → a medium warning; 6 years (more than 5) → not assessable, high warning.
BOOST_AUTO_TEST_CASE(stale_data) {
  case_data c(series_a());
  const auto a = c.run(at_least(20, 2030), 2024);
  BOOST_TEST(a.reason == "");
  BOOST_TEST(a.has_warning("stale_data"));
  const auto b = c.run(at_least(20, 2030), 2026);
  BOOST_TEST(b.reason == "stale_data");
  BOOST_REQUIRE(b.has_warning("stale_data"));
  BOOST_TEST(b.warnings.front().severity == warning_severity::high);
}

// reversal: 13 → 12.5 in the last year while a floor asks for more.
BOOST_AUTO_TEST_CASE(reversal) {
  case_data c(make_series("y", {2016, 2017, 2018, 2019, 2020}, {10, 12, 11, 13, 12.5}));
  BOOST_TEST(c.run(at_least(20, 2030), 2020).has_warning("reversal"));
  BOOST_TEST(!case_data(series_a()).run(at_least(20, 2030), 2020).has_warning("reversal"));  // 13 → 14
}

// breach_risk: maintain_at_least 44 over 2016–2022 on 44, 46, 45, 46, 44 (μ = 45, s² = 4/3):
// 2021: se² = (4/3)(1.2 + 0.9) → P(Y ≥ 44) = F₃(1/1.67332) = 0.70390; 2022: se² = (4/3)(1.2 + 1.6)
// → F₃(1/1.93218) = 0.67974. Risk 1 − 0.70390·0.67974 = 0.52153 ≥ 0.5 → high severity.
BOOST_AUTO_TEST_CASE(breach_risk_warning_rule) {
  case_data c(make_series("y", {2016, 2017, 2018, 2019, 2020}, {44, 46, 45, 46, 44}));
  const auto a = c.run(window_target(target_kind::maintain_at_least, 44, 2016, 2022), 2020);
  const double p = t3_cdf(1 / std::sqrt(4.0 / 3 * 2.1)) * t3_cdf(1 / std::sqrt(4.0 / 3 * 2.8));
  BOOST_TEST(*a.component("breach_risk") == 1 - p, tt::tolerance(1e-12));
  BOOST_TEST(*a.component("breach_risk") == 0.52153, tt::tolerance(1e-4));
  BOOST_REQUIRE(a.has_warning("breach_risk"));
  for (const auto& w : a.warnings)
    if (w.code == "breach_risk") BOOST_TEST(w.severity == warning_severity::high);
  BOOST_TEST(a.status == progress_status::at_risk);  // p = 0.47847
}

// unstable_status from recomputed history: the same target as of 2017, 2018, 2019 and 2020.
// Series 10, 14, 10, 14, 10 … flips the latest value around the floor 12 every year.
BOOST_AUTO_TEST_CASE(unstable_status_from_history) {
  case_data c(make_series("y", {2014, 2015, 2016, 2017, 2018, 2019, 2020}, {14, 10, 14, 10, 14, 10, 14}));
  const auto t = at_least(12, 2030);
  std::vector<progress_status> seen;
  for (int y = 2017; y <= 2020; ++y) seen.push_back(c.run(t, y).status);
  int changes = 0;
  for (std::size_t i = 1; i < seen.size(); ++i) changes += seen[i] != seen[i - 1];
  const auto a = assess_native_with_history(t, c.ind, c.frame, series_index(c.data), 2020, c.params);
  BOOST_TEST(a.has_warning("unstable_status") == (changes >= 2));
  BOOST_TEST(changes >= 2);  // the data were made to flip
}
