//! What holds for every outage the build carries, checked once over the registry: golden
//! digests, seek, cursor and fork against straight runs, the chapters' claims, the challenges
//! (met by an intervention that works, not by one that does not), the work budget, the
//! catalogue, the callouts, the mechanism views, the parameters' provenance and what each offered intervention reads back
//! as. A new model is covered by adding it to
//! `common::for_every_model` and giving it a golden digest and its challenges' tries.
//! `cargo test -p outage-sim --test every_model`.

#[path = "../common/mod.rs"]
mod common;

mod boundaries;
mod budget;
mod callouts;
mod catalogue;
mod challenges;
mod chapters;
mod determinism;
mod interventions;
mod mechanism_views;
mod narration;
mod provenance;
mod sources;
