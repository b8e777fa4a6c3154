//! Sharding an article into paragraph passages.
//!
//! Site boilerplate (patterns kept as data in `index-schema/boilerplate.toml`) is dropped;
//! subheadings (explicit Markdown headings, or short lines without final punctuation
//! that stand before a paragraph) set the `section` of the paragraphs after them; very
//! long paragraphs are split at sentence boundaries.

use std::sync::LazyLock;

use regex::RegexSet;
use serde::Deserialize;

use crate::article::{Article, Block};
use crate::error::SchemaError;

/// Paragraphs longer than this many bytes are split at sentence boundaries.
pub const MAX_PASSAGE_BYTES: usize = 2000;

/// One passage before extraction: where it stands and what it says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shard {
    pub para: u64,
    pub section: Option<String>,
    pub text: String,
}

const DEFAULT_BOILERPLATE: &str = include_str!("../index-schema/boilerplate.toml");

/// Line patterns that mark site boilerplate.
#[derive(Debug)]
pub struct Boilerplate {
    set: RegexSet,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BoilerplateFile {
    #[allow(dead_code)]
    version: u32,
    patterns: Vec<String>,
}

impl Boilerplate {
    /// Parses and validates a boilerplate file; the error names the bad pattern.
    pub fn from_toml(src: &str, name: &str) -> Result<Boilerplate, SchemaError> {
        let file: BoilerplateFile = toml::from_str(src).map_err(|e| SchemaError::Parse {
            name: name.to_string(),
            message: e.to_string(),
        })?;
        let parse_error = |message: String| SchemaError::Parse {
            name: name.to_string(),
            message,
        };
        // The set is built first; only when it fails is each pattern compiled on its
        // own, to name the bad one. Compiling every pattern twice took half of the
        // 95 M instructions `newsdex shard` spent on this before the first article.
        let set = regex::RegexSetBuilder::new(&file.patterns)
            .case_insensitive(true)
            .build()
            .map_err(|e| {
                let bad = file.patterns.iter().find_map(|p| {
                    regex::RegexBuilder::new(p)
                        .case_insensitive(true)
                        .build()
                        .err()
                        .map(|e| format!("bad pattern {p:?}: {e}"))
                });
                parse_error(bad.unwrap_or_else(|| e.to_string()))
            })?;
        Ok(Boilerplate { set })
    }

    /// The default patterns, embedded in the binary (validated by a unit test).
    pub fn embedded() -> &'static Boilerplate {
        static DEFAULT: LazyLock<Boilerplate> = LazyLock::new(|| {
            Boilerplate::from_toml(DEFAULT_BOILERPLATE, "index-schema/boilerplate.toml")
                .unwrap_or_else(|e| panic!("embedded boilerplate file is invalid: {e}"))
        });
        &DEFAULT
    }

    pub fn is_boilerplate(&self, line: &str) -> bool {
        self.set.is_match(line.trim())
    }
}

/// Shards an article's blocks into passages, numbered from 0.
pub fn shard(article: &Article, boilerplate: &Boilerplate) -> Vec<Shard> {
    let kept: Vec<&Block> = article
        .blocks
        .iter()
        .filter(|b| match b {
            Block::Text(t) => !t.trim().is_empty() && !boilerplate.is_boilerplate(t),
            Block::Heading(_) => true,
        })
        .collect();
    // A heading-like line is a subheading only when a real paragraph comes after it.
    let heading_like: Vec<bool> = kept
        .iter()
        .map(|b| matches!(b, Block::Text(t) if looks_like_subheading(t)))
        .collect();
    let mut paragraph_after = vec![false; kept.len()];
    let mut seen = false;
    for i in (0..kept.len()).rev() {
        paragraph_after[i] = seen;
        seen |= matches!(kept[i], Block::Text(_)) && !heading_like[i];
    }
    let mut shards = Vec::new();
    let mut section: Option<String> = None;
    for (i, block) in kept.iter().enumerate() {
        let text = match block {
            Block::Heading(h) => {
                section = Some(h.trim().to_string()).filter(|h| !h.is_empty());
                continue;
            }
            Block::Text(t) => t.trim(),
        };
        if heading_like[i] && paragraph_after[i] {
            section = Some(text.to_string());
            continue;
        }
        for piece in split_long(text, MAX_PASSAGE_BYTES) {
            shards.push(Shard {
                para: shards.len() as u64,
                section: section.clone(),
                text: piece,
            });
        }
    }
    shards
}

