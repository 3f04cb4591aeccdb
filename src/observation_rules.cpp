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

const char* scale_noun(scale s) {
  switch (s) {
    case scale::percent: return "a percentage";
    case scale::count: return "a count";
    case scale::per_1000:
    case scale::per_10000:
    case scale::per_100000: return "a rate";
    case scale::years: return "a number of years";
    case scale::binary: return "a yes/no value (0 or 1)";
    default: return nullptr;
  }
}

void check_count(const char* name, const std::optional<double>& count,
                 std::vector<observation_problem>& out) {
  if (!count) return;
  if (!std::isfinite(*count)) {
    out.push_back({name, std::string(name) + " must be a finite number"});
  } else if (*count < 0) {
    out.push_back({name, std::string(name) + " " + shown(*count) + " is negative, which a count cannot be"});
  } else if (*count != std::floor(*count)) {
    out.push_back({name, std::string(name) + " " + shown(*count) + " is not a whole number, which a count must be"});
  }
}

}  // namespace

std::vector<observation_problem> observation_problems(const plan& p, const indicator& ind,
                                                      const observation& o,
                                                      std::optional<int> earliest) {
  std::vector<observation_problem> out;
  const int first = earliest.value_or(p.earliest_history_year());
  if (o.year < first) {
    out.push_back({"year", "year " + std::to_string(o.year) + " is before the earliest history year " +
                               std::to_string(first) + " (" +
                               (earliest ? std::string("as asked")
                                : p.history_start ? std::string("the plan's history_start")
                                                  : std::to_string(default_history_years) +
                                                        " years before the base year " + std::to_string(p.base_year)) +
                               "); years " + std::to_string(first) + "–" + std::to_string(p.period_end) + " are accepted"});
  } else if (o.year > p.period_end) {
    out.push_back({"year", "year " + std::to_string(o.year) + " is after the plan's last year " +
                               std::to_string(p.period_end) + "; years " + std::to_string(first) + "–" +
                               std::to_string(p.period_end) + " are accepted"});
  }

  const char* noun = scale_noun(ind.scale);
  const std::string what = noun ? noun : "indicator " + ind.id;
  if (!std::isfinite(o.value)) {
    out.push_back({"value", "value must be a finite number"});
  } else if (o.value > ind.bounds.upper) {
    out.push_back({"value", "value " + shown(o.value) + " is above " + shown(ind.bounds.upper) +
                                ", the most " + what + " can be"});
  } else if (o.value < ind.bounds.lower) {
    out.push_back({"value", ind.scale == scale::count && ind.bounds.lower == 0
                                ? "value " + shown(o.value) + " is negative, which a count cannot be"
                                : "value " + shown(o.value) + " is below " + shown(ind.bounds.lower) +
                                      ", the least " + what + " can be"});
  }

  const std::size_t before = out.size();
  check_count("numerator", o.numerator, out);
  check_count("denominator", o.denominator, out);
  if (out.size() != before || !o.denominator) return out;
  if (*o.denominator == 0) {
    out.push_back({"denominator", "denominator 0: a rate needs a positive denominator"});
    return out;
  }
  if (!o.numerator) return out;
  const double multiplier = assess::detail::count_multiplier(ind.scale);
  if (ind.bounds.upper <= multiplier && *o.numerator > *o.denominator) {
    out.push_back({"numerator", "numerator " + shown(*o.numerator) + " is more than the denominator " +
                                    shown(*o.denominator) + ", which a proportion cannot be"});
    return out;
  }
  const double rate = *o.numerator / *o.denominator * multiplier;
  // A relative allowance for the binary noise of the division, beside the value's rounding.
  const double allowed = rounding_of(o.value) + 1e-9 * std::fabs(rate);
  if (std::isfinite(o.value) && std::fabs(rate - o.value) > allowed)
    out.push_back({"value", "value " + shown(o.value) + " disagrees with its counts: " + shown(*o.numerator) +
                                " / " + shown(*o.denominator) + " is " + shown(rate) + " " + ind.unit +
                                ", more than the rounding of the value (±" + shown(rounding_of(o.value)) +
                                ") away"});
  return out;
}

}  // namespace ontrack
