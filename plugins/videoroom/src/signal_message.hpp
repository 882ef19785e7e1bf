// Parsing and validation of client messages on /ws/signaling, and building
// of the server's messages. No ABI calls: unit tested directly.
//
// Client message: {id, type, to_user_id?, meeting_id?, session_id?, peer_id?,
// payload, timestamp?}; the server ignores the client's from_user_id,
// meeting_id, session_id and timestamp and writes its own.
#pragma once

#include <jansson.h>

#include <cstdint>
#include <optional>
#include <string>

#include "json_ref.hpp"
#include "message_type.hpp"

namespace meetgate::videoroom {

// A refused message: sent back as an error frame {code, message, details}.
struct ProtocolError {
  int code = 400;
  std::string message;
  std::string details;
};

// Who a relayable message (offer/answer/ice-candidate) is for.
enum class Addressee { kNone, kServer, kUser };

struct IncomingMessage {
  MessageType type = MessageType::kPing;
  TypeForm form = TypeForm::kName;
  JsonRef id;  // the client's id (string or integer), echoed; may be null
  Addressee addressee = Addressee::kNone;
  int64_t to_user_id = 0;  // when addressee == kUser
  std::string peer_id;     // the client's peer_id, "" if none
  JsonRef payload;         // always an object or a string after parsing
};

struct MessageLimits {
  size_t max_chat_length = 4096;  // bytes of chat content
  size_t max_sdp_length = 65536;  // bytes of an SDP
};

// Parses and validates `message` (borrowed). On failure returns the error;
// `out.id` and `out.form` are still filled when they could be read, so the
// error frame echoes the id in the client's form.
std::optional<ProtocolError> parse_incoming(const json_t *message, const MessageLimits &limits,
                                            IncomingMessage &out);

// The chat text of a validated chat payload.
std::string chat_content(const json_t *payload);

// A candidate payload in the media ABI's form: {candidate, sdpMid,
// sdpMLineIndex} or {completed: true}. New reference; NULL if malformed.
json_t *media_candidate(const json_t *payload);

// A description payload in the media ABI's form {type, sdp}. New reference.
json_t *media_description(const json_t *payload, const char *type);

// The header of a server message.
struct OutgoingHeader {
  const json_t *id = nullptr;  // borrowed; NULL = a new server id
  int64_t from_user_id = 0;    // 0 = the server
  std::optional<int64_t> to_user_id;
  std::string meeting_id;
  std::string session_id;
  std::string peer_id;  // "" = omitted
};

// {id, type, from_user_id, to_user_id?, meeting_id, session_id, peer_id?,
//  payload, timestamp}. `payload` is stolen. New reference.
json_t *build_message(MessageType type, TypeForm form, const OutgoingHeader &header,
                      json_t *payload);

// An error frame {id?, type: "error"|13, payload:{code, message, details},
// meeting_id, session_id, timestamp}. New reference.
json_t *build_error(TypeForm form, const ProtocolError &error, const OutgoingHeader &header);

// Milliseconds since the Unix epoch.
int64_t now_ms();

}  // namespace meetgate::videoroom
