#pragma once
/// The projection engine's common result type.
///
/// Every model (linear, log-linear, logit, Theil–Sen, Holt, damped Holt, two-point, weighted,
/// Poisson rate, binomial share) returns a `projection`: what was fitted, how well, and — for every
/// year from the year after the last observation to the deadline — a predictive distribution on
/// the model's own scale (location, scale, degrees of freedom) plus the monotone back-transform to
/// the indicator's scale. Because the transform is monotone, quantiles and probabilities computed
/// on the model scale and mapped back are exact, not approximations: that is why the result keeps
/// the model-scale distribution rather than a value-scale mean and standard deviation.
///
/// Error conventions (shared by all `project_*` entry points):
///  - caller errors throw `projection_input_error` (a `std::invalid_argument`, carrying the
///    `projection_status` the batch kernel reports for the same condition): fewer than 2 points,
///    non-finite values, duplicate years, a deadline before the last observation, a year beyond
///    ±1,000,000; and std::out_of_range for a deadline more than 1000 years after the data;
///  - data the model cannot use (a value ≤ 0 for log-linear, values outside logit bounds, years
///    with gaps for Holt, a GLM that does not converge...) are not exceptions: the projection comes
///    back with a status other than `ok` and a `reason` sentence naming the year and value.

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <ostream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <ontrack/detail/enum_names.hpp>
#include <ontrack/detail/vector_log.hpp>
#include <ontrack/project/calibration.hpp>
#include <ontrack/project/count_predictive.hpp>
#include <ontrack/project/distributions.hpp>

namespace ontrack {

/// The projection models. The numeric values are stable (the batch kernel writes them to arrays).
enum class model : std::uint8_t {
  linear,          ///< OLS straight line on the value scale, Student-t prediction intervals
  log_linear,      ///< OLS on log(value): constant proportional change (CAGR / AARR)
  logit,           ///< OLS on logit of the value between bounds [lo, hi]: saturating change
  theil_sen,       ///< robust median-of-pairwise-slopes line
  holt,            ///< Holt's linear-trend exponential smoothing (R forecast::ets "AAN")
  damped_holt,     ///< damped-trend Holt (R forecast::ets "AAdN")
  two_point,       ///< compound annual growth between a base year and the latest year
  weighted,        ///< ESCAP weighted geometric extrapolation
  poisson_rate,    ///< Poisson GLM for a rate from counts (numerator / denominator)
  binomial_share,  ///< binomial GLM for a proportion from counts
};

/// Outcome of a fit. Numeric values are stable (batch output).
enum class projection_status : std::uint8_t {
  ok,
  too_few_points,        ///< fewer points than the model needs
  non_finite_value,      ///< NaN or infinite value or year
  duplicate_year,        ///< the same year twice
  outside_domain,        ///< a value the model's scale cannot take (≤ 0 for log, at/outside logit bounds)
  deadline_before_data,  ///< deadline earlier than the last observation used
  irregular_spacing,     ///< gaps between years where the model needs consecutive years
  not_converged,         ///< an iterative fit did not converge (or diverged)
  degenerate,            ///< the data cannot identify the model (e.g. no events at all)
  numerical_trouble,     ///< the fit overflowed: values near ±1.8e308 give no finite projection
};

namespace detail {
inline constexpr name_table<model, 10> model_names{{
    {model::linear, "linear"},
    {model::log_linear, "log_linear"},
    {model::logit, "logit"},
    {model::theil_sen, "theil_sen"},
    {model::holt, "holt"},
    {model::damped_holt, "damped_holt"},
    {model::two_point, "two_point"},
    {model::weighted, "weighted"},
    {model::poisson_rate, "poisson_rate"},
    {model::binomial_share, "binomial_share"},
}};
inline constexpr name_table<projection_status, 10> projection_status_names{{
    {projection_status::ok, "ok"},
    {projection_status::too_few_points, "too_few_points"},
    {projection_status::non_finite_value, "non_finite_value"},
    {projection_status::duplicate_year, "duplicate_year"},
    {projection_status::outside_domain, "outside_domain"},
    {projection_status::deadline_before_data, "deadline_before_data"},
    {projection_status::irregular_spacing, "irregular_spacing"},
    {projection_status::not_converged, "not_converged"},
    {projection_status::degenerate, "degenerate"},
    {projection_status::numerical_trouble, "numerical_trouble"},
}};
}  // namespace detail

inline std::string_view to_string(model m) noexcept { return detail::name_of(detail::model_names, m); }
inline std::string_view to_string(projection_status s) noexcept {
  return detail::name_of(detail::projection_status_names, s);
}

/// Streams the names (readable logs and test failure messages).
inline std::ostream& operator<<(std::ostream& os, model m) { return os << to_string(m); }
inline std::ostream& operator<<(std::ostream& os, projection_status s) { return os << to_string(s); }

/// The model named `name` ("linear", "log_linear", ...). Throws std::invalid_argument naming the
/// accepted names for anything else.
inline model model_from_string(std::string_view name) {
  if (auto m = detail::value_of(detail::model_names, name)) return *m;
  throw std::invalid_argument("unknown projection model \"" + std::string(name) + "\": expected " +
                              detail::accepted_names(detail::model_names));
}

/// A caller error in a single-series projection call. It is a std::invalid_argument (so callers
/// may catch that) and carries the status the batch kernel reports for the same condition.
class projection_input_error : public std::invalid_argument {
 public:
  projection_input_error(projection_status status, const std::string& message)
      : std::invalid_argument(message), status_(status) {}
  projection_status status() const noexcept { return status_; }

