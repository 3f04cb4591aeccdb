#pragma once
/// Early warnings (预警): the plan's monitoring chapter asks that indicators expected to have
/// difficulty reaching their target (预计达标困难) or fluctuating strongly (波动较大) be flagged
/// in time. Each warning has a stable code, a severity and one sentence in Chinese and one in
/// English; docs/assessment.md § Warnings gives the rule that raises each code.
///
/// This header holds the warning record, the sentences and the one rule that needs more than a
/// single assessment (unstable_status, which reads a history of evaluations). The rules that read
/// one assessment live next to it in native.hpp.

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <ontrack/assess/status.hpp>
#include <ontrack/detail/enum_names.hpp>
#include <ontrack/indicator.hpp>
#include <ontrack/target.hpp>

namespace ontrack::assess {

/// How urgently a warning asks for attention.
enum class warning_severity : std::uint8_t { low, medium, high };

namespace detail {
inline constexpr ontrack::detail::name_table<warning_severity, 3> warning_severity_names{{
    {warning_severity::low, "low"},
    {warning_severity::medium, "medium"},
    {warning_severity::high, "high"},
}};
}  // namespace detail

inline std::string_view to_string(warning_severity s) noexcept {
  return ontrack::detail::name_of(detail::warning_severity_names, s);
}

inline std::ostream& operator<<(std::ostream& os, warning_severity s) { return os << to_string(s); }

/// The warning codes (stable: reports and dashboards key on them).
namespace warning_codes {
inline constexpr const char* expected_shortfall = "expected_shortfall";  ///< projected to miss (预计达标困难)
inline constexpr const char* high_volatility = "high_volatility";        ///< fluctuates strongly (波动较大)
inline constexpr const char* reversal = "reversal";                      ///< latest change goes the wrong way
inline constexpr const char* stale_data = "stale_data";                  ///< no recent observation
inline constexpr const char* breach_risk = "breach_risk";                ///< a maintained level likely breached
inline constexpr const char* unstable_status = "unstable_status";        ///< status flipped in recent evaluations
inline constexpr const char* missed = "missed";                          ///< observed years already broke it (未达标)
inline constexpr const char* percent_as_fraction = "percent_as_fraction";  ///< a percent target written as a fraction
}  // namespace warning_codes

/// One early warning.
struct early_warning {
  std::string code;
  warning_severity severity = warning_severity::medium;
  std::string zh;  ///< the sentence in Chinese
  std::string en;  ///< the sentence in English
};

namespace detail {

/// A number for a sentence: 4 significant digits, no trailing zeros ("12.5", "0.3333", "1e+05").
inline std::string sentence_number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4g", v);
  return buf;
}

/// A probability as a whole percentage for a sentence ("37").
inline std::string sentence_percent(double p) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.0f", 100.0 * p);
  return buf;
}

}  // namespace detail

/// expected_shortfall: the target is projected to be missed (p_meet below the on-track band).
/// Severity high below the off-track band, else medium. The sentence opens with the name of the
/// target's own status (an at-risk target is not headed "off track").
inline early_warning expected_shortfall_warning(double p_meet, int deadline, const status_thresholds& t,
                                                progress_status status) {
  const std::string y = std::to_string(deadline), p = detail::sentence_percent(p_meet);
  const std::string zh_name(status_text(status, "zh")), en_name(status_text(status, "en"));
  std::string en_head = en_name;
  if (!en_head.empty()) en_head[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(en_head[0])));
  return {warning_codes::expected_shortfall,
          p_meet < t.off_track ? warning_severity::high : warning_severity::medium,
          // {status}：按目前趋势，{y}年达标的概率约为{p}%。
          zh_name + "\xEF\xBC\x9A\xE6\x8C\x89\xE7\x9B\xAE\xE5\x89\x8D\xE8\xB6\x8B\xE5\x8A\xBF\xEF\xBC\x8C" + y + "\xE5\xB9\xB4\xE8\xBE\xBE\xE6\xA0\x87\xE7\x9A\x84\xE6\xA6\x82\xE7\x8E\x87\xE7\xBA\xA6\xE4\xB8\xBA" + p + "%\xE3\x80\x82",
          en_head + ": on the current trend the probability of meeting the target in " + y + " is about " + p + "%."};
}

