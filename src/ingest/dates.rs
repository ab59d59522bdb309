//! Publication dates in the forms news and statements use, normalised for the output:
//! `YYYY-MM-DD` for a date, RFC 3339 in UTC for a date with a time.

use chrono::{DateTime, NaiveDate, NaiveDateTime, SecondsFormat, Utc};

/// Parses a published date. Err carries the text that could not be read.
pub fn parse_published(raw: &str) -> Result<String, String> {
    let s = raw.trim();
    if s.is_empty() {
        return Err("empty date".to_string());
    }
    // The common form first, without trying the others on it.
    let b = s.as_bytes();
    if b.len() == 10 && b[4] == b'-' && b[7] == b'-' {
        // all digits: a valid date is already in the output's form
        let num = |r: std::ops::Range<usize>| {
            b[r].iter().try_fold(0u32, |n, &c| c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0')))
        };
        if let (Some(y), Some(m), Some(d)) = (num(0..4), num(5..7), num(8..10)) {
            if NaiveDate::from_ymd_opt(y as i32, m, d).is_some() {
                return Ok(s.to_string());
            }
        } else if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
            return Ok(d.format("%Y-%m-%d").to_string());
        }
    }
    if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
        return Ok(dt.with_timezone(&Utc).to_rfc3339_opts(SecondsFormat::Secs, true));
    }
    if let Ok(dt) = DateTime::parse_from_rfc2822(s) {
        return Ok(dt.with_timezone(&Utc).to_rfc3339_opts(SecondsFormat::Secs, true));
    }
    for f in ["%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M"] {
        if let Ok(dt) = NaiveDateTime::parse_from_str(s, f) {
            return Ok(dt.and_utc().to_rfc3339_opts(SecondsFormat::Secs, true));
        }
    }
    let cleaned = clean(s);
    for f in [
        "%Y-%m-%d",
        "%Y/%m/%d",
        "%Y.%m.%d",
        "%B %d, %Y",
        "%B %d %Y",
        "%b %d, %Y",
        "%b %d %Y",
        "%d %B %Y",
        "%d %b %Y",
        "%d %B, %Y",
        "%Y年%m月%d日",
    ] {
        if let Ok(d) = NaiveDate::parse_from_str(&cleaned, f) {
            return Ok(d.format("%Y-%m-%d").to_string());
        }
    }
    Err(format!("unreadable date {raw:?} (expected e.g. 2024-09-23, Sept. 23, 2024, 23 September 2024, 2024年9月23日)"))
}

/// Drops a leading weekday, abbreviation dots, ordinal suffixes and `Sept`.
fn clean(s: &str) -> String {
    let mut t = s.replace('.', " ").replace("Sept ", "Sep ").replace("sept ", "sep ");
    for day in ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] {
        if let Some(rest) = t.strip_prefix(day) {
            t = rest.trim_start_matches([',', ' ']).to_string();
        }
    }
    let words: Vec<String> = t
        .split_whitespace()
        .map(|w| {
            let digits = w.trim_end_matches(',').trim_end_matches(char::is_alphabetic);
            if !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()) && digits.len() <= 2 {
                w.replace(&w.trim_end_matches(',')[digits.len()..], "")
            } else {
                w.to_string()
            }
        })
        .collect();
    words.join(" ").replace(" ,", ",")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn news_forms() {
        for (input, want) in [
            ("2024-09-23", "2024-09-23"),
            ("Sept. 23, 2024", "2024-09-23"),
            ("Sep 23, 2024", "2024-09-23"),
            ("September 23, 2024", "2024-09-23"),
            ("23 September 2024", "2024-09-23"),
            ("23rd September 2024", "2024-09-23"),
            ("Monday, September 23, 2024", "2024-09-23"),
            ("2024年9月23日", "2024-09-23"),
            ("2024/09/23", "2024-09-23"),
            ("2024-09-23T08:30:00Z", "2024-09-23T08:30:00Z"),
            ("2024-09-23T16:30:00+08:00", "2024-09-23T08:30:00Z"),
            ("Mon, 23 Sep 2024 08:30:00 +0000", "2024-09-23T08:30:00Z"),
        ] {
            assert_eq!(parse_published(input).as_deref(), Ok(want), "{input}");
        }
    }

    #[test]
    fn numeric_dates_read_as_chrono_reads_them() {
        for y in [0, 1, 999, 1999, 2024, 9999] {
            for m in 0..=13 {
                for d in 0..=32 {
                    let s = format!("{y:04}-{m:02}-{d:02}");
                    let want = NaiveDate::parse_from_str(&s, "%Y-%m-%d").map(|d| d.format("%Y-%m-%d").to_string());
                    match want {
                        Ok(w) => assert_eq!(parse_published(&s), Ok(w), "{s}"),
                        Err(_) => assert!(parse_published(&s).is_err(), "{s}"),
                    }
                }
            }
        }
        // ten bytes with dashes but not all digits still go to the general reader
        assert_eq!(parse_published("2024-+9-23").is_ok(), NaiveDate::parse_from_str("2024-+9-23", "%Y-%m-%d").is_ok());
    }

    #[test]
    fn bad_dates_are_errors() {
        assert!(parse_published("not a date").is_err());
        assert!(parse_published("2024-13-45").is_err());
        assert!(parse_published("").is_err());
    }
}
