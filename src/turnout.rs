//! How many took part in an event, as numbers: «Участие приняли 24 педагога из 5 ОО»,
//! «12 человек», «25 подключений», «10 команд». Held as numbers so that they can be summed by
//! school, kind or month; read from what a coordinator types the way the reports write it, and
//! printed back the same way, each noun in the form its number asks.

use crate::i18n::{plural, Strings};
use serde::Serialize;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Turnout {
    /// Teachers («педагогов», «учителей»).
    pub teachers: Option<u32>,
    /// People not said to be teachers («человек», «участников», «слушателей»).
    pub people: Option<u32>,
    /// The schools they came from («из 5 ОО»).
    pub schools: Option<u32>,
    /// Connections to an online event («подключений»).
    pub connections: Option<u32>,
    /// Teams of a contest («команд»).
    pub teams: Option<u32>,
}

/// The largest number a field takes: more people than a region has is a typing slip.
const MOST: u32 = 1_000_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Unit {
    Teachers,
    People,
    Schools,
    Connections,
    Teams,
}

/// The unit a word names, by its stem, in Russian or English.
fn unit(word: &str) -> Option<Unit> {
    let w = crate::text::fold(word);
    let w = w.trim_matches(|c: char| !c.is_alphanumeric());
    let starts = |stems: &[&str]| stems.iter().any(|s| w.starts_with(s));
    if starts(&["педагог", "учител", "teacher"]) {
        Some(Unit::Teachers)
    } else if starts(&["человек", "чел", "участник", "слушател", "people", "person", "participant", "attendee"])
    {
        Some(Unit::People)
    } else if starts(&["подключ", "connection", "login"]) {
        Some(Unit::Connections)
    } else if starts(&["команд", "team"]) {
        Some(Unit::Teams)
    } else if w == "оо"
        || w == "оу"
        || w == "моу"
        || starts(&["школ", "организац", "учрежден", "образовательн", "общеобразовательн", "school", "org"])
    {
        Some(Unit::Schools)
    } else {
        None
    }
}

impl Turnout {
    pub fn is_empty(&self) -> bool {
        *self == Turnout::default()
    }

    /// The numbers in the order they are kept and exported.
    pub fn numbers(&self) -> [Option<u32>; 5] {
        [self.teachers, self.people, self.schools, self.connections, self.teams]
    }

    pub fn from_numbers(n: [Option<u32>; 5]) -> Turnout {
        Turnout { teachers: n[0], people: n[1], schools: n[2], connections: n[3], teams: n[4] }
    }

