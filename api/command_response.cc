// CommandResult → CommandResponse.
#include "api/command_response.h"

#include <string>

#include "ledger/domain/event_codec.h"

namespace kumppani::api {

void ToCommandResponse(const domain::CommandResult& result, v1::CommandResponse& response) {
  response.set_stream_id(result.stream_id);
  response.set_first_position(result.first_position.value());
  response.set_last_position(result.last_position.value());
  response.set_stream_version(result.stream_version.value());
  for (const EventId& id : result.event_ids) response.add_event_ids(std::string(id.bytes()));
  for (const v1::Event& event : result.events) response.add_event_types(domain::EventTypeOf(event));
  response.set_replayed(result.replayed);
}

}  // namespace kumppani::api
