// Media callbacks the engine left empty get a refusing stand-in ("media
// engine not available", id 0, NULL), so a plugin calling one gets an error
// instead of a jump through a null pointer.
#pragma once

#include <meetgate/plugin.h>

namespace meetgate::core {

void fill_missing_media_callbacks(mg_core_callbacks &callbacks);

}  // namespace meetgate::core
