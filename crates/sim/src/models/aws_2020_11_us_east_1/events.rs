//! What the November 2020 model's log records, in words and in the digest's encoding.

use crate::engine::model::Event;

crate::events! {
    // Tag numbers are part of the digest's definition: a new event takes a new number, and no
    // number is ever reused. Retired: 1, 2 and 10 (an intervention, a change of health, an
    // incident: the engine writes those, see `EntryKind`).
    pub enum EventKind {
        /// The first servers to learn of enough new peers pass the OS thread limit.
        ThreadLimitExceeded { threads: u64, limit: u64 } = 3 => "thread limit",
        /// A cohort's shard-maps expired without a new one completing: its servers cannot route.
        ShardMapsUseless { servers: u64, threads: u64 } = 4,
        /// Every server is back under the thread limit (it does not mend broken maps).
        BackUnderLimit { threads: u64, limit: u64 } = 5,
        /// More servers build shard-maps at once than request processing can spare.
        BuildsStarved { building: u64, sustainable: u64 } = 6 => "builds starve",
        /// The first restarted servers completed their map and take traffic.
        RestartedServing { servers: u64 } = 7 => "restarts serve",
        LambdaMemoryContention { buffered_min: u64 } = 8,
        /// The first Cognito web servers (the busiest) block on a full buffer.
        CognitoBuffersFull { buffered_min: u64 } = 9,
    }
}

impl Event for EventKind {
    fn describe(&self, who: &str) -> String {
        match self {
            EventKind::ThreadLimitExceeded { threads, limit } => format!(
                "{who}: servers that learned of the new peers now need {threads} threads, over the OS limit of {limit}. Their shard-map cache can no longer complete."
            ),
            EventKind::ShardMapsUseless { servers, threads } => format!(
                "{servers} front-end servers ({threads} threads each) hold a shard-map that could not be rebuilt: it is useless, and they cannot route requests to the back-end."
            ),
            EventKind::BackUnderLimit { threads, limit } => format!(
                "Every front-end server is back under the thread limit ({threads} of {limit}); servers whose map already failed stay broken until restarted."
            ),
            EventKind::BuildsStarved { building, sustainable } => format!(
                "{building} servers are building shard-maps at once, more than the {sustainable} request processing can spare: starved servers are judged unhealthy and removed, losing their progress."
            ),
            EventKind::RestartedServing { servers } => format!(
                "The first {servers} restarted front-end servers have built their shard-map and take traffic."
            ),
            EventKind::LambdaMemoryContention { buffered_min } => format!(
                "Lambda hosts hold {buffered_min} minutes of CloudWatch metrics they could not deliver: memory contention makes invocations fail."
            ),
            EventKind::CognitoBuffersFull { buffered_min } => format!(
                "The busiest Cognito web servers' Kinesis buffers are full ({buffered_min} minutes of records): a latent bug makes them block, and sign-ins they take fail. The others' buffers are filling."
            ),
        }
    }
}
