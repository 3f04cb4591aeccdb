// A tiny external program: loads a plan and lists its indicators, as a C++ user would.
#include <iostream>

#include <ontrack/ontrack.hpp>

int main(int argc, char** argv) {
  if (argc != 2) return 2;
  const ontrack::plan plan = ontrack::load_plan(argv[1]);
  for (const ontrack::indicator* indicator : plan.indicators()) std::cout << indicator->id << '\n';
  std::cout << "ontrack " << ontrack::version << ": " << plan.indicators().size() << " indicators\n";
  return plan.indicators().empty() ? 1 : 0;
}
