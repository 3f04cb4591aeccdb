// Count models: Poisson rate and binomial share GLMs against closed-form results.
#define BOOST_TEST_MODULE count
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <string>
#include <vector>

#include <boost/math/distributions/poisson.hpp>

#include <ontrack/project/count.hpp>
#include <ontrack/project/log_linear.hpp>

namespace tt = boost::test_tools;
using namespace ontrack;

namespace {
projection_options per_100k() {
  projection_options o;
  o.multiplier = 1e5;
  return o;
}
// The GLM's own continuous (delta-method) predictive, whose closed forms the first tests check.
projection_options per_100k_model() {
  projection_options o = per_100k();
  o.uncertainty = uncertainty_kind::model;
  return o;
}

// P(K ≤ k) for K ~ Poisson(E·exp(Z)), Z ~ N(m, s²), by the trapezoid rule on a fine grid of z
// (±10 SD, 20,001 points) with Boost's Poisson CDF: independent of the Gauss–Hermite rule.
double poisson_lognormal_cdf(double k, double exposure, double m, double s) {
  const int steps = 20000;
  const double lo = m - 10 * s, h = 20 * s / steps;
  double sum = 0.0;
  for (int i = 0; i <= steps; ++i) {
    const double z = lo + i * h;
    const double dens = std::exp(-0.5 * (z - m) * (z - m) / (s * s)) / (s * std::sqrt(2 * M_PI));
    const double f = boost::math::cdf(boost::math::poisson_distribution<double>(exposure * std::exp(z)), k);
    sum += (i == 0 || i == steps ? 0.5 : 1.0) * dens * f;
  }
  return sum * h;
}
}  // namespace

// Counts exactly proportional to exposure: d_t = 2e-4·E_t.
// The Poisson score equations are Σ (d_t − μ_t) = 0 and Σ x_t (d_t − μ_t) = 0 with
// μ_t = E_t·exp(β0 + β1 x_t). β1 = 0, exp(β0) = λ solves both when d_t = λ·E_t for every t, and
// the first gives λ = Σ d / Σ E = 12 / 60000 = 2e-4, i.e. 20 per 100,000: the rate is total
// events over total exposure, and the projection is flat at 20 whatever the year.
BOOST_AUTO_TEST_CASE(constant_rate_gives_flat_projection_at_pooled_rate) {
  const std::vector<int> years{2016, 2017, 2018, 2019, 2020};
  const std::vector<double> deaths{2, 3, 1, 4, 2};
  const std::vector<double> births{10000, 15000, 5000, 20000, 10000};
  const auto p = project_poisson_rate(years, deaths, births, 2030, per_100k_model());
  BOOST_REQUIRE(p.ok());
  BOOST_TEST(std::fabs(p.param("slope").value) < 1e-10);
  BOOST_TEST(p.param("pooled_rate").value == 20.0, tt::tolerance(1e-14));
  for (int year = 2021; year <= 2030; ++year) BOOST_TEST(p.predict(year) == 20.0, tt::tolerance(1e-9));
  for (std::size_t i = 0; i < years.size(); ++i) BOOST_TEST(p.fitted[i] == 20.0, tt::tolerance(1e-9));
  BOOST_TEST(p.values[3] == 20.0, tt::tolerance(1e-14));
  BOOST_TEST(p.sigma2 == 0.0, tt::tolerance(1e-12));  // Pearson χ² = 0: dispersion floored at 1
  // Predictive scale, by hand: at the fit W = diag(μ_t) = diag(d_t) (μ = d exactly), so with
  // x = t − 2018: X'WX = [[Σd, Σdx], [Σdx, Σdx²]] (the sums s0, s1, s2 below);
  // var(η_2030) = x'(X'WX)⁻¹x at x = (1, 12), plus sampling 1/μ* with
  // μ* = E*·λ, E* = mean of the last 3 denominators = (5000 + 20000 + 10000)/3.
  double s0 = 0, s1 = 0, s2 = 0;
  for (std::size_t i = 0; i < years.size(); ++i) {
    const double x = years[i] - 2018.0;
    s0 += deaths[i];
    s1 += deaths[i] * x;
    s2 += deaths[i] * x * x;
  }
  const double det = s0 * s2 - s1 * s1;
  const double var_eta = (s2 - 2 * 12 * s1 + 144 * s0) / det;
  const double e_star = 35000.0 / 3.0;
  const double scale = std::sqrt(var_eta + 1.0 / (e_star * 2e-4));
  BOOST_TEST(p.param("expected_denominator").value == e_star, tt::tolerance(1e-14));
  BOOST_TEST(p.at(2030).scale == scale, tt::tolerance(1e-9));
  BOOST_TEST(std::isinf(p.at(2030).df));
  const auto iv = p.interval(2030, 0.95);
  BOOST_TEST(iv.first == 20.0 * std::exp(-1.959963984540054 * scale), tt::tolerance(1e-9));
  BOOST_TEST(iv.second == 20.0 * std::exp(1.959963984540054 * scale), tt::tolerance(1e-9));
  BOOST_TEST(p.prob_at_most(20.0, 2030) == 0.5, tt::tolerance(1e-9));
}

