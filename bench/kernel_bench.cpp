// The batch kernel timed from C++ alone: no Python, no binding, output buffers allocated once
// and reused (so the timing excludes first-touch page faults of fresh output arrays).
//
//   kernel_bench VALUES.f64 YEARS.i32 N_SERIES N_YEARS MODEL THREADS REPEATS
//
// reads the panel bench/closed_form.py wrote (row-major float64 values, int32 years of one series),
// projects it to 2030 with a 95 % interval and P(value >= 80) (logit: bounds [0, 100]) REPEATS
// times and prints one JSON line with every wall time. Alternating with each projection it times
// one pass that only reads the kernel's inputs (values, years, offsets: integer adds, which
// vectorise without any flag), on as many threads: the memory-bandwidth limit of reading them
// once, the "read_s" times. Built by bench/run.py with the flags of the
// release build (-O3 -DNDEBUG, no -march), with src/vector_log.cpp and glibc's libmvec.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <string>
#include <sys/mman.h>
#include <thread>
#include <vector>

#include <ontrack/project/batch.hpp>

// Large arrays as NumPy allocates them: 2 MiB-aligned with transparent huge pages requested
// (madvise), so the kernel streams through the same kind of memory from C++ as from Python.
struct free_deleter {
  void operator()(void* p) const noexcept { std::free(p); }
};
template <class T>
using buffer = std::unique_ptr<T[], free_deleter>;

template <class T>
static buffer<T> allocate(std::size_t count) {
  constexpr std::size_t huge = std::size_t{2} << 20;
  const std::size_t bytes = ((std::max<std::size_t>(count, 1) * sizeof(T) + huge - 1) / huge) * huge;
  void* p = std::aligned_alloc(huge, bytes);
  if (!p) {
    std::fprintf(stderr, "out of memory\n");
    std::exit(2);
  }
#ifdef MADV_HUGEPAGE
  madvise(p, bytes, MADV_HUGEPAGE);
#endif
  return buffer<T>(static_cast<T*>(p));
}

template <class T>
static buffer<T> read_all(const char* path, std::size_t count) {
  auto v = allocate<T>(count);
  std::ifstream f(path, std::ios::binary);
  if (!f.read(reinterpret_cast<char*>(v.get()), static_cast<std::streamsize>(count * sizeof(T)))) {
    std::fprintf(stderr, "cannot read %zu values from %s\n", count, path);
    std::exit(2);
  }
  return v;
}

// Sum of the 64-bit words of [p, p + bytes): forces every byte to be read, four independent
// integer accumulators so that the loop is bound by memory, not by an add chain.
static std::uint64_t read_words(const void* p, std::size_t bytes) {
  const auto* w = static_cast<const std::uint64_t*>(p);
  const std::size_t n = bytes / 8;
  std::uint64_t a = 0, b = 0, c = 0, d = 0;
  std::size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    a += w[i];
    b += w[i + 1];
    c += w[i + 2];
    d += w[i + 3];
  }
  for (; i < n; ++i) a += w[i];
  return a + b + c + d;
}

// Reads the three input arrays once, split over `threads` like the kernel's blocks.
static std::uint64_t read_inputs(const double* values, const std::int32_t* years, const std::int64_t* offsets,
                                 std::size_t n, std::size_t t, unsigned threads) {
  std::vector<std::uint64_t> sums(threads);
  std::vector<std::thread> pool;
  const std::size_t chunk = (n + threads - 1) / threads;
  for (unsigned k = 0; k < threads; ++k) {
    pool.emplace_back([&, k] {
      const std::size_t b = std::min(n, k * chunk), e = std::min(n, b + chunk);
      sums[k] = read_words(values + b * t, (e - b) * t * sizeof(double)) +
                read_words(years + b * t, (e - b) * t * sizeof(std::int32_t)) +
                read_words(offsets + b, (e - b) * sizeof(std::int64_t));
    });
  }
  for (auto& th : pool) th.join();
  std::uint64_t s = 0;
  for (auto v : sums) s += v;
  return s;
}

