#pragma once
/// Common types of the published progress-assessment methods ("compatibility modes").
///
/// Every mode is a pure function of (series, target spec, parameters) that returns a
/// `method_result`: the mode's own label code next to the original label text, every number it
/// computed, the years it used, and — when the data do not allow an assessment — a stable reason
/// code instead of a NaN or an exception. Exceptions are kept for caller errors only (series of
/// different lengths, non-finite numbers, a direction that is not ±1, an unknown target type),
/// because a batch over hundreds of indicators must never abort on one indicator's data.
/// docs/methods.md documents each mode, its defaults and their evidence.

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <map>
#include <numeric>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <ontrack/assess/year_source.hpp>

namespace ontrack::assess {

/// What every mode is given: one series and its target, in the plan's own terms.
///
/// A mode reads only the members it needs; the rest are ignored (docs/methods.md lists them per
/// mode). Members left empty fall back to the mode's documented default (e.g. base year 2015 and
/// target year 2030 for the SDG modes, with the mode's own fallback when that year has no
/// value): the input's target spec always wins over a default, so a plan's own base and target
/// years are respected. Leave `base_year` empty to get the published method's answer.
struct method_input {
  std::vector<int> years;      ///< observation years, any order (sorted by the modes)
  std::vector<double> values;  ///< one finite value per year
  int direction = +1;          ///< +1 higher is better, −1 lower is better
  std::optional<double> target;     ///< target value (for a band: its centre)
  std::optional<int> target_year;   ///< year the target is due
  std::optional<int> base_year;     ///< the plan's (or the caller's) base year
  year_source base_year_source = year_source::caller;  ///< who gave `base_year`, when it is set
  std::optional<int> as_of;         ///< evaluation year: observations after it are ignored
  std::optional<double> lower_bound;  ///< natural lower bound / limit (e.g. 0)
  std::optional<double> upper_bound;  ///< natural upper bound / limit (e.g. 100 for a percentage)
  /// The target's kind: "floor", "ceiling", "band", "direction", "level", or one of the plan's
  /// target kinds (at_least, at_most, maintain_at_least, maintain_at_most, about, increase,
  /// decrease, full_coverage, …); empty = inferred from `direction` (see docs/methods.md).
  std::string target_type;
  std::optional<double> band_width;  ///< half-width w of a band target (|y − X| ≤ w)
};

/// A second classification a mode reports next to its main one (UNSD current level, ESCAP API
/// next to CSI, Eustat's config code, …).
struct secondary_label {
  std::string label;       ///< stable snake_case code
  std::string label_text;  ///< the original text

  friend bool operator==(const secondary_label& a, const secondary_label& b) {
    return a.label == b.label && a.label_text == b.label_text;
  }
};

/// The outcome of one mode on one series, or of a mode's aggregation of several outcomes (an
/// aggregate is a `method_result` too, so aggregation levels nest: series → indicator → goal).
struct method_result {
  std::string method;      ///< mode id, e.g. "opensdg"
  std::string version;     ///< which published edition / code revision the mode reproduces
  std::string variant;     ///< sub-method used, e.g. "method_2", "CAGRR", "family_1"
  std::string label;       ///< the mode's own stable snake_case code
  std::string label_text;  ///< the original label text
  /// Every number computed (base_year, base_value, latest_year, latest_value, cagr_actual,
  /// cagr_required, ratio, score, C, …). Only finite numbers are stored: what was not computed
  /// (or would be infinite) is absent, so a consumer never meets a NaN.
  std::map<std::string, double> components;
  /// Where the base year the mode started from came from (components["base_year"] is the
  /// observation it settled on): the plan, the caller, or the method's own default and fallback.
  year_source base_year_source = year_source::method_default;
  std::vector<int> years_used;  ///< the observations the label rests on
  /// Empty when assessed; otherwise a stable code (base_zero, sign_change, too_few_points,
  /// zero_span, base_equals_target, no_data_after_base, duplicate_year, no_method, …).
  std::string reason;
  /// A sentence: why not assessable (naming years and values), or the published reason sentence
  /// of the label where the method has one (Destatis).
  std::string message;
  std::map<std::string, secondary_label> other_labels;  ///< further classifications, by name
  std::vector<std::string> warnings;  ///< what the original would warn about (e.g. 0 → 0.001)

