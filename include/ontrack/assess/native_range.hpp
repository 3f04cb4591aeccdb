#pragma once
/// The native assessment of the kinds judged as a range of values in one year or in every year
/// of a window (at_least, at_most, maintain_*, about, increase, decrease, gap_narrowing,
/// relative, ratio, full_coverage): observed years decide what they can, the projection gives
/// the probability of the rest.

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include <ontrack/assess/assessed_series.hpp>
#include <ontrack/assess/native_model.hpp>
#include <ontrack/assess/native_params.hpp>
#include <ontrack/assess/native_result.hpp>
#include <ontrack/assess/status.hpp>
#include <ontrack/assess/target_meaning.hpp>
#include <ontrack/assess/warnings.hpp>
#include <ontrack/indicator.hpp>
#include <ontrack/target.hpp>

namespace ontrack::assess {

namespace detail {

/// The required and observed annual changes (absolute and compound) towards `aim` by `year`.
inline void put_changes(native_assessment& r, const std::vector<observed_point>& pts, double aim, int year) {
  if (pts.empty()) return;
  const auto& last = pts.back();
  std::vector<int> ys;
  std::vector<double> vs;
  for (const auto& pt : pts) {
    ys.push_back(pt.year);
    vs.push_back(pt.value);
  }
  const double observed = ontrack::detail::observed_change(ys, vs);
  put(r, "observed_annual_change", observed);
  const auto& first = pts.front();
  if (last.year > first.year && first.value > 0.0 && last.value >= 0.0)
    put(r, "observed_relative_change",
        std::pow(last.value / first.value, 1.0 / static_cast<double>(last.year - first.year)) - 1.0);
  if (year <= last.year || !std::isfinite(aim)) return;
  const double span = static_cast<double>(year - last.year);
  const double required = (aim - last.value) / span;
  put(r, "required_annual_change", required);
  if (last.value > 0.0 && aim >= 0.0) put(r, "required_relative_change", std::pow(aim / last.value, 1.0 / span) - 1.0);
  if (required != 0.0 && std::isfinite(observed)) put(r, "pace_ratio", observed / required);
}

/// Projected value at the deadline and the mid-term year (when still ahead), with intervals, and
/// the expected year: the latest year when the latest value lies in the range, else the first
/// later year whose projected median does (never_reached_by: the last year searched).
inline void put_projected_components(native_assessment& r, const projection& pr, const target_condition& c,
                                     const observed_point& latest, const plan_frame& f, const value_bounds& bounds,
                                     double level) {
  if (c.deadline > latest.year) put_projection(r, pr, c.deadline, level, bounds, "projected_value");
  put_projection_path(r, pr, latest.year + 1, std::max(c.deadline, f.midterm_year.value_or(c.deadline)), level, bounds);
  if (f.midterm_year && *f.midterm_year > latest.year) {
    put(r, "midterm_year", *f.midterm_year);
    put_projection(r, pr, *f.midterm_year, level, bounds, "projected_midterm");
  }
  if (c.range.contains(latest.value)) {
    put(r, "expected_year", latest.year);
    return;
  }
  for (int y = latest.year + 1; y <= pr.deadline(); ++y)
    if (c.range.contains(pr.predict(y))) {
      put(r, "expected_year", y);
      return;
    }
  put(r, "never_reached_by", pr.deadline());
}

/// Warnings of an undecided range target (docs/assessment.md § Early warnings).
inline void warn_range(native_assessment& r, const std::vector<observed_point>& pts, const target_condition& c,
                       const std::vector<int>& future, double residual, double p_meet, int as_of,
                       const native_params& p) {
  const auto& latest = pts.back();
  warn_common(r, latest.year, as_of, p_meet, c.deadline, p);
  if (assessable(r.status) && std::isfinite(residual)) {
    const double distance = c.range.distance_to_edge(latest.value);
    if (std::isfinite(distance) && residual > p.volatility_ratio * distance)
      r.warnings.push_back(high_volatility_warning(residual, distance));
  }
  if (pts.size() >= 2) warn_reversal(r, pts, c.range.desired_direction(pts[pts.size() - 2].value));
  const auto risk = r.component("breach_risk");
  if (risk && *risk >= p.breach_warning)
    r.warnings.push_back(
        breach_risk_warning(*risk, future.front(), c.deadline, breach_condition{c.range.lower, c.range.upper}, p.breach_high));
}

/// missed: the observed years that broke the condition, each with its (observed or, for a
/// one-year condition between surveys, interpolated) value.
inline void warn_missed(native_assessment& r, const std::vector<observed_point>& pts, const target_condition& c,
                        const std::vector<int>& failed) {
  std::vector<missed_year> years;
  for (int y : failed)
    if (const auto v = value_in_year(pts, y)) years.push_back({y, *v});
  if (years.empty()) return;
  const auto& range = c.range;
  r.warnings.push_back(missed_warning(years, {range.lower, range.upper, range.lower_strict, range.upper_strict}));
}

/// Kinds judged as a range of values in one year or every year of a window (target_meaning.hpp).
inline native_assessment assess_range(const target& t, const indicator& ind, const plan_frame& f,
                                      const assessed_series& s, int as_of, const native_params& p) {
  native_assessment r = begin_assessment(s, as_of);
  const auto& pts = s.points;
  const observed_point latest = pts.back();
  const int age = as_of - latest.year;

  // The baseline: at the window start for the kinds measured from it, else at the base year.
  const bool from_baseline = t.kind == target_kind::increase || t.kind == target_kind::decrease ||
                             t.kind == target_kind::gap_narrowing;
  const int baseline_year = from_baseline ? trend_window(t, f).first : f.base_year;
  const auto base = baseline_point(pts, baseline_year, p.baseline_window_years);
  if (base) {
    put(r, "baseline_year", base->year);
    put(r, "baseline_value", base->value);
  }
  std::string why;
  const auto cond = condition_of(t, ind, f, base ? std::optional<double>(base->value) : std::nullopt, &why);
  if (!cond) {
    if (from_baseline && !base)
      return not_assessable(r, native_reasons::no_baseline,
                            "no observation of " + s.label + " in " + std::to_string(baseline_year) + " (or within " +
                                std::to_string(p.baseline_window_years) + " years of it) up to " +
                                std::to_string(as_of) + ": the change is measured from there");
    return not_assessable(r, native_reasons::undefined_condition, s.label + ": " + why);
  }
  const allowed_range& range = cond->range;
  put(r, "deadline", cond->deadline);
  put(r, "target_lower", range.lower);
  put(r, "target_upper", range.upper);

  const auto verdict = judge_observed(*cond, pts);
  if (!cond->every_year && !verdict.unobserved.empty())
    return not_assessable(r, native_reasons::no_data_in_years,
                          "the target is judged in " + std::to_string(cond->deadline) + ", before the first observation of " +
                              s.label + " (" + std::to_string(pts.front().year) + ")");
  if (verdict.future.empty() && verdict.judged.empty())
    return not_assessable(r, native_reasons::no_data_in_years,
                          "no observation of " + s.label + " in the years the target is judged (" +
                              std::to_string(cond->years.front()) + "\xE2\x80\x93" + std::to_string(cond->deadline) + ")");
  std::string notes;
  if (verdict.interpolated)
    notes = std::to_string(cond->deadline) + " is not observed: judged on the straight line between the observations around it";
  if (!verdict.unobserved.empty())
    notes += (notes.empty() ? "" : "; ") + std::string("years without observation, not judged: ") + years_list(verdict.unobserved);

  const bool decided = verdict.decided();
  const bool already_met = verdict.met() && range.contains(latest.value);
  put(r, "decided", decided);
  put(r, "already_met", already_met);

  const auto use = fit_indices(pts, as_of, p.fit_window_years);
  const auto used = pick(pts, use);
  record_points(r, used);
  const double aim_value = range.two_sided() ? range.nearest_allowed(latest.value)
                                             : (std::isfinite(range.lower) ? range.lower : range.upper);
  const int aim_year = verdict.future.empty() ? cond->deadline : verdict.future.front();
  put_changes(r, used.empty() ? std::vector<observed_point>{latest} : used, aim_value, aim_year);
  const double sd = residual_sd(used);
  put(r, "residual_sd", sd);
  const int direction = range.desired_direction(latest.value);
  const double slope = slope_of(used);
  const bool moving_away = direction != 0 && std::isfinite(slope) && direction * slope < 0.0;

  // The projection: needed for the years not yet observed, useful for the components anyway.
  assessment_fit fit;
  const bool binary = s.own && ind.scale == scale::binary;
  if (!binary && used.size() >= 2) {
    const int horizon = std::max({cond->deadline, f.midterm_year.value_or(cond->deadline), latest.year}) + p.reach_horizon_years;
    fit = fit_for_assessment(s, use, horizon, ind, p);
  }
  if (fit.result) {
    r.model = std::string(to_string(fit.result->method));
    r.model_note = fit.note;
    put_projected_components(r, *fit.result, *cond, latest, f, s.bounds, p.level);
  }

  status_evidence ev;
  ev.decided = decided;
  ev.met = decided ? verdict.met() : already_met;
  ev.moving_away = moving_away;
  double p_meet = ontrack::detail::nan_value;
  if (decided) {
    p_meet = verdict.met() ? 1.0 : 0.0;
    r.message = notes;
  } else if (binary) {
    if (!already_met)
      not_assessable(r, native_reasons::binary_pending,
                     s.label + " is a yes/no indicator, still " + ontrack::detail::number_text(latest.value) + " in " +
                         std::to_string(latest.year) + ": it has no trend to project and is achieved once it is 1");
    else
      ev.decided = true;  // a yes/no state that holds is taken to last
  } else if (age > p.max_data_age_years) {
    not_assessable(r, native_reasons::stale_data,
                   "the latest observation of " + s.label + " is from " + std::to_string(latest.year) + ", " +
                       std::to_string(age) + " years before " + std::to_string(as_of) + " (more than " +
                       std::to_string(p.max_data_age_years) + ")");
  } else if (static_cast<int>(used.size()) < p.min_points) {
    not_assessable(r, native_reasons::too_few_points,
                   std::to_string(used.size()) + (used.size() == 1 ? " observation" : " observations") + " of " +
                       s.label + " in the fit window (" + years_list(r.years_used) + "); at least " +
                       std::to_string(p.min_points) + " are needed to say how likely the target is");
  } else if (!fit.result) {
    not_assessable(r, fit.reason, fit.message);
  } else {
    const auto future = future_probability(*fit.result, verdict.future, range);
    if (std::isnan(future.all)) {
      not_assessable(r, native_reasons::no_uncertainty,
                     "the " + r.model + " projection is a point without uncertainty (" + fit.result->reason +
                         "): the probability of meeting the target is not known");
    } else {
      p_meet = future.all;
      if (cond->every_year) {
        put(r, "breach_risk", 1.0 - future.all);
        put(r, "breach_risk_lower", future.worst_year_risk);
      }
    }
    if (!notes.empty()) r.message = notes;
  }
  if (r.reason.empty()) {
    ev.p_meet = decided || ev.decided ? (ev.met ? 1.0 : 0.0) : p_meet;
    r.status = classify(ev, p.thresholds);
    put(r, "p_meet", ev.p_meet);
  }
  if (!decided) warn_range(r, pts, *cond, verdict.future, sd, p_meet, as_of, p);
  if (decided && !verdict.met()) warn_missed(r, pts, *cond, verdict.failed);
  return r;
}

}  // namespace detail
}  // namespace ontrack::assess
