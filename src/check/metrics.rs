//! Precision, recall and F1, overall and per kind; evidence-kind F1 and certainty accuracy on
//! the matched claims.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Counts {
    pub tp: usize,
    pub fp: usize,
    #[serde(rename = "fn")]
    pub fn_: usize,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            if self.tp + self.fp + self.fn_ == 0 {
                1.0
            } else {
                0.0
            }
        } else {
            2.0 * p * r / (p + r)
        }
    }
    pub fn add(&mut self, o: Counts) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.fn_ += o.fn_;
    }
}

/// Precision of nothing predicted is 1, recall of nothing expected is 1.
fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Metrics {
    pub overall: Counts,
    pub by_kind: BTreeMap<String, Counts>,
    pub evidence: Counts,
    pub certainty_matched: usize,
    pub certainty_correct: usize,
}

impl Metrics {
    pub fn certainty_accuracy(&self) -> f64 {
        ratio(self.certainty_correct, self.certainty_matched)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn f1_arithmetic() {
        let c = Counts { tp: 8, fp: 2, fn_: 2 };
        assert!((c.precision() - 0.8).abs() < 1e-9);
        assert!((c.recall() - 0.8).abs() < 1e-9);
        assert!((c.f1() - 0.8).abs() < 1e-9);
        assert_eq!(Counts::default().f1(), 1.0);
        assert_eq!(Counts { tp: 0, fp: 3, fn_: 0 }.f1(), 0.0);
    }
}
