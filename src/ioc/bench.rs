//! Synthetic news-like text for the throughput test (deterministic).

use crate::testrng::Rng;

const PROSE: &[&str] = &[
    "The ministry said on Tuesday that the group had targeted government websites for several weeks.",
    "Officials declined to comment on the report, citing an ongoing investigation.",
    "According to the statement, the attackers used spear-phishing emails to gain initial access.",
    "Security researchers at the firm said the campaign shared infrastructure with earlier operations.",
    "The embassy rejected the accusations as “groundless smears” and called for evidence.",
    "In a post on its Telegram channel, the group claimed responsibility for the outage.",
    "Analysts cautioned that attribution based on code overlap alone is often unreliable.",
    "The company said version 4.2.1.7 of its client fixed the flaw, which affected about 3.5 percent of users.",
    "Investigators found files named report.pdf, payload.zip and setup.exe on the compromised hosts.",
    "Detections included Trojan.Win32.Agent and W64/BurntCigar.CA!tr, the vendor wrote.",
    "The U.S. Department of Justice unsealed an indictment on 2024.09.23, e.g. against two nationals.",
    "Microsoft said the actor, which it tracks as Volt Typhoon, relied on living-off-the-land techniques.",
    "It was not clear how many of the 1,200 affected organisations had paid a ransom.",
    "A spokesperson for the foreign ministry said China is itself a major victim of cyberattacks.",
    "Chrome 120.0.6099.109 and Windows 10 were mentioned, along with System.Net.WebClient calls.",
];

pub fn synthetic_news(bytes: usize, seed: u64) -> String {
    let mut r = Rng(seed | 1);
    let mut s = String::with_capacity(bytes + 4096);
    while s.len() < bytes {
        for _ in 0..(3 + r.next() % 5) {
            s.push_str(r.pick(PROSE));
            s.push(' ');
            if r.next().is_multiple_of(6) {
                let ind = match r.next() % 12 {
                    0 => format!("The C2 server was at {}.{}.{}[.]{}.", r.next() % 223 + 1, r.next() % 256, r.next() % 256, r.next() % 256),
                    1 => format!("It beaconed to hxxps://update-{}[.]com/gate.php?id={}.", r.hex(6), r.hex(8)),
                    2 => format!("The dropper (SHA-256 {}) was signed.", r.hex(64)),
                    3 => format!("Samples with MD5 {} and SHA-1 {} were shared.", r.hex(32), r.hex(40)),
                    4 => format!("The flaw, tracked as CVE-2024-{}, was exploited.", 1000 + r.next() % 9000),
                    5 => format!("The actor used T1059.001 and T{}.", 1001 + r.next() % 600),
                    6 => format!("Phishing mail came from admin{}@mail-{}.net.", r.next() % 100, r.hex(5)),
                    7 => "Persistence used HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Run and C:\\Users\\Public\\svc.exe.".to_string(),
                    8 => format!("Domains included {}-cdn.org and sync.{}.co.uk.", r.hex(7), r.hex(5)),
                    9 => "Ransom was demanded to 1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2 per the note.".to_string(),
                    10 => format!("The group posted on @{} and at https://t.me/{}.", r.hex(6), r.hex(8)),
                    _ => format!("服务器地址为{}.{}.{}.{}。", r.next() % 223 + 1, r.next() % 256, r.next() % 256, r.next() % 256),
                };
                s.push_str(&ind);
                s.push(' ');
            }
        }
        s.push_str("\n\n");
    }
    s
}
