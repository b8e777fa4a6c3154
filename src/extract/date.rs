//! Dates in news articles: the publication date from metadata or text, the
//! dates a passage speaks of, and the bounds of a user's date filter.
//!
//! Everything here is a pure function from text to calendar days
//! ([`jiff::civil::Date`]); times of day and time zones are dropped on purpose,
//! because the index stores and filters whole days.
//!
//! Choices made where the brief left room:
//! * A timestamp with an offset (`2025-11-20T23:30:00-05:00`) keeps the day as
//!   written; it is not converted to UTC, which would move it to the 21st.
//! * Numeric `D.M.YYYY` is read day first; `A/B/YYYY` is read only when one
//!   number is over 12 (so the order is certain), otherwise it is rejected.
//! * A month and year without a day ("in March 1987") means the 1st of that
//!   month in [`mentioned_dates`], but is never a publication date.
//! * "last week" / "this week" / "next week" mean the Monday of that week;
//!   "last month" the 1st of the previous month; "last year" the 1st of January.
//! * A bare weekday ("said Thursday") is the most recent such day on or before
//!   publication, unless its sentence puts it in the future ("talks will resume
//!   on Thursday", "the report is due on Thursday"): then the first such day on
//!   or after publication. "last Thursday" is strictly before it, "next
//!   Thursday" strictly after it, "this Thursday" / "coming Thursday" on or
//!   after it.
//! * In running text, month and weekday names count only when capitalised
//!   ("May 5", "MAY 5", never "may 5"), and a month needs a day or a year next
//!   to it, so the verb "may" and "a march on Washington" are not dates; or, for a
//!   month alone, a preposition or "last"/"next"/"this" before its full name ("in
//!   March", "since May", "by early June", "last December"). Such a month is its
//!   1st: the most recent on or before publication, unless its sentence puts it in
//!   the future ("the law will take effect in March"), as for a weekday; "last
//!   March" strictly before, "next March" strictly after, "this March" in the
//!   publication year.
//! * "N days ago" and "N weeks ago" are that day (N as digits or a word, "a" for
//!   one); "N months ago" the 1st of that month, "N years ago" the 1st of January.
//! * A year alone (1900 to 2099) counts when a preposition stands before it ("in
//!   2019", "since 2015", "for 1987", "by mid-2030") and nothing after it makes it a
//!   quantity ("in 2000 tonnes", "by 1990 workers"): the 1st of January. Decades
//!   ("the 1990s") are not dates.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::sync::LazyLock;

use super::{FastHash, pack16, whole_block};

use jiff::ToSpan;
use jiff::civil::{Date, Weekday};
use regex::{Captures, Match, Regex};

/// Lenient parse of a publication date written in metadata. Returns the calendar day.
///
/// The date has to start the string (after blanks, control characters and an
/// optional weekday); anything after it is ignored, so teletype junk and times
/// do no harm. If no known form starts the string, the first full date written
/// anywhere in it is taken ("Updated Nov. 20, 2025"). A form that matches but
/// names an impossible day ("Feb 30") gives `None` rather than a guess.
pub fn parse_date(s: &str) -> Option<Date> {
    let s = s.trim_start_matches(|c: char| c.is_whitespace() || c.is_control() || c == '"');
    match common_metadata_form(s.as_bytes()) {
        Some(date) => date,
        None => parse_date_by_regex(s),
    }
}

/// The day a dateline or byline gives, when `line` is one that only dates an
/// article, as sites put one above or below the headline: "Published: 12:30 GMT, 20
/// November 2025", "Updated Nov. 20, 2025 at 3:15 p.m. ET", "By Jane Smith |
/// 20/11/2025", "Thursday 20 November 2025". It names a full date (day, month and
/// year, in a form [`parse_date`] reads), and everything else on it is furniture:
/// labels (published, updated, posted), times and time zones, weekdays, "by" and the
/// names after it, punctuation. A sentence that mentions a date is no dateline.
pub fn dateline_date(line: &str) -> Option<Date> {
    let line = line.trim();
    // (Cheap tests first, as most lines it is asked about are headlines and opening
    // paragraphs: a dateline is short, and a full date has a year of four digits.)
    if line.len() > 120 {
        return None;
    }
    let mut digits = 0;
    let year = line.bytes().any(|b| {
        digits = if b.is_ascii_digit() { digits + 1 } else { 0 };
        digits == 4
    });
    if !year || line.split_whitespace().nth(DATELINE_MAX_WORDS).is_some() {
        return None;
    }
    // The first place a date starts: a word opening with a digit or a capital.
    let starts = line.char_indices().filter(|&(i, c)| {
        (c.is_ascii_digit() || c.is_uppercase())
            && !line[..i]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
    });
    let date = starts
        .map(|(i, _)| i)
        .find_map(|i| parse_date(&line[i..]))?;
    let found = scan(line);
    // What is left once the dates are cut out, word by word.
    let mut rest = String::with_capacity(line.len());
    let mut at = 0;
    for m in &found {
        rest.push_str(&line[at..m.start]);
        rest.push(' ');
        at = m.end;
    }
    rest.push_str(&line[at..]);
    let rest = without_agency_tags(&rest);
    let mut byline = 0;
    for word in rest
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let lower = word.to_lowercase();
        if byline > 0 && byline <= 4 && !word.chars().any(|c| c.is_ascii_digit()) {
            // Who wrote it, after "by": "By Jane Smith", "by admin".
            byline += 1;
            continue;
        }
        byline = 0;
        if lower == "by" {
            byline = 1;
        } else if !(word.chars().any(|c| c.is_ascii_digit())
            || DATELINE_WORDS.contains(&lower.as_str())
            || is_capitals(word))
        {
            return None;
        }
    }
    Some(date)
}

/// Whether `word` is written in capitals only, two letters or more: the place of a
/// wire dateline ("WASHINGTON — Nov. 20, 2025", "NEW YORK, 20 November 2025") or an
/// agency ("AP", "AFP"). A sentence has lowercase words, so it stays no dateline.
fn is_capitals(word: &str) -> bool {
    word.chars().nth(1).is_some() && word.chars().all(char::is_uppercase)
}

/// `rest` without the agency tags of wire datelines: a group in brackets of at most
/// three words and no digits, as in "LONDON (Reuters) —" or "(Associated Press)".
fn without_agency_tags(rest: &str) -> Cow<'_, str> {
    if !rest.contains('(') {
        return Cow::Borrowed(rest);
    }
    let mut out = String::with_capacity(rest.len());
    let mut left = rest;
    while let Some(open) = left.find('(') {
        let after = &left[open + 1..];
        let Some(close) = after.find(')') else { break };
        let inside = &after[..close];
        let tag = !inside.chars().any(|c| c.is_ascii_digit())
            && (1..=3).contains(&inside.split_whitespace().count());
        out.push_str(&left[..open]);
        if !tag {
            out.push_str(&left[open..open + 1 + close + 1]);
        }
        out.push(' ');
        left = &after[close + 1..];
    }
    out.push_str(left);
    Cow::Owned(out)
}

/// The most words a dateline has ([`dateline_date`]).
const DATELINE_MAX_WORDS: usize = 16;

/// Words a dateline may carry besides its date ([`dateline_date`]).
const DATELINE_WORDS: &[&str] = &[
    "published",
    "updated",
    "posted",
    "modified",
    "last",
    "first",
    "date",
    "dated",
    "on",
    "at",
    "and",
    "am",
    "pm",
    "a",
    "p",
    "m",
    "gmt",
    "utc",
    "bst",
    "et",
    "est",
    "edt",
    "ct",
    "cst",
    "cdt",
    "mt",
    "mst",
    "mdt",
    "pt",
    "pst",
    "pdt",
    "cet",
    "cest",
    "eet",
    "eest",
    "ist",
    "jst",
    "aest",
    "aedt",
    "hkt",
    "sgt",
    "local",
    "time",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thur",
    "thurs",
    "fri",
    "sat",
    "sun",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "st",
    "nd",
    "rd",
    "th",
    "of",
];

/// [`parse_date`] of the two most common shapes of metadata dates, read without
/// the regexes: `2025-11-20…` (RFC 3339, ISO 8601) and `26-FEB-1987…` (Reuters).
/// `None` when `s` has neither shape; otherwise what the first matching form of
/// [`METADATA_FORMS`] gives (a day that does not exist gives `Some(None)`).
///
/// Why: one regex search per article showed in profiles of indexing Reuters
/// (4% of extraction), which has short articles. The property test
/// `common_metadata_forms_agree_with_the_regexes` holds it to the regex path.
fn common_metadata_form(b: &[u8]) -> Option<Option<Date>> {
    // A run of ASCII digits from `i`, four at most: its value and where it ends.
    // A run shorter than four is the whole run.
    let digits = |i: usize| {
        let mut j = i;
        let mut n: i16 = 0;
        while j < b.len() && b[j].is_ascii_digit() && j - i < 4 {
            n = n * 10 + i16::from(b[j] - b'0');
            j += 1;
        }
        (n, j)
    };
    let (first, i) = digits(0);
    if i == 4 {
        // yyyy-m-d, "-", "/" or "." between (the first form).
        let sep = |c: u8| matches!(c, b'-' | b'/' | b'.');
        if !b.get(4).is_some_and(|&c| sep(c)) {
            return None;
        }
        let (month, j) = digits(5);
        if !(1..=2).contains(&(j - 5)) || !b.get(j).is_some_and(|&c| sep(c)) {
            return None;
        }
        let (day, k) = digits(j + 1);
        if !(1..=2).contains(&(k - j - 1)) {
            return None;
        }
        return Some(make_date(first, month, day));
    }
    // d-MON-yyyy, a three-letter month (the third form).
    if !(1..=2).contains(&i) || b.get(i) != Some(&b'-') {
        return None;
    }
    let name = b.get(i + 1..i + 4)?;
    if !name.iter().all(u8::is_ascii_alphabetic) || b.get(i + 4) != Some(&b'-') {
        return None;
    }
    let month = month_number(std::str::from_utf8(name).ok()?)?;
    let (year, j) = digits(i + 5);
    // The year ends at the end of the string or before something not a digit.
    if j - i - 5 != 4 || b.get(j).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    Some(make_date(year, month, first))
}

/// [`parse_date`] by the regexes of [`METADATA_FORMS`], then by [`scan`].
fn parse_date_by_regex(s: &str) -> Option<Date> {
    let s = match WEEKDAY_PREFIX.find(s) {
        Some(m) => &s[m.end()..],
        None => s,
    };
    for (re, order) in METADATA_FORMS.iter() {
        if let Some(c) = re.captures(s) {
            // The shape is recognised: a bad day is an answer, not a reason to
            // look further and find some other date later in the string.
            return order.date(&c);
        }
    }
    scan(s).into_iter().find_map(|m| match m.kind {
        Kind::Full(d) => Some(d),
        _ => None,
    })
}

/// Publication date inferred from article text (first paragraphs matter most) when metadata has none.
/// `reference` resolves year-less dates.
///
/// In order of trust, each searched paragraph by paragraph from the first:
/// 1. a full date with a year ("November 20, 2025", "2025-11-20");
/// 2. weekday, month and day without a year ("on Thursday, November 20"):
///    the year, within six of the reference year, in which that day falls on
///    that weekday, nearest the reference date;
/// 3. month and day alone (a dateline "Feb 26 -"): the occurrence nearest the
///    reference date, from the year before to the year after it.
///
/// Relative words ("yesterday") are ignored: without the publication date they
/// say nothing.
pub fn infer_date(paragraphs: &[&str], reference: Date) -> Option<Date> {
    ArticleDates::new(paragraphs).infer_date(reference)
}

/// [`infer_date`] and [`mentioned_dates`] for the paragraphs of one article, sharing
/// the work: each paragraph's [`Hints`] are computed once, and a scan made to infer
/// the date serves for the paragraph's mentions too when no other pattern could
/// match there.
pub struct ArticleDates<'a> {
    paragraphs: &'a [&'a str],
    /// Each paragraph's hints, and where its [`Hints::with_words`] words are in `words`.
    hints: Vec<Option<(Hints, Span)>>,
    /// The words of every paragraph whose hints are known, one after the other: one
    /// vector for the article rather than one per paragraph, each allocated and grown.
    words: Vec<(Span, HintWord)>,
    /// Scans made by [`Self::infer_date`], with [`Hints::days_only`].
    days: Vec<Option<Vec<Mention>>>,
}

impl<'a> ArticleDates<'a> {
    pub fn new(paragraphs: &'a [&'a str]) -> ArticleDates<'a> {
        ArticleDates {
            paragraphs,
            hints: vec![None; paragraphs.len()],
            words: Vec::new(),
            days: vec![None; paragraphs.len()],
        }
    }

    /// [`Self::new`] with each paragraph's hints already gathered, in order, by
    /// another scan of its words ([`TextHints`], from the topic scan): the paragraphs
    /// are then not read again for them.
    pub(crate) fn with_hints(
        paragraphs: &'a [&'a str],
        gathered: impl IntoIterator<Item = TextHints>,
    ) -> ArticleDates<'a> {
        let mut dates = ArticleDates::new(paragraphs);
        for (i, text) in gathered.into_iter().enumerate().take(paragraphs.len()) {
            let start = dates.words.len();
            dates.words.extend(text.words);
            dates.hints[i] = Some((text.hints, (start, dates.words.len())));
        }
        dates
    }

    /// The hints of paragraph `i`, and where its words are in `self.words`.
    fn hints(&mut self, i: usize) -> (Hints, Span) {
        if let Some(known) = self.hints[i] {
            return known;
        }
        let start = self.words.len();
        let hints = Hints::with_words(self.paragraphs[i], &mut self.words);
        let known = (hints, (start, self.words.len()));
        self.hints[i] = Some(known);
        known
    }

    /// [`infer_date`] of the paragraphs.
    pub fn infer_date(&mut self, reference: Date) -> Option<Date> {
        // Only full, weekday-month-day and month-day dates are used here, so only
        // their patterns run; a paragraph with a full date ends the search, since
        // a full date anywhere beats the other kinds.
        let mut scanned = 0;
        for i in 0..self.paragraphs.len() {
            let (hints, (start, end)) = self.hints(i);
            let found = scan_with(
                self.paragraphs[i],
                hints.days_only(),
                &self.words[start..end],
            );
            if let Some(d) = found.iter().find_map(|m| match m.kind {
                Kind::Full(d) => Some(d),
                _ => None,
            }) {
                self.days[i] = Some(found);
                return Some(d);
            }
            self.days[i] = Some(found);
            scanned = i + 1;
        }
        let all = || self.days[..scanned].iter().flatten().flatten();
        all()
            .find_map(|m| match m.kind {
                Kind::WeekdayMonthDay(w, month, day) => {
                    nearest_with_weekday(month, day, w, reference)
                }
                _ => None,
            })
            .or_else(|| {
                all().find_map(|m| match m.kind {
                    Kind::MonthDay(month, day) => nearest(month, day, reference),
                    _ => None,
                })
            })
    }

    /// [`mentioned_dates`] of paragraph `i`.
    pub fn mentioned_dates(&mut self, i: usize, published: Date) -> Vec<Date> {
        let (hints, (start, end)) = self.hints(i);
        // Without a weekday, relative day or period, the days-only scan is the scan.
        let found = match self.days[i].take() {
            Some(found) if !hints.beyond_days() => found,
            // The days-only scan's mentions outrank all the others, so adding the
            // others' matches to them and settling overlaps again gives what the
            // whole scan would (and the day patterns do not run twice).
            Some(mut found) => {
                found.extend(found_with(
                    self.paragraphs[i],
                    hints.beyond_only(),
                    &self.words[start..end],
                ));
                keep_first(found)
            }
            _ => scan_with(self.paragraphs[i], hints, &self.words[start..end]),
        };
        resolve_mentions(found, published)
    }
}

/// Dates a passage speaks of, resolved against the publication date, sorted, deduplicated.
///
/// Year-less dates take the occurrence nearest `published` (with a weekday:
/// the nearest year where the weekday fits). See the module doc for the
/// meaning given to relative expressions.
pub fn mentioned_dates(text: &str, published: Date) -> Vec<Date> {
    resolve_mentions(scan(text), published)
}

/// The days of `found`, resolved against the publication date, sorted, deduplicated.
fn resolve_mentions(found: Vec<Mention>, published: Date) -> Vec<Date> {
    let mut dates: Vec<Date> = found
        .into_iter()
        .filter_map(|m| m.kind.resolve(published))
        .collect();
    dates.sort_unstable();
    dates.dedup();
    dates
}

/// Parse a user filter bound: "YYYY", "YYYY-MM" or "YYYY-MM-DD" → (first day, last day) of that period.
pub fn parse_filter_period(s: &str) -> Result<(Date, Date), DateFilterError> {
    let err = || DateFilterError {
        input: s.to_owned(),
    };
    let c = FILTER_PERIOD.captures(s.trim()).ok_or_else(err)?;
    let year: i16 = c[1].parse().map_err(|_| err())?;
    let month = c
        .get(2)
        .map(|m| m.as_str().parse::<i8>())
        .transpose()
        .map_err(|_| err())?;
    let day = c
        .get(3)
        .map(|m| m.as_str().parse::<i8>())
        .transpose()
        .map_err(|_| err())?;
    match (month, day) {
        (None, _) => {
            let first = Date::new(year, 1, 1).map_err(|_| err())?;
            Ok((first, first.last_of_year()))
        }
        (Some(month), None) => {
            let first = Date::new(year, month, 1).map_err(|_| err())?;
            Ok((first, first.last_of_month()))
        }
        (Some(month), Some(day)) => {
            let d = Date::new(year, month, day).map_err(|_| err())?;
            Ok((d, d))
        }
    }
}

/// A date filter bound that is not a year, a month or a day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateFilterError {
    input: String,
}

