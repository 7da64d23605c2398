//! `nastavnik serve`: nastavnik's own SSH server. Each connection that shows a known key gets
//! its own session of the program, in the name and role the authorized-keys file gives it, at
//! the size of its own terminal (window changes followed). No shell, no forwarding, nothing
//! else. A session runs on a thread of its own — the store is never read from the server's
//! async tasks — and the bytes typed are read into keys with termwiz's parser, since crossterm
//! can only read its own terminal.

use crate::app::App;
use crate::config::{Role, Theme};
use crate::i18n::Strings;
use crate::keys::KeyMap;
use crate::store::Store;
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers};
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};
use russh::keys::PublicKey;
use russh::server::{Auth, ChannelOpenHandle, Handle, Msg, PublicKeyOffer, Session, VerifiedPublicKey};
use russh::{Channel, ChannelId, Pty};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::Arc;
use std::time::Duration;

/// What every session needs to start.
#[derive(Clone)]
pub struct Shared {
    pub db: PathBuf,
    pub s: &'static Strings,
    pub keys: KeyMap,
    pub theme: Theme,
    pub settings: crate::config::Settings,
    /// Authorized keys and the coordinator each stands for.
    pub authorized: Vec<Authorized>,
    /// How long a connection may take to log in (`--login-timeout`, [`HANDSHAKE_TIMEOUT`] by
    /// default).
    pub login_timeout: Duration,
}

/// A key of the authorized-keys file: whose it is, and the role it gives when it names one
/// (else the config's `[users]` decides).
#[derive(Clone, Debug)]
pub struct Authorized {
    pub key: PublicKey,
    pub name: String,
    pub role: Option<Role>,
}

/// Reads an authorized-keys file: `ssh-ed25519 AAAA… Name of the coordinator`, one a line; `#`
/// starts a comment. The comment is the name the history records. Ed25519, ECDSA (P-256,
/// P-384, P-521) and RSA keys are accepted. A line that cannot be used is skipped and named
/// with its number in the second list, for the server to say at start; no usable key at all
/// is an error.
pub fn read_authorized(path: &Path) -> Result<(Vec<Authorized>, Vec<String>), String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        match authorized_line(line) {
            Ok(a) => out.push(a),
            Err(e) => problems.push(format!("{}:{}: {e}; this line is skipped", path.display(), n + 1)),
        }
    }
    if out.is_empty() {
        let mut msg = format!("{}: no usable keys", path.display());
        for p in &problems {
            msg.push_str(&format!("\n  {p}"));
        }
        return Err(msg);
    }
    Ok((out, problems))
}

fn authorized_line(line: &str) -> Result<Authorized, String> {
    // An optional role before the key, as authorized_keys puts options there:
    // `role=viewer ssh-ed25519 AAAA… Name`.
    let (role, line) = match line.strip_prefix("role=") {
        Some(rest) => {
            let (r, key) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
            let role = match r {
                "coordinator" => Role::Coordinator,
                "curator" => Role::Curator,
                "viewer" => Role::Viewer,
                other => return Err(format!("role={other}: coordinator, curator or viewer")),
            };
            (Some(role), key.trim())
        }
        None => (None, line),
    };
    let key = PublicKey::from_openssh(line).map_err(|e| format!("not a public key ({e})"))?;
    use russh::keys::Algorithm as A;
    if !matches!(key.algorithm(), A::Ed25519 | A::Ecdsa { .. } | A::Rsa { .. }) {
        return Err(format!("{} keys are not accepted (Ed25519, ECDSA and RSA are)", key.algorithm()));
    }
    let name = key.comment().as_str_lossy().trim().to_string();
    if name.is_empty() {
        return Err("the key names no coordinator (add the name after the key)".into());
    }
    Ok(Authorized { key, name, role })
}

/// What a session's thread is told.
enum In {
    Bytes(Vec<u8>),
    Resize(u16, u16),
    Close,
}

