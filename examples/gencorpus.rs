//! A deterministic corpus of news-like attribution statements for benchmarks, in English and
//! Chinese: accusations, denials, hedged vendor assessments, quotes, claims of responsibility,
//! background prose with look-alikes (version numbers, file names, detection names, dates), and
//! indicators of compromise, plain and defanged, with the ground truth of every indicator written.
//!
//! ```text
//! cargo run --release --example gencorpus -- --out DIR [--mb 10] [--seed 1] [--lang en|zh|mix] [--no-txt]
//! ```
//!
//! Writes `DIR/corpus.jsonl` (one document per line: `id`, `title`, `source`, `published`,
//! `text`), `DIR/txt/<id>.txt` (the same texts, one file each; `--no-txt` skips them) and
//! `DIR/truth.jsonl` (per document, every indicator written into it: `kind`, `value` as attrib
//! normalises it, `raw` as written, `defanged`). The same seed gives the same bytes. Names come
//! from the gazetteer in `data/`; every sentence is a template of this file.

use std::fmt::Write as _;
use std::io::{BufWriter, Write};
use std::path::PathBuf;

// ---------------------------------------------------------------------------------------------
// Randomness: SplitMix64, so the corpus is the same on every platform.

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo + 1)
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
    fn pick<'a, T: ?Sized>(&mut self, xs: &'a [&'a T]) -> &'a T {
        xs[self.below(xs.len())]
    }
    fn pick_s<'a>(&mut self, xs: &'a [String]) -> &'a str {
        &xs[self.below(xs.len())]
    }
    fn hex(&mut self, n: usize) -> String {
        (0..n).map(|_| b"0123456789abcdef"[self.below(16)] as char).collect()
    }
}

// ---------------------------------------------------------------------------------------------
// Names from the gazetteer.

struct State {
    name: String,
    adjective: String,
    zh: Option<String>,
    bodies: Vec<String>,
    zh_bodies: Vec<String>,
}

struct Group {
    name: String,
    state: usize,
}

struct Names {
    states: Vec<State>,
    groups: Vec<Group>,
    vendors: Vec<String>,
    zh_vendors: Vec<String>,
    techniques: Vec<String>,
}

fn has_han(s: &str) -> bool {
    s.chars().any(|c| matches!(c as u32, 0x4E00..=0x9FFF))
}

fn plain_name(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, ' ' | '-' | '\''))
}

fn load_names() -> Names {
    let states_json: serde_json::Value =
        serde_json::from_str(include_str!("../data/states.json")).expect("data/states.json");
    let mut states = Vec::new();
    let mut codes = Vec::new();
    for s in states_json.as_array().into_iter().flatten() {
        if s["type"] != "polity" {
            continue;
        }
        let names: Vec<&str> = s["names"].as_array().into_iter().flatten().filter_map(|v| v.as_str()).collect();
        let Some(name) = names.first().filter(|n| plain_name(n)) else { continue };
        let adjective = s["demonyms"]
            .as_array()
            .and_then(|d| d.iter().filter_map(|v| v.as_str()).find(|d| plain_name(d)))
            .unwrap_or(name)
            .to_string();
        let zh = names.iter().find(|n| has_han(n)).map(|s| s.to_string());
        let mut bodies = Vec::new();
        let mut zh_bodies = Vec::new();
        for b in s["bodies"].as_array().into_iter().flatten() {
            if let Some(n) = b["name"].as_str().filter(|n| plain_name(n) && n.len() < 60) {
                bodies.push(n.to_string());
            }
            if let Some(z) =
                b["aliases"].as_array().into_iter().flatten().filter_map(|v| v.as_str()).find(|a| has_han(a))
            {
                zh_bodies.push(z.to_string());
            }
        }
        if bodies.is_empty() {
            continue;
        }
        codes.push(s["code"].as_str().unwrap_or("").to_string());
        states.push(State { name: name.to_string(), adjective, zh, bodies, zh_bodies });
    }
    let mut groups = Vec::new();
    for line in include_str!("../data/groups.jsonl").lines() {
        let Ok(g) = serde_json::from_str::<serde_json::Value>(line) else { continue };
        let (Some(name), Some(country)) = (g["name"].as_str(), g["country"].as_str()) else { continue };
        let Some(state) = codes.iter().position(|c| c == country) else { continue };
        if plain_name(name) && name.len() > 3 {
            groups.push(Group { name: name.to_string(), state });
        }
    }
    let orgs: toml::Table = toml::from_str(include_str!("../data/organisations.toml")).expect("organisations");
    let mut vendors = Vec::new();
    let mut zh_vendors = Vec::new();
    for o in orgs.get("org").and_then(|v| v.as_array()).into_iter().flatten() {
        if o.get("kind").and_then(|k| k.as_str()) != Some("vendor") {
            continue;
        }
        if let Some(n) = o.get("name").and_then(|n| n.as_str()).filter(|n| plain_name(n)) {
            vendors.push(n.to_string());
        }
        let aliases = o.get("aliases").and_then(|a| a.as_array());
        if let Some(z) = aliases.into_iter().flatten().filter_map(|a| a.as_str()).find(|a| has_han(a)) {
            zh_vendors.push(z.to_string());
        }
    }
    let techniques = include_str!("../data/attack-techniques.txt")
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with('T'))
        .map(str::to_string)
        .collect();
    Names { states, groups, vendors, zh_vendors, techniques }
}

