#pragma once
/// Ordinary least squares: the general simple regression `fit_linear` and the linear trend model
/// `project_linear`, plus the closed-form machinery shared with log_linear.hpp and logit.hpp.
///
/// x is always centred before the cross products are formed: raw years such as 2021 used as x
/// make the normal equations ill-conditioned (X'X has entries ~4·10⁶ and ~n), which costs
/// about 7 significant digits in naive code. Centring makes a shift of x free (NIST Norris with
/// x + 2000 gives the same digits as Norris).

#include <cmath>
#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

#include <ontrack/project/projection.hpp>

namespace ontrack {
namespace detail {

/// Plain floating-point accumulator (the hot path).
struct plain_sum {
  double s = 0.0;
  void add(double x) noexcept { s += x; }
  double value() const noexcept { return s; }
};

/// Neumaier-compensated accumulator: error independent of n, for the general `fit_linear`
/// (certified-digit accuracy on NIST data), where speed does not matter.
struct compensated_sum {
  double s = 0.0, c = 0.0;
  void add(double x) noexcept {
    const double t = s + x;
    if (std::fabs(s) >= std::fabs(x))
      c += (s - t) + x;
    else
      c += (x - t) + s;
    s = t;
  }
  double value() const noexcept { return s + c; }
};

/// Sufficient statistics of a centred simple regression of z on x.
struct ols_core {
  std::size_t n = 0;
  double x_mean = nan_value;
  double z_mean = nan_value;
  double sxx = nan_value;  ///< Σ (x − x̄)²
  double szz = nan_value;  ///< Σ (z − z̄)²
  double sxz = nan_value;  ///< Σ (x − x̄)(z − z̄)
  double slope = nan_value;
  double rss = nan_value;  ///< Σ residual², residuals formed explicitly (not szz − b·sxz)

