// REST for recordings (see README): start, stop, list, status, file
// download, delete — and the original backend's alias paths.
#pragma once

#include <meetgate/pluginkit/http_exchange.hpp>

#include "caller.hpp"
#include "json_ref.hpp"
#include "meeting_access.hpp"
#include "recording_manager.hpp"
#include "recording_store.hpp"
#include "storage_paths.hpp"

namespace meetgate::recorder {

class RecordingsApi {
 public:
  RecordingsApi(RecordingStore &store, RecordingManager &manager, const MeetingAccess &access,
                const StoragePaths &paths)
      : store_(store), manager_(manager), access_(access), paths_(paths) {}

  void start(pluginkit::HttpExchange &call, const Caller &caller, const json_t *body);
  void stop(pluginkit::HttpExchange &call, const Caller &caller, const json_t *body);
  void list(pluginkit::HttpExchange &call, const Caller &caller);
  void status(pluginkit::HttpExchange &call, const Caller &caller, int64_t id);
  // `file_id` 0: the composite file if any, else the first complete file.
  void download(pluginkit::HttpExchange &call, const Caller &caller, int64_t id, int64_t file_id);
  void remove(pluginkit::HttpExchange &call, const Caller &caller, int64_t id);

 private:
  // The row, or ApiError 404; then 403 unless the caller may access it.
  RecordingRow readable(const Caller &caller, int64_t id);
  json_t *describe(const RecordingRow &row);  // new: row + files

  RecordingStore &store_;
  RecordingManager &manager_;
  const MeetingAccess &access_;
  const StoragePaths &paths_;
};

}  // namespace meetgate::recorder