/// high_volatility: the fluctuation around the trend is large against the distance between the
/// latest value and the edge of the target (the change still needed, or the margin kept). At
/// the edge itself (distance 0) the sentence says so instead of quoting a distance of 0.
inline early_warning high_volatility_warning(double residual_sd, double distance) {
  const std::string sd = detail::sentence_number(residual_sd), d = detail::sentence_number(distance);
  if (distance == 0.0)
    return {warning_codes::high_volatility, warning_severity::medium,
            // 波动较大：最新值恰在目标界限上，围绕趋势的波动（标准差{sd}）足以使其落到界限任一侧。
            "\xE6\xB3\xA2\xE5\x8A\xA8\xE8\xBE\x83\xE5\xA4\xA7\xEF\xBC\x9A\xE6\x9C\x80\xE6\x96\xB0\xE5\x80\xBC\xE6\x81\xB0\xE5\x9C\xA8\xE7\x9B\xAE\xE6\xA0\x87\xE7\x95\x8C\xE9\x99\x90\xE4\xB8\x8A\xEF\xBC\x8C\xE5\x9B\xB4\xE7\xBB\x95\xE8\xB6\x8B\xE5\x8A\xBF\xE7\x9A\x84\xE6\xB3\xA2\xE5\x8A\xA8\xEF\xBC\x88\xE6\xA0\x87\xE5\x87\x86\xE5\xB7\xAE" + sd + "\xEF\xBC\x89\xE8\xB6\xB3\xE4\xBB\xA5\xE4\xBD\xBF\xE5\x85\xB6\xE8\x90\xBD\xE5\x88\xB0\xE7\x95\x8C\xE9\x99\x90\xE4\xBB\xBB\xE4\xB8\x80\xE4\xBE\xA7\xE3\x80\x82",
            "High volatility: the latest value lies on the target's edge, and the fluctuation around the trend "
            "(standard deviation " + sd + ") can put it on either side."};
  return {warning_codes::high_volatility, warning_severity::medium,
          // 波动较大：围绕趋势的波动（标准差{sd}）相对于距目标界限的距离（{d}）过大。
          "\xE6\xB3\xA2\xE5\x8A\xA8\xE8\xBE\x83\xE5\xA4\xA7\xEF\xBC\x9A\xE5\x9B\xB4\xE7\xBB\x95\xE8\xB6\x8B\xE5\x8A\xBF\xE7\x9A\x84\xE6\xB3\xA2\xE5\x8A\xA8\xEF\xBC\x88\xE6\xA0\x87\xE5\x87\x86\xE5\xB7\xAE" + sd + "\xEF\xBC\x89\xE7\x9B\xB8\xE5\xAF\xB9\xE4\xBA\x8E\xE8\xB7\x9D\xE7\x9B\xAE\xE6\xA0\x87\xE7\x95\x8C\xE9\x99\x90\xE7\x9A\x84\xE8\xB7\x9D\xE7\xA6\xBB\xEF\xBC\x88" + d + "\xEF\xBC\x89\xE8\xBF\x87\xE5\xA4\xA7\xE3\x80\x82",
          "High volatility: the fluctuation around the trend (standard deviation " + sd +
              ") is large against the distance to the target's edge (" + d + ")."};
}

/// One observed year that broke a target, for the missed sentence.
struct missed_year {
  int year = 0;
  double value = 0.0;
};

/// What a value must be, as the missed sentence says it failed: "below 95", "above 10", "outside
/// 43 to 47" (a strict floor or ceiling: "not above 11", "not below 3").
struct missed_rule {
  double lower = -std::numeric_limits<double>::infinity();
  double upper = std::numeric_limits<double>::infinity();
  bool lower_strict = false;
  bool upper_strict = false;
};

