//! Random texts for the tests that compare a segmenter with unicode-segmentation
//! (`sentence_bounds`, `word_bounds`), and the sentence normalisation with its plain form
//! (`normalize`), and the prefilter's scan loops with aho-corasick's own search
//! (`prefilter`, `literal_dfa`).

/// A small deterministic generator (xorshift), so the tests need no crate.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

/// Splits 200,000 random texts (see [`texts`]) with `mine` and with `reference`, and fails
/// on the first difference, or when fewer than 150,000 texts hold only characters that
/// `handled` says `mine` reads itself (the comparison would then test little of it).
pub fn assert_same_pieces(
    seed: u64,
    (common, rare): (&[char], &[char]),
    (max_len, rare_one_in): (u64, u64),
    handled: impl Fn(char) -> bool,
    mine: impl Fn(&str) -> Vec<(usize, &str)>,
    reference: impl Fn(&str) -> Vec<(usize, &str)>,
) {
    let mut handled_texts = 0;
    for t in texts(seed, common, rare, max_len, rare_one_in, 200_000) {
        if t.chars().all(&handled) {
            handled_texts += 1;
        }
        assert_eq!(mine(&t), reference(&t), "{t:?}");
    }
    assert!(handled_texts > 150_000, "{handled_texts}");
}

/// `rounds` texts of fewer than `max_len` characters drawn from `common`; in every tenth
/// text, one character in about `rare_one_in` is drawn from `rare` instead.
pub fn texts<'a>(
    seed: u64,
    common: &'a [char],
    rare: &'a [char],
    max_len: u64,
    rare_one_in: u64,
    rounds: usize,
) -> impl Iterator<Item = String> + 'a {
    let mut rng = Rng(seed);
    (0..rounds).map(move |round| {
        let len = (rng.next() % max_len) as usize;
        let mut t = String::new();
        for _ in 0..len {
            let r = rng.next();
            if round % 10 == 0 && r % rare_one_in == 0 {
                t.push(rare[(r / rare_one_in % rare.len() as u64) as usize]);
            } else {
                t.push(common[(r % common.len() as u64) as usize]);
            }
        }
        t
    })
}

/// 20,000 random texts of fewer than 30 characters (see [`texts`], a character of `rare` one
/// time in 9 in every tenth text), each with the occurrences of `literals` in it as
/// aho-corasick's own overlapping search reports them, in its order: (literal, end).
pub fn texts_with_literals<'a>(
    seed: u64,
    common: &'a [char],
    rare: &'a [char],
    literals: &[&str],
) -> impl Iterator<Item = (String, Vec<(usize, usize)>)> + 'a {
    texts_with_literals_up_to(seed, common, rare, literals, (30, 20_000))
}

/// [`texts_with_literals`], `rounds` texts of fewer than `max_len` characters.
pub fn texts_with_literals_up_to<'a>(
    seed: u64,
    common: &'a [char],
    rare: &'a [char],
    literals: &[&str],
    (max_len, rounds): (u64, usize),
) -> impl Iterator<Item = (String, Vec<(usize, usize)>)> + 'a {
    let reference = aho_corasick::AhoCorasick::new(literals).expect("literals build");
    texts(seed, common, rare, max_len, 9, rounds).map(move |t| {
        let found = reference
            .find_overlapping_iter(&t)
            .map(|m| (m.pattern().as_usize(), m.end()))
            .collect();
        (t, found)
    })
}
