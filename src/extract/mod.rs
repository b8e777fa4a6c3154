//! Extraction: from an article and its shards to passages carrying speaker(s), date and
//! topic(s). The extractors are pure functions over text (one module each); this module
//! only combines them per article.

pub mod date;
pub mod speaker;
pub mod topic;

use crate::article::Article;
use crate::passage::Passage;
use crate::shard::Shard;

use topic::TopicLexicon;

use std::hash::{BuildHasherDefault, Hasher};

/// The revision of the reading and extraction rules. Raise it with every change that alters what
/// reading or extraction gives for some input: it is part of every article's content hash
/// ([`crate::content_hash`]), so the next incremental run extracts every article again
/// instead of keeping passages extracted by the old rules.
/// 2: description words before a given name are no part of the name ("Film-maker Spike Lee");
///    "told X" names the listener; roles keep their firm ("BP chief executive").
/// 3: "the company", "the bank", "it" name the organisation named before ("Chrysler
///    Corp"); firm names keep "and Co"; dealers, traders and bankers speak.
/// 4: a figure's point ends no sentence; tickers, "Moody's said", "X did Y and said",
///    relative clauses with figures, "an aide to X", "an IBC statement said".
/// 5: "Brian May", "Mrs May" (a month after a given name); "the chip's designers";
///    lawsuits, complaints, filings and letters speak.
/// 6: "Apple unveiled ... the company said" (a lone word doing what firms do); initials
///    of a firm ("AMC"); any "-maker" is a firm; strategists, journalists and other
///    occupations speak.
/// 7: "those questioned", "economists polled" speak; "Marc Ostwald, a strategist at X
///    told" (an apposition without its closing comma) gives the name; appositions
///    between dashes ("Lord Bingham - a senior law lord - said"); "sources familiar
///    with the deal", "a source close to the talks"; "The firm, Paion, said".
/// 11: reading: wire datelines ("WASHINGTON (AP) — Nov. 20, 2025"); the common JSON and
///    front-matter names of each field (published_at, pubDate, content, articleBody, …)
///    and Unix-time dates, so that a feed read before without them is read again.
/// 12: mentioned dates: "N days/weeks/months/years ago", a month alone ("in March"), a
///    year alone ("since 2019"); a passive participle ("will be held") is no past anchor.
/// 13: speakers: ", saying", "was quoted as saying", "with X saying", "arguing"/"insisting"
///    before a clause; ages and "champion" point to the person named last; firms joined
///    by "&"; shadow, deputy and former posts; bodies named again without their
///    country's initials; findings after their author's "'s", "Figures from X".
/// 14: speakers: a lead's unauthored findings take the body the next paragraph names;
///    "singer X and drummer Y said" gives both.
/// 15: particles inside names ("Ursula von der Leyen", "Guillermo de la Dehesa").
/// 16: initials spelled out in brackets name the body ("the ONS" is the Office for
///    National Statistics); letters after a name are no part of it ("Guy Mansfield QC").
/// 17: plural groups speak ("opposition parties say", "some users said"); a straight
///    quote after a stray space closes an open quote (`"We will not give up, " said`).
/// 18: a lead that describes its speaker ("A former Home Office minister has called
///    for") takes the person the next paragraph names first.
/// 19: "Under" before a post is part of it ("Treasury Under Secretary John Taylor").
/// 20: "the magazine said" is the publication named with that noun ("Rolling Stone
///    magazine", "US magazine Rolling Stone").
/// 21: "BT reports that", "The Wall Street Journal reports that" (not "Press reports").
/// 22: a time phrase between a subject and its verb keeps the subject ("The Kremlin on
///    Monday rejected the offer, saying ...", "The union last week turned down ...").
/// 23: a word of speech after a determiner before ", saying" is a noun ("rejected the
///    claims, saying ..." is the subject's speech).
/// 24: findings whose author an apposition names speak as the author ("The statement,
///    issued by the interior ministry, said ...").
/// 25: reading: a Unix time in front matter is a date, as in JSON (`date: 1763632800`).
/// 26: people named with the place they are in speak as written ("Officials in Kyiv
///    said", "a spokesman for the ministry in Moscow said"); a place after a subject
///    is skipped on the way to its verb ("Police in Paris arrested ..., saying").
/// 27: a short firm name is the firm with only its legal form added ("Honeywell" is
///    Honeywell Inc, not Honeywell Bull Inc); initials ("GM", "S and P") and a body's
///    last word ("the Times") name the organisation given in full before.
/// 28: "Tehran radio quoted Oil Minister X as saying" gives X and the medium; "he was
///    quoted telling reporters".
/// 29: a name after a preposition in an earlier clause is no speaker coordinated with
///    the subject ("ships in the Gulf and U.S. officials have said").
/// 30: a participle's phrase between commas is skipped like a relative clause ("The
///    paper, citing unnamed officials, said", "X, asked at a news conference if ..., said").
/// 31: a group at lowercase firms is the whole group ("sources at the major coffee
///    broking firms", "dealers at major banks"), not "firms".
/// 32: "cited" with an object states reasons ("S and P cited the offering"), not as a
///    participle ("the reasons cited by the board").
/// 33: an occupation without an article is a role ("John Curtice, professor of politics
///    at Strathclyde University, said"); a US party tag is no name ("Sen. Tom Harkin,
///    D-Iowa, said"), and it or an age before another apposition is skipped ("Rosa
///    Lind, 54, a teacher, said").
/// 34: after a quote, a subject with a relative clause speaks ("\"...,\" one resident,
///    who asked not to be named, said").
/// 35: "the official", "the spokesman" alone is the anonymous source with that noun
///    named in this paragraph or the one before ("a senior ministry official").
/// 36: "the agency" is the body that spoke or was a subject last ("Moody's", "Statistics
///    Canada", "Tanjug news agency"); a body's name said with "the" ("the Commerce
///    Department said") is one "the department" can point back to; "administration" ends
///    a body's name; "it" is a first speaker whose name reads as a body's.
/// 37: "Having said that" attributes nothing (it gave the speaker "Having").
/// 38: "the chancellor", "the prime minister" (a post no one named has) is the person in
///    focus when that person was named without a post ("Gordon Brown has issued ...").
/// 39: a name after a description opening its sentence is the sentence's subject
///    ("Tottenham manager Martin Jol acclaimed ...", "Double Olympic champion X is set
///    to ..."), so "he said" and "the 30-year-old" can point back to it; a particle
///    inside a name ("Hicham El Guerrouj", "Osama bin Laden") makes it a person's.
/// 40: "he" after a clause of reported speech ("Mr Blair has failed, he claimed") is
///    not a person that clause names.
/// 41: "the companies", "the two firms", "both companies" (and "they" after them) are the
///    two firms named in this paragraph or the one before, when no third one was.
/// 42: a verb in title case inside a sentence is part of a title ("Whatever the Heart
///    Says", "Treasury Notes", "Oil Minister Mana Said al-Oteiba"), not speech.
/// 43: a verb like "confirmed" ending its sentence after a clause and a comma reports
///    that clause ("Campbell will return to the campaign, the party has confirmed").
/// 44: the subject of hearsay ("X is said to have been impressed") is no new person in
///    focus for "he".
/// 45: a subject with a restrictive relative clause before its verb speaks ("A leading
///    economist who advises the bank says"); a described lead takes the one person the
///    next paragraph names in full as a subject when no one speaks there; barristers,
///    solicitors, teachers, agents and other people speak; "staff at the hospital";
///    "said teenagers in rich areas could expect" is a reported clause.
/// 46: "said the 30-year-old" is the person named last, not counting names that may be
///    an event's or a firm's ("the World Cross Country Championships").
/// 47: a sentence's subject in this paragraph is in focus over a speaker of the
///    paragraph before ("Britain's Paula Radcliffe has also not ruled out ...").
/// 48: findings after their clause speak as their author ("..., shows a study by
///    Ericsson", "..., figures compiled by the Tories suggest"); "suggest" reports
///    findings; a report's author may be described ("by research firm Gartner").
/// 49: a clause without "that", opened by a subject pronoun and a verb, follows a verb
///    of speech ("Oracle has announced it is cutting", "claiming it portrays").
/// 50: "the sources", "the officials" are the group named before with that noun
///    ("trade sources", "FAA officials"), anywhere in the article.
/// 51: a courtesy title after a lowercase word opens a person's name ("Speaking to the
///    BBC News website Mr Molyneux said").
/// 52: a party and state in brackets after a name ("Sen. Elizabeth Warren (D-Mass.)
///    said") is skipped, and its point ends no sentence.
/// 53: a lowercase role keeps up to two plain nouns before it when a determiner or a
///    possessive opens the phrase ("the EU's foreign policy chief", "a port control
///    spokesman").
/// 54: an "and" inside a body's name before a title joins no speakers ("House Ways and
///    Means Committee Chairman Dan Rostenkowski said").
pub const RULES_REVISION: u32 = 54;

