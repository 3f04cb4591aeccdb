// Shared set-up of the native assessment tests: series built in place and one call that runs
// assess_native with a linear model and its closed-form uncertainty (so that every expected
// number follows from the OLS formulas written out in the tests).
#pragma once

#include <cmath>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <ontrack/assess/native.hpp>

namespace native_test {

using namespace ontrack;
using namespace ontrack::assess;

/// Student-t CDFs in closed form, written out independently of the library (A&S 26.7.3/26.7.4):
/// the tests compute their expectations with these and the OLS arithmetic in their comments.
inline constexpr double pi = 3.14159265358979323846;
inline double t1_cdf(double t) { return 0.5 + std::atan(t) / pi; }
inline double t2_cdf(double t) { return 0.5 + t / (2.0 * std::sqrt(2.0 + t * t)); }
inline double t3_cdf(double t) {
  return 0.5 + (t / (std::sqrt(3.0) * (1.0 + t * t / 3.0)) + std::atan(t / std::sqrt(3.0))) / pi;
}

inline series make_series(std::string id, std::vector<int> years, std::vector<double> values,
                          std::map<std::string, std::string> disaggregation = {}) {
  series s;
  s.indicator = std::move(id);
  s.disaggregation = std::move(disaggregation);
  for (std::size_t i = 0; i < years.size(); ++i) {
    observation o;
    o.year = years[i];
    o.value = values[i];
    s.observations.push_back(o);
  }
  return s;
}

inline indicator make_indicator(std::string id, scale sc = scale::index) {
  indicator ind;
  ind.id = std::move(id);
  ind.scale = sc;
  ind.bounds = value_bounds::for_scale(sc);
  return ind;
}

/// One indicator "y" with its data, assessed in a plan whose base year is 2016, last year 2030
/// and mid-term year 2025, with the linear model unless a test says otherwise.
struct case_data {
  std::vector<series> data;
  indicator ind = make_indicator("y");
  plan_frame frame{2016, 2016, 2030, 2025};
  native_params params;

  case_data() {
    params.model = "linear";
    params.uncertainty = "model";
  }
  explicit case_data(series own) : case_data() { data.push_back(std::move(own)); }

  native_assessment run(const target& t, int as_of) const {
    return assess_native(t, ind, frame, series_index(data), as_of, params);
  }
};

/// Series A: 2016–2020 = 10, 12, 11, 13, 14. OLS: x̄ = 2018, ȳ = 12, Sxx = 10, Sxy = 9 → slope 0.9;
/// fitted 10.2, 11.1, 12, 12.9, 13.8; RSS = 0.04 + 0.81 + 1 + 0.01 + 0.04 = 1.9, s² = 1.9/3 (3 df).
/// Prediction in year t: μ = 12 + 0.9(t − 2018), se² = s²(1 + 1/5 + (t − 2018)²/10); in 2030:
/// μ = 22.8, se² = 0.6333·15.6 = 9.88, se = 3.14325.
inline series series_a(const std::string& id = "y") { return make_series(id, {2016, 2017, 2018, 2019, 2020}, {10, 12, 11, 13, 14}); }
/// Series A mirrored (lower is better): 14, 12, 13, 11, 10: slope −0.9, μ_2030 = 1.2, same se.
inline series series_a_down(const std::string& id = "y") {
  return make_series(id, {2016, 2017, 2018, 2019, 2020}, {14, 12, 13, 11, 10});
}
inline constexpr double se_a_2030 = 3.143246729100342;  // √(1.9/3 · 15.6)

inline target at_least(double v, int year, bool strict = false) {
  target t;
  t.kind = target_kind::at_least;
  t.value = v;
  t.year = year;
  t.strict = strict;
  return t;
}
inline target at_most(double v, int year, bool strict = false) {
  target t = at_least(v, year, strict);
  t.kind = target_kind::at_most;
  return t;
}
inline target window_target(target_kind kind, std::optional<double> v, int start, int end) {
  target t;
  t.kind = kind;
  t.value = v;
  t.start = start;
  t.end = end;
  return t;
}

}  // namespace native_test
