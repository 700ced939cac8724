//! Time entry: what a person types for a due or end time, turned into a UTC instant.
//!
//! Accepted forms (case does not matter):
//! - `2027-01-14 04:30:00`: the API's own format, taken as UTC;
//! - `2027-01-14 10:00`: a wall-clock time in the user's zone;
//! - either of those followed by a zone: `2027-01-14 10:00:00 Asia/Kolkata`, `... UTC`;
//! - `today 15:00`, `tomorrow 9:30`, `mon 10:00` (the next such day whose time is still ahead);
//! - `+30m`, `+2h`, `+3d` from now (`d` keeps the wall-clock time across daylight saving).
//!
//! A wall-clock time that does not exist (skipped by daylight saving) is refused; one that
//! happens twice resolves to the earlier instant and says so.

use std::str::FromStr;

use chrono::{
    DateTime, Datelike, Days, Duration, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeZone,
    Utc, Weekday,
};

use super::{Zone, ZoneError};

/// An instant and, when the entry needed interpreting, a sentence saying how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    pub instant: DateTime<Utc>,
    pub note: Option<String>,
}

/// Text that is not a time this parser understands, with the reason and the forms it takes.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct WhenError(pub String);

/// The forms, for messages and help screens.
pub const FORMS: &str = "YYYY-MM-DD HH:MM (your zone), YYYY-MM-DD HH:MM:SS (UTC), \
                         today 15:00, tomorrow 9:30, mon 10:00, +30m, +2h, +3d";

fn refuse(input: &str, why: &str) -> WhenError {
    let input = super::problem::printable(input);
    WhenError(format!("'{input}' is not a time {why}: try {FORMS}"))
}

/// Parses `input` as typed in `zone`, with `now` as the clock for relative forms.
pub fn parse(input: &str, now: DateTime<Utc>, zone: Zone) -> Result<Resolved, WhenError> {
    let text = input.trim();
    if text.is_empty() {
        return Err(WhenError(format!("no time given: try {FORMS}")));
    }
    if let Some(offset) = text.strip_prefix('+') {
        return relative_offset(text, offset, now, zone);
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    match words.as_slice() {
        [day, time] if NaiveDate::parse_from_str(day, "%Y-%m-%d").is_err() => {
            let date = named_day(text, day, time, now, zone)?;
            local(date.and_time(clock_time(text, time)?), zone)
        }
        [date, time] => {
            let date = calendar_date(text, date)?;
            if time.len() == 8 {
                let instant = date.and_time(clock_time(text, time)?).and_utc();
                return Ok(Resolved {
                    instant,
                    note: Some("taken as UTC (the API's format)".into()),
                });
            }
            local(date.and_time(clock_time(text, time)?), zone)
        }
        [date, time, zone_name] => {
            let date = calendar_date(text, date)?;
            let naive = date.and_time(clock_time(text, time)?);
            if zone_name.eq_ignore_ascii_case("utc") || *zone_name == "Z" {
                return Ok(Resolved {
                    instant: naive.and_utc(),
                    note: None,
                });
            }
            local(naive, parse_zone(zone_name).map_err(WhenError)?)
        }
        _ => Err(refuse(text, "this tool understands")),
    }
}

/// An IANA zone by name, e.g. `Asia/Kolkata`.
pub fn parse_zone(name: &str) -> Result<Zone, String> {
    Zone::parse(name.trim()).map_err(|error| match error {
        // The name as typed, surrounding spaces and all.
        ZoneError::Unknown(_) => ZoneError::Unknown(name.to_owned()).to_string(),
        other => other.to_string(),
    })
}

/// The zone of this system: `TZ` when it names a zone, then the system setting, then UTC. When
/// the system names a zone that cannot be read (no tzdata installed), UTC comes with the reason,
/// for the caller to tell: dates would otherwise be silently taken as UTC.
pub fn system_zone() -> (Zone, Option<ZoneError>) {
    let tz = std::iter::once_with(|| std::env::var("TZ").ok());
    let system = std::iter::once_with(|| iana_time_zone::get_timezone().ok());
    let mut unreadable = None;
    for name in tz.chain(system).flatten() {
        match Zone::parse(name.trim_start_matches(':').trim()) {
            Ok(zone) => return (zone, None),
            // Not a zone name (`TZ=IST-5:30`): the next source decides, as before.
            Err(ZoneError::Unknown(_)) => {}
            Err(error) => {
                unreadable.get_or_insert(error);
            }
        }
    }
    (Zone::UTC, unreadable)
}

fn calendar_date(input: &str, text: &str) -> Result<NaiveDate, WhenError> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| refuse(input, &format!("('{text}' is not a real YYYY-MM-DD date)")))
}