 private:
  projection_status status_;
};

/// The monotone map between the indicator's scale (value y) and the model's scale (z).
enum class transform_kind : std::uint8_t { identity, log, logit };

struct value_transform {
  transform_kind kind = transform_kind::identity;
  double lo = 0.0;  ///< logit only: lower bound of the value
  double hi = 1.0;  ///< logit only: upper bound of the value

  static value_transform identity() noexcept { return {}; }
  static value_transform log() noexcept { return {transform_kind::log, 0.0, 1.0}; }
  static value_transform logit(double lo, double hi) noexcept { return {transform_kind::logit, lo, hi}; }

  /// True when y maps to a finite model-scale value: y > 0 for log, lo < y < hi for logit.
  bool in_domain(double y) const noexcept {
    switch (kind) {
      case transform_kind::log: return y > 0.0 && std::isfinite(y);
      case transform_kind::logit: return y > lo && y < hi;
      default: return std::isfinite(y);
    }
  }
  /// z = g(y): identity, log y, or logit((y − lo)/(hi − lo)). NaN/±inf outside the domain.
  double to_model(double y) const noexcept {
    switch (kind) {
      case transform_kind::log: return std::log(y);
      case transform_kind::logit: {
        // log((y − lo)/(hi − y)) equals logit((y − lo)/(hi − lo)) and keeps precision near both
        // bounds (no 1 − p cancellation).
        return std::log((y - lo) / (hi - y));
      }
      default: return y;
    }
  }
  /// z = g(y) for a whole series (every y in the domain; y and z may be the same array). The
  /// batch kernel and the single-series models transform their data through this one function,
  /// whose logs are vectorised (detail/vector_log.hpp) and may differ from std::log's by an ulp.
  void to_model(const double* y, double* z, std::size_t n) const noexcept {
    switch (kind) {
      case transform_kind::log: detail::log_values(y, z, n); return;
      case transform_kind::logit:
        for (std::size_t i = 0; i < n; ++i) z[i] = (y[i] - lo) / (hi - y[i]);
        detail::log_values(z, z, n);
        return;
      default: std::copy(y, y + n, z);
    }
  }
  /// y = g⁻¹(z). Always inside the domain (the logit inverse never leaves (lo, hi) except by
  /// rounding to a bound for |z| > ~37).
  double to_value(double z) const noexcept {
    switch (kind) {
      case transform_kind::log: return std::exp(z);
      case transform_kind::logit: {
        // Written so that neither branch overflows.
        if (z >= 0.0) {
          const double e = std::exp(-z);
          return lo + (hi - lo) / (1.0 + e);
        }
        const double e = std::exp(z);
        return lo + (hi - lo) * e / (1.0 + e);
      }
      default: return z;
    }
  }
};

/// One estimated quantity. `std_error` is NaN where it is undefined (e.g. a two-point growth rate).
struct parameter {
  std::string name;
  double value = detail::nan_value;
  double std_error = detail::nan_value;
};

/// The predictive distribution of the indicator in one future year, on the model's scale:
/// Z = location + scale · T_df (T_df a standard Student-t; df = +inf means normal).
/// scale = 0 is a point mass (a perfect fit); scale = NaN means the model gives a point only
/// (two-point and weighted extrapolation, or a line through exactly two points).
/// Count models with calibrated uncertainty (and every zero-event series) also carry `counts`,
/// the discrete distribution of the future count (count_predictive.hpp); predict, interval and
/// the probabilities then come from it, and location/scale are its continuous approximation.
struct predictive_distribution {
  int year = 0;
  double location = detail::nan_value;
  double scale = detail::nan_value;
  double df = detail::inf_value;
  count_predictive counts;
};

namespace detail {

/// A threshold v carried to the model scale once, for P(Y >= v) and P(Y <= v) with
/// Y = g⁻¹(location + scale·T_df). When v lies outside the transform's range (v ≤ 0 under log,
/// v ≤ lo or ≥ hi under logit, ±inf) or is NaN, the range alone decides: `decided` is
/// P(Y >= v) (0, 1 or NaN) and `z` is unused. The batch kernel converts a shared threshold once
/// per call instead of once per series.
struct model_threshold {
  double z = nan_value;
  bool is_decided = false;
  double decided = nan_value;
};

inline model_threshold to_model_threshold(const value_transform& g, double v) noexcept {
  const auto decide = [](double p_at_least) { return model_threshold{nan_value, true, p_at_least}; };
  if (std::isnan(v)) return decide(nan_value);
  switch (g.kind) {
    case transform_kind::log:
      if (v <= 0.0) return decide(1.0);
      if (std::isinf(v)) return decide(0.0);
      return {std::log(v)};
    case transform_kind::logit:
      if (v <= g.lo) return decide(1.0);
      if (v >= g.hi) return decide(0.0);
      return {g.to_model(v)};
    default:
      if (std::isinf(v)) return decide(v > 0 ? 0.0 : 1.0);
      return {v};
  }
}

/// P(Y >= v). NaN when v or location is NaN, or the distribution is undefined (scale NaN) and
/// the range does not decide. Computed on the model scale (exact for monotone g).
inline double prob_at_least(double location, double scale, double df, const model_threshold& t) noexcept {
  if (std::isnan(location)) return nan_value;
  if (t.is_decided) return t.decided;
  if (std::isnan(scale)) return nan_value;
  if (scale == 0.0) return location >= t.z ? 1.0 : 0.0;
  return student_t_cdf((location - t.z) / scale, df);
}

/// P(Y <= v), the mirror of prob_at_least.
inline double prob_at_most(double location, double scale, double df, const model_threshold& t) noexcept {
  if (std::isnan(location)) return nan_value;
  if (t.is_decided) return std::isnan(t.decided) ? nan_value : 1.0 - t.decided;
  if (std::isnan(scale)) return nan_value;
  if (scale == 0.0) return location <= t.z ? 1.0 : 0.0;
  return student_t_cdf((t.z - location) / scale, df);
}

inline double prob_at_least(const value_transform& g, double location, double scale, double df,
                            double v) noexcept {
  return prob_at_least(location, scale, df, to_model_threshold(g, v));
}

inline double prob_at_most(const value_transform& g, double location, double scale, double df,
                           double v) noexcept {
  return prob_at_most(location, scale, df, to_model_threshold(g, v));
}

/// Central interval on the value scale from a critical value: g⁻¹(location ∓ crit·scale).
inline std::pair<double, double> interval_from_critical(const value_transform& g, double location,
                                                        double scale, double crit) noexcept {
  if (std::isnan(scale) || std::isnan(location) || std::isnan(crit)) return {nan_value, nan_value};
  if (scale == 0.0) {
    const double v = g.to_value(location);
    return {v, v};
  }
  return {g.to_value(location - crit * scale), g.to_value(location + crit * scale)};
}

/// Shortest round-trip text of a number, for reasons ("value -3.2 in 2017").
inline std::string number_text(double v) {
  char buf[64];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}

}  // namespace detail

/// The result of projecting one series with one model.
///
/// Scales: `values` and `fitted` are on the indicator's (value) scale; `residuals` and `sigma2`
/// are on the model's scale (log for log_linear, logit for logit; Pearson residuals and the
/// Pearson dispersion for the count models) because that is where the model's error lives.
/// `loglik` is the log-likelihood of the observed values on the value scale (the Jacobian of the
/// transform is included), so AICc compares linear, log_linear and logit fits of the same data;
/// the ETS models report R forecast's convention instead (see holt.hpp). NaN where undefined.
struct projection {
  model method = model::linear;
  projection_status status = projection_status::ok;
  /// Why the status is not ok, or a caveat for an ok fit (e.g. "2 points: no interval"); names
  /// the year and value concerned where there is one. Empty for an unremarkable fit.
  std::string reason;
  std::vector<parameter> params;
  int n = 0;                    ///< number of observations the model used
  std::vector<int> years;       ///< years used (ascending, after as_of)
  std::vector<double> values;   ///< observed values used (value scale)
  std::vector<double> fitted;   ///< in-sample fitted values (value scale); NaN where undefined
  std::vector<double> residuals;  ///< model-scale residuals (see above)
  double sigma2 = detail::nan_value;  ///< residual variance on the model scale
  double loglik = detail::nan_value;
  double aicc = detail::nan_value;
  int last_year = 0;            ///< last observed year used
  double last_value = detail::nan_value;
  /// OLS slope of the used values on their years, on the value scale (units per year), whatever
  /// the model: a model-free summary of the observed pace, comparable across models.
  double observed_annual_change = detail::nan_value;
  value_transform transform;
  /// One entry per year from min(last_year + 1, deadline) to the deadline, ascending. (If the
  /// deadline is the last observed year itself, the one entry is the model's predictive
  /// distribution for a fresh observation of that year.) Empty when status is not ok.
  std::vector<predictive_distribution> forecast;

