//! The November 2020 model's gauges: what explains each node at an instant, what a chart can
//! plot, what flows on each edge, and how the map and the inspector say it.

use super::{Params, Region, Service, View};
use crate::engine::observe::{row, yes_no};
use crate::presentation::observed::Observed;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Gauges {
    /// Servers in the fleet's membership.
    pub members: u64,
    /// Most threads any server in service runs, and the OS limit.
    pub threads_max: u64,
    pub thread_limit: u64,
    /// Servers in service whose shard-map works, of which those whose map construction failed
    /// over the limit (their map will expire; only a restart rebuilds it).
    pub servers_ok: u64,
    pub servers_unrebuilt: u64,
    /// Servers in service whose shard-map is useless.
    pub servers_failed: u64,
    /// Servers building a shard-map (restarted or new), and those removed as unhealthy.
    pub servers_building: u64,
    pub servers_removed: u64,
    pub restart_per_hour: u64,
    pub build_speed_permille: u64,
    pub metadata_bootstrap: bool,
    pub cellular: bool,
    pub cloudwatch_own_fleet: bool,
    pub lambda_buffer_min: u64,
    pub lambda_mitigated: bool,
    pub cognito_buffer_min: u64,
    pub cognito_fix_permille: u64,
    pub status_backup_tool: bool,
}

impl Region {
    pub fn measure(&self, p: &Params) -> Gauges {
        let f = &self.frontend;
        let n = |x: f64| x.round().max(0.0) as u64;
        Gauges {
            members: n(f.members),
            threads_max: f.threads_max(p),
            thread_limit: f.thread_limit,
            servers_ok: n(f.ok()),
            servers_unrebuilt: n(f.unrebuilt()),
            servers_failed: n(f.failed()),
            servers_building: n(f.building()),
            servers_removed: n(f.removed),
            restart_per_hour: f.restart_per_hour,
            build_speed_permille: f.build_speed_permille,
            metadata_bootstrap: f.metadata_bootstrap,
            cellular: f.cellular,
            cloudwatch_own_fleet: self.deps.cloudwatch_own_fleet,
            lambda_buffer_min: n(self.deps.lambda_buffer_min),
            lambda_mitigated: self.deps.lambda_mitigated,
            cognito_buffer_min: n(self.deps.cognito_buffer_min),
            cognito_fix_permille: n(self.deps.cognito_fix_share * 1000.0),
            status_backup_tool: self.deps.status_backup_tool,
        }
    }
}

crate::quantities! {
    /// What a chart can plot besides a node's error rate, named as scenario files name them.
    pub enum Quantity of Gauges {
        ThreadsMax = "threads_max", |g| g.threads_max as f64;
        ThreadLimit = "thread_limit", |g| g.thread_limit as f64;
        ServersOk = "servers_ok", |g| g.servers_ok as f64;
        ServersFailed = "servers_failed", |g| g.servers_failed as f64;
        ServersBuilding = "servers_building", |g| g.servers_building as f64;
        LambdaBufferMin = "lambda_buffer_min", |g| g.lambda_buffer_min as f64;
        CognitoBufferMin = "cognito_buffer_min", |g| g.cognito_buffer_min as f64;
    }
}

fn pct(share: f64) -> String {
    format!("{}%", (share * 100.0).round() as u64)
}

fn buffered(node: Service, g: &Gauges) -> u64 {
    if node == Service::Lambda {
        g.lambda_buffer_min
    } else {
        g.cognito_buffer_min
    }
}

impl Observed for Region {
    /// The one gauge that explains a node, in a few words (drawn on the map).
    fn summary(node: Service, v: &View) -> String {
        let g = &v.gauges;
        let failing = v.error_share(node.index()) > 0.0;
        let say = |bad: &str, good: &str| if failing { bad } else { good }.to_string();
        match node {
            Service::Frontend => format!("{} / {} threads", g.threads_max, g.thread_limit),
            Service::Kinesis => format!("{} of requests fail", pct(v.error_share(node.index()))),
            Service::Membership => "vends membership".into(),
            Service::Backend => "shards served".into(),
            Service::CloudWatch => say("alarms: no data", "metrics flowing"),
            Service::AutoScaling => say("no metrics to act on", "policies act"),
            Service::Lambda | Service::Cognito if failing || buffered(node, g) > 0 => {
                format!("{} min buffered", buffered(node, g))
            }
            Service::Lambda | Service::Cognito => "nothing buffered".into(),
            Service::EventBridge => say("deliveries retried", "events delivered"),
            Service::Ecs => say("workflows stalled", "workflows run"),
            Service::StatusPage if g.status_backup_tool => "posts via backup tool".into(),
            Service::StatusPage => say("cannot sign in to post", "can post"),
        }
    }

    /// Every gauge the model keeps for a node, as label/value rows (the inspector).
    fn details(node: Service, v: &View) -> Vec<(String, String)> {
        let g = &v.gauges;
        match node {
            Service::Frontend | Service::Kinesis => vec![
                row("Servers in the fleet", g.members.to_string()),
                row("Most threads on a server", g.threads_max.to_string()),
                row("OS thread limit", g.thread_limit.to_string()),
                row("Serving with a usable shard-map", g.servers_ok.to_string()),
                row(
                    "…of which could not rebuild it",
                    g.servers_unrebuilt.to_string(),
                ),
                row(
                    "Serving with a useless shard-map",
                    g.servers_failed.to_string(),
                ),
                row("Building a shard-map", g.servers_building.to_string()),
                row("Removed as unhealthy", g.servers_removed.to_string()),
                row("Restarts per hour", g.restart_per_hour.to_string()),
                row("Build speed", format!("{}%", g.build_speed_permille / 10)),
                row(
                    "Bootstrap from metadata store",
                    yes_no(g.metadata_bootstrap),
                ),
                row("Cellular front end", yes_no(g.cellular)),
            ],
            Service::CloudWatch | Service::AutoScaling => vec![
                row("Metric puts failing", pct(v.error_share(node.index()))),
                row("Own front-end fleet", yes_no(g.cloudwatch_own_fleet)),
            ],
            Service::Lambda => vec![
                row(
                    "Metrics buffered per host",
                    format!("{} min", g.lambda_buffer_min),
                ),
                row("Memory contention mitigated", yes_no(g.lambda_mitigated)),
            ],
            Service::Cognito => vec![
                row(
                    "Records buffered per web server",
                    format!("{} min", g.cognito_buffer_min),
                ),
                row(
                    "Web servers with the fix",
                    format!("{}%", g.cognito_fix_permille / 10),
                ),
            ],
            Service::StatusPage => vec![row("Backup posting tool", yes_no(g.status_backup_tool))],
            _ => vec![row("Errors", pct(v.error_share(node.index())))],
        }
    }
}
