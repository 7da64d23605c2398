//! The demo store: the five seed documents, whole. Every name, date, subject, grade, teacher,
//! decision, deadline, status, risk direction and indicator below is taken from
//! `shared/seeds/` (copies in `tests/seeds/`); where a document is ambiguous the comment says
//! which reading was chosen. Documents 000–003 are data files (`src/demo/*.toml`, read by
//! `data`); 004 is still written out here.

use crate::domain::DiagnosticItem;
use crate::domain::{AgreementKind, AgreementStatus, EventStatus, LinkLevel, OrgKind, When};
use crate::orders::DocKind;
use crate::store::{
    GroupFields, NewAgreement, NewDiagnostic, NewEvent, NewLink, NewParty, OrderFields, Party, ProgrammeFields,
    ReportDocFields, Result, Store, TaskFields,
};
use crate::text::AcademicYear;
use crate::turnout::{Part, Taking, Turnout};

/// A school that won or took a prize, with what the document says of it.
fn won(org: i64, note: &str) -> Taking {
    Taking { org, part: Part::Awarded, note: note.into(), ..Default::default() }
}
use chrono::NaiveDate;

/// The documents held as data files (`src/demo/*.toml`), read by one loader; the others are
/// still written out below, a call per record.
mod data;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("demo dates are valid")
}

fn period(s: (i32, u32, u32), e: (i32, u32, u32), text: &str) -> When {
    When::period(d(s.0, s.1, s.2), d(e.0, e.1, e.2), text)
}

fn school_year(y: i32) -> When {
    period((y, 9, 1), (y + 1, 8, 31), &format!("в течение {}-{} учебного года", y, y + 1))
}

const Y2021: AcademicYear = AcademicYear(2021);
const Y2022: AcademicYear = AcademicYear(2022);

/// Fills an empty store with the demo data in one transaction.
pub fn load(store: &Store) -> Result<()> {
    store.in_transaction(|s| {
        data::load(s, "000_pikalevo.toml", include_str!("demo/000_pikalevo.toml"))?;
        data::load(s, "001_leningradsky.toml", include_str!("demo/001_leningradsky.toml"))?;
        data::load(s, "002_smolensk.toml", include_str!("demo/002_smolensk.toml"))?;
        data::load(s, "003_kirovsk.toml", include_str!("demo/003_kirovsk.toml"))?;
        ust_ilimsk(s)?;
        Ok(())
    })
}

