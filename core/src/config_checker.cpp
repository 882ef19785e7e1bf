#include "config_checker.hpp"

#include <algorithm>
#include <filesystem>
#include <vector>

#include "config_error.hpp"
#include "config_resolver.hpp"
#include "install_paths.hpp"
#include "jcfg_file.hpp"

namespace meetgate::core {

namespace fs = std::filesystem;

int ConfigChecker::run(const CliOptions &options, std::ostream &out, std::ostream &errors) {
  const std::string config_dir =
      options.config_dir.empty() ? InstallPaths::default_config_dir() : options.config_dir;
  int problems = 0;
  try {
    ConfigResolver::read(options);
  } catch (const ConfigError &error) {
    errors << error.what() << "\n";
    ++problems;
  }
  std::vector<fs::path> module_files;
  std::error_code error;
  for (fs::directory_iterator it(config_dir, error), end; !error && it != end;
       it.increment(error)) {
    const fs::path &path = it->path();
    if (path.extension() == ".jcfg" && path.filename() != "meetgate.jcfg")
      module_files.push_back(path);
  }
  std::sort(module_files.begin(), module_files.end());
  for (const fs::path &path : module_files) {
    try {
      module_enabled_in(path.string());
    } catch (const ConfigError &problem) {
      errors << problem.what() << "\n";
      ++problems;
    }
  }
  if (problems > 0) {
    errors << problems << " problem(s) in " << config_dir << "\n";
    return 2;
  }
  out << "configuration OK: " << config_dir << " (meetgate.jcfg + " << module_files.size()
      << " module file(s))\n";
  return 0;
}

}  // namespace meetgate::core
