use super::*;
use IndicatorKind::*;

fn ex(text: &str) -> Vec<Indicator> {
    extractor().extract(text)
}

/// (kind, value) pairs found in `text`.
fn kv(text: &str) -> Vec<(IndicatorKind, String)> {
    ex(text).into_iter().map(|i| (i.kind, i.value)).collect()
}

/// The one indicator in `text`, checked for kind, value and that its span covers `raw`.
#[track_caller]
fn one(text: &str, kind: IndicatorKind, value: &str, raw: &str) -> Indicator {
    let found = ex(text);
    assert_eq!(found.len(), 1, "{text:?} -> {found:?}");
    let i = found.into_iter().next().unwrap();
    assert_eq!((i.kind, i.value.as_str(), i.raw.as_str()), (kind, value, raw), "{text:?}");
    assert_eq!(&text[i.span.start..i.span.end], raw, "span of {text:?}");
    i
}

#[track_caller]
fn defanged(text: &str, kind: IndicatorKind, value: &str, raw: &str) {
    let i = one(text, kind, value, raw);
    assert!(i.defanged, "{text:?} should be flagged defanged");
}

#[track_caller]
fn none(text: &str) {
    let found = ex(text);
    assert!(found.is_empty(), "{text:?} -> {found:?}");
}

#[track_caller]
fn none_of(text: &str, kind: IndicatorKind) {
    let found: Vec<_> = ex(text).into_iter().filter(|i| i.kind == kind).collect();
    assert!(found.is_empty(), "{text:?} -> {found:?}");
}

// ---------- API ----------

#[test]
fn kinds_have_stable_names() {
    let names: Vec<&str> = IndicatorKind::ALL.iter().map(|k| k.as_str()).collect();
    assert_eq!(names.len(), 16);
    assert_eq!(serde_json::to_string(&AttackTechnique).unwrap(), "\"attack_technique\"");
    assert_eq!(serde_json::to_string(&RegistryKey).unwrap(), "\"registry_key\"");
    for k in IndicatorKind::ALL {
        assert_eq!(serde_json::to_string(&k).unwrap(), format!("\"{}\"", k.as_str()));
    }
}

#[test]
fn sorted_by_span_and_every_occurrence_reported() {
    let found = ex("evil.com then 1.2.3.4 then evil.com again");
    let starts: Vec<usize> = found.iter().map(|i| i.span.start).collect();
    assert_eq!(starts, vec![0, 14, 27]);
    assert_eq!(found.iter().filter(|i| i.value == "evil.com").count(), 2);
}

#[test]
fn extractor_is_shared() {
    assert!(std::ptr::eq(extractor(), extractor()));
}

// ---------- each kind ----------

#[test]
fn ipv4_plain_and_with_port() {
    one("C2 at 185.220.101.4 today", Ipv4, "185.220.101.4", "185.220.101.4");
    one("beacon to 10.0.0.5:8443", Ipv4, "10.0.0.5", "10.0.0.5");
}

#[test]
fn ipv4_octet_range_checked() {
    none_of("not 256.1.1.1 nor 1.2.3.999", Ipv4);
}

#[test]
fn ipv4_cidr_is_the_address_not_a_url() {
    assert_eq!(kv("block 85.93.4.0/25 now"), vec![(Ipv4, "85.93.4.0".into())]);
    assert_eq!(kv("RFC 1918 (10.0.0.0/8)"), vec![(Ipv4, "10.0.0.0".into())]);
}

#[test]
fn ipv6_forms() {
    one("v6 2001:db8::ff00:42:8329 seen", Ipv6, "2001:db8::ff00:42:8329", "2001:db8::ff00:42:8329");
    one(
        "full 2001:0DB8:0000:0000:0000:ff00:0042:8329",
        Ipv6,
        "2001:0db8:0000:0000:0000:ff00:0042:8329",
        "2001:0DB8:0000:0000:0000:ff00:0042:8329",
    );
    one("loopback ::1", Ipv6, "::1", "::1");
}

