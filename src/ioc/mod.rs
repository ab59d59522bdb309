//! Indicator-of-compromise extraction: finds IPs, domains, URLs, e-mail addresses, hashes, CVE and
//! ATT&CK IDs, Bitcoin/Ethereum addresses, registry keys, file paths and social handles in text,
//! refangs defanged forms and keeps the byte span of exactly what was written. See docs/indicators.md.

mod checks;
mod norm;
mod patterns;

use crate::span::Span;
use regex::bytes::Regex;
use regex_automata::meta;
use regex_automata::util::captures::Captures;
use regex_automata::{Anchored, Input, PatternID};
use std::collections::HashSet;
use std::sync::OnceLock;

use norm::Normalized;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IndicatorKind {
    Ipv4,
    Ipv6,
    Domain,
    Url,
    Email,
    Md5,
    Sha1,
    Sha256,
    Sha512,
    Cve,
    AttackTechnique,
    Bitcoin,
    Ethereum,
    RegistryKey,
    FilePath,
    Handle,
}

impl IndicatorKind {
    pub const ALL: [IndicatorKind; 16] = [
        IndicatorKind::Ipv4,
        IndicatorKind::Ipv6,
        IndicatorKind::Domain,
        IndicatorKind::Url,
        IndicatorKind::Email,
        IndicatorKind::Md5,
        IndicatorKind::Sha1,
        IndicatorKind::Sha256,
        IndicatorKind::Sha512,
        IndicatorKind::Cve,
        IndicatorKind::AttackTechnique,
        IndicatorKind::Bitcoin,
        IndicatorKind::Ethereum,
        IndicatorKind::RegistryKey,
        IndicatorKind::FilePath,
        IndicatorKind::Handle,
    ];

    pub fn as_str(&self) -> &'static str {
        match self {
            IndicatorKind::Ipv4 => "ipv4",
            IndicatorKind::Ipv6 => "ipv6",
            IndicatorKind::Domain => "domain",
            IndicatorKind::Url => "url",
            IndicatorKind::Email => "email",
            IndicatorKind::Md5 => "md5",
            IndicatorKind::Sha1 => "sha1",
            IndicatorKind::Sha256 => "sha256",
            IndicatorKind::Sha512 => "sha512",
            IndicatorKind::Cve => "cve",
            IndicatorKind::AttackTechnique => "attack_technique",
            IndicatorKind::Bitcoin => "bitcoin",
            IndicatorKind::Ethereum => "ethereum",
            IndicatorKind::RegistryKey => "registry_key",
            IndicatorKind::FilePath => "file_path",
            IndicatorKind::Handle => "handle",
        }
    }
}

impl std::fmt::Display for IndicatorKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Indicator {
    pub kind: IndicatorKind,
    /// Refanged and normalised value (lower-cased hosts and hashes, `CVE-YYYY-N`, …).
    pub value: String,
    /// The text exactly as written.
    pub raw: String,
    /// Written in a defanged form (`[.]`, `hxxp`, `[at]`, …).
    pub defanged: bool,
    /// Byte span of `raw` in the input.
    pub span: Span,
}

/// Whether any `T1001`–`T1699` with an optional `.001`–`.020` is accepted besides the embedded
/// list. Off: the list is generated from MITRE's ATT&CK data (docs/indicators.md).
pub const ATTACK_RANGE_FALLBACK: bool = false;

/// The highest sub-technique number accepted under a technique of the list (ATT&CK numbers
/// them from `.001`; the highest in use is `.018`).
const ATTACK_MAX_SUBTECHNIQUE: u32 = 20;

const ATTACK_LIST: &str = include_str!("../../data/attack-techniques.txt");

/// The word lists of indicator extraction (data/ioc-words.toml), as sets.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Words {
    pub at_stopwords: std::collections::HashSet<String>,
    pub dot_stopwords: std::collections::HashSet<String>,
    pub version_words: std::collections::HashSet<String>,
    pub av_platforms: std::collections::HashSet<String>,
    pub av_prefixes: std::collections::HashSet<String>,
    pub file_extensions: std::collections::HashSet<String>,
}

pub(crate) fn words() -> &'static Words {
    static W: OnceLock<Words> = OnceLock::new();
    W.get_or_init(|| {
        toml::from_str(include_str!("../../data/ioc-words.toml"))
            .expect("data/ioc-words.toml is valid (checked by tests)")
    })
}

pub struct Extractor {
    /// All indicator shapes in one pattern, leftmost-first. Used through regex-automata so that
    /// the capture groups of a match already found are read over its span alone, anchored.
    master: meta::Regex,
    inner: Regex,
    attack: HashSet<String>,
    g: Groups,
}

#[derive(Default)]
struct Groups {
    url: usize,
    us: usize,
    usep: usize,
    uh: usize,
    ur: usize,
    email: usize,
    el: usize,
    eat: usize,
    ed: usize,
    cve: usize,
    cy: usize,
    cn: usize,
    attack: usize,
    reg: usize,
    hive: usize,
    win: usize,
    unc: usize,
    v6: usize,
    host: usize,
    hh: usize,
    hp: usize,
    hr: usize,
    unix: usize,
    handle: usize,
    i_ip: usize,
    i_tok: usize,
}

fn group(re: &Regex, name: &str) -> usize {
    re.capture_names().position(|n| n == Some(name)).unwrap_or_else(|| panic!("no group {name}"))
}

fn master_group(re: &meta::Regex, name: &str) -> usize {
    re.group_info().to_index(PatternID::ZERO, name).unwrap_or_else(|| panic!("no group {name}"))
}

impl Default for Extractor {
    fn default() -> Self {
        Self::new()
    }
}

/// The shared extractor, compiled once.
pub fn extractor() -> &'static Extractor {
    static E: OnceLock<Extractor> = OnceLock::new();
    E.get_or_init(Extractor::new)
}

