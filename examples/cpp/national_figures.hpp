#pragma once
// A few of the national (China) figures bundled with ontrack (python/ontrack/data/china), as
// series of the Kundulun plan's indicators. No district series are published: these national
// figures stand in for district data and are labelled as national wherever the examples print them.

#include <string>
#include <utility>
#include <vector>

#include <ontrack/series.hpp>

namespace examples {

inline constexpr const char* national_label = "national (China) figures standing in for district data";

inline ontrack::series make_series(const std::string& indicator, const std::vector<std::pair<int, double>>& points) {
  ontrack::series s;
  s.indicator = indicator;
  for (const auto& [year, value] : points) {
    ontrack::observation o;
    o.year = year;
    o.value = value;
    o.source = "NBS / NHC monitoring reports (national)";
    s.observations.push_back(o);
  }
  return s;
}

/// Maternal mortality ratio, per 100,000 live births (plan indicator `mmr`).
inline ontrack::series maternal_mortality() {
  return make_series("mmr", {{2010, 30.0}, {2013, 23.2}, {2015, 20.1}, {2016, 19.9}, {2017, 19.6}, {2018, 18.3},
                             {2020, 16.9}, {2021, 16.1}, {2022, 15.7}, {2023, 15.1}, {2024, 14.3}});
}

/// Every national series these examples use.
inline std::vector<ontrack::series> national_series() {
  return {
      maternal_mortality(),
      // Systematic management rate of maternal health care, percent (`mat_sys_mgmt`).
      make_series("mat_sys_mgmt", {{2010, 84.1}, {2016, 91.6}, {2017, 89.6}, {2018, 89.9}, {2021, 92.9},
                                   {2022, 93.6}, {2023, 94.5}, {2024, 94.9}}),
      // Women's share of the employed, percent (`female_share_employed`).
      make_series("female_share_employed", {{2015, 42.9}, {2017, 43.5}, {2018, 43.7}, {2019, 43.2}, {2021, 43.1},
                                            {2022, 43.2}, {2024, 43.4}}),
  };
}

}  // namespace examples
