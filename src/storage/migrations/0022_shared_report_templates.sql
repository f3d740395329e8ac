-- A saved report can be shared with everyone who works inside its author's
-- area (a community admin's "90岁以上独居老人" for the community's grid
-- workers). Whoever runs it gets the answer for their own area.
ALTER TABLE report_templates ADD COLUMN shared INTEGER NOT NULL DEFAULT 0;
