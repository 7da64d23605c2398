//! The terminal: set up, the event loop, and restoring it on every way out — quit, error and
//! panic (the panic hook runs before color-eyre's report is printed).

use crate::app::App;
use crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture, Event,
};
use crossterm::execute;
use std::time::{Duration, Instant};

fn restore() {
    let _ = execute!(std::io::stdout(), DisableMouseCapture, DisableBracketedPaste);
    ratatui::restore();
}

/// How often a colleague's commit is looked for — whether or not the user is typing.
const TICK: Duration = Duration::from_millis(50);
/// How often the reader thread's panes are looked for while it reads the year again.
const READ_POLL: Duration = Duration::from_millis(20);

pub fn run(app: &mut App) -> color_eyre::Result<()> {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
    let mut terminal = ratatui::init();
    let result = (|| -> color_eyre::Result<()> {
        execute!(std::io::stdout(), EnableMouseCapture, EnableBracketedPaste)?;
        app.resize(terminal.size().map(|s| ratatui::layout::Rect::new(0, 0, s.width, s.height))?);
        app.says_reading = true;
        app.read_in_background();
        let mut next_tick = Instant::now() + TICK;
        // Drawn when something happened, and once a second whatever happened.
        let mut dirty = true;
        let mut drawn = Instant::now();
        while !app.quit {
            if dirty || drawn.elapsed() >= Duration::from_secs(1) {
                terminal.draw(|f| crate::ui::draw(f, app))?;
                drawn = Instant::now();
                dirty = false;
            }
            // The panes not shown are read once the first frame is on screen.
            if app.finish_loading() {
                terminal.draw(|f| crate::ui::draw(f, app))?;
            }
            let until =
                if app.reading_behind().is_some() { next_tick.min(Instant::now() + READ_POLL) } else { next_tick };
            if event::poll(until.saturating_duration_since(Instant::now()))? {
                dirty = true;
                // Everything that is already there is handled before the next frame: keys
                // that came in one read stay together, and a burst never runs late.
                let mut keys = Vec::new();
                loop {
                    match event::read()? {
                        Event::Key(k) => keys.push(k),
                        other => {
                            handle_keys(app, std::mem::take(&mut keys));
                            match other {
                                Event::Mouse(m) => app.handle_mouse(m),
                                Event::Resize(w, h) => app.resize(ratatui::layout::Rect::new(0, 0, w, h)),
                                Event::Paste(text) => app.paste(&text),
                                _ => {}
                            }
                        }
                    }
                    if app.quit || !event::poll(Duration::ZERO)? {
                        break;
                    }
                }
                handle_keys(app, keys);
            }
            if Instant::now() >= next_tick {
                dirty |= app.tick();
                next_tick = Instant::now() + TICK;
            } else if app.reading_behind().is_some() {
                dirty |= app.tick();
            }
        }
        Ok(())
    })();
    restore();
    result
}

fn handle_keys(app: &mut App, keys: Vec<crossterm::event::KeyEvent>) {
    if keys.is_empty() {
        return;
    }
    app.handle_keys(keys);
    if let Some(text) = app.clipboard.take() {
        // OSC 52: the coordinator's own terminal puts it on their clipboard, over SSH too.
        let _ =
            execute!(std::io::stdout(), crossterm::clipboard::CopyToClipboard::to_clipboard_from(text.into_bytes()));
    }
}
