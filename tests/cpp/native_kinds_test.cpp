// The native assessment of each of the fourteen target kinds (docs/targets.md, docs/assessment.md):
// the event each kind means, its probability from the linear projection, the status read from
// it, and the components. Every expectation is computed in the comments from the OLS formulas and
// the closed-form Student-t CDFs of native_test_support.hpp.
#define BOOST_TEST_MODULE native_kinds
#include <boost/test/unit_test.hpp>

#include "native_test_support.hpp"

namespace tt = boost::test_tools;
using namespace native_test;

// at_least 20 by 2030 on series A: P(Y₂₀₃₀ ≥ 20) = F₃((22.8 − 20)/3.14325) = F₃(0.8908) = 0.78067
// ≥ 0.66 → on_track (14 < 20: not yet met). Interval: t₀.₉₇₅,₃ = 3.18245 → 22.8 ± 10.0033.
// Required (20 − 14)/(2030 − 2020) = 0.6 a year, observed 0.9 (pace ratio 1.5); relative:
// (20/14)^(1/10) − 1 = 3.6311 %, (14/10)^(1/4) − 1 = 8.7757 %. Expected year: 12 + 0.9(t − 2018)
// ≥ 20 first at t = 2027 (20.1). Mid-term 2025: μ = 12 + 0.9·7 = 18.3.
BOOST_AUTO_TEST_CASE(at_least_reads_the_probability) {
  const auto a = case_data(series_a()).run(at_least(20, 2030), 2020);
  BOOST_TEST(a.reason == "");
  BOOST_TEST(a.status == progress_status::on_track);
  BOOST_TEST(*a.component("p_meet") == t3_cdf(2.8 / se_a_2030), tt::tolerance(1e-12));
  BOOST_TEST(*a.component("p_meet") == 0.78067, tt::tolerance(1e-4));
  BOOST_TEST(*a.component("projected_value") == 22.8, tt::tolerance(1e-12));
  BOOST_TEST(*a.component("projected_value_lower") == 22.8 - 3.182446305 * se_a_2030, tt::tolerance(1e-8));
  BOOST_TEST(*a.component("projected_value_upper") == 22.8 + 3.182446305 * se_a_2030, tt::tolerance(1e-8));
  BOOST_TEST(*a.component("projected_midterm") == 18.3, tt::tolerance(1e-12));
  BOOST_TEST(*a.component("required_annual_change") == 0.6, tt::tolerance(1e-12));
  BOOST_TEST(*a.component("observed_annual_change") == 0.9, tt::tolerance(1e-12));
  BOOST_TEST(*a.component("pace_ratio") == 1.5, tt::tolerance(1e-12));
  BOOST_TEST(*a.component("required_relative_change") == 0.036311209910314224, tt::tolerance(1e-9));
  BOOST_TEST(*a.component("observed_relative_change") == 0.08775730593727715, tt::tolerance(1e-9));
  BOOST_TEST(*a.component("expected_year") == 2027);
  BOOST_TEST(*a.component("latest_year") == 2020);
  BOOST_TEST(*a.component("latest_value") == 14);
  BOOST_TEST(*a.component("baseline_year") == 2016);  // the plan's base year
  BOOST_TEST(*a.component("baseline_value") == 10);
  BOOST_TEST(*a.component("n_points") == 5);
  BOOST_TEST(a.model == "linear");
  BOOST_TEST(a.years_used == std::vector<int>({2016, 2017, 2018, 2019, 2020}), tt::per_element());
}

// at_most 4 by 2030 on the mirrored series: P(Y ≤ 4) = F₃((4 − 1.2)/3.14325) = 0.78067, the same
// number as above: a lower-is-better indicator is read the right way round.
BOOST_AUTO_TEST_CASE(at_most_is_the_mirror) {
  const auto a = case_data(series_a_down()).run(at_most(4, 2030), 2020);
  BOOST_TEST(a.status == progress_status::on_track);
  BOOST_TEST(*a.component("p_meet") == t3_cdf(2.8 / se_a_2030), tt::tolerance(1e-12));
  BOOST_TEST(*a.component("required_annual_change") == -0.6, tt::tolerance(1e-12));  // (4 − 10)/10
  BOOST_TEST(*a.component("pace_ratio") == 1.5, tt::tolerance(1e-12));                // −0.9/−0.6
}

