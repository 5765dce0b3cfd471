//! Embeds the rule sets under `rules/` into the binary, so that cefrlint runs with no setup.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

// The same code turns `--rules DIR` lexicons into images at run time.
#[allow(dead_code)]
#[path = "src/ruleset/lexicon_image.rs"]
mod lexicon_image;

// The YAML parser and tree of the crate, to store the rule files' trees (src/load/tree_codec.rs).
// In the crate they live in `load`; here at the root, where their `super::` and `crate::`
// paths find what they need.
#[allow(dead_code)]
#[path = "src/model/text.rs"]
mod model_text;
#[allow(dead_code)]
#[path = "src/source.rs"]
mod source;
mod model {
    pub use crate::model_text::{decode_double_quoted, MappedText};
}
#[allow(dead_code)]
#[path = "src/load/tree.rs"]
mod tree;
#[allow(dead_code)]
#[path = "src/load/tree_codec.rs"]
mod tree_codec;
#[allow(dead_code)]
#[path = "src/load/yaml.rs"]
mod yaml;
mod json {
    pub fn message_fr(_: &str) -> Option<String> {
        None
    }
}
mod ruleset {
    /// No stored trees while they are being built.
    pub fn embedded_yaml_tree(_: &str) -> Option<crate::tree::Node> {
        None
    }
}

fn collect(dir: &Path, root: &Path, out: &mut Vec<(String, PathBuf)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            collect(&p, root, out);
        } else if matches!(p.extension().and_then(|e| e.to_str()), Some("tsv" | "yaml")) {
            let rel = p
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            out.push((rel, p.canonicalize().unwrap()));
        }
    }
}

fn main() {
    let root = Path::new(&std::env::var("CARGO_MANIFEST_DIR").unwrap()).join("rules");
    println!("cargo:rerun-if-changed=rules");
    let mut files = Vec::new();
    collect(&root, &root, &mut files);
    files.sort();
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").unwrap());
    // Lexicons are embedded as images (src/ruleset/lexicon_image.rs), not as TSV text.
    let mut lexicons = String::from(
        "/// Lexicon images built at build time: (language, image).\npub static LEXICONS: &[(&str, &[u8])] = &[\n",
    );
    for (rel, path) in &files {
        let Some(lang) = rel.strip_suffix("/lexicon.tsv") else {
            continue;
        };
        let text = std::fs::read_to_string(path).unwrap();
        let forms_path = path.with_file_name("forms.tsv");
        let forms = std::fs::read_to_string(&forms_path).ok();
        let image = lexicon_image::build(&text, forms.as_deref()).unwrap_or_else(|errors| {
            let mut msg = String::new();
            for e in errors {
                let (file, body) = if e.file == 0 {
                    (path.display().to_string(), text.as_str())
                } else {
                    (
                        forms_path.display().to_string(),
                        forms.as_deref().unwrap_or(""),
                    )
                };
                let line = body[..e.offset.min(body.len())].matches('\n').count() + 1;
                writeln!(msg, "{file}:{line}: {}", e.message).unwrap();
            }
            panic!("invalid lexicon:\n{msg}")
        });
        let bin = out_dir.join(format!("lexicon-{lang}.bin"));
        std::fs::write(&bin, image).unwrap();
        writeln!(
            lexicons,
            "    ({lang:?}, include_bytes!({:?})),",
            bin.to_string_lossy()
        )
        .unwrap();
    }
    lexicons.push_str("];\n");
    files.retain(|(rel, _)| !rel.ends_with("/lexicon.tsv") && !rel.ends_with("/forms.tsv"));
    let mut code = String::from("/// Rule files embedded at build time: (path under rules/, contents).\npub static FILES: &[(&str, &str)] = &[\n");
    for (rel, path) in &files {
        writeln!(
            code,
            "    ({rel:?}, include_str!({:?})),",
            path.to_string_lossy()
        )
        .unwrap();
    }
    code.push_str("];\n");
    code.push_str(
        "/// The trees of the YAML rule files, parsed at build time: (path under rules/, tree).\npub static YAML_TREES: &[(&str, &[u8])] = &[\n",
    );
    for (i, (rel, path)) in files.iter().enumerate() {
        if !rel.ends_with(".yaml") {
            continue;
        }
        let text = std::fs::read_to_string(path).unwrap();
        // A file that does not parse is parsed (and reported) at run time.
        let Ok(yaml::YamlDoc { root: Some(root) }) = yaml::parse_text(&text) else {
            continue;
        };
        let mut bytes = Vec::new();
        if tree_codec::encode(&root, &mut bytes).is_none() {
            continue;
        }
        let bin = out_dir.join(format!("yaml-tree-{i}.bin"));
        std::fs::write(&bin, bytes).unwrap();
        writeln!(
            code,
            "    ({rel:?}, include_bytes!({:?})),",
            bin.to_string_lossy()
        )
        .unwrap();
    }
    code.push_str("];\n");
    code.push_str(&lexicons);
    let out = out_dir.join("embedded_rules.rs");
    std::fs::write(out, code).unwrap();
    embed_dictionaries(&root);
}