  bool ok() const noexcept { return status == projection_status::ok; }
  int deadline() const noexcept { return forecast.empty() ? last_year : forecast.back().year; }

  /// The parameter called `name`. Throws std::out_of_range if there is none.
  const parameter& param(std::string_view name) const {
    for (const auto& p : params)
      if (p.name == name) return p;
    throw std::out_of_range("projection (" + std::string(to_string(method)) +
                            ") has no parameter \"" + std::string(name) + "\"");
  }

  /// The predictive distribution for `year`. Throws std::out_of_range (naming the covered years)
  /// when the projection has no entry for it — including every year when status is not ok.
  const predictive_distribution& at(int year) const {
    if (!forecast.empty() && year >= forecast.front().year && year <= forecast.back().year)
      return forecast[static_cast<std::size_t>(year - forecast.front().year)];
    std::string msg = "year " + std::to_string(year) + " is not projected: ";
    if (forecast.empty())
      msg += "this " + std::string(to_string(method)) + " projection has status " +
             std::string(to_string(status)) + (reason.empty() ? "" : " (" + reason + ")");
    else
      msg += "this projection covers " + std::to_string(forecast.front().year) + "–" +
             std::to_string(forecast.back().year);
    throw std::out_of_range(msg);
  }

  /// Point projection for `year`: the back-transformed predictive median (for log and logit
  /// models the median, not the mean, of the value — it is what the interval is centred on and
  /// it commutes with the monotone transform; for a discrete count predictive the median of the
  /// uncertain rate, not of the count). NaN when status is not ok. Throws
  /// std::out_of_range for an ok projection and a year it does not cover.
  double predict(int year) const {
    if (!ok()) return detail::nan_value;
    const auto& d = at(year);
    if (d.counts.family != count_family::none) return detail::count_rate_median(d.counts);
    return transform.to_value(d.location);
  }

