//! Bounded memory for run-level results: byte records appended to numbered buckets, kept in
//! memory up to a budget and moved to an anonymous temporary file beyond it, then read back
//! bucket by bucket in the order they were appended. Plus the small binary encoding the
//! records use (varints and length-prefixed strings).

use std::fs::File;
use std::io::{self, Seek, SeekFrom, Write};

/// Buckets of byte records. A record must be pushed whole (`push` takes complete records), so a
/// bucket's bytes read back as a sequence of whole records.
pub struct Spill {
    budget: usize,
    buffered: usize,
    buffers: Vec<Vec<u8>>,
    /// Per bucket, its chunks in the file: (offset, length), in order.
    chunks: Vec<Vec<(u64, u32)>>,
    file: Option<File>,
    file_len: u64,
}

/// A bucket's buffer is written out once it holds this much and memory is over budget.
const MIN_CHUNK: usize = 4096;

impl Spill {
    /// Records stay in memory until they exceed `budget` bytes; then the largest buckets move
    /// to a temporary file (deleted when the process ends). `usize::MAX`: memory only.
    pub fn new(budget: usize) -> Self {
        Spill { budget, buffered: 0, buffers: Vec::new(), chunks: Vec::new(), file: None, file_len: 0 }
    }

    /// A new empty bucket; buckets are numbered from 0 in order of creation.
    pub fn bucket(&mut self) -> u32 {
        self.buffers.push(Vec::new());
        self.chunks.push(Vec::new());
        (self.buffers.len() - 1) as u32
    }

    pub fn push(&mut self, bucket: u32, records: &[u8]) -> io::Result<()> {
        self.buffers[bucket as usize].extend_from_slice(records);
        self.buffered += records.len();
        if self.buffered > self.budget {
            self.shed()?;
        }
        Ok(())
    }

    /// Writes the largest buffers out until half the budget is free.
    fn shed(&mut self) -> io::Result<()> {
        let mut order: Vec<usize> = (0..self.buffers.len()).filter(|&b| self.buffers[b].len() >= MIN_CHUNK).collect();
        order.sort_by_key(|&b| std::cmp::Reverse(self.buffers[b].len()));
        let target = self.budget / 2;
        let mut order = order.into_iter();
        while self.buffered > target {
            // Nothing big enough left: write out every non-empty buffer.
            let b = match order.next() {
                Some(b) => b,
                None => match (0..self.buffers.len()).find(|&b| !self.buffers[b].is_empty()) {
                    Some(b) => b,
                    None => break,
                },
            };
            self.write_out(b)?;
        }
        Ok(())
    }

    fn write_out(&mut self, b: usize) -> io::Result<()> {
        if self.file.is_none() {
            self.file = Some(tempfile::tempfile()?);
        }
        let file = self.file.as_mut().expect("opened above");
        file.seek(SeekFrom::Start(self.file_len))?;
        let buf = std::mem::take(&mut self.buffers[b]);
        // Chunks are at most u32::MAX bytes long.
        for part in buf.chunks(u32::MAX as usize) {
            file.write_all(part)?;
            self.chunks[b].push((self.file_len, part.len() as u32));
            self.file_len += part.len() as u64;
        }
        self.buffered -= buf.len();
        Ok(())
    }

    /// Calls `f` with the bucket's bytes, chunk by chunk in order (each chunk whole records).
    pub fn read(&self, bucket: u32, f: &mut dyn FnMut(&[u8]) -> io::Result<()>) -> io::Result<()> {
        let mut i = 0;
        while let Some(chunk) = self.chunk(bucket, i)? {
            f(&chunk)?;
            i += 1;
        }
        Ok(())
    }

    /// A bucket's `i`-th chunk of whole records (those in the file, then those in memory), or
    /// None past its end: for reading a bucket piece by piece.
    pub fn chunk(&self, bucket: u32, i: usize) -> io::Result<Option<std::borrow::Cow<'_, [u8]>>> {
        let chunks = &self.chunks[bucket as usize];
        if let Some(&(offset, len)) = chunks.get(i) {
            let mut buf = vec![0; len as usize];
            read_at(self.file.as_ref().expect("chunks live in the file"), &mut buf, offset)?;
            return Ok(Some(std::borrow::Cow::Owned(buf)));
        }
        let rest = &self.buffers[bucket as usize];
        Ok((i == chunks.len() && !rest.is_empty()).then_some(std::borrow::Cow::Borrowed(rest.as_slice())))
    }

    /// The bucket's size in bytes, in the file and in memory.
    pub fn len(&self, bucket: u32) -> u64 {
        let b = bucket as usize;
        self.chunks[b].iter().map(|&(_, len)| len as u64).sum::<u64>() + self.buffers[b].len() as u64
    }

    /// Bytes written to the temporary file so far.
    pub fn spilled(&self) -> u64 {
        self.file_len
    }
}

