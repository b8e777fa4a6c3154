//! Typed errors of the library. Each message says what went wrong and what to do;
//! the binary adds context (which command, which path) at the edge.

use std::path::PathBuf;

/// Errors reading one input file. These are not fatal to a run: the file is skipped,
/// named in the summary, and the exit status reflects it.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("cannot read: {source}")]
    Io {
        #[source]
        source: std::io::Error,
    },
    #[error("binary file (found {what}); only text, Markdown and JSON articles are indexed")]
    Binary { what: &'static str },
    #[error("empty file: no article text")]
    Empty,
    #[error("invalid JSON: {message}")]
    Json { message: String },
    #[error("line {line}: {message}")]
    JsonLine { line: usize, message: String },
    #[error("{message}")]
    Article { message: String },
}

/// Errors in the schema definition files of `index-schema/`.
#[derive(Debug, thiserror::Error)]
pub enum SchemaError {
    #[error("schema file {name}: {message}")]
    Parse { name: String, message: String },
    #[error("schema file {name}: field '{field}': {message}")]
    Field {
        name: String,
        field: String,
        message: String,
    },
    #[error("schema: required field '{0}' is missing")]
    MissingField(&'static str),
}

/// Errors opening, writing or querying an index.
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    #[error(
        "no newsdex index at {path}: build one with `newsdex index PATH... --index {path}` \
         (or set NEWSDEX_INDEX)"
    )]
    Missing { path: PathBuf },
    #[error(
        "{path} is not a newsdex index (no {marker} inside); point --index at an index \
         built by `newsdex index`, or at a new directory to build one there"
    )]
    NotAnIndex { path: PathBuf, marker: &'static str },
    #[error(
        "the index at {path} was built with schema version {found}, this newsdex uses \
         version {expected}: rebuild it with `newsdex index --rebuild PATH... --index {path}`"
    )]
    SchemaVersion {
        path: PathBuf,
        found: u32,
        expected: u32,
    },
    #[error(
        "index {path} is being written by another newsdex process; wait for it to finish \
         (a lock left by a killed process is cleared automatically)"
    )]
    Locked { path: PathBuf },
    #[error(
        "cannot write to the index at {path}: {cause}; free some space, fix its \
         permissions, or point --index at a writable directory (the index is unchanged)"
    )]
    NotWritable {
        path: PathBuf,
        /// Shown in the message, not chained as a source (it would print twice).
        cause: std::io::Error,
    },
    #[error("index {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("index {path}: {message}")]
    Tantivy { path: PathBuf, message: String },
    #[error(transparent)]
    Schema(#[from] SchemaError),
}

/// A query the user wrote that cannot be run. `position` is a 0-based character offset.
#[derive(Debug, thiserror::Error)]
pub enum QueryError {
    #[error("query error at position {position}: {message}\n  {query}\n  {pointer}")]
    Syntax {
        query: String,
        position: usize,
        message: String,
        pointer: String,
    },
    #[error("query error: {message}")]
    Invalid { message: String },
    #[error("search failed: {0}")]
    Engine(String),
}

impl QueryError {
    /// A syntax error with a caret pointing at `position` (in characters) under the query.
    pub fn syntax(query: &str, position: usize, message: impl Into<String>) -> Self {
        let position = position.min(query.chars().count());
        QueryError::Syntax {
            query: query.to_string(),
            position,
            message: message.into(),
            pointer: format!("{}^", " ".repeat(position)),
        }
    }
}
