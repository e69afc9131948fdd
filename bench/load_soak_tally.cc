// load_soak's tallies and their report table.
#include "bench/load_soak_tally.h"

#include <algorithm>
#include <atomic>
#include <cstdio>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace kumppani::bench {
namespace {

// Errors printed as they happen, for the whole process.
constexpr uint64_t kPrintedErrors = 20;
std::atomic<uint64_t> errors_so_far{0};

// The value at quantile `q` of sorted `values` (nearest rank below).
double At(const std::vector<double>& sorted, double q) {
  if (sorted.empty()) return 0;
  return sorted[static_cast<size_t>(q * static_cast<double>(sorted.size() - 1))];
}

std::string ErrorList(const std::map<std::string, uint64_t>& errors) {
  if (errors.empty()) return "0";
  return absl::StrJoin(errors, ", ", [](std::string* out, const auto& entry) {
    absl::StrAppend(out, entry.first, " ", entry.second);
  });
}

}  // namespace

void Tally::Ok(const std::string& op, double micros) {
  OpTally& tally = ops_[op];
  ++tally.calls;
  tally.micros.push_back(micros);
}

void Tally::Conflict(const std::string& op, double micros) {
  OpTally& tally = ops_[op];
  ++tally.calls;
  ++tally.intended_conflicts;
  tally.micros.push_back(micros);
}

void Tally::Error(const std::string& op, const std::string& code, const std::string& message) {
  OpTally& tally = ops_[op];
  ++tally.calls;
  ++tally.errors[code];
  const uint64_t printed = errors_so_far.fetch_add(1);
  if (printed < kPrintedErrors) {
    std::fprintf(stderr, "load_soak: error: %s: %s: %s\n", op.c_str(), code.c_str(),
                 message.c_str());
  } else if (printed == kPrintedErrors) {
    std::fprintf(stderr, "load_soak: further errors are only counted\n");
  }
}

uint64_t ErrorsSoFar() { return errors_so_far.load(); }

void Tally::Merge(const Tally& other) {
  for (const auto& [op, theirs] : other.ops_) {
    OpTally& mine = ops_[op];
    mine.calls += theirs.calls;
    mine.intended_conflicts += theirs.intended_conflicts;
    mine.micros.insert(mine.micros.end(), theirs.micros.begin(), theirs.micros.end());
    for (const auto& [code, count] : theirs.errors) mine.errors[code] += count;
  }
}

uint64_t Tally::Errors() const {
  uint64_t errors = 0;
  for (const auto& [op, tally] : ops_) {
    for (const auto& [code, count] : tally.errors) errors += count;
  }
  return errors;
}

uint64_t Tally::Conflicts() const {
  uint64_t conflicts = 0;
  for (const auto& [op, tally] : ops_) conflicts += tally.intended_conflicts;
  return conflicts;
}

uint64_t Tally::Calls() const {
  uint64_t calls = 0;
  for (const auto& [op, tally] : ops_) calls += tally.calls;
  return calls;
}

std::string CodeName(grpc::StatusCode code) {
  switch (code) {
    case grpc::StatusCode::OK:
      return "OK";
    case grpc::StatusCode::CANCELLED:
      return "CANCELLED";
    case grpc::StatusCode::UNKNOWN:
      return "UNKNOWN";
    case grpc::StatusCode::INVALID_ARGUMENT:
      return "INVALID_ARGUMENT";
    case grpc::StatusCode::DEADLINE_EXCEEDED:
      return "DEADLINE_EXCEEDED";
    case grpc::StatusCode::NOT_FOUND:
      return "NOT_FOUND";
    case grpc::StatusCode::ALREADY_EXISTS:
      return "ALREADY_EXISTS";
    case grpc::StatusCode::PERMISSION_DENIED:
      return "PERMISSION_DENIED";
    case grpc::StatusCode::RESOURCE_EXHAUSTED:
      return "RESOURCE_EXHAUSTED";
    case grpc::StatusCode::FAILED_PRECONDITION:
      return "FAILED_PRECONDITION";
    case grpc::StatusCode::ABORTED:
      return "ABORTED";
    case grpc::StatusCode::OUT_OF_RANGE:
      return "OUT_OF_RANGE";
    case grpc::StatusCode::UNIMPLEMENTED:
      return "UNIMPLEMENTED";
    case grpc::StatusCode::INTERNAL:
      return "INTERNAL";
    case grpc::StatusCode::UNAVAILABLE:
      return "UNAVAILABLE";
    case grpc::StatusCode::DATA_LOSS:
      return "DATA_LOSS";
    case grpc::StatusCode::UNAUTHENTICATED:
      return "UNAUTHENTICATED";
    default:
      return absl::StrCat("CODE_", static_cast<int>(code));
  }
}

void PrintTally(const Tally& tally, double seconds) {
  std::printf(
      "| operation | calls | calls/s | p50 µs | p99 µs | p99.9 µs | max µs | errors | "
      "intended conflicts |\n|---|---:|---:|---:|---:|---:|---:|---|---:|\n");
  for (const auto& [op, figures] : tally.ops()) {
    std::vector<double> sorted = figures.micros;
    std::sort(sorted.begin(), sorted.end());
    std::printf("| %s | %llu | %.1f | %.0f | %.0f | %.0f | %.0f | %s | %llu |\n", op.c_str(),
                static_cast<unsigned long long>(figures.calls),
                static_cast<double>(figures.calls) / seconds, At(sorted, 0.5), At(sorted, 0.99),
                At(sorted, 0.999), sorted.empty() ? 0.0 : sorted.back(),
                ErrorList(figures.errors).c_str(),
                static_cast<unsigned long long>(figures.intended_conflicts));
  }
  std::printf("| **all** | %llu | %.1f | | | | | %llu | %llu |\n",
              static_cast<unsigned long long>(tally.Calls()),
              static_cast<double>(tally.Calls()) / seconds,
              static_cast<unsigned long long>(tally.Errors()),
              static_cast<unsigned long long>(tally.Conflicts()));
  std::fflush(stdout);
}

}  // namespace kumppani::bench
