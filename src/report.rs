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

pub use crate::export::ChartSpec;

/// What the report is of.
pub struct Scope {
    pub year: AcademicYear,
    /// A district's id and name; `None`: every district of the store.
    pub district: Option<(i64, String)>,
    /// One school's id and name instead: its own report.
    pub school: Option<(i64, String)>,
    /// Only the events and deadlines of these days within the year.
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// The day it is made: what is overdue is judged by it.
    pub today: NaiveDate,
    pub author: String,
}

/// A table cell: one line, no column separator.
fn cell(t: &str) -> String {
    crate::text::clean_line(t).replace('|', "/")
}

/// A piece of the report, in order: what the Markdown, the .docx and the .xlsx are made of.
#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    Title(String),
    /// A numbered section's heading.
    Heading(String),
    Text(String),
    /// A table, with the section it belongs to (the name of its sheet in the workbook).
    Table {
        section: String,
        head: Vec<String>,
        rows: Vec<Vec<String>>,
        chart: Option<ChartSpec>,
    },
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Report {
    pub blocks: Vec<Block>,
    /// What the template may name besides the blocks.
    pub year: String,
    pub district: Option<String>,
    pub school: Option<String>,
    pub made_on: String,
}

impl Report {
    fn text(&mut self, t: String) {
        self.blocks.push(Block::Text(t));
    }

    fn section(&mut self, n: usize, title: &str) {
        self.blocks.push(Block::Heading(format!("{n}. {title}")));
    }

    fn none(&mut self, s: &Strings) {
        self.text(s.rp_no_data.to_string());
    }

    fn table(&mut self, head: &[&str], rows: &[Vec<String>]) {
        let section = self
            .blocks
            .iter()
            .rev()
            .find_map(|b| if let Block::Heading(h) = b { Some(h.clone()) } else { None })
            .unwrap_or_default();
        // A column empty in every row (no agreement has a number yet) is left out.
        let keep: Vec<usize> = (0..head.len())
            .filter(|c| *c == 0 || rows.iter().any(|r| r.get(*c).is_some_and(|v| !v.trim().is_empty())))
            .collect();
        self.blocks.push(Block::Table {
            section,
            head: keep.iter().map(|c| head[*c].to_string()).collect(),
            rows: rows.iter().map(|r| keep.iter().map(|c| r.get(*c).cloned().unwrap_or_default()).collect()).collect(),
            chart: None,
        });
    }

    /// The last table drawn as a chart too (in the workbook natively, in the document as a
    /// picture).
    fn chart(&mut self, spec: ChartSpec) {
        if let Some(Block::Table { chart, .. }) = self.blocks.last_mut() {
            *chart = Some(spec);
        }
    }

    /// The report's tables as the workbook's sheets: one a table, named by its section
    /// («3. Исполнение дорожной карты (2)» for its second), numbers as numbers.
    pub fn sheets(&self) -> Vec<crate::export::Table> {
        use crate::export::Value;
        let mut out: Vec<crate::export::Table> = Vec::new();
        for b in &self.blocks {
            let Block::Table { section, head, rows, chart } = b else { continue };
            // Excel takes 31 characters for a sheet's name: a second table of a section keeps
            // its number at the end, the title giving way.
            let cut = |t: &str, room: usize| t.chars().take(room).collect::<String>().trim_end().to_string();
            let mut name = cut(section, 31);
            let mut n = 1;
            while out.iter().any(|t| t.name == name) {
                n += 1;
                let suffix = format!(" ({n})");
                name = format!("{}{suffix}", cut(section, 31 - suffix.chars().count()));
            }
            let rows = rows.iter().map(|r| r.iter().map(|c| Value::parsed(&c.replace("**", ""))).collect()).collect();
            out.push(crate::export::Table { name, headers: head.clone(), rows, chart: chart.clone() });
        }
        out
    }

