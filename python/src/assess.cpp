// Binding of the assessment: ontrack's own method, the compatibility modes, plan evaluations,
// and the Target factory methods (Target.at_least(35, by=2030), …). Results cross into Python as
// plain dicts and lists: the Python classes (ontrack.Assessment, ontrack.Evaluation) wrap them,
// and an evaluation's dict is its documented record (docs/assessment.md § Record).

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <ontrack/assess/modes.hpp>
#include <ontrack/assess/native.hpp>
#include <ontrack/assess/verdict_reading.hpp>
#include <ontrack/evaluate.hpp>
#include <ontrack/plan.hpp>

#include "bindings.hpp"

namespace py = pybind11;

namespace ontrack::python {
namespace {

// ---- Python values in -------------------------------------------------------------------

assess::param_map to_params(const py::dict& d) {
  assess::param_map out;
  for (auto item : d) {
    const std::string name = py::str(item.first);
    const py::handle v = item.second;
    if (py::isinstance<py::str>(v)) out.emplace(name, assess::param_value(v.cast<std::string>()));
    else if (py::isinstance<py::bool_>(v)) out.emplace(name, assess::param_value(v.cast<bool>() ? 1.0 : 0.0));
    else if (py::isinstance<py::int_>(v) || py::isinstance<py::float_>(v)) out.emplace(name, assess::param_value(v.cast<double>()));
    else
      throw std::invalid_argument("parameter '" + name + "' is " + std::string(py::str(py::repr(v))) +
                                  ": parameters are numbers, flags or texts");
  }
  return out;
}

// An enumeration given by its name or as the enum itself.
template <class Enum, std::size_t N>
Enum enum_arg(const py::object& o, const detail::name_table<Enum, N>& names, const char* what) {
  if (py::isinstance<py::str>(o)) {
    const auto name = o.cast<std::string>();
    if (auto e = detail::value_of(names, name)) return *e;
    throw std::invalid_argument(std::string(what) + " '" + name + "' is not known; accepted: " + detail::accepted_names(names));
  }
  return o.cast<Enum>();
}

// A series reference given as an indicator id, a SeriesRef, or (id, {disaggregation}).
series_ref ref_arg(const py::object& o) {
  if (py::isinstance<py::str>(o)) return series_ref{o.cast<std::string>(), {}};
  if (py::isinstance<py::tuple>(o)) {
    const auto t = o.cast<py::tuple>();
    if (t.size() == 2) return series_ref{t[0].cast<std::string>(), t[1].cast<std::map<std::string, std::string>>()};
  }
  return o.cast<series_ref>();
}

void check_finite(double v, const char* name) {
  if (!std::isfinite(v)) throw std::invalid_argument(std::string(name) + " must be a finite number");
}
void check_non_negative(const std::optional<double>& v, const char* name) {
  if (v && !(std::isfinite(*v) && *v >= 0.0))
    throw std::invalid_argument(std::string(name) + " " + detail::number_text(*v) + " must be a finite number >= 0");
}
void check_window(const std::optional<int>& start, const std::optional<int>& end) {
  if (start && end && *start > *end)
    throw std::invalid_argument("start " + std::to_string(*start) + " is after end " + std::to_string(*end));
}

target finish(target t, bool interim, std::string text, std::string note) {
  t.interim = interim;
  t.text = std::move(text);
  t.note = std::move(note);
  check_window(t.start, t.end);
  return t;
}

// ---- results out --------------------------------------------------------------------------

py::object number_or_none(double v) { return std::isfinite(v) ? py::object(py::float_(v)) : py::object(py::none()); }

py::dict components_dict(const std::map<std::string, double>& c) {
  py::dict d;
  for (const auto& [k, v] : c) d[py::str(k)] = v;
  return d;
}

py::dict warning_dict(const assess::early_warning& w) {
  py::dict d;
  d["code"] = w.code;
  d["severity"] = std::string(assess::to_string(w.severity));
  d["zh"] = w.zh;
  d["en"] = w.en;
  return d;
}

py::dict native_dict(const assess::native_assessment& a) {
  py::dict d;
  d["status"] = std::string(assess::to_string(a.status));
  d["status_text"] = py::dict(py::arg("zh") = std::string(assess::status_text(a.status, "zh")),
                              py::arg("en") = std::string(assess::status_text(a.status, "en")));
  d["reason"] = a.reason;
  d["message"] = a.message;
  d["series"] = a.series;
  d["model"] = a.model;
  d["model_note"] = a.model_note;
  d["components"] = components_dict(a.components);
  d["baseline_source"] = std::string(assess::to_string(a.baseline_source));
  d["years_used"] = a.years_used;
  d["values_used"] = a.values_used;
  if (a.projection_path.empty()) {
    d["projection"] = py::none();
  } else {
    py::list years, median, lower, upper;
    for (const auto& pt : a.projection_path) {
      years.append(pt.year);
      median.append(number_or_none(pt.median));
      lower.append(number_or_none(pt.lower));
      upper.append(number_or_none(pt.upper));
    }
    d["projection"] = py::dict(py::arg("level") = a.projection_level, py::arg("years") = years,
                               py::arg("median") = median, py::arg("lower") = lower, py::arg("upper") = upper);
  }
  py::list warnings;
  for (const auto& w : a.warnings) warnings.append(warning_dict(w));
  d["warnings"] = warnings;
  return d;
}

py::dict mode_dict(const assess::method_result& r) {
  py::dict d;
  d["method"] = r.method;
  d["version"] = r.version;
  d["variant"] = r.variant;
  d["label"] = r.label;
  d["label_text"] = r.label_text;
  d["reason"] = r.reason;
  d["message"] = r.message;
  d["components"] = components_dict(r.components);
  d["base_year_source"] = std::string(assess::to_string(r.base_year_source));
  d["years_used"] = r.years_used;
  py::dict other;
  for (const auto& [name, l] : r.other_labels)
    other[py::str(name)] = py::dict(py::arg("label") = l.label, py::arg("label_text") = l.label_text);
  d["other_labels"] = other;
  d["warnings"] = r.warnings;
  return d;
}

// Whole numbers come back as ints (min_points = 3, not 3.0): parameters are read back from
// records and shown to people.
py::object param_value_object(const assess::param_value& v) {
  if (!v.is_number()) return py::str(v.text());
  const double x = v.number();
  if (std::isfinite(x) && x == std::floor(x) && std::fabs(x) < 1e15) return py::int_(static_cast<long long>(x));
  return py::float_(x);
}

py::dict params_dict(const std::vector<std::pair<std::string, assess::param_value>>& ps) {
  py::dict d;
  for (const auto& [k, v] : ps) d[py::str(k)] = param_value_object(v);
  return d;
}

py::dict summary_dict(const status_summary& s) {
  py::dict counts;
  for (const auto& [status, n] : s.counts) counts[py::str(std::string(assess::to_string(status)))] = n;
  py::dict d;
  d["counts"] = counts;
  d["total"] = s.total;
  d["assessable"] = s.assessable;
  d["achievement_rate"] = number_or_none(s.achievement_rate);
  d["on_track_rate"] = number_or_none(s.on_track_rate);
  d["mode_aggregate"] = s.mode_aggregate ? py::object(mode_dict(*s.mode_aggregate)) : py::object(py::none());
  return d;
}

py::dict row_dict(const evaluation_row& row) {
  py::dict d;
  d["key"] = row.key();
  d["domain"] = row.domain_id;
  d["goal"] = row.goal_id;
  d["indicator"] = row.indicator_id;
  d["target_index"] = row.target_index;
  d["kind"] = std::string(to_string(row.kind));
  d["interim"] = row.interim;
  d["deadline"] = row.deadline;
  d["text"] = row.target_text;
  d["responsible_units"] = row.responsible_units;
  const py::dict native = native_dict(row.native);
  for (auto item : native) d[item.first] = item.second;
  if (row.mode) {
    d["label"] = row.mode->label;
    d["label_text"] = row.mode->label_text;
    d["mode"] = mode_dict(*row.mode);
  } else {
    d["label"] = native["status"];
    d["label_text"] = std::string(assess::status_text(row.native.status, "en"));
    d["mode"] = py::none();
  }
  return d;
}

py::dict evaluation_dict(const plan& p, const evaluation& e) {
  py::dict d;
  d["schema"] = "ontrack.evaluation";
  d["schema_version"] = 1;
  py::dict plan_info;
  plan_info["id"] = p.id;
  plan_info["title"] = py::dict(py::arg("zh") = p.title.zh, py::arg("en") = p.title.en);
  plan_info["period"] = std::vector<int>{p.period_start, p.period_end};
  plan_info["base_year"] = p.base_year;
  plan_info["midterm_year"] = p.midterm_year ? py::object(py::int_(*p.midterm_year)) : py::object(py::none());
  d["plan"] = plan_info;
  d["as_of"] = e.as_of;
  d["preset"] = e.preset;
  d["method"] = e.method;
  py::dict mode_params;
  for (const auto& [k, v] : e.mode_parameters) mode_params[py::str(k)] = param_value_object(v);
  d["parameters"] = py::dict(py::arg("ontrack") = params_dict(e.native_parameters), py::arg("mode") = mode_params);
  d["library"] = py::dict(py::arg("name") = "ontrack", py::arg("version") = e.library_version);
  py::dict data;
  data["sha256"] = e.data.sha256;
  data["canonical_form"] = "ontrack-data-v1";
  data["series"] = e.data.series;
  data["points"] = e.data.points;
  data["first_year"] = e.data.first_year ? py::object(py::int_(*e.data.first_year)) : py::object(py::none());
  data["last_year"] = e.data.last_year ? py::object(py::int_(*e.data.last_year)) : py::object(py::none());
  d["data"] = data;
  py::list rows;
  for (const auto& row : e.rows) rows.append(row_dict(row));
  d["rows"] = rows;
  py::list warnings;
  for (const auto& w : e.warnings) {
    py::dict wd = warning_dict(w.warning);
    wd["indicator"] = w.indicator_id;
    wd["target_index"] = w.target_index;
    wd["domain"] = w.domain_id;
    warnings.append(wd);
  }
  d["warnings"] = warnings;
  py::dict domains, units;
  for (const auto& [id, s] : e.by_domain) domains[py::str(id)] = summary_dict(s);
  for (const auto& [unit, s] : e.by_unit) units[py::str(unit)] = summary_dict(s);
  d["summary"] = py::dict(py::arg("plan") = summary_dict(e.plan_summary), py::arg("domains") = domains,
                          py::arg("units") = units);
  return d;
}

// ---- the Target factories ---------------------------------------------------------------

void add_target_factories(py::module_& m) {
  auto cls = py::reinterpret_borrow<py::class_<target>>(m.attr("Target"));
  using opt_i = std::optional<int>;
  using opt_d = std::optional<double>;
  const auto level = [](target_kind kind) {
    return [kind](double value, int by, bool strict, bool interim, std::string text, std::string note) {
      check_finite(value, "value");
      target t;
      t.kind = kind;
      t.value = value;
      t.year = by;
      t.strict = strict;
      return finish(t, interim, std::move(text), std::move(note));
    };
  };
  cls.def_static("at_least", level(target_kind::at_least), py::arg("value"), py::kw_only(), py::arg("by"),
                 py::arg("strict") = false, py::arg("interim") = false, py::arg("text") = "", py::arg("note") = "",
                 "y ≥ value in the year `by` (达到…以上); strict: y > value.");
  cls.def_static("at_most", level(target_kind::at_most), py::arg("value"), py::kw_only(), py::arg("by"),
                 py::arg("strict") = false, py::arg("interim") = false, py::arg("text") = "", py::arg("note") = "",
                 "y ≤ value in the year `by` (下降到…以下); strict: y < value.");

  const auto maintain = [](target_kind kind) {
    return [kind](double value, int start, int end, bool strict, bool interim, std::string text, std::string note) {
      check_finite(value, "value");
      target t;
      t.kind = kind;
      t.value = value;
      t.start = start;
      t.end = end;
      t.strict = strict;
      return finish(t, interim, std::move(text), std::move(note));
    };
  };
  cls.def_static("maintain_at_least", maintain(target_kind::maintain_at_least), py::arg("value"), py::kw_only(),
                 py::arg("start"), py::arg("end"), py::arg("strict") = false, py::arg("interim") = false,
                 py::arg("text") = "", py::arg("note") = "", "y ≥ value in every year of [start, end] (保持在…以上).");
  cls.def_static("maintain_at_most", maintain(target_kind::maintain_at_most), py::arg("value"), py::kw_only(),
                 py::arg("start"), py::arg("end"), py::arg("strict") = false, py::arg("interim") = false,
                 py::arg("text") = "", py::arg("note") = "", "y ≤ value in every year of [start, end] (控制在…以下).");

  cls.def_static(
      "about",
      [](double value, opt_d tolerance, opt_i by, opt_i start, opt_i end, opt_d below, opt_d above, bool strict,
         bool interim, std::string text, std::string note) {
        check_finite(value, "value");
        check_non_negative(tolerance, "tolerance");
        check_non_negative(below, "below");
        check_non_negative(above, "above");
        if (!tolerance && !(below && above))
          throw std::invalid_argument("about needs a tolerance, or both below and above");
        if (!by && !(start && end)) throw std::invalid_argument("about needs `by`, or `start` and `end`");
        target t;
        t.kind = target_kind::about;
        t.value = value;
        t.tolerance = tolerance;
        t.tolerance_below = below;
        t.tolerance_above = above;
        t.year = by;
        t.start = start;
        t.end = end;
        t.strict = strict;
        return finish(t, interim, std::move(text), std::move(note));
      },
      py::arg("value"), py::arg("tolerance") = py::none(), py::kw_only(), py::arg("by") = py::none(),
      py::arg("start") = py::none(), py::arg("end") = py::none(), py::arg("below") = py::none(),
      py::arg("above") = py::none(), py::arg("strict") = false, py::arg("interim") = false, py::arg("text") = "",
      py::arg("note") = "",
      "value − below ≤ y ≤ value + above (…左右; below = above = tolerance), in `by` or every year of [start, end].");

  const auto trend = [](target_kind kind) {
    return [kind](opt_i start, opt_i end, opt_d min_pace, opt_d min_pace_relative, bool interim, std::string text,
                  std::string note) {
      check_non_negative(min_pace, "min_pace");
      check_non_negative(min_pace_relative, "min_pace_relative");
      target t;
      t.kind = kind;
      t.start = start;
      t.end = end;
      t.min_pace = min_pace;
      t.min_pace_relative = min_pace_relative;
      return finish(t, interim, std::move(text), std::move(note));
    };
  };
  cls.def_static("increase", trend(target_kind::increase), py::kw_only(), py::arg("start") = py::none(),
                 py::arg("end") = py::none(), py::arg("min_pace") = py::none(), py::arg("min_pace_relative") = py::none(),
                 py::arg("interim") = false, py::arg("text") = "", py::arg("note") = "",
                 "y_end > y_start (逐步提高); min_pace: by at least that much a year; min_pace_relative: compound.");
  cls.def_static("decrease", trend(target_kind::decrease), py::kw_only(), py::arg("start") = py::none(),
                 py::arg("end") = py::none(), py::arg("min_pace") = py::none(), py::arg("min_pace_relative") = py::none(),
                 py::arg("interim") = false, py::arg("text") = "", py::arg("note") = "",
                 "y_end < y_start (逐步降低); min_pace: by at least that much a year; min_pace_relative: compound.");

  cls.def_static(
      "increase_each_period",
      [](const std::vector<std::pair<int, int>>& periods, bool interim, std::string text, std::string note) {
        if (periods.empty()) throw std::invalid_argument("increase_each_period needs at least one period");
        target t;
        t.kind = target_kind::increase_each_period;
        for (std::size_t i = 0; i < periods.size(); ++i) {
          const auto [first, last] = periods[i];
          if (first > last || (i > 0 && first <= periods[i - 1].second))
            throw std::invalid_argument("periods must be (first, last) pairs in time order, not overlapping");
          t.periods.push_back({first, last});
        }
        return finish(t, interim, std::move(text), std::move(note));
      },
      py::arg("periods"), py::kw_only(), py::arg("interim") = false, py::arg("text") = "", py::arg("note") = "",
      "Each period's latest value above the previous period's (逐届提高).");

  cls.def_static(
      "gap_narrowing",
      [](const std::vector<py::object>& between, const py::object& measure, opt_i start, opt_i end, opt_d min_pace,
         opt_d min_pace_relative, bool interim, std::string text, std::string note) {
        if (between.size() != 2) throw std::invalid_argument("gap_narrowing needs two series in `between`");
        check_non_negative(min_pace, "min_pace");
        check_non_negative(min_pace_relative, "min_pace_relative");
        target t;
        t.kind = target_kind::gap_narrowing;
        t.between = {ref_arg(between[0]), ref_arg(between[1])};
        t.measure = enum_arg(measure, detail::gap_measure_names, "measure");
        t.start = start;
        t.end = end;
        t.min_pace = min_pace;
        t.min_pace_relative = min_pace_relative;
        return finish(t, interim, std::move(text), std::move(note));
      },
      py::arg("between"), py::kw_only(), py::arg("measure") = "difference", py::arg("start") = py::none(),
      py::arg("end") = py::none(), py::arg("min_pace") = py::none(), py::arg("min_pace_relative") = py::none(),
      py::arg("interim") = false, py::arg("text") = "", py::arg("note") = "",
      "The gap a − b (or a / b) between two series gets closer to parity (差距缩小).");

  cls.def_static(
      "relative",
      [](const py::object& reference, const py::object& comparator_name, opt_d tolerance, opt_i by, opt_i start,
         opt_i end, bool strict, bool interim, std::string text, std::string note) {
        check_non_negative(tolerance, "tolerance");
        target t;
        t.kind = target_kind::relative;
        t.reference = ref_arg(reference);
        t.compare = enum_arg(comparator_name, detail::comparator_names, "comparator");
        if (*t.compare == comparator::about && !tolerance)
          throw std::invalid_argument("a relative target with comparator 'about' needs a tolerance");
        t.tolerance = tolerance;
        t.year = by;
        t.start = start;
        t.end = end;
        t.strict = strict;
        return finish(t, interim, std::move(text), std::move(note));
      },
      py::arg("reference"), py::arg("comparator") = "at_least", py::kw_only(), py::arg("tolerance") = py::none(),
      py::arg("by") = py::none(), py::arg("start") = py::none(), py::arg("end") = py::none(), py::arg("strict") = false,
      py::arg("interim") = false, py::arg("text") = "", py::arg("note") = "",
      "Compared with another series: y ≥ r, y ≤ r or |y − r| ≤ tolerance (不低于…, 与…相适应).");

  cls.def_static(
      "trend_slowing",
      [](int window, opt_i start, opt_i end, bool interim, std::string text, std::string note) {
        if (const std::string problem = assess::trend_window_problem(window); !problem.empty())
          throw std::invalid_argument("trend_slowing target: " + problem);
        target t;
        t.kind = target_kind::trend_slowing;
        t.window = window;
        t.start = start;
        t.end = end;
        return finish(t, interim, std::move(text), std::move(note));
      },
      py::kw_only(), py::arg("window") = 5, py::arg("start") = py::none(), py::arg("end") = py::none(),
      py::arg("interim") = false, py::arg("text") = "", py::arg("note") = "",
      "The slope over the latest `window` years below the slope of the window before (上升趋势减缓).");

  cls.def_static(
      "ratio",
      [](double value, const py::object& comparator_name, const py::object& numerator, const py::object& denominator,
         opt_i by, opt_i start, opt_i end, bool strict, bool interim, std::string text, std::string note) {
        check_finite(value, "value");
        target t;
        t.kind = target_kind::ratio;
        t.value = value;
        t.compare = enum_arg(comparator_name, detail::comparator_names, "comparator");
        if (*t.compare == comparator::about) throw std::invalid_argument("a ratio compares at_least or at_most");
        if (numerator.is_none() != denominator.is_none())
          throw std::invalid_argument("give both numerator and denominator, or neither (the indicator's own series)");
        if (!numerator.is_none()) {
          t.numerator = ref_arg(numerator);
          t.denominator = ref_arg(denominator);
        }
        if (!by && !(start && end)) throw std::invalid_argument("ratio needs `by`, or `start` and `end`");
        t.year = by;
        t.start = start;
        t.end = end;
        t.strict = strict;
        return finish(t, interim, std::move(text), std::move(note));
      },
      py::arg("value"), py::arg("comparator") = "at_least", py::kw_only(), py::arg("numerator") = py::none(),
      py::arg("denominator") = py::none(), py::arg("by") = py::none(), py::arg("start") = py::none(),
      py::arg("end") = py::none(), py::arg("strict") = false, py::arg("interim") = false, py::arg("text") = "",
      py::arg("note") = "", "numerator / denominator (or the own series) against value (比例不低于…).");

  cls.def_static(
      "full_coverage",
      [](opt_i by, opt_i start, opt_i end, opt_d tolerance, bool interim, std::string text, std::string note) {
        check_non_negative(tolerance, "tolerance");
        target t;
        t.kind = target_kind::full_coverage;
        t.year = by;
        t.start = start;
        t.end = end;
        t.tolerance = tolerance;
        return finish(t, interim, std::move(text), std::move(note));
      },
      py::kw_only(), py::arg("by") = py::none(), py::arg("start") = py::none(), py::arg("end") = py::none(),
      py::arg("tolerance") = py::none(), py::arg("interim") = false, py::arg("text") = "", py::arg("note") = "",
      "100 % (1 for a yes/no indicator), less `tolerance`, in `by`, every year of [start, end], or the plan's end (全覆盖).");

  cls.def_static(
      "milestone",
      [](const py::object& description, opt_i by, const py::object& status, opt_i status_year, bool interim,
         std::string text, std::string note) {
        target t;
        t.kind = target_kind::milestone;
        t.description = py::isinstance<py::str>(description) ? localized_text{description.cast<std::string>(), ""}
                                                                : description.cast<localized_text>();
        t.year = by;
        if (!status.is_none()) t.status = enum_arg(status, detail::milestone_status_names, "status");
        t.status_year = status_year;
        return finish(t, interim, std::move(text), std::move(note));
      },
      py::arg("description"), py::kw_only(), py::arg("by") = py::none(), py::arg("status") = py::none(),
      py::arg("status_year") = py::none(), py::arg("interim") = false, py::arg("text") = "", py::arg("note") = "",
      "A qualitative goal with a recorded status (建成…); a text description is taken as Chinese.");
}

}  // namespace

void register_assess(py::module_& m) {
  add_target_factories(m);

  m.attr("METHOD_NAMES") = py::tuple(py::cast(assess::method_names()));
  py::dict defaults;
  for (const auto& [name, value] : assess::native_parameter_values(assess::native_params{}))
    defaults[py::str(name)] = param_value_object(value);
  m.attr("NATIVE_PARAMETERS") = defaults;
  std::vector<std::string> statuses;
  for (const auto& [s, name] : assess::detail::progress_status_names) statuses.emplace_back(name);
  m.attr("PROGRESS_STATUSES") = py::tuple(py::cast(statuses));
  py::dict status_texts;  // each status's name in every language a report speaks
  for (const auto& [s, name] : assess::detail::progress_status_names)
    status_texts[py::str(std::string(name))] = py::dict(py::arg("zh") = std::string(assess::status_text(s, "zh")),
                                                        py::arg("en") = std::string(assess::status_text(s, "en")));
  m.attr("PROGRESS_STATUS_TEXT") = status_texts;

  m.def(
      "method_verdict",
      [](const std::string& method, const std::string& label) {
        return py::dict(py::arg("leaning") = std::string(to_string(assess::leaning_of(method, label))),
                        py::arg("symbol") = std::string(assess::verdict_symbol(method, label)));
      },
      py::arg("method"), py::arg("label"),
      "How a method's label reads beside the others: {'leaning': favourable, partial, unfavourable or none, "
      "'symbol': the symbol its publications print, or ''}. method 'ontrack' reads a status.");
  m.def(
      "method_reading",
      [](const std::string& method, const std::string& language) {
        return std::string(assess::method_reading(method, language));
      },
      py::arg("method"), py::arg("language"),
      "What a method reads, in one sentence in 'zh' or 'en' ('' for a method without one).");

  m.def(
      "method_parameters",
      [](const std::string& method) {
        return method == "ontrack" ? assess::native_parameter_names() : assess::parameter_names(method);
      },
      py::arg("method"), "The parameter names a method accepts ('ontrack' or a compatibility mode).");

  m.def(
      "_assess",
      [](const std::string& method, const target& t, const indicator& ind, const std::vector<series>& data,
         std::optional<int> base_year, std::optional<int> end_year, std::optional<int> midterm_year,
         std::optional<int> as_of_year, const py::dict& native_params, const py::dict& mode_params, bool with_history) {
        const auto np = assess::read_native_params(to_params(native_params));
        const auto mp = to_params(mode_params);
        if (method != "ontrack") (void)assess::assess_with(method, assess::method_input{}, mp);
        else if (!mp.empty()) throw std::invalid_argument("mode parameters were given, but the method is ontrack's own");
        std::vector<int> observed;
        for (const auto& s : data)
          for (const auto& o : s.observations) observed.push_back(o.year);
        const assess::plan_frame frame = assess::standalone_frame(t, base_year, end_year, midterm_year, observed);
        // Default evaluation year: the latest observed (the deadline when nothing is observed).
        const int as_of = as_of_year ? *as_of_year
                                     : observed.empty() ? frame.period_end : *std::max_element(observed.begin(), observed.end());
        assess::native_assessment a;
        std::optional<assess::method_result> mode;
        {
          py::gil_scoped_release release;
          const assess::series_index index(data);
          a = with_history ? assess::assess_native_with_history(t, ind, frame, index, as_of, np)
                           : assess::assess_native(t, ind, frame, index, as_of, np);
          if (method != "ontrack")
            mode = assess_with_mode(method, t, ind, frame, index, as_of, mp, np.baseline_window_years);
        }
        py::dict d;
        d["native"] = native_dict(a);
        d["mode"] = mode ? py::object(mode_dict(*mode)) : py::object(py::none());
        return d;
      },
      py::arg("method"), py::arg("target"), py::arg("indicator"), py::arg("series"), py::arg("base_year"),
      py::arg("end_year"), py::arg("midterm_year"), py::arg("as_of"),
      py::arg("native_params"), py::arg("mode_params"), py::arg("with_history"));

  // The data hash's text one series at a time, so that a distributed evaluation can hash the
  // data of all its partitions exactly as one evaluation does (ontrack.dask).
  m.def(
      "_canonical_series_text",
      [](const series& s, int as_of) {
        return py::make_tuple(s.indicator, assess::disaggregation_text(s), assess::canonical_series_text(s, as_of));
      },
      py::arg("series"), py::arg("as_of"),
      "(indicator, disaggregation, text): one series' part of the canonical text an evaluation hashes.");

  m.def(
      "_evaluate",
      [](const plan& p, const std::vector<series>& data, std::optional<int> as_of, const std::string& preset,
         const std::string& method, const py::dict& native_params, const py::dict& mode_params,
         const std::vector<std::pair<int, std::map<std::string, std::string>>>& history) {
        evaluation_options o;
        o.as_of = as_of;
        o.preset = preset;
        o.method = method;
        o.native_params = to_params(native_params);
        o.mode_params = to_params(mode_params);
        for (const auto& [year, statuses] : history) {
          earlier_evaluation h;
          h.as_of = year;
          for (const auto& [key, status] : statuses) h.statuses[key] = assess::progress_status_from_string(status);
          o.history.push_back(std::move(h));
        }
        evaluation e;
        {
          py::gil_scoped_release release;
          e = evaluate(p, data, o);
        }
        return evaluation_dict(p, e);
      },
      py::arg("plan"), py::arg("series"), py::arg("as_of"), py::arg("preset"), py::arg("method"),
      py::arg("native_params"), py::arg("mode_params"), py::arg("history"));
}

}  // namespace ontrack::python
