//! Services that depend on the ones above, each with its own health: Lambda (DynamoDB, an SQS
//! poller that fails and needs a manual restore, internal capacity on EC2/NLB), and Redshift
//! (clusters whose credentials expired wait for EC2 to replace their hosts).

use crate::params::Params;
use crate::time::MINUTE;

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
        self.lambda_deficit -= self.lambda_deficit * launch_ok * (minutes / 30.0).min(1.0);
        self.lambda_deficit = self.lambda_deficit.clamp(0.0, 1.0);
        let clusters = p.redshift_clusters as f64;
        self.redshift_stuck = (self.redshift_stuck
            + redshift_ddb_fail * p.redshift_stuck_per_hour as f64 / 60.0 * minutes)
            .min(clusters);
        self.redshift_stuck = (self.redshift_stuck
            - launch_ok * p.redshift_replaced_per_hour as f64 / 60.0 * minutes)
            .max(0.0);
    }
}