// ---------------------------------------------------------------------------------------------
// Indicators.

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
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
    Attack,
    Bitcoin,
    Ethereum,
    Registry,
    FilePath,
    Handle,
}

impl Kind {
    fn as_str(self) -> &'static str {
        match self {
            Kind::Ipv4 => "ipv4",
            Kind::Ipv6 => "ipv6",
            Kind::Domain => "domain",
            Kind::Url => "url",
            Kind::Email => "email",
            Kind::Md5 => "md5",
            Kind::Sha1 => "sha1",
            Kind::Sha256 => "sha256",
            Kind::Sha512 => "sha512",
            Kind::Cve => "cve",
            Kind::Attack => "attack_technique",
            Kind::Bitcoin => "bitcoin",
            Kind::Ethereum => "ethereum",
            Kind::Registry => "registry_key",
            Kind::FilePath => "file_path",
            Kind::Handle => "handle",
        }
    }
}

struct Ioc {
    kind: Kind,
    value: String,
    raw: String,
    defanged: bool,
}

const WORDS: &[&str] = &[
    "update", "secure", "cloud", "mail", "login", "portal", "sync", "cdn", "static", "office", "verify", "account",
    "service", "support", "news", "media", "data", "files", "share", "docs", "online", "web", "api", "gov", "info",
    "center", "hub", "net", "link", "drive", "auth", "check", "report", "status", "alert", "global", "micro", "system",
    "tech", "soft", "north", "east", "river", "stone", "blue", "green", "silver", "delta", "nova",
];
const TLDS: &[&str] = &[
    "com", "com", "com", "net", "net", "org", "info", "ru", "cn", "io", "co.uk", "xyz", "top", "online", "site", "biz",
    "com.cn", "jp", "kr", "in", "ir", "tw", "de", "fr", "us", "cc", "tk", "club", "live", "org.uk",
];
const PATHS: &[&str] = &[
    "/gate.php",
    "/wp-content/uploads/2024/05/update.js",
    "/index.html",
    "/login.aspx",
    "/api/v2/check",
    "/download/setup.exe",
    "/images/logo.png",
    "/owa/auth/logon.aspx",
    "/c2/beacon",
    "/s/a8f3k2",
    "/files/invoice.docm",
    "/update/patch.bin",
    "/news/article.jsp",
    "/panel/admin.php",
];
const FIRST: &[&str] = &[
    "john", "anna", "li", "wei", "maria", "ivan", "sara", "ali", "kim", "chen", "david", "olga", "reza", "yuki", "tom",
    "info", "admin", "support", "hr", "press", "security", "noreply", "billing",
];

fn label(r: &mut Rng) -> String {
    let mut l = r.pick(WORDS).to_string();
    match r.below(4) {
        0 => {
            l.push('-');
            l.push_str(r.pick(WORDS));
        }
        1 => l.push_str(&r.range(1, 99).to_string()),
        2 => {
            l.push('-');
            l.push_str(&r.hex(4));
        }
        _ => {}
    }
    l
}

fn domain_name(r: &mut Rng) -> String {
    let mut d = label(r);
    if r.chance(25) {
        d = format!("{}.{d}", r.pick(&["www", "mail", "cdn", "api", "login", "ns1", "vpn", "docs"]));
    }
    format!("{d}.{}", r.pick(TLDS))
}

fn ipv4(r: &mut Rng) -> [u64; 4] {
    let first = loop {
        let f = r.range(1, 223);
        if f != 10 && f != 127 {
            break f;
        }
    };
    [first, r.range(0, 255), r.range(0, 255), r.range(1, 254)]
}

fn ipv6(r: &mut Rng) -> String {
    let groups: Vec<String> = (0..8).map(|_| format!("{:x}", r.range(0, 0xffff))).collect();
    match r.below(3) {
        0 => groups.join(":"),
        1 => format!("2001:db8:{}::{}", groups[2], groups[7]),
        _ => format!(
            "{}:{}:{}:{}::{}",
            r.pick(&["2a01", "2604", "2400", "2a02"]),
            groups[1],
            groups[2],
            groups[3],
            groups[7]
        ),
    }
}

/// The dot of a defanged host, chosen once per indicator.
fn defang_dot(r: &mut Rng) -> &'static str {
    r.pick(&["[.]", "[.]", "[.]", "(.)", "[dot]", "{.}"])
}

/// `host` with its last dot, or all its dots, written defanged.
fn defang_host(r: &mut Rng, host: &str) -> String {
    let dot = defang_dot(r);
    if r.chance(50) {
        host.replace('.', dot)
    } else {
        let i = host.rfind('.').unwrap();
        format!("{}{dot}{}", &host[..i], &host[i + 1..])
    }
}

fn base58(bytes: &[u8]) -> String {
    const A: &[u8] = b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    let mut digits: Vec<u8> = Vec::new();
    for &b in bytes {
        let mut carry = b as u32;
        for d in digits.iter_mut() {
            carry += (*d as u32) << 8;
            *d = (carry % 58) as u8;
            carry /= 58;
        }
        while carry > 0 {
            digits.push((carry % 58) as u8);
            carry /= 58;
        }
    }
    let zeros = bytes.iter().take_while(|&&b| b == 0).count();
    std::iter::repeat_n('1', zeros).chain(digits.iter().rev().map(|&d| A[d as usize] as char)).collect()
}

