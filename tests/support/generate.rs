//! Generated inputs for the property tests: a small deterministic PRNG, random models, and the
//! JSON the Hub would send for them, written by hand so the tests need no JSON engine of their
//! own and can vary what a serializer never would (key order, escapes, whitespace, repeated
//! and unknown keys).

use hf_providers::{
    CatalogModel, CatalogProvider, Gated, InferenceStatus, MappingTarget, Model, PartnerMapping,
    Pricing, ProviderMapping, ProviderStatus, RouterStatus,
};

pub use super::rng::Rng;

/// What the property tests draw beyond the basics in `rng.rs`.
impl Rng {
    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            items.swap(i, self.below(i + 1));
        }
    }

    /// A u64 from every magnitude, the extremes included.
    pub fn u64(&mut self) -> u64 {
        match self.below(6) {
            0 => self.pick(&[0, 1, u64::MAX, u64::MAX - 1, i64::MAX as u64 + 1]),
            1 => self.below(10) as u64,
            2 => self.below(100_000) as u64,
            _ => self.next_u64() >> self.below(64),
        }
    }

    /// An i64 from every magnitude and both signs (`-0` cannot be one: it is not an integer).
    pub fn i64(&mut self) -> i64 {
        match self.below(5) {
            0 => self.pick(&[0, 1, -1, i64::MIN, i64::MAX, i64::MIN + 1]),
            1 => self.below(200) as i64 - 100,
            _ => (self.next_u64() as i64) >> self.below(64),
        }
    }

    /// A float the router could send, read back exactly by both engines: whole numbers,
    /// up to 15 significant digits below 1e22, and the extremes. (Both engines parse
    /// floats with the same fast algorithm, which can be one unit in the last place off for
    /// long mantissas with large exponents; `the_known_edges_of_the_routers_numbers` checks
    /// that they agree there, not that they are exact.)
    pub fn f64(&mut self) -> f64 {
        match self.below(5) {
            0 => self.pick(&[
                0.0,
                1.0,
                -1.5,
                5e-324,
                f64::MAX,
                f64::MIN_POSITIVE,
                24.69124008437934,
            ]),
            1 => self.below(100_000) as f64,
            2 => self.below(1_000_000) as f64 / 1000.0,
            3 => self.mantissa() / 10f64.powi(self.below(16) as i32),
            _ => self.mantissa() * 10f64.powi(self.below(8) as i32),
        }
    }

    /// Up to 15 significant digits: written in any form, still on the engines' exact path.
    fn mantissa(&mut self) -> f64 {
        (self.next_u64() % 1_000_000_000_000_000) as f64
    }

    /// Text with what escaping must get right: quotes, backslashes, control characters,
    /// non-ASCII, characters outside the BMP (surrogate pairs when escaped), U+2028.
    pub fn text(&mut self) -> String {
        const CHARS: &[char] = &[
            'a',
            'b',
            'z',
            'A',
            'Z',
            '0',
            '9',
            '-',
            '_',
            '.',
            '/',
            ':',
            ' ',
            '"',
            '\\',
            '\n',
            '\t',
            '\r',
            '\u{0}',
            '\u{1}',
            '\u{1f}',
            '\u{7f}',
            'é',
            'ß',
            '中',
            '\u{2028}',
            '\u{feff}',
            '\u{ffff}',
            '😀',
            '\u{10ffff}',
            '<',
            '>',
            '&',
            '\'',
            '{',
            '}',
            '[',
            ']',
        ];
        let len = match self.below(4) {
            0 => 0,
            1 => 1 + self.below(3),
            _ => 1 + self.below(24),
        };
        (0..len).map(|_| self.pick(CHARS)).collect()
    }

    /// Text that is usually a plausible value and sometimes hostile.
    pub fn value_text(&mut self, plausible: &[&str]) -> String {
        if self.chance(60) {
            (self.pick(plausible)).to_owned()
        } else {
            self.text()
        }
    }
}

/// How a document is written. Every choice is made from the same `Rng`.
pub struct Writer<'r> {
    pub rng: &'r mut Rng,
}

