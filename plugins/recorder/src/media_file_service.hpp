// The "recorder.media_file" service: lets another plugin (ai) read an
// uploaded media file it was given the id of, under the same rules as
// GET /api/v1/media/:id (owner, the meeting's hosts, or an admin). It
// answers where the file lies on this node instead of its bytes: files can
// be large and the caller runs on the same node.
#pragma once

#include <jansson.h>

#include "media_api.hpp"
#include "media_store.hpp"
#include "storage_paths.hpp"

namespace meetgate::recorder {

class MediaFileService {
 public:
  MediaFileService(MediaApi &media, const StoragePaths &paths) : media_(media), paths_(paths) {}

  // {"media_id": int|string, "user_id": int, "role": "user"|"admin"} ->
  // 0 + {"media_id","path","content_type","size","owner_id","filename"};
  // 400 bad request, 403 not readable by that user, 404 unknown.
  int lookup(const json_t *request, json_t **response) const;

  // The mg_service_fn trampoline; `opaque` is a MediaFileService.
  static int call(void *opaque, const json_t *request, json_t **response);

 private:
  MediaApi &media_;
  const StoragePaths &paths_;
};

}  // namespace meetgate::recorder
