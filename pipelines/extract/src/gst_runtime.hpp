// Initialises GStreamer once per process (the gateway may already have done
// so; gst_init is then a no-op) and answers whether an element exists.
#pragma once

#include <string>

namespace meetgate::extract {

void ensure_gstreamer();
bool element_available(const std::string &factory);

}  // namespace meetgate::extract
