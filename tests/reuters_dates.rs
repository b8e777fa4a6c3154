//! The lenient date parser against every `<DATE>` of Reuters-21578: at least
//! 99.9% of the 21,578 raw strings, junk and all, must give the right day.
//!
//! The expected day is read here from the `D-MON-YYYY` prefix with deliberately
//! simple code, so the test does not share a bug with the parser it checks.
//! The data set lives outside the repository; without it the test skips.

use std::path::{Path, PathBuf};
use std::process::Command;

use jiff::civil::Date;
use newsdex::extract::date::parse_date;

const STORIES: usize = 21_578;

fn archive() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/reuters21578/reuters21578.tar.gz")
}

/// The day a Reuters date names: " 7-APR-1987 16:22:00.0" → 1987-04-07.
fn expected_day(raw: &str) -> Option<Date> {
    let prefix = raw.split_whitespace().next()?;
    let mut parts = prefix.split('-');
    let day: i8 = parts.next()?.parse().ok()?;
    let month = match parts.next()? {
        "JAN" => 1,
        "FEB" => 2,
        "MAR" => 3,
        "APR" => 4,
        "MAY" => 5,
        "JUN" => 6,
        "JUL" => 7,
        "AUG" => 8,
        "SEP" => 9,
        "OCT" => 10,
        "NOV" => 11,
        "DEC" => 12,
        _ => return None,
    };
    let year: i16 = parts.next()?.parse().ok()?;
    Date::new(year, month, day).ok()
}

/// Every `<DATE>` text of one SGML file, raw (entities not decoded).
fn dates_in(sgml: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = sgml;
    while let Some(open) = rest.find("<DATE>") {
        rest = &rest[open + "<DATE>".len()..];
        let Some(close) = rest.find("</DATE>") else {
            break;
        };
        out.push(rest[..close].to_owned());
        rest = &rest[close..];
    }
    out
}

#[test]
fn reuters_dates_parse_to_the_right_day() {
    let archive = archive();
    if !archive.is_file() {
        eprintln!(
            "skipping reuters_dates: data set not found at {} \
             (see shared/data/reuters21578/README.md)",
            archive.display()
        );
        return;
    }
    let dir = tempfile::tempdir().expect("create a temporary directory");
    let status = Command::new("tar")
        .arg("-xzf")
        .arg(&archive)
        .arg("-C")
        .arg(dir.path())
        .status()
        .expect("run the system tar");
    assert!(
        status.success(),
        "tar -xzf {} failed: {status}",
        archive.display()
    );

    let data = dir.path().join("reuters21578");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&data)
        .expect("read the unpacked directory")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("reut2-") && n.ends_with(".sgm"))
        })
        .collect();
    files.sort();
    assert_eq!(
        files.len(),
        22,
        "expected 22 reut2-*.sgm files in {}",
        data.display()
    );

    let mut total = 0usize;
    let mut failures = Vec::new();
    for file in &files {
        let bytes = std::fs::read(file).expect("read an SGML file");
        // Latin-1: every byte is the code point of the same value (one 0xFC exists).
        let text: String = bytes.iter().map(|&b| char::from(b)).collect();
        for raw in dates_in(&text) {
            total += 1;
            let expected = expected_day(&raw);
            let got = parse_date(&raw);
            if expected.is_none() || got != expected {
                failures.push(format!("{raw:?}: expected {expected:?}, got {got:?}"));
            }
        }
    }

    for f in &failures {
        eprintln!("wrong date: {f}");
    }
    let right = total - failures.len();
    eprintln!("reuters dates: {right} of {total} parsed to the right day");
    assert_eq!(total, STORIES, "expected one <DATE> per story");
    assert!(
        right * 1000 >= total * 999,
        "only {right} of {total} dates right (need 99.9%)"
    );
}
