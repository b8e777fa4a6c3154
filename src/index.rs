//! The on-disk index: creating, opening (with schema-version checks) and writing it.
//! One of the few modules that speak tantivy.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use tantivy::collector::TopDocs;
use tantivy::directory::error::LockError;
use tantivy::query::TermQuery;
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{Index, IndexWriter, Searcher, TantivyDocument, TantivyError, Term};

use crate::content_hash::ContentHash;
use crate::error::IndexError;
use crate::passage::Passage;
use crate::schema::{NewsSchema, Provenance, register_tokenizers};

/// The file newsdex writes beside tantivy's own, naming the schema version.
pub const MARKER: &str = "newsdex.json";

/// An index directory that can also be searched when it cannot be written to (read-only
/// media, another user's index). tantivy takes its meta lock even to open a reader, only
/// to keep a writer's clean-up from deleting files meanwhile; where the lock file cannot
/// be opened for writing, nobody here can delete files either, so readers go on without
/// it. Every other operation, and the writer's own lock, behave exactly as usual.
#[derive(Clone, Debug)]
struct ReadOnlyTolerant(tantivy::directory::MmapDirectory);

impl tantivy::Directory for ReadOnlyTolerant {
    fn get_file_handle(
        &self,
        path: &Path,
    ) -> Result<
        std::sync::Arc<dyn tantivy::directory::FileHandle>,
        tantivy::directory::error::OpenReadError,
    > {
        self.0.get_file_handle(path)
    }
    fn delete(&self, path: &Path) -> Result<(), tantivy::directory::error::DeleteError> {
        self.0.delete(path)
    }
    fn exists(&self, path: &Path) -> Result<bool, tantivy::directory::error::OpenReadError> {
        self.0.exists(path)
    }
    fn open_write(
        &self,
        path: &Path,
    ) -> Result<tantivy::directory::WritePtr, tantivy::directory::error::OpenWriteError> {
        self.0.open_write(path)
    }
    fn atomic_read(
        &self,
        path: &Path,
    ) -> Result<Vec<u8>, tantivy::directory::error::OpenReadError> {
        self.0.atomic_read(path)
    }
    fn atomic_write(&self, path: &Path, data: &[u8]) -> std::io::Result<()> {
        self.0.atomic_write(path, data)
    }
    fn sync_directory(&self) -> std::io::Result<()> {
        self.0.sync_directory()
    }
    fn acquire_lock(
        &self,
        lock: &tantivy::directory::Lock,
    ) -> Result<tantivy::directory::DirectoryLock, LockError> {
        match self.0.acquire_lock(lock) {
            Err(LockError::IoError(e))
                if lock.filepath == tantivy::directory::META_LOCK.filepath
                    && matches!(
                        e.kind(),
                        std::io::ErrorKind::PermissionDenied
                            | std::io::ErrorKind::ReadOnlyFilesystem
                    ) =>
            {
                Ok(tantivy::directory::DirectoryLock::from(Box::new(())))
            }
            other => other,
        }
    }
    fn watch(
        &self,
        callback: tantivy::directory::WatchCallback,
    ) -> tantivy::Result<tantivy::directory::WatchHandle> {
        self.0.watch(callback)
    }
}

/// What a tantivy index holds before its first segment is written.
const FRESH_INDEX_FILES: &[&str] = &[
    "meta.json",
    ".managed.json",
    ".tantivy-meta.lock",
    ".tantivy-writer.lock",
];

/// tantivy needs at least this much memory per indexing thread.
pub const MIN_MEMORY_MB_PER_THREAD: usize = 15;

#[derive(Debug, Serialize, Deserialize)]
struct Marker {
    schema_version: u32,
    created_by: String,
}

/// An opened newsdex index.
pub struct NewsIndex {
    pub path: PathBuf,
    pub index: Index,
    pub schema: &'static NewsSchema,
}

