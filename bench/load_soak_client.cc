// load_soak's channels and call contexts.
#include "bench/load_soak_client.h"

#include "absl/strings/str_cat.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "grpcpp/support/channel_arguments.h"

namespace kumppani::bench {

absl::StatusOr<std::shared_ptr<grpc::Channel>> NewChannel(const std::string& address, int client) {
  grpc::ChannelArguments args;
  args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
  args.SetInt("kumppani.load_soak_client", client);
  args.SetMaxReceiveMessageSize(64 << 20);
  auto channel = grpc::CreateCustomChannel(address, grpc::InsecureChannelCredentials(), args);
  if (!channel->WaitForConnected(std::chrono::system_clock::now() + std::chrono::seconds(10))) {
    return absl::UnavailableError(absl::StrCat("cannot connect to ", address, " within 10 s"));
  }
  return channel;
}

void PrepareContext(grpc::ClientContext& context, const std::string& token, int deadline_seconds) {
  if (!token.empty()) context.AddMetadata("authorization", "Bearer " + token);
  if (deadline_seconds > 0) {
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(deadline_seconds));
  }
}

}  // namespace kumppani::bench
