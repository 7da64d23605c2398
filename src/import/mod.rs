//! A district's own spreadsheets into the store: schools, people, cluster statuses and
//! mentoring links. A file is read into a grid ([`grid`]), each sheet's header row found and its
//! columns understood ([`fields`]), and every row matched against what the store already has —
//! a school by ИНН, else by its folded name within the district; a person by folded ФИО within
//! the organisation; a link by its two sides and subject — so that importing the same file
//! twice changes nothing and an updated file changes only what changed. The plan is computed
//! without writing (the preview, `--dry-run`); the store applies it in one transaction, as one
//! action that `u` undoes as a whole (`Store::import`).
//!
//! An empty cell never clears what the store has: a file updates what it says.

pub mod fields;
pub mod grid;

use crate::i18n::Strings;
use crate::text::{clean_line, fold, word_matches, AcademicYear};
pub use fields::{Field, Kind};
use grid::{Cell, Workbook};
use std::collections::HashMap;

/// What a user asks of an import.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Take only sheets of this kind (and read a sheet as this kind whatever its name).
    pub kind: Option<Kind>,
    /// Take only this sheet of a workbook.
    pub sheet: Option<String>,
    /// The academic year of statuses that have no year column.
    pub year: Option<AcademicYear>,
    /// `Колонка=field` pairs that override the headers' meaning.
    pub map: Vec<(String, Field)>,
}

impl Options {
    /// Reads `--map 'Колонка=field'`.
    pub fn map_pair(s: &str) -> Result<(String, Field), String> {
        let (col, field) = s.rsplit_once('=').ok_or_else(|| s.to_string())?;
        let f = Field::from_code(field).ok_or_else(|| field.to_string())?;
        Ok((col.trim().to_string(), f))
    }
}

/// A row of the store, or one the plan will add (numbered in the order it is planned).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Ref {
    Id(i64),
    New(usize),
}

/// An organisation's or a person's columns, as the store names them.
pub type Cols = Vec<(&'static str, String)>;

/// One side of a link: an organisation, or a person (with their organisation).
pub type Side = (Option<Ref>, Option<Ref>);

#[derive(Clone, Debug)]
pub struct OrgRec {
    pub r: Ref,
    pub district: Option<Ref>,
    pub cols: Cols,
}

#[derive(Clone, Debug)]
pub struct PersonRec {
    pub r: Ref,
    pub org: Option<Ref>,
    pub cols: Cols,
}

#[derive(Clone, Debug)]
pub struct StatusRec {
    pub id: Option<i64>,
    pub org: Ref,
    pub year: i32,
    pub status: String,
    pub cols: Cols,
}

#[derive(Clone, Debug)]
pub struct LinkRec {
    pub id: Option<i64>,
    pub mentor: Side,
    pub mentee: Side,
    pub cols: Cols,
}

/// The columns of each table an import writes, in the store's names.
pub const ORG_COLS: [&str; 10] =
    ["name", "short_name", "school_type", "town", "inn", "ogrn", "address", "phone", "email", "director"];
pub const PERSON_COLS: [&str; 5] = ["full_name", "role", "subjects", "email", "phone"];
pub const STATUS_COLS: [&str; 2] = ["risk_level", "note"];
pub const LINK_COLS: [&str; 6] = ["subject", "form", "start_date", "end_date", "period_text", "basis"];
pub const EVENT_COLS: [&str; 17] = [
    "kind",
    "title",
    "subject",
    "grades",
    "start_date",
    "end_date",
    "period_text",
    "responsible",
    "result",
    "status",
    "n_teachers",
    "n_people",
    "n_schools",
    "n_connections",
    "n_teams",
    "time",
    "format",
];

/// The columns of counts (how many took part): whole numbers, NULL where not known.
pub fn is_count(column: &str) -> bool {
    column.starts_with("n_")
}

#[derive(Clone, Debug)]
pub struct EventRec {
    pub id: Option<i64>,
    pub host: Option<Ref>,
    pub cols: Cols,
    /// The schools that took part.
    pub participants: Vec<Ref>,
}

/// A network of schools: its district, year and folded name are who it is.
#[derive(Clone, Debug)]
pub struct NetRec {
    pub r: Ref,
    pub district: Option<Ref>,
    pub year: i32,
    pub name: String,
    /// The model's code, or empty.
    pub model: String,
    pub members: Vec<Ref>,
    /// For a network the plan adds: its step, which a later row's model completes.
    pub step: Option<usize>,
}

/// The same event: its title, first day, host and subject (two master classes of one day for
/// two subjects are two events).
type EventKey = (String, String, Option<Ref>, String);

fn event_key(host: Option<Ref>, cols: &Cols) -> EventKey {
    (fold(get(cols, "title")), get(cols, "start_date").to_string(), host, fold(get(cols, "subject")))
}

/// A status as a file writes it: the label in either language, or the store's code.
pub fn read_status(text: &str) -> Option<crate::domain::EventStatus> {
    use crate::domain::EventStatus;
    let f = fold(text);
    if f.is_empty() {
        return Some(EventStatus::Planned);
    }
    EventStatus::ALL.iter().copied().find(|st| {
        fold(st.code()) == f || fold(st.label(&crate::i18n::RU)) == f || fold(st.label(&crate::i18n::EN)) == f
    })
}

fn column_of(kind: Kind, f: Field) -> Option<&'static str> {
    Some(match (kind, f) {
        (Kind::Schools, Field::Name) => "name",
        (Kind::Schools, Field::ShortName) => "short_name",
        (Kind::Schools, Field::SchoolType) => "school_type",
        (Kind::Schools, Field::Town) => "town",
        (Kind::Schools, Field::Inn) => "inn",
        (Kind::Schools, Field::Ogrn) => "ogrn",
        (Kind::Schools, Field::Address) => "address",
        (Kind::Schools, Field::Phone) => "phone",
        (Kind::Schools, Field::Email) => "email",
        (Kind::Schools, Field::Director) => "director",
        (Kind::People, Field::FullName) => "full_name",
        (Kind::People, Field::Position) => "role",
        (Kind::People, Field::Subjects) => "subjects",
        (Kind::People, Field::Email) => "email",
        (Kind::People, Field::Phone) => "phone",
        (_, Field::RiskLevel) => "risk_level",
        (Kind::Schools | Kind::Statuses, Field::Basis) => "note",
        (Kind::Links, Field::Subject) => "subject",
        (Kind::Links, Field::Form) => "form",
        (Kind::Links, Field::Start) => "start_date",
        (Kind::Links, Field::End) => "end_date",
        (Kind::Links, Field::Period) => "period_text",
        (Kind::Links, Field::Basis) => "basis",
        (Kind::Events, Field::EventKind) => "kind",
        (Kind::Events, Field::Title) => "title",
        (Kind::Events, Field::Subject) => "subject",
        (Kind::Events, Field::Grades) => "grades",
        (Kind::Events, Field::Start) => "start_date",
        (Kind::Events, Field::End) => "end_date",
        (Kind::Events, Field::Period) => "period_text",
        (Kind::Events, Field::Responsible) => "responsible",
        (Kind::Events, Field::Result) => "result",
        (Kind::Events, Field::Status) => "status",
        (Kind::Events, Field::Teachers) => "n_teachers",
        (Kind::Events, Field::People) => "n_people",
        (Kind::Events, Field::Schools) => "n_schools",
        (Kind::Events, Field::Connections) => "n_connections",
        (Kind::Events, Field::Teams) => "n_teams",
        (Kind::Events, Field::Time) => "time",
        (Kind::Events, Field::Format) => "format",
        _ => return None,
    })
}

