//! Query handling: `lint_query`, `rewrite_dates` and whole searches (query plus random
//! filters, facets, paging, per-article caps and context) against a small real index
//! built once from the sample corpus. Any `Err` is fine; a panic or a huge allocation
//! is a bug.
#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use arbitrary::{Arbitrary, Unstructured};
use libfuzzer_sys::fuzz_target;
use newsdex::article::{Format, ReadOptions, read_bytes};
use newsdex::extract::ExtractOptions;
use newsdex::index::NewsIndex;
use newsdex::ingest::article_passages;
use newsdex::search::{self, Engine, FacetKind, Filters, SearchRequest};
use newsdex::shard::Boilerplate;

const CORPUS: [(&str, Format, &[u8]); 5] = [
    (
        "text/chip-export-rules.txt",
        Format::Text,
        include_bytes!("../../corpus/text/chip-export-rules.txt"),
    ),
    (
        "text/harbour-bridge-vote.txt",
        Format::Text,
        include_bytes!("../../corpus/text/harbour-bridge-vote.txt"),
    ),
    (
        "markdown/flood-defences.md",
        Format::Markdown,
        include_bytes!("../../corpus/markdown/flood-defences.md"),
    ),
    (
        "json/briefs.json",
        Format::Json,
        include_bytes!("../../corpus/json/briefs.json"),
    ),
    (
        "json/wire.jsonl",
        Format::JsonLines,
        include_bytes!("../../corpus/json/wire.jsonl"),
    ),
];

struct Fixture {
    _dir: tempfile::TempDir,
    index: &'static NewsIndex,
}

fn index() -> &'static NewsIndex {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE
        .get_or_init(|| {
            let dir = tempfile::tempdir().expect("temp dir");
            let index: &'static NewsIndex = Box::leak(Box::new(
                NewsIndex::open_or_create(&dir.path().join("idx"), false).expect("index"),
            ));
            let mut writer = index.writer(1, 15).expect("writer");
            let opts = ExtractOptions::new(jiff::civil::date(2025, 11, 20));
            for (name, format, bytes) in CORPUS {
                let path = Path::new("/corpus").join(name);
                let read = read_bytes(
                    bytes,
                    &path,
                    Path::new("/corpus"),
                    format,
                    &ReadOptions::default(),
                )
                .expect("sample corpus reads");
                for article in &read.articles {
                    let (passages, _) = article_passages(article, Boilerplate::embedded(), &opts);
                    writer
                        .replace_article(&article.id, &passages)
                        .expect("index article");
                }
            }
            writer.commit().expect("commit");
            Fixture { _dir: dir, index }
        })
        .index
}

fn size(u: &mut Unstructured<'_>) -> arbitrary::Result<usize> {
    Ok(match u8::arbitrary(u)? % 6 {
        0 => 0,
        1 => 1,
        2 => 10,
        3 => usize::MAX,
        4 => usize::MAX / 2 + 1,
        _ => usize::from(u16::arbitrary(u)?),
    })
}

fn strings(u: &mut Unstructured<'_>) -> arbitrary::Result<Vec<String>> {
    let n = u8::arbitrary(u)? % 3;
    (0..n).map(|_| String::arbitrary(u)).collect()
}

fn request(u: &mut Unstructured<'_>) -> arbitrary::Result<SearchRequest> {
    let facets = u8::arbitrary(u)?;
    Ok(SearchRequest {
        limit: size(u)?,
        offset: size(u)?,
        per_article: if bool::arbitrary(u)? {
            Some(size(u)?)
        } else {
            None
        },
        context: size(u)?,
        snippet_chars: size(u)?,
        facets: [FacetKind::Speaker, FacetKind::Topic, FacetKind::Date]
            .into_iter()
            .enumerate()
            .filter(|(i, _)| facets & (1 << i) != 0)
            .map(|(_, k)| k)
            .collect(),
        filters: Filters {
            speakers: strings(u)?,
            since: Option::<String>::arbitrary(u)?,
            until: Option::<String>::arbitrary(u)?,
            topics: strings(u)?,
        },
        query: String::from_utf8_lossy(u.bytes(u.len())?).into_owned(),
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(req) = request(&mut Unstructured::new(data)) else {
        return;
    };
    if std::env::var_os("NEWSDEX_FUZZ_PRINT").is_some() {
        // To turn a crash into a regression test: shows the decoded request.
        eprintln!("{req:#?}");
    }
    let _ = search::lint_query(&req.query);
    let _ = search::rewrite_dates(&req.query);
    let engine = Engine::new(index()).expect("engine");
    if let Ok(result) = engine.search(&req) {
        assert!(result.hits.len() <= req.limit);
        assert!(result.hits.len() as u64 <= result.total_hits);
    }
});
