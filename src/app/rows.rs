//! What the panes' rows and cards are made of: a row's cells, what it stands for and its tone,
//! the year's data, the filter over the folded text kept with each row, and the pieces of
//! cards every pane uses (a school's card, history, marks). Each pane's own rows and cards are
//! in its module under `panes`. Built once per load or filter change, never per frame.

use super::panes::history::change_words;
use super::Pane;
use crate::domain::*;
use crate::i18n::Strings;
use crate::text::fold;

/// What a listed row stands for, to open it or change its status.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ItemRef {
    Cluster(i64),
    Link(usize),
    Event(usize),
    Decision(usize),
    Risk(usize),
    Indicator(usize),
    Agreement(usize),
    Uncovered(usize),
    Attention(usize),
    Diagnostic(usize),
    Change(usize),
    Network(usize),
    /// A group of people (a working group, a community).
    Group(usize),
    Order(usize),
    Programme(usize),
    /// A report (not minutes) with its recommendations.
    ReportDoc(usize),
    /// A programme's task: the programme, the task.
    Task(usize, usize),
    /// A line of the agenda.
    Agenda(usize),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    Normal,
    Header,
    Muted,
    Event(EventStatus),
    Overdue,
    Agreement(AgreementStatus),
}

/// A row's cells in one shared allocation: the texts one after another, apart by a unit
/// separator (a control character no stored text keeps). Shared, so that a filtered list is a
/// list of the same rows, not of copies; one allocation, not one a cell.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Cells(std::sync::Arc<str>);

const SEP: char = '\u{1F}';

impl Cells {
    pub fn iter(&self) -> std::str::Split<'_, char> {
        self.0.split(SEP)
    }

    pub fn len(&self) -> usize {
        self.0.matches(SEP).count() + 1
    }

    pub fn is_empty(&self) -> bool {
        false
    }

    pub fn to_vec(&self) -> Vec<String> {
        self.iter().map(str::to_string).collect()
    }

    pub fn join(&self, sep: &str) -> String {
        self.iter().collect::<Vec<_>>().join(sep)
    }
}

impl std::ops::Index<usize> for Cells {
    type Output = str;
    /// The cell `i`; a cell beyond the row's is empty.
    fn index(&self, i: usize) -> &str {
        self.iter().nth(i).unwrap_or("")
    }
}

impl Cells {
    /// The cells from borrowed texts: one string made, no copy of each cell first.
    pub fn of(cells: &[&str]) -> Cells {
        let mut text = String::with_capacity(cells.iter().map(|c| c.len() + 1).sum());
        for (i, c) in cells.iter().enumerate() {
            if i > 0 {
                text.push(SEP);
            }
            if c.contains(SEP) {
                text.push_str(&c.replace(SEP, " "));
            } else {
                text.push_str(c);
            }
        }
        Cells(text.into())
    }
}

impl From<Vec<String>> for Cells {
    fn from(cells: Vec<String>) -> Cells {
        Cells::of(&cells.iter().map(String::as_str).collect::<Vec<_>>())
    }
}

#[derive(Clone, Debug)]
pub struct ViewRow {
    pub cells: Cells,
    pub item: Option<ItemRef>,
    pub tone: Tone,
    /// Folded text per facet a filter can name ("школа:", "предмет:", "вид:", "статус:",
    /// "отв:", "приказ:"), for the rows that have them; the free words of a filter search `cells` and these.
    pub facets: Option<std::sync::Arc<[String; 6]>>,
}

/// The facet names a filter understands, in both languages, in the order of `facets`.
const FACETS: [(&str, &str); 6] = [
    ("школа", "school"),
    ("предмет", "subject"),
    ("вид", "kind"),
    ("статус", "status"),
    ("отв", "resp"),
    ("приказ", "order"),
];

