// The server's resident memory (VmRSS) and CPU time over load_soak's run:
// a sampler thread, and the growth verdict.
//
// The first --warmup-seconds are left out: gRPC and the allocator grow
// their pools to the load, the block cache fills, and the memtables fill up
// to the store's budget. After that, the server's RSS is a sawtooth: it
// rises as the memtables fill and drops when RocksDB flushes the largest,
// once a minute or so at the soak's load. So the verdict splits the rest
// of the run into an earlier and a later half, each several teeth long, and
// compares both the median and the peak RSS of the halves; the growth is
// the larger of the two. It also fits a line through the samples after
// warm-up and states its slope. Each sample also takes the size of the
// data directory's write-ahead log files (what some memtable has not
// flushed yet), to show how much of the sawtooth is memtable data.
//
// Thread safety: RssSampler's methods are for one controlling thread.
#ifndef KUMPPANI_BENCH_LOAD_SOAK_RSS_H_
#define KUMPPANI_BENCH_LOAD_SOAK_RSS_H_

#include <sys/types.h>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace kumppani::bench {

struct RssSample {
  double seconds = 0;       // since the sampler started
  long rss_kib = -1;        // VmRSS
  double cpu_seconds = -1;  // user + system since the server started
  long wal_kib = -1;        // RocksDB *.log files in the data directory
};

class RssSampler {
 public:
  // Samples `pid` (and the WAL in `data_dir`, unless empty) at once and
  // every `every` seconds, printing a progress line per sample that ends
  // with `progress()`.
  RssSampler(pid_t pid, std::string data_dir, double every, std::function<std::string()> progress);
  ~RssSampler();
  RssSampler(const RssSampler&) = delete;
  RssSampler& operator=(const RssSampler&) = delete;

  // Takes a last sample and stops. The samples are complete afterwards.
  void Stop();
  const std::vector<RssSample>& samples() const { return samples_; }

 private:
  void Sample();
  void Run();

  const pid_t pid_;
  const std::string data_dir_;
  const double every_;
  const std::function<std::string()> progress_;
  const std::chrono::steady_clock::time_point start_;
  std::vector<RssSample> samples_;  // the thread's until it is joined
  std::mutex mu_;
  std::condition_variable wake_;
  bool stopping_ = false;  // guarded by mu_
  std::thread thread_;     // last
};

struct RssVerdict {
  bool enough = false;     // both halves hold samples
  double window_start = 0;  // seconds: the end of warm-up
  double window_end = 0;    // seconds: the end of the run
  double early_median_mib = 0;  // median RSS of the earlier half
  double late_median_mib = 0;   // median RSS of the later half
  double early_peak_mib = 0;    // highest RSS of the earlier half
  double late_peak_mib = 0;     // highest RSS of the later half
  // The larger of the medians' and the peaks' growth, later over earlier.
  double growth_percent = 0;
  // Least-squares slope of RSS over the window, in MiB per 10 minutes.
  double slope_mib_per_10_min = 0;
  // Medians of the live WAL in the halves, when the WAL was sampled.
  bool has_wal = false;
  double early_wal_mib = 0;
  double late_wal_mib = 0;
};

// The verdict over the samples of a run of `seconds` whose first
// `warmup_seconds` are warm-up.
RssVerdict JudgeRss(const std::vector<RssSample>& samples, double seconds, double warmup_seconds);

// The series (per sample: time, RSS, CPU, WAL) and the verdict.
void PrintRss(const std::vector<RssSample>& samples, const RssVerdict& verdict);

}  // namespace kumppani::bench

#endif  // KUMPPANI_BENCH_LOAD_SOAK_RSS_H_
