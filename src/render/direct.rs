//! JSON Lines messages written field by field from the report's types: the same bytes as the
//! general sorted-key writer (`sorted.rs`), without serde's call per key and per value. A type
//! lists its fields once, in key order (checked when it compiles), and must list them all.

use crate::report::{
    push_json_str, ActorOut, AssessmentOut, ClaimOut, DocumentOut, EvidenceOut, FactorOut, IndicatorOut, MentionOut,
    SpanOut,
};

/// A value written as compact JSON, keys sorted, strings escaped as `write_json` escapes them.
pub trait Direct {
    fn put(&self, out: &mut Vec<u8>);
}

impl Direct for String {
    #[inline]
    fn put(&self, out: &mut Vec<u8>) {
        push_json_str(out, self);
    }
}

macro_rules! integers {
    ($($t:ty),*) => {$(
        impl Direct for $t {
            #[inline]
            fn put(&self, out: &mut Vec<u8>) {
                out.extend_from_slice(itoa::Buffer::new().format(*self).as_bytes());
            }
        }
    )*};
}
integers!(usize, u32, u64);

impl Direct for bool {
    #[inline]
    fn put(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(if *self { b"true" } else { b"false" });
    }
}

impl Direct for f64 {
    fn put(&self, out: &mut Vec<u8>) {
        // serde_json's own digits (and null for a number JSON cannot hold)
        serde_json::to_writer(out, self).expect("writing to memory");
    }
}

impl<T: Direct> Direct for Option<T> {
    #[inline]
    fn put(&self, out: &mut Vec<u8>) {
        match self {
            Some(v) => v.put(out),
            None => out.extend_from_slice(b"null"),
        }
    }
}

impl<T: Direct> Direct for Vec<T> {
    #[inline]
    fn put(&self, out: &mut Vec<u8>) {
        out.push(b'[');
        for (i, v) in self.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            v.put(out);
        }
        out.push(b']');
    }
}

/// `true` if `keys` are in strictly increasing byte order: evaluated when the crate compiles.
const fn sorted(keys: &[&str]) -> bool {
    let mut i = 1;
    while i < keys.len() {
        let (a, b) = (keys[i - 1].as_bytes(), keys[i].as_bytes());
        let mut j = 0;
        loop {
            if j == b.len() {
                return false; // b is a or a prefix of it
            }
            if j == a.len() || a[j] < b[j] {
                break;
            }
            if a[j] > b[j] {
                return false;
            }
            j += 1;
        }
        i += 1;
    }
    true
}

/// Writes `"key":` after a comma unless it is the object's first member.
#[inline]
fn key(out: &mut Vec<u8>, first: &mut bool, quoted: &[u8]) {
    if !std::mem::take(first) {
        out.push(b',');
    }
    out.extend_from_slice(quoted);
}

/// The extra member of a message (its `type`), escaped as any other key and value.
#[cold]
fn extra_member(out: &mut Vec<u8>, first: &mut bool, (k, v): (&str, &str)) {
    if !std::mem::take(first) {
        out.push(b',');
    }
    push_json_str(out, k);
    out.push(b':');
    push_json_str(out, v);
}

/// Implements `Direct` for a struct from its fields in key order, and `put_with`, which adds
/// one more string member in its sorted place. The pattern names every field, so a field
/// added to the type and not here does not compile.
macro_rules! direct {
    ($ty:ident { $($field:ident),+ $(,)? }) => {
        const _: () = assert!(sorted(&[$(stringify!($field)),+]), concat!(stringify!($ty), ": fields out of key order"));

        impl Direct for $ty {
            #[inline]
            fn put(&self, out: &mut Vec<u8>) {
                self.put_with(out, None);
            }
        }

        impl $ty {
            /// This value as a JSON object, with `extra` (a key that is none of its fields)
            /// as one more member in its sorted place.
            pub(crate) fn put_with(&self, out: &mut Vec<u8>, mut extra: Option<(&str, &str)>) {
                let $ty { $($field),+ } = self;
                out.push(b'{');
                let mut first = true;
                $(
                    if let Some(e) = extra {
                        debug_assert_ne!(e.0, stringify!($field));
                        if e.0 < stringify!($field) {
                            extra_member(out, &mut first, e);
                            extra = None;
                        }
                    }
                    key(out, &mut first, concat!("\"", stringify!($field), "\":").as_bytes());
                    $field.put(out);
                )+
                if let Some(e) = extra {
                    extra_member(out, &mut first, e);
                }
                out.push(b'}');
            }
        }
    };
}

direct!(SpanOut { column, end, line, start });
direct!(DocumentOut { bytes, id, lang, path, published, sentences, source, speaker, title, url });
direct!(MentionOut { doc, refers_to, span, text, via });
direct!(ActorOut { aliases_seen, country, id, kind, mentions, name, parent, sponsor, sponsor_name });
direct!(ClaimOut {
    accused,
    accused_country,
    accused_name,
    accused_sponsor,
    action,
    certainty,
    claimant,
    claimant_country,
    claimant_name,
    cue,
    doc,
    evidence,
    id,
    kind,
    responds_to,
    span,
    spans,
    targets,
    text,
});
direct!(EvidenceOut { cue, doc, id, indicators, kind, span, supports, text, weakened });
direct!(IndicatorOut { defanged, doc, kind, raw, span, value });
direct!(FactorOut { contribution, detail, doc, name, span });
direct!(AssessmentOut {
    action,
    actor,
    actor_name,
    claims,
    confidence,
    contested_by,
    country,
    estimative,
    factors,
    id,
    score,
    stated_certainty,
    summary,
});