impl ViewRow {
    pub(crate) fn header(title: String, width: usize) -> ViewRow {
        let mut cells = vec![String::new(); width];
        cells[0] = title;
        ViewRow { cells: cells.into(), item: None, tone: Tone::Header, facets: None }
    }
}

/// The rows of one academic year, as the store gives them.
#[derive(Default, Clone)]
pub struct YearData {
    pub clusters: Vec<ClusterRow>,
    pub links: Vec<LinkRow>,
    pub events: Vec<EventRow>,
    pub decisions: Vec<DecisionRow>,
    pub risks: Vec<RiskRow>,
    pub indicators: Vec<IndicatorRow>,
    pub diagnostics: Vec<DiagnosticRow>,
    /// What needs attention this year, as of the day the data was read.
    pub attention: Vec<crate::deficits::Attention>,
    pub agreements: Vec<AgreementRow>,
    /// The orders the records rest on, of every year (the Agreements pane).
    pub orders: Vec<crate::orders::OrderRow>,
    /// The districts' programmes and roadmaps with their tasks (the Agreements pane).
    pub programmes: Vec<crate::domain::ProgrammeRow>,
    /// The reports with their recommendations (the Agreements pane).
    pub report_docs: Vec<crate::domain::ReportDocRow>,
    /// What needs attention now, of every year (the Agenda pane).
    pub agenda: crate::agenda::Agenda,
    /// The year's networks of schools, with their members.
    pub networks: Vec<crate::store::NetworkRow>,
    /// The groups of people, of every year (the Clusters pane).
    pub groups: Vec<crate::domain::GroupRow>,
    /// The latest changes to the store, every year, newest first.
    pub log: Vec<crate::store::LogLine>,
    /// An agreement whose term ends within this many days is flagged (config `[agreements]`).
    pub expiring_days: i64,
    pub loads: Vec<crate::suggest::Load>,
    /// Schools needing a mentor this year, each with its suggested mentors, best first.
    pub uncovered: Vec<(crate::suggest::Uncovered, Vec<crate::suggest::Suggestion>)>,
    /// The store has no school or organisation at all: a district just starting.
    pub store_empty: bool,
}

impl YearData {
    /// Only the district's rows: its schools' and people's, its events, decisions and
    /// agreements (a district in focus, a district's report).
    pub fn narrow(&mut self, f: &crate::store::FocusSets) {
        for pane in Pane::ALL {
            self.narrow_part(pane, f);
        }
    }

    /// Takes one pane's fields from `from` (read for that pane alone), leaving the others;
    /// what they held is left in `from`.
    pub fn swap_part(&mut self, pane: Pane, from: &mut YearData) {
        pane.slice().take(self, from)
    }

    /// Keeps of what one pane reads only the rows of the district in focus.
    pub fn narrow_part(&mut self, pane: Pane, f: &crate::store::FocusSets) {
        pane.slice().narrow(self, f)
    }
}

pub fn columns(pane: Pane, s: &Strings) -> Vec<&'static str> {
    pane.slice().columns(s)
}

/// All rows of a pane, with group headers, before filtering.
pub fn build(pane: Pane, d: &YearData, s: &Strings, today: chrono::NaiveDate) -> Vec<ViewRow> {
    pane.slice().rows(d, s, today)
}

