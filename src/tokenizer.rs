//! The text analyzers the schema names (`newsdex_en`, `newsdex_name`, `raw`), and a
//! faster form of `newsdex_en` that gives exactly the same tokens.
//!
//! `newsdex_en` is tantivy's chain: split into runs of alphanumeric characters, drop
//! runs of 40 bytes or more, lower-case, fold accents, drop English stop words, Snowball
//! stemming. Profiling indexing (BENCHMARKS.md, "Profiling") showed the chain's per-word
//! work — above all the stemmer, a sixth of all indexing CPU — repeated for the same
//! few thousand words: news text is Zipfian. [`CachedEnglish`] splits the text the same
//! way, runs each distinct word through the chain once and remembers the outcome.
//! Words, positions and offsets are identical to the chain's (tested below on the
//! bundled corpus and on generated text), so indexes built either way are the same and
//! queries are analysed the same.

use rustc_hash::FxHashMap;
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RawTokenizer, RemoveLongFilter, SimpleTokenizer,
    Stemmer, StopWordFilter, TextAnalyzer, Token, TokenStream, Tokenizer,
};

use crate::extract::pack16;
use crate::schema::STOP_WORDS;

/// Words of this many bytes or more are dropped (before lower-casing), as tantivy's
/// `RemoveLongFilter` does.
const LONG_WORD: usize = 40;

/// Distinct words remembered per analyzer before the cache starts over; bounds memory
/// (a few MB) on corpora with unbounded vocabularies (ids, numbers, typos).
const CACHE_WORDS: usize = 200_000;

/// tantivy's filter chain behind `newsdex_en`: the definition of its output.
pub fn english_chain() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(LONG_WORD))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(StopWordFilter::remove(
            STOP_WORDS.split_whitespace().map(str::to_string),
        ))
        .filter(Stemmer::new(Language::English))
        .build()
}

/// `newsdex_name`: words, lower-cased, accents folded, no stemming.
pub fn name_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(LONG_WORD))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

/// `raw`: the whole value as one term.
pub fn raw_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(RawTokenizer::default()).build()
}

/// `newsdex_en` with a cache of analysed words: see the module documentation.
///
/// tantivy clones an analyzer for every segment writer and every query; a clone starts
/// with an empty cache (the cache is only a shortcut, never a source of truth).
pub struct CachedEnglish {
    chain: TextAnalyzer,
    /// Word as written → the term the chain makes of it, or `None` when it drops it:
    /// words of up to 16 bytes by [`pack16`], longer ones by their text.
    short: FxHashMap<u128, Option<Box<str>>>,
    long: FxHashMap<Box<str>, Option<Box<str>>>,
    token: Token,
}

impl CachedEnglish {
    pub fn new() -> CachedEnglish {
        CachedEnglish {
            chain: english_chain(),
            short: FxHashMap::default(),
            long: FxHashMap::default(),
            token: Token::default(),
        }
    }
}

impl Default for CachedEnglish {
    fn default() -> CachedEnglish {
        CachedEnglish::new()
    }
}

impl Clone for CachedEnglish {
    fn clone(&self) -> CachedEnglish {
        CachedEnglish {
            chain: self.chain.clone(),
            short: FxHashMap::default(),
            long: FxHashMap::default(),
            token: Token::default(),
        }
    }
}

impl Tokenizer for CachedEnglish {
    type TokenStream<'a> = CachedEnglishStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> CachedEnglishStream<'a> {
        self.token.reset();
        CachedEnglishStream {
            text,
            next: 0,
            analyzer: self,
        }
    }
}

/// What [`CachedEnglish`] makes of one text.
pub struct CachedEnglishStream<'a> {
    text: &'a str,
    /// Byte offset where the search for the next word starts.
    next: usize,
    analyzer: &'a mut CachedEnglish,
}

impl CachedEnglishStream<'_> {
    /// The next run of alphanumeric characters from `self.next`, as byte offsets; the
    /// same runs as tantivy's `SimpleTokenizer` (`char::is_alphanumeric`).
    fn next_word(&mut self) -> Option<(usize, usize)> {
        let bytes = self.text.as_bytes();
        let mut i = self.next;
        // Skip separators.
        let start = loop {
            if i >= bytes.len() {
                self.next = i;
                return None;
            }
            let b = bytes[i];
            if b < 0x80 {
                if b.is_ascii_alphanumeric() {
                    break i;
                }
                i += 1;
            } else {
                let c = self.text[i..].chars().next().unwrap_or(' ');
                if c.is_alphanumeric() {
                    break i;
                }
                i += c.len_utf8();
            }
        };
        // Find the end of the word.
        let mut end = start;
        while end < bytes.len() {
            let b = bytes[end];
            if b < 0x80 {
                if !b.is_ascii_alphanumeric() {
                    break;
                }
                end += 1;
            } else {
                let c = self.text[end..].chars().next().unwrap_or(' ');
                if !c.is_alphanumeric() {
                    break;
                }
                end += c.len_utf8();
            }
        }
        self.next = end;
        Some((start, end))
    }
}