fn bitcoin_base58(r: &mut Rng) -> String {
    use sha2::{Digest, Sha256};
    let mut payload = vec![if r.chance(70) { 0u8 } else { 5u8 }];
    payload.extend((0..20).map(|_| r.below(256) as u8));
    let check = Sha256::digest(Sha256::digest(&payload));
    payload.extend_from_slice(&check[..4]);
    base58(&payload)
}

fn bech32_polymod(values: &[u8]) -> u32 {
    const GEN: [u32; 5] = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
    let mut chk = 1u32;
    for &v in values {
        let top = chk >> 25;
        chk = ((chk & 0x1ffffff) << 5) ^ v as u32;
        for (i, g) in GEN.iter().enumerate() {
            if (top >> i) & 1 == 1 {
                chk ^= g;
            }
        }
    }
    chk
}

/// A SegWit v0 address (P2WPKH, 20-byte program) with its Bech32 checksum.
fn bitcoin_bech32(r: &mut Rng) -> String {
    const CHARSET: &[u8] = b"qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    let program: Vec<u8> = (0..20).map(|_| r.below(256) as u8).collect();
    let mut data = vec![0u8]; // witness version 0
    let (mut acc, mut bits) = (0u32, 0u32);
    for &b in &program {
        acc = (acc << 8) | b as u32;
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            data.push(((acc >> bits) & 31) as u8);
        }
    }
    if bits > 0 {
        data.push(((acc << (5 - bits)) & 31) as u8);
    }
    let hrp = b"bc";
    let mut values: Vec<u8> = hrp.iter().map(|c| c >> 5).collect();
    values.push(0);
    values.extend(hrp.iter().map(|c| c & 31));
    values.extend(&data);
    values.extend([0u8; 6]);
    let pm = bech32_polymod(&values) ^ 1;
    let mut s = String::from("bc1");
    for d in &data {
        s.push(CHARSET[*d as usize] as char);
    }
    for i in 0..6 {
        s.push(CHARSET[((pm >> (5 * (5 - i))) & 31) as usize] as char);
    }
    s
}

fn make_ioc(r: &mut Rng, kind: Kind, names: &Names, defang: bool) -> Ioc {
    let plain = |kind, v: String| Ioc { kind, raw: v.clone(), value: v, defanged: false };
    match kind {
        Kind::Ipv4 => {
            let ip = ipv4(r);
            let value = format!("{}.{}.{}.{}", ip[0], ip[1], ip[2], ip[3]);
            if defang {
                Ioc { kind, raw: defang_host(r, &value), value, defanged: true }
            } else {
                plain(kind, value)
            }
        }
        Kind::Ipv6 => plain(kind, ipv6(r)),
        Kind::Domain => {
            let value = domain_name(r);
            if defang {
                Ioc { kind, raw: defang_host(r, &value), value, defanged: true }
            } else {
                plain(kind, value)
            }
        }
        Kind::Url => {
            let host = if r.chance(20) {
                let ip = ipv4(r);
                format!("{}.{}.{}.{}", ip[0], ip[1], ip[2], ip[3])
            } else {
                domain_name(r)
            };
            let port = if r.chance(15) {
                format!(":{}", r.pick(&["8080", "443", "8443", "4444", "81"]))
            } else {
                String::new()
            };
            let mut path = r.pick(PATHS).to_string();
            if r.chance(30) {
                let _ = write!(path, "?id={}", r.hex(8));
            }
            let secure = r.chance(60);
            let scheme = if secure { "https" } else { "http" };
            let value = format!("{scheme}://{host}{port}{path}");
            if defang {
                let (sch, sep) = match r.below(5) {
                    0 | 1 => (if secure { "hxxps" } else { "hxxp" }, "://"),
                    2 => (if secure { "hXXps" } else { "hXXp" }, "://"),
                    3 => (scheme, "[:]//"),
                    _ => (if secure { "hxxps" } else { "hxxp" }, "[://]"),
                };
                let h = if r.chance(80) { defang_host(r, &host) } else { host.clone() };
                Ioc { kind, raw: format!("{sch}{sep}{h}{port}{path}"), value, defanged: true }
            } else {
                plain(kind, value)
            }
        }
        Kind::Email => {
            let local = match r.below(3) {
                0 => r.pick(FIRST).to_string(),
                1 => format!("{}.{}", r.pick(FIRST), r.pick(&["wang", "smith", "ivanov", "lee", "karimi", "tanaka"])),
                _ => format!("{}{}", r.pick(FIRST), r.range(1, 999)),
            };
            let dom = format!("{}.{}", label(r), r.pick(TLDS));
            let value = format!("{local}@{dom}");
            if defang {
                let raw = match r.below(4) {
                    0 => format!("{local}[at]{}", defang_host(r, &dom)),
                    1 => format!("{local}[@]{}", defang_host(r, &dom)),
                    2 => format!("{local}@{}", defang_host(r, &dom)),
                    _ => format!("{local}(at){}", dom.replace('.', "(dot)")),
                };
                Ioc { kind, raw, value, defanged: true }
            } else {
                plain(kind, value)
            }
        }
        Kind::Md5 => plain(kind, r.hex(32)),
        Kind::Sha1 => plain(kind, r.hex(40)),
        Kind::Sha256 => plain(kind, r.hex(64)),
        Kind::Sha512 => plain(kind, r.hex(128)),
        Kind::Cve => plain(kind, format!("CVE-{}-{}", r.range(2014, 2025), r.range(1000, 49999))),
        Kind::Attack => plain(kind, r.pick_s(&names.techniques).to_string()),
        Kind::Bitcoin => plain(kind, if r.chance(70) { bitcoin_base58(r) } else { bitcoin_bech32(r) }),
        Kind::Ethereum => plain(kind, format!("0x{}", r.hex(40))),
        Kind::Registry => {
            let v = format!(
                "{}\\Software\\Microsoft\\Windows\\CurrentVersion\\{}\\{}",
                r.pick(&["HKCU", "HKLM", "HKEY_CURRENT_USER", "HKEY_LOCAL_MACHINE"]),
                r.pick(&["Run", "RunOnce", "Explorer"]),
                r.pick(&["Updater", "OneDriveSync", "SecurityHealth", "svc"])
            );
            plain(kind, v)
        }
        Kind::FilePath => {
            let v = if r.chance(60) {
                format!(
                    "C:\\{}\\{}.{}",
                    r.pick(&[
                        "Users\\Public\\Libraries",
                        "ProgramData\\Microsoft\\Crypto",
                        "Windows\\Temp",
                        "Users\\Public"
                    ]),
                    r.pick(&["svchost", "update", "msedge_helper", "rundll", "winlogin"]),
                    r.pick(&["exe", "dll", "dat", "ps1"])
                )
            } else {
                format!(
                    "/{}/{}",
                    r.pick(&["tmp/.cache", "var/tmp", "usr/lib/systemd", "etc/cron.d", "dev/shm"]),
                    r.pick(&["kworker", "sshd-helper", "dbus-update", "httpd2"])
                )
            };
            plain(kind, v)
        }
        Kind::Handle => plain(
            kind,
            format!(
                "@{}{}",
                r.pick(&["cyber", "team", "anon", "hack", "free"]),
                r.pick(&["_army", "ops", "_leaks", "news", "_x"])
            ),
        ),
    }
}

