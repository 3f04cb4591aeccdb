#pragma once
/// The content hash an evaluation records of the data it used, so that a published evaluation
/// can be recomputed later and shown to rest on the same numbers (docs/assessment.md § Record).
///
/// The hash is SHA-256 (FIPS 180-4) of a canonical text of the observations: one line per
/// series, "S\t<indicator>\t<key=value;…>" (disaggregation keys in order), then one line per
/// observation in year order, "<year>\t<value>\t<numerator>\t<denominator>" (numbers in their
/// shortest round-trip form, absent counts empty), series ordered by indicator and
/// disaggregation. Only what decides a result is hashed: sources, flags and vintages are not.

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include <ontrack/series.hpp>

namespace ontrack::assess {

namespace detail {

inline std::uint32_t rotr(std::uint32_t x, int n) noexcept { return (x >> n) | (x << (32 - n)); }

inline void sha256_block(std::array<std::uint32_t, 8>& h, const unsigned char* p) noexcept {
  static constexpr std::uint32_t k[64] = {
      0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
      0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
      0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
      0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
      0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
      0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
      0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
      0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};
  std::uint32_t w[64];
  for (int i = 0; i < 16; ++i)
    w[i] = (std::uint32_t(p[4 * i]) << 24) | (std::uint32_t(p[4 * i + 1]) << 16) | (std::uint32_t(p[4 * i + 2]) << 8) |
           std::uint32_t(p[4 * i + 3]);
  for (int i = 16; i < 64; ++i) {
    const std::uint32_t s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3);
    const std::uint32_t s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10);
    w[i] = w[i - 16] + s0 + w[i - 7] + s1;
  }
  std::uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
  for (int i = 0; i < 64; ++i) {
    const std::uint32_t t1 = hh + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + k[i] + w[i];
    const std::uint32_t t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
    hh = g;
    g = f;
    f = e;
    e = d + t1;
    d = c;
    c = b;
    b = a;
    a = t1 + t2;
  }
  h[0] += a, h[1] += b, h[2] += c, h[3] += d, h[4] += e, h[5] += f, h[6] += g, h[7] += hh;
}

}  // namespace detail

/// SHA-256 of `text`, as 64 lowercase hexadecimal digits.
inline std::string sha256_hex(std::string_view text) {
  std::array<std::uint32_t, 8> h = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                    0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
  std::string padded(text);
  const std::uint64_t bits = static_cast<std::uint64_t>(text.size()) * 8;
  padded.push_back(static_cast<char>(0x80));
  while (padded.size() % 64 != 56) padded.push_back('\0');
  for (int i = 7; i >= 0; --i) padded.push_back(static_cast<char>((bits >> (8 * i)) & 0xff));
  for (std::size_t off = 0; off < padded.size(); off += 64)
    detail::sha256_block(h, reinterpret_cast<const unsigned char*>(padded.data() + off));
  std::string hex;
  for (std::uint32_t word : h) {
    char buf[9];
    std::snprintf(buf, sizeof buf, "%08x", word);
    hex += buf;
  }
  return hex;
}

/// The disaggregation as the canonical text writes it: "key=value;…", keys in order.
inline std::string disaggregation_text(const series& s) {
  std::string d;
  for (const auto& [k, v] : s.disaggregation) d += (d.empty() ? "" : ";") + k + "=" + v;
  return d;
}

/// One series' part of the canonical text: its header line and its observations up to `as_of`
/// in year order; empty when it has none by then. The whole text is these parts ordered by
/// (indicator, disaggregation_text), so parts computed apart — one partition of the data each —
/// join into the same text.
inline std::string canonical_series_text(const series& s, int as_of) {
  const auto number = [](double v) {
    char buf[64];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    return std::string(buf, r.ptr);
  };
  std::vector<const observation*> obs;
  for (const auto& o : s.observations)
    if (o.year <= as_of) obs.push_back(&o);
  if (obs.empty()) return {};
  std::stable_sort(obs.begin(), obs.end(), [](const observation* a, const observation* b) { return a->year < b->year; });
  std::string text = "S\t" + s.indicator + "\t" + disaggregation_text(s) + "\n";
  for (const observation* o : obs)
    text += std::to_string(o->year) + "\t" + number(o->value) + "\t" + (o->numerator ? number(*o->numerator) : "") +
            "\t" + (o->denominator ? number(*o->denominator) : "") + "\n";
  return text;
}

/// The canonical text of the observations up to `as_of` (see the file comment). Series without
/// an observation up to then are left out.
inline std::string canonical_data_text(const std::vector<const series*>& all, int as_of) {
  std::vector<const series*> order(all);
  std::sort(order.begin(), order.end(), [&](const series* a, const series* b) {
    return a->indicator != b->indicator ? a->indicator < b->indicator : disaggregation_text(*a) < disaggregation_text(*b);
  });
  std::string text;
  for (const series* s : order) text += canonical_series_text(*s, as_of);
  return text;
}

}  // namespace ontrack::assess
