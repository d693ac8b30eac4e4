//! The services that depend on Kinesis, each with its own mechanism (outages.md §2.2):
//! CloudWatch puts metrics and logs through Kinesis, and its alarms and AutoScaling's reactive
//! policies read those metrics; Lambda hosts buffer undelivered metrics in memory until they
//! contend for it; Cognito web servers block once their Kinesis buffer is full, the busiest
//! first, so Cognito fails mildly before it fails significantly; EventBridge stores events
//! through Kinesis and ECS/EKS workflows wait for its deliveries; the status page's posting
//! tool signs in through Cognito, so it fails from Cognito's first errors ("the earlier part
//! of the event" [Q]) until the backup tool is used.

use super::frontend::minutes;
use super::{Ctx, EventKind, Params, Service};
use crate::engine::log::EventId;
use crate::engine::model::ErrorShares;
use crate::engine::time::SimTime;

#[derive(Clone, Debug, Default)]
pub struct Dependents {
    /// CloudWatch sends through its own, partitioned front-end fleet.
    pub cloudwatch_own_fleet: bool,
    /// Minutes of metrics a Lambda host holds undelivered.
    pub lambda_buffer_min: f64,
    pub lambda_mitigated: bool,
    /// Minutes of analytics records a Cognito web server holds undelivered.
    pub cognito_buffer_min: f64,
    /// When the change that lets Cognito tolerate Kinesis errors began to deploy.
    pub cognito_fix_since: Option<SimTime>,
    /// Share of Cognito web servers the change has reached.
    pub cognito_fix_share: f64,
    pub status_backup_tool: bool,
    lambda_cause: Option<EventId>,
    cognito_cause: Option<EventId>,
}

impl Dependents {
    /// `kinesis` is what Kinesis callers see, `cloudwatch` what CloudWatch sees (the same,
    /// unless it has its own front-end fleet).
    pub fn tick(
        &mut self,
        dt: u64,
        kinesis: (f64, Option<EventId>),
        cloudwatch: f64,
        cx: &mut Ctx,
    ) {
        let (now, p) = (cx.now, cx.params);
        // The first time a dependent fails, the log says why, caused by Kinesis's trouble, so
        // its errors from then on name that event.
        let mut explain = |cause: &mut Option<EventId>, error: f64, node, why| {
            if error > 0.0 && cause.is_none() {
                *cause = Some(cx.log(node, why, kinesis.1));
            }
        };
        let dt_min = minutes(dt);
        let cw = cloudwatch;
        if self.lambda_mitigated {
            self.lambda_buffer_min = 0.0;
        } else {
            self.lambda_buffer_min = fill(self.lambda_buffer_min, cw, dt_min, p);
            let buffered_min = self.lambda_buffer_min.round() as u64;
            let why = EventKind::LambdaMemoryContention { buffered_min };
            let error = self.lambda_error(p);
            explain(&mut self.lambda_cause, error, Service::Lambda, why);
        }
        self.cognito_buffer_min = fill(self.cognito_buffer_min, kinesis.0, dt_min, p);
        if let Some(since) = self.cognito_fix_since {
            let done = now.ms().saturating_sub(since.ms()) as f64;
            self.cognito_fix_share = (done / p.cognito_rollout_ms.max(1) as f64).min(1.0);
        }
        let buffered_min = self.cognito_buffer_min.round() as u64;
        let why = EventKind::CognitoBuffersFull { buffered_min };
        let error = self.cognito_error(p);
        explain(&mut self.cognito_cause, error, Service::Cognito, why);
    }

    /// Share of invocations that fail: hosts whose buffer is past the headroom contend for memory.
    pub fn lambda_error(&self, p: &Params) -> f64 {
        let hosts = past_headroom(
            self.lambda_buffer_min,
            p.lambda_buffer_headroom_min,
            p.lambda_buffer_spread_min,
        );
        hosts * p.lambda_error_peak_permille as f64 / 1000.0
    }

    /// Share of Cognito web servers blocked on a full buffer and not yet changed. Buffers fill at
    /// different paces, so the share blocked grows over the spread as the records back up:
    /// mild at first, significant (half of them) later.
    pub fn cognito_error(&self, p: &Params) -> f64 {
        let blocked = past_headroom(
            self.cognito_buffer_min,
            p.cognito_buffer_min,
            p.cognito_buffer_spread_min,
        );
        blocked * (1.0 - self.cognito_fix_share)
    }

    pub fn errors(
        &self,
        out: &mut ErrorShares,
        kinesis: (f64, Option<EventId>),
        cloudwatch: f64,
        p: &Params,
    ) {
        let cw = (cloudwatch, kinesis.1);
        out[Service::CloudWatch.index()] = cw;
        out[Service::AutoScaling.index()] = cw;
        out[Service::Lambda.index()] = (self.lambda_error(p), self.lambda_cause);
        let cognito = (self.cognito_error(p), self.cognito_cause);
        out[Service::Cognito.index()] = cognito;
        out[Service::EventBridge.index()] = kinesis;
        // An ECS/EKS workflow fails when every delivery attempt of the event it waits for does.
        let mut lost = 1.0;
        for _ in 0..p.eventbridge_attempts {
            lost *= kinesis.0;
        }
        out[Service::Ecs.index()] = (lost, kinesis.1);
        out[Service::StatusPage.index()] = if self.status_backup_tool {
            (0.0, None)
        } else {
            cognito
        };
    }
}

/// A buffer fills with the share of records that cannot be delivered and drains, faster, with
/// the share that can.
fn fill(buffer: f64, failing: f64, dt_min: f64, p: &Params) -> f64 {
    let grown = buffer + failing * dt_min;
    (grown - (1.0 - failing) * p.buffer_drain_speedup as f64 * dt_min).max(0.0)
}

/// Share of servers whose buffer is past its headroom: none at `headroom_min` minutes buffered,
/// every one `spread_min` minutes further.
fn past_headroom(buffered_min: f64, headroom_min: u64, spread_min: u64) -> f64 {
    let over = buffered_min - headroom_min as f64;
    (over / spread_min.max(1) as f64).clamp(0.0, 1.0)
}
