//! The one output writer: standard output, or a file written atomically (a temporary file in
//! the same folder, renamed over the destination only when the report is complete).

use anyhow::{bail, Context, Result};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The temporary files being written, removed if the run is interrupted (Ctrl-C), so that an
/// interrupted run leaves neither a partial report nor a stray temporary file.
static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Installs the interrupt handler (once per process): remove pending temporary files, exit 130.
pub fn clean_up_on_interrupt() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let _ = ctrlc::set_handler(|| {
            let list = PENDING.lock().unwrap_or_else(|e| e.into_inner());
            for p in list.iter() {
                let _ = std::fs::remove_file(p);
            }
            std::process::exit(130);
        });
    });
}

pub enum Output {
    Stdout(BufWriter<io::Stdout>),
    File { tmp: BufWriter<tempfile::NamedTempFile>, dest: PathBuf },
}

impl Output {
    pub fn stdout() -> Self {
        Output::Stdout(BufWriter::with_capacity(64 * 1024, io::stdout()))
    }

    /// Prepares an atomic write to `dest`. Fails when its folder is missing or `dest` is a folder.
    pub fn file(dest: &Path) -> Result<Self> {
        let parent = match dest.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        if !parent.is_dir() {
            bail!("cannot write {}: folder {} does not exist", dest.display(), parent.display());
        }
        if dest.is_dir() {
            bail!("cannot write {}: it is a folder", dest.display());
        }
        // The handler first, and the file created and listed under the lock it takes: an
        // interrupt at any point finds every temporary file that exists.
        clean_up_on_interrupt();
        let mut list = PENDING.lock().unwrap_or_else(|e| e.into_inner());
        let tmp =
            tempfile::Builder::new().prefix(".attrib-").suffix(".tmp").tempfile_in(&parent).with_context(|| {
                format!("cannot write {}: cannot create a temporary file in {}", dest.display(), parent.display())
            })?;
        list.push(tmp.path().to_path_buf());
        drop(list);
        Ok(Output::File { tmp: BufWriter::new(tmp), dest: dest.to_path_buf() })
    }

    /// Flushes, and for a file renames the finished temporary file over the destination.
    pub fn commit(self) -> Result<()> {
        match self {
            Output::Stdout(mut w) => {
                w.flush()?;
                Ok(())
            }
            Output::File { tmp, dest } => {
                let tmp = tmp
                    .into_inner()
                    .map_err(|e| e.into_error())
                    .with_context(|| format!("cannot write {}", dest.display()))?;
                tmp.as_file().sync_all().ok();
                // Renamed and unlisted under the lock: an interrupt now waits for the rename, so
                // the destination is whole or untouched, and no temporary file is left.
                let mut list = PENDING.lock().unwrap_or_else(|e| e.into_inner());
                let path = tmp.path().to_path_buf();
                // On failure the temporary file is dropped (deleted) here, still under the lock.
                let done = tmp.persist(&dest).map(drop).map_err(|e| e.error);
                list.retain(|p| *p != path);
                drop(list);
                done.with_context(|| format!("cannot write {}", dest.display()))?;
                Ok(())
            }
        }
    }
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Output::Stdout(w) => w.write(buf),
            Output::File { tmp, .. } => tmp.write(buf),
        }
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        match self {
            Output::Stdout(w) => w.write_all(buf),
            Output::File { tmp, .. } => tmp.write_all(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Output::Stdout(w) => w.flush(),
            Output::File { tmp, .. } => tmp.flush(),
        }
    }
}
