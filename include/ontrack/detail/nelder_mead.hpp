#pragma once
/// Nelder–Mead simplex minimiser: a line-by-line port of R's `nmmin` (R sources,
/// src/appl/optim.c; Pascal code of J.C. Nash, "Compact Numerical Methods for Computers",
/// 2nd ed., converted by p2c and re-crafted by B.D. Ripley).
///
/// Why a port rather than any Nelder–Mead: R's forecast::ets optimises its likelihood with
/// exactly this routine (through `etsNelderMead`, tolerances abstol = -Inf,
/// intol = sqrt(DBL_EPSILON), alpha = 1, beta = 0.5, gamma = 2, maxit = 2000). The ETS
/// likelihood surface of a short series is flat and ridged, so where a search stops depends
/// on its exact moves: only the same moves, the same initial simplex and the same stopping
/// rule land on R's parameters. Every comparison and update below is kept in R's order.
///
/// Differences from the C original, none of which changes a result:
///  * the simplex lives in a fixed-size array on the stack (dimension <= MaxN), so a call
///    never allocates and is safe to run on many threads at once;
///  * the dimension is a compile-time constant inside (one instance per n <= MaxN), so the
///    short loops unroll; the floating-point operations and their order are R's;
///  * tracing output is omitted;
///  * where R raises an error ("function cannot be evaluated at initial parameters"),
///    this returns fail = -1 instead;
///  * the loop that builds the initial simplex is bounded (R's would spin forever on an
///    infinite start coordinate).

#include <array>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace ontrack::detail {

/// Tuning constants of `nmmin`; the defaults are those forecast::ets passes.
struct nelder_mead_control {
  /// Stop as soon as the best value is <= abstol (-Inf: never).
  double abstol = -std::numeric_limits<double>::infinity();
  /// Relative tolerance: stop when the simplex values span <= intol * (|f(start)| + intol).
  /// 2^-26 = sqrt(DBL_EPSILON), exactly R's sqrt(.Machine$double.eps).
  double intol = 1.4901161193847656e-08;
  double alpha = 1.0;  ///< reflection factor
  double beta = 0.5;   ///< contraction (and shrink) factor
  double gamma = 2.0;  ///< expansion factor
  int maxit = 2000;    ///< maximum number of function evaluations (R counts evaluations)
};

/// What `nmmin` reports.
struct nelder_mead_result {
  double fmin = std::numeric_limits<double>::quiet_NaN();  ///< best function value found
  int fncount = 0;  ///< number of function evaluations
  /// R's `fail` code: 0 converged; 1 evaluation limit reached; 10 a shrink did not reduce
  /// the simplex (degenerate simplex); -1 the objective is not finite at the start point
  /// (R stops with an error there).
  int fail = 0;
};

