// AdminService through an in-process channel over the whole ledger (demo
// scenario): backups that open as the same ledger, verification with
// progress and with a tampered event, projection rebuilds (all, one, unknown,
// cancelled, at shutdown), projection status, erasing a person, and every
// role's access.
#include "api/admin_service.h"

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "gmock/gmock.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "kumppani/v1/admin_service.grpc.pb.h"
#include "ledger/audit/checkpointer.h"
#include "ledger/domain/person_reader.h"
#include "ledger/projections/registry/person_queries.h"
#include "ledger/store/keys.h"
#include "rocksdb/db.h"
#include "tests/api/service_fixture.h"
#include "tests/testing/events.h"

namespace kumppani::api {
namespace {

using ::kumppani::api::testing::Context;
using ::kumppani::api::testing::kAdmin;
using ::kumppani::api::testing::kAuditor;
using ::kumppani::api::testing::kNgo;
using ::kumppani::api::testing::kPublic;
using ::kumppani::api::testing::kRecorder;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::StartsWith;

constexpr char kPerson[] = "person-u19-0001";

std::string Bytes(const Hash& hash) { return std::string(HashBytes(hash)); }

// Every message of a server stream, and how it ended.
template <typename Response>
struct Streamed {
  std::vector<Response> messages;
  grpc::Status status;
};

template <typename Response>
Streamed<Response> ReadToEnd(grpc::ClientReader<Response>& reader) {
  Streamed<Response> out;
  Response message;
  while (reader.Read(&message)) out.messages.push_back(message);
  out.status = reader.Finish();
  return out;
}

// Opens the data directory with RocksDB directly and lets `edit` change the
// value of `key` in column family `family` (as tests/audit does).
void EditRaw(const std::string& path, const std::string& family, const std::string& key,
             const std::function<void(std::string&)>& edit) {
  std::vector<std::string> names;
  ASSERT_TRUE(rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), path, &names).ok());
  std::vector<rocksdb::ColumnFamilyDescriptor> families;
  for (const auto& name : names) families.emplace_back(name, rocksdb::ColumnFamilyOptions());
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* db = nullptr;
  ASSERT_TRUE(rocksdb::DB::Open(rocksdb::DBOptions(), path, families, &handles, &db).ok());
  rocksdb::ColumnFamilyHandle* target = nullptr;
  for (size_t i = 0; i < names.size(); ++i) {
    if (names[i] == family) target = handles[i];
  }
  ASSERT_NE(target, nullptr);
  std::string value;
  ASSERT_TRUE(db->Get(rocksdb::ReadOptions(), target, key, &value).ok());
  edit(value);
  rocksdb::WriteOptions sync;
  sync.sync = true;
  ASSERT_TRUE(db->Put(sync, target, key, value).ok());
  for (auto* handle : handles) db->DestroyColumnFamilyHandle(handle);
  delete db;
}

class AdminServiceTest : public testing::ServiceTest {
 protected:
  AdminServiceTest() {
    LoadDemo();
    head_ = store().HeadPosition().value();
    StartAdmin();
  }
  ~AdminServiceTest() override { StopAdmin(); }

  void StartAdmin(AdminServiceOptions options = {}) {
    service_ = std::make_unique<AdminService>(store(), engine(), clock_, authenticator_, options);
    StartServer({service_.get()});
    stub_ = v1::AdminService::NewStub(channel());
  }
  void StopAdmin() {
    StopServer();
    stub_.reset();
    service_.reset();
  }

