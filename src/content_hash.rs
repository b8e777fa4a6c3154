//! Content hashes for incremental indexing.
//!
//! Every article in the index carries the hash of the source record it was read from (a
//! whole file, or one line of a JSON Lines file) together with everything else that
//! shaped its passages: the newsdex version, the revision of the extraction rules, the
//! schema, the extraction data files and the reading options. A re-run hashes each record's raw bytes *before* parsing it and
//! skips it when the index already holds that hash, so an unchanged corpus is neither
//! parsed nor extracted again.

use xxhash_rust::xxh3::Xxh3;

use crate::article::ReadOptions;
use crate::extract::ExtractOptions;

const SCHEMA_TOML: &str = include_str!("../index-schema/schema.toml");
const TOPICS_TOML: &str = include_str!("../index-schema/topics.toml");
const BOILERPLATE_TOML: &str = include_str!("../index-schema/boilerplate.toml");
const GIVEN_NAMES: &str = include_str!("../index-schema/given-names.txt");

/// A 128-bit content hash.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ContentHash(pub u128);

impl ContentHash {
    /// The form stored in the index: the low and the high 64 bits, each a `u64` field.
    pub fn halves(self) -> (u64, u64) {
        (self.0 as u64, (self.0 >> 64) as u64)
    }

    pub fn from_halves(low: u64, high: u64) -> ContentHash {
        ContentHash(u128::from(high) << 64 | u128::from(low))
    }
}

/// What, besides a record's bytes, decides its passages. Two runs with equal
/// fingerprints turn equal bytes into equal passages.
#[derive(Debug, Clone)]
pub struct Fingerprint {
    seed: u128,
}

impl Fingerprint {
    /// `explicit_reference_date` is the `--reference-date` when one was given. The default
    /// (today) is left out on purpose: it only matters for articles without a dated
    /// metadata field and a weekday-only date in the text, and including it would re-index
    /// the whole corpus every day. Use `--rebuild` to re-resolve such dates.
    pub fn new(
        read: &ReadOptions,
        extract: &ExtractOptions,
        explicit_reference_date: bool,
    ) -> Fingerprint {
        let mut h = Xxh3::new();
        let mut field = |bytes: &[u8]| {
            h.update(&(bytes.len() as u64).to_le_bytes());
            h.update(bytes);
        };
        field(env!("CARGO_PKG_VERSION").as_bytes());
        field(SCHEMA_TOML.as_bytes());
        field(TOPICS_TOML.as_bytes());
        field(BOILERPLATE_TOML.as_bytes());
        field(GIVEN_NAMES.as_bytes());
        field(&crate::extract::RULES_REVISION.to_le_bytes());
        for (ours, theirs) in &read.field_map {
            field(ours.as_bytes());
            field(theirs.as_bytes());
        }
        field(&[u8::from(extract.topic_from_dir)]);
        if explicit_reference_date {
            field(extract.reference_date.to_string().as_bytes());
        }
        Fingerprint {
            seed: h.digest128(),
        }
    }

    /// The hash of one source record: `path` as the article will store it, the record's
    /// position in its file (0 for a whole file, the line number in JSON Lines, which
    /// decides the default id of a line without one) and its raw bytes.
    pub fn hash(&self, path: &str, position: u64, bytes: &[u8]) -> ContentHash {
        let mut h = Xxh3::new();
        h.update(&self.seed.to_le_bytes());
        h.update(&(path.len() as u64).to_le_bytes());
        h.update(path.as_bytes());
        h.update(&position.to_le_bytes());
        h.update(bytes);
        ContentHash(h.digest128())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fp(topic_from_dir: bool, reference: Option<&str>) -> Fingerprint {
        let mut opts = ExtractOptions::new(
            reference
                .unwrap_or("2025-01-01")
                .parse()
                .expect("a valid test date"),
        );
        opts.topic_from_dir = topic_from_dir;
        Fingerprint::new(&ReadOptions::default(), &opts, reference.is_some())
    }

    #[test]
    fn equal_inputs_hash_equal_and_any_difference_changes_the_hash() {
        let f = fp(false, None);
        let a = f.hash("a.txt", 0, b"Body.");
        assert_eq!(a, fp(false, None).hash("a.txt", 0, b"Body."));
        assert_ne!(a, f.hash("b.txt", 0, b"Body."));
        assert_ne!(a, f.hash("a.txt", 1, b"Body."));
        assert_ne!(a, f.hash("a.txt", 0, b"Body!"));
        // Length prefixes keep path and bytes apart.
        assert_ne!(f.hash("ab", 0, b"c"), f.hash("a", 0, b"bc"));
    }

    #[test]
    fn options_that_change_passages_change_the_hash() {
        let base = fp(false, None).hash("a.txt", 0, b"x");
        assert_ne!(base, fp(true, None).hash("a.txt", 0, b"x"));
        assert_ne!(base, fp(false, Some("2020-05-05")).hash("a.txt", 0, b"x"));
        let mapped = ReadOptions::with_field_mappings(&["body=content".to_string()])
            .expect("a valid mapping");
        let other = Fingerprint::new(
            &mapped,
            &ExtractOptions::new("2025-01-01".parse().expect("a valid test date")),
            false,
        );
        assert_ne!(base, other.hash("a.txt", 0, b"x"));
    }

    #[test]
    fn halves_round_trip() {
        let h = fp(false, None).hash("a", 0, b"b");
        let (low, high) = h.halves();
        assert_eq!(ContentHash::from_halves(low, high), h);
        // Each half is its own bits: neither is zero for a real hash, and they differ.
        assert_ne!(low, high);
        assert_eq!(ContentHash::from_halves(1, 2).halves(), (1, 2));
    }
}
