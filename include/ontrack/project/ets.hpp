#pragma once
/// Exponential smoothing with an additive trend: Holt's linear method, ETS(A,A,N), and the
/// damped trend, ETS(A,Ad,N), with the semantics of R's forecast::ets (and of fpp's holt()).
///
/// Why R's semantics: the projections must be explainable to statisticians who check them
/// in R. Defaults, start values, initial states, the optimiser (a port of R's nmmin), the
/// admissibility checks, the likelihood, the information criteria, sigma^2 and the
/// prediction-interval variance all follow forecast::ets, so a free fit of a 15-point series
/// lands on R's parameters and R's intervals.
///
/// Parameterisation (R's ets, state-space error-correction form), e_t = y_t - (l + phi b):
///   l_t = l_{t-1} + phi b_{t-1} + alpha e_t
///   b_t = phi b_{t-1} + beta e_t
///   forecast(h) = l_n + (phi + phi^2 + ... + phi^h) b_n
/// `beta` is always the ets beta. Holt's textbook beta* (used by fpp's
/// holt(initial = "simple") and by HoltWinters) is beta* = beta / alpha, so
/// holt(y, alpha = a, beta = s) corresponds to alpha = a, beta = a * s here.
///
/// Deliberate differences from R (each documented where it happens):
///  * fixed parameters are accepted on the closed natural region (0 <= alpha <= 1,
///    0 <= beta <= alpha, 0 < phi <= 1); R's ets() refuses fixed values outside
///    [1e-4, 0.9999] and phi outside [0.8, 0.98] (so R cannot fix alpha = 1);
///  * the tiny-series fallback (R's HoltWintersZZ) minimises its SSE with a box-bounded
///    Nelder–Mead instead of L-BFGS-B (both are local searches from R's start values);
///  * a fixed beta reaching HoltWintersZZ is converted to beta* = beta / alpha; R's ets()
///    hands its `beta` argument to HoltWintersZZ unchanged, where it means beta*;
///  * R's forecast() of a HoltWintersZZ fit plugs beta* into the interval formula that
///    expects beta; ontrack uses beta unless `ets_options::r_interval_quirk` asks for R's.

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <limits>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>

#include <Eigen/Core>
#include <boost/math/distributions/normal.hpp>

#include "ontrack/detail/nelder_mead.hpp"

namespace ontrack {

/// How the initial states l0, b0 are obtained (fpp's holt(initial = ...)).
enum class ets_initial {
  /// Estimated jointly with the smoothing parameters by maximum likelihood (R's ets()).
  optimal,
  /// l0 = y_1, b0 = y_2 - y_1, smoothing parameters by least squares, sigma^2 = SSE / n
  /// (R's HoltWintersZZ, i.e. holt(initial = "simple")). Needs a fixed phi when damped.
  /// As in R, these are the states *before* y_1, so the first fitted value is y_2 and the
  /// first residual is y_1 - y_2.
  simple
};

/// What the optimiser minimises in `ets_initial::optimal` (R's `opt.crit`).
enum class ets_criterion {
  likelihood,  ///< n log(SSE): ets()'s default ("lik")
  mse          ///< SSE / n: what fpp's holt() and ses() pass ("mse"); same optimum in theory,
               ///< a different search path in practice
};

/// Model and estimation choices. Any parameter given here is fixed; the others are estimated.
struct ets_options {
  bool damped = false;  ///< ETS(A,Ad,N) instead of ETS(A,A,N)
  /// Fixed values. `beta` is the ets beta (beta = alpha * beta*), `phi` only with damped.
  std::optional<double> alpha, beta, phi, l0, b0;
  ets_initial initial = ets_initial::optimal;
  ets_criterion criterion = ets_criterion::likelihood;
  /// Reproduce R's prediction intervals for HoltWintersZZ fits (initial = simple, and the
  /// tiny-series fallback) exactly: R's forecast() then uses beta* where the formula needs
  /// beta, which widens those intervals. Off by default because it is inconsistent with the
  /// fitted model; on only to match R's published numbers.
  bool r_interval_quirk = false;
};

enum class ets_status {
  ok,
  too_few_points,    ///< fewer than 3 observations: no trend can be estimated honestly
  non_finite_value,  ///< the series contains NaN or +-Inf
  /// The objective is not finite at the start values (no results), or Nelder–Mead stopped
  /// at its limit of 2000 evaluations (results filled from the best vertex, which R would
  /// use without warning). `reason` says which.
  not_converged
};

/// Stable name of a status, for logs and bindings.
inline const char* to_string(ets_status s) {
  switch (s) {
    case ets_status::ok: return "ok";
    case ets_status::too_few_points: return "too_few_points";
    case ets_status::non_finite_value: return "non_finite_value";
    case ets_status::not_converged: return "not_converged";
  }
  return "unknown";
}

/// A fitted model. Vectors and statistics are filled whenever a parameter vector with a
/// finite SSE exists (status ok, or not_converged after the evaluation limit); otherwise
/// they are empty/NaN and `status`/`reason` say why.
struct ets_fit {
  ets_status status = ets_status::ok;
  std::string reason;  ///< empty when nothing needs saying
  bool damped = false;                ///< phi < 1 is in use
  bool tiny_series_fallback = false;  ///< n <= npars + 4: R's HoltWintersZZ path was used
  ets_initial initial = ets_initial::optimal;  ///< how l0, b0 were actually obtained

