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

/// How often `newsdex index` commits: after this many articles, or this many bytes of
/// input. A killed run loses at most the work since the last commit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CommitEvery {
    Articles(u64),
    Bytes(u64),
}

impl std::str::FromStr for CommitEvery {
    type Err = String;

    /// `5000` (articles), or a size: `64MB`, `512KB`, `1GB` (also `64M`, `64mb`, `64 MB`).
    fn from_str(s: &str) -> Result<CommitEvery, String> {
        let t = s.trim();
        let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
        let (digits, unit) = t.split_at(split);
        let n: u64 = digits.parse().map_err(|_| {
            format!("{s:?}: expected a number of articles (5000) or a size (64MB, 512KB, 1GB)")
        })?;
        if n == 0 {
            return Err(format!("{s:?}: must be at least 1"));
        }
        let scale: u64 = match unit.trim().to_ascii_lowercase().as_str() {
            "" => return Ok(CommitEvery::Articles(n)),
            "k" | "kb" => 1_000,
            "m" | "mb" => 1_000_000,
            "g" | "gb" => 1_000_000_000,
            other => {
                return Err(format!(
                    "{s:?}: unknown unit {other:?}; use KB, MB or GB, or no unit for articles"
                ));
            }
        };
        n.checked_mul(scale)
            .map(CommitEvery::Bytes)
            .ok_or_else(|| format!("{s:?}: too large"))
    }
}

/// A file being indexed, shared by all its records.
#[derive(Debug)]
pub struct Source {
    pub input: InputFile,
    pub format: Format,
    pub base: article::ArticleBase,
    /// The absolute path, stored with its articles for `--prune` and `check`.
    pub absolute: String,
    /// Set when anything in the file was skipped; such files are never pruned from.
    pub problems: std::sync::atomic::AtomicBool,
    /// Set once a lossy-decoding warning was given for the file.
    pub warned_lossy: std::sync::atomic::AtomicBool,
}

/// One unit of indexing work, in input order (`seq`): a whole file (text, Markdown,
/// JSON), one line of a JSON Lines file, or a file that could not be read at all.
#[derive(Debug)]
pub struct Record {
    pub seq: u64,
    pub source: std::sync::Arc<Source>,
    pub body: RecordBody,
}

#[derive(Debug)]
pub enum RecordBody {
    /// Read the whole file (done by the worker, so file reads run in parallel).
    File,
    /// One line of a JSON Lines file, numbered from 1.
    Line { line_no: usize, bytes: Vec<u8> },
    /// The file cannot be read (from this point on); the reason.
    Failed(crate::error::ReadError),
}

impl Record {
    /// Bytes of input the record stands for (for progress and `--commit-every`).
    pub fn size(&self) -> u64 {
        match &self.body {
            RecordBody::File => self.source.input.size,
            RecordBody::Line { bytes, .. } => bytes.len() as u64 + 1,
            RecordBody::Failed(_) => 0,
        }
    }
}

/// Streams the records of a list of files in order. JSON Lines files are read line by
/// line through a buffer, so memory stays bounded however large the file; everything
/// else is one record per file.
pub struct Feeder {
    files: std::vec::IntoIter<InputFile>,
    current: Option<(
        std::sync::Arc<Source>,
        std::io::BufReader<std::fs::File>,
        usize,
        bool,
    )>,
    seq: u64,
}

impl Feeder {
    pub fn new(files: Vec<InputFile>) -> Feeder {
        Feeder {
            files: files.into_iter(),
            current: None,
            seq: 0,
        }
    }

    fn record(&mut self, source: &std::sync::Arc<Source>, body: RecordBody) -> Record {
        self.seq += 1;
        Record {
            seq: self.seq,
            source: source.clone(),
            body,
        }
    }

    fn source(input: InputFile) -> std::sync::Arc<Source> {
        let format = Format::for_path(&input.path).unwrap_or(Format::Text);
        let base = article::ArticleBase::new(&input.path, &input.root);
        let absolute = std::path::absolute(&input.path)
            .unwrap_or_else(|_| input.path.clone())
            .display()
            .to_string();
        std::sync::Arc::new(Source {
            input,
            format,
            base,
            absolute,
            problems: Default::default(),
            warned_lossy: Default::default(),
        })
    }

