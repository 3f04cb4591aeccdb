#pragma once
/// Holt and damped Holt (exponential smoothing with a trend) as `projection`s.
///
/// The state-space fit itself lives in <ontrack/project/ets.hpp> (R forecast::ets semantics:
/// optimised alpha, beta, phi, l0, b0; normal predictive distributions). This header adapts it
/// to the common result type: years must be consecutive (exponential smoothing steps one period
/// at a time), otherwise status irregular_spacing naming the gap. The predictive distribution is
/// normal on the value scale with the ETS forecast mean and variance for h = year − last year.
/// loglik, aicc and sigma2 follow R's conventions as ets.hpp reports them (loglik without
/// constants), so they compare only within the ETS family.
///
/// When this build has no ets.hpp, ONTRACK_HAS_ETS is 0 and project_holt/project_damped_holt
/// throw std::logic_error; auto selection then leaves the ETS family out.

#include <cmath>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <ontrack/project/linear.hpp>

#if defined(__has_include)
#if __has_include(<ontrack/project/ets.hpp>)
#include <ontrack/project/ets.hpp>
#define ONTRACK_HAS_ETS 1
#endif
#endif
#ifndef ONTRACK_HAS_ETS
#define ONTRACK_HAS_ETS 0
#endif

#if ONTRACK_HAS_ETS
#include <Eigen/Core>
#endif

namespace ontrack {
namespace detail {

/// The first gap in consecutive years as "2016 to 2018", or empty when there is none.
inline std::string first_gap(const std::vector<int>& years) {
  for (std::size_t i = 1; i < years.size(); ++i)
    if (years[i] != years[i - 1] + 1)
      return std::to_string(years[i - 1]) + " to " + std::to_string(years[i]);
  return {};
}

#if ONTRACK_HAS_ETS
/// ets.hpp's status: ok is either projection_status::ok or (another enum's) first enumerator.
template <class S>
inline bool ets_status_ok(const S& s) {
  if constexpr (std::is_same_v<S, projection_status>)
    return s == projection_status::ok;
  else if constexpr (std::is_enum_v<S>)
    return static_cast<long long>(s) == 0;
  else
    return static_cast<bool>(s);
}
/// ets.hpp's status as a projection_status: the same name where one exists (ok,
/// too_few_points, non_finite_value, not_converged), not_converged otherwise.
template <class S>
inline projection_status ets_status_as_projection(const S& s) {
  if constexpr (std::is_same_v<S, projection_status>) {
    return s;
  } else {
    if (auto mapped = value_of(projection_status_names, std::string_view(to_string(s))))
      return *mapped;
    return projection_status::not_converged;
  }
}
#endif

inline projection project_ets(model which, const std::vector<int>& years, const std::vector<double>& values,
                              int deadline, const projection_options& opt) {
  const bool damped = which == model::damped_holt;
  const char* name = damped ? "damped_holt" : "holt";
  const auto cs = prepare_series(years, values, deadline, opt, nullptr, nullptr, 2, name);
  projection p = projection_of(which, value_transform::identity(), cs);
  const std::string gap = first_gap(cs.years);
  if (!gap.empty()) {
    p.status = projection_status::irregular_spacing;
    p.reason = "years jump from " + gap + ": " + name +
               " smoothing needs consecutive years (use linear, log_linear or logit across gaps)";
    return p;
  }
#if ONTRACK_HAS_ETS
  const Eigen::Map<const Eigen::VectorXd> y(cs.values.data(), static_cast<Eigen::Index>(cs.values.size()));
  ets_options eo;
  eo.damped = damped;
  eo.alpha = opt.alpha;
  eo.beta = opt.beta;
  if (damped) eo.phi = opt.phi;
  eo.l0 = opt.l0;
  eo.b0 = opt.b0;
  const auto fit = fit_ets(y, eo);
  if (!ets_status_ok(fit.status)) {
    p.status = ets_status_as_projection(fit.status);
    if (p.status == projection_status::ok) p.status = projection_status::not_converged;
    p.reason = std::string(name) + " fit failed: " + std::string(fit.reason);
    return p;
  }
  const std::size_t n = cs.values.size();
  for (std::size_t i = 0; i < n; ++i) {
    p.fitted.push_back(static_cast<double>(fit.fitted[static_cast<Eigen::Index>(i)]));
    p.residuals.push_back(static_cast<double>(fit.residuals[static_cast<Eigen::Index>(i)]));
  }
  p.sigma2 = fit.sigma2;
  p.loglik = fit.loglik;
  p.aicc = fit.aicc;
  p.params = {{"alpha", fit.alpha, nan_value}, {"beta", fit.beta, nan_value}};
  if (damped) p.params.push_back({"phi", fit.phi, nan_value});
  p.params.push_back({"l0", fit.l0, nan_value});
  p.params.push_back({"b0", fit.b0, nan_value});
  // The final trend state b_n: the per-year change the forecast starts from (units/year).
  p.params.push_back({"slope", fit.trend.size() > 0 ? static_cast<double>(fit.trend[fit.trend.size() - 1]) : nan_value, nan_value});
  if (!fit.reason.empty()) p.reason = std::string(name) + ": " + std::string(fit.reason);
  for (int t = first_forecast_year(p.last_year, deadline); t <= deadline; ++t) {
    predictive_distribution d;
    d.year = t;
    const int h = t - p.last_year;
    if (h >= 1) {
      d.location = fit.forecast_mean(h);
      d.scale = std::sqrt(fit.forecast_variance(h));
    } else {
      // Deadline = last observed year: the one-step-ahead prediction of that year.
      d.location = p.fitted.back();
      d.scale = std::sqrt(fit.sigma2);
    }
    d.df = inf_value;
    p.forecast.push_back(d);
  }
  calibrate_by_trend(p, opt, cs.values);
  return p;
#else
  throw std::logic_error(std::string(name) + ": this build of ontrack has no ETS engine (ets.hpp)");
#endif
}

}  // namespace detail

/// Holt's linear trend (R forecast::ets "AAN") on consecutive years.
/// Parameters: alpha, beta, l0, b0, slope (the final trend state b_n, units/year); std_error
/// NaN (R reports none). opt.alpha, beta, l0, b0 (and phi for damped_holt) fix parameters
/// instead of estimating them; ets.hpp throws std::invalid_argument for inadmissible values.
/// Status irregular_spacing when years have gaps; the ETS fit's status otherwise.
/// Throws projection_input_error (std::invalid_argument) for fewer than 2 points, non-finite
/// values, duplicate years, deadline before the last year used (std::out_of_range: more than 1000
/// years after it); std::logic_error in a build
/// without ets.hpp.
inline projection project_holt(const std::vector<int>& years, const std::vector<double>& values,
                               int deadline, const projection_options& opt = {}) {
  return detail::project_ets(model::holt, years, values, deadline, opt);
}

/// Damped-trend Holt (R forecast::ets "AAdN"); as project_holt, plus parameter phi.
inline projection project_damped_holt(const std::vector<int>& years, const std::vector<double>& values,
                                      int deadline, const projection_options& opt = {}) {
  return detail::project_ets(model::damped_holt, years, values, deadline, opt);
}

}  // namespace ontrack
