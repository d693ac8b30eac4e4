//! Health per node: the error share each mechanism reports, turned into a colour, with the
//! event that explains every change of colour.

use crate::log::{EventId, EventKind};
use crate::queue::Ctx;
use crate::service::{Health, Service, SERVICE_COUNT};

/// Per node: the share of its requests that fail, and the event that explains it.
pub type Errors = [(f64, Option<EventId>); SERVICE_COUNT];

/// The one among several causes with the largest share (the first on a tie).
pub fn worst(xs: &[(f64, Option<EventId>)]) -> (f64, Option<EventId>) {
    xs.iter()
        .copied()
        .fold((0.0, None), |a, b| if b.0 > a.0 { b } else { a })
}

#[derive(Clone, Debug)]
pub struct Board {
    pub error_bp: [u16; SERVICE_COUNT],
    pub health: [Health; SERVICE_COUNT],
    /// The health change each node last showed: what a dependent's failure points back to.
    changed_by: [Option<EventId>; SERVICE_COUNT],
    /// The share each node was last shown for (its bits): most events change few shares, and
    /// an unchanged share cannot change the colour.
    shown_share: [u64; SERVICE_COUNT],
}

impl Default for Board {
    fn default() -> Self {
        Board {
            error_bp: [0; SERVICE_COUNT],
            health: [Health::Healthy; SERVICE_COUNT],
            changed_by: [None; SERVICE_COUNT],
            shown_share: [0.0f64.to_bits(); SERVICE_COUNT],
        }
    }
}

impl Board {
    pub fn event(&self, s: Service) -> Option<EventId> {
        self.changed_by[s.index()]
    }

    pub(crate) fn update(&mut self, errors: &Errors, cx: &mut Ctx) {
        let (deg, down) = (cx.params.degraded_at_bp, cx.params.down_at_bp);
        for s in Service::ALL {
            let (share, cause) = errors[s.index()];
            if share.to_bits() == self.shown_share[s.index()] {
                continue;
            }
            self.shown_share[s.index()] = share.to_bits();
            let bp = (share.clamp(0.0, 1.0) * 10_000.0).round() as u16;
            let health = if bp as u64 >= down {
                Health::Down
            } else if bp as u64 >= deg {
                Health::Degraded
            } else {
                Health::Healthy
            };
            self.error_bp[s.index()] = bp;
            let from = self.health[s.index()];
            if health != from {
                self.health[s.index()] = health;
                let id = cx.log(
                    *s,
                    EventKind::HealthChanged {
                        from,
                        to: health,
                        error_bp: bp as u32,
                    },
                    cause,
                );
                self.changed_by[s.index()] = Some(id);
            }
        }
    }
}
