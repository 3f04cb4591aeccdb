// Projects one series to 2030 with uncertainty and asks how likely a target is to be met: the
// national maternal mortality ratio against the Kundulun plan's target of at most 12 per 100,000.
//   project_series

#include <cstdio>
#include <iostream>
#include <vector>

#include <ontrack/project.hpp>

#include "national_figures.hpp"

int main() {
  const ontrack::series mmr = examples::maternal_mortality();
  const int deadline = 2030;
  const double target = 12.0;
  const Eigen::VectorXd v = mmr.values();
  const std::vector<double> values(v.begin(), v.end());
  try {
    // auto picks the model by out-of-sample error and says why (docs/projection.md § auto).
    const ontrack::selection sel = ontrack::select_model(mmr.years(), values, deadline);
    const ontrack::projection& p = sel.result;
    std::cout << "Maternal mortality ratio, " << examples::national_label << "\n";
    std::cout << "model: " << ontrack::to_string(p.method) << " (" << sel.why << ")\n";
    std::cout << "year  median  80% interval      95% interval\n";
    for (const auto& d : p.forecast) {
      const auto [lo80, hi80] = p.interval(d.year, 0.80);
      const auto [lo95, hi95] = p.interval(d.year, 0.95);
      std::printf("%d  %6.2f  [%6.2f, %6.2f]  [%6.2f, %6.2f]\n", d.year, p.predict(d.year), lo80, hi80, lo95, hi95);
    }
    std::printf("P(%d value <= %g) = %.3f\n", deadline, target, p.prob_at_most(target, deadline));
  } catch (const std::exception& e) {
    std::cerr << e.what() << "\n";
    return 1;
  }
  return 0;
}
