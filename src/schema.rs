//! The index schema: field definitions kept as data in `index-schema/schema.toml`,
//! validated, turned into a tantivy schema, and the mapping between [`Passage`] and
//! tantivy documents. One of the few modules that speak tantivy.

use std::sync::LazyLock;

use serde::Deserialize;
use tantivy::schema::{
    DateOptions, DateTimePrecision, FacetOptions, Field, IndexRecordOption, NumericOptions,
    OwnedValue, STORED, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{DateTime, Index, TantivyDocument, schema::Facet};

use crate::content_hash::ContentHash;
use crate::error::SchemaError;
use crate::passage::Passage;
use crate::tokenizer;

const DEFAULT_SCHEMA: &str = include_str!("../index-schema/schema.toml");

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FieldType {
    Text,
    String,
    U64,
    Date,
    Facet,
}

/// One field as the schema file declares it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldSpec {
    pub name: String,
    #[serde(rename = "type")]
    pub kind: FieldType,
    #[serde(default)]
    pub tokenizer: Option<String>,
    #[serde(default)]
    pub positions: bool,
    #[serde(default)]
    pub stored: bool,
    #[serde(default)]
    pub fast: bool,
    #[serde(default = "yes")]
    pub indexed: bool,
    #[serde(default)]
    pub default_search: bool,
    #[serde(default)]
    pub boost: Option<f32>,
    #[serde(default)]
    #[allow(dead_code)]
    doc: Option<String>,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct SchemaFile {
    version: u32,
    #[serde(rename = "field")]
    fields: Vec<FieldSpec>,
}

/// Handles to the fields newsdex reads and writes.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    pub id: Field,
    pub article_id: Field,
    pub title: Field,
    pub section: Field,
    pub para: Field,
    pub text: Field,
    pub speaker: Field,
    pub speaker_role: Field,
    pub speaker_facet: Field,
    pub date: Field,
    pub date_month: Field,
    pub mentioned_dates: Field,
    pub topic: Field,
    pub source: Field,
    /// The low and the high 64 bits of [`Provenance::content_hash`].
    pub content_hash: Field,
    pub content_hash_high: Field,
    pub file: Field,
    pub passages: Field,
}

/// Bookkeeping stored with every passage of an article, for incremental runs and
/// `newsdex check`; not part of the passage itself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Provenance {
    /// Hash of the source record and of what shaped its passages (`None` for passages
    /// added without one, as [`crate::index::Writer::replace_article`] adds them).
    pub content_hash: Option<ContentHash>,
    /// Absolute path of the file the article was read from.
    pub file: String,
    /// How many passages the article has.
    pub passages: u64,
}

/// A validated schema: the tantivy schema, field handles, and search defaults.
#[derive(Debug, Clone)]
pub struct NewsSchema {
    pub version: u32,
    pub schema: Schema,
    pub fields: Fields,
    /// Fields searched when a query names none, with their boosts.
    pub default_fields: Vec<(Field, f32)>,
    pub specs: Vec<FieldSpec>,
}

const TOKENIZERS: &[&str] = &["newsdex_en", "newsdex_name", "raw"];

/// Required fields and the type each must have.
const REQUIRED: &[(&str, FieldType)] = &[
    ("id", FieldType::String),
    ("article_id", FieldType::String),
    ("title", FieldType::Text),
    ("section", FieldType::Text),
    ("para", FieldType::U64),
    ("text", FieldType::Text),
    ("speaker", FieldType::Text),
    ("speaker_role", FieldType::String),
    ("speaker_facet", FieldType::Facet),
    ("date", FieldType::Date),
    ("date_month", FieldType::Facet),
    ("mentioned_dates", FieldType::Date),
    ("topic", FieldType::Facet),
    ("source", FieldType::String),
    ("content_hash", FieldType::U64),
    ("content_hash_high", FieldType::U64),
    ("file", FieldType::String),
    ("passages", FieldType::U64),
];

