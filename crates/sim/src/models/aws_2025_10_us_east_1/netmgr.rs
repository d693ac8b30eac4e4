//! EC2 Network Manager: propagates network state for new and terminated instances. Its queue is
//! FIFO with a fixed rate; work held back during the DWFM outage arrives at once when leases
//! return, and new instances wait behind it without connectivity.

use super::Ctx;
use super::Errors;
use super::EventKind;
use super::Params;
use super::Service;
use crate::engine::log::EventId;
use crate::engine::time::{MINUTE, SECOND};
use std::collections::VecDeque;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Work {
    NewInstance,
    Termination,
}

#[derive(Clone, Debug, Default)]
pub struct NetworkManager {
    queue: VecDeque<(Work, f64)>,
    pub backlog: f64,
    /// New instances whose network state has not propagated yet.
    pub unpropagated: f64,
    pub delay_ms: u64,
    /// The backlog has been reported and its end not yet.
    pub lagging: bool,
    /// Work propagated in the last tick.
    pub processed: f64,
    /// The latest event behind the propagation delay.
    pub cause: Option<EventId>,
}

impl NetworkManager {
    pub fn tick(&mut self, dt: u64, new_instances: f64, terminations: f64, p: &Params) {
        for (w, n) in [
            (Work::Termination, terminations),
            (Work::NewInstance, new_instances),
        ] {
            if n > 0.0 {
                self.queue.push_back((w, n));
                self.backlog += n;
                if w == Work::NewInstance {
                    self.unpropagated += n;
                }
            }
        }
        // Working through a large backlog is slower per item ("increased propagation latency
        // while it worked through the backlog").
        let knee = p.propagation_contention_knee.max(1) as f64;
        let rate = p.propagations_per_min as f64 * knee / (knee + self.backlog);
        let mut capacity = rate * dt as f64 / MINUTE as f64;
        let offered = capacity;
        while capacity > 0.0 {
            let Some((w, n)) = self.queue.front_mut() else {
                break;
            };
            let take = n.min(capacity);
            *n -= take;
            capacity -= take;
            self.backlog -= take;
            if *w == Work::NewInstance {
                self.unpropagated -= take;
            }
            if *n <= 1e-9 {
                self.queue.pop_front();
            }
        }
        self.processed = offered - capacity.max(0.0);
        if self.queue.is_empty() {
            self.backlog = 0.0;
            self.unpropagated = 0.0;
        }
        // A new instance arriving now waits for the whole backlog ahead of it.
        self.delay_ms = (self.backlog / rate * MINUTE as f64) as u64;
    }

    /// Share of new instances that launch without connectivity.
    pub fn disconnected_share(&self, p: &Params) -> f64 {
        let ok = p.propagation_ok_ms as f64;
        ((self.delay_ms as f64 - ok) / ok).clamp(0.0, 1.0)
    }

    /// Log the backlog once when propagation lags, and once when it is back to normal (with
    /// hysteresis, so a delay hovering at the threshold is not reported again and again).
    pub(crate) fn report(&mut self, dwfm_cause: Option<EventId>, cx: &mut Ctx) {
        let ok_ms = cx.params.propagation_ok_ms;
        let lagging = self.delay_ms > ok_ms;
        if lagging && !self.lagging {
            self.lagging = true;
            let delay_s = self.delay_ms / SECOND;
            self.cause = Some(cx.log(
                Service::NetworkManager,
                EventKind::PropagationBacklog { delay_s },
                dwfm_cause,
            ));
        } else if !lagging && self.lagging && self.delay_ms * 2 < ok_ms {
            self.lagging = false;
            self.cause = Some(cx.log(
                Service::NetworkManager,
                EventKind::PropagationNormal,
                self.cause,
            ));
        }
    }

    pub fn errors(&self, out: &mut Errors, p: &Params) {
        out[Service::NetworkManager.index()] = (self.disconnected_share(p), self.cause);
    }
}
