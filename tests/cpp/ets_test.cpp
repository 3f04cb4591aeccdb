// Holt / damped Holt against R's forecast package (statsmodels' fixtures, computed by R:
// tests/reference/ets_r_forecast/). Every expected number comes from those files.
#define BOOST_TEST_MODULE ets
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <limits>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "ontrack/project/ets.hpp"

namespace ontrack {
// Lets Boost.Test print a status in failure messages.
inline std::ostream& operator<<(std::ostream& os, ets_status s) { return os << to_string(s); }
}  // namespace ontrack

namespace {

const std::string kDir = std::string(ONTRACK_REFERENCE_DIR) + "/ets_r_forecast/";
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::string unquote(std::string s) {
  if (s.size() >= 2 && s.front() == '"' && s.back() == '"') s = s.substr(1, s.size() - 2);
  return s;
}

/// A CSV as R's write.csv writes it: quoted header, first column = row name, NA = missing.
struct table {
  std::vector<std::string> columns;  // without the row-name column
  std::vector<std::string> rows;
  std::map<std::string, std::vector<double>> data;

  explicit table(const std::string& file) {
    std::ifstream in(kDir + file);
    if (!in) throw std::runtime_error("cannot open " + kDir + file);
    std::string line;
    std::getline(in, line);
    {
      std::stringstream ss(line);
      std::string cell;
      std::getline(ss, cell, ',');  // row-name column
      while (std::getline(ss, cell, ',')) columns.push_back(unquote(cell));
    }
    while (std::getline(in, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.empty()) continue;
      std::stringstream ss(line);
      std::string cell;
      std::getline(ss, cell, ',');
      rows.push_back(unquote(cell));
      for (const auto& c : columns) {
        std::getline(ss, cell, ',');
        cell = unquote(cell);
        data[c].push_back(cell == "NA" || cell.empty() ? kNaN : std::stod(cell));
      }
    }
  }

  const std::vector<double>& col(const std::string& name) const {
    auto it = data.find(name);
    if (it == data.end()) throw std::runtime_error("no column " + name);
    return it->second;
  }

  double at(const std::string& row, const std::string& column) const {
    auto it = std::find(rows.begin(), rows.end(), row);
    if (it == rows.end()) throw std::runtime_error("no row " + row);
    return col(column)[static_cast<std::size_t>(it - rows.begin())];
  }
};

Eigen::VectorXd air() {
  table t("ausair_fpp_1990_2004.csv");
  const auto& v = t.col("value");
  BOOST_REQUIRE_EQUAL(v.size(), 15u);
  return Eigen::Map<const Eigen::VectorXd>(v.data(), static_cast<Eigen::Index>(v.size()));
}

double rel_err(double actual, double expected) {
  return std::fabs(actual - expected) / std::max(std::fabs(expected), 1e-300);
}

/// Compare a sequence elementwise; report and return the worst relative error.
template <class Get>
double check_series(const std::string& what, int count, Get get, const std::vector<double>& expected,
                    std::size_t offset, double rtol) {
  double worst = 0.0;
  for (int i = 0; i < count; ++i) {
    const double e = expected.at(offset + static_cast<std::size_t>(i));
    const double a = get(i);
    BOOST_TEST_CONTEXT(what << "[" << i << "] = " << a << ", R: " << e) {
      BOOST_TEST(std::isfinite(e));
      BOOST_TEST(rel_err(a, e) <= rtol);
    }
    worst = std::max(worst, rel_err(a, e));
  }
  BOOST_TEST_MESSAGE(what << ": max relative error " << worst << " (rtol " << rtol << ")");
  return worst;
}

/// States, fitted values, forecasts (h = 1..14) and 95% bounds of one fixture column.
void check_against_r(const ontrack::ets_fit& fit, const std::string& name, double rtol_fit,
                     double rtol_forecast) {
  const table states("statsmodels_exponential_smoothing_states.csv");
  const table predict("statsmodels_exponential_smoothing_predict.csv");
  const int n = 15, H = 14;
  BOOST_REQUIRE(fit.has_states());
  BOOST_REQUIRE_EQUAL(fit.level.size(), n + 1);
  check_series(name + " level", n + 1, [&](int i) { return fit.level[i]; }, states.col(name + "_l"), 0,
               rtol_fit);
  check_series(name + " trend", n + 1, [&](int i) { return fit.trend[i]; }, states.col(name + "_b"), 0,
               rtol_fit);
  check_series(name + " fitted", n, [&](int i) { return fit.fitted[i]; }, predict.col(name + "_mean"), 0,
               rtol_fit);
  check_series(name + " forecast", H, [&](int i) { return fit.forecast_mean(i + 1); },
               predict.col(name + "_mean"), n, rtol_forecast);
  check_series(name + " lower95", H, [&](int i) { return fit.forecast_interval(i + 1, 0.95).first; },
               predict.col(name + "_lower"), n, rtol_forecast);
  check_series(name + " upper95", H, [&](int i) { return fit.forecast_interval(i + 1, 0.95).second; },
               predict.col(name + "_upper"), n, rtol_forecast);
}

}  // namespace

