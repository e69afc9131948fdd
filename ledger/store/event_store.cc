// EventStore's non-virtual parts: ExpectedVersion and the blocking Append.
#include "ledger/store/event_store.h"

#include <future>

#include "absl/strings/str_cat.h"

namespace kumppani::store {

bool ExpectedVersion::IsSatisfiedBy(StreamVersion actual) const {
  switch (kind_) {
    case Kind::kAny:
      return true;
    case Kind::kNoStream:
      return actual.IsNoStream();
    case Kind::kStreamExists:
      return !actual.IsNoStream();
    case Kind::kExact:
      return actual.value() == version_;
  }
  return false;
}

std::string ExpectedVersion::ToString() const {
  switch (kind_) {
    case Kind::kAny:
      return "any";
    case Kind::kNoStream:
      return "no stream";
    case Kind::kStreamExists:
      return "stream exists";
    case Kind::kExact:
      return version_ == 0 ? "no stream" : absl::StrCat("version ", version_);
  }
  return "unknown";
}

absl::StatusOr<AppendResult> EventStore::Append(AppendRequest request) {
  std::promise<absl::StatusOr<AppendResult>> promise;
  std::future<absl::StatusOr<AppendResult>> future = promise.get_future();
  AppendAsync(std::move(request), [&promise](absl::StatusOr<AppendResult> result) {
    promise.set_value(std::move(result));
  });
  return future.get();
}

}  // namespace kumppani::store
