//! The April 2011 model's named parameters. AWS's summary could be read only in part: beyond
//! the 12:47 AM shift, "about 13%" of volumes stuck and 0.07% not restorable, every number here is a parameter with
//! its unit, range and provenance; a value fitted to a reference names it.

use crate::engine::time::{HOUR, MINUTE, SECOND};

crate::params! {
    /// Parameters of the April 2011 us-east-1 (EBS) model. Durations are milliseconds; shares
    /// are per mille of the affected cluster's volumes unless said otherwise.
    pub struct Params;
    numbers {
    // ---------------------------------------------------------------- the network change
    /// Share of the cluster's replication traffic the mistaken shift moved onto the secondary network.
    shifted_share_permille: "‰" = 120, [0, 1_000], Assumed;
    /// Share of the cluster's traffic the lower-capacity secondary network can carry ("not intended to handle the traffic level of the primary network").
    secondary_capacity_permille: "‰" = 40, [0, 1_000], Assumed;
    // ---------------------------------------------------------------- re-mirroring
    /// Free space in the cluster, in volumes' worth of replicas, per mille of its volumes.
    free_space_permille: "‰" = 50, [0, 1_000], Assumed;
    /// Volumes (per million) the cluster re-mirrors per minute while many re-mirror at once (normally one takes milliseconds): fast enough that the free space is "quickly exhausted" [Q] after the roll-back.
    remirrors_per_min_ppm: "ppm per minute" = 10_000, [1, 1_000_000], Assumed;
    /// How often a volume still searching for space searches again, without backoff.
    search_retry_ms: "ms" = 5 * SECOND, [100, 10 * MINUTE], Assumed;
    /// Longest interval between searches with backoff and jitter.
    backoff_cap_ms: "ms" = 10 * MINUTE, [SECOND, 6 * HOUR], Assumed;
    /// Searches per second (per mille of the volumes searching at once, see above) beyond which replication requests close concurrently in numbers that trip the race on the nodes.
    race_threshold_permille: "‰ per s" = 4, [1, 1_000_000], Assumed;
    /// Healthy volumes on nodes the storm's replication requests reach, which the race can fail. Fitted so about 13% of volumes are stuck at the peak [Q].
    race_exposed_permille: "‰" = 100, [0, 1_000], Fitted("about 13% stuck at the peak [Q]");
    /// Share (per million per minute) of those exposed volumes whose node the race fails, at twice the threshold's search rate.
    race_failures_ppm: "ppm per minute" = 5_000, [0, 1_000_000], Assumed;
    /// Share (per million) of the volumes that got stuck whose data cannot be restored in a consistent state: they never re-mirror. Fitted so 0.07% of the zone's volumes are lost, AWS's figure [Q].
    unrestorable_of_stuck_ppm: "ppm" = 5_400, [0, 1_000_000], Fitted("0.07% of the volumes [Q]");
    /// Storage capacity the operators add, per mille of the cluster's volumes.
    added_capacity_permille: "‰" = 200, [0, 2_000], Assumed;
    /// How long added capacity takes to arrive in full (hardware is brought in over days).
    capacity_delivery_ms: "ms" = 60 * HOUR, [MINUTE, 240 * HOUR], Assumed;
    // ---------------------------------------------------------------- control plane
    /// Threads of the region-wide EBS control plane.
    control_threads: "threads" = 400, [1, 1_000_000], Assumed;
    /// EBS API calls per minute across the region.
    api_calls_per_min: "per minute" = 12_000, [1, 10_000_000], Assumed;
    /// Share of the region's EBS API calls that concern the affected Availability Zone.
    az_share_permille: "‰" = 250, [0, 1_000], Assumed;
    /// Time a control-plane thread spends on a call to a healthy cluster.
    api_call_ms: "ms" = 500, [1, MINUTE], Assumed;
    /// Share of the affected AZ's EBS API calls that are CreateVolume, which a cluster without free capacity cannot serve [Q].
    create_volume_share_permille: "‰" = 200, [0, 1_000], Assumed;
    /// Time-out of a CreateVolume call into the cluster without free capacity (a "long time-out period" [Q]), during which it holds its thread. Fitted so the first period of API errors ends near 2:55 AM [SHD], CreateVolume being disabled in the zone at 2:40 AM.
    create_volume_timeout_ms: "ms" = 390 * SECOND, [SECOND, HOUR], Fitted("2:55 AM [SHD]");
    /// Re-mirroring negotiations per second (per mille of the cluster's volumes) that the control plane's database, shared with API traffic, serves besides it; beyond that it browns out. Fitted so the second period of API errors begins near 5:30 AM [U], an often-cited, unverified time.
    negotiations_absorbed_permille: "‰ per s" = 20, [1, 1_000_000], Fitted("5:30 AM [U]");
    // ---------------------------------------------------------------- RDS
    /// Share (per mille) of Multi-AZ databases whose primary was cut off and then stuck that hit the failover bug. Fitted so about 2.5% of the affected Multi-AZ databases needed manual intervention [S1].
    multi_az_bug_permille: "‰" = 800, [0, 1_000], Fitted("about 2.5% needing manual intervention [S1]");
    /// Time the monitoring agent takes to fail a Multi-AZ database over.
    failover_ms: "ms" = 3 * MINUTE, [SECOND, HOUR], Assumed;
    /// Databases the RDS team fails over by hand per hour once it starts.
    manual_failovers_per_hour_permille: "‰ per hour" = 5, [1, 1_000], Assumed;
    }
    choices {}
}

impl Params {
    fn check(&self) -> Result<(), String> {
        Ok(())
    }
}
