// UNSD country rule set: every methodology, the 0.9995 tolerance, "deterioration when met at base
// but worse since", the current-level bins, the aggregation codes, the reproduce_* switches and
// the pitfalls.
#define BOOST_TEST_MODULE assess_unsd
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <string>
#include <vector>

#include <ontrack/assess/unsd.hpp>

#include "assess_test_support.hpp"

namespace tt = boost::test_tools;
using namespace ontrack::assess;
using namespace ontrack::assess::testing;

namespace {
unsd_params with(unsd_methodology m) { return params_with(&unsd_params::methodology, m); }
}  // namespace

// CAGRR on the spec § 10 example: base = last observation ≤ 2015, else the first (2020).
// CR = CAGR(2020→2023)/CAGR_req(2020→2030) = −0.032281/−0.028358 = 1.1383 ≥ 0.95 → on track.
BOOST_AUTO_TEST_CASE(cagrr_worked) {
  auto in = series({2020, 2023}, {16, 14.5}, -1, 12.0);
  const auto r = assess_unsd(in);
  BOOST_TEST(r.variant == "CAGRR");  // default with a target
  BOOST_TEST(r.label == "on_track");
  BOOST_TEST(r.label_text == "On Track");
  BOOST_TEST(r.at("ratio") == 1.138319, tt::tolerance(1e-6));
  BOOST_TEST(r.at("base_year") == 2020);
}

BOOST_AUTO_TEST_CASE(cagrr_boundary_sides) {
  const auto in = series({2016, 2020}, {100, 110}, 1, 150.0);
  const double cr = assess_unsd(in).at("ratio");
  unsd_params p;
  p.cr_on_track = cr;
  BOOST_TEST(assess_unsd(in, p).label == "on_track");
  p.cr_on_track = up(cr);
  BOOST_TEST(assess_unsd(in, p).label == "fair_progress");
  p.cr_fair = cr;
  BOOST_TEST(assess_unsd(in, p).label == "fair_progress");
  p.cr_fair = up(cr);
  BOOST_TEST(assess_unsd(in, p).label == "limited_or_no_progress");
  p.cr_limited = cr;
  BOOST_TEST(assess_unsd(in, p).label == "limited_or_no_progress");
  p.cr_limited = up(cr);
  BOOST_TEST(assess_unsd(in, p).label == "deterioration");
}

// The 0.9995 tolerance is strict (>): 1999/2000 = 0.9995 is not achieved; 1999.2/2000 is.
// Decrease: target/final; a final value of 0 is achieved.
BOOST_AUTO_TEST_CASE(achieved_tolerance_sides) {
  BOOST_TEST(assess_unsd(series({2016, 2020}, {1000, 1999}, 1, 2000.0)).label != "target_achieved");
  BOOST_TEST(assess_unsd(series({2016, 2020}, {1000, 1999.2}, 1, 2000.0)).label == "target_achieved");
  BOOST_TEST(assess_unsd(series({2016, 2020}, {3000, 2000}, -1, 1999.0)).label != "target_achieved");
  BOOST_TEST(assess_unsd(series({2016, 2020}, {3000, 1999.8}, -1, 1999.0)).label == "target_achieved");
  BOOST_TEST(assess_unsd(series({2016, 2020}, {5, 0}, -1, 1.0)).label == "target_achieved");
  // Target 0 (decrease): only a final value of 0 is achieved (0/final = 0).
  BOOST_TEST(assess_unsd(series({2016, 2020}, {5, 0}, -1, 0.0)).label == "target_achieved");
  // Natural bound 100 %: 99.96/100 = 0.9996 > 0.9995 → achieved.
  BOOST_TEST(assess_unsd(series({2015, 2020}, {95, 99.96}, 1, 100.0)).label == "target_achieved");
}