// Strict levels and interim targets, judged at their own year on observed data: in 2018 the
// value is 11. at_least 11 → 11 ≥ 11 (以上 includes the number) → achieved, p = 1; strict → 11 > 11
// fails → missed, with the year and its value in the missed sentence.
// at_least 12 by 2019 (no 2019 observation in 2016, 2017, 2018, 2020): the line between 2018 (11)
// and 2020 (14) gives 12.5 ≥ 12 → achieved, with a note that the year was interpolated.
BOOST_AUTO_TEST_CASE(strict_interim_and_interpolated_years) {
  case_data c(series_a());
  target interim = at_least(11, 2018);
  interim.interim = true;
  const auto met = c.run(interim, 2020);
  BOOST_TEST(met.status == progress_status::achieved);
  BOOST_TEST(*met.component("decided") == 1);
  BOOST_TEST(*met.component("p_meet") == 1);
  const auto strict = c.run(at_least(11, 2018, true), 2020);
  BOOST_TEST(strict.status == progress_status::missed);
  BOOST_TEST(*strict.component("p_meet") == 0);
  BOOST_REQUIRE(strict.has_warning("missed"));
  for (const auto& w : strict.warnings)
    if (w.code == "missed") {
      BOOST_TEST(w.en == "Missed: 2018 (11) was not above 11.");
      BOOST_TEST(w.severity == warning_severity::high);
    }

  case_data gap(make_series("y", {2016, 2017, 2018, 2020}, {10, 12, 11, 14}));
  const auto between = gap.run(at_least(12, 2019), 2020);
  BOOST_TEST(between.status == progress_status::achieved);
  BOOST_TEST(between.message.find("2019 is not observed") != std::string::npos);
}

// maintain_at_least 95 over 2020–2022 on a series at its bound (99, 100, 100 in 2018–2020):
// slope 0.5, ȳ = 99.6667, RSS = 1/6 (1 df): 2021: μ = 100.6667, se² = (1/6)(1 + 1/3 + 4/2) → se
// 0.74536, P(Y ≥ 95) = F₁(7.6026) = 0.95837; 2022: μ = 101.1667, se² = (1/6)(1 + 1/3 + 9/2) → se
// 0.98601, F₁(6.2542) = 0.94953. 2020 is observed (100 ≥ 95). The years are combined as
// independent, which for these positively correlated forecasts is conservative (Slepian):
// p_meet = 0.95837·0.94953 = 0.91000, breach risk 0.09000; the optimistic bound is the worst
// single year, 1 − 0.94953 = 0.05047. The projection (101.17 in 2022) is shown at the bound, 100.
BOOST_AUTO_TEST_CASE(maintain_at_least_breach_risk) {
  case_data c(make_series("y", {2018, 2019, 2020}, {99, 100, 100}));
  c.ind = make_indicator("y", scale::percent);
  const auto a = c.run(window_target(target_kind::maintain_at_least, 95, 2020, 2022), 2020);
  const double p21 = t1_cdf((100 + 2.0 / 3 - 95) / std::sqrt((1.0 / 6) * (1 + 1.0 / 3 + 2)));
  const double p22 = t1_cdf((101 + 1.0 / 6 - 95) / std::sqrt((1.0 / 6) * (1 + 1.0 / 3 + 4.5)));
  BOOST_TEST(*a.component("p_meet") == p21 * p22, tt::tolerance(1e-12));
  BOOST_TEST(*a.component("p_meet") == 0.91000, tt::tolerance(1e-4));
  BOOST_TEST(*a.component("breach_risk") == 1 - p21 * p22, tt::tolerance(1e-12));
  BOOST_TEST(*a.component("breach_risk_lower") == 1 - p22, tt::tolerance(1e-12));
  BOOST_TEST(*a.component("projected_value") == 100);  // 101.17 kept at the natural bound
  BOOST_TEST(a.status == progress_status::achieved);   // already above 95 and likely to stay
}

