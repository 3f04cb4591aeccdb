// Semantic rules of the plan format (docs/plan-format.md), checked on plans from files and on
// plans built in memory alike. JSON pointers are built from indices: the file layout mirrors
// the structs, so a pointer found here is also the place in the file.

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <optional>
#include <initializer_list>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <ontrack/assess/target_meaning.hpp>
#include <ontrack/error.hpp>
#include <ontrack/observation_rules.hpp>
#include <ontrack/plan.hpp>
#include <ontrack/text.hpp>
#include <ontrack/years.hpp>

namespace ontrack {
namespace {

[[noreturn]] void fail(const std::string& pointer, const std::string& rule) {
  throw plan_error("", pointer, rule);
}

std::string number(double v) {
  std::string s = std::to_string(v);
  s.erase(s.find_last_not_of('0') + 1);
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

bool is_identifier(const std::string& id, std::string_view extra) {
  if (id.empty()) return false;
  return std::all_of(id.begin(), id.end(), [&](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
           extra.find(c) != std::string_view::npos;
  });
}

// Text is shown in terminals, spreadsheets and reports: characters that would act there
// instead of being read are refused where they come in.
void check_text(const std::string& text, const std::string& pointer) {
  if (const auto c = first_hostile_code_point(text))
    fail(pointer, "contains the control character " + code_point_name(*c) +
                      ": plan text may hold tabs and line breaks, but no other control "
                      "characters or bidirectional overrides");
}

void check_text(const localized_text& text, const std::string& pointer) {
  check_text(text.zh, pointer + "/zh");
  check_text(text.en, pointer + "/en");
}

void check_texts(const std::vector<std::string>& texts, const std::string& pointer) {
  for (std::size_t k = 0; k < texts.size(); ++k) check_text(texts[k], pointer + "/" + std::to_string(k));
}

void check_text(const std::map<std::string, std::string>& disaggregation, const std::string& pointer) {
  for (const auto& [key, value] : disaggregation) {
    check_text(key, pointer);
    check_text(value, pointer + "/" + key);
  }
}

void check_plausible(int year, const std::string& pointer) {
  if (!is_plausible_year(year))
    fail(pointer, "year " + std::to_string(year) + " is out of range: " + year_range_rule());
}

void check_plausible(const std::optional<int>& year, const std::string& pointer) {
  if (year) check_plausible(*year, pointer);
}

// Target members by their names in the file, so rules and messages speak the file's language.
enum class member {
  value, year, start, end, strict, tolerance, tolerance_below, tolerance_above, min_pace,
  min_pace_relative, periods, between, measure, reference, numerator, denominator, comparator,
  window, description, status, status_year
};

constexpr std::pair<member, std::string_view> member_names[] = {
    {member::value, "value"}, {member::year, "year"}, {member::start, "start"},
    {member::end, "end"}, {member::strict, "strict"}, {member::tolerance, "tolerance"},
    {member::tolerance_below, "tolerance_below"}, {member::tolerance_above, "tolerance_above"},
    {member::min_pace, "min_pace"}, {member::min_pace_relative, "min_pace_relative"},
    {member::periods, "periods"}, {member::between, "between"}, {member::measure, "measure"},
    {member::reference, "reference"}, {member::numerator, "numerator"},
    {member::denominator, "denominator"}, {member::comparator, "comparator"},
    {member::window, "window"}, {member::description, "description"},
    {member::status, "status"}, {member::status_year, "status_year"},
};

std::string_view name_of(member m) {
  for (const auto& [candidate, name] : member_names)
    if (candidate == m) return name;
  return "?";
}

bool present(const target& t, member m) {
  switch (m) {
    case member::value: return t.value.has_value();
    case member::year: return t.year.has_value();
    case member::start: return t.start.has_value();
    case member::end: return t.end.has_value();
    case member::strict: return t.strict;
    case member::tolerance: return t.tolerance.has_value();
    case member::tolerance_below: return t.tolerance_below.has_value();
    case member::tolerance_above: return t.tolerance_above.has_value();
    case member::min_pace: return t.min_pace.has_value();
    case member::min_pace_relative: return t.min_pace_relative.has_value();
    case member::periods: return !t.periods.empty();
    case member::between: return !t.between.empty();
    case member::measure: return t.measure != gap_measure::difference;
    case member::reference: return t.reference.has_value();
    case member::numerator: return t.numerator.has_value();
    case member::denominator: return t.denominator.has_value();
    case member::comparator: return t.compare.has_value();
    case member::window: return t.window.has_value();
    case member::description: return !t.description.empty();
    case member::status: return t.status.has_value();
    case member::status_year: return t.status_year.has_value();
  }
  return false;
}

// Which members a kind may have; the required ones are checked separately below.
std::vector<member> allowed_members(target_kind kind) {
  using m = member;
  switch (kind) {
    case target_kind::at_least:
    case target_kind::at_most: return {m::value, m::year, m::strict};
    case target_kind::maintain_at_least:
    case target_kind::maintain_at_most: return {m::value, m::start, m::end, m::strict};
    case target_kind::about:
      return {m::value, m::tolerance, m::tolerance_below, m::tolerance_above, m::year, m::start,
              m::end};
    case target_kind::increase:
    case target_kind::decrease: return {m::min_pace, m::min_pace_relative, m::start, m::end};
    case target_kind::increase_each_period: return {m::periods};
    case target_kind::gap_narrowing:
      return {m::between, m::measure, m::min_pace, m::min_pace_relative, m::start, m::end};
    case target_kind::relative:
      return {m::reference, m::comparator, m::tolerance, m::year, m::start, m::end};
    case target_kind::trend_slowing: return {m::window, m::start, m::end};
    case target_kind::ratio:
      return {m::comparator, m::value, m::numerator, m::denominator, m::year, m::start, m::end};
    case target_kind::full_coverage: return {m::tolerance, m::year, m::start, m::end};
    case target_kind::milestone: return {m::description, m::year, m::status, m::status_year};
  }
  return {};
}

class validator {
 public:
  explicit validator(const plan& p) : plan_(p) {}

  void run() {
    check_header();
    collect_indicators();
    collect_unit_names();
    for (std::size_t d = 0; d < plan_.domains.size(); ++d) check_domain(d);
    check_series();
  }

 private:
  void check_header() {
    if (!is_identifier(plan_.id, ".-")) fail("/id", "plan id '" + plan_.id + "' must match [a-z0-9_.-]+");
    if (plan_.title.empty()) fail("/title", "a plan needs a title in zh or en");
    check_text(plan_.title, "/title");
    check_text(plan_.issuer, "/issuer");
    check_text(plan_.reference, "/reference");
    check_plausible(plan_.period_start, "/period/start");
    check_plausible(plan_.period_end, "/period/end");
    check_plausible(plan_.base_year, "/base_year");
    check_plausible(plan_.midterm_year, "/midterm_year");
    if (plan_.period_start > plan_.period_end)
      fail("/period", "period start " + std::to_string(plan_.period_start) + " is after its end " +
                          std::to_string(plan_.period_end));
    if (plan_.base_year > plan_.period_start)
      fail("/base_year", "base year " + std::to_string(plan_.base_year) +
                             " is after the period start " + std::to_string(plan_.period_start));
    if (plan_.midterm_year &&
        (*plan_.midterm_year < plan_.period_start || *plan_.midterm_year > plan_.period_end))
      fail("/midterm_year", "mid-term year " + std::to_string(*plan_.midterm_year) +
                                " is outside the period " + std::to_string(plan_.period_start) +
                                "–" + std::to_string(plan_.period_end));
    if (plan_.history_start && *plan_.history_start > plan_.base_year)
      fail("/history_start", "history start " + std::to_string(*plan_.history_start) +
                                 " is after the base year " + std::to_string(plan_.base_year));
  }

  void collect_indicators() {
    std::set<std::string> domain_ids, goal_ids;
    for (std::size_t d = 0; d < plan_.domains.size(); ++d) {
      const auto& dom = plan_.domains[d];
      const std::string dp = "/domains/" + std::to_string(d);
      if (!domain_ids.insert(dom.id).second) fail(dp + "/id", "duplicate domain id '" + dom.id + "'");
      for (std::size_t g = 0; g < dom.goals.size(); ++g) {
        const auto& gl = dom.goals[g];
        const std::string gp = dp + "/goals/" + std::to_string(g);
        if (!goal_ids.insert(gl.id).second) fail(gp + "/id", "duplicate goal id '" + gl.id + "'");
        for (std::size_t i = 0; i < gl.indicators.size(); ++i) {
          const auto& ind = gl.indicators[i];
          const std::string ip = gp + "/indicators/" + std::to_string(i);
          if (!is_identifier(ind.id, ""))
            fail(ip + "/id", "indicator id '" + ind.id + "' must match [a-z0-9_]+");
          if (!indicator_ids_.insert(ind.id).second)
            fail(ip + "/id", "duplicate indicator id '" + ind.id + "'");
        }
      }
    }
  }

  // The plan's list of unit names, when it has one, is the list of units: a domain or goal
  // naming a unit outside it is a typo that would split one unit's summary in two.
  void collect_unit_names() {
    for (std::size_t k = 0; k < plan_.responsible_unit_names.size(); ++k) {
      const auto& name = plan_.responsible_unit_names[k];
      const std::string up = "/responsible_units/" + std::to_string(k);
      check_text(name, up);
      if (!unit_keys_.insert(name.in("zh")).second)
        fail(up, "responsible unit '" + name.in("zh") + "' is listed twice");
    }
  }

  void check_units(const std::vector<std::string>& units, const std::string& pointer) {
    check_texts(units, pointer);
    if (unit_keys_.empty()) return;
    for (std::size_t k = 0; k < units.size(); ++k)
      if (!unit_keys_.count(units[k]))
        fail(pointer + "/" + std::to_string(k),
             "responsible unit '" + units[k] +
                 "' is not in the plan's list of responsible units (/responsible_units): name a "
                 "listed unit by its Chinese name, or add it to the list");
  }

  void check_domain(std::size_t d) {
    const auto& dom = plan_.domains[d];
    const std::string dp = "/domains/" + std::to_string(d);
    if (dom.id.empty()) fail(dp + "/id", "a domain needs an id");
    if (dom.name.empty()) fail(dp + "/name", "domain '" + dom.id + "' needs a name in zh or en");
    check_text(dom.id, dp + "/id");
    check_text(dom.name, dp + "/name");
    check_units(dom.responsible_units, dp + "/responsible_units");
    for (std::size_t g = 0; g < dom.goals.size(); ++g) {
      const auto& gl = dom.goals[g];
      const std::string gp = dp + "/goals/" + std::to_string(g);
      if (gl.id.empty()) fail(gp + "/id", "a goal needs an id");
      if (gl.text.empty()) fail(gp + "/text", "goal '" + gl.id + "' needs its text in zh or en");
      check_text(gl.id, gp + "/id");
      check_text(gl.text, gp + "/text");
      check_units(gl.responsible_units, gp + "/responsible_units");
      for (std::size_t i = 0; i < gl.indicators.size(); ++i)
        check_indicator(gl.indicators[i], gp + "/indicators/" + std::to_string(i));
    }
  }

  void check_indicator(const indicator& ind, const std::string& ip) {
    if (ind.name.empty()) fail(ip + "/name", "indicator '" + ind.id + "' needs a name in zh or en");
    check_text(ind.name, ip + "/name");
    check_text(ind.unit, ip + "/unit");
    check_text(ind.definition, ip + "/definition");
    check_texts(ind.disaggregations, ip + "/disaggregations");
    if (std::isnan(ind.bounds.lower) || std::isnan(ind.bounds.upper) ||
        !(ind.bounds.lower < ind.bounds.upper))
      fail(ip + "/bounds", "indicator '" + ind.id + "': lower bound must be below upper bound");
    for (std::size_t t = 0; t < ind.targets.size(); ++t)
      check_target(ind, ind.targets[t], ip + "/targets/" + std::to_string(t));
  }

  void check_year(const std::optional<int>& year, const std::string& pointer,
                  const indicator& ind) const {
    check_plausible(year, pointer);
    if (year && *year < plan_.base_year)
      fail(pointer, "indicator '" + ind.id + "': target year " + std::to_string(*year) +
                        " is before the base year " + std::to_string(plan_.base_year));
  }

  static void check_non_negative(const std::optional<double>& v, const std::string& pointer,
                                 const std::string& what) {
    if (v && !(std::isfinite(*v) && *v >= 0))
      fail(pointer, what + " must be a finite number ≥ 0, not " + number(*v));
  }

  void check_ref(const series_ref& ref, const std::string& pointer) const {
    if (!indicator_ids_.count(ref.indicator))
      fail(pointer + "/indicator", "names unknown indicator '" + ref.indicator + "'");
  }

  void check_target(const indicator& ind, const target& t, const std::string& tp) const {
    const std::string who = "indicator '" + ind.id + "': " + std::string(to_string(t.kind)) +
                            " target";
    // Members that do not belong to the kind are mistakes, not decoration.
    const auto allowed = allowed_members(t.kind);
    for (const auto& [m, name] : member_names)
      if (present(t, m) && std::find(allowed.begin(), allowed.end(), m) == allowed.end())
        fail(tp + "/" + std::string(name),
             who + " does not take '" + std::string(name) + "'");

    auto require = [&](member m) {
      if (!present(t, m)) fail(tp + "/" + std::string(name_of(m)),
                               who + " requires '" + std::string(name_of(m)) + "'");
    };
    auto require_year_or_window = [&] {
      if (!t.year && !(t.start && t.end))
        fail(tp + "/year", who + " requires 'year' or both 'start' and 'end'");
    };

    switch (t.kind) {
      case target_kind::at_least:
      case target_kind::at_most: require(member::value); require(member::year); break;
      case target_kind::maintain_at_least:
      case target_kind::maintain_at_most:
        require(member::value); require(member::start); require(member::end); break;
      case target_kind::about:
        require(member::value);
        require_year_or_window();
        if (t.tolerance && (t.tolerance_below || t.tolerance_above))
          fail(tp + "/tolerance", who + " takes 'tolerance' or 'tolerance_below'/'tolerance_above', not both");
        if (!t.tolerance && !(t.tolerance_below && t.tolerance_above))
          fail(tp + "/tolerance", who + " requires 'tolerance' (or 'tolerance_below' and 'tolerance_above')");
        break;
      case target_kind::increase_each_period: require(member::periods); break;
      case target_kind::gap_narrowing: require(member::between); break;
      case target_kind::relative:
        require(member::reference); require(member::comparator); require_year_or_window(); break;
      case target_kind::ratio:
        require(member::comparator); require(member::value); require_year_or_window();
        if (t.compare == comparator::about)
          fail(tp + "/comparator", who + " compares 'at_least' or 'at_most'");
        break;
      case target_kind::milestone: require(member::description); break;
      default: break;
    }

    check_year(t.year, tp + "/year", ind);
    check_year(t.start, tp + "/start", ind);
    check_year(t.end, tp + "/end", ind);
    if (t.start && t.end && *t.start > *t.end)
      fail(tp + "/start", who + ": start " + std::to_string(*t.start) + " is after end " +
                              std::to_string(*t.end));
    check_plausible(t.status_year, tp + "/status_year");
    check_text(t.description, tp + "/description");
    check_text(t.text, tp + "/text");
    check_text(t.note, tp + "/note");
    for (std::size_t k = 0; k < t.between.size(); ++k)
      check_text(t.between[k].disaggregation, tp + "/between/" + std::to_string(k) + "/disaggregation");
    for (const auto* ref : {&t.reference, &t.numerator, &t.denominator})
      if (*ref) check_text((*ref)->disaggregation, tp + "/disaggregation");
    if (t.status_year && *t.status_year < plan_.base_year)
      fail(tp + "/status_year", who + ": status year " + std::to_string(*t.status_year) +
                                    " is before the base year " + std::to_string(plan_.base_year));

    if (t.value) {
      if (!std::isfinite(*t.value))
        fail(tp + "/value", who + ": value must be a finite number");
      const bool in_indicator_units = t.kind != target_kind::ratio || (!t.numerator && !t.denominator);
      if (in_indicator_units && !ind.bounds.contains(*t.value))
        fail(tp + "/value", who + ": " + std::string(to_string(ind.scale)) + " value " +
                                number(*t.value) + " is outside [" + number(ind.bounds.lower) +
                                ", " + number(ind.bounds.upper) + "]");
    }
    check_non_negative(t.tolerance, tp + "/tolerance", who + ": tolerance");
    check_non_negative(t.tolerance_below, tp + "/tolerance_below", who + ": tolerance_below");
    check_non_negative(t.tolerance_above, tp + "/tolerance_above", who + ": tolerance_above");
    check_non_negative(t.min_pace, tp + "/min_pace", who + ": min_pace");
    check_non_negative(t.min_pace_relative, tp + "/min_pace_relative", who + ": min_pace_relative");
    if (t.window)
      if (const std::string problem = assess::trend_window_problem(*t.window); !problem.empty())
        fail(tp + "/window", who + ": " + problem);

    if (t.kind == target_kind::increase_each_period) {
      if (t.periods.size() < 2)
        fail(tp + "/periods", who + " needs at least two periods to compare");
      for (std::size_t k = 0; k < t.periods.size(); ++k) {
        const std::string pp = tp + "/periods/" + std::to_string(k);
        const auto& per = t.periods[k];
        check_plausible(per.first, pp + "/0");
        check_plausible(per.last, pp + "/1");
        if (per.first > per.last)
          fail(pp, who + ": period " + std::to_string(per.first) + "–" + std::to_string(per.last) +
                       " ends before it starts");
        if (per.first < plan_.base_year)
          fail(pp, who + ": period starting " + std::to_string(per.first) +
                       " is before the base year " + std::to_string(plan_.base_year));
        if (k > 0 && per.first <= t.periods[k - 1].last)
          fail(pp, who + ": periods must be in time order without overlap");
      }
    }
    if (t.kind == target_kind::gap_narrowing) {
      if (t.between.size() != 2) fail(tp + "/between", who + " needs exactly two series");
      for (std::size_t k = 0; k < 2; ++k) check_ref(t.between[k], tp + "/between/" + std::to_string(k));
    }
    if (t.reference) check_ref(*t.reference, tp + "/reference");
    if (t.numerator) check_ref(*t.numerator, tp + "/numerator");
    if (t.denominator) check_ref(*t.denominator, tp + "/denominator");
    if (t.compare == comparator::about && t.kind == target_kind::relative && !t.tolerance)
      fail(tp + "/tolerance", who + " comparing 'about' requires 'tolerance'");
  }

  void check_series() {
    std::set<std::pair<std::string, std::map<std::string, std::string>>> seen;
    for (std::size_t s = 0; s < plan_.series.size(); ++s) {
      const auto& ser = plan_.series[s];
      const std::string sp = "/series/" + std::to_string(s);
      if (!indicator_ids_.count(ser.indicator))
        fail(sp + "/indicator", "series names unknown indicator '" + ser.indicator + "'");
      check_text(ser.disaggregation, sp + "/disaggregation");
      if (!seen.insert({ser.indicator, ser.disaggregation}).second)
        fail(sp, "a second series for indicator '" + ser.indicator + "' with the same disaggregation");
      std::set<int> years;
      for (std::size_t o = 0; o < ser.observations.size(); ++o) {
        const auto& obs = ser.observations[o];
        const std::string op = sp + "/observations/" + std::to_string(o);
        check_plausible(obs.year, op + "/year");
        check_text(obs.source, op + "/source");
        check_text(obs.vintage, op + "/vintage");
        if (!years.insert(obs.year).second)
          fail(op + "/year", "series '" + ser.indicator + "': year " + std::to_string(obs.year) +
                                 " appears twice");
        const auto problems = observation_problems(plan_, plan_.find_indicator(ser.indicator), obs);
        if (!problems.empty())
          fail(op + "/" + problems.front().member,
               "series '" + ser.indicator + "', " + std::to_string(obs.year) + ": " + problems.front().text());
      }
    }
  }

  const plan& plan_;
  std::set<std::string> indicator_ids_;
  std::set<std::string> unit_keys_;  // the keys of responsible_unit_names
};

}  // namespace

void validate(const plan& p) { validator(p).run(); }

}  // namespace ontrack