// Met at base but worse since → deterioration (increase: base ≥ target and base > final).
// Base past the target: higher is better, target 50, base 60 → 45.
BOOST_AUTO_TEST_CASE(deterioration_when_met_at_base) {
  BOOST_TEST(assess_unsd(series({2015, 2020}, {60, 45}, 1, 50.0)).label == "deterioration");
  BOOST_TEST(assess_unsd(series({2015, 2020}, {8, 12}, -1, 10.0)).label == "deterioration");
  BOOST_TEST(assess_unsd(series({2015, 2020}, {8, 12}, -1, 10.0), with(unsd_methodology::aarrr)).label ==
             "deterioration");
}

// `not increase`: the original tests only the literal increase/decrease, so a final value at the
// target is never "achieved" (reproduce switch); ontrack treats it as the decrease form.
BOOST_AUTO_TEST_CASE(not_increase_literal_pitfall) {
  auto in = series({2015, 2020}, {12, 9.5}, 1, 10.0);
  unsd_params p;
  p.normative = unsd_normative::not_increase;
  BOOST_TEST(assess_unsd(in, p).label == "target_achieved");
  p.reproduce_literal_direction = true;
  // CR = ((9.5/12)^(1/5) − 1)/((10/12)^(1/15) − 1) = −0.045643/−0.012081 = 3.78 → on track.
  const auto lit = assess_unsd(in, p);
  BOOST_TEST(lit.label == "on_track");
  BOOST_TEST(lit.at("ratio") == 3.778, tt::tolerance(1e-3));
}

// CAGR_req == 0 (given CAGRRequire = 0): achieved if not worse than base, else deterioration.
BOOST_AUTO_TEST_CASE(cagrr_required_zero) {
  unsd_params p;
  p.cagr_required = 0.0;
  BOOST_TEST(assess_unsd(series({2015, 2020}, {50, 50}), p).label == "target_achieved");
  BOOST_TEST(assess_unsd(series({2015, 2020}, {50, 49}), p).label == "deterioration");
  // A given required rate: 100 → 121 over 2 years, CAGR 10 %, CAGRRequire 5 % → CR 2 → on track.
  p.cagr_required = 0.05;
  BOOST_TEST(assess_unsd(series({2013, 2015, 2017}, {1, 100, 121}), p).at("ratio") == 2.0, tt::tolerance(1e-12));
}

// Target equal to the base: increase, base 50 = target, final 48 → met at base but worse since.
BOOST_AUTO_TEST_CASE(target_equal_to_base) {
  BOOST_TEST(assess_unsd(series({2015, 2020}, {50, 48}, 1, 50.0)).label == "deterioration");
  BOOST_TEST(assess_unsd(series({2015, 2020}, {50, 52}, 1, 50.0)).label == "target_achieved");
  // With the literal pitfall (not_decrease never tested) the required rate is 0: CAGRR's rule.
  unsd_params p;
  p.normative = unsd_normative::not_decrease;
  p.reproduce_literal_direction = true;
  BOOST_TEST(assess_unsd(series({2015, 2020}, {50, 48}, 1, 50.0), p).label == "deterioration");
  BOOST_TEST(assess_unsd(series({2015, 2020}, {50, 52}, 1, 50.0), p).label == "target_achieved");
}

// Target 0 (decrease): CAGR_req = −1; 10 → 5 over 5 years: CR = −0.129449/−1 = 0.1294 → limited.
BOOST_AUTO_TEST_CASE(target_zero) {
  const auto r = assess_unsd(series({2015, 2020}, {10, 5}, -1, 0.0));
  BOOST_TEST(r.at("cagr_required") == -1.0);
  BOOST_TEST(r.at("ratio") == 0.1294494, tt::tolerance(1e-6));
  BOOST_TEST(r.label == "limited_or_no_progress");
}

