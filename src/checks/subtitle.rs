//! `subtitle/*`: cues that learners cannot read in time, and broken timings.
//!
//! The thresholds are constants documented here and in the rules' explanations. A cue's
//! level is judged by `level/above-declared` like any other item; it is not repeated here.

use super::Context;
use crate::declare_rule;
use crate::findings::{Evidence, EvidenceKind, Finding, Msg};
use crate::model::{Item, Lesson, Level, Timing};
use crate::source::Span;

/// Highest reading speed, in characters per second, for each level (A1 to C2).
///
/// Characters are counted as the learner sees them: letters, digits, punctuation and the
/// spaces between words; line breaks and markup (tags removed by the reader) do not count.
/// The C2 value is the adult native-speaker ceiling of the main style guides (Netflix: 17 cps
/// for adult programmes in most languages; the BBC's 160–180 words per minute is about 15–17
/// cps). Learners read a foreign language more slowly, the more so the lower their level:
/// each level below C2 takes off one to two characters per second, down to 8 cps at A1
/// (about half the native speed, the pace of children's programmes at 12–13 cps lowered for
/// a reader who still decodes word by word).
pub const MAX_CPS: [f64; 6] = [8.0, 10.0, 12.0, 14.0, 15.0, 17.0];

/// Cues shorter than this many characters are not judged for speed: an `Oh!` or a name can
/// be read at a glance whatever its duration.
pub const MIN_CHARS_FOR_SPEED: usize = 15;

/// Shortest display time, in milliseconds: Netflix's minimum is 5/6 of a second (20 frames
/// at 24 fps); below about 0.8 s the eye has barely found the subtitle before it goes.
pub const MIN_DURATION_MS: u64 = 800;

declare_rule! {
    /// ## What it checks
    /// A subtitle cue shown too briefly for its length at the declared level: its characters
    /// per second (cps) exceed A1 8, A2 10, B1 12, B2 14, C1 15, C2 17. Characters are what
    /// the learner sees (letters, digits, punctuation and the spaces between words); line
    /// breaks and tags do not count. Cues of fewer than 15 characters, and files without a
    /// declared level, are not judged.
    ///
    /// The C2 value is the adult native ceiling of the style guides (Netflix 17 cps for
    /// adults; the BBC's 160–180 words per minute is about 15–17 cps). Learners read a
    /// foreign language more slowly the lower their level: each level below takes off one
    /// or two cps, down to 8 at A1, about half the native speed, for readers who still
    /// decode word by word.
    ///
    /// ## Why it matters
    /// A cue that disappears before it is read is no help: learners give up on the
    /// subtitles, or stop the video at every line.
    ///
    /// ## Example
    /// For A2: `00:00:01.000 --> 00:00:02.500` with `I was going to tell you yesterday.`
    /// (34 characters in 1.5 s: 22.7 cps, above 10).
    ///
    /// ## How to silence it
    /// Show the cue longer, shorten its text, split it in two, or declare the level the
    /// video is for (`--level`).
    pub static READING_SPEED = {
        code: "subtitle/reading-speed",
        severity: Warning,
        summary: ("A cue is too fast to read at the declared level.", "Un sous-titre défile trop vite pour le niveau déclaré."),
        fr: "## Ce que la règle vérifie
Un sous-titre affiché trop peu de temps pour sa longueur au niveau déclaré : ses caractères
par seconde (cps) dépassent A1 8, A2 10, B1 12, B2 14, C1 15, C2 17. Les caractères sont
ceux que voit l'élève (lettres, chiffres, ponctuation et espaces entre les mots) ; les sauts
de ligne et les balises ne comptent pas. Les sous-titres de moins de 15 caractères, et les
fichiers sans niveau déclaré, ne sont pas jugés.

La valeur de C2 est le plafond pour adultes natifs des chartes de sous-titrage (Netflix :
17 cps pour les adultes ; les 160 à 180 mots par minute de la BBC font environ 15 à 17 cps).
Un apprenant lit une langue étrangère plus lentement, d'autant plus que son niveau est bas :
chaque niveau en dessous retire un ou deux cps, jusqu'à 8 en A1, environ la moitié de la
vitesse d'un natif, pour des lecteurs qui déchiffrent encore mot à mot.

## Pourquoi
Un sous-titre qui disparaît avant d'être lu n'aide pas : les élèves abandonnent les
sous-titres, ou arrêtent la vidéo à chaque ligne.

## Exemple
En A2 : `00:00:01.000 --> 00:00:02.500` avec `I was going to tell you yesterday.`
(34 caractères en 1,5 s : 22,7 cps, au-dessus de 10).

## Comment la désactiver
Affichez le sous-titre plus longtemps, raccourcissez-le, coupez-le en deux, ou déclarez le
niveau auquel la vidéo est destinée (`--level`).
",
    }
}

