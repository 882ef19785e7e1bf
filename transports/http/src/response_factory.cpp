#include "response_factory.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "support/envelope.hpp"
#include "support/request_headers.hpp"

namespace meetgate::transport {
namespace {

constexpr const char *kJson = "application/json";

// Headers MHD computes itself or that would break the framing.
bool is_reserved_header(std::string_view name) {
  return equals_ignore_case(name, "Content-Length") ||
         equals_ignore_case(name, "Transfer-Encoding") || equals_ignore_case(name, "Connection");
}

// Adds a header unless it is reserved or malformed (MHD refuses CR/LF).
void add_header(MHD_Response *response, const char *name, const char *value) {
  if (name == nullptr || value == nullptr || *name == '\0' || is_reserved_header(name)) return;
  MHD_add_response_header(response, name, value);
}

ReadyResponse finish(unsigned status, MHD_Response *raw, const char *content_type,
                     const CommonHeaders &common) {
  ReadyResponse ready{status, MhdResponsePtr(raw)};
  if (!ready) return ready;
  add_header(raw, MHD_HTTP_HEADER_CONTENT_TYPE, content_type != nullptr ? content_type : kJson);
  add_header(raw, "X-Request-ID", common.request_id.c_str());
  for (const auto &[name, value] : common.cors) add_header(raw, name.c_str(), value.c_str());
  return ready;
}

// Opens the file of a file answer; -1 with `problem` and `status` set if not.
int open_answer_file(const mg_http_response &answer, uint64_t &offset, uint64_t &length,
                     unsigned &status, std::string &problem) {
  int fd = open(answer.file_path, O_RDONLY | O_CLOEXEC);
  struct stat info {};
  if (fd < 0 || fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
    status = (fd < 0 && errno == ENOENT) ? 404 : 500;
    problem = std::string("cannot open ") + answer.file_path + ": " +
              (fd < 0 ? std::strerror(errno) : "not a regular file");
    if (fd >= 0) close(fd);
    return -1;
  }
  auto size = static_cast<uint64_t>(info.st_size);
  offset = answer.file_offset > size ? size : answer.file_offset;
  // Never promise more bytes than the file holds: MHD would cut the stream.
  length = answer.file_length > size - offset ? size - offset : answer.file_length;
  return fd;
}

}  // namespace

ReadyResponse make_body_response(unsigned status, std::string_view body, const char *content_type,
                                 const CommonHeaders &common) {
  MHD_Response *raw = MHD_create_response_from_buffer(body.size(), const_cast<char *>(body.data()),
                                                      MHD_RESPMEM_MUST_COPY);
  return finish(status, raw, content_type, common);
}

ReadyResponse make_error_response(unsigned status, const std::string &message,
                                  const std::string &error, const CommonHeaders &common) {
  return make_body_response(
      status, error_envelope_text(static_cast<int>(status), message, error, common.request_id),
      kJson, common);
}

ReadyResponse make_core_response(const mg_http_response &answer, const CommonHeaders &common,
                                 std::string &problem) {
  auto status =
      static_cast<unsigned>(answer.status >= 100 && answer.status <= 599 ? answer.status : 500);
  ReadyResponse ready;
  if (answer.file_path != nullptr) {
    uint64_t offset = 0;
    uint64_t length = 0;
    unsigned failure = 500;
    int fd = open_answer_file(answer, offset, length, failure, problem);
    if (fd < 0) return make_error_response(failure, "file not available", problem, common);
    MHD_Response *raw = MHD_create_response_from_fd_at_offset64(length, fd, offset);
    if (raw == nullptr) close(fd);
    ready = finish(status, raw, answer.content_type, common);
  } else {
    std::string_view body(reinterpret_cast<const char *>(answer.body),
                          answer.body != nullptr ? answer.body_len : 0);
    ready = make_body_response(status, body, answer.content_type, common);
  }
  if (!ready) return ready;
  for (size_t i = 0; answer.headers != nullptr && i < answer.header_count; ++i) {
    add_header(ready.response.get(), answer.headers[i].name, answer.headers[i].value);
  }
  return ready;
}

}  // namespace meetgate::transport
