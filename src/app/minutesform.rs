//! Minutes taken during a call (`m`): the meeting's facts in one-line fields, and participants,
//! agenda and decisions in multi-line fields, a line each. A decision line is
//! "what was decided | deadline | responsible"; its deadline is read like any date or period,
//! and the decisions then follow up on the roadmap like events.

use super::{App, Message, Overlay};
use crate::domain::When;
use crate::period::parse_when;
use crate::store::NewMinutes;
use crate::text::{clean_line, format_date, parse_date};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::TextArea;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MinField {
    Number,
    Title,
    Date,
    Time,
    Format,
    Link,
    Moderators,
    Connections,
    Participants,
    Agenda,
    Decisions,
}

impl MinField {
    pub const ALL: [MinField; 11] = [
        MinField::Number,
        MinField::Title,
        MinField::Date,
        MinField::Time,
        MinField::Format,
        MinField::Link,
        MinField::Moderators,
        MinField::Connections,
        MinField::Participants,
        MinField::Agenda,
        MinField::Decisions,
    ];
    pub fn label(self, s: &crate::i18n::Strings) -> &'static str {
        match self {
            MinField::Number => s.col_number,
            MinField::Title => s.min_title,
            MinField::Date => s.doc_date,
            MinField::Time => s.doc_time,
            MinField::Format => s.doc_format,
            MinField::Link => s.min_link,
            MinField::Moderators => s.doc_moderators,
            MinField::Connections => s.form_connections,
            MinField::Participants => s.col_participants,
            MinField::Agenda => s.doc_agenda,
            MinField::Decisions => s.min_decisions,
        }
    }
    /// How many screen lines the field takes; more than one means Enter starts a new line.
    pub fn height(self) -> u16 {
        match self {
            MinField::Participants => 3,
            MinField::Agenda => 3,
            MinField::Decisions => 5,
            _ => 1,
        }
    }
}

pub struct MinutesForm {
    pub fields: Vec<TextArea<'static>>,
    pub focus: usize,
    pub errors: Vec<(MinField, String)>,
}

impl MinutesForm {
    pub fn field(&self) -> MinField {
        MinField::ALL[self.focus]
    }
    fn text(&self, f: MinField) -> String {
        self.fields[f as usize].lines().join("\n")
    }
    fn lines(&self, f: MinField) -> Vec<String> {
        self.fields[f as usize].lines().iter().map(|l| clean_line(l.trim())).filter(|l| !l.is_empty()).collect()
    }
    pub fn error_of(&self, f: MinField) -> Option<&str> {
        self.errors.iter().find(|(g, _)| *g == f).map(|(_, e)| e.as_str())
    }
    fn texts(&self) -> Vec<String> {
        MinField::ALL.iter().map(|f| self.text(*f)).collect()
    }
}

fn area_with(text: &str) -> TextArea<'static> {
    let lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    let mut t = TextArea::new(lines);
    t.move_cursor(ratatui_textarea::CursorMove::Bottom);
    t.move_cursor(ratatui_textarea::CursorMove::End);
    t
}

impl App {
    pub fn new_minutes(&mut self) {
        // A draft kept before the form asked the moderators and the connections has two
        // fields fewer: they are put in empty where they now stand.
        let draft = self.restore_draft::<Vec<String>>("minutes").map(|mut t| {
            if t.len() + 2 == MinField::ALL.len() {
                t.insert(MinField::Moderators as usize, String::new());
                t.insert(MinField::Connections as usize, String::new());
            }
            t
        });
        let texts = match draft.filter(|t| t.len() == MinField::ALL.len()) {
            Some(t) => t,
            None => MinField::ALL
                .iter()
                .map(|f| if *f == MinField::Date { format_date(self.today) } else { String::new() })
                .collect(),
        };
        let fields = texts.iter().map(|t| area_with(t)).collect();
        self.overlays.push(Overlay::Minutes(Box::new(MinutesForm { fields, focus: 0, errors: Vec::new() })));
    }