  double alpha = std::numeric_limits<double>::quiet_NaN();
  double beta = std::numeric_limits<double>::quiet_NaN();  ///< ets beta (alpha * beta*)
  double phi = 1.0;  ///< 1 when not damped
  double l0 = std::numeric_limits<double>::quiet_NaN();
  double b0 = std::numeric_limits<double>::quiet_NaN();

  Eigen::VectorXd level;      ///< l_0 .. l_n (n + 1 values)
  Eigen::VectorXd trend;      ///< b_0 .. b_n (n + 1 values)
  Eigen::VectorXd fitted;     ///< one-step-ahead forecasts, length n
  Eigen::VectorXd residuals;  ///< y - fitted, length n

  double sse = std::numeric_limits<double>::quiet_NaN();
  /// Innovation variance used for intervals: SSE / sigma2_df.
  double sigma2 = std::numeric_limits<double>::quiet_NaN();
  /// -0.5 n log(SSE) (R omits the constant); +Inf for an exact fit (SSE = 0), as in R.
  double loglik = std::numeric_limits<double>::quiet_NaN();
  /// AIC/BIC/AICc with np = n_estimated + 1 (R counts sigma). AICc is +Inf when
  /// np >= n - 1. R leaves these undefined for the tiny-series fallback; here they use the
  /// same formulas with the smoothing parameters that were estimated.
  double aic = std::numeric_limits<double>::quiet_NaN();
  double aicc = std::numeric_limits<double>::quiet_NaN();
  double bic = std::numeric_limits<double>::quiet_NaN();
  int n = 0;
  /// Values the optimiser actually estimated (R's length(par) before the fixed ones are
  /// appended): free smoothing parameters plus free initial states.
  int n_estimated = 0;
  /// Denominator of sigma2. R's ets(): n - length(model$par), where model$par counts every
  /// model parameter, fixed or estimated (alpha, beta, [phi], l0, b0): n - 4 or n - 5.
  /// HoltWintersZZ (simple initial states, tiny-series fallback): n.
  int sigma2_df = 0;
  /// The slope coefficient used in the interval variance: beta, or R's beta* under
  /// `r_interval_quirk` for HoltWintersZZ fits.
  double variance_beta = std::numeric_limits<double>::quiet_NaN();
  int optimizer_evaluations = 0;  ///< objective evaluations used by the optimiser
  /// R's nmmin fail code: 0 converged, 1 evaluation limit, 10 degenerate simplex (R accepts
  /// the result; so does ontrack), -1 objective not finite at the start.
  int optimizer_fail = 0;

  /// True when the final states exist, i.e. forecasts can be computed.
  bool has_states() const { return level.size() > 0 && trend.size() > 0; }

  /// Point forecast h >= 1 steps after the last observation (NaN without states).
  double forecast_mean(int h) const {
    check_horizon(h);
    if (!has_states()) return std::numeric_limits<double>::quiet_NaN();
    // As R's forecast.ets (class1: H F^(h-1) x): phistar = phi + phi^2 + ... + phi^h.
    double phistar = 0.0;
    double phipow = 1.0;
    for (int j = 1; j <= h; ++j) {
      phipow *= phi;
      phistar += phipow;
    }
    return level[level.size() - 1] + phistar * trend[trend.size() - 1];
  }

  /// Class-1 forecast variance (Hyndman et al. 2008, ch. 6), as R's forecast.ets:
  /// sigma2 * (1 + sum_{j=1}^{h-1} c_j^2), c_j = alpha + beta (phi + ... + phi^j).
  /// It ignores parameter uncertainty, as R does.
  double forecast_variance(int h) const {
    check_horizon(h);
    if (!has_states()) return std::numeric_limits<double>::quiet_NaN();
    double sum = 0.0;
    double phipow = 1.0;
    double s = 0.0;  // phi + phi^2 + ... + phi^j
    for (int j = 1; j <= h - 1; ++j) {
      phipow *= phi;
      s += phipow;
      const double c = alpha + variance_beta * s;
      sum += c * c;
    }
    return sigma2 * (1.0 + sum);
  }

