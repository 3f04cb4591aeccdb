#pragma once
/// Natural logarithms (and arctangents) of a whole array, vectorised where the C library offers
/// them.
///
/// The log and logit models take one log per data point, and in the batch kernel those logs are
/// most of the work. glibc's libmvec has vector logs (4 lanes with AVX2, 2 with SSE) accurate to
/// within an ulp of std::log, at about a third of the cost per value; compilers call them only
/// under -ffast-math, so ontrack calls them itself (src/vector_log.cpp), choosing the width once
/// at run time from the CPU. Without libmvec (another C library, another architecture) this is
/// std::log per value.
///
/// Every value goes through the same vector routine whatever its position (the tail is padded),
/// so log_values gives a value the same logarithm wherever it sits in the array: the batch kernel
/// and the single-series models transform their data with it and stay bit-identical.

#include <cstddef>

namespace ontrack::detail {

/// y[i] = log(x[i]) for i < n; x and y may be the same array. Values must be > 0 and finite
/// (the callers check the domain first).
void log_values(const double* x, double* y, std::size_t n) noexcept;

/// y[i] = atan(x[i]) for i < n, for finite x; x and y may be the same array. libmvec's atan
/// (glibc 2.35+, within an ulp of std::atan) by the same rule as log_values: a value gets the
/// same arctangent wherever it sits, so the Student-t CDF of one value and of many agree.
void atan_values(const double* x, double* y, std::size_t n) noexcept;

}  // namespace ontrack::detail
