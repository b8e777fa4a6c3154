//! Speaker, date and topic on the seed article, and the search filters and facet counts
//! built on them.

mod common;

use common::{Indexed, SEED, index_one_file, newsdex, shard};
use serde_json::Value;

fn speakers(p: &Value) -> Vec<String> {
    p["speakers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn seed_speakers_match_the_annotation() {
    let passages = shard(SEED);
    let sp = |i: usize| speakers(&passages[i]);
    for i in [0, 7] {
        assert!(sp(i).is_empty(), "passage {i}: {:?}", sp(i));
    }
    for i in [1, 3, 4] {
        assert!(
            sp(i).iter().any(|s| s.contains("Zelenskyy's office")),
            "passage {i}: {:?}",
            sp(i)
        );
    }
    for i in [2, 9, 10] {
        assert!(
            sp(i).contains(&"Volodymyr Zelenskyy".to_string()),
            "passage {i}: {:?}",
            sp(i)
        );
    }
    assert!(
        sp(8)
            .iter()
            .any(|s| s.eq_ignore_ascii_case("a Western official")),
        "{:?}",
        sp(8)
    );
    for (i, p) in passages.iter().enumerate().skip(12) {
        assert_eq!(speakers(p), ["Kaja Kallas"], "passage {i}");
        assert_eq!(p["speaker_role"][0], "Estonian Prime Minister");
    }
}

#[test]
fn seed_date_is_inferred_from_the_text() {
    for p in shard(SEED) {
        assert_eq!(p["date"], "2025-11-20T00:00:00Z", "{}", p["id"]);
    }
    // The reference date decides the year of "Thursday, November 20".
    let run = newsdex(&["shard", SEED, "--reference-date", "2031-01-01"]);
    let first: Value = serde_json::from_str(run.stdout().lines().next().unwrap()).unwrap();
    assert_eq!(
        first["date"], "2031-11-20T00:00:00Z",
        "Nov 20 2031 is a Thursday, nearer 2031-01-01 than 2025"
    );
    let bad = newsdex(&["shard", SEED, "--reference-date", "yesterday"]);
    bad.expect_code(2);
    assert!(
        bad.stderr().contains("--reference-date"),
        "{}",
        bad.describe()
    );
}

#[test]
fn date_filters_are_inclusive_in_every_precision() {
    let idx = Indexed::of(&[SEED]);
    let total = |args: &[&str]| -> u64 {
        let mut all = vec!["--format", "json", "--limit", "0"];
        all.extend_from_slice(args);
        idx.search(&all).json()["total_hits"].as_u64().unwrap()
    };
    assert_eq!(
        total(&["peace", "--since", "2025-11-01", "--until", "2025-11-30"]),
        total(&["peace"])
    );
    assert_eq!(total(&["peace", "--until", "2025-10-31"]), 0);
    assert_eq!(
        total(&["peace", "--since", "2025-11-20", "--until", "2025-11-20"]),
        total(&["peace"])
    );
    assert_eq!(total(&["peace", "--since", "2025-11-21"]), 0);
    assert_eq!(
        total(&["peace", "--since", "2025", "--until", "2025-11"]),
        total(&["peace"])
    );
    assert_eq!(
        total(&["date:2025-11"]),
        18,
        "date ranges through the query syntax"
    );
    assert_eq!(total(&["date:[2025-12-01 TO 2026-01-31]"]), 0);
    let bad = idx.search(&["peace", "--since", "2025-13"]);
    bad.expect_code(2);
    assert!(
        bad.stderr()
            .contains("expected YYYY, YYYY-MM or YYYY-MM-DD"),
        "{}",
        bad.describe()
    );
    // Bounds in the wrong order are an error, not an empty result; the same month on
    // both sides is that month.
    let swapped = idx.search(&["peace", "--since", "2025-11-20", "--until", "2025-11-01"]);
    swapped.expect_code(2);
    assert!(
        swapped
            .stderr()
            .contains("--since 2025-11-20 is after --until 2025-11-01"),
        "{}",
        swapped.describe()
    );
    assert_eq!(
        total(&["peace", "--since", "2025-11", "--until", "2025-11"]),
        total(&["peace"])
    );
}

#[test]
fn speaker_filter_returns_only_that_speakers_passages() {
    let idx = Indexed::of(&[SEED]);
    for name in ["Kallas", "kaja kallas", "KAJA"] {
        let run = idx.search(&[
            "peace",
            "--speaker",
            name,
            "--format",
            "json",
            "--limit",
            "50",
        ]);
        run.expect_code(0);
        let v = run.json();
        let hits = v["hits"].as_array().unwrap();
        assert!(!hits.is_empty());
        for h in hits {
            let para = h["para"].as_u64().unwrap();
            assert!((12..=17).contains(&para), "{name}: passage {para}");
        }
    }
    let via_syntax = idx
        .search(&["peace AND speaker:kallas", "--format", "json"])
        .json();
    let via_flag = idx
        .search(&["peace", "--speaker", "Kallas", "--format", "json"])
        .json();
    assert_eq!(via_syntax["total_hits"], via_flag["total_hits"]);
    // Repeated --speaker means any of them.
    let both = idx
        .search(&[
            "peace",
            "--speaker",
            "Kallas",
            "--speaker",
            "Zelenskyy",
            "--format",
            "json",
        ])
        .json();
    assert!(both["total_hits"].as_u64() > via_flag["total_hits"].as_u64());
}

#[test]
fn facet_counts_cover_all_matches_not_only_shown_hits() {
    let idx = Indexed::of(&[SEED]);
    let v = idx
        .search(&[
            "peace",
            "--facets",
            "speaker,date,topic",
            "--format",
            "json",
            "--limit",
            "1",
        ])
        .json();
    let speakers = v["facets"]["speaker"].as_array().unwrap();
    let count_of = |name: &str| {
        speakers
            .iter()
            .find(|c| c["value"] == name)
            .map(|c| c["count"].as_u64().unwrap())
    };
    // Count by hand from the passages that match "peace".
    let all = idx
        .search(&["peace", "--format", "json", "--limit", "100"])
        .json();
    let hits = all["hits"].as_array().unwrap();
    let expect = |name: &str| {
        hits.iter()
            .filter(|h| speakers_of(h).contains(&name.to_string()))
            .count() as u64
    };
    assert!(expect("Kaja Kallas") >= 3);
    assert_eq!(count_of("Kaja Kallas"), Some(expect("Kaja Kallas")));
    assert_eq!(
        count_of("Volodymyr Zelenskyy"),
        Some(expect("Volodymyr Zelenskyy"))
    );
    assert_eq!(v["facets"]["date"][0]["value"], "2025-11");
    assert_eq!(v["facets"]["date"][0]["count"], v["total_hits"]);
    assert!(!v["facets"]["topic"].as_array().unwrap().is_empty());
    let text = idx.search(&["peace", "--facets", "speaker"]);
    assert!(
        text.stdout().contains("speaker facet"),
        "{}",
        text.describe()
    );
    let bad = idx.search(&["peace", "--facets", "colour"]);
    bad.expect_code(2);
}

fn speakers_of(h: &Value) -> Vec<String> {
    speakers(h)
}

#[test]
fn topic_filter_is_hierarchical() {
    let idx = Indexed::of(&["corpus"]);
    let total = |args: &[&str]| -> u64 {
        let mut all = vec!["--format", "json", "--limit", "0"];
        all.extend_from_slice(args);
        let run = idx.search(&all);
        run.json()["total_hits"].as_u64().unwrap()
    };
    let football = total(&["--topic", "/sport/football"]);
    let sport = total(&["--topic", "/sport"]);
    assert!(
        football >= 4,
        "the cup final article has metadata topic sport/football"
    );
    assert!(sport >= football);
    assert_eq!(
        total(&["--topic", "sport/football"]),
        football,
        "leading slash optional"
    );
    assert_eq!(
        total(&["topic:/sport/football"]),
        football,
        "topic through the query syntax"
    );
    let run = idx.search(&["--topic", "/sport", "--facets", "topic", "--format", "json"]);
    let sub = run.json()["facets"]["topic"].clone();
    assert!(
        sub.as_array()
            .unwrap()
            .iter()
            .any(|c| c["value"] == "/sport/football"),
        "{sub}"
    );
}

#[test]
fn topic_from_dir_adds_the_folder_name() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("Business News");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(
        folder.join("a.txt"),
        "Plain words with no lexicon hits at all, nothing else.\n",
    )
    .unwrap();
    let run = newsdex(&["shard", dir.path().to_str().unwrap(), "--topic-from-dir"]);
    run.expect_code(0);
    let p = &run.jsonl()[0];
    assert!(
        p["topics"]
            .as_array()
            .unwrap()
            .contains(&Value::from("/business-news")),
        "{p}"
    );
    let run = newsdex(&["shard", dir.path().to_str().unwrap()]);
    assert!(
        !run.jsonl()[0]["topics"]
            .as_array()
            .unwrap()
            .contains(&Value::from("/business-news"))
    );
}

