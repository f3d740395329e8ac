// The real senders, on libcurl: HTTP for the SMS gateway, SMTP for email.
#include <curl/curl.h>
#include <sodium.h>

#include <cstring>
#include <mutex>
#include <nlohmann/json.hpp>
#include <vector>

#include "notify/channel.h"

namespace linli::notify {

namespace {

void initCurl() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

size_t discard(char*, size_t size, size_t n, void*) { return size * n; }

class SmsGateway final : public Channel {
 public:
  explicit SmsGateway(SmsGatewayOptions o) : o_(std::move(o)) { initCurl(); }

  ~SmsGateway() override {
    for (CURL* c : free_) curl_easy_cleanup(c);
  }

  Status deliver(const Outgoing& m) override {
    // Handles are kept, so each keeps its connection to the gateway open.
    CURL* curl = acquire();
    if (!curl) return Status(Code::kUnavailable, "sms: no curl handle");
    const std::string body =
        nlohmann::json{{"id", std::to_string(m.id)}, {"to", m.to}, {"text", m.body}}.dump();
    curl_slist* headers = curl_slist_append(nullptr, "Content-Type: application/json");
    if (!o_.token.empty())
      headers = curl_slist_append(headers, ("Authorization: Bearer " + o_.token).c_str());
    curl_easy_setopt(curl, CURLOPT_URL, o_.url.c_str());
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.c_str());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(o_.timeout.count()));
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, discard);
    const CURLcode rc = curl_easy_perform(curl);
    long status = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    curl_slist_free_all(headers);
    release(curl, rc == CURLE_OK);
    if (rc != CURLE_OK)
      return Status(Code::kUnavailable, std::string("sms: ") + curl_easy_strerror(rc));
    if (status < 200 || status >= 300)
      return Status(Code::kUnavailable, "sms: gateway answered " + std::to_string(status));
    return Status::Ok();
  }

 private:
  CURL* acquire() {
    {
      std::lock_guard lock(mu_);
      if (!free_.empty()) {
        CURL* c = free_.back();
        free_.pop_back();
        return c;
      }
    }
    return curl_easy_init();
  }
  void release(CURL* c, bool healthy) {
    if (!healthy) return curl_easy_cleanup(c);  // a broken connection is not reused
    std::lock_guard lock(mu_);
    free_.push_back(c);
  }
  SmsGatewayOptions o_;
  std::mutex mu_;
  std::vector<CURL*> free_;
};

struct Upload {
  std::string data;
  size_t at = 0;
};
size_t readUpload(char* out, size_t size, size_t n, void* p) {
  auto* u = static_cast<Upload*>(p);
  const size_t len = std::min(size * n, u->data.size() - u->at);
  std::copy_n(u->data.data() + u->at, len, out);
  u->at += len;
  return len;
}

// RFC 2047 encoded-word, so a Chinese subject survives every mail server.
std::string encodedWord(const std::string& text) {
  std::string b64(sodium_base64_ENCODED_LEN(text.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(b64.data(), b64.size(), reinterpret_cast<const unsigned char*>(text.data()),
                    text.size(), sodium_base64_VARIANT_ORIGINAL);
  b64.resize(std::strlen(b64.c_str()));
  return "=?UTF-8?B?" + b64 + "?=";
}

class SmtpMailer final : public Channel {
 public:
  explicit SmtpMailer(SmtpOptions o) : o_(std::move(o)) { initCurl(); }

  Status deliver(const Outgoing& m) override {
    CURL* curl = curl_easy_init();
    if (!curl) return Status(Code::kUnavailable, "email: no curl handle");
    Upload up;
    up.data = "From: " + o_.from + "\r\nTo: " + m.to + "\r\nSubject: " + encodedWord(m.subject) +
              "\r\nMessage-ID: <linli-" + std::to_string(m.id) + "@" + host() +
              ">\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n"
              "Content-Transfer-Encoding: 8bit\r\n\r\n" +
              m.body + "\r\n";
    curl_slist* rcpt = curl_slist_append(nullptr, m.to.c_str());
    curl_easy_setopt(curl, CURLOPT_URL, o_.url.c_str());
    curl_easy_setopt(curl, CURLOPT_MAIL_FROM, o_.from.c_str());
    curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, rcpt);
    if (!o_.username.empty()) {
      curl_easy_setopt(curl, CURLOPT_USERNAME, o_.username.c_str());
      curl_easy_setopt(curl, CURLOPT_PASSWORD, o_.password.c_str());
    }
    curl_easy_setopt(curl, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_TRY));
    curl_easy_setopt(curl, CURLOPT_READFUNCTION, readUpload);
    curl_easy_setopt(curl, CURLOPT_READDATA, &up);
    curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(o_.timeout.count()));
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    const CURLcode rc = curl_easy_perform(curl);
    curl_slist_free_all(rcpt);
    curl_easy_cleanup(curl);
    if (rc != CURLE_OK)
      return Status(Code::kUnavailable, std::string("email: ") + curl_easy_strerror(rc));
    return Status::Ok();
  }

 private:
  std::string host() const {
    const auto at = o_.from.find('@');
    return at == std::string::npos ? "linli" : o_.from.substr(at + 1);
  }
  SmtpOptions o_;
};

}  // namespace

std::unique_ptr<Channel> makeSmsGateway(SmsGatewayOptions options) {
  return std::make_unique<SmsGateway>(std::move(options));
}

std::unique_ptr<Channel> makeSmtpMailer(SmtpOptions options) {
  return std::make_unique<SmtpMailer>(std::move(options));
}

}  // namespace linli::notify
