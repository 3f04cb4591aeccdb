#pragma once
/// Rates and shares from small counts: Poisson and binomial GLMs with a linear trend.
///
/// A district with 2 maternal deaths a year has a maternal mortality ratio that jumps between 0
/// and 200 per 100,000 from sampling noise alone; a trend line through those ratios reads noise
/// as signal. These models fit the counts themselves:
///  - poisson_rate:   deaths_t ~ Poisson(births_t · exp(β0 + β1(t − t̄)))  (log link, offset
///    log(denominator)): a log-linear trend in the rate;
///  - binomial_share: successes_t ~ Binomial(trials_t, expit(β0 + β1(t − t̄))): a logit trend
///    in a proportion.
/// Fitted by IRLS (Fisher scoring) on centred years, to |Δdeviance|/(|deviance| + 0.1) < 1e-10.
///
/// The predictive distribution for a future year describes the rate that will be *observed*
/// then, so it has two parts, added on the link scale (log rate or logit share):
///  - parameter uncertainty of the linear predictor, x'(X'WX)⁻¹x;
///  - sampling noise of the future count at an expected denominator E* (by default the mean of
///    the last 3 denominators): by the delta method Var(log observed rate) ≈ 1/μ* with
///    μ* = E*·rate (Poisson), Var(logit observed share) ≈ 1/(E*·p(1 − p)) (binomial).
/// Both are multiplied by the Pearson dispersion φ = χ²/(n − 2) when it exceeds 1
/// (quasi-likelihood; projection_options::overdispersion), so extra-count noise widens the
/// interval rather than being ignored. The result is a normal distribution on the link scale —
/// an approximation: it is good once the expected count is above ~5–10; for expected counts of
/// a few events it cannot put mass on "exactly 0 events", so probabilities for targets near 0
/// are approximate. The intervals are then, rightly, very wide.
///
/// Values are reported on the indicator's unit: rate × multiplier (1e5 for "per 100,000") or
/// share × multiplier (100 for percent); the binomial model's logit bounds are [0, multiplier].

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include <ontrack/project/linear.hpp>

