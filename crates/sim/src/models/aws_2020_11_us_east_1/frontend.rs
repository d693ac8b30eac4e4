//! The Kinesis front-end fleet. Every server keeps one OS thread per peer, so a server's thread
//! count grows with the fleet; a server learns of a peer joining or leaving up to an hour late.
//! A server over the OS thread limit cannot complete the construction of its shard-map, and the
//! failed construction does not resume when its thread count falls back under the limit: the
//! map it already holds stays usable for a while, then is useless and every request it takes
//! fails. Such a server stays broken until it is restarted, and a restarted server must build
//! its map before it takes traffic, competing with request processing: too many builds at once
//! starve servers, which are judged unhealthy and removed, losing their progress.

use super::{Ctx, EventKind, Params, Service};
use crate::engine::log::EventId;
use crate::engine::rng::Stream;
use crate::engine::time::{SimTime, HOUR, MINUTE};
use std::collections::VecDeque;

/// Servers that learn of membership changes at the same moment.
#[derive(Clone, Debug)]
pub struct Cohort {
    /// How long after a membership change this cohort learns of it.
    pub lag_ms: u64,
    /// Servers in service with a usable shard-map they can keep rebuilding.
    pub ok: f64,
    /// Servers in service whose shard-map construction failed over the limit: the map they
    /// hold still routes until it expires, and only a restart gives them a new one.
    pub unrebuilt: f64,
    /// When the construction of the `unrebuilt` servers' map failed.
    pub unrebuilt_since: Option<SimTime>,
    /// Servers in service whose shard-map is useless: every request they take fails.
    pub failed: f64,
    /// Fleet members this cohort knows of (itself included).
    pub known: f64,
    next_change: usize,
    /// Since when the cohort's thread count has been over the limit.
    pub over_since: Option<SimTime>,
}

/// A change of the fleet's membership, as peers will learn of it.
#[derive(Clone, Copy, Debug)]
struct Change {
    at: SimTime,
    servers: f64,
}

/// Servers being added or removed at a steady pace.
#[derive(Clone, Copy, Debug, Default)]
struct Ramp {
    left: f64,
    per_ms: f64,
}

impl Ramp {
    fn start(&mut self, servers: f64, over_ms: u64) {
        self.left += servers;
        self.per_ms = self.left / over_ms.max(1) as f64;
    }
    fn take(&mut self, dt: u64) -> f64 {
        let n = (self.per_ms * dt as f64).min(self.left);
        self.left -= n;
        if self.left < 1e-9 {
            self.left = 0.0;
        }
        n
    }
}

/// Restarted (or newly added) servers building their shard-map, out of service.
#[derive(Clone, Copy, Debug)]
struct Batch {
    servers: f64,
    progress_ms: f64,
    /// Restarted servers, rather than new capacity.
    restarted: bool,
}

#[derive(Clone, Debug)]
pub struct Frontend {
    /// Learning cohorts; the last is the fresh one: servers that joined or restarted, which
    /// learn the whole membership when they build their map.
    pub cohorts: Vec<Cohort>,
    changes: Vec<Change>,
    /// Servers in the fleet's membership.
    pub members: f64,
    adding: Ramp,
    removing: Ramp,
    builders: VecDeque<Batch>,
    /// Servers judged unhealthy and removed, waiting for a restart.
    pub removed: f64,
    /// Servers operators restart per hour (0: none).
    pub restart_per_hour: u64,
    pub metadata_bootstrap: bool,
    pub cellular: bool,
    /// Capacity of one server, in servers of the original size.
    pub server_size: f64,
    pub thread_limit: u64,
    /// Speed (per mille) at which shard-map builds progress: below 1000 they starve.
    pub build_speed_permille: u64,
    /// The latest event that explains servers failing.
    pub cause: Option<EventId>,
    addition_cause: Option<EventId>,
    exceeded: bool,
    restarts_serving: bool,
    starving: bool,
}