impl NewsIndex {
    /// Opens an existing index for reading; says how to build one when there is none.
    pub fn open(path: &Path) -> Result<NewsIndex, IndexError> {
        if !path.exists() {
            return Err(IndexError::Missing {
                path: path.to_path_buf(),
            });
        }
        if !path.join(MARKER).is_file() {
            return Err(IndexError::NotAnIndex {
                path: path.to_path_buf(),
                marker: MARKER,
            });
        }
        let schema = NewsSchema::embedded();
        let marker: Marker = std::fs::read_to_string(path.join(MARKER))
            .map_err(|source| IndexError::Io {
                path: path.to_path_buf(),
                source,
            })
            .and_then(|s| {
                serde_json::from_str(&s).map_err(|e| IndexError::Tantivy {
                    path: path.to_path_buf(),
                    message: format!(
                        "{MARKER} is damaged ({e}); rebuild with `newsdex index --rebuild`"
                    ),
                })
            })?;
        if marker.schema_version != schema.version {
            return Err(IndexError::SchemaVersion {
                path: path.to_path_buf(),
                found: marker.schema_version,
                expected: schema.version,
            });
        }
        let directory =
            tantivy::directory::MmapDirectory::open(path).map_err(|e| IndexError::Tantivy {
                path: path.to_path_buf(),
                message: e.to_string(),
            })?;
        let index = Index::open(ReadOnlyTolerant(directory)).map_err(|e| tantivy_err(path, e))?;
        register_tokenizers(&index);
        Ok(NewsIndex {
            path: path.to_path_buf(),
            index,
            schema,
        })
    }

    /// An empty index held in memory (tests and benchmarks); nothing is written to disk.
    pub fn in_ram() -> NewsIndex {
        let schema = NewsSchema::embedded();
        let index = Index::create_in_ram(schema.schema.clone());
        register_tokenizers(&index);
        NewsIndex {
            path: PathBuf::from("(ram)"),
            index,
            schema,
        }
    }

    /// Opens the index at `path` for writing, creating it when the directory is missing
    /// or empty. With `rebuild`, an existing newsdex index there is deleted first. A
    /// non-empty directory that is not a newsdex index is never touched.
    pub fn open_or_create(path: &Path, rebuild: bool) -> Result<NewsIndex, IndexError> {
        let io = |source| IndexError::Io {
            path: path.to_path_buf(),
            source,
        };
        let is_index = path.join(MARKER).is_file();
        if path.exists() && !is_index {
            // Empty, or an index whose creation was interrupted before its first commit
            // (tantivy's bookkeeping files only, no segment): nothing to lose.
            let mut empty = true;
            for entry in std::fs::read_dir(path).map_err(io)? {
                let name = entry.map_err(io)?.file_name();
                if !FRESH_INDEX_FILES.contains(&name.to_string_lossy().as_ref()) {
                    empty = false;
                }
            }
            if !empty {
                return Err(IndexError::NotAnIndex {
                    path: path.to_path_buf(),
                    marker: MARKER,
                });
            }
        }
        if is_index && rebuild {
            std::fs::remove_dir_all(path).map_err(io)?;
        }
        if is_index && !rebuild {
            return NewsIndex::open(path);
        }
        if path.exists() && !is_index {
            for name in FRESH_INDEX_FILES {
                match std::fs::remove_file(path.join(name)) {
                    Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(io(e)),
                    _ => {}
                }
            }
        }
        std::fs::create_dir_all(path).map_err(io)?;
        let schema = NewsSchema::embedded();
        let index =
            Index::create_in_dir(path, schema.schema.clone()).map_err(|e| tantivy_err(path, e))?;
        register_tokenizers(&index);
        let marker = Marker {
            schema_version: schema.version,
            created_by: format!("newsdex {}", env!("CARGO_PKG_VERSION")),
        };
        // Written after tantivy's meta.json, so a marker always means a complete index.
        let json = serde_json::to_string_pretty(&marker).unwrap_or_default();
        std::fs::write(path.join(MARKER), json).map_err(io)?;
        Ok(NewsIndex {
            path: path.to_path_buf(),
            index,
            schema,
        })
    }

    /// Writes and deletes a few megabytes in the index directory (of an index on disk):
    /// `Err` tells why the directory cannot take writes (read-only, full, size limit).
    pub fn write_probe(&self) -> std::io::Result<()> {
        use std::io::Write;
        let probe = self.path.join(".newsdex-write-probe");
        let result = (|| {
            let mut f = std::fs::File::create(&probe)?;
            let chunk = vec![0u8; 1 << 16];
            for _ in 0..64 {
                f.write_all(&chunk)?;
            }
            f.sync_all()
        })();
        let _ = std::fs::remove_file(&probe);
        result
    }

