//! Properties of what staff type for Sprachvermittlung: usual times read back
//! exactly as the desk writes them, and no typed text makes a parser panic.

use jiff::civil::Time;
use mila::desk::AvailabilitySlot;
use mila::desk::mediation_text::{
    format_availability, parse_appointment, parse_availability, parse_language_levels,
};
use proptest::prelude::*;

fn slot() -> impl Strategy<Value = AvailabilitySlot> {
    (1u8..=7, proptest::option::of((0i8..23, 0i8..60, 1i8..=60))).prop_map(|(weekday, hours)| {
        AvailabilitySlot {
            weekday,
            hours: hours.and_then(|(h, m, len)| {
                let from = Time::new(h, m, 0, 0).ok()?;
                let minutes = i32::from(h) * 60 + i32::from(m) + i32::from(len);
                let to = Time::new(
                    i8::try_from(minutes / 60).ok()?,
                    i8::try_from(minutes % 60).ok()?,
                    0,
                    0,
                )
                .ok()?;
                Some((from, to))
            }),
        }
    })
}

proptest! {
    #[test]
    fn usual_times_read_back_as_written(slots in proptest::collection::vec(slot(), 0..6)) {
        let mut unique: Vec<AvailabilitySlot> = Vec::new();
        for s in slots {
            if !unique.contains(&s) {
                unique.push(s);
            }
        }
        let written = format_availability(&unique);
        prop_assert_eq!(parse_availability(&written).unwrap(), unique);
    }

    #[test]
    fn typed_text_never_panics(text in "\\PC{0,40}") {
        let _ = parse_availability(&text);
        let _ = parse_language_levels(&text);
        let _ = parse_appointment(&text);
    }

    #[test]
    fn an_appointment_reads_back(day in 0i64..3650, h in 0i8..24, m in 0i8..60) {
        let date = jiff::civil::date(2024, 1, 1)
            .checked_add(jiff::Span::new().days(day))
            .unwrap();
        let text = format!("{date} {h:02}:{m:02}");
        prop_assert_eq!(parse_appointment(&text).unwrap(), (date, Time::new(h, m, 0, 0).unwrap()));
        let german = format!("{:02}.{:02}.{} {h}:{m:02}", date.day(), date.month(), date.year());
        prop_assert_eq!(parse_appointment(&german).unwrap(), (date, Time::new(h, m, 0, 0).unwrap()));
    }
}
