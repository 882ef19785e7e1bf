// The mg_core_callbacks table handed to every plugin's init. Each entry is a
// thin, thread-safe adapter onto Gateway::current().
#pragma once

#include <meetgate/plugin.h>

namespace meetgate::core {

mg_core_callbacks make_plugin_callbacks();

}  // namespace meetgate::core
