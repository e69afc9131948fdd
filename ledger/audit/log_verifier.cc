// Full-log verification: leaves and root recomputed from the events.
#include "ledger/audit/log_verifier.h"

#include <charconv>
#include <string_view>
#include <vector>

#include "absl/strings/str_cat.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"
#include "ledger/audit/compact_range.h"
#include "ledger/audit/proof_verify.h"

namespace kumppani::audit {
namespace {

constexpr size_t kPage = 1000;

std::string Deterministic(const store::EventEnvelope& event) {
  std::string out;
  google::protobuf::io::StringOutputStream stream(&out);
  google::protobuf::io::CodedOutputStream coded(&stream);
  coded.SetSerializationDeterministic(true);
  event.SerializeToCodedStream(&coded);
  coded.Trim();
  return out;
}

}  // namespace

absl::StatusOr<LogVerification> VerifyLog(const store::EventStore& store,
                                          const VerifyProgress& progress) {
  return VerifyLog(store, progress, VerifyOptions{});
}

std::optional<uint64_t> FirstBadPosition(const absl::Status& status) {
  constexpr std::string_view kPrefix = "position ";
  if (status.code() != absl::StatusCode::kDataLoss) return std::nullopt;
  std::string_view message(status.message().data(), status.message().size());
  if (!message.starts_with(kPrefix)) return std::nullopt;
  message.remove_prefix(kPrefix.size());
  uint64_t position = 0;
  auto [end, error] = std::from_chars(message.data(), message.data() + message.size(), position);
  const char* message_end = message.data() + message.size();
  if (error != std::errc() || end == message.data() || end == message_end || *end != ':') {
    return std::nullopt;
  }
  return position;
}

absl::StatusOr<LogVerification> VerifyLog(const store::EventStore& store,
                                          const VerifyProgress& progress,
                                          const VerifyOptions& options) {
  const uint64_t size = store.HeadPosition().value();
  const uint64_t every = options.progress_every;
  CompactRange range;
  uint64_t next = 1;
  while (next <= size) {
    if (options.cancelled && options.cancelled()) {
      return absl::CancelledError(absl::StrCat("verification cancelled after ", next - 1, " of ",
                                               size, " events"));
    }
    auto page = store.ReadAll(Position(next), std::min<uint64_t>(kPage, size - next + 1));
    if (!page.ok()) {
      return absl::DataLossError(absl::StrCat("position ", next, ": cannot be read: ",
                                              page.status().message()));
    }
    if (page->empty()) {
      return absl::DataLossError(absl::StrCat("position ", next, ": missing below the head ", size));
    }
    auto stored_leaves = store.LeafHashes(Position(next), page->size());
    if (!stored_leaves.ok()) {
      return absl::DataLossError(absl::StrCat("position ", next, ": stored leaves unreadable: ",
                                              stored_leaves.status().message()));
    }
    if (stored_leaves->size() != page->size()) {
      return absl::DataLossError(absl::StrCat("position ", next + stored_leaves->size(),
                                              ": no stored leaf"));
    }
    size_t index = 0;
    for (const store::EventEnvelope& event : *page) {
      if (event.position() != next) {
        return absl::DataLossError(absl::StrCat("position ", next, ": the log holds position ",
                                                event.position(), " there"));
      }
      Hash leaf = LeafHash(Deterministic(event));
      const Hash& stored = (*stored_leaves)[index++];
      if (stored != leaf) {
        return absl::DataLossError(absl::StrCat(
            "position ", next, ": the event's content hashes to leaf ", HashToHex(leaf),
            " but the tree holds ", HashToHex(stored), "; the event or the tree was altered"));
      }
      range.Append(leaf);
      if (progress && every != 0 && next % every == 0 && next != size) progress(next, size);
      ++next;
    }
  }
  LogVerification result;
  result.tree_size = size;
  result.root = range.Root();
  auto stored_root = store.RootHash(size);
  if (!stored_root.ok()) {
    return absl::DataLossError(absl::StrCat("tree size ", size, ": stored root unreadable: ",
                                            stored_root.status().message()));
  }
  if (*stored_root != result.root) {
    return absl::DataLossError(absl::StrCat(
        "tree size ", size, ": the events hash to root ", HashToHex(result.root),
        " but the stored tree's root is ", HashToHex(*stored_root), "; interior nodes were altered"));
  }
  if (progress) progress(size, size);
  return result;
}

}  // namespace kumppani::audit
