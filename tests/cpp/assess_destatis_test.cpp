// Destatis weather symbols: the three families, the 6-point / 5-year Δ with at least 4
// consecutive points, absolute vs relative change, every boundary side, the published reason
// sentences, the "worst symbol wins" aggregation and the pitfalls.
#define BOOST_TEST_MODULE assess_destatis
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <vector>

#include <ontrack/assess/destatis.hpp>

#include "assess_test_support.hpp"

namespace tt = boost::test_tools;
using namespace ontrack::assess;
using namespace ontrack::assess::testing;

namespace {
method_input annual(int first, std::vector<double> values, int direction = 1) {
  std::vector<int> years;
  for (std::size_t i = 0; i < values.size(); ++i) years.push_back(first + static_cast<int>(i));
  return series(std::move(years), std::move(values), direction);
}
}  // namespace

// Family 2 (no target): Δ = (x_2020 − x_2015)/5, δ = x_2020 − x_2019.
// 10, 11, 12, 13, 14, 16: Δ = 6/5 = 1.2 > 0, δ = 2 > 0 → sun.
// 10, 11, 12, 13, 15, 15: Δ = 1 > 0, δ = 0 (no change is not "right") → partly cloudy.
// 16, 15, 14, 13, 12, 13: Δ = −3/5 = −0.6, δ = 1 → cloudy. 16 … 11: both ≤ 0 → thunderstorm.
BOOST_AUTO_TEST_CASE(family_2_direction_only) {
  const auto sun = assess_destatis(annual(2015, {10, 11, 12, 13, 14, 16}));
  BOOST_TEST(sun.variant == "family_2");
  BOOST_TEST(sun.at("delta") == 1.2, tt::tolerance(1e-12));
  BOOST_TEST(sun.at("last_change") == 2.0);
  BOOST_TEST(sun.label == "sun");
  BOOST_TEST(sun.label_text == "Sonne");
  BOOST_TEST(contains(sun.message, "Sowohl der Durchschnittswert als auch die letzte"));
  const auto pc = assess_destatis(annual(2015, {10, 11, 12, 13, 15, 15}));
  BOOST_TEST(pc.label == "partly_cloudy");
  BOOST_TEST(pc.label_text == "Leicht bew\xC3\xB6lkt");
  BOOST_TEST(assess_destatis(annual(2015, {16, 15, 14, 13, 12, 13})).label == "cloudy");
  const auto th = assess_destatis(annual(2015, {16, 15, 14, 13, 12, 11}));
  BOOST_TEST(th.label == "thunderstorm");
  BOOST_TEST(th.label_text == "Blitz");
  BOOST_TEST(contains(th.message, "Weder Durchschnittswert"));
  // Lower is better flips both signs: the falling series is sunny.
  BOOST_TEST(assess_destatis(annual(2015, {16, 15, 14, 13, 12, 11}, -1)).label == "sun");
  // Stagnation: Δ = 0 is not the right direction; a tolerance widens "no change".
  BOOST_TEST(assess_destatis(annual(2015, {10, 10, 10, 10, 10, 11})).label == "sun");  // Δ 0.2, δ 1
  BOOST_TEST(assess_destatis(annual(2015, {10, 10, 10, 10, 10, 10})).label == "thunderstorm");
  destatis_params p;
  p.stagnation_tolerance = 0.5;  // Δ = 0.2 ≤ 0.5 counts as stagnation
  BOOST_TEST(assess_destatis(annual(2015, {10, 10, 10, 10, 10, 11}), p).label == "cloudy");
}

