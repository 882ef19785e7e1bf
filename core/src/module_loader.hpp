// Finds and opens modules: every libmeetgate_plugin_*.so (or
// libmeetgate_transport_*.so) of a folder, sorted by file name. A module is
// refused with one log line, and the core runs on, when it cannot be opened,
// lacks its create symbol, reports another ABI version, has an incomplete
// table, repeats a package, is listed in the disable list, or has
// general.enabled = false in <config_dir>/<package>.jcfg. init() is the
// caller's business (Gateway), since it needs the callbacks.
#pragma once

#include <string>
#include <vector>

#include "loaded_module.hpp"

namespace meetgate::core {

struct ModuleSearch {
  std::string dir;
  std::vector<std::string> disabled;  // packages (or short names) to skip
  std::string config_dir;
};

class ModuleLoader {
 public:
  template <typename Table>
  static std::vector<LoadedModule<Table>> discover(const ModuleSearch &search);

  // "meetgate.plugin.auth" is disabled by "meetgate.plugin.auth" or "auth".
  static bool listed(const std::vector<std::string> &disabled, const std::string &package);
};

extern template std::vector<LoadedPlugin> ModuleLoader::discover<mg_plugin>(const ModuleSearch &);
extern template std::vector<LoadedTransport> ModuleLoader::discover<mg_transport>(
    const ModuleSearch &);

}  // namespace meetgate::core