    /// The next line of the open JSON Lines file, or `None` at its end.
    fn next_line(&mut self) -> Option<Record> {
        use std::io::BufRead;
        let (source, reader, line_no, any) = self.current.as_mut()?;
        let source = source.clone();
        let mut bytes = Vec::new();
        loop {
            bytes.clear();
            *line_no += 1;
            match reader.read_until(b'\n', &mut bytes) {
                Ok(0) => {
                    let empty = !*any;
                    self.current = None;
                    return empty.then(|| {
                        self.record(&source, RecordBody::Failed(crate::error::ReadError::Empty))
                    });
                }
                Ok(_) => {
                    if bytes.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    *any = true;
                    while bytes.last().is_some_and(|b| *b == b'\n' || *b == b'\r') {
                        bytes.pop();
                    }
                    let line_no = *line_no;
                    return Some(self.record(&source, RecordBody::Line { line_no, bytes }));
                }
                Err(e) => {
                    self.current = None;
                    return Some(self.record(
                        &source,
                        RecordBody::Failed(crate::error::ReadError::Io { source: e }),
                    ));
                }
            }
        }
    }

    /// Opens a JSON Lines file for streaming, refusing binary files up front.
    fn open_lines(&mut self, source: std::sync::Arc<Source>) -> Option<Record> {
        use std::io::BufRead;
        let file = match std::fs::File::open(&source.input.path) {
            Ok(f) => f,
            Err(e) => {
                return Some(self.record(
                    &source,
                    RecordBody::Failed(crate::error::ReadError::Io { source: e }),
                ));
            }
        };
        let mut reader = std::io::BufReader::with_capacity(1 << 16, file);
        let head = match reader.fill_buf() {
            Ok(h) => h,
            Err(e) => {
                return Some(self.record(
                    &source,
                    RecordBody::Failed(crate::error::ReadError::Io { source: e }),
                ));
            }
        };
        if let Some(what) = article::binary_evidence(head) {
            return Some(self.record(
                &source,
                RecordBody::Failed(crate::error::ReadError::Binary { what }),
            ));
        }
        self.current = Some((source, reader, 0, false));
        None
    }
}

impl Iterator for Feeder {
    type Item = Record;

    fn next(&mut self) -> Option<Record> {
        loop {
            if self.current.is_some() {
                if let Some(r) = self.next_line() {
                    return Some(r);
                }
                continue;
            }
            let input = self.files.next()?;
            let source = Feeder::source(input);
            if source.format == Format::JsonLines {
                if let Some(r) = self.open_lines(source) {
                    return Some(r);
                }
                continue;
            }
            return Some(self.record(&source, RecordBody::File));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commit_every_reads_counts_and_sizes() {
        assert_eq!("5000".parse(), Ok(CommitEvery::Articles(5000)));
        assert_eq!("64MB".parse(), Ok(CommitEvery::Bytes(64_000_000)));
        assert_eq!("64 mb".parse(), Ok(CommitEvery::Bytes(64_000_000)));
        assert_eq!("512k".parse(), Ok(CommitEvery::Bytes(512_000)));
        assert_eq!("1GB".parse(), Ok(CommitEvery::Bytes(1_000_000_000)));
        for bad in ["", "0", "MB", "12 parsecs", "-5", "99999999999999999999GB"] {
            let err = bad.parse::<CommitEvery>().unwrap_err();
            assert!(err.contains(&format!("{bad:?}")), "{bad}: {err}");
        }
    }

    fn write(dir: &Path, name: &str, body: &[u8]) -> InputFile {
        let path = dir.join(name);
        std::fs::write(&path, body).expect("write a test file");
        InputFile {
            size: body.len() as u64,
            root: dir.to_path_buf(),
            path,
        }
    }

    #[test]
    fn feeder_streams_json_lines_and_numbers_them() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let files = vec![
            write(dir.path(), "a.txt", b"Body."),
            write(dir.path(), "b.jsonl", b"{\"id\":1}\r\n\n  \n{\"id\":2}"),
            write(dir.path(), "c.jsonl", b"\n\n"),
            write(dir.path(), "d.jsonl", b"\0\0\0binary"),
        ];
        let records: Vec<Record> = Feeder::new(files).collect();
        let shapes: Vec<String> = records
            .iter()
            .map(|r| {
                let name = r.source.base.rel_id.clone();
                match &r.body {
                    RecordBody::File => format!("{name} file"),
                    RecordBody::Line { line_no, bytes } => {
                        format!("{name}:{line_no} {}", String::from_utf8_lossy(bytes))
                    }
                    RecordBody::Failed(e) => format!("{name} failed: {e}"),
                }
            })
            .collect();
        assert_eq!(shapes[0], "a.txt file");
        assert_eq!(shapes[1], "b.jsonl:1 {\"id\":1}");
        assert_eq!(shapes[2], "b.jsonl:4 {\"id\":2}");
        assert!(shapes[3].starts_with("c.jsonl failed: "), "{shapes:?}");
        assert!(
            shapes[4].starts_with("d.jsonl failed: ") && shapes[4].contains("NUL"),
            "{shapes:?}"
        );
        assert_eq!(shapes.len(), 5);
        let seqs: Vec<u64> = records.iter().map(|r| r.seq).collect();
        assert_eq!(seqs, vec![1, 2, 3, 4, 5]);
    }
}
