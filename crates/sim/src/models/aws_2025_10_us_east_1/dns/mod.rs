//! The DynamoDB DNS automation: the DNS Planner, three DNS Enactors and the Route 53 records
//! they write. The race of October 2025 is not scripted here: it emerges when a slow Enactor's
//! one-time freshness check goes stale while a fast one applies newer plans and cleans up.
//!
//! Route 53 model: a plan is a set of record sets, one per endpoint; an endpoint's record points
//! at the plan that was last applied to it. Deleting a plan deletes its record sets, so an
//! endpoint still pointing at it resolves to nothing ("all IP addresses ... were immediately
//! removed"). An Enactor's transaction replaces the endpoint's current plan, so it needs the
//! current plan's record set: when that is gone the change cannot be computed and every
//! Enactor's update of that endpoint fails until an operator repairs it.

mod enactor;
mod planner;
mod plans;

use super::resolver::Resolvers;
use super::streams;
use super::Endpoint;
use super::Errors;
use super::EventKind;
use super::Params;
use super::Service;
use super::{Action, Ctx};
use crate::engine::log::EventId;
use crate::engine::rng::Stream;
use crate::engine::time::SimTime;
use plans::Plans;

/// A DNS plan generation: for each endpoint, how many load-balancer IPs its record lists
/// (`None` once that record set has been deleted).
#[derive(Clone, Debug)]
pub struct Plan {
    pub ips: Box<[Option<u8>]>,
}

/// The plan an Enactor is working through.
#[derive(Clone, Debug)]
pub struct HeldPlan {
    pub gen: u64,
    pub ips: Box<[u8]>,
    /// When the one-time freshness check passed.
    pub checked_at_ms: u64,
    /// Next step of the order the Enactor applies endpoints in (see `Dns::endpoint_at`).
    pub next: usize,
    pub picked_event: Option<EventId>,
    /// Picked up while the Enactor was slowed: each endpoint of this plan waits this long
    /// first. The slowness belongs to the plan's processing, so it outlasts a later "resume".
    pub slow_ms: u64,
}

#[derive(Clone, Debug, Default)]
pub struct Enactor {
    pub plan: Option<HeldPlan>,
    pub paused: bool,
    pub extra_ms: u64,
    /// The intervention that slowed or paused this Enactor, if any: the root of its stale writes.
    pub slowed_by: Option<EventId>,
    pub last_applied: u64,
    /// Endpoint whose transaction is in flight.
    pub in_flight: Option<usize>,
    /// A poll, retry or transaction completion is scheduled.
    pub scheduled: bool,
    /// Endpoints this Enactor could not update in its current or last cycle (see `reject`).
    rejected: Box<[bool]>,
    /// How many of `rejected` are set: read after every transaction.
    rejected_count: usize,
    /// A delayed Enactor has already spent its delay before this endpoint.
    pub delayed_before: Option<usize>,
    pub txns: MinuteCounter,
}

impl Enactor {
    /// Mark endpoint `e` as one this Enactor could (`true`) or could again (`false`) not update;
    /// says whether that changed it.
    #[inline(always)]
    fn reject(&mut self, e: usize, rejected: bool) -> bool {
        let changed = self.rejected[e] != rejected;
        if changed {
            self.rejected[e] = rejected;
            if rejected {
                self.rejected_count += 1;
            } else {
                self.rejected_count -= 1;
            }
        }
        changed
    }

    pub fn is_rejected(&self, e: usize) -> bool {
        self.rejected[e]
    }

    /// How many endpoints it could not update.
    pub fn rejected_count(&self) -> usize {
        self.rejected_count
    }
}

/// Events counted per simulated minute, so a rate reads the same whichever instant is shown
/// (an Enactor writes in bursts of a few seconds).
#[derive(Clone, Debug, Default)]
pub struct MinuteCounter {
    minute: u64,
    current: u64,
    previous: u64,
}

impl MinuteCounter {
    pub fn count(&mut self, now_ms: u64) {
        self.roll(now_ms / crate::time::MINUTE);
        self.current += 1;
    }

    fn roll(&mut self, minute: u64) {
        if minute != self.minute {
            self.previous = if minute == self.minute + 1 {
                self.current
            } else {
                0
            };
            self.current = 0;
            self.minute = minute;
        }
    }

    /// Events in the last complete minute before `now_ms`.
    pub fn per_min(&self, now_ms: u64) -> u64 {
        let minute = now_ms / crate::time::MINUTE;
        match minute.checked_sub(self.minute) {
            Some(0) => self.previous,
            Some(1) => self.current,
            _ => 0,
        }
    }
}

