-- Resident requests (诉求工单): a two-level category taxonomy per street, the
-- requests themselves, their append-only timeline, and the daily serials
-- behind readable numbers. Times are epoch milliseconds.
CREATE TABLE request_categories (
  code TEXT PRIMARY KEY,            -- e.g. SR (class) or SR-LJ (category)
  parent_code TEXT REFERENCES request_categories(code),
  name TEXT NOT NULL,               -- zh-CN
  name_en TEXT NOT NULL,
  unit TEXT NOT NULL,               -- grid | community | department
  response_hours INTEGER NOT NULL,
  resolve_hours INTEGER NOT NULL,
  active INTEGER NOT NULL DEFAULT 1
);

-- The six event classes of the national digital city-management standard
-- (GB/T 30428: 市容环境, 宣传广告, 施工管理, 街面秩序, 突发事件, 其他) and the
-- needs a community hears every day.
INSERT INTO request_categories (code, parent_code, name, name_en, unit, response_hours, resolve_hours) VALUES
  ('SR', NULL, '市容环境', 'City appearance and environment', 'grid', 2, 72),
  ('SR-LJ', 'SR', '暴露垃圾', 'Exposed rubbish', 'grid', 2, 24),
  ('SR-QT', 'SR', '乱倒垃圾', 'Illegal dumping', 'grid', 2, 48),
  ('SR-GK', 'SR', '高空抛物', 'Objects thrown from height', 'community', 1, 24),
  ('SR-LH', 'SR', '绿化损坏', 'Damaged greenery', 'department', 4, 120),
  ('XC', NULL, '宣传广告', 'Advertising', 'department', 4, 120),
  ('XC-XG', 'XC', '非法小广告', 'Illegal flyers', 'grid', 4, 72),
  ('XC-HW', 'XC', '违规户外广告', 'Unlicensed outdoor advertising', 'department', 4, 120),
  ('SG', NULL, '施工管理', 'Construction', 'department', 4, 120),
  ('SG-ZY', 'SG', '施工扰民', 'Construction disturbance', 'department', 2, 72),
  ('SG-WZ', 'SG', '违章搭建', 'Illegal structures', 'department', 4, 240),
  ('JM', NULL, '街面秩序', 'Street order', 'department', 2, 72),
  ('JM-ZD', 'JM', '占道经营', 'Street vending on the road', 'department', 2, 48),
  ('JM-TC', 'JM', '乱停车', 'Parking', 'community', 2, 48),
  ('TF', NULL, '突发事件', 'Emergencies', 'community', 1, 24),
  ('TF-SS', 'TF', '水管爆裂', 'Burst water pipe', 'department', 1, 12),
  ('TF-DT', 'TF', '电梯困人', 'People trapped in a lift', 'department', 1, 4),
  ('QT', NULL, '其他', 'Other', 'community', 4, 120),
  ('SQ', NULL, '社区需求', 'Community needs', 'community', 4, 120),
  ('SQ-FL', 'SQ', '法律咨询', 'Legal advice', 'community', 8, 120),
  ('SQ-XL', 'SQ', '心理疏导', 'Counselling', 'community', 8, 120),
  ('SQ-WX', 'SQ', '房屋维修', 'Repairs', 'grid', 4, 120),
  ('SQ-YL', 'SQ', '养老照护', 'Elderly care', 'community', 4, 72),
  ('SQ-LL', 'SQ', '邻里纠纷', 'Neighbour disputes', 'grid', 4, 72),
  ('SQ-ZS', 'SQ', '噪声扰民', 'Noise', 'grid', 2, 48),
  ('SQ-DT', 'SQ', '电梯故障', 'Lift out of order', 'community', 2, 48),
  ('SQ-CW', 'SQ', '宠物扰民', 'Pets', 'grid', 4, 72),
  ('SQ-WY', 'SQ', '物业服务', 'Property management', 'community', 4, 120);

CREATE TABLE requests (
  id INTEGER PRIMARY KEY,
  number TEXT NOT NULL UNIQUE,
  street_id INTEGER NOT NULL REFERENCES streets(id),
  community_id INTEGER,
  grid_id INTEGER,
  building_id INTEGER,
  household_id INTEGER,
  address TEXT NOT NULL DEFAULT '',
  lat REAL,
  lng REAL,
  category_code TEXT REFERENCES request_categories(code),
  priority TEXT NOT NULL,           -- low | normal | high | urgent
  status TEXT NOT NULL,
  description TEXT NOT NULL,
  channel TEXT NOT NULL,            -- web | hotline | integration
  contact_name TEXT NOT NULL DEFAULT '',
  contact_phone_sealed TEXT,
  contact_phone_last4 TEXT,
  contact_method TEXT NOT NULL,     -- phone | sms | app | none
  filed_by INTEGER REFERENCES users(id),
  unit TEXT NOT NULL,               -- grid | community | department
  assignee_id INTEGER REFERENCES users(id),
  response_due INTEGER NOT NULL,
  resolve_due INTEGER NOT NULL,
  paused_at INTEGER,                -- waiting_on_resident since
  rating INTEGER,
  rating_comment TEXT,
  idempotency_key TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  resolved_at INTEGER,
  closed_at INTEGER,
  UNIQUE (filed_by, idempotency_key)
);
CREATE INDEX requests_grid ON requests(grid_id, status);
CREATE INDEX requests_community ON requests(community_id, status);
CREATE INDEX requests_assignee ON requests(assignee_id, status);
CREATE INDEX requests_filed_by ON requests(filed_by);
CREATE INDEX requests_due ON requests(resolve_due);

CREATE TABLE request_events (
  id INTEGER PRIMARY KEY,
  request_id INTEGER NOT NULL REFERENCES requests(id),
  at INTEGER NOT NULL,
  kind TEXT NOT NULL,
  from_status TEXT,
  to_status TEXT,
  actor_id INTEGER REFERENCES users(id),
  note TEXT NOT NULL DEFAULT '',
  internal INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX request_events_request ON request_events(request_id, id);

CREATE TABLE request_serials (
  prefix TEXT PRIMARY KEY,          -- category code + date
  last INTEGER NOT NULL
);
