// Feeds arbitrary bytes to the plan parser. Any input must either give a valid plan (which then
// survives a save/parse round trip unchanged) or a plan_error; anything else is a bug.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include <ontrack/plan_io.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    const ontrack::plan plan = ontrack::parse_plan(text, "fuzz.json");
    if (ontrack::parse_plan(ontrack::to_json(plan)) != plan) std::abort();
  } catch (const ontrack::plan_error&) {
  }
  return 0;
}
