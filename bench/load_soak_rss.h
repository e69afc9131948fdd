// The server's resident memory (VmRSS) and CPU time over load_soak's run:
// a sampler thread, and the growth verdict that compares the median RSS
// of the run's second tenth with that of its last tenth. The first tenth is
// left out as warm-up: gRPC and the allocator grow their pools to the load
// and RocksDB's block cache fills.
//
// RocksDB's memtables keep filling much longer: each of the store's nine
// column families holds up to 64 MiB (RocksDB's default write buffer, two
// while one flushes) before it is flushed, and on a fresh ledger a
// 10-minute run does not bring them to a steady state. So each sample also
// takes the size of the data directory's write-ahead log files: what the
// WAL still holds is what some memtable has not flushed yet, and the
// verdict also compares "RSS minus live WAL" (a rough measure of the memory
// that is not memtable data) between the same windows.
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
  bool enough = false;        // both windows hold a sample
  double early_mib = 0;       // median RSS in [0.1, 0.2) of the run
  double late_mib = 0;        // median RSS in [0.9, 1.0] of the run
  double growth_percent = 0;  // late over early
  // The same for RSS minus the live WAL, when the WAL was sampled.
  bool has_wal = false;
  double early_wal_mib = 0;
  double late_wal_mib = 0;
  double early_rest_mib = 0;
  double late_rest_mib = 0;
  double rest_growth_percent = 0;
};

// The verdict over the samples of a run of `seconds`.
RssVerdict JudgeRss(const std::vector<RssSample>& samples, double seconds);

// The series (per sample: time, RSS, CPU, WAL) and the verdict.
void PrintRss(const std::vector<RssSample>& samples, const RssVerdict& verdict);

}  // namespace kumppani::bench

#endif  // KUMPPANI_BENCH_LOAD_SOAK_RSS_H_
