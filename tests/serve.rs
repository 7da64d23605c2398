//! `nastavnik serve` reached with a real SSH client (OpenSSH's `ssh`) in a pseudo-terminal:
//! each key gets its own session in its coordinator's name, a change in one shows in the
//! other, and an unknown key or a password is refused.

mod common;

use common::{demo_file, Tmux, BIN};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

struct Server {
    child: Child,
    port: u16,
    /// What the server said on stderr after the line with its address.
    said: std::sync::Arc<std::sync::Mutex<String>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn key(dir: &Path, name: &str, comment: &str) -> PathBuf {
    key_of_type(dir, name, comment, "ed25519")
}

fn key_of_type(dir: &Path, name: &str, comment: &str, kind: &str) -> PathBuf {
    let path = dir.join(name);
    let ok = Command::new("ssh-keygen")
        .args(["-q", "-t", kind, "-N", "", "-C", comment, "-f"])
        .arg(&path)
        .status()
        .expect("ssh-keygen is needed for this test (.ci/run installs openssh-client)");
    assert!(ok.success());
    path
}

/// Starts the server on a free port of 127.0.0.1 and reads the port it says it took.
fn serve(db: &Path, authorized: &Path, host_key: &Path) -> Server {
    serve_with(db, authorized, host_key, &[], None)
}

/// The same, with more arguments, and under a limit of open files when one is given.
fn serve_with(db: &Path, authorized: &Path, host_key: &Path, more: &[&str], max_files: Option<u32>) -> Server {
    let mut cmd = match max_files {
        Some(n) => {
            let mut c = Command::new("bash");
            c.args(["-c", &format!("ulimit -n {n} && exec \"$0\" \"$@\""), BIN]);
            c
        }
        None => Command::new(BIN),
    };
    let mut child = cmd
        .arg("--db")
        .arg(db)
        .args(["serve", "--listen", "127.0.0.1:0", "--authorized-keys"])
        .arg(authorized)
        .arg("--host-key")
        .arg(host_key)
        .args(more)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    let mut reader = BufReader::new(child.stderr.take().unwrap());
    reader.read_line(&mut line).unwrap();
    let port = line.trim().rsplit(':').next().and_then(|p| p.parse().ok()).unwrap_or_else(|| panic!("{line}"));
    let said = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
    let into = said.clone();
    std::thread::spawn(move || {
        for l in reader.lines().map_while(Result::ok) {
            into.lock().unwrap().push_str(&(l + "\n"));
        }
    });
    Server { child, port, said }
}

fn ssh_args(key: &Path, port: u16) -> Vec<String> {
    vec![
        "-i".into(),
        key.display().to_string(),
        "-p".into(),
        port.to_string(),
        "-o".into(),
        "StrictHostKeyChecking=no".into(),
        "-o".into(),
        "UserKnownHostsFile=/dev/null".into(),
        "-o".into(),
        "IdentitiesOnly=yes".into(),
        "-o".into(),
        "LogLevel=ERROR".into(),
    ]
}

#[test]
fn two_coordinators_over_ssh_each_in_their_name_see_each_others_changes() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    let bobrova = key(dir.path(), "bobrova", "Боброва");
    let seryakova = key(dir.path(), "seryakova", "Серякова");
    let authorized = dir.path().join("authorized_keys");
    let mut text = String::from("# coordinators\n");
    for k in [&bobrova, &seryakova] {
        text.push_str(&std::fs::read_to_string(k.with_extension("pub")).unwrap());
    }
    std::fs::write(&authorized, text).unwrap();
    let server = serve(&db, &authorized, &dir.path().join("host_key"));

    let ssh = |k: &Path| format!("ssh -tt {} coordinator@127.0.0.1", ssh_args(k, server.port).join(" "));
    let one = Tmux::start("ssh-one", &ssh(&bobrova));
    let seen = one.wait_for("Кластеры");
    assert!(seen.contains("Боброва"), "the session is in the key's name:\n{seen}");
    let two = Tmux::start("ssh-two", &ssh(&seryakova));
    two.wait_for("Серякова");
    two.keys(&["5"]);
    two.wait_for("проект");

    // Боброва sends the draft for approval on the Russian layout ("ф" is the key of "a").
    one.keys(&["5", "ф"]);
    one.wait_for("Статус сохранён: на согласовании");
    let other = two.wait_for("на согласовании");
    assert!(other.contains("Данные обновлены"), "{other}");

    // Her terminal is resized: her session follows, the other's does not.
    let ok = Command::new("tmux").args(["resize-window", "-t", &one.session, "-x", "90", "-y", "20"]).status().unwrap();
    assert!(ok.success());
    let small = one.wait_for("Договоры · 4");
    assert!(small.lines().next().is_some_and(|l| l.chars().count() <= 90), "{small}");

