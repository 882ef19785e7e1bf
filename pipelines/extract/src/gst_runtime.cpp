#include "gst_runtime.hpp"

#include <gst/gst.h>

#include <mutex>

namespace meetgate::extract {

void ensure_gstreamer() {
  static std::once_flag once;
  std::call_once(once, [] { gst_init(nullptr, nullptr); });
}

bool element_available(const std::string &factory) {
  ensure_gstreamer();
  GstElementFactory *found = gst_element_factory_find(factory.c_str());
  if (!found) return false;
  gst_object_unref(found);
  return true;
}

}  // namespace meetgate::extract
