//! EC2 DropletWorkflow Manager: hosts that hold leases on droplets. Lease renewals (periodic
//! state checks) need DynamoDB; leases time out; a droplet without a lease takes no launches.
//!
//! Re-leasing is queued work with a timeout. Each attempt costs more as the queue grows
//! (contention), an attempt that has waited past its timeout is re-queued, and the stale copy
//! still costs work when it reaches the head. When the whole fleet needs leases at once, every
//! attempt waits longer than its timeout: goodput falls to zero and stays there (congestive
//! collapse) until intake is throttled and hosts are restarted to clear their queues.
//!
//! Droplets are counted, not simulated one by one: each host has lease classes (leases differ
//! in length), and queued work is kept as batches that share an enqueue time.

use super::streams;
use super::Errors;
use super::EventKind;
use super::Service;
use super::{Action, Ctx};
use super::{Params, RetryPolicy};
use crate::engine::log::EventId;
use crate::engine::rng::Stream;
use crate::engine::time::{SimTime, MINUTE};
use std::collections::{BTreeMap, VecDeque};

/// Droplets of one host with the same lease length; renewed together by the state checks.
#[derive(Clone, Debug)]
pub struct LeaseClass {
    pub droplets: u64,
    pub leased: u64,
    /// Droplets whose lease is being (re-)established: queued, deferred or awaiting a retry.
    pub requested: u64,
    pub ttl_ms: u64,
    pub expires: SimTime,
    pub next_check: SimTime,
}

#[derive(Clone, Debug)]
struct Batch {
    enqueued_at: SimTime,
    class: u16,
    count: u64,
    /// Still awaited by its requester; a timed-out batch is dead work.
    live: bool,
    attempt: u8,
}

#[derive(Clone, Debug, Default)]
pub struct HostStats {
    pub made: u64,
    pub wasted: u64,
}

#[derive(Clone, Debug)]
pub struct Host {
    classes: Box<[LeaseClass]>,
    /// Droplets this host manages, and of them those holding a lease and those whose lease is
    /// being re-established, kept as the classes change: every tick reads them.
    droplets: u64,
    leased: u64,
    requested: u64,
    /// Before this instant no state check is due and no lease expires, so a tick has nothing to
    /// check (checks come every few minutes, ticks every few seconds).
    next_due: SimTime,
    queue: VecDeque<Batch>,
    pub queued: u64,
    /// Index in `queue` of the first batch that has not timed out.
    live_from: usize,
    /// Requests waiting for admission (throttled intake): (class, count, attempt).
    deferred: VecDeque<(u16, u64, u8)>,
    pub deferred_total: u64,
    /// Retries waiting for their backoff: (due tick, class, attempt) -> count. Keyed by the
    /// tick that releases them, so the map holds at most one entry per tick, class and attempt
    /// however many herds are waiting.
    retries: BTreeMap<(SimTime, u16, u8), u64>,
    /// Work credit carried between ticks, in microseconds.
    credit_us: u64,
    /// Throttle tokens, in thousandths of an item.
    tokens_milli: u64,
    pub restarting_until: Option<SimTime>,
    pub stats: HostStats,
}

#[derive(Clone, Debug)]
pub struct Dwfm {
    pub hosts: Box<[Host]>,
    pub throttled: bool,
    pub queue_size_throttling: bool,
    /// Pending selective restarts: (when, host).
    pub restarts: VecDeque<(SimTime, u32)>,
    pub retry: RetryPolicy,
    /// Consecutive time with work but no lease made, for collapse detection.
    pub stalled_ms: u64,
    /// How long a stall lasts before it counts as congestive collapse (a parameter).
    collapse_window_ms: u64,
    /// Per mille of droplets leased at which held-back lifecycle work is released (a parameter).
    release_threshold_permille: u64,
    /// Totals over every class: droplets counted once (the fleet does not change size), leases
    /// kept current by `tick` (the only place they change): health is re-evaluated after every
    /// event, and summing the classes each time dominated seeking.
    droplets: u64,
    leased: u64,
    pub goodput_per_min: u64,
    pub wasted_per_min: u64,
    /// The latest event behind the state of the leases: what "why is DWFM red?" starts from.
    pub cause: Option<EventId>,
    /// The operator action behind the restarts (and the throttle that precedes them).
    pub restart_cause: Option<EventId>,
    reported: Reported,
    rng: Stream,
}

/// Turning points already logged, so each is logged once.
#[derive(Clone, Debug, Default)]
struct Reported {
    checks_failing: bool,
    leases_expiring: bool,
    /// The collapse logged, until every lease is back.
    collapse: Option<EventId>,
}

