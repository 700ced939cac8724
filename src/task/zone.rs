//! IANA time zones by name, read when first named from the system's time zone database (TZif
//! files under `/usr/share/zoneinfo`, or `TZDIR` as glibc reads it).
//!
//! Not compiled in (as chrono-tz does): its tables cost ~37,000 dynamic relocations in the
//! position-independent release binary, dirtying ~1.15 MB of pages and making the loader read
//! ~0.95 MB more at every start, for the one or two zones a person ever uses. The system's files
//! are also updated with the system, not with this program.
//!
//! A name is read at most once per process and kept for the rest of it, so a [`Zone`] is a
//! `Copy` reference that the code passes around by value as it did chrono-tz's `Tz`.

use std::collections::HashMap;
use std::fmt;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::{Mutex, OnceLock, PoisonError};

use chrono::{
    Datelike, FixedOffset, LocalResult, NaiveDate, NaiveDateTime, Offset, TimeZone, Timelike,
};
use tz::datetime::FoundDateTimeKind;
use tz::{LocalTimeType, TimeZoneRef};

/// Where the system keeps its TZif files when `TZDIR` does not say otherwise.
const SYSTEM_DATABASE: &str = "/usr/share/zoneinfo";

/// Longer than any IANA name (the longest is 32 bytes); a bound on what is looked up at all.
const MAX_NAME: usize = 64;

/// The zones read so far, by name.
static READ: OnceLock<Mutex<HashMap<String, Zone>>> = OnceLock::new();

/// An IANA time zone, e.g. `Asia/Kolkata`: its name and the rules read from its TZif file.
#[derive(Clone, Copy)]
pub struct Zone(&'static Data);

struct Data {
    name: &'static str,
    rules: TimeZoneRef<'static>,
}

/// A zone that cannot be used, naming it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ZoneError {
    /// Not a zone name, or one this system's database does not have.
    #[error("'{0}' is not an IANA time zone name such as Asia/Kolkata or America/New_York")]
    Unknown(String),
    /// No database to look the name up in: a container or minimal system without tzdata.
    #[error(
        "time zone '{name}' cannot be read: there is no time zone database at {} (install the \
         system's tzdata package, or set TZDIR to a folder of TZif files)",
        dir.display()
    )]
    NoDatabase { name: String, dir: PathBuf },
    /// The zone's file is there but cannot be read or is not a TZif file.
    #[error("time zone '{name}' cannot be read from {}: {reason}", path.display())]
    Unreadable {
        name: String,
        path: PathBuf,
        reason: String,
    },
}

/// UTC as chrono-tz named it (`UTC`, abbreviated `UTC`), built in so that the fallback zone
/// works on a system without tzdata.
const UTC_TYPE: LocalTimeType = match LocalTimeType::new(0, false, Some(b"UTC")) {
    Ok(utc) => utc,
    Err(_) => panic!("UTC is a valid local time type"),
};

impl Zone {
    /// Coordinated Universal Time; needs no database.
    pub const UTC: Zone = Zone(&Data {
        name: "UTC",
        rules: match TimeZoneRef::new(&[], &[UTC_TYPE], &[], &None) {
            Ok(rules) => rules,
            Err(_) => panic!("UTC is a valid time zone"),
        },
    });

    /// The zone called `name` (exactly, as the IANA database spells it), read from the system's
    /// database the first time it is asked for.
    pub fn parse(name: &str) -> Result<Zone, ZoneError> {
        if name == Zone::UTC.name() {
            return Ok(Zone::UTC);
        }
        if !is_plausible_name(name) {
            return Err(ZoneError::Unknown(name.to_owned()));
        }
        // Held while reading the file: the second of two threads asking for the same new zone
        // then finds it instead of leaking a second copy.
        let mut read = READ
            .get_or_init(Mutex::default)
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if let Some(zone) = read.get(name) {
            return Ok(*zone);
        }
        let rules = read_zone(&database(), name)?;
        // Leaked on purpose: a process names a handful of zones and keeps each to the end.
        let zone = Zone(Box::leak(Box::new(Data {
            name: Box::leak(name.into()),
            rules: Box::leak(Box::new(rules)).as_ref(),
        })));
        read.insert(name.to_owned(), zone);
        Ok(zone)
    }

