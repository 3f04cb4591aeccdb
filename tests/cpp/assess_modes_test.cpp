// The dispatcher: every mode by name, parameters by name (numbers, flags, enumerations), and
// the caller errors that name the method or parameter and list the accepted ones.
#define BOOST_TEST_MODULE assess_modes
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <map>
#include <string>
#include <vector>

#include <ontrack/assess/modes.hpp>

#include "assess_test_support.hpp"

using namespace ontrack::assess;
using namespace ontrack::assess::testing;

namespace {
method_input example() {
  const auto in =
      series_to_2030({2015, 2016, 2017, 2018, 2019, 2020, 2023}, {17, 16.8, 16.5, 16.3, 16.2, 16, 14.5}, -1, 12.0);
  return with_bounds(in, 0.0, 100.0);
}
}  // namespace

BOOST_AUTO_TEST_CASE(method_names_list) {
  const std::vector<std::string> expected = {"eurostat", "opensdg", "unsd", "unsd_expected", "escap", "sdsn",
                                             "destatis", "eustat", "istat", "ine", "who_arr", "nbs"};
  BOOST_TEST(method_names() == expected, boost::test_tools::per_element());
}

// Every mode runs by name on the same input, returns its own id, a label, and finite components.
BOOST_AUTO_TEST_CASE(every_mode_by_name) {
  const auto in = example();
  for (const auto& m : method_names()) {
    const auto r = assess_with(m, in);
    BOOST_TEST(r.method == m);
    BOOST_TEST(!r.label.empty(), m);
    BOOST_TEST(!r.version.empty(), m);
    for (const auto& [k, v] : r.components) BOOST_TEST(std::isfinite(v), m + "." + k);
    BOOST_TEST(!parameter_names(m).empty(), m);
  }
}

// Dispatching gives the same result as the direct call with the same parameters.
BOOST_AUTO_TEST_CASE(same_as_direct_calls) {
  const auto in = example();
  opensdg_params p;
  p.m2_high = 2.0;
  BOOST_TEST(assess_with("opensdg", in, {{"m2_high", 2.0}}).label == assess_opensdg(in, p).label);
  BOOST_TEST(assess_with("opensdg", in, {{"m2_high", 2.0}}).label == "moderate_progress");
  destatis_params d;
  d.change = destatis_change::relative;
  d.require_consecutive = false;  // 2018, 2019, 2020, 2023: four points in the last six years
  BOOST_TEST(assess_with("destatis", in, {{"change", "relative"}, {"require_consecutive", 0}}).at("delta") ==
             assess_destatis(in, d).at("delta"));
  BOOST_TEST(assess_with("destatis", in).reason == "too_few_points");  // 2023 alone is not a run
  BOOST_TEST(assess_with("unsd", in, {{"methodology", "aarrr"}}).variant == "AARRR");
  BOOST_TEST(assess_with("escap", in, {{"index", "api"}, {"extrapolator", "geometric"}}).variant == "api");
  BOOST_TEST(assess_with("eurostat", in, {{"window_years", 5}, {"literal_rr", "true"}}).variant == "short_term/target");
  BOOST_TEST(assess_with("nbs", in, {{"tolerance", 3}}).label == "basically_achieved");  // 14.5 ≤ 12 + 3
  auto lvl = assess_with("unsd", in,
                         {{"level_threshold_0", 5}, {"level_threshold_1", 10}, {"level_threshold_2", 15},
                          {"level_threshold_3", 20}});
  BOOST_TEST(lvl.other_labels.at("current_level").label == "moderate_distance_to_target");  // 14.5 ≤ 15
}

// A std::map<std::string, double> (e.g. from a binding) is accepted as it is.
BOOST_AUTO_TEST_CASE(numeric_map_overload) {
  const std::map<std::string, double> m = {{"m2_high", 2.0}, {"m2_med", 0.5}};
  BOOST_TEST(assess_with("opensdg", example(), m).label == "moderate_progress");
}