/// Turn defanged text into its live form: `hxxp`→`http`, `[.]`/`(dot)`/`\.`→`.`, `[at]`→`@`,
/// `[://]`→`://`, `[/]`→`/`, full-width and ideographic dots, zero-width characters removed.
/// Idempotent. It does not join spaced words (`evil dot com` stays) nor add a scheme.
pub fn refang(s: &str) -> String {
    static RE: OnceLock<regex::Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        regex::Regex::new(concat!(
            r"(?P<sch>(?i:\bh(?:xx|\*\*|__|tt|x|00)p(?P<s1>s?)|\bf[xt]p(?P<s2>s?)|\bftx))(?P<sep>(?:\[:\]|\(:\)|:)(?://|\\{1,2}|__)|\[://\]|\(://\)|\{://\}|__)",
            r"|(?P<gsep>\[://\]|\[:\]//|\(://\)|\{://\})",
            r"|(?P<dot>[\x20\t]*\\?[\[\(\{]+[\x20\t]*(?:\.|(?i:dot))[\x20\t]*(?:\\?[\]\)\}])*[\x20\t]*|[\x20\t]*\.[\x20\t]*[\]\)\}]+[\x20\t]*|\\+\.|(?i:\[dot|dot\]))",
            r"|(?P<at>[\x20\t]*\\?[\[\(\{][\x20\t]*(?:@|(?i:at))[\x20\t]*\\?[\]\)\}][\x20\t]*)",
            r"|(?P<slash>\[/\]|\(/\)|\[/)",
        ))
        .unwrap()
    });
    let mut cur = norm::normalize_str(s).into_owned();
    for _ in 0..4 {
        let next = re
            .replace_all(&cur, |c: &regex::Captures| {
                if let Some(sch) = c.name("sch") {
                    let l = sch.as_str().to_ascii_lowercase();
                    let base = if l.starts_with('h') { "http" } else { "ftp" };
                    let s = c.name("s1").or(c.name("s2")).map_or("", |m| m.as_str());
                    format!("{base}{}://", if s.is_empty() { "" } else { "s" })
                } else if c.name("gsep").is_some() {
                    "://".to_string()
                } else if c.name("dot").is_some() {
                    ".".to_string()
                } else if c.name("at").is_some() {
                    "@".to_string()
                } else {
                    "/".to_string()
                }
            })
            .into_owned();
        if next == cur {
            break;
        }
        cur = next;
    }
    cur
}

/// Bytes that only appear in a host or path when it was written in a defanged form.
#[inline]
fn looks_defanged(b: &[u8]) -> bool {
    b.iter().any(|&c| matches!(c, b'[' | b'(' | b'{' | b']' | b')' | b'}' | b'\\' | b' ' | b'\t'))
}

fn refang_part(b: &[u8]) -> (String, bool) {
    let s = std::str::from_utf8(b).unwrap_or("");
    if looks_defanged(b) {
        let mut r = refang(s);
        if r.contains([' ', '\t']) {
            // host parts only: a spaced " dot " joins labels, and no other space survives
            static SPACED_DOT: OnceLock<regex::Regex> = OnceLock::new();
            let re = SPACED_DOT.get_or_init(|| regex::Regex::new(r"[ \t]+(?:dot|DOT|Dot)[ \t]+").unwrap());
            r = re.replace_all(&r, ".").into_owned();
        }
        let changed = r != s;
        (r, changed)
    } else {
        (s.to_string(), false)
    }
}

#[inline]
fn is_alnum(b: u8) -> bool {
    b.is_ascii_alphanumeric()
}

/// What a scan is for: the whole text, the inside of a URL (no nested URLs, paths or handles).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Scope {
    Top,
    InUrl,
}

struct Ctx<'t, 'n> {
    text: &'t str,
    norm: &'n Normalized<'t>,
    out: Vec<Indicator>,
}

impl<'t, 'n> Ctx<'t, 'n> {
    fn t(&self) -> &[u8] {
        self.norm.text.as_bytes()
    }

    fn push(&mut self, kind: IndicatorKind, s: usize, e: usize, value: String, defanged: bool) {
        let (os, oe) = (self.norm.start(s), self.norm.end(e));
        self.out.push(Indicator { kind, value, raw: self.text[os..oe].to_string(), defanged, span: Span::new(os, oe) });
    }
}

impl Extractor {
    pub fn new() -> Self {
        // As regex::bytes::RegexBuilder would build it, with larger limits.
        let master = meta::Builder::new()
            .configure(
                meta::Config::new()
                    .match_kind(regex_automata::MatchKind::LeftmostFirst)
                    .utf8_empty(false)
                    .nfa_size_limit(Some(64 << 20))
                    .hybrid_cache_capacity(64 << 20),
            )
            .syntax(regex_automata::util::syntax::Config::new().utf8(false))
            .build(&patterns::master())
            .expect("IOC master regex");
        let inner = Regex::new(&patterns::inner()).expect("IOC inner regex");
        let attack = ATTACK_LIST
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(str::to_string)
            .collect();
        let g = Groups {
            url: master_group(&master, "url"),
            us: master_group(&master, "us"),
            usep: master_group(&master, "usep"),
            uh: master_group(&master, "uh"),
            ur: master_group(&master, "ur"),
            email: master_group(&master, "email"),
            el: master_group(&master, "el"),
            eat: master_group(&master, "eat"),
            ed: master_group(&master, "ed"),
            cve: master_group(&master, "cve"),
            cy: master_group(&master, "cy"),
            cn: master_group(&master, "cn"),
            attack: master_group(&master, "attack"),
            reg: master_group(&master, "reg"),
            hive: master_group(&master, "hive"),
            win: master_group(&master, "win"),
            unc: master_group(&master, "unc"),
            v6: master_group(&master, "v6"),
            host: master_group(&master, "host"),
            hh: master_group(&master, "hh"),
            hp: master_group(&master, "hp"),
            hr: master_group(&master, "hr"),
            unix: master_group(&master, "unix"),
            handle: master_group(&master, "handle"),
            i_ip: group(&inner, "ip"),
            i_tok: group(&inner, "tok"),
        };
        Extractor { master, inner, attack, g }
    }

    /// Every indicator occurrence in `text`, sorted by span start then kind. Values are not
    /// de-duplicated: each occurrence is reported with its own span.
    pub fn extract(&self, text: &str) -> Vec<Indicator> {
        let norm = Normalized::new(text);
        let mut ctx = Ctx { text, norm: &norm, out: Vec::new() };
        let mut caps = self.master.create_captures();
        let end = norm.text.len();
        self.scan(&mut ctx, &mut caps, 0, end, Scope::Top);
        ctx.out.sort_by_key(|a| (a.span.start, a.kind, a.span.end));
        ctx.out
    }

