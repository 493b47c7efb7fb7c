//! The CLI's tables: tab-separated with no header for scripts, aligned under a header on a
//! terminal; and the way each kind of value is written in them.

use std::borrow::Cow;
use std::io::{self, Write};

use hf_providers::proto::escape;

/// Rows of fields under a header.
pub struct Table {
    header: Vec<&'static str>,
    rows: Vec<Vec<String>>,
}

impl Table {
    /// A table under these column names (the metrics' own come from [`METRICS`]).
    pub fn new<'h>(header: impl IntoIterator<Item = &'h &'static str>) -> Table {
        Table {
            header: header.into_iter().copied().collect(),
            rows: Vec::new(),
        }
    }

    /// Adds a row. Every field is escaped here, so no caller can forget: a field holds no
    /// control, tab or line break, and one row stays one line.
    pub fn push(&mut self, row: Vec<String>) {
        self.rows.push(row.into_iter().map(escaped).collect());
    }

    /// Writes the rows: on a terminal (`width`: its columns), aligned under the header and cut
    /// to fit (the widest column loses its end to `…`, so no row wraps); else tab-separated.
    pub fn write(&self, out: &mut dyn Write, width: Option<usize>) -> io::Result<()> {
        let Some(width) = width else {
            for row in &self.rows {
                out.write_all(row.join("\t").as_bytes())?;
                out.write_all(b"\n")?;
            }
            return Ok(());
        };
        let header: Vec<String> = self.header.iter().map(|h| h.to_string()).collect();
        let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
        for row in &self.rows {
            for (w, field) in widths.iter_mut().zip(row) {
                *w = (*w).max(field.chars().count());
            }
        }
        // Text columns give way; numbers are never cut.
        let cuttable: Vec<bool> = self.header.iter().map(|h| !METRICS.contains(h)).collect();
        fit(&mut widths, &cuttable, width);
        for row in std::iter::once(&header).chain(&self.rows) {
            let mut line = String::new();
            for (i, (field, &width)) in row.iter().zip(&widths).enumerate() {
                let shown = cut(field, width);
                let len = shown.chars().count();
                line.push_str(&shown);
                if i + 1 < row.len() {
                    line.extend(std::iter::repeat_n(' ', width - len + 2));
                }
            }
            // Narrower than the numbers alone: the row's end goes, so it never wraps.
            let line = cut(line.trim_end(), width);
            out.write_all(line.as_bytes())?;
            out.write_all(b"\n")?;
        }
        Ok(())
    }
}

/// The narrowest a column is cut to.
const NARROWEST: usize = 6;

/// Narrows the widest `cuttable` columns until the row (two spaces between columns) fits in
/// `width`, or each of them is at [`NARROWEST`].
fn fit(widths: &mut [usize], cuttable: &[bool], width: usize) {
    let gaps = 2 * widths.len().saturating_sub(1);
    let mut total = widths.iter().sum::<usize>() + gaps;
    let text = |i: &usize| cuttable.get(*i).copied().unwrap_or(false);
    while total > width {
        let widest = (0..widths.len()).filter(text).max_by_key(|&i| widths[i]);
        let Some(widest) = widest else {
            return;
        };
        let w = widths[widest];
        if w <= NARROWEST {
            return;
        }
        let next = (0..widths.len())
            .filter(text)
            .filter(|&i| i != widest)
            .map(|i| widths[i])
            .max()
            .unwrap_or(0);
        // Down to the next widest at once, or only as far as needed.
        let over = total - width;
        let narrower = w.saturating_sub(over).max(next.min(w - 1)).max(NARROWEST);
        total -= w - narrower;
        widths[widest] = narrower;
    }
}

/// `field` cut to `width` characters, its end shown as `…` when cut.
fn cut(field: &str, width: usize) -> Cow<'_, str> {
    if field.chars().count() <= width {
        return Cow::Borrowed(field);
    }
    let mut kept: String = field.chars().take(width.saturating_sub(1)).collect();
    kept.push('…');
    Cow::Owned(kept)
}

/// The columns of the terminal stdout (`stderr`: stderr) writes to; `None` when it is not a
/// terminal. A terminal whose size cannot be read is taken as wide as `COLUMNS` says, else
/// wide enough for anything.
pub fn width(stderr: bool) -> Option<usize> {
    use std::io::IsTerminal;
    let size = if stderr {
        std::io::stderr()
            .is_terminal()
            .then(|| terminal_size::terminal_size_of(std::io::stderr()))?
    } else {
        std::io::stdout()
            .is_terminal()
            .then(|| terminal_size::terminal_size_of(std::io::stdout()))?
    };
    let columns = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse().ok());
    Some(size.map_or(columns.unwrap_or(usize::MAX), |(w, _)| usize::from(w.0)))
}

/// `text` as it may be shown on a terminal (see [`escape`]), reusing `text` when it is safe.
pub fn escaped(text: String) -> String {
    match escape(&text) {
        Cow::Borrowed(_) => text,
        Cow::Owned(escaped) => escaped,
    }
}

/// The columns of the router's numbers for one provider, in the order `metrics` writes them.
pub const METRICS: [&str; 7] = [
    "CONTEXT",
    "IN $/M",
    "OUT $/M",
    "TOK/S",
    "LATENCY MS",
    "TOOLS",
    "STRUCTURED",
];

