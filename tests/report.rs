//! The day summary and the period report: exact expected output for a
//! fixture day (goldens in `tests/golden/`), CSV as a CSV reader sees it,
//! JSON round trips, no personal data without names, roles, the audit.
//!
//! To accept changed output after checking the diff:
//! `UPDATE_GOLDEN=1 cargo test --test report`.

mod common;

use common::report::{DAY, FixtureDay, PERSONAL_STRINGS, WEEK_BEFORE, fixture_day};
use jiff::civil::date;
use mila::desk::*;
use mila::report::{DaySummary, Format, PeriodReport, render};
use mila::store::records::VisitorNo;
use mila::ui::catalog::Lang;
use mila::ui::sanitize::display_width;

const FORM_FEED: char = '\u{0C}';

fn golden(name: &str, actual: &[u8]) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (UPDATE_GOLDEN=1 writes it)", path.display()));
    if expected != actual {
        panic!(
            "{name} differs from the golden file.\n--- expected\n{}\n--- actual\n{}",
            String::from_utf8_lossy(&expected),
            String::from_utf8_lossy(actual)
        );
    }
}

/// As staff with data access see it: with the (sealed) breakdowns.
fn summary(fd: &FixtureDay) -> DaySummary {
    fd.f.desk.day_summary(&fd.receptionist, DAY, false).unwrap()
}

fn period(fd: &FixtureDay) -> PeriodReport {
    fd.f.desk
        .period_report(&fd.f.coordinator, date(2026, 11, 1), date(2026, 11, 30))
        .unwrap()
}

/// Every line at most 80 cells, every page at most 60 lines with its
/// header, no control character but line ends and form feeds.
fn assert_printable(text: &str, lang: Lang) {
    let pages: Vec<&str> = text.split(FORM_FEED).collect();
    for (i, page) in pages.iter().enumerate() {
        assert!(page.lines().count() <= render::PAGE_LINES, "page {}", i + 1);
        let first = page.lines().next().unwrap();
        let n = (i + 1, pages.len());
        let expected = match lang {
            Lang::De => format!("Seite {} von {}", n.0, n.1),
            Lang::En => format!("Page {} of {}", n.0, n.1),
        };
        assert!(first.ends_with(&expected), "{first}");
        for line in page.lines() {
            assert!(display_width(line) <= render::WIDTH, "too wide: {line}");
        }
    }
    // Controls and the format characters that reorder or hide text (bidi
    // overrides, zero-width space): a printout shows what the database holds.
    let bad = text
        .chars()
        .find(|c| *c != '\n' && *c != FORM_FEED && mila::ui::sanitize::is_unsafe(*c));
    assert_eq!(bad, None, "a control or bidi character in the text");
}

#[test]
#[should_panic(expected = "a control or bidi character in the text")]
fn a_bidi_override_is_not_printable() {
    assert_printable("MiLA  Seite 1 von 1\nTesta\u{202e}Beispiel\n", Lang::De);
}

#[test]
fn the_fixture_day_renders_exactly_as_expected() {
    let fd = fixture_day();
    let s = summary(&fd);
    for lang in Lang::ALL {
        let text = render::day(&s, Format::Text, lang).unwrap();
        assert_printable(std::str::from_utf8(&text).unwrap(), lang);
        golden(&format!("day-2026-11-19.{lang}.txt"), &text);
    }
    golden(
        "day-2026-11-19.de.csv",
        &render::day(&s, Format::Csv, Lang::De).unwrap(),
    );
    let p = period(&fd);
    let text = render::period(&p, Format::Text, Lang::De).unwrap();
    assert_printable(std::str::from_utf8(&text).unwrap(), Lang::De);
    golden("period-2026-11.de.txt", &text);
    golden(
        "period-2026-11.de.csv",
        &render::period(&p, Format::Csv, Lang::De).unwrap(),
    );
}

