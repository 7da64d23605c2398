//! Orders and other basis documents as records. A record rests on an order when its basis or
//! note cites one as the documents write it — «приказ МКУ ЦРО от 26.04.2022 № 56»,
//! «приказы МКУ ЦРО от 15.03.2022 № 35, от 01.04.2022 № 48», «приказом ГАУ ДПО «…» от
//! 03.03.2022г. № 28», «приказ УО № 12 от 01.09.2021» — so the text stays as written and the
//! order is found from it; an order's own title and note, and an order nothing cites yet, are
//! kept in the store's `orders` table. Pure logic: the store reads the texts and the table.

use crate::i18n::Strings;
use crate::text::{fold, format_date, parse_date};
use chrono::NaiveDate;
use regex::Regex;
use serde::Serialize;
use std::sync::OnceLock;

/// What kind of basis document: an order («приказ») or a directive («распоряжение»).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
pub enum DocKind {
    #[default]
    Order,
    Directive,
}

impl DocKind {
    pub const ALL: [DocKind; 2] = [DocKind::Order, DocKind::Directive];

    pub fn code(self) -> &'static str {
        match self {
            DocKind::Order => "order",
            DocKind::Directive => "directive",
        }
    }

    pub fn from_code(code: &str) -> DocKind {
        if code == "directive" {
            DocKind::Directive
        } else {
            DocKind::Order
        }
    }

    /// «приказ», «распоряжение»: the word in a list.
    pub fn label(self, s: &Strings) -> &'static str {
        match self {
            DocKind::Order => s.ord_kind,
            DocKind::Directive => s.ord_kind_directive,
        }
    }

    /// «Приказ», «Распоряжение»: the word a name begins with.
    pub fn title(self, s: &Strings) -> &'static str {
        match self {
            DocKind::Order => s.ord_order,
            DocKind::Directive => s.ord_directive,
        }
    }

    /// The kind a word names, in either language; an empty word is an order.
    pub fn read(word: &str) -> Option<DocKind> {
        let w = fold(word);
        if w.is_empty() {
            return Some(DocKind::Order);
        }
        let langs = [&crate::i18n::RU, &crate::i18n::EN];
        DocKind::ALL.into_iter().find(|k| langs.iter().any(|l| fold(k.label(l)) == w))
    }
}

/// One order as a text cites it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cite {
    pub kind: DocKind,
    /// Who issued it, as written after «приказ» (in the genitive: «МКУ ЦРО», «Управления
    /// образования»); empty when the text names no one.
    pub issuer: String,
    pub number: String,
    /// The date as written, and as a date when it is one.
    pub date_text: String,
    pub date: Option<NaiveDate>,
}

const DATE: &str = r"(?:\d{1,2}\.\d{1,2}\.\d{2,4}|\d{1,2}\s+(?:января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря)\s+\d{4})";

const MONTHS: [&str; 12] = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
];

/// A date as an order's citation writes it: «24.03.22», «03.03.2022», «30 декабря 2022».
fn order_date(text: &str) -> Option<NaiveDate> {
    let words: Vec<&str> = text.split_whitespace().collect();
    if let [d, m, y] = words.as_slice() {
        let month = MONTHS.iter().position(|x| x.eq_ignore_ascii_case(&m.to_lowercase()))? as u32 + 1;
        return NaiveDate::from_ymd_opt(y.parse().ok()?, month, d.parse().ok()?);
    }
    parse_date(text)
}
const NUMBER: &str = r"[0-9][0-9\p{L}/\-]*";

fn citation() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        let one = format!(
            r"(?:(?:от\s+)?{DATE}\s*(?:г\.?)?\s*(?:№|N)\s*{NUMBER}|(?:№|N)\s*{NUMBER}\s+от\s+{DATE}(?:\s*г\.)?|(?:№|N)\s*{NUMBER})"
        );
        Regex::new(&format!(
            r"(?i)(?:^|[^\p{{L}}])(?P<kind>приказ|распоряжени)\p{{L}}*\s+(?P<issuer>[^;.()\n№]{{0,160}}?)\s*(?P<list>{one}(?:\s*(?:,|\sи)\s*{one})*)"
        ))
        .expect("the citation pattern is valid")
    })
}

fn one_order() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(&format!(
            r"(?i)(?:от\s+)?(?P<d1>{DATE})\s*(?:г\.?)?\s*(?:№|N)\s*(?P<n1>{NUMBER})|(?:№|N)\s*(?P<n2>{NUMBER})(?:\s+от\s+(?P<d2>{DATE}))?"
        ))
        .expect("the order pattern is valid")
    })
}

