//! Measures speaker attribution (`speakers` of `newsdex shard`) against three
//! hand-annotated BBC News gold sets: `tests/data/speakers_bbc_gold.tsv` (147
//! passages of 30 articles, tuned against since 2026-11-30),
//! `tests/data/speakers_bbc_heldout.tsv` (158 passages of 30 other articles,
//! annotated later as a held-out check, since used to write rules) and
//! `tests/data/speakers_bbc_heldout2.tsv` (126 passages of 30 further articles,
//! annotated on 2026-12-01 as a second held-out check). All were annotated from
//! the raw text, blind to newsdex's output; selection rules and conventions are
//! in the files' headers and in `docs/speakers-bbc.md`.
//!
//! Run with `cargo test --release --test speakers_bbc -- --nocapture` to see
//! each set's table and every disagreement. The scoring is shared with the
//! Reuters-21578 set (`tests/speakers_reuters.rs`) in `tests/common/speakers.rs`.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;

use common::speakers::{
    Floors, Labels, lenient_match, normalise, read_gold, score, shard_speakers, unmatched,
};

const FOLDERS: [&str; 5] = ["business", "entertainment", "politics", "sport", "tech"];

// Original set. Regression guards, not targets: each floor is what the code measured
// minus 0.05, rounded down. First set on 2026-11-30 at 9f7aae0 (exact 0.667; strict P
// 0.706 R 0.611 F1 0.655; lenient P 0.780 R 0.675 F1 0.723); raised at 20b09fb (exact
// 0.701; strict P 0.732 R 0.651 F1 0.689; lenient P 0.804 R 0.714 F1 0.756); raised
// with RULES_REVISION 10 (exact 0.762; strict P 0.775 R 0.738 F1 0.756; lenient P
// 0.850 R 0.810 F1 0.829; strict precision keeps the 0.73 set a step earlier, when
// it measured 0.780); raised on main after the rules written beside that branch
// (exact 0.769; strict P 0.783 R 0.746 F1 0.764; lenient unchanged); raised with
// RULES_REVISION 11 on branch spk-gold2 (exact 0.776; strict P 0.785 R 0.754 F1
// 0.769; lenient P 0.851 R 0.817 F1 0.834); raised with RULES_REVISION 16 (exact
// 0.782; strict P 0.793 R 0.762 F1 0.777; lenient unchanged); at RULES_REVISION 20
// exact 0.789, strict F1 0.785, lenient F1 0.842 (floors unchanged). Raise them when
// attribution improves; never lower them to make a change pass.
const FLOORS_ORIGINAL: Floors = Floors {
    exact_passages: 0.73,
    strict_precision: 0.74,
    strict_recall: 0.71,
    strict_f1: 0.72,
    lenient_precision: 0.80,
    lenient_recall: 0.76,
    lenient_f1: 0.78,
};

// Held-out set. Regression guards, not targets: each floor is what the code measured
// minus 0.05, rounded down. First set on 2026-11-30 at RULES_REVISION 10 (52cf25e),
// measured blind, before any rule was fitted to it (exact 0.690; strict P 0.705 R
// 0.536 F1 0.609; lenient P 0.758 R 0.576 F1 0.655); raised with RULES_REVISION 11,
// whose rules were written from this set's errors, so it is no longer blind (exact
// 0.715; strict P 0.755 R 0.616 F1 0.678; lenient P 0.794 R 0.648 F1 0.714); raised
// with RULES_REVISION 16 (exact 0.734; strict P 0.786 R 0.648 F1 0.711; lenient P
// 0.825 R 0.680 F1 0.746); strict F1 0.719 at RULES_REVISION 18, 0.725 (lenient
// 0.760) at 21 (floors unchanged); raised at RULES_REVISION 32 (27 on its branch), whose firm-name rule
// resolves "BRC" in business/225 (exact 120/158 = 0.759; strict P 0.816 R 0.672 F1
// 0.737; lenient P 0.854 R 0.704 F1 0.772).
// Raise them when attribution improves; never lower them to make a change pass.
const FLOORS_HELDOUT: Floors = Floors {
    exact_passages: 0.70,
    strict_precision: 0.76,
    strict_recall: 0.62,
    strict_f1: 0.68,
    lenient_precision: 0.80,
    lenient_recall: 0.65,
    lenient_f1: 0.72,
};

