//! Runs are computed in slices between frames, never in one long task: a slice steps the run a
//! few simulated intervals for at most a few milliseconds, then yields to the browser. While a
//! run is computed the page shows how far it has got and offers Cancel; the run on screen stays
//! as it is until the new one is complete, and Cancel leaves it untouched.

use crate::presentation::Presentation;
use crate::runs::Runs;
use leptos::prelude::*;
use outage_sim::run::Build;
use outage_sim::sweep::{Sweep, Sweeping};
use outage_sim::Inputs;
use std::time::Duration;

/// Wall-clock time one slice may take before yielding: short enough that input is answered
/// within a couple of frames, long enough that yielding costs little of the run's time.
const SLICE_MS: f64 = 8.0;

/// About how long a batch of steps between two readings of the clock takes, in milliseconds.
const BATCH_MS: f64 = 1.0;
/// Most steps in a batch (a step is ten simulated seconds).
const MAX_BATCH: usize = 512;

/// How often the progress shown is brought up to date, in milliseconds.
const PROGRESS_EVERY_MS: f64 = 250.0;

/// How long a run is computed before its progress and Cancel are shown. Most forks take less:
/// showing and hiding the bar for them would cost two redraws of the page and a flash.
const SHOW_PROGRESS_AFTER_MS: f64 = 200.0;

/// What to do to the run once it is shown (an intervention made while it was computed).
type Then = Box<dyn FnOnce() + Send + Sync>;

/// What a computation works on: inputs not started yet (building a large world is itself work,
/// so it is done in the first slice, not in the handler that asked), a run under way, or a
/// sweep of forks (the window of opportunity) and what to do with it once done.
pub enum Work {
    Start(outage_sim::Inputs),
    Build(Box<dyn Build>),
    Sweep(Box<Sweeping>, SweepDone),
    /// Computed, to be drawn.
    Finished(crate::runs::SharedRun),
}

/// What to do with a finished sweep.
pub type SweepDone = Box<dyn FnOnce(Sweep) + Send + Sync>;
/// What to do with a finished run computed aside (not to be shown).
pub type RunDone = Box<dyn FnOnce(crate::runs::SharedRun) + Send + Sync>;

/// Steps a run or a sweep, and says how far it has got.
trait Stepping {
    fn step(&mut self, steps: usize) -> Result<bool, String>;
    fn permille(&self) -> u32;
}

impl Stepping for Box<dyn Build> {
    fn step(&mut self, steps: usize) -> Result<bool, String> {
        self.as_mut().step(steps)
    }
    fn permille(&self) -> u32 {
        permille_done(self.as_ref())
    }
}

impl Stepping for Box<Sweeping> {
    fn step(&mut self, steps: usize) -> Result<bool, String> {
        self.as_mut().step(steps)
    }
    fn permille(&self) -> u32 {
        let (done, of) = self.progress();
        (done * 1000 / of.max(1)) as u32
    }
}

/// A run being computed, what to say when it is shown, and what to do to it then.
pub struct Job {
    work: Work,
    /// When the progress shown was last brought up to date (or, until it is shown, when the
    /// computation began).
    shown_at: f64,
    /// The progress to show once the run has taken `SHOW_PROGRESS_AFTER_MS`; `None` once shown.
    unshown: Option<Progress>,
    /// Steps taken between two readings of the clock, as the last slice found them.
    batch: usize,
    done_message: String,
    then: Vec<Then>,
    /// Where a run computed aside goes instead of the screen.
    aside: Option<RunDone>,
}

/// How far the run being computed has got, for the page to show.
#[derive(Clone, Debug, PartialEq)]
pub struct Progress {
    pub what: String,
    pub permille: u32,
    /// Whether Cancel is offered: not for the incident as it happened while nothing else is
    /// on screen (there would be nothing to go back to).
    pub cancellable: bool,
}

thread_local! {
    /// A share done (in thousandths) at which runs being computed stand still, for the browser
    /// tests: what a test does while a run is computed then happens however fast the machine is.
    static HOLD_AT: std::cell::Cell<u32> = const { std::cell::Cell::new(u32::MAX) };
}

/// Hold every run being computed once it reaches `permille` thousandths of its window, until
/// called again with a higher share (`u32::MAX` lets go). Only the browser tests call this.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hold_computing_for_test(permille: u32) {
    HOLD_AT.with(|h| h.set(permille));
}

