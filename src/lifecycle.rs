//! An agreement's lifecycle: draft → under approval → signed → in force → expired or
//! terminated, only along these steps, with the reason when a step is refused. The term is
//! applied as the calendar goes: a signed agreement whose start has come is in force, one whose
//! end has passed is expired, without anyone touching it.

use crate::domain::{AgreementRow, AgreementStatus, PartyRow};
use crate::i18n::Strings;
use crate::text::format_date;
use chrono::NaiveDate;

use AgreementStatus::*;

/// Why a status change is refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// Not a step of the lifecycle (e.g. a draft cannot become "in force").
    NotAllowed { from: AgreementStatus, to: AgreementStatus },
    /// Signing needs these filled in.
    Incomplete(Vec<Missing>),
    /// "Expired" before the end of the term.
    NotEnded(NaiveDate),
    /// "In force" before the term starts.
    NotStarted(NaiveDate),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Missing {
    Number,
    Date,
    /// Fewer than two parties.
    Parties,
    /// The party (by its position in the list, from 1) has no name yet.
    PartyName(usize),
    /// The party has no signatory yet: the name shown is the party's.
    Signatory(String),
}

impl Refusal {
    pub fn text(&self, s: &Strings) -> String {
        match self {
            Refusal::NotAllowed { from, to } => {
                let next: Vec<&str> = allowed(*from).iter().map(|x| x.label(s)).collect();
                let next = if next.is_empty() { s.ag_final.to_string() } else { next.join(", ") };
                format!("{} «{}» → «{}»: {} {next}", s.ag_refused, from.label(s), to.label(s), s.ag_allowed_next)
            }
            Refusal::Incomplete(missing) => {
                let what: Vec<String> = missing
                    .iter()
                    .map(|m| match m {
                        Missing::Number => s.ag_need_number.to_string(),
                        Missing::Date => s.ag_need_date.to_string(),
                        Missing::Parties => s.ag_need_parties.to_string(),
                        Missing::PartyName(n) => format!("{} {n}", s.ag_need_party_name),
                        Missing::Signatory(name) => format!("{} ({name})", s.ag_need_signatory),
                    })
                    .collect();
                format!("{}: {}", s.ag_cannot_sign, what.join("; "))
            }
            Refusal::NotEnded(end) => format!("{} {}", s.ag_not_ended, format_date(*end)),
            Refusal::NotStarted(start) => format!("{} {}", s.ag_not_started, format_date(*start)),
        }
    }
}

/// The statuses an agreement can be moved to from `from`, in the order they are offered.
pub fn allowed(from: AgreementStatus) -> &'static [AgreementStatus] {
    match from {
        Draft => &[Approval],
        Approval => &[Signed, Draft],
        Signed => &[InForce, Terminated],
        InForce => &[Expired, Terminated],
        Expired | Terminated => &[],
    }
}

/// The next step forward, for the one-key "advance".
pub fn next(from: AgreementStatus) -> Option<AgreementStatus> {
    match from {
        Draft => Some(Approval),
        Approval => Some(Signed),
        Signed => Some(InForce),
        _ => None,
    }
}

/// The status as of `today`: the stored one, with the term applied.
pub fn effective(a: &AgreementRow, today: NaiveDate) -> AgreementStatus {
    let (start, end) = term(a);
    match a.status {
        Signed | InForce if end.is_some_and(|e| e < today) => Expired,
        Signed if start.is_some_and(|st| st <= today) => InForce,
        other => other,
    }
}

/// The term's first and last day: the dates entered, else the ones the written term gives
/// («2023-2024 учебный год» ends on 31.08.2024).
pub fn term(a: &AgreementRow) -> (Option<NaiveDate>, Option<NaiveDate>) {
    let written = if a.start.is_none() || a.end.is_none() { crate::period::parse_when(&a.term) } else { None };
    let written = written.unwrap_or_default();
    (a.start.or(written.start), a.end.or(written.end))
}

/// Days left for an agreement in force (or signed) whose term ends within `days` from today.
pub fn expiring(a: &AgreementRow, today: NaiveDate, days: i64) -> Option<i64> {
    if !matches!(effective(a, today), Signed | InForce) {
        return None;
    }
    let left = (term(a).1? - today).num_days();
    (0..=days).contains(&left).then_some(left)
}

/// A placeholder left from a template: "МБОУ «...»", "... (Ф.И.О.)", "_____".
pub fn is_placeholder(text: &str) -> bool {
    let t = text.trim();
    t.is_empty() || t.contains("...") || t.contains('…') || t.contains("__") || t.contains("Ф.И.О")
}

