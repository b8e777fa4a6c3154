//! `newsdex search`: ranking, phrases, exit statuses, output formats and errors.

mod common;

use common::{Indexed, SEED, newsdex};

#[test]
fn donbas_ranks_the_twenty_eight_point_passage_first() {
    let idx = Indexed::of(&[SEED]);
    let run = idx.search(&["Donbas", "--format", "json"]);
    run.expect_code(0);
    let v = run.json();
    assert_eq!(v["query"], "Donbas");
    assert!(v["took_ms"].as_f64().is_some());
    let hits = v["hits"].as_array().unwrap();
    assert!(!hits.is_empty());
    assert_eq!(hits[0]["para"], 7);
    assert!(
        hits[0]["text"]
            .as_str()
            .unwrap()
            .contains("twenty-eight-point proposal")
    );
    assert_eq!(v["total_hits"], hits.len() as u64);
    for key in [
        "id",
        "article_id",
        "title",
        "para",
        "section",
        "text",
        "snippet",
        "score",
        "date",
        "speakers",
        "topics",
        "source",
    ] {
        assert!(hits[0].get(key).is_some(), "hit lacks {key}");
    }
    assert!(hits[0]["snippet"].as_str().unwrap().contains("Donbas"));
}

#[test]
fn exact_phrase_has_exactly_one_hit() {
    let idx = Indexed::of(&[SEED]);
    let run = idx.search(&["\"heavily tilted towards Russia\"", "--format", "json"]);
    run.expect_code(0);
    let v = run.json();
    assert_eq!(v["total_hits"], 1);
    assert_eq!(v["hits"][0]["para"], 8);
}

#[test]
fn nothing_matched_exits_1() {
    let idx = Indexed::of(&[SEED]);
    let run = idx.search(&["xylophonist"]);
    run.expect_code(1);
    assert!(run.stdout().is_empty());
    assert!(
        run.stderr().contains("0 of 18 passages matched"),
        "{}",
        run.describe()
    );
}

#[test]
fn malformed_query_exits_2_with_position() {
    let idx = Indexed::of(&[SEED]);
    let run = idx.search(&["peace AND ("]);
    run.expect_code(2);
    let err = run.stderr();
    assert!(err.contains("position 10"), "{}", run.describe());
    assert!(err.contains("never closed"), "{}", run.describe());
    let run = idx.search(&["colour:red"]);
    run.expect_code(2);
    assert!(
        run.stderr().contains("no field 'colour'"),
        "{}",
        run.describe()
    );
}

#[test]
fn index_flag_on_a_directory_that_is_not_an_index() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.txt"), "hello").unwrap();
    let run = newsdex(&["search", "peace", "--index", dir.path().to_str().unwrap()]);
    run.expect_code(2);
    assert!(
        run.stderr().contains("is not a newsdex index"),
        "{}",
        run.describe()
    );
    let missing = dir.path().join("nothing-here");
    let run = newsdex(&["search", "peace", "--index", missing.to_str().unwrap()]);
    run.expect_code(2);
    assert!(
        run.stderr().contains("build one with `newsdex index"),
        "{}",
        run.describe()
    );
}

#[test]
fn jsonl_and_trec_formats() {
    let idx = Indexed::of(&["corpus"]);
    let run = idx.search(&["peace", "--format", "jsonl", "--limit", "3"]);
    run.expect_code(0);
    let lines = run.jsonl();
    assert_eq!(lines.len(), 3);
    let scores: Vec<f64> = lines.iter().map(|h| h["score"].as_f64().unwrap()).collect();
    assert!(
        scores.windows(2).all(|w| w[0] >= w[1]),
        "ranked: {scores:?}"
    );
    let run = idx.search(&[
        "peace",
        "--format",
        "trec",
        "--limit",
        "3",
        "--run-tag",
        "t1",
    ]);
    run.expect_code(0);
    let out = run.stdout();
    let rows: Vec<Vec<&str>> = out.lines().map(|l| l.split(' ').collect()).collect();
    assert_eq!(rows.len(), 3);
    for (i, r) in rows.iter().enumerate() {
        assert_eq!(r.len(), 6);
        assert_eq!(
            (r[0], r[1], r[3], r[5]),
            ("1", "Q0", (i + 1).to_string().as_str(), "t1")
        );
        assert!(r[2].contains('#'));
    }
}

