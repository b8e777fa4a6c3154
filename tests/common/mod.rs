//! Shared helpers for the integration tests: each test gets its own temporary directory,
//! and a command wrapper that shows the command, its stdout and stderr when an
//! assertion fails.

#![allow(dead_code)]

pub mod speakers;

use std::path::{Path, PathBuf};
use std::process::Output;

pub const SEED: &str = "corpus/seed/000_42fee1530c361fcc.txt";

/// The repository root (tests run with the package directory as the working directory).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn repo_path(rel: &str) -> PathBuf {
    repo().join(rel)
}

/// The result of one newsdex run, with everything needed to explain a failure.
pub struct Run {
    pub args: Vec<String>,
    pub out: Output,
}

impl Run {
    pub fn code(&self) -> i32 {
        self.out.status.code().unwrap_or(-1)
    }
    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.out.stdout).into_owned()
    }
    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.out.stderr).into_owned()
    }
    /// Panics with the full picture unless the exit code is `code`.
    pub fn expect_code(&self, code: i32) -> &Run {
        assert_eq!(
            self.code(),
            code,
            "unexpected exit status\n{}",
            self.describe()
        );
        assert!(
            !self.stderr().contains("panicked"),
            "newsdex panicked\n{}",
            self.describe()
        );
        self
    }
    pub fn describe(&self) -> String {
        format!(
            "command: newsdex {}\nstatus: {:?}\n--- stdout ---\n{}\n--- stderr ---\n{}",
            self.args.join(" "),
            self.out.status.code(),
            self.stdout(),
            self.stderr()
        )
    }
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout())
            .unwrap_or_else(|e| panic!("stdout is not JSON: {e}\n{}", self.describe()))
    }
    pub fn jsonl(&self) -> Vec<serde_json::Value> {
        self.stdout()
            .lines()
            .map(|l| {
                serde_json::from_str(l)
                    .unwrap_or_else(|e| panic!("bad JSON line {l:?}: {e}\n{}", self.describe()))
            })
            .collect()
    }
}

/// Runs newsdex with `args` in the repository root, with no colour and a fixed reference date.
pub fn newsdex<S: AsRef<str>>(args: &[S]) -> Run {
    newsdex_in(&repo(), args)
}

pub fn newsdex_in<S: AsRef<str>>(dir: &Path, args: &[S]) -> Run {
    let args: Vec<String> = args.iter().map(|a| a.as_ref().to_string()).collect();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_newsdex"))
        .args(&args)
        .current_dir(dir)
        .env_remove("NEWSDEX_INDEX")
        .env("NO_COLOR", "1")
        .output()
        .expect("newsdex runs");
    Run { args, out }
}

/// A temporary directory with an index of `paths` (relative to the repository) at `idx`.
pub struct Indexed {
    pub dir: tempfile::TempDir,
    pub index: PathBuf,
}

impl Indexed {
    pub fn of(paths: &[&str]) -> Indexed {
        let dir = tempfile::tempdir().expect("temp dir");
        let index = dir.path().join("idx");
        let paths: Vec<PathBuf> = paths.iter().map(|p| repo_path(p)).collect();
        let paths: Vec<&Path> = paths.iter().map(PathBuf::as_path).collect();
        index_paths(&index, &paths, &["--quiet"]).expect_code(0);
        Indexed { dir, index }
    }

    /// `newsdex search` against this index with extra arguments.
    pub fn search<S: AsRef<str>>(&self, args: &[S]) -> Run {
        let mut all: Vec<String> = vec![
            "search".into(),
            "--index".into(),
            self.index.display().to_string(),
        ];
        all.extend(args.iter().map(|a| a.as_ref().to_string()));
        newsdex(&all)
    }
}

/// `newsdex index --index IDX EXTRA... PATHS...`.
pub fn index_paths(idx: &Path, paths: &[&Path], extra: &[&str]) -> Run {
    let mut args: Vec<String> = vec!["index".into(), "--index".into(), idx.display().to_string()];
    args.extend(extra.iter().map(|s| s.to_string()));
    args.extend(paths.iter().map(|p| p.display().to_string()));
    newsdex(&args)
}