impl Frontend {
    pub fn new(p: &Params, seed: u64) -> Frontend {
        let mut rng = Stream::new(seed, super::MEMBERSHIP_STREAM);
        let n = p.learning_cohorts.max(1);
        let per = p.frontend_servers as f64 / n as f64;
        let members = p.frontend_servers as f64;
        let mut cohorts: Vec<Cohort> = (0..n)
            .map(|i| {
                // Moments spread over the discovery time: one per slice, jittered inside it.
                let slice = p.discovery_ms / n;
                let lag_ms = i * slice + rng.below(slice.max(1));
                Cohort::new(lag_ms, per, members)
            })
            .collect();
        cohorts.push(Cohort::new(0, 0.0, members));
        Frontend {
            cohorts,
            changes: Vec::new(),
            members,
            adding: Ramp::default(),
            removing: Ramp::default(),
            builders: VecDeque::new(),
            removed: 0.0,
            restart_per_hour: 0,
            metadata_bootstrap: false,
            cellular: false,
            server_size: 1.0,
            thread_limit: p.thread_limit,
            build_speed_permille: 1000,
            cause: None,
            addition_cause: None,
            exceeded: false,
            restarts_serving: false,
            starving: false,
        }
    }

    pub fn add_capacity(&mut self, servers: u64, by: EventId, p: &Params) {
        self.adding.start(servers as f64, p.capacity_addition_ms);
        self.addition_cause = Some(by);
    }

    pub fn remove_capacity(&mut self, servers: u64, p: &Params) {
        self.removing.start(servers as f64, p.capacity_removal_ms);
    }

    /// Fewer, larger servers: half as many, each with the capacity of two.
    pub fn consolidate(&mut self, now: SimTime) {
        self.server_size *= 2.0;
        for c in &mut self.cohorts {
            c.ok /= 2.0;
            c.unrebuilt /= 2.0;
            c.failed /= 2.0;
        }
        for b in &mut self.builders {
            b.servers /= 2.0;
        }
        self.removed /= 2.0;
        let gone = self.members / 2.0;
        self.change(now, -gone);
    }

    fn change(&mut self, at: SimTime, servers: f64) {
        self.members += servers;
        self.changes.push(Change { at, servers });
    }

    /// Threads a server of this cohort runs: a base, plus one per peer it knows of.
    pub fn threads(&self, c: &Cohort, p: &Params) -> u64 {
        let mut peers = (c.known - 1.0).max(0.0);
        if self.cellular {
            peers = peers.min(p.cell_servers.saturating_sub(1) as f64);
        }
        p.base_threads + peers.ceil() as u64
    }

    /// Most threads any server runs now.
    pub fn threads_max(&self, p: &Params) -> u64 {
        self.cohorts
            .iter()
            .filter(|c| c.ok + c.unrebuilt + c.failed > 0.0)
            .map(|c| self.threads(c, p))
            .max()
            .unwrap_or(p.base_threads)
    }

    /// Servers in service whose shard-map still routes (including maps that will expire).
    pub fn ok(&self) -> f64 {
        self.cohorts.iter().map(|c| c.ok + c.unrebuilt).sum()
    }
    pub fn failed(&self) -> f64 {
        self.cohorts.iter().map(|c| c.failed).sum()
    }
    pub fn building(&self) -> f64 {
        self.builders.iter().map(|b| b.servers).sum()
    }
    /// Servers in service whose map construction failed and whose old map still works (for now).
    pub fn unrebuilt(&self) -> f64 {
        self.cohorts.iter().map(|c| c.unrebuilt).sum()
    }

    /// Share of requests that fail: those that land on a server with a useless map, and those
    /// the servers with a usable one cannot carry (too few of them for the traffic).
    pub fn request_error_share(&self, p: &Params) -> f64 {
        let (ok, failed) = (self.ok(), self.failed());
        if ok <= 0.0 {
            return 1.0;
        }
        let needed = p.frontend_servers as f64 * p.servers_needed_permille as f64 / 1000.0;
        let carried = (ok * self.server_size / needed.max(1e-9)).min(1.0);
        1.0 - ok / (ok + failed) * carried
    }

