#include "cli_options.hpp"

#include <string_view>

namespace meetgate::core {
namespace {

// "--name value" or "--name=value"; advances `index` past what it consumed.
bool take_value(std::string_view name, int argc, const char *const argv[], int &index,
                std::string &value) {
  const std::string_view arg(argv[index]);
  if (arg == name) {
    if (index + 1 >= argc) throw std::invalid_argument(std::string(name) + " needs a value");
    value = argv[++index];
    if (value.empty()) throw std::invalid_argument(std::string(name) + " needs a non-empty value");
    return true;
  }
  if (arg.size() > name.size() && arg.starts_with(name) && arg[name.size()] == '=') {
    value = std::string(arg.substr(name.size() + 1));
    if (value.empty()) throw std::invalid_argument(std::string(name) + " needs a non-empty value");
    return true;
  }
  return false;
}

}  // namespace

CliOptions CliOptions::parse(int argc, const char *const argv[]) {
  CliOptions options;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg(argv[i]);
    if (arg == "--help" || arg == "-h") {
      options.help = true;
    } else if (arg == "--version" || arg == "-V") {
      options.version = true;
    } else if (arg == "--check-config") {
      options.check_config = true;
    } else if (take_value("--config-dir", argc, argv, i, options.config_dir) ||
               take_value("--plugins-dir", argc, argv, i, options.plugins_dir) ||
               take_value("--transports-dir", argc, argv, i, options.transports_dir) ||
               take_value("--data-dir", argc, argv, i, options.data_dir)) {
      continue;
    } else {
      throw std::invalid_argument("unknown argument '" + std::string(arg) + "' (see --help)");
    }
  }
  return options;
}

std::string CliOptions::usage(const std::string &program) {
  return "Usage: " + program +
         " [OPTIONS]\n"
         "meetgate: a plugin-based video-meeting media gateway.\n\n"
         "  --config-dir DIR      config dir with meetgate.jcfg and one .jcfg per module\n"
         "                        (default: $MEETGATE_CONFIG_DIR, else ./conf, else the\n"
         "                        installed sysconfdir/meetgate)\n"
         "  --check-config        validate meetgate.jcfg and every *.jcfg, then exit\n"
         "                        (0 = valid, 2 = a problem, printed as FILE:LINE: ...)\n"
         "  --plugins-dir DIR     load plugins from DIR (overrides general.plugins_dir)\n"
         "  --transports-dir DIR  load transports from DIR (general.transports_dir)\n"
         "  --data-dir DIR        data directory (general.data_dir)\n"
         "  --version             print the version and exit\n"
         "  --help                print this help and exit\n\n"
         "Environment: MEETGATE_CONFIG_DIR, MEETGATE_DATA_DIR, MEETGATE_PLUGINS_DIR,\n"
         "MEETGATE_TRANSPORTS_DIR, MEETGATE_LOG_LEVEL, MEETGATE_DEVELOPMENT,\n"
         "MEETGATE_PUBLIC_URL, MEETGATE_DATABASE_URL, MEETGATE_REDIS_URL,\n"
         "MEETGATE_PUBLIC_IP, MEETGATE_RTP_PORT_MIN, MEETGATE_RTP_PORT_MAX\n"
         "(see docs/CONVENTIONS.md). SIGINT/SIGTERM shut down gracefully.\n";
}

}  // namespace meetgate::core
