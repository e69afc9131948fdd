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

RssVerdict JudgeRss(const std::vector<RssSample>& samples, double seconds) {
  std::vector<double> early, late, early_wal, late_wal, early_rest, late_rest;
  bool has_wal = true;
  for (const RssSample& sample : samples) {
    if (sample.rss_kib < 0) continue;
    const bool in_early = sample.seconds >= 0.1 * seconds && sample.seconds < 0.2 * seconds;
    const bool in_late = sample.seconds >= 0.9 * seconds && sample.seconds <= seconds;
    if (!in_early && !in_late) continue;
    has_wal = has_wal && sample.wal_kib >= 0;
    (in_early ? early : late).push_back(Mib(sample.rss_kib));
    (in_early ? early_wal : late_wal).push_back(Mib(sample.wal_kib));
    (in_early ? early_rest : late_rest).push_back(Mib(sample.rss_kib - sample.wal_kib));
  }
  RssVerdict verdict;
  verdict.enough = !early.empty() && !late.empty();
  if (!verdict.enough) return verdict;
  verdict.early_mib = Median(early);
  verdict.late_mib = Median(late);
  verdict.growth_percent = 100 * (verdict.late_mib - verdict.early_mib) / verdict.early_mib;
  verdict.has_wal = has_wal;
  if (has_wal) {
    verdict.early_wal_mib = Median(early_wal);
    verdict.late_wal_mib = Median(late_wal);
    verdict.early_rest_mib = Median(early_rest);
    verdict.late_rest_mib = Median(late_rest);
    verdict.rest_growth_percent =
        100 * (verdict.late_rest_mib - verdict.early_rest_mib) / verdict.early_rest_mib;
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
        "RSS growth: too few samples for a verdict (both the second and the last tenth of the "
        "run need one: --rss-every at most a tenth of --seconds)\n");
    std::fflush(stdout);
    return;
  }
  std::printf(
      "RSS growth: median %.1f MiB in the second tenth of the run, %.1f MiB in the last "
      "tenth: %+.1f%% (the first tenth is warm-up)\n",
      verdict.early_mib, verdict.late_mib, verdict.growth_percent);
  if (verdict.has_wal) {
    std::printf(
        "  meanwhile the live WAL (data not yet flushed from memtables) went from %.1f to "
        "%.1f MiB; RSS minus live WAL: %.1f -> %.1f MiB, %+.1f%%\n",
        verdict.early_wal_mib, verdict.late_wal_mib, verdict.early_rest_mib, verdict.late_rest_mib,
        verdict.rest_growth_percent);
  }
  std::fflush(stdout);
}

}  // namespace kumppani::bench
