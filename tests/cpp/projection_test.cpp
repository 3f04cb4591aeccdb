// The common result type: names, transforms, the closed-form Student-t CDF against Boost,
// and the predict / interval / probability methods on hand-made predictive distributions.
#define BOOST_TEST_MODULE projection
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>

#include <ontrack/project/projection.hpp>

namespace tt = boost::test_tools;
using namespace ontrack;

BOOST_AUTO_TEST_CASE(names_round_trip) {
  for (int i = 0; i < 10; ++i) {
    const auto m = static_cast<model>(i);
    BOOST_TEST(model_from_string(to_string(m)) == m);
  }
  BOOST_TEST(to_string(model::damped_holt) == "damped_holt");
  BOOST_TEST(to_string(projection_status::deadline_before_data) == "deadline_before_data");
  BOOST_TEST(to_string(projection_status::ok) == "ok");
  BOOST_CHECK_THROW(model_from_string("auto"), std::invalid_argument);
  // Stable codes (the batch kernel writes them).
  BOOST_TEST(static_cast<int>(model::binomial_share) == 9);
  BOOST_TEST(static_cast<int>(projection_status::degenerate) == 8);
}

// The closed form of many values at once (the batch kernel's call) gives each value the bits of
// the one-value call, for every df and any count (full and partial blocks).
BOOST_AUTO_TEST_CASE(closed_form_t_cdf_of_many_equals_one_at_a_time) {
  std::vector<double> t;
  for (double v = -12.0; v <= 12.0; v += 0.0917) t.push_back(v);
  std::size_t differences = 0;
  for (int df = 1; df <= detail::closed_form_t_max_df; ++df) {
    for (std::size_t count : {std::size_t{1}, std::size_t{3}, std::size_t{8}, std::size_t{13}, t.size()}) {
      std::vector<double> p(count);
      detail::student_t_cdf_integer_df(t.data(), p.data(), count, df);
      for (std::size_t i = 0; i < count; ++i) differences += p[i] != detail::student_t_cdf(t[i], df);
    }
  }
  BOOST_TEST(differences == 0u);
}

// A&S 26.7.3/26.7.4 closed form against Boost's incomplete-beta CDF, for every df it serves.
BOOST_AUTO_TEST_CASE(closed_form_t_cdf_matches_boost) {
  double worst = 0.0;
  for (int df = 1; df <= detail::closed_form_t_max_df; ++df) {
    const boost::math::students_t dist(df);
    for (double t = -40.0; t <= 40.0; t += 0.173) {
      const double a = detail::student_t_cdf(t, df), b = boost::math::cdf(dist, t);
      worst = std::max(worst, std::fabs(a - b));
    }
  }
  BOOST_TEST_MESSAGE("largest |closed form − Boost| = " << worst);
  BOOST_TEST(worst < 2e-15);
  // Beyond the closed form: Boost; df = inf: the normal.
  BOOST_TEST(detail::student_t_cdf(1.3, 100.0) == boost::math::cdf(boost::math::students_t(100.0), 1.3),
             tt::tolerance(1e-15));
  BOOST_TEST(detail::student_t_cdf(1.3, 2.5) == boost::math::cdf(boost::math::students_t(2.5), 1.3),
             tt::tolerance(1e-15));
  BOOST_TEST(detail::student_t_cdf(-1.96, detail::inf_value) ==
                 boost::math::cdf(boost::math::normal(), -1.96),
             tt::tolerance(1e-14));
  BOOST_TEST(std::isnan(detail::student_t_cdf(1.0, 0.0)));
  BOOST_TEST(std::isnan(detail::student_t_cdf(NAN, 3.0)));
}

BOOST_AUTO_TEST_CASE(critical_value_cache_equals_direct_quantiles) {
  const std::vector<double> levels{0.8, 0.95};
  const detail::critical_value_cache cache(levels, 30);
  for (std::size_t l = 0; l < levels.size(); ++l) {
    for (int df = 1; df <= 40; ++df)
      BOOST_TEST(cache.get(l, df) == detail::central_critical_value(levels[l], df));
    BOOST_TEST(cache.get(l, detail::inf_value) == detail::central_critical_value(levels[l], detail::inf_value));
  }
  BOOST_TEST(cache.get(1, 1e9) == detail::central_critical_value(0.95, 1e9));
  BOOST_TEST(detail::central_critical_value(0.95, detail::inf_value) == 1.959963984540054, tt::tolerance(1e-14));
}

BOOST_AUTO_TEST_CASE(transforms_round_trip_and_stay_inside_bounds) {
  const auto g = value_transform::logit(10.0, 90.0);
  for (double y : {10.001, 20.0, 50.0, 89.999})
    BOOST_TEST(g.to_value(g.to_model(y)) == y, tt::tolerance(1e-12));
  BOOST_TEST(g.to_model(50.0) == 0.0);
  BOOST_TEST(g.to_value(700.0) <= 90.0);
  BOOST_TEST(g.to_value(-700.0) >= 10.0);
  BOOST_TEST(!g.in_domain(10.0));
  BOOST_TEST(!g.in_domain(90.0));
  BOOST_TEST(g.in_domain(10.5));
  const auto l = value_transform::log();
  BOOST_TEST(l.to_value(l.to_model(3.5)) == 3.5, tt::tolerance(1e-15));
  BOOST_TEST(!l.in_domain(0.0));
}