// maintain_at_least 95 over 2021–2030 with 94 observed in 2022: the target is already broken,
// whatever comes next: decided, p = 0, missed — and the sentence names 2022 (94) below 95.
// maintain_at_most 10 with 11 and 12 observed in 2021 and 2023: missed in those two years.
BOOST_AUTO_TEST_CASE(maintain_kinds_broken_in_an_observed_year) {
  case_data floor(make_series("y", {2021, 2022, 2023}, {96, 94, 97}));
  const auto a = floor.run(window_target(target_kind::maintain_at_least, 95, 2021, 2030), 2023);
  BOOST_TEST(a.status == progress_status::missed);
  BOOST_TEST(*a.component("decided") == 1);
  BOOST_TEST(*a.component("p_meet") == 0);
  BOOST_REQUIRE(a.has_warning("missed"));
  BOOST_TEST(a.warnings.back().zh ==
             "\xE6\x9C\xAA\xE8\xBE\xBE\xE6\xA0\x87\xEF\xBC\x9A" "2022\xE5\xB9\xB4\xEF\xBC\x88"
             "94\xEF\xBC\x89\xE4\xBD\x8E\xE4\xBA\x8E" "95\xE3\x80\x82");  // 未达标：2022年（94）低于95。
  case_data ceiling(make_series("y", {2021, 2022, 2023}, {11, 9, 12}));
  const auto b = ceiling.run(window_target(target_kind::maintain_at_most, 10, 2021, 2030), 2023);
  BOOST_TEST(b.status == progress_status::missed);
  BOOST_REQUIRE(b.has_warning("missed"));
  BOOST_TEST(b.warnings.back().en == "Missed: 2021 (11) and 2023 (12) were above 10.");
}

// about 45 ± 1 in 2030 on 44, 46, 45, 46, 44 (2016–2020): slope 0 (Sxy = 2 − 1 + 0 + 1 − 2),
// RSS = 4, s² = 4/3; 2030: μ = 45, se² = (4/3)·15.6 = 20.8, se = 4.56070.
// P(44 ≤ Y ≤ 46) = 2F₃(1/4.5607) − 1 = 0.15948 < 0.33 → off_track; 44 is in the band but the
// noise (residual SD √(4/3) = 1.155) dwarfs the margin to its edge (0): high_volatility; and the
// shortfall warning is high (p below the off-track band).
BOOST_AUTO_TEST_CASE(about_uses_its_band) {
  case_data c(make_series("y", {2016, 2017, 2018, 2019, 2020}, {44, 46, 45, 46, 44}));
  c.ind.direction = direction::none;  // a band both ways (a desired direction opens its far side)
  target t;
  t.kind = target_kind::about;
  t.value = 45;
  t.tolerance = 1;
  t.year = 2030;
  const auto a = c.run(t, 2020);
  BOOST_TEST(*a.component("p_meet") == 2 * t3_cdf(1 / std::sqrt(20.8)) - 1, tt::tolerance(1e-12));
  BOOST_TEST(*a.component("p_meet") == 0.15948, tt::tolerance(1e-4));
  BOOST_TEST(*a.component("target_lower") == 44);
  BOOST_TEST(*a.component("target_upper") == 46);
  BOOST_TEST(a.status == progress_status::off_track);
  BOOST_TEST(a.has_warning("high_volatility"));
  BOOST_TEST(a.has_warning("expected_shortfall"));
  for (const auto& w : a.warnings)
    if (w.code == "expected_shortfall") BOOST_TEST(w.severity == warning_severity::high);
  // Asymmetric band 45 −2/+0.5 → [43, 45.5]: P = F₃(0.5/4.5607) − F₃(−2/4.5607).
  t.tolerance.reset();
  t.tolerance_below = 2;
  t.tolerance_above = 0.5;
  const auto b = c.run(t, 2020);
  BOOST_TEST(*b.component("p_meet") == t3_cdf(0.5 / std::sqrt(20.8)) - t3_cdf(-2 / std::sqrt(20.8)), tt::tolerance(1e-12));
}