const ALL: [Kind; 16] = [
    Kind::Ipv4,
    Kind::Ipv6,
    Kind::Domain,
    Kind::Url,
    Kind::Email,
    Kind::Md5,
    Kind::Sha1,
    Kind::Sha256,
    Kind::Sha512,
    Kind::Cve,
    Kind::Attack,
    Kind::Bitcoin,
    Kind::Ethereum,
    Kind::Registry,
    Kind::FilePath,
    Kind::Handle,
];

/// A kind at the rates indicators turn up in reporting: network indicators and hashes most.
fn pick_kind(r: &mut Rng) -> Kind {
    const W: [u64; 16] = [16, 3, 14, 14, 7, 7, 5, 12, 2, 8, 5, 2, 1, 2, 2, 2];
    let total: u64 = W.iter().sum();
    let mut x = r.next() % total;
    for (k, w) in ALL.iter().zip(W) {
        if x < w {
            return *k;
        }
        x -= w;
    }
    Kind::Ipv4
}

fn can_defang(k: Kind) -> bool {
    matches!(k, Kind::Ipv4 | Kind::Domain | Kind::Url | Kind::Email)
}

// ---------------------------------------------------------------------------------------------
// Documents.

struct Doc {
    title: String,
    text: String,
    iocs: Vec<Ioc>,
}

struct Cast<'a> {
    accuser: &'a State,
    accused: &'a State,
    body: &'a str,
    group: &'a str,
    vendor: &'a str,
    target: &'static str,
    zh_target: &'static str,
    person: String,
}

const TARGETS: &[(&str, &str)] = &[
    ("government websites", "政府网站"),
    ("a regional power grid operator", "一家地区电网运营商"),
    ("the foreign ministry's e-mail servers", "外交部的电子邮件服务器"),
    ("several telecommunications companies", "多家电信运营商"),
    ("a major hospital network", "一家大型医院网络"),
    ("defence contractors", "国防承包商"),
    ("the national election commission", "国家选举委员会"),
    ("water utilities", "供水企业"),
    ("a semiconductor manufacturer", "一家半导体制造商"),
    ("universities and research institutes", "高校和科研机构"),
    ("a cryptocurrency exchange", "一家加密货币交易所"),
    ("the ports authority", "港务管理部门"),
];
const SURNAMES: &[&str] =
    &["Chen", "Walker", "Novak", "Tanaka", "Haddad", "Kowalski", "Lindqvist", "Okafor", "Reyes", "Park"];