#[derive(Clone, Debug)]
pub struct Dns {
    /// Private, with `active`: each record's answer and the count of empty records are kept in
    /// step with them, so only this mechanism may change them.
    plans: Plans,
    pub latest: u64,
    /// Newest plan an Enactor has finished applying: the "previously applied plan".
    pub applied_marker: u64,
    /// Per endpoint: generation of the plan its record points at.
    active: Box<[u64]>,
    /// Per endpoint: the event that set `active` (for causes).
    pub active_event: Box<[Option<EventId>]>,
    /// Per endpoint: the event that emptied the record, while it is empty.
    pub emptied_event: Box<[Option<EventId>]>,
    /// Per endpoint: the Enactor with a transaction in flight.
    pub in_flight: Box<[Option<u8>]>,
    /// Per endpoint: the IPs its record resolves to, kept in step with `plans` and `active`
    /// because health reads every record after every event.
    answers: Box<[u8]>,
    /// Endpoints whose record resolves to nothing.
    empty_records: usize,
    /// Counts changes to what the error shares are computed from (see `share_key`).
    share_changes: u64,
    pub planner_running: bool,
    /// The operator action that last stopped or started the Planner.
    pub planner_cause: Option<EventId>,
    pub enactors: Box<[Enactor]>,
    /// Announced fixes: the Enactor re-checks freshness per endpoint; clean-up spares plans in use.
    pub recheck_freshness: bool,
    pub cleanup_keeps_active_plan: bool,
    planner_rng: Stream,
    route53_rng: Stream,
}

/// What committing a transaction did.
pub enum Commit {
    Applied {
        stale_over: Option<u64>,
        /// Clean-up had deleted the plan: the write brought its record set back.
        revived: bool,
    },
    SkippedStale {
        newer: u64,
    },
    Rejected {
        missing_gen: u64,
    },
}

impl Dns {
    /// Generation of the plan endpoint `e`'s record points at.
    pub fn active_plan(&self, e: usize) -> u64 {
        self.active[e]
    }

    pub fn new(p: &Params, seed: u64) -> Dns {
        let endpoints = 3 + p.account_endpoints as usize;
        let (enactors, ips) = (p.enactors as usize, p.ips_per_record as u8);
        let mut plans = Plans::default();
        plans.insert(
            1,
            Plan {
                ips: vec![Some(ips); endpoints].into(),
            },
        );
        Dns {
            plans,
            latest: 1,
            applied_marker: 1,
            active: vec![1; endpoints].into(),
            active_event: vec![None; endpoints].into(),
            emptied_event: vec![None; endpoints].into(),
            in_flight: vec![None; endpoints].into(),
            answers: vec![ips; endpoints].into(),
            empty_records: if ips == 0 { endpoints } else { 0 },
            share_changes: 0,
            planner_running: true,
            planner_cause: None,
            recheck_freshness: false,
            cleanup_keeps_active_plan: false,
            planner_rng: Stream::new(seed, streams::PLANNER),
            route53_rng: Stream::new(seed, streams::ROUTE53),
            enactors: (0..enactors)
                .map(|_| Enactor {
                    last_applied: 1,
                    rejected: vec![false; endpoints].into(),
                    rejected_count: 0,
                    ..Enactor::default()
                })
                .collect(),
        }
    }

    /// The Planner and the Enactors start at phases of their own, drawn from their streams.
    pub(crate) fn start(&mut self, cx: &mut Ctx) {
        let p = cx.params;
        let plan_phase = self.planner_rng.below(p.plan_interval_ms);
        cx.at(SimTime(plan_phase), Action::PlannerTick);
        for i in 0..self.enactors.len() {
            let phase = self.route53_rng.below(p.enactor_poll_ms);
            self.enactors[i].scheduled = true;
            cx.at(SimTime(phase), Action::EnactorWake(i as u8));
        }
    }

    /// Roughly the bytes its plans hold (plans kept until clean-up, a record set per endpoint).
    pub fn footprint(&self) -> u64 {
        (self.plans.slots() * (64 + self.endpoints() * 2)) as u64
    }

    pub fn endpoints(&self) -> usize {
        self.active.len()
    }

    /// The step of a plan's application at which an Enactor writes the regional endpoint.
    pub fn regional_step(&self, regional_position: u64) -> usize {
        (regional_position as usize).min(self.endpoints() - 1)
    }