fn clock_time(input: &str, text: &str) -> Result<NaiveTime, WhenError> {
    ["%H:%M:%S", "%H:%M"]
        .iter()
        .find_map(|format| NaiveTime::parse_from_str(text, format).ok())
        .ok_or_else(|| refuse(input, &format!("('{text}' is not a clock time like 09:30)")))
}

fn named_day(
    input: &str,
    day: &str,
    time: &str,
    now: DateTime<Utc>,
    zone: Zone,
) -> Result<NaiveDate, WhenError> {
    let today = now.with_timezone(&zone).date_naive();
    match day.to_ascii_lowercase().as_str() {
        "today" => Ok(today),
        "tomorrow" => Ok(today + Days::new(1)),
        other => {
            let weekday = Weekday::from_str(other)
                .map_err(|_| refuse(input, &format!("('{day}' is not a day I know)")))?;
            let ahead = u64::from(
                (7 + weekday.num_days_from_monday() - today.weekday().num_days_from_monday()) % 7,
            );
            let mut date = today + Days::new(ahead);
            // Today's weekday means today only while that time is still ahead.
            if ahead == 0 {
                let candidate = local(date.and_time(clock_time(input, time)?), zone);
                if candidate.is_ok_and(|r| r.instant <= now) {
                    date = date + Days::new(7);
                }
            }
            Ok(date)
        }
    }
}

fn relative_offset(
    input: &str,
    offset: &str,
    now: DateTime<Utc>,
    zone: Zone,
) -> Result<Resolved, WhenError> {
    // The unit is the last character, which need not be one byte long (`+2ч`).
    let split = offset.char_indices().last().map_or(0, |(at, _)| at);
    let (digits, unit) = offset.split_at(split);
    let amount: u32 = digits
        .parse()
        .map_err(|_| refuse(input, "(write a whole number and a unit: +30m, +2h, +3d)"))?;
    let now =
        now.with_timezone(&Utc) - Duration::nanoseconds(i64::from(now.timestamp_subsec_nanos()));
    match unit.to_ascii_lowercase().as_str() {
        // Checked: `+4294967295h` is past the last date chrono can hold.
        "m" | "h" => {
            let step = if unit.eq_ignore_ascii_case("m") {
                Duration::minutes(i64::from(amount))
            } else {
                Duration::hours(i64::from(amount))
            };
            now.checked_add_signed(step)
                .map(exact)
                .ok_or_else(|| refuse(input, "(too far ahead)"))
        }
        "d" => {
            let wall = now.with_timezone(&zone).naive_local();
            let later = wall
                .checked_add_days(Days::new(u64::from(amount)))
                .ok_or_else(|| refuse(input, "(too far ahead)"))?;
            local(later, zone)
        }
        _ => Err(refuse(input, "(the unit must be m, h or d)")),
    }
}

fn exact(instant: DateTime<Utc>) -> Resolved {
    Resolved {
        instant,
        note: None,
    }
}