// "达到40%左右" (about 40 ± 2 by 2030) on a women's share that rose 39.8, 40.5, 41.0, 41.7
// (2020–2023). On an indicator whose direction is increase, overshooting the band upwards meets
// it: the range is [38, ∞), 41.7 is in it and the trend keeps it there → achieved, no warning
// that the rise is unfavourable. With no desired direction the band is two-sided, [38, 42]: the
// trend (+0.62 a year) leaves it by 2030, so the target is unlikely — but a value inside the band
// has no unfavourable direction, so the rise is neither a reversal nor "deteriorating".
BOOST_AUTO_TEST_CASE(about_overshooting_in_the_desired_direction_is_met) {
  case_data c(make_series("y", {2020, 2021, 2022, 2023}, {39.8, 40.5, 41.0, 41.7}));
  c.ind = make_indicator("y", scale::percent);
  target t;
  t.kind = target_kind::about;
  t.value = 40;
  t.tolerance = 2;
  t.year = 2030;
  const auto up = c.run(t, 2023);
  BOOST_TEST(*up.component("target_lower") == 38);
  BOOST_TEST(!up.component("target_upper"));  // open: more than the plan asked is no miss
  BOOST_TEST(up.status == progress_status::achieved);
  BOOST_TEST(!up.has_warning("reversal"));
  c.ind.direction = direction::decrease;  // the mirror: (−∞, 42], 41.7 in it, but rising towards its edge
  const auto down = c.run(t, 2023);
  BOOST_TEST(*down.component("target_upper") == 42);
  BOOST_TEST(!down.component("target_lower"));
  c.ind.direction = direction::none;
  const auto band = c.run(t, 2023);
  BOOST_TEST(*band.component("target_upper") == 42);
  BOOST_TEST(band.status == progress_status::off_track);
  BOOST_TEST(!band.has_warning("reversal"));
}

// The shortfall sentence opens with the target's own status: an at-risk target is not headed
// "off track". at_least 22 by 2030 on series A: P = F₃(0.8/3.14325) ≈ 0.59 → at_risk.
BOOST_AUTO_TEST_CASE(shortfall_sentence_names_the_status) {
  const auto a = case_data(series_a()).run(at_least(22, 2030), 2020);
  BOOST_REQUIRE(a.status == progress_status::at_risk);
  for (const auto& w : a.warnings)
    if (w.code == "expected_shortfall") {
      BOOST_TEST(w.en.rfind("At risk: ", 0) == 0);
      BOOST_TEST(w.zh.rfind("\xE5\xAD\x98\xE5\x9C\xA8\xE9\xA3\x8E\xE9\x99\xA9", 0) == 0);  // 存在风险
    }
  BOOST_TEST(a.has_warning("expected_shortfall"));
}

// increase over 2016–2030 on series A: y₂₀₃₀ > y₂₀₁₆ = 10: P = F₃(12.8/3.14325) = 0.98664, and 14 > 10
// already → achieved. min_pace 1 a year: y₂₀₃₀ ≥ 10 + 14 = 24: F₃(−1.2/3.14325) = 0.36403 → at_risk.
// min_pace_relative 5 %: y₂₀₃₀ ≥ 10·1.05¹⁴ = 19.7993: F₃(3.0007/3.14325) = 0.79491 → on_track.
BOOST_AUTO_TEST_CASE(increase_from_the_baseline) {
  case_data c(series_a());
  auto t = window_target(target_kind::increase, std::nullopt, 2016, 2030);
  const auto plain = c.run(t, 2020);
  BOOST_TEST(*plain.component("baseline_year") == 2016);
  BOOST_TEST(*plain.component("target_lower") == 10);
  BOOST_TEST(*plain.component("p_meet") == t3_cdf(12.8 / se_a_2030), tt::tolerance(1e-12));
  BOOST_TEST(plain.status == progress_status::achieved);
  t.min_pace = 1.0;
  const auto paced = c.run(t, 2020);
  BOOST_TEST(*paced.component("target_lower") == 24, tt::tolerance(1e-12));
  BOOST_TEST(*paced.component("p_meet") == 0.36403, tt::tolerance(1e-4));
  BOOST_TEST(paced.status == progress_status::at_risk);
  t.min_pace.reset();
  t.min_pace_relative = 0.05;
  const auto relative = c.run(t, 2020);
  BOOST_TEST(*relative.component("target_lower") == 10 * std::pow(1.05, 14), tt::tolerance(1e-12));
  BOOST_TEST(*relative.component("p_meet") == 0.79491, tt::tolerance(1e-4));
  BOOST_TEST(relative.status == progress_status::on_track);
}