// Two points: the saturated model. β1 = ln(rate2/rate1)/Δt = ln(5/10)/5, and the Fisher
// information gives Var(β1) = (1/d1 + 1/d2)/Δt² = (0.1 + 0.2)/25 = 0.012.
BOOST_AUTO_TEST_CASE(two_points_saturated_model) {
  const auto p = project_poisson_rate({2015, 2020}, {10, 5}, {10000, 10000}, 2025, per_100k());
  BOOST_REQUIRE(p.ok());
  BOOST_TEST(p.param("slope").value == std::log(0.5) / 5.0, tt::tolerance(1e-10));
  BOOST_TEST(p.param("slope").std_error == std::sqrt(0.012), tt::tolerance(1e-9));
  BOOST_TEST(p.predict(2025) == 25.0, tt::tolerance(1e-9));  // 50 → 25 per 100,000 in 5 more years
  BOOST_TEST(std::isnan(p.sigma2));
}

// Two or three deaths a year in a district of 100,000 births: the ratio wobbles between 10 and
// 30 per 100,000. A log-linear line through the ratios calls it a steep decline; the Poisson
// model sees counts this small as mostly noise: the slope is within two standard errors of zero
// and the 2030 interval spans an order of magnitude.
BOOST_AUTO_TEST_CASE(small_counts_do_not_read_as_a_trend) {
  const std::vector<int> years{2015, 2016, 2017, 2018, 2019, 2020};
  const std::vector<double> deaths{3, 2, 3, 1, 2, 1};
  const std::vector<double> births(6, 100000.0);
  const auto p = project_poisson_rate(years, deaths, births, 2030, per_100k_model());
  BOOST_REQUIRE(p.ok());
  BOOST_TEST(std::fabs(p.param("slope").value / p.param("slope").std_error) < 2.0);
  const auto iv = p.interval(2030, 0.95);
  BOOST_TEST(iv.second / iv.first > 10.0);
  // "Will the ratio be at most 10 per 100,000 by 2030?" — far from certain.
  BOOST_TEST(p.prob_at_most(10.0, 2030) < 0.9);
  BOOST_TEST(p.prob_at_most(10.0, 2030) > 0.1);
  // The naive log-linear fit on the ratios is much more confident.
  const auto naive = project_log_linear(years, {3, 2, 3, 1, 2, 1}, 2030);
  BOOST_TEST(naive.interval(2030, 0.95).second / naive.interval(2030, 0.95).first <
             iv.second / iv.first);
  // Monotone probabilities and nested intervals.
  const auto i80 = p.interval(2030, 0.8);
  BOOST_TEST(iv.first < i80.first);
  BOOST_TEST(i80.second < iv.second);
  double prev = 0.0;
  for (double v = 0.5; v < 60.0; v += 0.5) {
    const double q = p.prob_at_most(v, 2030);
    BOOST_TEST(q >= prev);
    prev = q;
  }
}

