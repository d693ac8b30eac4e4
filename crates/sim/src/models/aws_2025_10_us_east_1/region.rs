//! The mechanisms of us-east-1 and how they feed each other. Discrete events go straight to the
//! mechanism they concern (see `world`); here is what couples them: the fleet pipeline ticked
//! together (DynamoDB reach → DWFM leases → EC2 launches → Network Manager → NLB → dependents),
//! the order their turning points are logged in, and every node's error share.

use super::dependents::Dependents;
use super::dns::Dns;
use super::dwfm::Dwfm;
use super::ec2::Ec2;
use super::gauges::{EnactorGauge, Gauges, RecordGauge};
use super::netmgr::NetworkManager;
use super::nlb::Nlb;
use super::operators::{self, Responder};
use super::resolver::Resolvers;
use super::service::SERVICE_COUNT;
use super::Ctx;
use super::Endpoint;
use super::Errors;
use super::Params;
use super::Service;
use crate::engine::health::Board;
use crate::engine::time::{SimTime, MINUTE, SECOND};

/// Step of the fleet-sized (fluid) subsystems. An engine constant, not a model parameter:
/// it only sets how finely queues and fleets are integrated.
pub const TICK_MS: u64 = 5 * SECOND;

#[derive(Clone, Debug)]
pub struct Region {
    pub dns: Dns,
    pub caches: Resolvers,
    pub dwfm: Dwfm,
    pub ec2: Ec2,
    pub netmgr: NetworkManager,
    pub nlb: Nlb,
    pub deps: Dependents,
    pub operators: Responder,
}

impl Region {
    pub fn new(p: &Params, seed: u64) -> Region {
        Region {
            dns: Dns::new(p, seed),
            caches: Resolvers::new(p, seed),
            dwfm: Dwfm::new(p, seed),
            ec2: Ec2::new(p),
            netmgr: NetworkManager::default(),
            nlb: Nlb::default(),
            deps: Dependents::default(),
            operators: Responder::default(),
        }
    }

    /// The regional record resolves: what a cache that refreshes now gets.
    pub fn regional_resolves(&self) -> bool {
        self.dns.record_ips(Endpoint::Regional.index()) > 0
    }

    /// One tick of the fleet, upstream first; then each mechanism logs its turning points, each
    /// naming the upstream event that caused it; then the operators look at what they see.
    pub(crate) fn fleet_tick(&mut self, cx: &mut Ctx) {
        let (now, dt, p) = (cx.now, TICK_MS, cx.params);
        let reach = self.caches.dwfm_reach();
        self.dwfm.tick(now, dt, &reach, p);
        let leased = self.dwfm.leased_fraction();
        let ready = self.dwfm.launch_ready();
        self.ec2
            .tick(now, dt, leased, ready, self.dwfm.releasing(), p);
        self.netmgr
            .tick(dt, self.ec2.launched, self.ec2.released_terminations, p);
        let unpropagated_targets =
            self.netmgr.unpropagated * p.nlb_target_share_permille as f64 / 1000.0;
        self.nlb.tick(dt, unpropagated_targets, p);
        let launch_ok = self.ec2.launch_ok(self.netmgr.disconnected_share(p));
        self.deps.tick(
            dt,
            self.caches.failing(Service::Lambda),
            self.nlb.error_share(),
            launch_ok,
            self.caches.failing(Service::Redshift),
            p,
        );
        let unreachable = reach.iter().filter(|r| !**r).count() as u32;
        self.dwfm.report(unreachable, leased, self.caches.cause, cx);
        self.netmgr.report(self.dwfm.cause, cx);
        self.nlb.report(self.netmgr.cause, cx);
        self.deps.report(self.caches.cause, cx);
        self.ec2.report(cx);
        operators::watch(self, cx);
    }

    /// Error share of every node and the event that explains it. Upstream nodes first: the
    /// dependents read the NLB's and the launches' shares.
    pub fn errors(&self, board: &Board, p: &Params, out: &mut Errors) {
        let degraded = p.degraded_at_bp as f64 / 10_000.0;
        *out = [(0.0, None); SERVICE_COUNT];
        self.dns.errors(out, degraded, self.caches.cause);
        out[Service::DynamoDb.index()] = self.caches.ddb(Service::DynamoDb);
        self.dwfm.errors(out, self.caches.failing(Service::Dwfm));
        self.ec2.errors(
            out,
            self.netmgr.disconnected_share(p),
            board.event(Service::Dwfm),
            board.event(Service::NetworkManager),
        );
        self.netmgr.errors(out, p);
        self.nlb.errors(out);
        self.deps.errors(out, &self.caches, board, p);
    }

    pub fn gauges(&self, now: SimTime, p: &Params) -> Gauges {
        // The fleet's quantities are per tick.
        let per_min = |per_tick: f64| (per_tick * (MINUTE / TICK_MS) as f64).round() as u64;
        let n = self.dns.endpoints();
        Gauges {
            plan_latest: self.dns.latest,
            plan_applied: self.dns.applied_marker,
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
                .map(|en| {
                    let regional = self.dns.regional_step(p.regional_endpoint_position);
                    let held = en.plan.as_ref();
                    EnactorGauge {
                        gen: held.map(|h| h.gen).unwrap_or(en.last_applied),
                        applying: held.is_some(),
                        checked_at_ms: held.map(|h| h.checked_at_ms),
                        step: held.map(|h| h.next as u8),
                        endpoint: held.map(|h| {
                            Endpoint::from_index(
                                self.dns.endpoint_at(h.next, p.regional_endpoint_position),
                            )
                        }),
                        endpoints: n as u8,
                        // Once its transaction is in flight, a pause no longer holds it back.
                        regional_pending: held.is_some_and(|h| {
                            h.next < regional || (h.next == regional && en.in_flight.is_none())
                        }),
                        paused: en.paused,
                        delayed: en.extra_ms > 0,
                        rejected: en.rejected_count() as u8,
                        txns_per_min: en.txns.per_min(now.ms()),
                    }
                })
                .collect(),
            records: (0..n)
                .map(|e| RecordGauge {
                    endpoint: Endpoint::from_index(e),
                    ips: self.dns.record_ips(e),
                    gen: self.dns.active_plan(e),
                })
                .collect(),
            droplets: self.dwfm.droplets(),
            leased: self.dwfm.leased(),
            dwfm_queue: self.dwfm.queued(),
            goodput_per_min: self.dwfm.goodput_per_min,
            wasted_per_min: self.dwfm.wasted_per_min,
            dwfm_hosts_unreachable: self.caches.failing_count(Service::Dwfm) as u32,
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
            api_limit_per_min: self.ec2.api_limit(now, p).round() as u64,
            pending_launches: self.ec2.pending.round() as u64,
            launch_requests_per_min: per_min(self.ec2.demand),
            launches_admitted_per_min: per_min(self.ec2.admitted),
            throttle_refused_per_min: per_min(self.ec2.throttle_refused()),
            launches_per_min: per_min(self.ec2.launched),
            propagation_arrivals_per_min: per_min(
                self.ec2.launched + self.ec2.released_terminations,
            ),
            propagations_per_min: per_min(self.netmgr.processed),
            sqs_poller_failed: self.deps.sqs_poller_failed,
            sqs_backlog_min: self.deps.sqs_backlog_min.round() as u64,
            lambda_capacity_permille: ((1.0 - self.deps.lambda_deficit) * 1000.0).round() as u32,
            redshift_stuck: self.deps.redshift_stuck.round() as u64,
        }
    }
}