fn permille_done(build: &dyn Build) -> u32 {
    let (at, end) = build.progress();
    (at.ms() * 1000 / end.ms().max(1)) as u32
}

fn now_ms() -> f64 {
    thread_local! {
        // Looked up once: a slice reads the clock often.
        static PERFORMANCE: Option<web_sys::Performance> =
            web_sys::window().and_then(|w| w.performance());
    }
    PERFORMANCE.with(|p| p.as_ref().map(|p| p.now()).unwrap_or(0.0))
}

/// The run being computed, if any: computed in slices, it replaces the run on screen once
/// complete, and says so.
#[derive(Clone, Copy)]
pub struct Computation {
    runs: Runs,
    presentation: Presentation,
    /// How far the run being computed has got, once it is shown.
    progress: RwSignal<Option<Progress>>,
    job: StoredValue<Option<Job>>,
    /// Which computation is current: a newer one, or Cancel, retires the slices of the last.
    generation: StoredValue<u64>,
}

impl Computation {
    /// The page's computation, provided by `open`.
    pub fn here() -> Self {
        expect_context()
    }

    pub fn new(runs: Runs, presentation: Presentation) -> Self {
        Computation {
            runs,
            presentation,
            progress: RwSignal::new(None),
            job: StoredValue::new(None),
            generation: StoredValue::new(0),
        }
    }

    /// Whether a run is being computed and its progress is shown (tracked).
    pub fn is_computing(&self) -> bool {
        self.progress.with(Option::is_some)
    }

    /// Compute `build` in slices; once complete it replaces the run on screen (Undo goes back)
    /// with `done_message`. A newer computation supersedes this one.
    pub fn compute(&self, work: Work, what: String, done_message: String) {
        self.compute_with(work, what, done_message, true);
    }

    /// `compute`, offering Cancel or not (see `Progress::cancellable`).
    pub fn compute_with(&self, work: Work, what: String, done_message: String, cancellable: bool) {
        self.start_job(work, what, done_message, cancellable, None);
    }

    /// Compute the run of `inputs` in slices, with its progress and Cancel, and give it to
    /// `done` instead of showing it (the run on screen stays).
    pub fn compute_aside(&self, inputs: Inputs, what: String, done: RunDone) {
        self.start_job(Work::Start(inputs), what, String::new(), true, Some(done));
    }

    fn start_job(
        &self,
        work: Work,
        what: String,
        done_message: String,
        cancellable: bool,
        aside: Option<RunDone>,
    ) {
        let generation = self.generation.get_value() + 1;
        self.generation.set_value(generation);
        let progress = Progress {
            what,
            permille: 0,
            cancellable,
        };
        // A bar already on screen (a run superseding another) changes at once; otherwise it
        // waits to see whether the run is quick.
        let unshown = if self.progress.with_untracked(Option::is_some) {
            self.progress.set(Some(progress));
            None
        } else {
            Some(progress)
        };
        self.job.set_value(Some(Job {
            work,
            shown_at: now_ms(),
            unshown,
            batch: 1,
            done_message,
            then: Vec::new(),
            aside,
        }));
        // The requests in flight stand still while the run is computed (see `open`).
        crate::map::animate_particles(false);
        schedule(*self, generation);
    }

    /// Do `then` to the run being computed once it is shown, or now if none is. What a person
    /// does while a run is computed applies to the run they asked for, not the one it replaces.
    pub fn when_computed(&self, then: impl FnOnce() + Send + Sync + 'static) {
        let mut then: Option<Then> = Some(Box::new(then));
        self.job.update_value(|job| {
            if let Some(job) = job.as_mut() {
                job.then.extend(then.take());
            }
        });
        if let Some(t) = then {
            t();
        }
    }

    /// Drop the run being computed; the run on screen is untouched. While the page has no run
    /// yet, it computes the incident as it happened instead.
    pub fn cancel(&self) {
        if self.job.with_value(Option::is_none) {
            return;
        }
        self.generation.update_value(|g| *g += 1);
        self.job.set_value(None);
        self.progress.set(None);
        if self.runs.with_untracked(|r| r.is_pending()) {
            self.compute_as_it_happened(
                "Cancelled: simulating the incident as it happened instead.",
            );
            return;
        }
        self.presentation
            .say("Cancelled: the run on screen is unchanged.");
        // Fields that asked for that run show the run on screen's values again.
        self.runs.refresh();
    }