    /// The endpoint (index) an Enactor applies at `step` of a plan: the regional endpoint at
    /// its step, the IPv6, FIPS and account-specific endpoints in their own order around it.
    #[inline(always)]
    pub fn endpoint_at(&self, step: usize, regional_position: u64) -> usize {
        match step.cmp(&self.regional_step(regional_position)) {
            std::cmp::Ordering::Less => step + 1,
            std::cmp::Ordering::Equal => Endpoint::Regional.index(),
            std::cmp::Ordering::Greater => step,
        }
    }

    /// IPs an endpoint's record resolves to right now (0 = empty answer).
    #[inline(always)]
    pub fn record_ips(&self, e: usize) -> u8 {
        self.answers[e]
    }

    /// Re-read an endpoint's record after its plan or its record set changed.
    fn sync_record(&mut self, e: usize) {
        let ips = self
            .plans
            .get(self.active[e])
            .and_then(|p| p.ips[e])
            .unwrap_or(0);
        self.set_answer(e, ips);
    }

    #[inline(always)]
    fn set_answer(&mut self, e: usize, ips: u8) {
        let (was_empty, empty) = (self.answers[e] == 0, ips == 0);
        if was_empty != empty {
            if empty {
                self.empty_records += 1;
            } else {
                self.empty_records -= 1;
            }
            self.shares_changed();
        }
        self.answers[e] = ips;
    }

    /// The active plan's record set exists: Enactors can compute a change for this endpoint.
    fn consistent(&self, e: usize) -> bool {
        self.plans
            .get(self.active[e])
            .is_some_and(|p| p.ips[e].is_some())
    }

    pub fn issue_plan(&mut self, ips: Box<[Option<u8>]>) -> u64 {
        self.latest += 1;
        self.plans.insert(self.latest, Plan { ips });
        self.latest
    }

    /// Commit Enactor `i`'s transaction on endpoint `e`. The Enactor writes the record set it
    /// holds for its plan, whether or not Route 53 still has that plan: its one freshness check
    /// was made before it began (AWS's time-of-check/time-of-use flaw), and nothing in the
    /// sources says it looks again. If clean-up deleted the plan meanwhile, the write brings the
    /// generation back, for that endpoint only, so the next clean-up deletes it again.
    pub fn commit(&mut self, i: usize, e: usize, recheck_freshness: bool) -> Commit {
        let held = self.enactors[i]
            .plan
            .as_ref()
            .expect("commit without a plan");
        let (gen, ip) = (held.gen, held.ips[e]);
        if !self.consistent(e) {
            return Commit::Rejected {
                missing_gen: self.active[e],
            };
        }
        let current = self.active[e];
        if recheck_freshness && current > gen {
            return Commit::SkippedStale { newer: current };
        }
        let endpoints = self.endpoints();
        let revived = !self.plans.contains(gen);
        let plan = self.plans.get_or_insert_with(gen, || Plan {
            ips: vec![None; endpoints].into(),
        });
        plan.ips[e] = Some(ip);
        self.active[e] = gen;
        self.set_answer(e, ip);
        Commit::Applied {
            stale_over: (current > gen).then_some(current),
            revived,
        }
    }

    /// Clean-up after applying `gen`: delete plans significantly older. Returns the number of
    /// plans deleted and the endpoints whose active plan was among them (now empty).
    pub fn clean_up(
        &mut self,
        gen: u64,
        keep: u64,
        keep_active: bool,
    ) -> (u64, u32, Vec<(usize, u64)>) {
        let below = gen.saturating_sub(keep);
        let doomed: Vec<u64> = self
            .plans
            .older_than(below)
            .filter(|g| !(keep_active && self.active.contains(g)))
            .collect();
        let mut emptied = Vec::new();
        if doomed.is_empty() {
            // The other Enactors' clean-ups after the same plan find nothing left to delete.
            return (below, 0, emptied);
        }
        for g in &doomed {
            if let Some(plan) = self.plans.remove(*g) {
                for (e, active) in self.active.iter().enumerate() {
                    if active == g && plan.ips[e].is_some() {
                        emptied.push((e, *g));
                    }
                }
            }
        }
        // Only records pointing at a deleted plan can change: the rest are read as they were.
        for e in 0..self.endpoints() {
            if doomed.contains(&self.active[e]) {
                self.sync_record(e);
            }
        }
        (below, doomed.len() as u32, emptied)
    }

