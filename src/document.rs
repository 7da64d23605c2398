//! The text of an agreement to sign: a Jinja template (the built-in one is
//! `config/templates/agreement.md`, a user's own replaces it) filled with the agreement, its
//! parties and its joint plan, printed as Markdown or written as a Word document.

use crate::domain::{AgreementKind, AgreementRow, PartyRow};
use crate::store::{Store, StoreError};
use docx_rs::{
    AlignmentType, Docx, PageMargin, Paragraph, Run, RunFonts, Style, StyleType, Table, TableCell, TableRow, WidthType,
};
use serde::Serialize;
use std::path::{Path, PathBuf};

/// The template shipped with the program.
pub const BUILTIN_TEMPLATE: &str = include_str!("../config/templates/agreement.md");

#[derive(Debug, thiserror::Error)]
pub enum DocError {
    #[error("{0}")]
    Store(#[from] StoreError),
    #[error("no agreement with id {0} (see `nastavnik show agreements --format json` for the ids)")]
    NoAgreement(i64),
    #[error("template {path}: {msg}")]
    Template { path: String, msg: String },
    #[error("{path}: {msg}")]
    Io { path: PathBuf, msg: String },
    #[error("{0}")]
    Output(#[from] crate::output::OutputError),
    #[error("template {path}: the document grew past {} MB; a loop in the template?", MAX_DOCUMENT / 1_000_000)]
    TooLarge { path: String },
}

/// The most a template may write: an agreement is some pages, not a hundred megabytes.
pub const MAX_DOCUMENT: usize = 20_000_000;

/// Collects a template's output and refuses to grow past [`MAX_DOCUMENT`].
struct Capped {
    buf: Vec<u8>,
    full: bool,
}

impl std::io::Write for Capped {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        if self.buf.len() + data.len() > MAX_DOCUMENT {
            self.full = true;
            return Err(std::io::Error::other("the document is too large"));
        }
        self.buf.extend_from_slice(data);
        Ok(data.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A value as a line of the document: no line breaks, no table separators, no control
/// characters.
fn line(s: &str) -> String {
    crate::text::clean_line(s).replace('|', "/")
}

fn lines(s: &str) -> Vec<String> {
    s.lines().map(line).filter(|l| !l.trim().is_empty()).collect()
}

#[derive(Serialize)]
struct AgreementCtx {
    kind: &'static str,
    number: String,
    date: String,
    place: String,
    title: String,
    subject: String,
    goals: Vec<String>,
    tasks: Vec<String>,
    term: String,
    start: String,
    end: String,
}

#[derive(Serialize)]
struct PartyCtx {
    name: String,
    signatory: String,
    position: String,
    basis: String,
    address: String,
    /// «директора Иванова Николая Ивановича»: empty when the name is not a full ФИО.
    in_person: String,
    /// «действующего» or «действующей», with `in_person`.
    acting: String,
}

#[derive(Serialize)]
struct ItemCtx {
    number: i64,
    event: String,
    dates: String,
    responsible: String,
    funding: String,
    result: String,
}

#[derive(Serialize)]
struct AppendixCtx {
    number: i64,
    title: String,
    items: Vec<ItemCtx>,
}

/// A template's placeholder ("МБОУ «...»") is a blank in the document, to be filled by hand.
fn filled(s: &str) -> String {
    if crate::lifecycle::is_placeholder(s) {
        String::new()
    } else {
        line(s)
    }
}

fn agreement_ctx(a: &AgreementRow) -> AgreementCtx {
    let day = |d: Option<chrono::NaiveDate>| d.map(crate::text::format_date).unwrap_or_default();
    AgreementCtx {
        kind: a.kind.code(),
        number: filled(&a.number),
        date: a.date.clone(),
        place: line(&a.place),
        title: line(&a.title),
        subject: line(&a.subject),
        goals: lines(&a.goals),
        tasks: lines(&a.tasks),
        term: line(&a.term),
        start: day(a.start),
        end: day(a.end),
    }
}

fn party_ctx(p: &PartyRow) -> PartyCtx {
    let signatory = filled(&p.signatory);
    let position = line(&p.position);
    let (in_person, acting) = crate::names::in_person(&position, &signatory)
        .map(|(who, acting)| (who, acting.to_string()))
        .unwrap_or_default();
    PartyCtx {
        name: filled(&p.name),
        signatory,
        position,
        basis: line(&p.basis),
        address: line(&p.address),
        in_person,
        acting,
    }
}

/// Fills `template` (named `template_name` in messages) with agreement `id`.
pub fn render_markdown(store: &Store, id: i64, template: &str, template_name: &str) -> Result<String, DocError> {
    let a = match store.agreement(id) {
        Ok(a) => a,
        Err(StoreError::NotFound(_)) => return Err(DocError::NoAgreement(id)),
        Err(e) => return Err(e.into()),
    };
    let parent = match a.parent {
        Some(p) if a.kind == AgreementKind::Additional => Some(agreement_ctx(&store.agreement(p)?)),
        _ => None,
    };
    let parties: Vec<PartyCtx> = store.agreement_parties(id)?.iter().map(party_ctx).collect();
    let appendices: Vec<AppendixCtx> = store
        .appendices(id)?
        .into_iter()
        .map(|ap| AppendixCtx {
            number: ap.number,
            title: line(&ap.title),
            items: ap
                .items
                .iter()
                .map(|it| ItemCtx {
                    number: it.number,
                    event: line(&it.event),
                    dates: line(&it.dates),
                    responsible: line(&it.responsible),
                    funding: line(&it.funding),
                    result: line(&it.result),
                })
                .collect(),
        })
        .collect();
    let ctx = minijinja::context! {
        a => minijinja::Value::from(minijinja::value::Serde(agreement_ctx(&a))),
        parent => minijinja::Value::from(minijinja::value::Serde(parent)),
        parties => minijinja::Value::from(minijinja::value::Serde(parties)),
        appendices => minijinja::Value::from(minijinja::value::Serde(appendices)),
    };
    render_template(template, template_name, ctx)
}

/// A template rendered with its values, capped in size, its errors by line; blank lines tidied.
pub(crate) fn render_template(template: &str, template_name: &str, ctx: minijinja::Value) -> Result<String, DocError> {
    let mut env = minijinja::Environment::new();
    env.set_undefined_behavior(minijinja::UndefinedBehavior::Chainable);
    // `{{ x | sentence }}`: the full stop, unless the text ends with one («… 20__ г.»).
    env.add_filter("sentence", |v: String| crate::text::sentence(&v));
    let err = |e: minijinja::Error| DocError::Template {
        path: template_name.to_string(),
        msg: match e.line() {
            Some(n) => format!("line {n}: {}", e.detail().unwrap_or(&e.kind().to_string())),
            None => e.to_string(),
        },
    };
    env.add_template("document", template).map_err(err)?;
    let t = env.get_template("document").map_err(err)?;
    let mut capped = Capped { buf: Vec::new(), full: false };
    let rendered = t.render_captured_to(ctx, &mut capped).map(|_| ());
    if capped.full {
        return Err(DocError::TooLarge { path: template_name.to_string() });
    }
    rendered.map_err(err)?;
    Ok(tidy(&String::from_utf8_lossy(&capped.buf)))
}

/// No runs of blank lines and one newline at the end, whatever the template's whitespace.
pub(crate) fn tidy(s: &str) -> String {
    let mut out = String::new();
    let mut blank = true;
    for l in s.lines() {
        let l = l.trim_end();
        if l.is_empty() {
            if !blank {
                out.push('\n');
            }
            blank = true;
        } else {
            out.push_str(l);
            out.push('\n');
            blank = false;
        }
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// The runs of a line: `**bold**` spans bold, the rest plain.
fn runs(text: &str, bold_all: bool) -> Vec<Run> {
    text.split("**")
        .enumerate()
        .filter(|(_, part)| !part.is_empty())
        .map(|(i, part)| {
            let r = Run::new().add_text(part);
            if bold_all || i % 2 == 1 {
                r.bold()
            } else {
                r
            }
        })
        .collect()
}

fn paragraph(text: &str, bold_all: bool) -> Paragraph {
    runs(text, bold_all).into_iter().fold(Paragraph::new(), |p, r| p.add_run(r))
}

fn cells(row: &str) -> Vec<String> {
    let inner = row.trim().trim_start_matches('|').trim_end_matches('|');
    inner.split('|').map(|c| c.trim().to_string()).collect()
}

fn is_separator(row: &str) -> bool {
    cells(row).iter().all(|c| !c.is_empty() && c.chars().all(|ch| matches!(ch, '-' | ':')))
}

/// The width of the text on an A4 page with the margins below, in twentieths of a point.
const TEXT_WIDTH: usize = 11906 - 1701 - 850;

/// Column widths that share the text width by how much each column holds (its longest cell,
/// counted between 4 and 40 characters), so that "№" is narrow and the event wide — but never
/// narrower than a column's longest word («2022-2024», «Наставляемых»), which Word would break
/// letter by letter.
fn column_widths(rows: &[Vec<String>]) -> Vec<usize> {
    // About a character of a serif 12 in bold (the header row), and a cell's inner margins, in
    // twentieths of a point.
    const CHAR: usize = 150;
    const PADDING: usize = 240;
    let n = rows.iter().map(Vec::len).max().unwrap_or(1).max(1);
    let weights: Vec<usize> = (0..n)
        .map(|c| rows.iter().map(|r| r.get(c).map_or(0, |t| t.chars().count())).max().unwrap_or(0).clamp(4, 40))
        .collect();
    let word = |c: usize| -> usize {
        rows.iter()
            .filter_map(|r| r.get(c))
            .flat_map(|t| t.split_whitespace())
            .map(|w| w.chars().count())
            .max()
            .unwrap_or(0)
    };
    // Each column's least width, shrunk together when they cannot all be had.
    let mut least: Vec<usize> = (0..n).map(|c| word(c).min(16) * CHAR + PADDING).collect();
    let sum: usize = least.iter().sum();
    if sum > TEXT_WIDTH {
        least.iter_mut().for_each(|l| *l = *l * TEXT_WIDTH / sum);
    }
    let rest = TEXT_WIDTH - least.iter().sum::<usize>();
    let total: usize = weights.iter().sum();
    least.iter().zip(&weights).map(|(l, w)| l + rest * w / total).collect()
}

/// Word's «Heading N» style: bold, centred, `size` in half-points, in the document's outline.
fn heading(level: usize, size: usize) -> Style {
    Style::new(format!("Heading{level}"), StyleType::Paragraph)
        .name(format!("Heading {level}"))
        .bold()
        .size(size)
        .align(AlignmentType::Center)
        .outline_lvl(level - 1)
}

/// The Markdown the template produced, as a Word document: headings, paragraphs, list items,
/// bold, and tables with a bold header row. A4, Times New Roman 12. `author` is written in the
/// document's properties (Word's «Автор»), as the history names the user.
pub fn markdown_to_docx(md: &str, author: &str) -> Result<Vec<u8>, DocError> {
    markdown_to_docx_with(md, author, &[])
}

/// The same, with pictures: a line `![title](picture:N)` is the PNG `pictures[N]`, as wide as
/// the text (a line naming no picture there is left out).
pub fn markdown_to_docx_with(md: &str, author: &str, pictures: &[Vec<u8>]) -> Result<Vec<u8>, DocError> {
    let font = RunFonts::new().ascii("Times New Roman").hi_ansi("Times New Roman").cs("Times New Roman");
    // Made now, not on 1 January 1970 (the crate's default).
    let now = chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string();
    let mut doc = Docx::new()
        .created_at(&now)
        .updated_at(&now)
        .page_size(11906, 16838)
        .page_margin(PageMargin::new().top(1134).bottom(1134).left(1701).right(850))
        .default_fonts(font)
        .default_size(24)
        .add_style(heading(1, 28))
        .add_style(heading(2, 24))
        // Page numbers at the foot of every page, centred.
        .footer(
            docx_rs::Footer::new()
                .add_paragraph(Paragraph::new().add_page_num(docx_rs::PageNum::new()).align(AlignmentType::Center)),
        );
    let all: Vec<&str> = md.lines().collect();
    let mut i = 0;
    while i < all.len() {
        let l = all[i].trim_end();
        if l.starts_with('|') {
            let mut rows = Vec::new();
            while i < all.len() && all[i].trim_start().starts_with('|') {
                if !is_separator(all[i]) {
                    rows.push(cells(all[i]));
                }
                i += 1;
            }
            let grid = column_widths(&rows);
            let table_rows: Vec<TableRow> = rows
                .iter()
                .enumerate()
                .map(|(n, r)| {
                    let cells = grid
                        .iter()
                        .enumerate()
                        .map(|(c, w)| {
                            let text = r.get(c).map(String::as_str).unwrap_or("");
                            TableCell::new().width(*w, WidthType::Dxa).add_paragraph(paragraph(text, n == 0))
                        })
                        .collect();
                    TableRow::new(cells)
                })
                .collect();
            doc = doc.add_table(Table::new(table_rows).set_grid(grid).width(TEXT_WIDTH, WidthType::Dxa));
            doc = doc.add_paragraph(Paragraph::new());
            continue;
        }
        if let Some(n) =
            l.strip_prefix("![").and_then(|r| r.split_once("](picture:")).map(|(_, n)| n.trim_end_matches(')'))
        {
            if let Some(png) = n.parse::<usize>().ok().and_then(|n| pictures.get(n)) {
                // 16 cm wide, half as high, as the pictures are drawn.
                let pic = docx_rs::Pic::new_with_dimensions(png.clone(), 960, 480).size(5_760_000, 2_880_000);
                doc =
                    doc.add_paragraph(Paragraph::new().add_run(Run::new().add_image(pic)).align(AlignmentType::Center));
            }
            i += 1;
            continue;
        }
        if let Some(h) = l.strip_prefix("# ") {
            doc = doc.add_paragraph(paragraph(h, true).style("Heading1"));
        } else if let Some(h) = l.strip_prefix("## ") {
            doc = doc.add_paragraph(paragraph(h, true).style("Heading2"));
        } else if let Some(item) = l.strip_prefix("- ") {
            doc = doc.add_paragraph(paragraph(&format!("– {item}"), false).indent(Some(567), None, None, None));
        } else if !l.is_empty() {
            doc = doc.add_paragraph(paragraph(l, false).align(AlignmentType::Both));
        }
        i += 1;
    }
    let mut buf = std::io::Cursor::new(Vec::new());
    let mut xml = doc.build();
    // The crate has no setter for the author: its placeholder is replaced in the part it wrote.
    let author = crate::text::clean_line(author).replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    if !author.is_empty() {
        let core = String::from_utf8_lossy(&xml.doc_props.core).replace(">unknown<", &format!(">{author}<"));
        xml.doc_props.core = core.into_bytes();
    }
    xml.pack(&mut buf).map_err(|e| DocError::Io { path: PathBuf::from("docx"), msg: e.to_string() })?;
    Ok(buf.into_inner())
}

/// The template to use: `explicit`, else the user's `templates/agreement.md` beside their
/// config, else the built-in one. Returns its text and its name for messages.
pub fn template(explicit: Option<&Path>) -> Result<(String, String), DocError> {
    template_named(explicit, "agreement.md", BUILTIN_TEMPLATE)
}

/// The built-in template of the year's report.
pub const BUILTIN_REPORT: &str = include_str!("../config/templates/report.md");

/// A template: the one given, else the user's own of that name in the config's `templates/`,
/// else the built-in one; with the name errors are reported under.
pub fn template_named(explicit: Option<&Path>, name: &str, builtin: &str) -> Result<(String, String), DocError> {
    let read =
        |p: &Path| std::fs::read_to_string(p).map_err(|e| DocError::Io { path: p.to_path_buf(), msg: e.to_string() });
    if let Some(p) = explicit {
        return Ok((read(p)?, p.display().to_string()));
    }
    if let Some(user) =
        crate::config::default_config_path().and_then(|c| c.parent().map(|d| d.join("templates").join(name)))
    {
        if user.is_file() {
            return Ok((read(&user)?, user.display().to_string()));
        }
    }
    Ok((builtin.to_string(), format!("config/templates/{name} (built in)")))
}

/// Writes `bytes` to `out` whole or not at all: a temporary file beside it, then a rename.
pub fn write_file(out: &Path, bytes: &[u8], force: bool) -> Result<(), DocError> {
    let out = &crate::output::target(out, force)?;
    let io = |e: std::io::Error| DocError::Io { path: out.to_path_buf(), msg: e.to_string() };
    let dir = match out.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut tmp = tempfile::NamedTempFile::new_in(&dir).map_err(io)?;
    std::io::Write::write_all(&mut tmp, bytes).map_err(io)?;
    tmp.as_file().sync_all().map_err(io)?;
    // A document is for others to read: the usual permissions, not the temporary file's 0600.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file().set_permissions(std::fs::Permissions::from_mode(0o644)).map_err(io)?;
    }
    tmp.persist(out).map_err(|e| io(e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_and_bold_are_read_from_the_markdown() {
        assert_eq!(cells("| 1 | Встреча | 26.11.2021 |"), vec!["1", "Встреча", "26.11.2021"]);
        assert!(is_separator("|---|:---:|---|"));
        assert!(!is_separator("| 1 | --- |"));
        let r = runs("**СОШ № 10** в лице директора", false);
        assert_eq!(r.len(), 2);
        assert_eq!(tidy("a\n\n\n\nb\n\n"), "a\n\nb\n");
        assert_eq!(line("a|b\nc"), "a/b c");
        let widths = column_widths(&[vec!["№".into(), "Совместное районное административное совещание".into()]]);
        assert!(widths[0] * 5 < widths[1] && widths.iter().sum::<usize>() <= TEXT_WIDTH, "{widths:?}");
    }
}
