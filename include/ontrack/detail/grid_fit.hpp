#pragma once
/// The closed-form fit of several series at once on a shared year grid: SIMD lanes = series.
///
/// When consecutive series of a batch have the same years (a panel: every region observed in
/// the same years), x̄ and Sxx are the grid's and are computed once; what is left per series is
/// three short passes over its values — z̄, Sxz and the explicit residual sum of squares. Those
/// passes run over a tile of `grid_lanes` series at once, one series per vector lane, so each
/// vector instruction advances four series.
///
/// Bit-identical to ols_fit_centred: lane l performs, for its series, exactly the additions and
/// multiplications ols_fit_centred performs (element k into accumulator k mod 4, the four
/// combined as (a0 + a1) + (a2 + a3), residuals formed explicitly), only side by side with the
/// other lanes. Vector adds and multiplies are the same IEEE operations as scalar ones, and no
/// FMA is used (the AVX2 variant enables AVX2 only), so batch and single-series results agree
/// bit for bit.
///
/// The AVX2 variant is chosen at run time (like vector_log.hpp's), so the library still runs on
/// any x86-64 and builds without -march; other compilers and architectures get the same code
/// on their own vector width (GCC/Clang vector extensions) or, without those, scalar lanes.

#include <cstddef>

#include <ontrack/project/linear.hpp>

