// Logit trend: bounds respected, values at/outside the bounds reported, nudging never silent.
#define BOOST_TEST_MODULE logit
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <string>
#include <vector>

#include <ontrack/project/logit.hpp>

namespace tt = boost::test_tools;
using namespace ontrack;

namespace {
double expit(double z) { return 1.0 / (1.0 + std::exp(-z)); }
}  // namespace

// y_t = 100·expit(−1 + 0.2(t − 2010)) for t = 2010..2017 is exactly linear on the logit scale
// (bounds [0, 100]): slope 0.2, and in 2030 logit = −1 + 0.2·20 = 3, so
// y_2030 = 100·expit(3) = 100/(1 + e^−3) = 95.2574126822...
BOOST_AUTO_TEST_CASE(recovers_an_exact_logit_line) {
  std::vector<int> years;
  std::vector<double> values;
  for (int t = 2010; t <= 2017; ++t) {
    years.push_back(t);
    values.push_back(100.0 * expit(-1.0 + 0.2 * (t - 2010)));
  }
  const auto p = project_logit(years, values, 2030);
  BOOST_REQUIRE(p.ok());
  BOOST_TEST(p.param("slope").value == 0.2, tt::tolerance(1e-12));
  BOOST_TEST(p.predict(2030) == 95.25741268224334, tt::tolerance(1e-12));
  BOOST_TEST(p.param("lower_bound").value == 0.0);
  BOOST_TEST(p.param("upper_bound").value == 100.0);
}

// A coverage series rising fast towards 100%: far ahead, a straight line would pass 100; the
// logit projection and its intervals stay strictly inside (lower, upper).
BOOST_AUTO_TEST_CASE(projections_and_intervals_never_leave_the_bounds) {
  const std::vector<int> years{2014, 2015, 2016, 2017, 2018, 2019, 2020};
  const std::vector<double> values{71.0, 76.5, 80.2, 85.0, 87.9, 90.8, 92.1};
  projection_options opt;
  opt.lower_bound = 0.0;
  opt.upper_bound = 100.0;
  const auto p = project_logit(years, values, 2060, opt);
  BOOST_REQUIRE(p.ok());
  for (int year = 2021; year <= 2060; ++year) {
    const auto iv = p.interval(year, 0.99);
    BOOST_TEST(iv.first > 0.0);
    BOOST_TEST(iv.second <= 100.0);
    BOOST_TEST(p.predict(year) < 100.0);
    BOOST_TEST(p.interval(year, 0.8).first >= iv.first);
  }
  BOOST_TEST(p.prob_at_least(100.0, 2030) == 0.0);
  BOOST_TEST(p.prob_at_least(120.0, 2030) == 0.0);
  BOOST_TEST(p.prob_at_most(0.0, 2030) == 0.0);
  BOOST_TEST(p.prob_at_least(0.0, 2030) == 1.0);
  double prev = 1.0;
  for (double v = 80.0; v < 100.0; v += 0.1) {
    const double q = p.prob_at_least(v, 2030);
    BOOST_TEST(q <= prev);
    prev = q;
  }
}

BOOST_AUTO_TEST_CASE(custom_bounds) {
  // A score bounded in [1, 5].
  projection_options opt;
  opt.lower_bound = 1.0;
  opt.upper_bound = 5.0;
  const auto p = project_logit({2016, 2017, 2018, 2019, 2020}, {2.0, 2.4, 2.7, 3.2, 3.4}, 2040, opt);
  BOOST_REQUIRE(p.ok());
  BOOST_TEST(p.interval(2040, 0.95).second < 5.0);
  BOOST_TEST(p.interval(2040, 0.95).first > 1.0);
  opt.lower_bound = 5.0;
  BOOST_CHECK_THROW(project_logit({2019, 2020}, {2.0, 3.0}, 2030, opt), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(values_at_or_outside_bounds) {
  // Exactly at the bound: outside_domain by default, naming the year and value.
  const auto at = project_logit({2018, 2019, 2020}, {97.0, 99.0, 100.0}, 2030);
  BOOST_TEST(at.status == projection_status::outside_domain);
  BOOST_TEST(at.reason.find("2020") != std::string::npos);
  BOOST_TEST(at.reason.find("100") != std::string::npos);
  BOOST_TEST(at.reason.find("boundary_nudge") != std::string::npos);
  // Outside: outside_domain even with nudging.
  projection_options nudge;
  nudge.boundary_nudge = 0.001;
  const auto out = project_logit({2018, 2019, 2020}, {97.0, 101.0, 99.0}, 2030, nudge);
  BOOST_TEST(out.status == projection_status::outside_domain);
  BOOST_TEST(out.reason.find("2019") != std::string::npos);
  BOOST_TEST(out.reason.find("101") != std::string::npos);
  // Nudged: ok, and the reason lists what was moved (100 → 99.9 with nudge 0.001 of 100).
  const auto moved = project_logit({2018, 2019, 2020}, {97.0, 99.0, 100.0}, 2030, nudge);
  BOOST_TEST(moved.ok());
  BOOST_TEST(moved.reason.find("nudged") != std::string::npos);
  BOOST_TEST(moved.reason.find("2020 (100 → 99.9)") != std::string::npos);
  BOOST_TEST(moved.values.back() == 100.0);  // the observed value is reported unchanged
  BOOST_TEST(std::isfinite(moved.loglik));
  nudge.boundary_nudge = 0.7;
  BOOST_CHECK_THROW(project_logit({2019, 2020}, {2.0, 3.0}, 2030, nudge), std::invalid_argument);
}