  /// True when the mode could classify the series (no reason was given).
  bool assessable() const noexcept { return reason.empty(); }
  /// A component, or nullopt when it was not computed.
  std::optional<double> component(std::string_view name) const {
    const auto it = components.find(std::string(name));
    if (it == components.end()) return std::nullopt;
    return it->second;
  }
  /// A component that must exist. Throws std::out_of_range naming it when it was not computed.
  double at(std::string_view name) const {
    const auto it = components.find(std::string(name));
    if (it == components.end())
      throw std::out_of_range(method + ": component '" + std::string(name) + "' was not computed");
    return it->second;
  }
};

/// Stable reason codes, shared by all modes (docs/methods.md says which mode gives which).
namespace reasons {
inline constexpr const char* no_data = "no_data";                        ///< no observation at all
inline constexpr const char* too_few_points = "too_few_points";          ///< fewer than the mode needs
inline constexpr const char* duplicate_year = "duplicate_year";          ///< two values for one year
inline constexpr const char* zero_span = "zero_span";                    ///< base year = latest year
inline constexpr const char* no_data_after_base = "no_data_after_base";  ///< nothing after the base
inline constexpr const char* base_zero = "base_zero";                    ///< a growth rate from 0
inline constexpr const char* sign_change = "sign_change";                ///< base and latest of opposite sign
inline constexpr const char* non_positive_value = "non_positive_value";  ///< a rate needs values > 0
inline constexpr const char* base_equals_target = "base_equals_target";  ///< required change is 0
inline constexpr const char* no_target = "no_target";                    ///< the mode needs a target value
inline constexpr const char* no_method = "no_method";                    ///< no methodology chosen
inline constexpr const char* missing_parameter = "missing_parameter";    ///< e.g. CAGRA limits, bounds
inline constexpr const char* target_year_not_after_base = "target_year_not_after_base";
inline constexpr const char* outside_domain = "outside_domain";          ///< e.g. logit of 0 or 100 %
inline constexpr const char* manual = "manual";                          ///< flagged for expert judgement
inline constexpr const char* unsupported_direction = "unsupported_direction";
inline constexpr const char* insufficient_coverage = "insufficient_coverage";  ///< aggregation rule
}  // namespace reasons

/// How a target compares, after reading `method_input::target_type`.
enum class target_form { floor, ceiling, band, direction, level };

/// The target's form and whether it must hold in every year (maintain_* kinds).
struct target_class {
  target_form form = target_form::floor;
  bool maintain = false;
  bool explicit_type = false;  ///< false when inferred from the direction
};

namespace detail {

inline std::string num(double v) {
  char buf[64];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}

inline std::string years_text(const std::vector<int>& years) {
  std::string s;
  for (std::size_t i = 0; i < years.size(); ++i) s += (i ? ", " : "") + std::to_string(years[i]);
  return s;
}

/// Throws std::invalid_argument for caller errors (not for data trouble).
inline void validate(const method_input& in, std::string_view method) {
  const std::string m(method);
  if (in.years.size() != in.values.size())
    throw std::invalid_argument(m + ": years has " + std::to_string(in.years.size()) +
                                " entries but values has " + std::to_string(in.values.size()) +
                                ": they must have the same length");
  for (std::size_t i = 0; i < in.values.size(); ++i)
    if (!std::isfinite(in.values[i]))
      throw std::invalid_argument(m + ": value for year " + std::to_string(in.years[i]) + " is " +
                                  num(in.values[i]) + ": values must be finite numbers");
  if (in.direction != 1 && in.direction != -1)
    throw std::invalid_argument(m + ": direction is " + std::to_string(in.direction) +
                                ": it must be +1 (higher is better) or -1 (lower is better)");
  const auto finite = [&](const std::optional<double>& v, const char* name) {
    if (v && !std::isfinite(*v))
      throw std::invalid_argument(m + ": " + name + " is " + num(*v) + ": it must be a finite number");
  };
  finite(in.target, "target");
  finite(in.lower_bound, "lower_bound");
  finite(in.upper_bound, "upper_bound");
  finite(in.band_width, "band_width");
  if (in.band_width && *in.band_width < 0)
    throw std::invalid_argument(m + ": band_width is " + num(*in.band_width) + ": it must be >= 0");
  if (in.lower_bound && in.upper_bound && *in.lower_bound > *in.upper_bound)
    throw std::invalid_argument(m + ": lower_bound " + num(*in.lower_bound) + " is above upper_bound " +
                                num(*in.upper_bound));
}

/// Reads `target_type`. Throws std::invalid_argument naming the accepted values.
inline target_class classify_target(const method_input& in, std::string_view method) {
  target_class c;
  const std::string& t = in.target_type;
  c.explicit_type = !t.empty();
  if (t.empty()) {
    c.form = in.target ? (in.direction > 0 ? target_form::floor : target_form::ceiling) : target_form::direction;
    c.explicit_type = false;
  } else if (t == "floor" || t == "at_least" || t == "reach_floor_by_year" || t == "full_coverage") {
    c.form = target_form::floor;
  } else if (t == "maintain_at_least" || t == "maintain_floor") {
    c.form = target_form::floor;
    c.maintain = true;
  } else if (t == "ceiling" || t == "at_most" || t == "reach_ceiling_by_year") {
    c.form = target_form::ceiling;
  } else if (t == "maintain_at_most" || t == "maintain_ceiling") {
    c.form = target_form::ceiling;
    c.maintain = true;
  } else if (t == "band" || t == "about") {
    c.form = target_form::band;
  } else if (t == "direction" || t == "increase" || t == "decrease" || t == "direction_increase" ||
             t == "direction_decrease" || t == "increase_each_period" || t == "per_term_increase") {
    c.form = target_form::direction;
  } else if (t == "level" || t == "reach_level_by_year") {
    c.form = target_form::level;
  } else {
    throw std::invalid_argument(
        std::string(method) + ": target_type '" + t +
        "' is not known; accepted: floor, ceiling, band, direction, level, at_least, at_most, "
        "maintain_at_least, maintain_at_most, about, increase, decrease, full_coverage, "
        "reach_floor_by_year, reach_ceiling_by_year, reach_level_by_year, maintain_floor, "
        "maintain_ceiling, direction_increase, direction_decrease, increase_each_period, "
        "per_term_increase (or empty)");
  }
  return c;
}

/// A series sorted by year and cut at `as_of`, or the reason it cannot be used.
struct prepared {
  std::vector<int> years;
  std::vector<double> values;
  std::string reason;
  std::string message;
  bool ok() const noexcept { return reason.empty(); }
  std::size_t size() const noexcept { return years.size(); }
  std::size_t last() const noexcept { return years.size() - 1; }
  /// Index of the observation in `year`, or size() when there is none.
  std::size_t find(int year) const noexcept {
    for (std::size_t i = 0; i < years.size(); ++i)
      if (years[i] == year) return i;
    return years.size();
  }
  /// Index of the first observation in a year ≥ `year`, or size().
  std::size_t first_from(int year) const noexcept {
    for (std::size_t i = 0; i < years.size(); ++i)
      if (years[i] >= year) return i;
    return years.size();
  }
  /// Index of the last observation in a year ≤ `year`, or size().
  std::size_t last_until(int year) const noexcept {
    std::size_t r = years.size();
    for (std::size_t i = 0; i < years.size(); ++i)
      if (years[i] <= year) r = i;
    return r;
  }
};

/// Validates (throws for caller errors), sorts by year, drops years after `as_of`; duplicate
/// years and an empty series are data trouble (reason duplicate_year / no_data).
inline prepared prepare(const method_input& in, std::string_view method) {
  validate(in, method);
  std::vector<std::size_t> order(in.years.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return in.years[a] < in.years[b]; });
  prepared p;
  for (std::size_t i : order) {
    if (in.as_of && in.years[i] > *in.as_of) continue;
    if (!p.years.empty() && p.years.back() == in.years[i]) {
      p.reason = reasons::duplicate_year;
      p.message = "year " + std::to_string(in.years[i]) + " has two values (" + num(p.values.back()) +
                  " and " + num(in.values[i]) + "): one value per year is needed";
      return p;
    }
    p.years.push_back(in.years[i]);
    p.values.push_back(in.values[i]);
  }
  if (p.years.empty()) {
    p.reason = reasons::no_data;
    p.message = in.as_of ? "no observation in or before " + std::to_string(*in.as_of) : "no observation";
  }
  return p;
}

/// The base year a mode starts from — the input's when given, else the mode's default — recorded
/// in `r.base_year_source`.
inline int base_year_of(method_result& r, const method_input& in, int method_default) noexcept {
  const sourced_year b = resolve_year(in.base_year, in.base_year_source, method_default);
  r.base_year_source = b.source;
  return b.year;
}

/// Stores a component only when it is finite (the "never NaN" rule).
inline void put(method_result& r, const std::string& name, double v) {
  if (std::isfinite(v)) r.components[name] = v;
}

/// Marks a result not assessable.
inline method_result& fail(method_result& r, std::string label, std::string label_text, std::string reason,
                           std::string message) {
  r.label = std::move(label);
  r.label_text = std::move(label_text);
  r.reason = std::move(reason);
  r.message = std::move(message);
  return r;
}

/// Sets the label (code and original text).
inline void set_label(method_result& r, std::string label, std::string label_text) {
  r.label = std::move(label);
  r.label_text = std::move(label_text);
}

inline std::string point_text(double v, int year) { return num(v) + " in " + std::to_string(year); }

/// Compound annual growth (v1/v0)^(1/span) − 1, or the reason it does not exist: base 0
/// (base_zero), values of opposite sign (sign_change), a negative value (non_positive_value),
/// span ≤ 0 (zero_span). A latest value of 0 gives −1 (a fall to zero), which is defined.
struct rate {
  double value = 0.0;
  std::string reason;
  std::string message;
  bool ok() const noexcept { return reason.empty(); }
};

inline rate cagr(double v0, int t0, double v1, int t1) {
  rate r;
  if (t1 - t0 <= 0) {
    r.reason = reasons::zero_span;
    r.message = "base year " + std::to_string(t0) + " is not before the latest year " + std::to_string(t1) +
                ": a growth rate needs two different years";
  } else if (v0 == 0.0) {
    r.reason = reasons::base_zero;
    r.message = "base value " + point_text(v0, t0) + ": a growth rate from zero does not exist";
  } else if ((v0 > 0 && v1 < 0) || (v0 < 0 && v1 > 0)) {
    r.reason = reasons::sign_change;
    r.message = "base value " + point_text(v0, t0) + " and value " + point_text(v1, t1) +
                " have opposite signs: a growth rate does not exist";
  } else if (v0 < 0 || v1 < 0) {
    r.reason = reasons::non_positive_value;
    r.message = "values " + point_text(v0, t0) + " and " + point_text(v1, t1) +
                ": a compound growth rate needs positive values";
  } else if (v1 == 0.0) {
    r.value = -1.0;
  } else {
    r.value = std::expm1(std::log(v1 / v0) / static_cast<double>(t1 - t0));
  }
  return r;
}

/// True when `y` meets target `x` in direction `d` (d·(y − x) ≥ 0).
inline bool meets_directional(double y, double x, int d) noexcept { return d > 0 ? y >= x : y <= x; }

/// How many results carry `label`.
inline std::size_t count_label(const std::vector<method_result>& rs, std::string_view label) {
  return static_cast<std::size_t>(
      std::count_if(rs.begin(), rs.end(), [&](const method_result& r) { return r.label == label; }));
}

}  // namespace detail
}  // namespace ontrack::assess
