-- 002: a source is a file, not a string (issue 14). notes now stores the
-- absolute, cleaned path of each file; the same content under another path
-- is found by its SHA-256.
CREATE INDEX sources_sha256 ON sources(sha256);

-- Paths stored before 002 were kept as typed. The relative ones are made
-- absolute by the next import that finds the same file from its folder
-- (store.AdoptRelative); until then they are kept, and listed by this
-- index without a scan of every source.
CREATE INDEX sources_relative ON sources(path) WHERE substr(path, 1, 1) <> '/';

-- One row per person, one per company (issue 14, item 2): spellings that
-- differ only by case, accents, a middle initial or a hyphen share a loose
-- key (core.PersonKey); company spellings by their words written together
-- (core.CompanyKey) or their first word (head, for "Bedrock" / "Bedrock
-- Streaming"). The store merges them only with evidence in common. The
-- keys of existing rows are filled by the store right after this file, in
-- the same transaction (they need Go's Unicode folding).
ALTER TABLE people ADD COLUMN loose TEXT;
CREATE INDEX people_loose ON people(loose);
ALTER TABLE companies ADD COLUMN loose TEXT;
ALTER TABLE companies ADD COLUMN head TEXT;
CREATE INDEX companies_loose ON companies(loose);
CREATE INDEX companies_head ON companies(head);

-- Translations (issue 14, item 4): a post and its translation are linked,
-- and each talk is counted once. lang is the post's language (front
-- matter); translation_key what links the two posts (a front matter key,
-- or the post's date when it only gives its language); a talk of a
-- translation points at the talk it translates.
ALTER TABLE sources ADD COLUMN lang TEXT;
ALTER TABLE sources ADD COLUMN translation_key TEXT;
CREATE INDEX sources_translation ON sources(translation_key) WHERE translation_key IS NOT NULL;
ALTER TABLE talks ADD COLUMN translation_of INTEGER REFERENCES talks(id) ON DELETE SET NULL;
CREATE INDEX talks_translation ON talks(translation_of) WHERE translation_of IS NOT NULL;