impl Writer<'_> {
    /// Optional whitespace between tokens.
    pub fn ws(&mut self, out: &mut String) {
        while self.rng.chance(15) {
            out.push(self.rng.pick(&[' ', '\n', '\t', '\r']));
        }
    }

    /// A JSON string for `s`, each character written plainly or escaped at random (control
    /// characters, quotes and backslashes always escaped).
    pub fn string(&mut self, out: &mut String, s: &str) {
        out.push('"');
        for c in s.chars() {
            let must = c < ' ' || c == '"' || c == '\\';
            if !must && !self.rng.chance(15) {
                out.push(c);
                continue;
            }
            let short = match c {
                '"' => Some("\\\""),
                '\\' => Some("\\\\"),
                '/' => Some("\\/"),
                '\n' => Some("\\n"),
                '\t' => Some("\\t"),
                '\r' => Some("\\r"),
                '\u{8}' => Some("\\b"),
                '\u{c}' => Some("\\f"),
                _ => None,
            };
            match short {
                Some(esc) if self.rng.chance(70) => out.push_str(esc),
                _ => {
                    let mut units = [0u16; 2];
                    for unit in c.encode_utf16(&mut units) {
                        let hex = format!("{unit:04x}");
                        out.push_str("\\u");
                        if self.rng.chance(50) {
                            out.push_str(&hex.to_ascii_uppercase());
                        } else {
                            out.push_str(&hex);
                        }
                    }
                }
            }
        }
        out.push('"');
    }

    /// Any JSON value (for unknown keys), up to `depth` levels of nesting. Only values both
    /// engines must accept: no lone surrogates, no numbers out of the f64 range.
    pub fn any_value(&mut self, out: &mut String, depth: usize) {
        let kinds = if depth == 0 { 4 } else { 6 };
        match self.rng.below(kinds) {
            0 => out.push_str(self.rng.pick(&["null", "true", "false"])),
            1 => {
                let n = match self.rng.below(4) {
                    0 => self.rng.u64().to_string(),
                    1 => self.rng.i64().to_string(),
                    2 => self
                        .rng
                        .pick(&[
                            "0.5",
                            "-0",
                            "-0.0",
                            "1e10",
                            "1E-5",
                            "2.5e+3",
                            "-1.25E2",
                            "0e0",
                            "1e300",
                            "-1e-300",
                            "123456789012345678901234567890",
                            "18446744073709551616",
                            "-9223372036854775809",
                            "3.141592653589793",
                            "1.7976931348623157e308",
                            "5e-324",
                        ])
                        .to_string(),
                    _ => format!("{}.{}", self.rng.i64(), self.rng.u64()),
                };
                out.push_str(&n);
            }
            2 | 3 => {
                let s = self.rng.text();
                self.string(out, &s);
            }
            4 => {
                out.push('[');
                let n = self.rng.below(4);
                for i in 0..n {
                    if i > 0 {
                        out.push(',');
                    }
                    self.ws(out);
                    self.any_value(out, depth - 1);
                    self.ws(out);
                }
                out.push(']');
            }
            _ => {
                out.push('{');
                let n = self.rng.below(4);
                for i in 0..n {
                    if i > 0 {
                        out.push(',');
                    }
                    let k = self.rng.text();
                    self.string(out, &k);
                    self.ws(out);
                    out.push(':');
                    self.ws(out);
                    self.any_value(out, depth - 1);
                }
                out.push('}');
            }
        }
    }

    /// An object from `(key, value)` members: shuffled, with unknown keys mixed in, and
    /// sometimes a known key sent twice with a decoy first (the last one wins).
    pub fn object(&mut self, out: &mut String, mut members: Vec<(String, String)>) {
        for _ in 0..self.rng.below(3) {
            let key = (self.rng.pick(UNKNOWN_KEYS)).to_owned();
            let mut value = String::new();
            self.any_value(&mut value, 3);
            members.push((key, value));
        }
        self.object_of(out, members);
    }

    /// An object of exactly `members` (decoys aside), shuffled.
    pub fn object_of(&mut self, out: &mut String, mut members: Vec<(String, String)>) {
        let decoys: Vec<(String, String)> = members
            .iter()
            .filter(|_| self.rng.chance(5))
            .map(|(k, _)| (k.clone(), "null".to_owned()))
            .collect();
        self.rng.shuffle(&mut members);
        // Decoys go first so the real value, later, wins.
        let members = decoys.into_iter().chain(members);
        out.push('{');
        self.ws(out);
        for (i, (k, v)) in members.enumerate() {
            if i > 0 {
                out.push(',');
                self.ws(out);
            }
            self.string(out, &k);
            self.ws(out);
            out.push(':');
            self.ws(out);
            out.push_str(&v);
            self.ws(out);
        }
        out.push('}');
    }

    fn string_value(&mut self, s: &str) -> String {
        let mut out = String::new();
        self.string(&mut out, s);
        out
    }

    /// An optional member: a value, or left out, or `null` (both mean absent).
    fn opt(&mut self, members: &mut Vec<(String, String)>, key: &str, value: Option<String>) {
        match value {
            Some(v) => members.push((key.to_owned(), v)),
            None if self.rng.chance(30) => members.push((key.to_owned(), "null".to_owned())),
            None => {}
        }
    }

    /// A provider mapping entry. `provider_key` is the object shape's key; a list item
    /// carries `provider` instead.
    pub fn mapping_entry(&mut self, out: &mut String, m: &ProviderMapping, listed: bool) {
        let mut members = vec![
            ("providerId".to_owned(), self.string_value(&m.provider_id)),
            ("status".to_owned(), self.string_value(m.status.as_str())),
            ("task".to_owned(), self.string_value(&m.task)),
        ];
        if listed {
            members.push(("provider".to_owned(), self.string_value(&m.provider)));
        }
        let adapter = m.adapter.as_deref().map(|s| self.string_value(s));
        self.opt(&mut members, "adapter", adapter);
        let weights = m
            .adapter_weights_path
            .as_deref()
            .map(|s| self.string_value(s));
        self.opt(&mut members, "adapterWeightsPath", weights);
        let kind = m.kind.as_deref().map(|s| self.string_value(s));
        self.opt(&mut members, "type", kind);
        let author = m.is_model_author.map(|b| b.to_string());
        self.opt(&mut members, "isModelAuthor", author);
        if let Some(p) = &m.hub_metrics {
            self.hub_metrics(&mut members, p);
        }
        self.object(out, members);
    }

    /// What a listing's entry says of a provider's numbers: `performance`, `providerDetails`
    /// and `features`, at least one of them, each possibly empty.
    fn hub_metrics(&mut self, members: &mut Vec<(String, String)>, p: &CatalogProvider) {
        let b = |v: Option<bool>| v.map(|v| v.to_string());
        let groups = [
            p.throughput.is_some() || p.first_token_latency_ms.is_some(),
            p.pricing.is_some() || p.context_length.is_some(),
            p.supports_tools.is_some() || p.supports_structured_output.is_some(),
        ];
        let mut any = false;
        for (i, has) in groups.into_iter().enumerate() {
            // The last group goes out when none has before, so the entry says something.
            if !(has || self.rng.chance(30) || (i == 2 && !any)) {
                continue;
            }
            any = true;
            let mut inner = Vec::new();
            let key = match i {
                0 => {
                    let t = p.throughput.map(|x| self.number(x));
                    self.opt(&mut inner, "tokensPerSecond", t);
                    let l = p.first_token_latency_ms.map(|x| self.number(x));
                    self.opt(&mut inner, "firstTokenLatencyMs", l);
                    "performance"
                }
                1 => {
                    let pricing = p.pricing.map(|pricing| self.pricing(&pricing));
                    self.opt(&mut inner, "pricing", pricing);
                    let c = p.context_length.map(|n| self.count(n));
                    self.opt(&mut inner, "context_length", c);
                    "providerDetails"
                }
                _ => {
                    self.opt(&mut inner, "toolCalling", b(p.supports_tools));
                    let s = b(p.supports_structured_output);
                    self.opt(&mut inner, "structuredOutput", s);
                    "features"
                }
            };
            let mut text = String::new();
            self.object(&mut text, inner);
            members.push((key.to_owned(), text));
        }
    }

    /// A float as the router may write it: shortest form, or a whole number without a point.
    pub fn number(&mut self, x: f64) -> String {
        // `{x:?}` writes a whole number below 1e16 with all its digits and a `.0`: past 15
        // digits that is off the engines' exact path, so those go out as integers.
        let whole = x.fract() == 0.0;
        if whole && x.abs() < 9e18 && (x.abs() >= 1e15 || self.rng.chance(50)) {
            format!("{}", x as i64)
        } else {
            format!("{x:?}")
        }
    }

    /// A count as an integer, or (below 10^15, where the engines read floats exactly) as
    /// `N.0` or `Ne0`.
    pub fn count(&mut self, n: u64) -> String {
        match self.rng.below(4) {
            0 if n < 1_000_000_000_000_000 => format!("{n}.0"),
            1 if n < 1_000_000_000_000_000 => format!("{n}e0"),
            _ => n.to_string(),
        }
    }

    fn strings(&mut self, items: &[impl AsRef<str>]) -> String {
        let mut out = String::from("[");
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            self.ws(&mut out);
            self.string(&mut out, item.as_ref());
        }
        out.push(']');
        out
    }

    /// A pricing object: `input` and `output`, each there, `null` or left out.
    fn pricing(&mut self, pricing: &Pricing) -> String {
        let mut prices = Vec::new();
        let input = pricing.input.map(|x| self.number(x));
        self.opt(&mut prices, "input", input);
        let output = pricing.output.map(|x| self.number(x));
        self.opt(&mut prices, "output", output);
        let mut text = String::new();
        self.object(&mut text, prices);
        text
    }

    /// A provider entry of the router's catalog.
    pub fn catalog_provider(&mut self, out: &mut String, p: &CatalogProvider) {
        let mut members = vec![("provider".to_owned(), self.string_value(&p.provider))];
        let status = p.status.as_ref().map(|s| self.string_value(s.as_str()));
        self.opt(&mut members, "status", status);
        let context = p.context_length.map(|n| self.count(n));
        self.opt(&mut members, "context_length", context);
        let pricing = p.pricing.map(|pricing| self.pricing(&pricing));
        self.opt(&mut members, "pricing", pricing);
        let b = |v: Option<bool>| v.map(|v| v.to_string());
        self.opt(&mut members, "supports_tools", b(p.supports_tools));
        let structured = b(p.supports_structured_output);
        self.opt(&mut members, "supports_structured_output", structured);
        let latency = p.first_token_latency_ms.map(|x| self.number(x));
        self.opt(&mut members, "first_token_latency_ms", latency);
        let throughput = p.throughput.map(|x| self.number(x));
        self.opt(&mut members, "throughput", throughput);
        self.opt(&mut members, "is_model_author", b(p.is_model_author));
        self.opt(&mut members, "is_free", b(p.is_free));
        self.object(out, members);
    }

    /// A model of the router's catalog.
    pub fn catalog_model(&mut self, out: &mut String, m: &CatalogModel) {
        let mut members = vec![("id".to_owned(), self.string_value(&m.id))];
        if self.rng.chance(50) {
            members.push(("object".to_owned(), "\"model\"".to_owned()));
        }
        let created = m.created.map(|n| self.count(n));
        self.opt(&mut members, "created", created);
        let owner = m.owned_by.as_deref().map(|s| self.string_value(s));
        self.opt(&mut members, "owned_by", owner);
        let a = &m.architecture;
        if !a.input_modalities.is_empty() || !a.output_modalities.is_empty() || self.rng.chance(30)
        {
            let input = self.strings(&a.input_modalities);
            let output = self.strings(&a.output_modalities);
            let mut text = String::new();
            self.object(
                &mut text,
                vec![
                    ("input_modalities".to_owned(), input),
                    ("output_modalities".to_owned(), output),
                ],
            );
            members.push(("architecture".to_owned(), text));
        }
        if !m.providers.is_empty() || self.rng.chance(50) {
            let mut text = String::from("[");
            for (i, p) in m.providers.iter().enumerate() {
                if i > 0 {
                    text.push(',');
                }
                self.ws(&mut text);
                self.catalog_provider(&mut text, p);
            }
            text.push(']');
            members.push(("providers".to_owned(), text));
        }
        self.object(out, members);
    }

    /// The router's whole catalog: `{"object":"list","data":[...]}`.
    pub fn catalog(&mut self, models: &[CatalogModel]) -> String {
        let mut data = String::from("[");
        for (i, m) in models.iter().enumerate() {
            if i > 0 {
                data.push(',');
            }
            self.ws(&mut data);
            self.catalog_model(&mut data, m);
        }
        data.push(']');
        let mut out = String::new();
        self.object(
            &mut out,
            vec![
                ("object".to_owned(), "\"list\"".to_owned()),
                ("data".to_owned(), data),
            ],
        );
        out
    }

    /// The mapping as a list (listings) or as an object keyed by provider (model info).
    pub fn mapping(&mut self, out: &mut String, mapping: &[ProviderMapping], shape: Shape) {
        let (open, close) = match shape {
            Shape::List => ('[', ']'),
            Shape::Object => ('{', '}'),
        };
        out.push(open);
        for (i, m) in mapping.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            self.ws(out);
            if shape == Shape::Object {
                self.string(out, &m.provider);
                self.ws(out);
                out.push(':');
                self.ws(out);
            }
            self.mapping_entry(out, m, shape == Shape::List);
            self.ws(out);
        }
        out.push(close);
    }

    /// A model object as the Hub sends it.
    pub fn model(&mut self, out: &mut String, m: &Model, shape: Shape) {
        let mut members = vec![("id".to_owned(), self.string_value(&m.id))];
        let s = |w: &mut Self, v: Option<&str>| v.map(|v| w.string_value(v));
        let n = |v: Option<u64>| v.map(|v| v.to_string());
        let b = |v: Option<bool>| v.map(|v| v.to_string());
        let v = s(self, m.author.as_deref());
        self.opt(&mut members, "author", v);
        let v = s(self, m.sha.as_deref());
        self.opt(&mut members, "sha", v);
        let v = s(self, m.created_at.as_deref());
        self.opt(&mut members, "createdAt", v);
        let v = s(self, m.last_modified.as_deref());
        self.opt(&mut members, "lastModified", v);
        self.opt(&mut members, "private", b(m.private));
        self.opt(&mut members, "disabled", b(m.disabled));
        let gated = m.gated.as_ref().map(|g| match g {
            Gated::No => "false".to_owned(),
            Gated::Other(v) if v == "true" => "true".to_owned(),
            Gated::Auto => self.string_value("auto"),
            Gated::Manual => self.string_value("manual"),
            Gated::Other(v) => self.string_value(v),
            other => panic!("a new Gated variant: {other:?}"),
        });
        self.opt(&mut members, "gated", gated);
        self.opt(&mut members, "downloads", n(m.downloads));
        self.opt(&mut members, "downloadsAllTime", n(m.downloads_all_time));
        self.opt(&mut members, "likes", n(m.likes));
        self.opt(
            &mut members,
            "trendingScore",
            m.trending_score.map(|v| v.to_string()),
        );
        let v = s(self, m.library_name.as_deref());
        self.opt(&mut members, "library_name", v);
        let v = s(self, m.pipeline_tag.as_deref());
        self.opt(&mut members, "pipeline_tag", v);
        if !m.tags.is_empty() || self.rng.chance(50) {
            let mut tags = String::from("[");
            for (i, t) in m.tags.iter().enumerate() {
                if i > 0 {
                    tags.push(',');
                }
                self.ws(&mut tags);
                self.string(&mut tags, t);
            }
            tags.push(']');
            members.push(("tags".to_owned(), tags));
        } else if self.rng.chance(50) {
            members.push(("tags".to_owned(), "null".to_owned()));
        }
        let inference = m.inference.as_ref().map(|i| self.string_value(i.as_str()));
        self.opt(&mut members, "inference", inference);
        let mapping = m.inference_provider_mapping.as_ref().map(|list| {
            let mut v = String::new();
            self.mapping(&mut v, list, shape);
            v
        });
        self.opt(&mut members, "inferenceProviderMapping", mapping);
        self.object(out, members);
    }

    /// A listing page: a JSON array of models.
    pub fn model_list(&mut self, models: &[Model], shape: Shape) -> String {
        let mut out = String::new();
        self.ws(&mut out);
        out.push('[');
        for (i, m) in models.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            self.ws(&mut out);
            self.model(&mut out, m, shape);
            self.ws(&mut out);
        }
        out.push(']');
        self.ws(&mut out);
        out
    }
}

