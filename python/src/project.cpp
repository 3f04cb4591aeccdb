// Binding of the projection engine: single-series fits (returning `Projection`), the classical
// estimators (fit_linear, theil_sen, mann_kendall) and the batch kernel over NumPy arrays.

#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <ontrack/project.hpp>

#include "bindings.hpp"

namespace py = pybind11;

namespace ontrack::python {
namespace {

template <class T>
using c_array = py::array_t<T, py::array::c_style | py::array::forcecast>;

py::array_t<double> to_numpy(const std::vector<double>& v) {
  return py::array_t<double>(static_cast<py::ssize_t>(v.size()), v.data());
}
py::array_t<std::int32_t> to_numpy(const std::vector<int>& v) {
  py::array_t<std::int32_t> out(static_cast<py::ssize_t>(v.size()));
  auto w = out.mutable_unchecked<1>();
  for (std::size_t i = 0; i < v.size(); ++i) w(static_cast<py::ssize_t>(i)) = v[i];
  return out;
}

/// One output of the batch kernel: a writable 1-D (or, for interval bounds, 2-D n × levels)
/// array of exactly dtype T, any strides — a column of its own or a field of a structured array.
template <class T>
py::array output_array(const py::dict& outputs, const char* name, std::size_t n,
                       std::optional<std::size_t> levels) {
  if (!outputs.contains(name)) throw std::invalid_argument(std::string("out has no array '") + name + "'");
  py::array a = outputs[name];
  const bool bounds = levels.has_value();
  if (!a.dtype().is(py::dtype::of<T>()))
    throw std::invalid_argument(std::string("out['") + name + "'] must have dtype " +
                                py::str(py::dtype::of<T>()).cast<std::string>());
  if (!a.writeable()) throw std::invalid_argument(std::string("out['") + name + "'] is read-only");
  if (a.ndim() != (bounds ? 2 : 1) || static_cast<std::size_t>(a.shape(0)) != n ||
      (bounds && static_cast<std::size_t>(a.shape(1)) != *levels))
    throw std::invalid_argument(std::string("out['") + name + "'] must have shape (" + std::to_string(n) +
                                (bounds ? ", " + std::to_string(*levels) : std::string(",")) + ")");
  return a;
}

template <class T>
strided<T> output_column(const py::dict& outputs, const char* name, std::size_t n) {
  py::array a = output_array<T>(outputs, name, n, std::nullopt);
  return {static_cast<T*>(a.mutable_data()), a.strides(0)};
}

/// The batch kernel's outputs as views of the arrays in `outputs` (written in place, no copy).
batch_output output_views(const py::dict& outputs, std::size_t n, std::size_t levels) {
  batch_output out;
  out.status = output_column<std::uint8_t>(outputs, "status", n);
  out.model_used = output_column<std::uint8_t>(outputs, "model", n);
  out.n = output_column<std::int32_t>(outputs, "n", n);
  out.last_year = output_column<std::int32_t>(outputs, "last_year", n);
  out.slope = output_column<double>(outputs, "slope", n);
  out.annual_change = output_column<double>(outputs, "annual_change", n);
  out.point = output_column<double>(outputs, "point", n);
  out.prob = output_column<double>(outputs, "prob", n);
  py::array lower = output_array<double>(outputs, "lower", n, levels);
  py::array upper = output_array<double>(outputs, "upper", n, levels);
  if (lower.strides(0) != upper.strides(0) || lower.strides(1) != upper.strides(1))
    throw std::invalid_argument("out['lower'] and out['upper'] must have the same strides");
  out.lower = static_cast<double*>(lower.mutable_data());
  out.upper = static_cast<double*>(upper.mutable_data());
  out.bound_row_stride = lower.strides(0);
  out.bound_level_stride = lower.strides(1);
  return out;
}

/// A projection together with how it was chosen (for model="auto").
struct bound_projection {
  projection result;
  std::string selection_reason;
  std::vector<candidate_score> candidates;
};

/// A drift prior (κ_b, κ_s, w) given by a caller: each finite and ≥ 0.
drift_prior drift_prior_from(const std::tuple<double, double, double, double>& t) {
  const auto [slope_share, noise_share, weight, window_share] = t;
  for (const double v : {slope_share, noise_share, weight, window_share})
    if (!(v >= 0.0) || !std::isfinite(v))
      throw std::invalid_argument("drift_prior (slope_share, noise_share, weight, window_share) must be finite numbers >= 0, not " +
                                  detail::number_text(v));
  return {slope_share, noise_share, weight, window_share};
}

projection_options make_options(std::optional<int> as_of, std::optional<std::pair<double, double>> bounds,
                                double boundary_nudge, double multiplier,
                                std::optional<double> expected_denominator,
                                std::optional<int> base_year, bool consider_logit,
                                const py::dict& fixed, const std::string& uncertainty,
                                const std::optional<std::tuple<double, double, double, double>>& prior) {
  projection_options o;
  o.as_of = as_of;
  o.uncertainty = uncertainty_from_string(uncertainty);
  if (prior) o.prior = drift_prior_from(*prior);
  if (bounds) {
    o.lower_bound = bounds->first;
    o.upper_bound = bounds->second;
  }
  o.boundary_nudge = boundary_nudge;
  o.multiplier = multiplier;
  o.expected_denominator = expected_denominator;
  o.base_year = base_year;
  o.auto_consider_logit = consider_logit;
  for (auto item : fixed) {
    const std::string name = py::str(item.first);
    const double value = item.second.cast<double>();
    if (name == "alpha") o.alpha = value;
    else if (name == "beta") o.beta = value;
    else if (name == "phi") o.phi = value;
    else if (name == "l0") o.l0 = value;
    else if (name == "b0") o.b0 = value;
    else
      throw std::invalid_argument("unknown fixed parameter '" + name +
                                  "': holt and damped_holt accept alpha, beta, phi, l0 and b0");
  }
  return o;
}

bound_projection run_project(const std::string& model_name, const std::vector<int>& years,
                             const std::vector<double>& values, int deadline,
                             const projection_options& options, const std::vector<double>& numerator,
                             const std::vector<double>& denominator) {
  if (model_name == "auto") {
    selection s = select_model(years, values, deadline, options);
    return {std::move(s.result), s.why, std::move(s.candidates)};
  }
  return {project(model_from_string(model_name), years, values, deadline, options, numerator,
                  denominator),
          "", {}};
}

}  // namespace

void register_project(py::module_& m) {
  py::class_<linear_fit>(m, "LinearFit", "Least-squares line y = intercept + slope·x.")
      .def_readonly("intercept", &linear_fit::intercept)
      .def_readonly("slope", &linear_fit::slope)
      .def_readonly("intercept_se", &linear_fit::intercept_se)
      .def_readonly("slope_se", &linear_fit::slope_se)
      .def_readonly("residual_sd", &linear_fit::residual_sd)
      .def_readonly("r_squared", &linear_fit::r_squared)
      .def_readonly("n", &linear_fit::n)
      .def_readonly("df", &linear_fit::df)
      .def_readonly("rss", &linear_fit::rss)
      .def_readonly("has_intercept", &linear_fit::has_intercept)
      .def("predict", &linear_fit::predict, py::arg("x"))
      .def("__repr__", [](const linear_fit& f) {
        return "LinearFit(intercept=" + detail::number_text(f.intercept) +
               ", slope=" + detail::number_text(f.slope) + ", n=" + std::to_string(f.n) + ")";
      });

  m.def("fit_linear", &fit_linear, py::arg("x"), py::arg("y"), py::arg("intercept") = true,
        "OLS line through (x, y) with x centred; NIST StRD accurate. Raises InvalidInputError.");

  py::class_<theil_sen_result>(m, "TheilSen", "Theil–Sen line with Sen's slope interval.")
      .def_readonly("slope", &theil_sen_result::slope)
      .def_readonly("intercept", &theil_sen_result::intercept)
      .def_readonly("intercept_joint", &theil_sen_result::intercept_joint)
      .def_readonly("slope_lower", &theil_sen_result::slope_lower)
      .def_readonly("slope_upper", &theil_sen_result::slope_upper)
      .def_readonly("level", &theil_sen_result::level)
      .def_readonly("n", &theil_sen_result::n)
      .def_readonly("kendall_variance", &theil_sen_result::kendall_variance);
  m.def(
      "theil_sen",
      [](const std::vector<double>& x, const std::vector<double>& y, double alpha) {
        return theil_sen(x, y, 1.0 - alpha);
      },
      py::arg("x"), py::arg("y"), py::arg("alpha") = 0.05,
      "Theil–Sen slope with Sen's (1 − alpha) confidence interval.");

  py::class_<mann_kendall_result>(m, "MannKendall", "Mann–Kendall trend test.")
      .def_readonly("n", &mann_kendall_result::n)
      .def_readonly("s", &mann_kendall_result::s)
      .def_readonly("var_s", &mann_kendall_result::var_s)
      .def_readonly("z", &mann_kendall_result::z)
      .def_readonly("p", &mann_kendall_result::p_two_sided)
      .def_readonly("p_one_sided", &mann_kendall_result::p_one_sided)
      .def_readonly("p_increasing", &mann_kendall_result::p_increasing)
      .def_readonly("p_decreasing", &mann_kendall_result::p_decreasing)
      .def_readonly("tau", &mann_kendall_result::tau_b)
      .def_readonly("tau_a", &mann_kendall_result::tau_a);
  m.def("mann_kendall", &mann_kendall, py::arg("values"),
        "Mann–Kendall test: S, var(S) with tie correction, continuity-corrected z, p, tau.");

  py::class_<bound_projection>(m, "_Projection", "A projection; use ontrack.Projection.")
      .def_property_readonly("model", [](const bound_projection& p) { return std::string(to_string(p.result.method)); })
      .def_property_readonly("status", [](const bound_projection& p) { return std::string(to_string(p.result.status)); })
      .def_property_readonly("reason", [](const bound_projection& p) { return p.result.reason; })
      .def_property_readonly("selection_reason", [](const bound_projection& p) { return p.selection_reason; })
      .def_property_readonly("candidates", [](const bound_projection& p) {
        py::list out;
        for (const auto& c : p.candidates)
          out.append(py::dict(py::arg("model") = std::string(to_string(c.method)), py::arg("mae") = c.mae,
                              py::arg("origins") = c.origins, py::arg("note") = c.note));
        return out;
      })
      .def_property_readonly("params", [](const bound_projection& p) {
        py::dict out;
        for (const auto& q : p.result.params) out[py::str(q.name)] = q.value;
        return out;
      })
      .def_property_readonly("std_errors", [](const bound_projection& p) {
        py::dict out;
        for (const auto& q : p.result.params) out[py::str(q.name)] = q.std_error;
        return out;
      })
      .def_property_readonly("n", [](const bound_projection& p) { return p.result.n; })
      .def_property_readonly("years", [](const bound_projection& p) { return to_numpy(p.result.years); })
      .def_property_readonly("values", [](const bound_projection& p) { return to_numpy(p.result.values); })
      .def_property_readonly("fitted", [](const bound_projection& p) { return to_numpy(p.result.fitted); })
      .def_property_readonly("residuals", [](const bound_projection& p) { return to_numpy(p.result.residuals); })
      .def_property_readonly("sigma2", [](const bound_projection& p) { return p.result.sigma2; })
      .def_property_readonly("loglik", [](const bound_projection& p) { return p.result.loglik; })
      .def_property_readonly("aicc", [](const bound_projection& p) { return p.result.aicc; })
      .def_property_readonly("last_year", [](const bound_projection& p) { return p.result.last_year; })
      .def_property_readonly("last_value", [](const bound_projection& p) { return p.result.last_value; })
      .def_property_readonly("observed_annual_change",
                             [](const bound_projection& p) { return p.result.observed_annual_change; })
      .def_property_readonly("deadline", [](const bound_projection& p) { return p.result.deadline(); })
      .def_property_readonly("forecast_years", [](const bound_projection& p) {
        std::vector<int> years;
        for (const auto& d : p.result.forecast) years.push_back(d.year);
        return to_numpy(years);
      })
      .def_property_readonly("transform", [](const bound_projection& p) {
        const auto& g = p.result.transform;
        const char* names[] = {"identity", "log", "logit"};
        return py::make_tuple(names[static_cast<int>(g.kind)], g.lo, g.hi);
      })
      .def("distribution", [](const bound_projection& p, int year) {
             const auto& d = p.result.at(year);
             return py::make_tuple(d.location, d.scale, d.df);
           }, py::arg("year"), "(location, scale, df) of the model-scale predictive distribution.")
      .def("predict", [](const bound_projection& p, int year) { return p.result.predict(year); }, py::arg("year"))
      .def("interval", [](const bound_projection& p, int year, double level) { return p.result.interval(year, level); },
           py::arg("year"), py::arg("level"))
      .def("prob_at_least", [](const bound_projection& p, double v, int year) { return p.result.prob_at_least(v, year); },
           py::arg("value"), py::arg("year"))
      .def("prob_at_most", [](const bound_projection& p, double v, int year) { return p.result.prob_at_most(v, year); },
           py::arg("value"), py::arg("year"));

  m.def(
      "_project",
      [](const std::string& model_name, const std::vector<int>& years, const std::vector<double>& values,
         int deadline, std::optional<int> as_of, std::optional<std::pair<double, double>> bounds,
         double boundary_nudge, double multiplier, std::optional<double> expected_denominator,
         std::optional<int> base_year, bool consider_logit, const std::vector<double>& numerator,
         const std::vector<double>& denominator, const py::dict& fixed, const std::string& uncertainty,
         const std::optional<std::tuple<double, double, double, double>>& prior) {
        const auto options = make_options(as_of, bounds, boundary_nudge, multiplier, expected_denominator,
                                          base_year, consider_logit, fixed, uncertainty, prior);
        py::gil_scoped_release release;
        return run_project(model_name, years, values, deadline, options, numerator, denominator);
      },
      py::arg("model"), py::arg("years"), py::arg("values"), py::arg("deadline"), py::arg("as_of"),
      py::arg("bounds"), py::arg("boundary_nudge"), py::arg("multiplier"), py::arg("expected_denominator"),
      py::arg("base_year"), py::arg("consider_logit"), py::arg("numerator"), py::arg("denominator"),
      py::arg("fixed"), py::arg("uncertainty"), py::arg("drift_prior"));

  m.def(
      "_project_batch",
      [](const c_array<std::int64_t>& offsets, const py::array& years, const py::object& values,
         const py::object& numerator, const py::object& denominator, const std::string& model_name,
         int deadline, const std::vector<double>& levels, std::optional<double> threshold,
         const std::string& side, std::optional<int> as_of,
         std::optional<std::pair<double, double>> bounds, double multiplier, bool consider_logit,
         unsigned threads, const py::dict& outputs, bool want_reasons, const std::string& uncertainty,
         const std::optional<std::tuple<double, double, double, double>>& prior) {
        batch_input in;
        batch_options opt;
        if (offsets.ndim() != 1 || offsets.size() < 1)
          throw std::invalid_argument("offsets must be a 1-D array of n_series + 1 positions");
        in.n_series = static_cast<std::size_t>(offsets.size() - 1);
        in.offsets = offsets.data();
        // Years are read in place when int32, int64 or float64 and contiguous; other dtypes are
        // converted once.
        c_array<std::int32_t> years_i32;
        c_array<std::int64_t> years_i64;
        c_array<double> years_f64;
        if (py::isinstance<py::array_t<std::int32_t, py::array::c_style>>(years)) {
          years_i32 = py::reinterpret_borrow<c_array<std::int32_t>>(years);
          in.years_i32 = years_i32.data();
        } else if (py::isinstance<py::array_t<std::int64_t, py::array::c_style>>(years)) {
          years_i64 = py::reinterpret_borrow<c_array<std::int64_t>>(years);
          in.years_i64 = years_i64.data();
        } else if (years.dtype().kind() == 'f') {
          years_f64 = c_array<double>::ensure(years);
          in.years_f64 = years_f64.data();
        } else {
          years_i32 = c_array<std::int32_t>::ensure(years);
          in.years_i32 = years_i32.data();
        }
        const auto n_points = static_cast<py::ssize_t>(offsets.at(in.n_series));
        auto as_doubles = [&](const py::object& o, const char* name) -> c_array<double> {
          if (o.is_none()) return c_array<double>(0);
          auto a = c_array<double>::ensure(o);
          if (!a || a.ndim() != 1 || a.size() < n_points)
            throw std::invalid_argument(std::string(name) + " must be a 1-D array with at least offsets[-1] = " +
                                        std::to_string(n_points) + " entries");
          return a;
        };
        const auto v = as_doubles(values, "values");
        const auto num = as_doubles(numerator, "numerator");
        const auto den = as_doubles(denominator, "denominator");
        in.values = values.is_none() ? nullptr : v.data();
        in.numerator = numerator.is_none() ? nullptr : num.data();
        in.denominator = denominator.is_none() ? nullptr : den.data();
        const auto n_years = in.years_i32 ? years_i32.size() : (in.years_i64 ? years_i64.size() : years_f64.size());
        if (n_years < n_points)
          throw std::invalid_argument("years must have at least offsets[-1] = " + std::to_string(n_points) + " entries");

        if (model_name == "auto") opt.method.reset();
        else opt.method = model_from_string(model_name);
        opt.deadline = deadline;
        opt.levels = levels;
        opt.threshold = threshold;
        if (side == "at_least") opt.side = target_side::at_least;
        else if (side == "at_most") opt.side = target_side::at_most;
        else throw std::invalid_argument("side must be 'at_least' or 'at_most', not '" + side + "'");
        opt.projection.as_of = as_of;
        if (bounds) {
          opt.projection.lower_bound = bounds->first;
          opt.projection.upper_bound = bounds->second;
        }
        opt.projection.multiplier = multiplier;
        opt.projection.auto_consider_logit = consider_logit;
        opt.projection.uncertainty = uncertainty_from_string(uncertainty);
        if (prior) opt.projection.prior = drift_prior_from(*prior);
        opt.threads = threads;

        batch_output out = output_views(outputs, in.n_series, levels.size());
        batch_reasons reasons;
        out.reasons = want_reasons ? &reasons : nullptr;
        {
          py::gil_scoped_release release;
          project_batch(in, opt, out);
        }
        // Only failed series have a reason: their positions and texts, so that a million ok
        // series cost no Python object at all.
        py::array_t<std::int64_t> positions(static_cast<py::ssize_t>(reasons.size()));
        py::list texts(reasons.size());
        auto at = positions.mutable_unchecked<1>();
        for (std::size_t k = 0; k < reasons.size(); ++k) {
          at(static_cast<py::ssize_t>(k)) = static_cast<std::int64_t>(reasons[k].first);
          texts[k] = py::str(reasons[k].second);
        }
        return py::make_tuple(positions, texts);
      },
      py::arg("offsets"), py::arg("years"), py::arg("values"), py::arg("numerator"), py::arg("denominator"),
      py::arg("model"), py::arg("deadline"), py::arg("levels"), py::arg("threshold"), py::arg("side"),
      py::arg("as_of"), py::arg("bounds"), py::arg("multiplier"), py::arg("consider_logit"),
      py::arg("threads"), py::arg("out"), py::arg("reasons"), py::arg("uncertainty"), py::arg("drift_prior"));

  py::list models, statuses;
  for (const auto& [value, name] : detail::model_names) models.append(py::str(std::string(name)));
  for (const auto& [value, name] : detail::projection_status_names) statuses.append(py::str(std::string(name)));
  m.attr("MODEL_NAMES") = py::tuple(models);
  m.attr("STATUS_NAMES") = py::tuple(statuses);
  py::list uncertainties;
  for (const auto kind : uncertainty_kinds) uncertainties.append(py::str(std::string(to_string(kind))));
  m.attr("UNCERTAINTY_NAMES") = py::tuple(uncertainties);
}

}  // namespace ontrack::python