#[test]
fn the_fixture_day_counts_what_happened() {
    let fd = fixture_day();
    let s = summary(&fd);
    assert_eq!(s.date, DAY);
    assert_eq!(s.staff_on_duty, ["empfang", "helfer", "koordination"]);
    let rows: Vec<(&str, u32, u32, u32)> = s
        .sessions
        .iter()
        .map(|l| (&l.offering[..], l.checkins, l.tallied(), l.total))
        .collect();
    assert_eq!(
        rows,
        [
            ("Sozialberatung Asyl- und Flüchtlingsbetreuung", 2, 1, 3),
            ("Deutschkurs (Erste Sprachvermittlung)", 3, 3, 6),
            ("Infoveranstaltung", 4, 8, 12),
            ("Zahngesundheit", 0, 0, 0),
        ]
    );
    assert_eq!(s.sessions[3].state, SessionState::Cancelled);
    assert_eq!(
        (
            s.totals.sessions,
            s.totals.held,
            s.totals.checkins,
            s.totals.tallied,
            s.totals.total
        ),
        (4, 3, 9, 12, 21)
    );
    let v = s.visitors;
    assert_eq!(
        (v.new_registrations, v.unique, v.new, v.returning),
        (2, 4, 2, 2)
    );
    let langs: Vec<(&str, u32)> = s
        .new_languages
        .iter()
        .map(|c| (&c.label[..], c.count))
        .collect();
    assert_eq!(langs, [("Arabisch", 1), ("Dari", 1), ("Tigrinya", 1)]);
    let needs: Vec<(&str, u32)> = s
        .new_needs
        .iter()
        .map(|c| (&c.label[..], c.count))
        .collect();
    assert_eq!(needs, [("Beschäftigung", 1), ("Sprache", 1)]);
    assert_eq!(s.referrals[0].label, "Sprechstunde pro beruf");
    assert!(s.note.starts_with("- Ruhiger Vormittag"));
    assert!(!s.has_names());

    // The week before: only the returning visitors' first visit.
    let before =
        fd.f.desk
            .day_summary(&fd.receptionist, WEEK_BEFORE, false)
            .unwrap();
    assert_eq!(
        (
            before.visitors.new_registrations,
            before.visitors.unique,
            before.visitors.new
        ),
        (2, 2, 2)
    );
    assert!(before.staff_on_duty.is_empty(), "nobody logged in that day");

    let p = period(&fd);
    let class = p
        .offerings
        .iter()
        .find(|o| o.name.starts_with("Deutschkurs"))
        .unwrap();
    assert_eq!(
        (
            class.sessions_held,
            class.attendance,
            class.mean_per_session,
            class.unique_visitors
        ),
        (2, 9, 4.5, 4)
    );
    let dental = p
        .offerings
        .iter()
        .find(|o| o.name == "Zahngesundheit")
        .unwrap();
    assert_eq!((dental.sessions_held, dental.attendance), (0, 0));
    assert_eq!(p.totals.new_registrations, 4);
    assert_eq!(p.totals.unique_visitors, 4);
    assert_eq!(
        p.totals.attendance,
        s.totals.total + before.totals.total,
        "the period adds up the days"
    );
    assert_eq!(p.registrations_per_month.len(), 1);
    assert_eq!(p.registrations_per_month[0].count, 4);
    let weeks: Vec<(i8, u32)> = p.weeks.iter().map(|w| (w.week, w.attendance)).collect();
    assert_eq!(
        weeks,
        [(44, 0), (45, 0), (46, 3), (47, 21), (48, 0), (49, 0)]
    );
}

