//! The April 2011 model's gauges: what explains each node at an instant, what a chart can plot,
//! what flows on each edge, and how the map and the inspector say it.

use super::cluster::permille;
use super::{Params, Region, Service, View};
use crate::engine::observe::{percent, row, yes_no};
use crate::presentation::observed::Observed;
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
    /// Volumes that cannot be restored in a consistent state, per million.
    pub lost_ppm: u64,
    /// Searches per second, per mille of the volumes.
    pub search_rate_permille: u64,
    pub backoff: bool,
    pub race_fixed: bool,
    pub threads_needed: u64,
    pub control_threads: u64,
    /// Re-mirroring negotiations per second reaching the control plane's database, and what it
    /// serves besides API traffic (per mille of the volumes).
    pub negotiations_permille: u64,
    pub negotiations_absorbed_permille: u64,
    pub create_volume_disabled: bool,
    pub az_apis_disabled: bool,
    pub cluster_cut_off: bool,
    pub per_az: bool,
    /// Per mille of the AZ's Multi-AZ databases awaiting a manual fail-over.
    pub awaiting_manual_permille: u64,
}

impl Region {
    pub fn measure(&self, p: &Params) -> Gauges {
        let c = &self.cluster;
        Gauges {
            shifted: c.shifted,
            isolated_permille: permille(c.isolated),
            remirroring_permille: permille(c.remirroring()),
            stuck_permille: permille(c.stuck()),
            free_permille: permille(c.free),
            peak_blocked_permille: permille(c.peak_blocked),
            lost_ppm: (c.lost * 1e6).round() as u64,
            search_rate_permille: c.search_rate_permille.round() as u64,
            backoff: c.backoff,
            race_fixed: c.race_fixed,
            threads_needed: self.control.threads_needed.round() as u64,
            control_threads: p.control_threads,
            negotiations_permille: self.control.negotiations_permille.round() as u64,
            negotiations_absorbed_permille: p.negotiations_absorbed_permille,
            create_volume_disabled: self.control.create_volume_disabled,
            az_apis_disabled: self.control.az_apis_disabled,
            cluster_cut_off: self.control.cluster_cut_off,
            per_az: self.control.per_az,
            awaiting_manual_permille: permille(self.rds.awaiting_manual),
        }
    }
}

crate::quantities! {
    /// What a chart can plot besides a node's error rate, named as scenario files name them.
    pub enum Quantity of Gauges {
        StuckShare = "stuck_share", |g| g.stuck_permille as f64 / 1000.0;
        RemirroringShare = "remirroring_share", |g| g.remirroring_permille as f64 / 1000.0;
        IsolatedShare = "isolated_share", |g| g.isolated_permille as f64 / 1000.0;
        FreeShare = "free_share", |g| g.free_permille as f64 / 1000.0;
        ThreadsNeeded = "threads_needed", |g| g.threads_needed as f64;
        Negotiations = "negotiations", |g| g.negotiations_permille as f64;
        NegotiationsAbsorbed = "negotiations_absorbed", |g| g.negotiations_absorbed_permille as f64;
        LostShare = "lost_share", |g| g.lost_ppm as f64 / 1e6;
        ControlThreads = "control_threads", |g| g.control_threads as f64;
    }
}

impl Observed for Region {
    /// The one gauge that explains a node, in a few words (drawn on the map).
    fn summary(node: Service, v: &View) -> String {
        let g = &v.gauges;
        let failing = v.error_share(node.index()) > 0.0;
        match node {
            Service::PrimaryNetwork if g.shifted => "traffic shifted away".into(),
            Service::PrimaryNetwork => "carries replication".into(),
            Service::SecondaryNetwork if g.shifted => "overloaded".into(),
            Service::SecondaryNetwork => "standby".into(),
            Service::Ebs if g.isolated_permille > 0 => {
                format!("{} cut off", percent(g.isolated_permille))
            }
            Service::Ebs if g.stuck_permille > 0 => format!("{} stuck", percent(g.stuck_permille)),
            Service::Ebs if g.remirroring_permille > 0 => {
                format!("{} re-mirroring", percent(g.remirroring_permille))
            }
            Service::Ebs if g.lost_ppm > 0 => format!("{} lost", ppm_percent(g.lost_ppm)),
            Service::Ebs => format!("{} free space", percent(g.free_permille)),
            Service::ControlPlane => {
                format!("{} / {} threads", g.threads_needed, g.control_threads)
            }
            Service::EbsApiAz if g.az_apis_disabled => "disabled".into(),
            Service::EbsApiAz | Service::EbsApi
                if failing && g.negotiations_permille > g.negotiations_absorbed_permille =>
            {
                "browned out".into()
            }
            Service::EbsApi if failing => "threads starved".into(),
            Service::EbsApiAz if g.create_volume_disabled => "CreateVolume disabled".into(),
            Service::EbsApiAz if failing => "threads starved".into(),
            Service::Ec2Launch if failing => "launches fail".into(),
            Service::Ec2 | Service::Rds if failing => "I/O blocked".into(),
            Service::RdsMultiAz if g.awaiting_manual_permille > 0 => {
                format!("manual: {}", percent(g.awaiting_manual_permille))
            }
            _ if failing => format!(
                "{} errors",
                percent((v.error_share(node.index()) * 1000.0).round() as u64)
            ),
            _ => "working".into(),
        }
    }

    /// Every gauge the model keeps for a node, as label/value rows (the inspector).
    fn details(node: Service, v: &View) -> Vec<(String, String)> {
        let g = &v.gauges;
        match node {
            Service::PrimaryNetwork | Service::SecondaryNetwork => {
                vec![row("Traffic on the secondary network", yes_no(g.shifted))]
            }
            Service::Ebs | Service::Ec2 | Service::Rds => vec![
                row("Volumes cut off", percent(g.isolated_permille)),
                row("Volumes re-mirroring", percent(g.remirroring_permille)),
                row(
                    "Volumes stuck, searching for space",
                    percent(g.stuck_permille),
                ),
                row("Most blocked at once", percent(g.peak_blocked_permille)),
                row("Volumes lost (not restorable)", ppm_percent(g.lost_ppm)),
                row("Free space", percent(g.free_permille)),
                row("Searches per second", percent(g.search_rate_permille)),
                row("Re-mirroring backs off", yes_no(g.backoff)),
                row("Race on the nodes fixed", yes_no(g.race_fixed)),
            ],
            Service::RdsMultiAz => vec![row(
                "Awaiting a manual fail-over",
                percent(g.awaiting_manual_permille),
            )],
            _ => {
                // What the operators (or a person) switched, each yes or no.
                let switches = [
                    ("AZ's CreateVolume disabled", g.create_volume_disabled),
                    ("AZ's control APIs disabled", g.az_apis_disabled),
                    ("Degraded cluster cut off", g.cluster_cut_off),
                    ("Per-AZ control plane", g.per_az),
                ];
                let mut rows = vec![
                    row("Threads the calls need", g.threads_needed.to_string()),
                    row("Control-plane threads", g.control_threads.to_string()),
                    row(
                        "Re-mirroring negotiations a second",
                        percent(g.negotiations_permille),
                    ),
                    row(
                        "Negotiations the database serves",
                        percent(g.negotiations_absorbed_permille),
                    ),
                ];
                rows.extend(switches.map(|(label, on)| row(label, yes_no(on))));
                rows
            }
        }
    }
}

/// A share in parts per million as a percentage with two decimals ("0.07%").
fn ppm_percent(ppm: u64) -> String {
    let hundredths = (ppm + 50) / 100;
    format!("{}.{:02}%", hundredths / 100, hundredths % 100)
}
