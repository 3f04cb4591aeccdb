#pragma once
/// Bilingual text: plans are written in Chinese and read by international users too.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
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

/// A code point that must never reach a terminal, a spreadsheet or a report from plan text or
/// data: C0 controls but tab and newline, DEL, C1 controls (ESC and CSI/OSC sequences start with
/// these), and the bidirectional embeddings, overrides and isolates that reorder what a reader
/// sees (U+202A–U+202E, U+2066–U+2069).
inline constexpr bool is_hostile_code_point(std::uint32_t c) noexcept {
  if (c == '\t' || c == '\n') return false;
  return c < 0x20 || (c >= 0x7F && c <= 0x9F) || (c >= 0x202A && c <= 0x202E) ||
         (c >= 0x2066 && c <= 0x2069);
}

namespace detail {

// The code point starting at byte `i` of UTF-8 text and its length in bytes; an invalid
// sequence yields nothing.
inline std::optional<std::pair<std::uint32_t, std::size_t>> decode_utf8(std::string_view s,
                                                                        std::size_t i) noexcept {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char lead = byte(i);
  if (lead < 0x80) return std::make_pair(std::uint32_t{lead}, std::size_t{1});
  std::size_t length;
  std::uint32_t c, minimum;
  if (lead >= 0xC2 && lead <= 0xDF) length = 2, c = lead & 0x1Fu, minimum = 0x80;
  else if (lead >= 0xE0 && lead <= 0xEF) length = 3, c = lead & 0x0Fu, minimum = 0x800;
  else if (lead >= 0xF0 && lead <= 0xF4) length = 4, c = lead & 0x07u, minimum = 0x10000;
  else return std::nullopt;
  if (i + length > s.size()) return std::nullopt;
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0u) != 0x80u) return std::nullopt;
    c = (c << 6) | (byte(i + k) & 0x3Fu);
  }
  if (c < minimum || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return std::nullopt;
  return std::make_pair(c, length);
}

}  // namespace detail

/// The byte offset of the first invalid UTF-8 sequence in `s`, if any.
inline std::optional<std::size_t> invalid_utf8_offset(std::string_view s) noexcept {
  for (std::size_t i = 0; i < s.size();) {
    const auto decoded = detail::decode_utf8(s, i);
    if (!decoded) return i;
    i += decoded->second;
  }
  return std::nullopt;
}

/// The first hostile code point in UTF-8 text `s` (see is_hostile_code_point), if any.
inline std::optional<std::uint32_t> first_hostile_code_point(std::string_view s) noexcept {
  for (std::size_t i = 0; i < s.size();) {
    const auto decoded = detail::decode_utf8(s, i);
    if (!decoded) return std::nullopt;  // encoding is checked where the text comes in
    if (is_hostile_code_point(decoded->first)) return decoded->first;
    i += decoded->second;
  }
  return std::nullopt;
}

/// `U+001B`: how a code point is named in messages and shown in escaped output.
inline std::string code_point_name(std::uint32_t c) {
  static const char digits[] = "0123456789ABCDEF";
  std::string hex;
  for (; c > 0 || hex.size() < 4; c >>= 4) hex.insert(hex.begin(), digits[c & 0xFu]);
  return "U+" + hex;
}

/// `s` with every hostile code point shown as `<U+001B>` and every invalid byte as U+FFFD, so
/// that text from outside can be printed, written to a spreadsheet or put in a report as inert
/// characters.
inline std::string escape_hostile(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const auto decoded = detail::decode_utf8(s, i);
    if (!decoded) {
      out += "\xEF\xBF\xBD";
      ++i;
    } else {
      if (is_hostile_code_point(decoded->first)) out += "<" + code_point_name(decoded->first) + ">";
      else out.append(s.substr(i, decoded->second));
      i += decoded->second;
    }
  }
  return out;
}

}  // namespace ontrack
