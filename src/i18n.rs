//! The one catalogue of user-facing strings, Russian and English. A missing translation is a
//! compile error: every entry names both.

use serde::Deserialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Ru,
    En,
}

impl Lang {
    /// From `LANG` / `LC_ALL` / `LC_MESSAGES`: Russian unless an English locale is named.
    pub fn from_env() -> Lang {
        for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let Ok(v) = std::env::var(var) {
                if v.is_empty() {
                    continue;
                }
                return if v.starts_with("en") { Lang::En } else { Lang::Ru };
            }
        }
        Lang::Ru
    }
    pub fn strings(self) -> &'static Strings {
        match self {
            Lang::Ru => &RU,
            Lang::En => &EN,
        }
    }
}

macro_rules! catalogue {
    ($($key:ident: $ru:literal, $en:literal;)+) => {
        pub struct Strings { $(pub $key: &'static str),+ }
        pub static RU: Strings = Strings { $($key: $ru),+ };
        pub static EN: Strings = Strings { $($key: $en),+ };
        impl Strings {
            /// Every entry of the catalogue, its key and its text, in order.
            pub fn entries(&self) -> Vec<(&'static str, &'static str)> {
                vec![$((stringify!($key), self.$key)),+]
            }
        }
    };
}

/// The catalogue's sets of plural forms («школа|школы|школ»), as (key, forms).
pub fn plural_sets(s: &Strings) -> Vec<(&'static str, Vec<&'static str>)> {
    s.entries()
        .into_iter()
        .filter(|(_, t)| t.contains('|'))
        .map(|(k, t)| (k, t.split('|').collect::<Vec<_>>()))
        // Forms are words (an English one may be two: «event hosted»); a list of phrases
        // split by «|» is something else.
        .filter(|(_, f)| f.len() <= 3 && f.iter().all(|w| w.split(' ').count() <= 2 && !w.is_empty()))
        .collect()
}

/// Every «N word» in `text` whose word is a form of one of the catalogue's plural sets but not
/// the form N takes («2 мероприятий»), with the form it should be.
pub fn disagreeing_numbers(text: &str, s: &Strings) -> Vec<(String, String)> {
    let sets = plural_sets(s);
    let mut out = Vec::new();
    let words: Vec<&str> = text.split(|c: char| c.is_whitespace() || c == '\u{a0}').collect();
    for pair in words.windows(2) {
        let number = pair[0].trim_start_matches(|c: char| !c.is_ascii_digit());
        let Ok(n) = number.parse::<usize>() else { continue };
        let word = pair[1].trim_end_matches(|c: char| !c.is_alphabetic());
        for (_, forms) in &sets {
            if forms.len() > 1 && forms.contains(&word) {
                let right = plural(n, &forms.join("|"), s);
                let right = right.split_once(' ').map_or("", |(_, w)| w);
                // A word shared by two forms («наставляемых») agrees when either is right.
                if !right.is_empty() && right != word && right.split(' ').next() != Some(word) {
                    out.push((format!("{n} {word}"), format!("{n} {right}")));
                }
            }
        }
    }
    out
}

/// `n` and the word in its form: Russian by the one–few–many rule (1 школа, 3 школы, 5 школ,
/// 11 школ, 21 школа), English one–other. `forms` is «one|few|many».
pub fn plural(n: usize, forms: &str, s: &Strings) -> String {
    let f: Vec<&str> = forms.split('|').collect();
    let pick = |i: usize| f.get(i).or(f.last()).copied().unwrap_or_default();
    let word = if s.lang == "ru" {
        match (n % 10, n % 100) {
            (1, r) if r != 11 => pick(0),
            (2..=4, r) if !(12..=14).contains(&r) => pick(1),
            _ => pick(2),
        }
    } else if n == 1 {
        pick(0)
    } else {
        pick(1)
    };
    format!("{n} {word}")
}

#[cfg(test)]
mod plural_tests {
    use super::*;

    #[test]
    fn every_plural_set_of_the_catalogue_has_its_forms_and_every_number_in_a_string_agrees() {
        let ru: Vec<_> = plural_sets(&RU).into_iter().filter(|(_, f)| f.iter().all(|w| !w.contains(' '))).collect();
        assert!(ru.len() >= 5, "{ru:?}");
        let en: std::collections::HashMap<_, _> = plural_sets(&EN).into_iter().collect();
        for (key, forms) in &ru {
            assert_eq!(forms.len(), 3, "{key}: Russian has one, few and many: {forms:?}");
            assert!(forms.iter().all(|f| !f.trim().is_empty()), "{key}: {forms:?}");
            assert_eq!(en.get(key).map(Vec::len), Some(2), "{key}: English has one and other");
            // The rule over the numbers a screen prints.
            for n in 0..=130 {
                let said = plural(n, &forms.join("|"), &RU);
                let want = match (n % 10, n % 100) {
                    (1, r) if r != 11 => forms[0],
                    (2..=4, r) if !(12..=14).contains(&r) => forms[1],
                    _ => forms[2],
                };
                assert_eq!(said, format!("{n} {want}"), "{key}");
            }
        }
        // No string of the catalogue carries a number with a noun in the wrong form.
        for (key, text) in RU.entries() {
            assert_eq!(disagreeing_numbers(text, &RU), Vec::<(String, String)>::new(), "{key}: {text}");
        }
        assert_eq!(
            disagreeing_numbers("прошли 2 мероприятий и 21 школа", &RU),
            vec![("2 мероприятий".to_string(), "2 мероприятия".to_string())]
        );
    }

    #[test]
    fn counts_take_the_form_their_number_asks() {
        let f = "школа|школы|школ";
        let said: Vec<String> =
            [0, 1, 2, 4, 5, 11, 12, 14, 21, 22, 25, 101, 111, 112].iter().map(|n| plural(*n, f, &RU)).collect();
        assert_eq!(
            said,
            [
                "0 школ",
                "1 школа",
                "2 школы",
                "4 школы",
                "5 школ",
                "11 школ",
                "12 школ",
                "14 школ",
                "21 школа",
                "22 школы",
                "25 школ",
                "101 школа",
                "111 школ",
                "112 школ"
            ]
        );
        assert_eq!(plural(1, RU.load_mentees, &RU), "1 наставляемый");
        assert_eq!(plural(4, RU.load_events, &RU), "4 мероприятия");
        assert_eq!(plural(21, EN.forms_school, &EN), "21 schools");
        assert_eq!(plural(1, EN.load_events, &EN), "1 event hosted");
    }
}

/// «4 школы», «1 school».
pub fn count_schools(n: usize, s: &Strings) -> String {
    plural(n, s.forms_school, s)
}

/// «3 записи», «5 записей»: the records that rest on an order.
pub fn count_records(n: usize, s: &Strings) -> String {
    plural(n, s.forms_record, s)
}

catalogue! {
    lang: "ru", "en";
    forms_school: "школа|школы|школ", "school|schools";
    forms_record: "запись|записи|записей", "record|records";
    app_title: "Наставник", "Nastavnik";
    tab_clusters: "Кластеры", "Clusters";
    tab_mentoring: "Наставничество", "Mentoring";
    tab_roadmap: "Дорожная карта", "Roadmap";
    tab_deficits: "Дефициты", "Deficits";
    tab_agreements: "Договоры", "Agreements";

    st_planned: "запланировано", "planned";
    st_in_progress: "идёт", "in progress";
    st_done: "проведено", "done";
    st_postponed: "перенесено", "postponed";
    st_cancelled: "отменено", "cancelled";
    tk_planned: "запланировано", "planned";
    tk_in_progress: "в работе", "in work";
    tk_done: "выполнено", "done";
    tk_postponed: "перенесено", "postponed";
    tk_cancelled: "отменено", "cancelled";

    ag_draft: "проект", "draft";
    ag_approval: "на согласовании", "under approval";
    ag_signed: "подписан", "signed";
    ag_in_force: "действует", "in force";
    ag_expired: "истёк", "expired";
    ag_terminated: "расторгнут", "terminated";
    ag_kind_framework: "договор", "agreement";
    ag_subject: "Предмет договора", "Subject of the agreement";
    ag_refused: "Нельзя перевести", "Cannot move";
    ag_allowed_next: "отсюда можно:", "allowed from here:";
    ag_final: "никуда (конечный статус)", "nowhere (a final status)";
    ag_cannot_sign: "Нельзя подписать, не хватает", "Cannot sign, missing";
    ag_need_number: "номера договора", "the agreement's number";
    ag_need_date: "даты подписания", "the date of signing";
    ag_need_parties: "второй стороны", "a second party";
    ag_need_party_name: "названия стороны", "the name of party";
    ag_need_signatory: "подписанта", "a signatory";
    ag_not_ended: "Срок ещё не истёк: действует до", "The term has not ended: it runs until";
    ag_not_started: "Ещё не вступил в силу: срок начинается", "Not in force yet: the term starts on";
    ag_expires_in: "истекает через", "expires in";
    ag_days: "дн.", "d";
    ag_expiring_word: "скоро", "soon";
    ag_last_step: "Это последний этап; расторжение — T, любой статус — s", "No further lifecycle step; terminate with T, any status with s";
    ag_terminate_q: "Расторгнуть договор", "Terminate the agreement";
    ag_terminated_msg: "Договор расторгнут", "Agreement terminated";
    ag_next_steps: "Следующий шаг", "Next step";
    ag_all_years: "все учебные годы", "all school years";
    ag_appendix: "Приложение", "Appendix";
    ag_new: "Новый договор", "New agreement";
    ag_new_title: "Договор о сетевом взаимодействии и сотрудничестве (рамочный)", "Framework agreement on network interaction and cooperation";
    ag_new_additional: "Новое дополнительное соглашение", "New additional agreement";
    ag_additional_title: "Дополнительное соглашение к договору:", "Additional agreement to:";
    ag_from_signing: "с момента подписания", "from signing";
    ag_plan_row_saved: "Строка плана добавлена (и в дорожную карту)", "Plan row added (and to the roadmap)";
    act_new_additional: "Договор: доп. соглашение к выбранному", "Agreement: additional agreement to it";
    act_plan_row: "Договор: строка плана (событие)", "Agreement: a plan row (an event)";
    hint_new_agreement: "новый", "new";
    hint_new_order: "новый приказ", "new order";
    hint_remove: "удалить", "remove";
    bad_number: "не число; пример: 98,6", "not a number; example: 98.6";
    bad_yes_no: "ответ «да» или «нет»", "answer yes or no";
    bad_share: "доля не может быть больше 100 %", "a share cannot exceed 100 %";
    bad_negative: "не может быть меньше нуля", "cannot be below zero";
    bad_part_over_whole: "больше, чем педагогов всего", "more than the teachers in all";
    bad_zero_whole: "педагогов всего — 0, а часть задана", "no teachers in all, yet a part is given";
    bad_outside_year: "дата вне учебного года", "the date is outside the school year";
    att_of_target: "при цели", "against a target of";
    att_by: "срок", "due";
    att_programme: "антирисковая программа", "anti-risk programme";
    att_overdue_since: "срок прошёл", "overdue since";
    att_without_programme: "педагогов прошли диагностику, но не имеют индивидуальной программы", "of teachers were diagnosed but have no individual programme";
    att_came_in: "вошла в список", "came into the list";
    att_left: "вышла из списка", "left the list";
    sec_attention: "Требует внимания", "Needs attention";
    sec_diagnostics: "Диагностика профессиональных дефицитов", "Diagnostics of professional deficits";
    ind_rollup: "свод по району", "district roll-up";
    ind_schools: "шк.", "schools";
    dg_teachers: "педагогов", "teachers";
    dg_diagnosed: "прошли диагностику", "diagnosed";
    dg_with_programme: "с индивидуальной программой", "with an individual programme";
    dg_trained: "курсы за 3 года", "trained in 3 years";
    dg_courses: "курсы", "courses";
    dg_deficits: "дефициты", "deficits";
    dg_vacancies: "вакансии", "vacancies";
    col_item: "Направление / показатель", "Direction / indicator";
    col_due: "Срок / период", "Due / period";
    rk_deadline: "Срок", "Deadline";
    rk_goal: "Цель", "Goal";
    rk_measures: "Меры", "Measures";
    rk_progress: "Ход выполнения", "Progress";
    pic_title: "Картина", "Picture";
    pic_bars: "Показатели и цели (┃ — цель)", "Indicators against targets (┃ marks the target)";
    pic_heat: "Рисковые направления школ", "Schools' risk directions";
    pic_heat_legend: "● в работе   ✓ выполнено   ! срок прошёл   · не верифицировано", "● in work   ✓ done   ! overdue   · not verified";
    pic_dynamics: "Динамика", "Dynamics";
    pic_no_dynamics: "выберите показатель, измеренный не один раз", "select an indicator measured more than once";
    pic_nothing: "нет данных", "no data";
    hint_pictures: "картина", "picture";
    rk_form: "Антирисковая программа", "Anti-risk programme";
    rk_saved: "Программа сохранена", "Programme saved";
    rk_verify: "Верифицировать направление", "Verify a direction";
    rk_verified: "Направление верифицировано", "Direction verified";
    rk_all_verified: "Все направления из настроек уже верифицированы для этой школы", "Every direction of the config is verified for this school already";
    val_form: "Значение показателя", "Indicator value";
    val_share_hint: "доля, %", "a share, %";
    val_count_hint: "количество", "a count";
    val_yes_no_hint: "да/нет", "yes/no";
    val_school: "Школа (для свода)", "School (for the roll-up)";
    val_value: "Значение", "Value";
    val_part: "Из них (чел.)", "Of them (count)";
    val_whole: "Всего (чел.)", "In all (count)";
    val_date: "Дата измерения", "Measured on";
    val_saved: "Значение записано", "Value recorded";
    val_no_school: "нет такой школы", "no such school";
    dg_form: "Диагностика дефицитов", "Deficit diagnostics";
    dg_round: "Этап (январь 2023)", "Round (January 2023)";
    dg_teachers_f: "Педагогов всего", "Teachers in all";
    dg_diagnosed_f: "Прошли диагностику", "Diagnosed";
    dg_with_programme_f: "С индивид. программой", "With a programme";
    dg_trained_f: "Курсы за 3 года", "Trained in 3 years";
    dg_courses_f: "Курсы: тема: чел.", "Courses: topic: count";
    dg_deficits_f: "Дефициты: область: чел.", "Deficits: area: count";
    dg_vacancies_f: "Вакансии: предмет: чел.", "Vacancies: subject: count";
    dg_saved: "Диагностика записана", "Diagnostics recorded";
    dfc_new_hint: "n: на показателе — новое значение, на направлении — ещё направление, на диагностике — новый этап", "n: on an indicator a new value, on a direction another direction, on diagnostics a new round";
    tab_history: "История", "History";
    tab_agenda: "Неделя", "Agenda";
    forms_day: "день|дня|дней", "day|days";
    forms_teacher: "педагог|педагога|педагогов", "teacher|teachers";
    forms_person: "человек|человека|человек", "person|people";
    forms_connection: "подключение|подключения|подключений", "connection|connections";
    forms_team: "команда|команды|команд", "team|teams";
    tu_from: "из", "from";
    tu_schools: "ОО", "schools";
    col_turnout: "Сколько участников", "Attendance";
    tu_unknown: "кого считать? «24 педагога», «10 команд»", "who is counted? «24 teachers from 5 schools»";
    tu_twice: "одно и то же число дважды: оставьте одно", "the same count twice: keep one";
    tu_none: "нет числа: «24 педагога из 5 ОО»", "no number: «24 teachers from 5 schools»";
    tu_school: "для школы — педагоги или подключения: «3 педагога»", "for a school: teachers or connections, «3 teachers»";
    pt_participant: "участник", "participant";
    pt_organizer: "организатор", "organiser";
    pt_venue: "площадка", "venue";
    pt_awarded: "победитель / призёр", "winner / prize";
    ev_roster: "Участники мероприятия", "Participants of the event";
    ev_roster_open: "Пробел — роли и числа", "Space: parts and counts";
    ev_roster_note: "Примечание (номинация, диплом):", "Note (nomination, diploma):";
    ev_roster_counts: "Сколько от школы:", "How many from the school:";
    ev_roster_hint: "p роль · n примечание · t число · a добавить · x убрать · Esc назад", "p part · n note · t count · a add · x remove · Esc back";
    ev_roster_edit_hint: "Enter — сохранить · Esc — отменить", "Enter saves · Esc cancels";
    rp_col_awarded: "Победы и призы", "Won or placed";
    col_roles: "Роли участников", "Parts taken";
    tu_huge: "больше 1 000 000 — опечатка?", "over 1,000,000: a typo?";
    col_n_teachers: "Педагогов", "Teachers";
    col_n_people: "Человек", "People";
    col_n_schools: "Число ОО", "Schools";
    imp_bad_count: "не целое число (сколько участников: «24», не больше 1 000 000)", "not a whole number (how many came: «24», at most 1,000,000)";
    col_n_connections: "Подключений", "Connections";
    col_n_teams: "Команд", "Teams";
    hf_teachers: "число педагогов", "teachers";
    hf_people: "число участников", "people";
    hf_schools: "число ОО", "schools";
    hf_connections: "число подключений", "connections";
    hf_teams: "число команд", "teams";
    forms_decision: "решение|решения|решений", "decision|decisions";
    col_where: "Где", "Where";
    err_stale_journal: "остался журнал удалённой базы с этим именем; удалите его (и файл -shm рядом) или выберите другое имя", "the journal of a deleted store of this name is still there; delete it (and the -shm file beside it) or choose another name";
    rp_no_district: "нет такого района", "no such district";
    rp_two_districts: "под это подходят несколько районов, уточните", "several districts match, say which";
    rp_form: "Отчёт за учебный год", "The year's report";
    rp_field_year: "Учебный год", "School year";
    rp_field_format: "Формат", "Format";
    rp_field_file: "Файл", "File";
    rp_bad_year: "учебный год пишется как 2021-2022", "write a school year as 2021-2022";
    rp_bad_format: "docx (Word, LibreOffice), xlsx (Excel) или md (Markdown)", "docx (Word, LibreOffice), xlsx (Excel) or md (Markdown)";
    rp_file_name: "Отчёт", "Report";
    rp_remote: "Отчёт по SSH в файл не пишется: на сервере выполните `nastavnik report --format docx --out ФАЙЛ`", "Over SSH the report is not written to a file: run `nastavnik report --format docx --out FILE` on the server";
    act_report: "Отчёт за год в файл (.docx, .md)", "The year's report to a file (.docx, .md)";
    rp_none_were: "Мероприятий с таким состоянием в году нет", "No event of the year is";
    rp_chart_kinds: "Мероприятия по видам и состоянию", "Events by kind and state";
    rp_from: "с", "from";
    rp_to: "по", "to";
    rp_notes_of_school: "выводы хранятся для отчёта района или всего региона, не одной школы", "conclusions are kept for a district's or the region's report, not one school's";
    rp_events_days: "Мероприятий в эти дни", "Events in these days";
    rp_no_levels: "Категория неуспешности (уровень риска) школ в этом году не указана.", "No school's category of under-performance (risk level) is given this year.";
    rp_participations: "участий школ всего", "schools' participations in all";
    rp_measured: "Показатели с числовой целью и значением", "Indicators with a numeric target and value";
    rp_chart_indicators: "Показатели: цель и факт (по номерам таблицы)", "Indicators: target and value (by the table's numbers)";
    rp_title: "Отчёт о реализации программы сетевого наставничества школ с низкими образовательными результатами", "Report on the network mentoring programme for schools with low results";
    rp_all_districts: "Все районы", "All districts";
    rp_school_year: "учебный год", "school year";
    rp_made_on: "составлен", "made on";
    rp_no_data: "В базе нет данных для этого раздела.", "The store holds nothing for this section.";
    rp_sec_schools: "Школы в программе", "The schools in the programme";
    rp_schools_total: "Школ со статусом в этом году", "Schools with a status this year";
    rp_col_schools: "Школ", "Schools";
    rp_no_changes: "С прошлого года состав не изменился (или за прошлый год статусов нет).", "No school came in or left since last year (or last year has no statuses).";
    rp_changes: "Изменения с прошлого года", "Changes since last year";
    rp_col_change: "Изменение", "Change";
    rp_sec_network: "Сеть наставничества", "The mentoring network";
    rp_links_total: "Связей наставничества", "Mentoring links";
    rp_loads: "Нагрузка наставников", "Mentors' load";
    rp_col_mentees: "Наставляемых", "Mentees";
    rp_col_hosted: "Провела мероприятий", "Events hosted";
    rp_sec_roadmap: "Исполнение дорожной карты", "The roadmap's execution";
    rp_events_total: "Мероприятий в году", "Events in the year";
    rp_col_total: "Всего", "Total";
    rp_total: "Итого", "Total";
    rp_by_month: "По месяцам (по дате начала)", "By month (of their first day)";
    rp_col_month: "Месяц", "Month";
    rp_col_events: "Мероприятий", "Events";
    rp_turnout_of: "Число участников указано у", "Attendance is given for";
    rp_turnout_events: "мероприятий; суммы ниже — по ним (участие по школам — в разделе 4)", "events; the sums below are theirs (participation by school: section 4)";
    rp_turnout_none: "Число участников не указано ни у одного мероприятия: участие считается по школам (раздел 4).", "No event gives its attendance: participation is counted by school (section 4).";
    rp_col_counted: "Мероприятий с числом", "Events counted";
    rp_sec_participation: "Участие школ в мероприятиях", "The schools' participation";
    rp_participation_of: "Мероприятий со списком школ-участниц", "Events with a list of participating schools";
    rp_of: "из", "of";
    rp_col_took_part: "Участвовала", "Took part";
    rp_sec_risks: "Рисковые направления и антирисковые программы", "Risk directions and anti-risk programmes";
    rp_risks_total: "Подтверждённых рисковых направлений", "Verified risk directions";
    rp_col_direction: "Направление", "Direction";
    rp_col_progress: "Ход выполнения", "Progress";
    rp_sec_diagnostics: "Диагностика профессиональных дефицитов и курсы", "Diagnostics of professional deficits and courses";
    rp_col_round: "Этап", "Round";
    rp_col_summary: "Итоги", "Results";
    rp_sec_indicators: "Показатели и их целевые значения", "Indicators against their targets";
    rp_met: "достигнуто", "met";
    rp_not_met: "не достигнуто", "not met";
    rp_col_met: "Итог", "Outcome";
    rp_sec_agreements: "Договоры о сетевом взаимодействии", "Network agreements";
    rp_sec_decisions: "Решения и рекомендации", "Decisions and recommendations";
    rp_sec_programmes: "Программы и дорожные карты: выполнение по задачам", "Programmes and roadmaps: execution task by task";
    rp_no_tasks: "Задачи в документе не перечислены.", "The document lists no tasks.";
    rp_tasks_done: "Задач выполнено", "Tasks done";
    rp_decisions_total: "Решений и рекомендаций", "Decisions and recommendations";
    rp_in_work: "в работе", "in work";
    rp_no_deadline: "без срока", "no deadline";
    rp_col_meeting: "Протокол / документ", "Minutes / document";
    rp_counted: "Все числа отчёта (разделы 1–10) посчитаны программой «Наставник» по её базе.", "Every number of this report (sections 1–10) was counted by nastavnik from its store.";
    rp_sec_closing: "Выводы, проблемы и предложения", "Conclusions, problems and proposals";
    rp_closing_empty: "Этот раздел пишет координатор: в программе — O, поле «Выводы и предложения»; из командной строки — nastavnik report … --notes ФАЙЛ. Написанное хранится в базе и войдёт в отчёт и в следующий раз.", "The coordinator writes this section: O in the program, the field «Conclusions»; from the command line, nastavnik report … --notes FILE. It is kept in the store for the next time too.";
    rp_field_notes: "Выводы и предложения", "Conclusions";
    sm_year: "Итог года", "The year";
    sm_months: "По месяцам", "By month";
    sm_overdue: "просрочено", "overdue";
    sm_peak: "· больше всего в месяц:", "· most in a month:";
    col_week: "Когда", "When";
    wk_title: "Повестка", "Agenda";
    wk_overdue: "Просрочено", "Overdue";
    wk_today: "Сегодня", "Today";
    wk_this_week: "Эта неделя", "This week";
    wk_next_week: "Следующая неделя", "Next week";
    wk_later: "Позже", "Later";
    wk_up_to: "до", "up to";
    wk_late_by: "просрочено на", "overdue by";
    wk_until: "до", "until";
    wk_today_word: "сегодня", "today";
    wk_in: "через", "in";
    wk_kind_event: "мероприятие", "event";
    wk_kind_decision: "решение", "decision";
    wk_kind_task: "задача программы", "programme task";
    wk_kind_risk: "программа", "programme";
    wk_kind_indicator: "показатель", "indicator";
    wk_kind_agreement: "договор", "agreement";
    wk_ends: "— срок истекает", "— its term ends";
    wk_undated: "Открытые решения без срока (не в повестке)", "Open decisions without a deadline (not on the agenda)";
    wk_not_in_pane: "Эта строка не видна на своей панели (фокус на другом районе?)", "This line is not shown in its pane (another district in focus?)";
    wk_nothing: "Ничего не просрочено и ничего не назначено на эти дни.", "Nothing overdue and nothing due in these days.";
    col_when: "Когда", "When";
    col_who: "Кто", "Who";
    col_what: "Что", "What";
    col_field: "Поле", "Field";
    col_change: "Было → стало", "Old → new";
    cf_title: "Пока вы правили, запись изменил коллега", "A colleague changed this while you were editing";
    cf_changed_by: "Изменил(а):", "Changed by:";
    cf_theirs: "Сейчас в базе", "Now in the store";
    cf_mine: "Ваше", "Yours";
    cf_theirs_short: "в базе", "stored";
    cf_mine_short: "ваше", "yours";
    cf_same_fields: "Поля, которые вы правили, совпадают; изменилось другое.", "The fields you edited agree; something else changed.";
    cf_keys: "t — оставить как в базе · m — сохранить мою версию · e — править заново", "t — keep theirs · m — save my version · e — edit again";
    cf_keep: "оставить как в базе", "keep theirs";
    cf_kept_theirs: "Оставлено как в базе", "Kept theirs";
    cf_wrote_mine: "Сохранена ваша версия", "Your version saved";
    forbidden_viewer: "Только просмотр: изменения вам не разрешены, ничего не записано", "View only: you may not change anything; nothing was written";
    forbidden_school: "Вы куратор и меняете только свои школы; ничего не записано", "As a curator you change only your schools; nothing was written";
    forbidden_district: "это общее для района", "this belongs to the district";
    role_coordinator: "координатор", "coordinator";
    role_curator: "куратор", "curator";
    role_viewer: "просмотр", "viewer";
    ag_recorded: "в карточке записан", "recorded as";
    ag_by_term: "по сроку", "by its term";
    ag_parties_sec: "Стороны", "Parties";
    ag_plan_sec: "План совместной деятельности", "Joint activity plan";
    ag_additional_sec: "Дополнительные соглашения", "Additional agreements";
    ag_amends: "К договору", "Amends";
    ag_goals: "Цели", "Goals";
    ag_tasks: "Задачи", "Tasks";
    ag_place: "Место заключения", "Place";
    ag_party: "Сторона", "Party";
    ag_signatory: "  подписант (Ф.И.О.)", "  signatory (full name)";
    ag_position: "  должность", "  position";
    ag_basis: "  на основании", "  acting on the basis of";
    ag_address: "  адрес, реквизиты", "  address, details";
    ag_start: "Срок: с", "Term from";
    ag_end: "Срок: по", "Term until";
    ag_term_text: "Срок (как в тексте)", "Term (as written)";
    ag_form: "Договор", "Agreement";
    draft_hint: "Tab поле · Ctrl-S сохранить · Esc в черновик · Ctrl-D удалить черновик", "Tab field · Ctrl-S save · Esc keeps a draft · Ctrl-D discards it";
    ag_hint: "Tab/↓ следующее поле · Ctrl-S сохранить · Esc закрыть без сохранения", "Tab/↓ next field · Ctrl-S save · Esc close without saving";
    ag_saved: "Договор сохранён", "Agreement saved";
    ag_plan_progress: "выполнено", "done";
    ag_no_plan: "плана нет", "no plan";
    ag_in_roadmap: "строки плана — события дорожной карты (3): правьте их там; P — новая строка", "plan rows are roadmap events (3): edit them there; P adds a row";
    col_plan: "План", "Plan";
    act_advance: "Договор: следующий шаг (→ подписан → …)", "Agreement: next step (→ signed → …)";
    act_terminate: "Договор: расторгнуть (спросит)", "Agreement: terminate (asks first)";
    hint_advance: "след. этап", "next step";
    doc_written: "записан", "written";
    ag_kind_additional: "доп. соглашение", "additional agreement";

    kind_school: "школа", "school";
    kind_body: "организация", "body";
    lvl_school_school: "школа → школа", "school → school";
    lvl_org_school: "организация → школа", "organisation → school";
    lvl_coordinator_school: "координатор → школа", "coordinator → school";
    lvl_curator_school: "куратор → школа", "curator → school";
    lvl_person_school: "наставник → школа", "mentor → school";
    lvl_person_person: "педагог → педагог", "teacher → teacher";
    model_distributed: "распределённая", "distributed";
    model_resource: "ресурсная концентрированная", "resource-concentrated";

    col_school: "Школа", "School";
    col_district: "Район", "District";
    col_town: "Населённый пункт", "Town";
    col_status: "Статус", "Status";
    col_risk: "Категория неуспешности", "Under-performance";
    col_mentor: "Наставник", "Mentor";
    col_mentee: "Наставляемый", "Mentee";
    col_level: "Уровень", "Level";
    col_form: "Форма", "Form";
    col_subject: "Предмет", "Subject";
    col_period: "Период", "Period";
    col_basis: "Основание", "Basis";
    col_date: "Дата / срок", "Date / period";
    col_kind: "Вид", "Kind";
    col_title: "Мероприятие", "Event";
    col_grades: "Классы", "Grades";
    col_host: "Организатор", "Organiser";
    col_teacher: "Педагог", "Teacher";
    col_owner: "Школа / район", "School / district";
    col_direction: "Рисковое направление", "Risk direction";
    col_indicator: "Показатель", "Indicator";
    col_target: "План", "Target";
    col_actual: "Факт", "Actual";
    col_number: "Номер", "Number";
    col_signed: "Дата", "Date";
    col_agreement: "Договор", "Agreement";
    col_parties: "Стороны", "Parties";
    col_term: "Срок действия", "Term";
    col_deadline: "Срок", "Deadline";
    col_responsible: "Ответственные", "Responsible";
    col_decision: "Решение", "Decision";
    col_result: "Результат", "Result";
    col_participants: "Участники", "Participants";
    col_programme: "Антирисковая программа", "Anti-risk programme";
    col_changed: "Изменено", "Changed";

    sec_decisions: "Решения совещаний и рекомендации отчётов", "Decisions of meetings and recommendations of reports";
    sec_risks: "Рисковые направления", "Risk directions";
    sec_indicators: "Показатели", "Indicators";
    sec_status_history: "Статус по годам", "Status by year";
    sec_mentors: "Кто наставляет", "Mentored by";
    sec_mentees: "Кого наставляет", "Mentors";
    sec_supporters: "Кто сопровождает (координатор, куратор, организация)", "Supported by (coordinator, curator, body)";
    sec_supported: "Кого сопровождает", "Supports";
    sec_events: "Мероприятия", "Events";
    sec_agreements: "Договоры", "Agreements";
    sec_appendices: "Приложения", "Appendices";
    sec_history: "История изменений", "Change history";
    sec_director: "Директор", "Director";
    none: "—", "—";
    hist_created: "создано", "created";
    hist_deleted: "удалено", "deleted";
    hist_creation_undone: "создание отменено", "creation undone";
    hist_restored: "восстановлено", "restored";
    not_undoable: "Это действие нельзя отменить (оно старше журнала отмены или на созданную запись уже ссылаются); следующая отмена перейдёт к предыдущему", "This change cannot be undone (it is older than the undo log, or something refers to what it created); the next undo goes on to the one before";
    undo_conflict: "Нельзя отменить: это значение с тех пор изменил(а)", "Cannot be undone: the value was changed since by";
    undo_next: "следующая отмена перейдёт к предыдущему действию", "the next undo goes on to the change before";
    via: "через", "via";
    via_mentor: "через наставника:", "via the mentor";
    col_note: "Примечание", "Note";
    reading_rest: "читаю остальные панели…", "reading the other panes…";
    reading_again: "обновляю: изменения коллеги…", "refreshing: a colleague's change…";
    ev_proposal: "Строка плана договора, который не подписан (проект, образец шаблона) или расторгнут: предложение, не обязательство — не просрочено и не в повестке.", "A row of the plan of an agreement not signed (a draft, a template's sample) or terminated: a proposal, not a commitment — never overdue, not on the agenda.";
    lookup_title: "Кто кого наставляет", "Who mentors whom";
    lookup_prompt: "Школа, педагог, город или предмет", "School, teacher, town or subject";
    lookup_nothing: "Ничего не найдено", "Nothing found";
    lookup_hint: "Enter — ответ, ↑↓ — выбор, Esc — назад", "Enter answers, ↑↓ choose, Esc goes back";
    act_lookup: "Кто кого наставляет: найти школу, человека", "Who mentors whom: find a school or person";
    act_copy: "Скопировать ответ «кто кого» (и по SSH)", "Copy the who-mentors answer (over SSH too)";
    copied: "Ответ скопирован в буфер обмена", "The answer is on the clipboard";
    hint_lookup: "кто кого", "who mentors";
    hint_copy: "копировать", "copy";
    hint_jump: "перейти", "go to";
    near_misses: "ближайшие совпадения", "nearest matches";
    err_required: "обязательное поле", "required";
    err_self: "нельзя наставлять самого себя", "no one mentors themselves";
    err_org_person: "школа наставляет школу, педагога — педагог: выберите человека", "a school mentors a school, a teacher a teacher: pick a person";
    month_days: "в январе 31 день|в феврале невисокосного года 28 дней|в марте 31 день|в апреле 30 дней|в мае 31 день|в июне 30 дней|в июле 31 день|в августе 31 день|в сентябре 30 дней|в октябре 31 день|в ноябре 30 дней|в декабре 31 день|в феврале високосного года 29 дней", "January has 31 days|February of a common year has 28 days|March has 31 days|April has 30 days|May has 31 days|June has 30 days|July has 31 days|August has 31 days|September has 30 days|October has 31 days|November has 30 days|December has 31 days|February of a leap year has 29 days";
    err_date: "дата не распознана: пишите 25.11.2021 или 2021-11-25", "write a date as 25.11.2021 or 2021-11-25";
    err_output: "не удалось записать вывод", "cannot write the output";
    err_exists: "файл уже есть; nastavnik не перезаписывает файлы — выберите другое имя", "the file exists already; nastavnik does not overwrite files — choose another name";
    err_no_store: "хранилища здесь нет; новое, пустое создаёт `nastavnik init --db ПУТЬ`, демонстрационное — `nastavnik demo --out ПУТЬ`", "there is no store here; `nastavnik init --db PATH` makes a new, empty one, `nastavnik demo --out PATH` the demo";
    store_created: "создано новое хранилище:", "a new store was made:";
    damaged_values: "Некоторые значения записаны другой программой с неверной кодировкой и показаны со знаком �; `nastavnik check` покажет, где", "Some values were written by another program in a broken encoding and are shown with �; `nastavnik check` shows where";
    check_ok: "хранилище в порядке: целостность проверена, все тексты читаются", "the store is sound: integrity checked, every text reads";
    err_exists_force: "уже существует; чтобы заменить, добавьте --force", "already exists; pass --force to replace it";
    err_not_a_file: "не обычный файл (устройство, папка или ссылка на них) — сюда ничего не пишется", "not a regular file (a device, a folder or a link to one); nothing is written there";
    users_in_config: "таблица [users] в вашем конфиге больше не читается: роли хранятся в самом хранилище (nastavnik users)", "the [users] table of your config is no longer read: roles are kept in the store itself (nastavnik users)";
    paste_cut: "Вставлены первые", "Pasted the first";
    paste_of: "знаков из", "characters of";
    ambiguous: "уточните запрос: одинаково подходят", "be more specific: these fit equally well";
    moved_to_year: "мероприятие теперь в учебном году", "the event is now in the academic year";
    se_newer: "файл записан более новой версией nastavnik — обновите программу; файл не тронут. Схема файла / известная этой версии:", "the file was written by a newer nastavnik — update the program; the file was left untouched. Schema of the file / known to this version:";
    se_not_store: "это не хранилище nastavnik (другой файл или чужая база данных); файл не тронут", "this is not a nastavnik store (another kind of file or database); it was left untouched";
    se_read_only: "в файл нельзя писать (только чтение); файл не тронут — проверьте права или укажите другой --db", "the file cannot be written (read-only); it was left untouched — check its permissions or pass another --db";
    se_not_found: "не найдено", "not found";
    se_busy: "хранилище полминуты было занято изменениями коллег; ничего не записано — повторите", "the store stayed busy with other coordinators' changes for half a minute; nothing was written — try again";
    se_unknown_schools: "в хранилище нет такой школы:", "no such school in the store:";
    se_no_coordinator: "в списке пользователей должен остаться координатор, иначе его никто не сможет изменить; ничего не записано", "the list of users must keep a coordinator, or nobody could change it again; nothing was written";
    se_database: "ошибка базы данных:", "database error:";
    period_from: "с", "from";
    bad_share_disagrees: "доля не сходится со счётом; по счёту выходит", "the share disagrees with the counts, which give";
    pick_title: "Выбор школы или человека", "Pick a school or a person";
    pick_hint: "Enter — выбрать, ↑↓ — выбор, Esc — назад", "Enter picks, ↑↓ choose, Esc goes back";
    hist_state: "состояние", "state";
    hist_role: "роль", "role";
    hist_name: "название", "name";
    hist_active: "действует", "active";
    ent_event: "мероприятие", "event";
    ent_decision: "решение", "decision";
    ent_recommendation: "рекомендация", "recommendation";
    rep_kind: "отчёт", "report";
    forms_recommendation: "рекомендация|рекомендации|рекомендаций", "recommendation|recommendations";
    sec_reports: "Отчёты и их рекомендации", "Reports and their recommendations";
    rep_form: "Отчёт", "Report";
    rep_new: "Новый отчёт", "New report";
    rep_author: "Кем составлен", "Written by";
    rep_note: "Выводы и примечание", "Conclusions and note";
    rep_period_hint: "за какой период: «1 полугодие 2022 года», «01.01.2023–31.12.2023»", "the period it covers: «01.01.2023–31.12.2023»";
    rep_recommendations: "Рекомендации", "Recommendations";
    rep_addressee: "Кому", "To";
    rep_addressee_hint: "кому адресована: «Управление образования», «директора ШНОР»", "whom it is addressed to: a body, the directors";
    rep_no_addressee: "адресат не назван", "no addressee named";
    rep_new_recommendation: "Новая рекомендация", "New recommendation";
    ent_recommendation_title: "Рекомендация", "Recommendation";
    rep_saved: "Отчёт сохранён", "Report saved";
    rep_remove: "Удалить отчёт", "Remove the report";
    rep_removed: "Отчёт удалён", "Report removed";
    gr_remove: "Удалить группу", "Remove the group";
    gr_removed: "Группа удалена", "Group removed";
    rep_recommendation_saved: "Рекомендация добавлена — она в Дорожной карте среди решений", "Recommendation added — it is on the Roadmap with the decisions";
    ent_agreement: "договор", "agreement";
    ent_party: "сторона договора", "party";
    ent_risk: "направление риска", "risk direction";
    ent_link: "связь наставничества", "mentoring link";
    ent_meeting: "совещание", "meeting";
    ent_value: "значение показателя", "indicator value";
    ent_diagnostic: "диагностика", "diagnostics";
    ent_org: "организация", "organisation";
    ent_org_or_person: "организация или человек", "organisation or person";
    ent_person: "человек", "person";
    ent_cluster_status: "статус школы", "school's status";
    ent_network: "сеть школ", "network";
    hist_member: "участник", "member";
    ent_user: "пользователь", "user";
    log_unwritable: "журнал записать нельзя, работа продолжается без него", "the log cannot be written; going on without it";
    sc_form: "Новая школа", "New school";
    sc_name: "Полное название", "Full name";
    sc_short: "Краткое название", "Short name";
    sc_type: "Тип (СОШ, ООШ, гимназия…)", "Type (СОШ, ООШ, гимназия…)";
    sc_status: "Статус в", "Status in";
    sc_status_needed: "уровень риска ставится вместе со статусом", "a risk level goes with a status";
    sc_duplicate: "такая школа в этом районе уже есть", "this school is in this district already";
    sc_saved: "Школа добавлена", "School added";
    sc_saved_unlisted: "Школа добавлена; в «Кластерах» она появится, когда у неё будет статус на год", "School added; it shows in Clusters once it has a status for the year";
    err_config: "не удалось прочитать конфигурацию", "cannot read the config";
    err_opening_store: "не удалось открыть хранилище", "cannot open the store";
    err_demo: "не удалось создать демо-хранилище во временной папке", "cannot make the demo store in a temporary folder";
    err_roles: "роли из [users] конфигурации", "the roles of the config's [users]";
    who_no_table: "ответ «кто кого наставляет» — не таблица: --format text или json", "the answer to «who mentors whom» is not a table: use --format text or json";
    err_year_range: "год должен быть от 1990 до 2100 — проверьте цифры", "the year must be from 1990 to 2100 — check the digits";
    err_end_before: "окончание раньше начала", "the end is before the start";
    err_duplicate: "такая действующая связь уже есть", "such an active link already exists";
    fld_start: "Начало", "Start";
    fld_end: "Окончание", "End";
    fld_basis: "Основание (приказ, №)", "Basis (order, No.)";
    fld_basis_date: "Дата приказа", "Order date";
    form_new_link: "Новая связь наставничества", "New mentoring link";
    form_edit_link: "Связь наставничества", "Mentoring link";
    form_hint: "↑↓ Tab поле · Enter выбрать/далее · Ctrl-S сохранить · Esc в черновик · Ctrl-D удалить черновик", "↑↓ Tab field · Enter pick/next · Ctrl-S save · Esc cancel (the draft is kept) · Ctrl-D discard";
    form_pick: "Enter — выбрать", "Enter to pick";
    link_saved: "Связь сохранена", "Link saved";
    link_ended: "Связь завершена; она остаётся в истории", "Link ended; it stays in the history";
    draft_restored: "Восстановлен несохранённый черновик", "The unsaved draft is back";
    draft_kept: "Черновик сохранён: откроется в этой же форме; Ctrl-D в форме — удалить", "Draft kept: it opens in the same form; Ctrl-D in the form discards it";
    draft_discarded: "Черновик удалён", "Draft discarded";
    end_title: "Завершить связь", "End the link";
    end_prompt: "Дата окончания (Enter — сохранить, Esc — отмена)", "End date (Enter saves, Esc cancels)";
    act_new: "Новое: школа, связь, событие, договор", "New school, link, event, agreement";
    hint_new_school: "новая школа", "new school";
    act_edit: "Изменить: школу, связь, событие, договор", "Edit the selected school, link, event, agreement";
    act_end: "Завершить связь (останется в истории)", "End the link (it stays in history)";
    act_save: "Сохранить форму", "Save the form";
    hint_new: "новая", "new";
    dt_renamed: "Район переименован", "District renamed";
    dc_saved: "Решение исправлено", "Decision corrected";
    val_corrected: "Значение исправлено", "Value corrected";
    val_correct_form: "Исправить значение", "Correct the value";
    val_none_to_correct: "У этой строки нет введённого значения: n — добавить", "This row has no value entered: n adds one";
    hist_text: "текст", "text";
    act_focus: "Район в фокусе (только его школы)", "District in focus (only its schools)";
    act_share: "Показ экрана: ФИО и категории скрыты", "Screen share: names and categories hidden";
    focus_title: "Район в фокусе", "District in focus";
    focus_all: "Весь регион", "The whole region";
    focus_on: "В фокусе", "In focus";
    focus_off: "В фокусе весь регион", "The whole region is in focus";
    share_on: "Демонстрация экрана: имена сокращены, категории и уровни риска скрыты; S — выключить", "Screen share: names cut to initials, categories and risk levels hidden; S turns it off";
    share_off: "Демонстрация экрана выключена", "Screen share is off";
    share_mark: "ДЕМОНСТРАЦИЯ ЭКРАНА", "SCREEN SHARE";
    basis_doubt: "дата документа позже начала связи — так в источнике, вероятно опечатка", "the document is dated after the link began — as in the source, likely a misprint";
    basis_doubt_short: "⚠ вероятно, опечатка в дате", "⚠ likely a misprinted date";
    min_corrected: "Протокол исправлен", "Minutes corrected";
    min_correct_form: "Исправить протокол", "Correct the minutes";
    min_place: "Место", "Place";
    sec_networks: "Сети школ", "Networks of schools";
    nw_model: "Модель", "Model";
    nw_no_model: "модель не указана", "model not stated";
    nw_members: "Участники", "Members";
    nw_no_members: "не указаны (в документе их нет)", "not stated (the document has none)";
    nw_form: "Сеть школ", "Network of schools";
    nw_new: "Новая сеть школ", "New network of schools";
    nw_name: "Название", "Name";
    nw_members_hint: "по школе в строке: «СОШ №1», «сош3 пикалево»…", "one school a line: «СОШ №1», «сош3 пикалево»…";
    nw_model_hint: "распределённая, ресурсная или пусто", "distributed, resource or empty";
    nw_bad_model: "модель — «распределённая», «ресурсная» или пусто", "the model is «distributed», «resource» or empty";
    nw_saved: "Сеть сохранена", "Network saved";
    nw_duplicate: "такая сеть в районе в этом году уже есть", "the district has this network this year already";
    nw_no_district: "нет такого района", "no such district";
    sec_orders: "Приказы — на чём основаны записи", "Orders the records rest on";
    ord_order: "Приказ", "Order";
    ord_of: "от", "of";
    ord_kind: "приказ", "order";
    ord_kind_directive: "распоряжение", "directive";
    ord_directive: "Распоряжение", "Directive";
    ord_doc_kind: "Вид документа", "Kind of document";
    ord_bad_kind: "вид — «приказ» или «распоряжение»", "the kind is «приказ» (order) or «распоряжение» (directive)";
    ord_no_refs: "ссылок нет", "not cited";
    ord_new: "Новый приказ", "New order";
    sec_programmes: "Программы и дорожные карты", "Programmes and roadmaps";
    pg_kind: "программа", "programme";
    pg_task: "задача", "task";
    pg_task_title: "Задача", "Task";
    pg_kind_roadmap: "дорожная карта", "roadmap";
    pg_tasks: "Задачи", "Tasks";
    pg_tasks_done: "выполнено", "done";
    pg_no_tasks: "задачи не записаны (в документе их нет) — P добавит задачу", "no tasks written (the document lists none) — P adds one";
    pg_period: "Период", "Period";
    pg_basis: "Основание", "Basis";
    pg_indicator: "Показатель", "Indicator";
    pg_form: "Программа", "Programme";
    pg_new: "Новая программа или дорожная карта", "New programme or roadmap";
    pg_name: "Название", "Name";
    pg_basis_hint: "приказ, которым утверждена: «приказ УО от 24.03.2022 № 267»", "the order approving it: «приказ УО от 24.03.2022 № 267»";
    pg_task_form: "Задача программы", "Task of the programme";
    pg_task_new: "Новая задача", "New task";
    pg_status_hint: "запланировано, в работе, выполнено, перенесено, отменено", "planned, in progress, done, postponed, cancelled";
    pg_bad_status: "статус — запланировано, в работе, выполнено, перенесено или отменено", "the status is planned, in progress, done, postponed or cancelled";
    pg_saved: "Программа сохранена", "Programme saved";
    pg_task_saved: "Задача сохранена", "Task saved";
    pg_remove: "Удалить программу", "Remove the programme";
    pg_remove_task: "Удалить задачу", "Remove the task";
    pg_removed: "Программа удалена", "Programme removed";
    pg_task_removed: "Задача удалена", "Task removed";
    hint_new_task: "новая задача", "new task";
    hint_new_recommendation: "новая рекомендация", "new recommendation";
    ord_issuer: "Кем издан", "Issued by";
    ord_issuer_hint: "как в тексте, после «приказ»: «МКУ ЦРО», «Управления образования»", "as the texts write it after «приказ»: «МКУ ЦРО»";
    ord_title: "Название", "Title";
    ord_needs_number: "нужен номер или дата приказа", "an order needs a number or a date";
    ord_cited_fixed: "реквизиты приказа — из текста ссылающихся на него записей; исправьте их там:", "the order's particulars come from the texts of the records citing it; correct them there:";
    ord_duplicate: "такой приказ в районе уже есть", "the district has this order already";
    ord_saved: "Приказ сохранён", "Order saved";
    ord_not_stored: "Этот приказ записан только в тексте записей — удалять нечего", "This order is only written in the records' texts — nothing to remove";
    ord_remove: "Удалить приказ", "Remove the order";
    ord_removed: "Приказ удалён", "Order removed";
    ord_remove_q: "Удалить", "Remove";
    ord_remove_own_q: "Удалить название и примечание приказа", "Remove the title and note of";
    ord_remove_keeps: "Записи, что на него ссылаются, останутся.", "The records citing it stay as they are.";
    ord_rests: "На нём основаны", "What rests on it";
    ord_related: "Связано", "Related";
    ord_doubt: "дата позже сегодняшней — так в источнике, вероятно опечатка", "dated after today — as in the source, likely a misprint";
    ord_only_text: "записан только в тексте записей; название и примечание — клавишей e", "written only in the records' texts; give it a title and a note with e";
    ord_ref_link: "связь", "link";
    ord_ref_programme: "программа", "programme";
    ord_ref_group: "группа", "group";
    sec_groups: "Группы: рабочие, творческие, сообщества", "Groups: working, creative, communities";
    gr_form: "Группа", "Group";
    gr_new: "Новая группа", "New group";
    gr_name: "Название", "Name";
    gr_kind: "Вид", "Kind";
    gr_kind_hint: "как в документе: «рабочая группа», «творческая группа», «тьюторское сообщество»", "as the document says: working group, tutor community";
    gr_composition: "Состав (как в документе)", "Composition (as written)";
    gr_since: "С какого времени", "Since";
    gr_members: "Участники по имени", "Members by name";
    gr_members_hint: "по человеку в строке: «Т.П. Маслова — руководитель»", "one a line: «Т.П. Маслова — руководитель»";
    gr_no_members: "поимённо не названы", "not named";
    gr_saved: "Группа сохранена", "Group saved";
    forms_member: "участник|участника|участников", "member|members";
    act_new_group: "Новая группа педагогов или специалистов", "New group of people (working, creative…)";
    hint_new_group: "новая группа", "new group";
    ord_ref_status: "статус школы", "school's status";
    ord_ref_risk: "рисковый профиль", "risk direction";
    ord_ref_event: "мероприятие", "event";
    act_new_network: "Новая сеть школ года (модель, участники)", "New network of the year (model, members)";
    hint_new_network: "новая сеть", "new network";
    hint_save: "сохранить", "save";
    hint_retire: "выбыл / вернуть", "left / back";
    hint_merge: "объединить", "merge";
    hint_edit: "изменить", "edit";
    hint_end: "завершить", "end";
    why_subject: "тот же предмет", "same subject";
    why_town: "тот же город", "same town";
    why_district: "тот же район", "same district";
    why_load: "нагрузка", "load";
    load_mentees: "наставляемый|наставляемых|наставляемых", "mentee|mentees";
    load_events: "мероприятие|мероприятия|мероприятий", "event hosted|events hosted";
    load_over: "выше порога", "above the limit";
    load_title: "Нагрузка наставников", "Mentors' load";
    sec_uncovered: "Без наставника — предложения", "No mentor — suggestions";
    sec_suggestions: "Предлагаемые наставники", "Suggested mentors";
    no_candidates: "кандидатов в том же районе нет", "no candidates in the same district";
    act_load: "Нагрузка наставников за год", "Mentors' load for the year";
    hint_load: "нагрузка", "load";
    suggestion: "предложение", "suggestion";
    err_when: "дата не распознана: 25.11.2021, «октябрь–ноябрь 2021», «осенние каникулы 2021»…", "cannot read the date: 25.11.2021, «октябрь–ноябрь 2021», «осенние каникулы 2021»…";
    ask_result: "Результат (например «24 педагога из 5 школ»); Enter — сохранить, можно пустым", "Result (e.g. «24 teachers of 5 schools»); Enter saves, may be empty";
    ask_date: "Новая дата или период (25.11.2021, «декабрь 2021»…); Enter — сохранить", "New date or period (25.11.2021, «декабрь 2021»…); Enter saves";
    undone: "Отменено", "Undone";
    redone: "Повторено", "Redone";
    nothing_to_undo: "Нечего отменять", "Nothing to undo";
    nothing_to_redo: "Нечего повторять", "Nothing to redo";
    act_planned: "Статус: запланировано", "Status: planned";
    act_in_progress: "Статус: идёт", "Status: in progress";
    act_done: "Статус: проведено (спросит результат)", "Status: done (asks for the result)";
    act_postponed: "Статус: перенесено (спросит новую дату)", "Status: postponed (asks for the new date)";
    act_cancelled: "Статус: отменено", "Status: cancelled";
    act_undo: "Отменить своё изменение (и после выхода)", "Undo your last change (even after restart)";
    act_redo: "Повторить отменённое", "Redo what was undone";
    hint_undo: "отмена", "undo";
    act_timeline: "Шкала времени / картина дефицитов ↔ список", "Timeline / deficits picture ↔ list";
    act_zoom_in: "Шкала: по неделям", "Timeline: by weeks";
    act_zoom_out: "Шкала: по месяцам", "Timeline: by months";
    act_today: "Шкала: к сегодняшнему дню", "Timeline: go to today";
    act_rows_by_school: "Шкала: строка на мероприятие ↔ на школу", "Timeline: a row per event ↔ per school";
    hint_timeline: "графики", "timeline";
    hint_list: "список", "list";
    hint_scroll: "время", "time";
    hint_zoom: "масштаб", "zoom";
    hint_today: "сегодня", "today";
    hint_rows: "по школам", "by school";
    months_short: "янв фев мар апр май июн июл авг сен окт ноя дек", "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec";
    today_mark: "сегодня", "today";
    doc_protocol: "Протокол", "Minutes";
    doc_date: "Дата", "Date";
    doc_time: "Время", "Time";
    doc_place: "Место проведения", "Place";
    doc_format: "Формат проведения", "Format";
    doc_agenda: "Повестка", "Agenda";
    doc_audience: "Целевая аудитория", "Audience";
    mk_as_written: "так в документе", "as written in the source";
    mk_doubtful: "сомнительно", "doubtful";
    mk_remove: "снять отметку", "remove the mark";
    mk_field: "Поле", "Field";
    mk_kind: "Отметка", "Mark";
    mk_title: "Отметить значение", "Mark a value";
    mk_bad_field: "такого поля нет; поля", "no such field; the fields are";
    mk_bad_kind: "«так в документе», «сомнительно» или «снять отметку»", "«as written», «doubtful» or «remove»";
    mk_saved: "Отметка сохранена", "Mark saved";
    mk_removed: "Отметка снята", "Mark removed";
    mk_none_here: "здесь нечего отметить: выберите мероприятие, решение, связь, договор, программу, задачу, группу, отчёт или внесённый приказ", "nothing to mark here: select an event, a decision, a link, an agreement, a programme, a task, a group, a report or an entered order";
    act_mark: "Отметить: так в документе / сомнительно", "Mark a value: as written / doubtful";
    hist_mark: "отметка", "mark";
    doc_moderators: "Модераторы", "Moderators";
    doc_connections: "Количество подключений", "Connections";
    form_connections: "Число подключений", "Connections";
    doc_appendices: "Приложение", "Appendices";
    doc_signed: "Подписал", "Signed by";
    err_whole: "целое число, например «25»", "a whole number, e.g. «25»";
    doc_heard: "Слушали", "Heard";
    doc_decided: "Решили", "Decided";
    min_title: "Тема", "Title";
    min_link: "Ссылка (Zoom, ВКС)", "Link (Zoom, VKS)";
    min_decisions: "Решения", "Decisions";
    min_line: "строка", "line";
    min_saved: "Протокол сохранён", "Minutes saved";
    min_form: "Протокол совещания", "Meeting minutes";
    min_hint: "Tab поле · Enter выбрать/строка · повестка: вопрос | докладчик | слушали · решение: что | срок | кто · Ctrl-S", "Tab field · Enter pick/new line · agenda: item | speaker | heard · decision: what | deadline | who · Ctrl-S";
    act_minutes: "Протокол: новый; на решении — исправить его", "Minutes: new; on a decision, correct its own";
    hint_minutes: "протокол", "minutes";
    act_copy_event: "Копия выбранного мероприятия", "Copy the selected event";
    act_delete_event: "Удалить мероприятие (спросит)", "Remove the event (asks first)";
    act_remove_document: "Удалить программу, отчёт, приказ (спросит)", "Remove a programme, report, order (asks)";
    act_remove_group: "Удалить группу (спросит)", "Remove the group (asks first)";
    ev_funding: "Финансирование", "Funding";
    ev_expected: "Ожидаемый результат", "Expected result";
    ev_form_new: "Новое мероприятие", "New event";
    ev_form_edit: "Мероприятие", "Event";
    ev_saved: "Мероприятие сохранено", "Event saved";
    ev_deleted: "Мероприятие удалено; запись об этом осталась в истории", "Event removed; the history keeps a record";
    ev_delete: "Удалить мероприятие", "Remove the event";
    confirm_yes: "Да", "Yes";
    confirm_no: "Нет", "No";
    confirm_keys: "y — да · ←/→ и Enter — кнопка · Esc — нет", "y yes · ←/→ and Enter pick a button · Esc no";
    ev_pick_person: "Выберите педагога (Enter — список людей)", "a teacher is a person: pick a person";
    ev_pick_school: "здесь нужна школа или организация", "pick a school or a body here";
    ev_hint: "Tab поле · Enter на школе/педагоге — выбрать, Backspace — убрать · Ctrl-S сохранить · Esc в черновик · Ctrl-D удалить", "Tab field · Enter on school/teacher picks, Backspace removes · Ctrl-S saves · Esc keeps a draft · Ctrl-D discards";
    inactive: "завершено", "ended";
    unknown_year: "все годы", "all years";

    hint_year: "год", "year";
    hint_filter: "фильтр", "filter";
    hint_open: "открыть", "open";
    hint_status: "статус", "status";
    hint_help: "справка", "help";
    hint_quit: "выход", "quit";

    act_quit: "Выйти из программы", "Quit the program";
    act_help: "Показать все клавиши этой панели", "Show every key of this pane";
    act_next_tab: "Следующая панель", "Next pane";
    act_prev_tab: "Предыдущая панель", "Previous pane";
    act_tab_n: "Перейти к панели по её номеру", "Go to the pane of that number";
    act_down: "Вниз по списку", "Move down";
    act_up: "Вверх по списку", "Move up";
    act_left: "Влево; в списке — предыдущий учебный год", "Left; in a list, the previous academic year";
    act_right: "Вправо; в списке — следующий учебный год", "Right; in a list, the next academic year";
    act_top: "В начало списка", "Go to the top";
    act_bottom: "В конец списка", "Go to the bottom";
    act_page_down: "Страница вниз", "Page down";
    act_page_up: "Страница вверх", "Page up";
    act_open: "Открыть выбранное", "Open the selection";
    act_back: "Назад / закрыть", "Back / close";
    act_filter: "Фильтр; школа: предмет: вид: статус: отв:", "Filter; school: subject: kind: status: resp:";
    act_clear_filter: "Сбросить фильтр", "Clear the filter";
    act_status: "Сменить статус выбранного", "Change the status of the selection";
    act_prev_year: "Предыдущий учебный год", "Previous academic year";
    act_next_year: "Следующий учебный год", "Next academic year";
    act_reload: "Перечитать данные", "Reload the data";

    help_title: "Клавиши", "Keys";
    help_footer: "Русская раскладка: клавиши работают так же (й = q, о = j …). Esc — закрыть.", "Russian layout: keys work the same (й = q, о = j …). Esc closes.";
    status_title: "Новый статус", "New status";
    status_saved: "Статус сохранён", "Status saved";
    status_unchanged: "Статус не изменился", "Status unchanged";
    filter_prompt: "Фильтр", "Filter";
    filter_active: "фильтр", "filter";
    too_small: "Окно слишком маленькое: нужно не меньше 60×12", "The window is too small: 60×12 at least";
    empty_list: "Нет записей за этот год", "No rows for this year";
    empty_filter: "Ничего не найдено по фильтру", "Nothing matches the filter";
    reloaded: "Данные обновлены: их изменил другой пользователь", "Data refreshed: another user changed it";
    who_label: "Пользователь", "User";
    store_label: "База", "Store";
    year_label: "Учебный год", "Academic year";
    card_title: "Карточка школы", "School card";
    agreement_title: "Договор", "Agreement";
    event_title: "Мероприятие", "Event";
    no_rows_year: "нет строк за", "no rows for";
    falling_back: "показан последний год с данными", "showing the latest year with data";
    conflict: "Запись уже изменил другой пользователь — данные перечитаны, повторите", "Someone else changed this row — data reloaded, try again";
    imp_kind_schools: "школы", "schools";
    imp_kind_people: "люди", "people";
    imp_kind_statuses: "статусы", "statuses";
    imp_kind_links: "связи наставничества", "mentoring links";
    imp_no_org: "нет такой организации", "no such organisation";
    imp_two_orgs: "подходят несколько организаций — уточните название или добавьте столбец «Район»", "several organisations match — give the name in full or add a «Район» column";
    imp_two_orgs_district: "в этом районе две организации с таким названием — укажите ИНН", "two organisations of this district have this name — give the ИНН";
    imp_two_inn: "этот ИНН у двух организаций в базе", "two organisations of the store have this ИНН";
    imp_no_person: "нет такого человека", "no such person";
    imp_two_people: "два человека с таким ФИО — укажите организацию", "two people have this name — give the organisation";
    imp_org_mentors_person: "организация не может быть наставником человека: наставник — человек", "an organisation cannot mentor a person: the mentor must be a person";
    imp_self_link: "наставник и наставляемый совпадают", "the mentor and the mentee are the same";
    imp_cannot_read: "файл не прочитать", "cannot read the file";
    imp_empty: "файл пуст: в нём нет ни одной строки; ничего не записано", "the file is empty: no rows; nothing was written";
    imp_password: "файл защищён паролем: снимите пароль в Excel («Файл → Сведения → Защита книги») и повторите; ничего не записано", "the file is locked with a password: remove it in Excel and try again; nothing was written";
    imp_not_table: "это не таблица: нужен .xlsx, .xls, .ods или .csv; ничего не записано", "this is not a spreadsheet: .xlsx, .xls, .ods or .csv is needed; nothing was written";
    imp_damaged: "файл повреждён или не дописан; ничего не записано", "the file is damaged or incomplete; nothing was written";
    imp_no_sheet: "в файле нет листа", "the file has no sheet";
    imp_sheets: "листы", "sheets";
    imp_no_header: "не нашёл строку заголовков: нужны столбцы вроде «Полное наименование», «ФИО», «Наставник» и «Наставляемый», «Статус»; --map 'Столбец=поле' задаёт их смысл; ничего не записано", "no header row found: columns such as «Полное наименование», «ФИО», «Наставник» and «Наставляемый», «Статус» are needed; --map 'Column=field' names them; nothing was written";
    imp_bad_year: "учебный год пишется как 2024-2025", "write an academic year as 2024-2025";
    imp_no_year: "нет учебного года: добавьте столбец «Учебный год» или укажите --year 2024-2025", "no academic year: add a «Учебный год» column or pass --year 2024-2025";
    imp_empty_name: "пустое название", "the name is empty";
    imp_empty_status: "пустой статус", "the status is empty";
    imp_bad_inn: "ИНН — 10 цифр (у человека 12) с верной контрольной цифрой", "an ИНН is 10 digits (12 for a person) with a valid check digit";
    imp_bad_ogrn: "ОГРН — 13 цифр с верной контрольной цифрой", "an ОГРН is 13 digits with a valid check digit";
    imp_bad_email: "не похоже на адрес почты (имя@домен.ru)", "does not look like an e-mail address (name@domain.ru)";
    imp_file: "Файл", "File";
    imp_text_file: "текст", "text";
    imp_sep_tab: "табуляция", "tab";
    imp_sheet: "лист", "sheet";
    imp_header_at: "заголовки в строке", "headers in row";
    imp_ignored: "пропущен", "ignored";
    imp_skipped_sheet: "лист пропущен", "sheet skipped";
    imp_rows_title: "Строки", "Rows";
    imp_refused_title: "Не взяты", "Not taken";
    imp_row: "строка", "row";
    imp_more_rows: "ещё строк", "more rows";
    imp_new: "новая", "new";
    imp_updated: "обновлена", "updated";
    imp_unchanged: "без изменений", "unchanged";
    imp_same_as: "та же, что в строке", "same as row";
    imp_refused: "не взята", "not taken";
    imp_total_new: "новых", "new";
    imp_total_updated: "обновлено", "updated";
    imp_total_unchanged: "без изменений", "unchanged";
    imp_total_refused: "не взято", "not taken";
    imp_dry_run: "Проверка (--dry-run): ничего не записано.", "Dry run: nothing was written.";
    imp_written: "Записано одним действием: его отменяет u в программе или `nastavnik undo`.", "Written as one action: u in the program or `nastavnik undo` undoes it.";
    imp_nothing: "Нечего записывать: база уже такая, как в файле.", "Nothing to write: the store already says what the file says.";
    exp_state: "Состояние", "State";
    exp_type: "Тип строки", "Row type";
    exp_entity: "Запись", "Record";
    exp_old: "Было", "Was";
    exp_new: "Стало", "Now";
    exp_written: "Записано листов", "Sheets written";
    imp_not_a_list: "не список для импорта (импортируются листы «Школы», «Люди», «Статусы», «Связи»)", "not a list to import (the sheets «Школы», «Люди», «Статусы», «Связи» are imported)";
    act_import: "Импорт из таблицы (.xlsx, .csv…)", "Import a spreadsheet (.xlsx, .csv…)";
    imp_title: "Импорт из таблицы", "Import a spreadsheet";
    imp_path_q: "Файл (.xlsx, .xls, .ods, .csv): школы, люди, статусы или связи наставничества", "File (.xlsx, .xls, .ods, .csv): schools, people, statuses or mentoring links";
    imp_path_hint: "Tab — дополнить путь · Enter — посмотреть, что будет записано · Esc — закрыть", "Tab completes the path · Enter shows what would be written · Esc closes";
    imp_preview_hint: "Enter или y — записать одним действием (u отменит) · Esc — назад к файлу · j/k — листать", "Enter or y writes it as one action (u undoes it) · Esc back to the file · j/k scroll";
    imp_preview_close: "Enter или Esc — закрыть", "Enter or Esc closes";
    imp_path_needed: "укажите файл", "name a file";
    imp_remote: "Импорт по SSH недоступен: файл читается на сервере — там выполните `nastavnik import ФАЙЛ`", "Import is not available over SSH: the file is read on the server — run `nastavnik import FILE` there";
    imp_done: "Импортировано", "Imported";
    imp_undo_hint: "отменить", "undo";
    imp_year_shown: "показан учебный год", "showing the academic year";
    empty_store: "База пуста: в ней ещё нет ни одной школы.", "The store is empty: not one school yet.";
    empty_new_school: "добавить школу (в «Кластерах»)", "add a school (in Clusters)";
    empty_import: "импорт из таблицы (.xlsx, .xls, .ods, .csv)", "import a spreadsheet (.xlsx, .xls, .ods, .csv)";
    empty_demo: "посмотреть на примере: nastavnik --demo", "to look around: nastavnik --demo";
    imp_nothing_taken: "Нечего записывать: ни одна строка не взята — причины выше.", "Nothing to write: not one row was taken — the reasons are above.";
    sc_edit_form: "Школа", "School";
    sc_phone: "Телефон", "Phone";
    sc_director: "Директор", "Director";
    sc_edited: "Школа изменена", "School changed";
    sc_unchanged: "Ничего не изменилось", "Nothing changed";
    sc_twin_inn: "этот ИНН уже у", "this ИНН belongs to";
    sc_twin_name: "в этом районе уже есть", "this district has already";
    hint_import: "импорт", "import";
    sc_address: "Адрес", "Address";
    sc_type_short: "Тип", "Type";
    sec_staff: "Сотрудники", "Staff";
    hist_merged: "объединена с записью", "merged with the record";
    mg_done: "Объединено: строк перешло —", "Merged: rows moved —";
    mg_marked: "отмечена для объединения: выберите школу, которая останется, и нажмите", "is marked to merge: select the school to keep and press";
    mg_cancel: "Esc — отменить", "Esc cancels";
    mg_cancelled: "Объединение отменено", "Merge cancelled";
    mg_title: "Объединить школы?", "Merge the schools?";
    mg_person_marked: "отмечен(а) для объединения: откройте того же человека в w и нажмите", "is marked to merge: open the same person in w and press";
    mg_person_title: "Объединить записи человека?", "Merge the person's records?";
    mg_person_detail: "связи, мероприятия, диагностики и протоколы — к ней; первая запись будет удалена; u — отменить", "links, events, diagnostics and minutes move to it; the first record is removed; u undoes it";
    mg_question: "перейдёт к", "goes to";
    mg_detail: "сотрудники, статусы, связи, мероприятия и договоры — к ней; первая запись будет удалена; u — отменить", "staff, statuses, links, events and agreements move to it; the first record is removed; u undoes it";
    act_merge: "Объединить две записи школы или человека", "Merge two records of a school or person";
    imp_net_district: "нет района: добавьте столбец «Район» или школу-участника", "no district: add a «Район» column or a member school";
    imp_kind_networks: "сети школ", "networks";
    imp_kind_events: "мероприятия", "events";
    imp_no_date: "нет даты: столбец «Дата» или «Сроки» (25.11.2021, «октябрь 2021»)", "no date: a «Дата» or «Сроки» column (25.11.2021, «октябрь 2021»)";
    imp_bad_status: "статус — один из: запланировано, идёт, проведено, перенесено, отменено", "a status is one of: planned, in progress, done, postponed, cancelled";
    imp_bad_participant: "нет такой школы среди участников", "no such school among the participants";
    cs_form: "Статус школы", "School's status";
    cs_basis: "Основание (приказ)", "Basis (order)";
    cs_saved: "Статус школы сохранён", "School's status saved";
    cs_duplicate: "у школы уже есть такой статус в этом году", "the school has this status this year already";
    ps_form: "Человек", "Person";
    ps_new: "Новый сотрудник", "New person";
    ps_name: "ФИО", "Full name";
    ps_role: "Должность, роли", "Position, roles";
    ps_org: "Организация", "Organisation";
    ps_added: "Сотрудник добавлен", "Person added";
    ps_saved: "Изменения сохранены", "Changes saved";
    ps_duplicate: "в этой организации уже есть человек с таким ФИО", "this organisation has a person of this name already";
    act_new_person: "Новый сотрудник школы (в Кластерах и в карточке)", "A new person of the school (in Clusters and the card)";
    rt_mark: "выбыла", "retired";
    retired_person: "выбыл(а)", "left";
    rt_done: "Школа выведена из сети: остаётся в истории и карточках, не предлагается в поиске и формах; R — вернуть, u — отменить", "School retired: kept in history and cards, not offered in the lookup and forms; R brings it back, u undoes";
    rt_back: "Школа снова в сети", "School back in the network";
    act_retire: "Вывести школу/человека из сети / вернуть", "Retire a school or person / bring back";
    hist_retired: "выбыла", "retired";
    rt_person_done: "Человек выведен из сети: остаётся в истории и в сотрудниках школы (×), не предлагается в поиске и формах; R на нём в ответе о школе — вернуть", "Person retired: kept in history and the school's staff (×), not offered in the lookup and forms; R on them in the school's answer brings them back";
    rt_person_back: "Человек снова в сети", "Person back in the network";
    imp_bad_map: "--map: пишется как 'Столбец=поле'; поля", "--map: write 'Column=field'; the fields are";
}

impl Strings {
    /// What a history line about a whole row (field `*`) says: its `new` value is `created`,
    /// `deleted`, `undone` (a creation undone) or `restored` (a deletion undone).
    pub fn whole_row(&self, new: &str) -> &'static str {
        match new {
            "deleted" => self.hist_deleted,
            "undone" => self.hist_creation_undone,
            "restored" => self.hist_restored,
            _ => self.hist_created,
        }
    }

    /// A kind of record (a history line's entity, what the store did not find) in words.
    pub fn entity(&self, entity: &str) -> String {
        match entity {
            "event" => self.ent_event,
            "decision" => self.ent_decision,
            "recommendation" => self.ent_recommendation,
            "report" => self.rep_kind,
            "agreement" => self.ent_agreement,
            "party" => self.ent_party,
            "risk" | "risk_direction" => self.ent_risk,
            "indicator" => self.col_indicator,
            "mentoring_link" | "mentoring link" => self.ent_link,
            "meeting" => self.ent_meeting,
            "indicator_value" => self.ent_value,
            "diagnostic" => self.ent_diagnostic,
            "user" => self.ent_user,
            "organization or person" => self.ent_org_or_person,
            "organization" => self.ent_org,
            "person" => self.ent_person,
            "cluster_status" => self.ent_cluster_status,
            "network" => self.ent_network,
            "order" => self.ord_kind,
            "programme" => self.pg_kind,
            "group" => self.ord_ref_group,
            "programme_task" | "task" => self.pg_task,
            "district" => self.col_district,
            "report_note" => self.rp_sec_closing,
            other => return other.to_string(),
        }
        .to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_differ() {
        assert_ne!(RU.tab_clusters, EN.tab_clusters);
        assert_eq!(Lang::Ru.strings().tab_roadmap, "Дорожная карта");
    }
}
