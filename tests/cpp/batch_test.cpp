// The batch kernel: identical results for any thread count, equal to the single-series calls,
// statuses (never exceptions) for bad series.
#define BOOST_TEST_MODULE batch
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include <ontrack/project/batch.hpp>

using namespace ontrack;

namespace {

/// splitmix64: a fixed, platform-independent stream of pseudo-random numbers.
struct rng {
  std::uint64_t s;
  std::uint64_t next() {
    std::uint64_t z = (s += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  int below(int n) { return static_cast<int>(next() % static_cast<std::uint64_t>(n)); }
};

/// Series in CSR form, plus the same data as vectors for the single-series calls.
struct data {
  std::vector<std::int64_t> offsets{0};
  std::vector<std::int32_t> years;
  std::vector<double> years_f64, values, numerator, denominator;
  std::vector<std::int32_t> deadlines;
  std::vector<double> thresholds;
  std::vector<std::uint8_t> sides;

  void add(const std::vector<int>& y, const std::vector<double>& v, int deadline, double threshold,
           std::uint8_t side, const std::vector<double>& num = {}, const std::vector<double>& den = {}) {
    for (std::size_t i = 0; i < y.size(); ++i) {
      years.push_back(y[i]);
      years_f64.push_back(y[i]);
      values.push_back(v[i]);
      numerator.push_back(num.empty() ? 1.0 : num[i]);
      denominator.push_back(den.empty() ? 100.0 : den[i]);
    }
    offsets.push_back(static_cast<std::int64_t>(years.size()));
    deadlines.push_back(deadline);
    thresholds.push_back(threshold);
    sides.push_back(side);
  }
  std::size_t size() const { return deadlines.size(); }
  std::vector<int> series_years(std::size_t i) const {
    return std::vector<int>(years.begin() + offsets[i], years.begin() + offsets[i + 1]);
  }
  std::vector<double> slice(const std::vector<double>& v, std::size_t i) const {
    return std::vector<double>(v.begin() + offsets[i], v.begin() + offsets[i + 1]);
  }
};

/// Random series (2–20 points, gaps, values in (5, 95)) and a set of deliberately bad ones.
data make_data(std::uint64_t seed, int count) {
  data d;
  rng r{seed};
  for (int s = 0; s < count; ++s) {
    const int n = 2 + r.below(19);
    std::vector<int> y;
    std::vector<double> v, num, den;
    int year = 1995 + r.below(10);
    double level = 10.0 + 70.0 * r.uniform();
    const double trend = (r.uniform() - 0.5) * 3.0;
    for (int k = 0; k < n; ++k) {
      y.push_back(year);
      year += 1 + (r.below(5) == 0 ? 1 + r.below(3) : 0);  // some gaps
      level = std::min(94.0, std::max(6.0, level + trend + (r.uniform() - 0.5) * 2.0));
      v.push_back(level);
      den.push_back(1000.0 + r.below(500));
      num.push_back(std::round(den.back() * level / 100.0 * (0.9 + 0.2 * r.uniform())));
    }
    const int deadline = y.back() + r.below(15);
    d.add(y, v, deadline, 10.0 + 80.0 * r.uniform(), static_cast<std::uint8_t>(r.below(2)), num, den);
  }
  // Bad and awkward series.
  d.add({2010, 2011, 2012}, {1.0, NAN, 3.0}, 2030, 5.0, 0);              // non-finite value
  d.add({2010, 2011, 2011, 2012}, {1.0, 2.0, 3.0, 4.0}, 2030, 5.0, 0);   // duplicate year
  d.add({2010}, {1.0}, 2030, 5.0, 0);                                     // one point
  d.add({}, {}, 2030, 5.0, 0);                                            // no points
  d.add({2010, 2011, 2012}, {1.0, 2.0, 3.0}, 2005, 5.0, 0);               // deadline before data
  d.add({2010, 2011, 2012, 2013}, {30.0, -2.0, 25.0, 20.0}, 2030, 5.0, 1);  // negative value
  d.add({2013, 2010, 2012, 2011}, {20.0, 35.0, 25.0, 30.0}, 2030, 15.0, 1); // unsorted (valid)
  d.add({2010, 2011, 2012, 2013}, {30.0, 100.0, 25.0, 20.0}, 2030, 5.0, 1); // at the logit bound
  d.add({2010, 2012, 2015, 2016}, {50.0, 48.0, 45.0, 44.0}, 2030, 40.0, 1); // gaps (irregular for Holt)
  d.add({2018, 2019, 2020}, {50.0, 52.0, 54.0}, 2030, NAN, 0);             // NaN threshold
  d.add({2018, 2019, 2020}, {50.0, 52.0, 54.0}, 2147483647, 60.0, 0);     // absurd deadline
  return d;
}

batch_input input_of(const data& d, bool f64 = false) {
  batch_input in;
  in.n_series = d.size();
  in.offsets = d.offsets.data();
  if (f64)
    in.years_f64 = d.years_f64.data();
  else
    in.years_i32 = d.years.data();
  in.values = d.values.data();
  in.numerator = d.numerator.data();
  in.denominator = d.denominator.data();
  return in;
}

/// Output arrays owned by the test.
struct outputs {
  std::vector<std::uint8_t> status, model_used;
  std::vector<std::int32_t> n, last_year;
  std::vector<double> slope, change, point, lower, upper, prob;
  batch_reasons failures;             ///< what the kernel appends
  std::vector<std::string> reasons;  ///< failures spread out: one text per series, "" when none
  outputs(std::size_t s, std::size_t levels)
      : status(s, 255), model_used(s, 255), n(s, -1), last_year(s, -1), slope(s), change(s), point(s),
        lower(s * levels), upper(s * levels), prob(s) {}
  batch_output view() {
    batch_output o;
    o.status = status.data();
    o.model_used = model_used.data();
    o.n = n.data();
    o.last_year = last_year.data();
    o.slope = slope.data();
    o.annual_change = change.data();
    o.point = point.data();
    o.lower = lower.data();
    o.upper = upper.data();
    o.prob = prob.data();
    o.reasons = &failures;
    return o;
  }
  /// Spreads the failures out, checking they came in increasing series order.
  void spread() {
    reasons.assign(status.size(), "");
    for (std::size_t k = 0; k < failures.size(); ++k) {
      if (k > 0) BOOST_TEST(failures[k - 1].first < failures[k].first);
      BOOST_TEST(!failures[k].second.empty());
      reasons.at(failures[k].first) = failures[k].second;
    }
  }
};

template <class T>
bool bitwise_equal(const std::vector<T>& a, const std::vector<T>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(T)) == 0;
}

bool same(double a, double b) { return (std::isnan(a) && std::isnan(b)) || a == b; }

batch_options options_for(std::optional<model> m, const data& d) {
  batch_options opt;
  opt.method = m;
  opt.deadlines = d.deadlines.data();
  opt.levels = {0.8, 0.95};
  opt.thresholds = d.thresholds.data();
  opt.sides = d.sides.data();
  opt.projection.multiplier = 100.0;
  return opt;
}

outputs run(const data& d, const batch_options& opt, unsigned threads, bool f64 = false) {
  outputs out(d.size(), opt.levels.size());
  batch_options o = opt;
  o.threads = threads;
  project_batch(input_of(d, f64), o, out.view());
  out.spread();
  return out;
}

void check_thread_invariance(const data& d, const batch_options& opt) {
  const auto one = run(d, opt, 1);
  for (unsigned threads : {2u, 7u}) {
    const auto many = run(d, opt, threads);
    BOOST_TEST_CONTEXT("threads = " << threads) {
      BOOST_TEST(bitwise_equal(one.status, many.status));
      BOOST_TEST(bitwise_equal(one.model_used, many.model_used));
      BOOST_TEST(bitwise_equal(one.n, many.n));
      BOOST_TEST(bitwise_equal(one.last_year, many.last_year));
      BOOST_TEST(bitwise_equal(one.slope, many.slope));
      BOOST_TEST(bitwise_equal(one.change, many.change));
      BOOST_TEST(bitwise_equal(one.point, many.point));
      BOOST_TEST(bitwise_equal(one.lower, many.lower));
      BOOST_TEST(bitwise_equal(one.upper, many.upper));
      BOOST_TEST(bitwise_equal(one.prob, many.prob));
      BOOST_TEST((one.reasons == many.reasons));
    }
  }
}

/// Every series against the single-series call the batch promises to equal.
void check_against_single(const data& d, const batch_options& opt, const outputs& out) {
  const bool counts = opt.method && (*opt.method == model::poisson_rate || *opt.method == model::binomial_share);
  std::size_t mismatches = 0;
  for (std::size_t i = 0; i < d.size(); ++i) {
    const auto years = d.series_years(i);
    const int deadline = d.deadlines[i];
    projection p;
    projection_status expected_status;
    try {
      if (!opt.method)
        p = select_model(years, d.slice(d.values, i), deadline, opt.projection).result;
      else if (counts)
        p = project(*opt.method, years, {}, deadline, opt.projection, d.slice(d.numerator, i),
                    d.slice(d.denominator, i));
      else
        p = project(*opt.method, years, d.slice(d.values, i), deadline, opt.projection);
      expected_status = p.status;
    } catch (const projection_input_error& e) {
      expected_status = e.status();
      BOOST_TEST(out.status[i] == static_cast<std::uint8_t>(expected_status));
      BOOST_TEST(std::isnan(out.point[i]));
      BOOST_TEST(out.reasons[i] == std::string(e.what()));
      continue;
    } catch (const std::exception& e) {  // other caller errors: reported as degenerate
      BOOST_TEST(out.status[i] == static_cast<std::uint8_t>(projection_status::degenerate));
      BOOST_TEST(out.reasons[i] == std::string(e.what()));
      continue;
    }
    bool ok = out.status[i] == static_cast<std::uint8_t>(expected_status);
    if (!p.ok()) {
      ok = ok && std::isnan(out.point[i]) && out.reasons[i] == p.reason && !p.reason.empty();
    } else {
      ok = ok && out.model_used[i] == static_cast<std::uint8_t>(p.method);
      ok = ok && out.n[i] == p.n && out.last_year[i] == p.last_year;
      ok = ok && same(out.point[i], p.predict(deadline));
      ok = ok && same(out.change[i], p.observed_annual_change);
      for (std::size_t l = 0; l < opt.levels.size(); ++l) {
        const auto iv = p.interval(deadline, opt.levels[l]);
        ok = ok && same(out.lower[i * opt.levels.size() + l], iv.first) &&
             same(out.upper[i * opt.levels.size() + l], iv.second);
      }
      const double expected_prob = d.sides[i] ? p.prob_at_most(d.thresholds[i], deadline)
                                              : p.prob_at_least(d.thresholds[i], deadline);
      ok = ok && same(out.prob[i], expected_prob);
      ok = ok && out.reasons[i].empty();
    }
    if (!ok && ++mismatches <= 5)
      BOOST_ERROR("series " << i << " differs from the single-series call (status "
                            << int(out.status[i]) << " vs " << expected_status << ", point "
                            << out.point[i] << " vs " << (p.ok() ? p.predict(deadline) : NAN) << ")");
  }
  BOOST_TEST(mismatches == 0u);
}

}  // namespace

BOOST_AUTO_TEST_CASE(closed_form_models_threads_and_single_calls) {
  const data d = make_data(20240601, 3000);
  for (model m : {model::linear, model::log_linear, model::logit}) {
    BOOST_TEST_CONTEXT(to_string(m)) {
      const auto opt = options_for(m, d);
      check_thread_invariance(d, opt);
      check_against_single(d, opt, run(d, opt, 3));
    }
  }
}

/// A panel: runs of consecutive series on the same years (what the shared-grid path takes),
/// several grids — long, with gaps, 2 and 3 points, one unsorted — and in the runs series the
/// grid path must hand on: a NaN, a value outside the log/logit domain, values next to the
/// logit bounds, a deadline before the data or absurdly far, a different length.
data make_panel_data(std::uint64_t seed, int runs) {
  const std::vector<std::vector<int>> grids{
      {2010, 2011, 2012, 2013, 2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024},
      {2015, 2016, 2018, 2019, 2020, 2023},
      {2019, 2020},
      {2018, 2019, 2020},
      {2000, 2005, 2010, 2015, 2020, 2021, 2022},
      {2012, 2011, 2013, 2014},
  };
  data d;
  rng r{seed};
  for (int run = 0; run < runs; ++run) {
    const auto& years = grids[static_cast<std::size_t>(r.below(static_cast<int>(grids.size())))];
    const int members = 1 + r.below(13);
    for (int s = 0; s < members; ++s) {
      std::vector<int> y = years;
      std::vector<double> v;
      double level = 5.0 + 90.0 * r.uniform();
      const double trend = (r.uniform() - 0.5) * 4.0;
      for (std::size_t k = 0; k < y.size(); ++k) {
        level = std::min(99.5, std::max(0.5, level + trend + (r.uniform() - 0.5) * 3.0));
        v.push_back(level);
      }
      int deadline = 2030;
      switch (r.below(40)) {
        case 0: v[static_cast<std::size_t>(r.below(static_cast<int>(v.size())))] = NAN; break;
        case 1: v[static_cast<std::size_t>(r.below(static_cast<int>(v.size())))] = -1.0; break;
        case 2: v[static_cast<std::size_t>(r.below(static_cast<int>(v.size())))] = 100.0; break;
        case 3: v[0] = 1e-9; v.back() = 100.0 - 1e-9; break;  // next to both logit bounds
        case 4: deadline = 2001; break;
        case 5: deadline = 4000; break;
        case 6: y.pop_back(); v.pop_back(); break;
        case 7: for (double& x : v) x = 42.0; break;  // a perfect (flat) fit
        default: break;
      }
      if (y.size() >= 2 || r.below(2) == 0)
        d.add(y, v, deadline + r.below(3), 5.0 + 90.0 * r.uniform(), static_cast<std::uint8_t>(r.below(2)));
    }
  }
  return d;
}

BOOST_AUTO_TEST_CASE(shared_grid_path_equals_single_calls) {
  const data d = make_panel_data(20261204, 700);
  for (model m : {model::linear, model::log_linear, model::logit}) {
    for (std::optional<int> as_of : {std::optional<int>{}, std::optional<int>{2019}}) {
      BOOST_TEST_CONTEXT(to_string(m) << (as_of ? " as_of 2019" : "")) {
        auto opt = options_for(m, d);
        opt.projection.as_of = as_of;
        opt.projection.lower_bound = 0.0;
        opt.projection.upper_bound = 100.0;
        check_thread_invariance(d, opt);
        const auto out = run(d, opt, 3);
        check_against_single(d, opt, out);
        const auto f64 = run(d, opt, 2, true);
        BOOST_TEST(bitwise_equal(out.point, f64.point));
        BOOST_TEST(bitwise_equal(out.lower, f64.lower));
        BOOST_TEST(bitwise_equal(out.prob, f64.prob));
        BOOST_TEST(bitwise_equal(out.change, f64.change));
        // One deadline and threshold for all (the per-call scalars) as well.
        data uniform = d;
        std::fill(uniform.deadlines.begin(), uniform.deadlines.end(), 2030);
        std::fill(uniform.thresholds.begin(), uniform.thresholds.end(), 50.0);
        std::fill(uniform.sides.begin(), uniform.sides.end(), std::uint8_t{0});
        auto scalars = opt;
        scalars.deadlines = nullptr;
        scalars.thresholds = nullptr;
        scalars.sides = nullptr;
        scalars.deadline = 2030;
        scalars.threshold = 50.0;
        check_against_single(uniform, scalars, run(uniform, scalars, 2));
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(other_models_threads_and_single_calls) {
  const data d = make_data(7, 300);
  for (model m : {model::theil_sen, model::two_point, model::weighted, model::holt, model::damped_holt,
                  model::poisson_rate, model::binomial_share}) {
#if !ONTRACK_HAS_ETS
    if (m == model::holt || m == model::damped_holt) continue;
#endif
    BOOST_TEST_CONTEXT(to_string(m)) {
      const auto opt = options_for(m, d);
      check_thread_invariance(d, opt);
      check_against_single(d, opt, run(d, opt, 2));
    }
  }
}

BOOST_AUTO_TEST_CASE(auto_selection_in_batch) {
  const data d = make_data(99, 120);
  const auto opt = options_for(std::nullopt, d);
  check_thread_invariance(d, opt);
  const auto out = run(d, opt, 2);
  check_against_single(d, opt, out);
  bool several = false;
  for (std::size_t i = 1; i < out.model_used.size(); ++i)
    several = several || (out.status[i] == 0 && out.model_used[i] != out.model_used[0]);
  BOOST_TEST(several);  // auto really chooses per series
}

BOOST_AUTO_TEST_CASE(bad_series_yield_statuses_with_reasons) {
  const data d = make_data(1, 0);  // only the bad and awkward series
  const auto out = run(d, options_for(model::log_linear, d), 1);
  const auto code = [](projection_status s) { return static_cast<std::uint8_t>(s); };
  BOOST_TEST(out.status[0] == code(projection_status::non_finite_value));
  BOOST_TEST(out.reasons[0].find("2011") != std::string::npos);
  BOOST_TEST(out.status[1] == code(projection_status::duplicate_year));
  BOOST_TEST(out.reasons[1].find("2011") != std::string::npos);
  BOOST_TEST(out.status[2] == code(projection_status::too_few_points));
  BOOST_TEST(out.status[3] == code(projection_status::too_few_points));
  BOOST_TEST(out.status[4] == code(projection_status::deadline_before_data));
  BOOST_TEST(out.status[5] == code(projection_status::outside_domain));
  BOOST_TEST(out.reasons[5].find("-2 in 2011") != std::string::npos);
  BOOST_TEST(out.status[6] == code(projection_status::ok));  // unsorted input is sorted
  BOOST_TEST(out.reasons[6].empty());
  BOOST_TEST(out.status[9] == code(projection_status::ok));
  BOOST_TEST(std::isnan(out.prob[9]));  // NaN threshold
  BOOST_TEST(out.status[10] == code(projection_status::degenerate));  // std::out_of_range
  BOOST_TEST(out.reasons[10].find("1000 years") != std::string::npos);
  for (std::size_t i : {0u, 1u, 2u, 3u, 4u, 5u}) {
    BOOST_TEST(std::isnan(out.point[i]));
    BOOST_TEST(std::isnan(out.lower[2 * i]));
    BOOST_TEST(!out.reasons[i].empty());
  }
  const auto logit = run(d, options_for(model::logit, d), 1);
  BOOST_TEST(logit.status[7] == code(projection_status::outside_domain));
  BOOST_TEST(logit.reasons[7].find("2011") != std::string::npos);
#if ONTRACK_HAS_ETS
  const auto holt = run(d, options_for(model::holt, d), 1);
  BOOST_TEST(holt.status[8] == code(projection_status::irregular_spacing));
#endif
}

// Outputs written through strides into an array of records (the layout of a NumPy structured
// array) hold exactly what dense arrays hold, and nothing outside the fields is touched.
BOOST_AUTO_TEST_CASE(strided_outputs_equal_dense_outputs) {
  const data d = make_data(42, 200);
  const auto opt = options_for(model::logit, d);
  const auto dense = run(d, opt, 2);
  struct record {
    std::uint8_t status, model_used;
    std::int32_t n, last_year;
    double slope, change, point;
    double bounds[2][2];  // [level][lower, upper]
    double prob;
    std::uint64_t guard;
  };
  std::vector<record> rec(d.size());
  for (auto& r : rec) r.guard = 0xFEEDFACECAFEBEEFULL;
  const auto stride = static_cast<std::ptrdiff_t>(sizeof(record));
  batch_output out;
  out.status = {&rec[0].status, stride};
  out.model_used = {&rec[0].model_used, stride};
  out.n = {&rec[0].n, stride};
  out.last_year = {&rec[0].last_year, stride};
  out.slope = {&rec[0].slope, stride};
  out.annual_change = {&rec[0].change, stride};
  out.point = {&rec[0].point, stride};
  out.lower = &rec[0].bounds[0][0];
  out.upper = &rec[0].bounds[0][1];
  out.bound_row_stride = stride;
  out.bound_level_stride = static_cast<std::ptrdiff_t>(sizeof rec[0].bounds[0]);
  out.prob = {&rec[0].prob, stride};
  batch_options o = opt;
  o.threads = 2;
  project_batch(input_of(d, false), o, out);
  std::size_t differences = 0;
  for (std::size_t i = 0; i < d.size(); ++i) {
    const auto& r = rec[i];
    bool ok = r.status == dense.status[i] && r.model_used == dense.model_used[i] && r.n == dense.n[i] &&
              r.last_year == dense.last_year[i] && same(r.slope, dense.slope[i]) &&
              same(r.change, dense.change[i]) && same(r.point, dense.point[i]) && same(r.prob, dense.prob[i]) &&
              r.guard == 0xFEEDFACECAFEBEEFULL;
    for (std::size_t l = 0; l < 2; ++l)
      ok = ok && same(r.bounds[l][0], dense.lower[i * 2 + l]) && same(r.bounds[l][1], dense.upper[i * 2 + l]);
    differences += ok ? 0 : 1;
  }
  BOOST_TEST(differences == 0u);
}

BOOST_AUTO_TEST_CASE(double_years_equal_int_years) {
  data d = make_data(5, 500);
  const auto opt = options_for(model::linear, d);
  const auto a = run(d, opt, 2, false), b = run(d, opt, 2, true);
  BOOST_TEST(bitwise_equal(a.point, b.point));
  BOOST_TEST(bitwise_equal(a.lower, b.lower));
  BOOST_TEST(bitwise_equal(a.prob, b.prob));
  BOOST_TEST(bitwise_equal(a.status, b.status));
  // Years that are not whole finite numbers.
  d.years_f64[static_cast<std::size_t>(d.offsets[0])] = 2000.5;
  d.years_f64[static_cast<std::size_t>(d.offsets[1])] = NAN;
  const auto c = run(d, opt, 1, true);
  BOOST_TEST(c.status[0] == static_cast<std::uint8_t>(projection_status::irregular_spacing));
  BOOST_TEST(c.reasons[0].find("2000.5") != std::string::npos);
  BOOST_TEST(c.status[1] == static_cast<std::uint8_t>(projection_status::non_finite_value));
}

BOOST_AUTO_TEST_CASE(scalar_options_and_null_outputs) {
  data d;
  d.add({2015, 2016, 2017, 2018, 2019, 2020}, {10.0, 11.0, 11.8, 13.1, 13.9, 15.2}, 0, 0.0, 0);
  batch_input in = input_of(d);
  batch_options opt;
  opt.deadline = 2030;
  opt.threshold = 25.0;
  opt.side = target_side::at_least;
  std::vector<double> point(1), prob(1);
  batch_output out;
  out.point = point.data();
  out.prob = prob.data();
  project_batch(in, opt, out);
  const auto p = project_linear(d.series_years(0), d.slice(d.values, 0), 2030);
  BOOST_TEST(point[0] == p.predict(2030));
  BOOST_TEST(prob[0] == p.prob_at_least(25.0, 2030));
}

BOOST_AUTO_TEST_CASE(malformed_calls_throw_before_any_work) {
  data d = make_data(3, 10);
  outputs out(d.size(), 1);
  batch_options opt;
  batch_input in = input_of(d);
  opt.levels = {1.5};
  BOOST_CHECK_THROW(project_batch(in, opt, out.view()), std::invalid_argument);
  BOOST_TEST(out.status[0] == 255);  // nothing written
  opt.levels = {0.9};
  batch_input no_years = in;
  no_years.years_i32 = nullptr;
  BOOST_CHECK_THROW(project_batch(no_years, opt, out.view()), std::invalid_argument);
  std::vector<std::int64_t> bad_offsets = d.offsets;
  bad_offsets[3] = bad_offsets[2] - 1;
  batch_input decreasing = in;
  decreasing.offsets = bad_offsets.data();
  BOOST_CHECK_THROW(project_batch(decreasing, opt, out.view()), std::invalid_argument);
  batch_input no_counts = in;
  no_counts.numerator = nullptr;
  opt.method = model::poisson_rate;
  BOOST_CHECK_THROW(project_batch(no_counts, opt, out.view()), std::invalid_argument);
  // Zero series is fine.
  batch_input empty;
  BOOST_CHECK_NO_THROW(project_batch(empty, batch_options{}, batch_output{}));
}
