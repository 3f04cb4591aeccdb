// OLS: fit_linear against NIST StRD certified values (Norris, NoInt1, NoInt2, parsed from the
// .dat files) and the linear trend projection against its formulas.
#define BOOST_TEST_MODULE linear
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iomanip>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <boost/math/distributions/students_t.hpp>

#include <ontrack/project/linear.hpp>

namespace {

/// One NIST StRD linear least-squares file: certified values and data, located by the line
/// numbers its header states ("Certified Values (lines 31 to 46)", "Data (lines 61 to 96)").
struct nist_dataset {
  std::map<std::string, std::pair<double, double>> params;  // B0, B1 → (estimate, sd)
  double residual_sd = NAN;
  double r_squared = NAN;
  std::vector<double> x, y;
};

nist_dataset read_nist(const std::string& name) {
  const std::string path = std::string(ONTRACK_REFERENCE_DIR) + "/nist_strd_lls/" + name + ".dat";
  std::ifstream in(path);
  BOOST_REQUIRE_MESSAGE(in, "cannot open " + path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();  // NIST files are CRLF
    lines.push_back(line);
  }
  int cert_from = 0, cert_to = 0, data_from = 0, data_to = 0;
  for (const auto& line : lines) {
    const auto at = line.find("(lines ");
    if (at == std::string::npos) continue;
    int from = 0, to = 0;
    if (std::sscanf(line.c_str() + at, "(lines %d to %d)", &from, &to) != 2) continue;
    if (line.find("Certified Values") != std::string::npos) {
      cert_from = from;
      cert_to = to;
    } else if (line.find("Data") != std::string::npos) {
      data_from = from;
      data_to = to;
    }
  }
  BOOST_REQUIRE(cert_from > 0 && data_from > 0);
  nist_dataset d;
  for (int i = cert_from; i <= cert_to; ++i) {
    std::istringstream ss(lines[static_cast<std::size_t>(i - 1)]);
    std::string first;
    ss >> first;
    if (first == "B0" || first == "B1") {
      double est, sd;
      ss >> est >> sd;
      d.params[first] = {est, sd};
    } else if (first == "Standard") {  // "Standard Deviation   0.884796396144373" after "Residual"
      std::string word;
      ss >> word >> d.residual_sd;
    } else if (first == "R-Squared") {
      ss >> d.r_squared;
    }
  }
  for (int i = data_from; i <= data_to; ++i) {
    std::istringstream ss(lines[static_cast<std::size_t>(i - 1)]);
    double y, x;
    ss >> y >> x;  // columns: y x
    d.y.push_back(y);
    d.x.push_back(x);
  }
  BOOST_REQUIRE(!std::isnan(d.residual_sd) && !std::isnan(d.r_squared));
  return d;
}

/// Log relative error: the number of correct significant digits (capped at 15).
double lre(double estimate, double certified) {
  if (estimate == certified) return 15.0;
  const double rel = std::fabs(estimate - certified) / std::fabs(certified);
  return std::min(15.0, -std::log10(rel));
}

void check_digits(const std::string& what, double estimate, double certified, double digits = 12.0) {
  const double got = lre(estimate, certified);
  BOOST_TEST_INFO(what << ": estimate " << std::setprecision(17) << estimate << ", certified "
                       << certified << ", " << got << " digits");
  BOOST_TEST(got >= digits);
}

}  // namespace

BOOST_AUTO_TEST_CASE(nist_norris_certified_digits) {
  const auto d = read_nist("Norris");
  BOOST_REQUIRE_EQUAL(d.x.size(), 36u);
  const auto f = ontrack::fit_linear(d.x, d.y);
  check_digits("B0", f.intercept, d.params.at("B0").first);
  check_digits("B1", f.slope, d.params.at("B1").first);
  check_digits("sd(B0)", f.intercept_se, d.params.at("B0").second);
  check_digits("sd(B1)", f.slope_se, d.params.at("B1").second);
  check_digits("residual SD", f.residual_sd, d.residual_sd);
  check_digits("R-squared", f.r_squared, d.r_squared);
  BOOST_TEST(f.df == 34.0);
}

