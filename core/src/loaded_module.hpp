// One plugin or transport the loader accepted: its library (kept loaded for
// as long as the table is used) and the strings it describes itself with.
#pragma once

#include <meetgate/plugin.h>
#include <meetgate/transport.h>

#include <boost/dll/shared_library.hpp>
#include <string>

namespace meetgate::core {

template <typename Table>
struct LoadedModule {
  boost::dll::shared_library library;
  Table *table = nullptr;
  std::string file;  // path of the .so
  std::string package;
  std::string name;
  std::string version;
  std::string description;
  std::string config_path;  // <config_dir>/<package>.jcfg
};

using LoadedPlugin = LoadedModule<mg_plugin>;
using LoadedTransport = LoadedModule<mg_transport>;

}  // namespace meetgate::core