    /// A writer with `threads` indexing threads sharing `memory_mb` of buffers.
    pub fn writer(&self, threads: usize, memory_mb: usize) -> Result<Writer<'_>, IndexError> {
        let threads = threads.max(1);
        let memory_mb = memory_mb.max(threads * MIN_MEMORY_MB_PER_THREAD);
        let writer = self
            .index
            .writer_with_num_threads(threads, memory_mb * 1_000_000)
            .map_err(|e| tantivy_err(&self.path, e))?;
        Ok(Writer {
            writer,
            index: self,
        })
    }

    /// Number of passages in the last commit.
    pub fn num_passages(&self) -> Result<u64, IndexError> {
        let reader = self
            .index
            .reader()
            .map_err(|e| tantivy_err(&self.path, e))?;
        Ok(reader.searcher().num_docs())
    }
}

/// One passage as `newsdex check` and incremental runs see it: the bookkeeping columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PassageRecord {
    pub article_id: String,
    pub para: u64,
    /// `None` when the stored hash is missing or not 32 hex digits.
    pub content_hash: Option<ContentHash>,
    /// The article's passage count as stored when it was indexed.
    pub passages: u64,
}

impl NewsIndex {
    fn searcher(&self) -> Result<Searcher, IndexError> {
        let reader = self
            .index
            .reader_builder()
            .reload_policy(tantivy::ReloadPolicy::Manual)
            .try_into()
            .map_err(|e| tantivy_err(&self.path, e))?;
        Ok(reader.searcher())
    }

    /// The articles in the last commit, by content hash: how many articles each hash
    /// stands for (a JSON file holding an array gives all its articles one hash).
    /// Read from fast fields, without loading stored documents.
    pub fn committed_hashes(&self) -> Result<HashMap<ContentHash, u32>, IndexError> {
        let mut out: HashMap<ContentHash, u32> = HashMap::new();
        for r in self.passage_records()? {
            if r.para == 0
                && let Some(h) = r.content_hash
            {
                *out.entry(h).or_insert(0) += 1;
            }
        }
        Ok(out)
    }

    /// Every live passage's bookkeeping columns (article id, para, hash, count), in
    /// index order. Read from fast fields.
    pub fn passage_records(&self) -> Result<Vec<PassageRecord>, IndexError> {
        let searcher = self.searcher()?;
        let err = |e| tantivy_err(&self.path, e);
        let mut out = Vec::with_capacity(searcher.num_docs() as usize);
        for segment in searcher.segment_readers() {
            let ff = segment.fast_fields();
            let ids = ff.str("article_id").map_err(err)?;
            let hashes = HashColumns::open(ff).map_err(err)?;
            let paras = ff.u64("para").map_err(err)?;
            let counts = ff.u64("passages").map_err(err)?;
            // Resolving ordinals one by one decompresses a dictionary block each time;
            // streaming each dictionary once is much faster.
            let id_terms = all_terms(&ids).map_err(|e| tantivy_err(&self.path, e.into()))?;
            for doc in segment.doc_ids_alive() {
                let ord = |col: &Option<tantivy::columnar::StrColumn>| {
                    col.as_ref()
                        .and_then(|c| c.term_ords(doc).next())
                        .map(|o| o as usize)
                };
                out.push(PassageRecord {
                    article_id: ord(&ids)
                        .and_then(|o| id_terms.get(o))
                        .cloned()
                        .unwrap_or_default(),
                    para: paras.first(doc).unwrap_or(0),
                    content_hash: hashes.get(doc),
                    passages: counts.first(doc).unwrap_or(0),
                });
            }
        }
        Ok(out)
    }

