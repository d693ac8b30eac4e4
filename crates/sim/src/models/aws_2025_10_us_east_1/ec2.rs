//! The EC2 launch path as customers see it: API admission (throttles), a DWFM host free to run
//! the launch workflow, placement on a leased droplet with room ("insufficient capacity"
//! otherwise), and instance lifecycle work (terminations) that DWFM must process before Network
//! Manager can propagate it. Demand that fails is retried by customers, so a backlog of launches
//! builds up during the outage and arrives when it ends.

use super::Ctx;
use super::Errors;
use super::EventKind;
use super::Service;
use super::{Params, RetryPolicy};
use crate::engine::log::EventId;
use crate::engine::time::{SimTime, MINUTE};

#[derive(Clone, Debug)]
pub struct Ec2 {
    /// Launches customers are still trying to make (retrying after failures).
    pub pending: f64,
    /// Terminations waiting for DWFM (no lease on the droplet yet).
    pub held_terminations: f64,
    pub throttled: bool,
    pub relax_started: Option<SimTime>,
    /// The throttles have just ramped back to normal (reported once, then cleared).
    pub relaxed: bool,
    /// How customers retry failed launches.
    pub retry: RetryPolicy,
    /// New instances the leased droplets still have room for.
    pub room: f64,
    /// Share of droplets leased at the previous tick (room follows the leases).
    last_leased: f64,
    /// Share of the launches admitted this tick that were placed.
    pub placed_share: f64,
    /// The operator action behind the current throttles.
    pub cause: Option<EventId>,
    // per-tick outputs
    pub demand: f64,
    /// Of `demand`, what the normal limits admit.
    pub within_normal: f64,
    pub admitted: f64,
    pub launched: f64,
    pub capacity_failed: f64,
    pub released_terminations: f64,
}

impl Ec2 {
    pub fn new(p: &Params) -> Ec2 {
        Ec2 {
            pending: 0.0,
            held_terminations: 0.0,
            throttled: false,
            relax_started: None,
            relaxed: false,
            retry: p.client_retry,
            room: room_capacity(p),
            last_leased: 1.0,
            placed_share: 1.0,
            cause: None,
            demand: 0.0,
            within_normal: 0.0,
            admitted: 0.0,
            launched: 0.0,
            capacity_failed: 0.0,
            released_terminations: 0.0,
        }
    }

    /// Launch requests admitted per minute by the API right now.
    pub fn api_limit(&self, now: SimTime, p: &Params) -> f64 {
        let normal = p.api_limit_per_min as f64;
        let low = p.api_throttled_limit_per_min as f64;
        match (self.throttled, self.relax_started) {
            (false, _) => normal,
            (true, None) => low,
            (true, Some(t0)) => {
                let ramp = p.api_relax_ramp_ms.max(1) as f64;
                let f = (now.since(t0) as f64 / ramp).min(1.0);
                low + (normal - low) * f
            }
        }
    }

