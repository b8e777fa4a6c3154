//! Reading articles from files: plain text, Markdown (both with optional front matter)
//! and JSON / JSON Lines. One reader per format; this module decides which one a file
//! gets and guards against binary and non-UTF-8 input.

mod frontmatter;
mod json;
mod text;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::error::ReadError;

/// One block of an article body, in reading order, before sharding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// An explicit heading (Markdown `#`).
    Heading(String),
    /// A paragraph or a line that may turn out to be a subheading or boilerplate.
    Text(String),
}

/// One article as read from its source, before sharding into passages.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Article {
    pub id: String,
    pub title: Option<String>,
    /// The publication date exactly as the metadata wrote it.
    pub date: Option<String>,
    pub url: Option<String>,
    /// Topics from metadata, as written.
    pub topics: Vec<String>,
    pub blocks: Vec<Block>,
    /// Path of the file the article came from, as given on the command line.
    pub path: String,
    /// Name of the directory the file sits in (for `--topic-from-dir`).
    pub dir_name: Option<String>,
}

impl Article {
    /// What the passages' `source` shows: the URL when metadata has one, else the path.
    pub fn source(&self) -> &str {
        self.url.as_deref().unwrap_or(&self.path)
    }
}

/// The input formats newsdex reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Json,
    JsonLines,
}

impl Format {
    /// The format for a file name, or `None` when the extension is not an article format.
    /// Files without an extension are read as plain text.
    pub fn for_path(path: &Path) -> Option<Format> {
        let ext = match path.extension() {
            None => return Some(Format::Text),
            Some(ext) => ext.to_string_lossy().to_ascii_lowercase(),
        };
        match ext.as_str() {
            "txt" | "text" => Some(Format::Text),
            "md" | "markdown" => Some(Format::Markdown),
            "json" => Some(Format::Json),
            "jsonl" | "ndjson" => Some(Format::JsonLines),
            _ => None,
        }
    }
}

/// How to read: the mapping of JSON field names (`--field body=content`).
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// Our field name → the name used in the input.
    pub field_map: BTreeMap<String, String>,
    /// The JSON member names read for each field, worked out from `field_map` once and
    /// not for every line.
    json_names: std::sync::OnceLock<json::FieldNames>,
}

impl ReadOptions {
    fn json_names(&self) -> &json::FieldNames {
        self.json_names
            .get_or_init(|| json::FieldNames::new(&self.field_map))
    }
}

impl ReadOptions {
    /// Parses `target=source` pairs; the target must be one of the article fields.
    pub fn with_field_mappings(pairs: &[String]) -> Result<ReadOptions, String> {
        let mut field_map = BTreeMap::new();
        for pair in pairs {
            let Some((target, source)) = pair.split_once('=') else {
                return Err(format!(
                    "--field {pair}: expected FIELD=NAME, for example --field body=content"
                ));
            };
            let target = target.trim();
            if !json::FIELDS.contains(&target) {
                return Err(format!(
                    "--field {pair}: unknown article field '{target}'; known: {}",
                    json::FIELDS.join(", ")
                ));
            }
            if source.trim().is_empty() {
                return Err(format!("--field {pair}: the input field name is empty"));
            }
            field_map.insert(target.to_string(), source.trim().to_string());
        }
        Ok(ReadOptions {
            field_map,
            json_names: std::sync::OnceLock::new(),
        })
    }
}

/// Everything read from one file: its articles, and problems that did not stop the rest
/// of the file from being read (a malformed JSON line, say).
#[derive(Debug, Default)]
pub struct FileRead {
    pub articles: Vec<Article>,
    /// Parts of the file that were skipped, each with its reason.
    pub skipped: Vec<ReadError>,
    /// Non-fatal remarks (lossy UTF-8 decoding).
    pub warnings: Vec<String>,
    pub bytes: u64,
}

/// Reads one file. `root` is the directory or file given on the command line; article ids
/// default to the path relative to it. An `Err` means the whole file was skipped.
pub fn read_file(path: &Path, root: &Path, opts: &ReadOptions) -> Result<FileRead, ReadError> {
    let bytes = std::fs::read(path).map_err(|source| ReadError::Io { source })?;
    let format = Format::for_path(path).unwrap_or(Format::Text);
    read_bytes(&bytes, path, root, format, opts)
}

/// Reads articles from bytes already in memory (the testable core of [`read_file`]).
pub fn read_bytes(
    bytes: &[u8],
    path: &Path,
    root: &Path,
    format: Format,
    opts: &ReadOptions,
) -> Result<FileRead, ReadError> {
    if let Some(what) = binary_evidence(bytes) {
        return Err(ReadError::Binary { what });
    }
    let mut warnings = Vec::new();
    let content = match std::str::from_utf8(bytes) {
        Ok(s) => std::borrow::Cow::Borrowed(s),
        Err(e) => {
            warnings.push(format!(
                "invalid UTF-8 at byte {}; decoded lossily (bad bytes became U+FFFD)",
                e.valid_up_to()
            ));
            String::from_utf8_lossy(bytes)
        }
    };
    let content = content.strip_prefix('\u{feff}').unwrap_or(&content);
    if content.trim().is_empty() {
        return Err(ReadError::Empty);
    }
    let base = ArticleBase::new(path, root);
    let mut read = match format {
        Format::Text => text::read_plain(content, &base).map(one)?,
        Format::Markdown => text::read_markdown(content, &base).map(one)?,
        Format::Json => json::read_json(content, &base, opts)?,
        Format::JsonLines => json::read_json_lines(content, &base, opts)?,
    };
    read.warnings.extend(warnings);
    read.bytes = bytes.len() as u64;
    Ok(read)
}

