// The calibrated uncertainty (calibration.hpp): its rolling-origin evidence against refits done
// one prefix at a time, the model option, nesting, and batch = single series.
#define BOOST_TEST_MODULE calibration
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <cstdint>
#include <vector>

#include <boost/math/distributions/students_t.hpp>

#include <ontrack/project/batch.hpp>

using namespace ontrack;

namespace {

const std::vector<int> kYears{2006, 2007, 2008, 2009, 2010, 2011, 2012, 2013, 2014, 2015, 2016, 2017};
// Growth that slows from 2012 on (a saturating indicator), with some noise.
const std::vector<double> kValues{40.1, 41.4, 42.4, 43.9, 45.0, 46.3, 46.9, 47.2, 47.8, 48.1, 48.3, 48.8};

projection_options with(uncertainty_kind u) {
  projection_options o;
  o.uncertainty = u;
  return o;
}

}  // namespace

BOOST_AUTO_TEST_CASE(rolling_evidence_equals_prefix_refits) {
  // Each prefix of k >= 4 points refitted from scratch (fit_linear, compensated sums), its
  // one-step error compared with its own prediction variance.
  std::vector<double> x(kYears.begin(), kYears.end());
  double excess = 0.0, weight = 0.0;
  int errors = 0;
  const double rho = 1.5;
  for (std::size_t k = 4; k < x.size(); ++k) {
    const std::vector<double> px(x.begin(), x.begin() + static_cast<long>(k));
    const std::vector<double> pz(kValues.begin(), kValues.begin() + static_cast<long>(k));
    const auto f = fit_linear(px, pz);
    const double err = kValues[k] - f.predict(x[k]);
    const double se = f.prediction_se(x[k]);
    excess += err * err - se * se;
    double mean = 0.0;
    for (double v : px) mean += v;
    mean /= static_cast<double>(k);
    const double h = x[k] - x[k - 1], window = x[k - 1] - mean;
    weight += h * (h + 1) * (2 * h + 1) / 6 + rho * window * h * h;
    ++errors;
  }
  std::vector<detail::drift_origin> origins;
  detail::drift_origins(x.size(), [&](std::size_t i) { return x[i]; }, rho, origins);
  const auto ev = detail::rolling_drift_evidence(origins, [&](std::size_t i) { return kValues[i]; });
  BOOST_TEST(ev.errors == errors);
  BOOST_TEST(ev.excess == excess, boost::test_tools::tolerance(1e-9));
  BOOST_TEST(ev.horizon_weight == weight, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(ev.excess > 0.0);  // the bend shows in the series' own errors
}

BOOST_AUTO_TEST_CASE(model_option_is_the_closed_form_interval) {
  const auto p = project_linear(kYears, kValues, 2027, with(uncertainty_kind::model));
  const auto f = fit_linear(std::vector<double>(kYears.begin(), kYears.end()), kValues);
  const double q = boost::math::quantile(boost::math::students_t(10), 0.975);
  const auto iv = p.interval(2027, 0.95);
  BOOST_TEST(iv.first == f.predict(2027) - q * f.prediction_se(2027), boost::test_tools::tolerance(1e-11));
  BOOST_TEST(iv.second == f.predict(2027) + q * f.prediction_se(2027), boost::test_tools::tolerance(1e-11));
}

BOOST_AUTO_TEST_CASE(calibrated_adds_the_drift_of_the_stated_formula) {
  // scale² = model scale² + D·(Σk² + ρ·T·h²), D = (w·(κ_b·b)² + m·D_own)/(w + m).
  const auto own = project_linear(kYears, kValues, 2027, with(uncertainty_kind::model));
  const auto cal = project_linear(kYears, kValues, 2027);
  const drift_prior prior;
  std::vector<double> x(kYears.begin(), kYears.end());
  std::vector<detail::drift_origin> origins;
  detail::drift_origins(x.size(), [&](std::size_t i) { return x[i]; }, prior.window_share, origins);
  const auto ev = detail::rolling_drift_evidence(origins, [&](std::size_t i) { return kValues[i]; });
  const double b = own.param("slope").value;
  const double d_own = ev.excess / ev.horizon_weight;
  const double d = (prior.weight * std::pow(prior.slope_share * b, 2) + ev.errors * d_own) / (prior.weight + ev.errors);
  const double window = 2017 - own.param("centre_year").value;
  for (int year = 2018; year <= 2027; ++year) {
    const double h = year - 2017;
    const double growth = h * (h + 1) * (2 * h + 1) / 6 + prior.window_share * window * h * h;
    const double expected = std::sqrt(std::pow(own.at(year).scale, 2) + d * growth);
    BOOST_TEST(cal.at(year).scale == expected, boost::test_tools::tolerance(1e-12));
    BOOST_TEST(cal.at(year).location == own.at(year).location);
    BOOST_TEST(cal.at(year).df == own.at(year).df);
  }
}

BOOST_AUTO_TEST_CASE(every_interval_model_is_widened_and_nested) {
  for (const model m : {model::linear, model::log_linear, model::logit, model::theil_sen, model::holt,
                        model::damped_holt}) {
    const auto own = project(m, kYears, kValues, 2030, with(uncertainty_kind::model));
    const auto cal = project(m, kYears, kValues, 2030);
    BOOST_TEST_CONTEXT(to_string(m)) {
      BOOST_TEST(cal.ok());
      for (int year : {2018, 2022, 2030}) {
        const auto i80 = cal.interval(year, 0.8), i95 = cal.interval(year, 0.95);
        BOOST_TEST(i95.first < i80.first);
        BOOST_TEST(i80.second < i95.second);
        BOOST_TEST(cal.at(year).scale > own.at(year).scale);
        BOOST_TEST(cal.predict(year) == own.predict(year));
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(point_only_models_stay_point_only) {
  const auto p = project_linear({2015, 2020}, {10.0, 20.0}, 2030);
  BOOST_TEST(std::isnan(p.interval(2030, 0.95).first));
  const auto t = project_two_point(kYears, kValues, 2030);
  BOOST_TEST(std::isnan(t.interval(2030, 0.95).first));
}

BOOST_AUTO_TEST_CASE(batch_equals_single_series_bit_for_bit) {
  std::vector<std::int64_t> offsets{0};
  std::vector<std::int32_t> years;
  std::vector<double> values;
  for (int s = 0; s < 3; ++s) {
    for (std::size_t i = 0; i < kYears.size(); ++i) {
      years.push_back(kYears[i]);
      values.push_back(kValues[i] * (1.0 + 0.1 * s) - 0.03 * s * static_cast<double>(i * i));
    }
    offsets.push_back(static_cast<std::int64_t>(years.size()));
  }
  for (const model m : {model::linear, model::log_linear, model::logit}) {
    batch_input in;
    in.n_series = 3;
    in.offsets = offsets.data();
    in.years_i32 = years.data();
    in.values = values.data();
    batch_options opt;
    opt.method = m;
    opt.deadline = 2030;
    opt.levels = {0.8, 0.95};
    opt.threshold = 50.0;
    std::vector<double> lower(6), upper(6), prob(3);
    batch_output out;
    out.lower = lower.data();
    out.upper = upper.data();
    out.prob = prob.data();
    project_batch(in, opt, out);
    for (std::size_t s = 0; s < 3; ++s) {
      const std::vector<int> ys(years.begin() + offsets[s], years.begin() + offsets[s + 1]);
      const std::vector<double> vs(values.begin() + offsets[s], values.begin() + offsets[s + 1]);
      const auto p = project(m, ys, vs, 2030);
      BOOST_TEST_CONTEXT(to_string(m) << " series " << s) {
        BOOST_TEST(lower[2 * s] == p.interval(2030, 0.8).first);
        BOOST_TEST(upper[2 * s + 1] == p.interval(2030, 0.95).second);
        BOOST_TEST(prob[s] == p.prob_at_least(50.0, 2030));
      }
    }
  }
}
