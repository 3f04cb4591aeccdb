#pragma once
/// The batch kernel: project millions of series in one call, into caller-allocated arrays.
///
/// Input is CSR: the points of series i are [offsets[i], offsets[i+1]) of `years`, `values`
/// (and `numerator`/`denominator` for count models). Output is a struct of arrays the caller
/// allocates (the Python binding hands NumPy buffers straight in: no copies). Every pointer in
/// batch_output may be null, meaning "not wanted".
///
/// Guarantees:
///  - results are bit-identical whatever the thread count: series are independent, each is
///    computed by the same code on one thread, and nothing is reduced across series;
///  - results equal the single-series entry points (project_linear(...).predict(deadline),
///    .interval(deadline, level), .prob_at_least(threshold, deadline), ...): the fast path below
///    runs the very same arithmetic, and every other case *is* the single-series call (bit
///    equality assumes both are compiled alike: -ffast-math, or FMA contraction in one place and
///    not the other, may change the last bits — never the thread invariance);
///  - a bad series yields its status code (and reason, if asked), never an exception: only a
///    malformed call (null required arrays, decreasing offsets, a level outside (0, 1)) throws,
///    before any work starts.
///
/// Speed: linear, log_linear and logit series whose years are strictly increasing and whose
/// values are finite and in the model's domain take an allocation-free fast path. Consecutive
/// series on the same years (a panel) share one year grid: x̄, Sxx and x − x̄ are computed once
/// and the series are fitted four at a time, one per SIMD lane (detail/grid_fit.hpp, AVX2 chosen
/// at run time); a series off the grid gets the same arithmetic one at a time (three passes
/// over its points). Both paths end in write_closed_form, whose prediction is ols_predictive —
/// the single-series models' own — and take Student-t quantiles from a per-call cache and the
/// CDF by the closed-form series in distributions.hpp. Everything else — other models, auto,
/// unsorted or invalid series — goes through the single-series functions (allocating, but still
/// one series per thread). Reasons are gathered for failed series only (batch_output::reasons).

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <exception>
#include <limits>
#include <optional>
#include <utility>
#include <stdexcept>
#include <string>
#include <thread>
#include <type_traits>
#include <vector>

#include <ontrack/detail/grid_fit.hpp>
#include <ontrack/project/select.hpp>