#[test]
fn the_csv_reads_with_a_semicolon_reader_and_starts_with_a_bom() {
    let fd = fixture_day();
    let s = summary(&fd);
    let bytes = render::day(&s, Format::Csv, Lang::De).unwrap();
    assert!(
        bytes.starts_with("\u{FEFF}".as_bytes()),
        "no byte-order mark"
    );
    assert!(std::str::from_utf8(&bytes).unwrap().contains("\r\n"));
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(&bytes[3..]);
    let header = reader.headers().unwrap().clone();
    assert_eq!(&header[0], "Bereich");
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    let sessions: Vec<&csv::StringRecord> = rows.iter().filter(|r| &r[0] == "Termin").collect();
    assert_eq!(sessions.len(), 4);
    let total: u32 = sessions
        .iter()
        .map(|r| r[column("Gesamt")].parse::<u32>().unwrap())
        .sum();
    let sum = rows.iter().find(|r| &r[0] == "Summe").unwrap();
    assert_eq!(sum[column("Gesamt")].parse::<u32>().unwrap(), total);
    assert_eq!(total, 21);
    assert_eq!(&sum[column("Erwachsene")], "8");
    // The session note keeps its semicolon inside quotes; the escape is gone.
    let class = sessions
        .iter()
        .find(|r| r[2].starts_with("Deutschkurs"))
        .unwrap();
    assert!(class[column("Notiz")].starts_with("Raum 2 war zu kalt; Hausmeister"));
    // Free text cannot become an Excel formula; line breaks become spaces.
    let note = rows.iter().find(|r| &r[0] == "Notiz des Tages").unwrap();
    assert!(
        note[column("Notiz")].starts_with("'- Ruhiger Vormittag, voller Nachmittag. - Drucker")
    );

    let p = render::period(&period(&fd), Format::Csv, Lang::De).unwrap();
    assert!(p.starts_with("\u{FEFF}".as_bytes()));
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(&p[3..]);
    let header = reader.headers().unwrap().clone();
    let mean = header
        .iter()
        .position(|h| h == "Besuche pro Termin")
        .unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    let class = rows
        .iter()
        .find(|r| r[1].starts_with("Deutschkurs"))
        .unwrap();
    assert_eq!(&class[mean], "4,50", "German decimal comma");
}

/// Breakdown cells below 3 people are written as "< 3" (issue 13), so the
/// JSON reads back to the report with those cells masked the same way.
fn masked(value: &impl serde::Serialize, fields: &[&str]) -> serde_json::Value {
    let mut tree = serde_json::to_value(value).unwrap();
    for field in fields {
        for cell in tree[*field].as_array_mut().unwrap() {
            let n = cell["count"].as_u64().unwrap();
            if n < 3 {
                cell["count"] = serde_json::Value::String("< 3".into());
            }
        }
    }
    tree
}

#[test]
fn json_round_trips() {
    let fd = fixture_day();
    let day_fields = ["new_languages", "new_needs", "referrals"];
    let s = summary(&fd);
    let json = render::day(&s, Format::Json, Lang::De).unwrap();
    let read: serde_json::Value = serde_json::from_slice(&json).unwrap();
    assert_eq!(read, masked(&s, &day_fields));
    assert_eq!(read["new_languages"][0]["count"], "< 3");
    let with_names = fd.f.desk.day_summary(&fd.f.coordinator, DAY, true).unwrap();
    let json = render::day(&with_names, Format::Json, Lang::De).unwrap();
    let read: serde_json::Value = serde_json::from_slice(&json).unwrap();
    assert_eq!(read, masked(&with_names, &day_fields));
    let p = period(&fd);
    let json = render::period(&p, Format::Json, Lang::En).unwrap();
    let read: serde_json::Value = serde_json::from_slice(&json).unwrap();
    assert_eq!(read, masked(&p, &["languages", "needs", "referrals"]));
    // Without breakdowns nothing is masked: the summary reads back whole.
    let plain = fd.f.desk.day_summary(&fd.volunteer, DAY, false).unwrap();
    let json = render::day(&plain, Format::Json, Lang::De).unwrap();
    assert_eq!(serde_json::from_slice::<DaySummary>(&json).unwrap(), plain);
}