/// 004: Ust-Ilimsk, first half of 2022: the schools with their risk level, the "500+" risk
/// profiles, the indicators, course statistics, conferences, webinars and "Школа-школе" seminars.
fn ust_ilimsk(s: &Store) -> Result<()> {
    let dist = s.add_district("город Усть-Илимск", "Иркутская область")?;
    let body = |name: &str, short: &str| s.add_org(Some(dist), OrgKind::Body, "", name, short, "Усть-Илимск");
    body("Управление образования администрации города Усть-Илимска", "Управление образования")?;
    let cro = body("МКУ «Центр развития образования»", "МКУ ЦРО")?;
    s.add_org(
        None,
        OrgKind::Body,
        "",
        "ГАУ ДПО «Институт развития образования Иркутской области»",
        "ИРО Иркутской области",
        "Иркутск",
    )?;
    s.add_org(
        None,
        OrgKind::Body,
        "",
        "ФГАОУ ДПО «Академия Минпросвещения России»",
        "Академия Минпросвещения",
        "Москва",
    )?;
    // «Муниципальный координатор И.Ю. Крумина» signs the report; it never says where she works.
    let krumina = s.add_person("И.Ю. Крумина", "муниципальный координатор", None, "")?;

    let school =
        |name: &str, short: &str, kind: &str| s.add_org(Some(dist), OrgKind::School, kind, name, short, "Усть-Илимск");
    let s17 = school("МБОУ «СОШ № 17»", "СОШ № 17", "СОШ")?;
    let nok = school("МАОУ «Экспериментальный лицей «Научно-образовательный комплекс»", "Лицей «НОК»", "лицей")?;
    let s1 = school("МБОУ «СОШ № 1»", "СОШ № 1", "СОШ")?;
    let s5 = school("МАОУ «СОШ № 5»", "СОШ № 5", "СОШ")?;
    let s7 = school("МАОУ «СОШ № 7 имени Пичуева Л.П.»", "СОШ № 7", "СОШ")?;
    let s15 = school("МБОУ «СОШ № 15»", "СОШ № 15", "СОШ")?;
    let s2 = school("МБОУ «СОШ № 2»", "СОШ № 2", "СОШ")?;
    let gym1 = school("МАОУ «Городская гимназия № 1»", "Гимназия № 1", "гимназия")?;
    let s8 = school("МБОУ «СОШ № 8 имени Бусыгина М.И.»", "СОШ № 8", "СОШ")?;
    let s9 = school("МАОУ «СОШ № 9»", "СОШ № 9", "СОШ")?;
    let s11 = school("МАОУ «СОШ № 11»", "СОШ № 11", "СОШ")?;
    let s12 = school("МАОУ «СОШ № 12 имени Семенова В.Н.»", "СОШ № 12", "СОШ")?;
    let s13 = school("МАОУ «СОШ № 13 им. М.К. Янгеля»", "СОШ № 13", "СОШ")?;
    let s14 = school("МАОУ «СОШ № 14»", "СОШ № 14", "СОШ")?;

    let levels = [
        (s17, "базово неуспевающая"),
        (nok, "базово неуспевающая"),
        (s1, "умеренно неуспевающая"),
        (s5, "умеренно неуспевающая"),
        (s7, "сильно неуспевающая"),
        (s15, "сильно неуспевающая"),
        (s2, "сильно неуспевающая"),
    ];
    // The list is "for 2022" (the directive of 21.01.2022): it covers the end of 2021-2022 and
    // the start of 2022-2023. Each status rests on it, as the report says.
    let directive = "распоряжение Министерства образования Иркутской области от 21.01.2022 № 55-46-мр";
    for year in [Y2021, Y2022] {
        for (id, level) in levels {
            let st = s.add_cluster_status(id, year, "ШНОР", level)?;
            s.note_cluster_status(st, directive)?;
        }
        for id in [s5, s7, s17] {
            let st = s.add_cluster_status(id, year, "участник проекта «500+»", "")?;
            s.note_cluster_status(st, directive)?;
        }
    }
    // The titles the report gives its basis documents (the others it cites by number only).
    for (kind, issuer, number, date, title) in [
        (
            DocKind::Directive,
            "Министерства образования Иркутской области",
            "55-46-мр",
            (2022, 1, 21),
            "Об утверждении перечня общеобразовательных организаций Иркутской области с низкими образовательными результатами и участников проект «500+» в 2022 году",
        ),
        (
            DocKind::Order,
            "ГАУ ДПО «Институт развития образования Иркутской области»",
            "28",
            (2022, 3, 3),
            "Об утверждении региональной дорожной карты проекта «500+»",
        ),
        (
            DocKind::Order,
            "Управления образования",
            "285",
            (2022, 3, 29),
            "Об утверждении состава рабочей группы по оказанию методической помощи школам с низкими образовательными результатами",
        ),
    ] {
        let date = NaiveDate::from_ymd_opt(date.0, date.1, date.2);
        s.add_order(&OrderFields {
            kind,
            district: Some(dist),
            issuer: issuer.to_string(),
            number: number.to_string(),
            date_text: date.map(crate::text::format_date).unwrap_or_default(),
            date,
            title: title.to_string(),
            note: String::new(),
        })?;
    }
    // The groups the report names, with their composition as it gives it (no one by name).
    s.add_group(&GroupFields {
        district: Some(dist),
        kind: "рабочая группа".into(),
        name: "Рабочая группа по оказанию методической помощи школам с низкими образовательными результатами в вопросах повышения качества образования".into(),
        basis: "приказ Управления образования от 29.03.2022 № 285".into(),
        composition: "специалисты МКУ «Центр развития образования» и педагоги, входящие в состав регионального методического актива по предметам: география, химия, физика, русский язык, биологии и литературы".into(),
        since: String::new(),
        note: "по запросам оказывалась информационная, методическая помощь (100% от запросов)".into(),
        members: Vec::new(),
    })?;
    s.add_group(&GroupFields {
        district: Some(dist),
        kind: "творческая группа".into(),
        name: "Творческая группа сетевого взаимодействия городских педагогических сообществ".into(),
        basis: String::new(),
        composition: "руководители ГМО".into(),
        since: "2021".into(),
        note: "два направления: организационно-методическая деятельность с педагогами; организационно-педагогическая деятельность с учащимися".into(),
        members: Vec::new(),
    })?;
    // The municipal programme: its goal and seven tasks as the report's opening lists them. The
    // report names no one responsible, no deadline and no indicator per task, and does not
    // say a task is done: each is «в работе» — an inference from a programme for 2022-2024
    // reported on after its first half-year, said so in the task's note.
    let programme_id = s.add_programme(&ProgrammeFields {
        district: Some(dist),
        name: "Муниципальная программа методического сопровождения школ с низкими образовательными результатами города Усть-Илимска на 2022-2024 годы".into(),
        when: period((2022, 1, 1), (2024, 12, 31), "2022-2024"),
        basis: "утверждена приказом Управления образования 24.03.22 № 267; разработана на основании региональной дорожной карты, утвержденной приказом ГАУ ДПО «Институт развития образования Иркутской области» от 03.03.2022г. № 28".into(),
        goal: "создание условий в муниципальной системе образования города Усть-Илимска, обеспечивающих совершенствование предметных и методических компетенций педагогов при переходе образовательных организаций с низкими образовательными результатами обучения в эффективный режим работы".into(),
        note: "отчёт по реализации мероприятий программы в 1 полугодии 2022 года".into(),
    })?;
    let inferred =
        "статус в отчёте не назван: «в работе» — программа на 2022-2024 годы, отчёт за 1 полугодие 2022 года";
    for (task, progress) in [
        (
            "разработать и реализовать механизмы, обеспечивающие переход организаций в эффективный режим работы",
            "разработана система мероприятий, в которых принимали участие не только сами школы с низкими образовательными результатами, но и опытные кураторы и рабочие группы; каждым участником проекта утверждены концепция развития, среднесрочная программа и антирисковые программы по каждому направлению",
        ),
        ("создать условия для методического сопровождения программ улучшения результатов в школах с низкими образовательными результатами", ""),
        ("сформировать муниципальную систему методического сопровождения педагогов, работающих в школах с низкими результатами обучения", ""),
        (
            "сформировать эффективную муниципальную консультационную службу, обеспечивающую поддержку руководителей и педагогов в области повышения профессиональных компетенций",
            "сформирована рабочая группа по оказанию методической помощи школам с низкими образовательными результатами (приказ Управления образования от 29.03.2022 № 285); по запросам оказывалась информационная, методическая помощь (100% от запросов)",
        ),
        (
            "активизировать профессиональное взаимодействие по обмену опытом и распространению эффективных практик школ-лидеров и школ-участников проекта",
            "педагогические работники представляли свои наработки на муниципальном уровне: научно-практические конференции, городские педчтения, вебинары, конкурсы",
        ),
        ("создать условия для эффективного сетевого взаимодействия школ с разным уровнем качества результатов обучения", ""),
        ("совершенствовать имиджевую политику школ в сфере общественности и социального окружения", ""),
    ] {
        s.add_task(
            programme_id,
            &TaskFields {
                text: task.into(),
                responsible: String::new(),
                deadline: When::default(),
                indicator: String::new(),
                status: EventStatus::InProgress,
                progress: progress.into(),
                note: inferred.into(),
            },
        )?;
    }
    let programme = "муниципальная программа методического сопровождения ШНОР на 2022-2024 годы, приказ Управления образования от 24.03.22 № 267";
    for id in [s5, s7, s17] {
        s.add_link(NewLink {
            level: LinkLevel::PersonSchool,
            mentor: Party::Person(krumina),
            mentee: Party::Org(id),
            subject: "",
            form: "муниципальный координатор проекта «500+»: наблюдение, консультационная, методическая и ресурсная поддержка",
            when: period((2022, 3, 24), (2024, 12, 31), "2022-2024"),
            basis: programme,
        })?;
    }
    for (id, _) in levels {
        s.add_link(NewLink {
            level: LinkLevel::SchoolSchool,
            mentor: Party::Org(cro),
            mentee: Party::Org(id),
            subject: "география, химия, физика, русский язык, биология, литература",
            form: "рабочая группа: информационная и методическая помощь по запросам",
            when: period((2022, 3, 29), (2024, 12, 31), "2022-2024"),
            basis: "приказ Управления образования от 29.03.2022 № 285",
        })?;
    }

    let risks: [(i64, &str, &str); 10] = [
        (s5, "дефицит педагогических кадров", "за два месяца работы (1 этап) выполнен плановый показатель — трудоустроено 3 педагогических работника (логопед, педагог-психолог, педагог-организатор)"),
        (s5, "недостаточная предметная и методическая компетентность педагогических работников", "запущен школьный проект «Развитие социального капитала МАОУ «СОШ № 5» как условие профессионального роста педагогов», мониторинг педагогической деятельности"),
        (s5, "высокая доля обучающихся с рисками учебной неуспешности", "внедрена технология критериального оценивания, исследование удовлетворённости школьной жизнью и мотивации"),
        (s7, "низкий уровень оснащения школы", "мониторинг обеспечения оборудованием кабинетов, перечень оборудования для закупки, контракт на покупку учебников"),
        (s7, "дефицит педагогических кадров", "договор с ТЛТУ на 3-х выпускников 9-х кл. («Учитель начальных классов»), заявка на целевое обучение выпускников 11-х кл., профориентация"),
        (s7, "недостаточная предметная и методическая компетентность педагогических работников", ""),
        (s7, "несформированность внутришкольной системы повышения квалификации", "мониторинг профессиональных дефицитов, начато формирование индивидуальных карт профессионального развития"),
        (s7, "пониженный уровень качества школьной образовательной и воспитательной среды", ""),
        (s17, "недостаточная предметная и методическая компетентность педагогических работников", "мониторинг профессиональных затруднений и дефицитов, план работы; семинар «Школа-школе» по читательской грамотности"),
        (s17, "пониженный уровень качества школьной образовательной и воспитательной среды", "диагностика удовлетворённости и комфортности образовательной среды среди обучающихся и родителей"),
    ];
    // Every programme is under way: the report says what its first stage did (СОШ № 5 met
    // stage 1's planned figure on staff), not that any is finished.
    for (org, direction, progress) in risks {
        s.add_risk_direction(org, Y2021, direction, "антирисковая программа утверждена", progress)?;
    }

    // The report of the first half of 2022 names two network agreements in force, in the present
    // tense: СОШ № 5 with the ЦДТ (additional education) and СОШ № 2 with the БГУ (research and
    // project work). Their numbers, dates and terms are not in it: held without a term (not
    // dated by the program), in force as the report says.
    for (org, partner, subject) in [
        (s5, "Центр детского творчества (ЦДТ)", "Построение системы дополнительного образования в сетевой форме."),
        (
            s2,
            "Байкальский государственный университет (БГУ)",
            "Организация исследовательской и проектной работы обучающихся.",
        ),
    ] {
        let a = s.add_agreement(NewAgreement {
            kind: AgreementKind::Framework,
            parent: None,
            district: Some(dist),
            number: "",
            title: "Договор о сетевом взаимодействии",
            subject,
            date: None,
            term: When::default(),
            status: AgreementStatus::InForce,
            place: "г. Усть-Илимск",
            goals: "",
            tasks: "",
        })?;
        s.add_agreement_party(
            a,
            NewParty { org: Some(org), position: "директор", basis: "Устава", ..Default::default() },
        )?;
        s.add_agreement_party(a, NewParty { name: partner, basis: "Устава", ..Default::default() })?;
    }

    let city = |name: &str, target: &str, period: &str, value: &str, is_bool: bool| -> Result<()> {
        let unit = if is_bool { "" } else { "%" };
        let i = s.add_indicator(Some(dist), None, name, unit, target, period, is_bool)?;
        s.add_indicator_value(i, Y2021, period, value)?;
        Ok(())
    };
    let base = "от общего числа учащихся в школах с низкими образовательными результатами";
    city(
        &format!("Доля учащихся 1-4 классов, достигших базового уровня предметной подготовки, {base}"),
        "",
        "август 2022",
        "",
        false,
    )?;
    city(
        &format!("Доля учащихся 5-9 классов, достигших базового уровня предметной подготовки, {base}"),
        "",
        "август 2022",
        "",
        false,
    )?;
    city(
        &format!("Доля учащихся 5-9 классов, достигших высокого уровня метапредметной подготовки, {base}"),
        "",
        "август 2022",
        "",
        false,
    )?;
    city(
        &format!("Доля учащихся 10-11 классов, достигших базового уровня предметной подготовки, {base}"),
        "",
        "август 2022",
        "",
        false,
    )?;
    city(
        &format!("Доля учащихся 10-11 классов, достигших высокого уровня метапредметной подготовки, {base}"),
        "",
        "август 2022",
        "",
        false,
    )?;
    city(
        "Доля педагогических работников ШНОР, прошедших курсы повышения квалификации за последние 3 года",
        "",
        "2022",
        "98,6",
        false,
    )?;
    city(
        "Доля ШНОР, представивших педагогов для участия в муниципальных конкурсах педагогического мастерства",
        "",
        "2022",
        "100",
        false,
    )?;
    city("Доля ШНОР, реализующих программы наставничества", "", "2022", "85,7", false)?;
    city(
        "Доля педагогов ШНОР, прошедших диагностику профессиональных дефицитов / предметных компетенций",
        "",
        "2022",
        "83",
        false,
    )?;
    city("Доля педагогов ШНОР, имеющих индивидуальные программы развития", "100", "2022", "50,4", false)?;
    // "к началу 22-23 учебного года разработать индивидуальные программы развития для всех
    // педагогов": the target's deadline.
    let iom: i64 = s.indicator_id("Доля педагогов ШНОР, имеющих индивидуальные программы развития")?;
    s.set_indicator_deadline(iom, NaiveDate::from_ymd_opt(2022, 9, 1), false)?;
    city(
        "Наличие динамики методической активности педагогов ШНОР (ГМО, творческие группы, городские семинары), да/нет",
        "да",
        "2022",
        "да",
        true,
    )?;
    city("Педагоги города, прошедшие курсы ПК и переподготовки (351 из 660)", "", "2021-2022", "53", false)?;
    // The report's shares for the ШНОР's teachers as a whole (no counts per school are given):
    // a district round of the diagnostics, in per cent, with the courses by direction.
    let share = |kind: &str, label: &str, v: f64| DiagnosticItem {
        kind: kind.into(),
        label: label.into(),
        count: Some(v),
        in_percent: true,
    };
    s.add_diagnostic(&NewDiagnostic {
        org: None,
        district: Some(dist),
        year: Y2021,
        round: "1 полугодие 2022 (ШНОР города)".into(),
        teachers: Some(100.0),
        diagnosed: Some(83.0),
        with_programme: Some(50.4),
        trained: Some(98.6),
        in_percent: true,
        items: vec![
            share("course", "функциональная грамотность", 35.0),
            share("course", "информационная безопасность", 30.0),
            share("course", "предметная направленность", 63.0),
            share("course", "обновлённые ФГОС", 39.0),
        ],
    })?;
    // Listeners of the ИРО's programmes per school in the first half of 2022.
    for (org, in_reg, out_reg) in [
        (s5, 8.0, 2.0),
        (s7, 8.0, 3.0),
        (nok, 2.0, 2.0),
        (s1, 1.0, 0.0),
        (s15, 3.0, 4.0),
        (s17, 8.0, 9.0),
        (s2, 2.0, 1.0),
    ] {
        let count = |label: &str, v: f64| DiagnosticItem {
            kind: "course".into(),
            label: label.into(),
            count: Some(v),
            in_percent: false,
        };
        s.add_diagnostic(&NewDiagnostic {
            org: Some(org),
            district: Some(dist),
            year: Y2021,
            round: "1 полугодие 2022".into(),
            teachers: None,
            diagnosed: None,
            with_programme: None,
            trained: None,
            in_percent: false,
            items: vec![count("ДПП ИРО из фед. реестра", in_reg), count("ДПП ИРО вне реестра", out_reg)],
        })?;
    }

    // How many came, as the table's «результат» column says it: teachers and, where it gives
    // a number, the schools they came from (a list of schools named is held as participants,
    // not counted).
    let came =
        |teachers: u32, schools: Option<u32>| Turnout { teachers: Some(teachers), schools, ..Default::default() };
    let seminar = |host: i64, title: &str, when: When, result: &str, guests: Vec<i64>, note: &str, turnout: Turnout| {
        s.add_event(NewEvent {
            district: Some(dist),
            kind: "семинар",
            title,
            when,
            host_org: Some(host),
            participants: guests,
            result,
            status: Some(EventStatus::Done),
            note: &format!("дата проведения в отчёте не указана; {note}"),
            turnout,
            ..Default::default()
        })
    };
    let m = |y, mo| (y, mo, 1);
    let end = |y: i32, mo: u32| {
        let next = if mo == 12 { d(y + 1, 1, 1) } else { d(y, mo + 1, 1) };
        let last = next.pred_opt().expect("a day before the first of a month");
        (y, mo, chrono::Datelike::day(&last))
    };
    // The report dates the nine seminars of «Школа-школе» only as «проведены в 2021-2022
    // учебном году»: each is held for the school year, the orders that called it in its note.
    let in_the_year = || When {
        start: Some(d(2021, 9, 1)),
        end: Some(d(2022, 8, 31)),
        text: Some("в 2021-2022 учебном году".into()),
    };
    seminar(gym1, "Городской семинар «Эффективные механизмы формирования, развития естественно-научной грамотности обучающихся» («Школа-школе»)",
        in_the_year(), "Участие приняли 24 педагога из МАОУ «СОШ№5», МАОУ «СОШ№14», МБОУ «СОШ№15», МАОУ «Экспериментальный лицей «НОК», МАОУ «Городская гимназия№1»",
        vec![s5, s14, s15, nok], "приказы МКУ ЦРО от 15.03.2022 № 35, от 01.04.2022 № 48", came(24, None))?;
    seminar(s1, "Городской семинар «Место и роль индивидуального образовательного проекта в достижении метапредметных результатов»",
        in_the_year(), "10 педагогов МБОУ «СОШ №1», 12 педагогов очно; 4 участника в чате семинара (шк. 15, 5)",
        vec![s15, s5],
        "приказ МКУ ЦРО от 19.05.2022 № 66; число участников в отчёте дано частями (10 и 12 педагогов, 4 участника в чате) — не сложено",
        Turnout::default())?;
    seminar(
        s2,
        "Городской семинар «Педагогические инструменты для работы с отстающими и слабо мотивирующими учащимися»",
        in_the_year(),
        "38 педагогов из 6 муниципальных общеобразовательных учреждений",
        vec![],
        "приказ МКУ ЦРО от 26.04.2022 № 56",
        came(38, Some(6)),
    )?;
    seminar(s8, "Городской семинар «Наставничество как эффективный инструмент профессионального развития педагогов «Равный – равному»",
        in_the_year(), "95 педагогов из 14 муниципальных общеобразовательных учреждений",
        vec![], "приказы МКУ ЦРО от 04.03.2022 № 31, от 16.03.2022 № 38", came(95, Some(14)))?;
    seminar(
        s12,
        "Городской семинар «Эффективные формирования развития и оценки читательской грамотности обучающихся»",
        in_the_year(),
        "16 педагогов из МАОУ «СОШ№5», МАОУ «СОШ№12», МАОУ «СОШ№14», МАОУ «Экспериментальный лицей «НОК»",
        vec![s5, s14, nok],
        "приказы МКУ ЦРО от 21.03.2022 № 40, от 01.04.2022 № 47; название так в отчёте («формирования»; вероятно, «формы»)",
        came(16, None),
    )?;
    seminar(
        s13,
        "Городской семинар «Место и роль учебных проектов в достижении метапредметных результатов»",
        in_the_year(),
        "23 педагога из 3 муниципальных общеобразовательных учреждений",
        vec![],
        "приказ МКУ ЦРО от 28.04.2022 № 58",
        came(23, Some(3)),
    )?;
    seminar(
        s14,
        "Городской семинар «Деятельность образовательного учреждения в рамках социально-образовательного партнерства»",
        in_the_year(),
        "12 человек из МБОУ «СОШ № 1», МАОУ «СОШ № 9», МАОУ «СОШ № 11», МАОУ «СОШ № 12», МБОУ «СОШ № 15»",
        vec![s1, s9, s11, s12, s15],
        "приказ МКУ ЦРО от 06.05.2022 № 59",
        // «присутствовали 12 человек»: people, not said to be teachers.
        Turnout { people: Some(12), ..Default::default() },
    )?;
    seminar(
        s17,
        "Городской семинар «Эффективные практики по формированию читательской грамотности учащихся» («Школа-школе»)",
        in_the_year(),
        "36 педагогов из 5 муниципальных общеобразовательных учреждений",
        vec![],
        "приказ МКУ ЦРО от 23.05.2022 № 67",
        came(36, Some(5)),
    )?;
    seminar(s11, "Городской семинар «Сетевая форма реализации ООП: от алгоритмов к практике» («Школа-школе»)",
        in_the_year(), "35 педагогов из МАОУ «Городская гимназия №1», МБОУ «СОШ № 7 имени Пичуева Л.П.», МАОУ «СОШ № 13», МАОУ «СОШ № 15», МБОУ «СОШ № 8», МАОУ «СОШ № 12»",
        vec![gym1, s7, s13, s15, s8, s12], "приказ МКУ ЦРО от 21.12.2021 № 94", came(35, None))?;

    let all_shnor = vec![nok, s1, s2, s5, s7, s15, s17];
    s.add_event(NewEvent {
        district: Some(dist),
        kind: "конкурс",
        title: "Муниципальный конкурс команд общеобразовательных учреждений «Педагогический импульс-2022»",
        when: period(m(2022, 4), end(2022, 4), "апрель 2022"),
        host_org: Some(s8),
        participants: vec![nok, s2, s5],
        status: Some(EventStatus::Done),
        note: "приказы МКУ ЦРО от 09.03.2022 № 34, от 22.03.2022 № 41",
        // «приняли участие 10 команд»; the three ШНОР teams each won a nomination.
        turnout: Turnout { teams: Some(10), ..Default::default() },
        details: vec![
            won(nok, "номинация «Мастер педагогических дебатов»"),
            won(s2, "номинация «Мастер педагогического конструктора»"),
            won(s5, "номинация «Педагогическое мастерство»"),
        ],
        ..Default::default()
    })?;
    // The report's two tables of who took part: "+" a participant, "-" not, «организатор» the
    // school that held it (СОШ №15 held the webinar on the systemic approach and did not take
    // part in the conference on patriotic education).
    // A mark beside the "+": «диплом 2 степени» a prize, «участие, без обобщения опыта» a note.
    let patriotic: Vec<i64> = all_shnor.iter().copied().filter(|o| *o != s15).collect();
    let without = |org: i64| Taking {
        org, note: "участие, без обобщения опыта".into(), ..Default::default()
    };
    for (kind, title, host, who, details) in [
        ("конференция", "III городская научно-практическая конференция педагогических работников «Развитие муниципальной системы образования: тенденции и взгляд в будущее»", cro, vec![nok, s1, s5, s17], vec![]),
        ("конференция", "Научно-методическая конференция «Патриотическое воспитание на уроках и во внеурочное время как средство формирования духовно-нравственных ценностей подрастающего поколения», посвящённая 85-летию Иркутской области", cro, patriotic,
            vec![won(nok, "диплом 2 степени"), won(s1, "диплом 3 степени"), won(s7, "диплом 3 степени")]),
        ("конференция", "Городские педагогические чтения «Развитие и формирование функциональной грамотности обучающихся: от теории к практике»", cro, all_shnor.clone(), vec![without(s5), without(s17)]),
        ("вебинар", "Муниципальный вебинар «Системный подход к формированию функциональной грамотности»", s15, vec![nok, s1, s2], vec![]),
        ("вебинар", "Муниципальный вебинар «Использование цифровых технологий и их влияние на качество образования»", cro, vec![s2, s7], vec![]),
        ("вебинар", "Муниципальный вебинар «Лучшие практики достижения качественного освоения общеобразовательных программ (ГИА, ВПР)»", cro, vec![s5, s7, s15, s17], vec![]),
    ] {
        s.add_event(NewEvent {
            district: Some(dist),
            kind,
            title,
            when: school_year(2021),
            host_org: Some(host),
            participants: who,
            status: Some(EventStatus::Done),
            details,
            ..Default::default()
        })?;
    }
    for (title, guests) in [
        ("Практико-ориентированный семинар для педагогов МАОУ «СОШ № 5» «Использование цифровых ресурсов в образовательном процессе»", vec![s5]),
        ("Муниципальный семинар «Формирование и оценка функциональной грамотности»", all_shnor.clone()),
        ("Семинар «Сетевое взаимодействие — эффективный инструмент развития общего образования в условиях дефицита педагогических кадров»", all_shnor.clone()),
        ("Семинар «Формирующее оценивание в школе. Формы, методы и ресурсы» (по запросу); представление опыта работы МАОУ «СОШ № 5»", vec![s5]),
    ] {
        s.add_event(NewEvent {
            district: Some(dist),
            kind: "семинар",
            title,
            when: period((2022, 9, 1), (2022, 12, 31), "второе полугодие 2022"),
            host_org: Some(cro),
            participants: guests,
            note: "изменения в план работы на вторую половину 2022 года по запросам школ «500+»",
            ..Default::default()
        })?;
    }
    // The report itself, with its conclusions as recommendations: of the first half of 2022,
    // signed by the municipal coordinator; it is dated no day.
    let tasks = s.add_report_doc(&ReportDocFields {
        district: Some(dist),
        title: "Отчет по реализации мероприятий муниципальной программы методического сопровождения школ с низкими образовательными результатами в 1 полугодии 2022 года".into(),
        period: period((2022, 1, 1), (2022, 6, 30), "1 полугодие 2022 года"),
        author: "муниципальный координатор И.Ю. Крумина".into(),
        note: String::new(),
    })?;
    // The report names no one responsible for its tasks; the third, a recommendation, is
    // addressed to all the city's schools and has no deadline. The request of СОШ №7 came from
    // its director; collecting the information is «ещё одна задача для работы во второй
    // половине года».
    s.add_decision(tasks, "К началу 2022-2023 учебного года разработать индивидуальные программы развития для всех педагогов с учётом диагностики профессиональных дефицитов (сейчас 50,4%).",
        period((2022, 9, 1), (2022, 9, 1), "к началу 2022-2023 учебного года"), "", EventStatus::Planned)?;
    s.add_decision(tasks, "Собрать информацию о ресурсах других образовательных организаций для реализации ООП МАОУ «СОШ № 7 имени Пичуева Л.П.» в сетевой форме (запрос директора школы).",
        period((2022, 7, 1), (2022, 12, 31), "во второй половине 2022 года"), "", EventStatus::Planned)?;
    s.add_decision(tasks, "Всем муниципальным образовательным учреждениям города Усть-Илимска провести анализ реализации права педагогических работников на прохождение курсов повышения квалификации, в том числе с учётом профессиональных дефицитов.",
        When::default(), "муниципальные образовательные учреждения города Усть-Илимска", EventStatus::Planned)?;
    Ok(())
}
