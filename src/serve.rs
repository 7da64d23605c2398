//! `nastavnik serve`: nastavnik's own SSH server. Each connection that shows a known key gets
//! its own session of the program, in the name and role the authorized-keys file gives it, at
//! the size of its own terminal (window changes followed). No shell, no forwarding, nothing
//! else. A session runs on a thread of its own — the store is never read from the server's
//! async tasks — and the bytes typed are read into keys with termwiz's parser, since crossterm
//! can only read its own terminal.

use crate::app::App;
use crate::config::{Role, Theme, UserConfig};
use crate::i18n::Strings;
use crate::keys::KeyMap;
use crate::store::{Access, Store};
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
    pub users: HashMap<String, UserConfig>,
    pub settings: crate::config::Settings,
    /// Authorized keys and the coordinator each stands for.
    pub authorized: Vec<Authorized>,
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
/// starts a comment. The comment is the name the history records.
pub fn read_authorized(path: &Path) -> Result<Vec<Authorized>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        // An optional role before the key, as authorized_keys puts options there:
        // `role=viewer ssh-ed25519 AAAA… Name`.
        let (role, line) = match line.strip_prefix("role=") {
            Some(rest) => {
                let (r, key) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
                let role = match r {
                    "coordinator" => Role::Coordinator,
                    "curator" => Role::Curator,
                    "viewer" => Role::Viewer,
                    other => {
                        return Err(format!(
                            "{}:{}: role={other}: coordinator, curator or viewer",
                            path.display(),
                            n + 1
                        ))
                    }
                };
                (Some(role), key.trim())
            }
            None => (None, line),
        };
        let key = PublicKey::from_openssh(line).map_err(|e| format!("{}:{}: {e}", path.display(), n + 1))?;
        let name = key.comment().as_str_lossy().trim().to_string();
        if name.is_empty() {
            return Err(format!(
                "{}:{}: the key names no coordinator (add the name after the key)",
                path.display(),
                n + 1
            ));
        }
        out.push(Authorized { key, name, role });
    }
    if out.is_empty() {
        return Err(format!("{}: no keys", path.display()));
    }
    Ok(out)
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

