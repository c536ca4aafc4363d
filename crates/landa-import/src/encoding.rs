//! Detecting and decoding the text encoding of CSV files, and encoding text
//! for writing.
//!
//! Detection follows what actually reaches us: Excel's "CSV UTF-8" (UTF-8
//! with a BOM), "Unicode text" (UTF-16 LE with a BOM), BOM-less UTF-8 from
//! other tools, and Windows-1252 from Swedish Excel's plain CSV. A byte-order
//! mark is decisive; without one, UTF-16 shows itself through NUL bytes, and
//! anything that is valid UTF-8 is taken as UTF-8, because Windows-1252 text
//! with Swedish letters is practically never valid UTF-8 by accident.

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252};

use crate::{ReadError, TextEncoding};

const UTF8_BOM: &[u8] = &[0xEF, 0xBB, 0xBF];
const UTF16LE_BOM: &[u8] = &[0xFF, 0xFE];
const UTF16BE_BOM: &[u8] = &[0xFE, 0xFF];
const UTF32LE_BOM: &[u8] = &[0xFF, 0xFE, 0x00, 0x00];
const UTF32BE_BOM: &[u8] = &[0x00, 0x00, 0xFE, 0xFF];

/// How many leading bytes the UTF-16 heuristic looks at.
const SNIFF_LEN: usize = 4096;

/// Decoded text and the encoding it was decoded from.
#[derive(Debug)]
pub(crate) struct Decoded<'a> {
    pub(crate) text: Cow<'a, str>,
    pub(crate) encoding: TextEncoding,
}

/// Decodes `bytes` with the `forced` encoding, or the detected one, and
/// refuses what is not text. The byte-order mark is never part of the text.
pub(crate) fn decode(bytes: &[u8], forced: Option<TextEncoding>) -> Result<Decoded<'_>, ReadError> {
    let decoded = match forced {
        Some(encoding) => decode_forced(bytes, encoding)?,
        None => decode_detected(bytes)?,
    };
    if looks_binary(&decoded.text) {
        return Err(ReadError::NotText);
    }
    Ok(decoded)
}

fn decode_forced(bytes: &[u8], encoding: TextEncoding) -> Result<Decoded<'_>, ReadError> {
    let body = match encoding {
        TextEncoding::Utf8 | TextEncoding::Utf8Bom => bytes.strip_prefix(UTF8_BOM),
        TextEncoding::Utf16Le => bytes.strip_prefix(UTF16LE_BOM),
        TextEncoding::Utf16Be => bytes.strip_prefix(UTF16BE_BOM),
        TextEncoding::Windows1252 => None,
    }
    .unwrap_or(bytes);
    let text = decode_strict(body, encoding_rs_of(encoding))
        .ok_or(ReadError::WrongEncoding { encoding })?;
    Ok(Decoded { text, encoding })
}

/// Detects the encoding and decodes: a BOM decides; without one, NUL bytes
/// betray UTF-16, valid UTF-8 is UTF-8, and anything else is Windows-1252.
fn decode_detected(bytes: &[u8]) -> Result<Decoded<'_>, ReadError> {
    if bytes.starts_with(UTF32LE_BOM) || bytes.starts_with(UTF32BE_BOM) {
        return Err(ReadError::UnsupportedEncoding);
    }
    let boms = [
        (UTF8_BOM, TextEncoding::Utf8Bom),
        (UTF16LE_BOM, TextEncoding::Utf16Le),
        (UTF16BE_BOM, TextEncoding::Utf16Be),
    ];
    for (bom, encoding) in boms {
        if let Some(body) = bytes.strip_prefix(bom) {
            return decoded(body, encoding);
        }
    }
    if let Some(encoding) = sniff_utf16(bytes) {
        return decoded(bytes, encoding);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(Decoded {
            text: Cow::Borrowed(text),
            encoding: TextEncoding::Utf8,
        }),
        Err(_) => decoded(bytes, TextEncoding::Windows1252),
    }
}

/// Decodes BOM-less `body` as `encoding`; failure means the detected
/// encoding does not hold, so the file is not text we can read.
fn decoded(body: &[u8], encoding: TextEncoding) -> Result<Decoded<'_>, ReadError> {
    let text = decode_strict(body, encoding_rs_of(encoding)).ok_or(ReadError::NotText)?;
    Ok(Decoded { text, encoding })
}