/// What the store holds, as the import matches against it, with the indexes that make a
/// region's lists (thousands of schools, tens of thousands of people) quick to match. The plan
/// adds to it what it will add, so that a school named twice in a file is one school.
#[derive(Default)]
pub struct Dir {
    districts: Vec<(Ref, String)>,
    district_by_name: HashMap<String, Ref>,
    orgs: Vec<OrgRec>,
    people: Vec<PersonRec>,
    statuses: Vec<StatusRec>,
    links: Vec<LinkRec>,
    events: Vec<EventRec>,
    event_by_key: HashMap<EventKey, usize>,
    networks: Vec<NetRec>,
    net_by_key: HashMap<(Option<Ref>, i32, String), usize>,
    org_at: HashMap<Ref, usize>,
    /// Each organisation's folded name, short name and town, for matching by words.
    org_hay: Vec<String>,
    person_at: HashMap<Ref, usize>,
    org_by_name: HashMap<String, Vec<usize>>,
    org_by_inn: HashMap<String, Vec<usize>>,
    person_by_org: HashMap<(Option<Ref>, String), Vec<usize>>,
    person_by_name: HashMap<String, Vec<usize>>,
    status_by_key: HashMap<(Ref, i32, String), usize>,
    link_by_key: HashMap<(Side, Side, String), usize>,
    next: usize,
}

fn get<'a>(cols: &'a Cols, name: &str) -> &'a str {
    cols.iter().find(|(c, _)| *c == name).map_or("", |(_, v)| v.as_str())
}

impl Dir {
    pub fn new(
        districts: Vec<(i64, String)>,
        orgs: Vec<OrgRec>,
        people: Vec<PersonRec>,
        statuses: Vec<StatusRec>,
        links: Vec<LinkRec>,
    ) -> Dir {
        let mut d = Dir::default();
        for (id, name) in districts {
            d.push_district(Ref::Id(id), name);
        }
        for o in orgs {
            d.push_org(o);
        }
        for p in people {
            d.push_person(p);
        }
        for s in statuses {
            d.push_status(s);
        }
        for l in links {
            d.push_link(l);
        }
        d
    }

    pub fn with_events(mut self, events: Vec<EventRec>) -> Dir {
        for e in events {
            self.push_event(e);
        }
        self
    }

    pub fn with_networks(mut self, nets: Vec<NetRec>) -> Dir {
        for n in nets {
            self.push_network(n);
        }
        self
    }

    fn push_network(&mut self, n: NetRec) {
        self.net_by_key.insert((n.district, n.year, fold(&n.name)), self.networks.len());
        self.networks.push(n);
    }

    fn org_district(&self, r: Ref) -> Option<Ref> {
        self.org_at.get(&r).and_then(|i| self.orgs[*i].district)
    }

    fn push_event(&mut self, e: EventRec) {
        self.event_by_key.insert(event_key(e.host, &e.cols), self.events.len());
        self.events.push(e);
    }

    fn push_district(&mut self, r: Ref, name: String) {
        self.district_by_name.entry(fold(&name)).or_insert(r);
        self.districts.push((r, name));
    }

    fn new_ref(&mut self) -> Ref {
        self.next += 1;
        Ref::New(self.next - 1)
    }

    fn push_org(&mut self, o: OrgRec) {
        let i = self.orgs.len();
        self.org_at.insert(o.r, i);
        for key in [fold(get(&o.cols, "name")), fold(get(&o.cols, "short_name"))] {
            if !key.is_empty() {
                let v = self.org_by_name.entry(key).or_default();
                if !v.contains(&i) {
                    v.push(i);
                }
            }
        }
        self.org_hay.push(fold(&format!(
            "{} {} {}",
            get(&o.cols, "name"),
            get(&o.cols, "short_name"),
            get(&o.cols, "town")
        )));
        let inn = get(&o.cols, "inn");
        if !inn.is_empty() {
            self.org_by_inn.entry(inn.to_string()).or_default().push(i);
        }
        self.orgs.push(o);
    }

    fn push_person(&mut self, p: PersonRec) {
        let name = fold(get(&p.cols, "full_name"));
        self.push_person_folded(p, name);
    }

    fn push_person_folded(&mut self, p: PersonRec, name: String) {
        let i = self.people.len();
        self.person_at.insert(p.r, i);
        self.person_by_org.entry((p.org, name.clone())).or_default().push(i);
        self.person_by_name.entry(name).or_default().push(i);
        self.people.push(p);
    }

    fn push_status(&mut self, s: StatusRec) {
        self.status_by_key.insert((s.org, s.year, fold(&s.status)), self.statuses.len());
        self.statuses.push(s);
    }

    fn push_link(&mut self, l: LinkRec) {
        self.link_by_key.insert((l.mentor, l.mentee, fold(get(&l.cols, "subject"))), self.links.len());
        self.links.push(l);
    }

    fn org_name(&self, r: Ref) -> String {
        self.org_at.get(&r).map_or_else(String::new, |i| get(&self.orgs[*i].cols, "name").to_string())
    }

    fn district_name(&self, r: Option<Ref>) -> &str {
        r.and_then(|r| self.districts.iter().find(|(d, _)| *d == r)).map_or("", |(_, n)| n.as_str())
    }

    fn district(&self, name: &str) -> Option<Ref> {
        self.district_by_name.get(&fold(name)).copied()
    }

