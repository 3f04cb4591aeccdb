#pragma once
/// Where a base year (or a target year) came from, and the rule that picks it: a year the plan
/// or the caller gives wins; without one, each method applies its own published default and
/// fallback (Open SDG, Eustat, UNSD, ESCAP, SDSN, INE: 2015; ontrack's own method: the first
/// year observed). docs/methods.md § Rules every mode follows.

#include <optional>
#include <string_view>

#include <ontrack/detail/enum_names.hpp>

namespace ontrack::assess {

/// The origin of a year a result rests on.
enum class year_source {
  plan,            ///< the plan's base year (an evaluation)
  caller,          ///< given with the call, or by the target itself (its start or due year)
  method_default,  ///< none was given: the method's own default applied
};

namespace detail {
inline constexpr ontrack::detail::name_table<year_source, 3> year_source_names{
    {{year_source::plan, "plan"}, {year_source::caller, "caller"}, {year_source::method_default, "method_default"}}};
}  // namespace detail

inline std::string_view to_string(year_source s) noexcept { return ontrack::detail::name_of(detail::year_source_names, s); }

/// A year and where it came from.
struct sourced_year {
  int year = 0;
  year_source source = year_source::method_default;
};

/// The rule: the given year (from `given_source`) wins; otherwise the method's default.
inline sourced_year resolve_year(std::optional<int> given, year_source given_source, int method_default) noexcept {
  if (given) return {*given, given_source};
  return {method_default, year_source::method_default};
}

}  // namespace ontrack::assess
