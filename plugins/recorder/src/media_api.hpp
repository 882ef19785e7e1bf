// REST for uploaded media files: upload (multipart, size limit, content
// type sniffed from the bytes), download with Range, info, the caller's
// list, delete.
#pragma once

#include <meetgate/pluginkit/http_exchange.hpp>

#include "caller.hpp"
#include "media_store.hpp"
#include "meeting_access.hpp"
#include "recorder_config.hpp"
#include "storage_paths.hpp"

namespace meetgate::recorder {

class MediaApi {
 public:
  MediaApi(MediaStore &store, const MeetingAccess &access, const StoragePaths &paths,
           const RecorderConfig &config)
      : store_(store), access_(access), paths_(paths), config_(config) {}

  void upload(pluginkit::HttpExchange &call, const Caller &caller);
  void download(pluginkit::HttpExchange &call, const Caller &caller, int64_t id);
  void info(pluginkit::HttpExchange &call, const Caller &caller, int64_t id);
  void list(pluginkit::HttpExchange &call, const Caller &caller);
  void remove(pluginkit::HttpExchange &call, const Caller &caller, int64_t id);

  // The row when `caller` may read it; ApiError 404 unknown, 403 not
  // theirs (also used by the recorder.media_file service).
  MediaFileRow readable(const Caller &caller, int64_t id) const;

 private:
  void write_file(const std::filesystem::path &path, std::string_view data);

  MediaStore &store_;
  const MeetingAccess &access_;
  const StoragePaths &paths_;
  const RecorderConfig &config_;
};

}  // namespace meetgate::recorder
