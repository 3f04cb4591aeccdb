#pragma once
/// Eustat (Basque Country): the three-level variant of the UNSD expected-value form, with its
/// published exceptions (target met; within 1 point of a 0 % or 100 % target; base year
/// fallback; target year 2030; a past target year; ≥ 2 years; binary indicators).
/// docs/methods.md § eustat.

#include <cmath>
#include <string>
#include <vector>

#include <ontrack/assess/method_result.hpp>

namespace ontrack::assess {

/// Parameters of the Eustat mode (verified in EUSTAT-DES/site metodologia unless marked).
struct eustat_params {
  int default_base_year = 2015;
  int default_target_year = 2030;  ///< "no target date → 2030"
  double r_on_track = 0.95;   ///< R ≥ this → 3
  double r_progress = 0.10;   ///< R in [this, on_track) → 2; below → 1
  double cagr_on_track = 0.02;   ///< no target: d·CAGR ≥ this → 3
  double cagr_progress = 0.005;  ///< no target: d·CAGR in [this, on_track) → 2; below → 1
  /// Exception 2: within this of a 0 % or 100 % target counts as achieved. "A maximum difference
  /// of 1%" read as 1 percentage point (ambiguous: a parameter).
  double bound_tolerance = 1.0;
  double percent_scale = 100.0;  ///< the "100 %" of exception 2 (1 for proportions)
  bool binary = false;  ///< exception 8: latest value ≥ 0.5 (yes) → achieved, else stagnation
  bool manual = false;  ///< exception 7 (growth-rate indicators): expert judgement → not evaluated
  /// A base already beyond the target inverts R = (v_e − v_b)/(v_T − v_b) (inference). Default:
  /// R = d·(v_e − v_b)/|v_T − v_b|, identical whenever the base is short of the target.
  bool reproduce_base_past_target = false;
};

namespace detail {
inline const char* eustat_text(int score) {
  switch (score) {
    case 3: return "Meta alcanzada o en v\xC3\xAD" "as de alcanzarla";
    case 2: return "Progreso razonable, pero es necesario acelerarlo";
    case 1: return "Estancamiento o retroceso";
    default: return "No evaluado";
  }
}
inline const char* eustat_code(int score) {
  switch (score) {
    case 3: return "achieved_or_on_track";
    case 2: return "reasonable_progress";
    case 1: return "stagnation_or_regression";
    default: return "not_evaluated";
  }
}
inline const char* eustat_config(int score) {
  switch (score) {
    case 3: return "alcanzado";
    case 2: return "progreso";
    case 1: return "retroceso";
    default: return "noevaluado";
  }
}
}  // namespace detail

/// Eustat status of one series: achieved_or_on_track (3), reasonable_progress (2),
/// stagnation_or_regression (1), not_evaluated. The score is component "score"; the indicator
/// config code (alcanzado, progreso, retroceso, noevaluado) is other_labels["config"].
/// Throws std::invalid_argument for caller errors.
inline method_result assess_eustat(const method_input& in, const eustat_params& p = {}) {
  method_result r;
  r.method = "eustat";
  r.version = "eustat-ods-metodologia (2023 UNSD note adaptation)";
  const int base = detail::base_year_of(r, in, p.default_base_year);
  const auto lab = [&](int score) -> method_result& {
    detail::set_label(r, detail::eustat_code(score), detail::eustat_text(score));
    r.other_labels["config"] = {detail::eustat_config(score), detail::eustat_config(score)};
    detail::put(r, "score", score);
    return r;
  };
  const auto bad = [&](const std::string& reason, const std::string& msg) -> method_result& {
    detail::fail(r, "not_evaluated", detail::eustat_text(0), reason, msg);
    r.other_labels["config"] = {"noevaluado", "noevaluado"};
    return r;
  };
  r.variant = p.binary ? "binary" : in.target ? "target" : "no_target";
  if (p.manual) {
    detail::prepare(in, "eustat");  // still validates the input
    return bad(reasons::manual, "growth-rate indicator: assessed by expert judgement");
  }
  auto s = detail::prepare(in, "eustat");
  if (!s.ok()) return bad(s.reason, s.message);
  const int T = in.target_year ? *in.target_year : p.default_target_year;
  // Exception 5: a target year already past → assess up to the target year.
  if (in.target && s.years.back() > T) {
    const std::size_t k = s.last_until(T);
    if (k == s.size()) return bad(reasons::no_data, "no observation up to the target year " + std::to_string(T));
    s.years.resize(k + 1);
    s.values.resize(k + 1);
    r.warnings.push_back("target year " + std::to_string(T) + " is past: assessed up to it");
  }
  const std::size_t l = s.last();
  const int t = s.years[l];
  const double vt = s.values[l];
  detail::put(r, "latest_year", t);
  detail::put(r, "latest_value", vt);
  if (p.binary) {
    r.years_used = {t};
    return lab(vt >= 0.5 ? 3 : 1);
  }
  const int d = in.direction;
  if (in.target) {
    const double X = *in.target;
    detail::put(r, "target", X);
    detail::put(r, "target_year", T);
    // Exception 1: the latest value meets the target, whatever the trend.
    if (detail::meets_directional(vt, X, d)) {
      r.years_used = {t};
      return lab(3);
    }
    // Exception 2: within the tolerance of a 0 % or 100 % target.
    if ((X == 0.0 || X == p.percent_scale) && std::abs(vt - X) <= p.bound_tolerance) {
      r.years_used = {t};
      r.warnings.push_back("within " + detail::num(p.bound_tolerance) + " of a " + detail::num(X) + " target");
      return lab(3);
    }
  }
  // Exception 3: base year value, else the first year after it with a later value, else the
  // closest year before it.
  std::size_t b = s.find(base);
  if (b == s.size()) {
    const std::size_t a = s.first_from(base);
    b = a < l ? a : s.last_until(base);
  }
  if (b == s.size() || b >= l)
    return bad(reasons::too_few_points, "exception 6: at least two years of data are needed");
  const int by = s.years[b];
  const double vb = s.values[b];
  r.years_used = {by, t};
  detail::put(r, "base_year", by);
  detail::put(r, "base_value", vb);
  const auto c = detail::cagr(vb, by, vt, t);
  if (!c.ok()) return bad(c.reason, c.message);
  detail::put(r, "cagr_actual", c.value);
  if (!in.target) {
    const double x = d * c.value;
    if (x >= p.cagr_on_track) return lab(3);
    if (x >= p.cagr_progress) return lab(2);
    return lab(1);
  }
  const double X = *in.target;
  const double ve = vt * std::pow(1.0 + c.value, T - t);
  detail::put(r, "expected_value", ve);
  if (X == vb)
    return bad(reasons::base_equals_target,
               "target " + detail::num(X) + " equals the base value " + detail::point_text(vb, by) + ": R does not exist");
  const double R = p.reproduce_base_past_target ? (ve - vb) / (X - vb) : d * (ve - vb) / std::abs(X - vb);
  detail::put(r, "ratio", R);
  if (R >= p.r_on_track) return lab(3);
  if (R >= p.r_progress) return lab(2);
  return lab(1);
}

}  // namespace ontrack::assess
