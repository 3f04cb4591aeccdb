// ESCAP mode: CSI and API with their labels and boundary sides, the parity variant, the five
// extrapolators (hand-computed), the gap form, the 1-point rules, base imputation, aggregation,
// and the pitfalls.
#define BOOST_TEST_MODULE assess_escap
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <vector>

#include <ontrack/assess/escap.hpp>

#include "assess_test_support.hpp"

namespace tt = boost::test_tools;
using namespace ontrack::assess;
using namespace ontrack::assess::testing;

namespace {
escap_params using_x(escap_extrapolator x) { return params_with(&escap_params::extrapolator, x); }
}  // namespace

// Spec § 10 values (lower is better, target 12): base 2015 missing, no scale → first year after
// it (2020, 16); CSI = 10·d·(I − I_0)/|TV − I_0| = 10·(−1)·(14.5 − 16)/4 = 3.75 → slow progress.
BOOST_AUTO_TEST_CASE(csi_worked) {
  const auto r = assess_escap(series_to_2030({2020, 2023}, {16, 14.5}, -1, 12));
  BOOST_TEST(r.at("csi") == 3.75);
  BOOST_TEST(r.label == "slow_progress");
  BOOST_TEST(r.label_text == "Slow progress");
  BOOST_TEST(r.at("base_year") == 2020);
  BOOST_TEST(r.other_labels.count("api") == 1u);
}

// Cut-offs: > 9 on track (9 itself is slow progress), > 0 slow progress, ≤ 0 regression.
// Base 0 → target 10 (higher is better): CSI = 10·(I − 0)/10 = I.
BOOST_AUTO_TEST_CASE(csi_boundary_sides) {
  auto csi = [](double cur) { return assess_escap(series_to_2030({2015, 2020}, {0, cur}, 1, 10)); };
  BOOST_TEST(csi(9).at("csi") == 9.0);
  BOOST_TEST(csi(9).label == "slow_progress");
  BOOST_TEST(csi(9.01).label == "on_track");
  BOOST_TEST(csi(0).label == "regression");  // CSI = 0 → regression (≤ 0)
  BOOST_TEST(csi(0.01).label == "slow_progress");
  BOOST_TEST(csi(10).at("csi") == 10.0);  // met → 10
  BOOST_TEST(csi(12).at("csi") == 10.0);  // beyond → still 10
  BOOST_TEST(csi(12).label_text == "On-track");
}

// Parity variant: 10 − 10·|TV − I|/|TV − I_0|: target 1, base 0.8, current 0.9 → 10 − 10·0.1/0.2 = 5.
BOOST_AUTO_TEST_CASE(parity_variant) {
  escap_params p;
  p.parity = true;
  const auto r = assess_escap(series_to_2030({2015, 2020}, {0.8, 0.9}, 1, 1.0), p);
  BOOST_TEST(r.at("csi") == 5.0, tt::tolerance(1e-12));
  BOOST_TEST(r.variant == "csi/parity");
  // Overshooting parity counts as distance: 1.1 → 10 − 10·0.1/0.2 = 5.
  BOOST_TEST(assess_escap(series_to_2030({2015, 2020}, {0.8, 1.1}, 1, 1.0), p).at("csi") == 5.0, tt::tolerance(1e-12));
}

// Geometric: Î_2030 = I_n·(I_n/I_1)^((2030 − 2020)/(2020 − 2015)).
// 50 → 60: Î = 60·1.2² = 86.4 ≥ 80 → API 10, will meet target; gap = (80 − 86.4)/30 = −0.213 → maintain.
// 50 → 55: Î = 55·1.1² = 66.55; API = 10·(66.55 − 50)/30 = 5.5167 → need to accelerate;
// gap = (80 − 66.55)/30 = 0.44833 → accelerate.
BOOST_AUTO_TEST_CASE(api_geometric_and_gap) {
  const auto p = using_x(escap_extrapolator::geometric);
  const auto met = assess_escap(series_to_2030({2015, 2020}, {50, 60}, 1, 80), p);
  BOOST_TEST(met.at("projected_value") == 86.4, tt::tolerance(1e-12));
  BOOST_TEST(met.at("api") == 10.0);
  BOOST_TEST(met.other_labels.at("api").label == "will_meet_target");
  BOOST_TEST(met.at("gap") == -0.213333, tt::tolerance(1e-5));
  BOOST_TEST(met.other_labels.at("gap").label == "maintain");
  const auto slow = assess_escap(series_to_2030({2015, 2020}, {50, 55}, 1, 80), p);
  BOOST_TEST(slow.at("projected_value") == 66.55, tt::tolerance(1e-12));
  BOOST_TEST(slow.at("api") == 5.516667, tt::tolerance(1e-6));
  BOOST_TEST(slow.other_labels.at("api").label == "need_to_accelerate");
  BOOST_TEST(slow.at("gap") == 0.448333, tt::tolerance(1e-6));
  BOOST_TEST(slow.other_labels.at("gap").label == "accelerate");
  BOOST_TEST(slow.other_labels.at("gap").label_text == "ACCELERATE progress to achieve target");
  // Main label by index.
  auto q = p;
  q.index = escap_index::api;
  BOOST_TEST(assess_escap(series_to_2030({2015, 2020}, {50, 55}, 1, 80), q).label == "need_to_accelerate");
  q.index = escap_index::gap;
  BOOST_TEST(assess_escap(series_to_2030({2015, 2020}, {50, 45}, 1, 80), q).label == "reverse");  // gap ≥ 1
}

