// The projection engine with a small test projection over real domain
// commands: rows are written with the events, views see any past position,
// corrections forget and re-apply a stream, rebuilds give identical tables,
// and a store written without the engine is caught up when it comes back.
#include <atomic>
#include <sstream>
#include <thread>

#include "absl/strings/str_cat.h"
#include "ledger/projections/known_at.h"
#include "ledger/projections/page_token.h"
#include "ledger/projections/row_keys.h"
#include "tests/projections/projection_fixture.h"

namespace kumppani::projections::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

// Organisations: main row = current Finnish name; one row per rename
// ("rename/<n>"); index "kind/<kind>" -> org; index "named" -> org, carrying
// the current name.
class OrgNames final : public Projection {
 public:
  explicit OrgNames(uint32_t version = 1) : version_(version) {}
  std::string_view name() const override { return "test_org_names"; }
  uint32_t version() const override { return version_; }
  bool Wants(std::string_view stream_id) const override { return stream_id.starts_with("org-"); }
  void Apply(const AppliedEvent& event, AggregateRows& rows) override {
    if (event.event.has_organisation_registered()) {
      const auto& e = event.event.organisation_registered();
      rows.Put("", e.name().fi());
      rows.AddIndex(absl::StrCat("kind/", e.kind()));
      rows.SetIndex("named", e.name().fi());
    } else if (event.event.has_organisation_renamed()) {
      int renames = 0;
      while (rows.Get(absl::StrCat("rename/", renames)).has_value()) ++renames;
      rows.Put(absl::StrCat("rename/", renames), event.event.organisation_renamed().name().fi());
      rows.Put("", event.event.organisation_renamed().name().fi());
      rows.SetIndex("named", event.event.organisation_renamed().name().fi());
    } else if (event.event.has_organisation_dissolved()) {
      rows.RemoveIndex(absl::StrCat("kind/", v1::ORGANISATION_KIND_ASSOCIATION));
      rows.RemoveIndex("named");
      rows.Delete("");
    }
  }

 private:
  uint32_t version_;
};

std::vector<std::unique_ptr<Projection>> TestProjections() {
  std::vector<std::unique_ptr<Projection>> out;
  out.push_back(std::make_unique<OrgNames>());
  return out;
}

class EngineTest : public ProjectionTest {
 protected:
  EngineTest() : ProjectionTest(TestProjections) {}

  domain::CommandResult Register(const std::string& id, const std::string& name) {
    return Ok(absl::StrCat("register_organisation { organisation_id: \"", id,
                           "\" kind: ORGANISATION_KIND_ASSOCIATION name { fi: \"", name,
                           "\" authoritative: LANGUAGE_FI } }"));
  }
  domain::CommandResult Rename(const std::string& id, const std::string& name) {
    return Ok(absl::StrCat("rename_organisation { organisation_id: \"", id, "\" name { fi: \"",
                           name, "\" authoritative: LANGUAGE_FI } effective_on { year: 2024 month: 2 day: 1 } }"));
  }
  std::string Name(const RowView& view, const std::string& id) {
    auto row = view.Get(id, "");
    EXPECT_TRUE(row.ok()) << row.status();
    return row.ok() && row->has_value() ? **row : "<absent>";
  }
  std::vector<std::string> Kind(const RowView& view) {
    std::vector<std::string> ids;
    EXPECT_TRUE(view.ScanIndex(absl::StrCat("kind/", v1::ORGANISATION_KIND_ASSOCIATION), "", "",
                               [&](std::string_view, std::string_view stream) {
                                 ids.emplace_back(stream);
                                 return true;
                               })
                    .ok());
    return ids;
  }
  // "org=payload" for every entry of the "named" index.
  std::vector<std::string> Named(const RowView& view) {
    std::vector<std::string> entries;
    auto visit = [&](std::string_view, std::string_view stream, std::string_view payload) {
      entries.push_back(absl::StrCat(std::string(stream), "=", std::string(payload)));
      return true;
    };
    EXPECT_TRUE(view.ScanIndexEntries("named", "", "", visit).ok());
    return entries;
  }
  std::string Dump() {
    auto dump = engine_->Dump("test_org_names", store_->HeadPosition());
    EXPECT_TRUE(dump.ok()) << dump.status();
    return dump.ok() ? *dump : "";
  }
};

