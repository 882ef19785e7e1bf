// The signaling message types of /ws/signaling and their two spellings: the
// seed README's names ("offer", "join-room", ...) and the original Go
// implementation's integers (1 offer ... 14 room-info). 15..19 are meetgate's
// extensions: the SFU's (subscribe, unpublish, active-speaker) and the
// forwarded recording and AI notices (recording, ai-result).
#pragma once

#include <jansson.h>

#include <optional>
#include <string>

namespace meetgate::videoroom {

enum class MessageType {
  kOffer = 1,
  kAnswer = 2,
  kIceCandidate = 3,
  kJoinRoom = 4,
  kLeaveRoom = 5,
  kUserJoined = 6,
  kUserLeft = 7,
  kChat = 8,
  kScreenShare = 9,
  kMediaControl = 10,
  kPing = 11,
  kPong = 12,
  kError = 13,
  kRoomInfo = 14,
  kSubscribe = 15,
  kUnpublish = 16,
  kActiveSpeaker = 17,
  kRecording = 18,  // recording.* bus events of the meeting
  kAiResult = 19,   // ai.result bus events of the meeting
};

// How a client spells `type`; the server answers each session in the form
// that session last used (names until it sends an integer).
enum class TypeForm { kName, kInteger };

struct ParsedType {
  MessageType type;
  TypeForm form;
};

const char *type_name(MessageType type);
int type_number(MessageType type);
std::optional<MessageType> type_from_name(const std::string &name);
std::optional<MessageType> type_from_number(long long number);

// Reads a message's "type" member: a known name or integer. Returns nullopt
// when it is missing, of another JSON kind, or unknown.
std::optional<ParsedType> parse_type(const json_t *type);

// A new JSON value for `type` in `form`.
json_t *type_json(MessageType type, TypeForm form);

}  // namespace meetgate::videoroom
