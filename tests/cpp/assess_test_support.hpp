// Shared set-up of the compatibility-mode tests: the inputs they assess, results to aggregate,
// and the neighbouring doubles that show which side of a cut-off is inclusive.
#pragma once

#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <ontrack/assess/method_result.hpp>

namespace ontrack::assess::testing {

/// Observations `values` in `years`; `direction` +1 when higher is better, −1 when lower is.
/// Without a due year the mode's own default target year applies.
inline method_input series(std::vector<int> years, std::vector<double> values, int direction = 1,
                           std::optional<double> target = std::nullopt) {
  method_input in;
  in.years = std::move(years);
  in.values = std::move(values);
  in.direction = direction;
  in.target = target;
  return in;
}

/// `in` with `target` due in `year`, of kind `type` (empty: inferred from the direction).
inline method_input with_target(method_input in, std::optional<double> target, std::optional<int> year = 2030,
                                std::string type = "") {
  in.target = target;
  in.target_year = year;
  in.target_type = std::move(type);
  return in;
}

/// A series whose input names 2030, the SDG deadline, as the target year (with or without a target).
inline method_input series_to_2030(std::vector<int> years, std::vector<double> values, int direction = 1,
                                   std::optional<double> target = std::nullopt) {
  return with_target(series(std::move(years), std::move(values), direction), target);
}

/// `in` with natural bounds, e.g. 0 and 100 for a percentage.
inline method_input with_bounds(method_input in, double lower, double upper) {
  in.lower_bound = lower;
  in.upper_bound = upper;
  return in;
}

/// A mode's default parameters with one member changed: params_with(&escap_params::parity, true).
template <class Params, class Member, class Value>
Params params_with(Member Params::*member, Value value) {
  Params p;
  p.*member = std::move(value);
  return p;
}

/// A result that carries only a label: input for the label-counting aggregations.
inline method_result labelled(const std::string& label) {
  method_result r;
  r.label = label;
  return r;
}

/// A result with a label and the one component an aggregation reads (a score, points).
inline method_result labelled(const std::string& label, const std::string& component, double value) {
  method_result r = labelled(label);
  r.components[component] = value;
  return r;
}

/// The next double above, below and toward zero: a cut-off set there falls just past the value.
inline double up(double x) { return std::nextafter(x, std::numeric_limits<double>::infinity()); }
inline double down(double x) { return std::nextafter(x, -std::numeric_limits<double>::infinity()); }
inline double toward_zero(double x) { return std::nextafter(x, 0.0); }

inline bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace ontrack::assess::testing
