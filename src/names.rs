//! A signatory in the genitive, as an agreement's preamble writes it: «в лице директора
//! Иванова Николая Ивановича, действующего на основании Устава». Names are declined by
//! petrovich's rules; a name that is not a full «Фамилия Имя Отчество» (initials, one word, a
//! patronymic that says no gender) is not declined at all, and the preamble says it the other
//! way («от имени которой действует …»), so that nothing is declined wrong.

use petrovich::{Case, Gender};

/// «директора Иванова Николая Ивановича» and «действующего», or `None` when the name cannot be
/// declined safely.
pub fn in_person(position: &str, full_name: &str) -> Option<(String, &'static str)> {
    let words: Vec<&str> = full_name.split_whitespace().collect();
    let [last, first, middle] = words[..] else { return None };
    if words.iter().any(|w| w.contains('.') || !w.chars().all(|c| c.is_alphabetic() || c == '-')) {
        return None;
    }
    let female = match petrovich::detect_gender(None, None, Some(middle)) {
        Gender::Male => false,
        Gender::Female => true,
        _ => return None,
    };
    let g = || if female { Gender::Female } else { Gender::Male };
    let acting = if female { "действующей" } else { "действующего" };
    let name = format!(
        "{} {} {}",
        petrovich::lastname(g(), last, Case::Genitive),
        petrovich::firstname(g(), first, Case::Genitive),
        petrovich::middlename(g(), middle, Case::Genitive)
    );
    let position = position_genitive(position);
    Some((if position.is_empty() { name } else { format!("{position} {name}") }, acting))
}

/// «директор» → «директора», «заведующий» → «заведующего», «генеральный директор» →
/// «генерального директора», «исполняющий обязанности директора» → «исполняющего обязанности
/// директора»: the leading adjectives and the first noun declined, the rest (already in the
/// genitive) kept. An abbreviation («и.о.») is kept, and so is what follows it.
pub fn position_genitive(position: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut done = false;
    for w in position.split_whitespace() {
        if done || w.contains('.') || !w.chars().all(char::is_alphabetic) {
            done = true;
            out.push(w.to_string());
            continue;
        }
        let lower = w.to_lowercase();
        let ends = |s: &str| lower.ends_with(s);
        let cut = |n: usize| lower.chars().take(lower.chars().count() - n).collect::<String>();
        let (declined, adjective) = if ends("кий") || ends("гий") || ends("хий") {
            (format!("{}ого", cut(2)), true)
        } else if ends("ий") {
            (format!("{}его", cut(2)), true)
        } else if ends("ый") || ends("ой") {
            (format!("{}ого", cut(2)), true)
        } else if ends("щая") || ends("шая") || ends("жая") || ends("чая") {
            (format!("{}ей", cut(2)), true)
        } else if ends("ая") {
            (format!("{}ой", cut(2)), true)
        } else if ends("ь") || ends("й") {
            (format!("{}я", cut(1)), false)
        } else if ends("а") {
            (format!("{}ы", cut(1)), false)
        } else if lower.chars().last().is_some_and(|c| "бвгджзклмнпрстфхцчшщ".contains(c)) {
            (format!("{lower}а"), false)
        } else {
            (lower.clone(), false)
        };
        // The word's own capital stays («Директор» at a sentence's start).
        let declined = if w.chars().next().is_some_and(char::is_uppercase) {
            let mut c = declined.chars();
            c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
        } else {
            declined
        };
        out.push(declined);
        done = !adjective;
    }
    out.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signatory_is_named_in_the_genitive_as_the_preamble_says_it() {
        assert_eq!(
            in_person("директор", "Иванов Николай Иванович"),
            Some(("директора Иванова Николая Ивановича".to_string(), "действующего"))
        );
        assert_eq!(
            in_person("заведующая", "Гришкина Людмила Ивановна"),
            Some(("заведующей Гришкиной Людмилы Ивановны".to_string(), "действующей"))
        );
        assert_eq!(
            in_person("исполняющий обязанности директора", "Карганова Юлия Николаевна"),
            Some(("исполняющего обязанности директора Каргановой Юлии Николаевны".to_string(), "действующей"))
        );
        assert_eq!(position_genitive("генеральный директор"), "генерального директора");
        assert_eq!(position_genitive("руководитель"), "руководителя");
        assert_eq!(position_genitive("и.о. директора"), "и.о. директора");
    }

    #[test]
    fn a_name_that_cannot_be_declined_safely_is_not() {
        assert_eq!(in_person("директор", "Иванов Н.И."), None);
        assert_eq!(in_person("директор", "Н.И. Иванов"), None);
        assert_eq!(in_person("директор", "Иванов"), None);
        assert_eq!(in_person("директор", ""), None);
        assert_eq!(in_person("директор", "Smith John Paul"), None);
    }
}
