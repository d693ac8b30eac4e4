//! AWS's operators, as a response to what happens in the run rather than a timetable. Each
//! action AWS reports (outages.md §1.5–1.8) is declared once below: the condition that prompted
//! it, the parameter that holds the delay from that condition to the action (fitted to AWS's
//! time for it), and the intervention it is. A run where the condition never arises (a prevented
//! race) gets no response; a race made by hand gets the same responses as the incident.
//!
//! The operators watch at every fleet tick. A condition that holds prompts its response, due
//! after its delay; when it is due the condition is checked again (someone may have done the
//! work meanwhile) and the response is made, logged on its node as the operators', caused by
//! what prompted it. A response is made once per spell of its condition: it is prompted again
//! only after the condition has cleared.

use super::intervention::Intervention;
use super::region::Region;
use super::service::Service;
use super::Params;
use super::{Action, Ctx, EventKind};
use crate::engine::log::EventId;
use crate::engine::model::Listed;
use crate::engine::params::Choice;

/// Whether the operators respond (the choice parameter `operator_responses`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OperatorResponses {
    On,
    Off,
}

impl Listed for OperatorResponses {
    const ALL: &'static [OperatorResponses] = &[OperatorResponses::On, OperatorResponses::Off];
    fn id(self) -> &'static str {
        match self {
            OperatorResponses::On => "on",
            OperatorResponses::Off => "off",
        }
    }
}

impl Choice for OperatorResponses {
    fn label(self) -> &'static str {
        match self {
            OperatorResponses::On => "AWS's operators respond to what happens in the run",
            OperatorResponses::Off => "no operators: only your interventions act",
        }
    }
}

/// A condition of the run that prompts the operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Prompt {
    /// DynamoDB's regional record resolves to nothing.
    EmptyRecord,
    /// The regional record resolves to nothing and internal services still go through it.
    EmptyRecordForInternalServices,
    /// DWFM is in congestive collapse (logged, and not every droplet leased again).
    Collapse,
    /// Lambda reaches DynamoDB again but its SQS poller stays failed (2:24 AM [S1]).
    PollerStillFailed,
    /// Automatic AZ failover has taken NLB capacity out of service.
    CapacityFailedAway,
    /// Operators throttle EC2, and launches work again: every droplet leased, propagation normal.
    LaunchesWorkAgain,
    /// Operators turned NLB failover off, and EC2 has recovered: its throttles are back to
    /// normal, every droplet leased, propagation normal.
    Ec2Recovered,
}

/// One of the operators' actions: what prompts it, after which delay, what they do.
pub struct Response {
    pub prompt: Prompt,
    /// The delay from the prompt to the action (a parameter: AWS gave times, not delays).
    pub delay: fn(&Params) -> u64,
    pub what: Intervention,
    /// What the operators do, as the log says it.
    pub does: &'static str,
    /// What prompted it, as the log says it.
    pub to: &'static str,
}

/// The operators' actions, in the order AWS reports them (outages.md §1.8).
pub const RESPONSES: &[Response] = &[
    Response {
        prompt: Prompt::EmptyRecordForInternalServices,
        delay: |p| p.internal_workaround_after_ms,
        what: Intervention::InternalDnsWorkaround,
        does: "let STS and IAM reach DynamoDB around public DNS (temporary mitigation)",
        to: "the empty record",
    },
    Response {
        prompt: Prompt::EmptyRecord,
        delay: |p| p.dns_restore_after_ms,
        what: Intervention::RestoreRecord { endpoint: None },
        does: "restore DynamoDB's DNS records",
        to: "the empty record",
    },
    Response {
        prompt: Prompt::Collapse,
        delay: |p| p.dwfm_response_after_ms,
        what: Intervention::ThrottleDwfmIntake,
        does: "throttle DWFM intake and EC2 launch requests",
        to: "DWFM's collapse",
    },
    Response {
        prompt: Prompt::Collapse,
        delay: |p| p.dwfm_response_after_ms,
        what: Intervention::RestartDwfmHosts,
        does: "restart DWFM hosts one after another",
        to: "DWFM's collapse",
    },
    Response {
        prompt: Prompt::PollerStillFailed,
        delay: |p| p.sqs_restore_after_ms,
        what: Intervention::RestoreLambdaSqsPoller,
        does: "restore Lambda's SQS poller",
        to: "the poller still failed once Lambda works",
    },
    Response {
        prompt: Prompt::CapacityFailedAway,
        delay: |p| p.failover_off_after_ms,
        what: Intervention::SetNlbAutoFailover { enabled: false },
        does: "disable NLB automatic failover",
        to: "NLB's capacity loss",
    },
    Response {
        prompt: Prompt::LaunchesWorkAgain,
        delay: |p| p.throttle_relax_after_ms,
        what: Intervention::RelaxEc2Throttles,
        does: "begin relaxing EC2 throttles",
        to: "launches working again",
    },
    Response {
        prompt: Prompt::Ec2Recovered,
        delay: |p| p.failover_on_after_ms,
        what: Intervention::SetNlbAutoFailover { enabled: true },
        does: "re-enable NLB automatic failover",
        to: "EC2's recovery",
    },
];

