//! Scoring of `newsdex shard`'s `speakers` against a hand-annotated gold file, shared
//! by every speaker gold set (BBC News in `tests/speakers_bbc.rs`, Reuters-21578 in
//! `tests/speakers_reuters.rs`), so that all sets are measured by the same code.
//!
//! A gold file is TSV: `id<TAB>speaker|speaker`, `#` lines are comments, an empty
//! label means no speaker. Matching is described in `docs/speakers-bbc.md`.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Regression guards for one gold set: the lowest accepted strict exact-set
/// passage accuracy, strict precision/recall/F1 and lenient precision/recall/F1.
pub struct Floors {
    pub exact_passages: f64,
    pub strict_precision: f64,
    pub strict_recall: f64,
    pub strict_f1: f64,
    pub lenient_precision: f64,
    pub lenient_recall: f64,
    pub lenient_f1: f64,
}

/// Passage id → (labels as written, normalised names).
pub type Labels = BTreeMap<String, (String, Vec<String>)>;

/// Case- and accent-insensitive form of a name, without a leading "the ".
pub fn normalise(name: &str) -> String {
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

pub fn lenient_match(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (wa, wb) = (words(a), words(b));
    !wa.is_empty() && !wb.is_empty() && (wa.is_subset(&wb) || wb.is_subset(&wa))
}

/// One-to-one matching of gold and predicted names (normalised): exact pairs
/// first, then, when `lenient`, word-subset pairs. Returns the unmatched gold
/// and unmatched predicted names.
pub fn unmatched(gold: &[String], pred: &[String], lenient: bool) -> (Vec<String>, Vec<String>) {
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

/// The path of a gold file given relative to the crate.
pub fn gold_path(gold_file: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(gold_file)
}

/// Reads a gold file (relative to the crate); panics on a duplicate id.
pub fn read_gold(gold_file: &str) -> Labels {
    let text = std::fs::read_to_string(gold_path(gold_file)).expect("read gold file");
    let mut gold = Labels::new();
    for line in text.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let (id, labels) = line.split_once('\t').unwrap_or((line, ""));
        let previous = gold.insert(id.to_string(), (labels.to_string(), split_names(labels)));
        assert!(previous.is_none(), "duplicate gold id {id}");
    }
    gold
}

/// Runs `newsdex shard PATHS... --format jsonl EXTRA...` and returns every passage's
/// speakers under `prefix` + the id newsdex prints.
pub fn shard_speakers(paths: &[PathBuf], extra: &[&str], prefix: &str) -> Labels {
    let output = Command::new(env!("CARGO_BIN_EXE_newsdex"))
        .arg("shard")
        .args(paths)
        .args(["--format", "jsonl"])
        .args(extra)
        .output()
        .expect("run newsdex shard");
    assert!(
        output.status.success(),
        "newsdex shard failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let mut predicted = Labels::new();
    for line in String::from_utf8(output.stdout).expect("utf-8").lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("jsonl line");
        let id = format!("{prefix}{}", v["id"].as_str().expect("id"));
        let names: Vec<String> = v["speakers"]
            .as_array()
            .expect("speakers array")
            .iter()
            .map(|s| s.as_str().expect("speaker string").to_string())
            .collect();
        let raw = names.join("|");
        let normalised = split_names(&raw);
        predicted.insert(id, (raw, normalised));
    }
    predicted
}

/// Compares `predicted` with the gold file's labels, prints its table and every
/// disagreement, and asserts `floors`. `predicted` must hold exactly the gold ids.
pub fn score(gold_file: &str, gold: &Labels, predicted: &Labels, floors: &Floors) {
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
    for (id, (gold_raw, gold_names)) in gold {
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
            "{name} | {}/{passages} = {:.3} | {}/{} = {:.3} | {}/{} = {:.3} | {:.3} | {} | {} | {}",
            c.exact_passages,
            c.exact_passages as f64 / passages as f64,
            c.tp,
            c.pred,
            c.precision(),
            c.tp,
            c.gold,
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