/// Every passage of an index with its provenance, sorted by id.
pub fn dump(idx: &Path) -> Vec<(newsdex::passage::Passage, newsdex::schema::Provenance)> {
    newsdex::index::NewsIndex::open(idx)
        .expect("the index opens")
        .all_passages()
        .expect("the passages load")
}

/// Passages of `path` as `newsdex shard` prints them (JSON Lines).
pub fn shard(path: &str) -> Vec<serde_json::Value> {
    let run = newsdex(&["shard", path, "--reference-date", "2026-11-23"]);
    run.expect_code(0);
    run.jsonl()
}

/// Writes `content` to `name` in a new temporary directory and indexes that file into
/// `idx` beside it. Returns the directory (keep it alive), the index path and the run.
pub fn index_one_file(name: &str, content: &[u8]) -> (tempfile::TempDir, PathBuf, Run) {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join(name);
    std::fs::write(&file, content).expect("write input");
    let idx = dir.path().join("idx");
    let run = newsdex(&[
        "index",
        "--index",
        idx.to_str().expect("utf-8 path"),
        file.to_str().expect("utf-8 path"),
    ]);
    (dir, idx, run)
}

/// The Reuters-21578 archive in the shared data sets, or `None` (after printing why
/// `test` is skipped) when it is absent.
pub fn reuters_archive(test: &str) -> Option<PathBuf> {
    let archive = repo().join("../shared/data/reuters21578/reuters21578.tar.gz");
    if archive.is_file() {
        return Some(archive);
    }
    eprintln!(
        "skipping {test}: data set not found at {} (see shared/data/reuters21578/README.md)",
        archive.display()
    );
    None
}

/// Whether `python3` runs (for `benches/reuters_to_jsonl.py`); prints why `test` is
/// skipped when it does not.
pub fn python3_found(test: &str) -> bool {
    let found = std::process::Command::new("python3")
        .arg("--version")
        .output()
        .is_ok();
    if !found {
        eprintln!("skipping {test}: python3 (for benches/reuters_to_jsonl.py) not found");
    }
    found
}

/// Converts the Reuters archive with `benches/reuters_to_jsonl.py` into `dir` and
/// returns the article JSONL it wrote.
pub fn reuters_jsonl(archive: &Path, dir: &Path) -> String {
    let jsonl = dir.join("reuters.jsonl");
    let out = std::process::Command::new("python3")
        .arg(repo_path("benches/reuters_to_jsonl.py"))
        .arg(archive)
        .arg("-o")
        .arg(&jsonl)
        .output()
        .expect("run benches/reuters_to_jsonl.py");
    assert!(
        out.status.success(),
        "reuters_to_jsonl.py failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::read_to_string(&jsonl).expect("read the converted JSONL")
}

/// Unpacks the Reuters archive into `dir` and returns the text of its 22 `reut2-*.sgm`
/// files in order, decoded as Latin-1 (every byte is the code point of the same value).
pub fn reuters_sgml(archive: &Path, dir: &Path) -> Vec<String> {
    let status = std::process::Command::new("tar")
        .arg("-xzf")
        .arg(archive)
        .arg("-C")
        .arg(dir)
        .status()
        .expect("run the system tar");
    assert!(
        status.success(),
        "tar -xzf {} failed: {status}",
        archive.display()
    );
    let data = dir.join("reuters21578");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&data)
        .expect("read the unpacked directory")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("reut2-") && n.ends_with(".sgm"))
        })
        .collect();
    files.sort();
    assert_eq!(
        files.len(),
        22,
        "expected 22 reut2-*.sgm files in {}",
        data.display()
    );
    files
        .iter()
        .map(|f| {
            let bytes = std::fs::read(f).expect("read an SGML file");
            bytes.iter().map(|&b| char::from(b)).collect()
        })
        .collect()
}
