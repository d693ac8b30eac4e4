//! The window of opportunity: how long an intervention still helps. Asked from the inspector,
//! the intervention is applied at instants across the window, each a fork of the run on screen,
//! computed in slices with progress and Cancel; the panel shows, instant by instant, whether it
//! still changes the outcome, and its point of no return. Kept per run and intervention, so
//! asking again is instant.

use crate::compute::{Computation, Work};
use crate::playback::Playback;
use crate::presentation::Presentation;
use crate::runs::Runs;
use leptos::prelude::*;
use outage_sim::sweep::{Sweep, Sweeping, MOST_INSTANTS};
use outage_sim::SimTime;
use std::sync::Arc;

/// About how many instants a sweep of the whole window takes.
const INSTANTS: u64 = 120;

/// A finished sweep, for the run it forked (by digest) and the intervention's label.
#[derive(Clone)]
struct Found {
    digest: String,
    label: String,
    sweep: Arc<Sweep>,
}

/// The sweeps computed on this page, the one shown last.
#[derive(Clone, Copy)]
pub struct Opportunity {
    runs: Runs,
    computation: Computation,
    presentation: Presentation,
    found: RwSignal<Vec<Found>>,
    shown: RwSignal<Option<usize>>,
}

impl Opportunity {
    pub fn here() -> Self {
        expect_context()
    }

    pub fn new(runs: Runs, computation: Computation, presentation: Presentation) -> Self {
        Opportunity {
            runs,
            computation,
            presentation,
            found: RwSignal::new(Vec::new()),
            shown: RwSignal::new(None),
        }
    }

    /// Sweep `token` over the run on screen's whole window (or show the sweep already made).
    pub fn ask(&self, token: String, label: String) {
        let (runs, computation, presentation) = (self.runs, self.computation, self.presentation);
        let digest = runs.with_untracked(|r| r.digest());
        let known = self.found.with_untracked(|f| {
            f.iter()
                .position(|x| x.digest == digest && x.sweep.token == token)
        });
        if let Some(i) = known {
            self.shown.set(Some(i));
            presentation.say(summary(&self.found.with_untracked(|f| f[i].clone()), &runs));
            bring_into_view();
            return;
        }
        let base = runs.with_untracked(Arc::clone);
        let window = base.window();
        // Whole minutes, a multiple of five, so the window takes about `INSTANTS` instants.
        let minutes = window.ms() / 60_000;
        let every = (minutes / INSTANTS).div_ceil(5).max(1) * 5;
        let last = SimTime((minutes / every) * every * 60_000);
        debug_assert!(minutes / every < MOST_INSTANTS as u64);
        let sweeping = match Sweeping::new(base, &token, SimTime::ZERO, last, every) {
            Ok(s) => s,
            Err(e) => return presentation.say(format!("Not swept: {e}")),
        };
        let me = *self;
        let base = runs.with_untracked(Arc::clone);
        // The window at a coarse step first, then the minutes between the last instant that
        // still helps and the next: the point of no return to the minute.
        let done = Box::new(move |coarse: Sweep| {
            let refine = point_of_no_return(&coarse)
                .map(|p| (p.plus(60_000), p.plus(every * 60_000 - 60_000)))
                .filter(|(from, to)| every > 1 && to >= from && *to <= window);
            let finish = move |sweep: Sweep| {
                let f = Found {
                    digest,
                    label,
                    sweep: Arc::new(sweep),
                };
                presentation.say(summary(&f, &runs));
                me.found.update(|all| all.push(f));
                me.shown.set(Some(me.found.with_untracked(Vec::len) - 1));
                bring_into_view();
            };
            match refine.and_then(|(from, to)| Sweeping::new(base, &coarse.token, from, to, 1).ok())
            {
                Some(fine) => computation.compute(
                    Work::Sweep(
                        Box::new(fine),
                        Box::new(move |fine: Sweep| finish(merged(coarse, fine))),
                    ),
                    "Finding the point of no return to the minute…".into(),
                    String::new(),
                ),
                None => finish(coarse),
            }
        });
        computation.compute(
            Work::Sweep(Box::new(sweeping), done),
            "Applying it at every instant of the window…".into(),
            String::new(),
        );
    }
}

/// Two sweeps of one intervention over one run, as one, in time order.
fn merged(a: Sweep, b: Sweep) -> Sweep {
    let mut all: Vec<_> = a
        .instants
        .into_iter()
        .zip(a.outcomes)
        .chain(b.instants.into_iter().zip(b.outcomes))
        .collect();
    all.sort_by_key(|(at, _)| *at);
    let (instants, outcomes) = all.into_iter().unzip();
    Sweep {
        token: a.token,
        instants,
        outcomes,
        baseline: a.baseline,
    }
}