#[test]
fn ipv6_rejects_times_macs_and_serials() {
    none("at 11:04:10 -0500");
    none("mac AB:F2:C9:A6:B3:4F");
    none("serial 0f:e9:73:75:20:22:a6:06:ad:f2:a3:6e:34:5d:c0:ed.");
    none("bad 1::2::3 and 1:2:3:4:5:6:7:8:9");
}

#[test]
fn domain_plain() {
    one("hosted on update-check.net last week", Domain, "update-check.net", "update-check.net");
    one("Visit BBC.co.uk", Domain, "bbc.co.uk", "BBC.co.uk");
}

#[test]
fn domain_needs_a_public_suffix() {
    none("smtp.mailfrom and foo.notatld and example.local");
    none_of("a bare co.uk is a suffix", Domain);
}

#[test]
fn addresses_and_urls_may_name_a_suffix_that_is_a_site() {
    one("write to press@gov.cn today", Email, "press@gov.cn", "press@gov.cn");
    one("see https://gov.cn/c2/beacon now", Url, "https://gov.cn/c2/beacon", "https://gov.cn/c2/beacon");
    none_of("the bare name gov.cn is a suffix", Domain);
}

#[test]
fn domain_idn() {
    one("сайт пример.рф", Domain, "пример.рф", "пример.рф");
    one("xn--80ak6aa92e.com", Domain, "xn--80ak6aa92e.com", "xn--80ak6aa92e.com");
}

#[test]
fn url_with_scheme_path_and_query() {
    one(
        "get https://evil.example.com/a/b.php?x=1&y=2#f now",
        Url,
        "https://evil.example.com/a/b.php?x=1&y=2#f",
        "https://evil.example.com/a/b.php?x=1&y=2#f",
    );
}

#[test]
fn url_schemeless_host_with_path() {
    one("download from evil.com/payload.bin today", Url, "evil.com/payload.bin", "evil.com/payload.bin");
}

#[test]
fn url_host_not_reported_again_as_domain() {
    let found = kv("see https://evil.com/x");
    assert_eq!(found, vec![(Url, "https://evil.com/x".into())]);
}

#[test]
fn url_with_ip_and_port() {
    one("http://192.168.0.1:8080/admin", Url, "http://192.168.0.1:8080/admin", "http://192.168.0.1:8080/admin");
}

#[test]
fn url_with_ipv6_literal() {
    one(
        "tcp://[fdc4:2581:575b:5a72::1]:80/path",
        Url,
        "tcp://[fdc4:2581:575b:5a72::1]:80/path",
        "tcp://[fdc4:2581:575b:5a72::1]:80/path",
    );
}

#[test]
fn social_profile_urls_are_urls() {
    assert_eq!(
        kv("t.me/evilchan and https://x.com/evilhandle"),
        vec![(Url, "t.me/evilchan".into()), (Url, "https://x.com/evilhandle".into()),]
    );
    none_of("https://twitter.com/someone", Handle);
}

#[test]
fn url_inner_indicators_reported() {
    let found = kv("https://www.virustotal.com/gui/file/2f3ec0e4998909bb0efab13c82d30708ca9f88679e42b75ef13ea0466951d862/detection");
    assert!(found.contains(&(Sha256, "2f3ec0e4998909bb0efab13c82d30708ca9f88679e42b75ef13ea0466951d862".into())));
    assert_eq!(found[0].0, Url);
}

#[test]
fn email_plain() {
    one("from press@x.kr.", Email, "press@x.kr", "press@x.kr");
    one("john.smith+tag@Example.COM", Email, "john.smith+tag@example.com", "john.smith+tag@Example.COM");
}

#[test]
fn email_domain_not_reported_separately() {
    assert_eq!(kv("mail a@evil.com"), vec![(Email, "a@evil.com".into())]);
}

#[test]
fn email_address_literal() {
    one("bad@[192.168.7.3]", Email, "bad@[192.168.7.3]", "bad@[192.168.7.3]");
}

