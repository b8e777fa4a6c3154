//! Measures speaker attribution (`speakers` of `newsdex shard`) against a
//! hand-annotated Reuters-21578 gold set, `tests/data/speakers_reuters_gold.tsv`
//! (155 passages of 30 wire stories, annotated blind on 2026-12-01; selection rule
//! and conventions in the file's header and in `docs/speakers-reuters.md`), with
//! the same scoring code as the BBC sets (`tests/common/speakers.rs`).
//!
//! The stories are converted by `benches/reuters_to_jsonl.py`, as the gold ids
//! were made. The data set lives outside the repository and the converter needs
//! `python3`; without either the test skips. Run with
//! `cargo test --release --test speakers_reuters -- --nocapture` to see the table
//! and every disagreement.

mod common;

use std::collections::BTreeSet;

use common::speakers::{Floors, read_gold, score, shard_speakers};

const GOLD: &str = "tests/data/speakers_reuters_gold.tsv";

// Regression guards, not targets: each floor is what the code measured minus 0.05,
// rounded down. First set on 2026-12-01 at RULES_REVISION 21 (9861214), measured
// blind: the gold file was committed (a0a6565) before the first comparison (exact
// 110/155 = 0.710; strict P 71/100 = 0.710 R 71/116 = 0.612 F1 0.657; lenient P
// 91/100 = 0.910 R 91/116 = 0.784 F1 0.843); raised with RULES_REVISION 32 (27 on its branch), whose
// rules (22-27) were written from this set's errors, so it is no longer blind (exact
// 127/155 = 0.819; strict P 90/106 = 0.849 R 90/116 = 0.776 F1 0.811; lenient P
// 100/106 = 0.943 R 100/116 = 0.862 F1 0.901); raised again at RULES_REVISION 53
// (08e2892; rule 50, "the sources" as the group named before, fixed most of its
// strict errors: exact 136/155 = 0.877; strict P 97/105 = 0.924 R 97/116 = 0.836 F1
// 0.878; lenient P 101/105 = 0.962 R 101/116 = 0.871 F1 0.914). Raise them when
// attribution improves; never lower them to make a change pass.
const FLOORS: Floors = Floors {
    exact_passages: 0.82,
    strict_precision: 0.87,
    strict_recall: 0.78,
    strict_f1: 0.82,
    lenient_precision: 0.91,
    lenient_recall: 0.82,
    lenient_f1: 0.86,
};

#[test]
fn reuters_speakers_agree_with_blind_annotation() {
    let Some(archive) = common::reuters_archive("speakers_reuters") else {
        return;
    };
    if !common::python3_found("speakers_reuters") {
        return;
    }
    let gold = read_gold(GOLD);
    // Gold ids are reuters-<NEWID>#PARA; the article id is what precedes '#'.
    let articles: BTreeSet<&str> = gold
        .keys()
        .map(|id| id.split_once('#').expect("gold id has #PARA").0)
        .collect();

    let dir = tempfile::tempdir().expect("create a temporary directory");
    let converted = common::reuters_jsonl(&archive, dir.path());
    let mut selected = String::new();
    let mut found = 0;
    for line in converted.lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
        if articles.contains(v["id"].as_str().expect("an id")) {
            selected.push_str(line);
            selected.push('\n');
            found += 1;
        }
    }
    assert_eq!(
        found,
        articles.len(),
        "some gold articles are missing from the converter's output"
    );
    let subset = dir.path().join("selected.jsonl");
    std::fs::write(&subset, selected).expect("write the selected articles");

    let predicted = shard_speakers(&[subset], &["--reference-date", "1987-10-20"], "");
    score(GOLD, &gold, &predicted, &FLOORS);
}
