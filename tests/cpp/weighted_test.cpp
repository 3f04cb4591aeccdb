// ESCAP weighted geometric extrapolation on a small worked example.
#define BOOST_TEST_MODULE weighted
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <string>
#include <vector>

#include <ontrack/project/weighted.hpp>

namespace tt = boost::test_tools;
using namespace ontrack;

// Years 2015..2018, values 100, 110, 115, 120, target year T = 2020, t_min = 2015:
//   w_2016 = (2020 − 2015)/(2020 − 2016) = 5/4 = 1.25
//   w_2017 = 5/3              = 1.6666...
//   w_2018 = 5/2              = 2.5
//   W = 1.25 + 5/3 + 2.5 = 65/12 = 5.41666... (consecutive years: Σ w_i)
//   Π (I_i/I_{i−1})^{w_i} = 1.1^1.25 · (115/110)^(5/3) · (120/115)^2.5
//                         = 1.1265251 · 1.0768997 · 1.1122656 = 1.3493500...
//   Î_2020 = 120 · 1.3493500^((2020 − 2018)/W) = 120 · 1.3493500^(24/65) = 134.03779...
// The expression below evaluates exactly that product form.
BOOST_AUTO_TEST_CASE(worked_example) {
  const std::vector<int> years{2015, 2016, 2017, 2018};
  const std::vector<double> values{100.0, 110.0, 115.0, 120.0};
  const auto p = project_weighted(years, values, 2020);
  BOOST_REQUIRE(p.ok());
  const double w1 = 5.0 / 4.0, w2 = 5.0 / 3.0, w3 = 5.0 / 2.0, W = w1 + w2 + w3;
  const double prod = std::pow(1.1, w1) * std::pow(115.0 / 110.0, w2) * std::pow(120.0 / 115.0, w3);
  const double expected = 120.0 * std::pow(prod, 2.0 / W);
  BOOST_TEST(W == 65.0 / 12.0, tt::tolerance(1e-15));
  BOOST_TEST(prod == 1.34935005, tt::tolerance(1e-8));
  BOOST_TEST(expected == 134.037791, tt::tolerance(1e-8));
  BOOST_TEST(p.predict(2020) == expected, tt::tolerance(1e-13));
  BOOST_TEST(p.param("weight_sum").value == W, tt::tolerance(1e-14));
  BOOST_TEST(p.param("cagr").value == std::pow(prod, 1.0 / W) - 1.0, tt::tolerance(1e-13));
  // 2019 lies on the same path: one year of growth.
  BOOST_TEST(p.predict(2019) == 120.0 * std::pow(prod, 1.0 / W), tt::tolerance(1e-13));
  // Point extrapolation: the interval is NaN by design.
  BOOST_TEST(std::isnan(p.interval(2020, 0.95).first));
  BOOST_TEST(std::isnan(p.prob_at_most(130.0, 2020)));
}

// With a gap the growth over the gap is spread over its years: W = Σ w_i·(t_i − t_{i−1}).
// Years 2010, 2012, 2013; values 100, 121, 133.1 (10% a year throughout); T = 2016:
//   w_2012 = 6/4 = 1.5, w_2013 = 6/3 = 2; W = 1.5·2 + 2·1 = 5;
//   Σ w ln ratio = 1.5·ln 1.21 + 2·ln 1.1 = 5·ln 1.1, so g = ln 1.1: growth stays 10% a year.
BOOST_AUTO_TEST_CASE(gaps_keep_a_per_year_rate) {
  const auto p = project_weighted({2010, 2012, 2013}, {100.0, 121.0, 133.1}, 2016);
  BOOST_TEST(p.param("weight_sum").value == 5.0, tt::tolerance(1e-14));
  BOOST_TEST(p.param("cagr").value == 0.1, tt::tolerance(1e-13));
  BOOST_TEST(p.predict(2016) == 133.1 * 1.331, tt::tolerance(1e-13));
}

BOOST_AUTO_TEST_CASE(deadline_at_last_year_and_domain) {
  const auto p = project_weighted({2015, 2016, 2017}, {10.0, 11.0, 12.0}, 2017);
  BOOST_TEST(p.predict(2017) == 12.0, tt::tolerance(1e-14));
  BOOST_TEST(p.param("weighted_growth").value == std::log(12.0 / 11.0), tt::tolerance(1e-14));
  const auto bad = project_weighted({2015, 2016, 2017}, {10.0, 0.0, 12.0}, 2030);
  BOOST_TEST(bad.status == projection_status::outside_domain);
  BOOST_TEST(bad.reason.find("0 in 2016") != std::string::npos);
  BOOST_CHECK_THROW(project_weighted({2015}, {10.0}, 2030), std::invalid_argument);
}
