//! What a column of a district's spreadsheet means: the kinds of sheet the import takes, the
//! fields of each, and the headers real files give them (Russian and English, with the
//! synonyms found in regional lists and orders). The header row is found, not assumed: title
//! rows above it are skipped.

use super::grid::Cell;
use crate::text::fold;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Schools,
    People,
    Statuses,
    Links,
    Events,
    Networks,
}

impl Kind {
    /// In the order a workbook's sheets are taken: a person's school before the person, both
    /// before a link between them.
    pub const ALL: [Kind; 6] = [Kind::Schools, Kind::People, Kind::Statuses, Kind::Links, Kind::Events, Kind::Networks];

    pub fn code(self) -> &'static str {
        match self {
            Kind::Schools => "schools",
            Kind::People => "people",
            Kind::Statuses => "statuses",
            Kind::Links => "links",
            Kind::Events => "events",
            Kind::Networks => "networks",
        }
    }

    pub fn from_code(s: &str) -> Option<Kind> {
        let f = fold(s);
        Kind::ALL.into_iter().find(|k| k.code() == f || fold(k.sheet_name()) == f)
    }

    /// The name of the sheet the export writes for this kind (and the import recognises).
    pub fn sheet_name(self) -> &'static str {
        match self {
            Kind::Schools => "Школы",
            Kind::People => "Люди",
            Kind::Statuses => "Статусы",
            Kind::Links => "Связи",
            Kind::Events => "Мероприятия",
            Kind::Networks => "Сети",
        }
    }

    pub fn label(self, s: &crate::i18n::Strings) -> &'static str {
        match self {
            Kind::Schools => s.imp_kind_schools,
            Kind::People => s.imp_kind_people,
            Kind::Statuses => s.imp_kind_statuses,
            Kind::Links => s.imp_kind_links,
            Kind::Events => s.imp_kind_events,
            Kind::Networks => s.imp_kind_networks,
        }
    }

    /// The fields a row of this kind must have.
    pub fn required(self) -> &'static [Field] {
        match self {
            Kind::Schools => &[Field::Name],
            Kind::People => &[Field::FullName],
            Kind::Statuses => &[Field::Name, Field::Status],
            Kind::Links => &[Field::Mentor, Field::Mentee],
            Kind::Events => &[Field::Title],
            Kind::Networks => &[Field::Network],
        }
    }

    pub fn fields(self) -> &'static [Field] {
        use Field::*;
        match self {
            Kind::Schools => &[
                Name, ShortName, SchoolType, OrgKind, District, Town, Inn, Ogrn, Address, Phone, Email, Director,
                Status, RiskLevel, Year, Basis,
            ],
            Kind::People => &[FullName, Position, Organization, District, Subjects, Email, Phone],
            Kind::Statuses => &[Name, District, Year, Status, RiskLevel, Basis],
            Kind::Links => &[Mentor, MentorOrg, Mentee, MenteeOrg, District, Subject, Form, Start, End, Period, Basis],
            Kind::Events => &[
                Title,
                EventKind,
                Subject,
                Grades,
                Start,
                End,
                Period,
                Time,
                Format,
                Host,
                Responsible,
                Status,
                Result,
                Teachers,
                People,
                Schools,
                Connections,
                Teams,
                Participants,
                District,
            ],
            Kind::Networks => &[Network, Model, Year, District, Member],
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    Name,
    ShortName,
    SchoolType,
    OrgKind,
    District,
    Town,
    Inn,
    Ogrn,
    Address,
    Phone,
    Email,
    Director,
    Status,
    RiskLevel,
    Year,
    Basis,
    FullName,
    Position,
    Organization,
    Subjects,
    Mentor,
    MentorOrg,
    Mentee,
    MenteeOrg,
    Subject,
    Form,
    Start,
    End,
    Period,
    Title,
    EventKind,
    Grades,
    Host,
    Responsible,
    Result,
    Teachers,
    People,
    Schools,
    Connections,
    Teams,
    Participants,
    Time,
    Format,
    Network,
    Model,
    Member,
}

