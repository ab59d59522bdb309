//! The seed-like article end to end: the actors and the claims a reader should get from it.

use assert_cmd::Command;
use serde_json::Value;

fn analysis() -> Value {
    let out = Command::cargo_bin("attrib")
        .unwrap()
        .args(["analyze", "--format", "json"])
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/articles/anonymous64-taiwan.txt"))
        .output()
        .unwrap();
    assert!(out.status.success());
    serde_json::from_slice(&out.stdout).unwrap()
}

fn actor<'a>(v: &'a Value, id: &str) -> &'a Value {
    v["actors"].as_array().unwrap().iter().find(|a| a["id"] == id).unwrap_or_else(|| panic!("actor {id} not found"))
}

#[test]
fn seed_actors_are_found_and_references_resolved() {
    let v = analysis();
    let mss = actor(&v, "cn-mss");
    assert_eq!(mss["country"], "CN");
    assert_eq!(mss["kind"], "body");
    assert_eq!(actor(&v, "g-anonymous64")["kind"], "group");
    assert_eq!(actor(&v, "tw-icefcom")["country"], "TW");
    assert_eq!(actor(&v, "tw-icefcom")["parent"], "tw-mnd");
    assert_eq!(actor(&v, "tw-mnd")["country"], "TW");
    assert_eq!(actor(&v, "cn-pla")["country"], "CN");
    assert_eq!(actor(&v, "us")["kind"], "state");
    // "the ministry" and "the department" are the MSS, with the span they were resolved to.
    let refs: Vec<&Value> = mss["mentions"].as_array().unwrap().iter().filter(|m| m["via"] == "reference").collect();
    for phrase in ["The ministry", "the department"] {
        let m = refs.iter().find(|m| m["text"] == phrase).unwrap_or_else(|| panic!("{phrase} not resolved to the MSS"));
        assert!(m["refers_to"]["start"].as_u64().unwrap() < m["span"]["start"].as_u64().unwrap());
    }
}

#[test]
fn seed_claims_are_the_dispute_and_nothing_else() {
    let v = analysis();
    let claims = v["claims"].as_array().unwrap();
    let summary: Vec<(String, String, String)> = claims
        .iter()
        .map(|c| {
            (
                c["kind"].as_str().unwrap().to_string(),
                c["claimant_country"].as_str().unwrap_or("-").to_string(),
                c["accused_country"].as_str().unwrap_or("-").to_string(),
            )
        })
        .collect();
    let expect = [
        ("accusation", "CN", "TW"),
        ("responsibility", "TW", "TW"),
        ("minimization", "CN", "TW"),
        ("denial", "TW", "TW"),
        ("counter_accusation", "TW", "CN"),
    ];
    assert_eq!(summary.len(), expect.len(), "{summary:?}");
    for (k, a, b) in expect {
        assert!(summary.iter().any(|s| s.0 == k && s.1 == a && s.2 == b), "missing {k} {a}->{b} in {summary:?}");
    }
    let by_kind = |k: &str| claims.iter().find(|c| c["kind"] == k).unwrap();
    let accusation = by_kind("accusation");
    assert_eq!(accusation["claimant"], "cn-mss");
    assert_eq!(accusation["accused"], "g-anonymous64");
    assert_eq!(accusation["accused_sponsor"], "Information, Communications and Electronic Force Command");
    // The denial and the counter-accusation answer the accusation; the minimisation answers the boast.
    assert_eq!(by_kind("denial")["responds_to"][0], accusation["id"]);
    assert_eq!(by_kind("counter_accusation")["responds_to"][0], accusation["id"]);
    assert_eq!(by_kind("minimization")["responds_to"][0], by_kind("responsibility")["id"]);
    assert_eq!(by_kind("denial")["certainty"], "denied");
    // The headline and the body make one accusation with several spans.
    assert!(accusation["spans"].as_array().unwrap().len() >= 2);
}

#[test]
fn text_report_shows_threads() {
    let out = Command::cargo_bin("attrib")
        .unwrap()
        .args(["analyze", "--color", "never"])
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/articles/anonymous64-taiwan.txt"))
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let acc = text.find("• accusation Ministry of State Security [CN] → Anonymous64 [TW]").expect(&text);
    let denial = text.find("↳ denial").expect(&text);
    let counter = text.find("↳ counter-accusation").expect(&text);
    assert!(acc < denial && denial < counter, "{text}");
    assert!(text.contains("--> "));
    assert!(text.contains("Actors"));
}

#[test]
fn a_text_naming_no_actor_has_no_claims() {
    let out = Command::cargo_bin("attrib")
        .unwrap()
        .args(["analyze", "--format", "json"])
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/articles/no-attribution.txt"))
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["claims"].as_array().unwrap().len(), 0, "{}", v["claims"]);
}

#[test]
fn seed_scores_weigh_the_evidence() {
    let v = analysis();
    let a = v["assessments"].as_array().unwrap();
    let group = a.iter().find(|x| x["actor"] == "g-anonymous64").expect("assessment of Anonymous64");
    let china = a.iter().find(|x| x["country"] == "CN").expect("assessment of the counter-accusation");
    let score = group["score"].as_u64().unwrap();
    assert!((1..=45).contains(&score), "low or low-moderate, got {score}");
    assert!(["low", "moderate"].contains(&group["confidence"].as_str().unwrap()));
    let names: Vec<&str> = group["factors"].as_array().unwrap().iter().map(|f| f["name"].as_str().unwrap()).collect();
    for want in [
        "evidence:documentary",
        "evidence:legal",
        "evidence:self_claim",
        "independence:interested_party",
        "contestation:denial",
    ] {
        assert!(names.contains(&want), "{want} missing from {names:?}");
    }
    // Every factor that comes from the text names its span.
    assert!(group["factors"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["name"] != "specificity:indicators")
        .all(|f| f["span"].is_object()));
    // Factors add up to the score (to rounding).
    let sum: f64 = group["factors"].as_array().unwrap().iter().map(|f| f["contribution"].as_f64().unwrap()).sum();
    assert!((sum - score as f64).abs() <= 1.0, "factors sum to {sum}, score {score}");
    assert!(china["score"].as_u64().unwrap() < score, "the bare counter-accusation scores lower");
    assert!(!group["summary"].as_str().unwrap().is_empty());
    // The two hypotheses of the same act form a matrix of evidence against hypotheses.
    let m = &v["matrices"][0];
    assert_eq!(m["action"], "cyberattack");
    assert_eq!(m["hypotheses"].as_array().unwrap().len(), 2);
    assert!(m["rows"].as_array().unwrap().iter().any(|r| r["kind"] == "legal" && r["cells"][0] == "consistent"));
}
