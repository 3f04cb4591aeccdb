// China NBS practice: 提前实现 / 已实现 / 基本实现 / 未实现 by target kind, the tolerance (absent →
// never 基本实现), the evaluation year, the 达标率 and the pitfalls.
#define BOOST_TEST_MODULE assess_nbs
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <string>
#include <vector>

#include <ontrack/assess/nbs.hpp>

#include "assess_test_support.hpp"

namespace tt = boost::test_tools;
using namespace ontrack::assess;
using namespace ontrack::assess::testing;

namespace {
method_input level(std::vector<int> years, std::vector<double> values, double target, std::string type,
                   int direction = 1) {
  return with_target(series(std::move(years), std::move(values), direction), target, 2030, std::move(type));
}
}  // namespace

// Floor y ≥ X includes X (以上 includes the number). Met in 2025 < 2030 → 提前实现; in 2030 → 已实现.
BOOST_AUTO_TEST_CASE(floor_early_and_on_time) {
  const auto early = assess_nbs(level({2020, 2025}, {90, 95}, 95, "floor"));
  BOOST_TEST(early.label == "achieved_early");
  BOOST_TEST(early.label_text == "\xE6\x8F\x90\xE5\x89\x8D\xE5\xAE\x9E\xE7\x8E\xB0");
  BOOST_TEST(early.at("gap") == 0.0);
  const auto on_time = assess_nbs(level({2020, 2030}, {90, 96}, 95, "at_least"));
  BOOST_TEST(on_time.label == "achieved");
  BOOST_TEST(on_time.label_text == "\xE5\xB7\xB2\xE5\xAE\x9E\xE7\x8E\xB0");
  const auto missed = assess_nbs(level({2020, 2030}, {90, 94.9}, 95, "floor"));
  BOOST_TEST(missed.label == "not_achieved");
  BOOST_TEST(missed.label_text == "\xE6\x9C\xAA\xE5\xAE\x9E\xE7\x8E\xB0");
}

// No tolerance → never 基本实现. Absolute τ = 0.5: 94.9 ≥ 95 − 0.5 → 基本实现 (94.5 itself too);
// relative τ = 1 %: 95 − 0.95 = 94.05 → 94.1 basically, 94.0 not.
BOOST_AUTO_TEST_CASE(basically_achieved_needs_tolerance) {
  const auto in = level({2020, 2030}, {90, 94.9}, 95, "floor");
  BOOST_TEST(assess_nbs(in).label == "not_achieved");
  nbs_params p;
  p.tolerance = 0.5;
  const auto b = assess_nbs(in, p);
  BOOST_TEST(b.label == "basically_achieved");
  BOOST_TEST(b.label_text == "\xE5\x9F\xBA\xE6\x9C\xAC\xE5\xAE\x9E\xE7\x8E\xB0");
  BOOST_TEST(assess_nbs(level({2020, 2030}, {90, 94.5}, 95, "floor"), p).label == "basically_achieved");
  p.tolerance = 0.01;
  p.tolerance_relative = true;
  BOOST_TEST(assess_nbs(level({2020, 2030}, {90, 94.1}, 95, "floor"), p).label == "basically_achieved");
  BOOST_TEST(assess_nbs(level({2020, 2030}, {90, 94.0}, 95, "floor"), p).label == "not_achieved");
  p.tolerance = -1.0;
  BOOST_CHECK_THROW(assess_nbs(in, p), std::invalid_argument);
}

// Ceiling y ≤ X (lower is better); target 0; band |y − X| ≤ w (inclusive), with τ widening it.
BOOST_AUTO_TEST_CASE(ceiling_zero_target_and_band) {
  BOOST_TEST(assess_nbs(level({2020, 2030}, {30, 20}, 20, "ceiling", -1)).label == "achieved");
  BOOST_TEST(assess_nbs(level({2020, 2030}, {30, 20.1}, 20, "at_most", -1)).label == "not_achieved");
  BOOST_TEST(assess_nbs(level({2020, 2030}, {3, 0}, 0, "ceiling", -1)).label == "achieved");
  auto band = level({2020, 2030}, {45, 52}, 50, "band");
  band.band_width = 2.0;
  BOOST_TEST(assess_nbs(band).label == "achieved");
  band.values = {45, 52.5};
  BOOST_TEST(assess_nbs(band).label == "not_achieved");
  nbs_params p;
  p.tolerance = 0.5;
  BOOST_TEST(assess_nbs(band, p).label == "basically_achieved");
}