    pub(super) fn minutes_key(&mut self, ev: KeyEvent) {
        let Some(Overlay::Minutes(form)) = self.overlays.last_mut() else { return };
        let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
        let multi = form.field().height() > 1;
        match ev.code {
            KeyCode::Esc => {
                let texts = form.texts();
                self.overlays.pop();
                if texts.iter().enumerate().any(|(i, t)| !t.trim().is_empty() && MinField::ALL[i] != MinField::Date) {
                    self.keep_draft("minutes", &texts);
                }
            }
            KeyCode::Char('d' | 'в') if ctrl => {
                self.overlays.pop();
                self.discard_draft("minutes");
                self.message = Some(Message { text: self.s.draft_discarded.to_string(), error: false });
            }
            KeyCode::Char('s' | 'ы') if ctrl => self.save_minutes(),
            KeyCode::Tab => form.focus = (form.focus + 1) % MinField::ALL.len(),
            KeyCode::BackTab => form.focus = (form.focus + MinField::ALL.len() - 1) % MinField::ALL.len(),
            // Participants are picked with the lookup; a name it does not know is taken as typed.
            KeyCode::Enter if form.field() == MinField::Participants => {
                self.open_lookup();
                if let Some(Overlay::Lookup(st)) = self.overlays.last_mut() {
                    st.picking = true;
                }
            }
            KeyCode::Down | KeyCode::Enter if !multi => form.focus = (form.focus + 1).min(MinField::ALL.len() - 1),
            KeyCode::Up if !multi => form.focus = form.focus.saturating_sub(1),
            _ => {
                let f = form.focus;
                form.fields[f].input(ev);
            }
        }
    }

    fn save_minutes(&mut self) {
        let s = self.s;
        let Some(Overlay::Minutes(form)) = self.overlays.last_mut() else { return };
        let mut errors: Vec<(MinField, String)> = Vec::new();
        let title = clean_line(form.text(MinField::Title).trim());
        if title.is_empty() {
            errors.push((MinField::Title, s.err_required.to_string()));
        }
        let date = parse_date(&form.text(MinField::Date));
        if date.is_none() {
            errors.push((MinField::Date, crate::text::date_error(&form.text(MinField::Date), s).to_string()));
        }
        let connections = match form.text(MinField::Connections).trim() {
            "" => None,
            n => n.parse::<u32>().ok().or_else(|| {
                errors.push((MinField::Connections, s.err_whole.to_string()));
                None
            }),
        };
        let mut decisions = Vec::new();
        for (n, line) in form.lines(MinField::Decisions).iter().enumerate() {
            let mut parts = line.split('|').map(str::trim);
            let text = parts.next().unwrap_or_default().to_string();
            let deadline_text = parts.next().unwrap_or_default();
            let responsible = parts.next().unwrap_or_default().to_string();
            let deadline = if deadline_text.is_empty() {
                When::default()
            } else {
                match parse_when(deadline_text) {
                    Some(w) => w,
                    None => {
                        errors.push((
                            MinField::Decisions,
                            format!("{} {}: {}", s.min_line, n + 1, crate::text::when_error(deadline_text, s)),
                        ));
                        continue;
                    }
                }
            };
            decisions.push((text, deadline, responsible));
        }
        if !errors.is_empty() {
            form.errors = errors;
            return;
        }
        let m = NewMinutes {
            district: None,
            number: clean_line(form.text(MinField::Number).trim()),
            title,
            date,
            time: clean_line(form.text(MinField::Time).trim()),
            format: clean_line(form.text(MinField::Format).trim()),
            link: clean_line(form.text(MinField::Link).trim()),
            facts: crate::domain::ProtocolFacts {
                moderators: clean_line(form.text(MinField::Moderators).trim()),
                connections,
                ..Default::default()
            },
            participants: form.lines(MinField::Participants),
            agenda: form.lines(MinField::Agenda),
            decisions,
        };
        match self.store.record_minutes(&m) {
            Ok(id) => {
                self.overlays.pop();
                self.discard_draft("minutes");
                self.after_write(&format!("{} (ID {id}): nastavnik minutes {id}", s.min_saved));
            }
            Err(e) => {
                self.report::<()>(Err(e));
            }
        }
    }
}

impl App {
    /// Called by the lookup when it was opened from the minutes: adds a participant line.
    pub(super) fn minutes_picked(&mut self, line: String) -> bool {
        let Some(Overlay::Minutes(form)) = self.overlays.last_mut() else { return false };
        let area = &mut form.fields[MinField::Participants as usize];
        let mut lines: Vec<String> = area.lines().iter().filter(|l| !l.trim().is_empty()).cloned().collect();
        lines.push(line);
        *area = area_with(&lines.join("\n"));
        true
    }
}