    /// The IANA name, e.g. `Asia/Kolkata`.
    pub fn name(self) -> &'static str {
        self.0.name
    }

    /// The local time type at a Unix time. After the last transition of a file with no rule
    /// for later years tz-rs finds none: the last type then stays in force, as glibc and
    /// chrono-tz keep it. A time out of tz-rs's range is given the same.
    fn type_at(self, unix_time: i64) -> LocalTimeType {
        let rules = self.0.rules;
        if let Ok(found) = rules.find_local_time_type(unix_time) {
            return *found;
        }
        let types = rules.local_time_types();
        rules
            .transitions()
            .last()
            .and_then(|last| types.get(last.local_time_type_index()))
            .or_else(|| types.first())
            .copied()
            .unwrap_or(UTC_TYPE)
    }

    fn offset(self, local_type: LocalTimeType) -> ZoneOffset {
        ZoneOffset {
            zone: self,
            local_type,
        }
    }
}

/// Zone names are ASCII words joined by `/`, each starting with a capital letter (`Etc/GMT+5`,
/// `America/Port-au-Prince`). That also keeps a typed name inside the database folder (no `..`,
/// no absolute path) and away from its other files (`zone.tab`, `posix/`, `right/`,
/// `localtime`), which chrono-tz did not accept either.
fn is_plausible_name(name: &str) -> bool {
    name.len() <= MAX_NAME
        && name.split('/').all(|word| {
            let mut chars = word.chars();
            chars.next().is_some_and(|c| c.is_ascii_uppercase())
                && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '+'))
        })
}

/// `TZDIR` when set, as glibc reads it, else the system's folder.
fn database() -> PathBuf {
    match std::env::var_os("TZDIR") {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => PathBuf::from(SYSTEM_DATABASE),
    }
}

/// Reads and parses `dir/name`, a name already checked by [`is_plausible_name`].
fn read_zone(dir: &Path, name: &str) -> Result<tz::TimeZone, ZoneError> {
    let path = dir.join(name);
    let bytes = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(error) if matches!(error.kind(), ErrorKind::NotFound | ErrorKind::IsADirectory) => {
            return Err(if dir.is_dir() {
                ZoneError::Unknown(name.to_owned())
            } else {
                ZoneError::NoDatabase {
                    name: name.to_owned(),
                    dir: dir.to_owned(),
                }
            });
        }
        Err(error) => {
            return Err(ZoneError::Unreadable {
                name: name.to_owned(),
                path,
                reason: error.to_string(),
            });
        }
    };
    tz::TimeZone::from_tz_data(&bytes).map_err(|error| ZoneError::Unreadable {
        name: name.to_owned(),
        path,
        reason: format!("not a TZif time zone file ({error})"),
    })
}

impl FromStr for Zone {
    type Err = ZoneError;

    fn from_str(name: &str) -> Result<Zone, ZoneError> {
        Zone::parse(name)
    }
}

/// Zones are equal when their names are: `Asia/Calcutta` is not `Asia/Kolkata`, as in chrono-tz.
impl PartialEq for Zone {
    fn eq(&self, other: &Zone) -> bool {
        self.name() == other.name()
    }
}

impl Eq for Zone {}

impl std::hash::Hash for Zone {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.name().hash(state);
    }
}

/// The name, as chrono-tz printed its zones (screens and messages say "times in Asia/Kolkata").
impl fmt::Display for Zone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl fmt::Debug for Zone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The offset in effect at some instant in a zone, with its abbreviation (`IST`, `EDT`).
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct ZoneOffset {
    zone: Zone,
    local_type: LocalTimeType,
}

impl ZoneOffset {
    /// Seconds east of UTC.
    pub fn seconds(&self) -> i32 {
        self.local_type.ut_offset()
    }

    pub fn is_dst(&self) -> bool {
        self.local_type.is_dst()
    }
}

impl Offset for ZoneOffset {
    /// An offset chrono cannot hold (a day or more, which no zone has had) reads as UTC.
    fn fix(&self) -> FixedOffset {
        FixedOffset::east_opt(self.seconds()).unwrap_or_else(|| chrono::Utc.fix())
    }
}

