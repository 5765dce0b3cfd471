//! Grammar matching throughput: all rules of one language over a text, one thread, and how it
//! scales with the number of rules. `cargo run --release --example grammar_speed -- LANG FILE [MB]`
//! (FILE: text, one or more sentences per line; the first tab-separated column is used, and
//! split into sentences as `check` does before matching, outside the timing). Besides wall time,
//! the thread's CPU time is shown (Linux: `/proc/thread-self/schedstat`), the figure to read
//! on a busy machine. The sizes are 25, 50, 100 and 150 rules (the first ones of the file),
//! all of them, and 200 where the language has fewer (with copies, see `main`). With
//! `ONLY_ALL=1`, only the whole rule set is measured; with `GS_PROFILE=N`, the `N` rules that
//! take the most time are listed after each figure (see `profile`). FILE `@examples` stands
//! for the rules' own examples, those that must match and those that must not (the text
//! `tools/pgo_build.sh` trains German and Italian on).
use std::time::Instant;

/// CPU time of the calling thread in seconds, where the system tells it.
fn thread_cpu() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = s.split_whitespace().next()?.parse().ok()?;
    Some(ns as f64 / 1e9)
}

use cefrlint::analyse::grammar::Grammar;
use cefrlint::analyse::segment::sentences;
use cefrlint::ruleset::RuleSource;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let lang = args.get(1).map(String::as_str).unwrap_or("en");
    let file = args.get(2).expect("a text file, one sentence per line");
    let mb: usize = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(10);
    let (classes, all) = RuleSource::Embedded
        .grammar_of(lang)
        .expect("the embedded rule set of this language");
    let text = if file == "@examples" {
        all.iter()
            .flat_map(|r| {
                let yes = r.must_match.iter().map(|e| e.text.as_str());
                yes.chain(r.must_not_match.iter().map(|(t, _)| t.as_str()))
            })
            .collect::<Vec<_>>()
            .join("\n")
    } else {
        std::fs::read_to_string(file).expect("readable UTF-8 file")
    };
    let sentences: Vec<&str> = text
        .lines()
        .map(|l| l.split('\t').next().unwrap_or(""))
        .flat_map(|l| sentences(l, lang).into_iter().map(move |r| &l[r]))
        .filter(|s| !s.is_empty())
        .collect();
    let mut sizes: Vec<usize> = [25, 50, 100, 150, 200]
        .into_iter()
        .filter(|n| *n < all.len())
        .collect();
    let only_all = std::env::var_os("ONLY_ALL").is_some();
    if only_all {
        sizes.clear();
    }
    sizes.push(all.len());
    // No language has 200 rules yet. To show what 200 would cost, the last measure (not
    // with `ONLY_ALL`) adds copies of rules spread evenly over the file, under new ids: each
    // copy is looked for and run as a rule of its own, with its own compiled regexes, so it
    // costs what its original costs, and the copies cost what an average rule of the file
    // does. Rules added to a mature inventory are rarer structures (C1–C2), which cost less:
    // this is an upper estimate, and the real rules' prefixes show the trend.
    if !only_all && all.len() < 200 {
        sizes.push(200);
    }
    for n in sizes {
        let copies = n.saturating_sub(all.len());
        let rules: Vec<_> = all
            .iter()
            .take(n)
            .cloned()
            .chain((0..copies).map(|k| {
                let mut r = all[k * all.len() / copies].clone();
                r.id.push_str("#copy");
                r
            }))
            .collect();
        let ids: Vec<String> = rules.iter().map(|r| r.id.clone()).collect();
        let g = Grammar::new(rules, &classes).unwrap();
        // Warm up: compile what the text needs, and scan enough sentences for the prefilter
        // to build its faster scanner (see `analyse::prefilter`), given time to arrive
        // (`GS_SETTLE_MS`, 200 by default; more under valgrind), so that the figures are
        // those of a long run whatever the thread scheduling.
        for s in sentences.iter().cycle().take(25_000) {
            g.find(s, 0, s.len());
        }
        let settle = std::env::var("GS_SETTLE_MS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(200);
        std::thread::sleep(std::time::Duration::from_millis(settle));
        g.find("warm", 0, 4);
        let cands: usize = sentences
            .iter()
            .take(5000)
            .map(|s| g.candidate_count(s))
            .sum();
        let always = g.always_count();
        let patterns = g.word_engine_patterns();
        let taken = patterns.iter().filter(|p| p.2).count();
        println!(
            "{lang}: word engine ({}): {taken} of {} fast patterns",
            if std::env::var_os("CEFRLINT_WORD_ENGINE").is_some_and(|v| v == "1") {
                "on"
            } else {
                "off"
            },
            patterns.len()
        );
        if std::env::var_os("GS_LEFT").is_some() {
            for (r, p, _) in patterns.iter().filter(|p| !p.2) {
                let shown: String = p.chars().take(160).collect();
                println!("  byte engine: {}: {shown}", ids[*r]);
            }
        }
        let (mut bytes, mut matches) = (0usize, 0usize);
        let t = Instant::now();
        let cpu0 = thread_cpu();
        for s in repeated(&sentences, mb << 20) {
            matches += g.find(s, 0, s.len()).len();
            bytes += s.len();
        }
        let secs = t.elapsed().as_secs_f64();
        let cpu = match (cpu0, thread_cpu()) {
            (Some(a), Some(b)) => format!(
                ", CPU {:.2} s: {:.1} MB per CPU-s",
                b - a,
                bytes as f64 / 1048576.0 / (b - a)
            ),
            _ => String::new(),
        };
        let copied = match copies {
            0 => String::new(),
            c => format!(" (the {} rules and copies of {c} of them)", all.len()),
        };
        println!(
            "{lang}: {n:3} rules{copied} ({always} always run, {:.1} candidates per sentence), {:.1} MB in {secs:.2} s: {:.1} MB/s{cpu}, {matches} matches",
            cands as f64 / sentences.len().min(5000) as f64,
            bytes as f64 / 1048576.0,
            bytes as f64 / 1048576.0 / secs
        );
        if let Some(top) = std::env::var("GS_PROFILE")
            .ok()
            .and_then(|v| v.parse().ok())
        {
            profile(&g, &ids, &sentences, bytes, top);
        }
    }
}

