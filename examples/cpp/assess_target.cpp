// Assesses one target of a plan with ontrack's own method: the status, the probability of meeting
// the target, the projection behind it and the early warnings.
//   assess_target PLAN.json [INDICATOR [AS_OF]]     (defaults: mmr, 2024)

#include <cstdio>
#include <iostream>
#include <string>

#include <ontrack/ontrack.hpp>

#include "national_figures.hpp"

int main(int argc, char** argv) {
  if (argc < 2 || argc > 4) {
    std::cerr << "usage: assess_target PLAN.json [INDICATOR [AS_OF]]\n";
    return 2;
  }
  try {
    const ontrack::plan plan = ontrack::load_plan(argv[1]);
    const std::string id = argc > 2 ? argv[2] : "mmr";
    const int as_of = argc > 3 ? std::stoi(argv[3]) : 2024;
    const ontrack::indicator& indicator = plan.find_indicator(id);
    if (indicator.targets.empty()) {
      std::cerr << "indicator '" << id << "' has no target to assess\n";
      return 1;
    }
    const std::vector<ontrack::series> data = examples::national_series();
    const ontrack::assess::series_index index(data);
    const ontrack::assess::plan_frame frame{plan.base_year, plan.period_start, plan.period_end, plan.midterm_year};
    const ontrack::target& target = indicator.targets.front();
    const auto a = ontrack::assess::assess_native(target, indicator, frame, index, as_of);

    std::cout << indicator.name.in("en") << " — target: " << target.text << " (" << ontrack::to_string(target.kind)
              << "), data: " << examples::national_label << "\n";
    std::cout << "status as of " << as_of << ": " << ontrack::assess::to_string(a.status) << " ("
              << ontrack::assess::status_text(a.status, "zh") << ")\n";
    if (!a.reason.empty()) std::cout << "not assessable: " << a.reason << " — " << a.message << "\n";
    if (const auto p = a.component("p_meet")) std::printf("p_meet = %.3f\n", *p);
    if (const auto v = a.component("projected_value"))
      std::printf("projected %d: %.2f [%.2f, %.2f] (model %s)\n", target.deadline(plan.period_end), *v,
                  a.component("projected_value_lower").value_or(0.0), a.component("projected_value_upper").value_or(0.0),
                  a.model.c_str());
    for (const auto& w : a.warnings) std::cout << "warning (" << w.severity << "): " << w.en << "\n";
  } catch (const std::exception& e) {
    std::cerr << e.what() << "\n";
    return 1;
  }
  return 0;
}
