-- Default visit rules (走访从第一天起): each street gets linli's default rules
-- once, when the visits room first meets it; this row says it has, so a rule
-- the street removed is not brought back at the next start.
CREATE TABLE visit_rule_defaults (
  street_id INTEGER PRIMARY KEY REFERENCES streets(id),
  seeded_at INTEGER NOT NULL
);
-- A street that already wrote its own rules keeps them as they are.
INSERT INTO visit_rule_defaults (street_id, seeded_at)
  SELECT DISTINCT street_id, 0 FROM visit_rules;