/// BOM-less UTF-16: text of mostly Latin letters has a NUL in every other
/// byte, high bytes first in big-endian. Random binary has NULs in about one
/// byte in 256 at either position, so a quarter of the pairs is a safe
/// threshold, and NULs on both sides (zero-filled binary) are not UTF-16.
fn sniff_utf16(bytes: &[u8]) -> Option<TextEncoding> {
    let sample = bytes.get(..SNIFF_LEN).unwrap_or(bytes);
    let pairs = sample.len() / 2;
    if pairs == 0 {
        return None;
    }
    let (mut even, mut odd) = (0usize, 0usize);
    for pair in sample.chunks_exact(2) {
        if let [first, second] = pair {
            even += usize::from(*first == 0);
            odd += usize::from(*second == 0);
        }
    }
    let many = |count: usize| count * 4 >= pairs;
    let few = |count: usize, other: usize| count * 8 <= other;
    if many(odd) && few(even, odd) {
        Some(TextEncoding::Utf16Le)
    } else if many(even) && few(odd, even) {
        Some(TextEncoding::Utf16Be)
    } else {
        None
    }
}

/// The encoding_rs codec for an encoding. UTF-8 with and without BOM decode
/// the same once the BOM is stripped.
fn encoding_rs_of(encoding: TextEncoding) -> &'static Encoding {
    match encoding {
        TextEncoding::Utf8 | TextEncoding::Utf8Bom => UTF_8,
        TextEncoding::Utf16Le => UTF_16LE,
        TextEncoding::Utf16Be => UTF_16BE,
        TextEncoding::Windows1252 => WINDOWS_1252,
    }
}

/// Decodes without replacement characters: a file that does not decode
/// cleanly would import with "�" in people's names, which is worse than an
/// error the user can act on. (Windows-1252 decodes every byte.)
fn decode_strict<'a>(bytes: &'a [u8], encoding: &'static Encoding) -> Option<Cow<'a, str>> {
    encoding.decode_without_bom_handling_and_without_replacement(bytes)
}

/// Text that is really binary data: any NUL (no spreadsheet text has one), or
/// more than 2 % control characters. Tab, line breaks, form feed, vertical tab
/// (some exports use it for line breaks inside cells) and the old DOS
/// end-of-file mark 0x1A are normal in text files and do not count.
///
/// Works on the UTF-8 bytes in passes that vectorise, counting characters
/// only when something suspicious was found: C0 controls and DEL are single
/// bytes, C1 controls (U+0080–U+009F) are 0xC2 followed by 0x80–0x9F, and
/// characters are the bytes that are not continuation bytes.
fn looks_binary(text: &str) -> bool {
    let bytes = text.as_bytes();
    if bytes.contains(&0) {
        return true;
    }
    let c0 = bytes.iter().filter(|&&byte| is_control_byte(byte)).count();
    let c1 = if bytes.contains(&0xC2) {
        bytes
            .windows(2)
            .filter(|pair| matches!(pair, [0xC2, 0x80..=0x9F]))
            .count()
    } else {
        0
    };
    let suspicious = c0 + c1;
    if suspicious == 0 {
        return false;
    }
    let characters = bytes.iter().filter(|&&byte| byte & 0xC0 != 0x80).count();
    suspicious.saturating_mul(50) > characters
}

/// A C0 control other than those normal in text files, or DEL.
fn is_control_byte(byte: u8) -> bool {
    (byte < 0x20 && !matches!(byte, b'\t' | b'\n' | b'\r' | 0x0B | 0x0C | 0x1A)) || byte == 0x7F
}

/// Encodes `text` for writing, with the BOM that the encoding calls for.
/// Returns `None` when Windows-1252 cannot represent some character.
pub(crate) fn encode(text: &str, encoding: TextEncoding) -> Option<Vec<u8>> {
    match encoding {
        TextEncoding::Utf8 => Some(text.as_bytes().to_vec()),
        TextEncoding::Utf8Bom => Some([UTF8_BOM, text.as_bytes()].concat()),
        TextEncoding::Utf16Le => Some(utf16_bytes(text, UTF16LE_BOM, u16::to_le_bytes)),
        TextEncoding::Utf16Be => Some(utf16_bytes(text, UTF16BE_BOM, u16::to_be_bytes)),
        TextEncoding::Windows1252 => {
            let (bytes, _, unmappable) = WINDOWS_1252.encode(text);
            (!unmappable).then(|| bytes.into_owned())
        }
    }
}

/// Whether Windows-1252 can represent every character of `text`.
pub(crate) fn fits_windows_1252(text: &str) -> bool {
    let (_, _, unmappable) = WINDOWS_1252.encode(text);
    !unmappable
}