    /// `ready`: share of the leased droplets whose DWFM host can run a launch workflow now
    /// (their room is the room a launch can use);
    /// `releasing`: share of the held-back lifecycle work that DWFM lets go ahead this tick.
    pub fn tick(
        &mut self,
        now: SimTime,
        dt: u64,
        leased_fraction: f64,
        ready: f64,
        releasing: f64,
        p: &Params,
    ) {
        let per_tick = dt as f64 / MINUTE as f64;
        // A droplet that loses its lease takes its room out of reach; one leased again brings
        // its room back. Launches go to whatever leased room is left, so they keep succeeding
        // while leases lapse until that room is used up.
        if leased_fraction < self.last_leased {
            self.room *= leased_fraction / self.last_leased;
        } else {
            self.room += room_capacity(p) * (leased_fraction - self.last_leased);
        }
        self.last_leased = leased_fraction;
        // Customers give up on a launch after their patience runs out.
        self.pending -= self.pending * (dt as f64 / p.launch_patience_ms as f64).min(1.0);
        let retrying = match self.retry {
            RetryPolicy::Immediate => {
                self.pending * (dt as f64 / p.launch_retry_ms as f64).min(1.0)
            }
            // Backoff: pending launches come back about once per base delay.
            RetryPolicy::Backoff | RetryPolicy::BackoffJitter => {
                self.pending * (dt as f64 / p.retry_base_ms as f64).min(1.0)
            }
        };
        let fresh = p.launches_per_min as f64 * per_tick;
        self.demand = fresh + retrying;
        let limit = self.api_limit(now, p) * per_tick;
        self.admitted = self.demand.min(limit);
        self.within_normal = self.demand.min(p.api_limit_per_min as f64 * per_tick);
        // Placement picks among droplets whose host can run the workflow now.
        self.launched = self
            .admitted
            .min(self.room.max(0.0) * ready.clamp(0.0, 1.0));
        self.room -= self.launched;
        self.placed_share = if self.admitted > 0.0 {
            self.launched / self.admitted
        } else if self.room > 0.0 && ready > 0.0 {
            1.0
        } else {
            0.0
        };
        self.capacity_failed = self.admitted - self.launched;
        let failed = self.demand - self.launched;
        self.pending = (self.pending - retrying + failed).max(0.0);
        if self.throttled
            && self.relax_started.is_some()
            && self.api_limit(now, p) >= p.api_limit_per_min as f64
        {
            self.throttled = false;
            self.relaxed = true;
        }
        // Terminations need DWFM to track the droplet; without a lease they wait.
        let terminations = p.terminations_per_min as f64 * per_tick;
        let done = terminations * leased_fraction;
        // A terminated instance frees its place on a leased droplet.
        self.room = (self.room + done).min(room_capacity(p) * leased_fraction);
        self.held_terminations += terminations - done;
        // Held-back work is released as the droplets it waits for get their leases back.
        let release = self.held_terminations * releasing.clamp(0.0, 1.0);
        self.held_terminations -= release;
        self.released_terminations = done + release;
    }

    /// Share of launch requests refused with "request limit exceeded" by the operators'
    /// throttle: of the requests the normal limits admit, those the current limit refuses.
    /// Customers' retries beyond the normal limits are refused in every run, outage or not
    /// (their accounts' own request limits), so they are not the API's impairment: AWS dates
    /// "request limit exceeded" from the deliberate throttling [S2].
    pub fn throttled_share(&self) -> f64 {
        if self.within_normal <= 0.0 {
            0.0
        } else {
            self.throttle_refused() / self.within_normal
        }
    }

    /// Launch requests this tick that the normal limits admit and the current limit refuses.
    pub fn throttle_refused(&self) -> f64 {
        self.within_normal - self.admitted.min(self.within_normal)
    }

    /// Operators throttle launch requests (with DWFM's intake).
    pub(crate) fn throttle(&mut self, by: EventId) {
        self.throttled = true;
        self.relax_started = None;
        self.cause = Some(by);
    }

    /// Operators begin relaxing the throttles: the limit ramps back to normal.
    pub(crate) fn relax(&mut self, now: SimTime, by: EventId) {
        if self.throttled && self.relax_started.is_none() {
            self.relax_started = Some(now);
        }
        self.cause = Some(by);
    }

    pub(crate) fn report(&mut self, cx: &mut Ctx) {
        if self.relaxed {
            self.relaxed = false;
            self.cause = Some(cx.log(Service::Ec2Api, EventKind::ThrottleLifted, self.cause));
        }
    }

    /// Share of launches that end with a working instance: placed, then connected.
    pub fn launch_ok(&self, disconnected: f64) -> f64 {
        self.placed_share * (1.0 - disconnected)
    }

    /// Launches fail without a leased droplet with room (or a DWFM host to run them) or, once
    /// placed, without connectivity; the larger of the two explains it. The API fails what its
    /// limit refuses.
    pub fn errors(
        &self,
        out: &mut Errors,
        disconnected: f64,
        dwfm_event: Option<EventId>,
        netmgr_event: Option<EventId>,
    ) {
        let launch_fail = 1.0 - self.launch_ok(disconnected);
        let cause = if 1.0 - self.placed_share >= disconnected {
            dwfm_event
        } else {
            netmgr_event
        };
        out[Service::Ec2Launch.index()] = (launch_fail, cause);
        out[Service::Ec2Api.index()] = (self.throttled_share(), self.cause);
    }
}

/// Room for new instances on the whole fleet when every droplet holds a lease.
fn room_capacity(p: &Params) -> f64 {
    p.launch_room_per_droplet as f64 * p.droplets as f64
}
