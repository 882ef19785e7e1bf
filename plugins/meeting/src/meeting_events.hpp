// The bus events this plugin publishes (topics and payloads are the
// cross-plugin contract; the videoroom, recorder and ai plugins listen).
#pragma once

#include <meetgate/plugin.h>

#include <string>

#include "meeting_record.hpp"

namespace meetgate::meeting {

class MeetingEvents {
 public:
  MeetingEvents(const mg_core_callbacks *core, mg_plugin *self) : core_(core), self_(self) {}

  void started(const MeetingRecord &m) const;  // meeting.started {meeting_id,id,room_id,settings}
  void ended(const MeetingRecord &m) const;    // meeting.ended {meeting_id,id,room_id}
  void joined(const MeetingRecord &m, int64_t user_id, const std::string &role) const;
  void left(const MeetingRecord &m, int64_t user_id) const;
  void kicked(const MeetingRecord &m, int64_t user_id, int64_t by) const;
  void muted(const MeetingRecord &m, int64_t user_id, const std::string &kind, bool muted,
             int64_t by) const;
  void role_changed(const MeetingRecord &m, int64_t user_id, const std::string &role,
                    int64_t by) const;

 private:
  void publish(const char *topic, json_t *event /* stolen */) const;
  const mg_core_callbacks *core_;
  mg_plugin *self_;
};

}  // namespace meetgate::meeting