impl DateFilterError {
    /// The text the user gave.
    pub fn input(&self) -> &str {
        &self.input
    }
}

impl fmt::Display for DateFilterError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "expected YYYY, YYYY-MM or YYYY-MM-DD, got '{}'",
            self.input
        )
    }
}

impl std::error::Error for DateFilterError {}

// ---------------------------------------------------------------------------
// Patterns

const MONTH: &str = r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?";
/// Full names only in running text: "Sat", "Wed" and "Sun" are words too.
const WEEKDAY: &str = r"monday|tuesday|wednesday|thursday|friday|saturday|sunday";
const WEEKDAY_ABBR: &str = r"mon|tues?|wed|thu(?:rs?)?|fri|sat|sun";
/// A year must not run on into more digits ("20251" is not 2025).
const YEAR_END: &str = r"(?:[^0-9]|$)";

fn re(pattern: &str) -> Regex {
    // The patterns are constants of this module; a failure is a bug caught by
    // the first test that runs.
    Regex::new(pattern).expect("date pattern compiles")
}

static WEEKDAY_PREFIX: LazyLock<Regex> =
    LazyLock::new(|| re(&format!(r"^(?i)(?:{WEEKDAY}|{WEEKDAY_ABBR})\b\.?,?\s*")));

static FILTER_PERIOD: LazyLock<Regex> =
    LazyLock::new(|| re(r"^([0-9]{4})(?:-([0-9]{1,2})(?:-([0-9]{1,2}))?)?$"));

/// How the capture groups of a metadata form map to year, month and day.
enum FieldOrder {
    /// Groups: year, month number, day.
    Ymd,
    /// Groups: day, month name, year.
    DayMonthName,
    /// Groups: month name, day, year.
    MonthNameDay,
    /// Groups: day, month number, year.
    Dmy,
    /// Groups: a, b, year, where one of a and b is a day over 12.
    Slashed,
}

impl FieldOrder {
    fn date(&self, c: &Captures<'_>) -> Option<Date> {
        let num = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<i16>().ok());
        let name = |i: usize| c.get(i).and_then(|m| month_number(m.as_str()));
        let (y, m, d) = match self {
            FieldOrder::Ymd => (num(1)?, num(2)?, num(3)?),
            FieldOrder::DayMonthName => (num(3)?, name(2)?, num(1)?),
            FieldOrder::MonthNameDay => (num(3)?, name(1)?, num(2)?),
            FieldOrder::Dmy => (num(3)?, num(2)?, num(1)?),
            FieldOrder::Slashed => {
                let (a, b) = (num(1)?, num(2)?);
                match (a > 12, b > 12) {
                    (true, false) => (num(3)?, b, a),
                    (false, true) => (num(3)?, a, b),
                    // 03/04/2025 is April in London and March in New York.
                    _ => return None,
                }
            }
        };
        make_date(y, m, d)
    }
}

/// Forms for metadata, anchored at the start and tried in order.
static METADATA_FORMS: LazyLock<Vec<(Regex, FieldOrder)>> = LazyLock::new(|| {
    vec![
        // RFC 3339, ISO 8601, 2025/11/20: the time and offset after it are ignored.
        (
            re(&format!(
                r"^([0-9]{{4}})[-/.]([0-9]{{1,2}})[-/.]([0-9]{{1,2}}){YEAR_END}"
            )),
            FieldOrder::Ymd,
        ),
        // Basic ISO 8601: 20251120 or 20251120T140300Z.
        (
            re(r"^([0-9]{4})([0-9]{2})([0-9]{2})(?:[Tt]|\s|$)"),
            FieldOrder::Ymd,
        ),
        // RFC 2822 (weekday already gone), Reuters 26-FEB-1987, 20 November 2025.
        (
            re(&format!(
                r"^(?i)([0-9]{{1,2}})(?:st|nd|rd|th)?[-\s.]*(?:of\s+)?({MONTH})\b\.?[-\s,]*([0-9]{{4}}){YEAR_END}"
            )),
            FieldOrder::DayMonthName,
        ),
        // November 20, 2025; Nov. 20 2025; November 20th, 2025.
        (
            re(&format!(
                r"^(?i)({MONTH})\b\.?[-\s]*([0-9]{{1,2}})(?:st|nd|rd|th)?\b[\s,]*([0-9]{{4}}){YEAR_END}"
            )),
            FieldOrder::MonthNameDay,
        ),
        (
            re(&format!(
                r"^([0-9]{{1,2}})\.([0-9]{{1,2}})\.([0-9]{{4}}){YEAR_END}"
            )),
            FieldOrder::Dmy,
        ),
        (
            re(&format!(
                r"^([0-9]{{1,2}})/([0-9]{{1,2}})/([0-9]{{4}}){YEAR_END}"
            )),
            FieldOrder::Slashed,
        ),
    ]
});

/// Month name first, optional weekday before, optional year after:
/// "Thursday (November 20)", "Nov. 3", "November 20, 2025".
static MONTH_DAY: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)\b(?:({WEEKDAY})\b,?\s*\(?\s*)?({MONTH})\b\.?\s+([0-9]{{1,2}})(?:st|nd|rd|th)?\b\)?(?:,?\s+([0-9]{{4}})\b)?"
    ))
});

/// Day first: "20 November 2025", "Thursday, 20th November", "the 3rd of March".
static DAY_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)\b(?:({WEEKDAY})\b,?\s+(?:the\s+)?)?([0-9]{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({MONTH})\b\.?(?:,?\s+([0-9]{{4}})\b)?"
    ))
});

static ISO_DAY: LazyLock<Regex> = LazyLock::new(|| re(r"\b([0-9]{4})-([0-9]{2})-([0-9]{2})\b"));

static MONTH_YEAR: LazyLock<Regex> =
    LazyLock::new(|| re(&format!(r"(?i)\b({MONTH})\b\.?,?\s+([0-9]{{4}})\b")));

static RELATIVE_DAY: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\b(today|tonight|yesterday|tomorrow)\b"));

static RELATIVE_PERIOD: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\b(last|this|next)\s+(week|month|year)\b"));

static BARE_WEEKDAY: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)\b(?:(last|past|next|this|coming)\s+)?({WEEKDAY})\b"
    ))
});

/// A number right after a month is a quantity, not a day: "in March 10 pct".
static QUANTITY_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^\s*(?:%|pct\b|percent\b|per\s+cent\b|mln\b|million\b|billion\b|bln\b|dlrs?\b|dollars?\b|points?\b|cts\b|cents?\b|tonnes?\b)",
    )
});

/// Weekdays that are part of a name: "Good Friday", "Man Friday".
const NAME_BEFORE_WEEKDAY: &[&str] = &[
    "good", "black", "ash", "super", "bloody", "holy", "maundy", "palm", "easter", "cyber",
    "giving", "shrove", "whit", "fat", "low", "blue", "man", "girl",
];
/// Weekdays that start a name: "Sunday Times", "Sunday School".
const NAME_AFTER_WEEKDAY: &[&str] = &[
    "times",
    "telegraph",
    "express",
    "mirror",
    "herald",
    "post",
    "mail",
    "independent",
    "tribune",
    "sport",
    "people",
    "school",
    "club",
];

// ---------------------------------------------------------------------------
// Scanning text

/// A date expression found in text, before it is resolved to a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Full(Date),
    WeekdayMonthDay(Weekday, i8, i8),
    MonthDay(i8, i8),
    MonthYear(i16, i8),
    /// Days from the publication date: today, yesterday, tomorrow.
    DayOffset(i8),
    /// The week, month or year before (-1), of (0) or after (1) publication.
    Week(i8),
    Month(i8),
    Year(i8),
    Weekday(WeekdayRule, Weekday),
    /// A month without a day or year ("in March"): which one (`None`: the one in the
    /// publication year, "this March"), and its number.
    BareMonth(Option<WeekdayRule>, i8),
    /// "N units ago".
    Ago(AgoUnit, i16),
    /// A year alone ("in 2019").
    CalendarYear(i16),
    /// Looks like a date but names no real day ("February 30, 2025"). Kept so
    /// that its parts are not read again as some other date.
    Invalid,
}

/// The unit of "N units ago".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AgoUnit {
    Day,
    Week,
    Month,
    Year,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum WeekdayRule {
    OnOrBefore,
    Before,
    After,
    OnOrAfter,
}

#[derive(Debug, Clone, Copy)]
struct Mention {
    start: usize,
    end: usize,
    kind: Kind,
}

impl Kind {
    /// Lower wins when two expressions overlap: a full date beats the month
    /// and year inside it, which beat a bare weekday.
    fn priority(self) -> u8 {
        match self {
            Kind::Full(_) => 0,
            Kind::WeekdayMonthDay(..) => 1,
            Kind::MonthDay(..) | Kind::Invalid => 2,
            Kind::MonthYear(..) => 3,
            Kind::DayOffset(_)
            | Kind::Week(_)
            | Kind::Month(_)
            | Kind::Year(_)
            | Kind::BareMonth(..)
            | Kind::Ago(..)
            | Kind::CalendarYear(_) => 4,
            Kind::Weekday(..) => 5,
        }
    }

    fn resolve(self, published: Date) -> Option<Date> {
        match self {
            Kind::Full(d) => Some(d),
            Kind::WeekdayMonthDay(w, m, d) => nearest_with_weekday(m, d, w, published),
            Kind::MonthDay(m, d) => nearest(m, d, published),
            Kind::MonthYear(y, m) => Date::new(y, m, 1).ok(),
            Kind::DayOffset(n) => published.checked_add(i64::from(n).days()).ok(),
            Kind::Week(n) => {
                let monday = published
                    .tomorrow()
                    .ok()?
                    .nth_weekday(-1, Weekday::Monday)
                    .ok()?;
                monday.checked_add((7 * i64::from(n)).days()).ok()
            }
            Kind::Month(n) => published
                .first_of_month()
                .checked_add(i64::from(n).months())
                .ok(),
            Kind::Year(n) => Date::new(published.year().checked_add(i16::from(n))?, 1, 1).ok(),
            Kind::Weekday(rule, w) => match rule {
                WeekdayRule::OnOrBefore => published.tomorrow().ok()?.nth_weekday(-1, w).ok(),
                WeekdayRule::Before => published.nth_weekday(-1, w).ok(),
                WeekdayRule::After => published.nth_weekday(1, w).ok(),
                WeekdayRule::OnOrAfter => published.yesterday().ok()?.nth_weekday(1, w).ok(),
            },
            Kind::BareMonth(rule, month) => {
                let (year, this) = (published.year(), published.month());
                let year = match rule {
                    Some(WeekdayRule::OnOrBefore) if month > this => year - 1,
                    Some(WeekdayRule::Before) if month >= this => year - 1,
                    Some(WeekdayRule::After) if month <= this => year + 1,
                    Some(WeekdayRule::OnOrAfter) if month < this => year + 1,
                    _ => year,
                };
                Date::new(year, month, 1).ok()
            }
            Kind::Ago(unit, n) => {
                let n = i64::from(n);
                match unit {
                    AgoUnit::Day => published.checked_sub(n.days()).ok(),
                    AgoUnit::Week => published.checked_sub((7 * n).days()).ok(),
                    AgoUnit::Month => published.first_of_month().checked_sub(n.months()).ok(),
                    AgoUnit::Year => {
                        Date::new(published.year().checked_sub(i16::try_from(n).ok()?)?, 1, 1).ok()
                    }
                }
            }
            Kind::CalendarYear(y) => Date::new(y, 1, 1).ok(),
            Kind::Invalid => None,
        }
    }
}

/// Which of the patterns of [`scan`] can match a text at all, from one cheap
/// pass over its bytes. Each flag is a necessary condition of its patterns
/// (with the capitalisation `scan` demands), so skipping a pattern whose
/// flag is off never loses a date; most passages have no date to find.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Hints {
    /// `dddd-dd-dd` somewhere (what ISO_DAY needs).
    iso_day: bool,
    /// A capitalised month name or abbreviation as a whole word ("Jan", "MARCH")
    /// with a number next to it, as MONTH_DAY, DAY_MONTH and MONTH_YEAR need
    /// (see [`number_next_to`]).
    month_number: bool,
    /// A capitalised weekday name as a whole word ("Thursday").
    weekday: bool,
    /// "today", "tonight", "tomorrow" or "yesterday" in any case.
    relative_day: bool,
    /// "week", "month" or "year" in any case, the word after "last",
    /// "this" or "next".
    period: bool,
    /// "ago" in any case.
    ago: bool,
    /// A capitalised month name after a word that can make it a month alone
    /// ([`month_alone_hint`]).
    month_bare: bool,
    /// Exactly four digits starting 19 or 20, no digit on either side, after a word that
    /// can make it a year alone ([`year_hint`]).
    year: bool,
}

impl Hints {
    #[cfg(test)]
    fn of(text: &str) -> Hints {
        Hints::with_words(text, &mut Vec::new())
    }

    /// The hints of `text`, and added to `words` every run of ASCII letters that is one of
    /// [`HINT_GROUPS`]' words (capitalised or not): a superset of the whole words
    /// the patterns are anchored on, which [`scan_in`] narrows down (see
    /// [`date_words`]). Collected here, where the runs are found anyway.
    fn with_words(text: &str, words: &mut Vec<(Span, HintWord)>) -> Hints {
        // `(?i)` lets the Kelvin sign match "k" and the long s match "s": a text
        // with either runs every pattern rather than reason about them.
        if !text.is_ascii() && text.contains(['\u{212A}', '\u{017F}']) {
            return Hints::ALL;
        }
        let b = text.as_bytes();
        let mut h = Hints::NONE;
        // Where the last run of letters that was "last", "this" or "next" ended.
        let mut which_end = None;
        // Whether the previous block ended with a digit, and with a letter.
        let mut digit_carry = 0u64;
        let mut letter_carry = 0u64;
        // Each block's masks are computed one block ahead: a run of letters near the
        // end of a block is measured on the letters of both.
        let mut blocks = b.chunks(64);
        let mut next = blocks.next().map_or((0, 0), block_masks);
        for base in (0..b.len()).step_by(64) {
            let (letters, digits) = next;
            next = blocks.next().map_or((0, 0), block_masks);
            if digits != 0 {
                // An ISO day starts at a digit that follows no digit, and begins
                // with exactly four digits (which the last four bytes of the block
                // cannot tell: those are checked in full).
                let starts = digits & !(digits << 1 | digit_carry);
                let four = (digits >> 1) & (digits >> 2) & (digits >> 3) & !(digits >> 4);
                let starts = starts & (four | 0xF << 60);
                let mut iso = starts;
                while iso != 0 && !h.iso_day {
                    h.iso_day = iso_day_at(b, base + iso.trailing_zeros() as usize);
                    iso &= iso - 1;
                }
                let mut years = starts;
                while years != 0 && !h.year {
                    h.year = year_hint(b, base + years.trailing_zeros() as usize);
                    years &= years - 1;
                }
            }
            digit_carry = digits >> 63;
            // Only runs of a length some hint word has are looked at: most runs are
            // shorter or longer ("a", "of", "government"), and telling them apart
            // here, for all the block's runs at once, spares each of them the loop.
            let window = u128::from(letters) | u128::from(next.0) << 64;
            let starts = letters & !(letters << 1 | letter_carry);
            letter_carry = letters >> 63;
            let mut runs = starts
                & runs_of_at_least(window, HINT_LEN_MIN as u32) as u64
                & !(runs_of_at_least(window, HINT_LEN_MAX as u32 + 1) as u64);
            while runs != 0 {
                let s = runs.trailing_zeros();
                runs &= runs - 1;
                // The run is at most HINT_LEN_MAX letters: all of them are in the window.
                // (`s & 63` is `s`, and tells the compiler that the shift needs no
                // check for a shift by 64 or more.)
                let len = ((window >> (s & 63)) as u64).trailing_ones();
                let start = base + s as usize;
                h.word(b, start, start + len as usize, &mut which_end, words);
            }
        }
        h
    }

    /// Takes in the run of ASCII letters `b[start..end]`, of a length some hint word
    /// has. `which_end` is where the last run that was "last", "this" or "next" ended,
    /// and is set when this run is one.
    #[inline(always)]
    fn word(
        &mut self,
        b: &[u8],
        start: usize,
        end: usize,
        which_end: &mut Option<usize>,
        words: &mut Vec<(Span, HintWord)>,
    ) {
        // The names the patterns look for are ASCII and end at a word boundary,
        // which a run has only at its ends, so a name has to be the whole run.
        if let Some(hint) = hint_word(&b[start..end]) {
            self.take(hint, b, start, end, which_end, words);
        }
    }

    /// [`Self::word`] of a run known to be the hint word `hint`.
    #[inline(always)]
    fn take(
        &mut self,
        hint: HintWord,
        b: &[u8],
        start: usize,
        end: usize,
        which_end: &mut Option<usize>,
        words: &mut Vec<(Span, HintWord)>,
    ) {
        words.push(((start, end), hint));
        // Month and weekday names count only when capitalised.
        let cap = b[start].is_ascii_uppercase();
        match hint {
            HintWord::Month => {
                self.month_number |= cap && number_next_to(b, start, end);
                self.month_bare |= cap && month_alone_hint(b, start);
            }
            HintWord::Ago => self.ago = true,
            HintWord::Weekday => self.weekday |= cap,
            HintWord::RelativeDay => self.relative_day = true,
            // The unit has to be the next run of letters after "last", "this" or
            // "next" (runs of other lengths are not seen here: they are looked
            // for in between). Once looked at, the "last" is behind other runs.
            HintWord::Unit => {
                self.period |= which_end
                    .take()
                    .is_some_and(|e| !b[e..start].iter().any(u8::is_ascii_alphabetic));
            }
            HintWord::Which => *which_end = Some(end),
        }
    }

