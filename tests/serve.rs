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
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn key(dir: &Path, name: &str, comment: &str) -> PathBuf {
    let path = dir.join(name);
    let ok = Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-C", comment, "-f"])
        .arg(&path)
        .status()
        .expect("ssh-keygen is needed for this test (.ci/run installs openssh-client)");
    assert!(ok.success());
    path
}

/// Starts the server on a free port of 127.0.0.1 and reads the port it says it took.
fn serve(db: &Path, authorized: &Path, host_key: &Path) -> Server {
    let mut child = Command::new(BIN)
        .arg("--db")
        .arg(db)
        .args(["serve", "--listen", "127.0.0.1:0", "--authorized-keys"])
        .arg(authorized)
        .arg("--host-key")
        .arg(host_key)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stderr.take().unwrap()).read_line(&mut line).unwrap();
    let port = line.trim().rsplit(':').next().and_then(|p| p.parse().ok()).unwrap_or_else(|| panic!("{line}"));
    Server { child, port }
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
    assert!(String::from_utf8_lossy(&out.stdout).contains("draft | approval"));
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