impl Field {
    const ALL: [Field; 46] = [
        Field::Network,
        Field::Model,
        Field::Member,
        Field::Title,
        Field::EventKind,
        Field::Grades,
        Field::Host,
        Field::Responsible,
        Field::Result,
        Field::Teachers,
        Field::People,
        Field::Schools,
        Field::Connections,
        Field::Teams,
        Field::Participants,
        Field::Time,
        Field::Format,
        Field::Name,
        Field::ShortName,
        Field::SchoolType,
        Field::OrgKind,
        Field::District,
        Field::Town,
        Field::Inn,
        Field::Ogrn,
        Field::Address,
        Field::Phone,
        Field::Email,
        Field::Director,
        Field::Status,
        Field::RiskLevel,
        Field::Year,
        Field::Basis,
        Field::FullName,
        Field::Position,
        Field::Organization,
        Field::Subjects,
        Field::Mentor,
        Field::MentorOrg,
        Field::Mentee,
        Field::MenteeOrg,
        Field::Subject,
        Field::Form,
        Field::Start,
        Field::End,
        Field::Period,
    ];

    /// The name `--map 'Колонка=field'` uses.
    pub fn code(self) -> &'static str {
        match self {
            Field::Name => "name",
            Field::ShortName => "short_name",
            Field::SchoolType => "type",
            Field::OrgKind => "kind",
            Field::District => "district",
            Field::Town => "town",
            Field::Inn => "inn",
            Field::Ogrn => "ogrn",
            Field::Address => "address",
            Field::Phone => "phone",
            Field::Email => "email",
            Field::Director => "director",
            Field::Status => "status",
            Field::RiskLevel => "risk_level",
            Field::Year => "year",
            Field::Basis => "basis",
            Field::FullName => "full_name",
            Field::Position => "position",
            Field::Organization => "organization",
            Field::Subjects => "subjects",
            Field::Mentor => "mentor",
            Field::MentorOrg => "mentor_org",
            Field::Mentee => "mentee",
            Field::MenteeOrg => "mentee_org",
            Field::Subject => "subject",
            Field::Form => "form",
            Field::Start => "start",
            Field::End => "end",
            Field::Period => "period",
            Field::Title => "title",
            Field::EventKind => "event_kind",
            Field::Grades => "grades",
            Field::Host => "host",
            Field::Responsible => "responsible",
            Field::Result => "result",
            Field::Teachers => "teachers",
            Field::People => "people",
            Field::Schools => "schools",
            Field::Connections => "connections",
            Field::Teams => "teams",
            Field::Participants => "participants",
            Field::Time => "time",
            Field::Format => "format",
            Field::Network => "network",
            Field::Model => "model",
            Field::Member => "member",
        }
    }

    pub fn from_code(s: &str) -> Option<Field> {
        let s = s.trim().to_lowercase().replace(['-', ' '], "_");
        Field::ALL.into_iter().find(|f| f.code() == s)
    }

    /// The header the export writes, and the first the import knows.
    pub fn header(self) -> &'static str {
        self.synonyms()[0]
    }

    pub fn synonyms(self) -> &'static [&'static str] {
        match self {
            Field::Name => &[
                "Полное наименование",
                "Наименование ОО",
                "Наименование",
                "Наименование организации",
                "Наименование образовательной организации",
                "Полное наименование ОО",
                "Образовательная организация",
                "Организация",
                "Школа",
                "ОО",
                "Name",
                "Full name",
                "School",
            ],
            Field::ShortName => &[
                "Краткое наименование",
                "Сокращённое наименование",
                "Краткое наименование ОО",
                "Сокращённое наименование ОО",
                "Short name",
            ],
            Field::SchoolType => &["Тип", "Тип ОО", "Вид", "Вид ОО", "Тип организации", "Type"],
            Field::OrgKind => &["Школа или организация", "School or body"],
            Field::District => &[
                "Район",
                "Муниципальный район",
                "Муниципалитет",
                "Муниципальное образование",
                "Муниципальный район (городской округ)",
                "Городской округ",
                "МО",
                "District",
                "Municipality",
            ],
            Field::Town => &["Населённый пункт", "Город", "Поселение", "Town", "City"],
            Field::Inn => &["ИНН", "INN"],
            Field::Ogrn => &["ОГРН", "OGRN"],
            Field::Address => &["Адрес", "Юридический адрес", "Фактический адрес", "Address"],
            Field::Phone => &["Телефон", "Тел.", "Контактный телефон", "Phone"],
            Field::Email => &["E-mail", "Email", "Электронная почта", "Эл. почта", "Адрес электронной почты"],
            Field::Director => &["Директор", "Руководитель", "ФИО директора", "ФИО руководителя", "Director"],
            Field::Status => &["Статус", "Кластер", "Статус ОО", "Status", "Cluster"],
            Field::RiskLevel => &["Уровень риска", "Категория", "Риск", "Категория неуспешности", "Risk level"],
            Field::Year => &["Учебный год", "Год", "Year", "Academic year"],
            Field::Basis => &["Основание", "Приказ", "Документ", "Basis", "Order"],
            Field::FullName => &[
                "ФИО",
                "Ф.И.О.",
                "ФИО педагога",
                "Ф.И.О. педагога",
                "Фамилия, имя, отчество",
                "Педагог",
                "Сотрудник",
                "Full name",
                "Person",
            ],
            Field::Position => &["Должность", "Роль", "Position", "Role"],
            Field::Organization => &[
                "Организация",
                "Наименование ОО",
                "Образовательная организация",
                "Место работы",
                "ОО",
                "Школа",
                "Organization",
                "School",
            ],
            Field::Subjects => &["Предметы", "Предмет", "Преподаваемый предмет", "Subjects", "Subject"],
            Field::Mentor => &[
                "Наставник",
                "ФИО наставника",
                "Школа-наставник",
                "Наставник (ФИО)",
                "Наставник (организация)",
                "Mentor",
            ],
            Field::MentorOrg => {
                &["Организация наставника", "ОО наставника", "Место работы наставника", "Mentor organization"]
            }
            Field::Mentee => &[
                "Наставляемый",
                "ФИО наставляемого",
                "Наставляемая школа",
                "Подопечный",
                "Наставляемый (ФИО)",
                "Mentee",
            ],
            Field::MenteeOrg => &["Организация наставляемого", "ОО наставляемого", "Mentee organization"],
            Field::Subject => &["Предмет", "Направление", "Subject"],
            Field::Form => &["Форма", "Форма наставничества", "Form"],
            Field::Start => &["Начало", "Дата начала", "Start"],
            Field::End => &["Окончание", "Дата окончания", "End"],
            Field::Period => {
                &["Сроки", "Срок", "Период", "Дата", "Дата проведения", "Срок проведения", "Period", "Date"]
            }
            Field::Title => {
                &["Мероприятие", "Название мероприятия", "Наименование мероприятия", "Тема", "Event", "Title"]
            }
            Field::EventKind => &["Вид мероприятия", "Вид", "Форма проведения", "Форма", "Kind"],
            Field::Grades => &["Классы", "Класс", "Grades"],
            Field::Host => &["Организатор", "Школа-организатор", "Ответственная ОО", "Место проведения", "Host"],
            Field::Responsible => &["Ответственные", "Ответственный", "Ответственный исполнитель", "Responsible"],
            Field::Result => &["Результат", "Итог", "Result"],
            Field::Teachers => {
                &["Педагогов", "Число педагогов", "Количество педагогов", "Кол-во педагогов", "Teachers"]
            }
            Field::People => &[
                "Человек",
                "Число участников",
                "Количество участников",
                "Кол-во участников",
                "Количество человек",
                "People",
            ],
            Field::Schools => &["Число ОО", "Количество ОО", "Кол-во ОО", "Из ОО", "Schools (count)"],
            Field::Connections => &["Подключений", "Число подключений", "Количество подключений", "Connections"],
            Field::Teams => &["Команд", "Число команд", "Количество команд", "Teams"],
            Field::Participants => &["Участники", "Школы-участники", "Participants"],
            Field::Time => &["Время", "Время проведения", "Time"],
            Field::Format => &["Формат проведения", "Формат", "Format"],
            Field::Network => &["Сеть", "Название сети", "Сеть школ", "Network"],
            Field::Model => &["Модель", "Модель сети", "Model"],
            Field::Member => &["Школа-участник", "Участник", "Участник сети", "Школа", "Member", "School"],
        }
    }

    pub fn label(self, s: &crate::i18n::Strings) -> String {
        // The header is Russian; in English, the code reads well enough and is what --map takes.
        if std::ptr::eq(s, &crate::i18n::EN) {
            self.code().replace('_', " ")
        } else {
            self.header().to_string()
        }
    }
}

