//! Interventions are data: what a person (or the "as it happened" script) does to the run, at a
//! simulated instant. A run is its scenario, seed, parameters and an ordered list of these.

use crate::params::RetryPolicy;
use crate::time::SimTime;
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

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Intervention {
    /// The Enactor stops before its next transaction, holding whatever plan it has.
    PauseEnactor { enactor: u8 },
    /// A paused or delayed Enactor goes back to normal speed.
    ResumeEnactor { enactor: u8 },
    /// Every transaction of the Enactor takes this much longer (default: the scenario parameter).
    DelayEnactor {
        enactor: u8,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        extra_ms: Option<u64>,
    },
    /// Delete an endpoint's active record set, as a bad clean-up would.
    DeleteRecord { endpoint: Endpoint },
    /// Operators point an endpoint (or, with none, every broken endpoint) at the newest plan.
    RestoreRecord {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        endpoint: Option<Endpoint>,
    },
    /// The DNS Planner stops issuing plans.
    StopPlanner,
    /// The DNS Planner resumes.
    StartPlanner,
    /// Operators let STS and IAM reach DynamoDB's internal endpoints while public DNS is still broken.
    InternalDnsWorkaround,
    /// Throttle incoming DWFM work and EC2 API launch requests.
    ThrottleDwfmIntake,
    /// Remove the DWFM intake throttle.
    UnthrottleDwfmIntake,
    /// Restart DWFM hosts one after another; a restart clears the host's queue.
    RestartDwfmHosts,
    /// Turn NLB automatic AZ DNS failover off or on.
    SetNlbAutoFailover { enabled: bool },
    /// Restore Lambda's failed SQS polling subsystem.
    RestoreLambdaSqsPoller,
    /// Begin relaxing the EC2 request throttles (they ramp back to normal).
    RelaxEc2Throttles,
    /// Switch on an announced or proposed fix.
    Enable { mitigation: Mitigation },
    /// Clients change how they retry (DWFM lease work and customer launches).
    SetClientRetry { policy: RetryPolicy },
}

/// The interventions a person can make on a node, in the order the inspector lists them.
pub fn for_node(node: crate::service::Service, enactors: u8) -> Vec<Intervention> {
    use crate::service::Service as S;
    let enactor = |i: u8| {
        vec![
            Intervention::PauseEnactor { enactor: i },
            Intervention::DelayEnactor {
                enactor: i,
                extra_ms: None,
            },
            Intervention::ResumeEnactor { enactor: i },
            Intervention::Enable {
                mitigation: Mitigation::RecheckFreshness,
            },
            Intervention::Enable {
                mitigation: Mitigation::CleanupKeepsActivePlan,
            },
        ]
    };
    match node {
        S::Planner => vec![Intervention::StopPlanner, Intervention::StartPlanner],
        S::EnactorA => enactor(0),
        S::EnactorB if enactors > 1 => enactor(1),
        S::EnactorC if enactors > 2 => enactor(2),
        S::Route53 | S::DynamoDb => vec![
            Intervention::DeleteRecord {
                endpoint: Endpoint::Regional,
            },
            Intervention::RestoreRecord { endpoint: None },
            Intervention::Enable {
                mitigation: Mitigation::RecheckFreshness,
            },
            Intervention::Enable {
                mitigation: Mitigation::CleanupKeepsActivePlan,
            },
        ],
        S::Dwfm => vec![
            Intervention::ThrottleDwfmIntake,
            Intervention::RestartDwfmHosts,
            Intervention::UnthrottleDwfmIntake,
            Intervention::Enable {
                mitigation: Mitigation::QueueSizeThrottling,
            },
            Intervention::SetClientRetry {
                policy: RetryPolicy::BackoffJitter,
            },
        ],
        S::Ec2Api | S::Ec2Launch | S::Ecs => vec![
            Intervention::RelaxEc2Throttles,
            Intervention::ThrottleDwfmIntake,
        ],
        S::NetworkManager | S::Nlb => vec![
            Intervention::SetNlbAutoFailover { enabled: false },
            Intervention::SetNlbAutoFailover { enabled: true },
            Intervention::Enable {
                mitigation: Mitigation::NlbFailoverVelocityLimit,
            },
        ],
        S::Lambda | S::LambdaSqs => vec![Intervention::RestoreLambdaSqsPoller],
        S::Sts | S::Iam => vec![Intervention::InternalDnsWorkaround],
        S::CustomerApp | S::Connect | S::Redshift => vec![
            Intervention::SetClientRetry {
                policy: RetryPolicy::BackoffJitter,
            },
            Intervention::SetClientRetry {
                policy: RetryPolicy::Immediate,
            },
        ],
        _ => Vec::new(),
    }
}