    const NONE: Hints = Hints {
        iso_day: false,
        month_number: false,
        weekday: false,
        relative_day: false,
        period: false,
        ago: false,
        month_bare: false,
        year: false,
    };

    const ALL: Hints = Hints {
        iso_day: true,
        month_number: true,
        weekday: true,
        relative_day: true,
        period: true,
        ago: true,
        month_bare: true,
        year: true,
    };

    /// Only the patterns [`infer_date`] needs: dates with a month and a day.
    fn days_only(self) -> Hints {
        Hints {
            weekday: false,
            relative_day: false,
            period: false,
            ago: false,
            month_bare: false,
            year: false,
            ..self
        }
    }

    /// Only the patterns [`Self::days_only`] leaves out.
    fn beyond_only(self) -> Hints {
        Hints {
            iso_day: false,
            month_number: false,
            ..self
        }
    }

    /// Whether a pattern outside [`Self::days_only`] may match.
    fn beyond_days(self) -> bool {
        self.weekday || self.relative_day || self.period || self.ago || self.month_bare || self.year
    }
}

/// The [`Hints`] of a text and its hint words, as [`Hints::with_words`] gives them,
/// gathered by [`HintCollector`].
#[derive(Debug, Clone)]
pub(crate) struct TextHints {
    hints: Hints,
    words: Vec<(Span, HintWord)>,
}

/// [`Hints::with_words`] fed by another scan of the text's words: the topic scan
/// (`topic::TopicLexicon::words_with_date_hints`) reads every word of every passage
/// anyway, and reading the text a second time here, block by block, took 8% of
/// extraction (callgrind, Reuters). The scan hands over its stretches (maximal
/// runs of ASCII letters, digits and apostrophes and of non-ASCII bytes), in
/// order: every run of ASCII letters or digits lies inside one of them, so the
/// runs, and the hints, are those `with_words` finds.
pub(crate) struct HintCollector<'t> {
    text: &'t [u8],
    table: &'static HintTable,
    hints: Hints,
    /// As in [`Hints::with_words`].
    which_end: Option<usize>,
    words: Vec<(Span, HintWord)>,
    /// The text holds a character that makes [`Hints::with_words`] give [`Hints::ALL`].
    all: bool,
}

/// [`HINT_WORDS`] as a table of 256 slots, each hint word alone in its slot: a
/// lookup is a multiply, one slot read and a compare, where a `HashMap` lookup and
/// the filters before it (as [`hint_word`] does) took 30 instructions.
pub(crate) struct HintTable {
    /// The multiplier that gives each hint word a slot of its own.
    mul: u64,
    /// The key (as [`pack_lowercase`] packs it) and the hint word of each slot;
    /// key 0, of no word, in the empty ones.
    slots: Box<[(u128, HintWord); 256]>,
}

impl HintTable {
    #[inline(always)]
    fn slot(key: u128, mul: u64) -> usize {
        let (lo, hi) = (key as u64, (key >> 64) as u64);
        ((lo ^ hi.rotate_left(29)).wrapping_mul(mul) >> 56) as usize
    }

    /// The hint word whose key is `key`, if any.
    #[inline(always)]
    fn get(&self, key: u128) -> Option<HintWord> {
        let (k, hint) = self.slots[Self::slot(key, self.mul)];
        (k == key).then_some(hint)
    }
}

static HINT_TABLE: LazyLock<HintTable> = LazyLock::new(|| {
    let keys: Vec<(u128, HintWord)> = HINT_WORDS.iter().map(|(&k, &h)| (k, h)).collect();
    // Odd multipliers in turn until one sends no two words to the same slot
    // (with 46 words in 256 slots, a few tries).
    let mut mul: u64 = 0x9E37_79B9_7F4A_7C15;
    loop {
        let mut slots = Box::new([(0u128, HintWord::Month); 256]);
        let mut ok = true;
        for &(k, h) in &keys {
            let slot = &mut slots[HintTable::slot(k, mul)];
            if slot.0 != 0 {
                ok = false;
                break;
            }
            *slot = (k, h);
        }
        if ok {
            return HintTable { mul, slots };
        }
        mul = mul
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407)
            | 1;
    }
});

/// Bit 5 of each byte of a `u64`: set in each byte of a word's key, and in no byte
/// of its zero padding.
const KEY_BYTE: u64 = 0x2020_2020_2020_2020;