TEST_F(EngineTest, RowsAreWrittenWithTheEventsAndVersionedByPosition) {
  domain::CommandResult a = Register("org-a", "Alfa ry");
  Register("org-b", "Beta ry");
  domain::CommandResult renamed = Rename("org-a", "Alfa-Beta ry");

  EXPECT_EQ(Name(View("test_org_names"), "org-a"), "Alfa-Beta ry");
  EXPECT_EQ(Name(View("test_org_names", a.last_position), "org-a"), "Alfa ry");
  EXPECT_EQ(Name(View("test_org_names", Position(0)), "org-a"), "<absent>");
  EXPECT_EQ(Name(View("test_org_names", a.last_position), "org-b"), "<absent>");
  EXPECT_THAT(Kind(View("test_org_names")), ElementsAre("org-a", "org-b"));
  EXPECT_THAT(Kind(View("test_org_names", a.last_position)), ElementsAre("org-a"));

  std::vector<std::string> rows;
  ASSERT_TRUE(View("test_org_names").ScanRows("org-a", "", [&](std::string_view name, std::string_view value) {
    rows.push_back(absl::StrCat(std::string(name), "=", std::string(value)));
    return true;
  }).ok());
  EXPECT_THAT(rows, ElementsAre("=Alfa-Beta ry", "rename/0=Alfa-Beta ry"));

  std::vector<std::string> streams;
  ASSERT_TRUE(View("test_org_names").ScanStreams("org-", "org-a", [&](std::string_view id, std::string_view main) {
    streams.push_back(absl::StrCat(std::string(id), "=", std::string(main)));
    return true;
  }).ok());
  EXPECT_THAT(streams, ElementsAre("org-b=Beta ry"));
  auto status = engine_->Status();
  ASSERT_EQ(status.size(), 1u);
  EXPECT_TRUE(status[0].ready);
  EXPECT_EQ(status[0].position, renamed.last_position);
}

TEST_F(EngineTest, IndexEntriesCarryTheirPayloadAsOfEachPosition) {
  domain::CommandResult a = Register("org-a", "Alfa ry");
  domain::CommandResult b = Register("org-b", "Beta ry");
  domain::CommandResult renamed = Rename("org-a", "Alfa-Beta ry");
  std::string before_same_name = Dump();
  domain::CommandResult same = Rename("org-b", "Beta ry");
  // Dissolving removes the entry; the events before still see it.
  Ok("dissolve_organisation { organisation_id: \"org-b\" effective_on { year: 2024 month: 3 day: 1 } "
     "reason { fi: \"Lopetettu\" authoritative: LANGUAGE_FI } }");

  EXPECT_THAT(Named(View("test_org_names", a.last_position)), ElementsAre("org-a=Alfa ry"));
  EXPECT_THAT(Named(View("test_org_names", b.last_position)),
              ElementsAre("org-a=Alfa ry", "org-b=Beta ry"));
  EXPECT_THAT(Named(View("test_org_names", renamed.last_position)),
              ElementsAre("org-a=Alfa-Beta ry", "org-b=Beta ry"));
  EXPECT_THAT(Named(View("test_org_names", same.last_position)),
              ElementsAre("org-a=Alfa-Beta ry", "org-b=Beta ry"));
  EXPECT_THAT(Named(View("test_org_names")), ElementsAre("org-a=Alfa-Beta ry"));
  // Entries without a payload scan as before, with an empty one.
  EXPECT_THAT(Kind(View("test_org_names", b.last_position)), ElementsAre("org-a", "org-b"));
  // A rename to the same name wrote the main row and the rename row again,
  // but no new version of the unchanged index entry.
  auto named_versions = [](const std::string& dump) {
    int versions = 0;
    std::istringstream lines(dump);
    for (std::string line; std::getline(lines, line);) versions += line.starts_with("i named ");
    return versions;
  };
  EXPECT_EQ(named_versions(before_same_name), 3);  // org-a, org-b, org-a renamed
  EXPECT_EQ(named_versions(Dump()), 4);            // and org-b's removal
}

