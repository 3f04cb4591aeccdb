#pragma once
/// How a published method's verdict reads beside ontrack's status, for a side-by-side comparison
/// of methods (docs/report.md § Method comparison): each label's leaning (met or on course,
/// part-way, off course, no verdict), the symbol the method's publications print for it
/// (Eurostat's arrows, Destatis' weather), and one sentence on what the method reads, to say why
/// two methods can disagree on one target.

#include <string>
#include <string_view>

#include <ontrack/assess/status.hpp>

namespace ontrack::assess {

/// Where a verdict leans, on the scale every method shares.
enum class verdict_leaning { favourable, partial, unfavourable, none };

inline std::string_view to_string(verdict_leaning l) noexcept {
  switch (l) {
    case verdict_leaning::favourable: return "favourable";
    case verdict_leaning::partial: return "partial";
    case verdict_leaning::unfavourable: return "unfavourable";
    case verdict_leaning::none: return "none";
  }
  return "none";
}

/// ontrack's own status on that scale: achieved and on track are favourable, at risk partial,
/// off track, deteriorating and missed unfavourable.
inline verdict_leaning leaning_of(progress_status s) noexcept {
  switch (s) {
    case progress_status::achieved:
    case progress_status::on_track: return verdict_leaning::favourable;
    case progress_status::at_risk: return verdict_leaning::partial;
    case progress_status::off_track:
    case progress_status::deteriorating:
    case progress_status::missed: return verdict_leaning::unfavourable;
    case progress_status::not_assessable: return verdict_leaning::none;
  }
  return verdict_leaning::none;
}

/// A method's label on that scale, as its publication ranks its labels (docs/methods.md).
/// Labels that are no verdict (not assessable, no data, for review) and unknown ones: none.
inline verdict_leaning leaning_of(std::string_view method, std::string_view label) noexcept {
  using L = verdict_leaning;
  const auto any = [&](std::initializer_list<std::string_view> codes) {
    for (auto c : codes)
      if (c == label) return true;
    return false;
  };
  if (method == "ontrack") {
    for (const auto& [s, name] : detail::progress_status_names)
      if (name == label) return leaning_of(s);
    return L::none;
  }
  if (method == "nbs") {
    if (any({"achieved_early", "achieved"})) return L::favourable;
    if (label == "basically_achieved") return L::partial;
    if (label == "not_achieved") return L::unfavourable;
    return L::none;
  }
  if (method == "eurostat") {
    if (label == "significant_progress") return L::favourable;
    if (label == "moderate_progress") return L::partial;
    if (any({"insufficient_progress", "movement_away", "moderate_movement_away", "significant_movement_away"}))
      return L::unfavourable;
    return L::none;
  }
  if (method == "unsd") {
    if (any({"target_achieved", "on_track", "target_met_or_almost_met"})) return L::favourable;
    if (any({"fair_progress", "close_to_target", "moderate_distance_to_target"})) return L::partial;
    if (any({"limited_or_no_progress", "deterioration", "target_not_achieved", "far_from_target",
             "very_far_from_target"}))
      return L::unfavourable;
    return L::none;
  }
  if (method == "unsd_expected") {
    if (label == "on_track") return L::favourable;
    if (any({"moderate_progress", "marginal_progress"})) return L::partial;
    if (any({"stagnation", "regression"})) return L::unfavourable;
    return L::none;
  }
  if (method == "destatis") {
    if (label == "sun") return L::favourable;
    if (label == "partly_cloudy") return L::partial;
    if (any({"cloudy", "thunderstorm"})) return L::unfavourable;
    return L::none;
  }
  return L::none;
}

/// The symbol a method's publications print for a label ("" when they print none): Eurostat's
/// arrows (↑ significant progress … ↓ significant movement away), Destatis' weather (☀ ⛅ ☁ ⛈).
inline std::string_view verdict_symbol(std::string_view method, std::string_view label) noexcept {
  if (method == "eurostat") {
    if (label == "significant_progress") return "\xE2\x86\x91";  // ↑
    if (label == "moderate_progress") return "\xE2\x86\x97";                              // ↗
    if (label == "insufficient_progress" || label == "moderate_movement_away") return "\xE2\x86\x98";  // ↘
    if (label == "movement_away" || label == "significant_movement_away") return "\xE2\x86\x93";  // ↓
  }
  if (method == "destatis") {
    if (label == "sun") return "\xE2\x98\x80";            // ☀
    if (label == "partly_cloudy") return "\xE2\x9B\x85";  // ⛅
    if (label == "cloudy") return "\xE2\x98\x81";         // ☁
    if (label == "thunderstorm") return "\xE2\x9B\x88";   // ⛈
  }
  return "";
}

/// What a method reads, in one sentence ("zh" or "en"): the reason two methods can judge one
/// target differently.
inline std::string_view method_reading(std::string_view method, std::string_view language) noexcept {
  const bool zh = language == "zh";
  if (method == "ontrack")
    // 按当前趋势预测到目标年份，以达标概率判断
    return zh ? "\xE6\x8C\x89\xE5\xBD\x93\xE5\x89\x8D\xE8\xB6\x8B\xE5\x8A\xBF\xE9\xA2\x84\xE6\xB5\x8B\xE5\x88\xB0\xE7\x9B\xAE"
                "\xE6\xA0\x87\xE5\xB9\xB4\xE4\xBB\xBD\xEF\xBC\x8C\xE4\xBB\xA5\xE8\xBE\xBE\xE6\xA0\x87\xE6\xA6\x82\xE7\x8E\x87\xE5\x88\xA4"
                "\xE6\x96\xAD"
              : "projects the current trend to the target year and reads the probability of meeting it";
  if (method == "nbs")
    // 国家统计局只比较最新水平与目标值，不看趋势
    return zh ? "\xE5\x9B\xBD\xE5\xAE\xB6\xE7\xBB\x9F\xE8\xAE\xA1\xE5\xB1\x80\xE5\x8F\xAA\xE6\xAF\x94\xE8\xBE\x83\xE6\x9C\x80"
                "\xE6\x96\xB0\xE6\xB0\xB4\xE5\xB9\xB3\xE4\xB8\x8E\xE7\x9B\xAE\xE6\xA0\x87\xE5\x80\xBC\xEF\xBC\x8C\xE4\xB8\x8D\xE7\x9C\x8B"
                "\xE8\xB6\x8B\xE5\x8A\xBF"
              : "NBS compares the latest level with the target only, not the trend";
  if (method == "eurostat")
    // 欧盟统计局比较基期以来的年均增长率与所需增长率
    return zh ? "\xE6\xAC\xA7\xE7\x9B\x9F\xE7\xBB\x9F\xE8\xAE\xA1\xE5\xB1\x80\xE6\xAF\x94\xE8\xBE\x83\xE5\x9F\xBA\xE6\x9C\x9F"
                "\xE4\xBB\xA5\xE6\x9D\xA5\xE7\x9A\x84\xE5\xB9\xB4\xE5\x9D\x87\xE5\xA2\x9E\xE9\x95\xBF\xE7\x8E\x87\xE4\xB8\x8E\xE6\x89\x80"
                "\xE9\x9C\x80\xE5\xA2\x9E\xE9\x95\xBF\xE7\x8E\x87"
              : "Eurostat compares the average growth rate since the base year with the rate needed";
  if (method == "unsd" || method == "unsd_expected")
    // 联合国统计司比较基期以来的实际变化与预期变化
    return zh ? "\xE8\x81\x94\xE5\x90\x88\xE5\x9B\xBD\xE7\xBB\x9F\xE8\xAE\xA1\xE5\x8F\xB8\xE6\xAF\x94\xE8\xBE\x83\xE5\x9F\xBA"
                "\xE6\x9C\x9F\xE4\xBB\xA5\xE6\x9D\xA5\xE7\x9A\x84\xE5\xAE\x9E\xE9\x99\x85\xE5\x8F\x98\xE5\x8C\x96\xE4\xB8\x8E\xE9\xA2\x84"
                "\xE6\x9C\x9F\xE5\x8F\x98\xE5\x8C\x96"
              : "UNSD compares the actual change since the base year with the change expected by now";
  if (method == "destatis")
    // 德国联邦统计局将近5年趋势外推到目标年份，看偏离目标的程度
    return zh ? "\xE5\xBE\xB7\xE5\x9B\xBD\xE8\x81\x94\xE9\x82\xA6\xE7\xBB\x9F\xE8\xAE\xA1\xE5\xB1\x80\xE5\xB0\x86\xE8\xBF\x91"
                "5\xE5\xB9\xB4\xE8\xB6\x8B\xE5\x8A\xBF\xE5\xA4\x96\xE6\x8E\xA8\xE5\x88\xB0\xE7\x9B\xAE\xE6\xA0\x87\xE5\xB9\xB4\xE4\xBB\xBD"
                "\xEF\xBC\x8C\xE7\x9C\x8B\xE5\x81\x8F\xE7\xA6\xBB\xE7\x9B\xAE\xE6\xA0\x87\xE7\x9A\x84\xE7\xA8\x8B\xE5\xBA\xA6"
              : "Destatis extrapolates the last five years' trend to the target year and reads the deviation from the target";
  return "";
}

}  // namespace ontrack::assess
