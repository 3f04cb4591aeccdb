// The status rule (bands of p_meet), the parameters read by name, and the warning sentences and
// the unstable_status rule.
#define BOOST_TEST_MODULE native_status
#include <boost/test/unit_test.hpp>

#include <limits>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <ontrack/assess/native_params.hpp>
#include <ontrack/assess/status.hpp>
#include <ontrack/assess/verdict_reading.hpp>
#include <ontrack/assess/warnings.hpp>

using namespace ontrack::assess;

namespace {
status_evidence undecided(double p, bool met = false, bool away = false) {
  status_evidence e;
  e.p_meet = p;
  e.met = met;
  e.moving_away = away;
  return e;
}
}  // namespace

// Bands with the defaults 0.66 / 0.33, both lower edges inclusive.
BOOST_AUTO_TEST_CASE(bands_of_p_meet) {
  BOOST_TEST(to_string(classify(undecided(0.66))) == "on_track");
  BOOST_TEST(to_string(classify(undecided(0.6599))) == "at_risk");
  BOOST_TEST(to_string(classify(undecided(0.33))) == "at_risk");
  BOOST_TEST(to_string(classify(undecided(0.3299))) == "off_track");
  BOOST_TEST(to_string(classify(undecided(0.3299, false, true))) == "deteriorating");
  BOOST_TEST(to_string(classify(undecided(0.5, false, true))) == "at_risk");  // away, but not unlikely yet
  BOOST_TEST(to_string(classify(undecided(0.9, true))) == "achieved");        // already met, likely to stay
  BOOST_TEST(to_string(classify(undecided(0.5, true))) == "at_risk");         // met now, likely to slip
  status_thresholds strict{0.9, 0.5};
  BOOST_TEST(to_string(classify(undecided(0.8), strict)) == "at_risk");
}

BOOST_AUTO_TEST_CASE(decided_targets) {
  status_evidence e;
  e.decided = true;
  e.met = true;
  BOOST_TEST(to_string(classify(e)) == "achieved");
  e.met = false;  // a settled miss is named so, whatever the trend does next
  BOOST_TEST(to_string(classify(e)) == "missed");
  e.moving_away = true;
  BOOST_TEST(to_string(classify(e)) == "missed");
  BOOST_TEST(status_text(progress_status::missed, "zh") == "\xE6\x9C\xAA\xE8\xBE\xBE\xE6\xA0\x87");  // 未达标
}

BOOST_AUTO_TEST_CASE(rule_errors) {
  BOOST_CHECK_THROW(classify(undecided(1.5)), std::invalid_argument);
  BOOST_CHECK_THROW(classify(undecided(0.5), status_thresholds{0.3, 0.6}), std::invalid_argument);
  BOOST_CHECK_THROW(progress_status_from_string("green"), std::invalid_argument);
  BOOST_TEST(to_string(progress_status_from_string("at_risk")) == "at_risk");
  BOOST_TEST(std::string(status_text(progress_status::on_track, "zh")) == "\xE9\xA2\x84\xE8\xAE\xA1\xE8\xBE\xBE\xE6\xA0\x87");  // 预计达标
  BOOST_TEST(std::string(status_text(progress_status::on_track, "en")) == "on track");
}

BOOST_AUTO_TEST_CASE(parameters_by_name) {
  const auto p = read_native_params({{"on_track", 0.8}, {"model", "log_linear"}, {"min_points", 4}});
  BOOST_TEST(p.thresholds.on_track == 0.8);
  BOOST_TEST(p.thresholds.off_track == 0.33);  // default kept
  BOOST_TEST(p.model == "log_linear");
  BOOST_TEST(p.min_points == 4);
  BOOST_CHECK_THROW(read_native_params({{"on_trak", 0.8}}), std::invalid_argument);
  BOOST_CHECK_THROW(read_native_params({{"min_points", 2.5}}), std::invalid_argument);
  BOOST_CHECK_THROW(read_native_params({{"model", "spline"}}), std::invalid_argument);
  BOOST_TEST(p.uncertainty == "calibrated");  // the default
  BOOST_TEST(read_native_params({{"uncertainty", "model"}}).uncertainty == "model");
  BOOST_CHECK_THROW(read_native_params({{"uncertainty", "wide"}}), std::invalid_argument);
  BOOST_CHECK_THROW(read_native_params({{"on_track", 0.2}}), std::invalid_argument);  // below off_track 0.33
  try {
    read_native_params({{"on_trak", 0.8}});
  } catch (const std::invalid_argument& e) {
    BOOST_TEST(std::string(e.what()).find("accepted: model, level, uncertainty, on_track") != std::string::npos);
  }
  const auto values = native_parameter_values(native_params{});
  BOOST_TEST(values.size() == native_parameter_names().size());
  BOOST_TEST(values.front().first == "model");
  BOOST_TEST(values.front().second.text() == "default");
}