/// A positioned read, so that several threads may read buckets at once.
#[cfg(unix)]
fn read_at(file: &File, buf: &mut [u8], offset: u64) -> io::Result<()> {
    use std::os::unix::fs::FileExt;
    file.read_exact_at(buf, offset)
}

#[cfg(windows)]
fn read_at(file: &File, mut buf: &mut [u8], mut offset: u64) -> io::Result<()> {
    use std::os::windows::fs::FileExt;
    while !buf.is_empty() {
        match file.seek_read(buf, offset)? {
            0 => return Err(io::ErrorKind::UnexpectedEof.into()),
            n => {
                buf = &mut buf[n..];
                offset += n as u64;
            }
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Encoding

pub fn put_u64(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

pub fn put_str(out: &mut Vec<u8>, s: &str) {
    put_u64(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

pub fn put_opt(out: &mut Vec<u8>, s: Option<&str>) {
    match s {
        None => out.push(0),
        Some(s) => {
            out.push(1);
            put_str(out, s);
        }
    }
}

pub fn put_strs(out: &mut Vec<u8>, list: &[String]) {
    put_u64(out, list.len() as u64);
    for s in list {
        put_str(out, s);
    }
}

/// Reads what the `put_*` functions wrote, in the same order. The bytes come from this process,
/// so malformed input is a bug: reading past the end panics.
pub struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    pub fn new(bytes: &'a [u8]) -> Self {
        Reader { bytes, pos: 0 }
    }

    /// A reader from `pos` on.
    pub fn at(bytes: &'a [u8], pos: usize) -> Self {
        Reader { bytes, pos }
    }

    /// Where the next read starts.
    pub fn pos(&self) -> usize {
        self.pos
    }

    pub fn done(&self) -> bool {
        self.pos >= self.bytes.len()
    }

    pub fn u8(&mut self) -> u8 {
        let b = self.bytes[self.pos];
        self.pos += 1;
        b
    }

    pub fn u64(&mut self) -> u64 {
        let mut v = 0u64;
        let mut shift = 0;
        loop {
            let b = self.u8();
            v |= ((b & 0x7f) as u64) << shift;
            if b < 0x80 {
                return v;
            }
            shift += 7;
        }
    }

    pub fn usize(&mut self) -> usize {
        self.u64() as usize
    }

    pub fn str(&mut self) -> &'a str {
        let n = self.usize();
        let s = std::str::from_utf8(&self.bytes[self.pos..self.pos + n]).expect("records hold UTF-8");
        self.pos += n;
        s
    }

    /// Passes over a string without reading it.
    pub fn skip(&mut self) {
        let n = self.usize();
        self.pos += n;
    }

    pub fn opt(&mut self) -> Option<&'a str> {
        match self.u8() {
            0 => None,
            _ => Some(self.str()),
        }
    }

    pub fn strs(&mut self) -> Vec<String> {
        (0..self.usize()).map(|_| self.str().to_string()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_come_back_in_order_across_memory_and_file() {
        let mut s = Spill::new(10_000);
        let (a, b) = (s.bucket(), s.bucket());
        for i in 0..5000u64 {
            let mut r = Vec::new();
            put_u64(&mut r, i);
            put_str(&mut r, "record");
            s.push(if i % 3 == 0 { a } else { b }, &r).unwrap();
        }
        assert!(s.spilled() > 0, "over budget, something went to the file");
        let mut seen = Vec::new();
        s.read(a, &mut |bytes| {
            let mut r = Reader::new(bytes);
            while !r.done() {
                seen.push(r.u64());
                assert_eq!(r.str(), "record");
            }
            Ok(())
        })
        .unwrap();
        assert_eq!(seen, (0..5000).filter(|i| i % 3 == 0).collect::<Vec<_>>());
    }

    #[test]
    fn encoding_round_trips() {
        let mut out = Vec::new();
        put_u64(&mut out, u64::MAX);
        put_opt(&mut out, None);
        put_opt(&mut out, Some("中文"));
        put_strs(&mut out, &["a".into(), String::new()]);
        let mut r = Reader::new(&out);
        assert_eq!(r.u64(), u64::MAX);
        assert_eq!(r.opt(), None);
        assert_eq!(r.opt(), Some("中文"));
        assert_eq!(r.strs(), vec!["a".to_string(), String::new()]);
        assert!(r.done());
    }
}
