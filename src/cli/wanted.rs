//! The file of mappings a provider wants (`partner plan` and `apply`): one per line, as
//! `partner ls` prints them (tab-separated, the mapping id optional) or as `partner ls --json`
//! does. Every line is
//! checked before any request.

use std::io::Read;

use hf_providers::{Change, MappingTarget, NewMapping, ProviderStatus, parse, proto};

/// The largest file read: far beyond any provider's list, and no reading `/dev/zero` forever.
const MAX_BYTES: u64 = 64 << 20;

/// The mappings `file` (`-`: stdin) wants, in its order; the error names the line and why.
pub fn read(file: &str) -> Result<Vec<NewMapping>, String> {
    let mut bytes = Vec::new();
    let read = if file == "-" {
        std::io::stdin()
            .lock()
            .take(MAX_BYTES + 1)
            .read_to_end(&mut bytes)
    } else {
        std::fs::File::open(file).and_then(|f| f.take(MAX_BYTES + 1).read_to_end(&mut bytes))
    };
    let shown = hf_providers::proto::escape(if file == "-" { "stdin" } else { file }).into_owned();
    read.map_err(|e| format!("{shown}: cannot read it: {e}"))?;
    if bytes.len() as u64 > MAX_BYTES {
        return Err(format!("{shown}: larger than {} MiB", MAX_BYTES >> 20));
    }
    let text = String::from_utf8(bytes).map_err(|_| format!("{shown}: not UTF-8 text"))?;
    wanted(&text).map_err(|(line, why)| format!("{shown}:{line}: {why}"))
}

/// The mappings of `text`, or the first bad line's number and what is wrong with it.
pub fn wanted(text: &str) -> Result<Vec<NewMapping>, (usize, String)> {
    let mut out: Vec<(usize, NewMapping)> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        out.push((i + 1, mapping(line).map_err(|why| (i + 1, why))?));
    }
    let (lines, wanted): (Vec<usize>, Vec<NewMapping>) = out.into_iter().unzip();
    // A mapping wanted twice is a mistake in the file, whatever the two lines say. A plan
    // against an empty list registers each mapping at its first line, in order: the first
    // line it passes over repeats an earlier one.
    let registered = proto::plan(&[], &wanted);
    let mut next = registered.iter().peekable();
    for (i, m) in wanted.iter().enumerate() {
        if matches!(next.peek(), Some(Change::Register(r)) if r == m) {
            next.next();
            continue;
        }
        let first = wanted
            .iter()
            .position(|e| e.task == m.task && e.target == m.target)
            .unwrap_or(i);
        let why = format!("the same task and model as line {}", lines[first]);
        return Err((lines[i], why));
    }
    Ok(wanted)
}

/// One line: a mapping item in JSON, or `task<TAB>model<TAB>providerId[<TAB>status
/// [<TAB>mappingId]]`.
fn mapping(line: &str) -> Result<NewMapping, String> {
    let new = if line.starts_with('{') {
        parse::mapping_item(line.as_bytes()).map_err(|e| e.to_string())?
    } else {
        let fields: Vec<&str> = line.split('\t').map(str::trim).collect();
        // `partner ls` shows some characters as `\u{ad}`: read back, that text would name
        // another mapping, which --prune would replace the right one with.
        if fields.iter().any(|f| f.contains("\\u{")) {
            return Err(
                "holds a character `partner ls` shows escaped (\\u{...}): give this \
                 mapping as its JSON line (`partner ls --json`)"
                    .into(),
            );
        }
        let (task, model, provider_id, status) = match fields.as_slice() {
            [task, model, id] => (*task, *model, *id, None),
            // `partner ls` as it prints: the mapping id last, which a wanted mapping has no use
            // for.
            [task, model, id, status] | [task, model, id, status, _] => {
                (*task, *model, *id, Some(*status))
            }
            _ => {
                return Err(format!(
                    "{} tab-separated fields; a line is task<TAB>model<TAB>providerId\
                     [<TAB>status[<TAB>mappingId]], or a JSON object",
                    fields.len()
                ));
            }
        };
        let target = MappingTarget::from_key(model);
        let mut new = NewMapping::new(task, target, provider_id);
        if let MappingTarget::TagFilter(_) = &new.target {
            // The only adapter kind the Hub knows today.
            new = new.adapter_type("lora");
        }
        match status {
            None => {}
            Some("live") => new = new.status(ProviderStatus::Live),
            Some("staging") => new = new.status(ProviderStatus::Staging),
            Some(other) => return Err(format!("status {other:?} is neither live nor staging")),
        }
        new
    };
    match &new.status {
        None | Some(ProviderStatus::Live | ProviderStatus::Staging) => {}
        Some(other) => {
            return Err(format!(
                "status {:?} is neither live nor staging",
                other.as_str()
            ));
        }
    }
    new.validate().map_err(|e| e.to_string())?;
    Ok(new)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_of_both_kinds_comments_and_mistakes() {
        let text = "# wanted\n\nconversational\tdeepseek-ai/DeepSeek-R1\tr1\tlive\n  \n\
                    text-to-image\ttag-filter=lora,base_model:adapter:a/b\tflux-lora\n\
                    {\"task\":\"conversational\",\"hfModel\":\"Qwen/QwQ-32B\",\"providerModel\":\"q\",\"_id\":\"1\"}\r\n";
        let got = wanted(text).unwrap();
        assert_eq!(got.len(), 3);
        assert_eq!(got[0].status, Some(ProviderStatus::Live));
        assert_eq!(got[1].adapter_type.as_deref(), Some("lora"));
        assert_eq!(got[1].status, None);
        assert_eq!(got[2].provider_id, "q");
        for (text, line, why) in [
            ("a\tb/c\n", 1, "2 tab-separated fields"),
            ("a\tb/c\tx\tlive\t1\t2\n", 1, "6 tab-separated fields"),
            ("# x\nt\tb/c\tx\tgone\n", 2, "neither live nor staging"),
            ("t\ta/b/c\tx\n", 1, "repo id"),
            ("t\ttag-filter=\tx\n", 1, "needs tags"),
            (
                "{\"type\":\"tag-filter\",\"task\":\"t\",\"tags\":[\"a,b\"],\"providerModel\":\"x\"}\n",
                1,
                "with a comma",
            ),
            ("{\"task\":\"t\"}\n", 1, "mapping item"),
            (
                "t\ta/b\tx\nt\ta/b\ty\tlive\n",
                2,
                "the same task and model as line 1",
            ),
            ("t\ta/b\tx\\u{ad}y\tlive\n", 1, "partner ls --json"),
            (
                "u\tz/z\tx\n# c\nt\ta/b\tx\nt\ta/b\tx\n",
                4,
                "the same task and model as line 3",
            ),
            (
                "t\ttag-filter=a,b\tx\nt\ttag-filter=c\tx\nt\ttag-filter=b,a\ty\n",
                3,
                "the same task and model as line 1",
            ),
            (
                "{\"task\":\"t\",\"hfModel\":\"a/b\",\"providerModel\":\"x\",\"status\":\"error\"}",
                1,
                "neither",
            ),
        ] {
            let (n, message) = wanted(text).unwrap_err();
            assert_eq!(n, line, "{text:?}: {message}");
            assert!(message.contains(why), "{text:?}: {message}");
        }
    }
}
