// Plan evaluations: rows, summaries by domain and responsible unit, the 达标率, presets, as-of
// backtesting, the record (parameters, version, data hash), every compatibility mode through an
// evaluation with its own aggregation, previous evaluations for unstable_status, and the bundled
// Kundulun plan end to end.
#define BOOST_TEST_MODULE evaluate
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

#include <ontrack/evaluate.hpp>
#include <ontrack/plan_io.hpp>

#include "native_test_support.hpp"

namespace tt = boost::test_tools;
using namespace native_test;

namespace {

indicator with_targets(indicator ind, std::vector<target> targets, direction d = direction::increase) {
  ind.targets = std::move(targets);
  ind.direction = d;
  return ind;
}

/// health (卫健委): goal health.1 — y: at_least 20 by 2030, interim at_least 12 by 2018;
///                 goal health.2 (医保局, its own unit) — cov: maintain_at_least 95, 2021–2030.
/// economy (人社局): goal economy.1 — share: a milestone with no recorded status.
plan small_plan() {
  plan p;
  p.id = "small";
  p.title = {"小规划", "Small plan"};
  p.period_start = 2016;
  p.period_end = 2030;
  p.base_year = 2016;
  p.midterm_year = 2025;
  target interim = at_least(12, 2018);
  interim.interim = true;
  target milestone;
  milestone.kind = target_kind::milestone;
  milestone.description = {"建成", "built"};
  domain health{"health", 1, {"健康", "Health"}, {"\xE5\x8D\xAB\xE5\x81\xA5\xE5\xA7\x94"}, {}};  // 卫健委
  health.goals.push_back({"health.1", 1, {"目标", "goal"}, {}, {with_targets(make_indicator("y"), {at_least(20, 2030), interim})}});
  health.goals.push_back({"health.2", 2, {"目标", "goal"}, {"\xE5\x8C\xBB\xE4\xBF\x9D\xE5\xB1\x80"},  // 医保局
                          {with_targets(make_indicator("cov", scale::percent),
                                        {window_target(target_kind::maintain_at_least, 95, 2021, 2030)})}});
  domain economy{"economy", 2, {"经济", "Economy"}, {"\xE4\xBA\xBA\xE7\xA4\xBE\xE5\xB1\x80"}, {}};  // 人社局
  economy.goals.push_back({"economy.1", 1, {"目标", "goal"}, {}, {with_targets(make_indicator("share"), {milestone})}});
  p.domains = {health, economy};
  return p;
}

/// y = series A (2016–2020); cov = 96, 97, 94 in 2021–2023 (94 breaks the floor in 2022).
std::vector<series> small_data() {
  return {series_a("y"), make_series("cov", {2021, 2022, 2023}, {96, 94, 97})};
}

evaluation_options linear_as_of(int year) {
  evaluation_options o;
  o.as_of = year;
  o.native_params = {{"model", "linear"}, {"uncertainty", "model"}};  // the closed-form numbers below
  return o;
}

const evaluation_row& row_of(const evaluation& e, const std::string& indicator, std::size_t k = 0) {
  for (const auto& r : e.rows)
    if (r.indicator_id == indicator && r.target_index == k) return r;
  throw std::out_of_range(indicator);
}

}  // namespace

