//! Text encodings: byte-order marks, UTF-16 without one, UTF-8, and legacy encodings guessed
//! with chardetng and decoded with encoding_rs.
//!
//! Decoding never fails: a byte sequence that cannot be decoded becomes U+FFFD in the text and
//! is listed with its offset, so that it can be reported where it is. Only a file that is not
//! text at all (NUL bytes outside UTF-16/32) is refused.

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{DecoderResult, Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};

/// How the encoding was recognised.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Evidence {
    /// Valid UTF-8 (the normal case), with or without a byte-order mark.
    Utf8,
    /// A byte-order mark.
    Bom,
    /// The pattern of NUL bytes of UTF-16 text without a byte-order mark.
    NulPattern,
    /// Mostly valid UTF-8 with a few undecodable bytes: read as UTF-8.
    MostlyUtf8,
    /// The legacy encoding of the target language given on the command line.
    Language,
    /// Guessed by chardetng from the letters' frequencies.
    Guessed,
}

/// A byte sequence that could not be decoded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Invalid {
    /// Byte offset of the U+FFFD that stands for it in the decoded text.
    pub text_offset: usize,
    /// Byte offset of the sequence in the file.
    pub byte_offset: usize,
    pub bytes: Vec<u8>,
}

/// The result of decoding a file's bytes.
#[derive(Clone, Debug)]
pub struct Decoded {
    /// The text, without byte-order mark.
    pub text: String,
    /// The encoding's name (`UTF-8`, `UTF-16LE`, `windows-1252`, …).
    pub encoding: &'static str,
    pub evidence: Evidence,
    pub invalid: Vec<Invalid>,
    /// The offset of the first NUL byte of a file that is not text (not UTF-16/32, not valid
    /// UTF-8): such a file is not read.
    pub binary_at: Option<usize>,
}

impl Decoded {
    pub fn is_utf8(&self) -> bool {
        self.encoding == "UTF-8"
    }
}

/// Decodes `bytes`. `lang` is the target language when the command line gives one: it helps
/// tell legacy encodings apart (see [`guess_legacy`]).
pub fn decode_bytes(bytes: &[u8], lang: Option<&str>) -> Decoded {
    let bom = |encoding, evidence, skip: usize, (text, invalid): (String, Vec<Invalid>)| Decoded {
        text,
        encoding,
        evidence,
        invalid: shift(invalid, skip),
        binary_at: None,
    };
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        let mut d = bom("UTF-8", Evidence::Utf8, 3, decode_with(UTF_8, rest));
        if !d.invalid.is_empty() {
            d.evidence = Evidence::MostlyUtf8;
        }
        return d;
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE\x00\x00") {
        return bom("UTF-32LE", Evidence::Bom, 4, decode_utf32(rest, false));
    }
    if let Some(rest) = bytes.strip_prefix(b"\x00\x00\xFE\xFF") {
        return bom("UTF-32BE", Evidence::Bom, 4, decode_utf32(rest, true));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return bom("UTF-16LE", Evidence::Bom, 2, decode_with(UTF_16LE, rest));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return bom("UTF-16BE", Evidence::Bom, 2, decode_with(UTF_16BE, rest));
    }
    if let Some(enc) = utf16_by_nul_pattern(bytes) {
        return bom(enc.name(), Evidence::NulPattern, 0, decode_with(enc, bytes));
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Decoded {
            text: text.to_string(),
            encoding: "UTF-8",
            evidence: Evidence::Utf8,
            invalid: Vec::new(),
            binary_at: None,
        };
    }
    let (text, invalid) = decode_with(UTF_8, bytes);
    if let Some(nul) = bytes.iter().position(|b| *b == 0) {
        return Decoded {
            text,
            encoding: "UTF-8",
            evidence: Evidence::Utf8,
            invalid,
            binary_at: Some(nul),
        };
    }
    // Valid multi-byte sequences outnumbering the invalid ones: a UTF-8 file with a few bad
    // bytes (a truncated copy, one pasted Latin-1 word), not a legacy file.
    if utf8_multibyte_count(&text) >= invalid.len() {
        return Decoded {
            text,
            encoding: "UTF-8",
            evidence: Evidence::MostlyUtf8,
            invalid,
            binary_at: None,
        };
    }
    let (enc, evidence) = guess_legacy(bytes, lang);
    let (text, invalid) = decode_with(enc, bytes);
    Decoded {
        text,
        encoding: enc.name(),
        evidence,
        invalid,
        binary_at: None,
    }
}

