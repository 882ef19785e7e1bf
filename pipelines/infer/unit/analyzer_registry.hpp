// Model name -> how to build an Analyzer for it. The unit advertises in its
// hello only the models whose probe instance could actually be created.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "analyzer.hpp"

namespace meetgate::infer {

struct ModelDescriptor {
  std::string name;         // "asr.pocketsphinx"
  std::string kind;         // "asr", "vision", "audio", "video"
  std::string input;        // "audio/pcm_s16le;rate=16000;channels=1" or "image"
  std::string description;  // one line for GET /api/v1/models
};

class AnalyzerRegistry {
 public:
  // config: the "setup" data (borrowed, may be null). Throws AnalyzerError.
  using CreateFn = std::function<std::unique_ptr<Analyzer>(const json_t *config)>;

  void add(ModelDescriptor descriptor, CreateFn create);
  bool contains(const std::string &name) const;
  std::vector<std::string> names() const;
  // Throws AnalyzerError(kUnknownModel) for a name that is not registered.
  std::unique_ptr<Analyzer> create(const std::string &name, const json_t *config) const;
  // Keeps only the listed models ("all" keeps everything); unknown names are
  // returned so the caller can report them.
  std::vector<std::string> retain(const std::vector<std::string> &wanted);
  // Creates one instance of each model and drops those that fail, returning
  // "name: reason" for each dropped one.
  std::vector<std::string> probe();
  // [{name, kind, input, description}]
  JsonPtr describe() const;

 private:
  struct Entry {
    ModelDescriptor descriptor;
    CreateFn create;
  };
  const Entry *find(const std::string &name) const;

  std::vector<Entry> entries_;
};

}  // namespace meetgate::infer
