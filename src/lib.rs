//! cefrlint: audit language-learning content against the CEFR (CECRL).
//!
//! Data flows one way, and the modules follow it:
//! [`discover`] inputs → [`load`] (one adapter per format) → [`model`] (lessons, items,
//! fields with source spans) → [`analyse`] (segmentation, lexicon, grammar, level estimate,
//! with rule data from [`ruleset`]) → [`checks`] (one module per family) → [`report`] (one
//! module per output format) → exit code. [`pipeline`] wires them; [`cli`] is the front.

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