/// A history line's field as the screens name it.
pub fn field_label(field: &str, s: &Strings) -> String {
    match field {
        "status" => s.col_status,
        "result" => s.col_result,
        "start" | "end" | "period" | "date" => s.col_date,
        "title" => s.min_title,
        "number" => s.col_number,
        "responsible" => s.col_responsible,
        "subject" => s.col_subject,
        "deadline" => s.rk_deadline,
        "goal" => s.rk_goal,
        "goals" => s.ag_goals,
        "tasks" => s.ag_tasks,
        "measures" => s.rk_measures,
        "progress" => s.rk_progress,
        "composition" => s.gr_composition,
        "since" => s.gr_since,
        "author" => s.rep_author,
        "indicator" => s.pg_indicator,
        "kind" => s.col_kind,
        "grades" => s.col_grades,
        "host" => s.col_host,
        "teacher" => s.col_teacher,
        "participants" => s.col_participants,
        "roles" => s.col_roles,
        "teachers" => return s.hf_teachers.to_string(),
        "people" => return s.hf_people.to_string(),
        "schools" => return s.hf_schools.to_string(),
        "connections" => return s.hf_connections.to_string(),
        "teams" => return s.hf_teams.to_string(),
        "funding" => s.ev_funding,
        "expected" => s.ev_expected,
        "mentor" => s.col_mentor,
        "mentee" => s.col_mentee,
        "form" => s.col_form,
        "basis" | "basis_date" => s.col_basis,
        "place" => s.ag_place,
        "term" => s.ag_term_text,
        "signatory" => s.ag_signatory,
        "position" => s.ag_position,
        "address" => s.ag_address,
        "state" => s.hist_state,
        "role" => s.hist_role,
        "name" | "full_name" => s.hist_name,
        "merged" => s.hist_merged,
        "text" => s.hist_text,
        "time" => s.doc_time,
        "format" => s.doc_format,
        "audience" => s.doc_audience,
        "moderators" => s.doc_moderators,
        "appendices" => s.doc_appendices,
        "signed" => s.doc_signed,
        "link" => s.min_link,
        "agenda" => s.doc_agenda,
        "participant" => s.col_participants,
        "value" => s.val_value,
        "part" => s.val_part,
        "whole" => s.val_whole,
        "school" => s.col_school,
        "member" => s.hist_member,
        "model" => s.nw_model,
        "retired" => s.hist_retired,
        "short_name" => s.sc_short,
        "school_type" => s.sc_type,
        "town" => s.col_town,
        "district" => s.col_district,
        "issuer" => s.ord_issuer,
        "inn" => return "ИНН".to_string(),
        "ogrn" => return "ОГРН".to_string(),
        "phone" => s.sc_phone,
        "email" => return "e-mail".to_string(),
        "director" => s.sc_director,
        "subjects" => s.col_subject,
        "risk_level" => s.col_risk,
        "note" => s.col_basis,
        "remark" => s.col_note,
        "start_date" | "end_date" | "period_text" => s.col_date,
        other => return other.to_string(),
    }
    .trim()
    .to_lowercase()
}

/// What a history line's entity is, as the screens name it.
pub fn entity_label(entity: &str, s: &Strings) -> String {
    s.entity(entity)
}

/// A history line as words: the field, and its old and new values (statuses by their names,
/// «—» for nothing), the same on the History pane and in `nastavnik history`.
/// A mark in words: «Тема: так в документе — вероятно, «формы»».
pub fn mark_words(m: &crate::domain::Mark, s: &Strings) -> String {
    let (field, kind) = (crate::text::capitalized(&field_label(&m.field, s)), m.kind.label(s));
    if m.note.is_empty() {
        format!("{field}: {kind}")
    } else {
        format!("{field}: {kind} — {}", m.note)
    }
}

/// A card with its marks: each after the line of its field (or at the end when the card does
/// not show that field), «⚠ так в документе: …».
pub fn with_marks(mut doc: Vec<DocLine>, marks: &[crate::domain::Mark], s: &Strings) -> Vec<DocLine> {
    for m in marks {
        let label = field_label(&m.field, s);
        let line = if m.note.is_empty() {
            format!("⚠ {}", m.kind.label(s))
        } else {
            format!("⚠ {}: {}", m.kind.label(s), m.note)
        };
        let at = doc.iter().position(|d| matches!(d, DocLine::Field(l, _) if l.to_lowercase() == label));
        // A field the card gives as a heading and its text («Предмет договора», «Задачи»):
        // the mark at the end of that text.
        let under = doc.iter().position(|d| matches!(d, DocLine::Heading(h) if h.to_lowercase().starts_with(&label)));
        match (at, under) {
            (Some(i), _) => doc.insert(i + 1, DocLine::Text(format!("  {line}"))),
            (None, Some(h)) => {
                let end =
                    doc[h + 1..].iter().position(|d| !matches!(d, DocLine::Text(_))).map_or(doc.len(), |n| h + 1 + n);
                doc.insert(end, DocLine::Text(line));
            }
            (None, None) => {
                // Before the history, if the card has one.
                let end = doc
                    .iter()
                    .position(|d| matches!(d, DocLine::Heading(h) if h == s.sec_history))
                    .map_or(doc.len(), |h| h.saturating_sub(1));
                doc.insert(end, DocLine::Field(crate::text::capitalized(&label), line));
            }
        }
    }
    doc
}

