//! Near misses for filters that match nothing: `--speaker Zelensky` when the index
//! knows "Volodymyr Zelenskyy", `--topic /conflicts` when it has `/conflict`. News
//! spells names in several transliterations (Zelensky, Zelenskyy, Zelenskiy), so a
//! speaker filter that finds no passage at all is more often a spelling than a
//! speaker who never spoke. Pure functions over strings; [`crate::search`] gathers
//! the values the index holds.

/// How many near misses to offer.
pub const SUGGESTIONS: usize = 3;

/// The edit distance (insertions, deletions, substitutions and swaps of two
/// neighbouring characters, each 1) between `a` and `b`, counted in characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    // Three rows of the table: the one two back is for swaps.
    let mut before: Vec<usize> = vec![0; b.len() + 1];
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur: Vec<usize> = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(before[j - 2] + 1);
            }
            cur[j] = d;
        }
        std::mem::swap(&mut before, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// The most edits a word of `chars` characters may take and still count as the
/// same word misspelt: none for three characters or fewer ("Li" is not "Lu"), one
/// up to six, two beyond.
pub fn edits_allowed(chars: usize) -> usize {
    match chars {
        0..=3 => 0,
        4..=6 => 1,
        _ => 2,
    }
}

/// Of `names` (a display name, its name words as the speaker filter folds them, and
/// its number of passages), those whose words come close to every one of `wanted`
/// (the filter's words, folded the same way): each wanted word within
/// [`edits_allowed`] of some word of the name. Closest first (fewest edits in all),
/// then the most passages, then by name; at most [`SUGGESTIONS`].
pub fn close_names<'n>(
    wanted: &[String],
    names: impl IntoIterator<Item = (&'n str, Vec<String>, u64)>,
) -> Vec<(String, u64)> {
    if wanted.is_empty() {
        return Vec::new();
    }
    let mut found: Vec<(usize, u64, &str)> = Vec::new();
    'names: for (name, words, count) in names {
        let mut total = 0;
        for w in wanted {
            let allowed = edits_allowed(w.chars().count());
            let best = words
                .iter()
                .map(|n| edit_distance(w, n))
                .min()
                .unwrap_or(usize::MAX);
            if best > allowed {
                continue 'names;
            }
            total += best;
        }
        found.push((total, count, name));
    }
    found.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(a.2.cmp(b.2)));
    found.dedup_by(|a, b| a.2 == b.2);
    found
        .into_iter()
        .take(SUGGESTIONS)
        .map(|(_, count, name)| (name.to_string(), count))
        .collect()
}