BOOST_AUTO_TEST_CASE(zero_negative_single_point) {
  BOOST_TEST(assess_unsd(series({2015, 2020}, {0, 5}, 1, 10.0)).reason == "base_zero");
  BOOST_TEST(assess_unsd(series({2015, 2020}, {0, 5}, 1, 10.0)).label == "insufficient_data");
  BOOST_TEST(assess_unsd(series({2015, 2020}, {4, -1}, 1, 10.0)).reason == "sign_change");
  const auto one = assess_unsd(series({2020}, {5}, 1, 10.0));
  BOOST_TEST(one.label == "insufficient_data");
  BOOST_TEST(one.reason == "zero_span");
  BOOST_TEST(assess_unsd(series({}, {}, 1, 10.0)).label == "insufficient_data");
  BOOST_TEST(assess_unsd(series({2016, 2016}, {1, 2}, 1, 10.0)).reason == "duplicate_year");
}

// Base = last observation ≤ 2015, else the first; final year ≤ 2015 → no_data_after_2015.
BOOST_AUTO_TEST_CASE(base_rules_and_irregular_years) {
  BOOST_TEST(assess_unsd(series({2012, 2014, 2018}, {1, 2, 3}, 1, 10.0)).at("base_year") == 2014);
  BOOST_TEST(assess_unsd(series({2016, 2019}, {1, 2}, 1, 10.0)).at("base_year") == 2016);
  const auto old = assess_unsd(series({2010, 2015}, {1, 2}, 1, 10.0));
  BOOST_TEST(old.label == "no_data_after_2015");
  BOOST_TEST(old.label_text == "No Data After 2015");
  BOOST_TEST(assess_unsd(series({1}, {1}, 1)).label == "methodology_unavailable");
  BOOST_TEST(assess_unsd(series({2016}, {1}, 1)).reason == "no_method");
}

// CAGRA: increase > L0 on; (L1, L0] fair; (L2, L1] limited; else deterioration.
// Decrease: < L2 on; [L2, L1) fair; (L1, L0] limited — CAGR == L1 falls to deterioration in the
// original (reproduce switch), ontrack puts it in limited.
BOOST_AUTO_TEST_CASE(cagra_classes_and_gap) {
  const auto in = series({2019, 2020}, {100, 101});
  const double g = assess_unsd(in, [] {
                     auto p = with(unsd_methodology::cagra);
                     p.cagr_limit_0 = p.cagr_limit_1 = p.cagr_limit_2 = 0.0;
                     return p;
                   }()).at("cagr_actual");  // ≈ 0.01
  auto p = with(unsd_methodology::cagra);
  p.cagr_limit_0 = 0.02;
  p.cagr_limit_1 = g;
  p.cagr_limit_2 = 0.0;
  BOOST_TEST(assess_unsd(in, p).label == "limited_or_no_progress");  // (L2, L1]: L1 inclusive
  p.cagr_limit_0 = g;
  p.cagr_limit_1 = 0.005;
  BOOST_TEST(assess_unsd(in, p).label == "fair_progress");  // (L1, L0]: L0 inclusive
  p.cagr_limit_0 = std::nextafter(g, 0.0);
  BOOST_TEST(assess_unsd(in, p).label == "on_track");
  // Decrease at exactly L1.
  auto dec = in;
  dec.direction = -1;
  p.cagr_limit_0 = 0.02;
  p.cagr_limit_1 = g;
  p.cagr_limit_2 = -0.01;
  BOOST_TEST(assess_unsd(dec, p).label == "limited_or_no_progress");
  p.reproduce_cagra_gap = true;
  BOOST_TEST(assess_unsd(dec, p).label == "deterioration");
  p.reproduce_cagra_gap = false;
  p.cagr_limit_1 = up(g);
  BOOST_TEST(assess_unsd(dec, p).label == "fair_progress");  // [L2, L1)
  p.cagr_limit_2 = up(g);
  BOOST_TEST(assess_unsd(dec, p).label == "on_track");  // < L2
  // Missing limits.
  BOOST_TEST(assess_unsd(in, with(unsd_methodology::cagra)).reason == "missing_parameter");
}

