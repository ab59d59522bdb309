//! Language choice for a document: English or Chinese, from metadata, a flag, or the script
//! of its letters (Han against Latin). Owns nothing else.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    En,
    Zh,
}

impl Lang {
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }

    /// Parses a language tag such as `en`, `en-GB`, `zh`, `zh-Hant`, `zh_TW`.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let t = tag.trim().to_ascii_lowercase();
        let primary = t.split(['-', '_']).next().unwrap_or("");
        match primary {
            "en" | "eng" | "english" => Some(Lang::En),
            "zh" | "zho" | "chi" | "cmn" | "chinese" => Some(Lang::Zh),
            _ => None,
        }
    }

    /// Guesses from the script: Chinese when Han characters outnumber a third of Latin letters.
    pub fn detect(text: &str) -> Lang {
        // The first 20,000 characters (all of a text of at most 20,000 bytes), read byte by
        // byte: Latin letters are ASCII, and only a character of three or four bytes (where Han
        // characters are) needs decoding.
        let bytes = text.as_bytes();
        let head = if bytes.len() <= 20_000 {
            bytes
        } else {
            let end = text.char_indices().nth(20_000).map_or(bytes.len(), |(i, _)| i);
            &bytes[..end]
        };
        let latin = head.iter().filter(|b| b.is_ascii_alphabetic()).count();
        let mut han = 0usize;
        if !head.is_ascii() {
            let mut i = 0;
            while i < head.len() {
                // Eight ASCII bytes at a time are passed over: no lead byte among them.
                if let Some(word) = head.get(i..i + 8) {
                    if u64::from_ne_bytes(word.try_into().expect("eight bytes")) & 0x8080_8080_8080_8080 == 0 {
                        i += 8;
                        continue;
                    }
                }
                let b = head[i];
                if b < 0xE0 {
                    i += 1;
                    continue;
                }
                let at = i;
                // valid UTF-8: the continuation bytes are there
                i += if b < 0xF0 { 3 } else { 4 };
                if (0xE5..=0xE9).contains(&b) {
                    han += 1; // U+5000..=U+9FFF: all unified ideographs
                    continue;
                }
                let c = if b < 0xF0 {
                    (b as u32 & 0x0F) << 12 | (head[at + 1] as u32 & 0x3F) << 6 | (head[at + 2] as u32 & 0x3F)
                } else {
                    (b as u32 & 0x07) << 18
                        | (head[at + 1] as u32 & 0x3F) << 12
                        | (head[at + 2] as u32 & 0x3F) << 6
                        | (head[at + 3] as u32 & 0x3F)
                };
                if char::from_u32(c).is_some_and(is_han) {
                    han += 1;
                }
            }
        }
        if han > 0 && han * 3 >= latin {
            Lang::Zh
        } else {
            Lang::En
        }
    }
}

/// True for CJK unified ideographs (the common blocks).
pub fn is_han(c: char) -> bool {
    matches!(c as u32, 0x4E00..=0x9FFF | 0x3400..=0x4DBF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_by_script() {
        assert_eq!(Lang::detect("The ministry denied the accusation."), Lang::En);
        assert_eq!(Lang::detect("外交部发言人否认了美方的指控。"), Lang::Zh);
        assert_eq!(Lang::detect("美国国家安全局(NSA)指控伏特台风。"), Lang::Zh);
        assert_eq!(Lang::detect("APT31 was named, 中国 once."), Lang::En);
        assert_eq!(Lang::detect(""), Lang::En);
    }

    #[test]
    fn byte_counting_agrees_with_counting_characters() {
        let reference = |text: &str| {
            let (mut han, mut latin) = (0, 0);
            for c in text.chars().take(20_000) {
                if is_han(c) {
                    han += 1;
                } else if c.is_ascii_alphabetic() {
                    latin += 1;
                }
            }
            if han > 0 && han * 3 >= latin {
                Lang::Zh
            } else {
                Lang::En
            }
        };
        let long_en = "word ".repeat(4000) + &"中文".repeat(3000);
        let long_zh = "中文".repeat(9000) + &"word ".repeat(9000);
        for t in ["é中𠀀x", "𪚥𪚥𪚥 abcdefghi", "ａｂｃ 丁", long_en.as_str(), long_zh.as_str()] {
            assert_eq!(Lang::detect(t), reference(t), "{t:.40}");
        }
        // Every character of three or four bytes up to the end of the supplementary ideographs.
        for c in (0x800..0x3_0000).filter_map(char::from_u32) {
            let t = c.to_string();
            assert_eq!(Lang::detect(&t), reference(&t), "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn parses_tags() {
        assert_eq!(Lang::from_tag("zh-Hant"), Some(Lang::Zh));
        assert_eq!(Lang::from_tag("en_GB"), Some(Lang::En));
        assert_eq!(Lang::from_tag("fr"), None);
    }
}
