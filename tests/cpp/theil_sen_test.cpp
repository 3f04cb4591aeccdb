// Theil–Sen and Mann–Kendall against the published examples in
// tests/reference/mann_kendall_sen (Sen 1968; the Holy Cross hand-worked Mann–Kendall example).
#define BOOST_TEST_MODULE theil_sen
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <ontrack/project/theil_sen.hpp>

namespace tt = boost::test_tools;
using namespace ontrack;

namespace {
nlohmann::json load(const std::string& file) {
  const std::string path = std::string(ONTRACK_REFERENCE_DIR) + "/mann_kendall_sen/" + file;
  std::ifstream in(path);
  BOOST_REQUIRE_MESSAGE(in, "cannot open " + path);
  return nlohmann::json::parse(in);
}
}  // namespace

BOOST_AUTO_TEST_CASE(sen_1968_example) {
  const auto j = load("sen1968_theilsen_reference.json");
  const auto x = j["x"].get<std::vector<double>>();
  const auto y = j["y"].get<std::vector<double>>();
  const auto& e = j["expected"];
  const auto r = theil_sen(x, y, 0.93);
  BOOST_TEST(r.slope == e["slope"].get<double>());
  BOOST_TEST(r.intercept == e["intercept_separate_conover"].get<double>());
  BOOST_TEST(r.intercept_joint == e["intercept_joint_median_residual"].get<double>());
  // Exactly 26/7 and 35/8 (R deming); the pairwise slopes are computed as (y_j − y_i)/(x_j − x_i),
  // the same division that defines 26/7 and 35/8.
  BOOST_TEST(r.slope_lower == 26.0 / 7.0);
  BOOST_TEST(r.slope_upper == 35.0 / 8.0);
  // scipy's printed values, to their 2 decimals.
  BOOST_TEST(std::round(r.slope_lower * 100) / 100 == e["ci_alpha_0.07"]["lower"].get<double>(), tt::tolerance(1e-12));
  BOOST_TEST(std::round(r.slope_upper * 100) / 100 == e["ci_alpha_0.07"]["upper"].get<double>(), tt::tolerance(1e-12));
  BOOST_TEST(r.n_slopes == 21u);
  // var(S) = 7·6·19/18 (no ties).
  BOOST_TEST(r.kendall_variance == 7.0 * 6.0 * 19.0 / 18.0, tt::tolerance(1e-15));
}

BOOST_AUTO_TEST_CASE(sen_small_example_intercepts) {
  const auto j = load("sen1968_theilsen_reference.json");
  const auto& a = j["also"];
  const auto y = a["input"].get<std::vector<double>>();
  const auto r = theil_sen({0.0, 1.0, 2.0}, y);
  BOOST_TEST(r.slope == a["slope"].get<double>());
  BOOST_TEST(r.intercept == a["intercept_separate"].get<double>());
  BOOST_TEST(r.intercept_joint == a["intercept_joint"].get<double>());
}

BOOST_AUTO_TEST_CASE(holy_cross_mann_kendall) {
  const auto j = load("holycross_mk_by_hand.json");
  const auto data = j["data"].get<std::vector<double>>();
  const auto& e = j["expected"];  // the published numbers, not the helper's recomputation
  const auto r = mann_kendall(data);
  BOOST_TEST(r.s == e["S"].get<long long>());
  // "var_S": "(14)(13)(33)/18 - (2)(1)(9)/18 = 332.6667": the published value after '='.
  const std::string var_text = e["var_S"].get<std::string>();
  const double var_published = std::stod(var_text.substr(var_text.find('=') + 1));
  BOOST_TEST(var_published == 332.6667);
  BOOST_TEST(std::round(r.var_s * 1e4) / 1e4 == var_published, tt::tolerance(1e-12));
  BOOST_TEST(r.var_s == (14.0 * 13.0 * 33.0 - 2.0 * 1.0 * 9.0) / 18.0, tt::tolerance(1e-15));
  BOOST_TEST(std::round(r.z * 1e4) / 1e4 == e["Z_continuity_corrected"].get<double>(), tt::tolerance(1e-12));
  BOOST_TEST(std::round(r.p_one_sided * 1e4) / 1e4 == e["p_one_sided_approx"].get<double>(), tt::tolerance(1e-12));
  BOOST_TEST(r.p_two_sided == 2.0 * r.p_one_sided, tt::tolerance(1e-14));
  BOOST_TEST(r.p_increasing == r.p_one_sided, tt::tolerance(1e-14));  // S > 0
  BOOST_TEST(r.p_decreasing == 1.0 - r.p_one_sided, tt::tolerance(1e-14));
  // tau-a = 54/91; tau-b = 54/√((91 − 1)·91) (one tied pair).
  BOOST_TEST(r.tau_a == 54.0 / 91.0, tt::tolerance(1e-15));
  BOOST_TEST(r.tau_b == 54.0 / std::sqrt(90.0 * 91.0), tt::tolerance(1e-15));
}

