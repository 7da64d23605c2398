//! The district's report on a school year, made from the store: the schools in the programme,
//! the mentoring network, the roadmap's execution, the schools' participation, risks,
//! diagnostics, indicators, agreements, decisions — each section's numbers counted from the
//! rows, never typed; a section with nothing says so in one line. Markdown, which the .docx
//! writer turns into Word with real tables.

use crate::app::rows::YearData;
use crate::domain::EventStatus;
use crate::i18n::{plural, Strings};
use crate::store::{Result, Store};
use crate::text::{format_date, AcademicYear};
use chrono::{Datelike, NaiveDate};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// What the report is of.
pub struct Scope {
    pub year: AcademicYear,
    /// A district's id and name; `None`: every district of the store.
    pub district: Option<(i64, String)>,
    /// The day it is made: what is overdue is judged by it.
    pub today: NaiveDate,
    pub author: String,
}

/// A table cell: one line, no column separator.
fn cell(t: &str) -> String {
    crate::text::clean_line(t).replace('|', "/")
}

fn table(out: &mut String, head: &[&str], rows: &[Vec<String>]) {
    let _ = writeln!(out, "| {} |", head.join(" | "));
    let _ = writeln!(out, "|{}|", vec!["---"; head.len()].join("|"));
    for r in rows {
        let cells: Vec<String> = r.iter().map(|c| cell(c)).collect();
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
    out.push('\n');
}

fn section(out: &mut String, n: usize, title: &str) {
    let _ = write!(out, "\n## {n}. {title}\n\n");
}

fn none(out: &mut String, s: &Strings) {
    let _ = writeln!(out, "{}\n", s.rp_no_data);
}

/// The year's rows of the scope, read as the panes read them.
fn read(store: &Store, scope: &Scope) -> Result<YearData> {
    let y = scope.year;
    let mut d = YearData {
        clusters: store.clusters(y)?,
        links: store.links(y)?,
        events: store.events(y)?,
        decisions: store.decisions(y)?,
        risks: store.risks(y)?,
        indicators: store.indicators(y)?,
        diagnostics: store.diagnostics(y)?,
        agreements: store.agreements()?,
        loads: store.mentor_loads(y)?,
        ..Default::default()
    };
    if let Some((id, _)) = &scope.district {
        d.narrow(&store.focus_sets(*id)?);
    }
    Ok(d)
}

fn open(st: EventStatus) -> bool {
    matches!(st, EventStatus::Planned | EventStatus::InProgress)
}

/// The report as Markdown.
pub fn markdown(store: &Store, scope: &Scope, s: &Strings) -> Result<String> {
    let d = read(store, scope)?;
    let y = scope.year;
    let today = scope.today;
    let mut out = String::new();
    let whose = scope.district.as_ref().map_or(s.rp_all_districts.to_string(), |(_, n)| n.clone());
    let _ = writeln!(out, "# {}", s.rp_title);
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "{whose} · {} {} · {} {} · {}",
        y.label(),
        s.rp_school_year,
        s.rp_made_on,
        format_date(today),
        scope.author
    );

    // 1. The schools in the programme.
    section(&mut out, 1, s.rp_sec_schools);
    if d.clusters.is_empty() {
        none(&mut out, s);
    } else {
        let mut by: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
        for c in &d.clusters {
            let e = by.entry(c.status.as_str()).or_default();
            e.0 += 1;
            if !c.risk_level.is_empty() {
                e.1 += 1;
            }
        }
        let schools: std::collections::HashSet<i64> = d.clusters.iter().map(|c| c.org_id).collect();
        let _ = writeln!(out, "{}: {}.\n", s.rp_schools_total, crate::i18n::count_schools(schools.len(), s));
        let rows: Vec<Vec<String>> = by.iter().map(|(st, (n, _))| vec![st.to_string(), n.to_string()]).collect();
        table(&mut out, &[s.col_status, s.rp_col_schools], &rows);
        let mut changes = store.cluster_changes(y)?;
        if let Some((id, _)) = &scope.district {
            changes.retain(|c| c.district == Some(*id));
        }
        if changes.is_empty() {
            let _ = writeln!(out, "{}\n", s.rp_no_changes);
        } else {
            let rows: Vec<Vec<String>> = changes
                .iter()
                .map(|c| {
                    let what = if c.came_in { s.att_came_in } else { s.att_left };
                    vec![c.school.clone(), format!("{what} {}", c.status)]
                })
                .collect();
            let _ = writeln!(out, "{}:\n", s.rp_changes);
            table(&mut out, &[s.col_school, s.rp_col_change], &rows);
        }
    }

    // 2. The mentoring network.
    section(&mut out, 2, s.rp_sec_network);
    if d.links.is_empty() {
        none(&mut out, s);
    } else {
        let mut levels: BTreeMap<&str, usize> = BTreeMap::new();
        for l in &d.links {
            *levels.entry(l.level.label(s)).or_default() += 1;
        }
        let parts: Vec<String> = levels.iter().map(|(k, n)| format!("{k} — {n}")).collect();
        let _ = writeln!(out, "{}: {} ({}).\n", s.rp_links_total, d.links.len(), parts.join("; "));
        let rows: Vec<Vec<String>> = d
            .links
            .iter()
            .map(|l| vec![l.mentor.clone(), l.mentee.clone(), l.subject.clone(), l.form.clone(), l.when.display()])
            .collect();
        table(&mut out, &[s.col_mentor, s.col_mentee, s.col_subject, s.col_form, s.col_period], &rows);
        if !d.loads.is_empty() {
            let _ = writeln!(out, "{}:\n", s.rp_loads);
            let rows: Vec<Vec<String>> =
                d.loads.iter().map(|l| vec![l.name.clone(), l.mentees.to_string(), l.events.to_string()]).collect();
            table(&mut out, &[s.col_mentor, s.rp_col_mentees, s.rp_col_hosted], &rows);
        }
    }

    // 3. The roadmap's execution.
    section(&mut out, 3, s.rp_sec_roadmap);
    if d.events.is_empty() {
        none(&mut out, s);
    } else {
        // held, under way, planned, postponed, cancelled, overdue
        let idx = |e: &crate::domain::EventRow| -> usize {
            if open(e.status) && e.when.last_day().is_some_and(|l| l < today) {
                5
            } else {
                match e.status {
                    EventStatus::Done => 0,
                    EventStatus::InProgress => 1,
                    EventStatus::Planned => 2,
                    EventStatus::Postponed => 3,
                    EventStatus::Cancelled => 4,
                }
            }
        };
        let mut kinds: BTreeMap<String, [usize; 6]> = BTreeMap::new();
        let mut total = [0usize; 6];
        let mut months = [(0usize, 0usize); 12];
        for e in &d.events {
            let k = if e.kind.is_empty() { "—".to_string() } else { e.kind.clone() };
            let i = idx(e);
            kinds.entry(k).or_default()[i] += 1;
            total[i] += 1;
            if let Some(start) = e.when.start {
                let m = ((start.year() - y.0) * 12 + start.month() as i32 - 9).clamp(0, 11) as usize;
                months[m].0 += 1;
                if e.status == EventStatus::Done {
                    months[m].1 += 1;
                }
            }
        }
        let held = total[0];
        let _ = writeln!(
            out,
            "{}: {}; {} {} ({}).\n",
            s.rp_events_total,
            d.events.len(),
            s.st_done,
            held,
            crate::deficits::share_text(held as f64 * 100.0 / d.events.len() as f64)
        );
        let head = [
            s.col_kind,
            s.rp_col_total,
            s.st_done,
            s.st_in_progress,
            s.st_planned,
            s.st_postponed,
            s.st_cancelled,
            s.sm_overdue,
        ];
        let mut rows: Vec<Vec<String>> = kinds
            .iter()
            .map(|(k, c)| {
                let mut r = vec![k.clone(), c.iter().sum::<usize>().to_string()];
                r.extend(c.iter().map(|n| n.to_string()));
                r
            })
            .collect();
        let mut sum = vec![format!("**{}**", s.rp_total), d.events.len().to_string()];
        sum.extend(total.iter().map(|n| n.to_string()));
        rows.push(sum);
        table(&mut out, &head, &rows);
        let names: Vec<&str> = s.months_short.split(' ').collect();
        let rows: Vec<Vec<String>> = (0..12)
            .filter(|m| months[*m].0 > 0)
            .map(|m| {
                let name = names.get((m + 8) % 12).copied().unwrap_or("");
                let year = if m < 4 { y.0 } else { y.0 + 1 };
                vec![format!("{name} {year}"), months[m].0.to_string(), months[m].1.to_string()]
            })
            .collect();
        let _ = writeln!(out, "{}:\n", s.rp_by_month);
        table(&mut out, &[s.rp_col_month, s.rp_col_events, s.st_done], &rows);
        let _ = writeln!(out, "{}\n", s.rp_teachers_not_kept);
    }

    // 4. The schools' participation.
    section(&mut out, 4, s.rp_sec_participation);
    let mut part: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for e in &d.events {
        for school in e.participants.split(", ").filter(|p| !p.is_empty()) {
            part.entry(school.to_string()).or_default().0 += 1;
        }
        if !e.host_short.is_empty() {
            part.entry(e.host_short.clone()).or_default().1 += 1;
        }
    }
    if part.is_empty() {
        none(&mut out, s);
    } else {
        let listed = d.events.iter().filter(|e| !e.participants.is_empty()).count();
        let _ = writeln!(out, "{}: {} {} {}.\n", s.rp_participation_of, listed, s.rp_of, d.events.len());
        let rows: Vec<Vec<String>> =
            part.iter().map(|(k, (p, h))| vec![k.clone(), p.to_string(), h.to_string()]).collect();
        table(&mut out, &[s.col_school, s.rp_col_took_part, s.rp_col_hosted], &rows);
    }

    // 5. Risks and anti-risk programmes.
    section(&mut out, 5, s.rp_sec_risks);
    if d.risks.is_empty() {
        none(&mut out, s);
    } else {
        let done = d.risks.iter().filter(|r| r.status == EventStatus::Done).count();
        let _ = writeln!(out, "{}: {}; {} {done}.\n", s.rp_risks_total, d.risks.len(), s.st_done);
        let rows: Vec<Vec<String>> = d
            .risks
            .iter()
            .map(|r| {
                vec![
                    r.school.clone(),
                    r.direction.clone(),
                    r.status.label(s).to_string(),
                    r.progress.clone(),
                    r.deadline.map(format_date).unwrap_or_default(),
                ]
            })
            .collect();
        table(&mut out, &[s.col_school, s.rp_col_direction, s.col_status, s.rp_col_progress, s.col_deadline], &rows);
    }

    // 6. Teachers' diagnostics and courses.
    section(&mut out, 6, s.rp_sec_diagnostics);
    if d.diagnostics.is_empty() {
        none(&mut out, s);
    } else {
        let rows: Vec<Vec<String>> = d
            .diagnostics
            .iter()
            .map(|g| vec![g.owner.clone(), g.round.clone(), crate::app::rows::diagnostic_summary(g, s)])
            .collect();
        table(&mut out, &[s.col_owner, s.rp_col_round, s.rp_col_summary], &rows);
    }

    // 7. Indicators against their targets.
    section(&mut out, 7, s.rp_sec_indicators);
    if d.indicators.is_empty() {
        none(&mut out, s);
    } else {
        let rows: Vec<Vec<String>> = d
            .indicators
            .iter()
            .map(|i| {
                let owner = if i.rolled_from > 0 {
                    format!("{} ({} {})", s.ind_rollup, i.rolled_from, s.ind_schools)
                } else {
                    i.owner.clone()
                };
                let met = match (i.actual_num, i.target_num) {
                    (Some(a), Some(t)) if crate::deficits::meets(a, t, i.lower_is_better) => s.rp_met,
                    (Some(_), Some(_)) => s.rp_not_met,
                    _ => "",
                };
                vec![owner, i.name.clone(), i.target.clone(), i.actual.clone(), i.period.clone(), met.to_string()]
            })
            .collect();
        table(
            &mut out,
            &[s.col_owner, s.col_indicator, s.col_target, s.col_actual, s.col_period, s.rp_col_met],
            &rows,
        );
    }

    // 8. Agreements of the year.
    section(&mut out, 8, s.rp_sec_agreements);
    let agreements: Vec<&crate::domain::AgreementRow> = d
        .agreements
        .iter()
        .filter(|a| {
            let (start, end) = crate::lifecycle::term(a);
            let from = start.or(a.signed_on);
            from.is_none_or(|f| f <= y.end()) && end.is_none_or(|e| e >= y.start())
        })
        .collect();
    if agreements.is_empty() {
        none(&mut out, s);
    } else {
        let rows: Vec<Vec<String>> = agreements
            .iter()
            .map(|a| {
                vec![
                    a.kind.label(s).to_string(),
                    a.number.clone(),
                    a.date.clone(),
                    a.parties.clone(),
                    a.term.clone(),
                    crate::app::rows::plan_progress(a, s),
                    crate::lifecycle::effective(a, today).label(s).to_string(),
                ]
            })
            .collect();
        table(
            &mut out,
            &[s.col_kind, s.col_number, s.col_signed, s.col_parties, s.col_term, s.col_plan, s.col_status],
            &rows,
        );
    }

    // 9. Decisions and recommendations.
    section(&mut out, 9, s.rp_sec_decisions);
    if d.decisions.is_empty() {
        none(&mut out, s);
    } else {
        let state = |x: &crate::domain::DecisionRow| -> String {
            match x.deadline.last_day() {
                _ if x.status == EventStatus::Done => s.st_done.to_string(),
                _ if x.status == EventStatus::Cancelled => s.st_cancelled.to_string(),
                Some(l) if l < today => {
                    format!("{} {}", s.wk_late_by, plural((today - l).num_days() as usize, s.forms_day, s))
                }
                Some(_) => s.rp_in_work.to_string(),
                None => s.rp_no_deadline.to_string(),
            }
        };
        let done = d.decisions.iter().filter(|x| x.status == EventStatus::Done).count();
        let late = d
            .decisions
            .iter()
            .filter(|x| open(x.status) && x.deadline.last_day().is_some_and(|l| l < today))
            .count();
        let undated = d.decisions.iter().filter(|x| open(x.status) && x.deadline.last_day().is_none()).count();
        let _ = writeln!(
            out,
            "{}: {}; {} {done}, {} {late}, {} {undated}.\n",
            s.rp_decisions_total,
            d.decisions.len(),
            s.st_done,
            s.sm_overdue,
            s.rp_no_deadline
        );
        let rows: Vec<Vec<String>> = d
            .decisions
            .iter()
            .map(|x| {
                vec![x.text.clone(), x.meeting.clone(), x.deadline.display(), x.responsible.clone(), state(x)]
            })
            .collect();
        table(&mut out, &[s.col_decision, s.rp_col_meeting, s.col_deadline, s.col_responsible, s.exp_state], &rows);
    }
    let _ = writeln!(out, "\n{}", s.rp_counted);
    Ok(out)
}
