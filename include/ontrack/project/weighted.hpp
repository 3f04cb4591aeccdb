#pragma once
/// ESCAP's weighted geometric extrapolation (the Asia-Pacific SDG progress assessment's
/// "anticipated value"): growth between consecutive observations, weighted towards recent years.
///
/// With target year T (the deadline), first year t_min and observations I_1..I_n at t_1 < … < t_n:
///   w_i = (T − t_min)/(T − t_i)                       for i = 2..n (recent growth weighs more)
///   W   = Σ_{i≥2} w_i·(t_i − t_{i−1})                 (= Σ w_i when the years are consecutive)
///   Î_T = I_n · (Π_{i≥2} (I_i/I_{i−1})^{w_i})^((T − t_n)/W)
/// i.e. a weighted mean log growth per year g = Σ w_i ln(I_i/I_{i−1}) / W applied from the last
/// observation. Weighting each growth by its span (t_i − t_{i−1}) in W keeps g a per-year rate
/// when years have gaps. Years between t_n and T lie on the same path (weights depend on T).
/// If T = t_n the weight of the last step is infinite; its limit, the last step's growth, is
/// reported as g, and the projection at T is I_n.
///
/// A point extrapolation: no interval (scale NaN; interval() gives (NaN, NaN), probabilities
/// NaN). Values must be > 0 (ratios of values); otherwise status outside_domain naming the year
/// and value.

#include <cmath>
#include <string>
#include <vector>

#include <ontrack/project/log_linear.hpp>

namespace ontrack {

/// Weighted geometric extrapolation to `deadline` (see the file comment). Model scale: log.
/// Parameters: weighted_growth (g, log per year), cagr (e^g − 1), weight_sum (W).
/// Throws projection_input_error (std::invalid_argument) for fewer than 2 points, non-finite
/// values, duplicate years, deadline before the last year used (std::out_of_range: more than 1000
/// years after it).
inline projection project_weighted(const std::vector<int>& years, const std::vector<double>& values,
                                   int deadline, const projection_options& opt = {}) {
  const auto cs = detail::prepare_series(years, values, deadline, opt, nullptr, nullptr, 2, "weighted");
  const std::size_t n = cs.years.size();
  projection p = detail::projection_of(model::weighted, value_transform::log(), cs);
  const std::string bad = detail::first_non_positive(cs);
  if (!bad.empty()) {
    p.status = projection_status::outside_domain;
    p.reason = bad + " is not positive: geometric extrapolation needs every value > 0";
    return p;
  }
  const double T = static_cast<double>(deadline);
  const double t_min = static_cast<double>(cs.years.front());
  double g;
  double W = detail::nan_value;
  if (deadline == p.last_year) {
    g = std::log(cs.values[n - 1] / cs.values[n - 2]) /
        static_cast<double>(cs.years[n - 1] - cs.years[n - 2]);
  } else {
    double num = 0.0;
    W = 0.0;
    for (std::size_t i = 1; i < n; ++i) {
      const double w = (T - t_min) / (T - static_cast<double>(cs.years[i]));
      num += w * std::log(cs.values[i] / cs.values[i - 1]);
      W += w * static_cast<double>(cs.years[i] - cs.years[i - 1]);
    }
    g = num / W;
  }
  p.params = {{"weighted_growth", g, detail::nan_value},
              {"cagr", std::expm1(g), detail::nan_value},
              {"weight_sum", W, detail::nan_value}};
  const double z_last = std::log(p.last_value);
  for (std::size_t i = 0; i < n; ++i) {
    const double f = z_last + g * static_cast<double>(cs.years[i] - p.last_year);
    p.fitted.push_back(std::exp(f));
    p.residuals.push_back(std::log(cs.values[i]) - f);
  }
  for (int t = detail::first_forecast_year(p.last_year, deadline); t <= deadline; ++t) {
    predictive_distribution d;
    d.year = t;
    d.location = z_last + g * static_cast<double>(t - p.last_year);
    d.scale = detail::nan_value;
    d.df = detail::nan_value;
    p.forecast.push_back(d);
  }
  p.reason = "weighted geometric extrapolation: a point projection without an interval";
  return p;
}

}  // namespace ontrack
