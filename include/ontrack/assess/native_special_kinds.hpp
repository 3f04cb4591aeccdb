#pragma once
/// The native assessment of the kinds that are not a range of values: trend_slowing (two slopes),
/// increase_each_period (each period against the previous one) and milestone (a recorded status).

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
#include <ontrack/project/distributions.hpp>
#include <ontrack/target.hpp>

namespace ontrack::assess {

namespace detail {

/// trend_slowing: the OLS slope over the latest `window` years up to the evaluation year against
/// the slope over the `window` years before them. Before the end of the target's window the
/// probability is that of the true slopes: P(β_recent < β_earlier) from the two independent
/// fits (Student-t, n₁ + n₂ − 4 df), or P(β_recent ≤ 0) (a falling or flat series also counts),
/// whichever is larger — a lower bound on the probability of either.
inline native_assessment assess_trend_slowing(const target& t, const plan_frame& f, const assessed_series& s, int as_of,
                                              const native_params& p) {
  native_assessment r = begin_assessment(s, as_of);
  const auto& pts = s.points;
  const observed_point latest = pts.back();
  const int age = as_of - latest.year;
  const auto [ws, we] = trend_window(t, f);
  (void)ws;
  const int window = t.window.value_or(5);
  const int year = std::min(as_of, we);
  put(r, "deadline", we);
  put(r, "evaluation_year", year);
  const auto w = slopes_up_to(year, window, pts);
  put(r, "recent_first_year", w.recent_first);
  put(r, "earlier_first_year", w.earlier_first);
  std::vector<observed_point> used;
  for (const auto& pt : pts)
    if (pt.year >= w.earlier_first && pt.year <= w.recent_last) used.push_back(pt);
  record_points(r, used);
  if (w.recent) {
    put(r, "slope_recent", w.recent->slope);
    put(r, "slope_recent_se", w.recent->slope_se);
  }
  if (w.earlier) {
    put(r, "slope_earlier", w.earlier->slope);
    put(r, "slope_earlier_se", w.earlier->slope_se);
  }
  const bool decided = as_of >= we;
  put(r, "decided", decided);
  const auto count_in = [&](int a, int b) {
    return std::count_if(pts.begin(), pts.end(), [&](const observed_point& q) { return q.year >= a && q.year <= b; });
  };
  const long n_recent = count_in(w.recent_first, w.recent_last), n_earlier = count_in(w.earlier_first, w.earlier_last);
  const long need = decided ? 2 : std::max(3, p.min_points);
  if (n_recent < need || n_earlier < need)
    return not_assessable(r, native_reasons::too_few_points,
                          "the slopes need " + std::to_string(need) + " observations in each window: " +
                              std::to_string(w.recent_first) + "\xE2\x80\x93" + std::to_string(w.recent_last) + " has " +
                              std::to_string(n_recent) + ", " + std::to_string(w.earlier_first) + "\xE2\x80\x93" +
                              std::to_string(w.earlier_last) + " has " + std::to_string(n_earlier));
  const bool met = w.met();
  put(r, "already_met", met);
  status_evidence ev;
  ev.decided = decided;
  ev.met = met;
  ev.moving_away = w.recent->slope > w.earlier->slope && w.recent->slope > 0.0;
  if (decided) {
    ev.p_meet = met ? 1.0 : 0.0;
  } else if (!decided && age > p.max_data_age_years) {
    return not_assessable(r, native_reasons::stale_data,
                          "the latest observation is from " + std::to_string(latest.year) + ", " + std::to_string(age) +
                              " years before " + std::to_string(as_of));
  } else {
    const double b1 = w.earlier->slope, b2 = w.recent->slope;
    const double se1 = w.earlier->slope_se, se2 = w.recent->slope_se;
    const double se_diff = std::sqrt(se1 * se1 + se2 * se2);
    const double df_diff = static_cast<double>(n_recent + n_earlier - 4), df2 = static_cast<double>(n_recent - 2);
    const double p_slower = se_diff > 0.0 ? ontrack::detail::student_t_cdf((b1 - b2) / se_diff, df_diff) : (b2 < b1 ? 1.0 : 0.0);
    const double p_flat = se2 > 0.0 ? ontrack::detail::student_t_cdf(-b2 / se2, df2) : (b2 <= 0.0 ? 1.0 : 0.0);
    put(r, "p_slower", p_slower);
    put(r, "p_not_rising", p_flat);
    ev.p_meet = std::max(p_slower, p_flat);
  }
  r.status = classify(ev, p.thresholds);
  put(r, "p_meet", ev.p_meet);
  if (!decided) warn_common(r, latest.year, as_of, ev.p_meet, we, p);
  return r;
}

/// increase_each_period: each period's value is its latest observation within the period; a
/// period not yet observed is projected at its last year. Comparisons with an observed previous
/// period use the projection's predictive distribution exactly; two projected periods are
/// compared on the model scale as if their forecasts were independent (an approximation: the
/// shared trend makes them positively correlated). The probability of the whole target is the
/// product over the comparisons still open.
inline native_assessment assess_periods(const target& t, const indicator& ind, const assessed_series& s, int as_of,
                                        const native_params& p) {
  native_assessment r = begin_assessment(s, as_of);
  const auto& pts = s.points;
  const observed_point latest = pts.back();
  const int age = as_of - latest.year;
  if (t.periods.empty()) return not_assessable(r, native_reasons::no_periods, "the target lists no periods");
  const int deadline = t.periods.back().last;
  put(r, "deadline", deadline);
  const auto pv = values_by_period(t.periods, pts);
  for (std::size_t j = 0; j < pv.periods.size(); ++j)
    if (pv.values[j]) {
      put(r, "period_" + std::to_string(j + 1) + "_year", pv.values[j]->year);
      put(r, "period_" + std::to_string(j + 1) + "_value", pv.values[j]->value);
    }
  const auto use = fit_indices(pts, as_of, p.fit_window_years);
  const auto used = pick(pts, use);
  record_points(r, used);
  put(r, "observed_annual_change", slope_of(used));
  for (std::size_t j = 0; j < pv.periods.size(); ++j)
    if (!pv.values[j] && pv.periods[j].last <= latest.year)
      return not_assessable(r, native_reasons::no_data_in_period,
                            "period " + std::to_string(pv.periods[j].first) + "\xE2\x80\x93" + std::to_string(pv.periods[j].last) +
                                " has no observation of " + s.label + " (up to " + std::to_string(as_of) +
                                "): its value is what the next period is compared with");
  bool observed_all_met = true, any_observed = false, failed = false, open = false;
  for (std::size_t j = 1; j < pv.periods.size(); ++j) {
    if (pv.values[j] && pv.values[j - 1]) {
      any_observed = true;
      const bool up = pv.values[j]->value > pv.values[j - 1]->value;
      observed_all_met = observed_all_met && up;
      failed = failed || !up;
    } else {
      open = true;
    }
  }
  const bool decided = failed || !open;
  const bool already_met = any_observed && observed_all_met;
  put(r, "decided", decided);
  put(r, "already_met", already_met);
  const double slope = slope_of(used);
  status_evidence ev;
  ev.decided = decided;
  ev.met = decided ? !failed : already_met;
  ev.moving_away = std::isfinite(slope) && slope < 0.0;
  if (decided) {
    ev.p_meet = failed ? 0.0 : 1.0;
  } else if (age > p.max_data_age_years) {
    not_assessable(r, native_reasons::stale_data,
                   "the latest observation of " + s.label + " is from " + std::to_string(latest.year) + ", " +
                       std::to_string(age) + " years before " + std::to_string(as_of));
  } else if (static_cast<int>(used.size()) < p.min_points) {
    not_assessable(r, native_reasons::too_few_points,
                   std::to_string(used.size()) + " observations of " + s.label + " (" + years_list(r.years_used) +
                       "); at least " + std::to_string(p.min_points) + " are needed to project the periods");
  } else {
    const auto fit = fit_for_assessment(s, use, std::max(deadline, latest.year) + p.reach_horizon_years, ind, p);
    if (!fit.result) {
      not_assessable(r, fit.reason, fit.message);
    } else {
      const projection& pr = *fit.result;
      r.model = std::string(to_string(pr.method));
      r.model_note = fit.note;
      double prob = 1.0;
      for (std::size_t j = 1; j < pv.periods.size() && !std::isnan(prob); ++j) {
        if (pv.values[j]) continue;  // decided above
        const int yj = pv.periods[j].last;
        if (pv.values[j - 1]) {
          prob *= 1.0 - pr.prob_at_most(pv.values[j - 1]->value, yj);
        } else {
          const auto& a = pr.at(pv.periods[j - 1].last);
          const auto& b = pr.at(yj);
          const double sc = std::sqrt(a.scale * a.scale + b.scale * b.scale);
          prob *= sc > 0.0 ? ontrack::detail::student_t_cdf((b.location - a.location) / sc, std::min(a.df, b.df))
                           : (b.location > a.location ? 1.0 : 0.0);
        }
        put_projection(r, pr, yj, p.level, s.bounds, "projected_period_" + std::to_string(j + 1));
      }
      if (std::isnan(prob))
        not_assessable(r, native_reasons::no_uncertainty,
                       "the " + r.model + " projection is a point without uncertainty: the probability is not known");
      else
        ev.p_meet = prob;
    }
  }
  if (r.reason.empty()) {
    r.status = classify(ev, p.thresholds);
    put(r, "p_meet", ev.p_meet);
  }
  if (!decided) {
    warn_common(r, latest.year, as_of, r.reason.empty() ? ev.p_meet : ontrack::detail::nan_value, deadline, p);
    warn_reversal(r, pts, +1);
  }
  return r;
}

/// milestone: the recorded status (docs/assessment.md § milestone): achieved by its year →
/// achieved (achieved after it → missed); abandoned → missed; not achieved once the year
/// (else the plan's end) has passed → missed; before it, in_progress → on_track and
/// not_started → at_risk. No status recorded (as of the evaluation year) → not assessable.
inline native_assessment assess_milestone(const target& t, const plan_frame& f, int as_of, const native_params& p) {
  native_assessment r;
  r.series = "recorded status";
  const int deadline = t.year ? *t.year : f.period_end;
  put(r, "deadline", deadline);
  const auto known = known_milestone_status(t, as_of);
  if (!known)
    return not_assessable(r, native_reasons::no_status,
                          t.status ? "the status is recorded in " + std::to_string(*t.status_year) + ", after " +
                                         std::to_string(as_of)
                                   : std::string("no status is recorded for the milestone"));
  if (t.status_year) {
    put(r, "status_year", *t.status_year);
    put(r, "data_age", as_of - *t.status_year);
  }
  r.message = "recorded status: " + std::string(to_string(*known));
  const bool late = t.status_year && *t.status_year > deadline;
  switch (*known) {
    case milestone_status::achieved: r.status = late ? progress_status::missed : progress_status::achieved; break;
    case milestone_status::abandoned: r.status = progress_status::missed; break;
    case milestone_status::in_progress:
    case milestone_status::not_started:
      r.status = as_of > deadline ? progress_status::missed
                 : *known == milestone_status::in_progress ? progress_status::on_track
                                                            : progress_status::at_risk;
      break;
  }
  put(r, "decided", *known == milestone_status::achieved || *known == milestone_status::abandoned || as_of > deadline);
  if (t.status_year && as_of - *t.status_year > p.stale_after_years && r.status != progress_status::achieved &&
      r.status != progress_status::missed)
    r.warnings.push_back(stale_data_warning(*t.status_year, as_of, false));
  return r;
}
}  // namespace detail
}  // namespace ontrack::assess