// x + 2000 turns Norris into "years": slope, its SD, residual SD and R² are unchanged; the
// intercept becomes B0 − 2000·B1, and Var(B0') = Var(B0) + 2000²·Var(B1) + 2·2000·x̄·Var(B1)
// (Cov(B0, B1) = −x̄·Var(B1)). Centring must keep every digit.
BOOST_AUTO_TEST_CASE(nist_norris_shifted_by_2000) {
  const auto d = read_nist("Norris");
  std::vector<double> xs = d.x;
  for (double& v : xs) v += 2000.0;
  const auto f = ontrack::fit_linear(xs, d.y);
  const double b0 = d.params.at("B0").first, b1 = d.params.at("B1").first;
  const double s0 = d.params.at("B0").second, s1 = d.params.at("B1").second;
  long double xbar = 0.0L;
  for (double v : d.x) xbar += v;
  xbar /= d.x.size();
  const long double var0 = (long double)s0 * s0 + 4.0e6L * s1 * s1 + 4000.0L * xbar * s1 * s1;
  check_digits("B0 shifted", f.intercept, static_cast<double>((long double)b0 - 2000.0L * b1));
  check_digits("B1", f.slope, b1);
  check_digits("sd(B0) shifted", f.intercept_se, static_cast<double>(std::sqrt(var0)));
  check_digits("sd(B1)", f.slope_se, s1);
  check_digits("residual SD", f.residual_sd, d.residual_sd);
  check_digits("R-squared", f.r_squared, d.r_squared);
}

BOOST_AUTO_TEST_CASE(nist_noint1_and_noint2_through_origin) {
  for (const std::string name : {"NoInt1", "NoInt2"}) {
    const auto d = read_nist(name);
    const auto f = ontrack::fit_linear(d.x, d.y, /*with_intercept=*/false);
    BOOST_TEST_CONTEXT(name) {
      BOOST_TEST(!f.has_intercept);
      BOOST_TEST(f.intercept == 0.0);
      check_digits("B1", f.slope, d.params.at("B1").first);
      check_digits("sd(B1)", f.slope_se, d.params.at("B1").second);
      check_digits("residual SD", f.residual_sd, d.residual_sd);
      check_digits("R-squared (uncentred)", f.r_squared, d.r_squared);
      BOOST_TEST(f.df == static_cast<double>(d.x.size() - 1));
    }
  }
}

BOOST_AUTO_TEST_CASE(fit_linear_rejects_bad_input) {
  BOOST_CHECK_THROW(ontrack::fit_linear({1.0}, {2.0}), std::invalid_argument);
  BOOST_CHECK_THROW(ontrack::fit_linear({1.0, 2.0}, {2.0}), std::invalid_argument);
  BOOST_CHECK_THROW(ontrack::fit_linear({1.0, 1.0, 1.0}, {2.0, 3.0, 4.0}), std::invalid_argument);
  BOOST_CHECK_THROW(ontrack::fit_linear({1.0, NAN}, {2.0, 3.0}), std::invalid_argument);
  BOOST_CHECK_THROW(ontrack::fit_linear({0.0, 0.0}, {2.0, 3.0}, false), std::invalid_argument);
}

namespace {
constexpr double kPi = 3.14159265358979323846;
const std::vector<int> kYears{2011, 2012, 2013, 2014, 2015, 2016, 2017, 2018, 2019, 2020};
const std::vector<double> kValues{60.1, 61.9, 62.4, 64.8, 65.0, 66.9, 68.2, 68.9, 71.3, 71.8};
}  // namespace

// The projection's numbers against the textbook formulas, written out independently here:
// b = Sxy/Sxx, a = ȳ − b·x̄, s² = RSS/(n − 2),
// prediction at t: ŷ = ȳ + b(t − x̄) ± t_{n−2, (1+L)/2} · s·√(1 + 1/n + (t − x̄)²/Sxx).
/// The closed-form uncertainty the textbook formulas describe (the default adds slope drift).
ontrack::projection_options closed_form() {
  ontrack::projection_options o;
  o.uncertainty = ontrack::uncertainty_kind::model;
  return o;
}