  Streamed<v1::VerifyLogResponse> Verify(const std::string& token) {
    auto context = Context(token);
    auto reader = stub_->VerifyLog(context.get(), v1::VerifyLogRequest());
    return ReadToEnd(*reader);
  }
  Streamed<v1::RebuildProjectionsResponse> Rebuild(const std::string& token,
                                                   const v1::RebuildProjectionsRequest& request) {
    auto context = Context(token);
    auto reader = stub_->RebuildProjections(context.get(), request);
    return ReadToEnd(*reader);
  }
  grpc::Status Backup(const std::string& token, const std::string& directory,
                      v1::Backup* response) {
    v1::CreateBackupRequest request;
    request.set_directory(directory);
    return stub_->CreateBackup(Context(token).get(), request, response);
  }
  grpc::Status Erase(const std::string& token, const std::string& request_id,
                     const std::string& person_id, v1::CommandResponse* response) {
    v1::ErasePersonRequest request;
    request.set_request_id(request_id);
    request.mutable_command()->set_person_id(person_id);
    request.mutable_command()->set_legal_basis("erasure request 2024-17");
    return stub_->ErasePerson(Context(token).get(), request, response);
  }

  // Appends `count` raw events (1,000 per append) so that long calls take
  // long enough to be stopped half-way.
  void AppendRawEvents(int count) {
    for (int done = 0; done < count; done += 1000) {
      std::vector<store::EventEnvelope> events;
      for (int i = 0; i < 1000; ++i) events.push_back(kumppani::testing::MakeEvent("Bulk", "x"));
      auto appended = store().Append(kumppani::testing::MakeAppend(
          "bulk-" + std::to_string(done), store::ExpectedVersion::Any(), std::move(events)));
      ASSERT_TRUE(appended.ok()) << appended.status();
    }
    head_ = store().HeadPosition().value();
  }

  std::vector<std::string> ProjectionNames() {
    std::vector<std::string> names;
    for (const auto& status : engine().Status()) names.push_back(status.name);
    return names;
  }
  std::vector<uint32_t> Tables() {
    std::vector<uint32_t> tables;
    for (const auto& status : engine().Status()) tables.push_back(status.table);
    return tables;
  }

  uint64_t head_ = 0;
  std::unique_ptr<AdminService> service_;
  std::unique_ptr<v1::AdminService::Stub> stub_;
};

// ------------------------------------------------------------------ backups

TEST_F(AdminServiceTest, BackupOpensAsTheSameLedger) {
  const std::string directory = dir_.Sub("backup-1");
  v1::Backup backup;
  grpc::Status status = Backup(kAdmin, directory, &backup);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(backup.directory(), directory);
  EXPECT_EQ(backup.position(), head_);
  EXPECT_EQ(backup.tree_size(), head_);
  EXPECT_EQ(backup.root_hash(), Bytes(*store().RootHash(head_)));
  uint64_t bytes = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(directory)) {
    if (entry.is_regular_file()) bytes += entry.file_size();
  }
  EXPECT_EQ(backup.size_bytes(), bytes);

  store::StoreOptions options;
  options.path = directory;
  options.clock = &clock_;
  auto restored = projections::ProjectedStore::Open(options, projections::AllProjections());
  ASSERT_TRUE(restored.ok()) << restored.status();
  ASSERT_TRUE((*restored)->engine().WaitUntilReady().ok());
  store::EventStore& copy = (*restored)->store();
  EXPECT_EQ(copy.HeadPosition().value(), head_);
  EXPECT_EQ(Bytes(*copy.RootHash(head_)), backup.root_hash());
  auto events = copy.ReadAll(Position(1), head_);
  auto source = store().ReadAll(Position(1), head_);
  ASSERT_TRUE(events.ok() && source.ok());
  ASSERT_EQ(events->size(), head_);
  for (size_t i = 0; i < head_; ++i) {
    ASSERT_EQ((*events)[i].SerializeAsString(), (*source)[i].SerializeAsString()) << i + 1;
  }
  // The read models came along at the same position (no rebuild needed),
  // and so did the key vault: the person's data still decrypts.
  for (const auto& projection : (*restored)->engine().Status()) {
    EXPECT_TRUE(projection.ready) << projection.name;
    EXPECT_EQ(projection.position.value(), head_) << projection.name;
  }
  auto persons = (*restored)->engine().View("persons");
  ASSERT_TRUE(persons.ok());
  EXPECT_EQ(projections::IsErased(*persons, kPerson).value_or(true), false);
  auto person = domain::ReadPerson(copy, kPerson);
  ASSERT_TRUE(person.ok()) << person.status();
  ASSERT_TRUE(person->personal_data.has_value());
  EXPECT_EQ(person->personal_data->full_name(), "Kirsi Keksitty");
}

