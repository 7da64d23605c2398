//! A synthetic region for measuring: `n` districts shaped like the demo's (a committee, a
//! methodological centre, 50 schools, 600 people, mentoring at all three levels, a year's
//! roadmap), with Russian names. Deterministic: the same `n` gives the same store.

use crate::domain::{EventStatus, LinkLevel, NetworkModel, OrgKind, When};
use crate::store::{NewEvent, NewLink, Party, Result, Store};
use crate::text::AcademicYear;
use chrono::{Days, NaiveDate};

pub const SCHOOLS_PER_DISTRICT: usize = 50;
pub const PEOPLE_PER_SCHOOL: usize = 12;
pub const EVENTS_PER_DISTRICT: usize = 200;

const TOWNS: &[&str] = &[
    "Вологда",
    "Череповец",
    "Тихвин",
    "Луга",
    "Кириши",
    "Волхов",
    "Сланцы",
    "Кингисепп",
    "Гатчина",
    "Выборг",
    "Приозерск",
    "Подпорожье",
    "Лодейное Поле",
    "Сясьстрой",
    "Отрадное",
    "Никольское",
    "Сертолово",
    "Всеволожск",
    "Бокситогорск",
    "Ефимовский",
    "Шлиссельбург",
    "Кировск",
    "Мга",
    "Назия",
    "Старая Русса",
    "Боровичи",
    "Валдай",
    "Окуловка",
    "Пестово",
    "Сольцы",
];
const SURNAMES: &[&str] = &[
    "Иванов",
    "Смирнов",
    "Кузнецов",
    "Попов",
    "Васильев",
    "Петров",
    "Соколов",
    "Михайлов",
    "Новиков",
    "Фёдоров",
    "Морозов",
    "Волков",
    "Алексеев",
    "Лебедев",
    "Семёнов",
    "Егоров",
    "Павлов",
    "Козлов",
    "Степанов",
    "Николаев",
    "Орлов",
    "Андреев",
    "Макаров",
    "Никитин",
    "Захаров",
    "Зайцев",
    "Соловьёв",
    "Борисов",
    "Яковлев",
    "Григорьев",
    "Романов",
    "Воробьёв",
    "Сергеев",
    "Кузьмин",
    "Фролов",
    "Александров",
    "Дмитриев",
    "Королёв",
    "Гусев",
    "Киселёв",
    "Ильин",
    "Максимов",
    "Поляков",
    "Сорокин",
    "Виноградов",
    "Ковалёв",
    "Белов",
    "Медведев",
    "Антонов",
    "Тарасов",
];
const INITIALS: &str = "АБВГДЕИКЛМНОПРСТЮЯ";
const SUBJECTS: &[&str] = &[
    "математика",
    "русский язык",
    "литература",
    "физика",
    "химия",
    "биология",
    "история",
    "обществознание",
    "география",
    "английский язык",
    "информатика",
    "начальные классы",
];
const KINDS: &[&str] =
    &["взаимопосещение уроков", "мастер-класс", "консультация", "семинар", "вебинар", "мониторинг", "круглый стол"];

/// A small deterministic generator (xorshift64*), enough for plausible data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }
}

fn person_name(rng: &mut Rng) -> String {
    let initials: Vec<char> = INITIALS.chars().collect();
    let mut surname = rng.pick(SURNAMES).to_string();
    if rng.below(2) == 0 {
        surname.push('а');
    }
    format!("{}.{}. {surname}", initials[rng.below(initials.len())], initials[rng.below(initials.len())])
}

/// Adds `n` synthetic districts to the store, in one transaction.
pub fn generate(store: &Store, n: usize) -> Result<()> {
    generate_sized(store, n, EVENTS_PER_DISTRICT)
}

/// The same, with `events` roadmap events a district (all in the 2025-2026 academic year).
pub fn generate_sized(store: &Store, n: usize, events: usize) -> Result<()> {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let year = AcademicYear(2025);
    store.in_transaction(|s| {
        for k in 0..n {
            district(s, &mut rng, k, year, events)?;
        }
        Ok(())
    })
}