/// The field a header means for this kind: the user's `--map` first, then the synonyms.
pub fn field_of(kind: Kind, header: &str, map: &[(String, Field)]) -> Option<Field> {
    let h = fold(header);
    if h.is_empty() {
        return None;
    }
    if let Some((_, f)) = map.iter().find(|(name, _)| fold(name) == h) {
        return Some(*f);
    }
    kind.fields().iter().copied().find(|f| f.synonyms().iter().any(|s| fold(s) == h))
}

/// Where the header row of a sheet is, for a kind: the row among the first 30 that names the
/// most of its fields, with every required one. `None` when no row does.
pub fn header_row(kind: Kind, rows: &[Vec<Cell>], map: &[(String, Field)]) -> Option<(usize, Vec<Option<Field>>)> {
    let mut best: Option<(usize, Vec<Option<Field>>, usize)> = None;
    for (i, row) in rows.iter().enumerate().take(30) {
        let mut seen = Vec::new();
        let fields: Vec<Option<Field>> = row
            .iter()
            .map(|c| {
                let f = field_of(kind, &c.text(), map)?;
                // The first column with a header wins; a second one of the same field is left.
                (!seen.contains(&f)).then(|| {
                    seen.push(f);
                    f
                })
            })
            .collect();
        if !kind.required().iter().all(|r| seen.contains(r)) {
            continue;
        }
        if best.as_ref().is_none_or(|b| seen.len() > b.2) {
            best = Some((i, fields, seen.len()));
        }
    }
    best.map(|(i, f, _)| (i, f))
}

