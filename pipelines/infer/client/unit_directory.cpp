#include "unit_directory.hpp"

namespace meetgate::infer {

bool UnitDirectory::announce(const std::string &unit_id, const json_t *hello,
                             Clock::time_point now) {
  const json_t *models = json_object_get(hello, "models");
  const json_t *capacity = json_object_get(hello, "capacity");
  if (unit_id.empty() || !json_is_array(models)) return false;
  std::set<std::string> names;
  size_t index = 0;
  const json_t *model = nullptr;
  json_array_foreach(models, index, model) {
    const std::string name =
        json_is_string(model) ? json_string_value(model) : json_string_field(model, "name");
    if (name.empty()) return false;
    names.insert(name);
  }
  Unit &unit = units_[unit_id];  // a repeated hello refreshes, keeping the counters
  unit.unit_id = unit_id;
  unit.models = json_take(json_deep_copy(models));
  unit.model_names = std::move(names);
  unit.capacity = json_is_integer(capacity) && json_integer_value(capacity) > 0
                      ? static_cast<int>(json_integer_value(capacity))
                      : 1;
  unit.last_seen = now;
  return true;
}

bool UnitDirectory::touch(const std::string &unit_id, Clock::time_point now, const json_t *load) {
  Unit *unit = find(unit_id);
  if (!unit) return false;
  unit->last_seen = now;
  if (json_is_object(load)) unit->load = json_take(json_deep_copy(load));
  return true;
}

UnitDirectory::Unit *UnitDirectory::find(const std::string &unit_id) {
  const auto found = units_.find(unit_id);
  return found == units_.end() ? nullptr : &found->second;
}

bool UnitDirectory::remove(const std::string &unit_id) {
  return units_.erase(unit_id) > 0;
}

std::vector<std::string> UnitDirectory::expire(Clock::time_point now,
                                               std::chrono::milliseconds timeout) {
  std::vector<std::string> dead;
  for (const auto &[id, unit] : units_)
    if (now - unit.last_seen > timeout) dead.push_back(id);
  for (const auto &id : dead) units_.erase(id);
  return dead;
}

std::optional<InferError> UnitDirectory::pick(const std::string &model, const std::string &excluded,
                                              std::string &unit_id) {
  if (units_.empty()) return InferError{ErrorCode::kNoUnit, "no inference unit is connected"};
  Unit *best = nullptr;
  double best_score = 0.0;
  for (auto &[id, unit] : units_) {
    if (id == excluded || !unit.model_names.count(model)) continue;
    const double score = static_cast<double>(unit.in_flight + unit.sessions) / unit.capacity;
    if (!best || score < best_score || (score == best_score && unit.last_pick < best->last_pick)) {
      best = &unit;
      best_score = score;
    }
  }
  if (!best)
    return InferError{ErrorCode::kModelUnavailable,
                      "no connected inference unit has loaded model '" + model + "'"};
  best->last_pick = ++picks_;
  unit_id = best->unit_id;
  return std::nullopt;
}

std::vector<std::string> UnitDirectory::unit_ids() const {
  std::vector<std::string> ids;
  for (const auto &[id, unit] : units_) ids.push_back(id);
  return ids;
}

JsonPtr UnitDirectory::models_json() const {
  std::map<std::string, JsonPtr> by_name;
  for (const auto &[id, unit] : units_) {
    size_t index = 0;
    const json_t *model = nullptr;
    json_array_foreach(unit.models.get(), index, model) {
      const std::string name =
          json_is_string(model) ? json_string_value(model) : json_string_field(model, "name");
      JsonPtr &entry = by_name[name];
      if (!entry) {
        entry = json_take(json_is_object(model) ? json_deep_copy(model)
                                                : json_pack("{s:s}", "name", name.c_str()));
        json_object_set_new(entry.get(), "units", json_array());
        json_object_set_new(entry.get(), "capacity", json_integer(0));
      }
      json_array_append_new(json_object_get(entry.get(), "units"), json_string(id.c_str()));
      json_t *capacity = json_object_get(entry.get(), "capacity");
      json_integer_set(capacity, json_integer_value(capacity) + unit.capacity);
    }
  }
  JsonPtr list = json_take(json_array());
  for (auto &[name, entry] : by_name) json_array_append_new(list.get(), entry.release());
  return list;
}

JsonPtr UnitDirectory::units_json(Clock::time_point now) const {
  JsonPtr list = json_take(json_array());
  for (const auto &[id, unit] : units_) {
    JsonPtr names = json_take(json_array());
    for (const auto &name : unit.model_names)
      json_array_append_new(names.get(), json_string(name.c_str()));
    const auto silent =
        std::chrono::duration_cast<std::chrono::milliseconds>(now - unit.last_seen).count();
    json_array_append_new(
        list.get(),
        json_pack("{s:s, s:i, s:I, s:I, s:o, s:O, s:I}", "unit_id", id.c_str(), "capacity",
                  unit.capacity, "in_flight", static_cast<json_int_t>(unit.in_flight), "sessions",
                  static_cast<json_int_t>(unit.sessions), "models", names.release(), "load",
                  unit.load ? unit.load.get() : json_null(), "last_seen_ms",
                  static_cast<json_int_t>(silent)));
  }
  return list;
}

}  // namespace meetgate::infer
