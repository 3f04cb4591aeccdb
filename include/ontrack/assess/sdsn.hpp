#pragma once
/// SDSN Sustainable Development Report: the indicator's normalised score (0 = worst bound,
/// 100 = optimum), the trend arrow from the mean annual score gain against the linear gain needed
/// to reach the green threshold by the target year, and the goal trend (0–4 points, mean, the
/// 75 % coverage rule). docs/methods.md § sdsn.

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include <ontrack/assess/method_result.hpp>

namespace ontrack::assess {

/// Parameters of the SDSN mode. The green threshold is the input's `target` (in indicator units).
struct sdsn_params {
  /// Normalisation bounds in indicator units: `best` scores 100 (technical optimum or mean of top
  /// performers), `worst` scores 0 (≈ 2.5th percentile) (verified: FAQ). Unset: the input's
  /// upper bound is best when higher is better, its lower bound when lower is better, and the
  /// other bound is worst (ontrack's mapping).
  std::optional<double> best, worst;
  int default_period_start = 2015;  ///< start of the trend period (2010 in early editions)
  int default_target_year = 2030;   ///< the green threshold is due then
  int max_gap_years = 1;            ///< a missing start year takes the closest value at most this far
  double moderate_share = 0.5;      ///< rate > share·required: moderately improving (not re-checked)
  /// Movements above the green threshold are ignored (verified): scores are capped at it.
  bool cap_at_green = true;
  /// The required rate runs from the period start (default) or from the latest year (ontrack's
  /// option; the FAQ does not say which).
  bool required_from_latest = false;
  /// Goal-trend points of each arrow (the mapping is unpublished: ontrack's choice, parameters).
  double points_decreasing = 0, points_stagnating = 1, points_moderately_improving = 2, points_maintaining = 3,
         points_on_track = 4;
  double min_coverage = 0.75;  ///< goal trend only when ≥ this share of indicators have a trend
};

namespace detail {
inline std::string sdsn_text(const std::string& code) {
  if (code == "maintaining") return "\xE2\x86\x91 maintaining SDG achievement";  // ↑
  if (code == "on_track") return "\xE2\x86\x91 on track";                          // ↑
  if (code == "moderately_improving") return "\xE2\x9E\x9A moderately improving";  // ➚
  if (code == "stagnating") return "\xE2\x86\x92 stagnating";                      // →
  if (code == "decreasing") return "\xE2\x86\x93 decreasing";                      // ↓
  return "information unavailable";
}
}  // namespace detail

/// SDSN normalised score of a value: 100·(x − worst)/(best − worst), censored to [0, 100]
/// (for lower-is-better indicators best < worst, which reverses the scale).
/// Throws std::invalid_argument when best == worst.
inline double sdsn_score(double x, double best, double worst) {
  if (best == worst)
    throw std::invalid_argument("sdsn_score: best and worst are both " + detail::num(best) + ": they must differ");
  return std::clamp(100.0 * (x - worst) / (best - worst), 0.0, 100.0);
}

/// SDSN trend arrow of one series: maintaining (latest at/above green), decreasing (score
/// falling), on_track (rate ≥ required), moderately_improving (rate > share·required),
/// stagnating (otherwise); `not_available` without trend data. Components: score_start,
/// score_latest, score_green, rate, required_rate, trend_points. Throws std::invalid_argument
/// for caller errors.
inline method_result assess_sdsn(const method_input& in, const sdsn_params& p = {}) {
  method_result r;
  r.method = "sdsn";
  r.version = "sdsn-sdr-trends (Africa SDG Index FAQ)";
  const int start = detail::base_year_of(r, in, p.default_period_start);
  const auto bad = [&](const std::string& reason, const std::string& msg) -> method_result& {
    return detail::fail(r, "not_available", detail::sdsn_text("not_available"), reason, msg);
  };
  const auto lab = [&](const std::string& code) -> method_result& {
    detail::set_label(r, code, detail::sdsn_text(code));
    const double pts = code == "maintaining"            ? p.points_maintaining
                       : code == "on_track"             ? p.points_on_track
                       : code == "moderately_improving" ? p.points_moderately_improving
                       : code == "stagnating"           ? p.points_stagnating
                                                        : p.points_decreasing;
    detail::put(r, "trend_points", pts);
    return r;
  };
  const auto s = detail::prepare(in, "sdsn");
  if (!s.ok()) return bad(s.reason, s.message);
  if (!in.target) return bad(reasons::no_target, "the SDSN trend needs the green threshold as the target value");
  const int d = in.direction;
  std::optional<double> best = p.best ? p.best : (d > 0 ? in.upper_bound : in.lower_bound);
  std::optional<double> worst = p.worst ? p.worst : (d > 0 ? in.lower_bound : in.upper_bound);
  if (!best || !worst) return bad(reasons::missing_parameter, "the SDSN score needs best and worst bounds");
  if (*best == *worst) return bad(reasons::zero_span, "best and worst bounds are equal");
  detail::put(r, "best", *best);
  detail::put(r, "worst", *worst);
  const double green = sdsn_score(*in.target, *best, *worst);
  detail::put(r, "green_threshold", *in.target);
  detail::put(r, "score_green", green);
  const std::size_t l = s.last();
  const int tl = s.years[l];
  const double sl_raw = sdsn_score(s.values[l], *best, *worst);
  detail::put(r, "latest_year", tl);
  detail::put(r, "latest_value", s.values[l]);
  detail::put(r, "score_latest", sl_raw);
  if (sl_raw >= green) {
    r.years_used = {tl};
    return lab("maintaining");
  }
  // Period start: the start year, else the closest year at most max_gap_years away (the later
  // one on a tie: it lies inside the period).
  std::size_t a = s.size();
  for (int gap = 0; gap <= p.max_gap_years && a == s.size(); ++gap) {
    if (s.find(start + gap) < s.size()) a = s.find(start + gap);
    else if (gap > 0 && s.find(start - gap) < s.size()) a = s.find(start - gap);
  }
  if (a == s.size() || s.years[a] >= tl)
    return bad(reasons::too_few_points, "no observation within " + std::to_string(p.max_gap_years) + " year(s) of " +
                                            std::to_string(start) + " before the latest year " + std::to_string(tl));
  const int ta = s.years[a];
  r.years_used = {ta, tl};
  const double cap = p.cap_at_green ? green : 100.0;
  const double sa = std::min(sdsn_score(s.values[a], *best, *worst), cap);
  const double sl = std::min(sl_raw, cap);
  detail::put(r, "start_year", ta);
  detail::put(r, "start_value", s.values[a]);
  detail::put(r, "score_start", sa);
  const double rate = (sl - sa) / (tl - ta);
  detail::put(r, "rate", rate);
  const int T = in.target_year ? *in.target_year : p.default_target_year;
  detail::put(r, "target_year", T);
  const int from_year = p.required_from_latest ? tl : ta;
  const double from_score = p.required_from_latest ? sl : sa;
  if (T <= from_year)
    return bad(reasons::target_year_not_after_base,
               "target year " + std::to_string(T) + " is not after " + std::to_string(from_year));
  const double required = (green - from_score) / (T - from_year);
  detail::put(r, "required_rate", required);
  if (rate < 0) return lab("decreasing");
  if (rate >= required) return lab("on_track");
  if (rate > p.moderate_share * required) return lab("moderately_improving");
  return lab("stagnating");
}

/// SDSN goal trend: indicators' trend points averaged; [0, 1) decreasing, [1, 2) stagnating,
/// [2, 3) moderately improving, [3, 4] on track (sides unpublished: ontrack's choice); every
/// indicators maintaining → maintaining. Reported only when ≥ min_coverage of the indicators
/// have trend data, else `not_available` with reason insufficient_coverage.
inline method_result aggregate_sdsn(const std::vector<method_result>& results, const sdsn_params& p = {}) {
  method_result a;
  a.method = "sdsn";
  a.version = "sdsn-sdr-trends (Africa SDG Index FAQ)";
  a.variant = "goal_trend";
  double sum = 0;
  std::size_t n = 0, maintaining = 0;
  for (const auto& r : results) {
    const auto pts = r.component("trend_points");
    if (!pts) continue;
    sum += *pts;
    ++n;
    if (r.label == "maintaining") ++maintaining;
  }
  const double coverage = results.empty() ? 0.0 : static_cast<double>(n) / static_cast<double>(results.size());
  detail::put(a, "n_with_trend", static_cast<double>(n));
  detail::put(a, "n_indicators", static_cast<double>(results.size()));
  detail::put(a, "coverage", coverage);
  if (n == 0 || coverage < p.min_coverage)
    return detail::fail(a, "not_available", detail::sdsn_text("not_available"), reasons::insufficient_coverage,
                        std::to_string(n) + " of " + std::to_string(results.size()) +
                            " indicators have trend data: at least " + detail::num(100 * p.min_coverage) + " % needed");
  const double mean = sum / static_cast<double>(n);
  detail::put(a, "mean_points", mean);
  std::string code;
  if (maintaining == results.size()) code = "maintaining";
  else if (mean < 1) code = "decreasing";
  else if (mean < 2) code = "stagnating";
  else if (mean < 3) code = "moderately_improving";
  else code = "on_track";
  detail::set_label(a, code, detail::sdsn_text(code));
  return a;
}

}  // namespace ontrack::assess
