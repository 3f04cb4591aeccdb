#pragma once
/// Parameters of ontrack's own assessment (method "ontrack"), their defaults and their reading
/// by name, as the compatibility modes' parameters are read (docs/assessment.md § Parameters).

#include <cmath>
#include <functional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <ontrack/assess/modes.hpp>
#include <ontrack/assess/status.hpp>
#include <ontrack/project/projection.hpp>

namespace ontrack::assess {

/// Every threshold of the native assessment. The defaults are documented, with their reasons, in
/// docs/assessment.md.
struct native_params {
  /// Projection model: "default" (the rule in docs/assessment.md: counts → count model; a bounded
  /// indicator near a bound → logit; otherwise auto restricted to linear, log-linear, logit for
  /// bounded indicators, and Holt only with ets_min_points or more consecutive years), "auto"
  /// (select_model unrestricted), or a model name (linear, log_linear, logit, theil_sen, holt,
  /// damped_holt, two_point, weighted, poisson_rate, binomial_share).
  std::string model = "default";
  double level = 0.95;             ///< probability of the reported projection intervals
  /// Predictive uncertainty: "calibrated" (the default: the trend may bend) or "model" (each
  /// model's own variance); see include/ontrack/project/calibration.hpp.
  std::string uncertainty = "calibrated";
  status_thresholds thresholds;    ///< p_meet bands: on_track 0.66, off_track 0.33
  int min_points = 3;              ///< fewest observations for a projection with uncertainty
  int fit_window_years = 15;       ///< fit on the years (as_of − fit_window_years, as_of]; 0 = all
  int stale_after_years = 2;       ///< stale_data warning when as_of − latest year exceeds it
  int max_data_age_years = 5;      ///< not assessable (stale_data) when as_of − latest year exceeds it
  int baseline_window_years = 2;   ///< a missing baseline year may be replaced by the nearest year this close
  double near_bound_share = 0.1;   ///< default model: logit when within this share of the range of a bound
  int ets_min_points = 10;         ///< default model: Holt / damped Holt only with this many points
  int reach_horizon_years = 20;    ///< expected year reached: searched up to deadline + this
  double volatility_ratio = 0.5;   ///< high_volatility when residual SD > ratio × distance to the target's edge
  double breach_warning = 0.2;     ///< breach_risk warning at or above this risk
  double breach_high = 0.5;        ///< breach_risk severity high at or above this risk
  int history_years = 3;           ///< earlier yearly evaluations read for unstable_status
  int unstable_changes = 2;        ///< status changes among them that make it unstable
};

namespace detail {

struct native_param_entry {
  const char* name;
  std::function<void(native_params&, const param_value&)> set;
  std::function<param_value(const native_params&)> get;
};

inline const std::vector<native_param_entry>& native_param_table() {
  using P = native_params;
  const auto num = [](double P::*m, const char* name) {
    return native_param_entry{name, [m, name](P& p, const param_value& v) { p.*m = p_number("ontrack", name, v); },
                              [m](const P& p) { return param_value(p.*m); }};
  };
  const auto whole = [](int P::*m, const char* name) {
    return native_param_entry{name, [m, name](P& p, const param_value& v) { p.*m = p_int("ontrack", name, v); },
                              [m](const P& p) { return param_value(p.*m); }};
  };
  static const std::vector<native_param_entry> table = {
      {"model", [](P& p, const param_value& v) { p.model = p_text("ontrack", "model", v); },
       [](const P& p) { return param_value(p.model); }},
      num(&P::level, "level"),
      {"uncertainty",
       [](P& p, const param_value& v) {
         p.uncertainty = p_text("ontrack", "uncertainty", v);
         (void)uncertainty_from_string(p.uncertainty);
       },
       [](const P& p) { return param_value(p.uncertainty); }},
      {"on_track", [](P& p, const param_value& v) { p.thresholds.on_track = p_number("ontrack", "on_track", v); },
       [](const P& p) { return param_value(p.thresholds.on_track); }},
      {"off_track", [](P& p, const param_value& v) { p.thresholds.off_track = p_number("ontrack", "off_track", v); },
       [](const P& p) { return param_value(p.thresholds.off_track); }},
      whole(&P::min_points, "min_points"),
      whole(&P::fit_window_years, "fit_window_years"),
      whole(&P::stale_after_years, "stale_after_years"),
      whole(&P::max_data_age_years, "max_data_age_years"),
      whole(&P::baseline_window_years, "baseline_window_years"),
      num(&P::near_bound_share, "near_bound_share"),
      whole(&P::ets_min_points, "ets_min_points"),
      whole(&P::reach_horizon_years, "reach_horizon_years"),
      num(&P::volatility_ratio, "volatility_ratio"),
      num(&P::breach_warning, "breach_warning"),
      num(&P::breach_high, "breach_high"),
      whole(&P::history_years, "history_years"),
      whole(&P::unstable_changes, "unstable_changes"),
  };
  return table;
}

}  // namespace detail

/// Throws std::invalid_argument naming the first parameter outside its range.
inline void validate(const native_params& p) {
  const auto bad = [](const std::string& name, const std::string& rule) {
    throw std::invalid_argument("ontrack: parameter '" + name + "' " + rule);
  };
  if (p.model != "default" && p.model != "auto") {
    try {
      (void)model_from_string(p.model);
    } catch (const std::invalid_argument&) {
      bad("model", "is '" + p.model + "': expected default, auto or a model name (" +
                       ontrack::detail::accepted_names(ontrack::detail::model_names) + ")");
    }
  }
  if (!(p.level > 0.0 && p.level < 1.0)) bad("level", "must lie in (0, 1)");
  if (!(p.thresholds.off_track >= 0.0 && p.thresholds.off_track <= p.thresholds.on_track &&
        p.thresholds.on_track <= 1.0))
    bad("on_track", "and off_track must satisfy 0 <= off_track <= on_track <= 1");
  if (p.min_points < 2) bad("min_points", "must be at least 2");
  if (p.fit_window_years < 0) bad("fit_window_years", "must be >= 0 (0 = every year)");
  if (p.stale_after_years < 0) bad("stale_after_years", "must be >= 0");
  if (p.max_data_age_years < 0) bad("max_data_age_years", "must be >= 0");
  if (p.baseline_window_years < 0) bad("baseline_window_years", "must be >= 0");
  if (!(p.near_bound_share >= 0.0 && p.near_bound_share <= 0.5)) bad("near_bound_share", "must lie in [0, 0.5]");
  if (p.ets_min_points < 4) bad("ets_min_points", "must be at least 4 (Holt needs 4 consecutive years)");
  if (p.reach_horizon_years < 0 || p.reach_horizon_years > 500) bad("reach_horizon_years", "must lie in [0, 500]");
  if (!(p.volatility_ratio >= 0.0)) bad("volatility_ratio", "must be >= 0");
  if (!(p.breach_warning >= 0.0 && p.breach_warning <= p.breach_high && p.breach_high <= 1.0))
    bad("breach_warning", "and breach_high must satisfy 0 <= breach_warning <= breach_high <= 1");
  if (p.history_years < 0 || p.history_years > 50) bad("history_years", "must lie in [0, 50]");
  if (p.unstable_changes < 1) bad("unstable_changes", "must be at least 1");
}

/// The parameter names `read_native_params` accepts, in a stable order.
inline std::vector<std::string> native_parameter_names() {
  std::vector<std::string> out;
  for (const auto& e : detail::native_param_table()) out.emplace_back(e.name);
  return out;
}

/// Parameters from names (defaults for the rest), validated. Throws std::invalid_argument for an
/// unknown name (listing the accepted ones), a value of the wrong kind or out of range.
inline native_params read_native_params(const param_map& m) {
  native_params p;
  for (const auto& [name, value] : m) {
    bool found = false;
    for (const auto& e : detail::native_param_table())
      if (name == e.name) {
        e.set(p, value);
        found = true;
        break;
      }
    if (!found) {
      std::string accepted;
      for (const auto& e : detail::native_param_table()) accepted += (accepted.empty() ? "" : ", ") + std::string(e.name);
      throw std::invalid_argument("ontrack: unknown parameter '" + name + "'; accepted: " + accepted);
    }
  }
  validate(p);
  return p;
}

/// Every parameter with its value, for the evaluation record.
inline std::vector<std::pair<std::string, param_value>> native_parameter_values(const native_params& p) {
  std::vector<std::pair<std::string, param_value>> out;
  for (const auto& e : detail::native_param_table()) out.emplace_back(e.name, e.get(p));
  return out;
}

}  // namespace ontrack::assess