// Weighted geometric, 2015: 50, 2017: 55, 2020: 60, T = 2030.
// w = (2030 − 2015)/(2030 − t_i) = 1, 15/13 = 1.153846, 15/10 = 1.5; W (all points) = 3.653846.
// Annualised steps: ln(55/50)/2 = 0.0476551, ln(60/55)/3 = 0.0290034;
// Σ w·step = 1.153846·0.0476551 + 1.5·0.0290034 = 0.0984923;
// Î = 60·exp(0.0984923·10/3.653846) = 60·exp(0.269558) = 78.5631.
// MENARO's per-step factors: Σ w·ln = 1.153846·0.0953102 + 1.5·0.0870114 = 0.2404903 → Î = 115.8769.
// W over the steps only (2.653846): Î = 60·exp(0.0984923·10/2.653846) = 86.9623.
BOOST_AUTO_TEST_CASE(weighted_geometric) {
  const std::vector<int> ys = {2015, 2017, 2020};
  const std::vector<double> vs = {50, 55, 60};
  escap_params p;
  BOOST_TEST(escap_extrapolate(ys, vs, 2030, escap_extrapolator::weighted_geometric, p).value == 78.563131,
             tt::tolerance(1e-7));
  p.annualise_steps = false;
  BOOST_TEST(escap_extrapolate(ys, vs, 2030, escap_extrapolator::weighted_geometric, p).value == 115.876930,
             tt::tolerance(1e-7));
  p.annualise_steps = true;
  p.weight_sum_over_steps = true;
  BOOST_TEST(escap_extrapolate(ys, vs, 2030, escap_extrapolator::weighted_geometric, p).value == 86.962334,
             tt::tolerance(1e-7));
  // Zero or negative values: no geometric growth.
  BOOST_TEST(escap_extrapolate({2015, 2020}, {0, 5}, 2030, escap_extrapolator::weighted_geometric).reason ==
             "non_positive_value");
  BOOST_TEST(escap_extrapolate({2015, 2020}, {0, 5}, 2030, escap_extrapolator::geometric).reason ==
             "non_positive_value");
}

// Logit OLS with scale 100, 2015: 50 (L = 0), 2020: 60 (L = ln 1.5): a straight line in logit,
// L(2030) = 3·ln 1.5 = ln 3.375 → Î = 100·3.375/4.375 = 77.142857. Mean logit growth gives the
// same on two points (g = ln 1.5/5).
BOOST_AUTO_TEST_CASE(logit_and_mean_logit_growth) {
  escap_params p;
  p.scale = 100.0;
  BOOST_TEST(escap_extrapolate({2015, 2020}, {50, 60}, 2030, escap_extrapolator::logit, p).value == 77.142857,
             tt::tolerance(1e-7));
  BOOST_TEST(escap_extrapolate({2015, 2020}, {50, 60}, 2030, escap_extrapolator::mean_logit_growth, p).value ==
                 77.142857,
             tt::tolerance(1e-7));
  // Irregular years 2015: 50, 2017: 60, 2020: 60: g = mean(ln 1.5/2, 0/3) = 0.1013663;
  // L(2030) = ln 1.5 + 10·0.1013663 = 1.4191282 → Î = 100/(1 + e^−1.4191282) = 80.520166.
  BOOST_TEST(escap_extrapolate({2015, 2017, 2020}, {50, 60, 60}, 2030, escap_extrapolator::mean_logit_growth, p)
                     .value == 80.520166,
             tt::tolerance(1e-7));
  // A value at the scale (100 %): logit infinite → the latest value, as MENARO.
  BOOST_TEST(escap_extrapolate({2015, 2020}, {90, 100}, 2030, escap_extrapolator::mean_logit_growth, p).value == 100.0);
  // Constant series: g = 0 → the latest value.
  BOOST_TEST(escap_extrapolate({2015, 2020}, {70, 70}, 2030, escap_extrapolator::mean_logit_growth, p).value ==
             70.0, tt::tolerance(1e-12));
  // Logit OLS at the natural bound: outside (0, scale) → a reason.
  BOOST_TEST(escap_extrapolate({2015, 2020}, {90, 100}, 2030, escap_extrapolator::logit, p).reason == "outside_domain");
  // No scale → missing_parameter.
  BOOST_TEST(escap_extrapolate({2015, 2020}, {50, 60}, 2030, escap_extrapolator::logit).reason == "missing_parameter");
}

