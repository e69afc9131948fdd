// Reading a person's personal data back: decrypts the PersonRegistered
// ciphertext with the person's key from the vault, or reports the person as
// erased when PersonErased was recorded or the key is destroyed.
//
// Thread safety: free functions; the store may be used concurrently.
#ifndef KUMPPANI_LEDGER_DOMAIN_PERSON_READER_H_
#define KUMPPANI_LEDGER_DOMAIN_PERSON_READER_H_

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "kumppani/v1/domain.pb.h"
#include "kumppani/v1/events.pb.h"
#include "ledger/store/event_store.h"
#include "ledger/store/key_vault.h"

namespace kumppani::domain {

struct PersonView {
  std::string person_id;
  // True when the person was erased: personal_data is then empty for ever.
  bool erased = false;
  // The decrypted personal data; set only when not erased.
  std::optional<v1::PersonalData> personal_data;
};

// Decrypts one PersonRegistered event. nullopt when the key is destroyed;
// DATA_LOSS when the key exists but does not open the ciphertext;
// NOT_FOUND when the vault never had a key for the person.
absl::StatusOr<std::optional<v1::PersonalData>> DecryptPersonRegistered(
    const v1::PersonRegistered& event, const store::KeyVault& vault);

// The person as the ledger shows them now. NOT_FOUND when no such person.
absl::StatusOr<PersonView> ReadPerson(store::EventStore& store, const std::string& person_id);

}  // namespace kumppani::domain

#endif  // KUMPPANI_LEDGER_DOMAIN_PERSON_READER_H_
