//! The AWS us-east-1 outage of 19–20 October 2025 (scenario `aws-2025-10-us-east-1`).
//!
//! Mechanisms, each in its own module, trace to the reference (`shared/reference/outages.md`
//! §1): [`dns`] (Planner, Enactors, Route 53 and the race), [`resolver`] (client DNS caches),
//! [`dwfm`] (droplet leases and congestive collapse), [`ec2`] (launches and throttles),
//! [`netmgr`] (propagation backlog), [`nlb`] (health-check flapping and AZ failover),
//! [`dependents`] (Lambda, Redshift, STS, IAM, ECS, Connect and a customer app). [`region`]
//! couples them and is the [`Model`](crate::engine::model::Model) the engine runs; [`intervention`] declares, once each,
//! what a person can do; [`operators`] declares what AWS's operators did, each as a response to
//! the condition that prompted it.

pub mod dependents;
pub mod describe;
pub mod dns;
pub mod dwfm;
pub mod ec2;
pub mod events;
pub mod gauges;
pub mod intervention;
pub mod mechanism;
pub mod netmgr;
pub mod nlb;
pub mod operators;
pub mod params;
pub mod region;
pub mod resolver;
pub mod service;

/// The model's random streams, one per subsystem (see `engine::rng`); the numbers are part of
/// every run's identity: changing one changes the golden digest.
pub mod streams {
    pub const PLANNER: u64 = 1;
    pub const ROUTE53: u64 = 2;
    pub const RESOLVERS: u64 = 3;
    pub const DWFM: u64 = 4;
}

pub use crate::engine::model::{Health, Node, ParamSet, Timed as TimedOf};
pub use crate::engine::time::SimTime;
pub use events::EventKind;
pub use gauges::{Gauges, Quantity};
pub use intervention::{Endpoint, Intervention, Mitigation};
pub use params::{Params, RetryPolicy};
pub use region::Region;
pub use service::Service;

use crate::engine::log::EventId;
use crate::engine::model::{Cost, Model};

crate::model_types! {
    Region { id: "aws-2025-10-us-east-1", tick_ms: region::TICK_MS,
        node: Service, event: EventKind, action: Action, params: Params, gauges: Gauges, quantity: Quantity }
}

/// Per node: the share of its requests that fail, and the event that explains it.
pub type Errors = [(f64, Option<EventId>); service::SERVICE_COUNT];

/// What the mechanisms schedule on the engine's queue.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Action {
    PlannerTick,
    /// An Enactor looks for a plan or starts its next transaction.
    EnactorWake(u8),
    EnactorCommit(u8),
    CacheRefresh(u8, u16),
    RestartHost(u32),
    /// One of the operators' responses falls due (its place in `operators::RESPONSES`).
    Respond(u8),
}

impl Model for Region {
    type Intervention = Intervention;

    fn new(params: &Params, seed: u64, cx: &mut Ctx) -> Region {
        let mut region = Region::new(params, seed);
        region.dns.start(cx);
        region
    }

    /// Most events are Route 53 transactions that change no error share; only the DNS
    /// mechanism's shares can change with them, so those are compared rather than every
    /// node's recomputed.
    fn handle(&mut self, action: Action, cx: &mut Ctx) -> bool {
        match action {
            Action::PlannerTick => {
                // A new plan changes no share: the Planner's depends on whether it runs.
                self.dns.planner_tick(cx);
                false
            }
            Action::EnactorWake(i) => {
                let before = self.dns.share_key();
                self.dns.enactor_wake(i as usize, cx);
                self.dns.share_key() != before
            }
            Action::EnactorCommit(i) => {
                let before = self.dns.share_key();
                self.dns.enactor_commit(i as usize, cx, &mut self.caches);
                self.dns.share_key() != before
            }
            Action::CacheRefresh(g, c) => {
                let resolves = self.regional_resolves();
                self.caches.refresh(g as usize, c as usize, resolves, cx);
                true
            }
            Action::RestartHost(h) => {
                self.dwfm.restart_host(h as usize, cx);
                true
            }
            Action::Respond(k) => {
                operators::respond(self, k as usize, cx);
                true
            }
        }
    }

    fn tick(&mut self, cx: &mut Ctx) {
        self.fleet_tick(cx)
    }

    /// Each DWFM host's lease classes and queue are stepped every tick (counted in hosts of
    /// the default 16 classes).
    fn tick_work(&self) -> u64 {
        let classes = self
            .dwfm
            .hosts
            .first()
            .map_or(16, |h| h.lease_classes() as u64);
        1 + self.dwfm.hosts.len() as u64 * classes.max(16) / 16
    }