/// Embeds the Hunspell dictionaries under `rules/dicts/<lang>/<lang>.{aff,dic}`.
fn embed_dictionaries(root: &Path) {
    let dicts = root.join("dicts");
    let mut langs: Vec<String> = std::fs::read_dir(&dicts)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| e.file_name().to_str().map(str::to_string))
        .filter(|l| {
            let d = dicts.join(l);
            d.join(format!("{l}.aff")).is_file() && d.join(format!("{l}.dic")).is_file()
        })
        .collect();
    langs.sort();
    let mut code = String::from(
        "/// Hunspell dictionaries embedded at build time: (language, .aff, .dic).\npub static DICTS: &[(&str, &str, &str)] = &[\n",
    );
    for l in &langs {
        let d = dicts.join(l).canonicalize().unwrap();
        writeln!(
            code,
            "    ({l:?}, include_str!({:?}), include_str!({:?})),",
            d.join(format!("{l}.aff")).to_string_lossy(),
            d.join(format!("{l}.dic")).to_string_lossy()
        )
        .unwrap();
    }
    code.push_str("];\n");
    code.push_str(
        "/// What each embedded dictionary says of likely words, decided at build time: (language, fst map word → 1 accepted / 0 not).\npub static ANSWERS: &[(&str, &[u8])] = &[\n",
    );
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").unwrap());
    let read_rules =
        |l: &str, f: &str| std::fs::read_to_string(root.join(l).join(f)).unwrap_or_default();
    // Each embedded language's lexicon and forms, read once.
    let lexicons: Vec<(String, String)> = langs
        .iter()
        .map(|l| (read_rules(l, "lexicon.tsv"), read_rules(l, "forms.tsv")))
        .collect();
    for (k, l) in langs.iter().enumerate() {
        let d = dicts.join(l);
        let aff = std::fs::read_to_string(d.join(format!("{l}.aff"))).unwrap();
        let dic = std::fs::read_to_string(d.join(format!("{l}.dic"))).unwrap();
        let (lexicon, forms) = &lexicons[k];
        // The other embedded languages' words (lemmas and inflected forms): the loanwords a
        // lesson borrows from them (`cafés`, `smartphones`); and this language's inflected
        // forms, which the other languages' lessons borrow.
        let mut others: Vec<&str> = lexicons
            .iter()
            .enumerate()
            .filter(|(o, _)| *o != k)
            .flat_map(|(_, (lex, forms))| [lex.as_str(), forms.as_str()])
            .collect();
        others.push(forms);
        let bin = out_dir.join(format!("dict-answers-{l}.fst"));
        let answers = dictionary_answers(l, &aff, &dic, lexicon, forms, &others);
        std::fs::write(&bin, answers).unwrap();
        writeln!(
            code,
            "    ({l:?}, include_bytes!({:?})),",
            bin.to_string_lossy()
        )
        .unwrap();
    }
    code.push_str("];\n");
    let out = out_dir.join("embedded_dicts.rs");
    std::fs::write(out, code).unwrap();
}

/// English endings the spelling check meets on words the lexicon lists (`sister's`, `don't`).
const EN_CLITICS: &[&str] = &["'s", "n't", "'t", "'re", "'ve", "'ll", "'d", "'m", "s'"];

/// The words a lexicon lists (its first column), one word each: no multi-word entries.
fn lexicon_words(tsv: &str) -> impl Iterator<Item = &str> {
    tsv.lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split('\t').next())
        .filter(|w| !w.is_empty() && !w.contains(' '))
}

/// The embedded dictionary's verdict (spellbook's `check`, the same code and data as at run
/// time) on the words a clean file most often shows it: its own lower-case stems and the
/// parts of its hyphenated ones (`week` of `week-end`), the words of `others` (the other
/// embedded languages' lemmas and forms, its own forms: a loanword is asked of the lesson's
/// own dictionary, `café` of the English one, `week` of the French one, then of the other
/// languages' as a foreign word) and, for English, the lexicon's words with a clitic. A file
/// whose words all fall there or in the lexicon is checked without parsing a dictionary at
/// run time (~10 ms each).
fn dictionary_answers(
    lang: &str,
    aff: &str,
    dic: &str,
    lexicon: &str,
    forms: &str,
    others: &[&str],
) -> Vec<u8> {
    let dict = spellbook::Dictionary::new(aff, dic).unwrap_or_else(|e| panic!("{lang}: {e}"));
    let mut words: std::collections::BTreeSet<String> = std::collections::BTreeSet::new();
    let lower = |w: &str| !w.contains('\\') && !w.chars().any(char::is_uppercase);
    for line in dic.lines().skip(1) {
        let stem = line.split(['/', '\t', ' ']).next().unwrap_or("");
        if !stem.is_empty() && lower(stem) {
            words.insert(stem.to_string());
            if stem.contains('-') {
                words.extend(
                    stem.split('-')
                        .filter(|p| !p.is_empty())
                        .map(str::to_string),
                );
            }
        }
    }
    for w in lexicon_words(lexicon).filter(|w| w.contains('-')) {
        words.extend(
            w.split('-')
                .filter(|p| !p.is_empty() && lower(p))
                .map(str::to_string),
        );
    }
    for other in others {
        words.extend(
            lexicon_words(other)
                .filter(|w| lower(w))
                .map(str::to_string),
        );
    }
    if lang == "en" {
        let listed = lexicon
            .lines()
            .chain(forms.lines())
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split('\t').next())
            .filter(|w| !w.is_empty() && !w.contains(' ') && !w.contains('\''));
        for w in listed {
            for c in EN_CLITICS {
                words.insert(format!("{w}{c}"));
            }
        }
        for w in ["can't", "won't", "shan't", "ain't"] {
            words.insert(w.to_string());
        }
    }
    let mut map = fst::MapBuilder::memory();
    for w in &words {
        map.insert(w, u64::from(dict.check(w))).unwrap();
    }
    map.into_inner().unwrap()
}