impl<'t> HintCollector<'t> {
    pub(crate) fn new(text: &'t str) -> HintCollector<'t> {
        HintCollector {
            text: text.as_bytes(),
            table: &HINT_TABLE,
            hints: Hints::NONE,
            which_end: None,
            words: Vec::new(),
            // Such a character is non-ASCII, so in a stretch of its own kind: found by
            // [`Self::stretch`], rather than by a pass over every text here.
            all: false,
        }
    }

    /// The word `text[start..end]`, the whole of its stretch, of ASCII letters, digits
    /// and inner apostrophes, of at most 16 bytes, whose bytes with bit 5 set are
    /// `key` (the topic memo's key): most words are letters only, and one run.
    ///
    /// Inlined into the scan: it runs for every word, and a call cost more than its
    /// work.
    #[inline(always)]
    pub(crate) fn plain(&mut self, start: usize, end: usize, key: u128) {
        // Shorter words ("a", "of", "10") hold no hint word, which has three letters
        // at least, nor an ISO day, whose four digits the stretch would end with.
        if end - start < HINT_LEN_MIN {
            return;
        }
        // In a key, a letter is 0x61 to 0x7A, a digit 0x30 to 0x39, an apostrophe
        // 0x27, the padding 0: the bytes with bit 5 set and bit 6 clear are the
        // word's digits and apostrophes.
        let (lo, hi) = (key as u64, (key >> 64) as u64);
        let others = (lo & !(lo >> 1) | hi & !(hi >> 1)) & KEY_BYTE;
        if others != 0 {
            self.stretch(start, end);
            return;
        }
        // A word of letters is the run; its key is what [`pack_lowercase`] gives it.
        if (HINT_LEN_MIN..=HINT_LEN_MAX).contains(&(end - start))
            && let Some(hint) = self.table.get(key)
        {
            self.hints.take(
                hint,
                self.text,
                start,
                end,
                &mut self.which_end,
                &mut self.words,
            );
        }
    }

    /// Any stretch `text[start..end]`: its runs of ASCII letters and of digits, byte
    /// by byte.
    pub(crate) fn stretch(&mut self, start: usize, end: usize) {
        let b = self.text;
        let mut i = start;
        while i < end {
            let c = b[i];
            if c.is_ascii_alphabetic() {
                let run = i;
                while i < end && b[i].is_ascii_alphabetic() {
                    i += 1;
                }
                if (HINT_LEN_MIN..=HINT_LEN_MAX).contains(&(i - run)) {
                    self.hints
                        .word(b, run, i, &mut self.which_end, &mut self.words);
                }
            } else if c.is_ascii_digit() {
                // A run of digits starts here (the byte before the stretch is no digit).
                if !self.hints.iso_day {
                    self.hints.iso_day = iso_day_at(b, i);
                }
                if !self.hints.year {
                    self.hints.year = year_hint(b, i);
                }
                while i < end && b[i].is_ascii_digit() {
                    i += 1;
                }
            } else {
                // The Kelvin sign and the long s, which `with_words` answers with
                // `Hints::ALL`.
                let rest = &b[i..end];
                self.all |= rest.starts_with("\u{212A}".as_bytes())
                    || rest.starts_with("\u{017F}".as_bytes());
                i += 1;
            }
        }
    }

    pub(crate) fn finish(self) -> TextHints {
        if self.all {
            return TextHints {
                hints: Hints::ALL,
                words: Vec::new(),
            };
        }
        TextHints {
            hints: self.hints,
            words: self.words,
        }
    }
}

/// What a word tells [`Hints::of`].
#[derive(Debug, Clone, Copy, PartialEq)]
enum HintWord {
    Ago,
    Month,
    Weekday,
    RelativeDay,
    /// week, month, year
    Unit,
    /// last, this, next
    Which,
}

/// Lengths of the shortest and longest words in [`HINT_WORDS`].
const HINT_LEN_MIN: usize = 3;
const HINT_LEN_MAX: usize = 9;

/// Every word [`Hints::of`] looks for, lowercase, by what it tells.
const HINT_GROUPS: [(&str, HintWord); 6] = [
    (
        "jan january feb february mar march apr april may jun june jul july aug august \
         sep sept september oct october nov november dec december",
        HintWord::Month,
    ),
    (
        "monday tuesday wednesday thursday friday saturday sunday",
        HintWord::Weekday,
    ),
    ("today tonight tomorrow yesterday", HintWord::RelativeDay),
    ("week month year", HintWord::Unit),
    ("last this next", HintWord::Which),
    ("ago", HintWord::Ago),
];

/// Two cheap necessary conditions that spare most words the hash lookup: for
/// each pair of letters (see [`letter_pair`]), the lengths of the words of
/// [`HINT_GROUPS`] that start with that pair, and the lengths of those that start
/// with the first letter of the pair and end with the second, as bits. ("that",
/// "just" and "were" pass the first but not the second.)
static HINT_FILTERS: [[u16; 32 * 32]; 2] = hint_filters();

const fn hint_filters() -> [[u16; 32 * 32]; 2] {
    let mut tables = [[0u16; 32 * 32]; 2];
    let mut g = 0;
    while g < HINT_GROUPS.len() {
        let list = HINT_GROUPS[g].0.as_bytes();
        let mut start = 0;
        while start < list.len() {
            let mut end = start;
            while end < list.len() && list[end] != b' ' {
                end += 1;
            }
            if end > start {
                let len = end - start;
                tables[0][letter_pair(list[start], list[start + 1])] |= 1 << len;
                tables[1][letter_pair(list[start], list[end - 1])] |= 1 << len;
            }
            start = end + 1;
        }
        g += 1;
    }
    tables
}

/// Two letters as an index below 32 * 32, the same in either case: the low five
/// bits of an ASCII letter are its place in the alphabet (1 to 26) in both cases.
/// Masked rather than subtracted and multiplied, so that the index needs no bounds
/// check and costs two instructions fewer on every word [`hint_word`] looks at.
#[inline(always)]
const fn letter_pair(first: u8, second: u8) -> usize {
    ((first & 0x1F) as usize) << 5 | (second & 0x1F) as usize
}

/// Every word [`Hints::of`] looks for, packed by [`pack_lowercase`].
static HINT_WORDS: LazyLock<HashMap<u128, HintWord, FastHash>> = LazyLock::new(|| {
    HINT_GROUPS
        .iter()
        .flat_map(|(list, kind)| {
            list.split_whitespace().map(|w| {
                assert!((HINT_LEN_MIN..=HINT_LEN_MAX).contains(&w.len()));
                (pack_lowercase(w.as_bytes()), *kind)
            })
        })
        .collect()
});

/// A word of at most 16 ASCII letters as one number, lowercased, so that looking
/// it up compares integers; longer words (none of ours) pack to 0.
fn pack_lowercase(word: &[u8]) -> u128 {
    // Setting bit 5 of each letter lowercases it; the padding stays zero.
    let Some(k) = pack16(word) else { return 0 };
    let letters = u128::MAX
        .checked_shr(8 * (16 - word.len() as u32))
        .unwrap_or(0);
    k | (letters & 0x2020_2020_2020_2020_2020_2020_2020_2020)
}

/// Whether the month name at `b[start..end]` has a number next to it, as the
/// patterns with a month and a day or year need: after it, past an optional "."
/// and "," and space ("Nov. 3", "March, 2024"), or before it, past space, an
/// optional "of" and an ordinal suffix ("20 November", "the 3rd of March").
///
/// Looser than the patterns, never stricter: any non-ASCII byte counts as space,
/// since `\s` takes in no-break and other Unicode spaces.
fn number_next_to(b: &[u8], start: usize, end: usize) -> bool {
    let space = |c: u8| matches!(c, b' ' | b'\t'..=b'\r') || !c.is_ascii();
    let mut i = end;
    if b.get(i) == Some(&b'.') {
        i += 1;
    }
    if b.get(i) == Some(&b',') {
        i += 1;
    }
    while b.get(i).is_some_and(|&c| space(c)) {
        i += 1;
    }
    if b.get(i).is_some_and(u8::is_ascii_digit) {
        return true;
    }
    let mut j = start;
    let skip_space = |mut j: usize| {
        while j > 0 && space(b[j - 1]) {
            j -= 1;
        }
        j
    };
    let ends_with = |j: usize, w: &[u8]| j >= 2 && b[j - 2..j].eq_ignore_ascii_case(w);
    j = skip_space(j);
    if ends_with(j, b"of") {
        j = skip_space(j - 2);
    }
    if [b"st", b"nd", b"rd", b"th"]
        .iter()
        .any(|w| ends_with(j, *w))
    {
        j -= 2;
    }
    j > 0 && b[j - 1].is_ascii_digit()
}

/// What the run of letters `run` tells [`Hints::of`], if it is one of its words.
#[inline]
fn hint_word(run: &[u8]) -> Option<HintWord> {
    // Most runs are too short or too long to be one of the words, nor do most
    // pass the filters.
    let n = run.len();
    if !(HINT_LEN_MIN..=HINT_LEN_MAX).contains(&n) {
        return None;
    }
    if HINT_FILTERS[0][letter_pair(run[0], run[1])]
        & HINT_FILTERS[1][letter_pair(run[0], run[n - 1])]
        & (1 << n)
        == 0
    {
        return None;
    }
    HINT_WORDS.get(&pack_lowercase(run)).copied()
}

/// The bits of `bits` that start a run of at least `n` set bits (`n` > 0): bit `i`
/// is set when bits `i..i + n` all are. Runs reaching past the top end there.
///
/// By doubling: after `acc &= acc >> step`, where `acc` told runs of `have` bits and
/// `step <= have`, it tells runs of `have + step`; so ten takes four steps, not nine.
#[inline(always)]
fn runs_of_at_least(bits: u128, n: u32) -> u128 {
    let mut acc = bits;
    let mut have = 1;
    while have < n {
        let step = have.min(n - have);
        acc &= acc >> step;
        have += step;
    }
    acc
}

/// For a block of at most 64 bytes, one bit per byte (bit `i` for byte `i`): which
/// bytes are ASCII letters, and which are ASCII digits.
///
/// The bytes are classified one by one into two byte arrays (the high bit set for
/// the class), which the compiler does 16 bytes at a time in vector registers, and
/// each 8 bytes' high bits are then gathered into 8 bits with one multiply, as the
/// topic scan does (`topic::block_masks`): [`Hints::of`] looks at every byte of every
/// passage, and classifying eight bytes at a time in a `u64` ([`super::byte_classes`]) took
/// 67 instructions a block, 45% of the hint scan; this takes 52 (callgrind, Reuters).
fn block_masks(block: &[u8]) -> (u64, u64) {
    let mut padded = [0u8; 64];
    let block = whole_block(block, &mut padded);
    let mut letter_lanes = [0u8; 64];
    let mut digit_lanes = [0u8; 64];
    for ((letter, digit), &b) in letter_lanes.iter_mut().zip(&mut digit_lanes).zip(block) {
        // Setting bit 5 maps 'A'..='Z' onto 'a'..='z' and no other byte into it
        // (bytes from 0x80 stay at 0xA0 or above).
        *letter = u8::from((b | 0x20).wrapping_sub(b'a') < 26) << 7;
        *digit = u8::from(b.wrapping_sub(b'0') < 10) << 7;
    }
    (gather_lanes(&letter_lanes), gather_lanes(&digit_lanes))
}

/// The high bits of 64 bytes (their only bits) as the bits of a `u64`, byte `i` to
/// bit `i`.
#[inline]
fn gather_lanes(lanes: &[u8; 64]) -> u64 {
    let mut bits = 0;
    for (k, chunk) in lanes.as_chunks::<8>().0.iter().enumerate() {
        bits |= gather_high_bits(u64::from_le_bytes(*chunk)) << (8 * k);
    }
    bits
}

/// The high bit of each byte of `lanes` (its only bits), as 8 bits, byte `i` to bit `i`.
fn gather_high_bits(lanes: u64) -> u64 {
    ((lanes >> 7).wrapping_mul(0x0102_0408_1020_4080)) >> 56
}

/// Whether `b[i..]` starts with `dddd-dd-dd`.
fn iso_day_at(b: &[u8], i: usize) -> bool {
    let Some(s) = b.get(i..i + 10) else {
        return false;
    };
    s.iter().enumerate().all(|(k, c)| {
        if k == 4 || k == 7 {
            *c == b'-'
        } else {
            c.is_ascii_digit()
        }
    })
}

/// For a text with non-ASCII characters, the same text with each of them
/// replaced, byte for byte, by ASCII that the date patterns treat alike: spaces
/// for white space, `_` for word characters (they count for `\b` but are in
/// no pattern), `#` for anything else (not a word character, in no pattern).
/// `None` when `text` is ASCII already, or holds a character that `(?i)` lets
/// match an ASCII letter (the Kelvin sign, the long s), which must stay.
///
/// Why: the regex engine's fast DFA gives up on Unicode word boundaries at the
/// first non-ASCII byte and falls back to a much slower engine over the whole
/// text; on ASCII it never does.
fn ascii_stand_in(text: &str) -> Option<String> {
    if text.is_ascii() || text.contains(['\u{212A}', '\u{017F}']) {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        if c.is_ascii() {
            out.push(c);
            continue;
        }
        let fill = if c.is_whitespace() {
            ' '
        } else if WORD_CHAR.is_match(&text[i..]) {
            '_'
        } else {
            '#'
        };
        out.extend(std::iter::repeat_n(fill, c.len_utf8()));
    }
    Some(out)
}

/// Whether a text starts with what the patterns' `\b` counts as a word character.
static WORD_CHAR: LazyLock<Regex> = LazyLock::new(|| re(r"^\w"));

/// Every date expression in `text`, left to right, without overlaps.
fn scan(text: &str) -> Vec<Mention> {
    let mut words = Vec::new();
    let hints = Hints::with_words(text, &mut words);
    scan_with(text, hints, &words)
}

/// [`scan`], running only the patterns `hints` allows. Overlaps are settled
/// by priority, so leaving out the patterns of lower-priority kinds (as
/// [`Hints::days_only`] does) does not change the higher-priority mentions.
fn scan_with(text: &str, hints: Hints, words: &[(Span, HintWord)]) -> Vec<Mention> {
    keep_first(found_with(text, hints, words))
}

/// Every match of the patterns `hints` allows, overlaps and all.
fn found_with(text: &str, hints: Hints, words: &[(Span, HintWord)]) -> Vec<Mention> {
    if !(hints.month_number || hints.iso_day || hints.beyond_days()) {
        return Vec::new(); // no pattern can match
    }
    // The patterns run on an ASCII stand-in: match offsets are the same, and
    // context around a match is still read from `text`.
    let stand_in = ascii_stand_in(text);
    found_in(text, stand_in.as_deref().unwrap_or(text), hints, words)
}

/// [`scan_with`], the patterns running on `hay`: `text` itself or its
/// [`ascii_stand_in`].
#[cfg(test)]
fn scan_in(text: &str, hay: &str, hints: Hints, words: &[(Span, HintWord)]) -> Vec<Mention> {
    keep_first(found_in(text, hay, hints, words))
}

/// [`found_with`], the patterns running on `hay`.
fn found_in(text: &str, hay: &str, hints: Hints, words: &[(Span, HintWord)]) -> Vec<Mention> {
    let mut found = Vec::new();
    let mut push = |(start, end): Span, kind: Kind| found.push(Mention { start, end, kind });

    // The words the patterns are anchored on, when a pattern runs at all.
    let words = if hints.month_number || hints.beyond_days() {
        whole_words(hay.as_bytes(), words)
    } else {
        Vec::new()
    };
    if hints.month_number {
        let months: Vec<Span> = words
            .iter()
            .filter(|w| matches!(w.1, HintWord::Month))
            .map(|w| w.0)
            .collect();
        for m in month_matches(MonthPattern::MonthDay, hay, &months) {
            let word = |s: Span| &hay[s.0..s.1];
            if !capitalised(word(m.month)) || m.weekday.is_some_and(|w| !capitalised(word(w))) {
                continue;
            }
            if m.year.is_none() && QUANTITY_AFTER.is_match(&hay[m.all.1..]) {
                continue;
            }
            push(m.all, day_kind(hay, &m));
        }
        for m in month_matches(MonthPattern::DayMonth, hay, &months) {
            let word = |s: Span| &hay[s.0..s.1];
            if !capitalised(word(m.month)) || m.weekday.is_some_and(|w| !capitalised(word(w))) {
                continue;
            }
            // "1.5 May" and "$5 March" are amounts.
            if text[..m.all.0].ends_with(['.', ',', '$', '\u{a3}', '\u{20ac}']) {
                continue;
            }
            push(m.all, day_kind(hay, &m));
        }
        for m in month_matches(MonthPattern::MonthYear, hay, &months) {
            let year = m.year.and_then(|y| hay[y.0..y.1].parse::<i16>().ok());
            let month = month_number(&hay[m.month.0..m.month.1]).and_then(|m| i8::try_from(m).ok());
            if let (true, Some(month), Some(y)) = (capitalised(&hay[m.all.0..m.all.1]), month, year)
            {
                push(m.all, Kind::MonthYear(y, month));
            }
        }
    }
    for c in hints
        .iso_day
        .then(|| ISO_DAY.captures_iter(hay))
        .into_iter()
        .flatten()
    {
        let Some(all) = c.get(0) else { continue };
        let num = |i| {
            c.get(i)
                .and_then(|m: Match<'_>| m.as_str().parse::<i16>().ok())
        };
        let kind = match (num(1), num(2), num(3)) {
            (Some(y), Some(m), Some(d)) => make_date(y, m, d).map_or(Kind::Invalid, Kind::Full),
            _ => Kind::Invalid,
        };
        push((all.start(), all.end()), kind);
    }
    for m in hints
        .relative_day
        .then(|| word_matches(WordPattern::RelativeDay, hay, &words))
        .into_iter()
        .flatten()
    {
        let (start, end) = m.all;
        let all = &hay[start..end];
        let kind = match all.to_ascii_lowercase().as_str() {
            "yesterday" => Kind::DayOffset(-1),
            "tomorrow" => Kind::DayOffset(1),
            _ => {
                // USA Today, the Today programme: names, not days.
                let before = text[..start].trim_end();
                let after = text[end..].trim_start().to_ascii_lowercase();
                if before.ends_with("USA")
                    || (all == "Today"
                        && (after.starts_with("show") || after.starts_with("programme")))
                {
                    continue;
                }
                Kind::DayOffset(0)
            }
        };
        push(m.all, kind);
    }
    for m in hints
        .period
        .then(|| word_matches(WordPattern::Period, hay, &words))
        .into_iter()
        .flatten()
    {
        let Some(which) = m.which else { continue };
        let n = match hay[which.0..which.1].to_ascii_lowercase().as_str() {
            "last" => -1,
            "next" => 1,
            _ => 0,
        };
        let kind = match hay[m.word.0..m.word.1].to_ascii_lowercase().as_str() {
            "week" => Kind::Week(n),
            "month" => Kind::Month(n),
            _ => Kind::Year(n),
        };
        push(m.all, kind);
    }
    for m in hints
        .weekday
        .then(|| word_matches(WordPattern::Weekday, hay, &words))
        .into_iter()
        .flatten()
    {
        let day = &hay[m.word.0..m.word.1];
        if !capitalised(day) {
            continue;
        }
        let word_before = last_word(&text[..m.word.0]).to_ascii_lowercase();
        let word_after = first_word(&text[m.word.1..]).to_ascii_lowercase();
        if NAME_BEFORE_WEEKDAY.contains(&word_before.as_str())
            || NAME_AFTER_WEEKDAY.contains(&word_after.as_str())
        {
            continue;
        }
        let rule = match m
            .which
            .map(|w| hay[w.0..w.1].to_ascii_lowercase())
            .as_deref()
        {
            Some("last" | "past") => WeekdayRule::Before,
            Some("next") => WeekdayRule::After,
            Some("this" | "coming") => WeekdayRule::OnOrAfter,
            _ if future_before(&text[..m.all.0]) => WeekdayRule::OnOrAfter,
            _ => WeekdayRule::OnOrBefore,
        };
        if let Some(w) = weekday(day) {
            push(m.all, Kind::Weekday(rule, w));
        }
    }

    let b = hay.as_bytes();
    if hints.ago {
        for &(word, _) in words.iter().filter(|w| w.1 == HintWord::Ago) {
            if let Some((start, kind)) = ago_before(b, word.0) {
                push((start, word.1), kind);
            }
        }
    }
    if hints.month_bare {
        for &(word, _) in words.iter().filter(|w| w.1 == HintWord::Month) {
            if let Some((start, kind)) = bare_month(text, b, word) {
                push((start, word.1), kind);
            }
        }
    }
    if hints.year {
        for (span, year) in lone_years(b) {
            push(span, Kind::CalendarYear(year));
        }
    }

    found
}

/// Of overlapping mentions, the one of the highest priority (the first, on a tie),
/// in text order.
fn keep_first(mut found: Vec<Mention>) -> Vec<Mention> {
    found.sort_by_key(|m| (m.kind.priority(), m.start));
    let mut kept: Vec<Mention> = Vec::with_capacity(found.len());
    for m in found {
        if kept.iter().all(|k| m.end <= k.start || k.end <= m.start) {
            kept.push(m);
        }
    }
    kept.sort_by_key(|m| m.start);
    kept
}

/// Whether `b[i..]` starts with a year of four digits, 1900 to 2099, that no digit
/// follows (the caller knows that none stands before it).
fn year_at(b: &[u8], i: usize) -> bool {
    matches!(b.get(i..i + 2), Some(b"19" | b"20"))
        && b.get(i + 2..i + 4)
            .is_some_and(|d| d.iter().all(u8::is_ascii_digit))
        && !b.get(i + 4).is_some_and(u8::is_ascii_digit)
}

/// Whether the year at `b[i..]` ([`year_at`]) has a word before it that can make it a
/// year alone: the hint of [`lone_years`], which asks the same of the stand-in text
/// (where a word next to a non-ASCII letter is longer, so never one of those words).
/// Most years in news are no such year ("the 2019 budget", "November 2019"), and the
/// passages with one alone are spared the scan.
fn year_hint(b: &[u8], i: usize) -> bool {
    year_at(b, i) && period_word_before_loosely(b, i)
}

/// Whether the month name starting at `b[start]` has a word before it that can make
/// it a month alone ("in March", "last December"): the hint of [`bare_month`], which
/// most month names in news fail ("March 6", "Nov. 20").
fn month_alone_hint(b: &[u8], start: usize) -> bool {
    let which = |w: Span| {
        [&b"last"[..], b"next", b"this"]
            .iter()
            .any(|x| b[w.0..w.1].eq_ignore_ascii_case(x))
    };
    word_before_loosely(b, start).is_some_and(which) || period_word_before_loosely(b, start)
}

/// [`word_before_at`] in the text itself rather than its stand-in: any non-ASCII byte
/// between the two words counts as space (the stand-in has a space for a non-ASCII
/// space), so that the hint is never stricter than the pattern.
fn word_before_loosely(b: &[u8], at: usize) -> Option<Span> {
    let mut end = at;
    while end > 0 && (is_space(b[end - 1]) || !b[end - 1].is_ascii()) {
        end -= 1;
    }
    (end < at).then_some(())?;
    word_ending_at(b, end)
}

/// [`period_word_before`] as loosely as [`word_before_loosely`].
fn period_word_before_loosely(b: &[u8], at: usize) -> bool {
    let before = if at > 0 && b[at - 1] == b'-' {
        word_ending_at(b, at - 1)
    } else {
        word_before_loosely(b, at)
    };
    before.is_some_and(|w| {
        let word = &b[w.0..w.1];
        PERIOD_PREPOSITIONS
            .iter()
            .any(|p| word.eq_ignore_ascii_case(p.as_bytes()))
            || [&b"mid"[..], b"early", b"late", b"end"]
                .iter()
                .any(|x| word.eq_ignore_ascii_case(x))
    })
}

/// The whole word (a run of `\w`) that ends at `end`, if any.
fn word_ending_at(b: &[u8], end: usize) -> Option<Span> {
    let mut start = end;
    while start > 0 && is_word(b[start - 1]) {
        start -= 1;
    }
    (start < end).then_some((start, end))
}

/// The word before the word at `at`, across white space only.
fn word_before_at(b: &[u8], at: usize) -> Option<Span> {
    let end = skip_space_back(b, at);
    (end < at).then_some(())?;
    word_ending_at(b, end)
}

/// Numbers written as words, as "N days ago" has them.
const NUMBER_WORDS: &[&str] = &[
    "a", "an", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "fifteen", "twenty", "thirty", "forty", "fifty",
];

/// The value of a [`NUMBER_WORDS`] word ("a" and "an" are one).
fn number_word(word: &[u8]) -> Option<i16> {
    let i = NUMBER_WORDS
        .iter()
        .position(|w| word.eq_ignore_ascii_case(w.as_bytes()))?;
    Some(match i {
        0 | 1 => 1,
        2..=13 => i as i16 - 1,
        _ => [15, 20, 30, 40, 50][i - 14],
    })
}

/// "N units ago" ending with the "ago" at `ago` ("three days ago", "a year ago", "2
/// weeks ago"): where it starts and what it is. Vague amounts ("a few", "several")
/// and hours or minutes give nothing.
fn ago_before(b: &[u8], ago: usize) -> Option<(usize, Kind)> {
    let unit = word_before_at(b, ago)?;
    let word = &b[unit.0..unit.1];
    let word = word.strip_suffix(b"s").unwrap_or(word);
    let unit_kind = [
        (&b"day"[..], AgoUnit::Day),
        (b"week", AgoUnit::Week),
        (b"month", AgoUnit::Month),
        (b"year", AgoUnit::Year),
    ]
    .into_iter()
    .find(|(w, _)| word.eq_ignore_ascii_case(w))?
    .1;
    let number = word_before_at(b, unit.0)?;
    let digits = &b[number.0..number.1];
    let n = if digits.iter().all(u8::is_ascii_digit) {
        std::str::from_utf8(digits)
            .ok()?
            .parse::<i16>()
            .ok()
            .filter(|n| (1..=999).contains(n))?
    } else {
        number_word(digits)?
    };
    Some((number.0, Kind::Ago(unit_kind, n)))
}

/// The words that make a month alone or a year alone a date when they stand before
/// it ("in March", "since 2019", "by mid-2030").
const PERIOD_PREPOSITIONS: &[&str] = &[
    "in",
    "since",
    "until",
    "till",
    "by",
    "from",
    "during",
    "before",
    "after",
    "through",
    "throughout",
    "early",
    "late",
    "mid",
    "end",
    "for",
    "of",
];

/// The word before `at` that makes what starts there a month or year alone, with "mid-"
/// and the like right before it ("mid-March", "end-2023"): its span, or `None`.
fn period_word_before(b: &[u8], at: usize) -> Option<Span> {
    let before = if at > 0 && b[at - 1] == b'-' {
        word_ending_at(b, at - 1).filter(|w| {
            [&b"mid"[..], b"early", b"late", b"end"]
                .iter()
                .any(|x| b[w.0..w.1].eq_ignore_ascii_case(x))
        })?
    } else {
        word_before_at(b, at)?
    };
    let word = &b[before.0..before.1];
    PERIOD_PREPOSITIONS
        .iter()
        .any(|p| word.eq_ignore_ascii_case(p.as_bytes()))
        .then_some(before)
}

/// The full month names, January first.
const MONTH_NAMES: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// A month alone at `word` ("in March", "last December", "by early June"): where the
/// expression starts and what it is. Only full names, capitalised, after one of
/// [`PERIOD_PREPOSITIONS`] (but "of") or "last", "next" or "this".
fn bare_month(text: &str, b: &[u8], word: Span) -> Option<(usize, Kind)> {
    let name = &b[word.0..word.1];
    if !name[0].is_ascii_uppercase() {
        return None;
    }
    let month = MONTH_NAMES
        .iter()
        .position(|m| name.eq_ignore_ascii_case(m.as_bytes()))?;
    let month = i8::try_from(month + 1).ok()?;
    let before = word_before_at(b, word.0)
        .filter(|w| {
            [&b"last"[..], b"next", b"this"]
                .iter()
                .any(|x| b[w.0..w.1].eq_ignore_ascii_case(x))
        })
        .or_else(|| period_word_before(b, word.0))?;
    let which = &b[before.0..before.1];
    let rule = if which.eq_ignore_ascii_case(b"of") {
        return None;
    } else if which.eq_ignore_ascii_case(b"last") {
        Some(WeekdayRule::Before)
    } else if which.eq_ignore_ascii_case(b"next") {
        Some(WeekdayRule::After)
    } else if which.eq_ignore_ascii_case(b"this") {
        None
    } else if future_before(&text[..before.0]) {
        Some(WeekdayRule::OnOrAfter)
    } else {
        Some(WeekdayRule::OnOrBefore)
    };
    Some((before.0, Kind::BareMonth(rule, month)))
}

/// Whether the lowercase word after a number makes it a count of things rather than a
/// year: a plural noun ("in 2000 tonnes", "of 1990 jobs", "by 2000 people"). Words in
/// `s` that are no plurals ("was", "its", "rises") leave it a year.
fn counts_things(word: &[u8]) -> bool {
    const NOT_PLURAL: &[&str] = &[
        "is", "was", "has", "as", "its", "this", "his", "thus", "does", "says", "remains", "rises",
        "falls", "grows", "stands", "shows", "sees", "marks", "whereas",
    ];
    const PLURAL: &[&str] = &["people", "men", "women", "children", "staff", "police"];
    let lower = |list: &[&str]| list.iter().any(|w| word.eq_ignore_ascii_case(w.as_bytes()));
    (word.ends_with(b"s") && !word.ends_with(b"ss") && !lower(NOT_PLURAL)) || lower(PLURAL)
}

/// The years alone in `b` ([`year_at`] after a [`period_word_before`]) that nothing
/// after makes a quantity: their spans (the preposition's start to the year's end)
/// and values.
fn lone_years(b: &[u8]) -> Vec<(Span, i16)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i + 4 <= b.len() {
        if !b[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i - start != 4 || !year_at(b, start) {
            continue;
        }
        // A whole number: no word character, thousands separator or currency next to it.
        if start > 0 && (is_word(b[start - 1]) || matches!(b[start - 1], b',' | b'.' | b'$')) {
            continue;
        }
        if b.get(i).is_some_and(|&c| is_word(c))
            || (matches!(b.get(i), Some(b',' | b'.'))
                && b.get(i + 1).is_some_and(u8::is_ascii_digit))
        {
            continue;
        }
        let Some(before) = period_word_before(b, start) else {
            continue;
        };
        let next = skip_space(b, i);
        let after = word_ending_at(b, {
            let mut e = next;
            while e < b.len() && is_word(b[e]) {
                e += 1;
            }
            e
        })
        .filter(|w| w.0 == next);
        if let Some(w) = after {
            let word = &b[w.0..w.1];
            if word[0].is_ascii_lowercase() && counts_things(word) {
                continue;
            }
        }
        // The units of [`QUANTITY_AFTER`] that `counts_things` does not tell ("2000
        // pct", "1990 mln"), without running the regex for every year.
        if b.get(next) == Some(&b'%')
            || after.is_some_and(|w| {
                [
                    &b"pct"[..],
                    b"percent",
                    b"per",
                    b"mln",
                    b"million",
                    b"billion",
                    b"bln",
                ]
                .iter()
                .any(|u| b[w.0..w.1].eq_ignore_ascii_case(u))
            })
        {
            continue;
        }
        let year = std::str::from_utf8(&b[start..i])
            .ok()
            .and_then(|y| y.parse().ok());
        if let Some(year) = year {
            out.push(((before.0, i), year));
        }
    }
    out
}

/// The kind of a weekday/month/day/year match of [`MONTH_DAY`] or [`DAY_MONTH`].
fn day_kind(hay: &str, m: &MonthMatch) -> Kind {
    let word = |s: Span| &hay[s.0..s.1];
    let month = month_number(word(m.month));
    let day = m.day.and_then(|d| word(d).parse::<i16>().ok());
    let (Some(month), Some(day)) = (month, day) else {
        return Kind::Invalid;
    };
    if let Some(year) = m.year {
        return match word(year)
            .parse::<i16>()
            .ok()
            .and_then(|y| make_date(y, month, day))
        {
            Some(d) => Kind::Full(d),
            None => Kind::Invalid,
        };
    }
    // 2024 is a leap year, so February 29 passes and is checked per year later.
    let Some(probe) = make_date(2024, month, day) else {
        return Kind::Invalid;
    };
    match m.weekday.and_then(|w| weekday(word(w))) {
        Some(w) => Kind::WeekdayMonthDay(w, probe.month(), probe.day()),
        None => Kind::MonthDay(probe.month(), probe.day()),
    }
}

// ---------------------------------------------------------------------------
// The month patterns, matched by hand

/// A byte range `start..end`.
type Span = (usize, usize);

/// The patterns with a month name: [`MONTH_DAY`], [`DAY_MONTH`], [`MONTH_YEAR`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum MonthPattern {
    MonthDay,
    DayMonth,
    MonthYear,
}

/// One match of a [`MonthPattern`] and its groups.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct MonthMatch {
    all: Span,
    weekday: Option<Span>,
    month: Span,
    /// `None` for [`MonthPattern::MonthYear`], which has no day.
    day: Option<Span>,
    year: Option<Span>,
}

