// The workload's organisations and persons (see workload_world.h): the
// national and regional organisations of the bootstrap, NGOs registered,
// renamed, merged, dissolved and succeeded, and persons registered and
// erased. Business ids and association register numbers are valid by
// construction.
#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "tests/testing/workload_world.h"

namespace kumppani::testing {

using workload_internal::EraseValue;
using workload_internal::Fi;
using workload_internal::ToDate;
using workload_internal::kThemesFi;

namespace {

const std::vector<std::string> kThemesSv = {
    "Hjärtförening", "Pensionärsförening", "Ungdomsförening", "Minnesförening",
    "Marthaförening", "Närståendevårdare", "Idrottsförening", "Hembygdsförening"};
const std::vector<std::string> kFirstNames = {"Aino", "Eero", "Helmi", "Juha", "Kaisa", "Lauri",
                                              "Maria", "Mikko", "Noora", "Olli", "Pirjo", "Sami",
                                              "Tiina", "Veikko", "Anna", "Johan", "Elin", "Mats"};
const std::vector<std::string> kLastNames = {
    "Virtanen", "Korhonen", "Mäkinen", "Nieminen", "Hämäläinen", "Laine", "Heikkinen",
    "Koskinen", "Järvinen", "Lehtonen", "Saarinen", "Salonen", "Björk", "Lindqvist", "Nyström"};

// A valid business id (Y-tunnus) from a counter: distinct for distinct
// counters below 10^7, skipping bases whose weighted sum leaves remainder 1.
std::string BusinessId(uint64_t& counter) {
  static constexpr int kWeights[7] = {7, 9, 10, 5, 8, 4, 2};
  while (true) {
    uint64_t base = (++counter * 7919 + 1000003) % 10000000;
    std::string digits = absl::StrFormat("%07d", base);
    int sum = 0;
    for (int i = 0; i < 7; ++i) sum += kWeights[i] * (digits[i] - '0');
    int remainder = sum % 11;
    if (remainder == 1) continue;
    return absl::StrCat(digits, "-", remainder == 0 ? 0 : 11 - remainder);
  }
}

std::string RegisterNumber(uint64_t counter, bool dotted) {
  uint64_t number = 100000 + (counter * 7919) % 900000;
  if (!dotted) return absl::StrCat(number);
  return absl::StrFormat("%d.%03d", number / 1000, number % 1000);
}

}  // namespace

void Workload::World::AddOrganisation(int region, v1::OrganisationKind kind, std::string id,
                                      std::string name, bool structural,
                                      const std::string& parent) {
  Org org;
  org.id = std::move(id);
  org.region = region;
  org.structural = structural;
  org.founded = today_ - rng_.Between(400, 60 * 365);
  v1::RegisterOrganisation* c = cmd_.mutable_register_organisation();
  c->set_organisation_id(org.id);
  c->set_kind(kind);
  bool swedish = region >= 0 && regions_[region].swedish && absl::StrContains(name, " rf");
  if (swedish) {
    c->mutable_name()->set_sv(name);
    c->mutable_name()->set_authoritative(v1::LANGUAGE_SV);
  } else {
    *c->mutable_name() = Fi(name);
  }
  if (kind != v1::ORGANISATION_KIND_PREPARATION_PROJECT && kind != v1::ORGANISATION_KIND_NETWORK &&
      (kind != v1::ORGANISATION_KIND_ASSOCIATION || rng_.Percent(70))) {
    v1::OrganisationIdentifier* business = c->add_identifiers();
    business->set_scheme(v1::IDENTIFIER_SCHEME_BUSINESS_ID);
    business->set_value(BusinessId(ids_));
  }
  if (kind == v1::ORGANISATION_KIND_ASSOCIATION &&
      (c->identifiers().empty() || rng_.Percent(60))) {
    v1::OrganisationIdentifier* number = c->add_identifiers();
    number->set_scheme(v1::IDENTIFIER_SCHEME_ASSOCIATION_REGISTER_NUMBER);
    number->set_value(RegisterNumber(++ids_, rng_.Percent(50)));
  }
  *c->mutable_founded_on() = ToDate(org.founded);
  if (!parent.empty()) c->set_parent_organisation_id(parent);
  int index = static_cast<int>(orgs_.size());
  orgs_.push_back(std::move(org));
  if (region >= 0) {
    regions_[region].orgs.push_back(index);
    if (!structural) regions_[region].ngos.push_back(index);
  }
}

void Workload::World::RegisterNgoIn(int region) {
  bool swedish = regions_[region].swedish && rng_.Percent(60);
  bool foundation = rng_.Percent(12);
  std::string name;
  if (swedish) {
    name = absl::StrCat(Town(region), " ", rng_.Pick(kThemesSv), foundation ? " sr" : " rf");
  } else {
    name = absl::StrCat(rng_.Pick(kThemesFi), " ", Town(region), foundation ? " sr" : " ry");
  }
  std::string parent;
  if (national_umbrella_ >= 0 && rng_.Percent(10)) parent = orgs_[national_umbrella_].id;
  AddOrganisation(region,
                  foundation ? v1::ORGANISATION_KIND_FOUNDATION : v1::ORGANISATION_KIND_ASSOCIATION,
                  absl::StrCat("org-r", region, "-ngo-", ++ids_), name, false, parent);
}

bool Workload::World::RegisterNgo() {
  RegisterNgoIn(RandomRegion());
  return true;
}

bool Workload::World::RenameOrganisation() {
  int r = RandomRegion();
  int o = rng_.Percent(10) ? regions_[r].network : ActiveNgo(r);
  if (o < 0) return false;
  v1::RenameOrganisation* c = cmd_.mutable_rename_organisation();
  c->set_organisation_id(orgs_[o].id);
  *c->mutable_name() = Fi(absl::StrCat(rng_.Pick(kThemesFi), " ", Town(r), " ry"));
  *c->mutable_effective_on() = ToDate(today_);
  v1::Event event;
  v1::OrganisationRenamed* e = event.mutable_organisation_renamed();
  e->set_organisation_id(c->organisation_id());
  *e->mutable_name() = c->name();
  *e->mutable_effective_on() = c->effective_on();
  Remember(c->organisation_id(), std::move(event), true);
  return true;
}

bool Workload::World::MergeOrganisation() {
  int r = RandomRegion();
  if (static_cast<int>(regions_[r].ngos.size()) < std::max(4, options_.ngos_per_region / 2)) return false;
  int a = ActiveNgo(r);
  int b = ActiveNgo(r);
  if (a == b) return false;
  v1::MergeOrganisation* c = cmd_.mutable_merge_organisation();
  c->set_organisation_id(orgs_[a].id);
  c->set_into_organisation_id(orgs_[b].id);
  *c->mutable_effective_on() = ToDate(today_);
  orgs_[a].active = false;
  EraseValue(regions_[r].ngos, a);
  regions_[r].ended.push_back(a);
  return true;
}

bool Workload::World::DissolveOrganisation() {
  int r = RandomRegion();
  if (static_cast<int>(regions_[r].ngos.size()) < std::max(4, options_.ngos_per_region / 2)) return false;
  int a = ActiveNgo(r);
  v1::DissolveOrganisation* c = cmd_.mutable_dissolve_organisation();
  c->set_organisation_id(orgs_[a].id);
  *c->mutable_effective_on() = ToDate(today_);
  if (rng_.Percent(50)) *c->mutable_reason() = Fi("Yhdistys purkautui yhdistyksen kokouksen päätöksellä.");
  orgs_[a].active = false;
  EraseValue(regions_[r].ngos, a);
  regions_[r].ended.push_back(a);
  return true;
}

bool Workload::World::RecordSuccession() {
  int r = RandomRegion();
  if (regions_[r].ended.empty()) return false;
  int predecessor = rng_.Pick(regions_[r].ended);
  int successor = ActiveNgo(r);
  if (successor < 0) return false;
  v1::RecordSuccession* c = cmd_.mutable_record_succession();
  c->set_organisation_id(orgs_[predecessor].id);
  c->set_successor_organisation_id(orgs_[successor].id);
  *c->mutable_effective_on() = ToDate(today_);
  if (rng_.Percent(50)) *c->mutable_note() = Fi("Toiminta ja jäsenet siirtyivät seuraajalle.");
  EraseValue(regions_[r].ended, predecessor);
  return true;
}

// ------------------------------------------------------------------ persons

void Workload::World::AddPerson(int region) {
  Person person;
  person.id = NextId("person");
  person.region = region;
  const std::string& first = rng_.Pick(kFirstNames);
  const std::string& last = rng_.Pick(kLastNames);
  v1::RegisterPerson* c = cmd_.mutable_register_person();
  c->set_person_id(person.id);
  c->mutable_personal_data()->set_full_name(absl::StrCat(first, " ", last));
  if (rng_.Percent(70)) {
    c->mutable_personal_data()->set_email(absl::StrCat(first, ".", last, ids_, "@example.fi"));
  }
  if (rng_.Percent(40)) {
    c->mutable_personal_data()->set_phone(absl::StrFormat("+358 40 %03d %04d", rng_.Below(1000),
                                                          rng_.Below(10000)));
  }
  regions_[region].persons.push_back(static_cast<int>(persons_.size()));
  persons_.push_back(std::move(person));
}

bool Workload::World::RegisterPerson() {
  AddPerson(RandomRegion());
  return true;
}

bool Workload::World::ErasePerson() {
  int r = RandomRegion();
  if (regions_[r].persons.size() < 8) return false;
  int p = LivePerson(r);
  v1::ErasePerson* c = cmd_.mutable_erase_person();
  c->set_person_id(persons_[p].id);
  c->set_legal_basis(absl::StrCat("GDPR art. 17, pyyntö ", ids_));
  persons_[p].erased = true;
  EraseValue(regions_[r].persons, p);
  return true;
}

}  // namespace kumppani::testing