    /// The report through its template (`config/templates/report.md`, or the user's own): the
    /// Markdown, and for a document the charts' pictures its `picture` numbers name.
    pub fn render(
        &self,
        template: &(String, String),
        pictures: bool,
    ) -> std::result::Result<(String, Vec<Vec<u8>>), crate::document::DocError> {
        #[derive(serde::Serialize)]
        struct B {
            kind: &'static str,
            text: String,
            head: Vec<String>,
            rows: Vec<Vec<String>>,
            section: String,
            picture: Option<usize>,
            chart: String,
        }
        let mut png = Vec::new();
        let blocks: Vec<B> = self
            .blocks
            .iter()
            .map(|b| {
                let plain = |kind, text: &str| B {
                    kind,
                    text: text.to_string(),
                    head: Vec::new(),
                    rows: Vec::new(),
                    section: String::new(),
                    picture: None,
                    chart: String::new(),
                };
                match b {
                    Block::Title(t) => plain("title", t),
                    Block::Heading(t) => plain("heading", t),
                    Block::Text(t) => plain("text", t),
                    Block::Table { section, head, rows, chart } => {
                        let picture = chart.as_ref().filter(|_| pictures).and_then(|spec| {
                            let p = crate::chart::png(spec, head, rows)?;
                            png.push(p);
                            Some(png.len() - 1)
                        });
                        B {
                            kind: "table",
                            text: String::new(),
                            head: head.iter().map(|h| cell(h)).collect(),
                            rows: rows.iter().map(|r| r.iter().map(|c| cell(c)).collect()).collect(),
                            section: section.clone(),
                            picture,
                            chart: chart.as_ref().map(|c| c.title.clone()).unwrap_or_default(),
                        }
                    }
                }
            })
            .collect();
        let ctx = minijinja::context! {
            blocks => minijinja::Value::from(minijinja::value::Serde(blocks)),
            year => self.year.clone(),
            district => self.district.clone(),
            school => self.school.clone(),
            made_on => self.made_on.clone(),
        };
        let md = crate::document::render_template(&template.0, &template.1, ctx)?;
        Ok((md, png))
    }

    /// The report as a Word document through its template: its tables, and each chart as a
    /// picture under its table.
    pub fn docx(
        &self,
        template: &(String, String),
        author: &str,
    ) -> std::result::Result<Vec<u8>, crate::document::DocError> {
        let (md, pictures) = self.render(template, true)?;
        crate::document::markdown_to_docx_with(&md, author, &pictures)
    }

    /// The report as Markdown through the built-in template.
    pub fn markdown(&self) -> String {
        let builtin = (crate::document::BUILTIN_REPORT.to_string(), "report.md".to_string());
        match self.render(&builtin, false) {
            Ok((md, _)) => md,
            // The built-in template renders; were it ever not to, the plain text is printed.
            Err(_) => self.plain_markdown(),
        }
    }

    /// The report as Markdown without a template.
    fn plain_markdown(&self) -> String {
        let mut out = String::new();
        for b in &self.blocks {
            match b {
                Block::Title(t) => {
                    let _ = write!(out, "# {t}\n\n");
                }
                Block::Heading(h) => {
                    let _ = write!(out, "## {h}\n\n");
                }
                Block::Text(t) => {
                    let _ = write!(out, "{t}\n\n");
                }
                Block::Table { head, rows, .. } => {
                    let _ = writeln!(out, "| {} |", head.join(" | "));
                    let _ = writeln!(out, "|{}|", vec!["---"; head.len()].join("|"));
                    for r in rows {
                        let cells: Vec<String> = r.iter().map(|c| cell(c)).collect();
                        let _ = writeln!(out, "| {} |", cells.join(" | "));
                    }
                    out.push('\n');
                }
            }
        }
        out
    }
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
    if let Some((id, _)) = &scope.school {
        d.narrow(&store.school_sets(*id)?);
    } else if let Some((id, _)) = &scope.district {
        d.narrow(&store.focus_sets(*id)?);
    }
    // Some days of the year: the events that fall in them, the deadlines within them.
    let from = scope.from.unwrap_or(y.start());
    let to = scope.to.unwrap_or(y.end());
    let within = |w: &crate::domain::When| match (w.start, w.last_day()) {
        (Some(a), Some(b)) => a <= to && b >= from,
        _ => true,
    };
    d.events.retain(|e| within(&e.when));
    d.decisions.retain(|x| x.deadline.start.is_none() || within(&x.deadline));
    Ok(d)
}

