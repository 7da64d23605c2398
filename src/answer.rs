//! "Who mentors whom": for one school or person, the chain of mentors above it (up to the
//! coordinator) and the chain of mentees below it, each link with its subject, form, period and
//! the order it rests on. Used by the lookup overlay, `y` (copy) and `nastavnik who`.

use crate::domain::LinkRow;
use crate::i18n::Strings;
use crate::lookup::{Entity, Entry};
use crate::store::{Result, Store};
use serde::Serialize;
use std::collections::HashSet;

const MAX_DEPTH: usize = 6;

#[derive(Clone, Debug, Serialize)]
pub struct ChainLine {
    pub depth: usize,
    /// The other side of the link: the mentor in the upward chain, the mentee downward.
    pub other: Entity,
    pub other_name: String,
    /// Set when the link reaches the subject through its school ("через СОШ №1").
    pub via: Option<String>,
    /// The link reaches the subject through a person, a mentor of its school: «через
    /// наставника: Н.О. Ерошенкова» (a name after «через» alone would have to be declined).
    pub via_person: bool,
    pub link: LinkRow,
}

#[derive(Clone, Debug, Serialize)]
pub struct Answer {
    pub subject: Entry,
    pub mentors: Vec<ChainLine>,
    pub mentees: Vec<ChainLine>,
    /// A school's people (those who left marked), reached from its answer in the TUI.
    #[serde(skip)]
    pub staff: Vec<crate::store::StaffMember>,
}

pub fn answer(store: &Store, e: Entity) -> Result<Answer> {
    let subject = store.entry(e)?;
    let mut mentors = Vec::new();
    let mut seen = HashSet::from([e]);
    up(store, e, 0, None, &mut seen, &mut mentors)?;
    if let Entity::Person(p) = e {
        if let Some(org) = store.org_of(p)? {
            if seen.insert(Entity::Org(org)) {
                let via = store.entry(Entity::Org(org))?.name;
                up(store, Entity::Org(org), 0, Some(via), &mut seen, &mut mentors)?;
            }
        }
    }
    let mut mentees = Vec::new();
    let mut seen = HashSet::from([e]);
    down(store, e, 0, &mut seen, &mut mentees)?;
    // A teacher of a mentor school takes part in what her school mentors: its own links,
    // "через СОШ №3".
    if let Entity::Person(p) = e {
        if let Some(org) = store.org_of(p)? {
            let via = store.entry(Entity::Org(org))?.name;
            for link in store.links_of(Entity::Org(org), false)? {
                if link.mentor_ref == Entity::Org(org) && seen.insert(link.mentee_ref) {
                    let (other, other_name) = (link.mentee_ref, link.mentee.clone());
                    mentees.push(ChainLine {
                        depth: 0,
                        other,
                        other_name,
                        via: Some(via.clone()),
                        via_person: false,
                        link,
                    });
                }
            }
        }
    }
    let staff = match e {
        Entity::Org(org) => store.staff_of(org)?,
        Entity::Person(_) => Vec::new(),
    };
    Ok(Answer { subject, mentors, mentees, staff })
}

fn up(
    store: &Store,
    e: Entity,
    depth: usize,
    via: Option<String>,
    seen: &mut HashSet<Entity>,
    out: &mut Vec<ChainLine>,
) -> Result<()> {
    for link in store.links_of(e, true)? {
        let other = link.mentor_ref;
        out.push(ChainLine {
            depth,
            other,
            other_name: link.mentor.clone(),
            via: via.clone(),
            via_person: false,
            link,
        });
        if depth + 1 < MAX_DEPTH && seen.insert(other) {
            up(store, other, depth + 1, None, seen, out)?;
        }
    }
    Ok(())
}

fn down(store: &Store, e: Entity, depth: usize, seen: &mut HashSet<Entity>, out: &mut Vec<ChainLine>) -> Result<()> {
    for link in store.links_of(e, false)? {
        let other = link.mentee_ref;
        let via = (link.mentor_ref != e).then(|| link.mentor.clone());
        let via_person = matches!(link.mentor_ref, Entity::Person(_));
        out.push(ChainLine { depth, other, other_name: link.mentee.clone(), via, via_person, link });
        if depth + 1 < MAX_DEPTH && seen.insert(other) {
            down(store, other, depth + 1, seen, out)?;
        }
    }
    Ok(())
}

