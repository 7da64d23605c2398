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
    let f = &m.facts;
    if !f.audience.is_empty() {
        facts.push((s.doc_audience, f.audience.clone()));
    }
    if !f.moderators.is_empty() {
        facts.push((s.doc_moderators, f.moderators.clone()));
    }
    if let Some(n) = f.connections {
        facts.push((s.doc_connections, n.to_string()));
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
    out = out.trim_end().to_string() + "\n";
    if !f.appendices.is_empty() {
        out.push_str(&format!("\n**{}:** {}\n", s.doc_appendices, f.appendices.replace('\n', " ")));
    }
    if !f.signed.is_empty() {
        out.push_str(&format!("\n{}\n", f.signed));
    }
    if !f.note.is_empty() {
        out.push_str(&format!("\n{}: {}\n", s.col_note, f.note.replace('\n', " ")));
    }
    out.trim_end().to_string() + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{DecisionRow, EventStatus, When};

    fn smolensk() -> Minutes {
        Minutes {
            number: "2".into(),
            title: "Совещание заместителей директоров".into(),
            date: chrono::NaiveDate::from_ymd_opt(2022, 4, 20),
            time: "15.00".into(),
            format: "ВКС".into(),
            link: "https://telemost.yandex.ru/j/1".into(),
            place: "МБУ ДО «ЦДО»".into(),
            facts: crate::domain::ProtocolFacts {
                audience: "заместители директоров ОУ".into(),
                moderators: "Васинова Н.Д., Левина О.А.".into(),
                connections: Some(25),
                appendices: "презентации по темам «…»".into(),
                signed: "Методист МО Васинова Н.Д.".into(),
                note: "в заголовке 20.04.2022, в тексте 20.04.2023".into(),
            },
            participants: vec!["МБОУ «СШ № 11»".into(), "МБОУ «СШ № 14»".into()],
            agenda: vec![("Факторы риска".into(), "Васинова Н.Д.".into(), "Обозначена проблема".into())],
            decisions: vec![DecisionRow {
                id: 1,
                of_report: false,
                meeting: String::new(),
                number: 1,
                text: "Принять к сведению".into(),
                deadline: When::default(),
                responsible: String::new(),
                status: EventStatus::Planned,
                stamp: Default::default(),
            }],
            ..Default::default()
        }
    }

    #[test]
    fn a_protocol_prints_its_heading_its_agenda_and_its_signature_in_the_documents_order() {
        let s = crate::i18n::Lang::Ru.strings();
        let md = markdown(&smolensk(), s);
        let at = |needle: &str| md.find(needle).unwrap_or_else(|| panic!("no «{needle}» in:\n{md}"));
        assert!(md.starts_with("# Протокол №2\n\n## Совещание заместителей директоров\n"));
        assert!(md.contains("**Дата:** 20.04.2022  \n**Время:** 15.00  \n**Место проведения:** МБУ ДО «ЦДО»"));
        assert!(md.contains("**Формат проведения:** ВКС https://telemost.yandex.ru/j/1"));
        assert!(md.contains("**Целевая аудитория:** заместители директоров ОУ"));
        assert!(md.contains("**Модераторы:** Васинова Н.Д., Левина О.А."));
        assert!(md.contains("**Количество подключений:** 25"));
        assert!(md.contains("**Участники:** МБОУ «СШ № 11»; МБОУ «СШ № 14»"));
        // heading, agenda, heard, decided, appendix, signature, note — in that order.
        let order = [
            "**Модераторы:**",
            "### Повестка",
            "### Слушали",
            "### Решили",
            "**Приложение:**",
            "Методист МО",
            "Примечание:",
        ];
        let places: Vec<usize> = order.iter().map(|n| at(n)).collect();
        assert!(places.windows(2).all(|w| w[0] < w[1]), "{md}");
        assert!(!md.contains("\n\n\n"), "no doubled blank line: {md}");
        // A decision with no deadline and no one named prints neither.
        assert!(md.contains("1. Принять к сведению\n"));
        assert!(!md.contains("Срок"));
        assert!(!md.contains("Ответственный"));
    }

    #[test]
    fn a_protocol_without_the_new_facts_prints_no_empty_lines_for_them() {
        let s = crate::i18n::Lang::Ru.strings();
        let m = Minutes { title: "Круглый стол".into(), ..Default::default() };
        let md = markdown(&m, s);
        assert_eq!(md, "# Протокол\n\n## Круглый стол\n");
    }
}