impl Dwfm {
    pub fn new(p: &Params, seed: u64) -> Dwfm {
        let mut rng = Stream::new(seed, streams::DWFM);
        let classes_per_host = p.lease_classes.max(2);
        let hosts = p.dwfm_hosts;
        let per_host = p.droplets / hosts;
        let extra = p.droplets % hosts;
        let hosts = (0..hosts)
            .map(|h| {
                let n = per_host + u64::from(h < extra);
                let classes = (0..classes_per_host)
                    .map(|c| {
                        let droplets = n / classes_per_host + u64::from(c < n % classes_per_host);
                        // Lease lengths spread evenly from the shortest to the longest.
                        let ttl_ms = p.lease_ttl_min_ms
                            + (p.lease_ttl_max_ms - p.lease_ttl_min_ms) * c
                                / (classes_per_host - 1);
                        let phase = rng.below(p.state_check_interval_ms);
                        LeaseClass {
                            droplets,
                            leased: droplets,
                            requested: 0,
                            ttl_ms,
                            expires: SimTime(ttl_ms),
                            next_check: SimTime(phase),
                        }
                    })
                    .collect::<Box<[LeaseClass]>>();
                let droplets = classes.iter().map(|c| c.droplets).sum();
                Host {
                    classes,
                    droplets,
                    leased: droplets,
                    requested: 0,
                    next_due: SimTime::ZERO,
                    queue: VecDeque::new(),
                    queued: 0,
                    live_from: 0,
                    deferred: VecDeque::new(),
                    deferred_total: 0,
                    retries: BTreeMap::new(),
                    credit_us: 0,
                    tokens_milli: 0,
                    restarting_until: None,
                    stats: HostStats::default(),
                }
            })
            .collect::<Box<[Host]>>();
        // The fleet does not change size during a run: counted once.
        let droplets = hosts.iter().map(|h| h.droplets).sum();
        let mut dwfm = Dwfm {
            hosts,
            throttled: false,
            queue_size_throttling: false,
            restarts: VecDeque::new(),
            retry: p.client_retry,
            stalled_ms: 0,
            collapse_window_ms: p.collapse_window_ms,
            release_threshold_permille: p.release_threshold_permille,
            droplets,
            leased: 0,
            goodput_per_min: 0,
            wasted_per_min: 0,
            cause: None,
            restart_cause: None,
            reported: Reported::default(),
            rng,
        };
        dwfm.count_leased();
        dwfm
    }

    fn count_leased(&mut self) {
        self.leased = self.hosts.iter().map(Host::leased).sum();
    }

    pub fn droplets(&self) -> u64 {
        self.droplets
    }
    pub fn leased(&self) -> u64 {
        self.leased
    }
    /// Roughly the bytes its state holds: what grows is queued batches, waiting intake and
    /// pending retries.
    pub fn footprint(&self) -> u64 {
        self.hosts
            .iter()
            .map(|h| {
                let entries = h.queue.len() + h.deferred.len() + h.retries.len();
                (std::mem::size_of::<Host>()
                    + h.classes.len() * std::mem::size_of::<LeaseClass>()
                    + entries * 48) as u64
            })
            .sum()
    }

    pub fn queued(&self) -> u64 {
        self.hosts.iter().map(|h| h.queued + h.deferred_total).sum()
    }

    /// Restart a host: its queue, deferred intake and pending retries are gone; the droplets
    /// they were for will be requested afresh once it is back.
    pub fn restart(&mut self, h: usize, now: SimTime, p: &Params) {
        let host = &mut self.hosts[h];
        for c in &mut host.classes {
            c.requested = 0;
        }
        host.requested = 0;
        host.queue.clear();
        host.queued = 0;
        host.live_from = 0;
        host.deferred.clear();
        host.deferred_total = 0;
        host.retries.clear();
        host.credit_us = 0;
        host.restarting_until = Some(now.plus(p.dwfm_restart_ms));
    }

