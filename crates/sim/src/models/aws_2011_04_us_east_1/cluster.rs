//! The EBS cluster of the affected Availability Zone, as shares of its volumes. A mistaken
//! traffic shift puts replication traffic on the lower-capacity secondary network, which cannot
//! carry it: part of the cluster is cut off. When the shift is rolled back, every cut-off node
//! looks for space for a new replica at once; the free space is quickly exhausted, and the rest
//! loop, searching: "stuck" [Q]. Each failed search closes its replication request; when enough
//! close at once a race on the nodes fails more of them, and their volumes search too. Added
//! capacity lets the stuck finish over days, except a small share whose data cannot be restored
//! in a consistent state [Q].

use super::{Ctx, EventKind, Params, Service};
use crate::engine::log::EventId;
use crate::engine::time::{MINUTE, SECOND};

#[derive(Clone, Debug, Default)]
pub struct Cluster {
    /// Replication traffic is on the secondary network.
    pub shifted: bool,
    /// Volumes on nodes cut off from the rest of the cluster: blocked.
    pub isolated: f64,
    /// Volumes that lost their mirror and are searching for space: blocked ("stuck" once the
    /// space is gone).
    pub searching: f64,
    /// Of the searching, those that were cut off by the shift (the rest lost a node to the race).
    pub from_isolation: f64,
    /// Free space, in volumes' worth of replicas.
    pub free: f64,
    /// Capacity still to arrive, and how much arrives per minute.
    arriving: f64,
    arriving_per_min: f64,
    /// Healthy volumes on nodes the storm's replication requests reach (the race can fail them).
    pub exposed: f64,
    /// Searches per second, per mille of the cluster's volumes.
    pub search_rate_permille: f64,
    pub backoff: bool,
    pub race_fixed: bool,
    /// Volumes that searched with no space left (stuck at some time), and of them those whose
    /// data cannot be restored consistently once the rest have re-mirrored: blocked for good.
    pub ever_stuck: f64,
    pub lost: f64,
    /// Most volumes blocked at once since the shift.
    pub peak_blocked: f64,
    /// The event that explains blocked volumes.
    pub cause: Option<EventId>,
    exhausted: bool,
    racing: bool,
    recovered: bool,
}

impl Cluster {
    pub fn new(p: &Params) -> Cluster {
        Cluster {
            free: p.free_space_permille as f64 / 1000.0,
            exposed: p.race_exposed_permille as f64 / 1000.0,
            recovered: true,
            ..Cluster::default()
        }
    }

    /// Of `searching` volumes, those that are stuck: all of them once the space is gone, none
    /// while there is space to find.
    fn stuck_of(&self, searching: f64) -> f64 {
        if self.exhausted {
            searching
        } else {
            0.0
        }
    }

    /// Volumes that were cut off and then came back stuck (none until the space runs out).
    pub fn stuck_after_isolation(&self) -> f64 {
        self.stuck_of(self.from_isolation)
    }

    /// Volumes searching once the space is gone: stuck in a loop.
    pub fn stuck(&self) -> f64 {
        self.stuck_of(self.searching)
    }

    /// Volumes searching while there is space to find: re-mirroring.
    pub fn remirroring(&self) -> f64 {
        self.searching - self.stuck()
    }

    /// Volumes whose I/O is blocked.
    pub fn blocked(&self) -> f64 {
        (self.isolated + self.searching + self.lost).min(1.0)
    }

    /// The cluster has no free capacity: it cannot serve CreateVolume [Q].
    pub fn out_of_space(&self) -> bool {
        self.free <= 1e-9
    }

    /// Of the searching, those that will not be restored (they search on until the rest are done).
    fn unrestorable(&self, p: &Params) -> f64 {
        if self.lost > 0.0 {
            0.0
        } else {
            self.ever_stuck * p.unrestorable_of_stuck_ppm as f64 / 1e6
        }
    }

    /// The mistaken shift: traffic the secondary network cannot carry cuts nodes off.
    pub fn shift(&mut self, by: EventId, cx: &mut Ctx) {
        let p = cx.params;
        self.shifted = true;
        let cut = (p.shifted_share_permille as f64 - p.secondary_capacity_permille as f64).max(0.0)
            / 1000.0;
        let newly = (cut - self.isolated).max(0.0).min(1.0 - self.blocked());
        self.isolated += newly;
        self.recovered = false;
        if newly > 0.0 {
            self.cause = Some(cx.log(
                Service::Ebs,
                EventKind::NodesIsolated {
                    permille: permille(self.isolated),
                },
                Some(by),
            ));
        }
    }