const GIVEN: &[&str] = &["Laura", "Daniel", "Mei", "Tomas", "Aisha", "Peter", "Hana", "Samuel", "Irina", "Jonas"];
const WEEKDAYS: &[&str] = &["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];
const OUTLETS: &[&str] = &["Reuters", "the Associated Press", "AFP", "the BBC", "Bloomberg"];

/// Sentences that carry one indicator, English; `{}` is the indicator.
fn en_ioc_sentence(r: &mut Rng, kind: Kind) -> &'static str {
    match kind {
        Kind::Ipv4 => r.pick(&[
            "The malware connected to a command-and-control server at {}.",
            "Investigators traced the intrusion to {}, an address hosted by a provider abroad.",
            "Traffic from {} was seen scanning the ministry's network for weeks.",
        ]),
        Kind::Ipv6 => r.pick(&[
            "The operators also used the IPv6 address {} for exfiltration.",
            "A second server, {}, relayed the stolen files.",
        ]),
        Kind::Domain => r.pick(&[
            "The group registered {} to imitate the agency's webmail page.",
            "Victims were lured to {}, which hosted a fake login form.",
            "The implant resolved {} to find its controller.",
        ]),
        Kind::Url => r.pick(&[
            "The second-stage payload was downloaded from {}.",
            "Phishing messages carried a link to {} that harvested passwords.",
            "The backdoor sent its beacons to {} every ten minutes.",
        ]),
        Kind::Email => r.pick(&[
            "The phishing e-mails were sent from {}.",
            "Ransom demands arrived from the address {}.",
            "The actors posed as recruiters writing from {}.",
        ]),
        Kind::Md5 | Kind::Sha1 | Kind::Sha256 | Kind::Sha512 => r.pick(&[
            "The agency published the hash of the dropper, {}, so that companies could check their systems.",
            "One sample, with the hash {}, was signed with a stolen certificate.",
            "Researchers shared the file hash {} with partners.",
        ]),
        Kind::Cve => r.pick(&[
            "The attackers exploited {}, a flaw in a widely used VPN appliance.",
            "Initial access came through {}, which had been patched months earlier.",
        ]),
        Kind::Attack => r.pick(&[
            "The advisory maps the activity to ATT&CK technique {}.",
            "Analysts observed technique {} in the later stages of the intrusion.",
        ]),
        Kind::Bitcoin => {
            r.pick(&["The ransom note asked for payment to the bitcoin wallet {}.", "Donations were requested at {}."])
        }
        Kind::Ethereum => r.pick(&["Stolen funds were moved through the Ethereum address {}."]),
        Kind::Registry => r.pick(&[
            "For persistence the malware wrote the registry key {}.",
            "The implant survived reboots through {}.",
        ]),
        Kind::FilePath => r.pick(&[
            "The loader dropped a copy of itself as {} on infected hosts.",
            "A web shell was found at {} on the server.",
        ]),
        Kind::Handle => r.pick(&[
            "The group posted its claims on X under the name {}.",
            "A Telegram channel run by {} shared the stolen files.",
        ]),
    }
}

fn zh_ioc_sentence(r: &mut Rng, kind: Kind) -> &'static str {
    match kind {
        Kind::Ipv4 => r.pick(&[
            "恶意软件连接的控制服务器地址为{}。",
            "调查人员将入侵活动追溯至境外IP地址{}，",
            "技术人员发现{}长期对网络进行扫描。",
        ]),
        Kind::Ipv6 => r.pick(&["攻击者还使用了IPv6地址{}传输窃取的数据。"]),
        Kind::Domain => r.pick(&["该组织注册了仿冒域名{}，用于伪装成政府邮箱登录页面。", "受害者被诱导访问{}，"]),
        Kind::Url => r.pick(&["第二阶段载荷从{}下载。", "钓鱼邮件中包含指向{} 的链接。"]),
        Kind::Email => r.pick(&["钓鱼邮件的发件地址为{}。", "勒索信息来自邮箱{} 。"]),
        Kind::Md5 | Kind::Sha1 | Kind::Sha256 | Kind::Sha512 => {
            r.pick(&["样本哈希值为{}。", "其中一个样本（哈希值{}）使用了被盗的数字证书。"])
        }
        Kind::Cve => r.pick(&["攻击者利用了{}漏洞，", "初始入侵利用了已公开数月的漏洞{}。"]),
        Kind::Attack => r.pick(&["报告将相关活动对应为ATT&CK技术{}。"]),
        Kind::Bitcoin => r.pick(&["勒索信要求向比特币钱包{}付款。"]),
        Kind::Ethereum => r.pick(&["被盗资金通过以太坊地址{}转移。"]),
        Kind::Registry => r.pick(&["恶意软件通过写入注册表项{} 实现持久化。"]),
        Kind::FilePath => r.pick(&["加载器将自身复制为{} 。"]),
        Kind::Handle => r.pick(&["该组织在社交平台上以{} 的名义发布声明。"]),
    }
}