/// What a session's thread sends back to its connection.
enum Out {
    Data(Vec<u8>),
    Close,
}

/// How many screens' worth of output may wait for a slow client before the session waits
/// for it: a client that reads nothing cannot grow the server's memory.
const OUT_QUEUE: usize = 64;

/// A session's side of its output queue; sending waits while the queue is full.
type OutTx = tokio::sync::mpsc::Sender<Out>;

/// The terminal of a session: what ratatui writes is collected and sent on flush.
struct Wire {
    out: OutTx,
    sink: Vec<u8>,
}

impl std::io::Write for Wire {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.sink.extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        if self.sink.is_empty() {
            return Ok(());
        }
        let data = std::mem::take(&mut self.sink);
        self.out.blocking_send(Out::Data(data)).map_err(|_| std::io::Error::from(std::io::ErrorKind::BrokenPipe))
    }
}

/// A termwiz key as crossterm's, which the program's key map reads.
fn key_of(k: &termwiz::input::KeyEvent) -> Option<KeyEvent> {
    use termwiz::input::{KeyCode as T, Modifiers as M};
    let shift = k.modifiers.contains(M::SHIFT);
    let code = match k.key {
        T::Char(c) => KeyCode::Char(c),
        T::Enter => KeyCode::Enter,
        T::Escape => KeyCode::Esc,
        T::Tab if shift => KeyCode::BackTab,
        T::Tab => KeyCode::Tab,
        T::Backspace => KeyCode::Backspace,
        T::Delete => KeyCode::Delete,
        T::UpArrow => KeyCode::Up,
        T::DownArrow => KeyCode::Down,
        T::LeftArrow => KeyCode::Left,
        T::RightArrow => KeyCode::Right,
        T::PageUp => KeyCode::PageUp,
        T::PageDown => KeyCode::PageDown,
        T::Home => KeyCode::Home,
        T::End => KeyCode::End,
        T::Function(n) => KeyCode::F(n),
        _ => return None,
    };
    let mut modifiers = KeyModifiers::empty();
    if k.modifiers.contains(M::CTRL) {
        modifiers |= KeyModifiers::CONTROL;
    }
    if k.modifiers.contains(M::ALT) {
        modifiers |= KeyModifiers::ALT;
    }
    if shift && !matches!(code, KeyCode::Char(_) | KeyCode::BackTab) {
        modifiers |= KeyModifiers::SHIFT;
    }
    Some(KeyEvent { code, modifiers, kind: KeyEventKind::Press, state: KeyEventState::NONE })
}

/// The largest terminal a session draws: a client claiming more gets this much (a 1000×1000
/// screen would cost the server a hundred megabytes).
pub const MAX_SIZE: (u16, u16) = (500, 200);

fn capped(cols: u32, rows: u32) -> (u16, u16) {
    (cols.clamp(1, MAX_SIZE.0 as u32) as u16, rows.clamp(1, MAX_SIZE.1 as u32) as u16)
}

/// Closes a session's connection however its thread ends — a return, an error or a panic —
/// leaving the client's terminal as it found it, with the reason when there is one.
struct Goodbye {
    out: OutTx,
    user: String,
    reason: Option<String>,
}

impl Drop for Goodbye {
    fn drop(&mut self) {
        let mut bye = b"\x1b[?25h\x1b[?1049l".to_vec();
        let reason = match (&self.reason, std::thread::panicking()) {
            (_, true) => Some("internal error; the session was closed, your saved changes are kept".to_string()),
            (r, false) => r.clone(),
        };
        match &reason {
            Some(r) => {
                tracing::warn!(user = %self.user, reason = %r, "session ended");
                bye.extend_from_slice(format!("nastavnik: {r}\r\n").as_bytes());
            }
            None => tracing::info!(user = %self.user, "session ended"),
        }
        // try_send: the thread may be unwinding; a full queue must not keep it here.
        let _ = self.out.try_send(Out::Data(bye));
        let _ = self.out.try_send(Out::Close);
    }
}

