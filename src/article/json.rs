//! JSON and JSON Lines articles: one article per object (`.json` may hold one object or
//! an array of them). Field names are `id`, `title`, `date`, `url`, `topics` and `body`
//! (or `text`); other names are mapped with `--field body=content`.

use serde_json::{Map, Value};

use super::{Article, ArticleBase, Block, FileRead, ReadOptions};
use crate::error::ReadError;

/// The article fields a JSON input can map.
pub(super) const FIELDS: &[&str] = &["id", "title", "date", "url", "topics", "body"];

pub(super) fn read_json(
    content: &str,
    base: &ArticleBase,
    opts: &ReadOptions,
) -> Result<FileRead, ReadError> {
    let value: Value = serde_json::from_str(content).map_err(|e| ReadError::Json {
        message: format!("{e} (line {}, column {})", e.line(), e.column()),
    })?;
    let mut read = FileRead::default();
    match value {
        Value::Object(obj) => {
            let article = article_from(&obj, base, opts, base.rel_id.clone())
                .map_err(|message| ReadError::Article { message })?;
            read.articles.push(article);
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let fallback = format!("{}:{}", base.rel_id, i + 1);
                let result = match item {
                    Value::Object(obj) => article_from(obj, base, opts, fallback),
                    other => Err(format!("expected an article object, found {}", kind(other))),
                };
                match result {
                    Ok(a) => read.articles.push(a),
                    Err(message) => read.skipped.push(ReadError::Article {
                        message: format!("array item {}: {message}", i + 1),
                    }),
                }
            }
        }
        other => {
            return Err(ReadError::Json {
                message: format!(
                    "expected an article object or an array of them, found {}",
                    kind(&other)
                ),
            });
        }
    }
    Ok(read)
}

pub(super) fn read_json_lines(
    content: &str,
    base: &ArticleBase,
    opts: &ReadOptions,
) -> Result<FileRead, ReadError> {
    let mut read = FileRead::default();
    for (i, line) in content.lines().enumerate() {
        match json_line(line, i + 1, base, opts) {
            Ok(Some(a)) => read.articles.push(a),
            Ok(None) => {}
            Err(e) => read.skipped.push(e),
        }
    }
    if read.articles.is_empty() && read.skipped.is_empty() {
        return Err(ReadError::Empty);
    }
    Ok(read)
}

/// One line of a JSON Lines file (numbered from 1): `None` for a blank line.
pub(super) fn json_line(
    line: &str,
    line_no: usize,
    base: &ArticleBase,
    opts: &ReadOptions,
) -> Result<Option<Article>, ReadError> {
    let line = line.trim();
    if line.is_empty() {
        return Ok(None);
    }
    let result = match serde_json::from_str::<Value>(line) {
        Ok(Value::Object(obj)) => {
            article_from(&obj, base, opts, format!("{}:{line_no}", base.rel_id))
        }
        Ok(other) => Err(format!(
            "expected an article object, found {}",
            kind(&other)
        )),
        Err(e) => Err(format!("invalid JSON: {e}")),
    };
    result.map(Some).map_err(|message| ReadError::JsonLine {
        line: line_no,
        message,
    })
}

