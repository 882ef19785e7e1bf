// Callbacks are collected while the client's mutex is held and run after it
// is released, so a callback may call back into the client.
#pragma once

#include <functional>
#include <memory>
#include <vector>

#include "client_types.hpp"

namespace meetgate::infer {

inline std::function<void()> make_delivery(const InferCallback &callback, InferEvent &&event) {
  auto shared =
      std::make_shared<InferEvent>(std::move(event));  // std::function needs a copyable capture
  return [callback, shared] { callback(std::move(*shared)); };
}

inline void run_deliveries(std::vector<std::function<void()>> &deliveries) {
  for (auto &delivery : deliveries) delivery();
  deliveries.clear();
}

}  // namespace meetgate::infer
