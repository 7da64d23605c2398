//! Minutes printed in the usual shape of such a protocol: heading, date, time, format,
//! participants, agenda, who was heard, and what was decided with deadline and responsible.

use crate::domain::Minutes;
use crate::i18n::Strings;
use crate::text::format_date;

pub fn markdown(m: &Minutes, s: &Strings) -> String {
    let mut out = String::new();
    let number = if m.number.is_empty() { String::new() } else { format!(" №{}", m.number) };
    out.push_str(&format!("# {}{number}\n\n", s.doc_protocol));
    out.push_str(&format!("## {}\n\n", m.title));
    let mut facts = Vec::new();
    if let Some(d) = m.date {
        facts.push((s.doc_date, format_date(d)));
    }
    for (label, value) in [(s.doc_time, &m.time), (s.doc_place, &m.place), (s.col_district, &m.district)] {
        if !value.is_empty() {
            facts.push((label, value.clone()));
        }
    }
    if !m.format.is_empty() || !m.link.is_empty() {
        let f = [m.format.as_str(), m.link.as_str()].iter().filter(|x| !x.is_empty()).copied().collect::<Vec<_>>();
        facts.push((s.doc_format, f.join(" ")));
    }
    if !m.participants.is_empty() {
        facts.push((s.col_participants, m.participants.join("; ")));
    }
    for (label, value) in facts {
        out.push_str(&format!("**{label}:** {value}  \n"));
    }
    if !m.agenda.is_empty() {
        out.push_str(&format!("\n### {}\n\n", s.doc_agenda));
        for (i, (item, _, _)) in m.agenda.iter().enumerate() {
            out.push_str(&format!("{}. {}\n", i + 1, item.replace('\n', " ")));
        }
        let heard: Vec<_> = m.agenda.iter().filter(|(_, who, what)| !who.is_empty() || !what.is_empty()).collect();
        if !heard.is_empty() {
            out.push_str(&format!("\n### {}\n\n", s.doc_heard));
            for (i, (_, who, what)) in heard.into_iter().enumerate() {
                let who = if who.is_empty() { String::new() } else { format!("**{}** ", crate::text::sentence(who)) };
                out.push_str(&format!("{}. {who}{}\n", i + 1, what.replace('\n', " ")));
            }
        }
    }
    if !m.decisions.is_empty() {
        out.push_str(&format!("\n### {}\n\n", s.doc_decided));
        for x in &m.decisions {
            out.push_str(&format!("{}. {}\n", x.number, x.text.replace('\n', " ")));
            let deadline = x.deadline.display();
            if !deadline.is_empty() {
                out.push_str(&format!("   {}: {}\n", s.col_deadline, crate::text::sentence(&deadline)));
            }
            if !x.responsible.is_empty() {
                out.push_str(&format!("   {}: {}\n", s.col_responsible, crate::text::sentence(&x.responsible)));
            }
            out.push('\n');
        }
    }
    out.trim_end().to_string() + "\n"
}