namespace ontrack {

/// Which side of the threshold meets the target.
enum class target_side : std::uint8_t {
  at_least,  ///< the target is met when value >= threshold (e.g. coverage ≥ 95%)
  at_most,   ///< the target is met when value <= threshold (e.g. MMR ≤ 12 per 100,000)
};

/// The series, in CSR form. Exactly one of years_i32 / years_i64 / years_f64 is set, so that
/// int32, int64 (pandas' default) and float year columns are all read in place.
struct batch_input {
  std::size_t n_series = 0;
  /// n_series + 1 non-decreasing positions into the point arrays.
  const std::int64_t* offsets = nullptr;
  const std::int32_t* years_i32 = nullptr;
  const std::int64_t* years_i64 = nullptr;
  /// Years as doubles (e.g. straight from a float column): each must be a finite whole number
  /// (NaN/inf → non_finite_value; 2020.5 → irregular_spacing: ontrack models annual series).
  const double* years_f64 = nullptr;
  const double* values = nullptr;       ///< required except for count models
  const double* numerator = nullptr;    ///< count models
  const double* denominator = nullptr;  ///< count models
};

struct batch_options {
  /// The model for every series; std::nullopt = auto (select.hpp's rule; model_used says which).
  std::optional<model> method = model::linear;
  /// Deadline year for every series, unless `deadlines` (n_series values) is given.
  int deadline = 2030;
  const std::int32_t* deadlines = nullptr;
  /// Central interval levels; lower/upper get one column per level.
  std::vector<double> levels{0.95};
  /// Probability of meeting a target at the deadline: P(value >= threshold) or P(value <=
  /// threshold) by `side`. Per-series `thresholds` / `sides` (0 = at_least, 1 = at_most)
  /// override the scalars; a NaN threshold gives a NaN probability.
  std::optional<double> threshold;
  const double* thresholds = nullptr;
  target_side side = target_side::at_least;
  const std::uint8_t* sides = nullptr;
  /// as_of, logit bounds, boundary nudge, count-model settings, auto settings.
  projection_options projection;
  /// Worker threads over contiguous blocks of series; 0 = std::thread::hardware_concurrency().
  unsigned threads = 1;
};

/// One output array: element i lives i·stride bytes after `data`. The stride defaults to
/// sizeof(T) (a dense array); a larger one writes into one field of an array of records — a
/// NumPy structured array, say — so that no result has to be copied into place afterwards.
template <class T>
struct strided {
  T* data = nullptr;
  std::ptrdiff_t stride = static_cast<std::ptrdiff_t>(sizeof(T));
  strided() = default;
  strided(T* p, std::ptrdiff_t bytes = static_cast<std::ptrdiff_t>(sizeof(T))) noexcept  // NOLINT: a pointer is a dense array
      : data(p), stride(bytes) {}
  explicit operator bool() const noexcept { return data != nullptr; }
  T& operator[](std::size_t i) const noexcept {
    return *reinterpret_cast<T*>(reinterpret_cast<char*>(data) + static_cast<std::ptrdiff_t>(i) * stride);
  }
};

/// Reasons of failed series: (series index, text).
using batch_reasons = std::vector<std::pair<std::size_t, std::string>>;

/// Caller-allocated outputs (any may be null = not wanted). Per-series arrays have n_series
/// entries. lower/upper hold n_series × levels.size() bounds: bound (i, l) is at byte
/// i·row_stride + l·level_stride from the start; with both strides left at 0 that is a
/// C-contiguous (n_series, n_levels) array of doubles.
struct batch_output {
  strided<std::uint8_t> status;      ///< projection_status
  strided<std::uint8_t> model_used;  ///< model (the chosen one under auto)
  strided<std::int32_t> n;           ///< observations used (0 when the series was rejected)
  strided<std::int32_t> last_year;   ///< last year used (0 when rejected)
  /// The model's trend per year on its own scale: units/year (linear, Theil–Sen, Holt's final
  /// trend), log/year (log_linear, poisson_rate, two_point, weighted), logit/year (logit,
  /// binomial_share).
  strided<double> slope;
  strided<double> annual_change;  ///< projection::observed_annual_change (value-scale OLS slope)
  strided<double> point;          ///< predict(deadline)
  double* lower = nullptr;        ///< interval(deadline, level).first
  double* upper = nullptr;        ///< interval(deadline, level).second
  std::ptrdiff_t bound_row_stride = 0;    ///< bytes from series i to i + 1 (0: 8·n_levels)
  std::ptrdiff_t bound_level_stride = 0;  ///< bytes from level l to l + 1 (0: 8)
  strided<double> prob;  ///< probability of meeting the threshold at the deadline
  /// The reasons of the series whose status is not ok, appended as (series, text) in increasing
  /// series order. Only failed series have one (ok caveats, such as "only 2 points", are left to
  /// single-series calls), so an all-ok batch allocates no text at all.
  batch_reasons* reasons = nullptr;
};

namespace detail {

/// The model-scale trend of a projection (see batch_output::slope).
inline double projection_slope(const projection& p) {
  for (const char* name : {"slope", "log_growth", "weighted_growth"})
    for (const auto& q : p.params)
      if (q.name == name) return q.value;
  return nan_value;
}

struct batch_context {
  const batch_input* in;
  const batch_options* opt;
  const batch_output* out;
  critical_value_cache crit;
  std::size_t n_levels;
  bool counts;
  std::ptrdiff_t row_stride, level_stride;  // of lower/upper, resolved (never 0)

