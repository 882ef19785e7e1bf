#include "signal_message.hpp"

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <string_view>

namespace meetgate::videoroom {

namespace {

std::atomic<uint64_t> g_server_message_counter{0};

ProtocolError bad(std::string message, std::string details) {
  return ProtocolError{400, std::move(message), std::move(details)};
}

// to_user_id (or the seed README's "target"): an integer, a numeric string,
// or the server ("server", 0, "0", "sfu").
std::optional<ProtocolError> parse_addressee(const json_t *message, IncomingMessage &out) {
  const json_t *to = json_object_get(message, "to_user_id");
  if (to == nullptr || json_is_null(to)) to = json_object_get(message, "target");
  if (to == nullptr || json_is_null(to)) return std::nullopt;
  if (json_is_integer(to)) {
    const json_int_t value = json_integer_value(to);
    if (value < 0) return bad("invalid to_user_id", "to_user_id must not be negative");
    out.addressee = value == 0 ? Addressee::kServer : Addressee::kUser;
    out.to_user_id = value;
    return std::nullopt;
  }
  if (json_is_string(to)) {
    const std::string text = json_string_value(to);
    if (text == "server" || text == "sfu" || text == "0" || text.empty()) {
      out.addressee = Addressee::kServer;
      return std::nullopt;
    }
    char *end = nullptr;
    const long long value = std::strtoll(text.c_str(), &end, 10);
    if (end != text.c_str() + text.size() || value <= 0) {
      return bad("invalid to_user_id", "to_user_id must be a user id or \"server\"");
    }
    out.addressee = Addressee::kUser;
    out.to_user_id = value;
    return std::nullopt;
  }
  return bad("invalid to_user_id", "to_user_id must be an integer or a string");
}

// The seed README's clients put sdp/candidate at the top level; fold them
// into a payload object when there is none.
JsonRef payload_of(const json_t *message) {
  const json_t *payload = json_object_get(message, "payload");
  if (payload != nullptr && !json_is_null(payload)) return share(payload);
  JsonRef folded = adopt(json_object());
  for (const char *key : {"sdp", "candidate", "sdpMid", "sdpMLineIndex"}) {
    json_t *value = json_object_get(message, key);
    if (value != nullptr) json_object_set(folded.get(), key, value);
  }
  return folded;
}

std::optional<ProtocolError> check_description(const IncomingMessage &in,
                                               const MessageLimits &limits) {
  const json_t *sdp = json_object_get(in.payload.get(), "sdp");
  if (!json_is_string(sdp) || json_string_length(sdp) == 0) {
    return bad("invalid payload", "payload.sdp must be a non-empty string");
  }
  if (json_string_length(sdp) > limits.max_sdp_length) {
    return bad("invalid payload", "payload.sdp is too long");
  }
  return std::nullopt;
}

std::optional<ProtocolError> check_payload(const IncomingMessage &in, const MessageLimits &limits) {
  const json_t *payload = in.payload.get();
  switch (in.type) {
    case MessageType::kOffer:
    case MessageType::kAnswer:
      if (!json_is_object(payload)) return bad("invalid payload", "payload must be an object");
      return check_description(in, limits);
    case MessageType::kIceCandidate: {
      if (!json_is_object(payload)) return bad("invalid payload", "payload must be an object");
      JsonRef candidate = adopt(media_candidate(payload));
      if (!candidate) {
        return bad("invalid payload", "payload.candidate must be a candidate string or object");
      }
      return std::nullopt;
    }
    case MessageType::kChat: {
      if (!json_is_object(payload) && !json_is_string(payload)) {
        return bad("invalid payload", "payload must be an object with content");
      }
      const std::string content = chat_content(payload);
      if (content.empty()) return bad("invalid payload", "payload.content must be non-empty text");
      if (content.size() > limits.max_chat_length) {
        return bad("invalid payload", "payload.content is longer than " +
                                          std::to_string(limits.max_chat_length) + " bytes");
      }
      return std::nullopt;
    }
    case MessageType::kSubscribe: {
      const json_t *ids = json_object_get(payload, "user_ids");
      if (ids == nullptr || json_is_null(ids)) return std::nullopt;  // all publishers
      if (!json_is_array(ids)) return bad("invalid payload", "payload.user_ids must be an array");
      size_t index;
      const json_t *id;
      json_array_foreach(ids, index, id) {
        if (!json_is_integer(id) || json_integer_value(id) <= 0) {
          return bad("invalid payload", "payload.user_ids must hold user ids");
        }
      }
      return std::nullopt;
    }
    default:
      if (payload != nullptr && !json_is_object(payload)) {
        return bad("invalid payload", "payload must be an object");
      }
      return std::nullopt;
  }
}

bool server_only(MessageType type) {
  switch (type) {
    case MessageType::kUserJoined:
    case MessageType::kUserLeft:
    case MessageType::kError:
    case MessageType::kRoomInfo:
    case MessageType::kActiveSpeaker:
    case MessageType::kRecording:
    case MessageType::kAiResult:
      return true;
    default:
      return false;
  }
}

}  // namespace

std::optional<ProtocolError> parse_incoming(const json_t *message, const MessageLimits &limits,
                                            IncomingMessage &out) {
  if (!json_is_object(message)) return bad("invalid message", "a message must be a JSON object");
  const json_t *id = json_object_get(message, "id");
  if (json_is_string(id) || json_is_integer(id)) out.id = share(id);
  const json_t *type = json_object_get(message, "type");
  if (json_is_integer(type)) out.form = TypeForm::kInteger;
  if (type == nullptr) return bad("missing type", "the message has no type");
  auto parsed = parse_type(type);
  if (!parsed) {
    return ProtocolError{400, "unknown message type",
                         json_is_string(type) ? std::string("type \"") + json_string_value(type) +
                                                    "\" is not part of the protocol"
                                              : "type must be a known name or 1..17"};
  }
  out.type = parsed->type;
  out.form = parsed->form;
  if (server_only(out.type)) {
    return bad("unexpected message type",
               std::string("\"") + type_name(out.type) + "\" is sent by the server only");
  }
  const json_t *peer_id = json_object_get(message, "peer_id");
  if (json_is_string(peer_id)) out.peer_id = json_string_value(peer_id);
  if (auto error = parse_addressee(message, out)) return error;
  out.payload = payload_of(message);
  return check_payload(out, limits);
}

std::string chat_content(const json_t *payload) {
  if (json_is_string(payload)) return json_string_value(payload);
  for (const char *key : {"content", "message", "text"}) {
    const json_t *value = json_object_get(payload, key);
    if (json_is_string(value)) return json_string_value(value);
  }
  return {};
}

json_t *media_candidate(const json_t *payload) {
  const json_t *completed = json_object_get(payload, "completed");
  if (json_is_true(completed)) return json_pack("{s:b}", "completed", 1);
  const json_t *candidate = json_object_get(payload, "candidate");
  const json_t *source = payload;
  if (json_is_object(candidate)) {  // {candidate: RTCIceCandidateInit}
    source = candidate;
    candidate = json_object_get(candidate, "candidate");
  }
  if (json_is_null(candidate) ||
      (json_is_string(candidate) && json_string_length(candidate) == 0)) {
    return json_pack("{s:b}", "completed", 1);  // a browser's end-of-candidates
  }
  if (!json_is_string(candidate)) return nullptr;
  json_t *result = json_pack("{s:s}", "candidate", json_string_value(candidate));
  const json_t *mid = json_object_get(source, "sdpMid");
  if (json_is_string(mid)) json_object_set(result, "sdpMid", const_cast<json_t *>(mid));
  const json_t *index = json_object_get(source, "sdpMLineIndex");
  if (json_is_integer(index)) json_object_set(result, "sdpMLineIndex", const_cast<json_t *>(index));
  return result;
}

json_t *media_description(const json_t *payload, const char *type) {
  return json_pack("{s:s,s:s}", "type", type, "sdp",
                   json_string_value(json_object_get(payload, "sdp")));
}

int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

json_t *build_message(MessageType type, TypeForm form, const OutgoingHeader &header,
                      json_t *payload) {
  json_t *message = json_object();
  if (header.id != nullptr) {
    json_object_set(message, "id", const_cast<json_t *>(header.id));
  } else {
    const uint64_t number = ++g_server_message_counter;
    json_object_set_new(message, "id", json_string(("srv-" + std::to_string(number)).c_str()));
  }
  json_object_set_new(message, "type", type_json(type, form));
  json_object_set_new(message, "from_user_id", json_integer(header.from_user_id));
  if (header.to_user_id)
    json_object_set_new(message, "to_user_id", json_integer(*header.to_user_id));
  json_object_set_new(message, "meeting_id", json_string(header.meeting_id.c_str()));
  json_object_set_new(message, "session_id", json_string(header.session_id.c_str()));
  if (!header.peer_id.empty()) {
    json_object_set_new(message, "peer_id", json_string(header.peer_id.c_str()));
  }
  json_object_set_new(message, "payload", payload ? payload : json_object());
  json_object_set_new(message, "timestamp", json_integer(now_ms()));
  return message;
}

json_t *build_error(TypeForm form, const ProtocolError &error, const OutgoingHeader &header) {
  json_t *payload = json_pack("{s:i,s:s,s:s}", "code", error.code, "message", error.message.c_str(),
                              "details", error.details.c_str());
  return build_message(MessageType::kError, form, header, payload);
}

}  // namespace meetgate::videoroom
