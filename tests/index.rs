//! `newsdex index`: every input format, re-indexing without duplicates, bad inputs
//! named and skipped while the rest is indexed.

mod common;

use std::path::Path;

use common::{Indexed, SEED, index_one_file, newsdex, newsdex_in, repo_path};

fn count(idx: &Path, query: &str) -> u64 {
    let run = newsdex(&[
        "search",
        query,
        "--index",
        idx.to_str().unwrap(),
        "--format",
        "json",
        "--limit",
        "0",
    ]);
    run.json()["total_hits"].as_u64().unwrap()
}

#[test]
fn indexes_every_format_in_the_sample_corpus() {
    let dir = tempfile::tempdir().unwrap();
    let idx = dir.path().join("idx");
    let run = newsdex(&[
        "index",
        "--index",
        idx.to_str().unwrap(),
        repo_path("corpus").to_str().unwrap(),
    ]);
    run.expect_code(0);
    let err = run.stderr();
    assert!(
        err.contains("indexed 9 articles (51 passages) from 6 files"),
        "{}",
        run.describe()
    );
    assert!(err.contains("51 passages in total"), "{}", run.describe());
    // One query per format finds its article.
    for (q, article) in [
        ("Donbas", "seed/000_42fee1530c361fcc.txt"),
        ("congestion", "sample-harbour-bridge"),
        ("Norvale", "text/chip-export-rules.txt"),
        ("barriers", "sample-flood-defences"),
        ("malaria", "sample-vaccine-trial"),
        ("cranes", "sample-port-strike"),
    ] {
        let run = newsdex(&[
            "search",
            q,
            "--index",
            idx.to_str().unwrap(),
            "--format",
            "json",
        ]);
        run.expect_code(0);
        assert_eq!(run.json()["hits"][0]["article_id"], article, "query {q}");
    }
}

#[test]
fn reindexing_replaces_articles_instead_of_duplicating_them() {
    let idx = Indexed::of(&["corpus"]);
    let before = count(&idx.index, "peace");
    let run = newsdex(&[
        "index",
        "--quiet",
        "--index",
        idx.index.to_str().unwrap(),
        repo_path("corpus").to_str().unwrap(),
    ]);
    run.expect_code(0);
    assert!(
        run.stderr().contains("51 passages in total"),
        "{}",
        run.describe()
    );
    assert_eq!(count(&idx.index, "peace"), before);
}

#[test]
fn rebuild_starts_from_an_empty_index() {
    let idx = Indexed::of(&["corpus"]);
    let run = newsdex(&[
        "index",
        "--rebuild",
        "--index",
        idx.index.to_str().unwrap(),
        repo_path(SEED).to_str().unwrap(),
    ]);
    run.expect_code(0);
    assert!(
        run.stderr().contains("18 passages in total"),
        "{}",
        run.describe()
    );
}

#[test]
fn bad_files_are_named_and_skipped_and_the_rest_is_indexed() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    std::fs::copy(repo_path(SEED), docs.join("good.txt")).unwrap();
    std::fs::copy(repo_path("corpus/json/wire.jsonl"), docs.join("wire.jsonl")).unwrap();
    std::fs::write(docs.join("photo.txt"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0").unwrap();
    std::fs::write(docs.join("image.jpg"), b"\xff\xd8\xff").unwrap();
    // Unreadable: a dangling link (always), and a mode-000 file (when not running as root).
    std::os::unix::fs::symlink(docs.join("gone.txt"), docs.join("dangling.txt")).unwrap();
    let locked = docs.join("locked.txt");
    std::fs::write(&locked, "Secret text.").unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let root_can_read = std::fs::read(&locked).is_ok();

    let idx = dir.path().join("idx");
    let run = newsdex(&[
        "index",
        "--index",
        idx.to_str().unwrap(),
        docs.to_str().unwrap(),
    ]);
    run.expect_code(1);
    let err = run.stderr();
    assert!(
        err.contains("photo.txt: binary file (found NUL bytes)"),
        "{}",
        run.describe()
    );
    assert!(
        err.contains("dangling.txt: no such file or directory"),
        "{}",
        run.describe()
    );
    if !root_can_read {
        assert!(
            err.contains("locked.txt: cannot read"),
            "{}",
            run.describe()
        );
    }
    assert!(
        err.contains("ignored 1 files that are not articles by extension: .jpg ×1"),
        "{}",
        run.describe()
    );
    // Good articles are searchable.
    assert_eq!(count(&idx, "Donbas"), 1);
    assert_eq!(count(&idx, "Diallo"), 2);
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o644)).unwrap();
}