/// missed: observed years already broke the target, so it is missed whatever comes next (未达标).
/// The sentence lists each such year with its value, e.g. "2021年（84）、2022年（87）低于95". Severity high.
inline early_warning missed_warning(const std::vector<missed_year>& years, const missed_rule& rule) {
  std::string zh_years, en_years;
  for (std::size_t i = 0; i < years.size(); ++i) {
    const std::string y = std::to_string(years[i].year), v = detail::sentence_number(years[i].value);
    zh_years += (i ? "\xE3\x80\x81" : "") + y + "\xE5\xB9\xB4\xEF\xBC\x88" + v + "\xEF\xBC\x89";
    en_years += (i == 0 ? "" : i + 1 == years.size() ? " and " : ", ") + y + " (" + v + ")";
  }
  std::string zh_rule, en_rule;
  if (std::isfinite(rule.lower) && std::isfinite(rule.upper)) {
    const std::string lo = detail::sentence_number(rule.lower), hi = detail::sentence_number(rule.upper);
    zh_rule = "\xE8\xB6\x85\xE5\x87\xBA" + lo + "\xE8\x87\xB3" + hi + "\xE7\x9A\x84\xE8\x8C\x83\xE5\x9B\xB4";
    en_rule = "outside " + lo + " to " + hi;
  } else if (std::isfinite(rule.lower)) {
    const std::string lo = detail::sentence_number(rule.lower);
    zh_rule = (rule.lower_strict ? "\xE6\x9C\xAA\xE9\xAB\x98\xE4\xBA\x8E" : "\xE4\xBD\x8E\xE4\xBA\x8E") + lo;
    en_rule = (rule.lower_strict ? "not above " : "below ") + lo;
  } else {
    const std::string hi = detail::sentence_number(rule.upper);
    zh_rule = (rule.upper_strict ? "\xE6\x9C\xAA\xE4\xBD\x8E\xE4\xBA\x8E" : "\xE9\xAB\x98\xE4\xBA\x8E") + hi;
    en_rule = (rule.upper_strict ? "not below " : "above ") + hi;
  }
  return {warning_codes::missed, warning_severity::high,
          // 未达标：{years}{rule}。
          "\xE6\x9C\xAA\xE8\xBE\xBE\xE6\xA0\x87\xEF\xBC\x9A" + zh_years + zh_rule + "\xE3\x80\x82",
          "Missed: " + en_years + (years.size() == 1 ? " was " : " were ") + en_rule + "."};
}

/// reversal: the latest observed change goes away from the target. Severity low while the target
/// is still achieved or on track, medium otherwise.
inline early_warning reversal_warning(int year0, double value0, int year1, double value1,
                                      progress_status status) {
  const std::string y0 = std::to_string(year0), y1 = std::to_string(year1);
  const std::string v0 = detail::sentence_number(value0), v1 = detail::sentence_number(value1);
  const bool fine = status == progress_status::achieved || status == progress_status::on_track;
  return {warning_codes::reversal, fine ? warning_severity::low : warning_severity::medium,
          // 最新变化方向不利：由{y0}年的{v0}变为{y1}年的{v1}。
          "\xE6\x9C\x80\xE6\x96\xB0\xE5\x8F\x98\xE5\x8C\x96\xE6\x96\xB9\xE5\x90\x91\xE4\xB8\x8D\xE5\x88\xA9\xEF\xBC\x9A\xE7\x94\xB1" + y0 + "\xE5\xB9\xB4\xE7\x9A\x84" + v0 + "\xE5\x8F\x98\xE4\xB8\xBA" + y1 + "\xE5\xB9\xB4\xE7\x9A\x84" + v1 + "\xE3\x80\x82",
          "Reversal: the latest change, from " + v0 + " in " + y0 + " to " + v1 + " in " + y1 +
              ", goes away from the target."};
}