// decrease over 2016–2030 on the mirrored series: y₂₀₃₀ < 14: P = F₃(12.8/3.14325) = 0.98664; 10 < 14
// already → achieved. A missing baseline (window from 2010, nothing within 2 years) is said.
BOOST_AUTO_TEST_CASE(decrease_from_the_baseline) {
  case_data c(series_a_down());
  const auto a = c.run(window_target(target_kind::decrease, std::nullopt, 2016, 2030), 2020);
  BOOST_TEST(*a.component("target_upper") == 14);
  BOOST_TEST(*a.component("p_meet") == t3_cdf(12.8 / se_a_2030), tt::tolerance(1e-12));
  BOOST_TEST(a.status == progress_status::achieved);
  const auto none = c.run(window_target(target_kind::decrease, std::nullopt, 2010, 2030), 2020);
  BOOST_TEST(none.status == progress_status::not_assessable);
  BOOST_TEST(none.reason == "no_baseline");
}

// increase_each_period, periods 2012–14, 2015–17, 2018–20, data = series A moved to 2012–2016
// (10, 12, 11, 13, 14; x̄ = 2014). Period values: 11 (2014) and 14 (2016, the second period so
// far): 14 > 11 holds. The third period is projected at 2020: μ = 12 + 0.9·6 = 17.4,
// se² = (1.9/3)(1.2 + 3.6) = 3.04: P(Y > 14) = F₃(3.4/√3.04) = 0.92687 → achieved (already met).
BOOST_AUTO_TEST_CASE(increase_each_period_against_the_previous_period) {
  case_data c(make_series("y", {2012, 2013, 2014, 2015, 2016}, {10, 12, 11, 13, 14}));
  target t;
  t.kind = target_kind::increase_each_period;
  t.periods = {{2012, 2014}, {2015, 2017}, {2018, 2020}};
  const auto a = c.run(t, 2016);
  BOOST_TEST(*a.component("period_1_value") == 11);
  BOOST_TEST(*a.component("period_2_value") == 14);
  BOOST_TEST(*a.component("p_meet") == t3_cdf(3.4 / std::sqrt(1.9 / 3 * 4.8)), tt::tolerance(1e-12));
  BOOST_TEST(*a.component("p_meet") == 0.92687, tt::tolerance(1e-4));
  BOOST_TEST(a.status == progress_status::achieved);

  // Two projected periods (2017–18, 2019–20 after 2014–16 = 14): P(Y₂₀₁₈ > 14) with μ = 15.6,
  // se² = 0.6333·2.8 → F₃(1.6/1.33167) = 0.84212; the two forecasts compared as independent:
  // F₃((17.4 − 15.6)/√(1.77333 + 3.04)) = F₃(0.82044) = 0.76396; product 0.64335 → at_risk.
  t.periods = {{2014, 2016}, {2017, 2018}, {2019, 2020}};
  const auto b = c.run(t, 2016);
  const double s2 = 1.9 / 3;
  const double expected = t3_cdf(1.6 / std::sqrt(s2 * 2.8)) * t3_cdf(1.8 / std::sqrt(s2 * 2.8 + s2 * 4.8));
  BOOST_TEST(*b.component("p_meet") == expected, tt::tolerance(1e-12));
  BOOST_TEST(*b.component("p_meet") == 0.64335, tt::tolerance(1e-4));
  BOOST_TEST(b.status == progress_status::at_risk);

  // A period without observation that is already over: its value is unknown, so is the target.
  t.periods = {{2010, 2011}, {2012, 2016}};
  const auto c2 = c.run(t, 2016);
  BOOST_TEST(c2.reason == "no_data_in_period");
  // Observed periods that fall: decided, missed.
  case_data down(make_series("y", {2014, 2016, 2019}, {12, 11, 13}));
  t.periods = {{2013, 2014}, {2015, 2017}, {2018, 2020}};
  BOOST_TEST(down.run(t, 2019).status == progress_status::missed);
}

