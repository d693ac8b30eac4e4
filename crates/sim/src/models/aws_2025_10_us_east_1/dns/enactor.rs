//! The Enactors' behaviour: pick up the latest plan after a one-time freshness check, apply it
//! endpoint by endpoint through Route 53 transactions, retry blocked endpoints, then clean up
//! plans significantly older. The race is not written here; it emerges from these rules.

use super::super::resolver::Resolvers;
use super::super::Endpoint;
use super::super::EventKind;
use super::super::Service;
use super::super::{Action, Ctx};
use super::{Commit, Dns, HeldPlan};
use crate::engine::log::EventId;

impl Dns {
    pub(crate) fn enactor_wake(&mut self, i: usize, cx: &mut Ctx) {
        self.enactors[i].scheduled = false;
        if self.enactors[i].paused {
            return;
        }
        if self.enactors[i].plan.is_none() {
            let latest = self.latest;
            let marker = self.applied_marker;
            let en = &self.enactors[i];
            // The one-time freshness check: newer than the previously applied plan.
            if latest > en.last_applied && latest > marker {
                let ips = self
                    .plans
                    .get(latest)
                    .map(|p| p.ips.iter().map(|x| x.unwrap_or(1)).collect())
                    .unwrap_or_default();
                let id = cx.log(
                    Service::enactor(i),
                    EventKind::PlanPickedUp {
                        gen: latest,
                        applied: marker,
                    },
                    None,
                );
                let slow_ms = self.enactors[i].extra_ms;
                self.enactors[i].plan = Some(HeldPlan {
                    gen: latest,
                    ips,
                    checked_at_ms: cx.now.ms(),
                    next: 0,
                    picked_event: Some(id),
                    slow_ms,
                });
            } else {
                self.wake_later(i, cx.params.enactor_poll_ms, cx);
                return;
            }
        }
        self.start_transaction(i, cx);
    }

    fn wake_later(&mut self, i: usize, after: u64, cx: &mut Ctx) {
        if !self.enactors[i].scheduled {
            self.enactors[i].scheduled = true;
            cx.after(after, Action::EnactorWake(i as u8));
        }
    }

    fn start_transaction(&mut self, i: usize, cx: &mut Ctx) {
        // A paused Enactor stops where it is, holding its plan: resuming carries on with the
        // plan whose freshness it checked before the pause.
        if self.enactors[i].paused {
            return;
        }
        let Some((step, extra)) = self.enactors[i].plan.as_ref().map(|p| (p.next, p.slow_ms))
        else {
            return;
        };
        if extra > 0 && self.enactors[i].delayed_before != Some(step) {
            // The delay is the Enactor's own slowness before it gets to an endpoint; it holds
            // no lock on Route 53 meanwhile, so the other Enactors carry on.
            self.enactors[i].delayed_before = Some(step);
            self.wake_later(i, extra, cx);
            return;
        }
        let e = self.endpoint_at(step, cx.params.regional_endpoint_position);
        if self.in_flight[e].is_some() {
            // Another Enactor is updating this endpoint: blocked, retry shortly.
            let r = cx.params.route53_retry_ms;
            let wait = r + self.route53_rng.below(r + 1);
            self.wake_later(i, wait, cx);
            return;
        }
        self.in_flight[e] = Some(i as u8);
        let en = &mut self.enactors[i];
        en.in_flight = Some(e);
        en.scheduled = true;
        cx.after(cx.params.route53_txn_ms, Action::EnactorCommit(i as u8));
    }

