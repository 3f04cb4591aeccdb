#pragma once
/// The discrete predictive distribution of a count model's future rate.
///
/// A future year's maternal mortality ratio is K / E* × multiplier, K the deaths among E* births:
/// a count. Its distribution is Poisson (binomial for a share) given the year's true rate, and
/// that rate is itself uncertain. Two descriptions of the rate are used:
///  - link-normal: log rate (logit share) ~ N(link_location, link_scale²), the GLM's parameter
///    uncertainty plus extra-Poisson noise plus the calibrated slope drift. K is then a
///    Poisson–lognormal (binomial–logit-normal) mixture, integrated over the normal by fixed
///    Gauss–Legendre panels placed around the step of the conditional CDF (deterministic,
///    ~150 incomplete-gamma/beta calls per CDF; see normal_expectation_of_step);
///  - conjugate: rate ~ Gamma(a, b) (share ~ Beta(a, b)), the Jeffreys posterior of a constant
///    rate when no event (or, for a share, every trial a success) was ever observed. K is then
///    negative binomial (beta-binomial), in closed form.
/// P(K ≤ k) is an exact sum over counts; quantiles are the smallest k with P(K ≤ k) ≥ p.

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <utility>

#include <boost/math/distributions/beta.hpp>
#include <boost/math/distributions/gamma.hpp>
#include <boost/math/quadrature/gauss.hpp>
#include <boost/math/special_functions/beta.hpp>
#include <boost/math/special_functions/gamma.hpp>

