//! A short, bounded fuzzing run inside the test suite: arbitrary text into every reader of
//! user input. The long runs are the cargo-fuzz targets in `fuzz/` (see RELIABILITY.md); this
//! keeps their promise (an answer, never a panic) checked on every `cargo test`.

#![allow(
    clippy::unwrap_used,
    reason = "a test that cannot set up should fail loudly"
)]

use std::path::Path;

use chrono::{TimeZone, Utc};
use lsq_tasks::config::{ConfigFile, CredentialsFile};
use lsq_tasks::task::{Zone, check, read_body, read_csv, to_json, when};
use proptest::prelude::*;

/// Text that looks enough like the formats to get past their first byte.
fn near(format: &'static [&'static str]) -> impl Strategy<Value = String> {
    (
        proptest::sample::select(format),
        "\\PC{0,40}",
        any::<char>(),
        "[0-9+:\\-\\[\\]\" ,\\n=]{0,20}",
    )
        .prop_map(|(start, middle, odd, end)| format!("{start}{middle}{odd}{end}"))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn the_time_parser_answers_everything(text in near(&["+", "+9", "tomorrow ", "mon ",
        "2027-01-14 ", "2026-03-08 02:30 ", "today 25:", ""])) {
        let now = Utc.with_ymd_and_hms(2026, 3, 8, 6, 30, 0).unwrap();
        for name in ["America/New_York", "Asia/Kolkata"] {
            let zone = Zone::parse(name).unwrap();
            let _ = when::parse(&text, now, zone);
        }
    }

    #[test]
    fn the_body_reader_answers_everything_and_what_it_reads_reads_again(
        text in near(&["{\"TaskList\":[{\"Name\":", "{\"TaskList\":[{\"DueDate\":", "[", "{"])
    ) {
        if let Ok(parsed) = read_body(&text) {
            prop_assert!(read_body(&to_json(&parsed.batch, false)).is_ok());
        }
    }

    #[test]
    fn the_csv_reader_answers_everything(
        text in near(&["Name,TaskType\n", "Name,TaskType,DueDate\na,b,", "Kind,Name,TaskType\n"])
    ) {
        let now = Utc.with_ymd_and_hms(2026, 12, 3, 9, 0, 0).unwrap();
        if let Ok(parsed) = read_csv(&text, now, Zone::parse("Asia/Kolkata").unwrap()) {
            let _ = check(&parsed, now);
        }
    }

    #[test]
    fn the_config_readers_answer_everything_and_name_the_file(
        text in near(&["[profiles.a]\n", "[a]\naccess_key = ", "default_profile = ", ""])
    ) {
        if let Err(error) = ConfigFile::parse(Path::new("config.toml"), &text) {
            prop_assert!(error.to_string().starts_with("config.toml:"), "{}", error);
        }
        if let Err(error) = CredentialsFile::parse(Path::new("credentials.toml"), &text) {
            prop_assert!(error.to_string().contains("credentials.toml"), "{}", error);
        }
    }
}
