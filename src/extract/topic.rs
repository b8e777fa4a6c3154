//! Topic lexicon and classifier: maps passages and articles to hierarchical
//! facet paths such as `/economy/markets`.
//!
//! The lexicon (`index-schema/topics.toml`) lists, for each facet path, the
//! words and phrases that signal it. Lexicon entries and text go through the
//! same normalisation (accent folding, lowercasing, tokenising, Snowball
//! English stemming), so "elections" matches "election" and "negotiating"
//! matches "negotiations".
//!
//! Scoring is deliberately simple so that any result can be explained:
//!
//! * each term has a weight: `strong` = 2, `terms` = 1, `weak` = 0.5, times the
//!   topic's optional `weight` multiplier;
//! * at each token the longest matching phrase wins and consumes its tokens,
//!   so "world cup" does not also count as "cup";
//! * a term seen `n` times contributes `weight × (1 + ln n)`, so one repeated
//!   word cannot outvote several different ones;
//! * a term counts toward its path and every ancestor (`/sport/football` also
//!   feeds `/sport`), but only once per ancestor even when it is listed under
//!   two sibling subtopics;
//! * a path is reported only when its score reaches [`MIN_SCORE`] (2.0): two
//!   distinct ordinary terms, one strong phrase, or one ordinary term three
//!   times.

use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt;
use std::sync::LazyLock;
use std::sync::atomic::{AtomicU64, Ordering};

use frostem::{Algorithm, Stemmer};
use serde::Deserialize;

use super::date;
use super::{FastHash, HIGH, byte_classes, pack16};

/// Minimum score for a path to be reported by [`TopicLexicon::classify`] and
/// [`TopicLexicon::top_level`].
pub const MIN_SCORE: f32 = 2.0;

/// Minimum score for a passage's own topic whose top level is none of its
/// article's: three distinct ordinary terms, or a strong one and an ordinary one.
pub const OFF_TOPIC_MIN_SCORE: f32 = 3.0;

/// How strong, relative to an article's strongest top-level topic, another must be
/// to count as one of the article's fields ([`TopicLexicon::top_levels_words`]).
pub const ARTICLE_ROOT_SHARE: f32 = 0.3;

/// The top level of a facet path: `/economy` for `/economy/markets`.
pub fn root_of(path: &str) -> &str {
    match path.get(1..).and_then(|rest| rest.find('/')) {
        Some(i) => &path[..i + 1],
        None => path,
    }
}

/// Weight of an entry in a topic's `strong` list: enough on its own.
pub const STRONG_WEIGHT: f32 = 2.0;
/// Weight of an entry in a topic's `terms` list.
pub const TERM_WEIGHT: f32 = 1.0;
/// Weight of an entry in a topic's `weak` list: only supports other evidence.
pub const WEAK_WEIGHT: f32 = 0.5;

const EMBEDDED_TOML: &str = include_str!("../../index-schema/topics.toml");

static EMBEDDED: LazyLock<TopicLexicon> = LazyLock::new(|| {
    // The embedded file is checked by the `embedded_lexicon_is_valid` unit
    // test, so failing here means the binary was built from a broken tree.
    TopicLexicon::from_toml(EMBEDDED_TOML).expect("embedded index-schema/topics.toml is invalid")
});

/// A topic found in a text, with its score (higher is stronger).
#[derive(Debug, Clone, PartialEq)]
pub struct TopicHit {
    /// Facet path such as `/economy/markets`.
    pub path: String,
    /// Sum of matched term weights, see the module docs.
    pub score: f32,
}

/// Why a lexicon could not be loaded. Each message names the bad entry.
#[derive(Debug, Clone, PartialEq)]
pub enum TopicError {
    /// The file is not valid TOML or does not have the expected shape.
    Parse(String),
    /// A path does not start with '/', has an empty segment or a bad character.
    BadPath { path: String, reason: &'static str },
    /// The same path is defined twice.
    DuplicatePath(String),
    /// A topic lists no terms at all.
    NoTerms(String),
    /// A term has no letters or digits left after normalisation.
    EmptyTerm { path: String, term: String },
    /// Two terms of one topic are the same after stemming.
    DuplicateTerm {
        path: String,
        term: String,
        first: String,
    },
    /// The topic weight is not a positive finite number.
    BadWeight { path: String, weight: f32 },
}

impl fmt::Display for TopicError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TopicError::Parse(msg) => write!(f, "topic lexicon is not valid TOML: {msg}"),
            TopicError::BadPath { path, reason } => {
                write!(f, "topic path {path:?} is invalid: {reason}")
            }
            TopicError::DuplicatePath(path) => {
                write!(
                    f,
                    "topic path {path:?} is defined more than once; merge the entries"
                )
            }
            TopicError::NoTerms(path) => write!(
                f,
                "topic {path:?} has no terms; add at least one to `strong`, `terms` or `weak`"
            ),
            TopicError::EmptyTerm { path, term } => write!(
                f,
                "term {term:?} of topic {path:?} has no letters or digits to match"
            ),
            TopicError::DuplicateTerm { path, term, first } => write!(
                f,
                "term {term:?} of topic {path:?} is the same as {first:?} after stemming; keep one"
            ),
            TopicError::BadWeight { path, weight } => write!(
                f,
                "topic {path:?} has weight {weight}; use a positive number"
            ),
        }
    }
}

impl std::error::Error for TopicError {}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LexiconFile {
    #[serde(default)]
    topic: Vec<TopicEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TopicEntry {
    path: String,
    #[serde(default)]
    strong: Vec<String>,
    #[serde(default)]
    terms: Vec<String>,
    #[serde(default)]
    weak: Vec<String>,
    weight: Option<f32>,
}

/// One distinct stemmed term and every path it feeds, ancestors included.
#[derive(Debug)]
struct Term {
    /// The first spelling listed, for explanations.
    text: String,
    targets: Vec<(u32, f32)>,
}

/// A compiled lexicon: built once, then shared read-only between threads.
#[derive(Debug)]
pub struct TopicLexicon {
    /// Tells lexicons apart in the per-thread word memo.
    id: u64,
    /// Every path, declared or implied as an ancestor, in sorted order.
    paths: Vec<String>,
    /// Index into `paths` of each path's top-level ancestor (itself if top).
    top_of: Vec<u32>,
    terms: Vec<Term>,
    /// The targets of all terms one after the other: those of term `t` are
    /// `targets[target_start[t]..target_start[t + 1]]`, so scoring a term
    /// reads one array rather than follow a pointer per term.
    targets: Vec<(u32, f32)>,
    target_start: Vec<u32>,
    /// The same for top-level paths only, all that [`Self::top_level_words`]
    /// looks at: `top_targets[top_target_start[t]..top_target_start[t + 1]]`.
    top_targets: Vec<(u32, f32)>,
    top_target_start: Vec<u32>,
    /// Stem → vocabulary id; only stems that occur in some term are here.
    vocab: FastMap<String, u32>,
    /// Vocabulary id → what a word with that stem can start: indexed, not
    /// hashed, as it is consulted for every known word.
    tokens: Vec<Token>,
    /// The phrases (terms of two or more tokens) as a trie: node ids below
    /// `vocab.len()` are the phrases' first tokens, and `next[(node, token)]`
    /// is the node after `node` for the following token ([`edge`]).
    next: EdgeTable,
    /// Node id → the phrase that ends there, [`NO_TERM`] if none.
    phrase_at: Vec<u32>,
    /// Vocabulary id → a filter of the tokens that follow it in the phrases it
    /// starts: bit `t % 64` ([`follow_bit`]) is set for each such token `t`. It
    /// rules out the trie lookup for nearly every known word that comes next
    /// (a false positive only costs that lookup). Apart from `tokens`, which
    /// every known word reads, so that those stay small enough for the L1 cache.
    follow: Vec<u64>,
    /// The memo keys ([`lowercase_packed`]) of the lexicon's own words of up to 16
    /// bytes → the vocabulary ids of their stems, as [`WordMemo`] would find them:
    /// a word new to a thread's memo is looked up here before it is stemmed, so
    /// that the words a text shares with the lexicon are not stemmed again. (Not
    /// put in the memo up front: that made it larger than the words of the texts
    /// need, and its lookups miss the cache more.)
    seeds: FastMap<u128, u32>,
    /// `damp_of[n]` is `1 + ln n`, computed as [`Self::damp`] would, for counts
    /// below [`DAMP_TABLE`].
    damp_of: [f32; DAMP_TABLE],
}

/// Counts whose damping factor [`TopicLexicon::damp_of`] holds.
const DAMP_TABLE: usize = 32;

/// What a word can start, by the vocabulary id of its stem.
#[derive(Debug, Clone, Copy)]
struct Token {
    /// The single-token term, [`NO_TERM`] if none.
    single: u32,
    /// The number of tokens after it in the longest phrase it starts (0: none).
    longest: u32,
}

/// The bit of token `token` in [`TopicLexicon::follow`].
fn follow_bit(token: u32) -> u64 {
    1 << (token % 64)
}

/// The key in [`TopicLexicon::next`] of the trie edge from `node` for `token`.
fn edge(node: u32, token: u32) -> u64 {
    u64::from(node) << 32 | u64::from(token)
}

type FastMap<K, V> = HashMap<K, V, FastHash>;

/// In [`Token::single`] and [`TopicLexicon::phrase_at`]: no term.
const NO_TERM: u32 = u32::MAX;

impl TopicLexicon {
    /// The default taxonomy, embedded at compile time from
    /// `index-schema/topics.toml`.
    pub fn embedded() -> &'static TopicLexicon {
        &EMBEDDED
    }

