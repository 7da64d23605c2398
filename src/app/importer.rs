//! `I`: a spreadsheet into the store from the TUI, as `nastavnik import` does it — a file path
//! (Tab completes it), then the preview of what each row becomes, then Enter writes it all as
//! one action (u undoes it) or Esc writes nothing.

use super::linkform::one_line;
use super::{App, Message, Overlay};
use crate::import::grid::Workbook;
use crate::import::Options;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::TextArea;
use std::path::{Path, PathBuf};

/// The spreadsheet files offered by completion (and folders, to walk into).
const EXTENSIONS: [&str; 6] = ["xlsx", "xlsm", "xls", "ods", "csv", "txt"];

pub enum Stage {
    Path {
        input: Box<TextArea<'static>>,
        error: Option<String>,
        /// What Tab found when it could not choose: shown under the field.
        choices: Vec<String>,
    },
    Preview {
        book: Box<Workbook>,
        lines: Vec<String>,
        scroll: u16,
        /// Whether the plan writes anything (else Enter only closes).
        writes: bool,
    },
}

pub struct Importer {
    pub stage: Stage,
    /// The last path typed, kept when the preview goes back to it.
    last: String,
}

fn expand(text: &str) -> PathBuf {
    match text.strip_prefix("~/") {
        Some(rest) => directories::BaseDirs::new().map_or_else(|| PathBuf::from(text), |b| b.home_dir().join(rest)),
        None => PathBuf::from(text),
    }
}

/// Tab on a path: the one entry its last part begins, completed (a folder gets its `/`), or
/// the common beginning of several, with them listed.
pub fn complete(text: &str) -> (String, Vec<String>) {
    let (dir_text, prefix) = match text.rfind('/') {
        Some(i) => (&text[..=i], &text[i + 1..]),
        None => ("", text),
    };
    let dir = if dir_text.is_empty() { PathBuf::from(".") } else { expand(dir_text) };
    let Ok(entries) = std::fs::read_dir(&dir) else { return (text.to_string(), Vec::new()) };
    let low = prefix.to_lowercase();
    let mut found: Vec<(String, bool)> = entries
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let is_dir = e.file_type().map(|t| t.is_dir()).unwrap_or(false);
            let ext = Path::new(&name).extension().map(|x| x.to_string_lossy().to_lowercase()).unwrap_or_default();
            let wanted = is_dir || EXTENSIONS.contains(&ext.as_str());
            let hidden = name.starts_with('.') && !prefix.starts_with('.');
            (wanted && !hidden && name.to_lowercase().starts_with(&low)).then_some((name, is_dir))
        })
        .collect();
    found.sort();
    match found.as_slice() {
        [] => (text.to_string(), Vec::new()),
        [(name, is_dir)] => (format!("{dir_text}{name}{}", if *is_dir { "/" } else { "" }), Vec::new()),
        many => {
            let first: Vec<char> = many[0].0.chars().collect();
            let common = many.iter().fold(first.len(), |n, (name, _)| {
                name.chars().zip(&first).take(n).take_while(|(a, b)| a.to_lowercase().eq(b.to_lowercase())).count()
            });
            let head: String = first[..common.max(prefix.chars().count()).min(first.len())].iter().collect();
            let head = if common >= prefix.chars().count() { head } else { prefix.to_string() };
            let list = many.iter().map(|(n, d)| if *d { format!("{n}/") } else { n.clone() }).collect();
            (format!("{dir_text}{head}"), list)
        }
    }
}

impl App {
    pub(super) fn open_import(&mut self) {
        if !self.local_files {
            let text = self.s.imp_remote.to_string();
            self.message = Some(Message { text, error: true });
            return;
        }
        self.overlays.push(Overlay::Import(Box::new(Importer {
            stage: Stage::Path { input: Box::new(one_line("")), error: None, choices: Vec::new() },
            last: String::new(),
        })));
    }

