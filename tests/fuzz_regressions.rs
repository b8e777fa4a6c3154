//! Hostile input: inputs the fuzzers (see `fuzz/README.md`) found crashing, kept as
//! regression tests, plus hand-written extremes. Every case goes through the same API as
//! its fuzz target and must end in a value or an `Err`, never a panic or a huge allocation.

use std::path::Path;
use std::sync::OnceLock;

use newsdex::article::{FileRead, Format, ReadOptions, read_bytes};
use newsdex::error::ReadError;
use newsdex::extract::ExtractOptions;
use newsdex::extract::{date, speaker, topic};
use newsdex::index::NewsIndex;
use newsdex::ingest::article_passages;
use newsdex::passage::Passage;
use newsdex::search::{self, Engine, FacetKind, Filters, SearchRequest, SearchResult};
use newsdex::shard::{Boilerplate, MAX_PASSAGE_BYTES, split_long};

const FORMATS: [Format; 4] = [
    Format::Text,
    Format::Markdown,
    Format::Json,
    Format::JsonLines,
];

fn read(bytes: &[u8], format: Format) -> Result<FileRead, ReadError> {
    read_bytes(
        bytes,
        Path::new("/corpus/dir/input"),
        Path::new("/corpus"),
        format,
        &ReadOptions::default(),
    )
}

/// What the `sharder` target does: read, shard, extract; checks the passage invariants.
fn passages(bytes: &[u8], format: Format) -> Vec<Passage> {
    let Ok(read) = read(bytes, format) else {
        return Vec::new();
    };
    let opts = ExtractOptions::new(jiff::civil::date(2025, 11, 20));
    let mut all = Vec::new();
    for article in &read.articles {
        let (ps, _) = article_passages(article, Boilerplate::embedded(), &opts);
        for (i, p) in ps.iter().enumerate() {
            assert_eq!(p.para, i as u64);
            assert!(!p.text.trim().is_empty());
            assert!(p.text.len() <= MAX_PASSAGE_BYTES, "{} bytes", p.text.len());
        }
        all.extend(ps);
    }
    all
}

/// A small real index of the sample corpus, built once for every test in this file.
fn index() -> &'static NewsIndex {
    struct Fixture {
        _dir: tempfile::TempDir,
        index: &'static NewsIndex,
    }
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE
        .get_or_init(|| {
            let dir = tempfile::tempdir().unwrap();
            let index: &'static NewsIndex = Box::leak(Box::new(
                NewsIndex::open_or_create(&dir.path().join("idx"), false).unwrap(),
            ));
            let mut writer = index.writer(1, 15).unwrap();
            let opts = ExtractOptions::new(jiff::civil::date(2025, 11, 20));
            let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
            for (name, format) in [
                ("text/chip-export-rules.txt", Format::Text),
                ("text/harbour-bridge-vote.txt", Format::Text),
                ("markdown/flood-defences.md", Format::Markdown),
                ("json/briefs.json", Format::Json),
                ("json/wire.jsonl", Format::JsonLines),
            ] {
                let path = root.join(name);
                let bytes = std::fs::read(&path).unwrap();
                let read =
                    read_bytes(&bytes, &path, &root, format, &ReadOptions::default()).unwrap();
                for article in &read.articles {
                    let (ps, _) = article_passages(article, Boilerplate::embedded(), &opts);
                    writer.replace_article(&article.id, &ps).unwrap();
                }
            }
            writer.commit().unwrap();
            Fixture { _dir: dir, index }
        })
        .index
}

fn search(req: &SearchRequest) -> Result<SearchResult, newsdex::error::QueryError> {
    let _ = search::lint_query(&req.query);
    let _ = search::rewrite_dates(&req.query);
    let result = Engine::new(index()).unwrap().search(req);
    if let Ok(r) = &result {
        assert!(r.hits.len() <= req.limit);
        assert!(r.hits.len() as u64 <= r.total_hits);
    }
    result
}

fn query(q: &str) -> SearchRequest {
    SearchRequest {
        query: q.to_string(),
        limit: 10,
        snippet_chars: 160,
        ..SearchRequest::default()
    }
}

// --- crashes the fuzzers found -------------------------------------------------------

