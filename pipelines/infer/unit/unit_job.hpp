// One unit of work handed from the socket thread to a session worker.
#pragma once

#include <string>
#include <zmq.hpp>

#include "json_ptr.hpp"

namespace meetgate::infer {

struct UnitJob {
  enum class Kind {
    kSetup,      // create the analyzer for work_id
    kInference,  // run the work_id's analyzer
    kOneShot,    // inference without setup: create, run, drop (work_id empty)
    kExit,       // drop work_id's analyzer and confirm
    kDropAll,    // the gateway went away: drop every analyzer silently
  };
  Kind kind = Kind::kInference;
  std::string request_id;
  std::string work_id;
  std::string model;
  JsonPtr data;
  zmq::message_t payload;  // moved from the received frame: no copy
};

}  // namespace meetgate::infer
