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
/// then: a count K over the expected denominator E* (by default the mean of the last 3
/// denominators). With calibrated uncertainty (the default) it is discrete
/// (count_predictive.hpp): K is Poisson (binomial) given the year's rate, and the rate's log
/// (logit) is normal with the variance of the linear predictor φ·x'(X'WX)⁻¹x, plus the
/// dispersion's excess (φ − 1)/μ* as a yearly random effect (μ* = E*·rate; φ = χ²/(n − 2) when it
/// exceeds 1, projection_options::overdispersion), plus the calibrated slope drift
/// (calibration.hpp). A year with no death is then a possible outcome, with its probability.
/// predict() is the median of the rate (the GLM's trend), interval() the count's quantiles over E*.
///
/// With uncertainty "model" the predictive is the GLM's own continuous approximation: normal on
/// the link scale with the parameter variance plus the delta-method sampling variance
/// (1/μ* Poisson, 1/(E*·p(1 − p)) binomial), both times φ. Good once the expected count is above
/// ~5–10; it puts no mass on "exactly 0 events".
///
/// No event in any year (every trial a success for a share) identifies no trend: the rate is
/// taken as constant with its Jeffreys posterior and the future count is negative binomial
/// (beta-binomial) under both uncertainty kinds (project_constant_rate).
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

/// E*, the denominator expected in future years: the caller's, or the mean of the last
/// expected_denominator_years denominators.
inline double expected_denominator(const std::vector<double>& denominator, const projection_options& opt) {
  if (opt.expected_denominator) return *opt.expected_denominator;
  const std::size_t n = denominator.size();
  const std::size_t k = std::min<std::size_t>(n, static_cast<std::size_t>(opt.expected_denominator_years));
  double sum = 0.0;
  for (std::size_t i = n - k; i < n; ++i) sum += denominator[i];
  return sum / static_cast<double>(k);
}

