// Decryption of personal data for readers, honouring erasure.
#include "ledger/domain/person_reader.h"

#include "absl/strings/str_cat.h"
#include "ledger/common/status_macros.h"
#include "ledger/domain/personal_data_cipher.h"
#include "ledger/domain/states.h"
#include "ledger/domain/stream_reader.h"

namespace kumppani::domain {

absl::StatusOr<std::optional<v1::PersonalData>> DecryptPersonRegistered(
    const v1::PersonRegistered& event, const store::KeyVault& vault) {
  KUMPPANI_ASSIGN_OR_RETURN(store::KeyLookup lookup, vault.GetKey(event.person_id()));
  switch (lookup.state) {
    case store::KeyState::kDestroyed:
      return std::optional<v1::PersonalData>();
    case store::KeyState::kAbsent:
      return absl::NotFoundError(
          absl::StrCat("person \"", event.person_id(), "\": the key vault has no key"));
    case store::KeyState::kPresent:
      break;
  }
  KUMPPANI_ASSIGN_OR_RETURN(
      v1::PersonalData data,
      OpenPersonalData(lookup.key, event.person_id(), event.encrypted_personal_data()));
  return std::optional<v1::PersonalData>(std::move(data));
}

absl::StatusOr<PersonView> ReadPerson(store::EventStore& store, const std::string& person_id) {
  KUMPPANI_ASSIGN_OR_RETURN(LoadedStream stream, ReadLoadedStream(store, person_id));
  PersonView view;
  view.person_id = person_id;
  const v1::PersonRegistered* registered = nullptr;
  for (const v1::Event& event : stream.effective) {
    if (event.has_person_registered()) registered = &event.person_registered();
    if (event.has_person_erased()) view.erased = true;
  }
  if (registered == nullptr) {
    return absl::NotFoundError(absl::StrCat("person \"", person_id, "\" does not exist"));
  }
  if (view.erased) return view;
  KUMPPANI_ASSIGN_OR_RETURN(std::optional<v1::PersonalData> data,
                            DecryptPersonRegistered(*registered, store.keys()));
  if (!data.has_value()) {
    view.erased = true;
  } else {
    view.personal_data = std::move(data);
  }
  return view;
}

}  // namespace kumppani::domain
