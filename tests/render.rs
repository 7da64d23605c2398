//! Every pane drawn on ratatui's TestBackend and compared with its snapshot, plus the state
//! changes a coordinator makes from the keyboard.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use nastavnik::app::{App, Overlay, Pane};
use nastavnik::config::Theme;
use nastavnik::domain::EventStatus;
use nastavnik::headless::{buffer_text, render};
use nastavnik::i18n::{Strings, EN, RU};
use nastavnik::keys::KeyMap;
use nastavnik::store::Store;
use std::collections::HashMap;
use std::path::PathBuf;

/// A demo store at a fixed relative path, so the status bar reads the same on every machine.
fn app_with(name: &str, s: &'static Strings) -> App {
    let dir = PathBuf::from("target/render-tests").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let store = Store::create_new(&dir.join("demo.db"), "tester").unwrap();
    nastavnik::demo::load(&store).unwrap();
    let (keys, _) = KeyMap::new(&HashMap::new());
    let mut app = App::new(store, s, keys, Theme::default(), ratatui::layout::Rect::new(0, 0, 120, 40)).unwrap();
    app.today = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    app.load().unwrap();
    app
}

fn app(name: &str) -> App {
    app_with(name, &RU)
}

fn key(app: &mut App, c: char) {
    app.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
}

fn code(app: &mut App, c: KeyCode) {
    app.handle_key(KeyEvent::new(c, KeyModifiers::NONE));
}

/// The screen as drawn, and then what the TUI's loop does after every frame: the panes not
/// shown are read.
fn screen(app: &mut App) -> String {
    let text = buffer_text(&render(app, 120, 40));
    app.finish_loading();
    text
}

#[test]
fn every_pane_matches_its_snapshot() {
    let mut app = app("panes");
    for pane in Pane::ALL {
        app.set_pane(pane);
        // The history's times are the test run's own: they are masked.
        insta::assert_snapshot!(format!("pane_{}", pane.name()), without_clock(&screen(&mut app)));
    }
}

#[test]
fn every_pane_at_80x24_and_100x30_matches_its_snapshot_and_keeps_each_schools_number() {
    let mut app = app("panes-small");
    for (w, h) in [(80, 24), (100, 30)] {
        app.resize(ratatui::layout::Rect::new(0, 0, w, h));
        for pane in Pane::ALL {
            app.set_pane(pane);
            let text = without_clock(&buffer_text(&render(&mut app, w, h)));
            insta::assert_snapshot!(format!("pane_{}_{w}x{h}", pane.name()), text);
        }
        // Clusters: every school on screen is there with its number («СОШ № 15», never «СОШ № 1…»).
        app.set_pane(Pane::Clusters);
        let text = buffer_text(&render(&mut app, w, h));
        let shown: Vec<&str> = text.lines().collect();
        let v = app.view();
        let visible = (h as usize).saturating_sub(8);
        for row in v.rows.iter().skip(v.offset).take(visible).filter(|r| r.item.is_some()) {
            let name = &row.cells[0];
            if let Some(at) = name.find('№') {
                let number: String =
                    name[at..].chars().take_while(|c| *c == '№' || *c == ' ' || c.is_ascii_digit()).collect();
                let number = number.trim();
                let before: String = name[..at].chars().rev().take(4).collect::<Vec<_>>().into_iter().rev().collect();
                let with_number = format!("{before}{number}");
                assert!(
                    shown.iter().any(|l| l.contains(&with_number)),
                    "{w}×{h}: «{name}» is not shown with «{number}»:\n{text}"
                );
            }
        }
    }
}

#[test]
fn the_english_screens_come_from_the_same_catalogue() {
    let mut app = app_with("english", &EN);
    app.set_pane(Pane::Roadmap);
    let text = screen(&mut app);
    assert!(text.contains("Roadmap") && text.contains("done") && text.contains("2021-2022 ([/])"), "{text}");
    insta::assert_snapshot!("pane_roadmap_en", text);
}

#[test]
fn enter_on_a_school_opens_its_card() {
    let mut app = app("card");
    // The first school of the first group is МБОУ «СОШ №1» г. Пикалево.
    code(&mut app, KeyCode::Enter);
    let text = screen(&mut app);
    assert!(text.contains("Карточка школы: МБОУ «СОШ №1» г. Пикалево"), "{text}");
    assert!(text.contains("Кто наставляет") && text.contains("МБОУ «СОШ №3» г. Пикалево → МБОУ «СОШ №1»"), "{text}");
    // The order's date «27.12.2029» is held as written, and said to be a likely misprint.
    assert!(text.contains("27.12.2029 №116 (⚠ вероятно, опечатка в дате)"), "{text}");
    insta::assert_snapshot!("school_card", text);
    for _ in 0..12 {
        key(&mut app, 'j');
    }
    assert!(screen(&mut app).contains("Кого наставляет"), "scrolled down: {}", screen(&mut app));
    code(&mut app, KeyCode::Esc);
    assert!(app.overlays.is_empty());
}

#[test]
fn help_lists_every_key_of_the_pane() {
    let mut app = app("help");
    app.set_pane(Pane::Roadmap);
    key(&mut app, '?');
    let text = screen(&mut app);
    for (action, _, _) in
        nastavnik::keys::DEFAULTS.iter().filter(|(a, _, _)| nastavnik::app::panes::in_help(Pane::Roadmap, *a))
    {
        let what = action.describe(&RU);
        assert!(text.contains(what), "help does not mention «{what}»\n{text}");
    }
    assert!(!text.contains(RU.act_advance), "the agreements' keys are not the roadmap's");
    insta::assert_snapshot!("help_roadmap", text);
    key(&mut app, '?');
    app.set_pane(Pane::Agreements);
    key(&mut app, '?');
    let text = screen(&mut app);
    assert!(text.contains(RU.act_advance) && text.contains(RU.act_terminate) && text.contains(RU.act_status), "{text}");
    assert!(!text.contains(RU.act_timeline), "{text}");
    // Help on a pane without statuses does not offer the status key.
    key(&mut app, '?');
    app.set_pane(Pane::History);
    key(&mut app, '?');
    assert!(!screen(&mut app).contains(RU.act_status));
    // Nor do the deficits list the mentoring pane's «end the link»; a viewer sees no key that writes.
    key(&mut app, '?');
    app.set_pane(Pane::Deficits);
    key(&mut app, '?');
    assert!(!screen(&mut app).contains(RU.act_end), "{}", screen(&mut app));
    key(&mut app, '?');
    app.store.set_access(nastavnik::store::Access::Viewer);
    app.set_pane(Pane::Roadmap);
    key(&mut app, '?');
    let text = screen(&mut app);
    assert!(!text.contains(RU.act_undo) && text.contains(RU.act_filter), "{text}");
}

#[test]
fn a_status_is_changed_from_the_keyboard_on_both_layouts() {
    let mut app = app("status");
    key(&mut app, '3');
    // Filter as you type, with ё folded and any case: "ЕРОШ" finds Ерошенкова's events.
    key(&mut app, '/');
    for c in "ЕРОШ".chars() {
        key(&mut app, c);
    }
    code(&mut app, KeyCode::Enter);
    assert_eq!(app.view().rows.iter().filter(|r| r.item.is_some()).count(), 2);
    // On the Russian layout: ы = s opens the picker, о = j moves down.
    key(&mut app, 'ы');
    assert!(matches!(app.overlays.last(), Some(Overlay::StatusPicker { .. })));
    insta::assert_snapshot!("status_picker", screen(&mut app));
    key(&mut app, 'о');
    code(&mut app, KeyCode::Enter);
    assert!(app.overlays.is_empty());
    let text = screen(&mut app);
    assert!(text.contains("Статус сохранён"), "{text}");
    let row = &app.view().rows[app.view().selected];
    assert_eq!(&row.cells[1], "перенесено");
    // The store has it, with its history line.
    let id = app.data.events.iter().find(|e| e.status == EventStatus::Postponed).unwrap().id;
    let h = app.store.history("event", id).unwrap();
    assert_eq!((h[0].old.as_str(), h[0].new.as_str()), ("done", "postponed"));
}

#[test]
fn the_year_switches_with_brackets() {
    let mut app = app("years");
    assert_eq!(app.year.label(), "2021-2022");
    key(&mut app, ']');
    assert_eq!(app.year.label(), "2022-2023");
    key(&mut app, 'ъ');
    assert_eq!(app.year.label(), "2023-2024");
    app.set_pane(Pane::Clusters);
    let text = screen(&mut app);
    assert!(
        text.contains("участник программы «Сетевое наставничество» (10)") && text.contains("МКОУ «Шумская СОШ»"),
        "{text}"
    );
    key(&mut app, '[');
    assert_eq!(app.year.label(), "2022-2023");
}

#[test]
fn mouse_clicks_select_tabs_and_rows() {
    let mut app = app("mouse");
    render(&mut app, 120, 40);
    let click = |app: &mut App, column, row| {
        app.handle_mouse(MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column,
            row,
            modifiers: KeyModifiers::NONE,
        })
    };
    // " 1 Кластеры " " 2 Наставничество " " 3 Дорожная карта " ...
    click(&mut app, 35, 0);
    assert_eq!(app.pane, Pane::Roadmap);
    // Row 5 of the screen is the first event under the group header (tabs, header, border, column names, group).
    click(&mut app, 30, 6);
    assert_eq!(app.view().selected, 2);
    click(&mut app, 30, 6);
    assert!(matches!(app.overlays.last(), Some(Overlay::Detail { .. })), "a second click opens");
}

#[test]
fn a_tiny_terminal_gets_a_message_not_garbage() {
    let mut app = app("tiny");
    let text = buffer_text(&render(&mut app, 40, 8));
    assert!(text.contains("слишком маленькое"), "{text}");
    assert!(!text.contains("Кластеры"));
    // And nothing panics at any size down to one cell.
    for (w, h) in [(1, 1), (59, 30), (60, 12), (200, 12), (61, 13)] {
        render(&mut app, w, h);
    }
}

#[test]
fn filter_that_matches_nothing_says_so() {
    let mut app = app("nothing");
    key(&mut app, '/');
    for c in "zzzqqq".chars() {
        key(&mut app, c);
    }
    let text = screen(&mut app);
    assert!(text.contains("Ничего не найдено"), "{text}");
    code(&mut app, KeyCode::Esc);
    assert!(app.view().filter.is_empty());
    assert!(app.view().rows.len() > 10);
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        key(app, c);
    }
}

#[test]
fn w_answers_who_mentors_whom_from_any_pane_and_esc_returns() {
    let mut app = app("lookup");
    key(&mut app, '4');
    code(&mut app, KeyCode::Down);
    code(&mut app, KeyCode::Down);
    let before = app.view().selected;
    // ц is w on the Russian layout; inside the lookup letters stay letters.
    key(&mut app, 'ц');
    type_text(&mut app, "ПИКАЛЁВО сош 3");
    let text = screen(&mut app);
    assert!(text.contains("▶ МБОУ «СОШ №3» г. Пикалево"), "{text}");
    insta::assert_snapshot!("lookup", text);
    code(&mut app, KeyCode::Enter);
    let text = screen(&mut app);
    assert!(
        text.contains("Кого наставляет:") && text.contains("→ МБОУ «СОШ №1» г. Пикалево — школа → школа"),
        "{text}"
    );
    // Its staff are listed, and no teacher pair the documents do not state.
    assert!(text.contains("Т.П. Маслова") && !text.contains("[через Т.П. Маслова"), "{text}");
    insta::assert_snapshot!("answer", text);

    // Enter on a name jumps to its own answer: СОШ №1 is mentored by СОШ №3 (and by no one the
    // documents do not name).
    code(&mut app, KeyCode::Enter);
    let text = screen(&mut app);
    assert!(text.contains("МБОУ «СОШ №1» г. Пикалево (Пикалево"), "{text}");
    assert!(text.contains("← МБОУ «СОШ №3» г. Пикалево — школа → школа"), "{text}");
    assert!(!text.contains("Боброва"), "{text}");

    // y copies the answer as plain text.
    key(&mut app, 'y');
    let copied = app.clipboard.take().expect("something to copy");
    assert!(copied.starts_with("МБОУ «СОШ №1» г. Пикалево") && copied.contains("Кто наставляет:"), "{copied}");
    assert!(!copied.contains('▶'));

    code(&mut app, KeyCode::Esc);
    code(&mut app, KeyCode::Esc);
    assert!(app.overlays.is_empty());
    assert_eq!((app.pane, app.view().selected), (Pane::Deficits, before));
}

#[test]
fn a_typo_still_finds_the_tutor_and_her_mentor() {
    let mut app = app("typo");
    key(&mut app, 'w');
    type_text(&mut app, "кузикво");
    code(&mut app, KeyCode::Enter);
    let text = screen(&mut app);
    assert!(text.contains("Е.С. Кузикова (учитель, СОШ №1)"), "{text}");
    // Her school's mentor, through her school: the one link the minutes give.
    assert!(text.contains("← МБОУ «СОШ №3» г. Пикалево [через МБОУ «СОШ №1» г. Пикалево]"), "{text}");
}

#[test]
fn a_lookup_that_matches_nothing_says_so() {
    let mut app = app("nomatch");
    key(&mut app, 'w');
    type_text(&mut app, "щщщщщ");
    assert!(screen(&mut app).contains("Ничего не найдено"));
    code(&mut app, KeyCode::Enter);
    assert!(matches!(app.overlays.last(), Some(Overlay::Lookup(_))), "Enter on nothing stays in the lookup");
}

fn ctrl(app: &mut App, c: char) {
    app.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
}

/// Picks a mentor or mentee in the open form through the lookup.
fn pick(app: &mut App, name: &str) {
    code(app, KeyCode::Enter);
    type_text(app, name);
    code(app, KeyCode::Enter);
}

fn form_errors(app: &App) -> Vec<(nastavnik::domain::LinkField, &'static str)> {
    match app.overlays.last() {
        Some(Overlay::LinkForm(f)) => f.errors.clone(),
        _ => panic!("no form open"),
    }
}