/// `fuzz/artifacts/query/crash-9475f84245ce15017419a0e18340fec22d508c67`, the bytes
/// `b"\x03\x04\x01\x00\x03"`, decoded as the `query` target decodes them: speaker and
/// topic facets, limit `usize::MAX / 2 + 1`, offset 1, context `usize::MAX`. The context
/// lookup asked tantivy for the top `2 * context + 1` passages, which it allocates up
/// front: capacity overflow (or an abort for merely huge values).
#[test]
fn huge_context_does_not_overflow_the_neighbour_lookup() {
    let req = SearchRequest {
        query: String::new(),
        limit: usize::MAX / 2 + 1,
        offset: 1,
        per_article: None,
        context: usize::MAX,
        snippet_chars: 0,
        facets: vec![FacetKind::Speaker, FacetKind::Topic],
        ..SearchRequest::default()
    };
    let r = search(&req).unwrap();
    assert_eq!(r.hits.len() as u64, r.total_hits - 1);
    // Every hit carries the rest of its article as context.
    assert!(r.hits.iter().any(|h| !h.context.is_empty()));
    for context in [1 << 40, usize::MAX / 2] {
        let r = search(&SearchRequest {
            query: "strike".into(),
            limit: 3,
            context,
            ..SearchRequest::default()
        })
        .unwrap();
        assert!(!r.hits.is_empty());
    }
}

/// `fuzz/artifacts/query/crash-0aec23d20c760ecc145d3d854f7e14607ccaf911`, the bytes
/// `b"\x02\x00\x00\x00\x02\x00\x00\x00\x00\x02\x00\x00\x00\x00\x70\x65\x61\x63\x65\x20\x41\x00\x4e\x65\x61\x63\x65\x20\x41\xe8\x1d\x4e\x44\x20\x28\x20\x22flood defences\x22\x29\x64\x5f\x03\x41\x73\x04\x01"`
/// as the `query` target decodes them (`NEWSDEX_FUZZ_PRINT=1`): a topic facet under two
/// topic filters of which one is an ancestor of the other. tantivy's `FacetCollector`
/// asserts that no added facet is an ancestor of another.
#[test]
fn topic_facet_under_nested_topic_filters_does_not_panic() {
    let req = SearchRequest {
        query: "ace A\0Neace A\u{fffd}\u{1d}ND ( \"flood defences\")d_\u{3}As".into(),
        limit: 0,
        offset: 0,
        filters: Filters {
            topics: vec!["\0".into(), "\0\0pe".into()],
            ..Filters::default()
        },
        facets: vec![FacetKind::Topic],
        context: 10,
        snippet_chars: 0,
        ..SearchRequest::default()
    };
    let _ = search(&req);
    // The everyday form of the same problem, and a topic given twice.
    for topics in [
        vec!["economy", "economy/markets"],
        vec!["/economy/markets", "/economy"],
        vec!["economy", "Economy", "/economy/"],
    ] {
        let req = SearchRequest {
            limit: 5,
            filters: Filters {
                topics: topics.iter().map(|t| t.to_string()).collect(),
                ..Filters::default()
            },
            facets: vec![FacetKind::Topic],
            ..SearchRequest::default()
        };
        let r = search(&req).unwrap();
        let (_, values) = &r.facets[0];
        let mut names: Vec<&str> = values.iter().map(|v| v.value.as_str()).collect();
        let n = names.len();
        names.dedup();
        assert_eq!(names.len(), n, "a facet value is listed twice: {values:?}");
    }
}

// --- readers and sharder ---------------------------------------------------------

#[test]
fn empty_and_blank_input_is_refused_in_every_format() {
    for format in FORMATS {
        assert!(matches!(read(b"", format), Err(ReadError::Empty)));
        assert!(matches!(read(b" \n\t\r\n", format), Err(ReadError::Empty)));
        assert!(passages(b"", format).is_empty());
    }
}

#[test]
fn nul_bytes_are_refused_as_binary() {
    for format in FORMATS {
        let err = read(b"Headline\0\0\0 text", format).unwrap_err();
        assert!(matches!(err, ReadError::Binary { .. }), "{err}");
    }
}

