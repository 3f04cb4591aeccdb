// Lists the indicators and targets of a plan file: the smallest useful C++ program on ontrack.
//   list_indicators path/to/plan.json

#include <iostream>

#include <ontrack/ontrack.hpp>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: list_indicators PLAN.json\n";
    return 2;
  }
  try {
    const ontrack::plan plan = ontrack::load_plan(argv[1]);
    std::cout << plan.title.in("en") << " (" << plan.period_start << "–" << plan.period_end << ")\n";
    for (const ontrack::indicator* indicator : plan.indicators()) {
      std::cout << indicator->id << "\t" << indicator->name.in("zh");
      for (const auto& target : indicator->targets)
        std::cout << "\t" << ontrack::to_string(target.kind);
      std::cout << "\n";
    }
  } catch (const std::exception& e) {
    std::cerr << e.what() << "\n";
    return 1;
  }
  return 0;
}