impl Writer<'_> {
    /// A provider's list, as the Hub groups it: tasks in order of first appearance, each an
    /// object of its mappings keyed by model id or `tag-filter=TAGS`.
    pub fn partner_list(&mut self, list: &[PartnerMapping]) -> String {
        let mut tasks: Vec<(&str, Vec<&PartnerMapping>)> = Vec::new();
        for m in list {
            match tasks.iter_mut().find(|(t, _)| *t == m.task.as_str()) {
                Some((_, ms)) => ms.push(m),
                None => tasks.push((m.task.as_str(), vec![m])),
            }
        }
        let mut out = String::new();
        self.ws(&mut out);
        out.push('{');
        for (i, (task, mappings)) in tasks.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            self.ws(&mut out);
            self.string(&mut out, task);
            out.push(':');
            self.ws(&mut out);
            out.push('{');
            for (j, m) in mappings.iter().enumerate() {
                if j > 0 {
                    out.push(',');
                }
                self.ws(&mut out);
                self.string(&mut out, &m.target.to_string());
                out.push(':');
                self.partner_entry(&mut out, m);
            }
            out.push('}');
        }
        out.push('}');
        self.ws(&mut out);
        out
    }

    /// One mapping of a provider's list, with the fields the Hub adds that the crate skips.
    fn partner_entry(&mut self, out: &mut String, m: &PartnerMapping) {
        let mut members = vec![
            ("providerId".to_owned(), self.string_value(&m.provider_id)),
            ("status".to_owned(), self.string_value(m.status.as_str())),
        ];
        let id = m.id.as_deref().map(|s| self.string_value(s));
        self.opt(&mut members, "_id", id);
        let adapter = m.adapter_type.as_deref().map(|s| self.string_value(s));
        self.opt(&mut members, "adapterType", adapter);
        if let MappingTarget::TagFilter(tags) = &m.target {
            members.push(("tags".to_owned(), self.strings(tags)));
        }
        for key in ["someFutureField", "task", "hfModel", "id"] {
            if self.rng.chance(15) {
                let mut value = String::new();
                self.any_value(&mut value, 3);
                members.push((key.to_owned(), value));
            }
        }
        self.object_of(out, members);
    }
}

