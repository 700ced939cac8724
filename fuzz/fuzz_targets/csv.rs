//! The CSV reader on arbitrary text: an error naming a place, or a parse; never a panic.
#![no_main]

use chrono::{TimeZone, Utc};
use libfuzzer_sys::fuzz_target;
use lsq_tasks::task::{Zone, check, read_csv};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Some(now) = Utc.with_ymd_and_hms(2026, 12, 3, 9, 0, 0).single() else {
        return;
    };
    // A zone that cannot be read is the machine's problem (no tzdata), not a finding.
    let zone = Zone::parse("America/New_York").expect("the system's tzdata has America/New_York");
    if let Ok(parsed) = read_csv(text, now, zone) {
        // The validator must take whatever the reader produced.
        let _ = check(&parsed, now);
    }
});
