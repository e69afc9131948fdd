// Captures spdlog's default logger for a test: while a LogCapture lives,
// every line at `level` or above goes to a ring buffer ("<level> <message>")
// instead of the previous default logger, which is restored afterwards.
#ifndef KUMPPANI_TESTS_TESTING_LOG_CAPTURE_H_
#define KUMPPANI_TESTS_TESTING_LOG_CAPTURE_H_

#include <memory>
#include <string>
#include <vector>

#include "spdlog/sinks/ringbuffer_sink.h"
#include "spdlog/spdlog.h"

namespace kumppani::testing {

class LogCapture {
 public:
  explicit LogCapture(spdlog::level::level_enum level = spdlog::level::debug)
      : previous_(spdlog::default_logger()),
        sink_(std::make_shared<spdlog::sinks::ringbuffer_sink_mt>(100000)) {
    auto logger = std::make_shared<spdlog::logger>("log_capture", sink_);
    logger->set_level(level);
    logger->set_pattern("%l %v");
    spdlog::set_default_logger(std::move(logger));
  }
  ~LogCapture() { spdlog::set_default_logger(previous_); }
  LogCapture(const LogCapture&) = delete;
  LogCapture& operator=(const LogCapture&) = delete;

  // The lines captured so far, oldest first.
  std::vector<std::string> Lines() const { return sink_->last_formatted(); }

 private:
  std::shared_ptr<spdlog::logger> previous_;
  std::shared_ptr<spdlog::sinks::ringbuffer_sink_mt> sink_;
};

}  // namespace kumppani::testing

#endif  // KUMPPANI_TESTS_TESTING_LOG_CAPTURE_H_