namespace ontrack {
namespace detail {

struct glm_fit {
  bool converged = false;
  int iterations = 0;
  double b0 = nan_value, b1 = nan_value;  ///< on centred years
  double v00 = nan_value, v01 = nan_value, v11 = nan_value;  ///< (X'WX)⁻¹ at the fit
  double deviance = nan_value;
  double pearson = nan_value;  ///< Pearson χ²
  std::vector<double> mu;      ///< fitted counts (Poisson) or proportions (binomial)
};

/// IRLS for a two-parameter GLM (intercept, centred year). binomial = false: Poisson, log link,
/// offset log(denominator); true: binomial, logit link, trials = denominator.
inline glm_fit fit_count_glm(const std::vector<double>& x, const std::vector<double>& d,
                             const std::vector<double>& m, bool binomial) {
  const std::size_t n = x.size();
  glm_fit f;
  std::vector<double> eta(n), mu(n), off(n, 0.0), w(n), zw(n);
  for (std::size_t i = 0; i < n; ++i) {
    if (binomial) {
      mu[i] = (d[i] + 0.5) / (m[i] + 1.0);  // R's binomial mustart
      eta[i] = std::log(mu[i] / (1.0 - mu[i]));
    } else {
      off[i] = std::log(m[i]);
      mu[i] = d[i] + 0.1;  // R's poisson mustart
      eta[i] = std::log(mu[i]);
    }
  }
  const auto deviance = [&]() {
    double dev = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
      if (binomial) {
        const double e1 = m[i] * mu[i], e0 = m[i] * (1.0 - mu[i]);
        if (d[i] > 0.0) dev += d[i] * std::log(d[i] / e1);
        if (m[i] - d[i] > 0.0) dev += (m[i] - d[i]) * std::log((m[i] - d[i]) / e0);
      } else {
        if (d[i] > 0.0) dev += d[i] * std::log(d[i] / mu[i]);
        dev -= d[i] - mu[i];
      }
    }
    return 2.0 * dev;
  };
  double dev_old = inf_value;
  double sw = 0, swx = 0, swxx = 0;
  for (int it = 1; it <= 100; ++it) {
    for (std::size_t i = 0; i < n; ++i) {
      if (binomial) {
        w[i] = m[i] * mu[i] * (1.0 - mu[i]);
        zw[i] = eta[i] + (d[i] - m[i] * mu[i]) / w[i];
      } else {
        w[i] = mu[i];
        zw[i] = (eta[i] - off[i]) + (d[i] - mu[i]) / mu[i];
      }
    }
    double s0 = 0, sx = 0, sz = 0;
    for (std::size_t i = 0; i < n; ++i) {
      s0 += w[i];
      sx += w[i] * x[i];
      sz += w[i] * zw[i];
    }
    const double xm = sx / s0, zm = sz / s0;
    double sxx = 0, sxz = 0;
    for (std::size_t i = 0; i < n; ++i) {
      sxx += w[i] * (x[i] - xm) * (x[i] - xm);
      sxz += w[i] * (x[i] - xm) * (zw[i] - zm);
    }
    if (!(sxx > 0.0) || !std::isfinite(sxz)) return f;  // weights collapsed: not converged
    f.b1 = sxz / sxx;
    f.b0 = zm - f.b1 * xm;
    for (std::size_t i = 0; i < n; ++i) {
      eta[i] = off[i] + f.b0 + f.b1 * x[i];
      if (binomial) {
        mu[i] = eta[i] >= 0 ? 1.0 / (1.0 + std::exp(-eta[i])) : std::exp(eta[i]) / (1.0 + std::exp(eta[i]));
        mu[i] = std::min(std::max(mu[i], 1e-300), 1.0 - 1e-16);
      } else {
        mu[i] = std::exp(eta[i]);
      }
    }
    const double dev = deviance();
    f.iterations = it;
    if (!std::isfinite(dev)) return f;
    if (std::fabs(dev - dev_old) / (std::fabs(dev) + 0.1) < 1e-10) {
      f.converged = true;
      f.deviance = dev;
      break;
    }
    dev_old = dev;
  }
  if (!f.converged) return f;
  // Covariance (X'WX)⁻¹ with the weights at the fitted values.
  sw = swx = swxx = 0.0;
  double pearson = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    const double wi = binomial ? m[i] * mu[i] * (1.0 - mu[i]) : mu[i];
    sw += wi;
    swx += wi * x[i];
    swxx += wi * x[i] * x[i];
    const double e = binomial ? m[i] * mu[i] : mu[i];
    pearson += (d[i] - e) * (d[i] - e) / wi;
  }
  const double det = sw * swxx - swx * swx;
  f.v00 = swxx / det;
  f.v01 = -swx / det;
  f.v11 = sw / det;
  f.pearson = pearson;
  f.mu = mu;
  return f;
}