    /// The organisation a cell names: its full or short name exactly (folded), within the
    /// district when one is given; else the one whose name holds every word of the cell, as
    /// the lookup matches (a number only whole). Never a guess: none or two are an error.
    fn find_org(&self, name: &str, district: Option<Option<Ref>>, s: &Strings) -> Result<Ref, String> {
        let q = fold(name);
        let words: Vec<&str> = q.split(' ').filter(|w| !w.is_empty()).collect();
        let in_district = |i: &usize| district.is_none_or(|d| self.orgs[*i].district == d);
        let mut found: Vec<usize> =
            self.org_by_name.get(&q).map_or_else(Vec::new, |v| v.iter().copied().filter(in_district).collect());
        if found.is_empty() {
            found = (0..self.orgs.len())
                .filter(in_district)
                .filter(|i| words.iter().all(|w| word_matches(&self.org_hay[*i], w)))
                .collect();
        }
        // A mentor school or a university of another district: the district narrows, it does
        // not exclude.
        if found.is_empty() && district.is_some() {
            return self.find_org(name, None, s);
        }
        match found.as_slice() {
            [i] => Ok(self.orgs[*i].r),
            [] => Err(format!("{} «{}»", s.imp_no_org, clean_line(name))),
            many => Err(format!(
                "{} «{}»: {}",
                s.imp_two_orgs,
                clean_line(name),
                many.iter()
                    .take(3)
                    .map(|i| {
                        let o = &self.orgs[*i];
                        let d = self.district_name(o.district);
                        if d.is_empty() {
                            format!("«{}»", get(&o.cols, "name"))
                        } else {
                            format!("«{}» ({d})", get(&o.cols, "name"))
                        }
                    })
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        }
    }

    /// The store's organisation a name (as typed) means, for a command line: the one the import
    /// would take, or why there is none.
    pub fn org_id(&self, name: &str, s: &Strings) -> Result<i64, String> {
        self.org_in(name, None, s)
    }

    /// The store's district a name means.
    pub fn district_id(&self, name: &str) -> Option<i64> {
        match self.district(name) {
            Some(Ref::Id(id)) => Some(id),
            _ => None,
        }
    }

    /// The store's organisation a name means, looked for first in a district (a member of a
    /// network, a party of a form), or why there is none.
    pub fn org_in(&self, name: &str, district: Option<i64>, s: &Strings) -> Result<i64, String> {
        match self.find_org(name, district.map(|d| Some(Ref::Id(d))), s)? {
            Ref::Id(id) => Ok(id),
            Ref::New(_) => Err(format!("{} «{name}»", s.imp_no_org)),
        }
    }

    /// The store's person a name means, for a command line: «ФИО» or «ФИО, организация» when
    /// two people share the name.
    pub fn person_id(&self, text: &str, s: &Strings) -> Result<i64, String> {
        let (name, org) = match text.split_once(',') {
            Some((n, o)) if !o.trim().is_empty() => (n, Some(self.find_org(o, None, s)?)),
            _ => (text, None),
        };
        match self.find_person(name, org, s)? {
            Some(Ref::Id(id)) => Ok(id),
            _ => Err(format!("{} «{}»", s.imp_no_person, clean_line(name.trim()))),
        }
    }

    /// A person by their whole ФИО (folded), within an organisation when one is given.
    fn find_person(&self, name: &str, org: Option<Ref>, s: &Strings) -> Result<Option<Ref>, String> {
        let q = fold(name);
        let found = match org {
            Some(o) => self.person_by_org.get(&(Some(o), q)),
            None => self.person_by_name.get(&q),
        };
        match found.map(Vec::as_slice).unwrap_or(&[]) {
            [] => Ok(None),
            [i] => Ok(Some(self.people[*i].r)),
            _ => Err(format!("{} «{}»", s.imp_two_people, clean_line(name))),
        }
    }
}

/// What becomes of a row.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    New,
    /// The store's row, with the columns the file changes.
    Updated(Vec<&'static str>),
    Unchanged,
    /// The same record as an earlier row of the file (its line).
    Same(usize),
    Refused {
        column: String,
        reason: String,
    },
}

#[derive(Clone, Debug)]
pub struct RowReport {
    pub sheet: String,
    pub line: usize,
    pub kind: Kind,
    pub label: String,
    pub outcome: Outcome,
}

/// A change the plan makes; applied in order by `Store::import`.
#[derive(Clone, Debug)]
pub enum Step {
    District {
        r: Ref,
        name: String,
    },
    Org {
        r: Ref,
        district: Option<Ref>,
        body: bool,
        cols: Cols,
    },
    Person {
        r: Ref,
        org: Option<Ref>,
        cols: Cols,
    },
    Status {
        org: Ref,
        year: i32,
        status: String,
        cols: Cols,
    },
    Link {
        mentor: Side,
        mentee: Side,
        cols: Cols,
    },
    Event {
        district: Option<Ref>,
        host: Option<Ref>,
        participants: Vec<Ref>,
        cols: Cols,
    },
    Update {
        table: &'static str,
        entity: &'static str,
        id: i64,
        changes: Vec<(&'static str, String, String)>,
    },
    Network {
        r: Ref,
        district: Ref,
        year: i32,
        model: String,
        name: String,
    },
    Member {
        network: Ref,
        org: Ref,
    },
    /// Schools that took part in an event the store has.
    Participants {
        event: i64,
        orgs: Vec<Ref>,
    },
}

/// A sheet as understood.
#[derive(Clone, Debug)]
pub struct SheetPlan {
    pub name: String,
    pub kind: Kind,
    /// The header row's line in the file (1-based), and its place among the rows read.
    pub header_line: usize,
    pub header_index: usize,
    pub columns: Vec<(String, Option<Field>)>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub new: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub refused: usize,
}

#[derive(Debug)]
pub struct Plan {
    pub encoding: Option<&'static str>,
    pub separator: Option<char>,
    pub sheets: Vec<SheetPlan>,
    /// Sheets left out, with the reason.
    pub skipped: Vec<(String, String)>,
    pub rows: Vec<RowReport>,
    pub steps: Vec<Step>,
    /// How many new rows the steps make (the size of the `Ref::New` numbering).
    pub new_refs: usize,
}

impl Counts {
    /// «новых: 3 · обновлено: 1 · без изменений: 5 · не взято: 1».
    pub fn text(&self, s: &Strings) -> String {
        format!(
            "{}: {} · {}: {} · {}: {} · {}: {}",
            s.imp_total_new,
            self.new,
            s.imp_total_updated,
            self.updated,
            s.imp_total_unchanged,
            self.unchanged,
            s.imp_total_refused,
            self.refused
        )
    }
}

impl Plan {
    pub fn counts(&self) -> Counts {
        let mut c = Counts::default();
        for r in &self.rows {
            match r.outcome {
                Outcome::New => c.new += 1,
                Outcome::Updated(_) => c.updated += 1,
                Outcome::Unchanged | Outcome::Same(_) => c.unchanged += 1,
                Outcome::Refused { .. } => c.refused += 1,
            }
        }
        c
    }
}

/// Why nothing can be imported from a file.
#[derive(Debug, Clone, PartialEq)]
pub enum ImportError {
    Read(grid::ReadError),
    NoSheet(String, Vec<String>),
    NoHeader,
}

impl ImportError {
    pub fn text(&self, s: &Strings) -> String {
        match self {
            ImportError::Read(grid::ReadError::Io(e)) => format!("{}: {e}", s.imp_cannot_read),
            ImportError::Read(grid::ReadError::Empty) => s.imp_empty.to_string(),
            ImportError::Read(grid::ReadError::Password) => s.imp_password.to_string(),
            ImportError::Read(grid::ReadError::NotSpreadsheet) => s.imp_not_table.to_string(),
            // The reader's words may quote the file's bytes: never raw to the terminal.
            ImportError::Read(grid::ReadError::Damaged(e)) => {
                format!("{} ({})", s.imp_damaged, crate::text::truncate(&clean_line(e), 200))
            }
            ImportError::NoSheet(name, all) => {
                format!("{} «{name}»; {}: {}", s.imp_no_sheet, s.imp_sheets, all.join(", "))
            }
            ImportError::NoHeader => s.imp_no_header.to_string(),
        }
    }
}

/// Reads the sheets an import will look at: the one `--sheet` names; else, in a workbook
/// with sheets named by kind (as the export writes them), those; else all.
pub fn read(path: &std::path::Path, opts: &Options) -> Result<Workbook, ImportError> {
    let select = |names: &[String]| -> Vec<bool> {
        if let Some(want) = &opts.sheet {
            return names.iter().map(|n| fold(n) == fold(want)).collect();
        }
        let named: Vec<bool> = names.iter().map(|n| Kind::from_code(n).is_some()).collect();
        if opts.kind.is_none() && named.iter().any(|x| *x) {
            named
        } else {
            vec![true; names.len()]
        }
    };
    let book = grid::read_some(path, &select).map_err(ImportError::Read)?;
    if let Some(want) = &opts.sheet {
        if book.sheets.is_empty() {
            return Err(ImportError::NoSheet(want.clone(), grid::sheet_names(path)));
        }
    }
    Ok(book)
}

/// A 10-digit ИНН of an organisation (or a 12-digit one of a person) with its check digits.
pub fn valid_inn(inn: &str) -> bool {
    let d: Vec<u32> = inn.chars().filter_map(|c| c.to_digit(10)).collect();
    if d.len() != inn.chars().count() {
        return false;
    }
    let check = |w: &[u32], n: usize| (w.iter().zip(&d).map(|(a, b)| a * b).sum::<u32>() % 11 % 10) == d[n];
    match d.len() {
        10 => check(&[2, 4, 10, 3, 5, 9, 4, 6, 8], 9),
        12 => check(&[7, 2, 4, 10, 3, 5, 9, 4, 6, 8], 10) && check(&[3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8], 11),
        _ => false,
    }
}

/// A 13-digit ОГРН whose last digit is the remainder of the first twelve by 11 (mod 10).
pub fn valid_ogrn(ogrn: &str) -> bool {
    if ogrn.len() != 13 || !ogrn.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let n: u64 = ogrn[..12].parse().unwrap_or(0);
    (n % 11 % 10) as u8 == ogrn.as_bytes()[12] - b'0'
}

/// An e-mail address that looks like one: a name, one `@`, a domain with a dot, no spaces.
pub fn valid_email(e: &str) -> bool {
    match e.split_once('@') {
        Some((name, domain)) => {
            !name.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !e.chars().any(char::is_whitespace)
        }
        None => false,
    }
}

/// The kinds of organisation that are not schools (a body in the store's terms).
fn is_body(school_type: &str, name: &str) -> bool {
    let f = fold(&format!("{school_type} {name}"));
    [
        "управлен",
        "комитет",
        "центр",
        "университет",
        "институт",
        "вуз",
        "мку",
        "цдт",
        "ппмс",
        "департамент",
        "министерств",
    ]
    .iter()
    .any(|w| f.split(' ').any(|x| x.starts_with(w)))
}

/// One row of a sheet, read through its columns.
struct Row<'a> {
    cells: &'a [Cell],
    fields: &'a [Option<Field>],
    headers: &'a [(String, Option<Field>)],
}

impl Row<'_> {
    fn cell(&self, f: Field) -> &Cell {
        self.fields.iter().position(|x| *x == Some(f)).and_then(|i| self.cells.get(i)).unwrap_or(&Cell::Empty)
    }
    fn text(&self, f: Field) -> String {
        crate::text::clean_line_owned(self.cell(f).text())
    }
    fn header(&self, f: Field) -> String {
        self.headers.iter().find(|(_, x)| *x == Some(f)).map_or_else(|| f.header().to_string(), |(h, _)| h.clone())
    }
    fn empty(&self) -> bool {
        self.fields.iter().zip(self.cells).all(|(f, c)| f.is_none() || c.is_empty())
    }
}

/// The changes from `old` to the file's non-empty values.
fn changes(old: &Cols, new: &Cols) -> Vec<(&'static str, String, String)> {
    new.iter()
        .filter(|(_, v)| !v.is_empty())
        .filter_map(|(c, v)| {
            let was = get(old, c);
            (was != v).then(|| (*c, was.to_string(), v.clone()))
        })
        .collect()
}

/// Fills an earlier planned row's empty columns from a later row of the same record.
fn fill(cols: &mut Cols, from: &Cols) {
    for (c, v) in from {
        if v.is_empty() {
            continue;
        }
        match cols.iter_mut().find(|(x, _)| x == c) {
            Some((_, old)) if old.is_empty() => *old = v.clone(),
            Some(_) => {}
            None => cols.push((c, v.clone())),
        }
    }
}

/// Which district a name is looked for in: any (`None`), or one (`Some`, `Some(None)` being
/// "no district").
type DistrictFilter = Option<Option<Ref>>;

struct Planner<'s> {
    dir: Dir,
    opts: &'s Options,
    s: &'static Strings,
    steps: Vec<Step>,
    rows: Vec<RowReport>,
    /// For a record the plan adds: the line of the file that added it, and its step.
    first: HashMap<Ref, (usize, usize)>,
    /// Every record a row of the file has matched or added, with that row's line: a later row
    /// of the same record only completes it, so that a file naming a school twice (spelled
    /// two ways) gives the same store however often it is imported.
    matched: HashMap<Ref, usize>,
    /// The line of the row being planned.
    line: usize,
    /// What a name in a district resolved to: a people sheet names its few hundred schools
    /// tens of thousands of times. Emptied when the plan adds an organisation.
    found: HashMap<(String, DistrictFilter), Result<Ref, String>>,
    /// A district's name as written, and the district it is (remembered likewise).
    district_seen: std::cell::RefCell<HashMap<String, Option<Ref>>>,
}

