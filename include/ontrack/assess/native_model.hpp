#pragma once
/// The projection behind an assessment: the model rule (docs/assessment.md § The model), the
/// probability that a projected value lies in a target's range, and the projected components.

#include <algorithm>
#include <cmath>
#include <exception>
#include <optional>
#include <string>
#include <vector>

#include <ontrack/assess/assessed_series.hpp>
#include <ontrack/assess/native_params.hpp>
#include <ontrack/assess/native_result.hpp>
#include <ontrack/assess/target_meaning.hpp>
#include <ontrack/indicator.hpp>
#include <ontrack/project/select.hpp>

namespace ontrack::assess {

namespace detail {

/// The unit a count model reports in: 100 for a percentage, 1000 for per 1,000, …
inline double count_multiplier(scale s) noexcept {
  switch (s) {
    case scale::percent: return 100.0;
    case scale::per_1000: return 1e3;
    case scale::per_10000: return 1e4;
    case scale::per_100000: return 1e5;
    default: return 1.0;
  }
}

/// A projection for the assessment, or why there is none.
struct assessment_fit {
  std::optional<projection> result;
  std::string reason, message, note;
};

/// Fits the series by the model rule of native_params::model (docs/assessment.md § Model).
inline assessment_fit fit_for_assessment(const assessed_series& s, const std::vector<std::size_t>& use,
                                         int deadline, const indicator& ind, const native_params& p) {
  assessment_fit out;
  std::vector<int> years;
  std::vector<double> values, num, den;
  const bool counts = s.own && !s.numerator.empty();
  for (std::size_t i : use) {
    years.push_back(s.points[i].year);
    values.push_back(s.points[i].value);
    if (counts) {
      num.push_back(s.numerator[i]);
      den.push_back(s.denominator[i]);
    }
  }
  projection_options o;
  o.uncertainty = uncertainty_from_string(p.uncertainty);
  const bool bounded = std::isfinite(s.bounds.lower) && std::isfinite(s.bounds.upper) && s.bounds.upper > s.bounds.lower;
  if (bounded) {
    o.lower_bound = s.bounds.lower;
    o.upper_bound = s.bounds.upper;
  }
  o.multiplier = count_multiplier(ind.scale);
  const bool inside = bounded && std::all_of(values.begin(), values.end(), [&](double v) {
    return v > s.bounds.lower && v < s.bounds.upper;
  });
  const model count_model =
      ind.scale == scale::percent || ind.scale == scale::binary ? model::binomial_share : model::poisson_rate;
  try {
    if (p.model == "default" || p.model == "auto") {
      const double range = s.bounds.upper - s.bounds.lower;
      const double latest = values.empty() ? 0.0 : values.back();
      const bool near_bound = inside && std::min(latest - s.bounds.lower, s.bounds.upper - latest) <= p.near_bound_share * range;
      if (p.model == "default" && counts) {
        out.result = project(count_model, years, values, deadline, o, num, den);
        out.note = "counts (numerator and denominator) in every year used: " + std::string(to_string(count_model));
      } else if (p.model == "default" && near_bound) {
        out.result = project_logit(years, values, deadline, o);
        out.note = "latest value " + ontrack::detail::number_text(latest) + " within " +
                   ontrack::detail::number_text(p.near_bound_share * 100) + "% of the range [" +
                   ontrack::detail::number_text(s.bounds.lower) + ", " + ontrack::detail::number_text(s.bounds.upper) +
                   "] of a bound: logit, which cannot cross it";
      } else {
        o.auto_consider_logit = inside;
        o.auto_consider_ets = p.model == "auto" || static_cast<int>(years.size()) >= p.ets_min_points;
        selection sel = select_model(years, values, deadline, o);
        out.result = std::move(sel.result);
        out.note = sel.why;
      }
    } else {
      const model m = model_from_string(p.model);
      const bool is_count = m == model::poisson_rate || m == model::binomial_share;
      if (is_count && !counts) {
        out.reason = native_reasons::no_counts;
        out.message = p.model + " needs a numerator and a denominator in every year used";
        return out;
      }
      out.result = project(m, years, values, deadline, o, num, den);
      out.note = "model " + p.model + " as asked";
    }
  } catch (const projection_input_error& e) {
    out.result.reset();
    out.reason = std::string(to_string(e.status()));
    out.message = e.what();
    return out;
  } catch (const std::exception& e) {  // e.g. a horizon beyond the engine's limit
    out.result.reset();
    out.reason = "projection_failed";
    out.message = e.what();
    return out;
  }
  if (!out.result->ok()) {
    out.reason = std::string(to_string(out.result->status));
    out.message = std::string(to_string(out.result->method)) + ": " + out.result->reason;
    out.result.reset();
    return out;
  }
  if (!out.result->reason.empty() && out.result->reason != out.note)
    out.note += (out.note.empty() ? "" : "; ") + out.result->reason;
  return out;
}

/// P(value in `year` ∈ range) from a projection (NaN for a point-only projection).
inline double prob_in_range(const projection& pr, int year, const allowed_range& range) {
  if (range.empty()) return 0.0;
  const double above = !std::isfinite(range.lower) ? 1.0
                       : range.lower_strict        ? 1.0 - pr.prob_at_most(range.lower, year)
                                                   : pr.prob_at_least(range.lower, year);
  const double below = !std::isfinite(range.upper) ? 1.0
                       : range.upper_strict        ? 1.0 - pr.prob_at_least(range.upper, year)
                                                   : pr.prob_at_most(range.upper, year);
  if (std::isnan(above) || std::isnan(below)) return ontrack::detail::nan_value;
  return std::clamp(above + below - 1.0, 0.0, 1.0);
}

/// A new assessment of `s`, recording the latest observation and its age at `as_of` (every
/// kind reports them).
inline native_assessment begin_assessment(const assessed_series& s, int as_of) {
  native_assessment r;
  r.series = s.label;
  const observed_point& latest = s.points.back();
  put(r, "latest_year", latest.year);
  put(r, "latest_value", latest.value);
  put(r, "data_age", as_of - latest.year);
  return r;
}

/// Projected value and interval for `year`, kept within the series' natural bounds (a linear
/// trend may run past 100 %; the probability of a level inside the bounds is unaffected).
inline void put_projection(native_assessment& r, const projection& pr, int year, double level,
                           const value_bounds& bounds, const std::string& prefix) {
  const auto clamp = [&](double v) { return std::clamp(v, bounds.lower, bounds.upper); };
  put(r, prefix, clamp(pr.predict(year)));
  const auto [lo, hi] = pr.interval(year, level);
  put(r, prefix + "_lower", clamp(lo));
  put(r, prefix + "_upper", clamp(hi));
}

/// The projection year by year over [first, last] (native_assessment::projection_path).
inline void put_projection_path(native_assessment& r, const projection& pr, int first, int last, double level,
                                const value_bounds& bounds) {
  const auto clamp = [&](double v) { return std::isnan(v) ? v : std::clamp(v, bounds.lower, bounds.upper); };
  r.projection_level = level;
  r.projection_path.clear();
  for (int y = first; y <= last; ++y) {
    const auto [lo, hi] = pr.interval(y, level);
    r.projection_path.push_back({y, clamp(pr.predict(y)), clamp(lo), clamp(hi)});
  }
}

/// The probability that every year not yet observed satisfies the range, and the largest
/// single-year risk of not satisfying it.
///
/// Each year's probability comes from its predictive distribution. A window needs all of them:
/// their product is the probability of no breach when the years vary independently around the
/// trend, and a lower bound on it when they move together (the forecasts of one trend are
/// positively correlated: Slepian's inequality), so the breach risk 1 − Π is the conservative
/// figure. The largest single-year risk is the optimistic bound. NaN for point-only projections.
struct future_outcome {
  double all = 1.0;
  double worst_year_risk = 0.0;
};

inline future_outcome future_probability(const projection& pr, const std::vector<int>& years, const allowed_range& range) {
  future_outcome out;
  for (int y : years) {
    const double q = prob_in_range(pr, y, range);
    if (std::isnan(q)) return {ontrack::detail::nan_value, ontrack::detail::nan_value};
    out.all *= q;
    out.worst_year_risk = std::max(out.worst_year_risk, 1.0 - q);
  }
  return out;
}

}  // namespace detail
}  // namespace ontrack::assess