fn shift(mut invalid: Vec<Invalid>, by: usize) -> Vec<Invalid> {
    for i in &mut invalid {
        i.byte_offset += by;
    }
    invalid
}

/// Characters of two bytes or more in a decoded text (U+FFFD excluded).
fn utf8_multibyte_count(text: &str) -> usize {
    text.chars()
        .filter(|c| c.len_utf8() > 1 && *c != '\u{FFFD}')
        .count()
}

/// The legacy (Windows) encoding of languages that have only one: what a Windows tool set
/// to that language saves in. Languages with several (Russian: windows-1251, KOI8-R, IBM866;
/// Japanese: Shift_JIS, EUC-JP) are left to chardetng.
fn encoding_of_language(lang: &str) -> Option<&'static Encoding> {
    use encoding_rs::*;
    Some(match lang {
        "en" | "fr" | "es" | "de" | "it" | "pt" | "nl" | "ca" | "gl" | "eu" | "oc" | "br"
        | "co" | "sv" | "da" | "no" | "nb" | "nn" | "is" | "fo" | "fi" | "sq" | "ga" | "gd"
        | "cy" | "lb" | "rm" | "af" | "sw" | "id" | "ms" | "tl" | "la" => WINDOWS_1252,
        "pl" | "cs" | "sk" | "sl" | "hr" | "bs" | "hu" | "ro" => WINDOWS_1250,
        "tr" | "az" => WINDOWS_1254,
        "et" | "lv" | "lt" => WINDOWS_1257,
        "vi" => WINDOWS_1258,
        "el" => WINDOWS_1253,
        "he" | "yi" => WINDOWS_1255,
        "ar" | "fa" | "ur" => WINDOWS_1256,
        "th" => WINDOWS_874,
        _ => return None,
    })
}

/// The country domain that tells chardetng which encodings a language's files use.
fn tld_of_language(lang: &str) -> Option<&'static [u8]> {
    Some(match lang {
        "ru" => b"ru",
        "uk" => b"ua",
        "be" => b"by",
        "bg" => b"bg",
        "mk" => b"mk",
        "sr" => b"rs",
        "kk" => b"kz",
        "ja" => b"jp",
        "zh" => b"cn",
        "ko" => b"kr",
        _ => return None,
    })
}

/// The Latin-script legacy encodings chardetng can return.
const LATIN_ENCODINGS: &[&str] = &[
    "windows-1250",
    "windows-1252",
    "windows-1254",
    "windows-1257",
    "windows-1258",
    "ISO-8859-2",
    "ISO-8859-4",
    "ISO-8859-13",
    "ISO-8859-15",
];

/// Bytes that windows-1252 leaves undefined: text with one of them is not windows-1252.
fn fits_windows_1252(bytes: &[u8]) -> bool {
    !bytes
        .iter()
        .any(|b| matches!(b, 0x81 | 0x8D | 0x8F | 0x90 | 0x9D))
}

/// The legacy encoding of bytes that are not UTF-8.
///
/// Restricted to what is likely for language-learning content:
/// - when the target language is known (`--lang`) and has a single legacy encoding, that one
///   (windows-1252, which covers Latin-1, for English, French, Spanish, German, Italian…):
///   on a short text, letter statistics are weaker evidence than the language;
/// - otherwise chardetng guesses, never UTF-8 (the bytes are known not to be UTF-8) nor
///   ISO-2022-JP, with the language's country domain as a hint when it has one (`ru` →
///   `.ru`); without a language, a guess of another Latin encoding (Turkish, Central
///   European…) is taken as windows-1252 when the bytes fit it, since a handful of accented
///   letters cannot tell these apart and Western European text is by far the most common.
pub fn guess_legacy(bytes: &[u8], lang: Option<&str>) -> (&'static Encoding, Evidence) {
    let lang = lang.filter(|l| l.len() == 2 && l.bytes().all(|b| b.is_ascii_lowercase()));
    if let Some(enc) = lang.and_then(encoding_of_language) {
        return (enc, Evidence::Language);
    }
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guess = detector.guess(lang.and_then(tld_of_language), Utf8Detection::Deny);
    if lang.is_none() && LATIN_ENCODINGS.contains(&guess.name()) && fits_windows_1252(bytes) {
        return (WINDOWS_1252, Evidence::Guessed);
    }
    (guess, Evidence::Guessed)
}

