// The compiled part of the Python package: `ontrack._core`.

#include <ontrack/version.hpp>

#include "bindings.hpp"

PYBIND11_MODULE(_core, m) {
  m.doc() = "ontrack's C++ core; use the `ontrack` package, which re-exports it.";
  m.attr("__version__") = ontrack::version;
  ontrack::python::register_errors(m);
  ontrack::python::register_plan(m);
  ontrack::python::register_project(m);
  ontrack::python::register_assess(m);
  ontrack::python::register_text(m);
}
