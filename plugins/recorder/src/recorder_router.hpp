// Maps /api/v1/recordings/..., /api/v1/recording/... (the original
// backend's aliases) and /api/v1/media/... to the API classes, answers
// ApiError and storage errors in the envelope.
#pragma once

#include <meetgate/pluginkit/http_exchange.hpp>
#include <meetgate/pluginkit/token_verifier.hpp>
#include <string>
#include <vector>

#include "media_api.hpp"
#include "recordings_api.hpp"

namespace meetgate::recorder {

class RecorderRouter {
 public:
  RecorderRouter(const pluginkit::TokenVerifier &verifier, RecordingsApi &recordings,
                 MediaApi &media)
      : verifier_(verifier), recordings_(recordings), media_(media) {}
  // Answers `call` exactly once; rethrows storage errors after answering
  // (the caller logs them).
  void serve(pluginkit::HttpExchange &call);

 private:
  using Segments = std::vector<std::string>;
  void dispatch(pluginkit::HttpExchange &call, const Segments &s);
  void recordings(pluginkit::HttpExchange &call, const Caller &caller, const Segments &s);
  void aliases(pluginkit::HttpExchange &call, const Caller &caller, const Segments &s);
  void media(pluginkit::HttpExchange &call, const Caller &caller, const Segments &s);

  // Every route needs a user; only auth.verify_token says who it is.
  const pluginkit::TokenVerifier &verifier_;
  RecordingsApi &recordings_;
  MediaApi &media_;
};

}  // namespace meetgate::recorder