type Refusal = (String, String);

impl Planner<'_> {
    fn refuse(&self, row: &Row, f: Field, reason: &str) -> Refusal {
        (row.header(f), reason.to_string())
    }

    fn district(&mut self, name: &str) -> Option<Ref> {
        if name.is_empty() {
            return None;
        }
        if let Some(r) = self.dir.district(name) {
            return Some(r);
        }
        let r = self.dir.new_ref();
        self.dir.push_district(r, name.to_string());
        self.district_seen.borrow_mut().clear();
        self.steps.push(Step::District { r, name: name.to_string() });
        Some(r)
    }

    /// An existing district for matching; a district the file names that the store lacks has
    /// no schools yet (`Some(None)` would mean "schools with no district").
    /// [`Dir::find_org`], remembered for the rest of the plan.
    fn org(&mut self, name: &str, filter: Option<Option<Ref>>) -> Result<Ref, String> {
        let key = (name.to_string(), filter);
        if let Some(r) = self.found.get(&key) {
            return r.clone();
        }
        let r = self.dir.find_org(name, filter, self.s);
        self.found.insert(key, r.clone());
        r
    }

    fn district_filter(&self, row: &Row) -> Option<Option<Ref>> {
        let name = row.text(Field::District);
        if name.is_empty() {
            return None;
        }
        let known = self.district_seen.borrow().get(&name).copied();
        let found = match known {
            Some(d) => d,
            None => {
                let d = self.dir.district(&name);
                self.district_seen.borrow_mut().insert(name, d);
                d
            }
        };
        Some(Some(found.unwrap_or(Ref::New(usize::MAX))))
    }

    fn cols(kind: Kind, row: &Row, names: &[&'static str]) -> Cols {
        names
            .iter()
            .map(|c| {
                let v = row
                    .fields
                    .iter()
                    .flatten()
                    .find(|f| column_of(kind, **f) == Some(*c))
                    .map_or_else(String::new, |f| row.text(*f));
                (*c, v)
            })
            .collect()
    }

    /// The start and end columns as the store keeps dates, or the refusal of one that is no date.
    fn dates(&self, row: &Row, cols: &mut Cols) -> Result<(), Refusal> {
        for (f, c) in [(Field::Start, "start_date"), (Field::End, "end_date")] {
            match row.cell(f).date() {
                Ok(d) => {
                    let v = d.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default();
                    cols.iter_mut().filter(|(x, _)| *x == c).for_each(|(_, val)| *val = v.clone());
                }
                Err(grid::NotADate) => return Err(self.refuse(row, f, self.s.err_date)),
            }
        }
        Ok(())
    }

    fn year(&self, row: &Row) -> Result<Option<i32>, Refusal> {
        let cell = row.cell(Field::Year);
        if cell.is_empty() {
            return Ok(self.opts.year.map(|y| y.0));
        }
        let text = cell.text();
        AcademicYear::parse(&text).map(|y| Some(y.0)).ok_or_else(|| self.refuse(row, Field::Year, self.s.imp_bad_year))
    }

    /// The outcome of a record the plan matched: an update of a store row, nothing, or the
    /// same record as an earlier line of the file (whose planned columns it completes).
    fn settle(&mut self, r: Ref, table: &'static str, entity: &'static str, old: Cols, new: &Cols) -> Outcome {
        if let Some(line) = self.matched.get(&r).copied() {
            // Only what the earlier row left empty.
            let blank: Cols = new.iter().filter(|(c, _)| get(&old, c).is_empty()).cloned().collect();
            match r {
                Ref::Id(id) => {
                    let ch = changes(&old, &blank);
                    if !ch.is_empty() {
                        self.update_dir(r, &blank);
                        self.steps.push(Step::Update { table, entity, id, changes: ch });
                    }
                }
                Ref::New(_) => {
                    let step = self.first[&r].1;
                    if let Step::Org { cols, .. } | Step::Person { cols, .. } = &mut self.steps[step] {
                        fill(cols, &blank);
                    }
                    self.update_dir(r, &blank);
                }
            }
            return Outcome::Same(line);
        }
        self.matched.insert(r, self.line);
        match r {
            Ref::Id(id) => {
                let ch = changes(&old, new);
                if ch.is_empty() {
                    return Outcome::Unchanged;
                }
                let names = ch.iter().map(|(c, _, _)| *c).collect();
                self.update_dir(r, new);
                self.steps.push(Step::Update { table, entity, id, changes: ch });
                Outcome::Updated(names)
            }
            Ref::New(_) => {
                let (line, step) = self.first[&r];
                match &mut self.steps[step] {
                    Step::Org { cols, .. } | Step::Person { cols, .. } => fill(cols, new),
                    _ => {}
                }
                self.update_dir(r, new);
                Outcome::Same(line)
            }
        }
    }

    fn update_dir(&mut self, r: Ref, new: &Cols) {
        if let Some(i) = self.dir.org_at.get(&r).copied() {
            let mut cols = self.dir.orgs[i].cols.clone();
            fill_over(&mut cols, new);
            self.dir.orgs[i].cols = cols;
        } else if let Some(i) = self.dir.person_at.get(&r).copied() {
            fill_over(&mut self.dir.people[i].cols, new);
        }
    }

    fn school(&mut self, row: &Row, line: usize) -> Result<(Outcome, String), Refusal> {
        let cols = Self::cols(Kind::Schools, row, &ORG_COLS);
        let name = get(&cols, "name").to_string();
        if name.is_empty() {
            return Err(self.refuse(row, Field::Name, self.s.imp_empty_name));
        }
        let inn: String = get(&cols, "inn").chars().filter(|c| !c.is_whitespace()).collect();
        if !inn.is_empty() && !valid_inn(&inn) {
            return Err(self.refuse(row, Field::Inn, self.s.imp_bad_inn));
        }
        let ogrn = get(&cols, "ogrn");
        if !ogrn.is_empty() && !valid_ogrn(ogrn) {
            return Err(self.refuse(row, Field::Ogrn, self.s.imp_bad_ogrn));
        }
        let email = get(&cols, "email");
        if !email.is_empty() && !valid_email(email) {
            return Err(self.refuse(row, Field::Email, self.s.imp_bad_email));
        }
        let cols: Cols = cols.into_iter().map(|(c, v)| if c == "inn" { (c, inn.clone()) } else { (c, v) }).collect();
        let status = row.text(Field::Status);
        let year = if status.is_empty() { None } else { self.year(row)? };
        if !status.is_empty() && year.is_none() {
            return Err(self.refuse(row, Field::Year, self.s.imp_no_year));
        }
        // By ИНН first; then by name within the district.
        let by_inn = (!inn.is_empty()).then(|| self.dir.org_by_inn.get(&inn).cloned()).flatten().unwrap_or_default();
        let found = match by_inn.as_slice() {
            [i] => Some(self.dir.orgs[*i].r),
            [] => {
                let filter = self.district_filter(row);
                let q = fold(&name);
                let hits: Vec<usize> = self
                    .dir
                    .org_by_name
                    .get(&q)
                    .map(|v| {
                        v.iter().copied().filter(|i| filter.is_none_or(|d| self.dir.orgs[*i].district == d)).collect()
                    })
                    .unwrap_or_default();
                match hits.as_slice() {
                    [] => None,
                    [i] => Some(self.dir.orgs[*i].r),
                    _ => return Err(self.refuse(row, Field::District, self.s.imp_two_orgs_district)),
                }
            }
            _ => return Err(self.refuse(row, Field::Inn, self.s.imp_two_inn)),
        };
        let (r, mut outcome) = match found {
            Some(r) => {
                let i = self.dir.org_at[&r];
                let old = self.dir.orgs[i].cols.clone();
                (r, self.settle(r, "organizations", "organization", old, &cols))
            }
            None => {
                let district = self.district(&row.text(Field::District));
                let r = self.dir.new_ref();
                let body = match fold(&row.text(Field::OrgKind)).as_str() {
                    "школа" | "school" => false,
                    "организация" | "body" => true,
                    _ => is_body(get(&cols, "school_type"), &name),
                };
                self.first.insert(r, (line, self.steps.len()));
                self.matched.insert(r, line);
                self.steps.push(Step::Org { r, district, body, cols: cols.clone() });
                self.dir.push_org(OrgRec { r, district, cols: cols.clone() });
                self.found.clear();
                (r, Outcome::New)
            }
        };
        if let Some(year) = year {
            let status_outcome = self.status_of(r, year, &status, Self::cols(Kind::Schools, row, &STATUS_COLS));
            outcome = merge(outcome, status_outcome);
        }
        Ok((outcome, name))
    }

    fn status_of(&mut self, org: Ref, year: i32, status: &str, cols: Cols) -> Outcome {
        match self.dir.status_by_key.get(&(org, year, fold(status))).copied() {
            Some(i) => match self.dir.statuses[i].id {
                Some(id) => update_known(
                    &mut self.steps,
                    &mut self.dir.statuses[i].cols,
                    &cols,
                    "cluster_status",
                    "cluster_status",
                    id,
                ),
                None => Outcome::Unchanged,
            },
            None => {
                self.steps.push(Step::Status { org, year, status: status.to_string(), cols: cols.clone() });
                self.dir.push_status(StatusRec { id: None, org, year, status: status.to_string(), cols });
                Outcome::New
            }
        }
    }

    fn person(&mut self, row: &Row, line: usize) -> Result<(Outcome, String), Refusal> {
        let cols = Self::cols(Kind::People, row, &PERSON_COLS);
        let name = get(&cols, "full_name").to_string();
        if name.is_empty() {
            return Err(self.refuse(row, Field::FullName, self.s.imp_empty_name));
        }
        let email = get(&cols, "email");
        if !email.is_empty() && !valid_email(email) {
            return Err(self.refuse(row, Field::Email, self.s.imp_bad_email));
        }
        let org_name = row.text(Field::Organization);
        let org = if org_name.is_empty() {
            None
        } else {
            let filter = self.district_filter(row);
            Some(self.org(&org_name, filter).map_err(|e| (row.header(Field::Organization), e))?)
        };
        let label = if org_name.is_empty() {
            name.clone()
        } else {
            format!("{name} · {}", self.dir.org_name(org.unwrap_or(Ref::Id(0))))
        };
        let found = self.dir.find_person(&name, org, self.s).map_err(|e| (row.header(Field::FullName), e))?;
        let outcome = match found {
            Some(r) => {
                let old = self.dir.person_at.get(&r).map(|i| self.dir.people[*i].cols.clone()).unwrap_or_default();
                self.settle(r, "people", "person", old, &cols)
            }
            None => {
                let r = self.dir.new_ref();
                self.first.insert(r, (line, self.steps.len()));
                self.matched.insert(r, line);
                self.steps.push(Step::Person { r, org, cols: cols.clone() });
                let folded = fold(&name);
                self.dir.push_person_folded(PersonRec { r, org, cols }, folded);
                Outcome::New
            }
        };
        Ok((outcome, label))
    }

    fn status(&mut self, row: &Row) -> Result<(Outcome, String), Refusal> {
        let name = row.text(Field::Name);
        if name.is_empty() {
            return Err(self.refuse(row, Field::Name, self.s.imp_empty_name));
        }
        let status = row.text(Field::Status);
        if status.is_empty() {
            return Err(self.refuse(row, Field::Status, self.s.imp_empty_status));
        }
        let filter = self.district_filter(row);
        let org = self.org(&name, filter).map_err(|e| (row.header(Field::Name), e))?;
        let year = self.year(row)?.ok_or_else(|| self.refuse(row, Field::Year, self.s.imp_no_year))?;
        let cols = Self::cols(Kind::Statuses, row, &STATUS_COLS);
        let label = format!("{} · {} · {status}", self.dir.org_name(org), AcademicYear(year).label());
        Ok((self.status_of(org, year, &status, cols), label))
    }

    /// A side of a link: a person of the named organisation, else a person named uniquely in
    /// the store, else an organisation.
    fn side(&mut self, row: &Row, who: Field, org_field: Field) -> Result<Side, Refusal> {
        let name = row.text(who);
        let org_name = row.text(org_field);
        let filter = self.district_filter(row);
        if !org_name.is_empty() {
            let org = self.org(&org_name, filter).map_err(|e| (row.header(org_field), e))?;
            return match self.dir.find_person(&name, Some(org), self.s).map_err(|e| (row.header(who), e))? {
                Some(p) => Ok((Some(org), Some(p))),
                None => {
                    Err((row.header(who), format!("{} «{name}» — {}", self.s.imp_no_person, self.dir.org_name(org))))
                }
            };
        }
        if let Some(p) = self.dir.find_person(&name, None, self.s).map_err(|e| (row.header(who), e))? {
            let org = self.dir.person_at.get(&p).and_then(|i| self.dir.people[*i].org);
            return Ok((org, Some(p)));
        }
        let org = self.org(&name, filter).map_err(|e| (row.header(who), e))?;
        Ok((Some(org), None))
    }

    fn event(&mut self, row: &Row) -> Result<(Outcome, String), Refusal> {
        let mut cols = Self::cols(Kind::Events, row, &EVENT_COLS);
        let title = get(&cols, "title").to_string();
        if title.is_empty() {
            return Err(self.refuse(row, Field::Title, self.s.imp_empty_name));
        }
        self.dates(row, &mut cols)?;
        // A date cell in the period's column is the day itself.
        if let Ok(Some(d)) = row.cell(Field::Period).date() {
            for (c, v) in cols.iter_mut() {
                if matches!(*c, "start_date" | "end_date") && v.is_empty() {
                    *v = d.format("%Y-%m-%d").to_string();
                }
                if *c == "period_text" {
                    v.clear();
                }
            }
        }
        let period = get(&cols, "period_text").to_string();
        if get(&cols, "start_date").is_empty() {
            match crate::period::parse_when(&period).filter(|_| !period.is_empty()) {
                Some(w) => {
                    for (c, d) in [("start_date", w.start), ("end_date", w.end)] {
                        if let Some((_, v)) = cols.iter_mut().find(|(x, _)| *x == c) {
                            *v = d.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default();
                        }
                    }
                    // "25.11.2021" said as a day needs no words beside it.
                    if w.text.is_none() {
                        cols.iter_mut().filter(|(x, _)| *x == "period_text").for_each(|(_, v)| v.clear());
                    }
                }
                None if period.is_empty() => return Err(self.refuse(row, Field::Period, self.s.imp_no_date)),
                None => return Err(self.refuse(row, Field::Period, self.s.err_when)),
            }
        }
        // No status in the file says nothing: a new event is planned, a known one keeps its own.
        let given = get(&cols, "status").to_string();
        let status = match read_status(&given) {
            Some(_) if given.is_empty() => String::new(),
            Some(st) => st.code().to_string(),
            None => return Err(self.refuse(row, Field::Status, self.s.imp_bad_status)),
        };
        cols.iter_mut().filter(|(x, _)| *x == "status").for_each(|(_, v)| *v = status.clone());
        // How many took part: a whole number or nothing («24», «24,0» from a spreadsheet).
        for field in [Field::Teachers, Field::People, Field::Schools, Field::Connections, Field::Teams] {
            let Some(col) = column_of(Kind::Events, field) else { continue };
            let Some((_, v)) = cols.iter_mut().find(|(c, _)| *c == col) else { continue };
            let text = v.replace([' ', '\u{a0}'], "");
            let text = text.strip_suffix(",0").or_else(|| text.strip_suffix(".0")).unwrap_or(&text).to_string();
            match text.parse::<u32>() {
                _ if text.is_empty() => v.clear(),
                Ok(n) if n <= 1_000_000 => *v = n.to_string(),
                _ => return Err(self.refuse(row, field, self.s.imp_bad_count)),
            }
        }
        let filter = self.district_filter(row);
        let host_name = row.text(Field::Host);
        let host = if host_name.is_empty() {
            None
        } else {
            Some(self.org(&host_name, filter).map_err(|e| (row.header(Field::Host), e))?)
        };
        let mut participants = Vec::new();
        for name in row.text(Field::Participants).split([';', '\n']).map(str::trim).filter(|n| !n.is_empty()) {
            let p = self
                .org(name, filter)
                .map_err(|e| (row.header(Field::Participants), format!("{}: {e}", self.s.imp_bad_participant)))?;
            if !participants.contains(&p) {
                participants.push(p);
            }
        }
        let label = match host {
            Some(h) => format!("{title} · {}", self.dir.org_name(h)),
            None => title.clone(),
        };
        let outcome = match self.dir.event_by_key.get(&event_key(host, &cols)).copied() {
            Some(i) => match self.dir.events[i].id {
                Some(id) => {
                    let mut outcome =
                        update_known(&mut self.steps, &mut self.dir.events[i].cols, &cols, "events", "event", id);
                    // A school the file adds to those that took part; none is taken away.
                    let known = &mut self.dir.events[i].participants;
                    let added: Vec<Ref> = participants.iter().filter(|p| !known.contains(p)).copied().collect();
                    known.extend(&added);
                    if !added.is_empty() {
                        outcome = match outcome {
                            Outcome::Updated(mut v) => {
                                v.push("participants");
                                Outcome::Updated(v)
                            }
                            _ => Outcome::Updated(vec!["participants"]),
                        };
                        self.steps.push(Step::Participants { event: id, orgs: added });
                    }
                    outcome
                }
                None => Outcome::Unchanged,
            },
            None => {
                let district = match row.text(Field::District).as_str() {
                    "" => host.and_then(|h| self.dir.org_at.get(&h).and_then(|i| self.dir.orgs[*i].district)),
                    name => self.district(name),
                };
                self.steps.push(Step::Event { district, host, participants: participants.clone(), cols: cols.clone() });
                self.dir.push_event(EventRec { id: None, host, cols, participants });
                Outcome::New
            }
        };
        Ok((outcome, label))
    }

    /// A row of a networks sheet: the network (found by district, year and name, or added),
    /// its model, and one member school.
    fn network(&mut self, row: &Row) -> Result<(Outcome, String), Refusal> {
        let name = row.text(Field::Network);
        let year = self.year(row)?.ok_or_else(|| self.refuse(row, Field::Year, self.s.imp_no_year))?;
        let model = crate::domain::NetworkModel::read(&row.text(Field::Model))
            .map_err(|_| self.refuse(row, Field::Model, self.s.nw_bad_model))?
            .map(|m| m.code().to_string())
            .unwrap_or_default();
        let member_name = row.text(Field::Member);
        let filter = self.district_filter(row);
        let member = match member_name.is_empty() {
            true => None,
            false => Some(self.org(&member_name, filter).map_err(|why| (row.header(Field::Member), why))?),
        };
        let district_name = row.text(Field::District);
        let district = match district_name.is_empty() {
            true => member.and_then(|m| self.dir.org_district(m)),
            false => self.district(&district_name),
        };
        let Some(district) = district else {
            return Err(self.refuse(row, Field::District, self.s.imp_net_district));
        };
        let label = if member_name.is_empty() { name.clone() } else { format!("{name}: {member_name}") };
        let key = (Some(district), year, fold(&name));
        let (i, mut outcome) = match self.dir.net_by_key.get(&key) {
            Some(i) => (*i, Outcome::Unchanged),
            None => {
                let r = self.dir.new_ref();
                let step = self.steps.len();
                self.steps.push(Step::Network { r, district, year, model: model.clone(), name: name.clone() });
                let rec = NetRec {
                    r,
                    district: Some(district),
                    year,
                    name,
                    model: model.clone(),
                    members: Vec::new(),
                    step: Some(step),
                };
                self.dir.push_network(rec);
                (self.dir.networks.len() - 1, Outcome::New)
            }
        };
        let net = &mut self.dir.networks[i];
        if !model.is_empty() && net.model != model {
            match (net.r, net.step) {
                (Ref::Id(id), _) => {
                    self.steps.push(Step::Update {
                        table: "networks",
                        entity: "network",
                        id,
                        changes: vec![("model", net.model.clone(), model.clone())],
                    });
                    outcome = Outcome::Updated(vec!["model"]);
                }
                (_, Some(step)) => {
                    if let Step::Network { model: m, .. } = &mut self.steps[step] {
                        *m = model.clone();
                    }
                }
                _ => {}
            }
            net.model = model;
        }
        if let Some(m) = member {
            if !net.members.contains(&m) {
                net.members.push(m);
                self.steps.push(Step::Member { network: net.r, org: m });
                if outcome == Outcome::Unchanged {
                    outcome = Outcome::Updated(vec!["member"]);
                }
            }
        }
        Ok((outcome, label))
    }

    fn link(&mut self, row: &Row) -> Result<(Outcome, String), Refusal> {
        let mentor = self.side(row, Field::Mentor, Field::MentorOrg)?;
        let mentee = self.side(row, Field::Mentee, Field::MenteeOrg)?;
        if mentor.1.is_none() && mentee.1.is_some() {
            return Err(self.refuse(row, Field::Mentor, self.s.imp_org_mentors_person));
        }
        if mentor == mentee {
            return Err(self.refuse(row, Field::Mentee, self.s.imp_self_link));
        }
        let mut cols = Self::cols(Kind::Links, row, &LINK_COLS);
        self.dates(row, &mut cols)?;
        // The period's words give the dates the file leaves out; words the reader does not
        // take as dates ("2022-2024") are kept as written, beside the dates the file gives.
        let period = row.text(Field::Period);
        if let Some(w) = crate::period::parse_when(&period).filter(|_| !period.is_empty()) {
            for (c, d) in [("start_date", w.start), ("end_date", w.end)] {
                if let Some((_, v)) = cols.iter_mut().find(|(x, _)| *x == c) {
                    if v.is_empty() {
                        *v = d.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default();
                    }
                }
            }
        }
        let name = |side: Side| match side.1 {
            Some(p) => self
                .dir
                .person_at
                .get(&p)
                .map_or_else(String::new, |i| get(&self.dir.people[*i].cols, "full_name").to_string()),
            None => side.0.map(|o| self.dir.org_name(o)).unwrap_or_default(),
        };
        let label = format!("{} → {}", name(mentor), name(mentee));
        let key = (mentor, mentee, fold(get(&cols, "subject")));
        let outcome = match self.dir.link_by_key.get(&key).copied() {
            Some(i) => match self.dir.links[i].id {
                Some(id) => update_known(
                    &mut self.steps,
                    &mut self.dir.links[i].cols,
                    &cols,
                    "mentoring_links",
                    "mentoring_link",
                    id,
                ),
                None => Outcome::Unchanged,
            },
            None => {
                self.steps.push(Step::Link { mentor, mentee, cols: cols.clone() });
                self.dir.push_link(LinkRec { id: None, mentor, mentee, cols });
                Outcome::New
            }
        };
        Ok((outcome, label))
    }
}