/// A subheading is a short line that starts like a title and does not end like a
/// sentence: no final punctuation, no closing quote.
pub fn looks_like_subheading(line: &str) -> bool {
    let line = line.trim();
    let Some(first) = line.chars().next() else {
        return false;
    };
    // Cheapest tests first: this runs on every paragraph, nearly all of them long.
    // (110 characters are at most 440 bytes, and at least 110.)
    line.len() <= 440
        && (first.is_uppercase() || first.is_ascii_digit())
        && !line.ends_with([
            '.', '!', '?', ',', ';', ':', '"', '\'', '”', '’', '»', ')', '…', '-', '–', '—',
        ])
        && (line.len() <= 110 || line.chars().count() <= 110)
        && line.split_whitespace().take(15).count() <= 14
}

/// Splits `text` into pieces of at most `max` bytes, at sentence ends when possible,
/// else at white space, else at a character boundary. Linear in the text length.
pub fn split_long(text: &str, max: usize) -> Vec<String> {
    let text = text.trim();
    if text.len() <= max {
        return vec![collapse_ws(text)];
    }
    let mut pieces = Vec::new();
    let mut rest = text;
    while rest.len() > max {
        let window = floor_char_boundary(rest, max);
        let cut = last_sentence_end(&rest[..window])
            .filter(|&c| c >= max / 4)
            .or_else(|| rest[..window].rfind(char::is_whitespace).filter(|&c| c > 0))
            .unwrap_or(window);
        let cut = if cut == 0 { window.max(1) } else { cut };
        let cut = floor_char_boundary(rest, cut).max(rest.chars().next().map_or(1, char::len_utf8));
        let piece = rest[..cut].trim();
        if !piece.is_empty() {
            pieces.push(collapse_ws(piece));
        }
        rest = rest[cut..].trim_start();
    }
    if !rest.trim().is_empty() {
        pieces.push(collapse_ws(rest.trim()));
    }
    pieces
}

