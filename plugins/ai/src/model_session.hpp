// A stream session on an inference unit for one model (PROTOCOL.md "setup"),
// reopened on the next submit after the unit died (kUnitLost) or refused:
// stream state such as a half-heard utterance dies with the unit, so the
// new session starts fresh instead of replaying audio.
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "infer_client.hpp"

namespace meetgate::ai {

// Owned by shared_ptr (make_shared): reply callbacks hold a weak reference, so
// a reply arriving after the stream stopped finds nothing to update.
class ModelSession : public std::enable_shared_from_this<ModelSession> {
 public:
  ModelSession(infer::InferClient &client, std::string model, infer::JsonPtr setup);
  ~ModelSession();  // sends exit
  ModelSession(const ModelSession &) = delete;
  ModelSession &operator=(const ModelSession &) = delete;

  // False when the client refused (no unit, queue full); the chunk is lost.
  bool submit(infer::JsonPtr header, std::string payload, infer::InferCallback callback);
  void close();

 private:
  std::string open_locked();
  void mark_lost(const std::string &session_id);

  infer::InferClient &client_;
  const std::string model_;
  infer::JsonPtr setup_;
  std::mutex mutex_;
  std::string session_id_;  // "" = none open
};

}  // namespace meetgate::ai