    /// The shift is rolled back: every cut-off volume looks for a new replica at once.
    pub fn roll_back(&mut self, by: EventId, cx: &mut Ctx) {
        self.shifted = false;
        if self.isolated > 0.0 {
            self.searching += self.isolated;
            self.from_isolation += self.isolated;
            self.isolated = 0.0;
            self.cause = Some(cx.log(
                Service::Ebs,
                EventKind::RemirroringStorm {
                    permille: permille(self.searching),
                },
                Some(by),
            ));
        }
    }

    pub fn add_capacity(&mut self, permille_of_volumes: u64, p: &Params) {
        self.arriving += permille_of_volumes as f64 / 1000.0;
        self.arriving_per_min =
            self.arriving / (p.capacity_delivery_ms as f64 / MINUTE as f64).max(1.0);
    }

    pub fn tick(&mut self, dt: u64, cx: &mut Ctx) {
        let p = cx.params;
        let dt_min = dt as f64 / MINUTE as f64;
        let delivered = (self.arriving_per_min * dt_min).min(self.arriving);
        self.arriving -= delivered;
        self.free += delivered;
        // Volumes that find space re-mirror, at the pace the loaded cluster allows.
        let pace = p.remirrors_per_min_ppm as f64 / 1e6 * dt_min;
        let keep = self.unrestorable(p);
        let found = (self.searching - keep).max(0.0).min(self.free).min(pace);
        self.searching -= found;
        self.from_isolation = (self.from_isolation - found).max(0.0);
        self.free -= found;
        if keep > 0.0 && self.searching - keep < 1e-9 {
            // Everything else has re-mirrored: what is left cannot be restored consistently.
            self.lost = keep.min(self.searching);
            self.searching = 0.0;
            self.from_isolation = 0.0;
            self.cause = Some(cx.log(
                Service::Ebs,
                EventKind::VolumesUnrestorable {
                    ppm: (self.lost * 1e6).round() as u64,
                },
                self.cause,
            ));
        }
        if self.searching < 1e-9 {
            self.searching = 0.0;
        }
        // Every search that finds no space closes its replication request and tries again.
        let retry_ms = if self.backoff {
            p.backoff_cap_ms
        } else {
            p.search_retry_ms
        };
        self.search_rate_permille =
            self.searching * 1000.0 * SECOND as f64 / retry_ms.max(1) as f64;
        let closing = self.free <= 1e-9 && self.searching > 0.0;
        if closing && !self.exhausted {
            self.exhausted = true;
            self.ever_stuck += self.searching;
            self.cause = Some(cx.log(
                Service::Ebs,
                EventKind::FreeSpaceExhausted {
                    stuck_permille: permille(self.searching),
                },
                self.cause,
            ));
        }
        // The race: requests closing together in numbers fail the nodes they reach.
        let threshold = p.race_threshold_permille as f64;
        let over = ((self.search_rate_permille - threshold) / threshold).clamp(0.0, 1.0);
        if closing && !self.race_fixed && over > 0.0 {
            let failed =
                (self.exposed * p.race_failures_ppm as f64 / 1e6 * over * dt_min).min(self.exposed);
            self.exposed -= failed;
            self.searching += failed;
            self.ever_stuck += failed;
            if !self.racing {
                self.racing = true;
                self.cause = Some(cx.log(
                    Service::Ebs,
                    EventKind::RaceFailsNodes {
                        searches_per_s_permille: self.search_rate_permille.round() as u64,
                    },
                    self.cause,
                ));
            }
        } else {
            self.racing = false;
        }
        self.peak_blocked = self.peak_blocked.max(self.blocked());
        if !self.recovered && self.isolated + self.searching < 1e-9 && !self.shifted {
            self.recovered = true;
            self.exhausted = false;
            self.cause = Some(cx.log(Service::Ebs, EventKind::VolumesRecovered, self.cause));
        }
    }
}

pub fn permille(share: f64) -> u64 {
    (share * 1000.0).round() as u64
}