/// A filter as typed: free words, and "facet:value" pairs for the rows that have facets.
struct Query {
    words: String,
    facets: Vec<(usize, String)>,
}

fn parse_query(query: &str) -> Query {
    let mut words = Vec::new();
    let mut facets = Vec::new();
    for token in query.split_whitespace() {
        if let Some((k, v)) = token.split_once(':') {
            let k = fold(k);
            if let Some(i) =
                FACETS.iter().position(|(ru, en)| !k.is_empty() && (ru.starts_with(&k) || en.starts_with(&k)))
            {
                let v = fold(v);
                if !v.is_empty() {
                    facets.push((i, v));
                }
                continue;
            }
        }
        words.push(token);
    }
    Query { words: words.join(" "), facets }
}

/// The folded text of a row that a filter searches: its cells, then its facets, each facet a
/// range of the same text (one allocation a row, not six).
#[derive(Clone, Debug, Default)]
pub struct Hay {
    pub text: String,
    facets: Option<[(u32, u32); 6]>,
}

impl Hay {
    fn facet(&self, i: usize) -> Option<&str> {
        let (a, b) = self.facets?[i];
        self.text.get(a as usize..b as usize)
    }
}

/// A row's [`Hay`]: its cells and facets folded. The row's own facets are no longer needed
/// once it is made ([`strip`]).
pub fn haystack(r: &ViewRow) -> Hay {
    let mut text = crate::text::fold_join(r.cells.iter());
    let facets = r.facets.as_ref().map(|f| {
        let mut spans = [(0u32, 0u32); 6];
        for (i, x) in f.iter().enumerate() {
            text.push(' ');
            let a = text.len() as u32;
            text.push_str(x);
            spans[i] = (a, text.len() as u32);
        }
        spans
    });
    text.shrink_to_fit();
    Hay { text, facets }
}

/// The row as a pane keeps it once its [`Hay`] is made: its facets live in the hay.
pub fn strip(mut r: ViewRow) -> ViewRow {
    r.facets = None;
    r
}

fn row_matches(hay: &Hay, q: &Query, words: &[&str]) -> bool {
    if !q.facets.is_empty() {
        if hay.facets.is_none() {
            return false;
        }
        let all = q.facets.iter().all(|(i, v)| {
            let f = hay.facet(*i).unwrap_or("");
            v.split(' ').all(|w| crate::text::word_matches(f, w))
        });
        if !all {
            return false;
        }
    }
    words.iter().all(|w| crate::text::word_matches(&hay.text, w))
}

/// Keeps the rows matching `query` (every word, any order, case and ё folded; "школа:сош3",
/// "предмет:", "вид:", "статус:", "отв:" narrow to one facet, combinable), and the group
/// headers that still have rows under them, each with the count of its rows shown. `hays` are
/// the rows' folded texts ([`haystack`]), made once with the rows.
pub fn filter(rows: &[ViewRow], hays: &[Hay], query: &str) -> Vec<ViewRow> {
    assemble(rows, &matching(rows, hays, query, None))
}