    /// The source file recorded for the articles with content hash `hash`, if any.
    pub fn file_of(
        &self,
        searcher: &Searcher,
        hash: ContentHash,
    ) -> Result<Option<String>, IndexError> {
        let fields = &self.schema.fields;
        let query = hash_query(fields, hash, None);
        let top = searcher
            .search(&query, &TopDocs::with_limit(1).order_by_score())
            .map_err(|e| tantivy_err(&self.path, e))?;
        let Some((_, addr)) = top.first() else {
            return Ok(None);
        };
        let doc: TantivyDocument = searcher
            .doc(*addr)
            .map_err(|e| tantivy_err(&self.path, e))?;
        Ok(doc
            .get_first(fields.file)
            .and_then(|v| v.as_str())
            .map(str::to_string))
    }

    /// A searcher over the last commit (for repeated look-ups such as [`Self::file_of`]).
    pub fn last_commit(&self) -> Result<Searcher, IndexError> {
        self.searcher()
    }

    /// Every passage of the last commit with its article's provenance, sorted by passage
    /// id (for exports and for comparing two indexes).
    pub fn all_passages(&self) -> Result<Vec<(Passage, Provenance)>, IndexError> {
        let searcher = self.searcher()?;
        let f = &self.schema.fields;
        let err = |e| tantivy_err(&self.path, e);
        let mut out = Vec::with_capacity(searcher.num_docs() as usize);
        for (ord, segment) in searcher.segment_readers().iter().enumerate() {
            let ff = segment.fast_fields();
            let hashes = HashColumns::open(ff).map_err(err)?;
            for doc_id in segment.doc_ids_alive() {
                let doc: TantivyDocument = searcher
                    .doc(tantivy::DocAddress::new(ord as u32, doc_id))
                    .map_err(err)?;
                let text = |field| {
                    doc.get_first(field)
                        .and_then(|v| v.as_str())
                        .unwrap_or_default()
                        .to_string()
                };
                let provenance = Provenance {
                    content_hash: hashes.get(doc_id),
                    file: text(f.file),
                    passages: doc
                        .get_first(f.passages)
                        .and_then(|v| v.as_u64())
                        .unwrap_or(0),
                };
                out.push((self.schema.to_passage(&doc), provenance));
            }
        }
        out.sort_by(|a, b| a.0.id.cmp(&b.0.id));
        Ok(out)
    }

    /// tantivy's own integrity check: the index files whose checksums do not match.
    pub fn damaged_files(&self) -> Result<Vec<PathBuf>, IndexError> {
        let mut files: Vec<PathBuf> = self
            .index
            .validate_checksum()
            .map_err(|e| tantivy_err(&self.path, e))?
            .into_iter()
            .collect();
        files.sort();
        Ok(files)
    }
}

/// Every term of a string column's dictionary, in ordinal order.
fn all_terms(col: &Option<tantivy::columnar::StrColumn>) -> std::io::Result<Vec<String>> {
    let Some(col) = col else {
        return Ok(Vec::new());
    };
    let mut out = Vec::with_capacity(col.dictionary().num_terms());
    let mut stream = col.dictionary().stream()?;
    while stream.advance() {
        out.push(String::from_utf8_lossy(stream.key()).into_owned());
    }
    Ok(out)
}

/// Adds articles to an index. Safe to share between threads.
pub struct Writer<'a> {
    writer: IndexWriter,
    index: &'a NewsIndex,
}