/// A provider's list: a few tasks, distinct targets within each, tag filters among them.
pub fn partner_list(rng: &mut Rng) -> Vec<PartnerMapping> {
    let mut list: Vec<PartnerMapping> = Vec::new();
    let mut tasks: Vec<String> = Vec::new();
    for _ in 0..rng.below(4) {
        let task = rng.value_text(&["conversational", "text-to-image", "brand-new-task"]);
        if tasks.contains(&task) {
            continue;
        }
        tasks.push(task.clone());
        let mut keys = Vec::new();
        for _ in 0..rng.below(5) {
            let target = if rng.chance(25) {
                let tags = (0..1 + rng.below(3))
                    .map(|_| rng.value_text(&["lora", "base_model:adapter:a/b"]))
                    .filter(|t| !t.is_empty() && !t.contains(','))
                    .collect::<Vec<_>>();
                if tags.is_empty() {
                    continue;
                }
                MappingTarget::TagFilter(tags)
            } else {
                let id = rng.value_text(&["deepseek-ai/DeepSeek-R1", "a/b", "gpt2"]);
                if id.starts_with("tag-filter=") {
                    continue;
                }
                MappingTarget::Model(id)
            };
            // One mapping a target: a filter's tags are a set.
            if keys.contains(&target) {
                continue;
            }
            keys.push(target.clone());
            let status = ProviderStatus::from_wire(&rng.value_text(&["live", "staging", "error"]));
            let mut m = PartnerMapping::new(
                task.clone(),
                target,
                rng.value_text(&["deepseek-r1", "flux-lora"]),
                status,
            );
            m.id = opt(rng, 90, |r| r.value_text(&["66e2c0f1a7b3c2d4e5f60718"]));
            m.adapter_type = opt(rng, 20, |r| r.value_text(&["lora"]));
            list.push(m);
        }
    }
    list
}

