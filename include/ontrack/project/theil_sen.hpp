#pragma once
/// Theil–Sen robust trend and the Mann–Kendall trend test.
///
/// Theil–Sen's slope is the median of the slopes between all pairs of points: one outlying year
/// (a census revision, a reporting change) moves it little, where it can swing an OLS line. The
/// Mann–Kendall test asks whether the values rise or fall with time more often than chance
/// would have it, without assuming a straight line or normal errors.
///
/// Conventions (checked against the reference examples in tests/reference/mann_kendall_sen):
///  - var(S) = [n(n−1)(2n+5) − Σ t(t−1)(2t+5)]/18 over groups of t tied values;
///  - z = sgn(S)(|S| − 1)/√var(S) (continuity corrected), 0 when S = 0;
///  - Sen's (1968) confidence interval for the slope: C = z_{(1+level)/2}·√var, M1 = (N − C)/2,
///    M2 = (N + C)/2 over the N sorted pairwise slopes; the bounds are the slopes of rank
///    round(M1) and round(M2) + 1 (1-based, round half to even, clamped to [1, N]) — the rule of
///    Sen's paper as implemented by R deming::theilsen and scipy.stats.theilslopes. The variance
///    is corrected for ties in x (Sen's eq. 2.6); scipy also subtracts ties in y, which gives a
///    slightly narrower interval than Sen's when values repeat.

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

#include <ontrack/project/linear.hpp>

namespace ontrack {

/// Theil–Sen estimate of a line y = intercept + slope·x.
struct theil_sen_result {
  std::size_t n = 0;
  std::size_t n_slopes = 0;  ///< pairs with different x
  double slope = detail::nan_value;  ///< median of the pairwise slopes
  /// Conover's rule: median(y) − slope·median(x) (the line through the medians; scipy
  /// method="separate", the default of most software).
  double intercept = detail::nan_value;
  /// The joint rule: median(y − slope·x) (scipy method="joint", deming's intercept).
  double intercept_joint = detail::nan_value;
  double level = detail::nan_value;        ///< confidence level of the slope interval
  double slope_lower = detail::nan_value;  ///< Sen's interval (see the file comment)
  double slope_upper = detail::nan_value;
  double kendall_variance = detail::nan_value;  ///< var(S) used for the interval
};

/// Mann–Kendall trend test of values in time order (equally spaced or not: only the order
/// matters).
struct mann_kendall_result {
  std::size_t n = 0;
  long long s = 0;       ///< S = Σ_{i<j} sgn(y_j − y_i)
  double var_s = detail::nan_value;  ///< with tie correction
  double z = detail::nan_value;      ///< continuity corrected
  double p_two_sided = detail::nan_value;
  /// One-sided p-value in the direction of the observed S (P(Z ≥ |z|)): the evidence for the
  /// trend the data show. For a fixed alternative use p_increasing / p_decreasing.
  double p_one_sided = detail::nan_value;
  double p_increasing = detail::nan_value;  ///< H1: upward trend, 1 − Φ(z)
  double p_decreasing = detail::nan_value;  ///< H1: downward trend, Φ(z)
  /// Kendall's tau-a = S / (n(n−1)/2): ties count against the association.
  double tau_a = detail::nan_value;
  /// Kendall's tau-b = S / √((n0 − n1)·n0), n0 = n(n−1)/2, n1 = Σ t(t−1)/2 over tied values
  /// (time has no ties): the usual "Kendall's tau" of trend software (R Kendall::MannKendall).
  double tau_b = detail::nan_value;
};

namespace detail {

inline double median_of(std::vector<double> v) {
  const std::size_t n = v.size();
  if (n == 0) return nan_value;
  const std::size_t mid = n / 2;
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(mid), v.end());
  const double hi = v[mid];
  if (n % 2 == 1) return hi;
  const double lo = *std::max_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(mid));
  return 0.5 * (lo + hi);
}

/// Σ t(t−1)(2t+5) over groups of equal values.
inline double tie_term(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  double sum = 0.0;
  for (std::size_t i = 0; i < v.size();) {
    std::size_t j = i + 1;
    while (j < v.size() && v[j] == v[i]) ++j;
    const double t = static_cast<double>(j - i);
    sum += t * (t - 1.0) * (2.0 * t + 5.0);
    i = j;
  }
  return sum;
}

/// Σ t(t−1)/2 over groups of equal values (tied pairs).
inline double tied_pairs(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  double sum = 0.0;
  for (std::size_t i = 0; i < v.size();) {
    std::size_t j = i + 1;
    while (j < v.size() && v[j] == v[i]) ++j;
    const double t = static_cast<double>(j - i);
    sum += t * (t - 1.0) / 2.0;
    i = j;
  }
  return sum;
}

inline void check_finite(const std::vector<double>& v, const char* what) {
  for (std::size_t i = 0; i < v.size(); ++i)
    if (!std::isfinite(v[i]))
      throw std::invalid_argument(std::string(what) + ": element " + std::to_string(i) + " is " +
                                  number_text(v[i]) + ": values must be finite");
}

}  // namespace detail