// Weighted logit, 2015: 50, 2016: 60, 2020: 55, scale 100, T = 2030. t̄ = 2017, t' = −2, −1, 3;
// L = 0, 0.405465, 0.200671; w = 1, 15/14, 1.5.
// OLS: slope 0.0140391, intercept mean(L) = 0.2020453 → Î = invlogit(0.2020453 + 13·0.0140391)·100 = 59.4971.
// Weighted slope r = 0.0096899. With w_i = c/(T − t_i), Σw_i(T − t_i)e_i = c·Σe_i and both WLS
// normal equations give Σw_i(T − t_i)e_i = 0, so the weighted line passes through the unweighted
// centroid: the WLS intercept equals mean(L) and MENARO's "unweighted intercept" pitfall changes
// nothing. Î = invlogit(0.2020453 + 13·0.0096899)·100 = 58.1276 either way.
BOOST_AUTO_TEST_CASE(weighted_logit_and_intercept_pitfall) {
  const std::vector<int> ys = {2015, 2016, 2020};
  const std::vector<double> vs = {50, 60, 55};
  escap_params p;
  p.scale = 100.0;
  BOOST_TEST(escap_extrapolate(ys, vs, 2030, escap_extrapolator::logit, p).value == 59.497080, tt::tolerance(1e-7));
  const double w = escap_extrapolate(ys, vs, 2030, escap_extrapolator::weighted_logit, p).value;
  BOOST_TEST(w == 58.127604, tt::tolerance(1e-7));
  p.reproduce_weighted_logit_intercept = true;
  BOOST_TEST(escap_extrapolate(ys, vs, 2030, escap_extrapolator::weighted_logit, p).value == w, tt::tolerance(1e-12));
}

// One point: target met → on track / will meet target; not met → insufficient data; the
// original loses the API in the 1-point branch (reproduce switch). No point → no data.
BOOST_AUTO_TEST_CASE(one_point_and_no_data) {
  const auto met = assess_escap(series_to_2030({2020}, {5}, -1, 6));
  BOOST_TEST(met.label == "on_track");
  BOOST_TEST(met.other_labels.at("api").label == "will_meet_target");
  escap_params p;
  p.reproduce_one_point_api_loss = true;
  BOOST_TEST(assess_escap(series_to_2030({2020}, {5}, -1, 6), p).other_labels.count("api") == 0u);
  p.index = escap_index::api;
  BOOST_TEST(assess_escap(series_to_2030({2020}, {5}, -1, 6), p).label == "insufficient_data");
  const auto not_met = assess_escap(series_to_2030({2020}, {7}, -1, 6));
  BOOST_TEST(not_met.label == "insufficient_data");
  BOOST_TEST(not_met.reason == "too_few_points");
  auto none = series_to_2030({2020}, {7}, -1, 6);
  none.as_of = 2019;
  BOOST_TEST(assess_escap(none).label == "no_data");
  BOOST_TEST(assess_escap(none).label_text == "No data");
}