// unstable_status: changes between consecutive assessable evaluations, not_assessable left out.
BOOST_AUTO_TEST_CASE(unstable_status_counts_flips) {
  using S = progress_status;
  const std::vector<std::pair<int, S>> flipping = {
      {2023, S::on_track}, {2021, S::on_track}, {2022, S::at_risk}, {2024, S::at_risk}};
  // Sorted: 2021 on_track → 2022 at_risk → 2023 on_track → 2024 at_risk: 3 changes.
  const auto w = unstable_status_warning(flipping, 2);
  BOOST_REQUIRE(w.has_value());
  BOOST_TEST(w->code == "unstable_status");
  BOOST_TEST(w->en.find("changed 3 times in the last 4 evaluations (2021\xE2\x80\x93" "2024)") != std::string::npos);
  BOOST_TEST(!unstable_status_warning(flipping, 4).has_value());
  // on_track → not_assessable → on_track is no change at all.
  BOOST_TEST(!unstable_status_warning({{2021, S::on_track}, {2022, S::not_assessable}, {2023, S::on_track}}, 1));
  BOOST_TEST(!unstable_status_warning({{2021, S::on_track}}, 1));
}

BOOST_AUTO_TEST_CASE(sentences) {
  // The sentence opens with the target's status name: off track here (预计达标困难).
  const auto s = expected_shortfall_warning(0.254, 2030, status_thresholds{}, progress_status::off_track);
  BOOST_TEST(s.en == "Off track: on the current trend the probability of meeting the target in 2030 is about 25%.");
  // 预计达标困难：按目前趋势，2030年达标的概率约为25%。
  BOOST_TEST(s.zh ==
             "\xE9\xA2\x84\xE8\xAE\xA1\xE8\xBE\xBE\xE6\xA0\x87\xE5\x9B\xB0\xE9\x9A\xBE\xEF\xBC\x9A\xE6\x8C\x89\xE7\x9B\xAE"
             "\xE5\x89\x8D\xE8\xB6\x8B\xE5\x8A\xBF\xEF\xBC\x8C" "2030\xE5\xB9\xB4\xE8\xBE\xBE\xE6\xA0\x87\xE7\x9A\x84\xE6\xA6"
             "\x82\xE7\x8E\x87\xE7\xBA\xA6\xE4\xB8\xBA" "25%\xE3\x80\x82");
  BOOST_TEST(s.severity == warning_severity::high);  // 0.254 < 0.33
  const auto risk = expected_shortfall_warning(0.5, 2030, status_thresholds{}, progress_status::at_risk);
  BOOST_TEST(risk.severity == warning_severity::medium);
  BOOST_TEST(risk.en.rfind("At risk: ", 0) == 0);
  // At the target's edge the volatility sentence says so instead of "distance (0)".
  BOOST_TEST(high_volatility_warning(1.2, 0.0).en ==
             "High volatility: the latest value lies on the target's edge, and the fluctuation around the trend "
             "(standard deviation 1.2) can put it on either side.");
  const auto b = breach_risk_warning(0.5215, 2021, 2022, breach_condition{44, std::numeric_limits<double>::infinity()}, 0.5);
  BOOST_TEST(b.en == "Breach risk: the probability that the value falls below 44 in at least one year of 2021\xE2\x80\x93" "2022 is about 52%.");
  BOOST_TEST(b.severity == warning_severity::high);
  const auto st = stale_data_warning(2019, 2025, true);
  BOOST_TEST(st.en == "Stale data: the latest observation is from 2019, 6 years before the evaluation year 2025.");
  BOOST_TEST(st.severity == warning_severity::high);
  const auto r = reversal_warning(2019, 13, 2020, 12.5, progress_status::on_track);
  BOOST_TEST(r.en == "Reversal: the latest change, from 13 in 2019 to 12.5 in 2020, goes away from the target.");
  BOOST_TEST(r.severity == warning_severity::low);
}

// The comparison scale (assess/verdict_reading.hpp): each method's labels rank as its publication
// ranks them — NBS 基本实现 is part-way, Eurostat's "movement away" and Destatis' thunderstorm
// are off course — and the symbols are the ones the publications print.
BOOST_AUTO_TEST_CASE(verdicts_read_on_one_scale) {
  BOOST_TEST(to_string(leaning_of(progress_status::missed)) == "unfavourable");
  BOOST_TEST(to_string(leaning_of(progress_status::at_risk)) == "partial");
  BOOST_TEST(to_string(leaning_of("ontrack", "on_track")) == "favourable");
  BOOST_TEST(to_string(leaning_of("nbs", "achieved_early")) == "favourable");
  BOOST_TEST(to_string(leaning_of("nbs", "basically_achieved")) == "partial");
  BOOST_TEST(to_string(leaning_of("nbs", "not_monitorable")) == "none");
  BOOST_TEST(to_string(leaning_of("eurostat", "movement_away")) == "unfavourable");
  BOOST_TEST(to_string(leaning_of("unsd", "fair_progress")) == "partial");
  BOOST_TEST(to_string(leaning_of("destatis", "thunderstorm")) == "unfavourable");
  BOOST_TEST(verdict_symbol("eurostat", "moderate_progress") == "\xE2\x86\x97");  // ↗
  BOOST_TEST(verdict_symbol("destatis", "sun") == "\xE2\x98\x80");                // ☀
  BOOST_TEST(verdict_symbol("nbs", "achieved").empty());
  BOOST_TEST(!method_reading("nbs", "en").empty());
}