TEST_F(AdminServiceTest, BackupCarriesTheCheckpointKeyWhenConfigured) {
  v1::Backup backup;
  ASSERT_TRUE(Backup(kAdmin, dir_.Sub("without-key"), &backup).ok());
  EXPECT_FALSE(backup.includes_checkpoint_key());
  EXPECT_FALSE(std::filesystem::exists(dir_.Sub("without-key/checkpoint.key")));

  const std::string key_file = dir_.Sub("checkpoint.key");
  auto key = audit::LoadOrCreateCheckpointKey(key_file);
  ASSERT_TRUE(key.ok()) << key.status();
  StopAdmin();
  AdminServiceOptions options;
  options.checkpoint_key_file = key_file;
  StartAdmin(options);
  ASSERT_TRUE(Backup(kAdmin, dir_.Sub("with-key"), &backup).ok());
  EXPECT_TRUE(backup.includes_checkpoint_key());
  const std::string copy = dir_.Sub("with-key/checkpoint.key");
  EXPECT_EQ(std::filesystem::status(copy).permissions(),
            std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  auto restored = audit::LoadOrCreateCheckpointKey(copy);  // loads, does not create
  ASSERT_TRUE(restored.ok()) << restored.status();
  EXPECT_EQ(restored->public_key(), key->public_key());
}

TEST_F(AdminServiceTest, BackupToAnExistingPathIsAlreadyExists) {
  v1::Backup backup;
  ASSERT_TRUE(Backup(kAdmin, dir_.Sub("b"), &backup).ok());
  grpc::Status status = Backup(kAdmin, dir_.Sub("b"), &backup);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(status.error_message(), "directory: \"" + dir_.Sub("b") +
                                        "\" already exists; a backup goes to a new directory");
}

TEST_F(AdminServiceTest, BackupToABadPathIsRefusedNamingTheField) {
  v1::Backup backup;
  grpc::Status status = Backup(kAdmin, "relative/backup", &backup);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message(),
            "directory: must be an absolute path on the server, got \"relative/backup\"");
  status = Backup(kAdmin, "", &backup);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), StartsWith("directory: must be an absolute path"));
  status = Backup(kAdmin, dir_.Sub("db/backup"), &backup);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("is inside the data directory"));
  status = Backup(kAdmin, dir_.Sub("missing/backup"), &backup);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(status.error_message(),
            "directory: the parent directory \"" + dir_.Sub("missing") + "\" does not exist");
}

// ------------------------------------------------------------- verification

TEST_F(AdminServiceTest, VerifyOnTheDemoIsOkWithMonotoneProgress) {
  StopAdmin();
  AdminServiceOptions options;
  options.verify_progress_every = 50;
  StartAdmin(options);
  ASSERT_GT(head_, 100u);
  for (const char* token : {kAdmin, kAuditor}) {
    Streamed<v1::VerifyLogResponse> streamed = Verify(token);
    ASSERT_TRUE(streamed.status.ok()) << streamed.status.error_message();
    ASSERT_GE(streamed.messages.size(), 2u);
    uint64_t last = 0;
    for (size_t i = 0; i + 1 < streamed.messages.size(); ++i) {
      const v1::VerifyLogResponse& message = streamed.messages[i];
      ASSERT_TRUE(message.has_progress()) << "message " << i;
      EXPECT_EQ(message.progress().total_events(), head_);
      uint64_t verified = message.progress().verified_events();
      EXPECT_GT(verified, last);
      EXPECT_TRUE(verified % 50 == 0 || verified == head_) << verified;
      last = verified;
    }
    EXPECT_EQ(last, head_);  // the last progress message is the whole log
    const v1::VerifyLogResponse& final = streamed.messages.back();
    ASSERT_TRUE(final.has_result());
    EXPECT_TRUE(final.result().ok());
    EXPECT_EQ(final.result().tree_size(), head_);
    EXPECT_EQ(final.result().root_hash(), Bytes(*store().RootHash(head_)));
    EXPECT_EQ(final.result().failed_position(), 0u);
    EXPECT_EQ(final.result().failure(), "");
  }
}