    /// Advance every host by one tick of `dt` ms ending at `now`. `reach[h]`: host h resolves DynamoDB.
    pub fn tick(&mut self, now: SimTime, dt: u64, reach: &[bool], p: &Params) {
        let rng = &mut self.rng;
        let throttled = self.throttled;
        let queue_limit = self.queue_size_throttling.then(|| queue_limit(p));
        let retry = self.retry;
        let mut made_total = 0;
        let mut worked = false;
        for (h, host) in self.hosts.iter_mut().enumerate() {
            host.stats = HostStats::default();
            if let Some(until) = host.restarting_until {
                if now < until {
                    continue;
                }
                host.restarting_until = None;
            }
            let reach = reach.get(h).copied().unwrap_or(false);
            host.check_and_expire(now, reach, p);
            if reach {
                host.request_missing(now, retry, p, rng);
                host.release_retries(now);
                host.admit(now, dt, throttled, queue_limit, p);
                host.time_out(now, p, retry, rng);
                host.work(now, dt, p);
            }
            made_total += host.stats.made;
            worked |= host.stats.wasted > 0 || host.queued > 0;
        }
        if made_total == 0 && worked {
            self.stalled_ms += dt;
        } else {
            self.stalled_ms = 0;
        }
        self.count_leased();
        let made: u64 = self.hosts.iter().map(|h| h.stats.made).sum();
        let wasted: u64 = self.hosts.iter().map(|h| h.stats.wasted).sum();
        self.goodput_per_min = made * (MINUTE / dt);
        self.wasted_per_min = wasted * (MINUTE / dt);
    }

    /// Share of droplets with a lease: the share of launches that find capacity.
    pub fn leased_fraction(&self) -> f64 {
        self.leased as f64 / self.droplets.max(1) as f64
    }

    /// Share of the leased droplets whose host can run a launch workflow now: not restarting,
    /// and not behind on lease work (a host in collapse, or working off its throttled intake,
    /// has no time for launches: "throttled incoming work").
    pub fn launch_ready(&self) -> f64 {
        let ready: u64 = self
            .hosts
            .iter()
            .filter(|h| h.restarting_until.is_none() && h.queued + h.deferred_total == 0)
            .map(Host::leased)
            .sum();
        ready as f64 / self.leased.max(1) as f64
    }

    /// "Once DWFM recovered, Network Manager began propagating ... instances terminated during
    /// the event": held-back lifecycle work goes ahead once DWFM holds (almost) every lease.
    pub fn releasing(&self) -> f64 {
        let droplets = self.droplets.max(1);
        if self.leased * 1000 >= droplets * self.release_threshold_permille {
            1.0
        } else {
            0.0
        }
    }

    /// A host comes back from its restart (scheduled by `restart_hosts`).
    pub(crate) fn restart_host(&mut self, h: usize, cx: &mut Ctx) {
        self.restart(h, cx.now, cx.params);
        let id = cx.log(
            Service::Dwfm,
            EventKind::DwfmHostRestarted { host: h as u32 + 1 },
            self.restart_cause,
        );
        self.cause = Some(id);
    }

    /// Operators restart every host, one after another.
    pub(crate) fn restart_hosts(&mut self, by: EventId, cx: &mut Ctx) {
        self.restart_cause = Some(by);
        let stagger = cx.params.dwfm_restart_stagger_ms;
        for h in 0..self.hosts.len() {
            cx.after(stagger * h as u64, Action::RestartHost(h as u32));
        }
    }

    pub(crate) fn throttle_intake(&mut self, by: EventId) {
        self.throttled = true;
        self.restart_cause = Some(by);
    }

    /// Log the leases' turning points once each: state checks failing, leases expiring,
    /// congestive collapse, and their recoveries.
    pub(crate) fn report(
        &mut self,
        unreachable: u32,
        leased: f64,
        ddb_cause: Option<EventId>,
        cx: &mut Ctx,
    ) {
        let r = &mut self.reported;
        if unreachable > 0 && !r.checks_failing {
            r.checks_failing = true;
            self.cause = Some(cx.log(
                Service::Dwfm,
                EventKind::StateChecksFailing { hosts: unreachable },
                ddb_cause,
            ));
        } else if unreachable == 0 && r.checks_failing {
            r.checks_failing = false;
            self.cause = Some(cx.log(Service::Dwfm, EventKind::StateChecksRecovered, ddb_cause));
        }
        let unleased_permille = ((1.0 - leased) * 1000.0).round() as u32;
        if unleased_permille >= 10 && !r.leases_expiring {
            r.leases_expiring = true;
            self.cause = Some(cx.log(
                Service::Dwfm,
                EventKind::LeasesExpiring { unleased_permille },
                self.cause,
            ));
        } else if unleased_permille == 0 && r.leases_expiring {
            r.leases_expiring = false;
            r.collapse = None;
            let cause = self.restart_cause.or(self.cause);
            self.cause = Some(cx.log(Service::Dwfm, EventKind::LeasesRestored, cause));
        }
        if self.stalled_ms >= self.collapse_window_ms && self.reported.collapse.is_none() {
            let queue = self.queued();
            let id = cx.log(
                Service::Dwfm,
                EventKind::CongestiveCollapse { queue },
                self.cause,
            );
            self.reported.collapse = Some(id);
            self.cause = Some(id);
        }
    }

