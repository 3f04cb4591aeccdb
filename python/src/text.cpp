// The rules for text and years that every door of the Python package applies: defined in the
// core (include/ontrack/text.hpp, years.hpp) and bound, so that a data table, a template and
// the command line refuse exactly what a plan file refuses.

#include <optional>
#include <string>

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <ontrack/text.hpp>
#include <ontrack/years.hpp>

#include "bindings.hpp"

namespace py = pybind11;

namespace ontrack::python {

void register_text(py::module_& m) {
  m.attr("EARLIEST_YEAR") = earliest_year;
  m.attr("LATEST_YEAR") = latest_year;
  m.def("year_range_rule", &year_range_rule,
        "The year rule as a sentence fragment: 'a year must be from 1800 to 2200'.");
  m.def(
      "hostile_character",
      [](const std::string& text) -> std::optional<std::string> {
        const auto c = first_hostile_code_point(text);
        return c ? std::optional<std::string>(code_point_name(*c)) : std::nullopt;
      },
      py::arg("text"),
      "The first control character or bidirectional override in `text` (e.g. 'U+001B'), or None.");
  m.def("escape_hostile", [](const std::string& text) { return escape_hostile(text); },
        py::arg("text"),
        "`text` with every control character (but tab and newline) and bidirectional override "
        "shown inert as '<U+001B>'.");
}

}  // namespace ontrack::python