/// The orders a text cites, in the order it cites them; the same order twice once.
pub fn cites(text: &str) -> Vec<Cite> {
    let mut out: Vec<Cite> = Vec::new();
    if !mentions(text) {
        return out;
    }
    for c in citation().captures_iter(text) {
        let kind = if c["kind"].to_lowercase().starts_with("распоряжени") {
            DocKind::Directive
        } else {
            DocKind::Order
        };
        let issuer = c["issuer"].trim().trim_end_matches(|ch: char| ch == ',' || ch.is_whitespace());
        // «приказ от …» names no issuer; a trailing «от» belongs to the date, not the issuer.
        let issuer = issuer.strip_suffix(" от").unwrap_or(issuer).trim().to_string();
        for o in one_order().captures_iter(&c["list"]) {
            let number = o.name("n1").or(o.name("n2")).map_or("", |m| m.as_str());
            let number = number.trim_end_matches(['-', '/']).to_string();
            let date_text = o.name("d1").or(o.name("d2")).map_or("", |m| m.as_str()).to_string();
            let date = order_date(&date_text);
            let cite = Cite { kind, issuer: issuer.clone(), number, date_text, date };
            if !out.iter().any(|x| x.same(&cite)) {
                out.push(cite);
            }
        }
    }
    out
}

/// Whether a text may cite an order at all (most texts are empty or say nothing of one).
fn mentions(text: &str) -> bool {
    text.contains("риказ") || text.contains("РИКАЗ") || text.contains("аспоряжени") || text.contains("АСПОРЯЖЕНИ")
}

/// Folded text a row's `приказ:` facet searches: the number, issuer and date of each order
/// its text cites; empty for a text that cites none.
pub fn facet_of(text: &str) -> String {
    if !mentions(text) {
        return String::new();
    }
    let parts: Vec<String> =
        cites(text).into_iter().map(|c| format!("{} {} {}", c.number, c.issuer, c.date_text)).collect();
    crate::text::fold_join(parts.iter().map(String::as_str))
}

impl Cite {
    /// The same order: the same issuer (case, quotes and ё folded), number and date.
    pub fn same(&self, other: &Cite) -> bool {
        self.kind == other.kind && self.key() == other.key()
    }

    pub fn key(&self) -> Key {
        key(&self.issuer, &self.number, self.date, &self.date_text)
    }
}

/// What tells one order from another in a district: issuer, number and date, folded.
pub type Key = (String, String, String);

/// An order's [`Key`] from its particulars.
pub fn key(issuer: &str, number: &str, date: Option<NaiveDate>, date_text: &str) -> Key {
    let date = date.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_else(|| date_text.trim().to_string());
    (fold(issuer), fold(number).replace(' ', ""), date)
}

/// Two folded issuers name the same body: equal, one unnamed, or one the other's beginning
/// («управления образования» and «управления образования администрации …»).
fn same_issuer(a: &str, b: &str) -> bool {
    a.is_empty() || b.is_empty() || a.starts_with(b) || b.starts_with(a)
}

/// What kind of record rests on an order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum RefKind {
    Programme,
    Group,
    Link,
    Status,
    Risk,
    Event,
}

impl RefKind {
    pub fn label(self, s: &Strings) -> &'static str {
        match self {
            RefKind::Programme => s.ord_ref_programme,
            RefKind::Group => s.ord_ref_group,
            RefKind::Link => s.ord_ref_link,
            RefKind::Status => s.ord_ref_status,
            RefKind::Risk => s.ord_ref_risk,
            RefKind::Event => s.ord_ref_event,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            RefKind::Programme => "programme",
            RefKind::Group => "group",
            RefKind::Link => "link",
            RefKind::Status => "status",
            RefKind::Risk => "risk",
            RefKind::Event => "event",
        }
    }
}

/// A record that rests on an order.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OrderRef {
    pub kind: RefKind,
    pub id: i64,
    /// The record as a reader names it: «Семинар «…» (26.04.2022)», «МКУ ЦРО → СОШ № 5».
    pub label: String,
    /// The academic year it belongs to, where it has one.
    pub year: Option<crate::text::AcademicYear>,
}

/// An order: cited by records, kept in the store, or both.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OrderRow {
    /// Its row in the store's `orders` table, with its version; `None` while only texts cite
    /// it (a title or a note given to it makes the row).
    pub stored: Option<(i64, i64)>,
    pub kind: DocKind,
    pub district_id: Option<i64>,
    pub district: String,
    pub issuer: String,
    pub number: String,
    pub date_text: String,
    pub date: Option<NaiveDate>,
    pub title: String,
    pub note: String,
    pub refs: Vec<OrderRef>,
}