#[test]
fn invalid_utf8_is_indexed_with_one_warning_naming_the_file() {
    let (_dir, idx, run) = index_one_file(
        "latin1.txt",
        b"Prices rose to \xa35 a pound, traders said.\nSecond \xff paragraph.\n",
    );
    run.expect_code(0);
    let stderr = run.stderr();
    let warnings: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("warning:"))
        .collect();
    assert_eq!(warnings.len(), 1, "{}", run.describe());
    assert!(warnings[0].contains("latin1.txt") && warnings[0].contains("invalid UTF-8"));
    assert_eq!(count(&idx, "traders"), 1);
}

#[test]
fn malformed_json_lines_are_reported_by_line_and_the_rest_indexed() {
    let (_dir, idx, run) = index_one_file(
        "feed.jsonl",
        b"{\"id\": \"a\", \"body\": \"Alpha text.\"}\n{\"id\": \"b\", \"body\": \n{\"id\": \"c\", \"body\": \"Gamma text.\"}\n",
    );
    run.expect_code(1);
    assert!(
        run.stderr().contains("feed.jsonl: line 2: invalid JSON"),
        "{}",
        run.describe()
    );
    assert_eq!(count(&idx, "alpha OR gamma"), 2);
}

#[test]
fn duplicate_article_ids_in_one_run_are_reported_not_lost_silently() {
    let (_dir, idx, run) = index_one_file(
        "dups.jsonl",
        b"{\"id\": \"same\", \"body\": \"First version.\"}\n{\"id\": \"same\", \"body\": \"Second version.\"}\n",
    );
    run.expect_code(1);
    assert!(
        run.stderr()
            .contains("article id \"same\" was already read"),
        "{}",
        run.describe()
    );
    assert_eq!(count(&idx, "version"), 1);
}

#[test]
fn index_refuses_to_write_into_a_directory_that_is_not_an_index() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("precious.txt"), "keep me").unwrap();
    let run = newsdex(&[
        "index",
        "--index",
        dir.path().to_str().unwrap(),
        repo_path(SEED).to_str().unwrap(),
    ]);
    run.expect_code(2);
    assert!(
        run.stderr().contains("is not a newsdex index"),
        "{}",
        run.describe()
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("precious.txt")).unwrap(),
        "keep me"
    );
}

#[test]
fn default_index_location_and_environment_variable() {
    let dir = tempfile::tempdir().unwrap();
    let run = newsdex_in(
        dir.path(),
        &["index", "--quiet", repo_path(SEED).to_str().unwrap()],
    );
    run.expect_code(0);
    assert!(dir.path().join(".newsdex").join("newsdex.json").is_file());
    let run = newsdex_in(dir.path(), &["search", "Donbas"]);
    run.expect_code(0);
    let env_idx = dir.path().join("env-idx");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_newsdex"))
        .args(["index", "--quiet", repo_path(SEED).to_str().unwrap()])
        .env("NEWSDEX_INDEX", &env_idx)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(env_idx.join("newsdex.json").is_file());
}

#[test]
fn schema_version_mismatch_says_rebuild() {
    let idx = Indexed::of(&[SEED]);
    let marker = idx.index.join("newsdex.json");
    let text = std::fs::read_to_string(&marker).unwrap().replace(
        &format!(
            "\"schema_version\": {}",
            newsdex::schema::NewsSchema::embedded().version
        ),
        "\"schema_version\": 999",
    );
    std::fs::write(&marker, text).unwrap();
    let run = idx.search(&["peace"]);
    run.expect_code(2);
    assert!(
        run.stderr()
            .contains("rebuild it with `newsdex index --rebuild"),
        "{}",
        run.describe()
    );
}

#[test]
fn missing_paths_and_bad_flags_are_clear() {
    let dir = tempfile::tempdir().unwrap();
    let idx = dir.path().join("idx");
    let run = newsdex(&[
        "index",
        "--index",
        idx.to_str().unwrap(),
        "/definitely/not/here",
        repo_path(SEED).to_str().unwrap(),
    ]);
    run.expect_code(1);
    assert!(
        run.stderr()
            .contains("/definitely/not/here: no such file or directory"),
        "{}",
        run.describe()
    );
    let run = newsdex(&["index", "--threads", "many"]);
    run.expect_code(2);
    assert!(
        run.stderr().contains("invalid value 'many'"),
        "{}",
        run.describe()
    );
}
