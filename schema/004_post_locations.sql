-- 004: where a post can be read by someone else than the person who
-- imported it (issue 16, item 4). root is the folder the import was given
-- (the file's own folder for a file named alone): the digest shows a post's
-- path relative to it, not an absolute path of this machine. url is the
-- post's public address, from its front matter or its file name: an
-- absolute http(s) URL, or a path on its site ("/2022/04/12/summit/") that
-- "notes digest --base-url" joins to the site; '' when the post gives none.
-- A source stored before this migration has NULL in both: the next import
-- fills them, reading the file again once even when unchanged (its talks
-- are kept). Written not to depend on 002 or 003.
ALTER TABLE sources ADD COLUMN root TEXT;
ALTER TABLE sources ADD COLUMN url TEXT;