// AARRR (decrease): 100 → 80 over 5 years, target 50 by 2030 (15 years):
// obs = ln(100/80)/5 = 0.044629; req = ln(2)/15 = 0.046210; obs < req; obs < 0.5 and > −0.5 →
// limited (the fraction-vs-0.5 pitfall makes "fair" unreachable); with aarr_fair = 0.04 → fair.
BOOST_AUTO_TEST_CASE(aarrr) {
  const auto in = series({2015, 2020}, {100, 80}, -1, 50.0);
  const auto r = assess_unsd(in, with(unsd_methodology::aarrr));
  BOOST_TEST(r.at("aarr_actual") == 0.0446287, tt::tolerance(1e-6));
  BOOST_TEST(r.at("aarr_required") == 0.0462098, tt::tolerance(1e-6));
  BOOST_TEST(r.label == "limited_or_no_progress");
  auto p = with(unsd_methodology::aarrr);
  p.aarr_fair = 0.04;
  BOOST_TEST(assess_unsd(in, p).label == "fair_progress");
  // Increase target: 50 → 80, target 100: obs = ln(50/80)/5 = −0.0940, req = ln(0.5)/15 = −0.0462.
  // Growth faster than required: ontrack flips the sign → on track; the original compares
  // −0.0940 ≥ −0.0462 → false → limited.
  const auto inc = series({2015, 2020}, {50, 80}, 1, 100.0);
  BOOST_TEST(assess_unsd(inc, with(unsd_methodology::aarrr)).label == "on_track");
  auto q = with(unsd_methodology::aarrr);
  q.reproduce_aarrr_sign = true;
  BOOST_TEST(assess_unsd(inc, q).label == "limited_or_no_progress");
  // Target 0: the required rate is infinite (not stored), the observed one is compared with ±0.5.
  const auto t0 = assess_unsd(series({2015, 2020}, {10, 5}, -1, 0.0), with(unsd_methodology::aarrr));
  BOOST_TEST(!t0.component("aarr_required"));
  BOOST_TEST(t0.label == "limited_or_no_progress");
}

// CAGRR+AARRR: CR = 0.044629/0.046210 = 0.96578 ≥ 0.95 → on track.
BOOST_AUTO_TEST_CASE(cagrr_aarrr) {
  const auto r = assess_unsd(series({2015, 2020}, {100, 80}, -1, 50.0), with(unsd_methodology::cagrr_aarrr));
  BOOST_TEST(r.variant == "CAGRR+AARRR");
  BOOST_TEST(r.at("ratio") == 0.9657843, tt::tolerance(1e-6));
  BOOST_TEST(r.label == "on_track");
}

// Doubling: target = 2·10 = 20. 10 → 15 over 5 years: CR = 0.084472/0.047294 = 1.786 → on track;
// 19.995/20 = 0.99975 > 0.9995 → achieved. Halving: target 5; 5/5.001 = 0.9998 → achieved;
// 10 → 8: CR = −0.043648/−0.045158 = 0.96654 → on track.
BOOST_AUTO_TEST_CASE(doubling_and_halving) {
  const auto d = assess_unsd(series({2015, 2020}, {10, 15}), with(unsd_methodology::doubling));
  BOOST_TEST(d.at("target") == 20.0);
  BOOST_TEST(d.at("ratio") == 1.786094, tt::tolerance(1e-6));
  BOOST_TEST(d.label == "on_track");
  BOOST_TEST(assess_unsd(series({2015, 2020}, {10, 19.995}), with(unsd_methodology::doubling)).label ==
             "target_achieved");
  const auto h = assess_unsd(series({2015, 2020}, {10, 8}), with(unsd_methodology::halving));
  BOOST_TEST(h.variant == "Halfing");
  BOOST_TEST(h.at("ratio") == 0.9665423, tt::tolerance(1e-6));
  BOOST_TEST(h.label == "on_track");
  BOOST_TEST(assess_unsd(series({2015, 2020}, {10, 5.001}), with(unsd_methodology::halving)).label ==
             "target_achieved");
}

