#include "memory_kv.hpp"

#include <meetgate/storage/database.hpp>

namespace meetgate::storage {
namespace {
constexpr size_t kSweepEveryWrites = 4096;
}

MemoryKeyValue::Entry *MemoryKeyValue::find_live(const std::string &key) {
  auto it = entries_.find(key);
  if (it == entries_.end()) return nullptr;
  if (it->second.expires && *it->second.expires <= Clock::now()) {
    entries_.erase(it);
    return nullptr;
  }
  return &it->second;
}

MemoryKeyValue::Entry &MemoryKeyValue::fresh_entry(const std::string &key,
                                                   std::chrono::seconds ttl) {
  sweep_now_and_then();
  Entry &entry = entries_[key];
  entry = Entry{};
  if (ttl.count() > 0) entry.expires = Clock::now() + ttl;
  return entry;
}

void MemoryKeyValue::sweep_now_and_then() {
  if (++writes_since_sweep_ < kSweepEveryWrites) return;
  writes_since_sweep_ = 0;
  auto now = Clock::now();
  std::erase_if(entries_, [&](const auto &item) {
    return item.second.expires && *item.second.expires <= now;
  });
}

void MemoryKeyValue::set(const std::string &key, const std::string &value,
                         std::chrono::seconds ttl) {
  std::lock_guard lock(mutex_);
  fresh_entry(key, ttl).value = value;
}

std::optional<std::string> MemoryKeyValue::get(const std::string &key) {
  std::lock_guard lock(mutex_);
  Entry *entry = find_live(key);
  if (!entry || entry->is_set) return std::nullopt;
  return entry->value;
}

bool MemoryKeyValue::exists(const std::string &key) {
  std::lock_guard lock(mutex_);
  return find_live(key) != nullptr;
}

void MemoryKeyValue::del(const std::string &key) {
  std::lock_guard lock(mutex_);
  entries_.erase(key);
}

int64_t MemoryKeyValue::incr(const std::string &key, int64_t by, std::chrono::seconds ttl) {
  std::lock_guard lock(mutex_);
  int64_t value = 0;  // a missing key counts from zero, as in Redis
  Entry *entry = find_live(key);
  if (!entry) {
    entry = &fresh_entry(key, ttl);
  } else {
    if (entry->is_set) throw Error("incr on a set key: " + key);
    try {
      value = std::stoll(entry->value);
    } catch (const std::exception &) {
      throw Error("incr on a non-integer value: " + key);
    }
  }
  value += by;
  entry->value = std::to_string(value);
  if (!entry->expires && ttl.count() > 0) entry->expires = Clock::now() + ttl;
  return value;
}

int64_t MemoryKeyValue::ttl(const std::string &key) {
  std::lock_guard lock(mutex_);
  Entry *entry = find_live(key);
  if (!entry) return -2;
  if (!entry->expires) return -1;
  auto left = std::chrono::ceil<std::chrono::seconds>(*entry->expires - Clock::now());
  return left.count();
}

void MemoryKeyValue::sadd(const std::string &key, const std::string &member) {
  std::lock_guard lock(mutex_);
  Entry *entry = find_live(key);
  if (!entry) {
    entry = &fresh_entry(key, std::chrono::seconds(0));
    entry->is_set = true;
  }
  if (!entry->is_set) throw Error("sadd on a string key: " + key);
  entry->members.insert(member);
}

void MemoryKeyValue::srem(const std::string &key, const std::string &member) {
  std::lock_guard lock(mutex_);
  Entry *entry = find_live(key);
  if (!entry || !entry->is_set) return;
  entry->members.erase(member);
  if (entry->members.empty()) entries_.erase(key);  // as Redis: an empty set is no key
}

std::vector<std::string> MemoryKeyValue::smembers(const std::string &key) {
  std::lock_guard lock(mutex_);
  Entry *entry = find_live(key);
  if (!entry || !entry->is_set) return {};
  return {entry->members.begin(), entry->members.end()};
}

int64_t MemoryKeyValue::scard(const std::string &key) {
  std::lock_guard lock(mutex_);
  Entry *entry = find_live(key);
  if (!entry || !entry->is_set) return 0;
  return static_cast<int64_t>(entry->members.size());
}

}  // namespace meetgate::storage