  /// Normal prediction interval with the given coverage in (0, 1), e.g. 0.95.
  std::pair<double, double> forecast_interval(int h, double coverage = 0.95) const {
    if (!(coverage > 0.0 && coverage < 1.0)) {
      throw std::invalid_argument("ets forecast_interval: coverage must lie strictly between 0 and 1");
    }
    const double mean = forecast_mean(h);
    const double z = boost::math::quantile(boost::math::normal_distribution<double>(),
                                           0.5 + coverage / 2.0);
    const double half = z * std::sqrt(forecast_variance(h));
    return {mean - half, mean + half};
  }

 private:
  static void check_horizon(int h) {
    if (h < 1) throw std::invalid_argument("ets forecast: horizon h must be >= 1");
  }
};

namespace detail {

// R's default bounds for (alpha, beta, gamma, phi) in ets().
inline constexpr std::array<double, 4> ets_default_lower{1e-4, 1e-4, 1e-4, 0.8};
inline constexpr std::array<double, 4> ets_default_upper{0.9999, 0.9999, 0.9999, 0.98};

/// Finite test on the bit pattern, so it survives -ffast-math / -ffinite-math-only, under
/// which std::isfinite may be folded to true and the non_finite_value status would be lost.
inline bool ets_is_finite_bits(double v) {
  std::uint64_t bits;
  std::memcpy(&bits, &v, sizeof bits);
  return (bits & 0x7FF0000000000000ULL) != 0x7FF0000000000000ULL;
}

inline std::string ets_num(double v) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

/// Reject fixed values that define no model. The region is the closed natural one
/// (wider than R's ets(), which also refuses e.g. alpha = 1; see the file comment).
inline void ets_validate_options(const ets_options& o) {
  if (o.alpha) {
    const double a = *o.alpha;
    if (!ets_is_finite_bits(a) || a < 0.0 || a > 1.0) {
      throw std::invalid_argument("ets: fixed alpha = " + ets_num(a) +
                                  " violates 0 <= alpha <= 1");
    }
  }
  if (o.beta) {
    const double b = *o.beta;
    const double cap = o.alpha ? *o.alpha : 1.0;
    if (!ets_is_finite_bits(b) || b < 0.0 || b > cap) {
      throw std::invalid_argument(
          "ets: fixed beta = " + ets_num(b) + " violates 0 <= beta <= " +
          (o.alpha ? std::string("alpha = ") + ets_num(cap) : std::string("1")) +
          " (beta is the ets beta = alpha * beta*, with 0 <= beta* <= 1)");
    }
  }
  if (o.phi) {
    if (!o.damped) {
      throw std::invalid_argument("ets: phi is fixed but damped = false (phi is only used by the damped trend)");
    }
    const double p = *o.phi;
    if (!ets_is_finite_bits(p) || p <= 0.0 || p > 1.0) {
      throw std::invalid_argument("ets: fixed phi = " + ets_num(p) + " violates 0 < phi <= 1");
    }
  }
  if (o.l0 && !ets_is_finite_bits(*o.l0)) {
    throw std::invalid_argument("ets: fixed l0 must be finite");
  }
  if (o.b0 && !ets_is_finite_bits(*o.b0)) {
    throw std::invalid_argument("ets: fixed b0 must be finite");
  }
  if (o.initial == ets_initial::simple && o.damped && !o.phi) {
    throw std::invalid_argument(
        "ets: initial = simple cannot estimate phi (R's holt() switches to initial = optimal "
        "when damped); fix phi or use initial = optimal");
  }
}

// ---------------------------------------------------------------------------------------
// ETS(A,A,N) / ETS(A,Ad,N) in R's error-correction arithmetic (forecast/src/etscalc.c).

/// Sum of squared one-step errors, written for speed: the optimiser calls it hundreds of
/// times per fit. R's etscalc updates l = q + alpha (y - q), b = phi b + (beta / alpha)
/// (l_t - l_{t-1} - phi b) with q = l + phi b; here the same filter carries q instead of l,
///   e_t = y_t - q_t,  [q, b]_{t+1} = M [q, b]_t + k y_t,
///   M = [[1 - c, phi^2], [-beta, phi]],  k = [c, beta],  c = alpha + phi beta,
/// and advances two steps at a time ([q, b]_{t+2} = M^2 [q, b]_t + M k y_t + k y_{t+1};
/// only q_{t+1} is formed in between), which shortens the dependency chain per step about
/// fourfold. Only the last bits of the SSE differ from R's arithmetic, and Nelder–Mead's
/// comparisons do not notice: on 80,000 simulated series the estimates were bitwise
/// identical with either. Everything reported (ets_states) uses R's arithmetic.
inline double ets_sse(const double* y, int n, double alpha, double beta, double phi, double l,
                      double b) {
  const double c1 = alpha + phi * beta;
  const double p2 = phi * phi;
  const double omc = 1.0 - c1;
  const double m11 = omc * omc - p2 * beta, m12 = omc * p2 + p2 * phi;
  const double m21 = -beta * omc - phi * beta, m22 = -beta * p2 + phi * phi;
  const double u1 = omc * c1 + p2 * beta, u2 = -beta * c1 + phi * beta;  // M k
  double q = l + phi * b;
  double s0 = 0.0, s1 = 0.0;
  int i = 0;
  for (; i + 1 < n; i += 2) {
    const double y0 = y[i], y1 = y[i + 1];
    const double e0 = y0 - q;
    const double q1 = (p2 * b + c1 * y0) + omc * q;
    const double e1 = y1 - q1;
    s0 += e0 * e0;
    s1 += e1 * e1;
    const double qn = (m11 * q + m12 * b) + (u1 * y0 + c1 * y1);
    b = (m21 * q + m22 * b) + (u2 * y0 + beta * y1);
    q = qn;
  }
  if (i < n) {
    const double e0 = y[i] - q;
    s0 += e0 * e0;
  }
  return s0 + s1;
}

/// R's amse[0]: the running mean of squared one-step errors (opt.crit = "mse").
inline double ets_mse(const double* y, int n, double alpha, double beta, double phi, double l,
                      double b) {
  const double ratio = alpha > 0.0 ? beta / alpha : 0.0;
  double amse = 0.0, denom = 0.0;
  for (int i = 0; i < n; ++i) {
    const double phib = phi * b;
    const double q = l + phib;
    const double e = y[i] - q;
    denom += 1.0;
    amse = (amse * (denom - 1.0) + (e * e)) / denom;
    const double lnew = q + alpha * (y[i] - q);
    b = phib + ratio * ((lnew - l) - phib);
    l = lnew;
  }
  return amse;
}

/// Full pass: states, fitted values, residuals; returns the SSE.
inline double ets_states(const double* y, int n, double alpha, double beta, double phi,
                         double l, double b, ets_fit& fit) {
  fit.level.resize(n + 1);
  fit.trend.resize(n + 1);
  fit.fitted.resize(n);
  fit.residuals.resize(n);
  const double ratio = alpha > 0.0 ? beta / alpha : 0.0;
  fit.level[0] = l;
  fit.trend[0] = b;
  double sse = 0.0;
  for (int i = 0; i < n; ++i) {
    const double phib = phi * b;
    const double q = l + phib;
    const double e = y[i] - q;
    const double lnew = q + alpha * (y[i] - q);
    b = phib + ratio * ((lnew - l) - phib);
    l = lnew;
    fit.fitted[i] = q;
    fit.residuals[i] = e;
    fit.level[i + 1] = l;
    fit.trend[i + 1] = b;
    sse += e * e;
  }
  return sse;
}

/// What is estimated, and the bounds R uses (forecast/src/etsTargetFunction.cpp).
struct ets_problem {
  const double* y = nullptr;
  int n = 0;
  bool damped = false;
  bool opt_alpha = false, opt_beta = false, opt_phi = false, opt_l0 = false, opt_b0 = false;
  double alpha = 0, beta = 0, phi = 1, l0 = 0, b0 = 0;  // fixed values (or start values)
  std::array<double, 4> lower = ets_default_lower;
  std::array<double, 4> upper = ets_default_upper;
  bool mse = false;

