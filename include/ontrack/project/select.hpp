#pragma once
/// Model dispatch (`project`) and automatic model choice (`select_model`, `project_auto`).
///
/// The rule, deterministic and stated in every result:
///  1. Candidates: linear always; log_linear when every value is > 0; logit when the caller says
///     the indicator is bounded (projection_options::auto_consider_logit) and every value lies
///     strictly inside [lower_bound, upper_bound]; the ETS family (Holt and damped Holt) when
///     the build has it, auto_consider_ets is set and the years are consecutive with at least 4
///     of them. Count models are never chosen automatically: counts call for them explicitly.
///  2. Within the ETS family, Holt vs damped Holt is chosen by AICc (the likelihoods are
///     comparable there; a NaN AICc loses, Holt wins ties as the simpler model).
///  3. Across families, one-step-ahead mean absolute error on the value scale over the later
///     half of the series: origins k = k0..n−1 with k0 = max(3, ⌈n/2⌉) (3: the fewest points
///     that give every model an interval), each forecasting observation k+1 (the next observed
///     year, whatever the gap) from the k before it. The closed-form models are refitted at
///     every origin. The ETS family is estimated once, on the first k0 observations (the member
///     by AICc there), and its level and trend are then updated observation by observation
///     with those parameters — R's forecast::ets(y, model = fit) — so each forecast still uses
///     only earlier data, and the optimiser runs twice per series instead of twice per origin
///     (it is 90 % of the cost of a selection otherwise). Likelihoods are not comparable across
///     these families (different scales, R's ETS likelihood omits constants); out-of-sample
///     error is.
///  4. Lowest MAE wins; exact ties go to the earlier model in the order linear, log_linear,
///     logit, ETS (the simpler one). A candidate that fails to fit at some origin is dropped
///     with a note. With fewer than m + 1 points there is no origin: linear, said so.

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include <ontrack/project/count.hpp>
#include <ontrack/project/holt.hpp>
#include <ontrack/project/linear.hpp>
#include <ontrack/project/log_linear.hpp>
#include <ontrack/project/logit.hpp>
#include <ontrack/project/theil_sen.hpp>
#include <ontrack/project/two_point.hpp>
#include <ontrack/project/weighted.hpp>

