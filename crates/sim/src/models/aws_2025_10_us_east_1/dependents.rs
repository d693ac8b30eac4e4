//! Services that depend on the ones above, each with its own health: Lambda (DynamoDB, an SQS
//! poller that fails and needs a manual restore, internal capacity on EC2/NLB), and Redshift
//! (clusters whose credentials expired wait for EC2 to replace their hosts).

use super::resolver::Resolvers;
use super::Ctx;
use super::Errors;
use super::EventKind;
use super::Params;
use super::Service;
use crate::engine::health::{worst, Board};
use crate::engine::log::EventId;
use crate::engine::time::MINUTE;

#[derive(Clone, Debug, Default)]
pub struct Dependents {
    /// How long Lambda's DynamoDB calls have been failing.
    pub lambda_ddb_failing_ms: u64,
    pub sqs_poller_failed: bool,
    /// SQS messages waiting, in minutes of normal traffic.
    pub sqs_backlog_min: f64,
    /// Lambda internal capacity lost to NLB-driven terminations (share).
    pub lambda_deficit: f64,
    pub redshift_stuck: f64,
    /// The latest event behind the SQS poller's state.
    pub sqs_cause: Option<EventId>,
    /// The poller's failure has been reported and its restore not yet.
    sqs_reported: bool,
}

impl Dependents {
    pub fn tick(
        &mut self,
        dt: u64,
        lambda_ddb_fail: f64,
        nlb_removed: f64,
        launch_ok: f64,
        redshift_ddb_fail: f64,
        p: &Params,
    ) {
        let minutes = dt as f64 / MINUTE as f64;
        if lambda_ddb_fail >= 0.5 {
            self.lambda_ddb_failing_ms += dt;
        } else {
            self.lambda_ddb_failing_ms = 0;
        }
        if self.lambda_ddb_failing_ms >= p.sqs_poller_fails_after_ms {
            self.sqs_poller_failed = true;
        }
        if self.sqs_poller_failed {
            self.sqs_backlog_min += minutes;
        } else {
            self.sqs_backlog_min =
                (self.sqs_backlog_min - (p.sqs_drain_speedup as f64 - 1.0) * minutes).max(0.0);
        }
        // NLB health-check failures terminate Lambda's internal instances; EC2 launches replace them.
        self.lambda_deficit +=
            nlb_removed * p.lambda_capacity_loss_permille as f64 / 1000.0 * minutes;
        self.lambda_deficit -= self.lambda_deficit
            * launch_ok
            * (dt as f64 / p.lambda_recovery_ms.max(1) as f64).min(1.0);
        self.lambda_deficit = self.lambda_deficit.clamp(0.0, 1.0);
        let clusters = p.redshift_clusters as f64;
        self.redshift_stuck = (self.redshift_stuck
            + redshift_ddb_fail * p.redshift_stuck_per_hour as f64 / 60.0 * minutes)
            .min(clusters);
        self.redshift_stuck = (self.redshift_stuck
            - launch_ok * p.redshift_replaced_per_hour as f64 / 60.0 * minutes)
            .max(0.0);
    }

    pub(crate) fn report(&mut self, ddb_cause: Option<EventId>, cx: &mut Ctx) {
        if self.sqs_poller_failed && !self.sqs_reported {
            self.sqs_reported = true;
            self.sqs_cause =
                Some(cx.log(Service::LambdaSqs, EventKind::SqsPollerFailed, ddb_cause));
        }
    }

    /// Operators restore Lambda's SQS poller; it stays up until DynamoDB fails long enough again.
    pub(crate) fn restore_sqs_poller(&mut self, by: EventId, cx: &mut Ctx) {
        if self.sqs_poller_failed {
            self.sqs_poller_failed = false;
            self.lambda_ddb_failing_ms = 0;
            self.sqs_cause =
                Some(cx.log(Service::LambdaSqs, EventKind::SqsPollerRestored, Some(by)));
            self.sqs_reported = false;
        }
    }

    /// Share of Lambda's invocations that fail for want of capacity: none while the capacity
    /// lost stays within the spare capacity Lambda holds.
    pub fn under_scaled(&self, p: &Params) -> f64 {
        let headroom = (p.lambda_headroom_permille.min(999) as f64) / 1000.0;
        ((self.lambda_deficit - headroom) / (1.0 - headroom)).max(0.0)
    }

    /// Each dependent fails by the worst of what it depends on: DynamoDB through its own
    /// caches, and the NLB, launches or Lambda as the map draws them. Reads the NLB's and the
    /// launches' shares from `out`, so those are filled first.
    pub fn errors(&self, out: &mut Errors, caches: &Resolvers, board: &Board, p: &Params) {
        let degraded = p.degraded_at_bp as f64 / 10_000.0;
        let ev = |s: Service| board.event(s);
        let ddb = |s: Service| caches.ddb(s);
        let nlb = out[Service::Nlb.index()].0;
        let launch_fail = out[Service::Ec2Launch.index()].0;
        let (lf, lc) = ddb(Service::Lambda);
        let under_scaled = self.under_scaled(p);
        out[Service::Lambda.index()] = if lf >= under_scaled {
            (lf, lc)
        } else {
            (under_scaled, ev(Service::Nlb))
        };
        let sqs = if self.sqs_poller_failed {
            1.0
        } else if self.sqs_backlog_min > 0.0 {
            degraded
        } else {
            0.0
        };
        out[Service::LambdaSqs.index()] = (sqs, self.sqs_cause);
        let sts = worst(&[ddb(Service::Sts), (nlb, ev(Service::Nlb))]);
        out[Service::Sts.index()] = sts;
        out[Service::Iam.index()] = worst(&[ddb(Service::Iam), (sts.0, ev(Service::Sts))]);
        out[Service::Ecs.index()] = (launch_fail, ev(Service::Ec2Launch));
        let stuck = self.redshift_stuck / p.redshift_clusters as f64;
        out[Service::Redshift.index()] =
            worst(&[ddb(Service::Redshift), (stuck, ev(Service::Ec2Launch))]);
        let lambda = out[Service::Lambda.index()].0;
        let via_lambda = lambda * p.connect_lambda_share_permille as f64 / 1000.0;
        out[Service::Connect.index()] = worst(&[
            ddb(Service::Connect),
            (nlb, ev(Service::Nlb)),
            (via_lambda, ev(Service::Lambda)),
        ]);
        out[Service::CustomerApp.index()] =
            worst(&[ddb(Service::CustomerApp), (nlb, ev(Service::Nlb))]);
    }
}