fn open(st: EventStatus) -> bool {
    matches!(st, EventStatus::Planned | EventStatus::InProgress)
}

/// The report as Markdown.
pub fn markdown(store: &Store, scope: &Scope, s: &Strings) -> Result<String> {
    Ok(report(store, scope, s)?.markdown())
}

/// The report of the scope, counted from the store.
pub fn report(store: &Store, scope: &Scope, s: &Strings) -> Result<Report> {
    let d = read(store, scope)?;
    let y = scope.year;
    let today = scope.today;
    let mut doc = Report {
        year: y.label(),
        district: scope.district.as_ref().map(|d| d.1.clone()),
        school: scope.school.as_ref().map(|d| d.1.clone()),
        made_on: format_date(today),
        ..Default::default()
    };
    let whose = match (&scope.school, &scope.district) {
        (Some((_, n)), _) | (None, Some((_, n))) => n.clone(),
        (None, None) => s.rp_all_districts.to_string(),
    };
    let days = match (scope.from, scope.to) {
        (None, None) => String::new(),
        (a, b) => format!(
            " · {} {} {} {}",
            s.rp_from,
            format_date(a.unwrap_or(y.start())),
            s.rp_to,
            format_date(b.unwrap_or(y.end()))
        ),
    };
    doc.blocks.push(Block::Title(s.rp_title.to_string()));
    doc.text(format!(
        "{whose} · {} {}{days} · {} {} · {}",
        y.label(),
        s.rp_school_year,
        s.rp_made_on,
        format_date(today),
        scope.author
    ));

    // 1. The schools in the programme.
    doc.section(1, s.rp_sec_schools);
    if d.clusters.is_empty() {
        doc.none(s);
    } else {
        let mut by: BTreeMap<&str, usize> = BTreeMap::new();
        for c in &d.clusters {
            *by.entry(c.status.as_str()).or_default() += 1;
        }
        let schools: std::collections::HashSet<i64> = d.clusters.iter().map(|c| c.org_id).collect();
        doc.text(format!("{}: {}.", s.rp_schools_total, crate::i18n::count_schools(schools.len(), s)));
        let rows: Vec<Vec<String>> = by.iter().map(|(st, n)| vec![st.to_string(), n.to_string()]).collect();
        doc.table(&[s.col_status, s.rp_col_schools], &rows);
        // The category of under-performance («сильно неуспевающая» …), of each school once.
        let mut level: BTreeMap<&str, std::collections::BTreeSet<i64>> = BTreeMap::new();
        for c in d.clusters.iter().filter(|c| !c.risk_level.is_empty()) {
            level.entry(c.risk_level.as_str()).or_default().insert(c.org_id);
        }
        if level.is_empty() {
            doc.text(s.rp_no_levels.to_string());
        } else {
            let rows: Vec<Vec<String>> = level.iter().map(|(l, o)| vec![l.to_string(), o.len().to_string()]).collect();
            doc.table(&[s.col_risk, s.rp_col_schools], &rows);
        }
        let mut changes = store.cluster_changes(y)?;
        if let Some((id, _)) = &scope.district {
            changes.retain(|c| c.district == Some(*id));
        }
        if changes.is_empty() {
            doc.text(s.rp_no_changes.to_string());
        } else {
            let rows: Vec<Vec<String>> = changes
                .iter()
                .map(|c| {
                    let what = if c.came_in { s.att_came_in } else { s.att_left };
                    vec![c.school.clone(), format!("{what} {}", c.status)]
                })
                .collect();
            doc.text(format!("{}:", s.rp_changes));
            doc.table(&[s.col_school, s.rp_col_change], &rows);
        }
    }

    // 2. The mentoring network.
    doc.section(2, s.rp_sec_network);
    if d.links.is_empty() {
        doc.none(s);
    } else {
        let mut levels: BTreeMap<&str, usize> = BTreeMap::new();
        for l in &d.links {
            *levels.entry(l.level_label(s)).or_default() += 1;
        }
        let parts: Vec<String> = levels.iter().map(|(k, n)| format!("{k} — {n}")).collect();
        doc.text(format!("{}: {} ({}).", s.rp_links_total, d.links.len(), parts.join("; ")));
        let rows: Vec<Vec<String>> = d
            .links
            .iter()
            .map(|l| vec![l.mentor.clone(), l.mentee.clone(), l.subject.clone(), l.form.clone(), l.when.display()])
            .collect();
        doc.table(&[s.col_mentor, s.col_mentee, s.col_subject, s.col_form, s.col_period], &rows);
        if !d.loads.is_empty() {
            doc.text(format!("{}:", s.rp_loads));
            let rows: Vec<Vec<String>> =
                d.loads.iter().map(|l| vec![l.name.clone(), l.mentees.to_string(), l.events.to_string()]).collect();
            doc.table(&[s.col_mentor, s.rp_col_mentees, s.rp_col_hosted], &rows);
        }
    }

    // 3. The roadmap's execution.
    doc.section(3, s.rp_sec_roadmap);
    if d.events.is_empty() {
        doc.none(s);
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
        let counted = if scope.from.is_some() || scope.to.is_some() { s.rp_events_days } else { s.rp_events_total };
        doc.text(format!(
            "{}: {}; {} {} ({}).",
            counted,
            d.events.len(),
            s.st_done,
            held,
            crate::deficits::share_text(held as f64 * 100.0 / d.events.len() as f64)
        ));
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
        // A status no event of the year has is left out of the table (and named under it).
        let kept: Vec<usize> = (0..6).filter(|i| total[*i] > 0).collect();
        let mut rows: Vec<Vec<String>> = kinds
            .iter()
            .map(|(k, c)| {
                let mut r = vec![k.clone(), c.iter().sum::<usize>().to_string()];
                r.extend(kept.iter().map(|i| c[*i].to_string()));
                r
            })
            .collect();
        let mut sum = vec![format!("**{}**", s.rp_total), d.events.len().to_string()];
        sum.extend(kept.iter().map(|i| total[*i].to_string()));
        rows.push(sum);
        let shown: Vec<&str> = head[..2].iter().copied().chain(kept.iter().map(|i| head[i + 2])).collect();
        doc.table(&shown, &rows);
        doc.chart(ChartSpec {
            title: s.rp_chart_kinds.to_string(),
            series: (2..shown.len()).collect(),
            rows: kinds.len(),
            stacked: true,
            tones: kept.clone(),
        });
        let absent: Vec<&str> = (0..6).filter(|i| total[*i] == 0).map(|i| head[i + 2]).collect();
        if !absent.is_empty() {
            doc.text(format!("{}: {}.", s.rp_none_were, absent.join(", ")));
        }
        let names: Vec<&str> = s.months_short.split(' ').collect();
        let rows: Vec<Vec<String>> = (0..12)
            .filter(|m| months[*m].0 > 0)
            .map(|m| {
                let name = names.get((m + 8) % 12).copied().unwrap_or("");
                let year = if m < 4 { y.0 } else { y.0 + 1 };
                vec![format!("{name} {year}"), months[m].0.to_string(), months[m].1.to_string()]
            })
            .collect();
        doc.text(format!("{}:", s.rp_by_month));
        let n = rows.len();
        doc.table(&[s.rp_col_month, s.rp_col_events, s.st_done], &rows);
        doc.chart(ChartSpec {
            title: s.rp_by_month.to_string(),
            series: vec![1, 2],
            rows: n,
            stacked: false,
            tones: vec![2, 0],
        });
        turnout_table(&mut doc, &d, s);
    }

    // 4. The schools' participation.
    doc.section(4, s.rp_sec_participation);
    // Took part, held (the host, a co-organiser or the venue), and won or took a prize.
    let mut part: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new();
    for e in &d.events {
        for school in e.participants.split(", ").filter(|p| !p.is_empty()) {
            part.entry(school.to_string()).or_default().0 += 1;
        }
        if !e.host_short.is_empty() {
            part.entry(e.host_short.clone()).or_default().1 += 1;
        }
        for t in &e.details {
            use crate::turnout::Part;
            match t.part {
                Part::Organizer | Part::Venue if t.name != e.host_short => {
                    part.entry(t.name.clone()).or_default().1 += 1
                }
                Part::Awarded => part.entry(t.name.clone()).or_default().2 += 1,
                _ => {}
            }
        }
    }
    if part.is_empty() {
        doc.none(s);
    } else {
        let listed = d.events.iter().filter(|e| !e.participants.is_empty()).count();
        let times: usize = part.values().map(|(p, _, _)| p).sum();
        doc.text(format!(
            "{}: {} {} {}; {}: {times}.",
            s.rp_participation_of,
            listed,
            s.rp_of,
            d.events.len(),
            s.rp_participations
        ));
        let rows: Vec<Vec<String>> = part
            .iter()
            .map(|(k, (p, h, w))| {
                vec![k.clone(), p.to_string(), h.to_string(), if *w == 0 { String::new() } else { w.to_string() }]
            })
            .collect();
        doc.table(&[s.col_school, s.rp_col_took_part, s.rp_col_hosted, s.rp_col_awarded], &rows);
    }

    // 5. Risks and anti-risk programmes.
    doc.section(5, s.rp_sec_risks);
    if d.risks.is_empty() {
        doc.none(s);
    } else {
        let done = d.risks.iter().filter(|r| r.status == EventStatus::Done).count();
        doc.text(format!("{}: {}; {} {done}.", s.rp_risks_total, d.risks.len(), s.tk_done));
        let rows: Vec<Vec<String>> = d
            .risks
            .iter()
            .map(|r| {
                vec![
                    r.school.clone(),
                    r.direction.clone(),
                    r.status.task_label(s).to_string(),
                    r.progress.clone(),
                    r.deadline.map(format_date).unwrap_or_default(),
                ]
            })
            .collect();
        doc.table(&[s.col_school, s.rp_col_direction, s.col_status, s.rp_col_progress, s.col_deadline], &rows);
    }

    // 6. Teachers' diagnostics and courses.
    doc.section(6, s.rp_sec_diagnostics);
    if d.diagnostics.is_empty() {
        doc.none(s);
    } else {
        let rows: Vec<Vec<String>> = d
            .diagnostics
            .iter()
            .map(|g| vec![g.owner.clone(), g.round.clone(), crate::app::panes::deficits::diagnostic_summary(g, s)])
            .collect();
        doc.table(&[s.col_owner, s.rp_col_round, s.rp_col_summary], &rows);
    }

    // 7. Indicators against their targets.
    doc.section(7, s.rp_sec_indicators);
    if d.indicators.is_empty() {
        doc.none(s);
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
        doc.table(&[s.col_owner, s.col_indicator, s.col_target, s.col_actual, s.col_period, s.rp_col_met], &rows);
        // Those with a number for a target and a value: drawn, the target beside the value.
        let measured: Vec<&crate::domain::IndicatorRow> = d
            .indicators
            .iter()
            .filter(|i| i.kind != crate::deficits::Kind::YesNo && i.actual_num.is_some() && i.target_num.is_some())
            .collect();
        if !measured.is_empty() {
            let rows: Vec<Vec<String>> = measured
                .iter()
                .enumerate()
                .map(|(n, i)| {
                    let num = |v: Option<f64>| v.map(crate::text::format_number).unwrap_or_default();
                    vec![(n + 1).to_string(), i.name.clone(), num(i.target_num), num(i.actual_num), i.owner.clone()]
                })
                .collect();
            doc.text(format!("{}:", s.rp_measured));
            let n = rows.len();
            doc.table(&["№", s.col_indicator, s.col_target, s.col_actual, s.col_owner], &rows);
            doc.chart(ChartSpec {
                title: s.rp_chart_indicators.to_string(),
                series: vec![2, 3],
                rows: n,
                stacked: false,
                tones: vec![4, 0],
            });
        }
    }

    // 8. Agreements of the year.
    doc.section(8, s.rp_sec_agreements);
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
        doc.none(s);
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
                    crate::app::panes::agreements::plan_progress(a, s),
                    crate::lifecycle::effective(a, today).label(s).to_string(),
                ]
            })
            .collect();
        doc.table(
            &[s.col_kind, s.col_number, s.col_signed, s.col_parties, s.col_term, s.col_plan, s.col_status],
            &rows,
        );
    }

    // 9. Decisions and recommendations.
    doc.section(9, s.rp_sec_decisions);
    if d.decisions.is_empty() {
        doc.none(s);
    } else {
        let state = |x: &crate::domain::DecisionRow| -> String {
            match x.deadline.last_day() {
                _ if x.status == EventStatus::Done => s.tk_done.to_string(),
                _ if x.status == EventStatus::Cancelled => s.tk_cancelled.to_string(),
                Some(l) if l < today => {
                    format!("{} {}", s.wk_late_by, plural((today - l).num_days() as usize, s.forms_day, s))
                }
                Some(_) => s.rp_in_work.to_string(),
                None => s.rp_no_deadline.to_string(),
            }
        };
        let done = d.decisions.iter().filter(|x| x.status == EventStatus::Done).count();
        let late =
            d.decisions.iter().filter(|x| open(x.status) && x.deadline.last_day().is_some_and(|l| l < today)).count();
        let undated = d.decisions.iter().filter(|x| open(x.status) && x.deadline.last_day().is_none()).count();
        doc.text(format!(
            "{}: {}; {} {done}, {} {late}, {} {undated}.",
            s.rp_decisions_total,
            d.decisions.len(),
            s.tk_done,
            s.sm_overdue,
            s.rp_no_deadline
        ));
        let rows: Vec<Vec<String>> = d
            .decisions
            .iter()
            .map(|x| vec![x.text.clone(), x.meeting.clone(), x.deadline.display(), x.responsible.clone(), state(x)])
            .collect();
        doc.table(&[s.col_decision, s.rp_col_meeting, s.col_deadline, s.col_responsible, s.exp_state], &rows);
    }
    // 10. The programmes and roadmaps of the year, task by task (a district's or the region's).
    if scope.school.is_none() {
        doc.section(10, s.rp_sec_programmes);
        let mut programmes = store.programmes()?;
        if let Some((id, _)) = &scope.district {
            programmes.retain(|p| p.district_id == Some(*id));
        }
        // A programme of no stated period runs from the order that approved it.
        programmes.retain(|p| {
            p.when.overlaps(y)
                || (p.when.start.is_none()
                    && crate::orders::cites(&p.basis).first().and_then(|c| c.date).is_some_and(|d| d <= y.end()))
        });
        if programmes.is_empty() {
            doc.none(s);
        }
        for p in &programmes {
            let (done, live) = p.done();
            let mut head = format!("**{}**", p.name);
            let period = p.when.display();
            if !period.is_empty() {
                head.push_str(&format!(" ({period})"));
            }
            if !p.basis.is_empty() {
                head.push_str(&format!("; {}", p.basis));
            }
            head.push('.');
            if !p.goal.is_empty() {
                head.push_str(&format!(" {}: {}.", s.rk_goal, p.goal.trim_end_matches('.')));
            }
            doc.text(head);
            if p.tasks.is_empty() {
                doc.text(s.rp_no_tasks.to_string());
                continue;
            }
            doc.text(format!("{}: {done} {} {live}.", s.rp_tasks_done, s.rp_of));
            let rows: Vec<Vec<String>> = p
                .tasks
                .iter()
                .map(|t| {
                    vec![
                        t.pos.to_string(),
                        t.text.clone(),
                        t.responsible.clone(),
                        t.deadline.display(),
                        t.status.task_label(s).to_string(),
                        t.progress.clone(),
                    ]
                })
                .collect();
            doc.table(&["№", s.pg_task_title, s.col_responsible, s.col_deadline, s.col_status, s.rk_progress], &rows);
        }
    }
    // 11. What the coordinator writes, kept in the store with the report's year and district.
    // (A school's own report has none: it is kept for a district's or the region's.)
    if scope.school.is_none() {
        doc.section(11, s.rp_sec_closing);
        match store.report_note(y, scope.district.as_ref().map(|d| d.0))? {
            Some((_, text, _)) if !text.is_empty() => {
                for para in text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
                    doc.text(para.to_string());
                }
            }
            _ => doc.text(s.rp_closing_empty.to_string()),
        }
    }
    doc.text(s.rp_counted.to_string());
    Ok(doc)
}