declare_rule! {
    /// ## What it checks
    /// A cue shown for less than 0.8 second (and more than zero). Netflix's minimum is 5/6 of
    /// a second (20 frames at 24 images per second); below that, the eye has barely found
    /// the subtitle before it goes, whatever its length and the learner's level.
    ///
    /// ## Why it matters
    /// The learner sees a flash of text. Such cues usually come from a timing slip (a
    /// timestamp typed `00:00:04,100` for `00:00:04,900`) or from automatic captions.
    ///
    /// ## Example
    /// `00:00:04.000 --> 00:00:04.300` with `Thank you.`
    ///
    /// ## How to silence it
    /// Show the cue for at least 0.8 second, or merge it with the next one.
    pub static TOO_SHORT = {
        code: "subtitle/too-short",
        severity: Warning,
        summary: ("A cue is shown for less than 0.8 second.", "Un sous-titre est affiché moins de 0,8 seconde."),
        fr: "## Ce que la règle vérifie
Un sous-titre affiché moins de 0,8 seconde (et plus de zéro). Le minimum de Netflix est de
5/6 de seconde (20 images à 24 images par seconde) ; en dessous, l'œil a à peine trouvé le
sous-titre qu'il disparaît, quels que soient sa longueur et le niveau de l'élève.

## Pourquoi
L'élève voit un éclair de texte. Ces sous-titres viennent en général d'une erreur de minutage
(un `00:00:04,100` tapé pour `00:00:04,900`) ou de sous-titres automatiques.

## Exemple
`00:00:04.000 --> 00:00:04.300` avec `Thank you.`

## Comment la désactiver
Affichez le sous-titre au moins 0,8 seconde, ou fusionnez-le avec le suivant.
",
    }
}

declare_rule! {
    /// ## What it checks
    /// A cue whose end time is not after its start time (`00:00:05.000 --> 00:00:04.000`, or
    /// the same time twice).
    ///
    /// ## Why it matters
    /// Players never show such a cue, or show it for a frame: its text is lost. It is a
    /// typing slip in a timestamp.
    ///
    /// ## Example
    /// `00:01:10,500 --> 00:01:01,500`
    ///
    /// ## How to silence it
    /// Correct the timestamps.
    pub static END_BEFORE_START = {
        code: "subtitle/end-before-start",
        severity: Error,
        summary: ("A cue ends before it starts.", "Un sous-titre finit avant de commencer."),
        fr: "## Ce que la règle vérifie
Un sous-titre dont l'heure de fin n'est pas après l'heure de début
(`00:00:05.000 --> 00:00:04.000`, ou deux fois la même heure).

## Pourquoi
Les lecteurs n'affichent jamais ce sous-titre, ou pendant une image : son texte est perdu.
C'est une faute de frappe dans un horodatage.

## Exemple
`00:01:10,500 --> 00:01:01,500`

## Comment la désactiver
Corrigez les horodatages.
",
    }
}

