//! Client-side DNS caches. Clients keep a positive answer for the TTL and an empty answer for the
//! negative TTL, so DynamoDB fails for each client only once its cache refreshes onto the empty
//! record, and recovers only when its cached empty answer expires ("customers resolve the
//! endpoint as cached DNS records expire", 2:25–2:40 AM).
//!
//! Each client service has a few resolver caches ("cohorts") with refresh phases spread by the
//! seed. A cache only needs an event while its answer differs from the record.

use super::service::SERVICE_COUNT;
use super::streams;
use super::Endpoint;
use super::Params;
use super::Service;
use super::{Action, Ctx};
use crate::engine::log::EventId;
use crate::engine::rng::Stream;
use crate::engine::time::SimTime;

#[derive(Clone, Debug)]
pub struct Cache {
    /// Offset of this cache's refresh schedule within one TTL.
    pub phase_ms: u64,
    /// Private: each client group counts its caches holding an empty answer.
    ok: bool,
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
    /// Caches holding an empty answer, kept as they change: health is read after every event.
    empty_answers: usize,
}

impl ClientGroup {
    #[inline(always)]
    pub fn failing_fraction(&self) -> f64 {
        if self.caches.is_empty() {
            return 0.0;
        }
        self.empty_answers as f64 / self.caches.len() as f64
    }
}

/// Client groups that resolve the regional DynamoDB endpoint.
/// How many client groups resolve the regional record.
pub const CLIENT_GROUPS: usize = CLIENTS.len();

const CLIENTS: [Service; 8] = [
    Service::DynamoDb,
    Service::CustomerApp,
    Service::Dwfm,
    Service::Lambda,
    Service::Sts,
    Service::Iam,
    Service::Redshift,
    Service::Connect,
];

/// Per service, its client group (services that are not clients read DynamoDB's). A table,
/// because health asks for several services' groups after every event.
const GROUP_OF: [usize; SERVICE_COUNT] = {
    let mut table = [0; SERVICE_COUNT];
    let mut g = CLIENTS.len();
    while g > 0 {
        g -= 1;
        table[CLIENTS[g] as usize] = g;
    }
    table
};

fn group_of(s: Service) -> usize {
    GROUP_OF[s.index()]
}

/// Every client group's caches of the regional DynamoDB record.
#[derive(Clone, Debug)]
pub struct Resolvers {
    pub groups: Vec<ClientGroup>,
    /// The record change DynamoDB's clients are reacting to: why DynamoDB fails, or recovers.
    pub cause: Option<EventId>,
}

impl Resolvers {
    pub fn new(p: &Params, seed: u64) -> Resolvers {
        let mut rng = Stream::new(seed, streams::RESOLVERS);
        let groups = CLIENTS
            .iter()
            .map(|s| {
                // DWFM's caches are its hosts: each host resolves DynamoDB for its state checks.
                let n = if *s == Service::Dwfm {
                    p.dwfm_hosts
                } else {
                    p.resolver_cohorts
                };
                ClientGroup {
                    service: *s,
                    caches: (0..n)
                        .map(|_| Cache {
                            phase_ms: rng.below(p.dns_ttl_ms),
                            ok: true,
                            negative_until: SimTime::ZERO,
                            negative_ttl_ms: rng.between(
                                p.negative_ttl_ms.min(p.negative_ttl_min_ms),
                                p.negative_ttl_ms,
                            ),
                            scheduled: false,
                        })
                        .collect(),
                    bypass: false,
                    empty_answers: 0,
                }
            })
            .collect();
        Resolvers {
            groups,
            cause: None,
        }
    }

    /// Share of a client service's caches that hold an empty answer.
    #[inline(always)]
    pub fn failing(&self, s: Service) -> f64 {
        self.groups[group_of(s)].failing_fraction()
    }

    /// Operators routed a client service around public DNS.
    pub fn bypassed(&self, s: Service) -> bool {
        self.groups[group_of(s)].bypass
    }

    /// How many of a client service's caches hold an empty answer.
    pub fn failing_count(&self, s: Service) -> usize {
        self.groups[group_of(s)].empty_answers
    }

    /// A client service's DynamoDB failures and the record change behind them.
    pub fn ddb(&self, s: Service) -> (f64, Option<EventId>) {
        (self.failing(s), self.cause)
    }

    /// Per DWFM host: it can resolve DynamoDB for its state checks.
    pub fn dwfm_reach(&self) -> Vec<bool> {
        self.groups[group_of(Service::Dwfm)]
            .caches
            .iter()
            .map(|c| c.ok)
            .collect()
    }

    /// An endpoint's record changed between empty and not: caches of the regional record will
    /// notice at their next refresh.
    pub(crate) fn record_changed(
        &mut self,
        e: usize,
        resolves: bool,
        cause: Option<EventId>,
        cx: &mut Ctx,
    ) {
        if e != Endpoint::Regional.index() {
            return;
        }
        self.cause = cause;
        let ttl = cx.params.dns_ttl_ms;
        let now = cx.now;
        let mut due = Vec::new();
        for (g, group) in self.groups.iter_mut().enumerate() {
            for (c, cache) in group.caches.iter_mut().enumerate() {
                if cache.scheduled || cache.ok == (resolves || group.bypass) {
                    continue;
                }
                cache.scheduled = true;
                let at = if cache.ok {
                    next_positive_refresh(cache.phase_ms, ttl, now.plus(1))
                } else {
                    cache.negative_until.max(now)
                };
                due.push((at, g, c));
            }
        }
        for (at, g, c) in due {
            cx.at(at, Action::CacheRefresh(g as u8, c as u16));
        }
    }

    /// A cache asks again; an empty answer is kept for its negative TTL.
    pub(crate) fn refresh(&mut self, g: usize, c: usize, regional_resolves: bool, cx: &mut Ctx) {
        let group = &mut self.groups[g];
        let ok = group.bypass || regional_resolves;
        let cache = &mut group.caches[c];
        let neg = cache.negative_ttl_ms;
        cache.scheduled = false;
        if cache.ok != ok {
            cache.ok = ok;
            if ok {
                group.empty_answers -= 1;
            } else {
                group.empty_answers += 1;
            }
        }
        if !ok {
            cache.negative_until = cx.now.plus(neg);
            cache.scheduled = true;
            let at = cache.negative_until;
            cx.at(at, Action::CacheRefresh(g as u8, c as u16));
        }
    }

    /// Operators let these services reach DynamoDB around public DNS and flush their caches:
    /// they re-resolve on their next refresh.
    pub(crate) fn bypass_public_dns(&mut self, services: &[Service], cx: &mut Ctx) {
        let ttl = cx.params.dns_ttl_ms;
        let now = cx.now;
        for s in services {
            let g = group_of(*s);
            self.groups[g].bypass = true;
            let mut due = Vec::new();
            for (c, cache) in self.groups[g].caches.iter_mut().enumerate() {
                if !cache.ok {
                    cache.negative_until = next_positive_refresh(cache.phase_ms, ttl, now.plus(1));
                    due.push((cache.negative_until, c));
                    cache.scheduled = true;
                }
            }
            for (at, c) in due {
                cx.at(at, Action::CacheRefresh(g as u8, c as u16));
            }
        }
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
