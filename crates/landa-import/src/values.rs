//! Reading cell text the way Swedish spreadsheets write it.
//!
//! Dates come day-first ("5/3/2024" is the 5th of March) or ISO, amounts use
//! a decimal comma and spaces between thousands ("1 234,50"), and yes/no
//! columns say "ja"/"nej" or just have an "x" in ticked cells. Anything
//! ambiguous is refused (`None`) rather than guessed, so the wizard can ask.

use chrono::NaiveDate;

/// Parses a date: ISO `2024-03-05` / `2024-3-5` (also with `/` or `.`),
/// compact `20240305`, or day-first `5/3/2024`, `05/03/2024`, `5.3.2024`,
/// `05-03-2024`. An ISO date may be followed by a time (`2024-03-05 14:30`,
/// `2024-03-05T14:30:00`, as the XLSX reader and other tools write
/// datetimes); the time is ignored. Two-digit years are refused: "5/3/24"
/// could be 1924 or 2024. Impossible dates (31/2/2024) are refused.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if s.len() == 8 && s.bytes().all(|b| b.is_ascii_digit()) {
        let (year, rest) = s.split_at(4);
        let (month, day) = rest.split_at(2);
        return ymd(year, month, day);
    }
    let date = strip_time(s);
    let separator = date.chars().find(|c| matches!(c, '-' | '/' | '.'))?;
    let mut parts = date.split(separator);
    let (first, second, third) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    if first.len() == 4 {
        ymd(first, second, third)
    } else if date.len() == s.len() {
        ymd(third, second, first)
    } else {
        None
    }
}

/// Removes a time after the date part: everything from the first space or
/// `T`, provided it looks like `HH:MM`, `HH:MM:SS` or `HH:MM:SS.fff`.
fn strip_time(s: &str) -> &str {
    let Some(split) = s.find([' ', 'T']) else {
        return s;
    };
    let (date, time) = s.split_at(split);
    let time = time.get(1..).unwrap_or_default();
    if is_time(time) { date } else { s }
}

fn is_time(s: &str) -> bool {
    let (clock, fraction) = s.split_once('.').unwrap_or((s, "0"));
    let parts: Vec<&str> = clock.split(':').collect();
    let numeric = |part: &str| !part.is_empty() && part.len() <= 2 && all_digits(part);
    (parts.len() == 2 || parts.len() == 3)
        && parts.iter().all(|part| numeric(part))
        && !fraction.is_empty()
        && all_digits(fraction)
}

/// Builds a date from a four-digit year, a 1–2 digit month and day.
fn ymd(year: &str, month: &str, day: &str) -> Option<NaiveDate> {
    let valid = year.len() == 4
        && (1..=2).contains(&month.len())
        && (1..=2).contains(&day.len())
        && all_digits(year)
        && all_digits(month)
        && all_digits(day);
    if !valid {
        return None;
    }
    NaiveDate::from_ymd_opt(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?)
}

fn all_digits(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii_digit())
}

/// Parses an amount: decimal comma or point ("12,50", "12.50"), thousands
/// separated by a space, a non-breaking space (U+00A0) or a narrow one
/// (U+202F) as Swedish Excel writes them ("1 234,50"), or by `.` when the
/// comma is the decimal sign ("1.234,50") and vice versa ("1,234.50").
/// A leading `-`, `+` or `−` (U+2212) sign is allowed. Thousands groups must
/// have three digits, so "12 34" (two numbers?) is refused, as are exponents,
/// currency signs and anything else.
pub fn parse_decimal(s: &str) -> Option<f64> {
    let s = s.trim();
    let (negative, body) = match s.chars().next()? {
        '-' | '\u{2212}' => (true, s.get(s.chars().next()?.len_utf8()..)?),
        '+' => (false, s.get(1..)?),
        _ => (false, s),
    };
    let (integer, fraction) = split_decimal(body)?;
    let digits = ungroup(integer, fraction.is_some())?;
    let mut number = digits;
    if let Some(fraction) = fraction {
        if fraction.is_empty() || !all_digits(fraction) {
            return None;
        }
        number.push('.');
        number.push_str(fraction);
    }
    let value: f64 = number.parse().ok()?;
    value
        .is_finite()
        .then_some(if negative { -value } else { value })
}

/// Splits into the integer part (possibly with thousands separators) and the
/// fraction. With both `,` and `.`, the later one is the decimal sign. With
/// one kind appearing once, it is the decimal sign; appearing several times,
/// it separates thousands.
fn split_decimal(body: &str) -> Option<(&str, Option<&str>)> {
    let commas = body.matches(',').count();
    let dots = body.matches('.').count();
    let decimal = match (commas, dots) {
        (0, 0) => None,
        (_, 0) if commas > 1 => None,
        (0, _) if dots > 1 => None,
        (_, 0) => Some(','),
        (0, _) => Some('.'),
        _ => {
            let last_comma = body.rfind(',')?;
            let last_dot = body.rfind('.')?;
            Some(if last_comma > last_dot { ',' } else { '.' })
        }
    };
    match decimal {
        None => Some((body, None)),
        Some(sign) => {
            let (integer, fraction) = body.rsplit_once(sign)?;
            // The decimal sign may appear only once.
            (!integer.contains(sign)).then_some((integer, Some(fraction)))
        }
    }
}

