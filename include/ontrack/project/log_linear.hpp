#pragma once
/// Log-linear trend: OLS of log(value) on the year, i.e. a constant proportional change per year.
///
/// The natural model for rates that fall (or grow) by a fraction a year — mortality ratios,
/// poverty headcounts. Growth is reported both ways statistics offices quote it:
///  - CAGR = e^b − 1 (compound annual growth rate, negative for a decline);
///  - AARR = 100·(1 − e^b) (WHO/UNICEF average annual rate of reduction, percent, positive for a
///    decline; the form used for maternal and child mortality targets).
/// Intervals are Student-t on the log scale, exponentiated: they are exact for the model and
/// never go below zero.

#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

#include <ontrack/project/linear.hpp>

namespace ontrack {

/// Compound annual growth rate e^slope − 1 for a log-scale slope (per year).
inline double cagr_from_log_slope(double log_slope) noexcept { return std::expm1(log_slope); }

/// WHO/UNICEF average annual rate of reduction in percent, 100·(1 − e^slope), for a log-scale
/// slope (per year). Positive for a decline.
inline double aarr_from_log_slope(double log_slope) noexcept { return -100.0 * std::expm1(log_slope); }

/// Two-point annual rate of reduction −ln(y2/y1)/(t2 − t1) (a fraction per year; the WHO
/// "ARR" between two estimates). Positive for a decline.
/// Throws std::invalid_argument when a value is not a positive finite number or t2 == t1.
inline double two_point_arr(double y1, int t1, double y2, int t2) {
  if (!(y1 > 0.0) || !(y2 > 0.0) || !std::isfinite(y1) || !std::isfinite(y2))
    throw std::invalid_argument("two_point_arr: values " + detail::number_text(y1) + " (" +
                                std::to_string(t1) + ") and " + detail::number_text(y2) + " (" +
                                std::to_string(t2) + ") must both be positive and finite");
  if (t1 == t2)
    throw std::invalid_argument("two_point_arr: both values are for " + std::to_string(t1) +
                                ": a rate needs two different years");
  return -std::log(y2 / y1) / static_cast<double>(t2 - t1);
}

namespace detail {
/// The first value ≤ 0 as "value -1 in 2017", or empty when all are positive.
inline std::string first_non_positive(const clean_series& cs) {
  for (std::size_t i = 0; i < cs.values.size(); ++i)
    if (!(cs.values[i] > 0.0))
      return "value " + number_text(cs.values[i]) + " in " + std::to_string(cs.years[i]);
  return {};
}
}  // namespace detail

/// Log-linear trend projection. Parameters (log scale unless stated): slope (log units/year),
/// intercept, level, centre_year, residual_sd, r_squared, and cagr (e^b − 1) and aarr_percent
/// (100(1 − e^b)) with delta-method standard errors e^b·se(b) and 100·e^b·se(b).
/// A value ≤ 0 gives status outside_domain with a reason naming the year and value.
/// Throws projection_input_error (std::invalid_argument) for fewer than 2 points, non-finite
/// values, duplicate years, deadline before the last year used (std::out_of_range: more than 1000
/// years after it).
inline projection project_log_linear(const std::vector<int>& years, const std::vector<double>& values,
                                     int deadline, const projection_options& opt = {}) {
  const auto cs =
      detail::prepare_series(years, values, deadline, opt, nullptr, nullptr, 2, "log_linear");
  const std::string bad = detail::first_non_positive(cs);
  if (!bad.empty()) {
    projection p = detail::projection_of(model::log_linear, value_transform::log(), cs);
    p.status = projection_status::outside_domain;
    p.reason = bad + " is not positive: a log-linear trend needs every value > 0";
    return p;
  }
  const value_transform g = value_transform::log();
  std::vector<double> z(cs.values.size());
  g.to_model(cs.values.data(), z.data(), z.size());
  projection p = detail::closed_form_projection(model::log_linear, g, cs, z, deadline, opt);
  const auto& b = p.params.front();
  const double eb = std::exp(b.value);
  p.params.push_back({"cagr", cagr_from_log_slope(b.value), eb * b.std_error});
  p.params.push_back({"aarr_percent", aarr_from_log_slope(b.value), 100.0 * eb * b.std_error});
  return p;
}

}  // namespace ontrack
