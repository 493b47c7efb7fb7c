//! The status line: one transient line on stderr (what the client waits for, a listing's
//! progress), only when stdout and stderr are both terminals. It is cleared before anything else reaches the terminal, at
//! exit, and on Ctrl-C, so it never mixes with the output.

use std::io::Write;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard};

use hf_providers::proto::escape;

static ENABLED: AtomicBool = AtomicBool::new(false);
/// Whether a status line is on the screen. Held while writing it or erasing it, so Ctrl-C's
/// thread never erases before the line is written, or misses one being written.
static SHOWN: Mutex<bool> = Mutex::new(false);

fn shown() -> MutexGuard<'static, bool> {
    SHOWN
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Back to the start of the line, and erase it.
const ERASE: &str = "\r\x1b[2K";
/// Longer lines would wrap, and `ERASE` only erases the last row: at most this many
/// characters, and fewer than the terminal has columns.
const MOST_CHARS: usize = 72;
static MOST: AtomicUsize = AtomicUsize::new(MOST_CHARS);

/// Turns the status line on for a terminal of `columns` (`None`: stdout and stderr are not
/// both terminals).
pub fn enable(columns: Option<usize>) {
    if let Some(columns) = columns {
        MOST.store(columns.saturating_sub(1).min(MOST_CHARS), Ordering::SeqCst);
        ENABLED.store(true, Ordering::SeqCst);
        interrupt::clear_on_signals();
    }
}

/// Replaces the status line with `text`.
pub fn show(text: &str) {
    if !ENABLED.load(Ordering::SeqCst) {
        return;
    }
    let text = escape(text);
    let text = match text.char_indices().nth(MOST.load(Ordering::SeqCst)) {
        Some((end, _)) => &text[..end],
        None => &text,
    };
    let mut shown = shown();
    let mut err = std::io::stderr().lock();
    let _ = write!(err, "{ERASE}{text}");
    let _ = err.flush();
    *shown = true;
}

/// Erases the status line, if one is shown.
pub fn clear() {
    // Every write to stdout comes here: without a terminal there is nothing to lock for.
    if !ENABLED.load(Ordering::SeqCst) {
        return;
    }
    erase(&mut shown());
}

fn erase(shown: &mut bool) {
    if *shown {
        let mut err = std::io::stderr().lock();
        let _ = err.write_all(ERASE.as_bytes());
        let _ = err.flush();
        *shown = false;
    }
}

/// A writer that clears the status line before each write through it, so output and the status
/// line never share a row.
pub struct Clearing<W>(pub W);

impl<W: Write> Write for Clearing<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        clear();
        self.0.write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush()
    }
}

#[cfg(unix)]
mod interrupt {
    use std::io::Read;
    use std::os::unix::net::UnixStream;

    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
    use signal_hook::low_level::{emulate_default_handler, pipe};

    /// On Ctrl-C (or SIGTERM, SIGHUP, SIGQUIT): erase the status line, then die of the
    /// signal, so the shell sees what it expects (`$?` is 130 after Ctrl-C, and a script
    /// running us stops too).
    pub fn clear_on_signals() {
        for signal in [SIGINT, SIGTERM, SIGHUP, SIGQUIT] {
            let Ok((mut read, write)) = UnixStream::pair() else {
                continue;
            };
            if pipe::register(signal, write).is_err() {
                continue;
            }
            std::thread::spawn(move || {
                if read.read(&mut [0]).is_ok() {
                    // Held until the process dies: no line can be shown after this erase.
                    let mut shown = super::shown();
                    super::erase(&mut shown);
                    let _ = emulate_default_handler(signal);
                }
            });
        }
    }
}

#[cfg(not(unix))]
mod interrupt {
    /// Elsewhere, the system's default: the line may stay behind.
    pub fn clear_on_signals() {}
}
