//! One event loop over integer time (TigerBeetle/turmoil style): discrete events for the DNS
//! automation and resolver caches, a fixed tick for the fleet-sized subsystems, and the
//! intervention script applied at its instants. `World` is `Clone`, so a recording can keep
//! checkpoints and seek.

use crate::dependents::Dependents;
use crate::dns::{Commit, Dns, HeldPlan};
use crate::dwfm::Dwfm;
use crate::ec2::Ec2;
use crate::intervention::{Endpoint, Intervention, Mitigation, Timed};
use crate::log::{EventId, EventKind, Log};
use crate::netmgr::NetworkManager;
use crate::nlb::Nlb;
use crate::observe::{EnactorGauge, Gauges, RecordGauge, View};
use crate::params::{Params, RetryPolicy};
use crate::resolver::{next_positive_refresh, Cache, ClientGroup};
use crate::rng::{Stream, StreamId};
use crate::service::{Health, Service, SERVICE_COUNT};
use crate::time::{SimTime, MINUTE, SECOND};
use std::cmp::Reverse;
use std::collections::{BTreeSet, BinaryHeap};

/// Step of the fleet-sized (fluid) subsystems. An engine constant, not a model parameter:
/// it only sets how finely queues and fleets are integrated.
pub const TICK_MS: u64 = 5 * SECOND;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Action {
    PlannerTick,
    /// An Enactor looks for a plan or starts its next transaction.
    EnactorWake(u8),
    EnactorCommit(u8),
    CacheRefresh(u8, u16),
    RestartHost(u32),
    Tick,
}

/// Client groups that resolve the regional DynamoDB endpoint.
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

fn client_index(s: Service) -> usize {
    CLIENTS.iter().position(|c| *c == s).unwrap_or(0)
}

/// The latest event behind each mechanism: what "why is this red?" starts from.
#[derive(Clone, Debug, Default)]
struct Causes {
    ddb: Option<EventId>,
    leases: Option<EventId>,
    propagation: Option<EventId>,
    nlb: Option<EventId>,
    sqs: Option<EventId>,
    throttle: Option<EventId>,
    planner: Option<EventId>,
    restart: Option<EventId>,
}

/// Edges already reported, so each transition is logged once.
#[derive(Clone, Debug, Default)]
struct Reported {
    checks_failing: bool,
    leases_expiring: bool,
    collapse: bool,
    propagation: bool,
    failover: bool,
    sqs: bool,
}

#[derive(Clone, Debug)]
pub struct World {
    pub now: SimTime,
    queue: BinaryHeap<Reverse<(SimTime, u64, Action)>>,
    seq: u64,
    pub params: Params,
    rng_planner: Stream,
    rng_route53: Stream,
    rng_dwfm: Stream,
    pub dns: Dns,
    pub clients: Vec<ClientGroup>,
    pub dwfm: Dwfm,
    pub ec2: Ec2,
    pub netmgr: NetworkManager,
    pub nlb: Nlb,
    pub deps: Dependents,
    pub mitigations: BTreeSet<Mitigation>,
    pub retry: RetryPolicy,
    pub error_bp: [u16; SERVICE_COUNT],
    pub health: [Health; SERVICE_COUNT],
    health_event: [Option<EventId>; SERVICE_COUNT],
    causes: Causes,
    reported: Reported,
    /// Index of the next script entry to apply.
    pub next_intervention: usize,
    goodput_per_min: u64,
    wasted_per_min: u64,
}

impl World {
    pub fn new(params: Params, seed: u64) -> World {
        let p = &params;
        let endpoints = 3 + p.account_endpoints as usize;
        let mut rng_resolvers = Stream::new(seed, StreamId::Resolvers);
        let mut rng_dwfm = Stream::new(seed, StreamId::Dwfm);
        let clients = CLIENTS
            .iter()
            .map(|s| {
                let n = if *s == Service::Dwfm {
                    p.dwfm_hosts
                } else {
                    p.resolver_cohorts
                };
                ClientGroup {
                    service: *s,
                    caches: (0..n)
                        .map(|_| Cache {
                            phase_ms: rng_resolvers.below(p.dns_ttl_ms),
                            ok: true,
                            negative_until: SimTime::ZERO,
                            negative_ttl_ms: rng_resolvers
                                .between(p.negative_ttl_ms.min(MINUTE), p.negative_ttl_ms),
                            scheduled: false,
                        })
                        .collect(),
                    bypass: false,
                }
            })
            .collect();
        let dwfm = Dwfm::new(p, &mut rng_dwfm);
        let mut w = World {
            now: SimTime::ZERO,
            queue: BinaryHeap::new(),
            seq: 0,
            rng_planner: Stream::new(seed, StreamId::Planner),
            rng_route53: Stream::new(seed, StreamId::Route53),
            rng_dwfm,
            dns: Dns::new(endpoints, p.enactors as usize, p.ips_per_record as u8),
            clients,
            dwfm,
            ec2: Ec2::default(),
            netmgr: NetworkManager::default(),
            nlb: Nlb::default(),
            deps: Dependents::default(),
            mitigations: BTreeSet::new(),
            retry: p.client_retry,
            error_bp: [0; SERVICE_COUNT],
            health: [Health::Healthy; SERVICE_COUNT],
            health_event: [None; SERVICE_COUNT],
            causes: Causes::default(),
            reported: Reported::default(),
            next_intervention: 0,
            goodput_per_min: 0,
            wasted_per_min: 0,
            params,
        };
        let plan_phase = w.rng_planner.below(w.params.plan_interval_ms);
        w.schedule(SimTime(plan_phase), Action::PlannerTick);
        for i in 0..w.dns.enactors.len() {
            let phase = w.rng_route53.below(w.params.enactor_poll_ms);
            w.dns.enactors[i].scheduled = true;
            w.schedule(SimTime(phase), Action::EnactorWake(i as u8));
        }
        w.schedule(SimTime(TICK_MS), Action::Tick);
        w
    }