/// An unknown value.
const UNKNOWN: &str = "-";

// Numbers are written without `core::fmt`'s float formatting, which would add 12 KB to the
// static binary for these three columns: prices through the JSON engine's shortest form
// (already in the binary for `--json`), the others rounded to whole tenths first.

/// USD per million tokens, as the router gives it (`3.38`, `1`).
pub fn price(usd: Option<f64>) -> String {
    usd.map_or_else(
        || UNKNOWN.into(),
        |x| {
            let mut text = super::json::to_json(&x);
            if text.ends_with(".0") {
                text.truncate(text.len() - 2);
            }
            text
        },
    )
}

/// Tokens per second, to a tenth.
pub fn throughput(tokens_per_second: Option<f64>) -> String {
    tokens_per_second.map_or_else(|| UNKNOWN.into(), |x| tenths(x, 1))
}

/// Milliseconds, whole.
pub fn latency(ms: Option<f64>) -> String {
    ms.map_or_else(|| UNKNOWN.into(), |x| tenths(x, 0))
}

/// `x` rounded half away from zero to `places` (0 or 1) decimal places; past 1e15, where a
/// tenth is below a float's precision, as JSON writes it (`1e308`): never a wrapped integer.
fn tenths(x: f64, places: u32) -> String {
    if x.is_nan() || x.abs() >= 1e15 {
        return price(Some(x));
    }
    let scale = if places == 1 { 10.0 } else { 1.0 };
    // Saturates at the ends of i64: far beyond any throughput or latency.
    let n = (x * scale).round() as i64;
    let sign = if n < 0 { "-" } else { "" };
    let n = n.unsigned_abs();
    if places == 1 {
        format!("{sign}{}.{}", n / 10, n % 10)
    } else {
        format!("{sign}{n}")
    }
}

pub fn count(n: Option<u64>) -> String {
    n.map_or_else(|| UNKNOWN.into(), |n| n.to_string())
}

pub fn yes_no(flag: Option<bool>) -> String {
    match flag {
        Some(true) => "yes".into(),
        Some(false) => "no".into(),
        None => UNKNOWN.into(),
    }
}

/// An optional text field.
pub fn text(value: Option<&str>) -> String {
    value.map_or_else(|| UNKNOWN.into(), str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(table: &Table, terminal: bool) -> String {
        let mut out = Vec::new();
        table
            .write(&mut out, terminal.then_some(usize::MAX))
            .unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn a_table_fits_the_terminal_by_cutting_its_widest_column() {
        let mut table = Table::new(&["MODEL", "PROVIDER", "TOK/S"]);
        table.push(vec!["a".repeat(60), "fireworks-ai".into(), "45.4".into()]);
        table.push(vec!["short/model".into(), "groq".into(), "276.4".into()]);
        let mut out = Vec::new();
        table.write(&mut out, Some(40)).unwrap();
        let out = String::from_utf8(out).unwrap();
        for line in out.lines() {
            assert!(line.chars().count() <= 40, "{line:?}");
        }
        assert!(
            out.contains(&format!("{}…  fireworks-ai  45.4", "a".repeat(18))),
            "{out}"
        );
        assert!(
            out.contains(&format!("{:<21}{:<14}276.4", "short/model", "groq")),
            "{out}"
        );
        // Too narrow for the numbers: each row loses its end, and never wraps.
        let mut out = Vec::new();
        table.write(&mut out, Some(12)).unwrap();
        let out = String::from_utf8(out).unwrap();
        assert_eq!(out.lines().count(), 3);
        assert!(
            out.lines()
                .all(|l| l.chars().count() <= 12 && l.ends_with('…')),
            "{out}"
        );
    }

    #[test]
    fn tabs_for_scripts_columns_for_people() {
        let mut table = Table::new(&["PROVIDER", "TOK/S"]);
        table.push(vec!["fireworks-ai".into(), "45.4".into()]);
        table.push(vec!["é".into(), "-".into()]);
        table.push(vec!["a\tb\nc\u{1b}[2J".into(), "\u{202e}".into()]);
        assert_eq!(
            written(&table, false),
            "fireworks-ai\t45.4\né\t-\na\\u{9}b\\u{a}c\\u{1b}[2J\t\\u{202e}\n"
        );
        assert_eq!(
            written(&table, true),
            "PROVIDER                TOK/S\nfireworks-ai            45.4\né                       -\n\
             a\\u{9}b\\u{a}c\\u{1b}[2J  \\u{202e}\n"
        );
    }

    #[test]
    fn values() {
        assert_eq!(price(Some(3.38)), "3.38");
        assert_eq!(price(Some(1.0)), "1");
        assert_eq!(price(Some(0.3)), "0.3");
        assert_eq!(throughput(Some(24.69124008437934)), "24.7");
        assert_eq!(throughput(Some(999.0)), "999.0");
        assert_eq!(throughput(Some(0.04)), "0.0");
        assert_eq!(throughput(Some(-2.25)), "-2.3");
        assert_eq!(latency(Some(588.4)), "588");
        assert_eq!(latency(Some(525.8)), "526");
        assert_eq!(
            (count(None), yes_no(Some(false))),
            ("-".into(), "no".into())
        );
    }
}
