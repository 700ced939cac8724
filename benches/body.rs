//! The body of a full call (the 50 tasks of `assets/examples/fifty.json`): read, validated and
//! written back as JSON. Budget: building the body and validating it under 100 µs together,
//! since the UI does this work on every change of the staging list.

#![allow(
    clippy::unwrap_used,
    reason = "a benchmark that cannot set up should fail loudly"
)]

use std::hint::black_box;

use chrono::{TimeZone, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use lsq_tasks::task::{read_body, to_json, validate};

const FIFTY: &str = include_str!("../assets/examples/fifty.json");

fn body(c: &mut Criterion) {
    // Before every due date of the example, so no "in the past" warning changes the work done.
    let now = Utc.with_ymd_and_hms(2026, 12, 3, 9, 0, 0).unwrap();
    let batch = read_body(FIFTY).unwrap().batch;
    assert_eq!(batch.len(), 50);
    c.bench_function("read_body 50 tasks", |b| {
        b.iter(|| read_body(black_box(FIFTY)).unwrap());
    });
    c.bench_function("validate 50 tasks", |b| {
        b.iter(|| validate(black_box(&batch), now));
    });
    c.bench_function("to_json 50 tasks, compact", |b| {
        b.iter(|| to_json(black_box(&batch), false));
    });
    c.bench_function("to_json 50 tasks, pretty", |b| {
        b.iter(|| to_json(black_box(&batch), true));
    });
    // The budget's figure: what the UI does after each change of the list (the body to send and
    // its problems), reading a file apart.
    c.bench_function("build and validate the body of 50 tasks", |b| {
        b.iter(|| {
            let problems = validate(black_box(&batch), now);
            (to_json(black_box(&batch), false), problems)
        });
    });
}

criterion_group!(benches, body);
criterion_main!(benches);
