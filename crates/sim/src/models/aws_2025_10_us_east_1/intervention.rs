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
use super::Ctx;
use crate::engine::log::EventId;
use crate::engine::model::Intervene;
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

/// What a script's interventions are checked against.
pub struct Limits {
    pub enactors: u64,
    pub account_endpoints: u64,
}

macro_rules! interventions {
    ($(
        $(#[$doc:meta])*
        $V:ident $({ $( $(#[$fattr:meta])* $f:ident : $t:ty ),* $(,)? })? => {
            token: $token:literal,
            node: $node:expr,
            label: $label:expr,
            $(check($lim:ident): $check:expr,)?
            offer($on:ident, $enactors:ident): $offer:expr,
            apply($r:ident, $by:ident, $cx:ident): $apply:expr $(,)?
        }
    )*) => {
        #[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
        #[serde(tag = "kind", rename_all = "kebab-case")]
        pub enum Intervention {
            $( $(#[$doc])* $V $({ $( $(#[$fattr])* $f: $t ),* })?, )*
        }

        #[allow(unused_variables)]
        impl Intervention {
            /// The node the intervention is logged on.
            pub fn node(&self) -> Service {
                match self { $( Intervention::$V $({ $($f),* })? => $node, )* }
            }

            /// A short name a person would use, e.g. "Pause Enactor A".
            pub fn label(&self) -> String {
                match self { $( Intervention::$V $({ $($f),* })? => $label, )* }
            }

            /// The short token of the intervention in a link: its kind, then its fields.
            pub fn token(&self) -> String {
                match self {
                    $( Intervention::$V $({ $($f),* })? => {
                        #[allow(unused_mut)]
                        let mut s = String::from($token);
                        $( $( TokenArg::write($f, &mut s); )* )?
                        s
                    } )*
                }
            }

            pub fn parse_token(tok: &str) -> Option<Intervention> {
                let mut parts = tok.split('.');
                let what = match parts.next()? {
                    $( $token => Intervention::$V $({ $( $f: TokenArg::read(&mut parts)? ),* })?, )*
                    _ => return None,
                };
                parts.next().is_none().then_some(what)
            }

            /// Whether the intervention names things that exist in this run.
            pub fn check(&self, limits: &Limits) -> Result<(), String> {
                match self {
                    $( Intervention::$V $({ $($f),* })? => {
                        let ok: Result<(), String> = Ok(());
                        $( let $lim = limits; let ok = $check; )?
                        ok
                    } )*
                }
            }

            /// The instances of every kind the inspector offers on a node.
            fn offers(asked: Service, count: u8) -> Vec<Intervention> {
                let mut out = Vec::new();
                $( {
                    let ($on, $enactors) = (asked, count);
                    out.extend($offer);
                } )*
                out
            }

            /// Apply to the mechanism it concerns; `by` is the intervention's own log entry.
            pub(crate) fn apply(&self, region: &mut Region, by: EventId, cx: &mut Ctx) {
                match self {
                    $( Intervention::$V $({ $($f),* })? => {
                        let ($r, $by, $cx) = (&mut *region, by, &mut *cx);
                        $apply;
                    } )*
                }
            }
        }
    };
}

use Service as S;

fn letter(i: &u8) -> char {
    (b'A' + *i) as char
}

/// The intervention, if the inspector shows it on one of `nodes`.
fn on(node: Service, nodes: &[Service], what: Intervention) -> Option<Intervention> {
    nodes.contains(&node).then_some(what)
}

fn enactor_exists(enactor: &u8, lim: &Limits) -> Result<(), String> {
    if (*enactor as u64) < lim.enactors {
        Ok(())
    } else {
        Err(format!(
            "there is no Enactor {} (this run has {})",
            (b'A' + (*enactor).min(25)) as char,
            lim.enactors
        ))
    }
}

fn endpoint_exists(ep: &Endpoint, lim: &Limits) -> Result<(), String> {
    match ep {
        Endpoint::Account(k) if (*k as u64) >= lim.account_endpoints => {
            Err(format!("there is no {} endpoint in this run", ep.label()))
        }
        _ => Ok(()),
    }
}

// The order of the rows is the order the inspector lists them on a node.
interventions! {
    /// The DNS Planner stops issuing plans.
    StopPlanner => {
        token: "stop-planner",
        node: S::Planner,
        label: "Stop DNS Planner".into(),
        offer(node, _n): on(node, &[S::Planner], Intervention::StopPlanner),
        apply(r, by, _cx): r.dns.set_planner(false, by),
    }
    /// The DNS Planner resumes.
    StartPlanner => {
        token: "start-planner",
        node: S::Planner,
        label: "Start DNS Planner".into(),
        offer(node, _n): on(node, &[S::Planner], Intervention::StartPlanner),
        apply(r, by, _cx): r.dns.set_planner(true, by),
    }
    /// The Enactor stops before its next transaction, holding whatever plan it has.
    PauseEnactor { enactor: u8 } => {
        token: "pause-enactor",
        node: S::enactor(*enactor as usize),
        label: format!("Pause Enactor {}", letter(enactor)),
        check(lim): enactor_exists(enactor, lim),
        offer(node, _n): node.enactor_index().map(|i| Intervention::PauseEnactor { enactor: i as u8 }),
        apply(r, by, _cx): r.dns.pause_enactor(*enactor as usize, by),
    }
    /// Every transaction of the Enactor takes this much longer (default: the scenario parameter).
    DelayEnactor {
        enactor: u8,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        extra_ms: Option<u64>,
    } => {
        token: "delay-enactor",
        node: S::enactor(*enactor as usize),
        label: format!("Delay Enactor {}", letter(enactor)),
        check(lim): enactor_exists(enactor, lim).and_then(|_| match extra_ms {
            Some(ms) if *ms == 0 || *ms > 6 * crate::engine::time::HOUR => {
                Err("an Enactor delay must be between 1 ms and 6 hours".to_string())
            }
            _ => Ok(()),
        }),
        offer(node, _n): node.enactor_index().map(|i| Intervention::DelayEnactor {
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
        check(lim): enactor_exists(enactor, lim),
        offer(node, _n): node.enactor_index().map(|i| Intervention::ResumeEnactor { enactor: i as u8 }),
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
        check(lim): endpoint_exists(endpoint, lim),
        offer(node, _n): on(
            node,
            &[S::Route53, S::DynamoDb],
            Intervention::DeleteRecord { endpoint: Endpoint::Regional },
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
        check(lim): endpoint.as_ref().map_or(Ok(()), |ep| endpoint_exists(ep, lim)),
        offer(node, _n): on(
            node,
            &[S::Route53, S::DynamoDb],
            Intervention::RestoreRecord { endpoint: None },
        ),
        apply(r, by, cx): r.dns.operators_restore(*endpoint, by, &mut r.caches, cx),
    }
    /// Begin relaxing the EC2 request throttles (they ramp back to normal).
    RelaxEc2Throttles => {
        token: "relax-ec2-throttles",
        node: S::Ec2Api,
        label: "Relax EC2 throttles".into(),
        offer(node, _n): on(node, &[S::Ec2Api, S::Ec2Launch, S::Ecs], Intervention::RelaxEc2Throttles),
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
        offer(node, _n): on(
            node,
            &[S::Dwfm, S::Ec2Api, S::Ec2Launch, S::Ecs],
            Intervention::ThrottleDwfmIntake,
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
        offer(node, _n): on(node, &[S::Dwfm], Intervention::RestartDwfmHosts),
        apply(r, by, cx): r.dwfm.restart_hosts(by, cx),
    }
    /// Remove the DWFM intake throttle.
    UnthrottleDwfmIntake => {
        token: "unthrottle-dwfm-intake",
        node: S::Dwfm,
        label: "Un-throttle DWFM intake".into(),
        offer(node, _n): on(node, &[S::Dwfm], Intervention::UnthrottleDwfmIntake),
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
        offer(node, _n): [false, true]
            .map(|enabled| on(node, &[S::NetworkManager, S::Nlb], Intervention::SetNlbAutoFailover { enabled }))
            .into_iter()
            .flatten(),
        apply(r, by, _cx): r.nlb.set_auto_failover(*enabled, by),
    }
    /// Restore Lambda's failed SQS polling subsystem.
    RestoreLambdaSqsPoller => {
        token: "restore-lambda-sqs-poller",
        node: S::LambdaSqs,
        label: "Restore Lambda SQS poller".into(),
        offer(node, _n): on(node, &[S::Lambda, S::LambdaSqs], Intervention::RestoreLambdaSqsPoller),
        apply(r, by, cx): r.deps.restore_sqs_poller(by, cx),
    }
    /// Operators let STS and IAM reach DynamoDB's internal endpoints while public DNS is still broken.
    InternalDnsWorkaround => {
        token: "internal-dns-workaround",
        node: S::Sts,
        label: "Temporary internal DNS mitigation".into(),
        offer(node, _n): on(node, &[S::Sts, S::Iam], Intervention::InternalDnsWorkaround),
        apply(r, _by, cx): r.caches.bypass_public_dns(&[S::Sts, S::Iam], cx),
    }
    /// Switch on an announced or proposed fix.
    Enable { mitigation: Mitigation } => {
        token: "enable",
        node: mitigation.spec().node,
        label: mitigation.spec().label.into(),
        offer(node, _n): MITIGATIONS
            .iter()
            .filter(move |m| m.offered_on.contains(&node))
            .map(|m| Intervention::Enable { mitigation: m.mitigation }),
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
        offer(node, _n): [
            on(
                node,
                &[S::Dwfm, S::CustomerApp, S::Connect, S::Redshift],
                Intervention::SetClientRetry { policy: RetryPolicy::BackoffJitter },
            ),
            on(
                node,
                &[S::CustomerApp, S::Connect, S::Redshift],
                Intervention::SetClientRetry { policy: RetryPolicy::Immediate },
            ),
        ]
        .into_iter()
        .flatten(),
        apply(r, _by, _cx): {
            r.ec2.retry = *policy;
            r.dwfm.retry = *policy
        },
    }
}

/// The interventions a person can make on a node, in the order the inspector lists them.
pub fn for_node(node: Service, enactors: u8) -> Vec<Intervention> {
    match node.enactor_index() {
        Some(i) if i > 0 && i >= enactors as usize => Vec::new(),
        _ => Intervention::offers(node, enactors),
    }
}

impl Intervene<Region> for Intervention {
    fn node(&self) -> Service {
        Intervention::node(self)
    }
    fn label(&self) -> String {
        Intervention::label(self)
    }
    fn token(&self) -> String {
        Intervention::token(self)
    }
    fn parse_token(tok: &str) -> Option<Self> {
        Intervention::parse_token(tok)
    }
    fn check(&self, params: &Params) -> Result<(), String> {
        Intervention::check(
            self,
            &Limits {
                enactors: params.enactors,
                account_endpoints: params.account_endpoints,
            },
        )
    }
    fn offered(node: Service, params: &Params) -> Vec<Self> {
        for_node(node, params.enactors as u8)
    }
    fn apply(&self, model: &mut Region, by: EventId, cx: &mut Ctx) {
        Intervention::apply(self, model, by, cx)
    }
}

// ---- link tokens of this model's fields
use crate::presentation::link::TokenArg;
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