    /// DWFM fails for everything while collapsed; otherwise for droplets without a lease, or
    /// hosts that cannot reach DynamoDB, whichever is more.
    pub fn errors(&self, out: &mut Errors, unreachable: f64) {
        let leased = self.leased as f64 / self.droplets.max(1) as f64;
        let share = if self.collapsed() {
            1.0
        } else {
            unreachable.max(1.0 - leased)
        };
        out[Service::Dwfm.index()] = (share, self.cause);
    }

    /// The logged collapse, while DWFM has not yet leased every droplet again: what operators
    /// see (a stall that breaks for a moment is still the same collapse to them).
    pub fn collapse_seen(&self) -> Option<EventId> {
        self.reported.collapse
    }

    /// Every droplet holds a lease.
    pub fn all_leased(&self) -> bool {
        self.leased == self.droplets
    }

    pub fn collapsed(&self) -> bool {
        self.stalled_ms >= self.collapse_window_ms
    }
}

/// Longest queue whose last item still finishes within half the timeout, counting contention:
/// Q · w · (1 + Q/knee) = T/2, solved for Q (integer square root keeps it portable).
pub fn queue_limit(p: &Params) -> u64 {
    let (w, knee, half) = (
        p.lease_work_ms.max(1),
        p.lease_contention_knee.max(1),
        p.lease_work_timeout_ms / 2,
    );
    // Q = knee/2 · (sqrt(1 + 4·half/(w·knee)) − 1), computed in integers scaled by knee².
    let disc = knee * knee + 4 * half * knee / w;
    ((disc.isqrt().saturating_sub(knee)) / 2).max(1)
}

impl Host {
    /// How many lease classes its droplets fall into.
    pub fn lease_classes(&self) -> usize {
        self.classes.len()
    }

    /// Droplets holding a lease now.
    fn leased(&self) -> u64 {
        self.leased
    }

    fn check_and_expire(&mut self, now: SimTime, reach: bool, p: &Params) {
        if now < self.next_due {
            return;
        }
        let mut next_due = SimTime(u64::MAX);
        for c in &mut self.classes {
            while c.next_check <= now {
                if reach && c.leased > 0 {
                    c.expires = c.next_check.plus(c.ttl_ms);
                }
                c.next_check = c.next_check.plus(p.state_check_interval_ms);
            }
            if c.leased > 0 && c.expires <= now {
                self.leased -= c.leased;
                c.leased = 0;
            }
            next_due = next_due.min(c.next_check);
            if c.leased > 0 {
                next_due = next_due.min(c.expires);
            }
        }
        self.next_due = next_due;
    }

    /// Every droplet without a lease and without an outstanding request gets one. These
    /// droplets have been failing their checks for a while, so the retry policy decides when
    /// the attempt comes: all at once, at one shared backoff, or spread by jitter.
    fn request_missing(&mut self, now: SimTime, retry: RetryPolicy, p: &Params, rng: &mut Stream) {
        if self.leased + self.requested == self.droplets {
            return;
        }
        for i in 0..self.classes.len() {
            let c = &mut self.classes[i];
            let missing = c.droplets - c.leased - c.requested;
            if missing == 0 {
                continue;
            }
            c.requested += missing;
            self.requested += missing;
            let class = i as u16;
            match retry {
                RetryPolicy::Immediate => {
                    self.deferred.push_back((class, missing, 0));
                    self.deferred_total += missing;
                }
                RetryPolicy::Backoff => {
                    self.schedule_retry(now.plus(p.retry_base_ms), class, missing, 0)
                }
                RetryPolicy::BackoffJitter => {
                    self.spread(now, p.retry_cap_ms, class, missing, 0, rng)
                }
            }
        }
    }

    /// Full jitter, in up to 16 slices: a herd spreads over `window`.
    fn spread(
        &mut self,
        now: SimTime,
        window: u64,
        class: u16,
        count: u64,
        attempt: u8,
        rng: &mut Stream,
    ) {
        let slices = count.min(16);
        for s in 0..slices {
            let n = count / slices + u64::from(s < count % slices);
            let at = now.plus(rng.below(window + 1));
            self.schedule_retry(at, class, n, attempt);
        }
    }

    fn release_retries(&mut self, now: SimTime) {
        while let Some((&(due, class, attempt), _)) = self.retries.iter().next() {
            if due > now {
                break;
            }
            let count = self
                .retries
                .remove(&(due, class, attempt))
                .unwrap_or_default();
            self.defer(class, count, attempt);
        }
    }

