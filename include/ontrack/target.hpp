#pragma once
/// Targets: what a plan says an indicator must do. Each kind's exact meaning is in docs/targets.md.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include <ontrack/detail/enum_names.hpp>
#include <ontrack/text.hpp>

namespace ontrack {

/// The kinds of target a plan's wording needs (see docs/targets.md for each meaning).
enum class target_kind {
  at_least,              ///< ≥ value by a year (达到…以上)
  at_most,               ///< ≤ value by a year (下降到…以下)
  maintain_at_least,     ///< ≥ value in every year of a window (保持在…以上)
  maintain_at_most,      ///< ≤ value in every year of a window (控制在…以下)
  about,                 ///< within a tolerance band around value (…左右)
  increase,              ///< rising, optionally at a minimum pace (逐步提高, 明显提高)
  decrease,              ///< falling, optionally at a minimum pace (持续减少, 明显降低)
  increase_each_period,  ///< higher in each period than in the previous one (逐届提高)
  gap_narrowing,         ///< the gap between two series shrinks (差距缩小)
  relative,              ///< compared with another indicator (不低于…比例, 与…相适应)
  trend_slowing,         ///< a rising trend slows down (上升趋势减缓)
  ratio,                 ///< a ratio of two quantities against a value (不低于 1:3)
  full_coverage,         ///< 100 % (全覆盖)
  milestone,             ///< a qualitative goal with a recorded status (建成…)
};

/// How a `relative` or `ratio` target compares.
enum class comparator { at_least, at_most, about };

/// How the gap of a `gap_narrowing` target is measured.
enum class gap_measure { difference, ratio };

/// Recorded state of a `milestone` target.
enum class milestone_status { not_started, in_progress, achieved, abandoned };

namespace detail {
inline constexpr name_table<target_kind, 14> target_kind_names{{
    {target_kind::at_least, "at_least"},
    {target_kind::at_most, "at_most"},
    {target_kind::maintain_at_least, "maintain_at_least"},
    {target_kind::maintain_at_most, "maintain_at_most"},
    {target_kind::about, "about"},
    {target_kind::increase, "increase"},
    {target_kind::decrease, "decrease"},
    {target_kind::increase_each_period, "increase_each_period"},
    {target_kind::gap_narrowing, "gap_narrowing"},
    {target_kind::relative, "relative"},
    {target_kind::trend_slowing, "trend_slowing"},
    {target_kind::ratio, "ratio"},
    {target_kind::full_coverage, "full_coverage"},
    {target_kind::milestone, "milestone"},
}};
inline constexpr name_table<comparator, 3> comparator_names{{
    {comparator::at_least, "at_least"},
    {comparator::at_most, "at_most"},
    {comparator::about, "about"},
}};
inline constexpr name_table<gap_measure, 2> gap_measure_names{{
    {gap_measure::difference, "difference"},
    {gap_measure::ratio, "ratio"},
}};
inline constexpr name_table<milestone_status, 4> milestone_status_names{{
    {milestone_status::not_started, "not_started"},
    {milestone_status::in_progress, "in_progress"},
    {milestone_status::achieved, "achieved"},
    {milestone_status::abandoned, "abandoned"},
}};
}  // namespace detail

inline std::string_view to_string(target_kind k) noexcept {
  return detail::name_of(detail::target_kind_names, k);
}
inline std::string_view to_string(comparator c) noexcept {
  return detail::name_of(detail::comparator_names, c);
}
inline std::string_view to_string(gap_measure m) noexcept {
  return detail::name_of(detail::gap_measure_names, m);
}
inline std::string_view to_string(milestone_status s) noexcept {
  return detail::name_of(detail::milestone_status_names, s);
}

/// One series of a plan: an indicator, optionally one disaggregation of it (e.g. sex=female).
struct series_ref {
  std::string indicator;
  std::map<std::string, std::string> disaggregation;

  friend bool operator==(const series_ref& a, const series_ref& b) {
    return std::tie(a.indicator, a.disaggregation) == std::tie(b.indicator, b.disaggregation);
  }
  friend bool operator!=(const series_ref& a, const series_ref& b) { return !(a == b); }
};

/// A closed range of years, e.g. a congress term.
struct year_period {
  int first = 0;
  int last = 0;

  friend bool operator==(const year_period& a, const year_period& b) {
    return std::tie(a.first, a.last) == std::tie(b.first, b.last);
  }
  friend bool operator!=(const year_period& a, const year_period& b) { return !(a == b); }
};

/// A target. One flat record for every kind, because plan files and bindings stay simple that
/// way; which members a kind requires is checked by `validate` (docs/plan-format.md lists them).
struct target {
  target_kind kind = target_kind::at_least;
  std::optional<double> value;
  std::optional<int> year;   ///< the year a level is due
  std::optional<int> start;  ///< first year of a window
  std::optional<int> end;    ///< last year of a window
  bool strict = false;       ///< > or < instead of ≥ or ≤
  std::optional<double> tolerance;        ///< symmetric band half-width (about, relative)
  std::optional<double> tolerance_below;  ///< asymmetric band (about)
  std::optional<double> tolerance_above;
  std::optional<double> min_pace;           ///< minimum change per year, in indicator units
  std::optional<double> min_pace_relative;  ///< minimum relative change per year (0.02 = 2 %)
  std::vector<year_period> periods;         ///< increase_each_period
  std::vector<series_ref> between;          ///< gap_narrowing: the two series
  gap_measure measure = gap_measure::difference;
  std::optional<series_ref> reference;      ///< relative: the series compared with
  std::optional<series_ref> numerator;      ///< ratio
  std::optional<series_ref> denominator;    ///< ratio
  std::optional<comparator> compare;        ///< relative, ratio
  std::optional<int> window;                ///< trend_slowing: years per slope window
  localized_text description;               ///< milestone
  std::optional<milestone_status> status;   ///< milestone
  std::optional<int> status_year;           ///< milestone
  bool interim = false;                     ///< an interim target, e.g. the mid-term one
  std::string text;                         ///< the plan's wording
  std::string note;                         ///< how the wording was encoded

  /// The year by which the target is judged: `year`, else `end`, else `fallback` (the plan's end).
  int deadline(int fallback) const noexcept { return year ? *year : (end ? *end : fallback); }

  friend bool operator==(const target& a, const target& b) {
    return std::tie(a.kind, a.value, a.year, a.start, a.end, a.strict, a.tolerance,
                    a.tolerance_below, a.tolerance_above, a.min_pace, a.min_pace_relative,
                    a.periods, a.between, a.measure, a.reference, a.numerator, a.denominator,
                    a.compare, a.window, a.description, a.status, a.status_year, a.interim,
                    a.text, a.note) ==
           std::tie(b.kind, b.value, b.year, b.start, b.end, b.strict, b.tolerance,
                    b.tolerance_below, b.tolerance_above, b.min_pace, b.min_pace_relative,
                    b.periods, b.between, b.measure, b.reference, b.numerator, b.denominator,
                    b.compare, b.window, b.description, b.status, b.status_year, b.interim,
                    b.text, b.note);
  }
  friend bool operator!=(const target& a, const target& b) { return !(a == b); }
};

}  // namespace ontrack
