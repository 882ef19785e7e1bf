#include "session_worker.hpp"

#include "message.hpp"
#include "reply_sink.hpp"
#include "unit_log.hpp"

namespace meetgate::infer {
namespace {
std::string closed_reply(const UnitJob &job) {
  JsonPtr data = json_take(json_pack("{s:s}", "status", "closed"));
  return build_reply(job.request_id, job.work_id, job.model, data.get());
}
}  // namespace

SessionWorker::SessionWorker(zmq::context_t &context, std::string outbound_endpoint,
                             const AnalyzerRegistry &registry)
    : context_(context), outbound_endpoint_(std::move(outbound_endpoint)), registry_(registry) {
  thread_ = std::thread([this] { run(); });
}

SessionWorker::~SessionWorker() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void SessionWorker::post(UnitJob job) {
  {
    std::lock_guard lock(mutex_);
    jobs_.push_back(std::move(job));
  }
  wake_.notify_one();
}

std::size_t SessionWorker::backlog() const {
  std::lock_guard lock(mutex_);
  return jobs_.size() + (running_job_ ? 1 : 0);
}

void SessionWorker::run() {
  zmq::socket_t out(context_, zmq::socket_type::push);
  out.set(zmq::sockopt::linger, 0);
  out.connect(outbound_endpoint_);
  for (;;) {
    UnitJob job;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
      if (stopping_) return;
      job = std::move(jobs_.front());
      jobs_.pop_front();
      running_job_ = true;
    }
    handle(job, out);
    std::lock_guard lock(mutex_);
    running_job_ = false;
  }
}

void SessionWorker::handle(UnitJob &job, zmq::socket_t &out) {
  switch (job.kind) {
    case UnitJob::Kind::kSetup:
      setup(job, out);
      return;
    case UnitJob::Kind::kExit:
      analyzers_.erase(job.work_id);
      send_worker_message(out, kWorkerReply, closed_reply(job));
      return;
    case UnitJob::Kind::kDropAll:
      analyzers_.clear();
      return;
    case UnitJob::Kind::kInference: {
      const auto found = analyzers_.find(job.work_id);
      if (found == analyzers_.end()) {
        send_worker_message(
            out, kWorkerReply,
            build_error(job.request_id, job.work_id, ErrorCode::kUnknownWorkId,
                        "work_id '" + job.work_id + "' is not set up on this unit"));
        return;
      }
      infer(job, *found->second, out);
      return;
    }
    case UnitJob::Kind::kOneShot:
      try {
        const json_t *config = json_object_get(job.data.get(), "config");
        std::unique_ptr<Analyzer> analyzer =
            registry_.create(job.model, config ? config : job.data.get());
        infer(job, *analyzer, out);
      } catch (const AnalyzerError &error) {
        send_worker_message(out, kWorkerReply,
                            build_error(job.request_id, "", error.code(), error.what()));
      }
      return;
  }
}

void SessionWorker::setup(UnitJob &job, zmq::socket_t &out) {
  try {
    analyzers_[job.work_id] = registry_.create(job.model, job.data.get());
    JsonPtr data = json_take(json_pack("{s:s}", "status", "ready"));
    send_worker_message(out, kWorkerReply,
                        build_reply(job.request_id, job.work_id, job.model, data.get()));
  } catch (const std::exception &error) {
    const auto *analyzer_error = dynamic_cast<const AnalyzerError *>(&error);
    const ErrorCode code = analyzer_error ? analyzer_error->code() : ErrorCode::kModelLoadFailed;
    log_line(LogLevel::kWarn, "setup of " + job.model + " failed: " + error.what());
    send_worker_message(out, kWorkerDropped, job.work_id);
    send_worker_message(out, kWorkerReply,
                        build_error(job.request_id, job.work_id, code, error.what()));
  }
}

void SessionWorker::infer(UnitJob &job, Analyzer &analyzer, zmq::socket_t &out) {
  ReplySink sink(out, job.request_id, job.work_id, job.model);
  const InferenceInput input{
      job.data.get(), {static_cast<const std::uint8_t *>(job.payload.data()), job.payload.size()}};
  try {
    analyzer.infer(input, sink);
    if (!sink.finished())  // an analyzer bug must not leave the gateway waiting
      sink.emit(json_take(json_null()), true);
  } catch (const AnalyzerError &error) {
    send_worker_message(out, kWorkerReply,
                        build_error(job.request_id, job.work_id, error.code(), error.what()));
  } catch (const std::exception &error) {  // OpenCV throws cv::Exception, a std::exception
    log_line(LogLevel::kError, job.model + " failed: " + error.what());
    send_worker_message(out, kWorkerReply,
                        build_error(job.request_id, job.work_id, ErrorCode::kInternal,
                                    std::string("analyzer failed: ") + error.what()));
  }
}

}  // namespace meetgate::infer
