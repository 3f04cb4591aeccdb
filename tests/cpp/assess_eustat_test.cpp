// Eustat mode: the three-level expected-value form, the no-target CAGR classes, the published
// exceptions, every boundary side and the pitfalls.
#define BOOST_TEST_MODULE assess_eustat
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <vector>

#include <ontrack/assess/eustat.hpp>

#include "assess_test_support.hpp"

namespace tt = boost::test_tools;
using namespace ontrack::assess;
using namespace ontrack::assess::testing;

// Spec § 10: v_e = 14.5·(1 − 0.032281)^7 = 11.5243; R = (11.5243 − 16)/(12 − 16) = 1.1189 ≥ 0.95 → 3.
BOOST_AUTO_TEST_CASE(worked) {
  const auto r = assess_eustat(series({2020, 2023}, {16, 14.5}, -1, 12.0));
  BOOST_TEST(r.at("expected_value") == 11.524269, tt::tolerance(1e-6));
  BOOST_TEST(r.at("ratio") == 1.118933, tt::tolerance(1e-6));
  BOOST_TEST(r.label == "achieved_or_on_track");
  BOOST_TEST(r.label_text == "Meta alcanzada o en v\xC3\xAD" "as de alcanzarla");
  BOOST_TEST(r.at("score") == 3);
  BOOST_TEST(r.other_labels.at("config").label == "alcanzado");
}

BOOST_AUTO_TEST_CASE(ratio_boundary_sides) {
  const auto in = series({2016, 2020}, {100, 110}, 1, 150.0);
  const double R = assess_eustat(in).at("ratio");
  eustat_params p;
  p.r_on_track = R;
  BOOST_TEST(assess_eustat(in, p).at("score") == 3);
  p.r_on_track = up(R);
  BOOST_TEST(assess_eustat(in, p).label == "reasonable_progress");
  BOOST_TEST(assess_eustat(in, p).other_labels.at("config").label == "progreso");
  p.r_progress = R;
  BOOST_TEST(assess_eustat(in, p).at("score") == 2);
  p.r_progress = up(R);
  BOOST_TEST(assess_eustat(in, p).label == "stagnation_or_regression");
  BOOST_TEST(assess_eustat(in, p).label_text == "Estancamiento o retroceso");
}

// No target: increase CAGR ≥ 2 % → 3, [0.5 %, 2 %) → 2, < 0.5 % → 1; decrease mirrored
// (≤ −2 % → 3, (−2 %, −0.5 %] → 2, > −0.5 % → 1).
BOOST_AUTO_TEST_CASE(no_target_classes) {
  BOOST_TEST(assess_eustat(series({2018, 2020}, {100, 110.25})).at("score") == 3);  // 5 %
  BOOST_TEST(assess_eustat(series({2019, 2020}, {100, 101})).at("score") == 2);     // 1 %
  BOOST_TEST(assess_eustat(series({2019, 2020}, {100, 100.4})).at("score") == 1);   // 0.4 %
  BOOST_TEST(assess_eustat(series({2019, 2020}, {100, 97}, -1)).at("score") == 3);  // −3 %
  BOOST_TEST(assess_eustat(series({2019, 2020}, {100, 99}, -1)).at("score") == 2);  // −1 %
  BOOST_TEST(assess_eustat(series({2019, 2020}, {100, 101}, -1)).at("score") == 1); // +1 %: wrong way
  const auto edge = series({2019, 2020}, {100, 102});
  const double g = assess_eustat(edge).at("cagr_actual");
  eustat_params p;
  p.cagr_on_track = g;  // ≥
  BOOST_TEST(assess_eustat(edge, p).at("score") == 3);
  p.cagr_on_track = up(g);
  BOOST_TEST(assess_eustat(edge, p).at("score") == 2);
  const auto dec = series({2019, 2020}, {100, 98}, -1);
  const double h = -assess_eustat(dec).at("cagr_actual");
  p = {};
  p.cagr_on_track = h;  // decrease: CAGR ≤ −2 % ⇔ d·CAGR ≥ 2 %
  BOOST_TEST(assess_eustat(dec, p).at("score") == 3);
}

