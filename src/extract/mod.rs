//! Extraction: from an article and its shards to passages carrying speaker(s), date and
//! topic(s). The extractors are pure functions over text (one module each); this module
//! only combines them per article.

pub mod date;
pub mod speaker;
pub mod topic;

use crate::article::Article;
use crate::passage::Passage;
use crate::shard::Shard;

use topic::TopicLexicon;

/// Settings that apply to every article of a run.
#[derive(Debug, Clone)]
pub struct ExtractOptions {
    /// Resolves dates written without a year ("Thursday, November 20").
    pub reference_date: jiff::civil::Date,
    /// Add the name of the directory a file sits in as a topic.
    pub topic_from_dir: bool,
    pub lexicon: &'static TopicLexicon,
}

impl ExtractOptions {
    pub fn new(reference_date: jiff::civil::Date) -> ExtractOptions {
        ExtractOptions {
            reference_date,
            topic_from_dir: false,
            lexicon: TopicLexicon::embedded(),
        }
    }
}

/// Passages of one article with every field filled, plus warnings about the article
/// (a metadata date that is not a date, say).
pub fn passages(
    article: &Article,
    shards: Vec<Shard>,
    opts: &ExtractOptions,
) -> (Vec<Passage>, Vec<String>) {
    let mut warnings = Vec::new();
    let texts: Vec<&str> = shards.iter().map(|s| s.text.as_str()).collect();

    let published = match article
        .date
        .as_deref()
        .map(str::trim)
        .filter(|d| !d.is_empty())
    {
        Some(raw) => match date::parse_date(raw) {
            Some(d) => Some(d),
            None => {
                warnings.push(format!(
                    "article {}: metadata date {raw:?} is not a date I can read; using the date \
                     in the text, if any (write it as YYYY-MM-DD)",
                    article.id
                ));
                date::infer_date(&texts, opts.reference_date)
            }
        },
        None => date::infer_date(&texts, opts.reference_date),
    };
    let date_string = published.map(|d| format!("{d}T00:00:00Z"));

    let mut article_topics: Vec<String> = article
        .topics
        .iter()
        .filter_map(|t| topic::metadata_topic_path(t))
        .collect();
    if opts.topic_from_dir
        && let Some(dir) = article
            .dir_name
            .as_deref()
            .and_then(topic::metadata_topic_path)
    {
        article_topics.push(dir);
    }
    let whole: String = article
        .title
        .iter()
        .map(String::as_str)
        .chain(texts.iter().copied())
        .collect::<Vec<_>>()
        .join("\n");
    if let Some(top) = opts.lexicon.top_level(&whole) {
        article_topics.push(top);
    }

    let speakers = speaker::attribute_speakers(&texts);
    let passages = shards
        .into_iter()
        .zip(speakers)
        .map(|(shard, speakers)| {
            let mut topics = article_topics.clone();
            if let Some(section) = shard.section.as_deref() {
                topics.extend(opts.lexicon.classify(section).into_iter().map(|h| h.path));
            }
            topics.extend(
                opts.lexicon
                    .classify(&shard.text)
                    .into_iter()
                    .map(|h| h.path),
            );
            dedup_keep_order(&mut topics);
            let mentioned = published
                .map(|d| date::mentioned_dates(&shard.text, d))
                .unwrap_or_default();
            Passage {
                id: format!("{}#{}", article.id, shard.para),
                article_id: article.id.clone(),
                title: article.title.clone(),
                para: shard.para,
                section: shard.section,
                text: shard.text,
                date: date_string.clone(),
                speaker_role: speakers.iter().map(|s| s.role.clone()).collect(),
                speakers: speakers.into_iter().map(|s| s.name).collect(),
                topics,
                mentioned_dates: mentioned.iter().map(ToString::to_string).collect(),
                source: article.source().to_string(),
            }
        })
        .collect();
    (passages, warnings)
}

fn dedup_keep_order(items: &mut Vec<String>) {
    let mut seen = std::collections::HashSet::new();
    items.retain(|t| seen.insert(t.clone()));
}
