//! Incremental indexing: re-runs add new articles, re-index changed ones, skip unchanged
//! ones without reading them again, `--prune` deletes articles whose source is gone, and
//! the result always equals a clean build of the same files. `newsdex check` verifies.

mod common;

use std::path::{Path, PathBuf};

use common::{Run, dump, index_paths, newsdex, repo_path};
use newsdex::passage::Passage;
use newsdex::schema::Provenance;

/// `newsdex index` with a fixed reference date, so that runs hash the same.
fn index(idx: &Path, paths: &[&Path], extra: &[&str]) -> Run {
    let mut all = vec!["--reference-date", "2025-12-01"];
    all.extend_from_slice(extra);
    index_paths(idx, paths, &all)
}

/// A private copy of the sample corpus.
fn corpus_copy() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let corpus = dir.path().join("corpus");
    copy_dir(&repo_path("corpus"), &corpus);
    (dir, corpus)
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read corpus") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// A clean build of `paths` in a fresh index, dumped.
fn clean_build(paths: &[&Path]) -> Vec<(Passage, Provenance)> {
    let dir = tempfile::tempdir().expect("temp dir");
    let idx = dir.path().join("clean");
    let run = index(&idx, paths, &[]);
    assert!(run.code() <= 1, "{}", run.describe());
    dump(&idx)
}

fn check(idx: &Path) -> Run {
    newsdex(&["check", "--index", idx.to_str().expect("utf-8 path")])
}

#[test]
fn an_unchanged_corpus_is_skipped_without_reading_and_nothing_changes() {
    let (dir, corpus) = corpus_copy();
    let idx = dir.path().join("idx");
    let first = index(&idx, &[&corpus], &[]);
    first.expect_code(0);
    assert!(
        first.stderr().contains("indexed 9 articles (51 passages)"),
        "{}",
        first.describe()
    );
    let before = dump(&idx);
    assert_eq!(before.len(), 51);

    let again = index(&idx, &[&corpus], &[]);
    again.expect_code(0);
    let err = again.stderr();
    assert!(
        err.contains("indexed 0 articles (0 passages)"),
        "{}",
        again.describe()
    );
    assert!(
        err.contains("9 articles unchanged since they were indexed (not read again)"),
        "{}",
        again.describe()
    );
    assert_eq!(dump(&idx), before);
    check(&idx).expect_code(0);
}

#[test]
fn changed_and_new_articles_are_indexed_and_the_result_equals_a_clean_build() {
    let (dir, corpus) = corpus_copy();
    let idx = dir.path().join("idx");
    index(&idx, &[&corpus], &[]).expect_code(0);

    // Change one text article, change one JSON line, append one, add one file.
    let seed = corpus.join("seed/000_42fee1530c361fcc.txt");
    let text = std::fs::read_to_string(&seed).expect("seed");
    std::fs::write(&seed, text.replace("Donbas", "Donbass region")).expect("write");
    let wire = corpus.join("json/wire.jsonl");
    let lines = std::fs::read_to_string(&wire).expect("wire");
    let mut lines: Vec<String> = lines.lines().map(str::to_string).collect();
    let first_line = lines[0].clone();
    lines[0] = first_line.replacen("\"body\": \"", "\"body\": \"Updated: ", 1);
    assert_ne!(
        lines[0], first_line,
        "the fixture has a body field to change"
    );
    lines.push(
        r#"{"id": "wire-new", "title": "Harbour reopens", "date": "2025-11-21", "body": "The harbour reopened on Friday, officials said."}"#
            .to_string(),
    );
    std::fs::write(&wire, lines.join("\n") + "\n").expect("write");
    std::fs::write(
        corpus.join("extra.txt"),
        "Lighthouse keepers return\n\nThe last lighthouse keepers returned to the island, the trust said.\n",
    )
    .expect("write");

    let run = index(&idx, &[&corpus], &[]);
    run.expect_code(0);
    let err = run.stderr();
    // Two changed, two new; the other six are unchanged and not read again.
    assert!(err.contains("indexed 4 articles"), "{}", run.describe());
    assert!(err.contains("7 articles unchanged"), "{}", run.describe());
    let after = dump(&idx);
    assert_eq!(after, clean_build(&[&corpus]));
    let ids: Vec<&str> = after.iter().map(|(p, _)| p.id.as_str()).collect();
    let mut unique = ids.clone();
    unique.dedup();
    assert_eq!(ids, unique, "no duplicate passage");
    assert!(after.iter().any(|(p, _)| p.text.contains("Donbass region")));
    assert!(
        !after
            .iter()
            .any(|(p, _)| p.text.contains("Donbas ") && !p.text.contains("Donbass"))
    );
    check(&idx).expect_code(0);
}

