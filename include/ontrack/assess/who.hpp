#pragma once
/// WHO / UNICEF average annual rate of reduction (ARR/AARR): the observed rate against the rate
/// required from the baseline to the target, on course or off course. For reduction indicators
/// (lower is better) only. docs/methods.md § who_arr.

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include <ontrack/assess/method_result.hpp>

namespace ontrack::assess {

/// Parameters of the WHO ARR mode.
struct who_params {
  int default_target_year = 2030;
  /// Two-point ARR = −ln(y_t/y_b)/(t − b) (verified: WHOmmr calc_bau_arr) by default; on: the
  /// regression AARR = 1 − e^β, β the OLS slope of ln y on year from the base on (verified:
  /// billionaiRe get_aarr, ×100 there), compared with the required 1 − (y*/y_b)^(1/(T − b)).
  bool regression = false;
};

namespace detail {
inline std::string who_text(const std::string& code) {
  if (code == "on_course") return "on course";
  if (code == "off_course") return "off course";
  return "not assessable";
}
}  // namespace detail

/// WHO/UNICEF ARR check of one series: on_course when the latest value already meets the target
/// or the observed rate of reduction is at least the required one; off_course otherwise.
/// Components: arr_observed, arr_required (fractions per year; the required rate is absent for
/// a target of 0, which needs an infinite rate), projected_value = y_t·e^(−ARR·(T − t)) (two-point).
/// Base = the input's base year (its observation, else the first after it), else the first
/// observation. Not assessable: unsupported_direction (higher is better), no_target, base_zero,
/// non_positive_value, zero_span. Throws std::invalid_argument for caller errors.
inline method_result assess_who_arr(const method_input& in, const who_params& p = {}) {
  method_result r;
  r.method = "who_arr";
  r.version = "who-unicef-aarr (WHOmmr, billionaiRe)";
  // Without a base year the first observation is the base (the ARR tool's baseline).
  if (in.base_year) r.base_year_source = in.base_year_source;
  r.variant = p.regression ? "regression_aarr" : "two_point_arr";
  const auto lab = [&](const std::string& code) -> method_result& {
    detail::set_label(r, code, detail::who_text(code));
    return r;
  };
  const auto bad = [&](const std::string& reason, const std::string& msg) -> method_result& {
    return detail::fail(r, "not_assessable", detail::who_text("not_assessable"), reason, msg);
  };
  const auto s = detail::prepare(in, "who_arr");
  if (!s.ok()) return bad(s.reason, s.message);
  if (in.direction > 0)
    return bad(reasons::unsupported_direction, "rates of reduction apply to indicators where lower is better");
  if (!in.target) return bad(reasons::no_target, "the ARR check needs a target value");
  const std::size_t b = in.base_year ? s.first_from(*in.base_year) : 0;
  const std::size_t l = s.last();
  if (b == s.size()) return bad(reasons::no_data_after_base, "no observation in or after the base year");
  const int by = s.years[b], t = s.years[l];
  const double yb = s.values[b], yt = s.values[l], ys = *in.target;
  const int T = in.target_year ? *in.target_year : p.default_target_year;
  r.years_used.assign(s.years.begin() + static_cast<std::ptrdiff_t>(b), s.years.end());
  if (!p.regression) r.years_used = by == t ? std::vector<int>{t} : std::vector<int>{by, t};
  detail::put(r, "base_year", by);
  detail::put(r, "base_value", yb);
  detail::put(r, "latest_year", t);
  detail::put(r, "latest_value", yt);
  detail::put(r, "target", ys);
  detail::put(r, "target_year", T);
  if (yt <= ys) return lab("on_course");
  if (by == t) return bad(reasons::zero_span, "base year " + std::to_string(by) + " is the latest year");
  if (yb == 0.0) return bad(reasons::base_zero, "a rate of reduction from zero does not exist");
  if (ys < 0) return bad(reasons::non_positive_value, "target " + detail::num(ys) + " is negative");
  if (T <= by)
    return bad(reasons::target_year_not_after_base, "target year " + std::to_string(T) + " is not after " + std::to_string(by));
  double obs = 0, req = 0;
  if (!p.regression) {
    if (yb < 0 || yt < 0) return bad(reasons::non_positive_value, "rates of reduction need positive values");
    obs = -std::log(yt / yb) / (t - by);  // yt > ys ≥ 0, so finite
    req = ys > 0 ? -std::log(ys / yb) / (T - by) : std::numeric_limits<double>::infinity();
    detail::put(r, "projected_value", yt * std::exp(-obs * (T - t)));
  } else {
    double sx = 0, sy = 0, sxx = 0, sxy = 0, n = 0;
    for (std::size_t i = b; i <= l; ++i) {
      if (!(s.values[i] > 0)) return bad(reasons::non_positive_value, "ln y needs positive values");
      const double x = s.years[i] - by, y = std::log(s.values[i]);
      sx += x, sy += y, sxx += x * x, sxy += x * y, n += 1;
    }
    const double beta = (sxy - sx * sy / n) / (sxx - sx * sx / n);
    detail::put(r, "log_slope", beta);
    obs = -std::expm1(beta);
    req = ys > 0 ? -std::expm1(std::log(ys / yb) / (T - by)) : 1.0;
  }
  detail::put(r, "arr_observed", obs);
  detail::put(r, "arr_required", req);
  return lab(obs >= req ? "on_course" : "off_course");
}

}  // namespace ontrack::assess
