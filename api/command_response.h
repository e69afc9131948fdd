// The reply of a recorded command (kumppani.v1.CommandResponse), shared by
// CommandService and AdminService.ErasePerson.
#ifndef KUMPPANI_API_COMMAND_RESPONSE_H_
#define KUMPPANI_API_COMMAND_RESPONSE_H_

#include "kumppani/v1/command_service.pb.h"
#include "ledger/domain/command_handler.h"

namespace kumppani::api {

// Fills `response` from what the command handler appended (or replayed).
void ToCommandResponse(const domain::CommandResult& result, v1::CommandResponse& response);

}  // namespace kumppani::api

#endif  // KUMPPANI_API_COMMAND_RESPONSE_H_
