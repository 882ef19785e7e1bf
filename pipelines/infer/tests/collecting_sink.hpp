// A ResultSink that keeps what an analyzer emitted, for the unit tests.
#pragma once

#include <vector>

#include "analyzer.hpp"

namespace meetgate::infer::test {

class CollectingSink : public ResultSink {
 public:
  void emit(JsonPtr delta, bool finish) override {
    deltas.push_back(std::move(delta));
    finishes.push_back(finish);
  }
  const json_t *last() const { return deltas.back().get(); }

  std::vector<JsonPtr> deltas;
  std::vector<bool> finishes;
};

}  // namespace meetgate::infer::test
