#pragma once
/// The plan model: a plan has domains, a domain has numbered goals, a goal has indicators with
/// targets; observations are kept as series next to them.

#include <algorithm>
#include <optional>
#include <stdexcept>
#include <string>
#include <tuple>
#include <vector>

#include <ontrack/error.hpp>
#include <ontrack/indicator.hpp>
#include <ontrack/series.hpp>
#include <ontrack/text.hpp>

namespace ontrack {

/// A numbered main goal (主要目标) of a domain.
struct goal {
  std::string id;
  int number = 0;
  localized_text text;
  std::vector<std::string> responsible_units;  ///< empty: the domain's units apply
  std::vector<indicator> indicators;

  friend bool operator==(const goal& a, const goal& b) {
    return std::tie(a.id, a.number, a.text, a.responsible_units, a.indicators) ==
           std::tie(b.id, b.number, b.text, b.responsible_units, b.indicators);
  }
  friend bool operator!=(const goal& a, const goal& b) { return !(a == b); }
};

/// One of the plan's areas, e.g. 妇女与健康.
struct domain {
  std::string id;
  int number = 0;
  localized_text name;
  std::vector<std::string> responsible_units;  ///< 责任单位
  std::vector<goal> goals;

  friend bool operator==(const domain& a, const domain& b) {
    return std::tie(a.id, a.number, a.name, a.responsible_units, a.goals) ==
           std::tie(b.id, b.number, b.name, b.responsible_units, b.goals);
  }
  friend bool operator!=(const domain& a, const domain& b) { return !(a == b); }
};

/// Years of history before the base year a plan accepts when it states no `history_start`.
inline constexpr int default_history_years = 15;

/// A development plan.
struct plan {
  std::string id;
  localized_text title;
  localized_text issuer;
  std::string reference;  ///< document number
  int period_start = 0;
  int period_end = 0;
  int base_year = 0;
  std::optional<int> midterm_year;
  std::optional<int> history_start;  ///< earliest year of history observations; see earliest_history_year
  /// The responsible units' names in each language (卫健委, District Health Commission). A
  /// domain or goal names a unit by its key, `name.in("zh")`; empty: units are shown by key.
  std::vector<localized_text> responsible_unit_names;
  std::vector<domain> domains;
  std::vector<ontrack::series> series;

  /// The earliest year an observation may have: `history_start`, or else
  /// `default_history_years` before the base year. Trends are fitted on these years of history.
  int earliest_history_year() const {
    return history_start.value_or(base_year - default_history_years);
  }

  /// Every indicator, in plan order.
  std::vector<const indicator*> indicators() const {
    std::vector<const indicator*> out;
    for (const auto& d : domains)
      for (const auto& g : d.goals)
        for (const auto& i : g.indicators) out.push_back(&i);
    return out;
  }

  /// The indicator with `id`. Throws std::out_of_range if the plan has none.
  const indicator& find_indicator(const std::string& id) const {
    for (const auto* i : indicators())
      if (i->id == id) return *i;
    throw std::out_of_range("plan '" + this->id + "' has no indicator '" + id + "'");
  }

  /// The goal that holds indicator `id`. Throws std::out_of_range if the plan has none.
  const goal& goal_of(const std::string& indicator_id) const {
    for (const auto& d : domains)
      for (const auto& g : d.goals)
        for (const auto& i : g.indicators)
          if (i.id == indicator_id) return g;
    throw std::out_of_range("plan '" + id + "' has no indicator '" + indicator_id + "'");
  }

  /// The responsible units of a goal: its own, or else its domain's.
  const std::vector<std::string>& responsible_units_of(const goal& g) const {
    if (!g.responsible_units.empty()) return g.responsible_units;
    for (const auto& d : domains)
      for (const auto& candidate : d.goals)
        if (&candidate == &g || candidate.id == g.id) return d.responsible_units;
    throw std::out_of_range("plan '" + id + "' has no goal '" + g.id + "'");
  }

  /// The units responsible for at least one indicator (a goal's own, else its domain's), once
  /// each, in plan order.
  std::vector<std::string> responsible_units() const {
    std::vector<std::string> out;
    for (const auto& d : domains)
      for (const auto& g : d.goals) {
        if (g.indicators.empty()) continue;
        for (const auto& u : g.responsible_units.empty() ? d.responsible_units : g.responsible_units)
          if (std::find(out.begin(), out.end(), u) == out.end()) out.push_back(u);
      }
    return out;
  }

  /// The indicators `unit` is responsible for (through its goal or its goal's domain), in plan order.
  std::vector<const indicator*> indicators_of_unit(const std::string& unit) const {
    std::vector<const indicator*> out;
    for (const auto& d : domains)
      for (const auto& g : d.goals) {
        const auto& units = g.responsible_units.empty() ? d.responsible_units : g.responsible_units;
        if (std::find(units.begin(), units.end(), unit) == units.end()) continue;
        for (const auto& i : g.indicators) out.push_back(&i);
      }
    return out;
  }

  /// The name of unit `key` in each language: its entry in responsible_unit_names, else the key
  /// itself as its Chinese name.
  localized_text unit_name(const std::string& key) const {
    for (const auto& n : responsible_unit_names)
      if (n.in("zh") == key) return n;
    return {key, ""};
  }

  /// The key of the unit called `name` in either language, e.g. for a command-line option
  /// written in English; nullopt when no unit of the plan has that name.
  std::optional<std::string> find_unit(const std::string& name) const {
    for (const auto& key : responsible_units()) {
      const localized_text n = unit_name(key);
      if (key == name || n.zh == name || n.en == name) return key;
    }
    return std::nullopt;
  }

  friend bool operator==(const plan& a, const plan& b) {
    return std::tie(a.id, a.title, a.issuer, a.reference, a.period_start, a.period_end,
                    a.base_year, a.midterm_year, a.history_start, a.responsible_unit_names,
                    a.domains, a.series) ==
           std::tie(b.id, b.title, b.issuer, b.reference, b.period_start, b.period_end,
                    b.base_year, b.midterm_year, b.history_start, b.responsible_unit_names,
                    b.domains, b.series);
  }
  friend bool operator!=(const plan& a, const plan& b) { return !(a == b); }
};

/// Checks every rule of docs/plan-format.md that is not about JSON syntax (years, bounds,
/// unique ids, references, required members per target kind).
/// Throws plan_error naming the JSON pointer of the first offending member.
void validate(const plan& p);

}  // namespace ontrack
