#include "requests/request_input.h"

#include <cmath>

#include "common/json_input.h"
#include "common/text_check.h"
#include "common/text_normalize.h"

namespace linli::requests {

namespace {

Status length(const std::string& text, const std::string& field, size_t lo, size_t hi) {
  const size_t n = json_input::utf8Length(text);
  if (n < lo || n > hi)
    return invalidArgument(field, field + " must have " + std::to_string(lo) + " to " +
                                      std::to_string(hi) + " characters");
  return Status::Ok();
}

Status freeText(std::string& text, const std::string& field, size_t lo, size_t hi) {
  LINLI_ASSIGN_OR_RETURN(std::string clean, cleanFreeText(text, field));
  text = trimmed(clean);
  return length(text, field, lo, hi);
}

Status coordinate(const std::optional<double>& v, const std::string& field, double limit) {
  if (v && (!std::isfinite(*v) || *v < -limit || *v > limit))
    return invalidArgument(field, field + " must be a number between " +
                                      std::to_string(static_cast<int>(-limit)) + " and " +
                                      std::to_string(static_cast<int>(limit)));
  return Status::Ok();
}

}  // namespace

Status checkNewRequest(NewRequest& in) {
  LINLI_TRY(freeText(in.description, "description", 1, 4000));
  LINLI_TRY(freeText(in.address, "address", 0, 200));
  LINLI_TRY(checkName(in.contact_name, "contact_name"));
  in.contact_name = trimmed(in.contact_name);
  LINLI_TRY(length(in.contact_name, "contact_name", 0, 32));
  if (in.category) {
    LINLI_TRY(checkName(*in.category, "category"));
    LINLI_TRY(length(*in.category, "category", 1, 32));
  }
  if (in.contact_phone) {
    LINLI_TRY(checkName(*in.contact_phone, "contact_phone"));
    LINLI_TRY(length(*in.contact_phone, "contact_phone", 1, 32));
  }
  LINLI_TRY(coordinate(in.lat, "lat", 90));
  LINLI_TRY(coordinate(in.lng, "lng", 180));
  if (in.priority != "low" && in.priority != "normal" && in.priority != "high" &&
      in.priority != "urgent")
    return invalidArgument("priority", "priority is low, normal, high or urgent");
  if (in.contact_method != "phone" && in.contact_method != "sms" && in.contact_method != "app" &&
      in.contact_method != "none")
    return invalidArgument("contact_method", "contact_method is phone, sms, app or none");
  if (in.idempotency_key) {
    const std::string& k = *in.idempotency_key;
    if (k.empty() || k.size() > 128 ||
        k.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.:") !=
            std::string::npos)
      return invalidArgument("Idempotency-Key",
                             "Idempotency-Key is 1 to 128 letters, digits or -_.:");
  }
  return Status::Ok();
}

}  // namespace linli::requests
