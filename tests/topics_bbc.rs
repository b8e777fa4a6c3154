//! Checks the default topic lexicon against the BBC News data set: the
//! strongest top-level topic of each whole article must agree with the
//! article's folder for at least 80% of the 2,225 articles.
//!
//! The folder → topic mapping was fixed before measuring and is documented in
//! `docs/topics-bbc.md`. Run with
//! `cargo test --release --test topics_bbc -- --nocapture` to see the table.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use newsdex::extract::topic::TopicLexicon;

const FOLDERS: [&str; 5] = ["business", "entertainment", "politics", "sport", "tech"];

/// The top-level topics that count as agreeing with each BBC folder.
fn accepted(folder: &str) -> &'static [&'static str] {
    match folder {
        "business" => &["/economy", "/finance", "/trade", "/companies", "/energy"],
        "politics" => &["/politics", "/diplomacy", "/law"],
        "tech" => &["/technology", "/science"],
        "sport" => &["/sport"],
        "entertainment" => &["/entertainment"],
        _ => &[],
    }
}

/// Table column for a predicted top-level topic: the folder it maps to, or
/// "other" / "none".
fn column(predicted: Option<&str>) -> &'static str {
    let Some(p) = predicted else { return "none" };
    FOLDERS
        .iter()
        .find(|f| accepted(f).contains(&p))
        .copied()
        .unwrap_or("other")
}

#[test]
fn bbc_top_level_topic_agrees_with_folder() {
    let archive =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/bbc_news/bbc-fulltext.tar.gz");
    if !archive.is_file() {
        eprintln!(
            "skipping topics_bbc: {} not found (the BBC data set is not shipped)",
            archive.display()
        );
        return;
    }
    let dir = tempfile::tempdir().expect("create temp dir");
    let status = Command::new("tar")
        .arg("-xzf")
        .arg(&archive)
        .arg("-C")
        .arg(dir.path())
        .status()
        .expect("run tar");
    assert!(status.success(), "tar -xzf {} failed", archive.display());

    let lexicon = TopicLexicon::embedded();
    let columns = [
        "business",
        "entertainment",
        "politics",
        "sport",
        "tech",
        "other",
        "none",
    ];
    let mut table: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    let mut by_top: BTreeMap<(&str, String), usize> = BTreeMap::new();
    let (mut total, mut correct) = (0usize, 0usize);
    for folder in FOLDERS {
        let mut files: Vec<_> = std::fs::read_dir(dir.path().join("bbc_news").join(folder))
            .expect("read folder")
            .map(|e| e.expect("dir entry").path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        files.sort();
        for file in files {
            // sport/199.txt has one Latin-1 byte; a lossy decode keeps the rest.
            let bytes = std::fs::read(&file).expect("read article");
            let text = String::from_utf8_lossy(&bytes);
            let predicted = lexicon.top_level(&text);
            let col = column(predicted.as_deref());
            let top = predicted.clone().unwrap_or_else(|| "none".to_string());
            *by_top.entry((folder, top)).or_default() += 1;
            if std::env::var_os("TOPICS_BBC_MISSES").is_some() && col != folder {
                eprintln!("miss {folder} -> {predicted:?}: {}", file.display());
            }
            *table.entry((folder, col)).or_default() += 1;
            total += 1;
            correct += usize::from(col == folder);
        }
    }

    eprintln!("\nfolder \\ predicted | {}", columns.join(" | "));
    for folder in FOLDERS {
        let row: Vec<String> = columns
            .iter()
            .map(|c| table.get(&(folder, *c)).copied().unwrap_or(0).to_string())
            .collect();
        eprintln!("{folder} | {}", row.join(" | "));
    }
    // The same counts with one column per predicted top-level topic.
    let mut tops: Vec<&String> = by_top.keys().map(|(_, t)| t).collect();
    tops.sort();
    tops.dedup();
    eprintln!(
        "\nfolder | {}",
        tops.iter()
            .map(|t| t.as_str())
            .collect::<Vec<_>>()
            .join(" | ")
    );
    for folder in FOLDERS {
        let row: Vec<String> = tops
            .iter()
            .map(|t| {
                by_top
                    .get(&(folder, (*t).clone()))
                    .copied()
                    .unwrap_or(0)
                    .to_string()
            })
            .collect();
        eprintln!("{folder} | {}", row.join(" | "));
    }
    let accuracy = correct as f64 / total as f64;
    eprintln!("accuracy: {correct}/{total} = {:.1}%", accuracy * 100.0);

    assert_eq!(total, 2225, "expected the full BBC data set");
    assert!(accuracy >= 0.80, "accuracy {accuracy:.3} is below 0.80");
}
