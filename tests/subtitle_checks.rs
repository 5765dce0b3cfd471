//! `subtitle/*`: reading speed against the declared level, short cues, broken timings,
//! overlaps.

mod common;
use common::*;

fn sub(args: &[&str]) -> Vec<(String, String, u64)> {
    let (v, _) = json(args);
    findings(&v)
        .iter()
        .filter(|f| f["rule"].as_str().unwrap().starts_with("subtitle/"))
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["item"].as_str().unwrap_or("").to_string(),
                f["line"].as_u64().unwrap(),
            )
        })
        .collect()
}

fn rules_of(v: &[(String, String, u64)], item: &str) -> Vec<String> {
    v.iter()
        .filter(|(_, i, _)| i == item)
        .map(|(r, _, _)| r.clone())
        .collect()
}

#[test]
fn srt_timing_faults_and_reading_speed_at_a2() {
    let v = sub(&[
        "check",
        "tests/fixtures/errors/timing.srt",
        "--lang",
        "en",
        "--level",
        "A2",
    ]);
    // Cue 2 starts at 3.5 s, before cue 1 ends at 4 s: reported on cue 2's timing line.
    assert!(
        v.contains(&("subtitle/overlap".into(), "2".into(), 6)),
        "{v:?}"
    );
    assert_eq!(rules_of(&v, "3"), ["subtitle/too-short"], "{v:?}");
    assert_eq!(rules_of(&v, "4"), ["subtitle/end-before-start"], "{v:?}");
    // 43 characters in 1.5 s is 28.7 cps, above 10 for A2; reported on the text line.
    assert!(
        v.contains(&("subtitle/reading-speed".into(), "5".into(), 19)),
        "{v:?}"
    );
    // 25 characters in 5 s is 5 cps; cue 1 is 23 characters in 3 s (7.7 cps).
    assert!(
        rules_of(&v, "6").is_empty() && rules_of(&v, "1").is_empty(),
        "{v:?}"
    );
}

#[test]
fn the_threshold_follows_the_level_and_needs_one() {
    let c2 = sub(&[
        "check",
        "tests/fixtures/errors/timing.srt",
        "--lang",
        "en",
        "--level",
        "C2",
    ]);
    // 28.7 cps is above 17 too.
    assert!(rules_of(&c2, "5").contains(&"subtitle/reading-speed".to_string()));
    let none = sub(&["check", "tests/fixtures/errors/timing.srt", "--lang", "en"]);
    assert!(
        none.iter().all(|(r, _, _)| r != "subtitle/reading-speed"),
        "{none:?}"
    );
}

#[test]
fn webvtt_overlaps_are_allowed_and_speed_is_checked_in_french() {
    let v = sub(&[
        "check",
        "tests/fixtures/errors/vitesse.vtt",
        "--lang",
        "fr",
        "--level",
        "A1",
    ]);
    assert!(v.iter().all(|(r, _, _)| r != "subtitle/overlap"), "{v:?}");
    // 49 characters in 1 s.
    assert!(
        v.contains(&("subtitle/reading-speed".into(), "cue3".into(), 10)),
        "{v:?}"
    );
    // `Oui !` in 0.5 s: too short, but too few characters to judge the speed.
    assert_eq!(rules_of(&v, "cue4"), ["subtitle/too-short"], "{v:?}");
    // 26 characters in 3 s is 8.7 cps at A1: above 8.
    assert_eq!(rules_of(&v, "cue1"), ["subtitle/reading-speed"], "{v:?}");
    assert!(rules_of(&v, "cue2").is_empty(), "{v:?}");
}