/// A row of the store met again in the file: the columns the file says otherwise become one
/// update of it.
fn update_known(
    steps: &mut Vec<Step>,
    old: &mut Cols,
    new: &Cols,
    table: &'static str,
    entity: &'static str,
    id: i64,
) -> Outcome {
    let ch = changes(old, new);
    if ch.is_empty() {
        return Outcome::Unchanged;
    }
    fill_over(old, new);
    let names = ch.iter().map(|(c, _, _)| *c).collect();
    steps.push(Step::Update { table, entity, id, changes: ch });
    Outcome::Updated(names)
}

/// Overwrites columns with the non-empty values of `from`.
fn fill_over(cols: &mut Cols, from: &Cols) {
    for (c, v) in from {
        if v.is_empty() {
            continue;
        }
        match cols.iter_mut().find(|(x, _)| x == c) {
            Some((_, old)) => *old = v.clone(),
            None => cols.push((c, v.clone())),
        }
    }
}

/// The outcome of a row that did two things (a school and its status).
fn merge(a: Outcome, b: Outcome) -> Outcome {
    match (a, b) {
        (Outcome::New, _) => Outcome::New,
        (Outcome::Updated(mut x), Outcome::Updated(y)) => {
            x.extend(y);
            Outcome::Updated(x)
        }
        (Outcome::Updated(x), _) => Outcome::Updated(x),
        (_, Outcome::New) => Outcome::Updated(vec!["status"]),
        (_, Outcome::Updated(y)) => Outcome::Updated(y),
        (a, _) => a,
    }
}

