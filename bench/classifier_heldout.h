// A held-out set for the request classifier: complaints written by hand, apart
// from the demo generator (src/demo/request_texts.cc) and without looking at
// its phrases, in the words residents and hotline operators use. The generator
// trains the classifier; this set measures it. Small (a few per category), so
// its accuracy moves in steps of about 1%: read it as a rough figure.
#pragma once

#include <vector>

namespace linli::bench {

struct HeldOutText {
  const char* category;  // leaf category code (migration 0009)
  const char* text;
};

const std::vector<HeldOutText>& classifierHeldOut();

}  // namespace linli::bench