    /// Parses and validates a lexicon in the `topics.toml` format.
    pub fn from_toml(src: &str) -> Result<TopicLexicon, TopicError> {
        let file: LexiconFile =
            toml::from_str(src).map_err(|e| TopicError::Parse(e.to_string()))?;
        let stemmer = Stemmer::new(Algorithm::English);

        let mut declared: Vec<&str> = Vec::with_capacity(file.topic.len());
        for entry in &file.topic {
            validate_path(&entry.path)?;
            if declared.contains(&entry.path.as_str()) {
                return Err(TopicError::DuplicatePath(entry.path.clone()));
            }
            declared.push(&entry.path);
            if entry.strong.is_empty() && entry.terms.is_empty() && entry.weak.is_empty() {
                return Err(TopicError::NoTerms(entry.path.clone()));
            }
            if let Some(w) = entry.weight
                && !(w.is_finite() && w > 0.0)
            {
                return Err(TopicError::BadWeight {
                    path: entry.path.clone(),
                    weight: w,
                });
            }
        }

        // Ancestors that are not declared still exist, so roll-up has a target.
        let mut paths: Vec<String> = Vec::new();
        for p in &declared {
            for (i, _) in p.match_indices('/').skip(1) {
                paths.push(p[..i].to_string());
            }
            paths.push(p.to_string());
        }
        paths.sort();
        paths.dedup();
        let index_of = |p: &str| paths.binary_search_by(|x| x.as_str().cmp(p)).ok();
        let top_of: Vec<u32> = paths
            .iter()
            .map(|p| {
                let end = p[1..].find('/').map_or(p.len(), |i| i + 1);
                index_of(&p[..end]).unwrap_or(0) as u32
            })
            .collect();

        let mut vocab: FastMap<String, u32> = FastMap::default();
        // Word → vocabulary id of its stem: a lexicon repeats its words (6,649
        // words, 2,800 instructions to stem each, a third of building it).
        let mut word_ids: FastMap<String, u32> = FastMap::default();
        let mut term_ids: FastMap<Vec<u32>, u32> = FastMap::default();
        let mut terms: Vec<Term> = Vec::new();
        for entry in &file.topic {
            let multiplier = entry.weight.unwrap_or(1.0);
            let mut seen: FastMap<u32, &str> = FastMap::default();
            let lists = [
                (&entry.strong, STRONG_WEIGHT),
                (&entry.terms, TERM_WEIGHT),
                (&entry.weak, WEAK_WEIGHT),
            ];
            for (list, base) in lists {
                for raw in list.iter() {
                    let mut key = Vec::new();
                    for_each_word(raw, |word| {
                        let id = match word_ids.get(word) {
                            Some(&id) => id,
                            None => {
                                let next = vocab.len() as u32;
                                let id = *vocab.entry(stem_of(&stemmer, word)).or_insert(next);
                                word_ids.insert(word.to_string(), id);
                                id
                            }
                        };
                        key.push(id);
                    });
                    if key.is_empty() {
                        return Err(TopicError::EmptyTerm {
                            path: entry.path.clone(),
                            term: raw.clone(),
                        });
                    }
                    let next = terms.len() as u32;
                    let id = *term_ids.entry(key).or_insert(next);
                    if id == next {
                        terms.push(Term {
                            text: raw.clone(),
                            targets: Vec::new(),
                        });
                    }
                    if let Some(first) = seen.insert(id, raw.as_str()) {
                        return Err(TopicError::DuplicateTerm {
                            path: entry.path.clone(),
                            term: raw.clone(),
                            first: first.to_string(),
                        });
                    }
                    let weight = base * multiplier;
                    let targets = &mut terms[id as usize].targets;
                    // The path and each ancestor, keeping the largest weight
                    // when a term is listed under two related paths.
                    let mut prefix_ends: Vec<usize> = entry
                        .path
                        .match_indices('/')
                        .skip(1)
                        .map(|(i, _)| i)
                        .collect();
                    prefix_ends.push(entry.path.len());
                    for end in prefix_ends {
                        let Some(pi) = index_of(&entry.path[..end]) else {
                            continue;
                        };
                        let pi = pi as u32;
                        match targets.iter_mut().find(|(p, _)| *p == pi) {
                            Some((_, w)) => *w = w.max(weight),
                            None => targets.push((pi, weight)),
                        }
                    }
                }
            }
        }

        let mut tokens = vec![
            Token {
                single: NO_TERM,
                longest: 0,
            };
            vocab.len()
        ];
        let mut next: FastMap<u64, u32> = FastMap::default();
        let mut phrase_at = vec![NO_TERM; vocab.len()];
        let mut follow = vec![0; vocab.len()];
        for (key, id) in term_ids {
            let [first, rest @ ..] = key.as_slice() else {
                continue;
            };
            if rest.is_empty() {
                tokens[*first as usize].single = id;
                continue;
            }
            let token = &mut tokens[*first as usize];
            token.longest = (rest.len() as u32).max(token.longest);
            follow[*first as usize] |= follow_bit(rest[0]);
            let mut node = *first;
            for &token in rest {
                let fresh = phrase_at.len() as u32;
                node = *next.entry(edge(node, token)).or_insert(fresh);
                if node == fresh {
                    phrase_at.push(NO_TERM);
                }
            }
            phrase_at[node as usize] = id;
        }
        let next = EdgeTable::new(&next);
        let mut targets = Vec::new();
        let mut target_start = vec![0];
        let mut top_targets = Vec::new();
        let mut top_target_start = vec![0];
        for term in &terms {
            targets.extend_from_slice(&term.targets);
            target_start.push(targets.len() as u32);
            let top = term
                .targets
                .iter()
                .filter(|&&(p, _)| top_of[p as usize] == p);
            top_targets.extend(top);
            top_target_start.push(top_targets.len() as u32);
        }
        // `black_box`: computed at run time by the same `ln` as in `damp`, never
        // folded by the compiler, so that the values are the same to the last bit.
        let damp_of = std::array::from_fn(|n| 1.0 + (std::hint::black_box(n as f32)).ln());
        let seeds = word_ids
            .iter()
            .filter_map(|(word, &id)| {
                let key = pack16(word.as_bytes())?;
                Some((lowercase_packed(key, word.len()), id))
            })
            .collect();
        Ok(TopicLexicon {
            seeds,
            damp_of,
            targets,
            target_start,
            top_targets,
            top_target_start,
            id: NEXT_LEXICON_ID.fetch_add(1, Ordering::Relaxed),
            paths,
            top_of,
            terms,
            vocab,
            tokens,
            next,
            phrase_at,
            follow,
        })
    }

    /// The factor `1 + ln n` of a term seen `n` times (see the module docs). Most
    /// terms occur once, and ln 1 = 0; the other small counts are looked up in
    /// [`Self::damp_of`], where calling `logf` cost more than the scoring around it.
    #[inline]
    fn damp(&self, n: usize) -> f32 {
        match n {
            1 => 1.0,
            n => match self.damp_of.get(n) {
                Some(&d) => d,
                None => 1.0 + (n as f32).ln(),
            },
        }
    }

    /// Every facet path the lexicon can produce, sorted.
    pub fn paths(&self) -> &[String] {
        &self.paths
    }

    /// Number of distinct (stemmed) terms and phrases.
    pub fn term_count(&self) -> usize {
        self.terms.len()
    }

    /// Lexicon hits for one passage of text, best first (ties by path).
    /// Only paths scoring at least [`MIN_SCORE`] are returned; ancestors of a
    /// hit appear with their own, rolled-up score.
    pub fn classify(&self, text: &str) -> Vec<TopicHit> {
        self.classify_words(&self.words(text))
    }

    /// [`Self::classify`] of a text already turned into [`Words`].
    pub fn classify_words(&self, words: &Words) -> Vec<TopicHit> {
        self.ranked_hits(words, |hits| {
            hits.iter()
                .map(|&(i, s)| TopicHit {
                    path: self.paths[i as usize].clone(),
                    score: s,
                })
                .collect()
        })
        .unwrap_or_default()
    }

    /// The paths of [`Self::classify_words`] with their scores, in its order, borrowed from the
    /// lexicon: a passage's hits are mostly its article's topics again (their
    /// ancestors above all), which it keeps once, so cloning every hit's path cost
    /// an allocation and a free for most of them (six hits a passage on Reuters).
    pub fn hit_paths<'l>(&'l self, words: &Words, mut f: impl FnMut(&'l str, f32)) {
        self.ranked_hits(words, |hits| {
            for &(i, score) in hits {
                f(&self.paths[i as usize], score);
            }
        });
    }

    /// `f` of the hits of `words` (index into [`Self::paths`], score), best first,
    /// ties by path; `None` when no term matched.
    fn ranked_hits<R>(&self, words: &Words, f: impl FnOnce(&[(u32, f32)]) -> R) -> Option<R> {
        // Many passages match no term at all (most of Reuters' short ones):
        // they need no scoring.
        if words.matched.is_empty() {
            return None;
        }
        Some(self.with_scores(&words.matched, false, |scores| {
            // The hits moved to the front, in place.
            let mut hits = 0;
            for i in 0..scores.len() {
                if scores[i].1 >= MIN_SCORE {
                    scores.swap(hits, i);
                    hits += 1;
                }
            }
            let scores = &mut scores[..hits];
            // Best first, ties by path: paths are sorted and distinct, so
            // their indices order them, and no two entries compare equal.
            scores.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            f(scores)
        }))
    }

    /// The strongest top-level topic (such as `/economy`) for a longer text,
    /// typically a whole article, if it reaches [`MIN_SCORE`].
    pub fn top_level(&self, text: &str) -> Option<String> {
        self.top_level_words(&[&self.words(text)])
    }

    /// [`Self::top_level`] of the texts behind `parts` joined by line breaks,
    /// without reading them again: the article-level topic from the words of
    /// its title and passages, which `classify_words` also uses.
    pub fn top_level_words(&self, parts: &[&Words]) -> Option<String> {
        // A line break ends a word, so the words of joined texts are the
        // texts' words one after the other (phrases may span the join).
        if let [one] = parts {
            return self.with_scores(&one.matched, true, |s| self.top_of_scores(s));
        }
        let matched = self.joined_terms(parts);
        if matched.is_empty() {
            return None;
        }
        self.with_scores(&matched, true, |s| self.top_of_scores(s))
    }

    /// The top-level topics of a longer text (an article, as in
    /// [`Self::top_level_words`]) that reach [`MIN_SCORE`] and at least
    /// [`ARTICLE_ROOT_SHARE`] of the strongest one's score, strongest first (ties by
    /// path): the fields an article is about, its strongest first.
    pub fn top_levels_words(&self, parts: &[&Words]) -> Vec<&str> {
        let roots = |scores: &mut [(u32, f32)]| {
            let mut tops: Vec<(u32, f32)> = scores
                .iter()
                .copied()
                .filter(|&(i, s)| self.top_of[i as usize] == i && s >= MIN_SCORE)
                .collect();
            tops.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            let best = tops.first().map_or(0.0, |t| t.1);
            tops.iter()
                .filter(|t| t.1 >= ARTICLE_ROOT_SHARE * best)
                .map(|&(i, _)| self.paths[i as usize].as_str())
                .collect()
        };
        if let [one] = parts {
            return self.with_scores(&one.matched, true, roots);
        }
        let matched = self.joined_terms(parts);
        if matched.is_empty() {
            return Vec::new();
        }
        self.with_scores(&matched, true, roots)
    }

    fn top_of_scores(&self, scores: &[(u32, f32)]) -> Option<String> {
        let mut best: Option<(usize, f32)> = None;
        for &(i, s) in scores {
            let i = i as usize;
            // A top-level path is its own top-level ancestor.
            if self.top_of[i] as usize != i || s < MIN_SCORE {
                continue;
            }
            // Paths are sorted, so on a tie the alphabetically first wins.
            if best.is_none_or(|(bi, b)| s > b || (s == b && i < bi)) {
                best = Some((i, s));
            }
        }
        best.map(|(i, _)| self.paths[i].clone())
    }

