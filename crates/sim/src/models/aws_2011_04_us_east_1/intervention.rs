//! What a person (or the "as it happened" script) can do to the April 2011 run: the network
//! change and its roll-back, the operators' containment, and the fixes a post-incident review
//! would try, as data with a link token each.

use super::{Region, Service};
use crate::engine::intervene::offered_on;
use Intervention as I;
use Service as S;

// The nodes whose inspector offers the interventions on the networks, on the storage and on
// the control plane.
const NETWORKS: &[Service] = &[S::PrimaryNetwork, S::SecondaryNetwork];
const STORAGE: &[Service] = &[S::Ebs, S::Ec2];
const CONTROL: &[Service] = &[S::ControlPlane, S::EbsApi, S::EbsApiAz, S::Ec2Launch];

// The order of the rows is the order the inspector lists them on a node.
crate::interventions! {
    /// What a person, or the "as it happened" script, does to the run.
    pub enum Intervention for Region {
        /// Shift the primary network's traffic onto the secondary network (the mistake).
        ShiftTraffic => {
            token: "shift-traffic",
            node: S::PrimaryNetwork,
            label: "Shift traffic to the secondary network".into(),
            offer(node, _p): offered_on(node, NETWORKS, [I::ShiftTraffic]),
            apply(m, by, cx): m.cluster.shift(by, cx),
        }
        /// Roll the shift back: the primary network carries the traffic again.
        RollBackShift => {
            token: "roll-back-shift",
            node: S::PrimaryNetwork,
            label: "Roll back the traffic shift".into(),
            offer(node, _p): offered_on(node, NETWORKS, [I::RollBackShift]),
            apply(m, by, cx): m.cluster.roll_back(by, cx),
        }
        /// Disable CreateVolume for the AZ: its calls are refused at once instead of waiting.
        DisableCreateVolume => {
            token: "disable-create-volume",
            node: S::ControlPlane,
            label: "Disable CreateVolume in the AZ".into(),
            sets: "the zone's CreateVolume",
            offer(node, _p): offered_on(node, CONTROL, [I::DisableCreateVolume]),
            apply(m, _by, _cx): m.control.create_volume_disabled = true,
        }
        /// Disable the control APIs (Create/Attach/Detach Volume, Create Snapshot) for the AZ.
        DisableAzApis => {
            token: "disable-az-apis",
            node: S::ControlPlane,
            label: "Disable EBS control APIs in the AZ".into(),
            sets: "the zone's control APIs",
            offer(node, _p): offered_on(node, CONTROL, [I::DisableAzApis]),
            apply(m, _by, _cx): m.control.az_apis_disabled = true,
        }
        /// Re-enable them (CreateVolume too).
        EnableAzApis => {
            token: "enable-az-apis",
            node: S::ControlPlane,
            label: "Re-enable EBS control APIs in the AZ".into(),
            sets: "the zone's control APIs",
            offer(node, _p): offered_on(node, CONTROL, [I::EnableAzApis]),
            apply(m, _by, _cx): {
                m.control.az_apis_disabled = false;
                m.control.create_volume_disabled = false;
            },
        }
        /// The control plane stops talking to the degraded cluster: no calls into it, and its
        /// re-mirroring negotiations no longer reach the control plane's database.
        CutClusterOff => {
            token: "cut-cluster-off",
            node: S::ControlPlane,
            label: "Cut the degraded cluster off the control plane".into(),
            sets: "the cluster cut off from the control plane",
            offer(node, _p): offered_on(node, CONTROL, [I::CutClusterOff]),
            apply(m, _by, _cx): m.control.cluster_cut_off = true,
        }
        /// Volumes searching for space back off, with jitter, between searches.
        RemirrorBackoff => {
            token: "remirror-backoff",
            node: S::Ebs,
            label: "Re-mirror with backoff and jitter".into(),
            sets: "backoff of re-mirroring",
            offer(node, _p): offered_on(node, STORAGE, [I::RemirrorBackoff]),
            apply(m, _by, _cx): m.cluster.backoff = true,
        }
        /// Fix the race on the EBS nodes.
        FixRace => {
            token: "fix-race",
            node: S::Ebs,
            label: "Fix the race on the EBS nodes".into(),
            sets: "the race fix",
            offer(node, _p): offered_on(node, STORAGE, [I::FixRace]),
            apply(m, _by, _cx): m.cluster.race_fixed = true,
        }
        /// Bring in storage capacity, per mille of the cluster's volumes.
        AddCapacity { permille: u64 } => {
            token: "add-capacity",
            node: S::Ebs,
            label: format!(
                "Add storage capacity ({}.{}% of the volumes)",
                permille / 10,
                permille % 10
            ),
            check(_p): if *permille == 0 || *permille > 2_000 {
                Err("added capacity must be between 0.1% and 200% of the cluster's volumes".into())
            } else {
                Ok(())
            },
            offer(node, p): offered_on(
                node,
                STORAGE,
                [I::AddCapacity { permille: p.added_capacity_permille.max(1) }],
            ),
            apply(m, _by, cx): m.cluster.add_capacity(*permille, cx.params),
        }
        /// Give each AZ its own control plane.
        PerAzControlPlane => {
            token: "per-az-control-plane",
            node: S::ControlPlane,
            label: "Give each AZ its own control plane".into(),
            sets: "a control plane per AZ",
            offer(node, _p): offered_on(node, CONTROL, [I::PerAzControlPlane]),
            apply(m, _by, _cx): m.control.per_az = true,
        }
        /// The RDS team fails over by hand the databases the bug left isolated.
        RdsManualFailover => {
            token: "rds-manual-failover",
            node: S::RdsMultiAz,
            label: "Fail stuck Multi-AZ databases over by hand".into(),
            sets: "manual fail-over of Multi-AZ databases",
            offer(node, _p): offered_on(node, &[S::Rds, S::RdsMultiAz], [I::RdsManualFailover]),
            apply(m, _by, _cx): m.rds.manual = true,
        }
    }
}