fn one(article: Article) -> FileRead {
    FileRead {
        articles: vec![article],
        ..FileRead::default()
    }
}

/// Reads one line of a JSON Lines file (numbered from 1) from raw bytes, for readers
/// that stream a file instead of loading it whole. `Ok(None)` is a blank line. The
/// `bool` says the line was not valid UTF-8 and was decoded lossily.
pub fn read_json_line(
    bytes: &[u8],
    line_no: usize,
    base: &ArticleBase,
    opts: &ReadOptions,
) -> (Result<Option<Article>, ReadError>, bool) {
    let (text, lossy) = match std::str::from_utf8(bytes) {
        Ok(s) => (std::borrow::Cow::Borrowed(s), false),
        Err(_) => (String::from_utf8_lossy(bytes), true),
    };
    let text = if line_no == 1 {
        text.strip_prefix('\u{feff}').unwrap_or(&text)
    } else {
        &text
    };
    (json::json_line(text, line_no, base, opts), lossy)
}

/// Why the start of a file looks binary, if it does (NUL bytes, many control characters).
pub fn binary_evidence(bytes: &[u8]) -> Option<&'static str> {
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return Some("NUL bytes");
    }
    let control = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    if !head.is_empty() && control * 10 > head.len() {
        return Some("control characters");
    }
    None
}

/// Path-derived defaults shared by every article of one file.
#[derive(Debug, Clone)]
pub struct ArticleBase {
    /// The path relative to the indexed root, with `/` separators.
    pub rel_id: String,
    pub path: String,
    pub dir_name: Option<String>,
}

impl ArticleBase {
    pub fn new(path: &Path, root: &Path) -> ArticleBase {
        let rel: PathBuf = if root == path {
            path.file_name().map(PathBuf::from).unwrap_or_default()
        } else {
            path.strip_prefix(root).unwrap_or(path).to_path_buf()
        };
        let rel_id = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        let dir_name = path
            .parent()
            .and_then(|p| p.file_name())
            .map(|n| n.to_string_lossy().into_owned());
        ArticleBase {
            rel_id,
            path: path.display().to_string(),
            dir_name,
        }
    }

    pub(crate) fn article(&self, id: String) -> Article {
        Article {
            id,
            path: self.path.clone(),
            dir_name: self.dir_name.clone(),
            ..Article::default()
        }
    }
}

/// Why bytes look binary rather than text, if they do. Looks at the first 8 KiB:
/// a NUL byte, or more than 10% control characters other than whitespace.
#[cfg(test)]
mod tests {
    use super::*;

    fn read(bytes: &[u8], name: &str) -> Result<FileRead, ReadError> {
        let path = Path::new("/corpus/dir").join(name);
        read_bytes(
            bytes,
            &path,
            Path::new("/corpus"),
            Format::for_path(&path).unwrap_or(Format::Text),
            &ReadOptions::default(),
        )
    }

    #[test]
    fn binary_files_are_refused_with_the_evidence() {
        let err = read(b"\x89PNG\r\n\x1a\n\0\0\0IHDR", "x.txt").unwrap_err();
        assert!(err.to_string().contains("NUL"), "{err}");
        let err = read(&[1u8, 2, 3, 4, 5, 6, 7, 8, b'a'], "y.txt").unwrap_err();
        assert!(err.to_string().contains("control"), "{err}");
    }

    #[test]
    fn empty_and_blank_files_are_refused() {
        assert!(matches!(read(b"", "e.txt"), Err(ReadError::Empty)));
        assert!(matches!(read(b"\n \n\t\n", "e.txt"), Err(ReadError::Empty)));
    }

    #[test]
    fn invalid_utf8_is_decoded_lossily_with_one_warning() {
        let read = read(b"Prices rose \xa3 5 yesterday.\nMore \xff text.", "l.txt").unwrap();
        assert_eq!(read.warnings.len(), 1);
        assert!(read.warnings[0].contains("invalid UTF-8 at byte 12"));
        let Block::Text(first) = &read.articles[0].blocks[0] else {
            panic!("expected text")
        };
        assert_eq!(first, "Prices rose \u{fffd} 5 yesterday.");
    }

    #[test]
    fn ids_default_to_the_path_relative_to_the_root() {
        let read = read(b"Some text.", "a.txt").unwrap();
        assert_eq!(read.articles[0].id, "dir/a.txt");
        assert_eq!(read.articles[0].dir_name.as_deref(), Some("dir"));
        let single = read_bytes(
            b"Text.",
            Path::new("/x/one.txt"),
            Path::new("/x/one.txt"),
            Format::Text,
            &ReadOptions::default(),
        )
        .unwrap();
        assert_eq!(single.articles[0].id, "one.txt");
    }

    #[test]
    fn formats_follow_the_extension() {
        assert_eq!(Format::for_path(Path::new("a.MD")), Some(Format::Markdown));
        assert_eq!(
            Format::for_path(Path::new("a.ndjson")),
            Some(Format::JsonLines)
        );
        assert_eq!(Format::for_path(Path::new("README")), Some(Format::Text));
        assert_eq!(Format::for_path(Path::new("photo.jpg")), None);
    }

    #[test]
    fn field_mappings_are_validated() {
        let opts = ReadOptions::with_field_mappings(&["body=content".into()]).unwrap();
        assert_eq!(opts.field_map["body"], "content");
        assert!(ReadOptions::with_field_mappings(&["bogus=x".into()]).is_err());
        assert!(ReadOptions::with_field_mappings(&["body".into()]).is_err());
    }
}
