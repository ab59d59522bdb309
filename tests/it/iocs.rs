//! `attrib iocs` in its three formats.

use assert_cmd::Command;

fn iocs(args: &[&str], input: &str) -> (String, String, Option<i32>) {
    let out = Command::cargo_bin("attrib").unwrap().arg("iocs").args(args).write_stdin(input).output().unwrap();
    (String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap(), out.status.code())
}

const TEXT: &str = "The implant beaconed to hxxps://update-check[.]example[.]net/api and 198.51.100[.]7, \
exploiting CVE-2024-3400. Version 1.2.3.4 of the client and report.pdf are not indicators.\n";

#[test]
fn text_lists_refanged_values_with_locations() {
    let (out, _, code) = iocs(&[], TEXT);
    assert_eq!(code, Some(0));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    assert!(lines[0].starts_with("-:1:") && lines[0].contains("url\thttps://update-check.example.net/api"), "{out}");
    assert!(lines[1].contains("ipv4\t198.51.100.7\t(written 198.51.100[.]7)"), "{out}");
    assert!(lines[2].contains("cve\tCVE-2024-3400"), "{out}");
}

#[test]
fn json_and_csv() {
    let (out, _, _) = iocs(&["--format", "json"], TEXT);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let kinds: Vec<&str> = v["indicators"].as_array().unwrap().iter().map(|i| i["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["url", "ipv4", "cve"]);
    assert_eq!(v["indicators"][1]["defanged"], true);
    let (csv, _, _) = iocs(&["--format", "csv"], "=HYPERLINK(\"x\") 203.0.113.9\n");
    let mut rows = csv.lines();
    assert_eq!(rows.next(), Some("doc,kind,value,raw,defanged,line,column"));
    assert_eq!(rows.next(), Some("'-,ipv4,203.0.113.9,203.0.113.9,false,1,17"));
}

#[test]
fn a_text_without_indicators_prints_none() {
    let (out, err, code) = iocs(&[], "Officials said the council's systems were restored on Tuesday.\n");
    assert_eq!(out, "");
    assert_eq!(code, Some(0));
    assert!(err.contains("no indicators found"));
}
