//! Keeps calls within the profile's "calls per 5 seconds", waiting rather than being refused.

use std::collections::VecDeque;
use std::sync::Mutex;
use std::time::Duration;

use tokio::time::Instant;

/// A sliding window of the last calls' start times.
#[derive(Debug)]
pub struct Limiter {
    calls: usize,
    window: Duration,
    sent: Mutex<VecDeque<Instant>>,
}

impl Limiter {
    /// At most `calls` calls in any `window`.
    pub fn new(calls: u32, window: Duration) -> Limiter {
        Limiter {
            calls: usize::try_from(calls.max(1)).unwrap_or(usize::MAX),
            window,
            sent: Mutex::new(VecDeque::new()),
        }
    }

    /// Waits until one more call fits, records it, and returns how long it waited.
    pub async fn acquire(&self) -> Duration {
        let start = Instant::now();
        loop {
            let wait_until = {
                let mut sent = self
                    .sent
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner);
                let now = Instant::now();
                while sent
                    .front()
                    .is_some_and(|t| now.duration_since(*t) >= self.window)
                {
                    sent.pop_front();
                }
                if sent.len() < self.calls {
                    sent.push_back(now);
                    return now.duration_since(start);
                }
                sent.front().map(|oldest| *oldest + self.window)
            };
            if let Some(until) = wait_until {
                tokio::time::sleep_until(until).await;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn the_third_call_waits_for_the_window() {
        let limiter = Limiter::new(2, Duration::from_secs(5));
        assert_eq!(limiter.acquire().await, Duration::ZERO);
        tokio::time::advance(Duration::from_secs(1)).await;
        assert_eq!(limiter.acquire().await, Duration::ZERO);
        let waited = limiter.acquire().await;
        assert_eq!(waited, Duration::from_secs(4));
    }
}
