//! The crate's layout, checked on its sources: the pure core (`src/proto/`) does no I/O and
//! imports nothing from the layer that drives it, and no source file imports a file that
//! imports it back (directly or through others).
#![cfg(not(target_os = "wasi"))]

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// What the pure core may not name: I/O, threads, clocks, the environment, the HTTP stack, and
/// the driving layer (directly or through the crate root's re-exports).
const FORBIDDEN_IN_PROTO: &[&str] = &[
    "std::net",
    "std::fs",
    "std::io",
    "std::process",
    "std::thread",
    "std::env",
    "Instant::now",
    "SystemTime",
    // Its keys come from the operating system's randomness.
    "RandomState",
    "ureq",
    "crate::client",
    "crate::config",
    "crate::listing",
    "crate::transport",
    "crate::Client",
    "crate::Config",
    "crate::Listing",
    "crate::Transport",
];

/// A source file of a crate: its module path and its code (comments and the trailing
/// `#[cfg(test)] mod tests` left out: tests may use anything).
struct Source {
    module: Vec<String>,
    /// `mod.rs`, `lib.rs` or `main.rs`: `super` starts one level higher.
    is_dir_module: bool,
    code: String,
}

fn code_of(path: &Path) -> String {
    let text = fs::read_to_string(path).unwrap();
    let text = match text.find("#[cfg(test)]\nmod tests") {
        Some(tests) => &text[..tests],
        None => &text,
    };
    text.lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The files of the library crate (`src/` but the binary's `main.rs` and `cli/`, plus the
/// transport mounted from `backends/`) or of the binary crate.
fn sources(binary: bool) -> BTreeMap<PathBuf, Source> {
    let mut out = BTreeMap::new();
    let src = Path::new(ROOT).join("src");
    let mut stack = vec![src.clone()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let rel = path.strip_prefix(&src).unwrap();
            let in_binary = rel == Path::new("main.rs") || rel.starts_with("cli");
            if in_binary != binary {
                continue;
            }
            let mut module: Vec<String> = rel
                .with_extension("")
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            let is_dir_module = matches!(
                module.last().map(String::as_str),
                Some("mod" | "lib" | "main")
            );
            if is_dir_module {
                module.pop();
            }
            let code = code_of(&path);
            out.insert(
                path,
                Source {
                    module,
                    is_dir_module,
                    code,
                },
            );
        }
    }
    if !binary {
        let ureq = Path::new(ROOT).join("backends/ureq.rs");
        let code = code_of(&ureq);
        let module = vec!["ureq_transport".to_owned()];
        out.insert(
            ureq,
            Source {
                module,
                is_dir_module: false,
                code,
            },
        );
    }
    out
}

fn is_ident(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Reads a path or a use-tree (`a::b`, `a::{b, c::d}`) at the start of `s`, appending every
/// full path it names to `out`, each prefixed by `prefix`.
fn read_tree(s: &[u8], prefix: &[String], out: &mut Vec<Vec<String>>) -> usize {
    let mut path = prefix.to_vec();
    let mut i = 0;
    loop {
        while i < s.len() && s[i] == b' ' {
            i += 1;
        }
        if s.get(i) == Some(&b'{') {
            i += 1;
            loop {
                while i < s.len() && matches!(s[i], b' ' | b'\n' | b',') {
                    i += 1;
                }
                if i >= s.len() || s[i] == b'}' {
                    out.push(path.clone());
                    return i + 1;
                }
                i += read_tree(&s[i..], &path, out);
            }
        }
        let start = i;
        while i < s.len() && is_ident(s[i]) {
            i += 1;
        }
        if i > start {
            path.push(String::from_utf8_lossy(&s[start..i]).into_owned());
        }
        if s[i..].starts_with(b"::") {
            i += 2;
        } else {
            out.push(path);
            return i;
        }
    }
}

/// Every module path `source` names, made absolute (`crate::...`, `super::...`, and `use` of
/// a child module), without the leading `crate`.
fn references(source: &Source, children: &BTreeSet<String>) -> Vec<Vec<String>> {
    let code = source.code.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < code.len() {
        let at_word = i == 0 || !is_ident(code[i - 1]) && code[i - 1] != b':';
        let rest = &code[i..];
        if at_word && rest.starts_with(b"crate::") {
            i += "crate::".len() + read_tree(&rest[7..], &[], &mut out);
        } else if at_word && rest.starts_with(b"super::") {
            let mut base = source.module.clone();
            let mut j = 0;
            if !source.is_dir_module {
                base.pop();
            }
            while rest[j..].starts_with(b"super::") {
                if j > 0 {
                    base.pop();
                }
                j += "super::".len();
            }
            i += j + read_tree(&rest[j..], &base, &mut out);
        } else if at_word && rest.starts_with(b"use ") {
            let mut tree = Vec::new();
            let n = read_tree(&rest[4..], &[], &mut tree);
            let here = if source.is_dir_module {
                source.module.clone()
            } else {
                Vec::new()
            };
            let local = |path: &Vec<String>| path.first().is_some_and(|f| children.contains(f));
            if tree.iter().any(local) {
                for path in tree.into_iter().filter(local) {
                    out.push(here.iter().cloned().chain(path).collect());
                }
                i += 4 + n;
            } else {
                // `use crate::...` or `use super::...`: read by the branches above.
                i += 4;
            }
        } else {
            i += 1;
        }
    }
    out
}

/// file -> the files it names.
fn import_graph(binary: bool) -> BTreeMap<PathBuf, BTreeSet<PathBuf>> {
    let sources = sources(binary);
    let by_module: BTreeMap<&[String], &PathBuf> = sources
        .iter()
        .map(|(path, s)| (s.module.as_slice(), path))
        .collect();
    let mut graph = BTreeMap::new();
    for (path, source) in &sources {
        // The modules a directory module (or the crate root) declares: `use child::...`.
        let children: BTreeSet<String> = sources
            .values()
            .filter(|s| {
                source.is_dir_module
                    && s.module.len() == source.module.len() + 1
                    && s.module.starts_with(&source.module)
            })
            .map(|s| s.module.last().unwrap().clone())
            .collect();
        let mut targets = BTreeSet::new();
        for reference in references(source, &children) {
            // The longest prefix that is a file: `proto::parse::model` is in `proto/parse`.
            let file = (0..=reference.len())
                .rev()
                .find_map(|n| by_module.get(&reference[..n]));
            if let Some(&file) = file {
                if file != path {
                    targets.insert(file.clone());
                }
            }
        }
        graph.insert(path.clone(), targets);
    }
    graph
}

fn cycle(graph: &BTreeMap<PathBuf, BTreeSet<PathBuf>>) -> Option<Vec<PathBuf>> {
    fn visit(
        node: &PathBuf,
        graph: &BTreeMap<PathBuf, BTreeSet<PathBuf>>,
        stack: &mut Vec<PathBuf>,
        done: &mut BTreeSet<PathBuf>,
    ) -> Option<Vec<PathBuf>> {
        if let Some(at) = stack.iter().position(|n| n == node) {
            let mut cycle = stack[at..].to_vec();
            cycle.push(node.clone());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        stack.push(node.clone());
        for next in &graph[node] {
            if let Some(cycle) = visit(next, graph, stack, done) {
                return Some(cycle);
            }
        }
        stack.pop();
        done.insert(node.clone());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|node| visit(node, graph, &mut Vec::new(), &mut done))
}

fn show(cycle: &[PathBuf]) -> String {
    let names: Vec<String> = cycle
        .iter()
        .map(|p| p.strip_prefix(ROOT).unwrap_or(p).display().to_string())
        .collect();
    names.join(" -> ")
}

#[test]
fn the_pure_core_does_no_io_and_does_not_import_the_driver() {
    let proto = Path::new(ROOT).join("src/proto");
    let mut files = 0;
    for (path, source) in sources(false) {
        if !path.starts_with(&proto) {
            continue;
        }
        files += 1;
        for (n, line) in source.code.lines().enumerate() {
            for forbidden in FORBIDDEN_IN_PROTO {
                assert!(
                    !line.contains(forbidden),
                    "{}: `{forbidden}` in the pure core: {line:?} (line {} of the code)",
                    path.display(),
                    n + 1
                );
            }
        }
    }
    assert!(files >= 15, "only {files} files found under src/proto");
}

#[test]
fn no_file_imports_a_file_that_imports_it_back() {
    for binary in [false, true] {
        let graph = import_graph(binary);
        if let Some(cycle) = cycle(&graph) {
            panic!("import cycle: {}", show(&cycle));
        }
    }
}

#[test]
fn the_checker_sees_imports_and_cycles() {
    // The checker itself: it must find the edges we know of, and a cycle when there is one.
    let graph = import_graph(false);
    let file = |p: &str| Path::new(ROOT).join(p);
    let edges = |p: &str| &graph[&file(p)];
    assert!(edges("src/listing.rs").contains(&file("src/client.rs")));
    assert!(edges("src/listing.rs").contains(&file("src/proto/pager.rs")));
    assert!(edges("src/proto/parse/serde_engine.rs").contains(&file("src/proto/parse/schema.rs")));
    assert!(edges("src/proto/parse/mod.rs").contains(&file("src/proto/parse/serde_engine.rs")));
    assert!(edges("src/lib.rs").contains(&file("backends/ureq.rs")));
    assert!(edges("backends/ureq.rs").contains(&file("src/client.rs")));
    assert!(!edges("src/client.rs").contains(&file("src/listing.rs")));

    let mut with_cycle = graph.clone();
    with_cycle
        .get_mut(&file("src/proto/parse/schema.rs"))
        .unwrap()
        .insert(file("src/proto/parse/mod.rs"));
    let found = cycle(&with_cycle).expect("a cycle");
    assert!(show(&found).contains("schema.rs"), "{}", show(&found));
}

#[test]
fn the_readme_is_short_and_starts_with_its_two_commands() {
    let readme = fs::read_to_string(Path::new(ROOT).join("README.md")).unwrap();
    assert!(readme.len() < 20_000, "README.md is {} bytes", readme.len());
    let commands: Vec<&str> = readme
        .lines()
        .filter(|l| {
            !l.starts_with('#') && (l.starts_with("cargo ") || l.starts_with("hf-providers "))
        })
        .take(2)
        .collect();
    assert_eq!(
        commands,
        [
            "cargo run --release --features cli -- models --provider fireworks-ai",
            "cargo test --features cli"
        ]
    );
}