/// The positions in `rows` of the item rows `query` keeps, in order. `within` is an earlier
/// query's result that this one [`refines`]: only those rows are searched again.
pub fn matching(rows: &[ViewRow], hays: &[Hay], query: &str, within: Option<&[u32]>) -> Vec<u32> {
    let q = parse_query(query);
    let folded = fold(&q.words);
    let words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
    let everything = fold(query).is_empty();
    let keep = |i: usize| rows[i].item.is_some() && (everything || row_matches(&hays[i], &q, &words));
    match within {
        Some(earlier) => earlier.iter().copied().filter(|i| keep(*i as usize)).collect(),
        None => (0..rows.len()).filter(|i| keep(*i)).map(|i| i as u32).collect(),
    }
}

/// Whether every row `new` keeps is one `old` keeps, so that `new` may search `old`'s result
/// alone: each word and each facet value of `old` grown or kept in `new` at its place, more
/// words or facets only added. A word of digits matches a whole word (`7` is not in «72»),
/// so a query with one is never taken as grown from it.
pub fn refines(old: &str, new: &str) -> bool {
    let digits = |w: &str| w.bytes().all(|b| b.is_ascii_digit());
    let (o, n) = (parse_query(old), parse_query(new));
    let (ow, nw) = (fold(&o.words), fold(&n.words));
    let ow: Vec<&str> = ow.split(' ').filter(|w| !w.is_empty()).collect();
    let nw: Vec<&str> = nw.split(' ').filter(|w| !w.is_empty()).collect();
    ow.len() <= nw.len()
        && o.facets.len() <= n.facets.len()
        && ow.iter().zip(&nw).all(|(a, b)| !digits(a) && b.contains(a))
        && o.facets.iter().zip(&n.facets).all(|((i, a), (j, b))| {
            i == j && a.split(' ').all(|w| !digits(w)) && b.split(' ').zip(a.split(' ')).all(|(y, x)| y.contains(x))
        })
}

/// The rows shown for the item rows at `matched` (positions in `rows`, in order): each under
/// its group's header, a header with none under it left out, and the count of the rows it
/// names beside it.
pub fn assemble(rows: &[ViewRow], matched: &[u32]) -> Vec<ViewRow> {
    let mut out: Vec<ViewRow> = Vec::with_capacity(matched.len() + 16);
    let mut header: Option<usize> = None;
    // Rows under a group's heading, and of them the ones it names (a programme's tasks are
    // listed under it, not counted as programmes).
    let (mut count, mut named) = (0, 0);
    let close = |out: &mut Vec<ViewRow>, header: Option<usize>, count: usize, named: usize| {
        if let Some(h) = header {
            if count == 0 {
                out.remove(h);
            } else if named > 0 {
                let mut cells = out[h].cells.to_vec();
                cells[0] = format!("{} ({named})", cells[0]);
                out[h].cells = cells.into();
            }
        }
    };
    // The group headers (rows with no item) in order, walked beside the matched rows.
    let headers: Vec<usize> = rows.iter().enumerate().filter(|(_, r)| r.item.is_none()).map(|(i, _)| i).collect();
    let mut next_header = 0;
    for &i in matched {
        let i = i as usize;
        let mut opened = false;
        while next_header < headers.len() && headers[next_header] < i {
            next_header += 1;
            opened = true;
        }
        if opened {
            close(&mut out, header, count, named);
            header = Some(out.len());
            (count, named) = (0, 0);
            out.push(rows[headers[next_header - 1]].clone());
        }
        let r = &rows[i];
        count += 1;
        named += usize::from(!matches!(r.item, Some(ItemRef::Task(..))));
        out.push(r.clone());
    }
    close(&mut out, header, count, named);
    out
}

/// One line of a detail view.
#[derive(Clone, Debug, PartialEq)]
pub enum DocLine {
    Heading(String),
    Field(String, String),
    Text(String),
    Blank,
}