/// One coordinator's session: the program on its own thread, until they quit or hang up.
fn run_session(
    shared: Shared,
    user: String,
    role: Option<Role>,
    size: (u16, u16),
    input: mpsc::Receiver<In>,
    out: OutTx,
) {
    let mut goodbye = Goodbye { out: out.clone(), user: user.clone(), reason: None };
    let wire = Wire { out: out.clone(), sink: Vec::new() };
    let result = (|| -> Result<(), String> {
        let mut store = Store::open(&shared.db, &user).map_err(|e| e.to_string())?;
        // The key names the coordinator; the role is the key's, else the store's list of users.
        store.identify(&user, &user, role)?;
        let area = Rect::new(0, 0, size.0.max(1), size.1.max(1));
        let mut app =
            App::configured(store, shared.s, shared.keys.clone(), shared.theme.clone(), area, &shared.settings)
                .map_err(|e| e.to_string())?;
        // A path typed over SSH names a file of the server: `I` is not offered there.
        app.local_files = false;
        app.says_reading = true;
        app.read_in_background();
        let backend = CrosstermBackend::new(wire);
        let mut terminal = Terminal::with_options(backend, TerminalOptions { viewport: Viewport::Fixed(area) })
            .map_err(|e| e.to_string())?;
        // The alternate screen, as a local run has it; left again on the way out.
        let _ = out.blocking_send(Out::Data(b"\x1b[?1049h\x1b[H\x1b[2J".to_vec()));
        let mut parser = termwiz::input::InputParser::new();
        let tick = Duration::from_millis(50);
        let mut next_tick = std::time::Instant::now() + tick;
        // Drawn when something happened, and once a second whatever happened.
        let mut dirty = true;
        let mut drawn = std::time::Instant::now();
        while !app.quit {
            if dirty || drawn.elapsed() >= Duration::from_secs(1) {
                terminal.draw(|f| crate::ui::draw(f, &app)).map_err(|e| e.to_string())?;
                drawn = std::time::Instant::now();
                dirty = false;
            }
            // The panes not shown are read once the first frame is on screen.
            if app.finish_loading() {
                terminal.draw(|f| crate::ui::draw(f, &app)).map_err(|e| e.to_string())?;
            }
            // While the year is read again off this thread, its panes are looked for often.
            let until = if app.reading_behind().is_some() {
                next_tick.min(std::time::Instant::now() + Duration::from_millis(20))
            } else {
                next_tick
            };
            let first = match input.recv_timeout(until.saturating_duration_since(std::time::Instant::now())) {
                Ok(m) => Some(m),
                Err(mpsc::RecvTimeoutError::Timeout) => None,
                Err(mpsc::RecvTimeoutError::Disconnected) => return Ok(()),
            };
            // Everything already sent is handled before the next frame; bytes that came in
            // several packets are parsed together, so a sequence is never cut.
            let mut messages: Vec<In> = first.into_iter().collect();
            dirty |= !messages.is_empty();
            while let Ok(m) = input.try_recv() {
                messages.push(m);
            }
            let mut bytes = Vec::new();
            for m in messages {
                if let In::Bytes(b) = m {
                    bytes.extend(b);
                    continue;
                }
                session_input(&mut app, &mut parser, &std::mem::take(&mut bytes), &out);
                match m {
                    In::Resize(w, h) => {
                        let r = Rect::new(0, 0, w, h);
                        // `resize` redraws the whole of a fixed viewport; asking the backend for
                        // its size would ask the server's own terminal, which a session lacks.
                        terminal.resize(r).map_err(|e| e.to_string())?;
                        app.resize(r);
                    }
                    In::Close => return Ok(()),
                    In::Bytes(_) => {}
                }
            }
            session_input(&mut app, &mut parser, &bytes, &out);
            if std::time::Instant::now() >= next_tick {
                dirty |= app.tick();
                next_tick = std::time::Instant::now() + tick;
            } else if app.reading_behind().is_some() {
                dirty |= app.tick();
            }
        }
        Ok(())
    })();
    goodbye.reason = result.err();
}