/// The panel has just been drawn below the inspector: bring it on screen.
fn bring_into_view() {
    request_animation_frame(|| {
        if let Some(panel) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector("section.opportunity").ok().flatten())
        {
            panel.scroll_into_view();
        }
    });
}

/// The sweep in a sentence: until when it still changes the outcome.
fn summary(f: &Found, runs: &Runs) -> String {
    let last = point_of_no_return(&f.sweep);
    let clock = |t| runs.with_scenario(|s| s.clock(t));
    match last {
        Some(t) => format!(
            "{} still changes the outcome if applied by {}; later, it changes nothing.",
            f.label,
            clock(t)
        ),
        None => format!("{} changes nothing at any instant of the window.", f.label),
    }
}

/// The last instant at which the fork changes any service's outcome.
fn point_of_no_return(sweep: &Sweep) -> Option<SimTime> {
    (0..sweep.instants.len())
        .rev()
        .find(|&i| sweep.changes_outcome(i))
        .map(|i| sweep.instants[i])
}

/// The panel: the last sweep made for the run on screen, instant by instant.
#[component]
pub fn WindowOfOpportunity() -> impl IntoView {
    let (o, runs, playback) = (Opportunity::here(), Runs::here(), Playback::here());
    let current = move || {
        let digest = runs.with(|r| r.digest());
        o.shown
            .get()
            .and_then(|i| o.found.with(|f| f.get(i).cloned()))
            .filter(|f| f.digest == digest)
    };
    move || {
        current().map(|f| {
            let s = &f.sweep;
            let n = s.instants.len();
            let window = runs.with_untracked(|r| r.window().ms()).max(1);
            let x = |t: SimTime| t.ms() as f64 * 1000.0 / window as f64;
            let end = |i: usize| s.instants.get(i + 1).map_or(1000.0, |t| x(*t));
            let cells = (0..n)
                .map(|i| {
                    let width = (end(i) - x(s.instants[i])).max(0.5);
                    let helps = s.changes_outcome(i);
                    let at = playback.clock_minutes(s.instants[i]);
                    let what = if helps { "changes the outcome" } else { "changes nothing" };
                    view! {
                        <rect class=if helps { "helps" } else { "too-late" } x=x(s.instants[i]) y="0" width=width height="10">
                            <title>{format!("{at}: {what}")}</title>
                        </rect>
                    }
                })
                .collect_view();
            let services: Vec<String> = runs.with_scenario(|sc| {
                sc.nodes()
                    .iter()
                    .filter_map(|n| s.last_changed(*n).map(|t| format!("{} until {}", n.name(), sc.clock(t))))
                    .collect()
            });
            let summary = summary(&f, &runs);
            let no_return = point_of_no_return(s).and_then(|t| s.instants.iter().position(|i| *i == t)).map(|i| {
                let at = end(i);
                view! { <line class="no-return" x1=at x2=at y1="-2" y2="12"></line> }
            });
            // The table behind the band, one row per instant, for a spreadsheet.
            let table = Arc::clone(&f.sweep);
            let download = move |_| {
                let (text, name) = runs.with_scenario(|sc| {
                    (table.csv(sc), format!("{}-{}-sweep.csv", sc.id(), table.token))
                });
                o.presentation.say(match crate::export::save_text(&text, "text/csv", &name) {
                    Some(()) => format!("Sweep saved as {name}."),
                    None => "The sweep could not be saved here.".into(),
                });
            };
            view! {
                <section class="panel opportunity" aria-label="Window of opportunity">
                    <h2>"Window of opportunity"</h2>
                    <p class="summary">{summary}</p>
                    <svg class="band" viewBox="0 -2 1000 14" preserveAspectRatio="none" role="img"
                        aria-label=format!("{n} instants; green where it still changes the outcome, grey where it is too late")>
                        {cells}{no_return}
                    </svg>
                    <p class="ends"><span>{playback.clock_minutes(SimTime::ZERO)}</span><span>{playback.clock_minutes(SimTime(window))}</span></p>
                    <p class="legend"><span class="key helps"></span>" still helps "<span class="key too-late"></span>" too late"</p>
                    <button type="button" on:click=download>"Download sweep as CSV"</button>
                    <details>
                        <summary>"Service by service"</summary>
                        <ul>{services.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}</ul>
                    </details>
                </section>
            }
        })
    }
}
