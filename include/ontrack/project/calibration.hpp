#pragma once
/// Calibrated predictive uncertainty: the chance that the trend itself bends.
///
/// Every model's own ("model") predictive variance assumes its fitted trend is the true one, so
/// it carries the noise around the line but not the drift of the line; over 5–10 years that
/// drift is most of the error (trends saturate, break, reverse). The calibrated uncertainty keeps
/// every point forecast and adds, on the model's scale, the variance of a slope that drifts like
/// an integrated random walk (a local linear trend's slope disturbance), both after the last
/// observation and inside the fitted window:
///
///     scale²(h) = model scale²(h) + D · (Σ_{k=1..h} k² + ρ · T · h²),
///
/// h the horizon in years after the last observation (so 5-year steps are handled in years) and
/// T the years from the fit's mean year to its last year. Σk² is the future drift; ρ·T·h² is the
/// drift already inside the window, which leaves the fitted slope off by a variance ∝ D·T (a
/// straight line fitted across a bend is wrong at its end, and more so the longer the window).
/// D, the yearly variance of the slope's change, is the series' own evidence shrunk toward a
/// shipped prior:
///
///     D = (w · D_prior + m · D_own) / (w + m),   D_prior = (κ_b·slope)² + (κ_s·s)²,
///
/// where D_own comes from the m one-step rolling-origin errors of prefix OLS fits (their excess
/// squared error over the OLS prediction variance, per unit of Σk²) and s is the residual SD.
/// κ_b, κ_s, w and ρ are learned by bench/calibration/learn_prior.py from the bundled national and
/// regional series and from simulation only (docs/uncertainty.md gives the derivation).
///
/// Everything here is a function of per-series sufficient statistics, so the batch kernel and the
/// single-series models compute the same numbers from the same arithmetic.

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace ontrack {

/// Which predictive uncertainty a projection reports.
enum class uncertainty_kind : std::uint8_t {
  calibrated,  ///< the model's own variance plus slope drift (the default; see above)
  model,       ///< the model's own closed-form / likelihood variance (NIST, R forecast exact)
};

/// Every uncertainty kind, the default first (the names the command line and bindings offer).
inline constexpr uncertainty_kind uncertainty_kinds[] = {uncertainty_kind::calibrated, uncertainty_kind::model};

inline std::string_view to_string(uncertainty_kind u) noexcept {
  return u == uncertainty_kind::model ? "model" : "calibrated";
}

/// "calibrated" or "model"; std::invalid_argument naming both for anything else.
inline uncertainty_kind uncertainty_from_string(std::string_view name) {
  if (name == "calibrated") return uncertainty_kind::calibrated;
  if (name == "model") return uncertainty_kind::model;
  throw std::invalid_argument("unknown uncertainty \"" + std::string(name) +
                              "\": expected \"calibrated\" or \"model\"");
}

/// The shipped prior of the slope drift. Re-derived by bench/calibration/learn_prior.py; change
/// these only together with the tables in docs/uncertainty.md.
struct drift_prior {
  double slope_share = 0.14;   ///< κ_b: SD of the slope's yearly change per unit of |slope|
  /// κ_s: SD of the slope's yearly change per unit of residual SD. Learned as 0: on the learning
  /// panels noisy series bend no more than smooth ones once their own errors are counted.
  double noise_share = 0.0;
  double weight = 8.0;         ///< w: the prior's weight, in rolling-origin errors
  double window_share = 1.5;   ///< ρ: the slope error left by drift inside the fit window, per year of T
};

/// The series' own evidence of drift: one-step rolling-origin errors of prefix OLS fits.
struct drift_evidence {
  double excess = 0.0;          ///< Σ (error² − OLS prediction variance)
  double horizon_weight = 0.0;  ///< Σ drift_growth over the same errors
  int errors = 0;               ///< m, the number of errors
};

namespace detail {

/// Σ_{k=1..h} k² + ρ·T·h²: how the drift's variance grows h years after a fit whose last year
/// is T years after its mean year.
inline double drift_growth(double h, double window, double window_share) noexcept {
  return h > 0.0 ? h * (h + 1.0) * (2.0 * h + 1.0) / 6.0 + window_share * window * h * h : 0.0;
}

/// The smallest prefix scored: 4 points leave 2 residual degrees of freedom, so the OLS
/// prediction variance the error is compared with is not a one-df guess.
inline constexpr std::size_t first_drift_origin = 4;

/// The year-only terms of the rolling-origin pass at point k: what every series on the same
/// years shares, so a batch on a shared grid computes them once (batch.hpp's grid path).
struct drift_origin {
  double x = 0.0;           ///< x(k) − x(0)
  double sx = 0.0;          ///< Σ_{j<k} (x(j) − x(0))
  double inv_k = 0.0;       ///< 1/k
  double dx = 0.0;          ///< x(k) − the prefix's mean year
  double inv_cxx = 0.0;     ///< 1 / the prefix's Σ(x − x̄)²
  double inv_dof = 0.0;     ///< 1/(k − 2)
  double leverage = 0.0;    ///< 1 + 1/k + dx²/Σ(x − x̄)²: the OLS prediction variance per s²
  double growth = 0.0;      ///< drift_growth of the step to x(k)
  bool scored = false;      ///< k ≥ first_drift_origin and the prefix has spread in x
};

/// The year terms of n points (x ascending) into `out`, with sums taken about the first point
/// so that years such as 2021 cost no precision.
template <class XAt>
inline void drift_origins(std::size_t n, XAt x, double window_share, std::vector<drift_origin>& out) {
  out.resize(n);
  if (n == 0) return;
  const double x0 = x(0);
  double sx = 0.0, sxx = 0.0;
  for (std::size_t k = 0; k < n; ++k) {
    drift_origin& o = out[k];
    o = drift_origin{};
    o.x = x(k) - x0;
    if (k >= first_drift_origin) {
      const double dk = static_cast<double>(k);
      o.sx = sx;
      o.inv_k = 1.0 / dk;
      const double xm = sx * o.inv_k;
      const double cxx = sxx - sx * xm;
      if (cxx > 0.0) {
        o.scored = true;
        o.inv_cxx = 1.0 / cxx;
        o.inv_dof = 1.0 / (dk - 2.0);
        o.dx = o.x - xm;
        o.leverage = 1.0 + o.inv_k + o.dx * o.dx * o.inv_cxx;
        o.growth = drift_growth(x(k) - x(k - 1), (x(k - 1) - x0) - xm, window_share);
      }
    }
    sx += o.x, sxx += o.x * o.x;
  }
}

/// One pass over the values with running sums (prefix fits are O(1) each, no division): the
/// series' own drift evidence, given its years' terms from drift_origins.
template <class ZAt>
inline drift_evidence rolling_drift_evidence(const std::vector<drift_origin>& xs, ZAt z) noexcept {
  drift_evidence ev;
  const std::size_t n = xs.size();
  if (n <= first_drift_origin) return ev;
  const double z0 = z(0);
  double sz = 0.0, sxz = 0.0, szz = 0.0;
  for (std::size_t k = 0; k < n; ++k) {
    const drift_origin& o = xs[k];
    const double zk = z(k) - z0;
    if (o.scored) {
      const double zm = sz * o.inv_k;
      const double cxz = sxz - o.sx * zm, czz = szz - sz * zm;
      const double b = cxz * o.inv_cxx;
      const double rss = czz - b * cxz;
      const double s2 = rss > 0.0 ? rss * o.inv_dof : 0.0;
      const double err = zk - (zm + b * o.dx);
      ev.excess += err * err - s2 * o.leverage;
      ev.horizon_weight += o.growth;
      ++ev.errors;
    }
    sz += zk, sxz += o.x * zk, szz += zk * zk;
  }
  return ev;
}

/// D, the yearly variance of the slope's change (model scale), from the fitted slope, the
/// residual variance (NaN or 0 where the model has none to offer) and the series' own evidence.
inline double slope_drift_variance(const drift_prior& prior, double slope, double residual_var,
                                   const drift_evidence& ev) noexcept {
  const double kb = prior.slope_share * slope;
  const double noise = std::isfinite(residual_var) && residual_var > 0.0 ? residual_var : 0.0;
  const double d_prior = kb * kb + prior.noise_share * prior.noise_share * noise;
  if (!std::isfinite(d_prior)) return 0.0;
  const double m = static_cast<double>(ev.errors);
  const double d_own = ev.horizon_weight > 0.0 && ev.excess > 0.0 ? ev.excess / ev.horizon_weight : 0.0;
  if (!(prior.weight + m > 0.0)) return d_prior;  // no prior weight and no evidence
  return (prior.weight * d_prior + m * d_own) / (prior.weight + m);
}

/// The calibrated scale `horizon` years after the last observation of a fit whose last year is
/// `window` years after its mean year. A NaN model scale (a point-only model) stays NaN: the
/// drift is added to an interval, it does not invent one.
inline double calibrated_scale(double model_scale, double drift_variance, double horizon, double window,
                               const drift_prior& prior) noexcept {
  if (std::isnan(model_scale)) return model_scale;
  return std::sqrt(model_scale * model_scale +
                   drift_variance * drift_growth(horizon, window, prior.window_share));
}

}  // namespace detail
}  // namespace ontrack
