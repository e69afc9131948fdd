// RunWorkload (see workload.h): executes a workload's commands through a
// CommandHandler, one at a time or with several threads wave by wave, and
// reports the first rejection with the offending command (personal data
// left out).
#include "tests/testing/workload.h"

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/text_format.h"

namespace kumppani::testing {

namespace {

absl::Status Rejected(const absl::Status& status, v1::Command command) {
  if (command.has_register_person()) command.mutable_register_person()->clear_personal_data();
  std::string text;
  google::protobuf::TextFormat::PrintToString(command, &text);
  return absl::Status(status.code(), absl::StrCat(status.message(), "\ncommand: ", text));
}

}  // namespace

absl::StatusOr<WorkloadRun> RunWorkload(domain::CommandHandler& handler, Workload& workload,
                                        int threads) {
  WorkloadRun run;
  if (threads <= 1) {
    while (std::optional<v1::Command> command = workload.Next()) {
      absl::StatusOr<domain::CommandResult> result = handler.Execute(*command, "workload");
      if (!result.ok()) return Rejected(result.status(), *std::move(command));
      ++run.commands;
      run.events += result->events.size();
    }
    return run;
  }
  // Workers take commands one at a time under `mu`; a command of a new wave
  // is taken only when nothing of the current wave is still running.
  std::mutex mu;
  std::condition_variable changed;
  std::optional<v1::Command> pending;
  uint64_t pending_wave = 0;
  uint64_t current_wave = 0;
  bool exhausted = false;
  int running = 0;
  absl::Status failure;
  auto worker = [&] {
    std::unique_lock<std::mutex> lock(mu);
    while (failure.ok()) {
      if (!pending.has_value() && !exhausted) {
        pending = workload.Next(&pending_wave);
        exhausted = !pending.has_value();
      }
      if (!pending.has_value()) return;
      if (pending_wave != current_wave) {
        if (running > 0) {
          changed.wait(lock);
          continue;
        }
        current_wave = pending_wave;
      }
      v1::Command command = *std::move(pending);
      pending.reset();
      ++running;
      lock.unlock();
      absl::StatusOr<domain::CommandResult> result = handler.Execute(command, "workload");
      lock.lock();
      --running;
      if (result.ok()) {
        ++run.commands;
        run.events += result->events.size();
      } else if (failure.ok()) {
        failure = Rejected(result.status(), std::move(command));
      }
      changed.notify_all();
    }
  };
  std::vector<std::thread> workers;
  for (int i = 0; i < threads; ++i) workers.emplace_back(worker);
  for (std::thread& t : workers) t.join();
  if (!failure.ok()) return failure;
  return run;
}

}  // namespace kumppani::testing