declare_rule! {
    /// ## What it checks
    /// In an SRT file, a cue that starts before the previous cue ends, or before the
    /// previous cue starts (cues out of order). WebVTT files are not checked: WebVTT shows
    /// overlapping cues together on purpose (two speakers, karaoke, positioned captions).
    ///
    /// ## Why it matters
    /// SRT players show one cue at a time, or stack them unpredictably: the end of the first
    /// cue is cut, or both jump on the screen. Out-of-order cues are often dropped.
    ///
    /// ## Example
    /// ```text
    /// 1
    /// 00:00:01,000 --> 00:00:04,000
    /// Hello!
    ///
    /// 2
    /// 00:00:03,000 --> 00:00:05,000
    /// How are you?
    /// ```
    ///
    /// ## How to silence it
    /// End the first cue before the next one starts, and keep the cues in time order.
    pub static OVERLAP = {
        code: "subtitle/overlap",
        severity: Warning,
        summary: ("A cue starts before the previous one ends.", "Un sous-titre commence avant la fin du précédent."),
        fr: "## Ce que la règle vérifie
Dans un fichier SRT, un sous-titre qui commence avant la fin du précédent, ou avant son début
(sous-titres dans le désordre). Les fichiers WebVTT ne sont pas vérifiés : WebVTT affiche
volontairement ensemble les sous-titres qui se chevauchent (deux locuteurs, karaoké,
sous-titres positionnés).

## Pourquoi
Les lecteurs SRT affichent un sous-titre à la fois, ou les empilent de façon imprévisible :
la fin du premier est coupée, ou les deux sautent à l'écran. Les sous-titres dans le désordre
sont souvent ignorés.

## Exemple
```text
1
00:00:01,000 --> 00:00:04,000
Hello!

2
00:00:03,000 --> 00:00:05,000
How are you?
```

## Comment la désactiver
Terminez le premier sous-titre avant le début du suivant, et gardez les sous-titres dans
l'ordre du temps.
",
    }
}

/// Characters counted for the reading speed: everything but line breaks, with runs of
/// spaces counted once.
pub fn visible_chars(text: &str) -> usize {
    text.split_whitespace()
        .map(|w| w.chars().count() + 1)
        .sum::<usize>()
        .saturating_sub(1)
}

fn secs(ms: u64) -> String {
    format!("{}.{:03}", ms / 1000, ms % 1000)
}

/// The timing line of a cue: the line holding `-->` from the cue's start.
fn timing_span(cx: &Context<'_>, item: &Item) -> Span {
    let text = &cx.src.text;
    let from = item.span.start.min(text.len());
    let end_of_cue = item
        .fields
        .first()
        .map_or(text.len(), |f| f.span.start.max(from));
    match text[from..end_of_cue.min(text.len())].find("-->") {
        Some(k) => {
            let at = from + k;
            let ls = text[..at].rfind(['\n', '\r']).map_or(0, |i| i + 1);
            let le = text[at..].find(['\n', '\r']).map_or(text.len(), |i| at + i);
            Span::new(ls, le)
        }
        None => item.span,
    }
}

fn measure(en: String, fr: String) -> Evidence {
    Evidence {
        kind: EvidenceKind::Measure,
        text: en.clone(),
        localized: Some(Msg::new(en, fr)),
        level: None,
        detail: None,
        location: None,
    }
}

