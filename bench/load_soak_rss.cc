// The RSS sampler and its verdict.
#include "bench/load_soak_rss.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <utility>

#include "bench/bench_util.h"
#include "bench/load_soak_server.h"

namespace kumppani::bench {

namespace {

// Bytes of the RocksDB write-ahead log files (*.log) in `dir`, in KiB; -1
// when `dir` is empty or unreadable.
long WalKib(const std::string& dir) {
  if (dir.empty()) return -1;
  std::error_code error;
  uintmax_t bytes = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir, error)) {
    if (entry.path().extension() == ".log") bytes += entry.file_size(error);
  }
  return error ? -1 : static_cast<long>(bytes / 1024);
}

double Mib(long kib) { return static_cast<double>(kib) / 1024; }

}  // namespace

RssSampler::RssSampler(pid_t pid, std::string data_dir, double every,
                       std::function<std::string()> progress)
    : pid_(pid),
      data_dir_(std::move(data_dir)),
      every_(every),
      progress_(std::move(progress)),
      start_(std::chrono::steady_clock::now()),
      thread_([this] { Run(); }) {}

RssSampler::~RssSampler() {
  if (thread_.joinable()) Stop();
}

void RssSampler::Sample() {
  RssSample sample;
  sample.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  sample.rss_kib = ResidentKib(pid_);
  sample.cpu_seconds = CpuSeconds(pid_);
  sample.wal_kib = WalKib(data_dir_);
  samples_.push_back(sample);
  std::printf("[%7.1f s] server RSS %7.1f MiB, CPU %7.1f s, WAL %6.1f MiB; %s\n", sample.seconds,
              Mib(sample.rss_kib), sample.cpu_seconds, Mib(sample.wal_kib), progress_().c_str());
  std::fflush(stdout);
}

void RssSampler::Run() {
  Sample();
  std::unique_lock<std::mutex> lock(mu_);
  for (int n = 1;; ++n) {
    const auto due = start_ + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                  std::chrono::duration<double>(every_ * n));
    if (wake_.wait_until(lock, due, [this] { return stopping_; })) break;
    lock.unlock();
    Sample();
    lock.lock();
  }
  lock.unlock();
  Sample();
}

void RssSampler::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  wake_.notify_one();
  thread_.join();
}

RssVerdict JudgeRss(const std::vector<RssSample>& samples, double seconds,
                    double warmup_seconds) {
  RssVerdict verdict;
  verdict.window_start = warmup_seconds;
  verdict.window_end = seconds;
  const double middle = (warmup_seconds + seconds) / 2;
  std::vector<double> early, late, early_wal, late_wal;
  std::vector<std::pair<double, double>> line;  // (s, MiB) after warm-up
  bool has_wal = true;
  for (const RssSample& sample : samples) {
    if (sample.rss_kib < 0 || sample.seconds < warmup_seconds || sample.seconds > seconds) {
      continue;
    }
    const bool in_early = sample.seconds < middle;
    has_wal = has_wal && sample.wal_kib >= 0;
    (in_early ? early : late).push_back(Mib(sample.rss_kib));
    (in_early ? early_wal : late_wal).push_back(Mib(sample.wal_kib));
    line.emplace_back(sample.seconds, Mib(sample.rss_kib));
  }
  verdict.enough = !early.empty() && !late.empty();
  if (!verdict.enough) return verdict;
  verdict.early_median_mib = Median(early);
  verdict.late_median_mib = Median(late);
  verdict.early_peak_mib = *std::max_element(early.begin(), early.end());
  verdict.late_peak_mib = *std::max_element(late.begin(), late.end());
  verdict.growth_percent =
      100 * std::max((verdict.late_median_mib - verdict.early_median_mib) / verdict.early_median_mib,
                     (verdict.late_peak_mib - verdict.early_peak_mib) / verdict.early_peak_mib);
  double mean_t = 0, mean_m = 0;
  for (const auto& [t, m] : line) {
    mean_t += t / static_cast<double>(line.size());
    mean_m += m / static_cast<double>(line.size());
  }
  double covariance = 0, variance = 0;
  for (const auto& [t, m] : line) {
    covariance += (t - mean_t) * (m - mean_m);
    variance += (t - mean_t) * (t - mean_t);
  }
  verdict.slope_mib_per_10_min = variance > 0 ? 600 * covariance / variance : 0;
  verdict.has_wal = has_wal;
  if (has_wal) {
    verdict.early_wal_mib = Median(early_wal);
    verdict.late_wal_mib = Median(late_wal);
  }
  return verdict;
}

void PrintRss(const std::vector<RssSample>& samples, const RssVerdict& verdict) {
  std::printf("server RSS, CPU and live WAL over the run (s, MiB, CPU s, WAL MiB):");
  for (size_t i = 0; i < samples.size(); ++i) {
    std::printf("%s%.1f %.1f %.1f %.1f", i % 5 == 0 ? "\n  " : "; ", samples[i].seconds,
                Mib(samples[i].rss_kib), samples[i].cpu_seconds, Mib(samples[i].wal_kib));
  }
  std::printf("\n");
  if (!samples.empty()) {
    auto [low, high] = std::minmax_element(
        samples.begin(), samples.end(),
        [](const RssSample& a, const RssSample& b) { return a.rss_kib < b.rss_kib; });
    std::printf("RSS min %.1f MiB, max %.1f MiB\n", Mib(low->rss_kib), Mib(high->rss_kib));
  }
  if (!verdict.enough) {
    std::printf(
        "RSS growth: too few samples for a verdict (each half of the run after the warm-up "
        "needs one: --rss-every at most half of --seconds minus --warmup-seconds)\n");
    std::fflush(stdout);
    return;
  }
  const double middle = (verdict.window_start + verdict.window_end) / 2;
  std::printf(
      "RSS growth after the %.0f s warm-up: %.0f-%.0f s median %.1f MiB, peak %.1f MiB; "
      "%.0f-%.0f s median %.1f MiB, peak %.1f MiB: %+.1f%% (the larger change); linear fit "
      "%+.1f MiB per 10 minutes\n",
      verdict.window_start, verdict.window_start, middle, verdict.early_median_mib,
      verdict.early_peak_mib, middle, verdict.window_end, verdict.late_median_mib,
      verdict.late_peak_mib, verdict.growth_percent, verdict.slope_mib_per_10_min);
  if (verdict.has_wal) {
    std::printf(
        "  meanwhile the live WAL (data not yet flushed from memtables) had a median of %.1f and "
        "%.1f MiB\n",
        verdict.early_wal_mib, verdict.late_wal_mib);
  }
  std::fflush(stdout);
}

}  // namespace kumppani::bench
