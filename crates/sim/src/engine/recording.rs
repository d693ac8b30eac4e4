//! A recorded run you can seek in: the log, per-minute samples, and checkpoints of the whole
//! world every few simulated minutes. The state at any instant is the nearest checkpoint run
//! forward (bounded work); a new intervention at `t` re-simulates only from the checkpoint
//! before `t`, keeping everything earlier.

use crate::engine::log::{Log, LogEntry};
use crate::engine::model::{check_script, Health, Listed, Model, Node, ParamSet, Timed};
use crate::engine::observe::View;
use crate::engine::time::{SimTime, MINUTE};
use crate::engine::world::{ModelLog, World};
use serde::Serialize;

/// Everything that determines a run.
#[derive(Clone, Debug)]
pub struct RunInputs<M: Model> {
    pub scenario: String,
    pub seed: u64,
    pub params: M::Params,
    pub script: Vec<Timed<M::Intervention>>,
}

impl<M: Model> PartialEq for RunInputs<M> {
    fn eq(&self, other: &Self) -> bool {
        self.scenario == other.scenario
            && self.seed == other.seed
            && self.params == other.params
            && self.script == other.script
    }
}

impl<M: Model> Eq for RunInputs<M> {}

impl<M: Model> RunInputs<M> {
    /// Parameters valid on their own and a script that names only what exists with them.
    pub fn check(&self, window: SimTime) -> Result<(), String> {
        self.params.validate()?;
        check_script::<M>(&self.script, window, &self.params)
    }
}

pub const CHECKPOINT_EVERY: u64 = 10 * MINUTE;

/// The most work a run may take (see `World::work`: one unit per event, plus each fleet tick's
/// cost). The default 2025 run takes about 360,000; extreme parameter combinations (every Route
/// 53 timing at its minimum, say) would take hundreds of millions and keep a browser tab busy
/// for minutes, so they are refused with a message instead: before the run when the model's
/// estimate is over, and while running the moment the work is.
pub const WORK_BUDGET: u64 = 3_000_000;

/// The most memory (bytes, as the model estimates its state) a run's checkpoints may hold
/// together: a browser tab must not be asked for gigabytes.
pub const MEMORY_BUDGET: u64 = 256 << 20;

#[derive(Clone, Debug)]
struct Checkpoint<M: Model> {
    world: World<M>,
    log_len: usize,
    samples_len: usize,
}

#[derive(Clone, Debug)]
pub struct Recording<M: Model> {
    pub inputs: RunInputs<M>,
    pub window: SimTime,
    checkpoints: Vec<Checkpoint<M>>,
    pub log: ModelLog<M>,
    pub samples: Vec<View<M::Gauges>>,
    pub end: World<M>,
}

/// Where a person last looked in a run: seeking forward from here is cheaper than from a
/// checkpoint.
#[derive(Clone, Debug)]
pub struct Cursor<M: Model> {
    inputs: RunInputs<M>,
    world: World<M>,
    log_len: usize,
}

/// A span during which a service was not healthy.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Impairment<N> {
    pub service: N,
    pub from: SimTime,
    /// `None`: still impaired at the end of the window.
    pub to: Option<SimTime>,
    pub worst: Health,
    /// The spans within it in which the service was down (`None` end: still down at the end).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub down: Vec<(SimTime, Option<SimTime>)>,
}

impl<M: Model> Recording<M> {
    /// Run `inputs` over a window of length `window`.
    pub fn run(window: SimTime, inputs: RunInputs<M>) -> Result<Recording<M>, String> {
        Recording::start(window, inputs)?.finish_now()
    }

    /// A run of `inputs` to compute a slice at a time (see `Building`).
    pub fn start(window: SimTime, inputs: RunInputs<M>) -> Result<Building<M>, String> {
        Self::may_start(window, &inputs)?;
        let world = World::new(inputs.params.clone(), inputs.seed);
        Ok(Building {
            rec: Recording {
                window,
                checkpoints: Vec::new(),
                log: Log::default(),
                samples: Vec::new(),
                end: world.clone(),
                inputs,
            },
            world,
            done: false,
            memory: 0,
        })
    }

