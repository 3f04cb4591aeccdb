#pragma once
/// UN Statistics Division progress assessment.
///
/// * `unsd`: the country-level rule set of the SDG Progress Chart / Technical Note (CAGRR,
///   CAGRA, AARRR, CAGRR+AARRR, Doubling, Halving, Binary, Likert, SpecialGINI), the 0.9995
///   "achieved" tolerance, the current-level bins, and the series → goal aggregation by codes
///   1–4 into On Track / For Review / Identified Gap.
/// * `unsd_expected`: the 2023+ expected-value form, ratio = (ŷ_T − y_b)/(y* − y_b).
///
/// docs/methods.md § unsd and § unsd_expected.

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include <ontrack/assess/method_result.hpp>

namespace ontrack::assess {

/// The UNSD `trendMethodology` values.
enum class unsd_methodology { cagrr, cagra, aarrr, cagrr_aarrr, doubling, halving, binary, likert, special_gini };

/// The UNSD `normativeDirection`; `from_direction` reads `method_input::direction`
/// (+1 → increase, −1 → decrease).
enum class unsd_normative { from_direction, increase, decrease, not_increase, not_decrease };

/// Parameters of the UNSD country rule set (verified in a public implementation of the rules
/// unless marked). Defaults fix the rule set's documented defects; each `reproduce_*` switch
/// restores the original behaviour exactly.
struct unsd_params {
  /// `trendMethodology`. Unset: CAGRR when the input has a target, CAGRA when limits are given,
  /// otherwise `methodology_unavailable` (ontrack's choice of default).
  std::optional<unsd_methodology> methodology;
  unsd_normative normative = unsd_normative::from_direction;  ///< `normativeDirection`
  int baseline_year = 2015;        ///< `baselineYear`: base = last observation in a year ≤ this
  int no_data_after_year = 2015;   ///< final year ≤ this → no_data_after_2015 (hard-coded 2015)
  int target_year = 2030;          ///< required rates run to this year (input target_year wins)
  std::optional<double> cagr_required;  ///< `CAGRRequire`: a given required rate
  double achieved_tolerance = 0.9995;   ///< final/target (increase) or target/final > this
  double cr_on_track = 0.95;   ///< CR ≥: on_track
  double cr_fair = 0.5;        ///< CR in [this, on_track): fair_progress
  double cr_limited = -0.1;    ///< CR in [this, fair): limited_or_no_progress; below: deterioration
  /// `CAGRLimit[0..2]` (L0 ≥ L1 ≥ L2) for CAGRA; no default (per indicator).
  std::optional<double> cagr_limit_0, cagr_limit_1, cagr_limit_2;
  double aarr_fair = 0.5;       ///< AARRR: obs ≥ this → fair (a fraction compared with 0.5: see docs)
  double aarr_limited = -0.5;   ///< AARRR: this < obs < fair → limited
  double gini_cagr = -0.01;     ///< SpecialGINI: CAGR < this and points ≤ −gini_points → on_track
  double gini_points = 1.0;     ///< SpecialGINI: change in "points" (percent) cut-off
  std::optional<double> binary_required;  ///< Binary: required value (default: target, else 1)
  /// Current-level thresholds: 4 numbers for 5 bins, 2 for the 3-bin variant; empty = no level.
  std::vector<double> level_thresholds;
  /// Current-level names (codes); empty = the published five (or, for 3 bins, ontrack's three).
  std::vector<std::string> level_names;
  /// CAGRR, CAGRA and CAGRR+AARRR test only the literal `increase`/`decrease` for "achieved" and
  /// for "met at base but worse since", so `not increase`/`not decrease` never reach them.
  bool reproduce_literal_direction = false;
  /// CAGRA decrease branch: `CAGR == L1` falls to deterioration.
  bool reproduce_cagra_gap = false;
  /// Likert: non-integer steps fall to deterioration.
  bool reproduce_likert_gap = false;
  /// SpecialGINI: "points" are a percentage of the *final* value (default: of the base value).
  bool reproduce_gini_final = false;
  /// AARRR does not flip the sign for increase targets (faster growth reads as worse).
  bool reproduce_aarrr_sign = false;
  /// 3-bin current level: no direction handling (`> th` even when lower is better).
  bool reproduce_level_no_direction = false;
};

namespace detail {
inline std::string unsd_text(const std::string& code) {
  if (code == "target_achieved") return "Target Achieved";
  if (code == "on_track") return "On Track";
  if (code == "fair_progress") return "Fair progress but acceleration needed";
  if (code == "limited_or_no_progress") return "Limited or No Progress";
  if (code == "deterioration") return "Deterioration";
  if (code == "target_not_achieved") return "Target Not Achieved";
  if (code == "insufficient_data") return "Insufficient Data";
  if (code == "no_data_after_2015") return "No Data After 2015";
  if (code == "methodology_unavailable") return "Methodology Unavailable";
  if (code == "for_review") return "For Review";
  if (code == "identified_gap") return "Identified Gap";
  if (code == "no_status") return "No status";
  if (code == "target_met_or_almost_met") return "Target met or almost met";
  if (code == "close_to_target") return "Close to target";
  if (code == "moderate_distance_to_target") return "Moderate distance to target";
  if (code == "far_from_target") return "Far from target";
  if (code == "very_far_from_target") return "Very far from target";
  return code;
}

inline const char* unsd_methodology_name(unsd_methodology m) {
  switch (m) {
    case unsd_methodology::cagrr: return "CAGRR";
    case unsd_methodology::cagra: return "CAGRA";
    case unsd_methodology::aarrr: return "AARRR";
    case unsd_methodology::cagrr_aarrr: return "CAGRR+AARRR";
    case unsd_methodology::doubling: return "Doubling";
    case unsd_methodology::halving: return "Halfing";
    case unsd_methodology::binary: return "Binary";
    case unsd_methodology::likert: return "Likert";
    case unsd_methodology::special_gini: return "SpecialGINI";
  }
  return "";
}

/// "Achieved" with the 0.9995 tolerance. The ratio forms assume positive values; for a target
/// of 0 (increase) or a negative final value (decrease), where the original divides by zero or
/// compares meaningless ratios, ontrack compares the values directly.
inline bool unsd_achieved(double final_v, double target, bool increase, double tol) {
  if (increase) return target > 0 ? final_v / target > tol : final_v >= target;
  if (final_v == 0.0) return true;
  if (final_v > 0) return target / final_v > tol;
  return final_v <= target;
}
}  // namespace detail


namespace detail {
/// The current-level bin (separate from the trend): 5 bins from 4 thresholds, the 3-bin variant
/// from 2, or Likert's distance in steps. Stored in other_labels["current_level"].
inline void unsd_level(method_result& r, const unsd_params& p, bool increase, double fv,
                       std::optional<double> likert_target) {
  std::vector<std::string> names = p.level_names;
  const std::vector<std::string> five = {"target_met_or_almost_met", "close_to_target", "moderate_distance_to_target",
                                         "far_from_target", "very_far_from_target"};
  std::optional<std::size_t> k;
  if (likert_target) {
    if (names.empty()) names = five;
    // target − final = 0…3 steps → the first four names (reversed when lower is better; a value
    // beyond the target counts as 0 steps; 4+ or non-integer → the fifth: ontrack's reading).
    const double steps = std::max(0.0, (increase ? 1 : -1) * (*likert_target - fv));
    k = steps <= 3 && steps == std::floor(steps) ? static_cast<std::size_t>(steps) : std::size_t{4};
  } else if (p.level_thresholds.size() == 4) {
    if (names.empty()) names = five;
    k = 4;
    for (std::size_t i = 0; i < 4; ++i)
      if (increase ? fv > p.level_thresholds[i] : fv <= p.level_thresholds[i]) {
        k = i;
        break;
      }
  } else if (p.level_thresholds.size() == 2) {
    if (names.empty()) names = {"target_met_or_almost_met", "moderate_distance_to_target", "far_from_target"};
    const bool up = increase || p.reproduce_level_no_direction;
    k = 2;
    for (std::size_t i = 0; i < 2; ++i)
      if (up ? fv > p.level_thresholds[i] : fv <= p.level_thresholds[i]) {
        k = i;
        break;
      }
  }
  if (k && *k < names.size()) {
    r.other_labels["current_level"] = {names[*k], unsd_text(names[*k])};
    put(r, "level_bin", static_cast<double>(*k));
  }
}
}  // namespace detail

/// UNSD country-level trend status of one series. Labels: target_achieved, on_track,
/// fair_progress, limited_or_no_progress, deterioration, target_not_achieved (Binary),
/// insufficient_data, no_data_after_2015, methodology_unavailable. The current level (when
/// thresholds are given, or Likert with a target) is in `other_labels["current_level"]`.
/// Reads years, values, direction (unless `normative` is set), target, target_year, base_year
/// (overrides `baseline_year`), as_of. Throws std::invalid_argument for caller errors.
inline method_result assess_unsd(const method_input& in, const unsd_params& p = {}) {
  method_result r;
  r.method = "unsd";
  r.version = "unsd-progress-chart-country-rules-2022";
  const int baseline = detail::base_year_of(r, in, p.baseline_year);
  const auto lab = [&](const std::string& code) -> method_result& {
    detail::set_label(r, code, detail::unsd_text(code));
    return r;
  };
  const auto bad = [&](const std::string& code, const std::string& reason, const std::string& msg) -> method_result& {
    return detail::fail(r, code, detail::unsd_text(code), reason, msg);
  };
  const auto s = detail::prepare(in, "unsd");
  std::optional<unsd_methodology> m = p.methodology;
  if (!m) {
    if (in.target || p.cagr_required) m = unsd_methodology::cagrr;
    else if (p.cagr_limit_0 && p.cagr_limit_1 && p.cagr_limit_2) m = unsd_methodology::cagra;
  }
  if (!m) return bad("methodology_unavailable", reasons::no_method, "no trend methodology for this series");
  r.variant = detail::unsd_methodology_name(*m);
  if (!s.ok()) return bad("insufficient_data", s.reason, s.message);

  unsd_normative nd = p.normative;
  if (nd == unsd_normative::from_direction) nd = in.direction > 0 ? unsd_normative::increase : unsd_normative::decrease;
  const bool inc = nd == unsd_normative::increase || nd == unsd_normative::not_decrease;
  const bool literal = nd == unsd_normative::increase || nd == unsd_normative::decrease;
  detail::put(r, "direction", inc ? 1 : -1);

  const std::size_t f = s.last();
  const int fy = s.years[f];
  const double fv = s.values[f];
  std::size_t b = s.last_until(baseline);
  if (b == s.size()) b = 0;  // no observation up to the baseline year: the first one
  const int by = s.years[b];
  const double bv = s.values[b];
  const int T = in.target_year ? *in.target_year : p.target_year;
  r.years_used = by == fy ? std::vector<int>{fy} : std::vector<int>{by, fy};
  detail::put(r, "base_year", by);
  detail::put(r, "base_value", bv);
  detail::put(r, "latest_year", fy);
  detail::put(r, "latest_value", fv);
  const std::string no_after = "latest year " + std::to_string(fy) + " is not after " + std::to_string(p.no_data_after_year);

  if (*m == unsd_methodology::binary) {
    const double req = p.binary_required ? *p.binary_required : (in.target ? *in.target : 1.0);
    detail::put(r, "required_value", req);
    r.years_used = {fy};
    if (fy <= p.no_data_after_year) return bad("no_data_after_2015", reasons::no_data_after_base, no_after);
    return lab(fv == req ? "target_achieved" : "target_not_achieved");
  }
  if (fy <= p.no_data_after_year) return bad("no_data_after_2015", reasons::no_data_after_base, no_after);
  if (fy > by) detail::unsd_level(r, p, inc, fv, *m == unsd_methodology::likert ? in.target : std::nullopt);

  const double tol = p.achieved_tolerance;
  const std::string zero_span_msg = "base year " + std::to_string(by) + " is the latest year: no rate exists";
  const auto cagr_of = [&](double v0, int t0, double v1, int t1) { return detail::cagr(v0, t0, v1, t1); };
  // "Met at base but worse since".
  const auto worse_since_met_base = [&](double target) {
    return inc ? (bv >= target && bv > fv) : (bv <= target && bv < fv);
  };
  const auto cr_class = [&](double cr) -> method_result& {
    detail::put(r, "ratio", cr);
    if (cr >= p.cr_on_track) return lab("on_track");
    if (cr >= p.cr_fair) return lab("fair_progress");
    if (cr >= p.cr_limited) return lab("limited_or_no_progress");
    return lab("deterioration");
  };

  switch (*m) {
    case unsd_methodology::likert: {
      if (in.target) detail::put(r, "target", *in.target);
      if (in.target && fv == *in.target) return lab("target_achieved");
      if (by == fy) return bad("insufficient_data", reasons::zero_span, zero_span_msg);
      const double steps = (inc ? 1 : -1) * (fv - bv);
      detail::put(r, "steps", steps);
      if (p.reproduce_likert_gap) {
        if (steps >= 2) return lab("on_track");
        if (steps == 1) return lab("fair_progress");
        if (steps == 0) return lab("limited_or_no_progress");
        return lab("deterioration");
      }
      if (steps >= 2) return lab("on_track");
      if (steps >= 1) return lab("fair_progress");
      if (steps >= 0) return lab("limited_or_no_progress");
      return lab("deterioration");
    }
    case unsd_methodology::special_gini: {
      if (in.target) {
        detail::put(r, "target", *in.target);
        if (detail::unsd_achieved(fv, *in.target, false, tol)) return lab("target_achieved");
      }
      if (by == fy) return bad("insufficient_data", reasons::zero_span, zero_span_msg);
      const auto c = cagr_of(bv, by, fv, fy);
      if (!c.ok()) return bad("insufficient_data", c.reason, c.message);
      detail::put(r, "cagr_actual", c.value);
      const double denom = p.reproduce_gini_final ? fv : bv;
      if (denom == 0.0)
        return bad("insufficient_data", reasons::base_zero, "SpecialGINI: change in points of a zero value");
      const double pc = (fv - bv) * 100.0 / denom;
      detail::put(r, "points_change", pc);
      if (c.value < p.gini_cagr && pc <= -p.gini_points) return lab("on_track");
      if (pc <= -p.gini_points) return lab("fair_progress");
      if (pc > -p.gini_points && pc < p.gini_points) return lab("limited_or_no_progress");
      return lab("deterioration");
    }
    case unsd_methodology::cagra: {
      if (!(p.cagr_limit_0 && p.cagr_limit_1 && p.cagr_limit_2))
        return bad("methodology_unavailable", reasons::missing_parameter, "CAGRA needs CAGRLimit[0..2]");
      const double L0 = *p.cagr_limit_0, L1 = *p.cagr_limit_1, L2 = *p.cagr_limit_2;
      detail::put(r, "cagr_limit_0", L0);
      detail::put(r, "cagr_limit_1", L1);
      detail::put(r, "cagr_limit_2", L2);
      if (in.target) {
        detail::put(r, "target", *in.target);
        if ((literal || !p.reproduce_literal_direction) && detail::unsd_achieved(fv, *in.target, inc, tol))
          return lab("target_achieved");
      }
      if (by == fy) return bad("insufficient_data", reasons::zero_span, zero_span_msg);
      const auto c = cagr_of(bv, by, fv, fy);
      if (!c.ok()) return bad("insufficient_data", c.reason, c.message);
      const double g = c.value;
      detail::put(r, "cagr_actual", g);
      if (inc) {
        if (g > L0) return lab("on_track");
        if (g > L1) return lab("fair_progress");
        if (g > L2) return lab("limited_or_no_progress");
        return lab("deterioration");
      }
      if (g < L2) return lab("on_track");
      if (g < L1) return lab("fair_progress");
      if ((p.reproduce_cagra_gap ? g > L1 : g >= L1) && g <= L0) return lab("limited_or_no_progress");
      return lab("deterioration");
    }
    case unsd_methodology::aarrr: {
      if (!in.target) return bad("methodology_unavailable", reasons::no_target, "AARRR needs a target value");
      const double tv = *in.target;
      detail::put(r, "target", tv);
      detail::put(r, "target_year", T);
      if (detail::unsd_achieved(fv, tv, inc, tol)) return lab("target_achieved");
      if (worse_since_met_base(tv)) return lab("deterioration");
      if (by == fy) return bad("insufficient_data", reasons::zero_span, zero_span_msg);
      if (T <= by)
        return bad("insufficient_data", reasons::target_year_not_after_base,
                   "target year " + std::to_string(T) + " is not after base year " + std::to_string(by));
      if (bv == 0.0) return bad("insufficient_data", reasons::base_zero, "AARR from a zero base value");
      if (bv < 0 || fv < 0 || tv < 0)
        return bad("insufficient_data", reasons::non_positive_value, "AARR needs values ≥ 0");
      const double obs = std::log(bv / fv) / (fy - by);  // +inf when the final value is 0
      const double req = std::log(bv / tv) / (T - by);   // +inf for a target of 0
      detail::put(r, "aarr_actual", obs);
      detail::put(r, "aarr_required", req);
      const double sg = inc && !p.reproduce_aarrr_sign ? -1.0 : 1.0;
      const double po = sg * obs, pr = sg * req;
      if (po >= pr) return lab("on_track");
      if (po >= p.aarr_fair) return lab("fair_progress");
      if (po > p.aarr_limited && po < p.aarr_fair) return lab("limited_or_no_progress");
      return lab("deterioration");
    }
    default: break;
  }

  // CAGRR family: CAGRR, CAGRR+AARRR, Doubling, Halving.
  bool fam_inc = inc;
  std::optional<double> target = in.target;
  if (*m == unsd_methodology::doubling) {
    target = 2 * bv;
    fam_inc = true;
  } else if (*m == unsd_methodology::halving) {
    target = bv / 2;
    fam_inc = false;
  }
  if (!target && !(p.cagr_required && *m == unsd_methodology::cagrr))
    return bad("methodology_unavailable", reasons::no_target, r.variant + " needs a target value");
  if (target) detail::put(r, "target", *target);
  detail::put(r, "target_year", T);
  const bool doubling_or_halving = *m == unsd_methodology::doubling || *m == unsd_methodology::halving;
  const bool direction_tests = doubling_or_halving || literal || !p.reproduce_literal_direction;
  if (target && direction_tests) {
    if (detail::unsd_achieved(fv, *target, fam_inc, tol)) return lab("target_achieved");
    const bool worse = fam_inc ? (bv >= *target && bv > fv) : (bv <= *target && bv < fv);
    if (worse) return lab("deterioration");
  }
  if (by == fy) return bad("insufficient_data", reasons::zero_span, zero_span_msg);
  if (bv == 0.0) return bad("insufficient_data", reasons::base_zero, "growth from a zero base value");
  const auto not_worse_than_base = [&]() -> method_result& {
    return lab((fam_inc ? fv >= bv : fv <= bv) ? "target_achieved" : "deterioration");
  };
  if (*m == unsd_methodology::cagrr_aarrr) {
    if (T <= by)
      return bad("insufficient_data", reasons::target_year_not_after_base,
                 "target year " + std::to_string(T) + " is not after base year " + std::to_string(by));
    if (bv < 0 || fv < 0 || *target < 0)
      return bad("insufficient_data", reasons::non_positive_value, "AARR needs values ≥ 0");
    const double obs = std::log(bv / fv) / (fy - by);
    const double req = std::log(bv / *target) / (T - by);
    detail::put(r, "aarr_actual", obs);
    detail::put(r, "aarr_required", req);
    if (req == 0.0) return not_worse_than_base();
    double cr = obs / req;
    if (std::isnan(cr)) cr = 1.0;  // both infinite: a fall to 0 when 0 was required
    return cr_class(cr);
  }
  const auto c = cagr_of(bv, by, fv, fy);
  if (!c.ok()) return bad("insufficient_data", c.reason, c.message);
  detail::put(r, "cagr_actual", c.value);
  double req = 0;
  if (p.cagr_required && *m == unsd_methodology::cagrr) {
    req = *p.cagr_required;
  } else {
    if (T <= by)
      return bad("insufficient_data", reasons::target_year_not_after_base,
                 "target year " + std::to_string(T) + " is not after base year " + std::to_string(by));
    const auto cq = cagr_of(bv, by, *target, T);
    if (!cq.ok()) return bad("insufficient_data", cq.reason, "target: " + cq.message);
    req = cq.value;
  }
  detail::put(r, "cagr_required", req);
  if (req == 0.0) return not_worse_than_base();
  return cr_class(c.value / req);
}

/// Cut-offs of the UNSD aggregation (mean of codes).
struct unsd_aggregate_params {
  double on_track_below = 1.5;   ///< mean < this: on_track
  double for_review_up_to = 2.5; ///< this ≥ mean ≥ on_track_below: for_review; above: identified_gap
};

/// UNSD aggregation, series → indicator → target → goal: results labelled insufficient_data,
/// no_data_after_2015, methodology_unavailable or without a status are excluded; codes
/// target_achieved/on_track = 1, fair_progress/target_not_achieved = 2, limited = 3,
/// deterioration = 4, and for aggregates one level down on_track = 1, for_review = 2,
/// identified_gap = 3. Mean < 1.5 → on_track, ≤ 2.5 → for_review, else identified_gap; nothing
/// left → `no_status` (reason no_data). Component `mean_code`, `n_used`, `n_excluded`.
inline method_result aggregate_unsd(const std::vector<method_result>& results, const unsd_aggregate_params& p = {}) {
  method_result a;
  a.method = "unsd";
  a.version = "unsd-progress-chart-country-rules-2022";
  a.variant = "aggregate";
  double sum = 0;
  std::size_t n = 0;
  for (const auto& r : results) {
    double code = 0;
    if (r.label == "target_achieved" || r.label == "on_track") code = 1;
    else if (r.label == "fair_progress" || r.label == "target_not_achieved" || r.label == "for_review") code = 2;
    else if (r.label == "limited_or_no_progress" || r.label == "identified_gap") code = 3;
    else if (r.label == "deterioration") code = 4;
    else continue;
    sum += code;
    ++n;
  }
  detail::put(a, "n_used", static_cast<double>(n));
  detail::put(a, "n_excluded", static_cast<double>(results.size() - n));
  if (n == 0) return detail::fail(a, "no_status", detail::unsd_text("no_status"), reasons::no_data, "no series with a status");
  const double mean = sum / static_cast<double>(n);
  detail::put(a, "mean_code", mean);
  const std::string code = mean < p.on_track_below ? "on_track" : mean <= p.for_review_up_to ? "for_review" : "identified_gap";
  detail::set_label(a, code, detail::unsd_text(code));
  return a;
}

// ---------------------------------------------------------------------------------------------
// 2023+ expected-value form.

/// Parameters of the UNSD expected-value form (FSCI reimplementation verified unless marked).
struct unsd_expected_params {
  int default_base_year = 2015;    ///< base = first observation in a year ≥ this
  int default_target_year = 2030;  ///< ŷ is projected to this year (input target_year wins)
  double on_track = 0.95;    ///< ratio ≥: on_track
  double moderate = 0.5;     ///< [this, on_track): moderate_progress
  double marginal = 0.1;     ///< [this, moderate): marginal_progress
  /// [this, marginal): stagnation; below: regression. FSCI: 0; the official 2024 Note puts
  /// stagnation at about −0.1…0.1 (from the publication, not re-checked): set −0.1.
  double stagnation = 0.0;
  /// FSCI: a ratio of exactly 0 → on_track when the latest value is already beyond the target,
  /// else regression (verified). Off: an exact 0 is classed like any other ratio.
  bool zero_ratio_rule = true;
  /// No target: cut-offs on d·CAGR (FSCI uses |CAGR|; ontrack uses d·CAGR, see below).
  double cagr_on_track = 0.02, cagr_moderate = 0.0125, cagr_marginal = 0.005;
  /// No target: d·CAGR ≤ −cagr_marginal → regression; |d·CAGR| < cagr_marginal → stagnation
  /// (ontrack's symmetric choice; FSCI never reaches regression).
  bool reproduce_abs_bug = false;  ///< FSCI's abs(CAGR), which drops the direction
};

namespace detail {
inline std::string unsd_expected_text(const std::string& code) {
  if (code == "on_track") return "On track";
  if (code == "moderate_progress") return "Moderate progress";
  if (code == "marginal_progress") return "Marginal progress";
  if (code == "stagnation") return "Stagnation";
  if (code == "regression") return "Regression";
  return "No label";
}
}  // namespace detail

/// UNSD 2023+ expected-value classification: ŷ_T = y_t·(1 + CAGR(b→t))^(T − t),
/// ratio = (ŷ_T − y_b)/(y* − y_b); without a target, classes on d·CAGR. Labels: on_track,
/// moderate_progress, marginal_progress, stagnation, regression; `not_assessable` ("No label")
/// with a reason otherwise. Throws std::invalid_argument for caller errors.
inline method_result assess_unsd_expected(const method_input& in, const unsd_expected_params& p = {}) {
  method_result r;
  r.method = "unsd_expected";
  r.version = "unsd-technical-note-2023 (FSCI reimplementation)";
  const int base = detail::base_year_of(r, in, p.default_base_year);
  const auto lab = [&](const std::string& code) -> method_result& {
    detail::set_label(r, code, detail::unsd_expected_text(code));
    return r;
  };
  const auto bad = [&](const std::string& reason, const std::string& msg) -> method_result& {
    return detail::fail(r, "not_assessable", "No label", reason, msg);
  };
  r.variant = in.target ? "target" : "no_target";
  const auto s = detail::prepare(in, "unsd_expected");
  if (!s.ok()) return bad(s.reason, s.message);
  const std::size_t b = s.first_from(base);
  if (b == s.size()) return bad(reasons::no_data_after_base, "no observation in or after " + std::to_string(base));
  const std::size_t l = s.last();
  const int by = s.years[b], t = s.years[l];
  const double yb = s.values[b], yt = s.values[l];
  r.years_used = by == t ? std::vector<int>{t} : std::vector<int>{by, t};
  detail::put(r, "base_year", by);
  detail::put(r, "base_value", yb);
  detail::put(r, "latest_year", t);
  detail::put(r, "latest_value", yt);
  if (by == t) return bad(reasons::zero_span, "base year " + std::to_string(by) + " is the latest year");
  const auto c = detail::cagr(yb, by, yt, t);
  if (!c.ok()) return bad(c.reason, c.message);
  detail::put(r, "cagr_actual", c.value);
  const int d = in.direction;
  if (!in.target) {
    const double x = p.reproduce_abs_bug ? std::abs(c.value) : d * c.value;
    detail::put(r, "signed_cagr", x);
    if (x >= p.cagr_on_track) return lab("on_track");
    if (x >= p.cagr_moderate) return lab("moderate_progress");
    if (x >= p.cagr_marginal) return lab("marginal_progress");
    if (x > -p.cagr_marginal) return lab("stagnation");
    return lab("regression");
  }
  const double ys = *in.target;
  const int T = in.target_year ? *in.target_year : p.default_target_year;
  detail::put(r, "target", ys);
  detail::put(r, "target_year", T);
  const double yhat = yt * std::pow(1.0 + c.value, T - t);
  detail::put(r, "expected_value", yhat);
  // "Beyond the target": the side the target sits on from the base fixes the direction; with a
  // target equal to the base, the input's direction does.
  const int dir = ys > yb ? 1 : ys < yb ? -1 : d;
  const bool beyond = detail::meets_directional(yt, ys, dir);
  if (ys == yb) {
    if (beyond && p.zero_ratio_rule) return lab("on_track");
    return bad(reasons::base_equals_target,
               "target " + detail::num(ys) + " equals the base value " + detail::point_text(yb, by) + ": no ratio exists");
  }
  const double ratio = (yhat - yb) / (ys - yb);
  detail::put(r, "ratio", ratio);
  if (ratio == 0.0 && p.zero_ratio_rule) return lab(beyond ? "on_track" : "regression");
  if (ratio >= p.on_track) return lab("on_track");
  if (ratio >= p.moderate) return lab("moderate_progress");
  if (ratio >= p.marginal) return lab("marginal_progress");
  if (ratio >= p.stagnation) return lab("stagnation");
  return lab("regression");
}

}  // namespace ontrack::assess
