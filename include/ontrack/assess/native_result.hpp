#pragma once
/// The result of ontrack's own assessment of one target (`native_assessment`), its reason codes,
/// and the bookkeeping every kind's assessment shares: components, the data summaries behind
/// them (baseline, fit window, slope, residual spread) and the warnings that read one assessment.

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <ontrack/assess/native_params.hpp>
#include <ontrack/assess/status.hpp>
#include <ontrack/assess/target_meaning.hpp>
#include <ontrack/assess/warnings.hpp>
#include <ontrack/project/linear.hpp>

namespace ontrack::assess {

/// One year of the projection an assessment was judged on: its median and prediction interval
/// (NaN sides for a point-only projection), kept within the series' bounds.
struct projected_point {
  int year = 0;
  double median = 0.0;
  double lower = 0.0;
  double upper = 0.0;
};

/// The outcome of the native assessment of one target.
struct native_assessment {
  progress_status status = progress_status::not_assessable;
  /// Empty when assessed; otherwise a stable code (docs/assessment.md § Not assessable).
  std::string reason;
  /// Why not assessable (naming years and values), or notes on an assessed target (an
  /// interpolated year, unobserved window years).
  std::string message;
  std::string series;      ///< what was judged: the indicator, a gap, a difference or a ratio
  std::string model;       ///< the projection model used; empty when none was needed or possible
  std::string model_note;  ///< why that model, and the projection's caveats
  /// Every number behind the status, finite only (absent = not computed): baseline_year,
  /// baseline_value, latest_year, latest_value, data_age, deadline, target_lower, target_upper,
  /// decided, already_met, p_meet, projected_value/_lower/_upper, midterm_year,
  /// projected_midterm/_lower/_upper, breach_risk, breach_risk_lower, required_annual_change,
  /// observed_annual_change, required_relative_change, observed_relative_change, pace_ratio,
  /// expected_year or never_reached_by, residual_sd, n_points, and kind-specific ones.
  std::map<std::string, double> components;
  /// Where the baseline year came from: the plan, the caller (or the target's own start), or
  /// ontrack's default (the first year observed).
  year_source baseline_source = year_source::plan;
  std::vector<int> years_used;       ///< the observations the projection was fitted to
  std::vector<double> values_used;
  /// The projection the status was judged on, every year after the latest observation to the
  /// deadline (or mid-term year, if later), at `projection_level`: a chart draws this band, never
  /// a refit of its own. Empty when no projection was made or no year is ahead.
  std::vector<projected_point> projection_path;
  double projection_level = 0.0;
  std::vector<early_warning> warnings;

  std::optional<double> component(std::string_view name) const {
    const auto it = components.find(std::string(name));
    if (it == components.end()) return std::nullopt;
    return it->second;
  }
  bool has_warning(std::string_view code) const {
    return std::any_of(warnings.begin(), warnings.end(), [&](const early_warning& w) { return w.code == code; });
  }
};

/// Reason codes of the native assessment besides those of assessed_series.hpp.
namespace native_reasons {
inline constexpr const char* stale_data = "stale_data";              ///< latest observation older than max_data_age_years
inline constexpr const char* too_few_points = "too_few_points";      ///< fewer than min_points in the fit window
inline constexpr const char* no_uncertainty = "no_uncertainty";      ///< the model gives a point projection only
inline constexpr const char* no_baseline = "no_baseline";            ///< no value at (or near) the window start
inline constexpr const char* no_data_in_years = "no_data_in_years";  ///< no observation where the target is judged
inline constexpr const char* no_counts = "no_counts";                ///< a count model without numerator/denominator
inline constexpr const char* binary_pending = "binary_pending";      ///< a yes/no indicator not yet 1: no trend to project
inline constexpr const char* no_status = "no_status";                ///< a milestone without a recorded status (as of then)
inline constexpr const char* undefined_condition = "undefined_condition";  ///< e.g. a relative pace from a baseline <= 0
inline constexpr const char* no_periods = "no_periods";              ///< increase_each_period without periods
inline constexpr const char* no_data_in_period = "no_data_in_period";  ///< a past period without observation
}  // namespace native_reasons

namespace detail {

inline void put(native_assessment& r, const std::string& name, double v) {
  if (std::isfinite(v)) r.components[name] = v;
}

inline native_assessment& not_assessable(native_assessment& r, std::string reason, std::string message) {
  r.status = progress_status::not_assessable;
  r.reason = std::move(reason);
  r.message = std::move(message);
  return r;
}

/// The observation at `year`, else the nearest one within `window` years (ties: the earlier).
inline std::optional<observed_point> baseline_point(const std::vector<observed_point>& points, int year, int window) {
  std::optional<observed_point> best;
  for (const auto& pt : points) {
    const int gap = std::abs(pt.year - year);
    if (gap > window) continue;
    if (!best || gap < std::abs(best->year - year)) best = pt;
  }
  return best;
}

/// The points of the fit window (as_of − window, as_of]; every point when window is 0.
inline std::vector<std::size_t> fit_indices(const std::vector<observed_point>& points, int as_of, int window) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < points.size(); ++i)
    if (window == 0 || points[i].year > as_of - window) out.push_back(i);
  return out;
}