    /// The lexicon terms found in `text` with their counts, most frequent
    /// first: the evidence behind [`Self::classify`], for debugging a lexicon.
    pub fn matched_terms(&self, text: &str) -> Vec<(&str, usize)> {
        let mut matched = self.words(text).matched;
        matched.sort_unstable();
        let mut out: Vec<(&str, usize)> = matched
            .chunk_by(|a, b| a == b)
            .map(|run| (self.terms[run[0] as usize].text.as_str(), run.len()))
            .collect();
        out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
        out
    }

    /// The words of `text` as this lexicon sees them: stemmed once, so that a
    /// passage's words serve both its own topics and its article's.
    pub fn words(&self, text: &str) -> Words {
        self.words_in(text, &mut ())
    }

    /// [`Self::words`], and the text's date hints gathered from the same scan of its
    /// words ([`date::HintCollector`]), so that the date extractor need not read
    /// the passage again.
    pub(crate) fn words_with_date_hints(&self, text: &str) -> (Words, date::TextHints) {
        let mut hints = date::HintCollector::new(text);
        let words = self.words_in(text, &mut hints);
        (words, hints.finish())
    }

    /// [`Self::words`], handing every stretch of the text to `hints` on the way.
    #[inline]
    fn words_in(&self, text: &str, hints: &mut impl WordHints) -> Words {
        let mut known: Vec<Known> = Vec::new();
        let mut len = 0;
        WORD_MEMO.with_borrow_mut(|memo| {
            if memo.lexicon != self.id {
                memo.clear();
                memo.lexicon = self.id;
            }
            // First the words as keys, then their ids: the lookups, which miss
            // the cache for rarer words, run in a loop of their own where the
            // processor can overlap them, and no branch depends on the word's length.
            let WordMemo { keys, long, .. } = memo;
            long.clear();
            // Each key stored at its index in room kept from text to text (a word
            // and the byte after it take two bytes, so there is room for nearly
            // every text): a push checked the capacity for every word and kept
            // the length in memory around its call to grow. The scan counts the
            // words itself (see [`RawWordSink`]).
            let room = (text.len() / 2 + 1).min(KEY_ROOM);
            if keys.len() < room {
                keys.resize(room, LONG_WORD);
            }
            let mut sink = KeySink {
                keys: keys.as_mut_slice(),
                spill: Vec::new(),
                long,
                hints,
            };
            len = for_each_raw_word(text, &mut sink);
            let spill = sink.spill;
            keys.extend(spill);
            // Every word, then only the known ones kept, in a buffer reused
            // from text to text: a text's own list is then copied at its size,
            // without zeroing room for every word of it.
            let mut all = std::mem::take(&mut memo.known);
            if all.len() < len {
                all.resize(len, Known { pos: 0, id: 0 });
            }
            // The words the memo has, in a loop without calls: a call to stem a new
            // word, however rare, made the compiler keep the loop's counters in
            // memory, and the count of kept words went through a store and a load
            // per word. The others (new words, longer words) are kept as
            // [`UNSEEN`] and looked up after, in a loop of their own.
            let (keys, table) = (&memo.keys[..len], memo.table.lookup());
            let all_len = &mut all[..len];
            let mut kept = 0;
            let mut unseen = false;
            for (pos, &key) in keys.iter().enumerate() {
                // A longer word's key, 0, is that of the empty slots: its lookup
                // ends at the first empty slot it probes, whose id is `UNSEEN`, with
                // no test of its own (3 instructions a word fewer).
                let id = table.get(key).unwrap_or(UNSEEN);
                unseen |= id == UNSEEN;
                all_len[kept] = Known {
                    pos: pos as u32,
                    id,
                };
                kept += usize::from(id != NO_WORD);
            }
            if unseen {
                kept = memo.resolve_unseen(self, &mut all[..kept]);
            }
            known = all[..kept].to_vec();
            memo.known = all;
        });
        // A known word starts at most one term.
        let mut matched = Vec::with_capacity(known.len());
        let (_, open) = self.scan_terms(&known, len, 0, len, &mut matched);
        Words {
            known,
            len,
            matched,
            open,
        }
    }

    /// `f` of the unthresholded score of every path that scores at all, from
    /// the terms `matched` (one per occurrence, in any order), as (index into
    /// [`Self::paths`], score) in no particular order, in a reused buffer. A passage touches a few
    /// paths, so a short list beats a score for every path.
    ///
    /// A term's contribution is added to each of its paths in ascending order
    /// of term ids, so that every path's score is the same `f32` sum whatever
    /// the order of `matched`. With `top_only`, only top-level paths are
    /// scored (each with the same sum as otherwise). (A path whose score is still 0 may be left out;
    /// it is below [`MIN_SCORE`] anyway.)
    fn with_scores<R>(
        &self,
        matched: &[u32],
        top_only: bool,
        f: impl FnOnce(&mut [(u32, f32)]) -> R,
    ) -> R {
        let (all_targets, start) = if top_only {
            (&self.top_targets, &self.top_target_start)
        } else {
            (&self.targets, &self.target_start)
        };
        if matched.len() <= SMALL_TERMS && self.paths.len() <= SMALL_PATHS {
            return f(self.small_scores(matched, all_targets, start, &mut [(0, 0.0); SMALL_PATHS]));
        }
        self.scratch_scores(matched, all_targets, start, f)
    }

    /// [`Self::with_scores`] in the per-thread buffers, for any number of terms
    /// and paths.
    fn scratch_scores<R>(
        &self,
        matched: &[u32],
        all_targets: &[(u32, f32)],
        start: &[u32],
        f: impl FnOnce(&mut [(u32, f32)]) -> R,
    ) -> R {
        SCRATCH.with_borrow_mut(|scratch| {
            let Scratch {
                counts,
                seen,
                blocks,
                scores,
                touched,
                out,
            } = scratch;
            if counts.len() < self.terms.len() {
                counts.resize(self.terms.len(), 0);
                seen.resize(self.terms.len().div_ceil(64), 0);
            }
            if scores.len() < self.paths.len() {
                scores.resize(self.paths.len(), 0.0);
            }
            for &t in matched {
                let t = t as usize;
                counts[t] += 1;
                let bits = &mut seen[t / 64];
                if *bits == 0 {
                    blocks.push(t / 64);
                }
                *bits |= 1 << (t % 64);
            }
            // The set bits of `seen`, lowest first, are the distinct terms in
            // the order sorting `matched` would give, without sorting it.
            blocks.sort_unstable();
            for &block in blocks.iter() {
                let mut rest = std::mem::take(&mut seen[block]);
                while rest != 0 {
                    let t = block * 64 + rest.trailing_zeros() as usize;
                    rest &= rest - 1;
                    let damp = self.damp(std::mem::take(&mut counts[t]) as usize);
                    let targets = start[t] as usize..start[t + 1] as usize;
                    for &(p, w) in &all_targets[targets] {
                        let score = &mut scores[p as usize];
                        if *score == 0.0 {
                            touched.push(p);
                        }
                        *score += w * damp;
                    }
                }
            }
            blocks.clear();
            out.clear();
            out.extend(
                touched
                    .drain(..)
                    .map(|p| (p, std::mem::take(&mut scores[p as usize]))),
            );
            f(out)
        })
    }

    /// [`Self::with_scores`] of a passage's few terms (at most [`SMALL_TERMS`]) in
    /// a lexicon of at most [`SMALL_PATHS`] paths, on the stack: the terms sorted
    /// in a copy, so that their runs give each distinct term with its count in
    /// ascending order, and the paths touched as the bits of two integers. Most
    /// passages have a handful of terms, and the per-thread buffers' bookkeeping
    /// (borrowing them, pushing the bitset blocks and touched paths, sorting the
    /// blocks, draining) cost more than adding up their scores. Each path's score
    /// is the same `f32` sum, added in the same order; the paths come out in
    /// ascending order, at the start of `out` (all zero when passed).
    fn small_scores<'o>(
        &self,
        matched: &[u32],
        all_targets: &[(u32, f32)],
        start: &[u32],
        out: &'o mut [(u32, f32); SMALL_PATHS],
    ) -> &'o mut [(u32, f32)] {
        let mut terms = [0u32; SMALL_TERMS];
        let terms = &mut terms[..matched.len()];
        terms.copy_from_slice(matched);
        terms.sort_unstable();
        // The score of path `p` adds up in `out[p].1`. The paths touched are the
        // bits of two `u64`s, not of a `u128`, whose variable shift took a dozen
        // instructions per target.
        let mut touched = [0u64; 2];
        for run in terms.chunk_by(|a, b| a == b) {
            let t = run[0] as usize;
            let damp = self.damp(run.len());
            let targets = start[t] as usize..start[t + 1] as usize;
            for &(p, w) in &all_targets[targets] {
                out[p as usize].1 += w * damp;
                touched[(p / 64) as usize & 1] |= 1 << (p % 64);
            }
        }
        let mut n = 0;
        for (half, mut bits) in (0u32..).zip(touched) {
            while bits != 0 {
                let p = 64 * half + bits.trailing_zeros();
                bits &= bits - 1;
                // `n <= p`: this overwrites only entries already read.
                out[n] = (p, out[p as usize].1);
                n += 1;
            }
        }
        &mut out[..n]
    }

    /// Term ids found in the words from `known[k]` on that start before word
    /// `end`, one per occurrence, longest phrase first, pushed to `matched`; a
    /// phrase may run on past `end`. `known` are the known words of a text of
    /// `len` words. Returns where the scan stopped (`end` or past it), and the
    /// first position where a phrase was not tried for want of words after it,
    /// with the number of terms pushed before it: past that point, more words
    /// could change what matches.
    fn scan_terms(
        &self,
        known: &[Known],
        len: usize,
        mut k: usize,
        end: usize,
        matched: &mut Vec<u32>,
    ) -> (usize, Option<(usize, usize)>) {
        let mut open = None;
        let mut stop = end;
        while let Some(&Known { pos, id: first }) = known.get(k) {
            let pos = pos as usize;
            if pos >= end {
                break;
            }
            // Most words start no phrase: their list is not even looked at.
            let token = self.tokens[first as usize];
            let longest = token.longest as usize;
            if open.is_none() && longest > len - pos - 1 {
                open = Some((pos, matched.len()));
            }
            // The longest phrase that starts here: its words are known words
            // at the positions right after, along a path of the trie.
            let mut phrase = None;
            let next_follows = known.get(k + 1).is_some_and(|t| {
                t.pos as usize == pos + 1 && self.follow[first as usize] & follow_bit(t.id) != 0
            });
            if next_follows {
                let mut node = first;
                for (j, t) in known[k + 1..].iter().enumerate() {
                    if t.pos as usize != pos + 1 + j {
                        break;
                    }
                    let Some(child) = self.next.get(edge(node, t.id)) else {
                        break;
                    };
                    node = child;
                    if self.phrase_at[node as usize] != NO_TERM {
                        phrase = Some((self.phrase_at[node as usize], j + 1));
                    }
                }
            }
            if let Some((term, rest)) = phrase {
                matched.push(term);
                k += 1 + rest;
                stop = stop.max(pos + 1 + rest);
            } else {
                // Whether a known word is a term on its own is unpredictable:
                // pushed either way, and taken back if it is not, without a branch.
                matched.push(token.single);
                matched.truncate(matched.len() - usize::from(token.single == NO_TERM));
                k += 1;
            }
        }
        (stop, open)
    }

    /// The terms of the texts behind `parts` joined, in no particular order, as
    /// [`Self::scan_terms`] would find them in all their words: each part's own
    /// terms where a phrase cannot run on into the next part, a scan of the
    /// joined words only from where one might.
    fn joined_terms(&self, parts: &[&Words]) -> Vec<u32> {
        let mut all: Vec<u32> = Vec::with_capacity(parts.iter().map(|w| w.matched.len()).sum());
        let mut joined: Vec<Known> = Vec::new();
        let len = parts.iter().map(|w| w.len).sum();
        // Every scan of the joined words starts in or after the first part where a
        // phrase might run on, so only the known words from there on are joined
        // (at their positions in all the words).
        if let Some(first) = parts.iter().position(|w| w.open.is_some()) {
            let rest = &parts[first..];
            joined.reserve_exact(rest.iter().map(|w| w.known.len()).sum());
            let mut start: usize = parts[..first].iter().map(|w| w.len).sum();
            for w in rest {
                joined.extend(w.known.iter().map(|k| Known {
                    pos: (start + k.pos as usize) as u32,
                    id: k.id,
                }));
                start += w.len;
            }
        }
        // The first known word at or after position `pos` of the joined words.
        let at = |pos: usize| joined.partition_point(|k| (k.pos as usize) < pos);
        // Where the scan of the joined words stands, and where the part starts.
        let mut pos = 0;
        let mut start = 0;
        for w in parts {
            let end = start + w.len;
            if pos > start {
                // A phrase ran on into this part: the part's own scan began elsewhere.
                if pos < end {
                    pos = self.scan_terms(&joined, len, at(pos), end, &mut all).0;
                }
            } else {
                match w.open {
                    None => {
                        all.extend_from_slice(&w.matched);
                        pos = end;
                    }
                    Some((i, n)) => {
                        all.extend_from_slice(&w.matched[..n]);
                        pos = self
                            .scan_terms(&joined, len, at(start + i), end, &mut all)
                            .0;
                    }
                }
            }
            start = end;
        }
        all
    }
}

