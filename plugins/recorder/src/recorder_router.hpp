// Maps /api/v1/recordings/..., /api/v1/recording/... (the original
// backend's aliases) and /api/v1/media/... to the API classes, answers
// ApiError and storage errors in the envelope.
#pragma once

#include <string>
#include <vector>

#include "authenticator.hpp"
#include "http_call.hpp"
#include "media_api.hpp"
#include "recordings_api.hpp"

namespace meetgate::recorder {

class RecorderRouter {
 public:
  RecorderRouter(const Authenticator &authenticator, RecordingsApi &recordings, MediaApi &media)
      : authenticator_(authenticator), recordings_(recordings), media_(media) {}
  // Answers `call` exactly once; rethrows storage errors after answering
  // (the caller logs them).
  void serve(HttpCall &call);

 private:
  using Segments = std::vector<std::string>;
  void dispatch(HttpCall &call, const Segments &s);
  void recordings(HttpCall &call, const Caller &caller, const Segments &s);
  void aliases(HttpCall &call, const Caller &caller, const Segments &s);
  void media(HttpCall &call, const Caller &caller, const Segments &s);

  const Authenticator &authenticator_;
  RecordingsApi &recordings_;
  MediaApi &media_;
};

}  // namespace meetgate::recorder