  /// Central predictive interval of probability `level` for `year`, on the value scale: the
  /// transformed Student-t (or normal) quantiles, exact for the monotone transforms; for a
  /// discrete count predictive the count's quantiles mapped to the rate (count_interval). (NaN, NaN)
  /// for point-only models and non-ok projections. Throws std::invalid_argument unless
  /// 0 < level < 1, std::out_of_range as predict().
  std::pair<double, double> interval(int year, double level) const {
    detail::check_level(level);
    if (!ok()) return {detail::nan_value, detail::nan_value};
    const auto& d = at(year);
    if (d.counts.family != count_family::none) return detail::count_interval(d.counts, level);
    return detail::interval_from_critical(transform, d.location, d.scale,
                                          detail::central_critical_value(level, d.df));
  }

  /// P(value in `year` >= v), computed on the model scale (exact for monotone transforms); values
  /// outside a logit model's bounds give 0/1. NaN for point-only models and non-ok projections.
  /// Throws std::out_of_range as predict().
  double prob_at_least(double v, int year) const {
    if (!ok()) return detail::nan_value;
    const auto& d = at(year);
    if (d.counts.family != count_family::none) return detail::count_prob_at_least(d.counts, v);
    return detail::prob_at_least(transform, d.location, d.scale, d.df, v);
  }