    fn schedule(&mut self, at: SimTime, action: Action) {
        self.seq += 1;
        self.queue.push(Reverse((at, self.seq, action)));
    }

    /// Advance to `until`: every intervention at or before it is applied, every event strictly
    /// before it is processed. (Interventions precede events at the same instant, so a world
    /// stopped at `t` can take a new intervention at `t` and match a straight run.)
    /// Events scheduled since the run began: the measure of how much work a run is.
    pub fn events_scheduled(&self) -> u64 {
        self.seq
    }

    pub fn run_until(
        &mut self,
        until: SimTime,
        script: &[Timed],
        log: &mut Log,
        samples: &mut Vec<View>,
    ) {
        loop {
            let next_event = self.queue.peek().map(|Reverse((t, _, _))| *t);
            let next_iv = script.get(self.next_intervention).map(|t| t.at);
            match (next_iv, next_event) {
                (Some(ti), te) if ti <= until && te.is_none_or(|te| ti <= te) => {
                    self.now = self.now.max(ti);
                    let what = script[self.next_intervention].what.clone();
                    self.next_intervention += 1;
                    self.intervene(&what, log);
                    self.update_health(log);
                }
                (_, Some(te)) if te < until => {
                    let Some(Reverse((t, _, action))) = self.queue.pop() else {
                        break;
                    };
                    self.now = t;
                    self.handle(action, log, samples);
                }
                _ => break,
            }
        }
        self.now = self.now.max(until);
    }

    fn handle(&mut self, action: Action, log: &mut Log, samples: &mut Vec<View>) {
        match action {
            Action::PlannerTick => self.planner_tick(),
            Action::EnactorWake(i) => self.enactor_wake(i as usize, log),
            Action::EnactorCommit(i) => self.enactor_commit(i as usize, log),
            Action::CacheRefresh(g, c) => self.cache_refresh(g as usize, c as usize),
            Action::RestartHost(h) => {
                let now = self.now;
                self.dwfm.restart(h as usize, now, &self.params);
                let id = log.push(
                    now,
                    Service::Dwfm,
                    EventKind::DwfmHostRestarted { host: h + 1 },
                    self.causes.restart,
                );
                self.causes.leases = Some(id);
            }
            Action::Tick => {
                self.tick(log);
                if self.now.ms().is_multiple_of(MINUTE) {
                    samples.push(self.view());
                }
                let next = self.now.plus(TICK_MS);
                self.schedule(next, Action::Tick);
            }
        }
        if !matches!(action, Action::Tick) {
            self.update_health(log);
        }
    }

    // ------------------------------------------------------------------ DNS Planner

    fn planner_tick(&mut self) {
        if self.dns.planner_running {
            let n = self.dns.endpoints();
            let base = self.params.ips_per_record;
            // Load-balancer health varies: a plan lists between base-2 and base IPs per endpoint.
            let ips = (0..n)
                .map(|_| {
                    Some(
                        self.rng_planner
                            .between(base.saturating_sub(2).max(1), base)
                            as u8,
                    )
                })
                .collect();
            self.dns.issue_plan(ips);
        }
        let next = self.now.plus(self.params.plan_interval_ms);
        self.schedule(next, Action::PlannerTick);
    }

    // ------------------------------------------------------------------ DNS Enactors