/// A wall-clock time in `zone`, refusing a skipped time and taking the earlier of a repeated one.
fn local(naive: NaiveDateTime, zone: Zone) -> Result<Resolved, WhenError> {
    match zone.from_local_datetime(&naive) {
        LocalResult::Single(instant) => Ok(exact(instant.with_timezone(&Utc))),
        LocalResult::Ambiguous(first, second) => {
            let earlier = first.min(second);
            Ok(Resolved {
                instant: earlier.with_timezone(&Utc),
                note: Some(format!(
                    "{} happens twice in {zone} (the clocks go back); took the earlier one, {} \
                     ({})",
                    naive.format("%Y-%m-%d %H:%M"),
                    earlier.with_timezone(&Utc).format("%H:%M UTC"),
                    earlier.format("%Z")
                )),
            })
        }
        LocalResult::None => Err(WhenError(format!(
            "{} does not exist in {zone}: the clocks skip that hour when daylight saving \
             starts; pick a time after the jump",
            naive.format("%Y-%m-%d %H:%M")
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kolkata() -> Zone {
        Zone::parse("Asia/Kolkata").unwrap()
    }

    fn new_york() -> Zone {
        Zone::parse("America/New_York").unwrap()
    }

    /// Wednesday 2027-01-13 08:00 in New York (13:00 UTC).
    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2027, 1, 13, 13, 0, 0).unwrap()
    }

    fn utc(input: &str, zone: Zone) -> String {
        parse(input, now(), zone)
            .unwrap()
            .instant
            .format("%Y-%m-%d %H:%M:%S")
            .to_string()
    }

    #[test]
    fn exact_api_format_is_utc_whatever_the_zone() {
        assert_eq!(utc("2027-01-14 04:30:00", kolkata()), "2027-01-14 04:30:00");
    }

    #[test]
    fn minutes_only_means_the_users_zone() {
        assert_eq!(utc("2027-01-14 10:00", kolkata()), "2027-01-14 04:30:00");
        assert_eq!(utc("2027-01-14 10:00", new_york()), "2027-01-14 15:00:00");
    }

    #[test]
    fn a_named_zone_or_utc_overrides_the_users_zone() {
        assert_eq!(
            utc("2027-01-14 10:00:00 Asia/Kolkata", new_york()),
            "2027-01-14 04:30:00"
        );
        assert_eq!(
            utc("2027-01-14 10:00 UTC", kolkata()),
            "2027-01-14 10:00:00"
        );
        assert!(parse("2027-01-14 10:00 Mars/Olympus", now(), kolkata()).is_err());
    }

    #[test]
    fn today_and_tomorrow() {
        assert_eq!(utc("today 15:00", new_york()), "2027-01-13 20:00:00");
        assert_eq!(utc("Tomorrow 9:30", new_york()), "2027-01-14 14:30:00");
    }

    #[test]
    fn weekdays_mean_the_next_one_still_ahead() {
        // Now is Wednesday 08:00 local.
        assert_eq!(utc("mon 10:00", new_york()), "2027-01-18 15:00:00");
        assert_eq!(utc("wed 09:00", new_york()), "2027-01-13 14:00:00");
        assert_eq!(utc("wed 07:00", new_york()), "2027-01-20 12:00:00");
        assert_eq!(utc("friday 17:00", new_york()), "2027-01-15 22:00:00");
    }

    #[test]
    fn offsets_from_now() {
        assert_eq!(utc("+30m", new_york()), "2027-01-13 13:30:00");
        assert_eq!(utc("+2h", new_york()), "2027-01-13 15:00:00");
        assert_eq!(utc("+3d", new_york()), "2027-01-16 13:00:00");
        assert!(parse("+3w", now(), new_york()).is_err());
        assert!(parse("+h", now(), new_york()).is_err());
    }

    /// Found by the `when` fuzz target: a unit of more than one byte panicked on a slice, and
    /// a huge offset overflowed chrono's range.
    #[test]
    fn odd_offsets_are_refused_not_panicked_on() {
        for input in ["+\t\0\0\0\0\0\0\0\u{75b}", "+2ч", "+é", "+4294967295h"] {
            let error = parse(input, now(), new_york()).unwrap_err();
            assert!(error.0.contains("is not a time"), "{error}");
        }
        assert!(parse("+4294967295d", now(), new_york()).is_err());
    }

    #[test]
    fn days_keep_wall_clock_time_across_daylight_saving() {
        // 2027-03-13 08:00 EST; DST starts 2027-03-14 02:00 in New York.
        let before = Utc.with_ymd_and_hms(2027, 3, 13, 13, 0, 0).unwrap();
        let later = parse("+1d", before, new_york()).unwrap().instant;
        assert_eq!(later, Utc.with_ymd_and_hms(2027, 3, 14, 12, 0, 0).unwrap());
    }

    #[test]
    fn a_time_skipped_by_daylight_saving_is_refused() {
        let error = parse("2027-03-14 02:30", now(), new_york()).unwrap_err();
        assert!(error.0.contains("does not exist"), "{error}");
    }

    #[test]
    fn a_repeated_time_takes_the_earlier_instant_and_says_so() {
        let resolved = parse("2027-11-07 01:30", now(), new_york()).unwrap();
        // 01:30 EDT (UTC-4) comes before 01:30 EST (UTC-5).
        assert_eq!(
            resolved.instant,
            Utc.with_ymd_and_hms(2027, 11, 7, 5, 30, 0).unwrap()
        );
        assert!(resolved.note.unwrap().contains("twice"));
    }

    #[test]
    fn nonsense_names_the_forms() {
        for bad in [
            "",
            "soon",
            "2027-13-01 10:00",
            "2027-01-14 25:00",
            "today",
            "a b c d",
        ] {
            let error = parse(bad, now(), new_york()).unwrap_err();
            assert!(
                error.0.contains("try") || error.0.contains("no time"),
                "{bad}: {error}"
            );
        }
    }
}