/// A sheet of school names with their status reads as either: statuses of schools the store
/// has, or schools (with their status) it has not yet — as the store's own schools say, unless
/// the sheet's name or `--what` did.
fn statuses_or_schools(guessed: Kind, sheet: &grid::Sheet, dir: &Dir, opts: &Options, s: &'static Strings) -> Kind {
    if guessed != Kind::Statuses || Kind::from_code(&sheet.name).is_some() {
        return guessed;
    }
    let Some((at, fields)) = fields::header_row(Kind::Statuses, &sheet.rows, &opts.map) else { return guessed };
    let Some(col) = fields.iter().position(|f| *f == Some(Field::Name)) else { return guessed };
    let names: Vec<String> = sheet
        .rows
        .iter()
        .skip(at + 1)
        .filter_map(|r| r.get(col))
        .map(Cell::text)
        .filter(|t| !t.trim().is_empty())
        .take(50)
        .collect();
    let known = names.iter().filter(|n| dir.find_org(n, None, s).is_ok()).count();
    if known * 2 >= names.len() && !names.is_empty() {
        Kind::Statuses
    } else {
        Kind::Schools
    }
}

/// What importing a workbook into a store holding `dir` would do, without writing.
pub fn plan(book: &Workbook, dir: Dir, opts: &Options, s: &'static Strings) -> Result<Plan, ImportError> {
    let mut sheets: Vec<(usize, SheetPlan, Vec<Option<Field>>)> = Vec::new();
    let mut skipped = Vec::new();
    let names: Vec<String> = book.sheets.iter().map(|x| x.name.clone()).collect();
    if let Some(want) = &opts.sheet {
        if !book.sheets.iter().any(|x| fold(&x.name) == fold(want)) {
            return Err(ImportError::NoSheet(want.clone(), names));
        }
    }
    // A workbook whose sheets are named by kind (as the export writes them) is read by those
    // names: its other sheets (the roadmap, the history…) are not lists to import.
    let named =
        opts.kind.is_none() && opts.sheet.is_none() && book.sheets.iter().any(|x| Kind::from_code(&x.name).is_some());
    for (i, sheet) in book.sheets.iter().enumerate() {
        if opts.sheet.as_ref().is_some_and(|w| fold(w) != fold(&sheet.name)) {
            continue;
        }
        if named && Kind::from_code(&sheet.name).is_none() {
            skipped.push((sheet.name.clone(), s.imp_not_a_list.to_string()));
            continue;
        }
        let kind = match opts.kind {
            Some(k) => Some(k),
            None => {
                fields::guess(&sheet.name, &sheet.rows, &opts.map).map(|k| statuses_or_schools(k, sheet, &dir, opts, s))
            }
        };
        let found = kind.and_then(|k| fields::header_row(k, &sheet.rows, &opts.map).map(|h| (k, h)));
        match found {
            Some((kind, (at, fields))) => {
                let columns = sheet.rows[at].iter().zip(&fields).map(|(c, f)| (clean_line(&c.text()), *f)).collect();
                let header_line = sheet.lines.get(at).copied().unwrap_or(at + 1);
                sheets.push((
                    i,
                    SheetPlan { name: sheet.name.clone(), kind, header_line, header_index: at, columns },
                    fields,
                ));
            }
            None => skipped.push((sheet.name.clone(), s.imp_no_header.to_string())),
        }
    }
    if sheets.is_empty() {
        return Err(ImportError::NoHeader);
    }
    sheets.sort_by_key(|(_, p, _)| p.kind);
    let mut p = Planner {
        dir,
        opts,
        s,
        steps: Vec::new(),
        rows: Vec::new(),
        first: HashMap::new(),
        matched: HashMap::new(),
        line: 0,
        found: HashMap::new(),
        district_seen: Default::default(),
    };
    for (i, sheet, fields) in &sheets {
        let rows = &book.sheets[*i].rows;
        let lines = &book.sheets[*i].lines;
        for (n, cells) in rows.iter().enumerate().skip(sheet.header_index + 1) {
            let row = Row { cells, fields, headers: &sheet.columns };
            if row.empty() {
                continue;
            }
            let line = lines.get(n).copied().unwrap_or(n + 1);
            p.line = line;
            let result = match sheet.kind {
                Kind::Schools => p.school(&row, line),
                Kind::People => p.person(&row, line),
                Kind::Statuses => p.status(&row),
                Kind::Links => p.link(&row),
                Kind::Events => p.event(&row),
                Kind::Networks => p.network(&row),
            };
            let (outcome, label) = match result {
                Ok(x) => x,
                Err((column, reason)) => {
                    let label = row.cells.iter().map(Cell::text).find(|t| !t.trim().is_empty()).unwrap_or_default();
                    (Outcome::Refused { column, reason }, clean_line(&label))
                }
            };
            p.rows.push(RowReport { sheet: sheet.name.clone(), line, kind: sheet.kind, label, outcome });
        }
    }
    Ok(Plan {
        encoding: book.encoding,
        separator: book.separator,
        sheets: sheets.into_iter().map(|(_, x, _)| x).collect(),
        skipped,
        rows: p.rows,
        steps: p.steps,
        new_refs: p.dir.next,
    })
}