/// One JSON Lines message: `value` with a `type` member, then a newline.
pub fn line_into<T: Message>(out: &mut Vec<u8>, kind: &str, value: &T) {
    value.put_message(out, kind);
    out.push(b'\n');
}

/// A type written as a JSON Lines message of its own.
pub trait Message {
    fn put_message(&self, out: &mut Vec<u8>, kind: &str);
}

macro_rules! messages {
    ($($ty:ident),*) => {$(
        impl Message for $ty {
            #[inline]
            fn put_message(&self, out: &mut Vec<u8>, kind: &str) {
                self.put_with(out, Some(("type", kind)));
            }
        }
    )*};
}
messages!(DocumentOut, ActorOut, ClaimOut, EvidenceOut, IndicatorOut, AssessmentOut);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_order_check_rejects_what_is_out_of_order() {
        assert!(sorted(&["a", "ab", "b"]));
        assert!(sorted(&["column", "end", "line", "start"]));
        assert!(!sorted(&["b", "a"]));
        assert!(!sorted(&["ab", "a"]));
        assert!(!sorted(&["a", "a"]));
        assert!(sorted(&["type"]));
    }

    /// Every message of the shipped fixtures, and values with every hostile character,
    /// come out byte for byte as the general writer writes them.
    #[test]
    fn messages_are_the_bytes_of_the_general_writer() {
        let weird = "a\"b\\c\u{1}\u{7f}\u{85}\u{202e}\u{200b}\u{feff}«d»\t\n—汉字";
        let span = SpanOut { column: 3, end: 90, line: 2, start: 80 };
        let mention =
            MentionOut { doc: "d1".into(), refers_to: Some(span), span, text: weird.into(), via: "reference".into() };
        let actor = ActorOut {
            aliases_seen: vec![weird.into(), "APT28".into()],
            country: None,
            id: "g-apt28".into(),
            kind: "group".into(),
            mentions: vec![mention.clone(), MentionOut { refers_to: None, ..mention }],
            name: weird.into(),
            parent: Some("ru".into()),
            sponsor: None,
            sponsor_name: Some(String::new()),
        };
        let factor = |c: f64, span| FactorOut {
            contribution: c,
            detail: weird.into(),
            doc: Some("d2".into()),
            name: "x".into(),
            span,
        };
        let assessment = AssessmentOut {
            action: "espionage".into(),
            actor: "ru".into(),
            actor_name: weird.into(),
            claims: vec![],
            confidence: "low".into(),
            contested_by: vec!["c-1".into()],
            country: Some("RU".into()),
            estimative: None,
            factors: vec![
                factor(0.1 + 0.2, Some(span)),
                factor(-3.0, None),
                factor(1e-7, None),
                factor(f64::NAN, None),
            ],
            id: "a-1".into(),
            score: 42,
            stated_certainty: "assessed".into(),
            summary: weird.into(),
        };
        let mut direct = Vec::new();
        let mut general = Vec::new();
        both(&mut direct, &mut general, "actor", &actor);
        both(&mut direct, &mut general, "assessment", &assessment);
        // a kind that sorts before every key, and one that needs escaping
        both(&mut direct, &mut general, "\u{1b}[31m", &span_message(span));
        assert_eq!(String::from_utf8_lossy(&direct), String::from_utf8_lossy(&general));

        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut paths: Vec<_> = ["fixtures/articles", "fixtures/scenarios"]
            .iter()
            .flat_map(|d| std::fs::read_dir(root.join(d)).unwrap().map(|e| e.unwrap().path()))
            .collect();
        paths.sort();
        assert!(paths.len() > 10);
        for path in paths {
            let Ok(text) = std::fs::read_to_string(&path) else { continue };
            let doc = crate::ingest::Document::from_text("d0000001", &text);
            let report = crate::report::DocReport::from_analysis(&crate::pipeline::analyze(doc));
            let (mut direct, mut general) = (Vec::new(), Vec::new());
            both(&mut direct, &mut general, "document", &report.document);
            report.actors.iter().for_each(|a| both(&mut direct, &mut general, "actor", a));
            report.claims.iter().for_each(|c| both(&mut direct, &mut general, "claim", c));
            report.evidence.iter().for_each(|e| both(&mut direct, &mut general, "evidence", e));
            report.indicators.iter().for_each(|i| both(&mut direct, &mut general, "indicator", i));
            assert_eq!(String::from_utf8_lossy(&direct), String::from_utf8_lossy(&general), "{}", path.display());
        }
    }

    /// `value` as a message, by this writer into `direct` and by the general one into `general`.
    fn both<T: Message + serde::Serialize>(direct: &mut Vec<u8>, general: &mut Vec<u8>, kind: &str, value: &T) {
        line_into(direct, kind, value);
        crate::render::sorted::line_into(general, kind, value).unwrap();
    }

    /// An indicator, to write with a kind that sorts before every one of its keys.
    fn span_message(span: SpanOut) -> IndicatorOut {
        IndicatorOut {
            defanged: true,
            doc: "d".into(),
            kind: "ipv4".into(),
            raw: "1[.]2[.]3[.]4".into(),
            span,
            value: "1.2.3.4".into(),
        }
    }
}