#[test]
fn hashes_by_length() {
    one(
        "md5 d41d8cd98f00b204e9800998ecf8427e.",
        Md5,
        "d41d8cd98f00b204e9800998ecf8427e",
        "d41d8cd98f00b204e9800998ecf8427e",
    );
    one(
        "sha1 DA39A3EE5E6B4B0D3255BFEF95601890AFD80709",
        Sha1,
        "da39a3ee5e6b4b0d3255bfef95601890afd80709",
        "DA39A3EE5E6B4B0D3255BFEF95601890AFD80709",
    );
    let h256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    one(&format!("sha256: {h256}"), Sha256, h256, h256);
    let h512 = "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e";
    one(&format!("({h512})"), Sha512, h512, h512);
}

#[test]
fn hashes_need_word_boundaries_and_exact_length() {
    none("xd41d8cd98f00b204e9800998ecf8427e");
    none("d41d8cd98f00b204e9800998ecf8427e0"); // 33 hex
    none("a 48-hex run 0123456789abcdef0123456789abcdef0123456789abcdef");
}

#[test]
fn cve_ids() {
    one("exploited CVE-2024-3400.", Cve, "CVE-2024-3400", "CVE-2024-3400");
    one("cve 2014-1001", Cve, "CVE-2014-1001", "cve 2014-1001");
    one("CVE-2021-44228", Cve, "CVE-2021-44228", "CVE-2021-44228");
    none("CVE-2023-123 and XCVE-2023-1234");
}

#[test]
fn attack_techniques() {
    one("used T1059.001 (PowerShell)", AttackTechnique, "T1059.001", "T1059.001");
    one("and t1566", AttackTechnique, "T1566", "t1566");
    none("FOOT1329 T1329FUN T1156.0012 T0001 T1700 T1059.021");
    // Revoked, deprecated and PRE-ATT&CK IDs are still ATT&CK's: older reports cite them.
    one("via T1086 (PowerShell)", AttackTechnique, "T1086", "T1086");
    one("Launchd, T1053.004", AttackTechnique, "T1053.004", "T1053.004");
    one("T1329 (3rd party infrastructure)", AttackTechnique, "T1329", "T1329");
    // A sub-technique number under a known technique: a newer sub-technique than the list's.
    one("T1059.019 in a later release", AttackTechnique, "T1059.019", "T1059.019");
    // Techniques never assigned, and sub-techniques of them.
    none("T1699 and T1699.001 and T1690 and T1059.000");
}

#[test]
fn attack_list_is_embedded() {
    let e = extractor();
    assert!(e.attack.contains("T1059.001") && e.attack.contains("T1566") && e.attack.len() > 800);
    assert!(e.attack.contains("T1681") && e.attack.contains("T1086"), "ATT&CK v18.1 and revoked IDs");
    assert!(e.attack.contains("T1329") && !e.attack.contains("T1700"), "PRE-ATT&CK, nothing invented");
    assert!(e.attack.iter().all(|id| id.starts_with('T') && !id.contains(' ')), "one ID a line");
}

#[test]
fn bitcoin_addresses_checksummed() {
    one(
        "pay 1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2.",
        Bitcoin,
        "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2",
        "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2",
    );
    one(
        "p2sh 3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy",
        Bitcoin,
        "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy",
        "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy",
    );
    one(
        "bech32 bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq",
        Bitcoin,
        "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq",
        "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq",
    );
    let tr = "bc1p5d7rjq7g6rdk2yhzks9smlaqtedr4dekq08ge8ztwac72sfr9rusxg3297";
    one(tr, Bitcoin, tr, tr);
}

#[test]
fn bitcoin_bad_checksums_and_hashes_rejected() {
    none("1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3 bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdr");
    // an MD5 starting with 1 is an MD5, never a Bitcoin address
    assert_eq!(kv("1adf28a71089acdbab5038f58044c0ab"), vec![(Md5, "1adf28a71089acdbab5038f58044c0ab".into())]);
}