/// One line of the answer as shown and copied; `target` is what Enter jumps to.
#[derive(Clone, Debug, PartialEq)]
pub struct AnswerLine {
    pub text: String,
    pub target: Option<Entity>,
    pub heading: bool,
    /// One of the school's own people: `e`, `R` and `M` act on them, not on the school.
    pub staff: bool,
}

fn describe(l: &ChainLine, s: &Strings) -> String {
    let mut parts = vec![l.link.level_label(s).to_string()];
    for p in [&l.link.subject, &l.link.form] {
        if !p.is_empty() {
            parts.push(p.clone());
        }
    }
    let when = l.link.when.display_running(s);
    if !when.is_empty() {
        parts.push(when);
    }
    let basis = l.link.basis_text();
    if !basis.is_empty() {
        parts.push(basis);
    }
    if l.link.basis_doubtful() {
        parts.push(s.basis_doubt_short.to_string());
    }
    if !l.link.active {
        parts.push(s.inactive.to_string());
    }
    parts.join("; ")
}

fn push_chain<'a>(out: &mut Vec<AnswerLine>, lines: impl Iterator<Item = &'a ChainLine>, arrow: &str, s: &Strings) {
    for l in lines {
        let indent = "    ".repeat(l.depth);
        let via = match &l.via {
            Some(v) if l.via_person => format!(" [{} {v}]", s.via_mentor),
            Some(v) => format!(" [{} {v}]", s.via),
            None => String::new(),
        };
        out.push(AnswerLine {
            text: format!("{indent}  {arrow} {}{via} — {}", l.other_name, describe(l, s)),
            target: Some(l.other),
            heading: false,
            staff: false,
        });
    }
}

pub fn lines(a: &Answer, s: &Strings) -> Vec<AnswerLine> {
    let mut out = vec![AnswerLine {
        text: if a.subject.context.is_empty() {
            a.subject.name.clone()
        } else {
            format!("{} ({})", a.subject.name, a.subject.context)
        },
        target: None,
        heading: true,
        staff: false,
    }];
    // Mentoring and support apart: a coordinator, a curator or a body supporting a school is
    // not its mentor. Each direction is split into the two, a line beneath another (a
    // mentor's own mentor) staying with the one it continues; a direction with neither says
    // «—» under its mentoring heading.
    let sections =
        [(s.sec_mentors, s.sec_supporters, &a.mentors, "←"), (s.sec_mentees, s.sec_supported, &a.mentees, "→")];
    for (mentoring, support, chain, arrow) in sections {
        let mut kinds: Vec<bool> = Vec::with_capacity(chain.len());
        for l in chain.iter() {
            let supports = if l.depth == 0 { l.link.is_support() } else { kinds.last().copied().unwrap_or(false) };
            kinds.push(supports);
        }
        let groups = [(mentoring, false), (support, true)];
        let shown: Vec<(&str, bool)> = groups.into_iter().filter(|(_, k)| kinds.contains(k)).collect();
        let shown = if shown.is_empty() { vec![(mentoring, false)] } else { shown };
        for (title, kind) in shown {
            out.push(AnswerLine { text: String::new(), target: None, heading: false, staff: false });
            out.push(AnswerLine { text: format!("{title}:"), target: None, heading: true, staff: false });
            if chain.is_empty() {
                out.push(AnswerLine { text: format!("  {}", s.none), target: None, heading: false, staff: false });
            }
            let lines = chain.iter().zip(&kinds).filter(|(_, k)| **k == kind).map(|(l, _)| l);
            push_chain(&mut out, lines, arrow, s);
        }
    }
    if !a.staff.is_empty() {
        out.push(AnswerLine { text: String::new(), target: None, heading: false, staff: true });
        out.push(AnswerLine { text: format!("{}:", s.sec_staff), target: None, heading: true, staff: true });
        for p in &a.staff {
            let mut text = format!("  {}", p.name);
            if !p.role.is_empty() {
                text.push_str(&format!(" — {}", p.role));
            }
            if p.retired {
                text.push_str(&format!(" ({})", s.retired_person));
            }
            out.push(AnswerLine { text, target: Some(Entity::Person(p.id)), heading: false, staff: true });
        }
    }
    out
}

