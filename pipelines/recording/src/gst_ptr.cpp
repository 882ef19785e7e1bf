#include <meetgate/recording/gst_ptr.hpp>
#include <mutex>
#include <stdexcept>

namespace meetgate::recording {

void ensure_gstreamer() {
  static std::once_flag once;
  std::call_once(once, [] { gst_init(nullptr, nullptr); });
}

GstElement *make_element(const std::string &factory, const std::string &name) {
  GstElement *element =
      gst_element_factory_make(factory.c_str(), name.empty() ? nullptr : name.c_str());
  if (!element) throw std::runtime_error("GStreamer element '" + factory + "' is not installed");
  return element;
}

}  // namespace meetgate::recording