impl Writer<'_> {
    /// Replaces every passage of `article_id` with `passages`: re-indexing an article
    /// never duplicates it.
    pub fn replace_article(
        &self,
        article_id: &str,
        passages: &[Passage],
    ) -> Result<(), IndexError> {
        let provenance = Provenance {
            passages: passages.len() as u64,
            ..Provenance::default()
        };
        self.replace_article_from(article_id, passages, &provenance)
    }

    /// [`Self::replace_article`] with the provenance that incremental runs and `newsdex
    /// check` rely on.
    pub fn replace_article_from(
        &self,
        article_id: &str,
        passages: &[Passage],
        provenance: &Provenance,
    ) -> Result<(), IndexError> {
        let fields = &self.index.schema.fields;
        self.writer
            .delete_term(Term::from_field_text(fields.article_id, article_id));
        self.add_article(passages, provenance)
    }

    /// Adds an article known not to be in the index yet. Cheaper than a replacement: a
    /// fresh build queues no deletes (each one is checked against every segment).
    pub fn add_article(
        &self,
        passages: &[Passage],
        provenance: &Provenance,
    ) -> Result<(), IndexError> {
        for p in passages {
            self.writer
                .add_document(self.index.schema.to_document(p, provenance))
                .map_err(|e| tantivy_err(&self.index.path, e))?;
        }
        Ok(())
    }

    /// Deletes the passages of `article_id` that were read from the record with `hash`
    /// (a duplicate id that lost to an earlier record), leaving other versions alone.
    pub fn delete_article_version(&self, article_id: &str, hash: ContentHash) {
        let fields = &self.index.schema.fields;
        let term = |field, text: &str| -> Box<dyn tantivy::query::Query> {
            Box::new(TermQuery::new(
                Term::from_field_text(field, text),
                IndexRecordOption::Basic,
            ))
        };
        let query = hash_query(fields, hash, Some(term(fields.article_id, article_id)));
        // Only fails for queries that cannot be weighted; an intersection of terms and
        // ranges always can.
        let _ = self.writer.delete_query(Box::new(query));
    }

    /// Deletes every passage of the articles read from the record with `hash`.
    pub fn delete_content(&self, hash: ContentHash) {
        let query = hash_query(&self.index.schema.fields, hash, None);
        // As above: an intersection of ranges can always be weighted.
        let _ = self.writer.delete_query(Box::new(query));
    }

    /// Makes everything added so far durable and visible to searches.
    pub fn commit(&mut self) -> Result<(), IndexError> {
        self.writer
            .commit()
            .map(|_| ())
            .map_err(|e| tantivy_err(&self.index.path, e))
    }

    /// Waits for background merges, so the process exits with a tidy index.
    pub fn finish(self) -> Result<(), IndexError> {
        let path = self.index.path.clone();
        self.writer
            .wait_merging_threads()
            .map_err(|e| tantivy_err(&path, e))
    }
}

pub(crate) fn tantivy_err(path: &Path, e: TantivyError) -> IndexError {
    match e {
        TantivyError::LockFailure(LockError::LockBusy, _) => IndexError::Locked {
            path: path.to_path_buf(),
        },
        TantivyError::IoError(io) => IndexError::Io {
            path: path.to_path_buf(),
            source: std::io::Error::new(io.kind(), io.to_string()),
        },
        other => IndexError::Tantivy {
            path: path.to_path_buf(),
            message: other.to_string(),
        },
    }
}

/// The two fast-field columns of a segment that hold each passage's content hash.
struct HashColumns {
    low: tantivy::columnar::Column<u64>,
    high: tantivy::columnar::Column<u64>,
}

impl HashColumns {
    fn open(ff: &tantivy::fastfield::FastFieldReaders) -> tantivy::Result<HashColumns> {
        Ok(HashColumns {
            low: ff.u64("content_hash")?,
            high: ff.u64("content_hash_high")?,
        })
    }

    /// The hash of passage `doc`, `None` when it was added without one.
    fn get(&self, doc: tantivy::DocId) -> Option<ContentHash> {
        let low = self.low.first(doc)?;
        Some(ContentHash::from_halves(low, self.high.first(doc)?))
    }
}

/// The passages with content hash `hash` (both of its halves), and matching `also`
/// when given. The halves are fast fields only, not indexed (indexing them cost as
/// much as the rest of the bookkeeping): a range of one value over a fast field is
/// a scan of its column, which deletions and look-ups by hash, rare, can afford.
fn hash_query(
    fields: &crate::schema::Fields,
    hash: ContentHash,
    also: Option<Box<dyn tantivy::query::Query>>,
) -> tantivy::query::BooleanQuery {
    let (low, high) = hash.halves();
    let term = |field, value| -> Box<dyn tantivy::query::Query> {
        let value = Term::from_field_u64(field, value);
        Box::new(tantivy::query::RangeQuery::new(
            std::ops::Bound::Included(value.clone()),
            std::ops::Bound::Included(value),
        ))
    };
    let mut parts = vec![
        term(fields.content_hash, low),
        term(fields.content_hash_high, high),
    ];
    parts.extend(also);
    tantivy::query::BooleanQuery::intersection(parts)
}
