#pragma once
/// Student-t and normal distribution functions used by every projection model.
///
/// Predictive distributions in ontrack are location–scale Student-t (normal when the degrees of
/// freedom are infinite). The batch kernel evaluates a CDF and a quantile for every series, so
/// these two are made cheap here without hand-writing any special function:
///  - the CDF for small integer degrees of freedom uses the exact finite series of Abramowitz &
///    Stegun 26.7.3/26.7.4 (an atan and a few products), everything else goes to Boost.Math;
///  - quantiles always come from Boost.Math, and the batch kernel caches them per (level, df).

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>

#include <ontrack/detail/vector_log.hpp>

namespace ontrack::detail {

inline constexpr double nan_value = std::numeric_limits<double>::quiet_NaN();
inline constexpr double inf_value = std::numeric_limits<double>::infinity();

/// Largest integer df evaluated by the closed-form series. The series has about df/2 terms of
/// positive numbers, so its rounding error stays near machine epsilon; beyond this Boost's
/// incomplete beta is as fast and the finite series gains nothing.
inline constexpr int closed_form_t_max_df = 64;

/// P(T <= t) for T ~ Student-t with integer df in [1, closed_form_t_max_df].
///
/// Why a closed form: for integer df the incomplete beta function that defines the t CDF reduces
/// to a finite trigonometric series (A&S 26.7.3 for odd df, 26.7.4 for even df). With
/// θ = atan(t/√ν), cos θ = √ν/√(ν+t²), sin θ = t/√(ν+t²):
///   odd ν:  A = (2/π)(θ + sin θ cos θ [1 + (2/3)cos²θ + (2·4)/(3·5)cos⁴θ + …])   (ν−1)/2 terms
///   even ν: A = sin θ [1 + (1/2)cos²θ + (1·3)/(2·4)cos⁴θ + …]                    ν/2 terms
/// and P(T <= t) = (1 + A)/2. This is one atan (odd df), one sqrt and ~ν/2 multiply-adds instead
/// of a continued-fraction incomplete beta: the batch kernel needs millions per second (and
/// takes the arctangents of several series in one vector call).
/// Accuracy: absolute error ≲ 1e-15 everywhere (the result is formed as (1 + A)/2, so tail
/// probabilities far below 1e-15 carry no relative accuracy — irrelevant for "probability of
/// meeting a target", which is what this serves).
/// Term ratios of the two series, (2k)/(2k+1) (odd df) and (2k−1)/(2k) (even df), tabulated at
/// compile time so the hot loop multiplies instead of divides.
struct t_series_ratios {
  double odd[closed_form_t_max_df / 2 + 1]{};
  double even[closed_form_t_max_df / 2 + 1]{};
  constexpr t_series_ratios() {
    for (int k = 1; k <= closed_form_t_max_df / 2; ++k) {
      odd[k] = (2.0 * k) / (2.0 * k + 1.0);
      even[k] = (2.0 * k - 1.0) / (2.0 * k);
    }
  }
};
inline constexpr t_series_ratios t_ratios{};

/// p[i] = P(T <= t[i]) for i < count, T ~ Student-t with integer df in [1, closed_form_t_max_df],
/// t finite; t and p may be the same array. The batch kernel evaluates several series at once
/// through this, the single-value form below is the same code for count = 1 — so both give the
/// same bits (the arctangents come from atan_values, whose result does not depend on a value's
/// position).
inline void student_t_cdf_integer_df(const double* t, double* p, std::size_t count, int df) noexcept {
  constexpr std::size_t block = 8;
  const double nu = static_cast<double>(df);
  const double sqrt_nu = std::sqrt(nu);
  const bool odd = df % 2 == 1;
  // Terms of the finite series after the leading 1: (ν − 3)/2 for odd ν (none for ν = 1), (ν − 2)/2 for even.
  const int terms = odd ? (df > 1 ? (df - 3) / 2 : 0) : (df - 2) / 2;
  const double* ratio = odd ? t_ratios.odd : t_ratios.even;
  // Element by element the arithmetic is the textbook order above; the loops run across
  // elements so that they vectorise.
  for (std::size_t b = 0; b < count; b += block) {
    const std::size_t m = std::min(block, count - b);
    double theta[block], c[block], s[block], c2[block], term[block], sum[block];
    for (std::size_t i = 0; i < m; ++i) {
      const double ti = t[b + i];
      const double inv_r = 1.0 / std::sqrt(nu + ti * ti);
      c[i] = sqrt_nu * inv_r;  // cos θ
      s[i] = ti * inv_r;       // sin θ
      c2[i] = c[i] * c[i];
      term[i] = 1.0;
      sum[i] = 1.0;
      theta[i] = ti / sqrt_nu;
    }
    for (int k = 1; k <= terms; ++k)
      for (std::size_t i = 0; i < m; ++i) {
        term[i] *= c2[i] * ratio[k];
        sum[i] += term[i];
      }
    if (odd) {
      atan_values(theta, theta, m);
      for (std::size_t i = 0; i < m; ++i) {
        const double series = df > 1 ? sum[i] : 0.0;
        const double a = (2.0 / 3.14159265358979323846) * (theta[i] + s[i] * c[i] * series);
        p[b + i] = std::min(1.0, std::max(0.0, 0.5 * (1.0 + a)));
      }
    } else {
      for (std::size_t i = 0; i < m; ++i) {
        const double a = s[i] * sum[i];
        p[b + i] = std::min(1.0, std::max(0.0, 0.5 * (1.0 + a)));
      }
    }
  }
}

inline double student_t_cdf_integer_df(double t, int df) noexcept {
  double p;
  student_t_cdf_integer_df(&t, &p, 1, df);
  return p;
}

/// Whether df is an integer in [1, closed_form_t_max_df] (compared through an int: on a baseline
/// x86-64 build std::floor is a library call, and this test runs once per series).
inline bool is_closed_form_df(double df) noexcept {
  return df >= 1.0 && df <= closed_form_t_max_df && static_cast<double>(static_cast<int>(df)) == df;
}

/// Standard normal CDF through erfc (accurate in both tails).
inline double normal_cdf(double z) noexcept { return 0.5 * std::erfc(-z / std::sqrt(2.0)); }

/// P(T <= t) for a standard Student-t with `df` degrees of freedom; df = +inf gives the normal.
/// NaN for NaN arguments or df <= 0. Integer df up to closed_form_t_max_df use the closed form
/// above, other df Boost.Math.
inline double student_t_cdf(double t, double df) noexcept {
  if (std::isnan(t) || std::isnan(df) || !(df > 0.0)) return nan_value;
  if (std::isinf(t)) return t > 0.0 ? 1.0 : 0.0;
  if (std::isinf(df)) return normal_cdf(t);
  if (is_closed_form_df(df)) return student_t_cdf_integer_df(t, static_cast<int>(df));
  try {
    return boost::math::cdf(boost::math::students_t_distribution<double>(df), t);
  } catch (...) {
    return nan_value;
  }
}

/// The p-quantile of a standard Student-t (normal for df = +inf), from Boost.Math.
/// NaN for p outside (0, 1), NaN arguments or df <= 0.
inline double student_t_quantile(double p, double df) noexcept {
  if (!(p > 0.0 && p < 1.0) || std::isnan(df) || !(df > 0.0)) return nan_value;
  try {
    if (std::isinf(df)) return boost::math::quantile(boost::math::normal_distribution<double>(), p);
    return boost::math::quantile(boost::math::students_t_distribution<double>(df), p);
  } catch (...) {
    return nan_value;
  }
}

/// The two-sided critical value for a central interval of probability `level`:
/// the (1 + level)/2 quantile.
inline double central_critical_value(double level, double df) noexcept {
  return student_t_quantile(0.5 * (1.0 + level), df);
}

/// Throws std::invalid_argument unless 0 < level < 1.
inline void check_level(double level) {
  if (!(level > 0.0 && level < 1.0))
    throw std::invalid_argument("interval level " + std::to_string(level) +
                                " is not strictly between 0 and 1 (e.g. 0.95 for a 95% interval)");
}

/// Critical values cached per (level, integer df) for the batch kernel: Boost's quantile is an
/// iterative root-finder, far too slow per series. The values are the same Boost calls the
/// single-series path makes, so cached and uncached results are bit-identical.
class critical_value_cache {
 public:
  critical_value_cache() = default;
  /// Tabulates df = 1..max_df for each level (df > max_df falls back to a direct Boost call).
  critical_value_cache(const std::vector<double>& levels, int max_df)
      : levels_(levels), max_df_(std::max(0, max_df)) {
    table_.resize(levels_.size() * static_cast<std::size_t>(max_df_ + 1), nan_value);
    normal_.resize(levels_.size());
    for (std::size_t l = 0; l < levels_.size(); ++l) {
      for (int df = 1; df <= max_df_; ++df)
        table_[l * static_cast<std::size_t>(max_df_ + 1) + static_cast<std::size_t>(df)] =
            central_critical_value(levels_[l], df);
      normal_[l] = central_critical_value(levels_[l], inf_value);
    }
  }
  std::size_t levels() const noexcept { return levels_.size(); }
  double level(std::size_t l) const noexcept { return levels_[l]; }
  /// Critical value for level index l and df (integer, +inf, or anything else via Boost).
  double get(std::size_t l, double df) const noexcept {
    if (std::isinf(df) && df > 0) return normal_[l];
    if (df >= 1.0 && df <= max_df_ && static_cast<double>(static_cast<int>(df)) == df)
      return table_[l * static_cast<std::size_t>(max_df_ + 1) + static_cast<std::size_t>(df)];
    return central_critical_value(levels_[l], df);
  }

 private:
  std::vector<double> levels_;
  int max_df_ = 0;
  std::vector<double> table_;
  std::vector<double> normal_;
};

}  // namespace ontrack::detail
