-- 001: the knowledge base. SQLite is the source of truth; the Bleve index is
-- derived from these tables.

CREATE TABLE events (
    id     INTEGER PRIMARY KEY,
    key    TEXT NOT NULL UNIQUE,   -- folded series|year|city, see store.eventKey
    name   TEXT NOT NULL,
    series TEXT,
    city   TEXT,
    year   INTEGER,
    date   TEXT                    -- ISO 8601 first day
);

CREATE TABLE sources (
    id          INTEGER PRIMARY KEY,
    path        TEXT NOT NULL UNIQUE,
    sha256      TEXT NOT NULL,
    size        INTEGER NOT NULL,
    mtime       INTEGER NOT NULL,  -- unix nanoseconds, for the cheap unchanged check
    format      TEXT NOT NULL,
    encoding    TEXT,
    title       TEXT,
    event_id    INTEGER REFERENCES events(id) ON DELETE SET NULL,
    status      TEXT NOT NULL,     -- ok | warning | failed
    message     TEXT,
    imported_at TEXT NOT NULL
);
CREATE INDEX sources_event ON sources(event_id);

CREATE TABLE talks (
    id        INTEGER PRIMARY KEY,
    source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    event_id  INTEGER REFERENCES events(id) ON DELETE SET NULL,
    position  INTEGER NOT NULL,
    title     TEXT NOT NULL,
    kind      TEXT NOT NULL,
    line      INTEGER NOT NULL,
    summary   TEXT NOT NULL,
    body      TEXT NOT NULL
);
CREATE INDEX talks_source ON talks(source_id, position);
CREATE INDEX talks_event ON talks(event_id);

CREATE TABLE people (
    id   INTEGER PRIMARY KEY,
    key  TEXT NOT NULL UNIQUE,     -- folded name
    name TEXT NOT NULL
);

CREATE TABLE companies (
    id   INTEGER PRIMARY KEY,
    key  TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL
);

CREATE TABLE talk_speakers (
    talk_id    INTEGER NOT NULL REFERENCES talks(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    person_id  INTEGER NOT NULL REFERENCES people(id),
    role       TEXT,
    company_id INTEGER REFERENCES companies(id),
    PRIMARY KEY (talk_id, position)
);
CREATE INDEX talk_speakers_person ON talk_speakers(person_id);
CREATE INDEX talk_speakers_company ON talk_speakers(company_id);

CREATE TABLE talk_companies (
    talk_id    INTEGER NOT NULL REFERENCES talks(id) ON DELETE CASCADE,
    company_id INTEGER NOT NULL REFERENCES companies(id),
    position   INTEGER NOT NULL,
    PRIMARY KEY (talk_id, company_id)
);
CREATE INDEX talk_companies_company ON talk_companies(company_id);

CREATE TABLE services (
    id       INTEGER PRIMARY KEY,
    name     TEXT NOT NULL UNIQUE,  -- canonical: "Amazon S3", "AWS Lambda"
    category TEXT
);

CREATE TABLE talk_services (
    talk_id    INTEGER NOT NULL REFERENCES talks(id) ON DELETE CASCADE,
    service_id INTEGER NOT NULL REFERENCES services(id),
    mentions   INTEGER NOT NULL,
    position   INTEGER NOT NULL,
    PRIMARY KEY (talk_id, service_id)
);
CREATE INDEX talk_services_service ON talk_services(service_id);

CREATE TABLE source_services (
    source_id  INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    service_id INTEGER NOT NULL REFERENCES services(id),
    mentions   INTEGER NOT NULL,
    position   INTEGER NOT NULL,
    PRIMARY KEY (source_id, service_id)
);
CREATE INDEX source_services_service ON source_services(service_id);

CREATE TABLE note_authors (
    talk_id   INTEGER NOT NULL REFERENCES talks(id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    person_id INTEGER NOT NULL REFERENCES people(id),
    PRIMARY KEY (talk_id, position)
);

-- meta holds counters such as the generation the search index must match.
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
INSERT INTO meta(key, value) VALUES ('generation', '0');
