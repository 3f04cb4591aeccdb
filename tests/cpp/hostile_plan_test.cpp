#define BOOST_TEST_MODULE hostile_plan
// Plan files written to break things: other encodings, duplicate members, control characters,
// implausible years. Each is refused with the place and the rule; nothing is returned.
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <ontrack/ontrack.hpp>

namespace {

const std::string test_plan_path = std::string(ONTRACK_SOURCE_DIR) + "/tests/data/all_kinds_plan.json";

std::string test_plan_text() {
  std::ifstream in(test_plan_path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

ontrack::plan_error error_of(const std::string& text) {
  try {
    ontrack::parse_plan(text, "hostile.json");
  } catch (const ontrack::plan_error& e) {
    return e;
  }
  BOOST_FAIL("the plan was accepted");
  throw;
}

std::string with(const std::function<void(nlohmann::ordered_json&)>& mutate) {
  auto j = nlohmann::ordered_json::parse(test_plan_text());
  mutate(j);
  return j.dump();
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  BOOST_REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_gbk_file_names_the_offset_and_the_encoding) {
  // "测试规划" as GBK bytes (the code page of simplified-Chinese Windows).
  const std::string gbk = "\xB2\xE2\xCA\xD4\xB9\xE6\xBB\xAE";
  const std::string text = "{\"format\": \"ontrack.plan\", \"title\": {\"zh\": \"" + gbk + "\"}}";
  const auto e = error_of(text);
  BOOST_TEST_INFO(e.what());
  BOOST_TEST(e.file() == "hostile.json");
  BOOST_TEST(e.rule().find("not UTF-8: the byte at offset " + std::to_string(text.find(gbk))) == 0u);
  BOOST_TEST(e.rule().find("GB18030/GBK") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(bytes_that_are_neither_utf8_nor_gbk_get_no_guess) {
  const auto e = error_of(replaced(test_plan_text(), "测试规划", "\xC0\x80"));
  BOOST_TEST(e.rule().find("not UTF-8") == 0u);
  BOOST_TEST(e.rule().find("GBK") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(utf16_is_named) {
  const auto e = error_of(std::string("\xFF\xFE{\0", 4));
  BOOST_TEST(e.rule().find("UTF-16") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_duplicate_member_is_refused_with_its_pointer) {
  const std::string text = replaced(test_plan_text(), "\"base_year\": 2020", "\"base_year\": 2020, \"base_year\": 2019");
  const auto e = error_of(text);
  BOOST_TEST(e.pointer() == "/base_year");
  BOOST_TEST(e.rule().find("appears twice") != std::string::npos);

  // Deep inside arrays: the pointer counts the elements before it.
  const auto j = nlohmann::ordered_json::parse(test_plan_text());
  const std::string unit = j["domains"][0]["goals"][0]["indicators"][1]["unit"];
  std::string deep = j.dump();
  const std::string second_indicator = j["domains"][0]["goals"][0]["indicators"][1].dump();
  const std::string doubled = replaced(second_indicator, "\"unit\":", "\"unit\":\"x\",\"unit\":");
  deep = replaced(deep, second_indicator, doubled);
  const auto deep_error = error_of(deep);
  BOOST_TEST(deep_error.pointer() == "/domains/0/goals/0/indicators/1/unit");
}

BOOST_AUTO_TEST_CASE(control_characters_in_plan_text_are_refused_with_their_place) {
  const auto e = error_of(with([](auto& j) { j["title"]["zh"] = "规划\x1b]0;pwned\x07"; }));
  BOOST_TEST(e.pointer() == "/title/zh");
  BOOST_TEST(e.rule().find("U+001B") != std::string::npos);

  const auto bidi = error_of(with([](auto& j) {
    j["domains"][0]["goals"][0]["indicators"][0]["unit"] = "\xE2\x80\xAE%";  // U+202E
  }));
  BOOST_TEST(bidi.pointer() == "/domains/0/goals/0/indicators/0/unit");
  BOOST_TEST(bidi.rule().find("U+202E") != std::string::npos);

  const auto del = error_of(with([](auto& j) { j["domains"][0]["responsible_units"][1] = "unit\x7f"; }));
  BOOST_TEST(del.pointer() == "/domains/0/responsible_units/1");

  const auto source = error_of(with([](auto& j) { j["series"][0]["observations"][0]["source"] = "a\rb"; }));
  BOOST_TEST(source.pointer() == "/series/0/observations/0/source");
}

BOOST_AUTO_TEST_CASE(tabs_and_line_breaks_are_text) {
  const auto plan = ontrack::parse_plan(with([](auto& j) {
    j["domains"][0]["goals"][0]["text"]["zh"] = "第一行\n第二行\t列";
  }));
  BOOST_TEST(plan.domains[0].goals[0].text.zh == "第一行\n第二行\t列");
}

BOOST_AUTO_TEST_CASE(a_raw_control_character_in_the_json_is_not_echoed) {
  const auto e = error_of(replaced(test_plan_text(), "测试规划", "\x1b[2J"));
  BOOST_TEST(e.rule().find("invalid JSON") == 0u);
  BOOST_TEST(std::string(e.what()).find('\x1b') == std::string::npos);
  BOOST_TEST(e.rule().find("<U+001B>") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(years_outside_the_one_range_are_refused_everywhere) {
  BOOST_TEST(ontrack::earliest_year == 1800);
  BOOST_TEST(ontrack::latest_year == 2200);
  const auto base = error_of(with([](auto& j) { j["base_year"] = -5; }));
  BOOST_TEST(base.pointer() == "/base_year");
  BOOST_TEST(base.rule() == "year -5 is out of range: a year must be from 1800 to 2200");
  const auto target = error_of(with([](auto& j) {
    j["domains"][0]["goals"][0]["indicators"][1]["targets"][1]["year"] = 99999;
  }));
  BOOST_TEST(target.pointer() == "/domains/0/goals/0/indicators/1/targets/1/year");
  // Beyond int64: the parser reads it as unsigned; beyond uint64, as a float.
  const auto huge = error_of(replaced(test_plan_text(), "\"base_year\": 2020", "\"base_year\": 18446744073709551615"));
  BOOST_TEST(huge.pointer() == "/base_year");
  BOOST_TEST(huge.rule().find("out of range") != std::string::npos);
  const auto beyond = error_of(replaced(test_plan_text(), "\"base_year\": 2020", "\"base_year\": 99999999999999999999"));
  BOOST_TEST(beyond.pointer() == "/base_year");
  const auto observation = error_of(with([](auto& j) { j["series"][0]["observations"][0]["year"] = 1000; }));
  BOOST_TEST(observation.pointer() == "/series/0/observations/0/year");
}

BOOST_AUTO_TEST_CASE(in_memory_plans_obey_the_same_rules) {
  auto plan = ontrack::load_plan(test_plan_path);
  plan.series[0].observations[0].year = 99999;
  try {
    ontrack::validate(plan);
    BOOST_FAIL("accepted year 99999");
  } catch (const ontrack::plan_error& e) {
    BOOST_TEST(e.pointer() == "/series/0/observations/0/year");
  }
  plan = ontrack::load_plan(test_plan_path);
  plan.domains[0].name.en = "bell\a";
  try {
    ontrack::validate(plan);
    BOOST_FAIL("accepted a BEL in a name");
  } catch (const ontrack::plan_error& e) {
    BOOST_TEST(e.pointer() == "/domains/0/name/en");
  }
}

BOOST_AUTO_TEST_CASE(escaping_shows_hostile_characters_inert) {
  BOOST_TEST(ontrack::escape_hostile("a\x1b[31mb\tc\n") == "a<U+001B>[31mb\tc\n");
  BOOST_TEST(ontrack::escape_hostile("\xE2\x80\xAE" "abc") == "<U+202E>abc");
  BOOST_TEST(ontrack::escape_hostile("x\xC2\x9B" "y") == "x<U+009B>y");  // C1 CSI
  BOOST_TEST(ontrack::escape_hostile("\xFF") == "\xEF\xBF\xBD");
  BOOST_TEST(ontrack::escape_hostile("指标 ok") == "指标 ok");
}

BOOST_AUTO_TEST_CASE(values_near_the_double_limit_are_numerical_trouble_not_nan) {
  std::vector<int> years;
  std::vector<double> values;
  for (int k = 0; k < 9; ++k) {
    years.push_back(2016 + k);
    values.push_back(1.7e308 - 1e306 * k);
  }
  for (auto m : {ontrack::model::linear, ontrack::model::theil_sen}) {
    const auto p = ontrack::project(m, years, values, 2030);
    BOOST_TEST_INFO(ontrack::to_string(m) << ": " << p.reason);
    BOOST_TEST((p.status == ontrack::projection_status::numerical_trouble));
    BOOST_TEST(p.reason.find("overflow") != std::string::npos);
  }
  // auto never picks a model for an error that is not a number: linear's overflows, so the
  // log-linear trend (whose logs do not) is chosen, with a finite projection.
  const auto s = ontrack::select_model(years, values, 2030);
  BOOST_TEST_INFO(s.why);
  BOOST_TEST((s.chosen == ontrack::model::log_linear));
  BOOST_TEST(std::isfinite(s.result.predict(2030)));
  BOOST_TEST(s.why.find("nan") == std::string::npos);
  BOOST_TEST(s.candidates[0].note.find("not a finite number") != std::string::npos);
  // Ordinary large values are no trouble.
  for (auto& v : values) v /= 1e300;
  BOOST_TEST(ontrack::project(ontrack::model::linear, years, values, 2030).ok());
}