BOOST_AUTO_TEST_CASE(mann_kendall_edge_cases) {
  const auto flat = mann_kendall({3.0, 3.0, 3.0, 3.0});
  BOOST_TEST(flat.s == 0);
  BOOST_TEST(flat.z == 0.0);
  BOOST_TEST(flat.p_two_sided == 1.0);
  const auto down = mann_kendall({5.0, 4.0, 3.0, 2.0, 1.0});
  BOOST_TEST(down.s == -10);
  BOOST_TEST(down.z < 0.0);
  BOOST_TEST(down.p_decreasing < 0.05);
  BOOST_CHECK_THROW(mann_kendall({1.0}), std::invalid_argument);
  BOOST_CHECK_THROW(mann_kendall({1.0, NAN}), std::invalid_argument);
  BOOST_CHECK_THROW(theil_sen({1.0, 1.0}, {1.0, 2.0}), std::invalid_argument);
}

// One wild year moves OLS but barely moves Theil–Sen.
BOOST_AUTO_TEST_CASE(projection_is_robust_to_an_outlier) {
  const std::vector<int> years{2011, 2012, 2013, 2014, 2015, 2016, 2017, 2018, 2019, 2020};
  std::vector<double> values;
  for (int t : years) values.push_back(50.0 + 1.0 * (t - 2011) + ((t % 3) - 1) * 0.2);
  const auto clean = project_theil_sen(years, values, 2030);
  values[4] = 120.0;  // 2015: a reporting error
  const auto dirty = project_theil_sen(years, values, 2030);
  BOOST_REQUIRE(dirty.ok());
  BOOST_TEST(std::fabs(dirty.param("slope").value - 1.0) < 0.1);
  BOOST_TEST(std::fabs(dirty.predict(2030) - clean.predict(2030)) < 1.5);
  // Interval: symmetric Student-t (n − 2 df) around the line, nested, monotone probabilities.
  const auto i95 = dirty.interval(2030, 0.95), i80 = dirty.interval(2030, 0.8);
  BOOST_TEST(i95.first < i80.first);
  BOOST_TEST(i80.second < i95.second);
  BOOST_TEST((i95.first + i95.second) / 2 == dirty.predict(2030), tt::tolerance(1e-12));
  BOOST_TEST(dirty.at(2030).df == 8.0);
  BOOST_TEST(dirty.prob_at_least(dirty.predict(2030), 2030) == 0.5, tt::tolerance(1e-12));
  BOOST_TEST(std::isnan(dirty.loglik));
  BOOST_TEST(dirty.param("mann_kendall_z").value > 2.0);
}

BOOST_AUTO_TEST_CASE(projection_with_two_points_is_a_point) {
  const auto p = project_theil_sen({2010, 2020}, {1.0, 3.0}, 2030);
  BOOST_TEST(p.predict(2030) == 5.0, tt::tolerance(1e-12));
  BOOST_TEST(std::isnan(p.interval(2030, 0.9).first));
  BOOST_CHECK_THROW(project_theil_sen({2010, 2010}, {1.0, 3.0}, 2030), std::invalid_argument);
}
