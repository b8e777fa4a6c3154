//! The `newsdex` binary: parse arguments, run, print the error chain once.

use std::process::ExitCode;

use clap::Parser;

/// mimalloc: glibc's malloc, free and realloc were 10–15% of indexing CPU (perf, Reuters
/// ×1); BENCHMARKS.md, "What the profiles show", has the before and after.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` in mimalloc's `mi_option_e` (include/mimalloc.h, v2 and v3;
/// libmimalloc-sys names only the options before it): how long freed memory is kept
/// before it goes back to the system.
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// The purge delay we set, in milliseconds. mimalloc's default (1,000) raised peak RSS
/// ~45 MB on Reuters ×10; 0 returned memory at once, but then the kernel zeroed the
/// same pages again and again as tantivy's arenas were freed and allocated: 100 ms
/// indexed Reuters ×10 2.7% faster than 0 (four alternated pairs, quiet machine) for
/// ~15 MB more peak RSS (BENCHMARKS.md, "What the profiles show", item 12).
const PURGE_DELAY_MS: std::ffi::c_long = 100;

fn main() -> ExitCode {
    // SAFETY: mi_option_set stores an option value; any value of this option is valid.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, PURGE_DELAY_MS) };
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