/// Background sentences; some hold look-alikes of indicators that are not indicators.
const EN_FILLER: &[&str] = &[
    "The exchange comes at a time of heightened tension between the two governments.",
    "Officials declined to say how many systems had been affected or whether any data had been stolen.",
    "The company said version 4.2.1.7 of its client fixed the flaw, which affected about 3.5 percent of users.",
    "Investigators found files named invoice.pdf and setup.exe on the compromised machines.",
    "Detections included Trojan.Win32.Agent and Backdoor.Linux.Mirai, the vendor wrote.",
    "The U.S. and its allies have stepped up public attributions in recent years, e.g. in joint advisories.",
    "Cyber operations are now a routine part of statecraft, and few governments admit to them.",
    "The incident was first reported on 2024.09.23 by a local newspaper.",
    "Experts say attribution based on code overlap alone is often unreliable.",
    "It was not clear whether the attackers had paid for access or built the tools themselves.",
    "The outage lasted about six hours, and services were restored by the evening.",
    "Chrome 120.0.6099.109 and Windows 10 were among the affected products.",
    "Companies were urged to apply patches, reset passwords and enable multi-factor authentication.",
    "Comments are moderated before they appear, and we never display your e-mail address.",
    "The ministry said the investigation was continuing and more details would follow.",
    "Parliament is expected to debate new cyber-security legislation later this year.",
    "Analysts noted that the same tools had been sold on criminal forums, which complicates any attribution.",
    "The government has spent heavily on cyber defence since a series of intrusions in 2015.",
    "Neither side offered evidence that could be checked independently.",
    "Several embassies issued travel advisories after the outage, and the stock exchange paused trading for an hour.",
    "A parliamentary committee will hear from the heads of the intelligence agencies next month.",
    "The attack came days before a summit of foreign ministers in the region.",
    "Insurance companies have started to exclude state-sponsored attacks from their policies.",
    "The company's shares fell 4 percent in early trading before recovering.",
];
const ZH_FILLER: &[&str] = &[
    "此事发生在双方关系持续紧张之际。",
    "有关部门未透露受影响系统的数量，也未说明是否有数据被窃取。",
    "该公司表示，4.2.1.7版本客户端已修复该漏洞，约3.5%的用户受到影响。",
    "专家指出，仅凭代码相似性进行溯源往往并不可靠。",
    "网络攻击已成为国家间博弈的常见手段，但很少有政府公开承认。",
    "事件发生后，相关服务在当天晚间恢复正常。",
    "有关部门提醒各单位及时安装补丁、修改密码并启用多因素认证。",
    "调查仍在进行中，更多细节将在稍后公布。",
    "分析人士指出，相关工具曾在地下论坛公开出售，这使溯源工作更加复杂。",
    "双方均未提供可供独立核实的证据。",
    "此次事件发生在地区外长会议召开前夕。",
    "近年来，该国持续加大网络安全投入。",
];

fn fill(t: &str, c: &Cast, r: &mut Rng) -> String {
    t.replace("{S}", &c.accuser.name)
        .replace("{SA}", &c.accuser.adjective)
        .replace("{X}", &c.accused.name)
        .replace("{XA}", &c.accused.adjective)
        .replace("{B}", c.body)
        .replace("{G}", c.group)
        .replace("{V}", c.vendor)
        .replace("{T}", c.target)
        .replace("{P}", &c.person)
        .replace("{D}", r.pick(WEEKDAYS))
        .replace("{O}", r.pick(OUTLETS))
        .replace("{XB}", c.accused.bodies.first().map_or("the foreign ministry", |b| b.as_str()))
}

fn fill_zh(t: &str, c: &Cast) -> String {
    let zs = |s: &State| s.zh.clone().unwrap_or_else(|| s.name.clone());
    t.replace("{S}", &zs(c.accuser))
        .replace("{X}", &zs(c.accused))
        .replace("{B}", c.accuser.zh_bodies.first().map_or(c.body, |b| b.as_str()))
        .replace("{G}", c.group)
        .replace("{V}", c.vendor)
        .replace("{T}", c.zh_target)
}

/// Writes `n` indicators into sentences, appending the sentences to `para`.
fn ioc_sentences(r: &mut Rng, names: &Names, zh: bool, n: usize, para: &mut String, iocs: &mut Vec<Ioc>) {
    for _ in 0..n {
        let kind = pick_kind(r);
        let defang = can_defang(kind) && r.chance(40);
        let ioc = make_ioc(r, kind, names, defang);
        let t = if zh { zh_ioc_sentence(r, kind) } else { en_ioc_sentence(r, kind) };
        if !zh && !para.is_empty() {
            para.push(' ');
        }
        para.push_str(&t.replace("{}", &ioc.raw));
        iocs.push(ioc);
    }
}

/// An appendix of indicators as vendors publish them: one per line, defanged more often.
fn appendix(r: &mut Rng, names: &Names, zh: bool, iocs: &mut Vec<Ioc>) -> String {
    let mut s = String::from(if zh { "附：部分攻击指标（IOC）\n" } else { "Indicators of compromise\n" });
    for _ in 0..r.range(5, 24) {
        let kind = pick_kind(r);
        let defang = can_defang(kind) && r.chance(60);
        let ioc = make_ioc(r, kind, names, defang);
        let _ = writeln!(s, "{}{}", r.pick(&["", "- ", "* "]), ioc.raw);
        iocs.push(ioc);
    }
    s
}

