#define BOOST_TEST_MODULE plan_io
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <cmath>
#include <functional>
#include <limits>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <ontrack/ontrack.hpp>

namespace {

const std::string test_plan_path = std::string(ONTRACK_SOURCE_DIR) + "/tests/data/all_kinds_plan.json";
const std::string kundulun_path =
    std::string(ONTRACK_SOURCE_DIR) + "/python/ontrack/data/plans/kundulun_women_2021_2030.json";

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

nlohmann::ordered_json test_plan_json() { return nlohmann::ordered_json::parse(read_file(test_plan_path)); }

// Parses a mutated copy of the test plan and returns the error it raises.
ontrack::plan_error error_after(const std::function<void(nlohmann::ordered_json&)>& mutate) {
  auto j = test_plan_json();
  mutate(j);
  try {
    ontrack::parse_plan(j.dump(), "mutated.json");
  } catch (const ontrack::plan_error& e) {
    return e;
  }
  BOOST_FAIL("the mutated plan was accepted");
  throw;
}

void check_error(const std::function<void(nlohmann::ordered_json&)>& mutate,
                 const std::string& pointer, const std::string& rule_fragment) {
  const auto e = error_after(mutate);
  BOOST_TEST_INFO("message: " << e.what());
  BOOST_TEST(e.file() == "mutated.json");
  BOOST_TEST(e.pointer() == pointer);
  BOOST_TEST(e.rule().find(rule_fragment) != std::string::npos);
  BOOST_TEST(std::string(e.what()).find("mutated.json: " + pointer + ": ") == 0u);
}

}  // namespace

BOOST_AUTO_TEST_CASE(loads_every_target_kind) {
  const auto plan = ontrack::load_plan(test_plan_path);
  BOOST_TEST(plan.id == "test-all-kinds");
  BOOST_TEST(plan.title.zh == "测试规划");
  BOOST_TEST(plan.period_start == 2021);
  BOOST_TEST(plan.period_end == 2030);
  BOOST_TEST(*plan.midterm_year == 2025);
  std::set<ontrack::target_kind> kinds;
  for (const auto* ind : plan.indicators())
    for (const auto& t : ind->targets) kinds.insert(t.kind);
  BOOST_TEST(kinds.size() == ontrack::detail::target_kind_names.size());
  BOOST_TEST(plan.series.size() == 3u);
  BOOST_TEST(*plan.series[0].observations[2].numerator == 146.0);
  BOOST_TEST((plan.series[0].observations[1].flag == ontrack::observation_flag::derived));
}

BOOST_AUTO_TEST_CASE(defaults_follow_the_scale) {
  const auto plan = ontrack::load_plan(test_plan_path);
  BOOST_TEST(plan.find_indicator("mat_sys_mgmt").bounds.upper == 100.0);
  BOOST_TEST(plan.find_indicator("mmr").bounds.lower == 0.0);
  BOOST_TEST(std::isinf(plan.find_indicator("mmr").bounds.upper));
  BOOST_CHECK_THROW(plan.find_indicator("nope"), std::out_of_range);
}

BOOST_AUTO_TEST_CASE(responsible_units_are_inherited_from_the_domain) {
  const auto plan = ontrack::load_plan(test_plan_path);
  const auto& units = plan.responsible_units_of(plan.goal_of("mmr"));
  BOOST_TEST(units.size() == 2u);
  BOOST_TEST(units[1] == "医保局");
  BOOST_TEST(plan.responsible_units_of(plan.goal_of("midwives")).size() == 1u);
}

BOOST_AUTO_TEST_CASE(unit_queries_follow_goals_and_domains) {
  const auto plan = ontrack::load_plan(test_plan_path);
  // Units with at least one indicator, each once, in plan order (health.2's own 卫健委 is not
  // repeated; decision_making names none).
  BOOST_TEST((plan.responsible_units() == std::vector<std::string>{"卫健委", "医保局", "人社局"}));
  std::vector<std::string> insurance;
  for (const auto* i : plan.indicators_of_unit("医保局")) insurance.push_back(i->id);
  BOOST_TEST(insurance.size() == 2u);  // health.1's two indicators; health.2 has its own units
  BOOST_TEST((std::find(insurance.begin(), insurance.end(), "mmr") != insurance.end()));
  BOOST_TEST(plan.indicators_of_unit("妇联").empty());
  // Without a list of names, a unit is called by its key in every language.
  BOOST_TEST(plan.unit_name("卫健委").in("en") == "卫健委");
  BOOST_TEST(!plan.find_unit("Health Commission"));
}