/// Theil–Sen slope, both intercepts and Sen's confidence interval at `level`.
/// Throws std::invalid_argument when x and y differ in length, have fewer than 2 points, hold a
/// non-finite number, all x are equal, or level is not in (0, 1).
inline theil_sen_result theil_sen(const std::vector<double>& x, const std::vector<double>& y,
                                  double level = 0.95) {
  if (x.size() != y.size())
    throw std::invalid_argument("theil_sen: " + std::to_string(x.size()) + " x values but " +
                                std::to_string(y.size()) + " y values: they must pair up");
  if (x.size() < 2)
    throw std::invalid_argument("theil_sen: " + std::to_string(x.size()) +
                                " points; at least 2 are needed");
  detail::check_finite(x, "theil_sen x");
  detail::check_finite(y, "theil_sen y");
  detail::check_level(level);
  const std::size_t n = x.size();
  std::vector<double> slopes;
  slopes.reserve(n * (n - 1) / 2);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = i + 1; j < n; ++j)
      if (x[j] != x[i]) slopes.push_back((y[j] - y[i]) / (x[j] - x[i]));
  if (slopes.empty())
    throw std::invalid_argument("theil_sen: every x equals " + detail::number_text(x[0]) +
                                ": the slope is undefined");
  std::sort(slopes.begin(), slopes.end());
  theil_sen_result r;
  r.n = n;
  r.n_slopes = slopes.size();
  const std::size_t N = slopes.size();
  r.slope = N % 2 == 1 ? slopes[N / 2] : 0.5 * (slopes[N / 2 - 1] + slopes[N / 2]);
  r.intercept = detail::median_of(y) - r.slope * detail::median_of(x);
  std::vector<double> a(n);
  for (std::size_t i = 0; i < n; ++i) a[i] = y[i] - r.slope * x[i];
  r.intercept_joint = detail::median_of(a);
  const double dn = static_cast<double>(n);
  r.kendall_variance = (dn * (dn - 1.0) * (2.0 * dn + 5.0) - detail::tie_term(x)) / 18.0;
  r.level = level;
  const double c = detail::central_critical_value(level, detail::inf_value) *
                   std::sqrt(std::max(0.0, r.kendall_variance));
  const double dN = static_cast<double>(N);
  // 1-based ranks round(M1) and round(M2) + 1; nearbyint rounds half to even like numpy.
  const double lower_rank = std::nearbyint((dN - c) / 2.0);
  const double upper_rank = std::nearbyint((dN + c) / 2.0) + 1.0;
  const auto clamp_rank = [&](double rank) {
    return static_cast<std::size_t>(std::min(dN, std::max(1.0, rank))) - 1;
  };
  r.slope_lower = slopes[clamp_rank(lower_rank)];
  r.slope_upper = slopes[clamp_rank(upper_rank)];
  return r;
}

/// Mann–Kendall test of `values` taken in the given (time) order.
/// Throws std::invalid_argument for fewer than 2 values or a non-finite value.
inline mann_kendall_result mann_kendall(const std::vector<double>& values) {
  if (values.size() < 2)
    throw std::invalid_argument("mann_kendall: " + std::to_string(values.size()) +
                                " values; at least 2 are needed");
  detail::check_finite(values, "mann_kendall");
  mann_kendall_result r;
  const std::size_t n = values.size();
  r.n = n;
  long long s = 0;
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = i + 1; j < n; ++j)
      s += (values[j] > values[i]) - (values[j] < values[i]);
  r.s = s;
  const double dn = static_cast<double>(n);
  r.var_s = (dn * (dn - 1.0) * (2.0 * dn + 5.0) - detail::tie_term(values)) / 18.0;
  const double sd = std::sqrt(r.var_s);
  if (s == 0 || !(sd > 0.0))
    r.z = 0.0;
  else
    r.z = (s > 0 ? 1.0 : -1.0) * (static_cast<double>(s > 0 ? s : -s) - 1.0) / sd;
  r.p_two_sided = std::erfc(std::fabs(r.z) / std::sqrt(2.0));
  r.p_one_sided = 0.5 * r.p_two_sided;
  r.p_increasing = detail::normal_cdf(-r.z);
  r.p_decreasing = detail::normal_cdf(r.z);
  const double n0 = dn * (dn - 1.0) / 2.0;
  r.tau_a = static_cast<double>(s) / n0;
  const double n1 = detail::tied_pairs(values);
  r.tau_b = n0 - n1 > 0.0 ? static_cast<double>(s) / std::sqrt((n0 - n1) * n0) : detail::nan_value;
  return r;
}