  /// P(value in `year` <= v); see prob_at_least.
  double prob_at_most(double v, int year) const {
    if (!ok()) return detail::nan_value;
    const auto& d = at(year);
    if (d.counts.family != count_family::none) return detail::count_prob_at_most(d.counts, v);
    return detail::prob_at_most(transform, d.location, d.scale, d.df, v);
  }
};

/// Options shared by the single-series entry points (each model reads the fields it needs).
struct projection_options {
  /// Use only observations with year <= as_of (a projection "as it would have been made then").
  std::optional<int> as_of;
  /// logit: bounds of the value. The default [0, 100] suits percentages.
  double lower_bound = 0.0;
  double upper_bound = 100.0;
  /// logit: values exactly at a bound are outside the logit's domain. With boundary_nudge > 0
  /// such values are moved inside by boundary_nudge·(upper − lower) and the reason lists every
  /// nudged year; with 0 (the default) they give status outside_domain. Never silent.
  double boundary_nudge = 0.0;
  /// Count models: the unit of the reported rate (1e5 for "per 100,000 live births"; 100 for a
  /// percentage share).
  double multiplier = 1.0;
  /// Count models: the denominator expected in future years is the mean of the last
  /// `expected_denominator_years` denominators, unless `expected_denominator` is set.
  int expected_denominator_years = 3;
  std::optional<double> expected_denominator;
  /// Count models: inflate the parameter covariance and sampling variance by the Pearson
  /// dispersion when it exceeds 1 (quasi-likelihood), so extra-Poisson noise is not read as signal.
  bool overdispersion = true;
  /// two_point: base year of the growth rate (default: the first year used). Must be a year of
  /// the data.
  std::optional<int> base_year;
  /// auto (select.hpp): consider the logit model. Off by default because [lower_bound,
  /// upper_bound] is only meaningful for a bounded indicator (a percentage, a share); set it for
  /// those. Values must lie strictly inside the bounds for logit to compete.
  bool auto_consider_logit = false;
  /// auto: consider Holt / damped Holt (needs ≥ 4 consecutive years and a build with ets.hpp).
  bool auto_consider_ets = true;
  /// holt / damped_holt: parameters to fix instead of estimating, passed to ets_options (beta is
  /// the ets beta = alpha·beta*; phi is used by damped_holt and ignored by holt). Unset: estimated.
  std::optional<double> alpha, beta, phi, l0, b0;
  /// The predictive uncertainty: `calibrated` (the default) adds the chance that the trend bends
  /// (calibration.hpp); `model` is each model's own variance (the published-reference paths).
  uncertainty_kind uncertainty = uncertainty_kind::calibrated;
  /// calibrated: the drift prior (the shipped one unless a caller re-derives it).
  drift_prior prior;
};

namespace detail {

/// Sorted, validated (year, value) data of one series after the as_of filter.
struct clean_series {
  std::vector<int> years;
  std::vector<double> values;
  std::vector<double> numerator;
  std::vector<double> denominator;
};

/// Years beyond ±max_abs_year are rejected (non_finite_value): no annual indicator lives there,
/// and the bound keeps year arithmetic far from integer overflow.
inline constexpr int max_abs_year = 1000000;
/// The longest projection horizon (deadline − last year) accepted: the forecast table has one
/// entry per year.
inline constexpr int max_horizon_years = 1000;

[[noreturn]] inline void input_error(projection_status s, const std::string& msg) {
  throw projection_input_error(s, msg);
}

/// Validates and sorts one series for the single-series entry points.
/// Throws projection_input_error (std::invalid_argument) for: mismatched lengths, a non-finite
/// value or count, a year beyond ±max_abs_year, duplicate years, fewer than `min_points` points
/// after as_of, deadline before the last year used; std::out_of_range for a deadline more than
/// max_horizon_years after the last year used.
inline clean_series prepare_series(const std::vector<int>& years, const std::vector<double>& values,
                                   int deadline, const projection_options& opt,
                                   const std::vector<double>* numerator = nullptr,
                                   const std::vector<double>* denominator = nullptr,
                                   std::size_t min_points = 2, const char* what = "series") {
  const bool counts = numerator != nullptr;
  const std::size_t len = counts ? numerator->size() : values.size();
  if (years.size() != len)
    throw std::invalid_argument(std::string(what) + ": " + std::to_string(years.size()) +
                                " years but " + std::to_string(len) +
                                (counts ? " numerators" : " values") + ": they must pair up");
  if (counts && (denominator == nullptr || denominator->size() != len))
    throw std::invalid_argument(std::string(what) + ": " + std::to_string(len) + " numerators but " +
                                std::to_string(denominator ? denominator->size() : 0) +
                                " denominators: they must pair up");
  std::vector<std::size_t> idx;
  idx.reserve(len);
  for (std::size_t i = 0; i < len; ++i)
    if (!opt.as_of || years[i] <= *opt.as_of) idx.push_back(i);
  std::stable_sort(idx.begin(), idx.end(),
                   [&](std::size_t a, std::size_t b) { return years[a] < years[b]; });
  clean_series out;
  out.years.reserve(idx.size());
  for (std::size_t k = 0; k < idx.size(); ++k) {
    const std::size_t i = idx[k];
    if (years[i] > max_abs_year || years[i] < -max_abs_year)
      input_error(projection_status::non_finite_value,
                  std::string(what) + ": year " + std::to_string(years[i]) +
                      " is outside ±" + std::to_string(max_abs_year) + ": not a plausible year");
    if (k > 0 && years[i] == years[idx[k - 1]])
      input_error(projection_status::duplicate_year,
                  std::string(what) + ": year " + std::to_string(years[i]) +
                      " appears twice: each year may have one observation");
    if (counts) {
      const double d = (*numerator)[i], e = (*denominator)[i];
      if (!std::isfinite(d) || !std::isfinite(e))
        input_error(projection_status::non_finite_value,
                    std::string(what) + ": year " + std::to_string(years[i]) + " has numerator " +
                        number_text(d) + " and denominator " + number_text(e) +
                        ": counts must be finite numbers");
      out.numerator.push_back(d);
      out.denominator.push_back(e);
    } else {
      const double v = values[i];
      if (!std::isfinite(v))
        input_error(projection_status::non_finite_value,
                    std::string(what) + ": year " + std::to_string(years[i]) + " has value " +
                        number_text(v) + ": values must be finite numbers");
      out.values.push_back(v);
    }
    out.years.push_back(years[i]);
  }
  if (out.years.size() < min_points) {
    std::string msg = std::string(what) + ": " + std::to_string(out.years.size()) +
                      (out.years.size() == 1 ? " point" : " points");
    if (opt.as_of) msg += " up to as_of " + std::to_string(*opt.as_of);
    if (out.years.size() == 1) msg += " (" + std::to_string(out.years[0]) + ")";
    msg += "; at least " + std::to_string(min_points) + " are needed";
    input_error(projection_status::too_few_points, msg);
  }
  if (deadline < out.years.back())
    input_error(projection_status::deadline_before_data,
                std::string(what) + ": deadline " + std::to_string(deadline) +
                    " is before the last observation used (" + std::to_string(out.years.back()) +
                    "): the deadline must not precede the data");
  if (static_cast<long long>(deadline) - out.years.back() > max_horizon_years)
    throw std::out_of_range(std::string(what) + ": deadline " + std::to_string(deadline) +
                            " is more than " + std::to_string(max_horizon_years) +
                            " years after the last observation used (" +
                            std::to_string(out.years.back()) + ")");
  return out;
}

/// First year of the forecast table: the year after the last observation, or the deadline itself
/// when it equals the last observed year.
inline int first_forecast_year(int last_year, int deadline) noexcept {
  return std::min(last_year + 1, deadline);
}

/// OLS slope of y on x (value scale), two-pass with centred x. NaN for fewer than 2 distinct x.
/// Shared by every model's observed_annual_change and the batch kernel (same arithmetic). Each
/// sum runs in four interleaved accumulators combined as (l0 + l1) + (l2 + l3), the order
/// ols_fit_centred uses: on the identity scale the two give the same slope to the last bit, and
/// the add-latency chain is a quarter as long.
template <class XAt, class YAt>
inline double ols_slope(std::size_t n, XAt x, YAt y) noexcept {
  if (n < 2) return nan_value;
  // Written out lane by lane (not as arrays indexed i % 4) so the accumulators stay in registers.
  const std::size_t n4 = n & ~std::size_t{3};
  double x0 = 0.0, x1 = 0.0, x2 = 0.0, x3 = 0.0, y0 = 0.0, y1 = 0.0, y2 = 0.0, y3 = 0.0;
  for (std::size_t i = 0; i < n4; i += 4) {
    x0 += x(i), x1 += x(i + 1), x2 += x(i + 2), x3 += x(i + 3);
    y0 += y(i), y1 += y(i + 1), y2 += y(i + 2), y3 += y(i + 3);
  }
  if (n - n4 > 0) x0 += x(n4), y0 += y(n4);
  if (n - n4 > 1) x1 += x(n4 + 1), y1 += y(n4 + 1);
  if (n - n4 > 2) x2 += x(n4 + 2), y2 += y(n4 + 2);
  const double dn = static_cast<double>(n);
  const double xm = ((x0 + x1) + (x2 + x3)) / dn;
  const double ym = ((y0 + y1) + (y2 + y3)) / dn;
  double xx0 = 0.0, xx1 = 0.0, xx2 = 0.0, xx3 = 0.0, xy0 = 0.0, xy1 = 0.0, xy2 = 0.0, xy3 = 0.0;
  const auto step = [&](double& xx, double& xy, std::size_t i) {
    const double dx = x(i) - xm;
    xx += dx * dx;
    xy += dx * (y(i) - ym);
  };
  for (std::size_t i = 0; i < n4; i += 4) {
    step(xx0, xy0, i);
    step(xx1, xy1, i + 1);
    step(xx2, xy2, i + 2);
    step(xx3, xy3, i + 3);
  }
  if (n - n4 > 0) step(xx0, xy0, n4);
  if (n - n4 > 1) step(xx1, xy1, n4 + 1);
  if (n - n4 > 2) step(xx2, xy2, n4 + 2);
  const double xx = (xx0 + xx1) + (xx2 + xx3);
  const double xy = (xy0 + xy1) + (xy2 + xy3);
  return xx > 0.0 ? xy / xx : nan_value;
}

inline double observed_change(const std::vector<int>& years, const std::vector<double>& values) {
  return ols_slope(
      years.size(), [&](std::size_t i) { return static_cast<double>(years[i]); },
      [&](std::size_t i) { return values[i]; });
}

/// A projection of `cs` by model `m` on scale `g`, its data fields filled in (years, values, n,
/// last year and value, observed annual change); the model adds the rest.
inline projection projection_of(model m, const value_transform& g, const clean_series& cs) {
  projection p;
  p.method = m;
  p.transform = g;
  p.years = cs.years;
  p.values = cs.values;
  p.n = static_cast<int>(cs.years.size());
  p.last_year = cs.years.back();
  p.last_value = cs.values.back();
  p.observed_annual_change = observed_change(cs.years, cs.values);
  return p;
}

/// Adds the slope drift D (calibration.hpp) to every forecast entry's scale; `mean_year` is the
/// mean of the years fitted.
inline void add_slope_drift(projection& p, double drift_variance, double mean_year,
                            const drift_prior& prior) noexcept {
  const double window = static_cast<double>(p.last_year) - mean_year;
  for (auto& d : p.forecast)
    d.scale = calibrated_scale(d.scale, drift_variance, static_cast<double>(d.year - p.last_year), window, prior);
}

/// AICc = −2 loglik + 2k + 2k(k+1)/(n − k − 1); NaN when n ≤ k + 1.
inline double aicc(double loglik, int k, int n) noexcept {
  if (n - k - 1 <= 0 || std::isnan(loglik)) return nan_value;
  return -2.0 * loglik + 2.0 * k + 2.0 * k * (k + 1.0) / (n - k - 1.0);
}

}  // namespace detail
}  // namespace ontrack
