#pragma once
/// All compatibility modes, and a dispatcher by name for callers that choose the method at run
/// time (the command line, the Python binding, a plan file's `method:` field).
///
///     assess_with("opensdg", input, {{"m2_high", 0.9}});
///     assess_with("destatis", input, {{"change", "relative"}});
///
/// Parameter names are the members of each mode's `<mode>_params`; numbers, flags (0/1 or
/// "true"/"false") and enumerations (their names as strings) are accepted.

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <functional>
#include <map>
#include <optional>
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
#include <ontrack/detail/enum_names.hpp>

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

/// "a, b, c": the accepted names listed by an error message, `name_of(item)` for each item.
template <class Items, class NameOf>
std::string comma_list(const Items& items, NameOf name_of) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + std::string(name_of(item));
  return out;
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
template <class E, std::size_t N>
E p_enum(std::string_view m, std::string_view n, const param_value& v, const ontrack::detail::name_table<E, N>& names) {
  if (!v.is_number())
    if (const auto e = ontrack::detail::value_of(names, v.text())) return *e;
  bad_param(m, n, v, "accepted: " + comma_list(names, [](const auto& entry) { return entry.second; }));
}

// The names of each enumeration parameter's values, in the order an error lists them; found by
// the parameter's type, so that read_param needs no per-parameter list.
inline const auto& enum_names(unsd_methodology) {
  static constexpr ontrack::detail::name_table<unsd_methodology, 9> names{
      {{unsd_methodology::cagrr, "cagrr"},
       {unsd_methodology::cagra, "cagra"},
       {unsd_methodology::aarrr, "aarrr"},
       {unsd_methodology::cagrr_aarrr, "cagrr_aarrr"},
       {unsd_methodology::doubling, "doubling"},
       {unsd_methodology::halving, "halving"},
       {unsd_methodology::binary, "binary"},
       {unsd_methodology::likert, "likert"},
       {unsd_methodology::special_gini, "special_gini"}}};
  return names;
}
inline const auto& enum_names(unsd_normative) {
  static constexpr ontrack::detail::name_table<unsd_normative, 5> names{
      {{unsd_normative::from_direction, "from_direction"},
       {unsd_normative::increase, "increase"},
       {unsd_normative::decrease, "decrease"},
       {unsd_normative::not_increase, "not_increase"},
       {unsd_normative::not_decrease, "not_decrease"}}};
  return names;
}
inline const auto& enum_names(escap_index) {
  static constexpr ontrack::detail::name_table<escap_index, 3> names{
      {{escap_index::csi, "csi"}, {escap_index::api, "api"}, {escap_index::gap, "gap"}}};
  return names;
}
inline const auto& enum_names(escap_extrapolator) {
  static constexpr ontrack::detail::name_table<escap_extrapolator, 5> names{
      {{escap_extrapolator::geometric, "geometric"},
       {escap_extrapolator::weighted_geometric, "weighted_geometric"},
       {escap_extrapolator::logit, "logit"},
       {escap_extrapolator::weighted_logit, "weighted_logit"},
       {escap_extrapolator::mean_logit_growth, "mean_logit_growth"}}};
  return names;
}
inline const auto& enum_names(destatis_change) {
  static constexpr ontrack::detail::name_table<destatis_change, 2> names{
      {{destatis_change::absolute, "absolute"}, {destatis_change::relative, "relative"}}};
  return names;
}

// Reads a value into a params member by the member's type (an optional member by the type it
// holds): the tables name members only, so no member can be read by another type's rule.
inline void read_param(double& out, std::string_view m, std::string_view n, const param_value& v) { out = p_number(m, n, v); }
inline void read_param(int& out, std::string_view m, std::string_view n, const param_value& v) { out = p_int(m, n, v); }
inline void read_param(bool& out, std::string_view m, std::string_view n, const param_value& v) { out = p_flag(m, n, v); }
inline void read_param(std::string& out, std::string_view m, std::string_view n, const param_value& v) {
  out = p_text(m, n, v);
}
template <class E, std::enable_if_t<std::is_enum_v<E>, int> = 0>
void read_param(E& out, std::string_view m, std::string_view n, const param_value& v) {
  out = p_enum(m, n, v, enum_names(E{}));
}
template <class T>
void read_param(std::optional<T>& out, std::string_view m, std::string_view n, const param_value& v) {
  T value{};
  read_param(value, m, n, v);
  out = value;
}