    fn enactor_wake(&mut self, i: usize, log: &mut Log) {
        self.dns.enactors[i].scheduled = false;
        if self.dns.enactors[i].paused {
            return;
        }
        if self.dns.enactors[i].plan.is_none() {
            let latest = self.dns.latest;
            let marker = self.dns.applied_marker;
            let en = &self.dns.enactors[i];
            // The one-time freshness check: newer than the previously applied plan.
            if latest > en.last_applied && latest > marker {
                let ips = self
                    .dns
                    .plans
                    .get(&latest)
                    .map(|p| p.ips.iter().map(|x| x.unwrap_or(1)).collect())
                    .unwrap_or_default();
                let id = log.push(
                    self.now,
                    Service::enactor(i),
                    EventKind::PlanPickedUp {
                        gen: latest,
                        applied: marker,
                    },
                    None,
                );
                let slow_ms = self.dns.enactors[i].extra_ms;
                self.dns.enactors[i].plan = Some(HeldPlan {
                    gen: latest,
                    ips,
                    checked_at_ms: self.now.ms(),
                    next: 0,
                    picked_event: Some(id),
                    slow_ms,
                });
            } else {
                self.wake_later(i, self.params.enactor_poll_ms);
                return;
            }
        }
        self.start_transaction(i);
    }

    fn wake_later(&mut self, i: usize, after: u64) {
        if !self.dns.enactors[i].scheduled {
            self.dns.enactors[i].scheduled = true;
            let at = self.now.plus(after);
            self.schedule(at, Action::EnactorWake(i as u8));
        }
    }

    fn start_transaction(&mut self, i: usize) {
        // A paused Enactor stops where it is, holding its plan: resuming carries on with the
        // plan whose freshness it checked before the pause.
        if self.dns.enactors[i].paused {
            return;
        }
        let Some((e, extra)) = self.dns.enactors[i]
            .plan
            .as_ref()
            .map(|p| (p.next, p.slow_ms))
        else {
            return;
        };
        if extra > 0 && self.dns.enactors[i].delayed_before != Some(e) {
            // The delay is the Enactor's own slowness before it gets to an endpoint; it holds
            // no lock on Route 53 meanwhile, so the other Enactors carry on.
            self.dns.enactors[i].delayed_before = Some(e);
            self.wake_later(i, extra);
            return;
        }
        if self.dns.in_flight[e].is_some() {
            // Another Enactor is updating this endpoint: blocked, retry shortly.
            let r = self.params.route53_retry_ms;
            let wait = r + self.rng_route53.below(r + 1);
            self.wake_later(i, wait);
            return;
        }
        self.dns.in_flight[e] = Some(i as u8);
        let en = &mut self.dns.enactors[i];
        en.in_flight = Some(e);
        en.scheduled = true;
        let at = self.now.plus(self.params.route53_txn_ms);
        self.schedule(at, Action::EnactorCommit(i as u8));
    }

    fn enactor_commit(&mut self, i: usize, log: &mut Log) {
        self.dns.enactors[i].scheduled = false;
        let Some(e) = self.dns.enactors[i].in_flight.take() else {
            return;
        };
        self.dns.in_flight[e] = None;
        self.dns.enactors[i].txns.count(self.now.ms());
        let recheck = self.mitigations.contains(&Mitigation::RecheckFreshness);
        let (gen, checked_at, picked) = match &self.dns.enactors[i].plan {
            Some(p) => (p.gen, p.checked_at_ms, p.picked_event),
            None => return,
        };
        let node = Service::enactor(i);
        let endpoint = Endpoint::from_index(e);
        let before = self.dns.record_ips(e);
        match self.dns.commit(i, e, recheck) {
            Commit::Rejected { missing_gen } => {
                if !self.dns.enactors[i].rejected[e] {
                    self.dns.enactors[i].rejected[e] = true;
                    let cause = self.dns.emptied_event[e];
                    log.push(
                        self.now,
                        node,
                        EventKind::TransactionRejected {
                            endpoint,
                            missing_gen,
                        },
                        cause,
                    );
                }
            }
            Commit::PlanGone => {
                log.push(self.now, node, EventKind::PlanGone { gen }, picked);
                self.dns.enactors[i].plan = None;
                self.wake_later(i, self.params.enactor_poll_ms);
                return;
            }
            Commit::SkippedStale { newer } => {
                log.push(
                    self.now,
                    node,
                    EventKind::StaleSkipped {
                        endpoint,
                        gen,
                        newer,
                    },
                    picked,
                );
            }
            Commit::Applied { stale_over } => {
                self.dns.enactors[i].rejected[e] = false;
                let mut cause = picked;
                if let Some(newer) = stale_over {
                    let root = self.dns.enactors[i].slowed_by.or(picked);
                    let id = log.push(
                        self.now,
                        node,
                        EventKind::StaleOverwrite {
                            endpoint,
                            gen,
                            newer,
                            checked_ms_ago: self.now.ms() - checked_at,
                        },
                        root,
                    );
                    cause = Some(id);
                }
                self.dns.active_event[e] = cause;
                if before == 0 && self.dns.record_ips(e) > 0 {
                    // An Enactor wrote a record that a person had emptied (possible only before
                    // its plan was gone): the record resolves again.
                    self.record_changed(e, cause);
                }
            }
        }
        let n = self.dns.endpoints();
        let plan = self.dns.enactors[i]
            .plan
            .as_mut()
            .expect("plan held during commit");
        plan.next += 1;
        if plan.next < n {
            self.start_transaction(i);
            return;
        }
        // Finished every endpoint: mark it applied, then clean up old plans.
        self.dns.enactors[i].plan = None;
        self.dns.enactors[i].last_applied = gen;
        self.dns.applied_marker = self.dns.applied_marker.max(gen);
        let keep_active = self
            .mitigations
            .contains(&Mitigation::CleanupKeepsActivePlan);
        let (below, deleted, emptied) =
            self.dns
                .clean_up(gen, self.params.cleanup_keep_generations, keep_active);
        log.push(
            self.now,
            node,
            EventKind::PlanApplied {
                gen,
                endpoints: n as u32,
                deleted_below: below,
                deleted,
            },
            picked,
        );
        for (e, g) in emptied {
            let cause = self.dns.active_event[e];
            let id = log.push(
                self.now,
                Service::Route53,
                EventKind::RecordEmptied {
                    endpoint: Endpoint::from_index(e),
                    gen: g,
                    by_enactor: i as u8,
                },
                cause,
            );
            self.dns.emptied_event[e] = Some(id);
            self.record_changed(e, Some(id));
        }
        self.wake_later(i, self.params.enactor_poll_ms);
    }

