//! The April 2011 region: the affected AZ's EBS cluster, the region-wide control plane and RDS,
//! ticked together, and every node's error share.

use super::cluster::Cluster;
use super::control::ControlPlane;
use super::rds::Rds;
use super::{Ctx, Gauges, Intervention, Params, Service};
use crate::engine::health::Board;
use crate::engine::model::{ErrorShares, Model};
use crate::engine::queue::NoAction;
use crate::engine::time::{SimTime, MINUTE};

/// Step of the fluid model: it only sets how finely shares are integrated.
pub const TICK_MS: u64 = MINUTE;

#[derive(Clone, Debug)]
pub struct Region {
    pub cluster: Cluster,
    pub control: ControlPlane,
    pub rds: Rds,
}

impl Model for Region {
    type Intervention = Intervention;

    fn new(p: &Params, _seed: u64, _cx: &mut Ctx) -> Region {
        Region {
            cluster: Cluster::new(p),
            control: ControlPlane::default(),
            rds: Rds::default(),
        }
    }

    fn handle(&mut self, action: NoAction, _cx: &mut Ctx) -> bool {
        match action {}
    }

    fn tick(&mut self, cx: &mut Ctx) {
        self.cluster.tick(TICK_MS, cx);
        let (out_of_space, searches) = (
            self.cluster.out_of_space(),
            self.cluster.search_rate_permille,
        );
        self.control
            .tick(TICK_MS, out_of_space, searches, self.cluster.cause, cx);
        self.rds.tick(
            TICK_MS,
            self.cluster.isolated,
            self.cluster.stuck_after_isolation(),
            self.cluster.cause,
            cx,
        );
    }

    fn errors(&self, _board: &Board, p: &Params, out: &mut ErrorShares) {
        out.fill((0.0, None));
        let c = &self.cluster;
        let cause = c.cause;
        let shifted = |share: f64| if c.shifted { share } else { 0.0 };
        // The primary network was drained on purpose for part of the cluster; the secondary
        // drops what it cannot carry.
        out[Service::PrimaryNetwork.index()] =
            (shifted(p.shifted_share_permille as f64 / 1000.0), cause);
        let overload = (p.shifted_share_permille as f64 - p.secondary_capacity_permille as f64)
            .max(0.0)
            / p.shifted_share_permille.max(1) as f64;
        out[Service::SecondaryNetwork.index()] = (shifted(overload), cause);
        let blocked = (c.blocked(), cause);
        out[Service::Ebs.index()] = blocked;
        out[Service::Ec2.index()] = blocked;
        out[Service::Rds.index()] = blocked;
        out[Service::RdsMultiAz.index()] = (self.rds.multi_az_error(), self.rds.cause.or(cause));
        let cp = &self.control;
        let why = cp.why().or(cause);
        // The control plane's own failure: starved threads or brown-out, wherever they bite.
        out[Service::ControlPlane.index()] = (
            cp.region_error
                .max((cp.starved_share).max(cp.brownout_share)),
            why,
        );
        out[Service::EbsApi.index()] = (cp.region_error, why);
        out[Service::EbsApiAz.index()] = (cp.az_error, why);
        // An EBS-backed launch creates and attaches its root volume through the control plane:
        // in the other zones it fails as their API calls do; in the affected zone as its calls
        // do, and always while its CreateVolume (or every control API) is disabled.
        let az = p.az_share_permille as f64 / 1000.0;
        let az_launch = if cp.create_volume_disabled || cp.az_apis_disabled {
            1.0
        } else {
            cp.az_error
        };
        let launch = cp.region_error * (1.0 - az) + az_launch * az;
        out[Service::Ec2Launch.index()] = (launch, why);
    }

    fn gauges(&self, _now: SimTime, p: &Params) -> Gauges {
        self.measure(p)
    }
}
