#include "message_type.hpp"

#include <array>
#include <utility>

namespace meetgate::videoroom {

namespace {

constexpr std::array<std::pair<MessageType, const char *>, 19> kNames{{
    {MessageType::kOffer, "offer"},
    {MessageType::kAnswer, "answer"},
    {MessageType::kIceCandidate, "ice-candidate"},
    {MessageType::kJoinRoom, "join-room"},
    {MessageType::kLeaveRoom, "leave-room"},
    {MessageType::kUserJoined, "user-joined"},
    {MessageType::kUserLeft, "user-left"},
    {MessageType::kChat, "chat"},
    {MessageType::kScreenShare, "screen-share"},
    {MessageType::kMediaControl, "media-control"},
    {MessageType::kPing, "ping"},
    {MessageType::kPong, "pong"},
    {MessageType::kError, "error"},
    {MessageType::kRoomInfo, "room-info"},
    {MessageType::kSubscribe, "subscribe"},
    {MessageType::kUnpublish, "unpublish"},
    {MessageType::kActiveSpeaker, "active-speaker"},
    {MessageType::kRecording, "recording"},
    {MessageType::kAiResult, "ai-result"},
}};

}  // namespace

const char *type_name(MessageType type) {
  for (const auto &[known, name] : kNames) {
    if (known == type) return name;
  }
  return "error";
}

int type_number(MessageType type) {
  return static_cast<int>(type);
}

std::optional<MessageType> type_from_name(const std::string &name) {
  for (const auto &[known, known_name] : kNames) {
    if (name == known_name) return known;
  }
  // Older spellings some clients of the Go service sent.
  if (name == "candidate" || name == "ice_candidate") return MessageType::kIceCandidate;
  if (name == "join") return MessageType::kJoinRoom;
  if (name == "leave") return MessageType::kLeaveRoom;
  return std::nullopt;
}

std::optional<MessageType> type_from_number(long long number) {
  if (number < 1 || number > static_cast<long long>(kNames.size())) return std::nullopt;
  return static_cast<MessageType>(number);
}

std::optional<ParsedType> parse_type(const json_t *type) {
  if (json_is_string(type)) {
    auto known = type_from_name(json_string_value(type));
    if (!known) return std::nullopt;
    return ParsedType{*known, TypeForm::kName};
  }
  if (json_is_integer(type)) {
    auto known = type_from_number(json_integer_value(type));
    if (!known) return std::nullopt;
    return ParsedType{*known, TypeForm::kInteger};
  }
  return std::nullopt;
}

json_t *type_json(MessageType type, TypeForm form) {
  if (form == TypeForm::kInteger) return json_integer(type_number(type));
  return json_string(type_name(type));
}

}  // namespace meetgate::videoroom