#[test]
fn ethereum_addresses() {
    one(
        "to 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
        Ethereum,
        "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
        "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
    );
    one(
        "0xde0b295669a9fd93d5f28d9ec85e40f4cb697bae",
        Ethereum,
        "0xde0b295669a9fd93d5f28d9ec85e40f4cb697bae",
        "0xde0b295669a9fd93d5f28d9ec85e40f4cb697bae",
    );
    none("bad 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD");
}

#[test]
fn registry_keys() {
    one(
        r"added HKLM\Software\Microsoft\Windows\CurrentVersion\Run.",
        RegistryKey,
        r"HKLM\Software\Microsoft\Windows\CurrentVersion\Run",
        r"HKLM\Software\Microsoft\Windows\CurrentVersion\Run",
    );
    one(
        r"HKEY_CURRENT_USER\Software\Classes\ms-settings\shell\open\command",
        RegistryKey,
        r"HKEY_CURRENT_USER\Software\Classes\ms-settings\shell\open\command",
        r"HKEY_CURRENT_USER\Software\Classes\ms-settings\shell\open\command",
    );
    one(r"key <HKCU>\SOFTWARE\X\Y on the box", RegistryKey, r"HKCU\SOFTWARE\X\Y", r"<HKCU>\SOFTWARE\X\Y");
}

#[test]
fn registry_key_segments_with_spaces() {
    one(
        r"HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Image File Execution Options\notepad.exe",
        RegistryKey,
        r"HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Image File Execution Options\notepad.exe",
        r"HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Image File Execution Options\notepad.exe",
    );
    one(
        r"HKLM\SOFTWARE\Console\ConsoleIME on the windows box",
        RegistryKey,
        r"HKLM\SOFTWARE\Console\ConsoleIME",
        r"HKLM\SOFTWARE\Console\ConsoleIME",
    );
}

#[test]
fn windows_paths() {
    one(r"dropped C:\Users\Public\svc.exe.", FilePath, r"C:\Users\Public\svc.exe", r"C:\Users\Public\svc.exe");
    one(
        r"C:\Program Files\Common Files\x.dll is loaded",
        FilePath,
        r"C:\Program Files\Common Files\x.dll",
        r"C:\Program Files\Common Files\x.dll",
    );
    one(r"%APPDATA%\Microsoft\upd.exe", FilePath, r"%APPDATA%\Microsoft\upd.exe", r"%APPDATA%\Microsoft\upd.exe");
    one(r"share \\fileserver\c$\drop\x.ps1", FilePath, r"\\fileserver\c$\drop\x.ps1", r"\\fileserver\c$\drop\x.ps1");
}

#[test]
fn unix_paths_need_two_components() {
    one("read /etc/passwd then", FilePath, "/etc/passwd", "/etc/passwd");
    one("wrote /tmp/.x/kworker", FilePath, "/tmp/.x/kworker", "/tmp/.x/kworker");
    one("~/.ssh/authorized_keys", FilePath, "~/.ssh/authorized_keys", "~/.ssh/authorized_keys");
    none("the /usr dir, and/or 24/7 on TCP/IP, on 12/05/2024");
}

#[test]
fn handles() {
    one("the group's account @CyberAv3ngers said", Handle, "@CyberAv3ngers", "@CyberAv3ngers");
    assert_eq!(kv("me@example.com"), vec![(Email, "me@example.com".into())]);
    none("costs @ 5 and @@ and a@b");
}

// ---------- defang forms ----------

#[test]
fn defang_schemes() {
    defanged("hxxp://evil.com/a", Url, "http://evil.com/a", "hxxp://evil.com/a");
    defanged("hXXp://evil.com/a", Url, "http://evil.com/a", "hXXp://evil.com/a");
    defanged("hxxps://evil.com/a", Url, "https://evil.com/a", "hxxps://evil.com/a");
    defanged("hXXps://evil.com/a", Url, "https://evil.com/a", "hXXps://evil.com/a");
    defanged("fxp://evil.com/a", Url, "ftp://evil.com/a", "fxp://evil.com/a");
}