/// encoding_rs only decodes UTF-16 (the web never writes it), so encode by hand.
fn utf16_bytes(text: &str, bom: &[u8], to_bytes: fn(u16) -> [u8; 2]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bom.len() + text.len() * 2);
    out.extend_from_slice(bom);
    for unit in text.encode_utf16() {
        out.extend_from_slice(&to_bytes(unit));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_1252_swedish_letters_decode() {
        let bytes = b"\xC5sa;\xD6stersund";
        let decoded = decode(bytes, None).expect("1252 text is text");
        assert_eq!(
            decoded.encoding,
            TextEncoding::Windows1252,
            "0xC5 alone is invalid UTF-8"
        );
        assert_eq!(decoded.text, "Åsa;Östersund");
    }

    #[test]
    fn utf8_without_bom_is_utf8() {
        let decoded = decode("Åsa;Östersund".as_bytes(), None).expect("valid UTF-8");
        assert_eq!(decoded.encoding, TextEncoding::Utf8);
        assert_eq!(decoded.text, "Åsa;Östersund");
    }

    #[test]
    fn utf8_bom_is_detected_and_stripped() {
        let decoded = decode(b"\xEF\xBB\xBFNamn", None).expect("valid UTF-8");
        assert_eq!(decoded.encoding, TextEncoding::Utf8Bom);
        assert_eq!(
            decoded.text, "Namn",
            "the BOM must not reach the first header"
        );
    }

    #[test]
    fn utf16_with_bom_both_orders() {
        for encoding in [TextEncoding::Utf16Le, TextEncoding::Utf16Be] {
            let bytes = encode("Namn\tÖrt\r\n", encoding).expect("UTF-16 holds everything");
            let decoded = decode(&bytes, None).expect("valid UTF-16");
            assert_eq!(decoded.encoding, encoding);
            assert_eq!(decoded.text, "Namn\tÖrt\r\n");
        }
    }

    #[test]
    fn utf16_without_bom_is_sniffed_from_nul_bytes() {
        for encoding in [TextEncoding::Utf16Le, TextEncoding::Utf16Be] {
            let with_bom = encode("Namn;Ort\r\nÅsa;Umeå\r\n", encoding).expect("UTF-16");
            let without_bom = with_bom.get(2..).expect("BOM is two bytes");
            let decoded = decode(without_bom, None).expect("valid UTF-16");
            assert_eq!(decoded.encoding, encoding);
            assert_eq!(decoded.text, "Namn;Ort\r\nÅsa;Umeå\r\n");
        }
    }

    #[test]
    fn utf32_bom_is_unsupported() {
        let err = decode(b"\xFF\xFE\x00\x00N\x00\x00\x00", None).expect_err("UTF-32");
        assert_eq!(err.code(), "unsupported_encoding");
    }

    #[test]
    fn broken_utf16_is_not_text() {
        // A lone high surrogate (0xD800) cannot be decoded.
        let err = decode(b"\xFF\xFEA\x00\x00\xD8B\x00", None).expect_err("lone surrogate");
        assert_eq!(err.code(), "not_text");
    }

    #[test]
    fn binary_is_not_text() {
        let bytes: Vec<u8> = (0u8..=255).cycle().take(2000).collect();
        assert_eq!(decode(&bytes, None).expect_err("binary").code(), "not_text");
        assert_eq!(
            decode(b"ab\x01\x02", None).expect_err("controls").code(),
            "not_text"
        );
    }

    #[test]
    fn control_characters_are_counted_like_chars() {
        let text = "a\u{7F}\u{85}bcdefgh";
        let by_chars = text.chars().filter(|c| c.is_control()).count();
        assert_eq!(by_chars, 2, "DEL and NEL are controls");
        assert!(looks_binary(text), "2 controls in 10 characters is binary");
        let long = format!("{}\u{85}", "x".repeat(60));
        assert!(!looks_binary(&long), "one control in 61 characters is text");
        assert!(
            !looks_binary("Åsa\tÖ\r\n\u{0B}\u{0C}\u{1A}"),
            "allowed controls"
        );
        assert!(looks_binary("a\0b"), "NUL is never text");
    }

    #[test]
    fn forced_encoding_that_does_not_fit_is_reported() {
        let err = decode(b"\xC5sa", Some(TextEncoding::Utf8)).expect_err("not UTF-8");
        assert_eq!(
            err,
            ReadError::WrongEncoding {
                encoding: TextEncoding::Utf8
            }
        );
        let decoded = decode("Åsa".as_bytes(), Some(TextEncoding::Windows1252)).expect("1252");
        assert_eq!(
            decoded.text, "Ã…sa",
            "forcing 1252 on UTF-8 gives mojibake, as asked"
        );
    }

    #[test]
    fn windows_1252_encoding_refuses_unmappable() {
        assert_eq!(
            encode("Åsa €", TextEncoding::Windows1252),
            Some(b"\xC5sa \x80".to_vec())
        );
        assert_eq!(
            encode("Łódź", TextEncoding::Windows1252),
            None,
            "Ł is not in 1252"
        );
    }
}