/// Removes thousands separators from the integer part, checking the groups:
/// one to three digits first, then groups of exactly three, all separated by
/// the same kind of separator. An empty integer part is allowed before a
/// fraction (",5").
fn ungroup(integer: &str, has_fraction: bool) -> Option<String> {
    if integer.is_empty() {
        return has_fraction.then(|| "0".to_owned());
    }
    let is_space = |c: char| matches!(c, ' ' | '\u{A0}' | '\u{202F}');
    let separators: Vec<char> = integer.chars().filter(|c| !c.is_ascii_digit()).collect();
    let Some(&first) = separators.first() else {
        return Some(integer.to_owned());
    };
    let same_kind = |c: &char| *c == first || (is_space(first) && is_space(*c));
    if !(is_space(first) || first == ',' || first == '.') || !separators.iter().all(same_kind) {
        return None;
    }
    let groups: Vec<&str> = integer.split(|c: char| !c.is_ascii_digit()).collect();
    let (head, tail) = groups.split_first()?;
    let head_ok = (1..=3).contains(&head.len());
    let tail_ok = tail.iter().all(|group| group.len() == 3);
    (head_ok && tail_ok).then(|| groups.concat())
}

/// Parses a yes/no cell: ja/nej, j/n, yes/no, y, true/false, sant/falskt
/// (Swedish Excel's TRUE/FALSE), 1/0, and "x" for a ticked cell. Case and
/// surrounding whitespace do not matter. An empty cell is `None`: unticked
/// and unanswered cannot be told apart.
pub fn parse_bool(s: &str) -> Option<bool> {
    match s.trim().to_lowercase().as_str() {
        "ja" | "j" | "yes" | "y" | "true" | "sant" | "x" | "1" => Some(true),
        "nej" | "n" | "no" | "false" | "falskt" | "0" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(year, month, day)
    }

    #[test]
    fn dates_in_every_accepted_form() {
        let march_5 = date(2024, 3, 5);
        for text in [
            "2024-03-05",
            "2024-3-5",
            "20240305",
            "5/3/2024",
            "05/03/2024",
            "5.3.2024",
            "05-03-2024",
            " 2024-03-05 ",
            "2024/03/05",
            "2024-03-05 14:30",
            "2024-03-05T14:30:00",
            "2024-03-05 00:00:00.000",
        ] {
            assert_eq!(
                parse_date(text),
                march_5,
                "{text:?} is the 5th of March 2024"
            );
        }
    }

    #[test]
    fn ambiguous_or_impossible_dates_are_refused() {
        for text in [
            "5/3/24",
            "31/2/2024",
            "2024-02-30",
            "2024-13-01",
            "20241301",
            "2024-03",
            "5/3/2024/1",
            "5/3-2024",
            "idag",
            "",
            "5/3/2024 14:30",
            "2024-03-05 kl 14",
            "+5/3/2024",
        ] {
            assert_eq!(parse_date(text), None, "{text:?} must not parse");
        }
    }

    #[test]
    fn leap_days() {
        assert_eq!(parse_date("29/2/2024"), date(2024, 2, 29));
        assert_eq!(parse_date("29/2/2023"), None, "2023 is not a leap year");
    }

    #[test]
    fn swedish_and_english_amounts() {
        let cases = [
            ("12,50", 12.5),
            ("1 234,50", 1234.5),
            ("1\u{A0}234,50", 1234.5),
            ("1\u{202F}234,50", 1234.5),
            ("12.50", 12.5),
            ("-3", -3.0),
            ("\u{2212}3,5", -3.5),
            ("+7", 7.0),
            ("1234", 1234.0),
            ("1.234,50", 1234.5),
            ("1,234.50", 1234.5),
            ("1 234 567", 1_234_567.0),
            ("1.234.567", 1_234_567.0),
            (",5", 0.5),
            (" 0,25 ", 0.25),
        ];
        for (text, expected) in cases {
            assert_eq!(parse_decimal(text), Some(expected), "{text:?}");
        }
    }

    #[test]
    fn garbage_amounts_are_refused() {
        for text in [
            "",
            "-",
            "abc",
            "12 34",
            "1,2,3",
            "12,",
            "1e5",
            "12 kr",
            "1.234.5",
            "1 234.567,5",
            "--3",
            "1__2",
            "1,234,5",
            ",",
            "inf",
            "NaN",
            "1 2345",
        ] {
            assert_eq!(parse_decimal(text), None, "{text:?} must not parse");
        }
    }

    #[test]
    fn booleans() {
        for text in [
            "ja", "JA", "j", "Yes", "y", "true", "SANT", "x", "X", "1", " ja ",
        ] {
            assert_eq!(parse_bool(text), Some(true), "{text:?}");
        }
        for text in ["nej", "Nej", "n", "no", "FALSE", "falskt", "0"] {
            assert_eq!(parse_bool(text), Some(false), "{text:?}");
        }
        for text in ["", "kanske", "2", "jaa"] {
            assert_eq!(parse_bool(text), None, "{text:?}");
        }
    }
}
