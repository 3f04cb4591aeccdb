#pragma once
/// The rules an observation must follow to be accepted as a value of a plan's indicator. One
/// home for plan series, tidy tables, collection templates and the monitoring database
/// (docs/data.md § What a value must satisfy).

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <ontrack/plan.hpp>
#include <ontrack/series.hpp>

namespace ontrack {

/// One broken rule: the member it is about ("year", "value", "numerator" or "denominator"),
/// a stable code naming the rule (e.g. "value_below") and the parameters the reason quotes,
/// as shown (numbers as people write them). The reason, in Chinese or English, is `text`; it
/// leaves out the indicator and year (the caller names the place).
struct observation_problem {
  std::string member;
  std::string code;
  std::vector<std::pair<std::string, std::string>> params;

  /// The parameter `name`, or an empty string.
  const std::string& param(const std::string& name) const;
  /// The reason in `language` ("zh" or "en"; anything else is English).
  std::string text(const std::string& language = "en") const;

  friend bool operator==(const observation_problem& a, const observation_problem& b) {
    return a.member == b.member && a.code == b.code && a.params == b.params;
  }
};

/// Every rule `o` breaks as a value of indicator `ind` of plan `p`:
/// - the year lies from the earliest history year (`earliest` if given, else
///   plan::earliest_history_year) to the end of the plan's period;
/// - the value lies within the indicator's natural bounds;
/// - counts (numerator, denominator) are whole and not negative, a denominator is positive,
///   and for a proportion (an indicator whose bounds cap it at the whole, such as a percentage
///   within 0–100) the numerator is at most the denominator;
/// - a value given with both counts equals numerator / denominator in the indicator's unit,
///   within the rounding of the value's digits (12.5 stands for 12.45 to 12.55).
std::vector<observation_problem> observation_problems(const plan& p, const indicator& ind,
                                                      const observation& o,
                                                      std::optional<int> earliest = std::nullopt);

}  // namespace ontrack