    // The history has it in her name; quitting ends her connection and nothing else.
    let out = Command::new(BIN).arg("--db").arg(&db).args(["history", "--who", "Боброва"]).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("статус | проект | на согласовании"), "{out:?}");
    one.keys(&["q"]);
    one.wait_gone();
    two.keys(&["3"]);
    two.wait_for("Дорожная карта ·");
}

#[test]
fn an_unknown_key_and_a_password_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    let known = key(dir.path(), "known", "Боброва");
    let stranger = key(dir.path(), "stranger", "Некто");
    let authorized = dir.path().join("authorized_keys");
    // The key file can give a role: this one reads only.
    let line = std::fs::read_to_string(known.with_extension("pub")).unwrap();
    std::fs::write(&authorized, format!("role=viewer {line}")).unwrap();
    let server = serve(&db, &authorized, &dir.path().join("host_key"));

    let out = Command::new("ssh")
        .args(ssh_args(&stranger, server.port))
        .args(["-o", "BatchMode=yes", "x@127.0.0.1"])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("Permission denied"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let out = Command::new("ssh")
        .args(ssh_args(&stranger, server.port))
        .args(["-o", "BatchMode=yes", "-o", "PreferredAuthentications=password", "x@127.0.0.1"])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(!out.status.success());

    // A command instead of the program is not run.
    let out = Command::new("ssh")
        .args(ssh_args(&known, server.port))
        .args(["-o", "BatchMode=yes", "x@127.0.0.1", "cat /etc/passwd"])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&out.stdout).contains("root:"));

    // The viewer's session: shown as such, and a change is refused with nothing written.
    let ssh = format!("ssh -tt {} x@127.0.0.1", ssh_args(&known, server.port).join(" "));
    let viewer = Tmux::start("ssh-viewer", &ssh);
    viewer.wait_for("Боброва · просмотр");
    viewer.keys(&["5", "ф"]);
    viewer.wait_for("Только просмотр");
    let out = Command::new(BIN).arg("--db").arg(&db).args(["history", "--who", "Боброва"]).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).trim().is_empty());
}

/// Whether the server closes `s` within `secs` (reading gives the end, after its SSH id).
async fn closed_within(s: &mut tokio::net::TcpStream, secs: u64) -> bool {
    use tokio::io::AsyncReadExt;
    let mut buf = [0u8; 256];
    tokio::time::timeout(std::time::Duration::from_secs(secs), async {
        loop {
            match s.read(&mut buf).await {
                Ok(0) | Err(_) => return true,
                Ok(_) => continue,
            }
        }
    })
    .await
    .unwrap_or(false)
}

/// A demo store and one coordinator's key, Боброва's, listed alone in the keys file.
fn one_coordinator(dir: &Path) -> (PathBuf, PathBuf, PathBuf) {
    let db = demo_file(dir);
    let known = key(dir, "known", "Боброва");
    let authorized = dir.join("authorized_keys");
    std::fs::copy(known.with_extension("pub"), &authorized).unwrap();
    (db, known, authorized)
}

/// Logs in without a terminal and returns what the session drew before the client hung up.
fn login(key: &Path, port: u16) -> (bool, String) {
    let out = Command::new("ssh")
        .args(ssh_args(key, port))
        .args(["-o", "BatchMode=yes", "-o", "ConnectTimeout=10", "x@127.0.0.1"])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    (out.status.success(), String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr))
}

#[test]
fn ed25519_ecdsa_and_rsa_keys_log_in_and_an_unusable_line_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    let keys = [
        key_of_type(dir.path(), "ed", "Боброва", "ed25519"),
        key_of_type(dir.path(), "ec", "Серякова", "ecdsa"),
        key_of_type(dir.path(), "rsa", "Петрова", "rsa"),
    ];
    let authorized = dir.path().join("authorized_keys");
    let mut text = String::new();
    for (n, k) in keys.iter().enumerate() {
        text.push_str(&std::fs::read_to_string(k.with_extension("pub")).unwrap());
        if n == 0 {
            text.push_str("ssh-rsa не-ключ Кто-то\n");
        }
    }
    std::fs::write(&authorized, text).unwrap();
    let server = serve(&db, &authorized, &dir.path().join("host_key"));
    for k in &keys {
        let (ok, out) = login(k, server.port);
        assert!(ok && out.contains("Кластеры"), "{}: {out}", k.display());
    }
    let said = server.said.lock().unwrap().clone();
    assert!(said.contains("authorized_keys:2:") && said.contains("skipped"), "{said}");
}

