// What every fuzz target in tests/fuzz shares: the libFuzzer entry points
// (the fuzz build links them with libFuzzer; the normal build with
// replay_main.cc, which runs the kept corpus and regression inputs) and
// FuzzCheck, which turns a broken invariant into a crash that libFuzzer
// records as a finding.
#ifndef KUMPPANI_TESTS_FUZZ_FUZZ_TARGET_H_
#define KUMPPANI_TESTS_FUZZ_FUZZ_TARGET_H_

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "absl/status/status.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);
extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv);

namespace kumppani::fuzz {

// Prints `what` (and `detail`) and aborts when `condition` is false.
void FuzzCheck(bool condition, std::string_view what, std::string_view detail = "");

// Aborts unless `status` is OK or has one of the codes a rejected input may
// get; an error must also carry a message.
void CheckRejection(const absl::Status& status, std::initializer_list<absl::StatusCode> allowed,
                    std::string_view what);

}  // namespace kumppani::fuzz

#endif  // KUMPPANI_TESTS_FUZZ_FUZZ_TARGET_H_
