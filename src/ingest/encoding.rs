//! Byte decoding: BOMs, UTF-8, UTF-16 without a BOM, and legacy Chinese encodings
//! (GB18030/GBK, Big5) detected with chardetng. Undecodable bytes become U+FFFD and a warning.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};

/// Decoded text and what had to be guessed or replaced on the way.
#[derive(Debug, Clone)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static Encoding,
    /// Problems (replaced bytes, a guessed UTF-16) worth a warning.
    pub warnings: Vec<String>,
    /// What was detected rather than declared (an informational note).
    pub notes: Vec<String>,
}

/// Decodes `bytes`. `forced` overrides detection. Err(message) when the input is binary.
pub fn decode(bytes: &[u8], forced: Option<&'static Encoding>) -> Result<Decoded, String> {
    let mut warnings = Vec::new();
    if let Some(enc) = forced {
        let body = match Encoding::for_bom(bytes) {
            Some((bom_enc, len)) if bom_enc == enc => &bytes[len..],
            _ => bytes,
        };
        return Ok(finish(body, enc, warnings));
    }
    if let Some((enc, len)) = Encoding::for_bom(bytes) {
        return Ok(finish(&bytes[len..], enc, warnings));
    }
    if let Some(enc) = utf16_without_bom(bytes) {
        warnings.push(format!("no byte-order mark; decoded as {} from its NUL-byte pattern", enc.name()));
        return Ok(finish(bytes, enc, warnings));
    }
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return Err("binary file (NUL bytes in its first 8 KiB); skipped".to_string());
    }
    let (valid_multibyte, invalid) = utf8_profile(bytes);
    if invalid == 0 {
        // Valid UTF-8: no copy beyond the String itself.
        let text = String::from_utf8(bytes.to_vec()).unwrap_or_default();
        return Ok(Decoded { text, encoding: UTF_8, warnings, notes: Vec::new() });
    }
    if valid_multibyte > 0 && valid_multibyte >= invalid {
        // Mostly UTF-8 with a few broken bytes: keep UTF-8 and say where it broke.
        return Ok(finish(bytes, UTF_8, warnings));
    }
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(bytes, true);
    let enc = det.guess(None, chardetng::Utf8Detection::Allow);
    let mut d = finish(bytes, enc, warnings);
    let said = format!("decoded as {} (detected; use --encoding to force another)", enc.name());
    if enc.is_single_byte() {
        // Any bytes decode in a single-byte encoding, so the guess is weak: say where UTF-8 broke.
        let at = std::str::from_utf8(bytes).err().map_or(0, |e| e.valid_up_to());
        let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
        d.warnings.push(format!("not valid UTF-8 ({invalid} invalid byte sequence(s), first on line {line}); {said}"));
    } else {
        d.notes.push(format!("not UTF-8; {said}"));
    }
    Ok(d)
}

fn finish(bytes: &[u8], enc: &'static Encoding, mut warnings: Vec<String>) -> Decoded {
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    let text = text.into_owned();
    if had_errors {
        let count = text.matches('\u{FFFD}').count();
        let line = text.find('\u{FFFD}').map(|i| text[..i].matches('\n').count() + 1).unwrap_or(1);
        warnings.push(format!(
            "{count} undecodable byte sequence(s) replaced with U+FFFD (as {}), first on line {line}",
            enc.name()
        ));
    }
    Decoded { text, encoding: enc, warnings, notes: Vec::new() }
}

/// Counts valid multi-byte UTF-8 characters and invalid sequences.
fn utf8_profile(bytes: &[u8]) -> (usize, usize) {
    let (mut valid, mut invalid) = (0usize, 0usize);
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                valid += s.chars().filter(|c| !c.is_ascii()).count();
                return (valid, invalid);
            }
            Err(e) => {
                let (good, after) = rest.split_at(e.valid_up_to());
                valid += std::str::from_utf8(good).map_or(0, |s| s.chars().filter(|c| !c.is_ascii()).count());
                invalid += 1;
                let skip = e.error_len().unwrap_or(after.len()).max(1);
                rest = &after[skip.min(after.len())..];
                if rest.is_empty() {
                    return (valid, invalid);
                }
            }
        }
    }
}

