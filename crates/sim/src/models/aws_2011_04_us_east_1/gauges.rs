//! The April 2011 model's gauges: what explains each node at an instant, what a chart can plot,
//! what flows on each edge, and how the map and the inspector say it.

use super::cluster::permille;
use super::{Params, Region, Service, View};
use crate::engine::observe::{Flow, Measure};
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Gauges {
    pub shifted: bool,
    /// Per mille of the cluster's volumes.
    pub isolated_permille: u64,
    /// Searching for space while there is some (re-mirroring), and once it is gone (stuck).
    pub remirroring_permille: u64,
    pub stuck_permille: u64,
    pub free_permille: u64,
    pub peak_blocked_permille: u64,
    /// Searches per second, per mille of the volumes.
    pub search_rate_permille: u64,
    pub backoff: bool,
    pub race_fixed: bool,
    pub threads_needed: u64,
    pub control_threads: u64,
    pub az_apis_disabled: bool,
    pub cluster_cut_off: bool,
    pub per_az: bool,
    /// Per mille of the AZ's Multi-AZ databases awaiting a manual fail-over.
    pub awaiting_manual_permille: u64,
}

impl Region {
    pub fn gauges(&self, p: &Params) -> Gauges {
        let c = &self.cluster;
        Gauges {
            shifted: c.shifted,
            isolated_permille: permille(c.isolated),
            remirroring_permille: permille(c.remirroring()),
            stuck_permille: permille(c.stuck()),
            free_permille: permille(c.free),
            peak_blocked_permille: permille(c.peak_blocked),
            search_rate_permille: c.search_rate_permille.round() as u64,
            backoff: c.backoff,
            race_fixed: c.race_fixed,
            threads_needed: self.control.threads_needed.round() as u64,
            control_threads: p.control_threads,
            az_apis_disabled: self.control.az_apis_disabled,
            cluster_cut_off: self.control.cluster_cut_off,
            per_az: self.control.per_az,
            awaiting_manual_permille: permille(self.rds.awaiting_manual),
        }
    }
}

/// What a chart can plot besides a node's error rate, named as scenario files name them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Quantity {
    StuckShare,
    RemirroringShare,
    IsolatedShare,
    FreeShare,
    ThreadsNeeded,
    ControlThreads,
}

impl Measure<Gauges> for Quantity {
    const ALL: &'static [(Quantity, &'static str)] = &[
        (Quantity::StuckShare, "stuck_share"),
        (Quantity::RemirroringShare, "remirroring_share"),
        (Quantity::IsolatedShare, "isolated_share"),
        (Quantity::FreeShare, "free_share"),
        (Quantity::ThreadsNeeded, "threads_needed"),
        (Quantity::ControlThreads, "control_threads"),
    ];

    fn of(self, v: &View) -> f64 {
        let g = &v.gauges;
        match self {
            Quantity::StuckShare => g.stuck_permille as f64 / 1000.0,
            Quantity::RemirroringShare => g.remirroring_permille as f64 / 1000.0,
            Quantity::IsolatedShare => g.isolated_permille as f64 / 1000.0,
            Quantity::FreeShare => g.free_permille as f64 / 1000.0,
            Quantity::ThreadsNeeded => g.threads_needed as f64,
            Quantity::ControlThreads => g.control_threads as f64,
        }
    }
}

/// What flows on `from` → `to`: AWS gave no volumes, so each edge carries a nominal flow and
/// the share that gets through is what the upstream node's errors leave.
pub fn flow(from: Service, v: &View) -> Flow {
    let through = 1.0 - v.error_share(from.index());
    Flow {
        per_min: (through * 1000.0).round() as u64,
        normal_per_min: 1000,
        what: "",
    }
}

fn pct(permille: u64) -> String {
    format!("{}.{}%", permille / 10, permille % 10)
}

/// The one gauge that explains a node, in a few words (drawn on the map).
pub fn summary(node: Service, v: &View) -> String {
    let g = &v.gauges;
    let failing = v.error_share(node.index()) > 0.0;
    match node {
        Service::PrimaryNetwork if g.shifted => "traffic shifted away".into(),
        Service::PrimaryNetwork => "carries replication".into(),
        Service::SecondaryNetwork if g.shifted => "overloaded".into(),
        Service::SecondaryNetwork => "standby".into(),
        Service::Ebs if g.isolated_permille > 0 => format!("{} cut off", pct(g.isolated_permille)),
        Service::Ebs if g.stuck_permille > 0 => format!("{} stuck", pct(g.stuck_permille)),
        Service::Ebs if g.remirroring_permille > 0 => {
            format!("{} re-mirroring", pct(g.remirroring_permille))
        }
        Service::Ebs => format!("{} free space", pct(g.free_permille)),
        Service::ControlPlane => format!("{} / {} threads", g.threads_needed, g.control_threads),
        Service::EbsApiAz if g.az_apis_disabled => "disabled".into(),
        Service::EbsApiAz | Service::EbsApi if failing => "threads starved".into(),
        Service::Ec2Launch if failing => "launches fail".into(),
        Service::Ec2 | Service::Rds if failing => "I/O blocked".into(),
        Service::RdsMultiAz if g.awaiting_manual_permille > 0 => {
            format!("manual: {}", pct(g.awaiting_manual_permille))
        }
        _ if failing => format!(
            "{} errors",
            pct((v.error_share(node.index()) * 1000.0).round() as u64)
        ),
        _ => "working".into(),
    }
}

/// Every gauge the model keeps for a node, as label/value rows (the inspector).
pub fn details(node: Service, v: &View) -> Vec<(String, String)> {
    let g = &v.gauges;
    let row = |k: &str, v: String| (k.to_string(), v);
    let yes = |b: bool| if b { "yes" } else { "no" }.to_string();
    match node {
        Service::PrimaryNetwork | Service::SecondaryNetwork => {
            vec![row("Traffic on the secondary network", yes(g.shifted))]
        }
        Service::Ebs | Service::Ec2 | Service::Rds => vec![
            row("Volumes cut off", pct(g.isolated_permille)),
            row("Volumes re-mirroring", pct(g.remirroring_permille)),
            row("Volumes stuck, searching for space", pct(g.stuck_permille)),
            row("Most blocked at once", pct(g.peak_blocked_permille)),
            row("Free space", pct(g.free_permille)),
            row("Searches per second", pct(g.search_rate_permille)),
            row("Re-mirroring backs off", yes(g.backoff)),
            row("Race on the nodes fixed", yes(g.race_fixed)),
        ],
        Service::RdsMultiAz => vec![row(
            "Awaiting a manual fail-over",
            pct(g.awaiting_manual_permille),
        )],
        _ => vec![
            row("Threads the calls need", g.threads_needed.to_string()),
            row("Control-plane threads", g.control_threads.to_string()),
            row("AZ's control APIs disabled", yes(g.az_apis_disabled)),
            row("Degraded cluster cut off", yes(g.cluster_cut_off)),
            row("Per-AZ control plane", yes(g.per_az)),
        ],
    }
}