/// Bytes a client typed, as keys and pastes; what they copied goes to their clipboard.
fn session_input(app: &mut App, parser: &mut termwiz::input::InputParser, bytes: &[u8], out: &OutTx) {
    if bytes.is_empty() {
        return;
    }
    let mut events = Vec::new();
    parser.parse(bytes, |e| events.push(e), false);
    let mut keys = Vec::new();
    for e in events {
        match e {
            termwiz::input::InputEvent::Key(k) => keys.extend(key_of(&k)),
            termwiz::input::InputEvent::Paste(text) => {
                app.handle_keys(std::mem::take(&mut keys));
                app.paste(&text);
            }
            _ => {}
        }
    }
    app.handle_keys(keys);
    if let Some(text) = app.clipboard.take() {
        let _ = out.blocking_send(Out::Data(osc52(&text)));
    }
}

/// The OSC 52 sequence that puts `text` on the client's clipboard, as crossterm writes it.
fn osc52(text: &str) -> Vec<u8> {
    let mut seq = String::new();
    let _ = crossterm::Command::write_ansi(&crossterm::clipboard::CopyToClipboard::to_clipboard_from(text), &mut seq);
    seq.into_bytes()
}

/// How long a connection may take to show a known key, by default: one that has not logged
/// in by then is closed, so that connections left half-open cannot pile up.
pub const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(20);
/// Connections not yet logged in, at most, in all and from one address (as OpenSSH's
/// MaxStartups): the ones past these are closed at once, and the descriptors of the process
/// are never exhausted by strangers.
pub const MAX_STARTUPS: usize = 64;
pub const MAX_STARTUPS_PER_ADDRESS: usize = 10;

/// The connections that have not logged in yet, by address.
#[derive(Default)]
struct Startups {
    total: usize,
    by_address: HashMap<std::net::IpAddr, usize>,
}

/// A connection's place among the ones not logged in yet; given back when it logs in or ends.
struct StartupSlot {
    startups: Arc<std::sync::Mutex<Startups>>,
    ip: std::net::IpAddr,
}

impl StartupSlot {
    fn claim(startups: &Arc<std::sync::Mutex<Startups>>, ip: std::net::IpAddr) -> Option<StartupSlot> {
        let mut st = startups.lock().ok()?;
        let here = st.by_address.get(&ip).copied().unwrap_or(0);
        if st.total >= MAX_STARTUPS || here >= MAX_STARTUPS_PER_ADDRESS {
            return None;
        }
        st.total += 1;
        *st.by_address.entry(ip).or_default() += 1;
        Some(StartupSlot { startups: startups.clone(), ip })
    }
}

impl Drop for StartupSlot {
    fn drop(&mut self) {
        if let Ok(mut st) = self.startups.lock() {
            st.total = st.total.saturating_sub(1);
            if let Some(n) = st.by_address.get_mut(&self.ip) {
                *n -= 1;
                if *n == 0 {
                    st.by_address.remove(&self.ip);
                }
            }
        }
    }
}

/// One connection.
struct Conn {
    shared: Arc<Shared>,
    peer: std::net::SocketAddr,
    user: Option<String>,
    /// The role the key gives, if it names one.
    role: Option<Role>,
    size: (u16, u16),
    /// The running session's input, once its shell is started.
    input: Option<mpsc::Sender<In>>,
    /// Held until the connection logs in.
    startup: Option<StartupSlot>,
    logged_in: Arc<std::sync::atomic::AtomicBool>,
}

impl Drop for Conn {
    fn drop(&mut self) {
        // A dropped connection ends its session; the store is left as the last change left it.
        if let Some(tx) = self.input.take() {
            let _ = tx.send(In::Close);
        }
    }
}

