//! JSON and JSON Lines articles: one article per object (`.json` may hold one object or
//! an array of them). Field names are `id`, `title`, `date`, `url`, `topics` and `body`
//! (or one of their [`ALIASES`]); other names are mapped with `--field body=story_html`.

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::{Article, ArticleBase, Block, FileRead, ReadOptions};
use crate::error::ReadError;

/// The article fields a JSON input can map.
pub(crate) const FIELDS: &[&str] = &["id", "title", "date", "url", "topics", "body"];

pub(super) fn read_json(
    content: &str,
    base: &ArticleBase,
    opts: &ReadOptions,
) -> Result<FileRead, ReadError> {
    let value: Value = serde_json::from_str(content).map_err(|e| ReadError::Json {
        message: format!("{e} (line {}, column {})", e.line(), e.column()),
    })?;
    let names = opts.json_names();
    let mut read = FileRead::default();
    match value {
        Value::Object(obj) => {
            let article = article_from(names.take(obj), base, opts, base.rel_id.clone())
                .map_err(|message| ReadError::Article { message })?;
            read.articles.push(article);
        }
        Value::Array(items) => {
            for (i, item) in items.into_iter().enumerate() {
                let fallback = format!("{}:{}", base.rel_id, i + 1);
                let result = match item {
                    Value::Object(obj) => article_from(names.take(obj), base, opts, fallback),
                    other => Err(format!(
                        "expected an article object, found {}",
                        kind(&other)
                    )),
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
///
/// The line is parsed straight into the members an article needs ([`Members`]): the
/// others are checked as JSON and skipped, nothing is built for them, and the body is
/// moved, not copied. Parsing every line into a `serde_json::Value` map first and
/// cloning the members out of it took 383 M instructions for Reuters x1 (callgrind of
/// `newsdex shard`), 15% as many as all of extraction.
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
    let names = opts.json_names();
    let mut de = serde_json::Deserializer::from_str(line);
    let parsed = MembersSeed(names)
        .deserialize(&mut de)
        .and_then(|m| de.end().map(|()| m));
    let result = match parsed {
        Ok(Ok(members)) => article_from(members, base, opts, format!("{}:{line_no}", base.rel_id)),
        Ok(Err(found)) => Err(format!("expected an article object, found {found}")),
        Err(e) => Err(format!("invalid JSON: {e}")),
    };
    result.map(Some).map_err(|message| ReadError::JsonLine {
        line: line_no,
        message,
    })
}

/// The member names read for each of [`FIELDS`] when `--field` does not name one, most
/// preferred first: the names common feeds, scrapers and schema.org's `NewsArticle` use.
/// Front matter reads the same names, in any case.
pub(crate) const ALIASES: [&[&str]; FIELDS.len()] = [
    &["id", "guid", "uuid", "_id", "doc_id", "docid", "article_id"],
    &["title", "headline", "heading"],
    &[
        "date",
        "published_at",
        "publishedAt",
        "published",
        "pubDate",
        "pub_date",
        "datePublished",
        "date_published",
        "publication_date",
        "publish_date",
        "publishDate",
        "created_at",
        "createdAt",
        "timestamp",
        "datetime",
    ],
    &[
        "url",
        "link",
        "href",
        "permalink",
        "canonical_url",
        "source_url",
    ],
    &[
        "topics",
        "topic",
        "tags",
        "categories",
        "category",
        "keywords",
        "subjects",
        "subject",
    ],
    &[
        "body",
        "text",
        "content",
        "articleBody",
        "article_body",
        "article",
        "maintext",
        "main_text",
        "full_text",
        "fulltext",
        "story",
        "body_text",
    ],
];

/// Index of `body` among [`FIELDS`].
const BODY: usize = 5;

/// The member names that feed the article fields: per field, its `--field` name or else
/// its [`ALIASES`], each with its field and its rank among that field's names (0 is
/// preferred). At most 64, so that the names a member feeds fit a `u64`.
#[derive(Debug, Clone)]
pub(super) struct FieldNames {
    names: Vec<(String, u8, u8)>,
    /// The indexes of the names, by length (the last bucket holds every longer one): a
    /// member name is compared with those of its length only. Compared with all of
    /// them, reading Reuters' JSON Lines took 35% more instructions.
    by_len: [Vec<u8>; LEN_BUCKETS],
}

/// Buckets of [`FieldNames::by_len`].
const LEN_BUCKETS: usize = 24;

impl FieldNames {
    pub(super) fn new(field_map: &BTreeMap<String, String>) -> FieldNames {
        let mut names = Vec::new();
        for (field, (name, aliases)) in FIELDS.iter().zip(ALIASES).enumerate() {
            let field = field as u8;
            match field_map.get(*name) {
                Some(mapped) => names.push((mapped.clone(), field, 0)),
                None => {
                    for (rank, alias) in aliases.iter().enumerate() {
                        names.push(((*alias).to_string(), field, rank as u8));
                    }
                }
            }
        }
        debug_assert!(names.len() <= 64);
        let mut by_len: [Vec<u8>; LEN_BUCKETS] = Default::default();
        for (i, (name, ..)) in names.iter().enumerate() {
            by_len[name.len().min(LEN_BUCKETS - 1)].push(i as u8);
        }
        FieldNames { names, by_len }
    }

    /// The names the member `key` is, as bits (bit `i` for name `i`): none for most,
    /// two when two fields are mapped to the same member.
    fn names_of(&self, key: &str) -> u64 {
        let mut bits = 0;
        for &i in &self.by_len[key.len().min(LEN_BUCKETS - 1)] {
            bits |= u64::from(self.names[usize::from(i)].0 == key) << i;
        }
        bits
    }

    /// The members of an already parsed object: for each field, the most preferred of
    /// its names that the object has.
    fn take(&self, mut obj: Map<String, Value>) -> Members {
        let mut members = Members::default();
        for (name, field, rank) in &self.names {
            let (field, rank) = (usize::from(*field), *rank);
            if members.rank[field] > rank
                && let Some(value) = obj.remove(name.as_str())
            {
                members.values[field] = Some(value);
                members.rank[field] = rank;
            }
        }
        members
    }
}

/// An article object's members that feed its fields, by index in [`FIELDS`], with the
/// rank of the name each came from. Of two members with names of one rank (the same
/// name given twice) the last counts, as in a parsed `serde_json` map; of two names,
/// the preferred one.
struct Members {
    values: [Option<Value>; FIELDS.len()],
    rank: [u8; FIELDS.len()],
}

impl Default for Members {
    fn default() -> Members {
        Members {
            values: Default::default(),
            rank: [u8::MAX; FIELDS.len()],
        }
    }
}

impl Members {
    fn get(&mut self, field: &str) -> Option<Value> {
        let i = FIELDS.iter().position(|f| *f == field)?;
        self.values[i].take()
    }

    /// Gives `field` the value of a member whose name has `rank`, unless a member with a
    /// preferred name gave it one.
    fn offer(&mut self, field: usize, rank: u8, value: Value) {
        if rank <= self.rank[field] {
            self.values[field] = Some(value);
            self.rank[field] = rank;
        }
    }
}

/// Parses one JSON value into the [`Members`] of an article object, or, when the
/// value is no object, what it is instead ("an array").
struct MembersSeed<'n>(&'n FieldNames);

impl<'de> DeserializeSeed<'de> for MembersSeed<'_> {
    type Value = Result<Members, &'static str>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for MembersSeed<'_> {
    type Value = Result<Members, &'static str>;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("an article object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut members = Members::default();
        let names = &self.0.names;
        while let Some(mut bits) = map.next_key_seed(KeySeed(self.0))? {
            if bits == 0 {
                map.next_value::<IgnoredAny>()?;
                continue;
            }
            let value: Value = map.next_value()?;
            // Every name but the last gets a copy; the last takes the value.
            while bits & (bits - 1) != 0 {
                let (_, field, rank) = names[bits.trailing_zeros() as usize];
                members.offer(usize::from(field), rank, value.clone());
                bits &= bits - 1;
            }
            let (_, field, rank) = names[bits.trailing_zeros() as usize];
            members.offer(usize::from(field), rank, value);
        }
        Ok(Ok(members))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Err("an array"))
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
        Ok(Err("a string"))
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
        Ok(Err("a boolean"))
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
        Ok(Err("a number"))
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
        Ok(Err("a number"))
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
        Ok(Err("a number"))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Err("null"))
    }
}

