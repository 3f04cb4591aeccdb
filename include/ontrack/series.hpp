#pragma once
/// Observations: the yearly values of one indicator (optionally one disaggregation of it).

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include <Eigen/Core>

#include <ontrack/detail/enum_names.hpp>

namespace ontrack {

/// How a value came about, when it is not a plain published figure.
enum class observation_flag { none, estimated, provisional, derived };

namespace detail {
inline constexpr name_table<observation_flag, 3> observation_flag_names{{
    {observation_flag::estimated, "estimated"},
    {observation_flag::provisional, "provisional"},
    {observation_flag::derived, "derived"},
}};
}  // namespace detail

inline std::string_view to_string(observation_flag f) noexcept {
  return f == observation_flag::none ? std::string_view{}
                                     : detail::name_of(detail::observation_flag_names, f);
}

/// One yearly value. Rates may carry their counts (e.g. deaths and live births), because at
/// district scale the counts, not the rate, say how much a change means.
struct observation {
  int year = 0;
  double value = 0.0;
  std::optional<double> numerator;
  std::optional<double> denominator;
  std::string source;
  observation_flag flag = observation_flag::none;
  std::string vintage;  ///< release the value was taken from, e.g. "2024-03-01"

  friend bool operator==(const observation& a, const observation& b) {
    return std::tie(a.year, a.value, a.numerator, a.denominator, a.source, a.flag, a.vintage) ==
           std::tie(b.year, b.value, b.numerator, b.denominator, b.source, b.flag, b.vintage);
  }
  friend bool operator!=(const observation& a, const observation& b) { return !(a == b); }
};

/// The observations of one indicator and disaggregation, in the order they were given.
struct series {
  std::string indicator;
  std::map<std::string, std::string> disaggregation;
  std::vector<observation> observations;

  std::vector<int> years() const {
    std::vector<int> out;
    out.reserve(observations.size());
    for (const auto& o : observations) out.push_back(o.year);
    return out;
  }

  Eigen::VectorXd values() const {
    Eigen::VectorXd out(static_cast<Eigen::Index>(observations.size()));
    for (std::size_t i = 0; i < observations.size(); ++i)
      out[static_cast<Eigen::Index>(i)] = observations[i].value;
    return out;
  }

  friend bool operator==(const series& a, const series& b) {
    return std::tie(a.indicator, a.disaggregation, a.observations) ==
           std::tie(b.indicator, b.disaggregation, b.observations);
  }
  friend bool operator!=(const series& a, const series& b) { return !(a == b); }
};

}  // namespace ontrack
