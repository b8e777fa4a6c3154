//! The `newsdex` binary: parse arguments, run, print the error chain once.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = newsdex::cli::Cli::parse();
    match newsdex::run(cli) {
        Ok(code) => code,
        Err(err) => {
            // A closed pipe (`newsdex search x | head`) is not an error.
            if err.chain().any(|c| {
                c.downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) {
                return ExitCode::SUCCESS;
            }
            eprintln!("newsdex: {err:#}");
            ExitCode::from(newsdex::commands::EXIT_ERROR)
        }
    }
}
