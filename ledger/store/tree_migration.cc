// Format 1 -> format 2 of the tree column family (see tree_migration.h).
#include "ledger/store/tree_migration.h"

#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "ledger/common/status_macros.h"
#include "ledger/store/keys.h"
#include "ledger/store/merkle_frontier.h"
#include "ledger/store/rocks_status.h"
#include "ledger/store/tree_segments.h"

namespace kumppani::store {
namespace {

constexpr size_t kFormat1KeyBytes = 9;  // level byte || BigEndian64(index)
constexpr size_t kLeavesPerSegment = 4096;

// Appends `leaves` to the frontier and writes their segment row.
absl::Status WriteSegment(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* tree,
                          MerkleFrontier& frontier, const std::vector<Hash>& leaves) {
  const uint64_t begin = frontier.Size();
  KUMPPANI_ASSIGN_OR_RETURN(std::vector<MerkleNode> nodes, frontier.Append(leaves));
  rocksdb::WriteBatch batch;
  batch.Put(tree, TreeSegmentKey(begin), EncodeTreeSegment(frontier.Size(), nodes));
  return FromRocks(db->Write(rocksdb::WriteOptions(), &batch), "writing a migrated tree segment");
}

absl::Status DeleteFormat1Rows(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* tree) {
  std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(rocksdb::ReadOptions(), tree));
  rocksdb::WriteBatch batch;
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    if (it->key().size() != kFormat1KeyBytes) continue;
    batch.Delete(tree, it->key());
    if (batch.Count() >= 10'000) {
      KUMPPANI_RETURN_IF_ERROR(FromRocks(db->Write(rocksdb::WriteOptions(), &batch),
                                         "deleting format-1 tree rows"));
      batch.Clear();
    }
  }
  KUMPPANI_RETURN_IF_ERROR(FromRocks(it->status(), "reading format-1 tree rows"));
  return FromRocks(db->Write(rocksdb::WriteOptions(), &batch), "deleting format-1 tree rows");
}

}  // namespace

absl::Status MigrateTreeFromFormat1(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* tree,
                                    uint64_t leaf_count,
                                    const std::function<absl::Status()>& commit) {
  // Format-1 leaf rows are the 9-byte keys starting with level 0; segment rows
  // of an interrupted earlier run (8-byte keys) sort among them and are skipped.
  const std::string upper_key(1, '\x01');
  rocksdb::Slice upper(upper_key);
  rocksdb::ReadOptions read_options;
  read_options.iterate_upper_bound = &upper;
  std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(read_options, tree));
  MerkleFrontier frontier;
  std::vector<Hash> leaves;
  uint64_t next = 0;
  for (it->SeekToFirst(); it->Valid() && next < leaf_count; it->Next()) {
    if (it->key().size() != kFormat1KeyBytes) continue;
    std::optional<uint64_t> index = DecodeBigEndian64(it->key().ToStringView().substr(1));
    absl::StatusOr<Hash> hash = HashFromBytes(it->value().ToStringView(), "tree leaf");
    if (!index || *index != next || !hash.ok()) break;
    leaves.push_back(*hash);
    ++next;
    if (leaves.size() == kLeavesPerSegment) {
      KUMPPANI_RETURN_IF_ERROR(WriteSegment(db, tree, frontier, leaves));
      leaves.clear();
    }
  }
  KUMPPANI_RETURN_IF_ERROR(FromRocks(it->status(), "reading format-1 tree leaves"));
  if (next != leaf_count) {
    return absl::DataLossError(absl::StrCat("tree: migrating from format 1, the leaf of position ",
                                            next + 1, " is missing or malformed (the log holds ",
                                            leaf_count, " events)"));
  }
  if (!leaves.empty()) KUMPPANI_RETURN_IF_ERROR(WriteSegment(db, tree, frontier, leaves));
  it.reset();
  KUMPPANI_RETURN_IF_ERROR(commit());
  return DeleteFormat1Rows(db, tree);
}

}  // namespace kumppani::store
