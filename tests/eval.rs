//! `newsdex eval`: measures on runs small enough to score by hand, and the pipeline
//! `search --queries … --format trec --group article` → `eval`.

mod common;

use common::{Indexed, newsdex};

fn close(actual: &serde_json::Value, expected: f64, what: &str) {
    let a = actual
        .as_f64()
        .unwrap_or_else(|| panic!("{what} is not a number: {actual}"));
    assert!(
        (a - expected).abs() < 1e-4,
        "{what}: {a}, expected {expected}"
    );
}

#[test]
fn eval_scores_a_run_as_computed_by_hand() {
    let dir = tempfile::tempdir().unwrap();
    let qrels = dir.path().join("qrels.txt");
    // q1: d1 and d3 relevant, d2 judged not relevant. q2 (Cranfield's three columns):
    // d5 relevant, grade -1 for d4 means not relevant. q3 is judged but never answered.
    std::fs::write(
        &qrels,
        "q1 0 d1 1\nq1 0 d2 0\nq1 0 d3 2\nq2 d4 -1\nq2 d5 3\nq3 0 d9 1\n",
    )
    .unwrap();
    let run = dir.path().join("sys.run");
    // The rank column is ignored: documents are ordered by score.
    std::fs::write(
        &run,
        "q1 Q0 d3 3 1.0 sys\nq1 Q0 d1 1 3.0 sys\nq1 Q0 d2 2 2.0 sys\n\
         q2 Q0 d4 1 2.0 sys\nq2 Q0 d5 2 1.0 sys\nq9 Q0 d1 1 1.0 sys\n",
    )
    .unwrap();
    let out = newsdex(&[
        "eval",
        "--qrels",
        qrels.to_str().unwrap(),
        "--format",
        "json",
        run.to_str().unwrap(),
    ]);
    out.expect_code(0);
    let v = out.json();
    let m = &v["runs"][0]["mean"];
    // AP: q1 (1/1 + 2/3) / 2 = 5/6, q2 (1/2) / 1, q3 0. MAP = (5/6 + 1/2 + 0) / 3.
    close(&m["map"], (5.0 / 6.0 + 0.5) / 3.0, "MAP");
    // P@10 divides by 10 even with fewer results: (2/10 + 1/10 + 0) / 3.
    close(&m["p_10"], 0.1, "P@10");
    // RR: q1 1, q2 1/2, q3 0.
    close(&m["mrr"], 0.5, "MRR");
    close(&m["r_100"], 2.0 / 3.0, "R@100");
    // nDCG@10 (binary): q1 (1 + 1/log2 4) / (1 + 1/log2 3); q2 (1/log2 3) / 1; q3 0.
    let q1 = 1.5 / (1.0 + 1.0 / 3f64.log2());
    let q2 = 1.0 / 3f64.log2();
    close(&m["ndcg_10"], (q1 + q2) / 3.0, "nDCG@10");
    assert_eq!(m["num_q"], 3, "{}", out.describe());
    assert_eq!(m["num_rel"], 4);
    assert_eq!(m["num_rel_ret"], 3);
    assert_eq!(v["runs"][0]["unjudged_queries"], serde_json::json!(["q9"]));
}

#[test]
fn grouped_trec_search_output_is_accepted_by_eval() {
    let idx = Indexed::of(&["corpus"]);
    let queries = idx.dir.path().join("queries.tsv");
    std::fs::write(&queries, "q1\tDonbas\nq2\tpeace bridge vaccine\n").unwrap();
    let search = idx.search(&[
        "--queries",
        queries.to_str().unwrap(),
        "--format",
        "trec",
        "--group",
        "article",
        "--run-tag",
        "newsdex",
    ]);
    search.expect_code(0);
    let out = search.stdout();
    let rows: Vec<Vec<&str>> = out.lines().map(|l| l.split(' ').collect()).collect();
    assert!(
        rows.iter()
            .all(|r| r.len() == 6 && r[1] == "Q0" && r[5] == "newsdex")
    );
    assert!(
        rows.iter().all(|r| !r[2].contains('#')),
        "grouped runs name articles, not passages\n{out}"
    );
    let docs =
        |qid: &str| -> Vec<&str> { rows.iter().filter(|r| r[0] == qid).map(|r| r[2]).collect() };
    let (q1, q2) = (docs("q1"), docs("q2"));
    assert!(!q1.is_empty() && q2.len() >= 2, "{}", search.describe());
    let run = idx.dir.path().join("newsdex.run");
    std::fs::write(&run, &out).unwrap();
    // Judge q1's first article and q2's second one relevant: MRR (1 + 1/2) / 2.
    let qrels = idx.dir.path().join("qrels.txt");
    std::fs::write(&qrels, format!("q1 0 {} 1\nq2 0 {} 1\n", q1[0], q2[1])).unwrap();
    let eval = newsdex(&[
        "eval",
        "--qrels",
        qrels.to_str().unwrap(),
        "--format",
        "json",
        run.to_str().unwrap(),
    ]);
    eval.expect_code(0);
    assert!(eval.stderr().is_empty(), "{}", eval.describe());
    let v = eval.json();
    let m = &v["runs"][0]["mean"];
    assert_eq!(m["num_q"], 2);
    assert_eq!(m["num_rel_ret"], 2);
    close(&m["mrr"], 0.75, "MRR");
    close(&m["map"], 0.75, "MAP");
    assert_eq!(v["runs"][0]["name"], "newsdex");
}
