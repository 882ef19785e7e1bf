#include "module_loader.hpp"

#include <algorithm>
#include <filesystem>
#include <optional>
#include <set>

#include "config_error.hpp"
#include "jcfg_file.hpp"
#include "logger.hpp"

namespace meetgate::core {

namespace fs = std::filesystem;

namespace {

template <typename Table>
struct ModuleTraits;

template <>
struct ModuleTraits<mg_plugin> {
  static constexpr const char *kind = "plugin";
  static constexpr const char *file_prefix = "libmeetgate_plugin_";
  static constexpr const char *package_prefix = "meetgate.plugin.";
  static constexpr const char *create_symbol = MEETGATE_PLUGIN_CREATE_SYMBOL;
  static constexpr int api_version = MEETGATE_PLUGIN_API_VERSION;
  static constexpr const char *disable_key = "plugins.disable";
  static bool complete(const mg_plugin &t) {
    return t.init && t.destroy && t.get_package && t.get_name && t.get_version_string &&
           t.get_description;
  }
};

template <>
struct ModuleTraits<mg_transport> {
  static constexpr const char *kind = "transport";
  static constexpr const char *file_prefix = "libmeetgate_transport_";
  static constexpr const char *package_prefix = "meetgate.transport.";
  static constexpr const char *create_symbol = MEETGATE_TRANSPORT_CREATE_SYMBOL;
  static constexpr int api_version = MEETGATE_TRANSPORT_API_VERSION;
  static constexpr const char *disable_key = "transports.disable";
  static bool complete(const mg_transport &t) {
    return t.init && t.destroy && t.get_package && t.get_name && t.get_version_string &&
           t.get_description;
  }
};

std::vector<fs::path> module_files(const std::string &dir, const char *prefix) {
  std::vector<fs::path> files;
  std::error_code error;
  for (fs::directory_iterator it(dir, error), end; !error && it != end; it.increment(error)) {
    const std::string name = it->path().filename().string();
    if (name.starts_with(prefix) && it->path().extension() == ".so") files.push_back(it->path());
  }
  if (error) log_core(MG_LOG_WARN, "cannot list %s: %s", dir.c_str(), error.message().c_str());
  std::sort(files.begin(), files.end());
  return files;
}

std::string text_or_empty(const char *(*getter)(void)) {
  const char *text = getter ? getter() : nullptr;
  return text ? text : "";
}

// Opens one file and checks everything that does not need init(). Returns
// nothing (after one log line) when the module is refused.
template <typename Table>
std::optional<LoadedModule<Table>> open_module(const fs::path &file, const ModuleSearch &search,
                                               std::set<std::string> &packages_seen) {
  using Traits = ModuleTraits<Table>;
  const std::string path = file.string();
  LoadedModule<Table> module;
  module.file = path;
  try {
    module.library.load(path, boost::dll::load_mode::rtld_now);
  } catch (const std::exception &error) {
    log_core(MG_LOG_ERROR, "%s %s: cannot load: %s; skipped", Traits::kind, path.c_str(),
             error.what());
    return std::nullopt;
  }
  if (!module.library.has(Traits::create_symbol)) {
    log_core(MG_LOG_ERROR, "%s %s: no '%s' symbol; skipped", Traits::kind, path.c_str(),
             Traits::create_symbol);
    return std::nullopt;
  }
  module.table = module.library.template get<Table *()>(Traits::create_symbol)();
  if (module.table == nullptr) {
    log_core(MG_LOG_ERROR, "%s %s: %s returned NULL; skipped", Traits::kind, path.c_str(),
             Traits::create_symbol);
    return std::nullopt;
  }
  if (module.table->api_version != Traits::api_version) {
    log_core(MG_LOG_ERROR, "%s %s: ABI version %d, this core speaks %d; skipped", Traits::kind,
             path.c_str(), module.table->api_version, Traits::api_version);
    return std::nullopt;
  }
  if (!Traits::complete(*module.table)) {
    log_core(MG_LOG_ERROR, "%s %s: incomplete table (init/destroy/get_* missing); skipped",
             Traits::kind, path.c_str());
    return std::nullopt;
  }
  module.package = text_or_empty(module.table->get_package);
  module.name = text_or_empty(module.table->get_name);
  module.version = text_or_empty(module.table->get_version_string);
  module.description = text_or_empty(module.table->get_description);
  if (!module.package.starts_with(Traits::package_prefix)) {
    log_core(MG_LOG_ERROR, "%s %s: package '%s' does not start with '%s'; skipped", Traits::kind,
             path.c_str(), module.package.c_str(), Traits::package_prefix);
    return std::nullopt;
  }
  if (!packages_seen.insert(module.package).second) {
    log_core(MG_LOG_ERROR, "%s %s: package %s already loaded from another file; skipped",
             Traits::kind, path.c_str(), module.package.c_str());
    return std::nullopt;
  }
  if (ModuleLoader::listed(search.disabled, module.package)) {
    log_core(MG_LOG_INFO, "%s %s disabled by %s; skipped", Traits::kind, module.package.c_str(),
             Traits::disable_key);
    return std::nullopt;
  }
  module.config_path = (fs::path(search.config_dir) / (module.package + ".jcfg")).string();
  try {
    if (!module_enabled_in(module.config_path)) {
      log_core(MG_LOG_INFO, "%s %s disabled by general.enabled = false in %s; skipped",
               Traits::kind, module.package.c_str(), module.config_path.c_str());
      return std::nullopt;
    }
  } catch (const ConfigError &error) {
    log_core(MG_LOG_ERROR, "%s %s: %s; skipped", Traits::kind, module.package.c_str(),
             error.what());
    return std::nullopt;
  }
  return module;
}

}  // namespace

bool ModuleLoader::listed(const std::vector<std::string> &disabled, const std::string &package) {
  const std::string short_name = package.substr(package.rfind('.') + 1);
  return std::any_of(disabled.begin(), disabled.end(), [&](const std::string &entry) {
    return entry == package || entry == short_name;
  });
}

template <typename Table>
std::vector<LoadedModule<Table>> ModuleLoader::discover(const ModuleSearch &search) {
  using Traits = ModuleTraits<Table>;
  std::vector<LoadedModule<Table>> modules;
  std::set<std::string> packages_seen;
  for (const fs::path &file : module_files(search.dir, Traits::file_prefix)) {
    if (auto module = open_module<Table>(file, search, packages_seen)) {
      modules.push_back(std::move(*module));
    }
  }
  for (const std::string &entry : search.disabled) {
    const bool matched = std::any_of(packages_seen.begin(), packages_seen.end(),
                                     [&](const std::string &p) { return listed({entry}, p); });
    if (!matched) {
      log_core(MG_LOG_WARN, "%s lists '%s', which matches no %s in %s", Traits::disable_key,
               entry.c_str(), Traits::kind, search.dir.c_str());
    }
  }
  return modules;
}

template std::vector<LoadedPlugin> ModuleLoader::discover<mg_plugin>(const ModuleSearch &);
template std::vector<LoadedTransport> ModuleLoader::discover<mg_transport>(const ModuleSearch &);

}  // namespace meetgate::core
