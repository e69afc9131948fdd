// Unique temporary directories for tests.
#include "tests/testing/temp_dir.h"

#include <stdlib.h>

#include <cstdlib>
#include <filesystem>
#include <stdexcept>

namespace kumppani::testing {

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "kumppani-test-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

TempDir::~TempDir() {
  const char* keep = std::getenv("KUMPPANI_KEEP_TEMP");
  if (keep != nullptr && std::string(keep) == "1") return;
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

}  // namespace kumppani::testing