pub(crate) fn field(out: &mut Vec<DocLine>, label: &str, value: &str) {
    if !value.is_empty() {
        out.push(DocLine::Field(label.to_string(), value.to_string()));
    }
}

/// A card's history: every change of the row, in the same words as the History pane.
pub(crate) fn history_lines(out: &mut Vec<DocLine>, s: &Strings, history: &[HistoryRow]) {
    if history.is_empty() {
        return;
    }
    out.push(DocLine::Blank);
    out.push(DocLine::Heading(s.sec_history.to_string()));
    for h in history {
        let (field, old, new) = change_words(h, s);
        let what = if h.field == "*" { field } else { format!("{field}: {old} → {new}") };
        out.push(DocLine::Text(format!("{}  {}  {}", crate::text::format_stamp(&h.at), h.who, what)));
    }
}

/// A protocol's heading and signature under one of its decisions: when, where, how, for whom,
/// who led it, how many connected, what is appended, who signed, and what the source says of
/// it.
pub fn protocol_lines(out: &mut Vec<DocLine>, m: &crate::domain::Minutes, s: &Strings) {
    out.push(DocLine::Blank);
    let number = if m.number.is_empty() { String::new() } else { format!(" №{}", m.number) };
    out.push(DocLine::Heading(format!("{}{number}: {}", s.doc_protocol, m.title)));
    field(out, s.doc_date, &m.date.map(crate::text::format_date).unwrap_or_default());
    field(out, s.doc_time, &m.time);
    field(out, s.doc_place, &m.place);
    let format = [m.format.as_str(), &m.link].iter().filter(|x| !x.is_empty()).copied().collect::<Vec<_>>().join(" ");
    field(out, s.doc_format, &format);
    let f = &m.facts;
    field(out, s.doc_audience, &f.audience);
    field(out, s.doc_moderators, &f.moderators);
    field(out, s.doc_connections, &f.connections.map(|n| n.to_string()).unwrap_or_default());
    field(out, s.col_participants, &m.participants.join("; "));
    field(out, s.doc_appendices, &f.appendices);
    field(out, s.doc_signed, &f.signed);
    field(out, s.col_note, &f.note);
}

/// The card, and for a school nobody mentors, the mentors suggested for it with their reasons.
pub fn card_with_suggestions(c: &SchoolCard, d: &YearData, s: &Strings) -> Vec<DocLine> {
    let mut out = card_doc(c, s);
    let attention: Vec<&crate::deficits::Attention> = d.attention.iter().filter(|a| a.org() == Some(c.id)).collect();
    if !attention.is_empty() {
        // Right under the school's name and place, before its history.
        let at = out.iter().position(|l| *l == DocLine::Blank).unwrap_or(out.len());
        let mut lines = vec![DocLine::Blank, DocLine::Heading(format!("{} ({})", s.sec_attention, attention.len()))];
        lines.extend(attention.iter().map(|a| DocLine::Text(format!("⚠ {}", a.parts(s).1))));
        out.splice(at..at, lines);
    }
    if let Some((school, suggestions)) = d.uncovered.iter().find(|(u, _)| u.org == c.id) {
        out.push(DocLine::Blank);
        out.push(DocLine::Heading(format!("{} — {}", s.sec_suggestions, school.needs.join("; "))));
        if suggestions.is_empty() {
            out.push(DocLine::Text(s.no_candidates.to_string()));
        }
        for g in suggestions {
            out.push(DocLine::Text(format!("{} — {}", g.name, g.reason)));
        }
    }
    out
}

