//! Every scenario's challenges are judged by the run the model computes: the incident's own run
//! meets none of them, nor does a quiet run (no trigger) or a fix of another mechanism; each is
//! met by an intervention a person is offered that works and not met by a near miss that changes
//! the run but not enough (found by the model, not listed in the scenario file). "Not yet" says
//! why with its figure, "Done" what did it.

use crate::common::*;
use outage_sim::model::{Intervene, Listed, Model};
use outage_sim::recording::Recording;
use outage_sim::Scenario;

/// One attempt at a challenge: these interventions (link tokens), in order, at one instant.
pub struct Try {
    pub challenge: usize,
    pub at: &'static str,
    pub does: &'static [&'static str],
    pub meets: bool,
    /// Why it does or does not meet the challenge.
    pub why: &'static str,
}

const fn tried(
    challenge: usize,
    at: &'static str,
    does: &'static [&'static str],
    meets: bool,
    why: &'static str,
) -> Try {
    Try {
        challenge,
        at,
        does,
        meets,
        why,
    }
}

/// Each scenario's tries: every challenge has one that meets it and one that does not.
pub const TRIES: &[(&str, &[Try])] = &[
    (
        "aws-2025-10-us-east-1",
        &[
            tried(
                0,
                "2025-10-19T23:40:00-07:00",
                &["enable.recheck-freshness"],
                true,
                "the fix before the race",
            ),
            tried(
                0,
                "2025-10-19T23:50:00-07:00",
                &["enable.recheck-freshness"],
                false,
                "too late: the record is already empty",
            ),
            tried(
                0,
                "2025-10-19T23:40:00-07:00",
                &["enable.queue-size-throttling"],
                false,
                "another mechanism: DWFM's throttling leaves the race to empty the record",
            ),
            tried(
                1,
                "2025-10-20T02:30:00-07:00",
                &["throttle-dwfm-intake", "restart-dwfm-hosts"],
                true,
                "throttle and restart at 2:30 AM",
            ),
            tried(
                1,
                "2025-10-20T02:30:00-07:00",
                &["throttle-dwfm-intake"],
                false,
                "a near miss: throttled, but the collapsed hosts are not restarted",
            ),
            tried(
                1,
                "2025-10-19T23:40:00-07:00",
                &["enable.recheck-freshness"],
                false,
                "another mechanism: preventing the race leaves no collapse to end",
            ),
            tried(
                2,
                "2025-10-20T05:40:00-07:00",
                &["nlb-failover.off"],
                true,
                "failover off at 5:40 AM",
            ),
            tried(
                2,
                "2025-10-20T05:40:00-07:00",
                &["relax-ec2-throttles"],
                false,
                "relaxing EC2's throttles does nothing for the flapping health checks",
            ),
            tried(
                3,
                "2025-10-20T02:30:00-07:00",
                &["restore-lambda-sqs-poller"],
                true,
                "poller restored at 2:30 AM",
            ),
            tried(
                3,
                "2025-10-20T03:50:00-07:00",
                &["restore-lambda-sqs-poller"],
                false,
                "a near miss: the poller restored at 3:50 AM cannot drain the backlog by 4:00",
            ),
            tried(
                3,
                "2025-10-19T23:40:00-07:00",
                &["enable.recheck-freshness"],
                false,
                "another mechanism: preventing the race leaves no failed poller",
            ),
            tried(
                2,
                "2025-10-19T23:40:00-07:00",
                &["enable.recheck-freshness"],
                false,
                "another mechanism: preventing the race leaves no backlog to flap on",
            ),
        ],
    ),
    (
        "aws-2020-11-us-east-1",
        &[
            tried(
                0,
                "2020-11-25T02:40:00-08:00",
                &["raise-thread-limit.10200"],
                true,
                "before the servers pass the limit",
            ),
            tried(
                0,
                "2020-11-25T06:00:00-08:00",
                &["raise-thread-limit.10200"],
                false,
                "too late: maps have already failed",
            ),
            tried(
                0,
                "2020-11-25T02:40:00-08:00",
                &["cloudwatch-own-fleet"],
                false,
                "another mechanism: CloudWatch's own fleet leaves Kinesis's past the limit",
            ),
            tried(
                1,
                "2020-11-25T05:20:00-08:00",
                &[
                    "bootstrap-from-metadata",
                    "larger-servers",
                    "restart-servers.450",
                ],
                true,
                "shorter builds from the metadata store, half as many servers to restart, at a pace the builds sustain",
            ),
            tried(
                1,
                "2020-11-25T05:20:00-08:00",
                &["restart-servers.100000"],
                false,
                "every server at once starves the builds",
            ),
            tried(
                1,
                "2020-11-25T05:20:00-08:00",
                &["restart-servers.300"],
                false,
                "a few hundred an hour is too slow",
            ),
            tried(
                2,
                "2020-11-25T02:40:00-08:00",
                &["cloudwatch-own-fleet"],
                true,
                "CloudWatch off the shared fleet",
            ),
            tried(
                2,
                "2020-11-25T02:40:00-08:00",
                &["mitigate-lambda-memory"],
                false,
                "Lambda's fix leaves CloudWatch on Kinesis",
            ),
            tried(
                2,
                "2020-11-25T02:40:00-08:00",
                &["raise-thread-limit.10200"],
                false,
                "another mechanism: preventing Kinesis's outage keeps CloudWatch on the shared fleet",
            ),
            tried(
                1,
                "2020-11-25T02:40:00-08:00",
                &["raise-thread-limit.10200"],
                false,
                "another mechanism: preventing the outage leaves nothing to recover from",
            ),
            tried(
                3,
                "2020-11-25T02:40:00-08:00",
                &["raise-thread-limit.10200"],
                false,
                "another mechanism: preventing Kinesis's outage does not make sign-in survive one",
            ),
            tried(
                3,
                "2020-11-25T02:40:00-08:00",
                &["cognito-tolerates-errors"],
                true,
                "Cognito no longer blocks on Kinesis",
            ),
            tried(
                3,
                "2020-11-25T02:40:00-08:00",
                &["backup-status-tool"],
                false,
                "the status page's tool mends no Cognito",
            ),
        ],
    ),
    (
        "aws-2011-04-us-east-1",
        &[
            tried(
                0,
                "2011-04-21T00:40:00-07:00",
                &["per-az-control-plane"],
                true,
                "the other zones keep their APIs",
            ),
            tried(
                0,
                "2011-04-21T00:40:00-07:00",
                &["remirror-backoff"],
                false,
                "another mechanism: backoff of re-mirroring leaves the first period's starved threads",
            ),
            tried(
                1,
                "2011-04-21T04:00:00-07:00",
                &["cut-cluster-off"],
                true,
                "the negotiations no longer reach the control plane",
            ),
            tried(
                1,
                "2011-04-21T04:00:00-07:00",
                &["remirror-backoff"],
                true,
                "backoff makes the negotiations rare",
            ),
            tried(
                1,
                "2011-04-21T04:00:00-07:00",
                &["disable-az-apis"],
                false,
                "a near miss: the zone's APIs disabled, the negotiations still brown the control plane out",
            ),
            tried(
                1,
                "2011-04-21T04:00:00-07:00",
                &["add-capacity.200"],
                false,
                "another mechanism: space trickling in over days leaves the negotiations",
            ),
            tried(
                2,
                "2011-04-21T01:00:00-07:00",
                &["remirror-backoff"],
                true,
                "fewer stuck",
            ),
            tried(
                2,
                "2011-04-21T01:00:00-07:00",
                &["add-capacity.200"],
                true,
                "space sooner",
            ),
            tried(
                2,
                "2011-04-21T01:00:00-07:00",
                &["disable-az-apis"],
                false,
                "containment mends no volume",
            ),
            tried(
                2,
                "2011-04-21T00:40:00-07:00",
                &["per-az-control-plane"],
                false,
                "another mechanism: a per-AZ control plane re-mirrors nothing",
            ),
        ],
    ),
];

