#define BOOST_TEST_MODULE observation_rules
#include <boost/test/unit_test.hpp>

#include <optional>
#include <string>
#include <vector>

#include <ontrack/ontrack.hpp>

namespace {

using ontrack::observation;

ontrack::indicator make_indicator(const std::string& id, ontrack::scale s, const std::string& unit) {
  ontrack::indicator i;
  i.id = id;
  i.name.en = id;
  i.scale = s;
  i.unit = unit;
  i.bounds = ontrack::value_bounds::for_scale(s);
  return i;
}

// A plan with base year 2020 and period 2021–2030, one rate and one percentage indicator.
ontrack::plan make_plan() {
  ontrack::plan p;
  p.id = "rules";
  p.title.zh = "规则";
  p.period_start = 2021;
  p.period_end = 2030;
  p.base_year = 2020;
  ontrack::goal g;
  g.id = "health.1";
  g.number = 1;
  g.text.zh = "目标";
  g.indicators = {make_indicator("mmr", ontrack::scale::per_100000, "1/10万"),
                  make_indicator("screening", ontrack::scale::percent, "%")};
  ontrack::domain d;
  d.id = "health";
  d.number = 1;
  d.name.zh = "健康";
  d.goals = {g};
  p.domains = {d};
  return p;
}

observation point(int year, double value, std::optional<double> num = std::nullopt,
                  std::optional<double> den = std::nullopt) {
  observation o;
  o.year = year;
  o.value = value;
  o.numerator = num;
  o.denominator = den;
  return o;
}

std::vector<std::string> members(const ontrack::plan& p, const std::string& id, const observation& o,
                                 std::optional<int> earliest = std::nullopt) {
  std::vector<std::string> out;
  for (const auto& problem : ontrack::observation_problems(p, p.find_indicator(id), o, earliest))
    out.push_back(problem.member);
  return out;
}

const std::vector<std::string> none{};
const std::vector<std::string> year{"year"}, value{"value"}, numerator{"numerator"},
    denominator{"denominator"};

}  // namespace

BOOST_AUTO_TEST_CASE(history_reaches_fifteen_years_before_the_base_year_by_default) {
  const auto p = make_plan();
  BOOST_TEST(p.earliest_history_year() == 2005);
  BOOST_TEST(members(p, "mmr", point(2005, 20)) == none);
  BOOST_TEST(members(p, "mmr", point(2004, 20)) == year);
  BOOST_TEST(members(p, "mmr", point(2030, 20)) == none);
  BOOST_TEST(members(p, "mmr", point(2031, 20)) == year);
}

BOOST_AUTO_TEST_CASE(the_plan_and_the_caller_can_move_the_earliest_history_year) {
  auto p = make_plan();
  p.history_start = 2012;
  BOOST_TEST(p.earliest_history_year() == 2012);
  BOOST_TEST(members(p, "mmr", point(2011, 20)) == year);
  BOOST_TEST(members(p, "mmr", point(2011, 20), 2000) == none);
  const auto problems = ontrack::observation_problems(p, p.find_indicator("mmr"), point(2011, 20));
  BOOST_TEST(problems.front().code == "year_before_history");
  BOOST_TEST(problems.front().text().find("2012") != std::string::npos);
  BOOST_TEST(problems.front().text().find("history_start") != std::string::npos);
}

// Each problem has a stable code and its parameters, and reads the same in either language.
BOOST_AUTO_TEST_CASE(a_problem_reads_in_chinese_or_english) {
  const auto p = make_plan();
  const auto below = ontrack::observation_problems(p, p.find_indicator("mmr"), point(2019, -3));
  BOOST_TEST_REQUIRE(below.size() == 1u);
  BOOST_TEST(below.front().code == "value_below");
  BOOST_TEST(below.front().param("value") == "-3");
  BOOST_TEST(below.front().text("en") == "value -3 is below 0, the least a rate can be");
  BOOST_TEST(below.front().text("zh") == "数值 -3 小于比率下限 0");
  const auto late = ontrack::observation_problems(p, p.find_indicator("mmr"), point(2031, 20));
  BOOST_TEST_REQUIRE(late.size() == 1u);
  BOOST_TEST(late.front().code == "year_after_period");
  BOOST_TEST(late.front().text("en") == "year 2031 is after the plan's last year 2030; years 2005–2030 are accepted");
  BOOST_TEST(late.front().text("zh") == "年份 2031 晚于规划末年 2030；可填年份为 2005–2030");
}

