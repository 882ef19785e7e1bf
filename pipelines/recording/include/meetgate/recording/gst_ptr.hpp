// Owning smart pointers for GStreamer objects (one unref per owner) and the
// one-time gst_init every recorder calls.
#pragma once

#include <gst/gst.h>

#include <memory>
#include <string>

namespace meetgate::recording {

struct GstObjectUnref {
  void operator()(gpointer object) const {
    if (object) gst_object_unref(object);
  }
};
template <typename T>
using GstOwned = std::unique_ptr<T, GstObjectUnref>;

// Initialises GStreamer once per process (thread-safe).
void ensure_gstreamer();

// A new element from `factory`, or throws std::runtime_error naming the
// missing plugin.
GstElement *make_element(const std::string &factory, const std::string &name = "");

}  // namespace meetgate::recording
