//! `newsdex shard`: passages exactly as `index` stores them, for each input format.

mod common;

use common::{SEED, newsdex, shard};
use serde_json::Value;

fn s(v: &Value, key: &str) -> String {
    v[key].as_str().map(String::from).unwrap_or_default()
}

#[test]
fn seed_gives_18_passages_numbered_in_order() {
    let passages = shard(SEED);
    assert_eq!(passages.len(), 18);
    for (i, p) in passages.iter().enumerate() {
        assert_eq!(p["para"], i as u64);
        assert_eq!(s(p, "id"), format!("000_42fee1530c361fcc.txt#{i}"));
        assert_eq!(s(p, "article_id"), "000_42fee1530c361fcc.txt");
    }
    let text = |i: usize| s(&passages[i], "text");
    assert!(text(0).starts_with("Ukraine has officially confirmed"));
    assert!(text(7).starts_with("The alleged twenty-eight-point proposal"));
    assert!(text(17).starts_with("She argued that earlier peace attempts"));
    for p in &passages {
        let t = s(p, "text");
        assert!(!t.starts_with("Also Read"), "boilerplate kept: {t}");
        assert!(!t.starts_with("Follow our"), "boilerplate kept: {t}");
    }
}

#[test]
fn seed_sections_follow_the_subheadings() {
    let passages = shard(SEED);
    for (i, p) in passages.iter().enumerate() {
        let expected = match i {
            0..=3 => Value::Null,
            4..=10 => Value::from("Zelenskyy to discuss key points with Trump"),
            _ => Value::from("European Union reacts"),
        };
        assert_eq!(p["section"], expected, "passage {i}");
    }
}

#[test]
fn every_hit_key_is_present_in_shard_output() {
    let passages = shard(SEED);
    for key in [
        "id",
        "article_id",
        "title",
        "para",
        "section",
        "text",
        "date",
        "speakers",
        "topics",
        "source",
        "speaker_role",
        "mentioned_dates",
    ] {
        assert!(passages[0].get(key).is_some(), "missing key {key}");
    }
    assert!(passages[0].get("score").is_none());
    assert!(passages[0].get("snippet").is_none());
}

#[test]
fn plain_text_with_front_matter_and_subheading() {
    let p = shard("corpus/text/harbour-bridge-vote.txt");
    assert_eq!(s(&p[0], "article_id"), "sample-harbour-bridge");
    assert_eq!(
        s(&p[0], "title"),
        "Council backs harbour bridge after marathon session"
    );
    assert_eq!(s(&p[0], "date"), "2025-10-14T00:00:00Z");
    assert_eq!(
        s(&p[0], "source"),
        "https://news.example.org/2025/10/14/harbour-bridge"
    );
    // The title line repeated under the front matter is not a passage.
    assert!(s(&p[0], "text").starts_with("The city council of Port Alder"));
    assert_eq!(p.len(), 6);
    assert_eq!(p[2]["section"], Value::Null);
    assert_eq!(s(&p[3], "section"), "Cost and funding");
    let topics: Vec<&str> = p[0]["topics"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(topics.contains(&"/politics/local-government"), "{topics:?}");
    assert!(topics.contains(&"/transport"), "{topics:?}");
}

#[test]
fn plain_text_headline_layout() {
    let p = shard("corpus/text/chip-export-rules.txt");
    assert_eq!(
        s(&p[0], "title"),
        "Chipmaker warns new export rules will cut sales"
    );
    assert_eq!(s(&p[0], "article_id"), "chip-export-rules.txt");
    assert_eq!(p.len(), 5);
    assert!(s(&p[0], "text").starts_with("Shares in Norvale"));
}

#[test]
fn markdown_headings_become_sections_and_links_text() {
    let p = shard("corpus/markdown/flood-defences.md");
    assert_eq!(
        s(&p[0], "title"),
        "River towns count the cost as flood defences fail"
    );
    assert_eq!(s(&p[0], "date"), "2025-03-06T00:00:00Z");
    assert!(
        s(&p[0], "text").contains("on Wednesday after"),
        "emphasis markers removed"
    );
    let sections: Vec<Value> = p.iter().map(|x| x["section"].clone()).collect();
    assert_eq!(
        sections,
        vec![
            Value::Null,
            Value::Null,
            "Questions over funding".into(),
            "Questions over funding".into(),
            "Insurance claims".into(),
        ],
        "the 'Read more' link line is boilerplate"
    );
}

#[test]
fn json_lines_and_json_arrays() {
    let p = shard("corpus/json/wire.jsonl");
    let ids: Vec<String> = p.iter().map(|x| s(x, "id")).collect();
    assert_eq!(ids[0], "sample-rates-hold#0");
    assert_eq!(ids.len(), 12);
    assert_eq!(
        s(&p[4], "date"),
        "2025-05-18T00:00:00Z",
        "'May 18, 2025' parses"
    );
    let a = shard("corpus/json/briefs.json");
    assert_eq!(s(&a[0], "article_id"), "sample-port-strike");
    assert_eq!(s(&a[0], "date"), "2025-11-20T00:00:00Z");
    assert_eq!(a.len(), 5);
}

#[test]
fn field_mapping_and_text_output() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("feed.jsonl");
    std::fs::write(
        &f,
        "{\"guid\": \"x-1\", \"content\": \"First paragraph.\\nSecond one.\"}\n",
    )
    .unwrap();
    let run = newsdex(&[
        "shard",
        f.to_str().unwrap(),
        "--field",
        "body=content",
        "--field",
        "id=guid",
        "--format",
        "text",
    ]);
    run.expect_code(0);
    assert!(run.stdout().contains("x-1#0"), "{}", run.describe());
    assert!(run.stdout().contains("x-1#1"));
    let bad = newsdex(&["shard", f.to_str().unwrap(), "--field", "colour=x"]);
    bad.expect_code(2);
    assert!(
        bad.stderr().contains("unknown article field 'colour'"),
        "{}",
        bad.describe()
    );
}

#[test]
fn shard_reports_bad_lines_and_missing_paths_with_status_1() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("mixed.jsonl");
    std::fs::write(&f, "{\"body\": \"Good.\"}\n{broken\n").unwrap();
    let run = newsdex(&[
        "shard",
        f.to_str().unwrap(),
        dir.path().join("nope").to_str().unwrap(),
    ]);
    run.expect_code(1);
    assert_eq!(run.jsonl().len(), 1);
    assert!(
        run.stderr().contains("mixed.jsonl: line 2: invalid JSON"),
        "{}",
        run.describe()
    );
    assert!(
        run.stderr().contains("nope: no such file or directory"),
        "{}",
        run.describe()
    );
}