    // ------------------------------------------------------------------ resolvers

    /// The regional record changed between empty and not: caches will notice at their next refresh.
    fn record_changed(&mut self, e: usize, cause: Option<EventId>) {
        if e != Endpoint::Regional.index() {
            return;
        }
        self.causes.ddb = cause;
        let ok = self.dns.record_ips(e) > 0;
        let ttl = self.params.dns_ttl_ms;
        let now = self.now;
        let mut due = Vec::new();
        for (g, group) in self.clients.iter_mut().enumerate() {
            for (c, cache) in group.caches.iter_mut().enumerate() {
                if cache.scheduled || cache.ok == (ok || group.bypass) {
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
            self.schedule(at, Action::CacheRefresh(g as u8, c as u16));
        }
    }

    fn cache_refresh(&mut self, g: usize, c: usize) {
        let ok = self.clients[g].bypass || self.dns.record_ips(Endpoint::Regional.index()) > 0;
        let now = self.now;
        let cache = &mut self.clients[g].caches[c];
        let neg = cache.negative_ttl_ms;
        cache.scheduled = false;
        cache.ok = ok;
        if !ok {
            cache.negative_until = now.plus(neg);
            cache.scheduled = true;
            let at = cache.negative_until;
            self.schedule(at, Action::CacheRefresh(g as u8, c as u16));
        }
    }

    fn ddb_failing(&self, s: Service) -> f64 {
        self.clients[client_index(s)].failing_fraction()
    }

    // ------------------------------------------------------------------ interventions

    fn intervene(&mut self, what: &Intervention, log: &mut Log) {
        let node = match what {
            Intervention::PauseEnactor { enactor }
            | Intervention::ResumeEnactor { enactor }
            | Intervention::DelayEnactor { enactor, .. } => Service::enactor(*enactor as usize),
            Intervention::DeleteRecord { .. } | Intervention::RestoreRecord { .. } => {
                Service::Route53
            }
            Intervention::StopPlanner | Intervention::StartPlanner => Service::Planner,
            Intervention::InternalDnsWorkaround => Service::Sts,
            Intervention::ThrottleDwfmIntake
            | Intervention::UnthrottleDwfmIntake
            | Intervention::RestartDwfmHosts => Service::Dwfm,
            Intervention::SetNlbAutoFailover { .. } => Service::Nlb,
            Intervention::RestoreLambdaSqsPoller => Service::LambdaSqs,
            Intervention::RelaxEc2Throttles => Service::Ec2Api,
            Intervention::Enable { mitigation } => match mitigation {
                Mitigation::RecheckFreshness | Mitigation::CleanupKeepsActivePlan => {
                    Service::Route53
                }
                Mitigation::QueueSizeThrottling => Service::Dwfm,
                Mitigation::NlbFailoverVelocityLimit => Service::Nlb,
            },
            Intervention::SetClientRetry { .. } => Service::CustomerApp,
        };
        let id = log.push(
            self.now,
            node,
            EventKind::Intervention {
                label: what.label(),
            },
            None,
        );
        let now = self.now;
        match *what {
            Intervention::PauseEnactor { enactor } => {
                let en = &mut self.dns.enactors[enactor as usize];
                en.paused = true;
                en.slowed_by = Some(id);
            }
            Intervention::ResumeEnactor { enactor } => {
                let i = enactor as usize;
                let en = &mut self.dns.enactors[i];
                en.paused = false;
                en.extra_ms = 0;
                if en.in_flight.is_none() {
                    self.wake_later(i, 0);
                }
            }
            Intervention::DelayEnactor { enactor, extra_ms } => {
                let en = &mut self.dns.enactors[enactor as usize];
                en.extra_ms = extra_ms.unwrap_or(self.params.enactor_delay_ms);
                en.slowed_by = Some(id);
            }
            Intervention::DeleteRecord { endpoint } => {
                let e = endpoint.index();
                if self.dns.delete_record(e) {
                    let rid = log.push(
                        now,
                        Service::Route53,
                        EventKind::RecordDeleted { endpoint },
                        Some(id),
                    );
                    self.dns.emptied_event[e] = Some(rid);
                    self.record_changed(e, Some(rid));
                }
            }
            Intervention::RestoreRecord { endpoint } => {
                let targets: Vec<usize> = match endpoint {
                    Some(ep) => vec![ep.index()],
                    None => (0..self.dns.endpoints())
                        .filter(|e| self.dns.record_ips(*e) == 0)
                        .collect(),
                };
                for e in targets {
                    let was_empty = self.dns.record_ips(e) == 0;
                    let gen = self.dns.restore_record(e, self.params.ips_per_record as u8);
                    let rid = log.push(
                        now,
                        Service::Route53,
                        EventKind::RecordRestored {
                            endpoint: Endpoint::from_index(e),
                            gen,
                        },
                        Some(id),
                    );
                    self.dns.active_event[e] = Some(rid);
                    if was_empty {
                        self.record_changed(e, Some(rid));
                    }
                }
            }
            Intervention::StopPlanner => {
                self.dns.planner_running = false;
                self.causes.planner = Some(id);
            }
            Intervention::StartPlanner => {
                self.dns.planner_running = true;
                self.causes.planner = Some(id);
            }
            Intervention::InternalDnsWorkaround => {
                let ttl = self.params.dns_ttl_ms;
                for s in [Service::Sts, Service::Iam] {
                    let g = client_index(s);
                    self.clients[g].bypass = true;
                    let mut due = Vec::new();
                    for (c, cache) in self.clients[g].caches.iter_mut().enumerate() {
                        if !cache.ok {
                            // Operators flush these caches: they re-resolve on their next refresh.
                            cache.negative_until =
                                next_positive_refresh(cache.phase_ms, ttl, now.plus(1));
                            due.push((cache.negative_until, c));
                            cache.scheduled = true;
                        }
                    }
                    for (at, c) in due {
                        self.schedule(at, Action::CacheRefresh(g as u8, c as u16));
                    }
                }
            }
            Intervention::ThrottleDwfmIntake => {
                self.dwfm.throttled = true;
                self.ec2.throttled = true;
                self.ec2.relax_started = None;
                self.causes.throttle = Some(id);
                self.causes.restart = Some(id);
            }
            Intervention::UnthrottleDwfmIntake => self.dwfm.throttled = false,
            Intervention::RestartDwfmHosts => {
                self.causes.restart = Some(id);
                let stagger = self.params.dwfm_restart_stagger_ms;
                for h in 0..self.dwfm.hosts.len() {
                    self.schedule(now.plus(stagger * h as u64), Action::RestartHost(h as u32));
                }
            }
            Intervention::SetNlbAutoFailover { enabled } => {
                self.nlb.auto_failover = enabled;
                self.causes.nlb = Some(id);
            }
            Intervention::RestoreLambdaSqsPoller => {
                if self.deps.sqs_poller_failed {
                    self.deps.sqs_poller_failed = false;
                    self.deps.lambda_ddb_failing_ms = 0;
                    self.causes.sqs = Some(log.push(
                        now,
                        Service::LambdaSqs,
                        EventKind::SqsPollerRestored,
                        Some(id),
                    ));
                    self.reported.sqs = false;
                }
            }
            Intervention::RelaxEc2Throttles => {
                self.dwfm.throttled = false;
                if self.ec2.throttled && self.ec2.relax_started.is_none() {
                    self.ec2.relax_started = Some(now);
                }
                self.causes.throttle = Some(id);
            }
            Intervention::Enable { mitigation } => {
                self.mitigations.insert(mitigation);
                match mitigation {
                    Mitigation::QueueSizeThrottling => self.dwfm.queue_size_throttling = true,
                    Mitigation::NlbFailoverVelocityLimit => self.nlb.velocity_limit = true,
                    _ => {}
                }
            }
            Intervention::SetClientRetry { policy } => {
                self.retry = policy;
                self.dwfm.retry = policy;
            }
        }
    }

    // ------------------------------------------------------------------ fleet tick

    fn tick(&mut self, log: &mut Log) {
        let now = self.now;
        let dt = TICK_MS;
        let p = &self.params;
        let reach: Vec<bool> = self.clients[client_index(Service::Dwfm)]
            .caches
            .iter()
            .map(|c| c.ok)
            .collect();
        self.dwfm.tick(now, dt, &reach, p, &mut self.rng_dwfm);
        let made: u64 = self.dwfm.hosts.iter().map(|h| h.stats.made).sum();
        let wasted: u64 = self.dwfm.hosts.iter().map(|h| h.stats.wasted).sum();
        self.goodput_per_min = made * (MINUTE / dt);
        self.wasted_per_min = wasted * (MINUTE / dt);
        let droplets = self.dwfm.droplets().max(1);
        let leased_now = self.dwfm.leased();
        let leased = leased_now as f64 / droplets as f64;
        // "Once DWFM recovered, Network Manager began propagating ... instances terminated during
        // the event": held-back lifecycle work goes ahead once DWFM holds (almost) every lease.
        let releasing = if leased_now * 1000 >= droplets * 995 {
            1.0
        } else {
            0.0
        };
        self.ec2.tick(now, dt, leased, releasing, self.retry, p);
        let new_instances = self.ec2.launched;
        self.netmgr
            .tick(dt, new_instances, self.ec2.released_terminations, p);
        let unpropagated_targets =
            self.netmgr.unpropagated * p.nlb_target_share_permille as f64 / 1000.0;
        self.nlb.tick(dt, unpropagated_targets, p);
        let launch_ok = leased * (1.0 - self.netmgr.disconnected_share(p));
        let (lambda_fail, redshift_fail) = (
            self.ddb_failing(Service::Lambda),
            self.ddb_failing(Service::Redshift),
        );
        self.deps.tick(
            dt,
            lambda_fail,
            self.nlb.error_share(),
            launch_ok,
            redshift_fail,
            p,
        );
        self.report_transitions(reach.iter().filter(|r| !**r).count() as u32, leased, log);
        self.update_health(log);
    }

    /// Log each mechanism's turning points once, each naming its cause.
    fn report_transitions(&mut self, unreachable: u32, leased: f64, log: &mut Log) {
        let now = self.now;
        let p = &self.params;
        if unreachable > 0 && !self.reported.checks_failing {
            self.reported.checks_failing = true;
            self.causes.leases = Some(log.push(
                now,
                Service::Dwfm,
                EventKind::StateChecksFailing { hosts: unreachable },
                self.causes.ddb,
            ));
        } else if unreachable == 0 && self.reported.checks_failing {
            self.reported.checks_failing = false;
            self.causes.leases = Some(log.push(
                now,
                Service::Dwfm,
                EventKind::StateChecksRecovered,
                self.causes.ddb,
            ));
        }
        let unleased_permille = ((1.0 - leased) * 1000.0).round() as u32;
        if unleased_permille >= 10 && !self.reported.leases_expiring {
            self.reported.leases_expiring = true;
            self.causes.leases = Some(log.push(
                now,
                Service::Dwfm,
                EventKind::LeasesExpiring { unleased_permille },
                self.causes.leases,
            ));
        } else if unleased_permille == 0 && self.reported.leases_expiring {
            self.reported.leases_expiring = false;
            self.reported.collapse = false;
            let cause = self.causes.restart.or(self.causes.leases);
            self.causes.leases =
                Some(log.push(now, Service::Dwfm, EventKind::LeasesRestored, cause));
        }
        if self.dwfm.collapsed() && !self.reported.collapse {
            self.reported.collapse = true;
            let queue = self.dwfm.queued();
            self.causes.leases = Some(log.push(
                now,
                Service::Dwfm,
                EventKind::CongestiveCollapse { queue },
                self.causes.leases,
            ));
        }
        let lagging = self.netmgr.delay_ms > p.propagation_ok_ms;
        if lagging && !self.reported.propagation {
            self.reported.propagation = true;
            let delay_s = self.netmgr.delay_ms / SECOND;
            self.causes.propagation = Some(log.push(
                now,
                Service::NetworkManager,
                EventKind::PropagationBacklog { delay_s },
                self.causes.leases,
            ));
        } else if !lagging
            && self.reported.propagation
            && self.netmgr.delay_ms * 2 < p.propagation_ok_ms
        {
            self.reported.propagation = false;
            self.causes.propagation = Some(log.push(
                now,
                Service::NetworkManager,
                EventKind::PropagationNormal,
                self.causes.propagation,
            ));
        }
        let removed = self.nlb.removed;
        if removed > 0.0 && !self.reported.failover {
            self.reported.failover = true;
            self.causes.nlb = Some(log.push(
                now,
                Service::Nlb,
                EventKind::AzFailover {
                    removed_permille: removed.ceil() as u32,
                },
                self.causes.propagation,
            ));
        } else if removed == 0.0 && self.reported.failover {
            self.reported.failover = false;
            self.causes.nlb = Some(log.push(
                now,
                Service::Nlb,
                EventKind::NlbCapacityRestored,
                self.causes.nlb,
            ));
        }
        if self.deps.sqs_poller_failed && !self.reported.sqs {
            self.reported.sqs = true;
            self.causes.sqs = Some(log.push(
                now,
                Service::LambdaSqs,
                EventKind::SqsPollerFailed,
                self.causes.ddb,
            ));
        }
        if self.ec2.relaxed {
            self.ec2.relaxed = false;
            self.causes.throttle = Some(log.push(
                now,
                Service::Ec2Api,
                EventKind::ThrottleLifted,
                self.causes.throttle,
            ));
        }
    }

    // ------------------------------------------------------------------ health

    /// Error share of every service and the event that explains it.
    fn errors(&self) -> [(f64, Option<EventId>); SERVICE_COUNT] {
        let p = &self.params;
        let degraded = p.degraded_at_bp as f64 / 10_000.0;
        let mut out = [(0.0, None); SERVICE_COUNT];
        let ev = |s: Service| self.health_event[s.index()];
        let n = self.dns.endpoints() as f64;
        out[Service::Planner.index()] = (
            if self.dns.planner_running { 0.0 } else { 1.0 },
            self.causes.planner,
        );
        for (i, en) in self.dns.enactors.iter().enumerate() {
            let rejected = en.rejected.iter().filter(|r| **r).count() as f64 / n;
            let slowed = if en.paused || en.extra_ms > 0 {
                degraded
            } else {
                0.0
            };
            let cause = if rejected > 0.0 {
                self.dns.emptied_event.iter().flatten().next().copied()
            } else {
                en.slowed_by
            };
            out[Service::enactor(i).index()] = (rejected.max(slowed), cause);
        }
        let empty = (0..self.dns.endpoints())
            .filter(|e| self.dns.record_ips(*e) == 0)
            .count() as f64
            / n;
        out[Service::Route53.index()] = (
            empty,
            self.dns
                .emptied_event
                .iter()
                .flatten()
                .next()
                .copied()
                .or(self.causes.ddb),
        );
        let ddb = |s: Service| (self.ddb_failing(s), self.causes.ddb);
        out[Service::DynamoDb.index()] = ddb(Service::DynamoDb);
        let droplets = self.dwfm.droplets().max(1) as f64;
        let leased = self.dwfm.leased() as f64 / droplets;
        let unreachable = self.ddb_failing(Service::Dwfm);
        let dwfm = if self.dwfm.collapsed() {
            1.0
        } else {
            unreachable.max(1.0 - leased)
        };
        out[Service::Dwfm.index()] = (dwfm, self.causes.leases);
        let disconnected = self.netmgr.disconnected_share(p);
        let launch_fail = 1.0 - leased * (1.0 - disconnected);
        let launch_cause = if 1.0 - leased >= disconnected {
            ev(Service::Dwfm)
        } else {
            ev(Service::NetworkManager)
        };
        out[Service::Ec2Launch.index()] = (launch_fail, launch_cause);
        out[Service::Ec2Api.index()] = (self.ec2.throttled_share(), self.causes.throttle);
        out[Service::NetworkManager.index()] = (disconnected, self.causes.propagation);
        let nlb = self.nlb.error_share();
        out[Service::Nlb.index()] = (nlb, self.causes.nlb);
        let (lf, lc) = ddb(Service::Lambda);
        out[Service::Lambda.index()] = if lf >= self.deps.lambda_deficit {
            (lf, lc)
        } else {
            (self.deps.lambda_deficit, ev(Service::Nlb))
        };
        let sqs = if self.deps.sqs_poller_failed {
            1.0
        } else if self.deps.sqs_backlog_min > 0.0 {
            degraded
        } else {
            0.0
        };
        out[Service::LambdaSqs.index()] = (sqs, self.causes.sqs);
        let max_of = |xs: &[(f64, Option<EventId>)]| {
            xs.iter()
                .copied()
                .fold((0.0, None), |a, b| if b.0 > a.0 { b } else { a })
        };
        let sts = max_of(&[ddb(Service::Sts), (nlb, ev(Service::Nlb))]);
        out[Service::Sts.index()] = sts;
        out[Service::Iam.index()] = max_of(&[ddb(Service::Iam), (sts.0, ev(Service::Sts))]);
        out[Service::Ecs.index()] = (launch_fail, ev(Service::Ec2Launch));
        let stuck = self.deps.redshift_stuck / p.redshift_clusters as f64;
        out[Service::Redshift.index()] =
            max_of(&[ddb(Service::Redshift), (stuck, ev(Service::Ec2Launch))]);
        let lambda = out[Service::Lambda.index()].0;
        out[Service::Connect.index()] = max_of(&[
            ddb(Service::Connect),
            (nlb, ev(Service::Nlb)),
            (lambda, ev(Service::Lambda)),
        ]);
        out[Service::CustomerApp.index()] =
            max_of(&[ddb(Service::CustomerApp), (nlb, ev(Service::Nlb))]);
        out
    }

    fn update_health(&mut self, log: &mut Log) {
        let errors = self.errors();
        let (deg, down) = (self.params.degraded_at_bp, self.params.down_at_bp);
        for s in Service::ALL {
            let (share, cause) = errors[s.index()];
            let bp = (share.clamp(0.0, 1.0) * 10_000.0).round() as u16;
            let health = if bp as u64 >= down {
                Health::Down
            } else if bp as u64 >= deg {
                Health::Degraded
            } else {
                Health::Healthy
            };
            self.error_bp[s.index()] = bp;
            let from = self.health[s.index()];
            if health != from {
                self.health[s.index()] = health;
                let id = log.push(
                    self.now,
                    *s,
                    EventKind::HealthChanged {
                        from,
                        to: health,
                        error_bp: bp as u32,
                    },
                    cause,
                );
                self.health_event[s.index()] = Some(id);
            }
        }
    }

    // ------------------------------------------------------------------ observation

    pub fn view(&self) -> View {
        let p = &self.params;
        // The fleet's quantities are per tick.
        let per_min = |per_tick: f64| (per_tick * (MINUTE / TICK_MS) as f64).round() as u64;
        let n = self.dns.endpoints();
        let gauges = Gauges {
            plan_latest: self.dns.latest,
            planner_running: self.dns.planner_running,
            plans_per_min: if self.dns.planner_running {
                MINUTE / p.plan_interval_ms.max(1)
            } else {
                0
            },
            enactors: self
                .dns
                .enactors
                .iter()
                .map(|en| EnactorGauge {
                    gen: en.plan.as_ref().map(|p| p.gen).unwrap_or(en.last_applied),
                    applying: en.plan.is_some(),
                    endpoint: en.plan.as_ref().map(|p| p.next as u8),
                    endpoints: n as u8,
                    paused: en.paused,
                    delayed: en.extra_ms > 0,
                    rejected: en.rejected.iter().filter(|r| **r).count() as u8,
                    txns_per_min: en.txns.per_min(self.now.ms()),
                })
                .collect(),
            records: (0..n)
                .map(|e| RecordGauge {
                    name: Endpoint::from_index(e).label(),
                    ips: self.dns.record_ips(e),
                    gen: self.dns.active[e],
                })
                .collect(),
            droplets: self.dwfm.droplets(),
            leased: self.dwfm.leased(),
            dwfm_queue: self.dwfm.queued(),
            goodput_per_min: self.goodput_per_min,
            wasted_per_min: self.wasted_per_min,
            dwfm_hosts_unreachable: self.clients[client_index(Service::Dwfm)]
                .caches
                .iter()
                .filter(|c| !c.ok)
                .count() as u32,
            dwfm_hosts_restarting: self
                .dwfm
                .hosts
                .iter()
                .filter(|h| h.restarting_until.is_some())
                .count() as u32,
            dwfm_throttled: self.dwfm.throttled,
            propagation_backlog: self.netmgr.backlog.round() as u64,
            propagation_delay_s: self.netmgr.delay_ms / SECOND,
            nlb_capacity_permille: (1000.0 - self.nlb.removed).round() as u32,
            nlb_auto_failover: self.nlb.auto_failover,
            check_delay_s: self.nlb.check_delay_ms / SECOND,
            flapping_targets: self.nlb.flapping.round() as u64,
            api_limit_per_min: self.ec2.api_limit(self.now, p).round() as u64,
            pending_launches: self.ec2.pending.round() as u64,
            launch_requests_per_min: per_min(self.ec2.demand),
            launches_admitted_per_min: per_min(self.ec2.admitted),
            launches_per_min: per_min(self.ec2.launched),
            propagation_arrivals_per_min: per_min(
                self.ec2.launched + self.ec2.released_terminations,
            ),
            propagations_per_min: per_min(self.netmgr.processed),
            sqs_poller_failed: self.deps.sqs_poller_failed,
            sqs_backlog_min: self.deps.sqs_backlog_min.round() as u64,
            lambda_capacity_permille: ((1.0 - self.deps.lambda_deficit) * 1000.0).round() as u32,
            redshift_stuck: self.deps.redshift_stuck.round() as u64,
        };
        View {
            at: self.now,
            error_bp: self.error_bp.to_vec(),
            health: self.health.to_vec(),
            gauges,
        }
    }
}