TEST_F(AdminServiceTest, VerifyAfterTamperingReportsTheExactPosition) {
  StopAdmin();
  handler_.reset();
  ledger_.reset();
  EditRaw(dir_.Sub("db"), store::kEventsFamily, store::EncodeBigEndian64(7),
          [](std::string& value) {
            size_t at = value.find("demo-import");  // the actor
            ASSERT_NE(at, std::string::npos);
            value[at] ^= 0x01;  // 'd' -> 'e': still a well-formed envelope
          });
  OpenLedger();
  StartAdmin();
  Streamed<v1::VerifyLogResponse> streamed = Verify(kAuditor);
  EXPECT_EQ(streamed.status.error_code(), grpc::StatusCode::DATA_LOSS);
  EXPECT_THAT(streamed.status.error_message(),
              StartsWith("position 7: the event's content hashes to leaf "));
  ASSERT_FALSE(streamed.messages.empty());
  const v1::VerifyLogResponse& final = streamed.messages.back();
  ASSERT_TRUE(final.has_result());
  EXPECT_FALSE(final.result().ok());
  EXPECT_EQ(final.result().failed_position(), 7u);
  EXPECT_EQ(final.result().tree_size(), 6u);
  EXPECT_EQ(final.result().root_hash(), "");
  EXPECT_EQ(final.result().failure(), streamed.status.error_message());
}