impl OrderRow {
    pub fn key(&self) -> Key {
        key(&self.issuer, &self.number, self.date, &self.date_text)
    }

    /// «Приказ МКУ ЦРО от 26.04.2022 № 56», as the documents write it.
    pub fn name(&self, s: &Strings) -> String {
        let mut out = self.kind.title(s).to_string();
        if !self.issuer.is_empty() {
            out.push(' ');
            out.push_str(&self.issuer);
        }
        let date = self.date.map(format_date).unwrap_or_else(|| self.date_text.clone());
        if !date.is_empty() {
            out.push_str(&format!(" {} {date}", s.ord_of));
        }
        if !self.number.is_empty() {
            out.push_str(&format!(" № {}", self.number));
        }
        out
    }

    /// Dated after `today`: an order cannot be issued in the future, so the source has a
    /// misprint (the minutes' «от 27.12.2029 №116» for a programme of 2020-2022).
    pub fn doubtful(&self, today: NaiveDate) -> bool {
        self.date.is_some_and(|d| d > today)
    }

    /// Folded text the filter's `приказ:` facet searches: its number, issuer and date.
    pub fn facet(&self) -> String {
        crate::text::fold_join([self.number.as_str(), &self.issuer, &self.date_text, &self.title])
    }
}

/// The orders of the texts given (each with the record it belongs to and the district it is
/// of), merged with the stored ones: one order per district, issuer, number and date; by
/// date, then issuer and number.
pub fn gather(mut stored: Vec<OrderRow>, texts: &[(OrderRef, Option<i64>, String, String)]) -> Vec<OrderRow> {
    use std::collections::HashMap;
    // By district, number and date; then the issuers are compared: the same order is cited
    // «приказ управления образования …» in one text and «приказом управления образования
    // администрации муниципального образования … район …» in another.
    let mut at: HashMap<(Option<i64>, String, String), Vec<usize>> = HashMap::new();
    for (i, o) in stored.iter().enumerate() {
        let (_, number, date) = o.key();
        at.entry((o.district_id, number, date)).or_default().push(i);
    }
    // Many records cite in the same words (a district's links all rest on one order): each
    // text is read once.
    let mut read: HashMap<&str, Vec<Cite>> = HashMap::new();
    for (r, district_id, district, text) in texts {
        let found = read.entry(text.as_str()).or_insert_with(|| cites(text));
        for c in found.iter() {
            let (issuer, number, date) = c.key();
            let same = at.get(&(*district_id, number.clone(), date.clone())).and_then(|v| {
                v.iter().copied().find(|i| stored[*i].kind == c.kind && same_issuer(&fold(&stored[*i].issuer), &issuer))
            });
            let i = match same {
                Some(i) => i,
                None => {
                    stored.push(OrderRow {
                        stored: None,
                        kind: c.kind,
                        district_id: *district_id,
                        district: district.clone(),
                        issuer: c.issuer.clone(),
                        number: c.number.clone(),
                        date_text: c.date_text.clone(),
                        date: c.date,
                        title: String::new(),
                        note: String::new(),
                        refs: Vec::new(),
                    });
                    at.entry((*district_id, number, date)).or_default().push(stored.len() - 1);
                    stored.len() - 1
                }
            };
            if !stored[i].refs.iter().any(|x| x.kind == r.kind && x.id == r.id) {
                stored[i].refs.push(r.clone());
            }
        }
    }
    for o in &mut stored {
        o.refs.sort_by_cached_key(|r| (r.year, r.kind, crate::text::natural_key(&r.label)));
    }
    stored.sort_by(|a, b| {
        (a.date, fold(&a.issuer), crate::text::natural_key(&a.number), &a.district).cmp(&(
            b.date,
            fold(&b.issuer),
            crate::text::natural_key(&b.number),
            &b.district,
        ))
    });
    stored
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seen(text: &str) -> Vec<(String, String, String)> {
        cites(text).into_iter().map(|c| (c.issuer, c.number, c.date_text)).collect()
    }

    fn t(issuer: &str, number: &str, date: &str) -> (String, String, String) {
        (issuer.to_string(), number.to_string(), date.to_string())
    }

    #[test]
    fn orders_are_read_as_the_documents_write_them() {
        assert_eq!(seen("приказ МКУ ЦРО от 26.04.2022 № 56"), vec![t("МКУ ЦРО", "56", "26.04.2022")]);
        assert_eq!(
            seen("приказы МКУ ЦРО от 15.03.2022 № 35, от 01.04.2022 № 48"),
            vec![t("МКУ ЦРО", "35", "15.03.2022"), t("МКУ ЦРО", "48", "01.04.2022")]
        );
        assert_eq!(
            seen("муниципальная программа, приказ Комитета образования от 27.12.2029 №116"),
            vec![t("Комитета образования", "116", "27.12.2029")]
        );
        assert_eq!(
            seen("приказ управления образования от 30.12.2022 № 1699-осн"),
            vec![t("управления образования", "1699-осн", "30.12.2022")]
        );
        assert_eq!(
            seen("На основании карты, утвержденной приказом ГАУ ДПО «Институт развития образования Иркутской области» от 03.03.2022г. № 28"),
            vec![t("ГАУ ДПО «Институт развития образования Иркутской области»", "28", "03.03.2022")]
        );
        assert_eq!(seen("Приказ Минтруда России от 30.01.2023 N 53н"), vec![t("Минтруда России", "53н", "30.01.2023")]);
        assert_eq!(seen("приказ УО № 12 от 01.09.2021"), vec![t("УО", "12", "01.09.2021")]);
        assert_eq!(
            seen("программа, утвержденная приказом Управления образования 24.03.22 № 267."),
            vec![t("Управления образования", "267", "24.03.22")]
        );
        let words = cites("утвержденной приказом управления образования администрации 30 декабря 2022 г. № 1699-осн:");
        assert_eq!((words[0].number.as_str(), words[0].date), ("1699-осн", NaiveDate::from_ymd_opt(2022, 12, 30)));
        assert_eq!(words[0].issuer, "управления образования администрации");
        assert_eq!(seen("приказ от 19.05.2022 № 66; число участников дано частями"), vec![t("", "66", "19.05.2022")]);
        assert_eq!(
            cites("приказ Управления образования от 24.03.22 № 267")[0].date,
            NaiveDate::from_ymd_opt(2022, 3, 24)
        );
    }

    #[test]
    fn a_text_without_an_order_cites_none_and_the_same_order_is_one() {
        assert!(cites("").is_empty());
        assert!(cites("участие, без обобщения опыта").is_empty());
        assert!(cites("приказ не издан").is_empty());
        assert!(cites("письмо от 01.02.2022 № 5").is_empty());
        // A directive is a basis document too, of its own kind.
        let d = cites("Распоряжение Министерства образования Иркутской области от 21.01.2022 № 55-46-мр «Об утверждении перечня…»");
        assert_eq!(d.len(), 1);
        assert_eq!((d[0].kind, d[0].number.as_str()), (DocKind::Directive, "55-46-мр"));
        assert_eq!(d[0].issuer, "Министерства образования Иркутской области");
        assert_eq!(cites("приказ МКУ ЦРО от 26.04.2022 № 56; повторно: приказ мку цро от 26.04.2022 №56").len(), 1);
        // Hostile text: control characters and a huge line are read without a panic.
        let huge = "приказ ".repeat(20_000) + "\u{1b}[31m от 01.01.2022 № 1";
        assert!(cites(&huge).len() <= 1);
    }

    #[test]
    fn orders_of_several_records_are_gathered_one_per_district() {
        let r = |id, label: &str| OrderRef { kind: RefKind::Event, id, label: label.to_string(), year: None };
        let texts = vec![
            (r(1, "семинар"), Some(1), "Усть-Илимск".to_string(), "приказ МКУ ЦРО от 26.04.2022 № 56".to_string()),
            (r(2, "конкурс"), Some(1), "Усть-Илимск".to_string(), "приказы МКУ ЦРО от 26.04.2022 № 56".to_string()),
            (r(3, "чужой"), Some(2), "Кировск".to_string(), "приказ МКУ ЦРО от 26.04.2022 № 56".to_string()),
        ];
        let mut texts = texts;
        texts.push((
            r(4, "программа"),
            Some(1),
            "Усть-Илимск".to_string(),
            "утверждена приказом МКУ ЦРО города Усть-Илимска 26 апреля 2022 г. № 56".to_string(),
        ));
        texts.push((r(5, "другой"), Some(1), "Усть-Илимск".to_string(), "приказ УО от 26.04.2022 № 56".to_string()));
        let all = gather(Vec::new(), &texts);
        assert_eq!(all.len(), 3, "the longer wording of the issuer is the same order, УО's is another: {all:?}");
        let ui = all.iter().find(|o| o.district_id == Some(1) && o.issuer == "МКУ ЦРО").unwrap();
        assert_eq!(ui.refs.iter().map(|x| x.id).collect::<Vec<_>>(), vec![2, 4, 1]);
        let s = &crate::i18n::RU;
        assert_eq!(ui.name(s), "Приказ МКУ ЦРО от 26.04.2022 № 56");
        assert!(!ui.doubtful(NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()));
    }
}
