// Everything meetgate.jcfg configures, with the documented defaults. See
// conf/meetgate.jcfg for what each key means.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "engine.hpp"

namespace meetgate::core {

struct GeneralConfig {
  std::string data_dir = "./data";
  std::string plugins_dir;     // "" = the default (see install_paths.hpp)
  std::string transports_dir;  // "" = the default
  std::string log_level = "info";
  std::string node_id;  // "" = the host name
  bool development = false;
  std::string public_url = "http://localhost:8080";
  std::string ws_url;  // "" = ws://<public_url host>:<ws port>
};

struct StorageConfig {
  std::string database_url;  // "" = sqlite:///<data_dir>/meetgate.db
  int pool_size = 4;
};

struct MediaConfig {
  media::EngineConfig engine;
  std::string dtls_cert_file;  // PEM files; "" = a certificate generated at start
  std::string dtls_key_file;
};

struct CoreConfig {
  std::string config_dir;
  std::string config_file;  // <config_dir>/meetgate.jcfg
  GeneralConfig general;
  std::vector<std::string> disabled_plugins;
  std::vector<std::string> disabled_transports;
  StorageConfig storage;
  std::string redis_url;
  MediaConfig media;
  std::string admin_secret;
  // Where each key got its value ("FILE:LINE" or "MEETGATE_X"), for errors.
  std::map<std::string, std::string> origins;

  std::string origin_of(const std::string &key) const {
    auto found = origins.find(key);
    return found == origins.end() ? config_file : found->second;
  }
};

}  // namespace meetgate::core