/// The terminal of a session: what ratatui writes is collected and sent on flush.
struct Wire {
    out: tokio::sync::mpsc::UnboundedSender<Out>,
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
        self.out.send(Out::Data(data)).map_err(|_| std::io::Error::from(std::io::ErrorKind::BrokenPipe))
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

/// One coordinator's session: the program on its own thread, until they quit or hang up.
fn run_session(
    shared: Shared,
    user: String,
    role: Option<Role>,
    size: (u16, u16),
    input: mpsc::Receiver<In>,
    out: tokio::sync::mpsc::UnboundedSender<Out>,
) {
    let wire = Wire { out: out.clone(), sink: Vec::new() };
    let result = (|| -> Result<(), String> {
        let mut store = Store::open(&shared.db, &user).map_err(|e| e.to_string())?;
        let configured = shared.users.get(&user);
        let schools = configured.map(|u| u.schools.clone()).unwrap_or_default();
        let role = role.or(configured.map(|u| u.role)).unwrap_or_default();
        let access = Access::of_role(&store, role, &schools)?;
        store.set_access(access);
        let area = Rect::new(0, 0, size.0.max(1), size.1.max(1));
        let mut app =
            App::configured(store, shared.s, shared.keys.clone(), shared.theme.clone(), area, &shared.settings)
                .map_err(|e| e.to_string())?;
        let backend = CrosstermBackend::new(wire);
        let mut terminal = Terminal::with_options(backend, TerminalOptions { viewport: Viewport::Fixed(area) })
            .map_err(|e| e.to_string())?;
        // The alternate screen, as a local run has it; left again on the way out.
        let _ = out.send(Out::Data(b"\x1b[?1049h\x1b[H\x1b[2J".to_vec()));
        let mut parser = termwiz::input::InputParser::new();
        while !app.quit {
            terminal.draw(|f| crate::ui::draw(f, &app)).map_err(|e| e.to_string())?;
            match input.recv_timeout(Duration::from_millis(500)) {
                Ok(In::Bytes(bytes)) => {
                    let mut keys = Vec::new();
                    parser.parse(
                        &bytes,
                        |e| {
                            if let termwiz::input::InputEvent::Key(k) = e {
                                keys.extend(key_of(&k));
                            }
                        },
                        false,
                    );
                    for k in keys {
                        app.handle_key(k);
                    }
                    if let Some(text) = app.clipboard.take() {
                        use base64_like::encode;
                        let _ = out.send(Out::Data(format!("\x1b]52;c;{}\x07", encode(text.as_bytes())).into_bytes()));
                    }
                }
                Ok(In::Resize(w, h)) => {
                    let r = Rect::new(0, 0, w.max(1), h.max(1));
                    // `resize` redraws the whole of a fixed viewport; asking the backend for its
                    // size would ask the server's own terminal, which a session does not have.
                    terminal.resize(r).map_err(|e| e.to_string())?;
                    app.resize(r);
                }
                Ok(In::Close) | Err(mpsc::RecvTimeoutError::Disconnected) => return Ok(()),
                Err(mpsc::RecvTimeoutError::Timeout) => app.tick(),
            }
        }
        Ok(())
    })();
    let mut bye = b"\x1b[?25h\x1b[?1049l".to_vec();
    if let Err(e) = result {
        bye.extend_from_slice(format!("nastavnik: {e}\r\n").as_bytes());
    }
    let _ = out.send(Out::Data(bye));
    let _ = out.send(Out::Close);
}

/// OSC 52 wants base64; a few lines rather than a crate.
mod base64_like {
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    pub fn encode(data: &[u8]) -> String {
        let mut s = String::with_capacity(data.len().div_ceil(3) * 4);
        for c in data.chunks(3) {
            let n = (c[0] as u32) << 16 | (*c.get(1).unwrap_or(&0) as u32) << 8 | *c.get(2).unwrap_or(&0) as u32;
            for i in 0..4 {
                if i <= c.len() {
                    s.push(T[(n >> (18 - 6 * i) & 63) as usize] as char);
                } else {
                    s.push('=');
                }
            }
        }
        s
    }
}

#[derive(Clone)]
struct Server {
    shared: Arc<Shared>,
}

/// One connection.
struct Conn {
    shared: Arc<Shared>,
    user: Option<String>,
    /// The role the key gives, if it names one.
    role: Option<Role>,
    size: (u16, u16),
    /// The running session's input, once its shell is started.
    input: Option<mpsc::Sender<In>>,
}

impl russh::server::Server for Server {
    type Handler = Conn;
    fn new_client(&mut self, _: Option<std::net::SocketAddr>) -> Conn {
        Conn { shared: self.shared.clone(), user: None, role: None, size: (80, 24), input: None }
    }
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
        Ok(Auth::reject())
    }

    async fn auth_publickey_offered(&mut self, _: &str, offer: PublicKeyOffer<'_>) -> Result<Auth, Self::Error> {
        let known = self.shared.authorized.iter().any(|a| a.key.key_data() == offer.public_key.key_data());
        Ok(if known { Auth::Accept } else { Auth::reject() })
    }

    async fn auth_publickey(&mut self, _: &str, key: VerifiedPublicKey<'_>) -> Result<Auth, Self::Error> {
        match self.shared.authorized.iter().find(|a| a.key.key_data() == key.public_key.key_data()) {
            Some(a) => {
                self.user = Some(a.name.clone());
                self.role = a.role;
                Ok(Auth::Accept)
            }
            None => Ok(Auth::reject()),
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
        self.size = (cols.min(1000) as u16, rows.min(1000) as u16);
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
        let (out_tx, mut out_rx) = tokio::sync::mpsc::unbounded_channel::<Out>();
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
        self.size = (cols.min(1000) as u16, rows.min(1000) as u16);
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
pub fn serve(listen: &str, host_key: &Path, shared: Shared) -> Result<(), String> {
    use russh::server::Server as _;
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
        eprintln!(
            "nastavnik: serving {} on {}",
            shared.db.display(),
            listener.local_addr().map_err(|e| e.to_string())?
        );
        let mut server = Server { shared: Arc::new(shared) };
        server.run_on_socket(Arc::new(config), &listener).await.map_err(|e| e.to_string())
    })
}
