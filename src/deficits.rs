//! The arithmetic and the rules of deficit diagnostics and indicators: reading a value as a
//! coordinator types it, refusing what cannot be, rolling school values up to the district
//! from counts, and what needs attention. No SQL and no terminal here.

use crate::text::AcademicYear;
use chrono::NaiveDate;

/// What kind of number an indicator holds, from its unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A share, in per cent: 0 to 100.
    Share,
    /// A count of people, schools, events: not negative.
    Count,
    /// Yes or no.
    YesNo,
}

impl Kind {
    pub fn of(unit: &str, is_bool: bool) -> Kind {
        if is_bool {
            Kind::YesNo
        } else if unit.trim() == "%" {
            Kind::Share
        } else {
            Kind::Count
        }
    }
}

/// Why a typed value is refused, shown under its field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bad {
    NotANumber,
    NotYesNo,
    ShareOver100,
    Negative,
    /// The part is larger than the whole it is a part of.
    PartOverWhole,
    /// The whole is zero while a part is given.
    ZeroWhole,
    /// The date of the measurement is outside the academic year it is recorded for.
    OutsideYear,
    /// A share typed beside its counts that the counts do not give (50 % of 350 of 400).
    ShareDisagrees,
}

impl Bad {
    pub fn text(self, s: &crate::i18n::Strings) -> &'static str {
        match self {
            Bad::NotANumber => s.bad_number,
            Bad::NotYesNo => s.bad_yes_no,
            Bad::ShareOver100 => s.bad_share,
            Bad::Negative => s.bad_negative,
            Bad::PartOverWhole => s.bad_part_over_whole,
            Bad::ZeroWhole => s.bad_zero_whole,
            Bad::OutsideYear => s.bad_outside_year,
            Bad::ShareDisagrees => s.bad_share_disagrees,
        }
    }
}

/// A number as a coordinator types it: `98,6`, `98.6`, `98,6 %`, `1 234`.
pub fn number(text: &str) -> Option<f64> {
    let t: String =
        text.trim().trim_end_matches('%').chars().filter(|c| !c.is_whitespace() && *c != '\u{a0}').collect();
    if t.is_empty() {
        return None;
    }
    t.replace(',', ".").parse::<f64>().ok().filter(|v| v.is_finite())
}

/// A yes/no as typed, in either language.
pub fn yes_no(text: &str) -> Option<bool> {
    let t = crate::text::fold(text);
    let first = t.split_whitespace().next().unwrap_or("");
    match first {
        "да" | "yes" | "y" | "есть" | "+" => Some(true),
        "нет" | "no" | "n" | "-" => Some(false),
        _ => None,
    }
}

/// A value of an indicator, read and checked: the number (1 or 0 for yes/no).
pub fn read_value(kind: Kind, text: &str) -> Result<f64, Bad> {
    match kind {
        Kind::YesNo => yes_no(text).map(|b| if b { 1.0 } else { 0.0 }).ok_or(Bad::NotYesNo),
        Kind::Share => {
            let v = number(text).ok_or(Bad::NotANumber)?;
            if v < 0.0 {
                Err(Bad::Negative)
            } else if v > 100.0 {
                Err(Bad::ShareOver100)
            } else {
                Ok(v)
            }
        }
        Kind::Count => {
            let v = number(text).ok_or(Bad::NotANumber)?;
            if v < 0.0 {
                Err(Bad::Negative)
            } else {
                Ok(v)
            }
        }
    }
}

/// A stored value as a number of its kind (1 or 0 for yes/no), when it reads as one; a value
/// typed before the checks existed ("8 / 2 / 10") reads as none.
pub fn value_number(kind: Kind, text: &str) -> Option<f64> {
    match kind {
        Kind::YesNo => yes_no(text).map(|b| if b { 1.0 } else { 0.0 }),
        _ => number(text),
    }
}

/// A count as typed: empty is "not given"; otherwise a number not below zero.
pub fn read_count(text: &str) -> Result<Option<f64>, Bad> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    let v = number(text).ok_or(Bad::NotANumber)?;
    if v < 0.0 {
        Err(Bad::Negative)
    } else {
        Ok(Some(v))
    }
}

/// A part of a whole (diagnosed of all teachers): both counts, the part not above the whole.
pub fn check_part(part: Option<f64>, whole: Option<f64>) -> Result<(), Bad> {
    match (part, whole) {
        (Some(p), Some(w)) if w == 0.0 && p > 0.0 => Err(Bad::ZeroWhole),
        (Some(p), Some(w)) if p > w => Err(Bad::PartOverWhole),
        _ => Ok(()),
    }
}

