#pragma once
/// INE Portugal: the direction of the change between the latest year and the first year since
/// 2015 (favourable, unfavourable, unchanged), or "target achieved" (favourable).
/// docs/methods.md § ine.

#include <cmath>
#include <string>
#include <vector>

#include <ontrack/assess/method_result.hpp>

namespace ontrack::assess {

/// Parameters of the INE mode (ine.pt ODS 2022, verified; tolerance and flag: inference).
struct ine_params {
  int default_base_year = 2015;  ///< base = first observation in a year ≥ this
  /// |change| ≤ this → unchanged (no tolerance is published: default 0, exact equality).
  double unchanged_tolerance = 0.0;
  bool tolerance_relative = false;  ///< tolerance as a share of |base| instead of indicator units
  /// "Irregular or inconclusive" is a judgement: set it to force `not_evaluated` (reason manual).
  bool inconclusive = false;
};

namespace detail {
inline std::string ine_text(const std::string& code) {
  if (code == "favourable") return "favourable evolution or target achieved";
  if (code == "unfavourable") return "evolution in the opposite direction";
  if (code == "unchanged") return "unchanged";
  return "no evaluation: series too short, irregular or inconclusive";
}
}  // namespace detail

/// INE Portugal evaluation of one series: favourable, unfavourable, unchanged, not_evaluated.
/// Throws std::invalid_argument for caller errors.
inline method_result assess_ine(const method_input& in, const ine_params& p = {}) {
  method_result r;
  r.method = "ine";
  r.version = "ine-pt-ods-2022";
  const int base = detail::base_year_of(r, in, p.default_base_year);
  const auto lab = [&](const std::string& code) -> method_result& {
    detail::set_label(r, code, detail::ine_text(code));
    return r;
  };
  const auto bad = [&](const std::string& reason, const std::string& msg) -> method_result& {
    return detail::fail(r, "not_evaluated", detail::ine_text("not_evaluated"), reason, msg);
  };
  const auto s = detail::prepare(in, "ine");
  if (p.inconclusive) return bad(reasons::manual, "flagged irregular or inconclusive");
  if (!s.ok()) return bad(s.reason, s.message);
  const std::size_t b = s.first_from(base);
  const std::size_t l = s.last();
  if (b == s.size() || b == l)
    return bad(reasons::too_few_points, "fewer than two observations since " + std::to_string(base));
  r.years_used = {s.years[b], s.years[l]};
  const double vb = s.values[b], vl = s.values[l];
  detail::put(r, "base_year", s.years[b]);
  detail::put(r, "base_value", vb);
  detail::put(r, "latest_year", s.years[l]);
  detail::put(r, "latest_value", vl);
  const int d = in.direction;
  if (in.target) {
    detail::put(r, "target", *in.target);
    if (detail::meets_directional(vl, *in.target, d)) {
      r.variant = "target_achieved";
      return lab("favourable");
    }
  }
  const double change = d * (vl - vb);
  detail::put(r, "change", vl - vb);
  const double tol = p.tolerance_relative ? p.unchanged_tolerance * std::abs(vb) : p.unchanged_tolerance;
  if (std::abs(change) <= tol) return lab("unchanged");
  return lab(change > 0 ? "favourable" : "unfavourable");
}

}  // namespace ontrack::assess
