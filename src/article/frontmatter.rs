//! Front matter: a `---` … `---` block of `key: value` lines at the top of a text or
//! Markdown article. Only the YAML subset articles use is read (scalars, quoted strings,
//! `[a, b]` lists and `- item` lists); that keeps us off an unmaintained YAML crate.

use std::collections::BTreeMap;

use super::json::{ALIASES, FIELDS};

/// Metadata from front matter. Unknown keys are ignored.
#[derive(Debug, Default, PartialEq)]
pub struct FrontMatter {
    pub id: Option<String>,
    pub title: Option<String>,
    pub date: Option<String>,
    pub url: Option<String>,
    pub topics: Vec<String>,
    /// Per field, the rank among its aliases of the key its value came from.
    ranks: BTreeMap<&'static str, u8>,
}

/// Splits front matter off `content`. Returns the metadata (if a complete block was found)
/// and the rest of the text. An unterminated block is not front matter: the text is kept.
pub fn split(content: &str) -> (Option<FrontMatter>, &str) {
    let Some(after_open) = content
        .strip_prefix("---\n")
        .or_else(|| content.strip_prefix("---\r\n"))
    else {
        return (None, content);
    };
    let mut offset = 0;
    for line in after_open.split_inclusive('\n') {
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            let block = &after_open[..offset];
            let rest = &after_open[offset + line.len()..];
            return (Some(parse_block(block)), rest);
        }
        offset += line.len();
    }
    (None, content)
}

fn parse_block(block: &str) -> FrontMatter {
    let mut fm = FrontMatter::default();
    let mut list_key: Option<String> = None;
    for line in block.lines() {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if let Some(item) =
            trimmed
                .strip_prefix("- ")
                .or(if trimmed == "-" { Some("") } else { None })
        {
            if let Some(key) = &list_key {
                let item = unquote(item.trim());
                if !item.is_empty() {
                    push_value(&mut fm, key, item);
                }
            }
            continue;
        }
        let Some((key, value)) = trimmed.split_once(':') else {
            continue;
        };
        let key = key.trim().to_ascii_lowercase();
        let value = value.trim();
        if value.is_empty() {
            list_key = Some(key);
            continue;
        }
        list_key = None;
        if let Some(inner) = value.strip_prefix('[').and_then(|v| v.strip_suffix(']')) {
            for item in split_list(inner) {
                push_value(&mut fm, &key, item);
            }
        } else {
            push_value(&mut fm, &key, unquote(value));
        }
    }
    fm
}

/// Splits a flow list on commas outside quotes.
fn split_list(inner: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut current = String::new();
    let mut quote: Option<char> = None;
    for c in inner.chars() {
        match (c, quote) {
            ('"' | '\'', None) => quote = Some(c),
            (q, Some(open)) if q == open => quote = None,
            (',', None) => {
                items.push(std::mem::take(&mut current));
                continue;
            }
            _ => {}
        }
        current.push(c);
    }
    items.push(current);
    items
        .into_iter()
        .map(|s| unquote(s.trim()))
        .filter(|s| !s.is_empty())
        .collect()
}

fn unquote(value: &str) -> String {
    let v = value.trim();
    for q in ['"', '\''] {
        if v.len() >= 2 && v.starts_with(q) && v.ends_with(q) {
            return v[1..v.len() - 1].to_string();
        }
    }
    v.to_string()
}

/// Files `value` under the article field whose name or alias `key` is (JSON's
/// [`ALIASES`], in any case). Topics gather from every key that has them; any other field
/// takes the value of its most preferred key, whatever the order of the lines.
fn push_value(fm: &mut FrontMatter, key: &str, value: String) {
    let Some((field, rank)) = FIELDS.iter().zip(ALIASES).find_map(|(field, aliases)| {
        let rank = aliases.iter().position(|a| a.eq_ignore_ascii_case(key))?;
        Some((*field, rank as u8))
    }) else {
        return;
    };
    let slot = match field {
        "id" => &mut fm.id,
        "title" => &mut fm.title,
        "date" => &mut fm.date,
        "url" => &mut fm.url,
        "topics" => {
            fm.topics.push(value);
            return;
        }
        _ => return,
    };
    let best = fm.ranks.entry(field).or_insert(u8::MAX);
    if rank <= *best {
        *best = rank;
        *slot = Some(value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_scalars_quoted_values_and_both_list_forms() {
        let text = "---\nid: a-1\ntitle: \"Talks: day two\"\ndate: 2025-11-20\n\
                    url: https://example.com/a\ntopics: [diplomacy, \"conflict/military\"]\n\
                    tags:\n  - europe\n  - 'peace talks'\n---\nBody line.\n";
        let (fm, rest) = split(text);
        let fm = fm.unwrap();
        assert_eq!(fm.id.as_deref(), Some("a-1"));
        assert_eq!(fm.title.as_deref(), Some("Talks: day two"));
        assert_eq!(fm.date.as_deref(), Some("2025-11-20"));
        assert_eq!(fm.url.as_deref(), Some("https://example.com/a"));
        assert_eq!(
            fm.topics,
            vec!["diplomacy", "conflict/military", "europe", "peace talks"]
        );
        assert_eq!(rest, "Body line.\n");
    }

    #[test]
    fn no_or_unterminated_front_matter_keeps_the_text() {
        assert_eq!(split("Plain text.\n"), (None, "Plain text.\n"));
        let text = "---\ntitle: never closed\nBody.";
        assert_eq!(split(text), (None, text));
    }

    #[test]
    fn aliases_in_any_case_and_the_preferred_key_wins() {
        let text = "---\npublished: 2025-11-21\nDate: 2025-11-20\nHeadline: H\n\
                    pubDate: 2025-11-22\nKeywords: [a]\nCategory: b\nguid: g\n---\nBody.\n";
        let fm = split(text).0.unwrap();
        assert_eq!(fm.date.as_deref(), Some("2025-11-20"));
        assert_eq!(fm.title.as_deref(), Some("H"));
        assert_eq!(fm.id.as_deref(), Some("g"));
        assert_eq!(fm.topics, ["a", "b"]);
    }

    #[test]
    fn crlf_and_unknown_keys() {
        let (fm, rest) = split("---\r\nauthor: X\r\ntitle: T\r\n---\r\nBody");
        assert_eq!(fm.unwrap().title.as_deref(), Some("T"));
        assert_eq!(rest, "Body");
    }
}