/// stale_data: the latest observation is old. Severity high when it made the target not
/// assessable, else medium.
inline early_warning stale_data_warning(int last_year, int as_of, bool blocking) {
  const std::string l = std::to_string(last_year), a = std::to_string(as_of),
                    n = std::to_string(as_of - last_year);
  return {warning_codes::stale_data, blocking ? warning_severity::high : warning_severity::medium,
          // 数据陈旧：最新数据为{l}年，距评估年份{a}年已有{n}年。
          "\xE6\x95\xB0\xE6\x8D\xAE\xE9\x99\x88\xE6\x97\xA7\xEF\xBC\x9A\xE6\x9C\x80\xE6\x96\xB0\xE6\x95\xB0\xE6\x8D\xAE\xE4\xB8\xBA" + l + "\xE5\xB9\xB4\xEF\xBC\x8C\xE8\xB7\x9D\xE8\xAF\x84\xE4\xBC\xB0\xE5\xB9\xB4\xE4\xBB\xBD" + a + "\xE5\xB9\xB4\xE5\xB7\xB2\xE6\x9C\x89" + n + "\xE5\xB9\xB4\xE3\x80\x82",
          "Stale data: the latest observation is from " + l + ", " + n +
              " years before the evaluation year " + a + "."};
}

/// What a maintained level's breach is, for the breach_risk sentence.
struct breach_condition {
  double lower = -std::numeric_limits<double>::infinity();  ///< the floor (−inf: none)
  double upper = std::numeric_limits<double>::infinity();  ///< the ceiling (+inf: none)
};

/// breach_risk: the probability that a level to be kept in every year of [first, last] is
/// breached in at least one of its remaining years. Severity high at or above `high`.
inline early_warning breach_risk_warning(double risk, int first, int last, const breach_condition& c,
                                         double high) {
  const std::string p = detail::sentence_percent(risk), s = std::to_string(first), e = std::to_string(last);
  std::string zh_event, en_event;
  if (std::isfinite(c.lower) && std::isfinite(c.upper)) {
    const std::string lo = detail::sentence_number(c.lower), hi = detail::sentence_number(c.upper);
    zh_event = "\xE8\xB6\x85\xE5\x87\xBA" + lo + "\xE8\x87\xB3" + hi + "\xE7\x9A\x84\xE8\x8C\x83\xE5\x9B\xB4";  // 超出{lo}至{hi}的范围
    en_event = "leaves the range " + lo + " to " + hi;
  } else if (std::isfinite(c.lower)) {
    zh_event = "\xE4\xBD\x8E\xE4\xBA\x8E" + detail::sentence_number(c.lower);  // 低于{v}
    en_event = "falls below " + detail::sentence_number(c.lower);
  } else {
    zh_event = "\xE9\xAB\x98\xE4\xBA\x8E" + detail::sentence_number(c.upper);  // 高于{v}
    en_event = "rises above " + detail::sentence_number(c.upper);
  }
  return {warning_codes::breach_risk, risk >= high ? warning_severity::high : warning_severity::medium,
          // 存在突破风险：{s}—{e}年间至少有一年{event}的概率约为{p}%。
          "\xE5\xAD\x98\xE5\x9C\xA8\xE7\xAA\x81\xE7\xA0\xB4\xE9\xA3\x8E\xE9\x99\xA9\xEF\xBC\x9A" + s + "\xE2\x80\x94" + e + "\xE5\xB9\xB4\xE9\x97\xB4\xE8\x87\xB3\xE5\xB0\x91\xE6\x9C\x89\xE4\xB8\x80\xE5\xB9\xB4" + zh_event + "\xE7\x9A\x84\xE6\xA6\x82\xE7\x8E\x87\xE7\xBA\xA6\xE4\xB8\xBA" + p + "%\xE3\x80\x82",
          "Breach risk: the probability that the value " + en_event + " in at least one year of " +
              s + "\xE2\x80\x93" + e + " is about " + p + "%."};
}