/// The matches of `pattern` in `hay`, left to right, exactly as the pattern's regex
/// `captures_iter` finds them; `months` are `hay`'s [`month_words`].
///
/// Why by hand: on Reuters, where most passages with a month have a number next to
/// it, the three regex searches with captures were over half of the date
/// extraction's time. Each pattern is anchored on its month name, and every part
/// of it around the name is deterministic (no choice the regex engine could
/// backtrack into changes the match), so the match is read off around each
/// month word. A haystack with non-ASCII bytes (only possible with the Kelvin
/// sign or long s, see [`ascii_stand_in`]) still goes through the regexes, which
/// are also the reference in the tests (`month_matches_agree_with_the_regexes`).
fn month_matches(pattern: MonthPattern, hay: &str, months: &[Span]) -> Vec<MonthMatch> {
    if !hay.is_ascii() {
        return month_matches_by_regex(pattern, hay);
    }
    let b = hay.as_bytes();
    let mut out = Vec::new();
    // Where the previous match ended: the regex looks for the next one from there.
    let mut last_end = 0;
    for &(ms, me) in months {
        if ms < last_end {
            continue;
        }
        let found = match pattern {
            MonthPattern::MonthDay => month_day_at(b, ms, me, last_end),
            MonthPattern::DayMonth => day_month_at(b, ms, me, last_end),
            MonthPattern::MonthYear => {
                let mut i = me;
                for c in [b'.', b','] {
                    if b.get(i) == Some(&c) {
                        i += 1;
                    }
                }
                year_after_space(b, i).map(|year| MonthMatch {
                    all: (ms, year.1),
                    weekday: None,
                    month: (ms, me),
                    day: None,
                    year: Some(year),
                })
            }
        };
        if let Some(m) = found {
            last_end = m.all.1;
            out.push(m);
        }
    }
    out
}

/// [`MONTH_DAY`] with its month at `b[ms..me]`, starting at `last_end` or later:
/// `(weekday ,? \s* \(? \s*)? month \.? \s+ d{1,2} (st|nd|rd|th)? \b \)? (,? \s+ yyyy \b)?`.
fn month_day_at(b: &[u8], ms: usize, me: usize, last_end: usize) -> Option<MonthMatch> {
    let mut i = me;
    if b.get(i) == Some(&b'.') {
        i += 1;
    }
    let ds = skip_space(b, i);
    if ds == i {
        return None;
    }
    let day = day_number_at(b, ds)?;
    i = day.1;
    // An ordinal suffix, or else a word boundary right after the digits.
    if b.len() >= i + 2 && is_ordinal(&b[i..i + 2]) && !b.get(i + 2).is_some_and(|&c| is_word(c)) {
        i += 2;
    } else if b.get(i).is_some_and(|&c| is_word(c)) {
        return None;
    }
    if b.get(i) == Some(&b')') {
        i += 1;
    }
    let year = {
        let j = if b.get(i) == Some(&b',') { i + 1 } else { i };
        year_after_space(b, j)
    };
    // Before the month: `weekday ,? \s* \(? \s*`, read backwards.
    let mut k = skip_space_back(b, ms);
    if k > 0 && b[k - 1] == b'(' {
        k -= 1;
    }
    k = skip_space_back(b, k);
    if k > 0 && b[k - 1] == b',' {
        k -= 1;
    }
    let weekday = weekday_ending_at(b, k).filter(|w| w.0 >= last_end);
    Some(MonthMatch {
        all: (weekday.map_or(ms, |w| w.0), year.map_or(i, |y| y.1)),
        weekday,
        month: (ms, me),
        day: Some(day),
        year,
    })
}

/// [`DAY_MONTH`] with its month at `b[ms..me]`, starting at `last_end` or later:
/// `(weekday ,? \s+ (the \s+)?)? \b d{1,2} (st|nd|rd|th)? \s+ (of \s+)? month \.? (,? \s+ yyyy \b)?`.
fn day_month_at(b: &[u8], ms: usize, me: usize, last_end: usize) -> Option<MonthMatch> {
    // Before the month, read backwards: `\s+ (of \s+)?`, a suffix, the day.
    let mut k = skip_space_back(b, ms);
    if k == ms {
        return None;
    }
    if k >= 2 && b[k - 2..k].eq_ignore_ascii_case(b"of") {
        let before = skip_space_back(b, k - 2);
        if before < k - 2 {
            k = before;
        }
    }
    if k >= 3 && is_ordinal(&b[k - 2..k]) && b[k - 3].is_ascii_digit() {
        k -= 2;
    }
    let mut ds = k;
    while ds > 0 && b[ds - 1].is_ascii_digit() {
        ds -= 1;
    }
    if !(1..=2).contains(&(k - ds)) || (ds > 0 && is_word(b[ds - 1])) || ds < last_end {
        return None;
    }
    let mut i = me;
    if b.get(i) == Some(&b'.') {
        i += 1;
    }
    let year = {
        let j = if b.get(i) == Some(&b',') { i + 1 } else { i };
        year_after_space(b, j)
    };
    // Before the day: `weekday ,? \s+ (the \s+)?`, read backwards.
    let mut weekday = None;
    let mut w = skip_space_back(b, ds);
    if w < ds {
        if w >= 3 && b[w - 3..w].eq_ignore_ascii_case(b"the") {
            let before = skip_space_back(b, w - 3);
            if before < w - 3 {
                w = before;
            }
        }
        if w > 0 && b[w - 1] == b',' {
            w -= 1;
        }
        weekday = weekday_ending_at(b, w).filter(|w| w.0 >= last_end);
    }
    Some(MonthMatch {
        all: (weekday.map_or(ds, |w| w.0), year.map_or(i, |y| y.1)),
        weekday,
        month: (ms, me),
        day: Some((ds, k)),
        year,
    })
}

/// What `\w` is on ASCII.
fn is_word(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

/// What `\s` is on ASCII.
fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t'..=b'\r')
}

fn skip_space(b: &[u8], mut i: usize) -> usize {
    while b.get(i).is_some_and(|&c| is_space(c)) {
        i += 1;
    }
    i
}

fn skip_space_back(b: &[u8], mut i: usize) -> usize {
    while i > 0 && is_space(b[i - 1]) {
        i -= 1;
    }
    i
}

/// Whether two bytes are an ordinal suffix: st, nd, rd, th in any case.
fn is_ordinal(two: &[u8]) -> bool {
    [b"st", b"nd", b"rd", b"th"]
        .iter()
        .any(|s| two.eq_ignore_ascii_case(*s))
}

/// The one or two digits starting at `i`, if the digits there are one or two.
fn day_number_at(b: &[u8], i: usize) -> Option<Span> {
    let mut j = i;
    while b.get(j).is_some_and(u8::is_ascii_digit) {
        j += 1;
    }
    (1..=2).contains(&(j - i)).then_some((i, j))
}

/// `\s+ yyyy \b` from `i`: the year's span.
fn year_after_space(b: &[u8], i: usize) -> Option<Span> {
    let y = skip_space(b, i);
    let digits = b.get(y..y + 4)?;
    (y > i && digits.iter().all(u8::is_ascii_digit) && !b.get(y + 4).is_some_and(|&c| is_word(c)))
        .then_some((y, y + 4))
}

/// The whole word ending at `end` if it is a weekday's full name, in any case.
fn weekday_ending_at(b: &[u8], end: usize) -> Option<Span> {
    let mut s = end;
    while s > 0 && is_word(b[s - 1]) {
        s -= 1;
    }
    const NAMES: [&[u8]; 7] = [
        b"monday",
        b"tuesday",
        b"wednesday",
        b"thursday",
        b"friday",
        b"saturday",
        b"sunday",
    ];
    let word = &b[s..end];
    NAMES
        .iter()
        .any(|n| word.eq_ignore_ascii_case(n))
        .then_some((s, end))
}

/// Of the runs of letters `candidates` (from [`Hints::with_words`]), those that are
/// whole words of `b` (no `\w` on either side): [`date_words`] without reading
/// every byte again.
fn whole_words(b: &[u8], candidates: &[(Span, HintWord)]) -> Vec<(Span, HintWord)> {
    candidates
        .iter()
        .filter(|((s, e), _)| {
            (*s == 0 || !is_word(b[s - 1])) && !b.get(*e).is_some_and(|&c| is_word(c))
        })
        .copied()
        .collect()
}

/// The whole words of `b` (runs of `\w`) that are one of [`HINT_GROUPS`]' words,
/// in any case, with what they are: the words the patterns are anchored on.
#[cfg(test)]
fn date_words(b: &[u8]) -> Vec<(Span, HintWord)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if !is_word(b[i]) {
            i += 1;
            continue;
        }
        let s = i;
        while i < b.len() && is_word(b[i]) {
            i += 1;
        }
        let run = &b[s..i];
        if (HINT_LEN_MIN..=HINT_LEN_MAX).contains(&run.len())
            && run.iter().all(u8::is_ascii_alphabetic)
            && let Some(kind) = hint_word(run)
        {
            out.push(((s, i), kind));
        }
    }
    out
}

/// The patterns made of words alone: [`RELATIVE_DAY`], [`RELATIVE_PERIOD`],
/// [`BARE_WEEKDAY`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum WordPattern {
    RelativeDay,
    Period,
    Weekday,
}

/// One match of a [`WordPattern`]: the day or unit word, and the word before it
/// that says which one ("last", "next", …) when the pattern has one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct WordMatch {
    all: Span,
    which: Option<Span>,
    word: Span,
}

/// The matches of `pattern` in `hay`, left to right, exactly as the pattern's regex
/// `captures_iter` finds them; `words` are `hay`'s [`date_words`]. Read off
/// around the words, for the reasons given at [`month_matches`]: each of these
/// patterns is a word, optionally preceded by another and white space.
fn word_matches(pattern: WordPattern, hay: &str, words: &[(Span, HintWord)]) -> Vec<WordMatch> {
    if !hay.is_ascii() {
        return word_matches_by_regex(pattern, hay);
    }
    let b = hay.as_bytes();
    // The whole word before the word at `at`, with only white space between. (`at`
    // starts a word, so something not a word character stands before it, and
    // unless that is white space there is no such word.)
    let word_before = |at: usize| -> Option<Span> {
        let end = skip_space_back(b, at);
        let mut start = end;
        while start > 0 && is_word(b[start - 1]) {
            start -= 1;
        }
        (start < end).then_some((start, end))
    };
    let is = |span: Span, list: &[&[u8]]| {
        list.iter()
            .any(|w| b[span.0..span.1].eq_ignore_ascii_case(w))
    };
    let mut out = Vec::new();
    let mut last_end = 0;
    for &(word, kind) in words {
        let found = match (pattern, kind) {
            (WordPattern::RelativeDay, HintWord::RelativeDay) => Some(WordMatch {
                all: word,
                which: None,
                word,
            }),
            (WordPattern::Period, HintWord::Unit) => word_before(word.0)
                .filter(|&w| w.0 >= last_end && is(w, &[b"last", b"this", b"next"]))
                .map(|which| WordMatch {
                    all: (which.0, word.1),
                    which: Some(which),
                    word,
                }),
            (WordPattern::Weekday, HintWord::Weekday) => {
                let which = word_before(word.0).filter(|&w| {
                    w.0 >= last_end && is(w, &[b"last", b"past", b"next", b"this", b"coming"])
                });
                Some(WordMatch {
                    all: (which.map_or(word.0, |w| w.0), word.1),
                    which,
                    word,
                })
            }
            _ => None,
        };
        if let Some(m) = found {
            last_end = m.all.1;
            out.push(m);
        }
    }
    out
}

/// [`word_matches`] by the regexes themselves.
fn word_matches_by_regex(pattern: WordPattern, hay: &str) -> Vec<WordMatch> {
    // Group numbers: which, word (0: the pattern has no such group).
    let (re, which, word) = match pattern {
        WordPattern::RelativeDay => (&*RELATIVE_DAY, 0, 1),
        WordPattern::Period => (&*RELATIVE_PERIOD, 1, 2),
        WordPattern::Weekday => (&*BARE_WEEKDAY, 1, 2),
    };
    let span = |c: &Captures<'_>, i: usize| c.get(i).map(|m| (m.start(), m.end()));
    re.captures_iter(hay)
        .filter_map(|c| {
            Some(WordMatch {
                all: span(&c, 0)?,
                which: if which == 0 { None } else { span(&c, which) },
                word: span(&c, word)?,
            })
        })
        .collect()
}

/// The [`date_words`] that are months.
#[cfg(test)]
fn month_words(b: &[u8]) -> Vec<Span> {
    date_words(b)
        .into_iter()
        .filter(|w| matches!(w.1, HintWord::Month))
        .map(|w| w.0)
        .collect()
}

/// [`month_matches`] by the regexes themselves.
fn month_matches_by_regex(pattern: MonthPattern, hay: &str) -> Vec<MonthMatch> {
    // Group numbers: weekday, month, day, year.
    let (re, [wd, month, day, year]) = match pattern {
        MonthPattern::MonthDay => (&*MONTH_DAY, [1, 2, 3, 4]),
        MonthPattern::DayMonth => (&*DAY_MONTH, [1, 3, 2, 4]),
        MonthPattern::MonthYear => (&*MONTH_YEAR, [0, 1, 0, 2]),
    };
    let span = |c: &Captures<'_>, i: usize| c.get(i).map(|m| (m.start(), m.end()));
    // Group 0 is the whole match: 0 below stands for a group the pattern lacks.
    let group = |c: &Captures<'_>, i: usize| if i == 0 { None } else { span(c, i) };
    re.captures_iter(hay)
        .filter_map(|c| {
            Some(MonthMatch {
                all: span(&c, 0)?,
                weekday: group(&c, wd),
                month: group(&c, month)?,
                day: group(&c, day),
                year: group(&c, year),
            })
        })
        .collect()
}

// ---------------------------------------------------------------------------
// Small helpers

/// How many years either side of the reference to look for a weekday match.
/// Any month and day (but February 29) falls on every weekday within 11
/// years, so six either side always finds one.
const WEEKDAY_YEAR_WINDOW: i16 = 6;

/// The `month`-`day` falling on `weekday` nearest `reference`.
fn nearest_with_weekday(month: i8, day: i8, weekday: Weekday, reference: Date) -> Option<Date> {
    closest(
        (-WEEKDAY_YEAR_WINDOW..=WEEKDAY_YEAR_WINDOW)
            .filter_map(|k| Date::new(reference.year().checked_add(k)?, month, day).ok())
            .filter(|d| d.weekday() == weekday),
        reference,
    )
}

/// The `month`-`day` nearest `reference`, from the year before to the year after.
fn nearest(month: i8, day: i8, reference: Date) -> Option<Date> {
    closest(
        (-1..=1).filter_map(|k| Date::new(reference.year().checked_add(k)?, month, day).ok()),
        reference,
    )
}

/// The candidate nearest `reference`; on a tie the earlier one, since text
/// more often reports what happened than what will.
fn closest(candidates: impl Iterator<Item = Date>, reference: Date) -> Option<Date> {
    candidates.min_by_key(|d| (d.duration_since(reference).as_secs().unsigned_abs(), *d))
}

fn make_date(year: i16, month: i16, day: i16) -> Option<Date> {
    Date::new(year, i8::try_from(month).ok()?, i8::try_from(day).ok()?).ok()
}

/// Month number (1–12) of an English month name or abbreviation.
fn month_number(name: &str) -> Option<i16> {
    let n = match &lowercase_prefix::<3>(name)? {
        b"jan" => 1,
        b"feb" => 2,
        b"mar" => 3,
        b"apr" => 4,
        b"may" => 5,
        b"jun" => 6,
        b"jul" => 7,
        b"aug" => 8,
        b"sep" => 9,
        b"oct" => 10,
        b"nov" => 11,
        b"dec" => 12,
        _ => return None,
    };
    Some(n)
}

