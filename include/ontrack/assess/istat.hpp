#pragma once
/// ISTAT / South Tyrol ASTAT: five CAGR bands between the window's end points, reversed for
/// indicators of negative polarity. docs/methods.md § istat.

#include <string>
#include <vector>

#include <ontrack/assess/method_result.hpp>

namespace ontrack::assess {

/// Parameters of the ISTAT mode (ASTAT trend_info, verified; ISTAT SDG Report 2019 pp. 37–38
/// not re-checked).
struct istat_params {
  /// Window in years; 0 = from the start of the available series (ASTAT's long-term variation).
  int window_years = 0;
  int min_points = 2;      ///< observations needed in the window
  double clear = 0.05;     ///< CAGR > this: clear improvement; ≤ −this: clear worsening
  double slight = 0.01;    ///< (slight, clear]: slight improvement; (−slight, slight]: stable
  /// Negative polarity: "the scale applies in the opposite way" — by default the classes are
  /// reversed on the raw CAGR (so −1 % exactly is slight improvement). On: the bands are applied
  /// to d·CAGR (the inclusive side of each boundary moves; inference).
  bool signed_rate_bands = false;
};

namespace detail {
inline std::string istat_text(const std::string& code) {
  if (code == "clear_improvement") return "clear improvement";
  if (code == "slight_improvement") return "slight improvement";
  if (code == "stable") return "stable";
  if (code == "slight_worsening") return "slight worsening";
  if (code == "clear_worsening") return "clear worsening";
  return "not assessable";
}
}  // namespace detail

/// ISTAT CAGR class of one series: clear_improvement, slight_improvement, stable,
/// slight_worsening, clear_worsening; `not_assessable` with a reason (too_few_points, base_zero,
/// sign_change, non_positive_value, duplicate_year, no_data). No target is used.
/// Throws std::invalid_argument for caller errors.
inline method_result assess_istat(const method_input& in, const istat_params& p = {}) {
  method_result r;
  r.method = "istat";
  r.version = "istat-sdg-report-2019 (ASTAT trend_info)";
  const auto bad = [&](const std::string& reason, const std::string& msg) -> method_result& {
    return detail::fail(r, "not_assessable", detail::istat_text("not_assessable"), reason, msg);
  };
  const auto s = detail::prepare(in, "istat");
  if (!s.ok()) return bad(s.reason, s.message);
  const std::size_t l = s.last();
  const int t = s.years[l];
  const std::size_t b = p.window_years > 0 ? s.first_from(t - p.window_years) : 0;
  const std::size_t n = l - b + 1;
  r.variant = p.window_years > 0 ? std::to_string(p.window_years) + "_years" : "long_term";
  detail::put(r, "n_points", static_cast<double>(n));
  if (n < static_cast<std::size_t>(std::max(2, p.min_points)))
    return bad(reasons::too_few_points, std::to_string(n) + " observation(s) in the window: at least " +
                                            std::to_string(std::max(2, p.min_points)) + " are needed");
  const int t0 = s.years[b];
  r.years_used = {t0, t};
  detail::put(r, "base_year", t0);
  detail::put(r, "base_value", s.values[b]);
  detail::put(r, "latest_year", t);
  detail::put(r, "latest_value", s.values[l]);
  const auto c = detail::cagr(s.values[b], t0, s.values[l], t);
  if (!c.ok()) return bad(c.reason, c.message);
  detail::put(r, "cagr_actual", c.value);
  const int d = in.direction;
  const bool flip = d < 0 && !p.signed_rate_bands;
  const double x = p.signed_rate_bands ? d * c.value : c.value;
  std::string code;
  if (x > p.clear) code = flip ? "clear_worsening" : "clear_improvement";
  else if (x > p.slight) code = flip ? "slight_worsening" : "slight_improvement";
  else if (x > -p.slight) code = "stable";
  else if (x > -p.clear) code = flip ? "slight_improvement" : "slight_worsening";
  else code = flip ? "clear_improvement" : "clear_worsening";
  detail::set_label(r, code, detail::istat_text(code));
  return r;
}

}  // namespace ontrack::assess