#[test]
fn no_name_phone_or_birth_date_without_names() {
    let fd = fixture_day();
    let s = summary(&fd);
    let p = period(&fd);
    for lang in Lang::ALL {
        for format in Format::ALL {
            for bytes in [
                render::day(&s, format, lang).unwrap(),
                render::period(&p, format, lang).unwrap(),
            ] {
                let text = String::from_utf8(bytes).unwrap();
                for secret in PERSONAL_STRINGS {
                    assert!(!text.contains(secret), "{secret:?} in {format:?} {lang}");
                }
            }
        }
    }
    // Volunteers get the same summary without the breakdowns, which are
    // sealed under the key they do not hold.
    let mut without = s.clone();
    without.new_languages.clear();
    without.new_needs.clear();
    without.referrals.clear();
    without.breakdowns_left_out = true;
    assert_eq!(
        fd.f.desk.day_summary(&fd.volunteer, DAY, false).unwrap(),
        without
    );
}

#[test]
fn names_only_for_coordinators_and_audited() {
    let fd = fixture_day();
    let desk = &fd.f.desk;
    for who in [&fd.volunteer, &fd.receptionist] {
        assert!(matches!(
            desk.day_summary(who, DAY, true),
            Err(DeskError::Forbidden(Capability::NamesReport))
        ));
    }
    let [eins, zwei, drei, vier] = fd.visitors;
    desk.erase_visitor(&fd.f.coordinator, vier).unwrap();
    let s = desk.day_summary(&fd.f.coordinator, DAY, true).unwrap();
    assert!(s.has_names());
    let class = s
        .sessions
        .iter()
        .find(|l| l.offering.starts_with("Deutschkurs"))
        .unwrap();
    let listed: Vec<(VisitorNo, &str, bool)> = class
        .attendees
        .as_ref()
        .unwrap()
        .iter()
        .map(|a| (a.number, &a.name[..], a.erased))
        .collect();
    assert_eq!(
        listed,
        [
            (eins, "Testperson Eins", false),
            (drei, "Testperson Drei", false),
            // Erased: the visit counts on under an anonymous stand-in, not the number.
            (mila::store::records::ANONYMOUS_BASE, "", true)
        ]
    );
    let text = String::from_utf8(render::day(&s, Format::Text, Lang::De).unwrap()).unwrap();
    assert_printable(&text, Lang::De);
    assert!(text.contains("VERTRAULICH – enthält Namen"));
    assert!(text.contains("M-0001  Testperson Eins"));
    assert!(text.contains("تجربة اثنان (Testperson Zwei)"));
    assert!(text.contains("—  (Daten gelöscht)"), "{text}");
    let csv = String::from_utf8(render::day(&s, Format::Csv, Lang::De).unwrap()).unwrap();
    assert!(csv.contains("Testperson Drei"));

    let filter = AuditFilter {
        action: Some(AuditAction::NamesReport),
        ..AuditFilter::default()
    };
    let entries = desk.audit_entries(&fd.f.coordinator, &filter).unwrap();
    let mut audited: Vec<VisitorNo> = entries.iter().filter_map(|(_, e)| e.visitor).collect();
    audited.sort_unstable();
    // The erased person is not listed under their number, so not audited as listed.
    assert_eq!(audited, [eins, zwei, drei]);
    let _ = vier;
    assert!(
        entries
            .iter()
            .all(|(_, e)| e.user == "koordination" && e.detail == "day summary 2026-11-19")
    );
    // A day without anyone checked in is still recorded.
    desk.day_summary(&fd.f.coordinator, date(2026, 11, 20), true)
        .unwrap();
    let entries = desk.audit_entries(&fd.f.coordinator, &filter).unwrap();
    assert_eq!(entries.len(), 4);
    assert_eq!(entries[0].1.visitor, None);
}

#[test]
fn period_reports_are_for_coordinators_and_need_an_order() {
    let fd = fixture_day();
    let desk = &fd.f.desk;
    for who in [&fd.volunteer, &fd.receptionist] {
        assert!(matches!(
            desk.period_report(who, DAY, DAY),
            Err(DeskError::Forbidden(Capability::PeriodReport))
        ));
    }
    assert!(matches!(
        desk.period_report(&fd.f.coordinator, DAY, WEEK_BEFORE),
        Err(DeskError::Invalid { field: "to", .. })
    ));
    let one_day = desk.period_report(&fd.f.coordinator, DAY, DAY).unwrap();
    assert_eq!(one_day.totals.attendance, 21);
    assert_eq!(one_day.weeks.len(), 1);
}

