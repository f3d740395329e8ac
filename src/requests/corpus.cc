// Reading the embedded corpus, and the generator that varies its sentences the
// way the same complaint reaches a worker from different people: who speaks
// (an old man, a renter, a shop owner, a parent), where and when, how urgent,
// and the slips of a phone keyboard's pinyin input (homophones).
#include "requests/corpus.h"

#include <random>

namespace linli::requests {

Result<std::vector<CorpusLine>> parseCorpus(std::string_view tsv) {
  std::vector<CorpusLine> out;
  size_t number = 0;
  while (!tsv.empty()) {
    const size_t end = tsv.find('\n');
    std::string_view line = tsv.substr(0, end);
    tsv = end == std::string_view::npos ? std::string_view() : tsv.substr(end + 1);
    ++number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    const size_t tab = line.find('\t');
    if (tab == std::string_view::npos || tab == 0 || tab + 1 == line.size())
      return invalidArgument("corpus",
                             "line " + std::to_string(number) + ": expected category<TAB>text");
    out.push_back({std::string(line.substr(0, tab)), std::string(line.substr(tab + 1))});
  }
  return out;
}

namespace {

// The shipped files are checked by the unit tests; a broken one is a build defect.
std::vector<CorpusLine> parsedOrEmpty(std::string_view tsv) {
  auto parsed = parseCorpus(tsv);
  return parsed.ok() ? std::move(*parsed) : std::vector<CorpusLine>{};
}

// Who is speaking, and how they start.
constexpr const char* kOpeners[] = {
    "",
    "",
    "你好，",
    "您好，",
    "喂，",
    "社区你好，",
    "网格员你好，",
    "王网格你好，",
    "麻烦问一下，",
    "我想反映个事，",
    "我是租户，",
    "我是楼下开店的，",
    "我家老人让我说一下，",
    "我是宝妈，",
    "大爷我跟你们说，",
    "阿姨跟你讲哦，",
    "我是业主，",
    "投诉一下，",
    "求助，",
    "那个，",
};
// Where and when, said before the complaint or not at all.
constexpr const char* kPlaces[] = {
    "",       "",         "",           "我们3栋",        "12号楼那边", "小区东门", "2单元",
    "后门口", "菜场边上", "幸福里小区", "老年活动室旁边", "学校门口",   "地下车库", "我们楼",
};
constexpr const char* kTimes[] = {
    "", "", "", "昨天", "今天早上", "这几天", "上礼拜", "晚上", "最近一个月", "天天",
};
// How it ends: urgency, patience, thanks.
constexpr const char* kClosings[] = {
    "",         "",           "",           "，快点来人",     "，急！！", "，谢谢",
    "，麻烦了", "，好几天了", "，没人管啊", "，拜托",         "。请尽快", "，能不能管管",
    "？",       "…",          "，在线等",   "，大家都有意见",
};
// Pinyin input slips: the word meant, and what a hurried thumb typed.
struct Slip {
  const char* meant;
  const char* typed;
};
constexpr Slip kSlips[] = {
    {"垃圾", "拉圾"}, {"电梯", "电题"}, {"物业", "物页"}, {"噪音", "燥音"}, {"漏水", "露水"},
    {"楼道", "楼到"}, {"广告", "光告"}, {"停车", "挺车"}, {"邻居", "邻局"}, {"施工", "施公"},
    {"装修", "装休"}, {"维修", "维休"}, {"老人", "老仁"}, {"水管", "水关"}, {"小狗", "小苟"},
    {"吵", "炒"},     {"的", "得"},     {"在", "再"},     {"已经", "以经"}, {"没人", "没银"},
    {"律师", "律丝"}, {"心理", "心里"}, {"摆摊", "摆滩"}, {"违建", "违见"}, {"扔", "仍"},
    {"树", "数"},     {"困", "捆"},     {"堵", "赌"},
};

std::string withSlip(std::string text, std::mt19937_64& rng) {
  const size_t start = rng() % std::size(kSlips);
  for (size_t i = 0; i < std::size(kSlips); ++i) {
    const Slip& s = kSlips[(start + i) % std::size(kSlips)];
    const size_t at = text.find(s.meant);
    if (at == std::string::npos) continue;
    text.replace(at, std::string_view(s.meant).size(), s.typed);
    return text;
  }
  return text;
}

// Trailing punctuation goes before a closing is added.
std::string withoutEnding(std::string text) {
  for (std::string_view end : {"。", "！", "？", "，", "!", "?", ".", ","})
    while (text.size() >= end.size() &&
           text.compare(text.size() - end.size(), end.size(), end) == 0)
      text.resize(text.size() - end.size());
  return text;
}

}  // namespace

const std::vector<CorpusLine>& seedSentences() {
  static const std::vector<CorpusLine> lines = parsedOrEmpty(corpus_data::trainTsv());
  return lines;
}

const std::vector<CorpusLine>& evaluationSet() {
  static const std::vector<CorpusLine> lines = parsedOrEmpty(corpus_data::evalTsv());
  return lines;
}

std::vector<CorpusLine> trainingCorpus(size_t variants) {
  const auto& seeds = seedSentences();
  std::vector<CorpusLine> out;
  out.reserve(seeds.size() * (variants + 1));
  std::mt19937_64 rng(20261203);
  auto pick = [&rng](const auto& list) { return std::string(list[rng() % std::size(list)]); };
  for (const CorpusLine& s : seeds) {
    out.push_back(s);
    for (size_t v = 0; v < variants; ++v) {
      std::string text =
          pick(kOpeners) + pick(kTimes) + pick(kPlaces) + withoutEnding(s.text) + pick(kClosings);
      if (rng() % 3 == 0) text = withSlip(std::move(text), rng);
      out.push_back({s.category, std::move(text)});
    }
  }
  return out;
}

}  // namespace linli::requests
