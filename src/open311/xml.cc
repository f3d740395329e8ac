#include "open311/xml.h"

namespace linli::open311 {

namespace {

void escape(std::string& out, const std::string& text) {
  for (char c : text) {
    switch (c) {
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '&':
        out += "&amp;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        out += c;
    }
  }
}

void element(std::string& out, const std::string& name, const nlohmann::ordered_json& v,
             const std::map<std::string, std::string>& item_names) {
  out += "<" + name + ">";
  if (v.is_object()) {
    for (const auto& [k, child] : v.items()) element(out, k, child, item_names);
  } else if (v.is_array()) {
    auto it = item_names.find(name);
    const std::string item = it != item_names.end() ? it->second : "item";
    for (const auto& child : v) element(out, item, child, item_names);
  } else if (v.is_string()) {
    escape(out, v.get<std::string>());
  } else if (!v.is_null()) {
    escape(out, v.dump());
  }
  out += "</" + name + ">";
}

}  // namespace

std::string toXml(const std::string& root, const std::string& item,
                  const nlohmann::ordered_json& value,
                  const std::map<std::string, std::string>& item_names) {
  std::string out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>";
  auto names = item_names;
  names[root] = item;
  element(out, root, value, names);
  return out;
}

}  // namespace linli::open311
