// The XML shape of Open311 answers, written from the JSON one: an object
// becomes child elements, an array repeats an element named by the caller's
// map (e.g. "attributes" → "attribute"), null becomes an empty element.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>

namespace linli::open311 {

// <root><item>…</item>…</root> for an array, or <root>…</root> for an object.
std::string toXml(const std::string& root, const std::string& item,
                  const nlohmann::ordered_json& value,
                  const std::map<std::string, std::string>& item_names = {});

}  // namespace linli::open311