fn english(r: &mut Rng, names: &Names) -> Doc {
    let (accuser, accused, group) = cast_parties(r, names);
    let c = Cast {
        accuser,
        accused,
        body: &accuser.bodies[r.below(accuser.bodies.len())],
        group,
        vendor: r.pick_s(&names.vendors),
        target: TARGETS[r.below(TARGETS.len())].0,
        zh_target: "",
        person: format!("{} {}", r.pick(GIVEN), r.pick(SURNAMES)),
    };
    let mut iocs = Vec::new();
    let title = fill(
        r.pick(&[
            "{S} accuses {X} of cyberattacks on {T}",
            "{SA} officials blame {XA}-backed hackers for breach at {T}",
            "{V} links hacking group {G} to attacks on {T}",
            "{X} rejects {SA} hacking allegations as groundless",
            "Hackers claim responsibility for disrupting {T}",
        ]),
        &c,
        r,
    );
    let mut paras: Vec<String> = Vec::new();
    paras.push(fill(
        r.pick(&[
            "The {B} said on {D} that {G}, a hacking group working for {XA} intelligence, had broken into {T} and stolen sensitive files.",
            "{S} accused {X} on {D} of running a campaign of cyberattacks against {T}, naming a group known as {G} as the culprit.",
            "{SA} authorities said {G} was behind a series of intrusions into {T}, and that the group acts on behalf of the {XA} government.",
            "The {B} has attributed an attack on {T} to {G}, a group it says is directed by {X}.",
        ]),
        &c,
        r,
    ));
    let mut p = String::new();
    p.push_str(&fill(
        r.pick(&[
            "As proof, the {B} published technical details of the intrusion.",
            "The statement cited forensic evidence, including malware samples and network logs.",
            "Prosecutors unsealed an indictment charging two {XA} nationals over the attacks.",
            "The ministry shared screenshots of messages posted by the group, some of them blacked out.",
        ]),
        &c,
        r,
    ));
    let n = r.range(0, 3) as usize;
    ioc_sentences(r, names, false, n, &mut p, &mut iocs);
    paras.push(p);
    if r.chance(60) {
        paras.push(fill(
            r.pick(&[
                "“We will not tolerate attacks on our critical infrastructure, and those responsible will be held to account,” {P}, a spokesperson for the {B}, said.",
                "“This was a deliberate and reckless operation,” {P} told {O}.",
                "“The evidence points clearly to {G},” said {P}, an official at the {B}.",
            ]),
            &c,
            r,
        ));
    }
    if r.chance(60) {
        let mut p = fill(
            r.pick(&[
                "Researchers at {V} said with moderate confidence that the activity was likely the work of {G}.",
                "{V} said the campaign probably originated in {X}, although it could not rule out a false flag.",
                "{V} said it had tracked {G} since 2019 and assessed with high confidence that the group was behind the attack.",
                "Security firm {V} said the tools resembled those used by {G} in earlier operations, but stopped short of a firm attribution.",
            ]),
            &c,
            r,
        );
        let n = r.range(0, 2) as usize;
        ioc_sentences(r, names, false, n, &mut p, &mut iocs);
        paras.push(p);
    }
    if r.chance(75) {
        paras.push(fill(
            r.pick(&[
                "The {XA} foreign ministry rejected the accusation. A spokesperson said the claims had no basis and that {X} firmly opposes all forms of cyberattack.",
                "{X} denied any involvement. “These are groundless smears,” the embassy said in a statement, calling on {S} to stop politicising cyber-security issues.",
                "The {XB} dismissed the report as fabricated and said {S} was itself the biggest source of cyberattacks in the world.",
                "A spokesperson for the {XA} embassy did not respond to a request for comment.",
            ]),
            &c,
            r,
        ));
    }
    if r.chance(20) {
        paras.push(fill(
            "In a post on its Telegram channel, {G} claimed responsibility for the outage and threatened further attacks.",
            &c,
            r,
        ));
    }
    for _ in 0..r.range(3, 7) {
        let mut p = String::new();
        for _ in 0..r.range(2, 5) {
            if !p.is_empty() {
                p.push(' ');
            }
            p.push_str(r.pick(EN_FILLER));
        }
        paras.push(p);
    }
    if r.chance(15) {
        paras.push(appendix(r, names, false, &mut iocs));
    }
    let mut text = title.clone();
    for p in paras {
        text.push('\n');
        text.push_str(p.trim_end());
    }
    text.push('\n');
    Doc { title, text, iocs }
}

fn chinese(r: &mut Rng, names: &Names) -> Doc {
    let (accuser, accused, group) = cast_parties(r, names);
    let (_, zh_target) = TARGETS[r.below(TARGETS.len())];
    let vendor = if r.chance(50) && !names.zh_vendors.is_empty() {
        r.pick_s(&names.zh_vendors).to_string()
    } else {
        r.pick_s(&names.vendors).to_string()
    };
    let c = Cast {
        accuser,
        accused,
        body: &accuser.bodies[0],
        group,
        vendor: &vendor,
        target: "",
        zh_target,
        person: String::new(),
    };
    let mut iocs = Vec::new();
    let title = fill_zh(
        r.pick(&["{S}指责{X}对{T}发动网络攻击", "{V}称黑客组织{G}攻击{T}", "{X}驳斥{S}有关网络攻击的指控"]),
        &c,
    );
    let mut paras: Vec<String> = Vec::new();
    paras.push(fill_zh(
        r.pick(&[
            "{B}近日发布通报称，黑客组织{G}受{X}政府支持，长期对{T}实施网络攻击，窃取了大量敏感数据。",
            "据报道，{S}有关部门指控{X}情报机构指使{G}入侵{T}。",
            "{S}方面表示，{G}是针对{T}的一系列网络入侵的幕后黑手。",
        ]),
        &c,
    ));
    let mut p = fill_zh(
        r.pick(&[
            "通报公布了相关技术细节。",
            "调查人员提取了恶意样本和网络日志等证据。",
            "检察机关已对两名嫌疑人提起诉讼。",
        ]),
        &c,
    );
    let n = r.range(0, 3) as usize;
    ioc_sentences(r, names, true, n, &mut p, &mut iocs);
    paras.push(p);
    if r.chance(60) {
        paras.push(fill_zh(
            r.pick(&[
                "{V}的研究人员表示，此次活动很可能是{G}所为，但也不排除有人故意嫁祸。",
                "{V}在报告中称，有较高把握认为该组织与此次攻击有关。",
            ]),
            &c,
        ));
    }
    if r.chance(75) {
        paras.push(fill_zh(
            r.pick(&[
                "对此，{X}外交部发言人表示，有关指控毫无根据，{X}一贯坚决反对并打击一切形式的网络攻击。",
                "{X}驻外使馆发言人说：“这是毫无事实依据的抹黑，我们对此坚决反对。”",
            ]),
            &c,
        ));
    }
    for _ in 0..r.range(3, 7) {
        let mut f = String::new();
        for _ in 0..r.range(3, 6) {
            f.push_str(r.pick(ZH_FILLER));
        }
        paras.push(f);
    }
    if r.chance(15) {
        paras.push(appendix(r, names, true, &mut iocs));
    }
    let mut text = title.clone();
    for p in paras {
        text.push('\n');
        text.push_str(p.trim_end());
    }
    text.push('\n');
    Doc { title, text, iocs }
}