impl russh::server::Handler for Conn {
    type Error = russh::Error;

    async fn auth_password(&mut self, _: &str, _: &str) -> Result<Auth, Self::Error> {
        tracing::warn!(peer = %self.peer, "a password was refused (keys only)");
        Ok(Auth::reject())
    }

    async fn auth_publickey_offered(&mut self, _: &str, offer: PublicKeyOffer<'_>) -> Result<Auth, Self::Error> {
        let known = self.shared.authorized.iter().any(|a| a.key.key_data() == offer.public_key.key_data());
        if !known {
            tracing::warn!(peer = %self.peer, algorithm = %offer.public_key.algorithm(), "an unknown key was refused");
        }
        Ok(if known { Auth::Accept } else { Auth::reject() })
    }

    async fn auth_publickey(&mut self, _: &str, key: VerifiedPublicKey<'_>) -> Result<Auth, Self::Error> {
        match self.shared.authorized.iter().find(|a| a.key.key_data() == key.public_key.key_data()) {
            Some(a) => {
                self.user = Some(a.name.clone());
                self.role = a.role;
                self.startup = None;
                self.logged_in.store(true, std::sync::atomic::Ordering::SeqCst);
                tracing::info!(user = %a.name, peer = %self.peer, "logged in");
                Ok(Auth::Accept)
            }
            None => {
                tracing::warn!(peer = %self.peer, "an unknown key was refused");
                Ok(Auth::reject())
            }
        }
    }

    async fn channel_open_session(
        &mut self,
        _: Channel<Msg>,
        reply: ChannelOpenHandle,
        _: &mut Session,
    ) -> Result<(), Self::Error> {
        // One session a connection, and only for a known key; dropping the reply refuses.
        if self.user.is_some() && self.input.is_none() {
            reply.accept().await;
        }
        Ok(())
    }

    async fn pty_request(
        &mut self,
        channel: ChannelId,
        _: &str,
        cols: u32,
        rows: u32,
        _: u32,
        _: u32,
        _: &[(Pty, u32)],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.size = capped(cols, rows);
        session.channel_success(channel)?;
        Ok(())
    }

    async fn shell_request(&mut self, channel: ChannelId, session: &mut Session) -> Result<(), Self::Error> {
        let Some(user) = self.user.clone() else {
            session.channel_failure(channel)?;
            return Ok(());
        };
        session.channel_success(channel)?;
        let (tx, rx) = mpsc::channel();
        self.input = Some(tx);
        let (out_tx, mut out_rx) = tokio::sync::mpsc::channel::<Out>(OUT_QUEUE);
        let handle: Handle = session.handle();
        tokio::spawn(async move {
            while let Some(msg) = out_rx.recv().await {
                match msg {
                    Out::Data(d) => {
                        if handle.data(channel, russh::keys::ssh_encoding::bytes::Bytes::from(d)).await.is_err() {
                            break;
                        }
                    }
                    Out::Close => {
                        let _ = handle.exit_status_request(channel, 0).await;
                        let _ = handle.eof(channel).await;
                        let _ = handle.close(channel).await;
                        break;
                    }
                }
            }
        });
        let shared = (*self.shared).clone();
        let (size, role) = (self.size, self.role);
        tracing::info!(user = %user, peer = %self.peer, "session started");
        std::thread::spawn(move || run_session(shared, user, role, size, rx, out_tx));
        Ok(())
    }

    async fn exec_request(&mut self, channel: ChannelId, _: &[u8], session: &mut Session) -> Result<(), Self::Error> {
        // Only the program itself: no commands.
        session.channel_failure(channel)?;
        Ok(())
    }

    async fn subsystem_request(
        &mut self,
        channel: ChannelId,
        _: &str,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        session.channel_failure(channel)?;
        Ok(())
    }

    async fn data(&mut self, _: ChannelId, data: &[u8], _: &mut Session) -> Result<(), Self::Error> {
        if let Some(tx) = &self.input {
            let _ = tx.send(In::Bytes(data.to_vec()));
        }
        Ok(())
    }

