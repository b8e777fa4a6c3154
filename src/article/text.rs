//! Plain-text and Markdown articles.
//!
//! Plain text: one paragraph per line (blank lines are separators too), an optional
//! headline as the first line when a blank line follows it (the BBC News layout), and
//! optional front matter. Markdown: paragraphs are blocks of lines, `#` headings are
//! explicit, inline markup is reduced to its text.

use super::frontmatter::{self, FrontMatter};
use super::{Article, ArticleBase, Block};
use crate::error::ReadError;

pub(super) fn read_plain(content: &str, base: &ArticleBase) -> Result<Article, ReadError> {
    let (fm, body) = frontmatter::split(content);
    let mut article = with_metadata(base, fm);
    let mut lines: Vec<&str> = body.lines().map(str::trim).collect();
    take_datelines(&mut lines, &mut article);
    let mut start = 0;
    if let Some(first) = lines.iter().position(|l| !l.is_empty()) {
        let blank_after = lines.get(first + 1).is_some_and(|l| l.is_empty());
        let more_after = lines[first + 1..].iter().any(|l| !l.is_empty());
        let line = lines[first];
        if article.title.as_deref() == Some(line) {
            start = first + 1;
        } else if article.title.is_none() && blank_after && more_after && looks_like_headline(line)
        {
            article.title = Some(line.to_string());
            start = first + 1;
        }
    }
    article.blocks = lines[start..]
        .iter()
        .filter(|l| !l.is_empty())
        .map(|l| Block::Text((*l).to_string()))
        .collect();
    if article.blocks.is_empty() {
        return Err(ReadError::Empty);
    }
    Ok(article)
}

/// A headline is a single short line that does not end like a sentence.
fn looks_like_headline(line: &str) -> bool {
    line.chars().count() <= 200
        && !line.ends_with(['.', ',', ';', ':', '"', '”', '’', '\''])
        && line.split_whitespace().count() <= 25
}

/// How many non-empty lines at the top of an article may be datelines.
const DATELINE_LINES: usize = 4;

/// Takes the datelines and bylines that date an article ("Published: 20 November
/// 2025", "By Jane Smith | Nov. 20, 2025") off its first [`DATELINE_LINES`] lines,
/// leaving blank lines in their place: they are neither its headline nor passages.
/// The first gives the article its date when the metadata has none.
fn take_datelines(lines: &mut [&str], article: &mut Article) {
    for line in lines
        .iter_mut()
        .filter(|l| !l.is_empty())
        .take(DATELINE_LINES)
    {
        // (Markdown emphasis around it: "*Published 20 November 2025*".)
        let bare = line.trim_matches(|c: char| matches!(c, '*' | '_' | '>') || c.is_whitespace());
        if let Some(day) = crate::extract::date::dateline_date(bare) {
            if article.date.is_none() {
                article.date = Some(day.to_string());
            }
            *line = "";
        }
    }
}

pub(super) fn read_markdown(content: &str, base: &ArticleBase) -> Result<Article, ReadError> {
    let (fm, body) = frontmatter::split(content);
    let mut article = with_metadata(base, fm);
    let mut top: Vec<&str> = body.lines().map(str::trim).collect();
    take_datelines(&mut top, &mut article);
    let body = top.join("\n");
    let mut blocks = Vec::new();
    let mut para: Vec<String> = Vec::new();
    let mut in_fence = false;
    let flush = |para: &mut Vec<String>, blocks: &mut Vec<Block>| {
        if !para.is_empty() {
            let text = inline_text(&para.join(" "));
            if !text.is_empty() {
                blocks.push(Block::Text(text));
            }
            para.clear();
        }
    };
    for raw in body.lines() {
        let line = raw.trim();
        if line.starts_with("```") || line.starts_with("~~~") {
            in_fence = !in_fence;
            flush(&mut para, &mut blocks);
            continue;
        }
        if in_fence {
            para.push(line.to_string());
            continue;
        }
        if line.is_empty() || line.starts_with("<!--") {
            flush(&mut para, &mut blocks);
            continue;
        }
        if let Some((level, heading)) = atx_heading(line) {
            flush(&mut para, &mut blocks);
            let heading = inline_text(heading);
            if level == 1 && article.title.is_none() && blocks.is_empty() {
                article.title = Some(heading);
            } else if !heading.is_empty() && article.title.as_deref() != Some(&heading) {
                blocks.push(Block::Heading(heading));
            }
            continue;
        }
        // Setext heading: a single-line paragraph underlined with === or ---.
        if para.len() == 1
            && line.len() >= 2
            && (line.chars().all(|c| c == '=') || line.chars().all(|c| c == '-'))
        {
            let heading = inline_text(&para.remove(0));
            if line.starts_with('=') && article.title.is_none() && blocks.is_empty() {
                article.title = Some(heading);
            } else {
                blocks.push(Block::Heading(heading));
            }
            continue;
        }
        if is_thematic_break(line) {
            flush(&mut para, &mut blocks);
            continue;
        }
        let line = line.trim_start_matches('>').trim();
        if let Some(item) = list_item(line) {
            flush(&mut para, &mut blocks);
            para.push(item.to_string());
            continue;
        }
        para.push(line.to_string());
    }
    flush(&mut para, &mut blocks);
    article.blocks = blocks;
    if !article.blocks.iter().any(|b| matches!(b, Block::Text(_))) {
        return Err(ReadError::Empty);
    }
    Ok(article)
}

