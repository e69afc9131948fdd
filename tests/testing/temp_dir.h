// A unique temporary directory per test, removed with everything in it when
// the TempDir goes out of scope (set KUMPPANI_KEEP_TEMP=1 to keep it).
#ifndef KUMPPANI_TESTS_TESTING_TEMP_DIR_H_
#define KUMPPANI_TESTS_TESTING_TEMP_DIR_H_

#include <string>

namespace kumppani::testing {

class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  // path() + "/" + name.
  std::string Sub(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

}  // namespace kumppani::testing

#endif  // KUMPPANI_TESTS_TESTING_TEMP_DIR_H_