// As of 2020 (cov not yet observed):
//   y#0 at_least 20 by 2030: p = F₃(0.8908) = 0.78067 → on_track (native_kinds_test);
//   y#1 interim at_least 12 by 2018: 11 observed in 2018 → missed, decided;
//   cov#0: no observation up to 2020 → not_assessable (no_data);
//   share#0: milestone without status → not_assessable (no_status).
// 达标率 = achieved / assessable = 0/2; on-track rate = 1/2.
BOOST_AUTO_TEST_CASE(rows_and_summaries) {
  const auto data = small_data();
  const auto e = evaluate(small_plan(), data, linear_as_of(2020));
  BOOST_TEST(e.rows.size() == 4u);
  BOOST_TEST(row_of(e, "y").native.status == progress_status::on_track);
  BOOST_TEST(row_of(e, "y").key() == "y#0");
  BOOST_TEST(row_of(e, "y", 1).native.status == progress_status::missed);  // settled by 2018
  BOOST_TEST(row_of(e, "y", 1).interim);
  BOOST_TEST(row_of(e, "y", 1).deadline == 2018);
  BOOST_TEST(row_of(e, "cov").native.reason == "no_data");
  BOOST_TEST(row_of(e, "share").native.reason == "no_status");
  BOOST_TEST(row_of(e, "cov").responsible_units == std::vector<std::string>({"\xE5\x8C\xBB\xE4\xBF\x9D\xE5\xB1\x80"}),
             tt::per_element());
  BOOST_TEST(row_of(e, "y").responsible_units == std::vector<std::string>({"\xE5\x8D\xAB\xE5\x81\xA5\xE5\xA7\x94"}),
             tt::per_element());
  const auto& s = e.plan_summary;
  BOOST_TEST(s.total == 4);
  BOOST_TEST(s.assessable == 2);
  BOOST_TEST(s.counts.at(progress_status::on_track) == 1);
  BOOST_TEST(s.counts.at(progress_status::off_track) == 0);
  BOOST_TEST(s.counts.at(progress_status::missed) == 1);
  BOOST_TEST(s.counts.at(progress_status::not_assessable) == 2);
  BOOST_TEST(s.achievement_rate == 0.0);
  BOOST_TEST(s.on_track_rate == 0.5);
  BOOST_TEST(e.by_domain.at("health").total == 3);
  BOOST_TEST(e.by_domain.at("economy").assessable == 0);
  BOOST_TEST(std::isnan(e.by_domain.at("economy").achievement_rate));
  BOOST_TEST(e.by_unit.at("\xE5\x8D\xAB\xE5\x81\xA5\xE5\xA7\x94").total == 2);  // 卫健委: the two y targets
  BOOST_TEST(e.by_unit.at("\xE5\x8C\xBB\xE4\xBF\x9D\xE5\xB1\x80").total == 1);  // 医保局: cov (goal's own unit)
  BOOST_TEST(!s.mode_aggregate.has_value());
}

// As of 2023: cov broke its floor in 2022 → missed; y's data end in 2020 (3 years old: a stale
// warning, still assessable). Every warning of a row is in the evaluation's list, with its row.
BOOST_AUTO_TEST_CASE(warnings_are_listed_with_their_row) {
  const auto data = small_data();
  const auto e = evaluate(small_plan(), data, linear_as_of(2023));
  BOOST_TEST(row_of(e, "cov").native.status == progress_status::missed);
  BOOST_TEST(row_of(e, "cov").native.has_warning("missed"));
  BOOST_TEST(row_of(e, "y").native.has_warning("stale_data"));
  std::size_t listed = 0;
  for (const auto& r : e.rows) listed += r.native.warnings.size();
  BOOST_TEST(e.warnings.size() == listed);
  bool found = false;
  for (const auto& w : e.warnings)
    found = found || (w.indicator_id == "y" && w.target_index == 0 && w.domain_id == "health" && w.warning.code == "stale_data");
  BOOST_TEST(found);
}

// The record: every native parameter with its value, the library version, and the data used.
// As of 2018 only y's 2016–2018 values count (cov starts in 2021). The canonical text is
// "S\ty\t\n2016\t10\t\t\n2017\t12\t\t\n2018\t11\t\t\n", whose SHA-256 (computed separately) is below.
BOOST_AUTO_TEST_CASE(record_of_the_data_and_parameters) {
  const auto data = small_data();
  const auto e = evaluate(small_plan(), data, linear_as_of(2018));
  BOOST_TEST(e.data.points == 3);
  BOOST_TEST(e.data.series == 1);
  BOOST_TEST(*e.data.first_year == 2016);
  BOOST_TEST(*e.data.last_year == 2018);
  BOOST_TEST(e.data.sha256 == "58db52aca4994de572f7d28a410f0afc5804f42c163a643c52730fa13101f1c7");
  BOOST_TEST(e.library_version == std::string(ontrack::version));
  BOOST_TEST(e.native_parameters.front().first == "model");
  BOOST_TEST(e.native_parameters.front().second.text() == "linear");
  BOOST_TEST(e.native_parameters.size() == native_parameter_names().size());
  // Backtesting: the 2018 evaluation reads the 2018 data, whatever came later.
  BOOST_TEST(*row_of(e, "y").native.component("latest_year") == 2018);
  BOOST_TEST(evaluate(small_plan(), data, linear_as_of(2020)).data.sha256 != e.data.sha256);
}