namespace ontrack {

namespace detail {

// Values near the double limit overflow a fit's sums and products: a projection whose point or
// spread is no longer a finite number is numerical trouble, never a result.
inline projection checked_finite(projection p) {
  if (!p.ok()) return p;
  for (const auto& d : p.forecast) {
    if (!std::isfinite(p.transform.to_value(d.location)) || std::isinf(d.scale)) {
      p.status = projection_status::numerical_trouble;
      p.reason = std::string(to_string(p.method)) +
                 ": the projection is not a finite number: the values (near ±1.8e308) overflow "
                 "floating point";
      p.forecast.clear();
      return p;
    }
  }
  return p;
}

}  // namespace detail

/// Projects one series with model `m`. Count models (poisson_rate, binomial_share) read
/// `numerator` and `denominator` and ignore `values`; the other models read `values`.
/// Throws what the model's project_* function throws, and std::invalid_argument when a count
/// model is asked for without numerator and denominator.
inline projection project(model m, const std::vector<int>& years, const std::vector<double>& values,
                          int deadline, const projection_options& opt = {},
                          const std::vector<double>& numerator = {},
                          const std::vector<double>& denominator = {});

namespace detail {
inline projection project_unchecked(model m, const std::vector<int>& years,
                                    const std::vector<double>& values, int deadline,
                                    const projection_options& opt,
                                    const std::vector<double>& numerator,
                                    const std::vector<double>& denominator) {
  switch (m) {
    case model::linear: return project_linear(years, values, deadline, opt);
    case model::log_linear: return project_log_linear(years, values, deadline, opt);
    case model::logit: return project_logit(years, values, deadline, opt);
    case model::theil_sen: return project_theil_sen(years, values, deadline, opt);
    case model::holt: return project_holt(years, values, deadline, opt);
    case model::damped_holt: return project_damped_holt(years, values, deadline, opt);
    case model::two_point: return project_two_point(years, values, deadline, opt);
    case model::weighted: return project_weighted(years, values, deadline, opt);
    case model::poisson_rate:
    case model::binomial_share:
      if (numerator.empty() && denominator.empty() && !years.empty())
        throw std::invalid_argument(std::string(to_string(m)) +
                                    " needs numerator and denominator counts, not values");
      return m == model::poisson_rate
                 ? project_poisson_rate(years, numerator, denominator, deadline, opt)
                 : project_binomial_share(years, numerator, denominator, deadline, opt);
  }
  throw std::invalid_argument("project: unknown model code " + std::to_string(static_cast<int>(m)));
}
}  // namespace detail

/// Status numerical_trouble when the values overflow the fit (see detail::checked_finite).
inline projection project(model m, const std::vector<int>& years, const std::vector<double>& values,
                          int deadline, const projection_options& opt,
                          const std::vector<double>& numerator,
                          const std::vector<double>& denominator) {
  return detail::checked_finite(
      detail::project_unchecked(m, years, values, deadline, opt, numerator, denominator));
}

/// One candidate of an automatic choice.
struct candidate_score {
  /// The ETS family is listed as damped_holt, or as the member chosen when it won.
  model method = model::linear;
  double mae = detail::nan_value;  ///< one-step-ahead mean absolute error (value scale)
  int origins = 0;                 ///< number of one-step-ahead forecasts scored
  std::string note;                ///< why it was left out, if it was
};

/// The outcome of select_model: the chosen model, the sentence saying why, every candidate's
/// score, and the chosen model's projection on all the data.
struct selection {
  model chosen = model::linear;
  std::string why;
  std::vector<candidate_score> candidates;
  projection result;
};

namespace detail {

inline std::string short_number(double v) {
  std::ostringstream o;
  o.precision(4);
  o << v;
  return o.str();
}

/// Fits the ETS family (both members) and keeps the lower AICc. Returns a non-ok projection
/// when neither fits.
inline projection fit_ets_family(const std::vector<int>& years, const std::vector<double>& values,
                                 int deadline, const projection_options& opt) {
  projection h = project_holt(years, values, deadline, opt);
  projection d = project_damped_holt(years, values, deadline, opt);
  if (!h.ok()) return d;
  if (!d.ok()) return h;
  if (std::isnan(d.aicc)) return h;
  if (std::isnan(h.aicc)) return d;
  return d.aicc < h.aicc ? d : h;
}

/// The ETS family's one-step-ahead forecasts of observations k0..n−1 (rule 3 in the file
/// comment): parameters and initial states estimated on the first k0 observations, states then
/// filtered through the rest. Returns the forecasts, or the non-ok fit on the first k0.
struct ets_origin_forecasts {
  projection fit;                  ///< the family's fit on the first k0 observations
  std::vector<double> forecasts;  ///< for observations k0..n−1 (empty when the fit failed)
};

inline ets_origin_forecasts ets_forecasts_from(const std::vector<int>& years, const std::vector<double>& values,
                                               std::size_t k0, const projection_options& opt) {
  const auto k = static_cast<std::ptrdiff_t>(k0);
  ets_origin_forecasts out;
  out.fit = fit_ets_family({years.begin(), years.begin() + k}, {values.begin(), values.begin() + k}, years[k0], opt);
  if (!out.fit.ok()) return out;
#if ONTRACK_HAS_ETS  // without the ETS engine the fit above has already thrown
  const auto param = [&](const char* name, double otherwise) {
    for (const auto& q : out.fit.params)
      if (q.name == name) return q.value;
    return otherwise;
  };
  ets_fit states;
  ets_states(values.data(), static_cast<int>(values.size()), param("alpha", nan_value), param("beta", nan_value),
             param("phi", 1.0), param("l0", nan_value), param("b0", nan_value), states);
  for (std::size_t i = k0; i < values.size(); ++i)
    out.forecasts.push_back(static_cast<double>(states.fitted[static_cast<Eigen::Index>(i)]));
#endif
  return out;
}

/// Rank of the family in the tie-breaking order.
inline int family_rank(model m) {
  switch (m) {
    case model::linear: return 0;
    case model::log_linear: return 1;
    case model::logit: return 2;
    default: return 3;
  }
}

}  // namespace detail

/// Chooses a model by the rule in the file comment and projects with it.
/// Throws projection_input_error (std::invalid_argument) for fewer than 2 points, non-finite
/// values, duplicate years, deadline before the last year used (std::out_of_range: more than 1000
/// years after it) (the same checks as every model).
inline selection select_model(const std::vector<int>& years, const std::vector<double>& values,
                              int deadline, const projection_options& opt = {}) {
  const auto cs = detail::prepare_series(years, values, deadline, opt, nullptr, nullptr, 2, "auto");
  const std::size_t n = cs.years.size();
  projection_options inner = opt;
  inner.as_of.reset();  // cs is already cut at as_of

  // 1. Candidates.
  std::vector<candidate_score> cands;
  bool all_positive = true, inside = true;
  for (double v : cs.values) {
    all_positive = all_positive && v > 0.0;
    inside = inside && v > opt.lower_bound && v < opt.upper_bound;
  }
  cands.push_back({model::linear, detail::nan_value, 0, {}});
  if (all_positive)
    cands.push_back({model::log_linear, detail::nan_value, 0, {}});
  if (opt.auto_consider_logit) {
    if (inside)
      cands.push_back({model::logit, detail::nan_value, 0, {}});
  }
  if (ONTRACK_HAS_ETS && opt.auto_consider_ets && n >= 4 && detail::first_gap(cs.years).empty())
    cands.push_back({model::damped_holt, detail::nan_value, 0, {}});
  const std::size_t m = 3;

  selection sel;
  if (n <= 3) {
    sel.chosen = model::linear;
    sel.result = detail::checked_finite(project_linear(cs.years, cs.values, deadline, inner));
    sel.why = "auto chose linear: " + std::to_string(n) +
              " points are too few for an out-of-sample comparison (at least 4 are needed)";
    cands.resize(1);
    cands[0].note = "default";
    sel.candidates = cands;
    sel.result.reason = sel.why + (sel.result.reason.empty() ? "" : "; " + sel.result.reason);
    return sel;
  }
  // 3. One-step-ahead MAE over origins k = k0..n−1.
  const std::size_t k0 = std::max(m, (n + 1) / 2);
  const auto left_out = [&](candidate_score& c, std::size_t k, const projection& p) {
    c.note = "left out: could not be fitted to the " + std::to_string(k) + " years up to " +
             std::to_string(cs.years[k - 1]) + " (" + std::string(to_string(p.status)) +
             (p.reason.empty() ? "" : ": " + p.reason) + ")";
  };
  for (auto& c : cands) {
    double sum = 0.0;
    int count = 0;
    if (c.method == model::damped_holt) {
      const auto ets = detail::ets_forecasts_from(cs.years, cs.values, k0, inner);
      if (!ets.fit.ok()) left_out(c, k0, ets.fit);
      for (std::size_t k = k0; k < n && ets.fit.ok(); ++k, ++count)
        sum += std::fabs(ets.forecasts[k - k0] - cs.values[k]);
    }
    for (std::size_t k = k0; k < n && c.method != model::damped_holt; ++k) {
      const std::vector<int> ty(cs.years.begin(), cs.years.begin() + static_cast<std::ptrdiff_t>(k));
      const std::vector<double> tv(cs.values.begin(), cs.values.begin() + static_cast<std::ptrdiff_t>(k));
      projection p;
      try {
        p = project(c.method, ty, tv, cs.years[k], inner);
      } catch (const std::exception& e) {
        p.status = projection_status::degenerate;
        p.reason = e.what();
      }
      if (!p.ok()) {
        left_out(c, k, p);
        count = 0;
        break;
      }
      sum += std::fabs(p.predict(cs.years[k]) - cs.values[k]);
      ++count;
    }
    c.origins = count;
    if (count > 0) c.mae = sum / count;
    if (count > 0 && !std::isfinite(c.mae)) {  // values near the double limit overflow the error
      c.note = "left out: its out-of-sample error is not a finite number (overflow)";
      c.origins = 0;
      c.mae = detail::nan_value;
    }
  }

  // 4. Lowest MAE; ties to the simpler family (candidates are already in that order).
  const candidate_score* best = nullptr;
  for (const auto& c : cands)
    if (c.origins > 0 && (best == nullptr || c.mae < best->mae)) best = &c;
  if (best == nullptr) {
    sel.chosen = model::linear;
    sel.result = detail::checked_finite(project_linear(cs.years, cs.values, deadline, inner));
    sel.why = "auto chose linear: no candidate could be scored out of sample";
  } else {
    if (best->method == model::damped_holt || best->method == model::holt)
      sel.result = detail::checked_finite(detail::fit_ets_family(cs.years, cs.values, deadline, inner));
    else
      sel.result = project(best->method, cs.years, cs.values, deadline, inner);
    sel.chosen = sel.result.method;
    std::string scores;
    std::vector<const candidate_score*> order;
    for (const auto& c : cands) order.push_back(&c);
    for (const auto* c : order) {
      if (!scores.empty()) scores += ", ";
      const std::string label = (c->method == model::damped_holt || c->method == model::holt)
                                    ? std::string("holt/damped_holt")
                                    : std::string(to_string(c->method));
      scores += label + " " + (c->origins > 0 ? detail::short_number(c->mae) : std::string("left out"));
    }
    sel.why = "auto chose " + std::string(to_string(sel.chosen)) +
              ": lowest one-step-ahead mean absolute error over " + std::to_string(best->origins) +
              " rolling origins (forecasting " + std::to_string(cs.years[k0]) + "–" +
              std::to_string(cs.years.back()) + " each from the years before): " + scores;
    if (sel.chosen == model::holt || sel.chosen == model::damped_holt)
      sel.why += "; " + std::string(to_string(sel.chosen)) + " by AICc within the ETS family";
  }
  for (auto& c : cands)
    if ((c.method == model::damped_holt || c.method == model::holt) &&
        (sel.chosen == model::holt || sel.chosen == model::damped_holt))
      c.method = sel.chosen;
  sel.candidates = cands;
  sel.result.reason = sel.why + (sel.result.reason.empty() ? "" : "; " + sel.result.reason);
  return sel;
}

/// select_model's projection (its reason starts with the sentence saying which model and why).
inline projection project_auto(const std::vector<int>& years, const std::vector<double>& values,
                               int deadline, const projection_options& opt = {}) {
  return select_model(years, values, deadline, opt).result;
}

}  // namespace ontrack
