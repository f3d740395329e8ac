#include "common/messages.h"

#include <cstdlib>
#include <map>
#include <nlohmann/json.hpp>

namespace linli {

const std::map<std::string, std::string>& embeddedMessageCatalogs();  // generated

namespace {

const std::map<std::string, nlohmann::json>& catalogs() {
  static const std::map<std::string, nlohmann::json> parsed = [] {
    std::map<std::string, nlohmann::json> out;
    for (const auto& [locale, text] : embeddedMessageCatalogs())
      out[locale] = nlohmann::json::parse(text);
    return out;
  }();
  return parsed;
}

const nlohmann::json* find(std::string_view locale, std::string_view key) {
  auto c = catalogs().find(std::string(locale));
  if (c == catalogs().end()) return nullptr;
  auto it = c->second.find(std::string(key));
  return it == c->second.end() ? nullptr : &*it;
}

}  // namespace

std::string renderMessage(std::string_view key, const MessageParams& params,
                          std::string_view locale) {
  const nlohmann::json* text = find(locale, key);
  if (!text) text = find("zh-CN", key);
  if (!text || !text->is_string()) return std::string(key);
  std::string out = text->get<std::string>();
  for (const auto& [name, value] : params) {
    const std::string slot = "{" + name + "}";
    for (size_t at = out.find(slot); at != std::string::npos;
         at = out.find(slot, at + value.size()))
      out.replace(at, slot.size(), value);
  }
  return out;
}

std::string cliLocale() {
  for (const char* var : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
    const char* v = std::getenv(var);
    if (v && *v) return std::string_view(v).rfind("en", 0) == 0 ? "en" : "zh-CN";
  }
  return "zh-CN";
}

std::vector<std::string> messageKeys(std::string_view locale) {
  std::vector<std::string> keys;
  auto c = catalogs().find(std::string(locale));
  if (c != catalogs().end())
    for (auto it = c->second.begin(); it != c->second.end(); ++it) keys.push_back(it.key());
  return keys;
}

}  // namespace linli
