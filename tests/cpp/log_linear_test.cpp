// Log-linear trend: growth rates on series with known growth, the ARR helper, domain errors.
#define BOOST_TEST_MODULE log_linear
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <string>
#include <vector>

#include <ontrack/project/log_linear.hpp>

namespace tt = boost::test_tools;
constexpr double kPi = 3.14159265358979323846;
using namespace ontrack;

// y_t = 200 · 0.95^(t − 2010), t = 2010..2019: a 5% decline a year, exactly.
//   log y_t = log 200 + (t − 2010)·ln 0.95, so the OLS slope on log y is ln 0.95 = −0.0512932944,
//   CAGR = e^slope − 1 = 0.95 − 1 = −0.05, AARR = 100·(1 − e^slope) = 100·0.05 = 5 (percent),
//   the fit is perfect (residual SD 0), and 2030 is 20 years after 2010: 200·0.95²⁰ = 200·0.358485922... = 71.6971844...
BOOST_AUTO_TEST_CASE(constant_decline_recovers_cagr_and_aarr) {
  std::vector<int> years;
  std::vector<double> values;
  for (int t = 2010; t <= 2019; ++t) {
    years.push_back(t);
    values.push_back(200.0 * std::pow(0.95, t - 2010));
  }
  const auto p = project_log_linear(years, values, 2030);
  BOOST_REQUIRE(p.ok());
  BOOST_TEST(p.param("slope").value == std::log(0.95), tt::tolerance(1e-12));
  BOOST_TEST(p.param("cagr").value == -0.05, tt::tolerance(1e-12));
  BOOST_TEST(p.param("aarr_percent").value == 5.0, tt::tolerance(1e-12));
  BOOST_TEST(p.predict(2030) == 200.0 * std::pow(0.95, 20), tt::tolerance(1e-12));
  BOOST_TEST(p.predict(2030) == 71.69718448170838, tt::tolerance(1e-12));
  BOOST_TEST(p.param("residual_sd").value < 1e-14);
  BOOST_TEST(cagr_from_log_slope(std::log(1.1)) == 0.1, tt::tolerance(1e-14));
  BOOST_TEST(aarr_from_log_slope(std::log(0.9)) == 10.0, tt::tolerance(1e-12));
}

// With noise the interval is Student-t on the log scale: exp(loc ± q·se), never below zero, and
// asymmetric around the median on the value scale (upper − median > median − lower).
BOOST_AUTO_TEST_CASE(noisy_decline_interval_is_multiplicative) {
  const std::vector<int> years{2012, 2013, 2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021};
  const std::vector<double> values{30.1, 28.2, 27.9, 25.1, 24.6, 22.0, 22.4, 19.8, 19.5, 17.4};
  const auto p = project_log_linear(years, values, 2030);
  const double med = p.predict(2030);
  const auto iv = p.interval(2030, 0.95);
  BOOST_TEST(iv.first > 0.0);
  BOOST_TEST(iv.first < med);
  BOOST_TEST(med < iv.second);
  BOOST_TEST(iv.second - med > med - iv.first);
  // The median is exp(location); P(Y <= median) = 1/2.
  BOOST_TEST(med == std::exp(p.at(2030).location), tt::tolerance(1e-14));
  BOOST_TEST(p.prob_at_most(med, 2030) == 0.5, tt::tolerance(1e-12));
  // Nesting and monotone probabilities.
  const auto i80 = p.interval(2030, 0.8);
  BOOST_TEST(iv.first < i80.first);
  BOOST_TEST(i80.second < iv.second);
  double prev = 0.0;
  for (double v = 1.0; v < 40.0; v += 0.5) {
    const double q = p.prob_at_most(v, 2030);
    BOOST_TEST(q >= prev);
    prev = q;
  }
  // Delta-method SE of the CAGR: e^b·se(b).
  const auto& b = p.param("slope");
  BOOST_TEST(p.param("cagr").std_error == std::exp(b.value) * b.std_error, tt::tolerance(1e-14));
  BOOST_TEST(p.observed_annual_change < 0.0);
  // Residuals are on the log scale.
  BOOST_TEST(p.residuals[0] == std::log(values[0]) - std::log(p.fitted[0]), tt::tolerance(1e-9));
}

// −ln(81/100)/2 = −ln(0.9²)/2 = −ln 0.9 = 0.105360515657826...
BOOST_AUTO_TEST_CASE(two_point_arr_helper) {
  BOOST_TEST(two_point_arr(100.0, 2010, 81.0, 2012) == -std::log(0.9), tt::tolerance(1e-14));
  BOOST_TEST(two_point_arr(100.0, 2010, 81.0, 2012) == 0.10536051565782628, tt::tolerance(1e-14));
  BOOST_CHECK_THROW(two_point_arr(0.0, 2010, 81.0, 2012), std::invalid_argument);
  BOOST_CHECK_THROW(two_point_arr(10.0, 2010, -1.0, 2012), std::invalid_argument);
  BOOST_CHECK_THROW(two_point_arr(10.0, 2010, 8.0, 2010), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(non_positive_value_is_outside_domain_with_year_and_value) {
  const auto p = project_log_linear({2015, 2016, 2017, 2018}, {4.0, 3.0, -1.5, 2.0}, 2030);
  BOOST_TEST(p.status == projection_status::outside_domain);
  BOOST_TEST(p.reason.find("2017") != std::string::npos);
  BOOST_TEST(p.reason.find("-1.5") != std::string::npos);
  BOOST_TEST(std::isnan(p.predict(2030)));
  const auto z = project_log_linear({2015, 2016, 2017}, {4.0, 0.0, 2.0}, 2030);
  BOOST_TEST(z.status == projection_status::outside_domain);
  BOOST_TEST(z.reason.find("2016") != std::string::npos);
  // Caller errors still throw.
  BOOST_CHECK_THROW(project_log_linear({2015}, {4.0}, 2030), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(loglik_is_on_the_value_scale) {
  // loglik = Gaussian loglik of log y at the MLE, minus Σ log y (the Jacobian).
  const std::vector<int> years{2015, 2016, 2017, 2018, 2019};
  const std::vector<double> values{10.0, 9.1, 8.6, 7.5, 7.1};
  const auto p = project_log_linear(years, values, 2020);
  double rss = 0.0, jac = 0.0;
  for (std::size_t i = 0; i < values.size(); ++i) {
    rss += p.residuals[i] * p.residuals[i];
    jac += std::log(values[i]);
  }
  const double ll = -2.5 * (std::log(2 * kPi * rss / 5) + 1) - jac;
  BOOST_TEST(p.loglik == ll, tt::tolerance(1e-10));
}