BOOST_AUTO_TEST_CASE(overdispersion_widens_intervals) {
  const std::vector<int> years{2015, 2016, 2017, 2018, 2019, 2020};
  const std::vector<double> deaths{10, 30, 5, 40, 8, 35};
  const std::vector<double> births(6, 50000.0);
  auto opt = per_100k();
  const auto wide = project_poisson_rate(years, deaths, births, 2030, opt);
  opt.overdispersion = false;
  const auto narrow = project_poisson_rate(years, deaths, births, 2030, opt);
  BOOST_TEST(wide.sigma2 > 1.0);
  BOOST_TEST(wide.reason.find("dispersion") != std::string::npos);
  BOOST_TEST(wide.at(2030).scale > narrow.at(2030).scale);
  BOOST_TEST(wide.predict(2030) == narrow.predict(2030), tt::tolerance(1e-12));
}

// Binomial with a constant share 0.75: as for Poisson, the score equations are solved by the
// pooled share Σd/Σm = 525/700 = 0.75 with slope 0, shown as 75 (percent, multiplier 100).
BOOST_AUTO_TEST_CASE(binomial_constant_share) {
  projection_options opt;
  opt.multiplier = 100.0;
  opt.uncertainty = uncertainty_kind::model;  // the logit-normal closed form
  const auto p = project_binomial_share({2017, 2018, 2019, 2020}, {150, 300, 75, 225},
                                        {200, 400, 100, 300}, 2030, opt);
  BOOST_REQUIRE(p.ok());
  BOOST_TEST(std::fabs(p.param("slope").value) < 1e-10);
  BOOST_TEST(p.predict(2030) == 75.0, tt::tolerance(1e-9));
  BOOST_TEST(p.param("pooled_rate").value == 75.0, tt::tolerance(1e-14));
  const auto iv = p.interval(2030, 0.99);
  BOOST_TEST(iv.first > 0.0);
  BOOST_TEST(iv.second < 100.0);
  BOOST_TEST(p.prob_at_least(100.0, 2030) == 0.0);
  // The discrete predictive: every one of the 267 expected trials a success is possible, barely.
  opt.uncertainty = uncertainty_kind::calibrated;
  const auto d = project_binomial_share({2017, 2018, 2019, 2020}, {150, 300, 75, 225}, {200, 400, 100, 300},
                                        2030, opt);
  BOOST_TEST(d.predict(2030) == 75.0, tt::tolerance(1e-9));
  BOOST_TEST(d.prob_at_least(100.0, 2030) > 0.0);
  BOOST_TEST(d.prob_at_least(100.0, 2030) < 1e-3);
  BOOST_TEST(d.interval(2030, 0.99).second <= 100.0);
}

BOOST_AUTO_TEST_CASE(binomial_rising_share_stays_in_bounds) {
  projection_options opt;
  opt.multiplier = 100.0;
  const auto p = project_binomial_share({2015, 2016, 2017, 2018, 2019, 2020}, {60, 70, 78, 85, 90, 93},
                                        {100, 100, 100, 100, 100, 100}, 2040, opt);
  BOOST_REQUIRE(p.ok());
  BOOST_TEST(p.param("slope").value > 0.0);
  for (int year = 2021; year <= 2040; ++year) {
    // Inside [0, 100]; far out the upper bound may round to exactly 100 in double precision.
    BOOST_TEST(p.interval(year, 0.95).second <= 100.0);
    BOOST_TEST(p.interval(year, 0.95).first > 0.0);
    BOOST_TEST(p.predict(year) > 93.0);
    BOOST_TEST(p.predict(year) < 100.0);
  }
}