namespace {
/// A projection with a hand-made predictive distribution: N(location, scale²) or t_df.
projection make(value_transform g, double location, double scale, double df) {
  projection p;
  p.method = model::logit;
  p.transform = g;
  p.last_year = 2020;
  p.forecast.push_back({2021, location, scale, df});
  p.forecast.push_back({2022, location, scale, df});
  return p;
}
}  // namespace

BOOST_AUTO_TEST_CASE(probabilities_on_the_model_scale) {
  // logit between 0 and 100, location 0 (median 50), scale 1, normal.
  const auto p = make(value_transform::logit(0, 100), 0.0, 1.0, detail::inf_value);
  BOOST_TEST(p.predict(2022) == 50.0);
  BOOST_TEST(p.prob_at_least(50.0, 2022) == 0.5, tt::tolerance(1e-15));
  // P(Y >= 100·expit(1.96)) = P(Z >= 1.96).
  const double v = 100.0 / (1.0 + std::exp(-1.96));
  BOOST_TEST(p.prob_at_least(v, 2022) == 1.0 - boost::math::cdf(boost::math::normal(), 1.96), tt::tolerance(1e-12));
  // Outside the bounds: 0 / 1, exactly.
  BOOST_TEST(p.prob_at_least(100.0, 2022) == 0.0);
  BOOST_TEST(p.prob_at_least(150.0, 2022) == 0.0);
  BOOST_TEST(p.prob_at_least(0.0, 2022) == 1.0);
  BOOST_TEST(p.prob_at_least(-5.0, 2022) == 1.0);
  BOOST_TEST(p.prob_at_most(100.0, 2022) == 1.0);
  BOOST_TEST(p.prob_at_most(-1.0, 2022) == 0.0);
  // Interval: transformed quantiles, inside the bounds.
  const auto iv = p.interval(2022, 0.95);
  BOOST_TEST(iv.first == 100.0 / (1.0 + std::exp(1.959963984540054)), tt::tolerance(1e-12));
  BOOST_TEST(iv.second == 100.0 / (1.0 + std::exp(-1.959963984540054)), tt::tolerance(1e-12));
  // Student-t with 5 df.
  const auto q = make(value_transform::identity(), 10.0, 2.0, 5.0);
  BOOST_TEST(q.prob_at_most(13.0, 2021) == boost::math::cdf(boost::math::students_t(5), 1.5), tt::tolerance(1e-14));
  // Log: values ≤ 0 are certain to be exceeded.
  const auto r = make(value_transform::log(), std::log(20.0), 0.3, 7.0);
  BOOST_TEST(r.predict(2021) == 20.0, tt::tolerance(1e-14));
  BOOST_TEST(r.prob_at_least(0.0, 2021) == 1.0);
  BOOST_TEST(r.prob_at_most(-3.0, 2021) == 0.0);
  BOOST_TEST(r.prob_at_most(20.0, 2021) == 0.5, tt::tolerance(1e-14));
}

BOOST_AUTO_TEST_CASE(point_only_and_failed_projections) {
  const auto p = make(value_transform::log(), std::log(20.0), detail::nan_value, detail::nan_value);
  BOOST_TEST(p.predict(2021) == 20.0, tt::tolerance(1e-14));
  BOOST_TEST(std::isnan(p.interval(2021, 0.9).first));
  BOOST_TEST(std::isnan(p.prob_at_least(10.0, 2021)));
  projection failed;
  failed.status = projection_status::outside_domain;
  failed.reason = "value -1 in 2017 is not positive";
  BOOST_TEST(std::isnan(failed.predict(2030)));
  BOOST_TEST(std::isnan(failed.interval(2030, 0.9).second));
  BOOST_TEST(std::isnan(failed.prob_at_most(1.0, 2030)));
  try {
    (void)failed.at(2030);
    BOOST_ERROR("no exception");
  } catch (const std::out_of_range& e) {
    BOOST_TEST(std::string(e.what()).find("outside_domain") != std::string::npos);
  }
  BOOST_CHECK_THROW(p.param("nope"), std::out_of_range);
}

BOOST_AUTO_TEST_CASE(number_text_is_short_and_exact) {
  BOOST_TEST(detail::number_text(50.0) == "50");
  BOOST_TEST(detail::number_text(-3.2) == "-3.2");
  BOOST_TEST(detail::number_text(0.1) == "0.1");
  BOOST_TEST(detail::number_text(NAN).find("nan") != std::string::npos);
}
