#pragma once
/// All compatibility modes, and a dispatcher by name for callers that choose the method at run
/// time (the command line, the Python binding, a plan file's `method:` field).
///
///     assess_with("opensdg", input, {{"m2_high", 0.9}});
///     assess_with("destatis", input, {{"change", "relative"}});
///
/// Parameter names are the members of each mode's `<mode>_params`; numbers, flags (0/1 or
/// "true"/"false") and enumerations (their names as strings) are accepted.

#include <cmath>
#include <functional>
#include <initializer_list>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include <ontrack/assess/destatis.hpp>
#include <ontrack/assess/escap.hpp>
#include <ontrack/assess/eurostat.hpp>
#include <ontrack/assess/eustat.hpp>
#include <ontrack/assess/ine.hpp>
#include <ontrack/assess/istat.hpp>
#include <ontrack/assess/method_result.hpp>
#include <ontrack/assess/nbs.hpp>
#include <ontrack/assess/opensdg.hpp>
#include <ontrack/assess/sdsn.hpp>
#include <ontrack/assess/unsd.hpp>
#include <ontrack/assess/who.hpp>

namespace ontrack::assess {

/// One parameter value for the dispatcher: a number or a text (an enumeration's name, a label).
/// Implicit from any arithmetic type and from strings, so brace lists read naturally.
class param_value {
 public:
  template <class T, std::enable_if_t<std::is_arithmetic_v<T>, int> = 0>
  param_value(T v) : v_(static_cast<double>(v)) {}  // NOLINT(google-explicit-constructor)
  param_value(const char* s) : v_(std::string(s)) {}  // NOLINT(google-explicit-constructor)
  param_value(std::string s) : v_(std::move(s)) {}    // NOLINT(google-explicit-constructor)
  param_value(std::string_view s) : v_(std::string(s)) {}  // NOLINT(google-explicit-constructor)

  bool is_number() const noexcept { return std::holds_alternative<double>(v_); }
  double number() const { return std::get<double>(v_); }
  const std::string& text() const { return std::get<std::string>(v_); }

 private:
  std::variant<double, std::string> v_;
};

/// Named parameters for `assess_with`.
using param_map = std::map<std::string, param_value>;

namespace detail {

inline std::string value_text(const param_value& v) { return v.is_number() ? num(v.number()) : "'" + v.text() + "'"; }

[[noreturn]] inline void bad_param(std::string_view method, std::string_view name, const param_value& v,
                                   const std::string& rule) {
  throw std::invalid_argument(std::string(method) + ": parameter '" + std::string(name) + "' is " + value_text(v) + ": " +
                              rule);
}

inline double p_number(std::string_view m, std::string_view n, const param_value& v) {
  if (!v.is_number() || !std::isfinite(v.number())) bad_param(m, n, v, "it must be a finite number");
  return v.number();
}
inline int p_int(std::string_view m, std::string_view n, const param_value& v) {
  const double x = p_number(m, n, v);
  if (x != std::floor(x) || std::abs(x) > 1e9) bad_param(m, n, v, "it must be a whole number");
  return static_cast<int>(x);
}
inline bool p_flag(std::string_view m, std::string_view n, const param_value& v) {
  if (v.is_number() && (v.number() == 0 || v.number() == 1)) return v.number() == 1;
  if (!v.is_number() && (v.text() == "true" || v.text() == "false")) return v.text() == "true";
  bad_param(m, n, v, "it must be 0, 1, \"true\" or \"false\"");
}
inline std::string p_text(std::string_view m, std::string_view n, const param_value& v) {
  if (v.is_number()) bad_param(m, n, v, "it must be a text");
  return v.text();
}
template <class E>
E p_enum(std::string_view m, std::string_view n, const param_value& v, std::initializer_list<std::pair<const char*, E>> names) {
  std::string accepted;
  for (const auto& [name, e] : names) {
    if (!v.is_number() && v.text() == name) return e;
    accepted += (accepted.empty() ? "" : ", ") + std::string(name);
  }
  bad_param(m, n, v, "accepted: " + accepted);
}

template <class P>
using param_setter = void (*)(P&, std::string_view method, std::string_view name, const param_value&);

template <class P>
struct param_table {
  std::vector<std::pair<const char*, param_setter<P>>> entries;