    /// A person deletes the endpoint's active record set.
    pub fn delete_record(&mut self, e: usize) -> bool {
        match self.plans.get_mut(self.active[e]) {
            Some(p) if p.ips[e].is_some() => {
                p.ips[e] = None;
                self.sync_record(e);
                true
            }
            _ => false,
        }
    }

    /// Operators point the endpoint at the newest plan, recreating its record set.
    pub fn restore_record(&mut self, e: usize, ips: u8) -> u64 {
        let latest = self.latest;
        let n = self.active.len();
        let plan = self.plans.get_or_insert_with(latest, || Plan {
            ips: vec![None; n].into(),
        });
        if plan.ips[e].is_none() {
            plan.ips[e] = Some(ips);
        }
        self.active[e] = latest;
        self.sync_record(e);
        self.emptied_event[e] = None;
        for i in 0..self.enactors.len() {
            self.reject(i, e, false);
        }
        latest
    }

    pub fn endpoint(e: usize) -> Endpoint {
        Endpoint::from_index(e)
    }

    /// A person deletes an endpoint's record, as a bad clean-up would.
    pub(crate) fn delete_by_hand(
        &mut self,
        endpoint: Endpoint,
        by: EventId,
        caches: &mut Resolvers,
        cx: &mut Ctx,
    ) {
        let e = endpoint.index();
        if self.delete_record(e) {
            let rid = cx.log(
                Service::Route53,
                EventKind::RecordDeleted { endpoint },
                Some(by),
            );
            self.emptied_event[e] = Some(rid);
            self.record_changed(e, Some(rid), caches, cx);
        }
    }

    /// Operators repair an endpoint (or, with none, every empty one) from the newest plan.
    pub(crate) fn operators_restore(
        &mut self,
        endpoint: Option<Endpoint>,
        by: EventId,
        caches: &mut Resolvers,
        cx: &mut Ctx,
    ) {
        let targets: Vec<usize> = match endpoint {
            Some(ep) => vec![ep.index()],
            None => (0..self.endpoints())
                .filter(|e| self.record_ips(*e) == 0)
                .collect(),
        };
        for e in targets {
            let was_empty = self.record_ips(e) == 0;
            let gen = self.restore_record(e, cx.params.ips_per_record as u8);
            let rid = cx.log(
                Service::Route53,
                EventKind::RecordRestored {
                    endpoint: Endpoint::from_index(e),
                    gen,
                },
                Some(by),
            );
            self.active_event[e] = Some(rid);
            if was_empty {
                self.record_changed(e, Some(rid), caches, cx);
            }
        }
    }

    /// Enactor `i` could (`true`) or could again (`false`) not update endpoint `e`.
    #[inline(always)]
    fn reject(&mut self, i: usize, e: usize, rejected: bool) {
        if self.enactors[i].reject(e, rejected) {
            self.share_changes += 1;
        }
    }

    /// Something the error shares are computed from changed: the Planner running, an
    /// Enactor's rejections or slowness, an empty record.
    fn shares_changed(&mut self) {
        self.share_changes += 1;
    }

    /// A number that changes whenever anything the error shares are computed from does: equal
    /// before and after an event, the shares are equal too (most events are transactions that
    /// change none, and this is read before and after each). Causes are left out: a cause
    /// counts only when a share changes.
    pub fn share_key(&self) -> u64 {
        self.share_changes
    }

    /// The Planner's, the Enactors' and Route 53's error shares. An Enactor that cannot update
    /// an endpoint fails for it; a slowed one is degraded; an empty record fails its endpoint.
    pub fn errors(&self, out: &mut Errors, degraded: f64, ddb_cause: Option<EventId>) {
        let n = self.endpoints() as f64;
        out[Service::Planner.index()] = (
            if self.planner_running { 0.0 } else { 1.0 },
            self.planner_cause,
        );
        let emptied = self.emptied_event.iter().flatten().next().copied();
        for (i, en) in self.enactors.iter().enumerate() {
            let rejected = en.rejected_count as f64 / n;
            let slowed = if en.paused || en.extra_ms > 0 {
                degraded
            } else {
                0.0
            };
            let cause = if rejected > 0.0 {
                emptied
            } else {
                en.slowed_by
            };
            out[Service::enactor(i).index()] = (rejected.max(slowed), cause);
        }
        let empty = self.empty_records as f64 / n;
        out[Service::Route53.index()] = (empty, emptied.or(ddb_cause));
    }
}
