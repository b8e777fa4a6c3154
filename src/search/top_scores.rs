//! The best-scoring passages, like tantivy's `TopDocs::order_by_score`, with one
//! difference: the score a passage must beat to enter the top is carried from one segment
//! to the next.
//!
//! `TopDocs` starts every segment from nothing, so block-max WAND cannot skip a block in a
//! segment until that segment alone has filled its top. An index built on two threads has
//! at least two segments, often four or more, and for a union or a single frequent word
//! most of the work is that warm-up. Here each segment starts from the lowest score of the
//! best `k` found in the segments collected before it (as Lucene's shared minimum
//! competitive score does), so later segments skip every block that cannot compete.
//!
//! The results are `TopDocs`'s, ties included: equal scores go to the lower address, so a
//! segment after all those collected starts from the carried score itself (its ties
//! lose), any other from just below it (its ties may win), and the final merge orders
//! equal scores by address, as `TopDocs` does. On a corpus that repeats passages (wire
//! copy, or the benchmark's ×10 corpus) the later copies are then skipped block by block. (A union adds its words' scores in the
//! order its pruning visits them, so a score may differ from `TopDocs`'s in the last
//! bit.)

use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;
use std::sync::Mutex;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::query::Weight;
use tantivy::{DocAddress, DocId, Score, SegmentOrdinal, SegmentReader};

/// Collects the `k` best (score, address) pairs, best first; equal scores in address
/// order.
pub(crate) struct TopScores {
    k: usize,
    seen: Mutex<Seen>,
}

/// What the segments collected so far found.
#[derive(Default)]
struct Seen {
    /// Their best `k` scores, as a min-heap.
    best: BinaryHeap<Reverse<Ranked>>,
    /// The highest of their ordinals.
    last: Option<SegmentOrdinal>,
}

impl TopScores {
    pub(crate) fn with_limit(k: usize) -> TopScores {
        TopScores {
            k: k.max(1),
            seen: Mutex::new(Seen::default()),
        }
    }

    /// The score a passage of `segment` must beat to possibly enter the top: the `k`-th
    /// best score so far. A tie loses to the passage it ties with when that passage's
    /// address is lower, that is when every segment collected so far comes before this
    /// one (tantivy's single-threaded search goes in order); otherwise the floor is just
    /// below that score, so that ties still get through.
    fn floor(&self, segment: SegmentOrdinal) -> Score {
        let seen = self.seen.lock().unwrap_or_else(|e| e.into_inner());
        match seen.best.peek() {
            Some(Reverse(worst)) if seen.best.len() == self.k => {
                if seen.last.is_some_and(|last| last < segment) {
                    worst.score
                } else {
                    worst.score.next_down()
                }
            }
            _ => Score::MIN,
        }
    }

    fn remember(&self, segment: SegmentOrdinal, scores: impl Iterator<Item = Score>) {
        let mut seen = self.seen.lock().unwrap_or_else(|e| e.into_inner());
        seen.last = seen.last.max(Some(segment));
        for score in scores {
            let entry = Reverse(Ranked { score, doc: 0 });
            if seen.best.len() < self.k {
                seen.best.push(entry);
            } else if let Some(mut worst) = seen.best.peek_mut()
                && score > worst.0.score
            {
                *worst = entry;
            }
        }
    }
}

/// A candidate in one segment: higher score first, then lower doc id.
#[derive(Debug, Clone, Copy)]
struct Ranked {
    score: Score,
    doc: DocId,
}

impl PartialEq for Ranked {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Ranked {}

impl PartialOrd for Ranked {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Ranked {
    fn cmp(&self, other: &Self) -> Ordering {
        self.score
            .total_cmp(&other.score)
            .then_with(|| other.doc.cmp(&self.doc))
    }
}

/// One segment's best `k`: a min-heap whose root is the candidate to beat.
pub(crate) struct SegmentTop {
    k: usize,
    segment: SegmentOrdinal,
    heap: BinaryHeap<Reverse<Ranked>>,
}

impl SegmentTop {
    fn new(k: usize, segment: SegmentOrdinal) -> SegmentTop {
        SegmentTop {
            k,
            segment,
            heap: BinaryHeap::with_capacity(k + 1),
        }
    }