TEST_F(EngineTest, ViewsBeyondTheHeadAndUnknownProjectionsAreRefused) {
  Register("org-a", "Alfa ry");
  auto beyond = engine_->View("test_org_names", Position(store_->HeadPosition().value() + 1));
  EXPECT_EQ(beyond.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(beyond.status().message()), HasSubstr("known_at"));
  EXPECT_EQ(engine_->View("nope").status().code(), absl::StatusCode::kNotFound);
}

TEST_F(EngineTest, ACorrectionForgetsTheStreamAndAppliesItsEffectiveEventsAgain) {
  domain::CommandResult registered = Register("org-a", "Alfa ry");
  domain::CommandResult renamed = Rename("org-a", "Väärä nimi ry");
  Position before = store_->HeadPosition();
  Ok(absl::StrCat("retract_event { stream_id: \"org-a\" target_event_id: \"",
                  renamed.event_ids[0].ToString(), "\" reason { fi: \"virhe\" authoritative: LANGUAGE_FI } }"));
  EXPECT_EQ(Name(View("test_org_names"), "org-a"), "Alfa ry");
  EXPECT_FALSE(View("test_org_names").Get("org-a", "rename/0")->has_value());
  EXPECT_EQ(Name(View("test_org_names", before), "org-a"), "Väärä nimi ry");
  EXPECT_THAT(Kind(View("test_org_names")), ElementsAre("org-a"));

  Ok(absl::StrCat("correct_event { stream_id: \"org-a\" target_event_id: \"",
                  registered.event_ids[0].ToString(), "\" reason { fi: \"kirjoitusvirhe\" authoritative: LANGUAGE_FI } "
                  "replacement { [type.googleapis.com/kumppani.v1.OrganisationRegistered] { organisation_id: \"org-a\" kind: ORGANISATION_KIND_ASSOCIATION "
                  "name { fi: \"Alpha ry\" authoritative: LANGUAGE_FI } } } }"));
  EXPECT_EQ(Name(View("test_org_names"), "org-a"), "Alpha ry");
  EXPECT_THAT(Kind(View("test_org_names")), ElementsAre("org-a"));
}

TEST_F(EngineTest, ARebuildGivesTheSameRowsAndSwitchesTables) {
  for (int i = 0; i < 30; ++i) Register(absl::StrCat("org-", i), absl::StrCat("Yhdistys ", i));
  for (int i = 0; i < 30; i += 3) Rename(absl::StrCat("org-", i), absl::StrCat("Uusi ", i));
  domain::CommandResult r = Rename("org-5", "Väärä");
  Ok(absl::StrCat("retract_event { stream_id: \"org-5\" target_event_id: \"", r.event_ids[0].ToString(),
                  "\" reason { fi: \"virhe\" authoritative: LANGUAGE_FI } }"));
  std::string live = Dump();
  EXPECT_THAT(live, HasSubstr("org-5"));
  ASSERT_TRUE(engine_->VerifyRebuild("test_org_names").ok());

  uint32_t table_before = engine_->Status()[0].table;
  RowView old_view = View("test_org_names");
  std::vector<std::pair<uint64_t, uint64_t>> progress;
  ASSERT_TRUE(engine_->Rebuild("test_org_names", [&](uint64_t done, uint64_t head) {
    progress.emplace_back(done, head);
  }).ok());
  EXPECT_NE(engine_->Status()[0].table, table_before);
  EXPECT_EQ(Dump(), live);
  ASSERT_FALSE(progress.empty());
  EXPECT_EQ(progress.back().first, store_->HeadPosition().value());
  // A view taken before the switch still reads the old table.
  EXPECT_EQ(Name(old_view, "org-3"), "Uusi 3");
}

// Keys left in `table` of the projection family.
size_t KeysIn(const store::EventStore& store, uint32_t table) {
  std::unique_ptr<store::KvCursor> cursor = store.NewIndexCursor();
  const std::string prefix = TablePrefix(table);
  size_t keys = 0;
  for (cursor->Seek(prefix); cursor->Valid() && cursor->key().starts_with(prefix); cursor->Next()) {
    ++keys;
  }
  return keys;
}

