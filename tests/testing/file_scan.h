// Searches every regular file below a directory for a byte string. Used by
// erasure tests to prove that a secret is gone from the data directory.
#ifndef KUMPPANI_TESTS_TESTING_FILE_SCAN_H_
#define KUMPPANI_TESTS_TESTING_FILE_SCAN_H_

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace kumppani::testing {

// Paths of the files below `dir` whose bytes contain `needle`.
inline std::vector<std::string> FilesContaining(const std::string& dir, const std::string& needle) {
  std::vector<std::string> hits;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (bytes.find(needle) != std::string::npos) hits.push_back(entry.path().string());
  }
  return hits;
}

}  // namespace kumppani::testing

#endif  // KUMPPANI_TESTS_TESTING_FILE_SCAN_H_
