#pragma once
/// Name tables for the enumerations of the plan model, shared by `to_string` and the parsers.

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace ontrack::detail {

template <class Enum, std::size_t N>
using name_table = std::array<std::pair<Enum, std::string_view>, N>;

template <class Enum, std::size_t N>
std::string_view name_of(const name_table<Enum, N>& table, Enum value) noexcept {
  for (const auto& entry : table)
    if (entry.first == value) return entry.second;
  return "?";
}

template <class Enum, std::size_t N>
std::optional<Enum> value_of(const name_table<Enum, N>& table, std::string_view name) noexcept {
  for (const auto& entry : table)
    if (entry.second == name) return entry.first;
  return std::nullopt;
}

/// "a, b or c": the accepted names, for error messages.
template <class Enum, std::size_t N>
std::string accepted_names(const name_table<Enum, N>& table) {
  std::string names;
  for (std::size_t i = 0; i < N; ++i) {
    if (i > 0) names += (i + 1 == N) ? " or " : ", ";
    names += table[i].second;
  }
  return names;
}

}  // namespace ontrack::detail
