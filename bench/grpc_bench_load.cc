// grpc_bench's closed-loop load driver and report lines.
#include "bench/grpc_bench_load.h"

#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <thread>

#include "bench/bench_util.h"

namespace kumppani::bench {

double ProcessCpuSeconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval& t) {
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
  };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

LoadResult RunClosedLoop(int clients, double seconds, const Call& call) {
  std::vector<std::vector<double>> micros(static_cast<size_t>(clients));
  std::atomic<int> ready{0};
  std::atomic<bool> go{false};
  std::atomic<bool> stop{false};
  std::vector<std::thread> threads;
  for (int client = 0; client < clients; ++client) {
    threads.emplace_back([&, client] {
      std::vector<double>& mine = micros[static_cast<size_t>(client)];
      mine.reserve(1 << 14);
      ready.fetch_add(1);
      while (!go.load()) std::this_thread::yield();
      for (uint64_t n = 0; !stop.load(std::memory_order_relaxed); ++n) {
        Stopwatch watch;
        CheckOk(call(client, n), "call");
        mine.push_back(watch.Seconds() * 1e6);
      }
    });
  }
  while (ready.load() < clients) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  const double cpu_before = ProcessCpuSeconds();
  Stopwatch watch;
  go = true;
  while (watch.Seconds() < seconds) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  stop = true;
  for (auto& thread : threads) thread.join();
  LoadResult result;
  result.seconds = watch.Seconds();
  result.cpu_seconds = ProcessCpuSeconds() - cpu_before;
  for (const auto& mine : micros) {
    result.micros.insert(result.micros.end(), mine.begin(), mine.end());
  }
  result.calls = result.micros.size();
  return result;
}

void Series::Add(const LoadResult& result) {
  rates.push_back(static_cast<double>(result.calls) / result.seconds);
  micros.insert(micros.end(), result.micros.begin(), result.micros.end());
  calls += result.calls;
  cpu_seconds += result.cpu_seconds;
}

double Series::MedianRate() const { return Median(rates); }

void CheckOk(const absl::Status& status, const std::string& what) {
  if (status.ok()) return;
  std::fprintf(stderr, "grpc_bench: %s: %s\n", what.c_str(), status.ToString().c_str());
  std::abort();
}

void ReportRate(const std::string& label, const Series& series, const std::string& unit,
                double reference_rate) {
  const double rate = series.MedianRate();
  std::string text = label;
  if (series.syncs > 0) {
    char per_sync[48];
    std::snprintf(per_sync, sizeof(per_sync), " [%.1f ev/sync]",
                  static_cast<double>(series.events) / static_cast<double>(series.syncs));
    text += per_sync;
  }
  std::printf("%-70s %9.0f %-9s", text.c_str(), rate, unit.c_str());
  if (!series.micros.empty()) {
    std::printf(" p50 %8.1f us  p99 %8.1f us", Percentile(series.micros, 0.5),
                Percentile(series.micros, 0.99));
  } else {
    std::printf(" %29s", "");
  }
  if (series.calls > 0 && series.cpu_seconds > 0) {
    std::printf("  cpu %5.0f us/op", 1e6 * series.cpu_seconds / static_cast<double>(series.calls));
  } else {
    std::printf("  %15s", "");
  }
  if (reference_rate > 0) std::printf("  %5.1f%% of in-process", 100.0 * rate / reference_rate);
  std::printf("\n");
  std::fflush(stdout);
}

void ReportLatency(const std::string& label, const std::vector<double>& micros,
                   const std::vector<double>& reference) {
  const double p50 = Percentile(micros, 0.5);
  std::printf("%-70s %19s p50 %8.1f us  p99 %8.1f us  max %8.1f us", label.c_str(), "", p50,
              Percentile(micros, 0.99), Percentile(micros, 1.0));
  if (!reference.empty()) {
    std::printf("  %+.1f us at p50 over in-process", p50 - Percentile(reference, 0.5));
  }
  std::printf("\n");
  std::fflush(stdout);
}

}  // namespace kumppani::bench