impl TokenStream for CachedEnglishStream<'_> {
    fn advance(&mut self) -> bool {
        while let Some((from, to)) = self.next_word() {
            let analyzer = &mut *self.analyzer;
            analyzer.token.position = analyzer.token.position.wrapping_add(1);
            let word = &self.text[from..to];
            if word.len() >= LONG_WORD {
                continue;
            }
            // The cached term is copied into the token from where it lies (it was an
            // `Arc` cloned per word: two atomic operations each time). Words of up to
            // 16 bytes, nearly all, are looked up by their bytes packed into one
            // integer: hashing and comparing it beats hashing and comparing a string.
            if analyzer.short.len() + analyzer.long.len() >= CACHE_WORDS {
                analyzer.short.clear();
                analyzer.long.clear();
            }
            let chain = &mut analyzer.chain;
            let cached = match pack16(word.as_bytes()) {
                Some(key) => analyzer
                    .short
                    .entry(key)
                    .or_insert_with(|| analyse_word(chain, word)),
                None => analyzer
                    .long
                    .entry(word.into())
                    .or_insert_with(|| analyse_word(chain, word)),
            };
            let cached = cached.as_deref();
            if let Some(term) = cached {
                let token = &mut analyzer.token;
                token.offset_from = from;
                token.offset_to = to;
                token.text.clear();
                token.text.push_str(term);
                return true;
            }
        }
        false
    }

    fn token(&self) -> &Token {
        &self.analyzer.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.analyzer.token
    }
}

/// The chain's term for one word (a single run of alphanumeric characters), if any.
fn analyse_word(chain: &mut TextAnalyzer, word: &str) -> Option<Box<str>> {
    let mut stream = chain.token_stream(word);
    stream
        .advance()
        .then(|| Box::from(stream.token().text.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(mut stream: impl TokenStream) -> Vec<(String, usize, usize, usize)> {
        let mut out = Vec::new();
        while stream.advance() {
            let t = stream.token();
            assert_eq!(t.position_length, 1);
            out.push((t.text.clone(), t.position, t.offset_from, t.offset_to));
        }
        out
    }

    fn assert_same(cached: &mut CachedEnglish, text: &str) {
        let mut chain = english_chain();
        assert_eq!(
            tokens(cached.token_stream(text)),
            tokens(chain.token_stream(text)),
            "cached analyzer differs from the chain on {text:?}"
        );
    }

    #[test]
    fn words_are_stemmed_and_stop_words_dropped_with_positions_kept() {
        let mut cached = CachedEnglish::new();
        let got = tokens(cached.token_stream("The ministers were negotiating tariffs."));
        assert_eq!(
            got,
            vec![
                ("minist".to_string(), 1, 4, 13),
                ("negoti".to_string(), 3, 19, 30),
                ("tariff".to_string(), 4, 31, 38),
            ]
        );
    }

    #[test]
    fn same_tokens_as_the_chain_on_hard_cases() {
        let mut cached = CachedEnglish::new();
        let long = "a".repeat(LONG_WORD);
        let almost = "b".repeat(LONG_WORD - 1);
        let long_accented = "é".repeat(LONG_WORD / 2);
        let cases = [
            "",
            "   ",
            "...!!",
            "Zelenskyy's office said",
            "Café CAFÉ café cafe Straße STRASSE ﬁnance Œuvre",
            "İstanbul DİYARBAKIR ǅemal Ωmega ΣΟΦΙΑ",
            "naïve coöperate résumé jalapeño façade",
            "北京 東京 서울 2025年11月20日",
            "x\u{301}y e\u{301}te\u{301}",
            "1987-02-26 15:01:01.79 $4.5bn 3rd 21st",
            "emoji 🙂 between 🙂words🙂",
            "don't won't isn't can't I'm we've she'll they'd",
            "THE the The tHe",
            long.as_str(),
            almost.as_str(),
            long_accented.as_str(),
            "tab\tnew\nline\r\nend\u{a0}nbsp\u{2009}thin",
        ];
        for text in cases {
            assert_same(&mut cached, text);
        }
        // Again, now from the cache.
        for text in cases {
            assert_same(&mut cached, text);
        }
        let joined = cases.join(" ");
        assert_same(&mut cached, &joined);
        assert_same(&mut CachedEnglish::new(), &joined);
    }

    #[test]
    fn same_tokens_as_the_chain_on_generated_text() {
        // A fixed xorshift sequence over an alphabet of letters, digits, accents,
        // separators and other scripts: words of every length, mixed case.
        let alphabet: Vec<char> = "aeioustrnlTHESÉéçüßİıΣσЖж日1209 .,'’-_\n\u{301}🙂"
            .chars()
            .collect();
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut cached = CachedEnglish::new();
        for _ in 0..300 {
            let len = 1 + (state % 400) as usize;
            let mut text = String::new();
            for _ in 0..len {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                text.push(alphabet[(state % alphabet.len() as u64) as usize]);
            }
            assert_same(&mut cached, &text);
        }
    }

    #[test]
    fn same_tokens_as_the_chain_on_the_bundled_corpus() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
        let mut cached = CachedEnglish::new();
        let mut files = 0;
        for entry in walkdir::WalkDir::new(&dir) {
            let entry = entry.expect("corpus/ is readable");
            if !entry.file_type().is_file() {
                continue;
            }
            let text = std::fs::read_to_string(entry.path()).expect("corpus files are UTF-8");
            assert_same(&mut cached, &text);
            files += 1;
        }
        assert!(files >= 3, "corpus/ has {files} files");
    }

    #[test]
    fn the_cache_starts_over_when_full_and_stays_correct() {
        let mut cached = CachedEnglish::new();
        let text: String = (0..CACHE_WORDS + 10).map(|i| format!("w{i}ing ")).collect();
        assert_same(&mut cached, &text);
        assert!(cached.short.len() + cached.long.len() <= CACHE_WORDS);
        // Words too long to pack go through the other map, just as correctly.
        let long = "internationalisation supercalifragilistic internationalisation";
        assert_same(&mut cached, long);
        assert!(!cached.long.is_empty());
        assert_same(&mut cached, "walking w1ing w2ing");
    }
}