    fn checkpoint_before(&self, t: SimTime) -> &Checkpoint<M> {
        let i = ((t.ms() / CHECKPOINT_EVERY) as usize).min(self.checkpoints.len() - 1);
        &self.checkpoints[i]
    }

    /// The world at instant `t` (clamped to the window).
    pub fn seek(&self, t: SimTime) -> World<M> {
        let t = t.min(self.window);
        let cp = self.checkpoint_before(t);
        self.advance(cp.world.clone(), cp.log_len, t).0
    }

    /// Run a world of this recording, whose log had `log_len` entries, forward to `t`; returns
    /// it with its log's length then.
    fn advance(&self, mut world: World<M>, log_len: usize, t: SimTime) -> (World<M>, usize) {
        let mut log = ModelLog::<M>::continuing(log_len);
        world.run_until(t, &self.inputs.script, &mut log, &mut Vec::new(), u64::MAX);
        (world, log_len + log.entries.len())
    }

    pub fn view_at(&self, t: SimTime) -> View<M::Gauges> {
        self.seek(t).view()
    }

    /// The view at `t`, continuing from where `cursor` last stood when that is closer than the
    /// checkpoint before `t`: dragging or playing forward then costs only the step. The cursor
    /// belongs to one run; handed one from another run it starts again from a checkpoint.
    pub fn view_with(&self, cursor: &mut Option<Cursor<M>>, t: SimTime) -> View<M::Gauges> {
        let t = t.min(self.window);
        let cp = self.checkpoint_before(t);
        let reuse = cursor
            .take()
            .filter(|c| c.inputs == self.inputs && c.world.now <= t && c.world.now > cp.world.now);
        let (world, log_len) = match reuse {
            Some(c) => (c.world, c.log_len),
            None => (cp.world.clone(), cp.log_len),
        };
        let (world, log_len) = self.advance(world, log_len, t);
        let view = world.view();
        *cursor = Some(Cursor {
            inputs: self.inputs.clone(),
            log_len,
            world,
        });
        view
    }

    /// A new run: the same inputs plus `what` at `t`, re-simulated only from the checkpoint
    /// before `t`. Later interventions of the script still happen.
    pub fn fork(&self, t: SimTime, what: M::Intervention) -> Result<Recording<M>, String> {
        self.start_fork(t, what)?.finish_now()
    }

    /// Whether `start` would begin this run (right scenario, a script within the window, a
    /// cost within the work budget), without building its world.
    pub fn may_start(window: SimTime, inputs: &RunInputs<M>) -> Result<(), String> {
        if inputs.scenario != M::ID {
            return Err(format!(
                "inputs are for scenario {:?}, not {:?}",
                inputs.scenario,
                M::ID
            ));
        }
        inputs.check(window)?;
        check_cost::<M>(&inputs.params, window)
    }

    /// `fork`, to compute a slice at a time.
    pub fn start_fork(&self, t: SimTime, what: M::Intervention) -> Result<Building<M>, String> {
        if t > self.window {
            return Err("that instant is after the end of the scenario".into());
        }
        let mut script = self.inputs.script.clone();
        let pos = script.partition_point(|x| x.at <= t);
        script.insert(pos, Timed::new(t, what));
        check_script::<M>(&script, self.window, &self.inputs.params)?;
        let i = ((t.ms() / CHECKPOINT_EVERY) as usize).min(self.checkpoints.len() - 1);
        let cp = &self.checkpoints[i];
        let rec = Recording {
            inputs: RunInputs {
                script,
                ..self.inputs.clone()
            },
            window: self.window,
            checkpoints: prefix(&self.checkpoints, i),
            log: Log::new(prefix(&self.log.entries, cp.log_len)),
            samples: prefix(&self.samples, cp.samples_len),
            end: cp.world.clone(),
        };
        let memory = self.checkpoints[..i]
            .iter()
            .map(|c| c.world.model.footprint())
            .sum();
        Ok(Building {
            rec,
            world: cp.world.clone(),
            done: false,
            memory,
        })
    }

    pub fn digest(&self) -> String {
        self.log.digest()
    }

    /// Log entries up to and including instant `t`.
    pub fn log_until(&self, t: SimTime) -> &[LogEntry<M::Node, M::Event>] {
        let n = self.log.entries.partition_point(|e| e.at <= t);
        &self.log.entries[..n]
    }