impl NewsSchema {
    /// The schema embedded in the binary (validated by a unit test).
    pub fn embedded() -> &'static NewsSchema {
        static DEFAULT: LazyLock<NewsSchema> = LazyLock::new(|| {
            NewsSchema::from_toml(DEFAULT_SCHEMA, "index-schema/schema.toml")
                .unwrap_or_else(|e| panic!("embedded schema is invalid: {e}"))
        });
        &DEFAULT
    }

    /// Parses and validates a schema file. Errors name the file and the field.
    pub fn from_toml(src: &str, name: &str) -> Result<NewsSchema, SchemaError> {
        let file: SchemaFile = toml::from_str(src).map_err(|e| SchemaError::Parse {
            name: name.to_string(),
            message: e.to_string(),
        })?;
        let field_err = |field: &str, message: String| SchemaError::Field {
            name: name.to_string(),
            field: field.to_string(),
            message,
        };
        let mut builder = Schema::builder();
        let mut default_fields = Vec::new();
        for (i, spec) in file.fields.iter().enumerate() {
            if file.fields[..i].iter().any(|f| f.name == spec.name) {
                return Err(field_err(&spec.name, "declared twice".into()));
            }
            if spec.name.is_empty()
                || !spec
                    .name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
            {
                return Err(field_err(
                    &spec.name,
                    "names use lower-case ASCII letters, digits and '_'".into(),
                ));
            }
            if let Some(t) = &spec.tokenizer {
                if spec.kind != FieldType::Text {
                    return Err(field_err(
                        &spec.name,
                        "only text fields take a tokenizer".into(),
                    ));
                }
                if !TOKENIZERS.contains(&t.as_str()) {
                    return Err(field_err(
                        &spec.name,
                        format!("unknown tokenizer '{t}'; known: {}", TOKENIZERS.join(", ")),
                    ));
                }
            }
            if spec.positions && spec.kind != FieldType::Text {
                return Err(field_err(
                    &spec.name,
                    "only text fields have positions".into(),
                ));
            }
            if spec.default_search && spec.kind != FieldType::Text {
                return Err(field_err(
                    &spec.name,
                    "only text fields can be searched by default".into(),
                ));
            }
            if let Some(b) = spec.boost
                && !(b.is_finite() && b > 0.0)
            {
                return Err(field_err(&spec.name, format!("boost must be > 0, got {b}")));
            }
            let field = match spec.kind {
                FieldType::Text | FieldType::String => {
                    let tokenizer = match (spec.kind, &spec.tokenizer) {
                        (FieldType::String, _) => "raw",
                        (_, Some(t)) => t.as_str(),
                        (_, None) => "newsdex_en",
                    };
                    let record = if spec.positions {
                        IndexRecordOption::WithFreqsAndPositions
                    } else if spec.kind == FieldType::Text {
                        IndexRecordOption::WithFreqs
                    } else {
                        IndexRecordOption::Basic
                    };
                    let mut opts = TextOptions::default();
                    if spec.indexed {
                        opts = opts.set_indexing_options(
                            TextFieldIndexing::default()
                                .set_tokenizer(tokenizer)
                                .set_index_option(record),
                        );
                    }
                    if spec.stored {
                        opts = opts | STORED;
                    }
                    if spec.fast {
                        opts = opts.set_fast("raw");
                    }
                    builder.add_text_field(&spec.name, opts)
                }
                FieldType::U64 => {
                    let mut opts = NumericOptions::default();
                    if spec.indexed {
                        opts = opts.set_indexed();
                    }
                    if spec.stored {
                        opts = opts.set_stored();
                    }
                    if spec.fast {
                        opts = opts.set_fast();
                    }
                    builder.add_u64_field(&spec.name, opts)
                }
                FieldType::Date => {
                    let mut opts = DateOptions::default().set_precision(DateTimePrecision::Seconds);
                    if spec.indexed {
                        opts = opts.set_indexed();
                    }
                    if spec.stored {
                        opts = opts.set_stored();
                    }
                    if spec.fast {
                        opts = opts.set_fast();
                    }
                    builder.add_date_field(&spec.name, opts)
                }
                FieldType::Facet => {
                    let mut opts = FacetOptions::default();
                    if spec.stored {
                        opts = opts.set_stored();
                    }
                    builder.add_facet_field(&spec.name, opts)
                }
            };
            if spec.default_search {
                default_fields.push((field, spec.boost.unwrap_or(1.0)));
            }
        }
        for (req, kind) in REQUIRED {
            match file.fields.iter().find(|f| f.name == *req) {
                None => return Err(SchemaError::MissingField(req)),
                Some(f) if f.kind != *kind => {
                    return Err(field_err(
                        req,
                        format!("must have type {kind:?}, not {:?}", f.kind).to_lowercase(),
                    ));
                }
                Some(_) => {}
            }
        }
        if default_fields.is_empty() {
            return Err(SchemaError::Parse {
                name: name.to_string(),
                message: "no field has default_search = true; queries would search nothing".into(),
            });
        }
        let schema = builder.build();
        let get = |n: &str| {
            schema.get_field(n).map_err(|_| {
                SchemaError::MissingField(REQUIRED.iter().find(|r| r.0 == n).map_or("?", |r| r.0))
            })
        };
        let fields = Fields {
            id: get("id")?,
            article_id: get("article_id")?,
            title: get("title")?,
            section: get("section")?,
            para: get("para")?,
            text: get("text")?,
            speaker: get("speaker")?,
            speaker_role: get("speaker_role")?,
            speaker_facet: get("speaker_facet")?,
            date: get("date")?,
            date_month: get("date_month")?,
            mentioned_dates: get("mentioned_dates")?,
            topic: get("topic")?,
            source: get("source")?,
            content_hash: get("content_hash")?,
            content_hash_high: get("content_hash_high")?,
            file: get("file")?,
            passages: get("passages")?,
        };
        Ok(NewsSchema {
            version: file.version,
            schema,
            fields,
            default_fields,
            specs: file.fields,
        })
    }

    /// A passage as a tantivy document, with its article's provenance.
    pub fn to_document(&self, p: &Passage, provenance: &Provenance) -> TantivyDocument {
        let f = &self.fields;
        let mut doc = TantivyDocument::default();
        doc.add_text(f.id, &p.id);
        doc.add_text(f.article_id, &p.article_id);
        if let Some(t) = &p.title {
            doc.add_text(f.title, t);
        }
        if let Some(s) = &p.section {
            doc.add_text(f.section, s);
        }
        doc.add_u64(f.para, p.para);
        doc.add_text(f.text, &p.text);
        for (i, name) in p.speakers.iter().enumerate() {
            doc.add_text(f.speaker, name);
            let role = p.speaker_role.get(i).cloned().flatten().unwrap_or_default();
            doc.add_text(f.speaker_role, role);
            doc.add_facet(f.speaker_facet, Facet::from_path([name.as_str()]));
        }
        if let Some(date) = p.date.as_deref()
            && let Some(d) = parse_rfc3339(date)
        {
            doc.add_date(f.date, d);
            if let Some(month) = date.get(..7) {
                doc.add_facet(f.date_month, Facet::from_path([month]));
            }
        }
        for d in &p.mentioned_dates {
            if let Some(d) = parse_day(d) {
                doc.add_date(f.mentioned_dates, d);
            }
        }
        for t in &p.topics {
            if let Ok(facet) = Facet::from_text(t) {
                doc.add_facet(f.topic, facet);
            }
        }
        doc.add_text(f.source, &p.source);
        if let Some(hash) = provenance.content_hash {
            let (low, high) = hash.halves();
            doc.add_u64(f.content_hash, low);
            doc.add_u64(f.content_hash_high, high);
        }
        doc.add_text(f.file, &provenance.file);
        doc.add_u64(f.passages, provenance.passages);
        doc
    }

    /// A stored tantivy document back as a passage.
    pub fn to_passage(&self, doc: &TantivyDocument) -> Passage {
        let f = &self.fields;
        let texts = |field: Field| -> Vec<String> {
            doc.get_all(field)
                .filter_map(|v| match OwnedValue::from(v) {
                    OwnedValue::Str(s) => Some(s),
                    _ => None,
                })
                .collect()
        };
        let first = |field: Field| texts(field).into_iter().next();
        let dates = |field: Field| -> Vec<DateTime> {
            doc.get_all(field)
                .filter_map(|v| match OwnedValue::from(v) {
                    OwnedValue::Date(d) => Some(d),
                    _ => None,
                })
                .collect()
        };
        let para = doc
            .get_all(f.para)
            .find_map(|v| match OwnedValue::from(v) {
                OwnedValue::U64(n) => Some(n),
                _ => None,
            })
            .unwrap_or(0);
        let topics = doc
            .get_all(f.topic)
            .filter_map(|v| match OwnedValue::from(v) {
                OwnedValue::Facet(facet) => Some(facet.to_path_string()),
                _ => None,
            })
            .collect();
        let speakers = texts(f.speaker);
        let mut roles: Vec<Option<String>> = texts(f.speaker_role)
            .into_iter()
            .map(|r| Some(r).filter(|r| !r.is_empty()))
            .collect();
        roles.resize(speakers.len(), None);
        Passage {
            id: first(f.id).unwrap_or_default(),
            article_id: first(f.article_id).unwrap_or_default(),
            title: first(f.title),
            para,
            section: first(f.section),
            text: first(f.text).unwrap_or_default(),
            date: dates(f.date).first().map(|d| format_rfc3339(*d)),
            speakers,
            speaker_role: roles,
            topics,
            mentioned_dates: dates(f.mentioned_dates)
                .into_iter()
                .map(|d| format_rfc3339(d)[..10].to_string())
                .collect(),
            source: first(f.source).unwrap_or_default(),
        }
    }
}