  void set_bounds(std::size_t i, std::size_t l, double lo, double hi) const noexcept {
    const std::ptrdiff_t at = static_cast<std::ptrdiff_t>(i) * row_stride + static_cast<std::ptrdiff_t>(l) * level_stride;
    if (out->lower) *reinterpret_cast<double*>(reinterpret_cast<char*>(out->lower) + at) = lo;
    if (out->upper) *reinterpret_cast<double*>(reinterpret_cast<char*>(out->upper) + at) = hi;
  }
};

struct batch_workspace {
  std::vector<double> x, z;
  std::vector<int> years;
  std::vector<double> values, numerator, denominator;
  batch_reasons* reasons = nullptr;  ///< where this block's failures go (null: not wanted)
};

inline void write_failure(const batch_context& ctx, std::size_t i, projection_status s,
                          model m, std::string reason, batch_workspace& ws) {
  const auto& o = *ctx.out;
  if (o.status) o.status[i] = static_cast<std::uint8_t>(s);
  if (o.model_used) o.model_used[i] = static_cast<std::uint8_t>(m);
  if (o.n) o.n[i] = 0;
  if (o.last_year) o.last_year[i] = 0;
  if (o.slope) o.slope[i] = nan_value;
  if (o.annual_change) o.annual_change[i] = nan_value;
  if (o.point) o.point[i] = nan_value;
  for (std::size_t l = 0; l < ctx.n_levels; ++l) ctx.set_bounds(i, l, nan_value, nan_value);
  if (o.prob) o.prob[i] = nan_value;
  if (ws.reasons) ws.reasons->emplace_back(i, std::move(reason));
}

inline double series_threshold(const batch_options& opt, std::size_t i) {
  if (opt.thresholds) return opt.thresholds[i];
  return opt.threshold ? *opt.threshold : nan_value;
}
inline target_side series_side(const batch_options& opt, std::size_t i) {
  return opt.sides ? (opt.sides[i] ? target_side::at_most : target_side::at_least) : opt.side;
}
inline int series_deadline(const batch_options& opt, std::size_t i) {
  return opt.deadlines ? opt.deadlines[i] : opt.deadline;
}

template <class Y>
inline double year_as_double(const Y* y, std::int64_t j) noexcept {
  return static_cast<double>(y[j]);
}

/// in_domain with the transform kind fixed at compile time (no switch per point); the test is
/// value_transform's own.
template <transform_kind K>
inline bool in_domain_k(const value_transform& g, double v) noexcept {
  if constexpr (K == transform_kind::identity) return std::isfinite(v);
  else if constexpr (K == transform_kind::log) return v > 0.0 && std::isfinite(v);
  else return v > g.lo && v < g.hi;
}

/// The outputs of an ok closed-form series from its fit: every model-scale prediction comes from
/// ols_predictive — the one function of the sufficient statistics (n, x̄, Sxx, z̄, slope, RSS)
/// that the single-series models use too.
inline void write_closed_form(const batch_context& ctx, std::size_t i, model m, const value_transform& g,
                              const ols_core& c, const predictive_distribution& d, double last,
                              double annual_change, double prob) noexcept {
  const auto& o = *ctx.out;
  if (o.status) o.status[i] = static_cast<std::uint8_t>(projection_status::ok);
  if (o.model_used) o.model_used[i] = static_cast<std::uint8_t>(m);
  if (o.n) o.n[i] = static_cast<std::int32_t>(c.n);
  if (o.last_year) o.last_year[i] = static_cast<std::int32_t>(last);
  if (o.slope) o.slope[i] = c.slope;
  if (o.annual_change) o.annual_change[i] = annual_change;
  if (o.point) o.point[i] = g.to_value(d.location);
  for (std::size_t l = 0; l < ctx.n_levels; ++l) {
    const auto iv = interval_from_critical(g, d.location, d.scale, ctx.crit.get(l, d.df));
    ctx.set_bounds(i, l, iv.first, iv.second);
  }
  if (o.prob) o.prob[i] = prob;
}

/// The probability of meeting series i's target, from its model-scale predictive distribution.
inline double closed_form_prob(const batch_context& ctx, std::size_t i, const value_transform& g,
                               const predictive_distribution& d, const model_threshold& shared_threshold) noexcept {
  const auto& opt = *ctx.opt;
  const model_threshold t = opt.thresholds ? to_model_threshold(g, opt.thresholds[i]) : shared_threshold;
  return series_side(opt, i) == target_side::at_least ? prob_at_least(d.location, d.scale, d.df, t)
                                                      : prob_at_most(d.location, d.scale, d.df, t);
}

/// closed_form_prob for the series of a tile at once: the lanes whose probability is a
/// closed-form Student-t CDF (integer df ≤ closed_form_t_max_df, finite argument — every ok
/// series with 3 to 66 points) share one vectorised call, by the arithmetic prob_at_least /
/// prob_at_most and student_t_cdf use one at a time; the rest go one at a time.
inline void closed_form_probs(const batch_context& ctx, const std::size_t* series, const value_transform& g,
                              const predictive_distribution* d, std::size_t lanes,
                              const model_threshold& shared_threshold, double* prob) noexcept {
  const auto& opt = *ctx.opt;
  double arg[grid_lanes];
  std::size_t which[grid_lanes];
  std::size_t m = 0;
  const double df = d[0].df;
  const bool closed_form = is_closed_form_df(df);
  for (std::size_t lane = 0; lane < lanes; ++lane) {
    const std::size_t i = series[lane];
    const auto& di = d[lane];
    const model_threshold t = opt.thresholds ? to_model_threshold(g, opt.thresholds[i]) : shared_threshold;
    const bool at_least = series_side(opt, i) == target_side::at_least;
    if (closed_form && di.df == df && !std::isnan(di.location) && !t.is_decided && !std::isnan(di.scale) &&
        di.scale != 0.0) {
      const double x = at_least ? (di.location - t.z) / di.scale : (t.z - di.location) / di.scale;
      if (std::isfinite(x)) {
        arg[m] = x;
        which[m++] = lane;
        continue;
      }
    }
    prob[lane] = at_least ? prob_at_least(di.location, di.scale, di.df, t) : prob_at_most(di.location, di.scale, di.df, t);
  }
  if (m == 0) return;
  student_t_cdf_integer_df(arg, arg, m, static_cast<int>(df));
  for (std::size_t k = 0; k < m; ++k) prob[which[k]] = arg[k];
}

/// The allocation-free path for linear / log_linear / logit. Returns false (having written
/// nothing) when the series needs the general path: unsorted or duplicate years, a non-finite,
/// fractional or implausible year, a value that is non-finite or outside the domain, fewer than
/// 2 points after as_of, or a deadline before the data or too far after it.
template <transform_kind K, class Y>
inline bool batch_fast(const batch_context& ctx, std::size_t i, const Y* yr, const value_transform& g,
                       const model_threshold& shared_threshold, model m, batch_workspace& ws) {
  static_assert(std::is_same_v<Y, std::int32_t> || std::is_same_v<Y, std::int64_t> ||
                std::is_same_v<Y, double>);
  const auto& in = *ctx.in;
  const auto& opt = *ctx.opt;
  const std::int64_t b = in.offsets[i], e = in.offsets[i + 1];
  const std::size_t len = static_cast<std::size_t>(e - b);
  const Y* years = yr + b;
  const double* vals = in.values + b;
  double* x = ws.x.data();
  double* z = ws.z.data();
  // Without as_of every point is used; with it, a sorted series uses a prefix.
  const double as_of = opt.projection.as_of ? static_cast<double>(*opt.projection.as_of) : inf_value;
  const double limit = static_cast<double>(max_abs_year);
  std::size_t used = 0;
  double prev = -inf_value;
  for (std::size_t k = 0; k < len; ++k) {
    const double t = static_cast<double>(years[k]);
    if constexpr (std::is_same_v<Y, double>) {
      if (!(t == std::floor(t))) return false;  // NaN, inf, fractional
    }
    if (!(t > prev) || !(std::fabs(t) <= limit)) return false;  // unsorted, duplicate, implausible
    prev = t;
    if (t > as_of) continue;
    const double v = vals[k];
    if (!in_domain_k<K>(g, v)) return false;
    x[used] = t;
    z[used] = v;
    ++used;
  }
  if (used < 2) return false;
  // The transform after the checks, over the whole series at once (vectorised logs), by the
  // function the single-series models use.
  if constexpr (K != transform_kind::identity) g.to_model(z, z, used);
  const int deadline = series_deadline(opt, i);
  const double last = x[used - 1];
  const double dl = static_cast<double>(deadline);
  if (dl < last || dl - last > max_horizon_years) return false;

  const ols_core c = ols_fit_centred<plain_sum>(used, x, z);
  // On the identity scale the value-scale slope is the fit's own (ols_slope's arithmetic); else
  // the used points are a prefix of the series, so vals[k] pairs with x[k].
  const double change = !ctx.out->annual_change || K == transform_kind::identity
                            ? c.slope
                            : ols_slope(used, [&](std::size_t k) { return x[k]; }, [&](std::size_t k) { return vals[k]; });
  predictive_distribution d = ols_predictive(c, deadline);
  if (opt.projection.uncertainty == uncertainty_kind::calibrated)
    d.scale = calibrated_scale(d.scale, series_drift_variance(opt.projection.prior, c, used, x, z), dl - last,
                               last - c.x_mean, opt.projection.prior);
  const double prob = ctx.out->prob ? closed_form_prob(ctx, i, g, d, shared_threshold) : nan_value;
  write_closed_form(ctx, i, m, g, c, d, last, change, prob);
  return true;
}

/// The general path: gathers the series and calls the single-series function.
template <class Y>
inline void batch_general(const batch_context& ctx, std::size_t i, const Y* yr, batch_workspace& ws) {
  const auto& in = *ctx.in;
  const auto& opt = *ctx.opt;
  const model requested = opt.method.value_or(model::linear);
  const std::int64_t b = in.offsets[i], e = in.offsets[i + 1];
  ws.years.clear();
  ws.values.clear();
  ws.numerator.clear();
  ws.denominator.clear();
  for (std::int64_t j = b; j < e; ++j) {
    const double t = year_as_double(yr, j);
    // Any year type: a year far outside history would overflow the int conversion below.
    if (!std::isfinite(t) || std::fabs(t) > max_abs_year) {
      write_failure(ctx, i, projection_status::non_finite_value, requested,
                    "year " + number_text(t) + " is not a finite year", ws);
      return;
    }
    if constexpr (std::is_floating_point_v<Y>) {
      if (t != std::floor(t)) {
        write_failure(ctx, i, projection_status::irregular_spacing, requested,
                      "year " + number_text(t) +
                          " is not a whole number: ontrack models annual series", ws);
        return;
      }
    }
    ws.years.push_back(static_cast<int>(t));
    if (in.values) ws.values.push_back(in.values[j]);
    if (ctx.counts) {
      ws.numerator.push_back(in.numerator[j]);
      ws.denominator.push_back(in.denominator[j]);
    }
  }
  const int deadline = series_deadline(opt, i);
  projection p;
  try {
    if (!opt.method) {
      p = select_model(ws.years, ws.values, deadline, opt.projection).result;
    } else if (ctx.counts) {
      p = project(requested, ws.years, ws.values, deadline, opt.projection, ws.numerator, ws.denominator);
    } else {
      p = project(requested, ws.years, ws.values, deadline, opt.projection);
    }
  } catch (const projection_input_error& err) {
    write_failure(ctx, i, err.status(), requested, err.what(), ws);
    return;
  } catch (const std::exception& err) {
    write_failure(ctx, i, projection_status::degenerate, requested, err.what(), ws);
    return;
  }
  const auto& o = *ctx.out;
  if (o.status) o.status[i] = static_cast<std::uint8_t>(p.status);
  if (o.model_used) o.model_used[i] = static_cast<std::uint8_t>(p.method);
  if (o.n) o.n[i] = p.n;
  if (o.last_year) o.last_year[i] = p.last_year;
  if (o.annual_change) o.annual_change[i] = p.observed_annual_change;
  if (!p.ok()) {
    // Keep n / last_year / annual_change (they describe the data), blank the projection.
    if (o.slope) o.slope[i] = nan_value;
    if (o.point) o.point[i] = nan_value;
    for (std::size_t l = 0; l < ctx.n_levels; ++l) ctx.set_bounds(i, l, nan_value, nan_value);
    if (o.prob) o.prob[i] = nan_value;
    if (ws.reasons) ws.reasons->emplace_back(i, std::move(p.reason));
    return;
  }
  if (o.slope) o.slope[i] = projection_slope(p);
  const auto& d = p.at(deadline);
  if (d.counts.family != count_family::none) {  // a count model's discrete predictive
    if (o.point) o.point[i] = p.predict(deadline);
    for (std::size_t l = 0; l < ctx.n_levels; ++l) {
      const auto iv = p.interval(deadline, ctx.crit.level(l));
      ctx.set_bounds(i, l, iv.first, iv.second);
    }
    if (o.prob) {
      const double thr = series_threshold(opt, i);
      o.prob[i] = series_side(opt, i) == target_side::at_least ? p.prob_at_least(thr, deadline)
                                                               : p.prob_at_most(thr, deadline);
    }
    return;
  }
  if (o.point) o.point[i] = p.transform.to_value(d.location);
  for (std::size_t l = 0; l < ctx.n_levels; ++l) {
    const auto iv = interval_from_critical(p.transform, d.location, d.scale, ctx.crit.get(l, d.df));
    ctx.set_bounds(i, l, iv.first, iv.second);
  }
  if (o.prob) {
    const double thr = series_threshold(opt, i);
    o.prob[i] = series_side(opt, i) == target_side::at_least
                    ? prob_at_least(p.transform, d.location, d.scale, d.df, thr)
                    : prob_at_most(p.transform, d.location, d.scale, d.df, thr);
  }
}

/// The shared-year-grid path (detail/grid_fit.hpp): consecutive series with the very years of
/// the current grid are fitted grid_lanes at a time. The grid is the years of the last series
/// that could not join the previous one and whose years are valid for the fast path; x̄, Sxx and
/// x − x̄ are computed once for it, by the code every single fit runs.
template <transform_kind K, class Y>
class grid_path {
 public:
  grid_path(const batch_context& ctx, const value_transform& g, model m, const model_threshold& shared,
            std::size_t max_len)
      : ctx_(ctx), g_(g), m_(m), shared_(shared) {
    raw_.reserve(max_len);
    x_.reserve(max_len);
    dx_.reserve(max_len);
    tile_.resize(grid_lanes * std::max<std::size_t>(max_len, 2));
    values_tile_.resize(tile_.size());
  }

