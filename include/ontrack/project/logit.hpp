#pragma once
/// Logit trend: OLS of logit((value − lo)/(hi − lo)) on the year.
///
/// For bounded indicators (coverage rates, shares in percent) whose change slows near a bound:
/// a straight line would project 104% coverage; the logit line bends towards the bound and its
/// projections and intervals never leave (lo, hi).
///
/// Values at or outside the bounds have no logit. By default they give status outside_domain
/// (with the year and value in the reason); with projection_options::boundary_nudge > 0 a value
/// exactly at a bound is moved inside by nudge·(hi − lo) and the reason lists each nudged year —
/// never silently. Values strictly outside the bounds are always outside_domain.

#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

#include <ontrack/project/linear.hpp>

namespace ontrack {

namespace detail {
/// Throws std::invalid_argument unless lo < hi, both finite.
inline void check_bounds(double lo, double hi) {
  if (!std::isfinite(lo) || !std::isfinite(hi) || !(lo < hi))
    throw std::invalid_argument("logit: bounds [" + number_text(lo) + ", " + number_text(hi) +
                                "] must be finite with lower < upper");
}
}  // namespace detail

/// Logit trend projection between opt.lower_bound and opt.upper_bound (default [0, 100]).
/// Parameters on the logit scale: slope (per year), intercept, level, centre_year, residual_sd,
/// r_squared, and the bounds lower_bound, upper_bound.
/// Throws projection_input_error (std::invalid_argument) for fewer than 2 points, non-finite
/// values, duplicate years, deadline before the last year used (std::out_of_range: more than 1000
/// years after it); std::invalid_argument for bounds
/// that are not finite with lower < upper or a boundary_nudge outside [0, 0.5).
inline projection project_logit(const std::vector<int>& years, const std::vector<double>& values,
                                int deadline, const projection_options& opt = {}) {
  const double lo = opt.lower_bound, hi = opt.upper_bound;
  detail::check_bounds(lo, hi);
  if (!(opt.boundary_nudge >= 0.0 && opt.boundary_nudge < 0.5))
    throw std::invalid_argument("logit: boundary_nudge " + detail::number_text(opt.boundary_nudge) +
                                " must be in [0, 0.5) (a fraction of the range upper − lower)");
  const auto cs = detail::prepare_series(years, values, deadline, opt, nullptr, nullptr, 2, "logit");
  const value_transform g = value_transform::logit(lo, hi);
  const std::string range = "[" + detail::number_text(lo) + ", " + detail::number_text(hi) + "]";
  std::vector<double> z(cs.values.size());
  std::vector<double> used = cs.values;
  std::string nudged;
  for (std::size_t i = 0; i < cs.values.size(); ++i) {
    double v = cs.values[i];
    const bool at_bound = (v == lo || v == hi);
    if (at_bound && opt.boundary_nudge > 0.0) {
      const double moved = v == lo ? lo + opt.boundary_nudge * (hi - lo) : hi - opt.boundary_nudge * (hi - lo);
      nudged += std::string(nudged.empty() ? "" : ", ") + std::to_string(cs.years[i]) + " (" +
                detail::number_text(v) + " → " + detail::number_text(moved) + ")";
      v = moved;
      used[i] = moved;
    }
    if (!g.in_domain(v)) {
      projection p = detail::projection_of(model::logit, g, cs);
      p.status = projection_status::outside_domain;
      p.reason = "value " + detail::number_text(v) + " in " + std::to_string(cs.years[i]) +
                 (at_bound ? " is at a bound of " : " is outside ") + range +
                 ": the logit needs lower < value < upper" +
                 (at_bound ? " (set boundary_nudge to move values at a bound inside)" : "");
      return p;
    }
  }
  g.to_model(used.data(), z.data(), z.size());
  projection p = detail::closed_form_projection(model::logit, g, cs, z, deadline, opt, &used);
  p.params.push_back({"lower_bound", lo, detail::nan_value});
  p.params.push_back({"upper_bound", hi, detail::nan_value});
  if (!nudged.empty()) {
    const std::string note = "values at a bound of " + range + " nudged inside: " + nudged;
    p.reason = p.reason.empty() ? note : note + "; " + p.reason;
  }
  return p;
}

}  // namespace ontrack
