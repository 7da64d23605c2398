//! Matching names as a coordinator types them: case-insensitive for Cyrillic and Latin, ё = е,
//! quotes, № and punctuation ignored, words in any order, a missing, extra, wrong or swapped
//! letter forgiven, best match first. Pure logic over an in-memory index; the store fills it.

use crate::text::fold;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum Entity {
    Org(i64),
    Person(i64),
}

#[derive(Clone, Debug, Serialize)]
pub struct Entry {
    pub entity: Entity,
    /// The name as written: «МБОУ «СОШ №3» г. Пикалево», «Н.О. Ерошенкова».
    pub name: String,
    /// What tells two equal names apart: the town and district, or the role and school.
    pub context: String,
    /// `fold(name + short name + town + subjects)`, kept by the store on every write; the
    /// index keeps it as its letters, not as this string (`Index::new`).
    pub folded: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Hit {
    pub index: usize,
    pub score: u32,
}

pub struct Index {
    /// Each entry's school or person.
    entities: Vec<Entity>,
    /// Every entry's name and context, one after another in one string, and where each
    /// entry's are (name from, context from, context to): two strings an entry cost 48 bytes
    /// of headers and two allocations, at a region's 65,000 names several megabytes.
    texts: String,
    spans: Vec<(u32, u32, u32)>,
    /// Every entry's folded text as characters, one after another, and every word as a range
    /// into it; `word_ranges[i]` says which words are entry `i`'s. Made once, so that a key press
    /// allocates nothing per entry and walks memory in order. A character is 16 bits (every
    /// Cyrillic and Latin letter; anything beyond is one mark that matches itself), half of
    /// what `char` takes at a region's 65,000 names.
    chars: Vec<Ch>,
    words: Vec<(u32, u32)>,
    word_ranges: Vec<(u32, u32)>,
    /// Which letters each entry has, one bit a letter: a query word with two letters the
    /// entry lacks cannot match it even with a typo, and is rejected without reading the text.
    masks: Vec<u64>,
}

/// A folded character as the index keeps it.
type Ch = u16;

fn ch(c: char) -> Ch {
    u16::try_from(c as u32).unwrap_or(0xFFFD)
}

fn letter_bit(c: Ch) -> u64 {
    let n = c as u32;
    let c = char::from_u32(n).unwrap_or('\u{FFFD}');
    let bit = match c {
        'а'..='я' => n - 'а' as u32,
        '0'..='9' => 32 + n - '0' as u32,
        'a'..='z' => 42 + (n - 'a' as u32) % 22,
        ' ' => return 0,
        _ => 42 + n % 22,
    };
    1 << bit
}

fn mask(cs: &[Ch]) -> u64 {
    cs.iter().fold(0, |m, c| m | letter_bit(*c))
}

/// The folded words of a query, each with its letter mask.
fn query_words(query: &str) -> Vec<(Vec<Ch>, u64)> {
    fold(query)
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(|w| {
            let cs: Vec<Ch> = w.chars().map(ch).collect();
            let m = mask(&cs);
            (cs, m)
        })
        .collect()
}

/// Whether `a` and `b` differ by at most one edit: a letter missing, added, replaced, or two
/// neighbours swapped.
fn within_one_edit(a: &[Ch], b: &[Ch]) -> bool {
    let (la, lb) = (a.len(), b.len());
    if la.abs_diff(lb) > 1 {
        return false;
    }
    let mut i = 0;
    while i < la && i < lb && a[i] == b[i] {
        i += 1;
    }
    if i == la && i == lb {
        return true;
    }
    if la == lb {
        // One replacement, or one swap of neighbours.
        if a[i + 1..] == b[i + 1..] {
            return true;
        }
        return i + 1 < la && a[i] == b[i + 1] && a[i + 1] == b[i] && a[i + 2..] == b[i + 2..];
    }
    if la > lb {
        a[i + 1..] == b[i..]
    } else {
        a[i..] == b[i + 1..]
    }
}

fn contains(hay: &[Ch], needle: &[Ch]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

impl Index {
    pub fn new(entries: Vec<Entry>) -> Index {
        let mut chars = Vec::new();
        let mut words = Vec::new();
        let mut word_ranges = Vec::with_capacity(entries.len());
        let mut entities = Vec::with_capacity(entries.len());
        let mut texts = String::new();
        let mut spans = Vec::with_capacity(entries.len());
        for e in &entries {
            entities.push(e.entity);
            let name = texts.len() as u32;
            texts.push_str(&e.name);
            let context = texts.len() as u32;
            texts.push_str(&e.context);
            spans.push((name, context, texts.len() as u32));
            let first_word = words.len() as u32;
            let mut start: Option<usize> = None;
            for c in e.folded.chars() {
                let i = chars.len();
                match (c == ' ', start) {
                    (true, Some(s)) => {
                        words.push((s as u32, i as u32));
                        start = None;
                    }
                    (false, None) => start = Some(i),
                    _ => {}
                }
                chars.push(ch(c));
            }
            if let Some(s) = start {
                words.push((s as u32, chars.len() as u32));
            }
            chars.push(ch(' '));
            word_ranges.push((first_word, words.len() as u32));
        }
        drop(entries);
        chars.shrink_to_fit();
        words.shrink_to_fit();
        texts.shrink_to_fit();
        let masks = word_ranges
            .iter()
            .map(|&(a, b)| {
                words[a as usize..b as usize].iter().fold(0, |m, &(s, e)| m | mask(&chars[s as usize..e as usize]))
            })
            .collect();
        Index { entities, texts, spans, chars, words, word_ranges, masks }
    }

    pub fn len(&self) -> usize {
        self.entities.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entities.is_empty()
    }

    /// Entry `i`'s school or person.
    pub fn entity(&self, i: usize) -> Entity {
        self.entities[i]
    }

    /// Entry `i`'s name as written.
    pub fn name(&self, i: usize) -> &str {
        let (a, b, _) = self.spans[i];
        &self.texts[a as usize..b as usize]
    }

    /// What tells entry `i` apart from another of its name (the town, the role and school).
    pub fn context(&self, i: usize) -> &str {
        let (_, b, c) = self.spans[i];
        &self.texts[b as usize..c as usize]
    }

    fn entry_words(&self, i: usize) -> &[(u32, u32)] {
        let (a, b) = self.word_ranges[i];
        &self.words[a as usize..b as usize]
    }

    /// How well one query word matches entry `i`: a whole word, a word's beginning, inside a
    /// word, or within one edit of a word or of its beginning; `None` when it does not match.
    fn word_score(&self, i: usize, q: &[Ch], qmask: u64) -> Option<u32> {
        let missing = (qmask & !self.masks[i]).count_ones();
        if missing > 1 || (missing == 1 && q.len() < 4) {
            return None;
        }
        // A number is a school's or a class's own: it matches only as itself.
        if q.iter().all(|c| (b'0' as Ch..=b'9' as Ch).contains(c)) {
            let exact = self.entry_words(i).iter().any(|&(s, e)| &self.chars[s as usize..e as usize] == q);
            return exact.then_some(100);
        }
        let mut best: Option<u32> = None;
        let mut fuzzy = false;
        for &(s, e) in self.entry_words(i) {
            let w = &self.chars[s as usize..e as usize];
            let score = if w == q {
                100
            } else if w.starts_with(q) {
                70
            } else if q.len() >= 3 && contains(w, q) {
                40
            } else {
                // A typo is rarely in both of the first two letters: checking that first keeps
                // the edit-distance work for the few words where it can succeed.
                if !fuzzy && q.len() >= 4 && w.len() >= 2 && (w[0] == q[0] || w[1] == q[1]) {
                    fuzzy = within_one_edit(q, w)
                        || within_one_edit(q, &w[..w.len().min(q.len())])
                        || (w.len() > q.len() && within_one_edit(q, &w[..q.len() - 1]))
                        || (w.len() > q.len() && within_one_edit(q, &w[..q.len() + 1]));
                }
                continue;
            };
            best = Some(best.map_or(score, |b| b.max(score)));
        }
        best.or(if fuzzy { Some(20) } else { None })
    }

    /// The best `limit` hits: found by score, then ordered by score and name.
    fn best(&self, mut hits: Vec<Hit>, limit: usize) -> Vec<Hit> {
        if hits.len() > limit {
            hits.select_nth_unstable_by(limit, |a, b| b.score.cmp(&a.score).then(a.index.cmp(&b.index)));
            hits.truncate(limit);
        }
        hits.sort_by(|a, b| {
            b.score.cmp(&a.score).then_with(|| crate::text::natural_cmp(self.name(a.index), self.name(b.index)))
        });
        hits
    }

    /// The entries matching every word of `query`, best first, at most `limit`.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit> {
        let words = query_words(query);
        if words.is_empty() {
            return Vec::new();
        }
        let mut hits: Vec<Hit> = Vec::new();
        'entries: for i in 0..self.len() {
            let mut total = 0;
            for (w, m) in &words {
                match self.word_score(i, w, *m) {
                    Some(s) => total += s,
                    None => continue 'entries,
                }
            }
            // Shorter names are the more specific answer when scores tie.
            let brevity = 50u32.saturating_sub(self.entry_words(i).len() as u32);
            hits.push(Hit { index: i, score: total * 100 + brevity });
        }
        self.best(hits, limit)
    }

