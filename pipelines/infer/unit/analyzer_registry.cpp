#include "analyzer_registry.hpp"

#include <algorithm>

namespace meetgate::infer {

void AnalyzerRegistry::add(ModelDescriptor descriptor, CreateFn create) {
  entries_.push_back({std::move(descriptor), std::move(create)});
}

const AnalyzerRegistry::Entry *AnalyzerRegistry::find(const std::string &name) const {
  for (const auto &entry : entries_)
    if (entry.descriptor.name == name) return &entry;
  return nullptr;
}

bool AnalyzerRegistry::contains(const std::string &name) const {
  return find(name) != nullptr;
}

std::vector<std::string> AnalyzerRegistry::names() const {
  std::vector<std::string> out;
  for (const auto &entry : entries_) out.push_back(entry.descriptor.name);
  return out;
}

std::unique_ptr<Analyzer> AnalyzerRegistry::create(const std::string &name,
                                                   const json_t *config) const {
  const Entry *entry = find(name);
  if (!entry)
    throw AnalyzerError(ErrorCode::kUnknownModel,
                        "model '" + name + "' is not loaded by this unit");
  return entry->create(config);
}

std::vector<std::string> AnalyzerRegistry::retain(const std::vector<std::string> &wanted) {
  if (std::find(wanted.begin(), wanted.end(), "all") != wanted.end()) return {};
  std::vector<std::string> unknown;
  for (const auto &name : wanted)
    if (!find(name)) unknown.push_back(name);
  std::erase_if(entries_, [&](const Entry &entry) {
    return std::find(wanted.begin(), wanted.end(), entry.descriptor.name) == wanted.end();
  });
  return unknown;
}

std::vector<std::string> AnalyzerRegistry::probe() {
  std::vector<std::string> failures;
  std::erase_if(entries_, [&](const Entry &entry) {
    try {
      entry.create(nullptr);
      return false;
    } catch (const std::exception &error) {
      failures.push_back(entry.descriptor.name + ": " + error.what());
      return true;
    }
  });
  return failures;
}

JsonPtr AnalyzerRegistry::describe() const {
  JsonPtr models = json_take(json_array());
  for (const auto &entry : entries_) {
    const ModelDescriptor &d = entry.descriptor;
    json_array_append_new(models.get(), json_pack("{s:s, s:s, s:s, s:s}", "name", d.name.c_str(),
                                                  "kind", d.kind.c_str(), "input", d.input.c_str(),
                                                  "description", d.description.c_str()));
  }
  return models;
}

}  // namespace meetgate::infer