  std::vector<std::string> names() const {
    std::vector<std::string> out;
    for (const auto& e : entries) out.emplace_back(e.first);
    return out;
  }
  P read(std::string_view method, const param_map& m) const {
    P p;
    for (const auto& [name, value] : m) {
      bool found = false;
      for (const auto& e : entries)
        if (name == e.first) {
          e.second(p, method, name, value);
          found = true;
          break;
        }
      if (!found) {
        std::string accepted;
        for (const auto& e : entries) accepted += (accepted.empty() ? "" : ", ") + std::string(e.first);
        throw std::invalid_argument(std::string(method) + ": unknown parameter '" + name + "'; accepted: " + accepted);
      }
    }
    return p;
  }
};

// Each entry: a member of the params struct, set from a param_value by its type.
#define ONTRACK_ASSESS_NUM(P, member) \
  {#member, [](P& p, std::string_view m, std::string_view n, const param_value& v) { p.member = p_number(m, n, v); }}
#define ONTRACK_ASSESS_INT(P, member) \
  {#member, [](P& p, std::string_view m, std::string_view n, const param_value& v) { p.member = p_int(m, n, v); }}
#define ONTRACK_ASSESS_FLAG(P, member) \
  {#member, [](P& p, std::string_view m, std::string_view n, const param_value& v) { p.member = p_flag(m, n, v); }}
#define ONTRACK_ASSESS_TEXT(P, member) \
  {#member, [](P& p, std::string_view m, std::string_view n, const param_value& v) { p.member = p_text(m, n, v); }}

inline const param_table<eurostat_params>& eurostat_table() {
  using P = eurostat_params;
  static const param_table<P> t{{ONTRACK_ASSESS_INT(P, window_years), ONTRACK_ASSESS_INT(P, min_points),
                                 ONTRACK_ASSESS_FLAG(P, base_from_input), ONTRACK_ASSESS_INT(P, default_target_year),
                                 ONTRACK_ASSESS_NUM(P, rr_significant), ONTRACK_ASSESS_NUM(P, rr_moderate),
                                 ONTRACK_ASSESS_NUM(P, rr_insufficient), ONTRACK_ASSESS_NUM(P, cagr_significant),
                                 ONTRACK_ASSESS_NUM(P, cagr_moderate), ONTRACK_ASSESS_NUM(P, cagr_moderate_away),
                                 ONTRACK_ASSESS_FLAG(P, literal_rr), ONTRACK_ASSESS_FLAG(P, met_target_rule),
                                 ONTRACK_ASSESS_TEXT(P, met_label)}};
  return t;
}

inline const param_table<opensdg_params>& opensdg_table() {
  using P = opensdg_params;
  static const param_table<P> t{{ONTRACK_ASSESS_INT(P, default_base_year), ONTRACK_ASSESS_INT(P, default_target_year),
                                 ONTRACK_ASSESS_NUM(P, m1_high), ONTRACK_ASSESS_NUM(P, m1_med), ONTRACK_ASSESS_NUM(P, m1_low),
                                 ONTRACK_ASSESS_NUM(P, m2_high), ONTRACK_ASSESS_NUM(P, m2_med), ONTRACK_ASSESS_NUM(P, m2_low),
                                 ONTRACK_ASSESS_NUM(P, zero_replacement), ONTRACK_ASSESS_NUM(P, c_exponent),
                                 ONTRACK_ASSESS_NUM(P, limit), ONTRACK_ASSESS_FLAG(P, limit_from_bounds)}};
  return t;
}

inline const param_table<unsd_params>& unsd_table() {
  using P = unsd_params;
  static const param_table<P> t{{
      {"methodology",
       [](P& p, std::string_view m, std::string_view n, const param_value& v) {
         p.methodology = p_enum<unsd_methodology>(
             m, n, v,
             {{"cagrr", unsd_methodology::cagrr}, {"cagra", unsd_methodology::cagra}, {"aarrr", unsd_methodology::aarrr},
              {"cagrr_aarrr", unsd_methodology::cagrr_aarrr}, {"doubling", unsd_methodology::doubling},
              {"halving", unsd_methodology::halving}, {"binary", unsd_methodology::binary},
              {"likert", unsd_methodology::likert}, {"special_gini", unsd_methodology::special_gini}});
       }},
      {"normative",
       [](P& p, std::string_view m, std::string_view n, const param_value& v) {
         p.normative = p_enum<unsd_normative>(m, n, v,
                                              {{"from_direction", unsd_normative::from_direction},
                                               {"increase", unsd_normative::increase},
                                               {"decrease", unsd_normative::decrease},
                                               {"not_increase", unsd_normative::not_increase},
                                               {"not_decrease", unsd_normative::not_decrease}});
       }},
      ONTRACK_ASSESS_INT(P, baseline_year), ONTRACK_ASSESS_INT(P, no_data_after_year), ONTRACK_ASSESS_INT(P, target_year),
      ONTRACK_ASSESS_NUM(P, cagr_required), ONTRACK_ASSESS_NUM(P, achieved_tolerance), ONTRACK_ASSESS_NUM(P, cr_on_track),
      ONTRACK_ASSESS_NUM(P, cr_fair), ONTRACK_ASSESS_NUM(P, cr_limited), ONTRACK_ASSESS_NUM(P, cagr_limit_0),
      ONTRACK_ASSESS_NUM(P, cagr_limit_1), ONTRACK_ASSESS_NUM(P, cagr_limit_2), ONTRACK_ASSESS_NUM(P, aarr_fair),
      ONTRACK_ASSESS_NUM(P, aarr_limited), ONTRACK_ASSESS_NUM(P, gini_cagr), ONTRACK_ASSESS_NUM(P, gini_points),
      ONTRACK_ASSESS_NUM(P, binary_required),
      {"level_threshold_0", [](P& p, std::string_view m, std::string_view n, const param_value& v) {
         if (p.level_thresholds.size() < 1) p.level_thresholds.resize(1);
         p.level_thresholds[0] = p_number(m, n, v);
       }},
      {"level_threshold_1", [](P& p, std::string_view m, std::string_view n, const param_value& v) {
         if (p.level_thresholds.size() < 2) p.level_thresholds.resize(2);
         p.level_thresholds[1] = p_number(m, n, v);
       }},
      {"level_threshold_2", [](P& p, std::string_view m, std::string_view n, const param_value& v) {
         if (p.level_thresholds.size() < 3) p.level_thresholds.resize(3);
         p.level_thresholds[2] = p_number(m, n, v);
       }},
      {"level_threshold_3", [](P& p, std::string_view m, std::string_view n, const param_value& v) {
         if (p.level_thresholds.size() < 4) p.level_thresholds.resize(4);
         p.level_thresholds[3] = p_number(m, n, v);
       }},
      ONTRACK_ASSESS_FLAG(P, reproduce_literal_direction), ONTRACK_ASSESS_FLAG(P, reproduce_cagra_gap),
      ONTRACK_ASSESS_FLAG(P, reproduce_likert_gap), ONTRACK_ASSESS_FLAG(P, reproduce_gini_final),
      ONTRACK_ASSESS_FLAG(P, reproduce_aarrr_sign), ONTRACK_ASSESS_FLAG(P, reproduce_level_no_direction)}};
  return t;
}

inline const param_table<unsd_expected_params>& unsd_expected_table() {
  using P = unsd_expected_params;
  static const param_table<P> t{{ONTRACK_ASSESS_INT(P, default_base_year), ONTRACK_ASSESS_INT(P, default_target_year),
                                 ONTRACK_ASSESS_NUM(P, on_track), ONTRACK_ASSESS_NUM(P, moderate),
                                 ONTRACK_ASSESS_NUM(P, marginal), ONTRACK_ASSESS_NUM(P, stagnation),
                                 ONTRACK_ASSESS_FLAG(P, zero_ratio_rule), ONTRACK_ASSESS_NUM(P, cagr_on_track),
                                 ONTRACK_ASSESS_NUM(P, cagr_moderate), ONTRACK_ASSESS_NUM(P, cagr_marginal),
                                 ONTRACK_ASSESS_FLAG(P, reproduce_abs_bug)}};
  return t;
}

inline const param_table<escap_params>& escap_table() {
  using P = escap_params;
  static const param_table<P> t{{
      ONTRACK_ASSESS_INT(P, default_base_year), ONTRACK_ASSESS_INT(P, default_target_year),
      {"index",
       [](P& p, std::string_view m, std::string_view n, const param_value& v) {
         p.index = p_enum<escap_index>(m, n, v, {{"csi", escap_index::csi}, {"api", escap_index::api}, {"gap", escap_index::gap}});
       }},
      ONTRACK_ASSESS_FLAG(P, parity),
      {"extrapolator",
       [](P& p, std::string_view m, std::string_view n, const param_value& v) {
         p.extrapolator = p_enum<escap_extrapolator>(m, n, v,
                                                     {{"geometric", escap_extrapolator::geometric},
                                                      {"weighted_geometric", escap_extrapolator::weighted_geometric},
                                                      {"logit", escap_extrapolator::logit},
                                                      {"weighted_logit", escap_extrapolator::weighted_logit},
                                                      {"mean_logit_growth", escap_extrapolator::mean_logit_growth}});
       }},
      ONTRACK_ASSESS_NUM(P, scale), ONTRACK_ASSESS_INT(P, fit_from_year), ONTRACK_ASSESS_FLAG(P, impute_base),
      ONTRACK_ASSESS_NUM(P, on_track_above), ONTRACK_ASSESS_NUM(P, progress_above), ONTRACK_ASSESS_NUM(P, gap_maintain_up_to),
      ONTRACK_ASSESS_NUM(P, gap_reverse_from), ONTRACK_ASSESS_FLAG(P, weight_sum_over_steps),
      ONTRACK_ASSESS_FLAG(P, annualise_steps), ONTRACK_ASSESS_FLAG(P, reproduce_weighted_logit_intercept),
      ONTRACK_ASSESS_FLAG(P, reproduce_one_point_api_loss)}};
  return t;
}

inline const param_table<sdsn_params>& sdsn_table() {
  using P = sdsn_params;
  static const param_table<P> t{{ONTRACK_ASSESS_NUM(P, best), ONTRACK_ASSESS_NUM(P, worst),
                                 ONTRACK_ASSESS_INT(P, default_period_start), ONTRACK_ASSESS_INT(P, default_target_year),
                                 ONTRACK_ASSESS_INT(P, max_gap_years), ONTRACK_ASSESS_NUM(P, moderate_share),
                                 ONTRACK_ASSESS_FLAG(P, cap_at_green), ONTRACK_ASSESS_FLAG(P, required_from_latest),
                                 ONTRACK_ASSESS_NUM(P, points_decreasing), ONTRACK_ASSESS_NUM(P, points_stagnating),
                                 ONTRACK_ASSESS_NUM(P, points_moderately_improving), ONTRACK_ASSESS_NUM(P, points_maintaining),
                                 ONTRACK_ASSESS_NUM(P, points_on_track), ONTRACK_ASSESS_NUM(P, min_coverage)}};
  return t;
}

inline const param_table<destatis_params>& destatis_table() {
  using P = destatis_params;
  static const param_table<P> t{{
      ONTRACK_ASSESS_INT(P, family),
      {"change",
       [](P& p, std::string_view m, std::string_view n, const param_value& v) {
         p.change = p_enum<destatis_change>(m, n, v,
                                            {{"absolute", destatis_change::absolute}, {"relative", destatis_change::relative}});
       }},
      ONTRACK_ASSESS_INT(P, window_points), ONTRACK_ASSESS_INT(P, min_points), ONTRACK_ASSESS_FLAG(P, require_consecutive),
      ONTRACK_ASSESS_NUM(P, sun_below), ONTRACK_ASSESS_NUM(P, partly_cloudy_up_to), ONTRACK_ASSESS_NUM(P, stagnation_tolerance),
      ONTRACK_ASSESS_FLAG(P, reached_is_sun), ONTRACK_ASSESS_FLAG(P, english), ONTRACK_ASSESS_FLAG(P, past_tense)}};
  return t;
}

inline const param_table<eustat_params>& eustat_table() {
  using P = eustat_params;
  static const param_table<P> t{{ONTRACK_ASSESS_INT(P, default_base_year), ONTRACK_ASSESS_INT(P, default_target_year),
                                 ONTRACK_ASSESS_NUM(P, r_on_track), ONTRACK_ASSESS_NUM(P, r_progress),
                                 ONTRACK_ASSESS_NUM(P, cagr_on_track), ONTRACK_ASSESS_NUM(P, cagr_progress),
                                 ONTRACK_ASSESS_NUM(P, bound_tolerance), ONTRACK_ASSESS_NUM(P, percent_scale),
                                 ONTRACK_ASSESS_FLAG(P, binary), ONTRACK_ASSESS_FLAG(P, manual),
                                 ONTRACK_ASSESS_FLAG(P, reproduce_base_past_target)}};
  return t;
}

inline const param_table<istat_params>& istat_table() {
  using P = istat_params;
  static const param_table<P> t{{ONTRACK_ASSESS_INT(P, window_years), ONTRACK_ASSESS_INT(P, min_points),
                                 ONTRACK_ASSESS_NUM(P, clear), ONTRACK_ASSESS_NUM(P, slight),
                                 ONTRACK_ASSESS_FLAG(P, signed_rate_bands)}};
  return t;
}

inline const param_table<ine_params>& ine_table() {
  using P = ine_params;
  static const param_table<P> t{{ONTRACK_ASSESS_INT(P, default_base_year), ONTRACK_ASSESS_NUM(P, unchanged_tolerance),
                                 ONTRACK_ASSESS_FLAG(P, tolerance_relative), ONTRACK_ASSESS_FLAG(P, inconclusive)}};
  return t;
}

inline const param_table<who_params>& who_table() {
  using P = who_params;
  static const param_table<P> t{{ONTRACK_ASSESS_INT(P, default_target_year), ONTRACK_ASSESS_FLAG(P, regression)}};
  return t;
}

inline const param_table<nbs_params>& nbs_table() {
  using P = nbs_params;
  static const param_table<P> t{{ONTRACK_ASSESS_NUM(P, tolerance), ONTRACK_ASSESS_FLAG(P, tolerance_relative),
                                 ONTRACK_ASSESS_INT(P, evaluation_year)}};
  return t;
}

#undef ONTRACK_ASSESS_NUM
#undef ONTRACK_ASSESS_INT
#undef ONTRACK_ASSESS_FLAG
#undef ONTRACK_ASSESS_TEXT

struct mode_entry {
  const char* name;
  method_result (*run)(const method_input&, const param_map&);
  std::vector<std::string> (*params)();
};

inline const std::vector<mode_entry>& mode_registry() {
  static const std::vector<mode_entry> modes = {
      {"eurostat", [](const method_input& in, const param_map& m) { return assess_eurostat(in, eurostat_table().read("eurostat", m)); },
       [] { return eurostat_table().names(); }},
      {"opensdg", [](const method_input& in, const param_map& m) { return assess_opensdg(in, opensdg_table().read("opensdg", m)); },
       [] { return opensdg_table().names(); }},
      {"unsd", [](const method_input& in, const param_map& m) { return assess_unsd(in, unsd_table().read("unsd", m)); },
       [] { return unsd_table().names(); }},
      {"unsd_expected",
       [](const method_input& in, const param_map& m) {
         return assess_unsd_expected(in, unsd_expected_table().read("unsd_expected", m));
       },
       [] { return unsd_expected_table().names(); }},
      {"escap", [](const method_input& in, const param_map& m) { return assess_escap(in, escap_table().read("escap", m)); },
       [] { return escap_table().names(); }},
      {"sdsn", [](const method_input& in, const param_map& m) { return assess_sdsn(in, sdsn_table().read("sdsn", m)); },
       [] { return sdsn_table().names(); }},
      {"destatis", [](const method_input& in, const param_map& m) { return assess_destatis(in, destatis_table().read("destatis", m)); },
       [] { return destatis_table().names(); }},
      {"eustat", [](const method_input& in, const param_map& m) { return assess_eustat(in, eustat_table().read("eustat", m)); },
       [] { return eustat_table().names(); }},
      {"istat", [](const method_input& in, const param_map& m) { return assess_istat(in, istat_table().read("istat", m)); },
       [] { return istat_table().names(); }},
      {"ine", [](const method_input& in, const param_map& m) { return assess_ine(in, ine_table().read("ine", m)); },
       [] { return ine_table().names(); }},
      {"who_arr", [](const method_input& in, const param_map& m) { return assess_who_arr(in, who_table().read("who_arr", m)); },
       [] { return who_table().names(); }},
      {"nbs", [](const method_input& in, const param_map& m) { return assess_nbs(in, nbs_table().read("nbs", m)); },
       [] { return nbs_table().names(); }},
  };
  return modes;
}

inline const mode_entry& find_mode(std::string_view method) {
  for (const auto& e : mode_registry())
    if (method == e.name) return e;
  std::string accepted;
  for (const auto& e : mode_registry()) accepted += (accepted.empty() ? "" : ", ") + std::string(e.name);
  throw std::invalid_argument("assess_with: unknown method '" + std::string(method) + "'; accepted: " + accepted);
}

}  // namespace detail

/// The mode ids `assess_with` accepts, in a stable order.
inline std::vector<std::string> method_names() {
  std::vector<std::string> out;
  for (const auto& e : detail::mode_registry()) out.emplace_back(e.name);
  return out;
}

/// The parameter names a mode accepts (its params struct's members).
/// Throws std::invalid_argument for an unknown method, listing the accepted ones.
inline std::vector<std::string> parameter_names(std::string_view method) { return detail::find_mode(method).params(); }

/// Runs mode `method` with parameters given by name (defaults for the rest).
/// Throws std::invalid_argument for an unknown method or parameter (naming it and listing the
/// accepted ones), a value of the wrong type, and the mode's own caller errors.
inline method_result assess_with(std::string_view method, const method_input& input, const param_map& params = {}) {
  return detail::find_mode(method).run(input, params);
}

/// The same with numeric parameters only (e.g. from a binding that passes a dict of floats).
template <class Map, std::enable_if_t<std::is_same_v<Map, std::map<std::string, double>>, int> = 0>
method_result assess_with(std::string_view method, const method_input& input, const Map& params) {
  param_map m;
  for (const auto& [k, v] : params) m.emplace(k, param_value(v));
  return assess_with(method, input, m);
}

}  // namespace ontrack::assess