fn article_from(
    obj: &Map<String, Value>,
    base: &ArticleBase,
    opts: &ReadOptions,
    fallback_id: String,
) -> Result<Article, String> {
    let get = |field: &str| -> Option<&Value> {
        match opts.field_map.get(field) {
            Some(name) => obj.get(name),
            None if field == "body" => obj.get("body").or_else(|| obj.get("text")),
            None => obj.get(field),
        }
    };
    let id = match get("id") {
        Some(Value::String(s)) if !s.trim().is_empty() => s.trim().to_string(),
        Some(Value::Number(n)) => n.to_string(),
        _ => fallback_id,
    };
    let mut article = base.article(id);
    article.title = scalar(get("title")).filter(|t| !t.trim().is_empty());
    article.date = scalar(get("date"));
    article.url = scalar(get("url"));
    article.topics = match get("topics") {
        Some(Value::Array(items)) => items.iter().filter_map(|v| scalar(Some(v))).collect(),
        Some(Value::String(s)) => s
            .split([',', ';'])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(String::from)
            .collect(),
        _ => Vec::new(),
    };
    let body = match get("body") {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Array(parts)) => parts
            .iter()
            .filter_map(|v| scalar(Some(v)))
            .collect::<Vec<_>>()
            .join("\n"),
        Some(other) => return Err(format!("the body is {}, expected a string", kind(other))),
        None => {
            let name = opts
                .field_map
                .get("body")
                .map_or("body' or 'text", String::as_str);
            return Err(format!(
                "no '{name}' field with the article text (map another name with --field body=NAME)"
            ));
        }
    };
    article.blocks = body
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| Block::Text(l.to_string()))
        .collect();
    if article.blocks.is_empty() {
        return Err("the article text is empty".to_string());
    }
    Ok(article)
}

fn scalar(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn base() -> ArticleBase {
        ArticleBase::new(Path::new("/c/feed.jsonl"), Path::new("/c"))
    }

    #[test]
    fn jsonl_reads_good_lines_and_reports_bad_ones_by_line() {
        let input = "{\"id\": \"a\", \"title\": \"T\", \"date\": \"2025-11-20\", \"topics\": [\"x\"], \"body\": \"P1\\nP2\"}\n\
                     {not json}\n\
                     \n\
                     [1, 2]\n\
                     {\"text\": \"Only text.\"}\n\
                     {\"title\": \"no body\"}\n";
        let read = read_json_lines(input, &base(), &ReadOptions::default()).unwrap();
        assert_eq!(read.articles.len(), 2);
        assert_eq!(read.articles[0].id, "a");
        assert_eq!(read.articles[0].blocks.len(), 2);
        assert_eq!(read.articles[0].topics, ["x"]);
        assert_eq!(read.articles[1].id, "feed.jsonl:5");
        let lines: Vec<String> = read.skipped.iter().map(ToString::to_string).collect();
        assert_eq!(lines.len(), 3, "{lines:?}");
        assert!(lines[0].starts_with("line 2: invalid JSON"), "{lines:?}");
        assert!(lines[1].starts_with("line 4: expected an article object, found an array"));
        assert!(lines[2].starts_with("line 6: no 'body' or 'text' field"));
    }

    #[test]
    fn field_mapping_renames_inputs() {
        let opts = ReadOptions::with_field_mappings(&[
            "body=content".to_string(),
            "title=headline".to_string(),
            "id=guid".to_string(),
        ])
        .unwrap();
        let read = read_json_lines(
            "{\"guid\": 7, \"headline\": \"H\", \"content\": \"Words.\"}",
            &base(),
            &opts,
        )
        .unwrap();
        assert_eq!(read.articles[0].id, "7");
        assert_eq!(read.articles[0].title.as_deref(), Some("H"));
    }

    #[test]
    fn json_object_array_and_errors() {
        let b = ArticleBase::new(Path::new("/c/a.json"), Path::new("/c"));
        let one = read_json(
            "{\"body\": \"Text.\", \"topics\": \"a, b\"}",
            &b,
            &ReadOptions::default(),
        )
        .unwrap();
        assert_eq!(one.articles[0].id, "a.json");
        assert_eq!(one.articles[0].topics, ["a", "b"]);
        let many = read_json(
            "[{\"body\": \"x\"}, 3, {\"body\": [\"p1\", \"p2\"]}]",
            &b,
            &ReadOptions::default(),
        )
        .unwrap();
        assert_eq!(many.articles.len(), 2);
        assert_eq!(many.articles[1].id, "a.json:3");
        assert_eq!(many.articles[1].blocks.len(), 2);
        assert_eq!(many.skipped.len(), 1);
        let err = read_json("{\"body\": ", &b, &ReadOptions::default()).unwrap_err();
        assert!(err.to_string().contains("line 1"), "{err}");
        assert!(read_json("42", &b, &ReadOptions::default()).is_err());
    }
}