#[test]
fn defang_scheme_separators() {
    defanged("hxxps[:]//evil[.]com/a", Url, "https://evil.com/a", "hxxps[:]//evil[.]com/a");
    defanged("https[://]evil[.]com/a", Url, "https://evil.com/a", "https[://]evil[.]com/a");
    defanged("http__evil.com/a", Url, "http://evil.com/a", "http__evil.com/a");
    defanged(r"http:\\evil.com/a", Url, "http://evil.com/a", r"http:\\evil.com/a");
}

#[test]
fn defang_square_dot() {
    defanged("evil[.]com", Domain, "evil.com", "evil[.]com");
    defanged("1.2.3[.]4", Ipv4, "1.2.3.4", "1.2.3[.]4");
    defanged("sub.evil[.]co[.]uk", Domain, "sub.evil.co.uk", "sub.evil[.]co[.]uk");
}

#[test]
fn defang_round_dot() {
    defanged("evil(.)com", Domain, "evil.com", "evil(.)com");
    defanged("1(.)2(.)3(.)4", Ipv4, "1.2.3.4", "1(.)2(.)3(.)4");
}

#[test]
fn defang_curly_dot() {
    defanged("evil{.}com", Domain, "evil.com", "evil{.}com");
    defanged("1{.}2{.}3{.}4", Ipv4, "1.2.3.4", "1{.}2{.}3{.}4");
}

#[test]
fn defang_word_dots() {
    defanged("evil[dot]com", Domain, "evil.com", "evil[dot]com");
    defanged("evil(dot)com", Domain, "evil.com", "evil(dot)com");
    defanged("evil{dot}com", Domain, "evil.com", "evil{dot}com");
    defanged("1[dot]2[dot]3[dot]4", Ipv4, "1.2.3.4", "1[dot]2[dot]3[dot]4");
}

#[test]
fn defang_spaced_dot_word() {
    defanged("evil DOT com", Domain, "evil.com", "evil DOT com");
    defanged("user AT evil DOT com", Email, "user@evil.com", "user AT evil DOT com");
    defanged("user [at] example dot com", Email, "user@example.com", "user [at] example dot com");
}

#[test]
fn defang_spaces_only_around_bracketed_dots() {
    defanged("example [.] com", Domain, "example.com", "example [.] com");
    none("evil . com");
}

#[test]
fn defang_backslash_dot() {
    defanged(r"evil\.com", Domain, "evil.com", r"evil\.com");
    defanged(r"1\.2\.3\.4", Ipv4, "1.2.3.4", r"1\.2\.3\.4");
}

#[test]
fn defang_partial_brackets() {
    defanged("10.10.10.]]]10", Ipv4, "10.10.10.10", "10.10.10.]]]10");
    defanged("111[.111.]111[.111", Ipv4, "111.111.111.111", "111[.111.]111[.111");
}

#[test]
fn defang_at_forms() {
    defanged("user[at]evil[.]com", Email, "user@evil.com", "user[at]evil[.]com");
    defanged("user(at)evil.com", Email, "user@evil.com", "user(at)evil.com");
    defanged("user[@]evil.com", Email, "user@evil.com", "user[@]evil.com");
    defanged("user [at] evil [.] com", Email, "user@evil.com", "user [at] evil [.] com");
    defanged("user@evil{.}com", Email, "user@evil.com", "user@evil{.}com");
}

#[test]
fn defang_spaced_at_word_only_for_addresses() {
    defanged("john.doe at example.com", Email, "john.doe@example.com", "john.doe at example.com");
    defanged("admin at evil[.]com", Email, "admin@evil.com", "admin at evil[.]com");
    // prose "at": never an address
    assert_eq!(kv("victims at 1.2.3[.]4"), vec![(Ipv4, "1.2.3.4".into())]);
    assert_eq!(kv("researchers at citizenlab.ca said"), vec![(Domain, "citizenlab.ca".into())]);
}

