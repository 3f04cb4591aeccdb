#pragma once
/// The exact meaning of each target kind (docs/targets.md), as conditions that observed or
/// projected values can be checked against.
///
/// Ten of the fourteen kinds say "the value of some series lies in a range, in one year or in
/// every year of a window": at_least, at_most, maintain_*, about, increase, decrease (the range
/// starts at the baseline value, moved by the minimum pace), gap_narrowing (the gap's distance
/// from parity must fall: a band around parity), relative (the difference from the reference
/// series against 0), ratio and full_coverage. They become a `target_condition`, so that one
/// piece of code judges observed years and asks the projection for the probability of the rest.
/// The other kinds compare periods (increase_each_period), slopes (trend_slowing) or a recorded
/// status (milestone); their exact meaning is a function here too.

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include <ontrack/assess/year_source.hpp>
#include <ontrack/indicator.hpp>
#include <ontrack/project/linear.hpp>
#include <ontrack/target.hpp>

namespace ontrack::assess {

/// The years and bounds of the plan a target is read in.
struct plan_frame {
  int base_year = 0;     ///< default start of trend kinds
  int period_start = 0;  ///< the plan's first year
  int period_end = 0;    ///< the plan's last year: the default deadline
  std::optional<int> midterm_year;
  /// Who set base_year: a plan, the caller, or nobody (ontrack's own default, the first year
  /// observed: a compatibility mode then applies its published default instead).
  year_source base_source = year_source::plan;
  /// Who set period_end: nobody means a target without its own year is read against
  /// default_end_year, and a compatibility mode uses its published target year instead.
  year_source end_source = year_source::plan;
};

/// The year a target without its own is due when no plan or caller says (ontrack's default).
inline constexpr int default_end_year = 2030;

/// The frame of a target assessed on its own, without a plan: the caller's base year, else the
/// first year `observed` (ontrack's default; `end` when nothing is observed); the caller's end
/// year, else the target's own last year, else default_end_year.
inline plan_frame standalone_frame(const target& t, std::optional<int> base_year, std::optional<int> end_year,
                                   std::optional<int> midterm_year, const std::vector<int>& observed) {
  plan_frame f;
  f.midterm_year = midterm_year;
  const std::optional<int> own_end = t.year                 ? t.year
                                     : t.end                ? t.end
                                     : !t.periods.empty()   ? std::optional<int>(t.periods.back().last)
                                                            : std::nullopt;
  const sourced_year end = resolve_year(end_year ? end_year : own_end, year_source::caller, default_end_year);
  f.period_end = end.year;
  f.end_source = end.source;
  const int first = observed.empty() ? f.period_end : *std::min_element(observed.begin(), observed.end());
  const sourced_year base = resolve_year(base_year, year_source::caller, first);
  f.base_year = f.period_start = base.year;
  f.base_source = base.source;
  return f;
}

/// The values a target allows in a year: an interval whose sides may be open (strict) or absent
/// (infinite).
struct allowed_range {
  double lower = -std::numeric_limits<double>::infinity();
  double upper = std::numeric_limits<double>::infinity();
  bool lower_strict = false;  ///< y > lower instead of y ≥ lower
  bool upper_strict = false;  ///< y < upper instead of y ≤ upper

