//! When an offering takes place. Dates are civil (wall-clock) dates in
//! Langenhagen, so a DST change moves nothing.

use jiff::civil::{Date, Time, Weekday};

use crate::store::records::{IsoWeekday, MonthWeek, Recurrence};

fn iso(weekday: Weekday) -> IsoWeekday {
    weekday.to_monday_one_offset() as IsoWeekday
}

/// Whether `recurrence` has a session on `date`.
pub fn occurs_on(recurrence: &Recurrence, date: Date) -> bool {
    match recurrence {
        Recurrence::Weekly { weekdays, .. } => weekdays.contains(&iso(date.weekday())),
        Recurrence::Monthly { week, weekday, .. } => {
            if iso(date.weekday()) != *weekday {
                return false;
            }
            // The n-th such weekday: days 1–7 are the first, 8–14 the second…
            let nth = (date.day() as u8 - 1) / 7 + 1;
            match week {
                MonthWeek::Nth(n) => nth == *n,
                MonthWeek::Last => date.day() as i16 + 7 > date.days_in_month() as i16,
            }
        }
        Recurrence::Once { date: on, .. } => *on == date,
        Recurrence::AdHoc => false,
    }
}

/// Start and end time of the sessions a recurrence makes.
pub fn times(recurrence: &Recurrence) -> Option<(Time, Time)> {
    match recurrence {
        Recurrence::Weekly { start, end, .. }
        | Recurrence::Monthly { start, end, .. }
        | Recurrence::Once { start, end, .. } => Some((*start, *end)),
        Recurrence::AdHoc => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn days_in(recurrence: &Recurrence, from: Date, to: Date) -> Vec<Date> {
        let mut out = Vec::new();
        let mut d = from;
        while d <= to {
            if occurs_on(recurrence, d) {
                out.push(d);
            }
            d = d.tomorrow().unwrap();
        }
        out
    }

    #[test]
    fn weekly_tuesday_thursday_across_month_end_and_dst_change() {
        // 2026-10-25 is the end of summer time in Germany; October has 31 days.
        let r = Recurrence::Weekly {
            weekdays: vec![2, 4],
            start: Time::constant(10, 0, 0, 0),
            end: Time::constant(12, 0, 0, 0),
        };
        let got = days_in(&r, date(2026, 10, 15), date(2026, 11, 15));
        let want = vec![
            date(2026, 10, 15),
            date(2026, 10, 20),
            date(2026, 10, 22),
            date(2026, 10, 27),
            date(2026, 10, 29),
            date(2026, 11, 3),
            date(2026, 11, 5),
            date(2026, 11, 10),
            date(2026, 11, 12),
        ];
        assert_eq!(got, want);
        for d in &got {
            assert!(matches!(d.weekday(), Weekday::Tuesday | Weekday::Thursday));
        }
    }

    #[test]
    fn weekly_across_the_spring_dst_change() {
        // 2027-03-28: start of summer time.
        let r = Recurrence::Weekly {
            weekdays: vec![7],
            start: Time::constant(2, 30, 0, 0),
            end: Time::constant(3, 30, 0, 0),
        };
        assert_eq!(
            days_in(&r, date(2027, 3, 20), date(2027, 4, 5)),
            vec![date(2027, 3, 21), date(2027, 3, 28), date(2027, 4, 4)]
        );
    }

    #[test]
    fn weekly_tuesday_thursday_across_month_end_and_spring_dst_change() {
        // 2027-03-28 starts summer time; the Tuesday after is in March, the
        // Thursday in April.
        let r = Recurrence::Weekly {
            weekdays: vec![4, 2],
            start: Time::constant(10, 0, 0, 0),
            end: Time::constant(12, 0, 0, 0),
        };
        assert_eq!(
            days_in(&r, date(2027, 3, 22), date(2027, 4, 9)),
            vec![
                date(2027, 3, 23),
                date(2027, 3, 25),
                date(2027, 3, 30),
                date(2027, 4, 1),
                date(2027, 4, 6),
                date(2027, 4, 8),
            ]
        );
    }

    #[test]
    fn monthly_first_friday_like_cafe_mila() {
        let first_friday = Recurrence::Monthly {
            week: MonthWeek::Nth(1),
            weekday: 5,
            start: Time::constant(15, 0, 0, 0),
            end: Time::constant(18, 0, 0, 0),
        };
        // January 2027 starts on a Friday; October 2026 on a Thursday.
        assert_eq!(
            days_in(&first_friday, date(2026, 10, 1), date(2027, 1, 31)),
            vec![
                date(2026, 10, 2),
                date(2026, 11, 6),
                date(2026, 12, 4),
                date(2027, 1, 1)
            ]
        );
    }

    #[test]
    fn monthly_on_its_day() {
        let last_friday = Recurrence::Monthly {
            week: MonthWeek::Last,
            weekday: 5,
            start: Time::constant(15, 0, 0, 0),
            end: Time::constant(18, 0, 0, 0),
        };
        assert_eq!(
            days_in(&last_friday, date(2026, 9, 1), date(2026, 12, 31)),
            vec![
                date(2026, 9, 25),
                date(2026, 10, 30),
                date(2026, 11, 27),
                date(2026, 12, 25)
            ]
        );
        let second_monday = Recurrence::Monthly {
            week: MonthWeek::Nth(2),
            weekday: 1,
            start: Time::constant(14, 0, 0, 0),
            end: Time::constant(16, 0, 0, 0),
        };
        assert_eq!(
            days_in(&second_monday, date(2026, 10, 1), date(2026, 12, 31)),
            vec![date(2026, 10, 12), date(2026, 11, 9), date(2026, 12, 14)]
        );
    }

    #[test]
    fn once_and_ad_hoc() {
        let once = Recurrence::Once {
            date: date(2026, 11, 26),
            start: Time::constant(18, 0, 0, 0),
            end: Time::constant(20, 0, 0, 0),
        };
        assert_eq!(
            days_in(&once, date(2026, 11, 1), date(2026, 11, 30)),
            vec![date(2026, 11, 26)]
        );
        assert!(days_in(&Recurrence::AdHoc, date(2026, 1, 1), date(2026, 12, 31)).is_empty());
    }
}
