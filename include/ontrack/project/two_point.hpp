#pragma once
/// Two-point compound annual growth (the Eurostat / UNSD "CAGR between a base year and the
/// latest year" extrapolation).
///
/// r = (y_latest / y_base)^(1/(t_latest − t_base)) − 1 and ŷ(t) = y_latest·(1 + r)^(t − t_latest).
/// It uses exactly two observations, so it is a point extrapolation: there is no estimate of
/// noise, and the projection carries no interval (scale NaN; interval() gives (NaN, NaN) and the
/// probabilities NaN — deliberately, rather than a zero-width interval that would look certain).
/// Observations between the two years are ignored: `years`, `values` and `n` describe the two
/// points used.
///
/// Zero or negative values (no growth rate exists) give status outside_domain and a zero span
/// (base year = latest year) status degenerate, each with a reason naming the years and values —
/// never a silent NaN.

#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

#include <ontrack/project/log_linear.hpp>

namespace ontrack {

/// Two-point CAGR extrapolation from opt.base_year (default: the first year used) to the last
/// year used. Model scale: log. Parameters: cagr (r), log_growth (ln(1 + r) per year),
/// arr (the WHO two-point rate of reduction −ln(y_latest/y_base)/Δt), base_year, base_value.
/// Throws projection_input_error (std::invalid_argument) for fewer than 2 points, non-finite
/// values, duplicate years, deadline before the last year used (std::out_of_range: more than 1000
/// years after it), and a base_year that is not a
/// year of the data used.
inline projection project_two_point(const std::vector<int>& years, const std::vector<double>& values,
                                    int deadline, const projection_options& opt = {}) {
  const auto cs = detail::prepare_series(years, values, deadline, opt, nullptr, nullptr, 2, "two_point");
  std::size_t b = 0;
  if (opt.base_year) {
    b = cs.years.size();
    for (std::size_t i = 0; i < cs.years.size(); ++i)
      if (cs.years[i] == *opt.base_year) b = i;
    if (b == cs.years.size())
      detail::input_error(projection_status::too_few_points,
                          "two_point: base year " + std::to_string(*opt.base_year) +
                              " has no observation (years used: " + detail::years_text(cs.years) + ")");
  }
  const std::size_t l = cs.years.size() - 1;
  projection p;
  p.method = model::two_point;
  p.transform = value_transform::log();
  p.years = {cs.years[b], cs.years[l]};
  p.values = {cs.values[b], cs.values[l]};
  p.n = b == l ? 1 : 2;
  p.last_year = cs.years[l];
  p.last_value = cs.values[l];
  const int span = cs.years[l] - cs.years[b];
  const double y0 = cs.values[b], y1 = cs.values[l];
  p.observed_annual_change = span > 0 ? (y1 - y0) / span : detail::nan_value;
  const std::string base_text = detail::number_text(y0) + " in " + std::to_string(cs.years[b]);
  const std::string last_text = detail::number_text(y1) + " in " + std::to_string(cs.years[l]);
  if (span == 0) {
    p.status = projection_status::degenerate;
    p.reason = "base year " + std::to_string(cs.years[b]) +
               " is the latest year: a growth rate needs two different years";
    return p;
  }
  if (!(y0 > 0.0) || !(y1 > 0.0)) {
    p.status = projection_status::outside_domain;
    p.reason = "base value " + base_text + " and latest value " + last_text +
               ": a compound growth rate needs both values > 0";
    return p;
  }
  const double g = (std::log(y1) - std::log(y0)) / static_cast<double>(span);
  p.params = {{"cagr", std::expm1(g), detail::nan_value},
              {"log_growth", g, detail::nan_value},
              {"arr", -g, detail::nan_value},
              {"base_year", static_cast<double>(cs.years[b]), detail::nan_value},
              {"base_value", y0, detail::nan_value}};
  for (std::size_t i = 0; i < 2; ++i) {
    const double f = std::log(y1) + g * static_cast<double>(p.years[i] - p.last_year);
    p.fitted.push_back(std::exp(f));
    p.residuals.push_back(std::log(p.values[i]) - f);
  }
  for (int t = detail::first_forecast_year(p.last_year, deadline); t <= deadline; ++t) {
    predictive_distribution d;
    d.year = t;
    d.location = std::log(y1) + g * static_cast<double>(t - p.last_year);
    d.scale = detail::nan_value;
    d.df = detail::nan_value;
    p.forecast.push_back(d);
  }
  p.reason = "two-point extrapolation from " + base_text + " to " + last_text +
             ": a point projection without an interval";
  return p;
}

}  // namespace ontrack
