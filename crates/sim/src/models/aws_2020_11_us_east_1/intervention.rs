//! What a person (or the "as it happened" script) can do to the November 2020 run: the
//! operators' actions and the fixes AWS announced, as data with a link token each.

use super::{Ctx, Params, Region, Service};
use crate::engine::log::EventId;
use crate::engine::model::Intervene;
use serde::{Deserialize, Serialize};

/// Most servers an addition or removal may name, and most restarts per hour: a bound on
/// what a link may ask for, far above any fleet the parameters allow.
const MOST_SERVERS: u64 = 100_000;
const MOST_RESTARTS_PER_HOUR: u64 = 1_000_000;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Intervention {
    /// Bring new front-end servers in, over the addition time.
    AddCapacity { servers: u64 },
    /// Take front-end servers out (the newest first), over the removal time.
    RemoveCapacity { servers: u64 },
    /// Restart servers whose shard-map is useless at this many per hour (0 stops).
    RestartServers { per_hour: u64 },
    /// Raise the operating system's thread limit on every server.
    RaiseThreadLimit { threads: u64 },
    /// Move to fewer, larger servers: half as many, so half the threads each.
    LargerServers,
    /// Build shard-maps from the authoritative metadata store instead of from peers.
    BootstrapFromMetadata,
    /// Give CloudWatch its own, partitioned front-end fleet.
    #[serde(rename = "cloudwatch-own-fleet")]
    CloudWatchOwnFleet,
    /// Begin deploying the Cognito change that tolerates Kinesis errors.
    CognitoToleratesErrors,
    /// Cut the front end into cells: a server keeps threads only for its cell.
    Cellularize,
    /// Lambda operators stop hosts buffering undelivered metrics in memory.
    MitigateLambdaMemory,
    /// Post status updates with the backup tool, which does not need Cognito.
    BackupStatusTool,
}

use Intervention as I;

impl Intervention {
    /// (kind token, the intervention's fields as a number if it has one).
    fn parts(&self) -> (&'static str, Option<u64>) {
        match self {
            I::AddCapacity { servers } => ("add-capacity", Some(*servers)),
            I::RemoveCapacity { servers } => ("remove-capacity", Some(*servers)),
            I::RestartServers { per_hour } => ("restart-servers", Some(*per_hour)),
            I::RaiseThreadLimit { threads } => ("raise-thread-limit", Some(*threads)),
            I::LargerServers => ("larger-servers", None),
            I::BootstrapFromMetadata => ("bootstrap-from-metadata", None),
            I::CloudWatchOwnFleet => ("cloudwatch-own-fleet", None),
            I::CognitoToleratesErrors => ("cognito-tolerates-errors", None),
            I::Cellularize => ("cellularize", None),
            I::MitigateLambdaMemory => ("mitigate-lambda-memory", None),
            I::BackupStatusTool => ("backup-status-tool", None),
        }
    }

    fn from_parts(kind: &str, n: Option<u64>) -> Option<Intervention> {
        Some(match (kind, n) {
            ("add-capacity", Some(servers)) => I::AddCapacity { servers },
            ("remove-capacity", Some(servers)) => I::RemoveCapacity { servers },
            ("restart-servers", Some(per_hour)) => I::RestartServers { per_hour },
            ("raise-thread-limit", Some(threads)) => I::RaiseThreadLimit { threads },
            ("larger-servers", None) => I::LargerServers,
            ("bootstrap-from-metadata", None) => I::BootstrapFromMetadata,
            ("cloudwatch-own-fleet", None) => I::CloudWatchOwnFleet,
            ("cognito-tolerates-errors", None) => I::CognitoToleratesErrors,
            ("cellularize", None) => I::Cellularize,
            ("mitigate-lambda-memory", None) => I::MitigateLambdaMemory,
            ("backup-status-tool", None) => I::BackupStatusTool,
            _ => return None,
        })
    }
}

