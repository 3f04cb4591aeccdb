#pragma once
/// Eurostat, "Sustainable development in the European Union" monitoring report: trend classes
/// from the compound annual growth rate (CAGR) over a long-term (15-year) or short-term (5-year)
/// window, against the rate required to meet a quantified EU target (RR = CAGR_a / CAGR_r), or
/// on d·CAGR_a alone when there is no quantified target. docs/methods.md § eurostat.

#include <cmath>
#include <string>
#include <vector>

#include <ontrack/assess/method_result.hpp>

namespace ontrack::assess {

/// Parameters of the Eurostat mode. Evidence marks as in the method specification:
/// (verified), (from the publication, not re-checked), (inference / ontrack's choice).
struct eurostat_params {
  /// Window length in years: 15 = long-term, 5 = short-term (verified: both shown side by side).
  /// The window starts at the first observation in a year ≥ latest − window (ontrack's choice when
  /// the exact start year has no data); 0 = the whole series.
  int window_years = 15;
  /// Minimum number of observations inside the window (exact rule not re-checked; 2 is the
  /// least a growth rate needs). Only the two end points enter the formula.
  int min_points = 2;
  /// Use `method_input::base_year` as the window start instead of latest − window (Eurostat
  /// itself uses the window start as the base of the required rate: from the publication).
  bool base_from_input = false;
  /// Target year when the input gives none (ontrack's choice: the SDG horizon).
  int default_target_year = 2030;
  /// RR cut-offs (verified as StatCan's; Eurostat's from the publication, not re-checked).
  double rr_significant = 0.95;   ///< RR ≥ this: significant progress
  double rr_moderate = 0.60;      ///< RR in [this, significant): moderate progress
  double rr_insufficient = 0.0;   ///< RR in [this, moderate): insufficient; below: movement away
  /// No-target cut-offs on d·CAGR (from the publication, not re-checked).
  double cagr_significant = 0.01;   ///< > this: significant progress
  double cagr_moderate = 0.0;       ///< [this, significant]: moderate progress (0 counts as progress: choice)
  double cagr_moderate_away = -0.01;  ///< [this, moderate): moderate movement away; below: significant
  /// Reproduce the literal RR = CAGR_a / CAGR_r, whose sign flips when the window's base is
  /// already past the target (inference). Default: RR = d·CAGR_a / |CAGR_r|, identical otherwise.
  bool literal_rr = false;
  /// A target already met is judged on whether the trend keeps it met by the target year
  /// (from the publication, not re-checked): kept → `met_label`; not kept → the RR classes.
  bool met_target_rule = true;
  std::string met_label = "significant_progress";  ///< label for a met target the trend keeps met
};

namespace detail {
inline std::string eurostat_text(const std::string& code, bool with_target) {
  const std::string obj = with_target ? " the EU target" : " SD objectives";
  if (code == "significant_progress") return "significant progress towards" + obj;
  if (code == "moderate_progress") return "moderate progress towards" + obj;
  if (code == "insufficient_progress") return "insufficient progress towards" + obj;
  if (code == "movement_away") return "movement away from" + obj;
  if (code == "moderate_movement_away") return "moderate movement away from" + obj;
  if (code == "significant_movement_away") return "significant movement away from" + obj;
  return code;
}
}  // namespace detail

/// Eurostat trend class of one series. Reads years, values, direction, target, target_year,
/// base_year (only with `base_from_input`), as_of. Not assessable (label `not_assessable`):
/// no_data, duplicate_year, too_few_points, base_zero, sign_change, non_positive_value,
/// target_year_not_after_base, base_equals_target.
/// Throws std::invalid_argument for caller errors (see method_result.hpp).
inline method_result assess_eurostat(const method_input& in, const eurostat_params& p = {}) {
  method_result r;
  r.method = "eurostat";
  r.version = "eurostat-sdg-monitoring-2021";
  const auto s = detail::prepare(in, "eurostat");
  const char* na_text = "calculation of trend not possible";
  if (!s.ok()) return detail::fail(r, "not_assessable", na_text, s.reason, s.message);
  const int d = in.direction;
  const std::size_t l = s.last();
  const int t = s.years[l];
  int start = p.window_years > 0 ? t - p.window_years : s.years.front();
  if (p.base_from_input && in.base_year) {
    start = *in.base_year;
    r.base_year_source = in.base_year_source;
  }
  r.variant = p.base_from_input && in.base_year ? "from_base_year"
              : p.window_years == 5                ? "short_term"
              : p.window_years == 15               ? "long_term"
                                                   : std::to_string(p.window_years) + "_years";
  const std::size_t b = s.first_from(start);
  const std::size_t n = b <= l ? l - b + 1 : 0;
  detail::put(r, "window_start", start);
  detail::put(r, "n_points", static_cast<double>(n));
  const std::size_t need = static_cast<std::size_t>(std::max(2, p.min_points));
  if (n < need)
    return detail::fail(r, "not_assessable", na_text, reasons::too_few_points,
                        std::to_string(n) + " observation(s) from " + std::to_string(start) + " to " +
                            std::to_string(t) + ": at least " + std::to_string(need) + " are needed");
  const int t0 = s.years[b];
  const double y0 = s.values[b], yt = s.values[l];
  r.years_used = {t0, t};
  detail::put(r, "base_year", t0);
  detail::put(r, "base_value", y0);
  detail::put(r, "latest_year", t);
  detail::put(r, "latest_value", yt);
  const auto ca = detail::cagr(y0, t0, yt, t);
  if (!ca.ok()) return detail::fail(r, "not_assessable", na_text, ca.reason, ca.message);
  detail::put(r, "cagr_actual", ca.value);
  detail::put(r, "direction", d);

  if (!in.target) {
    r.variant += "/no_target";
    const double x = d * ca.value;
    detail::put(r, "signed_cagr", x);
    std::string code;
    if (x > p.cagr_significant) code = "significant_progress";
    else if (x >= p.cagr_moderate) code = "moderate_progress";
    else if (x >= p.cagr_moderate_away) code = "moderate_movement_away";
    else code = "significant_movement_away";
    detail::set_label(r, code, detail::eurostat_text(code, false));
    return r;
  }

  r.variant += "/target";
  const double ys = *in.target;
  const int T = in.target_year ? *in.target_year : p.default_target_year;
  detail::put(r, "target", ys);
  detail::put(r, "target_year", T);
  if (T <= t0)
    return detail::fail(r, "not_assessable", na_text, reasons::target_year_not_after_base,
                        "target year " + std::to_string(T) + " is not after the window's base year " +
                            std::to_string(t0) + ": no required rate exists");
  const bool met = detail::meets_directional(yt, ys, d);
  detail::put(r, "target_met", met ? 1.0 : 0.0);
  bool kept = false;
  if (met) {
    const double proj = T > t ? yt * std::pow(1.0 + ca.value, T - t) : yt;
    detail::put(r, "projected_value", proj);
    kept = detail::meets_directional(proj, ys, d);
  }
  if (met && kept && p.met_target_rule) {
    detail::set_label(r, p.met_label, detail::eurostat_text(p.met_label, true));
    r.message = "the latest value meets the target and the trend keeps it met by " + std::to_string(T);
    return r;
  }
  if (ys == y0) {
    if (met && p.met_target_rule) {
      // Met, base on the target, trend leaving it: the only way is away from the target.
      detail::set_label(r, "movement_away", detail::eurostat_text("movement_away", true));
      return r;
    }
    return detail::fail(r, "not_assessable", na_text, reasons::base_equals_target,
                        "target " + detail::num(ys) + " equals the base value " + detail::point_text(y0, t0) +
                            ": the required rate is 0 and RR does not exist");
  }
  const auto cr = detail::cagr(y0, t0, ys, T);
  if (!cr.ok()) return detail::fail(r, "not_assessable", na_text, cr.reason, "target: " + cr.message);
  detail::put(r, "cagr_required", cr.value);
  const double rr = p.literal_rr ? ca.value / cr.value : d * ca.value / std::abs(cr.value);
  detail::put(r, "ratio", rr);
  std::string code;
  if (rr >= p.rr_significant) code = "significant_progress";
  else if (rr >= p.rr_moderate) code = "moderate_progress";
  else if (rr >= p.rr_insufficient) code = "insufficient_progress";
  else code = "movement_away";
  detail::set_label(r, code, detail::eurostat_text(code, true));
  return r;
}

/// Eurostat reports a goal as the distribution of its indicators' classes, not as one class:
/// counts of each label (components `n_<label>`), `n_assessed` and `n_not_assessable`. The label is
/// the most frequent class among the assessed ones (ties: the less favourable; ontrack's choice,
/// since Eurostat publishes no single goal class), or `not_assessable` when none was assessed.
inline method_result aggregate_eurostat(const std::vector<method_result>& results) {
  method_result a;
  a.method = "eurostat";
  a.version = "eurostat-sdg-monitoring-2021";
  a.variant = "aggregate";
  static const char* order[] = {"significant_movement_away", "movement_away", "moderate_movement_away",
                                "insufficient_progress", "moderate_progress", "significant_progress"};
  std::size_t assessed = 0, best = 0;
  std::string code;
  bool with_target = false;
  for (const char* c : order) {
    const std::size_t k = detail::count_label(results, c);
    detail::put(a, std::string("n_") + c, static_cast<double>(k));
    assessed += k;
    if (k > best) best = k, code = c;
  }
  for (const auto& r : results)
    if (r.assessable() && r.variant.find("/target") != std::string::npos) with_target = true;
  detail::put(a, "n_assessed", static_cast<double>(assessed));
  detail::put(a, "n_not_assessable", static_cast<double>(results.size() - assessed));
  if (assessed == 0)
    return detail::fail(a, "not_assessable", "calculation of trend not possible", reasons::no_data,
                        "no assessed indicator");
  detail::set_label(a, code, detail::eurostat_text(code, with_target));
  return a;
}

}  // namespace ontrack::assess
