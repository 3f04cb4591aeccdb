#include <ontrack/observation_rules.hpp>

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include <ontrack/assess/native_model.hpp>

namespace ontrack {

namespace {

/// A number as people write it: up to six significant digits, no trailing zeros.
std::string shown(double x) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.6g", x);
  return buffer;
}

/// Half a unit in the last decimal place of the shortest text that reads back as `x`:
/// how far the true value may be from `x` given the digits it was written with.
double rounding_of(double x) {
  char buffer[64];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, x);
  const std::string_view text(buffer, static_cast<std::size_t>(result.ptr - buffer));
  int exponent = 0;
  std::string_view mantissa = text;
  if (const auto e = text.find_first_of("eE"); e != std::string_view::npos) {
    exponent = std::atoi(std::string(text.substr(e + 1)).c_str());
    mantissa = text.substr(0, e);
  }
  const auto point = mantissa.find('.');
  const int decimals = point == std::string_view::npos ? 0 : static_cast<int>(mantissa.size() - point - 1);
  return 0.5 * std::pow(10.0, -(decimals - exponent));
}

/// What an indicator of scale `s` is, for a bound's reason ("the most a percentage can be");
/// "indicator" where the scale names nothing more telling.
const char* kind_of(scale s) {
  switch (s) {
    case scale::percent: return "percentage";
    case scale::count: return "count";
    case scale::per_1000:
    case scale::per_10000:
    case scale::per_100000: return "rate";
    case scale::years: return "years";
    case scale::binary: return "binary";
    default: return "indicator";
  }
}

std::string kind_en(const std::string& kind, const std::string& id) {
  if (kind == "percentage") return "a percentage";
  if (kind == "count") return "a count";
  if (kind == "rate") return "a rate";
  if (kind == "years") return "a number of years";
  if (kind == "binary") return "a yes/no value (0 or 1)";
  return "indicator " + id;
}

std::string kind_zh(const std::string& kind) {
  if (kind == "percentage") return "百分比";
  if (kind == "count") return "计数";
  if (kind == "rate") return "比率";
  if (kind == "years") return "年数";
  if (kind == "binary") return "是/否值（0 或 1）";
  return "指标";
}

std::string count_zh(const std::string& name) { return name == "numerator" ? "分子" : "分母"; }

void check_count(const char* name, const std::optional<double>& count,
                 std::vector<observation_problem>& out) {
  if (!count) return;
  if (!std::isfinite(*count)) {
    out.push_back({name, "count_not_finite", {{"count", name}}});
  } else if (*count < 0) {
    out.push_back({name, "count_negative", {{"count", name}, {"number", shown(*count)}}});
  } else if (*count != std::floor(*count)) {
    out.push_back({name, "count_not_whole", {{"count", name}, {"number", shown(*count)}}});
  }
}

}  // namespace

const std::string& observation_problem::param(const std::string& name) const {
  static const std::string none;
  for (const auto& [key, value] : params)
    if (key == name) return value;
  return none;
}

std::string observation_problem::text(const std::string& language) const {
  const auto& at = [this](const char* name) -> const std::string& { return param(name); };
  const bool zh = language == "zh";
  const std::string accepted = zh ? "；可填年份为 " + at("first") + "–" + at("last")
                                  : "; years " + at("first") + "–" + at("last") + " are accepted";
  if (code == "year_before_history") {
    const std::string& basis = at("basis");
    if (zh)
      return "年份 " + at("year") + " 早于最早的历史年份 " + at("first") + "（" +
             (basis == "asked"           ? std::string("按指定")
              : basis == "history_start" ? std::string("规划的 history_start")
                                         : "基期 " + at("base_year") + " 年之前 " + at("years") + " 年") +
             "）" + accepted;
    return "year " + at("year") + " is before the earliest history year " + at("first") + " (" +
           (basis == "asked"           ? std::string("as asked")
            : basis == "history_start" ? std::string("the plan's history_start")
                                       : at("years") + " years before the base year " + at("base_year")) +
           ")" + accepted;
  }
  if (code == "year_after_period")
    return zh ? "年份 " + at("year") + " 晚于规划末年 " + at("last") + accepted
              : "year " + at("year") + " is after the plan's last year " + at("last") + accepted;
  if (code == "value_not_finite") return zh ? "数值必须是有限的数" : "value must be a finite number";
  if (code == "value_above")
    return zh ? "数值 " + at("value") + " 大于" + kind_zh(at("kind")) + "上限 " + at("bound")
              : "value " + at("value") + " is above " + at("bound") + ", the most " +
                    kind_en(at("kind"), at("indicator")) + " can be";
  if (code == "value_below")
    return zh ? "数值 " + at("value") + " 小于" + kind_zh(at("kind")) + "下限 " + at("bound")
              : "value " + at("value") + " is below " + at("bound") + ", the least " +
                    kind_en(at("kind"), at("indicator")) + " can be";
  if (code == "value_negative_count")
    return zh ? "数值 " + at("value") + " 为负数，计数不能为负"
              : "value " + at("value") + " is negative, which a count cannot be";
  if (code == "count_not_finite")
    return zh ? count_zh(at("count")) + "必须是有限的数" : at("count") + " must be a finite number";
  if (code == "count_negative")
    return zh ? count_zh(at("count")) + " " + at("number") + " 为负数，计数不能为负"
              : at("count") + " " + at("number") + " is negative, which a count cannot be";
  if (code == "count_not_whole")
    return zh ? count_zh(at("count")) + " " + at("number") + " 不是整数，计数必须是整数"
              : at("count") + " " + at("number") + " is not a whole number, which a count must be";
  if (code == "denominator_zero")
    return zh ? "分母为 0：比率的分母必须为正数" : "denominator 0: a rate needs a positive denominator";
  if (code == "numerator_above_denominator")
    return zh ? "分子 " + at("numerator") + " 大于分母 " + at("denominator") + "，比例的分子不能大于分母"
              : "numerator " + at("numerator") + " is more than the denominator " + at("denominator") +
                    ", which a proportion cannot be";
  if (code == "value_disagrees_with_counts") {
    const std::string& unit_zh = at("unit_zh").empty() ? at("unit") : at("unit_zh");
    return zh ? "数值 " + at("value") + " 与分子分母不符：" + at("numerator") + " / " + at("denominator") +
                    " 为 " + at("rate") + " " + unit_zh + "，与数值之差超出其舍入误差（±" + at("rounding") + "）"
              : "value " + at("value") + " disagrees with its counts: " + at("numerator") + " / " +
                    at("denominator") + " is " + at("rate") + " " + at("unit") +
                    ", more than the rounding of the value (±" + at("rounding") + ") away";
  }
  return code;
}