// (1) fpp: holt(air, alpha = 0.8, beta = 0.2, initial = "simple"): R's HoltWintersZZ, where
// 0.2 is Holt's beta*; the ets beta is 0.8 * 0.2.
BOOST_AUTO_TEST_CASE(air_fpp1_simple_holt_matches_r) {
  const table p("statsmodels_exponential_smoothing_params.csv");
  const double alpha = p.at("alpha", "air_fpp1");
  const double beta_star = p.at("beta_star", "air_fpp1");
  ontrack::ets_options o;
  o.initial = ontrack::ets_initial::simple;
  o.alpha = alpha;
  o.beta = alpha * beta_star;
  o.r_interval_quirk = true;  // R's forecast() uses beta* in the variance of these fits
  const auto fit = ontrack::fit_ets(air(), o);
  BOOST_REQUIRE(fit.status == ontrack::ets_status::ok);
  BOOST_TEST(!fit.tiny_series_fallback);
  BOOST_TEST(fit.n_estimated == 0);
  BOOST_TEST(fit.sigma2_df == 15);  // sigma2 = mean(res^2)
  BOOST_TEST(rel_err(fit.l0, p.at("l0", "air_fpp1")) <= 1e-12);
  BOOST_TEST(rel_err(fit.b0, p.at("b0", "air_fpp1")) <= 1e-12);
  BOOST_TEST(rel_err(fit.sse, p.at("sse", "air_fpp1")) <= 1e-5);
  BOOST_TEST(rel_err(fit.sigma2, p.at("sigma2", "air_fpp1")) <= 1e-5);
  check_against_r(fit, "air_fpp1", 1e-5, 1e-5);

  // Without the quirk the variance uses the model's own beta (= alpha * beta*):
  // var_h = sigma2 (1 + sum_{j<h} (alpha + alpha beta* j)^2), R's sigma2.
  o.r_interval_quirk = false;
  const auto consistent = ontrack::fit_ets(air(), o);
  const double s2 = p.at("sigma2", "air_fpp1");
  for (int h = 1; h <= 14; ++h) {
    double sum = 0;
    for (int j = 1; j < h; ++j) sum += std::pow(alpha + alpha * beta_star * j, 2);
    BOOST_TEST(rel_err(consistent.forecast_variance(h), s2 * (1 + sum)) <= 1e-5);
    BOOST_TEST(consistent.forecast_mean(h) == fit.forecast_mean(h));
  }
}

// (2) holt(air, alpha = 0.8, beta = 0.2, damped = TRUE, initial = "optimal") with all of R's
// parameters (phi, l0, b0 were estimated by R) fixed: pure filtering and interval algebra.
BOOST_AUTO_TEST_CASE(air_fpp2_damped_holt_fixed_matches_r) {
  const table p("statsmodels_exponential_smoothing_params.csv");
  ontrack::ets_options o;
  o.damped = true;
  o.alpha = p.at("alpha", "air_fpp2");
  o.beta = p.at("beta", "air_fpp2");
  o.phi = p.at("phi", "air_fpp2");
  o.l0 = p.at("l0", "air_fpp2");
  o.b0 = p.at("b0", "air_fpp2");
  const auto fit = ontrack::fit_ets(air(), o);
  BOOST_REQUIRE(fit.status == ontrack::ets_status::ok);
  BOOST_TEST(fit.damped);
  BOOST_TEST(fit.n_estimated == 0);
  BOOST_TEST(fit.sigma2_df == 10);  // R counts fixed parameters too: n - 5
  BOOST_TEST(rel_err(fit.sigma2, p.at("sigma2", "air_fpp2")) <= 1e-5);
  BOOST_TEST(rel_err(fit.loglik, p.at("llf", "air_fpp2")) <= 1e-5);
  BOOST_TEST(rel_err(fit.sse / fit.n, p.at("mse", "air_fpp2")) <= 1e-5);
  check_against_r(fit, "air_fpp2", 1e-5, 1e-5);
}