int main(int argc, char** argv) {
  if (argc != 8) {
    std::fprintf(stderr, "usage: %s VALUES.f64 YEARS.i32 N_SERIES N_YEARS MODEL THREADS REPEATS\n", argv[0]);
    return 2;
  }
  const std::size_t n = std::stoull(argv[3]), t = std::stoull(argv[4]);
  const std::string model_name = argv[5];
  const unsigned threads = static_cast<unsigned>(std::stoul(argv[6]));
  const int repeats = std::stoi(argv[7]);

  const auto values = read_all<double>(argv[1], n * t);
  const auto one = read_all<std::int32_t>(argv[2], t);
  auto years = allocate<std::int32_t>(n * t);
  for (std::size_t i = 0; i < n; ++i) std::copy(one.get(), one.get() + t, years.get() + i * t);
  auto offsets = allocate<std::int64_t>(n + 1);
  for (std::size_t i = 0; i <= n; ++i) offsets[i] = static_cast<std::int64_t>(i * t);

  ontrack::batch_input in;
  in.n_series = n;
  in.offsets = offsets.get();
  in.years_i32 = years.get();
  in.values = values.get();
  ontrack::batch_options opt;
  opt.method = ontrack::model_from_string(model_name);
  opt.deadline = 2030;
  opt.levels = {0.95};
  opt.threshold = 80.0;
  opt.side = ontrack::target_side::at_least;
  opt.projection.lower_bound = 0.0;
  opt.projection.upper_bound = 100.0;
  opt.threads = threads;

  auto status = allocate<std::uint8_t>(n), used = allocate<std::uint8_t>(n);
  auto n_used = allocate<std::int32_t>(n), last = allocate<std::int32_t>(n);
  auto slope = allocate<double>(n), change = allocate<double>(n), point = allocate<double>(n);
  auto lower = allocate<double>(n), upper = allocate<double>(n), prob = allocate<double>(n);
  ontrack::batch_output out;
  out.status = status.get();
  out.model_used = used.get();
  out.n = n_used.get();
  out.last_year = last.get();
  out.slope = slope.get();
  out.annual_change = change.get();
  out.point = point.get();
  out.lower = lower.get();
  out.upper = upper.get();
  out.prob = prob.get();

  ontrack::project_batch(in, opt, out);  // warm-up: touches every output page once
  std::string times, read_times;
  std::uint64_t read_sum = 0;
  for (int r = 0; r < repeats; ++r) {
    const auto t0 = std::chrono::steady_clock::now();
    ontrack::project_batch(in, opt, out);
    const auto t1 = std::chrono::steady_clock::now();
    read_sum += read_inputs(values.get(), years.get(), offsets.get(), n, t, threads);
    const auto t2 = std::chrono::steady_clock::now();
    times += (r ? "," : "") + std::to_string(std::chrono::duration<double>(t1 - t0).count());
    read_times += (r ? "," : "") + std::to_string(std::chrono::duration<double>(t2 - t1).count());
  }
  std::size_t ok = 0;
  double checksum = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    ok += status[i] == 0;
    checksum += point[i] + lower[i] + upper[i] + prob[i];
  }
  std::printf("{\"model\": \"%s\", \"threads\": %u, \"n_series\": %zu, \"ok\": %zu, \"checksum\": %.17g, "
              "\"times_s\": [%s], \"read_s\": [%s], \"input_bytes\": %zu, \"read_sum\": %llu}\n",
              model_name.c_str(), threads, n, ok, checksum, times.c_str(), read_times.c_str(),
              n * t * (sizeof(double) + sizeof(std::int32_t)) + (n + 1) * sizeof(std::int64_t),
              static_cast<unsigned long long>(read_sum));
  return 0;
}
