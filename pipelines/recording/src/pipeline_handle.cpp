#include <meetgate/recording/gst_ptr.hpp>
#include <meetgate/recording/pipeline_handle.hpp>
#include <stdexcept>

namespace meetgate::recording {

PipelineHandle::PipelineHandle(const std::string &name, ErrorCallback on_error)
    : pipeline_(nullptr), on_error_(std::move(on_error)) {
  ensure_gstreamer();
  pipeline_ = GST_ELEMENT(gst_object_ref_sink(gst_pipeline_new(name.c_str())));
  GstOwned<GstBus> bus(gst_element_get_bus(pipeline_));
  gst_bus_set_sync_handler(bus.get(), &PipelineHandle::on_message, this, nullptr);
}

PipelineHandle::~PipelineHandle() {
  gst_element_set_state(pipeline_, GST_STATE_NULL);
  GstOwned<GstBus> bus(gst_element_get_bus(pipeline_));
  gst_bus_set_sync_handler(bus.get(), nullptr, nullptr, nullptr);
  gst_object_unref(pipeline_);
}

GstBusSyncReply PipelineHandle::on_message(GstBus *, GstMessage *message, gpointer self) {
  auto *handle = static_cast<PipelineHandle *>(self);
  if (GST_MESSAGE_TYPE(message) == GST_MESSAGE_EOS &&
      GST_MESSAGE_SRC(message) == GST_OBJECT(handle->pipeline_)) {
    {
      std::lock_guard lock(handle->mutex_);
      handle->eos_.store(true);
    }
    handle->done_.notify_all();
  } else if (GST_MESSAGE_TYPE(message) == GST_MESSAGE_ERROR) {
    GError *error = nullptr;
    gst_message_parse_error(message, &error, nullptr);
    const char *source =
        GST_MESSAGE_SRC(message) ? GST_OBJECT_NAME(GST_MESSAGE_SRC(message)) : nullptr;
    std::string text = std::string(source ? source : "pipeline") + ": " +
                       (error ? error->message : "unknown error");
    g_clear_error(&error);
    bool first = !handle->failed_.exchange(true);
    {
      std::lock_guard lock(handle->mutex_);
      if (first) handle->error_ = text;
    }
    handle->done_.notify_all();
    if (first && handle->on_error_) handle->on_error_(text);
  }
  // Nothing reads the bus asynchronously: drop every message here.
  return GST_BUS_DROP;
}

void PipelineHandle::play() {
  if (gst_element_set_state(pipeline_, GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE)
    throw std::runtime_error("cannot start pipeline: " + error());
}

bool PipelineHandle::finish(std::chrono::milliseconds deadline) {
  {
    // EOS is posted by the bin once every sink got it; a failed pipeline
    // will never deliver it, so stop waiting at once.
    std::unique_lock lock(mutex_);
    done_.wait_for(lock, deadline, [this] { return eos_.load() || failed_.load(); });
  }
  gst_element_set_state(pipeline_, GST_STATE_NULL);
  return eos_.load();
}

std::string PipelineHandle::error() const {
  std::lock_guard lock(mutex_);
  return error_;
}

}  // namespace meetgate::recording
