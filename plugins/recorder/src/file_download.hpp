// Sends a stored file with Range support: 200 (whole), 206 + Content-Range,
// or 416 + "Content-Range: bytes */size". The transport streams the file
// from disk (mg_http_response.file_path), the plugin never reads it.
#pragma once

#include <filesystem>
#include <meetgate/pluginkit/http_exchange.hpp>
#include <string>

namespace meetgate::recorder {

// Throws ApiError(404) when the file is gone from disk.
void send_file(pluginkit::HttpExchange &call, const std::filesystem::path &path,
               const std::string &content_type, const std::string &download_name);

}  // namespace meetgate::recorder
