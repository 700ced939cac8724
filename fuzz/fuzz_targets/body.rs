//! The JSON body reader on arbitrary text: an error or a parse, never a panic; and what it
//! reads writes back to JSON that reads again.
#![no_main]

use libfuzzer_sys::fuzz_target;
use lsq_tasks::task::{read_body, to_json};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(parsed) = read_body(text) {
        // What was understood must survive being written and read again.
        let again = to_json(&parsed.batch, false);
        assert!(read_body(&again).is_ok(), "{again}");
    }
});