    /// "Why is this red?": the chain of causes behind the last time `svc` turned unhealthy at or
    /// before `t`, from that change back to its first cause; empty if it has not.
    pub fn why_unhealthy(&self, svc: M::Node, t: SimTime) -> Vec<&LogEntry<M::Node, M::Event>> {
        let last =
            self.log_until(t).iter().rev().find(|e| {
                e.node == svc && e.kind.health_now().is_some_and(|h| h != Health::Healthy)
            });
        last.map(|e| self.log.why(e.id)).unwrap_or_default()
    }

    /// Spans in which each service was degraded or down, from its health transitions.
    pub fn impairments(&self) -> Vec<Impairment<M::Node>> {
        // One pass over the log (the page asks for these whenever a run is shown), each node's
        // spans kept apart, then listed node by node.
        let n = M::Node::ALL.len();
        let mut open: Vec<Option<Impairment<M::Node>>> = vec![None; n];
        let mut closed: Vec<Vec<Impairment<M::Node>>> = vec![Vec::new(); n];
        for e in &self.log.entries {
            let Some(to) = e.kind.health_now() else {
                continue;
            };
            let i = e.node.index();
            match (&mut open[i], to) {
                (None, Health::Degraded | Health::Down) => {
                    open[i] = Some(Impairment {
                        service: e.node,
                        from: e.at,
                        to: None,
                        worst: to,
                        down: Vec::new(),
                    });
                }
                (Some(w), Health::Degraded | Health::Down) => w.worst = w.worst.max(to),
                (Some(w), Health::Healthy) => {
                    w.to = Some(e.at);
                }
                _ => {}
            }
            if let Some(w) = &mut open[i] {
                let down_open = w.down.last().is_some_and(|d| d.1.is_none());
                match (down_open, to) {
                    (false, Health::Down) => w.down.push((e.at, None)),
                    (true, Health::Degraded | Health::Healthy) => {
                        if let Some(d) = w.down.last_mut() {
                            d.1 = Some(e.at);
                        }
                    }
                    _ => {}
                }
                if w.to.is_some() {
                    closed[i].extend(open[i].take());
                }
            }
        }
        let mut out = Vec::new();
        for s in M::Node::ALL {
            let i = s.index();
            out.append(&mut closed[i]);
            out.extend(open[i].take());
        }
        // Flicker of a minute or two is one window, as a person reads the dashboard.
        let mut merged: Vec<Impairment<M::Node>> = Vec::new();
        for w in out {
            match merged.last_mut() {
                Some(last)
                    if last.service == w.service
                        && last.to.is_some_and(|to| w.from.since(to) <= 2 * MINUTE) =>
                {
                    last.to = w.to;
                    last.worst = last.worst.max(w.worst);
                    last.down.extend(w.down);
                }
                _ => merged.push(w),
            }
        }
        merged
    }

    /// `impairments`, each naming its node as a front end holds it.
    pub fn impairments_by_ref(&self) -> Vec<Impairment<crate::engine::model::NodeRef>> {
        self.impairments()
            .into_iter()
            .map(|w| Impairment {
                service: crate::engine::model::NodeRef::of(w.service),
                from: w.from,
                to: w.to,
                worst: w.worst,
                down: w.down,
            })
            .collect()
    }

    pub fn impairments_of(&self, s: M::Node) -> Vec<Impairment<M::Node>> {
        self.impairments()
            .into_iter()
            .filter(|w| w.service == s)
            .collect()
    }
}

/// How much simulated time `Building::step` advances at most: short, so that even a run of a
/// large fleet takes small steps a front end can fit between frames.
pub const STEP: u64 = 10 * crate::engine::time::SECOND;

/// A run being computed a `STEP` at a time, so a front end can show progress, stay
/// responsive between slices, and drop it to cancel: nothing of it is seen until it is
/// finished. (Stopping at any instant and going on is the same as not stopping: seeking relies
/// on it too.)
#[derive(Clone, Debug)]
pub struct Building<M: Model> {
    rec: Recording<M>,
    world: World<M>,
    done: bool,
    /// What the checkpoints taken so far hold (see `Model::footprint`).
    memory: u64,
}