    /// Compute the incident as it happened (the scenario's defaults), in slices.
    pub fn compute_as_it_happened(&self, message: &str) {
        let inputs = self
            .runs
            .with_scenario(|s| s.default_inputs(outage_sim::DEFAULT_SEED));
        let cancellable = !self.runs.with_untracked(|r| r.is_pending());
        self.compute_with(
            Work::Start(inputs),
            "Simulating the incident…".into(),
            String::new(),
            cancellable,
        );
        self.presentation.say(message);
    }

    /// Simulate `inputs` over the whole window, in slices, and show that run instead once it
    /// is complete (Undo goes back); `Err`: it cannot be simulated, and the run on screen stays.
    pub fn run_instead(&self, inputs: Inputs, message: String) -> Result<(), String> {
        if self
            .runs
            .with_untracked(|r| !r.is_pending() && *r.inputs() == inputs)
        {
            self.presentation.say("That is the run on screen already.");
            return Ok(());
        }
        // Refused now if it would be refused at all; the world itself is built in a slice.
        self.runs.with_scenario(|s| s.model.pending(s, &inputs))?;
        self.compute(
            Work::Start(inputs),
            "Simulating the whole window…".into(),
            message,
        );
        Ok(())
    }

    /// `run_instead`, saying why not if it cannot be.
    fn run_instead_or_say(&self, inputs: Inputs, message: &str) {
        if let Err(e) = self.run_instead(inputs, message.into()) {
            self.presentation.say(format!("Not run: {e}"));
        }
    }

    /// The same scenario with none of its scripted events: a sandbox to break by hand (Undo
    /// goes back to the run before).
    pub fn quiet_run(&self) {
        let mut inputs = self.runs.with_untracked(|r| r.inputs().clone());
        inputs.script.clear();
        self.run_instead_or_say(inputs, "A quiet run: nothing breaks until you break it.");
    }

    /// Back to the incident as it happened (the scenario's script, default parameters and
    /// seed), however many what-ifs came before; Undo returns to the last of them.
    pub fn as_it_happened(&self) {
        let inputs = self
            .runs
            .with_scenario(|s| s.default_inputs(outage_sim::DEFAULT_SEED));
        self.run_instead_or_say(inputs, "Back to the incident as it happened.");
    }
}

fn schedule(c: Computation, generation: u64) {
    set_timeout(move || slice(c, generation), Duration::ZERO);
}

/// While a test holds the run, look again a frame later rather than spin.
fn schedule_held(c: Computation, generation: u64) {
    set_timeout(move || slice(c, generation), Duration::from_millis(16));
}