    /// Reads «24», «24 педагога из 5 ОО», «38 педагогов из 6 муниципальных общеобразовательных
    /// учреждений», «12 человек; 25 подключений», «10 команд». A number alone is teachers; «из N»
    /// is the schools they came from; words that are no number's noun («участие приняли») are
    /// passed over. A number whose noun is not known, a unit given twice, or no number at all is
    /// an error, with nothing guessed.
    pub fn parse(text: &str) -> Result<Turnout, &'static str> {
        let mut t = Turnout::default();
        if text.trim().is_empty() {
            return Ok(t);
        }
        let tokens: Vec<&str> = text
            .split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '(' | ')' | '\u{a0}'))
            .filter(|w| !w.is_empty())
            .collect();
        let number = |w: &str| -> Option<Result<u32, &'static str>> {
            let digits = w.trim_end_matches(['.', ':']);
            if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
                return None;
            }
            Some(digits.parse::<u32>().ok().filter(|n| *n <= MOST).ok_or("tu_huge"))
        };
        let mut found = false;
        let mut i = 0;
        while i < tokens.len() {
            let w = tokens[i];
            let from = matches!(crate::text::fold(w).as_str(), "из" | "from" | "of");
            if from {
                if let Some(n) = tokens.get(i + 1).and_then(|w| number(w)) {
                    t.set(Unit::Schools, n?)?;
                    found = true;
                    i += 2;
                    // «из 14 муниципальных общеобразовательных учреждений»: the noun and its
                    // adjectives belong to the number.
                    while i < tokens.len() && unit(tokens[i]) == Some(Unit::Schools) {
                        i += 1;
                    }
                    continue;
                }
            }
            if let Some(n) = number(w) {
                let n = n?;
                found = true;
                match tokens.get(i + 1) {
                    Some(next)
                        if number(next).is_none()
                            && !matches!(crate::text::fold(next).as_str(), "из" | "from" | "of") =>
                    {
                        let Some(u) = unit(next) else { return Err("tu_unknown") };
                        t.set(u, n)?;
                        i += 2;
                        while u == Unit::Schools && i < tokens.len() && unit(tokens[i]) == Some(Unit::Schools) {
                            i += 1;
                        }
                    }
                    _ => {
                        t.set(Unit::Teachers, n)?;
                        i += 1;
                    }
                }
                continue;
            }
            i += 1;
        }
        if found {
            Ok(t)
        } else {
            Err("tu_none")
        }
    }

    fn set(&mut self, u: Unit, n: u32) -> Result<(), &'static str> {
        let slot = match u {
            Unit::Teachers => &mut self.teachers,
            Unit::People => &mut self.people,
            Unit::Schools => &mut self.schools,
            Unit::Connections => &mut self.connections,
            Unit::Teams => &mut self.teams,
        };
        if slot.is_some() {
            return Err("tu_twice");
        }
        *slot = Some(n);
        Ok(())
    }

    /// The message of an error [`Turnout::parse`] gave, in the UI's language.
    pub fn error_text(code: &str, s: &Strings) -> &'static str {
        match code {
            "tu_huge" => s.tu_huge,
            "tu_twice" => s.tu_twice,
            "tu_none" => s.tu_none,
            "tu_school" => s.tu_school,
            _ => s.tu_unknown,
        }
    }

    /// «24 педагога из 5 ОО, 25 подключений, 10 команд»; empty when nothing is known.
    pub fn display(&self, s: &Strings) -> String {
        let mut parts: Vec<String> = Vec::new();
        let from = self.schools.map(|n| format!("{} {n} {}", s.tu_from, s.tu_schools));
        let mut from_used = false;
        for (n, forms) in [(self.teachers, s.forms_teacher), (self.people, s.forms_person)] {
            if let Some(n) = n {
                let mut part = plural(n as usize, forms, s);
                if let (Some(f), false) = (&from, from_used) {
                    part = format!("{part} {f}");
                    from_used = true;
                }
                parts.push(part);
            }
        }
        if let (Some(n), false) = (self.schools, from_used) {
            parts.push(format!("{n} {}", s.tu_schools));
        }
        if let Some(n) = self.connections {
            parts.push(plural(n as usize, s.forms_connection, s));
        }
        if let Some(n) = self.teams {
            parts.push(plural(n as usize, s.forms_team, s));
        }
        parts.join(", ")
    }

    /// Everyone counted: teachers and other people (connections and teams are not heads).
    pub fn heads(&self) -> Option<u32> {
        match (self.teachers, self.people) {
            (None, None) => None,
            (a, b) => Some(a.unwrap_or(0) + b.unwrap_or(0)),
        }
    }
}

/// What a school was in an event: a participant (most), a co-organiser beside the host, the
/// venue it was held at, or a winner or prize-holder (its nomination or diploma in the note).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
pub enum Part {
    #[default]
    Participant,
    Organizer,
    Venue,
    Awarded,
}

impl Part {
    pub const ALL: [Part; 4] = [Part::Participant, Part::Organizer, Part::Venue, Part::Awarded];

    pub fn code(self) -> &'static str {
        match self {
            Part::Participant => "participant",
            Part::Organizer => "organizer",
            Part::Venue => "venue",
            Part::Awarded => "awarded",
        }
    }

    pub fn from_code(code: &str) -> Part {
        Part::ALL.into_iter().find(|p| p.code() == code).unwrap_or_default()
    }

    pub fn label(self, s: &Strings) -> &'static str {
        match self {
            Part::Participant => s.pt_participant,
            Part::Organizer => s.pt_organizer,
            Part::Venue => s.pt_venue,
            Part::Awarded => s.pt_awarded,
        }
    }

    /// The next part, for the key that steps through them.
    pub fn next(self) -> Part {
        let i = Part::ALL.iter().position(|p| *p == self).unwrap_or(0);
        Part::ALL[(i + 1) % Part::ALL.len()]
    }
}

/// One school's taking part in an event beyond being on its list: its part, what the source
/// says of it («диплом 2 степени», «Мастер педагогических дебатов», «участие, без обобщения
/// опыта») and how many of its teachers came or connected.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Taking {
    pub org: i64,
    /// The school's name as the screens show it.
    pub name: String,
    pub part: Part,
    pub note: String,
    pub teachers: Option<u32>,
    pub connections: Option<u32>,
}

impl Taking {
    /// Nothing beyond being a participant: not kept as a detail.
    pub fn is_plain(&self) -> bool {
        self.part == Part::Participant && self.note.is_empty() && self.teachers.is_none() && self.connections.is_none()
    }

    /// The counts as they are typed and shown: «3 педагога, 2 подключения».
    pub fn counts(&self, s: &Strings) -> String {
        Turnout { teachers: self.teachers, connections: self.connections, ..Default::default() }.display(s)
    }

