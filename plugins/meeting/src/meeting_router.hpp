// Maps REST paths to the services, authenticates, and writes the envelope.
//
//   GET    /api/v1/meetings                     list (page, page_size, status, keyword, mine)
//   POST   /api/v1/meetings                     create
//   GET    /api/v1/my/meetings                  list, only the caller's
//   GET|PUT|DELETE /api/v1/meetings/:id         get, update, delete
//   POST   /api/v1/meetings/:id/join|leave|start|end
//   GET    /api/v1/meetings/:id/participants
//   POST   /api/v1/meetings/:id/participants/:uid/kick|mute|unmute
//   PUT|POST /api/v1/meetings/:id/participants/:uid/role
// :id is the numeric id or the meeting_id string.
#pragma once

#include <meetgate/pluginkit/http_exchange.hpp>
#include <string>
#include <vector>

#include "authenticator.hpp"
#include "meeting_service.hpp"
#include "participant_service.hpp"

namespace meetgate::meeting {

class MeetingRouter {
 public:
  MeetingRouter(const mg_core_callbacks *core, MeetingService &meetings,
                ParticipantService &participants)
      : authenticator_(core), meetings_(meetings), participants_(participants) {}

  // Answers `call` exactly once, whatever happens.
  void serve(pluginkit::HttpExchange &call);

 private:
  Reply dispatch(pluginkit::HttpExchange &call, const std::vector<std::string> &segments);
  Reply meeting_routes(pluginkit::HttpExchange &call, const Caller &caller,
                       const std::vector<std::string> &s);
  Reply participant_routes(pluginkit::HttpExchange &call, const Caller &caller,
                           const std::vector<std::string> &s);

  Authenticator authenticator_;
  MeetingService &meetings_;
  ParticipantService &participants_;
};

}  // namespace meetgate::meeting
