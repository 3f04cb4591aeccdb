#pragma once
/// Bilingual text: plans are written in Chinese and read by international users too.

#include <string>
#include <tuple>

namespace ontrack {

/// A text in Chinese and English; an empty string means that language is absent.
struct localized_text {
  std::string zh;
  std::string en;

  bool empty() const noexcept { return zh.empty() && en.empty(); }

  /// The text in `language` ("zh" or "en"), falling back to the other language when absent.
  const std::string& in(const std::string& language) const noexcept {
    if (language == "en") return en.empty() ? zh : en;
    return zh.empty() ? en : zh;
  }

  friend bool operator==(const localized_text& a, const localized_text& b) {
    return std::tie(a.zh, a.en) == std::tie(b.zh, b.en);
  }
  friend bool operator!=(const localized_text& a, const localized_text& b) { return !(a == b); }
};

}  // namespace ontrack
