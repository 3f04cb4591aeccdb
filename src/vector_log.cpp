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
#if defined(ONTRACK_HAVE_LIBMVEC_ATAN)
extern "C" __m128d _ZGVbN2v_atan(__m128d);
extern "C" __attribute__((target("avx2"))) __m256d _ZGVdN4v_atan(__m256d);
#endif

namespace ontrack::detail {
namespace {

// The AVX2 variants take and return their vectors in ymm registers, so their callers must be
// compiled for AVX2; they only run after the CPU check below. The tail is padded with `pad`, a
// value inside the function's domain.
template <__m256d (*F)(__m256d)>
__attribute__((target("avx2"))) void apply_avx2(const double* x, double* y, std::size_t n, double pad) noexcept {
  std::size_t i = 0;
  for (; i + 4 <= n; i += 4) _mm256_storeu_pd(y + i, F(_mm256_loadu_pd(x + i)));
  if (i < n) {
    double tail[4] = {pad, pad, pad, pad};
    std::copy(x + i, x + n, tail);
    _mm256_storeu_pd(tail, F(_mm256_loadu_pd(tail)));
    std::copy(tail, tail + (n - i), y + i);
  }
}

template <__m128d (*F)(__m128d)>
void apply_sse(const double* x, double* y, std::size_t n, double pad) noexcept {
  std::size_t i = 0;
  for (; i + 2 <= n; i += 2) _mm_storeu_pd(y + i, F(_mm_loadu_pd(x + i)));
  if (i < n) {
    double tail[2] = {x[i], pad};
    _mm_storeu_pd(tail, F(_mm_loadu_pd(tail)));
    y[i] = tail[0];
  }
}

bool has_avx2() noexcept {
  static const bool avx2 = [] {
    __builtin_cpu_init();  // may run before libgcc's own constructor has
    return __builtin_cpu_supports("avx2") != 0;
  }();
  return avx2;
}

}  // namespace

void log_values(const double* x, double* y, std::size_t n) noexcept {
  if (has_avx2())
    apply_avx2<_ZGVdN4v_log>(x, y, n, 1.0);
  else
    apply_sse<_ZGVbN2v_log>(x, y, n, 1.0);
}

void atan_values(const double* x, double* y, std::size_t n) noexcept {
#if defined(ONTRACK_HAVE_LIBMVEC_ATAN)
  if (has_avx2())
    apply_avx2<_ZGVdN4v_atan>(x, y, n, 0.0);
  else
    apply_sse<_ZGVbN2v_atan>(x, y, n, 0.0);
#else
  for (std::size_t i = 0; i < n; ++i) y[i] = std::atan(x[i]);
#endif
}

}  // namespace ontrack::detail

#else

namespace ontrack::detail {

void log_values(const double* x, double* y, std::size_t n) noexcept {
  for (std::size_t i = 0; i < n; ++i) y[i] = std::log(x[i]);
}

void atan_values(const double* x, double* y, std::size_t n) noexcept {
  for (std::size_t i = 0; i < n; ++i) y[i] = std::atan(x[i]);
}

}  // namespace ontrack::detail

#endif
