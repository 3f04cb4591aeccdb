// Plan files in JSON (docs/plan-format.md). The reader is strict — unknown members, wrong types
// and non-integer years are errors naming their JSON pointer — because a silently dropped
// target is worse than a refused file. Nothing is returned until the whole plan is valid.

#include <cerrno>
#include <cmath>
#include <cstring>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include <ontrack/error.hpp>
#include <ontrack/plan_io.hpp>
#include <ontrack/text.hpp>
#include <ontrack/years.hpp>

namespace ontrack {
namespace {

using json = nlohmann::ordered_json;

[[noreturn]] void fail(const std::string& pointer, const std::string& rule) {
  throw plan_error("", pointer, rule);
}

std::string type_name(const json& j) {
  if (j.is_number_integer()) return "an integer";
  if (j.is_number()) return "a number";
  return std::string("a") + (j.is_object() || j.is_array() ? "n " : " ") + j.type_name();
}

std::string escape_pointer_token(const std::string& key) {
  std::string out;
  for (char c : key) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

// Reads one JSON object, remembering which members were used so that leftovers are reported.
class object_reader {
 public:
  object_reader(const json& j, std::string pointer, std::string what)
      : j_(j), pointer_(std::move(pointer)), what_(std::move(what)) {
    if (!j_.is_object()) fail(pointer_, what_ + " must be an object, not " + type_name(j_));
  }

  const std::string& pointer() const { return pointer_; }
  std::string at(const std::string& key) const { return pointer_ + "/" + escape_pointer_token(key); }
  bool has(const std::string& key) const { return j_.contains(key); }

  const json& member(const std::string& key) {
    used_.insert(key);
    if (!j_.contains(key)) fail(at(key), what_ + " requires '" + key + "'");
    return j_.at(key);
  }
  const json* optional_member(const std::string& key) {
    used_.insert(key);
    auto it = j_.find(key);
    return it == j_.end() || it->is_null() ? nullptr : &*it;
  }

  std::string string(const std::string& key) { return as_string(member(key), at(key)); }
  std::string optional_string(const std::string& key) {
    const json* v = optional_member(key);
    return v ? as_string(*v, at(key)) : std::string{};
  }
  int integer(const std::string& key) { return as_integer(member(key), at(key), "an integer"); }
  std::optional<int> optional_integer(const std::string& key) {
    const json* v = optional_member(key);
    return v ? std::optional<int>(as_integer(*v, at(key), "an integer")) : std::nullopt;
  }
  int year(const std::string& key) { return as_year(member(key), at(key)); }
  std::optional<int> optional_year(const std::string& key) {
    const json* v = optional_member(key);
    return v ? std::optional<int>(as_year(*v, at(key))) : std::nullopt;
  }
  double real(const std::string& key) { return as_real(member(key), at(key)); }
  std::optional<double> optional_real(const std::string& key) {
    const json* v = optional_member(key);
    return v ? std::optional<double>(as_real(*v, at(key))) : std::nullopt;
  }
  bool boolean(const std::string& key, bool fallback) {
    const json* v = optional_member(key);
    if (!v) return fallback;
    if (!v->is_boolean()) fail(at(key), "'" + key + "' must be true or false, not " + type_name(*v));
    return v->get<bool>();
  }
  const json& array(const std::string& key) { return as_array(member(key), at(key)); }
  const json* optional_array(const std::string& key) {
    const json* v = optional_member(key);
    if (v) as_array(*v, at(key));
    return v;
  }

  template <class Enum, std::size_t N>
  Enum enumeration(const std::string& key, const detail::name_table<Enum, N>& names) {
    return as_enum(member(key), at(key), key, names);
  }
  template <class Enum, std::size_t N>
  std::optional<Enum> optional_enumeration(const std::string& key,
                                           const detail::name_table<Enum, N>& names) {
    const json* v = optional_member(key);
    return v ? std::optional<Enum>(as_enum(*v, at(key), key, names)) : std::nullopt;
  }

  /// Every member must have been read: anything else is a typo or an unsupported field.
  void finish() const {
    for (auto it = j_.begin(); it != j_.end(); ++it)
      if (!used_.count(it.key()))
        fail(at(it.key()), what_ + " has unknown member '" + it.key() + "'");
  }

  static std::string as_string(const json& v, const std::string& pointer) {
    if (!v.is_string()) fail(pointer, "must be a string, not " + type_name(v));
    return v.get<std::string>();
  }
  static int as_integer(const json& v, const std::string& pointer, const std::string& what) {
    if (!v.is_number_integer())
      fail(pointer, "must be " + what + ", not " + (v.is_number() ? v.dump() : type_name(v)));
    // An unsigned beyond int64 would wrap through get<long long>(): judge it on its own type.
    const bool fits = v.is_number_unsigned()
                          ? v.get<std::uint64_t>() <= static_cast<std::uint64_t>(INT32_MAX)
                          : v.get<std::int64_t>() >= INT32_MIN && v.get<std::int64_t>() <= INT32_MAX;
    if (!fits) fail(pointer, v.dump() + " is out of range for " + what);
    return static_cast<int>(v.get<std::int64_t>());
  }
  static int as_year(const json& v, const std::string& pointer) {
    if (!v.is_number_integer())
      fail(pointer, "must be an integer year, not " + (v.is_number() ? v.dump() : type_name(v)));
    // Positive numbers parse as unsigned; one beyond int64 would wrap through a signed read.
    const bool plausible = v.is_number_unsigned() ? v.get<std::uint64_t>() <= latest_year &&
                                                        v.get<std::uint64_t>() >= earliest_year
                                                  : is_plausible_year(v.get<std::int64_t>());
    if (!plausible) fail(pointer, "year " + v.dump() + " is out of range: " + year_range_rule());
    return static_cast<int>(v.get<std::int64_t>());
  }
  static double as_real(const json& v, const std::string& pointer) {
    if (!v.is_number()) fail(pointer, "must be a number, not " + type_name(v));
    const double d = v.get<double>();
    if (!std::isfinite(d)) fail(pointer, "must be a finite number, not " + v.dump());
    return d;
  }
  static const json& as_array(const json& v, const std::string& pointer) {
    if (!v.is_array()) fail(pointer, "must be an array, not " + type_name(v));
    return v;
  }
  template <class Enum, std::size_t N>
  static Enum as_enum(const json& v, const std::string& pointer, const std::string& key,
                      const detail::name_table<Enum, N>& names) {
    const std::string name = as_string(v, pointer);
    if (auto e = detail::value_of(names, name)) return *e;
    fail(pointer, "unknown " + key + " '" + name + "' (expected " + detail::accepted_names(names) + ")");
  }

 private:
  const json& j_;
  std::string pointer_;
  std::string what_;
  std::set<std::string> used_;
};

localized_text read_text(const json& j, const std::string& pointer) {
  object_reader r(j, pointer, "a text");
  localized_text t{r.optional_string("zh"), r.optional_string("en")};
  r.finish();
  if (t.empty()) fail(pointer, "a text needs 'zh' or 'en'");
  return t;
}

localized_text read_optional_text(object_reader& r, const std::string& key) {
  const json* v = r.optional_member(key);
  return v ? read_text(*v, r.at(key)) : localized_text{};
}

std::vector<std::string> read_strings(object_reader& r, const std::string& key) {
  std::vector<std::string> out;
  if (const json* a = r.optional_array(key))
    for (std::size_t i = 0; i < a->size(); ++i)
      out.push_back(object_reader::as_string((*a)[i], r.at(key) + "/" + std::to_string(i)));
  return out;
}

std::map<std::string, std::string> read_disaggregation(object_reader& r) {
  std::map<std::string, std::string> out;
  if (const json* d = r.optional_member("disaggregation")) {
    const std::string p = r.at("disaggregation");
    if (!d->is_object()) fail(p, "disaggregation must be an object, not " + type_name(*d));
    for (auto it = d->begin(); it != d->end(); ++it)
      out[it.key()] = object_reader::as_string(it.value(), p + "/" + escape_pointer_token(it.key()));
  }
  return out;
}

series_ref read_series_ref(const json& j, const std::string& pointer) {
  object_reader r(j, pointer, "a series reference");
  series_ref ref;
  ref.indicator = r.string("indicator");
  ref.disaggregation = read_disaggregation(r);
  r.finish();
  return ref;
}

std::optional<series_ref> read_optional_ref(object_reader& r, const std::string& key) {
  const json* v = r.optional_member(key);
  return v ? std::optional<series_ref>(read_series_ref(*v, r.at(key))) : std::nullopt;
}

target read_target(const json& j, const std::string& pointer) {
  object_reader r(j, pointer, "a target");
  target t;
  t.kind = r.enumeration("kind", detail::target_kind_names);
  t.value = r.optional_real("value");
  t.year = r.optional_year("year");
  t.start = r.optional_year("start");
  t.end = r.optional_year("end");
  t.strict = r.boolean("strict", false);
  t.tolerance = r.optional_real("tolerance");
  t.tolerance_below = r.optional_real("tolerance_below");
  t.tolerance_above = r.optional_real("tolerance_above");
  t.min_pace = r.optional_real("min_pace");
  t.min_pace_relative = r.optional_real("min_pace_relative");
  if (const json* periods = r.optional_array("periods")) {
    for (std::size_t k = 0; k < periods->size(); ++k) {
      const std::string pp = r.at("periods") + "/" + std::to_string(k);
      const json& period = (*periods)[k];
      if (!period.is_array() || period.size() != 2)
        fail(pp, "a period must be [first_year, last_year]");
      t.periods.push_back({object_reader::as_year(period[0], pp + "/0"),
                           object_reader::as_year(period[1], pp + "/1")});
    }
  }
  if (const json* between = r.optional_array("between"))
    for (std::size_t k = 0; k < between->size(); ++k)
      t.between.push_back(read_series_ref((*between)[k], r.at("between") + "/" + std::to_string(k)));
  t.measure = r.optional_enumeration("measure", detail::gap_measure_names).value_or(gap_measure::difference);
  t.reference = read_optional_ref(r, "reference");
  t.numerator = read_optional_ref(r, "numerator");
  t.denominator = read_optional_ref(r, "denominator");
  t.compare = r.optional_enumeration("comparator", detail::comparator_names);
  t.window = r.optional_integer("window");
  t.description = read_optional_text(r, "description");
  t.status = r.optional_enumeration("status", detail::milestone_status_names);
  t.status_year = r.optional_year("status_year");
  t.interim = r.boolean("interim", false);
  t.text = r.optional_string("text");
  t.note = r.optional_string("note");
  r.finish();
  return t;
}

indicator read_indicator(const json& j, const std::string& pointer) {
  object_reader r(j, pointer, "an indicator");
  indicator ind;
  ind.id = r.string("id");
  ind.name = read_text(r.member("name"), r.at("name"));
  // A unit is one string, or its words in each language: {"zh": "每10万活产", "en": "per 100,000 live births"}.
  if (const json& unit = r.member("unit"); unit.is_object()) {
    ind.unit_text = read_text(unit, r.at("unit"));
    ind.unit = ind.unit_text.in("en");
  } else {
    ind.unit = r.string("unit");
  }
  ind.scale = r.enumeration("scale", detail::scale_names);
  ind.direction = r.enumeration("direction", detail::direction_names);
  ind.bounds = value_bounds::for_scale(ind.scale);
  if (const json* b = r.optional_member("bounds")) {
    const std::string bp = r.at("bounds");
    if (!b->is_array() || b->size() != 2) fail(bp, "bounds must be [lower, upper] (null for an open side)");
    if (!(*b)[0].is_null()) ind.bounds.lower = object_reader::as_real((*b)[0], bp + "/0");
    else ind.bounds.lower = -std::numeric_limits<double>::infinity();
    if (!(*b)[1].is_null()) ind.bounds.upper = object_reader::as_real((*b)[1], bp + "/1");
    else ind.bounds.upper = std::numeric_limits<double>::infinity();
  }
  ind.disaggregations = read_strings(r, "disaggregations");
  ind.definition = read_optional_text(r, "definition");
  if (const json* c = r.optional_member("counts")) {
    object_reader counts(*c, r.at("counts"), "the counts");
    ind.counts = count_names{read_text(counts.member("numerator"), counts.at("numerator")),
                             read_text(counts.member("denominator"), counts.at("denominator"))};
    counts.finish();
  }
  if (const json* targets = r.optional_array("targets"))
    for (std::size_t k = 0; k < targets->size(); ++k)
      ind.targets.push_back(read_target((*targets)[k], r.at("targets") + "/" + std::to_string(k)));
  r.finish();
  return ind;
}

goal read_goal(const json& j, const std::string& pointer) {
  object_reader r(j, pointer, "a goal");
  goal g;
  g.id = r.string("id");
  g.number = r.integer("number");
  g.text = read_text(r.member("text"), r.at("text"));
  g.responsible_units = read_strings(r, "responsible_units");
  if (const json* inds = r.optional_array("indicators"))
    for (std::size_t k = 0; k < inds->size(); ++k)
      g.indicators.push_back(read_indicator((*inds)[k], r.at("indicators") + "/" + std::to_string(k)));
  r.finish();
  return g;
}

domain read_domain(const json& j, const std::string& pointer) {
  object_reader r(j, pointer, "a domain");
  domain d;
  d.id = r.string("id");
  d.number = r.integer("number");
  d.name = read_text(r.member("name"), r.at("name"));
  d.responsible_units = read_strings(r, "responsible_units");
  const json& goals = r.array("goals");
  for (std::size_t k = 0; k < goals.size(); ++k)
    d.goals.push_back(read_goal(goals[k], r.at("goals") + "/" + std::to_string(k)));
  r.finish();
  return d;
}

observation read_observation(const json& j, const std::string& pointer) {
  object_reader r(j, pointer, "an observation");
  observation o;
  o.year = r.year("year");
  o.value = r.real("value");
  o.numerator = r.optional_real("numerator");
  o.denominator = r.optional_real("denominator");
  o.source = r.optional_string("source");
  o.flag = r.optional_enumeration("flag", detail::observation_flag_names).value_or(observation_flag::none);
  o.vintage = r.optional_string("vintage");
  r.finish();
  return o;
}

series read_series(const json& j, const std::string& pointer) {
  object_reader r(j, pointer, "a series");
  series s;
  s.indicator = r.string("indicator");
  s.disaggregation = read_disaggregation(r);
  const json& obs = r.array("observations");
  for (std::size_t k = 0; k < obs.size(); ++k)
    s.observations.push_back(read_observation(obs[k], r.at("observations") + "/" + std::to_string(k)));
  r.finish();
  return s;
}

plan read_plan(const json& j) {
  object_reader r(j, "", "a plan");
  const std::string format = r.string("format");
  if (format != plan_format_name)
    fail("/format", "format must be '" + std::string(plan_format_name) + "', not '" + format + "'");
  const int version = r.integer("format_version");
  if (version != plan_format_version)
    fail("/format_version", "format_version " + std::to_string(version) +
                                " is not supported (this library reads version " +
                                std::to_string(plan_format_version) + ")");
  plan p;
  p.id = r.string("id");
  p.title = read_text(r.member("title"), "/title");
  p.issuer = read_optional_text(r, "issuer");
  p.reference = r.optional_string("reference");
  {
    object_reader period(r.member("period"), "/period", "the period");
    p.period_start = period.year("start");
    p.period_end = period.year("end");
    period.finish();
  }
  p.base_year = r.year("base_year");
  p.midterm_year = r.optional_year("midterm_year");
  p.history_start = r.optional_year("history_start");
  if (const json* units = r.optional_array("responsible_units"))
    for (std::size_t k = 0; k < units->size(); ++k)
      p.responsible_unit_names.push_back(read_text((*units)[k], "/responsible_units/" + std::to_string(k)));
  const json& domains = r.array("domains");
  for (std::size_t k = 0; k < domains.size(); ++k)
    p.domains.push_back(read_domain(domains[k], "/domains/" + std::to_string(k)));
  if (const json* ser = r.optional_array("series"))
    for (std::size_t k = 0; k < ser->size(); ++k)
      p.series.push_back(read_series((*ser)[k], "/series/" + std::to_string(k)));
  r.finish();
  return p;
}

// ---- writing -------------------------------------------------------------------------------

json write_text(const localized_text& t) {
  json j = json::object();
  if (!t.zh.empty()) j["zh"] = t.zh;
  if (!t.en.empty()) j["en"] = t.en;
  return j;
}

json write_ref(const series_ref& ref) {
  json j = {{"indicator", ref.indicator}};
  if (!ref.disaggregation.empty()) j["disaggregation"] = ref.disaggregation;
  return j;
}

json write_bound(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }

json write_target(const target& t) {
  json j = {{"kind", std::string(to_string(t.kind))}};
  if (t.value) j["value"] = *t.value;
  if (t.year) j["year"] = *t.year;
  if (t.start) j["start"] = *t.start;
  if (t.end) j["end"] = *t.end;
  if (t.strict) j["strict"] = true;
  if (t.tolerance) j["tolerance"] = *t.tolerance;
  if (t.tolerance_below) j["tolerance_below"] = *t.tolerance_below;
  if (t.tolerance_above) j["tolerance_above"] = *t.tolerance_above;
  if (t.min_pace) j["min_pace"] = *t.min_pace;
  if (t.min_pace_relative) j["min_pace_relative"] = *t.min_pace_relative;
  if (!t.periods.empty()) {
    json periods = json::array();
    for (const auto& per : t.periods) periods.push_back({per.first, per.last});
    j["periods"] = periods;
  }
  if (!t.between.empty()) {
    json between = json::array();
    for (const auto& ref : t.between) between.push_back(write_ref(ref));
    j["between"] = between;
  }
  if (t.kind == target_kind::gap_narrowing) j["measure"] = std::string(to_string(t.measure));
  if (t.reference) j["reference"] = write_ref(*t.reference);
  if (t.numerator) j["numerator"] = write_ref(*t.numerator);
  if (t.denominator) j["denominator"] = write_ref(*t.denominator);
  if (t.compare) j["comparator"] = std::string(to_string(*t.compare));
  if (t.window) j["window"] = *t.window;
  if (!t.description.empty()) j["description"] = write_text(t.description);
  if (t.status) j["status"] = std::string(to_string(*t.status));
  if (t.status_year) j["status_year"] = *t.status_year;
  if (t.interim) j["interim"] = true;
  if (!t.text.empty()) j["text"] = t.text;
  if (!t.note.empty()) j["note"] = t.note;
  return j;
}

json write_indicator(const indicator& ind) {
  json j = {{"id", ind.id}, {"name", write_text(ind.name)},
            {"unit", ind.unit_text.empty() ? json(ind.unit) : write_text(ind.unit_text)},
            {"scale", std::string(to_string(ind.scale))},
            {"direction", std::string(to_string(ind.direction))}};
  j["bounds"] = {write_bound(ind.bounds.lower), write_bound(ind.bounds.upper)};
  if (!ind.disaggregations.empty()) j["disaggregations"] = ind.disaggregations;
  if (!ind.definition.empty()) j["definition"] = write_text(ind.definition);
  if (ind.counts)
    j["counts"] = {{"numerator", write_text(ind.counts->numerator)},
                   {"denominator", write_text(ind.counts->denominator)}};
  json targets = json::array();
  for (const auto& t : ind.targets) targets.push_back(write_target(t));
  j["targets"] = targets;
  return j;
}

json write_plan(const plan& p) {
  json j = {{"format", plan_format_name}, {"format_version", plan_format_version}, {"id", p.id},
            {"title", write_text(p.title)}};
  if (!p.issuer.empty()) j["issuer"] = write_text(p.issuer);
  if (!p.reference.empty()) j["reference"] = p.reference;
  j["period"] = {{"start", p.period_start}, {"end", p.period_end}};
  j["base_year"] = p.base_year;
  if (p.midterm_year) j["midterm_year"] = *p.midterm_year;
  if (p.history_start) j["history_start"] = *p.history_start;
  if (!p.responsible_unit_names.empty()) {
    json units = json::array();
    for (const auto& n : p.responsible_unit_names) units.push_back(write_text(n));
    j["responsible_units"] = units;
  }
  json domains = json::array();
  for (const auto& d : p.domains) {
    json dj = {{"id", d.id}, {"number", d.number}, {"name", write_text(d.name)}};
    if (!d.responsible_units.empty()) dj["responsible_units"] = d.responsible_units;
    json goals = json::array();
    for (const auto& g : d.goals) {
      json gj = {{"id", g.id}, {"number", g.number}, {"text", write_text(g.text)}};
      if (!g.responsible_units.empty()) gj["responsible_units"] = g.responsible_units;
      json inds = json::array();
      for (const auto& ind : g.indicators) inds.push_back(write_indicator(ind));
      gj["indicators"] = inds;
      goals.push_back(gj);
    }
    dj["goals"] = goals;
    domains.push_back(dj);
  }
  j["domains"] = domains;
  if (!p.series.empty()) {
    json all = json::array();
    for (const auto& s : p.series) {
      json sj = {{"indicator", s.indicator}};
      if (!s.disaggregation.empty()) sj["disaggregation"] = s.disaggregation;
      json obs = json::array();
      for (const auto& o : s.observations) {
        json oj = {{"year", o.year}, {"value", o.value}};
        if (o.numerator) oj["numerator"] = *o.numerator;
        if (o.denominator) oj["denominator"] = *o.denominator;
        if (!o.source.empty()) oj["source"] = o.source;
        if (o.flag != observation_flag::none) oj["flag"] = std::string(to_string(o.flag));
        if (!o.vintage.empty()) oj["vintage"] = o.vintage;
        obs.push_back(oj);
      }
      sj["observations"] = obs;
      all.push_back(sj);
    }
    j["series"] = all;
  }
  return j;
}

// ---- what the JSON parser lets through ----------------------------------------------------

// The first member name that occurs twice in one object, as the JSON pointer of its second
// occurrence. nlohmann keeps the last of duplicates silently; a plan saying two things at one
// place is refused instead. A syntax error ends the search: the real parse reports it.
class duplicate_key_finder : public nlohmann::json_sax<json> {
 public:
  std::optional<std::string> duplicate;

  bool null() override { return value(); }
  bool boolean(bool) override { return value(); }
  bool number_integer(number_integer_t) override { return value(); }
  bool number_unsigned(number_unsigned_t) override { return value(); }
  bool number_float(number_float_t, const string_t&) override { return value(); }
  bool string(string_t&) override { return value(); }
  bool binary(binary_t&) override { return value(); }
  bool start_object(std::size_t) override { return open(false); }
  bool start_array(std::size_t) override { return open(true); }
  bool end_object() override { return close(); }
  bool end_array() override { return close(); }
  bool key(string_t& name) override {
    frame& top = stack_.back();
    top.key = name;
    if (top.keys.insert(name).second) return true;
    duplicate = pointer();
    return false;
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override {
    return false;
  }

 private:
  struct frame {
    bool array;
    std::size_t index = 0;
    std::set<std::string> keys;
    std::string key;
  };

  std::string pointer() const {
    std::string out;
    for (const frame& f : stack_)
      out += "/" + (f.array ? std::to_string(f.index) : escape_pointer_token(f.key));
    return out;
  }
  bool value() {
    if (!stack_.empty() && stack_.back().array) ++stack_.back().index;
    return true;
  }
  bool open(bool array) {
    stack_.push_back(frame{array, 0, {}, {}});
    return true;
  }
  bool close() {
    stack_.pop_back();
    return value();
  }

  std::vector<frame> stack_;
};

// Whether bytes that are not UTF-8 read as GB18030 (which contains GBK and GB2312): ASCII,
// two-byte pairs 81–FE 40–FE (not 7F) and four-byte groups 81–FE 30–39 81–FE 30–39.
bool reads_as_gb18030(std::string_view s) {
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const auto lead = [](unsigned char c) { return c >= 0x81 && c <= 0xFE; };
  const auto digit = [](unsigned char c) { return c >= 0x30 && c <= 0x39; };
  for (std::size_t i = 0; i < s.size();) {
    if (b(i) < 0x80) { ++i; continue; }
    if (!lead(b(i)) || i + 1 >= s.size()) return false;
    if (b(i + 1) >= 0x40 && b(i + 1) <= 0xFE && b(i + 1) != 0x7F) { i += 2; continue; }
    if (i + 3 < s.size() && digit(b(i + 1)) && lead(b(i + 2)) && digit(b(i + 3))) { i += 4; continue; }
    return false;
  }
  return true;
}

// A plan file is UTF-8 (an optional byte-order mark is skipped by the parser).
void require_utf8(const std::string& text) {
  const auto offset = invalid_utf8_offset(text);
  if (!offset) return;
  std::string rule = "not UTF-8: the byte at offset " + std::to_string(*offset) +
                     " does not start a valid UTF-8 sequence";
  const auto starts = [&](const char* bom) { return text.rfind(bom, 0) == 0; };
  if (starts("\xFF\xFE") || starts("\xFE\xFF"))
    rule += "; the file is UTF-16: save it as UTF-8";
  else if (reads_as_gb18030(text))
    rule += "; it reads as GB18030/GBK: convert it to UTF-8 (e.g. iconv -f GB18030 -t UTF-8)";
  else
    rule += "; save the file as UTF-8";
  throw plan_error("", "", rule);
}

}  // namespace

plan parse_plan(const std::string& json_text, const std::string& source) {
  try {
    require_utf8(json_text);
    duplicate_key_finder duplicates;
    json::sax_parse(json_text, &duplicates);
    if (duplicates.duplicate)
      fail(*duplicates.duplicate, "this member appears twice in its object: keep one");
    json j;
    try {
      j = json::parse(json_text);
    } catch (const json::exception& e) {  // syntax errors and number overflow (1e999)
      // The parser quotes what it last read: shown inert, as any text from the file.
      throw plan_error(source, "", "invalid JSON: " + escape_hostile(e.what()));
    }
    plan p = read_plan(j);
    validate(p);
    return p;
  } catch (const plan_error& e) {
    if (!e.file().empty() || source.empty()) throw;
    throw e.in_file(source);
  }
}

plan load_plan(const std::string& path) {
  errno = 0;
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw file_error(path + ": cannot open plan file" +
                     (errno != 0 ? std::string(": ") + std::strerror(errno) : std::string()));
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) throw file_error(path + ": cannot read plan file");
  return parse_plan(buffer.str(), path);
}

std::string to_json(const plan& p) {
  validate(p);
  // Invalid UTF-8 in a text is replaced rather than aborting the save half-way.
  return write_plan(p).dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

void save_plan(const plan& p, const std::string& path) {
  const std::string text = to_json(p);
  const std::string temporary = path + ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out) throw file_error(path + ": cannot write plan file");
    out << text;
    out.flush();
    if (!out) {
      std::remove(temporary.c_str());
      throw file_error(path + ": cannot write plan file");
    }
  }
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    std::remove(temporary.c_str());
    throw file_error(path + ": cannot replace plan file");
  }
}

}  // namespace ontrack
