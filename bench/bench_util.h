// Helpers shared by the benchmarks: timing, temp directories, flag parsing
// and a fixed-width report line.
#ifndef KUMPPANI_BENCH_BENCH_UTIL_H_
#define KUMPPANI_BENCH_BENCH_UTIL_H_

#include <chrono>
#include <string>
#include <vector>

namespace kumppani::bench {

class Stopwatch {
 public:
  Stopwatch() : start_(std::chrono::steady_clock::now()) {}
  double Seconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  }

 private:
  std::chrono::steady_clock::time_point start_;
};

// A fresh directory below $KUMPPANI_BENCH_DIR (default: the current
// directory), removed by RemoveTree.
std::string MakeBenchDir(const std::string& name);
void RemoveTree(const std::string& path);

// Value of "--name=value" in argv, or `fallback`.
long FlagValue(int argc, char** argv, const std::string& name, long fallback);

// The p-quantile (0..1, nearest rank below) of `values`; 0 when empty.
double Percentile(std::vector<double> values, double p);

// The middle value (the upper one of an even count); 0 when empty.
double Median(std::vector<double> values);

// Prints "label  value unit  (ratio of ceiling)" aligned.
void Report(const std::string& label, double value, const std::string& unit, double ceiling = 0);

}  // namespace kumppani::bench

#endif  // KUMPPANI_BENCH_BENCH_UTIL_H_