/// A text's words for one [`TopicLexicon`], and the terms they match: both a
/// passage's own topics and its article's are computed from these.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Words {
    /// The words whose stem is in the lexicon's vocabulary, in order; most
    /// words of a text are not, and are only counted in `len`.
    known: Vec<Known>,
    /// The number of words.
    len: usize,
    /// The terms found in the words, in order.
    matched: Vec<u32>,
    /// Where a phrase might run on past the last word, and the number of terms
    /// before that point: from there on, the terms of this text followed by
    /// another may differ from this text's own (see [`TopicLexicon::scan_terms`]).
    open: Option<(usize, usize)>,
}

/// A word of a text whose stem is in a lexicon's vocabulary: 8 bytes, half of
/// what a `usize` position took, as every passage's list of them is built, copied
/// and read again for its article.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Known {
    /// Index of the word among all the words of its text (or of its article's
    /// joined texts): words take two bytes at least, so a text would need 8 GiB
    /// to overflow it.
    pos: u32,
    /// Vocabulary id of its stem.
    id: u32,
}

/// Most terms [`TopicLexicon::small_scores`] takes.
const SMALL_TERMS: usize = 64;
/// Most paths of a lexicon [`TopicLexicon::small_scores`] takes: one bit each in
/// two `u64`s.
const SMALL_PATHS: usize = 128;

/// Per-thread buffers of [`TopicLexicon::with_scores`], all zero between calls
/// and sized for the largest lexicon used so far.
#[derive(Default)]
struct Scratch {
    /// Occurrences per term id.
    counts: Vec<u32>,
    /// One bit per term id that occurs.
    seen: Vec<u64>,
    /// The indices of the non-zero blocks of `seen`.
    blocks: Vec<usize>,
    /// Score per path index.
    scores: Vec<f32>,
    /// The paths with a non-zero score.
    touched: Vec<u32>,
    /// The paths with a score and the score, for the caller.
    out: Vec<(u32, f32)>,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::default();
}

/// Most distinct words a thread remembers; news vocabulary stays well below
/// it, and past it the memo starts again rather than grow.
const WORD_MEMO_CAP: usize = 200_000;

/// Source of [`TopicLexicon::id`].
static NEXT_LEXICON_ID: AtomicU64 = AtomicU64::new(0);

/// Word → vocabulary id in one lexicon, per thread. Stemming is the costliest
/// step of classifying, and a corpus repeats its words endlessly.
struct WordMemo {
    stemmer: Stemmer,
    /// The [`TopicLexicon::id`] the ids belong to.
    lexicon: u64,
    /// Words of up to 16 bytes, keyed by their lowercase bytes as numbers
    /// ([`lowercase_packed`]): a corpus has tens of thousands of distinct
    /// words, and compact entries keep the memo small enough to stay in cache.
    table: WordTable,
    /// Longer words.
    long_ids: FastMap<Box<str>, u32>,
    /// The keys of the words of a text, [`LONG_WORD`] for a longer word, at its
    /// start; reused, never shrunk.
    keys: Vec<u128>,
    /// The longer words of a text, lowercased, in order, reused.
    long: Vec<Box<str>>,
    /// Room for the known words of a text, reused; only its start is in use.
    known: Vec<Known>,
}

/// Most keys [`TopicLexicon::words`] makes room for ahead (1 MiB of them): a
/// longer text's further keys are pushed.
const KEY_ROOM: usize = 1 << 16;

/// In [`WordMemo`]: the word's stem is in no term.
const NO_WORD: u32 = u32::MAX;

/// In [`WordMemo::keys`]: a word of more than 16 bytes (the key of no word, as
/// words have no NUL bytes).
const LONG_WORD: u128 = 0;

/// The key of a word of `len` bytes (1 to 16) from its [`pack16`]: setting bit 5
/// of each byte lowercases a letter and leaves digits and `'` as they are.
fn lowercase_packed(packed: u128, len: usize) -> u128 {
    packed | (BYTES[len] & LOWERCASE)
}

/// In [`TopicLexicon::words`]: a word the memo does not have yet (or a longer word),
/// to be looked up with [`WordMemo::resolve_unseen`]. Vocabulary ids are below it.
const UNSEEN: u32 = u32::MAX - 1;

impl WordMemo {
    /// Replaces the [`UNSEEN`] ids in `known` (the known and unseen words of the
    /// text whose words are in `keys` and `long`, in order) with the words'
    /// vocabulary ids, memoised, and drops the words that turn out unknown.
    /// Returns how many are left at the start of `known`.
    fn resolve_unseen(&mut self, lex: &TopicLexicon, known: &mut [Known]) -> usize {
        // The words before the first unseen one (a longer word is always unseen)
        // stay as they are: found with a compare per word, not copied in place
        // (15% fewer instructions here on BBC News, where a corpus read once has
        // new words in most texts).
        let Some(first) = known.iter().position(|k| k.id == UNSEEN) else {
            return known.len();
        };
        let mut kept = first;
        let mut longs = 0;
        for i in first..known.len() {
            let Known { pos, mut id } = known[i];
            if id == UNSEEN {
                let key = self.keys[pos as usize];
                id = if key == LONG_WORD {
                    longs += 1;
                    self.id_of_long(lex, longs - 1)
                } else {
                    // An earlier occurrence in the same text may have added it.
                    match self.table.get(key) {
                        Some(id) => id,
                        None => self.id_of_new(lex, key),
                    }
                };
            }
            known[kept] = Known { pos, id };
            kept += usize::from(id != NO_WORD);
        }
        kept
    }

    fn clear(&mut self) {
        self.table.clear();
        self.long_ids.clear();
    }

    /// The vocabulary id of a word not in the memo yet, by its key, memoised.
    fn id_of_new(&mut self, lex: &TopicLexicon, key: u128) -> u32 {
        let bytes = key.to_le_bytes();
        let len = bytes.iter().position(|&b| b == 0).unwrap_or(16);
        // Keys are made of ASCII bytes.
        let lower = std::str::from_utf8(&bytes[..len]).unwrap_or_default();
        let id = match lex.seeds.get(&key) {
            Some(&id) => id,
            None => lex.vocab_id(&self.stemmer, lower),
        };
        if self.table.len() + self.long_ids.len() >= WORD_MEMO_CAP {
            self.clear();
        }
        self.table.insert(key, id);
        id
    }

    /// The vocabulary id of the `i`th longer word of the text, memoised.
    fn id_of_long(&mut self, lex: &TopicLexicon, i: usize) -> u32 {
        if let Some(&id) = self.long_ids.get(&self.long[i]) {
            return id;
        }
        let lower = self.long[i].clone();
        let id = lex.vocab_id(&self.stemmer, &lower);
        if self.table.len() + self.long_ids.len() >= WORD_MEMO_CAP {
            self.clear();
        }
        self.long_ids.insert(lower, id);
        id
    }
}

impl TopicLexicon {
    /// The vocabulary id of the stem of the lowercase word `lower`, or [`NO_WORD`].
    fn vocab_id(&self, stemmer: &Stemmer, lower: &str) -> u32 {
        // Snowball leaves words of one or two letters unchanged.
        let id = if lower.len() > 2 {
            self.vocab.get(stemmer.stem(lower).as_ref())
        } else {
            self.vocab.get(lower)
        };
        id.copied().unwrap_or(NO_WORD)
    }
}

/// [`WordTable::get`] for a loop of lookups: the slots, the shift and the mask
/// taken out of the table once, where each `get` read the table again, counted
/// the slots' bits and tested for an empty table.
struct WordLookup<'a> {
    slots: &'a [Slot],
    /// 64 minus the number of bits of a slot index (63 for one slot).
    shift: u32,
    /// The number of slots minus one.
    mask: usize,
}