// (3) ets(air, "AAN", damped = TRUE): free optimisation.
BOOST_AUTO_TEST_CASE(air_ets_free_damped_matches_r) {
  const table p("statsmodels_exponential_smoothing_params.csv");
  const double r_loglik = p.at("llf", "air_ets");
  ontrack::ets_options o;
  o.damped = true;
  const auto fit = ontrack::fit_ets(air(), o);
  BOOST_REQUIRE(fit.status == ontrack::ets_status::ok);
  BOOST_TEST(!fit.tiny_series_fallback);
  BOOST_TEST(fit.n_estimated == 5);
  BOOST_TEST(fit.sigma2_df == 10);
  BOOST_TEST_MESSAGE("air_ets loglik " << fit.loglik << " vs R " << r_loglik);
  BOOST_TEST(fit.loglik >= r_loglik - 1e-4);
  BOOST_TEST(rel_err(fit.sigma2, fit.sse / 10.0) <= 1e-15);

  // The interval rule (sigma2 = SSE / (n - 5), normal quantiles) given R's parameters.
  ontrack::ets_options fixed;
  fixed.damped = true;
  fixed.alpha = p.at("alpha", "air_ets");
  fixed.beta = p.at("beta", "air_ets");
  fixed.phi = p.at("phi", "air_ets");
  fixed.l0 = p.at("l0", "air_ets");
  fixed.b0 = p.at("b0", "air_ets");
  const auto at_r = ontrack::fit_ets(air(), fixed);
  BOOST_REQUIRE(at_r.status == ontrack::ets_status::ok);
  BOOST_TEST(rel_err(at_r.sigma2, p.at("sigma2", "air_ets")) <= 1e-5);
  BOOST_TEST(rel_err(at_r.loglik, r_loglik) <= 1e-8);
  check_against_r(at_r, "air_ets", 1e-5, 1e-5);

  // Our optimum is R's (the nmmin port follows R's search): same parameters, same bounds.
  const double worst_par = std::max({rel_err(fit.alpha, p.at("alpha", "air_ets")),
                                     rel_err(fit.beta, p.at("beta", "air_ets")),
                                     rel_err(fit.phi, p.at("phi", "air_ets")),
                                     rel_err(fit.l0, p.at("l0", "air_ets")),
                                     rel_err(fit.b0, p.at("b0", "air_ets"))});
  BOOST_TEST_MESSAGE("air_ets parameters: max relative difference from R " << worst_par);
  BOOST_TEST(worst_par <= 1e-6);
  if (worst_par <= 1e-6) check_against_r(fit, "air_ets", 1e-5, 1e-4);
}

// (4) A perfectly linear series is fitted and projected exactly.
BOOST_AUTO_TEST_CASE(linear_series_is_exact) {
  const int n = 15;
  Eigen::VectorXd y(n);
  for (int t = 0; t < n; ++t) y[t] = 100.0 + 2.5 * (t + 1);
  const auto fit = ontrack::fit_ets(y);
  BOOST_REQUIRE(fit.status == ontrack::ets_status::ok);
  for (int t = 0; t < n; ++t) BOOST_TEST(std::fabs(fit.fitted[t] - y[t]) <= 1e-9);
  for (int h = 1; h <= 20; ++h) {
    BOOST_TEST(std::fabs(fit.forecast_mean(h) - (100.0 + 2.5 * (n + h))) <= 1e-8);
    BOOST_TEST(fit.forecast_variance(h) <= 1e-12);
  }
}