fn district(s: &Store, rng: &mut Rng, k: usize, year: AcademicYear, events: usize) -> Result<()> {
    let town = TOWNS[k % TOWNS.len()];
    let name = format!("{} муниципальный район № {}", town, k + 1);
    let d = s.add_district(&name, "Синтетическая область")?;
    let committee = s.add_org(
        Some(d),
        OrgKind::Body,
        "",
        &format!("Комитет образования района «{town}-{}»", k + 1),
        "Комитет образования",
        town,
    )?;
    s.add_org(
        Some(d),
        OrgKind::Body,
        "",
        &format!("МКУ «Методический центр» {town}-{}", k + 1),
        "Методический центр",
        town,
    )?;
    let coordinator = s.add_person(&person_name(rng), "муниципальный координатор", Some(committee), "")?;
    let mut schools = Vec::with_capacity(SCHOOLS_PER_DISTRICT);
    let mut teachers: Vec<Vec<i64>> = Vec::with_capacity(SCHOOLS_PER_DISTRICT);
    for i in 0..SCHOOLS_PER_DISTRICT {
        let place = if i % 3 == 0 { town } else { TOWNS[(k + i) % TOWNS.len()] };
        let (kind, label) = match i % 10 {
            0 => ("гимназия", format!("МАОУ «Гимназия № {}» г. {place}", i + 1)),
            5 => ("лицей", format!("МАОУ «Лицей № {}» г. {place}", i + 1)),
            7 => ("ООШ", format!("МБОУ «ООШ № {}» г. {place}", i + 1)),
            _ => ("СОШ", format!("МБОУ «СОШ № {}» г. {place}", i + 1)),
        };
        let short = label.split('»').next().unwrap_or(&label).split('«').nth(1).unwrap_or(&label).to_string();
        let org = s.add_org(Some(d), OrgKind::School, kind, &label, &short, place)?;
        s.add_person(&person_name(rng), "директор", Some(org), "")?;
        let mut staff = Vec::with_capacity(PEOPLE_PER_SCHOOL - 1);
        for _ in 1..PEOPLE_PER_SCHOOL {
            staff.push(s.add_person(&person_name(rng), "учитель", Some(org), rng.pick(SUBJECTS))?);
        }
        schools.push(org);
        teachers.push(staff);
    }
    let start = year.start();
    let end = year.end();
    let school_year = When::period(start, end, &format!("в течение {} учебного года", year.label()));
    // Every fourth school is low-result, mentored by its neighbour, with tutors for three teachers.
    for i in (0..SCHOOLS_PER_DISTRICT).step_by(4) {
        let (weak, strong) = (schools[i], schools[i + 1]);
        s.add_cluster_status(
            weak,
            year,
            "ШНОР",
            ["базово неуспевающая", "умеренно неуспевающая", "сильно неуспевающая"][i % 3],
        )?;
        s.add_cluster_status(strong, year, "школа-наставник", "")?;
        s.add_risk_direction(
            weak,
            year,
            "недостаточная предметная и методическая компетентность педагогических работников",
            "антирисковая программа утверждена",
            "",
        )?;
        let basis = format!("приказ Комитета образования от 01.09.{} № {}", year.0, 100 + i);
        s.add_link(NewLink {
            level: LinkLevel::SchoolSchool,
            mentor: Party::Org(strong),
            mentee: Party::Org(weak),
            subject: "",
            form: "взаимопосещение уроков, мастер-классы",
            when: school_year.clone(),
            basis: &basis,
        })?;
        s.add_link(NewLink {
            level: LinkLevel::PersonSchool,
            mentor: Party::Person(coordinator),
            mentee: Party::Org(weak),
            subject: "",
            form: "муниципальный координатор",
            when: school_year.clone(),
            basis: &basis,
        })?;
        for (tutor, teacher) in teachers[i + 1].iter().zip(&teachers[i]).take(3) {
            s.add_link(NewLink {
                level: LinkLevel::PersonPerson,
                mentor: Party::Person(*tutor),
                mentee: Party::Person(*teacher),
                subject: rng.pick(SUBJECTS),
                form: "учитель – учитель",
                when: school_year.clone(),
                basis: &basis,
            })?;
        }
    }
    s.add_network(d, year, Some(NetworkModel::Distributed), &format!("Сеть школ района {}", k + 1), &schools)?;
    let days = (end - start).num_days() as u64;
    for e in 0..events {
        let host = rng.below(SCHOOLS_PER_DISTRICT);
        let day: NaiveDate = start + Days::new(rng.next() % days);
        let when = if e % 7 == 0 { When::period(day, day + Days::new(30), "") } else { When::day(day) };
        let when = When { text: when.text.filter(|t| !t.is_empty()), ..when };
        let status = [
            EventStatus::Planned,
            EventStatus::Done,
            EventStatus::Done,
            EventStatus::InProgress,
            EventStatus::Postponed,
        ][e % 5];
        s.add_event(NewEvent {
            district: Some(d),
            kind: rng.pick(KINDS),
            title: &format!("{} для педагогов района № {}", rng.pick(KINDS), k + 1),
            subject: rng.pick(SUBJECTS),
            grades: ["5-9", "7", "9", "10-11", "1-4"][e % 5],
            when,
            host_org: Some(schools[host]),
            host_person: teachers[host].first().copied(),
            participants: vec![schools[(host + 1) % SCHOOLS_PER_DISTRICT]],
            status: Some(status),
            ..Default::default()
        })?;
    }
    Ok(())
}
