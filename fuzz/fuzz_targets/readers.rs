//! Article readers on arbitrary bytes: the first byte picks the format.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use newsdex::article::{Format, ReadOptions, read_bytes};

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
    let path = Path::new("/corpus/dir/input");
    if let Ok(read) = read_bytes(
        bytes,
        path,
        Path::new("/corpus"),
        format,
        &ReadOptions::default(),
    ) {
        assert_eq!(read.bytes, bytes.len() as u64);
    }
});
