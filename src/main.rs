//! The `attrib` binary: parse the command line, run, map the outcome to an exit code.

use clap::Parser;
use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    attrib::alloc::configure();
    let cli = attrib::cli::Cli::parse();
    match attrib::cli::run(cli) {
        Ok(status) => ExitCode::from(status as u8),
        Err(err) => {
            if is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            let mut stderr = std::io::stderr().lock();
            let _ = write!(stderr, "attrib: error: {}", attrib::sanitize::terminal_line(&err.to_string()));
            for cause in err.chain().skip(1) {
                let _ = write!(stderr, ": {}", attrib::sanitize::terminal_line(&cause.to_string()));
            }
            let _ = writeln!(stderr);
            ExitCode::from(attrib::cli::ExitStatus::Error as u8)
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|c| {
        c.downcast_ref::<std::io::Error>().is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
            || c.downcast_ref::<serde_json::Error>()
                .is_some_and(|e| e.io_error_kind() == Some(std::io::ErrorKind::BrokenPipe))
    })
}