/// A share typed with its counts must be the share the counts give, to a tenth of a percent's
/// rounding: 350 of 400 is 87,5 %, not 50 %.
pub fn check_share(value: f64, part: Option<f64>, whole: Option<f64>) -> Result<(), Bad> {
    match (part, whole) {
        (Some(p), Some(w)) if w > 0.0 && (value - p / w * 100.0).abs() > 0.5 => Err(Bad::ShareDisagrees),
        _ => Ok(()),
    }
}

/// A measurement's date must fall in the academic year it is recorded for.
pub fn check_date(date: Option<NaiveDate>, year: AcademicYear) -> Result<(), Bad> {
    match date {
        Some(d) if d < year.start() || d > year.end() => Err(Bad::OutsideYear),
        _ => Ok(()),
    }
}

/// The share of a district from its schools' counts: all the parts over all the wholes, in
/// per cent — not the average of the schools' percentages, which would weigh a school of 10
/// teachers like one of 100. `None` when no school has counts.
pub fn rollup(counts: &[(f64, f64)]) -> Option<f64> {
    let (part, whole) = counts.iter().fold((0.0, 0.0), |(p, w), (a, b)| (p + a, w + b));
    (whole > 0.0).then(|| part / whole * 100.0)
}

/// A share printed the Russian way: `50,4 %` (one decimal, none when whole).
pub fn share_text(v: f64) -> String {
    format!("{} %", crate::text::format_number((v * 10.0).round() / 10.0))
}

/// Whether an actual value meets its target. Lower-is-better indicators (a count of low-result
/// schools) name a target below the start; the caller says which way is better.
pub fn meets(actual: f64, target: f64, lower_is_better: bool) -> bool {
    if lower_is_better {
        actual <= target
    } else {
        actual >= target
    }
}

/// Something the half-year report would have to explain.
#[derive(Clone, Debug, PartialEq)]
pub enum Attention {
    /// An indicator below its target when its deadline has come.
    BelowTarget { owner: String, org: Option<i64>, name: String, actual: String, target: String, deadline: NaiveDate },
    /// An anti-risk programme not done by its deadline.
    Overdue { school: String, org: i64, direction: String, deadline: NaiveDate },
    /// Teachers diagnosed but without an individual programme: how many (or what share).
    WithoutProgramme { owner: String, org: Option<i64>, how_many: String },
    /// A school that came into or left a low-results list since last year.
    ClusterChange { school: String, org: i64, status: String, came_in: bool },
}

impl Attention {
    pub fn org(&self) -> Option<i64> {
        match self {
            Attention::BelowTarget { org, .. } | Attention::WithoutProgramme { org, .. } => *org,
            Attention::Overdue { org, .. } | Attention::ClusterChange { org, .. } => Some(*org),
        }
    }

    pub fn text(&self, s: &crate::i18n::Strings) -> String {
        let (owner, what) = self.parts(s);
        format!("{owner}: {what}")
    }

    /// Whose it is, and what.
    pub fn parts(&self, s: &crate::i18n::Strings) -> (String, String) {
        let f = crate::text::format_date;
        match self {
            Attention::BelowTarget { owner, name, actual, target, deadline, .. } => (
                owner.clone(),
                format!("{name} — {actual} {} {target} ({} {})", s.att_of_target, s.att_by, f(*deadline)),
            ),
            Attention::Overdue { school, direction, deadline, .. } => (
                school.clone(),
                format!("{} «{direction}» — {} {}", s.att_programme, s.att_overdue_since, f(*deadline)),
            ),
            Attention::WithoutProgramme { owner, how_many, .. } => {
                (owner.clone(), format!("{how_many} {}", s.att_without_programme))
            }
            Attention::ClusterChange { school, status, came_in, .. } => {
                let what = if *came_in { s.att_came_in } else { s.att_left };
                (school.clone(), format!("{what} {status}"))
            }
        }
    }
}