inline projection project_counts(model which, const std::vector<int>& years,
                                 const std::vector<double>& numerator,
                                 const std::vector<double>& denominator, int deadline,
                                 const projection_options& opt) {
  const bool binomial = which == model::binomial_share;
  const char* name = binomial ? "binomial_share" : "poisson_rate";
  if (!(opt.multiplier > 0.0) || !std::isfinite(opt.multiplier))
    throw std::invalid_argument(std::string(name) + ": multiplier " + number_text(opt.multiplier) +
                                " must be a positive finite number (e.g. 100000 for per 100,000)");
  if (opt.expected_denominator && !(*opt.expected_denominator > 0.0 && std::isfinite(*opt.expected_denominator)))
    throw std::invalid_argument(std::string(name) + ": expected_denominator " +
                                number_text(*opt.expected_denominator) + " must be positive and finite");
  if (opt.expected_denominator_years < 1)
    throw std::invalid_argument(std::string(name) + ": expected_denominator_years " +
                                std::to_string(opt.expected_denominator_years) + " must be at least 1");
  const std::vector<double> none;
  const auto cs = prepare_series(years, none, deadline, opt, &numerator, &denominator, 2, name);
  const std::size_t n = cs.years.size();
  const double mult = opt.multiplier;
  projection p;
  p.method = which;
  p.transform = binomial ? value_transform::logit(0.0, mult) : value_transform::log();
  p.years = cs.years;
  p.n = static_cast<int>(n);
  p.last_year = cs.years.back();
  for (std::size_t i = 0; i < n; ++i) {
    const double d = cs.numerator[i], e = cs.denominator[i];
    p.values.push_back(e > 0.0 ? d / e * mult : nan_value);
    const std::string at = std::to_string(cs.years[i]) + " has numerator " + number_text(d) +
                           " and denominator " + number_text(e);
    if (p.ok() && (!(e > 0.0) || d < 0.0 || (binomial && d > e))) {
      p.status = projection_status::outside_domain;
      p.reason = at + (binomial ? ": a share needs 0 <= numerator <= denominator and denominator > 0"
                                : ": a rate needs numerator >= 0 and denominator > 0");
    }
  }
  p.last_value = p.values.back();
  p.observed_annual_change = observed_change(cs.years, p.values);
  if (!p.ok()) return p;
  double total_d = 0.0, total_e = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    total_d += cs.numerator[i];
    total_e += cs.denominator[i];
  }
  const std::string span = std::to_string(cs.years.front()) + "–" + std::to_string(cs.years.back());
  if (total_d == 0.0 || (binomial && total_d == total_e)) {
    p.status = projection_status::degenerate;
    p.reason = total_d == 0.0
                   ? "no events in any year " + span + ": a trend cannot be estimated from zero counts"
                   : "every trial is a success in " + span + ": a share trend cannot be estimated";
    return p;
  }
  double t_mean = 0.0;
  for (int t : cs.years) t_mean += t;
  t_mean /= static_cast<double>(n);
  std::vector<double> x(n);
  for (std::size_t i = 0; i < n; ++i) x[i] = static_cast<double>(cs.years[i]) - t_mean;
  const glm_fit f = fit_count_glm(x, cs.numerator, cs.denominator, binomial);
  const double range = x.back() - x.front();
  if (!f.converged) {
    p.status = projection_status::not_converged;
    p.reason = "the " + std::string(name) + " fit did not converge in " + std::to_string(f.iterations) +
               " iterations (counts " + span + " may be all in one year)";
    return p;
  }
  if (std::fabs(f.b1) * range > 30.0) {
    p.status = projection_status::not_converged;
    p.reason = "the fitted trend diverges (a factor e^" + number_text(std::round(std::fabs(f.b1) * range)) +
               " over " + span + "): events are concentrated at one end of the series";
    return p;
  }
  const double phi_raw = n > 2 ? f.pearson / static_cast<double>(n - 2) : nan_value;
  const double phi = (opt.overdispersion && n > 2) ? std::max(1.0, phi_raw) : 1.0;
  p.sigma2 = phi_raw;
  double loglik = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    const double d = cs.numerator[i], e = cs.denominator[i];
    if (binomial) {
      const double pi = f.mu[i];
      p.fitted.push_back(pi * mult);
      const double wi = e * pi * (1.0 - pi);
      p.residuals.push_back((d - e * pi) / std::sqrt(wi));
      loglik += std::lgamma(e + 1.0) - std::lgamma(d + 1.0) - std::lgamma(e - d + 1.0);
      if (d > 0.0) loglik += d * std::log(pi);
      if (e - d > 0.0) loglik += (e - d) * std::log1p(-pi);
    } else {
      const double mu = f.mu[i];
      p.fitted.push_back(mu / e * mult);
      p.residuals.push_back((d - mu) / std::sqrt(mu));
      loglik += (d > 0.0 ? d * std::log(mu) : 0.0) - mu - std::lgamma(d + 1.0);
    }
  }
  p.loglik = loglik;
  p.aicc = aicc(loglik, 2, p.n);
  // Expected future denominator.
  double e_star;
  if (opt.expected_denominator) {
    e_star = *opt.expected_denominator;
  } else {
    const std::size_t k = std::min<std::size_t>(n, static_cast<std::size_t>(opt.expected_denominator_years));
    e_star = 0.0;
    for (std::size_t i = n - k; i < n; ++i) e_star += cs.denominator[i];
    e_star /= static_cast<double>(k);
  }
  const double se0 = std::sqrt(phi * f.v00), se1 = std::sqrt(phi * f.v11);
  const double eb = std::exp(f.b1);
  p.params.push_back({"slope", f.b1, se1});
  p.params.push_back({"level", f.b0, se0});
  p.params.push_back({"centre_year", t_mean, nan_value});
  if (binomial) {
    p.params.push_back({"odds_ratio", eb, eb * se1});
  } else {
    p.params.push_back({"rate_ratio", eb, eb * se1});
    p.params.push_back({"cagr", std::expm1(f.b1), eb * se1});
    p.params.push_back({"aarr_percent", -100.0 * std::expm1(f.b1), 100.0 * eb * se1});
  }
  p.params.push_back({"dispersion", phi_raw, nan_value});
  p.params.push_back({"expected_denominator", e_star, nan_value});
  p.params.push_back({"pooled_rate", total_d / total_e * mult, nan_value});
  for (int t = first_forecast_year(p.last_year, deadline); t <= deadline; ++t) {
    const double xt = static_cast<double>(t) - t_mean;
    const double eta = f.b0 + f.b1 * xt;
    const double var_eta = phi * (f.v00 + 2.0 * xt * f.v01 + xt * xt * f.v11);
    double var_sampling;
    predictive_distribution dist;
    dist.year = t;
    if (binomial) {
      const double pr = eta >= 0 ? 1.0 / (1.0 + std::exp(-eta)) : std::exp(eta) / (1.0 + std::exp(eta));
      var_sampling = phi / (e_star * pr * (1.0 - pr));
      dist.location = eta;  // logit of the share; the transform maps it to [0, multiplier]
    } else {
      var_sampling = phi / (e_star * std::exp(eta));
      dist.location = eta + std::log(mult);
    }
    dist.scale = std::sqrt(var_eta + var_sampling);
    dist.df = inf_value;
    p.forecast.push_back(dist);
  }
  // Calibrated: the prior's drift of the GLM slope. The sampling noise is already in the scale,
  // and rolling prefix fits of a few events a year are noise, not evidence of bending.
  if (opt.uncertainty == uncertainty_kind::calibrated)
    add_slope_drift(p, slope_drift_variance(opt.prior, f.b1, nan_value, drift_evidence{}), t_mean, opt.prior);
  if (phi > 1.0)
    p.reason = "counts vary more than " + std::string(binomial ? "binomial" : "Poisson") +
               " noise (dispersion " + number_text(std::round(phi_raw * 100.0) / 100.0) +
               "): standard errors and intervals are widened accordingly";
  return p;
}

}  // namespace detail

