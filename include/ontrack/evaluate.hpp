#pragma once
/// Evaluations of a plan (年度监测, 中期评估, 终期评估): every target of every indicator assessed
/// as of one year, the early warnings, and summaries by domain, by responsible unit (责任单位)
/// and for the plan, recorded with the method, its parameters, the library version and a hash
/// of the data, so that an evaluation can be recomputed exactly later.
///
///     ontrack::evaluation_options o;
///     o.preset = "midterm";                       // as of the plan's mid-term year
///     ontrack::evaluation e = ontrack::evaluate(plan, plan.series, o);
///     e.plan_summary.achievement_rate;            // 达标率
///
/// With `method` a compatibility mode ("nbs", "eurostat", …) each row also carries that mode's
/// label, aggregated by the mode's own rule; ontrack's own status and warnings are always there.
/// Data trouble in one series is that row's status, never an exception (docs/assessment.md).

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <ontrack/assess/data_hash.hpp>
#include <ontrack/assess/modes.hpp>
#include <ontrack/assess/native.hpp>
#include <ontrack/plan.hpp>
#include <ontrack/version.hpp>

namespace ontrack {

/// One target of one indicator at an evaluation.
struct evaluation_row {
  std::string domain_id;
  std::string goal_id;
  std::string indicator_id;
  std::size_t target_index = 0;  ///< position in the indicator's targets
  target_kind kind = target_kind::at_least;
  bool interim = false;
  int deadline = 0;
  std::string target_text;
  std::vector<std::string> responsible_units;
  assess::native_assessment native;          ///< ontrack's status, components and warnings
  std::optional<assess::method_result> mode; ///< the compatibility mode's result, when one was asked for