pub fn plain_text(a: &Answer, s: &Strings) -> String {
    let mut t: String = lines(a, s).into_iter().filter(|l| !l.staff).map(|l| l.text + "\n").collect();
    while t.ends_with("\n\n") {
        t.pop();
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{LinkLevel, When};

    fn link(mentor: &str, mentee: &str, role: &str) -> LinkRow {
        LinkRow {
            id: 1,
            basis_date: None,
            stamp: Default::default(),
            level: if role.is_empty() { LinkLevel::SchoolSchool } else { LinkLevel::PersonSchool },
            mentor_ref: Entity::Org(1),
            mentee_ref: Entity::Org(2),
            mentor: mentor.into(),
            mentee: mentee.into(),
            subject: "математика".into(),
            form: "взаимопосещение уроков".into(),
            when: When::default(),
            basis: String::new(),
            active: true,
            mentor_body: false,
            mentor_role: role.into(),
        }
    }

    fn line(depth: usize, other: &str, via: Option<&str>, via_person: bool, link: LinkRow) -> ChainLine {
        ChainLine {
            depth,
            other: Entity::Org(9),
            other_name: other.into(),
            via: via.map(str::to_string),
            via_person,
            link,
        }
    }

    fn school() -> Entry {
        Entry {
            entity: Entity::Org(2),
            name: "МБОУ «СОШ №1» г. Пикалево".into(),
            context: "Пикалево".into(),
            folded: String::new(),
        }
    }

    #[test]
    fn mentors_and_supporters_are_told_apart_and_a_chain_keeps_its_indent() {
        let s = crate::i18n::Lang::Ru.strings();
        let a = Answer {
            subject: school(),
            mentors: vec![
                line(0, "МБОУ «СОШ №3» г. Пикалево", None, false, link("СОШ №3", "СОШ №1", "")),
                line(1, "Комитет образования", None, false, link("Комитет", "СОШ №3", "")),
                line(0, "И.Ю. Крумина", None, false, link("И.Ю. Крумина", "СОШ №1", "coordinator")),
            ],
            mentees: Vec::new(),
            staff: vec![crate::store::StaffMember {
                id: 5,
                name: "Ю.Н. Карганова".into(),
                role: "директор".into(),
                retired: true,
            }],
        };
        let text = plain_text(&a, s);
        assert!(text.starts_with("МБОУ «СОШ №1» г. Пикалево (Пикалево)\n\nКто наставляет:\n"), "{text}");
        assert!(
            text.contains("\n  ← МБОУ «СОШ №3» г. Пикалево — школа → школа; математика; взаимопосещение уроков\n"),
            "{text}"
        );
        // The mentor's own mentor stays under it, one step in.
        assert!(text.contains("\n      ← Комитет образования — "), "{text}");
        assert!(
            text.contains(
                "\n\nКто сопровождает (координатор, куратор, организация):\n  ← И.Ю. Крумина — координатор → школа"
            ),
            "{text}"
        );
        // No mentee: «—» under the heading. The staff are not in the text copied (`y`).
        assert!(text.contains("Кого наставляет:\n  —"), "{text}");
        assert!(!text.contains("Карганова"), "{text}");
        let all = lines(&a, s);
        let staff = all.iter().find(|l| l.staff && l.target.is_some()).expect("the school's people");
        assert_eq!(staff.text, "  Ю.Н. Карганова — директор (выбыл(а))");
    }

    #[test]
    fn a_link_through_a_mentor_names_the_mentor_without_declining_the_name() {
        let s = crate::i18n::Lang::Ru.strings();
        let a = Answer {
            subject: school(),
            mentors: Vec::new(),
            mentees: vec![line(0, "Е.С. Кузикова", Some("Н.О. Ерошенкова"), true, link("СОШ №3", "СОШ №1", ""))],
            staff: Vec::new(),
        };
        let text = plain_text(&a, s);
        assert!(text.contains("→ Е.С. Кузикова [через наставника: Н.О. Ерошенкова] — "), "{text}");
    }
}
