//! The October 2025 model's named parameters. Every number AWS did not state (droplet counts,
//! DWFM hosts, timeouts, TTLs, queue costs) lives here with its unit and a note, so the UI can
//! show it as a parameter rather than hide it as a constant, and a link can override it.

pub use super::operators::OperatorResponses;
use crate::engine::model::Listed;
use crate::engine::params::Choice;
use crate::engine::time::{HOUR, MINUTE, SECOND};
use serde::{Deserialize, Serialize};

/// How clients re-attempt failed work: the knob that makes thundering herds visible.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RetryPolicy {
    /// Re-queue at once: every timed-out item comes back together (a herd).
    Immediate,
    /// Exponential backoff, the same for everyone: herds arrive in synchronized waves.
    Backoff,
    /// Exponential backoff with full jitter: retries spread over the backoff window.
    BackoffJitter,
}

impl Listed for RetryPolicy {
    const ALL: &'static [RetryPolicy] = &[
        RetryPolicy::Immediate,
        RetryPolicy::Backoff,
        RetryPolicy::BackoffJitter,
    ];
    fn id(self) -> &'static str {
        match self {
            RetryPolicy::Immediate => "immediate",
            RetryPolicy::Backoff => "backoff",
            RetryPolicy::BackoffJitter => "backoff-jitter",
        }
    }
}

impl Choice for RetryPolicy {
    fn label(self) -> &'static str {
        match self {
            RetryPolicy::Immediate => "retry at once",
            RetryPolicy::Backoff => "exponential backoff",
            RetryPolicy::BackoffJitter => "exponential backoff with jitter",
        }
    }
}

