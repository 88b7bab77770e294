//! Times, dates and recurrences as staff read and type them, for the
//! offerings and sessions screens.

use jiff::civil::{Date, Time};

use crate::desk::{IsoWeekday, MonthWeek, Pillar, Recurrence, SessionState};
use crate::ui::catalog::{Lang, Msg, fill, format_date};

/// `09:30`, `9:30` or `9.30`.
pub fn parse_time(text: &str) -> Option<Time> {
    let text = text.trim();
    let (h, m) = text.split_once([':', '.'])?;
    if h.is_empty() || h.len() > 2 || m.len() != 2 {
        return None;
    }
    let hour: i8 = h.parse().ok()?;
    let minute: i8 = m.parse().ok()?;
    Time::new(hour, minute, 0, 0).ok()
}

/// `04.12.2026` (as staff write it) or `2026-12-04` (the English format); the one
/// reading of a typed date for every screen.
pub fn parse_date(text: &str) -> Option<Date> {
    let text = text.trim();
    if let Ok(date) = text.parse::<Date>() {
        return Some(date);
    }
    let mut parts = text.split('.');
    let (d, m, y) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.trim().len() != 4 {
        return None;
    }
    Date::new(
        y.trim().parse().ok()?,
        m.trim().parse().ok()?,
        d.trim().parse().ok()?,
    )
    .ok()
}

pub fn format_time(time: Time) -> String {
    time.strftime("%H:%M").to_string()
}

/// `10:00–12:00`.
pub fn time_span(start: Time, end: Time) -> String {
    format!("{}–{}", format_time(start), format_time(end))
}

pub const WEEKDAYS_SHORT: [Msg; 7] = [
    Msg::WeekdayShortMo,
    Msg::WeekdayShortTu,
    Msg::WeekdayShortWe,
    Msg::WeekdayShortTh,
    Msg::WeekdayShortFr,
    Msg::WeekdayShortSa,
    Msg::WeekdayShortSu,
];

const WEEKDAYS_LONG: [Msg; 7] = [
    Msg::Monday,
    Msg::Tuesday,
    Msg::Wednesday,
    Msg::Thursday,
    Msg::Friday,
    Msg::Saturday,
    Msg::Sunday,
];

/// Monday = 1 … Sunday = 7; anything else (a damaged record) shows as `?`.
pub fn weekday_short(day: IsoWeekday, lang: Lang) -> &'static str {
    usize::from(day)
        .checked_sub(1)
        .and_then(|i| WEEKDAYS_SHORT.get(i))
        .map_or("?", |m| m.text(lang))
}

pub fn weekday_long(day: IsoWeekday, lang: Lang) -> &'static str {
    usize::from(day)
        .checked_sub(1)
        .and_then(|i| WEEKDAYS_LONG.get(i))
        .map_or("?", |m| m.text(lang))
}

/// The choices of the "in the month" field, in order.
pub const MONTH_WEEKS: [MonthWeek; 5] = [
    MonthWeek::Nth(1),
    MonthWeek::Nth(2),
    MonthWeek::Nth(3),
    MonthWeek::Nth(4),
    MonthWeek::Last,
];

pub fn month_week(week: MonthWeek, lang: Lang) -> &'static str {
    let msg = match week {
        MonthWeek::Nth(1) => Msg::MonthWeek1,
        MonthWeek::Nth(2) => Msg::MonthWeek2,
        MonthWeek::Nth(3) => Msg::MonthWeek3,
        MonthWeek::Nth(4) => Msg::MonthWeek4,
        MonthWeek::Nth(_) | MonthWeek::Last => Msg::MonthWeekLast,
    };
    msg.text(lang)
}

pub fn pillar(p: Pillar, lang: Lang) -> &'static str {
    crate::report::render::pillar_name(p, lang)
}

/// `wöchentlich Di, Do, 10:00–12:00`, `monatlich am 1. Freitag, 15:00–18:00` …
pub fn describe(recurrence: &Recurrence, lang: Lang) -> String {
    match recurrence {
        Recurrence::Weekly {
            weekdays,
            start,
            end,
        } => {
            let mut days = weekdays.clone();
            days.sort_unstable();
            let days: Vec<&str> = days.iter().map(|d| weekday_short(*d, lang)).collect();
            fill(
                Msg::RecurWeekly,
                lang,
                &[
                    ("days", &days.join(", ")),
                    ("start", &format_time(*start)),
                    ("end", &format_time(*end)),
                ],
            )
        }
        Recurrence::Monthly {
            week,
            weekday,
            start,
            end,
        } => fill(
            Msg::RecurMonthly,
            lang,
            &[
                ("week", month_week(*week, lang)),
                ("weekday", weekday_long(*weekday, lang)),
                ("start", &format_time(*start)),
                ("end", &format_time(*end)),
            ],
        ),
        Recurrence::Once { date, start, end } => fill(
            Msg::RecurOnce,
            lang,
            &[
                ("date", &format_date(*date, lang)),
                ("start", &format_time(*start)),
                ("end", &format_time(*end)),
            ],
        ),
        Recurrence::AdHoc => Msg::RecurAdHoc.text(lang).to_owned(),
    }
}

pub fn state(state: SessionState) -> Msg {
    match state {
        SessionState::Open => Msg::SessionOpen,
        SessionState::Closed => Msg::SessionClosed,
        SessionState::Cancelled => Msg::SessionCancelled,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn times_as_typed() {
        assert_eq!(parse_time("09:30"), Some(Time::constant(9, 30, 0, 0)));
        assert_eq!(parse_time(" 9.05 "), Some(Time::constant(9, 5, 0, 0)));
        for bad in [
            "", "25:00", "12:60", "1230", "12:5", "ab:cd", "123:00", "-1:00",
        ] {
            assert_eq!(parse_time(bad), None, "{bad}");
        }
    }

    #[test]
    fn dates_as_typed() {
        assert_eq!(parse_date("04.12.2026"), Some(date(2026, 12, 4)));
        assert_eq!(parse_date(" 1.2.2027 "), Some(date(2027, 2, 1)));
        assert_eq!(parse_date("2026-12-04"), Some(date(2026, 12, 4)));
        for bad in ["31.02.2026", "4.12.26", "26.11", "1.2.3.4", "", "heute"] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn recurrences_read_like_a_sentence() {
        let weekly = Recurrence::Weekly {
            weekdays: vec![4, 2],
            start: Time::constant(10, 0, 0, 0),
            end: Time::constant(12, 0, 0, 0),
        };
        assert_eq!(
            describe(&weekly, Lang::De),
            "wöchentlich Di, Do, 10:00–12:00"
        );
        let cafe = Recurrence::Monthly {
            week: MonthWeek::Nth(1),
            weekday: 5,
            start: Time::constant(15, 0, 0, 0),
            end: Time::constant(18, 0, 0, 0),
        };
        assert_eq!(
            describe(&cafe, Lang::De),
            "monatlich am 1. Freitag, 15:00–18:00"
        );
        assert_eq!(
            describe(&cafe, Lang::En),
            "monthly on the 1st Friday, 15:00–18:00"
        );
        assert_eq!(weekday_short(9, Lang::De), "?");
    }
}
