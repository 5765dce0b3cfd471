//! The report's findings, in output order, without holding them in memory.
//!
//! Findings arrive one file at a time, in input order, each file's already in output order
//! ([`Finding::output_order`]). They go to a [`Spool`] as runs (one per file path) and only the
//! runs are remembered: path, offset, count. [`Findings::finish`] then puts the runs in output
//! order: by path (the first key of the order), and a path with several runs (a file checked
//! twice, the cross-file `duplicate/*` findings, the configuration's unused `ignore-items`)
//! has its findings read back, merged with the same stable sort as before, and written again
//! as one run. Reading is then a walk over the runs: sequential when input order and path
//! order agree, one seek per file otherwise. Counts by severity and rule are kept as findings
//! arrive, so the summary and the exit code need no reading.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::spool::{Iter, Spool, Table, DEFAULT_THRESHOLD};
use crate::findings::{Finding, Severity};

/// Where a run's findings come from, in the order the former single sort saw them: the
/// files' own findings, then the unused `ignore-items`, then duplicates.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Class {
    File,
    Unused,
    Duplicate,
}

/// Findings of one path, contiguous in the spool.
#[derive(Clone, Debug)]
struct Run {
    path: Arc<str>,
    offset: u64,
    count: usize,
    class: Class,
    seq: usize,
}

/// Counts kept as findings are added.
#[derive(Clone, Debug, Default)]
struct Counts {
    by_severity: [usize; 3],
    by_rule: BTreeMap<&'static str, usize>,
    input: usize,
}

/// The findings of a report (see the module's documentation).
#[derive(Debug)]
pub struct Findings {
    spool: Spool<Finding>,
    runs: Vec<Run>,
    counts: Counts,
    len: usize,
    /// The runs are in output order, one per path.
    finished: bool,
}

impl Default for Findings {
    fn default() -> Self {
        Findings::new(DEFAULT_THRESHOLD)
    }
}

impl From<Vec<Finding>> for Findings {
    /// The findings, in output order (sorted, stable).
    fn from(mut v: Vec<Finding>) -> Self {
        v.sort_by(Finding::output_order);
        let mut f = Findings::new(usize::MAX);
        f.add(v, Class::File);
        f.finish();
        f
    }
}

impl Findings {
    /// No findings yet; the spool spills past `threshold` bytes.
    pub fn new(threshold: usize) -> Self {
        Findings::with_table(threshold, Table::default())
    }

    /// [`Findings::new`], the paths and rules in `table` (shared with the report's other
    /// spools: [`Spool::with_table`]).
    pub fn with_table(threshold: usize, table: Table) -> Self {
        Findings {
            spool: Spool::with_table(threshold, table),
            runs: Vec::new(),
            counts: Counts::default(),
            len: 0,
            finished: true,
        }
    }

    /// Adds findings (one file's, in output order, for the runs to stay few).
    pub fn add(&mut self, findings: impl IntoIterator<Item = Finding>, class: Class) {
        for f in findings {
            self.len += 1;
            self.counts.by_severity[f.severity as usize] += 1;
            *self.counts.by_rule.entry(f.rule.code).or_default() += 1;
            if f.rule.category() == "input" {
                self.counts.input += 1;
            }
            let offset = self.spool.offset();
            self.spool.push(&f);
            match self.runs.last_mut() {
                Some(r) if r.path == f.location.file && r.class == class && !self.finished => {
                    r.count += 1
                }
                _ => {
                    let seq = self.runs.len();
                    self.runs.push(Run {
                        path: self.spool.shared(&f.location.file),
                        offset,
                        count: 1,
                        class,
                        seq,
                    });
                    self.finished = false;
                }
            }
        }
    }