/// Reads a member name as the names it is (see [`FieldNames::names_of`]),
/// without allocating it unless it has escapes.
struct KeySeed<'n>(&'n FieldNames);

impl<'de> DeserializeSeed<'de> for KeySeed<'_> {
    type Value = u64;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeySeed<'_> {
    type Value = u64;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a member name")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Self::Value, E> {
        Ok(self.0.names_of(key))
    }
}

fn article_from(
    mut members: Members,
    base: &ArticleBase,
    opts: &ReadOptions,
    fallback_id: String,
) -> Result<Article, String> {
    let id = match members.get("id") {
        Some(Value::String(s)) if !s.trim().is_empty() => match s.trim() {
            trimmed if trimmed.len() == s.len() => s,
            trimmed => trimmed.to_string(),
        },
        Some(Value::Number(n)) => n.to_string(),
        _ => fallback_id,
    };
    let mut article = base.article(id);
    article.title = scalar(members.get("title")).filter(|t| !t.trim().is_empty());
    article.date = scalar(members.get("date")).map(|d| epoch_date(&d).unwrap_or(d));
    article.url = scalar(members.get("url"));
    article.topics = match members.get("topics") {
        Some(Value::Array(items)) => items.into_iter().filter_map(|v| scalar(Some(v))).collect(),
        Some(Value::String(s)) => s
            .split([',', ';'])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(String::from)
            .collect(),
        _ => Vec::new(),
    };
    let body = match members.get("body") {
        Some(Value::String(s)) => s,
        Some(Value::Array(parts)) => parts
            .into_iter()
            .filter_map(|v| scalar(Some(v)))
            .collect::<Vec<_>>()
            .join("\n"),
        Some(other) => return Err(format!("the body is {}, expected a string", kind(&other))),
        None => {
            return Err(match opts.field_map.get("body") {
                Some(name) => format!(
                    "no '{name}' field with the article text (map another name with --field \
                     body=NAME)"
                ),
                None => format!(
                    "no field with the article text (looked for {}; map another name with \
                     --field body=NAME)",
                    ALIASES[BODY].join(", ")
                ),
            });
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

/// A date given as a Unix time (`1763632800`, or in milliseconds `1763632800000`, as
/// many feeds and databases write it) in RFC 3339 (`2025-11-20T10:00:00Z`); `None` for
/// anything else. Only whole numbers of 9 to 10 digits (seconds: 1973 to 2286) or 12 to
/// 13 (milliseconds) count, so that a compact date like `20251120` is left as it is.
pub(crate) fn epoch_date(s: &str) -> Option<String> {
    let s = s.trim();
    if !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: i64 = s.parse().ok()?;
    let at = match s.len() {
        9 | 10 => jiff::Timestamp::from_second(n).ok()?,
        12 | 13 => jiff::Timestamp::from_millisecond(n).ok()?,
        _ => return None,
    };
    Some(at.to_string())
}

fn scalar(v: Option<Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(s),
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
        assert!(
            lines[2].starts_with("line 6: no field with the article text (looked for body, text,"),
            "{lines:?}"
        );
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
    fn jsonl_members_are_read_as_a_parsed_map_would_give_them() {
        let opts = ReadOptions::with_field_mappings(&[
            "title=headline".to_string(),
            "url=headline".to_string(),
        ])
        .unwrap();
        let line = "{\"extra\": {\"deep\": [1, {\"body\": \"not this\"}]}, \
                    \"headline\": \"H\", \"ti\\u0074le\": \"ignored\", \
                    \"id\": \" x1 \", \"id\": \"x2\", \"text\": \"Line one.\\n\\nLine two.\"}";
        let read = read_json_lines(line, &base(), &opts).unwrap();
        let a = &read.articles[0];
        // The last of two members with one name counts, as in a serde_json map.
        assert_eq!(a.id, "x2");
        // One member may feed two fields.
        assert_eq!(a.title.as_deref(), Some("H"));
        assert_eq!(a.url.as_deref(), Some("H"));
        // A member nested in another is not the article's; `text` is the body.
        assert_eq!(
            a.blocks,
            [
                Block::Text("Line one.".into()),
                Block::Text("Line two.".into())
            ]
        );
        // An escaped name is the name it spells ("title"), which is mapped away here.
        let plain = read_json_lines(
            "{\"ti\\u0074le\": \"T\", \"body\": \"B\", \"text\": \"not this\"}",
            &base(),
            &ReadOptions::default(),
        )
        .unwrap();
        assert_eq!(plain.articles[0].title.as_deref(), Some("T"));
        assert_eq!(plain.articles[0].blocks, [Block::Text("B".into())]);
        for (line, found) in [
            ("\"just text\"", "a string"),
            ("42", "a number"),
            ("-1.5", "a number"),
            ("true", "a boolean"),
            ("null", "null"),
            ("[{\"body\": \"x\"}]", "an array"),
        ] {
            let err = read_json_lines(line, &base(), &ReadOptions::default())
                .unwrap()
                .skipped
                .remove(0)
                .to_string();
            assert_eq!(
                err,
                format!("line 1: expected an article object, found {found}")
            );
        }
        for bad in [
            "{\"body\": \"x\"} trailing",
            "{\"body\": \"x\",}",
            "{\"body\" \"x\"}",
        ] {
            let err = read_json_lines(bad, &base(), &ReadOptions::default())
                .unwrap()
                .skipped
                .remove(0)
                .to_string();
            assert!(err.starts_with("line 1: invalid JSON"), "{bad}: {err}");
        }
    }

    #[test]
    fn common_member_names_are_read_without_mapping() {
        let input = "{\"guid\": \"g1\", \"headline\": \"H\", \"publishedAt\": \"2025-11-20T10:00:00Z\", \
                     \"link\": \"https://example.com/a\", \"tags\": [\"Politics\"], \"content\": \"C.\"}\n\
                     {\"articleBody\": \"A.\", \"datePublished\": \"2025-11-21\", \"keywords\": \"x, y\"}\n\
                     {\"timestamp\": 1763632800, \"story\": \"S.\"}\n\
                     {\"created_at\": \"1763632800000\", \"pub_date\": \"20251120\", \"maintext\": \"M.\"}\n";
        let read = read_json_lines(input, &base(), &ReadOptions::default()).unwrap();
        assert!(read.skipped.is_empty(), "{:?}", read.skipped);
        let a = &read.articles;
        assert_eq!(a[0].id, "g1");
        assert_eq!(a[0].title.as_deref(), Some("H"));
        assert_eq!(a[0].date.as_deref(), Some("2025-11-20T10:00:00Z"));
        assert_eq!(a[0].url.as_deref(), Some("https://example.com/a"));
        assert_eq!(a[0].topics, ["Politics"]);
        assert_eq!(a[0].blocks, [Block::Text("C.".into())]);
        assert_eq!(a[1].blocks, [Block::Text("A.".into())]);
        assert_eq!(a[1].date.as_deref(), Some("2025-11-21"));
        assert_eq!(a[1].topics, ["x", "y"]);
        // Unix times, in seconds or milliseconds, as a number or a string.
        assert_eq!(a[2].date.as_deref(), Some("2025-11-20T10:00:00Z"));
        // The preferred name wins wherever it stands: pub_date before created_at.
        assert_eq!(a[3].date.as_deref(), Some("20251120"));
    }

    #[test]
    fn the_preferred_name_wins_and_a_mapping_replaces_the_aliases() {
        // Parsed line by line and as one object: the same choice.
        let line = "{\"content\": \"second choice\", \"body\": \"first choice\", \
                    \"text\": \"third\", \"date\": \"2025-11-20\", \"created_at\": \"2020-01-01\"}";
        let lines = read_json_lines(line, &base(), &ReadOptions::default()).unwrap();
        let b = ArticleBase::new(Path::new("/c/a.json"), Path::new("/c"));
        let object = read_json(line, &b, &ReadOptions::default()).unwrap();
        for a in [&lines.articles[0], &object.articles[0]] {
            assert_eq!(a.blocks, [Block::Text("first choice".into())]);
            assert_eq!(a.date.as_deref(), Some("2025-11-20"));
        }
        // With --field body=content only `content` is the body: no fallback to `body`.
        let opts = ReadOptions::with_field_mappings(&["body=content".to_string()]).unwrap();
        let read = read_json_lines("{\"body\": \"B.\"}", &base(), &opts).unwrap();
        let err = read.skipped[0].to_string();
        assert!(err.contains("no 'content' field"), "{err}");
    }

    #[test]
    fn epoch_dates_are_whole_seconds_or_milliseconds() {
        assert_eq!(
            epoch_date("1763632800").as_deref(),
            Some("2025-11-20T10:00:00Z")
        );
        assert_eq!(
            epoch_date("1763632800123").as_deref(),
            Some("2025-11-20T10:00:00.123Z")
        );
        for not in [
            "20251120",
            "2025",
            "17636328001",
            "-1763632800",
            "1763632800.5",
            "",
        ] {
            assert_eq!(epoch_date(not), None, "{not}");
        }
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