    pub(super) fn import_key(&mut self, ev: KeyEvent) {
        let s = self.s;
        let Some(Overlay::Import(imp)) = self.overlays.last_mut() else { return };
        match &mut imp.stage {
            Stage::Path { input, error, choices } => match ev.code {
                KeyCode::Esc => {
                    self.overlays.pop();
                }
                KeyCode::Tab => {
                    let text = input.lines().join("");
                    let (done, list) = complete(&text);
                    **input = one_line(&done);
                    *choices = list;
                    *error = None;
                }
                KeyCode::Enter => {
                    let text = input.lines().join("").trim().to_string();
                    if text.is_empty() {
                        *error = Some(s.imp_path_needed.to_string());
                        return;
                    }
                    let path = expand(&text);
                    let book = match crate::import::read(&path, &Options::default()) {
                        Ok(b) => b,
                        Err(e) => {
                            *error = Some(e.text(s));
                            return;
                        }
                    };
                    match self.store.import_preview(&book, &Options::default(), s) {
                        Ok(Ok(plan)) => {
                            let writes = !plan.steps.is_empty();
                            let mut lines: Vec<String> =
                                crate::import::report(&plan, &text, s).lines().map(str::to_string).collect();
                            if !writes {
                                lines.push(crate::import::nothing_text(&plan, s).to_string());
                            }
                            let Some(Overlay::Import(imp)) = self.overlays.last_mut() else { return };
                            imp.last = text;
                            imp.stage = Stage::Preview { book: Box::new(book), lines, scroll: 0, writes };
                        }
                        Ok(Err(e)) => {
                            let Some(Overlay::Import(imp)) = self.overlays.last_mut() else { return };
                            if let Stage::Path { error, .. } = &mut imp.stage {
                                *error = Some(e.text(s));
                            }
                        }
                        Err(e) => {
                            self.overlays.pop();
                            self.report::<()>(Err(e));
                        }
                    }
                }
                _ => {
                    input.input(ev);
                    *error = None;
                    choices.clear();
                }
            },
            Stage::Preview { scroll, writes, lines, .. } => {
                let page = self.size.height.saturating_sub(8).max(1);
                let max = (lines.len() as u16).saturating_sub(page);
                let yes = matches!(ev.code, KeyCode::Char('y' | 'н' | 'д'));
                match ev.code {
                    KeyCode::Esc | KeyCode::Char('n' | 'т') => {
                        let last = imp.last.clone();
                        imp.stage = Stage::Path { input: Box::new(one_line(&last)), error: None, choices: Vec::new() };
                    }
                    KeyCode::Down | KeyCode::Char('j' | 'о') => *scroll = (*scroll + 1).min(max),
                    KeyCode::Up | KeyCode::Char('k' | 'л') => *scroll = scroll.saturating_sub(1),
                    KeyCode::PageDown => *scroll = (*scroll + page).min(max),
                    KeyCode::PageUp => *scroll = scroll.saturating_sub(page),
                    KeyCode::Char('d') if ev.modifiers.contains(KeyModifiers::CONTROL) => {
                        *scroll = (*scroll + page).min(max)
                    }
                    KeyCode::Enter if !*writes => {
                        self.overlays.pop();
                    }
                    KeyCode::Enter => self.write_import(),
                    _ if yes && *writes => self.write_import(),
                    _ => {}
                }
            }
        }
    }

    fn write_import(&mut self) {
        let s = self.s;
        let Some(Overlay::Import(imp)) = self.overlays.pop() else { return };
        let Stage::Preview { book, .. } = imp.stage else { return };
        match self.store.import(&book, &Options::default(), s) {
            Ok(Ok(plan)) => {
                let text = format!("{}: {}; u — {}", s.imp_done, plan.counts().text(s), s.imp_undo_hint);
                self.index = None;
                self.after_write(&text);
                // An empty year on screen while the file filled others: show the latest of them.
                if self.view().items == 0 {
                    let current = crate::text::AcademicYear::current();
                    let years = self.store.years().unwrap_or_default();
                    if let Some(y) = years.into_iter().filter(|y| *y != self.year && y.0 <= current.0).max() {
                        self.year = y;
                        self.after_write(&format!("{text}; {} {}", s.imp_year_shown, y.label()));
                    }
                }
            }
            Ok(Err(e)) => {
                self.message = Some(Message { text: e.text(s), error: true });
            }
            Err(e) => {
                self.report::<()>(Err(e));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::complete;

    #[test]
    fn tab_completes_a_path_to_the_one_spreadsheet_or_the_common_beginning() {
        let dir = tempfile::tempdir().unwrap();
        for f in ["школы-2024.xlsx", "школы-2025.xlsx", "люди.csv", "фото.png"] {
            std::fs::write(dir.path().join(f), b"x").unwrap();
        }
        std::fs::create_dir(dir.path().join("архив")).unwrap();
        let base = format!("{}/", dir.path().display());
        assert_eq!(complete(&format!("{base}лю")), (format!("{base}люди.csv"), vec![]));
        assert_eq!(complete(&format!("{base}ар")), (format!("{base}архив/"), vec![]));
        let (text, list) = complete(&format!("{base}шк"));
        assert_eq!(text, format!("{base}школы-202"));
        assert_eq!(list, vec!["школы-2024.xlsx".to_string(), "школы-2025.xlsx".to_string()]);
        // A picture is not offered.
        assert_eq!(complete(&format!("{base}фо")), (format!("{base}фо"), vec![]));
    }
}