/// Poisson rate trend from counts: numerator (events, ≥ 0) over denominator (exposure, > 0),
/// reported as numerator/denominator × opt.multiplier. See the file comment for the predictive
/// distribution (normal on the log scale). Parameters: slope (log rate per year), level (log
/// rate at centre_year), centre_year, rate_ratio (e^slope), cagr, aarr_percent, dispersion
/// (Pearson χ²/(n − 2)), expected_denominator (E*), pooled_rate (Σ events / Σ exposure ×
/// multiplier).
/// Status outside_domain for a negative numerator or a denominator ≤ 0; degenerate when there is
/// no event at all; not_converged when the fit fails or diverges (events at one end only).
/// Throws projection_input_error (std::invalid_argument) for fewer than 2 points, non-finite
/// counts, duplicate years, deadline before the last year used (std::out_of_range: more than 1000
/// years after it), mismatched lengths; and
/// std::invalid_argument for a multiplier or expected denominator that is not positive.
inline projection project_poisson_rate(const std::vector<int>& years, const std::vector<double>& numerator,
                                       const std::vector<double>& denominator, int deadline,
                                       const projection_options& opt = {}) {
  return detail::project_counts(model::poisson_rate, years, numerator, denominator, deadline, opt);
}

/// Binomial share trend from counts: numerator (successes) out of denominator (trials),
/// 0 ≤ numerator ≤ denominator, reported as share × opt.multiplier (100 for percent).
/// Predictive distribution: normal on the logit scale (see the file comment).
/// Parameters: slope (logit per year), level, centre_year, odds_ratio, dispersion,
/// expected_denominator, pooled_rate. Statuses and exceptions as project_poisson_rate
/// (degenerate also when every trial is a success).
inline projection project_binomial_share(const std::vector<int>& years, const std::vector<double>& numerator,
                                         const std::vector<double>& denominator, int deadline,
                                         const projection_options& opt = {}) {
  return detail::project_counts(model::binomial_share, years, numerator, denominator, deadline, opt);
}

}  // namespace ontrack
