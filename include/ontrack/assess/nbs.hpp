#pragma once
/// China National Bureau of Statistics practice in monitoring the women's and children's
/// development outlines: each indicator classed by its *level* at an evaluation (mid-term or
/// final) — 提前实现 achieved early, 已实现 achieved, 基本实现 basically achieved, 未实现 not
/// achieved — and the overall 达标率 (achievement rate) over monitorable indicators.
/// docs/methods.md § nbs.

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include <ontrack/assess/method_result.hpp>

namespace ontrack::assess {

/// Parameters of the NBS mode. No tolerance for 基本实现 has been published: without
/// `tolerance` the label `basically_achieved` is never produced (there is deliberately no
/// default presented as official).
struct nbs_params {
  std::optional<double> tolerance;  ///< τ for 基本实现; required for that label
  bool tolerance_relative = false;  ///< τ as a share of |X| instead of indicator units
  /// Evaluation year; unset: the input's `as_of`, else the latest observation's year.
  std::optional<int> evaluation_year;
};

namespace detail {
inline std::string nbs_text(const std::string& code) {
  if (code == "achieved_early") return "\xE6\x8F\x90\xE5\x89\x8D\xE5\xAE\x9E\xE7\x8E\xB0";      // 提前实现
  if (code == "achieved") return "\xE5\xB7\xB2\xE5\xAE\x9E\xE7\x8E\xB0";                          // 已实现
  if (code == "basically_achieved") return "\xE5\x9F\xBA\xE6\x9C\xAC\xE5\xAE\x9E\xE7\x8E\xB0";  // 基本实现
  if (code == "not_achieved") return "\xE6\x9C\xAA\xE5\xAE\x9E\xE7\x8E\xB0";                      // 未实现
  if (code == "achievement_rate") return "\xE8\xBE\xBE\xE6\xA0\x87\xE7\x8E\x87";                  // 达标率
  return "\xE2\x80\x94";  // — (no published text)
}
}  // namespace detail

/// NBS status of one indicator at an evaluation. "Met" follows the target kind: floor y ≥ X,
/// ceiling y ≤ X, band |y − X| ≤ w, level (达到 X): the side of X seen from the base, direction:
/// d·(y − y_base) > 0. Met before the target year → achieved_early, in/after it → achieved;
/// not met but within τ (floor y ≥ X − τ, ceiling y ≤ X + τ, band |y − X| ≤ w + τ; never for
/// direction targets) → basically_achieved; otherwise not_achieved. No data, or no target for a
/// kind that needs one → not_monitorable. Level only: a met but falling floor counts as met.
/// Throws std::invalid_argument for caller errors (and a negative tolerance).
inline method_result assess_nbs(const method_input& in, const nbs_params& p = {}) {
  method_result r;
  r.method = "nbs";
  r.version = "nbs-outline-monitoring (2016 mid-term, 2021 final reports)";
  // The outline's baseline year; without one, the first observation.
  if (in.base_year) r.base_year_source = in.base_year_source;
  if (p.tolerance && !(std::isfinite(*p.tolerance) && *p.tolerance >= 0))
    throw std::invalid_argument("nbs: tolerance is " + detail::num(*p.tolerance) + ": it must be a finite number >= 0");
  const auto tc = detail::classify_target(in, "nbs");
  const auto lab = [&](const std::string& code) -> method_result& {
    detail::set_label(r, code, detail::nbs_text(code));
    return r;
  };
  const auto bad = [&](const std::string& reason, const std::string& msg) -> method_result& {
    return detail::fail(r, "not_monitorable", detail::nbs_text("not_monitorable"), reason, msg);
  };
  method_input cut = in;
  if (p.evaluation_year) cut.as_of = in.as_of ? std::min(*in.as_of, *p.evaluation_year) : *p.evaluation_year;
  const auto s = detail::prepare(cut, "nbs");
  static const char* forms[] = {"floor", "ceiling", "band", "direction", "level"};
  r.variant = forms[static_cast<int>(tc.form)];
  if (!s.ok()) return bad(s.reason, s.message);
  const std::size_t l = s.last();
  const int ly = s.years[l];
  const double y = s.values[l];
  const int E = p.evaluation_year ? *p.evaluation_year : (in.as_of ? *in.as_of : ly);
  detail::put(r, "evaluation_year", E);
  detail::put(r, "latest_year", ly);
  detail::put(r, "latest_value", y);
  r.years_used = {ly};
  const bool early = in.target_year && E < *in.target_year;
  if (in.target_year) detail::put(r, "target_year", *in.target_year);
  const int d = in.direction;

  target_form form = tc.form;
  if (form == target_form::direction) {
    const std::size_t b = in.base_year ? s.find(*in.base_year) : 0;
    if (b == s.size()) return bad(reasons::no_data_after_base, "no observation in the base year " + std::to_string(*in.base_year));
    if (b == l) return bad(reasons::too_few_points, "a change since the baseline needs a later observation");
    r.years_used = {s.years[b], ly};
    detail::put(r, "base_year", s.years[b]);
    detail::put(r, "base_value", s.values[b]);
    const double change = y - s.values[b];
    detail::put(r, "change", change);
    return lab(d * change > 0 ? (early ? "achieved_early" : "achieved") : "not_achieved");
  }
  if (!in.target) return bad(reasons::no_target, "a " + r.variant + " target needs a target value");
  const double X = *in.target;
  detail::put(r, "target", X);
  if (form == target_form::level) {
    // 达到 X (no 以上): direction = sign(X − base).
    const std::size_t b = in.base_year ? s.find(*in.base_year) : 0;
    const double base = b < s.size() ? s.values[b] : s.values[0];
    form = X > base ? target_form::floor : X < base ? target_form::ceiling
                                                    : (d > 0 ? target_form::floor : target_form::ceiling);
    detail::put(r, "base_value", base);
  }
  const double w = in.band_width ? *in.band_width : 0.0;
  const auto met_with = [&](double slack) {
    if (form == target_form::floor) return y >= X - slack;
    if (form == target_form::ceiling) return y <= X + slack;
    return std::abs(y - X) <= w + slack;
  };
  detail::put(r, "gap", y - X);
  if (met_with(0.0)) return lab(early ? "achieved_early" : "achieved");
  if (p.tolerance) {
    const double tau = p.tolerance_relative ? *p.tolerance * std::abs(X) : *p.tolerance;
    detail::put(r, "tolerance", tau);
    if (met_with(tau)) return lab("basically_achieved");
  }
  return lab("not_achieved");
}

/// 达标率: (提前实现 + 已实现 + 基本实现) / monitorable indicators (not_monitorable excluded
/// from the denominator). Label `achievement_rate` (达标率); components rate, n_monitorable and
/// the count of each label. No monitorable indicator → not_monitorable (reason no_data).
inline method_result aggregate_nbs(const std::vector<method_result>& results) {
  method_result a;
  a.method = "nbs";
  a.version = "nbs-outline-monitoring (2016 mid-term, 2021 final reports)";
  a.variant = "achievement_rate";
  const double early = static_cast<double>(detail::count_label(results, "achieved_early"));
  const double done = static_cast<double>(detail::count_label(results, "achieved"));
  const double basic = static_cast<double>(detail::count_label(results, "basically_achieved"));
  const double notyet = static_cast<double>(detail::count_label(results, "not_achieved"));
  const double monitorable = early + done + basic + notyet;
  detail::put(a, "n_achieved_early", early);
  detail::put(a, "n_achieved", done);
  detail::put(a, "n_basically_achieved", basic);
  detail::put(a, "n_not_achieved", notyet);
  detail::put(a, "n_not_monitorable", static_cast<double>(results.size()) - monitorable);
  detail::put(a, "n_monitorable", monitorable);
  if (monitorable == 0)
    return detail::fail(a, "not_monitorable", detail::nbs_text("not_monitorable"), reasons::no_data,
                        "no monitorable indicator");
  detail::put(a, "rate", (early + done + basic) / monitorable);
  detail::set_label(a, "achievement_rate", detail::nbs_text("achievement_rate"));
  return a;
}

}  // namespace ontrack::assess