    /// Queue requests for admission, merged with the last waiting entry when they are alike,
    /// so waiting herds cost one entry each, not one per retry.
    fn defer(&mut self, class: u16, count: u64, attempt: u8) {
        match self.deferred.back_mut() {
            Some((c, n, a)) if *c == class && *a == attempt => *n += count,
            _ => self.deferred.push_back((class, count, attempt)),
        }
        self.deferred_total += count;
    }

    fn admit(
        &mut self,
        now: SimTime,
        dt: u64,
        throttled: bool,
        queue_limit: Option<u64>,
        p: &Params,
    ) {
        let mut allowance = u64::MAX;
        if throttled {
            self.tokens_milli = (self.tokens_milli
                + p.throttled_intake_per_min * dt * 1000 / MINUTE)
                .min(p.throttled_intake_per_min * 1000);
            allowance = self.tokens_milli / 1000;
        }
        if let Some(limit) = queue_limit {
            allowance = allowance.min(limit.saturating_sub(self.queued));
        }
        let mut admitted = 0;
        while allowance > 0 {
            let Some((class, count, attempt)) = self.deferred.pop_front() else {
                break;
            };
            let take = count.min(allowance);
            if take < count {
                self.deferred.push_front((class, count - take, attempt));
            }
            allowance -= take;
            admitted += take;
            self.deferred_total -= take;
            self.queued += take;
            match self.queue.back_mut() {
                Some(b)
                    if b.enqueued_at == now
                        && b.class == class
                        && b.attempt == attempt
                        && b.live =>
                {
                    b.count += take
                }
                _ => self.queue.push_back(Batch {
                    enqueued_at: now,
                    class,
                    count: take,
                    live: true,
                    attempt,
                }),
            }
        }
        if throttled {
            self.tokens_milli -= admitted * 1000;
        }
    }

    /// Batches waiting longer than the timeout are abandoned by their requester and re-queued
    /// per the retry policy; the abandoned copy stays in the queue as dead work.
    fn time_out(&mut self, now: SimTime, p: &Params, retry: RetryPolicy, rng: &mut Stream) {
        while let Some(b) = self.queue.get_mut(self.live_from) {
            if b.enqueued_at.plus(p.lease_work_timeout_ms) > now {
                break;
            }
            b.live = false;
            let (class, count, attempt) = (b.class, b.count, b.attempt.saturating_add(1));
            self.live_from += 1;
            let window = (p.retry_base_ms << attempt.min(20)).min(p.retry_cap_ms);
            match retry {
                RetryPolicy::Immediate => {
                    self.defer(class, count, attempt);
                }
                RetryPolicy::Backoff => {
                    self.schedule_retry(now.plus(window), class, count, attempt)
                }
                RetryPolicy::BackoffJitter => self.spread(now, window, class, count, attempt, rng),
            }
        }
    }

    fn schedule_retry(&mut self, at: SimTime, class: u16, count: u64, attempt: u8) {
        // Retries are released at the first tick at or after they are due.
        let tick = super::region::TICK_MS;
        let due = SimTime(at.ms().div_ceil(tick) * tick);
        *self.retries.entry((due, class, attempt)).or_default() += count;
    }

    /// Work through the queue head: live attempts make leases, dead ones only burn time.
    fn work(&mut self, now: SimTime, dt: u64, p: &Params) {
        if self.queue.is_empty() {
            self.credit_us = 0;
            return;
        }
        let knee = p.lease_contention_knee.max(1);
        // Contention: each attempt costs more the longer the queue it is part of.
        let cost_us = (p.lease_work_ms * 1000).saturating_mul(knee + self.queued) / knee;
        self.credit_us += dt * 1000;
        let mut n = self.credit_us / cost_us.max(1);
        self.credit_us -= n * cost_us;
        while n > 0 {
            let Some(b) = self.queue.front_mut() else {
                break;
            };
            let take = b.count.min(n);
            b.count -= take;
            n -= take;
            self.queued -= take;
            if b.live {
                let c = &mut self.classes[b.class as usize];
                let take = take.min(c.requested);
                c.requested -= take;
                self.requested -= take;
                if c.leased == 0 {
                    c.expires = now.plus(c.ttl_ms);
                    self.next_due = self.next_due.min(c.expires);
                }
                let leased = (c.leased + take).min(c.droplets);
                self.leased += leased - c.leased;
                c.leased = leased;
                self.stats.made += take;
            } else {
                self.stats.wasted += take;
            }
            if b.count == 0 {
                self.queue.pop_front();
                self.live_from = self.live_from.saturating_sub(1);
            }
        }
        if self.queue.is_empty() {
            self.credit_us = 0;
        }
    }
}