/// The abbreviation, so `%Z` prints `IST` or `EDT`; a type without one prints its offset as
/// chrono-tz did (`+0530`, `-03`).
impl fmt::Display for ZoneOffset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let abbreviation = self.local_type.time_zone_designation();
        if !abbreviation.is_empty() {
            return f.write_str(abbreviation);
        }
        let seconds = self.seconds();
        let sign = if seconds < 0 { '-' } else { '+' };
        let minutes = seconds.unsigned_abs() / 60;
        write!(f, "{sign}{:02}", minutes / 60)?;
        if !minutes.is_multiple_of(60) {
            write!(f, "{:02}", minutes % 60)?;
        }
        Ok(())
    }
}

impl fmt::Debug for ZoneOffset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

/// chrono's calendar field as tz-rs takes it (every field of a valid date fits a byte).
fn byte(field: u32) -> u8 {
    u8::try_from(field).unwrap_or(u8::MAX)
}

impl TimeZone for Zone {
    type Offset = ZoneOffset;

    fn from_offset(offset: &ZoneOffset) -> Zone {
        offset.zone
    }

    /// Any offset the date had, as chrono-tz answered: the one at its start when that exists.
    fn offset_from_local_date(&self, local: &NaiveDate) -> LocalResult<ZoneOffset> {
        let first = self.offset_from_local_datetime(&local.and_time(chrono::NaiveTime::MIN));
        let last =
            self.offset_from_local_datetime(&local.and_hms_opt(23, 59, 59).unwrap_or_default());
        match (first, last) {
            (LocalResult::Single(offset) | LocalResult::Ambiguous(offset, _), _)
            | (
                LocalResult::None,
                LocalResult::Single(offset) | LocalResult::Ambiguous(offset, _),
            ) => LocalResult::Single(offset),
            (LocalResult::None, LocalResult::None) => LocalResult::None,
        }
    }

    /// `None` for a wall-clock time skipped when the clocks go forward, `Ambiguous` (the earlier
    /// instant first) for one that happens twice when they go back.
    fn offset_from_local_datetime(&self, local: &NaiveDateTime) -> LocalResult<ZoneOffset> {
        let found = tz::DateTime::find(
            local.year(),
            byte(local.month()),
            byte(local.day()),
            byte(local.hour()),
            byte(local.minute()),
            byte(local.second()),
            0,
            self.0.rules,
        );
        let kinds = found
            .map(tz::datetime::FoundDateTimeList::into_inner)
            .unwrap_or_default();
        // tz-rs lists the candidates in order of their instants.
        let mut valid = kinds.iter().filter_map(|kind| match kind {
            FoundDateTimeKind::Normal(instant) => Some(self.offset(*instant.local_time_type())),
            FoundDateTimeKind::Skipped { .. } => None,
        });
        match (valid.next(), valid.next_back()) {
            (Some(only), None) => LocalResult::Single(only),
            (Some(earlier), Some(later)) => LocalResult::Ambiguous(earlier, later),
            (None, _) if kinds.is_empty() => {
                // Nothing found: past the last transition of a file without a rule for later
                // years, or out of tz-rs's range. The offset then in force is the answer.
                let wall = local.and_utc().timestamp();
                let guess = self.type_at(wall);
                LocalResult::Single(self.offset(self.type_at(wall - i64::from(guess.ut_offset()))))
            }
            (None, _) => LocalResult::None,
        }
    }

    fn offset_from_utc_date(&self, utc: &NaiveDate) -> ZoneOffset {
        self.offset_from_utc_datetime(&utc.and_time(chrono::NaiveTime::MIN))
    }

