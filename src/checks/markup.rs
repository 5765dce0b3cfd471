//! `markup/*`: leftovers of markup and editing in text fields: HTML entities and tags,
//! unbalanced brackets and quotes, placeholders, doubled words, French spacing.
//!
//! Readers that interpret HTML (GIFT in its Moodle and HTML formats, WebVTT) already reduce
//! it: what these rules see there is what learners see.

use super::Context;
use crate::analyse::segment::{contains_char, contains_ignore_ascii_case};
use crate::declare_rule;
use crate::findings::{Finding, Msg};
use crate::model::{Field, Item, LangRole, Role};

declare_rule! {
    /// ## What it checks
    /// An HTML character reference left in a plain-text field: `&nbsp;`, `&amp;`, `&#39;`,
    /// `&eacute;`, `&#x2019;`… Fields whose format reads HTML (GIFT questions in Moodle or
    /// HTML format, WebVTT cues) are decoded by cefrlint first, so a reference found there
    /// was escaped twice (`&amp;nbsp;`); GIFT questions in Markdown are not checked.
    ///
    /// ## Why it matters
    /// Learners read `l&#39;école` or `Tom&nbsp;&amp;&nbsp;Anna`. It comes from text copied out
    /// of a web page's source or an export that escaped HTML twice.
    ///
    /// ## Example
    /// ```yaml
    /// text: Je vais &agrave; l&#39;&eacute;cole.
    /// ```
    ///
    /// ## How to silence it
    /// Replace each reference with the character it stands for.
    pub static HTML_ENTITY = {
        code: "markup/html-entity",
        severity: Warning,
        summary: ("An HTML entity such as `&nbsp;` is left in the text.", "Une entité HTML comme `&nbsp;` est restée dans le texte."),
        fr: "## Ce que la règle vérifie
Une référence de caractère HTML restée dans un champ en texte brut : `&nbsp;`, `&amp;`,
`&#39;`, `&eacute;`, `&#x2019;`… Les champs dont le format lit le HTML (questions GIFT au
format Moodle ou HTML, sous-titres WebVTT) sont d'abord décodés par cefrlint : une référence
qui y reste a été échappée deux fois (`&amp;nbsp;`) ; les questions GIFT en Markdown ne sont
pas vérifiées.

## Pourquoi
Les élèves lisent `l&#39;école` ou `Tom&nbsp;&amp;&nbsp;Anna`. Cela vient d'un texte copié
depuis le code source d'une page web ou d'un export qui a échappé le HTML deux fois.

## Exemple
```yaml
text: Je vais &agrave; l&#39;&eacute;cole.
```

## Comment la désactiver
Remplacez chaque référence par le caractère qu'elle représente.
",
    }
}

declare_rule! {
    /// ## What it checks
    /// An HTML tag left in a plain-text field: `<br>`, `<p>`, `</b>`, `<span class="x">`…
    /// (common HTML element names only; `<3` or `a < b` are not tags). Readers that interpret
    /// HTML (GIFT in Moodle or HTML format, WebVTT, SRT) remove tags before the checks, so a
    /// tag found there was escaped (`&lt;br&gt;`); GIFT questions in Markdown are not checked.
    ///
    /// ## Why it matters
    /// Learners see `<br>` in the middle of a sentence; platforms that escape text show the
    /// tag as it is.
    ///
    /// ## Example
    /// ```yaml
    /// prompt: Where does Tom live?<br>Choose one answer.
    /// ```
    ///
    /// ## How to silence it
    /// Remove the tag (use a line break of the format instead).
    pub static HTML_TAG = {
        code: "markup/html-tag",
        severity: Warning,
        summary: ("An HTML tag such as `<br>` is left in the text.", "Une balise HTML comme `<br>` est restée dans le texte."),
        fr: "## Ce que la règle vérifie
Une balise HTML restée dans un champ en texte brut : `<br>`, `<p>`, `</b>`,
`<span class=\"x\">`… (seulement les noms d'éléments HTML courants ; `<3` ou `a < b` ne sont
pas des balises). Les lecteurs qui interprètent le HTML (GIFT au format Moodle ou HTML,
WebVTT, SRT) retirent les balises avant les vérifications : une balise qui y reste a été
échappée (`&lt;br&gt;`) ; les questions GIFT en Markdown ne sont pas vérifiées.

## Pourquoi
Les élèves voient `<br>` au milieu d'une phrase ; les plateformes qui échappent le texte
affichent la balise telle quelle.

## Exemple
```yaml
prompt: Where does Tom live?<br>Choose one answer.
```

## Comment la désactiver
Retirez la balise (utilisez plutôt un saut de ligne du format).
",
    }
}

