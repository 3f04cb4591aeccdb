#pragma once
/// UN ESCAP Asia-Pacific SDG Progress Report (also used by ECE, ECA, ECLAC, ESCWA): the Current
/// Status Index (CSI, progress made since the base year relative to the progress needed) and the
/// Anticipated Progress Index (API, the same on the value projected to the target year), with
/// their labels; the parity variant; the extrapolators (geometric, weighted geometric, logit OLS,
/// weighted logit, mean logit growth) as in the UNICEF MENARO reimplementation; and ESCAP's gap
/// form with the ECA dashboard labels. docs/methods.md § escap.

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <numeric>
#include <optional>
#include <string>
#include <vector>

#include <ontrack/assess/method_result.hpp>

namespace ontrack::assess {

/// How the value in the target year is projected for the API.
enum class escap_extrapolator {
  geometric,           ///< Î_T = I_n·(I_n/I_1)^((T − t_n)/(t_n − t_1))
  weighted_geometric,  ///< time-weighted growth factors, w_i = (T − t_min)/(T − t_i)
  logit,               ///< OLS of logit(I/scale) on centred year
  weighted_logit,      ///< weighted slope on logit(I/scale)
  mean_logit_growth,   ///< mean of the logit's per-year changes, from the latest point
};

/// Which index gives the main label; the others are in `other_labels`.
enum class escap_index { csi, api, gap };

/// Parameters of the ESCAP mode (formulas verified in the MENARO reimplementation unless marked).
struct escap_params {
  int default_base_year = 2015;    ///< I_0's year (2000 in older editions)
  int default_target_year = 2030;  ///< the API's projection year
  escap_index index = escap_index::csi;  ///< main label (ontrack's choice: CSI, always computable)
  bool parity = false;  ///< parity variant: 10 − 10·|TV − I|/|TV − I_0| (goldilocks indicators)
  /// ESCAP's weighted extrapolation (Bidarbakht Nia 2017) is the default.
  escap_extrapolator extrapolator = escap_extrapolator::weighted_geometric;
  /// Logit scale (100 for percentages). Unset: the input's upper bound.
  std::optional<double> scale;
  /// Only observations in years ≥ this enter the projection (UNECE: 2000). Unset: all.
  std::optional<int> fit_from_year;
  /// A missing base-year value is estimated by mean logit growth (verified: MENARO) when a scale
  /// is known; otherwise (or when off) the first observation after the base year is used.
  bool impute_base = true;
  double on_track_above = 9.0;  ///< index > this: on_track / will_meet_target
  double progress_above = 0.0;  ///< index in (this, on_track]: slow_progress / need_to_accelerate
  /// Gap form (from the publication, not re-checked): gap ≤ maintain_up_to → maintain;
  /// < reverse_from → accelerate; ≥ reverse_from → reverse.
  double gap_maintain_up_to = 0.0;
  double gap_reverse_from = 1.0;
  /// Weighted geometric: W sums the weights of all points, as the formula is published (the
  /// product has one factor fewer). On: W sums only the weights of the growth steps.
  bool weight_sum_over_steps = false;
  /// Weighted geometric: each step's growth factor is annualised (I_i/I_{i−1})^(1/(t_i − t_{i−1}))
  /// so that irregular years do not count a multi-year step as one year (ontrack's fix); off
  /// reproduces MENARO's per-step factors (identical on annual data).
  bool annualise_steps = true;
  /// Weighted logit: combine the weighted slope with the *unweighted* OLS intercept (MENARO's
  /// pitfall). Default: the weighted least-squares intercept.
  bool reproduce_weighted_logit_intercept = false;
  /// One point with the target met: MENARO loses the API (a misspelt variable); on, the API is
  /// not reported in that case.
  bool reproduce_one_point_api_loss = false;
};

/// The projection of one series to `year` by one extrapolator, or the reason it has none.
struct escap_projection {
  double value = 0.0;
  std::string reason;
  std::string message;
  bool ok() const noexcept { return reason.empty(); }
};

namespace detail {
inline std::string escap_text(const std::string& code) {
  if (code == "on_track") return "On-track";
  if (code == "slow_progress") return "Slow progress";
  if (code == "regression") return "Regression";
  if (code == "will_meet_target") return "Will meet target";
  if (code == "need_to_accelerate") return "Need to accelerate";
  if (code == "no_progress_expected") return "No progress expected";
  if (code == "maintain") return "MAINTAIN progress to achieve target";
  if (code == "accelerate") return "ACCELERATE progress to achieve target";
  if (code == "reverse") return "REVERSE trend to achieve target";
  if (code == "insufficient_data") return "Insufficient data";
  if (code == "no_data") return "No data";
  return code;
}
inline double invlogit_scaled(double L, double scale) {
  // scale·e^L/(1 + e^L), written to stay finite for large |L|.
  return L >= 0 ? scale / (1.0 + std::exp(-L)) : scale * std::exp(L) / (1.0 + std::exp(L));
}
}  // namespace detail

namespace detail {
/// Mean logit growth from the latest point to `year` (forwards or backwards): g = mean of the
/// per-year logit changes, Î = scale·invlogit(L_n + g·(year − t_n)); when g or L_n is not finite
/// (constant series, a value at 0 or at the scale) the latest value is returned, as MENARO.
inline escap_projection mean_logit_growth_at(const std::vector<int>& years, const std::vector<double>& values, int year,
                                             double sc) {
  escap_projection out;
  const std::size_t n = years.size();
  out.value = values[n - 1];
  if (n < 2 || year == years[n - 1]) return out;
  std::vector<double> L(n);
  for (std::size_t i = 0; i < n; ++i) {
    const double Y = values[i] / sc;
    L[i] = std::log(Y / (1 - Y));
  }
  double g = 0;
  std::size_t k = 0;
  bool finite = true;
  for (std::size_t i = 1; i < n; ++i) {
    const double gi = (L[i] - L[i - 1]) / static_cast<double>(years[i] - years[i - 1]);
    if (std::isnan(gi)) continue;  // R's mean(na.rm = TRUE) drops NaN steps
    g += gi;
    ++k;
    if (!std::isfinite(gi)) finite = false;
  }
  if (k == 0 || !finite || !std::isfinite(L[n - 1])) return out;
  g /= static_cast<double>(k);
  out.value = invlogit_scaled(L[n - 1] + g * static_cast<double>(year - years[n - 1]), sc);
  return out;
}
}  // namespace detail

/// Projects (years, values) — sorted by year, at least one point — to `year` with `x`.
/// Data trouble gives a reason: non_positive_value (geometric forms), missing_parameter (logit
/// without a scale), outside_domain (logit of a value ≤ 0 or ≥ scale). If `year` is not after the
/// latest observation the latest value is returned.
inline escap_projection escap_extrapolate(const std::vector<int>& years, const std::vector<double>& values, int year,
                                          escap_extrapolator x, const escap_params& p = {},
                                          std::optional<double> scale = std::nullopt) {
  escap_projection out;
  const std::size_t n = years.size();
  if (n == 0) {
    out.reason = reasons::no_data;
    out.message = "no observation to extrapolate";
    return out;
  }
  const double In = values[n - 1];
  const int tn = years[n - 1];
  if (year <= tn || n == 1) {
    out.value = In;
    return out;
  }
  const double T = year;
  const double sc = p.scale ? *p.scale : (scale ? *scale : 0.0);
  const bool logit_kind = x == escap_extrapolator::logit || x == escap_extrapolator::weighted_logit ||
                          x == escap_extrapolator::mean_logit_growth;
  if (logit_kind && !(sc > 0)) {
    out.reason = reasons::missing_parameter;
    out.message = "a logit extrapolation needs a scale (e.g. 100 for a percentage)";
    return out;
  }
  switch (x) {
    case escap_extrapolator::geometric: {
      if (!(values[0] > 0) || !(In > 0)) {
        out.reason = reasons::non_positive_value;
        out.message = "geometric growth needs positive first and latest values";
        return out;
      }
      out.value = In * std::pow(In / values[0], (T - tn) / static_cast<double>(tn - years[0]));
      return out;
    }
    case escap_extrapolator::weighted_geometric: {
      for (double v : values)
        if (!(v > 0)) {
          out.reason = reasons::non_positive_value;
          out.message = "weighted geometric growth needs positive values";
          return out;
        }
      const double tmin = years[0];
      double W = 0, logprod = 0;
      for (std::size_t i = 0; i < n; ++i) {
        const double w = (T - tmin) / (T - years[i]);
        if (i > 0 || !p.weight_sum_over_steps) W += w;
        if (i > 0) {
          double lr = std::log(values[i] / values[i - 1]);
          if (p.annualise_steps) lr /= static_cast<double>(years[i] - years[i - 1]);
          logprod += w * lr;
        }
      }
      out.value = In * std::exp(logprod * (T - tn) / W);
      return out;
    }
    case escap_extrapolator::mean_logit_growth:
      return detail::mean_logit_growth_at(years, values, year, sc);
    case escap_extrapolator::logit:
    case escap_extrapolator::weighted_logit: {
      std::vector<double> L(n), tp(n), w(n);
      const double tmean = std::accumulate(years.begin(), years.end(), 0.0) / static_cast<double>(n);
      for (std::size_t i = 0; i < n; ++i) {
        const double Y = values[i] / sc;
        if (!(Y > 0 && Y < 1)) {
          out.reason = reasons::outside_domain;
          out.message = "value " + detail::point_text(values[i], years[i]) + " is outside (0, " + detail::num(sc) +
                        "): its logit does not exist";
          return out;
        }
        L[i] = std::log(Y / (1 - Y));
        tp[i] = years[i] - tmean;
        w[i] = (T - years[0]) / (T - years[i]);
      }
      // Unweighted OLS (t' is centred, so the intercept is mean(L)).
      double stt = 0, stl = 0;
      const double Lmean = std::accumulate(L.begin(), L.end(), 0.0) / static_cast<double>(n);
      for (std::size_t i = 0; i < n; ++i) {
        stt += tp[i] * tp[i];
        stl += tp[i] * (L[i] - Lmean);
      }
      double slope = stl / stt, intercept = Lmean;
      if (x == escap_extrapolator::weighted_logit) {
        double W = 0, swtl = 0, swt = 0, swl = 0, swtt = 0;
        for (std::size_t i = 0; i < n; ++i) {
          W += w[i];
          swtl += w[i] * tp[i] * L[i];
          swt += w[i] * tp[i];
          swl += w[i] * L[i];
          swtt += w[i] * tp[i] * tp[i];
        }
        slope = (swtl - swt * swl / W) / (swtt - swt * swt / W);
        if (!p.reproduce_weighted_logit_intercept) intercept = (swl - slope * swt) / W;
      }
      out.value = detail::invlogit_scaled(intercept + slope * (T - tmean), sc);
      return out;
    }
  }
  return out;
}

namespace detail {
inline std::string escap_index_label(double v, bool api, const escap_params& p) {
  if (v > p.on_track_above) return api ? "will_meet_target" : "on_track";
  if (v > p.progress_above) return api ? "need_to_accelerate" : "slow_progress";
  return api ? "no_progress_expected" : "regression";
}
inline std::string escap_gap_label(double gap, const escap_params& p) {
  if (gap <= p.gap_maintain_up_to) return "maintain";
  if (gap < p.gap_reverse_from) return "accelerate";
  return "reverse";
}
}  // namespace detail

/// ESCAP CSI and API of one series (and the gap form). Needs a target (the method requires a
/// quantitative target: otherwise reason no_target). Components: base_year, base_value (and
/// base_imputed), latest_year, latest_value, target, target_year, csi, projected_value, api, gap.
/// `other_labels` holds "csi", "api" and "gap" labels; the main label is `index`'s.
/// 0 points → `no_data`; 1 point not meeting the target → `insufficient_data`; 1 point meeting it
/// → on_track / will_meet_target. Throws std::invalid_argument for caller errors.
inline method_result assess_escap(const method_input& in, const escap_params& p = {}) {
  method_result r;
  r.method = "escap";
  r.version = "escap-progress-report (MENARO reimplementation)";
  const int base = detail::base_year_of(r, in, p.default_base_year);
  const char* ix = p.index == escap_index::csi ? "csi" : p.index == escap_index::api ? "api" : "gap";
  r.variant = std::string(ix) + (p.parity ? "/parity" : "");
  const auto bad = [&](const std::string& code, const std::string& reason, const std::string& msg) -> method_result& {
    return detail::fail(r, code, detail::escap_text(code), reason, msg);
  };
  auto s = detail::prepare(in, "escap");
  if (!s.ok()) return bad(s.reason == reasons::no_data ? "no_data" : "insufficient_data", s.reason, s.message);
  if (!in.target) return bad("insufficient_data", reasons::no_target, "ESCAP needs a quantitative target value");
  const int d = in.direction;
  const double TV = *in.target;
  const int T = in.target_year ? *in.target_year : p.default_target_year;
  const std::optional<double> scale = p.scale ? p.scale : in.upper_bound;
  detail::put(r, "target", TV);
  detail::put(r, "target_year", T);
  const std::size_t l = s.last();
  const int tc = s.years[l];
  const double Ic = s.values[l];
  detail::put(r, "latest_year", tc);
  detail::put(r, "latest_value", Ic);
  const auto met = [&](double v) { return p.parity ? v == TV : detail::meets_directional(v, TV, d); };
  const auto index_of = [&](double v, double I0) -> std::optional<double> {
    if (met(v)) return 10.0;
    if (TV == I0) return std::nullopt;
    if (p.parity) return 10.0 - 10.0 * std::abs(TV - v) / std::abs(TV - I0);
    return 10.0 * d * (v - I0) / std::abs(TV - I0);
  };
  const auto set_main = [&]() -> method_result& {
    const auto it = r.other_labels.find(ix);
    if (it == r.other_labels.end())
      return bad("insufficient_data", reasons::too_few_points, std::string(ix) + " not computable from one observation");
    detail::set_label(r, it->second.label, it->second.label_text);
    return r;
  };

  if (s.size() == 1) {
    r.years_used = {tc};
    if (!met(Ic)) return bad("insufficient_data", reasons::too_few_points, "one observation and the target is not met");
    detail::put(r, "csi", 10.0);
    r.other_labels["csi"] = {"on_track", detail::escap_text("on_track")};
    if (!p.reproduce_one_point_api_loss) {
      detail::put(r, "api", 10.0);
      r.other_labels["api"] = {"will_meet_target", detail::escap_text("will_meet_target")};
      r.other_labels["gap"] = {"maintain", detail::escap_text("maintain")};
    }
    return set_main();
  }

  // Base value: observed, imputed by mean logit growth, or the first observation after the base year.
  std::vector<int> fy;
  std::vector<double> fv;
  for (std::size_t i = 0; i < s.size(); ++i)
    if (!p.fit_from_year || s.years[i] >= *p.fit_from_year) {
      fy.push_back(s.years[i]);
      fv.push_back(s.values[i]);
    }
  double I0 = 0;
  int by = base;
  const std::size_t bi = s.find(base);
  if (bi < s.size()) {
    I0 = s.values[bi];
  } else if (p.impute_base && scale && *scale > 0 && !fy.empty()) {
    // MENARO estimates a missing base value by mean logit growth (here: from the observations,
    // projected backwards or forwards to the base year).
    const auto e = detail::mean_logit_growth_at(fy, fv, base, *scale);
    if (!e.ok()) return bad("insufficient_data", e.reason, "base year: " + e.message);
    I0 = e.value;
    detail::put(r, "base_imputed", 1.0);
  } else {
    const std::size_t a = s.first_from(base);
    if (a == s.size() || a == l)
      return bad("insufficient_data", reasons::no_data_after_base,
                 "no base value in " + std::to_string(base) + " and fewer than two observations from it on");
    I0 = s.values[a];
    by = s.years[a];
  }
  detail::put(r, "base_year", by);
  detail::put(r, "base_value", I0);
  r.years_used = s.years;

  std::string why, why_msg;
  const auto csi = index_of(Ic, I0);
  if (csi) {
    detail::put(r, "csi", *csi);
    const auto code = detail::escap_index_label(*csi, false, p);
    r.other_labels["csi"] = {code, detail::escap_text(code)};
  } else {
    why = reasons::base_equals_target;
    why_msg = "target " + detail::num(TV) + " equals the base value: the progress needed is 0";
  }
  const auto proj = escap_extrapolate(fy, fv, T, p.extrapolator, p, scale);
  if (proj.ok()) {
    detail::put(r, "projected_value", proj.value);
    const auto api = index_of(proj.value, I0);
    if (api) {
      detail::put(r, "api", *api);
      const auto code = detail::escap_index_label(*api, true, p);
      r.other_labels["api"] = {code, detail::escap_text(code)};
      // Gap: the share of the initial gap still open in the target year. Signed by d and over
      // |TV − I_0| so that a base already beyond the target does not flip it (ontrack's fix).
      const double gap = p.parity ? std::abs(TV - proj.value) / std::abs(TV - I0)
                                  : d * (TV - proj.value) / std::abs(TV - I0);
      detail::put(r, "gap", gap);
      const auto gcode = detail::escap_gap_label(gap, p);
      r.other_labels["gap"] = {gcode, detail::escap_text(gcode)};
    }
  } else {
    r.warnings.push_back("projection: " + proj.message);
    if (p.index != escap_index::csi) {
      why = proj.reason;
      why_msg = "projection: " + proj.message;
    }
  }
  const auto it = r.other_labels.find(ix);
  if (it == r.other_labels.end()) return bad("insufficient_data", why, why_msg);
  detail::set_label(r, it->second.label, it->second.label_text);
  return r;
}

/// Regional / goal aggregation: the unweighted mean (ESCAP uses unweighted country means) — or
/// the `weights`-weighted mean when given — of the chosen index over the results that have it,
/// labelled with the same cut-offs. Components: the index ("csi" or "api"), n_used, n_excluded.
inline method_result aggregate_escap(const std::vector<method_result>& results, escap_index index = escap_index::csi,
                                     const std::vector<double>& weights = {}, const escap_params& p = {}) {
  method_result a;
  a.method = "escap";
  a.version = "escap-progress-report (MENARO reimplementation)";
  const std::string name = index == escap_index::api ? "api" : "csi";
  a.variant = "aggregate/" + name;
  if (index == escap_index::gap)
    throw std::invalid_argument("aggregate_escap: the gap form is not aggregated; use csi or api");
  if (!weights.empty() && weights.size() != results.size())
    throw std::invalid_argument("aggregate_escap: " + std::to_string(weights.size()) + " weights for " +
                                std::to_string(results.size()) + " results: give one weight per result or none");
  double sum = 0, wsum = 0;
  std::size_t n = 0;
  for (std::size_t i = 0; i < results.size(); ++i) {
    const auto v = results[i].component(name);
    if (!v) continue;
    const double w = weights.empty() ? 1.0 : weights[i];
    sum += w * *v;
    wsum += w;
    ++n;
  }
  detail::put(a, "n_used", static_cast<double>(n));
  detail::put(a, "n_excluded", static_cast<double>(results.size() - n));
  if (n == 0 || !(wsum > 0))
    return detail::fail(a, "no_data", detail::escap_text("no_data"), reasons::no_data, "no result has the " + name);
  const double mean = sum / wsum;
  detail::put(a, name, mean);
  const auto code = detail::escap_index_label(mean, index == escap_index::api, p);
  detail::set_label(a, code, detail::escap_text(code));
  return a;
}

}  // namespace ontrack::assess