    fn scan(&self, ctx: &mut Ctx, caps: &mut Captures, from: usize, to: usize, scope: Scope) {
        let mut pos = from;
        // the first run of letters and digits long enough to be a token, at or after `pos`
        let mut run = token_run(&ctx.norm.text.as_bytes()[..to], pos);
        while pos < to {
            let hay = &ctx.norm.text.as_bytes()[..to];
            if run.is_some_and(|(rs, _)| rs < pos) {
                run = token_run(hay, pos);
            }
            // find the match with the DFA alone; most matches have a shape that tells which
            // alternative matched, and only the others pay for capture groups
            let m = self.master.find(Input::new(hay).span(pos..hay.len()));
            // a token wins unless a match starts before it or, coming earlier in the pattern,
            // at the same place
            if let Some((rs, re)) = run.filter(|&(rs, _)| m.as_ref().is_none_or(|m| rs < m.start())) {
                self.on_token(ctx, rs, re);
                pos = self.advance(ctx, re, rs);
                continue;
            }
            let Some(m) = m else { break };
            let (s, e) = (m.start(), m.end());
            let next = match shape(&hay[s..e]) {
                // only a path starts with '/', '~' or '.', only a UNC path with '\\', only a
                // handle with '@': no capture groups needed to tell, and inside a URL (a path's
                // every '/') none of them is looked for
                Shape::Other if scope == Scope::InUrl && matches!(hay[s], b'/' | b'~' | b'.' | b'\\' | b'@') => {
                    Some(s + 1)
                }
                Shape::Other if hay[s] == b'@' => Some(if self.on_handle(ctx, s, e) { e } else { s + 1 }),
                Shape::Attack => {
                    self.on_attack(ctx, s, e);
                    Some(e)
                }
                Shape::Host => Some(self.on_host(ctx, s, e, (s, e), None, None, scope)),
                Shape::Other => None,
            };
            if let Some(next) = next {
                pos = self.advance(ctx, next, s);
                continue;
            }
            // The match is known: its groups are read over its span alone, anchored at its start
            // (look-around still sees the bytes around it), which finds the same match.
            self.master.search_captures(&Input::new(hay).span(s..e).anchored(Anchored::Yes), caps);
            if !caps.is_match() {
                break;
            }
            let g = &self.g;
            let get = |i: usize| caps.get_group(i).map(|sp| (sp.start, sp.end));
            let next = if get(g.url).is_some() {
                let (us, usep, uh, ur) =
                    (get(g.us).unwrap(), get(g.usep).unwrap(), get(g.uh).unwrap(), get(g.ur).unwrap());
                self.on_url(ctx, s, e, us, usep, uh, ur, scope)
            } else if get(g.email).is_some() {
                let (el, eat, ed) = (get(g.el).unwrap(), get(g.eat).unwrap(), get(g.ed).unwrap());
                self.on_email(ctx, s, e, el, eat, ed)
            } else if get(g.cve).is_some() {
                let (cy, cn) = (get(g.cy).unwrap(), get(g.cn).unwrap());
                self.on_cve(ctx, s, e, cy, cn);
                e
            } else if get(g.attack).is_some() {
                self.on_attack(ctx, s, e);
                e
            } else if get(g.reg).is_some() {
                let hive = get(g.hive).unwrap();
                if scope == Scope::Top {
                    self.on_reg(ctx, s, e, hive)
                } else {
                    s + 1
                }
            } else if get(g.win).is_some() || get(g.unc).is_some() {
                if scope == Scope::Top {
                    self.on_winpath(ctx, s, e)
                } else {
                    s + 1
                }
            } else if get(g.v6).is_some() {
                self.on_v6(ctx, s, e)
            } else if get(g.host).is_some() {
                let (hh, hp, hr) = (get(g.hh).unwrap(), get(g.hp), get(g.hr));
                self.on_host(ctx, s, e, hh, hp, hr, scope)
            } else if get(g.unix).is_some() {
                // inside a URL (at most MAX_NESTED_SCAN bytes) look again right after the '/'
                if scope == Scope::Top {
                    self.on_unix(ctx, s, e)
                } else {
                    s + 1
                }
            } else if get(g.handle).is_some() {
                if scope == Scope::Top && self.on_handle(ctx, s, e) {
                    e
                } else {
                    s + 1
                }
            } else {
                e
            };
            pos = self.advance(ctx, next, s);
        }
    }

    /// Where to go on: `next`, at least one char past `s`, on a char boundary.
    fn advance(&self, ctx: &Ctx, next: usize, s: usize) -> usize {
        let mut pos = next.max(s + 1);
        let t = ctx.norm.text.as_bytes();
        while pos < t.len() && (t[pos] & 0xC0) == 0x80 {
            pos += 1;
        }
        pos
    }

    // ---------- URLs ----------

    #[allow(clippy::too_many_arguments)]
    fn on_url(
        &self,
        ctx: &mut Ctx,
        s: usize,
        e: usize,
        us: (usize, usize),
        usep: (usize, usize),
        uh: (usize, usize),
        ur: (usize, usize),
        scope: Scope,
    ) -> usize {
        let t = ctx.t();
        let Some(host) = host_value(&t[uh.0..uh.1]) else { return uh.0 };
        let end = url_end(t, s, uh.1, e);
        let scheme_raw = std::str::from_utf8(&t[us.0..us.1]).unwrap_or("").to_ascii_lowercase();
        let (scheme, scheme_defanged) = canonical_scheme(&scheme_raw);
        let sep = &t[usep.0..usep.1];
        let mut defanged = scheme_defanged || sep != b"://" || host.1;
        let _ = ur;
        let (rest, rd) = refang_part(&t[uh.1..end]);
        defanged |= rd;
        let value = format!("{scheme}://{}{rest}", host.0);
        if scope == Scope::InUrl {
            // a URL inside another URL's path or query: report its host only
            let k = host_kind(&host.0);
            ctx.push(k, uh.0, uh.1, host.0, host.1);
            return end;
        }
        ctx.push(IndicatorKind::Url, s, end, value, defanged);
        self.nested(ctx, uh.1, end);
        end
    }

    fn nested(&self, ctx: &mut Ctx, from: usize, to: usize) {
        // very long URLs (data blobs) are not searched inside
        if to <= from || to - from > MAX_NESTED_SCAN {
            return;
        }
        let mut caps = self.master.create_captures();
        self.scan(ctx, &mut caps, from, to, Scope::InUrl);
    }

    // ---------- e-mail ----------

