//! The lenient date parser against every `<DATE>` of Reuters-21578: at least
//! 99.9% of the 21,578 raw strings, junk and all, must give the right day.
//!
//! The expected day is read here from the `D-MON-YYYY` prefix with deliberately
//! simple code, so the test does not share a bug with the parser it checks.
//! The data set lives outside the repository; without it the test skips.

mod common;

use jiff::civil::Date;
use newsdex::extract::date::parse_date;

const STORIES: usize = 21_578;

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
    let Some(archive) = common::reuters_archive("reuters_dates") else {
        return;
    };
    let dir = tempfile::tempdir().expect("create a temporary directory");
    let texts = common::reuters_sgml(&archive, dir.path());

    let mut total = 0usize;
    let mut failures = Vec::new();
    for text in &texts {
        for raw in dates_in(text) {
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
