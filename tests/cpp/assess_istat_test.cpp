// ISTAT / ASTAT mode: the five CAGR bands with their boundary sides, the reversal for negative
// polarity (literal, and the d·CAGR option whose inclusive sides move), windows and pitfalls.
#define BOOST_TEST_MODULE assess_istat
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <vector>

#include <ontrack/assess/istat.hpp>

#include "assess_test_support.hpp"

namespace tt = boost::test_tools;
using namespace ontrack::assess;
using namespace ontrack::assess::testing;

// One-year changes: CAGR = y_1/y_0 − 1. 10 % > 5 % clear improvement; 3 % in (1 %, 5 %] slight;
// 0.5 % in (−1 %, 1 %] stable; −2 % in (−5 %, −1 %] slight worsening; −10 % ≤ −5 % clear worsening.
BOOST_AUTO_TEST_CASE(bands_positive_polarity) {
  const auto r = assess_istat(series({2019, 2020}, {100, 110}));
  BOOST_TEST(r.at("cagr_actual") == 0.1, tt::tolerance(1e-12));
  BOOST_TEST(r.label == "clear_improvement");
  BOOST_TEST(r.label_text == "clear improvement");
  BOOST_TEST(assess_istat(series({2019, 2020}, {100, 103})).label == "slight_improvement");
  BOOST_TEST(assess_istat(series({2019, 2020}, {100, 100.5})).label == "stable");
  BOOST_TEST(assess_istat(series({2019, 2020}, {100, 98})).label == "slight_worsening");
  BOOST_TEST(assess_istat(series({2019, 2020}, {100, 90})).label == "clear_worsening");
}

// Sides: CAGR == slight → stable ((−1 %, 1 %] includes 1 %); CAGR == −slight → slight worsening;
// CAGR == clear → slight improvement; CAGR == −clear → clear worsening.
BOOST_AUTO_TEST_CASE(boundary_sides) {
  const auto in = series({2019, 2020}, {100, 101});
  const double c = assess_istat(in).at("cagr_actual");
  istat_params p;
  p.slight = c;
  BOOST_TEST(assess_istat(in, p).label == "stable");
  p.slight = toward_zero(c);
  BOOST_TEST(assess_istat(in, p).label == "slight_improvement");
  p = {};
  p.clear = c;
  p.slight = 0.001;
  BOOST_TEST(assess_istat(in, p).label == "slight_improvement");  // (slight, clear] includes clear
  const auto dn = series({2019, 2020}, {100, 99});
  const double m = -assess_istat(dn).at("cagr_actual");  // ≈ 0.01
  p = {};
  p.slight = m;
  BOOST_TEST(assess_istat(dn, p).label == "slight_worsening");  // −slight is in (−5 %, −1 %]
  p.clear = m;
  p.slight = 0.001;
  BOOST_TEST(assess_istat(dn, p).label == "clear_worsening");  // ≤ −clear
}

// Negative polarity: "the scale applies in the opposite way". Literal: classes reversed on the
// raw CAGR, so CAGR == −1 % exactly is slight improvement; with bands on d·CAGR, d·CAGR = +1 %
// is stable (the inclusive side moves).
BOOST_AUTO_TEST_CASE(negative_polarity) {
  BOOST_TEST(assess_istat(series({2019, 2020}, {100, 110}, -1)).label == "clear_worsening");
  BOOST_TEST(assess_istat(series({2019, 2020}, {100, 90}, -1)).label == "clear_improvement");
  BOOST_TEST(assess_istat(series({2019, 2020}, {100, 98}, -1)).label == "slight_improvement");
  const auto in = series({2019, 2020}, {100, 99}, -1);
  const double m = -assess_istat(in).at("cagr_actual");
  istat_params p;
  p.slight = m;  // CAGR == −slight
  BOOST_TEST(assess_istat(in, p).label == "slight_improvement");
  p.signed_rate_bands = true;  // d·CAGR == +slight → stable
  BOOST_TEST(assess_istat(in, p).label == "stable");
}

// Window: 0 = from the start of the series (ASTAT). Irregular years: 2003 → 2020 over 17 years.
BOOST_AUTO_TEST_CASE(windows_and_irregular_years) {
  const auto r = assess_istat(series({2003, 2011, 2020}, {100, 50, 200}));
  BOOST_TEST(r.at("base_year") == 2003);
  BOOST_TEST(r.at("cagr_actual") == std::pow(2.0, 1.0 / 17) - 1, tt::tolerance(1e-12));
  BOOST_TEST(r.label == "slight_improvement");  // 4.16 %
  istat_params p;
  p.window_years = 10;  // first observation ≥ 2010: 2011
  BOOST_TEST(assess_istat(series({2003, 2011, 2020}, {100, 50, 200}), p).at("base_year") == 2011);
  BOOST_TEST(assess_istat(series({2003, 2011, 2020}, {100, 50, 200}), p).variant == "10_years");
}

BOOST_AUTO_TEST_CASE(pitfalls) {
  BOOST_TEST(assess_istat(series({2020}, {5})).reason == "too_few_points");
  BOOST_TEST(assess_istat(series({2015, 2020}, {0, 5})).reason == "base_zero");
  BOOST_TEST(assess_istat(series({2015, 2020}, {2, -5})).reason == "sign_change");
  BOOST_TEST(assess_istat(series({2015, 2020}, {-2, -5})).reason == "non_positive_value");
  BOOST_TEST(assess_istat(series({2015, 2020}, {-2, -5})).label == "not_assessable");
  // A natural bound does not matter to ISTAT: 99.5 → 100 is 0.50 %/yr → stable; 99 → 100 is
  // 1.01 %/yr → slight improvement, however close to the 100 % ceiling.
  BOOST_TEST(assess_istat(series({2019, 2020}, {99.5, 100})).label == "stable");
  BOOST_TEST(assess_istat(series({2019, 2020}, {99, 100})).label == "slight_improvement");
}
