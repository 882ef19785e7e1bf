#include "model_session.hpp"

namespace meetgate::ai {

ModelSession::ModelSession(infer::InferClient &client, std::string model, infer::JsonPtr setup)
    : client_(client), model_(std::move(model)), setup_(std::move(setup)) {}

ModelSession::~ModelSession() {
  close();
}

void ModelSession::close() {
  std::string id;
  {
    std::lock_guard lock(mutex_);
    id.swap(session_id_);
  }
  if (!id.empty()) client_.close_session(id);
}

std::string ModelSession::open_locked() {
  if (!session_id_.empty()) return session_id_;
  auto opened_id = std::make_shared<std::string>();
  std::weak_ptr<ModelSession> weak = weak_from_this();
  infer::Submission opened =
      client_.open_session(model_, infer::json_take(json_deep_copy(setup_.get())),
                           [weak, opened_id](infer::InferEvent &&event) {
                             // The setup failed, or later the unit died: reopen on the next submit.
                             if (auto self = weak.lock(); self && event.error) {
                               std::lock_guard lock(self->mutex_);
                               if (*opened_id == self->session_id_) self->session_id_.clear();
                             }
                           });
  if (opened) session_id_ = *opened_id = opened.id;
  return session_id_;
}

void ModelSession::mark_lost(const std::string &session_id) {
  std::lock_guard lock(mutex_);
  if (session_id == session_id_) session_id_.clear();
}

bool ModelSession::submit(infer::JsonPtr header, std::string payload,
                          infer::InferCallback callback) {
  std::string id;
  {
    std::lock_guard lock(mutex_);
    id = open_locked();
  }
  if (id.empty()) return false;
  infer::Submission sent = client_.submit(
      id, std::move(header), std::move(payload),
      [weak = weak_from_this(), id, callback = std::move(callback)](infer::InferEvent &&event) {
        auto self = weak.lock();
        if (self && event.error &&
            (event.error->code == infer::ErrorCode::kUnitLost ||
             event.error->code == infer::ErrorCode::kUnknownSession ||
             event.error->code == infer::ErrorCode::kUnknownWorkId))
          self->mark_lost(id);
        callback(std::move(event));
      });
  if (!sent) mark_lost(id);
  return static_cast<bool>(sent);
}

}  // namespace meetgate::ai