fn slice(c: Computation, generation: u64) {
    if c.generation.get_value() != generation {
        return;
    }
    let Some(mut job) = c.job.try_update_value(Option::take).flatten() else {
        return;
    };
    if matches!(job.work, Work::Finished(_)) {
        return show(c, job);
    }
    let start = now_ms();
    let mut last = start;
    if let Work::Start(inputs) = &job.work {
        match c.runs.with_scenario(|s| s.model.start(s, inputs)) {
            Ok(b) => job.work = Work::Build(b),
            Err(e) => return failed(c, e),
        }
    }
    let build: &mut dyn Stepping = match &mut job.work {
        Work::Build(b) => b,
        Work::Sweep(sweep, _) => sweep,
        Work::Start(_) | Work::Finished(_) => return,
    };
    // Steps are taken in batches sized to about a millisecond, so the clock is read a few
    // dozen times a slice, not after every step (a step of a small run takes microseconds).
    let mut batch = job.batch;
    let hold_at = HOLD_AT.with(std::cell::Cell::get);
    let held = build.permille() >= hold_at;
    let outcome = if held {
        None
    } else {
        loop {
            match build.step(batch) {
                Ok(true) => break Some(Ok(())),
                Ok(false) => {
                    // Stop before a batch that would not fit: batches cost about what the last did.
                    let now = now_ms();
                    let took = now - last;
                    last = now;
                    if took < BATCH_MS / 2.0 {
                        batch = (batch * 2).min(MAX_BATCH);
                    } else if took > BATCH_MS * 2.0 {
                        batch = (batch / 2).max(1);
                    }
                    if now - start + took > SLICE_MS
                        || (hold_at != u32::MAX && build.permille() >= hold_at)
                    {
                        break None;
                    }
                }
                Err(e) => break Some(Err(e)),
            }
        }
    };
    let permille = build.permille();
    job.batch = batch;
    match outcome {
        None => {
            // A few times a second: each change repaints the page, which on a slow laptop costs
            // more than a slice.
            let now = now_ms();
            if let Some(mut p) = job
                .unshown
                .take_if(|_| now - job.shown_at >= SHOW_PROGRESS_AFTER_MS)
            {
                job.shown_at = now;
                p.permille = permille;
                c.progress.set(Some(p));
            } else if job.unshown.is_none() && now - job.shown_at >= PROGRESS_EVERY_MS {
                job.shown_at = now;
                c.progress.update(|p| {
                    if let Some(p) = p {
                        p.permille = permille;
                    }
                });
            }
            c.job.set_value(Some(job));
            if held {
                schedule_held(c, generation);
            } else {
                schedule(c, generation);
            }
        }
        Some(Ok(())) => {
            let build = match job.work {
                Work::Build(build) => build,
                Work::Sweep(sweep, done) => {
                    c.progress.set(None);
                    // What the sweep found is said by `done`, which knows what it was for.
                    match sweep.finish() {
                        Some(sweep) => done(sweep),
                        None => c.presentation.say("The sweep could not be completed."),
                    }
                    return;
                }
                Work::Start(_) | Work::Finished(_) => return,
            };
            let Some(rec) = build.finish() else {
                c.progress.set(None);
                c.presentation.say("The run could not be completed.");
                return;
            };
            // The run is drawn in a task of its own: finishing it and drawing it are each
            // about a slice's worth on a phone. It is being computed until it is drawn.
            job.work = Work::Finished(rec);
            c.job.set_value(Some(job));
            schedule(c, generation);
        }
        Some(Err(e)) => failed(c, e),
    }
}

/// The computed run replaces the one on screen, or goes where it was computed for.
fn show(c: Computation, job: Job) {
    let Work::Finished(rec) = job.work else {
        return;
    };
    c.progress.set(None);
    if let Some(done) = job.aside {
        return done(rec);
    }
    c.runs.show(rec);
    c.presentation.say(job.done_message);
    for then in job.then {
        then();
    }
}

/// The run being computed cannot be: the run on screen stays, or, while the page has none
/// yet, the incident as it happened is computed instead.
fn failed(c: Computation, e: String) {
    c.progress.set(None);
    if c.runs.with_untracked(|r| r.is_pending()) {
        c.presentation.set_link_notice(Some(link_not_simulated(&e)));
        c.compute_as_it_happened("");
        return;
    }
    c.presentation.say(format!("Not run: {e}."));
    c.runs.refresh();
}

/// What the page says when the run a link asks for cannot be simulated.
pub fn link_not_simulated(e: &str) -> String {
    format!("This link's run could not be simulated ({e}); showing the default run.")
}

/// What is being computed, how far it has got, and Cancel.
#[component]
pub fn Computing() -> impl IntoView {
    let c = Computation::here();
    // The pill is built once per computation and its progress changes in place: a Cancel
    // button rebuilt four times a second is hard to click on a slow laptop.
    let shown = Memo::new(move |_| {
        c.progress
            .with(|p| p.as_ref().map(|p| (p.what.clone(), p.cancellable)))
    });
    let permille = move || c.progress.with(|c| c.as_ref().map_or(0, |p| p.permille));
    move || {
        shown.get().map(|(what, cancellable)| {
            view! {
                // Said once, when the run starts: the share done is on the bar, for a screen
                // reader to ask for, not read out four times a second.
                <div class="computing" role="status" aria-live="polite">
                    <span>{what}" "<span aria-hidden="true">{move || format!("{}%", permille() / 10)}</span></span>
                    <progress max="1000" value=permille aria-label="Progress of the run being computed"></progress>
                    {cancellable.then(|| view! { <button type="button" on:click=move |_| c.cancel()>"Cancel"</button> })}
                </div>
            }
        })
    }
}