  /// Takes series i when it lies on the grid (making its years the grid if they qualify) and
  /// is valid for the fast path; false leaves it, untouched, to the other paths.
  bool take(std::size_t i, const Y* yr) {
    const auto& in = *ctx_.in;
    const std::int64_t b = in.offsets[i], e = in.offsets[i + 1];
    const std::size_t len = static_cast<std::size_t>(e - b);
    if (!on_grid(yr + b, len)) {
      flush();
      if (!make_grid(yr + b, len)) return false;
    }
    const int deadline = series_deadline(*ctx_.opt, i);
    const double dl = static_cast<double>(deadline);
    if (dl < last_ || dl - last_ > max_horizon_years) return false;
    const double* vals = in.values + b;
    // Copy first, test after: one branch per series, not per point.
    const std::size_t lane = lanes_;
    bool inside = true;
    for (std::size_t k = 0; k < grid_.n; ++k) {
      tile_[k * grid_lanes + lane] = vals[k];
      inside &= in_domain_k<K>(g_, vals[k]);
    }
    if (!inside) return false;
    series_[lane] = i;
    deadlines_[lane] = deadline;
    if (++lanes_ == grid_lanes) flush();
    return true;
  }

  /// Fits and writes the series gathered so far.
  void flush() noexcept {
    if (lanes_ == 0) return;
    const std::size_t n = grid_.n;
    // Unused lanes hold a value inside every model's domain, so they compute quietly.
    const double pad = K == transform_kind::identity ? 0.0 : (K == transform_kind::log ? 1.0 : 0.5 * (g_.lo + g_.hi));
    for (std::size_t lane = lanes_; lane < grid_lanes; ++lane)
      for (std::size_t k = 0; k < n; ++k) tile_[k * grid_lanes + lane] = pad;
    ols_core fit[grid_lanes], raw_fit[grid_lanes];
    const bool change_on_values = K != transform_kind::identity && ctx_.out->annual_change;
    if (change_on_values) {
      // The value-scale annual change: the same regression on the untransformed values.
      std::copy(tile_.begin(), tile_.begin() + static_cast<std::ptrdiff_t>(n * grid_lanes), values_tile_.begin());
      grid_fit_tile(grid_, values_tile_.data(), raw_fit);
    }
    if constexpr (K != transform_kind::identity) g_.to_model(tile_.data(), tile_.data(), n * grid_lanes);
    grid_fit_tile(grid_, tile_.data(), fit);
    predictive_distribution d[grid_lanes];
    const projection_options& po = ctx_.opt->projection;
    for (std::size_t lane = 0; lane < lanes_; ++lane) {
      d[lane] = ols_predictive(fit[lane], deadlines_[lane]);
      if (po.uncertainty == uncertainty_kind::calibrated) {
        // The same drift estimate as batch_fast's, read from this lane of the tile.
        const double drift = series_drift_variance_at(po.prior, fit[lane], drift_origins_,
                                                      [&](std::size_t k) { return tile_[k * grid_lanes + lane]; });
        d[lane].scale = calibrated_scale(d[lane].scale, drift, static_cast<double>(deadlines_[lane]) - last_,
                                         last_ - fit[lane].x_mean, po.prior);
      }
    }
    double prob[grid_lanes];
    if (ctx_.out->prob) closed_form_probs(ctx_, series_, g_, d, lanes_, shared_, prob);
    for (std::size_t lane = 0; lane < lanes_; ++lane)
      write_closed_form(ctx_, series_[lane], m_, g_, fit[lane], d[lane], last_,
                        change_on_values ? raw_fit[lane].slope : fit[lane].slope, ctx_.out->prob ? prob[lane] : nan_value);
    lanes_ = 0;
  }