/// Keys the Hub sends that the crate does not read, and near misses of keys it does.
pub const UNKNOWN_KEYS: &[&str] = &[
    "_id",
    "modelId",
    "siblings",
    "config",
    "cardData",
    "widgetData",
    "someFutureField",
    "Id",
    "ID",
    "id ",
    "ids",
    "provider_id",
    "providerid",
    "Tags",
    "",
    "\u{0}",
    "é",
];

/// The two wire shapes of the provider mapping.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// `[{"provider": "p", ...}]`, as listings send it.
    List,
    /// `{"p": {...}}`, as model info sends it.
    Object,
}

fn opt<T>(rng: &mut Rng, percent: usize, f: impl FnOnce(&mut Rng) -> T) -> Option<T> {
    if rng.chance(percent) {
        Some(f(rng))
    } else {
        None
    }
}

/// A random model; every optional field present or not. Providers are distinct, as the object
/// shape needs.
pub fn model(rng: &mut Rng) -> Model {
    let mut m = Model::default();
    m.id = rng.value_text(&["gpt2", "google/gemma-3-27b-it", "Qwen/QwQ-32B", "a/b"]);
    m.author = opt(rng, 50, |r| r.value_text(&["google", "Qwen"]));
    m.sha = opt(rng, 40, |r| {
        r.value_text(&["0123456789abcdef0123456789abcdef01234567"])
    });
    m.created_at = opt(rng, 40, |r| r.value_text(&["2025-03-24T09:28:22.000Z"]));
    m.last_modified = opt(rng, 40, |r| r.value_text(&["2025-04-01T00:00:00.000Z"]));
    m.private = opt(rng, 40, |r| r.chance(50));
    m.disabled = opt(rng, 30, |r| r.chance(50));
    m.gated = opt(rng, 40, |r| match r.below(5) {
        0 => Gated::No,
        1 => Gated::from(true),
        _ => Gated::from_wire(&r.value_text(&["auto", "manual", "never"])),
    });
    m.downloads = opt(rng, 50, Rng::u64);
    m.downloads_all_time = opt(rng, 30, Rng::u64);
    m.likes = opt(rng, 50, Rng::u64);
    m.trending_score = opt(rng, 40, Rng::i64);
    m.library_name = opt(rng, 40, |r| {
        r.value_text(&["transformers", "diffusers"]).into()
    });
    m.pipeline_tag = opt(rng, 50, |r| {
        r.value_text(&["text-generation", "text-to-image"]).into()
    });
    if rng.chance(50) {
        m.tags = (0..rng.below(6))
            .map(|_| rng.value_text(&["transformers", "region:us", "license:mit"]))
            .collect();
    }
    m.inference = opt(rng, 40, |r| {
        InferenceStatus::from_wire(&r.value_text(&["warm", "cold"]))
    });
    m.inference_provider_mapping = opt(rng, 60, |r| {
        let mut seen = Vec::new();
        let mut list = Vec::new();
        for _ in 0..r.below(5) {
            let provider = r.value_text(&["fal-ai", "nebius", "groq", "hf-inference"]);
            if seen.contains(&provider) {
                continue;
            }
            seen.push(provider.clone());
            list.push(mapping(r, provider));
        }
        list
    });
    m
}

