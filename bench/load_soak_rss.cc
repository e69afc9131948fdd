// The RSS sampler and its verdict.
#include "bench/load_soak_rss.h"

#include <algorithm>
#include <cstdio>
#include <utility>

#include "bench/bench_util.h"
#include "bench/load_soak_server.h"

namespace kumppani::bench {

RssSampler::RssSampler(pid_t pid, double every, std::function<std::string()> progress)
    : pid_(pid),
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
  samples_.push_back(sample);
  std::printf("[%7.1f s] server RSS %7.1f MiB, CPU %7.1f s; %s\n", sample.seconds,
              static_cast<double>(sample.rss_kib) / 1024, sample.cpu_seconds, progress_().c_str());
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
  std::vector<double> early, late;
  for (const RssSample& sample : samples) {
    if (sample.rss_kib < 0) continue;
    const double mib = static_cast<double>(sample.rss_kib) / 1024;
    if (sample.seconds >= 0.1 * seconds && sample.seconds < 0.2 * seconds) early.push_back(mib);
    if (sample.seconds >= 0.9 * seconds && sample.seconds <= seconds) late.push_back(mib);
  }
  RssVerdict verdict;
  verdict.enough = !early.empty() && !late.empty();
  if (!verdict.enough) return verdict;
  verdict.early_mib = Median(early);
  verdict.late_mib = Median(late);
  verdict.growth_percent = 100 * (verdict.late_mib - verdict.early_mib) / verdict.early_mib;
  return verdict;
}

void PrintRss(const std::vector<RssSample>& samples, const RssVerdict& verdict) {
  std::printf("server RSS and CPU over the run (s, MiB, CPU s):");
  for (size_t i = 0; i < samples.size(); ++i) {
    std::printf("%s%.1f %.1f %.1f", i % 6 == 0 ? "\n  " : "; ", samples[i].seconds,
                static_cast<double>(samples[i].rss_kib) / 1024, samples[i].cpu_seconds);
  }
  std::printf("\n");
  if (!samples.empty()) {
    auto [low, high] = std::minmax_element(
        samples.begin(), samples.end(),
        [](const RssSample& a, const RssSample& b) { return a.rss_kib < b.rss_kib; });
    std::printf("RSS min %.1f MiB, max %.1f MiB\n", static_cast<double>(low->rss_kib) / 1024,
                static_cast<double>(high->rss_kib) / 1024);
  }
  if (!verdict.enough) {
    std::printf(
        "RSS growth: too few samples for a verdict (both the second and the last tenth of the "
        "run need one: --rss-every at most a tenth of --seconds)\n");
  } else {
    std::printf(
        "RSS growth: median %.1f MiB in the second tenth of the run, %.1f MiB in the last "
        "tenth: %+.1f%% (the first tenth is warm-up: memtables, block cache, gRPC and "
        "allocator pools)\n",
        verdict.early_mib, verdict.late_mib, verdict.growth_percent);
  }
  std::fflush(stdout);
}

}  // namespace kumppani::bench
