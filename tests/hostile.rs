//! Hostile input, one test each: empty files, a 100 MB single line, 100,000 tiny files,
//! deeply nested directories, symlink loops, missing paths, bad front matter dates, and
//! an index directory that is read-only or full. Every skipped input is named with its
//! reason, the exit status says so, and a failed run leaves the previous index intact.

mod common;

use std::io::Write;
use std::path::Path;

use common::{Run, dump, index_paths, newsdex, repo_path};
use newsdex::index::NewsIndex;

fn index(idx: &Path, paths: &[&Path]) -> Run {
    index_paths(idx, paths, &["--quiet"])
}

fn passages(idx: &Path) -> usize {
    dump(idx).len()
}

#[test]
fn empty_files_are_skipped_by_name_and_the_rest_is_indexed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let docs = dir.path().join("docs");
    std::fs::create_dir(&docs).expect("mkdir");
    for name in ["empty.txt", "empty.md", "empty.json", "empty.jsonl"] {
        std::fs::write(docs.join(name), "").expect("write");
    }
    std::fs::write(docs.join("blank.jsonl"), "\n \n\n").expect("write");
    std::fs::write(
        docs.join("good.txt"),
        "Title\n\nA real paragraph, the mayor said.\n",
    )
    .expect("write");
    let idx = dir.path().join("idx");
    let run = index(&idx, &[&docs]);
    run.expect_code(1);
    for name in [
        "empty.txt",
        "empty.md",
        "empty.json",
        "empty.jsonl",
        "blank.jsonl",
    ] {
        assert!(
            run.stderr().contains(&format!("{name}: empty")),
            "{name}\n{}",
            run.describe()
        );
    }
    assert_eq!(passages(&idx), 1);
}

#[test]
fn a_hundred_megabyte_single_line_is_indexed_in_bounded_passages() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("huge.txt");
    let mut f = std::io::BufWriter::new(std::fs::File::create(&path).expect("create"));
    let sentence = b"The committee met again and the minister said the budget would hold. ";
    let mut written = 0;
    while written < 100_000_000 {
        f.write_all(sentence).expect("write");
        written += sentence.len();
    }
    f.write_all(b"Lighthouse.").expect("write");
    drop(f);
    let idx = dir.path().join("idx");
    let run = index(&idx, &[&path]);
    run.expect_code(0);
    let n = passages(&idx);
    // Split at sentence ends into passages of at most 2,000 bytes.
    assert!(n >= 50_000, "{n} passages\n{}", run.describe());
    let hit = newsdex(&[
        "search",
        "lighthouse",
        "--index",
        idx.to_str().expect("utf-8"),
    ]);
    hit.expect_code(0);
}

#[test]
fn a_hundred_thousand_tiny_files_are_all_indexed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let docs = dir.path().join("docs");
    for d in 0..100 {
        let sub = docs.join(format!("d{d:02}"));
        std::fs::create_dir_all(&sub).expect("mkdir");
        for i in 0..1000 {
            std::fs::write(sub.join(format!("{i:03}.txt")), format!("Note {d} {i}.\n"))
                .expect("write");
        }
    }
    let idx = dir.path().join("idx");
    let run = index(&idx, &[&docs]);
    run.expect_code(0);
    assert!(
        run.stderr().contains("indexed 100000 articles"),
        "{}",
        run.describe()
    );
    assert_eq!(passages(&idx), 100_000);
    // A re-run reads none of them again.
    let again = index(&idx, &[&docs]);
    again.expect_code(0);
    assert!(
        again.stderr().contains("100000 articles unchanged"),
        "{}",
        again.describe()
    );
}

#[test]
fn deeply_nested_directories_and_symlink_loops_are_walked_safely() {
    let dir = tempfile::tempdir().expect("temp dir");
    let docs = dir.path().join("docs");
    let mut deep = docs.clone();
    for _ in 0..400 {
        deep = deep.join("d");
    }
    std::fs::create_dir_all(&deep).expect("mkdir");
    std::fs::write(
        deep.join("bottom.txt"),
        "Bottom\n\nFound at the bottom of the tree.\n",
    )
    .expect("write");
    std::fs::write(docs.join("top.txt"), "Top\n\nFound at the top.\n").expect("write");
    // A loop: docs/loop -> docs.
    std::os::unix::fs::symlink(&docs, docs.join("loop")).expect("symlink");
    let idx = dir.path().join("idx");
    let run = index(&idx, &[&docs]);
    run.expect_code(1);
    assert!(
        run.stderr().contains("symbolic link loop"),
        "{}",
        run.describe()
    );
    assert!(
        run.stderr().contains("indexed 2 articles"),
        "{}",
        run.describe()
    );
    let hit = newsdex(&["search", "bottom", "--index", idx.to_str().expect("utf-8")]);
    hit.expect_code(0);
}

#[test]
fn missing_paths_are_named_and_the_others_indexed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let idx = dir.path().join("idx");
    let missing = dir.path().join("no-such-folder");
    let run = index(&idx, &[&missing, &repo_path(common::SEED)]);
    run.expect_code(1);
    assert!(
        run.stderr()
            .contains("no-such-folder: no such file or directory"),
        "{}",
        run.describe()
    );
    assert_eq!(passages(&idx), 18);
}

