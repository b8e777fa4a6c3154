//! The passage and hit types: the JSON contract shared by `shard`, `search` and the index.
//!
//! `shard` prints [`Passage`]s exactly as `index` stores them; `search` prints [`Hit`]s,
//! which are the same passage plus a score and a snippet. Keeping one serde type for both
//! means the two commands cannot drift apart.

use serde::{Deserialize, Serialize};

/// One paragraph of one article, with everything extracted for it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Passage {
    /// `<article_id>#<para>`.
    pub id: String,
    pub article_id: String,
    pub title: Option<String>,
    /// Position of the passage among its article's passages, from 0.
    pub para: u64,
    /// The subheading the passage stands under, if any.
    pub section: Option<String>,
    pub text: String,
    /// Publication date of the article, RFC 3339 (midnight UTC), or null when unknown.
    pub date: Option<String>,
    /// Canonical names of who speaks in the passage.
    pub speakers: Vec<String>,
    /// Role of each speaker, aligned with `speakers` (null when none is known).
    pub speaker_role: Vec<Option<String>>,
    /// Hierarchical topic facets, e.g. `/economy/markets`.
    pub topics: Vec<String>,
    /// Days the passage speaks of (`YYYY-MM-DD`), resolved against the publication date.
    pub mentioned_dates: Vec<String>,
    /// The file (or URL from metadata) the article came from.
    pub source: String,
}

/// A ranked search result: a stored passage plus its score and highlighted snippet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Hit {
    #[serde(flatten)]
    pub passage: Passage,
    pub score: f32,
    /// The best fragment of `text`, highlighted matches wrapped in `highlights` ranges.
    pub snippet: String,
    /// Byte ranges of highlighted matches inside `snippet`.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub highlights: Vec<(usize, usize)>,
}