// gap_narrowing (difference) between a = 20, 21, 21, 22, 22 and b = series A: g = 10, 9, 10, 9, 8.
// From 2016 (d = |10|) the gap must be in (−10, 10) in 2030. g: slope −0.4, ȳ = 9.2, RSS = 1.2,
// s² = 0.4; 2030: μ = 9.2 − 4.8 = 4.4, se = √(0.4·15.6) = 2.498.
// P = F₃(5.6/2.498) − F₃(−14.4/2.498) = 0.93942 → achieved (8 < 10 already).
BOOST_AUTO_TEST_CASE(gap_narrowing_difference) {
  case_data c;
  c.data = {make_series("y", {2016, 2017, 2018, 2019, 2020}, {20, 21, 21, 22, 22}, {{"sex", "male"}}),
            make_series("y", {2016, 2017, 2018, 2019, 2020}, {10, 12, 11, 13, 14}, {{"sex", "female"}})};
  auto t = window_target(target_kind::gap_narrowing, std::nullopt, 2016, 2030);
  t.between = {{"y", {{"sex", "male"}}}, {"y", {{"sex", "female"}}}};
  const auto a = c.run(t, 2020);
  const double se = std::sqrt(0.4 * 15.6);
  BOOST_TEST(*a.component("p_meet") == t3_cdf(5.6 / se) - t3_cdf(-14.4 / se), tt::tolerance(1e-12));
  BOOST_TEST(*a.component("p_meet") == 0.93942, tt::tolerance(1e-4));
  BOOST_TEST(*a.component("baseline_value") == 10);
  BOOST_TEST(a.status == progress_status::achieved);
  BOOST_TEST(a.series == "y (sex=male) \xE2\x88\x92 y (sex=female)");
  // The order of `between` changes the sign of the gap, never the verdict.
  std::swap(t.between[0], t.between[1]);
  BOOST_TEST(*c.run(t, 2020).component("p_meet") == *a.component("p_meet"), tt::tolerance(1e-12));
}

// gap_narrowing (ratio) between female 80, 82, 84, 86, 88 and male 100: g = 0.80 … 0.88, an exact
// line (a point forecast with zero width: 0.84 + 0.02·12 = 1.08 in 2030). Distance from parity
// |ln 0.8| = 0.22314 → g₂₀₃₀ ∈ (0.8, 1.25): 1.08 is inside → p = 1. With min_pace 0.01 (|g − 1|
// closing 0.01 a year): |g − 1| ≤ 0.2 − 0.14 = 0.06 → [0.94, 1.06]: 1.08 overshoots → p = 0.
BOOST_AUTO_TEST_CASE(gap_narrowing_ratio) {
  case_data c;
  c.data = {make_series("y", {2016, 2017, 2018, 2019, 2020}, {80, 82, 84, 86, 88}, {{"sex", "female"}}),
            make_series("y", {2016, 2017, 2018, 2019, 2020}, {100, 100, 100, 100, 100}, {{"sex", "male"}})};
  auto t = window_target(target_kind::gap_narrowing, std::nullopt, 2016, 2030);
  t.between = {{"y", {{"sex", "female"}}}, {"y", {{"sex", "male"}}}};
  t.measure = gap_measure::ratio;
  const auto a = c.run(t, 2020);
  BOOST_TEST(*a.component("target_lower") == 0.8, tt::tolerance(1e-12));
  BOOST_TEST(*a.component("target_upper") == 1.25, tt::tolerance(1e-12));
  BOOST_TEST(*a.component("p_meet") == 1);
  t.min_pace = 0.01;
  const auto b = c.run(t, 2020);
  BOOST_TEST(*b.component("target_lower") == 0.94, tt::tolerance(1e-12));
  BOOST_TEST(*b.component("p_meet") == 0);
}

