#include "nack_generator.hpp"

#include <algorithm>

namespace meetgate::media::rtp {

NackGenerator::NackGenerator(size_t capacity, uint32_t max_retries)
    : capacity_(capacity), max_retries_(max_retries) {
  entries_.reserve(capacity_);
}

NackGenerator::Result NackGenerator::on_packet(uint16_t sequence) {
  if (!started_) {
    started_ = true;
    highest_ = sequence;
    return Result::kInOrder;
  }
  const auto forward = static_cast<int16_t>(sequence - highest_);
  if (forward <= 0) {
    // Late or retransmitted: it fills a gap if we were waiting for it.
    const auto it = std::find_if(entries_.begin(), entries_.end(),
                                 [sequence](const Entry &e) { return e.sequence == sequence; });
    if (it == entries_.end()) return Result::kInOrder;
    *it = entries_.back();
    entries_.pop_back();
    ++recovered_;
    return Result::kRecovered;
  }
  const auto missing = static_cast<size_t>(forward - 1);
  highest_ = sequence;
  if (missing == 0) return Result::kInOrder;
  if (entries_.size() + missing > capacity_) {
    entries_.clear();
    return Result::kOverflow;
  }
  for (size_t i = missing; i > 0; --i)
    entries_.push_back({static_cast<uint16_t>(sequence - i), 0, 0});
  return Result::kGap;
}

size_t NackGenerator::collect(uint64_t now_us, uint64_t retry_interval_us,
                              std::span<uint16_t> out) {
  size_t written = 0;
  for (size_t i = 0; i < entries_.size();) {
    Entry &e = entries_[i];
    if (e.retries >= max_retries_) {
      e = entries_.back();
      entries_.pop_back();
      continue;
    }
    if (written < out.size() && (e.retries == 0 || now_us - e.last_sent_us >= retry_interval_us)) {
      out[written++] = e.sequence;
      e.last_sent_us = now_us;
      ++e.retries;
      ++nacked_;
    }
    ++i;
  }
  return written;
}

void NackGenerator::reset() {
  entries_.clear();
  started_ = false;
}

}  // namespace meetgate::media::rtp