    /// Share of the fleet that cannot route requests: a useless map, removed, or restarted
    /// and rebuilding one (new capacity still building is not counted).
    pub fn unable_share(&self) -> f64 {
        let restarting: f64 = self
            .builders
            .iter()
            .filter(|b| b.restarted)
            .map(|b| b.servers)
            .sum();
        let (ok, down) = (self.ok(), self.failed() + restarting + self.removed);
        if ok + down <= 0.0 {
            1.0
        } else {
            down / (ok + down)
        }
    }

    pub fn tick(&mut self, dt: u64, cx: &mut Ctx) {
        let (now, p) = (cx.now, cx.params);
        self.ramps(now, dt);
        self.learn(now);
        self.expire(now, p, cx);
        self.restart(dt);
        self.build(dt, p, cx);
    }

    /// The addition brings servers in, which build their maps; the removal takes the newest
    /// servers out first.
    fn ramps(&mut self, now: SimTime, dt: u64) {
        let added = self.adding.take(dt);
        if added > 0.0 {
            self.change(now, added);
            self.builders.push_back(Batch {
                servers: added,
                progress_ms: 0.0,
                restarted: false,
            });
        }
        let mut gone = self.removing.take(dt).min(self.members);
        if gone > 0.0 {
            self.change(now, -gone);
            let fresh = self.cohorts.len() - 1;
            gone -= take(&mut self.cohorts[fresh].failed, gone);
            gone -= take(&mut self.cohorts[fresh].unrebuilt, gone);
            gone -= take(&mut self.cohorts[fresh].ok, gone);
            for b in self.builders.iter_mut().rev() {
                gone -= take(&mut b.servers, gone);
            }
            gone -= take(&mut self.removed, gone);
            let rest: f64 = self
                .cohorts
                .iter()
                .map(|c| c.ok + c.unrebuilt + c.failed)
                .sum();
            if gone > 0.0 && rest > 0.0 {
                let keep = 1.0 - (gone / rest).min(1.0);
                for c in &mut self.cohorts {
                    c.ok *= keep;
                    c.unrebuilt *= keep;
                    c.failed *= keep;
                }
            }
            self.builders.retain(|b| b.servers > 1e-9);
        }
    }

    fn learn(&mut self, now: SimTime) {
        for c in &mut self.cohorts {
            while let Some(ch) = self.changes.get(c.next_change) {
                if ch.at.plus(c.lag_ms) > now {
                    break;
                }
                c.known += ch.servers;
                c.next_change += 1;
            }
        }
    }

    /// A cohort over the limit cannot complete its map: its servers keep the map they hold,
    /// which expires a lifetime after the failed construction, whether or not their thread
    /// count has fallen back under the limit since.
    fn expire(&mut self, now: SimTime, p: &Params, cx: &mut Ctx) {
        let limit = self.thread_limit;
        for i in 0..self.cohorts.len() {
            let threads = self.threads(&self.cohorts[i], p);
            let c = &mut self.cohorts[i];
            if threads <= limit {
                c.over_since = None;
            } else {
                c.over_since.get_or_insert(now);
                if !self.exceeded && c.ok > 0.0 {
                    self.exceeded = true;
                    self.cause = Some(cx.log(
                        Service::Frontend,
                        EventKind::ThreadLimitExceeded { threads, limit },
                        self.addition_cause,
                    ));
                }
                if c.ok > 0.0 {
                    c.unrebuilt += c.ok;
                    c.ok = 0.0;
                    c.unrebuilt_since.get_or_insert(now);
                }
            }
            let Some(since) = c.unrebuilt_since else {
                continue;
            };
            if now >= since.plus(p.shard_map_ttl_ms) {
                let servers = c.unrebuilt.round() as u64;
                c.failed += c.unrebuilt;
                c.unrebuilt = 0.0;
                c.unrebuilt_since = None;
                if servers > 0 {
                    self.cause = Some(cx.log(
                        Service::Frontend,
                        EventKind::ShardMapsUseless { servers, threads },
                        self.cause,
                    ));
                }
            }
        }
        if self.exceeded && self.cohorts.iter().all(|c| c.over_since.is_none()) {
            self.exceeded = false;
            let threads = self.threads_max(p);
            cx.log(
                Service::Frontend,
                EventKind::BackUnderLimit { threads, limit },
                self.cause,
            );
        }
    }

