// A gRPC message allocator that puts a callback method's request and response
// on one protobuf arena per call. A large answer built in place (an influence
// trail has a message per input, submission and consultation) then costs no
// heap allocation per field, and is dropped at once when the call ends.
//
// Thread safety: AllocateMessages may be called concurrently (gRPC does).
#ifndef KUMPPANI_API_ARENA_MESSAGES_H_
#define KUMPPANI_API_ARENA_MESSAGES_H_

#include "google/protobuf/arena.h"
#include "grpcpp/support/message_allocator.h"

namespace kumppani::api {

template <typename Request, typename Response>
class ArenaMessages final : public grpc::MessageAllocator<Request, Response> {
 public:
  grpc::MessageHolder<Request, Response>* AllocateMessages() override { return new Holder(); }

 private:
  class Holder final : public grpc::MessageHolder<Request, Response> {
   public:
    Holder() {
      this->set_request(google::protobuf::Arena::CreateMessage<Request>(&arena_));
      this->set_response(google::protobuf::Arena::CreateMessage<Response>(&arena_));
    }
    void Release() override { delete this; }

   private:
    google::protobuf::Arena arena_;
  };
};

}  // namespace kumppani::api

#endif  // KUMPPANI_API_ARENA_MESSAGES_H_
