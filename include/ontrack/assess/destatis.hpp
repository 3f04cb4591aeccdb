#pragma once
/// Destatis, German Sustainable Development Strategy (DNS): weather symbols. Family 1 (target
/// value + target year: the 5-year mean change imputed to the target year, the miss as a share of
/// the remaining distance), family 2 (direction only: the 5-year mean change and the last
/// change), family 3 (threshold / hold: "reach or keep X"). Aggregation: the most negative
/// symbol wins. Labels carry the published reason sentences (German, or English).
/// docs/methods.md § destatis.

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

#include <ontrack/assess/method_result.hpp>

namespace ontrack::assess {

/// How the mean annual change Δ is measured (the method text does not say: inference).
enum class destatis_change {
  absolute,  ///< Δ = (x_Y − x_s)/(Y − s): the mean of the annual differences (default)
  relative,  ///< Δ = (x_Y/x_s)^(1/(Y − s)) − 1: a compound rate
};

/// Parameters of the Destatis mode.
struct destatis_params {
  /// 1, 2 or 3; 0 = from the target: no target or a direction target → 2; a maintain kind, a
  /// band, or a target without a year → 3; otherwise → 1 (ontrack's mapping of the plan's kinds).
  int family = 0;
  destatis_change change = destatis_change::absolute;  ///< (inference; absolute matched more often)
  int window_points = 6;   ///< "the last six data points" (verified)
  int min_points = 4;      ///< "at least the last four consecutive points" (verified)
  bool require_consecutive = true;  ///< points must be consecutive annual values (verified wording)
  double sun_below = 0.05;           ///< family 1: miss g < this → sun (verified)
  double partly_cloudy_up_to = 0.20; ///< family 1: g ≤ this → partly cloudy (verified)
  /// Family 2: a change counts as "in the right direction" only when d·Δ > this (no tolerance
  /// published: default 0, inference).
  double stagnation_tolerance = 0.0;
  /// Family 1: a latest value already meeting the target → sun (default) or family 3's rules.
  bool reached_is_sun = true;
  bool english = false;     ///< reason sentences in English instead of German
  bool past_tense = false;  ///< the sentence form used for a past year's symbol ("in 2019 …")
};

namespace detail {
inline std::string destatis_text(const std::string& code) {
  if (code == "sun") return "Sonne";
  if (code == "partly_cloudy") return "Leicht bew\xC3\xB6lkt";
  if (code == "cloudy") return "Wolke";
  if (code == "thunderstorm") return "Blitz";
  if (code == "ended") return "Ende";
  if (code == "suspended") return "Bewertung ausgesetzt";
  return "Keine";
}

/// The published reason sentences: type K (target value + year, family 1), R (direction,
/// family 2), J (threshold, family 3); current and past-year ("XXX" = the year) forms.
inline std::string destatis_sentence(int family, const std::string& code, bool en, bool past, int year) {
  struct row { int fam; const char* code; const char* de; const char* en; const char* de_past; const char* en_past; };
  static const row rows[] = {
      {1, "sun",
       "Bei Fortsetzung der Entwicklung w\xC3\xBCrde der Zielwert erreicht oder um weniger als 5 % der Differenz zwischen Zielwert und aktuellem Wert verfehlt.",
       "If the trend continues, the target value would be reached or missed by less than 5% of the difference between the target value and the current value.",
       "Bei Fortsetzung der Entwicklung aus XXX w\xC3\xA4re der Zielwert erreicht oder um weniger als 5 % der Differenz zwischen Zielwert und dem damaligen Wert verfehlt worden.",
       "If the trend from XXX had continued, the target value would have been reached or missed by less than 5% of the difference between the target value and the value at that time."},
      {1, "partly_cloudy",
       "Bei Fortsetzung der Entwicklung w\xC3\xBCrde das Ziel voraussichtlich um mindestens 5 %, aber maximal um 20 % der Differenz zwischen Zielwert und aktuellem Wert verfehlt.",
       "If the development continues, the target would probably be missed by at least 5%, but by a maximum of 20% of the difference between the target value and the current value.",
       "Bei Fortsetzung der Entwicklung von XXX w\xC3\xA4re das Ziel um mindestens 5 %, aber maximal um 20 % der Differenz zwischen Zielwert und dem damaligen Wert verfehlt worden.",
       "If the development from XXX had continued, the target had been missed by at least 5%, but by a maximum of 20% of the difference between the target value and the value at that time."},
      {1, "cloudy",
       "Der Indikator entwickelt sich zwar in die gew\xC3\xBCnschte Richtung auf das Ziel zu, bei Fortsetzung der Entwicklung w\xC3\xBCrde das Ziel im Zieljahr aber um mehr als 20 % der Differenz zwischen Zielwert und aktuellem Wert verfehlt.",
       "Although the indicator is moving in the desired direction toward the target, if the trend were to continue, the target would be missed in the target year by more than 20% of the difference between the target value and the current value.",
       "Der Indikator entwickelte sich in XXX zwar in die gew\xC3\xBCnschte Richtung auf das Ziel zu, bei Fortsetzung der Entwicklung w\xC3\xA4re das Ziel im Zieljahr aber um mehr als 20 % der Differenz zwischen Zielwert und dem damaligen Wert verfehlt worden.",
       "Although the indicator has in XXX been moving in the desired direction toward the target, if the trend had continued, the target would have been missed in the target year by more than 20% of the difference between the target value and the value at that time."},
      {1, "thunderstorm",
       "Der Abstand zum Ziel ist konstant hoch oder vergr\xC3\xB6\xC3\x9F" "ert sich. Der Indikator entwickelt sich also nicht in die gew\xC3\xBCnschte Richtung.",
       "The distance to the target is constantly high or increases. Thus, the indicator does not develop in the desired direction.",
       "Der Abstand zum Ziel war in XXX konstant hoch oder hat sich vergr\xC3\xB6\xC3\x9F" "ert. Der Indikator entwickelte sich also nicht in die gew\xC3\xBCnschte Richtung.",
       "In XXX the distance to the target was constantly high or had increased. Thus, the indicator did not develop in the desired direction."},
      {3, "sun",
       "Der Zielwert oder ein besserer Wert wurde im letzten Jahr erreicht und die durchschnittliche Ver\xC3\xA4nderung deutet nicht in Richtung einer Verschlechterung.",
       "The target value or a better value was achieved in the last year and the average change does not point in the direction of deterioration.",
       "Der Zielwert oder ein besserer Wert wurde in XXX erreicht und die durchschnittliche Ver\xC3\xA4nderung deutete nicht in Richtung einer Verschlechterung.",
       "In XXX the target value or a better value was achieved and the average change did not point in the direction of deterioration."},
      {3, "partly_cloudy",
       "Der Zielwert oder ein besserer Wert wurde im letzten Jahr erreicht, aber die durchschnittliche Ver\xC3\xA4nderung deutet in Richtung einer Verschlechterung.",
       "The target value or a better value was achieved last year, but the average change points in the direction of deterioration.",
       "Der Zielwert oder ein besserer Wert wurde in XXX erreicht, aber die durchschnittliche Ver\xC3\xA4nderung deutete in Richtung einer Verschlechterung.",
       "In XXX the target value or a better value was achieved, but the average change pointed in the direction of deterioration."},
      {3, "cloudy",
       "Der Zielwert wurde nicht erreicht, aber die durchschnittliche Entwicklung weist in die gew\xC3\xBCnschte Richtung.",
       "The target value was not reached, but the average development points in the desired direction.",
       "Der Zielwert wurde in XXX nicht erreicht, aber die durchschnittliche Entwicklung wies in die gew\xC3\xBCnschte Richtung.",
       "In XXX the target value was not reached, but the average development pointed in the desired direction."},
      {3, "thunderstorm",
       "Der Zielwert wurde verfehlt und der Indikator hat sich im Durchschnitt der letzten Ver\xC3\xA4nderungen nicht in Richtung des Ziels bewegt.",
       "The target value was missed and the indicator has not moved towards the target on average over the last changes.",
       "Der Zielwert wurde in XXX verfehlt und der Indikator hat sich im Durchschnitt der vorangegangenen Ver\xC3\xA4nderungen nicht in Richtung des Ziels bewegt.",
       "In XXX the target value was missed and the indicator had not moved towards the target on average over the previous changes."},
      {2, "sun",
       "Sowohl der Durchschnittswert als auch die letzte j\xC3\xA4hrliche Ver\xC3\xA4nderung deuten in die richtige Richtung.",
       "Both the average value and the last annual change point in the right direction.",
       "Sowohl der Durchschnittswert als auch die vorangegangene j\xC3\xA4hrliche Ver\xC3\xA4nderung deuteten in XXX in die richtige Richtung.",
       "In XXX both the average value and the previous annual change pointed in the right direction."},
      {2, "partly_cloudy",
       "Die durchschnittliche Entwicklung zielt in die richtige Richtung, im letzten Jahr ergab sich jedoch eine Entwicklung in die falsche Richtung oder gar keine Ver\xC3\xA4nderung.",
       "The average development aims in the right direction, but in the last year there was a development in the wrong direction or no change at all.",
       "Die durchschnittliche Entwicklung zielte in XXX in die richtige Richtung, im vorangegangenen Jahr ergab sich jedoch eine Entwicklung in die falsche Richtung oder gar keine Ver\xC3\xA4nderung.",
       "In XXX the average development aimed in the right direction, but in the previous year there had been a development in the wrong direction or no change at all."},
      {2, "cloudy",
       "Der Durchschnittswert zielt in die falsche Richtung oder zeigt eine Stagnation an, im letzten Jahr zeigte sich jedoch eine Wende in die gew\xC3\xBCnschte Richtung.",
       "The average value aims in the wrong direction or indicates stagnation, but last year showed a turn in the desired direction.",
       "Der Durchschnittswert zielte in XXX in die falsche Richtung oder zeigt eine Stagnation an, im vorangegangenen Jahr zeigte sich jedoch eine Wende in die gew\xC3\xBCnschte Richtung.",
       "In XXX the average value aimed in the wrong direction or indicates stagnation, but the previous year had shown a turn in the desired direction."},
      {2, "thunderstorm",
       "Weder Durchschnittswert noch die letzte Ver\xC3\xA4nderung deuten in die richtige Richtung.",
       "Neither the average value nor the last change points in the right direction.",
       "Weder Durchschnittswert noch die vorherige Ver\xC3\xA4nderung deuten in XXX in die richtige Richtung.",
       "In XXX neither the average value nor the last change pointed in the right direction."},
  };
  for (const auto& r : rows)
    if (r.fam == family && code == r.code) {
      std::string s = past ? (en ? r.en_past : r.de_past) : (en ? r.en : r.de);
      const auto at = s.find("XXX");
      if (at != std::string::npos) s.replace(at, 3, std::to_string(year));
      return s;
    }
  return en ? "No evaluation possible." : "Keine Bewertung m\xC3\xB6glich.";
}

inline int destatis_rank(const std::string& code) {
  if (code == "sun") return 4;
  if (code == "partly_cloudy") return 3;
  if (code == "cloudy") return 2;
  if (code == "thunderstorm") return 1;
  return 0;  // not assessed, ended, suspended: not ranked
}
}  // namespace detail

/// Destatis weather symbol of one series. Labels: sun, partly_cloudy, cloudy, thunderstorm, or
/// not_assessable ('Keine') with a reason (too_few_points, non_positive_value for a relative Δ,
/// no_target for family 1/3 without a target). `message` is the published reason sentence.
/// Components: delta (Δ), last_change (δ, family 2), projected_value and miss (g, family 1),
/// window_start, latest_year, latest_value, target, target_year, reached.
/// Throws std::invalid_argument for caller errors (and a family outside 0–3).
inline method_result assess_destatis(const method_input& in, const destatis_params& p = {}) {
  method_result r;
  r.method = "destatis";
  r.version = "dns-indikatorenbericht (weather symbols)";
  if (p.family < 0 || p.family > 3)
    throw std::invalid_argument("destatis: family is " + std::to_string(p.family) + ": it must be 0 (auto), 1, 2 or 3");
  const auto tc = detail::classify_target(in, "destatis");
  int fam = p.family;
  if (fam == 0) {
    if (!in.target || tc.form == target_form::direction) fam = 2;
    else if (tc.maintain || tc.form == target_form::band || !in.target_year) fam = 3;
    else fam = 1;
  }
  r.variant = "family_" + std::to_string(fam);
  const auto bad = [&](const std::string& reason, const std::string& msg) -> method_result& {
    detail::fail(r, "not_assessable", detail::destatis_text("not_assessable"), reason, msg);
    return r;
  };
  const auto s = detail::prepare(in, "destatis");
  if (!s.ok()) return bad(s.reason, s.message);
  if (fam != 2 && !in.target) return bad(reasons::no_target, "family " + std::to_string(fam) + " needs a target value");

  // Window: up to window_points latest points (consecutive years when required), at least min_points.
  const std::size_t l = s.last();
  const int Y = s.years[l];
  std::size_t first = l;
  std::size_t count = 1;
  while (first > 0 && count < static_cast<std::size_t>(p.window_points)) {
    if (p.require_consecutive && s.years[first - 1] != s.years[first] - 1) break;
    if (!p.require_consecutive && s.years[first - 1] < Y - (p.window_points - 1)) break;
    --first;
    ++count;
  }
  detail::put(r, "n_points", static_cast<double>(count));
  if (count < static_cast<std::size_t>(std::max(2, p.min_points)))
    return bad(reasons::too_few_points, std::to_string(count) + std::string(p.require_consecutive ? " consecutive" : "") +
                                            " annual value(s) up to " + std::to_string(Y) + ": at least " +
                                            std::to_string(p.min_points) + " are needed");
  r.years_used.assign(s.years.begin() + static_cast<std::ptrdiff_t>(first), s.years.end());
  const int y0 = s.years[first];
  const double x0 = s.values[first], xY = s.values[l];
  const bool rel = p.change == destatis_change::relative;
  const auto rate_between = [&](double a, int ta, double b, int tb, double& out) -> bool {
    if (!rel) {
      out = (b - a) / (tb - ta);
      return true;
    }
    const auto c = detail::cagr(a, ta, b, tb);
    if (!c.ok()) {
      bad(c.reason, c.message);
      return false;
    }
    out = c.value;
    return true;
  };
  double delta = 0;
  if (!rate_between(x0, y0, xY, Y, delta)) return r;
  detail::put(r, "window_start", y0);
  detail::put(r, "latest_year", Y);
  detail::put(r, "latest_value", xY);
  detail::put(r, "delta", delta);
  const int d = in.direction;
  const auto finish = [&](const std::string& code) -> method_result& {
    detail::set_label(r, code, detail::destatis_text(code));
    r.message = detail::destatis_sentence(fam, code, p.english, p.past_tense, Y);
    return r;
  };
  const double tol = p.stagnation_tolerance;

  if (fam == 2) {
    double last = 0;
    if (!rate_between(s.values[l - 1], s.years[l - 1], xY, Y, last)) return r;
    detail::put(r, "last_change", last);
    const bool avg_ok = d * delta > tol, last_ok = d * last > tol;
    if (avg_ok) return finish(last_ok ? "sun" : "partly_cloudy");
    return finish(last_ok ? "cloudy" : "thunderstorm");
  }

  const double X = *in.target;
  detail::put(r, "target", X);
  const bool band = tc.form == target_form::band;
  const double w = in.band_width ? *in.band_width : 0.0;
  const bool reached = band ? std::abs(xY - X) <= w : detail::meets_directional(xY, X, d);
  detail::put(r, "reached", reached ? 1.0 : 0.0);
  const auto step = [&](double x, int years) { return rel ? x * std::pow(1.0 + delta, years) : x + delta * years; };

  const auto family3 = [&]() -> method_result& {
    if (band) {
      // Band: reached and one more year of the mean change stays inside → sun; not reached and
      // moving towards the band → cloudy (ontrack's reading of "reach or keep X ± w").
      if (reached) return finish(std::abs(step(xY, 1) - X) <= w ? "sun" : "partly_cloudy");
      const int towards = X > xY ? 1 : -1;
      return finish(towards * delta > 0 ? "cloudy" : "thunderstorm");
    }
    if (reached) return finish(d * delta >= 0 ? "sun" : "partly_cloudy");
    return finish(d * delta > 0 ? "cloudy" : "thunderstorm");
  };
  if (fam == 3) return family3();

  const int T = *in.target_year;
  detail::put(r, "target_year", T);
  if (reached) {
    if (!p.reached_is_sun) {
      fam = 3;
      r.variant = "family_1/reached_as_family_3";
      return family3();
    }
    return finish("sun");
  }
  const double P = T > Y ? step(xY, T - Y) : xY;
  detail::put(r, "projected_value", P);
  const double g = d * (X - P) / (d * (X - xY));
  detail::put(r, "miss", g);
  if (d * delta <= 0) return finish("thunderstorm");
  if (g < p.sun_below) return finish("sun");
  if (g <= p.partly_cloudy_up_to) return finish("partly_cloudy");
  return finish("cloudy");
}

/// Several targets of one indicator: "the most negative evaluation determines the weather
/// symbol" (verified); order sun > partly_cloudy > cloudy > thunderstorm. Results that are not
/// assessed (or `ended`/`suspended`) are left out; none left → not_assessable. Components count
/// each symbol.
inline method_result aggregate_destatis(const std::vector<method_result>& results) {
  method_result a;
  a.method = "destatis";
  a.version = "dns-indikatorenbericht (weather symbols)";
  a.variant = "worst_symbol";
  int worst = 5;
  std::string code, message;
  for (const auto& r : results) {
    const int k = detail::destatis_rank(r.label);
    if (k == 0) continue;
    if (k < worst) worst = k, code = r.label, message = r.message;
  }
  for (const char* c : {"sun", "partly_cloudy", "cloudy", "thunderstorm"})
    detail::put(a, std::string("n_") + c, static_cast<double>(detail::count_label(results, c)));
  if (code.empty())
    return detail::fail(a, "not_assessable", detail::destatis_text("not_assessable"), reasons::no_data,
                        "no target could be assessed");
  detail::set_label(a, code, detail::destatis_text(code));
  a.message = message;
  return a;
}

}  // namespace ontrack::assess