#[test]
fn limit_offset_and_text_output() {
    let idx = Indexed::of(&["corpus"]);
    let all = idx
        .search(&["peace", "--format", "json", "--limit", "6"])
        .json();
    let page = idx
        .search(&["peace", "--format", "json", "--limit", "3", "--offset", "3"])
        .json();
    let ids = |v: &serde_json::Value| -> Vec<String> {
        v["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["id"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(ids(&page), ids(&all)[3..6].to_vec());
    let text = idx.search(&["Donbas"]);
    text.expect_code(0);
    let out = text.stdout();
    assert!(
        out.contains("000_42fee1530c361fcc.txt#7"),
        "{}",
        text.describe()
    );
    assert!(
        out.contains("section Zelenskyy to discuss key points with Trump"),
        "{}",
        text.describe()
    );
    assert!(
        !out.contains('\x1b'),
        "no colour when NO_COLOR is set and stdout is a pipe"
    );
    let colored = idx.search(&["Donbas", "--color", "always"]);
    assert!(
        colored.stdout().contains("\x1b[1;31mDonbas\x1b[0m"),
        "{}",
        colored.describe()
    );
}

#[test]
fn batch_queries_answer_a_query_file_in_one_process() {
    let idx = Indexed::of(&["corpus"]);
    let qfile = idx.dir.path().join("q.tsv");
    std::fs::write(
        &qfile,
        "# comment\nq1\tDonbas\nq2\tbridge tram\nq3\tzzzznothing\n",
    )
    .unwrap();
    let run = idx.search(&[
        "--queries",
        qfile.to_str().unwrap(),
        "--format",
        "trec",
        "--limit",
        "2",
    ]);
    run.expect_code(0);
    let out = run.stdout();
    let qids: Vec<&str> = out.lines().map(|l| l.split(' ').next().unwrap()).collect();
    assert_eq!(
        qids,
        ["q1", "q2", "q2"],
        "Donbas matches one passage\n{}",
        run.describe()
    );
    let run = idx.search(&["--queries", qfile.to_str().unwrap(), "--format", "json"]);
    let v = run.json();
    assert_eq!(v.as_array().unwrap().len(), 3);
    assert_eq!(v[2]["qid"], "q3");
    assert_eq!(v[2]["total_hits"], 0);
}

#[test]
fn group_by_article_keeps_the_best_passage_of_each() {
    let idx = Indexed::of(&["corpus"]);
    let run = idx.search(&[
        "peace OR bridge OR vaccine",
        "--group",
        "article",
        "--format",
        "jsonl",
        "--limit",
        "20",
    ]);
    run.expect_code(0);
    let hits = run.jsonl();
    let n = assert_one_hit_per_article(&hits);
    assert!(n >= 3);
    let trec = idx.search(&["peace", "--group", "article", "--format", "trec"]);
    assert!(
        trec.stdout()
            .lines()
            .all(|l| !l.split(' ').nth(2).unwrap().contains('#'))
    );
}

#[test]
fn per_article_cap_and_context() {
    let idx = Indexed::of(&["corpus"]);
    let run = idx.search(&[
        "peace",
        "--per-article",
        "2",
        "--format",
        "jsonl",
        "--limit",
        "10",
    ]);
    let hits = run.jsonl();
    let seed_hits = hits
        .iter()
        .filter(|h| h["article_id"] == "seed/000_42fee1530c361fcc.txt")
        .count();
    assert_eq!(seed_hits, 2, "{}", run.describe());
    let run = idx.search(&["Donbas", "--context", "1", "--format", "json"]);
    let v = run.json();
    let ctx = v["hits"][0]["context"].as_array().unwrap();
    let paras: Vec<u64> = ctx.iter().map(|c| c["para"].as_u64().unwrap()).collect();
    assert_eq!(paras, [6, 8]);
    let text = idx.search(&["Donbas", "-C", "1"]);
    assert!(text.stdout().contains("#6  -"), "{}", text.describe());
}

#[test]
fn no_query_and_no_filter_is_an_error() {
    let idx = Indexed::of(&[SEED]);
    let run = idx.search::<&str>(&[]);
    run.expect_code(2);
    assert!(run.stderr().contains("no query"), "{}", run.describe());
}

#[test]
fn facet_counts_alone_count_over_every_passage() {
    let idx = Indexed::of(&[SEED]);
    let all = idx
        .search(&["--facets", "speaker", "--format", "json", "--limit", "0"])
        .json();
    let passages = idx
        .search(&["*", "--format", "json", "--limit", "0"])
        .json();
    assert_eq!(all["total_hits"], passages["total_hits"]);
    let kallas = idx
        .search(&[
            "--speaker",
            "Kaja Kallas",
            "--format",
            "json",
            "--limit",
            "0",
        ])
        .json();
    let counted = all["facets"]["speaker"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["value"] == "Kaja Kallas")
        .map(|c| c["count"].clone());
    assert_eq!(counted, Some(kallas["total_hits"].clone()));
}

/// `--feedback` (and proximity) only re-rank: the same passages match, and `total_hits`
/// is the user query's, with or without it.
#[test]
fn feedback_reorders_but_keeps_the_matches_and_the_total() {
    let idx = Indexed::of(&["corpus"]);
    for q in [
        "peace plan",
        "bridge",
        "peace OR bridge OR vaccine",
        "+peace -loan",
        "\"peace plan\"",
    ] {
        let mut runs = Vec::new();
        for extra in [None, Some("--feedback")] {
            let mut args = vec![q, "--format", "json", "--limit", "1000"];
            args.extend(extra);
            let run = idx.search(&args);
            run.expect_code(0);
            let v = run.json();
            let mut ids: Vec<String> = v["hits"]
                .as_array()
                .unwrap()
                .iter()
                .map(|h| h["id"].as_str().unwrap().to_string())
                .collect();
            assert_eq!(v["total_hits"], ids.len() as u64, "{q}: {}", run.describe());
            ids.sort();
            runs.push((v["total_hits"].clone(), ids));
        }
        assert_eq!(runs[0], runs[1], "{q}");
    }
}

/// Facet counts and `--group article` come from the same single pass as the hits; with
/// feedback they count what the query matches, not what feedback re-ranked.
#[test]
fn feedback_leaves_facets_and_grouping_alone() {
    let idx = Indexed::of(&["corpus"]);
    let base = [
        "peace",
        "--format",
        "json",
        "--facets",
        "speaker,topic,date",
    ];
    let plain = idx.search(&base).json();
    let mut args = base.to_vec();
    args.push("--feedback");
    let fed = idx.search(&args).json();
    assert_eq!(plain["facets"], fed["facets"]);
    assert_eq!(plain["total_hits"], fed["total_hits"]);
    let grouped = idx.search(&[
        "peace",
        "--group",
        "article",
        "--feedback",
        "--format",
        "jsonl",
    ]);
    let hits = grouped.jsonl();
    assert_one_hit_per_article(&hits);
}

/// Asserts that no two hits share an article; returns the number of hits.
fn assert_one_hit_per_article(hits: &[serde_json::Value]) -> usize {
    let mut articles: Vec<&str> = hits
        .iter()
        .map(|h| h["article_id"].as_str().expect("article_id"))
        .collect();
    let n = articles.len();
    articles.sort();
    articles.dedup();
    assert_eq!(articles.len(), n, "one hit per article");
    n
}