impl WordLookup<'_> {
    /// The first slot to probe for `key`.
    #[inline]
    fn slot(key: u128, shift: u32, mask: usize) -> usize {
        let (lo, hi) = (key as u64, (key >> 64) as u64);
        let h = (lo ^ hi.rotate_left(29)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        // The high bits of a product depend on all the bits of the key.
        (h >> shift) as usize & mask
    }

    #[inline]
    fn get(&self, key: u128) -> Option<u32> {
        let (lo, hi) = (key as u64, (key >> 64) as u64);
        let mut i = Self::slot(key, self.shift, self.mask);
        loop {
            let s = &self.slots[i];
            if s.lo == lo && s.hi == hi {
                return Some(s.id);
            }
            if s.lo == 0 && s.hi == 0 {
                return None;
            }
            i = (i + 1) & self.mask;
        }
    }
}

/// Open-addressed table from word keys (never 0) to ids, with linear probing,
/// at most half full, so that a lookup nearly always ends at its first slot.
#[derive(Default)]
struct WordTable {
    slots: Vec<Slot>,
    len: usize,
}

/// A key of [`WordTable`] in two halves (so that a slot takes 24 bytes, not
/// the 32 of a `u128` and its alignment), and its id; key 0 marks an empty slot
/// ([`EMPTY_SLOT`]).
#[derive(Clone, Copy)]
struct Slot {
    lo: u64,
    hi: u64,
    id: u32,
}

/// An empty slot of [`WordTable`]: its id is [`UNSEEN`], what a lookup of key 0
/// ([`LONG_WORD`]) finds there.
const EMPTY_SLOT: Slot = Slot {
    lo: 0,
    hi: 0,
    id: UNSEEN,
};

impl WordTable {
    fn len(&self) -> usize {
        self.len
    }

    fn clear(&mut self) {
        self.slots.clear();
        self.len = 0;
    }

    /// The first slot to probe for `key`, in a table of `n` slots (a power of two).
    fn slot(key: u128, n: usize) -> usize {
        WordLookup::slot(key, 64 - n.trailing_zeros(), n - 1)
    }

    fn get(&self, key: u128) -> Option<u32> {
        self.lookup().get(key)
    }

    /// The table for a loop of lookups.
    fn lookup(&self) -> WordLookup<'_> {
        match self.slots.len() {
            // No words yet: one empty slot, where every lookup ends.
            0 => WordLookup {
                slots: &[EMPTY_SLOT],
                shift: 63,
                mask: 0,
            },
            n => WordLookup {
                slots: &self.slots,
                shift: 64 - n.trailing_zeros(),
                mask: n - 1,
            },
        }
    }

    /// Adds `key`, which is not in the table yet.
    fn insert(&mut self, key: u128, id: u32) {
        if 2 * (self.len + 1) > self.slots.len() {
            let old = std::mem::take(&mut self.slots);
            self.slots = vec![EMPTY_SLOT; (2 * old.len()).max(1024)];
            for s in old {
                if s.lo != 0 || s.hi != 0 {
                    self.put(u128::from(s.lo) | u128::from(s.hi) << 64, s.id);
                }
            }
        }
        self.put(key, id);
        self.len += 1;
    }

    fn put(&mut self, key: u128, id: u32) {
        let n = self.slots.len();
        let mut i = Self::slot(key, n);
        while self.slots[i].lo != 0 || self.slots[i].hi != 0 {
            i = (i + 1) & (n - 1);
        }
        self.slots[i] = Slot {
            lo: key as u64,
            hi: (key >> 64) as u64,
            id,
        };
    }
}

/// The trie edges of [`TopicLexicon::next`]: an open-addressed table of
/// [`edge`] keys, at most a quarter full, with linear probing. Phrase words are
/// common ("of", "the", "in"), so a third of all known words start a phrase and
/// are followed by another known word; [`TopicLexicon::follow`] rules out most of these
/// before any lookup, as reading this table missed the cache. Here a miss is one
/// multiply and, most often, one slot read, where a `HashMap` hashed in two rounds
/// and probed a control group first.
#[derive(Debug)]
struct EdgeTable {
    /// (key, child node); [`NO_EDGE`] keys are empty slots.
    slots: Vec<(u64, u32)>,
    /// 64 minus the number of bits of a slot index.
    shift: u32,
}

/// An empty slot of [`EdgeTable`]: not an [`edge`] key, as node ids and tokens are
/// below `u32::MAX`.
const NO_EDGE: u64 = u64::MAX;

impl EdgeTable {
    fn new(edges: &FastMap<u64, u32>) -> EdgeTable {
        let n = (4 * edges.len()).next_power_of_two().max(16);
        let mut table = EdgeTable {
            slots: vec![(NO_EDGE, 0); n],
            shift: 64 - n.trailing_zeros(),
        };
        for (&key, &child) in edges {
            let mut i = table.slot(key);
            while table.slots[i].0 != NO_EDGE {
                i = (i + 1) & (n - 1);
            }
            table.slots[i] = (key, child);
        }
        table
    }

    /// The first slot to probe for `key`: the high bits of a product depend on all
    /// the bits of the key.
    #[inline]
    fn slot(&self, key: u64) -> usize {
        (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> self.shift) as usize
    }

    #[inline]
    fn get(&self, key: u64) -> Option<u32> {
        let mask = self.slots.len() - 1;
        let mut i = self.slot(key);
        loop {
            let (k, child) = self.slots[i];
            if k == key {
                return Some(child);
            }
            if k == NO_EDGE {
                return None;
            }
            i = (i + 1) & mask;
        }
    }
}

thread_local! {
    static WORD_MEMO: RefCell<WordMemo> = RefCell::new(WordMemo {
        stemmer: Stemmer::new(Algorithm::English),
        lexicon: u64::MAX,
        table: WordTable::default(),
        long_ids: FastMap::default(),
        keys: Vec::new(),
        long: Vec::new(),
        known: Vec::new(),
    });
}

/// Turns a topic string from article metadata ("Politics",
/// "politics/elections", "/conflict/military", "money-fx") into a facet path:
/// lowercased, whitespace runs → '-', empty segments dropped, always a leading
/// '/'. Returns `None` when nothing is left.
pub fn metadata_topic_path(raw: &str) -> Option<String> {
    let mut out = String::new();
    for segment in raw.split('/') {
        let words: Vec<&str> = segment.split_whitespace().collect();
        if words.is_empty() {
            continue;
        }
        out.push('/');
        out.push_str(&words.join("-").to_lowercase());
    }
    (!out.is_empty()).then_some(out)
}

fn validate_path(path: &str) -> Result<(), TopicError> {
    let bad = |reason| {
        Err(TopicError::BadPath {
            path: path.to_string(),
            reason,
        })
    };
    let Some(rest) = path.strip_prefix('/') else {
        return bad("it must start with '/'");
    };
    if rest.split('/').any(str::is_empty) {
        return bad("it has an empty segment");
    }
    if path.chars().any(|c| c.is_whitespace() || c.is_uppercase()) {
        return bad("use lowercase and '-' instead of spaces");
    }
    Ok(())
}

/// Calls `f` with the stem of each word of `text`. Words are runs of letters
/// and digits after accent folding and lowercasing; an apostrophe inside a
/// word is kept so the stemmer can drop a possessive "'s".
#[cfg(test)]
fn for_each_stem(stemmer: &Stemmer, text: &str, mut f: impl FnMut(&str)) {
    for_each_word(text, |word| f(&stem_of(stemmer, word)));
}

/// The stem of a word as [`for_each_word`] gives it.
fn stem_of(stemmer: &Stemmer, word: &str) -> String {
    // Snowball leaves words of one or two letters unchanged.
    if word.len() > 2 {
        stemmer.stem(word).into_owned()
    } else {
        word.to_string()
    }
}

/// What [`for_each_raw_word`] hands each word to: the word's index among the words
/// of the text, its bytes and its memo key (`None` for a word of more than 16 bytes).
/// Any closure taking the bytes and the key is one.
///
/// Why the scan counts the words and passes the index: a sink that counted them
/// itself, as the closure of [`TopicLexicon::words`] did, kept the count in memory
/// (the scan sees it through a pointer, and calls the sink on its rare paths), so
/// that every word loaded it, and stored it for the next word to load: a chain
/// through memory from word to word. The scan's own count is a register.
trait RawWordSink {
    fn word(&mut self, i: usize, word: &[u8], key: Option<u128>);

    /// Called before [`Self::word`] for a word that is the whole of its stretch,
    /// `text[start..end]`, plain ASCII of at most 16 bytes, with its key.
    #[inline(always)]
    fn plain(&mut self, _start: usize, _end: usize, _key: u128) {}

    /// Called for every other stretch, `text[start..end]`, before its words.
    #[inline(always)]
    fn stretch(&mut self, _start: usize, _end: usize) {}
}

/// What else reads the stretches of a text as [`TopicLexicon::words`] scans it:
/// nothing (`()`), or the date hints ([`date::HintCollector`]). See
/// [`RawWordSink::plain`] and [`RawWordSink::stretch`].
pub(crate) trait WordHints {
    fn plain(&mut self, start: usize, end: usize, key: u128);
    fn stretch(&mut self, start: usize, end: usize);
}

impl WordHints for () {
    #[inline(always)]
    fn plain(&mut self, _: usize, _: usize, _: u128) {}
    #[inline(always)]
    fn stretch(&mut self, _: usize, _: usize) {}
}

impl WordHints for date::HintCollector<'_> {
    #[inline(always)]
    fn plain(&mut self, start: usize, end: usize, key: u128) {
        date::HintCollector::plain(self, start, end, key);
    }
    #[inline(always)]
    fn stretch(&mut self, start: usize, end: usize) {
        date::HintCollector::stretch(self, start, end);
    }
}

impl<F: FnMut(&[u8], Option<u128>)> RawWordSink for F {
    #[inline(always)]
    fn word(&mut self, _: usize, word: &[u8], key: Option<u128>) {
        self(word, key);
    }
}

/// The sink of [`TopicLexicon::words`]: each word's key stored at its index in
/// `keys`, the keys past its room in `spill` (in order), the longer words lowercased
/// in `long`.
struct KeySink<'a, H> {
    keys: &'a mut [u128],
    spill: Vec<u128>,
    long: &'a mut Vec<Box<str>>,
    /// Told of the stretches.
    hints: &'a mut H,
}

impl<H: WordHints> RawWordSink for KeySink<'_, H> {
    #[inline(always)]
    fn plain(&mut self, start: usize, end: usize, key: u128) {
        self.hints.plain(start, end, key);
    }

    #[inline(always)]
    fn stretch(&mut self, start: usize, end: usize) {
        self.hints.stretch(start, end);
    }

    #[inline(always)]
    fn word(&mut self, i: usize, word: &[u8], key: Option<u128>) {
        let key = match key {
            Some(k) => k,
            None => {
                let lower = word.iter().map(|&b| char::from(b.to_ascii_lowercase()));
                self.long.push(lower.collect());
                LONG_WORD
            }
        };
        match self.keys.get_mut(i) {
            Some(slot) => *slot = key,
            None => self.spill.push(key),
        }
    }
}