pub fn card_doc(c: &SchoolCard, s: &Strings) -> Vec<DocLine> {
    let mut out = Vec::new();
    field(&mut out, s.col_district, &c.district);
    field(&mut out, s.col_town, &c.town);
    field(&mut out, s.sec_director, &c.director);
    field(&mut out, "ИНН", &c.inn);
    field(&mut out, "ОГРН", &c.ogrn);
    field(&mut out, s.sc_address, &c.address);
    field(&mut out, s.sc_phone, &c.phone);
    field(&mut out, "e-mail", &c.email);
    let section = |out: &mut Vec<DocLine>, title: &str, lines: Vec<String>| {
        out.push(DocLine::Blank);
        out.push(DocLine::Heading(format!("{title} ({})", lines.len())));
        if lines.is_empty() {
            out.push(DocLine::Text(s.none.to_string()));
        }
        out.extend(lines.into_iter().map(DocLine::Text));
    };
    section(
        &mut out,
        s.sec_staff,
        c.staff.iter().map(|(n, role)| if role.is_empty() { n.clone() } else { format!("{n} — {role}") }).collect(),
    );
    section(
        &mut out,
        s.sec_networks,
        c.networks
            .iter()
            .map(|n| {
                let model = n.model.map_or(s.nw_no_model, |m| m.label(s));
                format!("{}  {} — {model}", n.year.label(), n.name)
            })
            .collect(),
    );
    section(
        &mut out,
        s.sec_status_history,
        c.statuses
            .iter()
            .map(|(y, st, risk, note)| {
                let mut line = if risk.is_empty() { format!("{y}  {st}") } else { format!("{y}  {st}, {risk}") };
                if !note.is_empty() {
                    line.push_str(&format!(" — {note}"));
                }
                line
            })
            .collect(),
    );
    let link_line = |l: &LinkRow, other: &str| {
        let mut t = format!("{other} — {}", l.level_label(s));
        for extra in [&l.subject, &l.form] {
            if !extra.is_empty() {
                t.push_str(", ");
                t.push_str(extra);
            }
        }
        t.push_str(&format!(" ({})", l.when.display_running(s)));
        let basis = l.basis_text();
        if !basis.is_empty() {
            t.push_str(&format!("; {basis}"));
        }
        if l.basis_doubtful() {
            t.push_str(&format!(" ({})", s.basis_doubt_short));
        }
        t
    };
    // Mentors and those who support (a coordinator, a curator, a body) apart; the second
    // heading only where there is someone under it.
    for (mentoring, support, links) in
        [(s.sec_mentors, s.sec_supporters, &c.mentors), (s.sec_mentees, s.sec_supported, &c.mentees)]
    {
        let (backing, mentoring_links): (Vec<&LinkRow>, Vec<&LinkRow>) = links.iter().partition(|l| l.is_support());
        let line = |l: &&LinkRow| link_line(l, &format!("{} → {}", l.mentor, l.mentee));
        section(&mut out, mentoring, mentoring_links.iter().map(line).collect());
        if !backing.is_empty() {
            section(&mut out, support, backing.iter().map(line).collect());
        }
    }
    section(
        &mut out,
        s.sec_events,
        c.events
            .iter()
            .map(|e| {
                let mut t = format!("{}  [{}]  {}", e.when.display(), e.status.label(s), e.title);
                for extra in [&e.subject, &e.grades, &e.teacher] {
                    if !extra.is_empty() {
                        t.push_str(", ");
                        t.push_str(extra);
                    }
                }
                t
            })
            .collect(),
    );
    section(
        &mut out,
        s.sec_agreements,
        c.agreements.iter().map(|a| format!("{} — {} [{}]", a.kind.label(s), a.title, a.status.label(s))).collect(),
    );
    section(
        &mut out,
        s.sec_risks,
        c.risks
            .iter()
            .map(|r| {
                if r.progress.is_empty() {
                    r.direction.clone()
                } else {
                    format!("{} — {}", r.direction, r.progress)
                }
            })
            .collect(),
    );
    out
}

