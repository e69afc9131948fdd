// The raw-scan ceiling: iterate a store's `events` family with RocksDB
// directly (read-only), touching every value, no parsing.
#ifndef KUMPPANI_BENCH_RAW_SCAN_H_
#define KUMPPANI_BENCH_RAW_SCAN_H_

#include <cstdint>
#include <string>

namespace kumppani::bench {

// Events per second; `events` gets the number scanned. The store must be
// closed (or at least not compacting) while this runs.
double RawScan(const std::string& dir, uint64_t* events);

}  // namespace kumppani::bench

#endif  // KUMPPANI_BENCH_RAW_SCAN_H_