/// unstable_status: the status changed at least `min_changes` times between consecutive
/// evaluations of `history` (year and status, any order; not assessable evaluations are left
/// out, so a gap in the data is not read as a flip). nullopt when it did not.
inline std::optional<early_warning> unstable_status_warning(
    std::vector<std::pair<int, progress_status>> history, int min_changes) {
  std::vector<std::pair<int, progress_status>> judged;
  for (const auto& h : history)
    if (assessable(h.second)) judged.push_back(h);
  std::sort(judged.begin(), judged.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  int changes = 0;
  for (std::size_t i = 1; i < judged.size(); ++i) changes += judged[i].second != judged[i - 1].second;
  if (judged.size() < 2 || changes < min_changes) return std::nullopt;
  std::string sequence;
  for (const auto& [year, status] : judged)
    sequence += (sequence.empty() ? "" : " \xE2\x86\x92 ") + std::to_string(year) + " " + std::string(to_string(status));
  const std::string n = std::to_string(judged.size()), k = std::to_string(changes),
                    y0 = std::to_string(judged.front().first), y1 = std::to_string(judged.back().first);
  return early_warning{
      warning_codes::unstable_status, warning_severity::medium,
      // 评估状态不稳定：近{n}次评估（{y0}—{y1}年）中状态变化{k}次：{sequence}。
      "\xE8\xAF\x84\xE4\xBC\xB0\xE7\x8A\xB6\xE6\x80\x81\xE4\xB8\x8D\xE7\xA8\xB3\xE5\xAE\x9A\xEF\xBC\x9A\xE8\xBF\x91" + n + "\xE6\xAC\xA1\xE8\xAF\x84\xE4\xBC\xB0\xEF\xBC\x88" + y0 + "\xE2\x80\x94" + y1 + "\xE5\xB9\xB4\xEF\xBC\x89\xE4\xB8\xAD\xE7\x8A\xB6\xE6\x80\x81\xE5\x8F\x98\xE5\x8C\x96" + k + "\xE6\xAC\xA1\xEF\xBC\x9A" + sequence + "\xE3\x80\x82",
      "Unstable status: the status changed " + k + " times in the last " + n + " evaluations (" + y0 +
          "\xE2\x80\x93" + y1 + "): " + sequence + "."};
}


/// percent_as_fraction: a level target on a percentage indicator whose value is a fraction
/// (0.8 where 80 % is meant). Raised when the value v is in (0, 1] and either the series' latest
/// observation is above 1 and at least 10·v (the data are in percent, the target is not), or
/// there are no observations and the target is a floor (a floor of at most 1 % is rarely a
/// plan's goal). The sentence says how v reads and what to write instead; nullopt otherwise.
inline std::optional<early_warning> percent_as_fraction_warning(const target& t, const indicator& ind,
                                                                std::optional<double> latest_value) {
  if (ind.scale != scale::percent || !t.value || !(*t.value > 0.0 && *t.value <= 1.0)) return std::nullopt;
  const bool floor = t.kind == target_kind::at_least || t.kind == target_kind::maintain_at_least ||
                     t.kind == target_kind::about;
  if (!floor && t.kind != target_kind::at_most && t.kind != target_kind::maintain_at_most) return std::nullopt;
  const bool data_in_percent = latest_value && *latest_value > 1.0 && *latest_value >= 10.0 * *t.value;
  if (!data_in_percent && (latest_value || !floor)) return std::nullopt;
  const std::string v = detail::sentence_number(*t.value), w = detail::sentence_number(100.0 * *t.value);
  return early_warning{
      warning_codes::percent_as_fraction, warning_severity::medium,
      // 单位提示：百分比指标的目标值{v}读作{v}%；若指{w}%，目标值应写作{w}。
      "\xE5\x8D\x95\xE4\xBD\x8D\xE6\x8F\x90\xE7\xA4\xBA\xEF\xBC\x9A\xE7\x99\xBE\xE5\x88\x86\xE6\xAF\x94\xE6\x8C\x87\xE6\xA0\x87\xE7\x9A\x84\xE7\x9B\xAE\xE6\xA0\x87\xE5\x80\xBC" + v + "\xE8\xAF\xBB\xE4\xBD\x9C" + v + "%\xEF\xBC\x9B\xE8\x8B\xA5\xE6\x8C\x87" + w + "%\xEF\xBC\x8C\xE7\x9B\xAE\xE6\xA0\x87\xE5\x80\xBC\xE5\xBA\x94\xE5\x86\x99\xE4\xBD\x9C" + w + "\xE3\x80\x82",
      "Unit hint: the target " + v + " on a percentage indicator reads as " + v + " %; if " + w +
          " % is meant, write the target as " + w + "."};
}

}  // namespace ontrack::assess