  /// Residual standard deviation on n − 2 degrees of freedom; NaN for n <= 2.
  double residual_sd() const noexcept {
    return n > 2 ? std::sqrt(rss / static_cast<double>(n - 2)) : nan_value;
  }
  double fitted(double x) const noexcept { return z_mean + slope * (x - x_mean); }
};

/// Three passes: means; centred cross products; explicit residuals. The residual pass costs n
/// multiply-adds and keeps the residual SD accurate when the fit is nearly perfect (R² → 1),
/// where rss = szz − b·sxz would cancel catastrophically.
///
/// Every sum runs in four interleaved accumulators (element i into lane i mod 4, combined as
/// (l0 + l1) + (l2 + l3)): that cuts the floating-point add-latency chain fourfold, which is what
/// limits the hot batch path on 15-point series. The loops are written out by hand so that no
/// optimiser has to discover this. The order is fixed, so results are deterministic and the
/// same wherever this core runs (batch or single-series).
template <class Acc>
inline ols_core ols_fit_centred(std::size_t n, const double* x, const double* z) noexcept {
  ols_core c;
  c.n = n;
  const std::size_t n4 = n & ~std::size_t{3};
  const std::size_t tail = n - n4;
  {
    Acc x0, x1, x2, x3, z0, z1, z2, z3;
    for (std::size_t i = 0; i < n4; i += 4) {
      x0.add(x[i]);
      x1.add(x[i + 1]);
      x2.add(x[i + 2]);
      x3.add(x[i + 3]);
      z0.add(z[i]);
      z1.add(z[i + 1]);
      z2.add(z[i + 2]);
      z3.add(z[i + 3]);
    }
    if (tail > 0) { x0.add(x[n4]); z0.add(z[n4]); }
    if (tail > 1) { x1.add(x[n4 + 1]); z1.add(z[n4 + 1]); }
    if (tail > 2) { x2.add(x[n4 + 2]); z2.add(z[n4 + 2]); }
    const double dn = static_cast<double>(n);
    c.x_mean = ((x0.value() + x1.value()) + (x2.value() + x3.value())) / dn;
    c.z_mean = ((z0.value() + z1.value()) + (z2.value() + z3.value())) / dn;
  }
  const double xm = c.x_mean, zm = c.z_mean;
  {
    Acc xx0, xx1, xx2, xx3, zz0, zz1, zz2, zz3, xz0, xz1, xz2, xz3;
    const auto step = [&](Acc& xx, Acc& zz, Acc& xz, std::size_t i) {
      const double dx = x[i] - xm, dz = z[i] - zm;
      xx.add(dx * dx);
      zz.add(dz * dz);
      xz.add(dx * dz);
    };
    for (std::size_t i = 0; i < n4; i += 4) {
      step(xx0, zz0, xz0, i);
      step(xx1, zz1, xz1, i + 1);
      step(xx2, zz2, xz2, i + 2);
      step(xx3, zz3, xz3, i + 3);
    }
    if (tail > 0) step(xx0, zz0, xz0, n4);
    if (tail > 1) step(xx1, zz1, xz1, n4 + 1);
    if (tail > 2) step(xx2, zz2, xz2, n4 + 2);
    c.sxx = (xx0.value() + xx1.value()) + (xx2.value() + xx3.value());
    c.szz = (zz0.value() + zz1.value()) + (zz2.value() + zz3.value());
    c.sxz = (xz0.value() + xz1.value()) + (xz2.value() + xz3.value());
  }
  c.slope = c.sxz / c.sxx;
  const double b = c.slope;
  {
    Acc r0, r1, r2, r3;
    const auto step = [&](Acc& acc, std::size_t i) {
      const double r = (z[i] - zm) - b * (x[i] - xm);
      acc.add(r * r);
    };
    for (std::size_t i = 0; i < n4; i += 4) {
      step(r0, i);
      step(r1, i + 1);
      step(r2, i + 2);
      step(r3, i + 3);
    }
    if (tail > 0) step(r0, n4);
    if (tail > 1) step(r1, n4 + 1);
    if (tail > 2) step(r2, n4 + 2);
    c.rss = (r0.value() + r1.value()) + (r2.value() + r3.value());
  }
  return c;
}

/// Model-scale predictive distribution of a new observation at x = t:
/// location z̄ + b(t − x̄), scale s·√(1 + 1/n + (t − x̄)²/Sxx), Student-t with n − 2 df.
/// For n = 2 the scale is NaN (no residual variance: point only).
inline predictive_distribution ols_predictive(const ols_core& c, int year) noexcept {
  predictive_distribution d;
  d.year = year;
  const double dt = static_cast<double>(year) - c.x_mean;
  d.location = c.z_mean + c.slope * dt;
  if (c.n > 2) {
    const double s = std::sqrt(c.rss / static_cast<double>(c.n - 2));
    d.scale = s * std::sqrt(1.0 + 1.0 / static_cast<double>(c.n) + dt * dt / c.sxx);
    d.df = static_cast<double>(c.n - 2);
  } else {
    d.scale = nan_value;
    d.df = 0.0;
  }
  return d;
}

/// D, the slope drift of the series (its years' drift_origins, z(k) its k-th model-scale value,
/// c their OLS fit), for the calibrated uncertainty. The batch kernel's shared-grid tiles (the
/// grid's origins computed once, a series' values strided) call this directly; the
/// single-series models and the batch's other series through series_drift_variance below, so
/// every path computes the same numbers the same way.
template <class ZAt>
inline double series_drift_variance_at(const drift_prior& prior, const ols_core& c,
                                       const std::vector<drift_origin>& origins, ZAt z) noexcept {
  const std::size_t n = origins.size();
  const drift_evidence ev = rolling_drift_evidence(origins, z);
  return slope_drift_variance(prior, c.slope, n > 2 ? c.rss / static_cast<double>(n - 2) : nan_value, ev);
}

inline double series_drift_variance(const drift_prior& prior, const ols_core& c, std::size_t n,
                                    const double* x, const double* z) {
  thread_local std::vector<drift_origin> origins;  // reused: the batch calls this per series
  drift_origins(n, [x](std::size_t i) { return x[i]; }, prior.window_share, origins);
  return series_drift_variance_at(prior, c, origins, [z](std::size_t i) { return z[i]; });
}

/// Calibrates a projection of any model whose model-scale values are `z` (calibration.hpp): the
/// drift is estimated from the OLS trend of z on the years, whatever model made the forecast.
inline void calibrate_by_trend(projection& p, const projection_options& opt, const std::vector<double>& z) {
  if (opt.uncertainty != uncertainty_kind::calibrated || !p.ok()) return;
  const std::size_t n = p.years.size();
  std::vector<double> x(n);
  for (std::size_t i = 0; i < n; ++i) x[i] = static_cast<double>(p.years[i]);
  const ols_core c = ols_fit_centred<plain_sum>(n, x.data(), z.data());
  add_slope_drift(p, series_drift_variance(opt.prior, c, n, x.data(), z.data()), c.x_mean, opt.prior);
}

/// log|dz/dy| summed over the data: the Jacobian that puts a model-scale Gaussian likelihood on
/// the value scale (0 for identity).
inline double log_jacobian(const value_transform& g, const std::vector<double>& values) {
  double s = 0.0;
  for (double y : values) {
    switch (g.kind) {
      case transform_kind::log: s -= std::log(y); break;
      case transform_kind::logit: s += std::log((g.hi - g.lo) / ((y - g.lo) * (g.hi - y))); break;
      default: break;
    }
  }
  return s;
}

inline std::string years_text(const std::vector<int>& years) {
  std::string s;
  for (std::size_t i = 0; i < years.size(); ++i) s += (i ? ", " : "") + std::to_string(years[i]);
  return s;
}

/// Builds the projection of a closed-form model (linear, log_linear, logit) from validated data
/// and its model-scale values z (already checked to be finite). `jacobian_values` are the values
/// z was computed from when they differ from cs.values (logit boundary nudging).
inline projection closed_form_projection(model m, const value_transform& g, const clean_series& cs,
                                         const std::vector<double>& z, int deadline,
                                         const projection_options& opt,
                                         const std::vector<double>* jacobian_values = nullptr) {
  projection p = projection_of(m, g, cs);
  const std::size_t n = cs.years.size();
  std::vector<double> x(n);
  for (std::size_t i = 0; i < n; ++i) x[i] = static_cast<double>(cs.years[i]);
  const ols_core c = ols_fit_centred<plain_sum>(n, x.data(), z.data());
  p.fitted.resize(n);
  p.residuals.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    const double f = c.fitted(static_cast<double>(cs.years[i]));
    p.fitted[i] = g.to_value(f);
    p.residuals[i] = z[i] - f;
  }
  const double dn = static_cast<double>(n);
  const double s = c.residual_sd();
  p.sigma2 = n > 2 ? c.rss / (dn - 2.0) : nan_value;
  // Gaussian log-likelihood at the MLE (σ² = rss/n), moved to the value scale by the Jacobian.
  // A perfect fit has rss = 0 and an unbounded likelihood: reported as NaN, not +inf.
  if (c.rss > 0.0) {
    p.loglik = -0.5 * dn * (std::log(2.0 * 3.14159265358979323846 * c.rss / dn) + 1.0) +
               log_jacobian(g, jacobian_values ? *jacobian_values : cs.values);
    p.aicc = aicc(p.loglik, 3, p.n);
  }
  const double se_slope = s / std::sqrt(c.sxx);
  const double se_level = s / std::sqrt(dn);
  const double intercept = c.z_mean - c.slope * c.x_mean;
  const double se_intercept = s * std::sqrt(1.0 / dn + c.x_mean * c.x_mean / c.sxx);
  p.params.push_back({"slope", c.slope, se_slope});
  p.params.push_back({"intercept", intercept, se_intercept});
  p.params.push_back({"level", c.z_mean, se_level});
  p.params.push_back({"centre_year", c.x_mean, nan_value});
  p.params.push_back({"residual_sd", s, nan_value});
  p.params.push_back({"r_squared", c.szz > 0.0 ? 1.0 - c.rss / c.szz : nan_value, nan_value});
  for (int t = first_forecast_year(p.last_year, deadline); t <= deadline; ++t)
    p.forecast.push_back(ols_predictive(c, t));
  if (opt.uncertainty == uncertainty_kind::calibrated)
    add_slope_drift(p, series_drift_variance(opt.prior, c, n, x.data(), z.data()), c.x_mean, opt.prior);
  if (n == 2)
    p.reason = "only 2 points (" + years_text(cs.years) +
               "): the line passes through both, so there is no residual variance and no "
               "interval; point projection only";
  else if (c.rss == 0.0)
    p.reason = "the line fits all " + std::to_string(n) +
               " points exactly: intervals have zero width";
  return p;
}

}  // namespace detail