/// Settings that apply to every article of a run.
#[derive(Debug, Clone)]
pub struct ExtractOptions {
    /// Resolves dates written without a year ("Thursday, November 20").
    pub reference_date: jiff::civil::Date,
    /// Add the name of the directory a file sits in as a topic.
    pub topic_from_dir: bool,
    pub lexicon: &'static TopicLexicon,
}

impl ExtractOptions {
    pub fn new(reference_date: jiff::civil::Date) -> ExtractOptions {
        ExtractOptions {
            reference_date,
            topic_from_dir: false,
            lexicon: TopicLexicon::embedded(),
        }
    }
}

/// Passages of one article with every field filled, plus warnings about the article
/// (a metadata date that is not a date, say).
pub fn passages(
    article: &Article,
    shards: Vec<Shard>,
    opts: &ExtractOptions,
) -> (Vec<Passage>, Vec<String>) {
    let mut warnings = Vec::new();
    let texts: Vec<&str> = shards.iter().map(|s| s.text.as_str()).collect();
    // Each text is read into lexicon words once: the passages' words give both
    // their own topics and, after the title's, the article's top-level topic. The
    // same scan gathers each passage's date hints, which the date extractor would
    // otherwise read the text again for.
    let (words, hints): (Vec<topic::Words>, Vec<date::TextHints>) = texts
        .iter()
        .map(|t| opts.lexicon.words_with_date_hints(t))
        .unzip();
    let mut dates = date::ArticleDates::with_hints(&texts, hints);

    let published = match article
        .date
        .as_deref()
        .map(str::trim)
        .filter(|d| !d.is_empty())
    {
        Some(raw) => match date::parse_date(raw) {
            Some(d) => Some(d),
            None => {
                warnings.push(format!(
                    "article {}: metadata date {raw:?} is not a date I can read; using the date \
                     in the text, if any (write it as YYYY-MM-DD)",
                    article.id
                ));
                dates.infer_date(opts.reference_date)
            }
        },
        None => dates.infer_date(opts.reference_date),
    };
    let date_string = published.map(|d| format!("{d}T00:00:00Z"));

    let mut article_topics: Vec<String> = article
        .topics
        .iter()
        .filter_map(|t| topic::metadata_topic_path(t))
        .collect();
    if opts.topic_from_dir
        && let Some(dir) = article
            .dir_name
            .as_deref()
            .and_then(topic::metadata_topic_path)
    {
        article_topics.push(dir);
    }
    let title_words = article.title.as_deref().map(|t| opts.lexicon.words(t));
    let whole: Vec<&topic::Words> = title_words.iter().chain(&words).collect();
    let fields = opts.lexicon.top_levels_words(&whole);
    if let Some(top) = fields.first() {
        article_topics.push(top.to_string());
    }

    let speakers = speaker::attribute_speakers(&texts);
    let mentioned: Vec<Vec<jiff::civil::Date>> = match published {
        Some(d) => (0..texts.len())
            .map(|i| dates.mentioned_dates(i, d))
            .collect(),
        None => vec![Vec::new(); texts.len()],
    };
    // A passage's own topics under a root that is none of its article's fields (the
    // roots of its metadata topics and of its strong top-level topics) need more
    // evidence (topic::OFF_TOPIC_MIN_SCORE): one or two words of another field
    // ("compete" and "challenge" in a speech about taxes) are more often a figure of
    // speech than a change of subject.
    let mut article_roots: Vec<&str> = article_topics.iter().map(|t| topic::root_of(t)).collect();
    article_roots.extend(&fields);
    // Consecutive passages usually stand under the same subheading.
    let mut section_topics: Option<(String, Vec<String>)> = None;
    // The paths of one passage's own topics, reused from passage to passage.
    let mut own_paths: Vec<&str> = Vec::new();
    let source = article.source();
    let passages = shards
        .into_iter()
        .zip(speakers)
        .zip(&words)
        .zip(mentioned)
        .map(|(((shard, speakers), words), mentioned)| {
            let section = shard.section.as_deref().map(|section| {
                if section_topics.as_ref().is_none_or(|(s, _)| s != section) {
                    let paths = opts.lexicon.classify(section).into_iter();
                    section_topics = Some((section.to_string(), paths.map(|h| h.path).collect()));
                }
                section_topics.as_ref().map_or(&[][..], |(_, paths)| paths)
            });
            // The article's topics, the section's and the passage's own, each once, in
            // that order. Built at its final size, with a repeat never cloned: cloning
            // the article's list and extending it moved it to a larger buffer for
            // most passages, and the copies a dedup then dropped were allocations too.
            // The passage's own paths are borrowed from the lexicon until they are
            // known to be new (most repeat the article's topics or their ancestors).
            let own = &mut own_paths;
            own.clear();
            opts.lexicon.hit_paths(words, |path, score| {
                if score >= topic::OFF_TOPIC_MIN_SCORE
                    || article_roots.contains(&topic::root_of(path))
                {
                    own.push(path);
                }
            });
            let mut topics = Vec::with_capacity(
                article_topics.len() + section.map_or(0, <[_]>::len) + own.len(),
            );
            for t in article_topics.iter().chain(section.into_iter().flatten()) {
                if !topics.contains(t) {
                    topics.push(t.clone());
                }
            }
            for &path in own.iter() {
                if !topics.iter().any(|t| t == path) {
                    topics.push(path.to_string());
                }
            }
            let mut names = Vec::with_capacity(speakers.len());
            let mut speaker_role = Vec::with_capacity(speakers.len());
            for s in speakers {
                names.push(s.name);
                speaker_role.push(s.role);
            }
            Passage {
                id: passage_id(&article.id, shard.para),
                article_id: article.id.clone(),
                title: article.title.clone(),
                para: shard.para,
                section: shard.section,
                text: shard.text,
                date: date_string.clone(),
                speaker_role,
                speakers: names,
                topics,
                mentioned_dates: mentioned.into_iter().map(day_string).collect(),
                source: source.to_string(),
            }
        })
        .collect();
    (passages, warnings)
}