namespace nm_impl {

// The algorithm for a compile-time dimension N, so its short loops unroll (the simplex
// bookkeeping is a large share of an ETS fit). Same operations in the same order as R.
template <int N, class Fn>
nelder_mead_result nmmin_fixed(double* bvec, double* x, Fn& fn,
                               const nelder_mead_control& control) {
  constexpr int n = N;
  constexpr double big = 1.0e+35;
  constexpr int rows = N + 1;
  // R's P[i][j], i = 0..n (row n holds function values), j = 0..n+1 (column n+1: centroid),
  // stored vertex by vertex (column-major) because the moves read and write whole vertices.
  std::array<double, (N + 1) * (N + 2)> storage{};
  auto P = [&storage](int i, int j) -> double& { return storage[j * rows + i]; };
  auto vertex = [&storage](int j) -> double* { return storage.data() + j * rows; };

  const double alpha = control.alpha;
  const double bet = control.beta;
  const double gamm = control.gamma;
  const int maxit = control.maxit;

  nelder_mead_result out;
  if (maxit <= 0) {
    out.fmin = fn(n, static_cast<const double*>(bvec));
    for (int i = 0; i < n; i++) x[i] = bvec[i];
    out.fncount = 0;
    out.fail = 0;
    return out;
  }

  int funcount = 0, H, i, j, L = 0;
  int n1 = 0, C;
  bool calcvert;
  double convtol, f, oldsize, size, step, temp, trystep, VH, VL, VR;

  f = fn(n, static_cast<const double*>(bvec));
  if (!std::isfinite(f)) {
    out.fmin = f;
    for (i = 0; i < n; i++) x[i] = bvec[i];
    out.fncount = 1;
    out.fail = -1;
    return out;
  }
  funcount = 1;
  convtol = control.intol * (std::fabs(f) + control.intol);
  n1 = n + 1;
  C = n + 2;
  P(n1 - 1, 0) = f;
  for (i = 0; i < n; i++) P(i, 0) = bvec[i];

  L = 1;
  size = 0.0;

  step = 0.0;
  for (i = 0; i < n; i++) {
    if (0.1 * std::fabs(bvec[i]) > step) step = 0.1 * std::fabs(bvec[i]);
  }
  if (step == 0.0) step = 0.1;
  for (j = 2; j <= n1; j++) {
    for (i = 0; i < n; i++) P(i, j - 1) = bvec[i];
    trystep = step;
    // R loops until the coordinate moves; the bound (never reached for a finite start,
    // where 10^k overflows first) keeps an infinite coordinate from looping forever.
    for (int guard = 0; P(j - 2, j - 1) == bvec[j - 2] && guard < 700; ++guard) {
      P(j - 2, j - 1) = bvec[j - 2] + trystep;
      trystep *= 10;
    }
    size += trystep;
  }
  oldsize = size;
  calcvert = true;
  do {
    if (calcvert) {
      for (j = 0; j < n1; j++) {
        if (j + 1 != L) {
          for (i = 0; i < n; i++) bvec[i] = P(i, j);
          f = fn(n, static_cast<const double*>(bvec));
          if (!std::isfinite(f)) f = big;
          funcount++;
          P(n1 - 1, j) = f;
        }
      }
      calcvert = false;
    }

    VL = P(n1 - 1, L - 1);
    VH = VL;
    H = L;

    for (j = 1; j <= n1; j++) {
      if (j != L) {
        f = P(n1 - 1, j - 1);
        if (f < VL) {
          L = j;
          VL = f;
        }
        if (f > VH) {
          H = j;
          VH = f;
        }
      }
    }

    if (VH <= VL + convtol || VL <= control.abstol) break;

    double* const PH = vertex(H - 1);
    double* const PC = vertex(C - 1);
    for (i = 0; i < n; i++) {
      temp = -P(i, H - 1);
      for (j = 0; j < n1; j++) temp += P(i, j);
      P(i, C - 1) = temp / n;
    }
    for (i = 0; i < n; i++) bvec[i] = (1.0 + alpha) * PC[i] - alpha * PH[i];
    f = fn(n, static_cast<const double*>(bvec));
    if (!std::isfinite(f)) f = big;
    funcount++;
    VR = f;
    if (VR < VL) {  // reflection succeeded: try an extension
      P(n1 - 1, C - 1) = f;
      for (i = 0; i < n; i++) {
        f = gamm * bvec[i] + (1 - gamm) * PC[i];
        PC[i] = bvec[i];
        bvec[i] = f;
      }
      f = fn(n, static_cast<const double*>(bvec));
      if (!std::isfinite(f)) f = big;
      funcount++;
      if (f < VR) {
        for (i = 0; i < n; i++) PH[i] = bvec[i];
        P(n1 - 1, H - 1) = f;
      } else {
        for (i = 0; i < n; i++) PH[i] = PC[i];
        P(n1 - 1, H - 1) = VR;
      }
    } else {  // reduction (contraction)
      if (VR < VH) {
        for (i = 0; i < n; i++) PH[i] = bvec[i];
        P(n1 - 1, H - 1) = VR;
      }

      for (i = 0; i < n; i++) bvec[i] = (1 - bet) * PH[i] + bet * PC[i];
      f = fn(n, static_cast<const double*>(bvec));
      if (!std::isfinite(f)) f = big;
      funcount++;

      if (f < P(n1 - 1, H - 1)) {
        for (i = 0; i < n; i++) PH[i] = bvec[i];
        P(n1 - 1, H - 1) = f;
      } else {
        if (VR >= VH) {  // shrink towards the lowest vertex
          calcvert = true;
          size = 0.0;
          for (j = 0; j < n1; j++) {
            if (j + 1 != L) {
              for (i = 0; i < n; i++) {
                P(i, j) = bet * (P(i, j) - P(i, L - 1)) + P(i, L - 1);
                size += std::fabs(P(i, j) - P(i, L - 1));
              }
            }
          }
          if (size < oldsize) {
            oldsize = size;
          } else {
            out.fail = 10;
            break;
          }
        }
      }
    }

  } while (funcount <= maxit);

  out.fmin = P(n1 - 1, L - 1);
  for (i = 0; i < n; i++) x[i] = P(i, L - 1);
  if (funcount > maxit) out.fail = 1;
  out.fncount = funcount;
  return out;
}

template <int N, int MaxN, class Fn>
nelder_mead_result dispatch(int n, double* bvec, double* x, Fn& fn,
                            const nelder_mead_control& control) {
  if constexpr (N > MaxN) {
    throw std::invalid_argument("nmmin: dimension must be between 1 and MaxN");
  } else {
    if (n == N) return nmmin_fixed<N>(bvec, x, fn, control);
    return dispatch<N + 1, MaxN>(n, bvec, x, fn, control);
  }
}

}  // namespace nm_impl

/// Minimise `fn(n, const double* par)` from the start point `bvec` (length n, used as
/// scratch, as in R); the best vertex is written to `x` (length n), 1 <= n <= MaxN.
/// Non-finite values of `fn` are treated as 1e35 (R's `big`), which is how the ETS target
/// rejects parameters outside the admissible region.
template <int MaxN, class Fn>
nelder_mead_result nmmin(int n, double* bvec, double* x, Fn&& fn,
                         const nelder_mead_control& control = {}) {
  static_assert(MaxN >= 1, "MaxN must be positive");
  if (n < 1 || n > MaxN) {
    throw std::invalid_argument("nmmin: dimension must be between 1 and MaxN");
  }
  return nm_impl::dispatch<1, MaxN>(n, bvec, x, fn, control);
}

}  // namespace ontrack::detail
