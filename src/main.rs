use clap::{Parser, Subcommand};
use color_eyre::eyre::{eyre, Result, WrapErr};
use nastavnik::app::Pane;
use nastavnik::config::{default_db_path, Config};
use nastavnik::headless::{self, Format};
use nastavnik::i18n::Strings;
use nastavnik::keys::KeyMap;
use nastavnik::store::Store;
use nastavnik::text::AcademicYear;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Subcommand)]
enum UsersAction {
    /// List a user or change their row.
    Set {
        /// The OS account (or the name an SSH key stands for).
        login: String,
        #[arg(long, value_parser = ["coordinator", "curator", "viewer"])]
        role: String,
        /// The name the history writes (default: the login).
        #[arg(long, default_value = "")]
        name: String,
        /// A curator's school, by its full or short name; repeat for several.
        #[arg(long = "school")]
        schools: Vec<String>,
    },
    /// Take a user off the list.
    Remove { login: String },
}

#[derive(Subcommand)]
enum DistrictsAction {
    /// Give a district another name (a typo, a renamed municipality); recorded, undoable.
    Rename { old: String, new: String },
    /// Two spellings of one district (from two imports): GONE's schools, networks, events and
    /// the rest move to KEEP, and GONE is removed, as one action.
    Merge { keep: String, gone: String },
}