/// English function words that `newsdex_en` drops, at index and at query time
/// (separated by white space).
///
/// The Snowball project's English list (snowballstem.org/algorithms/english/stop.txt),
/// with its contractions split the way the tokenizer splits them ("isn't" gives "isn"
/// and "t"), plus "can" and "will" (modal verbs, as in Lucene's list). Left out because
/// they are content words in news once lower-cased: "who" (WHO), "won" (from "won't"),
/// "let" (from "let's"). Words keep their positions, so a quoted phrase still matches
/// the text it quotes. Measured on Cranfield: BENCHMARKS.md, "Ranking quality".
pub const STOP_WORDS: &str = "\
    i me my myself we our ours ourselves you your yours yourself yourselves he him his \
    himself she her hers herself it its itself they them their theirs themselves what which \
    whom this that these those am is are was were be been being have has had having do does \
    did doing would should could ought a an the and but if or because as until while of at \
    by for with about against between into through during before after above below to from \
    up down in out on off over under again further then once here there when where why how \
    all any both each few more most other some such no nor not only own same so than too \
    very \
    m re s ve d ll t isn aren wasn weren hasn haven hadn doesn don didn wouldn shan shouldn \
    can cannot couldn mustn will";

/// Registers the tokenizers the schema names on an index (needed at every open).
/// `newsdex_en` is the cached form of its chain ([`crate::tokenizer`]): same terms.
pub fn register_tokenizers(index: &Index) {
    let manager = index.tokenizers();
    manager.register(
        "newsdex_en",
        TextAnalyzer::from(tokenizer::CachedEnglish::new()),
    );
    manager.register("newsdex_name", tokenizer::name_analyzer());
    manager.register("raw", tokenizer::raw_analyzer());
}