#[test]
fn defang_path_dots_and_slashes() {
    defanged("hxxp://evil[.]com/a[.]php", Url, "http://evil.com/a.php", "hxxp://evil[.]com/a[.]php");
    defanged("http://example.com[/]test", Url, "http://example.com/test", "http://example.com[/]test");
}

#[test]
fn plain_forms_are_not_flagged_defanged() {
    assert!(!one("evil.com", Domain, "evil.com", "evil.com").defanged);
    assert!(!one("https://evil.com/", Url, "https://evil.com/", "https://evil.com/").defanged);
}

#[test]
fn refang_function() {
    assert_eq!(refang("hxxps[:]//evil[.]com/a[.]php"), "https://evil.com/a.php");
    assert_eq!(refang("hXXp://example[dot]com(/)x"), "http://example.com/x");
    assert_eq!(refang("user[at]evil(.)com"), "user@evil.com");
    assert_eq!(refang("https[://]evil{.}com"), "https://evil.com");
    assert_eq!(refang("ftx://example.com/test"), "ftp://example.com/test");
    assert_eq!(refang(r"1\.2\.3\.4"), "1.2.3.4");
    assert_eq!(refang("evil。com"), "evil.com");
    assert_eq!(refang("plain text stays"), "plain text stays");
}

#[test]
fn refang_is_idempotent() {
    for s in ["hxxp://a[.]b[[.]]c/x", "10.10.10.]]]10", "x [ . ] y", "a[@]b(.)c", "hxxps[:]//e[.]com", "evil．com"] {
        let once = refang(s);
        assert_eq!(refang(&once), once, "{s:?}");
    }
}

// ---------- false-positive classes ----------

#[test]
fn fp_version_numbers() {
    none("upgrade to version 1.2.3.4 now");
    none("v2.1.4 and v1.2.3.4");
    none("Chrome 120.0.6099.109 and build 10.0.0.1");
    none("该公司表示，4.2.1.7版本客户端已修复该漏洞");
    none("升级到 10.0.1.2 版，版本：1.2.3.4，版本号1.2.3.5");
}

#[test]
fn fp_dates() {
    none("on 2024.09.23 and 23.09.2024");
}

#[test]
fn fp_oids() {
    none("OID 1.3.6.1.4.1.311");
    none(".18.12.15.14 and 1.1.1.1.a");
}

#[test]
fn fp_file_names_with_tld_extensions() {
    none("open report.pdf, payload.zip, setup.exe and abc.py");
    none("photo.mov readme.md install.sh main.rs");
}

#[test]
fn file_extension_tlds_kept_when_defanged_or_in_url_or_email() {
    defanged("evil[.]zip", Domain, "evil.zip", "evil[.]zip");
    one("http://evil.zip/x", Url, "http://evil.zip/x", "http://evil.zip/x");
    one("mail x@evil.zip", Email, "x@evil.zip", "x@evil.zip");
}

#[test]
fn fp_av_family_names() {
    none("Trojan.Win32.Agent and Win32/Emotet");
    none("W64/BurntCigar.CA!tr and Backdoor.Linux.Mirai");
}

#[test]
fn fp_code_identifiers() {
    none("System.Net.WebClient and System.Net and document.write(x)");
    none("built on ASP.NET and VB.NET");
}

#[test]
fn fp_sentence_final_period() {
    one("visit example.com.", Domain, "example.com", "example.com");
    one("see http://evil.com/a.", Url, "http://evil.com/a", "http://evil.com/a");
    one("at 1.2.3.4.", Ipv4, "1.2.3.4", "1.2.3.4");
}

#[test]
fn fp_prose_abbreviations_and_numbers() {
    none("The U.S. said e.g. 3.5 percent of 1,200 firms, i.e. most.");
}

#[test]
fn fp_spaced_dot_word_in_prose() {
    none("the dot com bubble; go dot com");
}