// (5) Tiny series use R's HoltWintersZZ fallback and still give finite intervals.
BOOST_AUTO_TEST_CASE(tiny_series_fall_back_and_give_finite_intervals) {
  const Eigen::VectorXd y = air();
  for (int n = 3; n <= 8; ++n) {
    for (bool damped : {false, true}) {
      ontrack::ets_options o;
      o.damped = damped;
      const auto fit = ontrack::fit_ets(y.head(n), o);
      BOOST_TEST_CONTEXT("n = " << n << ", damped = " << damped) {
        BOOST_TEST(fit.status == ontrack::ets_status::ok);
        BOOST_TEST(fit.tiny_series_fallback);
        BOOST_TEST(!fit.damped);  // "Not enough data to use damping"
        BOOST_TEST(fit.sigma2_df == n);
        BOOST_TEST(fit.alpha >= 0.0);
        BOOST_TEST(fit.alpha <= 1.0);
        BOOST_TEST(fit.beta >= 0.0);
        BOOST_TEST(fit.beta <= fit.alpha);
        double previous = 0.0;
        for (int h = 1; h <= 10; ++h) {
          const auto iv = fit.forecast_interval(h);
          BOOST_TEST(std::isfinite(fit.forecast_mean(h)));
          BOOST_TEST(std::isfinite(iv.first));
          BOOST_TEST(std::isfinite(iv.second));
          BOOST_TEST(fit.forecast_variance(h) > 0.0);
          BOOST_TEST(fit.forecast_variance(h) >= previous);
          previous = fit.forecast_variance(h);
        }
      }
    }
  }
  // The threshold is R's: n <= npars + 4 (Holt 4, damped 5).
  ontrack::ets_options damped;
  damped.damped = true;
  BOOST_TEST(ontrack::fit_ets(y.head(9)).tiny_series_fallback == false);
  BOOST_TEST(ontrack::fit_ets(y.head(9), damped).tiny_series_fallback == true);
  BOOST_TEST(ontrack::fit_ets(y.head(10), damped).tiny_series_fallback == false);
  // A fixed phi is kept by the fallback, as R passes it to HoltWintersZZ.
  damped.phi = 0.9;
  const auto kept = ontrack::fit_ets(y.head(6), damped);
  BOOST_TEST(kept.damped);
  BOOST_TEST(kept.phi == 0.9);
}

// (6) Data trouble is a status; invalid fixed parameters are a caller error.
BOOST_AUTO_TEST_CASE(bad_input) {
  Eigen::VectorXd y = air();
  y[4] = kNaN;
  auto fit = ontrack::fit_ets(y);
  BOOST_TEST(fit.status == ontrack::ets_status::non_finite_value);
  BOOST_TEST(!fit.reason.empty());
  BOOST_TEST(!fit.has_states());
  y[4] = std::numeric_limits<double>::infinity();
  BOOST_TEST(ontrack::fit_ets(y).status == ontrack::ets_status::non_finite_value);

  fit = ontrack::fit_ets(air().head(2));
  BOOST_TEST(fit.status == ontrack::ets_status::too_few_points);
  BOOST_TEST(!fit.reason.empty());

  ontrack::ets_options o;
  o.alpha = 1.5;
  BOOST_CHECK_THROW(ontrack::fit_ets(air(), o), std::invalid_argument);
  try {
    ontrack::fit_ets(air(), o);
  } catch (const std::invalid_argument& e) {
    const std::string what = e.what();
    BOOST_TEST(what.find("alpha") != std::string::npos);
    BOOST_TEST(what.find("<= 1") != std::string::npos);
  }
  o = {};
  o.alpha = 0.3;
  o.beta = 0.5;  // beta > alpha
  BOOST_CHECK_THROW(ontrack::fit_ets(air(), o), std::invalid_argument);
  o = {};
  o.phi = 0.9;  // phi without damping
  BOOST_CHECK_THROW(ontrack::fit_ets(air(), o), std::invalid_argument);
  o.damped = true;
  o.phi = 0.0;
  BOOST_CHECK_THROW(ontrack::fit_ets(air(), o), std::invalid_argument);
  o = {};
  o.l0 = kNaN;
  BOOST_CHECK_THROW(ontrack::fit_ets(air(), o), std::invalid_argument);
  BOOST_CHECK_THROW(ontrack::fit_ets(air()).forecast_mean(0), std::invalid_argument);
}

// fit_ets is re-entrant: concurrent fits give bit-identical results.
BOOST_AUTO_TEST_CASE(concurrent_fits_are_identical) {
  const Eigen::VectorXd y = air();
  ontrack::ets_options o;
  o.damped = true;
  const auto serial = ontrack::fit_ets(y, o);
  std::vector<double> results(4, kNaN);
  std::vector<std::thread> threads;
  for (int k = 0; k < 4; ++k) {
    threads.emplace_back([&, k] { results[k] = ontrack::fit_ets(y, o).forecast_mean(5); });
  }
  for (auto& t : threads) t.join();
  for (double r : results) BOOST_TEST(r == serial.forecast_mean(5));
}
