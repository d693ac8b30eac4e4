//! The DNS race of 20 October 2025 in us-east-1 (DynamoDB's record emptied by two DNS Enactors,
//! EC2's DWFM in congestive collapse, NLB's health checks failing over): what only this outage's
//! model shows. What every model shares (golden digest, seek and fork, chapters, challenges, the
//! work budget) is in `tests/every_model`.
//! `cargo test -p outage-sim --test aws_2025_10_us_east_1 [name]`.

#[path = "../common/mod.rs"]
mod common;
mod helpers;

mod chapters;
mod determinism;
mod fidelity;
mod flows;
mod mechanism_views;
mod operators;
mod race_by_pause;
mod what_if_dns_race;
mod what_if_ec2_recovery;
mod what_if_enactor_paused;
mod what_if_nlb_failover;