// Direction: change since the baseline in the desired direction (> 0); no 基本实现.
BOOST_AUTO_TEST_CASE(direction_targets) {
  method_input in;
  in.years = {2020, 2025};
  in.values = {10, 11};
  in.target_type = "increase";
  in.target_year = 2030;
  BOOST_TEST(assess_nbs(in).label == "achieved_early");
  BOOST_TEST(assess_nbs(in).at("change") == 1.0);
  in.values = {10, 10};
  nbs_params p;
  p.tolerance = 5.0;
  BOOST_TEST(assess_nbs(in, p).label == "not_achieved");  // flat is not an increase
  in.direction = -1;
  in.values = {10, 9};
  BOOST_TEST(assess_nbs(in).label == "achieved_early");
  in.values = {10};
  in.years = {2020};
  BOOST_TEST(assess_nbs(in).label == "not_monitorable");
  BOOST_TEST(assess_nbs(in).reason == "too_few_points");
}

// Level (达到 X, no 以上): the side of X seen from the base; target equal to the base uses d.
BOOST_AUTO_TEST_CASE(level_targets) {
  BOOST_TEST(assess_nbs(level({2020, 2030}, {30, 40}, 40, "level")).label == "achieved");  // floor
  BOOST_TEST(assess_nbs(level({2020, 2030}, {50, 40}, 40, "level")).label == "achieved");  // ceiling
  BOOST_TEST(assess_nbs(level({2020, 2030}, {50, 41}, 40, "level")).label == "not_achieved");
  BOOST_TEST(assess_nbs(level({2020, 2030}, {40, 41}, 40, "level")).label == "achieved");  // = base, d = +1
  // Base already past a floor target: level only — met (a met but falling floor counts as met).
  BOOST_TEST(assess_nbs(level({2020, 2030}, {99, 96}, 95, "floor")).label == "achieved");
  // Natural bound 100 %: full coverage at 100.
  BOOST_TEST(assess_nbs(level({2020, 2030}, {98, 100}, 100, "full_coverage")).label == "achieved");
}

// The evaluation year cuts the data (mid-term vs final) and decides "early".
BOOST_AUTO_TEST_CASE(evaluation_year_and_irregular_years) {
  const auto in = level({2016, 2019, 2023, 2031}, {80, 90, 96, 97}, 95, "floor");
  nbs_params p;
  p.evaluation_year = 2021;  // uses 2019's 90
  const auto mid = assess_nbs(in, p);
  BOOST_TEST(mid.at("latest_year") == 2019);
  BOOST_TEST(mid.label == "not_achieved");
  p.evaluation_year = 2025;
  BOOST_TEST(assess_nbs(in, p).label == "achieved_early");
  BOOST_TEST(assess_nbs(in).label == "achieved");  // latest 2031 ≥ 2030
  auto as_of = in;
  as_of.as_of = 2024;
  BOOST_TEST(assess_nbs(as_of).label == "achieved_early");
}

BOOST_AUTO_TEST_CASE(not_monitorable) {
  method_input none = level({}, {}, 95, "floor");
  BOOST_TEST(assess_nbs(none).label == "not_monitorable");
  BOOST_TEST(assess_nbs(none).reason == "no_data");
  method_input nt = level({2020}, {1}, 95, "floor");
  nt.target.reset();
  BOOST_TEST(assess_nbs(nt).reason == "no_target");
  auto bad = level({2020}, {1}, 95, "upwards");
  BOOST_CHECK_THROW(assess_nbs(bad), std::invalid_argument);
}

// 达标率 = (提前实现 + 已实现 + 基本实现)/monitorable = (1 + 1 + 1)/4 = 0.75 (not_monitorable excluded).
BOOST_AUTO_TEST_CASE(achievement_rate) {
  const auto a = aggregate_nbs({labelled("achieved_early"), labelled("achieved"), labelled("basically_achieved"),
                                labelled("not_achieved"), labelled("not_monitorable")});
  BOOST_TEST(a.at("rate") == 0.75);
  BOOST_TEST(a.at("n_monitorable") == 4);
  BOOST_TEST(a.at("n_not_monitorable") == 1);
  BOOST_TEST(a.label == "achievement_rate");
  BOOST_TEST(a.label_text == "\xE8\xBE\xBE\xE6\xA0\x87\xE7\x8E\x87");
  BOOST_TEST(aggregate_nbs({labelled("not_monitorable")}).reason == "no_data");
}