/// Calls `f` with each word of `text` as [`for_each_word`] reads it, except that
/// ASCII letters may be in either case, and with the word's memo key: its bytes as
/// [`pack16`] packs them, lowercased ([`lowercase_packed`]); `None` for a word of
/// more than 16 bytes, and its index among the words ([`RawWordSink`]). Returns the
/// number of words.
///
/// Why: most words are plain ASCII between ASCII separators, and such a word is
/// its own bytes; only the stretches holding other characters need folding.
///
/// Any ASCII byte but a letter, digit or apostrophe ends a word and leaves
/// `for_each_word` with an empty one, so the stretches between such bytes can be
/// read on their own. They are found 64 bytes at a time from a bitmap of the bytes
/// inside them ([`block_masks`]): each stretch then costs two `trailing_zeros`,
/// where a byte-by-byte walk took a branch per separator and one on each word's
/// length, which news text makes unpredictable.
///
/// Each block is read through a window of [`WINDOW`] bytes, so that a short word
/// inside the block is one 16-byte load from the window, and whether it needs
/// [`other_stretch`] is one test against a bitmap of the block's non-ASCII bytes
/// and edge apostrophes: no bounds checks and no byte loads per word (those took
/// 40% of the scan's instructions). Stretches that run on into the next block
/// go through [`raw_stretch`].
///
/// Not inlined: inlined into [`TopicLexicon::words`], the compiler laid the scan
/// out worse (4% more instructions on Reuters).
#[inline(never)]
fn for_each_raw_word(text: &str, f: &mut impl RawWordSink) -> usize {
    let b = text.as_bytes();
    // The number of words so far.
    let mut n = 0;
    // The start of a stretch that runs on into the next block.
    let mut open = None;
    let mut padded = [0u8; WINDOW];
    for base in (0..b.len()).step_by(64) {
        let window = window_at(b, base, &mut padded);
        let BlockMasks { inside, special } = block_masks(window);
        // Bits past the end of a short last block are 0: its padding ends a stretch.
        let outside = !inside;
        // The first and the last byte of each stretch, as far as this block shows:
        // a stretch's bits pair up in order, one from each. Taken one at a time
        // (`x &= x - 1`), they make two chains of one cycle per word, where finding
        // each end from its start made one of two `trailing_zeros` and shifts.
        let mut firsts = inside & !(inside << 1);
        // Byte 63 is the last of its stretch only if the next block says so: that
        // stretch is left open, with its first byte the one left in `firsts`.
        let mut lasts = inside & !(inside >> 1 | 1 << 63);
        if let Some(start) = open.take() {
            if outside == 0 {
                open = Some(start);
                continue;
            }
            // The open stretch goes on to the first byte outside.
            let end = outside.trailing_zeros() as usize;
            n = raw_stretch(text, start, base + end, n, f);
            if end > 0 {
                firsts &= !1;
                lasts &= lasts - 1;
            }
        }
        while lasts != 0 {
            let start = firsts.trailing_zeros() as usize;
            let end = lasts.trailing_zeros() as usize + 1;
            firsts &= firsts - 1;
            lasts &= lasts - 1;
            // The stretch's bits (`end` is at most 63).
            let stretch = (1 << end) - (1 << start);
            if end - start <= 16 && special & stretch == 0 {
                // `& 63` shows the compiler that the load is inside the window.
                let at = start & 63;
                let word = u128::from_le_bytes(window[at..at + 16].try_into().unwrap_or([0; 16]));
                let key = (word | LOWERCASE) & BYTES[end - start];
                f.plain(base + start, base + end, key);
                f.word(n, &window[at..end], Some(key));
                n += 1;
            } else {
                n = other_stretch(text, base + start, base + end, n, f);
            }
        }
        if firsts != 0 {
            open = Some(base + firsts.trailing_zeros() as usize);
        }
    }
    if let Some(start) = open {
        n = raw_stretch(text, start, b.len(), n, f);
    }
    n
}

/// Bytes of the window through which [`for_each_raw_word`] reads a block: its 64 and
/// the 16 after, so that a word starting anywhere in it can be loaded whole.
const WINDOW: usize = 80;

/// The [`WINDOW`] bytes of `b` from `base`: in place when `b` has them, else copied
/// into `padded` with zeros after them (a NUL byte ends a word).
fn window_at<'a>(b: &'a [u8], base: usize, padded: &'a mut [u8; WINDOW]) -> &'a [u8; WINDOW] {
    if let Some(Ok(window)) = b.get(base..base + WINDOW).map(<&[u8; WINDOW]>::try_from) {
        return window;
    }
    let tail = &b[base.min(b.len())..];
    padded[..tail.len()].copy_from_slice(tail);
    padded[tail.len()..].fill(0);
    padded
}

/// Bitmaps of the first 64 bytes of a window, one bit per byte (bit `i` for byte `i`).
#[derive(Debug, Clone, Copy, PartialEq)]
struct BlockMasks {
    /// The bytes inside a stretch of [`for_each_raw_word`], that is not in [`ENDS_WORD`].
    inside: u64,
    /// The bytes that send a stretch holding them to [`other_stretch`]: non-ASCII
    /// bytes, and apostrophes at the edge of a stretch or of the block.
    special: u64,
}

/// The [`BlockMasks`] of `window`. The bytes are classified one by one into a
/// byte array (their high bit set for the class), which the compiler does 16 bytes
/// at a time in vector registers, and each 8 bytes' high bits are then gathered
/// into 8 bits with one multiply: a third of the instructions of classifying
/// eight bytes at a time in a `u64`. The non-ASCII bytes and apostrophes are
/// gathered only in the blocks that have any.
fn block_masks(window: &[u8; WINDOW]) -> BlockMasks {
    let bytes: &[u8; 64] = window.first_chunk().unwrap_or(&[0; 64]);
    let mut lanes = [0u8; 64];
    let mut odd = 0u8;
    for (lane, &b) in lanes.iter_mut().zip(bytes) {
        let letter = (b | 0x20).wrapping_sub(b'a') < 26;
        let digit = b.wrapping_sub(b'0') < 10;
        // Bitwise, not short-circuit, so that there is no branch to vectorise.
        *lane = u8::from(letter | digit | (b == b'\'') | (b >= 0x80)) << 7;
        odd |= u8::from(b == b'\'') | (b & 0x80);
    }
    let inside = gather_high_bits(&lanes, |lanes| lanes);
    let mut special = 0;
    if odd != 0 {
        let mut quotes = [0u8; 64];
        for (quote, &b) in quotes.iter_mut().zip(bytes) {
            *quote = u8::from(b == b'\'') << 7;
        }
        // An apostrophe with stretch bytes on both sides is inside a word.
        let edges = !(inside << 1 & inside >> 1);
        let non_ascii = gather_high_bits(bytes, |chunk| byte_classes(chunk).non_ascii);
        special = non_ascii | gather_high_bits(&quotes, |lanes| lanes) & edges;
    }
    BlockMasks { inside, special }
}

