//! The on-disk index: creating, opening (with schema-version checks) and writing it.
//! One of the few modules that speak tantivy.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use tantivy::directory::error::LockError;
use tantivy::{Index, IndexWriter, TantivyError, Term};

use crate::error::IndexError;
use crate::passage::Passage;
use crate::schema::{NewsSchema, register_tokenizers};

/// The file newsdex writes beside tantivy's own, naming the schema version.
pub const MARKER: &str = "newsdex.json";

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
        let index = Index::open_in_dir(path).map_err(|e| tantivy_err(path, e))?;
        register_tokenizers(&index);
        Ok(NewsIndex {
            path: path.to_path_buf(),
            index,
            schema,
        })
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
            let empty = std::fs::read_dir(path).map_err(io)?.next().is_none();
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
        let fields = &self.index.schema.fields;
        self.writer
            .delete_term(Term::from_field_text(fields.article_id, article_id));
        for p in passages {
            self.writer
                .add_document(self.index.schema.to_document(p))
                .map_err(|e| tantivy_err(&self.index.path, e))?;
        }
        Ok(())
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
