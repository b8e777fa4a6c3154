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
//! each set's table and every disagreement.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;

const FOLDERS: [&str; 5] = ["business", "entertainment", "politics", "sport", "tech"];

/// Regression guards for one gold set: the lowest accepted strict exact-set
/// passage accuracy, strict precision/recall/F1 and lenient precision/recall/F1.
struct Floors {
    exact_passages: f64,
    strict_precision: f64,
    strict_recall: f64,
    strict_f1: f64,
    lenient_precision: f64,
    lenient_recall: f64,
    lenient_f1: f64,
}

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
// 0.760) at 21 (floors unchanged).
// Raise them when attribution improves; never lower them to make a change pass.
const FLOORS_HELDOUT: Floors = Floors {
    exact_passages: 0.68,
    strict_precision: 0.73,
    strict_recall: 0.59,
    strict_f1: 0.66,
    lenient_precision: 0.77,
    lenient_recall: 0.63,
    lenient_f1: 0.69,
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
// = 0.683; strict P 0.852 R 0.672 F1 0.751; lenient P 0.889 R 0.701 F1 0.784). Raise
// them when attribution improves; never lower them to make a change pass.
const FLOORS_HELDOUT2: Floors = Floors {
    exact_passages: 0.63,
    strict_precision: 0.80,
    strict_recall: 0.62,
    strict_f1: 0.70,
    lenient_precision: 0.83,
    lenient_recall: 0.65,
    lenient_f1: 0.73,
};

/// Case- and accent-insensitive form of a name, without a leading "the ".
fn normalise(name: &str) -> String {
    let folded = deunicode::deunicode(name).to_lowercase();
    let words: Vec<&str> = folded.split_whitespace().collect();
    let joined = words.join(" ");
    joined
        .strip_prefix("the ")
        .map(str::to_string)
        .unwrap_or(joined)
}

/// The words of a normalised name, punctuation and a leading article dropped.
fn words(name: &str) -> BTreeSet<String> {
    let mut out: Vec<String> = name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && *w != "s")
        .map(str::to_string)
        .collect();
    if out.len() > 1 && matches!(out[0].as_str(), "a" | "an" | "the") {
        out.remove(0);
    }
    out.into_iter().collect()
}

fn lenient_match(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (wa, wb) = (words(a), words(b));
    !wa.is_empty() && !wb.is_empty() && (wa.is_subset(&wb) || wb.is_subset(&wa))
}

/// One-to-one matching of gold and predicted names (normalised): exact pairs
/// first, then, when `lenient`, word-subset pairs. Returns the unmatched gold
/// and unmatched predicted names.
fn unmatched(gold: &[String], pred: &[String], lenient: bool) -> (Vec<String>, Vec<String>) {
    let mut g: Vec<String> = gold.to_vec();
    let mut p: Vec<String> = pred.to_vec();
    g.retain(|x| match p.iter().position(|y| y == x) {
        Some(i) => {
            p.remove(i);
            false
        }
        None => true,
    });
    if lenient {
        g.retain(|x| match p.iter().position(|y| lenient_match(x, y)) {
            Some(i) => {
                p.remove(i);
                false
            }
            None => true,
        });
    }
    (g, p)
}

#[derive(Default)]
struct Counts {
    gold: usize,
    pred: usize,
    tp: usize,
    exact_passages: usize,
    missed: usize,
    wrong: usize,
    spurious: usize,
}

impl Counts {
    fn add(&mut self, gold: &[String], pred: &[String], lenient: bool) {
        let (g, p) = unmatched(gold, pred, lenient);
        self.gold += gold.len();
        self.pred += pred.len();
        self.tp += gold.len() - g.len();
        self.exact_passages += usize::from(g.is_empty() && p.is_empty());
        // A passage with both an unmatched gold and an unmatched predicted
        // name attributed to the wrong speaker; the rest are misses or extras.
        let wrong = g.len().min(p.len());
        self.wrong += wrong;
        self.missed += g.len() - wrong;
        self.spurious += p.len() - wrong;
    }
    fn precision(&self) -> f64 {
        self.tp as f64 / self.pred.max(1) as f64
    }
    fn recall(&self) -> f64 {
        self.tp as f64 / self.gold.max(1) as f64
    }
    fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn split_names(field: &str) -> Vec<String> {
    field
        .split('|')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(normalise)
        .collect()
}

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

/// Runs `newsdex shard` on the articles a gold file names, prints its table and
/// every disagreement, and asserts `floors`. `gold_file` is relative to the crate.
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