/// UTF-16 without a byte-order mark, recognised by its NUL bytes: in text mostly made of
/// ASCII, every other byte is zero.
fn utf16_by_nul_pattern(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    let pairs = sample.len() / 2;
    if pairs < 2 {
        return None;
    }
    let (mut le, mut be) = (0usize, 0usize);
    for p in sample.chunks_exact(2) {
        match (p[0], p[1]) {
            (0, 0) => {}
            (_, 0) => le += 1,
            (0, _) => be += 1,
            _ => {}
        }
    }
    // At least 40% of the pairs look like ASCII in one byte order, almost none in the other.
    if le * 10 >= pairs * 4 && be * 20 <= pairs {
        Some(UTF_16LE)
    } else if be * 10 >= pairs * 4 && le * 20 <= pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Decodes with encoding_rs, recording each malformed sequence.
fn decode_with(enc: &'static Encoding, bytes: &[u8]) -> (String, Vec<Invalid>) {
    let mut decoder = enc.new_decoder_without_bom_handling();
    let mut out = String::new();
    let mut invalid = Vec::new();
    let mut read_total = 0usize;
    loop {
        let rest = &bytes[read_total..];
        let need = decoder
            .max_utf8_buffer_length_without_replacement(rest.len())
            .unwrap_or(rest.len() * 3 + 16);
        out.reserve(need);
        let (result, read) = decoder.decode_to_string_without_replacement(rest, &mut out, true);
        read_total += read;
        match result {
            DecoderResult::InputEmpty => break,
            DecoderResult::OutputFull => continue,
            DecoderResult::Malformed(bad, after) => {
                let end = read_total.saturating_sub(after as usize);
                let start = end.saturating_sub(bad as usize);
                invalid.push(Invalid {
                    text_offset: out.len(),
                    byte_offset: start,
                    bytes: bytes[start..end].to_vec(),
                });
                out.push('\u{FFFD}');
            }
        }
    }
    (out, invalid)
}

/// UTF-32 (encoding_rs follows the WHATWG standard, which has no UTF-32).
fn decode_utf32(bytes: &[u8], big_endian: bool) -> (String, Vec<Invalid>) {
    let mut out = String::with_capacity(bytes.len() / 4);
    let mut invalid = Vec::new();
    let chunks = bytes.chunks_exact(4);
    let tail = chunks.remainder();
    for (i, c) in chunks.enumerate() {
        let arr = [c[0], c[1], c[2], c[3]];
        let v = if big_endian {
            u32::from_be_bytes(arr)
        } else {
            u32::from_le_bytes(arr)
        };
        match char::from_u32(v) {
            Some(ch) => out.push(ch),
            None => {
                invalid.push(Invalid {
                    text_offset: out.len(),
                    byte_offset: i * 4,
                    bytes: c.to_vec(),
                });
                out.push('\u{FFFD}');
            }
        }
    }
    if !tail.is_empty() {
        invalid.push(Invalid {
            text_offset: out.len(),
            byte_offset: bytes.len() - tail.len(),
            bytes: tail.to_vec(),
        });
        out.push('\u{FFFD}');
    }
    (out, invalid)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16le(s: &str, bom: bool) -> Vec<u8> {
        let mut v = if bom { vec![0xFF, 0xFE] } else { vec![] };
        for u in s.encode_utf16() {
            v.extend(u.to_le_bytes());
        }
        v
    }

    #[test]
    fn byte_order_marks() {
        let d = decode_bytes(&utf16le("Bonjour à tous", true), None);
        assert_eq!(
            (d.text.as_str(), d.encoding, d.evidence),
            ("Bonjour à tous", "UTF-16LE", Evidence::Bom)
        );
        let mut be = vec![0xFE, 0xFF];
        for u in "été".encode_utf16() {
            be.extend(u.to_be_bytes());
        }
        assert_eq!(decode_bytes(&be, None).text, "été");
        let mut le32 = vec![0xFF, 0xFE, 0, 0];
        let mut be32 = vec![0, 0, 0xFE, 0xFF];
        for c in "café 😀".chars() {
            le32.extend((c as u32).to_le_bytes());
            be32.extend((c as u32).to_be_bytes());
        }
        let d = decode_bytes(&le32, None);
        assert_eq!((d.text.as_str(), d.encoding), ("café 😀", "UTF-32LE"));
        let d = decode_bytes(&be32, None);
        assert_eq!((d.text.as_str(), d.encoding), ("café 😀", "UTF-32BE"));
        let d = decode_bytes(b"\xEF\xBB\xBFhello", None);
        assert_eq!((d.text.as_str(), d.encoding), ("hello", "UTF-8"));
        assert!(d.is_utf8());
    }

    #[test]
    fn utf16_without_bom_is_recognised_by_its_nul_bytes() {
        let d = decode_bytes(
            &utf16le("1\n00:00:01,000 --> 00:00:02,000\nHello\n", false),
            None,
        );
        assert_eq!((d.encoding, d.evidence), ("UTF-16LE", Evidence::NulPattern));
        assert!(d.text.contains("Hello"));
    }

    #[test]
    fn legacy_french_is_windows_1252() {
        let (bytes, _, _) = WINDOWS_1252
            .encode("Le garçon a mangé une pêche très mûre à la fenêtre. Où est l'élève ? Ça va.");
        for (lang, evidence) in [
            (None, Evidence::Guessed),
            (Some("fr"), Evidence::Language),
            (Some("en"), Evidence::Language),
        ] {
            let d = decode_bytes(&bytes, lang);
            assert_eq!(
                (d.encoding, d.evidence),
                ("windows-1252", evidence),
                "{lang:?}"
            );
            assert!(d.text.contains("garçon a mangé une pêche très mûre"));
            assert!(d.invalid.is_empty());
        }
    }

    #[test]
    fn the_language_restricts_the_guess() {
        // Three accented letters: chardetng alone reads them as Turkish.
        let bytes = b"title: Caf\xE9 \xFF\xFE\n";
        assert_eq!(decode_bytes(bytes, None).encoding, "windows-1252");
        assert_eq!(decode_bytes(bytes, Some("en")).encoding, "windows-1252");
        assert_eq!(decode_bytes(bytes, Some("tr")).encoding, "windows-1254");
        let (pl, _, _) = encoding_rs::WINDOWS_1250.encode("Zażółć gęślą jaźń, proszę.");
        assert_eq!(
            decode_bytes(&pl, Some("pl")).text,
            "Zażółć gęślą jaźń, proszę."
        );
        let (ru, _, _) =
            encoding_rs::WINDOWS_1251.encode("Это русский текст для проверки кодировки.");
        let d = decode_bytes(&ru, Some("ru"));
        assert_eq!(d.encoding, "windows-1251");
        assert_eq!(decode_bytes(&ru, None).encoding, "windows-1251");
    }

    #[test]
    fn mostly_utf8_keeps_utf8_and_lists_the_bad_bytes() {
        let d = decode_bytes("élève, très bien, ".as_bytes(), None);
        assert_eq!(d.evidence, Evidence::Utf8);
        let mut bytes = "élève très bien ".as_bytes().to_vec();
        bytes.push(0xE9);
        bytes.extend(b" fin");
        let d = decode_bytes(&bytes, None);
        assert_eq!((d.encoding, d.evidence), ("UTF-8", Evidence::MostlyUtf8));
        assert_eq!(d.invalid.len(), 1);
        assert_eq!(d.invalid[0].bytes, vec![0xE9]);
        assert_eq!(d.invalid[0].byte_offset, "élève très bien ".len());
        assert_eq!(&d.text[d.invalid[0].text_offset..], "\u{FFFD} fin");
    }

    #[test]
    fn broken_utf16_and_utf32_are_located() {
        // An unpaired high surrogate, then an odd final byte.
        let mut v = utf16le("ab", true);
        v.extend([0x00, 0xD8, b'c', 0x00, 0x41]);
        let d = decode_bytes(&v, None);
        assert_eq!(d.text, "ab\u{FFFD}c\u{FFFD}");
        assert_eq!(d.invalid.len(), 2);
        assert_eq!(d.invalid[0].byte_offset, 6);
        assert_eq!(d.invalid[1].byte_offset, 10);
        let mut v = vec![0xFF, 0xFE, 0, 0];
        v.extend((b'x' as u32).to_le_bytes());
        v.extend(0x110000u32.to_le_bytes());
        let d = decode_bytes(&v, None);
        assert_eq!(d.text, "x\u{FFFD}");
        assert_eq!(d.invalid[0].byte_offset, 8);
    }

    #[test]
    fn binary_files_are_not_text() {
        let d = decode_bytes(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\xff\xd8", None);
        assert_eq!(d.binary_at, Some(8));
    }

    #[test]
    fn never_panics_on_short_or_odd_input() {
        for b in [
            &b""[..],
            b"\xFF",
            b"\xFE",
            b"\xFF\xFE",
            b"\xFF\xFE\x00",
            b"\x00\x00\xFE",
            b"\x00",
            b"\x80\x80\x80",
        ] {
            let _ = decode_bytes(b, None);
            let _ = decode_bytes(b, Some("fr"));
        }
    }
}