namespace ontrack::detail {

/// Series per tile.
inline constexpr std::size_t grid_lanes = 4;

/// The grid's own statistics, computed once by the very code every series' fit runs.
struct year_grid {
  std::size_t n = 0;       ///< points used (after as_of)
  double x_mean = nan_value;
  double sxx = nan_value;
  const double* dx = nullptr;  ///< x[k] − x̄ for k < n
};

#if defined(__GNUC__) || defined(__clang__)
typedef double grid_vector __attribute__((vector_size(sizeof(double) * grid_lanes)));
#define ONTRACK_GRID_INLINE inline __attribute__((always_inline))
#else
struct grid_vector {
  double v[grid_lanes]{};
  double& operator[](std::size_t l) noexcept { return v[l]; }
  double operator[](std::size_t l) const noexcept { return v[l]; }
#define ONTRACK_GRID_OP(op)                                                                  \
  friend grid_vector operator op(grid_vector a, grid_vector b) noexcept {                   \
    for (std::size_t l = 0; l < grid_lanes; ++l) a.v[l] = a.v[l] op b.v[l];                  \
    return a;                                                                                \
  }                                                                                          \
  friend grid_vector operator op(grid_vector a, double b) noexcept {                        \
    for (std::size_t l = 0; l < grid_lanes; ++l) a.v[l] = a.v[l] op b;                       \
    return a;                                                                                \
  }                                                                                          \
  friend grid_vector operator op(double b, grid_vector a) noexcept {                        \
    for (std::size_t l = 0; l < grid_lanes; ++l) a.v[l] = b op a.v[l];                       \
    return a;                                                                                \
  }
  ONTRACK_GRID_OP(+)
  ONTRACK_GRID_OP(-)
  ONTRACK_GRID_OP(*)
  ONTRACK_GRID_OP(/)
#undef ONTRACK_GRID_OP
};
#define ONTRACK_GRID_INLINE inline
#endif

// The helpers take and update vectors by reference (a vector passed by value would change the
// calling convention between the baseline and the AVX2 variant); all are inlined.
ONTRACK_GRID_INLINE void grid_load(grid_vector& v, const double* p) noexcept {
  for (std::size_t l = 0; l < grid_lanes; ++l) v[l] = p[l];
}
/// acc += z_k
ONTRACK_GRID_INLINE void grid_add(grid_vector& acc, const double* tile, std::size_t k) noexcept {
  grid_vector z;
  grid_load(z, tile + k * grid_lanes);
  acc = acc + z;
}
/// acc += (x_k − x̄)(z_k − z̄)
ONTRACK_GRID_INLINE void grid_add_cross(grid_vector& acc, const double* tile, std::size_t k, const grid_vector& zm,
                                        const double* dx) noexcept {
  grid_vector z;
  grid_load(z, tile + k * grid_lanes);
  acc = acc + dx[k] * (z - zm);
}
/// acc += ((z_k − z̄) − b(x_k − x̄))²
ONTRACK_GRID_INLINE void grid_add_residual2(grid_vector& acc, const double* tile, std::size_t k,
                                            const grid_vector& zm, const grid_vector& b, const double* dx) noexcept {
  grid_vector z;
  grid_load(z, tile + k * grid_lanes);
  const grid_vector r = (z - zm) - b * dx[k];
  acc = acc + r * r;
}

/// tile[k·grid_lanes + l] is point k of lane l's series (model scale); fills c[l] for every
/// lane. Lanes beyond the real series may hold any finite padding.
ONTRACK_GRID_INLINE void grid_fit_tile_body(const year_grid& g, const double* tile, ols_core* c) noexcept {
  const std::size_t n = g.n;
  const std::size_t n4 = n & ~std::size_t{3};
  const std::size_t tail = n - n4;
  const double* dx = g.dx;
  // Four named accumulators per sum (element k into accumulator k mod 4), unrolled by hand so
  // they stay in registers — ols_fit_centred's order exactly.
  grid_vector a0 = {}, a1 = {}, a2 = {}, a3 = {};
  for (std::size_t k = 0; k < n4; k += 4) {
    grid_add(a0, tile, k);
    grid_add(a1, tile, k + 1);
    grid_add(a2, tile, k + 2);
    grid_add(a3, tile, k + 3);
  }
  if (tail > 0) grid_add(a0, tile, n4);
  if (tail > 1) grid_add(a1, tile, n4 + 1);
  if (tail > 2) grid_add(a2, tile, n4 + 2);
  const grid_vector zm = ((a0 + a1) + (a2 + a3)) / static_cast<double>(n);
  grid_vector p0 = {}, p1 = {}, p2 = {}, p3 = {};
  for (std::size_t k = 0; k < n4; k += 4) {
    grid_add_cross(p0, tile, k, zm, dx);
    grid_add_cross(p1, tile, k + 1, zm, dx);
    grid_add_cross(p2, tile, k + 2, zm, dx);
    grid_add_cross(p3, tile, k + 3, zm, dx);
  }
  if (tail > 0) grid_add_cross(p0, tile, n4, zm, dx);
  if (tail > 1) grid_add_cross(p1, tile, n4 + 1, zm, dx);
  if (tail > 2) grid_add_cross(p2, tile, n4 + 2, zm, dx);
  const grid_vector sxz = (p0 + p1) + (p2 + p3);
  const grid_vector b = sxz / g.sxx;
  grid_vector r0 = {}, r1 = {}, r2 = {}, r3 = {};
  for (std::size_t k = 0; k < n4; k += 4) {
    grid_add_residual2(r0, tile, k, zm, b, dx);
    grid_add_residual2(r1, tile, k + 1, zm, b, dx);
    grid_add_residual2(r2, tile, k + 2, zm, b, dx);
    grid_add_residual2(r3, tile, k + 3, zm, b, dx);
  }
  if (tail > 0) grid_add_residual2(r0, tile, n4, zm, b, dx);
  if (tail > 1) grid_add_residual2(r1, tile, n4 + 1, zm, b, dx);
  if (tail > 2) grid_add_residual2(r2, tile, n4 + 2, zm, b, dx);
  const grid_vector rss = (r0 + r1) + (r2 + r3);
  for (std::size_t l = 0; l < grid_lanes; ++l) {
    ols_core& o = c[l];
    o.n = n;
    o.x_mean = g.x_mean;
    o.sxx = g.sxx;
    o.z_mean = zm[l];
    o.sxz = sxz[l];
    o.szz = nan_value;  // not needed by a prediction (only by R²)
    o.slope = b[l];
    o.rss = rss[l];
  }
}

#if (defined(__GNUC__) || defined(__clang__)) && defined(__x86_64__)
__attribute__((target("avx2"))) inline void grid_fit_tile_avx2(const year_grid& g, const double* tile,
                                                                ols_core* c) noexcept {
  grid_fit_tile_body(g, tile, c);
}
inline void grid_fit_tile_baseline(const year_grid& g, const double* tile, ols_core* c) noexcept {
  grid_fit_tile_body(g, tile, c);
}
inline bool cpu_has_avx2() noexcept {
  static const bool avx2 = [] {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") != 0;
  }();
  return avx2;
}
inline void grid_fit_tile(const year_grid& g, const double* tile, ols_core* c) noexcept {
  if (cpu_has_avx2())
    grid_fit_tile_avx2(g, tile, c);
  else
    grid_fit_tile_baseline(g, tile, c);
}
#else
inline void grid_fit_tile(const year_grid& g, const double* tile, ols_core* c) noexcept {
  grid_fit_tile_body(g, tile, c);
}
#endif

}  // namespace ontrack::detail