    /// Puts the findings in output order (see the module's documentation).
    pub fn finish(&mut self) {
        if self.finished {
            return;
        }
        let mut runs = std::mem::take(&mut self.runs);
        runs.sort_by(|a, b| {
            a.path
                .cmp(&b.path)
                .then(a.class.cmp(&b.class))
                .then(a.seq.cmp(&b.seq))
        });
        let mut out: Vec<Run> = Vec::with_capacity(runs.len());
        let mut i = 0;
        while i < runs.len() {
            let j = i + runs[i..]
                .iter()
                .take_while(|r| r.path == runs[i].path)
                .count();
            if j == i + 1 && is_sorted(&runs[i]) {
                out.push(runs[i].clone());
            } else {
                // One path's findings, read back and sorted as one sort of the whole
                // report would have (stable, in the order above).
                let mut all: Vec<Finding> = Vec::new();
                for r in &runs[i..j] {
                    all.extend(self.spool.iter_from(r.offset).take(r.count));
                }
                all.sort_by(Finding::output_order);
                let offset = self.spool.offset();
                for f in &all {
                    self.spool.push(f);
                }
                out.push(Run {
                    path: runs[i].path.clone(),
                    offset,
                    count: all.len(),
                    class: Class::File,
                    seq: 0,
                });
            }
            i = j;
        }
        self.runs = out;
        self.finished = true;
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.runs.is_empty()
    }

    /// Findings by severity (info, warning, error).
    pub fn count(&self, severity: Severity) -> usize {
        self.counts.by_severity[severity as usize]
    }

    /// Findings by rule code.
    pub fn by_rule(&self) -> &BTreeMap<&'static str, usize> {
        &self.counts.by_rule
    }

    /// Number of `input/*` findings.
    pub fn input_errors(&self) -> usize {
        self.counts.input
    }

    /// The worst severity found, if any.
    pub fn worst(&self) -> Option<Severity> {
        [Severity::Error, Severity::Warning, Severity::Info]
            .into_iter()
            .find(|s| self.count(*s) > 0)
    }

    /// The findings in output order (once finished).
    pub fn iter(&self) -> FindingsIter<'_> {
        FindingsIter {
            runs: self.runs.iter(),
            values: self.spool.iter(),
            left: 0,
        }
    }

    /// The paths with findings, in output order, with their number of findings.
    pub fn paths(&self) -> impl Iterator<Item = (&str, usize)> + '_ {
        self.runs.iter().map(|r| (&*r.path, r.count))
    }

    /// The findings of one path, in output order (once finished).
    pub fn of_file(&self, path: &str) -> Option<std::iter::Take<Iter<'_, Finding>>> {
        let i = self.runs.binary_search_by(|r| (*r.path).cmp(path)).ok()?;
        let r = &self.runs[i];
        Some(self.spool.iter_from(r.offset).take(r.count))
    }

    /// The number of findings of one path.
    pub fn count_of(&self, path: &str) -> usize {
        self.runs
            .binary_search_by(|r| (*r.path).cmp(path))
            .map_or(0, |i| self.runs[i].count)
    }

    /// The findings `keep` accepts, in the same order, in a new store.
    pub fn filtered(&self, mut keep: impl FnMut(&Finding) -> bool) -> Findings {
        let mut out = Findings::with_table(self.spool.threshold(), self.spool.table());
        // Read in output order, so the new runs are already in it.
        for r in &self.runs {
            let mine = self
                .spool
                .iter_from(r.offset)
                .take(r.count)
                .filter(&mut keep);
            out.add(mine, Class::File);
        }
        out.finish();
        out
    }

    /// True when part of the findings is in a temporary file.
    pub fn spilled(&self) -> bool {
        self.spool.spilled()
    }

    /// The first error met reading the temporary file back, if any.
    pub fn read_error(&self) -> Option<String> {
        self.spool.read_error()
    }
}

/// True for a run known to be in output order: a file's findings are sorted before they are
/// added; duplicates and unused `ignore-items` come in another order.
fn is_sorted(r: &Run) -> bool {
    r.class == Class::File
}

/// The findings of a [`Findings`], run after run through one reader of the spool (runs that
/// follow each other in the file are read with no seek).
pub struct FindingsIter<'a> {
    runs: std::slice::Iter<'a, Run>,
    values: Iter<'a, Finding>,
    left: usize,
}

impl Iterator for FindingsIter<'_> {
    type Item = Finding;

    fn next(&mut self) -> Option<Finding> {
        while self.left == 0 {
            let r = self.runs.next()?;
            self.values.seek(r.offset);
            self.left = r.count;
        }
        self.left -= 1;
        self.values.next()
    }
}

