#include "demo/request_texts.h"

#include <random>

namespace linli::demo {

namespace {

struct Kind {
  const char* category;
  const char* priority;
  std::vector<const char*> phrases;
};

const std::vector<Kind>& kinds() {
  static const std::vector<Kind> all = {
      {"SR-LJ",
       "normal",
       {"门口的垃圾堆了好几天没人清运", "垃圾桶满了，臭味很大", "绿化带里有人扔了很多生活垃圾",
        "垃圾分类点周围到处是垃圾袋", "楼下垃圾没人收，招来很多苍蝇"}},
      {"SR-QT",
       "normal",
       {"有人半夜往河边倒建筑垃圾", "路边被倒了一堆装修废料", "空地上有人乱倒渣土",
        "有车辆偷偷倾倒垃圾"}},
      {"SR-GK",
       "high",
       {"楼上有人往下扔东西，差点砸到人", "高空抛物，楼下车被砸了", "阳台上掉下花盆，很危险",
        "有人从窗户往外扔酒瓶"}},
      {"XC-XG",
       "low",
       {"楼道墙上贴满了小广告", "电梯里被贴了办证小广告", "单元门上到处是开锁广告",
        "电线杆上的小广告清理不掉"}},
      {"SG-ZY",
       "normal",
       {"工地晚上十点以后还在施工，噪音扰民", "隔壁工地凌晨打桩", "施工车辆夜里进出声音太大",
        "工地扬尘很大，窗户都不敢开"}},
      {"SG-WZ",
       "normal",
       {"顶楼有人私自搭建阳光房", "一楼住户占用绿地违章搭建", "有人在楼顶加盖彩钢房",
        "院子里私搭乱建的棚子越来越多"}},
      {"JM-ZD",
       "normal",
       {"路口有小贩占道摆摊", "早市摊位占了整条人行道", "烧烤摊占道经营，油烟很大",
        "水果摊把路堵了"}},
      {"JM-TC",
       "normal",
       {"消防通道被私家车堵住了", "有车长期停在小区门口不走", "电动车乱停堵住楼道口",
        "车辆乱停放，救护车进不来"}},
      {"TF-SS",
       "urgent",
       {"路上水管爆了，水流得到处都是", "地下室进水了，水管破裂", "楼道里的水管漏水很严重",
        "小区主水管爆裂，全楼停水"}},
      {"TF-DT",
       "urgent",
       {"电梯困人了，里面有老人", "有人被关在电梯里出不来", "电梯突然停在两层之间，里面有小孩",
        "电梯困人，按警铃没人应"}},
      {"SQ-FL",
       "low",
       {"想咨询一下房屋继承的法律问题", "被拖欠工资，想找律师咨询", "租房押金不退，怎么维权",
        "离婚财产分割想咨询法律援助"}},
      {"SQ-XL",
       "normal",
       {"孩子最近情绪很低落，想找心理老师聊聊", "老伴去世后父亲一直很消沉",
        "邻居阿姨独居，好像有抑郁倾向", "家里老人总是失眠焦虑，需要心理疏导"}},
      {"SQ-WX",
       "normal",
       {"楼道灯坏了好几天，晚上看不见", "单元门的门禁坏了关不上", "楼顶漏水，家里墙都湿了",
        "下水道堵了，污水反到地面"}},
      {"SQ-YL",
       "high",
       {"独居老人好几天没出门，担心出事", "想给行动不便的母亲申请助餐服务", "高龄老人需要上门护理",
        "老人腿脚不好，希望有人帮忙买菜"}},
      {"SQ-LL",
       "normal",
       {"邻居在楼道堆放杂物，影响通行", "楼上邻居家漏水到我家，协商不成", "邻居占用公共区域晾衣服",
        "和邻居因为车位吵起来了，需要调解"}},
      {"SQ-ZS",
       "normal",
       {"楼上每天晚上很吵，影响休息", "广场舞音响声音太大", "楼下商铺音乐开得很响",
        "隔壁装修电钻声从早响到晚"}},
      {"SQ-DT",
       "high",
       {"电梯又坏了，老人下不了楼", "电梯经常停运，没人维修", "电梯运行有异响，担心安全",
        "电梯按钮失灵，好几天没修"}},
      {"SQ-CW",
       "low",
       {"邻居家的狗整夜叫", "有人遛狗不拴绳，吓到小孩", "楼道里有狗大小便没人清理",
        "小区流浪猫越来越多"}},
      {"SQ-WY",
       "normal",
       {"物业收费不透明，想要公示", "物业不管事，保洁很差", "物业擅自涨停车费",
        "物业维修拖拖拉拉，一直没人来"}},
  };
  return all;
}

}  // namespace

std::vector<RequestText> requestTexts(size_t n, uint64_t seed) {
  static const std::vector<const char*> openings = {
      "",           "您好，",        "你好，", "麻烦反映一下：", "我是3号楼的住户，",
      "社区你好，", "想反映个问题，"};
  static const std::vector<const char*> places = {
      "", "在5号楼", "在幸福里小区", "在2单元", "在东门附近", "在菜市场旁边", "在12栋楼下"};
  static const std::vector<const char*> closings = {
      "",         "，请尽快处理。",   "，已经好几天了。", "，希望有人来看看。",
      "，谢谢！", "，大家意见很大。", "，麻烦联系我。"};
  std::mt19937_64 rng(seed);
  auto pick = [&](const auto& v) { return v[rng() % v.size()]; };
  std::vector<RequestText> out;
  out.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    const Kind& k = kinds()[rng() % kinds().size()];
    std::string text =
        std::string(pick(openings)) + pick(places) + pick(k.phrases) + pick(closings);
    // A dispatcher raises some: the same words get a different priority now and then.
    std::string priority = k.priority;
    if (rng() % 10 == 0) priority = priority == "urgent" ? "high" : "high";
    out.push_back({k.category, priority, std::move(text)});
  }
  return out;
}

}  // namespace linli::demo