#[test]
fn invalid_utf8_and_encoded_surrogates_are_decoded_lossily() {
    // CESU-8 style lone surrogates (U+D800, U+DFFF), a truncated sequence and overlongs.
    let bytes: &[u8] = b"Talks \xed\xa0\x80 resumed \xed\xbf\xbf on Monday.\n\xc0\xaf \xe2\x82 \xf4\x90\x80\x80 end.";
    for format in [Format::Text, Format::Markdown] {
        let read = read(bytes, format).unwrap();
        assert_eq!(read.warnings.len(), 1, "{:?}", read.warnings);
        assert!(!passages(bytes, format).is_empty());
    }
    for format in [Format::Json, Format::JsonLines] {
        let _ = passages(
            b"{\"text\": \"a \xed\xa0\x80 b\", \"title\": \"\xff\"}",
            format,
        );
        let _ = passages(b"{\"text\": \"\\ud800 lone escape \\udfff\"}", format);
    }
}

#[test]
fn five_megabyte_line_without_spaces_is_split_into_bounded_passages() {
    let line = "x".repeat(5 * 1024 * 1024);
    for format in [Format::Text, Format::Markdown] {
        let ps = passages(line.as_bytes(), format);
        assert_eq!(ps.iter().map(|p| p.text.len()).sum::<usize>(), line.len());
    }
    let json = format!("{{\"title\": \"t\", \"text\": \"{line}\"}}");
    assert!(!passages(json.as_bytes(), Format::Json).is_empty());
}

#[test]
fn deeply_nested_json_is_an_error_not_a_stack_overflow() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    for format in [Format::Json, Format::JsonLines] {
        assert!(passages(deep.as_bytes(), format).is_empty());
    }
}

// --- extractors --------------------------------------------------------------------

#[test]
fn extractors_survive_the_ends_of_the_calendar() {
    let text = "Yesterday, last week, next month and last year; next Thursday, \
                Thursday, November 20 and May 5, 2025; tomorrow in March 9999.";
    for reference in [
        jiff::civil::Date::MIN,
        jiff::civil::Date::MAX,
        jiff::civil::date(9999, 12, 1),
        jiff::civil::date(-9999, 1, 7),
    ] {
        let _ = date::mentioned_dates(text, reference);
        let _ = date::infer_date(&[text, "Feb 29 -"], reference);
    }
    for d in [
        "9999-12-31",
        "-009999-01-01",
        "Dec 31, 9999",
        "Friday, 31 December 9999",
    ] {
        if let Some(parsed) = date::parse_date(d) {
            let _ = date::mentioned_dates(text, parsed);
        }
    }
    assert!(date::parse_filter_period("99999").is_err());
    assert!(date::parse_filter_period("").is_err());
}

#[test]
fn extractors_on_hostile_strings() {
    let long = "Minister ".repeat(50_000) + "said.";
    let emoji = "🔥🇺🇦👍🏽 said 🙂 “🔥”".repeat(1000);
    for text in [
        "",
        "\u{0}\u{1}\u{7f}",
        "\u{fffd}\u{fffd}",
        long.as_str(),
        emoji.as_str(),
        "\"\"\"\"\"'''''“”“”“",
    ] {
        let _ = speaker::attribute_speakers(&[text, text]);
        let _ = date::parse_date(text);
        let _ = date::mentioned_dates(text, jiff::civil::date(2025, 11, 20));
        let _ = topic::TopicLexicon::embedded().classify(text);
        let _ = topic::metadata_topic_path(text);
        for max in [1, 2, 3, 7] {
            for p in split_long(text, max) {
                assert!(p.len() <= max.max(4));
            }
        }
    }
}

// --- queries -------------------------------------------------------------------------

#[test]
fn ten_thousand_nested_parentheses_are_refused_or_run_without_overflowing_the_stack() {
    let nested = |depth: usize| format!("{}peace{}", "(".repeat(depth), ")".repeat(depth));
    let err = search(&query(&nested(10_000))).unwrap_err();
    assert!(err.to_string().contains("nest more than"), "{err}");
    assert!(search(&query(&nested(search::MAX_QUERY_NESTING))).is_ok());
    assert!(search(&query(&nested(search::MAX_QUERY_NESTING + 1))).is_err());
    let nots = |n: usize| format!("{}peace", "NOT ".repeat(n));
    let err = search(&query(&nots(10_000))).unwrap_err();
    assert!(err.to_string().contains("nest more than"), "{err}");
    let _ = search(&query(&nots(search::MAX_QUERY_NESTING)));
    assert!(search::lint_query(&nots(search::MAX_QUERY_NESTING)).is_ok());
    assert!(search::lint_query(&"NOT (".repeat(5_000)).is_err());
    assert!(search::lint_query(&"NOT a ".repeat(10_000)).is_ok());
    assert!(search::lint_query(&format!("\"{}\" x", "(".repeat(1_000))).is_ok());
    let _ = search(&query(&format!("{}peace", "-".repeat(10_000))));
    let _ = search(&query(&format!("{}peace", "+-".repeat(10_000))));
    let _ = search(&query(&"(a) ".repeat(10_000)));
    let unbalanced = "(".repeat(10_000);
    assert!(search(&query(&unbalanced)).is_err());
}