fn mapping(rng: &mut Rng, provider: String) -> ProviderMapping {
    let mut m = ProviderMapping::new(
        provider,
        rng.value_text(&["google/gemma-3-27b-it-fast", "fal-ai/flux/dev"]),
        ProviderStatus::from_wire(&rng.value_text(&["live", "staging", "error", "paused"])),
        rng.value_text(&["conversational", "text-to-image"]),
    );
    m.adapter = opt(rng, 20, |r| r.value_text(&["lora"]));
    m.adapter_weights_path = opt(rng, 20, |r| r.value_text(&["w.safetensors"]));
    m.kind = opt(rng, 30, |r| r.value_text(&["single-model", "tag-filter"]));
    m.is_model_author = opt(rng, 40, |r| r.chance(50));
    m.hub_metrics = opt(rng, 30, |r| {
        let mut p = CatalogProvider::new(m.provider.clone());
        p.throughput = opt(r, 50, Rng::f64);
        p.first_token_latency_ms = opt(r, 50, Rng::f64);
        p.pricing = opt(r, 50, |r| {
            Pricing::new(opt(r, 70, Rng::f64), opt(r, 70, Rng::f64))
        });
        p.context_length = opt(r, 50, Rng::u64);
        p.supports_tools = opt(r, 50, |r| r.chance(50));
        p.supports_structured_output = opt(r, 50, |r| r.chance(50));
        p
    });
    m
}