// Exception 1 (met → achieved, whatever the trend); exception 2 (within 1 point of a 0 % or
// 100 % target); natural bound 100 %.
BOOST_AUTO_TEST_CASE(exceptions_met_and_near_bounds) {
  BOOST_TEST(assess_eustat(series({2015, 2020}, {8, 9}, -1, 10.0)).at("score") == 3);  // met though rising
  BOOST_TEST(assess_eustat(series({2015, 2020}, {95, 99.2}, 1, 100.0)).at("score") == 3);
  BOOST_TEST(assess_eustat(series({2015, 2020}, {95, 99}, 1, 100.0)).at("score") == 3);    // |99 − 100| = 1 ≤ 1
  BOOST_TEST(assess_eustat(series({2015, 2020}, {99.5, 98.9}, 1, 100.0)).at("score") == 1);  // 1.1 away, falling
  BOOST_TEST(assess_eustat(series({2015, 2020}, {5, 0.8}, -1, 0.0)).at("score") == 3);     // near a 0 % target
  // 99.5 → 99.2 (falling, 0.8 short of 100): within 1 → 3; with a 0.5 tolerance the trend decides:
  // R = (v_e − 99.5)/(100 − 99.5) < 0 → 1.
  BOOST_TEST(assess_eustat(series({2015, 2020}, {99.5, 99.2}, 1, 100.0)).at("score") == 3);
  eustat_params p;
  p.bound_tolerance = 0.5;
  BOOST_TEST(assess_eustat(series({2015, 2020}, {99.5, 99.2}, 1, 100.0), p).at("score") == 1);
}

// Exception 3: no 2015 value → the first later year with a later value, else the closest before.
BOOST_AUTO_TEST_CASE(exception_3_base_year_and_irregular_years) {
  BOOST_TEST(assess_eustat(series({2016, 2018, 2021}, {1, 2, 3})).at("base_year") == 2016);
  BOOST_TEST(assess_eustat(series({2013, 2017}, {1, 2})).at("base_year") == 2013);
  BOOST_TEST(assess_eustat(series({2012, 2015, 2019}, {1, 2, 3})).at("base_year") == 2015);
}

// Exception 5: a target year already past → assessed up to it (2023's value is ignored).
// Exception 6: ≥ 2 years of data. Exception 8: binary. Exception 7: manual.
BOOST_AUTO_TEST_CASE(exceptions_5_to_8) {
  auto in = series({2015, 2018, 2020, 2023}, {10, 12, 14, 1}, 1, 30.0);
  in.target_year = 2020;
  const auto r = assess_eustat(in);
  BOOST_TEST(r.at("latest_year") == 2020);
  BOOST_TEST(!r.warnings.empty());
  const auto one = assess_eustat(series({2020}, {5}, 1, 10.0));
  BOOST_TEST(one.label == "not_evaluated");
  BOOST_TEST(one.label_text == "No evaluado");
  BOOST_TEST(one.reason == "too_few_points");
  BOOST_TEST(one.other_labels.at("config").label == "noevaluado");
  eustat_params p;
  p.binary = true;
  BOOST_TEST(assess_eustat(series({2020}, {1}), p).at("score") == 3);
  BOOST_TEST(assess_eustat(series({2020}, {0}), p).at("score") == 1);
  p = {};
  p.manual = true;
  BOOST_TEST(assess_eustat(series({2015, 2020}, {1, 2}), p).reason == "manual");
}

// Base past the target (higher is better, target 50, 60 → 45, not met): v_e = 45·0.75² = 25.3125.
// Published R = (25.3125 − 60)/(50 − 60) = 3.46875 → 3 (inverted); ontrack d·(v_e − v_b)/|X − v_b|
// = −3.46875 → 1.
BOOST_AUTO_TEST_CASE(base_past_target) {
  const auto in = series({2015, 2020}, {60, 45}, 1, 50.0);
  BOOST_TEST(assess_eustat(in).at("ratio") == -3.46875, tt::tolerance(1e-12));
  BOOST_TEST(assess_eustat(in).at("score") == 1);
  eustat_params p;
  p.reproduce_base_past_target = true;
  BOOST_TEST(assess_eustat(in, p).at("ratio") == 3.46875, tt::tolerance(1e-12));
  BOOST_TEST(assess_eustat(in, p).at("score") == 3);
}

// Target = base (not met) → R divides by 0 → not evaluated. Target 0 (lower is better):
// 10 → 5: v_e = 5·0.5² = 1.25; R = −(1.25 − 10)/10 = 0.875 → 2. Zero/negative under CAGR.
BOOST_AUTO_TEST_CASE(pitfalls) {
  BOOST_TEST(assess_eustat(series({2015, 2020}, {50, 48}, 1, 50.0)).reason == "base_equals_target");
  const auto z = assess_eustat(series({2015, 2020}, {10, 5}, -1, 0.0));
  BOOST_TEST(z.at("ratio") == 0.875, tt::tolerance(1e-12));
  BOOST_TEST(z.at("score") == 2);
  BOOST_TEST(assess_eustat(series({2015, 2020}, {0, 5}, 1, 10.0)).reason == "base_zero");
  BOOST_TEST(assess_eustat(series({2015, 2020}, {-1, 5}, 1, 10.0)).reason == "sign_change");
  BOOST_TEST(assess_eustat(series({2015, 2015}, {1, 2})).reason == "duplicate_year");
  BOOST_CHECK_THROW(assess_eustat(series({2015, 2020}, {1, NAN})), std::invalid_argument);
}
