// The body of POST /api/v1/meetings (create) and PUT /api/v1/meetings/:id
// (update), validated. Every refusal is ApiError(400) naming the field.
//
//   title             string, 1..200 characters after trimming (create: required)
//   description       string up to 2000 bytes, or null to clear
//   start_time        RFC 3339, or null to clear
//   end_time          RFC 3339 after start_time, or null to clear
//   max_participants  integer 1..limit (create default: config)
//   password          4..64 bytes; "" or null = no password
//   meeting_type      "video" | "audio" | "webinar" (create default: video)
//   settings          object of booleans: recording, ai, mute_on_join
#pragma once

#include <jansson.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "meeting_settings.hpp"

namespace meetgate::meeting {

// A field that may be absent, set, or explicitly cleared (JSON null).
struct Clearable {
  bool present = false;
  std::optional<std::string> value;
};

struct MeetingInput {
  static constexpr size_t kMaxTitle = 200;
  static constexpr size_t kMaxDescription = 2000;
  static constexpr size_t kMinPassword = 4;
  static constexpr size_t kMaxPassword = 64;

  std::optional<std::string> title;
  Clearable description;
  Clearable start_time;  // database form (UTC)
  Clearable end_time;
  std::optional<int64_t> max_participants;
  Clearable password;  // plain text; value empty/nullopt = remove
  std::optional<std::string> meeting_type;
  // The body's "settings" object (validated), applied over the defaults on
  // create and over the stored settings on update; null when absent.
  std::shared_ptr<json_t> settings_patch;

  // `base` with the patch applied.
  MeetingSettings settings_over(MeetingSettings base) const;

  // `creating` requires title. `max_participants_limit` is the config cap.
  static MeetingInput parse(const json_t *body, bool creating, int64_t max_participants_limit);

  // 400 naming end_time unless start < end (either may be unset).
  static void check_time_order(const std::optional<std::string> &start,
                               const std::optional<std::string> &end);
};

}  // namespace meetgate::meeting
