// Binding of the plan model. Records are exposed field by field (read-write), so a plan can be
// built from scratch in Python; lists are assigned whole (pybind11 converts them by value).

#include <map>
#include <sstream>

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <ontrack/observation_rules.hpp>
#include <ontrack/plan_io.hpp>

#include "bindings.hpp"

namespace py = pybind11;

namespace ontrack::python {
namespace {

template <class Enum, std::size_t N>
void bind_enum(py::module_& m, const char* name, const detail::name_table<Enum, N>& names,
               const char* doc) {
  py::enum_<Enum> e(m, name, doc);
  for (const auto& [value, text] : names) e.value(std::string(text).c_str(), value);
}

std::string quoted(const std::string& s) { return "'" + s + "'"; }

// Value equality that answers NotImplemented for other types, as Python's data model asks;
// the records are mutable, so they are unhashable like dicts.
template <class T, class... Options>
void def_equality(py::class_<T, Options...>& c) {
  c.def(
      "__eq__",
      [](const T& self, const py::object& other) -> py::object {
        if (!py::isinstance<T>(other)) return py::reinterpret_borrow<py::object>(Py_NotImplemented);
        return py::bool_(self == other.cast<const T&>());
      },
      py::arg("other"));
  c.def(
      "__ne__",
      [](const T& self, const py::object& other) -> py::object {
        if (!py::isinstance<T>(other)) return py::reinterpret_borrow<py::object>(Py_NotImplemented);
        return py::bool_(!(self == other.cast<const T&>()));
      },
      py::arg("other"));
  c.attr("__hash__") = py::none();
}

}  // namespace

void register_plan(py::module_& m) {
  bind_enum(m, "TargetKind", detail::target_kind_names, "Kinds of target; see docs/targets.md.");
  bind_enum(m, "Comparator", detail::comparator_names, "How relative and ratio targets compare.");
  bind_enum(m, "GapMeasure", detail::gap_measure_names, "How a gap between two series is measured.");
  bind_enum(m, "MilestoneStatus", detail::milestone_status_names, "Recorded state of a milestone.");
  bind_enum(m, "Scale", detail::scale_names, "Measurement scale of an indicator.");
  bind_enum(m, "Direction", detail::direction_names, "Which way is better.");
  {
    py::enum_<observation_flag> e(m, "ObservationFlag", "How a value came about.");
    e.value("none", observation_flag::none);
    for (const auto& [value, text] : detail::observation_flag_names) e.value(std::string(text).c_str(), value);
  }

  py::class_<localized_text> text_class(m, "Text", "A text in Chinese (zh) and English (en).");
  text_class
      .def(py::init<std::string, std::string>(), py::arg("zh") = "", py::arg("en") = "")
      .def_readwrite("zh", &localized_text::zh)
      .def_readwrite("en", &localized_text::en)
      .def("in_language", &localized_text::in, py::arg("language"),
           "The text in 'zh' or 'en', falling back to the other language.")
      .def("__bool__", [](const localized_text& t) { return !t.empty(); })
      .def("__str__", [](const localized_text& t) { return t.in("zh"); })
      .def("__repr__", [](const localized_text& t) {
        return "Text(zh=" + quoted(t.zh) + ", en=" + quoted(t.en) + ")";
      });

  py::class_<series_ref> ref_class(m, "SeriesRef", "An indicator, optionally one disaggregation of it.");
  ref_class
      .def(py::init([](std::string indicator, std::map<std::string, std::string> disaggregation) {
             return series_ref{std::move(indicator), std::move(disaggregation)};
           }),
           py::arg("indicator"), py::arg("disaggregation") = std::map<std::string, std::string>{})
      .def_readwrite("indicator", &series_ref::indicator)
      .def_readwrite("disaggregation", &series_ref::disaggregation)
      .def("__repr__", [](const series_ref& r) {
        std::string s = "SeriesRef(" + quoted(r.indicator);
        for (const auto& [k, v] : r.disaggregation) s += ", " + k + "=" + quoted(v);
        return s + ")";
      });

  py::class_<target> target_class(m, "Target", "A target; which members a kind uses is in docs/plan-format.md.");
  target_class
      .def(py::init<>())
      .def_readwrite("kind", &target::kind)
      .def_readwrite("value", &target::value)
      .def_readwrite("year", &target::year)
      .def_readwrite("start", &target::start)
      .def_readwrite("end", &target::end)
      .def_readwrite("strict", &target::strict)
      .def_readwrite("tolerance", &target::tolerance)
      .def_readwrite("tolerance_below", &target::tolerance_below)
      .def_readwrite("tolerance_above", &target::tolerance_above)
      .def_readwrite("min_pace", &target::min_pace)
      .def_readwrite("min_pace_relative", &target::min_pace_relative)
      .def_property(
          "periods",
          [](const target& t) {
            std::vector<std::pair<int, int>> out;
            for (const auto& p : t.periods) out.emplace_back(p.first, p.last);
            return out;
          },
          [](target& t, const std::vector<std::pair<int, int>>& periods) {
            t.periods.clear();
            for (const auto& [first, last] : periods) t.periods.push_back({first, last});
          },
          "Periods as (first_year, last_year) pairs.")
      .def_readwrite("between", &target::between)
      .def_readwrite("measure", &target::measure)
      .def_readwrite("reference", &target::reference)
      .def_readwrite("numerator", &target::numerator)
      .def_readwrite("denominator", &target::denominator)
      .def_readwrite("comparator", &target::compare)
      .def_readwrite("window", &target::window)
      .def_readwrite("description", &target::description)
      .def_readwrite("status", &target::status)
      .def_readwrite("status_year", &target::status_year)
      .def_readwrite("interim", &target::interim)
      .def_readwrite("text", &target::text)
      .def_readwrite("note", &target::note)
      .def("deadline", &target::deadline, py::arg("fallback"),
           "The year the target is judged: year, else end, else fallback.");

  py::class_<value_bounds> bounds_class(m, "Bounds", "Natural bounds of a value; an open side is ±inf.");
  bounds_class
      .def(py::init<double, double>(), py::arg("lower"), py::arg("upper"))
      .def_readwrite("lower", &value_bounds::lower)
      .def_readwrite("upper", &value_bounds::upper)
      .def("contains", &value_bounds::contains)
      .def_static("for_scale", &value_bounds::for_scale)
      .def("__iter__", [](const value_bounds& b) { return py::iter(py::make_tuple(b.lower, b.upper)); })
      .def("__repr__", [](const value_bounds& b) {
        std::ostringstream s;
        s << "Bounds(" << b.lower << ", " << b.upper << ")";
        return s.str();
      });

  py::class_<count_names> count_names_class(
      m, "CountNames", "What a rate's numerator and denominator count (maternal deaths, live births).");
  count_names_class.def(py::init<>())
      .def(py::init([](localized_text numerator, localized_text denominator) {
             return count_names{std::move(numerator), std::move(denominator)};
           }),
           py::arg("numerator"), py::arg("denominator"))
      .def_readwrite("numerator", &count_names::numerator)
      .def_readwrite("denominator", &count_names::denominator);
  def_equality(count_names_class);

  py::class_<indicator> indicator_class(m, "Indicator", "An indicator of a plan with its targets.");
  indicator_class
      .def(py::init<>())
      .def_readwrite("id", &indicator::id)
      .def_readwrite("name", &indicator::name)
      .def_readwrite("unit", &indicator::unit)
      .def_readwrite("unit_text", &indicator::unit_text,
                     "The unit in each language (a Text; empty when the plan gives one string for both).")
      .def_readwrite("scale", &indicator::scale)
      .def_readwrite("direction", &indicator::direction)
      .def_readwrite("bounds", &indicator::bounds)
      .def_readwrite("disaggregations", &indicator::disaggregations)
      .def_readwrite("definition", &indicator::definition)
      .def_readwrite("counts", &indicator::counts,
                     "What its counts are, when it is collected with them (CountNames), or None.")
      .def_readwrite("targets", &indicator::targets);

  py::class_<goal> goal_class(m, "Goal", "A numbered main goal (主要目标).");
  goal_class
      .def(py::init<>())
      .def_readwrite("id", &goal::id)
      .def_readwrite("number", &goal::number)
      .def_readwrite("text", &goal::text)
      .def_readwrite("responsible_units", &goal::responsible_units)
      .def_readwrite("indicators", &goal::indicators);

  py::class_<domain> domain_class(m, "Domain", "An area of the plan.");
  domain_class
      .def(py::init<>())
      .def_readwrite("id", &domain::id)
      .def_readwrite("number", &domain::number)
      .def_readwrite("name", &domain::name)
      .def_readwrite("responsible_units", &domain::responsible_units)
      .def_readwrite("goals", &domain::goals);

  py::class_<observation> observation_class(m, "Observation", "One yearly value, optionally with its counts.");
  observation_class
      .def(py::init([](int year, double value, std::optional<double> numerator,
                       std::optional<double> denominator, std::string source,
                       observation_flag flag, std::string vintage) {
             return observation{year, value, numerator, denominator, std::move(source), flag,
                                std::move(vintage)};
           }),
           py::arg("year"), py::arg("value"), py::arg("numerator") = py::none(),
           py::arg("denominator") = py::none(), py::arg("source") = "",
           py::arg_v("flag", observation_flag::none, "ObservationFlag.none"), py::arg("vintage") = "")
      .def_readwrite("year", &observation::year)
      .def_readwrite("value", &observation::value)
      .def_readwrite("numerator", &observation::numerator)
      .def_readwrite("denominator", &observation::denominator)
      .def_readwrite("source", &observation::source)
      .def_readwrite("flag", &observation::flag)
      .def_readwrite("vintage", &observation::vintage);

  py::class_<series> series_class(m, "Series", "Observations of one indicator (and disaggregation).");
  series_class
      .def(py::init<>())
      .def_readwrite("indicator", &series::indicator)
      .def_readwrite("disaggregation", &series::disaggregation)
      .def_readwrite("observations", &series::observations)
      .def("years", &series::years)
      .def("values", [](const series& s) {
        std::vector<double> out;
        for (const auto& o : s.observations) out.push_back(o.value);
        return out;
      });

  py::class_<observation_problem> problem_class(
      m, "ObservationProblem",
      "One rule an observation breaks: the member it is about, a stable code, its parameters, "
      "and the reason in Chinese or English.");
  def_equality(problem_class);
  problem_class
      .def_readonly("member", &observation_problem::member,
                    "\"year\", \"value\", \"numerator\" or \"denominator\".")
      .def_readonly("code", &observation_problem::code, "The rule broken, e.g. \"value_below\".")
      .def_property_readonly(
          "params",
          [](const observation_problem& problem) {
            return std::map<std::string, std::string>(problem.params.begin(), problem.params.end());
          },
          "The values the reason quotes, as shown.")
      .def("text", &observation_problem::text, py::arg("language") = "en",
           "The reason in ``language`` (\"zh\" or \"en\"), without the indicator and year.")
      .def("__repr__", [](const observation_problem& problem) {
        return "<ObservationProblem " + problem.member + " " + problem.code + ">";
      });

  py::class_<plan> plan_class(m, "Plan", "A development plan: domains, goals, indicators, targets, series.");
  plan_class
      .def(py::init<>())
      .def_readwrite("id", &plan::id)
      .def_readwrite("title", &plan::title)
      .def_readwrite("issuer", &plan::issuer)
      .def_readwrite("reference", &plan::reference)
      .def_readwrite("period_start", &plan::period_start)
      .def_readwrite("period_end", &plan::period_end)
      .def_readwrite("base_year", &plan::base_year)
      .def_readwrite("midterm_year", &plan::midterm_year)
      .def_readwrite("history_start", &plan::history_start,
                     "The earliest year of history observations the plan states, or None.")
      .def_property_readonly("earliest_history_year", &plan::earliest_history_year,
                             "The earliest year an observation may have: history_start, or else "
                             "15 years before the base year.")
      .def("observation_problems",
           [](const plan& p, const std::string& indicator_id, const observation& o,
              std::optional<int> earliest) {
             return observation_problems(p, p.find_indicator(indicator_id), o, earliest);
           },
           py::arg("indicator_id"), py::arg("observation"), py::arg("earliest") = py::none(),
           "Every rule the observation breaks as a value of this indicator, as "
           ":class:`ObservationProblem`: the year (earliest history year, or ``earliest``, to the "
           "period's end), the value's bounds, whole non-negative counts, a proportion's numerator "
           "at most its denominator, and a value agreeing with its counts within its rounding.")
      .def_readwrite("domains", &plan::domains)
      .def_readwrite("series", &plan::series)
      .def("indicators",
           [](const plan& p) {
             std::vector<indicator> out;
             for (const auto* i : p.indicators()) out.push_back(*i);
             return out;
           },
           "Every indicator, in plan order (copies).")
      .def("indicator", &plan::find_indicator, py::arg("id"), py::return_value_policy::copy,
           "The indicator with this id; NotFoundError (a KeyError) if there is none.")
      .def("goal_of", &plan::goal_of, py::arg("indicator_id"), py::return_value_policy::copy)
      .def("responsible_units_of", &plan::responsible_units_of, py::arg("goal"))
      .def_readwrite("responsible_unit_names", &plan::responsible_unit_names,
                     "The responsible units' names in each language (Text); a domain or goal names "
                     "a unit by its Chinese name, its key.")
      .def("responsible_units", &plan::responsible_units,
           "The units (their keys) responsible for at least one indicator, once each, in plan order.")
      .def("indicators_of_unit",
           [](const plan& p, const std::string& unit) {
             std::vector<indicator> out;
             for (const auto* i : p.indicators_of_unit(unit)) out.push_back(*i);
             return out;
           },
           py::arg("unit"), "The indicators the unit is responsible for, in plan order (copies).")
      .def("unit_name", &plan::unit_name, py::arg("key"),
           "The unit's name in each language (Text); the key itself when the plan has no name for it.")
      .def("find_unit", &plan::find_unit, py::arg("name"),
           "The key of the unit with this name in either language; None when the plan has none.")
      .def("validate", [](const plan& p) { validate(p); },
           "Checks every rule of the plan format; raises PlanFormatError naming the place.")
      .def("to_json", &to_json, "The plan as JSON text (validated first).")
      .def_static("from_json", &parse_plan, py::arg("text"), py::arg("source") = "",
                  "Parses and validates a plan from JSON text.")
      .def_static("load", &load_plan, py::arg("path"), py::call_guard<py::gil_scoped_release>(),
                  "Loads and validates a plan file.")
      .def("save", &save_plan, py::arg("path"), "Writes the plan file atomically (validated first).")

      .def("__repr__", [](const plan& p) {
        std::size_t goals = 0;
        for (const auto& d : p.domains) goals += d.goals.size();
        return "<Plan " + quoted(p.id) + " " + std::to_string(p.period_start) + "–" +
               std::to_string(p.period_end) + ": " + std::to_string(p.domains.size()) +
               " domains, " + std::to_string(goals) + " goals, " +
               std::to_string(p.indicators().size()) + " indicators>";
      });

  def_equality(text_class);
  def_equality(ref_class);
  def_equality(target_class);
  def_equality(bounds_class);
  def_equality(indicator_class);
  def_equality(goal_class);
  def_equality(domain_class);
  def_equality(observation_class);
  def_equality(series_class);
  def_equality(plan_class);
}

}  // namespace ontrack::python