#[test]
fn a_link_is_created_with_errors_shown_next_to_their_fields() {
    use nastavnik::domain::LinkField;
    let mut app = app("newlink");
    key(&mut app, '2');
    key(&mut app, 'n');
    // Mentor and mentee the same person: refused at the mentee.
    pick(&mut app, "маслова");
    pick(&mut app, "маслова");
    ctrl(&mut app, 's');
    assert_eq!(form_errors(&app), vec![(LinkField::Mentee, RU.err_self)]);
    // A school cannot mentor a teacher directly.
    code(&mut app, KeyCode::Up);
    code(&mut app, KeyCode::Up);
    pick(&mut app, "сош 3 пикалево");
    code(&mut app, KeyCode::Up);
    ctrl(&mut app, 's');
    assert_eq!(form_errors(&app), vec![(LinkField::Mentor, RU.err_org_person)]);
    // Маслова → Чеблокова in Russian for the year: saved (the documents have no such pair; the
    // coordinator enters one).
    code(&mut app, KeyCode::Enter);
    type_text(&mut app, "маслова");
    code(&mut app, KeyCode::Enter);
    let rest = |app: &mut App| {
        pick(app, "чеблокова");
        type_text(app, "русский язык");
        code(app, KeyCode::Tab);
        code(app, KeyCode::Tab);
        for _ in 0..10 {
            code(app, KeyCode::Backspace);
        }
        type_text(app, "01.10.2021");
        code(app, KeyCode::Tab);
        type_text(app, "2022-05-31");
        ctrl(app, 's');
    };
    rest(&mut app);
    assert!(app.overlays.is_empty(), "the first pair is saved: {}", screen(&mut app));
    // The same pair again, same subject, same year: a duplicate, refused at the mentee.
    key(&mut app, 'n');
    pick(&mut app, "маслова");
    rest(&mut app);
    assert_eq!(form_errors(&app), vec![(LinkField::Mentee, RU.err_duplicate)]);
    insta::assert_snapshot!("link_form_duplicate", screen(&mut app));
    // Another subject is a new link.
    for _ in 0..3 {
        code(&mut app, KeyCode::Up);
    }
    for _ in 0..12 {
        code(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "литература");
    // Ctrl-S on the Russian layout (Ctrl-ы) saves too.
    app.handle_key(KeyEvent::new(KeyCode::Char('ы'), KeyModifiers::CONTROL));
    assert!(app.overlays.is_empty(), "saved and closed");
    assert!(screen(&mut app).contains("Связь сохранена"));
    let l = app.data.links.iter().find(|l| l.subject == "литература").expect("the new link is listed");
    assert_eq!((l.mentor.as_str(), l.mentee.as_str()), ("Т.П. Маслова (СОШ №3)", "И.В. Чеблокова (СОШ №1)"));
    assert_eq!(l.when.display(), "01.10.2021–31.05.2022");
    assert_eq!(app.store.history("mentoring_link", l.id).unwrap()[0].who, "tester");
}

#[test]
fn a_link_is_edited_and_ended_and_stays_in_history() {
    let mut app = app("endlink");
    key(&mut app, '2');
    // The first row is СОШ №3 → СОШ №1.
    key(&mut app, 'e');
    for _ in 0..3 {
        code(&mut app, KeyCode::Tab);
    }
    for _ in 0..40 {
        code(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "взаимопосещение уроков");
    ctrl(&mut app, 's');
    assert!(app.overlays.is_empty());
    let id = app.data.links.iter().find(|l| l.form == "взаимопосещение уроков").unwrap().id;
    // E ends it: a date before its start is refused, a good one is saved.
    key(&mut app, 'E');
    for _ in 0..10 {
        code(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "01.01.2020");
    code(&mut app, KeyCode::Enter);
    assert!(screen(&mut app).contains(RU.err_end_before));
    for _ in 0..10 {
        code(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "31.05.2022");
    code(&mut app, KeyCode::Enter);
    assert!(app.overlays.is_empty());
    let l = app.store.link(id).unwrap();
    assert!(!l.active);
    assert_eq!(l.when.display(), "01.09.2021–31.05.2022");
    let fields: Vec<String> = app.store.history("mentoring_link", id).unwrap().into_iter().map(|h| h.field).collect();
    assert_eq!(fields, ["state", "end", "form", "*"]);
    // Still listed for its year, dimmed as ended.
    let row = app.view().rows.iter().find(|r| r.item.is_some() && &r.cells[3] == "взаимопосещение уроков").unwrap();
    assert_eq!(row.tone, nastavnik::app::rows::Tone::Muted);
    // Its detail says who changed it when, and its history in words.
    let pos = app.view().rows.iter().position(|r| r.item.is_some() && &r.cells[3] == "взаимопосещение уроков").unwrap();
    app.views[Pane::Mentoring.index()].selected = pos;
    code(&mut app, KeyCode::Enter);
    let text = screen(&mut app);
    assert!(text.contains("Изменено") && text.contains("tester"), "{text}");
    assert!(text.contains("состояние: действует → завершено") && text.contains("форма:"), "{text}");
}

#[test]
fn a_cancelled_form_keeps_its_draft_and_a_card_prefills_the_mentee() {
    let mut app = app("draft");
    key(&mut app, '2');
    key(&mut app, 'n');
    pick(&mut app, "ерошенкова");
    code(&mut app, KeyCode::Esc);
    assert!(app.overlays.is_empty());
    key(&mut app, 'n');
    assert!(screen(&mut app).contains("Восстановлен несохранённый черновик"));
    match app.overlays.last() {
        Some(Overlay::LinkForm(f)) => assert_eq!(f.draft.mentor.as_ref().unwrap().1, "Н.О. Ерошенкова"),
        _ => panic!("no form"),
    }
    code(&mut app, KeyCode::Esc);
    // From a school's card, n starts a link to that school.
    key(&mut app, '1');
    code(&mut app, KeyCode::Enter);
    key(&mut app, 'n');
    match app.overlays.last() {
        Some(Overlay::LinkForm(f)) => assert_eq!(f.draft.mentee.as_ref().unwrap().1, "МБОУ «СОШ №1» г. Пикалево"),
        _ => panic!("no form"),
    }
}

#[test]
fn a_school_without_a_mentor_gets_suggestions_with_reasons() {
    let mut app = app("suggest");
    key(&mut app, '2');
    let (school, suggestions) = app
        .data
        .uncovered
        .iter()
        .find(|(u, _)| u.name == "МБОУ «СШ № 11»")
        .expect("СШ № 11 has no mentor in 2021-2022");
    assert_eq!(school.needs, ["ШНРО"]);
    let names: Vec<&str> = suggestions.iter().map(|g| g.name.as_str()).collect();
    assert!(names.contains(&"Левина О.А. (ЦДО)") && names.contains(&"Васинова Н.Д. (ЦДО)"), "{names:?}");
    assert!(suggestions[0].reason.contains("тот же город (Смоленск)"), "{}", suggestions[0].reason);
    // The covered Pikalevo school is not listed.
    assert!(!app.data.uncovered.iter().any(|(u, _)| u.name.contains("Пикалево")));
    // Enter on the row opens the card with the suggestions.
    key(&mut app, '/');
    type_text(&mut app, "сш 11");
    code(&mut app, KeyCode::Enter);
    code(&mut app, KeyCode::Enter);
    let text = screen(&mut app);
    assert!(
        text.contains("Предлагаемые наставники — ШНРО") && text.contains("Левина О.А. (ЦДО) — тот же город"),
        "{text}"
    );
    code(&mut app, KeyCode::Esc);
    // L shows each mentor's load for the year.
    key(&mut app, 'x');
    key(&mut app, 'L');
    let text = screen(&mut app);
    assert!(text.contains("Нагрузка наставников — 2021-2022"), "{text}");
    // A teacher who gave master classes hosted events; she mentors no one.
    assert!(text.contains("Н.О. Ерошенкова — 0 наставляемых, 2 мероприятия"), "{text}");
    assert!(text.contains("⚠ выше порога — МКУ «Центр развития образования» — 7 наставляемых"), "{text}");
}

/// In a labelled form (`Overlay::Fields`): field `i` focused, its one line typed anew.
fn retype_field(app: &mut App, i: usize, text: &str) {
    if let Some(Overlay::Fields(f)) = app.overlays.last_mut() {
        f.focus = i;
    }
    code(app, KeyCode::End);
    for _ in 0..200 {
        code(app, KeyCode::Backspace);
    }
    type_text(app, text);
}

/// The id of the event selected in the Roadmap.
fn selected_event_id(app: &App) -> i64 {
    match app.selected_item() {
        Some(nastavnik::app::rows::ItemRef::Event(i)) => app.data.events[i].id,
        other => panic!("no event selected: {other:?}"),
    }
}

/// Selects the event whose title starts with `title` in the Roadmap pane.
fn select_event(app: &mut App, title: &str) {
    key(app, '3');
    // A marked event's title has «⚠ » before it.
    let pos = app
        .view()
        .rows
        .iter()
        .position(|r| r.cells[3].trim_start_matches("⚠ ").starts_with(title))
        .expect("the event is listed");
    while app.view().selected < pos {
        code(app, KeyCode::Down);
    }
    while app.view().selected > pos {
        code(app, KeyCode::Up);
    }
}

#[test]
fn one_key_statuses_with_result_and_new_date_undone_and_redone() {
    let mut app = app("onekey");
    key(&mut app, ']');
    select_event(&mut app, "Семинары по профильному обучению");
    // d: done, asking for the result.
    key(&mut app, 'd');
    assert!(screen(&mut app).contains("Результат"));
    type_text(&mut app, "24 педагога из 5 школ");
    code(&mut app, KeyCode::Enter);
    let e = app.data.events.iter().find(|e| e.title.starts_with("Семинары по профильному")).unwrap().clone();
    assert_eq!((e.status, e.result.as_str()), (EventStatus::Done, "24 педагога из 5 школ"));
    // What the result says of how many came is kept as numbers too.
    assert_eq!((e.turnout.teachers, e.turnout.schools, e.turnout.people), (Some(24), Some(5), None));
    // o: postponed, asking for a new date the way the documents write it.
    key(&mut app, 'щ');
    for _ in 0..40 {
        code(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "когда-нибудь");
    code(&mut app, KeyCode::Enter);
    assert!(screen(&mut app).contains(RU.err_when), "an unreadable date is refused where it was typed");
    for _ in 0..20 {
        code(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "март–апрель 2023");
    code(&mut app, KeyCode::Enter);
    let moved = app.store.event(e.id).unwrap();
    assert_eq!((moved.status, moved.when.display()), (EventStatus::Postponed, "март–апрель 2023".to_string()));
    assert_eq!(moved.when.start.unwrap().to_string(), "2023-03-01");
    // The selection follows the event to its new place.
    assert!(app.view().rows[app.view().selected].cells[3].starts_with("Семинары по профильному"));
    // c: cancelled at once.
    key(&mut app, 'c');
    assert_eq!(app.store.event(e.id).unwrap().status, EventStatus::Cancelled);
    // u undoes step by step; U and Ctrl-R redo.
    key(&mut app, 'u');
    assert_eq!(app.store.event(e.id).unwrap().status, EventStatus::Postponed);
    key(&mut app, 'г');
    let back = app.store.event(e.id).unwrap();
    assert_eq!(
        (back.status, back.when.display()),
        (EventStatus::Done, "в течение 2022-2023 учебного года".to_string())
    );
    key(&mut app, 'U');
    assert_eq!(app.store.event(e.id).unwrap().status, EventStatus::Postponed);
    ctrl(&mut app, 'r');
    assert_eq!(app.store.event(e.id).unwrap().status, EventStatus::Cancelled);
    ctrl(&mut app, 'r');
    assert!(screen(&mut app).contains("Нечего повторять"));
    // p and i on a meeting's decision.
    let pos = app.view().rows.iter().position(|r| r.item.is_some() && &r.cells[2] == "решение").unwrap();
    while app.view().selected < pos {
        code(&mut app, KeyCode::Down);
    }
    key(&mut app, 'i');
    assert!(screen(&mut app).contains("Статус сохранён"));
    // A decision is work: «в работе», not an event «идёт».
    assert_eq!(&app.view().rows[app.view().selected].cells[1], "в работе");
}

#[test]
fn the_roadmap_as_a_timeline_scrolls_zooms_and_goes_to_today() {
    let mut app = app("timeline");
    key(&mut app, '3');
    key(&mut app, 'v');
    let text = screen(&mut app);
    assert!(text.contains("┊сен21┊окт") && text.contains("25.11.2021     Взаимопосещение уроков"), "{text}");
    insta::assert_snapshot!("timeline_months", text);
    // The lesson visit of 25.11.2021 is a point in November's column.
    let line = text.lines().find(|l| l.contains("25.11.2021     Взаимопосещение")).unwrap();
    let header = text.lines().find(|l| l.contains("┊ноя")).unwrap();
    let col = |s: &str, pat: &str| s.find(pat).map(|b| s[..b].chars().count()).unwrap();
    let (nov, dec) = (col(header, "┊ноя"), col(header, "┊дек"));
    let dot = col(line, "●");
    assert!(nov < dot && dot < dec, "the point sits in November: {nov} < {dot} < {dec}");
    // + zooms to weeks around the selection, ← → move in time, - back to months.
    key(&mut app, '+');
    let weeks = screen(&mut app);
    assert!(weeks.contains("по неделям"), "{weeks}");
    let first_week = app.timeline.start;
    key(&mut app, 'l');
    assert_eq!((app.timeline.start - first_week).num_days(), 7);
    key(&mut app, 'h');
    key(&mut app, 'h');
    assert_eq!((first_week - app.timeline.start).num_days(), 7);
    key(&mut app, '-');
    // r: a row per host school; t: today, in the current academic year.
    key(&mut app, 'к');
    let by_school = screen(&mut app);
    assert!(by_school.contains("СОШ №1 (3)") && by_school.contains("ППМС-центр (3)"), "{by_school}");
    key(&mut app, 'r');
    key(&mut app, 't');
    assert_eq!(app.year.label(), "2026-2027");
    assert!(screen(&mut app).contains("Нет записей за этот год"));
    // v: back to the list, one key away.
    key(&mut app, 'v');
    assert!(!app.timeline.on);
    key(&mut app, '[');
    assert!(screen(&mut app).contains("Дата / срок   Статус"));
}

#[test]
fn roadmap_filters_combine_by_field() {
    let mut app = app("facets");
    key(&mut app, '3');
    key(&mut app, ']');
    key(&mut app, '/');
    type_text(&mut app, "статус:запл школа:мку");
    code(&mut app, KeyCode::Enter);
    // Both fields hold on every row: planned, and held by МКУ ЦРО (the four methodical events
    // of the second half of 2022).
    let rows: Vec<(String, String, String)> = app
        .view()
        .rows
        .iter()
        .filter(|r| r.item.is_some())
        .map(|r| (r.cells[1].to_string(), r.cells[6].to_string(), r.cells[3].to_string()))
        .collect();
    assert_eq!(rows.len(), 4, "{rows:?}");
    assert!(rows.iter().all(|(st, host, _)| st == "запланировано" && host == "МКУ ЦРО"), "{rows:?}");
    assert!(screen(&mut app).contains("фильтр: «статус:запл школа:мку»"));
    key(&mut app, 'x');
    key(&mut app, '/');
    type_text(&mut app, "предмет:физика отв:карганова");
    let n = app.view().rows.iter().filter(|r| r.item.is_some()).count();
    assert_eq!(n, 1);
}

#[test]
fn minutes_taken_during_a_call_become_tasks_and_a_document() {
    let mut app = app("minutes");
    key(&mut app, '3');
    key(&mut app, ']');
    key(&mut app, 'ь'); // m on the Russian layout
    assert!(screen(&mut app).contains("Протокол совещания"));
    // The number field has the focus, as a protocol begins; the date is today's.
    type_text(&mut app, "6");
    code(&mut app, KeyCode::Tab);
    type_text(&mut app, "Рабочая встреча школ Пикалево");
    code(&mut app, KeyCode::Tab);
    for _ in 0..10 {
        code(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "15.09.2022");
    code(&mut app, KeyCode::Tab);
    type_text(&mut app, "15.00");
    code(&mut app, KeyCode::Tab);
    type_text(&mut app, "ВКС");
    code(&mut app, KeyCode::Tab);
    code(&mut app, KeyCode::Tab);
    // Who leads the call and how many connected: a number is a number.
    type_text(&mut app, "Т.С. Боброва");
    code(&mut app, KeyCode::Tab);
    type_text(&mut app, "двенадцать");
    ctrl(&mut app, 's');
    assert!(screen(&mut app).contains("↑ целое число"), "{}", screen(&mut app));
    for _ in 0.."двенадцать".chars().count() {
        code(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "12");
    code(&mut app, KeyCode::Tab);
    // Participants are picked with the lookup; an unknown name is taken as typed.
    pick(&mut app, "боброва");
    pick(&mut app, "карганова");
    pick(&mut app, "Гость из ИРО");
    code(&mut app, KeyCode::Tab);
    // An agenda line: the item, who was heard on it, what they said.
    type_text(&mut app, "План семинаров на 2022-2023 учебный год | Т.С. Боброва | о графике на год");
    code(&mut app, KeyCode::Tab);
    type_text(&mut app, "Согласовать график семинаров | к пятнице | Т.С. Боброва");
    code(&mut app, KeyCode::Enter);
    type_text(&mut app, "Провести семинар по физике | ноябрь 2022 | Л.И. Гришкина");
    ctrl(&mut app, 's');
    let text = screen(&mut app);
    assert!(text.contains("строка 1: дата не распознана"), "{text}");
    // Fix the first line's deadline.
    code(&mut app, KeyCode::Up);
    code(&mut app, KeyCode::End);
    for _ in 0..("к пятнице | Т.С. Боброва".chars().count()) {
        code(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "23.09.2022 | Т.С. Боброва");
    ctrl(&mut app, 's');
    assert!(app.overlays.is_empty(), "{}", screen(&mut app));
    assert!(screen(&mut app).contains("Протокол сохранён"));
    // The decisions are tasks on the roadmap with their deadlines.
    let tasks: Vec<(String, String)> = app
        .data
        .decisions
        .iter()
        .filter(|d| d.meeting.contains("Рабочая встреча"))
        .map(|d| (d.deadline.display(), d.responsible.clone()))
        .collect();
    assert_eq!(
        tasks,
        [
            ("23.09.2022".to_string(), "Т.С. Боброва".to_string()),
            ("ноябрь 2022".to_string(), "Л.И. Гришкина".to_string())
        ]
    );
    // And the minutes print as a document.
    let (id, ..) = app.store.meetings().unwrap().into_iter().find(|m| m.3.contains("Рабочая встреча")).unwrap();
    let doc = nastavnik::minutes::markdown(&app.store.minutes(id).unwrap(), &RU);
    assert!(doc.starts_with("# Протокол №6\n\n## Рабочая встреча школ Пикалево"), "{doc}");
    assert!(doc.contains("**Дата:** 15.09.2022") && doc.contains("**Формат проведения:** ВКС"), "{doc}");
    assert!(doc.contains("**Модераторы:** Т.С. Боброва  \n**Количество подключений:** 12"), "{doc}");
    assert!(
        doc.contains(
            "**Участники:** Т.С. Боброва, ведущий специалист, Комитет образования; \
             Ю.Н. Карганова, директор, СОШ №1; Гость из ИРО"
        ),
        "{doc}"
    );
    assert!(doc.contains("1. План семинаров на 2022-2023 учебный год\n"), "{doc}");
    assert!(doc.contains("Т.С. Боброва") && doc.contains("о графике на год"), "who was heard:\n{doc}");
    assert!(
        doc.contains("2. Провести семинар по физике\n   Срок: ноябрь 2022.\n   Ответственные: Л.И. Гришкина."),
        "{doc}"
    );
}

#[test]
fn an_event_is_created_edited_copied_and_removed_from_the_keyboard() {
    let mut app = app("events");
    key(&mut app, '3');
    key(&mut app, 'n');
    assert!(screen(&mut app).contains("Новое мероприятие"));
    // Title first; the kind is one field up.
    type_text(&mut app, "Мастер-класс по физике");
    code(&mut app, KeyCode::BackTab);
    type_text(&mut app, "мастер-класс");
    code(&mut app, KeyCode::Tab);
    code(&mut app, KeyCode::Tab);
    for _ in 0..12 {
        code(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "каникулы 2022");
    ctrl(&mut app, 's');
    assert!(screen(&mut app).contains("дата не распознана"), "an unreadable period is refused at its field");
    for _ in 0..13 {
        code(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "осенние каникулы 2022");
    // The time and the format as the documents write them.
    code(&mut app, KeyCode::Tab);
    type_text(&mut app, "15.00–16.00");
    code(&mut app, KeyCode::Tab);
    type_text(&mut app, "онлайн, ВКС");
    code(&mut app, KeyCode::Tab);
    type_text(&mut app, "физика");
    code(&mut app, KeyCode::Tab);
    type_text(&mut app, "9-11");
    code(&mut app, KeyCode::Tab);
    // The picker says it picks, not «Кто кого наставляет … Enter — ответ».
    code(&mut app, KeyCode::Enter);
    let text = screen(&mut app);
    assert!(text.contains("Выбор школы или человека") && text.contains("Enter — выбрать"), "{text}");
    assert!(!text.contains("Enter — ответ"), "{text}");
    code(&mut app, KeyCode::Esc);
    pick(&mut app, "сош 3 пикалево");
    // The teacher field takes a person: a school there is refused.
    pick(&mut app, "сош 1 пикалево");
    assert!(screen(&mut app).contains("Выберите педагога"));
    pick(&mut app, "ерошенкова");
    pick(&mut app, "сош 1 пикалево");
    pick(&mut app, "оош 2 пикалево");
    // Esc keeps the draft; n brings it back.
    code(&mut app, KeyCode::Esc);
    key(&mut app, 'n');
    assert!(screen(&mut app).contains("Восстановлен несохранённый черновик"));
    ctrl(&mut app, 's');
    assert!(screen(&mut app).contains("Мероприятие сохранено"));
    assert_eq!(app.year.label(), "2022-2023", "the view moves to the new event's year");
    let e = app.data.events.iter().find(|e| e.title == "Мастер-класс по физике").expect("listed").clone();
    assert_eq!(e.when.display(), "осенние каникулы 2022");
    assert_eq!((e.host_short.as_str(), e.teacher.as_str(), e.grades.as_str()), ("СОШ №3", "Н.О. Ерошенкова", "9-11"));
    assert_eq!(e.participants, "ООШ №2, СОШ №1");
    assert_eq!((e.time.as_str(), e.format.as_str()), ("15.00–16.00", "онлайн, ВКС"));
    // The card shows them under the date.
    select_event(&mut app, "Мастер-класс по физике");
    code(&mut app, KeyCode::Enter);
    let card = screen(&mut app);
    assert!(card.contains("Время") && card.contains("15.00–16.00"), "{card}");
    assert!(card.contains("Формат проведения") && card.contains("онлайн, ВКС"), "{card}");
    code(&mut app, KeyCode::Esc);
    // Edit: e, change the grades; the history has the line.
    select_event(&mut app, "Мастер-класс по физике");
    key(&mut app, 'e');
    for _ in 0..5 {
        code(&mut app, KeyCode::Tab);
    }
    for _ in 0..4 {
        code(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "10-11");
    ctrl(&mut app, 's');
    assert_eq!(app.store.event(e.id).unwrap().grades, "10-11");
    let h = app.store.history("event", e.id).unwrap();
    assert_eq!((h[0].field.as_str(), h[0].old.as_str(), h[0].new.as_str()), ("grades", "9-11", "10-11"));
    // u undoes the edit.
    key(&mut app, 'u');
    assert_eq!(app.store.event(e.id).unwrap().grades, "9-11");
    // C copies it into a new form; saving makes a second event.
    select_event(&mut app, "Мастер-класс по физике");
    key(&mut app, 'C');
    ctrl(&mut app, 's');
    let copies: Vec<i64> =
        app.data.events.iter().filter(|x| x.title == "Мастер-класс по физике").map(|x| x.id).collect();
    assert_eq!(copies.len(), 2);
    // D asks first; anything but y keeps it, y removes it with a history record.
    select_event(&mut app, "Мастер-класс по физике");
    key(&mut app, 'D');
    assert!(screen(&mut app).contains("Удалить мероприятие «Мастер-класс по физике»"));
    key(&mut app, 'n');
    assert_eq!(app.data.events.iter().filter(|x| x.title == "Мастер-класс по физике").count(), 2);
    key(&mut app, 'D');
    key(&mut app, 'y');
    assert_eq!(app.data.events.iter().filter(|x| x.title == "Мастер-класс по физике").count(), 1);
    let gone = *copies.iter().find(|id| app.store.event(**id).is_err()).unwrap();
    let h = app.store.history("event", gone).unwrap();
    assert_eq!((h[0].field.as_str(), h[0].new.as_str()), ("*", "deleted"));
    // No movement key confirms: l (where д sits), → and Enter on «Нет» keep it.
    select_event(&mut app, "Мастер-класс по физике");
    key(&mut app, 'D');
    let text = screen(&mut app);
    assert!(text.contains("[ Да ]") && text.contains("[ Нет ]"), "{text}");
    key(&mut app, 'l');
    assert!(app.overlays.is_empty(), "l answers no");
    key(&mut app, 'D');
    code(&mut app, KeyCode::Enter);
    assert_eq!(app.data.events.iter().filter(|x| x.title == "Мастер-класс по физике").count(), 1, "Enter on «Нет»");
    // → moves to «Да»; Enter there confirms.
    key(&mut app, 'D');
    code(&mut app, KeyCode::Right);
    code(&mut app, KeyCode::Enter);
    assert_eq!(app.data.events.iter().filter(|x| x.title == "Мастер-класс по физике").count(), 0);
    // u brings the removed event back, whole; the next u takes back the creation of the copy.
    key(&mut app, 'u');
    assert!(screen(&mut app).contains("Отменено: восстановлено"), "{}", screen(&mut app));
    assert_eq!(app.data.events.iter().filter(|x| x.title == "Мастер-класс по физике").count(), 1);
    key(&mut app, 'u');
    assert!(screen(&mut app).contains("Отменено: восстановлено"));
    assert!(app.store.event(gone).is_ok(), "the first removed copy is back too");
    key(&mut app, 'u');
    assert!(screen(&mut app).contains("Отменено: создание отменено"), "{}", screen(&mut app));
    let copy = *copies.iter().max().unwrap();
    assert!(app.store.event(copy).is_err(), "the copy's creation is undone");
    assert_eq!(app.data.events.iter().filter(|x| x.title == "Мастер-класс по физике").count(), 1);
}

#[test]
fn a_draft_survives_a_restart_and_ctrl_d_discards_it() {
    let mut app = app("draftrestart");
    key(&mut app, '3');
    key(&mut app, 'n');
    type_text(&mut app, "Семинар, прерванный обрывом связи");
    code(&mut app, KeyCode::Esc);
    let path = app.store.path().to_path_buf();
    drop(app);
    // The program starts again on the same store (an SSH session dropped, say).
    let store = Store::open(&path, "tester").unwrap();
    let (keys, _) = KeyMap::new(&HashMap::new());
    let mut app = App::new(store, &RU, keys, Theme::default(), ratatui::layout::Rect::new(0, 0, 120, 40)).unwrap();
    key(&mut app, '3');
    key(&mut app, 'n');
    let text = screen(&mut app);
    assert!(
        text.contains("Восстановлен несохранённый черновик") && text.contains("Семинар, прерванный обрывом связи"),
        "{text}"
    );
    ctrl(&mut app, 'd');
    assert!(app.overlays.is_empty() && screen(&mut app).contains("Черновик удалён"));
    key(&mut app, 'n');
    assert!(!screen(&mut app).contains("Семинар, прерванный"), "the discarded draft does not come back");
}

#[test]
fn an_agreement_opens_with_its_subject_and_appendices() {
    let mut app = app("agreement");
    key(&mut app, '5');
    code(&mut app, KeyCode::Down);
    code(&mut app, KeyCode::Enter);
    let text = screen(&mut app);
    assert!(text.contains("Предмет договора") && text.contains("Внести изменения в п. 3.2.3"), "{text}");
    assert!(text.contains("К договору: Договор о сетевом взаимодействии и сотрудничестве (рамочный)"), "{text}");
    assert!(text.contains("Следующий шаг: на согласовании"), "{text}");
    // Parties, the plan with each event's status, and how much of it is done.
    assert!(
        text.contains("1. МБОУ «Средняя общеобразовательная школа № 10» — директор Иванов Николай Иванович"),
        "{text}"
    );
    assert!(text.contains("Приложение № 1 — План совместной деятельности сторон"), "{text}");
    assert!(text.contains("1. [запланировано] Совместное районное административное совещание"), "{text}");
    assert!(text.contains("21.10.2021"), "{text}");
    assert!(text.contains("План совместной деятельности: 0/2 выполнено"), "{text}");
    insta::assert_snapshot!("agreement_card", without_clock(&text));
}

#[test]
fn agreements_move_along_their_lifecycle_with_reasons_and_a_form() {
    let mut app = app("lifecycle");
    key(&mut app, '5');
    let text = screen(&mut app);
    // Ust-Ilimsk's agreements are in force as its report says, with no term it does not give.
    assert!(text.contains("все учебные годы") && !text.contains("истёк"), "{text}");
    let bgu = text.lines().find(|l| l.contains("СОШ № 2; Байкальс")).expect("the БГУ agreement");
    assert!(bgu.contains("действует") && !bgu.contains("2021-2022"), "{bgu}");
    insta::assert_snapshot!("agreements_all_years", text);
    // One key per step: the draft goes to approval, then signing is refused with the reason.
    key(&mut app, 'ф');
    assert!(screen(&mut app).contains("Статус сохранён: на согласовании"));
    key(&mut app, 'a');
    let text = screen(&mut app);
    assert!(
        text.contains("Нельзя подписать, не хватает: номера договора; даты подписания; названия стороны 2"),
        "{text}"
    );
    // The form: a wrong date is refused under its field and nothing is saved.
    key(&mut app, 'e');
    code(&mut app, KeyCode::Tab);
    type_text(&mut app, "12/2026");
    code(&mut app, KeyCode::Tab);
    type_text(&mut app, "31.02.2026");
    ctrl(&mut app, 's');
    let text = screen(&mut app);
    assert!(text.contains("↑ в феврале невисокосного года 28 дней"), "{text}");
    insta::assert_snapshot!("agreement_form_error", text);
    for _ in "31.02.2026".chars() {
        code(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "20.11.2026");
    // Party 2: its name and signatory, the template's blanks.
    while !matches!(
        app.overlays.last(),
        Some(Overlay::Agreement(f)) if f.field() == nastavnik::app::agreement::AgField::PartyName(1)
    ) {
        code(&mut app, KeyCode::Tab);
    }
    type_text(&mut app, "МКОУ «Шумская СОШ»");
    code(&mut app, KeyCode::Tab);
    type_text(&mut app, "Петрова Анна Сергеевна");
    ctrl(&mut app, 's');
    assert!(screen(&mut app).contains("Договор сохранён"));
    key(&mut app, 'a');
    let text = screen(&mut app);
    assert!(text.contains("Статус сохранён: подписан") && text.contains("№ 12/2026"), "{text}");
    // Terminating asks first; "no" leaves it signed.
    key(&mut app, 'T');
    assert!(screen(&mut app).contains("Расторгнуть договор"));
    key(&mut app, 'n');
    // Not terminated: signed, and as its written term «2023-2024 учебный год» has passed by
    // 22.11.2026, shown as expired.
    let text = screen(&mut app);
    assert!(text.contains("истёк") && !text.contains("расторгнут"), "{text}");
    let Some(nastavnik::app::rows::ItemRef::Agreement(i)) = app.selected_item() else { panic!() };
    assert_eq!(app.data.agreements[i].status, nastavnik::domain::AgreementStatus::Signed);
    // Undo takes the signing back.
    key(&mut app, 'u');
    assert!(screen(&mut app).contains("Отменено: подписан → на согласовании"));
}

/// The screen with every "2026-11-22 22:03:18" stamp made the same, for a snapshot that does
/// not change with the time the test ran.
fn without_clock(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    // As the screens print a change's time: 23.11.2026 07:57.
    let shape = "dd.dd.dddd dd:dd";
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let fits = i + shape.len() <= chars.len()
            && shape.chars().zip(&chars[i..]).all(|(p, c)| if p == 'd' { c.is_ascii_digit() } else { p == *c });
        if fits {
            out.push_str("DD.MM.YYYY hh:mm");
            i += shape.len();
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

#[test]
fn new_agreements_and_plan_rows_are_made_from_the_keyboard() {
    let mut app = app("new-agreement");
    key(&mut app, '5');
    // A new framework agreement: its title is offered, the parties typed; a school of the store
    // typed by its short name becomes that school.
    key(&mut app, 'n');
    while !matches!(
        app.overlays.last(),
        Some(Overlay::Agreement(f)) if f.field() == nastavnik::app::agreement::AgField::PartyName(0)
    ) {
        code(&mut app, KeyCode::Tab);
    }
    type_text(&mut app, "СОШ № 17");
    ctrl(&mut app, 's');
    let text = screen(&mut app);
    assert!(text.contains("Договор сохранён") && text.contains("Договоры · 5"), "{text}");
    let created = app.data.agreements.last().unwrap().clone();
    assert_eq!(created.parties, "СОШ № 17; …");
    // An additional agreement to it, with the same parties and an empty plan (the orders
    // are listed below the agreements: the new one is selected by its row).
    let pos = app.view().rows.iter().position(|r| r.cells[3] == created.title && r.cells[4] == created.parties);
    app.views[Pane::Agreements.index()].selected = pos.expect("the new agreement is listed");
    key(&mut app, 'A');
    ctrl(&mut app, 's');
    assert!(screen(&mut app).contains("Договоры · 6"));
    let extra = app.data.agreements.iter().find(|a| a.parent == Some(created.id)).unwrap().clone();
    assert_eq!(extra.parties, created.parties);
    // A plan row is a roadmap event of the year it falls in.
    let pos = app.view().rows.iter().position(|r| r.cells[3] == extra.title).expect("listed");
    app.views[Pane::Agreements.index()].selected = pos;
    key(&mut app, 'P');
    type_text(&mut app, "Взаимопосещение уроков математики");
    code(&mut app, KeyCode::Tab);
    for _ in 0..12 {
        code(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "10.03.2022");
    ctrl(&mut app, 's');
    let text = screen(&mut app);
    assert!(text.contains("Строка плана добавлена") && text.contains("0/1 выполнено"), "{text}");
    let items = &app.store.appendices(extra.id).unwrap()[0].items;
    assert_eq!((items.len(), items[0].dates.as_str()), (1, "10.03.2022"));
    assert!(app.data.events.iter().any(|e| e.title == "Взаимопосещение уроков математики"), "in the roadmap");
}

#[test]
fn agreements_filter_by_status_party_and_an_ending_term() {
    let mut app = app("agreement-filters");
    // One of Ust-Ilimsk's agreements (the report gives them no term) is given one ending in 18
    // days: it is flagged; the other one that ended with 2023-2024: it expired by itself.
    let cdt = app.data.agreements.iter().find(|a| a.parties.contains("ЦДТ")).unwrap().id;
    let (mut f, v) = app.store.agreement_fields(cdt).unwrap();
    f.end = chrono::NaiveDate::from_ymd_opt(2026, 12, 10);
    app.store.update_agreement(cdt, &f, Some(v)).unwrap();
    let bgu = app.data.agreements.iter().find(|a| a.parties.contains("БГУ")).unwrap().id;
    let (mut f, v) = app.store.agreement_fields(bgu).unwrap();
    f.end = chrono::NaiveDate::from_ymd_opt(2024, 8, 31);
    app.store.update_agreement(bgu, &f, Some(v)).unwrap();
    key(&mut app, '5');
    app.load().unwrap();
    let titles = |app: &App| -> Vec<String> {
        app.view()
            .rows
            .iter()
            .filter(|r| r.item.is_some())
            .map(|r| format!("{} {}", &r.cells[4], &r.cells[7]))
            .collect()
    };
    key(&mut app, '/');
    type_text(&mut app, "скоро");
    code(&mut app, KeyCode::Enter);
    assert_eq!(titles(&app), ["СОШ № 5; Центр детского творчества (ЦДТ) ⚠ действует 18 дн."]);
    key(&mut app, 'x');
    key(&mut app, '/');
    type_text(&mut app, "статус:истёк");
    code(&mut app, KeyCode::Enter);
    assert_eq!(titles(&app), ["СОШ № 2; Байкальский государственный университет (БГУ) истёк"]);
    key(&mut app, 'x');
    key(&mut app, '/');
    // The template's sample party is named as the template writes it, a party of the
    // agreement only (no school of the store).
    type_text(&mut app, "школа:школа 10 статус:проект");
    assert_eq!(titles(&app).len(), 2, "{:?}\n{}", titles(&app), screen(&mut app));
}

#[test]
fn deficits_as_pictures_read_without_colour() {
    let mut app = app("pictures");
    key(&mut app, '4');
    key(&mut app, 'м'); // v on the Russian layout
    let text = screen(&mut app);
    // Bars against the target, with the numbers and a sign; the heat map in symbols.
    assert!(text.contains("┃ 50,4 % / 100 % ✗"), "{text}");
    assert!(text.contains("Рисковые направления школ") && text.contains("● в работе   ✓ выполнено"), "{text}");
    insta::assert_snapshot!("deficits_picture", text);
    // The next year: Kirovsk's count of low-result schools, from five to none.
    key(&mut app, ']');
    let text = screen(&mut app);
    assert!(text.contains("Динамика: Число ШНОР в районе"), "{text}");
    insta::assert_snapshot!("deficits_dynamics", text);
    key(&mut app, 'v');
    assert!(!app.pictures_on());
}

#[test]
fn a_value_that_cannot_be_is_refused_where_it_was_typed() {
    let mut app = app("values");
    key(&mut app, '4');
    let pos = app.view().rows.iter().position(|r| r.cells[1].starts_with("Доля педагогов ШНОР, имеющих")).unwrap();
    // The indicator's own row, below the attention list that names it too.
    let pos = app
        .view()
        .rows
        .iter()
        .skip(pos + 1)
        .position(|r| r.cells[1].starts_with("Доля педагогов ШНОР, имеющих"))
        .map_or(pos, |p| p + pos + 1);
    app.views[Pane::Deficits.index()].selected = pos;
    key(&mut app, 'n');
    code(&mut app, KeyCode::Tab);
    for _ in 0..10 {
        code(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "август 2022");
    code(&mut app, KeyCode::Tab);
    type_text(&mut app, "100,5");
    code(&mut app, KeyCode::Tab);
    type_text(&mut app, "-3");
    code(&mut app, KeyCode::Tab);
    code(&mut app, KeyCode::Tab);
    type_text(&mut app, "15.09.2022");
    ctrl(&mut app, 's');
    let text = screen(&mut app);
    assert!(text.contains("↑ доля не может быть больше 100 %"), "{text}");
    assert!(text.contains("↑ не может быть меньше нуля"), "{text}");
    assert!(text.contains("↑ дата вне учебного года 2021-2022"), "{text}");
    insta::assert_snapshot!("value_refused", text);
    // Mended: a decimal comma is read, the value is recorded and the list shows it.
    fn fix(app: &mut App, field: usize, text: &str) {
        if let Some(Overlay::Fields(f)) = app.overlays.last_mut() {
            f.focus = field;
        }
        for _ in 0..12 {
            code(app, KeyCode::Backspace);
        }
        type_text(app, text);
    }
    // A share that its counts contradict (50 % of 350 of 400) is refused, naming what they give.
    fix(&mut app, 2, "50");
    fix(&mut app, 3, "350");
    fix(&mut app, 4, "400");
    fix(&mut app, 5, "31.08.2022");
    ctrl(&mut app, 's');
    let text = screen(&mut app);
    assert!(text.contains("доля не сходится со счётом; по счёту выходит 87,5 %"), "{text}");
    fix(&mut app, 2, "78,5");
    fix(&mut app, 3, "");
    fix(&mut app, 4, "");
    ctrl(&mut app, 's');
    let text = screen(&mut app);
    assert!(text.contains("Значение записано"), "{text}");
    let recorded: Vec<_> = app
        .data
        .indicators
        .iter()
        .filter(|i| i.name.starts_with("Доля педагогов ШНОР, имеющих"))
        .map(|i| i.actual.clone())
        .collect();
    assert_eq!(recorded, ["50,4%", "78,5%"]);
    // Still below the target of 100 % after its deadline: the newer value is the one named.
    let named: Vec<String> = app.data.attention.iter().map(|a| a.text(&RU)).filter(|t| t.contains("имеющих")).collect();
    assert_eq!(named.len(), 1);
    assert!(named[0].contains("78,5% при цели 100%"), "{named:?}");
}

#[test]
fn a_programme_past_its_deadline_shows_on_the_schools_card_and_a_round_is_recorded() {
    let mut app = app("programme");
    key(&mut app, '4');
    let pos = app.view().rows.iter().position(|r| &r.cells[0] == "МБОУ «СОШ № 17»").unwrap();
    app.views[Pane::Deficits.index()].selected = pos;
    key(&mut app, 'e');
    type_text(&mut app, "Повысить предметную компетентность педагогов");
    for _ in 0..3 {
        code(&mut app, KeyCode::Tab);
    }
    type_text(&mut app, "31.05.2022");
    ctrl(&mut app, 's');
    assert!(screen(&mut app).contains("Программа сохранена"));
    let at = app.view().rows.iter().position(|r| &r.cells[0] == "⚠ МБОУ «СОШ № 17»").expect("needs attention");
    assert!(app.view().rows[at].cells[1].contains("срок прошёл 31.05.2022"));
    app.views[Pane::Deficits.index()].selected = at;
    code(&mut app, KeyCode::Enter);
    let text = screen(&mut app);
    assert!(text.contains("Карточка школы: МБОУ «СОШ № 17»") && text.contains("Требует внимания (1)"), "{text}");
    code(&mut app, KeyCode::Esc);

    // A round of diagnostics for a school: a part larger than the whole is refused.
    let pos = app
        .view()
        .rows
        .iter()
        .position(|r| &r.cells[0] == "МБОУ «СОШ № 17»" && &r.cells[4] == "1 полугодие 2022")
        .unwrap();
    app.views[Pane::Deficits.index()].selected = pos;
    key(&mut app, 'n');
    type_text(&mut app, "август 2022");
    for v in ["30", "31", "12", "28"] {
        code(&mut app, KeyCode::Tab);
        type_text(&mut app, v);
    }
    code(&mut app, KeyCode::Tab);
    type_text(&mut app, "функциональная грамотность: 9");
    ctrl(&mut app, 's');
    assert!(screen(&mut app).contains("↑ больше, чем педагогов всего"));
    if let Some(Overlay::Fields(f)) = app.overlays.last_mut() {
        f.focus = 2;
    }
    code(&mut app, KeyCode::Backspace);
    code(&mut app, KeyCode::Backspace);
    type_text(&mut app, "25");
    ctrl(&mut app, 's');
    assert!(screen(&mut app).contains("Диагностика записана"));
    let round = app.data.diagnostics.iter().find(|g| g.round == "август 2022").unwrap();
    assert_eq!((round.teachers, round.diagnosed, round.with_programme), (Some(30.0), Some(25.0), Some(12.0)));
    // 13 diagnosed teachers have no programme: the school's card says so.
    assert!(app.data.attention.iter().any(
        |a| a.text(&RU) == "МБОУ «СОШ № 17»: 13 педагогов прошли диагностику, но не имеют индивидуальной программы"
    ));
}

#[test]
fn a_colleagues_newer_change_is_shown_and_i_choose_theirs_or_mine() {
    let mut app = app("conflict");
    key(&mut app, '3');
    key(&mut app, ']');
    let Some(nastavnik::app::rows::ItemRef::Event(i)) = app.selected_item() else { panic!("an event is selected") };
    let id = app.data.events[i].id;
    // A colleague in the same call marks it cancelled; my screen has not caught up yet.
    let colleague = Store::open(app.store.path(), "Боброва").unwrap();
    colleague.set_event_status(id, EventStatus::Cancelled, None).unwrap();
    key(&mut app, 'p');
    let text = screen(&mut app);
    assert!(text.contains("Пока вы правили, запись изменил коллега"), "{text}");
    assert!(text.contains("Изменил(а): Боброва") && text.contains("Сейчас в базе: отменено"), "{text}");
    assert!(text.contains("Ваше: запланировано"), "{text}");
    insta::assert_snapshot!("conflict", without_clock(&text));
    // Keep theirs: nothing of mine is written.
    key(&mut app, 't');
    assert_eq!(app.store.event(id).unwrap().status, EventStatus::Cancelled);

    // The same again, and this time mine is written over theirs.
    colleague.set_event_status(id, EventStatus::Done, None).unwrap();
    key(&mut app, 'p');
    assert!(screen(&mut app).contains("Сейчас в базе: проведено"));
    key(&mut app, 'ь'); // m on the Russian layout
    assert_eq!(app.store.event(id).unwrap().status, EventStatus::Planned);
    assert!(screen(&mut app).contains("Сохранена ваша версия"));

    // A form: their title is shown beside mine, and "edit again" reopens my values.
    key(&mut app, 'e');
    type_text(&mut app, " (перенос)");
    let (mut f, v) = colleague.event_fields(id).unwrap();
    f.title = "Заголовок коллеги".into();
    colleague.update_event(id, &f, Some(v)).unwrap();
    ctrl(&mut app, 's');
    let text = screen(&mut app);
    assert!(text.contains("в базе «Заголовок коллеги»") && text.contains("(перенос)»"), "{text}");
    key(&mut app, 'e');
    assert!(matches!(app.overlays.last(), Some(Overlay::Event(_))));
    ctrl(&mut app, 's');
    assert!(app.store.event(id).unwrap().title.ends_with("(перенос)"), "saved on the second try");
}

#[test]
fn a_viewer_is_told_so_and_nothing_changes() {
    let mut app = app("viewer");
    app.store.set_access(nastavnik::store::Access::Viewer);
    key(&mut app, '3');
    key(&mut app, ']');
    let Some(nastavnik::app::rows::ItemRef::Event(i)) = app.selected_item() else { panic!("an event is selected") };
    let before = app.data.events[i].status;
    key(&mut app, 'c');
    let text = screen(&mut app);
    assert!(text.contains("Только просмотр: изменения вам не разрешены, ничего не записано"), "{text}");
    assert!(text.contains("tester · просмотр"), "{text}");
    assert_eq!(app.store.event(app.data.events[i].id).unwrap().status, before);
}

#[test]
fn a_viewer_opens_no_form_and_leaves_no_draft() {
    let mut app = app("viewer-forms");
    app.store.set_access(nastavnik::store::Access::Viewer);
    key(&mut app, '3');
    for k in ['n', 'e', 'C', 'D', 'm', 's', 'd', 'u'] {
        key(&mut app, k);
        assert!(app.overlays.is_empty(), "{k} opened something for a viewer");
        assert!(screen(&mut app).contains("Только просмотр"), "{k}: {}", screen(&mut app));
        code(&mut app, KeyCode::Esc);
    }
    key(&mut app, '2');
    key(&mut app, 'n');
    assert!(app.overlays.is_empty());
    for kind in ["event", "link", "minutes", "agreement"] {
        assert_eq!(app.store.draft(kind).unwrap(), None, "no {kind} draft");
    }
    // Reading stays: the lookup and the card open.
    key(&mut app, 'w');
    assert!(matches!(app.overlays.last(), Some(Overlay::Lookup(_))));
}

#[test]
fn esc_and_an_arrow_in_one_read_are_esc_and_the_arrow() {
    let mut app = app("escape-arrow");
    key(&mut app, '5');
    let esc = KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE);
    let ch = |c: char| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    let agreements = app.store.count(nastavnik::store::Table::Agreements).unwrap();
    // Escape+Up as crossterm reads it: Esc, '[', 'A' — not a new additional agreement (A).
    app.handle_keys(vec![esc, ch('['), ch('A')]);
    assert!(app.overlays.is_empty(), "{}", screen(&mut app));
    // Escape+Left on the Roadmap: not the year back ('[') and «Удалить мероприятие?» ('D').
    key(&mut app, '3');
    let year = app.year;
    app.handle_keys(vec![esc, ch('['), ch('D')]);
    assert!(!screen(&mut app).contains("Удалить мероприятие"));
    assert!(app.overlays.is_empty());
    assert_ne!(app.year, year, "← itself still changes the year, once");
    app.handle_keys(vec![KeyEvent::new(KeyCode::Right, KeyModifiers::NONE)]);
    assert_eq!(app.year, year);
    assert_eq!(app.store.count(nastavnik::store::Table::Agreements).unwrap(), agreements);
}

#[test]
fn a_paste_is_text_in_the_field_never_keys() {
    let mut app = app("paste");
    key(&mut app, '3');
    // Pasted on a list: nothing happens (no 'q' quits, no 'D' asks).
    app.paste("qD");
    assert!(!app.quit && app.overlays.is_empty());
    // Into the filter: the text, line breaks as spaces.
    key(&mut app, '/');
    app.paste("мастер-\nкласс");
    assert_eq!(app.filter_input.as_ref().unwrap().lines()[0], "мастер- класс");
}

#[test]
fn a_huge_paste_is_cut_to_the_fields_measure_and_says_so() {
    use nastavnik::app::eventform::EvField;
    let mut app = app("huge-paste");
    key(&mut app, '3');
    key(&mut app, 'n');
    let long: String = "ю".repeat(nastavnik::app::MAX_PASTE + 500);
    app.paste(&long);
    let Some(Overlay::Event(form)) = app.overlays.last() else { panic!("the form stays open") };
    assert_eq!(form.text(EvField::Title).chars().count(), nastavnik::app::MAX_PASTE);
    assert!(screen(&mut app).contains("Вставлены первые 10000 знаков из 10500"), "{}", screen(&mut app));
}

#[test]
fn a_number_glued_to_the_school_finds_that_school_in_the_lookup_and_the_filter() {
    let mut app = app("glued");
    key(&mut app, 'w');
    type_text(&mut app, "сош3");
    let Some(Overlay::Lookup(st)) = app.overlays.last() else { panic!("the lookup is open") };
    let names: Vec<&str> = st.hits.iter().map(|h| h.1.as_str()).collect();
    assert_eq!(names.first(), Some(&"МБОУ «СОШ №3» г. Пикалево"), "{names:?}");
    assert!(names.iter().all(|n| n.contains("№3") || n.contains("№ 3")), "3 is not 13 nor 1: {names:?}");
    code(&mut app, KeyCode::Esc);
    code(&mut app, KeyCode::Esc);
    key(&mut app, '3');
    key(&mut app, '/');
    type_text(&mut app, "школа:сош3");
    code(&mut app, KeyCode::Enter);
    let text = screen(&mut app);
    assert!(text.contains("Взаимопосещение уроков") && text.contains("СОШ №3"), "{text}");
}

#[test]
fn todays_work_is_reached_by_year_and_a_postponed_event_is_followed_to_its_new_year() {
    let dir = PathBuf::from("target/render-tests/today");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let store = Store::create_new(&dir.join("demo.db"), "tester").unwrap();
    nastavnik::demo::load(&store).unwrap();
    // Minutes taken today put their decisions in this academic year, which has nothing else.
    let today = chrono::Local::now().date_naive();
    let current = nastavnik::text::AcademicYear::of(today);
    let m = nastavnik::store::NewMinutes {
        number: "5".into(),
        title: "Совещание координаторов".into(),
        date: Some(today),
        decisions: vec![("Провести мониторинг".into(), nastavnik::domain::When::day(today), "Боброва".into())],
        ..Default::default()
    };
    store.record_minutes(&m).unwrap();
    assert!(store.years().unwrap().contains(&current), "a year with only decisions is a year");
    let (keys, _) = KeyMap::new(&HashMap::new());
    let mut app = App::new(store, &RU, keys, Theme::default(), ratatui::layout::Rect::new(0, 0, 120, 40)).unwrap();
    assert_eq!(app.year, current, "the program opens on today's year when it has anything");
    key(&mut app, '3');
    assert!(screen(&mut app).contains("Провести мониторинг"));
    // Back to 2021-2022 and forward again with ] reaches it.
    while app.year.0 > 2021 {
        key(&mut app, '[');
    }
    while app.year != current {
        let before = app.year;
        key(&mut app, ']');
        assert_ne!(app.year, before, "] stopped at {}", before.label());
    }
    // Postponing an event of 2022-2023 into another academic year takes the screen there with it.
    while app.year.0 > 2022 {
        key(&mut app, '[');
    }
    select_event(&mut app, "Семинары по профильному обучению");
    key(&mut app, 'o');
    for _ in 0..60 {
        code(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "15.10.2023");
    code(&mut app, KeyCode::Enter);
    assert_eq!(app.year.label(), "2023-2024");
    let text = screen(&mut app);
    assert!(text.contains("мероприятие теперь в учебном году 2023-2024"), "{text}");
    assert!(app.view().rows[app.view().selected].cells[3].starts_with("Семинары по профильному"), "{text}");
}

#[test]
fn invisible_characters_are_never_typed_into_a_field() {
    let mut app = app("invisible");
    key(&mut app, '/');
    app.paste("Мас\u{200D}ло\u{202E}ва\u{AD}");
    assert_eq!(app.filter_input.as_ref().unwrap().lines()[0], "Маслова");
}

#[test]
fn how_many_came_is_typed_as_the_reports_say_it_refused_where_it_is_wrong_and_shown_in_the_card() {
    let mut app = app("turnout-form");
    key(&mut app, ']');
    select_event(&mut app, "Семинары по профильному обучению");
    let id = selected_event_id(&app);
    let before = app.store.event(id).unwrap();
    assert!(before.turnout.is_empty(), "the document gives no count for it");
    key(&mut app, 'e');
    let text = screen(&mut app);
    assert!(text.contains("Сколько участников"), "{text}");
    // Tab to the field (after the participants), type what cannot be counted.
    let at = nastavnik::app::eventform::EvField::ALL
        .iter()
        .position(|f| *f == nastavnik::app::eventform::EvField::Turnout)
        .unwrap();
    while matches!(app.overlays.last(), Some(nastavnik::app::Overlay::Event(f)) if f.focus != at) {
        code(&mut app, KeyCode::Tab);
    }
    type_text(&mut app, "24 гостя");
    ctrl(&mut app, 's');
    let text = screen(&mut app);
    assert!(text.contains("↑ кого считать? «24 педагога», «10 команд»"), "the error is under the field: {text}");
    assert!(app.store.event(id).unwrap().turnout.is_empty(), "nothing was written");
    for _ in 0..10 {
        code(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "38 педагогов из 6 муниципальных общеобразовательных учреждений");
    ctrl(&mut app, 's');
    let after = app.store.event(id).unwrap();
    assert_eq!((after.turnout.teachers, after.turnout.schools), (Some(38), Some(6)));
    // The card says it the way a report would, and its history names the counts.
    code(&mut app, KeyCode::Enter);
    let text = screen(&mut app);
    assert!(text.contains("Сколько участников: 38 педагогов из 6 ОО"), "{text}");
    assert!(text.contains("число педагогов:  → 38") || text.contains("число педагогов: — → 38"), "{text}");
    code(&mut app, KeyCode::Esc);
    // Undo takes both counts back at once.
    key(&mut app, 'u');
    assert!(app.store.event(id).unwrap().turnout.is_empty());
    // Edited again, the field shows the counts as they are kept.
    key(&mut app, 'U');
    key(&mut app, 'e');
    let Some(nastavnik::app::Overlay::Event(form)) = app.overlays.last() else { panic!("the form") };
    assert_eq!(form.text(nastavnik::app::eventform::EvField::Turnout), "38 педагогов из 6 ОО");
}

#[test]
fn each_schools_part_in_an_event_is_set_in_the_participants_list_kept_shown_and_undone() {
    use nastavnik::app::eventform::EvField;
    use nastavnik::app::Overlay;
    use nastavnik::turnout::Part;
    let mut app = app("roster");
    select_event(&mut app, "Муниципальный конкурс команд");
    let id = selected_event_id(&app);
    // The demo holds the report's three winners with their nominations, and the ten teams.
    let e = app.store.event(id).unwrap();
    assert_eq!(e.turnout.teams, Some(10));
    let parts: Vec<(String, Part)> = e.details.iter().map(|t| (t.name.clone(), t.part)).collect();
    assert_eq!(parts.len(), 3, "{parts:?}");
    assert!(parts.iter().all(|p| p.1 == Part::Awarded), "{parts:?}");
    key(&mut app, 'e');
    let at = EvField::ALL.iter().position(|f| *f == EvField::Participants).unwrap();
    while matches!(app.overlays.last(), Some(Overlay::Event(f)) if f.focus != at) {
        code(&mut app, KeyCode::Tab);
    }
    assert!(screen(&mut app).contains("[Пробел — роли и числа]"), "the field says how: {}", screen(&mut app));
    key(&mut app, ' ');
    let text = screen(&mut app);
    assert!(text.contains("Участники мероприятия"), "{text}");
    assert!(text.contains("победитель / призёр, номинация «Педагогическое"), "{text}");
    // The first school (СОШ № 5 by its full name): a count a school cannot have is refused
    // where it was typed, then its teachers are counted.
    key(&mut app, 't');
    type_text(&mut app, "10 команд");
    code(&mut app, KeyCode::Enter);
    assert!(screen(&mut app).contains("↑ для школы — педагоги или подключения"), "{}", screen(&mut app));
    for _ in 0..12 {
        code(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "3 педагога");
    code(&mut app, KeyCode::Enter);
    // The second becomes a co-organiser (from a winner, p goes round: участник, организатор;
    // the Russian layout's з is p); the third is taken off.
    key(&mut app, 'j');
    key(&mut app, 'з');
    key(&mut app, 'p');
    key(&mut app, 'j');
    key(&mut app, 'x');
    let text = screen(&mut app);
    assert!(text.contains("3 педагога"), "{text}");
    code(&mut app, KeyCode::Esc);
    ctrl(&mut app, 's');
    assert!(!matches!(app.overlays.last(), Some(Overlay::Event(_))), "saved and closed: {}", screen(&mut app));
    let e = app.store.event(id).unwrap();
    let got: Vec<(Part, Option<u32>)> = e.details.iter().map(|t| (t.part, t.teachers)).collect();
    assert_eq!(e.participants.split(", ").count(), 2, "{}", e.participants);
    assert!(got.contains(&(Part::Awarded, Some(3))), "{got:?}");
    assert!(got.contains(&(Part::Organizer, None)), "{got:?}: from a winner, p goes round to a co-organiser");
    // The card and its history say it school by school.
    code(&mut app, KeyCode::Enter);
    let text = screen(&mut app);
    assert!(text.contains("Роли участников:") && text.contains("— организатор, номинация"), "{text}");
    assert!(text.contains("роли участников: МАОУ «СОШ № 5» — победитель / призёр"), "{text}");
    code(&mut app, KeyCode::Esc);
    // One undo brings the three winners back as they were.
    key(&mut app, 'u');
    let e = app.store.event(id).unwrap();
    assert_eq!(e.details.iter().filter(|t| t.part == Part::Awarded && t.teachers.is_none()).count(), 3);
    assert_eq!(e.participants.split(", ").count(), 3);
    assert_eq!(app.store.check().unwrap(), Vec::<String>::new());
}

#[test]
fn the_english_event_form_names_the_title_and_the_subject_apart() {
    let mut app = app_with("english-form", &EN);
    key(&mut app, '3');
    key(&mut app, 'n');
    let text = screen(&mut app);
    assert!(text.contains("Title") && text.contains("Subject"), "{text}");
}

#[test]
fn a_colleagues_draft_is_no_reason_to_reload_and_their_change_is() {
    let mut app = app("drafts-reload");
    key(&mut app, '3');
    let path = app.store.path().to_path_buf();
    let colleague = Store::open(&path, "Серякова").unwrap();
    // A colleague closes a form with Esc: a draft is written, nothing anyone sees changed.
    colleague.save_draft("event", "{}").unwrap();
    app.tick();
    assert!(!screen(&mut app).contains("Данные обновлены"), "{}", screen(&mut app));
    // A real change is shown.
    let e = app.data.events[0].clone();
    colleague.set_event_status(e.id, EventStatus::Cancelled, None).unwrap();
    app.tick();
    assert!(screen(&mut app).contains("Данные обновлены"));
    assert_eq!(app.data.events.iter().find(|x| x.id == e.id).unwrap().status, EventStatus::Cancelled);
}

#[test]
fn an_empty_filter_on_a_pane_of_all_years_names_no_year() {
    let mut app = app("history-filter");
    key(&mut app, '6');
    key(&mut app, '/');
    type_text(&mut app, "кто:никого");
    let text = screen(&mut app);
    assert!(text.contains("Ничего не найдено по фильтру") && !text.contains("по фильтру (2021-2022)"), "{text}");
    code(&mut app, KeyCode::Esc);
    key(&mut app, '3');
    key(&mut app, '/');
    type_text(&mut app, "никакого такого");
    assert!(screen(&mut app).contains("Ничего не найдено по фильтру (2021-2022)"));
}

#[test]
fn at_80_columns_the_tab_bar_keeps_the_year_and_clicks_still_land() {
    let mut app = app("tabs-80");
    app.resize(ratatui::layout::Rect::new(0, 0, 80, 24));
    key(&mut app, '3');
    let text = buffer_text(&render(&mut app, 80, 24));
    let top = text.lines().next().unwrap();
    assert!(top.contains("3 Дорожная карта") && top.contains("2021-2022"), "{top}");
    // The selected row's cut cells are read whole under the list.
    select_event(&mut app, "Мастер-класс школы-наставника");
    let text = buffer_text(&render(&mut app, 80, 24));
    assert!(text.contains(" 21.10.2021 (осенние каникулы) · проведено · мастер-класс"), "{text}");
    // A click on the number of pane 5 opens it.
    let x = top.find(" 5 ").map(|b| top[..b].chars().count() as u16 + 1).unwrap();
    app.handle_mouse(MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column: x,
        row: 0,
        modifiers: KeyModifiers::NONE,
    });
    assert_eq!(app.pane, Pane::Agreements);
}

#[test]
fn a_school_is_added_to_an_empty_store_from_the_clusters_pane_and_undone() {
    let dir = PathBuf::from("target/render-tests/empty-store");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let store = Store::create_new(&dir.join("district.db"), "Боброва").unwrap();
    let (keys, _) = KeyMap::new(&HashMap::new());
    let mut app = App::new(store, &RU, keys, Theme::default(), ratatui::layout::Rect::new(0, 0, 120, 40)).unwrap();
    key(&mut app, 'n');
    assert!(screen(&mut app).contains("Новая школа"));
    // Saved without a name: refused under the field.
    ctrl(&mut app, 's');
    assert!(screen(&mut app).contains("↑"), "{}", screen(&mut app));
    for (i, text) in
        ["МБОУ «СОШ № 4» г. Луга", "СОШ № 4", "СОШ", "Лужский район", "Луга", "ШНОР", "высокий"].into_iter().enumerate()
    {
        if let Some(Overlay::Fields(f)) = app.overlays.last_mut() {
            f.focus = i;
        }
        type_text(&mut app, text);
    }
    ctrl(&mut app, 's');
    let text = screen(&mut app);
    assert!(text.contains("Школа добавлена") && text.contains("МБОУ «СОШ № 4» г. Луга"), "{text}");
    assert_eq!(app.data.clusters.len(), 1);
    assert_eq!(
        (app.data.clusters[0].district.as_str(), app.data.clusters[0].status.as_str()),
        ("Лужский район", "ШНОР")
    );
    // The same school again in the same district is named a duplicate.
    key(&mut app, 'n');
    for (i, text) in ["МБОУ «СОШ № 4» г. Луга", "", "", "Лужский район"].into_iter().enumerate()
    {
        if let Some(Overlay::Fields(f)) = app.overlays.last_mut() {
            f.focus = i;
        }
        for _ in 0..30 {
            code(&mut app, KeyCode::Backspace);
        }
        type_text(&mut app, text);
    }
    ctrl(&mut app, 's');
    assert!(screen(&mut app).contains("такая школа в этом районе уже есть"), "{}", screen(&mut app));
    code(&mut app, KeyCode::Esc);
    // u takes the school back out: the store is empty again.
    key(&mut app, 'u');
    assert!(app.data.clusters.is_empty(), "{}", screen(&mut app));
    assert_eq!(app.store.count(nastavnik::store::Table::Organizations).unwrap(), 0);
    assert_eq!(app.store.count(nastavnik::store::Table::Districts).unwrap(), 0);
}

#[test]
fn the_agreement_form_keeps_its_draft_on_esc_like_every_form() {
    use nastavnik::app::agreement::AgField;
    let mut app = app("agreement-draft");
    key(&mut app, '5');
    key(&mut app, 'n');
    for _ in 0..80 {
        code(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "Договор о сетевой форме реализации программ");
    code(&mut app, KeyCode::Esc);
    assert!(app.overlays.is_empty());
    assert!(app.store.draft("agreement").unwrap().is_some(), "kept");
    key(&mut app, 'n');
    // The form covers the message line at this height: the message is there all the same.
    assert_eq!(app.message.as_ref().map(|m| m.text.as_str()), Some(RU.draft_restored));
    let Some(Overlay::Agreement(form)) = app.overlays.last() else { panic!("the form is open") };
    assert_eq!(form.text(AgField::Title), "Договор о сетевой форме реализации программ");
    // Ctrl-D throws it away; the next form starts afresh.
    ctrl(&mut app, 'd');
    key(&mut app, 'n');
    let Some(Overlay::Agreement(form)) = app.overlays.last() else { panic!("the form is open") };
    assert_ne!(form.text(AgField::Title), "Договор о сетевой форме реализации программ");
}

#[test]
fn an_empty_store_says_how_to_begin_and_i_imports_a_spreadsheet_as_one_undoable_action() {
    let dir = PathBuf::from("target/render-tests/import");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let store = Store::create_new(&dir.join("district.db"), "tester").unwrap();
    let (keys, _) = KeyMap::new(&HashMap::new());
    let mut app = App::new(store, &RU, keys, Theme::default(), ratatui::layout::Rect::new(0, 0, 120, 40)).unwrap();
    app.load().unwrap();
    let first = screen(&mut app);
    assert!(first.contains("База пуста"), "{first}");
    assert!(first.contains("n — добавить школу") && first.contains("I — импорт из таблицы"), "{first}");
    // Every empty pane says it.
    key(&mut app, '3');
    assert!(screen(&mut app).contains("I — импорт из таблицы"));
    key(&mut app, '1');

    let file = dir.join("наставники.csv");
    std::fs::write(
        &file,
        "Наименование ОО;Район;Статус;Учебный год\n\
         МБОУ «СОШ №1» г. Энска;Энский;ШНОР;2024-2025\n\
         МБОУ «Гимназия №2»;Энский;школа-наставник;2024-2025\n",
    )
    .unwrap();
    let people = dir.join("люди.csv");
    std::fs::write(&people, "ФИО;Должность;Организация\nМаслова Т.П.;учитель, наставник;Гимназия №2\n").unwrap();
    let links = dir.join("связи.csv");
    std::fs::write(&links, "Наставник;Наставляемый;Предмет\nМаслова Т.П.;СОШ №1;математика\n").unwrap();

    for (path, expect) in [(&file, "новых: 2"), (&people, "новых: 1"), (&links, "новых: 1")] {
        // Ш is I on the Russian layout.
        key(&mut app, 'Ш');
        assert!(screen(&mut app).contains("Импорт из таблицы"));
        type_text(&mut app, &path.display().to_string());
        code(&mut app, KeyCode::Enter);
        let preview = screen(&mut app);
        assert!(preview.contains(expect), "{preview}");
        assert!(preview.contains("Enter или y — записать"), "{preview}");
        code(&mut app, KeyCode::Enter);
        let after = screen(&mut app);
        assert!(after.contains("Импортировано"), "{after}");
    }
    // The file's year is on screen, not the empty current one; `w` finds the mentor.
    assert_eq!(app.year.label(), "2024-2025");
    let clusters = screen(&mut app);
    assert!(clusters.contains("МБОУ «СОШ №1» г. Энска") && clusters.contains("ШНОР"), "{clusters}");
    key(&mut app, 'w');
    type_text(&mut app, "маслова");
    code(&mut app, KeyCode::Enter);
    let answer = screen(&mut app);
    assert!(answer.contains("СОШ №1") && answer.contains("математика"), "{answer}");
    code(&mut app, KeyCode::Esc);
    code(&mut app, KeyCode::Esc);
    // One u takes the last import (the link) back as a whole.
    key(&mut app, 'u');
    assert_eq!(app.store.count(nastavnik::store::Table::Links).unwrap(), 0);
    assert_eq!(app.store.count(nastavnik::store::Table::People).unwrap(), 1);

    // A file that is no spreadsheet: the reason under the field, the box stays open.
    let bad = dir.join("картинка.csv");
    std::fs::write(&bad, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    key(&mut app, 'I');
    type_text(&mut app, &bad.display().to_string());
    code(&mut app, KeyCode::Enter);
    let refused = screen(&mut app);
    assert!(refused.contains("↑ это не таблица"), "{refused}");
    assert!(matches!(app.overlays.last(), Some(Overlay::Import(_))));
}

#[test]
fn e_on_a_school_corrects_its_directory_fields_checked_under_each_and_u_takes_it_back() {
    let mut app = app("edit-school");
    app.set_pane(Pane::Clusters);
    let first = app.data.clusters[0].clone();
    let select = |app: &mut App, org: i64| {
        let v = &mut app.views[Pane::Clusters.index()];
        v.selected = v.rows.iter().position(|r| r.item == Some(nastavnik::app::rows::ItemRef::Cluster(org))).unwrap();
    };
    select(&mut app, first.org_id);
    key(&mut app, 'e');
    let form = screen(&mut app);
    assert!(form.contains(&format!("Школа: {}", first.school)), "{form}");
    // To the ИНН (the sixth field): a wrong check digit is refused under it, nothing written.
    for _ in 0..5 {
        code(&mut app, KeyCode::Tab);
    }
    type_text(&mut app, "7707083894");
    ctrl(&mut app, 's');
    let refused = screen(&mut app);
    assert!(refused.contains("↑ ИНН — 10 цифр"), "{refused}");
    assert_eq!(app.store.school_fields(first.org_id).unwrap().0.inn, "");
    code(&mut app, KeyCode::Backspace);
    type_text(&mut app, "3");
    ctrl(&mut app, 's');
    assert!(screen(&mut app).contains("Школа изменена"));
    assert_eq!(app.store.school_fields(first.org_id).unwrap().0.inn, "7707083893");
    // Another school of the same district may not take the same name.
    let other =
        app.data.clusters.iter().position(|c| c.district == first.district && c.org_id != first.org_id).unwrap();
    let other = app.data.clusters[other].org_id;
    select(&mut app, other);
    key(&mut app, 'e');
    code(&mut app, KeyCode::End);
    for _ in 0..80 {
        code(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, &first.school);
    ctrl(&mut app, 's');
    let twin = screen(&mut app);
    assert!(twin.contains("в этом районе уже есть"), "{twin}");
    code(&mut app, KeyCode::Esc);
    key(&mut app, 'u');
    assert_eq!(app.store.school_fields(first.org_id).unwrap().0.inn, "", "u takes the ИНН back");
}

#[test]
fn m_marks_a_school_and_m_on_another_merges_it_after_asking_and_u_parts_them() {
    let mut app = app("merge");
    app.set_pane(Pane::Clusters);
    let select = |app: &mut App, org: i64| {
        let v = &mut app.views[Pane::Clusters.index()];
        v.selected = v.rows.iter().position(|r| r.item == Some(nastavnik::app::rows::ItemRef::Cluster(org))).unwrap();
    };
    let (gone, keep) = (app.data.clusters[0].clone(), app.data.clusters[1].clone());
    let schools = app.store.count(nastavnik::store::Table::Organizations).unwrap();
    select(&mut app, gone.org_id);
    // Ь is M on the Russian layout.
    key(&mut app, 'Ь');
    assert!(screen(&mut app).contains("отмечена для объединения"));
    select(&mut app, keep.org_id);
    key(&mut app, 'M');
    let ask = screen(&mut app);
    assert!(ask.contains("Объединить школы?"), "{ask}");
    // Any key but y (or Enter on «Да») answers no.
    key(&mut app, 'j');
    assert!(app.overlays.is_empty());
    assert_eq!(app.store.count(nastavnik::store::Table::Organizations).unwrap(), schools);
    select(&mut app, gone.org_id);
    key(&mut app, 'M');
    select(&mut app, keep.org_id);
    key(&mut app, 'M');
    key(&mut app, 'y');
    assert!(screen(&mut app).contains("Объединено"), "{}", screen(&mut app));
    assert_eq!(app.store.count(nastavnik::store::Table::Organizations).unwrap(), schools - 1);
    key(&mut app, 'u');
    assert_eq!(app.store.count(nastavnik::store::Table::Organizations).unwrap(), schools);
    // Esc takes a mark back.
    select(&mut app, gone.org_id);
    key(&mut app, 'M');
    code(&mut app, KeyCode::Esc);
    assert!(app.merge_mark.is_none());
}

#[test]
fn s_on_a_school_sets_its_status_for_the_year_with_the_order_it_rests_on() {
    let mut app = app("cluster-status");
    app.set_pane(Pane::Clusters);
    let c = app.data.clusters.iter().find(|c| c.status == "ШНОР" && c.risk_level.is_empty()).unwrap().clone();
    let v = &mut app.views[Pane::Clusters.index()];
    v.selected = v.rows.iter().position(|r| r.item == Some(nastavnik::app::rows::ItemRef::Cluster(c.org_id))).unwrap();
    // ы is s on the Russian layout.
    key(&mut app, 'ы');
    let form = screen(&mut app);
    assert!(form.contains(&format!("Статус школы: {}", c.school)), "{form}");
    code(&mut app, KeyCode::Tab);
    type_text(&mut app, "сильно неуспевающая");
    code(&mut app, KeyCode::Tab);
    type_text(&mut app, "приказ от 26.04.2022 № 56");
    ctrl(&mut app, 's');
    assert!(screen(&mut app).contains("Статус школы сохранён"));
    let row = app.data.clusters.iter().find(|x| x.org_id == c.org_id).unwrap();
    assert_eq!(row.risk_level, "сильно неуспевающая");
    let (_, f, _) = app.store.cluster_status_row(c.org_id, app.year, "ШНОР").unwrap().unwrap();
    assert_eq!(f.note, "приказ от 26.04.2022 № 56");
    key(&mut app, 'u');
    let row = app.data.clusters.iter().find(|x| x.org_id == c.org_id).unwrap();
    assert_eq!(row.risk_level, "", "one u undoes the whole change");
}

#[test]
fn n_capital_adds_a_person_to_a_school_and_e_on_their_answer_in_w_corrects_them() {
    let mut app = app("people");
    app.set_pane(Pane::Clusters);
    let c = app.data.clusters[0].clone();
    let v = &mut app.views[Pane::Clusters.index()];
    v.selected = v.rows.iter().position(|r| r.item == Some(nastavnik::app::rows::ItemRef::Cluster(c.org_id))).unwrap();
    key(&mut app, 'N');
    let form = screen(&mut app);
    assert!(form.contains("Новый сотрудник") && form.contains(&c.school), "{form}");
    type_text(&mut app, "Смирнова Ольга Ивановна");
    code(&mut app, KeyCode::Tab);
    type_text(&mut app, "учитель, тьютор");
    code(&mut app, KeyCode::Tab);
    code(&mut app, KeyCode::Tab);
    type_text(&mut app, "физика");
    code(&mut app, KeyCode::Tab);
    type_text(&mut app, "smirnova@");
    ctrl(&mut app, 's');
    assert!(screen(&mut app).contains("↑ не похоже на адрес почты"));
    type_text(&mut app, "school1.ru");
    ctrl(&mut app, 's');
    assert!(screen(&mut app).contains("Сотрудник добавлен"), "{}", screen(&mut app));
    let card = app.store.school_card(c.org_id).unwrap();
    assert!(card.staff.contains(&("Смирнова Ольга Ивановна".to_string(), "учитель, тьютор".to_string())));
    // The same name again at the same school is refused.
    key(&mut app, 'N');
    type_text(&mut app, "смирнова ольга ивановна");
    ctrl(&mut app, 's');
    assert!(screen(&mut app).contains("уже есть человек с таким ФИО"));
    code(&mut app, KeyCode::Esc);

    // w finds her; e opens her record; the role is corrected.
    key(&mut app, 'w');
    type_text(&mut app, "смирнова");
    code(&mut app, KeyCode::Enter);
    key(&mut app, 'e');
    let form = screen(&mut app);
    assert!(form.contains("Человек: Смирнова Ольга Ивановна"), "{form}");
    code(&mut app, KeyCode::Tab);
    code(&mut app, KeyCode::End);
    type_text(&mut app, ", наставник");
    ctrl(&mut app, 's');
    assert!(screen(&mut app).contains("Изменения сохранены"), "{}", screen(&mut app));
    let card = app.store.school_card(c.org_id).unwrap();
    assert!(card.staff.iter().any(|(n, r)| n == "Смирнова Ольга Ивановна" && r == "учитель, тьютор, наставник"));
}

#[test]
fn r_retires_a_school_dimmed_and_out_of_the_lookup_and_brings_it_back() {
    let mut app = app("retire");
    app.set_pane(Pane::Clusters);
    let c = app.data.clusters.iter().find(|c| c.school == "МБОУ «СОШ №1» г. Пикалево").unwrap().clone();
    let select = |app: &mut App| {
        let v = &mut app.views[Pane::Clusters.index()];
        v.selected =
            v.rows.iter().position(|r| r.item == Some(nastavnik::app::rows::ItemRef::Cluster(c.org_id))).unwrap();
    };
    select(&mut app);
    // К is R on the Russian layout.
    key(&mut app, 'К');
    let text = screen(&mut app);
    assert!(text.contains(&format!("{} (выбыла)", c.school)), "{text}");
    assert!(text.contains("Школа выведена из сети"), "{text}");
    assert_eq!(app.store.school_card(c.org_id).unwrap().name, c.school, "kept, with its card");
    key(&mut app, 'w');
    type_text(&mut app, "сош 1 пикалево");
    let found = screen(&mut app);
    assert!(!found.contains("СОШ №1» г. Пикалево  "), "out of the lookup:\n{found}");
    code(&mut app, KeyCode::Esc);
    select(&mut app);
    key(&mut app, 'R');
    let text = screen(&mut app);
    assert!(text.contains("Школа снова в сети") && !text.contains("(выбыла)"), "{text}");
    key(&mut app, 'u');
    assert!(screen(&mut app).contains("(выбыла)"), "u takes the return back");
}

#[test]
fn r_on_a_persons_answer_retires_them_out_of_the_lookup_and_u_brings_them_back() {
    let mut app = app("retire-person");
    key(&mut app, 'w');
    type_text(&mut app, "маслова");
    code(&mut app, KeyCode::Enter);
    assert!(matches!(app.overlays.last(), Some(Overlay::Answer(_))));
    key(&mut app, 'R');
    assert!(screen(&mut app).contains("Человек выведен из сети"), "{}", screen(&mut app));
    key(&mut app, 'w');
    type_text(&mut app, "маслова");
    let found = screen(&mut app);
    assert!(!found.contains("▶ Т.П. Маслова"), "out of the lookup:\n{found}");
    code(&mut app, KeyCode::Esc);
    let org = app.store.import_directory().unwrap().org_id("МБОУ «СОШ №3» г. Пикалево", &RU).unwrap();
    let card = app.store.school_card(org).unwrap();
    assert!(card.staff.iter().any(|(n, _)| n == "Т.П. Маслова (×)"), "kept on the card, marked: {:?}", card.staff);
    key(&mut app, 'u');
    key(&mut app, 'w');
    type_text(&mut app, "маслова");
    assert!(screen(&mut app).contains("▶ Т.П. Маслова"), "back after u:\n{}", screen(&mut app));
}

/// Moves the answer's selection down until its line begins with `text`.
fn select_answer_line(app: &mut App, text: &str) {
    for _ in 0..200 {
        if let Some(Overlay::Answer(st)) = app.overlays.last() {
            if st.lines[st.selected].text.trim_start().starts_with(text) {
                return;
            }
        }
        code(app, KeyCode::Down);
    }
    panic!("no answer line holds «{text}»:\n{}", screen(app));
}

#[test]
fn a_schools_answer_lists_its_staff_where_one_who_left_is_brought_back_and_two_records_are_merged() {
    let mut app = app("staff-answer");
    // Маслова leaves (R on her own answer)…
    key(&mut app, 'w');
    type_text(&mut app, "маслова");
    code(&mut app, KeyCode::Enter);
    key(&mut app, 'R');
    code(&mut app, KeyCode::Esc);
    // …and is found again among her school's people, marked, where R brings her back.
    key(&mut app, 'w');
    type_text(&mut app, "сош3 пикалево");
    code(&mut app, KeyCode::Enter);
    let shown = screen(&mut app);
    assert!(shown.contains("Сотрудники:"), "{shown}");
    assert!(shown.contains("Т.П. Маслова — учитель русского языка и литературы (выбыл(а))"), "{shown}");
    select_answer_line(&mut app, "Т.П. Маслова");
    assert!(screen(&mut app).contains("выбыл / вернуть"), "the keys for a person of the school:\n{}", screen(&mut app));
    key(&mut app, 'R');
    let shown = screen(&mut app);
    assert!(shown.contains("Человек снова в сети"), "{shown}");
    assert!(!shown.contains("(выбыл(а))"), "{shown}");
    code(&mut app, KeyCode::Esc);

    // A second record of her (another spelling, from an import) is merged into the first.
    let org = app.store.import_directory().unwrap().org_id("МБОУ «СОШ №3» г. Пикалево", &RU).unwrap();
    let twin = nastavnik::store::PersonFields {
        full_name: "Маслова Т. П.".into(),
        role: String::new(),
        org: Some(org),
        subjects: String::new(),
        email: "maslova@example.ru".into(),
        phone: String::new(),
    };
    assert!(app.store.save_person(None, &twin, None).unwrap());
    app.tick();
    key(&mut app, 'w');
    type_text(&mut app, "сош3 пикалево");
    code(&mut app, KeyCode::Enter);
    select_answer_line(&mut app, "Маслова Т. П.");
    key(&mut app, 'M');
    assert!(screen(&mut app).contains("отмечен(а) для объединения"), "{}", screen(&mut app));
    code(&mut app, KeyCode::Up);
    select_answer_line(&mut app, "Т.П. Маслова");
    key(&mut app, 'M');
    let asked = screen(&mut app);
    assert!(asked.contains("Объединить записи человека?"), "{asked}");
    key(&mut app, 'y');
    let shown = screen(&mut app);
    assert!(shown.contains("Объединено"), "{shown}");
    assert!(!shown.contains("Маслова Т. П."), "the second record is gone:\n{shown}");
    let staff = app.store.staff_of(org).unwrap();
    let masl: Vec<_> = staff.iter().filter(|p| p.name.contains("Маслова")).collect();
    assert_eq!(masl.len(), 1, "{staff:?}");
    let (kept, _, _) = app.store.person_fields(masl[0].id).unwrap();
    assert_eq!(kept.email, "maslova@example.ru", "the kept record takes what only the other knew");
    assert_eq!(kept.role, "учитель русского языка и литературы");
    // Her answer opens on the kept record, and one undo parts the two records again.
    key(&mut app, 'w');
    type_text(&mut app, "маслова");
    code(&mut app, KeyCode::Enter);
    assert!(screen(&mut app).contains("Кого наставляет"), "{}", screen(&mut app));
    code(&mut app, KeyCode::Esc);
    code(&mut app, KeyCode::Esc);
    key(&mut app, 'u');
    assert_eq!(app.store.staff_of(org).unwrap().iter().filter(|p| p.name.contains("Маслова")).count(), 2);
}

#[test]
fn the_years_networks_stand_in_clusters_with_their_members_and_k_adds_one_that_e_changes() {
    let mut app = app("networks");
    app.set_pane(Pane::Clusters);
    let shown = screen(&mut app);
    assert!(shown.contains("Сети школ"), "{shown}");
    assert!(shown.contains("Сеть школ г. Пикалево"), "{shown}");
    assert!(shown.contains("распределённая"), "{shown}");
    assert!(shown.contains("2 школы"), "plural by the one–few–many rule:\n{shown}");
    // Kirovsk's network of 2022-2023: its members were a picture in the document.
    key(&mut app, ']');
    let select = |app: &mut App, name: &str| {
        let v = &mut app.views[Pane::Clusters.index()];
        v.selected = v.rows.iter().position(|r| &r.cells[0] == name).unwrap_or_else(|| panic!("no row «{name}»"));
    };
    select(&mut app, "Распределённая сеть Кировского района");
    code(&mut app, KeyCode::Enter);
    let card = screen(&mut app);
    assert!(card.contains("Участники (0)") && card.contains("не указаны (в документе их нет)"), "{card}");
    code(&mut app, KeyCode::Esc);

    // A new network of the year: K, its name, the district from the school selected, members.
    key(&mut app, '[');
    let first = app.data.clusters.iter().find(|c| c.school.contains("СОШ №1") && c.town == "Пикалево").unwrap();
    let (org, district) = (first.org_id, first.district.clone());
    let v = &mut app.views[Pane::Clusters.index()];
    v.selected = v.rows.iter().position(|r| r.item == Some(nastavnik::app::rows::ItemRef::Cluster(org))).unwrap();
    key(&mut app, 'K');
    let form = screen(&mut app);
    assert!(form.contains("Новая сеть школ 2021-2022"), "{form}");
    assert!(form.contains(&district), "the district is the selected school's:\n{form}");
    type_text(&mut app, "Сеть по математике");
    code(&mut app, KeyCode::Tab);
    code(&mut app, KeyCode::Tab);
    type_text(&mut app, "кольцевая");
    code(&mut app, KeyCode::Tab);
    type_text(&mut app, "сош1 пикалево");
    code(&mut app, KeyCode::Enter);
    type_text(&mut app, "сош 40");
    ctrl(&mut app, 's');
    let refused = screen(&mut app);
    assert!(refused.contains("модель — «распределённая», «ресурсная» или пусто"), "{refused}");
    assert!(refused.contains("нет такой организации «сош 40»"), "{refused}");
    // The model corrected (the form is on the first field refused), the unknown school taken
    // out: saved.
    for _ in 0..9 {
        code(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "ресурсная");
    code(&mut app, KeyCode::Tab);
    for _ in 0..6 {
        code(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "сош3 пикалево");
    ctrl(&mut app, 's');
    let saved = screen(&mut app);
    assert!(saved.contains("Сеть сохранена"), "{saved}");
    assert!(saved.contains("Сеть по математике"), "{saved}");
    assert!(saved.contains("ресурсная концентри"), "{saved}");
    let n = app.data.networks.iter().find(|n| n.name == "Сеть по математике").unwrap().clone();
    assert_eq!(n.model, Some(nastavnik::domain::NetworkModel::ResourceConcentrated));
    assert_eq!(n.members.len(), 2, "{:?}", n.members);
    // e on its row: one member less, in its history.
    select(&mut app, "Сеть по математике");
    key(&mut app, 'e');
    for _ in 0..3 {
        code(&mut app, KeyCode::Tab);
    }
    // The last line (one school) goes.
    for _ in 0..40 {
        code(&mut app, KeyCode::Backspace);
    }
    ctrl(&mut app, 's');
    let n2 = app.data.networks.iter().find(|n| n.name == "Сеть по математике").unwrap().clone();
    assert!(n2.members.len() < 2, "{:?}", n2.members);
    select(&mut app, "Сеть по математике");
    code(&mut app, KeyCode::Enter);
    let card = screen(&mut app);
    assert!(card.contains("участник"), "the member taken out is in its history:\n{card}");
    code(&mut app, KeyCode::Esc);
    // The school's card lists its networks.
    let card = app.store.school_card(org).unwrap();
    assert!(card.networks.iter().any(|n| n.name == "Сеть школ г. Пикалево"), "{:?}", card.networks);
    key(&mut app, 'u');
    assert_eq!(app.data.networks.iter().find(|n| n.name == "Сеть по математике").unwrap().members.len(), 2);
}

#[test]
fn a_directory_form_closed_with_esc_keeps_its_draft_until_saved_or_discarded() {
    let mut app = app("fields-draft");
    app.set_pane(Pane::Clusters);
    key(&mut app, 'n');
    assert!(screen(&mut app).contains("Esc в черновик"), "{}", screen(&mut app));
    type_text(&mut app, "МБОУ «СОШ №99»");
    code(&mut app, KeyCode::Esc);
    assert!(app.overlays.is_empty());
    assert!(screen(&mut app).contains("Черновик сохранён"), "{}", screen(&mut app));
    // Opened again, even after a restart: the name is back.
    let mut app = reopen(app);
    app.set_pane(Pane::Clusters);
    key(&mut app, 'n');
    let shown = screen(&mut app);
    assert!(shown.contains("МБОУ «СОШ №99»") && shown.contains("Восстановлен несохранённый черновик"), "{shown}");
    // Ctrl-D throws it away.
    ctrl(&mut app, 'd');
    assert!(screen(&mut app).contains("Черновик удалён"));
    key(&mut app, 'n');
    let Some(Overlay::Fields(form)) = app.overlays.last() else { panic!("the form is open") };
    assert_eq!(form.text(0), "");
    // A form opened and closed untouched leaves no draft to announce.
    code(&mut app, KeyCode::Esc);
    assert!(!screen(&mut app).contains("Черновик сохранён"));
    // Saved: the draft is gone with it.
    key(&mut app, 'n');
    type_text(&mut app, "МБОУ «СОШ №98»");
    code(&mut app, KeyCode::Esc);
    key(&mut app, 'n');
    ctrl(&mut app, 's');
    assert!(app.overlays.is_empty(), "{}", screen(&mut app));
    key(&mut app, 'n');
    let Some(Overlay::Fields(form)) = app.overlays.last() else { panic!("the form is open") };
    assert_eq!(form.text(0), "", "a new form after the save is empty");
    assert!(app.store.draft("fields:school").unwrap().is_none());
}

/// The same store opened again by the same user, as after a restart or a dropped session.
fn reopen(app: App) -> App {
    let path = app.store.path().to_path_buf();
    drop(app);
    let store = Store::open(&path, "tester").unwrap();
    let (keys, _) = KeyMap::new(&HashMap::new());
    let mut app = App::new(store, &RU, keys, Theme::default(), ratatui::layout::Rect::new(0, 0, 120, 40)).unwrap();
    app.today = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    app.load().unwrap();
    app
}

#[test]
fn e_corrects_a_value_and_a_decision_where_they_were_typed_and_u_takes_it_back() {
    let mut app = app("correct");
    key(&mut app, '4');
    // The value «50,4%» of the share of teachers with a programme: a typo to correct.
    let pos = app
        .view()
        .rows
        .iter()
        .position(|r| {
            r.item.is_some_and(|i| matches!(i, nastavnik::app::rows::ItemRef::Indicator(_)))
                && r.cells.iter().any(|c| c == "50,4%")
        })
        .expect("the indicator's row with its value");
    app.views[Pane::Deficits.index()].selected = pos;
    key(&mut app, 'e');
    let form = screen(&mut app);
    assert!(form.contains("Исправить значение"), "{form}");
    assert!(form.contains("50,4"), "the value as entered:\n{form}");
    if let Some(Overlay::Fields(f)) = app.overlays.last_mut() {
        f.focus = 2;
    }
    for _ in 0..6 {
        code(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "150");
    ctrl(&mut app, 's');
    assert!(screen(&mut app).contains("↑ доля не может быть больше 100 %"), "refused where typed");
    for _ in 0..3 {
        code(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "54,2");
    ctrl(&mut app, 's');
    let shown = screen(&mut app);
    assert!(shown.contains("Значение исправлено"), "{shown}");
    let values: Vec<String> = app
        .data
        .indicators
        .iter()
        .filter(|i| i.name.starts_with("Доля педагогов ШНОР, имеющих"))
        .map(|i| i.actual.clone())
        .collect();
    assert_eq!(values, ["54,2%"], "one row, corrected in place — not a second one");
    key(&mut app, 'u');
    let values: Vec<String> = app
        .data
        .indicators
        .iter()
        .filter(|i| i.name.starts_with("Доля педагогов ШНОР, имеющих"))
        .map(|i| i.actual.clone())
        .collect();
    assert_eq!(values, ["50,4%"]);

    // A decision of a meeting: its text and deadline.
    key(&mut app, '3');
    let pos = app
        .view()
        .rows
        .iter()
        .position(|r| r.item.is_some_and(|i| matches!(i, nastavnik::app::rows::ItemRef::Decision(_))))
        .expect("a decision in the year");
    app.views[Pane::Roadmap.index()].selected = pos;
    let Some(nastavnik::app::rows::ItemRef::Decision(d)) = app.selected_item() else { unreachable!() };
    let before = app.data.decisions[d].clone();
    key(&mut app, 'e');
    assert!(screen(&mut app).contains(&format!("№ {}", before.number)), "{}", screen(&mut app));
    code(&mut app, KeyCode::Tab);
    for _ in 0..60 {
        code(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "31.02.2022");
    ctrl(&mut app, 's');
    assert!(screen(&mut app).contains('↑'), "a day that is not is refused under the field:\n{}", screen(&mut app));
    for _ in 0..10 {
        code(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "20.05.2022");
    ctrl(&mut app, 's');
    let shown = screen(&mut app);
    assert!(shown.contains("Решение исправлено"), "{shown}");
    let after = app.data.decisions.iter().find(|x| x.id == before.id).unwrap();
    assert_eq!(
        after.deadline.end.or(after.deadline.start),
        chrono::NaiveDate::from_ymd_opt(2022, 5, 20),
        "{:?}",
        after.deadline
    );
    assert_eq!(after.text, before.text, "what was not touched stays");
    let h = app.store.history("decision", before.id).unwrap();
    assert!(h.iter().any(|l| l.field == "end" || l.field == "start" || l.field == "period"), "{h:?}");
}

#[test]
fn with_a_district_in_focus_and_screen_share_on_no_pane_shows_another_district_or_a_full_name() {
    let mut app = app("focus-share");
    key(&mut app, 'F');
    let picker = screen(&mut app);
    assert!(picker.contains("Район в фокусе") && picker.contains("Весь регион"), "{picker}");
    let Some(Overlay::StatusPicker { options, .. }) = app.overlays.last() else { panic!("the picker") };
    let at = options.iter().position(|o| o == "город Смоленск").unwrap();
    for _ in 0..at {
        key(&mut app, 'j');
    }
    code(&mut app, KeyCode::Enter);
    key(&mut app, 'S');
    let conn = rusqlite::Connection::open(app.store.path()).unwrap();
    let others: Vec<String> = conn
        .prepare(
            "SELECT o.name FROM organizations o JOIN districts d ON d.id = o.district_id
              WHERE d.name <> 'город Смоленск' AND length(o.name) > 14
                AND o.name NOT IN (SELECT o2.name FROM organizations o2 JOIN districts d2 ON d2.id = o2.district_id
                                   WHERE d2.name = 'город Смоленск')",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(others.len() > 10, "{others:?}");
    let full_name = regex::Regex::new(r"[А-ЯЁ][а-яё]+ [А-ЯЁ][а-яё]+ [А-ЯЁ][а-яё]+(вич|вна|ична)").unwrap();
    let mut seen_rows = 0;
    for pane in ['1', '2', '3', '4', '5', '6'] {
        key(&mut app, pane);
        for year in 0..3 {
            let text = screen(&mut app);
            for town in ["Пикалево", "Усть-Илимск", "Кировск", "Бокситогорск", "Ленинградск"]
            {
                assert!(!text.contains(town), "pane {pane}, year +{year}: «{town}» on screen:\n{text}");
            }
            for name in &others {
                assert!(!text.contains(name.as_str()), "pane {pane}: «{name}» on screen:\n{text}");
            }
            assert!(!full_name.is_match(&text), "pane {pane}: a full name on screen:\n{text}");
            assert!(text.contains("ДЕМОНСТРАЦИЯ ЭКРАНА") && text.contains("город Смоленск"), "{text}");
            seen_rows += app.view().rows.len();
            key(&mut app, ']');
        }
        for _ in 0..3 {
            key(&mut app, '[');
        }
    }
    assert!(seen_rows > 20, "the district's own rows are there: {seen_rows}");
    // The lookup offers nobody of another district.
    key(&mut app, 'w');
    type_text(&mut app, "сош");
    let found = screen(&mut app);
    assert!(found.contains("Смоленск") && !found.contains("Пикалево") && !found.contains("Усть-Илимск"), "{found}");
    code(&mut app, KeyCode::Esc);
    // Kept for this user across a restart; screen share is this session's alone.
    let mut app = reopen(app);
    assert_eq!(app.focus.as_ref().map(|f| f.1.as_str()), Some("город Смоленск"));
    assert!(!app.share);
    assert!(!screen(&mut app).contains("Усть-Илимск"));
    // The whole region again.
    key(&mut app, 'F');
    key(&mut app, 'g');
    code(&mut app, KeyCode::Enter);
    assert!(screen(&mut app).contains("Усть-Илимск"));
}

#[test]
fn screen_share_cuts_names_to_initials_and_hides_the_categories() {
    let mut app = app("share");
    key(&mut app, '3');
    assert!(screen(&mut app).contains("Н.О. Ерошенк"), "{}", screen(&mut app));
    key(&mut app, 'S');
    let text = screen(&mut app);
    assert!(!text.contains("Ерошенк") && text.contains("Н.О. Е."), "{text}");
    key(&mut app, '1');
    let text = screen(&mut app);
    assert!(!text.contains("ШНОР") && !text.contains("неуспевающая"), "{text}");
    assert!(text.contains("МБОУ «СШ № 32 им. С.А. Лавочкина»"), "a school named after someone keeps its name:\n{text}");
    key(&mut app, 'S');
    assert!(screen(&mut app).contains("ШНОР"));
}

/// Latin words on a Russian screen that are not English left behind: key names, the user and
/// the file, Zoom, addresses and document names the documents themselves hold.
fn latin_words(text: &str) -> Vec<String> {
    const ALLOWED: &[&str] = &[
        "Ctrl",
        "Shift",
        "Tab",
        "BackTab",
        "Enter",
        "Esc",
        "Home",
        "End",
        "PgUp",
        "PgDn",
        "PageUp",
        "PageDown",
        "F1",
        "F5",
        "Up",
        "Down",
        "Left",
        "Right",
        "Zoom",
        // As the Pikalevo minutes write it: «Протокол №5, ZOOM, 15.00–16.00».
        "ZOOM",
        "tester",
        "db",
        "demo",
        "render",
        "tests",
        "target",
        "e",
        "mail",
        "Excel",
        "Word",
        "xlsx",
        "csv",
        "ics",
        "md",
        "docx",
        "SSH",
        "OSC",
        "ID",
        "Backspace",
    ];
    let word = regex::Regex::new(r"[A-Za-z][A-Za-z0-9]+").unwrap();
    // Addresses, links and file names are what they are.
    let skip = regex::Regex::new(r"\S+@\S+|https?://\S+|\S+\.(db|xlsx|csv|ics|md|docx)\b|…/\S+").unwrap();
    let text = skip.replace_all(text, " ");
    word.find_iter(&text)
        .map(|m| m.as_str().to_string())
        .filter(|w| !ALLOWED.contains(&w.as_str()))
        // A key (`F`, `C`), a Roman numeral of a conference («III городская»).
        .filter(|w| !(w.len() <= 2 && w.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())))
        .filter(|w| !w.chars().all(|c| "IVXLC".contains(c)))
        .collect()
}

#[test]
fn no_english_word_is_left_on_a_russian_screen_and_every_number_agrees_with_its_noun() {
    let mut app = app("latin");
    let mut found: std::collections::BTreeMap<String, String> = Default::default();
    // And every number on those screens with a noun of the catalogue in the form it takes.
    let mut disagreeing: std::collections::BTreeMap<String, String> = Default::default();
    let mut look = |app: &mut App, place: &str| {
        let text = screen(app);
        for w in latin_words(&text) {
            found.entry(w).or_insert_with(|| place.to_string());
        }
        for (said, right) in nastavnik::i18n::disagreeing_numbers(&text, &RU) {
            disagreeing.entry(said).or_insert_with(|| format!("{right} ({place})"));
        }
    };
    for pane in ['1', '2', '3', '4', '5', '6'] {
        key(&mut app, pane);
        for year in 0..4 {
            look(&mut app, &format!("pane {pane} year +{year}"));
            // Every row's card or detail.
            let n = app.view().rows.len();
            for i in 0..n.min(40) {
                if app.view().rows[i].item.is_none() {
                    continue;
                }
                app.views[app.pane.index()].selected = i;
                code(&mut app, KeyCode::Enter);
                look(&mut app, &format!("pane {pane} year +{year} row {i} card"));
                code(&mut app, KeyCode::Esc);
            }
            key(&mut app, '?');
            look(&mut app, &format!("pane {pane} help"));
            code(&mut app, KeyCode::Esc);
            for form in ['n', 'e'] {
                key(&mut app, form);
                look(&mut app, &format!("pane {pane} year +{year} form {form}"));
                code(&mut app, KeyCode::Esc);
                ctrl(&mut app, 'd');
            }
            key(&mut app, ']');
        }
        for _ in 0..4 {
            key(&mut app, '[');
        }
    }
    key(&mut app, 'w');
    type_text(&mut app, "сош1 пикалево");
    code(&mut app, KeyCode::Enter);
    look(&mut app, "the answer");
    assert!(found.is_empty(), "Latin words on Russian screens: {found:#?}");
    assert!(disagreeing.is_empty(), "numbers in the wrong form on Russian screens: {disagreeing:#?}");
}

#[test]
fn m_on_a_decision_corrects_its_protocols_heading_and_agenda() {
    let mut app = app("minutes-fix");
    key(&mut app, '3');
    let pos = app
        .view()
        .rows
        .iter()
        .position(|r| r.item.is_some_and(|i| matches!(i, nastavnik::app::rows::ItemRef::Decision(_))))
        .expect("a decision");
    app.views[Pane::Roadmap.index()].selected = pos;
    let Some(nastavnik::app::rows::ItemRef::Decision(d)) = app.selected_item() else { unreachable!() };
    let meeting = app.store.meeting_of_decision(app.data.decisions[d].id).unwrap();
    let (before, _) = app.store.meeting_fields(meeting).unwrap();
    key(&mut app, 'm');
    let form = screen(&mut app);
    assert!(form.contains("Исправить протокол"), "{form}");
    let first: String = before.agenda[0].chars().take(20).collect();
    assert!(form.contains(&first), "the agenda as it is:\n{form}");
    // The date: a day that is not is refused where it was typed.
    if let Some(Overlay::Fields(f)) = app.overlays.last_mut() {
        f.focus = 2;
    }
    for _ in 0..10 {
        code(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "31.04.2022");
    ctrl(&mut app, 's');
    assert!(screen(&mut app).contains("↑ в апреле 30 дней"), "{}", screen(&mut app));
    for _ in 0..10 {
        code(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "21.04.2022");
    // A line more on the agenda.
    if let Some(Overlay::Fields(f)) = app.overlays.last_mut() {
        f.focus = 10;
    }
    code(&mut app, KeyCode::End);
    for _ in 0..10 {
        code(&mut app, KeyCode::Down);
    }
    code(&mut app, KeyCode::End);
    code(&mut app, KeyCode::Enter);
    type_text(&mut app, "Разное");
    ctrl(&mut app, 's');
    assert!(screen(&mut app).contains("Протокол исправлен"), "{}", screen(&mut app));
    let (after, _) = app.store.meeting_fields(meeting).unwrap();
    assert_eq!(after.date, chrono::NaiveDate::from_ymd_opt(2022, 4, 21));
    assert_eq!(after.agenda.len(), before.agenda.len() + 1);
    assert_eq!(after.agenda.last().map(String::as_str), Some("Разное"));
    assert_eq!(after.agenda[..before.agenda.len()], before.agenda[..], "the other items stay");
    let h = app.store.history("meeting", meeting).unwrap();
    assert!(h.iter().any(|l| l.field == "agenda" && l.new == "Разное"), "{h:?}");
    key(&mut app, 'u');
    assert_eq!(app.store.meeting_fields(meeting).unwrap().0, before, "u takes the correction back whole");
    // Who took part: a name misspelt in the protocol is corrected, one more is added.
    assert!(!before.participants.is_empty(), "the round table lists its participants");
    key(&mut app, 'm');
    if let Some(Overlay::Fields(f)) = app.overlays.last_mut() {
        f.focus = 11;
    }
    code(&mut app, KeyCode::End);
    for _ in 0..20 {
        code(&mut app, KeyCode::Down);
    }
    code(&mut app, KeyCode::End);
    code(&mut app, KeyCode::Enter);
    type_text(&mut app, "Л.И. Гришкина, методист");
    ctrl(&mut app, 's');
    assert!(screen(&mut app).contains("Протокол исправлен"), "{}", screen(&mut app));
    let (after, _) = app.store.meeting_fields(meeting).unwrap();
    assert_eq!(after.participants.len(), before.participants.len() + 1);
    assert_eq!(after.participants[..before.participants.len()], before.participants[..], "the others stay");
    let m = app.store.minutes(meeting).unwrap();
    assert!(m.participants.iter().any(|p| p == "Л.И. Гришкина, методист"), "the protocol prints it");
    key(&mut app, 'u');
    assert_eq!(app.store.meeting_fields(meeting).unwrap().0.participants, before.participants);
    // How many connected is a whole number: words are refused at the field, digits kept, and
    // who signed is written beside it; the decision's card then shows the protocol's heading.
    key(&mut app, 'm');
    let form = screen(&mut app);
    assert!(form.contains("Модераторы") && form.contains("Число подключений"), "{form}");
    retype_field(&mut app, 9, "двадцать");
    ctrl(&mut app, 's');
    assert!(screen(&mut app).contains("↑ целое число"), "{}", screen(&mut app));
    retype_field(&mut app, 9, "26");
    retype_field(&mut app, 13, "Методист Иванова И.И.");
    ctrl(&mut app, 's');
    assert!(screen(&mut app).contains("Протокол исправлен"), "{}", screen(&mut app));
    let m = app.store.minutes(meeting).unwrap();
    assert_eq!((m.facts.connections, m.facts.signed.as_str()), (Some(26), "Методист Иванова И.И."));
    let h = app.store.history("meeting", meeting).unwrap();
    assert!(h.iter().any(|l| l.field == "connections" && l.old == "25" && l.new == "26"), "{h:?}");
    code(&mut app, KeyCode::Enter);
    let card = screen(&mut app);
    assert!(card.contains("Количество подключений") && card.contains("Методист Иванова И.И."), "{card}");
}

#[test]
fn a_colleagues_status_during_a_call_changes_that_row_and_leaves_the_rest_as_it_was() {
    let mut app = app("colleague-row");
    key(&mut app, '3');
    // The lookup has been used: its index is built (at a region's scale, the dear part).
    key(&mut app, 'w');
    code(&mut app, KeyCode::Esc);
    assert!(app.index.is_some());
    // A filter typed and a row chosen, as during the call.
    let e = app.data.events.iter().find(|e| e.title.contains("Мастер-класс")).unwrap().clone();
    let at = app
        .view()
        .rows
        .iter()
        .position(|r| {
            r.item
                == Some(nastavnik::app::rows::ItemRef::Event(
                    app.data.events.iter().position(|x| x.id == e.id).unwrap(),
                ))
        })
        .unwrap();
    app.views[Pane::Roadmap.index()].selected = at;
    let colleague = Store::open(app.store.path(), "Серякова").unwrap();
    // Done, with the result said in the call.
    let change = nastavnik::store::EventChange {
        status: Some(EventStatus::Done),
        result: Some("24 педагога из 5 школ".into()),
        when: None,
        turnout: Some(nastavnik::turnout::Turnout { teachers: Some(24), schools: Some(5), ..Default::default() }),
    };
    colleague.change_event(e.id, &change, None).unwrap();
    app.tick();
    let text = screen(&mut app);
    assert!(text.contains("Данные обновлены"), "{text}");
    let now = app.data.events.iter().find(|x| x.id == e.id).unwrap();
    assert_eq!((now.status, now.result.as_str()), (EventStatus::Done, "24 педагога из 5 школ"));
    assert_eq!(now.turnout.display(app.s), "24 педагога из 5 ОО", "the counts came with the row");
    assert!(app.index.is_some(), "the year was not read again: the lookup's index is kept");
    assert_eq!(app.view().selected, at, "the selection stays on the row");
    // Her line is on the History pane.
    key(&mut app, '6');
    assert!(screen(&mut app).contains("Серякова"), "{}", screen(&mut app));
    // Anything else (a new school) is read with the year.
    let n =
        nastavnik::store::NewSchool {
            name: "МБОУ «СОШ №77»".into(), district: "Энский".into(), ..Default::default()
        };
    colleague.add_school(&n).unwrap();
    app.tick();
    assert!(app.index.is_none(), "read again whole");
}

#[test]
fn the_week_ahead_lists_the_documents_overdue_decisions_first_and_enter_opens_one_in_its_pane() {
    let mut app = app("agenda");
    key(&mut app, '7');
    assert_eq!(app.pane, Pane::Agenda);
    let text = screen(&mut app);
    let rows = app.view().rows.clone();
    // The first group is what is overdue, in red with its days; nothing of the template's
    // sample plan (a draft agreement's «СОШ № 10») is anyone's overdue work.
    assert!(rows[0].cells[0].starts_with("Просрочено ("), "{text}");
    assert!(!text.contains("СОШ № 10"), "{text}");
    let items: Vec<&nastavnik::app::rows::ViewRow> = rows.iter().filter(|r| r.item.is_some()).collect();
    let n = items.len();
    let overdue = items.iter().filter(|r| r.cells[1].starts_with("просрочено на")).count();
    assert!(overdue >= 10, "the documents' open decisions and events are overdue by 2026: {overdue}");
    // Overdue longest first: the round table's «август 2022» before Leningradsky's «январь 2024».
    let first = &items[0].cells;
    assert_eq!((&first[0], &first[2]), ("31.08.2022", "решение"), "{text}");
    assert!(first[3].starts_with("Расширить состав школ-участниц"), "{text}");
    // 22.11.2026 − 31.08.2022, thousands apart as Russian prints them.
    assert_eq!(&first[1], "просрочено на 1\u{a0}544 дня");
    let last = items.iter().rposition(|r| r.cells[1].starts_with("просрочено")).unwrap();
    assert!(items[last].cells[3].starts_with("В январе провести процедуру выявления"), "{text}");
    // The open decisions without a deadline (Leningradsky's recommendations) are counted, not lost.
    assert!(text.contains("без срока (не в повестке): 9 решений"), "{text}");
    // Enter on Ust-Ilimsk's seminar opens the Roadmap of its year with it selected.
    let pos = rows.iter().position(|r| r.cells[3].starts_with("Муниципальный семинар «Формирование")).unwrap();
    while app.view().selected < pos {
        code(&mut app, KeyCode::Down);
    }
    code(&mut app, KeyCode::Enter);
    assert_eq!((app.pane, app.year.label()), (Pane::Roadmap, "2022-2023".to_string()));
    let sel = &app.view().rows[app.view().selected];
    assert!(sel.cells[3].starts_with("Муниципальный семинар «Формирование"), "{:?}", sel.cells);
    // Held: it leaves the agenda.
    key(&mut app, 'd');
    code(&mut app, KeyCode::Enter);
    key(&mut app, '7');
    assert_eq!(app.view().items, n - 1);
    assert!(!app.view().rows.iter().any(|r| r.cells[3].starts_with("Муниципальный семинар «Формирование")));
    // The filter works here as everywhere.
    key(&mut app, '/');
    type_text(&mut app, "отв:серякова");
    code(&mut app, KeyCode::Enter);
    let found: Vec<&str> = app.view().rows.iter().filter(|r| r.item.is_some()).map(|r| &r.cells[4]).collect();
    assert_eq!(found.len(), 1, "{:?}", found);
    assert!(found[0].starts_with("№5 Круглый стол по организации сетевого наставничества"), "{found:?}");
}

#[test]
fn the_roadmap_strip_counts_what_the_list_shows_and_gives_way_on_a_small_screen() {
    let mut app = app("summary");
    key(&mut app, '3');
    let count = |app: &App, status: &str| {
        app.view()
            .rows
            .iter()
            .filter(|r| matches!(r.item, Some(nastavnik::app::rows::ItemRef::Event(_))) && &r.cells[1] == status)
            .count()
    };
    let done = count(&app, "проведено");
    // The year's two open rows are of the Kirovsk template's sample plan: proposals, planned
    // and not overdue.
    let planned = count(&app, "запланировано");
    assert!(done > 0 && planned > 0);
    assert_eq!(count(&app, "⚠ запланировано"), 0);
    let text = screen(&mut app);
    let strip = text.lines().find(|l| l.starts_with(" Итог года")).expect("the strip under the list");
    assert!(strip.contains(&format!("█ проведено {done}")), "{strip}");
    assert!(strip.contains(&format!("▒ запланировано {planned}")) && !strip.contains("просрочено"), "{strip}");
    assert!(text.contains("сен окт ноя дек янв фев мар апр май июн июл авг"), "{text}");
    // A filter narrows the strip with the list.
    key(&mut app, '/');
    type_text(&mut app, "вид:семинар");
    code(&mut app, KeyCode::Enter);
    let seminars = count(&app, "проведено");
    assert!(seminars < done);
    let text = screen(&mut app);
    assert!(text.contains(&format!("█ проведено {seminars}")), "{text}");
    // Below 30 rows the list has the room.
    app.resize(ratatui::layout::Rect::new(0, 0, 80, 24));
    assert!(!buffer_text(&render(&mut app, 80, 24)).contains("Итог года"));
}

#[test]
fn o_writes_the_years_report_of_the_chosen_district_and_says_where() {
    let mut app = app("report");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("отчёт.docx");
    key(&mut app, 'Щ'); // O on the Russian layout
    let text = screen(&mut app);
    assert!(text.contains("Отчёт за учебный год") && text.contains("2021-2022"), "{text}");
    let clear = |app: &mut App| {
        code(app, KeyCode::End);
        for _ in 0..80 {
            code(app, KeyCode::Backspace);
        }
    };
    // A year that is no year, a district the store does not have.
    clear(&mut app);
    type_text(&mut app, "2021");
    code(&mut app, KeyCode::Tab);
    clear(&mut app);
    type_text(&mut app, "Тмутараканский");
    code(&mut app, KeyCode::Tab);
    code(&mut app, KeyCode::Tab);
    clear(&mut app);
    type_text(&mut app, file.to_str().unwrap());
    ctrl(&mut app, 's');
    let text = screen(&mut app);
    assert!(text.contains(RU.rp_bad_year), "{text}");
    assert!(text.contains("нет такого района «Тмутараканский»"), "{text}");
    assert!(!file.exists());
    // Corrected (the cursor is on the first field refused): the file is written and its path said.
    clear(&mut app);
    type_text(&mut app, "2021-2022");
    code(&mut app, KeyCode::Tab);
    clear(&mut app);
    type_text(&mut app, "усть");
    ctrl(&mut app, 's');
    let text = screen(&mut app);
    assert!(file.exists(), "{text}");
    assert!(text.contains("отчёт.docx записан"), "{text}");
    // Never over a file that is there.
    key(&mut app, 'O');
    for _ in 0..3 {
        code(&mut app, KeyCode::Tab);
    }
    clear(&mut app);
    type_text(&mut app, file.to_str().unwrap());
    ctrl(&mut app, 's');
    let text = screen(&mut app);
    assert!(text.contains("файл уже есть"), "{text}");
    // The closing part written in the form is kept with the year and district: the next
    // report's form has it, and the report prints it.
    clear(&mut app);
    let second = dir.path().join("второй.md");
    type_text(&mut app, second.to_str().unwrap());
    code(&mut app, KeyCode::Tab);
    type_text(&mut app, "Сеть сложилась.");
    code(&mut app, KeyCode::Enter);
    code(&mut app, KeyCode::Enter);
    type_text(&mut app, "Нужны тьюторы.");
    code(&mut app, KeyCode::BackTab);
    code(&mut app, KeyCode::BackTab);
    clear(&mut app);
    type_text(&mut app, "md");
    ctrl(&mut app, 's');
    let md = std::fs::read_to_string(&second).unwrap();
    assert!(md.contains("## 11. Выводы, проблемы и предложения\n\nСеть сложилась.\n\nНужны тьюторы.\n"), "{md}");
    key(&mut app, 'O');
    let text = screen(&mut app);
    assert!(text.contains("Сеть сложилась.") && text.contains("Нужны тьюторы."), "{text}");
}

#[test]
fn at_80_columns_a_status_is_a_coloured_symbol_that_the_header_explains() {
    let mut app = app("compact-status");
    key(&mut app, '3');
    key(&mut app, ']'); // 2022-2023: held and overdue events
    app.resize(ratatui::layout::Rect::new(0, 0, 80, 24));
    let text = buffer_text(&render(&mut app, 80, 24));
    let header = text.lines().nth(1).unwrap();
    assert!(header.contains("⚠ просрочено") && header.contains("✓ проведено"), "{header}");
    let first = text.lines().find(|l| l.contains("Практико-ориентированный семин")).expect("an overdue seminar");
    assert!(first.contains(" ⚠ ") && !first.contains("запланировано"), "{first}");
    // The title has the room the status word had.
    app.resize(ratatui::layout::Rect::new(0, 0, 120, 40));
    let wide = screen(&mut app);
    assert!(wide.contains("⚠ запланировано"), "{wide}");
}

/// At a region's scale only the pane shown is read before the first frame; the others are read
/// right after it is drawn, and in any case before a key acts on them.
#[test]
fn the_first_frame_waits_only_for_its_own_pane_and_a_key_finds_the_whole_year() {
    let dir = PathBuf::from("target/render-tests").join("first-frame");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let store = Store::create_new(&dir.join("demo.db"), "tester").unwrap();
    nastavnik::demo::load(&store).unwrap();
    let (keys, _) = KeyMap::new(&HashMap::new());
    let size = ratatui::layout::Rect::new(0, 0, 120, 40);
    let settings = nastavnik::config::Settings::default();
    let year = Some(nastavnik::text::AcademicYear(2021));
    let mut app =
        App::configured_at(store, &RU, keys, Theme::default(), size, &settings, year, Some(Pane::Roadmap)).unwrap();
    // The Roadmap is read and drawn; the other panes are not read yet.
    assert!(!app.unread[Pane::Roadmap.index()]);
    assert!(Pane::ALL.iter().filter(|p| **p != Pane::Roadmap).all(|p| app.unread[p.index()]));
    assert!(app.data.links.is_empty() && app.data.clusters.is_empty());
    // As the TUI runs it: the status bar says the rest is being read.
    app.says_reading = true;
    let first = buffer_text(&render(&mut app, 120, 40));
    assert!(first.contains("Дорожная карта · ") && first.contains("Консультации по организации"), "{first}");
    assert!(first.contains("читаю остальные панели…"), "{first}");
    // A key pressed before the loop came round to the rest: it is read first, so `2` shows the
    // year's links, not an empty pane.
    key(&mut app, '2');
    assert!(Pane::ALL.iter().filter(|p| **p != Pane::Agenda).all(|p| !app.unread[p.index()]));
    let text = buffer_text(&render(&mut app, 120, 40));
    assert!(text.contains("СОШ №3") && !text.contains("Наставничество · 0"), "{text}");
    assert!(!text.contains("читаю остальные панели"), "{text}");
    // The Agenda, of every year, is read only when it is opened.
    assert!(app.unread[Pane::Agenda.index()]);
    key(&mut app, '7');
    assert!(!app.unread[Pane::Agenda.index()]);
    // What the first frame showed is what a full read shows.
    key(&mut app, '3');
    let mut full = app_with("first-frame-full", &RU);
    full.year = nastavnik::text::AcademicYear(2021);
    full.load().unwrap();
    full.set_pane(Pane::Roadmap);
    let roadmap = |a: &App| a.view().rows.iter().map(|r| r.cells.join("|")).collect::<Vec<_>>();
    assert_eq!(roadmap(&app), roadmap(&full));
}

/// The rows of the pane shown, as `show` would name them: their first cells.
fn listed_orders(app: &App) -> Vec<String> {
    app.view()
        .rows
        .iter()
        .filter(|r| matches!(r.item, Some(nastavnik::app::rows::ItemRef::Order(_))))
        .map(|r| r.cells.iter().nth(1).unwrap_or("").to_string())
        .collect()
}

#[test]
fn an_order_the_records_cite_is_found_by_its_number_titled_guarded_and_removed_with_undo() {
    let mut app = app("orders");
    key(&mut app, '5');
    screen(&mut app);
    // Ust-Ilimsk's order № 285 is read from the basis of the seven links that rest on it.
    key(&mut app, '/');
    type_text(&mut app, "приказ:285");
    code(&mut app, KeyCode::Enter);
    assert_eq!(listed_orders(&app), vec!["№ 285"], "{}", screen(&mut app));
    code(&mut app, KeyCode::Enter);
    let text = screen(&mut app);
    assert!(text.contains("Приказ Управления образования от 29.03.2022 № 285"), "{text}");
    assert!(text.contains("На нём основаны (8 записей)"), "{text}");
    assert!(text.contains("связь: МКУ ЦРО → СОШ № 5 · 2021-2022"), "{text}");
    code(&mut app, KeyCode::Esc);
    // The same facet finds the links themselves in Mentoring.
    key(&mut app, '2');
    screen(&mut app);
    key(&mut app, '/');
    type_text(&mut app, "приказ:285");
    code(&mut app, KeyCode::Enter);
    let links = app.view().rows.iter().filter(|r| matches!(r.item, Some(nastavnik::app::rows::ItemRef::Link(_))));
    assert_eq!(links.count(), 7, "{}", screen(&mut app));
    key(&mut app, '5');
    // A title is given; the number, which the links' texts give, is not changed here.
    key(&mut app, 'e');
    code(&mut app, KeyCode::Tab);
    code(&mut app, KeyCode::Tab);
    type_text(&mut app, "6");
    ctrl(&mut app, 's');
    let text = screen(&mut app);
    assert!(text.contains("исправьте их там: 8 записей"), "{text}");
    assert!(matches!(app.overlays.last(), Some(Overlay::Fields(_))), "refused, the form stays open");
    code(&mut app, KeyCode::Backspace);
    code(&mut app, KeyCode::Tab);
    code(&mut app, KeyCode::Tab);
    // The report gives its title («Об утверждении состава рабочей группы…»): it is replaced.
    for _ in 0..200 {
        code(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "О рабочей группе");
    ctrl(&mut app, 's');
    assert!(app.overlays.is_empty(), "{}", screen(&mut app));
    let o = app.store.orders().unwrap().into_iter().find(|o| o.number == "285").unwrap();
    assert_eq!(o.title, "О рабочей группе");
    assert_eq!(o.refs.len(), 8, "still the seven links and the working group");
    assert!(screen(&mut app).contains("О рабочей группе"));
    // Removing it asks first, keeps the order as the texts cite it, and is undone.
    key(&mut app, 'D');
    let text = screen(&mut app);
    assert!(text.contains("Записи, что на него ссылаются, останутся."), "{text}");
    key(&mut app, 'н');
    let o = app.store.orders().unwrap().into_iter().find(|o| o.number == "285").unwrap();
    assert_eq!((o.title.as_str(), o.stored, o.refs.len()), ("", None, 8));
    key(&mut app, 'u');
    let o = app.store.orders().unwrap().into_iter().find(|o| o.number == "285").unwrap();
    assert_eq!(o.title, "О рабочей группе");
    // Undone once more: the report's own title is back.
    key(&mut app, 'u');
    let o = app.store.orders().unwrap().into_iter().find(|o| o.number == "285").unwrap();
    assert!(o.title.starts_with("Об утверждении состава рабочей группы"), "{}", o.title);
}

#[test]
fn a_new_order_is_entered_with_its_date_checked_and_the_misprinted_one_is_flagged() {
    let mut app = app("new-order");
    key(&mut app, '5');
    screen(&mut app);
    key(&mut app, 'G');
    // The minutes' «от 27.12.2029 №116» is held as written and said to be doubtful.
    code(&mut app, KeyCode::Enter);
    let text = screen(&mut app);
    assert!(text.contains("Приказ Комитета образования от 27.12.2029 № 116"), "{text}");
    assert!(text.contains("вероятно опечатка"), "{text}");
    code(&mut app, KeyCode::Esc);
    let before = app.store.orders().unwrap().len();
    key(&mut app, 'n');
    // The kind is «приказ» unless said otherwise.
    code(&mut app, KeyCode::Tab);
    type_text(&mut app, "Комитета образования");
    code(&mut app, KeyCode::Tab);
    type_text(&mut app, "12-о");
    code(&mut app, KeyCode::Tab);
    type_text(&mut app, "31.02.2022");
    ctrl(&mut app, 's');
    assert!(screen(&mut app).contains("↑ в феврале невисокосного года 28 дней"), "{}", screen(&mut app));
    assert_eq!(app.store.orders().unwrap().len(), before, "nothing written");
    for _ in 0..10 {
        code(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "01.09.2022");
    code(&mut app, KeyCode::Tab);
    type_text(&mut app, "Об организации сетевого взаимодействия");
    code(&mut app, KeyCode::Tab);
    for _ in 0..40 {
        code(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "пикалево");
    ctrl(&mut app, 's');
    assert!(screen(&mut app).contains("↑ нет такого района «пикалево»"), "a town is not a district");
    for _ in 0..8 {
        code(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "Бокситогорский муниципальный район");
    ctrl(&mut app, 's');
    assert!(app.overlays.is_empty(), "{}", screen(&mut app));
    let all = app.store.orders().unwrap();
    assert_eq!(all.len(), before + 1);
    let o = all.iter().find(|o| o.number == "12-о").unwrap();
    assert_eq!(o.date, chrono::NaiveDate::from_ymd_opt(2022, 9, 1));
    assert!(o.refs.is_empty() && o.stored.is_some());
    assert!(screen(&mut app).contains("Об организации се"), "{}", screen(&mut app));
}

fn select_programme(app: &mut App, name: &str) {
    let pos = app
        .view()
        .rows
        .iter()
        .position(|r| {
            matches!(r.item, Some(nastavnik::app::rows::ItemRef::Programme(_))) && r.cells[3].starts_with(name)
        })
        .expect("the programme is listed");
    app.views[Pane::Agreements.index()].selected = pos;
}

#[test]
fn a_programme_is_reported_task_by_task_and_its_tasks_are_added_set_and_removed_with_undo() {
    let mut app = app("programme-tasks");
    key(&mut app, '5');
    screen(&mut app);
    select_programme(&mut app, "Муниципальная программа методического");
    code(&mut app, KeyCode::Enter);
    let text = screen(&mut app);
    // Its goal and the seven tasks the report lists, none said done; its approving order.
    assert!(text.contains("Цель: создание условий в муниципальной системе образования"), "{text}");
    assert!(text.contains("Задачи (0/7 выполнено)"), "{text}");
    // The seventh is below the fold: read from the card itself.
    let Some(Overlay::Detail { doc, .. }) = app.overlays.last() else { panic!("a card") };
    assert!(
        doc.iter().any(|l| matches!(l, nastavnik::app::rows::DocLine::Text(t)
            if t == "7. совершенствовать имиджевую политику школ в сфере общественности и социального окружения — в работе")),
        "{doc:?}"
    );
    assert!(text.contains("Основание: утверждена приказом Управления образования 24.03.22 № 267"), "{text}");
    code(&mut app, KeyCode::Esc);
    // A task of our own, with a deadline that cannot be read, then one that can.
    key(&mut app, 'P');
    type_text(&mut app, "провести стратегическую сессию");
    code(&mut app, KeyCode::Tab);
    type_text(&mut app, "МКУ ЦРО");
    code(&mut app, KeyCode::Tab);
    type_text(&mut app, "до 32.12.2024");
    ctrl(&mut app, 's');
    assert!(matches!(app.overlays.last(), Some(Overlay::Fields(_))), "refused: {}", screen(&mut app));
    let count = |app: &App| app.store.programmes().unwrap().iter().map(|p| p.tasks.len()).sum::<usize>();
    assert_eq!(count(&app), 7, "nothing written");
    for _ in 0..13 {
        code(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "20.12.2024");
    ctrl(&mut app, 's');
    assert!(app.overlays.is_empty(), "{}", screen(&mut app));
    let p = app.store.programmes().unwrap().into_iter().find(|p| p.tasks.len() == 8).expect("the eighth task");
    let t = p.tasks.last().unwrap();
    assert_eq!((t.pos, t.responsible.as_str()), (8, "МКУ ЦРО"));
    assert_eq!(t.deadline.last_day(), chrono::NaiveDate::from_ymd_opt(2024, 12, 20));
    // Open and past its deadline, it is on the agenda as overdue, with its programme.
    let agenda = nastavnik::agenda::agenda(&app.store, app.today, 14, 30, None, &RU).unwrap();
    let it = agenda.items.iter().find(|i| i.what == "провести стратегическую сессию").expect("on the agenda");
    assert_eq!((it.kind, it.who.as_str()), ("задача программы", "МКУ ЦРО"));
    assert!(it.place.starts_with("Муниципальная программа методического"), "{}", it.place);
    // Its status from the picker: «выполнено» is offered in a task's words.
    let pos = app
        .view()
        .rows
        .iter()
        .position(|r| &r.cells[3] == "провести стратегическую сессию")
        .expect("the new task is listed under its programme");
    app.views[Pane::Agreements.index()].selected = pos;
    key(&mut app, 's');
    let text = screen(&mut app);
    assert!(text.contains("выполнено") && !text.contains("проведено"), "{text}");
    while !matches!(app.overlays.last(), Some(Overlay::StatusPicker { selected, .. }) if *selected == 2) {
        key(&mut app, 'j');
    }
    code(&mut app, KeyCode::Enter);
    let p = app.store.programme(p.id).unwrap();
    assert_eq!(p.tasks.last().unwrap().status, EventStatus::Done);
    let agenda = nastavnik::agenda::agenda(&app.store, app.today, 14, 30, None, &RU).unwrap();
    assert!(!agenda.items.iter().any(|i| i.what == "провести стратегическую сессию"), "done: off the agenda");
    assert!(screen(&mut app).contains("1/8 выполнено"), "{}", screen(&mut app));
    // The report counts it.
    let scope = nastavnik::report::Scope {
        year: nastavnik::text::AcademicYear(2024),
        district: None,
        school: None,
        from: None,
        to: None,
        today: app.today,
        author: String::new(),
    };
    let md = nastavnik::report::markdown(&app.store, &scope, &RU).unwrap();
    assert!(md.contains("Задач выполнено: 1 из 8."), "{md}");
    assert!(md.contains("| 8 | провести стратегическую сессию | МКУ ЦРО | 20.12.2024 | выполнено |"), "{md}");
    // Removed after a question, and back with undo.
    app.views[Pane::Agreements.index()].selected = pos;
    key(&mut app, 'D');
    assert!(screen(&mut app).contains("Удалить задачу 8 «провести стратегическую сессию»?"));
    key(&mut app, 'y');
    assert_eq!(count(&app), 7);
    key(&mut app, 'u');
    assert_eq!(count(&app), 8);
}

#[test]
fn a_report_is_not_minutes_and_its_recommendations_follow_up_like_decisions() {
    let mut app = app("report-doc");
    // The Leningradsky report: no date, no format, no participants of its own; not minutes.
    let docs = app.store.report_docs().unwrap();
    let len = docs.iter().find(|r| r.title == "Отчёт по реализации дорожной карты ШНОР").expect("the report");
    assert_eq!(len.recommendations.len(), 9);
    assert!(len.note.contains("«Директорам ШНОР:» в документе обрывается"), "{}", len.note);
    let minutes = app.store.meetings().unwrap();
    assert!(!minutes.iter().any(|m| m.3.starts_with("Отч")), "a report is not among the minutes: {minutes:?}");
    // A report of our own with one recommendation, entered in Agreements.
    key(&mut app, '5');
    screen(&mut app);
    let pos = app
        .view()
        .rows
        .iter()
        .position(|r| matches!(r.item, Some(nastavnik::app::rows::ItemRef::ReportDoc(_))))
        .expect("the reports are listed");
    app.views[Pane::Agreements.index()].selected = pos;
    key(&mut app, 'n');
    type_text(&mut app, "Отчёт о сетевом наставничестве за 2024 год");
    code(&mut app, KeyCode::Tab);
    for _ in 0..60 {
        code(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "Бокситогорский муниципальный район");
    code(&mut app, KeyCode::Tab);
    type_text(&mut app, "01.01.2024-31.12.2024");
    code(&mut app, KeyCode::Tab);
    type_text(&mut app, "Комитет образования");
    ctrl(&mut app, 's');
    assert!(app.overlays.is_empty(), "{}", screen(&mut app));
    let mine = app.store.report_docs().unwrap().into_iter().find(|r| r.title.ends_with("за 2024 год")).unwrap();
    assert_eq!(mine.period.last_day(), chrono::NaiveDate::from_ymd_opt(2024, 12, 31));
    let pos = app.view().rows.iter().position(|r| r.cells[3].starts_with("Отчёт о сетевом")).expect("listed");
    app.views[Pane::Agreements.index()].selected = pos;
    key(&mut app, 'P');
    type_text(&mut app, "Провести семинар для директоров");
    code(&mut app, KeyCode::Tab);
    type_text(&mut app, "директора ШНОР");
    code(&mut app, KeyCode::Tab);
    type_text(&mut app, "до 01.03.2025");
    ctrl(&mut app, 's');
    assert!(app.overlays.is_empty(), "{}", screen(&mut app));
    let x = app.store.decisions(nastavnik::text::AcademicYear(2024)).unwrap();
    let x = x.iter().find(|x| x.text == "Провести семинар для директоров").expect("on the Roadmap of 2024-2025");
    assert!(x.of_report && x.responsible == "директора ШНОР");
    assert_eq!(x.deadline.last_day(), chrono::NaiveDate::from_ymd_opt(2025, 3, 1));
    // Its card lists the recommendation under its addressee.
    code(&mut app, KeyCode::Enter);
    let text = screen(&mut app);
    assert!(text.contains("Кому: директора ШНОР"), "{text}");
    assert!(text.contains("1. Провести семинар для директоров — запланировано, до 01.03.2025"), "{text}");
    code(&mut app, KeyCode::Esc);
    // In the Roadmap it is a recommendation; m there opens the report, not a meeting's form.
    key(&mut app, '3');
    while app.year != nastavnik::text::AcademicYear(2024) {
        let k = if app.year.0 < 2024 { ']' } else { '[' };
        key(&mut app, k);
        screen(&mut app);
    }
    let pos = app.view().rows.iter().position(|r| r.cells[3].contains("Провести семинар для директоров")).unwrap();
    assert_eq!(&app.view().rows[pos].cells[2], "рекомендация");
    app.views[Pane::Roadmap.index()].selected = pos;
    key(&mut app, 'm');
    let text = screen(&mut app);
    assert!(text.contains("Отчёт: Отчёт о сетевом наставничестве") && text.contains("Кем составлен"), "{text}");
    assert!(!text.contains("Время"), "not a meeting's form: {text}");
    code(&mut app, KeyCode::Esc);
    // Removed with its recommendation after a question, and back with undo.
    key(&mut app, '5');
    screen(&mut app);
    let pos = app.view().rows.iter().position(|r| r.cells[3].starts_with("Отчёт о сетевом")).expect("listed");
    app.views[Pane::Agreements.index()].selected = pos;
    key(&mut app, 'D');
    assert!(screen(&mut app).contains("Удалить отчёт «Отчёт о сетевом наставничестве за 2024 год» (1 рекомендация)?"));
    key(&mut app, 'y');
    let gone = |app: &App| !app.store.report_docs().unwrap().iter().any(|r| r.title.ends_with("за 2024 год"));
    assert!(gone(&app));
    let year = app.store.decisions(nastavnik::text::AcademicYear(2024)).unwrap();
    assert!(!year.iter().any(|x| x.text == "Провести семинар для директоров"), "its recommendation with it");
    key(&mut app, 'u');
    assert!(!gone(&app), "undone");
    let year = app.store.decisions(nastavnik::text::AcademicYear(2024)).unwrap();
    assert!(year.iter().any(|x| x.text == "Провести семинар для директоров"), "with its recommendation");
}

#[test]
fn a_group_of_people_is_held_as_written_rests_on_its_order_and_takes_members_by_name() {
    let mut app = app("groups");
    // The demo's working group: its composition as the report gives it, no one by name, and
    // the order № 285 it rests on lists it.
    let groups = app.store.groups().unwrap();
    let wg = groups.iter().find(|g| g.kind == "рабочая группа").expect("the working group");
    assert!(wg.members.is_empty() && wg.composition.starts_with("специалисты МКУ «Центр развития образования»"));
    let o = app.store.orders().unwrap().into_iter().find(|o| o.number == "285").unwrap();
    assert!(o.refs.iter().any(|r| r.kind == nastavnik::orders::RefKind::Group), "{:?}", o.refs);
    // A group of our own from Clusters with B, a member typed by name with a role.
    screen(&mut app);
    key(&mut app, 'B');
    type_text(&mut app, "Методический совет");
    code(&mut app, KeyCode::Tab);
    type_text(&mut app, "совет");
    for _ in 0..6 {
        code(&mut app, KeyCode::Tab);
    }
    // A name that is nobody is refused under the field.
    while !matches!(app.overlays.last(), Some(Overlay::Fields(f)) if f.focus == 6) {
        code(&mut app, KeyCode::Tab);
    }
    type_text(&mut app, "Никто Никтович — руководитель");
    ctrl(&mut app, 's');
    assert!(screen(&mut app).contains("↑"), "{}", screen(&mut app));
    assert_eq!(app.store.groups().unwrap().len(), groups.len(), "nothing written");
    for _ in 0..40 {
        code(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "Т.П. Маслова — руководитель");
    ctrl(&mut app, 's');
    assert!(app.overlays.is_empty(), "{}", screen(&mut app));
    let mine = app.store.groups().unwrap().into_iter().find(|g| g.name == "Методический совет").unwrap();
    assert_eq!(mine.members.len(), 1);
    assert_eq!((mine.members[0].1.as_str(), mine.members[0].2.as_str()), ("Т.П. Маслова", "руководитель"));
    // Its row in Clusters and its card.
    let pos = app.view().rows.iter().position(|r| &r.cells[0] == "Методический совет").expect("listed");
    assert_eq!(&app.view().rows[pos].cells[3], "1 участник");
    app.views[Pane::Clusters.index()].selected = pos;
    code(&mut app, KeyCode::Enter);
    assert!(screen(&mut app).contains("Т.П. Маслова — руководитель"), "{}", screen(&mut app));
    code(&mut app, KeyCode::Esc);
    // Removed after a question (Esc keeps it), and back with undo.
    key(&mut app, 'D');
    assert!(screen(&mut app).contains("Удалить группу «Методический совет»?"), "{}", screen(&mut app));
    code(&mut app, KeyCode::Esc);
    assert!(app.store.groups().unwrap().iter().any(|g| g.name == "Методический совет"), "Esc keeps it");
    key(&mut app, 'D');
    key(&mut app, 'y');
    assert!(!app.store.groups().unwrap().iter().any(|g| g.name == "Методический совет"), "removed");
    key(&mut app, 'u');
    let back = app.store.groups().unwrap().into_iter().find(|g| g.name == "Методический совет").expect("undone");
    assert_eq!(back.members.len(), 1, "with its member");
    key(&mut app, 'u');
    assert!(!app.store.groups().unwrap().iter().any(|g| g.name == "Методический совет"), "its creation undone");
}

#[test]
fn a_value_is_marked_as_written_or_doubtful_shown_beside_its_field_and_taken_back() {
    let mut app = app("marks");
    key(&mut app, '3');
    select_event(&mut app, "Взаимопосещение уроков");
    let id = selected_event_id(&app);
    assert!(app.store.marks("event", id).unwrap().is_empty());
    key(&mut app, '!');
    let form = screen(&mut app);
    assert!(form.contains("Отметить значение: Взаимопосещение уроков"), "{form}");
    // A field the record has not is refused under the field, with the ones it has.
    type_text(&mut app, "цвет");
    ctrl(&mut app, 's');
    let text = screen(&mut app);
    assert!(text.contains("↑ такого поля нет") && text.contains("классы"), "{text}");
    retype_field(&mut app, 0, "классы");
    // The kind: a word that is neither is refused; «сомн» is enough.
    retype_field(&mut app, 1, "может быть");
    ctrl(&mut app, 's');
    assert!(screen(&mut app).contains("↑ «так в документе», «сомнительно»"), "{}", screen(&mut app));
    retype_field(&mut app, 1, "сомн");
    retype_field(&mut app, 2, "в протоколе «7 кл.», в плане «8 кл.»");
    ctrl(&mut app, 's');
    assert!(screen(&mut app).contains("Отметка сохранена"), "{}", screen(&mut app));
    let marks = app.store.marks("event", id).unwrap();
    assert_eq!(marks.len(), 1);
    assert_eq!((marks[0].field.as_str(), marks[0].kind), ("grades", nastavnik::domain::MarkKind::Doubtful));
    // The row says so before its title.
    let title_of = |app: &App| {
        let row = app.view().rows.iter().find(|r| r.item == app.selected_item()).unwrap();
        row.cells[3].to_string()
    };
    assert!(title_of(&app).starts_with("⚠ Взаимопосещение уроков"), "{}", title_of(&app));
    // The card shows it under the grades line.
    code(&mut app, KeyCode::Enter);
    let card = screen(&mut app);
    let lines: Vec<&str> = card.lines().collect();
    let at = lines.iter().position(|l| l.contains("Классы:")).expect("the grades line");
    assert!(lines[at + 1].contains("⚠ сомнительно: в протоколе «7 кл.», в плане «8 кл.»"), "{card}");
    // The history names it.
    let h = app.store.history("event", id).unwrap();
    assert!(h.iter().any(|l| l.field == "mark" && l.old.is_empty() && l.new.starts_with("grades doubtful")), "{h:?}");
    assert!(card.contains("отметка:") && card.contains("Классы: сомнительно"), "{card}");
    code(&mut app, KeyCode::Esc);
    // `show` prints it; u takes it back.
    let rec = nastavnik::headless::records(&app.store, nastavnik::app::Pane::Roadmap, app.year, app.s).unwrap();
    let col = rec.fields.iter().position(|f| *f == "marks").unwrap();
    assert!(rec.rows.iter().any(|r| r[col] == "Классы: сомнительно — в протоколе «7 кл.», в плане «8 кл.»"));
    key(&mut app, 'u');
    assert!(app.store.marks("event", id).unwrap().is_empty(), "u takes the mark back");
    select_event(&mut app, "Взаимопосещение уроков");
    assert!(title_of(&app).starts_with("Взаимопосещение уроков"), "{}", title_of(&app));
    // «снять отметку» takes a mark away.
    key(&mut app, 'U');
    assert_eq!(app.store.marks("event", id).unwrap().len(), 1, "U puts it back");
    key(&mut app, '!');
    retype_field(&mut app, 1, "снять");
    ctrl(&mut app, 's');
    assert!(screen(&mut app).contains("Отметка снята"), "{}", screen(&mut app));
    assert!(app.store.marks("event", id).unwrap().is_empty());
}

#[test]
fn the_demo_marks_what_its_documents_write_oddly() {
    let mut app = app("demo-marks");
    key(&mut app, '3');
    select_event(&mut app, "Городской семинар «Эффективные формирования");
    code(&mut app, KeyCode::Enter);
    let card = screen(&mut app);
    assert!(card.contains("Тема") && card.contains("⚠ так в документе: «формирования»; вероятно, «формы»"), "{card}");
    code(&mut app, KeyCode::Esc);
    // The Kirovsk template's subject, a heading and its text in the card: the mark at the end
    // of that text, before the next heading.
    key(&mut app, '5');
    screen(&mut app);
    let pos = app
        .view()
        .rows
        .iter()
        .position(|r| r.cells.iter().any(|c| c.starts_with("Договор о сетевом взаимодействии и")))
        .unwrap();
    app.views[Pane::Agreements.index()].selected = pos;
    let Some(Overlay::Detail { doc, .. }) = ({
        code(&mut app, KeyCode::Enter);
        app.overlays.last()
    }) else {
        panic!("the agreement's card")
    };
    let text: Vec<String> = doc
        .iter()
        .map(|d| match d {
            nastavnik::app::rows::DocLine::Heading(h) => format!("# {h}"),
            nastavnik::app::rows::DocLine::Text(t) => t.clone(),
            nastavnik::app::rows::DocLine::Field(k, v) => format!("{k}: {v}"),
            nastavnik::app::rows::DocLine::Blank => String::new(),
        })
        .collect();
    let subject = text.iter().position(|l| l == "# Предмет договора").expect("the subject's heading");
    assert!(text[subject + 1].ends_with("межшкольно в 2023 году»"), "{text:#?}");
    assert!(text[subject + 2].starts_with("⚠ так в документе: шаблон договора не исправлен"), "{text:#?}");
}

#[test]
fn a_draft_kept_before_the_forms_grew_comes_back_with_each_text_in_its_own_field() {
    use nastavnik::app::eventform::EvField;
    use nastavnik::app::minutesform::MinField;
    let mut app = app("old-drafts");
    key(&mut app, '3');
    // The minutes form had nine fields: number … link, participants, agenda, decisions.
    let old: Vec<String> =
        ["7", "Совещание", "01.10.2022", "15.00", "ВКС", "", "Т.С. Боброва", "Итоги", "Решение | | Боброва"]
            .map(String::from)
            .to_vec();
    app.store.save_draft("minutes", &serde_json::to_string(&old).unwrap()).unwrap();
    key(&mut app, 'm');
    let Some(Overlay::Minutes(form)) = app.overlays.last() else { panic!("the minutes form") };
    let text = |f: MinField| form.fields[f as usize].lines().join("\n");
    assert_eq!((text(MinField::Moderators), text(MinField::Connections)), (String::new(), String::new()));
    assert_eq!(text(MinField::Participants), "Т.С. Боброва");
    assert_eq!(text(MinField::Decisions), "Решение | | Боброва");
    code(&mut app, KeyCode::Esc);
    // The event form had fourteen: kind, title, date, subject … note.
    let texts: Vec<String> = [
        "семинар",
        "Семинар по физике",
        "01.10.2022",
        "физика",
        "9-11",
        "",
        "",
        "",
        "",
        "Боброва",
        "",
        "",
        "",
        "примечание",
    ]
    .map(String::from)
    .to_vec();
    let draft = serde_json::json!({ "texts": texts, "host": null, "teacher": null, "participants": [] });
    app.store.save_draft("event", &draft.to_string()).unwrap();
    key(&mut app, 'n');
    let Some(Overlay::Event(form)) = app.overlays.last() else { panic!("the event form") };
    assert_eq!(form.text(EvField::Title), "Семинар по физике");
    assert_eq!((form.text(EvField::Time), form.text(EvField::Format)), (String::new(), String::new()));
    assert_eq!((form.text(EvField::Subject), form.text(EvField::Grades)), ("физика".into(), "9-11".into()));
    assert_eq!((form.text(EvField::Responsible), form.text(EvField::Note)), ("Боброва".into(), "примечание".into()));
}

#[test]
fn a_programmes_task_is_marked_too_and_show_prints_it_beside_the_task() {
    use nastavnik::app::rows::ItemRef;
    let mut app = app("task-mark");
    key(&mut app, '5');
    screen(&mut app);
    let pos = app.view().rows.iter().position(|r| matches!(r.item, Some(ItemRef::Task(..)))).expect("a task row");
    app.views[Pane::Agreements.index()].selected = pos;
    let Some(ItemRef::Task(i, j)) = app.selected_item() else { unreachable!() };
    let id = app.data.programmes[i].tasks[j].id;
    key(&mut app, '!');
    assert!(screen(&mut app).contains("Отметить значение:"), "{}", screen(&mut app));
    retype_field(&mut app, 0, "progress");
    retype_field(&mut app, 1, "сомнительно");
    retype_field(&mut app, 2, "статус выведен, в отчёте не назван");
    ctrl(&mut app, 's');
    assert!(screen(&mut app).contains("Отметка сохранена"), "{}", screen(&mut app));
    let marks = app.store.marks("programme_task", id).unwrap();
    assert_eq!(marks.len(), 1, "{marks:?}");
    assert_eq!(marks[0].field, "progress");
    let rec = nastavnik::headless::records(&app.store, Pane::Agreements, app.year, app.s).unwrap();
    let col = rec.fields.iter().position(|f| *f == "marks").unwrap();
    assert_eq!(rec.rows.iter().filter(|r| r[col].contains("сомнительно — статус выведен")).count(), 1);
    assert!(rec.rows.iter().all(|r| r.len() == rec.fields.len()), "every row as wide as the header");
}

/// Waits for the reader thread to finish what it was asked, as the TUI's loop does: `tick`
/// takes what it has read. Bounded, so that a reader that never answers fails the test.
fn wait_for_reader(app: &mut App) {
    for _ in 0..2000 {
        if app.reading_behind().is_none() {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
        app.tick();
    }
    panic!("the reader thread did not finish");
}

#[test]
fn a_colleagues_new_school_is_read_off_the_drawing_thread_while_keys_keep_working() {
    let mut app = app("reader");
    app.read_in_background();
    key(&mut app, '3');
    let colleague = Store::open(app.store.path(), "Серякова").unwrap();
    let n = nastavnik::store::NewSchool {
        name: "МБОУ «СОШ №77»".into(),
        district: "Энский".into(),
        status: "ШНОР".into(),
        year: Some(app.year),
        ..Default::default()
    };
    colleague.add_school(&n).unwrap();
    // The commit is seen; the year is being read on the reader thread, and the screen still
    // takes keys on the rows it has.
    app.tick();
    assert!(app.reading_behind().is_some(), "asked of the reader, not read here");
    let at = app.view().selected;
    key(&mut app, 'j');
    let moved = app.view().selected;
    assert_ne!(moved, at, "j moves while the year is read");
    let chosen = selected_event_id(&app);
    wait_for_reader(&mut app);
    let text = screen(&mut app);
    assert!(text.contains("Данные обновлены"), "{text}");
    assert_eq!(selected_event_id(&app), chosen, "the selection stays on the event j moved to");
    key(&mut app, '1');
    let text = screen(&mut app);
    assert!(text.contains("СОШ №77"), "{text}");
    // The other panes were read by the reader too, with nothing left to read here.
    assert!(!app.reading());
}

/// A pane's rows as a user reads them: each row's cells and what it stands for.
fn pane_rows(app: &App, pane: Pane) -> Vec<(Vec<String>, Option<nastavnik::app::rows::ItemRef>)> {
    app.views[pane.index()].all.iter().map(|r| (r.cells.to_vec(), r.item)).collect()
}

#[test]
fn a_colleagues_new_moved_and_removed_events_are_put_in_place_without_reading_the_year() {
    let mut app = app("events-in-place");
    app.read_in_background();
    key(&mut app, '3');
    screen(&mut app);
    key(&mut app, 'j');
    key(&mut app, 'j');
    let chosen = selected_event_id(&app);
    let colleague = Store::open(app.store.path(), "Серякова").unwrap();
    let day = app.year.start() + chrono::Duration::days(40);
    let new = colleague
        .add_event(nastavnik::store::NewEvent {
            title: "Фестиваль открытых уроков",
            kind: "фестиваль",
            when: nastavnik::domain::When::day(day),
            ..Default::default()
        })
        .unwrap();
    // One listed event moved to the year's last month, another removed.
    let moved = app.data.events.iter().find(|e| e.id != chosen).unwrap().id;
    let (mut f, version) = colleague.event_fields(moved).unwrap();
    f.when = nastavnik::domain::When::day(app.year.end() - chrono::Duration::days(3));
    colleague.update_event(moved, &f, Some(version)).unwrap();
    // One a mentor held: its count leaves the mentors' loads.
    let removed = app
        .data
        .events
        .iter()
        .rev()
        .find(|e| {
            e.id != chosen && e.id != moved && app.data.loads.iter().any(|l| l.name == e.host_school && l.events > 0)
        })
        .unwrap()
        .id;
    let loads = |app: &App| format!("{:?}", app.data.loads);
    let loads_before = loads(&app);
    colleague.delete_event(removed, None).unwrap();
    app.tick();
    // In place at once, in this tick: the reader is asked for the mentors' loads alone.
    let text = screen(&mut app);
    assert!(text.contains("Данные обновлены"), "{text}");
    assert_eq!(selected_event_id(&app), chosen, "the selection stays on its event");
    let ids: Vec<i64> = app.data.events.iter().map(|e| e.id).collect();
    assert!(ids.contains(&new) && ids.contains(&moved) && !ids.contains(&removed), "{ids:?}");
    wait_for_reader(&mut app);
    // The same rows, in the same order, standing for the same events, as the year read anew.
    let mended = pane_rows(&app, Pane::Roadmap);
    assert!(mended.iter().any(|(cells, _)| cells.iter().any(|c| c == "Фестиваль открытых уроков")));
    let mentoring = (pane_rows(&app, Pane::Mentoring), loads(&app));
    assert_ne!(mentoring.1, loads_before, "the mentor's event left their load");
    code(&mut app, KeyCode::F(5));
    assert_eq!(mended, pane_rows(&app, Pane::Roadmap));
    assert_eq!(mentoring, (pane_rows(&app, Pane::Mentoring), loads(&app)));
    assert_eq!(selected_event_id(&app), chosen);
}

#[test]
fn my_own_change_while_the_reader_reads_is_not_undone_by_what_it_read_before() {
    let mut app = app("reader-own");
    app.read_in_background();
    key(&mut app, '3');
    screen(&mut app);
    let colleague = Store::open(app.store.path(), "Серякова").unwrap();
    colleague.save_draft("event", "{}").unwrap();
    let n =
        nastavnik::store::NewSchool {
            name: "МБОУ «СОШ №77»".into(), district: "Энский".into(), ..Default::default()
        };
    colleague.add_school(&n).unwrap();
    app.tick();
    assert!(app.reading_behind().is_some());
    // The reader has most likely read the Roadmap by now, its rows waiting to be taken; then I
    // mark the selected event as under way (keys as the terminal gives them).
    std::thread::sleep(std::time::Duration::from_millis(300));
    let id = selected_event_id(&app);
    let status = |app: &App| app.data.events.iter().find(|e| e.id == id).map(|e| e.status);
    assert_ne!(status(&app), Some(EventStatus::InProgress));
    app.handle_keys(vec![KeyEvent::new(KeyCode::Char('i'), KeyModifiers::NONE)]);
    assert_eq!(status(&app), Some(EventStatus::InProgress));
    // Not for a moment is what it read before my change shown over it.
    for _ in 0..2000 {
        app.tick();
        assert_eq!(status(&app), Some(EventStatus::InProgress), "the row went back to what the reader read before");
        if app.reading_behind().is_none() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    assert!(app.reading_behind().is_none(), "the reader finished");
    assert_eq!(app.store.event(id).unwrap().status, EventStatus::InProgress);
}