// Window: the last 6 points (5 changes); at least 4 consecutive annual values.
BOOST_AUTO_TEST_CASE(window_rules) {
  const auto r = assess_destatis(annual(2010, {0, 0, 0, 0, 0, 10, 11, 12, 13, 14, 15}));
  BOOST_TEST(r.years_used == (std::vector<int>{2015, 2016, 2017, 2018, 2019, 2020}));
  BOOST_TEST(r.at("delta") == 1.0);
  // 4 consecutive points: Δ = (x_Y − x_{Y−3})/3 = (13 − 10)/3 = 1.
  const auto four = assess_destatis(annual(2017, {10, 11, 12, 13}));
  BOOST_TEST(four.at("delta") == 1.0);
  BOOST_TEST(four.at("n_points") == 4);
  // 3 points → not assessable.
  const auto three = assess_destatis(annual(2018, {10, 11, 12}));
  BOOST_TEST(three.label == "not_assessable");
  BOOST_TEST(three.label_text == "Keine");
  BOOST_TEST(three.reason == "too_few_points");
  // Irregular years: 2014, 2016–2019 → the consecutive run 2016–2019 (4 points) is used.
  method_input gap;
  gap.years = {2014, 2016, 2017, 2018, 2019};
  gap.values = {0, 10, 11, 12, 13};
  BOOST_TEST(assess_destatis(gap).at("window_start") == 2016);
  gap.years = {2015, 2017, 2018, 2019};
  gap.values = {0, 11, 12, 13};
  BOOST_TEST(assess_destatis(gap).reason == "too_few_points");  // run of 3
  destatis_params p;
  p.require_consecutive = false;  // all points in 2014…2019 count: 4, Δ = (13 − 0)/4
  BOOST_TEST(assess_destatis(gap, p).at("delta") == 13.0 / 4);
  BOOST_TEST(assess_destatis(annual(2020, {5})).reason == "too_few_points");  // single point
}

// Relative change: 100 → 161.051 over 5 years (10 %/yr): Δ_rel = 1.61051^(1/5) − 1 = 0.1;
// absolute Δ = 61.051/5 = 12.2102. Zero values under the relative change → a reason.
BOOST_AUTO_TEST_CASE(absolute_and_relative_change) {
  const auto in = annual(2015, {100, 110, 121, 133.1, 146.41, 161.051});
  BOOST_TEST(assess_destatis(in).at("delta") == 12.2102, tt::tolerance(1e-12));
  destatis_params p;
  p.change = destatis_change::relative;
  BOOST_TEST(assess_destatis(in, p).at("delta") == 0.1, tt::tolerance(1e-12));
  BOOST_TEST(assess_destatis(in, p).at("last_change") == 0.1, tt::tolerance(1e-12));
  BOOST_TEST(assess_destatis(annual(2015, {0, 1, 2, 3, 4, 5}), p).reason == "base_zero");
  BOOST_TEST(assess_destatis(annual(2015, {-5, -4, -3, -2, -1, -0.5}), p).reason == "non_positive_value");
  BOOST_TEST(assess_destatis(annual(2015, {-5, -4, -3, -2, -1, -0.5})).label == "sun");  // absolute is fine
}

// Family 1 (target 20 by 2030, higher is better): P = x_2020 + Δ·10; g = (20 − P)/(20 − x_2020).
// 10 … 15: Δ = 1, P = 25, g = (20 − 25)/(20 − 15) = −1 < 0.05 → sun.
// 10, 10.5 … 12.5: Δ = 0.5, P = 17.5, g = 2.5/7.5 = 0.333 > 0.2, Δ > 0 → cloudy.
// 12.75 … 15 (Δ = 0.45): P = 19.5, g = 0.5/5 = 0.1 → partly cloudy.
// Falling: Δ ≤ 0 → thunderstorm.
BOOST_AUTO_TEST_CASE(family_1_target_and_year) {
  const auto sun = assess_destatis(with_target(annual(2015, {10, 11, 12, 13, 14, 15}), 20));
  BOOST_TEST(sun.variant == "family_1");
  BOOST_TEST(sun.at("projected_value") == 25.0);
  BOOST_TEST(sun.at("miss") == -1.0);
  BOOST_TEST(sun.label == "sun");
  BOOST_TEST(contains(sun.message, "Bei Fortsetzung der Entwicklung w\xC3\xBCrde der Zielwert erreicht"));
  const auto cl = assess_destatis(with_target(annual(2015, {10, 10.5, 11, 11.5, 12, 12.5}), 20));
  BOOST_TEST(cl.at("miss") == 1.0 / 3, tt::tolerance(1e-12));
  BOOST_TEST(cl.label == "cloudy");
  BOOST_TEST(contains(cl.message, "um mehr als 20 %"));
  const auto pc = assess_destatis(with_target(annual(2015, {12.75, 13.2, 13.65, 14.1, 14.55, 15}), 20));
  BOOST_TEST(pc.at("miss") == 0.1, tt::tolerance(1e-9));
  BOOST_TEST(pc.label == "partly_cloudy");
  BOOST_TEST(assess_destatis(with_target(annual(2015, {15, 14.8, 14.6, 14.4, 14.2, 14}), 20)).label ==
             "thunderstorm");
  BOOST_TEST(assess_destatis(with_target(annual(2015, {15, 15, 15, 15, 15, 15}), 20)).label == "thunderstorm");
}