    fn on_email(
        &self,
        ctx: &mut Ctx,
        s: usize,
        e: usize,
        el: (usize, usize),
        eat: (usize, usize),
        ed: (usize, usize),
    ) -> usize {
        let t = ctx.t();
        let lead = t[el.0..el.1].iter().take_while(|b| matches!(b, b'-' | b'+' | b'%')).count();
        let (s, el) = (s + lead, (el.0 + lead, el.1));
        if el.0 >= el.1 {
            return ed.0;
        }
        let local = std::str::from_utf8(&t[el.0..el.1]).unwrap_or("");
        // "example [.] com [.tld": the name goes on in a broken defang, so it is not this one
        {
            let mut i = ed.1;
            while i < t.len() && matches!(t[i], b' ' | b'\t') {
                i += 1;
            }
            let mut j = i;
            while j < t.len() && matches!(t[j], b'[' | b'(' | b'{') {
                j += 1;
            }
            while j < t.len() && matches!(t[j], b' ' | b'\t') {
                j += 1;
            }
            if j > i && j < t.len() && t[j] == b'.' {
                return ed.1;
            }
        }
        let at = &t[eat.0..eat.1];
        let dom_raw = &t[ed.0..ed.1];
        let plain_at = at == b"@";
        let word_at = !plain_at
            && at.iter().any(|b| b.is_ascii_alphabetic())
            && !at.iter().any(|b| matches!(b, b'[' | b'(' | b'{'));
        let bracket_at = at.iter().any(|b| matches!(b, b'[' | b'(' | b'{'));
        let spaced_at = !plain_at && !word_at && !bracket_at;
        let reject = ed.0;
        if local.len() > 64 || local.contains("..") || local.starts_with('.') {
            return reject;
        }
        if local.len() >= 32 && local.bytes().all(|b| b.is_ascii_hexdigit()) {
            return reject;
        }
        let dom_defanged = looks_defanged(dom_raw) || dom_raw.windows(3).any(|w| w.eq_ignore_ascii_case(b"dot"));
        let (domain, is_ip) = if dom_raw.first() == Some(&b'[') {
            let inner = std::str::from_utf8(&dom_raw[1..dom_raw.len() - 1]).unwrap_or("");
            if let Some(v6) = inner
                .strip_prefix("IPv6:")
                .or_else(|| inner.strip_prefix("ipv6:"))
                .or_else(|| inner.strip_prefix("IPV6:"))
            {
                if !checks::ipv6(v6) {
                    return reject;
                }
                (format!("[IPv6:{}]", v6.to_ascii_lowercase()), true)
            } else {
                let Some(ip) = checks::ipv4(inner) else { return reject };
                (format!("[{ip}]"), true)
            }
        } else {
            let (h, _) = refang_part(dom_raw);
            let h = h.to_lowercase();
            if let Some(ip) = checks::ipv4(&h) {
                if !plain_at {
                    return reject;
                }
                (ip, true)
            } else if valid_labels(&h) && checks::addressable(&h) {
                (h, false)
            } else {
                return reject;
            }
        };
        if word_at {
            let l = local.to_ascii_lowercase();
            if is_ip || words().at_stopwords.contains(l.as_str()) {
                return reject;
            }
            let accountish = local.bytes().any(|b| b.is_ascii_digit() || matches!(b, b'.' | b'_' | b'+'));
            let upper_at = at.iter().any(|b| b.is_ascii_uppercase());
            if !(dom_defanged || accountish || upper_at) {
                return reject;
            }
        }
        if spaced_at && !dom_defanged {
            return reject;
        }
        let defanged = !plain_at || dom_defanged;
        let _ = e;
        ctx.push(IndicatorKind::Email, s, ed.1, format!("{local}@{domain}"), defanged);
        ed.1
    }

    // ---------- CVE, ATT&CK ----------

    fn on_cve(&self, ctx: &mut Ctx, s: usize, e: usize, cy: (usize, usize), cn: (usize, usize)) {
        let t = ctx.t();
        if s > 0 && is_alnum(t[s - 1]) || e < t.len() && is_alnum(t[e]) {
            return;
        }
        let year: u32 = std::str::from_utf8(&t[cy.0..cy.1]).unwrap().parse().unwrap_or(0);
        let num = std::str::from_utf8(&t[cn.0..cn.1]).unwrap();
        ctx.push(IndicatorKind::Cve, s, e, format!("CVE-{year}-{num}"), false);
    }

    fn on_attack(&self, ctx: &mut Ctx, s: usize, e: usize) {
        let t = ctx.t();
        if s > 0 && is_alnum(t[s - 1]) {
            return;
        }
        if e < t.len() && (is_alnum(t[e]) || t[e] == b'_') {
            return;
        }
        if e + 1 < t.len() && t[e] == b'.' && t[e + 1].is_ascii_digit() {
            return;
        }
        let id = std::str::from_utf8(&t[s..e]).unwrap().to_ascii_uppercase();
        if !self.valid_attack(&id) {
            return;
        }
        ctx.push(IndicatorKind::AttackTechnique, s, e, id, false);
    }

    fn valid_attack(&self, id: &str) -> bool {
        if self.attack.contains(id) {
            return true;
        }
        // A sub-technique of a technique the list knows: MITRE adds sub-techniques in every
        // release, and the list is one release's (docs/indicators.md).
        if let Some((technique, sub)) = id.split_once('.') {
            if self.attack.contains(technique) && matches!(sub.parse::<u32>(), Ok(1..=ATTACK_MAX_SUBTECHNIQUE)) {
                return true;
            }
        }
        if !ATTACK_RANGE_FALLBACK {
            return false;
        }
        let n: u32 = id[1..5].parse().unwrap_or(0);
        let sub_ok = match id.get(6..) {
            None => true,
            Some(sub) => matches!(sub.parse::<u32>(), Ok(1..=20)),
        };
        (1001..=1699).contains(&n) && sub_ok
    }

    // ---------- registry keys and Windows paths ----------