#[test]
fn idle_connections_past_the_cap_are_closed_and_a_coordinator_still_logs_in() {
    let dir = tempfile::tempdir().unwrap();
    let (db, known, authorized) = one_coordinator(dir.path());
    let server = serve(&db, &authorized, &dir.path().join("host_key"));
    let port = server.port;
    // 40 connections from one address that never send the SSH greeting.
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let (idle, closed) = rt.block_on(async move {
        let mut idle = Vec::new();
        for _ in 0..40 {
            let socket = tokio::net::TcpSocket::new_v4().unwrap();
            socket.bind("127.0.0.2:0".parse().unwrap()).unwrap();
            idle.push(socket.connect(format!("127.0.0.1:{port}").parse().unwrap()).await.unwrap());
        }
        // Those past the cap are closed at once: reading gives the end (after the server's id).
        let tasks: Vec<_> = idle
            .drain(..)
            .map(|mut s| {
                tokio::spawn(async move {
                    let ended = closed_within(&mut s, 3).await;
                    (s, ended)
                })
            })
            .collect();
        let mut closed = 0;
        for t in tasks {
            let (s, ended) = t.await.unwrap();
            closed += ended as usize;
            idle.push(s);
        }
        (idle, closed)
    });
    assert_eq!(closed, 40 - 10, "ten may wait for their handshake, the rest are closed");
    // Meanwhile a coordinator from another address logs in.
    let (ok, out) = login(&known, server.port);
    assert!(ok && out.contains("Кластеры"), "{out}");
    drop(idle);
}

#[test]
fn the_log_names_logins_and_refusals_and_holds_no_key() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    let known = key(dir.path(), "known", "Боброва");
    let stranger = key(dir.path(), "stranger", "Некто");
    let authorized = dir.path().join("authorized_keys");
    std::fs::copy(known.with_extension("pub"), &authorized).unwrap();
    let log = dir.path().join("serve.log");
    let server = serve_with(&db, &authorized, &dir.path().join("host_key"), &["--log", log.to_str().unwrap()], None);
    assert!(login(&known, server.port).0);
    assert!(!login(&stranger, server.port).0);
    drop(server);
    let text = std::fs::read_to_string(&log).unwrap();
    assert!(text.contains("logged in") && text.contains("user=Боброва") && text.contains("peer=127.0.0.1:"), "{text}");
    assert!(text.contains("session ended"), "{text}");
    assert!(text.contains("an unknown key was refused"), "{text}");
    for k in [&known, &stranger] {
        let public = std::fs::read_to_string(k.with_extension("pub")).unwrap();
        let material = public.split_whitespace().nth(1).unwrap();
        assert!(!text.contains(material), "no key material in the log");
    }
}

#[test]
fn running_out_of_descriptors_does_not_stop_the_server() {
    let dir = tempfile::tempdir().unwrap();
    let (db, known, authorized) = one_coordinator(dir.path());
    // So few descriptors that idle connections from six addresses (under every cap) use them up.
    let log = dir.path().join("serve.log");
    let mut server =
        serve_with(&db, &authorized, &dir.path().join("host_key"), &["--log", log.to_str().unwrap()], Some(48));
    let port = server.port;
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let idle = rt.block_on(async move {
        let mut idle = Vec::new();
        for a in 2..8 {
            for _ in 0..10 {
                let socket = tokio::net::TcpSocket::new_v4().unwrap();
                socket.bind(format!("127.0.0.{a}:0").parse().unwrap()).unwrap();
                if let Ok(s) = socket.connect(format!("127.0.0.1:{port}").parse().unwrap()).await {
                    idle.push(s);
                }
            }
        }
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
        idle
    });
    assert!(server.child.try_wait().unwrap().is_none(), "the server is still running");
    drop(idle);
    std::thread::sleep(std::time::Duration::from_millis(500));
    let (ok, out) = login(&known, port);
    assert!(ok && out.contains("Кластеры"), "{out}");
    let text = std::fs::read_to_string(&log).unwrap();
    assert!(text.contains("accepting a connection failed"), "the limit was reached:\n{text}");
}

#[test]
fn a_connection_that_does_not_log_in_in_time_is_closed() {
    let dir = tempfile::tempdir().unwrap();
    let (db, known, authorized) = one_coordinator(dir.path());
    let server = serve_with(&db, &authorized, &dir.path().join("host_key"), &["--login-timeout", "2"], None);
    let port = server.port;
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let closed = rt.block_on(async move {
        let mut s = tokio::net::TcpStream::connect(format!("127.0.0.1:{port}")).await.unwrap();
        closed_within(&mut s, 10).await
    });
    assert!(closed, "a silent connection is closed after the login timeout");
    let (ok, out) = login(&known, server.port);
    assert!(ok && out.contains("Кластеры"), "{out}");
}