BOOST_AUTO_TEST_CASE(statuses_and_reasons) {
  const std::vector<int> years{2018, 2019, 2020};
  // Zero events are information, not a failure (see zero_deaths_at_district_size_is_assessable).
  const auto none = project_poisson_rate(years, {0, 0, 0}, {1000, 1000, 1000}, 2030);
  BOOST_TEST(none.ok());
  BOOST_TEST(none.reason.find("no events") != std::string::npos);
  const auto neg = project_poisson_rate(years, {1, -1, 0}, {1000, 1000, 1000}, 2030);
  BOOST_TEST(neg.status == projection_status::outside_domain);
  BOOST_TEST(neg.reason.find("2019") != std::string::npos);
  const auto zero_den = project_poisson_rate(years, {1, 1, 0}, {1000, 0, 1000}, 2030);
  BOOST_TEST(zero_den.status == projection_status::outside_domain);
  const auto over = project_binomial_share(years, {1, 12, 0}, {10, 10, 10}, 2030);
  BOOST_TEST(over.status == projection_status::outside_domain);
  BOOST_TEST(over.reason.find("12") != std::string::npos);
  const auto all = project_binomial_share(years, {10, 10, 10}, {10, 10, 10}, 2030);
  BOOST_TEST(all.ok());
  BOOST_TEST(all.reason.find("every trial is a success") != std::string::npos);
  BOOST_TEST(all.prob_at_least(1.0, 2030) > 0.5);  // multiplier 1: a share of 1 is every trial
  // Events only in the last year: the MLE of the slope is +∞.
  const auto diverge = project_poisson_rate({2015, 2016, 2017, 2018, 2019, 2020}, {0, 0, 0, 0, 0, 4},
                                            std::vector<double>(6, 1000.0), 2030);
  BOOST_TEST(diverge.status == projection_status::not_converged);
  BOOST_TEST(!diverge.reason.empty());
  BOOST_TEST(std::isnan(diverge.predict(2030)));
}

