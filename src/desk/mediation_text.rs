//! Sprachvermittlung as staff and scripts type it: languages with a level
//! (`Tigrinya:native|Arabisch:gut`), availability (`Mo 09-12, Mi`) and an
//! appointment (`2026-12-08 10:30` or `08.12.2026 10:30`). Pure parsing and
//! formatting; the desk checks the result against the reference lists.

use jiff::civil::{Date, Time};

use super::{DeskError, DeskResult};
use crate::store::records::{AvailabilitySlot, IsoWeekday, LanguageLevel};

const WEEKDAYS: [(&str, &[&str]); 7] = [
    ("Mo", &["mo", "mon", "montag", "monday"]),
    ("Di", &["di", "tu", "tue", "dienstag", "tuesday"]),
    ("Mi", &["mi", "we", "wed", "mittwoch", "wednesday"]),
    ("Do", &["do", "th", "thu", "donnerstag", "thursday"]),
    ("Fr", &["fr", "fri", "freitag", "friday"]),
    ("Sa", &["sa", "sat", "samstag", "saturday"]),
    ("So", &["so", "su", "sun", "sonntag", "sunday"]),
];

fn weekday(token: &str) -> Option<IsoWeekday> {
    let token = token.trim().trim_end_matches('.').to_lowercase();
    WEEKDAYS
        .iter()
        .position(|(_, names)| names.contains(&token.as_str()))
        .and_then(|i| IsoWeekday::try_from(i + 1).ok())
}

/// `Mo`, `Di`, … (German short names, as the desk writes them).
pub fn weekday_short(day: IsoWeekday) -> &'static str {
    WEEKDAYS
        .get(usize::from(day).wrapping_sub(1))
        .map_or("?", |(short, _)| short)
}

/// `9`, `09`, `9:30`, `09.30` → a time of day.
fn clock(token: &str) -> Option<Time> {
    let token = token.trim();
    let (h, m) = match token.split_once([':', '.']) {
        Some((h, m)) => (h, m),
        None => (token, "0"),
    };
    if h.is_empty() || h.len() > 2 || m.is_empty() || m.len() > 2 {
        return None;
    }
    let h: i8 = h.parse().ok()?;
    let m: i8 = m.parse().ok()?;
    Time::new(h, m, 0, 0).ok()
}

fn hours(text: &str) -> Option<(Time, Time)> {
    let (from, to) = text.split_once(['-', '–'])?;
    let (from, to) = (clock(from)?, clock(to)?);
    (from < to).then_some((from, to))
}

fn availability_error(item: &str) -> DeskError {
    DeskError::invalid(
        "available",
        format!(
            "'{}' is not a weekday with optional hours; write e.g. \"Mo 09-12, Mi, Fr 14:00-16:30\" \
             (Mo Di Mi Do Fr Sa So)",
            item.trim()
        ),
    )
}

/// `Mo 09-12, Mi, Di-Do 14-16` → slots, in the order written. Empty text:
/// no fixed times.
pub fn parse_availability(text: &str) -> DeskResult<Vec<AvailabilitySlot>> {
    let mut out: Vec<AvailabilitySlot> = Vec::new();
    for item in text.split([',', ';']) {
        let item_trim = item.trim();
        if item_trim.is_empty() {
            continue;
        }
        let (days, rest) = match item_trim.split_once(char::is_whitespace) {
            Some((d, r)) => (d, r.trim()),
            None => (item_trim, ""),
        };
        let days: Vec<IsoWeekday> = match days.split_once(['-', '–']) {
            Some((a, b)) => {
                let (a, b) = (
                    weekday(a).ok_or_else(|| availability_error(item))?,
                    weekday(b).ok_or_else(|| availability_error(item))?,
                );
                if a > b {
                    return Err(availability_error(item));
                }
                (a..=b).collect()
            }
            None => vec![weekday(days).ok_or_else(|| availability_error(item))?],
        };
        let hours = if rest.is_empty() {
            None
        } else {
            Some(hours(rest).ok_or_else(|| availability_error(item))?)
        };
        for weekday in days {
            let slot = AvailabilitySlot { weekday, hours };
            if !out.contains(&slot) {
                out.push(slot);
            }
        }
    }
    Ok(out)
}