BOOST_AUTO_TEST_CASE(binary) {
  BOOST_TEST(assess_unsd(series({2016, 2020}, {0, 1}), with(unsd_methodology::binary)).label == "target_achieved");
  BOOST_TEST(assess_unsd(series({2016, 2020}, {1, 0}), with(unsd_methodology::binary)).label ==
             "target_not_achieved");
  BOOST_TEST(assess_unsd(series({}, {}), with(unsd_methodology::binary)).label == "insufficient_data");
  BOOST_TEST(assess_unsd(series({2020}, {3}, 1, 3.0), with(unsd_methodology::binary)).label == "target_achieved");
}

// Likert (target 5): steps = final − base: 2 → on track, 1 → fair, 0 → limited, −1 → deterioration;
// 1.5 steps: original → deterioration (non-integer), ontrack → fair. Level: 5 − 3 = 2 steps →
// the third name.
BOOST_AUTO_TEST_CASE(likert) {
  const auto p = with(unsd_methodology::likert);
  const auto r = assess_unsd(series({2015, 2020}, {1, 3}, 1, 5.0), p);
  BOOST_TEST(r.label == "on_track");
  BOOST_TEST(r.other_labels.at("current_level").label == "moderate_distance_to_target");
  BOOST_TEST(assess_unsd(series({2015, 2020}, {1, 2}, 1, 5.0), p).label == "fair_progress");
  BOOST_TEST(assess_unsd(series({2015, 2020}, {1, 1}, 1, 5.0), p).label == "limited_or_no_progress");
  BOOST_TEST(assess_unsd(series({2015, 2020}, {1, 0}, 1, 5.0), p).label == "deterioration");
  BOOST_TEST(assess_unsd(series({2015, 2020}, {1, 5}, 1, 5.0), p).label == "target_achieved");
  BOOST_TEST(assess_unsd(series({2015, 2020}, {1, 2.5}, 1, 5.0), p).label == "fair_progress");
  auto q = p;
  q.reproduce_likert_gap = true;
  BOOST_TEST(assess_unsd(series({2015, 2020}, {1, 2.5}, 1, 5.0), q).label == "deterioration");
  // Lower is better: steps reversed (4 → 2 is +2 steps).
  BOOST_TEST(assess_unsd(series({2015, 2020}, {4, 2}, -1, 0.0), p).label == "on_track");
  BOOST_TEST(assess_unsd(series({2020}, {2}, 1, 5.0), p).reason == "zero_span");
}

// SpecialGINI (decrease form): 40 → 38 over 5 years: CAGR = 0.95^(1/5) − 1 = −0.010206 < −0.01
// and points = (38 − 40)·100/40 = −5 ≤ −1 → on track. 101 → 100: points of the base =
// −100/101 = −0.990 → limited; the original's points of the final value = −100/100 = −1 → fair.
BOOST_AUTO_TEST_CASE(special_gini) {
  const auto p = with(unsd_methodology::special_gini);
  const auto r = assess_unsd(series({2015, 2020}, {40, 38}), p);
  BOOST_TEST(r.at("points_change") == -5.0);
  BOOST_TEST(r.label == "on_track");
  BOOST_TEST(assess_unsd(series({2015, 2020}, {101, 100}), p).label == "limited_or_no_progress");
  auto q = p;
  q.reproduce_gini_final = true;
  BOOST_TEST(assess_unsd(series({2015, 2020}, {101, 100}), q).label == "fair_progress");
  BOOST_TEST(assess_unsd(series({2015, 2020}, {40, 42}), p).label == "deterioration");  // +5 points
  BOOST_TEST(assess_unsd(series({2015, 2020}, {40, 30}, 1, 35.0), p).label == "target_achieved");
}