/// A random model of the router's catalog; every optional field present or not.
pub fn catalog_model(rng: &mut Rng) -> CatalogModel {
    let mut m = CatalogModel::default();
    m.id = rng.value_text(&["deepseek-ai/DeepSeek-V4-Pro", "m/x"]);
    m.created = opt(rng, 60, Rng::u64);
    m.owned_by = opt(rng, 50, |r| r.value_text(&["deepseek-ai"]));
    let a = &mut m.architecture;
    for list in [&mut a.input_modalities, &mut a.output_modalities] {
        *list = (0..rng.below(3))
            .map(|_| rng.value_text(&["text", "image", "audio"]).into())
            .collect();
    }
    m.providers = (0..rng.below(4)).map(|_| catalog_provider(rng)).collect();
    m
}

fn catalog_provider(rng: &mut Rng) -> CatalogProvider {
    let mut p = CatalogProvider::new(rng.value_text(&["novita", "together", "brand-new"]));
    p.status = opt(rng, 80, |r| {
        RouterStatus::from_wire(&r.value_text(&["live", "error", "degraded"]))
    });
    p.context_length = opt(rng, 60, Rng::u64);
    p.pricing = opt(rng, 60, |r| {
        Pricing::new(opt(r, 70, Rng::f64), opt(r, 70, Rng::f64))
    });
    p.supports_tools = opt(rng, 60, |r| r.chance(50));
    p.supports_structured_output = opt(rng, 60, |r| r.chance(50));
    p.first_token_latency_ms = opt(rng, 60, Rng::f64);
    p.throughput = opt(rng, 60, Rng::f64);
    p.is_model_author = opt(rng, 60, |r| r.chance(50));
    p.is_free = opt(rng, 20, |r| r.chance(50));
    p
}