impl<'a> IntoIterator for &'a Findings {
    type Item = Finding;
    type IntoIter = FindingsIter<'a>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::findings::Msg;
    use crate::source::{Location, Span};

    fn at(file: &str, start: usize, rule: usize, msg: &str) -> Finding {
        let rules = crate::checks::all();
        let location = Location {
            file: Arc::from(file),
            span: Span::new(start, start + 1),
            ..Default::default()
        };
        Finding::new(rules[rule % rules.len()], location, Msg::new(msg, msg))
    }

    fn key(f: &Finding) -> (String, usize, &'static str, String) {
        (
            f.location.file.to_string(),
            f.location.span.start,
            f.rule.code,
            f.message.en.clone(),
        )
    }

    fn sorted(mut v: Vec<Finding>) -> Vec<Finding> {
        v.sort_by(Finding::output_order);
        v
    }

    #[test]
    fn runs_come_out_as_one_stable_sort_would_order_them() {
        // Files in an input order that is not path order, one path checked twice; then the
        // duplicates (found in input order) and the unused suppressions.
        let files = [
            sorted(vec![at("b", 5, 1, "b1"), at("b", 2, 1, "b0")]),
            sorted(vec![at("a", 9, 2, "a1"), at("a", 3, 2, "a0")]),
            vec![],
            sorted(vec![at("c", 1, 3, "c0")]),
            sorted(vec![at("a", 3, 2, "a0"), at("a", 4, 2, "again")]),
        ];
        let dups = [
            vec![at("c", 1, 3, "c0"), at("c", 0, 4, "dup c")],
            vec![at("b", 2, 1, "b0")],
        ];
        let unused = vec![at("z.yaml", 8, 5, "u1"), at("a", 1, 5, "u0")];
        let mut concatenation: Vec<Finding> = files.iter().flatten().cloned().collect();
        concatenation.extend(unused.iter().cloned());
        concatenation.extend(dups.iter().flatten().cloned());
        let expected: Vec<_> = sorted(concatenation).iter().map(key).collect();
        for threshold in [usize::MAX, 1, 64] {
            let mut store = Findings::new(threshold);
            for (i, f) in files.iter().enumerate() {
                store.add(f.clone(), Class::File);
                if let Some(d) = dups.get(i) {
                    store.add(d.clone(), Class::Duplicate);
                }
            }
            store.add(unused.clone(), Class::Unused);
            store.finish();
            let got: Vec<_> = store.iter().map(|f| key(&f)).collect();
            assert_eq!(got, expected, "{threshold}");
            assert_eq!(store.len(), expected.len());
            let paths: Vec<(&str, usize)> = store.paths().collect();
            assert_eq!(paths, [("a", 5), ("b", 3), ("c", 3), ("z.yaml", 1)]);
            assert_eq!(store.count_of("b"), 3);
            assert_eq!(store.count_of("nowhere"), 0);
            let of_c: Vec<_> = store.of_file("c").unwrap().map(|f| key(&f)).collect();
            assert_eq!(of_c, expected[8..11]);
            assert!(store.of_file("nowhere").is_none());
            assert_eq!(store.by_rule().values().sum::<usize>(), expected.len());
            // Filtering keeps the order.
            let odd = store.filtered(|f| f.location.span.start % 2 == 1);
            let want: Vec<_> = expected.iter().filter(|k| k.1 % 2 == 1).cloned().collect();
            assert_eq!(odd.iter().map(|f| key(&f)).collect::<Vec<_>>(), want);
        }
    }

    #[test]
    fn an_empty_store_is_empty() {
        let mut store = Findings::new(1);
        store.add(Vec::new(), Class::File);
        store.finish();
        assert!(store.is_empty() && store.iter().next().is_none());
        assert_eq!(store.worst(), None);
    }

    #[test]
    fn counts_follow_what_was_added() {
        let mut f = at("a", 1, 0, "x");
        f.severity = Severity::Error;
        let mut g = at("a", 2, 0, "y");
        g.severity = Severity::Info;
        let store = Findings::from(vec![g, f]);
        assert_eq!(store.worst(), Some(Severity::Error));
        assert_eq!(store.count(Severity::Error), 1);
        assert_eq!(store.len(), 2);
    }
}