BOOST_AUTO_TEST_CASE(units_have_names_in_each_language) {
  auto j = test_plan_json();
  j["responsible_units"] = nlohmann::ordered_json::array(
      {{{"zh", "卫健委"}, {"en", "Health Commission"}}, {{"zh", "医保局"}, {"en", "Healthcare Security Bureau"}},
       {{"zh", "人社局"}}});
  const auto plan = ontrack::parse_plan(j.dump());
  BOOST_TEST(plan.unit_name("卫健委").in("en") == "Health Commission");
  BOOST_TEST(plan.unit_name("人社局").in("en") == "人社局");  // no English name: the key
  BOOST_TEST(*plan.find_unit("Healthcare Security Bureau") == "医保局");
  BOOST_TEST(*plan.find_unit("卫健委") == "卫健委");
  BOOST_TEST((ontrack::parse_plan(ontrack::to_json(plan)) == plan));
  BOOST_TEST(ontrack::to_json(plan).find("Healthcare Security Bureau") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(units_outside_the_list_or_listed_twice_are_refused) {
  const auto with_names = [](nlohmann::ordered_json& j) {
    j["responsible_units"] = nlohmann::ordered_json::array(
        {{{"zh", "卫健委"}, {"en", "Health Commission"}}, {{"zh", "医保局"}}, {{"zh", "人社局"}}});
  };
  check_error(
      [&](auto& j) {
        with_names(j);
        j["domains"][0]["responsible_units"][1] = "医保厅";
      },
      "/domains/0/responsible_units/1", "responsible unit '医保厅' is not in the plan's list");
  check_error(
      [&](auto& j) {
        with_names(j);
        j["responsible_units"].push_back({{"zh", "卫健委"}, {"en", "Health"}});
      },
      "/responsible_units/3", "responsible unit '卫健委' is listed twice");
  check_error([&](auto& j) { j["responsible_units"] = nlohmann::ordered_json::array({nlohmann::ordered_json::object()}); },
              "/responsible_units/0", "a text needs 'zh' or 'en'");
}

BOOST_AUTO_TEST_CASE(save_and_load_round_trip_is_lossless) {
  const auto first = ontrack::load_plan(test_plan_path);
  const std::string path = "roundtrip_plan.json";
  ontrack::save_plan(first, path);
  const auto second = ontrack::load_plan(path);
  BOOST_TEST((first == second));
  BOOST_TEST(ontrack::to_json(first) == ontrack::to_json(second));
  BOOST_TEST(read_file(path).find("孕产妇死亡率") != std::string::npos);  // UTF-8, not \u escapes
  std::remove(path.c_str());
}

BOOST_AUTO_TEST_CASE(bundled_kundulun_plan_loads_and_round_trips) {
  const auto plan = ontrack::load_plan(kundulun_path);
  BOOST_TEST(plan.domains.size() == 8u);
  std::size_t goals = 0;
  for (const auto& d : plan.domains) goals += d.goals.size();
  BOOST_TEST(goals == 75u);
  BOOST_TEST(plan.indicators().size() >= 50u);
  BOOST_TEST((ontrack::parse_plan(ontrack::to_json(plan)) == plan));
}

BOOST_AUTO_TEST_CASE(invalid_json_names_the_file) {
  try {
    ontrack::parse_plan("{\"format\": ", "broken.json");
    BOOST_FAIL("accepted invalid JSON");
  } catch (const ontrack::plan_error& e) {
    BOOST_TEST(e.file() == "broken.json");
    BOOST_TEST(e.rule().find("invalid JSON") == 0u);
  }
  BOOST_CHECK_THROW(ontrack::load_plan("no/such/plan.json"), ontrack::file_error);
}

BOOST_AUTO_TEST_CASE(unknown_target_kind) {
  check_error([](auto& j) { j["domains"][0]["goals"][0]["indicators"][0]["targets"][0]["kind"] = "at_leest"; },
              "/domains/0/goals/0/indicators/0/targets/0/kind", "unknown kind 'at_leest'");
}

BOOST_AUTO_TEST_CASE(missing_required_member) {
  check_error([](auto& j) { j["domains"][0]["goals"][0]["indicators"][1]["targets"][1].erase("year"); },
              "/domains/0/goals/0/indicators/1/targets/1/year", "requires 'year'");
  check_error([](auto& j) { j["domains"][1].erase("goals"); }, "/domains/1/goals", "requires 'goals'");
  check_error([](auto& j) { j.erase("base_year"); }, "/base_year", "requires 'base_year'");
}

BOOST_AUTO_TEST_CASE(unknown_member_is_refused) {
  check_error([](auto& j) { j["domains"][0]["goals"][0]["indicators"][0]["targets"][0]["valeu"] = 1; },
              "/domains/0/goals/0/indicators/0/targets/0/valeu", "unknown member 'valeu'");
}

BOOST_AUTO_TEST_CASE(member_that_does_not_belong_to_the_kind) {
  check_error([](auto& j) { j["domains"][0]["goals"][0]["indicators"][0]["targets"][0]["window"] = 3; },
              "/domains/0/goals/0/indicators/0/targets/0/window", "does not take 'window'");
}

BOOST_AUTO_TEST_CASE(target_year_before_base_year) {
  check_error([](auto& j) { j["domains"][0]["goals"][0]["indicators"][1]["targets"][1]["year"] = 2019; },
              "/domains/0/goals/0/indicators/1/targets/1/year", "target year 2019 is before the base year 2020");
}

BOOST_AUTO_TEST_CASE(percent_target_outside_0_100) {
  check_error([](auto& j) { j["domains"][0]["goals"][0]["indicators"][0]["targets"][0]["value"] = 120; },
              "/domains/0/goals/0/indicators/0/targets/0/value", "percent value 120 is outside [0, 100]");
}

BOOST_AUTO_TEST_CASE(duplicate_ids) {
  check_error([](auto& j) { j["domains"][1]["goals"][0]["indicators"][0]["id"] = "mmr"; },
              "/domains/1/goals/0/indicators/0/id", "duplicate indicator id 'mmr'");
  check_error([](auto& j) { j["domains"][1]["goals"][0]["id"] = "health.1"; },
              "/domains/1/goals/0/id", "duplicate goal id 'health.1'");
  check_error([](auto& j) { j["domains"][1]["id"] = "health"; }, "/domains/1/id", "duplicate domain id 'health'");
}

BOOST_AUTO_TEST_CASE(reference_to_unknown_indicator) {
  check_error([](auto& j) { j["domains"][2]["goals"][0]["indicators"][2]["targets"][0]["reference"]["indicator"] = "ghost"; },
              "/domains/2/goals/0/indicators/2/targets/0/reference/indicator", "unknown indicator 'ghost'");
  check_error([](auto& j) { j["domains"][0]["goals"][0]["indicators"][1]["targets"][2]["between"][1]["indicator"] = "ghost"; },
              "/domains/0/goals/0/indicators/1/targets/2/between/1/indicator", "unknown indicator 'ghost'");
}

BOOST_AUTO_TEST_CASE(non_finite_values) {
  // JSON has no NaN literal and an overflowing literal is refused by the parser, so NaN and
  // infinity reach a plan only in memory; validation names their place all the same.
  auto j = test_plan_json();
  std::string text = j.dump();
  const std::string needle = "\"value\":90";
  text.replace(text.find(needle), needle.size(), "\"value\":1e999");
  try {
    ontrack::parse_plan(text, "inf.json");
    BOOST_FAIL("accepted an infinite value");
  } catch (const ontrack::plan_error& e) {
    BOOST_TEST(e.file() == "inf.json");
    BOOST_TEST(e.rule().find("overflow") != std::string::npos);
  }
  BOOST_CHECK_THROW(ontrack::parse_plan("{\"value\": NaN}", "nan.json"), ontrack::plan_error);

  auto plan = ontrack::load_plan(test_plan_path);
  plan.series[0].observations[1].value = std::numeric_limits<double>::infinity();
  try {
    ontrack::validate(plan);
    BOOST_FAIL("accepted an infinite observation");
  } catch (const ontrack::plan_error& e) {
    BOOST_TEST(e.pointer() == "/series/0/observations/1/value");
    BOOST_TEST(e.rule().find("finite") != std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(duplicate_observation_years) {
  check_error([](auto& j) { j["series"][0]["observations"][1]["year"] = 2020; },
              "/series/0/observations/1/year", "year 2020 appears twice");
}

BOOST_AUTO_TEST_CASE(non_integer_years) {
  check_error([](auto& j) { j["series"][0]["observations"][0]["year"] = 2020.5; },
              "/series/0/observations/0/year", "must be an integer year, not 2020.5");
  check_error([](auto& j) { j["domains"][0]["goals"][0]["indicators"][1]["targets"][1]["year"] = "2030"; },
              "/domains/0/goals/0/indicators/1/targets/1/year", "must be an integer year");
}

BOOST_AUTO_TEST_CASE(in_memory_plans_are_validated_on_save) {
  auto plan = ontrack::load_plan(test_plan_path);
  plan.domains[0].goals[0].indicators[0].targets[0].value = std::nan("");
  BOOST_CHECK_THROW(ontrack::to_json(plan), ontrack::plan_error);
  const std::string path = "never_written.json";
  BOOST_CHECK_THROW(ontrack::save_plan(plan, path), ontrack::plan_error);
  BOOST_TEST(!std::ifstream(path).good());
}
