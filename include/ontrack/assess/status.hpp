#pragma once
/// ontrack's own progress statuses, and the rule that reads them from the probability of meeting
/// a target rather than from a point projection (docs/assessment.md § Statuses).
///
/// A point projection says "2030: 11.8" and hides that 11.8 ± 4 is a coin toss; the probability
/// of meeting the target (`p_meet`) is the number a statistics office can act on, so every status
/// of an undecided target is a band of `p_meet`. The bands follow the IPCC's calibrated likelihood
/// language: *likely* (≥ 66 %) reads on track, *unlikely* (< 33 %) off track, the middle is at risk.

#include <cstdint>
#include <ostream>
#include <stdexcept>
#include <string>
#include <string_view>

#include <ontrack/detail/enum_names.hpp>

namespace ontrack::assess {

/// The status of one target at one evaluation, most favourable first.
enum class progress_status : std::uint8_t {
  achieved,       ///< met on observed data (and, before the deadline, likely to stay met)
  on_track,       ///< likely to be met (p_meet ≥ on_track threshold)
  at_risk,        ///< about as likely as not
  off_track,      ///< unlikely to be met
  deteriorating,  ///< unlikely to be met and the trend moves away from the target
  missed,         ///< settled by observed years that broke it: no later value can meet it
  not_assessable, ///< no judgement possible; the assessment's reason says why
};

namespace detail {
inline constexpr ontrack::detail::name_table<progress_status, 7> progress_status_names{{
    {progress_status::achieved, "achieved"},
    {progress_status::on_track, "on_track"},
    {progress_status::at_risk, "at_risk"},
    {progress_status::off_track, "off_track"},
    {progress_status::deteriorating, "deteriorating"},
    {progress_status::missed, "missed"},
    {progress_status::not_assessable, "not_assessable"},
}};
}  // namespace detail

inline std::string_view to_string(progress_status s) noexcept {
  return ontrack::detail::name_of(detail::progress_status_names, s);
}

/// Streams the name (readable logs and test failure messages).
inline std::ostream& operator<<(std::ostream& os, progress_status s) { return os << to_string(s); }

/// The status named `name`. Throws std::invalid_argument listing the accepted names otherwise.
inline progress_status progress_status_from_string(std::string_view name) {
  if (auto s = ontrack::detail::value_of(detail::progress_status_names, name)) return *s;
  throw std::invalid_argument("unknown progress status \"" + std::string(name) + "\": expected " +
                              ontrack::detail::accepted_names(detail::progress_status_names));
}

/// The status's wording in "zh" or "en" (any other language gives English).
inline std::string_view status_text(progress_status s, std::string_view language) noexcept {
  const bool zh = language == "zh";
  switch (s) {
    case progress_status::achieved: return zh ? "\xE5\xB7\xB2\xE8\xBE\xBE\xE6\xA0\x87" : "achieved";  // 已达标
    case progress_status::on_track:
      return zh ? "\xE9\xA2\x84\xE8\xAE\xA1\xE8\xBE\xBE\xE6\xA0\x87" : "on track";  // 预计达标
    case progress_status::at_risk:
      return zh ? "\xE5\xAD\x98\xE5\x9C\xA8\xE9\xA3\x8E\xE9\x99\xA9" : "at risk";  // 存在风险
    case progress_status::off_track:
      // 预计达标困难
      return zh ? "\xE9\xA2\x84\xE8\xAE\xA1\xE8\xBE\xBE\xE6\xA0\x87\xE5\x9B\xB0\xE9\x9A\xBE" : "off track";
    case progress_status::deteriorating:
      return zh ? "\xE8\xB6\x8B\xE5\x8A\xBF\xE6\x81\xB6\xE5\x8C\x96" : "deteriorating";  // 趋势恶化
    case progress_status::missed: return zh ? "\xE6\x9C\xAA\xE8\xBE\xBE\xE6\xA0\x87" : "missed";  // 未达标
    case progress_status::not_assessable:
      return zh ? "\xE6\x97\xA0\xE6\xB3\x95\xE8\xAF\x84\xE4\xBC\xB0" : "not assessable";  // 无法评估
  }
  return "?";
}

/// The probability bands of the status rule (docs/assessment.md § Thresholds).
struct status_thresholds {
  double on_track = 0.66;   ///< p_meet at or above: on track (IPCC "likely")
  double off_track = 0.33;  ///< p_meet below: off track (IPCC "unlikely")
};

/// What the status rule reads about one target.
struct status_evidence {
  /// True when observed data settle the target: every year it is judged in is observed, or an
  /// observed year already breaks it. Then `met` is the verdict and p_meet is 1 or 0.
  bool decided = false;
  /// Decided: the verdict. Undecided: the target's condition already holds on the latest
  /// observation (NBS 提前实现, "achieved early").
  bool met = false;
  double p_meet = 0.0;       ///< probability of meeting the target (undecided targets)
  bool moving_away = false;  ///< the observed trend runs away from the target
};

/// The status rule:
///  - decided: met → achieved; broken by an observed year → missed (a settled miss is named as
///    such, never "expected to be difficult", whatever the trend does next);
///  - undecided: p_meet ≥ on_track → achieved when already met, else on_track;
///    off_track ≤ p_meet < on_track → at_risk;
///    p_meet < off_track → off_track, or deteriorating when the trend moves away.
/// Throws std::invalid_argument for thresholds outside 0 ≤ off_track ≤ on_track ≤ 1 or a p_meet
/// outside [0, 1] on an undecided target.
inline progress_status classify(const status_evidence& e, const status_thresholds& t = {}) {
  if (!(t.off_track >= 0.0 && t.off_track <= t.on_track && t.on_track <= 1.0))
    throw std::invalid_argument("status thresholds: off_track " + std::to_string(t.off_track) +
                                " and on_track " + std::to_string(t.on_track) +
                                " must satisfy 0 <= off_track <= on_track <= 1");
  const auto unlikely = [&] {
    return e.moving_away ? progress_status::deteriorating : progress_status::off_track;
  };
  if (e.decided) return e.met ? progress_status::achieved : progress_status::missed;
  if (!(e.p_meet >= 0.0 && e.p_meet <= 1.0))
    throw std::invalid_argument("p_meet " + std::to_string(e.p_meet) + " must lie in [0, 1]");
  if (e.p_meet >= t.on_track) return e.met ? progress_status::achieved : progress_status::on_track;
  if (e.p_meet >= t.off_track) return progress_status::at_risk;
  return unlikely();
}

/// True for the statuses that count as a judgement (every status but not_assessable).
inline bool assessable(progress_status s) noexcept { return s != progress_status::not_assessable; }

}  // namespace ontrack::assess
