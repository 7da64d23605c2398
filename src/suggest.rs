//! Mentors' load for a year, and mentors suggested for a school whose risk has nobody on it:
//! ranked by subject, same town or district, and how much the candidate already carries, with
//! the reason spelled out. Pure rules over rows the store gives.

use crate::i18n::Strings;
use crate::lookup::Entity;
use crate::text::fold;
use serde::{Deserialize, Serialize};

/// The thresholds above which a mentor is marked as overloaded (config `[load]`).
#[derive(Clone, Copy, Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct LoadLimits {
    pub max_mentees: usize,
    pub max_events: usize,
}

impl Default for LoadLimits {
    fn default() -> Self {
        LoadLimits { max_mentees: 4, max_events: 12 }
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct Load {
    pub mentor: Entity,
    pub name: String,
    pub mentees: usize,
    pub events: usize,
}

impl Load {
    pub fn over(&self, l: LoadLimits) -> bool {
        self.mentees > l.max_mentees || self.events > l.max_events
    }
}

/// A school in a low-result cluster or with a verified risk, and no active mentor this year.
#[derive(Clone, Debug, Serialize)]
pub struct Uncovered {
    pub org: i64,
    pub name: String,
    pub district: Option<i64>,
    pub town: String,
    /// Why it needs a mentor: its cluster status and risk directions.
    pub needs: Vec<String>,
    /// Subjects named in its deficits, when known.
    pub subjects: Vec<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Candidate {
    pub entity: Entity,
    pub name: String,
    pub district: Option<i64>,
    pub town: String,
    pub subjects: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct Suggestion {
    pub mentor: Entity,
    pub name: String,
    pub score: i32,
    pub reason: String,
}

/// The best `limit` candidates for one school, each with its reason.
pub fn suggest(
    school: &Uncovered,
    candidates: &[Candidate],
    loads: &[Load],
    limits: LoadLimits,
    s: &Strings,
    limit: usize,
) -> Vec<Suggestion> {
    let mut out: Vec<Suggestion> = candidates
        .iter()
        .filter(|c| c.entity != Entity::Org(school.org))
        .filter_map(|c| {
            let mut score = 0;
            let mut why = Vec::new();
            let theirs = fold(&c.subjects);
            let shared: Vec<&String> =
                school.subjects.iter().filter(|sub| !sub.is_empty() && theirs.contains(&fold(sub))).collect();
            if !shared.is_empty() {
                score += 40;
                why.push(format!(
                    "{}: {}",
                    s.why_subject,
                    shared.iter().map(|x| x.as_str()).collect::<Vec<_>>().join(", ")
                ));
            }
            if !c.town.is_empty() && fold(&c.town) == fold(&school.town) {
                score += 25;
                why.push(format!("{} ({})", s.why_town, c.town));
            } else if c.district.is_some() && c.district == school.district {
                score += 15;
                why.push(s.why_district.to_string());
            } else {
                return None;
            }
            let load = loads.iter().find(|l| l.mentor == c.entity);
            let (mentees, events) = load.map_or((0, 0), |l| (l.mentees, l.events));
            score -= 6 * mentees as i32 + events as i32;
            let over = load.is_some_and(|l| l.over(limits));
            if over {
                score -= 30;
            }
            why.push(format!(
                "{}: {}, {}{}",
                s.why_load,
                crate::i18n::plural(mentees, s.load_mentees, s),
                crate::i18n::plural(events, s.load_events, s),
                if over { format!(" — {}", s.load_over) } else { String::new() }
            ));
            Some(Suggestion { mentor: c.entity, name: c.name.clone(), score, reason: why.join("; ") })
        })
        .collect();
    out.sort_by_cached_key(|c| (std::cmp::Reverse(c.score), crate::text::natural_key(&c.name)));
    out.truncate(limit);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::RU;

    fn cand(id: i64, town: &str, district: i64, subjects: &str) -> Candidate {
        Candidate {
            entity: Entity::Person(id),
            name: format!("П{id}"),
            district: Some(district),
            town: town.into(),
            subjects: subjects.into(),
        }
    }

    #[test]
    fn subject_then_place_then_load() {
        let school = Uncovered {
            org: 1,
            name: "Школа".into(),
            district: Some(1),
            town: "Луга".into(),
            needs: vec![],
            subjects: vec!["математика".into()],
        };
        let candidates = vec![
            cand(10, "Луга", 1, "русский язык"),
            cand(11, "Луга", 1, "математика"),
            cand(12, "Толмачёво", 1, "математика"),
            cand(13, "Кириши", 2, "математика"),
            cand(14, "Луга", 1, "математика, физика"),
        ];
        let loads = vec![Load { mentor: Entity::Person(14), name: "П14".into(), mentees: 5, events: 0 }];
        let got = suggest(&school, &candidates, &loads, LoadLimits::default(), &RU, 10);
        let order: Vec<&str> = got.iter().map(|g| g.name.as_str()).collect();
        assert_eq!(order, ["П11", "П12", "П10", "П14"], "another district is never suggested");
        assert!(got[0].reason.contains("математика") && got[0].reason.contains("Луга"), "{}", got[0].reason);
        assert!(got[3].reason.contains(RU.load_over), "{}", got[3].reason);
    }
}