/// With `GS_PROFILE=N`: the `N` rules that take the most time over the same text, once more
/// (not in the figures above), each rule run timed on its own (see `Grammar::find_profiled`;
/// the clock adds some 40 ns a run). Shows where the time of a rule set goes, and the rules
/// that run often but seldom match: their literals do not tell them apart.
fn profile(g: &Grammar, ids: &[String], sentences: &[&str], bytes: usize, top: usize) {
    let mut costs = vec![cefrlint::analyse::grammar::RuleCost::default(); ids.len()];
    let mut done = 0;
    for s in repeated(sentences, bytes) {
        g.find_profiled(s, 0, s.len(), &mut costs);
        done += s.len();
    }
    let total: u64 = costs.iter().map(|c| c.nanos).sum();
    let mut order: Vec<usize> = (0..ids.len()).collect();
    order.sort_by_key(|&i| (std::cmp::Reverse(costs[i].nanos), i));
    println!(
        "  rule runs: {:.1} ms per MB; the {top} costliest rules (share of that time, runs per MB, share of runs that match, ns per run):",
        total as f64 / 1e6 / (done as f64 / 1048576.0)
    );
    for &i in order.iter().take(top) {
        let c = costs[i];
        println!(
            "  {:5.1}%  {:<36} {:8.0} runs  {:5.1}% matched  {:6.0} ns",
            c.nanos as f64 * 100.0 / total.max(1) as f64,
            ids[i],
            c.runs as f64 / (done as f64 / 1048576.0),
            c.matched as f64 * 100.0 / c.runs.max(1) as f64,
            c.nanos as f64 / c.runs.max(1) as f64
        );
    }
}

/// The sentences over and over, until `bytes` of them have come (the one that reaches it
/// included).
fn repeated<'a>(sentences: &'a [&'a str], bytes: usize) -> impl Iterator<Item = &'a str> + 'a {
    let mut seen = 0;
    sentences.iter().copied().cycle().take_while(move |s| {
        let more = seen < bytes;
        seen += s.len();
        more
    })
}
