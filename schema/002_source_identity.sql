-- 002: a source is a file, not a string (issue 14). notes now stores the
-- absolute, cleaned path of each file; the same content under another path
-- is found by its SHA-256.
CREATE INDEX sources_sha256 ON sources(sha256);

-- Paths stored before 002 were kept as typed. The relative ones are made
-- absolute by the next import that finds the same file from its folder
-- (store.AdoptRelative); until then they are kept, and listed by this
-- index without a scan of every source.
CREATE INDEX sources_relative ON sources(path) WHERE substr(path, 1, 1) <> '/';
