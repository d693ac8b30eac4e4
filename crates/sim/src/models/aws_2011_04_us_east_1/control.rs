//! The EBS control plane: one region-wide service, hurt by the degraded cluster in two ways with
//! two causes [Q], one for each of the day's two periods of region-wide API errors [P].
//!
//! - **Threads.** It has a regional pool of threads [Q]. A cluster without free capacity cannot
//!   serve CreateVolume; those calls have a long time-out [Q] and hold their threads until it
//!   ends. When they need more threads than the pool has, every EBS API call in the region
//!   starves [Q]. Disabling CreateVolume (or all control APIs) in the zone, or cutting the
//!   cluster off, stops new calls; those already waiting free their threads as they time out.
//! - **Brown-out.** Replication configuration lives in a database the control plane shares with
//!   API traffic [AWS-other]: every search for space is a re-mirroring negotiation through it, and
//!   the stuck volumes' retries brown it out, failing EBS APIs across the region [Q]. Cutting the
//!   cluster off stops the negotiations reaching it; backoff makes them rarer.
//!
//! A per-AZ control plane (a share of the threads, its own database) confines both to the zone.

use super::{Ctx, EventKind, Service};
use crate::engine::log::EventId;
use crate::engine::time::MINUTE;

#[derive(Clone, Debug, Default)]
pub struct ControlPlane {
    /// CreateVolume for the affected AZ is disabled: those calls are refused at once.
    pub create_volume_disabled: bool,
    /// Every control API for the affected AZ is disabled: its calls are refused at once.
    pub az_apis_disabled: bool,
    /// The control plane no longer talks to the degraded cluster.
    pub cluster_cut_off: bool,
    /// Each AZ has its own control plane (a share of the threads each, its own database).
    pub per_az: bool,
    /// Threads held by CreateVolume calls waiting for their time-out.
    pub held: f64,
    /// Threads the calls need now (region-wide pool, or the affected AZ's own).
    pub threads_needed: f64,
    /// Re-mirroring negotiations per second reaching the database (per mille of the volumes).
    pub negotiations_permille: f64,
    /// Share of calls the thread pool cannot serve, and share the brown-out fails.
    pub starved_share: f64,
    pub brownout_share: f64,
    /// Share of calls that fail: the region's (other zones), and the affected AZ's.
    pub region_error: f64,
    pub az_error: f64,
    /// The threads starving, and the brown-out: each logged as it begins and ends.
    starving: Spell,
    browned_out: Spell,
}

/// A condition that comes and goes: logged once as it begins, caused by what brought it, and
/// once as it ends, caused by its beginning.
#[derive(Clone, Copy, Debug, Default)]
struct Spell {
    on: bool,
    cause: Option<EventId>,
}

impl Spell {
    fn follow(
        &mut self,
        holds: bool,
        cx: &mut Ctx,
        begins: impl FnOnce() -> EventKind,
        ends: EventKind,
        brought_by: Option<EventId>,
    ) {
        if holds && !self.on {
            self.cause = Some(cx.log(Service::ControlPlane, begins(), brought_by));
        } else if !holds && self.on {
            cx.log(Service::ControlPlane, ends, self.cause);
        }
        self.on = holds;
    }
}

/// The share of demand `need` that capacity `have` cannot serve.
fn beyond(need: f64, have: f64) -> f64 {
    if need > have && need > 0.0 {
        1.0 - have / need
    } else {
        0.0
    }
}

/// Both failures at once: a call fails if either fails it.
fn either(a: f64, b: f64) -> f64 {
    1.0 - (1.0 - a) * (1.0 - b)
}

impl ControlPlane {
    /// `out_of_space`: the cluster cannot serve CreateVolume; `searches_permille`: the cluster's
    /// searches for space per second (per mille of its volumes).
    pub fn tick(
        &mut self,
        dt: u64,
        out_of_space: bool,
        searches_permille: f64,
        cluster_cause: Option<EventId>,
        cx: &mut Ctx,
    ) {
        let p = cx.params;
        let calls_per_ms = p.api_calls_per_min as f64 / MINUTE as f64;
        let az = p.az_share_permille as f64 / 1000.0;
        let create = p.create_volume_share_permille as f64 / 1000.0;
        let threads = p.control_threads as f64;
        // Threads: CreateVolume calls the cluster cannot serve hold theirs until the time-out.
        let refused_create =
            self.create_volume_disabled || self.az_apis_disabled || self.cluster_cut_off;
        let hanging_per_ms = if out_of_space && !refused_create {
            calls_per_ms * az * create
        } else {
            0.0
        };
        let timeout = p.create_volume_timeout_ms.max(1) as f64;
        let decay = (dt as f64 / timeout).min(1.0);
        self.held = self.held * (1.0 - decay) + hanging_per_ms * timeout * decay;
        if self.held < 1e-6 {
            self.held = 0.0;
        }
        let az_served = if self.az_apis_disabled {
            0.0
        } else {
            calls_per_ms * az * p.api_call_ms as f64
        };
        let rest = calls_per_ms * (1.0 - az) * p.api_call_ms as f64;
        // Brown-out: the negotiations through the database shared with API traffic.
        self.negotiations_permille = if self.cluster_cut_off {
            0.0
        } else {
            searches_permille
        };
        let absorbed = p.negotiations_absorbed_permille as f64;
        self.brownout_share = beyond(self.negotiations_permille, absorbed);
        let (az_starved, region_starved, pool);
        if self.per_az {
            let az_pool = threads * az;
            pool = az_pool;
            self.threads_needed = self.held + az_served;
            az_starved = beyond(self.threads_needed, az_pool);
            region_starved = beyond(rest, threads - az_pool);
            self.region_error = region_starved;
        } else {
            pool = threads;
            self.threads_needed = self.held + az_served + rest;
            az_starved = beyond(self.threads_needed, threads);
            region_starved = az_starved;
            self.region_error = either(region_starved, self.brownout_share);
        }
        self.starved_share = az_starved;
        let refused = if self.az_apis_disabled {
            1.0
        } else if refused_create {
            create
        } else {
            0.0
        };
        self.az_error = either(either(az_starved, self.brownout_share), refused);
        let threads_needed = self.threads_needed.round() as u64;
        self.starving.follow(
            az_starved > 0.0 || region_starved > 0.0,
            cx,
            || EventKind::ControlPlaneStarved {
                threads_needed,
                threads: pool.round() as u64,
            },
            EventKind::ControlPlaneRecovered,
            cluster_cause,
        );
        let negotiations_per_s_permille = self.negotiations_permille.round() as u64;
        self.browned_out.follow(
            self.brownout_share > 0.0,
            cx,
            || EventKind::BrownOut {
                negotiations_per_s_permille,
                absorbed: p.negotiations_absorbed_permille,
            },
            EventKind::BrownOutOver,
            cluster_cause,
        );
    }

    /// The event behind the control plane's errors now: the brown-out's while it lasts, else
    /// the threads'.
    pub fn why(&self) -> Option<EventId> {
        if self.brownout_share > 0.0 {
            self.browned_out.cause
        } else {
            self.starving.cause
        }
    }
}