fn with_metadata(base: &ArticleBase, fm: Option<FrontMatter>) -> Article {
    let fm = fm.unwrap_or_default();
    let mut article = base.article(fm.id.unwrap_or_else(|| base.rel_id.clone()));
    article.title = fm.title.filter(|t| !t.trim().is_empty());
    // Unix times as JSON reads them (`date: 1763632800`).
    article.date = fm.date.map(|d| super::json::epoch_date(&d).unwrap_or(d));
    article.url = fm.url;
    article.topics = fm.topics;
    article
}

fn atx_heading(line: &str) -> Option<(usize, &str)> {
    let level = line.chars().take_while(|&c| c == '#').count();
    if level == 0 || level > 6 {
        return None;
    }
    let rest = &line[level..];
    if !rest.is_empty() && !rest.starts_with(' ') {
        return None;
    }
    Some((level, rest.trim().trim_end_matches('#').trim()))
}

fn is_thematic_break(line: &str) -> bool {
    let compact: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    compact.len() >= 3
        && (compact.chars().all(|c| c == '-')
            || compact.chars().all(|c| c == '*')
            || compact.chars().all(|c| c == '_'))
}

fn list_item(line: &str) -> Option<&str> {
    for marker in ["- ", "* ", "+ "] {
        if let Some(rest) = line.strip_prefix(marker) {
            return Some(rest);
        }
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && digits < 4 {
        let rest = &line[digits..];
        if let Some(rest) = rest.strip_prefix(". ").or_else(|| rest.strip_prefix(") ")) {
            return Some(rest);
        }
    }
    None
}

/// Reduces inline Markdown to its text: images go, links keep their text, emphasis and
/// code markers go.
fn inline_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(pos) = rest.find(['[', '!', '*', '_', '`', '<']) {
        out.push_str(&rest[..pos]);
        let tail = &rest[pos..];
        if let Some(after) = tail.strip_prefix("![")
            && let Some((_, after_link)) = link_parts(after)
        {
            rest = after_link;
            continue;
        }
        if let Some(after) = tail.strip_prefix('[')
            && let Some((text, after_link)) = link_parts(after)
        {
            out.push_str(text);
            rest = after_link;
            continue;
        }
        if tail.starts_with("**") || tail.starts_with("__") {
            rest = &tail[2..];
            continue;
        }
        if let Some(after) = tail.strip_prefix('`') {
            rest = after;
            continue;
        }
        if tail.starts_with('<')
            && let Some(end) = tail.find('>')
            && tail[1..end]
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '/' || c == ' ')
            && tail[1..].starts_with(|c: char| c.is_ascii_alphabetic() || c == '/')
        {
            rest = &tail[end + 1..];
            continue;
        }
        let c = tail.chars().next().unwrap_or(' ');
        out.push(c);
        rest = &tail[c.len_utf8()..];
    }
    out.push_str(rest);
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// For `text](url)rest` returns `(text, rest)`.
fn link_parts(after_bracket: &str) -> Option<(&str, &str)> {
    let close = after_bracket.find("](")?;
    let text = &after_bracket[..close];
    let after = &after_bracket[close + 2..];
    let end = after.find(')')?;
    Some((text, &after[end + 1..]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn base() -> ArticleBase {
        ArticleBase::new(Path::new("/c/news/a.txt"), Path::new("/c"))
    }

    fn texts(a: &Article) -> Vec<&str> {
        a.blocks
            .iter()
            .map(|b| match b {
                Block::Text(t) | Block::Heading(t) => t.as_str(),
            })
            .collect()
    }

    #[test]
    fn plain_text_one_paragraph_per_line_without_headline() {
        let a = read_plain("First paragraph here.\nSecond one.\n\nThird.\n", &base()).unwrap();
        assert_eq!(a.title, None);
        assert_eq!(
            texts(&a),
            ["First paragraph here.", "Second one.", "Third."]
        );
        assert_eq!(a.id, "news/a.txt");
    }

    #[test]
    fn plain_text_bbc_layout_headline_then_blank_line() {
        let a = read_plain(
            "Ad sales boost Time Warner profit\n\nQuarterly profits rose.\n\nThe firm said so.\n",
            &base(),
        )
        .unwrap();
        assert_eq!(
            a.title.as_deref(),
            Some("Ad sales boost Time Warner profit")
        );
        assert_eq!(texts(&a), ["Quarterly profits rose.", "The firm said so."]);
    }

    #[test]
    fn datelines_date_the_article_and_are_neither_headline_nor_passage() {
        // Headline, then a byline with the date.
        let a = read_plain(
            "Oil deal signed\nBy Jane Smith | 20/11/2025\n\nThe deal was signed.\n",
            &base(),
        )
        .unwrap();
        assert_eq!(a.title.as_deref(), Some("Oil deal signed"));
        assert_eq!(a.date.as_deref(), Some("2025-11-20"));
        assert_eq!(texts(&a), ["The deal was signed."]);
        // A dateline first, then the headline.
        let a = read_plain(
            "Published: 12:30 GMT, 20 November 2025\n\nOil deal signed\n\nThe deal was signed.\n",
            &base(),
        )
        .unwrap();
        assert_eq!(a.title.as_deref(), Some("Oil deal signed"));
        assert_eq!(a.date.as_deref(), Some("2025-11-20"));
        assert_eq!(texts(&a), ["The deal was signed."]);
        // Metadata wins; the dateline still goes. A sentence with a date stays.
        let a = read_markdown(
            "---\ndate: 2025-11-21\n---\n*Updated 20 Nov 2025*\n\nOn November 20, 2025 the deal was signed.\n",
            &base(),
        )
        .unwrap();
        assert_eq!(a.date.as_deref(), Some("2025-11-21"));
        assert_eq!(texts(&a), ["On November 20, 2025 the deal was signed."]);
        // A Unix time in front matter, in seconds or milliseconds, quoted or not, as
        // JSON reads it; a compact date stays as written.
        for (date, want) in [
            ("1763632800", "2025-11-20T10:00:00Z"),
            ("\"1763632800000\"", "2025-11-20T10:00:00Z"),
            ("20251120", "20251120"),
        ] {
            let a = read_markdown(&format!("---\ndate: {date}\n---\nText.\n"), &base()).unwrap();
            assert_eq!(a.date.as_deref(), Some(want), "{date}");
        }
    }

    #[test]
    fn a_sentence_followed_by_a_blank_line_is_not_a_headline() {
        let a = read_plain(
            "The minister resigned on Monday.\n\nShe said little.\n",
            &base(),
        )
        .unwrap();
        assert_eq!(a.title, None);
        assert_eq!(a.blocks.len(), 2);
    }

    #[test]
    fn plain_text_front_matter_and_repeated_title_line() {
        let a = read_plain(
            "---\nid: x1\ntitle: Big day\ndate: 2025-01-02\ntopics: [politics]\n---\nBig day\n\nBody.\n",
            &base(),
        )
        .unwrap();
        assert_eq!(a.id, "x1");
        assert_eq!(a.title.as_deref(), Some("Big day"));
        assert_eq!(a.date.as_deref(), Some("2025-01-02"));
        assert_eq!(a.topics, ["politics"]);
        assert_eq!(texts(&a), ["Body."]);
    }

    #[test]
    fn markdown_headings_paragraph_blocks_and_inline_markup() {
        let md = "# The title\n\nA first **bold** paragraph\nwrapped over [two lines](http://x.y).\n\n\
                  ## Reactions\n\n> A quoted `paragraph`.\n\n- item one\n- item two\n\n![img](a.png)\n";
        let a = read_markdown(md, &base()).unwrap();
        assert_eq!(a.title.as_deref(), Some("The title"));
        assert_eq!(
            a.blocks,
            vec![
                Block::Text("A first bold paragraph wrapped over two lines.".into()),
                Block::Heading("Reactions".into()),
                Block::Text("A quoted paragraph.".into()),
                Block::Text("item one".into()),
                Block::Text("item two".into()),
            ]
        );
    }

    #[test]
    fn markdown_setext_headings() {
        let a = read_markdown(
            "Title\n=====\n\nText.\n\nPart two\n--------\n\nMore.\n",
            &base(),
        )
        .unwrap();
        assert_eq!(a.title.as_deref(), Some("Title"));
        assert_eq!(texts(&a), ["Text.", "Part two", "More."]);
        assert_eq!(a.blocks[1], Block::Heading("Part two".into()));
    }

    #[test]
    fn markdown_with_only_headings_is_empty() {
        assert!(matches!(
            read_markdown("# T\n\n## S\n", &base()),
            Err(ReadError::Empty)
        ));
    }

    #[test]
    fn inline_text_keeps_plain_underscores_and_angle_text() {
        assert_eq!(inline_text("snake_case a < b"), "snake_case a < b");
        assert_eq!(inline_text("line<br>break"), "linebreak");
    }
}