#[test]
fn a_hundred_kilobyte_query_runs() {
    let q = "strike port ".repeat(100 * 1024 / 12);
    let r = search(&query(&q)).unwrap();
    assert!(r.total_hits > 0);
    let garbage = "a:\"b\" -c +d^2 e~1 [f TO g] ".repeat(4000);
    let _ = search(&query(&garbage));
}

#[test]
fn emoji_only_queries_do_not_panic() {
    for q in [
        "🔥",
        "🔥🔥 🇺🇦",
        "\"👍🏽\"",
        "title:🙂",
        "speaker:🔥",
        "(🔥 OR 💧) -🌊",
    ] {
        let _ = search(&query(q));
    }
}

#[test]
fn extreme_limits_offsets_and_context_are_clamped() {
    for limit in [0, 1, usize::MAX, usize::MAX / 2 + 1] {
        for offset in [0, usize::MAX] {
            for per_article in [None, Some(0), Some(1), Some(usize::MAX)] {
                let req = SearchRequest {
                    query: "the".into(),
                    limit,
                    offset,
                    per_article,
                    context: usize::MAX,
                    snippet_chars: usize::MAX,
                    facets: vec![FacetKind::Speaker, FacetKind::Topic, FacetKind::Date],
                    ..SearchRequest::default()
                };
                let r = search(&req).unwrap();
                if limit == 0 || offset == usize::MAX {
                    assert!(r.hits.is_empty());
                }
            }
        }
    }
    let all = search(&SearchRequest {
        limit: usize::MAX,
        ..SearchRequest::default()
    })
    .unwrap();
    assert_eq!(all.hits.len() as u64, all.total_hits);
}

/// `Engine::collect` (the `bench search` path) handed its limit to tantivy, which
/// allocates it up front: `Collect::Top(usize::MAX)` aborted. Now clamped to the index;
/// with feedback too, whose re-ranking window is fetched in the same pass.
#[test]
fn huge_collect_limits_are_clamped_to_the_index() {
    let engine = Engine::new(index()).unwrap();
    for feedback in [false, true] {
        let q = engine
            .build_query(&SearchRequest {
                query: "the bridge".into(),
                feedback,
                ..SearchRequest::default()
            })
            .unwrap();
        for what in [
            search::Collect::Top(usize::MAX),
            search::Collect::TopAndCount(usize::MAX / 2 + 1),
            search::Collect::Count,
        ] {
            let c = engine.collect(q.as_ref(), what).unwrap();
            assert!(c.top as u64 <= engine.num_passages());
        }
        let r = search(&SearchRequest {
            query: "the bridge".into(),
            limit: usize::MAX,
            offset: 3,
            per_article: Some(usize::MAX),
            feedback,
            ..SearchRequest::default()
        })
        .unwrap();
        assert_eq!(r.hits.len() as u64, r.total_hits.saturating_sub(3));
    }
}

#[test]
fn hostile_filters_are_errors_not_panics() {
    let s = |v: &str| Some(v.to_string());
    for (since, until) in [
        (s("-9999"), s("9999-12-31")),
        (s("9999-12-31"), None),
        (None, s("9999-12-31")),
        (s("0000-00-00"), s("🔥")),
        (s(""), s("2025-13")),
    ] {
        let req = SearchRequest {
            limit: 5,
            filters: Filters {
                since,
                until,
                speakers: vec!["🔥".into(), "\u{0}".into(), "Marco Bianchi".into()],
                topics: vec!["/".into(), "//a//".into(), "🔥/💧".into(), " ".into()],
            },
            facets: vec![FacetKind::Topic],
            ..SearchRequest::default()
        };
        let _ = search(&req);
    }
    for q in [
        "date:9999-12-31",
        "date:[* TO 9999]",
        "date:{9999-12-31 TO *}",
        "mentioned_dates:-9999",
        "date:[2025 TO",
        "date:",
        "date:)",
    ] {
        let _ = search(&query(q));
    }
}
