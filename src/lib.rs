//! cefrlint: audit language-learning content against the CEFR (CECRL).
//!
//! Data flows one way, and the modules follow it:
//! [`discover`] inputs → [`load`] (one adapter per format) → [`model`] (lessons, items,
//! fields with source spans) → [`analyse`] (segmentation, lexicon, grammar, level estimate,
//! with rule data from [`ruleset`]) → [`checks`] (one module per family) → [`report`] (one
//! module per output format) → exit code. [`pipeline`] wires them; [`cli`] is the front.

/// The allocator of the binary, and of the tests, examples and benchmarks that link this
/// library, so that they measure what ships. glibc's malloc was a quarter of the
/// instructions of a run on one lesson (regex compilation allocates many small blocks) and
/// a third of its wall time (bench/RESULTS.md, "Stop 13").
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

pub mod analyse;
pub mod checks;
pub mod cli;
pub mod config;
pub mod discover;
pub mod eval;
pub mod findings;
pub mod load;
pub mod model;
pub mod pipeline;
pub mod report;
pub mod ruleset;
pub mod source;
