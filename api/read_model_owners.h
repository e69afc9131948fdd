// AggregateOwners over the read models: who submitted a submission (the
// "submissions" projection) and who applied for a grant ("grants"), read at
// the head.
#ifndef KUMPPANI_API_READ_MODEL_OWNERS_H_
#define KUMPPANI_API_READ_MODEL_OWNERS_H_

#include <string>

#include "api/command_policy.h"
#include "ledger/projections/projection_engine.h"

namespace kumppani::api {

class ReadModelOwners final : public AggregateOwners {
 public:
  // `engine` must outlive this.
  explicit ReadModelOwners(const projections::ProjectionEngine& engine) : engine_(engine) {}

  absl::StatusOr<std::string> SubmissionOrganisation(absl::string_view submission_id,
                                                     absl::string_view field) const override;
  absl::StatusOr<std::string> GrantApplicant(absl::string_view grant_id,
                                             absl::string_view field) const override;

 private:
  const projections::ProjectionEngine& engine_;
};

}  // namespace kumppani::api

#endif  // KUMPPANI_API_READ_MODEL_OWNERS_H_
