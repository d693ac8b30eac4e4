//! What a view says about one node, in words: the one gauge that explains it (drawn on the map)
//! and every gauge the model keeps for it (listed by the inspector). Text, so any front end or
//! the CLI can show it; the scenario's own nouns, so a new model brings its own.

use super::gauges::EnactorGauge;
use super::Endpoint;
use super::Service;
use super::{Params, Region, View};
use crate::engine::observe::Flow;
use crate::engine::observe::{percent, row, yes_no};
use crate::presentation::observed::Observed;

/// Where an Enactor is in the plan it is applying: (endpoint, of how many), 1-based.
fn progress(e: &EnactorGauge) -> Option<(u8, u8)> {
    match e.step {
        Some(step) if e.applying => Some((step.min(e.endpoints) + 1, e.endpoints)),
        _ => None,
    }
}

fn share(part: u64, whole: u64) -> String {
    format!("{part} of {whole} ({}%)", part * 100 / whole.max(1))
}

/// A rate as the inspector says it.
fn per_min(n: u64) -> String {
    format!("{n}/min")
}

impl Observed for Region {
    fn flow(from: Service, to: Service, v: &View, p: &Params) -> Flow {
        super::gauges::flow(from, to, v, p)
    }

    /// The one gauge that explains a node, in a few words.
    fn summary(svc: Service, v: &View) -> String {
        let g = &v.gauges;
        if let Some(e) = svc.enactor_index().and_then(|i| g.enactors.get(i)) {
            let state = if e.paused {
                " · paused"
            } else if e.delayed {
                " · delayed"
            } else {
                ""
            };
            return match progress(e) {
                Some((at, of)) => format!("plan {} · {at}/{of}{state}", e.gen),
                None => format!("applied plan {}{state}", e.gen),
            };
        }
        match svc {
            Service::Planner => format!(
                "plan {}{}",
                g.plan_latest,
                if g.planner_running { "" } else { " · stopped" }
            ),
            Service::Route53 => {
                let empty = g.records.iter().filter(|r| r.ips == 0).count();
                let regional = g.records.first().map(|r| r.ips).unwrap_or(0);
                if regional == 0 {
                    "regional: EMPTY".to_string()
                } else if empty > 0 {
                    format!("regional {regional} IPs, {empty} empty")
                } else {
                    format!("regional {regional} IPs")
                }
            }
            Service::Dwfm => format!(
                "leases {}% · queue {}",
                g.leased * 100 / g.droplets.max(1),
                g.dwfm_queue
            ),
            Service::Ec2Api => format!("limit {}", per_min(g.api_limit_per_min)),
            Service::NetworkManager => format!(
                "backlog {} · {} s",
                g.propagation_backlog, g.propagation_delay_s
            ),
            Service::Nlb => format!("capacity {}", percent(u64::from(g.nlb_capacity_permille))),
            Service::LambdaSqs if g.sqs_poller_failed => "poller failed".into(),
            Service::LambdaSqs => format!("backlog {} min", g.sqs_backlog_min),
            Service::Redshift => format!("{} clusters stuck", g.redshift_stuck),
            _ => String::new(),
        }
    }

