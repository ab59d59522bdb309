//! The rubric against intended judgement: the scenarios of fixtures/scenarios, each scored on its
//! own, must rank in the order of fixtures/scenarios/order.txt (Spearman's rho at least 0.9).

use assert_cmd::Command;
use serde_json::Value;
use std::path::PathBuf;

const MIN_RHO: f64 = 0.9;

fn scenarios() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/scenarios")
}

/// The intended order, weakest first.
fn order() -> Vec<String> {
    std::fs::read_to_string(scenarios().join("order.txt"))
        .unwrap()
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect()
}

/// A scenario's score: the highest of its assessments, 0 when it has none (fixtures/scenarios/README.md).
fn score(file: &str) -> u64 {
    let out = Command::cargo_bin("attrib")
        .unwrap()
        .args(["analyze", "--format", "json", "--no-config"])
        .arg(scenarios().join(file))
        .output()
        .unwrap();
    assert!(out.status.success(), "{file}: {}", String::from_utf8_lossy(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    v["assessments"].as_array().unwrap().iter().filter_map(|a| a["score"].as_u64()).max().unwrap_or(0)
}

/// Ranks from 1, ties sharing the mean of their ranks.
fn ranks(xs: &[f64]) -> Vec<f64> {
    let mut idx: Vec<usize> = (0..xs.len()).collect();
    idx.sort_by(|&a, &b| xs[a].total_cmp(&xs[b]));
    let mut r = vec![0.0; xs.len()];
    let mut i = 0;
    while i < idx.len() {
        let mut j = i;
        while j + 1 < idx.len() && xs[idx[j + 1]] == xs[idx[i]] {
            j += 1;
        }
        for &k in &idx[i..=j] {
            r[k] = (i + j) as f64 / 2.0 + 1.0;
        }
        i = j + 1;
    }
    r
}

/// Spearman's rho: Pearson's correlation of the ranks (ties averaged).
fn spearman(a: &[f64], b: &[f64]) -> f64 {
    let (ra, rb) = (ranks(a), ranks(b));
    let n = ra.len() as f64;
    let (ma, mb) = (ra.iter().sum::<f64>() / n, rb.iter().sum::<f64>() / n);
    let cov: f64 = ra.iter().zip(&rb).map(|(x, y)| (x - ma) * (y - mb)).sum();
    let va: f64 = ra.iter().map(|x| (x - ma).powi(2)).sum::<f64>().sqrt();
    let vb: f64 = rb.iter().map(|y| (y - mb).powi(2)).sum::<f64>().sqrt();
    if va == 0.0 || vb == 0.0 {
        0.0
    } else {
        cov / (va * vb)
    }
}

#[test]
fn spearman_of_known_rankings() {
    assert!((spearman(&[1.0, 2.0, 3.0], &[10.0, 20.0, 30.0]) - 1.0).abs() < 1e-12);
    assert!((spearman(&[1.0, 2.0, 3.0], &[30.0, 20.0, 10.0]) + 1.0).abs() < 1e-12);
    assert_eq!(ranks(&[5.0, 0.0, 0.0, 7.0]), [3.0, 1.5, 1.5, 4.0]);
    assert_eq!(spearman(&[1.0, 2.0], &[0.0, 0.0]), 0.0);
}

#[test]
fn scenario_scores_follow_the_intended_order() {
    let order = order();
    assert!(order.len() >= 12, "at least 12 scenarios, found {}", order.len());
    let mut on_disk: Vec<String> = std::fs::read_dir(scenarios())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".txt") && n != "order.txt")
        .collect();
    on_disk.sort();
    let mut listed = order.clone();
    listed.sort();
    assert_eq!(listed, on_disk, "order.txt lists every scenario exactly once");

    let scores: Vec<f64> = order.iter().map(|f| score(f) as f64).collect();
    let intended: Vec<f64> = (1..=order.len()).map(|i| i as f64).collect();
    let rho = spearman(&intended, &scores);
    let got = ranks(&scores);
    let mut table = String::from("intended  rank  score  scenario\n");
    for (i, f) in order.iter().enumerate() {
        table.push_str(&format!("{:>8}  {:>4}  {:>5}  {f}\n", i + 1, got[i], scores[i]));
    }
    table.push_str(&format!("Spearman rho = {rho:.3} (at least {MIN_RHO})"));
    println!("{table}");
    assert!(rho >= MIN_RHO, "the scores do not follow the intended order:\n{table}");
}
