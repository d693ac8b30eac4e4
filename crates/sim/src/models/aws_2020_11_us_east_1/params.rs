//! The November 2020 model's named parameters. AWS gave almost no numbers for this event (not
//! the fleet's size, the thread limit, the cache's lifetime nor buffer sizes): each is a
//! parameter with its unit, range and provenance; a value fitted to a reference time names it.

use crate::engine::time::{HOUR, MINUTE, SECOND};

crate::params! {
    /// Parameters of the November 2020 us-east-1 (Kinesis) model. Durations are milliseconds.
    pub struct Params;
    numbers {
    // ---------------------------------------------------------------- front-end fleet
    /// Front-end servers before the capacity addition (AWS: "many thousands of servers").
    frontend_servers: "servers" = 4_000, [10, 50_000], Assumed;
    /// Servers with a usable shard-map needed to carry the traffic, per mille of the fleet before the addition (fleets keep some headroom). The sources give no cause for CloudWatch's early recovery; its puts fail as Kinesis's requests do, so it recovers partly once the restarted servers carry more than half of them. Fitted so that happens at 5:47 PM [S1].
    servers_needed_permille: "‰" = 755, [1, 1_000], Fitted("5:47 PM [S1]");
    /// OS threads a front-end server uses besides its one thread per peer.
    base_threads: "threads" = 1_000, [0, 1_000_000], Assumed;
    /// The operating-system limit on threads per server (AWS did not disclose it). Fitted so the limit is crossed about halfway through the 2:44–3:47 AM addition [P].
    thread_limit: "threads" = 5_100, [1, 10_000_000], Fitted("halfway through the 2:44–3:47 AM addition [P]");
    /// Longest time an existing server takes to learn that a peer joined or left (AWS: "up to an hour").
    discovery_ms: "ms" = HOUR, [0, 6 * HOUR], Stated;
    /// Groups of servers that learn of membership changes at the same moment (their moments are spread over the discovery time by the seed).
    learning_cohorts: "cohorts" = 24, [1, 500], Assumed;
    /// How long the capacity addition takes to bring its servers in (AWS: 2:44 to 3:47 AM).
    capacity_addition_ms: "ms" = 63 * MINUTE, [0, 12 * HOUR], Stated;
    /// How long the precautionary removal of capacity takes (AWS did not say).
    capacity_removal_ms: "ms" = 60 * MINUTE, [0, 12 * HOUR], Assumed;
    /// How long a shard-map stays usable after a construction over the thread limit failed (the failed construction itself lasts until a restart). Fitted so the first alarms fire at 5:15 AM [Q].
    shard_map_ttl_ms: "ms" = 120 * MINUTE, [MINUTE, 24 * HOUR], Fitted("5:15 AM [Q]");
    // ---------------------------------------------------------------- restarts
    /// Servers the operators restart per hour (AWS: "a few hundred"). Fitted so Kinesis is fully normal at 10:23 PM [S2].
    restart_per_hour: "servers/h" = 310, [1, 100_000], Fitted("10:23 PM [S2]");
    /// Time for a restarted server to build its shard-map from its peers before it takes traffic. Fitted so the first restarted servers take traffic at 10:07 AM [S2], 28 minutes after the restart began.
    peer_build_ms: "ms" = 28 * MINUTE, [MINUTE, 12 * HOUR], Fitted("10:07 AM [S2]");
    /// Build time when servers bootstrap from the authoritative metadata store instead of their peers.
    metadata_build_ms: "ms" = 18 * MINUTE, [MINUTE, 12 * HOUR], Assumed;
    /// Servers that can build shard-maps at once without starving request processing; beyond it builds slow down and starved servers are judged unhealthy and removed, losing their progress. AWS: only "a few hundred" servers an hour could be restarted [Q]; 150 builds of the peer build time sustain about 320 an hour.
    build_concurrency: "servers" = 150, [1, 100_000], Assumed;
    /// How long a server starved by shard-map building keeps passing health checks before it is judged unhealthy and removed, losing its progress.
    unhealthy_grace_ms: "ms" = 10 * MINUTE, [SECOND, 6 * HOUR], Assumed;
    /// Servers per cell once the front end is cellularized: a server keeps threads only for its cell.
    cell_servers: "servers" = 500, [1, 50_000], Assumed;
    /// Servers in a separate, partitioned front-end fleet for CloudWatch (the announced fix).
    cloudwatch_fleet_servers: "servers" = 300, [1, 50_000], Assumed;
    // ---------------------------------------------------------------- dependents
    /// Minutes of undelivered CloudWatch metrics a Lambda host buffers before memory contention begins. Fitted so Lambda's errors begin at 6:15 AM [S1].
    lambda_buffer_headroom_min: "minutes" = 18, [1, 10_000], Fitted("6:15 AM [S1]");
    /// Further buffered minutes over which contention spreads to every host.
    lambda_buffer_spread_min: "minutes" = 60, [1, 10_000], Assumed;
    /// Share of invocations (per mille) that fail on a host under memory contention.
    lambda_error_peak_permille: "‰" = 300, [0, 1_000], Assumed;
    /// Minutes of undelivered analytics records the first Cognito web servers buffer before they block (the busiest fill their buffer first). Fitted so half the web servers are blocked, Cognito's errors having risen significantly, at 7:01 AM [S1].
    cognito_buffer_min: "minutes" = 21, [1, 10_000], Fitted("7:01 AM [S1]");
    /// Further buffered minutes over which every Cognito web server blocks: buffers fill at different paces from server to server, so Cognito fails mildly before it fails significantly (AWS: Cognito was impacted in the earlier part of the event [Q]).
    cognito_buffer_spread_min: "minutes" = 90, [1, 10_000], Assumed;
    /// How long the Cognito change (tolerate Kinesis errors) takes to reach every web server. Fitted so Cognito is normal at 2:18 PM [S1], four hours after it began deploying at 10:15 AM [S1].
    cognito_rollout_ms: "ms" = 4 * HOUR, [0, 24 * HOUR], Fitted("2:18 PM [S1]");
    /// Delivery attempts EventBridge makes within the time an ECS/EKS workflow waits for the event. Fitted so most ECS/EKS impact is over by 4:15 PM [S1].
    eventbridge_attempts: "attempts" = 12, [1, 100], Fitted("4:15 PM [S1]");
    /// How much faster a buffer of undelivered records drains than it filled, once Kinesis takes records again.
    buffer_drain_speedup: "×" = 2, [1, 1_000], Assumed;
    }
    choices {}
}

impl Params {
    fn check(&self) -> Result<(), String> {
        if self.learning_cohorts > self.frontend_servers {
            return Err("learning_cohorts must not exceed frontend_servers".into());
        }
        Ok(())
    }
}