    fn on_reg(&self, ctx: &mut Ctx, s: usize, e: usize, hive: (usize, usize)) -> usize {
        let t = ctx.t();
        if s > 0 && (is_alnum(t[s - 1]) || t[s - 1] == b'_') {
            return e;
        }
        let mut after_hive = hive.1;
        if t.get(after_hive) == Some(&b'>') {
            if t[s] != b'<' {
                return e;
            }
            after_hive += 1;
        } else if t[s] == b'<' {
            return e;
        }
        let end = path_end(t, after_hive, e);
        if end <= after_hive + 1 {
            return e;
        }
        let body = std::str::from_utf8(&t[after_hive..end]).unwrap_or("");
        if body.matches('<').count() != body.matches('>').count() {
            return e;
        }
        // every segment names something: at least one letter or digit, the first one starting
        // with a letter, digit or one of ". _ { < $"
        let segs: Vec<&str> = body.split('\\').filter(|x| !x.is_empty()).collect();
        if segs.is_empty()
            || !segs.iter().all(|x| x.bytes().any(|b| b.is_ascii_alphanumeric()))
            || !segs[0].bytes().next().is_some_and(|b| b.is_ascii_alphanumeric() || b".{<$_".contains(&b))
        {
            return e;
        }
        let hive_s = std::str::from_utf8(&t[hive.0..hive.1]).unwrap().to_ascii_uppercase();
        let body = collapse_backslashes(body);
        let body = body.trim_end_matches('\\');
        if body.len() < 2 {
            return e;
        }
        ctx.push(IndicatorKind::RegistryKey, s, end, format!("{hive_s}{body}"), false);
        end
    }

    fn on_winpath(&self, ctx: &mut Ctx, s: usize, e: usize) -> usize {
        let t = ctx.t();
        if s > 0 && (is_alnum(t[s - 1]) || matches!(t[s - 1], b'_' | b'\\' | b'/')) {
            return e;
        }
        let unc = t[s] == b'\\';
        let root_end = if unc { s + 2 } else { t[s..e].iter().position(|&b| b == b'\\').map_or(e, |p| s + p) };
        let end = path_end(t, root_end, e);
        let body = std::str::from_utf8(&t[s..end]).unwrap_or("");
        if body.contains(['*', '?', '|', '"']) {
            return end;
        }
        // no ':' after the drive, and every segment names something
        let after_root = &body[root_end - s..];
        if after_root.contains(':')
            || !after_root.split('\\').filter(|x| !x.is_empty()).all(|x| x.bytes().any(|b| b.is_ascii_alphanumeric()))
        {
            return end;
        }
        let comps = body[root_end - s..].split('\\').filter(|c| !c.trim().is_empty()).count();
        if comps < if unc { 2 } else { 1 } {
            return e;
        }
        let value = if unc { format!("\\\\{}", collapse_backslashes(&body[2..])) } else { collapse_backslashes(body) };
        ctx.push(IndicatorKind::FilePath, s, end, value, false);
        end
    }

    fn on_unix(&self, ctx: &mut Ctx, s: usize, e: usize) -> usize {
        let t = ctx.t();
        if s > 0
            && (is_alnum(t[s - 1])
                || matches!(t[s - 1], b'_' | b'-' | b'.' | b'/' | b':' | b'\\' | b'~' | b'%' | b'=' | b'<'))
        {
            return e;
        }
        let mut end = e;
        // the last segment ends at its first space
        if let Some(last_slash) = t[s..end].iter().rposition(|&b| b == b'/') {
            if let Some(sp) = t[s + last_slash..end].iter().position(|&b| b == b' ') {
                end = s + last_slash + sp;
            }
        }
        end = trim_trailing(t, s, end, b".,;:!?'\"`)]}>");
        let body = std::str::from_utf8(&t[s..end]).unwrap_or("");
        let comps: Vec<&str> = body.trim_start_matches(['~', '.']).split('/').filter(|c| !c.is_empty()).collect();
        if comps.len() < 2
            || comps.iter().all(|c| c.bytes().all(|b| b.is_ascii_digit()))
            || !comps.iter().all(|c| c.bytes().any(|b| b.is_ascii_alphanumeric()))
        {
            return e;
        }
        ctx.push(IndicatorKind::FilePath, s, end, body.to_string(), false);
        end
    }

    fn on_handle(&self, ctx: &mut Ctx, s: usize, e: usize) -> bool {
        let t = ctx.t();
        if s > 0 && (is_alnum(t[s - 1]) || matches!(t[s - 1], b'.' | b'_' | b'%' | b'+' | b'-' | b'/' | b'@' | b'\\')) {
            return false;
        }
        if e < t.len() && (is_alnum(t[e]) || t[e] == b'@' || (t[e] == b'.' && e + 1 < t.len() && is_alnum(t[e + 1]))) {
            return false;
        }
        let name = &t[s + 1..e];
        if !name.iter().any(|b| b.is_ascii_alphabetic()) {
            return false;
        }
        ctx.push(IndicatorKind::Handle, s, e, String::from_utf8_lossy(&t[s..e]).into_owned(), false);
        true
    }

    // ---------- IPv6 ----------

    fn on_v6(&self, ctx: &mut Ctx, s: usize, e: usize) -> usize {
        let t = ctx.t();
        let mut end = e;
        while end > s && t[end - 1] == b'.' {
            end -= 1;
        }
        if s > 0 && (is_alnum(t[s - 1]) || matches!(t[s - 1], b':' | b'.')) {
            return e;
        }
        if end < t.len() && (is_alnum(t[end]) || t[end] == b':') {
            return e;
        }
        let v = std::str::from_utf8(&t[s..end]).unwrap_or("");
        // at least two groups written out ("::1" aside): "9::" or "a::" in text is not an address
        let groups = v.split(':').filter(|g| !g.is_empty()).count();
        if v.bytes().filter(|&b| b == b':').count() < 2 || !checks::ipv6(v) || (groups < 2 && v != "::1") {
            return e;
        }
        ctx.push(IndicatorKind::Ipv6, s, end, v.to_ascii_lowercase(), false);
        end
    }

    // ---------- hosts: IPv4, domains, scheme-less URLs ----------

