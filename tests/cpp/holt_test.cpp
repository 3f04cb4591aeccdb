// Holt / damped Holt as projections: the wrapper must carry ets.hpp's fit and forecasts
// unchanged into the common result type, and refuse years with gaps.
#define BOOST_TEST_MODULE holt
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <ontrack/project/holt.hpp>

namespace tt = boost::test_tools;
using namespace ontrack;

#if ONTRACK_HAS_ETS

namespace {
/// Australian air passengers 1990–2004 (fpp), 15 annual values.
void read_ausair(std::vector<int>& years, std::vector<double>& values) {
  const std::string path = std::string(ONTRACK_REFERENCE_DIR) + "/ets_r_forecast/ausair_fpp_1990_2004.csv";
  std::ifstream in(path);
  BOOST_REQUIRE_MESSAGE(in, "cannot open " + path);
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    std::istringstream ss(line);
    std::string year, value;
    std::getline(ss, year, ',');
    std::getline(ss, value, ',');
    years.push_back(std::stoi(year));
    values.push_back(std::stod(value));
  }
}
}  // namespace

BOOST_AUTO_TEST_CASE(wrapper_carries_the_ets_fit) {
  std::vector<int> years;
  std::vector<double> values;
  read_ausair(years, values);
  BOOST_REQUIRE_EQUAL(values.size(), 15u);
  for (bool damped : {false, true}) {
    BOOST_TEST_CONTEXT((damped ? "damped" : "holt")) {
      projection_options r_intervals;  // R's class-1 intervals: the model's own uncertainty
      r_intervals.uncertainty = uncertainty_kind::model;
      const auto p = damped ? project_damped_holt(years, values, 2010, r_intervals)
                            : project_holt(years, values, 2010, r_intervals);
      BOOST_REQUIRE(p.ok());
      BOOST_TEST(p.method == (damped ? model::damped_holt : model::holt));
      ets_options eo;
      eo.damped = damped;
      const Eigen::Map<const Eigen::VectorXd> y(values.data(), static_cast<Eigen::Index>(values.size()));
      const auto fit = fit_ets(y, eo);
      BOOST_TEST(p.param("alpha").value == fit.alpha);
      BOOST_TEST(p.param("beta").value == fit.beta);
      BOOST_TEST(p.loglik == fit.loglik);
      BOOST_TEST(p.aicc == fit.aicc);
      BOOST_TEST(p.sigma2 == fit.sigma2);
      BOOST_TEST(p.forecast.size() == 6u);  // 2005..2010
      for (int h = 1; h <= 6; ++h) {
        BOOST_TEST(p.predict(2004 + h) == fit.forecast_mean(h));
        const auto iv = p.interval(2004 + h, 0.95);
        const auto r = fit.forecast_interval(h, 0.95);
        BOOST_TEST(iv.first == r.first, tt::tolerance(1e-12));
        BOOST_TEST(iv.second == r.second, tt::tolerance(1e-12));
      }
      for (std::size_t i = 0; i < values.size(); ++i)
        BOOST_TEST(p.fitted[i] == fit.fitted[static_cast<Eigen::Index>(i)]);
      BOOST_TEST(std::isinf(p.at(2010).df));
      const auto i80 = p.interval(2010, 0.8), i95 = p.interval(2010, 0.95);
      BOOST_TEST(i95.first < i80.first);
      BOOST_TEST(i80.second < i95.second);
      BOOST_TEST(p.prob_at_least(p.predict(2010), 2010) == 0.5, tt::tolerance(1e-12));
    }
  }
}

BOOST_AUTO_TEST_CASE(fixed_parameters_pass_through) {
  std::vector<int> years;
  std::vector<double> values;
  read_ausair(years, values);
  projection_options opt;
  opt.alpha = 0.8;
  opt.beta = 0.16;  // ets beta = alpha·beta* with beta* = 0.2
  opt.phi = 0.9;    // ignored by holt, used by damped_holt
  const auto h = project_holt(years, values, 2008, opt);
  const auto d = project_damped_holt(years, values, 2008, opt);
  BOOST_REQUIRE(h.ok());
  BOOST_REQUIRE(d.ok());
  BOOST_TEST(h.param("alpha").value == 0.8);
  BOOST_TEST(h.param("beta").value == 0.16);
  BOOST_TEST(d.param("phi").value == 0.9);
  ets_options eo;
  eo.alpha = 0.8;
  eo.beta = 0.16;
  const Eigen::Map<const Eigen::VectorXd> y(values.data(), static_cast<Eigen::Index>(values.size()));
  BOOST_TEST(h.predict(2008) == fit_ets(y, eo).forecast_mean(4));
  opt.alpha = 1.5;  // inadmissible: ets.hpp refuses
  BOOST_CHECK_THROW(project_holt(years, values, 2008, opt), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(gaps_are_irregular_spacing) {
  const auto p = project_holt({2010, 2011, 2013, 2014, 2015}, {1.0, 2.0, 3.0, 4.0, 5.0}, 2020);
  BOOST_TEST(p.status == projection_status::irregular_spacing);
  BOOST_TEST(p.reason.find("2011 to 2013") != std::string::npos);
  BOOST_TEST(std::isnan(p.predict(2020)));
}

BOOST_AUTO_TEST_CASE(too_few_points_is_a_status) {
  // Two points pass the common checks; the ETS fit needs 3.
  const auto p = project_damped_holt({2019, 2020}, {1.0, 2.0}, 2025);
  BOOST_TEST(p.status == projection_status::too_few_points);
  BOOST_TEST(!p.reason.empty());
  BOOST_CHECK_THROW(project_holt({2020}, {1.0}, 2025), std::invalid_argument);
  BOOST_CHECK_THROW(project_holt({2019, 2020}, {1.0, NAN}, 2025), std::invalid_argument);
}

#else

BOOST_AUTO_TEST_CASE(without_ets_engine) {
  BOOST_CHECK_THROW(project_holt({2018, 2019, 2020}, {1.0, 2.0, 3.0}, 2025), std::logic_error);
}

#endif