impl<M: Model> Building<M> {
    /// Compute at most `steps` more `STEP`s; `Ok(true)` once the run is complete, `Err` if it
    /// went over its work or memory budget.
    pub fn step(&mut self, steps: usize) -> Result<bool, String> {
        for _ in 0..steps {
            if self.done {
                break;
            }
            self.advance()?;
        }
        Ok(self.done)
    }

    /// How far it has got: the simulated instant reached, and the window's end.
    pub fn progress(&self) -> (SimTime, SimTime) {
        (self.world.now, self.rec.window)
    }

    /// The finished run; `None` until `step` has said it is complete.
    pub fn finish(self) -> Option<Recording<M>> {
        self.done.then_some(self.rec)
    }

    fn finish_now(mut self) -> Result<Recording<M>, String> {
        while !self.step(usize::MAX)? {}
        let Building { rec, .. } = self;
        Ok(rec)
    }

    /// Take the checkpoint due now, then simulate a `STEP` (never past the next checkpoint or
    /// the end).
    fn advance(&mut self) -> Result<(), String> {
        let (rec, world) = (&mut self.rec, &mut self.world);
        let t = world.now;
        if t.ms().is_multiple_of(CHECKPOINT_EVERY)
            && rec.checkpoints.len() as u64 == t.ms() / CHECKPOINT_EVERY
        {
            rec.checkpoints.push(Checkpoint {
                world: world.clone(),
                log_len: rec.log.entries.len(),
                samples_len: rec.samples.len(),
            });
            self.memory += world.model.footprint();
            if self.memory > MEMORY_BUDGET {
                return Err(format!(
                    "these parameters make the run too large to simulate here: its state passed the memory budget of {} MB at {} into the window; try values nearer the defaults",
                    MEMORY_BUDGET >> 20,
                    elapsed(t)
                ));
            }
        }
        if t >= rec.window {
            rec.end = world.clone();
            self.done = true;
            return Ok(());
        }
        let next = SimTime(((t.ms() / CHECKPOINT_EVERY) + 1) * CHECKPOINT_EVERY)
            .min(t.plus(STEP))
            .min(rec.window);
        let within = world.run_until(
            next,
            &rec.inputs.script,
            &mut rec.log,
            &mut rec.samples,
            WORK_BUDGET,
        );
        if !within {
            return Err(format!(
                "these parameters make the run too large to simulate here: it passed the work budget of {WORK_BUDGET} steps at {} into the window; try values nearer the defaults",
                elapsed(world.now)
            ));
        }
        Ok(())
    }
}

/// Refuse, before running, parameters the model estimates would take more work than the
/// budget, naming the parameter that contributes most and which way to move it.
pub fn check_cost<M: Model>(params: &M::Params, window: SimTime) -> Result<(), String> {
    let costs = M::cost(params, window);
    let total: u64 = costs.iter().map(|c| c.work).sum();
    if total <= WORK_BUDGET {
        return Ok(());
    }
    let worst = costs.iter().max_by_key(|c| c.work);
    let hint = match worst {
        Some(c) => format!(
            "; most of it comes from {} ({} here): {} it",
            c.param,
            params
                .get(c.param)
                .map(|v| v.to_string())
                .unwrap_or_default(),
            if c.raise { "raise" } else { "lower" }
        ),
        None => String::new(),
    };
    Err(format!(
        "these parameters would make the run too large to simulate here (about {} steps of work, over the budget of {WORK_BUDGET}){hint}",
        total
    ))
}

/// "3 h 20 min": how far into the window an instant is.
fn elapsed(t: SimTime) -> String {
    let m = t.ms() / MINUTE;
    format!("{} h {:02} min", m / 60, m % 60)
}

/// The first `n` of `all`, with room for as many as `all` holds: a fork's log and samples end
/// up about as long as those of the run it forks from, and growing them from an exact-size copy
/// would copy them again at every doubling.
fn prefix<T: Clone>(all: &[T], n: usize) -> Vec<T> {
    let mut v = Vec::with_capacity(all.len());
    v.extend_from_slice(&all[..n]);
    v
}