// relative at_least: y = 30 … 34, reference r = 29, 30, 32, 32, 33 → y − r = 1, 1, 0, 1, 1: slope 0,
// ȳ = 0.8, RSS = 0.8, s² = 0.8/3; 2030: se = √(0.26667·15.6) = 2.03961; P(y − r ≥ 0) =
// F₃(0.8/2.03961) = 0.63945 → at_risk. Without the reference series: reference_missing.
BOOST_AUTO_TEST_CASE(relative_to_the_reference) {
  case_data c;
  c.data = {make_series("y", {2016, 2017, 2018, 2019, 2020}, {30, 31, 32, 33, 34}),
            make_series("r", {2016, 2017, 2018, 2019, 2020}, {29, 30, 32, 32, 33})};
  target t;
  t.kind = target_kind::relative;
  t.reference = series_ref{"r", {}};
  t.compare = comparator::at_least;
  t.year = 2030;
  const auto a = c.run(t, 2020);
  BOOST_TEST(*a.component("p_meet") == t3_cdf(0.8 / std::sqrt(0.8 / 3 * 15.6)), tt::tolerance(1e-12));
  BOOST_TEST(*a.component("p_meet") == 0.63945, tt::tolerance(1e-4));
  BOOST_TEST(a.status == progress_status::at_risk);
  t.reference = series_ref{"absent", {}};
  const auto b = c.run(t, 2020);
  BOOST_TEST(b.reason == "reference_missing");
  BOOST_TEST(b.message.find("absent") != std::string::npos);
}

// trend_slowing, window 3, as of 2020 (target to 2030): earlier 2015–17 = 1, 4, 5: slope 2, RSS 2/3,
// se = √((2/3)/2) = 0.57735; recent 2018–20 = 6, 6.5, 7.5: slope 0.75, RSS 1/24, se = 0.14434.
// P(β_recent < β_earlier) = F₂(1.25/√(0.33333 + 0.020833)) = F₂(2.10042) = 0.91475;
// P(β_recent ≤ 0) = F₁(−0.75/0.14434) = 0.06052; p = max = 0.91475; 0.75 < 2 already → achieved.
// As of 2030 (the end) it is decided on the point slopes. Accelerating → missed.
BOOST_AUTO_TEST_CASE(trend_slowing_compares_slopes) {
  case_data c(make_series("y", {2015, 2016, 2017, 2018, 2019, 2020}, {1, 4, 5, 6, 6.5, 7.5}));
  auto t = window_target(target_kind::trend_slowing, std::nullopt, 2016, 2030);
  t.window = 3;
  const auto a = c.run(t, 2020);
  BOOST_TEST(*a.component("slope_earlier") == 2, tt::tolerance(1e-12));
  BOOST_TEST(*a.component("slope_recent") == 0.75, tt::tolerance(1e-12));
  BOOST_TEST(*a.component("p_meet") == t2_cdf(1.25 / std::sqrt(1.0 / 3 + 1.0 / 48)), tt::tolerance(1e-12));
  BOOST_TEST(*a.component("p_not_rising") == t1_cdf(-0.75 / std::sqrt(1.0 / 48)), tt::tolerance(1e-12));
  BOOST_TEST(a.status == progress_status::achieved);
  t.end = 2020;
  const auto decided = c.run(t, 2020);
  BOOST_TEST(*decided.component("decided") == 1);
  BOOST_TEST(decided.status == progress_status::achieved);
  case_data faster(make_series("y", {2015, 2016, 2017, 2018, 2019, 2020}, {1, 1.5, 2, 3, 5, 7}));
  BOOST_TEST(faster.run(t, 2020).status == progress_status::missed);  // slope 0.5 → 2
  case_data short_data(make_series("y", {2018, 2019, 2020}, {1, 2, 3}));
  t.end = 2030;
  BOOST_TEST(short_data.run(t, 2020).reason == "too_few_points");
}