/// A simple linear regression y = intercept + slope·x (or y = slope·x without intercept).
struct linear_fit {
  bool has_intercept = true;
  std::size_t n = 0;
  double intercept = 0.0;  ///< 0 exactly when has_intercept is false
  double slope = detail::nan_value;
  double intercept_se = detail::nan_value;  ///< NaN without intercept
  double slope_se = detail::nan_value;
  double residual_sd = detail::nan_value;   ///< √(RSS/df)
  /// R² = 1 − RSS/Σ(y − ȳ)² with intercept; without intercept the uncentred 1 − RSS/Σy² (the
  /// convention NIST certifies for NoInt1/NoInt2 and R's lm uses).
  double r_squared = detail::nan_value;
  double rss = detail::nan_value;
  double df = detail::nan_value;            ///< residual degrees of freedom, n − 2 (n − 1 without intercept)
  double x_mean = 0.0;  ///< centre of x (0 without intercept)
  double sxx = detail::nan_value;  ///< Σ(x − x̄)² (Σx² without intercept)

  double predict(double x) const noexcept { return intercept + slope * x; }
  /// Standard error of a new observation at x (prediction, not confidence, interval scale).
  double prediction_se(double x) const noexcept {
    const double d = x - x_mean;
    const double lever = has_intercept ? 1.0 / static_cast<double>(n) + d * d / sxx : x * x / sxx;
    return residual_sd * std::sqrt(1.0 + lever);
  }
};