#[test]
fn url_trailing_punctuation_and_brackets() {
    one("(https://example.com/a)", Url, "https://example.com/a", "https://example.com/a");
    one(
        "See https://en.wikipedia.org/wiki/Foo_(bar).",
        Url,
        "https://en.wikipedia.org/wiki/Foo_(bar)",
        "https://en.wikipedia.org/wiki/Foo_(bar)",
    );
    one("<a href=\"https://bit.ly/x\">", Url, "https://bit.ly/x", "https://bit.ly/x");
    one("\"https://example.com/a\",", Url, "https://example.com/a", "https://example.com/a");
}

#[test]
fn url_csv_fields_split() {
    one("url,http://evil.com/a,2024-01-01", Url, "http://evil.com/a", "http://evil.com/a");
}

#[test]
fn url_markdown_link() {
    let found = ex("[https://i.imgur.com/abc.png](https://i.imgur.com/abc.png)");
    assert_eq!(found.len(), 2);
    assert!(found.iter().all(|i| i.value == "https://i.imgur.com/abc.png"));
}

#[test]
fn url_html_tail_cut() {
    one(
        "http://192.168.0.1/test/bad.html</a><br>",
        Url,
        "http://192.168.0.1/test/bad.html",
        "http://192.168.0.1/test/bad.html",
    );
}

// ---------- Unicode ----------

#[test]
fn unicode_ideographic_dot() {
    one("攻击者使用evil。com作为C2", Domain, "evil.com", "evil。com");
}

#[test]
fn unicode_fullwidth_dot() {
    one("evil．com", Domain, "evil.com", "evil．com");
    one("1．2．3．4", Ipv4, "1.2.3.4", "1．2．3．4");
    one("half-width evil｡com", Domain, "evil.com", "evil｡com");
}

#[test]
fn unicode_fullwidth_letters() {
    one("ｅｖｉｌ．ｃｏｍ", Domain, "evil.com", "ｅｖｉｌ．ｃｏｍ");
}

#[test]
fn unicode_zero_width_inside_indicator() {
    for zw in ['\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{FEFF}'] {
        let t = format!("host evil{zw}.com here");
        let raw = format!("evil{zw}.com");
        one(&t, Domain, "evil.com", &raw);
    }
    one("1.2\u{200B}.3.4", Ipv4, "1.2.3.4", "1.2\u{200B}.3.4");
}

#[test]
fn unicode_zero_width_outside_not_in_span() {
    one("\u{200B}evil.com\u{200B}", Domain, "evil.com", "evil.com");
}

#[test]
fn unicode_hyphens_in_cve() {
    one("CVE\u{2011}2024\u{2011}3400", Cve, "CVE-2024-3400", "CVE\u{2011}2024\u{2011}3400");
    one("CVE\u{2010}2024\u{2010}3400", Cve, "CVE-2024-3400", "CVE\u{2010}2024\u{2010}3400");
    one("CVE\u{2013}2021\u{2013}44228", Cve, "CVE-2021-44228", "CVE\u{2013}2021\u{2013}44228");
    one("CVE\u{2212}2021\u{2212}44228", Cve, "CVE-2021-44228", "CVE\u{2212}2021\u{2212}44228");
}

#[test]
fn unicode_cjk_glued_text() {
    one("访问hxxp://evil[.]com/a后下载", Url, "http://evil.com/a", "hxxp://evil[.]com/a");
    one("服务器地址为1.2.3[.]4。", Ipv4, "1.2.3.4", "1.2.3[.]4");
}

#[test]
fn unicode_spans_after_multibyte_text() {
    let t = "“Quoted” — évil sentence, then evil.com";
    let i = one(t, Domain, "evil.com", "evil.com");
    assert_eq!(i.span.start, t.find("evil.com").unwrap());
}