    /// Route 53 answers an Enactor's transaction; a finished plan is followed by its clean-up.
    pub(crate) fn enactor_commit(&mut self, i: usize, cx: &mut Ctx, caches: &mut Resolvers) {
        self.enactors[i].scheduled = false;
        let Some(e) = self.enactors[i].in_flight.take() else {
            return;
        };
        self.in_flight[e] = None;
        self.enactors[i].txns.count(cx.now.ms());
        let (gen, checked_at, picked) = match &self.enactors[i].plan {
            Some(p) => (p.gen, p.checked_at_ms, p.picked_event),
            None => return,
        };
        let node = Service::enactor(i);
        let endpoint = Endpoint::from_index(e);
        let before = self.record_ips(e);
        match self.commit(i, e, self.recheck_freshness) {
            Commit::Rejected { missing_gen } => {
                if !self.enactors[i].is_rejected(e) {
                    self.reject(i, e, true);
                    let cause = self.emptied_event[e];
                    cx.log(
                        node,
                        EventKind::TransactionRejected {
                            endpoint,
                            missing_gen,
                        },
                        cause,
                    );
                }
            }
            Commit::SkippedStale { newer } => {
                cx.log(
                    node,
                    EventKind::StaleSkipped {
                        endpoint,
                        gen,
                        newer,
                    },
                    picked,
                );
            }
            Commit::Applied {
                stale_over,
                revived,
            } => {
                self.reject(i, e, false);
                let mut cause = picked;
                if let Some(newer) = stale_over {
                    let root = self.enactors[i].slowed_by.or(picked);
                    let id = cx.log(
                        node,
                        EventKind::StaleOverwrite {
                            endpoint,
                            gen,
                            newer,
                            checked_ms_ago: cx.now.ms() - checked_at,
                            revived,
                        },
                        root,
                    );
                    cause = Some(id);
                }
                self.active_event[e] = cause;
                if before == 0 && self.record_ips(e) > 0 {
                    // An Enactor wrote a record that a person had emptied (possible only before
                    // its plan was gone): the record resolves again.
                    self.record_changed(e, cause, caches, cx);
                }
            }
        }
        let n = self.endpoints();
        let plan = self.enactors[i]
            .plan
            .as_mut()
            .expect("plan held during commit");
        plan.next += 1;
        if plan.next < n {
            self.start_transaction(i, cx);
            return;
        }
        // Finished every endpoint: mark it applied, then clean up old plans.
        self.enactors[i].plan = None;
        self.enactors[i].last_applied = gen;
        self.applied_marker = self.applied_marker.max(gen);
        let (below, deleted, emptied) = self.clean_up(
            gen,
            cx.params.cleanup_keep_generations,
            self.cleanup_keeps_active_plan,
        );
        cx.log(
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
            let cause = self.active_event[e];
            let id = cx.log(
                Service::Route53,
                EventKind::RecordEmptied {
                    endpoint: Endpoint::from_index(e),
                    gen: g,
                    by_enactor: i as u8,
                },
                cause,
            );
            self.emptied_event[e] = Some(id);
            self.record_changed(e, Some(id), caches, cx);
        }
        self.wake_later(i, cx.params.enactor_poll_ms, cx);
    }

    /// The record changed between empty and not: the clients' caches will follow.
    pub(super) fn record_changed(
        &self,
        e: usize,
        cause: Option<EventId>,
        caches: &mut Resolvers,
        cx: &mut Ctx,
    ) {
        caches.record_changed(e, self.record_ips(e) > 0, cause, cx);
    }

    /// Operators pause an Enactor: it stops before its next transaction, holding its plan (and
    /// the record sets it means to write), checked for freshness once, before the pause.
    pub(crate) fn pause_enactor(&mut self, i: usize, by: EventId) {
        self.shares_changed();
        let en = &mut self.enactors[i];
        en.paused = true;
        en.slowed_by = Some(by);
    }

    pub(crate) fn resume_enactor(&mut self, i: usize, cx: &mut Ctx) {
        self.shares_changed();
        let en = &mut self.enactors[i];
        en.paused = false;
        en.extra_ms = 0;
        if en.in_flight.is_none() {
            self.wake_later(i, 0, cx);
        }
    }

    /// The Enactor becomes slow: each endpoint of the plans it picks up from now waits first.
    pub(crate) fn delay_enactor(&mut self, i: usize, extra_ms: u64, by: EventId) {
        self.shares_changed();
        let en = &mut self.enactors[i];
        en.extra_ms = extra_ms;
        en.slowed_by = Some(by);
    }
}