/// An intervention at a simulated instant.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Timed {
    pub at: SimTime,
    #[serde(flatten)]
    pub what: Intervention,
}

impl Intervention {
    /// A short name a person would use, e.g. "Pause Enactor A".
    pub fn label(&self) -> String {
        let e = |i: &u8| (b'A' + *i) as char;
        match self {
            Intervention::PauseEnactor { enactor } => format!("Pause Enactor {}", e(enactor)),
            Intervention::ResumeEnactor { enactor } => format!("Resume Enactor {}", e(enactor)),
            Intervention::DelayEnactor { enactor, .. } => format!("Delay Enactor {}", e(enactor)),
            Intervention::DeleteRecord {
                endpoint: Endpoint::Regional,
            } => "Delete record".into(),
            Intervention::DeleteRecord { endpoint } => {
                format!("Delete {} record", endpoint.label())
            }
            Intervention::RestoreRecord { endpoint: Some(ep) } => {
                format!("Restore {} record", ep.label())
            }
            Intervention::RestoreRecord { endpoint: None } => "Restore record".into(),
            Intervention::StopPlanner => "Stop DNS Planner".into(),
            Intervention::StartPlanner => "Start DNS Planner".into(),
            Intervention::InternalDnsWorkaround => "Temporary internal DNS mitigation".into(),
            Intervention::ThrottleDwfmIntake => "Throttle DWFM intake".into(),
            Intervention::UnthrottleDwfmIntake => "Un-throttle DWFM intake".into(),
            Intervention::RestartDwfmHosts => "Restart DWFM hosts".into(),
            Intervention::SetNlbAutoFailover { enabled: false } => {
                "Disable NLB automatic failover".into()
            }
            Intervention::SetNlbAutoFailover { enabled: true } => {
                "Enable NLB automatic failover".into()
            }
            Intervention::RestoreLambdaSqsPoller => "Restore Lambda SQS poller".into(),
            Intervention::RelaxEc2Throttles => "Relax EC2 throttles".into(),
            Intervention::Enable { mitigation } => match mitigation {
                Mitigation::RecheckFreshness => "Enactor re-checks plan freshness".into(),
                Mitigation::CleanupKeepsActivePlan => "Clean-up keeps the active plan".into(),
                Mitigation::QueueSizeThrottling => "Queue-size-based throttling".into(),
                Mitigation::NlbFailoverVelocityLimit => "NLB failover velocity limit".into(),
            },
            Intervention::SetClientRetry { policy } => match policy {
                RetryPolicy::Immediate => "Clients retry immediately".into(),
                RetryPolicy::Backoff => "Clients use backoff".into(),
                RetryPolicy::BackoffJitter => "Clients use jittered backoff".into(),
            },
        }
    }
}

/// Check a script before running it: ordered in time, inside the window, naming things that exist.
/// An impossible intervention is an error with a message, never a panic.
pub fn validate_script(
    script: &[Timed],
    window_ms: u64,
    enactors: u64,
    account_endpoints: u64,
) -> Result<(), String> {
    let mut last = SimTime::ZERO;
    for (i, t) in script.iter().enumerate() {
        let n = i + 1;
        if t.at < last {
            return Err(format!("intervention {n} ({}) is earlier than the one before it: scripts are ordered in time", t.what.label()));
        }
        if t.at.ms() > window_ms {
            return Err(format!(
                "intervention {n} ({}) is after the end of the scenario window",
                t.what.label()
            ));
        }
        last = t.at;
        let enactor_ok = |e: &u8| (*e as u64) < enactors;
        let endpoint_ok = |ep: &Endpoint| match ep {
            Endpoint::Account(k) => (*k as u64) < account_endpoints,
            _ => true,
        };
        match &t.what {
            Intervention::PauseEnactor { enactor }
            | Intervention::ResumeEnactor { enactor }
            | Intervention::DelayEnactor { enactor, .. }
                if !enactor_ok(enactor) =>
            {
                return Err(format!(
                    "intervention {n}: there is no Enactor {} (this run has {enactors})",
                    (b'A' + (*enactor).min(25)) as char
                ));
            }
            Intervention::DelayEnactor {
                extra_ms: Some(ms), ..
            } if *ms == 0 || *ms > 6 * crate::time::HOUR => {
                return Err(format!(
                    "intervention {n}: an Enactor delay must be between 1 ms and 6 hours"
                ));
            }
            Intervention::DeleteRecord { endpoint }
            | Intervention::RestoreRecord {
                endpoint: Some(endpoint),
            } if !endpoint_ok(endpoint) => {
                return Err(format!(
                    "intervention {n}: there is no {} endpoint in this run",
                    endpoint.label()
                ));
            }
            _ => {}
        }
    }
    Ok(())
}