fn count(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

impl Intervene<Region> for Intervention {
    fn node(&self) -> Service {
        match self {
            I::CloudWatchOwnFleet => Service::CloudWatch,
            I::CognitoToleratesErrors => Service::Cognito,
            I::MitigateLambdaMemory => Service::Lambda,
            I::BackupStatusTool => Service::StatusPage,
            _ => Service::Frontend,
        }
    }

    fn label(&self) -> String {
        match self {
            I::AddCapacity { servers } => format!("Add {} front-end servers", count(*servers)),
            I::RemoveCapacity { servers } => {
                format!("Remove {} front-end servers", count(*servers))
            }
            I::RestartServers { per_hour: 0 } => "Stop restarting servers".into(),
            I::RestartServers { per_hour } if *per_hour >= MOST_SERVERS => {
                "Restart every broken server at once".into()
            }
            I::RestartServers { per_hour } => {
                format!("Restart {} servers per hour", count(*per_hour))
            }
            I::RaiseThreadLimit { threads } => {
                format!("Raise the thread limit to {}", count(*threads))
            }
            I::LargerServers => "Use fewer, larger servers".into(),
            I::BootstrapFromMetadata => "Bootstrap from the metadata store".into(),
            I::CloudWatchOwnFleet => "Give CloudWatch its own front-end fleet".into(),
            I::CognitoToleratesErrors => "Deploy Cognito's Kinesis-error tolerance".into(),
            I::Cellularize => "Cellularize the front end".into(),
            I::MitigateLambdaMemory => "Mitigate Lambda memory contention".into(),
            I::BackupStatusTool => "Post with the backup status tool".into(),
        }
    }

    fn token(&self) -> String {
        match self.parts() {
            (kind, Some(n)) => format!("{kind}.{n}"),
            (kind, None) => kind.to_string(),
        }
    }

    fn parse_token(tok: &str) -> Option<Self> {
        let mut parts = tok.split('.');
        let kind = parts.next()?;
        let n = match parts.next() {
            Some(n) => Some(n.parse().ok()?),
            None => None,
        };
        if parts.next().is_some() {
            return None;
        }
        Intervention::from_parts(kind, n)
    }

    fn check(&self, _p: &Params) -> Result<(), String> {
        match self {
            I::AddCapacity { servers } | I::RemoveCapacity { servers }
                if *servers == 0 || *servers > MOST_SERVERS =>
            {
                Err(format!(
                    "a capacity change must name between 1 and {} servers",
                    count(MOST_SERVERS)
                ))
            }
            I::RestartServers { per_hour } if *per_hour > MOST_RESTARTS_PER_HOUR => Err(format!(
                "at most {} restarts per hour",
                count(MOST_RESTARTS_PER_HOUR)
            )),
            I::RaiseThreadLimit { threads } if *threads == 0 || *threads > 10_000_000 => {
                Err("a thread limit must be between 1 and 10,000,000".into())
            }
            _ => Ok(()),
        }
    }

    fn offered(node: Service, p: &Params) -> Vec<Self> {
        let fleet = [
            I::RemoveCapacity { servers: 200 },
            I::AddCapacity { servers: 200 },
            I::RestartServers { per_hour: 300 },
            I::RestartServers {
                per_hour: MOST_SERVERS,
            },
            I::RestartServers { per_hour: 0 },
            I::RaiseThreadLimit {
                threads: p.thread_limit * 2,
            },
            I::LargerServers,
            I::BootstrapFromMetadata,
            I::Cellularize,
        ];
        match node {
            Service::Frontend | Service::Kinesis => fleet.to_vec(),
            Service::CloudWatch | Service::AutoScaling => vec![I::CloudWatchOwnFleet],
            Service::Lambda => vec![I::MitigateLambdaMemory],
            Service::Cognito => vec![I::CognitoToleratesErrors],
            Service::StatusPage => vec![I::BackupStatusTool, I::CognitoToleratesErrors],
            _ => Vec::new(),
        }
    }

    fn apply(&self, m: &mut Region, by: EventId, cx: &mut Ctx) {
        let p = cx.params;
        match self {
            I::AddCapacity { servers } => m.frontend.add_capacity(*servers, by, p),
            I::RemoveCapacity { servers } => m.frontend.remove_capacity(*servers, p),
            I::RestartServers { per_hour } => m.frontend.restart_per_hour = *per_hour,
            I::RaiseThreadLimit { threads } => m.frontend.thread_limit = *threads,
            I::LargerServers => m.frontend.consolidate(cx.now),
            I::BootstrapFromMetadata => m.frontend.metadata_bootstrap = true,
            I::CloudWatchOwnFleet => m.deps.cloudwatch_own_fleet = true,
            I::CognitoToleratesErrors => {
                m.deps.cognito_fix_since.get_or_insert(cx.now);
            }
            I::Cellularize => m.frontend.cellular = true,
            I::MitigateLambdaMemory => m.deps.lambda_mitigated = true,
            I::BackupStatusTool => m.deps.status_backup_tool = true,
        }
    }
}