const COUNT: usize = RESPONSES.len();

/// Where one response stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Stage {
    /// Waiting for its condition.
    Watching,
    /// Prompted: due at its delay, caused by the event that prompted it.
    Due(Option<EventId>),
    /// Made; prompted again only once its condition has cleared.
    Made,
}

/// The operators' state: where each response stands, and which they have made.
#[derive(Clone, Debug)]
pub struct Responder {
    stages: [Stage; COUNT],
    made: [bool; COUNT],
}

impl Default for Responder {
    fn default() -> Self {
        Responder {
            stages: [Stage::Watching; COUNT],
            made: [false; COUNT],
        }
    }
}

impl Responder {
    /// The operators have made this response in the run.
    fn made(&self, what: &Intervention) -> bool {
        RESPONSES
            .iter()
            .zip(self.made)
            .any(|(r, made)| made && r.what == *what)
    }
}

impl Prompt {
    /// Whether the condition holds, and the event that explains it.
    fn holds(self, r: &Region) -> Option<Option<EventId>> {
        let regional = super::Endpoint::Regional.index();
        let launches_work = r.dwfm.all_leased() && !r.netmgr.lagging;
        let latest = |a: Option<EventId>, b: Option<EventId>| a.max(b);
        let held = match self {
            Prompt::EmptyRecord => !r.regional_resolves(),
            Prompt::EmptyRecordForInternalServices => {
                !r.regional_resolves() && !r.caches.bypassed(Service::Sts)
            }
            Prompt::Collapse => r.dwfm.collapse_seen().is_some(),
            Prompt::PollerStillFailed => {
                r.deps.sqs_poller_failed && r.caches.failing(Service::Lambda) == 0.0
            }
            Prompt::CapacityFailedAway => r.nlb.failed_over() && r.nlb.auto_failover,
            Prompt::LaunchesWorkAgain => {
                r.operators.made(&Intervention::ThrottleDwfmIntake)
                    && r.ec2.throttled
                    && r.ec2.relax_started.is_none()
                    && launches_work
            }
            Prompt::Ec2Recovered => {
                r.operators
                    .made(&Intervention::SetNlbAutoFailover { enabled: false })
                    && !r.nlb.auto_failover
                    && !r.ec2.throttled
                    && launches_work
            }
        };
        held.then(|| match self {
            Prompt::EmptyRecord | Prompt::EmptyRecordForInternalServices => {
                r.dns.emptied_event[regional]
            }
            Prompt::Collapse => r.dwfm.collapse_seen(),
            Prompt::PollerStillFailed => r.deps.sqs_cause,
            Prompt::CapacityFailedAway => r.nlb.cause,
            // Launches work again with the later of the two recoveries.
            Prompt::LaunchesWorkAgain => latest(r.dwfm.cause, r.netmgr.cause),
            Prompt::Ec2Recovered => latest(r.ec2.cause, latest(r.dwfm.cause, r.netmgr.cause)),
        })
    }
}

/// The operators look at the run (every fleet tick): a condition that has arisen prompts its
/// response, due after its delay; a response made waits for its condition to clear.
pub(crate) fn watch(region: &mut Region, cx: &mut Ctx) {
    if cx.params.operator_responses == OperatorResponses::Off {
        return;
    }
    for (k, response) in RESPONSES.iter().enumerate() {
        let holds = response.prompt.holds(region);
        match (region.operators.stages[k], holds) {
            (Stage::Watching, Some(cause)) => {
                region.operators.stages[k] = Stage::Due(cause);
                cx.after((response.delay)(cx.params), Action::Respond(k as u8));
            }
            (Stage::Made, None) => region.operators.stages[k] = Stage::Watching,
            _ => {}
        }
    }
}

/// A response falls due: made if its condition still holds, logged as the operators', caused
/// by what prompted it; otherwise the operators go back to watching for it.
pub(crate) fn respond(region: &mut Region, k: usize, cx: &mut Ctx) {
    let Some(response) = RESPONSES.get(k) else {
        return;
    };
    let Stage::Due(cause) = region.operators.stages[k] else {
        return;
    };
    if response.prompt.holds(region).is_none() {
        region.operators.stages[k] = Stage::Watching;
        return;
    }
    let by = cx.log(
        response.what.node(),
        EventKind::Response {
            does: response.does,
            to: response.to,
        },
        cause,
    );
    response.what.apply(region, by, cx);
    region.operators.stages[k] = Stage::Made;
    region.operators.made[k] = true;
}