crate::params! {
    /// Parameters of the October 2025 us-east-1 model. Durations are milliseconds.
    pub struct Params;
    numbers {
    // ---------------------------------------------------------------- DNS plan pipeline
    /// DNS Enactors, one per Availability Zone (AWS: three).
    enactors: "enactors" = 3, [1, 3], Stated;
    /// How often the DNS Planner issues a new plan generation.
    plan_interval_ms: "ms" = 12 * SECOND, [SECOND, 10 * MINUTE], Assumed;
    /// How often an idle Enactor looks for a newer plan.
    enactor_poll_ms: "ms" = 3 * SECOND, [100, 10 * MINUTE], Assumed;
    /// Time for one Route 53 transaction (one endpoint) when nothing is in the way.
    route53_txn_ms: "ms" = 600, [10, MINUTE], Assumed;
    /// Wait before an Enactor retries an endpoint blocked by another Enactor's transaction (jittered up to double).
    route53_retry_ms: "ms" = 1_500, [10, MINUTE], Assumed;
    /// Account-specific endpoints besides the regional, IPv6 and FIPS ones.
    account_endpoints: "endpoints" = 12, [0, 60], Assumed;
    /// Place of the regional endpoint in the order an Enactor applies a plan's endpoints (0: first; past the last: last); the IPv6, FIPS and account-specific endpoints keep their order around it. No source gives the order: assumed late, but not last. Late: AWS's delayed Enactor retried several endpoints before it wrote the regional one [Q], and an Enactor paused mid-plan then usually still holds the regional endpoint (for the first 10 of 15 transactions). Not last: clean-up runs the moment an Enactor's last transaction commits, so a regional endpoint written last would leave no moment between another Enactor writing it and cleaning up for the stale write AWS describes "at the same time" [Q]. The 10th place: with seed 1, pausing Enactor A while it holds the regional endpoint and resuming it after the others' clean-up then empties the record at every instant tried; at the 9th place never, at the 11th a third of the time.
    regional_endpoint_position: "position" = 9, [0, 62], Assumed;
    /// Plans more than this many generations older than the one just applied count as "significantly older" and are deleted by clean-up.
    cleanup_keep_generations: "generations" = 6, [1, 10_000], Assumed;
    /// Load-balancer IPs a plan puts in each endpoint's record.
    ips_per_record: "IPs" = 8, [1, 64], Assumed;
    /// Extra time each transaction of a delayed Enactor takes ("unusually high delays"). The scenario's trigger, an input, not an operator decision: chosen so the race empties the regional record at 11:48 PM [P]. The slowed Enactor waits this long before each endpoint, so it sends the regional endpoint its old plan after the ones ahead of it (regional_endpoint_position), about two minutes after the delay begins at 11:46:25 PM. 11.2 s empties the record between 11:48 and 11:49 PM in each of seeds 1 to 8, and anything from 11.1 to 11.7 s by 11:52 PM in 7 or 8 of them; 10% shorter empties it in half of them, 10% longer in none.
    enactor_delay_ms: "ms" = 11_200, [SECOND, 2 * HOUR], Fitted("11:48 PM [P]");
    // ---------------------------------------------------------------- resolvers
    /// TTL of a positive DNS answer in client resolver caches.
    dns_ttl_ms: "ms" = 60 * SECOND, [SECOND, 60 * MINUTE], Assumed;
    /// How long a client caches the empty answer before asking again. Chosen so DynamoDB's errors end at 2:40 AM [P], 15 minutes after its DNS was restored at 2:25 AM (customers resolve it as cached records expire, 2:25–2:40 AM [S2]); 10% longer ends them 5 minutes later.
    negative_ttl_ms: "ms" = 15 * MINUTE, [SECOND, 2 * HOUR], Fitted("2:40 AM [P]");
    /// Shortest negative TTL a client cache uses: each cache draws its own between this and negative_ttl_ms.
    negative_ttl_min_ms: "ms" = MINUTE, [SECOND, 2 * HOUR], Assumed;
    /// Resolver caches per client service (their refresh phases are spread by the seed).
    resolver_cohorts: "caches" = 32, [1, 1_000], Assumed;
    // ---------------------------------------------------------------- EC2 DWFM
    /// Physical servers (droplets) in the region.
    droplets: "droplets" = 40_000, [100, 2_000_000], Assumed;
    /// DWFM hosts; each manages an equal share of the droplets.
    dwfm_hosts: "hosts" = 8, [1, 1_000], Assumed;
    /// Shortest droplet lease (leases differ by droplet class).
    lease_ttl_min_ms: "ms" = 20 * MINUTE, [MINUTE, 24 * HOUR], Assumed;
    /// Longest droplet lease: all leases are gone this long after state checks start failing. Chosen so the last leases lapse at about 2:24 AM [S2] ("between 11:48 PM and about 2:24 AM ... slowly timed out").
    lease_ttl_max_ms: "ms" = 155 * MINUTE, [MINUTE, 24 * HOUR], Fitted("about 2:24 AM [S2]");
    /// Droplet classes per DWFM host, each with its own lease length, evenly spread from the shortest to the longest.
    lease_classes: "classes" = 16, [2, 64], Assumed;
    /// No lease made for this long while work is queued counts as congestive collapse.
    collapse_window_ms: "ms" = 5 * MINUTE, [10 * SECOND, 60 * MINUTE], Assumed;
    /// Share of droplets (per mille) leased again at which DWFM releases the lifecycle work it held back to Network Manager.
    release_threshold_permille: "‰" = 995, [1, 1_000], Assumed;
    /// Interval of the periodic DWFM state checks that renew leases ("every few minutes").
    state_check_interval_ms: "ms" = 5 * MINUTE, [10 * SECOND, 60 * MINUTE], Assumed;
    /// DWFM host work to establish one droplet lease on an idle host.
    lease_work_ms: "ms" = 150, [1, 60 * SECOND], Assumed;
    /// Queue length at which each lease attempt takes twice as long (contention).
    lease_contention_knee: "items" = 400, [1, 10_000_000], Assumed;
    /// A lease attempt not completed this long after it was queued has timed out and is re-queued.
    lease_work_timeout_ms: "ms" = 10 * MINUTE, [SECOND, 6 * HOUR], Assumed;
    /// First retry delay of backoff policies (doubles per attempt).
    retry_base_ms: "ms" = 2 * MINUTE, [SECOND, 60 * MINUTE], Assumed;
    /// Longest retry delay of backoff policies.
    retry_cap_ms: "ms" = 30 * MINUTE, [SECOND, 6 * HOUR], Assumed;
    /// Lease attempts per minute a DWFM host admits while its intake is throttled. Fitted so DWFM holds every lease again at 5:28 AM [S2]; 10% more or less moves that about 5 minutes.
    throttled_intake_per_min: "per host per minute" = 80, [1, 1_000_000], Fitted("5:28 AM [S2]");
    /// Time a DWFM host is out of service while it restarts.
    dwfm_restart_ms: "ms" = 3 * MINUTE, [SECOND, 60 * MINUTE], Assumed;
    /// Gap between selective restarts of successive DWFM hosts.
    dwfm_restart_stagger_ms: "ms" = 2 * MINUTE, [0, 60 * MINUTE], Assumed;
    // ---------------------------------------------------------------- EC2 API
    /// New instances a leased droplet has room for, on average. Launches go to leased droplets with room, so as leases lapse they keep succeeding until the leased room is used up ("insufficient capacity"), about when the last leases lapse (2:24 AM [S2]; AWS's launch window starts at 2:25 AM [P]). The later leases lapse, the less this matters.
    launch_room_per_droplet: "instances" = 6, [1, 1_000], Assumed;
    /// Customer RunInstances requests per minute in normal times.
    launches_per_min: "per minute" = 600, [1, 1_000_000], Assumed;
    /// Instance terminations per minute in normal times (each needs a network propagation).
    terminations_per_min: "per minute" = 550, [0, 1_000_000], Assumed;
    /// EC2 API launch requests admitted per minute normally.
    api_limit_per_min: "per minute" = 1_600, [1, 10_000_000], Assumed;
    /// EC2 API launch requests admitted per minute while operators throttle.
    api_throttled_limit_per_min: "per minute" = 250, [1, 10_000_000], Assumed;
    /// How long operators take to relax the EC2 throttles back to normal, once they begin. Fitted so all EC2 APIs are normal at 1:50 PM [P]; 10% longer or shorter moves that 8 minutes.
    api_relax_ramp_ms: "ms" = 150 * MINUTE, [0, 12 * HOUR], Fitted("1:50 PM [P]");
    /// How soon a customer retries a failed launch when retrying immediately.
    launch_retry_ms: "ms" = 15 * SECOND, [SECOND, 60 * MINUTE], Assumed;
    /// Longest a customer keeps retrying one launch before giving up.
    launch_patience_ms: "ms" = 4 * HOUR, [MINUTE, 24 * HOUR], Assumed;
    // ---------------------------------------------------------------- Network Manager
    /// Network-state propagations Network Manager completes per minute. Fitted so propagation is back to normal at 10:36 AM [P]; the end moves about 20 minutes per 1% of this rate.
    propagations_per_min: "per minute" = 2_010, [1, 10_000_000], Fitted("10:36 AM [P]");
    /// Backlog at which each propagation takes twice as long. Fitted with propagations_per_min so propagation is normal again at 10:36 AM [P].
    propagation_contention_knee: "items" = 100_000, [1, 100_000_000], Fitted("10:36 AM [P]");
    /// Propagation delay above which a new instance counts as lacking connectivity.
    propagation_ok_ms: "ms" = 3 * MINUTE, [SECOND, 60 * MINUTE], Assumed;
    // ---------------------------------------------------------------- NLB
    /// Fraction of new instances (per mille) that NLBs bring into service as targets.
    nlb_target_share_permille: "‰" = 500, [0, 1_000], Assumed;
    /// Health checks per minute the NLB health-check subsystem can run.
    health_check_capacity_per_min: "per minute" = 14_000, [1, 100_000_000], Assumed;
    /// Health checks per minute in normal times.
    health_check_base_per_min: "per minute" = 12_000, [0, 100_000_000], Assumed;
    /// Interval between health checks of one target.
    health_check_interval_ms: "ms" = 20 * SECOND, [SECOND, 10 * MINUTE], Assumed;
    /// Extra checks and DNS updates caused by one flapping target per minute.
    flap_cost_checks: "checks" = 20, [0, 10_000], Assumed;
    /// Health-check delay that triggers automatic AZ DNS failover. Fitted so NLB's connection errors begin near 5:30 AM [P].
    failover_delay_ms: "ms" = 20 * SECOND, [SECOND, 60 * MINUTE], Fitted("5:30 AM [P]");
    /// Share of capacity (per mille) one more minute of delayed checks fails away from multi-AZ NLBs.
    failover_step_permille: "‰ per minute" = 60, [1, 1_000], Assumed;
    /// Most capacity (per mille) AZ failover may remove; about one AZ of three.
    failover_max_permille: "‰" = 330, [0, 1_000], Assumed;
    /// How many times faster capacity fails back into service than failover removed it, once checks are timely.
    nlb_failback_multiple: "×" = 2, [1, 100], Assumed;
    /// With the announced velocity control, the most capacity (per mille) failover may remove.
    velocity_limit_permille: "‰" = 50, [0, 1_000], Assumed;
    // ---------------------------------------------------------------- dependents
    /// Minutes of failing DynamoDB calls after which Lambda's SQS poller fails for good.
    sqs_poller_fails_after_ms: "ms" = 10 * MINUTE, [SECOND, 12 * HOUR], Assumed;
    /// How much faster the restored SQS poller works through its backlog than messages arrive. Fitted so the backlog is fully processed near 6:00 AM [S1]; 3 instead of 4 takes 47 minutes longer.
    sqs_drain_speedup: "×" = 4, [2, 1_000], Fitted("6:00 AM [S1]");
    /// Lambda internal capacity (per mille) lost per minute while NLB capacity is failed away. Fitted with lambda_headroom_permille so under-scaling begins near 7:04 AM [U].
    lambda_capacity_loss_permille: "‰ per minute" = 5, [0, 1_000], Fitted("7:04 AM [U]");
    /// Spare internal capacity (per mille) Lambda normally holds: it is under-scaled only once the capacity lost exceeds it. With lambda_capacity_loss_permille, chosen so under-scaling begins near 7:04 AM [U]; 10% more or less moves that about 8 minutes (and Lambda's recovery about 22).
    lambda_headroom_permille: "‰" = 150, [0, 999], Fitted("7:04 AM [U]");
    /// Time constant of Lambda's internal capacity coming back while launches succeed. Fitted so Lambda is normal again at 2:15 PM [S1]; 10% longer or shorter moves that about 22 minutes.
    lambda_recovery_ms: "ms" = 240 * MINUTE, [MINUTE, 12 * HOUR], Fitted("2:15 PM [S1]");
    /// Share of Amazon Connect's requests (per mille) that run a Lambda function: Connect fails by that share of Lambda's errors. Fitted so Connect's availability is restored at 1:20 PM [S2]; 10% more or less moves that about 5 minutes.
    connect_lambda_share_permille: "‰" = 175, [0, 1_000], Fitted("1:20 PM [S2]");
    /// Redshift clusters whose credentials expire per hour while DynamoDB is unreachable.
    redshift_stuck_per_hour: "clusters per hour" = 180, [0, 1_000_000], Assumed;
    /// Redshift clusters whose hosts EC2 replaces per hour when launches work.
    redshift_replaced_per_hour: "clusters per hour" = 30, [0, 1_000_000], Assumed;
    /// Redshift clusters in the region.
    redshift_clusters: "clusters" = 2_000, [1, 10_000_000], Assumed;
    // ---------------------------------------------------------------- operators
    /// Delay from the regional record emptying to operators letting internal services (STS, IAM) reach DynamoDB around public DNS ("temporary mitigations" [S2]). Fitted to 1:15 AM [S2]: the record empties at 11:48 PM [P] (11:48:30 PM in the default run). AWS identified DynamoDB's DNS state as the source at 12:38 AM [Q].
    internal_workaround_after_ms: "ms" = 87 * MINUTE, [0, 16 * HOUR], Fitted("1:15 AM [S2]");
    /// Delay from the regional record emptying to operators restoring DynamoDB's DNS records (the inconsistent state "required manual operator intervention" [Q]). Fitted to 2:25 AM [S2], the record emptying at 11:48 PM [P].
    dns_restore_after_ms: "ms" = 157 * MINUTE, [0, 16 * HOUR], Fitted("2:25 AM [S2]");
    /// Delay from DWFM's congestive collapse to operators throttling its intake and beginning to restart its hosts ("no established operational recovery procedure" [Q]). Fitted to 4:14 AM [S2], from the collapse as the model detects it (2:51 AM in the default run; AWS gave no time for it, only that it followed DNS's return at 2:25 AM).
    dwfm_response_after_ms: "ms" = 83 * MINUTE, [0, 16 * HOUR], Fitted("4:14 AM [S2]");
    /// Delay from Lambda reaching DynamoDB again while its failed SQS poller does not recover (2:24 AM [S1]; 2:36 AM in the default run) to operators restoring the poller. Fitted to 4:40 AM [S2].
    sqs_restore_after_ms: "ms" = 123 * MINUTE, [0, 16 * HOUR], Fitted("4:40 AM [S2]");
    /// Delay from automatic AZ failover taking NLB capacity out of service (NLB's errors from 5:30 AM [P]; 5:34 AM in the default run) to operators disabling it. Fitted to 9:36 AM [S2]; monitoring detected the health-check failures at 6:52 AM [S2].
    failover_off_after_ms: "ms" = 242 * MINUTE, [0, 16 * HOUR], Fitted("9:36 AM [S2]");
    /// Delay from launches working again (every droplet leased and propagation normal: 10:36 AM [P]; 10:39 AM in the default run) to operators beginning to relax the EC2 throttles they put on. Fitted to 11:23 AM [S2].
    throttle_relax_after_ms: "ms" = 44 * MINUTE, [0, 16 * HOUR], Fitted("11:23 AM [S2]");
    /// Delay from EC2's recovery (its throttles back to normal: all EC2 APIs normal at 1:50 PM [P]; 1:53 PM in the default run) to operators re-enabling the NLB automatic failover they disabled ("after EC2 recovered" [S2]). Fitted to 2:09 PM [P].
    failover_on_after_ms: "ms" = 16 * MINUTE, [0, 16 * HOUR], Fitted("2:09 PM [P]");
    }
    choices {
        /// How clients re-attempt failed work (DWFM lease work and customer launches). AWS named retries as an amplifier but gave no policy.
        client_retry: RetryPolicy = RetryPolicy::Immediate, Assumed;
        /// Whether AWS's operators respond to what happens in the run: restore DNS after the record empties, throttle DWFM and restart its hosts after its collapse, disable NLB failover after its capacity loss, and so on, each after a delay fitted to AWS's time for it. Off, only your interventions act. AWS stated what its operators did and when [S2, P].
        operator_responses: OperatorResponses = OperatorResponses::On, Stated;
    }
}

impl Params {
    /// Cross-parameter checks a range cannot express.
    fn check(&self) -> Result<(), String> {
        if self.lease_ttl_min_ms > self.lease_ttl_max_ms {
            return Err("lease_ttl_min_ms must not exceed lease_ttl_max_ms".into());
        }
        if self.dwfm_hosts > self.droplets {
            return Err("every DWFM host needs at least one droplet".into());
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::model::ParamSet;

    #[test]
    fn setting_checks_names_and_ranges() {
        let mut p = Params::default();
        assert!(p.set("droplets", 1_000_000).is_ok());
        assert_eq!(p.overrides(), vec![("droplets", 1_000_000)]);
        assert!(p.set("droplets", 0).unwrap_err().contains("between"));
        assert!(p
            .set("no_such_thing", 1)
            .unwrap_err()
            .contains("no parameter"));
    }
}