/// `s` with its runs of white space made single spaces, when it has a tab, a line
/// break or two spaces in a row; else `s` as it is.
///
/// One pass over the bytes decides, and the words go straight into a string of the
/// final size: the char-pattern search, the substring search and a joined vector of
/// the words took 164 M instructions on Reuters x1 (callgrind of `newsdex shard`),
/// whose paragraphs often have two spaces after a full stop.
fn collapse_ws(s: &str) -> String {
    if !ragged(s.as_bytes()) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Whether `b` has a tab, a line break (`\n`, `\r`) or two spaces in a row: eight
/// bytes at a time, each compared with all three at once ("SIMD within a register").
fn ragged(b: &[u8]) -> bool {
    const LANES: u64 = 0x0101_0101_0101_0101;
    const LOW7: u64 = 0x7F * LANES;
    const HIGH: u64 = 0x80 * LANES;
    // The high bit of each byte of `v` that is `x`, and no other bit (exact: no
    // borrow runs from byte to byte).
    let bytes_equal = |v: u64, x: u8| {
        let t = v ^ (LANES * u64::from(x));
        !(((t & LOW7) + LOW7) | t) & HIGH
    };
    let (chunks, tail) = b.as_chunks::<8>();
    let mut space_before = false;
    for chunk in chunks {
        let v = u64::from_le_bytes(*chunk);
        let breaks = bytes_equal(v, b'\t') | bytes_equal(v, b'\n') | bytes_equal(v, b'\r');
        let spaces = bytes_equal(v, b' ');
        // A space whose next byte is one too; the first byte pairs with the last
        // byte of the chunk before.
        if breaks | (spaces & (spaces >> 8)) != 0 || (space_before && spaces & 0x80 != 0) {
            return true;
        }
        space_before = spaces >> 63 != 0;
    }
    for &c in tail {
        if matches!(c, b'\t' | b'\n' | b'\r') || (space_before && c == b' ') {
            return true;
        }
        space_before = c == b' ';
    }
    false
}

/// Byte offset just after the last sentence end in `s` (terminal punctuation, optional
/// closing quotes or brackets, then white space).
fn last_sentence_end(s: &str) -> Option<usize> {
    let bytes = s.as_bytes();
    let mut best = None;
    for (i, c) in s.char_indices() {
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        let mut j = i + c.len_utf8();
        while let Some(next) = s[j..].chars().next() {
            if matches!(next, '"' | '\'' | '”' | '’' | ')' | ']' | '»') {
                j += next.len_utf8();
            } else {
                break;
            }
        }
        if j < bytes.len() && s[j..].starts_with(char::is_whitespace) {
            best = Some(j);
        }
    }
    best
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(lines: &[&str]) -> Article {
        Article {
            id: "a".into(),
            blocks: lines
                .iter()
                .map(|l| Block::Text((*l).to_string()))
                .collect(),
            ..Article::default()
        }
    }

    #[test]
    fn embedded_boilerplate_is_valid_and_matches_the_usual_prompts() {
        let b = Boilerplate::embedded();
        for line in [
            "Also Read: Ukraine Piles the Pressure, Blows up Another Major Russian Oil Refinery",
            "Follow our WhatsApp Channel and X Account for real-time news updates.",
            "Read more: How the deal was done",
            "READ MORE",
            "Subscribe to our newsletter for daily updates",
            "Sign up for our morning briefing",
            "Share this article",
            "Advertisement",
            "Image caption: Protesters gathered outside parliament",
            "Follow us on Google News",
        ] {
            assert!(b.is_boilerplate(line), "should be boilerplate: {line}");
        }
        for line in [
            "The minister said voters should subscribe to a new vision of the country.",
            "Readers of the report will find that sales rose.",
            "Follow-up talks are planned for next week.",
            "Shares in the company rose 5% on Tuesday.",
        ] {
            assert!(!b.is_boilerplate(line), "should be kept: {line}");
        }
    }

    #[test]
    fn collapse_ws_collapses_only_ragged_text_and_as_split_whitespace_does() {
        let plain = |s: &str| {
            if s.contains(['\t', '\n', '\r']) || s.contains("  ") {
                s.split_whitespace().collect::<Vec<_>>().join(" ")
            } else {
                s.to_string()
            }
        };
        for s in [
            "",
            "one two",
            "two  spaces",
            "ends with two  ",
            "  starts with two",
            "tab\there",
            "line\nbreak and\r\nCRLF",
            "no-break\u{a0}space alone",
            "no-break\u{a0}space  and two",
            "vertical\u{b}tab alone",
            "ideographic\u{3000}space\t",
            "\t\n  ",
            "caf\u{e9}  cr\u{e8}me",
            "seven b  eight by",
            "seven b xeight by  ",
            "exactly eight  bytes",
            "1234567 \u{20}after the chunk",
            "12345678 12345678 1234567\n",
            "\u{85}next line and \u{2028} separators",
        ] {
            assert_eq!(collapse_ws(s), plain(s), "{s:?}");
        }
        assert_eq!(collapse_ws("a  b\t\tc\n d"), "a b c d");
        assert_eq!(collapse_ws("  a\u{b}\u{c}b  "), "a b");
        assert_eq!(collapse_ws("a\u{a0}b"), "a\u{a0}b");
    }

    #[test]
    fn bad_boilerplate_pattern_is_named() {
        let err =
            Boilerplate::from_toml("version = 1\npatterns = ['(unclosed']", "b.toml").unwrap_err();
        assert!(err.to_string().contains("(unclosed"), "{err}");
        assert!(Boilerplate::from_toml("version = 1\npatterns = 3", "b.toml").is_err());
    }

    #[test]
    fn subheadings_set_sections_and_are_not_passages() {
        let a = article(&[
            "Opening paragraph.",
            "Talks resume",
            "First paragraph of the section.",
            "Second paragraph, with \"a quote\"",
            "Also Read: Something else entirely",
            "Reaction abroad",
            "A third paragraph.",
            "Trailing line without punctuation",
        ]);
        let shards = shard(&a, Boilerplate::embedded());
        let got: Vec<(u64, Option<&str>, &str)> = shards
            .iter()
            .map(|s| (s.para, s.section.as_deref(), s.text.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                (0, None, "Opening paragraph."),
                (1, Some("Talks resume"), "First paragraph of the section."),
                (
                    2,
                    Some("Talks resume"),
                    "Second paragraph, with \"a quote\""
                ),
                (3, Some("Reaction abroad"), "A third paragraph."),
                (
                    4,
                    Some("Reaction abroad"),
                    "Trailing line without punctuation"
                ),
            ]
        );
    }

    #[test]
    fn markdown_headings_always_set_the_section() {
        let mut a = article(&["Intro."]);
        a.blocks.push(Block::Heading("Background".into()));
        a.blocks.push(Block::Text("More.".into()));
        let shards = shard(&a, Boilerplate::embedded());
        assert_eq!(shards[1].section.as_deref(), Some("Background"));
    }

    #[test]
    fn subheading_heuristic() {
        assert!(looks_like_subheading(
            "Zelenskyy to discuss key points with Trump"
        ));
        assert!(looks_like_subheading("European Union reacts"));
        assert!(!looks_like_subheading("He said it was over."));
        assert!(!looks_like_subheading("lowercase start line"));
        assert!(!looks_like_subheading(
            "A very long line that goes on and on with many words and never ends with punctuation at all"
        ));
    }

    #[test]
    fn subheading_limits_are_14_words_and_110_characters() {
        let words = |n: usize| format!("Talks{}", " go".repeat(n - 1));
        assert!(looks_like_subheading(&words(14)));
        assert!(!looks_like_subheading(&words(15)));
        assert!(looks_like_subheading("  Padded  heading\n"));
        // Characters, not bytes: 110 two-byte letters pass, 111 do not.
        let wide = |n: usize| format!("É{}", "é".repeat(n - 1));
        assert!(looks_like_subheading(&wide(110)));
        assert!(!looks_like_subheading(&wide(111)));
        let ascii = |n: usize| format!("A{}", "a".repeat(n - 1));
        assert!(looks_like_subheading(&ascii(110)));
        assert!(!looks_like_subheading(&ascii(111)));
        assert!(looks_like_subheading("2025 in review"));
        assert!(!looks_like_subheading(""));
    }

    #[test]
    fn long_paragraphs_split_at_sentence_ends() {
        let sentence = "The committee met again on Tuesday to discuss the budget. ";
        let text = sentence.repeat(100);
        let pieces = split_long(&text, 2000);
        assert!(pieces.len() >= 3);
        for p in &pieces {
            assert!(p.len() <= 2000, "{}", p.len());
            assert!(p.ends_with("budget."), "{p}");
        }
        let joined: String = pieces.join(" ");
        assert_eq!(
            joined.split_whitespace().count(),
            text.split_whitespace().count()
        );
    }

    #[test]
    fn long_text_without_sentences_or_spaces_still_splits_on_char_boundaries() {
        let text = "é".repeat(3000);
        let pieces = split_long(&text, 2000);
        assert_eq!(pieces.concat(), text);
        assert!(pieces.iter().all(|p| p.len() <= 2000));
        let words = "word ".repeat(1000);
        assert!(split_long(&words, 2000).iter().all(|p| p.len() <= 2000));
    }
}