#[test]
fn bad_metadata_date_warns_and_the_article_is_still_indexed() {
    let (_dir, idx, run) = index_one_file(
        "a.md",
        b"---\ntitle: T\ndate: the day after tomorrow\n---\nMinisters met on Monday, March 3, 2025 in Brussels.\n",
    );
    run.expect_code(0);
    assert!(
        run.stderr()
            .contains("metadata date \"the day after tomorrow\" is not a date"),
        "{}",
        run.describe()
    );
    let found = newsdex(&[
        "search",
        "Brussels",
        "--index",
        idx.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(
        found.json()["hits"][0]["date"],
        "2025-03-03T00:00:00Z",
        "falls back to the date in the text"
    );
}

#[test]
fn a_filter_value_that_matches_nothing_names_the_closest_values() {
    let idx = Indexed::of(&[SEED]);
    let passages_of = |speaker: &str| -> u64 {
        let run = idx.search(&["--speaker", speaker, "--format", "json", "--limit", "0"]);
        run.json()["total_hits"].as_u64().unwrap()
    };
    let zelenskyy = passages_of("Volodymyr Zelenskyy");
    assert!(zelenskyy > 0);

    // Another transliteration: nothing matches, and the hint names the spelling the
    // index has, with the number of passages that filter would find.
    let run = idx.search(&["peace", "--speaker", "Zelensky"]);
    run.expect_code(1);
    let err = run.stderr();
    assert!(
        err.contains(
            "--speaker \"Zelensky\": no passage in the index has this speaker; did you mean"
        ),
        "{}",
        run.describe()
    );
    assert!(
        err.contains(&format!("Volodymyr Zelenskyy ({zelenskyy} passages)")),
        "{}",
        run.describe()
    );

    // Beside a speaker who matches, the one who does not is still named.
    let run = idx.search(&["peace", "--speaker", "Zelenskiy", "--speaker", "Kallas"]);
    run.expect_code(0);
    assert!(
        run.stderr().contains("--speaker \"Zelenskiy\""),
        "{}",
        run.describe()
    );
    assert!(!run.stderr().contains("\"Kallas\""), "{}", run.describe());

    // A filter that matches somewhere gives no hint, even when this query finds nothing.
    let run = idx.search(&["tariffs", "--speaker", "Kallas"]);
    assert!(
        !run.stderr().contains("no passage in the index"),
        "{}",
        run.describe()
    );

    // Nothing close.
    let run = idx.search(&["peace", "--speaker", "Nobodyatall"]);
    run.expect_code(1);
    assert!(
        run.stderr()
            .contains("no passage in the index has this speaker, and none has one close to it"),
        "{}",
        run.describe()
    );

    // Topics: a misspelt path, and a subtopic the index does not have.
    let run = idx.search(&["peace", "--topic", "/conflicts"]);
    run.expect_code(1);
    assert!(
        run.stderr().contains("--topic \"/conflicts\": no passage in the index has this topic; did you mean /conflict ("),
        "{}",
        run.describe()
    );
    let run = idx.search(&["peace", "--topic", "/conflict/naval-blockades"]);
    assert!(
        run.stderr().contains("did you mean /conflict ("),
        "{}",
        run.describe()
    );
}