/// An accusing state, the accused state and one of the accused state's groups.
fn cast_parties<'a>(r: &mut Rng, names: &'a Names) -> (&'a State, &'a State, &'a str) {
    let g = &names.groups[r.below(names.groups.len())];
    let accused = &names.states[g.state];
    let accuser = loop {
        let s = &names.states[r.below(names.states.len())];
        if !std::ptr::eq(s, accused) {
            break s;
        }
    };
    (accuser, accused, &g.name)
}

// ---------------------------------------------------------------------------------------------

fn json_str(out: &mut String, s: &str) {
    out.push_str(&serde_json::to_string(s).expect("a string serialises"));
}

fn main() -> std::io::Result<()> {
    let mut out: Option<PathBuf> = None;
    let mut mb = 10.0f64;
    let mut seed = 1u64;
    let mut lang = "mix".to_string();
    let mut txt = true;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--out" => out = args.next().map(PathBuf::from),
            "--mb" => mb = args.next().and_then(|v| v.parse().ok()).expect("--mb takes a number"),
            "--seed" => seed = args.next().and_then(|v| v.parse().ok()).expect("--seed takes a number"),
            "--lang" => lang = args.next().expect("--lang takes en, zh or mix"),
            "--no-txt" => txt = false,
            _ => {
                eprintln!("usage: gencorpus --out DIR [--mb N] [--seed N] [--lang en|zh|mix] [--no-txt]");
                std::process::exit(2);
            }
        }
    }
    let Some(out) = out else {
        eprintln!("gencorpus: --out DIR is required");
        std::process::exit(2);
    };
    assert!(matches!(lang.as_str(), "en" | "zh" | "mix"), "--lang takes en, zh or mix");
    let names = load_names();
    std::fs::create_dir_all(&out)?;
    if txt {
        std::fs::create_dir_all(out.join("txt"))?;
    }
    let mut corpus = BufWriter::with_capacity(1 << 20, std::fs::File::create(out.join("corpus.jsonl"))?);
    let mut truth = BufWriter::with_capacity(1 << 20, std::fs::File::create(out.join("truth.jsonl"))?);
    let mut r = Rng(seed);
    let budget = (mb * 1024.0 * 1024.0) as usize;
    let (mut written, mut n) = (0usize, 0usize);
    let mut line = String::new();
    while written < budget {
        n += 1;
        let zh = match lang.as_str() {
            "en" => false,
            "zh" => true,
            _ => r.chance(30),
        };
        let doc = if zh { chinese(&mut r, &names) } else { english(&mut r, &names) };
        let id = format!("d{n:07}");
        let published = format!("2024-{:02}-{:02}", r.range(1, 12), r.range(1, 28));
        let source = if zh { r.pick(&["新华网", "中央社", "联合早报"]) } else { r.pick(OUTLETS) };
        line.clear();
        line.push_str("{\"id\":");
        json_str(&mut line, &id);
        line.push_str(",\"title\":");
        json_str(&mut line, &doc.title);
        line.push_str(",\"source\":");
        json_str(&mut line, source);
        line.push_str(",\"published\":");
        json_str(&mut line, &published);
        line.push_str(",\"text\":");
        json_str(&mut line, &doc.text);
        line.push_str("}\n");
        corpus.write_all(line.as_bytes())?;
        if txt {
            std::fs::write(out.join("txt").join(format!("{id}.txt")), &doc.text)?;
        }
        line.clear();
        line.push_str("{\"id\":");
        json_str(&mut line, &id);
        line.push_str(",\"lang\":");
        json_str(&mut line, if zh { "zh" } else { "en" });
        line.push_str(",\"indicators\":[");
        for (i, ioc) in doc.iocs.iter().enumerate() {
            if i > 0 {
                line.push(',');
            }
            line.push_str("{\"kind\":");
            json_str(&mut line, ioc.kind.as_str());
            line.push_str(",\"value\":");
            json_str(&mut line, &ioc.value);
            line.push_str(",\"raw\":");
            json_str(&mut line, &ioc.raw);
            let _ = write!(line, ",\"defanged\":{}}}", ioc.defanged);
        }
        line.push_str("]}\n");
        truth.write_all(line.as_bytes())?;
        written += doc.text.len();
    }
    corpus.flush()?;
    truth.flush()?;
    eprintln!("gencorpus: {n} documents, {:.1} MB of text in {}", written as f64 / 1048576.0, out.display());
    Ok(())
}
