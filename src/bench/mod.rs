//! Benchmarking: the statistics (pure functions over timings, tested with fixed numbers)
//! and the two runners behind `newsdex bench`: [`search`] times a query set against an
//! index, [`index`] builds throw-away indexes and measures throughput, memory and size.
//! [`report`] renders both as text or as a hyperfine-like JSON export.

pub mod index;
pub mod report;
pub mod search;

use serde::Serialize;

/// Errors of a benchmark run that are not errors of the index or of one query.
#[derive(Debug, thiserror::Error)]
pub enum BenchError {
    #[error("{path}: no queries (one per line; blank lines and # comments are ignored)")]
    NoQueries { path: String },
    #[error("every query of {path} was skipped as malformed ({skipped} of them); nothing to time")]
    AllQueriesSkipped { path: String, skipped: usize },
    #[error("no query could be run, so there is nothing to time")]
    NothingToTime,
    #[error("--{flag} must be at least 1")]
    Zero { flag: &'static str },
    #[error("no article files to index under the given paths")]
    NoInputs,
    #[error("temporary index directory {path}: {source}")]
    TempDir {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error(transparent)]
    Index(#[from] crate::error::IndexError),
    #[error(transparent)]
    Query(#[from] crate::error::QueryError),
}

/// Summary statistics of a sample of durations, in seconds.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Summary {
    pub samples: usize,
    pub min: f64,
    pub max: f64,
    pub mean: f64,
    /// Sample standard deviation (n - 1); 0 for fewer than two samples.
    pub stddev: f64,
    pub median: f64,
    pub p90: f64,
    pub p99: f64,
}

impl Summary {
    /// Summarises `times` (seconds, any order). `None` for an empty sample or one that
    /// holds a NaN, so callers never print made-up figures.
    pub fn of(times: &[f64]) -> Option<Summary> {
        if times.is_empty() || times.iter().any(|t| t.is_nan()) {
            return None;
        }
        let mut sorted = times.to_vec();
        sorted.sort_by(f64::total_cmp);
        let mean = mean(&sorted)?;
        Some(Summary {
            samples: sorted.len(),
            min: sorted[0],
            max: sorted[sorted.len() - 1],
            mean,
            stddev: stddev(&sorted, mean),
            median: percentile_sorted(&sorted, 50.0)?,
            p90: percentile_sorted(&sorted, 90.0)?,
            p99: percentile_sorted(&sorted, 99.0)?,
        })
    }
}

/// The `p`-th percentile (0–100) of an ascending sample, interpolated linearly between the
/// two nearest ranks (numpy's default, hyperfine's median). `None` when empty or `p` is out
/// of range.
pub fn percentile_sorted(sorted: &[f64], p: f64) -> Option<f64> {
    if sorted.is_empty() || !(0.0..=100.0).contains(&p) {
        return None;
    }
    let rank = p / 100.0 * (sorted.len() - 1) as f64;
    let lo = rank.floor() as usize;
    let hi = rank.ceil() as usize;
    let frac = rank - lo as f64;
    Some(sorted[lo] + (sorted[hi] - sorted[lo]) * frac)
}

/// The median of a sample in any order.
pub fn median(times: &[f64]) -> Option<f64> {
    let mut sorted = times.to_vec();
    sorted.sort_by(f64::total_cmp);
    percentile_sorted(&sorted, 50.0)
}

pub fn mean(times: &[f64]) -> Option<f64> {
    if times.is_empty() {
        return None;
    }
    Some(times.iter().sum::<f64>() / times.len() as f64)
}

fn stddev(times: &[f64], mean: f64) -> f64 {
    if times.len() < 2 {
        return 0.0;
    }
    let var = times.iter().map(|t| (t - mean).powi(2)).sum::<f64>() / (times.len() - 1) as f64;
    var.sqrt()
}

/// Operations per second: `count` operations in `seconds` of wall time.
pub fn rate(count: f64, seconds: f64) -> f64 {
    if seconds > 0.0 { count / seconds } else { 0.0 }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn percentiles_interpolate_between_ranks() {
        let s = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0];
        assert!(close(percentile_sorted(&s, 0.0).unwrap(), 1.0));
        assert!(close(percentile_sorted(&s, 50.0).unwrap(), 5.5));
        assert!(close(percentile_sorted(&s, 90.0).unwrap(), 9.1));
        assert!(close(percentile_sorted(&s, 99.0).unwrap(), 9.91));
        assert!(close(percentile_sorted(&s, 100.0).unwrap(), 10.0));
        assert_eq!(percentile_sorted(&[], 50.0), None);
        assert_eq!(percentile_sorted(&s, 101.0), None);
        assert!(close(percentile_sorted(&[7.0], 99.0).unwrap(), 7.0));
    }

    #[test]
    fn median_of_odd_and_even_samples_in_any_order() {
        assert!(close(median(&[3.0, 1.0, 2.0]).unwrap(), 2.0));
        assert!(close(median(&[4.0, 1.0, 3.0, 2.0]).unwrap(), 2.5));
        assert_eq!(median(&[]), None);
    }

    #[test]
    fn summary_of_fixed_timings() {
        // 100 timings: 1 ms ... 100 ms, shuffled by a fixed stride.
        let times: Vec<f64> = (0..100)
            .map(|i| ((i * 37) % 100 + 1) as f64 / 1000.0)
            .collect();
        let s = Summary::of(&times).unwrap();
        assert_eq!(s.samples, 100);
        assert!(close(s.min, 0.001));
        assert!(close(s.max, 0.100));
        assert!(close(s.mean, 0.0505));
        assert!(close(s.median, 0.0505));
        assert!(close(s.p90, 0.0901));
        assert!(close(s.p99, 0.09901));
        // Sample standard deviation of 1..=100 is 29.011491975882016.
        assert!((s.stddev - 0.029011491975882016).abs() < 1e-12);
    }

    #[test]
    fn summary_refuses_empty_and_nan_samples() {
        assert_eq!(Summary::of(&[]), None);
        assert_eq!(Summary::of(&[0.1, f64::NAN]), None);
        let one = Summary::of(&[0.25]).unwrap();
        assert_eq!(
            (one.min, one.median, one.p99, one.stddev),
            (0.25, 0.25, 0.25, 0.0)
        );
    }

    #[test]
    fn rate_is_zero_without_elapsed_time() {
        assert!(close(rate(200.0, 0.5), 400.0));
        assert_eq!(rate(10.0, 0.0), 0.0);
    }
}
