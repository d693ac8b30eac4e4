//! What a person (or the "as it happened" script) can do to the April 2011 run: the network
//! change and its roll-back, the operators' containment, and the fixes a post-incident review
//! would try, as data with a link token each.

use super::{Ctx, Params, Region, Service};
use crate::engine::log::EventId;
use crate::engine::model::Intervene;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Intervention {
    /// Shift the primary network's traffic onto the secondary network (the mistake).
    ShiftTraffic,
    /// Roll the shift back: the primary network carries the traffic again.
    RollBackShift,
    /// Disable the control APIs (Create/Attach/Detach Volume, Create Snapshot) for the AZ.
    DisableAzApis,
    /// Re-enable them.
    EnableAzApis,
    /// The control plane stops calling into the degraded cluster.
    CutClusterOff,
    /// Bring in storage capacity, per mille of the cluster's volumes.
    AddCapacity { permille: u64 },
    /// Volumes searching for space back off, with jitter, between searches.
    RemirrorBackoff,
    /// Fix the race on the EBS nodes.
    FixRace,
    /// Give each AZ its own control plane.
    PerAzControlPlane,
    /// The RDS team fails over by hand the databases the bug left isolated.
    RdsManualFailover,
}

use Intervention as I;

const TOKENS: &[(&str, Intervention)] = &[
    ("shift-traffic", I::ShiftTraffic),
    ("roll-back-shift", I::RollBackShift),
    ("disable-az-apis", I::DisableAzApis),
    ("enable-az-apis", I::EnableAzApis),
    ("cut-cluster-off", I::CutClusterOff),
    ("remirror-backoff", I::RemirrorBackoff),
    ("fix-race", I::FixRace),
    ("per-az-control-plane", I::PerAzControlPlane),
    ("rds-manual-failover", I::RdsManualFailover),
];

impl Intervene<Region> for Intervention {
    fn node(&self) -> Service {
        match self {
            I::ShiftTraffic | I::RollBackShift => Service::PrimaryNetwork,
            I::DisableAzApis | I::EnableAzApis | I::CutClusterOff | I::PerAzControlPlane => {
                Service::ControlPlane
            }
            I::AddCapacity { .. } | I::RemirrorBackoff | I::FixRace => Service::Ebs,
            I::RdsManualFailover => Service::RdsMultiAz,
        }
    }

    fn label(&self) -> String {
        match self {
            I::ShiftTraffic => "Shift traffic to the secondary network".into(),
            I::RollBackShift => "Roll back the traffic shift".into(),
            I::DisableAzApis => "Disable EBS control APIs in the AZ".into(),
            I::EnableAzApis => "Re-enable EBS control APIs in the AZ".into(),
            I::CutClusterOff => "Cut the degraded cluster off the control plane".into(),
            I::AddCapacity { permille } => format!(
                "Add storage capacity ({}.{}% of the volumes)",
                permille / 10,
                permille % 10
            ),
            I::RemirrorBackoff => "Re-mirror with backoff and jitter".into(),
            I::FixRace => "Fix the race on the EBS nodes".into(),
            I::PerAzControlPlane => "Give each AZ its own control plane".into(),
            I::RdsManualFailover => "Fail stuck Multi-AZ databases over by hand".into(),
        }
    }

    fn token(&self) -> String {
        match self {
            I::AddCapacity { permille } => format!("add-capacity.{permille}"),
            other => TOKENS
                .iter()
                .find(|(_, i)| i == other)
                .map(|(t, _)| t.to_string())
                .unwrap_or_default(),
        }
    }

    fn parse_token(tok: &str) -> Option<Self> {
        if let Some(n) = tok.strip_prefix("add-capacity.") {
            return n.parse().ok().map(|permille| I::AddCapacity { permille });
        }
        TOKENS
            .iter()
            .find(|(t, _)| *t == tok)
            .map(|(_, i)| i.clone())
    }

    fn check(&self, _p: &Params) -> Result<(), String> {
        match self {
            I::AddCapacity { permille } if *permille == 0 || *permille > 2_000 => {
                Err("added capacity must be between 0.1% and 200% of the cluster's volumes".into())
            }
            _ => Ok(()),
        }
    }

    fn offered(node: Service, p: &Params) -> Vec<Self> {
        match node {
            Service::PrimaryNetwork | Service::SecondaryNetwork => {
                vec![I::ShiftTraffic, I::RollBackShift]
            }
            Service::Ebs | Service::Ec2 => vec![
                I::RemirrorBackoff,
                I::FixRace,
                I::AddCapacity {
                    permille: p.added_capacity_permille.max(1),
                },
            ],
            Service::ControlPlane | Service::EbsApi | Service::EbsApiAz | Service::Ec2Launch => {
                vec![
                    I::DisableAzApis,
                    I::EnableAzApis,
                    I::CutClusterOff,
                    I::PerAzControlPlane,
                ]
            }
            Service::Rds | Service::RdsMultiAz => vec![I::RdsManualFailover],
        }
    }

    fn apply(&self, m: &mut Region, by: EventId, cx: &mut Ctx) {
        match self {
            I::ShiftTraffic => m.cluster.shift(by, cx),
            I::RollBackShift => m.cluster.roll_back(by, cx),
            I::DisableAzApis => m.control.az_apis_disabled = true,
            I::EnableAzApis => m.control.az_apis_disabled = false,
            I::CutClusterOff => m.control.cluster_cut_off = true,
            I::AddCapacity { permille } => m.cluster.add_capacity(*permille, cx.params),
            I::RemirrorBackoff => m.cluster.backoff = true,
            I::FixRace => m.cluster.race_fixed = true,
            I::PerAzControlPlane => m.control.per_az = true,
            I::RdsManualFailover => m.rds.manual = true,
        }
    }
}
