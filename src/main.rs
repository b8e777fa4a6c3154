//! The `newsdex` binary: parse arguments, run, print the error chain once.

use std::process::ExitCode;

use clap::Parser;

/// mimalloc: glibc's malloc, free and realloc were 10–15% of indexing CPU (perf, Reuters
/// ×1); BENCHMARKS.md, "What the profiles show", has the before and after.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` in mimalloc's `mi_option_e` (include/mimalloc.h, v2 and v3;
/// libmimalloc-sys names only the options before it): how long freed memory is kept
/// before it goes back to the system. 0 returns it at once, which kept peak RSS ~45 MB
/// lower on Reuters ×10 at no measured cost in time.
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

fn main() -> ExitCode {
    // SAFETY: mi_option_set stores an option value; any value of this option is valid.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 0) };
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
