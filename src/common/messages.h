// Message catalogs: the texts a worker reads for a Status key or an import
// problem's key (status.h), per locale, in src/common/messages/<locale>.json
// (compiled in; the web imports the same files). `{name}` in a text is
// replaced by the parameter of that name. The CLI renders by its locale; the
// web by the worker's.
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"

namespace linli {

// The text of `key` in `locale` (zh-CN when the locale has none; the key
// itself when no catalog has it), its parameters filled in.
std::string renderMessage(std::string_view key, const MessageParams& params,
                          std::string_view locale);
// zh-CN unless LC_ALL, LC_MESSAGES or LANG names English ("en…").
std::string cliLocale();
// Every key of the catalog of `locale` (for the check that catalogs agree).
std::vector<std::string> messageKeys(std::string_view locale);

}  // namespace linli