pub(crate) fn event_tone(status: EventStatus, last_day: Option<chrono::NaiveDate>, today: chrono::NaiveDate) -> Tone {
    let open = matches!(status, EventStatus::Planned | EventStatus::InProgress);
    if open && last_day.is_some_and(|d| d < today) {
        Tone::Overdue
    } else {
        Tone::Event(status)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(item: Option<ItemRef>, cells: &[&str], facets: Option<[&str; 6]>) -> ViewRow {
        ViewRow {
            cells: Cells::of(cells),
            item,
            tone: Tone::Normal,
            facets: facets.map(|f| std::sync::Arc::new(f.map(fold))),
        }
    }

    /// Two groups of events: a heading, then its rows.
    fn rows() -> Vec<ViewRow> {
        let ev = |i: usize, title: &str, school: &str, kind: &str| {
            row(Some(ItemRef::Event(i)), &[title, school], Some([school, "", kind, "", "", ""]))
        };
        vec![
            row(None, &["Мероприятия"], None),
            ev(0, "Семинар по физике 7 класс", "СОШ №3", "семинар"),
            ev(1, "Семинар по химии 72 ч", "СОШ №1", "семинар"),
            ev(2, "Мастер-класс по физике", "СОШ №3", "мастер-класс"),
            row(None, &["Решения"], None),
            ev(3, "Провести семинар к сентябрю", "СОШ №1", "решение"),
        ]
    }

    fn titles(shown: &[ViewRow]) -> Vec<String> {
        shown.iter().map(|r| r.cells[0].to_string()).collect()
    }

    #[test]
    fn a_query_grown_letter_by_letter_keeps_what_a_fresh_search_keeps() {
        let all = rows();
        let hays: Vec<Hay> = all.iter().map(haystack).collect();
        let typed = [
            "",
            "с",
            "се",
            "сем",
            "семинар",
            "семинар ф",
            "семинар физ",
            "семинар физ школа:сош",
            "семинар физ школа:сош3",
        ];
        let mut earlier: Option<Vec<u32>> = None;
        for (k, q) in typed.iter().enumerate() {
            if k > 0 {
                assert!(refines(typed[k - 1], q), "«{}» → «{q}»", typed[k - 1]);
            }
            let fresh = matching(&all, &hays, q, None);
            let grown = matching(&all, &hays, q, earlier.as_deref());
            assert_eq!(grown, fresh, "«{q}»");
            earlier = Some(grown);
        }
        assert_eq!(titles(&assemble(&all, &earlier.unwrap())), ["Мероприятия (1)", "Семинар по физике 7 класс"]);
    }

    #[test]
    fn a_query_that_does_not_narrow_the_one_before_is_searched_afresh() {
        // «7» matches the word 7 only: «72» is another word, not a narrower one.
        assert!(!refines("7", "72"));
        // A letter taken back, a word changed, a word becoming a facet's name.
        assert!(!refines("семинар", "семина"));
        assert!(!refines("физ", "хим"));
        assert!(!refines("ш", "ш:сош"));
        assert!(!refines("школа:сош", "предмет:сош"));
        assert!(refines("", "школа:сош"));
        let all = rows();
        let hays: Vec<Hay> = all.iter().map(haystack).collect();
        assert_eq!(titles(&filter(&all, &hays, "72")), ["Мероприятия (1)", "Семинар по химии 72 ч"]);
        assert_eq!(titles(&filter(&all, &hays, "7")), ["Мероприятия (1)", "Семинар по физике 7 класс"]);
    }

    #[test]
    fn a_group_with_no_row_left_loses_its_heading_and_the_others_count_theirs() {
        let all = rows();
        let hays: Vec<Hay> = all.iter().map(haystack).collect();
        assert_eq!(titles(&filter(&all, &hays, "сентябр")), ["Решения (1)", "Провести семинар к сентябрю"]);
        assert_eq!(
            titles(&filter(&all, &hays, "семинар")),
            [
                "Мероприятия (2)",
                "Семинар по физике 7 класс",
                "Семинар по химии 72 ч",
                "Решения (1)",
                "Провести семинар к сентябрю"
            ]
        );
        assert!(filter(&all, &hays, "зюзюкина").is_empty());
    }
}
