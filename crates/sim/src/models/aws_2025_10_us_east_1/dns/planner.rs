//! The DNS Planner: a new plan generation at a fixed interval, while it runs.

use super::super::{Action, Ctx};
use super::Dns;
use crate::engine::log::EventId;

impl Dns {
    pub(crate) fn planner_tick(&mut self, cx: &mut Ctx) {
        if self.planner_running {
            let n = self.endpoints();
            let base = cx.params.ips_per_record;
            // Load-balancer health varies: a plan lists between base-2 and base IPs per endpoint.
            let ips = (0..n)
                .map(|_| {
                    Some(
                        self.planner_rng
                            .between(base.saturating_sub(2).max(1), base)
                            as u8,
                    )
                })
                .collect();
            self.issue_plan(ips);
        }
        cx.after(cx.params.plan_interval_ms, Action::PlannerTick);
    }

    /// Operators stop or start the Planner.
    pub(crate) fn set_planner(&mut self, running: bool, by: EventId) {
        self.shares_changed();
        self.planner_running = running;
        self.planner_cause = Some(by);
    }
}
