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

/// One pass over the series with running sums (prefix fits are O(1) each); x ascending. Sums are
/// taken about the first point so that years such as 2021 cost no precision.
template <class XAt, class ZAt>
inline drift_evidence rolling_drift_evidence(std::size_t n, XAt x, ZAt z, double window_share) noexcept {
  drift_evidence ev;
  if (n <= first_drift_origin) return ev;
  const double x0 = x(0), z0 = z(0);
  double sx = 0.0, sz = 0.0, sxx = 0.0, sxz = 0.0, szz = 0.0;
  for (std::size_t k = 0; k < n; ++k) {
    const double xk = x(k) - x0, zk = z(k) - z0;
    if (k >= first_drift_origin) {
      const double dk = static_cast<double>(k);
      const double xm = sx / dk, zm = sz / dk;
      const double cxx = sxx - sx * xm, cxz = sxz - sx * zm, czz = szz - sz * zm;
      if (cxx > 0.0) {
        const double b = cxz / cxx;
        const double rss = czz - b * cxz;
        const double s2 = rss > 0.0 ? rss / (dk - 2.0) : 0.0;
        const double dx = xk - xm;
        const double err = zk - (zm + b * dx);
        ev.excess += err * err - s2 * (1.0 + 1.0 / dk + dx * dx / cxx);
        ev.horizon_weight += drift_growth(x(k) - x(k - 1), (x(k - 1) - x0) - xm, window_share);
        ++ev.errors;
      }
    }
    sx += xk, sz += zk, sxx += xk * xk, sxz += xk * zk, szz += zk * zk;
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
