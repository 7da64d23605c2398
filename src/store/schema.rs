//! Numbered migrations. Migration N brings the schema from `user_version` N-1 to N.

/// Columns every editable row carries: its version and who changed it when.
macro_rules! stamp {
    () => {
        "version INTEGER NOT NULL DEFAULT 1,
         changed_by TEXT NOT NULL DEFAULT '',
         changed_at TEXT NOT NULL DEFAULT ''"
    };
}

/// A trigram index of a table's `name_fold`, its content read from the table itself, and the
/// triggers that keep it.
macro_rules! fts_names {
    ($name:literal, $table:literal) => {
        concat!(
            "CREATE VIRTUAL TABLE fts_",
            $name,
            "_names USING fts5(name_fold, content='",
            $table,
            "', content_rowid='id', tokenize='trigram');
             INSERT INTO fts_",
            $name,
            "_names(fts_",
            $name,
            "_names) VALUES ('rebuild');
             CREATE TRIGGER fts_",
            $name,
            "_names_i AFTER INSERT ON ",
            $table,
            " BEGIN
               INSERT INTO fts_",
            $name,
            "_names(rowid, name_fold) VALUES (new.id, new.name_fold);
             END;
             CREATE TRIGGER fts_",
            $name,
            "_names_d AFTER DELETE ON ",
            $table,
            " BEGIN
               INSERT INTO fts_",
            $name,
            "_names(fts_",
            $name,
            "_names, rowid, name_fold)
                 VALUES ('delete', old.id, old.name_fold);
             END;
             CREATE TRIGGER fts_",
            $name,
            "_names_u AFTER UPDATE OF id, name_fold ON ",
            $table,
            " BEGIN
               INSERT INTO fts_",
            $name,
            "_names(fts_",
            $name,
            "_names, rowid, name_fold)
                 VALUES ('delete', old.id, old.name_fold);
               INSERT INTO fts_",
            $name,
            "_names(rowid, name_fold) VALUES (new.id, new.name_fold);
             END;
"
        )
    };
}