fn weekday(name: &str) -> Option<Weekday> {
    Some(match &lowercase_prefix::<2>(name)? {
        b"mo" => Weekday::Monday,
        b"tu" => Weekday::Tuesday,
        b"we" => Weekday::Wednesday,
        b"th" => Weekday::Thursday,
        b"fr" => Weekday::Friday,
        b"sa" => Weekday::Saturday,
        b"su" => Weekday::Sunday,
        _ => return None,
    })
}

/// The first `N` bytes of `name` lowercased, when they are ASCII; `None` when `name`
/// is shorter or they are not.
///
/// What comparing the first `N` characters, lowercased, with an ASCII key gave, without
/// collecting them into a `String` for every month and weekday name: a non-ASCII
/// character lowercases to ASCII only for the Kelvin sign ("k", in no key) and to
/// something with a non-ASCII character otherwise, so it never matched a key.
fn lowercase_prefix<const N: usize>(name: &str) -> Option<[u8; N]> {
    let prefix: [u8; N] = name.as_bytes().get(..N)?.try_into().ok()?;
    prefix
        .is_ascii()
        .then(|| prefix.map(|c| c.to_ascii_lowercase()))
}

/// English writes month and weekday names with a capital; "may" and "march"
/// in lower case are a verb and a walk.
fn capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// Whether the sentence leading up to a bare weekday puts it in the future: "talks
/// will resume on Monday", "he said he would resign on Friday", "the report is due
/// on Tuesday", "the ship is expected to dock on Sunday". Reads back word by word
/// from the weekday, within its sentence and at most [`FUTURE_REACH`] words, and
/// gives up at the first word that anchors the weekday in the past instead: a
/// reporting verb ("will cut jobs, the company said on Monday"), `was`/`had`, or
/// another past-tense verb ("the goal he scored on Saturday"; a participle after
/// `be` or `been` is passive and does not count: "will be signed on Monday").
fn future_before(before: &str) -> bool {
    // (Bytes, not characters: the marks are ASCII, and decoding every character of
    // a long passage back to its sentence's start cost more than the rest.)
    let sentence = before
        .as_bytes()
        .iter()
        .rposition(|c| matches!(c, b'.' | b'!' | b'?' | b';' | b':' | b'\n'))
        .map_or(before, |i| &before[i + 1..]);
    // Lowercase, with ASCII apostrophes; most words are that already and are borrowed
    // (a lowercased copy of each word made this 8,000 instructions a call).
    fn fold(w: &str) -> Cow<'_, str> {
        if w.bytes().all(|c| c.is_ascii_lowercase() || c == b'\'') {
            Cow::Borrowed(w)
        } else {
            Cow::Owned(w.replace('\u{2019}', "'").to_lowercase())
        }
    }
    let mut lower: Vec<Cow<'_, str>> = Vec::with_capacity(FUTURE_REACH);
    // Only the end of the sentence is read, the last words first; in ASCII, the common
    // case, byte by byte without decoding characters.
    if sentence.is_ascii() {
        lower.extend(
            sentence
                .rsplit(|c: char| !(c.is_ascii_alphabetic() || c == '\''))
                .filter(|w| !w.is_empty())
                .take(FUTURE_REACH)
                .map(fold),
        );
    } else {
        lower.extend(
            sentence
                .rsplit(|c: char| !(c.is_alphabetic() || c == '\'' || c == '\u{2019}'))
                .filter(|w| !w.is_empty())
                .take(FUTURE_REACH)
                .map(fold),
        );
    }
    for (k, word) in lower.iter().enumerate() {
        // `lower[k - 1]` follows `word` in the sentence, `lower[k + 1]` precedes it.
        let next = k.checked_sub(1).map(|j| &*lower[j]);
        let prev = lower.get(k + 1).map(|w| &**w);
        let word = &**word;
        match word {
            "will" | "shall" | "won't" => return true,
            "would" | "wouldn't" => return next != Some("have"),
            "due" => return prev.is_some_and(present_be),
            "set" | "scheduled" | "expected" | "slated" | "poised" | "going" | "planning"
            | "planned"
                if matches!(next, Some("to" | "for")) && prev.is_some_and(present_be) =>
            {
                return true;
            }
            "plans" | "plan" | "intends" | "aims" if next == Some("to") => return true,
            _ if word.ends_with("'ll") => return true,
            _ => {}
        }
        // A participle after a form of "be" is passive, no past: "will be held".
        let passive = matches!(prev, Some("be" | "been" | "being" | "is" | "are" | "get"));
        if past_anchor(word) && !passive {
            return false;
        }
        if word.len() > 4 && word.ends_with("ed") && !passive {
            return false;
        }
    }
    false
}

/// "is", "are", "be" and their contractions ("it's", "they're").
fn present_be(word: &str) -> bool {
    matches!(word, "is" | "are" | "be") || word.ends_with("'s") || word.ends_with("'re")
}

/// How far back from a bare weekday [`future_before`] looks for a future marker.
const FUTURE_REACH: usize = 14;

/// Words that tie a bare weekday to the past when they stand between it and a
/// future marker: "will cut jobs, the firm said on Monday".
fn past_anchor(word: &str) -> bool {
    // (A `match`, which compiles to a test of the length and a few compares, rather
    // than a list searched word by word: this ran for up to 14 words a call.)
    matches!(
        word,
        "said"
            | "says"
            | "told"
            | "tells"
            | "wrote"
            | "announced"
            | "reported"
            | "added"
            | "stated"
            | "confirmed"
            | "explained"
            | "insisted"
            | "warned"
            | "declared"
            | "revealed"
            | "noted"
            | "argued"
            | "claimed"
            | "was"
            | "were"
            | "had"
            | "did"
            | "ago"
            | "began"
            | "met"
            | "held"
            | "made"
            | "took"
            | "gave"
            | "won"
            | "lost"
            | "spoke"
            | "went"
            | "came"
            | "left"
            | "sent"
            | "hit"
            | "fell"
            | "rose"
    )
}

fn last_word(s: &str) -> &str {
    let s = s.trim_end();
    let start = s
        .char_indices()
        .rev()
        .find(|(_, c)| !c.is_alphabetic())
        .map_or(0, |(i, c)| i + c.len_utf8());
    &s[start..]
}

