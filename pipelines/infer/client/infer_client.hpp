// Gateway side of the inference protocol (PROTOCOL.md): binds a ZeroMQ ROUTER
// that inference units connect to, keeps the directory of live units from
// their hello and heartbeats, spreads requests to the least-loaded unit that
// loaded the model, enforces per-request deadlines and a bounded pending
// table, and handles dead units:
//   - one-shot requests and session setups in flight on a dead unit are re-sent
//     to another unit (up to max_resends times), else fail with kUnitLost;
//   - requests on a session whose unit died fail with kUnitLost, and the session
//     callback receives a kUnitLost event: the stream state (e.g. a half-heard
//     utterance) died with the unit, the caller opens a new session.
// All methods are thread-safe. Callbacks run on the client's socket thread
// (or, for requests still pending at stop(), on the thread calling stop()).
#pragma once

#include <atomic>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <thread>
#include <zmq.hpp>

#include "client_types.hpp"
#include "message.hpp"
#include "pending_table.hpp"
#include "unit_directory.hpp"
#include "wakeup_event.hpp"

namespace meetgate::infer {

class InferClient {
 public:
  explicit InferClient(InferClientOptions options);
  ~InferClient();  // stop()
  InferClient(const InferClient &) = delete;
  InferClient &operator=(const InferClient &) = delete;

  // Binds the ROUTER and starts the socket thread. Throws zmq::error_t when the
  // endpoint cannot be bound.
  void start();
  // Stops the thread; requests still pending fail with kShutdown.
  void stop();

  // A stateless request to the least-loaded unit that loaded model.
  // deadline 0 = options.default_deadline.
  Submission infer(const std::string &model, JsonPtr data, std::string payload,
                   InferCallback callback,
                   std::chrono::milliseconds deadline = std::chrono::milliseconds(0));

  // Opens a stream session (setup) on the least-loaded unit with model. The
  // callback gets the setup reply, and later a kUnitLost event if the unit dies.
  // Requests may be submitted at once: they wait for the setup reply.
  Submission open_session(const std::string &model, JsonPtr config, InferCallback callback);
  Submission submit(const std::string &session_id, JsonPtr data, std::string payload,
                    InferCallback callback,
                    std::chrono::milliseconds deadline = std::chrono::milliseconds(0));
  // Sends exit for the session (no callback); unknown ids are ignored.
  void close_session(const std::string &session_id);

  // What the connected units actually loaded (see UnitDirectory::models_json).
  JsonPtr models() const;
  JsonPtr units() const;
  // {units, pending, sessions, sent, completed, failed, resent, timeouts, late_replies}
  JsonPtr stats() const;
  // Waits until at least count units are connected; false at timeout.
  bool wait_for_units(std::size_t count, std::chrono::milliseconds timeout) const;
  const InferClientOptions &options() const { return options_; }
  // The address actually bound (resolves "tcp://127.0.0.1:*"); set by start().
  const std::string &bound_endpoint() const { return bound_endpoint_; }

 private:
  using Clock = std::chrono::steady_clock;
  struct Session {
    std::string model;
    std::string unit_id;
    std::string work_id;  // empty until the setup reply
    bool ready = false;
    bool lost = false;
    bool close_requested = false;
    InferCallback callback;
    std::vector<std::string> waiting;  // request ids submitted before ready
  };
  struct Outbound {
    std::string unit_id;
    std::string json;
    std::shared_ptr<const std::string> payload;
  };
  using Deliveries = std::vector<std::function<void()>>;

  // Locked helpers (mutex_ held).
  std::optional<InferError> admit_locked() const;
  std::string next_id_locked(char prefix);
  void send_locked(PendingRequest &request);
  void fail_locked(PendingRequest &&request, InferError error, Deliveries &out);
  void resend_or_fail_locked(PendingRequest &&request, const std::string &dead_unit,
                             Deliveries &out);
  void unit_lost_locked(const std::string &unit_id, const std::string &why, Deliveries &out);
  void session_failed_locked(const std::string &session_id, const InferError &error,
                             Deliveries &out);
  void setup_done_locked(PendingRequest &setup, const std::string &work_id, Deliveries &out);
  void send_exit_locked(const std::string &unit_id, const std::string &work_id,
                        const std::string &model);

  // Socket thread.
  void run();
  void flush_outbound();
  void on_unit_frames(std::vector<zmq::message_t> &frames);
  void on_unit_message(const std::string &unit_id, const Message &message, Deliveries &out);
  void on_reply(const std::string &unit_id, const Message &message, Deliveries &out);
  void housekeeping(Clock::time_point now);
  void send_control(const std::string &unit_id, const std::string &json);

  const InferClientOptions options_;
  zmq::context_t context_;
  zmq::socket_t router_;
  WakeupEvent wakeup_;
  std::thread thread_;
  std::atomic<bool> stopping_{false};
  std::atomic<bool> started_{false};
  std::string bound_endpoint_;

  mutable std::mutex mutex_;
  mutable std::condition_variable units_changed_;
  UnitDirectory directory_;
  PendingTable pending_;
  std::map<std::string, Session> sessions_;
  std::deque<Outbound> outbound_;
  std::uint64_t next_id_ = 1;
  std::uint64_t sent_ = 0, completed_ = 0, failed_ = 0, resent_ = 0, timeouts_ = 0,
                late_replies_ = 0;
  Clock::time_point next_heartbeat_;
};

}  // namespace meetgate::infer