pub const MIGRATIONS: &[&str] = &[
    concat!(
        "CREATE TABLE districts (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        region TEXT NOT NULL DEFAULT '',",
        stamp!(),
        ");
    CREATE TABLE organizations (
        id INTEGER PRIMARY KEY,
        district_id INTEGER REFERENCES districts(id),
        kind TEXT NOT NULL CHECK (kind IN ('school', 'body')),
        school_type TEXT NOT NULL DEFAULT '',
        name TEXT NOT NULL,
        short_name TEXT NOT NULL DEFAULT '',
        town TEXT NOT NULL DEFAULT '',
        name_fold TEXT NOT NULL DEFAULT '',",
        stamp!(),
        ");
    CREATE INDEX organizations_district ON organizations(district_id);
    CREATE TABLE people (
        id INTEGER PRIMARY KEY,
        full_name TEXT NOT NULL,
        role TEXT NOT NULL DEFAULT '',
        org_id INTEGER REFERENCES organizations(id),
        subjects TEXT NOT NULL DEFAULT '',
        name_fold TEXT NOT NULL DEFAULT '',",
        stamp!(),
        ");
    CREATE INDEX people_org ON people(org_id);
    CREATE TABLE cluster_status (
        id INTEGER PRIMARY KEY,
        org_id INTEGER NOT NULL REFERENCES organizations(id),
        year INTEGER NOT NULL,
        status TEXT NOT NULL,
        risk_level TEXT NOT NULL DEFAULT '',
        note TEXT NOT NULL DEFAULT '',",
        stamp!(),
        ",
        UNIQUE (org_id, year, status));
    CREATE TABLE risk_directions (
        id INTEGER PRIMARY KEY,
        org_id INTEGER NOT NULL REFERENCES organizations(id),
        year INTEGER NOT NULL,
        direction TEXT NOT NULL,
        programme TEXT NOT NULL DEFAULT '',
        progress TEXT NOT NULL DEFAULT '',",
        stamp!(),
        ");
    CREATE TABLE mentoring_links (
        id INTEGER PRIMARY KEY,
        level TEXT NOT NULL CHECK (level IN ('school_school', 'person_school', 'person_person')),
        mentor_org_id INTEGER REFERENCES organizations(id),
        mentor_person_id INTEGER REFERENCES people(id),
        mentee_org_id INTEGER REFERENCES organizations(id),
        mentee_person_id INTEGER REFERENCES people(id),
        subject TEXT NOT NULL DEFAULT '',
        form TEXT NOT NULL DEFAULT '',
        start_date TEXT,
        end_date TEXT,
        period_text TEXT,
        basis TEXT NOT NULL DEFAULT '',
        ended_at TEXT,",
        stamp!(),
        ",
        CHECK ((mentor_org_id IS NULL) <> (mentor_person_id IS NULL)),
        CHECK ((mentee_org_id IS NULL) <> (mentee_person_id IS NULL)));
    CREATE TABLE networks (
        id INTEGER PRIMARY KEY,
        district_id INTEGER NOT NULL REFERENCES districts(id),
        year INTEGER NOT NULL,
        model TEXT CHECK (model IN ('distributed', 'resource')),
        name TEXT NOT NULL DEFAULT '',",
        stamp!(),
        ");
    CREATE TABLE network_members (
        network_id INTEGER NOT NULL REFERENCES networks(id) ON DELETE CASCADE,
        org_id INTEGER NOT NULL REFERENCES organizations(id),
        PRIMARY KEY (network_id, org_id));
    CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        district_id INTEGER REFERENCES districts(id),
        kind TEXT NOT NULL DEFAULT '',
        title TEXT NOT NULL,
        subject TEXT NOT NULL DEFAULT '',
        grades TEXT NOT NULL DEFAULT '',
        start_date TEXT,
        end_date TEXT,
        period_text TEXT,
        host_org_id INTEGER REFERENCES organizations(id),
        host_person_id INTEGER REFERENCES people(id),
        responsible TEXT NOT NULL DEFAULT '',
        funding TEXT NOT NULL DEFAULT '',
        expected_result TEXT NOT NULL DEFAULT '',
        result TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL DEFAULT 'planned'
            CHECK (status IN ('planned', 'in_progress', 'done', 'postponed', 'cancelled')),
        note TEXT NOT NULL DEFAULT '',",
        stamp!(),
        ");
    CREATE INDEX events_start ON events(start_date);
    CREATE TABLE event_participants (
        event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        org_id INTEGER NOT NULL REFERENCES organizations(id),
        PRIMARY KEY (event_id, org_id));
    CREATE TABLE meetings (
        id INTEGER PRIMARY KEY,
        district_id INTEGER REFERENCES districts(id),
        number TEXT NOT NULL DEFAULT '',
        title TEXT NOT NULL,
        date TEXT,
        time TEXT NOT NULL DEFAULT '',
        format TEXT NOT NULL DEFAULT '',
        link TEXT NOT NULL DEFAULT '',
        place TEXT NOT NULL DEFAULT '',",
        stamp!(),
        ");
    CREATE TABLE meeting_participants (
        meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        pos INTEGER NOT NULL,
        person_id INTEGER REFERENCES people(id),
        org_id INTEGER REFERENCES organizations(id),
        text TEXT NOT NULL DEFAULT '');
    CREATE TABLE agenda_items (
        id INTEGER PRIMARY KEY,
        meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        pos INTEGER NOT NULL,
        text TEXT NOT NULL,
        speaker TEXT NOT NULL DEFAULT '',
        heard TEXT NOT NULL DEFAULT '');
    CREATE TABLE decisions (
        id INTEGER PRIMARY KEY,
        meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        pos INTEGER NOT NULL,
        text TEXT NOT NULL,
        start_date TEXT,
        end_date TEXT,
        period_text TEXT,
        responsible TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL DEFAULT 'planned'
            CHECK (status IN ('planned', 'in_progress', 'done', 'postponed', 'cancelled')),",
        stamp!(),
        ");
    CREATE TABLE agreements (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('framework', 'additional')),
        parent_id INTEGER REFERENCES agreements(id),
        district_id INTEGER REFERENCES districts(id),
        number TEXT NOT NULL DEFAULT '',
        title TEXT NOT NULL,
        subject TEXT NOT NULL DEFAULT '',
        date TEXT,
        start_date TEXT,
        end_date TEXT,
        term_text TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL DEFAULT 'draft'
            CHECK (status IN ('draft', 'approval', 'signed', 'in_force', 'expired', 'terminated')),",
        stamp!(),
        ");
    CREATE TABLE agreement_parties (
        agreement_id INTEGER NOT NULL REFERENCES agreements(id) ON DELETE CASCADE,
        pos INTEGER NOT NULL,
        org_id INTEGER REFERENCES organizations(id),
        name TEXT NOT NULL DEFAULT '',
        signatory TEXT NOT NULL DEFAULT '');
    CREATE TABLE agreement_appendices (
        id INTEGER PRIMARY KEY,
        agreement_id INTEGER NOT NULL REFERENCES agreements(id) ON DELETE CASCADE,
        number INTEGER NOT NULL,
        title TEXT NOT NULL);
    CREATE TABLE plan_items (
        id INTEGER PRIMARY KEY,
        appendix_id INTEGER NOT NULL REFERENCES agreement_appendices(id) ON DELETE CASCADE,
        pos INTEGER NOT NULL,
        event TEXT NOT NULL,
        dates TEXT NOT NULL DEFAULT '',
        responsible TEXT NOT NULL DEFAULT '',
        funding TEXT NOT NULL DEFAULT '',
        result TEXT NOT NULL DEFAULT '');
    CREATE TABLE indicators (
        id INTEGER PRIMARY KEY,
        district_id INTEGER REFERENCES districts(id),
        org_id INTEGER REFERENCES organizations(id),
        name TEXT NOT NULL,
        unit TEXT NOT NULL DEFAULT '',
        target TEXT NOT NULL DEFAULT '',
        period_label TEXT NOT NULL DEFAULT '',
        is_bool INTEGER NOT NULL DEFAULT 0,",
        stamp!(),
        ");
    CREATE TABLE indicator_values (
        id INTEGER PRIMARY KEY,
        indicator_id INTEGER NOT NULL REFERENCES indicators(id) ON DELETE CASCADE,
        year INTEGER NOT NULL,
        period TEXT NOT NULL DEFAULT '',
        value TEXT NOT NULL,",
        stamp!(),
        ");
    CREATE TABLE history (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        who TEXT NOT NULL,
        entity TEXT NOT NULL,
        entity_id INTEGER NOT NULL,
        field TEXT NOT NULL,
        old TEXT,
        new TEXT);
    CREATE INDEX history_entity ON history(entity, entity_id);"
    ),
    // 2: the date of the order a mentoring link rests on, apart from its number and issuer.
    "ALTER TABLE mentoring_links ADD COLUMN basis_date TEXT;
     CREATE INDEX links_mentor_org ON mentoring_links(mentor_org_id);
     CREATE INDEX links_mentor_person ON mentoring_links(mentor_person_id);
     CREATE INDEX links_mentee_org ON mentoring_links(mentee_org_id);
     CREATE INDEX links_mentee_person ON mentoring_links(mentee_person_id);",
    // 3: undo and redo across restarts. A user action's history lines share an action number;
    // undoing it marks them undone, so the history itself is the undo stack.
    "ALTER TABLE history ADD COLUMN action INTEGER;
     ALTER TABLE history ADD COLUMN undone INTEGER NOT NULL DEFAULT 0;
     CREATE INDEX history_action ON history(who, action);
     CREATE INDEX history_action_all ON history(action);",
    // 4: a form closed before saving keeps its draft here, per user, across restarts and
    // dropped SSH sessions.
    "CREATE TABLE drafts (
        who TEXT NOT NULL,
        kind TEXT NOT NULL,
        body TEXT NOT NULL,
        saved_at TEXT NOT NULL,
        PRIMARY KEY (who, kind));",
    // 5: agreements in full. The place, goals and tasks of an agreement; each party's signatory
    // position, the basis they act on and their address; and the joint plan's rows become
    // roadmap events (a plan row points at its event, so editing one edits the other). Plan
    // rows written before this become events of the agreement's district. A party gets an id
    // and a version of its own, so that its edits are checked and undone like any other row.
    "ALTER TABLE agreements ADD COLUMN place TEXT NOT NULL DEFAULT '';
     ALTER TABLE agreements ADD COLUMN goals TEXT NOT NULL DEFAULT '';
     ALTER TABLE agreements ADD COLUMN tasks TEXT NOT NULL DEFAULT '';
     CREATE TABLE parties (
        id INTEGER PRIMARY KEY,
        agreement_id INTEGER NOT NULL REFERENCES agreements(id) ON DELETE CASCADE,
        pos INTEGER NOT NULL,
        org_id INTEGER REFERENCES organizations(id),
        name TEXT NOT NULL DEFAULT '',
        signatory TEXT NOT NULL DEFAULT '',
        position TEXT NOT NULL DEFAULT '',
        basis TEXT NOT NULL DEFAULT '',
        address TEXT NOT NULL DEFAULT '',
        version INTEGER NOT NULL DEFAULT 1,
        changed_by TEXT NOT NULL DEFAULT '',
        changed_at TEXT NOT NULL DEFAULT '');
     INSERT INTO parties (agreement_id, pos, org_id, name, signatory)
       SELECT agreement_id, pos, org_id, name, signatory FROM agreement_parties;
     DROP TABLE agreement_parties;
     ALTER TABLE parties RENAME TO agreement_parties;
     ALTER TABLE plan_items ADD COLUMN event_id INTEGER REFERENCES events(id) ON DELETE SET NULL;
     CREATE INDEX plan_items_event ON plan_items(event_id);
     CREATE INDEX agreement_parties_agreement ON agreement_parties(agreement_id);
     INSERT INTO events (district_id, kind, title, start_date, period_text, responsible, funding,
                         expected_result, note)
       SELECT a.district_id, '', p.event,
              CASE WHEN p.dates GLOB '[0-9][0-9].[0-9][0-9].[0-9][0-9][0-9][0-9]'
                   THEN substr(p.dates, 7, 4) || '-' || substr(p.dates, 4, 2) || '-' || substr(p.dates, 1, 2) END,
              CASE WHEN p.dates GLOB '[0-9][0-9].[0-9][0-9].[0-9][0-9][0-9][0-9]' THEN NULL ELSE nullif(p.dates, '') END,
              p.responsible, p.funding, p.result, 'plan item ' || p.id
         FROM plan_items p
         JOIN agreement_appendices ap ON ap.id = p.appendix_id
         JOIN agreements a ON a.id = ap.agreement_id;
     UPDATE plan_items SET event_id = (SELECT e.id FROM events e WHERE e.note = 'plan item ' || plan_items.id);
     UPDATE events SET note = '' WHERE note GLOB 'plan item *';",
    // 6: deficit diagnostics. An anti-risk programme in full (goal, measures, responsible,
    // deadline, status); an indicator's deadline and direction; values per school with the
    // counts a district share is rolled up from; and the rounds of teachers' diagnostics with
    // their courses, deficit areas and vacancies.
    "ALTER TABLE risk_directions ADD COLUMN goal TEXT NOT NULL DEFAULT '';
     ALTER TABLE risk_directions ADD COLUMN measures TEXT NOT NULL DEFAULT '';
     ALTER TABLE risk_directions ADD COLUMN responsible TEXT NOT NULL DEFAULT '';
     ALTER TABLE risk_directions ADD COLUMN deadline TEXT;
     ALTER TABLE risk_directions ADD COLUMN status TEXT NOT NULL DEFAULT 'in_progress'
         CHECK (status IN ('planned', 'in_progress', 'done', 'postponed', 'cancelled'));
     CREATE INDEX risk_directions_year ON risk_directions(year, org_id);
     ALTER TABLE indicators ADD COLUMN deadline TEXT;
     ALTER TABLE indicators ADD COLUMN lower_is_better INTEGER NOT NULL DEFAULT 0;
     ALTER TABLE indicator_values ADD COLUMN org_id INTEGER REFERENCES organizations(id);
     ALTER TABLE indicator_values ADD COLUMN part REAL;
     ALTER TABLE indicator_values ADD COLUMN whole REAL;
     ALTER TABLE indicator_values ADD COLUMN measured_on TEXT;
     CREATE INDEX indicator_values_indicator ON indicator_values(indicator_id, year);
     CREATE TABLE diagnostics (
        id INTEGER PRIMARY KEY,
        district_id INTEGER REFERENCES districts(id),
        org_id INTEGER REFERENCES organizations(id),
        year INTEGER NOT NULL,
        round TEXT NOT NULL,
        teachers REAL,
        diagnosed REAL,
        with_programme REAL,
        trained REAL,
        in_percent INTEGER NOT NULL DEFAULT 0,
        version INTEGER NOT NULL DEFAULT 1,
        changed_by TEXT NOT NULL DEFAULT '',
        changed_at TEXT NOT NULL DEFAULT '');
     CREATE INDEX diagnostics_year ON diagnostics(year);
     CREATE TABLE diagnostic_items (
        id INTEGER PRIMARY KEY,
        diagnostic_id INTEGER NOT NULL REFERENCES diagnostics(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('course', 'deficit', 'vacancy')),
        label TEXT NOT NULL,
        count REAL,
        in_percent INTEGER NOT NULL DEFAULT 0);
     CREATE INDEX diagnostic_items_diagnostic ON diagnostic_items(diagnostic_id);",
    // 7: undo of every action. Each row an action inserts, changes or deletes is kept whole,
    // as it was before and after (JSON of all its columns; NULL where there was no row), so that
    // undo can remove what was created, restore what was deleted and put back what was changed.
    // An action's status marks: 0 done, 1 undone, 2 stepped past (it could not be undone).
    "CREATE TABLE undo_log (
        id INTEGER PRIMARY KEY,
        action INTEGER NOT NULL,
        tbl TEXT NOT NULL,
        row INTEGER NOT NULL,
        before TEXT,
        after TEXT);
     CREATE INDEX undo_log_action ON undo_log(action);
     PRAGMA application_id = 1314083926;",
    // 8: who may change what, kept in the store itself, where only a coordinator changes it
    // (in history, undoable) — not in a config file the user could edit. A login is the OS
    // account (or the name an SSH key stands for); once anyone is listed, a login not listed
    // only reads.
    "CREATE TABLE users (
        id INTEGER PRIMARY KEY,
        login TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL DEFAULT '',
        role TEXT NOT NULL CHECK (role IN ('coordinator', 'curator', 'viewer')),
        schools TEXT NOT NULL DEFAULT '',
        version INTEGER NOT NULL DEFAULT 1,
        changed_by TEXT NOT NULL DEFAULT '',
        changed_at TEXT NOT NULL DEFAULT '');",
    // 9: the folded names are made again, now that a number glued to letters ("СОШ3") is a
    // word of its own; the work is done in Rust (`Store::refold_names`), after this mark.
    "SELECT 1;",
    // 10: what a district's own lists say of a school and a person (the directory, imports):
    // ИНН and ОГРН, address, phone, e-mail, director; a person's e-mail and phone. An empty
    // text is "not known".
    "ALTER TABLE organizations ADD COLUMN inn TEXT NOT NULL DEFAULT '';
     ALTER TABLE organizations ADD COLUMN ogrn TEXT NOT NULL DEFAULT '';
     ALTER TABLE organizations ADD COLUMN address TEXT NOT NULL DEFAULT '';
     ALTER TABLE organizations ADD COLUMN phone TEXT NOT NULL DEFAULT '';
     ALTER TABLE organizations ADD COLUMN email TEXT NOT NULL DEFAULT '';
     ALTER TABLE organizations ADD COLUMN director TEXT NOT NULL DEFAULT '';
     ALTER TABLE people ADD COLUMN email TEXT NOT NULL DEFAULT '';
     ALTER TABLE people ADD COLUMN phone TEXT NOT NULL DEFAULT '';
     CREATE INDEX organizations_inn ON organizations(inn) WHERE inn <> '';",
    // 11: a school or person no longer in the network is retired, not deleted (rows refer to
    // it): kept, shown dimmed, out of the lookup and the forms' pickers. The day it was.
    "ALTER TABLE organizations ADD COLUMN retired_at TEXT;
     ALTER TABLE people ADD COLUMN retired_at TEXT;",
    // 12: the closing part of a year's report the coordinator writes (conclusions, problems,
    // proposals), of a district or of all (no district), kept for the next time it is made.
    "CREATE TABLE report_notes (
        id INTEGER PRIMARY KEY,
        year INTEGER NOT NULL,
        district_id INTEGER REFERENCES districts(id),
        text TEXT NOT NULL DEFAULT '',
        version INTEGER NOT NULL DEFAULT 1,
        changed_by TEXT NOT NULL DEFAULT '',
        changed_at TEXT NOT NULL DEFAULT '');
     CREATE INDEX report_notes_year ON report_notes(year);",
    // 13: the folded names by their trigrams (SQLite's FTS5), so that a name that is nowhere
    // is known to be nowhere without reading every name; kept by triggers. Their tables begin
    // with `fts_`: not a coordinator's data, not undone, not checked as text.
    concat!(
        fts_names!("org", "organizations"),
        fts_names!("person", "people"),
    ),
    // 14: how many took part in an event, as numbers (the reports' «24 педагога из 5 ОО»,
    // «25 подключений», «10 команд»): NULL where the source does not say; and each school's
    // part in it (co-organiser, venue, winner with its nomination), with its own counts.
    "ALTER TABLE events ADD COLUMN n_teachers INTEGER CHECK (n_teachers >= 0);
     ALTER TABLE events ADD COLUMN n_people INTEGER CHECK (n_people >= 0);
     ALTER TABLE events ADD COLUMN n_schools INTEGER CHECK (n_schools >= 0);
     ALTER TABLE events ADD COLUMN n_connections INTEGER CHECK (n_connections >= 0);
     ALTER TABLE events ADD COLUMN n_teams INTEGER CHECK (n_teams >= 0);
     ALTER TABLE event_participants ADD COLUMN part TEXT NOT NULL DEFAULT 'participant'
         CHECK (part IN ('participant', 'organizer', 'venue', 'awarded'));
     ALTER TABLE event_participants ADD COLUMN note TEXT NOT NULL DEFAULT '';
     ALTER TABLE event_participants ADD COLUMN n_teachers INTEGER CHECK (n_teachers >= 0);
     ALTER TABLE event_participants ADD COLUMN n_connections INTEGER CHECK (n_connections >= 0);",
    // 15: orders and other basis documents as records. A record rests on an order its basis
    // or note cites (read from the text, which stays as written); this table keeps what a
    // text does not say — an order's title and note — and the orders nothing cites yet.
    "CREATE TABLE orders (
        id INTEGER PRIMARY KEY,
        district_id INTEGER REFERENCES districts(id),
        kind TEXT NOT NULL DEFAULT 'order' CHECK (kind IN ('order', 'directive')),
        issuer TEXT NOT NULL DEFAULT '',
        number TEXT NOT NULL DEFAULT '',
        date TEXT,
        date_text TEXT NOT NULL DEFAULT '',
        title TEXT NOT NULL DEFAULT '',
        note TEXT NOT NULL DEFAULT '',
        version INTEGER NOT NULL DEFAULT 1,
        changed_by TEXT NOT NULL DEFAULT '',
        changed_at TEXT NOT NULL DEFAULT '');",
    // 16: programmes and roadmaps as records: a name, its period, the order approving it (a
    // text, as the other bases), its goal, and its tasks — each with who is responsible, a
    // deadline, an indicator, a status and what was done — so that execution is reported task
    // by task.
    "CREATE TABLE programmes (
        id INTEGER PRIMARY KEY,
        district_id INTEGER REFERENCES districts(id),
        name TEXT NOT NULL,
        start_date TEXT,
        end_date TEXT,
        period_text TEXT,
        basis TEXT NOT NULL DEFAULT '',
        goal TEXT NOT NULL DEFAULT '',
        note TEXT NOT NULL DEFAULT '',
        version INTEGER NOT NULL DEFAULT 1,
        changed_by TEXT NOT NULL DEFAULT '',
        changed_at TEXT NOT NULL DEFAULT '');
     CREATE TABLE programme_tasks (
        id INTEGER PRIMARY KEY,
        programme_id INTEGER NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
        pos INTEGER NOT NULL,
        text TEXT NOT NULL,
        responsible TEXT NOT NULL DEFAULT '',
        start_date TEXT,
        end_date TEXT,
        period_text TEXT,
        indicator TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL DEFAULT 'planned'
            CHECK (status IN ('planned', 'in_progress', 'done', 'postponed', 'cancelled')),
        progress TEXT NOT NULL DEFAULT '',
        note TEXT NOT NULL DEFAULT '',
        version INTEGER NOT NULL DEFAULT 1,
        changed_by TEXT NOT NULL DEFAULT '',
        changed_at TEXT NOT NULL DEFAULT '');
     CREATE INDEX programme_tasks_programme ON programme_tasks(programme_id, pos);",
    // 17: a report is not a meeting. Its recommendations follow up like decisions (they are
    // the same table), but the report has a period, an author and its conclusions, not a
    // date, a time and a format of its own.
    "ALTER TABLE meetings ADD COLUMN kind TEXT NOT NULL DEFAULT 'meeting' CHECK (kind IN ('meeting', 'report'));
     ALTER TABLE meetings ADD COLUMN period_start TEXT;
     ALTER TABLE meetings ADD COLUMN period_end TEXT;
     ALTER TABLE meetings ADD COLUMN period_text TEXT;
     ALTER TABLE meetings ADD COLUMN author TEXT NOT NULL DEFAULT '';
     ALTER TABLE meetings ADD COLUMN note TEXT NOT NULL DEFAULT '';",
    // 18: groups of people — working groups, tutor communities, creative groups of ГМО heads:
    // a name and kind as written, the order they rest on, their composition as the document
    // gives it (often no names) and the members known by name, each with a role.
    "CREATE TABLE people_groups (
        id INTEGER PRIMARY KEY,
        district_id INTEGER REFERENCES districts(id),
        kind TEXT NOT NULL DEFAULT '',
        name TEXT NOT NULL,
        basis TEXT NOT NULL DEFAULT '',
        composition TEXT NOT NULL DEFAULT '',
        since TEXT NOT NULL DEFAULT '',
        note TEXT NOT NULL DEFAULT '',
        version INTEGER NOT NULL DEFAULT 1,
        changed_by TEXT NOT NULL DEFAULT '',
        changed_at TEXT NOT NULL DEFAULT '');
     CREATE TABLE group_members (
        group_id INTEGER NOT NULL REFERENCES people_groups(id) ON DELETE CASCADE,
        person_id INTEGER NOT NULL REFERENCES people(id),
        role TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (group_id, person_id));",
    // 19: what a protocol's heading and signature say beyond its date — the audience, the
    // moderators, how many connected, the appendices, who signed — and an event's own format
    // (очно, онлайн, ВКС) and time, not folded into its note.
    "ALTER TABLE meetings ADD COLUMN audience TEXT NOT NULL DEFAULT '';
     ALTER TABLE meetings ADD COLUMN moderators TEXT NOT NULL DEFAULT '';
     ALTER TABLE meetings ADD COLUMN n_connections INTEGER CHECK (n_connections >= 0);
     ALTER TABLE meetings ADD COLUMN appendices TEXT NOT NULL DEFAULT '';
     ALTER TABLE meetings ADD COLUMN signed TEXT NOT NULL DEFAULT '';
     ALTER TABLE events ADD COLUMN format TEXT NOT NULL DEFAULT '';
     ALTER TABLE events ADD COLUMN time TEXT NOT NULL DEFAULT '';",
    // 20: a value marked as the source writes it («так в документе») or as doubtful, with what
    // the coordinator says of it: one mark a field of a record.
    "CREATE TABLE marks (
        id INTEGER PRIMARY KEY,
        entity TEXT NOT NULL,
        entity_id INTEGER NOT NULL,
        field TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('as_written', 'doubtful')),
        note TEXT NOT NULL DEFAULT '',
        changed_by TEXT NOT NULL DEFAULT '',
        changed_at TEXT NOT NULL DEFAULT '',
        UNIQUE (entity, entity_id, field));",
];

/// The schema version whose upgrade folds the names again.
pub const REFOLD: i64 = 9;

/// The tables whose rows are not a coordinator's data, and so are not captured for undo.
pub const NOT_UNDONE: &[&str] = &["history", "drafts", "undo_log"];

pub const LATEST: i64 = MIGRATIONS.len() as i64;

#[cfg(test)]
mod tests {
    #[test]
    fn the_migration_writes_the_stores_mark() {
        assert!(super::MIGRATIONS[6].contains(&format!("application_id = {}", super::super::APPLICATION_ID)));
    }
}