#[test]
fn mixed_document() {
    let t = "APT-X used hxxps://login-micros0ft[.]com/auth (185.220.101[.]4), dropped \
             C:\\ProgramData\\svc.exe (MD5 d41d8cd98f00b204e9800998ecf8427e), exploited CVE-2023-23397 \
             via T1566.001 and wrote HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run.";
    let kinds: Vec<IndicatorKind> = ex(t).iter().map(|i| i.kind).collect();
    assert_eq!(kinds, vec![Url, Ipv4, FilePath, Md5, Cve, AttackTechnique, RegistryKey]);
}

#[test]
fn defang_less_common_forms() {
    defanged(r"evil\(.)com", Domain, "evil.com", r"evil\(.)com");
    defanged("user{@}evil.com", Email, "user@evil.com", "user{@}evil.com");
    defanged("hxxp(:)//evil.com/a", Url, "http://evil.com/a", "hxxp(:)//evil.com/a");
    defanged("h**ps://evil.com/a", Url, "https://evil.com/a", "h**ps://evil.com/a");
    defanged("ftx://evil.com/a", Url, "ftp://evil.com/a", "ftx://evil.com/a");
    defanged("hxxps:// evil[.]com/a", Url, "https://evil.com/a", "hxxps:// evil[.]com/a");
}

#[test]
fn spaced_at_sign_needs_a_defanged_domain() {
    defanged("user @ evil[.]com", Email, "user@evil.com", "user @ evil[.]com");
    none_of("write to us @ example.com", Email);
}

#[test]
fn ipv4_value_normalised_and_port_outside_span() {
    one("192.168.001.010", Ipv4, "192.168.1.10", "192.168.001.010");
    let i = one("x 10.0.0.5:8443 y", Ipv4, "10.0.0.5", "10.0.0.5");
    assert_eq!(i.span, Span::new(2, 10));
}

#[test]
fn relative_unix_paths_and_handles_after_slash() {
    one("run ./bin/loader now", FilePath, "./bin/loader", "./bin/loader");
    none_of("medium.com/@writer/post", Handle);
}

#[test]
fn code_calls_are_not_domains() {
    none("call os.system(cmd) and console.log(x)");
}

/// Throughput on ~10 MB of synthetic news text. Run with `cargo test --release -- --ignored --nocapture`.
#[test]
#[ignore]
#[allow(clippy::print_stdout)]
fn throughput_synthetic_news() {
    let text = super::bench::synthetic_news(10 << 20, 20240601);
    let ex = extractor();
    let _ = ex.extract(&text[..100_000]); // warm up
    let t0 = std::time::Instant::now();
    let n = ex.extract(&text).len();
    let dt = t0.elapsed().as_secs_f64();
    let mb = text.len() as f64 / 1e6;
    println!("ioc throughput: {mb:.1} MB in {dt:.3} s = {:.1} MB/s, {n} indicators", mb / dt);
}

/// Tokens are found beside the master pattern, and keep the place their alternative held in it:
/// a match starting earlier, or at the same byte, wins; a token starting earlier wins.
#[test]
fn token_runs_keep_their_place_among_the_shapes() {
    let md5 = "d41d8cd98f00b204e9800998ecf8427e";
    // a host starting at the same byte as the run
    assert_eq!(kv(&format!("{md5}.example.com")), vec![(Domain, format!("{md5}.example.com"))]);
    // a host starting after the run's first byte: the run starts first, the host after it
    assert_eq!(kv(&format!("{md5}+evil.com")), vec![(Md5, md5.into()), (Domain, "evil.com".into())]);
    // runs after other matches, glued to text, and one after a long run of other characters
    assert_eq!(
        kv(&format!("see evil.example.org, then {md5}.")),
        vec![(Domain, "evil.example.org".into()), (Md5, md5.into())]
    );
    assert_eq!(kv(&format!("x_{md5} and T1059")), vec![(Md5, md5.into()), (AttackTechnique, "T1059".into())]);
    assert_eq!(kv(&format!("{}{md5}", "-".repeat(3000))), vec![(Md5, md5.into())]);
    // 24 letters and digits are no token
    assert!(kv(&md5[..24]).is_empty());
}