  int n_free() const {
    return int(opt_alpha) + int(opt_beta) + int(opt_phi) + int(opt_l0) + int(opt_b0);
  }

  /// Parameter vector order as R's: alpha, beta, phi, then the states l, b.
  void unpack(const double* par, double& a, double& b, double& p, double& l, double& s) const {
    int j = 0;
    a = opt_alpha ? par[j++] : alpha;
    b = opt_beta ? par[j++] : beta;
    p = damped ? (opt_phi ? par[j++] : phi) : 1.0;
    l = opt_l0 ? par[j++] : l0;
    s = opt_b0 ? par[j++] : b0;
  }

  void pack(double* par) const {
    int j = 0;
    if (opt_alpha) par[j++] = alpha;
    if (opt_beta) par[j++] = beta;
    if (opt_phi) par[j++] = phi;
    if (opt_l0) par[j++] = l0;
    if (opt_b0) par[j++] = b0;
  }

  /// R's check_params() with bounds = "both": the usual region for the estimated
  /// parameters, then the admissible region (Hyndman, Akram & Archibald 2008).
  bool check_params(double a, double b, double p) const {
    if (opt_alpha && (a < lower[0] || a > upper[0])) return false;
    if (opt_beta && (b < lower[1] || b > a || b > upper[1])) return false;
    if (opt_phi && (p < lower[3] || p > upper[3])) return false;
    return true;
  }

