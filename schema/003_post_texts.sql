-- 003: the text of every imported post that search needs beyond its talks
-- (issue 15), so that "notes reindex" rebuilds post documents from the
-- database alone. text is the post's decoded text with the lines already
-- indexed as part of a talk's body left blank: line numbers stay those of
-- the file. headings are the post's section headings, one "line<TAB>title"
-- per line, to say in which section a hit is. A source imported before
-- this migration has no row until it is imported again (an import re-reads
-- such files even when unchanged). Written not to depend on 002.
CREATE TABLE IF NOT EXISTS post_texts (
    source_id INTEGER PRIMARY KEY REFERENCES sources(id) ON DELETE CASCADE,
    text      TEXT NOT NULL,
    headings  TEXT NOT NULL
);
