//! The NLB health-check subsystem. Targets brought into service before their network state has
//! propagated fail their checks, then pass, then fail: they flap. Each flap adds checks and DNS
//! changes, the checker saturates and its checks fall behind, and delayed checks trigger
//! automatic AZ DNS failover, which takes healthy capacity out of service. Turning the
//! automatic failover off puts that capacity back.

use super::Ctx;
use super::Errors;
use super::EventKind;
use super::Params;
use super::Service;
use crate::engine::log::EventId;
use crate::engine::time::MINUTE;

#[derive(Clone, Debug)]
pub struct Nlb {
    pub auto_failover: bool,
    pub velocity_limit: bool,
    /// Checks per minute beyond what the checker can run.
    pub check_backlog: f64,
    pub check_delay_ms: u64,
    /// Capacity taken out of service, in thousandths.
    pub removed: f64,
    pub flapping: f64,
    /// The latest event behind the capacity removed (or put back).
    pub cause: Option<EventId>,
    /// The failover has been reported and its end not yet.
    failed_over: bool,
}

impl Default for Nlb {
    fn default() -> Self {
        Nlb {
            auto_failover: true,
            velocity_limit: false,
            check_backlog: 0.0,
            check_delay_ms: 0,
            removed: 0.0,
            flapping: 0.0,
            cause: None,
            failed_over: false,
        }
    }
}

impl Nlb {
    pub fn tick(&mut self, dt: u64, unpropagated_targets: f64, p: &Params) {
        let minutes = dt as f64 / MINUTE as f64;
        self.flapping = unpropagated_targets;
        let load = p.health_check_base_per_min as f64 + p.flap_cost_checks as f64 * self.flapping;
        let capacity = p.health_check_capacity_per_min as f64;
        // Checks are periodic: an overloaded checker stretches every target's check interval
        // rather than queueing checks forever.
        self.check_backlog = (load - capacity).max(0.0);
        self.check_delay_ms =
            (p.health_check_interval_ms as f64 * (load / capacity - 1.0).max(0.0)) as u64;
        let cap = if self.velocity_limit {
            p.velocity_limit_permille.min(p.failover_max_permille)
        } else {
            p.failover_max_permille
        } as f64;
        if !self.auto_failover {
            self.removed = 0.0;
        } else if self.check_delay_ms > p.failover_delay_ms {
            self.removed = (self.removed + p.failover_step_permille as f64 * minutes).min(cap);
        } else {
            // Checks on time again: capacity fails back.
            self.removed = (self.removed
                - p.nlb_failback_multiple as f64 * p.failover_step_permille as f64 * minutes)
                .max(0.0);
        }
    }

    /// Share of NLB connections that fail.
    pub fn error_share(&self) -> f64 {
        self.removed / 1000.0
    }

    /// Failover has taken capacity out of service (logged), and not all of it is back.
    pub fn failed_over(&self) -> bool {
        self.failed_over
    }

    /// Operators turn automatic AZ failover off (capacity comes back) or on.
    pub(crate) fn set_auto_failover(&mut self, enabled: bool, by: EventId) {
        self.auto_failover = enabled;
        self.cause = Some(by);
    }

    pub(crate) fn report(&mut self, propagation_cause: Option<EventId>, cx: &mut Ctx) {
        if self.removed > 0.0 && !self.failed_over {
            self.failed_over = true;
            self.cause = Some(cx.log(
                Service::Nlb,
                EventKind::AzFailover {
                    removed_permille: self.removed.ceil() as u32,
                },
                propagation_cause,
            ));
        } else if self.removed == 0.0 && self.failed_over {
            self.failed_over = false;
            self.cause = Some(cx.log(Service::Nlb, EventKind::NlbCapacityRestored, self.cause));
        }
    }

    pub fn errors(&self, out: &mut Errors) {
        out[Service::Nlb.index()] = (self.error_share(), self.cause);
    }
}