/// The tries of scenario `s`.
pub fn tries_of(s: &Scenario) -> &'static [Try] {
    TRIES
        .iter()
        .find(|(id, _)| *id == s.id())
        .unwrap_or_else(|| panic!("{}: no tries of its challenges", s.id()))
        .1
}

/// `rec` forked at the try's instant with each of its interventions in turn.
pub fn forked<M: Model>(s: &Scenario, rec: &Recording<M>, tr: &Try) -> Recording<M> {
    let mut r = rec.clone();
    for token in tr.does {
        r = r.fork(t(s, tr.at), intervention::<M>(token)).expect("fork");
    }
    r
}

struct Challenges;

impl EveryModel for Challenges {
    fn check<M: Model>(&mut self, s: &Scenario) {
        let id = s.id();
        let rec = default_run::<M>(s);
        let n = s.file.challenges.len();
        assert!(n > 0, "{id} has challenges");
        assert_eq!(
            s.challenges_met(&rec),
            vec![false; n],
            "{id}: as it happened"
        );
        let params = &rec.inputs.params;
        let offered: Vec<String> = M::Node::ALL
            .iter()
            .flat_map(|node| M::Intervention::offered(*node, params))
            .map(|i| i.token())
            .collect();
        let tries = tries_of(s);
        for tr in tries {
            for token in tr.does {
                assert!(
                    is_offered(&offered, token),
                    "{id}: {token} is not offered on any node"
                );
            }
            let fork = forked(s, &rec, tr);
            let verdict = &s.judge_challenges(&fork)[tr.challenge];
            let name = format!(
                "{id} challenge {} ({}): {:?} at {}: {}",
                tr.challenge + 1,
                s.file.challenges[tr.challenge].title,
                tr.does,
                tr.at,
                tr.why
            );
            assert_eq!(verdict.met(), tr.meets, "{name}: {verdict:?}");
            let words = verdict.words();
            if tr.meets {
                // "Done" says what did it.
                let label = intervention::<M>(tr.does[0]).label();
                assert!(words.contains(&label), "{name}: {words}");
            } else {
                // A miss proves something only where the run changed.
                assert_ne!(
                    fork.digest(),
                    rec.digest(),
                    "{name}: the fork equals the incident"
                );
                // "Not yet" says why, with the figure to beat.
                assert!(
                    words.contains(" AM") || words.contains(" PM"),
                    "{name}: {words}"
                );
            }
        }
        // A quiet run, without the incident's trigger, meets none and says why.
        let mut quiet = rec.inputs.clone();
        quiet.script.clear();
        let quiet = run::<M>(s, quiet);
        let trigger = s
            .file
            .trigger
            .as_ref()
            .expect("a scenario with challenges names its trigger");
        for (i, v) in s.judge_challenges(&quiet).iter().enumerate() {
            assert!(
                !v.met() && v.words().contains(&trigger.what),
                "{id} challenge {} in a quiet run: {v:?}",
                i + 1
            );
        }
        for (i, c) in s.file.challenges.iter().enumerate() {
            let others = |tr: &&Try| tr.why.starts_with("another mechanism");
            assert!(
                tries.iter().filter(others).any(|tr| tr.challenge == i),
                "{id} challenge {} ({}): no try of another mechanism",
                i + 1,
                c.title
            );
            for meets in [true, false] {
                assert!(
                    tries
                        .iter()
                        .any(|tr| tr.challenge == i && tr.meets == meets),
                    "{id} challenge {} ({}): no try that {} it",
                    i + 1,
                    c.title,
                    if meets { "meets" } else { "misses" }
                );
            }
        }
    }
}

/// A person can pick the intervention: a node offers it, or offers its kind with another
/// number (the number is the person's to choose).
fn is_offered(offered: &[String], token: &str) -> bool {
    let kind_with_number = |t: &str| {
        t.split_once('.')
            .filter(|(_, n)| n.parse::<u64>().is_ok())
            .map(|(kind, _)| kind.to_string())
    };
    offered.iter().any(|o| o == token)
        || kind_with_number(token).is_some_and(|kind| {
            offered
                .iter()
                .any(|o| kind_with_number(o) == Some(kind.clone()))
        })
}

#[test]
fn each_challenge_is_met_by_an_intervention_that_works_and_not_by_one_that_does_not() {
    for_every_model(&mut Challenges);
}