/// How many took part, by kind of event: the sums of the counts the events give (an event
/// whose count the source does not give is not guessed, and the text says how many give one).
fn turnout_table(doc: &mut Report, d: &YearData, s: &Strings) {
    let counted: Vec<&crate::domain::EventRow> = d.events.iter().filter(|e| !e.turnout.is_empty()).collect();
    if counted.is_empty() {
        doc.text(s.rp_turnout_none.to_string());
        return;
    }
    doc.text(format!("{} {} {} {} {}.", s.rp_turnout_of, counted.len(), s.rp_of, d.events.len(), s.rp_turnout_events));
    let mut kinds: BTreeMap<String, (usize, [u64; 4])> = BTreeMap::new();
    let mut total = (0usize, [0u64; 4]);
    for e in &counted {
        let k = if e.kind.is_empty() { "—".to_string() } else { e.kind.clone() };
        let t = e.turnout;
        let n = [t.teachers, t.people, t.teams, t.connections].map(|v| u64::from(v.unwrap_or(0)));
        let row = kinds.entry(k).or_default();
        row.0 += 1;
        total.0 += 1;
        for (i, v) in n.iter().enumerate() {
            row.1[i] += v;
            total.1[i] += v;
        }
    }
    let cells = |(events, n): &(usize, [u64; 4])| -> Vec<String> {
        let mut r = vec![events.to_string()];
        r.extend(n.iter().map(|v| if *v == 0 { String::new() } else { v.to_string() }));
        r
    };
    let mut rows: Vec<Vec<String>> = kinds
        .iter()
        .map(|(k, v)| {
            let mut r = vec![k.clone()];
            r.extend(cells(v));
            r
        })
        .collect();
    let mut sum = vec![format!("**{}**", s.rp_total)];
    sum.extend(cells(&total));
    rows.push(sum);
    doc.table(
        &[s.col_kind, s.rp_col_counted, s.col_n_teachers, s.col_n_people, s.col_n_teams, s.col_n_connections],
        &rows,
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The built-in template is the report's wording: it prints every block as the plain
    /// writer does, and a template of one's own changes the wording, not the numbers.
    #[test]
    fn the_built_in_template_prints_every_block_and_ones_own_rewords_it() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::create_new(&dir.path().join("r.db"), "t").unwrap();
        crate::demo::load(&store).unwrap();
        let s = &crate::i18n::RU;
        for district in [None, Some("город Усть-Илимск")] {
            let district = district.and_then(|n| store.district_list().unwrap().into_iter().find(|(_, d)| d == n));
            let scope = Scope {
                year: AcademicYear(2021),
                district,
                school: None,
                from: None,
                to: None,
                today: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
                author: "t".into(),
            };
            let r = report(&store, &scope, s).unwrap();
            assert_eq!(r.markdown(), crate::document::tidy(&r.plain_markdown()));
        }
        let scope = Scope {
            year: AcademicYear(2021),
            district: None,
            school: None,
            from: None,
            to: None,
            today: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
            author: "t".into(),
        };
        let r = report(&store, &scope, s).unwrap();
        let own = "{% for b in blocks %}{% if b.kind == 'heading' %}РАЗДЕЛ {{ b.text }}\n{% endif %}{% endfor %}Подпись: ________ {{ year }}";
        let (md, _) = r.render(&(own.to_string(), "own.md".to_string()), false).unwrap();
        assert!(md.starts_with("РАЗДЕЛ 1. Школы в программе\nРАЗДЕЛ 2. Сеть наставничества\n"), "{md}");
        assert!(md.ends_with("Подпись: ________ 2021-2022\n"), "{md}");
        let bad = r.render(&("{% for b in blocks %}".to_string(), "broken.md".to_string()), false);
        assert!(bad.unwrap_err().to_string().contains("broken.md"));
    }
}