/// No event in any year (or, for a share, every trial a success): the likelihood's maximum is on
/// the boundary (rate 0, share 0 or 1) and no trend is identified. The rate is taken as constant
/// with its Jeffreys posterior, Gamma(Σk + ½, ΣE) for a Poisson rate and Beta(Σk + ½, ΣE − Σk + ½)
/// for a share; the future count is then negative binomial (beta-binomial), and the more zero
/// years there are, the more probable a zero year becomes. The same discrete predictive serves
/// both uncertainty kinds: there is no continuous one to fall back on.
inline void project_constant_rate(projection& p, const clean_series& cs, double total_d, double total_e,
                                  double e_star, int deadline, const projection_options& opt) {
  const bool binomial = p.method == model::binomial_share;
  const double mult = opt.multiplier;
  const double a = total_d + 0.5, b = binomial ? total_e - total_d + 0.5 : total_e;
  count_predictive c{binomial ? count_family::binomial : count_family::poisson,
                     binomial ? std::max(1.0, std::round(e_star)) : e_star,
                     mult,
                     true,
                     0.0,
                     0.0,
                     a,
                     b};
  const double median = count_rate_median(c) / mult;
  // The continuous summary: the median and the posterior SD of the log rate (logit share).
  const double location = binomial ? std::log(median / (1.0 - median)) : std::log(median * mult);
  const double scale = std::sqrt(boost::math::trigamma(a) + (binomial ? boost::math::trigamma(b) : 0.0));
  double loglik = 0.0;  // the boundary MLE reproduces every count: each term is log 1
  for (std::size_t i = 0; i < cs.years.size(); ++i) {
    const double e = cs.denominator[i];
    const double mu = binomial ? median : median * e;
    p.fitted.push_back(median * mult);
    const double w = binomial ? e * median * (1.0 - median) : mu;
    p.residuals.push_back((cs.numerator[i] - (binomial ? e * median : mu)) / std::sqrt(w));
  }
  p.loglik = loglik;
  p.aicc = aicc(loglik, 1, p.n);
  p.params.push_back({"slope", 0.0, nan_value});
  p.params.push_back({"level", location, scale});
  p.params.push_back({"dispersion", nan_value, nan_value});
  p.params.push_back({"expected_denominator", e_star, nan_value});
  p.params.push_back({"pooled_rate", total_d / total_e * mult, nan_value});
  p.params.push_back({"posterior_shape_a", a, nan_value});
  p.params.push_back({"posterior_shape_b", b, nan_value});
  for (int t = first_forecast_year(p.last_year, deadline); t <= deadline; ++t) {
    predictive_distribution dist;
    dist.year = t;
    dist.location = location;
    dist.scale = scale;
    dist.counts = c;
    p.forecast.push_back(dist);
  }
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
  const double e_star = expected_denominator(cs.denominator, opt);
  if (total_d == 0.0 || (binomial && total_d == total_e)) {
    project_constant_rate(p, cs, total_d, total_e, e_star, deadline, opt);
    p.reason = (total_d == 0.0 ? "no events in any year " + span : "every trial is a success in " + span) +
               ": no trend can be estimated; the rate is taken as constant, with the Jeffreys posterior " +
               (binomial ? "Beta" : "Gamma") + " of its value";
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
  // Calibrated: the prior's drift of the GLM slope. Rolling prefix fits of a few events a year
  // are noise, not evidence of bending, so the series' own evidence is not used.
  const bool calibrated = opt.uncertainty == uncertainty_kind::calibrated;
  const double drift = calibrated ? slope_drift_variance(opt.prior, f.b1, nan_value, drift_evidence{}) : 0.0;
  const double window = static_cast<double>(p.last_year) - t_mean;
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
    if (calibrated) {
      // The rate's own uncertainty on the link scale: parameters, the extra-count noise the
      // dispersion φ reports beyond the Poisson/binomial count itself (φ − 1 times the sampling
      // variance: a yearly random effect), and the slope drift. The count's own noise is the
      // discrete distribution's.
      const double extra = (phi - 1.0) * var_sampling / phi;
      dist.counts = {binomial ? count_family::binomial : count_family::poisson,
                     binomial ? std::max(1.0, std::round(e_star)) : e_star,
                     mult,
                     false,
                     eta,
                     calibrated_scale(std::sqrt(var_eta + extra), drift, static_cast<double>(t - p.last_year),
                                      window, opt.prior),
                     0.0,
                     0.0};
      dist.scale = calibrated_scale(dist.scale, drift, static_cast<double>(t - p.last_year), window, opt.prior);
    }
    p.forecast.push_back(dist);
  }
  if (phi > 1.0)
    p.reason = "counts vary more than " + std::string(binomial ? "binomial" : "Poisson") +
               " noise (dispersion " + number_text(std::round(phi_raw * 100.0) / 100.0) +
               "): standard errors and intervals are widened accordingly";
  return p;
}

}  // namespace detail

/// Poisson rate trend from counts: numerator (events, ≥ 0) over denominator (exposure, > 0),
/// reported as numerator/denominator × opt.multiplier. See the file comment for the predictive
/// distribution (a discrete count; normal on the log scale with uncertainty "model"). Parameters: slope (log rate per year), level (log
/// rate at centre_year), centre_year, rate_ratio (e^slope), cagr, aarr_percent, dispersion
/// (Pearson χ²/(n − 2)), expected_denominator (E*), pooled_rate (Σ events / Σ exposure ×
/// multiplier).
/// No event at all gives a constant-rate projection (parameters slope 0, level, dispersion NaN,
/// expected_denominator, pooled_rate, posterior_shape_a/b) with a reason saying so.
/// Status outside_domain for a negative numerator or a denominator ≤ 0; not_converged when the fit fails or diverges (events at one end only).
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
/// Predictive distribution: a discrete count (logit-normal with uncertainty "model"; see the file comment).
/// Parameters: slope (logit per year), level, centre_year, odds_ratio, dispersion,
/// expected_denominator, pooled_rate. Statuses and exceptions as project_poisson_rate (every
/// trial a success, like no success, gives a constant-share projection).
inline projection project_binomial_share(const std::vector<int>& years, const std::vector<double>& numerator,
                                         const std::vector<double>& denominator, int deadline,
                                         const projection_options& opt = {}) {
  return detail::project_counts(model::binomial_share, years, numerator, denominator, deadline, opt);
}

}  // namespace ontrack