    fn footprint(&self) -> u64 {
        let caches: usize = self.caches.groups.iter().map(|g| g.caches.len()).sum();
        std::mem::size_of::<Region>() as u64
            + self.dns.footprint()
            + self.dwfm.footprint()
            + (caches * 64) as u64
    }

    fn cost(p: &Params, window: SimTime) -> Vec<Cost> {
        let w = window.ms();
        let endpoints = 3 + p.account_endpoints;
        let plans = w / p.plan_interval_ms.max(1);
        // An Enactor applies a plan endpoint by endpoint; while one plan takes longer than the
        // interval, it skips the plans issued meanwhile.
        let per_plan = endpoints * p.route53_txn_ms;
        let applied = w / p.plan_interval_ms.max(per_plan).max(1);
        let txns = p.enactors * applied * endpoints;
        let txn_param = if p.plan_interval_ms >= per_plan {
            Cost {
                param: "plan_interval_ms",
                work: txns,
                raise: true,
            }
        } else {
            Cost {
                param: "account_endpoints",
                work: txns,
                raise: false,
            }
        };
        // Caches refresh when the record changes, and while it is empty every negative TTL.
        let refresh =
            resolver::CLIENT_GROUPS as u64 * p.resolver_cohorts * (w / p.negative_ttl_ms.max(1));
        let refresh_param = if p.resolver_cohorts > Params::default().resolver_cohorts {
            Cost {
                param: "resolver_cohorts",
                work: refresh,
                raise: false,
            }
        } else {
            Cost {
                param: "negative_ttl_ms",
                work: refresh,
                raise: true,
            }
        };
        vec![
            Cost {
                param: "dwfm_hosts",
                work: (w / region::TICK_MS) * (2 + p.dwfm_hosts * p.lease_classes.max(16) / 16),
                raise: false,
            },
            Cost {
                param: "plan_interval_ms",
                work: plans,
                raise: true,
            },
            txn_param,
            Cost {
                param: "enactor_poll_ms",
                work: p.enactors * (w / p.enactor_poll_ms.max(1)),
                raise: true,
            },
            refresh_param,
        ]
    }

    fn errors(
        &self,
        board: &crate::engine::health::Board,
        params: &Params,
        out: &mut [(f64, Option<EventId>)],
    ) {
        // The engine sizes `out` by `Service::ALL`; a slice of any other length cannot occur.
        if let Ok(out) = <&mut Errors>::try_from(out) {
            Region::errors(self, board, params, out);
        }
    }

    fn gauges(&self, now: SimTime, params: &Params) -> Gauges {
        Region::gauges(self, now, params)
    }
}

/// The scenario and its run as it happened, for the model's own tests.
#[cfg(test)]
fn incident_run() -> (crate::Scenario, Recording) {
    let s = crate::Scenario::builtin(ID).unwrap();
    let rec = Recording::run(s.window, default_inputs(&s, crate::DEFAULT_SEED)).unwrap();
    (s, rec)
}

#[cfg(test)]
mod reality_tests {
    use super::*;
    use crate::presentation::reality::compare;

    #[test]
    fn the_incident_lines_up_with_every_reference_window_and_a_prevented_one_does_not() {
        let (s, rec) = incident_run();
        let rows = compare(&s, &rec.impairments_by_ref());
        assert_eq!(rows.len(), s.file.windows.len());
        for r in &rows {
            assert!(
                r.simulated.is_some(),
                "{} not impaired in the incident's run",
                r.service.id()
            );
        }
        let ddb = rows
            .iter()
            .find(|r| r.service.id() == Service::DynamoDb.id())
            .unwrap();
        let (start, end) = ddb.offsets_min().unwrap();
        assert!(
            start.abs() <= 15 && end.is_some_and(|e| e.abs() <= 15),
            "{start} {end:?}"
        );
        let at = s.at("2025-10-19T23:40:00-07:00").unwrap();
        let what = Intervention::Enable {
            mitigation: Mitigation::RecheckFreshness,
        };
        let prevented = rec.fork(at, what).unwrap();
        let rows = compare(&s, &prevented.impairments_by_ref());
        for r in &rows {
            // Without an outage the operators have nothing to respond to.
            assert_eq!(r.simulated, None, "{r:?}");
        }
    }
}
