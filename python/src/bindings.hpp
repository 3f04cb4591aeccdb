#pragma once
// Registration functions of the binding, one per part of the C++ API; module.cpp calls them.

#include <pybind11/pybind11.h>

namespace ontrack::python {

void register_errors(pybind11::module_& m);
void register_plan(pybind11::module_& m);
void register_project(pybind11::module_& m);
void register_assess(pybind11::module_& m);
void register_text(pybind11::module_& m);

}  // namespace ontrack::python
