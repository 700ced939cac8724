//! The time-entry parser on arbitrary text, in a zone with daylight saving: an instant or a
//! refusal, never a panic.
#![no_main]

use chrono::{TimeZone, Utc};
use libfuzzer_sys::fuzz_target;
use lsq_tasks::task::Zone;
use lsq_tasks::task::when::parse;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Some(now) = Utc.with_ymd_and_hms(2026, 3, 8, 6, 30, 0).single() else {
        return;
    };
    for name in ["America/New_York", "Asia/Kolkata"] {
        // A zone that cannot be read is the machine's problem (no tzdata), not a finding.
        let zone = Zone::parse(name).expect("the system's tzdata has the zone");
        let _ = parse(text, now, zone);
    }
});