/// Least-squares line through (x, y) for any x (not only years), with x centred.
/// Accumulates with compensated sums (certified NIST digits), so it is slower than the trend
/// path; `project_linear` is the fast path for series.
/// Throws std::invalid_argument when x and y differ in length, hold a non-finite number, have
/// fewer than 2 points (1 without intercept), or x has a single distinct value (0 everywhere
/// without intercept), naming the index and value.
inline linear_fit fit_linear(const std::vector<double>& x, const std::vector<double>& y,
                             bool with_intercept = true) {
  if (x.size() != y.size())
    throw std::invalid_argument("fit_linear: " + std::to_string(x.size()) + " x values but " +
                                std::to_string(y.size()) + " y values: they must pair up");
  const std::size_t n = x.size();
  const std::size_t need = with_intercept ? 2 : 1;
  if (n < need)
    throw std::invalid_argument("fit_linear: " + std::to_string(n) + " points; at least " +
                                std::to_string(need) + " are needed");
  for (std::size_t i = 0; i < n; ++i)
    if (!std::isfinite(x[i]) || !std::isfinite(y[i]))
      throw std::invalid_argument("fit_linear: point " + std::to_string(i) + " is (" +
                                  detail::number_text(x[i]) + ", " + detail::number_text(y[i]) +
                                  "): values must be finite");
  linear_fit f;
  f.has_intercept = with_intercept;
  f.n = n;
  const double dn = static_cast<double>(n);
  if (with_intercept) {
    const auto c = detail::ols_fit_centred<detail::compensated_sum>(n, x.data(), y.data());
    if (!(c.sxx > 0.0))
      throw std::invalid_argument("fit_linear: every x equals " + detail::number_text(x[0]) +
                                  ": the slope is undefined");
    f.slope = c.slope;
    f.x_mean = c.x_mean;
    f.sxx = c.sxx;
    f.intercept = c.z_mean - c.slope * c.x_mean;
    f.rss = c.rss;
    f.df = dn - 2.0;
    f.residual_sd = n > 2 ? std::sqrt(c.rss / f.df) : detail::nan_value;
    f.slope_se = f.residual_sd / std::sqrt(c.sxx);
    f.intercept_se = f.residual_sd * std::sqrt(1.0 / dn + c.x_mean * c.x_mean / c.sxx);
    f.r_squared = c.szz > 0.0 ? 1.0 - c.rss / c.szz : detail::nan_value;
  } else {
    detail::compensated_sum sxx, sxy, syy;
    for (std::size_t i = 0; i < n; ++i) {
      sxx.add(x[i] * x[i]);
      sxy.add(x[i] * y[i]);
      syy.add(y[i] * y[i]);
    }
    if (!(sxx.value() > 0.0))
      throw std::invalid_argument("fit_linear: every x is 0: a line through the origin is undefined");
    f.slope = sxy.value() / sxx.value();
    f.sxx = sxx.value();
    detail::compensated_sum rss;
    for (std::size_t i = 0; i < n; ++i) {
      const double r = y[i] - f.slope * x[i];
      rss.add(r * r);
    }
    f.rss = rss.value();
    f.df = dn - 1.0;
    f.residual_sd = n > 1 ? std::sqrt(f.rss / f.df) : detail::nan_value;
    f.slope_se = f.residual_sd / std::sqrt(f.sxx);
    f.r_squared = syy.value() > 0.0 ? 1.0 - f.rss / syy.value() : detail::nan_value;
  }
  return f;
}

/// Linear trend of the value on the year (OLS, x centred at the mean year), Student-t prediction
/// intervals with n − 2 df. Parameters: slope (units/year), intercept (value at year 0),
/// level (value at the mean year, its SE s/√n), centre_year, residual_sd, r_squared.
/// With 2 points the projection is a point only (reason says so).
/// Throws projection_input_error (std::invalid_argument) for fewer than 2 points, non-finite
/// values, duplicate years, deadline before the last year used (std::out_of_range: more than 1000
/// years after it).
inline projection project_linear(const std::vector<int>& years, const std::vector<double>& values,
                                 int deadline, const projection_options& opt = {}) {
  const auto cs = detail::prepare_series(years, values, deadline, opt, nullptr, nullptr, 2, "linear");
  return detail::closed_form_projection(model::linear, value_transform::identity(), cs, cs.values,
                                        deadline, opt);
}

}  // namespace ontrack
