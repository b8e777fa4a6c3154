//! Reading, sharding and every extractor over real article structure.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use newsdex::article::{Format, ReadOptions, read_bytes};
use newsdex::extract::ExtractOptions;
use newsdex::ingest::article_passages;
use newsdex::shard::{Boilerplate, MAX_PASSAGE_BYTES};

const FORMATS: [Format; 4] = [
    Format::Text,
    Format::Markdown,
    Format::Json,
    Format::JsonLines,
];

fuzz_target!(|data: &[u8]| {
    let Some((&first, bytes)) = data.split_first() else {
        return;
    };
    let format = FORMATS[usize::from(first) % FORMATS.len()];
    let Ok(read) = read_bytes(
        bytes,
        Path::new("/corpus/dir/input"),
        Path::new("/corpus"),
        format,
        &ReadOptions::default(),
    ) else {
        return;
    };
    let mut opts = ExtractOptions::new(jiff::civil::date(2025, 11, 20));
    opts.topic_from_dir = first & 0x80 != 0;
    for article in &read.articles {
        let (passages, _warnings) = article_passages(article, Boilerplate::embedded(), &opts);
        for (i, p) in passages.iter().enumerate() {
            assert_eq!(p.para, i as u64);
            assert!(!p.text.trim().is_empty(), "empty passage {p:?}");
            assert!(
                p.text.len() <= MAX_PASSAGE_BYTES,
                "passage of {} bytes",
                p.text.len()
            );
            assert_eq!(p.speakers.len(), p.speaker_role.len());
        }
    }
});