    /// Operators restart servers whose map is useless (those removed as unhealthy first), then
    /// those whose map construction failed and whose old map has yet to expire.
    fn restart(&mut self, dt: u64) {
        let mut want = self.restart_per_hour as f64 * dt as f64 / HOUR as f64;
        if want <= 0.0 {
            return;
        }
        let mut servers = take(&mut self.removed, want);
        want -= servers;
        fn failed(c: &mut Cohort) -> &mut f64 {
            &mut c.failed
        }
        fn unrebuilt(c: &mut Cohort) -> &mut f64 {
            &mut c.unrebuilt
        }
        for pick in [failed, unrebuilt] {
            let pool: f64 = self.cohorts.iter_mut().map(|c| *pick(c)).sum();
            if want <= 0.0 || pool <= 0.0 {
                continue;
            }
            let share = (want / pool).min(1.0);
            for c in &mut self.cohorts {
                let n = *pick(c) * share;
                *pick(c) -= n;
                servers += n;
                want -= n;
            }
        }
        if servers > 1e-9 {
            self.builders.push_back(Batch {
                servers,
                progress_ms: 0.0,
                restarted: true,
            });
        }
    }

    /// Builds progress at full speed up to the concurrency the fleet sustains; beyond it they
    /// slow, and starved servers are judged unhealthy and removed, losing their progress.
    fn build(&mut self, dt: u64, p: &Params, cx: &mut Ctx) {
        let n = self.building();
        let cap = p.build_concurrency as f64;
        let speed = if n <= cap { 1.0 } else { cap / n };
        self.build_speed_permille = (speed * 1000.0).round() as u64;
        let lost_share = ((1.0 - speed) * dt as f64 / p.unhealthy_grace_ms.max(1) as f64).min(1.0);
        let build_ms = if self.metadata_bootstrap {
            p.metadata_build_ms
        } else {
            p.peer_build_ms
        } as f64;
        let mut done = 0.0;
        for b in &mut self.builders {
            let lost = b.servers * lost_share;
            b.servers -= lost;
            self.removed += lost;
            b.progress_ms += dt as f64 * speed;
            if b.progress_ms >= build_ms {
                done += b.servers;
                b.servers = 0.0;
            }
        }
        self.builders.retain(|b| b.servers > 1e-9);
        let starving = lost_share > 0.0;
        if starving && !self.starving {
            self.cause = Some(cx.log(
                Service::Frontend,
                EventKind::BuildsStarved {
                    building: n.round() as u64,
                    sustainable: p.build_concurrency,
                },
                self.cause,
            ));
        }
        self.starving = starving;
        if done > 0.0 {
            let fresh = self.cohorts.len() - 1;
            let over = self.threads(&self.cohorts[fresh], p) > self.thread_limit;
            let c = &mut self.cohorts[fresh];
            if over {
                // Its map cannot complete, so it never passes its health check.
                self.removed += done;
            } else {
                c.ok += done;
                if !self.restarts_serving && self.restart_per_hour > 0 {
                    self.restarts_serving = true;
                    cx.log(
                        Service::Frontend,
                        EventKind::RestartedServing {
                            servers: done.round() as u64,
                        },
                        None,
                    );
                }
            }
        }
    }

    pub fn footprint(&self) -> u64 {
        (self.cohorts.len() * std::mem::size_of::<Cohort>()
            + self.changes.len() * std::mem::size_of::<Change>()
            + self.builders.len() * std::mem::size_of::<Batch>()) as u64
    }
}

impl Cohort {
    fn new(lag_ms: u64, servers: f64, members: f64) -> Cohort {
        Cohort {
            lag_ms,
            ok: servers,
            unrebuilt: 0.0,
            unrebuilt_since: None,
            failed: 0.0,
            known: members,
            next_change: 0,
            over_since: None,
        }
    }
}

/// Take up to `want` from `pool`; returns what was taken.
fn take(pool: &mut f64, want: f64) -> f64 {
    let n = want.min(*pool).max(0.0);
    *pool -= n;
    n
}

/// Minutes as a float, for buffers measured in minutes of records.
pub fn minutes(ms: u64) -> f64 {
    ms as f64 / MINUTE as f64
}