// Second held-out set (files 010-260). Regression guards, not targets: each floor is
// what the code measured minus 0.05, rounded down. First set on 2026-12-01 at fd78a5c
// (RULES_REVISION 15), measured blind: the gold file was committed (eade1c8) before
// the first comparison and no rule had been fitted to it (exact 81/126 = 0.643;
// strict P 84/104 = 0.808 R 84/137 = 0.613 F1 0.697; lenient P 91/104 = 0.875 R
// 91/137 = 0.664 F1 0.755); raised with RULES_REVISION 16, whose rules were written
// before this set's errors were read (exact 85/126 = 0.675; strict P 0.846 R 0.642
// F1 0.730; lenient P 0.885 R 0.672 F1 0.763); raised with RULES_REVISION 17, two of
// whose rules (plural groups, a stray space before a closing quote) address error
// classes this set's first measurement listed, so it is no longer blind (exact 86/126
// = 0.683; strict P 0.852 R 0.672 F1 0.751; lenient P 0.889 R 0.701 F1 0.784);
// raised at RULES_REVISION 32 (27 on its branch), whose participle-phrase rule finds "many experts,
// including the World Bank, have" (exact 86/126 = 0.683; strict P 0.855 R 0.686 F1
// 0.761; lenient P 0.891 R 0.715 F1 0.794). Raise them when attribution improves;
// never lower them to make a change pass.
const FLOORS_HELDOUT2: Floors = Floors {
    exact_passages: 0.63,
    strict_precision: 0.80,
    strict_recall: 0.63,
    strict_f1: 0.71,
    lenient_precision: 0.84,
    lenient_recall: 0.66,
    lenient_f1: 0.74,
};

#[test]
fn bbc_speakers_agree_with_hand_annotation() {
    score_gold_set("tests/data/speakers_bbc_gold.tsv", &FLOORS_ORIGINAL);
}

#[test]
fn bbc_speakers_agree_with_heldout_annotation() {
    score_gold_set("tests/data/speakers_bbc_heldout.tsv", &FLOORS_HELDOUT);
}

#[test]
fn bbc_speakers_agree_with_second_heldout_annotation() {
    score_gold_set("tests/data/speakers_bbc_heldout2.tsv", &FLOORS_HELDOUT2);
}

/// Runs `newsdex shard` on the articles a gold file names and scores them with the
/// shared code in `tests/common/speakers.rs`. `gold_file` is relative to the crate.
fn score_gold_set(gold_file: &str, floors: &Floors) {
    let archive =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/bbc_news/bbc-fulltext.tar.gz");
    if !archive.is_file() {
        eprintln!(
            "skipping speakers_bbc: {} not found (the BBC data set is not shipped)",
            archive.display()
        );
        return;
    }

    // Gold ids are FOLDER/FILE#PARA.
    let gold = read_gold(gold_file);
    let mut files: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    for id in gold.keys() {
        let (folder, rest) = id.split_once('/').expect("gold id has a folder");
        let file = rest.split_once('#').expect("gold id has #PARA").0;
        let folder = FOLDERS
            .iter()
            .find(|f| **f == folder)
            .expect("known folder");
        files.entry(folder).or_default().insert(file.to_string());
    }

    // Unpack only the annotated articles.
    let dir = tempfile::tempdir().expect("create temp dir");
    let members: Vec<String> = files
        .iter()
        .flat_map(|(folder, names)| names.iter().map(move |n| format!("bbc_news/{folder}/{n}")))
        .collect();
    let status = Command::new("tar")
        .arg("-xzf")
        .arg(&archive)
        .arg("-C")
        .arg(dir.path())
        .args(&members)
        .status()
        .expect("run tar");
    assert!(status.success(), "tar -xzf {} failed", archive.display());

    // Predictions: newsdex ids carry only the file name, so run one folder at
    // a time and prefix the folder.
    let mut predicted = Labels::new();
    for (folder, names) in &files {
        let paths: Vec<_> = names
            .iter()
            .map(|n| dir.path().join("bbc_news").join(folder).join(n))
            .collect();
        predicted.extend(shard_speakers(&paths, &[], &format!("{folder}/")));
    }
    score(gold_file, &gold, &predicted, floors);
}

#[test]
fn matching_rules() {
    assert_eq!(normalise("The  BBC "), "bbc");
    assert_eq!(normalise("Nestlé"), "nestle");
    assert!(lenient_match(&normalise("Blair"), &normalise("Tony Blair")));
    assert!(lenient_match(&normalise("Sony Corp"), &normalise("Sony")));
    assert!(!lenient_match(
        &normalise("Tony Blair"),
        &normalise("Tony Benn")
    ));
    let (g, p) = unmatched(
        &[normalise("Tony Blair"), normalise("Gordon Brown")],
        &[normalise("Blair"), normalise("Michael Howard")],
        true,
    );
    assert_eq!((g.len(), p.len()), (1, 1));
}
