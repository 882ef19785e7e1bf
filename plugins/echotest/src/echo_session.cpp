#include "echo_session.hpp"

#include <utility>

namespace meetgate::echotest {

EchoSession::EchoSession(mg_plugin_session *handle, std::string remote_addr)
    : id_(handle->id), remote_addr_(std::move(remote_addr)), handle_(handle) {}

void EchoSession::close() {
  std::lock_guard lock(push_mutex_);
  closed_ = true;
}

mg_pc_id EchoSession::pc() const {
  std::lock_guard lock(media_mutex_);
  return pc_;
}

void EchoSession::set_pc(mg_pc_id pc) {
  std::lock_guard lock(media_mutex_);
  pc_ = pc;
}

bool EchoSession::forget_pc(mg_pc_id pc) {
  std::lock_guard lock(media_mutex_);
  if (pc_ != pc) {
    return false;
  }
  pc_ = 0;
  video_mid_.clear();
  return true;
}

void EchoSession::set_video_mid(const std::string &mid) {
  std::lock_guard lock(media_mutex_);
  video_mid_ = mid;
}

std::string EchoSession::video_mid() const {
  std::lock_guard lock(media_mutex_);
  return video_mid_;
}

json_t *EchoSession::describe() const {
  return json_pack("{s:I,s:s,s:I,s:I,s:I,s:I,s:I,s:I}", "id", static_cast<json_int_t>(id_),
                   "remote_addr", remote_addr_.c_str(), "pc", static_cast<json_int_t>(pc()),
                   "messages", static_cast<json_int_t>(messages.load()), "rtp_in",
                   static_cast<json_int_t>(rtp_in.load()), "rtcp_in",
                   static_cast<json_int_t>(rtcp_in.load()), "keyframe_requests",
                   static_cast<json_int_t>(keyframe_requests.load()), "data_messages",
                   static_cast<json_int_t>(data_messages.load()));
}

}  // namespace meetgate::echotest
