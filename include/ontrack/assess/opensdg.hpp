#pragma once
/// Statistics Canada / Open SDG progress measure (sdg-build sdg/ProgressMeasure.py, released
/// in Open SDG 2.4.0): method 1 (no target: sign·direction·CAGR, thresholds scaled by the factor
/// C near a limit), method 2 (target: CAGR_a / |CAGR_r|), a score in [−5, 5], and the indicator
/// aggregation by the mean score. docs/methods.md § opensdg.

#include <algorithm>
#include <cmath>
#include <numeric>
#include <optional>
#include <string>
#include <vector>

#include <ontrack/assess/method_result.hpp>

namespace ontrack::assess {

/// Parameters of the Open SDG mode (all verified in sdg-build unless marked).
struct opensdg_params {
  int default_base_year = 2015;    ///< config `base_year` default
  int default_target_year = 2030;  ///< config `target_year` default
  /// Method 1 thresholds (`progress_thresholds` high/med/low), before scaling by C.
  double m1_high = 0.015, m1_med = 0.005, m1_low = 0.0;
  /// Method 2 thresholds on CAGR_a / |CAGR_r|.
  double m2_high = 0.95, m2_med = 0.60, m2_low = 0.0;
  /// A target or base value of 0 is replaced by this, with a warning (the doc warns that the
  /// choice changes the result).
  double zero_replacement = 0.001;
  /// Exponent a of the C factor.
  double c_exponent = 4.44;
  /// The limit of method 1 (config `limit`). Unset: the input's upper bound when higher is
  /// better, its lower bound when lower is better (ontrack's mapping of natural bounds).
  std::optional<double> limit;
  /// Take the limit from the input's bounds when `limit` is unset (ontrack's choice).
  bool limit_from_bounds = true;
};

namespace detail {
inline std::string opensdg_text(const std::string& code) {
  // Doc labels where the documentation records one; the other two are the codes in words.
  if (code == "target_achieved") return "Target achieved";
  if (code == "substantial_progress") return "On track";
  if (code == "moderate_progress") return "Progress made but acceleration needed";
  if (code == "limited_progress") return "Limited progress";
  if (code == "deterioration") return "Deterioration";
  return "Unable to assess";
}

/// The C factor: 1 far from the limit, falling to 0 at it (sdg-build get_progress_thresholds).
inline double opensdg_c(double base, double limit, double a) {
  const double y0 = std::abs(base), L = std::abs(limit);
  if (y0 >= 2 * L) return 1.0;  // tested first: base = limit = 0 gives 1
  if (y0 <= L) return 1.0 - std::pow(y0 / L, a);
  return 1.0 - std::pow((2 * L - y0) / L, a);
}

/// Score in [−5, 5]; hard-coded to the default thresholds as in the original.
inline double opensdg_score(int method, double pv, double high, double med, double low, double c) {
  if (method == 1) {
    if (pv < low) return std::max(125 * pv - 2.5, -5.0);
    if (c == 0) return 5.0;
    if (pv >= high) return std::min(500 * pv / c - 5, 5.0);
    if (pv >= med) return 250 * pv / c - 1.25;
    return 500 * pv / c - 2.5;
  }
  if (pv >= med) return std::min(7.1429 * pv - 4.2857, 5.0);
  return std::max(4.1667 * pv - 2.5, -5.0);
}

inline std::string opensdg_status_from_score(double score) {
  if (score >= 2.5) return "substantial_progress";
  if (score >= 0) return "moderate_progress";
  if (score >= -2.5) return "limited_progress";
  return "deterioration";
}
}  // namespace detail

/// Open SDG progress status of one series. Method 2 when the input has a target, else method 1.
/// Emits the code labels (`target_achieved`, `substantial_progress`, `moderate_progress`,
/// `limited_progress`, `deterioration`, `not_available`) with the documentation's texts.
/// Components: base/current year and value, target, target_year, direction, sign, limit, C,
/// thresholds, progress_value, score, target_achieved. A target achieved scores 5 even when no
/// progress value exists (as the original). Not assessable (`not_available`): no_data,
/// duplicate_year (the original raises), no_data_after_base, zero_span, sign_change,
/// base_equals_target (the original divides by zero). Throws std::invalid_argument for caller errors.
inline method_result assess_opensdg(const method_input& in, const opensdg_params& p = {}) {
  method_result r;
  r.method = "opensdg";
  r.version = "sdg-build@139fede7 (Open SDG 2.4.0)";
  const int want_base = detail::base_year_of(r, in, p.default_base_year);
  const auto na = [&](const std::string& reason, const std::string& msg) -> method_result& {
    return detail::fail(r, "not_available", detail::opensdg_text("not_available"), reason, msg);
  };
  const auto s = detail::prepare(in, "opensdg");
  const int method = in.target ? 2 : 1;
  r.variant = method == 1 ? "method_1" : "method_2";
  if (!s.ok()) return na(s.reason, s.message);
  const int d = in.direction;
  const std::size_t c = s.last();
  const int cy = s.years[c];
  double cv = s.values[c];
  const int T = in.target_year ? *in.target_year : p.default_target_year;
  std::optional<double> target = in.target;
  detail::put(r, "current_year", cy);
  detail::put(r, "current_value", cv);
  detail::put(r, "direction", d);
  detail::put(r, "target_year", T);
  if (target && *target == 0.0) {
    r.warnings.push_back("target is zero: calculating progress with target = " + detail::num(p.zero_replacement));
    target = p.zero_replacement;
  }
  if (target) detail::put(r, "target", *target);
  // Target achieved is tested first and overrides the trend.
  const bool achieved = target && detail::meets_directional(cv, *target, d);
  detail::put(r, "target_achieved", achieved ? 1.0 : 0.0);

  std::size_t b = s.find(want_base);
  if (b == s.size()) b = s.first_from(want_base + 1);  // the next year after it with data
  if (b == s.size()) {
    if (achieved) {
      detail::set_label(r, "target_achieved", detail::opensdg_text("target_achieved"));
      detail::put(r, "score", 5.0);
      r.years_used = {cy};
      return r;
    }
    return na(reasons::no_data_after_base, "no observation in or after base year " + std::to_string(want_base));
  }
  const int by = s.years[b];
  double bv = s.values[b];
  r.years_used = {by, cy};
  detail::put(r, "base_year", by);
  detail::put(r, "base_value", bv);
  const int sign = bv < 0 ? -1 : 1;  // before the zero replacement, as the original
  detail::put(r, "sign", sign);

  // Thresholds and C.
  double high = method == 1 ? p.m1_high : p.m2_high;
  double med = method == 1 ? p.m1_med : p.m2_med;
  double low = method == 1 ? p.m1_low : p.m2_low;
  double coeff = 1.0;
  std::optional<double> limit = p.limit;
  if (!limit && p.limit_from_bounds) limit = d > 0 ? in.upper_bound : in.lower_bound;
  if (limit) {
    detail::put(r, "limit", *limit);
    if (method == 1) {
      if (bv < *limit && d == -1)
        r.warnings.push_back("base value " + detail::num(bv) + " is below minimum limit " + detail::num(*limit));
      if (bv > *limit && d == 1)
        r.warnings.push_back("base value " + detail::num(bv) + " is above maximum limit " + detail::num(*limit));
      coeff = detail::opensdg_c(bv, *limit, p.c_exponent);
      high *= coeff;
      med *= coeff;
      low *= coeff;
      detail::put(r, "C", coeff);
    } else {
      r.warnings.push_back("ignoring limit " + detail::num(*limit) + " as a target is provided");
    }
  }
  detail::put(r, "threshold_high", high);
  detail::put(r, "threshold_med", med);
  detail::put(r, "threshold_low", low);

  const auto finish_achieved = [&]() -> method_result& {
    detail::set_label(r, "target_achieved", detail::opensdg_text("target_achieved"));
    detail::put(r, "score", 5.0);
    return r;
  };

  // Progress value (calculate_progress_value), in the original's order.
  if (bv == 0.0) {
    r.warnings.push_back("base value is zero: calculating progress with base value = " +
                         detail::num(p.zero_replacement));
    bv = p.zero_replacement;
  }
  std::string why, msg;
  if ((bv > 0 && cv < 0) || (bv < 0 && cv > 0)) {
    why = reasons::sign_change;
    msg = "base value " + detail::num(bv) + " and current value " + detail::num(cv) +
          " must both be positive or both negative";
  } else if (cy - by < 1) {
    why = reasons::zero_span;
    msg = "base year " + std::to_string(by) + " is the most recent year with data: at least 2 data points are needed";
  } else if (method == 2 && *target == bv) {
    why = reasons::base_equals_target;
    msg = "target " + detail::num(*target) + " equals the base value: the required growth is 0";
  } else if (method == 2 && (*target / bv) < 0) {
    why = reasons::sign_change;
    msg = "target " + detail::num(*target) + " and base value " + detail::num(bv) + " have opposite signs";
  }
  if (!why.empty()) {
    if (achieved) {
      r.warnings.push_back(msg);
      return finish_achieved();
    }
    return na(why, msg);
  }
  const auto growth = [](double v1, double v0, int t1, int t0) {
    const double q = v1 / v0;
    return q == 0.0 ? -1.0 : std::expm1(std::log(q) / static_cast<double>(t1 - t0));
  };
  const double cagr_o = growth(cv, bv, cy, by);
  detail::put(r, "cagr_actual", cagr_o);
  double pv = 0;
  if (method == 1) {
    pv = sign * d * cagr_o;
  } else {
    const double cagr_r = growth(*target, bv, T, by);
    detail::put(r, "cagr_required", cagr_r);
    if (T == by) {
      if (achieved) return finish_achieved();
      return na(reasons::target_year_not_after_base, "target year equals the base year " + std::to_string(by));
    }
    pv = sign * d * cagr_o / std::abs(cagr_r);
  }
  detail::put(r, "progress_value", pv);
  const double score = detail::opensdg_score(method, pv, high, med, low, coeff);
  if (achieved) return finish_achieved();
  detail::put(r, "score", score);
  std::string code;
  if (pv >= high) code = "substantial_progress";
  else if (pv >= med) code = "moderate_progress";
  else if (pv >= low) code = "limited_progress";
  else code = "deterioration";
  detail::set_label(r, code, detail::opensdg_text(code));
  return r;
}

/// The C factor of a bounded indicator (method 1): 1 at 2·limit or beyond, falling to 0 at the
/// limit (base 95, limit 100 → 0.2037; base 99 → 0.0436). Exposed so that a caller can show how
/// much the thresholds shrink near a bound.
inline double opensdg_c_factor(double base, double limit, double exponent = 4.44) {
  return detail::opensdg_c(base, limit, exponent);
}

/// Open SDG's method-2 score of a progress value, and method 1's (with C), as the original's
/// hard-coded functions: exposed because the score, not the status, is what aggregates.
inline double opensdg_score(int method, double progress_value, double coefficient = 1.0,
                            const opensdg_params& p = {}) {
  if (method == 1)
    return detail::opensdg_score(1, progress_value, p.m1_high * coefficient, p.m1_med * coefficient,
                                 p.m1_low * coefficient, coefficient);
  return detail::opensdg_score(2, progress_value, p.m2_high, p.m2_med, p.m2_low, 1.0);
}

/// Indicator (or group) status from series results: the **mean** of the scores present (results
/// without a score are left out, as the original's TODO leaves them), banded [2.5, 5]
/// substantial, [0, 2.5) moderate, [−2.5, 0) limited, [−5, −2.5) deterioration;
/// `target_achieved` only when every scored result is achieved. Results may themselves be
/// aggregates, so sub-series groups are averaged first at any depth (doc). `use_min` reproduces
/// the earlier version of the same file, which aggregated with `min`.
inline method_result aggregate_opensdg(const std::vector<method_result>& results, bool use_min = false) {
  method_result a;
  a.method = "opensdg";
  a.version = "sdg-build@139fede7 (Open SDG 2.4.0)";
  a.variant = use_min ? "aggregate_min" : "aggregate_mean";
  std::vector<double> scores;
  bool all_achieved = true;
  for (const auto& r : results) {
    const auto sc = r.component("score");
    if (!sc) continue;
    scores.push_back(*sc);
    all_achieved = all_achieved && r.label == "target_achieved";
  }
  detail::put(a, "n_scored", static_cast<double>(scores.size()));
  detail::put(a, "n_unscored", static_cast<double>(results.size() - scores.size()));
  if (scores.empty())
    return detail::fail(a, "not_available", detail::opensdg_text("not_available"), reasons::no_data,
                        "no series has a score");
  const double score = use_min ? *std::min_element(scores.begin(), scores.end())
                               : std::accumulate(scores.begin(), scores.end(), 0.0) / static_cast<double>(scores.size());
  detail::put(a, "score", score);
  const std::string code = all_achieved ? "target_achieved" : detail::opensdg_status_from_score(score);
  detail::set_label(a, code, detail::opensdg_text(code));
  return a;
}

}  // namespace ontrack::assess