// ratio: midwives / beds = 30/10, 33/10, … 42/10 = 3.0 … 4.2 at least 3 in every year 2016–2025.
// Observed years meet it (3 ≥ 3: 以上 includes the number); the exact line gives point forecasts
// 4.5 … 5.7 → p = 1 → achieved. Strict (> 3): 2016 breaks it → missed. The indicator's own
// series serves when numerator and denominator are not given.
BOOST_AUTO_TEST_CASE(ratio_of_two_series) {
  case_data c;
  c.data = {make_series("midwives", {2016, 2017, 2018, 2019, 2020}, {30, 33, 36, 39, 42}),
            make_series("beds", {2016, 2017, 2018, 2019, 2020}, {10, 10, 10, 10, 10}),
            make_series("y", {2016, 2017, 2018, 2019, 2020}, {2, 2.5, 2.5, 3, 3.5})};
  auto t = window_target(target_kind::ratio, 3.0, 2016, 2025);
  t.compare = comparator::at_least;
  t.numerator = series_ref{"midwives", {}};
  t.denominator = series_ref{"beds", {}};
  const auto a = c.run(t, 2020);
  BOOST_TEST(*a.component("latest_value") == 4.2, tt::tolerance(1e-12));
  BOOST_TEST(*a.component("p_meet") == 1);
  BOOST_TEST(a.status == progress_status::achieved);
  t.strict = true;
  BOOST_TEST(c.run(t, 2020).status == progress_status::missed);
  t.strict = false;
  t.numerator.reset();
  t.denominator.reset();
  BOOST_TEST(c.run(t, 2020).status == progress_status::missed);  // own series: 2 < 3 in 2016
}

// full_coverage on a percentage: ≥ 100 − tolerance. 100, 100, 100 is an exact line at the bound:
// point forecasts of 100 → p = 1 → achieved. On a yes/no indicator: 1 (reached) → achieved without
// a projection; still 0 → not assessable (binary_pending): no trend to project.
BOOST_AUTO_TEST_CASE(full_coverage_percent_and_binary) {
  case_data c(make_series("y", {2018, 2019, 2020}, {100, 100, 100}));
  c.ind = make_indicator("y", scale::percent);
  target t;
  t.kind = target_kind::full_coverage;
  t.year = 2030;
  const auto a = c.run(t, 2020);
  BOOST_TEST(*a.component("target_lower") == 100);
  BOOST_TEST(*a.component("p_meet") == 1);
  BOOST_TEST(a.status == progress_status::achieved);
  t.tolerance = 0.5;
  BOOST_TEST(*c.run(t, 2020).component("target_lower") == 99.5);

  case_data yes(make_series("y", {2018, 2019, 2020}, {0, 0, 1}));
  yes.ind = make_indicator("y", scale::binary);
  t.tolerance.reset();
  const auto b = yes.run(t, 2020);
  BOOST_TEST(*b.component("target_lower") == 1);
  BOOST_TEST(b.status == progress_status::achieved);
  BOOST_TEST(b.model == "");
  case_data no(make_series("y", {2018, 2019, 2020}, {0, 0, 0}));
  no.ind = make_indicator("y", scale::binary);
  BOOST_TEST(no.run(t, 2020).reason == "binary_pending");
}

// milestone: the recorded status, as known at the evaluation year.
BOOST_AUTO_TEST_CASE(milestone_uses_the_recorded_status) {
  case_data c;
  target t;
  t.kind = target_kind::milestone;
  t.year = 2025;
  BOOST_TEST(c.run(t, 2023).reason == "no_status");
  t.status = milestone_status::in_progress;
  t.status_year = 2022;
  BOOST_TEST(c.run(t, 2023).status == progress_status::on_track);
  BOOST_TEST(c.run(t, 2026).status == progress_status::missed);  // the year passed unmet
  BOOST_TEST(c.run(t, 2021).reason == "no_status");                 // recorded in 2022: not known in 2021
  t.status = milestone_status::not_started;
  BOOST_TEST(c.run(t, 2023).status == progress_status::at_risk);
  t.status = milestone_status::achieved;
  t.status_year = 2024;
  BOOST_TEST(c.run(t, 2024).status == progress_status::achieved);
  t.status_year = 2027;  // achieved after its year
  BOOST_TEST(c.run(t, 2028).status == progress_status::missed);
  t.status = milestone_status::abandoned;
  BOOST_TEST(c.run(t, 2028).status == progress_status::missed);
}
