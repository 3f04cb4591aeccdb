// detail::log_values: within an ulp of std::log, and a value's log independent of where it sits.
#define BOOST_TEST_MODULE vector_log
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <vector>

#include <ontrack/detail/vector_log.hpp>

using ontrack::detail::atan_values;
using ontrack::detail::log_values;

namespace {
double ulps(double got, double want) {
  const double ulp = std::nextafter(std::fabs(want), INFINITY) - std::fabs(want);
  return std::fabs(got - want) / ulp;
}
}  // namespace

BOOST_AUTO_TEST_CASE(within_one_ulp_of_std_log) {
  std::vector<double> x;
  for (double v = 1e-300; v < 1e300; v *= 1.37) x.push_back(v);
  for (double v = 0.5; v < 2.0; v += 1.0 / 4096) x.push_back(v);  // around 1, where log is small
  x.push_back(1.0);
  std::vector<double> y(x.size());
  log_values(x.data(), y.data(), x.size());
  double worst = 0.0;
  for (std::size_t i = 0; i < x.size(); ++i)
    worst = std::max(worst, x[i] == 1.0 ? std::fabs(y[i]) : ulps(y[i], std::log(x[i])));
  BOOST_TEST(worst <= 1.0);
}

BOOST_AUTO_TEST_CASE(a_value_gets_the_same_log_at_any_position_and_in_place) {
  const std::vector<double> values{0.37, 12.5, 99.9, 1e-9, 4.0e7, 2.0, 3.0, 5.0, 7.0};
  for (std::size_t n = 1; n <= values.size(); ++n) {
    std::vector<double> y(n);
    log_values(values.data(), y.data(), n);
    std::vector<double> in_place(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(n));
    log_values(in_place.data(), in_place.data(), n);
    for (std::size_t i = 0; i < n; ++i) {
      double alone = 0.0;
      log_values(&values[i], &alone, 1);
      BOOST_TEST(y[i] == alone);
      BOOST_TEST(in_place[i] == alone);
    }
  }
}

BOOST_AUTO_TEST_CASE(atan_within_one_ulp_of_std_atan_and_the_same_at_any_position) {
  std::vector<double> x;
  for (double v = 1e-300; v < 1e300; v *= 1.37) {
    x.push_back(v);
    x.push_back(-v);
  }
  for (double v = -4.0; v <= 4.0; v += 1.0 / 1024) x.push_back(v);
  x.push_back(0.0);
  std::vector<double> y(x.size());
  atan_values(x.data(), y.data(), x.size());
  double worst = 0.0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    worst = std::max(worst, x[i] == 0.0 ? std::fabs(y[i]) : ulps(y[i], std::atan(x[i])));
    double alone = 0.0;
    atan_values(&x[i], &alone, 1);
    BOOST_TEST(y[i] == alone);
  }
  BOOST_TEST(worst <= 1.0);
}
