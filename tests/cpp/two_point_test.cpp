// Two-point CAGR extrapolation: the formula on a worked example, and every edge case gives a
// status and a reason naming the years and values — never a silent NaN.
#define BOOST_TEST_MODULE two_point
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <string>
#include <vector>

#include <ontrack/project/two_point.hpp>

namespace tt = boost::test_tools;
using namespace ontrack;

// 100 in 2015 → 121 in 2017: r = (121/100)^(1/2) − 1 = 1.1 − 1 = 0.10.
// 2020 is 3 years after 2017: 121·1.1³ = 121·1.331 = 161.051.
// The value in 2016 (which is ignored) does not matter.
BOOST_AUTO_TEST_CASE(worked_example) {
  const auto p = project_two_point({2015, 2016, 2017}, {100.0, 500.0, 121.0}, 2020);
  BOOST_REQUIRE(p.ok());
  BOOST_TEST(p.param("cagr").value == 0.10, tt::tolerance(1e-14));
  BOOST_TEST(p.param("arr").value == -std::log(1.1), tt::tolerance(1e-14));
  BOOST_TEST(p.predict(2018) == 133.1, tt::tolerance(1e-13));
  BOOST_TEST(p.predict(2020) == 161.051, tt::tolerance(1e-13));
  BOOST_TEST(p.n == 2);
  BOOST_TEST(p.years == (std::vector<int>{2015, 2017}));
  BOOST_TEST(p.observed_annual_change == 10.5, tt::tolerance(1e-14));  // (121 − 100)/2
  // A point extrapolation: no interval, no probability (deliberately NaN), and said so.
  BOOST_TEST(std::isnan(p.interval(2020, 0.95).first));
  BOOST_TEST(std::isnan(p.prob_at_least(150.0, 2020)));
  BOOST_TEST(p.reason.find("without an interval") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(base_year_option) {
  projection_options opt;
  opt.base_year = 2016;
  // 80 (2016) → 64.8 (2018): r = √0.81 − 1 = −0.1.
  const auto p = project_two_point({2015, 2016, 2017, 2018}, {100.0, 80.0, 70.0, 64.8}, 2020, opt);
  BOOST_TEST(p.param("cagr").value == -0.1, tt::tolerance(1e-13));
  BOOST_TEST(p.predict(2020) == 64.8 * 0.81, tt::tolerance(1e-13));
  opt.base_year = 2010;  // not a year of the data
  BOOST_CHECK_THROW(project_two_point({2015, 2018}, {1.0, 2.0}, 2020, opt), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(zero_and_negative_values_give_reasons) {
  const auto zero = project_two_point({2015, 2020}, {0.0, 5.0}, 2030);
  BOOST_TEST(zero.status == projection_status::outside_domain);
  BOOST_TEST(zero.reason.find("0 in 2015") != std::string::npos);
  BOOST_TEST(zero.reason.find("5 in 2020") != std::string::npos);
  const auto neg = project_two_point({2015, 2020}, {3.0, -2.5}, 2030);
  BOOST_TEST(neg.status == projection_status::outside_domain);
  BOOST_TEST(neg.reason.find("-2.5 in 2020") != std::string::npos);
  BOOST_TEST(!neg.reason.empty());
  BOOST_TEST(std::isnan(neg.predict(2030)));  // NaN only with a non-ok status and its reason
}

BOOST_AUTO_TEST_CASE(zero_span_is_degenerate) {
  projection_options opt;
  opt.base_year = 2020;
  const auto p = project_two_point({2015, 2020}, {3.0, 4.0}, 2030, opt);
  BOOST_TEST(p.status == projection_status::degenerate);
  BOOST_TEST(p.reason.find("2020") != std::string::npos);
  // Caller errors throw.
  BOOST_CHECK_THROW(project_two_point({2020}, {3.0}, 2030), std::invalid_argument);
  BOOST_CHECK_THROW(project_two_point({2020, 2020}, {3.0, 4.0}, 2030), std::invalid_argument);
  BOOST_CHECK_THROW(project_two_point({2019, 2020}, {3.0, 4.0}, 2019), std::invalid_argument);
}