    fn offset_from_utc_datetime(&self, utc: &NaiveDateTime) -> ZoneOffset {
        self.offset(self.type_at(utc.and_utc().timestamp()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{DateTime, Utc};

    fn zone(name: &str) -> Zone {
        Zone::parse(name).unwrap()
    }

    fn wall(text: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap()
    }

    /// The offset and abbreviation at a UTC instant, e.g. `+05:30 IST`.
    fn at(zone: Zone, utc: &str) -> String {
        let instant: DateTime<Utc> = wall(utc).and_utc();
        instant.with_timezone(&zone).format("%:z %Z").to_string()
    }

    #[test]
    fn kolkata_is_five_and_a_half_hours_ahead_all_year() {
        let kolkata = zone("Asia/Kolkata");
        assert_eq!(kolkata.name(), "Asia/Kolkata");
        assert_eq!(kolkata.to_string(), "Asia/Kolkata");
        assert_eq!(at(kolkata, "2027-01-14 04:30"), "+05:30 IST");
        assert_eq!(at(kolkata, "2027-07-14 04:30"), "+05:30 IST");
        let local = kolkata
            .from_local_datetime(&wall("2027-01-14 10:00"))
            .unwrap();
        assert_eq!(
            local.with_timezone(&Utc),
            wall("2027-01-14 04:30").and_utc()
        );
    }

    #[test]
    fn new_york_follows_daylight_saving() {
        let new_york = zone("America/New_York");
        assert_eq!(at(new_york, "2026-01-15 12:00"), "-05:00 EST");
        assert_eq!(at(new_york, "2026-07-15 12:00"), "-04:00 EDT");
        // The switch itself: 2026-03-08 07:00 UTC is 02:00 EST, which becomes 03:00 EDT.
        assert_eq!(at(new_york, "2026-03-08 06:59"), "-05:00 EST");
        assert_eq!(at(new_york, "2026-03-08 07:00"), "-04:00 EDT");
    }

    #[test]
    fn a_skipped_wall_clock_time_has_no_offset() {
        let new_york = zone("America/New_York");
        let gap = new_york.offset_from_local_datetime(&wall("2026-03-08 02:30"));
        assert_eq!(gap, LocalResult::None);
        assert!(
            new_york
                .from_local_datetime(&wall("2026-03-08 03:30"))
                .single()
                .is_some()
        );
    }

    #[test]
    fn a_repeated_wall_clock_time_is_ambiguous_with_daylight_time_first() {
        let new_york = zone("America/New_York");
        let LocalResult::Ambiguous(earlier, later) =
            new_york.from_local_datetime(&wall("2026-11-01 01:30"))
        else {
            panic!("01:30 happens twice on 2026-11-01 in New York");
        };
        assert_eq!(earlier.format("%H:%M %Z").to_string(), "01:30 EDT");
        assert_eq!(later.format("%H:%M %Z").to_string(), "01:30 EST");
        assert_eq!(
            earlier.with_timezone(&Utc),
            wall("2026-11-01 05:30").and_utc()
        );
        assert_eq!(
            later.with_timezone(&Utc),
            wall("2026-11-01 06:30").and_utc()
        );
        assert!(earlier.offset().is_dst() && !later.offset().is_dst());
    }

    /// Past the transitions a TZif file lists, its POSIX rule (`EST5EDT,M3.2.0,M11.1.0`) still
    /// applies: 2080's summer is EDT, its second Sunday of March has a gap and its first
    /// Sunday of November a repeat.
    #[test]
    fn far_future_dates_follow_the_zones_rule() {
        let new_york = zone("America/New_York");
        assert_eq!(at(new_york, "2080-01-15 12:00"), "-05:00 EST");
        assert_eq!(at(new_york, "2080-07-15 12:00"), "-04:00 EDT");
        assert_eq!(
            new_york.offset_from_local_datetime(&wall("2080-03-10 02:30")),
            LocalResult::None
        );
        assert!(matches!(
            new_york.offset_from_local_datetime(&wall("2080-11-03 01:30")),
            LocalResult::Ambiguous(..)
        ));
    }

    /// A TZif file without a rule for later years (version 1, or a hand-made one): a time after
    /// its last transition is in the last type, not refused.
    #[test]
    fn after_the_last_transition_of_a_file_without_a_rule_the_last_type_holds() {
        let types = vec![
            LocalTimeType::new(3_600, false, Some(b"ONE")).unwrap(),
            LocalTimeType::new(7_200, false, Some(b"TWO")).unwrap(),
        ];
        let transitions = vec![tz::timezone::Transition::new(1_000_000_000, 1)];
        let rules = tz::TimeZone::new(transitions, types, Vec::new(), None).unwrap();
        let zone = Zone(Box::leak(Box::new(Data {
            name: "Test/Ruleless",
            rules: Box::leak(Box::new(rules)).as_ref(),
        })));
        let after = zone
            .from_local_datetime(&wall("2030-06-01 12:00"))
            .single()
            .unwrap();
        assert_eq!(after.format("%:z %Z").to_string(), "+02:00 TWO");
        assert_eq!(
            after.with_timezone(&Utc),
            wall("2030-06-01 10:00").and_utc()
        );
        let before = zone
            .from_local_datetime(&wall("1990-06-01 12:00"))
            .single()
            .unwrap();
        assert_eq!(before.format("%:z %Z").to_string(), "+01:00 ONE");
    }

    #[test]
    fn utc_is_built_in_and_etc_utc_is_read() {
        assert_eq!(zone("UTC"), Zone::UTC);
        assert_eq!(at(Zone::UTC, "2027-01-14 04:30"), "+00:00 UTC");
        assert_eq!(at(zone("Etc/UTC"), "2027-01-14 04:30"), "+00:00 UTC");
        assert_eq!(
            Zone::UTC
                .from_local_datetime(&wall("2027-01-14 04:30"))
                .single(),
            Some(wall("2027-01-14 04:30").and_utc().with_timezone(&Zone::UTC))
        );
    }

    #[test]
    fn a_zone_is_read_once_and_compares_by_name() {
        let first = zone("Asia/Kolkata");
        let second: Zone = "Asia/Kolkata".parse().unwrap();
        assert!(std::ptr::eq(first.0, second.0));
        assert_eq!(first, second);
        assert_ne!(first, zone("Asia/Calcutta"));
        assert_eq!(at(zone("Asia/Calcutta"), "2027-01-14 04:30"), "+05:30 IST");
    }

    #[test]
    fn a_type_without_an_abbreviation_prints_its_offset() {
        let offset = |seconds| ZoneOffset {
            zone: Zone::UTC,
            local_type: LocalTimeType::with_ut_offset(seconds).unwrap(),
        };
        assert_eq!(offset(19_800).to_string(), "+0530");
        assert_eq!(offset(-10_800).to_string(), "-03");
        assert_eq!(offset(0).to_string(), "+00");
    }

    #[test]
    fn names_that_are_not_zones_are_refused_without_reading_outside_the_database() {
        for name in [
            "../../etc/passwd",
            "/etc/passwd",
            "Asia/../../../etc/passwd",
            "Asia//Kolkata",
            "asia/kolkata",
            "utc",
            "zone.tab",
            "posix/Asia/Kolkata",
            "right/UTC",
            "localtime",
            "",
            "Asia/Kolkata\0",
            "Asia\\Kolkata",
            "Mars/Olympus",
            "America",
        ] {
            let error = Zone::parse(name).unwrap_err();
            assert_eq!(error, ZoneError::Unknown(name.to_owned()), "{name:?}");
            assert!(
                error.to_string().contains("is not an IANA time zone name"),
                "{error}"
            );
        }
        assert!(!is_plausible_name(&"A".repeat(MAX_NAME + 1)));
        assert!(is_plausible_name("America/Argentina/Buenos_Aires"));
        assert!(is_plausible_name("Etc/GMT-14"));
    }

    #[test]
    fn a_missing_database_says_to_install_tzdata() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("zoneinfo");
        let error = read_zone(&missing, "Asia/Kolkata").unwrap_err();
        assert!(matches!(error, ZoneError::NoDatabase { .. }), "{error:?}");
        let message = error.to_string();
        assert!(message.contains("'Asia/Kolkata'"), "{message}");
        assert!(message.contains("tzdata"), "{message}");
        assert!(
            message.contains(&missing.display().to_string()),
            "{message}"
        );
    }

    #[test]
    fn a_file_that_is_not_tzif_is_named() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("Nowhere"), "not a zone").unwrap();
        let error = read_zone(dir.path(), "Nowhere").unwrap_err();
        assert!(matches!(error, ZoneError::Unreadable { .. }), "{error:?}");
        assert!(error.to_string().contains("Nowhere"), "{error}");
        assert!(matches!(
            read_zone(dir.path(), "Elsewhere"),
            Err(ZoneError::Unknown(_))
        ));
    }

    #[test]
    fn another_database_folder_is_read_like_the_systems() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("Asia")).unwrap();
        let kolkata = std::fs::read(Path::new(SYSTEM_DATABASE).join("Asia/Kolkata")).unwrap();
        std::fs::write(dir.path().join("Asia/Kolkata"), kolkata).unwrap();
        let rules = read_zone(dir.path(), "Asia/Kolkata").unwrap();
        assert_eq!(
            rules
                .find_local_time_type(0)
                .unwrap()
                .time_zone_designation(),
            "IST"
        );
    }
}