  /// "indicator#index": the row's identity across evaluations.
  std::string key() const { return indicator_id + "#" + std::to_string(target_index); }
};

/// A warning of one row.
struct evaluation_warning {
  std::string indicator_id;
  std::size_t target_index = 0;
  std::string domain_id;
  assess::early_warning warning;
};

/// Counts by status and rates over a group of rows.
struct status_summary {
  std::map<assess::progress_status, int> counts;  ///< every status, 0 included
  int total = 0;
  int assessable = 0;  ///< rows not `not_assessable`
  /// 达标率: achieved / assessable rows (NaN when none is assessable).
  double achievement_rate = std::nan("");
  /// (achieved + on_track) / assessable rows (NaN when none is assessable).
  double on_track_rate = std::nan("");
  std::optional<assess::method_result> mode_aggregate;  ///< the mode's own aggregation
};

/// What data an evaluation used.
struct data_record {
  std::string sha256;  ///< of the canonical text (assess/data_hash.hpp)
  int series = 0;      ///< series with an observation up to as_of
  int points = 0;      ///< observations up to as_of
  std::optional<int> first_year, last_year;
};

/// The statuses of an earlier evaluation, keyed by evaluation_row::key(), for unstable_status.
struct earlier_evaluation {
  int as_of = 0;
  std::map<std::string, assess::progress_status> statuses;
};

/// How to evaluate.
struct evaluation_options {
  /// The evaluation year. Required by no preset: "annual" defaults to the latest year observed,
  /// "midterm" and "final" fix it (to the plan's mid-term and last year); a different as_of
  /// with those presets is an error.
  std::optional<int> as_of;
  std::string preset = "annual";  ///< annual (年度监测), midterm (中期评估), final (终期评估)
  std::string method = "ontrack"; ///< "ontrack" or a compatibility mode (assess::method_names())
  assess::param_map native_params;  ///< parameters of ontrack's assessment (always run)
  assess::param_map mode_params;    ///< parameters of the compatibility mode
  /// Earlier evaluations for unstable_status; empty: recomputed for the native_params'
  /// history_years previous years from the same data.
  std::vector<earlier_evaluation> history;
};

/// An evaluation of a plan.
struct evaluation {
  std::string plan_id;
  int as_of = 0;
  std::string preset;
  std::string method;
  std::vector<std::pair<std::string, assess::param_value>> native_parameters;  ///< every one, defaults included
  assess::param_map mode_parameters;                                          ///< as given
  std::string library_version = ontrack::version;
  data_record data;
  std::vector<evaluation_row> rows;
  std::vector<evaluation_warning> warnings;
  status_summary plan_summary;
  std::map<std::string, status_summary> by_domain;  ///< by domain id
  std::map<std::string, status_summary> by_unit;    ///< by responsible unit (a row counts for each of its units)
};

namespace detail {

inline assess::plan_frame frame_of(const plan& p) {
  return {p.base_year, p.period_start, p.period_end, p.midterm_year, assess::year_source::plan, assess::year_source::plan};
}

/// +1 when higher values serve the target, −1 when lower do: the target's own sense (a floor,
/// a ceiling, a band seen from the latest value), else the indicator's direction.
inline int mode_direction(const target& t, const indicator& ind, const std::optional<assess::target_condition>& c,
                          const std::vector<assess::observed_point>& pts) {
  if (c && !pts.empty()) {
    const auto& r = c->range;
    if (!r.two_sided()) return std::isfinite(r.lower) ? +1 : -1;
    const int d = r.desired_direction(pts.back().value);
    if (d != 0) return d;
  }
  if (t.kind == target_kind::decrease) return -1;
  return ind.direction == direction::decrease ? -1 : +1;
}

/// The compatibility modes' view of a target: its series (the assessed series of
/// assess/assessed_series.hpp; for a gap, its distance from parity), a target value and year, and
/// the target type the modes read. nullopt for kinds no mode has (trend_slowing, milestone).
inline std::optional<assess::method_input> mode_input(const target& t, const indicator& ind, const assess::plan_frame& f,
                                                      const assess::series_index& data, int as_of, int window) {
  if (t.kind == target_kind::trend_slowing || t.kind == target_kind::milestone) return std::nullopt;
  assess::method_input in;
  in.as_of = as_of;
  const auto s = assess::assessed_series_for(t, ind, data, as_of);
  std::vector<assess::observed_point> pts = s.points;
  const auto [ws, we] = assess::trend_window(t, f);
  const bool from_baseline = assess::measured_from_baseline(t.kind);
  const auto base = assess::detail::baseline_point(pts, from_baseline ? ws : f.base_year, window);
  const auto c = assess::condition_of(t, ind, f, base ? std::optional<double>(base->value) : std::nullopt);
  // The plan's or the caller's base year (a trend target's own start counts as given); with
  // neither, each mode applies its published default and fallback (docs/methods.md).
  if (const auto given = assess::base_year_of(t, f); given.source != assess::year_source::method_default) {
    in.base_year = given.year;
    in.base_year_source = given.source;
  }
  // Likewise the target year: a target without its own, read without a plan's end, is due in
  // the mode's published target year.
  const bool due_given = f.end_source != assess::year_source::method_default || t.year || t.end;
  in.direction = mode_direction(t, ind, c, pts);
  if (s.own) {
    if (std::isfinite(ind.bounds.lower)) in.lower_bound = ind.bounds.lower;
    if (std::isfinite(ind.bounds.upper)) in.upper_bound = ind.bounds.upper;
  }
  if (t.kind == target_kind::gap_narrowing) {
    // The modes judge a single series: the gap's distance from parity, which must fall.
    const bool ratio = t.measure == gap_measure::ratio, in_ratio_units = ratio && t.min_pace;
    for (auto& pt : pts) pt.value = !ratio ? std::fabs(pt.value) : in_ratio_units ? std::fabs(pt.value - 1.0)
                                                                                   : std::fabs(std::log(pt.value));
    in.direction = -1;
    in.lower_bound = 0.0;
    in.upper_bound.reset();
    if (due_given) in.target_year = we;
    if (c && std::isfinite(c->range.upper) && (t.min_pace || t.min_pace_relative)) {
      in.target = ratio ? (in_ratio_units ? c->range.upper - 1.0 : std::log(c->range.upper)) : c->range.upper;
      in.target_type = "at_most";
    } else {
      in.target_type = "decrease";
    }
  } else if (t.kind == target_kind::increase || t.kind == target_kind::decrease) {
    if (due_given) in.target_year = we;
    const bool paced = t.min_pace || t.min_pace_relative;
    if (paced && c) {
      in.target = t.kind == target_kind::increase ? c->range.lower : c->range.upper;
      in.target_type = t.kind == target_kind::increase ? "at_least" : "at_most";
    } else {
      in.target_type = to_string(t.kind);
    }
  } else if (t.kind == target_kind::increase_each_period) {
    in.target_type = "increase_each_period";
    in.direction = +1;
    if (!t.periods.empty()) in.target_year = t.periods.back().last;
  } else if (c) {
    const auto& r = c->range;
    if (due_given) in.target_year = c->deadline;
    if (r.two_sided()) {
      in.target = 0.5 * (r.lower + r.upper);
      in.band_width = 0.5 * (r.upper - r.lower);
      in.target_type = "about";
    } else {
      in.target = std::isfinite(r.lower) ? r.lower : r.upper;
      const bool floor = std::isfinite(r.lower);
      in.target_type = c->every_year ? (floor ? "maintain_at_least" : "maintain_at_most") : (floor ? "at_least" : "at_most");
    }
  }
  for (const auto& pt : pts) {
    in.years.push_back(pt.year);
    in.values.push_back(pt.value);
  }
  return in;
}

/// The mode's own not-assessable label for a target it cannot read (its "no data" outcome),
/// with the reason `unsupported_kind` or the failure's message.
inline assess::method_result mode_unsupported(const std::string& method, const assess::param_map& params,
                                              const std::string& reason, const std::string& message) {
  assess::method_input none;
  assess::method_result r = assess::assess_with(method, none, params);
  r.reason = reason;
  r.message = message;
  r.components.clear();
  return r;
}

/// Counts of each label: the aggregation of modes whose publications define none.
inline assess::method_result label_counts(const std::string& method, const std::vector<assess::method_result>& rs) {
  assess::method_result a;
  a.method = method;
  a.variant = "label_counts";
  a.label = "label_counts";
  a.label_text = "no published aggregation: counts of each label";
  std::size_t assessed = 0;
  for (const auto& r : rs) {
    a.components["n_" + r.label] += 1.0;
    assessed += r.assessable();
  }
  a.components["n_assessed"] = static_cast<double>(assessed);
  a.components["n_not_assessable"] = static_cast<double>(rs.size() - assessed);
  return a;
}

/// The mode's own aggregation of results (docs/methods.md), or label counts for the modes whose
/// publications define none (unsd_expected, eustat, istat, ine, who_arr).
inline assess::method_result aggregate_mode(const std::string& method, const std::vector<assess::method_result>& rs,
                                            const assess::param_map& params) {
  using namespace assess;
  if (method == "eurostat") return aggregate_eurostat(rs);
  if (method == "opensdg") return aggregate_opensdg(rs);
  if (method == "unsd") return aggregate_unsd(rs);
  if (method == "sdsn") return aggregate_sdsn(rs, assess::detail::sdsn_table().read("sdsn", params));
  if (method == "destatis") return aggregate_destatis(rs);
  if (method == "nbs") return aggregate_nbs(rs);
  if (method == "escap") {
    const auto p = assess::detail::escap_table().read("escap", params);
    if (p.index != escap_index::gap) return aggregate_escap(rs, p.index, {}, p);
  }
  return label_counts(method, rs);
}

inline status_summary summarize(const std::vector<const evaluation_row*>& rows, const std::string& method,
                                const assess::param_map& mode_params) {
  using assess::progress_status;
  status_summary s;
  for (auto st : {progress_status::achieved, progress_status::on_track, progress_status::at_risk,
                  progress_status::off_track, progress_status::deteriorating, progress_status::missed,
                  progress_status::not_assessable})
    s.counts[st] = 0;
  std::vector<assess::method_result> mode_results;
  for (const auto* r : rows) {
    ++s.counts[r->native.status];
    ++s.total;
    if (r->mode) mode_results.push_back(*r->mode);
  }
  s.assessable = s.total - s.counts[progress_status::not_assessable];
  if (s.assessable > 0) {
    s.achievement_rate = static_cast<double>(s.counts[progress_status::achieved]) / s.assessable;
    s.on_track_rate =
        static_cast<double>(s.counts[progress_status::achieved] + s.counts[progress_status::on_track]) / s.assessable;
  }
  if (method != "ontrack") s.mode_aggregate = aggregate_mode(method, mode_results, mode_params);
  return s;
}

/// The evaluation year a preset implies (see evaluation_options::as_of).
inline int resolve_as_of(const plan& p, const std::vector<series>& data, const evaluation_options& o) {
  std::optional<int> fixed;
  if (o.preset == "midterm") {
    if (!p.midterm_year)
      throw std::invalid_argument("evaluate: plan '" + p.id + "' has no midterm_year, so a midterm evaluation has no year");
    fixed = *p.midterm_year;
  } else if (o.preset == "final") {
    fixed = p.period_end;
  } else if (o.preset != "annual") {
    throw std::invalid_argument("evaluate: preset '" + o.preset + "' is not known; accepted: annual, midterm, final");
  }
  if (fixed) {
    if (o.as_of && *o.as_of != *fixed)
      throw std::invalid_argument("evaluate: the " + o.preset + " evaluation is as of " + std::to_string(*fixed) +
                                  ", not " + std::to_string(*o.as_of));
    return *fixed;
  }
  if (o.as_of) return *o.as_of;
  int latest = p.base_year;
  std::set<std::string> ids;
  for (const auto* i : p.indicators()) ids.insert(i->id);
  for (const auto& s : data)
    if (ids.count(s.indicator))
      for (const auto& ob : s.observations) latest = std::max(latest, ob.year);
  return latest;
}

}  // namespace detail

/// A compatibility mode's result for one target of a plan, read as docs/assessment.md §
/// Compatibility modes says (the assessed series, the target's edge or band, its year, the plan's
/// base year). Kinds no mode has (trend_slowing, milestone) get the mode's own "no data" label
/// with reason `unsupported_kind`. `baseline_window` is native_params::baseline_window_years.
/// Throws std::invalid_argument for an unknown method or parameter.
inline assess::method_result assess_with_mode(const std::string& method, const target& t, const indicator& ind,
                                              const assess::plan_frame& f, const assess::series_index& data, int as_of,
                                              const assess::param_map& params, int baseline_window = 2) {
  const auto in = detail::mode_input(t, ind, f, data, as_of, baseline_window);
  if (!in)
    return detail::mode_unsupported(method, params, "unsupported_kind",
                                    std::string(to_string(t.kind)) + " targets have no equivalent in " + method);
  return assess::assess_with(method, *in, params);
}

namespace detail {

/// The data an evaluation reads (the series of the plan's indicators, up to as_of) and its hash.
inline data_record record_data(const plan& p, const std::vector<series>& data, int as_of) {
  std::set<std::string> ids;
  for (const auto* i : p.indicators()) ids.insert(i->id);
  std::vector<const series*> used;
  for (const auto& s : data)
    if (ids.count(s.indicator)) used.push_back(&s);
  data_record r;
  r.sha256 = assess::sha256_hex(assess::canonical_data_text(used, as_of));
  for (const auto* s : used) {
    bool any = false;
    for (const auto& ob : s->observations)
      if (ob.year <= as_of) {
        any = true;
        ++r.points;
        r.first_year = std::min(r.first_year.value_or(ob.year), ob.year);
        r.last_year = std::max(r.last_year.value_or(ob.year), ob.year);
      }
    r.series += any;
  }
  return r;
}

/// One target's row: where it sits, ontrack's assessment and, with a mode, the mode's. Failures
/// are the row's status, never an exception (a defect must not take the evaluation down).
inline evaluation_row evaluate_target(const plan& p, const domain& d, const goal& g, const indicator& ind, std::size_t k,
                                      const assess::series_index& index, int as_of, const assess::native_params& np,
                                      const evaluation_options& o) {
  const target& t = ind.targets[k];
  evaluation_row row;
  row.domain_id = d.id;
  row.goal_id = g.id;
  row.indicator_id = ind.id;
  row.target_index = k;
  row.kind = t.kind;
  row.interim = t.interim;
  row.deadline = t.kind == target_kind::increase_each_period && !t.periods.empty() ? t.periods.back().last
                                                                                  : t.deadline(p.period_end);
  row.target_text = t.text;
  row.responsible_units = p.responsible_units_of(g);
  const assess::plan_frame frame = frame_of(p);
  try {
    row.native = assess::assess_native(t, ind, frame, index, as_of, np);
  } catch (const std::exception& ex) {
    row.native = {};
    row.native.reason = "assessment_error";
    row.native.message = ex.what();
  }
  if (o.method == "ontrack") return row;
  try {
    row.mode = assess_with_mode(o.method, t, ind, frame, index, as_of, o.mode_params, np.baseline_window_years);
  } catch (const std::exception& ex) {
    row.mode = mode_unsupported(o.method, o.mode_params, "assessment_error", ex.what());
  }
  return row;
}

/// unstable_status on every row: from the earlier evaluations given, else recomputed from the
/// same data as of each of the history_years previous years.
inline void add_unstable_warnings(evaluation& e, const plan& p, const assess::series_index& index,
                                  const assess::native_params& np, const evaluation_options& o) {
  if (o.history.empty() && np.history_years == 0) return;
  const assess::plan_frame frame = frame_of(p);
  for (auto& row : e.rows) {
    std::vector<std::pair<int, assess::progress_status>> earlier;
    if (!o.history.empty()) {
      for (const auto& h : o.history) {
        const auto it = h.statuses.find(row.key());
        if (h.as_of < e.as_of && it != h.statuses.end()) earlier.emplace_back(h.as_of, it->second);
      }
    } else {
      const indicator& ind = p.find_indicator(row.indicator_id);
      try {
        earlier = assess::earlier_statuses(ind.targets[row.target_index], ind, frame, index, e.as_of, np);
      } catch (const std::exception&) {
        earlier.clear();  // the row itself already says what went wrong
      }
    }
    assess::add_unstable_status(row.native, e.as_of, std::move(earlier), np);
  }
}

/// The warnings list and the summaries for the plan, each domain and each responsible unit.
inline void summarize_evaluation(evaluation& e, const evaluation_options& o) {
  std::vector<const evaluation_row*> all;
  std::map<std::string, std::vector<const evaluation_row*>> domains, units;
  for (const auto& row : e.rows) {
    all.push_back(&row);
    domains[row.domain_id].push_back(&row);
    for (const auto& u : row.responsible_units) units[u].push_back(&row);
    for (const auto& w : row.native.warnings) e.warnings.push_back({row.indicator_id, row.target_index, row.domain_id, w});
  }
  e.plan_summary = summarize(all, o.method, o.mode_params);
  for (const auto& [id, rows] : domains) e.by_domain[id] = summarize(rows, o.method, o.mode_params);
  for (const auto& [unit, rows] : units) e.by_unit[unit] = summarize(rows, o.method, o.mode_params);
}

}  // namespace detail

/// Evaluates every target of `p` as of an evaluation year with the observations `data` (e.g.
/// p.series), using only observations up to that year.
/// Throws std::invalid_argument for an unknown preset, method or parameter, a parameter out of
/// range, an as_of that contradicts the preset, or a midterm evaluation of a plan without a
/// mid-term year; never for the data.
inline evaluation evaluate(const plan& p, const std::vector<series>& data, const evaluation_options& o = {}) {
  evaluation e;
  e.plan_id = p.id;
  e.preset = o.preset;
  e.method = o.method;
  e.as_of = detail::resolve_as_of(p, data, o);
  const assess::native_params np = assess::read_native_params(o.native_params);
  e.native_parameters = assess::native_parameter_values(np);
  e.mode_parameters = o.mode_params;
  if (o.method != "ontrack")
    (void)assess::assess_with(o.method, assess::method_input{}, o.mode_params);  // unknown method or parameter throws here
  else if (!o.mode_params.empty())
    throw std::invalid_argument("evaluate: mode parameters were given, but the method is ontrack's own");
  e.data = detail::record_data(p, data, e.as_of);

  const assess::series_index index(data);
  for (const auto& d : p.domains)
    for (const auto& g : d.goals)
      for (const auto& ind : g.indicators)
        for (std::size_t k = 0; k < ind.targets.size(); ++k)
          e.rows.push_back(detail::evaluate_target(p, d, g, ind, k, index, e.as_of, np, o));
  detail::add_unstable_warnings(e, p, index, np, o);
  detail::summarize_evaluation(e, o);
  return e;
}

}  // namespace ontrack