/// The bytes of a class among 64 as the bits of a `u64` (bit `i` for byte `i`):
/// `class` maps eight bytes to the class's bytes, each as its high bit.
#[inline]
fn gather_high_bits(bytes: &[u8; 64], class: impl Fn(u64) -> u64) -> u64 {
    let mut bits = 0;
    for (k, chunk) in bytes.as_chunks::<8>().0.iter().enumerate() {
        let lanes = class(u64::from_le_bytes(*chunk)) & HIGH;
        // Byte `j`'s bit, at bit 8j after the shift, reaches bit 56 + j through the
        // multiplier's bit 56 - 7j: the top byte is the eight bits in order.
        bits |= ((lanes >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56) << (8 * k);
    }
    bits
}

/// Calls `f` as [`for_each_raw_word`] does for the words of the stretch
/// `text[start..end]` (not empty), which no byte of [`ENDS_WORD`] interrupts.
///
/// Inlined into the scan: this runs once per word, and a call cost a sixth of it.
#[inline(always)]
fn raw_stretch(text: &str, start: usize, end: usize, n: usize, f: &mut impl RawWordSink) -> usize {
    let b = text.as_bytes();
    // Nearly every stretch is a short ASCII word without apostrophes at its ends:
    // one 16-byte load gives its key and shows whether it is ASCII (near the end
    // of the text, [`pack16`]'s shorter loads).
    if end - start <= 16 && b[start] != b'\'' && b[end - 1] != b'\'' {
        let mask = BYTES[end - start];
        let word = match b.get(start..start + 16) {
            Some(window) => u128::from_le_bytes(window.try_into().unwrap_or([0; 16])) & mask,
            None => pack16(&b[start..end]).unwrap_or(0),
        };
        if word & (u128::from(HIGH) << 64 | u128::from(HIGH)) == 0 {
            // The key: the mask already at hand lowercases it.
            let key = word | (mask & LOWERCASE);
            f.plain(start, end, key);
            f.word(n, &b[start..end], Some(key));
            return n + 1;
        }
    }
    other_stretch(text, start, end, n, f)
}

/// [`raw_stretch`] of the other stretches: long, not ASCII, or with apostrophes
/// at an end.
#[inline(never)]
fn other_stretch(
    text: &str,
    start: usize,
    end: usize,
    mut n: usize,
    f: &mut impl RawWordSink,
) -> usize {
    let b = text.as_bytes();
    f.stretch(start, end);
    if b[start..end].is_ascii() {
        // Apostrophes at the start are quote marks, at the end dropped.
        let (mut s, mut e) = (start, end);
        while s < e && b[s] == b'\'' {
            s += 1;
        }
        while e > s && b[e - 1] == b'\'' {
            e -= 1;
        }
        if s < e {
            f.word(
                n,
                &b[s..e],
                pack_in(b, s, e).map(|k| lowercase_packed(k, e - s)),
            );
            n += 1;
        }
    } else {
        // `start` and `end` are at ASCII bytes or the ends: char boundaries.
        for_each_word(&text[start..end], |w| {
            f.word(
                n,
                w.as_bytes(),
                pack16(w.as_bytes()).map(|k| lowercase_packed(k, w.len())),
            );
            n += 1;
        });
    }
    n
}

/// Bit 5 of every byte: set in a word's bytes, it lowercases ASCII letters.
const LOWERCASE: u128 = 0x2020_2020_2020_2020_2020_2020_2020_2020;

/// `BYTES[n]` has the low `n` bytes set: the mask of a word of `n` bytes in a
/// `u128`, looked up rather than computed with a variable 128-bit shift, which
/// takes a dozen instructions.
static BYTES: [u128; 17] = {
    let mut masks = [0u128; 17];
    let mut n = 1;
    while n <= 16 {
        masks[n] = u128::MAX >> (8 * (16 - n));
        n += 1;
    }
    masks
};

/// ASCII bytes other than letters, digits and the apostrophe, which end a word.
#[cfg(test)]
static ENDS_WORD: [bool; 256] = {
    let mut table = [false; 256];
    let mut c = 0;
    while c < 128 {
        let b = c as u8;
        table[c] = !(b.is_ascii_alphanumeric() || b == b'\'');
        c += 1;
    }
    table
};

/// [`pack16`] of `text[start..end]` (not empty), from one load of the 16 bytes
/// at `start` when the text has them: no branching on the word's length.
#[inline]
fn pack_in(text: &[u8], start: usize, end: usize) -> Option<u128> {
    let len = end - start;
    if len > 16 {
        return None;
    }
    match text.get(start..start + 16) {
        Some(window) => {
            let window = u128::from_le_bytes(window.try_into().unwrap_or([0; 16]));
            Some(window & (u128::MAX >> (8 * (16 - len))))
        }
        None => pack16(&text[start..end]),
    }
}

/// Calls `f` with each word of `text` as [`for_each_stem`] reads it, before
/// stemming: folded, lowercased, trailing apostrophes dropped, never empty.
fn for_each_word(text: &str, mut f: impl FnMut(&str)) {
    fn flush(word: &mut String, f: &mut impl FnMut(&str)) {
        let trimmed = word.trim_end_matches('\'');
        if !trimmed.is_empty() {
            f(trimmed);
        }
        word.clear();
    }
    let mut word = String::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii() {
            // The common case, byte by byte without decoding.
            i += 1;
            push_folded_byte(b, &mut word, &mut f);
            continue;
        }
        // `text` is a str, so a non-ASCII byte starts a whole character.
        let c = text[i..].chars().next().unwrap_or(' ');
        i += c.len_utf8();
        let folded: &str = if c == '\u{2019}' {
            "'"
        } else {
            // Folding "é" to "e" lets "café" match "cafe"; a symbol that
            // folds to something else ("£" → "PS") acts as a separator.
            match deunicode::deunicode_char(c) {
                Some(s) if s.bytes().all(|b| b.is_ascii_alphabetic()) => s,
                _ => " ",
            }
        };
        for b in folded.bytes() {
            push_folded_byte(b, &mut word, &mut f);
        }
    }
    flush(&mut word, &mut f);

    fn push_folded_byte(b: u8, word: &mut String, f: &mut impl FnMut(&str)) {
        if b.is_ascii_alphanumeric() {
            word.push(char::from(b.to_ascii_lowercase()));
        } else if b == b'\'' && !word.is_empty() {
            // Kept inside a word so the stemmer drops a possessive "'s";
            // a leading quote mark is punctuation.
            word.push('\'');
        } else {
            flush(word, f);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Xorshift64: reproducible generated test inputs without a dependency.
    fn xorshift(mut state: u64) -> impl FnMut() -> u64 {
        move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        }
    }

    fn top(text: &str) -> Option<String> {
        TopicLexicon::embedded().top_level(text)
    }

    fn paths(hits: &[TopicHit]) -> Vec<&str> {
        hits.iter().map(|h| h.path.as_str()).collect()
    }

    #[test]
    fn embedded_lexicon_is_valid() {
        let lex = TopicLexicon::from_toml(EMBEDDED_TOML).unwrap();
        assert!(lex.paths().len() > 50, "{} paths", lex.paths().len());
        assert!(lex.term_count() > 500, "{} terms", lex.term_count());
    }

    #[test]
    fn each_top_level_topic_is_recognised() {
        let cases = [
            (
                "/politics",
                "The prime minister faces a rebellion from backbench MPs before the general election.",
            ),
            (
                "/diplomacy",
                "The ambassador was summoned to the foreign ministry as bilateral talks on the treaty stalled.",
            ),
            (
                "/conflict",
                "Troops and tanks moved towards the border after an artillery barrage killed three soldiers.",
            ),
            (
                "/economy",
                "Inflation rose to 4% and economists expect the central bank to raise interest rates.",
            ),
            (
                "/finance",
                "The lender set aside more money for bad loans as mortgage arrears rose at the bank.",
            ),
            (
                "/trade",
                "The government imposed tariffs on steel imports, widening the trade dispute.",
            ),
            (
                "/energy",
                "Crude oil prices rose above $80 a barrel after Opec agreed to cut output.",
            ),
            (
                "/companies",
                "The firm's chief executive said pre-tax profits rose and the board approved a takeover bid.",
            ),
            (
                "/technology",
                "The software update fixes a security flaw that let hackers take over the browser.",
            ),
            (
                "/health",
                "Hospital doctors said the vaccine cut infections among patients with diabetes.",
            ),
            (
                "/science",
                "The space agency's telescope found a planet orbiting a distant star, astronomers said.",
            ),
            (
                "/sport",
                "The striker scored twice as the home side won the league match and moved top of the table.",
            ),
            (
                "/entertainment",
                "The actress won an Oscar for her role in the film, which topped the box office.",
            ),
            (
                "/law",
                "The jury found the defendant guilty of murder and the judge will pass sentence next week.",
            ),
            (
                "/religion",
                "The archbishop led prayers at the cathedral as the pope called for peace.",
            ),
            (
                "/environment",
                "Greenhouse gas emissions must fall sharply to limit global warming, climate scientists warned.",
            ),
            (
                "/education",
                "Pupils sat their exams as teachers and head teachers protested over the new curriculum.",
            ),
            (
                "/transport",
                "Commuters faced delays as rail operators cancelled trains and the motorway was closed.",
            ),
            (
                "/disasters",
                "The earthquake triggered a tsunami and rescue workers searched for survivors as the death toll rose.",
            ),
        ];
        for (want, sentence) in cases {
            assert_eq!(top(sentence).as_deref(), Some(want), "{sentence}");
        }
    }

    #[test]
    fn stemming_matches_inflected_forms() {
        let lex = TopicLexicon::from_toml(
            r#"
            [[topic]]
            path = "/politics/elections"
            terms = ["election", "negotiations", "polling station"]
            "#,
        )
        .unwrap();
        let hits = lex.classify("Elections: negotiating at the Polling Stations");
        assert_eq!(paths(&hits), ["/politics", "/politics/elections"]);
        assert_eq!(hits[0].score, 3.0);
    }

    #[test]
    fn accents_and_possessives_are_folded() {
        let lex = TopicLexicon::from_toml(
            r#"
            [[topic]]
            path = "/entertainment/film"
            strong = ["cafe society", "oscar"]
            "#,
        )
        .unwrap();
        assert_eq!(lex.classify("Café Society")[0].score, 2.0);
        assert_eq!(lex.classify("the Oscar’s night")[0].score, 2.0);
    }

    #[test]
    fn scores_roll_up_to_ancestors_once_per_term() {
        let lex = TopicLexicon::from_toml(
            r#"
            [[topic]]
            path = "/sport/football"
            terms = ["striker", "world cup"]
            [[topic]]
            path = "/sport/cricket"
            terms = ["wicket", "world cup"]
            [[topic]]
            path = "/sport"
            weak = ["cup"]
            "#,
        )
        .unwrap();
        let hits = lex.classify("The striker and the wicket at the World Cup");
        let score = |p: &str| hits.iter().find(|h| h.path == p).map(|h| h.score);
        // striker 1 + wicket 1 + world cup 1 (once, not per subtopic); the
        // phrase consumed "cup", so the weak single word did not count.
        assert_eq!(score("/sport"), Some(3.0));
        assert_eq!(score("/sport/football"), Some(2.0));
        assert_eq!(score("/sport/cricket"), Some(2.0));
        assert_eq!(hits[0].path, "/sport");
    }

    #[test]
    fn article_terms_are_those_of_the_joined_text() {
        // Phrases that run across the joins of the parts, and parts a phrase
        // swallows whole, must score as in the joined text.
        let lex = TopicLexicon::from_toml(
            r#"
            [[topic]]
            path = "/sport"
            strong = ["world cup final", "penalty"]
            terms = ["world", "cup", "final whistle", "cup final"]
            [[topic]]
            path = "/economy"
            terms = ["bank", "central bank rate", "rate", "world bank"]
            "#,
        )
        .unwrap();
        let texts = [
            "The world",
            "cup final",
            "whistle",
            "central",
            "bank",
            "rate cut by the world",
            "bank",
            "penalty world",
            "cup",
            "",
            "final",
        ];
        for start in 0..texts.len() {
            for end in start..=texts.len() {
                let parts = &texts[start..end];
                let words: Vec<Words> = parts.iter().map(|t| lex.words(t)).collect();
                let refs: Vec<&Words> = words.iter().collect();
                let joined = lex.words(&parts.join("\n"));
                let mut want = joined.matched.clone();
                want.sort_unstable();
                let mut got = lex.joined_terms(&refs);
                got.sort_unstable();
                assert_eq!(got, want, "{parts:?}");
                assert_eq!(
                    lex.top_level_words(&refs),
                    lex.top_level(&parts.join("\n")),
                    "{parts:?}"
                );
            }
        }
    }

    #[test]
    fn raw_words_are_the_words_unfolded() {
        let texts = [
            "",
            "'",
            "''quoted'' words, it's the Oscar\u{2019}s night",
            "Café society: £5 for 12:30 - naïve 'rock'n'roll' don't",
            "a-very-long-hyphenated-wordwithmorethansixteenbytes and x",
            "ends with a word of exactly sixteen bytesabcdefghijklmnop",
            "übermäßig STRASSE résumé 'ÉTÉ' 5€ x'",
            "  \t\n tail",
            "short words, then a verylongwordindeed and 'quoted'' stuff!",
        ];
        // Every byte, ASCII or not, inside and next to words of every length.
        let every: String = (1..=255u8)
            .filter_map(|b| char::from_u32(u32::from(b)))
            .enumerate()
            .map(|(i, c)| format!("{}{c}{} ", &"abcdefghijklmnopq"[..i % 17], &"XY'Z"[..i % 5]))
            .collect();
        let texts = texts.iter().copied().chain([every.as_str()]);
        for text in texts {
            let mut want = Vec::new();
            for_each_word(text, |w| want.push(w.to_string()));
            let mut got = Vec::new();
            for_each_raw_word(text, &mut |w: &[u8], packed| {
                let key = pack16(w).map(|k| lowercase_packed(k, w.len()));
                assert_eq!(packed, key, "{text:?}");
                got.push(String::from_utf8(w.to_ascii_lowercase()).unwrap());
            });
            assert_eq!(got, want, "{text:?}");
        }
    }

    /// Random texts from an alphabet of word bytes, separators, apostrophes and
    /// non-ASCII characters, in runs of every length, so that words and stretches
    /// fall on and across the 64-byte blocks of [`for_each_raw_word`].
    fn generated_texts() -> Vec<String> {
        let pieces = [
            "a",
            "Z",
            "q",
            "7",
            "'",
            "’",
            " ",
            "\n",
            ".",
            "-",
            ",",
            "é",
            "É",
            "ß",
            "£",
            "€",
            "naïve",
            "word",
            "Words",
            "abcdefghijklmnop",
            "x'y",
            "''",
            "0",
        ];
        let mut next = xorshift(0x9E37_79B9_7F4A_7C15u64);
        (0..3000)
            .map(|_| {
                let len = next() % 200;
                (0..len)
                    .map(|_| pieces[(next() % pieces.len() as u64) as usize])
                    .collect()
            })
            .collect()
    }

    #[test]
    fn raw_words_of_generated_texts_are_the_words_unfolded() {
        for text in generated_texts() {
            let mut want = Vec::new();
            for_each_word(&text, |w| want.push(w.to_string()));
            let mut got = Vec::new();
            for_each_raw_word(&text, &mut |w: &[u8], packed| {
                let key = pack16(w).map(|k| lowercase_packed(k, w.len()));
                assert_eq!(packed, key, "{text:?}");
                got.push(String::from_utf8(w.to_ascii_lowercase()).unwrap());
            });
            assert_eq!(got, want, "{text:?}");
        }
    }

    #[test]
    fn block_masks_are_the_bytes_inside_words_and_the_special_ones() {
        let text: Vec<u8> = (0..=255u8)
            .chain(0..=255)
            .chain(0..=255)
            .chain(b"'it's 'a' x''y''' 'q'".iter().copied())
            .collect();
        let blocks = text
            .chunks(64)
            .chain([&text[5..9], &text[..0], &text[760..]]);
        for block in blocks {
            let mut padded = [0u8; WINDOW];
            let BlockMasks { inside, special } = block_masks(window_at(block, 0, &mut padded));
            let is_inside = |i: usize| block.get(i).is_some_and(|&b| !ENDS_WORD[usize::from(b)]);
            for i in 0..64 {
                assert_eq!(inside >> i & 1 == 1, is_inside(i), "byte {i} of {block:?}");
                let edge = i == 0 || i == 63 || !is_inside(i - 1) || !is_inside(i + 1);
                let want = block
                    .get(i)
                    .is_some_and(|&b| b >= 0x80 || (b == b'\'' && edge));
                assert_eq!(special >> i & 1 == 1, want, "byte {i} of {block:?}");
            }
        }
    }

    #[test]
    fn windows_are_the_bytes_then_zeros() {
        let text: Vec<u8> = (1..=200u8).collect();
        let mut padded = [0u8; WINDOW];
        for base in (0..text.len()).step_by(64) {
            let window = *window_at(&text, base, &mut padded);
            for (i, &got) in window.iter().enumerate() {
                assert_eq!(got, text.get(base + i).copied().unwrap_or(0), "{base} {i}");
            }
        }
    }

    #[test]
    fn small_scores_are_the_scratch_scores() {
        let lex = TopicLexicon::embedded();
        let terms = lex.term_count() as u64;
        let mut next = xorshift(0x2545_F491_4F6C_DD1Du64);
        for _ in 0..3000 {
            // Few distinct terms, so that many repeat.
            let pool: Vec<u32> = (0..1 + next() % 12)
                .map(|_| (next() % terms) as u32)
                .collect();
            let matched: Vec<u32> = (0..next() % (SMALL_TERMS as u64 + 1))
                .map(|_| pool[(next() % pool.len() as u64) as usize])
                .collect();
            for (targets, start) in [
                (&lex.targets, &lex.target_start),
                (&lex.top_targets, &lex.top_target_start),
            ] {
                let mut out = [(0, 0.0); SMALL_PATHS];
                let small = lex
                    .small_scores(&matched, targets, start, &mut out)
                    .to_vec();
                let mut scratch = lex.scratch_scores(&matched, targets, start, |s| s.to_vec());
                scratch.sort_unstable_by_key(|&(p, _)| p);
                let bits = |v: &[(u32, f32)]| -> Vec<(u32, u32)> {
                    v.iter().map(|&(p, s)| (p, s.to_bits())).collect()
                };
                assert_eq!(bits(&small), bits(&scratch), "{matched:?}");
            }
        }
    }

    #[test]
    fn damping_factors_are_one_plus_ln_to_the_bit() {
        let lex = TopicLexicon::embedded();
        for n in 1..100usize {
            let want = 1.0 + (std::hint::black_box(n) as f32).ln();
            assert_eq!(lex.damp(n).to_bits(), want.to_bits(), "{n}");
        }
    }

    #[test]
    fn repeated_terms_are_damped() {
        let lex =
            TopicLexicon::from_toml("[[topic]]\npath = \"/a\"\nterms = [\"alpha\"]\n").unwrap();
        assert!(lex.classify("alpha alpha").is_empty());
        let hits = lex.classify("alpha alpha alpha");
        assert!((hits[0].score - (1.0 + 3f32.ln())).abs() < 1e-6);
    }

    #[test]
    fn neutral_sentences_get_no_topic() {
        let lex = TopicLexicon::embedded();
        for text in [
            "",
            "The weather was pleasant and people walked in the park on Sunday afternoon.",
            "She said it had been a long day and that she would think about it tomorrow.",
            "!!! ... 12:30 ---",
        ] {
            assert_eq!(lex.classify(text), [], "{text}");
            assert_eq!(lex.top_level(text), None, "{text}");
        }
    }

    #[test]
    fn one_ordinary_term_is_below_threshold_but_a_strong_one_is_not() {
        let lex = TopicLexicon::from_toml(
            "[[topic]]\npath = \"/x\"\nstrong = [\"general election\"]\nterms = [\"voter\"]\n",
        )
        .unwrap();
        assert!(lex.classify("a voter").is_empty());
        assert_eq!(paths(&lex.classify("the general election")), ["/x"]);
    }

    #[test]
    fn metadata_topics_become_facet_paths() {
        let cases = [
            ("Politics", Some("/politics")),
            ("politics/elections", Some("/politics/elections")),
            ("/conflict/military", Some("/conflict/military")),
            ("money-fx", Some("/money-fx")),
            ("Arts and  Culture", Some("/arts-and-culture")),
            (" World / Middle East/", Some("/world/middle-east")),
            ("", None),
            (" / ", None),
        ];
        for (raw, want) in cases {
            assert_eq!(metadata_topic_path(raw).as_deref(), want, "{raw:?}");
        }
    }

    #[test]
    fn from_toml_rejects_bad_entries() {
        let err = |src: &str| TopicLexicon::from_toml(src).unwrap_err();
        assert!(matches!(err("[[topic]\n"), TopicError::Parse(_)));
        assert!(matches!(
            err("[[topic]]\npath = \"/a\"\nterm = [\"x\"]\n"),
            TopicError::Parse(_)
        ));
        let e = err("[[topic]]\npath = \"sport\"\nterms = [\"x\"]\n");
        assert!(e.to_string().contains("\"sport\""), "{e}");
        assert!(matches!(
            err("[[topic]]\npath = \"/sport//golf\"\nterms = [\"x\"]\n"),
            TopicError::BadPath { .. }
        ));
        assert!(matches!(
            err("[[topic]]\npath = \"/sport/\"\nterms = [\"x\"]\n"),
            TopicError::BadPath { .. }
        ));
        assert_eq!(
            err("[[topic]]\npath = \"/a\"\nweak = []\n"),
            TopicError::NoTerms("/a".into())
        );
        assert_eq!(
            err(
                "[[topic]]\npath = \"/a\"\nterms = [\"x\"]\n[[topic]]\npath = \"/a\"\nterms = [\"y\"]\n"
            ),
            TopicError::DuplicatePath("/a".into())
        );
        assert!(matches!(
            err("[[topic]]\npath = \"/a\"\nterms = [\"--\"]\n"),
            TopicError::EmptyTerm { .. }
        ));
        let e = err("[[topic]]\npath = \"/a\"\nterms = [\"election\"]\nweak = [\"Elections\"]\n");
        assert!(e.to_string().contains("Elections"), "{e}");
        assert!(matches!(
            err("[[topic]]\npath = \"/a\"\nterms = [\"x\"]\nweight = -1.0\n"),
            TopicError::BadWeight { .. }
        ));
    }

    /// The scan, with [`TopicLexicon::follow`] ruling out trie lookups, finds the same
    /// terms as a naive longest match over the stems, on generated texts and a
    /// lexicon of more than 64 tokens, so that followers share filter bits.
    #[test]
    fn scan_agrees_with_naive_longest_match() {
        let mut terms = Vec::new();
        for j in 0..30 {
            for m in 0..3 {
                terms.push(format!("\"f{j} s{}\"", (7 * j + m) % 20));
            }
            terms.push(format!("\"f{j} s{} t{j}\"", (7 * j + 1) % 20));
            if j % 3 == 0 {
                terms.push(format!("\"f{j}\""));
            }
        }
        for k in (0..20).step_by(2) {
            terms.push(format!("\"s{k}\""));
        }
        let toml = format!("[[topic]]\npath = \"/t\"\nterms = [{}]\n", terms.join(", "));
        let lex = TopicLexicon::from_toml(&toml).unwrap();
        assert!(lex.vocab.len() > 64, "{} tokens", lex.vocab.len());

        let stemmer = Stemmer::new(Algorithm::English);
        let stems_of = |text: &str| {
            let mut stems = Vec::new();
            for_each_stem(&stemmer, text, |s| stems.push(s.to_string()));
            stems
        };
        let by_stems: HashMap<Vec<String>, u32> = (lex.terms.iter().enumerate())
            .map(|(id, t)| (stems_of(&t.text), id as u32))
            .collect();
        let mut rng = xorshift(0x2545_F491_4F6C_DD1Du64);
        let mut next = |n: u64| rng() % n;
        let mut phrases = 0;
        for _ in 0..2000 {
            let words: Vec<String> = (0..next(30))
                .map(|_| match next(8) {
                    0..=2 => format!("f{}", next(30)),
                    3..=5 => format!("s{}", next(20)),
                    6 => format!("t{}", next(30)),
                    _ => "other".to_string(),
                })
                .collect();
            let text = words.join(" ");
            let stems = stems_of(&text);
            let mut expected = Vec::new();
            let mut i = 0;
            while i < stems.len() {
                let longest = (1..=(stems.len() - i).min(3))
                    .rev()
                    .find_map(|n| by_stems.get(&stems[i..i + n]).map(|&id| (id, n)));
                match longest {
                    Some((id, n)) => {
                        expected.push(id);
                        phrases += usize::from(n > 1);
                        i += n;
                    }
                    None => i += 1,
                }
            }
            assert_eq!(lex.words(&text).matched, expected, "{text}");
        }
        assert!(phrases > 500, "only {phrases} phrases matched");
    }
}