/// `<article_id>#<para>`, as `format!` writes it, in a string sized once, the number's
/// digits written directly: through `write!` they took ~330 instructions a passage
/// (callgrind, Reuters), more than the rest of the id, and `format!` before that was
/// the largest single cost of building a passage.
fn passage_id(article_id: &str, para: u64) -> String {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut n = para;
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    let mut id = String::with_capacity(article_id.len() + 1 + digits.len() - at);
    id.push_str(article_id);
    id.push('#');
    for &d in &digits[at..] {
        id.push(char::from(d));
    }
    id
}

/// A day as `YYYY-MM-DD`, exactly as `jiff` displays it, written directly for the
/// years of four digits (every year text gives); other years go through `jiff`,
/// which signs them and gives them six digits.
fn day_string(d: jiff::civil::Date) -> String {
    let year = match u16::try_from(d.year()) {
        Ok(year) if year <= 9999 => year,
        _ => return d.to_string(),
    };
    let mut out = *b"0000-00-00";
    let mut put = |at: usize, n: u16| {
        out[at] += (n / 10) as u8;
        out[at + 1] += (n % 10) as u8;
    };
    put(0, year / 100);
    put(2, year % 100);
    put(5, u16::from(d.month().unsigned_abs()));
    put(8, u16::from(d.day().unsigned_abs()));
    // Digits and dashes: always UTF-8.
    std::str::from_utf8(&out).map_or_else(|_| d.to_string(), str::to_owned)
}