 private:
  bool on_grid(const Y* years, std::size_t len) const noexcept {
    if (!valid_ || len != raw_.size()) return false;
    if constexpr (std::is_integral_v<Y>) {
      return std::memcmp(years, raw_.data(), len * sizeof(Y)) == 0;
    } else {
      for (std::size_t k = 0; k < len; ++k)
        if (!(years[k] == raw_[k])) return false;
      return true;
    }
  }

  /// The fast path's year rules (batch_fast's): whole, plausible, strictly increasing; with
  /// as_of the grid uses the prefix up to it, which must hold 2 points.
  bool make_grid(const Y* years, std::size_t len) {
    valid_ = false;
    raw_.assign(years, years + len);
    x_.clear();
    const double as_of = ctx_.opt->projection.as_of ? static_cast<double>(*ctx_.opt->projection.as_of) : inf_value;
    double prev = -inf_value;
    for (std::size_t k = 0; k < len; ++k) {
      const double t = static_cast<double>(years[k]);
      if constexpr (std::is_same_v<Y, double>) {
        if (!(t == std::floor(t))) return false;
      }
      if (!(t > prev) || !(std::fabs(t) <= static_cast<double>(max_abs_year))) return false;
      prev = t;
      if (t <= as_of) x_.push_back(t);
    }
    if (x_.size() < 2) return false;
    const ols_core c = ols_fit_centred<plain_sum>(x_.size(), x_.data(), x_.data());
    dx_.resize(x_.size());
    for (std::size_t k = 0; k < x_.size(); ++k) dx_[k] = x_[k] - c.x_mean;
    grid_ = year_grid{x_.size(), c.x_mean, c.sxx, dx_.data()};
    const projection_options& po = ctx_.opt->projection;
    if (po.uncertainty == uncertainty_kind::calibrated)  // the drift's year terms, once per grid
      drift_origins(x_.size(), [&](std::size_t k) { return x_[k]; }, po.prior.window_share, drift_origins_);
    last_ = x_.back();
    valid_ = true;
    return true;
  }