/// Slots as the desk writes them: `Mo 09:00–12:00, Mi`.
pub fn format_availability(slots: &[AvailabilitySlot]) -> String {
    slots
        .iter()
        .map(|s| match s.hours {
            Some((from, to)) => format!(
                "{} {}–{}",
                weekday_short(s.weekday),
                from.strftime("%H:%M"),
                to.strftime("%H:%M")
            ),
            None => weekday_short(s.weekday).to_string(),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// `Tigrinya:native|Arabisch:gut` → (label as typed, level). A language
/// without a level is `good`.
pub fn parse_language_levels(text: &str) -> DeskResult<Vec<(String, LanguageLevel)>> {
    let mut out = Vec::new();
    for item in text.split(['|', ',']) {
        let item = item.trim();
        if item.is_empty() {
            continue;
        }
        let (label, level) = match item.rsplit_once(':') {
            Some((label, level)) => {
                let parsed = LanguageLevel::parse(level).ok_or_else(|| {
                    DeskError::invalid(
                        "languages",
                        format!(
                            "unknown level '{}' for {}: use native (Muttersprache), good (gut) or some (etwas)",
                            level.trim(),
                            label.trim()
                        ),
                    )
                })?;
                (label.trim(), parsed)
            }
            None => (item, LanguageLevel::Good),
        };
        out.push((label.to_string(), level));
    }
    if out.is_empty() {
        return Err(DeskError::invalid(
            "languages",
            "at least one language, e.g. \"Tigrinya:native|Arabisch:good\"",
        ));
    }
    Ok(out)
}

/// `2026-12-08 10:30`, `2026-12-08T10:30` or `08.12.2026 10:30`.
pub fn parse_appointment(text: &str) -> DeskResult<(Date, Time)> {
    let bad = || {
        DeskError::invalid(
            "at",
            format!(
                "'{}' is not a date and time; write YYYY-MM-DD HH:MM, e.g. 2026-12-08 10:30",
                text.trim()
            ),
        )
    };
    let text = text.trim();
    let (date, time) = text
        .split_once(|c: char| c.is_whitespace() || c == 'T')
        .ok_or_else(bad)?;
    let date = parse_date(date).ok_or_else(bad)?;
    let time = clock(time).ok_or_else(bad)?;
    Ok((date, time))
}

/// `2026-12-08` or `08.12.2026`.
pub fn parse_date(text: &str) -> Option<Date> {
    let text = text.trim();
    if let Some((d, rest)) = text.split_once('.') {
        let (m, y) = rest.split_once('.')?;
        let (y, m, d): (i16, i8, i8) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
        return Date::new(y, m, d).ok();
    }
    if text.len() != 10 {
        return None;
    }
    text.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::time;

    #[test]
    fn availability_reads_days_ranges_and_hours() {
        let slots = parse_availability("Mo 09-12, Mi; Di-Do 14:30-16").unwrap();
        assert_eq!(slots.len(), 5);
        assert_eq!(slots[0].weekday, 1);
        assert_eq!(slots[0].hours, Some((time(9, 0, 0, 0), time(12, 0, 0, 0))));
        assert_eq!(slots[1].hours, None);
        assert_eq!(
            format_availability(&slots),
            "Mo 09:00–12:00, Mi, Di 14:30–16:00, Mi 14:30–16:00, Do 14:30–16:00"
        );
        assert!(parse_availability("").unwrap().is_empty());
    }

    #[test]
    fn availability_refuses_what_it_cannot_read() {
        for bad in ["Xy", "Mo 12-09", "Mo 25-26", "Fr-Mo", "Mo morgens", "Mo 9-"] {
            let err = parse_availability(bad).unwrap_err().to_string();
            assert!(err.contains("Mo Di Mi"), "{bad}: {err}");
        }
    }

    #[test]
    fn languages_with_levels() {
        let langs = parse_language_levels("Tigrinya:native|Arabisch:gut| Englisch").unwrap();
        assert_eq!(
            langs,
            vec![
                ("Tigrinya".into(), LanguageLevel::Native),
                ("Arabisch".into(), LanguageLevel::Good),
                ("Englisch".into(), LanguageLevel::Good),
            ]
        );
        assert!(parse_language_levels("Arabisch:fluent").is_err());
        assert!(parse_language_levels(" | ").is_err());
    }

    #[test]
    fn appointments_in_iso_and_german() {
        let want = (jiff::civil::date(2026, 12, 8), time(10, 30, 0, 0));
        assert_eq!(parse_appointment("2026-12-08 10:30").unwrap(), want);
        assert_eq!(parse_appointment("08.12.2026 10:30").unwrap(), want);
        for bad in [
            "2026-12-08",
            "2026-13-08 10:30",
            "morgen 10",
            "2026-12-08 25:00",
        ] {
            assert!(parse_appointment(bad).is_err(), "{bad}");
        }
    }
}
