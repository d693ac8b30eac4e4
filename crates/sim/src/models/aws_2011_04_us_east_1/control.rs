//! The EBS control plane: one region-wide service with a fixed pool of threads. A call into a
//! healthy cluster holds a thread briefly; a call about a blocked volume in the degraded cluster
//! holds it until a long time-out. When the calls waiting on time-outs need more threads than
//! there are, every EBS API call in the region starves. Disabling the control APIs for the AZ, or
//! cutting the degraded cluster off, stops those calls; a per-AZ control plane confines them.

use super::{Ctx, EventKind, Service};
use crate::engine::log::EventId;
use crate::engine::time::MINUTE;

#[derive(Clone, Debug, Default)]
pub struct ControlPlane {
    /// Control APIs for the affected AZ are disabled: its calls are refused at once.
    pub az_apis_disabled: bool,
    /// The control plane no longer calls into the degraded cluster.
    pub cluster_cut_off: bool,
    /// Each AZ has its own control plane (a share of the threads each).
    pub per_az: bool,
    /// Threads the calls need now (region-wide pool, or the affected AZ's own).
    pub threads_needed: f64,
    /// Share of calls the region's pool cannot serve, and the affected AZ's.
    pub region_error: f64,
    pub az_error: f64,
    pub cause: Option<EventId>,
    starved: bool,
}

impl ControlPlane {
    pub fn tick(&mut self, blocked: f64, cluster_cause: Option<EventId>, cx: &mut Ctx) {
        let p = cx.params;
        let calls_per_ms = p.api_calls_per_min as f64 / MINUTE as f64;
        let az = p.az_share_permille as f64 / 1000.0;
        let threads = p.control_threads as f64;
        let refused_az = self.az_apis_disabled;
        // Calls about blocked volumes of the AZ wait for their time-out, unless refused.
        let hanging = if refused_az || self.cluster_cut_off {
            0.0
        } else {
            blocked
        };
        let az_threads = calls_per_ms
            * az
            * ((1.0 - hanging) * p.api_call_ms as f64 + hanging * p.degraded_timeout_ms as f64);
        let az_threads = if refused_az { 0.0 } else { az_threads };
        let rest_threads = calls_per_ms * (1.0 - az) * p.api_call_ms as f64;
        let starved = |need: f64, have: f64| {
            if need > have && need > 0.0 {
                1.0 - have / need
            } else {
                0.0
            }
        };
        if self.per_az {
            let az_pool = threads * az;
            let rest_pool = threads - az_pool;
            self.threads_needed = az_threads;
            self.az_error = starved(az_threads, az_pool);
            self.region_error = starved(rest_threads, rest_pool);
        } else {
            self.threads_needed = az_threads + rest_threads;
            let e = starved(self.threads_needed, threads);
            self.az_error = e;
            self.region_error = e;
        }
        if refused_az {
            self.az_error = 1.0;
        } else if self.cluster_cut_off {
            // Calls about blocked volumes fail at once instead of hanging.
            self.az_error = self.az_error.max(blocked);
        }
        let starving =
            self.region_error > 0.0 || (self.per_az && self.az_error > 0.0 && !refused_az);
        if starving && !self.starved {
            self.cause = Some(cx.log(
                Service::ControlPlane,
                EventKind::ControlPlaneStarved {
                    threads_needed: self.threads_needed.round() as u64,
                    threads: if self.per_az {
                        (threads * az).round() as u64
                    } else {
                        p.control_threads
                    },
                },
                cluster_cause,
            ));
        } else if !starving && self.starved {
            cx.log(
                Service::ControlPlane,
                EventKind::ControlPlaneRecovered,
                self.cause,
            );
        }
        self.starved = starving;
    }
}