/// nastavnik: network mentoring between schools, for district coordinators.
#[derive(Parser)]
#[command(version, about)]
struct Cli {
    /// The store to open (overrides the config's `db`).
    #[arg(long, global = true, value_name = "PATH")]
    db: Option<PathBuf>,
    /// The config file (default: nastavnik.toml in the XDG config directory).
    #[arg(long, global = true, value_name = "PATH")]
    config: Option<PathBuf>,
    /// Work on a fresh copy of the demo data in a temporary place; your store is not touched.
    #[arg(long, global = true)]
    demo: bool,
    /// Where the log goes (default: nastavnik.log in the XDG state directory); levels as
    /// RUST_LOG says, `info` by default.
    #[arg(long, global = true, value_name = "FILE")]
    log: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Make a new, empty store at --db (or the config's or the default place), for a district
    /// that starts from its own data; an existing file is never touched.
    Init,
    /// Who may change what, kept in the store: without arguments, the list; `set LOGIN --role
    /// R [--name N] [--school S]…` lists or changes one (a coordinator only), `remove LOGIN`
    /// takes them off. Once anyone is listed, a login not listed only reads.
    Users {
        #[command(subcommand)]
        action: Option<UsersAction>,
    },
    /// The districts with their schools; `rename OLD NEW` or `merge KEEP GONE` corrects them.
    Districts {
        #[command(subcommand)]
        action: Option<DistrictsAction>,
    },
    /// Check the store: SQLite's integrity check, and every text value another tool wrote
    /// in a broken encoding, by table, row and column (exit 1 when anything is found).
    Check,
    /// Print what a pane lists, one self-contained line per row.
    Show {
        /// clusters, mentoring, roadmap, deficits or agreements
        pane: String,
        /// Academic year, e.g. 2022-2023 (default: the current one).
        #[arg(long)]
        year: Option<String>,
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// Print a pane exactly as the TUI draws it.
    Snapshot {
        pane: String,
        /// Width x height of the screen.
        #[arg(long, default_value = "120x40")]
        size: String,
        #[arg(long)]
        year: Option<String>,
    },
    /// Who mentors a school or a person, and whom it mentors (the best match of QUERY).
    Who {
        /// A few letters of a name, town or subject, in any order and case.
        query: Vec<String>,
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// Print a meeting's minutes as a document; without ID, list the meetings.
    Minutes {
        id: Option<i64>,
        /// md (Markdown), text, or docx (Word, LibreOffice; needs --out).
        #[arg(long, default_value = "md")]
        format: String,
        /// The file to write (default for md and text: standard output).
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// Replace FILE when it is a regular file already.
        #[arg(long)]
        force: bool,
    },
    /// Write an agreement's text to sign, from the template (config/templates/agreement.md, or
    /// your own); without ID, list the agreements with their ids.
    Agreement {
        id: Option<i64>,
        /// md (Markdown) or docx (Word, LibreOffice).
        #[arg(long, default_value = "md")]
        format: String,
        /// The file to write (default for md: standard output; docx needs it).
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// A template of your own instead of the built-in one.
        #[arg(long, value_name = "FILE")]
        template: Option<PathBuf>,
        /// Replace FILE when it exists.
        #[arg(long)]
        force: bool,
    },
    /// Every change to the store, newest first: when, who, what, old → new.
    History {
        /// Only changes on or after this day (25.11.2021 or 2021-11-25).
        #[arg(long, value_name = "DATE")]
        since: Option<String>,
        /// Only this user's changes.
        #[arg(long, value_name = "USER")]
        who: Option<String>,
        #[arg(long, default_value_t = 1000)]
        limit: usize,
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// For the concurrency tests: change the statuses of EVENTS in turn, CHANGES times, as user
    /// AS, printing a line for each change the store acknowledged.
    #[command(hide = true)]
    Stress {
        #[arg(long, value_delimiter = ',')]
        events: Vec<i64>,
        #[arg(long, default_value_t = 100)]
        changes: usize,
        #[arg(long = "as")]
        user: String,
    },
    /// Serve the program over SSH: each connection with a key of the authorized-keys file gets
    /// its own session, in that key's name (no shell, no forwarding).
    Serve {
        #[arg(long, default_value = "127.0.0.1:2222")]
        listen: String,
        /// Public keys, one a line, each followed by the coordinator's name.
        #[arg(long, value_name = "FILE")]
        authorized_keys: PathBuf,
        /// The server's own key; made there on first start (default: in the data directory).
        #[arg(long, value_name = "FILE")]
        host_key: Option<PathBuf>,
        /// Seconds a connection has to log in before it is closed.
        #[arg(long, value_name = "SECONDS", default_value_t = 20)]
        login_timeout: u64,
    },
    /// Read a district's spreadsheet (.xlsx, .xls, .ods, .csv) into the store: schools,
    /// people, cluster statuses, mentoring links. Prints what it understood and what each row
    /// becomes; writes it all as one action (`nastavnik undo` takes it back), or nothing.
    Import {
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// What the sheets hold: schools, people, statuses or links (default: found from the
        /// sheet's name and headers).
        #[arg(long, value_name = "KIND")]
        what: Option<String>,
        /// Only this sheet of a workbook.
        #[arg(long, value_name = "NAME")]
        sheet: Option<String>,
        /// The academic year of statuses that have no year column, e.g. 2024-2025.
        #[arg(long)]
        year: Option<String>,
        /// What a column means, overriding its header: 'Колонка=field' (fields: name,
        /// short_name, type, kind, district, town, inn, ogrn, address, phone, email, director,
        /// status, risk_level, year, basis, full_name, position, organization, subjects, mentor,
        /// mentor_org, mentee, mentee_org, subject, form, start, end, period).
        #[arg(long, value_name = "COLUMN=FIELD")]
        map: Vec<String>,
        /// Show what would be written, write nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Write the store as an .xlsx workbook: the directory (schools, people, statuses, links,
    /// in sheets the import reads back) and the roadmap, deficits, agreements and history.
    Export {
        #[arg(value_name = "FILE")]
        out: PathBuf,
        /// Only this academic year's statuses, roadmap and deficits (default: every year).
        #[arg(long)]
        year: Option<String>,
        /// Replace FILE when it is a regular file already.
        #[arg(long)]
        force: bool,
    },
    /// Undo this user's last change (an import as a whole), as u does in the program.
    Undo,
    /// Merge two records of one school, or with --person of one person (two imports spelled it
    /// differently): everything that refers to GONE moves to KEEP, and GONE is removed, as one
    /// action (`undo` takes it back).
    Merge {
        /// Two records of one person: «ФИО» or «ФИО, школа» when two people share the name.
        #[arg(long)]
        person: bool,
        /// The record that stays (a few words of its name, matched as the import matches).
        keep: String,
        /// The record that goes.
        gone: String,
    },
    /// Copy the store to FILE, consistently, while others keep working in it.
    Backup {
        #[arg(value_name = "FILE")]
        out: PathBuf,
    },
    /// What needs you now, of every year: overdue events, decisions, programmes, indicators
    /// first (with how many days), then today, this week, next week — the Agenda pane, printed
    /// (for a Monday e-mail: `nastavnik agenda --format md | mail -s …`).
    Agenda {
        /// How many days ahead (agreements: the config's `expiring_days`).
        /// (default: the config's `[agenda] days`, 14).
        #[arg(long)]
        days: Option<i64>,
        /// Only the lines whose responsible matches NAME (a part of it, any case).
        #[arg(long, value_name = "NAME")]
        who: Option<String>,
        /// text, md (Markdown) or ics (iCalendar).
        #[arg(long, default_value = "text")]
        format: String,
    },
    /// The district's report on a school year, counted from the store: schools, the network,
    /// the roadmap's execution, participation, risks, diagnostics, indicators, agreements,
    /// decisions — as Markdown or as a Word document with real tables.
    Report {
        /// Academic year, e.g. 2021-2022 (default: the current one).
        #[arg(long)]
        year: Option<String>,
        /// Only this district (a part of its name); default: every district.
        #[arg(long, value_name = "NAME")]
        district: Option<String>,
        /// One school's own report (a few words of its name, matched as the import matches).
        #[arg(long, value_name = "NAME", conflicts_with = "district")]
        school: Option<String>,
        /// Only the events and deadlines from this day (25.11.2021)…
        #[arg(long, value_name = "DATE")]
        from: Option<String>,
        /// …to this day, within the year.
        #[arg(long, value_name = "DATE")]
        to: Option<String>,
        /// md (Markdown), docx (Word, LibreOffice) or xlsx (a sheet per table, with charts); docx and xlsx need --out.
        #[arg(long, default_value = "md")]
        format: String,
        /// The file to write (default for md: standard output).
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// Replace FILE when it is a regular file already.
        #[arg(long)]
        force: bool,
        /// The closing part (conclusions, problems, proposals) from this text file ("-": standard
        /// input), kept in the store for this year and district before the report is written.
        #[arg(long, value_name = "FILE")]
        notes: Option<PathBuf>,
        /// A template of your own instead of the built-in one (config/templates/report.md).
        #[arg(long, value_name = "FILE")]
        template: Option<PathBuf>,
    },
    /// Write the roadmap's events and decision deadlines as an iCalendar (.ics) file.
    Ics {
        /// Only events hosted by or involving this school (a few letters of its name).
        #[arg(long)]
        school: Option<String>,
        /// Academic year, e.g. 2021-2022 (default: every year with events).
        #[arg(long)]
        year: Option<String>,
        /// The file to write (default: standard output); an existing file is not overwritten.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// Replace FILE when it is a regular file already.
        #[arg(long)]
        force: bool,
    },
    /// Write the demo data (the seed documents) to a new store file.
    Demo {
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Add N synthetic districts of the demo's shape (50 schools and 600 people each), for measuring.
        #[arg(long, value_name = "N", default_value_t = 0)]
        scale: usize,
        /// Roadmap events in each synthetic district.
        #[arg(long, value_name = "M", default_value_t = nastavnik::synth::EVENTS_PER_DISTRICT)]
        events_per_district: usize,
    },
    /// Render every pane as an SVG picture into a folder (the README's screenshots).
    Screenshots {
        #[arg(long, default_value = "screenshots")]
        out: PathBuf,
        /// Replace the pictures that are there already.
        #[arg(long)]
        force: bool,
    },
}

struct Setup {
    settings: nastavnik::config::Settings,
    /// The OS account: who this is, whatever the environment says.
    login: String,
    /// Whether the user's own config has a `[users]` table (no longer read: said once).
    configured_roles: bool,
    keys: KeyMap,
    theme: nastavnik::config::Theme,
    s: &'static Strings,
    user: String,
    _demo_dir: Option<tempfile::TempDir>,
    db: PathBuf,
    /// Whether `db` is the default place (no --db, no `db` in the config).
    default_db: bool,
    /// Whether this start made the store (said on the TUI's message line too).
    created: bool,
}

/// A line on stderr; a closed stderr is no reason to stop.
fn say(text: &str) {
    use std::io::Write as _;
    let _ = writeln!(std::io::stderr(), "{text}");
}

/// The file a command may write for `--out` (see `nastavnik::output`), or the reason not, in
/// the UI's language.
fn out_target(path: &Path, force: bool, s: &Strings) -> Result<PathBuf> {
    nastavnik::output::target(path, force).map_err(|e| eyre!(e.text(s)))
}

/// A store to be made where a deleted one's journal (`-wal`, `-shm`) is still lying: SQLite
/// would read the old journal into the new file («disk I/O error»). Said before anything is made.
fn stale_journal(path: &Path, s: &Strings) -> Result<()> {
    if path.exists() {
        return Ok(());
    }
    for end in ["-wal", "-shm"] {
        let mut j = path.as_os_str().to_owned();
        j.push(end);
        let j = PathBuf::from(j);
        if j.exists() {
            return Err(eyre!("{}: {}", j.display(), s.err_stale_journal));
        }
    }
    Ok(())
}

/// The same for a command that never replaces a file (`demo`, `backup`): there is no --force
/// to name.
fn out_new(path: &Path, s: &Strings) -> Result<PathBuf> {
    stale_journal(path, s)?;
    match nastavnik::output::target(path, false) {
        Err(nastavnik::output::OutputError::Exists(p)) => Err(eyre!("{}: {}", p.display(), s.err_exists)),
        other => other.map_err(|e| eyre!(e.text(s))),
    }
}

/// Writes the command's output. A reader that went away (`| head -1`) ends the program quietly
/// with success, as other Unix tools do; any other failure (a full disk) is one clear line.
fn emit(text: &str) -> Result<()> {
    use std::io::Write as _;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => std::process::exit(0),
        Err(e) => Err(e).wrap_err(nastavnik::i18n::Lang::from_env().strings().err_output),
    }
}

/// A report as the user reads it: each step, then the cause, joined by colons, a store's
/// refusal in the UI's language (its own causes are part of its text).
fn said(e: &color_eyre::Report, s: &Strings) -> String {
    let mut parts = Vec::new();
    for cause in e.chain() {
        if let Some(se) = cause.downcast_ref::<nastavnik::store::StoreError>() {
            parts.push(se.text(s));
            break;
        }
        parts.push(cause.to_string());
    }
    parts.join(": ")
}

/// One line on stderr: the step that failed and, after colons, its causes (`{:#}` of a
/// report), then exit 1.
fn fail(msg: impl std::fmt::Display) -> ExitCode {
    tracing::error!("{msg:#}");
    say(&format!("nastavnik: {msg:#}"));
    ExitCode::FAILURE
}

fn setup(cli: &Cli) -> Result<Setup> {
    let cfg = Config::load(cli.config.as_deref()).wrap_err(nastavnik::i18n::Lang::from_env().strings().err_config)?;
    let (keys, mut problems) = KeyMap::new(&cfg.keys);
    let theme = cfg.theme.resolve(&mut problems);
    let theme = if nastavnik::config::no_color() { nastavnik::config::Theme::monochrome() } else { theme };
    if !problems.is_empty() {
        return Err(eyre!("config: {}", problems.join("; ")));
    }
    let s = cfg.lang().strings();
    let user = cfg.user();
    let default_db = !cli.demo && cli.db.is_none() && cfg.db.is_none();
    let (db, demo_dir) = if cli.demo {
        let dir = tempfile::Builder::new().prefix("nastavnik-demo-").tempdir().wrap_err(s.err_demo)?;
        let path = dir.path().join("demo.db");
        let store = Store::create_new(&path, &user).wrap_err(s.err_demo)?;
        nastavnik::demo::load(&store).wrap_err(s.err_demo)?;
        (path, Some(dir))
    } else {
        (cli.db.clone().or_else(|| cfg.db.clone()).unwrap_or_else(default_db_path), None)
    };
    Ok(Setup {
        settings: nastavnik::config::Settings::of(&cfg),
        login: nastavnik::config::os_login(),
        configured_roles: !cfg.users.is_empty(),
        keys,
        theme,
        s,
        user,
        _demo_dir: demo_dir,
        default_db,
        created: false,
        db,
    })
}

fn parse_year(y: &Option<String>) -> Result<Option<AcademicYear>> {
    match y {
        None => Ok(None),
        Some(t) => {
            AcademicYear::parse(t).map(Some).ok_or_else(|| eyre!("--year {t}: write an academic year as 2022-2023"))
        }
    }
}

fn parse_pane(name: &str) -> Result<Pane> {
    Pane::from_name(&name.to_lowercase()).ok_or_else(|| {
        let names: Vec<&str> = Pane::ALL.iter().map(|p| p.name()).collect();
        eyre!("no pane \"{name}\"; choose one of: {}", names.join(", "))
    })
}

/// The year a headless command shows: the one asked for, else the current academic year, or,
/// when the store holds nothing for it, the year the TUI would open on (said on stderr).
fn headless_year(store: &Store, asked: Option<AcademicYear>, s: &Strings) -> Result<AcademicYear> {
    if let Some(y) = asked {
        return Ok(y);
    }
    let current = AcademicYear::current();
    let years = store.years()?;
    if years.contains(&current) || years.is_empty() {
        return Ok(current);
    }
    let fallback = store.default_year()?;
    say(&format!("nastavnik: {} {}; {}: {}", s.no_rows_year, current.label(), s.falling_back, fallback.label()));
    Ok(fallback)
}

fn main() -> ExitCode {
    if let Err(e) = color_eyre::install() {
        return fail(e);
    }
    let cli = Cli::parse();
    // The TUI and the server log; a script's one-off command needs no log unless asked.
    let logs = cli.log.is_some() || matches!(cli.command, None | Some(Command::Serve { .. }));
    if let Some(path) = cli.log.clone().or_else(nastavnik::log::default_path).filter(|_| logs) {
        if let Err(e) = nastavnik::log::init(&path) {
            // Only the server says so: the TUI's screen is not the place, and it works without.
            if matches!(cli.command, Some(Command::Serve { .. })) || cli.log.is_some() {
                say(&format!("nastavnik: {} ({e})", nastavnik::i18n::Lang::from_env().strings().log_unwritable));
            }
        }
    }
    if let Some(Command::Demo { out, scale, events_per_district }) = &cli.command {
        return write_demo(out, *scale, *events_per_district);
    }
    let mut st = match setup(&cli) {
        Ok(s) => s,
        Err(e) => return fail(e),
    };
    // A new store is made by `init`, `demo --out`, or the first start with the default place,
    // and each says so; a path typed wrong is not silently made into an empty store.
    let init = matches!(cli.command, Some(Command::Init));
    let creating = !st.db.exists();
    if init && !creating {
        return fail(eyre!("{}: {}", st.db.display(), st.s.err_exists));
    }
    if creating && !init && !st.default_db {
        return fail(eyre!("{}: {}", st.db.display(), st.s.err_no_store));
    }
    if creating {
        if let Err(e) = stale_journal(&st.db, st.s) {
            return fail(e);
        }
    }
    let mut store = match Store::open(&st.db, &st.user).wrap_err(st.s.err_opening_store) {
        Ok(s) => s,
        Err(e) => return fail(said(&e, st.s)),
    };
    if creating {
        st.created = true;
        say(&format!("nastavnik: {} {}", st.s.store_created, st.db.display()));
        if init {
            return ExitCode::SUCCESS;
        }
    }
    match identity(&mut store, &st).wrap_err(st.s.err_roles) {
        Ok(()) => {}
        Err(e) => return fail(said(&e, st.s)),
    }
    let s = st.s;
    match run(&cli, st, store) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(said(&e, s)),
    }
}

/// Who this is and what they may change: the OS account, looked up in the store's own list of
/// users — not the environment, not a config file the user can edit. A store that lists
/// nobody belongs to one person, who coordinates under their config's `display_name` or their
/// account's name.
fn identity(store: &mut Store, st: &Setup) -> Result<()> {
    if st.configured_roles {
        tracing::warn!("[users] in the user's config is not read; roles are kept in the store");
        say(&format!("nastavnik: {}", st.s.users_in_config));
    }
    store.identify(&st.login, &st.user, None).map_err(|e| eyre!(e))
}

fn run(cli: &Cli, st: Setup, store: Store) -> Result<()> {
    match &cli.command {
        None => {
            let area = ratatui::layout::Rect::new(0, 0, 80, 24);
            let mut app = nastavnik::app::App::configured(store, st.s, st.keys, st.theme, area, &st.settings)?;
            if st.created {
                let text = format!("{} {}", st.s.store_created, st.db.display());
                app.message = Some(nastavnik::app::Message { text, error: false });
            }
            let r = nastavnik::tui::run(&mut app).map_err(|e| eyre!(e));
            app.dismiss();
            r
        }
        Some(Command::Show { pane, year, format }) => {
            let pane = parse_pane(pane)?;
            let year = match parse_year(year)? {
                // A pane of every year: no year to choose, nothing to say about it.
                None if !pane.by_year() => AcademicYear::current(),
                asked => headless_year(&store, asked, st.s)?,
            };
            let r = headless::records(&store, pane, year, st.s)?;
            emit(&headless::render_records_for(&r, *format, st.s))?;
            Ok(())
        }
        Some(Command::Snapshot { pane, size, year }) => {
            let pane = parse_pane(pane)?;
            let (w, h) = size
                .split_once(['x', 'х', '×'])
                .and_then(|(w, h)| Some((w.trim().parse::<u16>().ok()?, h.trim().parse::<u16>().ok()?)))
                .filter(|(w, h)| (1..=1000).contains(w) && (1..=1000).contains(h))
                .ok_or_else(|| eyre!("--size {size}: write it as WIDTHxHEIGHT, e.g. 120x40"))?;
            let year = parse_year(year)?;
            let mut app = headless::new_app(store, st.s, st.keys, st.theme, &st.settings, year, pane)?;
            emit(&headless::buffer_text(&headless::render(&mut app, w, h)))?;
            app.dismiss();
            Ok(())
        }
        Some(Command::Screenshots { out, force }) => screenshots(store, st, out, *force),
        Some(Command::Who { query, format }) => who(&store, &query.join(" "), *format, st.s),
        Some(Command::Minutes { id, format, out, force }) => {
            if !matches!(format.as_str(), "md" | "text" | "docx") {
                return Err(eyre!("--format {format}: md, text or docx"));
            }
            match id {
                None => {
                    for (id, date, number, title) in store.meetings()? {
                        let date = date.map(nastavnik::text::format_date).unwrap_or_default();
                        let number = if number.is_empty() { String::new() } else { format!("№{number} ") };
                        emit(&format!("{id} | {date} | {number}{title}\n"))?;
                    }
                }
                Some(id) => {
                    let m = store.minutes(*id).wrap_err_with(|| format!("{} {id}", st.s.doc_protocol))?;
                    let md = nastavnik::minutes::markdown(&m, st.s);
                    match (format.as_str(), out) {
                        ("docx", None) => return Err(eyre!("--format docx needs --out FILE.docx")),
                        (_, None) => emit(&md)?,
                        (_, Some(path)) => {
                            let path = out_target(path, *force, st.s)?;
                            let bytes = if format == "docx" {
                                nastavnik::document::markdown_to_docx(&md, store.user())?
                            } else {
                                md.into_bytes()
                            };
                            nastavnik::document::write_file(&path, &bytes, *force)?;
                            say(&format!("{} {}", path.display(), st.s.doc_written));
                        }
                    }
                }
            }
            Ok(())
        }
        Some(Command::Report { year, district, school, from, to, format, out, force, notes, template }) => {
            let template = nastavnik::document::template_named(
                template.as_deref(),
                "report.md",
                nastavnik::document::BUILTIN_REPORT,
            )?;
            if !matches!(format.as_str(), "md" | "docx" | "xlsx") {
                return Err(eyre!("--format {format}: md, docx or xlsx"));
            }
            let year = headless_year(&store, parse_year(year)?, st.s)?;
            let district = match district {
                None => None,
                Some(q) => {
                    let all = store.district_list()?;
                    let q = nastavnik::text::fold(q);
                    let found: Vec<(i64, String)> = all
                        .iter()
                        .filter(|(_, n)| nastavnik::text::matches_query(&nastavnik::text::fold(n), &q))
                        .cloned()
                        .collect();
                    match found.len() {
                        1 => found.into_iter().next(),
                        0 => {
                            let names: Vec<&str> = all.iter().map(|(_, n)| n.as_str()).collect();
                            return Err(eyre!("{} «{q}»: {}", st.s.rp_no_district, names.join(", ")));
                        }
                        _ => {
                            let names: Vec<&str> = found.iter().map(|(_, n)| n.as_str()).collect();
                            return Err(eyre!("{} «{q}»: {}", st.s.rp_two_districts, names.join(", ")));
                        }
                    }
                }
            };
            let day = |flag: &str, t: &Option<String>| -> Result<Option<chrono::NaiveDate>> {
                match t {
                    None => Ok(None),
                    Some(t) => nastavnik::text::parse_date(t)
                        .map(Some)
                        .ok_or_else(|| eyre!("--{flag} {t}: {}", nastavnik::text::date_error(t, st.s))),
                }
            };
            let (from, to) = (day("from", from)?, day("to", to)?);
            let school = match school {
                None => None,
                Some(q) => {
                    let dir = store.import_directory()?;
                    let id = dir.org_in(q, None, st.s).map_err(|why| eyre!("--school: {why}"))?;
                    Some((id, store.entry(nastavnik::lookup::Entity::Org(id))?.name))
                }
            };
            if notes.is_some() && school.is_some() {
                return Err(eyre!("--notes: {}", st.s.rp_notes_of_school));
            }
            if let Some(file) = notes {
                let text = if file.as_os_str() == "-" {
                    let mut t = String::new();
                    std::io::Read::read_to_string(&mut std::io::stdin(), &mut t).wrap_err("--notes -")?;
                    t
                } else {
                    let bytes = std::fs::read(file).wrap_err_with(|| file.display().to_string())?;
                    // Notepad on a Russian Windows may still save in Windows-1251.
                    match String::from_utf8(bytes) {
                        Ok(t) => t,
                        Err(e) => encoding_rs::WINDOWS_1251.decode(e.as_bytes()).0.into_owned(),
                    }
                };
                store.save_report_note(year, district.as_ref().map(|d| d.0), &text)?;
            }
            let scope = nastavnik::report::Scope {
                year,
                district,
                school,
                from,
                to,
                today: nastavnik::text::today(),
                author: store.user().to_string(),
            };
            let report = nastavnik::report::report(&store, &scope, st.s)?;
            match (format.as_str(), out) {
                ("docx" | "xlsx", None) => Err(eyre!("--format {format} needs --out FILE.{format}")),
                (_, None) => emit(&report.render(&template, false)?.0),
                (_, Some(path)) => {
                    let path = out_target(path, *force, st.s)?;
                    let bytes = match format.as_str() {
                        "docx" => report.docx(&template, store.user())?,
                        "xlsx" => nastavnik::export::xlsx(&report.sheets())?,
                        _ => report.render(&template, false)?.0.into_bytes(),
                    };
                    nastavnik::document::write_file(&path, &bytes, *force)?;
                    say(&format!("{} {}", path.display(), st.s.doc_written));
                    Ok(())
                }
            }
        }
        Some(Command::Agenda { days, who, format }) => {
            if !matches!(format.as_str(), "text" | "md" | "ics") {
                return Err(eyre!("--format {format}: text, md or ics"));
            }
            let today = nastavnik::text::today();
            let days = days.unwrap_or(st.settings.agenda_days);
            let mut a = nastavnik::agenda::agenda(&store, today, days, st.settings.expiring_days, None, st.s)?;
            if let Some(w) = who {
                a = a.of_responsible(w);
            }
            emit(&match format.as_str() {
                "md" => a.markdown(st.s),
                "ics" => a.ics(st.s),
                _ => a.text(st.s),
            })
        }
        Some(Command::Ics { school, year, out, force }) => {
            let text = nastavnik::ics::calendar(&store, parse_year(year)?, school.as_deref(), st.s)?;
            match out {
                None => {
                    emit(&text)?;
                    Ok(())
                }
                Some(path) => {
                    let real = out_target(path, *force, st.s)?;
                    nastavnik::document::write_file(&real, text.as_bytes(), *force)?;
                    Ok(())
                }
            }
        }
        Some(Command::Agreement { id, format, out, template, force }) => {
            agreement(&store, *id, format, out.as_deref(), template.as_deref(), *force, st.s)
        }
        Some(Command::History { since, who, limit, format }) => {
            let since = match since {
                Some(t) => Some(
                    nastavnik::text::parse_date(t).ok_or_else(|| eyre!("--since {t}: write a day as 25.11.2021"))?,
                ),
                None => None,
            };
            // A name as the filter matches it: folded, a part of it («петрова» finds «Петрова Н.А.»).
            let lines = match who {
                None => store.log(since, None, *limit)?,
                Some(w) => {
                    let w = nastavnik::text::fold(w);
                    let mut all = store.log(since, None, usize::MAX)?;
                    all.retain(|l| nastavnik::text::matches_query(&nastavnik::text::fold(&l.change.who), &w));
                    all.truncate(*limit);
                    all
                }
            };
            let words = *format != Format::Json;
            emit(&headless::render_records(&headless::log_records(&lines, st.s, words), *format))?;
            Ok(())
        }
        Some(Command::Stress { events, changes, user }) => {
            use nastavnik::domain::EventStatus;
            use std::io::Write;
            let mut store = store;
            store.set_user(user);
            let mut out = std::io::stdout().lock();
            for n in 0..*changes {
                let Some(&id) = events.get(n % events.len().max(1)) else { break };
                let status = EventStatus::ALL[(n + user.len()) % EventStatus::ALL.len()];
                match store.set_event_status(id, status, None) {
                    Ok(true) => writeln!(out, "ok {id} {}", status.code())?,
                    Ok(false) => writeln!(out, "same {id}")?,
                    Err(e) => writeln!(out, "error {id} {e}")?,
                }
                out.flush()?;
            }
            Ok(())
        }
        Some(Command::Serve { listen, authorized_keys, host_key, login_timeout }) => {
            let (authorized, problems) = nastavnik::serve::read_authorized(authorized_keys).map_err(|e| eyre!(e))?;
            for p in &problems {
                tracing::warn!("{p}");
            }
            let host_key = host_key.clone().unwrap_or_else(|| {
                default_db_path()
                    .parent()
                    .map(|d| d.join("ssh_host_ed25519_key"))
                    .unwrap_or_else(|| "ssh_host_ed25519_key".into())
            });
            let db = store.path().to_path_buf();
            drop(store);
            let shared = nastavnik::serve::Shared {
                db,
                s: st.s,
                keys: st.keys,
                theme: st.theme,

                settings: st.settings,
                authorized,
                login_timeout: std::time::Duration::from_secs((*login_timeout).max(1)),
            };
            nastavnik::serve::serve(listen, &host_key, shared, &problems).map_err(|e| eyre!(e))
        }
        Some(Command::Import { file, what, sheet, year, map, dry_run }) => {
            let opts = import_options(what, sheet, year, map, st.s)?;
            import(&store, file, &opts, *dry_run, st.s)
        }
        Some(Command::Export { out, year, force }) => {
            let real = out_target(out, *force, st.s)?;
            let year = parse_year(year)?;
            let years = match year {
                Some(y) => vec![y],
                None => store.years()?,
            };
            let mut tables = store.directory_tables(year)?;
            tables.extend(headless::pane_tables(&store, &years, st.s)?);
            let bytes = nastavnik::export::xlsx(&tables).map_err(|e| eyre!("{e}"))?;
            nastavnik::document::write_file(&real, &bytes, *force)?;
            say(&format!("{} {}: {}", out.display(), st.s.exp_written, tables.len()));
            Ok(())
        }
        Some(Command::Merge { person, keep, gone }) => {
            let dir = store.import_directory()?;
            let id = |name: &str| if *person { dir.person_id(name, st.s) } else { dir.org_id(name, st.s) };
            let keep_id = id(keep).map_err(|e| eyre!("{e}"))?;
            let gone_id = id(gone).map_err(|e| eyre!("{e}"))?;
            let moved =
                if *person { store.merge_people(keep_id, gone_id)? } else { store.merge_orgs(keep_id, gone_id)? };
            emit(&format!("{} {moved}\n", st.s.mg_done))?;
            Ok(())
        }
        Some(Command::Undo) => match store.undo()? {
            Some(r) => {
                let what =
                    if r.field == "*" { st.s.whole_row(&r.to).to_string() } else { format!("{} → {}", r.from, r.to) };
                emit(&format!("{}: {what}\n", st.s.undone))?;
                Ok(())
            }
            None => {
                emit(&format!("{}\n", st.s.nothing_to_undo))?;
                Ok(())
            }
        },
        Some(Command::Backup { out }) => {
            out_new(out, st.s)?;
            store.backup_to(out)?;
            say(&format!("{} {}", out.display(), st.s.doc_written));
            Ok(())
        }
        Some(Command::Demo { .. } | Command::Init) => Ok(()),
        Some(Command::Users { action }) => users(&store, action.as_ref(), &st),
        Some(Command::Districts { action }) => {
            let dir = store.import_directory()?;
            let named =
                |name: &str| dir.district_id(name).ok_or_else(|| eyre!("{} «{}»", st.s.nw_no_district, name.trim()));
            match action {
                None => {
                    let mut out = String::new();
                    for (name, schools) in store.district_counts()? {
                        out.push_str(&format!("{name} — {}\n", nastavnik::i18n::count_schools(schools, st.s)));
                    }
                    emit(&out)?;
                }
                Some(DistrictsAction::Rename { old, new }) => {
                    let changed = store.rename_district(named(old)?, new)?;
                    emit(&format!("{}\n", if changed { st.s.dt_renamed } else { st.s.sc_unchanged }))?;
                }
                Some(DistrictsAction::Merge { keep, gone }) => {
                    let moved = store.merge_districts(named(keep)?, named(gone)?)?;
                    emit(&format!("{} {moved}\n", st.s.mg_done))?;
                }
            }
            Ok(())
        }
        Some(Command::Check) => {
            let problems = store.check()?;
            if problems.is_empty() {
                emit(&format!("{}\n", st.s.check_ok))?;
                return Ok(());
            }
            emit(&problems.iter().map(|p| format!("{p}\n")).collect::<String>())?;
            std::process::exit(1);
        }
    }
}

fn import_options(
    what: &Option<String>,
    sheet: &Option<String>,
    year: &Option<String>,
    map: &[String],
    s: &nastavnik::i18n::Strings,
) -> Result<nastavnik::import::Options> {
    use nastavnik::import::{Field, Kind, Options};
    let kind = match what {
        None => None,
        Some(w) => {
            Some(Kind::from_code(w).ok_or_else(|| eyre!("--what {w}: {}", Kind::ALL.map(|k| k.code()).join(", ")))?)
        }
    };
    let map = map
        .iter()
        .map(|m| {
            Options::map_pair(m).map_err(|_| {
                let fields: Vec<&str> = Kind::ALL.iter().flat_map(|k| k.fields()).map(|f: &Field| f.code()).collect();
                let mut fields = fields;
                fields.sort();
                fields.dedup();
                eyre!("--map {m}: {} {}", s.imp_bad_map, fields.join(", "))
            })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(Options { kind, sheet: sheet.clone(), year: parse_year(year)?, map })
}

fn import(
    store: &Store,
    file: &std::path::Path,
    opts: &nastavnik::import::Options,
    dry_run: bool,
    s: &'static nastavnik::i18n::Strings,
) -> Result<()> {
    let name = file.display().to_string();
    let book = nastavnik::import::read(file, opts).map_err(|e| eyre!("{name}: {}", e.text(s)))?;
    if dry_run {
        let preview = store.import_preview(&book, opts, s)?.map_err(|e| eyre!("{name}: {}", e.text(s)))?;
        emit(&nastavnik::import::report(&preview, &name, s))?;
        emit(&format!("{}\n", s.imp_dry_run))?;
        return Ok(());
    }
    // Planned inside the transaction that writes it: what is written is what is printed.
    let plan = store.import(&book, opts, s)?.map_err(|e| eyre!("{name}: {}", e.text(s)))?;
    emit(&nastavnik::import::report(&plan, &name, s))?;
    let done = if plan.steps.is_empty() { nastavnik::import::nothing_text(&plan, s) } else { s.imp_written };
    emit(&format!("{done}\n"))?;
    Ok(())
}

fn users(store: &Store, action: Option<&UsersAction>, st: &Setup) -> Result<()> {
    use nastavnik::config::Role;
    match action {
        None => {
            let label = |r: Role| match r {
                Role::Coordinator => st.s.role_coordinator,
                Role::Curator => st.s.role_curator,
                Role::Viewer => st.s.role_viewer,
            };
            let mut text = String::new();
            for u in store.users()? {
                text.push_str(&format!("{} | {} | {} | {}\n", u.login, u.name, label(u.role), u.schools.join("; ")));
            }
            emit(&text)
        }
        Some(UsersAction::Set { login, role, name, schools }) => {
            let role = match role.as_str() {
                "coordinator" => Role::Coordinator,
                "curator" => Role::Curator,
                _ => Role::Viewer,
            };
            let u =
                nastavnik::store::UserRow { login: login.clone(), name: name.clone(), role, schools: schools.clone() };
            store.list_user(&u, &st.login)?;
            Ok(())
        }
        Some(UsersAction::Remove { login }) => {
            store.remove_user(login)?;
            Ok(())
        }
    }
}

fn agreement(
    store: &Store,
    id: Option<i64>,
    format: &str,
    out: Option<&Path>,
    template: Option<&Path>,
    force: bool,
    s: &Strings,
) -> Result<()> {
    use nastavnik::document;
    if !matches!(format, "md" | "docx") {
        return Err(eyre!("--format {format}: md or docx"));
    }
    let Some(id) = id else {
        let today = nastavnik::text::today();
        for a in store.agreements()? {
            let number = if a.number.is_empty() { "№ ___".to_string() } else { format!("№ {}", a.number) };
            let status = nastavnik::lifecycle::effective(&a, today).label(s);
            emit(&format!("{} | {} | {number} | {} | {} | {status}\n", a.id, a.kind.label(s), a.title, a.parties))?;
        }
        return Ok(());
    };
    let path = out.map(|p| out_target(p, force, s)).transpose()?;
    let (text, name) = document::template(template)?;
    let md = document::render_markdown(store, id, &text, &name)?;
    match (format, path) {
        ("md", None) => {
            emit(&md)?;
            Ok(())
        }
        (_, None) => Err(eyre!("--format docx needs --out FILE.docx")),
        (_, Some(path)) => {
            let bytes = if format == "docx" { document::markdown_to_docx(&md, store.user())? } else { md.into_bytes() };
            document::write_file(&path, &bytes, force)?;
            say(&format!("{} {}", path.display(), s.doc_written));
            Ok(())
        }
    }
}

fn who(store: &Store, query: &str, format: Format, s: &Strings) -> Result<()> {
    // SQLite first finds the rows holding every word as typed, then, for a typo, the rows holding
    // the first or the second half of every word (one typo rarely spoils both); only when the
    // index finds nothing among those are the rows sharing a trigram loaded, to name the nearest
    // matches.
    let folded = nastavnik::text::fold(query);
    let words: Vec<Vec<char>> = folded.split(' ').filter(|w| !w.is_empty()).map(|w| w.chars().collect()).collect();
    let exact: Vec<Vec<String>> = words.iter().map(|w| vec![w.iter().collect()]).collect();
    let halves: Vec<Vec<String>> = words
        .iter()
        .map(|w| {
            let k = w.len() / 2;
            vec![w[..k].iter().collect(), w[k..].iter().collect()]
        })
        .collect();
    // Last, the names sharing the most trigrams with what was typed, from the store's trigram
    // index: what has none in common is no near match, and the whole store is not read.
    const NEAR_CANDIDATES: usize = 200;
    let mut trigrams: Vec<String> = Vec::new();
    for w in &words {
        for t in w.windows(3) {
            let t: String = t.iter().collect();
            if !trigrams.contains(&t) {
                trigrams.push(t);
            }
        }
    }
    let mut index = nastavnik::lookup::Index::new(Vec::new());
    let mut hits = Vec::new();
    for pass in 0..3 {
        let entries = match pass {
            0 => store.search_entries_containing(&exact)?,
            1 => store.search_entries_containing(&halves)?,
            _ => store.search_entries_near(&trigrams, NEAR_CANDIDATES)?,
        };
        index = nastavnik::lookup::Index::new(entries);
        hits = index.search(query, 5);
        if !hits.is_empty() {
            break;
        }
    }
    // Two answers about as good (the same words matched as well): naming one would be a
    // guess, and a confident wrong answer is worse than a question.
    let tied: Vec<&nastavnik::lookup::Hit> = hits.iter().filter(|h| h.score / 100 == hits[0].score / 100).collect();
    if tied.len() > 1 {
        let mut text = format!("{} «{query}»:\n", s.ambiguous);
        for h in &tied {
            text.push_str(&format!("  {} ({})\n", index.name(h.index), index.context(h.index)));
        }
        say(text.trim_end());
        std::process::exit(2);
    }
    let Some(best) = hits.first() else {
        let near: Vec<String> = index
            .near_misses(query, 5)
            .iter()
            .map(|h| format!("  {} ({})", index.name(h.index), index.context(h.index)))
            .collect();
        let mut msg = format!("{} «{query}»", s.lookup_nothing);
        if !near.is_empty() {
            msg.push_str(&format!("; {}:\n{}", s.near_misses, near.join("\n")));
        }
        return Err(eyre!(msg));
    };
    let a = nastavnik::answer::answer(store, index.entity(best.index))?;
    match format {
        Format::Json => emit(&format!("{}\n", serde_json::to_string_pretty(&a)?))?,
        Format::Text => emit(&nastavnik::answer::plain_text(&a, s))?,
        Format::Csv | Format::Excel => return Err(eyre!(s.who_no_table)),
    }
    Ok(())
}

fn write_demo(out: &Path, scale: usize, events: usize) -> ExitCode {
    let user = Config::default().user();
    // A store is never replaced, not even with --force (there is none).
    if let Err(e) = out_new(out, nastavnik::i18n::Lang::from_env().strings()) {
        return fail(e);
    }
    let result = Store::create_new(out, &user).and_then(|store| {
        nastavnik::demo::load(&store)?;
        nastavnik::synth::generate_sized(&store, scale, events)?;
        store.checkpoint()
    });
    match result {
        Ok(()) => match emit(&format!("{}\n", out.display())) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => fail(e),
        },
        Err(e) => fail(e),
    }
}

fn screenshots(store: Store, st: Setup, out: &Path, force: bool) -> Result<()> {
    use crossterm::event::KeyCode;
    std::fs::create_dir_all(out).wrap_err_with(|| out.display().to_string())?;
    let mut app = headless::new_app(store, st.s, st.keys, st.theme, &st.settings, None, Pane::Clusters)?;
    let shot = |app: &mut nastavnik::app::App, name: &str| -> Result<()> {
        let buf = headless::render(app, 140, 40);
        let path = out.join(format!("{name}.svg"));
        let real = out_target(&path, force, st.s)?;
        nastavnik::document::write_file(&real, headless::buffer_svg(&buf).as_bytes(), force)?;
        emit(&format!("{}\n", path.display()))?;
        Ok(())
    };
    for (i, pane) in Pane::ALL.iter().enumerate() {
        app.set_pane(*pane);
        shot(&mut app, &format!("{}-{}", i + 1, pane.name()))?;
    }
    app.set_pane(Pane::Clusters);
    headless::press(&mut app, KeyCode::Enter);
    shot(&mut app, "6-school-card")?;
    headless::press(&mut app, KeyCode::Esc);
    app.set_pane(Pane::Roadmap);
    headless::press(&mut app, KeyCode::Char('?'));
    shot(&mut app, "7-help")?;
    headless::press(&mut app, KeyCode::Esc);
    headless::press(&mut app, KeyCode::Char('v'));
    shot(&mut app, "8-timeline")?;
    headless::press(&mut app, KeyCode::Char('v'));
    headless::press(&mut app, KeyCode::Char('w'));
    for c in "сош 3 пикалево".chars() {
        headless::press(&mut app, KeyCode::Char(c));
    }
    headless::press(&mut app, KeyCode::Enter);
    shot(&mut app, "9-who-mentors")?;
    headless::press(&mut app, KeyCode::Esc);
    headless::press(&mut app, KeyCode::Esc);
    app.set_pane(Pane::Agreements);
    headless::press(&mut app, KeyCode::Down);
    headless::press(&mut app, KeyCode::Enter);
    shot(&mut app, "10-agreement-card")?;
    headless::press(&mut app, KeyCode::Esc);
    // The draft goes to approval, and signing it is refused with the reason.
    headless::press(&mut app, KeyCode::Up);
    headless::press(&mut app, KeyCode::Char('a'));
    headless::press(&mut app, KeyCode::Char('a'));
    shot(&mut app, "11-agreement-refused")?;
    // The deficits as pictures: Ust-Ilimsk's 2021-2022, then Kirovsk's dynamics.
    app.set_pane(Pane::Deficits);
    headless::press(&mut app, KeyCode::Char('v'));
    shot(&mut app, "12-deficits-picture")?;
    headless::press(&mut app, KeyCode::Char(']'));
    shot(&mut app, "13-deficits-dynamics")?;
    headless::press(&mut app, KeyCode::Char('v'));
    headless::press(&mut app, KeyCode::Char('['));
    // The roadmap shared in a call: names cut to initials, categories hidden.
    app.set_pane(Pane::Roadmap);
    headless::press(&mut app, KeyCode::Char('S'));
    shot(&mut app, "14-screen-share")?;
    Ok(())
}