    /// Docs arrive in increasing id order, so an equal score never displaces: the lower
    /// id wins the tie, as in `TopDocs`.
    fn push(&mut self, doc: DocId, score: Score) {
        if self.heap.len() < self.k {
            self.heap.push(Reverse(Ranked { score, doc }));
        } else if let Some(mut worst) = self.heap.peek_mut()
            && score > worst.0.score
        {
            *worst = Reverse(Ranked { score, doc });
        }
    }

    /// The score to beat once the top is full.
    fn threshold(&self) -> Option<Score> {
        (self.heap.len() == self.k).then(|| self.heap.peek().map_or(Score::MIN, |w| w.0.score))
    }
}

impl SegmentCollector for SegmentTop {
    type Fruit = Vec<(Score, DocAddress)>;

    fn collect(&mut self, doc: DocId, score: Score) {
        self.push(doc, score);
    }

    fn harvest(self) -> Self::Fruit {
        let segment = self.segment;
        self.heap
            .into_iter()
            .map(|Reverse(r)| (r.score, DocAddress::new(segment, r.doc)))
            .collect()
    }
}

impl Collector for TopScores {
    type Fruit = Vec<(Score, DocAddress)>;
    type Child = SegmentTop;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        _reader: &SegmentReader,
    ) -> tantivy::Result<SegmentTop> {
        Ok(SegmentTop::new(self.k, segment))
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    fn merge_fruits(&self, fruits: Vec<Vec<(Score, DocAddress)>>) -> tantivy::Result<Self::Fruit> {
        let mut all: Vec<(Score, DocAddress)> = fruits.into_iter().flatten().collect();
        all.sort_unstable_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        all.truncate(self.k);
        Ok(all)
    }

    fn collect_segment(
        &self,
        weight: &dyn Weight,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<Vec<(Score, DocAddress)>> {
        let floor = self.floor(segment);
        let mut top = SegmentTop::new(self.k, segment);
        let alive = reader.alive_bitset();
        weight.for_each_pruning(floor, reader, &mut |doc, score| {
            if alive.is_none_or(|a| a.is_alive(doc)) {
                top.push(doc, score);
            }
            top.threshold().map_or(floor, |t| t.max(floor))
        })?;
        self.remember(segment, top.heap.iter().map(|r| r.0.score));
        Ok(top.harvest())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_segment_keeps_its_best_k_and_lower_ids_win_ties() {
        let mut top = SegmentTop::new(3, 7);
        for (doc, score) in [(1, 1.0), (2, 3.0), (3, 2.0), (4, 3.0), (5, 2.0), (6, 0.5)] {
            top.push(doc, score);
        }
        assert_eq!(top.threshold(), Some(2.0));
        let mut got = top.harvest();
        got.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let docs: Vec<(Score, u32)> = got.iter().map(|(s, a)| (*s, a.doc_id)).collect();
        assert_eq!(docs, vec![(3.0, 2), (3.0, 4), (2.0, 3)]);
        assert!(got.iter().all(|(_, a)| a.segment_ord == 7));
    }

    #[test]
    fn the_floor_is_the_kth_best_score_seen_and_ties_pass_only_backwards() {
        let top = TopScores::with_limit(2);
        assert_eq!(top.floor(0), Score::MIN);
        top.remember(1, [1.0].into_iter());
        assert_eq!(top.floor(2), Score::MIN, "fewer than k scores seen");
        top.remember(2, [4.0, 2.0, 0.5].into_iter());
        // Later segments: a tie has the higher address and loses.
        assert_eq!(top.floor(3), 2.0);
        // An earlier or the same segment: a tie may win, so it must be seen.
        assert_eq!(top.floor(0), 2.0f32.next_down());
        assert_eq!(top.floor(2), 2.0f32.next_down());
    }
}
