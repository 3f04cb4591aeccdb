// Evaluates every target of a plan as of one year (annual monitoring, 年度监测) and prints the
// plan's summary and the targets that could be assessed.
//   evaluate_plan PLAN.json [AS_OF]     (default 2024)

#include <cmath>
#include <cstdio>
#include <iostream>
#include <string>

#include <ontrack/ontrack.hpp>

#include "national_figures.hpp"

int main(int argc, char** argv) {
  if (argc < 2 || argc > 3) {
    std::cerr << "usage: evaluate_plan PLAN.json [AS_OF]\n";
    return 2;
  }
  try {
    ontrack::plan plan = ontrack::load_plan(argv[1]);
    if (plan.series.empty()) plan.series = examples::national_series();  // the plan's own data, else the stand-ins
    ontrack::evaluation_options options;
    options.as_of = argc > 2 ? std::stoi(argv[2]) : 2024;
    const ontrack::evaluation e = ontrack::evaluate(plan, plan.series, options);

    std::cout << "plan " << e.plan_id << ", evaluated as of " << e.as_of << " (" << e.preset << "), data: "
              << examples::national_label << "\n";
    std::cout << e.rows.size() << " targets:";
    for (const auto& [status, n] : e.plan_summary.counts) std::cout << " " << n << " " << ontrack::assess::to_string(status);
    std::cout << "\n";
    if (!std::isnan(e.plan_summary.achievement_rate))
      std::printf("achievement rate (达标率): %.1f%% of %d assessable targets\n", 100.0 * e.plan_summary.achievement_rate,
                  e.plan_summary.assessable);
    for (const auto& row : e.rows) {
      if (row.native.status == ontrack::assess::progress_status::not_assessable) continue;
      const std::string status(ontrack::assess::to_string(row.native.status));
      // A decided target (met or missed on observed data) has p_meet 1 or 0; NaN: none computed.
      std::printf("%-26s %-14s p_meet=%.3f\n", row.key().c_str(), status.c_str(),
                  row.native.component("p_meet").value_or(std::nan("")));
    }
    std::cout << e.warnings.size() << " early warnings\n";
  } catch (const std::exception& e) {
    std::cerr << e.what() << "\n";
    return 1;
  }
  return 0;
}
