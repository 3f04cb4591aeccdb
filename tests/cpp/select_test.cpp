// Automatic model choice: the documented rule, its reasons, determinism; and model dispatch.
#define BOOST_TEST_MODULE select
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <string>
#include <vector>

#include <ontrack/project/select.hpp>

namespace tt = boost::test_tools;
using namespace ontrack;

namespace {
bool has_candidate(const selection& s, model m) {
  for (const auto& c : s.candidates)
    if (c.method == m) return true;
  return false;
}
const candidate_score& candidate(const selection& s, model m) {
  for (const auto& c : s.candidates)
    if (c.method == m) return c;
  throw std::out_of_range("no such candidate");
}
std::vector<int> years_from(int first, int count) {
  std::vector<int> y;
  for (int i = 0; i < count; ++i) y.push_back(first + i);
  return y;
}
}  // namespace

// A steady 15% decline a year with ±1% multiplicative wobble: the log-linear model forecasts
// each next year far better than a straight line.
BOOST_AUTO_TEST_CASE(geometric_decline_chooses_log_linear) {
  const auto years = years_from(2008, 13);
  std::vector<double> values;
  for (int k = 0; k < 13; ++k) values.push_back(400.0 * std::pow(0.85, k) * (k % 2 ? 1.01 : 0.99));
  projection_options opt;
  opt.auto_consider_ets = false;
  const auto s = select_model(years, values, 2030, opt);
  BOOST_TEST(s.chosen == model::log_linear);
  BOOST_TEST(s.result.method == model::log_linear);
  BOOST_TEST(s.result.ok());
  BOOST_TEST(candidate(s, model::log_linear).mae < candidate(s, model::linear).mae);
  BOOST_TEST(candidate(s, model::linear).origins == 6);  // the later half: origins k = 7..12
  BOOST_TEST(s.why.find("auto chose log_linear") != std::string::npos);
  BOOST_TEST(s.why.find("6 rolling origins (forecasting 2015–2020") != std::string::npos);
  BOOST_TEST(s.result.reason.find("auto chose log_linear") == 0u);
  // The projection is the log-linear one on all the data.
  BOOST_TEST(s.result.predict(2030) == project_log_linear(years, values, 2030).predict(2030));
}

// A straight line with additive wobble: linear wins.
BOOST_AUTO_TEST_CASE(straight_line_chooses_linear) {
  const auto years = years_from(2010, 11);
  std::vector<double> values;
  for (int k = 0; k < 11; ++k) values.push_back(5.0 + 3.0 * k + (k % 2 ? 0.2 : -0.2));
  projection_options opt;
  opt.auto_consider_ets = false;
  const auto s = select_model(years, values, 2030, opt);
  BOOST_TEST(s.chosen == model::linear);
  BOOST_TEST(has_candidate(s, model::log_linear));
}

BOOST_AUTO_TEST_CASE(rule_is_deterministic_and_ties_go_to_the_simpler_model) {
  const auto years = years_from(2012, 8);
  const std::vector<double> flat(8, 42.0);
  const auto a = select_model(years, flat, 2030);
  const auto b = select_model(years, flat, 2030);
  BOOST_TEST(a.chosen == model::linear);  // every candidate forecasts 42 exactly: a tie
  BOOST_TEST(a.why == b.why);
  BOOST_TEST(a.result.predict(2030) == b.result.predict(2030));
  const std::vector<double> wiggly{3.1, 3.9, 4.2, 5.5, 5.1, 6.8, 7.0, 7.7};
  const auto c = select_model(years, wiggly, 2030), d = select_model(years, wiggly, 2030);
  BOOST_TEST(c.chosen == d.chosen);
  BOOST_TEST(c.why == d.why);
  BOOST_TEST(c.result.interval(2030, 0.9).first == d.result.interval(2030, 0.9).first);
}

BOOST_AUTO_TEST_CASE(candidates_follow_the_domain) {
  const auto years = years_from(2012, 6);
  const std::vector<double> with_negative{-1.0, 0.5, 1.2, 2.0, 2.4, 3.3};
  const auto s = select_model(years, with_negative, 2030);
  BOOST_TEST(!has_candidate(s, model::log_linear));
  BOOST_TEST(!has_candidate(s, model::logit));
  const std::vector<double> share{61.0, 66.0, 70.5, 74.0, 77.9, 80.2};
  BOOST_TEST(!has_candidate(select_model(years, share, 2030), model::logit));  // off by default
  projection_options opt;
  opt.auto_consider_logit = true;
  BOOST_TEST(has_candidate(select_model(years, share, 2030, opt), model::logit));
  opt.upper_bound = 80.0;  // 80.2 is outside: logit cannot compete
  BOOST_TEST(!has_candidate(select_model(years, share, 2030, opt), model::logit));
}