TEST_F(EngineTest, ARetiredTableIsEmptiedAtOnceWithoutViewsOrWhenItsLastViewGoes) {
  for (int i = 0; i < 30; ++i) Register(absl::StrCat("org-", i), absl::StrCat("Yhdistys ", i));
  const uint32_t first = engine_->Status()[0].table;
  ASSERT_GT(KeysIn(*store_, first), 0u);
  ASSERT_TRUE(engine_->RebuildAll().ok());
  const uint32_t second = engine_->Status()[0].table;
  EXPECT_EQ(KeysIn(*store_, first), 0u);  // no view read it
  EXPECT_EQ(Name(View("test_org_names"), "org-7"), "Yhdistys 7");
  {
    RowView reading = View("test_org_names");
    ASSERT_TRUE(engine_->RebuildAll().ok());
    EXPECT_EQ(Name(reading, "org-7"), "Yhdistys 7");  // still reads the retired table
    EXPECT_GT(KeysIn(*store_, second), 0u);
  }
  EXPECT_EQ(KeysIn(*store_, second), 0u);  // dropped with its last view
  EXPECT_EQ(Name(View("test_org_names"), "org-7"), "Yhdistys 7");
}

TEST_F(EngineTest, VerifyRebuildNamesTheFirstDifference) {
  Register("org-a", "Alfa ry");
  // Damage the live table behind the engine's back.
  store::IndexBatch damage;
  uint32_t table = engine_->Status()[0].table;
  std::string key(4, '\0');
  for (int i = 0; i < 4; ++i) key[i] = static_cast<char>((table >> (24 - 8 * i)) & 0xFF);
  key += "rorg-a";
  key.push_back('\0');
  key.push_back('\0');
  key.append(8, '\xff');  // version ~0: position 0, visible everywhere
  damage.puts.emplace_back(key, "vForged ry");
  ASSERT_TRUE(store_->WriteIndex(damage).ok());
  absl::Status verified = engine_->VerifyRebuild("test_org_names");
  EXPECT_EQ(verified.code(), absl::StatusCode::kDataLoss);
  EXPECT_THAT(std::string(verified.message()), HasSubstr("Forged"));
}

TEST_F(EngineTest, RebuildsWhileAppendsGoOnLoseNothing) {
  for (int i = 0; i < 200; ++i) Register(absl::StrCat("org-", i), absl::StrCat("Yhdistys ", i));
  std::atomic<bool> stop{false};
  std::thread writer([&] {
    for (int i = 200; i < 400 && !stop.load(); ++i) {
      Register(absl::StrCat("org-", i), absl::StrCat("Yhdistys ", i));
    }
  });
  ASSERT_TRUE(engine_->Rebuild("test_org_names").ok());
  stop.store(true);
  writer.join();
  ASSERT_TRUE(engine_->VerifyRebuild("test_org_names").ok());
  EXPECT_EQ(engine_->Status()[0].position, store_->HeadPosition());
}

TEST_F(EngineTest, AStoreWrittenWithoutTheEngineIsCaughtUpOnTheNextStart) {
  Register("org-a", "Alfa ry");
  handler_.reset();
  store_.reset();
  {
    store::StoreOptions plain;
    plain.path = dir_.Sub("db");
    plain.clock = &clock_;
    auto opened = store::EventStore::Open(plain);
    ASSERT_TRUE(opened.ok());
    domain::CommandHandler handler(**opened, clock_);
    v1::Command command;
    ASSERT_TRUE(google::protobuf::TextFormat::ParseFromString(
        "request_id: \"x\" register_organisation { organisation_id: \"org-b\" kind: "
        "ORGANISATION_KIND_ASSOCIATION name { fi: \"Beta ry\" authoritative: LANGUAGE_FI } }", &command));
    ASSERT_TRUE(handler.Execute(command, "t").ok());
  }
  Open();
  EXPECT_EQ(Name(View("test_org_names"), "org-b"), "Beta ry");
  EXPECT_EQ(engine_->Status()[0].position, store_->HeadPosition());
  ASSERT_TRUE(engine_->VerifyRebuild("test_org_names").ok());
}

