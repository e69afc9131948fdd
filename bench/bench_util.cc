// Benchmark helpers.
#include "bench/bench_util.h"

#include <stdlib.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

namespace kumppani::bench {

std::string MakeBenchDir(const std::string& name) {
  const char* base = std::getenv("KUMPPANI_BENCH_DIR");
  std::string pattern =
      std::string(base != nullptr ? base : ".") + "/kumppani-bench-" + name + "-XXXXXX";
  if (mkdtemp(pattern.data()) == nullptr) {
    std::perror("mkdtemp");
    std::exit(1);
  }
  return pattern;
}

void RemoveTree(const std::string& path) {
  std::error_code ignored;
  std::filesystem::remove_all(path, ignored);
}

long FlagValue(int argc, char** argv, const std::string& name, long fallback) {
  std::string prefix = "--" + name + "=";
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg.rfind(prefix, 0) == 0) return std::atol(arg.c_str() + prefix.size());
  }
  return fallback;
}

void Report(const std::string& label, double value, const std::string& unit, double ceiling) {
  if (ceiling > 0) {
    std::printf("%-58s %12.0f %-9s %5.1f%% of ceiling\n", label.c_str(), value, unit.c_str(),
                100.0 * value / ceiling);
  } else {
    std::printf("%-58s %12.0f %s\n", label.c_str(), value, unit.c_str());
  }
  std::fflush(stdout);
}

double Percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  return values[static_cast<size_t>(p * static_cast<double>(values.size() - 1))];
}

double Median(std::vector<double> values) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

}  // namespace kumppani::bench