  const batch_context& ctx_;
  const value_transform& g_;
  model m_;
  const model_threshold& shared_;
  bool valid_ = false;
  std::vector<Y> raw_;
  std::vector<double> x_, dx_, tile_, values_tile_;
  std::vector<drift_origin> drift_origins_;
  year_grid grid_;
  double last_ = nan_value;
  std::size_t lanes_ = 0;
  std::size_t series_[grid_lanes]{};
  int deadlines_[grid_lanes]{};
};

template <class Y>
inline void batch_block(const batch_context& ctx, std::size_t begin, std::size_t end, const Y* yr,
                        std::size_t max_len, batch_reasons* reasons) {
  batch_workspace ws;
  ws.reasons = reasons;
  ws.x.resize(std::max<std::size_t>(max_len, 2));
  ws.z.resize(std::max<std::size_t>(max_len, 2));
  const auto& opt = *ctx.opt;
  const bool fast_model = opt.method && ctx.in->values != nullptr &&
                          (*opt.method == model::linear || *opt.method == model::log_linear ||
                           (*opt.method == model::logit && opt.projection.lower_bound < opt.projection.upper_bound &&
                            std::isfinite(opt.projection.lower_bound) && std::isfinite(opt.projection.upper_bound)));
  value_transform g;
  if (fast_model) {
    if (*opt.method == model::log_linear) g = value_transform::log();
    if (*opt.method == model::logit)
      g = value_transform::logit(opt.projection.lower_bound, opt.projection.upper_bound);
  }
  const model_threshold shared = to_model_threshold(g, opt.threshold.value_or(nan_value));
  const auto one_by_one = [&](std::size_t i, auto kind) {
    constexpr transform_kind K = decltype(kind)::value;
    try {
      if (fast_model && batch_fast<K>(ctx, i, yr, g, shared, *opt.method, ws)) return;
      batch_general(ctx, i, yr, ws);
    } catch (const std::exception& err) {
      // Only an allocation failure can get here; keep it to this series.
      write_failure(ctx, i, projection_status::degenerate, opt.method.value_or(model::linear),
                    std::string("internal error: ") + err.what(), ws);
    }
  };
  const auto run = [&](auto kind) {
    constexpr transform_kind K = decltype(kind)::value;
    if (!fast_model) {
      for (std::size_t i = begin; i < end; ++i) one_by_one(i, kind);
      return;
    }
    grid_path<K, Y> grid(ctx, g, *opt.method, shared, max_len);
    for (std::size_t i = begin; i < end; ++i)
      if (!grid.take(i, yr)) one_by_one(i, kind);
    grid.flush();
  };
  switch (g.kind) {
    case transform_kind::log: run(std::integral_constant<transform_kind, transform_kind::log>{}); break;
    case transform_kind::logit: run(std::integral_constant<transform_kind, transform_kind::logit>{}); break;
    default: run(std::integral_constant<transform_kind, transform_kind::identity>{});
  }
}

}  // namespace detail

/// Projects every series of `in` as `opt` says and writes the requested outputs.
/// Throws std::invalid_argument (before any work) when: offsets is null or decreasing, neither or
/// both year arrays are given, values is null for a value model (or auto), numerator/denominator
/// are null for a count model, a level is not in (0, 1), or the logit bounds are invalid for the
/// logit model. Per-series problems are statuses, never exceptions.
inline void project_batch(const batch_input& in, const batch_options& opt, const batch_output& out) {
  if (in.n_series > 0 && in.offsets == nullptr)
    throw std::invalid_argument("project_batch: offsets is null");
  const int year_arrays = (in.years_i32 != nullptr) + (in.years_i64 != nullptr) + (in.years_f64 != nullptr);
  if (year_arrays != 1 && in.n_series > 0)
    throw std::invalid_argument("project_batch: give exactly one of years_i32, years_i64 and years_f64");
  const bool counts = opt.method && (*opt.method == model::poisson_rate || *opt.method == model::binomial_share);
  if (counts && (in.numerator == nullptr || in.denominator == nullptr))
    throw std::invalid_argument("project_batch: model " + std::string(to_string(*opt.method)) +
                                " needs numerator and denominator arrays");
  if (!counts && in.values == nullptr && in.n_series > 0)
    throw std::invalid_argument("project_batch: values is null");
  for (double level : opt.levels) detail::check_level(level);
  if (opt.method && *opt.method == model::logit) detail::check_bounds(opt.projection.lower_bound, opt.projection.upper_bound);
  std::size_t max_len = 0;
  for (std::size_t i = 0; i < in.n_series; ++i) {
    if (in.offsets[i + 1] < in.offsets[i])
      throw std::invalid_argument("project_batch: offsets decrease at series " + std::to_string(i) +
                                  " (" + std::to_string(in.offsets[i]) + " then " +
                                  std::to_string(in.offsets[i + 1]) + ")");
    max_len = std::max(max_len, static_cast<std::size_t>(in.offsets[i + 1] - in.offsets[i]));
  }
  if (in.n_series == 0) return;
  const int max_df = static_cast<int>(std::min<std::size_t>(max_len, 1002)) - 2;
  constexpr auto bound_bytes = static_cast<std::ptrdiff_t>(sizeof(double));
  const detail::batch_context ctx{&in, &opt, &out, detail::critical_value_cache(opt.levels, max_df),
                                  opt.levels.size(), counts,
                                  out.bound_row_stride ? out.bound_row_stride
                                                       : bound_bytes * static_cast<std::ptrdiff_t>(opt.levels.size()),
                                  out.bound_level_stride ? out.bound_level_stride : bound_bytes};
  unsigned threads = opt.threads == 0 ? std::max(1u, std::thread::hardware_concurrency()) : opt.threads;
  threads = static_cast<unsigned>(std::min<std::size_t>(threads, in.n_series));
  const auto run = [&](std::size_t begin, std::size_t end, batch_reasons* reasons) {
    if (in.years_i32)
      detail::batch_block(ctx, begin, end, in.years_i32, max_len, reasons);
    else if (in.years_i64)
      detail::batch_block(ctx, begin, end, in.years_i64, max_len, reasons);
    else
      detail::batch_block(ctx, begin, end, in.years_f64, max_len, reasons);
  };
  if (threads <= 1) {
    run(0, in.n_series, out.reasons);
    return;
  }
  const std::size_t chunk = (in.n_series + threads - 1) / threads;
  std::vector<std::thread> pool;
  std::vector<std::exception_ptr> errors(threads);
  std::vector<batch_reasons> reasons(out.reasons ? threads : 0);
  pool.reserve(threads);
  for (unsigned t = 0; t < threads; ++t) {
    const std::size_t begin = std::min(in.n_series, t * chunk);
    const std::size_t end = std::min(in.n_series, begin + chunk);
    pool.emplace_back([&, t, begin, end] {
      try {
        run(begin, end, out.reasons ? &reasons[t] : nullptr);
      } catch (...) {
        errors[t] = std::current_exception();
      }
    });
  }
  for (auto& th : pool) th.join();
  for (auto& err : errors)
    if (err) std::rethrow_exception(err);
  // Blocks are consecutive, so their lists in block order are in series order.
  for (auto& block : reasons)
    out.reasons->insert(out.reasons->end(), std::make_move_iterator(block.begin()),
                        std::make_move_iterator(block.end()));
}

}  // namespace ontrack
