#pragma once
/// The single source of ontrack's version: CMake and the Python package read it from here.

#define ONTRACK_VERSION_MAJOR 0
#define ONTRACK_VERSION_MINOR 1
#define ONTRACK_VERSION_PATCH 0
#define ONTRACK_VERSION_STRING "0.1.0"

namespace ontrack {
inline constexpr const char* version = ONTRACK_VERSION_STRING;
}  // namespace ontrack