/// Theil–Sen trend projection (value scale).
///
/// Point: intercept (Conover) + slope·year. Interval — an approximation, stated plainly: a
/// Student-t (n − 2 df) with scale √(σ²(1 + 1/n) + se_b²(t − x̃)²), where σ = 1.4826·MAD of the
/// residuals about the Theil–Sen line (the robust residual scale; if more than half the points
/// lie on the line it falls back to √(Σr²/(n − 2))), se_b = (width of Sen's 95% slope
/// interval)/(2·1.95996), and x̃ is the median year the line pivots on. It mirrors the OLS
/// prediction interval with robust ingredients; it is not an exact distribution.
/// Parameters: slope, intercept, intercept_joint, slope_lower_95, slope_upper_95,
/// residual_scale, mann_kendall_s, mann_kendall_z, mann_kendall_p (two-sided), tau_b.
/// loglik and aicc are NaN (not a likelihood method).
/// Throws projection_input_error (std::invalid_argument) for fewer than 2 points, non-finite
/// values, duplicate years, deadline before the last year used (std::out_of_range: more than 1000
/// years after it).
inline projection project_theil_sen(const std::vector<int>& years, const std::vector<double>& values,
                                    int deadline, const projection_options& opt = {}) {
  const auto cs = detail::prepare_series(years, values, deadline, opt, nullptr, nullptr, 2, "theil_sen");
  const std::size_t n = cs.years.size();
  std::vector<double> x(n);
  for (std::size_t i = 0; i < n; ++i) x[i] = static_cast<double>(cs.years[i]);
  const theil_sen_result ts = theil_sen(x, cs.values, 0.95);
  const mann_kendall_result mk = mann_kendall(cs.values);
  projection p = detail::projection_of(model::theil_sen, value_transform::identity(), cs);
  p.fitted.resize(n);
  p.residuals.resize(n);
  // Residuals about the pivot (median year, median value) rather than intercept + slope·year:
  // the intercept is about slope·2000, and the cancellation in y − (a + b·x) leaves rounding
  // noise that is large next to the residuals themselves.
  const double x_med = detail::median_of(x);
  const double y_med = detail::median_of(cs.values);
  double magnitude = 0.0;  // the size of the terms the residuals are computed from
  for (std::size_t i = 0; i < n; ++i) {
    const double value_offset = cs.values[i] - y_med;
    const double trend_offset = ts.slope * (x[i] - x_med);
    p.residuals[i] = value_offset - trend_offset;
    p.fitted[i] = cs.values[i] - p.residuals[i];
    magnitude = std::max(magnitude, std::fabs(value_offset) + std::fabs(trend_offset));
  }
  double sigma = detail::nan_value;
  if (n > 2) {
    const double med = detail::median_of(p.residuals);
    std::vector<double> dev(n);
    for (std::size_t i = 0; i < n; ++i) dev[i] = std::fabs(p.residuals[i] - med);
    sigma = 1.4826 * detail::median_of(dev);
    // A MAD of zero (half the points on the line) falls back to the RMS residual. "Zero" is
    // relative to the size of the terms: rounding leaves a MAD of ~1e-16 of it on a scaled copy
    // of the same data, and the choice of scale must not depend on the unit.
    if (!(sigma > 1e-9 * magnitude)) {
      double ss = 0.0;
      for (double r : p.residuals) ss += r * r;
      sigma = std::sqrt(ss / static_cast<double>(n - 2));
    }
  }
  p.sigma2 = sigma * sigma;
  const double se_b = (ts.slope_upper - ts.slope_lower) / (2.0 * detail::central_critical_value(0.95, detail::inf_value));
  p.params = {{"slope", ts.slope, se_b},
              {"intercept", ts.intercept, detail::nan_value},
              {"intercept_joint", ts.intercept_joint, detail::nan_value},
              {"slope_lower_95", ts.slope_lower, detail::nan_value},
              {"slope_upper_95", ts.slope_upper, detail::nan_value},
              {"residual_scale", sigma, detail::nan_value},
              {"mann_kendall_s", static_cast<double>(mk.s), std::sqrt(mk.var_s)},
              {"mann_kendall_z", mk.z, detail::nan_value},
              {"mann_kendall_p", mk.p_two_sided, detail::nan_value},
              {"tau_b", mk.tau_b, detail::nan_value}};
  const double dn = static_cast<double>(n);
  for (int t = detail::first_forecast_year(p.last_year, deadline); t <= deadline; ++t) {
    predictive_distribution d;
    d.year = t;
    d.location = ts.intercept + ts.slope * static_cast<double>(t);
    if (n > 2) {
      const double dt = static_cast<double>(t) - x_med;
      d.scale = std::sqrt(sigma * sigma * (1.0 + 1.0 / dn) + se_b * se_b * dt * dt);
      d.df = dn - 2.0;
    } else {
      d.scale = detail::nan_value;
      d.df = 0.0;
    }
    p.forecast.push_back(d);
  }
  if (n == 2)
    p.reason = "only 2 points (" + detail::years_text(cs.years) +
               "): no residual scale and no interval; point projection only";
  detail::calibrate_by_trend(p, opt, cs.values);
  return p;
}

}  // namespace ontrack