/// The kind a sheet holds: the one its name says (`Школы`, `people`), else the kind whose
/// header row names the most fields (a tie goes to the more particular kind: a links sheet
/// before people, people before statuses, statuses before schools).
pub fn guess(sheet_name: &str, rows: &[Vec<Cell>], map: &[(String, Field)]) -> Option<Kind> {
    if let Some(k) = Kind::from_code(sheet_name) {
        return Some(k);
    }
    let mut best: Option<(Kind, usize)> = None;
    for kind in [Kind::Networks, Kind::Links, Kind::Events, Kind::People, Kind::Statuses, Kind::Schools] {
        if let Some((_, fields)) = header_row(kind, rows, map) {
            let n = fields.iter().flatten().count();
            if best.is_none_or(|b| n > b.1) {
                best = Some((kind, n));
            }
        }
    }
    best.map(|b| b.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cells: &[&str]) -> Vec<Cell> {
        cells.iter().map(|c| if c.is_empty() { Cell::Empty } else { Cell::Text(c.to_string()) }).collect()
    }

    #[test]
    fn the_header_row_is_found_under_title_rows_by_its_synonyms() {
        let rows = vec![
            row(&["Список общеобразовательных организаций", "", ""]),
            row(&["по состоянию на 01.09.2024", "", ""]),
            row(&["№ п/п", "Наименование ОО", "Муниципальный район", "ИНН", "Примечание"]),
            row(&["1", "МБОУ «СОШ №1»", "Бокситогорский", "4715012345", ""]),
        ];
        let (i, fields) = header_row(Kind::Schools, &rows, &[]).unwrap();
        assert_eq!(i, 2);
        assert_eq!(fields, vec![None, Some(Field::Name), Some(Field::District), Some(Field::Inn), None]);
        assert_eq!(guess("Лист1", &rows, &[]), Some(Kind::Schools));
    }

    #[test]
    fn people_and_links_are_told_from_schools_and_a_map_overrides() {
        let people = vec![row(&["Ф.И.О. педагога", "Должность", "Место работы"])];
        assert_eq!(guess("", &people, &[]), Some(Kind::People));
        let links = vec![row(&["ФИО наставника", "Организация наставника", "Наставляемый", "Предмет"])];
        assert_eq!(guess("", &links, &[]), Some(Kind::Links));
        let odd = vec![row(&["Учреждение", "Код"])];
        assert_eq!(guess("", &odd, &[]), None);
        let map = vec![("Учреждение".to_string(), Field::Name), ("Код".to_string(), Field::Inn)];
        assert_eq!(guess("", &odd, &map), Some(Kind::Schools));
        assert_eq!(Kind::from_code("Люди"), Some(Kind::People));
    }
}