/// Whether `a` may move to `to` today; signing needs a number, a date and every party with its
/// name and signatory.
pub fn check(a: &AgreementRow, parties: &[PartyRow], to: AgreementStatus, today: NaiveDate) -> Result<(), Refusal> {
    let from = effective(a, today);
    if !allowed(from).contains(&to) {
        return Err(Refusal::NotAllowed { from, to });
    }
    match to {
        Signed => {
            let mut missing = Vec::new();
            if is_placeholder(&a.number) {
                missing.push(Missing::Number);
            }
            if a.signed_on.is_none() {
                missing.push(Missing::Date);
            }
            if parties.len() < 2 {
                missing.push(Missing::Parties);
            }
            for (i, p) in parties.iter().enumerate() {
                if is_placeholder(&p.name) {
                    missing.push(Missing::PartyName(i + 1));
                } else if is_placeholder(&p.signatory) {
                    missing.push(Missing::Signatory(if p.short.is_empty() { p.name.clone() } else { p.short.clone() }));
                }
            }
            if missing.is_empty() {
                Ok(())
            } else {
                Err(Refusal::Incomplete(missing))
            }
        }
        Expired => match a.end {
            Some(end) if end >= today => Err(Refusal::NotEnded(end)),
            _ => Ok(()),
        },
        InForce => match a.start {
            Some(start) if start > today => Err(Refusal::NotStarted(start)),
            _ => Ok(()),
        },
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{AgreementKind, Stamp};

    fn d(y: i32, m: u32, dd: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, dd).unwrap()
    }

    fn agreement(status: AgreementStatus) -> AgreementRow {
        AgreementRow {
            id: 1,
            kind: AgreementKind::Framework,
            number: String::new(),
            date: String::new(),
            title: "Договор".into(),
            parties: String::new(),
            term: String::new(),
            status,
            parent: None,
            stamp: Stamp::default(),
            subject: String::new(),
            signed_on: None,
            start: None,
            end: None,
            place: String::new(),
            goals: String::new(),
            tasks: String::new(),
            plan_total: 0,
            plan_done: 0,
        }
    }

    fn party(name: &str, signatory: &str) -> PartyRow {
        PartyRow { name: name.into(), signatory: signatory.into(), ..Default::default() }
    }

    #[test]
    fn a_term_written_as_an_academic_year_ends_with_it() {
        let mut a = agreement(InForce);
        a.term = "2023-2024 учебный год".into();
        assert_eq!(effective(&a, d(2024, 5, 1)), InForce);
        assert_eq!(effective(&a, d(2026, 11, 22)), Expired, "its year has passed");
        assert_eq!(expiring(&a, d(2024, 8, 1), 60), Some(30));
        // Dates entered win over the words.
        a.end = Some(d(2027, 8, 31));
        assert_eq!(effective(&a, d(2026, 11, 22)), InForce);
    }

    #[test]
    fn signing_lists_everything_missing() {
        let a = agreement(Approval);
        let parties = [party("МБОУ «СОШ № 10»", "Иванов Н.И."), party("МБОУ «...»", "... (Ф.И.О.)")];
        let today = d(2026, 11, 22);
        assert_eq!(
            check(&a, &parties, Signed, today),
            Err(Refusal::Incomplete(vec![Missing::Number, Missing::Date, Missing::PartyName(2)]))
        );
        let mut a = a;
        a.number = "12".into();
        a.signed_on = Some(today);
        let parties = [party("МБОУ «СОШ № 10»", "Иванов Н.И."), party("МКОУ «Шумская СОШ»", "")];
        assert_eq!(
            check(&a, &parties, Signed, today),
            Err(Refusal::Incomplete(vec![Missing::Signatory("МКОУ «Шумская СОШ»".into())]))
        );
        let parties = [party("МБОУ «СОШ № 10»", "Иванов Н.И."), party("МКОУ «Шумская СОШ»", "Петрова А.А.")];
        assert_eq!(check(&a, &parties, Signed, today), Ok(()));
        assert_eq!(check(&a, &parties[..1], Signed, today), Err(Refusal::Incomplete(vec![Missing::Parties])));
    }

    #[test]
    fn only_lifecycle_steps_are_allowed() {
        let today = d(2026, 11, 22);
        let draft = agreement(Draft);
        assert_eq!(check(&draft, &[], InForce, today), Err(Refusal::NotAllowed { from: Draft, to: InForce }));
        assert_eq!(check(&draft, &[], Approval, today), Ok(()));
        assert!(check(&agreement(Terminated), &[], Draft, today).is_err());
        let mut a = agreement(InForce);
        a.end = Some(d(2027, 8, 31));
        assert_eq!(check(&a, &[], Expired, today), Err(Refusal::NotEnded(d(2027, 8, 31))));
        assert_eq!(check(&a, &[], Terminated, today), Ok(()));
    }

    #[test]
    fn the_term_moves_the_status_by_itself() {
        let today = d(2026, 11, 22);
        let mut a = agreement(InForce);
        a.start = Some(d(2021, 9, 1));
        a.end = Some(d(2022, 8, 31));
        assert_eq!(effective(&a, today), Expired);
        // Expired agreements take no step, not even termination.
        assert!(check(&a, &[], Terminated, today).is_err());
        a.status = Signed;
        a.end = Some(d(2026, 12, 10));
        assert_eq!(effective(&a, today), InForce);
        assert_eq!(expiring(&a, today, 30), Some(18));
        assert_eq!(expiring(&a, today, 10), None);
        a.status = Draft;
        assert_eq!(effective(&a, today), Draft);
        assert_eq!(expiring(&a, today, 30), None);
    }
}
