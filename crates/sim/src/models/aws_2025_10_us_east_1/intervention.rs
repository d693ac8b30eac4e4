//! Interventions are data: what a person (or the "as it happened" script) does to the run, at a
//! simulated instant. A run is its scenario, seed, parameters and an ordered list of these. The
//! operators' responses (see `operators`) are interventions too, made by the model.
//!
//! Each kind is declared once, in the `interventions!` table below: its fields (and so its serde
//! form), its link token, the node it is logged on, its label, its validity check, where the
//! inspector offers it, and the mechanism that applies it. Everything else is derived.

use super::params::{Params, RetryPolicy};
use super::region::Region;
use super::service::Service;
use crate::engine::intervene::{offered_on, TokenArg};
use crate::engine::model::Listed;
use serde::{Deserialize, Serialize};

/// A DNS endpoint the automation maintains for DynamoDB.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Endpoint {
    Regional,
    Ipv6,
    Fips,
    /// Account-specific endpoint number n (0-based).
    Account(u16),
}

impl Endpoint {
    pub fn index(self) -> usize {
        match self {
            Endpoint::Regional => 0,
            Endpoint::Ipv6 => 1,
            Endpoint::Fips => 2,
            Endpoint::Account(n) => 3 + n as usize,
        }
    }
    pub fn from_index(i: usize) -> Endpoint {
        match i {
            0 => Endpoint::Regional,
            1 => Endpoint::Ipv6,
            2 => Endpoint::Fips,
            n => Endpoint::Account((n - 3) as u16),
        }
    }
    pub fn hostname(self) -> String {
        match self {
            Endpoint::Regional => "dynamodb.us-east-1.amazonaws.com".into(),
            Endpoint::Ipv6 => "dynamodb.us-east-1.api.aws".into(),
            Endpoint::Fips => "dynamodb-fips.us-east-1.amazonaws.com".into(),
            Endpoint::Account(n) => format!("acct-{n}.ddb.us-east-1.amazonaws.com"),
        }
    }
    pub fn label(self) -> String {
        match self {
            Endpoint::Regional => "regional".into(),
            Endpoint::Ipv6 => "IPv6".into(),
            Endpoint::Fips => "FIPS".into(),
            Endpoint::Account(n) => format!("account-specific #{}", n + 1),
        }
    }
}

/// Fixes AWS announced or commentators proposed, switched on as interventions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Mitigation {
    /// The Enactor re-checks, at every endpoint, that its plan is newer than the one applied there.
    RecheckFreshness,
    /// Clean-up never deletes a plan that an endpoint still uses.
    CleanupKeepsActivePlan,
    /// DWFM intake is throttled by the size of the waiting queue (AWS: "based on the size of the waiting queue").
    QueueSizeThrottling,
    /// NLB AZ failover may remove only a limited share of capacity (AWS: "velocity control").
    NlbFailoverVelocityLimit,
}

/// One announced or proposed fix: its link token, label, the node it is logged on, the nodes
/// whose inspector offers it, and what switching it on does.
pub struct MitigationSpec {
    pub mitigation: Mitigation,
    pub token: &'static str,
    pub label: &'static str,
    pub node: Service,
    pub offered_on: &'static [Service],
    enable: fn(&mut Region),
}

const DNS_NODES: &[Service] = &[
    Service::EnactorA,
    Service::EnactorB,
    Service::EnactorC,
    Service::Route53,
    Service::DynamoDb,
];

pub const MITIGATIONS: &[MitigationSpec] = &[
    MitigationSpec {
        mitigation: Mitigation::RecheckFreshness,
        token: "recheck-freshness",
        label: "Enactor re-checks plan freshness",
        node: Service::Route53,
        offered_on: DNS_NODES,
        enable: |r| r.dns.recheck_freshness = true,
    },
    MitigationSpec {
        mitigation: Mitigation::CleanupKeepsActivePlan,
        token: "cleanup-keeps-active-plan",
        label: "Clean-up keeps the active plan",
        node: Service::Route53,
        offered_on: DNS_NODES,
        enable: |r| r.dns.cleanup_keeps_active_plan = true,
    },
    MitigationSpec {
        mitigation: Mitigation::QueueSizeThrottling,
        token: "queue-size-throttling",
        label: "Queue-size-based throttling",
        node: Service::Dwfm,
        offered_on: &[Service::Dwfm],
        enable: |r| r.dwfm.queue_size_throttling = true,
    },
    MitigationSpec {
        mitigation: Mitigation::NlbFailoverVelocityLimit,
        token: "nlb-failover-velocity-limit",
        label: "NLB failover velocity limit",
        node: Service::Nlb,
        offered_on: &[Service::NetworkManager, Service::Nlb],
        enable: |r| r.nlb.velocity_limit = true,
    },
];