#[test]
fn prune_deletes_articles_whose_source_is_gone_and_only_those() {
    let (dir, corpus) = corpus_copy();
    let other = dir.path().join("other");
    std::fs::create_dir(&other).expect("mkdir");
    std::fs::write(
        other.join("kept.txt"),
        "Kept apart\n\nIndexed from another folder.\n",
    )
    .expect("write");
    let idx = dir.path().join("idx");
    index(&idx, &[&corpus], &[]).expect_code(0);
    index(&idx, &[&other], &[]).expect_code(0);

    // Delete a file and drop a line from a JSON Lines file.
    let removed = corpus.join("seed/000_42fee1530c361fcc.txt");
    std::fs::remove_file(&removed).expect("rm");
    let wire = corpus.join("json/wire.jsonl");
    let lines = std::fs::read_to_string(&wire).expect("wire");
    let kept: Vec<&str> = lines.lines().skip(1).collect();
    std::fs::write(&wire, kept.join("\n") + "\n").expect("write");

    // Without --prune nothing is deleted.
    let run = index(&idx, &[&corpus], &[]);
    run.expect_code(0);
    let all = dump(&idx);
    assert!(
        all.iter()
            .any(|(p, _)| p.article_id == "seed/000_42fee1530c361fcc.txt")
    );

    let run = index(&idx, &[&corpus], &["--prune"]);
    run.expect_code(0);
    assert!(
        run.stderr()
            .contains("pruned 2 articles whose source is gone"),
        "{}",
        run.describe()
    );
    let pruned = dump(&idx);
    // Equal to a clean build of both folders: the other folder's article is left alone.
    assert_eq!(pruned, clean_build(&[&corpus, &other]));
    assert!(pruned.iter().any(|(p, _)| p.article_id == "kept.txt"));
    check(&idx).expect_code(0);
}

#[test]
fn prune_keeps_articles_of_a_file_that_could_not_be_read() {
    let (dir, corpus) = corpus_copy();
    let idx = dir.path().join("idx");
    index(&idx, &[&corpus], &[]).expect_code(0);
    // The file is still there but now unreadable as an article (binary): its articles
    // must survive --prune, and the run says the file was skipped.
    let seed = corpus.join("seed/000_42fee1530c361fcc.txt");
    std::fs::write(&seed, b"\0\0\0\x01binary now").expect("write");
    let run = index(&idx, &[&corpus], &["--prune"]);
    run.expect_code(1);
    assert!(
        run.stderr()
            .contains("000_42fee1530c361fcc.txt: binary file"),
        "{}",
        run.describe()
    );
    assert!(
        run.stderr().contains("pruned 0 articles"),
        "{}",
        run.describe()
    );
    assert_eq!(
        dump(&idx)
            .iter()
            .filter(|(p, _)| p.article_id == "seed/000_42fee1530c361fcc.txt")
            .count(),
        18
    );
}

#[test]
fn check_finds_damaged_files_and_says_what_to_do() {
    let (dir, corpus) = corpus_copy();
    let idx = dir.path().join("idx");
    index(&idx, &[&corpus], &[]).expect_code(0);
    let ok = check(&idx);
    ok.expect_code(0);
    assert!(ok.stdout().contains("is healthy"), "{}", ok.describe());
    assert!(
        ok.stderr().contains("9 articles, 51 passages"),
        "{}",
        ok.describe()
    );

    // Flip bytes in the middle of the biggest segment file.
    let mut files: Vec<(u64, PathBuf)> = std::fs::read_dir(&idx)
        .expect("index dir")
        .map(|e| e.expect("entry").path())
        .filter(|p| {
            p.extension()
                .is_some_and(|e| e == "idx" || e == "store" || e == "pos")
        })
        .map(|p| (std::fs::metadata(&p).expect("meta").len(), p))
        .collect();
    files.sort();
    let (len, victim) = files.pop().expect("a segment file");
    let mut bytes = std::fs::read(&victim).expect("read");
    let mid = (len / 2) as usize;
    for b in &mut bytes[mid..mid + 8] {
        *b ^= 0xff;
    }
    std::fs::write(&victim, bytes).expect("write");

    let bad = check(&idx);
    bad.expect_code(1);
    let name = victim
        .file_name()
        .expect("name")
        .to_string_lossy()
        .to_string();
    assert!(bad.stderr().contains(&name), "{}", bad.describe());
    assert!(bad.stderr().contains("--rebuild"), "{}", bad.describe());

    // No index at all: exit 2 and how to build one.
    let none = check(&dir.path().join("nothing"));
    none.expect_code(2);
    assert!(
        none.stderr().contains("no newsdex index"),
        "{}",
        none.describe()
    );
}

#[test]
fn duplicate_ids_keep_the_first_in_input_order_whatever_the_threads_do() {
    let dir = tempfile::tempdir().expect("temp dir");
    let docs = dir.path().join("docs");
    std::fs::create_dir(&docs).expect("mkdir");
    // 400 lines where every id appears twice: the first copy says "first", the second
    // "second". Threads race on every pair.
    let mut lines = String::new();
    for copy in ["first", "second"] {
        for i in 0..200 {
            lines.push_str(&format!(
                "{{\"id\": \"a{i}\", \"body\": \"The {copy} copy of story {i}.\"}}\n"
            ));
        }
    }
    std::fs::write(docs.join("feed.jsonl"), lines).expect("write");
    let idx = dir.path().join("idx");
    for round in 0..3 {
        let run = index(&idx, &[&docs], &["--threads", "2", "--commit-every", "37"]);
        run.expect_code(1);
        let all = dump(&idx);
        assert_eq!(all.len(), 200, "round {round}: {}", run.describe());
        assert!(
            all.iter().all(|(p, _)| p.text.contains("first copy")),
            "round {round}: a second copy won"
        );
        assert!(
            run.stderr().contains("skipped 200 inputs"),
            "{}",
            run.describe()
        );
        check(&idx).expect_code(0);
    }
}