    /// The entries that match most of the query's words, for "did you mean" when nothing
    /// matches them all.
    pub fn near_misses(&self, query: &str, limit: usize) -> Vec<Hit> {
        let words = query_words(query);
        let hits: Vec<Hit> = (0..self.len())
            .filter_map(|i| {
                let (n, sum) = words
                    .iter()
                    .filter_map(|(w, m)| self.word_score(i, w, *m))
                    .fold((0u32, 0u32), |(n, s), x| (n + 1, s + x));
                (n > 0).then_some(Hit { index: i, score: n * 1000 + sum })
            })
            .collect();
        self.best(hits, limit)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index(names: &[&str]) -> Index {
        Index::new(
            names
                .iter()
                .enumerate()
                .map(|(i, n)| Entry {
                    entity: Entity::Org(i as i64),
                    name: n.to_string(),
                    context: String::new(),
                    folded: fold(n),
                })
                .collect(),
        )
    }

    fn first(ix: &Index, q: &str) -> Option<String> {
        ix.search(q, 5).first().map(|h| ix.name(h.index).to_string())
    }

    #[test]
    fn word_order_case_yo_and_punctuation_do_not_matter() {
        let ix = index(&["МБОУ «СОШ №1» г. Пикалево", "МБОУ «СОШ №3» г. Пикалево", "МАОУ «СОШ № 3» Усть-Илимск"]);
        assert_eq!(first(&ix, "сош 3 пикалево").as_deref(), Some("МБОУ «СОШ №3» г. Пикалево"));
        assert_eq!(first(&ix, "ПИКАЛЁВО №3").as_deref(), Some("МБОУ «СОШ №3» г. Пикалево"));
        assert_eq!(ix.search("сош 3", 5).len(), 2);
    }

    #[test]
    fn a_missing_or_swapped_letter_is_forgiven() {
        let ix = index(&["Н.О. Ерошенкова", "Т.П. Маслова", "Е.С. Кузикова"]);
        assert_eq!(first(&ix, "ершенкова").as_deref(), Some("Н.О. Ерошенкова"));
        assert_eq!(first(&ix, "масолва").as_deref(), Some("Т.П. Маслова"));
        assert_eq!(first(&ix, "кузикво").as_deref(), Some("Е.С. Кузикова"));
        assert_eq!(first(&ix, "масл").as_deref(), Some("Т.П. Маслова"));
        assert!(ix.search("петров", 5).is_empty());
        assert!(!ix.near_misses("маслова петров", 5).is_empty());
    }

    #[test]
    fn whole_words_rank_above_parts() {
        let ix = index(&["СОШ № 13", "СОШ № 1"]);
        assert_eq!(first(&ix, "сош 1").as_deref(), Some("СОШ № 1"));
    }

    #[test]
    fn one_edit() {
        let c = |s: &str| s.chars().map(ch).collect::<Vec<_>>();
        assert!(within_one_edit(&c("маслова"), &c("масолва")));
        assert!(within_one_edit(&c("маслва"), &c("маслова")));
        assert!(within_one_edit(&c("маслова"), &c("маслова")));
        assert!(!within_one_edit(&c("маслова"), &c("мслва")));
    }
}