    async fn window_change_request(
        &mut self,
        _: ChannelId,
        cols: u32,
        rows: u32,
        _: u32,
        _: u32,
        _: &mut Session,
    ) -> Result<(), Self::Error> {
        self.size = capped(cols, rows);
        if let Some(tx) = &self.input {
            let _ = tx.send(In::Resize(self.size.0, self.size.1));
        }
        Ok(())
    }

    async fn channel_eof(&mut self, _: ChannelId, _: &mut Session) -> Result<(), Self::Error> {
        if let Some(tx) = self.input.take() {
            let _ = tx.send(In::Close);
        }
        Ok(())
    }

    async fn channel_close(&mut self, _: ChannelId, _: &mut Session) -> Result<(), Self::Error> {
        if let Some(tx) = self.input.take() {
            let _ = tx.send(In::Close);
        }
        Ok(())
    }
}

/// Serves until the process is stopped. The host key is read from `host_key` (made there when
/// missing), so that clients recognise the server from one run to the next.
pub fn serve(listen: &str, host_key: &Path, shared: Shared, problems: &[String]) -> Result<(), String> {
    let key = if host_key.exists() {
        russh::keys::load_secret_key(host_key, None).map_err(|e| format!("{}: {e}", host_key.display()))?
    } else {
        let k = russh::keys::PrivateKey::random(&mut russh::keys::key::safe_rng(), russh::keys::Algorithm::Ed25519)
            .map_err(|e| e.to_string())?;
        if let Some(dir) = host_key.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
        k.write_openssh_file(host_key, russh::keys::ssh_key::LineEnding::LF)
            .map_err(|e| format!("{}: {e}", host_key.display()))?;
        k
    };
    let config = russh::server::Config {
        inactivity_timeout: Some(Duration::from_secs(8 * 3600)),
        auth_rejection_time: Duration::from_secs(1),
        auth_rejection_time_initial: Some(Duration::from_secs(0)),
        methods: russh::MethodSet::from(&[russh::MethodKind::PublicKey][..]),
        keys: vec![key],
        nodelay: true,
        ..Default::default()
    };
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().map_err(|e| e.to_string())?;
    rt.block_on(async move {
        let listener = tokio::net::TcpListener::bind(listen).await.map_err(|e| format!("{listen}: {e}"))?;
        let addr = listener.local_addr().map_err(|e| e.to_string())?;
        // A closed stderr must not stop the server: written, not printed.
        use std::io::Write as _;
        let mut err = std::io::stderr();
        let _ = writeln!(err, "nastavnik: serving {} on {addr}", shared.db.display());
        // After the line that names the address, which scripts read first.
        for p in problems {
            let _ = writeln!(err, "nastavnik: {p}");
        }
        tracing::info!(db = %shared.db.display(), %addr, keys = shared.authorized.len(), "serving");
        accept_loop(listener, Arc::new(config), Arc::new(shared)).await;
        Ok(())
    })
}