#[test]
fn any_staff_member_writes_the_day_note_within_its_limit() {
    let fd = fixture_day();
    let desk = &fd.f.desk;
    let other = date(2026, 11, 20);
    assert_eq!(desk.day_note(other).unwrap(), "");
    desk.set_day_note(&fd.volunteer, other, "  Heizung kaputt  ")
        .unwrap();
    assert_eq!(desk.day_note(other).unwrap(), "Heizung kaputt");
    let long = "x".repeat(MAX_DAY_NOTE + 1);
    assert!(matches!(
        desk.set_day_note(&fd.volunteer, other, &long),
        Err(DeskError::Invalid { field: "note", .. })
    ));
    assert_eq!(desk.day_note(other).unwrap(), "Heizung kaputt", "unchanged");
    desk.set_day_note(&fd.volunteer, other, &"ü".repeat(MAX_DAY_NOTE))
        .unwrap();
    desk.set_day_note(&fd.receptionist, other, "").unwrap();
    assert_eq!(desk.day_note(other).unwrap(), "");
}

/// A crowded day built as data: many sessions, long notes in Arabic and
/// Chinese, hostile characters. Pages and columns must hold.
#[test]
fn crowded_days_keep_to_80_columns_and_60_lines() {
    use mila::report::{Count, DayTotals, VisitorCounts};
    let fd = fixture_day();
    let mut s = summary(&fd);
    let template = s.sessions[1].clone();
    s.sessions = (0..40)
        .map(|i| {
            let mut l = template.clone();
            l.id = i;
            l.title = match i % 3 {
                0 => "学习中文和德语的课程 ".repeat(6),
                1 => "دورة اللغة الألمانية للمبتدئين ".repeat(4),
                _ => format!("Kurs\u{202E}{i}\u{1b}]0;x\u{7}"),
            };
            l.note = "ملاحظة طويلة جدا 很长的笔记 ".repeat(20);
            l.tallies.push(Count::new("很长的类别名称".repeat(5), 7));
            l
        })
        .collect();
    s.totals = DayTotals::of(&s.sessions);
    s.visitors = VisitorCounts::default();
    s.note = "Notiz ".repeat(300);
    for lang in Lang::ALL {
        let text = String::from_utf8(render::day(&s, Format::Text, lang).unwrap()).unwrap();
        assert_printable(&text, lang);
        assert!(text.split(FORM_FEED).count() > 5);
    }
}

/// The day report with names as JSON: a name that steers a terminal is
/// escaped (`\u009b`, `\u202e`), and a parser reads it back as stored.
#[test]
fn json_with_names_escapes_what_terminals_act_on() {
    let fd = fixture_day();
    let hostile = "Testa\u{9b}31m\u{202e}Feindlich\u{2066}";
    let no =
        fd.f.desk
            .register_visitor(
                &fd.f.coordinator,
                &common::report::person(hostile, "", 1990),
                true,
                None,
            )
            .unwrap();
    fd.f.desk
        .check_in(&fd.f.coordinator, fd.sessions[0], no)
        .unwrap();
    let with_names = fd.f.desk.day_summary(&fd.f.coordinator, DAY, true).unwrap();
    let json = render::day(&with_names, Format::Json, Lang::De).unwrap();
    let text = std::str::from_utf8(&json).unwrap();
    let bad = text
        .chars()
        .find(|c| *c != '\n' && mila::ui::sanitize::is_unsafe(*c));
    assert_eq!(bad, None);
    assert!(
        text.contains("\\u009b") && text.contains("\\u202e"),
        "{text}"
    );
    assert!(
        serde_json::to_string(&serde_json::from_str::<serde_json::Value>(text).unwrap())
            .unwrap()
            .contains(hostile),
        "the stored name reads back"
    );
}
