//! The terminal: set up, the event loop, and restoring it on every way out — quit, error and
//! panic (the panic hook runs before color-eyre's report is printed).

use crate::app::App;
use crossterm::event::{self, DisableMouseCapture, EnableMouseCapture, Event};
use crossterm::execute;
use std::time::Duration;

fn restore() {
    let _ = execute!(std::io::stdout(), DisableMouseCapture);
    ratatui::restore();
}

pub fn run(app: &mut App) -> color_eyre::Result<()> {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
    let mut terminal = ratatui::init();
    let result = (|| -> color_eyre::Result<()> {
        execute!(std::io::stdout(), EnableMouseCapture)?;
        app.resize(terminal.size().map(|s| ratatui::layout::Rect::new(0, 0, s.width, s.height))?);
        while !app.quit {
            terminal.draw(|f| crate::ui::draw(f, app))?;
            if event::poll(Duration::from_millis(500))? {
                match event::read()? {
                    Event::Key(k) => {
                        app.handle_key(k);
                        if let Some(text) = app.clipboard.take() {
                            // OSC 52: the coordinator's own terminal puts it on their clipboard, over SSH too.
                            let _ = execute!(
                                std::io::stdout(),
                                crossterm::clipboard::CopyToClipboard::to_clipboard_from(text.into_bytes())
                            );
                        }
                    }
                    Event::Mouse(m) => app.handle_mouse(m),
                    Event::Resize(w, h) => app.resize(ratatui::layout::Rect::new(0, 0, w, h)),
                    _ => {}
                }
            } else {
                app.tick();
            }
        }
        Ok(())
    })();
    restore();
    result
}
