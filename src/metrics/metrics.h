// Metrics: process-wide counters and latency histograms, rendered in the
// Prometheus text exposition format for GET /metrics. Thread-safe. Label
// values must never carry personal data (use route patterns, not paths).
#pragma once

#include <array>
#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace linli::metrics {

using Labels = std::vector<std::pair<std::string, std::string>>;

class Histogram {
 public:
  static constexpr std::array<double, 12> kBounds = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                     0.05,   0.1,   0.25,   0.5,   1.0,  2.5};
  void observe(double seconds);
  void render(std::string& out, const std::string& name, const std::string& labels) const;

 private:
  std::array<std::atomic<uint64_t>, kBounds.size() + 1> buckets_{};
  std::atomic<uint64_t> count_{0};
  std::atomic<uint64_t> sum_micros_{0};
};

class Registry {
 public:
  static Registry& global();
  void increment(const std::string& name, const Labels& labels, uint64_t by = 1);
  void observe(const std::string& name, const Labels& labels, double seconds);
  void setHelp(const std::string& name, const std::string& type, const std::string& help);
  std::string render() const;

 private:
  mutable std::mutex mu_;
  std::map<std::string, std::pair<std::string, std::string>> help_;  // name -> (type, help)
  std::map<std::string, std::map<std::string, uint64_t>> counters_;
  std::map<std::string, std::map<std::string, std::unique_ptr<Histogram>>> histograms_;
};

}  // namespace linli::metrics