// The pointer of the first rule `p` breaks; empty when it breaks none.
std::string first_broken(const ontrack::plan& p) {
  try {
    ontrack::validate(p);
  } catch (const ontrack::plan_error& e) {
    return e.pointer();
  }
  return "";
}

BOOST_AUTO_TEST_CASE(a_history_start_after_the_base_year_is_rejected) {
  auto p = make_plan();
  BOOST_TEST(first_broken(p) == "");
  p.history_start = 2020;
  BOOST_TEST(first_broken(p) == "");
  p.history_start = 2021;
  BOOST_TEST(first_broken(p) == "/history_start");
}

BOOST_AUTO_TEST_CASE(a_value_agrees_with_its_counts_within_its_rounding) {
  const auto p = make_plan();
  // 1 maternal death in 4,900 live births: 1 / 4900 × 100,000 = 20.408… per 100,000.
  BOOST_TEST(members(p, "mmr", point(2024, 20.4, 1, 4900)) == none);  // ±0.05
  BOOST_TEST(members(p, "mmr", point(2024, 20, 1, 4900)) == none);    // ±0.5
  BOOST_TEST(members(p, "mmr", point(2024, 21, 1, 4900)) == value);   // 0.59 away
  BOOST_TEST(members(p, "mmr", point(2024, 20.5, 1, 4900)) == value); // 0.092 away, ±0.05
  BOOST_TEST(members(p, "mmr", point(2024, 0, 0, 5000)) == none);
  // 25 screened of 200 eligible: 12.5 %.
  BOOST_TEST(members(p, "screening", point(2024, 12.5, 25, 200)) == none);
  BOOST_TEST(members(p, "screening", point(2024, 12.46, 25, 200)) == value);  // ±0.005
}

BOOST_AUTO_TEST_CASE(counts_are_whole_non_negative_and_a_share_never_exceeds_the_whole) {
  const auto p = make_plan();
  BOOST_TEST(members(p, "screening", point(2024, 100, 120, 100)) == numerator);
  BOOST_TEST(members(p, "mmr", point(2024, 20, 2.5, 4900)) == numerator);
  BOOST_TEST(members(p, "mmr", point(2024, 20, -1, 4900)) == numerator);
  BOOST_TEST(members(p, "mmr", point(2024, 20, 1, 4900.5)) == denominator);
  BOOST_TEST(members(p, "mmr", point(2024, 20, 1, 0)) == denominator);
  // A rate per 100,000 is no proportion: its bounds do not cap it at the whole.
  BOOST_TEST(members(p, "mmr", point(2024, 200000, 2, 1)) == none);
}

BOOST_AUTO_TEST_CASE(values_outside_the_bounds_are_named) {
  const auto p = make_plan();
  BOOST_TEST(members(p, "screening", point(2024, 100.5)) == value);
  BOOST_TEST(members(p, "mmr", point(2024, -3)) == value);
}

BOOST_AUTO_TEST_CASE(plan_series_follow_the_same_rules) {
  auto p = make_plan();
  ontrack::series s;
  s.indicator = "screening";
  s.observations = {point(2024, 100, 120, 100)};
  p.series = {s};
  BOOST_TEST(first_broken(p) == "/series/0/observations/0/numerator");
  p.series[0].observations = {point(2004, 50)};
  BOOST_TEST(first_broken(p) == "/series/0/observations/0/year");
  p.series[0].observations = {point(2005, 50, 10, 20)};
  BOOST_TEST(first_broken(p) == "");
}