namespace ontrack {

enum class count_family : std::uint8_t {
  none,      ///< not a count model: the continuous location–scale distribution applies
  poisson,   ///< K | rate ~ Poisson(exposure · rate)
  binomial,  ///< K | share ~ Binomial(exposure, share)
};

/// The future count's distribution. `exposure` is the expected denominator E* (rounded to whole
/// trials for a binomial); the reported value is K / exposure × multiplier.
struct count_predictive {
  count_family family = count_family::none;
  double exposure = std::numeric_limits<double>::quiet_NaN();
  double multiplier = 1.0;
  bool conjugate = false;     ///< rate ~ Gamma(a, b) / Beta(a, b) instead of link-normal
  double link_location = 0.0;  ///< link-normal: mean of the log rate (logit share)
  double link_scale = 0.0;     ///< link-normal: its SD
  double a = 0.0, b = 0.0;     ///< conjugate: Gamma shape and rate (Beta shapes)
};

namespace detail {

/// E q(Z), Z ~ N(0, 1), for a q that steps from ~1 to ~0 between u_lo and u_hi (a count's
/// CDF as its rate grows): Gauss–Legendre (8 nodes) on panels of [−9, 9] no wider than 1.5, and
/// at least 8 panels across the step. Gauss–Hermite on the whole line misses a step that is
/// narrow next to the normal (a 40-node rule is 2 % off at a link SD of 4 against direct
/// integration).
template <class Q>
inline double normal_expectation_of_step(Q q, double u_lo, double u_hi) {
  constexpr double edge = 9.0;  // the normal mass beyond ±9 is 2e-19
  const double a = std::clamp(u_lo, -edge, edge), b = std::clamp(std::max(u_lo, u_hi), -edge, edge);
  const double cuts[4] = {-edge, a, b, edge};
  double total = 0.0;
  for (int seg = 0; seg < 3; ++seg) {
    const double lo = cuts[seg], hi = cuts[seg + 1];
    if (!(hi > lo)) continue;
    int panels = static_cast<int>(std::ceil((hi - lo) / 1.5));
    if (seg == 1) panels = std::max(panels, 8);
    const double h = (hi - lo) / panels;
    for (int j = 0; j < panels; ++j)
      total += boost::math::quadrature::gauss<double, 8>::integrate(
          [&](double u) { return std::exp(-0.5 * u * u) * q(u); }, lo + j * h, lo + (j + 1) * h);
  }
  return total / std::sqrt(2.0 * 3.14159265358979323846);
}

inline double expit(double z) noexcept {
  return z >= 0.0 ? 1.0 / (1.0 + std::exp(-z)) : std::exp(z) / (1.0 + std::exp(z));
}

/// Far tails of the mixture reach rates whose incomplete gamma overflows an intermediate;
/// there the conditional CDF is decided by which side of the mean k lies (below).
using count_policy = boost::math::policies::policy<
    boost::math::policies::overflow_error<boost::math::policies::ignore_error>,
    boost::math::policies::domain_error<boost::math::policies::ignore_error>,
    boost::math::policies::evaluation_error<boost::math::policies::ignore_error>>;

/// P(K ≤ k) given the rate (Poisson mean exposure·rate) or the share.
inline double count_cdf_given(count_family f, double exposure, double rate_or_share, double k) {
  double p, mean;
  if (f == count_family::poisson) {
    mean = exposure * rate_or_share;
    if (!(mean > 0.0)) return 1.0;
    if (std::isinf(mean)) return 0.0;
    p = boost::math::gamma_q(k + 1.0, mean, count_policy());
  } else {
    if (k >= exposure || !(rate_or_share > 0.0)) return 1.0;
    if (rate_or_share >= 1.0) return 0.0;
    mean = exposure * rate_or_share;
    p = boost::math::ibetac(k + 1.0, exposure - k, rate_or_share, count_policy());
  }
  return std::isfinite(p) ? p : (k < mean ? 0.0 : 1.0);
}

/// log P(K = k) for the beta-binomial (n trials, Beta(a, b) share).
inline double beta_binomial_log_pmf(double k, double n, double a, double b) {
  return std::lgamma(n + 1.0) - std::lgamma(k + 1.0) - std::lgamma(n - k + 1.0) + std::lgamma(k + a) +
         std::lgamma(n - k + b) - std::lgamma(n + a + b) - (std::lgamma(a) + std::lgamma(b) - std::lgamma(a + b));
}

/// P(K ≤ k), k a whole number (negative: 0).
inline double count_cdf(const count_predictive& c, double k) {
  if (k < 0.0) return 0.0;
  k = std::floor(k);
  if (c.family == count_family::binomial && k >= c.exposure) return 1.0;
  if (c.conjugate) {
    if (c.family == count_family::poisson)  // negative binomial, r = a, p = b / (b + E)
      return boost::math::ibeta(c.a, k + 1.0, c.b / (c.b + c.exposure), count_policy());
    // Beta-binomial: sum the shorter tail (the mass sits near 0 or near n).
    const double n = c.exposure;
    if (c.a <= c.b) {
      double s = 0.0;
      for (double j = 0.0; j <= k; j += 1.0) s += std::exp(beta_binomial_log_pmf(j, n, c.a, c.b));
      return std::min(1.0, s);
    }
    double upper = 0.0;
    for (double j = k + 1.0; j <= n; j += 1.0) upper += std::exp(beta_binomial_log_pmf(j, n, c.a, c.b));
    return std::max(0.0, 1.0 - upper);
  }
  if (c.link_scale == 0.0) {
    const double r = c.family == count_family::poisson ? std::exp(c.link_location) : expit(c.link_location);
    return count_cdf_given(c.family, c.exposure, r, k);
  }
  // The step of P(K ≤ k | rate) on the link scale: the rate at which about k + 1 events are
  // expected, from ~9 (Poisson: e^9 ≈ 8,000 times fewer) down to ~3.5 Poisson SDs (in log
  // rate) on the other side, where the conditional CDF is within ~1e-4 of 1 and of 0.
  double centre, below, above;
  if (c.family == count_family::poisson) {
    centre = std::log((k + 1.0) / c.exposure);
    below = 9.0 / std::sqrt(k + 1.0);
    above = 3.5 / std::sqrt(k + 1.0);
  } else {
    const double share = (k + 1.0) / (c.exposure + 1.0);
    centre = std::log(share / (1.0 - share));
    const double sd = std::sqrt(1.0 / (k + 1.0) + 1.0 / (c.exposure - k));
    below = 9.0 * sd;
    above = 3.5 * sd + (k + 1.0 >= c.exposure ? 9.0 * sd : 0.0);
  }
  const double s = c.link_scale, m = c.link_location;
  const double p = normal_expectation_of_step(
      [&](double u) {
        const double z = m + s * u;
        return count_cdf_given(c.family, c.exposure, c.family == count_family::poisson ? std::exp(z) : expit(z), k);
      },
      (centre - below - m) / s, (centre + above - m) / s);
  return std::min(1.0, std::max(0.0, p));
}

/// The smallest count k with P(K ≤ k) ≥ p (0 < p < 1).
inline double count_quantile(const count_predictive& c, double p) {
  if (count_cdf(c, 0.0) >= p) return 0.0;
  double lo = 0.0, hi = 1.0;  // invariant: cdf(lo) < p ≤ cdf(hi)
  const double cap = c.family == count_family::binomial ? c.exposure : 1e15;
  while (count_cdf(c, hi) < p) {
    lo = hi;
    if (hi >= cap) return cap;
    hi = std::min(cap, 2.0 * hi);
  }
  while (hi - lo > 1.0) {
    const double mid = std::floor(0.5 * (lo + hi));
    (count_cdf(c, mid) >= p ? hi : lo) = mid;
  }
  return hi;
}

/// The median of the uncertain rate (share) on the value scale: the point the charts draw and
/// predict() reports. (The median of the count itself is often 0 at district sizes.)
inline double count_rate_median(const count_predictive& c) {
  if (c.conjugate)
    return c.multiplier *
           (c.family == count_family::poisson
                ? boost::math::quantile(boost::math::gamma_distribution<double>(c.a, 1.0 / c.b), 0.5)
                : boost::math::quantile(boost::math::beta_distribution<double>(c.a, c.b), 0.5));
  // The same arithmetic as the log / logit value_transform, so uncertainty "model" and
  // "calibrated" report bit-identical points.
  const double z = c.link_location;
  if (c.family == count_family::poisson) return std::exp(z + std::log(c.multiplier));
  if (z >= 0.0) return c.multiplier / (1.0 + std::exp(-z));
  const double e = std::exp(z);
  return c.multiplier * e / (1.0 + e);
}

/// Thresholds on the value scale carried to counts: value v ⇔ count v·E/multiplier. The
/// relative 1e-12 keeps "MMR ≤ 20 at 5,000 births" (exactly 1 death) from rounding to 0.
inline double count_at_most(const count_predictive& c, double v) {
  return std::floor(v * c.exposure / c.multiplier * (1.0 + 1e-12));
}

/// P(value ≤ v) = P(K ≤ ⌊v·E/multiplier⌋); NaN for NaN v.
inline double count_prob_at_most(const count_predictive& c, double v) {
  if (std::isnan(v)) return std::numeric_limits<double>::quiet_NaN();
  if (v < 0.0) return 0.0;
  if (std::isinf(v)) return 1.0;
  return count_cdf(c, count_at_most(c, v));
}

/// P(value ≥ v) = 1 − P(K ≤ ⌈v·E/multiplier⌉ − 1).
inline double count_prob_at_least(const count_predictive& c, double v) {
  if (std::isnan(v)) return std::numeric_limits<double>::quiet_NaN();
  if (v <= 0.0) return 1.0;
  if (std::isinf(v)) return 0.0;
  const double k = std::ceil(v * c.exposure / c.multiplier * (1.0 - 1e-12));
  return 1.0 - count_cdf(c, k - 1.0);
}

/// Central interval of probability `level`: the count quantiles q((1 − level)/2) and
/// q((1 + level)/2), each mapped to k/E × multiplier. Being discrete, it holds at least `level`.
inline std::pair<double, double> count_interval(const count_predictive& c, double level) {
  const double scale = c.multiplier / c.exposure;
  return {count_quantile(c, 0.5 * (1.0 - level)) * scale, count_quantile(c, 0.5 * (1.0 + level)) * scale};
}

}  // namespace detail
}  // namespace ontrack
