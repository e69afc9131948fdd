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

// Approximate bytes of live data in one column family of a closed store
// (SST estimate plus memtables after WAL replay).
uint64_t FamilyBytes(const std::string& dir, const std::string& family);

}  // namespace kumppani::bench

#endif  // KUMPPANI_BENCH_RAW_SCAN_H_
