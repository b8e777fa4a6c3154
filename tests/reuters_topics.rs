//! Reuters-21578 TOPICS tags are searchable with `--topic`: the real data set,
//! converted by `benches/reuters_to_jsonl.py`, indexed, and searched for several
//! tags; every answer is checked against the `<TOPICS>` of the original SGML,
//! read here with deliberately simple code so the test does not share a bug with
//! the converter or the indexer.
//!
//! A metadata topic `earn` becomes the facet path `/earn` (see
//! `extract::topic::metadata_topic_path`). The first 5,000 converted articles are
//! indexed, which keeps the test to a few seconds. The data set lives outside the
//! repository, and the converter needs `python3`; without either the test skips.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::{Indexed, Run};
use newsdex::extract::topic::TopicLexicon;

/// Articles indexed: the first this many lines of the converted JSONL.
const SUBSET: usize = 5_000;

/// Tags to search for, each with a word that occurs in articles carrying it.
const TAGS: &[(&str, &str)] = &[
    ("earn", "profit"),
    ("acq", "shares"),
    ("crude", "oil"),
    ("grain", "wheat"),
    ("money-fx", "dollar"),
    ("interest", "rate"),
];

/// Article id ("reuters-<NEWID>") → its TOPICS tags, for every story of the SGML.
fn sgml_topics(texts: &[String]) -> BTreeMap<String, Vec<String>> {
    let mut out = BTreeMap::new();
    for text in texts {
        for story in text.split("<REUTERS ").skip(1) {
            let newid = between(story, "NEWID=\"", "\"").expect("a NEWID attribute");
            let topics = between(story, "<TOPICS>", "</TOPICS>").unwrap_or_default();
            let tags: Vec<String> = topics
                .split("<D>")
                .skip(1)
                .filter_map(|d| d.split("</D>").next())
                .map(str::to_owned)
                .collect();
            out.insert(format!("reuters-{newid}"), tags);
        }
    }
    out
}

/// The text between the first `open` and the `close` after it.
fn between<'a>(s: &'a str, open: &str, close: &str) -> Option<&'a str> {
    let start = s.find(open)? + open.len();
    let len = s[start..].find(close)?;
    Some(&s[start..start + len])
}

/// Article ids of every hit in a `--format json` answer.
fn hit_articles(run: &Run) -> Vec<String> {
    run.json()["hits"]
        .as_array()
        .unwrap_or_else(|| panic!("no hits array\n{}", run.describe()))
        .iter()
        .map(|h| h["article_id"].as_str().expect("article_id").to_owned())
        .collect()
}

#[test]
fn reuters_topics_are_searchable_with_topic() {
    let Some(archive) = common::reuters_archive("reuters_topics") else {
        return;
    };
    if !common::python3_found("reuters_topics") {
        return;
    }
    let dir = tempfile::tempdir().expect("create a temporary directory");

    // The converter under test, on the real archive.
    let converted = common::reuters_jsonl(&archive, dir.path());
    let lines: Vec<&str> = converted.lines().take(SUBSET).collect();
    assert_eq!(lines.len(), SUBSET, "the converter wrote too few articles");
    let subset = dir.path().join("subset.jsonl");
    std::fs::write(&subset, lines.join("\n") + "\n").expect("write the subset");

    // The source, read independently.
    let source = sgml_topics(&common::reuters_sgml(&archive, dir.path()));
    assert_eq!(source.len(), 21_578, "stories in the SGML");

    // Each converted article carries exactly its story's TOPICS.
    let mut indexed: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for line in &lines {
        let v: serde_json::Value = serde_json::from_str(line).expect("a JSON article");
        let id = v["id"].as_str().expect("id").to_owned();
        let topics: Vec<String> = v["topics"]
            .as_array()
            .expect("topics array")
            .iter()
            .map(|t| t.as_str().expect("a topic string").to_owned())
            .collect();
        let want = source
            .get(&id)
            .unwrap_or_else(|| panic!("{id} is not in the SGML"));
        assert_eq!(&topics, want, "TOPICS of {id}");
        indexed.insert(id, topics);
    }
    let with_tag = |tag: &str| -> BTreeSet<String> {
        indexed
            .iter()
            .filter(|(_, t)| t.iter().any(|x| x == tag))
            .map(|(id, _)| id.clone())
            .collect()
    };

    let rel = subset.to_str().expect("utf-8 path");
    let idx = Indexed::of(&[rel]);

    // A tag that is also a lexicon path would get articles from the text
    // classifier too; such tags cannot be checked against the metadata alone.
    let lexicon = TopicLexicon::embedded().paths();
    let mut checked = 0;
    for (tag, word) in TAGS {
        let path = format!("/{tag}");
        if lexicon.contains(&path) {
            eprintln!("{path} is also a lexicon path; not checked");
            continue;
        }
        let expected = with_tag(tag);
        assert!(
            expected.len() >= 10,
            "{tag}: only {} articles",
            expected.len()
        );

        // Filter only, one hit per article: exactly the articles carrying the tag.
        let run = idx.search(&[
            "--topic",
            path.as_str(),
            "--group",
            "article",
            "--format",
            "json",
            "--limit",
            "100000",
        ]);
        run.expect_code(0);
        let got: BTreeSet<String> = hit_articles(&run).into_iter().collect();
        assert_eq!(
            got.len(),
            expected.len(),
            "articles with {path}\n{}",
            run.describe()
        );
        assert_eq!(got, expected, "articles with {path}");

        // A word and the tag: some hits, every one from an article with the tag,
        // each passage listing the path, and never more than the word alone finds.
        let run = idx.search(&[
            *word,
            "--topic",
            path.as_str(),
            "--format",
            "json",
            "--limit",
            "1000",
        ]);
        run.expect_code(0);
        let json = run.json();
        let hits = json["hits"].as_array().expect("hits");
        assert!(
            !hits.is_empty(),
            "{word} --topic {path}\n{}",
            run.describe()
        );
        for h in hits {
            let article = h["article_id"].as_str().expect("article_id");
            assert!(
                expected.contains(article),
                "{article} has no {tag} but matched {path}"
            );
            let topics = h["topics"].as_array().expect("topics");
            assert!(topics.iter().any(|t| t == path.as_str()), "{h}");
        }
        let filtered = json["total_hits"].as_u64().expect("total_hits");
        let all = idx.search(&[*word, "--format", "json", "--limit", "1"]);
        all.expect_code(0);
        let unfiltered = all.json()["total_hits"].as_u64().expect("total_hits");
        assert!(
            filtered < unfiltered,
            "{word}: {filtered} with {path}, {unfiltered} without"
        );
        checked += 1;
    }
    assert!(checked >= 4, "only {checked} tags could be checked");

    // A tag of the data set that no indexed article carries, and one that does not
    // exist at all: nothing, and exit status 1.
    let present: BTreeSet<&String> = indexed.values().flatten().collect();
    let absent = source
        .values()
        .flatten()
        .find(|t| !present.contains(t) && !lexicon.contains(&format!("/{t}")))
        .expect("a tag only in later stories");
    for path in [format!("/{absent}"), "/no-such-reuters-tag".to_owned()] {
        let run = idx.search(&["--topic", path.as_str(), "--format", "json"]);
        run.expect_code(1);
        assert!(hit_articles(&run).is_empty(), "{path}\n{}", run.describe());
    }
}