impl Mitigation {
    pub fn spec(self) -> &'static MitigationSpec {
        MITIGATIONS
            .iter()
            .find(|m| m.mitigation == self)
            .expect("every mitigation has a row in MITIGATIONS")
    }
}

use Intervention as I;
use Service as S;

fn letter(i: &u8) -> char {
    (b'A' + *i) as char
}

/// Whether the run has this node: Enactors past the run's count are on the map, not in the run.
fn run_has(node: Service, p: &Params) -> bool {
    node.enactor_index().is_none_or(|i| (i as u64) < p.enactors)
}

fn enactor_exists(enactor: &u8, p: &Params) -> Result<(), String> {
    if (*enactor as u64) < p.enactors {
        Ok(())
    } else {
        Err(format!(
            "there is no Enactor {} (this run has {})",
            (b'A' + (*enactor).min(25)) as char,
            p.enactors
        ))
    }
}

fn endpoint_exists(ep: &Endpoint, p: &Params) -> Result<(), String> {
    match ep {
        Endpoint::Account(k) if (*k as u64) >= p.account_endpoints => {
            Err(format!("there is no {} endpoint in this run", ep.label()))
        }
        _ => Ok(()),
    }
}

// The order of the rows is the order the inspector lists them on a node.
crate::interventions! {
    in_run(node, params): run_has(node, params);
    /// What a person, the "as it happened" script or the operators do to the run.
    pub enum Intervention for Region {
        /// The DNS Planner stops issuing plans.
        StopPlanner => {
            token: "stop-planner",
            node: S::Planner,
            label: "Stop DNS Planner".into(),
            offer(node, _p): offered_on(node, &[S::Planner], [I::StopPlanner]),
            apply(r, by, _cx): r.dns.set_planner(false, by),
        }
        /// The DNS Planner resumes.
        StartPlanner => {
            token: "start-planner",
            node: S::Planner,
            label: "Start DNS Planner".into(),
            offer(node, _p): offered_on(node, &[S::Planner], [I::StartPlanner]),
            apply(r, by, _cx): r.dns.set_planner(true, by),
        }
        /// The Enactor stops before its next transaction, holding whatever plan it has.
        PauseEnactor { enactor: u8 } => {
            token: "pause-enactor",
            node: S::enactor(*enactor as usize),
            label: format!("Pause Enactor {}", letter(enactor)),
            check(p): enactor_exists(enactor, p),
            offer(node, _p): node.enactor_index().map(|i| I::PauseEnactor { enactor: i as u8 }),
            apply(r, by, _cx): r.dns.pause_enactor(*enactor as usize, by),
        }
        /// Every transaction of the Enactor takes this much longer (default: the scenario
        /// parameter).
        DelayEnactor {
            enactor: u8,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            extra_ms: Option<u64>,
        } => {
            token: "delay-enactor",
            node: S::enactor(*enactor as usize),
            label: format!("Delay Enactor {}", letter(enactor)),
            check(p): enactor_exists(enactor, p).and_then(|_| match extra_ms {
                Some(ms) if *ms == 0 || *ms > 6 * crate::engine::time::HOUR => {
                    Err("an Enactor delay must be between 1 ms and 6 hours".to_string())
                }
                _ => Ok(()),
            }),
            offer(node, _p): node.enactor_index().map(|i| I::DelayEnactor {
                enactor: i as u8,
                extra_ms: None,
            }),
            apply(r, by, cx): {
                let ms = extra_ms.unwrap_or(cx.params.enactor_delay_ms);
                r.dns.delay_enactor(*enactor as usize, ms, by)
            },
        }
        /// A paused or delayed Enactor goes back to normal speed.
        ResumeEnactor { enactor: u8 } => {
            token: "resume-enactor",
            node: S::enactor(*enactor as usize),
            label: format!("Resume Enactor {}", letter(enactor)),
            check(p): enactor_exists(enactor, p),
            offer(node, _p): node.enactor_index().map(|i| I::ResumeEnactor { enactor: i as u8 }),
            apply(r, _by, cx): r.dns.resume_enactor(*enactor as usize, cx),
        }
        /// Delete an endpoint's active record set, as a bad clean-up would.
        DeleteRecord { endpoint: Endpoint } => {
            token: "delete-record",
            node: S::Route53,
            label: match endpoint {
                Endpoint::Regional => "Delete record".into(),
                ep => format!("Delete {} record", ep.label()),
            },
            check(p): endpoint_exists(endpoint, p),
            offer(node, _p): offered_on(
                node,
                &[S::Route53, S::DynamoDb],
                [I::DeleteRecord { endpoint: Endpoint::Regional }],
            ),
            apply(r, by, cx): r.dns.delete_by_hand(*endpoint, by, &mut r.caches, cx),
        }
        /// Operators point an endpoint (or, with none, every broken endpoint) at the newest plan.
        RestoreRecord {
            #[serde(default, skip_serializing_if = "Option::is_none")]
            endpoint: Option<Endpoint>,
        } => {
            token: "restore-record",
            node: S::Route53,
            label: match endpoint {
                Some(ep) => format!("Restore {} record", ep.label()),
                None => "Restore record".into(),
            },
            check(p): endpoint.as_ref().map_or(Ok(()), |ep| endpoint_exists(ep, p)),
            offer(node, _p): offered_on(
                node,
                &[S::Route53, S::DynamoDb],
                [I::RestoreRecord { endpoint: None }],
            ),
            apply(r, by, cx): r.dns.operators_restore(*endpoint, by, &mut r.caches, cx),
        }
        /// Begin relaxing the EC2 request throttles (they ramp back to normal).
        RelaxEc2Throttles => {
            token: "relax-ec2-throttles",
            node: S::Ec2Api,
            label: "Relax EC2 throttles".into(),
            offer(node, _p): offered_on(
                node,
                &[S::Ec2Api, S::Ec2Launch, S::Ecs],
                [I::RelaxEc2Throttles],
            ),
            apply(r, by, cx): {
                r.dwfm.throttled = false;
                r.ec2.relax(cx.now, by)
            },
        }
        /// Throttle incoming DWFM work and EC2 API launch requests.
        ThrottleDwfmIntake => {
            token: "throttle-dwfm-intake",
            node: S::Dwfm,
            label: "Throttle DWFM intake".into(),
            sets: "DWFM's intake throttle",
            offer(node, _p): offered_on(
                node,
                &[S::Dwfm, S::Ec2Api, S::Ec2Launch, S::Ecs],
                [I::ThrottleDwfmIntake],
            ),
            apply(r, by, _cx): {
                r.dwfm.throttle_intake(by);
                r.ec2.throttle(by)
            },
        }
        /// Restart DWFM hosts one after another; a restart clears the host's queue.
        RestartDwfmHosts => {
            token: "restart-dwfm-hosts",
            node: S::Dwfm,
            label: "Restart DWFM hosts".into(),
            offer(node, _p): offered_on(node, &[S::Dwfm], [I::RestartDwfmHosts]),
            apply(r, by, cx): r.dwfm.restart_hosts(by, cx),
        }
        /// Remove the DWFM intake throttle.
        UnthrottleDwfmIntake => {
            token: "unthrottle-dwfm-intake",
            node: S::Dwfm,
            label: "Un-throttle DWFM intake".into(),
            sets: "DWFM's intake throttle",
            offer(node, _p): offered_on(node, &[S::Dwfm], [I::UnthrottleDwfmIntake]),
            apply(r, _by, _cx): r.dwfm.throttled = false,
        }
        /// Turn NLB automatic AZ DNS failover off or on.
        SetNlbAutoFailover { enabled: bool } => {
            token: "nlb-failover",
            node: S::Nlb,
            label: if *enabled {
                "Enable NLB automatic failover".into()
            } else {
                "Disable NLB automatic failover".into()
            },
            sets: "NLB automatic failover",
            offer(node, _p): offered_on(
                node,
                &[S::NetworkManager, S::Nlb],
                [false, true].map(|enabled| I::SetNlbAutoFailover { enabled }),
            ),
            apply(r, by, _cx): r.nlb.set_auto_failover(*enabled, by),
        }
        /// Restore Lambda's failed SQS polling subsystem.
        RestoreLambdaSqsPoller => {
            token: "restore-lambda-sqs-poller",
            node: S::LambdaSqs,
            label: "Restore Lambda SQS poller".into(),
            offer(node, _p): offered_on(
                node,
                &[S::Lambda, S::LambdaSqs],
                [I::RestoreLambdaSqsPoller],
            ),
            apply(r, by, cx): r.deps.restore_sqs_poller(by, cx),
        }
        /// Operators let STS and IAM reach DynamoDB's internal endpoints while public DNS is
        /// still broken.
        InternalDnsWorkaround => {
            token: "internal-dns-workaround",
            node: S::Sts,
            label: "Temporary internal DNS mitigation".into(),
            offer(node, _p): offered_on(node, &[S::Sts, S::Iam], [I::InternalDnsWorkaround]),
            apply(r, _by, cx): r.caches.bypass_public_dns(&[S::Sts, S::Iam], cx),
        }
        /// Switch on an announced or proposed fix.
        Enable { mitigation: Mitigation } => {
            token: "enable",
            node: mitigation.spec().node,
            label: mitigation.spec().label.into(),
            sets: mitigation.spec().label,
            offer(node, _p): MITIGATIONS
                .iter()
                .filter(move |m| m.offered_on.contains(&node))
                .map(|m| I::Enable { mitigation: m.mitigation }),
            apply(r, _by, _cx): (mitigation.spec().enable)(r),
        }
        /// Clients change how they retry (DWFM lease work and customer launches).
        SetClientRetry { policy: RetryPolicy } => {
            token: "retry",
            node: S::CustomerApp,
            label: match policy {
                RetryPolicy::Immediate => "Clients retry immediately".into(),
                RetryPolicy::Backoff => "Clients use backoff".into(),
                RetryPolicy::BackoffJitter => "Clients use jittered backoff".into(),
            },
            offer(node, _p): offered_on(
                node,
                &[S::Dwfm, S::CustomerApp, S::Connect, S::Redshift],
                [I::SetClientRetry { policy: RetryPolicy::BackoffJitter }],
            )
            .chain(offered_on(
                node,
                &[S::CustomerApp, S::Connect, S::Redshift],
                [I::SetClientRetry { policy: RetryPolicy::Immediate }],
            )),
            apply(r, _by, _cx): {
                r.ec2.retry = *policy;
                r.dwfm.retry = *policy
            },
        }
    }
}