/// `0x01` in each byte of a `u64`.
pub(crate) const LANES: u64 = 0x0101_0101_0101_0101;
/// The high bit of each byte of a `u64`.
pub(crate) const HIGH: u64 = 0x80 * LANES;

/// Eight bytes of text in a `u64` (first byte lowest) sorted into classes at once
/// ("SIMD within a register"): each field has the high bit of every byte of the
/// class set, and no other bit. The extractors look at every byte of every passage,
/// and testing them one by one was a large share of their time.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ByteClasses {
    /// ASCII letters, either case. (Read by no scan at the moment: the date and
    /// topic scans classify byte by byte into lanes, which the compiler vectorises;
    /// kept, as tested, for the scans that classify in a `u64`.)
    #[allow(dead_code)]
    pub letter: u64,
    /// ASCII digits.
    #[allow(dead_code)]
    pub digit: u64,
    /// Bytes of non-ASCII characters.
    pub non_ascii: u64,
}

#[inline]
pub(crate) fn byte_classes(chunk: u64) -> ByteClasses {
    let non_ascii = chunk & HIGH;
    let v = chunk & !HIGH;
    // For bytes below 0x80 and 0 < c <= 0x80, the high bit of each byte of
    // `at_least(v, c)` is set where that byte is c or more; no carry crosses bytes.
    let at_least = |v: u64, c: u64| v.wrapping_add((0x80 - c) * LANES) & HIGH;
    let in_range = |v: u64, lo: u64, hi: u64| at_least(v, lo) & !at_least(v, hi + 1);
    ByteClasses {
        // Setting bit 5 maps 'A'..='Z' onto 'a'..='z' and no other byte into it.
        letter: in_range(v | (0x20 * LANES), 0x61, 0x7A) & !non_ascii,
        digit: in_range(v, 0x30, 0x39) & !non_ascii,
        non_ascii,
    }
}