/// Takes connections until the process is stopped. An error of `accept` (out of descriptors,
/// say) is logged and waited out, never the end of the server: the sessions running go on.
async fn accept_loop(listener: tokio::net::TcpListener, config: Arc<russh::server::Config>, shared: Arc<Shared>) {
    let startups = Arc::new(std::sync::Mutex::new(Startups::default()));
    loop {
        let (socket, peer) = match listener.accept().await {
            Ok(c) => c,
            Err(e) => {
                tracing::error!(error = %e, "accepting a connection failed; trying again");
                tokio::time::sleep(Duration::from_millis(100)).await;
                continue;
            }
        };
        let Some(slot) = StartupSlot::claim(&startups, peer.ip()) else {
            tracing::warn!(%peer, "too many connections not logged in yet; this one was closed");
            drop(socket);
            continue;
        };
        let _ = socket.set_nodelay(true);
        let logged_in = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let conn = Conn {
            shared: shared.clone(),
            peer,
            user: None,
            role: None,
            size: (80, 24),
            input: None,
            startup: Some(slot),
            logged_in: logged_in.clone(),
        };
        let config = config.clone();
        let login_timeout = shared.login_timeout;
        tokio::spawn(async move {
            let deadline = tokio::time::Instant::now() + login_timeout;
            let session = match tokio::time::timeout_at(deadline, russh::server::run_stream(config, socket, conn)).await
            {
                Ok(Ok(s)) => s,
                Ok(Err(e)) => {
                    tracing::debug!(%peer, error = %e, "connection setup failed");
                    return;
                }
                Err(_) => {
                    tracing::warn!(%peer, "no SSH greeting within the handshake time; closed");
                    return;
                }
            };
            // Until the deadline, the session or the clock, whichever comes first: nothing is
            // left waiting after a session has ended.
            let handle = session.handle();
            tokio::pin!(session);
            let ended = tokio::select! {
                r = &mut session => Some(r),
                _ = tokio::time::sleep_until(deadline) => None,
            };
            let result = match ended {
                Some(r) => r,
                None => {
                    if !logged_in.load(std::sync::atomic::Ordering::SeqCst) {
                        tracing::warn!(%peer, "not logged in within the handshake time; closed");
                        let _ = handle
                            .disconnect(russh::Disconnect::ByApplication, "login timeout".into(), "en".into())
                            .await;
                    }
                    drop(handle);
                    session.await
                }
            };
            if let Err(e) = result {
                tracing::debug!(%peer, error = %e, "connection ended with an error");
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A session whose thread panics still leaves the client's terminal and closes the
    /// connection, instead of a frozen screen.
    #[test]
    fn a_panicking_session_says_so_restores_the_terminal_and_closes() {
        let (tx, mut rx) = tokio::sync::mpsc::channel(OUT_QUEUE);
        let t = std::thread::spawn(move || {
            let _goodbye = Goodbye { out: tx, user: "Боброва".into(), reason: None };
            panic!("a bug in one session");
        });
        assert!(t.join().is_err());
        let Some(Out::Data(bye)) = rx.blocking_recv() else { panic!("no goodbye") };
        let bye = String::from_utf8(bye).unwrap();
        assert!(bye.starts_with("\x1b[?25h\x1b[?1049l") && bye.contains("internal error"), "{bye:?}");
        assert!(matches!(rx.blocking_recv(), Some(Out::Close)));
    }

    #[test]
    fn a_terminal_larger_than_the_cap_gets_the_cap() {
        assert_eq!(capped(1000, 1000), MAX_SIZE);
        assert_eq!(capped(0, 0), (1, 1));
        assert_eq!(capped(120, 40), (120, 40));
    }

    #[test]
    fn the_clipboard_sequence_is_crossterms_osc52() {
        assert_eq!(osc52("Маслова"), b"\x1b]52;c;0JzQsNGB0LvQvtCy0LA=\x1b\\".to_vec());
    }

    /// A client that reads nothing holds its session back instead of filling the server's
    /// memory: past the queue, writing waits.
    #[test]
    fn a_slow_client_makes_its_session_wait() {
        use std::io::Write;
        let (tx, mut rx) = tokio::sync::mpsc::channel(OUT_QUEUE);
        let (done_tx, done_rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut wire = Wire { out: tx, sink: Vec::new() };
            for _ in 0..OUT_QUEUE + 1 {
                wire.write_all(b"frame").unwrap();
                wire.flush().unwrap();
            }
            done_tx.send(()).unwrap();
        });
        assert!(done_rx.recv_timeout(Duration::from_millis(300)).is_err(), "the queue is bounded");
        assert!(matches!(rx.blocking_recv(), Some(Out::Data(_))));
        done_rx.recv_timeout(Duration::from_secs(10)).expect("one frame read lets the session go on");
    }
}
