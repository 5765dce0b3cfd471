//! Random texts for the tests that compare a segmenter with unicode-segmentation
//! (`sentence_bounds`, `word_bounds`).

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
pub(crate) fn texts<'a>(
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