BOOST_AUTO_TEST_CASE(caller_errors_name_the_thing) {
  const auto in = example();
  try {
    assess_with("sdg_index", in);
    BOOST_FAIL("no exception");
  } catch (const std::invalid_argument& e) {
    BOOST_TEST(contains(e.what(), "'sdg_index'"));
    BOOST_TEST(contains(e.what(), "eurostat, opensdg"));
  }
  try {
    assess_with("opensdg", in, {{"high", 0.9}});
    BOOST_FAIL("no exception");
  } catch (const std::invalid_argument& e) {
    BOOST_TEST(contains(e.what(), "unknown parameter 'high'"));
    BOOST_TEST(contains(e.what(), "m2_high"));
  }
  BOOST_CHECK_THROW(assess_with("destatis", in, {{"change", "compound"}}), std::invalid_argument);
  BOOST_CHECK_THROW(assess_with("destatis", in, {{"change", 1.0}}), std::invalid_argument);
  BOOST_CHECK_THROW(assess_with("eurostat", in, {{"window_years", 2.5}}), std::invalid_argument);
  BOOST_CHECK_THROW(assess_with("eurostat", in, {{"literal_rr", 2}}), std::invalid_argument);
  BOOST_CHECK_THROW(assess_with("eurostat", in, {{"rr_moderate", NAN}}), std::invalid_argument);
  BOOST_CHECK_THROW(parameter_names("nope"), std::invalid_argument);
  try {
    assess_with("destatis", in, {{"change", "compound"}});
  } catch (const std::invalid_argument& e) {
    BOOST_TEST(contains(e.what(), "accepted: absolute, relative"));
  }
  // The modes' own caller errors pass through.
  auto bad = in;
  bad.values.pop_back();
  for (const auto& m : method_names()) BOOST_CHECK_THROW(assess_with(m, bad), std::invalid_argument);
  bad = in;
  bad.direction = 2;
  for (const auto& m : method_names()) BOOST_CHECK_THROW(assess_with(m, bad), std::invalid_argument);
}

// Data trouble is never an exception, in any mode: duplicates, no data, zero base, one point.
BOOST_AUTO_TEST_CASE(data_trouble_is_a_reason_everywhere) {
  std::vector<method_input> troubles;
  auto dup = example();
  dup.years[1] = 2015;
  troubles.push_back(dup);
  auto none = example();
  none.years.clear();
  none.values.clear();
  troubles.push_back(none);
  auto zero = example();
  zero.values.assign(zero.values.size(), 0.0);
  troubles.push_back(zero);
  auto one = example();
  one.years = {2020};
  one.values = {16};
  troubles.push_back(one);
  for (const auto& in : troubles)
    for (const auto& m : method_names()) {
      method_result r;
      BOOST_CHECK_NO_THROW(r = assess_with(m, in));
      BOOST_TEST(!r.label.empty(), m);
      for (const auto& [k, v] : r.components) BOOST_TEST(std::isfinite(v), m + "." + k);
    }
}

// The base-year rule: the input's base year wins and says who gave it; without one each mode
// starts from its own published default (2015 for Open SDG, even on a series starting in 2004).
BOOST_AUTO_TEST_CASE(base_year_source_says_who_set_the_base_year) {
  method_input in = series_to_2030({2004, 2010, 2015, 2022}, {60, 48, 38, 52}, +1, 65.0);
  const auto by_default = assess_with("opensdg", in);
  BOOST_TEST(by_default.at("base_year") == 2015);
  BOOST_TEST(to_string(by_default.base_year_source) == "method_default");
  in.base_year = 2004;
  in.base_year_source = year_source::plan;
  const auto from_plan = assess_with("opensdg", in);
  BOOST_TEST(from_plan.at("base_year") == 2004);
  BOOST_TEST(to_string(from_plan.base_year_source) == "plan");
}