/// Of `paths` (a topic path such as `/conflict/military`, and its number of
/// passages), those close to `wanted` (a path written the same way): the whole path,
/// or its last part alone ("/military" for `/conflict/military`), within
/// [`edits_allowed`] of the wanted path's last part; failing those, the wanted path's
/// ancestors (`/energy` for `/energy/oil`), the nearest first. Closest first, then
/// the most passages, then by path; at most [`SUGGESTIONS`].
pub fn close_paths<'p>(
    wanted: &str,
    paths: impl IntoIterator<Item = (&'p str, u64)>,
) -> Vec<(String, u64)> {
    let wanted = wanted.trim_end_matches('/').to_lowercase();
    let last = |p: &str| p.rsplit('/').next().unwrap_or_default().to_string();
    let wanted_last = last(&wanted);
    let allowed = edits_allowed(wanted_last.chars().count());
    let mut found: Vec<(usize, u64, &str)> = paths
        .into_iter()
        .filter_map(|(path, count)| {
            let lower = path.to_lowercase();
            let d = edit_distance(&wanted, &lower).min(edit_distance(&wanted_last, &last(&lower)));
            if d <= allowed {
                return Some((d, count, path));
            }
            // An ancestor ranks after every spelling, nearer ancestors first.
            let ancestor = wanted
                .strip_prefix(lower.as_str())
                .is_some_and(|rest| rest.starts_with('/'));
            let missing = (wanted.matches('/').count()).saturating_sub(lower.matches('/').count());
            ancestor.then_some((allowed + missing, count, path))
        })
        .collect();
    if found.iter().any(|f| f.0 <= allowed) {
        found.retain(|f| f.0 <= allowed);
    }
    found.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(a.2.cmp(b.2)));
    found
        .into_iter()
        .take(SUGGESTIONS)
        .map(|(_, count, path)| (path.to_string(), count))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<String> {
        s.split_whitespace().map(str::to_lowercase).collect()
    }

    #[test]
    fn edit_distance_counts_each_kind_of_edit_once() {
        assert_eq!(edit_distance("", ""), 0);
        assert_eq!(edit_distance("abc", ""), 3);
        assert_eq!(edit_distance("", "ab"), 2);
        assert_eq!(edit_distance("kallas", "kallas"), 0);
        // One letter more, one less, one other.
        assert_eq!(edit_distance("zelensky", "zelenskyy"), 1);
        assert_eq!(edit_distance("zelenskyy", "zelensky"), 1);
        assert_eq!(edit_distance("zelenskiy", "zelenskyy"), 1);
        // Two neighbours swapped is one edit, not two.
        assert_eq!(edit_distance("kalals", "kallas"), 1);
        assert_eq!(edit_distance("ab", "ba"), 1);
        assert_eq!(edit_distance("zelenskiy", "zelensky"), 1);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        // Characters, not bytes.
        assert_eq!(edit_distance("guterres", "guterrés"), 1);
        assert_eq!(edit_distance("müller", "muller"), 1);
    }

    #[test]
    fn short_words_must_be_spelt_exactly() {
        assert_eq!(edits_allowed(2), 0);
        assert_eq!(edits_allowed(3), 0);
        assert_eq!(edits_allowed(4), 1);
        assert_eq!(edits_allowed(6), 1);
        assert_eq!(edits_allowed(7), 2);
    }

    #[test]
    fn a_transliteration_finds_the_name_the_index_has() {
        let names = [
            ("Volodymyr Zelenskyy", words("Volodymyr Zelenskyy"), 4),
            ("Vladimir Putin", words("Vladimir Putin"), 9),
            ("Kaja Kallas", words("Kaja Kallas"), 6),
        ];
        assert_eq!(
            close_names(&words("Zelensky"), names.clone()),
            [("Volodymyr Zelenskyy".to_string(), 4)]
        );
        assert_eq!(
            close_names(&words("Vladimir Zelensky"), names.clone()),
            Vec::<(String, u64)>::new(),
            "every word must come close to the same name"
        );
        // The words in another order: no phrase matched, but the name is there.
        assert_eq!(
            close_names(&words("Kallas Kaja"), names.clone()),
            [("Kaja Kallas".to_string(), 6)]
        );
        assert!(close_names(&words("Johnson"), names).is_empty());
    }

    #[test]
    fn nearer_names_come_first_then_busier_ones() {
        let names = [
            ("Tony Blair", words("Tony Blair"), 3),
            ("Lionel Blain", words("Lionel Blain"), 50),
            ("Mr Blair", words("Mr Blair"), 7),
            ("Sir Ian Blair", words("Sir Ian Blair"), 7),
        ];
        assert_eq!(
            close_names(&words("Blairr"), names),
            [
                ("Mr Blair".to_string(), 7),
                ("Sir Ian Blair".to_string(), 7),
                ("Tony Blair".to_string(), 3)
            ]
        );
    }

    #[test]
    fn a_short_name_is_not_matched_to_another() {
        let names = [("Lu Wei", words("Lu Wei"), 2)];
        assert!(close_names(&words("Li"), names.clone()).is_empty());
        assert_eq!(
            close_names(&words("lu"), names),
            [("Lu Wei".to_string(), 2)]
        );
        assert!(close_names(&[], [("Lu Wei", words("Lu Wei"), 2)]).is_empty());
    }

    #[test]
    fn topic_paths_close_by_the_whole_or_by_the_last_part() {
        let paths = [
            ("/conflict", 12),
            ("/conflict/military", 5),
            ("/economy", 30),
            ("/economy/markets", 8),
            ("/sport", 4),
        ];
        assert_eq!(
            close_paths("/conflicts", paths),
            [("/conflict".to_string(), 12)]
        );
        // A subtopic named without its parent.
        assert_eq!(
            close_paths("/military", paths),
            [("/conflict/military".to_string(), 5)]
        );
        assert_eq!(
            close_paths("/Economy/Market", paths),
            [("/economy/markets".to_string(), 8)]
        );
        assert!(close_paths("/religion", paths).is_empty());
        // A subtopic the index does not have: its nearest ancestor that it does.
        assert_eq!(
            close_paths("/economy/markets/bonds", paths),
            [
                ("/economy/markets".to_string(), 8),
                ("/economy".to_string(), 30)
            ]
        );
        assert_eq!(
            close_paths("/sport/cricket", paths),
            [("/sport".to_string(), 4)]
        );
        // ("/economy" is no ancestor of "/economyx".)
        assert!(close_paths("/economyxyz", paths).is_empty());
    }
}