    // Gold: id -> (raw labels, normalised names); ids are FOLDER/FILE#PARA.
    let gold_path = Path::new(env!("CARGO_MANIFEST_DIR")).join(gold_file);
    let gold_text = std::fs::read_to_string(&gold_path).expect("read gold file");
    let mut gold: BTreeMap<String, (String, Vec<String>)> = BTreeMap::new();
    for line in gold_text.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let (id, labels) = line.split_once('\t').unwrap_or((line, ""));
        let previous = gold.insert(id.to_string(), (labels.to_string(), split_names(labels)));
        assert!(previous.is_none(), "duplicate gold id {id}");
    }
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
    let mut predicted: BTreeMap<String, (String, Vec<String>)> = BTreeMap::new();
    for (folder, names) in &files {
        let paths: Vec<_> = names
            .iter()
            .map(|n| dir.path().join("bbc_news").join(folder).join(n))
            .collect();
        let output = Command::new(env!("CARGO_BIN_EXE_newsdex"))
            .arg("shard")
            .args(&paths)
            .args(["--format", "jsonl"])
            .output()
            .expect("run newsdex shard");
        assert!(
            output.status.success(),
            "newsdex shard failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        for line in String::from_utf8(output.stdout).expect("utf-8").lines() {
            let v: serde_json::Value = serde_json::from_str(line).expect("jsonl line");
            let id = format!("{folder}/{}", v["id"].as_str().expect("id"));
            let names: Vec<String> = v["speakers"]
                .as_array()
                .expect("speakers array")
                .iter()
                .map(|s| s.as_str().expect("speaker string").to_string())
                .collect();
            predicted.insert(id, (names.join("|"), split_names(&names.join("|"))));
        }
    }
    let missing: Vec<&String> = gold
        .keys()
        .filter(|id| !predicted.contains_key(*id))
        .collect();
    let extra: Vec<&String> = predicted
        .keys()
        .filter(|id| !gold.contains_key(*id))
        .collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "the paragraph split no longer matches the gold ids (re-annotate those \
         passages from the raw text): missing {missing:?}, extra {extra:?}"
    );

    // The report is printed in one piece: the sets' tests run in parallel.
    let mut report = String::new();
    let (mut strict, mut lenient) = (Counts::default(), Counts::default());
    writeln!(
        report,
        "\n{gold_file}: disagreements (id | gold | newsdex):"
    )
    .unwrap();
    for (id, (gold_raw, gold_names)) in &gold {
        let (pred_raw, pred_names) = &predicted[id];
        strict.add(gold_names, pred_names, false);
        lenient.add(gold_names, pred_names, true);
        let (g, p) = unmatched(gold_names, pred_names, false);
        if !g.is_empty() || !p.is_empty() {
            let (lg, lp) = unmatched(gold_names, pred_names, true);
            let note = if lg.is_empty() && lp.is_empty() {
                "  (lenient match)"
            } else {
                ""
            };
            writeln!(report, "{id} | {gold_raw} | {pred_raw}{note}").unwrap();
        }
    }

    let passages = gold.len();
    writeln!(
        report,
        "\n{gold_file}: {passages} passages, {} gold speakers, {} predicted",
        strict.gold, strict.pred
    )
    .unwrap();
    writeln!(
        report,
        "matching | exact passages | precision | recall | F1 | missed | wrong | spurious"
    )
    .unwrap();
    for (name, c) in [("strict", &strict), ("lenient", &lenient)] {
        writeln!(
            report,
            "{name} | {}/{passages} = {:.3} | {:.3} | {:.3} | {:.3} | {} | {} | {}",
            c.exact_passages,
            c.exact_passages as f64 / passages as f64,
            c.precision(),
            c.recall(),
            c.f1(),
            c.missed,
            c.wrong,
            c.spurious
        )
        .unwrap();
    }

    eprint!("{report}");

    let exact = strict.exact_passages as f64 / passages as f64;
    let checks = [
        (
            "strict exact-set passage accuracy",
            exact,
            floors.exact_passages,
        ),
        (
            "strict precision",
            strict.precision(),
            floors.strict_precision,
        ),
        ("strict recall", strict.recall(), floors.strict_recall),
        ("strict F1", strict.f1(), floors.strict_f1),
        (
            "lenient precision",
            lenient.precision(),
            floors.lenient_precision,
        ),
        ("lenient recall", lenient.recall(), floors.lenient_recall),
        ("lenient F1", lenient.f1(), floors.lenient_f1),
    ];
    for (what, value, floor) in checks {
        assert!(
            value >= floor,
            "{gold_file}: {what} {value:.3} fell below its floor {floor:.2}"
        );
    }
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