/// A calendar day as a tantivy date (midnight UTC).
pub fn day_to_datetime(day: jiff::civil::Date) -> Option<DateTime> {
    let ts = day.to_zoned(jiff::tz::TimeZone::UTC).ok()?.timestamp();
    Some(DateTime::from_timestamp_secs(ts.as_second()))
}

fn parse_rfc3339(s: &str) -> Option<DateTime> {
    let ts: jiff::Timestamp = s.parse().ok()?;
    Some(DateTime::from_timestamp_secs(ts.as_second()))
}

fn parse_day(s: &str) -> Option<DateTime> {
    day_to_datetime(s.parse().ok()?)
}

fn format_rfc3339(d: DateTime) -> String {
    jiff::Timestamp::from_second(d.into_timestamp_secs())
        .map(|ts| ts.strftime("%Y-%m-%dT%H:%M:%SZ").to_string())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_schema_is_valid_and_searches_text_title_section() {
        let s = NewsSchema::embedded();
        assert_eq!(s.version, 4);
        let names: Vec<&str> = s
            .default_fields
            .iter()
            .map(|(f, _)| s.schema.get_field_name(*f))
            .collect();
        assert_eq!(names, ["title", "section", "text"]);
    }

    fn err(src: &str) -> String {
        NewsSchema::from_toml(src, "s.toml")
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn invalid_schemas_are_explained() {
        let full = DEFAULT_SCHEMA;
        assert!(err("version = 1\n[[field]]\nname = \"id\"\ntype = \"blob\"").contains("s.toml"));
        let dup = format!("{full}\n[[field]]\nname = \"text\"\ntype = \"text\"\n");
        assert!(err(&dup).contains("declared twice"));
        let bad_tok = full.replace("tokenizer = \"newsdex_name\"", "tokenizer = \"klingon\"");
        assert!(err(&bad_tok).contains("unknown tokenizer 'klingon'"));
        let missing = full.replace("name = \"source\"", "name = \"origin\"");
        assert!(err(&missing).contains("required field 'source'"));
        let wrong_type = full.replace(
            "name = \"para\"\ntype = \"u64\"",
            "name = \"para\"\ntype = \"string\"",
        );
        assert!(
            err(&wrong_type).contains("must have type u64"),
            "{}",
            err(&wrong_type)
        );
    }

    #[test]
    fn english_analyzer_drops_stop_words_but_keeps_positions() {
        let index = Index::create_in_ram(NewsSchema::embedded().schema.clone());
        register_tokenizers(&index);
        let mut analyzer = index.tokenizers().get("newsdex_en").unwrap();
        let mut stream = analyzer.token_stream("What is the WHO's view of the U.S. plans?");
        let mut tokens = Vec::new();
        while let Some(t) = stream.next() {
            tokens.push((t.text.clone(), t.position));
        }
        let expected = [("who", 3), ("view", 5), ("u", 8), ("plan", 10)];
        let expected: Vec<(String, usize)> =
            expected.iter().map(|(w, p)| (w.to_string(), *p)).collect();
        assert_eq!(tokens, expected);
        let listed: Vec<&str> = STOP_WORDS.split_whitespace().collect();
        let mut unique = listed.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), listed.len(), "a stop word is listed twice");
    }

    #[test]
    fn passages_round_trip_through_documents() {
        let s = NewsSchema::embedded();
        let p = Passage {
            id: "a/b.txt#3".into(),
            article_id: "a/b.txt".into(),
            title: Some("Title".into()),
            para: 3,
            section: Some("Section".into()),
            text: "Some text.".into(),
            date: Some("2025-11-20T00:00:00Z".into()),
            speakers: vec!["Kaja Kallas".into(), "a Western official".into()],
            speaker_role: vec![Some("Estonian Prime Minister".into()), None],
            topics: vec!["/diplomacy".into(), "/conflict/military".into()],
            mentioned_dates: vec!["2025-11-19".into()],
            source: "corpus/a/b.txt".into(),
        };
        let doc = s.to_document(&p, &Provenance::default());
        assert_eq!(s.to_passage(&doc), p);
    }
}