TEST_F(AdminServiceTest, VerifyStopsWhenTheClientCancels) {
  AppendRawEvents(50'000);
  StopAdmin();
  AdminServiceOptions options;
  options.verify_progress_every = 1000;
  StartAdmin(options);
  auto context = Context(kAdmin);
  auto reader = stub_->VerifyLog(context.get(), v1::VerifyLogRequest());
  v1::VerifyLogResponse first;
  ASSERT_TRUE(reader->Read(&first));
  ASSERT_TRUE(first.has_progress());
  EXPECT_LT(first.progress().verified_events(), head_);
  context->TryCancel();
  v1::VerifyLogResponse rest;
  while (reader->Read(&rest)) EXPECT_FALSE(rest.has_result());
  EXPECT_EQ(reader->Finish().error_code(), grpc::StatusCode::CANCELLED);
}

// ------------------------------------------------------------------ rebuilds

TEST_F(AdminServiceTest, RebuildAllSwitchesEveryProjection) {
  std::vector<uint32_t> before = Tables();
  v1::RebuildProjectionsRequest request;
  request.set_all(true);
  Streamed<v1::RebuildProjectionsResponse> streamed = Rebuild(kAdmin, request);
  ASSERT_TRUE(streamed.status.ok()) << streamed.status.error_message();
  ASSERT_GE(streamed.messages.size(), 2u);
  const auto& progress = streamed.messages[streamed.messages.size() - 2];
  ASSERT_TRUE(progress.has_progress());
  EXPECT_EQ(progress.progress().replayed_events(), head_);
  EXPECT_EQ(progress.progress().head_position(), head_);
  const auto& final = streamed.messages.back();
  ASSERT_TRUE(final.has_result());
  std::vector<projections::ProjectionStatus> statuses = engine().Status();
  ASSERT_EQ(final.result().projections_size(), static_cast<int>(statuses.size()));
  ASSERT_EQ(statuses.size(), 11u);
  for (size_t i = 0; i < statuses.size(); ++i) {
    const v1::RebuiltProjection& rebuilt = final.result().projections(static_cast<int>(i));
    EXPECT_EQ(rebuilt.name(), statuses[i].name);
    EXPECT_EQ(rebuilt.version(), statuses[i].version);
    EXPECT_EQ(rebuilt.events_replayed(), head_);
    EXPECT_EQ(rebuilt.position(), head_);
    EXPECT_NE(statuses[i].table, before[i]) << statuses[i].name << " kept its table";
    EXPECT_TRUE(statuses[i].ready);
  }
}

TEST_F(AdminServiceTest, RebuildOneSwitchesOnlyIt) {
  std::vector<std::string> names = ProjectionNames();
  std::vector<uint32_t> before = Tables();
  v1::RebuildProjectionsRequest request;
  request.set_projection("persons");
  Streamed<v1::RebuildProjectionsResponse> streamed = Rebuild(kAdmin, request);
  ASSERT_TRUE(streamed.status.ok()) << streamed.status.error_message();
  const auto& final = streamed.messages.back();
  ASSERT_TRUE(final.has_result());
  ASSERT_EQ(final.result().projections_size(), 1);
  EXPECT_EQ(final.result().projections(0).name(), "persons");
  EXPECT_EQ(final.result().projections(0).events_replayed(), head_);
  EXPECT_EQ(final.result().projections(0).position(), head_);
  std::vector<uint32_t> after = Tables();
  for (size_t i = 0; i < names.size(); ++i) {
    if (names[i] == "persons") {
      EXPECT_NE(after[i], before[i]);
    } else {
      EXPECT_EQ(after[i], before[i]) << names[i];
    }
  }
}

TEST_F(AdminServiceTest, RebuildOfAnUnknownProjectionIsNotFoundListingTheNames) {
  v1::RebuildProjectionsRequest request;
  request.set_projection("nope");
  Streamed<v1::RebuildProjectionsResponse> streamed = Rebuild(kAdmin, request);
  EXPECT_EQ(streamed.status.error_code(), grpc::StatusCode::NOT_FOUND);
  std::string names;
  for (const std::string& name : ProjectionNames()) names += (names.empty() ? "" : ", ") + name;
  EXPECT_EQ(streamed.status.error_message(),
            "projection: no projection named \"nope\"; valid names: " + names);
  EXPECT_TRUE(streamed.messages.empty());
}

TEST_F(AdminServiceTest, RebuildWithoutATargetIsInvalid) {
  Streamed<v1::RebuildProjectionsResponse> streamed =
      Rebuild(kAdmin, v1::RebuildProjectionsRequest());
  EXPECT_EQ(streamed.status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(streamed.status.error_message(),
            "target: set projection (one name) or all (true) to say what to rebuild");
  v1::RebuildProjectionsRequest request;
  request.set_all(false);
  streamed = Rebuild(kAdmin, request);
  EXPECT_EQ(streamed.status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(streamed.status.error_message(), StartsWith("all: must be true when set"));
}

TEST_F(AdminServiceTest, CancelledRebuildKeepsTheTables) {
  AppendRawEvents(50'000);
  std::vector<uint32_t> before = Tables();
  v1::RebuildProjectionsRequest request;
  request.set_all(true);
  auto context = Context(kAdmin);
  auto reader = stub_->RebuildProjections(context.get(), request);
  v1::RebuildProjectionsResponse first;
  ASSERT_TRUE(reader->Read(&first));  // after 10,000 of 50,000+ events
  ASSERT_TRUE(first.has_progress());
  EXPECT_LT(first.progress().replayed_events(), head_);
  // Meanwhile every projection serves from its old table.
  v1::GetProjectionStatusResponse statuses;
  ASSERT_TRUE(
      stub_->GetProjectionStatus(Context(kAdmin).get(), v1::GetProjectionStatusRequest(), &statuses)
          .ok());
  ASSERT_EQ(statuses.projections_size(), 11);
  for (const v1::ProjectionStatus& status : statuses.projections()) {
    EXPECT_EQ(status.state(), v1::ProjectionStatus::REBUILDING) << status.name();
  }
  context->TryCancel();
  v1::RebuildProjectionsResponse rest;
  while (reader->Read(&rest)) EXPECT_FALSE(rest.has_result());
  EXPECT_EQ(reader->Finish().error_code(), grpc::StatusCode::CANCELLED);
  // The job notices at its next chunk and gives up before switching.
  while (service_->running_jobs() > 0) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  EXPECT_EQ(Tables(), before);
  for (const auto& status : engine().Status()) {
    EXPECT_TRUE(status.ready) << status.name;
    EXPECT_FALSE(status.building) << status.name;
  }
}

TEST_F(AdminServiceTest, ShutdownStopsARebuildWithUnavailable) {
  AppendRawEvents(50'000);
  std::vector<uint32_t> before = Tables();
  v1::RebuildProjectionsRequest request;
  request.set_all(true);
  auto context = Context(kAdmin);
  auto reader = stub_->RebuildProjections(context.get(), request);
  v1::RebuildProjectionsResponse first;
  ASSERT_TRUE(reader->Read(&first));
  service_->Shutdown();
  v1::RebuildProjectionsResponse rest;
  while (reader->Read(&rest)) EXPECT_FALSE(rest.has_result());
  grpc::Status status = reader->Finish();
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_THAT(status.error_message(), StartsWith("the server is shutting down; projection "
                                                 "rebuild cancelled after "));
  EXPECT_EQ(Tables(), before);
  // New calls are refused too.
  v1::Backup backup;
  status = Backup(kAdmin, dir_.Sub("late"), &backup);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(status.error_message(),
            "the server is shutting down; make the backup again after it restarts");
  EXPECT_FALSE(std::filesystem::exists(dir_.Sub("late")));
}

TEST_F(AdminServiceTest, ProjectionStatusListsEveryProjection) {
  v1::GetProjectionStatusResponse response;
  grpc::Status status = stub_->GetProjectionStatus(Context(kAdmin).get(),
                                                   v1::GetProjectionStatusRequest(), &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  std::vector<projections::ProjectionStatus> statuses = engine().Status();
  ASSERT_EQ(response.projections_size(), static_cast<int>(statuses.size()));
  for (size_t i = 0; i < statuses.size(); ++i) {
    const v1::ProjectionStatus& out = response.projections(static_cast<int>(i));
    EXPECT_EQ(out.name(), statuses[i].name);
    EXPECT_EQ(out.version(), statuses[i].version);
    EXPECT_EQ(out.position(), head_);
    EXPECT_EQ(out.state(), v1::ProjectionStatus::READY);
  }
  EXPECT_EQ(response.projections(0).name(), "organisations");
}

// ------------------------------------------------------------------ erasure

TEST_F(AdminServiceTest, ErasePersonDestroysTheKeyAndShowsThePersonErased) {
  v1::CommandResponse response;
  grpc::Status status = Erase(kAdmin, "erase-1", kPerson, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.stream_id(), kPerson);
  EXPECT_EQ(response.first_position(), head_ + 1);
  EXPECT_EQ(response.last_position(), head_ + 1);
  EXPECT_EQ(response.stream_version(), 2u);
  EXPECT_THAT(response.event_types(), ElementsAre("PersonErased"));
  ASSERT_EQ(response.event_ids_size(), 1);
  EXPECT_EQ(response.event_ids(0),
            std::string(domain::CommandHandler::DeriveEventId("erase-1", 0).bytes()));
  EXPECT_FALSE(response.replayed());

  auto event = store().ReadEvent(Position(head_ + 1));
  ASSERT_TRUE(event.ok());
  EXPECT_EQ(event->metadata().actor(), "token:admin");
  auto key = store().keys().GetKey(kPerson);
  ASSERT_TRUE(key.ok());
  EXPECT_EQ(key->state, store::KeyState::kDestroyed);
  auto persons = engine().View("persons");
  ASSERT_TRUE(persons.ok());
  auto person = projections::GetPerson(*persons, kPerson);
  ASSERT_TRUE(person.ok()) << person.status();
  EXPECT_TRUE(person->erased());
  EXPECT_EQ(person->display(), "erased");
  EXPECT_EQ(person->erasure_legal_basis(), "erasure request 2024-17");
  auto read = domain::ReadPerson(store(), kPerson);
  ASSERT_TRUE(read.ok());
  EXPECT_TRUE(read->erased);
  EXPECT_FALSE(read->personal_data.has_value());

  // A retry with the same request_id returns the first result.
  v1::CommandResponse retry;
  ASSERT_TRUE(Erase(kAdmin, "erase-1", kPerson, &retry).ok());
  EXPECT_TRUE(retry.replayed());
  EXPECT_EQ(retry.first_position(), head_ + 1);
  EXPECT_EQ(store().HeadPosition().value(), head_ + 1);
  // Another request for the same person is a domain rule.
  status = Erase(kAdmin, "erase-2", kPerson, &retry);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(status.error_message(),
            "erase_person.person_id: a person is erased once; \"person-u19-0001\" is already "
            "erased");
}

TEST_F(AdminServiceTest, ErasingAnUnknownOrMalformedPersonFails) {
  v1::CommandResponse response;
  grpc::Status status = Erase(kAdmin, "erase-x", "person-nobody", &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_THAT(status.error_message(), StartsWith("erase_person.person_id: "));
  EXPECT_THAT(status.error_message(), HasSubstr("person-nobody"));
  status = Erase(kAdmin, "erase-y", "", &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), StartsWith("erase_person.person_id: "));
  EXPECT_EQ(store().HeadPosition().value(), head_);
}

// -------------------------------------------------------------------- roles

TEST_F(AdminServiceTest, OnlyAdminAdministersAndAuditorsMayVerify) {
  for (const char* token : {kRecorder, kNgo, kAuditor, kPublic}) {
    SCOPED_TRACE(token);
    v1::Backup backup;
    grpc::Status status = Backup(token, dir_.Sub(std::string("b-") + token), &backup);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
    EXPECT_THAT(status.error_message(),
                HasSubstr("may not administer the server (method "
                          "/kumppani.v1.AdminService/CreateBackup; allowed: admin)"));
    EXPECT_FALSE(std::filesystem::exists(dir_.Sub(std::string("b-") + token)));

    v1::RebuildProjectionsRequest rebuild;
    rebuild.set_all(true);
    EXPECT_EQ(Rebuild(token, rebuild).status.error_code(), grpc::StatusCode::PERMISSION_DENIED);

    v1::GetProjectionStatusResponse statuses;
    EXPECT_EQ(
        stub_
            ->GetProjectionStatus(Context(token).get(), v1::GetProjectionStatusRequest(), &statuses)
            .error_code(),
        grpc::StatusCode::PERMISSION_DENIED);

    v1::CommandResponse erased;
    EXPECT_EQ(Erase(token, "erase-denied", kPerson, &erased).error_code(),
              grpc::StatusCode::PERMISSION_DENIED);
  }
  for (const char* token : {kRecorder, kNgo, kPublic}) {
    SCOPED_TRACE(token);
    Streamed<v1::VerifyLogResponse> streamed = Verify(token);
    EXPECT_EQ(streamed.status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
    EXPECT_THAT(streamed.status.error_message(),
                HasSubstr("may not verify the whole log (method "
                          "/kumppani.v1.AdminService/VerifyLog; allowed: admin, auditor)"));
    EXPECT_TRUE(streamed.messages.empty());
  }
  EXPECT_EQ(Verify("").status.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  v1::Backup backup;
  EXPECT_EQ(Backup("", dir_.Sub("anonymous"), &backup).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  // Nothing was erased or appended by the refused calls.
  EXPECT_EQ(store().HeadPosition().value(), head_);
  EXPECT_EQ(store().keys().GetKey(kPerson)->state, store::KeyState::kPresent);
}

}  // namespace
}  // namespace kumppani::api
