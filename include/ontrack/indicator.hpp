#pragma once
/// Indicators: what is measured, in which unit, which way is better, and its targets.

#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include <ontrack/detail/enum_names.hpp>
#include <ontrack/target.hpp>
#include <ontrack/text.hpp>

namespace ontrack {

/// The measurement scale; it sets default natural bounds and how values are shown.
enum class scale {
  percent,
  per_1000,
  per_10000,
  per_100000,
  ratio,
  count,
  years,
  index,
  currency,
  binary,
};

/// Which way is better.
enum class direction { increase, decrease, none };

namespace detail {
inline constexpr name_table<scale, 10> scale_names{{
    {scale::percent, "percent"},
    {scale::per_1000, "per_1000"},
    {scale::per_10000, "per_10000"},
    {scale::per_100000, "per_100000"},
    {scale::ratio, "ratio"},
    {scale::count, "count"},
    {scale::years, "years"},
    {scale::index, "index"},
    {scale::currency, "currency"},
    {scale::binary, "binary"},
}};
inline constexpr name_table<direction, 3> direction_names{{
    {direction::increase, "increase"},
    {direction::decrease, "decrease"},
    {direction::none, "none"},
}};
}  // namespace detail

inline std::string_view to_string(scale s) noexcept { return detail::name_of(detail::scale_names, s); }
inline std::string_view to_string(direction d) noexcept {
  return detail::name_of(detail::direction_names, d);
}

/// Natural bounds of a value; an open side is ±infinity.
struct value_bounds {
  double lower = -std::numeric_limits<double>::infinity();
  double upper = std::numeric_limits<double>::infinity();

  bool contains(double v) const noexcept { return v >= lower && v <= upper; }

  /// The bounds a scale implies when a plan states none: [0, 100] for percentages, [0, 1] for
  /// binary, [0, ∞) for counts, rates and years, unbounded otherwise.
  static value_bounds for_scale(scale s) noexcept {
    constexpr double inf = std::numeric_limits<double>::infinity();
    switch (s) {
      case scale::percent: return {0.0, 100.0};
      case scale::binary: return {0.0, 1.0};
      case scale::count:
      case scale::per_1000:
      case scale::per_10000:
      case scale::per_100000:
      case scale::years: return {0.0, inf};
      default: return {-inf, inf};
    }
  }

  friend bool operator==(const value_bounds& a, const value_bounds& b) {
    return std::tie(a.lower, a.upper) == std::tie(b.lower, b.upper);
  }
  friend bool operator!=(const value_bounds& a, const value_bounds& b) { return !(a == b); }
};

/// The counts a rate is collected with: what its numerator and denominator count (maternal
/// deaths and live births). At district scale the counts, not the rate, carry the information.
struct count_names {
  localized_text numerator;
  localized_text denominator;

  friend bool operator==(const count_names& a, const count_names& b) {
    return std::tie(a.numerator, a.denominator) == std::tie(b.numerator, b.denominator);
  }
  friend bool operator!=(const count_names& a, const count_names& b) { return !(a == b); }
};

/// An indicator of a plan.
struct indicator {
  std::string id;
  localized_text name;
  std::string unit;  ///< display unit, e.g. "%" or "per 100,000 live births" (English when unit_text has it)
  /// The unit in each language (每10万活产, per 100,000 live births); empty when the plan gives one
  /// string for both.
  localized_text unit_text;
  ontrack::scale scale = scale::percent;
  ontrack::direction direction = direction::increase;
  value_bounds bounds = value_bounds::for_scale(scale::percent);
  std::vector<std::string> disaggregations;  ///< e.g. "sex", "area"
  localized_text definition;
  std::optional<count_names> counts;  ///< collected with its counts (templates ask for both)
  std::vector<target> targets;

  friend bool operator==(const indicator& a, const indicator& b) {
    return std::tie(a.id, a.name, a.unit, a.unit_text, a.scale, a.direction, a.bounds,
                    a.disaggregations, a.definition, a.counts, a.targets) ==
           std::tie(b.id, b.name, b.unit, b.unit_text, b.scale, b.direction, b.bounds,
                    b.disaggregations, b.definition, b.counts, b.targets);
  }
  friend bool operator!=(const indicator& a, const indicator& b) { return !(a == b); }
};

}  // namespace ontrack