/// Checks the cues of one lesson (a subtitle file), in file order.
pub fn check_lesson(cx: &Context<'_>, lesson: &Lesson, out: &mut Vec<Finding>) {
    let srt = cx.src.path.to_ascii_lowercase().ends_with(".srt");
    let mut prev: Option<(Timing, &Item)> = None;
    for item in &lesson.items {
        let Some(t) = item.timing else { continue };
        let at = || timing_span(cx, item);
        let text: String = item
            .fields
            .iter()
            .map(|f| f.text.as_str())
            .collect::<Vec<_>>()
            .join("\n");
        let dur = t.end_ms.saturating_sub(t.start_ms);
        if t.end_ms <= t.start_ms {
            out.push(
                Finding::at(
                    &END_BEFORE_START,
                    cx.src,
                    at(),
                    Msg::new(
                        format!(
                            "this cue ends at {} s, not after its start at {} s",
                            secs(t.end_ms),
                            secs(t.start_ms)
                        ),
                        format!(
                            "ce sous-titre finit à {} s, pas après son début à {} s",
                            secs(t.end_ms),
                            secs(t.start_ms)
                        ),
                    ),
                )
                .with_item(item.id.clone()),
            );
        } else if dur < MIN_DURATION_MS && !text.trim().is_empty() {
            out.push(
                Finding::at(
                    &TOO_SHORT,
                    cx.src,
                    at(),
                    Msg::new(
                        format!(
                            "this cue is shown for {} s only (at least 0.8 s)",
                            secs(dur)
                        ),
                        format!(
                            "ce sous-titre n'est affiché que {} s (au moins 0,8 s)",
                            secs(dur)
                        ),
                    ),
                )
                .with_item(item.id.clone()),
            );
        } else if let Some(level) = item.declared_level() {
            speed(cx, item, level, &text, dur, out);
        }
        if srt {
            if let Some((p, pi)) = prev {
                if t.start_ms < p.end_ms && t.end_ms > t.start_ms && p.end_ms > p.start_ms {
                    let (en, fr) = if t.start_ms < p.start_ms {
                        (
                            format!("this cue starts at {} s, before the previous cue (`{}`, at {} s): the cues are out of order", secs(t.start_ms), pi.id, secs(p.start_ms)),
                            format!("ce sous-titre commence à {} s, avant le précédent (« {} », à {} s) : les sous-titres sont dans le désordre", secs(t.start_ms), pi.id, secs(p.start_ms)),
                        )
                    } else {
                        (
                            format!("this cue starts at {} s, before the previous cue (`{}`) ends at {} s", secs(t.start_ms), pi.id, secs(p.end_ms)),
                            format!("ce sous-titre commence à {} s, avant la fin du précédent (« {} ») à {} s", secs(t.start_ms), pi.id, secs(p.end_ms)),
                        )
                    };
                    let ps = timing_span(cx, pi);
                    out.push(
                        Finding::at(&OVERLAP, cx.src, at(), Msg::new(en, fr))
                            .with_item(item.id.clone())
                            .with_evidence(vec![Evidence {
                                kind: EvidenceKind::Related,
                                text: cx.src.text[ps.start..ps.end].to_string(),
                                localized: None,
                                level: None,
                                detail: Some("previous cue".into()),
                                location: Some(cx.src.location(ps)),
                            }]),
                    );
                }
            }
        }
        if t.end_ms > t.start_ms {
            prev = Some((t, item));
        }
    }
}

fn speed(
    cx: &Context<'_>,
    item: &Item,
    level: Level,
    text: &str,
    dur_ms: u64,
    out: &mut Vec<Finding>,
) {
    let chars = visible_chars(text);
    if chars < MIN_CHARS_FOR_SPEED || dur_ms == 0 {
        return;
    }
    let cps = chars as f64 * 1000.0 / dur_ms as f64;
    let max = MAX_CPS[level.index()];
    if cps <= max {
        return;
    }
    let need = chars as f64 / max;
    let Some(field) = item.fields.first() else {
        return;
    };
    out.push(
        Finding::at(
            &READING_SPEED,
            cx.src,
            field.span,
            Msg::new(
                format!("{chars} characters in {} s: {cps:.1} characters per second, above {max} for {level} (show it for {need:.1} s or shorten it)", secs(dur_ms)),
                format!("{chars} caractères en {} s : {cps:.1} caractères par seconde, au-dessus de {max} pour {level} (affichez-le {need:.1} s ou raccourcissez-le)", secs(dur_ms)),
            ),
        )
        .with_item(item.id.clone())
        .with_evidence(vec![measure(
            format!("{cps:.1} cps"),
            format!("{cps:.1} cps"),
        )]),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn characters_are_counted_as_seen() {
        assert_eq!(visible_chars("Hello,  world!\nHow are you?"), 26);
        assert_eq!(visible_chars("  "), 0);
        assert_eq!(visible_chars("Ça va"), 5);
    }

    #[test]
    fn thresholds_rise_with_the_level() {
        assert!(MAX_CPS.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(MAX_CPS[5], 17.0);
    }
}