BOOST_AUTO_TEST_CASE(sha256_known_answers) {
  // FIPS 180-2 appendix B.1 and B.2.
  BOOST_TEST(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  BOOST_TEST(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
             "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  BOOST_TEST(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

// Presets fix the year: midterm = the plan's mid-term year, final = its last year; annual
// defaults to the latest year observed (2023: cov). A contradicting as_of is an error, as is a
// mid-term evaluation of a plan without a mid-term year or an unknown preset.
BOOST_AUTO_TEST_CASE(presets) {
  const auto data = small_data();
  evaluation_options o;
  o.preset = "midterm";
  BOOST_TEST(evaluate(small_plan(), data, o).as_of == 2025);
  o.preset = "final";
  BOOST_TEST(evaluate(small_plan(), data, o).as_of == 2030);
  o.as_of = 2029;
  BOOST_CHECK_THROW(evaluate(small_plan(), data, o), std::invalid_argument);
  o = {};
  BOOST_TEST(evaluate(small_plan(), data, o).as_of == 2023);
  o.preset = "weekly";
  BOOST_CHECK_THROW(evaluate(small_plan(), data, o), std::invalid_argument);
  auto no_midterm = small_plan();
  no_midterm.midterm_year.reset();
  o.preset = "midterm";
  BOOST_CHECK_THROW(evaluate(no_midterm, data, o), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(caller_errors) {
  const auto data = small_data();
  evaluation_options o;
  o.method = "eurostatt";
  BOOST_CHECK_THROW(evaluate(small_plan(), data, o), std::invalid_argument);
  o.method = "eurostat";
  o.mode_params = {{"window", 5}};
  BOOST_CHECK_THROW(evaluate(small_plan(), data, o), std::invalid_argument);
  o = {};
  o.native_params = {{"on_track", 2.0}};
  BOOST_CHECK_THROW(evaluate(small_plan(), data, o), std::invalid_argument);
  o = {};
  o.mode_params = {{"window_years", 5}};  // mode parameters without a mode
  BOOST_CHECK_THROW(evaluate(small_plan(), data, o), std::invalid_argument);
}

// Every compatibility mode through an evaluation, on the worked check of docs/methods.md: mmr
// (lower is better, per 100,000, bounds [0, ∞)), 16 in 2020, 14.5 in 2023, ≤ 12 by 2030, base year
// 2020, as of 2023. The evaluation must hand each mode direction −1, target 12, year 2030, base 2020:
//   CAGR_a = (14.5/16)^(1/3) − 1 = −3.228 %; CAGR_r = (12/16)^(1/10) − 1 = −2.836 %;
//   eurostat RR = d·CAGR_a/|CAGR_r| = 1.138 ≥ 0.95 → significant_progress;
//   opensdg method 2 pv = 1.138 ≥ 0.95 → substantial_progress;
//   unsd CAGRR CR = 1.138 ≥ 0.95 → on_track;
//   unsd_expected ŷ = 14.5·(1 − 0.03228)^7 = 11.524, ratio (11.524 − 16)/(12 − 16) = 1.119 → on_track;
//   eustat R = 1.119 ≥ 0.95 → 3, achieved_or_on_track;
//   escap CSI = 10·(16 − 14.5)/(16 − 12) = 3.75 → slow_progress;
//   sdsn without best/worst → not_available (missing_parameter); with best 0, worst 30: scores
//     100(x − 30)/(0 − 30) = 46.67 (16), 51.67 (14.5), green 60 (12): rate 5/3 a year ≥ required
//     (60 − 46.67)/10 = 1.333 → on_track;
//   destatis needs 4 consecutive points → not_assessable;
//   istat CAGR −3.23 % in (−5 %, −1 %], reversed for lower-is-better → slight_improvement;
//   ine: 14.5 − 16 < 0, the favourable way → favourable;
//   who_arr ARR = −ln(14.5/16)/3 = 3.28 % ≥ required −ln(12/16)/10 = 2.88 % → on_course;
//   nbs: 14.5 > 12 in 2023 → not_achieved.
BOOST_AUTO_TEST_CASE(every_mode_on_the_worked_check) {
  plan p;
  p.id = "worked";
  p.period_start = 2021;
  p.period_end = 2030;
  p.base_year = 2020;
  domain d{"health", 1, {"健康", ""}, {"u"}, {}};
  d.goals.push_back({"health.1", 1, {"目标", ""}, {},
                     {with_targets(make_indicator("mmr", scale::per_100000), {at_most(12, 2030)}, direction::decrease)}});
  p.domains = {d};
  const std::vector<series> data = {make_series("mmr", {2020, 2023}, {16, 14.5})};
  const std::map<std::string, std::string> expected = {
      {"eurostat", "significant_progress"}, {"opensdg", "substantial_progress"}, {"unsd", "on_track"},
      {"unsd_expected", "on_track"},        {"eustat", "achieved_or_on_track"},  {"escap", "slow_progress"},
      {"sdsn", "not_available"},            {"destatis", "not_assessable"},      {"istat", "slight_improvement"},
      {"ine", "favourable"},                {"who_arr", "on_course"},            {"nbs", "not_achieved"}};
  BOOST_TEST(expected.size() == method_names().size());
  for (const auto& method : method_names()) {
    evaluation_options o;
    o.as_of = 2023;
    o.method = method;
    const auto e = evaluate(p, data, o);
    BOOST_REQUIRE(e.rows.front().mode.has_value());
    BOOST_TEST(e.rows.front().mode->label == expected.at(method), method);
    BOOST_TEST(e.plan_summary.mode_aggregate.has_value());
    BOOST_TEST(e.rows.front().native.reason == "too_few_points");  // ontrack's own: 2 points
  }
  evaluation_options o;
  o.as_of = 2023;
  o.method = "eurostat";
  BOOST_TEST(*evaluate(p, data, o).rows.front().mode->component("ratio") == 1.1383, tt::tolerance(1e-4));
  o.method = "unsd_expected";
  BOOST_TEST(*evaluate(p, data, o).rows.front().mode->component("ratio") == 1.1189, tt::tolerance(1e-4));
  o.method = "escap";
  BOOST_TEST(*evaluate(p, data, o).rows.front().mode->component("csi") == 3.75, tt::tolerance(1e-12));
  o.method = "sdsn";
  o.mode_params = {{"best", 0}, {"worst", 30}};
  BOOST_TEST(evaluate(p, data, o).rows.front().mode->label == "on_track");
}

// Modes aggregate by their own rule. NBS 达标率 over the small plan as of 2023 (y to 2020):
//   y#0 at_least 20: 14 < 20 → not_achieved; y#1 interim 12 by 2018: 14 ≥ 12 in 2023, after 2018 →
//   achieved; cov#0 maintain ≥ 95: 97 ≥ 95 → achieved_early (level only: NBS ignores the 2022
//   breach, its documented pitfall); share#0 milestone: no NBS equivalent → not_monitorable,
//   reason unsupported_kind. Rate = (1 + 1)/3 monitorable = 0.6667.
// Modes without a published aggregation (who_arr) count their labels.
BOOST_AUTO_TEST_CASE(mode_aggregation) {
  const auto data = small_data();
  evaluation_options o;
  o.as_of = 2023;
  o.method = "nbs";
  const auto e = evaluate(small_plan(), data, o);
  BOOST_TEST(row_of(e, "y").mode->label == "not_achieved");
  BOOST_TEST(row_of(e, "y", 1).mode->label == "achieved");
  BOOST_TEST(row_of(e, "cov").mode->label == "achieved_early");
  BOOST_TEST(row_of(e, "share").mode->label == "not_monitorable");
  BOOST_TEST(row_of(e, "share").mode->reason == "unsupported_kind");
  const auto& agg = *e.plan_summary.mode_aggregate;
  BOOST_TEST(agg.label == "achievement_rate");
  BOOST_TEST(agg.at("rate") == 2.0 / 3, tt::tolerance(1e-12));
  BOOST_TEST(agg.at("n_monitorable") == 3);
  BOOST_TEST(e.by_domain.at("economy").mode_aggregate->label == "not_monitorable");
  o.method = "who_arr";
  const auto w = evaluate(small_plan(), data, o);
  BOOST_TEST(w.plan_summary.mode_aggregate->variant == "label_counts");
  BOOST_TEST(w.plan_summary.mode_aggregate->at("n_assessed") + w.plan_summary.mode_aggregate->at("n_not_assessable") == 4);
}

// Previous evaluations passed in: y#0 was on_track in 2018, at_risk in 2019 (and is on_track
// now, 2020): two changes → unstable_status. Without history the previous years are recomputed.
BOOST_AUTO_TEST_CASE(previous_evaluations_feed_unstable_status) {
  const auto data = small_data();
  auto o = linear_as_of(2020);
  o.history = {{2018, {{"y#0", progress_status::on_track}}}, {2019, {{"y#0", progress_status::at_risk}}}};
  const auto e = evaluate(small_plan(), data, o);
  BOOST_TEST(row_of(e, "y").native.has_warning("unstable_status"));
  BOOST_TEST(!row_of(e, "y", 1).native.has_warning("unstable_status"));  // not in the history
  o.history = {{2019, {{"y#0", progress_status::on_track}}}};
  BOOST_TEST(!row_of(evaluate(small_plan(), data, o), "y").native.has_warning("unstable_status"));
}

// The bundled Kundulun plan, end to end: without observations every one of its 90 targets is
// not assessable and says why; with a few series the rows that have data are assessed. Never an
// exception.
BOOST_AUTO_TEST_CASE(kundulun_plan_end_to_end) {
  const plan p = load_plan(ONTRACK_SOURCE_DIR "/python/ontrack/data/plans/kundulun_women_2021_2030.json");
  evaluation_options o;
  o.preset = "midterm";
  const auto empty = evaluate(p, p.series, o);
  BOOST_TEST(empty.rows.size() == 90u);
  for (const auto& r : empty.rows) {
    BOOST_TEST(r.native.status == progress_status::not_assessable);
    BOOST_TEST(!r.native.reason.empty(), r.key());
    BOOST_TEST(!r.native.message.empty(), r.key());
  }
  // National maternal mortality ratio (NBS/NHC figures, per 100,000) and maternal systematic
  // management rate (%), as published; they stand in for district data.
  const std::vector<series> data = {
      make_series("mmr", {2013, 2015, 2016, 2017, 2018, 2020, 2021, 2022, 2023, 2024},
                  {23.2, 20.1, 19.9, 19.6, 18.3, 16.9, 16.1, 15.7, 15.1, 14.3}),
      make_series("mat_sys_mgmt", {2016, 2017, 2018, 2021, 2022, 2023, 2024}, {91.6, 89.6, 89.9, 92.9, 93.6, 94.5, 94.9})};
  const auto e = evaluate(p, data, o);
  BOOST_TEST(row_of(e, "mmr").native.reason == "");
  BOOST_TEST(row_of(e, "mat_sys_mgmt").native.reason == "");
  for (const auto& r : e.rows)
    if (r.native.status == progress_status::not_assessable) BOOST_TEST(!r.native.reason.empty(), r.key());
  for (const auto& method : method_names()) {
    o.method = method;
    BOOST_CHECK_NO_THROW(evaluate(p, data, o));
  }
}