/// A catalog of one or two generated models, broken by [`mutate`].
pub fn broken_catalog(rng: &mut Rng) -> Vec<u8> {
    let models: Vec<_> = (0..1 + rng.below(2)).map(|_| catalog_model(rng)).collect();
    let doc = Writer { rng: &mut *rng }.catalog(&models);
    mutate(rng, doc.as_bytes())
}

/// Ways a valid document is broken, to compare how the engines fail.
pub fn mutate(rng: &mut Rng, doc: &[u8]) -> Vec<u8> {
    const TOKENS: &[&str] = &[
        "-0",
        "1e400",
        "-1e400",
        "1.",
        ".5",
        "01",
        "+1",
        "1e",
        "-",
        "\\ud800",
        "\\udc00",
        "\\ud83d\\ude00",
        "\\u00e9",
        "\\x",
        "\"",
        "\\",
        "[",
        "]",
        "{",
        "}",
        ",",
        ":",
        "null",
        "true",
        "nul",
        "\u{0}",
        "\u{7f}",
        "\u{feff}",
        " ",
        "1",
        "\"id\"",
        "\"tags\"",
        "\"gated\"",
        "\"inferenceProviderMapping\"",
        "18446744073709551616",
        "\"\\u0000\"",
    ];
    let mut out = doc.to_vec();
    for _ in 0..1 + rng.below(3) {
        let at = rng.below(out.len() + 1);
        match rng.below(6) {
            0 => out.truncate(at),
            1 if !out.is_empty() => {
                let i = at.min(out.len() - 1);
                out[i] ^= 1 << rng.below(8);
            }
            2 if at < out.len() => {
                out.remove(at);
            }
            3 => {
                let end = (at + 1 + rng.below(8)).min(out.len());
                let span = out[at.min(end)..end].to_vec();
                out.splice(at..at, span);
            }
            _ => {
                let t = rng.pick(TOKENS).as_bytes();
                out.splice(at..at, t.iter().copied());
            }
        }
    }
    out
}

/// `models` as a reader of the catalog keeps them: a model listed twice is its first entry, and
/// so is a provider listed twice for a model (written apart from the library's own dedup).
pub fn as_read(models: &[CatalogModel]) -> Vec<CatalogModel> {
    let mut ids = std::collections::HashSet::new();
    models
        .iter()
        .filter(|m| ids.insert(m.id.clone()))
        .map(one_as_read)
        .collect()
}

/// One model as a reader keeps it: each provider's first entry.
pub fn one_as_read(model: &CatalogModel) -> CatalogModel {
    let mut model = model.clone();
    let mut names = std::collections::HashSet::new();
    model
        .providers
        .retain(|p| names.insert(p.provider.to_string()));
    model
}