    #[allow(clippy::too_many_arguments)]
    fn on_host(
        &self,
        ctx: &mut Ctx,
        s0: usize,
        e: usize,
        hh: (usize, usize),
        hp: Option<(usize, usize)>,
        hr: Option<(usize, usize)>,
        scope: Scope,
    ) -> usize {
        let t = ctx.t();
        let mut s = s0;
        // inside a URL, "%2Fexample.com" is an encoded '/' followed by the host
        if scope == Scope::InUrl
            && s >= 1
            && t[s - 1] == b'%'
            && hh.1 - s > 2
            && t[s].is_ascii_hexdigit()
            && t[s + 1].is_ascii_hexdigit()
        {
            s += 2;
        }
        if hp.is_none() && hr.is_none() {
            // cheap rejections of the commonest non-hosts: "U.S", "e.g", "3.5", "2024.09.23"
            let raw = &t[s..hh.1];
            if !looks_defanged(raw) {
                if raw.iter().all(|b| b.is_ascii_digit() || *b == b'.') {
                    if raw.iter().filter(|&&b| b == b'.').count() != 3 {
                        return hh.1;
                    }
                } else if raw.rsplit(|&b| b == b'.').next().unwrap_or(b"").len() < 2 {
                    return hh.1;
                }
            }
        }
        let (host, host_defanged) = refang_part(&t[s..hh.1]);
        let labels: Vec<&str> = host.split('.').collect();
        if labels.iter().all(|l| !l.is_empty() && l.bytes().all(|b| b.is_ascii_digit())) {
            // IPv4, or a version number / OID / date
            if labels.len() != 4 {
                return hh.1;
            }
            let Some(ip) = checks::ipv4(&host) else { return hh.1 };
            // a lone dot in front (".18.12.15.14") reads as the tail of a longer dotted number
            let lone_dot = s > 0 && t[s - 1] == b'.' && (s < 2 || t[s - 2] != b'.');
            if s > 0 && t[s - 1].is_ascii_digit() || lone_dot || version_context(t, s) || version_after(t, hh.1) {
                return hh.1;
            }
            return self.host_found(ctx, s, hh, hp, hr, ip, IndicatorKind::Ipv4, host_defanged, scope);
        }
        let lower = host.to_lowercase();
        let ok = valid_labels(&lower)
            && checks::registrable(&lower)
            && self.domain_guards(t, s, hh.1, &host, host_defanged, hr.is_some(), scope);
        if !ok {
            self.inner_scan(ctx, s, hh.1);
            return hh.1;
        }
        let _ = e;
        self.host_found(ctx, s, hh, hp, hr, lower, IndicatorKind::Domain, host_defanged, scope)
    }

    #[allow(clippy::too_many_arguments)]
    fn host_found(
        &self,
        ctx: &mut Ctx,
        s: usize,
        hh: (usize, usize),
        hp: Option<(usize, usize)>,
        hr: Option<(usize, usize)>,
        host: String,
        kind: IndicatorKind,
        defanged: bool,
        scope: Scope,
    ) -> usize {
        let t = ctx.t();
        if let (Some(r), Scope::Top) = (hr, scope) {
            let end = url_end(t, s, r.0, r.1);
            let path = &t[r.0..end];
            let cidr = kind == IndicatorKind::Ipv4
                && hp.is_none()
                && path.len() >= 2
                && path.len() <= 3
                && path[0] == b'/'
                && path[1..].iter().all(|b| b.is_ascii_digit());
            if !cidr && end > r.0 {
                let (rest, rd) = refang_part(&t[hh.1..end]);
                ctx.push(IndicatorKind::Url, s, end, format!("{host}{rest}"), defanged || rd);
                self.nested(ctx, r.0, end);
                return end;
            }
        }
        ctx.push(kind, s, hh.1, host, defanged);
        hh.1
    }

    /// False-positive guards for a syntactically valid registrable name.
    #[allow(clippy::too_many_arguments)]
    fn domain_guards(
        &self,
        t: &[u8],
        s: usize,
        e: usize,
        host: &str,
        defanged: bool,
        has_path: bool,
        _scope: Scope,
    ) -> bool {
        let labels: Vec<&str> = host.split('.').collect();
        let tld = *labels.last().unwrap();
        let tld_l = tld.to_ascii_lowercase();
        let spaced_dot = t[s..e].windows(3).any(|w| w.eq_ignore_ascii_case(b"dot")) && t[s..e].contains(&b' ');
        if spaced_dot {
            if labels.iter().any(|l| words().dot_stopwords.contains(l.to_ascii_lowercase().as_str())) {
                return false;
            }
            // a lower-case " dot " is ordinary prose ("go dot com") unless the name is also
            // defanged some other way; " DOT " in capitals is accepted
            let raw = &t[s..e];
            let upper = raw.windows(5).any(|w| w == b" DOT " || w == b"\tDOT ");
            let bracketed = raw.iter().any(|b| matches!(b, b'[' | b'(' | b'{' | b'\\'));
            if !upper && !bracketed {
                return false;
            }
        }
        if defanged {
            return true;
        }
        // file names: "payload.zip", "abc.py" (a scheme-less URL path keeps them as hosts)
        if !has_path && words().file_extensions.contains(tld_l.as_str()) {
            return false;
        }
        // AV detection names: "Trojan.Win32.Agent", "W64/BurntCigar.CA!tr"
        if labels.iter().any(|l| words().av_platforms.contains(l.to_ascii_lowercase().as_str())) {
            return false;
        }
        if is_titlecase(labels[0]) && words().av_prefixes.contains(labels[0].to_ascii_lowercase().as_str()) {
            return false;
        }
        if e < t.len() && t[e] == b'!' {
            return false;
        }
        if s > 0 && t[s - 1] == b'/' {
            let before = &t[..s - 1];
            let w0 = before.iter().rposition(|b| !is_alnum(*b)).map_or(0, |p| p + 1);
            let word = std::str::from_utf8(&before[w0..]).unwrap_or("").to_ascii_lowercase();
            if words().av_platforms.contains(word.as_str())
                || words().av_prefixes.contains(word.as_str())
                || word == "win"
            {
                return false;
            }
        }
        // framework names written like hosts
        if tld == "NET" && matches!(labels[0], "ASP" | "VB" | "ADO") && labels.len() == 2 {
            return false;
        }
        // code: "System.Net", "document.write(" (a Titlecase TLD is how code spells namespaces)
        if is_titlecase(tld) && tld.len() > 1 {
            return false;
        }
        if e < t.len() && t[e] == b'(' {
            return false;
        }
        true
    }