/// The points selected by `use`.
inline std::vector<observed_point> pick(const std::vector<observed_point>& pts, const std::vector<std::size_t>& use) {
  std::vector<observed_point> out;
  for (std::size_t i : use) out.push_back(pts[i]);
  return out;
}

inline void record_points(native_assessment& r, const std::vector<observed_point>& pts) {
  for (const auto& pt : pts) {
    r.years_used.push_back(pt.year);
    r.values_used.push_back(pt.value);
  }
  put(r, "n_points", static_cast<double>(pts.size()));
}

inline std::string years_list(const std::vector<int>& years) {
  std::string s;
  for (std::size_t i = 0; i < years.size(); ++i) s += (i ? ", " : "") + std::to_string(years[i]);
  return s;
}

/// Residual standard deviation of a straight line through the points (NaN below 3 points).
inline double residual_sd(const std::vector<observed_point>& pts) {
  if (pts.size() < 3) return ontrack::detail::nan_value;
  std::vector<double> x, y;
  for (const auto& pt : pts) {
    x.push_back(pt.year);
    y.push_back(pt.value);
  }
  return fit_linear(x, y).residual_sd;
}

/// OLS slope of the points on their years (NaN below 2 points).
inline double slope_of(const std::vector<observed_point>& pts) {
  std::vector<int> ys;
  std::vector<double> vs;
  for (const auto& pt : pts) {
    ys.push_back(pt.year);
    vs.push_back(pt.value);
  }
  return ontrack::detail::observed_change(ys, vs);
}

/// reversal: the latest change goes against `direction` (+1 up is good, −1 down).
inline void warn_reversal(native_assessment& r, const std::vector<observed_point>& pts, int direction) {
  if (pts.size() < 2 || direction == 0) return;
  const auto& a = pts[pts.size() - 2];
  const auto& b = pts.back();
  if (direction * (b.value - a.value) < 0.0) r.warnings.push_back(reversal_warning(a.year, a.value, b.year, b.value, r.status));
}

/// Warnings every undecided data kind shares: stale data, expected shortfall.
inline void warn_common(native_assessment& r, int latest_year, int as_of, double p_meet, int deadline,
                        const native_params& p) {
  if (as_of - latest_year > p.stale_after_years)
    r.warnings.push_back(stale_data_warning(latest_year, as_of, r.reason == native_reasons::stale_data));
  if (assessable(r.status) && std::isfinite(p_meet) && p_meet < p.thresholds.on_track)
    r.warnings.push_back(expected_shortfall_warning(p_meet, deadline, p.thresholds, r.status));
}

}  // namespace detail
}  // namespace ontrack::assess