/// What to say when a plan writes nothing: the store already says it, or no row was taken.
pub fn nothing_text(plan: &Plan, s: &Strings) -> &'static str {
    let c = plan.counts();
    if c.refused > 0 && c.unchanged == 0 {
        s.imp_nothing_taken
    } else {
        s.imp_nothing
    }
}

/// A store column's name for its user, through the field of `kind` that fills it.
fn column_label(kind: Kind, column: &str, s: &Strings) -> String {
    if column == "status" {
        return Field::Status.label(s);
    }
    let kinds = [kind, Kind::Statuses];
    kinds
        .iter()
        .find_map(|k| k.fields().iter().find(|f| column_of(*k, **f) == Some(column)).map(|f| f.label(s)))
        .unwrap_or_else(|| column.to_string())
}

/// How many rows of each sheet the preview shows before it says how many more there are.
pub const PREVIEW_ROWS: usize = 8;
/// How many refused rows are listed one by one.
pub const REFUSED_ROWS: usize = 50;

/// The preview, as printed by `nastavnik import` and shown by `I` before anything is written:
/// the columns as understood, the first rows as they will be stored, every refused row with
/// its row number, column and reason, and the four counts.
pub fn report(plan: &Plan, file: &str, s: &Strings) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let how = match (plan.encoding, plan.separator) {
        (Some(enc), Some(sep)) => {
            let sep = if sep == '\t' { s.imp_sep_tab.to_string() } else { format!("«{sep}»") };
            format!(" ({}, {enc}, {sep})", s.imp_text_file)
        }
        _ => String::new(),
    };
    let _ = writeln!(out, "{}: {file}{how}", s.imp_file);
    for sheet in &plan.sheets {
        let name =
            if sheet.name.is_empty() { String::new() } else { format!("{} «{}» — ", s.imp_sheet, sheet.name) };
        let _ = writeln!(out, "{name}{}, {} {}:", sheet.kind.label(s), s.imp_header_at, sheet.header_line);
        let cols: Vec<String> = sheet
            .columns
            .iter()
            .filter(|(h, _)| !h.is_empty())
            .map(|(h, f)| match f {
                Some(f) if fold(h) == fold(&f.label(s)) => format!("«{h}»"),
                Some(f) => format!("«{h}» → {}", f.label(s)),
                None => format!("«{h}» — {}", s.imp_ignored),
            })
            .collect();
        let _ = writeln!(out, "  {}", cols.join(" · "));
        let rows: Vec<&RowReport> = plan
            .rows
            .iter()
            .filter(|r| r.sheet == sheet.name && r.kind == sheet.kind && !matches!(r.outcome, Outcome::Refused { .. }))
            .collect();
        if !rows.is_empty() {
            let _ = writeln!(out, "{}:", s.imp_rows_title);
        }
        for r in rows.iter().take(PREVIEW_ROWS) {
            let what = match &r.outcome {
                Outcome::New => s.imp_new.to_string(),
                Outcome::Updated(cols) => {
                    let mut names: Vec<String> = cols.iter().map(|c| column_label(r.kind, c, s)).collect();
                    names.dedup();
                    format!("{} ({})", s.imp_updated, names.join(", "))
                }
                Outcome::Unchanged => s.imp_unchanged.to_string(),
                Outcome::Same(line) => format!("{} {line}", s.imp_same_as),
                Outcome::Refused { .. } => s.imp_refused.to_string(),
            };
            let _ = writeln!(out, "  {:>5}  {what:<22} {}", r.line, crate::text::truncate(&r.label, 90));
        }
        if rows.len() > PREVIEW_ROWS {
            let _ = writeln!(out, "  … {}: {}", s.imp_more_rows, rows.len() - PREVIEW_ROWS);
        }
    }
    for (name, why) in &plan.skipped {
        let _ = writeln!(out, "{} «{name}»: {why}", s.imp_skipped_sheet);
    }
    let refused: Vec<&RowReport> = plan.rows.iter().filter(|r| matches!(r.outcome, Outcome::Refused { .. })).collect();
    if !refused.is_empty() {
        let _ = writeln!(out, "{}:", s.imp_refused_title);
        for r in refused.iter().take(REFUSED_ROWS) {
            if let Outcome::Refused { column, reason } = &r.outcome {
                let sheet = if plan.sheets.len() > 1 { format!("«{}», ", r.sheet) } else { String::new() };
                let _ = writeln!(out, "  {sheet}{} {}, «{column}»: {reason}", s.imp_row, r.line);
            }
        }
        if refused.len() > REFUSED_ROWS {
            let _ = writeln!(out, "  … {}: {}", s.imp_more_rows, refused.len() - REFUSED_ROWS);
        }
    }
    let _ = writeln!(out, "{}", plan.counts().text(s));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_digits_of_inn_ogrn_and_the_look_of_an_email() {
        assert!(valid_inn("7707083893"));
        assert!(!valid_inn("7707083894"));
        assert!(!valid_inn("77070838"));
        assert!(valid_inn("500100732259"));
        assert!(valid_ogrn("1027700132195"));
        assert!(!valid_ogrn("1027700132196"));
        assert!(valid_email("school1@edu.ru"));
        assert!(!valid_email("school1@edu"));
        assert!(!valid_email("school 1@edu.ru"));
    }
}