// Sides: g < 0.05 → sun (0.05 itself is partly cloudy); g ≤ 0.20 → partly cloudy.
BOOST_AUTO_TEST_CASE(family_1_boundary_sides) {
  const auto in = with_target(annual(2015, {12.75, 13.2, 13.65, 14.1, 14.55, 15}), 20);
  const double g = assess_destatis(in).at("miss");
  destatis_params p;
  p.sun_below = g;
  BOOST_TEST(assess_destatis(in, p).label == "partly_cloudy");
  p.sun_below = std::nextafter(g, 1.0);
  BOOST_TEST(assess_destatis(in, p).label == "sun");
  p = {};
  p.partly_cloudy_up_to = g;
  BOOST_TEST(assess_destatis(in, p).label == "partly_cloudy");
  p.partly_cloudy_up_to = down(g);
  BOOST_TEST(assess_destatis(in, p).label == "cloudy");
}

// Lower is better, target 10 by 2030: 20 … 15 (Δ = −1): P = 5; g = −(10 − 5)/−(10 − 15) = −1 → sun.
// Target 0: 6 … 1 (Δ = −1): P = −9, g = −(0 + 9)/−(0 − 1) = −9 → sun.
BOOST_AUTO_TEST_CASE(family_1_lower_is_better_and_target_zero) {
  BOOST_TEST(assess_destatis(with_target(annual(2015, {20, 19, 18, 17, 16, 15}, -1), 10)).at("miss") == -1.0);
  const auto z = assess_destatis(with_target(annual(2015, {6, 5, 4, 3, 2, 1}, -1), 0));
  BOOST_TEST(z.at("miss") == -9.0);
  BOOST_TEST(z.label == "sun");
}

// Reached already (denominator ≤ 0): sun, or family 3's rules (option).
// Natural bound 100 %: 95 … 100 with target 100 → reached.
BOOST_AUTO_TEST_CASE(family_1_reached) {
  const auto in = with_target(annual(2015, {100, 100, 99, 99, 98, 97}, -1), 98);  // 97 ≤ 98, falling
  BOOST_TEST(assess_destatis(in).label == "sun");
  BOOST_TEST(!assess_destatis(in).component("miss"));
  auto worse = with_target(annual(2015, {90, 92, 95, 97, 99, 98}), 98);  // reached, Δ = 8/5 > 0 but last fell
  BOOST_TEST(assess_destatis(worse).label == "sun");
  auto rising = with_target(annual(2015, {103, 102, 101, 100, 99, 98}), 98);  // reached, Δ < 0
  destatis_params p;
  p.reached_is_sun = false;
  const auto f3 = assess_destatis(rising, p);
  BOOST_TEST(f3.label == "partly_cloudy");
  BOOST_TEST(f3.variant == "family_1/reached_as_family_3");
  BOOST_TEST(assess_destatis(with_target(annual(2015, {95, 96, 97, 98, 99, 100}), 100)).label == "sun");
}