  bool contains(double y) const noexcept {
    const bool above = lower_strict ? y > lower : y >= lower;
    const bool below = upper_strict ? y < upper : y <= upper;
    return above && below;
  }
  /// True when no value can satisfy it (e.g. a gap that would have to close beyond parity).
  bool empty() const noexcept {
    return lower > upper || (lower == upper && (lower_strict || upper_strict));
  }
  bool two_sided() const noexcept { return std::isfinite(lower) && std::isfinite(upper); }
  /// Distance from y to the nearest finite edge: how much change is still needed (outside) or
  /// how much margin is kept (inside). NaN when no edge is finite.
  double distance_to_edge(double y) const noexcept {
    double d = std::numeric_limits<double>::quiet_NaN();
    if (std::isfinite(lower)) d = std::fabs(y - lower);
    if (std::isfinite(upper)) d = std::isnan(d) ? std::fabs(upper - y) : std::min(d, std::fabs(upper - y));
    return d;
  }
  /// The edge a value outside the range must reach (the nearer side); y itself when inside.
  double nearest_allowed(double y) const noexcept {
    if (contains(y)) return y;
    return y < lower || (y == lower && lower_strict) ? lower : upper;
  }
  /// The way a value at y should move to reach or stay in the range: +1 up (below it, or kept
  /// above a floor), −1 down (above it, or kept below a ceiling), 0 inside a band: within a
  /// band every value is met, so no movement inside it is unfavourable.
  int desired_direction(double y) const noexcept {
    if (!contains(y)) return y < lower || (y == lower && lower_strict) ? +1 : -1;
    if (!std::isfinite(upper)) return +1;
    if (!std::isfinite(lower)) return -1;
    return 0;
  }
};

/// Where and when a target's condition must hold: a range in one year, or in every year of a
/// window. `deadline` is the last year judged.
struct target_condition {
  std::vector<int> years;
  bool every_year = false;
  allowed_range range;
  int deadline = 0;
};

/// The years [first, last] of a window.
inline std::vector<int> years_between(int first, int last) {
  std::vector<int> out;
  for (int y = first; y <= last; ++y) out.push_back(y);
  return out;
}

/// The window [s, e] of a trend kind: `start` (default: the plan's base year) to `end` (default:
/// the plan's last year).
inline std::pair<int, int> trend_window(const target& t, const plan_frame& f) {
  return {t.start ? *t.start : f.base_year, t.end ? *t.end : f.period_end};
}

/// The fewest years a trend_slowing window may span: each window's slope is judged with its
/// uncertainty before the deadline, and a slope's standard error needs three observations.
inline constexpr int min_trend_window = 3;

/// Why a trend_slowing window cannot be assessed ("window must be …"), or empty when it can.
inline std::string trend_window_problem(int window) {
  if (window >= min_trend_window) return {};
  return "window must be at least " + std::to_string(min_trend_window) +
         " years (each window's slope needs three observations for its uncertainty), not " + std::to_string(window);
}

/// True for the kinds measured from a baseline value (their start, else the plan's base year).
inline bool measured_from_baseline(target_kind k) noexcept {
  return k == target_kind::increase || k == target_kind::decrease || k == target_kind::gap_narrowing;
}

/// The base year a target is judged from and who set it: such a kind's own start (set by
/// whoever wrote the target: the plan, else the caller), else the frame's base year.
inline sourced_year base_year_of(const target& t, const plan_frame& f) noexcept {
  if (measured_from_baseline(t.kind) && t.start)
    return {*t.start, f.base_source == year_source::plan ? year_source::plan : year_source::caller};
  return {f.base_year, f.base_source};
}

/// Whether the kind is judged in one year (at_least, about with a year, …) or in every year of
/// a window, and which years: `year` → that year; `start`/`end` → every year between (a missing
/// start is the plan's first year, a missing end the plan's last); neither → the plan's last year.
inline target_condition level_years(const target& t, const plan_frame& f) {
  target_condition c;
  if (t.year) {
    c.years = {*t.year};
  } else if (t.start || t.end) {
    const int s = t.start ? *t.start : f.period_start, e = t.end ? *t.end : f.period_end;
    c.years = years_between(s, e);
    c.every_year = true;
  } else {
    c.years = {f.period_end};
  }
  c.deadline = c.years.empty() ? f.period_end : c.years.back();
  return c;
}

namespace detail {

inline allowed_range floor_range(double v, bool strict) {
  allowed_range r;
  r.lower = v;
  r.lower_strict = strict;
  return r;
}
inline allowed_range ceiling_range(double v, bool strict) {
  allowed_range r;
  r.upper = v;
  r.upper_strict = strict;
  return r;
}
inline allowed_range band_range(double lo, double hi, bool strict) {
  allowed_range r;
  r.lower = lo;
  r.upper = hi;
  r.lower_strict = r.upper_strict = strict;
  return r;
}
inline allowed_range intersect(const allowed_range& a, const allowed_range& b) {
  allowed_range r = a;
  if (b.lower > r.lower || (b.lower == r.lower && b.lower_strict)) {
    r.lower = b.lower;
    r.lower_strict = b.lower_strict;
  }
  if (b.upper < r.upper || (b.upper == r.upper && b.upper_strict)) {
    r.upper = b.upper;
    r.upper_strict = b.upper_strict;
  }
  return r;
}

}  // namespace detail

/// The value full coverage means on an indicator's scale: 1 for a binary indicator, else its
/// upper bound when finite (100 for a percentage), else 100.
inline double full_coverage_level(const indicator& ind) {
  if (ind.scale == scale::binary) return 1.0;
  return std::isfinite(ind.bounds.upper) ? ind.bounds.upper : 100.0;
}

/// The condition of a range kind on its assessed series (docs/targets.md, row by row):
///  - at_least / at_most: [v, ∞) / (−∞, v] in the deadline year;
///  - maintain_at_least / maintain_at_most: the same in every year of [start, end];
///  - about: [v − below, v + above] in `year` or every year of [start, end]; on an indicator whose
///    direction is increase, [v − below, ∞) (decrease: (−∞, v + above]): overshooting the band in
///    the desired direction meets it;
///  - increase / decrease: in year e, beyond the baseline y_s (strictly), or by min_pace·(e − s),
///    or by the compound min_pace_relative (both: both must hold);
///  - gap_narrowing (series: the gap g): the distance from parity at e below the baseline's —
///    difference: g ∈ (−|g_s|, |g_s|); ratio: g ∈ (e^−|ln g_s|, e^|ln g_s|); min_pace closes the
///    distance by min_pace·(e − s) (ratio: in |g − 1| units), min_pace_relative compounds;
///  - relative (series: the difference y − reference): [0, ∞), (−∞, 0] or [−tolerance, tolerance];
///  - ratio (series: numerator/denominator or the indicator's own): [v, ∞) or (−∞, v];
///  - full_coverage: [full − tolerance, ∞) (full = 100 for a percentage, 1 for a binary indicator).
/// `baseline` is the assessed series' value at the window start (needed by increase, decrease and
/// gap_narrowing; its absence gives nullopt). `strict` opens every closed side. Returns nullopt
/// for kinds that are not range kinds, and when the condition cannot be formed (`why` says so).
inline std::optional<target_condition> condition_of(const target& t, const indicator& ind, const plan_frame& f,
                                                    std::optional<double> baseline, std::string* why = nullptr) {
  const auto fail = [&](const std::string& reason) -> std::optional<target_condition> {
    if (why) *why = reason;
    return std::nullopt;
  };
  const double v = t.value.value_or(0.0);
  target_condition c;
  switch (t.kind) {
    case target_kind::at_least:
    case target_kind::at_most:
      c.years = {t.deadline(f.period_end)};
      c.range = t.kind == target_kind::at_least ? detail::floor_range(v, t.strict) : detail::ceiling_range(v, t.strict);
      break;
    case target_kind::maintain_at_least:
    case target_kind::maintain_at_most: {
      const auto [s, e] = trend_window(t, f);
      c.years = years_between(s, e);
      c.every_year = true;
      c.range = t.kind == target_kind::maintain_at_least ? detail::floor_range(v, t.strict)
                                                         : detail::ceiling_range(v, t.strict);
      break;
    }
    case target_kind::about: {
      c = level_years(t, f);
      const double below = t.tolerance_below ? *t.tolerance_below : t.tolerance.value_or(0.0);
      const double above = t.tolerance_above ? *t.tolerance_above : t.tolerance.value_or(0.0);
      c.range = detail::band_range(v - below, v + above, t.strict);
      // On an indicator with a desired direction, going past the band that way is more than the
      // plan asked, not a miss: the band's far side in that direction is open.
      if (ind.direction == ontrack::direction::increase) c.range.upper = std::numeric_limits<double>::infinity();
      if (ind.direction == ontrack::direction::decrease) c.range.lower = -std::numeric_limits<double>::infinity();
      break;
    }
    case target_kind::increase:
    case target_kind::decrease: {
      if (!baseline) return fail("no baseline value");
      const auto [s, e] = trend_window(t, f);
      if (e <= s) return fail("the window " + std::to_string(s) + "\xE2\x80\x93" + std::to_string(e) + " has no length");
      const int up = t.kind == target_kind::increase ? +1 : -1;
      const double span = static_cast<double>(e - s), ys = *baseline;
      c.years = {e};
      // Without a pace the change must be strictly positive (y_e > y_s); a pace replaces it.
      if (!t.min_pace && !t.min_pace_relative)
        c.range = up > 0 ? detail::floor_range(ys, true) : detail::ceiling_range(ys, true);
      if (t.min_pace) {
        const double level = ys + up * *t.min_pace * span;
        c.range = detail::intersect(c.range, up > 0 ? detail::floor_range(level, t.strict)
                                                    : detail::ceiling_range(level, t.strict));
      }
      if (t.min_pace_relative) {
        if (!(ys > 0.0)) return fail("a relative pace needs a positive baseline value");
        const double level = ys * std::pow(1.0 + up * *t.min_pace_relative, span);
        c.range = detail::intersect(c.range, up > 0 ? detail::floor_range(level, t.strict)
                                                    : detail::ceiling_range(level, t.strict));
      }
      break;
    }
    case target_kind::gap_narrowing: {
      if (!baseline) return fail("no baseline gap");
      const auto [s, e] = trend_window(t, f);
      if (e <= s) return fail("the window " + std::to_string(s) + "\xE2\x80\x93" + std::to_string(e) + " has no length");
      const double span = static_cast<double>(e - s), gs = *baseline;
      const bool ratio = t.measure == gap_measure::ratio;
      if (ratio && !(gs > 0.0)) return fail("a ratio gap needs positive values");
      const double ds = ratio ? std::fabs(std::log(gs)) : std::fabs(gs);
      c.years = {e};
      // Narrowing means the distance falls by more than rounding: a constant gap comes back
      // from a fit (through a log, for a ratio) within a few ulps of its baseline edge.
      constexpr double rounding = 64 * std::numeric_limits<double>::epsilon();
      const auto around_parity = [&](double distance, bool open) {
        return ratio ? detail::band_range(std::exp(-distance) * (1.0 + rounding), std::exp(distance) * (1.0 - rounding), open)
                     : detail::band_range(-distance * (1.0 - rounding), distance * (1.0 - rounding), open);
      };
      const bool paced = t.min_pace || t.min_pace_relative;
      c.range = paced ? allowed_range{} : around_parity(ds, true);
      if (t.min_pace) {
        if (ratio) {
          const double m = std::fabs(gs - 1.0) - *t.min_pace * span;
          c.range = detail::intersect(c.range, detail::band_range(1.0 - m, 1.0 + m, t.strict));
        } else {
          c.range = detail::intersect(c.range, around_parity(ds - *t.min_pace * span, t.strict));
        }
      }
      if (t.min_pace_relative)
        c.range = detail::intersect(c.range, around_parity(ds * std::pow(1.0 - *t.min_pace_relative, span), t.strict));
      break;
    }
    case target_kind::relative: {
      c = level_years(t, f);
      const comparator cmp = t.compare.value_or(comparator::at_least);
      const double tol = t.tolerance.value_or(0.0);
      c.range = cmp == comparator::at_least  ? detail::floor_range(0.0, t.strict)
                : cmp == comparator::at_most ? detail::ceiling_range(0.0, t.strict)
                                             : detail::band_range(-tol, tol, t.strict);
      break;
    }
    case target_kind::ratio: {
      c = level_years(t, f);
      c.range = t.compare.value_or(comparator::at_least) == comparator::at_most ? detail::ceiling_range(v, t.strict)
                                                                                : detail::floor_range(v, t.strict);
      break;
    }
    case target_kind::full_coverage: {
      c = level_years(t, f);
      c.range = detail::floor_range(full_coverage_level(ind) - t.tolerance.value_or(0.0), t.strict);
      break;
    }
    default:
      return fail("kind " + std::string(to_string(t.kind)) + " is not a range condition");
  }
  c.deadline = c.years.back();
  return c;
}

/// One observation of an assessed series.
struct observed_point {
  int year = 0;
  double value = 0.0;
};

/// The value of a series in `year` from sorted points: the observation, else the straight line
/// between the observations on either side; nullopt outside the observed span.
inline std::optional<double> value_in_year(const std::vector<observed_point>& points, int year) {
  for (std::size_t i = 0; i < points.size(); ++i) {
    if (points[i].year == year) return points[i].value;
    if (points[i].year > year) {
      if (i == 0) return std::nullopt;
      const auto& a = points[i - 1];
      const auto& b = points[i];
      return a.value + (b.value - a.value) * static_cast<double>(year - a.year) / static_cast<double>(b.year - a.year);
    }
  }
  return std::nullopt;
}

/// A condition judged on observed data (sorted points up to the evaluation year).
struct observed_verdict {
  std::vector<int> judged;      ///< condition years with an observed (one-year kinds: or interpolated) value
  std::vector<int> failed;      ///< of those, the years outside the range
  std::vector<int> unobserved;  ///< window years within the data's span without an observation
  std::vector<int> future;      ///< condition years after the latest observation
  bool interpolated = false;    ///< a one-year condition judged between two observations
  /// Settled by the data: every condition year is judged (and none failed → met), or a year failed.
  bool decided() const noexcept { return !failed.empty() || future.empty(); }
  bool met() const noexcept { return failed.empty(); }
};

/// Judges a condition on observed points (sorted by year). A window's years without an
/// observation are not guessed: they are listed as unobserved and neither meet nor break it. A
/// one-year condition in a year between two observations is judged on the straight line between
/// them (the plan's own year may fall between two surveys).
inline observed_verdict judge_observed(const target_condition& c, const std::vector<observed_point>& points) {
  observed_verdict v;
  const int last = points.empty() ? std::numeric_limits<int>::min() : points.back().year;
  for (int year : c.years) {
    if (year > last) {
      v.future.push_back(year);
      continue;
    }
    std::optional<double> y;
    for (const auto& p : points)
      if (p.year == year) y = p.value;
    if (!y && !c.every_year) {
      y = value_in_year(points, year);
      v.interpolated = y.has_value();
    }
    if (!y) {
      v.unobserved.push_back(year);
      continue;
    }
    v.judged.push_back(year);
    if (!c.range.contains(*y)) v.failed.push_back(year);
  }
  return v;
}

/// increase_each_period on observed data: the value of each period is its latest observation
/// within the period; met when each period's value is above the previous one's.
struct period_values {
  std::vector<year_period> periods;
  std::vector<std::optional<observed_point>> values;  ///< per period: its latest observation, if any
};

inline period_values values_by_period(const std::vector<year_period>& periods, const std::vector<observed_point>& points) {
  period_values out;
  out.periods = periods;
  for (const auto& p : periods) {
    std::optional<observed_point> latest;
    for (const auto& o : points)
      if (o.year >= p.first && o.year <= p.last) latest = o;
    out.values.push_back(latest);
  }
  return out;
}

/// trend_slowing on observed data: OLS slopes over the latest `window` years up to `year` (recent)
/// and over the `window` years before them (earlier).
struct slope_windows {
  int recent_first = 0, recent_last = 0, earlier_first = 0, earlier_last = 0;
  std::optional<linear_fit> recent, earlier;  ///< absent with fewer than 2 points in the window
  /// Met: the recent slope is below the earlier one, or the series is falling or flat.
  bool met() const { return recent && earlier && (recent->slope < earlier->slope || recent->slope <= 0.0); }
};

inline slope_windows slopes_up_to(int year, int window, const std::vector<observed_point>& points) {
  slope_windows w;
  w.recent_last = year;
  w.recent_first = year - window + 1;
  w.earlier_last = w.recent_first - 1;
  w.earlier_first = w.earlier_last - window + 1;
  const auto fit = [&](int first, int last) -> std::optional<linear_fit> {
    std::vector<double> x, y;
    for (const auto& p : points)
      if (p.year >= first && p.year <= last) {
        x.push_back(p.year);
        y.push_back(p.value);
      }
    if (x.size() < 2) return std::nullopt;
    return fit_linear(x, y);
  };
  w.recent = fit(w.recent_first, w.recent_last);
  w.earlier = fit(w.earlier_first, w.earlier_last);
  return w;
}

/// milestone: met when the recorded status is achieved, by `year` when given (a status recorded
/// after `as_of` is not known at that evaluation). nullopt: no status known as of then.
inline std::optional<milestone_status> known_milestone_status(const target& t, int as_of) {
  if (!t.status) return std::nullopt;
  if (t.status_year && *t.status_year > as_of) return std::nullopt;
  return t.status;
}

}  // namespace ontrack::assess
