-- 002: reserved for the knowledge-base issue (issue 14), developed on
-- another branch. This no-op stands in for it so that 003 is in sequence
-- here; delete this file when that branch's 002 is merged (003 does not
-- depend on what 002 does).
SELECT 1;