    /// Reads the counts a school's line takes: teachers and connections, nothing else.
    pub fn parse_counts(text: &str) -> Result<(Option<u32>, Option<u32>), &'static str> {
        let t = Turnout::parse(text).map_err(|e| if e == "tu_unknown" { "tu_school" } else { e })?;
        if t.people.is_some() || t.schools.is_some() || t.teams.is_some() {
            return Err("tu_school");
        }
        Ok((t.teachers, t.connections))
    }

    /// «победитель / призёр, 3 педагога, номинация «Мастер педагогических дебатов»» — the part
    /// said only when it is not plain participation; the short counts before the note.
    pub fn details(&self, s: &Strings) -> String {
        let mut parts: Vec<String> = Vec::new();
        if self.part != Part::Participant {
            parts.push(self.part.label(s).to_string());
        }
        let counts = self.counts(s);
        if !counts.is_empty() {
            parts.push(counts);
        }
        if !self.note.is_empty() {
            parts.push(self.note.clone());
        }
        parts.join(", ")
    }

    /// «СОШ №5 — победитель / призёр, «Педагогическое мастерство»».
    pub fn line(&self, s: &Strings) -> String {
        format!("{} — {}", self.name, self.details(s))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{EN, RU};

    fn t(
        teachers: Option<u32>,
        people: Option<u32>,
        schools: Option<u32>,
        connections: Option<u32>,
        teams: Option<u32>,
    ) -> Turnout {
        Turnout { teachers, people, schools, connections, teams }
    }

    #[test]
    fn the_reports_ways_of_saying_how_many_came_are_read_as_numbers() {
        assert_eq!(Turnout::parse("24"), Ok(t(Some(24), None, None, None, None)));
        assert_eq!(
            Turnout::parse("Участие приняли 24 педагога из МАОУ «СОШ№5»"),
            Ok(t(Some(24), None, None, None, None))
        );
        assert_eq!(
            Turnout::parse(
                "В работе семинара приняли участие 38 педагогов из 6 муниципальных общеобразовательных учреждений"
            ),
            Ok(t(Some(38), None, Some(6), None, None))
        );
        assert_eq!(Turnout::parse("95 педагогов из 14 ОО"), Ok(t(Some(95), None, Some(14), None, None)));
        assert_eq!(Turnout::parse("24 из 5"), Ok(t(Some(24), None, Some(5), None, None)));
        assert_eq!(Turnout::parse("12 человек; 25 подключений"), Ok(t(None, Some(12), None, Some(25), None)));
        assert_eq!(Turnout::parse("10 команд"), Ok(t(None, None, None, None, Some(10))));
        assert_eq!(Turnout::parse("5 ОО"), Ok(t(None, None, Some(5), None, None)));
        assert_eq!(
            Turnout::parse("24 teachers from 5 schools, 3 teams"),
            Ok(t(Some(24), None, Some(5), None, Some(3)))
        );
        assert_eq!(Turnout::parse("  "), Ok(Turnout::default()));
    }

    #[test]
    fn what_cannot_be_read_is_refused_and_nothing_is_guessed() {
        assert_eq!(Turnout::parse("24 гостя"), Err("tu_unknown"));
        assert_eq!(Turnout::parse("10 педагогов, 12 педагогов"), Err("tu_twice"));
        assert_eq!(Turnout::parse("много"), Err("tu_none"));
        assert_eq!(Turnout::parse("99999999999"), Err("tu_huge"));
        assert_eq!(Turnout::parse("2000000 педагогов"), Err("tu_huge"));
        for code in ["tu_unknown", "tu_twice", "tu_none", "tu_huge"] {
            assert!(!Turnout::error_text(code, &RU).is_empty());
        }
    }

    #[test]
    fn how_many_came_is_printed_with_each_noun_in_its_form_and_read_back_the_same() {
        let cases = [
            (t(Some(24), None, Some(5), None, None), "24 педагога из 5 ОО", "24 teachers from 5 schools"),
            (t(Some(1), None, None, None, None), "1 педагог", "1 teacher"),
            (t(Some(95), None, Some(14), None, None), "95 педагогов из 14 ОО", "95 teachers from 14 schools"),
            (t(None, Some(12), None, None, None), "12 человек", "12 people"),
            (t(None, Some(22), None, Some(25), None), "22 человека, 25 подключений", "22 people, 25 connections"),
            (t(None, None, Some(3), None, Some(10)), "3 ОО, 10 команд", "3 schools, 10 teams"),
            (t(None, None, None, Some(21), Some(2)), "21 подключение, 2 команды", "21 connections, 2 teams"),
        ];
        for (turnout, ru, en) in cases {
            assert_eq!(turnout.display(&RU), ru);
            assert_eq!(turnout.display(&EN), en);
            assert_eq!(Turnout::parse(ru), Ok(turnout), "{ru}");
            assert_eq!(Turnout::parse(en), Ok(turnout), "{en}");
        }
        assert_eq!(Turnout::default().display(&RU), "");
    }
}