/// A block of at most 64 bytes as exactly 64: itself when whole, else copied into
/// `padded` (zeros after it), so that block scans load whole `u64`s without bounds.
#[inline]
pub(crate) fn whole_block<'a>(block: &'a [u8], padded: &'a mut [u8; 64]) -> &'a [u8; 64] {
    match block.try_into() {
        Ok(full) => full,
        Err(_) => {
            padded[..block.len()].copy_from_slice(block);
            padded
        }
    }
}

/// The bytes of a word of at most 16 bytes as one number, first byte lowest, zero
/// padded; `None` for a longer word. Words are never NUL bytes, so the padding keeps
/// different words apart, and a hash lookup hashes and compares one integer.
///
/// Built from (possibly overlapping) whole-integer loads rather than copied into a
/// buffer and read back, which stalls the store-to-load path on every word.
#[inline]
pub(crate) fn pack16(b: &[u8]) -> Option<u128> {
    let load8 = |s: &[u8]| u64::from_le_bytes(s.try_into().unwrap_or([0; 8]));
    let load4 = |s: &[u8]| u64::from(u32::from_le_bytes(s.try_into().unwrap_or([0; 4])));
    let n = b.len();
    let (lo, hi) = match n {
        0 => (0, 0),
        1..=3 => {
            // Bytes 0, n/2 and n-1 cover every byte of a word this short.
            let v = u64::from(b[0])
                | u64::from(b[n / 2]) << (8 * (n / 2))
                | u64::from(b[n - 1]) << (8 * (n - 1));
            (v, 0)
        }
        4..=7 => {
            let tail = load4(&b[n - 4..]) >> (8 * (8 - n));
            (load4(&b[..4]) | tail << 32, 0)
        }
        8 => (load8(b), 0),
        9..=16 => {
            let tail = load8(&b[n - 8..]) >> (8 * (16 - n));
            (load8(&b[..8]), tail)
        }
        _ => return None,
    };
    Some(u128::from(lo) | u128::from(hi) << 64)
}