// Missing 2015 value estimated by mean logit growth (scale = upper bound 100):
// 2013: 40, 2017: 50, 2019: 55 → L = −0.405465, 0, 0.200671; g = mean(0.405465/4, 0.200671/2) = 0.1008508;
// I_2015 = invlogit(0.200671 + 0.1008508·(2015 − 2019))·100 = 44.948974;
// CSI (target 80, current 55) = 10·(55 − 44.948974)/(80 − 44.948974) = 2.867541.
BOOST_AUTO_TEST_CASE(base_imputation) {
  auto in = series_to_2030({2013, 2017, 2019}, {40, 50, 55}, 1, 80);
  in.upper_bound = 100.0;
  const auto r = assess_escap(in);
  BOOST_TEST(r.at("base_value") == 44.948974, tt::tolerance(1e-7));
  BOOST_TEST(r.at("base_imputed") == 1.0);
  BOOST_TEST(r.at("csi") == 2.867541, tt::tolerance(1e-6));
  escap_params p;
  p.impute_base = false;  // first observation after the base year: 2017 (50)
  BOOST_TEST(assess_escap(in, p).at("base_year") == 2017);
  BOOST_TEST(assess_escap(in, p).at("csi") == 10.0 * 5 / 30, tt::tolerance(1e-12));
}

BOOST_AUTO_TEST_CASE(pitfalls) {
  // Target = base and not met: the needed progress is 0 → insufficient data with a reason.
  const auto eq = assess_escap(series_to_2030({2015, 2020}, {50, 45}, 1, 50));
  BOOST_TEST(eq.label == "insufficient_data");
  BOOST_TEST(eq.reason == "base_equals_target");
  BOOST_TEST(assess_escap(series_to_2030({2015, 2020}, {50, 55}, 1, 50)).at("csi") == 10.0);
  // Target 0, lower is better: 10 → 5: CSI = 10·(−1)·(5 − 10)/10 = 5.
  BOOST_TEST(assess_escap(series_to_2030({2015, 2020}, {10, 5}, -1, 0)).at("csi") == 5.0);
  // Base past the target (lower is better, target 10, 8 → 12): 10·(−1)·(12 − 8)/2 = −20 → regression.
  const auto past = assess_escap(series_to_2030({2015, 2020}, {8, 12}, -1, 10));
  BOOST_TEST(past.at("csi") == -20.0);
  BOOST_TEST(past.label == "regression");
  // Zero base under geometric growth: no API (a warning), the CSI is still 10·(5 − 0)/10 = 5.
  const auto zero = assess_escap(series_to_2030({2015, 2020}, {0, 5}, 1, 10));
  BOOST_TEST(zero.at("csi") == 5.0);
  BOOST_TEST(!zero.component("api"));
  BOOST_TEST(!zero.warnings.empty());
  escap_params p;
  p.index = escap_index::api;
  BOOST_TEST(assess_escap(series_to_2030({2015, 2020}, {0, 5}, 1, 10), p).reason == "non_positive_value");
  // No target.
  method_input nt;
  nt.years = {2015, 2020};
  nt.values = {1, 2};
  BOOST_TEST(assess_escap(nt).reason == "no_target");
  // Natural bound 100 %: at the bound with target 100 → met → 10 (both indices).
  const auto full = assess_escap(series_to_2030({2015, 2020}, {90, 100}, 1, 100));
  BOOST_TEST(full.at("csi") == 10.0);
  BOOST_TEST(full.at("api") == 10.0);
}

// Aggregation: unweighted mean (ESCAP) or weighted; (3.75 + 10 − 20)/3 = −2.0833 → regression.
BOOST_AUTO_TEST_CASE(aggregation) {
  const auto a = assess_escap(series_to_2030({2020, 2023}, {16, 14.5}, -1, 12));       // 3.75
  const auto b = assess_escap(series_to_2030({2015, 2020}, {50, 60}, 1, 55));          // met: 10
  const auto c = assess_escap(series_to_2030({2015, 2020}, {8, 12}, -1, 10));          // −20
  const auto m = aggregate_escap({a, b, c});
  BOOST_TEST(m.at("csi") == -6.25 / 3, tt::tolerance(1e-12));
  BOOST_TEST(m.label == "regression");
  const auto w = aggregate_escap({a, b}, escap_index::csi, {3, 1});  // (3·3.75 + 10)/4 = 5.3125
  BOOST_TEST(w.at("csi") == 5.3125, tt::tolerance(1e-12));
  BOOST_TEST(w.label == "slow_progress");
  BOOST_TEST(aggregate_escap({b}, escap_index::api).label == "will_meet_target");
  BOOST_CHECK_THROW(aggregate_escap({a, b}, escap_index::csi, {1}), std::invalid_argument);
  BOOST_TEST(aggregate_escap({}).label == "no_data");
}