    fn inner_scan(&self, ctx: &mut Ctx, from: usize, to: usize) {
        // a dotted quad has four digits at least, a token 25 letters and digits in a row
        let span = &ctx.t()[from..to];
        let longest_run = span.split(|b| !b.is_ascii_alphanumeric()).map(<[u8]>::len).max().unwrap_or(0);
        if span.iter().filter(|b| b.is_ascii_digit()).count() < 4 && longest_run < 25 {
            return;
        }
        let mut locs = self.inner.capture_locations();
        let mut pos = from;
        while pos < to {
            let hay = &ctx.t()[..to];
            let Some(m) = self.inner.captures_read_at(&mut locs, hay, pos) else { break };
            let (s, e) = (m.start(), m.end());
            if locs.get(self.g.i_ip).is_some() {
                let t = ctx.t();
                let left_ok = s == 0 || !(t[s - 1].is_ascii_digit() || matches!(t[s - 1], b'.' | b']' | b')' | b'}'));
                let right_ok = !(e < t.len()
                    && (t[e].is_ascii_digit()
                        || (t[e] == b'.' && t.get(e + 1).is_some_and(|b| b.is_ascii_alphanumeric()))));
                if left_ok && right_ok && !version_context(t, s) && !version_after(t, e) {
                    let (h, d) = refang_part(&t[s..e]);
                    if let Some(ip) = checks::ipv4(&h) {
                        ctx.push(IndicatorKind::Ipv4, s, e, ip, d);
                    }
                }
            } else if locs.get(self.g.i_tok).is_some() {
                self.on_token(ctx, s, e);
            }
            pos = e.max(s + 1);
        }
    }

    // ---------- hashes and crypto addresses ----------

    fn on_token(&self, ctx: &mut Ctx, s: usize, e: usize) {
        let t = ctx.t();
        if s > 0 && is_alnum(t[s - 1]) {
            return;
        }
        let tok = std::str::from_utf8(&t[s..e]).unwrap_or("");
        let n = tok.len();
        if (tok.starts_with("0x") || tok.starts_with("0X")) && n == 42 {
            if checks::ethereum(tok) {
                ctx.push(IndicatorKind::Ethereum, s, e, tok.to_string(), false);
            }
            return;
        }
        if tok.bytes().all(|b| b.is_ascii_hexdigit()) {
            let kind = match n {
                32 => IndicatorKind::Md5,
                40 => IndicatorKind::Sha1,
                64 => IndicatorKind::Sha256,
                128 => IndicatorKind::Sha512,
                _ => return,
            };
            ctx.push(kind, s, e, tok.to_ascii_lowercase(), false);
            return;
        }
        let bech = tok.len() > 3 && tok[..3].eq_ignore_ascii_case("bc1");
        if (bech && checks::bitcoin_bech32(tok)) || (!bech && checks::bitcoin_base58(tok)) {
            ctx.push(IndicatorKind::Bitcoin, s, e, tok.to_string(), false);
        }
    }
}

const MAX_NESTED_SCAN: usize = 4096;

enum Shape {
    Attack,
    Host,
    Other,
}

/// The first place at or after `from` where 25 ASCII letters and digits follow in a row, and the
/// end of that run: the token the pattern `[0-9A-Za-z]{25,}` finds leftmost, longest.
fn token_run(t: &[u8], from: usize) -> Option<(usize, usize)> {
    let mut len = 0;
    let mut i = from;
    while i < t.len() {
        if t[i].is_ascii_alphanumeric() {
            len += 1;
            if len == TOKEN_RUN {
                let start = i + 1 - TOKEN_RUN;
                let end = t[i..].iter().position(|b| !b.is_ascii_alphanumeric()).map_or(t.len(), |n| i + n);
                return Some((start, end));
            }
        } else {
            len = 0;
        }
        i += 1;
    }
    None
}

/// Letters and digits in a row that make a token.
const TOKEN_RUN: usize = 25;

/// Which alternative of the master pattern a match must come from, when its bytes alone say so.
#[inline]
fn shape(b: &[u8]) -> Shape {
    let mut dots = 0;
    let mut plain = true; // only [A-Za-z0-9_.-]
    for &c in b {
        if c == b'.' {
            dots += 1;
        } else if !c.is_ascii_alphanumeric() && c != b'_' && c != b'-' {
            plain = false;
            break;
        }
    }
    if plain
        && matches!(b.first(), Some(b'T' | b't'))
        && (b.len() == 5 || b.len() == 9)
        && b[1..5].iter().all(u8::is_ascii_digit)
        && (b.len() == 5 || (b[5] == b'.' && b[6..].iter().all(u8::is_ascii_digit)))
    {
        return Shape::Attack;
    }
    if plain && dots > 0 && !b.windows(2).any(|w| w == b"__") {
        return Shape::Host;
    }
    Shape::Other
}

fn is_titlecase(l: &str) -> bool {
    let mut b = l.bytes();
    matches!(b.next(), Some(c) if c.is_ascii_uppercase())
        && l.bytes().skip(1).any(|c| c.is_ascii_lowercase())
        && l.bytes().skip(1).all(|c| !c.is_ascii_uppercase())
}

fn valid_labels(host: &str) -> bool {
    if host.len() > 253 {
        return false;
    }
    let labels: Vec<&str> = host.split('.').collect();
    if labels.len() < 2 {
        return false;
    }
    let tld = labels[labels.len() - 1];
    if tld.bytes().all(|b| b.is_ascii_digit()) || tld.contains('_') {
        return false;
    }
    labels.iter().all(|l| !l.is_empty() && l.len() <= 63 && !l.starts_with('-') && !l.ends_with('-'))
}

/// The refanged, lower-cased host of a URL (domain, IPv4, IPv6 or `[IPv6]`), or None if invalid.
fn host_value(raw: &[u8]) -> Option<(String, bool)> {
    let (h, defanged) = refang_part(raw);
    let h = h.to_lowercase();
    if h.starts_with('[') && h.ends_with(']') {
        return checks::ipv6(&h[1..h.len() - 1]).then_some((h, defanged));
    }
    if h.contains(':') {
        return checks::ipv6(&h).then_some((h, defanged));
    }
    if h.split('.').all(|l| !l.is_empty() && l.bytes().all(|b| b.is_ascii_digit())) {
        return checks::ipv4(&h).map(|ip| (ip, defanged));
    }
    (valid_labels(&h) && checks::addressable(&h)).then_some((h, defanged))
}

fn host_kind(h: &str) -> IndicatorKind {
    if h.starts_with('[') || h.contains(':') {
        IndicatorKind::Ipv6
    } else if checks::ipv4(h).is_some() {
        IndicatorKind::Ipv4
    } else {
        IndicatorKind::Domain
    }
}

