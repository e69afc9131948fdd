// Time sources. The ledger reads time only through a Clock so that tests can
// fix it. Implementations must be safe to call from any thread.
#ifndef KUMPPANI_LEDGER_COMMON_CLOCK_H_
#define KUMPPANI_LEDGER_COMMON_CLOCK_H_

#include <atomic>
#include <cstdint>

namespace kumppani {

class Clock {
 public:
  virtual ~Clock() = default;
  // Microseconds since the Unix epoch.
  virtual int64_t NowMicros() const = 0;
};

// The system's real-time clock. May step backwards; the store never lets
// recorded_at decrease regardless.
class SystemClock final : public Clock {
 public:
  int64_t NowMicros() const override;
  // A process-wide instance; never destroyed.
  static SystemClock* Default();
};

// A clock that only moves when told to. For tests.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(int64_t micros) : micros_(micros) {}
  int64_t NowMicros() const override { return micros_.load(std::memory_order_relaxed); }
  void Set(int64_t micros) { micros_.store(micros, std::memory_order_relaxed); }
  void Advance(int64_t micros) { micros_.fetch_add(micros, std::memory_order_relaxed); }

 private:
  std::atomic<int64_t> micros_;
};

}  // namespace kumppani

#endif  // KUMPPANI_LEDGER_COMMON_CLOCK_H_
