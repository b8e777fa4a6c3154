//! The pure extractors and `split_long` on arbitrary strings. The first byte picks the
//! reference date (including the ends of the calendar) and the maximum piece size.
#![no_main]

use jiff::civil::{Date, date};
use libfuzzer_sys::fuzz_target;
use newsdex::extract::{date as dates, speaker, topic};
use newsdex::shard::{looks_like_subheading, split_long};

fn reference(b: u8) -> Date {
    match b % 6 {
        0 => date(2025, 11, 20),
        1 => Date::MAX,
        2 => Date::MIN,
        3 => date(9999, 12, 1),
        4 => date(-9999, 1, 7),
        _ => date(2024, 2, 29),
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&first, bytes)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(bytes);
    let reference = reference(first);
    let paragraphs: Vec<&str> = text.split('\n').collect();

    let speakers = speaker::attribute_speakers(&paragraphs);
    assert_eq!(speakers.len(), paragraphs.len());
    let _ = speaker::paragraph_speakers(&text);

    if let Some(d) = dates::parse_date(&text) {
        let _ = dates::mentioned_dates(&text, d);
    }
    let _ = dates::infer_date(&paragraphs, reference);
    let mentioned = dates::mentioned_dates(&text, reference);
    assert!(mentioned.windows(2).all(|w| w[0] < w[1]));
    if let Ok((lo, hi)) = dates::parse_filter_period(&text) {
        assert!(lo <= hi);
    }

    let lexicon = topic::TopicLexicon::embedded();
    let _ = lexicon.classify(&text);
    let _ = lexicon.top_level(&text);
    let _ = topic::metadata_topic_path(&text);
    let _ = looks_like_subheading(&text);

    let max = usize::from(first >> 3) + 1;
    let pieces = split_long(&text, max);
    for p in &pieces {
        // A single character longer than `max` cannot be split further.
        assert!(p.len() <= max.max(4), "piece of {} bytes > {max}", p.len());
    }
    let kept: String = pieces.concat().split_whitespace().collect();
    let original: String = text.split_whitespace().collect();
    assert_eq!(kept, original, "split_long lost or changed text");
});
