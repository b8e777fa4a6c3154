//! `newsdex check`'s verdict on an index's bookkeeping: pure functions over the passage
//! records, so every kind of damage is unit-tested without building a broken index.

use std::collections::BTreeMap;

use crate::index::PassageRecord;

/// One problem found, with what the user should do about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// The article holds a different number of passages than it was indexed with.
    PassageCount {
        article_id: String,
        stored: u64,
        found: u64,
    },
    /// The same passage number appears more than once: a duplicated passage.
    DuplicatePassage { article_id: String, para: u64 },
    /// Passages of one article come from different versions of its source.
    MixedVersions { article_id: String },
    /// Passages without a valid content hash (written by a damaged or foreign writer).
    NoHash { article_id: String },
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Problem::PassageCount {
                article_id,
                stored,
                found,
            } => write!(
                f,
                "article {article_id:?}: {found} passages in the index, {stored} when it was indexed"
            ),
            Problem::DuplicatePassage { article_id, para } => {
                write!(
                    f,
                    "article {article_id:?}: passage {para} is there more than once"
                )
            }
            Problem::MixedVersions { article_id } => write!(
                f,
                "article {article_id:?}: passages from different versions of its source"
            ),
            Problem::NoHash { article_id } => {
                write!(f, "article {article_id:?}: passages without a content hash")
            }
        }
    }
}

/// What the records add up to.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Summary {
    pub passages: u64,
    pub articles: u64,
    pub problems: Vec<Problem>,
}

/// Checks every article's passages against what was stored when it was indexed.
pub fn check_records(records: &[PassageRecord]) -> Summary {
    let mut by_article: BTreeMap<&str, Vec<&PassageRecord>> = BTreeMap::new();
    for r in records {
        by_article.entry(r.article_id.as_str()).or_default().push(r);
    }
    let mut summary = Summary {
        passages: records.len() as u64,
        articles: by_article.len() as u64,
        problems: Vec::new(),
    };
    for (id, mut passages) in by_article {
        let article_id = id.to_string();
        if passages.iter().any(|p| p.content_hash.is_none()) {
            summary.problems.push(Problem::NoHash { article_id });
            continue;
        }
        let first = passages[0].content_hash;
        if passages.iter().any(|p| p.content_hash != first) {
            summary.problems.push(Problem::MixedVersions {
                article_id: article_id.clone(),
            });
        }
        passages.sort_by_key(|p| p.para);
        for pair in passages.windows(2) {
            if pair[0].para == pair[1].para {
                summary.problems.push(Problem::DuplicatePassage {
                    article_id: article_id.clone(),
                    para: pair[0].para,
                });
            }
        }
        let stored = passages[0].passages;
        let found = passages.len() as u64;
        if passages.iter().any(|p| p.passages != stored) || found != stored {
            summary.problems.push(Problem::PassageCount {
                article_id,
                stored,
                found,
            });
        }
    }
    summary
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content_hash::ContentHash;

    fn rec(id: &str, para: u64, hash: u128, passages: u64) -> PassageRecord {
        PassageRecord {
            article_id: id.into(),
            para,
            content_hash: Some(ContentHash(hash)),
            passages,
        }
    }

    #[test]
    fn a_healthy_index_has_no_problems() {
        let s = check_records(&[rec("a", 0, 1, 2), rec("b", 0, 2, 1), rec("a", 1, 1, 2)]);
        assert_eq!(s.articles, 2);
        assert_eq!(s.passages, 3);
        assert!(s.problems.is_empty(), "{:?}", s.problems);
    }

    #[test]
    fn missing_and_duplicated_passages_are_found() {
        let s = check_records(&[rec("a", 0, 1, 3), rec("a", 1, 1, 3)]);
        assert_eq!(
            s.problems,
            vec![Problem::PassageCount {
                article_id: "a".into(),
                stored: 3,
                found: 2
            }]
        );
        let s = check_records(&[rec("a", 0, 1, 2), rec("a", 1, 1, 2), rec("a", 1, 1, 2)]);
        assert!(s.problems.contains(&Problem::DuplicatePassage {
            article_id: "a".into(),
            para: 1
        }));
        assert!(
            s.problems
                .iter()
                .any(|p| matches!(p, Problem::PassageCount { found: 3, .. }))
        );
    }

    #[test]
    fn mixed_versions_and_missing_hashes_are_found() {
        let s = check_records(&[rec("a", 0, 1, 2), rec("a", 1, 9, 2)]);
        assert_eq!(
            s.problems,
            vec![Problem::MixedVersions {
                article_id: "a".into()
            }]
        );
        let mut bad = rec("b", 0, 1, 1);
        bad.content_hash = None;
        let s = check_records(&[bad]);
        assert_eq!(
            s.problems,
            vec![Problem::NoHash {
                article_id: "b".into()
            }]
        );
        assert!(s.problems[0].to_string().contains("\"b\""));
    }
}
