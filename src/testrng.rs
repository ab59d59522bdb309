//! A small xorshift generator for tests: the same cases on every run, no dependency.

pub(crate) struct Rng(pub(crate) u64);

impl Rng {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub(crate) fn pick<'a>(&mut self, of: &[&'a str]) -> &'a str {
        of[self.below(of.len())]
    }

    /// `n` pieces of `of`, joined.
    pub(crate) fn text(&mut self, of: &[&str], n: usize) -> String {
        (0..n).map(|_| self.pick(of)).collect()
    }

    /// `n` lower-case hexadecimal digits.
    pub(crate) fn hex(&mut self, n: usize) -> String {
        (0..n).map(|_| b"0123456789abcdef"[self.below(16)] as char).collect()
    }
}