BOOST_AUTO_TEST_CASE(too_few_points_default_to_linear_and_say_so) {
  const auto s = select_model({2018, 2019, 2020}, {1.0, 2.0, 2.5}, 2030);
  BOOST_TEST(s.chosen == model::linear);
  BOOST_TEST(s.why.find("too few") != std::string::npos);
  BOOST_TEST(s.result.ok());
  BOOST_CHECK_THROW(select_model({2020}, {1.0}, 2030), std::invalid_argument);
  BOOST_CHECK_THROW(select_model({2019, 2020}, {1.0, 2.0}, 2018), std::invalid_argument);
}

#if ONTRACK_HAS_ETS
// The ETS family's out-of-sample forecasts: estimated on the first k0 observations, then only
// filtered — the first forecast is the fit's own one-step forecast, and no forecast can see the
// observation it forecasts or any later one.
BOOST_AUTO_TEST_CASE(ets_origin_forecasts_use_only_earlier_data) {
  const auto years = years_from(2010, 12);
  std::vector<double> values{10.0, 11.5, 12.1, 13.8, 14.0, 15.2, 16.9, 17.1, 18.8, 19.5, 21.0, 21.4};
  const std::size_t k0 = 6;
  const auto a = detail::ets_forecasts_from(years, values, k0, {});
  BOOST_REQUIRE(a.fit.ok());
  BOOST_REQUIRE_EQUAL(a.forecasts.size(), values.size() - k0);
  BOOST_TEST(a.forecasts[0] == a.fit.predict(years[k0]), boost::test_tools::tolerance(1e-12));
  values.back() = 1000.0;
  const auto b = detail::ets_forecasts_from(years, values, k0, {});
  for (std::size_t i = 0; i < a.forecasts.size(); ++i) BOOST_TEST(a.forecasts[i] == b.forecasts[i]);
}
#endif

BOOST_AUTO_TEST_CASE(ets_family_competes_only_on_consecutive_years) {
  const std::vector<double> values{10.0, 11.5, 12.1, 13.8, 14.0, 15.2, 16.9, 17.1, 18.8, 19.5};
  const auto gaps = select_model({2000, 2002, 2004, 2006, 2008, 2010, 2012, 2014, 2016, 2018}, values, 2030);
  BOOST_TEST(!has_candidate(gaps, model::holt));
  BOOST_TEST(!has_candidate(gaps, model::damped_holt));
#if ONTRACK_HAS_ETS
  const auto consecutive = select_model(years_from(2009, 10), values, 2030);
  BOOST_TEST((has_candidate(consecutive, model::holt) || has_candidate(consecutive, model::damped_holt)));
  BOOST_TEST(consecutive.why.find("holt") != std::string::npos);
#endif
}

BOOST_AUTO_TEST_CASE(as_of_is_respected) {
  const auto years = years_from(2010, 12);
  std::vector<double> values;
  for (int k = 0; k < 12; ++k) values.push_back(100.0 - 2.0 * k + (k % 3) * 0.3);
  projection_options opt;
  opt.as_of = 2016;
  const auto s = select_model(years, values, 2030, opt);
  BOOST_TEST(s.result.last_year == 2016);
  BOOST_TEST(s.result.n == 7);
}

BOOST_AUTO_TEST_CASE(dispatch_by_model) {
  const std::vector<int> years{2015, 2016, 2017, 2018, 2019};
  const std::vector<double> values{10.0, 9.0, 8.5, 7.9, 7.1};
  BOOST_TEST(project(model::linear, years, values, 2030).predict(2030) ==
             project_linear(years, values, 2030).predict(2030));
  BOOST_TEST(project(model::two_point, years, values, 2030).method == model::two_point);
  BOOST_TEST(project(model::theil_sen, years, values, 2030).method == model::theil_sen);
  BOOST_CHECK_THROW(project(model::poisson_rate, years, values, 2030), std::invalid_argument);
  const auto pr = project(model::poisson_rate, years, {}, 2030, {}, {5, 4, 6, 3, 4}, {1000, 1000, 1000, 1000, 1000});
  BOOST_TEST(pr.method == model::poisson_rate);
  BOOST_TEST(pr.ok());
}