template <class P>
using param_setter = void (*)(P&, std::string_view method, std::string_view name, const param_value&);

template <class P>
struct param_entry {
  const char* name;
  param_setter<P> set;
};

template <class P>
struct param_table {
  std::vector<param_entry<P>> entries;

  std::vector<std::string> names() const {
    std::vector<std::string> out;
    for (const auto& e : entries) out.emplace_back(e.name);
    return out;
  }
  P read(std::string_view method, const param_map& m) const {
    P p;
    for (const auto& [name, value] : m) {
      // Init-captured: C++17 lambdas cannot capture a structured binding.
      const auto entry = std::find_if(entries.begin(), entries.end(), [&given = name](const auto& e) { return given == e.name; });
      if (entry == entries.end())
        throw std::invalid_argument(std::string(method) + ": unknown parameter '" + name +
                                    "'; accepted: " + comma_list(entries, [](const auto& e) { return e.name; }));
      entry->set(p, method, name, value);
    }
    return p;
  }
};

// A table entry for a member of the params struct: the member's name is the parameter's name,
// and its type chooses how a value is read (read_param).
#define ONTRACK_ASSESS_PARAM(member) \
  {#member, [](auto& p, std::string_view m, std::string_view n, const param_value& v) { read_param(p.member, m, n, v); }}

// UNSD's current-level cut-offs are a list; `level_threshold_<I>` sets the I-th, growing the list.
template <std::size_t I>
void set_level_threshold(unsd_params& p, std::string_view m, std::string_view n, const param_value& v) {
  if (p.level_thresholds.size() < I + 1) p.level_thresholds.resize(I + 1);
  p.level_thresholds[I] = p_number(m, n, v);
}

inline const param_table<eurostat_params>& eurostat_table() {
  static const param_table<eurostat_params> t{
      {ONTRACK_ASSESS_PARAM(window_years), ONTRACK_ASSESS_PARAM(min_points), ONTRACK_ASSESS_PARAM(base_from_input),
       ONTRACK_ASSESS_PARAM(default_target_year), ONTRACK_ASSESS_PARAM(rr_significant), ONTRACK_ASSESS_PARAM(rr_moderate),
       ONTRACK_ASSESS_PARAM(rr_insufficient), ONTRACK_ASSESS_PARAM(cagr_significant), ONTRACK_ASSESS_PARAM(cagr_moderate),
       ONTRACK_ASSESS_PARAM(cagr_moderate_away), ONTRACK_ASSESS_PARAM(literal_rr), ONTRACK_ASSESS_PARAM(met_target_rule),
       ONTRACK_ASSESS_PARAM(met_label)}};
  return t;
}

inline const param_table<opensdg_params>& opensdg_table() {
  static const param_table<opensdg_params> t{
      {ONTRACK_ASSESS_PARAM(default_base_year), ONTRACK_ASSESS_PARAM(default_target_year), ONTRACK_ASSESS_PARAM(m1_high),
       ONTRACK_ASSESS_PARAM(m1_med), ONTRACK_ASSESS_PARAM(m1_low), ONTRACK_ASSESS_PARAM(m2_high), ONTRACK_ASSESS_PARAM(m2_med),
       ONTRACK_ASSESS_PARAM(m2_low), ONTRACK_ASSESS_PARAM(zero_replacement), ONTRACK_ASSESS_PARAM(c_exponent),
       ONTRACK_ASSESS_PARAM(limit), ONTRACK_ASSESS_PARAM(limit_from_bounds)}};
  return t;
}

inline const param_table<unsd_params>& unsd_table() {
  static const param_table<unsd_params> t{
      {ONTRACK_ASSESS_PARAM(methodology), ONTRACK_ASSESS_PARAM(normative), ONTRACK_ASSESS_PARAM(baseline_year),
       ONTRACK_ASSESS_PARAM(no_data_after_year), ONTRACK_ASSESS_PARAM(target_year), ONTRACK_ASSESS_PARAM(cagr_required),
       ONTRACK_ASSESS_PARAM(achieved_tolerance), ONTRACK_ASSESS_PARAM(cr_on_track), ONTRACK_ASSESS_PARAM(cr_fair),
       ONTRACK_ASSESS_PARAM(cr_limited), ONTRACK_ASSESS_PARAM(cagr_limit_0), ONTRACK_ASSESS_PARAM(cagr_limit_1),
       ONTRACK_ASSESS_PARAM(cagr_limit_2), ONTRACK_ASSESS_PARAM(aarr_fair), ONTRACK_ASSESS_PARAM(aarr_limited),
       ONTRACK_ASSESS_PARAM(gini_cagr), ONTRACK_ASSESS_PARAM(gini_points), ONTRACK_ASSESS_PARAM(binary_required),
       {"level_threshold_0", set_level_threshold<0>}, {"level_threshold_1", set_level_threshold<1>},
       {"level_threshold_2", set_level_threshold<2>}, {"level_threshold_3", set_level_threshold<3>},
       ONTRACK_ASSESS_PARAM(reproduce_literal_direction), ONTRACK_ASSESS_PARAM(reproduce_cagra_gap),
       ONTRACK_ASSESS_PARAM(reproduce_likert_gap), ONTRACK_ASSESS_PARAM(reproduce_gini_final),
       ONTRACK_ASSESS_PARAM(reproduce_aarrr_sign), ONTRACK_ASSESS_PARAM(reproduce_level_no_direction)}};
  return t;
}

inline const param_table<unsd_expected_params>& unsd_expected_table() {
  static const param_table<unsd_expected_params> t{
      {ONTRACK_ASSESS_PARAM(default_base_year), ONTRACK_ASSESS_PARAM(default_target_year), ONTRACK_ASSESS_PARAM(on_track),
       ONTRACK_ASSESS_PARAM(moderate), ONTRACK_ASSESS_PARAM(marginal), ONTRACK_ASSESS_PARAM(stagnation),
       ONTRACK_ASSESS_PARAM(zero_ratio_rule), ONTRACK_ASSESS_PARAM(cagr_on_track), ONTRACK_ASSESS_PARAM(cagr_moderate),
       ONTRACK_ASSESS_PARAM(cagr_marginal), ONTRACK_ASSESS_PARAM(reproduce_abs_bug)}};
  return t;
}

inline const param_table<escap_params>& escap_table() {
  static const param_table<escap_params> t{
      {ONTRACK_ASSESS_PARAM(default_base_year), ONTRACK_ASSESS_PARAM(default_target_year), ONTRACK_ASSESS_PARAM(index),
       ONTRACK_ASSESS_PARAM(parity), ONTRACK_ASSESS_PARAM(extrapolator), ONTRACK_ASSESS_PARAM(scale),
       ONTRACK_ASSESS_PARAM(fit_from_year), ONTRACK_ASSESS_PARAM(impute_base), ONTRACK_ASSESS_PARAM(on_track_above),
       ONTRACK_ASSESS_PARAM(progress_above), ONTRACK_ASSESS_PARAM(gap_maintain_up_to), ONTRACK_ASSESS_PARAM(gap_reverse_from),
       ONTRACK_ASSESS_PARAM(weight_sum_over_steps), ONTRACK_ASSESS_PARAM(annualise_steps),
       ONTRACK_ASSESS_PARAM(reproduce_weighted_logit_intercept), ONTRACK_ASSESS_PARAM(reproduce_one_point_api_loss)}};
  return t;
}

inline const param_table<sdsn_params>& sdsn_table() {
  static const param_table<sdsn_params> t{
      {ONTRACK_ASSESS_PARAM(best), ONTRACK_ASSESS_PARAM(worst), ONTRACK_ASSESS_PARAM(default_period_start),
       ONTRACK_ASSESS_PARAM(default_target_year), ONTRACK_ASSESS_PARAM(max_gap_years), ONTRACK_ASSESS_PARAM(moderate_share),
       ONTRACK_ASSESS_PARAM(cap_at_green), ONTRACK_ASSESS_PARAM(required_from_latest), ONTRACK_ASSESS_PARAM(points_decreasing),
       ONTRACK_ASSESS_PARAM(points_stagnating), ONTRACK_ASSESS_PARAM(points_moderately_improving),
       ONTRACK_ASSESS_PARAM(points_maintaining), ONTRACK_ASSESS_PARAM(points_on_track), ONTRACK_ASSESS_PARAM(min_coverage)}};
  return t;
}

inline const param_table<destatis_params>& destatis_table() {
  static const param_table<destatis_params> t{
      {ONTRACK_ASSESS_PARAM(family), ONTRACK_ASSESS_PARAM(change), ONTRACK_ASSESS_PARAM(window_points),
       ONTRACK_ASSESS_PARAM(min_points), ONTRACK_ASSESS_PARAM(require_consecutive), ONTRACK_ASSESS_PARAM(sun_below),
       ONTRACK_ASSESS_PARAM(partly_cloudy_up_to), ONTRACK_ASSESS_PARAM(stagnation_tolerance),
       ONTRACK_ASSESS_PARAM(reached_is_sun), ONTRACK_ASSESS_PARAM(english), ONTRACK_ASSESS_PARAM(past_tense)}};
  return t;
}

inline const param_table<eustat_params>& eustat_table() {
  static const param_table<eustat_params> t{
      {ONTRACK_ASSESS_PARAM(default_base_year), ONTRACK_ASSESS_PARAM(default_target_year), ONTRACK_ASSESS_PARAM(r_on_track),
       ONTRACK_ASSESS_PARAM(r_progress), ONTRACK_ASSESS_PARAM(cagr_on_track), ONTRACK_ASSESS_PARAM(cagr_progress),
       ONTRACK_ASSESS_PARAM(bound_tolerance), ONTRACK_ASSESS_PARAM(percent_scale), ONTRACK_ASSESS_PARAM(binary),
       ONTRACK_ASSESS_PARAM(manual), ONTRACK_ASSESS_PARAM(reproduce_base_past_target)}};
  return t;
}

inline const param_table<istat_params>& istat_table() {
  static const param_table<istat_params> t{{ONTRACK_ASSESS_PARAM(window_years), ONTRACK_ASSESS_PARAM(min_points),
                                            ONTRACK_ASSESS_PARAM(clear), ONTRACK_ASSESS_PARAM(slight),
                                            ONTRACK_ASSESS_PARAM(signed_rate_bands)}};
  return t;
}

inline const param_table<ine_params>& ine_table() {
  static const param_table<ine_params> t{{ONTRACK_ASSESS_PARAM(default_base_year), ONTRACK_ASSESS_PARAM(unchanged_tolerance),
                                          ONTRACK_ASSESS_PARAM(tolerance_relative), ONTRACK_ASSESS_PARAM(inconclusive)}};
  return t;
}

inline const param_table<who_params>& who_table() {
  static const param_table<who_params> t{{ONTRACK_ASSESS_PARAM(default_target_year), ONTRACK_ASSESS_PARAM(regression)}};
  return t;
}

inline const param_table<nbs_params>& nbs_table() {
  static const param_table<nbs_params> t{
      {ONTRACK_ASSESS_PARAM(tolerance), ONTRACK_ASSESS_PARAM(tolerance_relative), ONTRACK_ASSESS_PARAM(evaluation_year)}};
  return t;
}

#undef ONTRACK_ASSESS_PARAM

struct mode_entry {
  const char* name;
  std::function<method_result(const method_input&, const param_map&)> run;
  std::function<std::vector<std::string>()> params;
};

// Parameters are read under the mode's id, so an error names the method the caller chose.
template <class P>
mode_entry make_mode(const char* name, method_result (*assess)(const method_input&, const P&),
                     const param_table<P>& (*table)()) {
  return {name, [name, assess, table](const method_input& in, const param_map& m) { return assess(in, table().read(name, m)); },
          [table] { return table().names(); }};
}

inline const std::vector<mode_entry>& mode_registry() {
  static const std::vector<mode_entry> modes = {
      make_mode("eurostat", assess_eurostat, eurostat_table),
      make_mode("opensdg", assess_opensdg, opensdg_table),
      make_mode("unsd", assess_unsd, unsd_table),
      make_mode("unsd_expected", assess_unsd_expected, unsd_expected_table),
      make_mode("escap", assess_escap, escap_table),
      make_mode("sdsn", assess_sdsn, sdsn_table),
      make_mode("destatis", assess_destatis, destatis_table),
      make_mode("eustat", assess_eustat, eustat_table),
      make_mode("istat", assess_istat, istat_table),
      make_mode("ine", assess_ine, ine_table),
      make_mode("who_arr", assess_who_arr, who_table),
      make_mode("nbs", assess_nbs, nbs_table),
  };
  return modes;
}

inline const mode_entry& find_mode(std::string_view method) {
  for (const auto& e : mode_registry())
    if (method == e.name) return e;
  throw std::invalid_argument("assess_with: unknown method '" + std::string(method) +
                              "'; accepted: " + comma_list(mode_registry(), [](const auto& e) { return e.name; }));
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