// ---- link tokens of this model's fields
fn endpoint_token(e: Endpoint) -> String {
    match e {
        Endpoint::Regional => "regional".into(),
        Endpoint::Ipv6 => "ipv6".into(),
        Endpoint::Fips => "fips".into(),
        Endpoint::Account(n) => format!("acct-{n}"),
    }
}

fn parse_endpoint(s: &str) -> Option<Endpoint> {
    match s {
        "regional" => Some(Endpoint::Regional),
        "ipv6" => Some(Endpoint::Ipv6),
        "fips" => Some(Endpoint::Fips),
        _ => s.strip_prefix("acct-")?.parse().ok().map(Endpoint::Account),
    }
}

impl TokenArg for Endpoint {
    fn write(&self, out: &mut String) {
        out.push('.');
        out.push_str(&endpoint_token(*self));
    }
    fn read(parts: &mut std::str::Split<'_, char>) -> Option<Self> {
        parse_endpoint(parts.next()?)
    }
}

impl TokenArg for Mitigation {
    fn write(&self, out: &mut String) {
        out.push('.');
        out.push_str(self.spec().token);
    }
    fn read(parts: &mut std::str::Split<'_, char>) -> Option<Self> {
        let t = parts.next()?;
        MITIGATIONS
            .iter()
            .find(|m| m.token == t)
            .map(|m| m.mitigation)
    }
}

impl TokenArg for RetryPolicy {
    fn write(&self, out: &mut String) {
        out.push('.');
        out.push_str(self.id());
    }
    fn read(parts: &mut std::str::Split<'_, char>) -> Option<Self> {
        RetryPolicy::parse(parts.next()?)
    }
}
