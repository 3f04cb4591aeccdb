// Vectorised logarithms through glibc's libmvec (see include/ontrack/detail/vector_log.hpp).
#include <ontrack/detail/vector_log.hpp>

#include <algorithm>
#include <cmath>

#if defined(ONTRACK_HAVE_LIBMVEC) && defined(__x86_64__)
#include <immintrin.h>

// libmvec's entry points, named by the x86-64 vector function ABI: 'b' = SSE (2 lanes),
// 'd' = AVX2 (4 lanes), N<lanes>v = one vector argument.
extern "C" __m128d _ZGVbN2v_log(__m128d);
// (The AVX2 one is declared AVX2 itself: its vectors travel in ymm registers, which clang
// insists the declaration say.)
extern "C" __attribute__((target("avx2"))) __m256d _ZGVdN4v_log(__m256d);

namespace ontrack::detail {
namespace {

// The AVX2 variant takes and returns its vectors in ymm registers, so its caller must be
// compiled for AVX2; it only runs after the CPU check below.
__attribute__((target("avx2"))) void log_values_avx2(const double* x, double* y, std::size_t n) noexcept {
  std::size_t i = 0;
  for (; i + 4 <= n; i += 4) _mm256_storeu_pd(y + i, _ZGVdN4v_log(_mm256_loadu_pd(x + i)));
  if (i < n) {
    double tail[4] = {1.0, 1.0, 1.0, 1.0};
    std::copy(x + i, x + n, tail);
    _mm256_storeu_pd(tail, _ZGVdN4v_log(_mm256_loadu_pd(tail)));
    std::copy(tail, tail + (n - i), y + i);
  }
}

void log_values_sse(const double* x, double* y, std::size_t n) noexcept {
  std::size_t i = 0;
  for (; i + 2 <= n; i += 2) _mm_storeu_pd(y + i, _ZGVbN2v_log(_mm_loadu_pd(x + i)));
  if (i < n) {
    double tail[2] = {x[i], 1.0};
    _mm_storeu_pd(tail, _ZGVbN2v_log(_mm_loadu_pd(tail)));
    y[i] = tail[0];
  }
}

}  // namespace

void log_values(const double* x, double* y, std::size_t n) noexcept {
  static const bool avx2 = [] {
    __builtin_cpu_init();  // may run before libgcc's own constructor has
    return __builtin_cpu_supports("avx2") != 0;
  }();
  if (avx2)
    log_values_avx2(x, y, n);
  else
    log_values_sse(x, y, n);
}

}  // namespace ontrack::detail

#else

namespace ontrack::detail {

void log_values(const double* x, double* y, std::size_t n) noexcept {
  for (std::size_t i = 0; i < n; ++i) y[i] = std::log(x[i]);
}

}  // namespace ontrack::detail

#endif