// Current level, 5 bins. Decrease: first k with final ≤ th[k] (inclusive). Increase: first k
// with final > th[k] (strict). 3-bin variant: the original has no direction handling.
BOOST_AUTO_TEST_CASE(current_level_bins) {
  auto p = with(unsd_methodology::cagrr);
  p.level_thresholds = {5, 10, 20, 40};
  auto lvl = [&](double final_v, int d) {
    const auto r = assess_unsd(series({2015, 2020}, {50, final_v}, d, d < 0 ? 1.0 : 100.0), p);
    return r.other_labels.count("current_level") ? r.other_labels.at("current_level").label : std::string("none");
  };
  BOOST_TEST(lvl(12, -1) == "moderate_distance_to_target");
  BOOST_TEST(lvl(10, -1) == "close_to_target");  // 10 ≤ 10
  BOOST_TEST(lvl(41, -1) == "very_far_from_target");
  p.level_thresholds = {90, 80, 60, 40};
  BOOST_TEST(lvl(80, 1) == "moderate_distance_to_target");  // 80 > 80 is false; 80 > 60
  BOOST_TEST(lvl(95, 1) == "target_met_or_almost_met");
  BOOST_TEST(lvl(40, 1) == "very_far_from_target");
  p.level_thresholds = {10, 20};
  BOOST_TEST(lvl(5, -1) == "target_met_or_almost_met");
  p.reproduce_level_no_direction = true;
  BOOST_TEST(lvl(5, -1) == "far_from_target");  // 5 > 10? no; 5 > 20? no → last bin
  // No level unless the final year is after the base year.
  p.reproduce_level_no_direction = false;
  const auto one = assess_unsd(series({2016}, {5}, -1, 1.0), p);
  BOOST_TEST(one.other_labels.count("current_level") == 0u);
}

// Aggregation: achieved/on track 1, fair/not achieved 2, limited 3, deterioration 4; mean < 1.5
// on track, 1.5 ≤ mean ≤ 2.5 for review, > 2.5 identified gap; exclusions; empty → no status.
BOOST_AUTO_TEST_CASE(aggregation_codes) {
  // (1 + 2 + 3 + 4)/4 = 2.5 → for review (inclusive); insufficient_data excluded.
  const auto a = aggregate_unsd({labelled("target_achieved"), labelled("fair_progress"),
                                 labelled("limited_or_no_progress"), labelled("deterioration"),
                                 labelled("insufficient_data"), labelled("no_data_after_2015"),
                                 labelled("methodology_unavailable"), labelled("")});
  BOOST_TEST(a.at("mean_code") == 2.5);
  BOOST_TEST(a.label == "for_review");
  BOOST_TEST(a.at("n_used") == 4);
  BOOST_TEST(a.at("n_excluded") == 4);
  BOOST_TEST(aggregate_unsd({labelled("on_track"), labelled("target_not_achieved")}).label == "for_review");  // 1.5
  BOOST_TEST(aggregate_unsd({labelled("on_track"), labelled("on_track"), labelled("fair_progress")}).label ==
             "on_track");  // 4/3
  BOOST_TEST(aggregate_unsd({labelled("limited_or_no_progress"), labelled("limited_or_no_progress"),
                             labelled("fair_progress")})
                 .label == "identified_gap");  // 8/3
  const auto none = aggregate_unsd({labelled("insufficient_data")});
  BOOST_TEST(none.label == "no_status");
  BOOST_TEST(none.reason == "no_data");
  // Higher levels: On Track 1, For Review 2, Identified Gap 3 → (1 + 3)/2 = 2 → for review.
  BOOST_TEST(aggregate_unsd({labelled("on_track"), labelled("identified_gap")}).label == "for_review");
  BOOST_TEST(aggregate_unsd({labelled("for_review"), labelled("identified_gap")}).label == "for_review");  // 2.5
  BOOST_TEST(aggregate_unsd({labelled("for_review"), labelled("identified_gap"), labelled("identified_gap")}).label ==
             "identified_gap");  // 8/3
}

BOOST_AUTO_TEST_CASE(caller_errors) {
  BOOST_CHECK_THROW(assess_unsd(series({2015}, {1, 2}, 1, 3.0)), std::invalid_argument);
  BOOST_CHECK_THROW(assess_unsd(series({2015, 2016}, {1, INFINITY}, 1, 3.0)), std::invalid_argument);
  auto in = series({2015, 2016}, {1, 2});
  in.target = std::nan("");
  BOOST_CHECK_THROW(assess_unsd(in), std::invalid_argument);
}