  /// R's admissible() for non-seasonal models. It cannot fail once check_params() passes
  /// (fixed values are validated to 0 <= beta <= alpha <= 1, 0 < phi <= 1, and free ones lie
  /// in R's bounds, beta <= alpha): then 1 - 1/phi <= 0 <= alpha < 2 <= 1 + 1/phi,
  /// alpha (phi - 1) <= 0 <= beta and beta <= 1 < (1 + phi)(2 - alpha). The objective
  /// therefore skips it (it costs a division per evaluation); the start values are checked.
  static bool admissible(double a, double b, double p) {
    if (p < 0 || p > 1 + 1e-8) return false;
    if (a < 1 - 1 / p || a > 1 + 1 / p) return false;
    if (b < a * (p - 1) || b > (1 + p) * (2 - a)) return false;
    return true;
  }

  /// The target function R hands to nmmin.
  double operator()(int /*npar*/, const double* par) const {
    double a, b, p, l, s;
    unpack(par, a, b, p, l, s);
    if (!check_params(a, b, p)) return std::numeric_limits<double>::infinity();
    if (mse) return ets_mse(y, n, a, b, p, l, s);
    double lik = n * std::log(ets_sse(y, n, a, b, p, l, s));
    if (lik < -1e10) lik = -1e10;  // avoid perfect fits (R)
    if (std::isnan(lik)) lik = std::numeric_limits<double>::infinity();
    return lik;
  }
};

/// The objective of ets_problem for the usual case, every parameter free, without the
/// per-evaluation flag tests: same checks, same arithmetic, same values.
template <bool Damped>
struct ets_free_objective {
  const ets_problem* pr;
  double operator()(int /*npar*/, const double* par) const {
    const ets_problem& q = *pr;
    const double a = par[0], b = par[1];
    const double p = Damped ? par[2] : 1.0;
    const double l = par[Damped ? 3 : 2], s = par[Damped ? 4 : 3];
    if (a < q.lower[0] || a > q.upper[0]) return std::numeric_limits<double>::infinity();
    if (b < q.lower[1] || b > a || b > q.upper[1]) return std::numeric_limits<double>::infinity();
    if (Damped && (p < q.lower[3] || p > q.upper[3])) return std::numeric_limits<double>::infinity();
    double lik = q.n * std::log(ets_sse(q.y, q.n, a, b, p, l, s));
    if (lik < -1e10) lik = -1e10;
    if (std::isnan(lik)) lik = std::numeric_limits<double>::infinity();
    return lik;
  }
};

inline void ets_information_criteria(ets_fit& fit) {
  const double n = fit.n;
  const double lik = n * std::log(fit.sse);
  const double np = fit.n_estimated + 1.0;
  fit.loglik = -0.5 * lik;
  fit.aic = lik + 2.0 * np;
  fit.bic = lik + std::log(n) * np;
  fit.aicc = (np >= n - 1.0) ? std::numeric_limits<double>::infinity()
                             : fit.aic + 2.0 * np * (np + 1.0) / (n - np - 1.0);
}

/// R's etsmodel(): initparam, initstate, nmmin on the likelihood, pegelsresid.
inline void ets_fit_optimal(const double* y, int n, const ets_options& o, ets_fit& fit) {
  ets_problem pr;
  pr.y = y;
  pr.n = n;
  pr.damped = o.damped;
  pr.mse = (o.criterion == ets_criterion::mse);
  pr.opt_alpha = !o.alpha;
  pr.opt_beta = !o.beta;
  pr.opt_phi = o.damped && !o.phi;
  pr.opt_l0 = !o.l0;
  pr.opt_b0 = !o.b0;

  // Limits modified by fixed parameters, as in etsmodel().
  if (o.alpha) pr.upper[1] = std::min(*o.alpha, pr.upper[1]);
  if (o.beta) pr.lower[0] = std::max(*o.beta, pr.lower[0]);
  if (pr.opt_alpha && pr.lower[0] > pr.upper[0]) {
    throw std::invalid_argument("ets: alpha cannot be estimated: fixed beta = " +
                                ets_num(*o.beta) + " exceeds alpha's upper bound 0.9999");
  }
  if (pr.opt_beta && pr.lower[1] > pr.upper[1]) {
    throw std::invalid_argument("ets: beta cannot be estimated: fixed alpha = " +
                                ets_num(*o.alpha) +
                                " is below beta's lower bound 1e-4 (beta <= alpha); fix beta too");
  }

  // initparam() with m = 1.
  double alpha = 0, beta = 0, phi = 1;
  if (o.alpha) {
    alpha = *o.alpha;
  } else {
    alpha = pr.lower[0] + 0.2 * (pr.upper[0] - pr.lower[0]) / 1.0;
    if (alpha > 1 || alpha < 0) alpha = pr.lower[0] + 2e-3;
  }
  if (o.beta) {
    beta = *o.beta;
  } else {
    const double ub = std::min(pr.upper[1], alpha);
    beta = pr.lower[1] + 0.1 * (ub - pr.lower[1]);
    if (beta < 0 || beta > alpha) beta = alpha - 1e-3;
  }
  if (o.damped) {
    if (o.phi) {
      phi = *o.phi;
    } else {
      phi = pr.lower[3] + .99 * (pr.upper[3] - pr.lower[3]);
      if (phi < 0 || phi > 1) phi = pr.upper[3] - 1e-3;
    }
  }
  if (!pr.check_params(alpha, beta, phi) || !ets_problem::admissible(alpha, beta, phi)) {
    throw std::invalid_argument("ets: parameters out of range (the fixed values leave no "
                                "admissible start for the estimated ones)");
  }

  // initstate(): least-squares line through the first min(10, n) points, x = 1..maxn.
  double l0 = 0, b0 = 0;
  {
    const int maxn = std::min(10, n);
    double tbar = 0, ybar = 0;
    for (int i = 0; i < maxn; ++i) {
      tbar += i + 1;
      ybar += y[i];
    }
    tbar /= maxn;
    ybar /= maxn;
    double sxy = 0, sxx = 0;
    for (int i = 0; i < maxn; ++i) {
      const double dt = (i + 1) - tbar;
      sxy += dt * (y[i] - ybar);
      sxx += dt * dt;
    }
    b0 = sxy / sxx;
    l0 = ybar - b0 * tbar;
    if (std::fabs(l0 + b0) < 1e-8) {  // R perturbs (needed for multiplicative errors)
      l0 = l0 * (1 + 1e-3);
      b0 = b0 * (1 - 1e-3);
    }
  }
  if (o.l0) l0 = *o.l0;
  if (o.b0) b0 = *o.b0;

  pr.alpha = alpha;
  pr.beta = beta;
  pr.phi = phi;
  pr.l0 = l0;
  pr.b0 = b0;

  const int k = pr.n_free();
  fit.n_estimated = k;
  if (k > 0) {
    std::array<double, 5> start{}, best{};
    pr.pack(start.data());
    nelder_mead_control control;  // R's etsNelderMead settings are the defaults
    nelder_mead_result r;
    if (k == 4 + int(o.damped) && !pr.mse) {  // everything free: the specialised objective
      if (o.damped) {
        r = nmmin<5>(k, start.data(), best.data(), ets_free_objective<true>{&pr}, control);
      } else {
        r = nmmin<5>(k, start.data(), best.data(), ets_free_objective<false>{&pr}, control);
      }
    } else {
      r = nmmin<5>(k, start.data(), best.data(), pr, control);
    }
    fit.optimizer_evaluations = r.fncount;
    fit.optimizer_fail = r.fail;
    if (r.fail == -1) {
      fit.status = ets_status::not_converged;
      fit.reason = "the objective is not finite at the start values (SSE overflow?)";
      return;
    }
    pr.unpack(best.data(), alpha, beta, phi, l0, b0);
    if (r.fail == 1) {
      fit.status = ets_status::not_converged;
      fit.reason = "Nelder-Mead reached its limit of 2000 evaluations; the estimates are the "
                   "best vertex (R uses them without warning)";
    }
  }

  fit.alpha = alpha;
  fit.beta = beta;
  fit.phi = o.damped ? phi : 1.0;
  fit.l0 = l0;
  fit.b0 = b0;
  fit.damped = fit.phi < 1.0;
  fit.initial = ets_initial::optimal;
  fit.variance_beta = beta;
  fit.sse = ets_states(y, n, alpha, beta, fit.phi, l0, b0, fit);
  fit.sigma2_df = n - (4 + (o.damped ? 1 : 0));
  fit.sigma2 = fit.sse / fit.sigma2_df;
  ets_information_criteria(fit);
  if (!std::isfinite(fit.sse)) {
    fit.status = ets_status::not_converged;
    fit.reason = "the sum of squared errors is not finite";
  }
}

// ---------------------------------------------------------------------------------------
// R's HoltWintersZZ (forecast/R/HoltWintersNew.R, zzhw): Holt's recursions with beta*,
// simple initial states, used by holt(initial = "simple") and by ets() on tiny series.

/// zzhw's SSE (non-seasonal), in R's arithmetic.
inline double hw_sse(const double* y, int n, double alpha, double bstar, double phi, double l,
                     double b) {
  double sse = 0.0;
  for (int i = 0; i < n; ++i) {
    const double xhat = l + phi * b;
    const double res = y[i] - xhat;
    sse += res * res;
    const double lev = alpha * y[i] + (1 - alpha) * (l + phi * b);
    b = bstar * (lev - l) + (1 - bstar) * phi * b;
    l = lev;
  }
  return sse;
}

inline double hw_states(const double* y, int n, double alpha, double bstar, double phi,
                        double l, double b, ets_fit& fit) {
  fit.level.resize(n + 1);
  fit.trend.resize(n + 1);
  fit.fitted.resize(n);
  fit.residuals.resize(n);
  fit.level[0] = l;
  fit.trend[0] = b;
  double sse = 0.0;
  for (int i = 0; i < n; ++i) {
    const double xhat = l + phi * b;
    const double res = y[i] - xhat;
    sse += res * res;
    const double lev = alpha * y[i] + (1 - alpha) * (l + phi * b);
    b = bstar * (lev - l) + (1 - bstar) * phi * b;
    l = lev;
    fit.fitted[i] = xhat;
    fit.residuals[i] = res;
    fit.level[i + 1] = l;
    fit.trend[i + 1] = b;
  }
  return sse;
}

/// SSE over the box of (alpha, beta*), for the bounded search that replaces R's L-BFGS-B.
/// A point outside the box is evaluated at its projection and penalised by its squared
/// distance, so the Nelder–Mead simplex can slide along the bounds where tiny-series optima
/// usually sit, and every minimiser lies inside the box.
struct hw_problem {
  const double* y = nullptr;
  int n = 0;
  double phi = 1, l0 = 0, b0 = 0;
  bool opt_alpha = false, opt_bstar = false;
  double alpha = 0, bstar = 0;            // fixed values
  std::optional<double> fixed_beta;       // ets beta fixed while alpha is free
  double alpha_lower = 0;                 // = fixed ets beta when given (beta <= alpha)

