// Binding of the assessment: compatibility modes and ontrack's own method.

#include <pybind11/pybind11.h>

#include "bindings.hpp"

namespace py = pybind11;

namespace ontrack::python {

void register_assess(py::module_& m) { (void)m; }

}  // namespace ontrack::python
