#pragma once
/// The one range of years ontrack accepts, wherever a year comes in: plan files, plans built in
/// memory, data tables, collection templates, SDMX files, the monitoring database and
/// command-line options. Statistical series of the kind plans monitor start in the 19th century;
/// plans and their projections end within two centuries. A year outside is a typo (99999, −5) or
/// a misread cell, never data.

#include <string>

namespace ontrack {

inline constexpr int earliest_year = 1800;
inline constexpr int latest_year = 2200;

/// True when `year` lies in [earliest_year, latest_year].
inline constexpr bool is_plausible_year(long long year) noexcept {
  return year >= earliest_year && year <= latest_year;
}

/// The rule, as a sentence fragment for error messages.
inline std::string year_range_rule() {
  return "a year must be from " + std::to_string(earliest_year) + " to " +
         std::to_string(latest_year);
}

}  // namespace ontrack
