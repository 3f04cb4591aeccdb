#pragma once
/// Reading and writing plan files (docs/plan-format.md). Loading validates the whole plan and
/// returns it only when every rule holds: a failed load leaves nothing behind.

#include <string>

#include <ontrack/error.hpp>
#include <ontrack/plan.hpp>

namespace ontrack {

/// The `format` member every plan file carries, and the version this library writes.
inline constexpr const char* plan_format_name = "ontrack.plan";
inline constexpr int plan_format_version = 1;

/// Parses and validates a plan from JSON text. `source` names it in error messages.
/// Throws plan_error (invalid JSON, a missing or unknown member, a wrong type, a broken rule).
plan parse_plan(const std::string& json_text, const std::string& source = "");

/// Loads a plan file. Throws plan_error as parse_plan, and file_error if the file cannot
/// be read.
plan load_plan(const std::string& path);

/// The plan as JSON text (UTF-8, 2-space indent). Throws plan_error if the plan is invalid.
std::string to_json(const plan& p);

/// Writes the plan to `path` atomically (a temporary file renamed into place).
/// Throws plan_error if the plan is invalid and file_error if the file cannot be written.
void save_plan(const plan& p, const std::string& path);

}  // namespace ontrack