// Family 3 (reach or keep X): reached & Δ ≥ 0 → sun; reached & Δ < 0 → partly cloudy; not
// reached & Δ > 0 → cloudy; not reached & Δ ≤ 0 → thunderstorm. A maintain kind or a target
// without a year selects it.
BOOST_AUTO_TEST_CASE(family_3_threshold) {
  const auto keep = [](std::vector<double> v) {
    return assess_destatis(with_target(annual(2015, std::move(v)), 50, std::nullopt, "maintain_at_least"));
  };
  const auto s = keep({50, 50, 50, 50, 50, 50});  // reached, Δ = 0 ≥ 0
  BOOST_TEST(s.variant == "family_3");
  BOOST_TEST(s.label == "sun");
  BOOST_TEST(contains(s.message, "Der Zielwert oder ein besserer Wert wurde im letzten Jahr erreicht und"));
  BOOST_TEST(keep({55, 54, 53, 52, 51, 50}).label == "partly_cloudy");
  BOOST_TEST(keep({40, 41, 42, 43, 44, 45}).label == "cloudy");
  BOOST_TEST(keep({45, 45, 45, 45, 45, 45}).label == "thunderstorm");
  // Target without a year → family 3 too.
  BOOST_TEST(assess_destatis(with_target(annual(2015, {40, 41, 42, 43, 44, 45}), 50, std::nullopt)).variant ==
             "family_3");
  // Band 50 ± 2: 51 and one more year of Δ = 0.2 stays in → sun; 49.5 rising towards → cloudy.
  auto band = with_target(annual(2015, {50, 50.2, 50.4, 50.6, 50.8, 51}), 50, std::nullopt, "band");
  band.band_width = 2.0;
  BOOST_TEST(assess_destatis(band).label == "sun");
  band.values = {45, 46, 47, 48, 49, 47.9};  // not in the band, Δ = 0.58 towards it
  BOOST_TEST(assess_destatis(band).label == "cloudy");
}

BOOST_AUTO_TEST_CASE(sentences_english_and_past_tense) {
  destatis_params p;
  p.english = true;
  const auto en = assess_destatis(annual(2015, {10, 11, 12, 13, 14, 16}), p);
  BOOST_TEST(en.message == "Both the average value and the last annual change point in the right direction.");
  p.past_tense = true;
  p.english = false;
  const auto past = assess_destatis(annual(2015, {10, 11, 12, 13, 14, 16}), p);
  BOOST_TEST(contains(past.message, "deuteten in 2020 in die richtige Richtung"));
}

// "The most negative evaluation determines the weather symbol"; not assessed ones are left out.
BOOST_AUTO_TEST_CASE(aggregation_worst_symbol) {
  const auto sun = assess_destatis(annual(2015, {10, 11, 12, 13, 14, 16}));
  const auto pc = assess_destatis(annual(2015, {10, 11, 12, 13, 15, 15}));
  const auto cl = assess_destatis(annual(2015, {16, 15, 14, 13, 12, 13}));
  const auto na = assess_destatis(annual(2020, {1}));
  const auto a = aggregate_destatis({sun, cl, pc, na});
  BOOST_TEST(a.label == "cloudy");
  BOOST_TEST(a.message == cl.message);
  BOOST_TEST(a.at("n_sun") == 1);
  BOOST_TEST(aggregate_destatis({sun, pc}).label == "partly_cloudy");
  BOOST_TEST(aggregate_destatis({na}).label == "not_assessable");
}

BOOST_AUTO_TEST_CASE(caller_errors_and_target_trouble) {
  destatis_params p;
  p.family = 4;
  BOOST_CHECK_THROW(assess_destatis(annual(2015, {1, 2, 3, 4}), p), std::invalid_argument);
  p.family = 1;
  BOOST_TEST(assess_destatis(annual(2015, {1, 2, 3, 4}), p).reason == "no_target");
  auto bad = annual(2015, {1, 2, 3, 4});
  bad.target_type = "sideways";
  BOOST_CHECK_THROW(assess_destatis(bad), std::invalid_argument);
  // Target year already past: P = x_Y, g = 1 → cloudy when moving towards it.
  BOOST_TEST(assess_destatis(with_target(annual(2015, {10, 11, 12, 13, 14, 15}), 20, 2019)).label == "cloudy");
}