fn first_word(s: &str) -> &str {
    let s = s.trim_start();
    let end = s.find(|c: char| !c.is_alphabetic()).unwrap_or(s.len());
    &s[..end]
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    /// The hints the topic scan gathers ([`HintCollector`]) are those
    /// [`Hints::with_words`] finds, words and all, on texts with dates and without,
    /// words of every length on and across the scan's 64-byte blocks, digits,
    /// apostrophes and non-ASCII characters next to the names.
    #[test]
    fn hints_gathered_by_the_topic_scan_are_those_of_the_hint_scan() {
        let pieces = [
            "March",
            "MARCH",
            "march",
            "Mar",
            "Sept",
            "Thursday",
            "today",
            "Tomorrow",
            "week",
            "month",
            "YEAR",
            "last",
            "This",
            "next",
            "the",
            "of",
            "said",
            "government",
            "1987-10-20",
            "2024",
            "20",
            "3rd",
            "5",
            "x",
            "May's",
            "'May'",
            "Jan.",
            "é",
            "naïve",
            "\u{212A}",
            "’",
            "'",
            ",",
            ".",
            " ",
            " ",
            " ",
            "\n",
            "-",
            "abcdefghijklmnopq",
            "Nov20",
            "a1987-10-20",
            "q3",
            "ago",
            "AGO",
            "1999",
            "20190",
            "1887",
            "in",
        ];
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let mut texts: Vec<String> = vec![
            String::new(),
            "Last week the bank said on Thursday, March 5, 1987 that".into(),
            "next year, 2025-11-20 and 20th of November; TODAY".into(),
        ];
        for _ in 0..3000 {
            let len = next() % 120;
            texts.push(
                (0..len)
                    .map(|_| pieces[(next() % pieces.len() as u64) as usize])
                    .collect(),
            );
        }
        let lexicon = super::super::topic::TopicLexicon::embedded();
        for text in &texts {
            let mut want_words = Vec::new();
            let want = Hints::with_words(text, &mut want_words);
            let (_, got) = lexicon.words_with_date_hints(text);
            assert_eq!(got.hints, want, "{text:?}");
            assert_eq!(got.words, want_words, "{text:?}");
        }
    }

    fn d(y: i16, m: i8, day: i8) -> Date {
        date(y, m, day)
    }

    // --- parse_date --------------------------------------------------------

    #[test]
    fn ascii_stand_in_finds_the_same_dates_as_the_text() {
        let texts = [
            "On Thursday\u{a0}20 November 2025 in Z\u{fc}rich, \u{a3}5 March was paid.",
            "\u{c9}lys\u{e9}e: the 3rd of\u{2003}March, Monday\u{e9} and caf\u{e9}Friday.",
            "\u{201c}Last week,\u{201d} she said on Sunday Times day, 2025-11-20\u{2014}today.",
            "May\u{a0}5\u{a0}pct; June 7\u{a0}2024\u{85}next\u{a0}month; Sept.\u{3000}9th",
            "\u{c5}ngstr\u{f6}m Jan 2020 \u{2160}\u{a0}1 March, this Wednesday\u{301} tomorrow",
        ];
        for text in texts {
            let mut words = Vec::new();
            let hints = Hints::with_words(text, &mut words);
            let stand_in = ascii_stand_in(text).expect("non-ASCII text");
            assert_eq!(stand_in.len(), text.len());
            let mentions = |hay| {
                scan_in(text, hay, hints, &words)
                    .into_iter()
                    .map(|m| (m.start, m.end, format!("{:?}", m.kind)))
                    .collect::<Vec<_>>()
            };
            assert_eq!(mentions(&stand_in), mentions(text), "{text}");
            assert!(!mentions(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn parse_rfc3339_utc() {
        assert_eq!(parse_date("2025-11-20T14:03:00Z"), Some(d(2025, 11, 20)));
    }

    #[test]
    fn parse_rfc3339_keeps_the_day_written_in_its_offset() {
        assert_eq!(
            parse_date("2025-11-20T23:30:00-05:00"),
            Some(d(2025, 11, 20))
        );
        assert_eq!(
            parse_date("2025-11-21T01:30:00+09:00"),
            Some(d(2025, 11, 21))
        );
        assert_eq!(
            parse_date("2025-11-20 14:03:00.123+00:00"),
            Some(d(2025, 11, 20))
        );
    }

    #[test]
    fn parse_iso_dates() {
        assert_eq!(parse_date("2025-11-20"), Some(d(2025, 11, 20)));
        assert_eq!(parse_date("2025/11/20"), Some(d(2025, 11, 20)));
        assert_eq!(parse_date("2025-3-7"), Some(d(2025, 3, 7)));
        assert_eq!(parse_date("20251120"), Some(d(2025, 11, 20)));
        assert_eq!(parse_date("20251120T140300Z"), Some(d(2025, 11, 20)));
        assert_eq!(parse_date("  2025-11-20  "), Some(d(2025, 11, 20)));
    }

    #[test]
    fn parse_rfc2822() {
        assert_eq!(
            parse_date("Thu, 20 Nov 2025 14:03:00 +0000"),
            Some(d(2025, 11, 20))
        );
        assert_eq!(
            parse_date("Thu, 20 Nov 2025 14:03:00 GMT"),
            Some(d(2025, 11, 20))
        );
        assert_eq!(parse_date("20 Nov 2025 14:03 -0500"), Some(d(2025, 11, 20)));
        assert_eq!(
            parse_date("Sat, 1 Mar 2025 00:00:00 +0100"),
            Some(d(2025, 3, 1))
        );
    }

    #[test]
    fn parse_reuters_dates() {
        assert_eq!(parse_date("26-FEB-1987 15:01:01.79"), Some(d(1987, 2, 26)));
        assert_eq!(parse_date(" 7-APR-1987 16:22:00.0"), Some(d(1987, 4, 7)));
        assert_eq!(parse_date("  9-MAR-1987 09:14:30.12"), Some(d(1987, 3, 9)));
        assert_eq!(parse_date("9-MAR-1987  04:44:11.20"), Some(d(1987, 3, 9)));
        assert_eq!(
            parse_date(" 19-OCT-1987 12:00:00.00"),
            Some(d(1987, 10, 19))
        );
    }

    #[test]
    fn parse_reuters_dates_with_teletype_junk() {
        assert_eq!(
            parse_date("27-MAR-1987 00:02:59.13&#5;&#5;&#5;RM"),
            Some(d(1987, 3, 27))
        );
        assert_eq!(
            parse_date("27-MAR-1987 00:02:59.13\x05\x05\x05RM"),
            Some(d(1987, 3, 27))
        );
        assert_eq!(
            parse_date("9-APR-1987 05:16:32.81    # date added by S Finch as guesswork "),
            Some(d(1987, 4, 9))
        );
        assert_eq!(parse_date("31-MAR-1987 605:12:19.12"), Some(d(1987, 3, 31)));
    }

    #[test]
    fn parse_month_name_first() {
        assert_eq!(parse_date("November 20, 2025"), Some(d(2025, 11, 20)));
        assert_eq!(parse_date("Nov. 20, 2025"), Some(d(2025, 11, 20)));
        assert_eq!(parse_date("Nov 20 2025"), Some(d(2025, 11, 20)));
        assert_eq!(
            parse_date("November 20th, 2025, 2:03 PM EST"),
            Some(d(2025, 11, 20))
        );
        assert_eq!(parse_date("Sept. 3, 2024"), Some(d(2024, 9, 3)));
        assert_eq!(parse_date("september 3, 2024"), Some(d(2024, 9, 3)));
    }

    #[test]
    fn parse_day_first() {
        assert_eq!(parse_date("20 Nov 2025"), Some(d(2025, 11, 20)));
        assert_eq!(parse_date("20 November 2025"), Some(d(2025, 11, 20)));
        assert_eq!(parse_date("20th of November, 2025"), Some(d(2025, 11, 20)));
        assert_eq!(parse_date("20-Nov-2025"), Some(d(2025, 11, 20)));
    }

    #[test]
    fn parse_with_weekday() {
        assert_eq!(
            parse_date("Thursday, November 20, 2025"),
            Some(d(2025, 11, 20))
        );
        assert_eq!(
            parse_date("Thursday 20 November 2025"),
            Some(d(2025, 11, 20))
        );
        assert_eq!(parse_date("Thurs. Nov. 20, 2025"), Some(d(2025, 11, 20)));
    }

    #[test]
    fn parse_numeric_day_month_year() {
        assert_eq!(parse_date("20.11.2025"), Some(d(2025, 11, 20)));
        assert_eq!(parse_date("3.4.2025"), Some(d(2025, 4, 3)));
        assert_eq!(parse_date("20/11/2025"), Some(d(2025, 11, 20)));
        assert_eq!(parse_date("11/20/2025"), Some(d(2025, 11, 20)));
    }

    #[test]
    fn parse_rejects_ambiguous_slashes() {
        assert_eq!(parse_date("03/04/2025"), None);
    }

    #[test]
    fn parse_tolerates_trailing_junk() {
        assert_eq!(parse_date("2025-11-20 (updated)"), Some(d(2025, 11, 20)));
        assert_eq!(
            parse_date("November 20, 2025 — Kyiv"),
            Some(d(2025, 11, 20))
        );
        assert_eq!(parse_date("20.11.2025, 14:03 Uhr"), Some(d(2025, 11, 20)));
    }

    #[test]
    fn parse_finds_a_date_after_a_label() {
        assert_eq!(
            parse_date("Updated Nov. 20, 2025 at 3pm"),
            Some(d(2025, 11, 20))
        );
        assert_eq!(parse_date("published: 2025-11-20"), Some(d(2025, 11, 20)));
    }

    #[test]
    fn parse_rejects_impossible_days() {
        assert_eq!(parse_date("2025-02-30"), None);
        assert_eq!(parse_date("February 30, 2025"), None);
        assert_eq!(parse_date("30 Feb 2025"), None);
        assert_eq!(parse_date("29-FEB-1987 10:00:00.00"), None);
        assert_eq!(parse_date("2025-13-01"), None);
        assert_eq!(parse_date("32.01.2025"), None);
        assert_eq!(parse_date("2025-00-10"), None);
        assert_eq!(parse_date("29 Feb 2024"), Some(d(2024, 2, 29)));
    }

    #[test]
    fn parse_rejects_non_dates() {
        for s in [
            "",
            "   ",
            "yesterday",
            "November 2025",
            "20 Nov",
            "2025",
            "20251",
            "2025-11-201",
            "Thursday",
            "not a date at all",
            "12/12/12",
            "\u{0}\u{5}",
            "Thu, 20 Nov 25 14:03:00 +0000",
        ] {
            assert_eq!(parse_date(s), None, "{s:?}");
        }
    }

    /// A repeatable stream of numbers below `n` (xorshift from `seed`), for generated
    /// test inputs.
    fn numbers(mut seed: u64) -> impl FnMut(usize) -> usize {
        move |n| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        }
    }

    /// Texts made of date words, numbers, other words and separators, long and short, so that
    /// words and numbers straddle [`Hints::of`]'s 64-byte blocks at every offset.
    fn generated_texts() -> Vec<String> {
        let pieces = [
            "Thursday",
            "November",
            "20",
            "2025",
            "2025-11-20",
            "1999-1-2",
            "May",
            "may",
            "Sept.",
            "last",
            "week",
            "this",
            "year",
            "next",
            "month",
            "today",
            "Tomorrow",
            "YESTERDAY",
            "said",
            "the",
            "Mondays",
            "Junes",
            "12345-67-89",
            "a",
            "caf\u{e9}",
            "\u{a0}",
            "\u{2014}",
            "on",
            "Friday,",
            "March",
            "3rd",
            "\u{201c}",
            "x",
            "Jan",
            "tonight",
            "monthly",
            "of",
            "20th",
            "Nov.",
            "\u{2009}",
            "\x0b",
            "\t",
            "5 pct",
            "Dec 3",
            "9 Oct",
            "4th\u{a0}of",
            "the 3rd of",
            "12 of",
            "1st\u{a0}of",
            "ago",
            "in",
            "1987",
            "3 weeks",
            "mid-",
        ];
        let seps = [" ", " ", " ", ", ", ".", "-", "", "\n", "\u{a0}"];
        let mut next = numbers(0x2545_f491_4f6c_dd1du64);
        // Short texts too, where one piece decides a flag.
        (0..2000)
            .map(|k| {
                let mut t = "x".repeat(next(70));
                let pieces_in = if k % 2 == 0 {
                    1 + next(4)
                } else {
                    10 + next(50)
                };
                for _ in 0..pieces_in {
                    t.push_str(pieces[next(pieces.len())]);
                    t.push_str(seps[next(seps.len())]);
                }
                t
            })
            .collect()
    }

    #[test]
    fn every_hint_word_passes_the_filters_in_any_case() {
        for (list, kind) in HINT_GROUPS {
            for w in list.split_whitespace() {
                let cap = format!("{}{}", w[..1].to_uppercase(), &w[1..]);
                for form in [w.to_string(), cap, w.to_uppercase()] {
                    let got = hint_word(form.as_bytes()).map(|k| format!("{k:?}"));
                    assert_eq!(got, Some(format!("{kind:?}")), "{form}");
                }
            }
        }
        for w in [
            "that", "just", "were", "not", "see", "Mayor", "decision", "thousand",
        ] {
            assert!(hint_word(w.as_bytes()).is_none(), "{w}");
        }
    }

    /// `ArticleDates` reuses the days-only scan of `infer_date` and runs only the other
    /// patterns again; that must give what one whole scan gives.
    #[test]
    fn article_dates_reuse_the_days_only_scan_exactly() {
        let texts = generated_texts();
        for chunk in texts.chunks(7) {
            let paragraphs: Vec<&str> = chunk.iter().map(String::as_str).collect();
            let mut dates = ArticleDates::new(&paragraphs);
            let _ = dates.infer_date(PUB);
            for (i, text) in paragraphs.iter().enumerate() {
                assert_eq!(
                    dates.mentioned_dates(i, PUB),
                    mentioned_dates(text, PUB),
                    "{text:?}"
                );
            }
        }
    }

    #[test]
    fn hints_never_skip_a_pattern_that_matches() {
        for text in generated_texts() {
            let hay = ascii_stand_in(&text).unwrap_or_else(|| text.clone());
            let mut words = Vec::new();
            let hints = Hints::with_words(&text, &mut words);
            let all = scan_in(&text, &hay, Hints::ALL, &words);
            let hinted = scan_in(&text, &hay, hints, &words);
            let key = |ms: Vec<Mention>| {
                ms.into_iter()
                    .map(|m| (m.start, m.end, format!("{:?}", m.kind)))
                    .collect::<Vec<_>>()
            };
            assert_eq!(key(hinted), key(all), "{text:?}");
        }
    }

    #[test]
    fn common_metadata_forms_agree_with_the_regexes() {
        // Both shapes and near misses: slot by slot, each from its own list.
        let slots: [&[&str]; 6] = [
            &["2025", "1987", "123", "26", "5", "20251120", "02", "x"],
            &["-", "-", "/", ".", " ", "", "--"],
            &[
                "11", "1", "123", "FEB", "feb", "Sep", "FEBRUARY", "XYZ", "02", "0", "13",
            ],
            &["-", "-", "/", ".", " ", ""],
            &["20", "1987", "2025", "30", "31", "5", "19871", "123", "02"],
            &[
                "",
                "T14:03:00Z",
                " 15:01:01.79",
                "x",
                "5",
                "\u{a0}",
                "+0000",
                ".79",
                "-",
            ],
        ];
        let mut next = numbers(0x2545_f491_4f6c_dd1du64);
        let mut fast = 0;
        for _ in 0..50_000 {
            let s: String = slots.iter().map(|list| list[next(list.len())]).collect();
            if let Some(date) = common_metadata_form(s.as_bytes()) {
                assert_eq!(date, parse_date_by_regex(&s), "{s:?}");
                fast += 1;
            }
        }
        for s in [
            "2025-11-20T14:03:00Z",
            "26-FEB-1987 15:01:01.79",
            "2025/2/30",
            "1-jan-2000",
        ] {
            assert_eq!(
                common_metadata_form(s.as_bytes()),
                Some(parse_date_by_regex(s)),
                "{s}"
            );
        }
        assert!(fast > 1000, "{fast}");
    }

    /// Texts dense in the parts of the month patterns, glued with and without
    /// space, so that every optional part is there, missing, or almost there.
    fn month_pattern_texts() -> Vec<String> {
        let pieces = [
            "Thursday",
            "thursday",
            "MONDAY",
            "Sunday",
            "Mondays",
            "November",
            "Nov",
            "nov.",
            "Sept",
            "Sep",
            "Septem",
            "June",
            "Jun",
            "MAY",
            "May",
            "march",
            "Janu",
            "DEC",
            "3",
            "20",
            "123",
            "2025",
            "20255",
            "0",
            "07",
            "st",
            "nd",
            "RD",
            "th",
            "3rd",
            "21st",
            "3rdx",
            "12th",
            "the",
            "The",
            "of",
            "OF",
            "xof",
            "(",
            ")",
            "((",
            ",",
            ".",
            ".,",
            "_",
            "x",
            "$",
            "pct",
            "2025-11-20",
            "\u{a0}",
            "\u{212a}",
            "last",
            "LAST",
            "past",
            "coming",
            "this",
            "next",
            "week",
            "Week",
            "month",
            "years",
            "year",
            "today",
            "Today",
            "tonight",
            "YESTERDAY",
            "tomorrow",
            "USA",
            "Friday",
            "last week",
            "next  month",
            "this\tyear",
            "LAST YEAR",
            "this weekend",
            "past Friday",
            "coming Sunday",
            "last Monday",
            "next_Monday",
        ];
        let seps = [" ", " ", "", "", "  ", "\t", "\n", ", ", "(", ") "];
        let mut next = numbers(0x9e37_79b9_7f4a_7c15u64);
        (0..30_000)
            .map(|_| {
                let mut t = String::new();
                for _ in 0..1 + next(12) {
                    t.push_str(pieces[next(pieces.len())]);
                    t.push_str(seps[next(seps.len())]);
                }
                t
            })
            .collect()
    }

    #[test]
    fn month_matches_agree_with_the_regexes() {
        let matched = patterns_agree(
            [
                MonthPattern::MonthDay,
                MonthPattern::DayMonth,
                MonthPattern::MonthYear,
            ],
            |pattern, hay| month_matches(pattern, hay, &month_words(hay.as_bytes())),
            month_matches_by_regex,
        );
        // The texts do exercise every pattern and optional part.
        let count = |f: fn(&MonthMatch) -> bool| matched.iter().flatten().filter(|m| f(m)).count();
        assert!(matched.iter().all(|m| m.len() > 500));
        assert!(count(|m| m.weekday.is_some()) > 100 && count(|m| m.year.is_some()) > 500);
    }

    #[test]
    fn word_matches_agree_with_the_regexes() {
        let matched = patterns_agree(
            [
                WordPattern::RelativeDay,
                WordPattern::Period,
                WordPattern::Weekday,
            ],
            |pattern, hay| word_matches(pattern, hay, &date_words(hay.as_bytes())),
            word_matches_by_regex,
        );
        assert!(matched.iter().all(|m| m.len() > 500));
        assert!(matched[2].iter().filter(|m| m.which.is_some()).count() > 100);
    }

    /// The matches of each of `patterns` by hand and by regex, on the haystacks of
    /// [`month_pattern_texts`] and [`generated_texts`], are the same: the regex
    /// matches of each pattern, for the callers to check what the texts exercised.
    fn patterns_agree<P: Copy + fmt::Debug, M: PartialEq + fmt::Debug>(
        patterns: [P; 3],
        by_hand: impl Fn(P, &str) -> Vec<M>,
        by_regex: impl Fn(P, &str) -> Vec<M>,
    ) -> [Vec<M>; 3] {
        let mut matched = [Vec::new(), Vec::new(), Vec::new()];
        for text in month_pattern_texts().into_iter().chain(generated_texts()) {
            let hay = ascii_stand_in(&text).unwrap_or_else(|| text.clone());
            for (k, pattern) in patterns.into_iter().enumerate() {
                let expected = by_regex(pattern, &hay);
                assert_eq!(by_hand(pattern, &hay), expected, "{pattern:?} in {hay:?}");
                matched[k].extend(expected);
            }
        }
        matched
    }

    #[test]
    fn the_hint_pass_collects_every_date_word() {
        // The words the hints collect, narrowed to whole words, are the date words.
        for text in month_pattern_texts().into_iter().chain(generated_texts()) {
            let hay = ascii_stand_in(&text).unwrap_or_else(|| text.clone());
            if !hay.is_ascii() {
                continue; // the regexes run there, on no words
            }
            let mut candidates = Vec::new();
            Hints::with_words(&text, &mut candidates);
            let key = |w: &[(Span, HintWord)]| format!("{w:?}");
            let words = date_words(hay.as_bytes());
            assert_eq!(
                key(&whole_words(hay.as_bytes(), &candidates)),
                key(&words),
                "{text:?}"
            );
        }
    }

    #[test]
    fn month_and_weekday_names_read_as_their_first_letters_lowercased_did() {
        // The old reading: the first characters, lowercased, as a `String`.
        let prefix = |name: &str, n: usize| -> String {
            name.chars().take(n).flat_map(char::to_lowercase).collect()
        };
        let months = [
            "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
        ];
        let days = ["mo", "tu", "we", "th", "fr", "sa", "su"];
        let names = "January FEB mAr Sept Dec. ju M \u{212A}an Ma\u{fc} \u{130}an Monday TUESDAY su \
                     S \u{17F}u \u{fc}ber Thx";
        let names = names.split(' ').chain([""]);
        for name in names {
            let old = prefix(name, 3);
            let expected = months.iter().position(|m| *m == old).map(|k| k as i16 + 1);
            assert_eq!(month_number(name), expected, "{name:?}");
            let old = prefix(name, 2);
            let expected = days.iter().position(|d| *d == old);
            let got = weekday(name).map(|w| w.to_monday_zero_offset() as usize);
            assert_eq!(got, expected, "{name:?}");
        }
    }

    #[test]
    fn block_masks_are_the_letters_and_digits_of_every_block() {
        let mut next = numbers(0x2545_f491_4f6c_dd1d);
        for len in (0..=64).chain([0; 300].map(|_| next(65))) {
            // Bytes of every kind: letters of either case, digits, their neighbours
            // in ASCII, and bytes from 0x80 on.
            let block: Vec<u8> = (0..len).map(|_| next(256) as u8).collect();
            let (letters, digits) = block_masks(&block);
            for (i, b) in block.iter().enumerate() {
                assert_eq!(letters >> i & 1 == 1, b.is_ascii_alphabetic(), "{b:#x}");
                assert_eq!(digits >> i & 1 == 1, b.is_ascii_digit(), "{b:#x}");
            }
            assert_eq!(letters.checked_shr(len as u32).unwrap_or(0), 0);
            assert_eq!(digits.checked_shr(len as u32).unwrap_or(0), 0);
        }
        for b in 0..=255u8 {
            let (letters, digits) = block_masks(&[b; 64]);
            assert_eq!(letters, if b.is_ascii_alphabetic() { u64::MAX } else { 0 });
            assert_eq!(digits, if b.is_ascii_digit() { u64::MAX } else { 0 });
        }
    }

    #[test]
    fn runs_of_at_least_marks_the_starts_of_long_enough_runs() {
        let mut next = numbers(0x9e37_79b9_7f4a_7c15);
        for _ in 0..500 {
            let bits = (0..128).fold(0u128, |acc, i| acc | u128::from(next(4) != 0) << i);
            for n in 1..=12 {
                let expected = (0..128).fold(0u128, |acc, i| {
                    let run = (i..(i + n).min(128)).all(|j| bits >> j & 1 == 1);
                    acc | u128::from(run && i + n <= 128) << i
                });
                assert_eq!(runs_of_at_least(bits, n as u32), expected, "{bits:#x} {n}");
            }
        }
    }

    #[test]
    fn hints_see_the_words_of_each_block() {
        // A reference: the same flags from the text's words, one at a time.
        let reference = |text: &str| {
            let b = text.as_bytes();
            let mut h = Hints::NONE;
            let mut after_which = false;
            let mut i = 0;
            while i < b.len() {
                if !b[i].is_ascii_alphabetic() {
                    i += 1;
                    continue;
                }
                let start = i;
                while i < b.len() && b[i].is_ascii_alphabetic() {
                    i += 1;
                }
                let was_after_which = std::mem::take(&mut after_which);
                let cap = b[start].is_ascii_uppercase();
                match hint_word(&b[start..i]) {
                    Some(HintWord::Month) => {
                        h.month_number |= cap && number_next_to(b, start, i);
                        h.month_bare |= cap && month_alone_hint(b, start);
                    }
                    Some(HintWord::Ago) => h.ago = true,
                    Some(HintWord::Weekday) => h.weekday |= cap,
                    Some(HintWord::RelativeDay) => h.relative_day = true,
                    Some(HintWord::Unit) => h.period |= was_after_which,
                    Some(HintWord::Which) => after_which = true,
                    None => {}
                }
            }
            h.iso_day =
                (0..b.len()).any(|i| (i == 0 || !b[i - 1].is_ascii_digit()) && iso_day_at(b, i));
            h.year =
                (0..b.len()).any(|i| (i == 0 || !b[i - 1].is_ascii_digit()) && year_hint(b, i));
            format!("{h:?}")
        };
        let mut flags = Hints::NONE;
        for text in generated_texts() {
            let h = Hints::of(&text);
            assert_eq!(format!("{h:?}"), reference(&text), "{text:?}");
            flags.month_number |= h.month_number;
            flags.weekday |= h.weekday;
            flags.period |= h.period;
            flags.iso_day |= h.iso_day;
            flags.relative_day |= h.relative_day;
            flags.ago |= h.ago;
            flags.month_bare |= h.month_bare;
            flags.year |= h.year;
        }
        // The texts exercise every flag.
        assert_eq!(format!("{flags:?}"), format!("{:?}", Hints::ALL));
    }

    #[test]
    fn parse_never_panics_on_odd_input() {
        for s in [
            "99999-99-99",
            "0000-01-01",
            "9999-12-31T23:59:59Z",
            "-2025-11-20",
            "ÿ̈́ 20 Nov 2025",
            "20 Nov 99999",
            "Ωmega 2025-11-20",
            "𝟚𝟘𝟚𝟝-𝟙𝟙-𝟚𝟘",
            "99 November 2025",
            "November 99, 2025",
            "\u{FEFF}2025-11-20",
        ] {
            let _ = parse_date(s);
        }
        assert_eq!(parse_date("0000-01-01"), Some(d(0, 1, 1)));
    }

    // --- infer_date --------------------------------------------------------

    #[test]
    fn infer_weekday_month_day_picks_the_year_where_the_weekday_fits() {
        let text = ["Zelenskyy’s office on Thursday, November 20, said talks would go on."];
        assert_eq!(infer_date(&text, d(2026, 11, 23)), Some(d(2025, 11, 20)));
    }

    #[test]
    fn infer_weekday_in_parentheses() {
        let text = ["The ministry said on Thursday (November 20) that exports fell."];
        assert_eq!(infer_date(&text, d(2026, 11, 23)), Some(d(2025, 11, 20)));
    }

    #[test]
    fn infer_weekday_day_first() {
        let text = ["Ministers met on Friday, 21 November, in Brussels."];
        assert_eq!(infer_date(&text, d(2026, 6, 1)), Some(d(2025, 11, 21)));
    }

    #[test]
    fn infer_explicit_full_date_wins_over_weekday() {
        let text = [
            "The minister spoke on Thursday, November 20.",
            "The agreement was signed on March 3, 2024 in Geneva.",
        ];
        assert_eq!(infer_date(&text, d(2026, 1, 1)), Some(d(2024, 3, 3)));
    }

    #[test]
    fn infer_earlier_paragraph_wins_within_a_tier() {
        let text = [
            "Talks began on 2 June 2025 in Istanbul.",
            "A first round was held on May 16, 2025.",
        ];
        assert_eq!(infer_date(&text, d(2025, 7, 1)), Some(d(2025, 6, 2)));
    }

    #[test]
    fn infer_month_day_alone_takes_nearest_occurrence() {
        let text = ["SALVADOR, Feb 26 - Showers continued throughout the week."];
        assert_eq!(infer_date(&text, d(1987, 3, 10)), Some(d(1987, 2, 26)));
        // Early January: last December is nearer than next.
        let text = ["Shops reported record sales on December 28."];
        assert_eq!(infer_date(&text, d(2025, 1, 4)), Some(d(2024, 12, 28)));
    }

    #[test]
    fn infer_prefers_weekday_date_over_plain_month_day() {
        let text = [
            "Prices peaked on June 3.",
            "The central bank acted on Tuesday, June 10.",
        ];
        assert_eq!(infer_date(&text, d(2025, 12, 1)), Some(d(2025, 6, 10)));
    }

    #[test]
    fn infer_iso_date_in_text() {
        let text = ["Filed 2025-11-20 by our correspondent."];
        assert_eq!(infer_date(&text, d(2030, 1, 1)), Some(d(2025, 11, 20)));
    }

    #[test]
    fn infer_nothing_from_text_without_dates() {
        let text = [
            "Zelenskyy may sell the plan at home.",
            "A march on Washington.",
        ];
        assert_eq!(infer_date(&text, d(2025, 1, 1)), None);
        assert_eq!(infer_date(&[], d(2025, 1, 1)), None);
        assert_eq!(infer_date(&["He said on Thursday."], d(2025, 1, 1)), None);
    }

    #[test]
    fn infer_weekday_february_29() {
        // Feb 29 2024 was a Thursday.
        let text = ["The vote was held on Thursday, February 29."];
        assert_eq!(infer_date(&text, d(2025, 6, 1)), Some(d(2024, 2, 29)));
    }

    // --- mentioned_dates ---------------------------------------------------

    const PUB: Date = date(2025, 11, 23); // a Sunday

    #[test]
    fn mention_month_day_without_year() {
        let got = mentioned_dates("Talks resume on November 20 in Geneva.", PUB);
        assert_eq!(got, vec![d(2025, 11, 20)]);
    }

    #[test]
    fn mention_abbreviated_month() {
        let got = mentioned_dates("Voting ends Nov. 3, officials said.", PUB);
        assert_eq!(got, vec![d(2025, 11, 3)]);
        let got = mentioned_dates("The deadline is Dec 2.", PUB);
        assert_eq!(got, vec![d(2025, 12, 2)]);
    }

    #[test]
    fn mention_year_less_date_crosses_the_new_year() {
        let got = mentioned_dates("The fund closes on January 5.", PUB);
        assert_eq!(got, vec![d(2026, 1, 5)]);
    }

    #[test]
    fn mention_full_dates() {
        let got = mentioned_dates(
            "The treaty of 20 November 2025 replaced the accord of March 3, 2019.",
            PUB,
        );
        assert_eq!(got, vec![d(2019, 3, 3), d(2025, 11, 20)]);
    }

    #[test]
    fn mention_full_date_with_weekday_counts_once() {
        let got = mentioned_dates("It happened on Thursday, November 20, 2025.", PUB);
        assert_eq!(got, vec![d(2025, 11, 20)]);
    }

    #[test]
    fn mention_weekday_with_month_day() {
        let got = mentioned_dates("Zelenskyy’s office on Thursday, November 20, said.", PUB);
        assert_eq!(got, vec![d(2025, 11, 20)]);
    }

    #[test]
    fn mention_ordinals_and_of() {
        // Both fall nearer in the coming spring than in the spring before.
        let got = mentioned_dates("Elections on the 3rd of March and on May 5th.", PUB);
        assert_eq!(got, vec![d(2026, 3, 3), d(2026, 5, 5)]);
    }

    #[test]
    fn mention_bare_weekday_is_on_or_before_publication() {
        // PUB is Sunday 23 November 2025.
        let got = mentioned_dates("The minister said on Thursday that talks failed.", PUB);
        assert_eq!(got, vec![d(2025, 11, 20)]);
        let got = mentioned_dates("Officials said Sunday the border was closed.", PUB);
        assert_eq!(got, vec![d(2025, 11, 23)]);
        let got = mentioned_dates("Thursday's vote was close.", PUB);
        assert_eq!(got, vec![d(2025, 11, 20)]);
    }

    #[test]
    fn mention_n_units_ago() {
        // PUB is Sunday 23 November 2025.
        for (text, want) in [
            ("The deal was signed two weeks ago.", d(2025, 11, 9)),
            ("He left 3 days ago, officials said.", d(2025, 11, 20)),
            ("A week ago the talks collapsed.", d(2025, 11, 16)),
            ("The firm was founded 40 years ago.", d(1985, 1, 1)),
            (
                "Prices peaked eighteen months ago... no, six months ago.",
                d(2025, 5, 1),
            ),
            ("a year ago", d(2024, 1, 1)),
        ] {
            assert_eq!(mentioned_dates(text, PUB), vec![want], "{text}");
        }
        for text in [
            "He arrived a few days ago.",
            "It happened several weeks ago.",
            "The alarm sounded two hours ago.",
            "Long ago, the river froze.",
        ] {
            assert_eq!(mentioned_dates(text, PUB), vec![], "{text}");
        }
    }

    #[test]
    fn mention_a_year_alone_after_a_preposition() {
        for (text, want) in [
            ("Sales fell in 2019.", 2019),
            ("The rule has applied since 2015, the ministry said.", 2015),
            ("Net profit for 1986 rose to 5 mln dlrs.", 1986),
            ("The plant should be finished by mid-2030.", 2030),
            ("It was the warmest summer since 1976 and the driest.", 1976),
            ("In 1999 he moved to Paris.", 1999),
        ] {
            assert_eq!(mentioned_dates(text, PUB), vec![d(want, 1, 1)], "{text}");
        }
        for text in [
            // Counts, decades, other numbers, and a year with nothing to make it one.
            "Output rose by 2000 tonnes.",
            "A total of 1990 jobs went.",
            "Shares rose in 2000 trades.",
            "It happened in the 1990s.",
            "The index rose 2019 points.",
            "Route 2019 is closed.",
            "Prices rose 1.2019 pct in 1.2000",
            "The 2019 budget was tight.",
            "In 20190 cases the rule held.",
        ] {
            assert_eq!(mentioned_dates(text, PUB), vec![], "{text}");
        }
        // A month with its year is that month, not the year.
        assert_eq!(
            mentioned_dates("Sales fell in March 2019.", PUB),
            vec![d(2019, 3, 1)]
        );
    }

    #[test]
    fn mention_a_month_alone_after_a_preposition() {
        // PUB is Sunday 23 November 2025.
        for (text, want) in [
            ("Sales fell in March.", d(2025, 3, 1)),
            ("Talks have stalled since October.", d(2025, 10, 1)),
            ("The law will take effect in March.", d(2026, 3, 1)),
            ("The plant is due to open by early June.", d(2026, 6, 1)),
            ("Prices peaked in mid-December.", d(2024, 12, 1)),
            ("She resigned last November.", d(2024, 11, 1)),
            ("The vote is next January.", d(2026, 1, 1)),
            ("The festival returns this July.", d(2025, 7, 1)),
            ("He has been in office since May.", d(2025, 5, 1)),
            (
                "An election is due to be held before September.",
                d(2026, 9, 1),
            ),
        ] {
            assert_eq!(mentioned_dates(text, PUB), vec![want], "{text}");
        }
        for text in [
            // Names, the verb, abbreviations alone, and a month without a preposition.
            "Theresa May said the plan would work.",
            "Prices may rise in the spring.",
            "The Ides of March is a famous date.",
            "Sales rose in Mar.",
            "March was wet.",
            "They held a march in the capital.",
        ] {
            assert_eq!(mentioned_dates(text, PUB), vec![], "{text}");
        }
        // With a day, the day.
        assert_eq!(
            mentioned_dates("Sales fell in March 3, 2024.", PUB),
            vec![d(2024, 3, 3)]
        );
    }

    #[test]
    fn datelines_are_a_full_date_and_furniture_only() {
        for line in [
            "Published: 12:30 GMT, 20 November 2025",
            "Updated November 20, 2025 at 3:15 p.m. ET",
            "By Jane Smith | Nov. 20, 2025",
            "Thursday 20 November 2025 09.00 GMT",
            "20/11/2025",
            "2025-11-20T09:00:00Z",
            "Posted on 20th November 2025 by admin",
            "Last updated: Thu 20 Nov 2025 14.20 GMT",
            "November 20th, 2025",
            "20.11.2025",
            "By Jane Smith | 20/11/2025",
            // Wire datelines: the place in capitals, the agency in brackets.
            "WASHINGTON \u{2014} Nov. 20, 2025",
            "WASHINGTON (AP) \u{2014} Nov. 20, 2025",
            "NEW YORK, Nov 20, 2025 (Reuters)",
            "(Associated Press) 20 November 2025",
            "SÃO PAULO, 20/11/2025",
        ] {
            assert_eq!(dateline_date(line), Some(d(2025, 11, 20)), "{line}");
        }
        for line in [
            // Sentences that mention a date, and lines without a full date.
            "Talks resume on November 20, 2025 in Geneva",
            "November 20, 2025 was a turning point.",
            "By Jane Smith",
            "Published November 2025",
            "Thursday, November 20",
            "Election 2025: the results",
            // A sentence after a wire dateline, and brackets that say more than a name.
            "WASHINGTON (AP) \u{2014} The Senate voted on Nov. 20, 2025",
            "Nov. 20, 2025 (the day the talks broke down)",
        ] {
            assert_eq!(dateline_date(line), None, "{line}");
        }
    }

    #[test]
    fn mention_bare_weekday_in_the_future_tense_is_on_or_after_publication() {
        // PUB is Sunday 23 November 2025.
        let future = [
            "Talks will resume on Thursday in Geneva.",
            "The club would celebrate with a parade through the town on Thursday.",
            "She said she would resign on Thursday.",
            "We\u{2019}ll know more on Thursday, the minister said.",
            "The report is due on Thursday.",
            "The ship is expected to dock in Rotterdam on Thursday.",
            "The summit is scheduled for Thursday.",
            "The company plans to close the plant on Thursday.",
            "The treaty will be signed on Thursday.",
            "Ministers won't meet again until Thursday.",
            "The vote will be held on Thursday.",
        ];
        for text in future {
            assert_eq!(mentioned_dates(text, PUB), vec![d(2025, 11, 27)], "{text}");
        }
        // The day of publication itself still counts.
        assert_eq!(
            mentioned_dates("Voters will go to the polls on Sunday.", PUB),
            vec![d(2025, 11, 23)]
        );
    }

    #[test]
    fn mention_bare_weekday_anchored_in_the_past_stays_before_publication() {
        let past = [
            // The future is in the quote; the weekday belongs to "said".
            "\"We will win,\" he said on Thursday.",
            "The firm, which will cut 500 jobs, announced on Thursday that sales fell.",
            "He would have turned 80 on Thursday.",
            "The talks were due to start on Thursday.",
            "He will be remembered for the goal he scored on Thursday.",
            "Prices will rise. The bank cut rates on Thursday.",
            "As expected, the bank cut rates on Thursday.",
        ];
        for text in past {
            assert_eq!(mentioned_dates(text, PUB), vec![d(2025, 11, 20)], "{text}");
        }
    }

    #[test]
    fn mention_next_last_this_weekday() {
        assert_eq!(
            mentioned_dates("Talks resume next Thursday.", PUB),
            vec![d(2025, 11, 27)]
        );
        assert_eq!(
            mentioned_dates("He resigned last Sunday.", PUB),
            vec![d(2025, 11, 16)]
        );
        assert_eq!(
            mentioned_dates("The vote is this Tuesday.", PUB),
            vec![d(2025, 11, 25)]
        );
        assert_eq!(
            mentioned_dates("The vote is this Sunday.", PUB),
            vec![d(2025, 11, 23)]
        );
    }

    #[test]
    fn mention_today_yesterday_tomorrow() {
        let got = mentioned_dates(
            "Prices fell yesterday, rose today and may fall again tomorrow.",
            PUB,
        );
        assert_eq!(got, vec![d(2025, 11, 22), d(2025, 11, 23), d(2025, 11, 24)]);
        let got = mentioned_dates("Yesterday's figures were revised tonight.", PUB);
        assert_eq!(got, vec![d(2025, 11, 22), d(2025, 11, 23)]);
    }

    #[test]
    fn mention_weeks_mean_their_monday() {
        assert_eq!(
            mentioned_dates("Sales fell last week.", PUB),
            vec![d(2025, 11, 10)]
        );
        assert_eq!(
            mentioned_dates("Sales fell this week.", PUB),
            vec![d(2025, 11, 17)]
        );
        assert_eq!(
            mentioned_dates("Talks open next week.", PUB),
            vec![d(2025, 11, 24)]
        );
    }

    #[test]
    fn mention_months_mean_their_first_day() {
        assert_eq!(
            mentioned_dates("Output rose last month.", PUB),
            vec![d(2025, 10, 1)]
        );
        assert_eq!(
            mentioned_dates("Output rose this month.", PUB),
            vec![d(2025, 11, 1)]
        );
        assert_eq!(
            mentioned_dates("Output will rise next month.", PUB),
            vec![d(2025, 12, 1)]
        );
        let january = date(2025, 1, 15);
        assert_eq!(
            mentioned_dates("Output rose last month.", january),
            vec![d(2024, 12, 1)]
        );
    }

    #[test]
    fn mention_years_mean_their_first_day() {
        assert_eq!(
            mentioned_dates("Profits doubled last year.", PUB),
            vec![d(2024, 1, 1)]
        );
        assert_eq!(
            mentioned_dates("Profits doubled this year.", PUB),
            vec![d(2025, 1, 1)]
        );
        assert_eq!(
            mentioned_dates("Profits may double next year.", PUB),
            vec![d(2026, 1, 1)]
        );
    }

    #[test]
    fn mention_month_and_year() {
        assert_eq!(
            mentioned_dates("The plant closed in May 2019.", PUB),
            vec![d(2019, 5, 1)]
        );
        assert_eq!(
            mentioned_dates("Reserves at end-March 1987 were lower.", PUB),
            vec![d(1987, 3, 1)]
        );
    }

    #[test]
    fn mention_iso_date() {
        assert_eq!(
            mentioned_dates("Filing 2024-02-29 was late.", PUB),
            vec![d(2024, 2, 29)]
        );
    }

    #[test]
    fn mention_may_the_verb_is_not_a_date() {
        assert!(mentioned_dates("Zelenskyy may sell the plan to parliament.", PUB).is_empty());
        assert!(mentioned_dates("May I ask a question?", PUB).is_empty());
        assert!(mentioned_dates("Prices may 10 times exceed costs.", PUB).is_empty());
    }

    #[test]
    fn mention_march_the_walk_is_not_a_date() {
        assert!(mentioned_dates("They organised a march on Washington.", PUB).is_empty());
        assert!(mentioned_dates("The March on Washington drew crowds.", PUB).is_empty());
        assert!(mentioned_dates("Troops march 20 miles a day.", PUB).is_empty());
    }

    #[test]
    fn mention_quantities_after_a_month_are_not_days() {
        // Not the 10th of March: the month alone, and the year before.
        assert_eq!(
            mentioned_dates("Sales in March 10 pct higher than a year ago.", PUB),
            vec![d(2024, 1, 1), d(2025, 3, 1)]
        );
        assert!(mentioned_dates("Sales rose 10 pct in the month.", PUB).is_empty());
        assert!(mentioned_dates("He bought 1.5 May contracts.", PUB).is_empty());
    }

    #[test]
    fn mention_named_weekdays_are_not_dates() {
        for s in [
            "Shops opened on Black Friday.",
            "Churches filled on Good Friday.",
            "He told the Sunday Times about it.",
            "Markets crashed on Black Monday, in the lore.",
            "Mondays are slow.",
            "On a wednesday, a lower-case weekday is ignored.",
        ] {
            assert!(mentioned_dates(s, PUB).is_empty(), "{s}");
        }
    }

    #[test]
    fn mention_usa_today_is_a_paper() {
        assert!(mentioned_dates("He told USA Today about the plan.", PUB).is_empty());
    }

    #[test]
    fn mention_invalid_dates_are_dropped_whole() {
        assert!(mentioned_dates("It was dated February 30, 2025.", PUB).is_empty());
        assert!(mentioned_dates("See the note of 31 April.", PUB).is_empty());
    }

    #[test]
    fn mention_results_are_sorted_and_deduplicated() {
        let got = mentioned_dates(
            "On Thursday, November 20, he spoke; Thursday's speech, on November 20, \
             followed one of November 3 and yesterday's.",
            PUB,
        );
        assert_eq!(got, vec![d(2025, 11, 3), d(2025, 11, 20), d(2025, 11, 22)]);
    }

    #[test]
    fn mention_uppercase_headline() {
        assert_eq!(
            mentioned_dates("TALKS SET FOR MARCH 3", PUB),
            vec![d(2026, 3, 3)]
        );
    }

    #[test]
    fn mention_nothing_in_plain_text() {
        assert!(mentioned_dates("", PUB).is_empty());
        assert!(mentioned_dates("Inflation rose 2.5 pct on a monthly basis.", PUB).is_empty());
    }

    // --- parse_filter_period -----------------------------------------------

    #[test]
    fn filter_year() {
        assert_eq!(
            parse_filter_period("2025"),
            Ok((d(2025, 1, 1), d(2025, 12, 31)))
        );
    }

    #[test]
    fn filter_month() {
        assert_eq!(
            parse_filter_period("2024-02"),
            Ok((d(2024, 2, 1), d(2024, 2, 29)))
        );
        assert_eq!(
            parse_filter_period("2025-2"),
            Ok((d(2025, 2, 1), d(2025, 2, 28)))
        );
        assert_eq!(
            parse_filter_period("1987-04"),
            Ok((d(1987, 4, 1), d(1987, 4, 30)))
        );
    }

    #[test]
    fn filter_day() {
        assert_eq!(
            parse_filter_period(" 2025-11-20 "),
            Ok((d(2025, 11, 20), d(2025, 11, 20)))
        );
    }

    #[test]
    fn filter_errors_say_what_was_expected() {
        let err = parse_filter_period("2025-13").unwrap_err();
        assert_eq!(
            err.to_string(),
            "expected YYYY, YYYY-MM or YYYY-MM-DD, got '2025-13'"
        );
        assert_eq!(err.input(), "2025-13");
        for bad in [
            "",
            "25",
            "2025-02-30",
            "2025-11-20T00:00",
            "Nov 2025",
            "2025/11",
            "20255",
        ] {
            assert!(parse_filter_period(bad).is_err(), "{bad}");
        }
        let boxed: Box<dyn std::error::Error> = Box::new(err);
        assert!(boxed.to_string().contains("2025-13"));
    }
}
