// Checking kumppanid's data directory before RocksDB sees it, so that a bad
// one fails with a message about the directory, not a RocksDB error.
#ifndef KUMPPANI_TOOLS_KUMPPANID_DATA_DIR_H_
#define KUMPPANI_TOOLS_KUMPPANID_DATA_DIR_H_

#include <string>

#include "absl/status/status.h"

namespace kumppani::kumppanid {

// Creates `path` (and missing parents) if it does not exist and checks that a
// file can be created in it. FAILED_PRECONDITION "data directory <path>:
// <reason>" otherwise (not a directory, cannot create, not writable, its
// database held open by another process).
absl::Status PrepareDataDirectory(const std::string& path);

}  // namespace kumppani::kumppanid

#endif  // KUMPPANI_TOOLS_KUMPPANID_DATA_DIR_H_
