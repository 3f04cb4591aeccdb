#pragma once
/// ontrack's own assessment (method "ontrack"): for one target of one indicator, the status read
/// from the probability of meeting the target, every number behind it, and the early warnings.
///
///     native_assessment a = assess_native(target, indicator, frame, series_index(plan.series), 2025);
///     a.status;                  // progress_status::on_track
///     *a.component("p_meet");    // 0.81
///
/// The exact meaning of each kind is target_meaning.hpp's; the projection engine says how likely
/// the years not yet observed are to satisfy it. This file holds the entry points; the parts are
///   native_result.hpp         the result, its reason codes, shared bookkeeping and warnings
///   native_model.hpp          the model rule and the probability of a range
///   native_range.hpp          the range kinds (at_least … full_coverage)
///   native_special_kinds.hpp  trend_slowing, increase_each_period, milestone
/// docs/assessment.md documents the statuses, thresholds, model rule, components, warnings and
/// reasons.

#include <utility>
#include <vector>

#include <ontrack/assess/assessed_series.hpp>
#include <ontrack/assess/native_params.hpp>
#include <ontrack/assess/native_range.hpp>
#include <ontrack/assess/native_special_kinds.hpp>
#include <ontrack/assess/native_result.hpp>
#include <ontrack/assess/status.hpp>
#include <ontrack/assess/target_meaning.hpp>
#include <ontrack/assess/warnings.hpp>
#include <ontrack/indicator.hpp>
#include <ontrack/target.hpp>

namespace ontrack::assess {

namespace detail {
inline native_assessment assess_kind(const target& t, const indicator& ind, const plan_frame& frame,
                                     const series_index& data, int as_of, const native_params& p) {
  if (t.kind == target_kind::milestone) return assess_milestone(t, frame, as_of, p);
  const assessed_series s = assessed_series_for(t, ind, data, as_of);
  native_assessment r;
  if (!s.ok()) {
    r.series = s.label;
    not_assessable(r, s.reason, s.message);
  } else if (t.kind == target_kind::trend_slowing) {
    r = assess_trend_slowing(t, frame, s, as_of, p);
  } else if (t.kind == target_kind::increase_each_period) {
    r = assess_periods(t, ind, s, as_of, p);
  } else {
    r = assess_range(t, ind, frame, s, as_of, p);
  }
  const std::optional<double> latest =
      s.own && !s.points.empty() ? std::optional<double>(s.points.back().value) : std::nullopt;
  if (auto w = percent_as_fraction_warning(t, ind, latest)) r.warnings.push_back(std::move(*w));
  return r;
}
}  // namespace detail

/// The native assessment of target `t` of indicator `ind` in a plan read through `frame`, with
/// the observations of `data` up to `as_of` (later observations are never read: an evaluation as
/// of a past year is what could have been said then). Data trouble is a status with a reason,
/// never an exception. Throws std::invalid_argument only for invalid parameters.
/// The unstable_status warning needs earlier evaluations: see assess_native_with_history.
inline native_assessment assess_native(const target& t, const indicator& ind, const plan_frame& frame,
                                       const series_index& data, int as_of, const native_params& p = {}) {
  validate(p);
  native_assessment r = detail::assess_kind(t, ind, frame, data, as_of, p);
  r.baseline_source = base_year_of(t, frame).source;
  return r;
}

/// The statuses of the same target as of each of the `p.history_years` years before `as_of`,
/// each with only the data up to that year (oldest first).
inline std::vector<std::pair<int, progress_status>> earlier_statuses(const target& t, const indicator& ind,
                                                                     const plan_frame& frame, const series_index& data,
                                                                     int as_of, const native_params& p = {}) {
  std::vector<std::pair<int, progress_status>> out;
  for (int k = p.history_years; k >= 1; --k) out.emplace_back(as_of - k, assess_native(t, ind, frame, data, as_of - k, p).status);
  return out;
}

/// Adds unstable_status to `a` when its status and the `earlier` ones (year, status) changed at
/// least p.unstable_changes times between consecutive assessable evaluations.
inline void add_unstable_status(native_assessment& a, int as_of, std::vector<std::pair<int, progress_status>> earlier,
                                const native_params& p) {
  earlier.emplace_back(as_of, a.status);
  if (auto w = unstable_status_warning(std::move(earlier), p.unstable_changes)) a.warnings.push_back(std::move(*w));
}

/// assess_native plus the unstable_status warning from the evaluations of the
/// p.history_years previous years, recomputed with the data up to each.
inline native_assessment assess_native_with_history(const target& t, const indicator& ind, const plan_frame& frame,
                                                    const series_index& data, int as_of, const native_params& p = {}) {
  native_assessment a = assess_native(t, ind, frame, data, as_of, p);
  if (p.history_years > 0) add_unstable_status(a, as_of, earlier_statuses(t, ind, frame, data, as_of, p), p);
  return a;
}

}  // namespace ontrack::assess