std::vector<observation_problem> observation_problems(const plan& p, const indicator& ind,
                                                      const observation& o,
                                                      std::optional<int> earliest) {
  std::vector<observation_problem> out;
  const int first = earliest.value_or(p.earliest_history_year());
  const std::string year = std::to_string(o.year), from = std::to_string(first),
                    last = std::to_string(p.period_end);
  if (o.year < first) {
    out.push_back({"year", "year_before_history",
                   {{"year", year}, {"first", from}, {"last", last},
                    {"basis", earliest ? "asked" : p.history_start ? "history_start" : "base_year"},
                    {"years", std::to_string(default_history_years)},
                    {"base_year", std::to_string(p.base_year)}}});
  } else if (o.year > p.period_end) {
    out.push_back({"year", "year_after_period", {{"year", year}, {"first", from}, {"last", last}}});
  }

  const std::pair<std::string, std::string> kind{"kind", kind_of(ind.scale)}, id{"indicator", ind.id};
  if (!std::isfinite(o.value)) {
    out.push_back({"value", "value_not_finite", {}});
  } else if (o.value > ind.bounds.upper) {
    out.push_back({"value", "value_above", {{"value", shown(o.value)}, {"bound", shown(ind.bounds.upper)}, kind, id}});
  } else if (o.value < ind.bounds.lower) {
    if (ind.scale == scale::count && ind.bounds.lower == 0)
      out.push_back({"value", "value_negative_count", {{"value", shown(o.value)}}});
    else
      out.push_back({"value", "value_below", {{"value", shown(o.value)}, {"bound", shown(ind.bounds.lower)}, kind, id}});
  }

  const std::size_t before = out.size();
  check_count("numerator", o.numerator, out);
  check_count("denominator", o.denominator, out);
  if (out.size() != before || !o.denominator) return out;
  if (*o.denominator == 0) {
    out.push_back({"denominator", "denominator_zero", {}});
    return out;
  }
  if (!o.numerator) return out;
  const double multiplier = assess::detail::count_multiplier(ind.scale);
  if (ind.bounds.upper <= multiplier && *o.numerator > *o.denominator) {
    out.push_back({"numerator", "numerator_above_denominator",
                   {{"numerator", shown(*o.numerator)}, {"denominator", shown(*o.denominator)}}});
    return out;
  }
  const double rate = *o.numerator / *o.denominator * multiplier;
  // A relative allowance for the binary noise of the division, beside the value's rounding.
  const double allowed = rounding_of(o.value) + 1e-9 * std::fabs(rate);
  if (std::isfinite(o.value) && std::fabs(rate - o.value) > allowed)
    out.push_back({"value", "value_disagrees_with_counts",
                   {{"value", shown(o.value)}, {"numerator", shown(*o.numerator)},
                    {"denominator", shown(*o.denominator)}, {"rate", shown(rate)}, {"unit", ind.unit},
                    {"unit_zh", ind.unit_text.zh}, {"rounding", shown(rounding_of(o.value))}}});
  return out;
}

}  // namespace ontrack