TEST_F(EngineTest, RowsSurviveReopenAndAChangedVersionRebuilds) {
  Register("org-a", "Alfa ry");
  Rename("org-a", "Alfa-Beta ry");
  std::string before = Dump();
  uint32_t table = engine_->Status()[0].table;
  Open();
  EXPECT_EQ(Dump(), before);
  EXPECT_EQ(engine_->Status()[0].table, table);

  projections_ = [] {
    std::vector<std::unique_ptr<Projection>> out;
    out.push_back(std::make_unique<OrgNames>(2));
    return out;
  };
  Open();
  EXPECT_NE(engine_->Status()[0].table, table);
  EXPECT_EQ(engine_->Status()[0].version, 2u);
  EXPECT_EQ(Dump(), before);
}

TEST_F(EngineTest, KnownAtResolvesPositionsAndRecordedTimes) {
  Register("org-a", "Alfa ry");                    // recorded at 2024-01-01T00:00:00Z
  clock_.Advance(3600LL * 1000000);
  domain::CommandResult b = Register("org-b", "Beta ry");  // 01:00
  clock_.Advance(3600LL * 1000000);
  Register("org-c", "Gamma ry");                   // 02:00
  google::protobuf::Timestamp half_past_one;
  half_past_one.set_seconds(1704067200 + 5400);
  auto at_time = ResolveKnownAt(*store_, {std::nullopt, half_past_one});
  ASSERT_TRUE(at_time.ok()) << at_time.status();
  EXPECT_EQ(*at_time, b.last_position);
  google::protobuf::Timestamp before_everything;
  before_everything.set_seconds(1704067200 - 1);
  EXPECT_EQ(*ResolveKnownAt(*store_, {std::nullopt, before_everything}), Position(0));
  EXPECT_EQ(*ResolveKnownAt(*store_, {}), store_->HeadPosition());
  EXPECT_EQ(*ResolveKnownAt(*store_, {Position(2), std::nullopt}), Position(2));
  EXPECT_EQ(ResolveKnownAt(*store_, {Position(99), std::nullopt}).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ResolveKnownAt(*store_, {Position(1), half_past_one}).status().code(),
            absl::StatusCode::kInvalidArgument);
  // A malformed time is refused naming the field, not read as "before the log".
  google::protobuf::Timestamp negative_nanos = half_past_one;
  negative_nanos.set_nanos(-1);
  auto bad_nanos = ResolveKnownAt(*store_, {std::nullopt, negative_nanos});
  EXPECT_EQ(bad_nanos.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(bad_nanos.status().message(), "known_at.recorded_time.nanos: must be in [0, 999999999]");
  google::protobuf::Timestamp year_10000;
  year_10000.set_seconds(253'402'300'800);
  auto bad_seconds = ResolveKnownAt(*store_, {std::nullopt, year_10000});
  EXPECT_EQ(bad_seconds.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(bad_seconds.status().message()),
              HasSubstr("known_at.recorded_time.seconds: must be within 0001-01-01..9999-12-31"));
}

TEST(PageTokenTest, RoundTripsAndRefusesForeignOrMalformedTokens) {
  PageCursor cursor{Position(42), "org-x"};
  std::string token = EncodePageToken("organisations", cursor);
  auto decoded = DecodePageToken("organisations", token, Position(50));
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  EXPECT_EQ(decoded->known_at, Position(42));
  EXPECT_EQ(decoded->last_key, "org-x");
  EXPECT_EQ(DecodePageToken("grants", token, Position(50)).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(DecodePageToken("organisations", token, Position(41)).status().code(),
            absl::StatusCode::kInvalidArgument);
  auto bad = DecodePageToken("organisations", "***", Position(50));
  EXPECT_EQ(bad.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(bad.status().message()), HasSubstr("page_token"));
  auto first = DecodePageToken("organisations", "", Position(50));
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->known_at, Position(50));
  EXPECT_EQ(EffectivePageSize(0), 100u);
  EXPECT_EQ(EffectivePageSize(5000), 1000u);
  EXPECT_EQ(EffectivePageSize(7), 7u);
}

}  // namespace
}  // namespace kumppani::projections::testing