#[test]
fn a_bad_front_matter_date_is_a_warning_and_the_article_is_indexed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("story.md");
    std::fs::write(
        &path,
        "---\ntitle: Bridge vote\ndate: the day after tomorrow-ish\n---\n\nThe council voted for the bridge.\n",
    )
    .expect("write");
    let idx = dir.path().join("idx");
    let run = newsdex(&[
        "index",
        "--index",
        idx.to_str().expect("utf-8"),
        path.to_str().expect("utf-8"),
    ]);
    run.expect_code(0);
    assert!(run.stderr().contains("warning"), "{}", run.describe());
    assert!(run.stderr().contains("story.md"), "{}", run.describe());
    assert_eq!(passages(&idx), 1);
}

/// Runs `newsdex index` on `docs` into `idx` through `sh -c`: `setup` runs in the shell
/// first, `wrapper` is the command newsdex runs under.
fn index_via_shell(setup: &str, wrapper: &str, idx: &Path, docs: &Path) -> std::process::Output {
    let cmd = format!(
        "{setup} exec {wrapper} '{}' index --quiet --index '{}' '{}'",
        env!("CARGO_BIN_EXE_newsdex"),
        idx.display(),
        docs.display()
    );
    std::process::Command::new("sh")
        .arg("-c")
        .arg(cmd)
        .env("NO_COLOR", "1")
        .output()
        .expect("sh runs")
}

fn big_corpus(dir: &Path) -> std::path::PathBuf {
    let docs = dir.join("more");
    std::fs::create_dir_all(&docs).expect("mkdir");
    for i in 0..200 {
        let body: String = (0..40)
            .map(|j| format!("Paragraph {j} of dispatch {i} about the harbour budget.\n\n"))
            .collect();
        std::fs::write(
            docs.join(format!("{i}.txt")),
            format!("Dispatch {i}\n\n{body}"),
        )
        .expect("write");
    }
    docs
}

#[test]
fn a_full_disk_is_a_clear_error_and_the_previous_index_stays_intact() {
    let dir = tempfile::tempdir().expect("temp dir");
    let idx = dir.path().join("idx");
    index(&idx, &[&repo_path("corpus")]).expect_code(0);
    let before = NewsIndex::open(&idx)
        .expect("open")
        .all_passages()
        .expect("load");
    let docs = big_corpus(dir.path());
    // No file may grow past 64 KB (ulimit -f counts 512-byte blocks in sh): writes fail
    // with "File too large" as they would on a full disk. SIGXFSZ is ignored, so the
    // process sees the error instead of being killed.
    let out = index_via_shell("trap '' XFSZ; ulimit -f 128;", "", &idx, &docs);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(
        stderr.contains("indexing stopped") && stderr.contains("keeps"),
        "{stderr}"
    );
    assert!(stderr.contains("File too large"), "{stderr}");
    let after = NewsIndex::open(&idx)
        .expect("open")
        .all_passages()
        .expect("load");
    assert_eq!(after, before);
    let check = newsdex(&["check", "--index", idx.to_str().expect("utf-8")]);
    check.expect_code(0);
}

#[test]
fn a_read_only_index_directory_is_a_clear_error_and_stays_intact() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("temp dir");
    let idx = dir.path().join("idx");
    index(&idx, &[&repo_path("corpus")]).expect_code(0);
    let before = NewsIndex::open(&idx)
        .expect("open")
        .all_passages()
        .expect("load");
    let docs = big_corpus(dir.path());
    let set_mode = |mode| {
        std::fs::set_permissions(&idx, std::fs::Permissions::from_mode(mode)).expect("chmod")
    };
    set_mode(0o555);
    // Root ignores permissions: run newsdex as an unprivileged user then.
    let root = std::fs::File::create(idx.join("probe")).is_ok();
    let _ = std::fs::remove_file(idx.join("probe"));
    let prefix = if root {
        // tantivy writes some files owner-only: let the other user read them all.
        for entry in std::fs::read_dir(&idx).expect("index dir") {
            let path = entry.expect("entry").path();
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).expect("chmod");
        }
        // Everything the unprivileged user must read: the directories above the index.
        let mut p = Some(dir.path());
        while let Some(d) = p {
            let mode = std::fs::metadata(d).expect("meta").permissions().mode();
            if mode & 0o005 != 0o005 {
                std::fs::set_permissions(d, std::fs::Permissions::from_mode(mode | 0o005))
                    .expect("chmod");
            }
            p = d.parent();
        }
        if std::process::Command::new("setpriv")
            .arg("--version")
            .output()
            .is_err()
        {
            set_mode(0o755);
            eprintln!("skipped: running as root without setpriv, cannot make a read-only index");
            return;
        }
        "setpriv --reuid=65534 --regid=65534 --clear-groups"
    } else {
        ""
    };
    let out = index_via_shell("", prefix, &idx, &docs);
    // Searching and checking a read-only index still work.
    let search = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "exec {prefix} '{}' search peace --format json --index '{}'",
            env!("CARGO_BIN_EXE_newsdex"),
            idx.display()
        ))
        .output()
        .expect("sh runs");
    set_mode(0o755);
    assert_eq!(
        search.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&search.stderr)
    );
    let hits: serde_json::Value = serde_json::from_slice(&search.stdout).expect("JSON");
    assert!(hits["total_hits"].as_u64().unwrap_or(0) > 0, "{hits}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(stderr.contains(&idx.display().to_string()), "{stderr}");
    assert!(stderr.contains("cannot write to the index"), "{stderr}");
    assert!(
        stderr.to_lowercase().contains("permission denied"),
        "{stderr}"
    );
    let after = NewsIndex::open(&idx)
        .expect("open")
        .all_passages()
        .expect("load");
    assert_eq!(after, before);
}