fn canonical_scheme(l: &str) -> (String, bool) {
    let secure = l.ends_with('s') && l.len() > 3;
    let c = match l {
        "http" | "https" | "ftp" | "ftps" | "sftp" | "tftp" | "tcp" | "udp" | "ws" | "wss" | "smb" | "file" | "ssh"
        | "telnet" | "rdp" | "ldap" | "ldaps" | "irc" | "git" | "svn" | "rtsp" | "socks" | "socks4" | "socks5" => {
            return (l.to_string(), false)
        }
        _ if l.starts_with('h') => {
            if secure {
                "https"
            } else {
                "http"
            }
        }
        "ftx" => "ftp",
        _ => {
            if secure {
                "ftps"
            } else {
                "ftp"
            }
        }
    };
    (c.to_string(), true)
}

/// End of a URL: cut at the closer of an opening quote or bracket before it, at a comma in the
/// path (CSV), and strip trailing punctuation and unbalanced closers.
fn url_end(t: &[u8], s: usize, host_end: usize, e: usize) -> usize {
    let mut end = e;
    if s > 0 {
        let closer = match t[s - 1] {
            b'"' => Some(b'"'),
            b'\'' => Some(b'\''),
            b'`' => Some(b'`'),
            b'<' => Some(b'>'),
            b'(' => Some(b')'),
            b'[' => Some(b']'),
            b'{' => Some(b'}'),
            _ => None,
        };
        if let Some(c) = closer {
            let open = t[s - 1];
            let mut depth = 0i32;
            for (i, &b) in t.iter().enumerate().take(end).skip(host_end) {
                if open != c && b == open {
                    depth += 1;
                } else if b == c {
                    if depth == 0 {
                        end = i;
                        break;
                    }
                    depth -= 1;
                }
            }
        }
    }
    // CSV: a comma in the path (not the query) ends the URL
    if let Some(p) = t[host_end..end].iter().position(|&b| matches!(b, b'?' | b'#' | b',')) {
        if t[host_end + p] == b',' {
            end = host_end + p;
        }
    }
    loop {
        let new_end = trim_trailing(t, host_end, end, b".,;:!?'\"`>*");
        let mut e2 = new_end;
        if e2 > host_end {
            let last = t[e2 - 1];
            let pair = match last {
                b')' => Some(b'('),
                b']' => Some(b'['),
                b'}' => Some(b'{'),
                _ => None,
            };
            if let Some(op) = pair {
                let seg = &t[s..e2];
                let opens = seg.iter().filter(|&&b| b == op).count();
                let closes = seg.iter().filter(|&&b| b == last).count();
                if closes > opens {
                    e2 -= 1;
                }
            }
        }
        if e2 == end {
            break;
        }
        end = e2;
    }
    end
}

fn trim_trailing(t: &[u8], floor: usize, mut end: usize, chars: &[u8]) -> usize {
    while end > floor && chars.contains(&t[end - 1]) {
        end -= 1;
    }
    end
}

/// End of a registry key or Windows path matched by the segment grammar: a root-like word
/// (another hive or drive) inside a spaced segment starts a new indicator; the last segment
/// ends at its first space; trailing punctuation is dropped.
fn path_end(t: &[u8], from: usize, e: usize) -> usize {
    let mut end = e;
    // split before " HKxx\" / " C:\" inside
    let mut i = from;
    while i + 1 < end {
        if t[i] == b' ' {
            let w = &t[i + 1..end];
            let root = (w.len() >= 3 && w[0].is_ascii_alphabetic() && w[1] == b':' && w[2] == b'\\')
                || (w.len() >= 3 && w[..2].eq_ignore_ascii_case(b"HK") && w.iter().take(22).any(|&b| b == b'\\'))
                || w.first() == Some(&b'%')
                || w.first() == Some(&b'/')
                || w.starts_with(b"\\\\");
            if root {
                end = i;
                break;
            }
        }
        i += 1;
    }
    if let Some(last_bs) = t[from..end].iter().rposition(|&b| b == b'\\') {
        if let Some(sp) = t[from + last_bs..end].iter().position(|&b| b == b' ') {
            end = from + last_bs + sp;
        }
    }
    let mut end = trim_trailing(t, from, end, b".,;:!?'\"`)]}> ");
    // an unbalanced '<' left at the end belongs to the text
    while end > from && t[end - 1] == b'<' {
        end -= 1;
    }
    end
}

fn collapse_backslashes(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut prev_bs = false;
    for c in s.chars() {
        if c == '\\' && prev_bs {
            continue;
        }
        prev_bs = c == '\\';
        out.push(c);
    }
    out
}

/// Chinese for "version" (版本) and "edition, version" (版).
const ZH_VERSION: &str = "版本";
const ZH_EDITION: &str = "版";

/// A dotted quad right before the Chinese word for version ("4.2.1.7版本", "10.0.1.2 版").
fn version_after(t: &[u8], e: usize) -> bool {
    let mut i = e;
    while i < t.len() && t[i] == b' ' {
        i += 1;
    }
    t[i..].starts_with(ZH_EDITION.as_bytes())
}

/// A dotted quad right after a version word ("version 1.2.3.4", "v1.2.3.4", "Build 10.0.1.2",
/// "版本 1.2.3.4").
fn version_context(t: &[u8], s: usize) -> bool {
    let head = t[..s].strip_suffix(b" ").unwrap_or(&t[..s]);
    let head = head.strip_suffix("：".as_bytes()).or_else(|| head.strip_suffix(b":")).unwrap_or(head);
    if head.ends_with(ZH_VERSION.as_bytes()) || head.ends_with("版本号".as_bytes()) {
        return true;
    }
    if s > 0 && matches!(t[s - 1], b'v' | b'V') && (s < 2 || !is_alnum(t[s - 2])) {
        return true;
    }
    let mut i = s;
    while i > 0 && matches!(t[i - 1], b' ' | b'\t' | b'-' | b'_') {
        i -= 1;
    }
    if i == s && s > 0 && is_alnum(t[s - 1]) {
        // glued to a word: "version1.2.3.4"
    }
    let w_end = i;
    while i > 0 && (is_alnum(t[i - 1]) || t[i - 1] == b':' || t[i - 1] == b'.') {
        i -= 1;
    }
    if w_end - i > 12 {
        return false;
    }
    let w = String::from_utf8_lossy(&t[i..w_end]).to_ascii_lowercase();
    let w = w.trim_end_matches([':', '.']);
    words().version_words.contains(w)
}

#[cfg(test)]
mod bench;
#[cfg(test)]
mod tests;
