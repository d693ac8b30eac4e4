//! Client-side DNS caches. Clients keep a positive answer for the TTL and an empty answer for the
//! negative TTL, so DynamoDB fails for each client only once its cache refreshes onto the empty
//! record, and recovers only when its cached empty answer expires ("customers resolve the
//! endpoint as cached DNS records expire", 2:25–2:40 AM).
//!
//! Each client service has a few resolver caches ("cohorts") with refresh phases spread by the
//! seed. A cache only needs an event while its answer differs from the record.

use crate::service::Service;
use crate::time::SimTime;

#[derive(Clone, Debug)]
pub struct Cache {
    /// Offset of this cache's refresh schedule within one TTL.
    pub phase_ms: u64,
    pub ok: bool,
    /// When a negative answer expires.
    pub negative_until: SimTime,
    /// How long this cache keeps an empty answer: resolvers cap negative caching differently,
    /// between a minute and the scenario's negative TTL.
    pub negative_ttl_ms: u64,
    pub scheduled: bool,
}

#[derive(Clone, Debug)]
pub struct ClientGroup {
    pub service: Service,
    pub caches: Vec<Cache>,
    /// Operators routed this group around public DNS (temporary internal mitigation).
    pub bypass: bool,
}

impl ClientGroup {
    pub fn failing_fraction(&self) -> f64 {
        if self.caches.is_empty() {
            return 0.0;
        }
        self.caches.iter().filter(|c| !c.ok).count() as f64 / self.caches.len() as f64
    }
}

/// Next refresh of a positive cache at or after `now`.
pub fn next_positive_refresh(phase_ms: u64, ttl_ms: u64, now: SimTime) -> SimTime {
    let t = now.ms();
    if t <= phase_ms {
        return SimTime(phase_ms);
    }
    let k = (t - phase_ms).div_ceil(ttl_ms);
    SimTime(phase_ms + k * ttl_ms)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positive_refreshes_follow_the_phase() {
        assert_eq!(next_positive_refresh(10, 100, SimTime(0)), SimTime(10));
        assert_eq!(next_positive_refresh(10, 100, SimTime(10)), SimTime(10));
        assert_eq!(next_positive_refresh(10, 100, SimTime(11)), SimTime(110));
        assert_eq!(next_positive_refresh(10, 100, SimTime(250)), SimTime(310));
    }
}