    /// Every gauge the model keeps for a node, as label/value rows.
    fn details(svc: Service, v: &View) -> Vec<(String, String)> {
        let g = &v.gauges;
        if let Some(e) = svc.enactor_index().and_then(|i| g.enactors.get(i)) {
            let progress = match progress(e) {
                Some((at, of)) => format!("endpoint {at} of {of}"),
                None => "idle, waiting for a newer plan".into(),
            };
            let next = match e.endpoint {
                Some(ep) if e.applying => ep.label(),
                _ => "none".into(),
            };
            // What a pause holds back: the regional record set of a plan not yet sent to it.
            let regional = if e.regional_pending {
                "not yet sent"
            } else if e.applying {
                "sent"
            } else {
                "no plan held"
            };
            return vec![
                row(
                    if e.applying {
                        "Applying plan"
                    } else {
                        "Last applied plan"
                    },
                    e.gen.to_string(),
                ),
                row("Progress", progress),
                row("Endpoint in progress or next", next),
                row("Regional endpoint", regional.into()),
                row("Paused", yes_no(e.paused)),
                row("Delayed", yes_no(e.delayed)),
                row("Endpoints it cannot update", e.rejected.to_string()),
                row("Route 53 transactions", per_min(e.txns_per_min)),
            ];
        }
        match svc {
            Service::Planner => vec![
                row("Newest plan", g.plan_latest.to_string()),
                row("Running", yes_no(g.planner_running)),
                row("Plans issued", per_min(g.plans_per_min)),
            ],
            Service::Route53 | Service::DynamoDb => g
                .records
                .iter()
                .take(if svc == Service::DynamoDb {
                    1
                } else {
                    usize::MAX
                })
                .enumerate()
                .map(|(i, r)| {
                    let val = if r.ips == 0 {
                        format!("EMPTY (plan {})", r.gen)
                    } else {
                        format!("{} IPs (plan {})", r.ips, r.gen)
                    };
                    let name = if i == 0 {
                        Endpoint::Regional.hostname()
                    } else {
                        r.endpoint.label()
                    };
                    (name, val)
                })
                .collect(),
            Service::Dwfm => vec![
                row("Droplets with a lease", share(g.leased, g.droplets)),
                row("Queued lease work", g.dwfm_queue.to_string()),
                row("Leases made", per_min(g.goodput_per_min)),
                row("Work that timed out", per_min(g.wasted_per_min)),
                row(
                    "Hosts that cannot reach DynamoDB",
                    g.dwfm_hosts_unreachable.to_string(),
                ),
                row("Hosts restarting", g.dwfm_hosts_restarting.to_string()),
                row("Intake throttled", yes_no(g.dwfm_throttled)),
            ],
            Service::Ec2Api => vec![
                row("Request limit", per_min(g.api_limit_per_min)),
                row(
                    "Launch requests (with retries)",
                    per_min(g.launch_requests_per_min),
                ),
                row("Let through", per_min(g.launches_admitted_per_min)),
                row(
                    "Refused by the operators' throttle",
                    per_min(g.throttle_refused_per_min),
                ),
                row(
                    "Launches waiting to be retried",
                    g.pending_launches.to_string(),
                ),
            ],
            Service::Ec2Launch | Service::Ecs => vec![
                row("Instances launched", per_min(g.launches_per_min)),
                row(
                    "Launches waiting to be retried",
                    g.pending_launches.to_string(),
                ),
            ],
            Service::NetworkManager => vec![
                row(
                    "Backlog of network changes",
                    g.propagation_backlog.to_string(),
                ),
                row(
                    "Delay for a new instance",
                    format!("{} s", g.propagation_delay_s),
                ),
                row("Changes arriving", per_min(g.propagation_arrivals_per_min)),
                row("Changes propagated", per_min(g.propagations_per_min)),
            ],
            Service::Nlb => vec![
                row(
                    "Capacity in service",
                    percent(u64::from(g.nlb_capacity_permille)),
                ),
                row(
                    "Automatic failover",
                    if g.nlb_auto_failover { "on" } else { "off" }.into(),
                ),
                row("Health-check delay", format!("{} s", g.check_delay_s)),
                row("Targets flapping", g.flapping_targets.to_string()),
            ],
            Service::Lambda => vec![row(
                "Internal capacity",
                percent(u64::from(g.lambda_capacity_permille)),
            )],
            Service::LambdaSqs => vec![
                row("Poller failed", yes_no(g.sqs_poller_failed)),
                row("Backlog", format!("{} min of traffic", g.sqs_backlog_min)),
            ],
            Service::Redshift => vec![row("Clusters stuck", g.redshift_stuck.to_string())],
            _ => Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::gauges::quantity;
    use super::super::incident_run;
    use super::*;

    #[test]
    fn the_words_follow_the_run() {
        let (s, rec) = incident_run();
        let before = rec.view_at(s.at("2025-10-19T23:35:00-07:00").unwrap());
        let during = rec.view_at(s.at("2025-10-20T01:00:00-07:00").unwrap());
        assert_eq!(
            Region::summary(Service::Route53, &during),
            "regional: EMPTY"
        );
        assert!(Region::summary(Service::Route53, &before).starts_with("regional "));
        let rows = Region::details(Service::DynamoDb, &during);
        assert_eq!(rows[0].0, "dynamodb.us-east-1.amazonaws.com");
        assert!(rows[0].1.starts_with("EMPTY"), "{rows:?}");
        assert_eq!(quantity("error:dynamodb", &during), Some(1.0));
        assert_eq!(quantity("error:dynamodb", &before), Some(0.0));
        assert!(quantity("leased_share", &during).is_some_and(|x| x < 1.0));
        assert_eq!(quantity("happiness", &during), None);
        assert_eq!(quantity("error:mainframe", &during), None);
        let dwfm = Region::details(Service::Dwfm, &during);
        assert!(dwfm
            .iter()
            .any(|(k, v)| k == "Hosts that cannot reach DynamoDB" && v != "0"));
    }
}
