//! A one-line progress counter on stderr, only when stderr is a terminal.

use std::io::{IsTerminal, Write};

pub struct Progress {
    shown: bool,
    enabled: bool,
}

impl Progress {
    pub fn new() -> Self {
        Progress {
            shown: false,
            enabled: std::io::stderr().is_terminal(),
        }
    }

    pub fn update(&mut self, models: usize, pages: usize) {
        if self.enabled {
            let plural = if pages == 1 { "" } else { "s" };
            eprint!("\r{models} models, {pages} page{plural}");
            let _ = std::io::stderr().flush();
            self.shown = true;
        }
    }

    /// Erases the line so the terminal is left as it was.
    pub fn clear(&mut self) {
        if self.shown {
            eprint!("\r\x1b[2K");
            self.shown = false;
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.clear();
    }
}