/// Recognises UTF-16 text without a BOM: NUL bytes on one parity, almost none on the other.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096) & !1];
    if head.len() < 4 {
        return None;
    }
    let pairs = head.len() / 2;
    let even_nul = head.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_nul = head.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    let mostly = |n: usize| n * 10 >= pairs * 3;
    let rarely = |n: usize| n * 20 <= pairs;
    if mostly(odd_nul) && rarely(even_nul) {
        Some(UTF_16LE)
    } else if mostly(even_nul) && rarely(odd_nul) {
        Some(UTF_16BE)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode("中文 text".as_bytes(), None).unwrap().text, "中文 text");
        let mut b = vec![0xEF, 0xBB, 0xBF];
        b.extend_from_slice("abc".as_bytes());
        assert_eq!(decode(&b, None).unwrap().text, "abc");
    }

    #[test]
    fn utf16_with_bom_and_without() {
        let s = "Taiwan denied it. 台湾否认。";
        let mut le = vec![0xFF, 0xFE];
        le.extend(s.encode_utf16().flat_map(|u| u.to_le_bytes()));
        assert_eq!(decode(&le, None).unwrap().text, s);
        let be: Vec<u8> = s.encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
        let d = decode(&be, None).unwrap();
        assert_eq!(d.text, s);
        assert!(d.warnings[0].contains("UTF-16BE"));
    }

    #[test]
    fn gbk_is_detected() {
        let s = "中华人民共和国国家安全部表示，台湾地区的黑客组织对我国政府网站发动了网络攻击，并已对三名成员立案侦查。外交部发言人随后回应称，美方的指控毫无根据，是彻头彻尾的抹黑。";
        let (bytes, _, _) = encoding_rs::GBK.encode(s);
        let d = decode(&bytes, None).unwrap();
        assert_eq!(d.text, s);
        assert!(d.warnings.is_empty(), "{:?}", d.warnings);
        assert!(d.notes.iter().any(|w| w.contains("GBK") || w.contains("gb18030")), "{:?}", d.notes);
    }

    #[test]
    fn big5_is_detected() {
        let s = "國防部資通電軍指揮部表示，中共持續對臺灣發動網路攻擊與軍事騷擾，並否認對岸所有指控，強調相關說法純屬捏造，呼籲國人提高警覺，共同維護國家安全與區域和平穩定。";
        let (bytes, _, _) = encoding_rs::BIG5.encode(s);
        let d = decode(&bytes, None).unwrap();
        assert_eq!(d.text, s);
    }

    #[test]
    fn broken_utf8_is_replaced_and_reported() {
        let mut b = "The ministry’s statement — “groundless” — ".as_bytes().to_vec();
        b.push(0xFF);
        b.extend_from_slice("and ‘false’.".as_bytes());
        let d = decode(&b, None).unwrap();
        assert!(d.text.contains('\u{FFFD}'));
        assert!(d.text.ends_with("and ‘false’."));
        assert!(d.warnings[0].contains("line 1"), "{:?}", d.warnings);
    }

    #[test]
    fn stray_bytes_in_ascii_are_a_warning_with_their_line() {
        let d = decode(b"The ministry said so.\nIt called it \xff\xfe false.\n", None).unwrap();
        assert!(d.warnings.iter().any(|w| w.contains("not valid UTF-8") && w.contains("line 2")), "{:?}", d.warnings);
    }

    #[test]
    fn binary_is_refused() {
        assert!(
            decode(b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x03\x00\x3e\x00\x01\x00\x00\x00\xff\xff", None).is_err()
        );
    }

    #[test]
    fn forced_encoding_wins() {
        let (bytes, _, _) = encoding_rs::BIG5.encode("臺灣");
        assert_eq!(decode(&bytes, Some(encoding_rs::BIG5)).unwrap().text, "臺灣");
    }
}