BOOST_AUTO_TEST_CASE(caller_errors_throw) {
  BOOST_CHECK_THROW(project_poisson_rate({2019, 2020}, {1, 2}, {100}, 2030), std::invalid_argument);
  BOOST_CHECK_THROW(project_poisson_rate({2019, 2020}, {1, NAN}, {100, 100}, 2030), std::invalid_argument);
  BOOST_CHECK_THROW(project_poisson_rate({2020}, {1}, {100}, 2030), std::invalid_argument);
  BOOST_CHECK_THROW(project_poisson_rate({2019, 2020}, {1, 2}, {100, 100}, 2018), std::invalid_argument);
  projection_options opt;
  opt.multiplier = 0.0;
  BOOST_CHECK_THROW(project_poisson_rate({2019, 2020}, {1, 2}, {100, 100}, 2030, opt), std::invalid_argument);
  opt = {};
  opt.expected_denominator = -5.0;
  BOOST_CHECK_THROW(project_poisson_rate({2019, 2020}, {1, 2}, {100, 100}, 2030, opt), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(expected_denominator_override) {
  projection_options opt = per_100k();
  opt.expected_denominator = 1e6;  // a much larger future cohort: less sampling noise
  const std::vector<int> years{2016, 2017, 2018, 2019, 2020};
  const std::vector<double> deaths{20, 18, 17, 15, 14};
  const std::vector<double> births(5, 100000.0);
  const auto big = project_poisson_rate(years, deaths, births, 2030, opt);
  const auto base = project_poisson_rate(years, deaths, births, 2030, per_100k());
  BOOST_TEST(big.param("expected_denominator").value == 1e6);
  BOOST_TEST(big.at(2030).scale < base.at(2030).scale);
  BOOST_TEST(big.predict(2030) == base.predict(2030), tt::tolerance(1e-12));
}

// The discrete predictive with a known rate (no rate uncertainty) is the Poisson distribution
// itself: at 5,000 births and 20 per 100,000 one death is expected, and "MMR ≤ 20" means
// "at most 1 death", "MMR ≤ 19.99" means "no death".
BOOST_AUTO_TEST_CASE(known_rate_is_exact_poisson) {
  const count_predictive c{count_family::poisson, 5000.0, 1e5, false, std::log(2e-4), 0.0, 0.0, 0.0};
  const boost::math::poisson_distribution<double> pois(1.0);
  BOOST_TEST(detail::count_prob_at_most(c, 20.0) == boost::math::cdf(pois, 1.0), tt::tolerance(1e-12));
  BOOST_TEST(detail::count_prob_at_most(c, 19.99) == boost::math::cdf(pois, 0.0), tt::tolerance(1e-12));
  BOOST_TEST(detail::count_prob_at_least(c, 20.0) == 1.0 - boost::math::cdf(pois, 0.0), tt::tolerance(1e-12));
  BOOST_TEST(detail::count_prob_at_least(c, 20.01) == 1.0 - boost::math::cdf(pois, 1.0), tt::tolerance(1e-12));
  // Discrete quantiles: Poisson(1) has P(K ≤ 0) = 0.368, P(K ≤ 3) = 0.981, P(K ≤ 4) = 0.996, so
  // the central 95 % interval is counts [0, 3], i.e. [0, 60] per 100,000.
  const auto iv = detail::count_interval(c, 0.95);
  BOOST_TEST(iv.first == 0.0);
  BOOST_TEST(iv.second == 60.0, tt::tolerance(1e-12));
}

// The Poisson–lognormal mixture by Gauss–Hermite against an independent trapezoid integration.
BOOST_AUTO_TEST_CASE(mixture_matches_direct_integration) {
  for (const double s : {0.3, 1.0, 2.5}) {
    const count_predictive c{count_family::poisson, 4000.0, 1e5, false, std::log(3e-4), s, 0.0, 0.0};
    for (const double k : {0.0, 1.0, 2.0, 5.0}) {
      BOOST_TEST_CONTEXT("s = " << s << ", k = " << k) {
        BOOST_TEST(detail::count_cdf(c, k) == poisson_lognormal_cdf(k, 4000.0, std::log(3e-4), s),
                   tt::tolerance(1e-6));
      }
    }
  }
}

// No maternal death in 8 years among 3,000–6,000 births a year (the usual district). The rate's
// Jeffreys posterior is Gamma(½, ΣE) and the future count at E* births is its Poisson mixture,
// so by hand P(K = 0) = ∫ e^{−E*λ} Gamma(λ; ½, ΣE) dλ = (ΣE / (ΣE + E*))^½.
BOOST_AUTO_TEST_CASE(zero_deaths_at_district_size_is_assessable) {
  const std::vector<int> years{2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022};
  const std::vector<double> births{3000, 3600, 4200, 4800, 5400, 6000, 5000, 4000};
  for (const auto kind : {uncertainty_kind::calibrated, uncertainty_kind::model}) {
    auto opt = per_100k();
    opt.uncertainty = kind;
    const auto p = project_poisson_rate(years, std::vector<double>(8, 0.0), births, 2030, opt);
    BOOST_REQUIRE(p.ok());
    BOOST_TEST(p.reason.find("no events") != std::string::npos);
    const double total = 36000.0, e_star = 5000.0;  // mean of the last 3 years' births
    const double p0 = std::sqrt(total / (total + e_star));
    // "MMR ≤ 15 per 100,000 in 2030" at 5,000 births: 0.75 deaths, i.e. no death at all.
    BOOST_TEST(p.prob_at_most(15.0, 2030) == p0, tt::tolerance(1e-10));
    BOOST_TEST(p.prob_at_least(1.0, 2030) == 1.0 - p0, tt::tolerance(1e-10));
    // P(K ≤ 1) by integrating the exact Poisson CDF over the Gamma posterior density
    // (substituting λ = u², which removes the λ^{−½} singularity at 0).
    double p1 = 0.0;
    const int steps = 200000;
    const double umax = std::sqrt(40.0 / total), h = umax / steps;
    for (int i = 1; i <= steps; ++i) {
      const double u = (i - 0.5) * h, lambda = u * u;
      const double dens = std::sqrt(total / M_PI) / u * std::exp(-total * lambda);  // Gamma(½, total)
      p1 += dens * 2.0 * u * h *
            boost::math::cdf(boost::math::poisson_distribution<double>(e_star * lambda), 1.0);
    }
    BOOST_TEST(p.prob_at_most(20.0, 2030) == p1, tt::tolerance(1e-6));
    // The 95 % interval: no death to one death (P(K ≤ 0) = 0.937 < 0.975).
    const auto iv = p.interval(2030, 0.95);
    BOOST_TEST(iv.first == 0.0);
    BOOST_TEST(iv.second == 20.0, tt::tolerance(1e-12));
    BOOST_TEST(p.predict(2030) > 0.0);
    BOOST_TEST(p.predict(2030) < 20.0);
  }
}

// Binomial with no success in any year: Beta(½, ΣE + ½), and by hand
// P(K = 0 of n) = B(½, ΣE + ½ + n) / B(½, ΣE + ½).
BOOST_AUTO_TEST_CASE(zero_successes_share) {
  projection_options opt;
  opt.multiplier = 100.0;
  const auto p = project_binomial_share({2018, 2019, 2020}, {0, 0, 0}, {200, 300, 100}, 2030, opt);
  BOOST_REQUIRE(p.ok());
  const double a = 0.5, b = 600.5, n = 200.0;
  const double p0 = std::exp(std::lgamma(b + n) + std::lgamma(a + b) - std::lgamma(b) - std::lgamma(a + b + n));
  BOOST_TEST(p.prob_at_most(0.0, 2030) == p0, tt::tolerance(1e-10));
  BOOST_TEST(p.prob_at_least(0.4, 2030) == 1.0 - p0, tt::tolerance(1e-10));
}

// Mostly zeros (0–2 deaths a year among 3,000–6,000 births) fit the GLM; the calibrated
// predictive is the Poisson–lognormal mixture at E* around the fitted rate.
BOOST_AUTO_TEST_CASE(mostly_zero_deaths_mixture) {
  const std::vector<int> years{2013, 2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022};
  const std::vector<double> deaths{2, 1, 0, 1, 0, 0, 1, 0, 0, 1};
  const std::vector<double> births{6000, 5800, 5500, 5200, 5000, 4600, 4200, 3800, 3400, 3000};
  const auto p = project_poisson_rate(years, deaths, births, 2030, per_100k());
  const auto m = project_poisson_rate(years, deaths, births, 2030, per_100k_model());
  BOOST_REQUIRE(p.ok());
  const auto& c = p.at(2030).counts;
  BOOST_TEST((c.family == count_family::poisson));
  BOOST_TEST(c.exposure == 3400.0, tt::tolerance(1e-12));
  // The rate's median is the GLM's point; the discrete predictive is around it.
  BOOST_TEST(p.predict(2030) == m.predict(2030), tt::tolerance(1e-12));
  BOOST_TEST(std::exp(c.link_location) * 1e5 == m.predict(2030), tt::tolerance(1e-12));
  for (const double target : {10.0, 30.0, 60.0}) {
    const double k = std::floor(target * 3400.0 / 1e5 * (1 + 1e-12));
    BOOST_TEST(p.prob_at_most(target, 2030) == poisson_lognormal_cdf(k, 3400.0, c.link_location, c.link_scale),
               tt::tolerance(1e-6));
  }
  // The interval is a pair of counts over E*, and holds at least its level.
  const auto iv = p.interval(2030, 0.8);
  const double klo = iv.first * 3400.0 / 1e5, khi = iv.second * 3400.0 / 1e5;
  BOOST_TEST(std::fabs(klo - std::round(klo)) < 1e-9);
  BOOST_TEST(std::fabs(khi - std::round(khi)) < 1e-9);
  BOOST_TEST(detail::count_cdf(c, std::round(khi)) - detail::count_cdf(c, std::round(klo) - 1.0) >= 0.8);
  BOOST_TEST(detail::count_cdf(c, std::round(khi) - 1.0) < 0.9);
}
