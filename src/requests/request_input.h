// Private to requests: the one check of a new request's input, whichever door
// it came in by (the JSON API, Open311, an integration's token). Lengths
// count characters; text is valid UTF-8 without control characters (bidi
// controls are removed from free text and refused in names); coordinates are
// finite and on the globe; priorities and contact methods are known words.
// Normalizes `in` in place; InvalidArgument names the field.
#pragma once

#include "requests/requests.h"

namespace linli::requests {

Status checkNewRequest(NewRequest& in);

}  // namespace linli::requests