  void unpack(const double* par, double& a, double& bs, double& dist2) const {
    int j = 0;
    dist2 = 0;
    auto take = [&](double lo, double hi) {
      const double v = par[j++];
      const double c = std::min(std::max(v, lo), hi);
      dist2 += (v - c) * (v - c);
      return c;
    };
    a = opt_alpha ? take(alpha_lower, 1.0) : alpha;
    if (opt_bstar) {
      bs = take(0.0, 1.0);
    } else if (fixed_beta) {
      bs = a > 0 ? *fixed_beta / a : 0.0;
    } else {
      bs = bstar;
    }
  }

  double operator()(int /*npar*/, const double* par) const {
    double a, bs, d2;
    unpack(par, a, bs, d2);
    const double sse = hw_sse(y, n, a, bs, phi, l0, b0);
    return sse * (1.0 + d2) + d2;
  }
};

inline void ets_fit_simple(const double* y, int n, const ets_options& o, ets_fit& fit,
                           bool fallback) {
  fit.tiny_series_fallback = fallback;
  fit.initial = ets_initial::simple;
  hw_problem pr;
  pr.y = y;
  pr.n = n;
  // R passes a fixed phi to HoltWintersZZ; a free phi is dropped ("Not enough data to use
  // damping") and the model is undamped.
  pr.phi = (o.damped && o.phi) ? *o.phi : 1.0;
  pr.l0 = o.l0 ? *o.l0 : y[0];
  pr.b0 = o.b0 ? *o.b0 : y[1] - y[0];
  pr.opt_alpha = !o.alpha;
  pr.opt_bstar = !o.beta;
  if (o.alpha) pr.alpha = *o.alpha;
  if (o.beta) {
    if (o.alpha) {
      pr.bstar = *o.alpha > 0 ? *o.beta / *o.alpha : 0.0;
    } else {
      pr.fixed_beta = *o.beta;
      pr.alpha_lower = *o.beta;
    }
  }

  // Start values: R's initparam() with lower = 0, upper = 1, m = 1 (in beta* terms).
  std::array<double, 2> start{}, best{};
  int k = 0;
  const double a_start =
      o.alpha ? *o.alpha : pr.alpha_lower + 0.2 * (1.0 - pr.alpha_lower);
  if (pr.opt_alpha) start[k++] = a_start;
  if (pr.opt_bstar) {
    double bs = 0.1 * std::min(1.0, a_start);
    if (bs < 0 || bs > a_start) bs = a_start - 1e-3;
    start[k++] = bs;
  }

  double alpha = pr.alpha, bstar = pr.bstar;
  fit.n_estimated = k;
  if (k > 0) {
    // Divergence from R: R runs L-BFGS-B (numerical gradient, factr = 1e7). A bounded
    // Nelder–Mead from R's start values, with a tight tolerance and one restart from its
    // best point, reaches the same box-constrained local minimum without porting
    // L-BFGS-B; both stop within ~1e-9 relative SSE of it.
    nelder_mead_control control;
    control.intol = 1e-12;
    nelder_mead_result r = nmmin<2>(k, start.data(), best.data(), pr, control);
    int evaluations = r.fncount;
    if (r.fail != -1) {
      std::array<double, 2> again = best;
      r = nmmin<2>(k, again.data(), best.data(), pr, control);
      evaluations += r.fncount;
    }
    fit.optimizer_evaluations = evaluations;
    fit.optimizer_fail = r.fail;
    if (r.fail == -1) {
      fit.status = ets_status::not_converged;
      fit.reason = "the SSE is not finite at the start values (overflow?)";
      return;
    }
    double d2;
    pr.unpack(best.data(), alpha, bstar, d2);
  }
  if (pr.fixed_beta) bstar = alpha > 0 ? *pr.fixed_beta / alpha : 0.0;

  fit.alpha = alpha;
  fit.beta = o.beta ? *o.beta : alpha * bstar;
  fit.phi = pr.phi;
  fit.damped = pr.phi < 1.0;
  fit.l0 = pr.l0;
  fit.b0 = pr.b0;
  fit.variance_beta = o.r_interval_quirk ? bstar : fit.beta;
  fit.sse = hw_states(y, n, alpha, bstar, pr.phi, pr.l0, pr.b0, fit);
  fit.sigma2_df = n;  // HoltWintersZZ: sigma2 = mean(res^2)
  fit.sigma2 = fit.sse / n;
  ets_information_criteria(fit);
  if (!std::isfinite(fit.sse)) {
    fit.status = ets_status::not_converged;
    fit.reason = "the sum of squared errors is not finite";
  }
}

}  // namespace detail

/// Fit Holt's linear trend (options.damped = false) or the damped trend (true) to an annual
/// series, as R's forecast::ets(y, "AAN", damped = ...) does.
///
/// * Fixed parameters outside their region throw std::invalid_argument (a caller error).
/// * Data problems are a status, never an exception: non-finite values, or fewer than 3
///   points (a trend from two points has no residual left to measure uncertainty).
/// * Series with n <= npars + 4 (n <= 8 Holt, n <= 9 damped), where R's ets() refuses to
///   optimise, use R's fallback: HoltWintersZZ with l0 = y_1, b0 = y_2 - y_1, least-squares
///   smoothing parameters, no damping unless phi is fixed, sigma2 = SSE / n.
/// Re-entrant and thread-safe: no global state; the optimiser works on the stack.
inline ets_fit fit_ets(Eigen::Ref<const Eigen::VectorXd> y, const ets_options& options = {}) {
  detail::ets_validate_options(options);
  ets_fit fit;
  const int n = static_cast<int>(y.size());
  fit.n = n;
  fit.damped = options.damped;
  fit.initial = options.initial;
  for (int i = 0; i < n; ++i) {
    if (!detail::ets_is_finite_bits(y[i])) {
      fit.status = ets_status::non_finite_value;
      fit.reason = "y[" + std::to_string(i) + "] is not finite";
      return fit;
    }
  }
  if (n < 3) {
    fit.status = ets_status::too_few_points;
    fit.reason = "a trend model needs at least 3 observations, got " + std::to_string(n);
    return fit;
  }
  const int npars = 4 + (options.damped ? 1 : 0);  // alpha, l0, beta, b0 [, phi]
  if (options.initial == ets_initial::simple) {
    detail::ets_fit_simple(y.data(), n, options, fit, false);
  } else if (n <= npars + 4) {
    detail::ets_fit_simple(y.data(), n, options, fit, true);
    if (fit.status == ets_status::ok) {
      fit.reason = "n = " + std::to_string(n) + " <= " + std::to_string(npars + 4) +
                   ": R's HoltWintersZZ fallback (simple initial states" +
                   ((options.damped && !options.phi) ? ", no damping)" : ")");
    }
  } else {
    detail::ets_fit_optimal(y.data(), n, options, fit);
  }
  return fit;
}

}  // namespace ontrack