/// FxHash-style hasher: the lookup keys are short words and small integers
/// from our own lexicons and the text, so SipHash's DoS protection buys nothing here and
/// costs a large share of the per-word time.
#[derive(Default, Clone, Copy)]
pub(crate) struct FastHasher(u64);

impl Hasher for FastHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(c);
            self.write_u64(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.write_u64(u64::from_le_bytes(word) ^ ((rest.len() as u64) << 59));
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    fn write_u128(&mut self, n: u128) {
        self.write_u64(n as u64);
        self.write_u64((n >> 64) as u64);
    }
    fn write_u32(&mut self, n: u32) {
        self.write_u64(u64::from(n));
    }
    fn write_u8(&mut self, n: u8) {
        self.write_u64(u64::from(n));
    }
    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }
    fn finish(&self) -> u64 {
        // Tables pick a bucket by the low bits, which a multiply leaves depending on
        // the low bits of the input only (the first bytes of a packed word, shared by
        // many words); the rotation brings the well-mixed high bits down.
        self.0.rotate_left(26)
    }
}

/// Builds [`FastHasher`]s, for `HashMap`s and `HashSet`s keyed by words.
pub(crate) type FastHash = BuildHasherDefault<FastHasher>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passage_id_is_the_article_id_and_the_paragraph_number() {
        for para in [0, 1, 9, 10, 99, 100, 12_345, u64::from(u32::MAX), u64::MAX] {
            assert_eq!(
                passage_id("bbc/sport/199", para),
                format!("bbc/sport/199#{para}")
            );
        }
        assert_eq!(passage_id("", 7), "#7");
    }

    #[test]
    fn day_string_is_how_jiff_displays_the_day() {
        let days = [
            (-9999, 1, 1),
            (-1, 12, 31),
            (0, 1, 1),
            (1, 2, 3),
            (99, 10, 9),
            (999, 11, 30),
            (1987, 10, 20),
            (2024, 2, 29),
            (9999, 12, 31),
        ];
        for (y, m, d) in days {
            let day = jiff::civil::date(y, m, d);
            assert_eq!(day_string(day), day.to_string());
        }
        let mut day = jiff::civil::date(1899, 12, 25);
        while day.year() < 2101 {
            assert_eq!(day_string(day), day.to_string());
            day = day.tomorrow().expect("a day in range");
        }
    }

    #[test]
    fn byte_classes_match_the_byte_tests_at_every_position() {
        for b in 0..=255u8 {
            for pos in 0..8 {
                let mut chunk = *b"a0\xe9Z9 .z";
                chunk[pos] = b;
                let c = byte_classes(u64::from_le_bytes(chunk));
                for (i, &x) in chunk.iter().enumerate() {
                    let bit = |mask: u64| mask >> (8 * i + 7) & 1 == 1;
                    assert_eq!(bit(c.letter), x.is_ascii_alphabetic(), "{x:#x} at {i}");
                    assert_eq!(bit(c.digit), x.is_ascii_digit(), "{x:#x} at {i}");
                    assert_eq!(bit(c.non_ascii), !x.is_ascii(), "{x:#x} at {i}");
                }
                let others = !HIGH;
                assert_eq!((c.letter | c.digit | c.non_ascii) & others, 0);
            }
        }
    }

    #[test]
    fn pack16_equals_the_zero_padded_bytes() {
        let text = b"abcdefghijklmnopqrstuvwxyz0123456789";
        for start in 0..4 {
            for n in 0..=17 {
                let word = &text[start..start + n];
                let expected = (n <= 16).then(|| {
                    let mut buf = [0u8; 16];
                    buf[..n].copy_from_slice(word);
                    u128::from_le_bytes(buf)
                });
                assert_eq!(pack16(word), expected, "{n} bytes from {start}");
            }
        }
    }
}