BOOST_AUTO_TEST_CASE(projection_matches_textbook_formulas) {
  const auto p = ontrack::project_linear(kYears, kValues, 2030, closed_form());
  BOOST_REQUIRE(p.ok());
  const double n = 10;
  double xm = 0, ym = 0;
  for (std::size_t i = 0; i < kYears.size(); ++i) {
    xm += kYears[i] / n;
    ym += kValues[i] / n;
  }
  double sxx = 0, sxy = 0;
  for (std::size_t i = 0; i < kYears.size(); ++i) {
    sxx += (kYears[i] - xm) * (kYears[i] - xm);
    sxy += (kYears[i] - xm) * (kValues[i] - ym);
  }
  const double b = sxy / sxx;
  double rss = 0;
  for (std::size_t i = 0; i < kYears.size(); ++i) rss += std::pow(kValues[i] - ym - b * (kYears[i] - xm), 2);
  const double s = std::sqrt(rss / (n - 2));
  const double yhat = ym + b * (2030 - xm);
  const double se = s * std::sqrt(1 + 1 / n + (2030 - xm) * (2030 - xm) / sxx);
  const double q = boost::math::quantile(boost::math::students_t(8), 0.975);
  BOOST_TEST(p.param("slope").value == b, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(p.param("slope").std_error == s / std::sqrt(sxx), boost::test_tools::tolerance(1e-12));
  BOOST_TEST(p.param("intercept").value == ym - b * xm, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(p.predict(2030) == yhat, boost::test_tools::tolerance(1e-12));
  const auto iv = p.interval(2030, 0.95);
  BOOST_TEST(iv.first == yhat - q * se, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(iv.second == yhat + q * se, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(p.sigma2 == rss / (n - 2), boost::test_tools::tolerance(1e-12));
  BOOST_TEST(p.observed_annual_change == b, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(p.n == 10);
  BOOST_TEST(p.last_year == 2020);
  BOOST_TEST(p.forecast.size() == 10u);  // 2021..2030
  BOOST_TEST(p.forecast.front().year == 2021);
  BOOST_TEST(p.forecast.front().df == 8.0);
  // P(Y >= ŷ) = 1/2 exactly at the centre of a symmetric predictive distribution.
  BOOST_TEST(p.prob_at_least(yhat, 2030) == 0.5, boost::test_tools::tolerance(1e-12));
  // P(Y <= upper 95% bound) = 0.975.
  BOOST_TEST(p.prob_at_most(iv.second, 2030) == 0.975, boost::test_tools::tolerance(1e-12));
  // Gaussian log-likelihood at the MLE and AICc with k = 3 (a, b, σ).
  const double ll = -0.5 * n * (std::log(2 * kPi * rss / n) + 1);
  BOOST_TEST(p.loglik == ll, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(p.aicc == -2 * ll + 6 + 24.0 / 6.0, boost::test_tools::tolerance(1e-12));
}

BOOST_AUTO_TEST_CASE(intervals_nest_and_probabilities_are_monotone) {
  const auto p = ontrack::project_linear(kYears, kValues, 2030);
  for (int year = 2021; year <= 2030; ++year) {
    const auto i80 = p.interval(year, 0.80), i95 = p.interval(year, 0.95);
    BOOST_TEST(i95.first < i80.first);
    BOOST_TEST(i80.second < i95.second);
  }
  double prev_least = 1.0, prev_most = 0.0;
  for (double v = 60.0; v <= 110.0; v += 0.25) {
    const double least = p.prob_at_least(v, 2030), most = p.prob_at_most(v, 2030);
    BOOST_TEST(least <= prev_least);
    BOOST_TEST(most >= prev_most);
    BOOST_TEST(least + most == 1.0, boost::test_tools::tolerance(1e-12));
    prev_least = least;
    prev_most = most;
  }
  // Intervals widen with the horizon.
  BOOST_TEST(p.at(2030).scale > p.at(2021).scale);
}

BOOST_AUTO_TEST_CASE(raw_years_and_gaps_and_order) {
  // Gaps are fine for a regression; the order of the input does not matter.
  const std::vector<int> years{2019, 2010, 2013, 2016};
  const std::vector<double> values{19.0, 10.2, 12.9, 16.1};
  const auto a = ontrack::project_linear(years, values, 2025);
  const auto b = ontrack::project_linear({2010, 2013, 2016, 2019}, {10.2, 12.9, 16.1, 19.0}, 2025);
  BOOST_TEST(a.predict(2025) == b.predict(2025));
  BOOST_TEST(a.years == (std::vector<int>{2010, 2013, 2016, 2019}));
  BOOST_TEST(a.interval(2025, 0.9).first == b.interval(2025, 0.9).first);
}

BOOST_AUTO_TEST_CASE(two_points_give_a_point_without_interval) {
  const auto p = ontrack::project_linear({2015, 2020}, {10.0, 20.0}, 2030);
  BOOST_TEST(p.ok());
  BOOST_TEST(p.predict(2030) == 40.0, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(std::isnan(p.interval(2030, 0.95).first));
  BOOST_TEST(std::isnan(p.prob_at_least(30.0, 2030)));
  BOOST_TEST(p.reason.find("2 points") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(perfect_fit_has_zero_width) {
  const auto p = ontrack::project_linear({2010, 2011, 2012, 2013}, {1.0, 2.0, 3.0, 4.0}, 2015, closed_form());
  const auto iv = p.interval(2015, 0.95);
  BOOST_TEST(iv.first == 6.0, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(iv.second == 6.0, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(p.prob_at_least(5.5, 2015) == 1.0);
  BOOST_TEST(p.prob_at_least(6.5, 2015) == 0.0);
}

BOOST_AUTO_TEST_CASE(as_of_uses_only_earlier_data) {
  const auto p = ontrack::project_linear(kYears, kValues, 2030, [] {
    ontrack::projection_options o;
    o.as_of = 2016;
    return o;
  }());
  const auto q = ontrack::project_linear(std::vector<int>(kYears.begin(), kYears.begin() + 6),
                                         std::vector<double>(kValues.begin(), kValues.begin() + 6), 2030);
  BOOST_TEST(p.n == 6);
  BOOST_TEST(p.last_year == 2016);
  BOOST_TEST(p.predict(2030) == q.predict(2030));
  BOOST_TEST(p.forecast.front().year == 2017);
}

BOOST_AUTO_TEST_CASE(caller_errors_throw_with_year_and_value) {
  using ontrack::projection_input_error;
  using ontrack::projection_status;
  const auto expect = [](auto call, projection_status s, const std::string& needle) {
    try {
      call();
      BOOST_ERROR("no exception");
    } catch (const projection_input_error& e) {
      BOOST_TEST(e.status() == s);
      BOOST_TEST_INFO(e.what());
      BOOST_TEST(std::string(e.what()).find(needle) != std::string::npos);
    }
  };
  expect([] { ontrack::project_linear({2020}, {1.0}, 2030); }, projection_status::too_few_points, "2020");
  expect([] { ontrack::project_linear({2019, 2020}, {1.0, NAN}, 2030); },
         projection_status::non_finite_value, "2020");
  expect([] { ontrack::project_linear({2019, 2019}, {1.0, 2.0}, 2030); },
         projection_status::duplicate_year, "2019");
  expect([] { ontrack::project_linear({2019, 2020}, {1.0, 2.0}, 2018); },
         projection_status::deadline_before_data, "2018");
  expect([] { ontrack::project_linear({2019, 2000000000}, {1.0, 2.0}, 2000000001); },
         projection_status::non_finite_value, "2000000000");
  BOOST_CHECK_THROW(ontrack::project_linear({2019, 2020}, {1.0, 2.0}, 2147483647), std::out_of_range);
  // projection_input_error is a std::invalid_argument.
  BOOST_CHECK_THROW(ontrack::project_linear({2019, 2019}, {1.0, 2.0}, 2030), std::invalid_argument);
  BOOST_CHECK_THROW(ontrack::project_linear({2019, 2020}, {1.0}, 2030), std::invalid_argument);
  // Years outside the table and bad levels.
  const auto p = ontrack::project_linear(kYears, kValues, 2025);
  BOOST_CHECK_THROW(p.predict(2026), std::out_of_range);
  BOOST_CHECK_THROW(p.predict(2020), std::out_of_range);
  BOOST_CHECK_THROW(p.interval(2025, 1.0), std::invalid_argument);
  BOOST_CHECK_THROW(p.interval(2025, 0.0), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(deadline_equal_to_last_year) {
  const auto p = ontrack::project_linear(kYears, kValues, 2020);
  BOOST_REQUIRE_EQUAL(p.forecast.size(), 1u);
  BOOST_TEST(p.forecast[0].year == 2020);
  BOOST_TEST(p.predict(2020) == p.fitted.back(), boost::test_tools::tolerance(1e-12));
}
