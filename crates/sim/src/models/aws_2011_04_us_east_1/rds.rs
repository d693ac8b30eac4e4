//! RDS in the affected AZ. A Single-AZ database on a blocked volume is unavailable. A Multi-AZ
//! database fails over to its standby in another AZ, unless the network interruption and then
//! stuck I/O on its primary hit the bug that left the primary isolated where failing over was not
//! safe: those wait for the RDS team to fail them over by hand.

use super::{Ctx, EventKind, Service};
use crate::engine::log::EventId;
use crate::engine::time::{HOUR, MINUTE};

#[derive(Clone, Debug, Default)]
pub struct Rds {
    /// Multi-AZ databases failing over (a few minutes each).
    pub failing_over: f64,
    /// Multi-AZ databases the bug left needing a manual fail-over.
    pub awaiting_manual: f64,
    /// The RDS team fails databases over by hand.
    pub manual: bool,
    seen_isolated: f64,
    bugged: bool,
    pub cause: Option<EventId>,
}

impl Rds {
    /// `isolated` is the share of volumes cut off now, `stuck_after` the share that, cut off,
    /// then came back stuck.
    pub fn tick(
        &mut self,
        dt: u64,
        isolated: f64,
        stuck_after: f64,
        cause: Option<EventId>,
        cx: &mut Ctx,
    ) {
        let p = cx.params;
        let dt_min = dt as f64 / MINUTE as f64;
        // Newly cut-off primaries start a fail-over.
        if isolated > self.seen_isolated {
            self.failing_over += isolated - self.seen_isolated;
            self.seen_isolated = isolated;
        }
        let done =
            (self.failing_over * dt as f64 / p.failover_ms.max(1) as f64).min(self.failing_over);
        self.failing_over -= done;
        if self.failing_over < 1e-9 {
            self.failing_over = 0.0;
        }
        let bugged = stuck_after * p.multi_az_bug_permille as f64 / 1000.0;
        if bugged > self.awaiting_manual + 1e-9 && !self.bugged {
            self.bugged = true;
            self.awaiting_manual = bugged;
            self.cause = Some(cx.log(
                Service::RdsMultiAz,
                EventKind::FailoverBug {
                    permille: (bugged * 1000.0).round() as u64,
                },
                cause,
            ));
        }
        if self.manual {
            let per_min =
                p.manual_failovers_per_hour_permille as f64 / 1000.0 * MINUTE as f64 / HOUR as f64;
            self.awaiting_manual = (self.awaiting_manual - per_min * dt_min).max(0.0);
        }
    }

    pub fn multi_az_error(&self) -> f64 {
        (self.failing_over + self.awaiting_manual).min(1.0)
    }
}