/// What needs attention in a year's data, as of `today`.
pub fn attention(
    indicators: &[crate::domain::IndicatorRow],
    risks: &[crate::domain::RiskRow],
    diagnostics: &[crate::domain::DiagnosticRow],
    changes: &[crate::domain::ClusterChange],
    today: NaiveDate,
) -> Vec<Attention> {
    use crate::domain::EventStatus;
    let mut out = Vec::new();
    for i in indicators {
        let (Some(actual), Some(target), Some(deadline)) = (i.actual_num, i.target_num, i.deadline) else { continue };
        if i.latest && deadline <= today && !meets(actual, target, i.lower_is_better) {
            let owner = if i.owner.is_empty() { "—".to_string() } else { i.owner.clone() };
            out.push(Attention::BelowTarget {
                owner,
                org: i.org,
                name: i.name.clone(),
                actual: i.actual.clone(),
                target: i.target.clone(),
                deadline,
            });
        }
    }
    for r in risks {
        if let Some(deadline) = r.deadline {
            if deadline < today && !matches!(r.status, EventStatus::Done | EventStatus::Cancelled) {
                out.push(Attention::Overdue {
                    school: r.school.clone(),
                    org: r.org,
                    direction: r.direction.clone(),
                    deadline,
                });
            }
        }
    }
    for d in diagnostics {
        if let (Some(diagnosed), Some(with)) = (d.diagnosed, d.with_programme) {
            let gap = diagnosed - with;
            if gap > 0.0 {
                let how_many = if d.in_percent { share_text(gap) } else { crate::text::format_number(gap) };
                out.push(Attention::WithoutProgramme { owner: d.owner.clone(), org: d.org, how_many });
            }
        }
    }
    for c in changes {
        out.push(Attention::ClusterChange {
            school: c.school.clone(),
            org: c.org,
            status: c.status.clone(),
            came_in: c.came_in,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_read_with_a_comma_or_a_point_and_refused_when_impossible() {
        assert_eq!(read_value(Kind::Share, "98,6"), Ok(98.6));
        assert_eq!(read_value(Kind::Share, " 98.6 % "), Ok(98.6));
        assert_eq!(read_value(Kind::Share, "100,1"), Err(Bad::ShareOver100));
        assert_eq!(read_value(Kind::Share, "-1"), Err(Bad::Negative));
        assert_eq!(read_value(Kind::Share, "много"), Err(Bad::NotANumber));
        assert_eq!(read_value(Kind::Count, "1 234"), Ok(1234.0));
        assert_eq!(read_value(Kind::Count, "-3"), Err(Bad::Negative));
        assert_eq!(read_value(Kind::YesNo, "Да (школы № 22, 27)"), Ok(1.0));
        assert_eq!(read_value(Kind::YesNo, "нет"), Ok(0.0));
        assert_eq!(read_value(Kind::YesNo, "наверное"), Err(Bad::NotYesNo));
        assert_eq!(read_count(""), Ok(None));
        assert_eq!(check_part(Some(31.0), Some(30.0)), Err(Bad::PartOverWhole));
        assert_eq!(check_share(50.0, Some(350.0), Some(400.0)), Err(Bad::ShareDisagrees));
        assert_eq!(check_share(87.5, Some(350.0), Some(400.0)), Ok(()));
        assert_eq!(check_share(17.3, Some(19.0), Some(110.0)), Ok(()), "rounded to a tenth");
        assert_eq!(check_share(50.0, None, Some(400.0)), Ok(()));
        assert_eq!(check_part(Some(1.0), Some(0.0)), Err(Bad::ZeroWhole));
        assert_eq!(check_part(Some(30.0), Some(30.0)), Ok(()));
    }

    #[test]
    fn a_district_share_is_made_from_counts_not_from_averaged_percentages() {
        // 9 of 10 teachers in a small school, 10 of 100 in a large one: 19 of 110 teachers,
        // 17,3 % — the average of 90 % and 10 % would say 50 %.
        let v = rollup(&[(9.0, 10.0), (10.0, 100.0)]).unwrap();
        assert_eq!(share_text(v), "17,3 %");
        assert_eq!(rollup(&[]), None);
        assert_eq!(rollup(&[(0.0, 0.0)]), None);
        assert_eq!(share_text(50.4), "50,4 %");
        assert_eq!(share_text(100.0), "100 %");
    }

    #[test]
    fn a_date_outside_the_year_is_refused() {
        let y = AcademicYear(2021);
        let d = |m, dd| NaiveDate::from_ymd_opt(2022, m, dd);
        assert_eq!(check_date(d(8, 31), y), Ok(()));
        assert_eq!(check_date(d(9, 1), y), Err(Bad::OutsideYear));
        assert_eq!(check_date(None, y), Ok(()));
        assert!(meets(0.0, 0.0, true) && !meets(50.4, 100.0, false));
    }
}
