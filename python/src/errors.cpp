// Python exceptions: one root (OntrackError), each also the matching builtin, so that
// `except ValueError` keeps working for users who do not know ontrack's types (pyarrow's way).

#include <stdexcept>

#include <pybind11/pybind11.h>

#include <ontrack/error.hpp>

#include "bindings.hpp"

namespace py = pybind11;

namespace ontrack::python {
namespace {

py::object make_exception(py::module_& m, const char* name, const char* doc, py::tuple bases) {
  const std::string qualified = std::string("ontrack._core.") + name;
  PyObject* type = PyErr_NewExceptionWithDoc(qualified.c_str(), doc, bases.ptr(), nullptr);
  if (type == nullptr) throw py::error_already_set();
  py::object result = py::reinterpret_steal<py::object>(type);
  m.attr(name) = result;
  return result;
}

// The exception types live as long as the interpreter: the translator below must be a plain
// function (pybind11 takes a function pointer), so it finds them here.
struct exception_types {
  PyObject* invalid = nullptr;
  PyObject* plan_format = nullptr;
  PyObject* not_found = nullptr;
  PyObject* file = nullptr;
} types;

// Raises `type(message)` with extra attributes set on the instance.
void raise(PyObject* type_object, const char* message, const py::dict& attributes = {}) {
  py::handle type(type_object);
  py::object instance = type(message);
  for (auto item : attributes) py::setattr(instance, item.first, item.second);
  PyErr_SetObject(type_object, instance.ptr());
}

}  // namespace

void register_errors(py::module_& m) {
  auto root = make_exception(m, "OntrackError", "Root of every error ontrack raises.",
                             py::make_tuple(py::handle(PyExc_Exception)));
  auto invalid = make_exception(m, "InvalidInputError",
                                "A value breaks a rule: the message names the value and the rule.",
                                py::make_tuple(root, py::handle(PyExc_ValueError)));
  auto plan_format = make_exception(
      m, "PlanFormatError",
      "A plan (file or in memory) breaks the plan format. Attributes: file, pointer (JSON "
      "pointer of the offending member) and rule.",
      py::make_tuple(invalid));
  auto not_found = make_exception(m, "NotFoundError", "An id or year that does not exist.",
                                  py::make_tuple(root, py::handle(PyExc_KeyError)));
  auto file_error = make_exception(m, "FileError", "A file that cannot be read or written.",
                                   py::make_tuple(root, py::handle(PyExc_OSError)));

  types = {invalid.release().ptr(), plan_format.release().ptr(), not_found.release().ptr(),
           file_error.release().ptr()};

  // Most specific first: plan_error is an invalid_argument, which is a logic_error.
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const ontrack::plan_error& e) {
      py::dict attributes;
      attributes["file"] = e.file();
      attributes["pointer"] = e.pointer();
      attributes["rule"] = e.rule();
      raise(types.plan_format, e.what(), attributes);
    } catch (const std::invalid_argument& e) {
      raise(types.invalid, e.what());
    } catch (const std::domain_error& e) {
      raise(types.invalid, e.what());
    } catch (const std::out_of_range& e) {
      raise(types.not_found, e.what());
    } catch (const ontrack::file_error& e) {
      raise(types.file, e.what());
    }
  });
}

}  // namespace ontrack::python
