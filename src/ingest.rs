//! From paths on the command line to passages: finding input files (walking
//! directories), reading them, sharding and extracting. Shared by `index` and `shard`,
//! so both always see exactly the same passages.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::article::{self, Article, Format, ReadOptions};
use crate::extract::{self, ExtractOptions};
use crate::passage::Passage;
use crate::shard::{self, Boilerplate};

/// A file to read, and the root it was found under (article ids are relative to it).
#[derive(Debug, Clone)]
pub struct InputFile {
    pub path: PathBuf,
    pub root: PathBuf,
    pub size: u64,
}

/// An input that was not read at all, with the reason.
#[derive(Debug, Clone)]
pub struct Skipped {
    pub what: String,
    pub reason: String,
}

/// Everything found under the given paths.
#[derive(Debug, Default)]
pub struct Inputs {
    pub files: Vec<InputFile>,
    pub skipped: Vec<Skipped>,
    /// Files passed over because their extension is not an article format, by extension.
    pub ignored: BTreeMap<String, usize>,
}

impl Inputs {
    pub fn total_bytes(&self) -> u64 {
        self.files.iter().map(|f| f.size).sum()
    }
}

/// Finds the article files under `paths`. Files named directly are always read;
/// inside directories, hidden entries are skipped and only article extensions are read.
/// Symlinks are followed; loops and unreadable directories are reported, not fatal.
pub fn collect_inputs(paths: &[PathBuf]) -> Inputs {
    let mut inputs = Inputs::default();
    for root in paths {
        let meta = match std::fs::metadata(root) {
            Ok(m) => m,
            Err(e) => {
                inputs.skipped.push(Skipped {
                    what: root.display().to_string(),
                    reason: io_reason(&e),
                });
                continue;
            }
        };
        if meta.is_file() {
            inputs.files.push(InputFile {
                path: root.clone(),
                root: root.clone(),
                size: meta.len(),
            });
            continue;
        }
        let walker = walkdir::WalkDir::new(root)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
        for entry in walker {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    let what = e
                        .path()
                        .map_or_else(|| root.display().to_string(), |p| p.display().to_string());
                    let reason = if e.loop_ancestor().is_some() {
                        "symbolic link loop; not followed".to_string()
                    } else if let Some(io) = e.io_error() {
                        io_reason(io)
                    } else {
                        e.to_string()
                    };
                    inputs.skipped.push(Skipped { what, reason });
                    continue;
                }
            };
            if !entry.file_type().is_file() {
                continue;
            }
            let path = entry.path();
            if Format::for_path(path).is_none() {
                let ext = path
                    .extension()
                    .map(|e| format!(".{}", e.to_string_lossy().to_lowercase()))
                    .unwrap_or_default();
                *inputs.ignored.entry(ext).or_insert(0) += 1;
                continue;
            }
            let size = entry.metadata().map(|m| m.len()).unwrap_or(0);
            inputs.files.push(InputFile {
                path: path.to_path_buf(),
                root: root.clone(),
                size,
            });
        }
    }
    inputs
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

/// The passages of one article, and warnings about it.
pub fn article_passages(
    article: &Article,
    boilerplate: &Boilerplate,
    opts: &ExtractOptions,
) -> (Vec<Passage>, Vec<String>) {
    let shards = shard::shard(article, boilerplate);
    extract::passages(article, shards, opts)
}

/// Reads one input file (see [`article::read_file`]).
pub fn read_input(
    file: &InputFile,
    opts: &ReadOptions,
) -> Result<article::FileRead, crate::error::ReadError> {
    article::read_file(&file.path, &file.root, opts)
}

/// A path for messages: as given on the command line.
pub fn display(path: &Path) -> String {
    path.display().to_string()
}
