-- Category keywords (关键词) the street admin edits: a description containing
-- one leans the request classifier towards that leaf category. Seeded with the
-- words that tell apart the categories residents most often confuse.
CREATE TABLE request_category_keywords (
  category_code TEXT NOT NULL REFERENCES request_categories(code),
  position INTEGER NOT NULL,        -- the order the admin wrote them in
  keyword TEXT NOT NULL,
  PRIMARY KEY (category_code, keyword)
);

INSERT INTO request_category_keywords (category_code, position, keyword) VALUES
  ('SR-LJ', 1, '垃圾桶'), ('SR-LJ', 2, '清运'), ('SR-LJ', 3, '垃圾房'),
  ('SR-QT', 1, '渣土'), ('SR-QT', 2, '建筑垃圾'), ('SR-QT', 3, '偷倒'), ('SR-QT', 4, '倾倒'),
  ('SR-GK', 1, '高空抛物'), ('SR-GK', 2, '往下扔'), ('SR-GK', 3, '往下丢'),
  ('SR-LH', 1, '绿化'), ('SR-LH', 2, '草坪'), ('SR-LH', 3, '砍树'),
  ('XC-XG', 1, '小广告'), ('XC-XG', 2, '牛皮癣'), ('XC-XG', 3, '传单'),
  ('XC-HW', 1, '广告牌'), ('XC-HW', 2, '招牌'), ('XC-HW', 3, '灯箱'),
  ('SG-ZY', 1, '工地'), ('SG-ZY', 2, '打桩'), ('SG-ZY', 3, '夜间施工'),
  ('SG-WZ', 1, '违建'), ('SG-WZ', 2, '违章搭建'), ('SG-WZ', 3, '私搭乱建'), ('SG-WZ', 4, '加盖'),
  ('JM-ZD', 1, '摆摊'), ('JM-ZD', 2, '占道'), ('JM-ZD', 3, '小贩'),
  ('JM-TC', 1, '乱停'), ('JM-TC', 2, '消防通道'), ('JM-TC', 3, '僵尸车'),
  ('TF-SS', 1, '爆管'), ('TF-SS', 2, '水管爆'), ('TF-SS', 3, '爆了'),
  ('TF-DT', 1, '困人'), ('TF-DT', 2, '被困'), ('TF-DT', 3, '关在电梯'),
  ('SQ-FL', 1, '律师'), ('SQ-FL', 2, '法律'), ('SQ-FL', 3, '起诉'), ('SQ-FL', 4, '维权'),
  ('SQ-XL', 1, '心理'), ('SQ-XL', 2, '抑郁'), ('SQ-XL', 3, '想不开'),
  ('SQ-WX', 1, '坏了'), ('SQ-WX', 2, '修一下'), ('SQ-WX', 3, '报修'),
  ('SQ-YL', 1, '助餐'), ('SQ-YL', 2, '独居老人'), ('SQ-YL', 3, '养老'),
  ('SQ-LL', 1, '调解'), ('SQ-LL', 2, '吵架'), ('SQ-LL', 3, '邻居家'),
  ('SQ-ZS', 1, '噪音'), ('SQ-ZS', 2, '扰民'), ('SQ-ZS', 3, '广场舞'),
  ('SQ-DT', 1, '电梯坏'), ('SQ-DT', 2, '电梯停'), ('SQ-DT', 3, '电梯异响'),
  ('SQ-CW', 1, '狗'), ('SQ-CW', 2, '猫'), ('SQ-CW', 3, '遛狗'),
  ('SQ-WY', 1, '物业'), ('SQ-WY', 2, '物业费'), ('SQ-WY', 3, '保安');
