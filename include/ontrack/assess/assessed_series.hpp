#pragma once
/// The series a target is judged on: the indicator's own series for most kinds, or a series
/// derived from the ones the target names — the gap between two series (gap_narrowing), the
/// difference from a reference series (relative), a numerator over a denominator (ratio).
///
/// Deriving the series first, and projecting the derived series, keeps what the two series share
/// (a common shock, a survey change) out of the uncertainty of their comparison.

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include <ontrack/assess/target_meaning.hpp>
#include <ontrack/indicator.hpp>
#include <ontrack/series.hpp>
#include <ontrack/target.hpp>

namespace ontrack::assess {

/// The observations of a plan, found by series reference. It keeps pointers into the vector it
/// was built from, which must outlive it.
class series_index {
 public:
  series_index() = default;
  explicit series_index(const std::vector<series>& all) {
    for (const auto& s : all) items_.push_back(&s);
  }
  /// The series with exactly this indicator and disaggregation, or nullptr.
  const series* find(const series_ref& r) const noexcept {
    for (const auto* s : items_)
      if (s->indicator == r.indicator && s->disaggregation == r.disaggregation) return s;
    return nullptr;
  }
  const std::vector<const series*>& all() const noexcept { return items_; }

 private:
  std::vector<const series*> items_;
};

/// Reason codes of a series that cannot be formed (docs/assessment.md § Not assessable).
namespace series_reasons {
inline constexpr const char* no_data = "no_data";                      ///< no observation up to as_of
inline constexpr const char* reference_missing = "reference_missing";  ///< a series the target names has no data
inline constexpr const char* no_common_years = "no_common_years";      ///< two series never observed in one year
inline constexpr const char* duplicate_year = "duplicate_year";        ///< one year observed twice
inline constexpr const char* outside_domain = "outside_domain";        ///< e.g. a ratio with a zero denominator
inline constexpr const char* non_finite_value = "non_finite_value";    ///< NaN or infinity among the values
}  // namespace series_reasons

/// The series a target is judged on, cut at the evaluation year and sorted by year.
struct assessed_series {
  std::string label;                   ///< what it is, e.g. "mmr (area=rural) − mmr (area=urban)"
  std::vector<observed_point> points;  ///< observations up to as_of, by year
  /// Counts parallel to `points`, present only when every point carries both (own series only).
  std::vector<double> numerator, denominator;
  value_bounds bounds;  ///< natural bounds of the values (the indicator's for its own series)
  bool own = true;      ///< the indicator's own series (counts and bounds apply)
  std::string reason;   ///< empty when the series could be formed
  std::string message;
  bool ok() const noexcept { return reason.empty(); }
};

/// "mmr" or "mmr (area=rural)".
inline std::string series_label(const series_ref& r) {
  std::string s = r.indicator;
  if (!r.disaggregation.empty()) {
    s += " (";
    bool first = true;
    for (const auto& [k, v] : r.disaggregation) {
      s += (first ? "" : ", ") + k + "=" + v;
      first = false;
    }
    s += ")";
  }
  return s;
}

namespace detail {

/// The observations of one referenced series up to as_of, sorted; counts kept when complete.
inline assessed_series read_series(const series_index& data, const series_ref& r, int as_of, bool named_by_target) {
  assessed_series out;
  out.label = series_label(r);
  const series* s = data.find(r);
  std::vector<observation> obs;
  if (s)
    for (const auto& o : s->observations)
      if (o.year <= as_of) obs.push_back(o);
  std::stable_sort(obs.begin(), obs.end(), [](const observation& a, const observation& b) { return a.year < b.year; });
  if (obs.empty()) {
    out.reason = named_by_target ? series_reasons::reference_missing : series_reasons::no_data;
    out.message = (named_by_target ? "the series " + out.label + " named by the target has no observation"
                                   : "no observation of " + out.label) +
                  " up to " + std::to_string(as_of);
    return out;
  }
  bool counts = true;
  for (std::size_t i = 0; i < obs.size(); ++i) {
    if (i > 0 && obs[i].year == obs[i - 1].year) {
      out.reason = series_reasons::duplicate_year;
      out.message = out.label + ": year " + std::to_string(obs[i].year) + " is observed twice";
      return out;
    }
    if (!std::isfinite(obs[i].value)) {
      out.reason = series_reasons::non_finite_value;
      out.message = out.label + ": the value in " + std::to_string(obs[i].year) + " is not a finite number";
      return out;
    }
    out.points.push_back({obs[i].year, obs[i].value});
    counts = counts && obs[i].numerator && obs[i].denominator;
  }
  if (counts)
    for (const auto& o : obs) {
      out.numerator.push_back(*o.numerator);
      out.denominator.push_back(*o.denominator);
    }
  return out;
}

/// Pairs two series year by year: f(a, b) in every year both are observed.
template <class F>
assessed_series combine(const assessed_series& a, const assessed_series& b, const std::string& label, F f,
                        const std::string& domain_rule) {
  assessed_series out;
  out.label = label;
  out.own = false;
  out.bounds = value_bounds{};
  if (!a.ok() || !b.ok()) {
    out.reason = !a.ok() ? a.reason : b.reason;
    out.message = !a.ok() ? a.message : b.message;
    return out;
  }
  for (const auto& pa : a.points)
    for (const auto& pb : b.points)
      if (pa.year == pb.year) {
        const std::optional<double> v = f(pa.value, pb.value);
        if (!v) {
          out.reason = series_reasons::outside_domain;
          out.message = label + " in " + std::to_string(pa.year) + ": " + domain_rule;
          return out;
        }
        out.points.push_back({pa.year, *v});
      }
  if (out.points.empty()) {
    out.reason = series_reasons::no_common_years;
    out.message = a.label + " and " + b.label + " are never observed in the same year";
  }
  return out;
}

}  // namespace detail

/// The series `t` is judged on, with the observations up to `as_of`:
///  - gap_narrowing: g = a − b (difference) or a / b (ratio) for `between = [a, b]`;
///  - relative: y − r, the indicator's own series minus the reference;
///  - ratio with numerator and denominator: their quotient (else the indicator's own series);
///  - every other kind: the indicator's own series (its total, no disaggregation).
/// A series that cannot be formed comes back with a reason (no_data, reference_missing,
/// no_common_years, duplicate_year, non_finite_value, outside_domain) and a message naming the
/// series and year.
inline assessed_series assessed_series_for(const target& t, const indicator& ind, const series_index& data, int as_of) {
  const series_ref own{ind.id, {}};
  switch (t.kind) {
    case target_kind::gap_narrowing: {
      if (t.between.size() != 2) {
        assessed_series out;
        out.reason = series_reasons::reference_missing;
        out.message = "a gap needs two series in 'between'";
        return out;
      }
      const auto a = detail::read_series(data, t.between[0], as_of, true);
      const auto b = detail::read_series(data, t.between[1], as_of, true);
      if (t.measure == gap_measure::ratio) {
        auto g = detail::combine(
            a, b, a.label + " / " + b.label,
            [](double x, double y) -> std::optional<double> {
              if (!(x > 0.0 && y > 0.0)) return std::nullopt;
              return x / y;
            },
            "a ratio gap needs both values positive");
        g.bounds = value_bounds{0.0, std::numeric_limits<double>::infinity()};
        return g;
      }
      return detail::combine(a, b, a.label + " \xE2\x88\x92 " + b.label,  // −
                             [](double x, double y) -> std::optional<double> { return x - y; }, "");
    }
    case target_kind::relative: {
      if (!t.reference) {
        assessed_series out;
        out.reason = series_reasons::reference_missing;
        out.message = "a relative target needs a reference series";
        return out;
      }
      const auto y = detail::read_series(data, own, as_of, false);
      const auto r = detail::read_series(data, *t.reference, as_of, true);
      return detail::combine(y, r, y.label + " \xE2\x88\x92 " + r.label,  // −
                             [](double a, double b) -> std::optional<double> { return a - b; }, "");
    }
    case target_kind::ratio:
      if (t.numerator && t.denominator) {
        const auto n = detail::read_series(data, *t.numerator, as_of, true);
        const auto d = detail::read_series(data, *t.denominator, as_of, true);
        auto q = detail::combine(
            n, d, n.label + " / " + d.label,
            [](double a, double b) -> std::optional<double> {
              if (b == 0.0) return std::nullopt;
              return a / b;
            },
            "the denominator is 0");
        if (!q.points.empty() &&
            std::all_of(q.points.begin(), q.points.end(), [](const observed_point& p) { return p.value >= 0.0; }))
          q.bounds = value_bounds{0.0, std::numeric_limits<double>::infinity()};
        return q;
      }
      break;
    default:
      break;
  }
  auto s = detail::read_series(data, own, as_of, false);
  s.bounds = ind.bounds;
  return s;
}

}  // namespace ontrack::assess
