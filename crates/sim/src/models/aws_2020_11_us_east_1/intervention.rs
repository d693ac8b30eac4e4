//! What a person (or the "as it happened" script) can do to the November 2020 run: the
//! operators' actions and the fixes AWS announced, as data with a link token each.

use super::{Region, Service};
use crate::engine::intervene::offered_on;
use Intervention as I;
use Service as S;

/// Most servers an addition or removal may name, and most restarts per hour: a bound on
/// what a link may ask for, far above any fleet the parameters allow.
const MOST_SERVERS: u64 = 100_000;
const MOST_RESTARTS_PER_HOUR: u64 = 1_000_000;

/// The nodes whose inspector offers what changes the front-end fleet.
const FLEET: &[Service] = &[S::Frontend, S::Kinesis];

/// A whole number as labels and messages write it, with thousands separators.
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

fn server_count_ok(servers: &u64) -> Result<(), String> {
    if *servers == 0 || *servers > MOST_SERVERS {
        Err(format!(
            "a capacity change must name between 1 and {} servers",
            count(MOST_SERVERS)
        ))
    } else {
        Ok(())
    }
}

// The order of the rows is the order the inspector lists them on a node.
crate::interventions! {
    /// What a person, or the "as it happened" script, does to the run.
    pub enum Intervention for Region {
        /// Take front-end servers out (the newest first), over the removal time.
        RemoveCapacity { servers: u64 } => {
            token: "remove-capacity",
            node: S::Frontend,
            label: format!("Remove {} front-end servers", count(*servers)),
            check(_p): server_count_ok(servers),
            offer(node, _p): offered_on(node, FLEET, [I::RemoveCapacity { servers: 200 }]),
            apply(m, _by, cx): m.frontend.remove_capacity(*servers, cx.params),
        }
        /// Bring new front-end servers in, over the addition time.
        AddCapacity { servers: u64 } => {
            token: "add-capacity",
            node: S::Frontend,
            label: format!("Add {} front-end servers", count(*servers)),
            check(_p): server_count_ok(servers),
            offer(node, _p): offered_on(node, FLEET, [I::AddCapacity { servers: 200 }]),
            apply(m, by, cx): m.frontend.add_capacity(*servers, by, cx.params),
        }
        /// Restart servers whose shard-map is useless at this many per hour (0 stops); without
        /// a count, at the operators' pace (the parameter `restart_per_hour`).
        RestartServers { #[serde(default, skip_serializing_if = "Option::is_none")] per_hour: Option<u64> } => {
            token: "restart-servers",
            node: S::Frontend,
            label: match per_hour {
                None => "Restart servers at the operators' pace".into(),
                Some(0) => "Stop restarting servers".into(),
                Some(n) if *n >= MOST_SERVERS => "Restart every broken server at once".into(),
                Some(n) => format!("Restart {} servers per hour", count(*n)),
            },
            sets: "the restart rate",
            check(_p): if per_hour.is_some_and(|n| n > MOST_RESTARTS_PER_HOUR) {
                Err(format!("at most {} restarts per hour", count(MOST_RESTARTS_PER_HOUR)))
            } else {
                Ok(())
            },
            offer(node, _p): offered_on(
                node,
                FLEET,
                [300, MOST_SERVERS, 0].map(|n| I::RestartServers { per_hour: Some(n) }),
            ),
            apply(m, _by, cx): {
                m.frontend.restart_per_hour = per_hour.unwrap_or(cx.params.restart_per_hour);
            },
        }
        /// Raise the operating system's thread limit on every server.
        RaiseThreadLimit { threads: u64 } => {
            token: "raise-thread-limit",
            node: S::Frontend,
            label: format!("Raise the thread limit to {}", count(*threads)),
            sets: "the thread limit",
            check(_p): if *threads == 0 || *threads > 10_000_000 {
                Err("a thread limit must be between 1 and 10,000,000".into())
            } else {
                Ok(())
            },
            offer(node, p): offered_on(
                node,
                FLEET,
                [I::RaiseThreadLimit { threads: p.thread_limit * 2 }],
            ),
            apply(m, _by, _cx): m.frontend.thread_limit = *threads,
        }
        /// Move to fewer, larger servers: half as many, so half the threads each.
        LargerServers => {
            token: "larger-servers",
            node: S::Frontend,
            label: "Use fewer, larger servers".into(),
            offer(node, _p): offered_on(node, FLEET, [I::LargerServers]),
            apply(m, _by, cx): m.frontend.consolidate(cx.now),
        }
        /// Build shard-maps from the authoritative metadata store instead of from peers.
        BootstrapFromMetadata => {
            token: "bootstrap-from-metadata",
            node: S::Frontend,
            label: "Bootstrap from the metadata store".into(),
            sets: "bootstrapping from metadata",
            offer(node, _p): offered_on(node, FLEET, [I::BootstrapFromMetadata]),
            apply(m, _by, _cx): m.frontend.metadata_bootstrap = true,
        }
        /// Cut the front end into cells: a server keeps threads only for its cell.
        Cellularize => {
            token: "cellularize",
            node: S::Frontend,
            label: "Cellularize the front end".into(),
            sets: "a cellular front end",
            offer(node, _p): offered_on(node, FLEET, [I::Cellularize]),
            apply(m, _by, _cx): m.frontend.cellular = true,
        }
        /// Give CloudWatch its own, partitioned front-end fleet.
        #[serde(rename = "cloudwatch-own-fleet")]
        CloudWatchOwnFleet => {
            token: "cloudwatch-own-fleet",
            node: S::CloudWatch,
            label: "Give CloudWatch its own front-end fleet".into(),
            sets: "CloudWatch's own fleet",
            offer(node, _p): offered_on(
                node,
                &[S::CloudWatch, S::AutoScaling],
                [I::CloudWatchOwnFleet],
            ),
            apply(m, _by, _cx): m.deps.cloudwatch_own_fleet = true,
        }
        /// Lambda operators stop hosts buffering undelivered metrics in memory.
        MitigateLambdaMemory => {
            token: "mitigate-lambda-memory",
            node: S::Lambda,
            label: "Mitigate Lambda memory contention".into(),
            sets: "Lambda's memory mitigation",
            offer(node, _p): offered_on(node, &[S::Lambda], [I::MitigateLambdaMemory]),
            apply(m, _by, _cx): m.deps.lambda_mitigated = true,
        }
        /// Post status updates with the backup tool, which does not need Cognito.
        BackupStatusTool => {
            token: "backup-status-tool",
            node: S::StatusPage,
            label: "Post with the backup status tool".into(),
            sets: "the backup status tool",
            offer(node, _p): offered_on(node, &[S::StatusPage], [I::BackupStatusTool]),
            apply(m, _by, _cx): m.deps.status_backup_tool = true,
        }
        /// Begin deploying the Cognito change that tolerates Kinesis errors.
        CognitoToleratesErrors => {
            token: "cognito-tolerates-errors",
            node: S::Cognito,
            label: "Deploy Cognito's Kinesis-error tolerance".into(),
            sets: "Cognito's tolerance of Kinesis errors",
            offer(node, _p): offered_on(
                node,
                &[S::Cognito, S::StatusPage],
                [I::CognitoToleratesErrors],
            ),
            apply(m, _by, cx): {
                m.deps.cognito_fix_since.get_or_insert(cx.now);
            },
        }
    }
}