declare_rule! {
    /// ## What it checks
    /// A bracket or quotation mark without its partner in the same field: `(` `)`, `[` `]`,
    /// `«` `»`, `“` `”` (in German, `„` `“`; guillemets are not checked there, as German
    /// writes them both ways). Straight quotes and apostrophes are not checked, but a
    /// straight `"` may stand for a missing partner (`„Hallo"`); a quotation that runs
    /// over several paragraphs may open each of them and close only the last; a `)` after
    /// a list label (`a)`, `2)`), smileys (`:)`) and inches (`40”`) are allowed. Dialogue lines and subtitle
    /// cues are not checked: a quotation often runs over several of them.
    ///
    /// ## Why it matters
    /// An unclosed bracket or quotation leaves the learner unsure where the aside or the
    /// quoted words end; it usually marks text cut by an edit.
    ///
    /// ## Example
    /// `Il a dit « je viens demain.`
    ///
    /// ## How to silence it
    /// Add the missing partner or remove the stray mark.
    pub static UNBALANCED = {
        code: "markup/unbalanced",
        severity: Warning,
        summary: ("A bracket or quotation mark has no partner.", "Une parenthèse ou un guillemet n'a pas son pendant."),
        fr: "## Ce que la règle vérifie
Une parenthèse, un crochet ou un guillemet sans son pendant dans le même champ : `(` `)`,
`[` `]`, `«` `»`, `“` `”` (en allemand, `„` `“` ; les chevrons n'y sont pas vérifiés,
l'allemand les écrivant dans les deux sens). Les guillemets droits et les apostrophes ne
sont pas vérifiés, mais un `\"` droit peut tenir lieu du signe manquant (`„Hallo\"`) ;
une citation sur plusieurs paragraphes peut ouvrir chacun d'eux et ne fermer que le
dernier ; un `)` après une étiquette de liste (`a)`, `2)`), les émoticônes (`:)`) et les
pouces (`40”`) sont admis. Les répliques de dialogue et les sous-titres ne sont pas vérifiés : une
citation s'étend souvent sur plusieurs d'entre eux.

## Pourquoi
Une parenthèse ou une citation non fermée laisse l'élève dans le doute sur l'endroit où
l'aparté ou la citation s'arrête ; c'est en général la trace d'un texte coupé.

## Exemple
`Il a dit « je viens demain.`

## Comment la désactiver
Ajoutez le signe manquant ou retirez le signe en trop.
",
    }
}

declare_rule! {
    /// ## What it checks
    /// Placeholder text left in a field: `TODO`, `TBD`, `FIXME` (in capitals, as whole
    /// words), `lorem ipsum` (any case), `???` standing alone, and `XXX` when it is a whole
    /// text, an answer or an option (`My name is XXX.` is a model sentence for the learner
    /// to adapt, and is left alone).
    ///
    /// ## Why it matters
    /// The item was published unfinished: learners see the author's note instead of the
    /// content.
    ///
    /// ## Example
    /// ```yaml
    /// feedback: TODO explain the past tense
    /// ```
    ///
    /// ## How to silence it
    /// Write the missing content.
    pub static PLACEHOLDER = {
        code: "markup/placeholder",
        severity: Error,
        summary: ("Placeholder text (`TODO`, `lorem ipsum`…) is left in the item.", "Un texte provisoire (`TODO`, `lorem ipsum`…) est resté dans l'item."),
        fr: "## Ce que la règle vérifie
Un texte provisoire resté dans un champ : `TODO`, `TBD`, `FIXME` (en capitales, mots
entiers), `lorem ipsum` (toute casse), `???` seul, et `XXX` quand il forme tout le texte,
une réponse ou une option (`Je m'appelle XXX.` est une phrase modèle que l'élève adapte :
elle n'est pas signalée).

## Pourquoi
L'item a été publié inachevé : les élèves voient la note de l'auteur au lieu du contenu.

## Exemple
```yaml
feedback: TODO expliquer le passé composé
```

## Comment la désactiver
Écrivez le contenu manquant.
",
    }
}

declare_rule! {
    /// ## What it checks
    /// The same short grammatical word twice in a row, with only white space between:
    /// `the the`, `to to`, `le le`, `de de`, `el el`, `und und`, `di di`. Only articles,
    /// prepositions, conjunctions and a few pronouns and auxiliaries are checked, so that
    /// repetitions made on purpose (`very very`, `bye bye`, Italian `piano piano`) are left
    /// alone, and so are words that may legitimately double: English `that that`, `had had`,
    /// `is is`, `her her`, `you you`; French `nous nous`, `vous vous`, `la la`; German
    /// articles (`die die` in a relative clause); Spanish and Italian `no`, `la`, `si`, `che`,
    /// `que`. A second word with a capital (`de De Gaulle`) and three or more in a row (`la la
    /// la`) are not reported.
    ///
    /// ## Why it matters
    /// It is a typing slip that learners may copy, and that spelling checkers often miss.
    ///
    /// ## Example
    /// `We went to the the beach.`
    ///
    /// ## How to silence it
    /// Delete one of the two words.
    pub static DOUBLED_WORD = {
        code: "markup/doubled-word",
        severity: Warning,
        summary: ("A word is written twice in a row.", "Un mot est écrit deux fois de suite."),
        fr: "## Ce que la règle vérifie
Le même petit mot grammatical deux fois de suite, séparé seulement par des espaces :
`the the`, `to to`, `le le`, `de de`, `el el`, `und und`, `di di`. Seuls les articles,
prépositions, conjonctions et quelques pronoms et auxiliaires sont vérifiés, pour laisser
les répétitions voulues (`very very`, `bye bye`, l'italien `piano piano`), ainsi que les mots
qui peuvent légitimement se suivre : en anglais `that that`, `had had`, `is is`, `her her`,
`you you` ; en français `nous nous`, `vous vous`, `la la` ; les articles allemands (`die die`
dans une relative) ; en espagnol et en italien `no`, `la`, `si`, `che`, `que`. Un second mot
avec une majuscule (`de De Gaulle`) et trois mots ou plus à la suite (`la la la`) ne sont
pas signalés.

## Pourquoi
C'est une faute de frappe que les élèves risquent de recopier, et que les correcteurs
orthographiques laissent souvent passer.

## Exemple
`Nous sommes allés à la la plage.`

## Comment la désactiver
Supprimez l'un des deux mots.
",
    }
}

declare_rule! {
    /// ## What it checks
    /// In a French target-language field, a `;`, `:`, `!`, `?` or `»` glued to the word
    /// before it, or a `«` glued to the word after it (`Bonjour!`, `«Salut»`). French
    /// typography puts a space there, ideally a narrow no-break space (U+202F) or a no-break
    /// space (U+00A0) so that the mark never starts a line. An ordinary space is accepted:
    /// it is what keyboards type. Times and web addresses (`10:30`, `https://`) and runs of
    /// marks (`?!`) are left alone.
    ///
    /// ## Why it matters
    /// Learners of French copy the typography they see; French exams and publishers expect
    /// the space.
    ///
    /// ## Example
    /// `Tu viens ce soir?` → `Tu viens ce soir ?` (with U+202F).
    ///
    /// ## How to silence it
    /// Add the space. It is only information: it does not change the exit code.
    pub static FRENCH_SPACING = {
        code: "markup/french-spacing",
        severity: Info,
        summary: ("French punctuation without the space before it.", "Ponctuation française sans l'espace qui la précède."),
        fr: "## Ce que la règle vérifie
Dans un champ en français langue cible, un `;`, `:`, `!`, `?` ou `»` collé au mot qui le
précède, ou un `«` collé au mot qui le suit (`Bonjour!`, `«Salut»`). La typographie
française y met une espace, de préférence une espace fine insécable (U+202F) ou une espace
insécable (U+00A0), pour que le signe ne commence jamais une ligne. Une espace ordinaire est
acceptée : c'est ce que tapent les claviers. Les heures et adresses web (`10:30`,
`https://`) et les suites de signes (`?!`) ne sont pas signalées.

## Pourquoi
Les élèves de français recopient la typographie qu'ils voient ; les examens et les éditeurs
français attendent l'espace.

## Exemple
`Tu viens ce soir?` → `Tu viens ce soir ?` (avec U+202F).

## Comment la désactiver
Ajoutez l'espace. Ce n'est qu'une information : le code de sortie n'en dépend pas.
",
    }
}

/// HTML elements whose tags are recognised.
const TAGS: &[&str] = &[
    "a",
    "abbr",
    "b",
    "big",
    "blockquote",
    "br",
    "center",
    "code",
    "div",
    "em",
    "font",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "li",
    "ol",
    "p",
    "pre",
    "s",
    "small",
    "span",
    "strike",
    "strong",
    "sub",
    "sup",
    "table",
    "td",
    "th",
    "tr",
    "tt",
    "u",
    "ul",
];

/// Named references recognised (beyond numeric ones).
const ENTITIES: &[&str] = &[
    "nbsp", "amp", "lt", "gt", "quot", "apos", "eacute", "egrave", "ecirc", "agrave", "acirc",
    "ccedil", "ocirc", "ucirc", "ugrave", "icirc", "iuml", "euml", "ntilde", "aacute", "iacute",
    "oacute", "uacute", "auml", "ouml", "uuml", "szlig", "Eacute", "Agrave", "Ccedil", "laquo",
    "raquo", "rsquo", "lsquo", "ldquo", "rdquo", "hellip", "ndash", "mdash", "euro", "oelig",
    "copy", "deg", "middot", "thinsp", "iexcl", "iquest",
];

/// GIFT questions written in Markdown may hold HTML on purpose.
fn is_markdown(cx: &Context<'_>, item: &Item) -> bool {
    let Some(first) = item
        .fields
        .iter()
        .filter(|f| f.role != Role::Title)
        .map(|f| f.span.start)
        .min()
    else {
        return false;
    };
    let a = item.span.start.min(first);
    cx.src
        .text
        .get(a..first)
        .is_some_and(|s| s.contains("[markdown]"))
}

fn entity_at(s: &str, i: usize) -> Option<usize> {
    let rest = &s[i + 1..];
    let end = rest.find(';')?;
    if end == 0 || end > 10 {
        return None;
    }
    let name = &rest[..end];
    let ok = if let Some(num) = name.strip_prefix('#') {
        match num.strip_prefix(['x', 'X']) {
            Some(h) => !h.is_empty() && h.chars().all(|c| c.is_ascii_hexdigit()),
            None => !num.is_empty() && num.chars().all(|c| c.is_ascii_digit()),
        }
    } else {
        ENTITIES.contains(&name)
    };
    ok.then_some(end + 2)
}

fn tag_at(s: &str, i: usize) -> Option<usize> {
    let rest = &s[i + 1..];
    let body = rest.strip_prefix('/').unwrap_or(rest);
    let name_len = body
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(body.len());
    let name = body[..name_len].to_ascii_lowercase();
    if !TAGS.contains(&name.as_str()) {
        return None;
    }
    let after = &body[name_len..];
    let next = after.chars().next()?;
    if !(next == '>' || next == '/' || next == ' ') {
        return None;
    }
    let gt = after.find('>')?;
    if after[..gt].contains(['<', '\n']) {
        return None;
    }
    Some(1 + (rest.len() - body.len()) + name_len + gt + 1)
}

fn push(
    cx: &Context<'_>,
    item: &Item,
    f: &Field,
    rule: &'static crate::checks::RuleInfo,
    (a, b): (usize, usize),
    msg: Msg,
    out: &mut Vec<Finding>,
) {
    out.push(Finding::at(rule, cx.src, f.text.source_span(a, b), msg).with_item(item.id.clone()));
}

/// The bytes a text holds, found in one pass: most rules below look for signs most texts
/// lack, and each would search the text for them.
struct Bytes([bool; 256]);

impl Bytes {
    fn of(s: &str) -> Self {
        let mut seen = [false; 256];
        for &b in s.as_bytes() {
            seen[b as usize] = true;
        }
        Bytes(seen)
    }

    fn has(&self, b: u8) -> bool {
        self.0[b as usize]
    }

    /// Whether `s`, the text these are the bytes of, holds `c`.
    fn has_char(&self, s: &str, c: char) -> bool {
        let mut buf = [0u8; 4];
        let e = c.encode_utf8(&mut buf).as_bytes();
        match e {
            [b] => self.has(*b),
            _ => self.has(e[0]) && self.has(e[e.len() - 1]) && contains_char(s, c),
        }
    }
}

/// Runs every `markup/*` check on one item.
pub fn check(cx: &Context<'_>, item: &Item, out: &mut Vec<Finding>) {
    let markdown = is_markdown(cx, item);
    for f in &item.fields {
        let bytes = Bytes::of(f.text.as_str());
        if !markdown {
            html(cx, item, f, &bytes, out);
        }
        placeholder(cx, item, f, &bytes, out);
        let lang = f.language.as_ref().map(|l| l.as_str());
        if !matches!(f.role, Role::Line | Role::Cue) {
            unbalanced(cx, item, f, &bytes, lang.unwrap_or(""), out);
        }
        if let Some(lang) = lang {
            doubled(cx, item, f, lang, out);
            // Only these signs are judged (`«` and `»` end in 0xAB and 0xBB).
            if lang == "fr"
                && f.role.lang_role() == LangRole::Target
                && [b';', b':', b'!', b'?', 0xAB, 0xBB]
                    .iter()
                    .any(|&b| bytes.has(b))
            {
                french_spacing(cx, item, f, out);
            }
        }
    }
}

/// True when the source escaped this numeric entity or tag (`&amp;#178;`, `&lt;p&gt;`): an
/// HTML field whose author wrote a character code or a tag out on purpose, to show it. A
/// named entity escaped twice (`&amp;nbsp;`) is the usual editor glitch and is reported.
fn escaped_in_source(cx: &Context<'_>, f: &Field, i: usize) -> bool {
    let sp = f.text.source_span(i, i + 1);
    cx.src
        .text
        .get(sp.start..)
        .is_some_and(|rest| rest.starts_with("&amp;#") || rest.starts_with("&lt;"))
}

/// The first `sign` (ASCII) of a field that is not escaped in its source and where `read`
/// finds a construct (an entity, a tag): its position and length.
fn first_unescaped(
    cx: &Context<'_>,
    f: &Field,
    bytes: &Bytes,
    sign: u8,
    read: fn(&str, usize) -> Option<usize>,
) -> Option<(usize, usize)> {
    let s = f.text.as_str();
    if !bytes.has(sign) {
        return None;
    }
    s.match_indices(char::from(sign))
        .filter(|(i, _)| !escaped_in_source(cx, f, *i))
        .find_map(|(i, _)| read(s, i).map(|l| (i, l)))
}

fn html(cx: &Context<'_>, item: &Item, f: &Field, bytes: &Bytes, out: &mut Vec<Finding>) {
    let s = f.text.as_str();
    if let Some((i, len)) = first_unescaped(cx, f, bytes, b'&', entity_at) {
        let e = &s[i..i + len];
        push(
            cx,
            item,
            f,
            &HTML_ENTITY,
            (i, i + len),
            Msg::new(
                format!("the HTML entity `{e}` is shown as it is written"),
                format!("l'entité HTML « {e} » s'affiche telle quelle"),
            ),
            out,
        );
    }
    if let Some((i, len)) = first_unescaped(cx, f, bytes, b'<', tag_at) {
        let t = &s[i..i + len];
        push(
            cx,
            item,
            f,
            &HTML_TAG,
            (i, i + len),
            Msg::new(
                format!("the HTML tag `{t}` is shown as it is written"),
                format!("la balise HTML « {t} » s'affiche telle quelle"),
            ),
            out,
        );
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn whole_word(s: &str, i: usize, len: usize) -> bool {
    !s[..i].chars().next_back().is_some_and(is_word_char)
        && !s[i + len..].chars().next().is_some_and(is_word_char)
}

fn placeholder(cx: &Context<'_>, item: &Item, f: &Field, bytes: &Bytes, out: &mut Vec<Finding>) {
    let s = f.text.as_str();
    let mut found: Option<(usize, usize)> = None;
    // `My name is XXX.` is a model sentence: `XXX` counts only as a whole text, an answer or
    // an option.
    let xxx_ok = s.trim() == "XXX" || matches!(f.role, Role::Answer | Role::Option);
    for p in ["TODO", "TBD", "FIXME", "XXX"] {
        // Most texts hold no capital `T`, `F` or `X`: no searcher is set up for them.
        if (p == "XXX" && !xxx_ok) || !bytes.has(p.as_bytes()[0]) {
            continue;
        }
        if let Some((i, _)) = s.match_indices(p).find(|(i, _)| whole_word(s, *i, p.len())) {
            found = Some(found.map_or((i, p.len()), |f| f.min((i, p.len()))));
        }
    }
    // Only `P`, `S`, `U` and `M` lower-case to `psum`: a text without them (nearly every
    // one) has no `lorem ipsum` in any case, and is not lower-cased.
    if (bytes.has(b'p') || bytes.has(b'P')) && contains_ignore_ascii_case(s, "psum") {
        let lower = s.to_lowercase();
        if lower.len() == s.len() {
            if let Some(i) = lower.find("lorem ipsum") {
                found = Some(found.map_or((i, 11), |f| f.min((i, 11))));
            }
        }
    }
    let question_marks = bytes.has(b'?').then(|| {
        s.match_indices("???").find(|(i, _)| {
            let before = s[..*i].chars().next_back();
            let after_run = s[*i..].trim_start_matches('?');
            before.is_none_or(char::is_whitespace)
                && after_run.chars().next().is_none_or(char::is_whitespace)
        })
    });
    if let Some((i, _)) = question_marks.flatten() {
        let len = s[i..].len() - s[i..].trim_start_matches('?').len();
        found = Some(found.map_or((i, len), |f| f.min((i, len))));
    }
    if let Some((i, len)) = found {
        let p = &s[i..i + len];
        push(
            cx,
            item,
            f,
            &PLACEHOLDER,
            (i, i + len),
            Msg::new(
                format!("placeholder `{p}` left in the text"),
                format!("texte provisoire « {p} » resté dans le texte"),
            ),
            out,
        );
    }
}

fn unbalanced(
    cx: &Context<'_>,
    item: &Item,
    f: &Field,
    bytes: &Bytes,
    lang: &str,
    out: &mut Vec<Finding>,
) {
    let s = f.text.as_str();
    let pairs: &[(char, char)] = if lang == "de" {
        &[('(', ')'), ('[', ']'), ('„', '“')]
    } else {
        &[('(', ')'), ('[', ']'), ('«', '»'), ('“', '”')]
    };
    let mut chars: Vec<(usize, char)> = Vec::new();
    for &(open, close) in pairs {
        // Neither sign in the text: nothing to pair (the usual case, decided without walking
        // its characters).
        if !bytes.has_char(s, open) && !bytes.has_char(s, close) {
            continue;
        }
        // `»so«`: guillemets reversed, as German and Danish write them.
        if open == '«' {
            if let (Some(r), Some(l)) = (s.find('»'), s.find('«')) {
                if r < l {
                    continue;
                }
            }
        }
        let mut stack: Vec<usize> = Vec::new();
        let mut stray: Option<usize> = None;
        if chars.is_empty() {
            chars = s.char_indices().collect();
        }
        for (k, &(i, c)) in chars.iter().enumerate() {
            let prev = k.checked_sub(1).map(|p| chars[p].1);
            let smiley =
                prev.is_some_and(|p| matches!(p, ':' | ';' | '=' | '-')) && (c == '(' || c == ')');
            // `40” TV`: inches.
            let inches = c == '”' && prev.is_some_and(|p| p.is_ascii_digit());
            if smiley || inches {
                continue;
            }
            if c == open {
                stack.push(i);
            } else if c == close && stack.pop().is_none() {
                // `a)`, `2)`, `iv)`: a list label.
                let label = c == ')' && {
                    let word: String = chars[..k]
                        .iter()
                        .rev()
                        .take_while(|(_, c)| c.is_alphanumeric())
                        .map(|(_, c)| *c)
                        .collect();
                    let start = k - word.chars().count();
                    !word.is_empty()
                        && word.chars().count() <= 3
                        && (start == 0 || chars[start - 1].1.is_whitespace())
                };
                if !label && stray.is_none() {
                    stray = Some(i);
                }
            }
        }
        // Quotation marks: a straight `"` may stand for the missing partner (`„Hallo"`), and
        // a quotation running over several paragraphs opens each of them and closes only
        // the last.
        if open != '(' && open != '[' {
            if stray.is_some_and(|i| s[..i].contains('"')) {
                stray = None;
            }
            stack.retain(|&i| {
                let para_end = s[i..].find('\n').map_or(s.len(), |e| i + e);
                let next_para = s[para_end..].trim_start();
                !(s[i..].contains('"') || (para_end < s.len() && next_para.starts_with(open)))
            });
        }
        let (at, ch, en, fr) = match (stray, stack.first()) {
            (Some(i), _) => (
                i,
                close,
                "has no opening partner",
                "n'a pas de signe ouvrant",
            ),
            (None, Some(&i)) => (i, open, "is never closed", "n'est jamais fermé"),
            (None, None) => continue,
        };
        push(
            cx,
            item,
            f,
            &UNBALANCED,
            (at, at + ch.len_utf8()),
            Msg::new(
                format!("`{ch}` {en} in this text"),
                format!("« {ch} » {fr} dans ce texte"),
            ),
            out,
        );
        return;
    }
}

/// Short grammatical words checked for doubling, per language.
fn doubled_candidates(lang: &str) -> &'static [&'static str] {
    match lang {
        "en" => &[
            "the", "a", "an", "to", "of", "in", "on", "at", "for", "with", "and", "or", "i", "we",
            "they", "she", "my", "your", "his", "this", "from", "by", "be", "not", "it",
        ],
        "fr" => &[
            "le", "les", "un", "une", "des", "du", "de", "à", "au", "aux", "et", "ou", "en",
            "dans", "sur", "pour", "par", "avec", "je", "tu", "il", "elle", "on", "ils", "elles",
            "ce", "se", "ne", "pas", "mon", "ton", "son", "ma", "ta", "sa",
        ],
        "es" => &[
            "el", "los", "las", "un", "una", "de", "del", "en", "y", "o", "a", "con", "por",
            "para", "es", "se", "mi", "tu", "su", "al", "lo",
        ],
        "de" => &[
            "ein", "eine", "einen", "einem", "einer", "und", "oder", "zu", "in", "im", "mit",
            "auf", "für", "von", "ich", "du", "er", "wir", "nicht", "am",
        ],
        "it" => &[
            "il", "lo", "gli", "un", "una", "di", "del", "della", "in", "a", "con", "per", "su",
            "e", "è", "mi", "ti", "ci", "al", "nel",
        ],
        _ => &[],
    }
}

/// The runs of alphabetic characters of `s` (its words), as byte ranges.
fn alphabetic_runs(s: &str) -> Vec<(usize, usize)> {
    let bytes = s.as_bytes();
    // Whether the character at `i` is a letter, and its length: ASCII bytes are judged as
    // they are (most of them), other characters decoded.
    let letter = |i: usize| match bytes[i] {
        b if b < 0x80 => (b.is_ascii_alphabetic(), 1),
        _ => {
            let c = s[i..].chars().next().expect("a character starts here");
            (c.is_alphabetic(), c.len_utf8())
        }
    };
    let mut words: Vec<(usize, usize)> = Vec::with_capacity(s.len() / 5 + 1);
    let mut i = 0;
    loop {
        // Up to the next letter, then to the end of its run.
        while i < bytes.len() {
            let (w, len) = letter(i);
            if w {
                break;
            }
            i += len;
        }
        if i >= bytes.len() {
            return words;
        }
        let start = i;
        while i < bytes.len() {
            let (w, len) = letter(i);
            if !w {
                break;
            }
            i += len;
        }
        words.push((start, i));
    }
}

fn doubled(cx: &Context<'_>, item: &Item, f: &Field, lang: &str, out: &mut Vec<Finding>) {
    let cands = doubled_candidates(lang);
    if cands.is_empty() {
        return;
    }
    let s = f.text.as_str();
    let words = alphabetic_runs(s);
    for k in 1..words.len() {
        let (a0, b0) = words[k - 1];
        let (a1, b1) = words[k];
        let w0 = &s[a0..b0];
        let w1 = &s[a1..b1];
        // Lower-casing keeps the length of an ASCII word: most pairs end here (every test in
        // this loop only skips the pair, so their order does not matter).
        if w0.len() != w1.len() && w0.is_ascii() {
            continue;
        }
        if !s[b0..a1].chars().all(char::is_whitespace) || s[b0..a1].is_empty() {
            continue;
        }
        // An elided or hyphenated word (`l'`, `-t-`) is not a whole word.
        if s[..a0].ends_with(['\'', '’', '-']) || s[b1..].starts_with(['\'', '’', '-']) {
            continue;
        }
        // An ASCII word lower-cases to the next one only if they are equal but for the case
        // and the next one has no capital: most pairs end here, with no allocation.
        if w0.is_ascii()
            && (!w0.eq_ignore_ascii_case(w1) || w1.bytes().any(|b| b.is_ascii_uppercase()))
        {
            continue;
        }
        let l0 = w0.to_lowercase();
        if l0 != w1 || !cands.contains(&l0.as_str()) {
            continue;
        }
        let third = words.get(k + 1).is_some_and(|&(a2, b2)| {
            s[b1..a2].chars().all(char::is_whitespace) && s[a2..b2].to_lowercase() == l0
        });
        let before = k >= 2 && {
            let (a, b) = words[k - 2];
            s[b..a0].chars().all(char::is_whitespace) && s[a..b].to_lowercase() == l0
        };
        if third || before {
            continue;
        }
        push(
            cx,
            item,
            f,
            &DOUBLED_WORD,
            (a0, b1),
            Msg::new(
                format!("`{w0} {w1}`: the word is written twice"),
                format!("« {w0} {w1} » : le mot est écrit deux fois"),
            ),
            out,
        );
        return;
    }
}

/// The first sign French spaces that is glued to its word: `;`, `:`, `!`, `?` or `»` after a
/// letter or digit, `«` before one.
fn first_glued_sign(s: &str) -> Option<(usize, char)> {
    // Only these signs are judged, found on bytes (`«` and `»` are 0xC2 0xAB and 0xC2
    // 0xBB); the characters around them are decoded there only.
    let bytes = s.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        let c = match b {
            b';' => ';',
            b':' => ':',
            b'!' => '!',
            b'?' => '?',
            0xC2 if bytes.get(i + 1) == Some(&0xAB) => '«',
            0xC2 if bytes.get(i + 1) == Some(&0xBB) => '»',
            _ => continue,
        };
        let prev = s[..i].chars().next_back();
        let next = s[i + c.len_utf8()..].chars().next();
        let glued = match c {
            ';' | ':' | '!' | '?' | '»' => {
                let Some(p) = prev else { continue };
                if !p.is_alphanumeric() {
                    continue;
                }
                // `10:30`, `https://`, `&amp;`.
                if c == ':' && next.is_some_and(|n| n.is_ascii_digit() || n == '/') {
                    continue;
                }
                if c == ';' && s[..i].rfind('&').is_some_and(|a| !s[a..i].contains(' ')) {
                    continue;
                }
                true
            }
            '«' => next.is_some_and(char::is_alphanumeric),
            _ => false,
        };
        if glued {
            return Some((i, c));
        }
    }
    None
}

fn french_spacing(cx: &Context<'_>, item: &Item, f: &Field, out: &mut Vec<Finding>) {
    let s = f.text.as_str();
    let Some((i, c)) = first_glued_sign(s) else {
        return;
    };
    let (en, fr) = if c == '«' {
        (
            "no space after `«`".to_string(),
            "pas d'espace après « « »".to_string(),
        )
    } else {
        (
            format!("no space before `{c}`"),
            format!("pas d'espace avant « {c} »"),
        )
    };
    push(
        cx,
        item,
        f,
        &FRENCH_SPACING,
        (i, i + c.len_utf8()),
        Msg::new(
            format!("{en}: French puts a narrow no-break space (U+202F) there"),
            format!("{fr} : le français y met une espace fine insécable (U+202F)"),
        ),
        out,
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`alphabetic_runs`] as first written: every character decoded.
    fn alphabetic_runs_slow(s: &str) -> Vec<(usize, usize)> {
        let mut words = Vec::new();
        let mut start: Option<usize> = None;
        for (i, c) in s.char_indices() {
            match (start, c.is_alphabetic()) {
                (None, true) => start = Some(i),
                (Some(a), false) => {
                    words.push((a, i));
                    start = None;
                }
                _ => {}
            }
        }
        if let Some(a) = start {
            words.push((a, s.len()));
        }
        words
    }

    /// [`first_glued_sign`] as first written: over the text's characters.
    fn first_glued_sign_slow(s: &str) -> Option<(usize, char)> {
        let chars: Vec<(usize, char)> = s.char_indices().collect();
        for (k, &(i, c)) in chars.iter().enumerate() {
            let prev = k.checked_sub(1).map(|p| chars[p].1);
            let next = chars.get(k + 1).map(|p| p.1);
            let glued = match c {
                ';' | ':' | '!' | '?' | '»' => {
                    prev.is_some_and(char::is_alphanumeric)
                        && !(c == ':' && next.is_some_and(|n| n.is_ascii_digit() || n == '/'))
                        && !(c == ';' && s[..i].rfind('&').is_some_and(|a| !s[a..i].contains(' ')))
                }
                '«' => next.is_some_and(char::is_alphanumeric),
                _ => false,
            };
            if glued {
                return Some((i, c));
            }
        }
        None
    }

    #[test]
    fn byte_scans_agree_with_the_character_scans() {
        let common: Vec<char> = "ab é1 ;:!?«»&/\u{202F}ë\u{AB}()“".chars().collect();
        let rare: Vec<char> = "ʼΣ漢\u{1F600}\u{C2}ǅ".chars().collect();
        let mut glued = 0;
        for t in crate::analyse::random_text::texts(11, &common, &rare, 12, 4, 100_000) {
            assert_eq!(alphabetic_runs(&t), alphabetic_runs_slow(&t), "{t:?}");
            let bytes = Bytes::of(&t);
            for c in ['(', ')', '«', '»', '“', '”', '„', 'ë', '&'] {
                assert_eq!(bytes.has_char(&t, c), t.contains(c), "{c:?} in {t:?}");
            }
            let g = first_glued_sign(&t);
            assert_eq!(g, first_glued_sign_slow(&t), "{t:?}");
            glued += usize::from(g.is_some());
        }
        assert!((10_000..90_000).contains(&glued), "{glued}");
    }

    #[test]
    fn entities_and_tags_are_recognised_narrowly() {
        let s = "a&nbsp;b &#39; &#x2019; &bogus; AT&T; x & y";
        let found: Vec<usize> = s
            .match_indices('&')
            .filter_map(|(i, _)| entity_at(s, i))
            .collect();
        assert_eq!(found, [6, 5, 8]);
        for (t, ok) in [
            ("<br>", true),
            ("<br/>", true),
            ("</b>", true),
            ("<span class=\"x\">", true),
            ("<3", false),
            ("a < b", false),
            ("<brother>", false),
            ("<p", false),
        ] {
            let i = t.find('<').unwrap();
            assert_eq!(tag_at(t, i).is_some(), ok, "{t}");
        }
    }
}
