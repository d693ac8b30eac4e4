//! "Model and reality": each impairment AWS reported beside what this run simulates for the same
//! service, with the difference in minutes; a what-if shows how far it departs from the record.

use crate::playback::Playback;
use crate::runs::Runs;
use leptos::prelude::*;
use outage_sim::reality::{Boundary, Comparison, Tally};

/// One boundary's difference in words, marked ✗ outside its source's tolerance, and under it
/// what agreement there shows ("fitted: failover_delay_ms").
fn boundary(b: &Boundary) -> impl IntoView {
    let what = if b.end { "ends" } else { "starts" };
    let said = match b.offset_ms.map(|ms| ms / 60_000) {
        None if b.end => "still impaired at the end".to_string(),
        None => format!("{what}: not impaired"),
        Some(0) => format!("{what} on time"),
        Some(m) if m > 0 => format!("{what} {m} min later"),
        Some(m) => format!("{what} {} min earlier", -m),
    };
    let mark = if b.met() { "" } else { " ✗" };
    let class = b.basis.map(|basis| basis.describe()).unwrap_or_default();
    view! { <span class="boundary">{format!("{said}{mark}")}<small>{class}</small></span> }
}

fn difference(c: &Comparison) -> impl IntoView {
    if c.simulated.is_none() {
        return "not impaired in this run".into_any();
    }
    let [start, end] = c.boundaries();
    view! { {boundary(&start)}{boundary(&end)} }.into_any()
}

#[component]
pub fn Reality() -> impl IntoView {
    let (runs, playback) = (Runs::here(), Playback::here());
    // Compared only while the table is open: every new run would otherwise pay for it (the
    // run's impairments, a few milliseconds of each fork's redraw) with the panel closed.
    let open = RwSignal::new(false);
    // The run beside the record, and where it departs from it: computed once per run, and
    // only while the table is open.
    let found = Memo::new(move |_| {
        open.get().then(|| {
            runs.with_scenario(|s| {
                runs.with(|r| {
                    let rows = r.compare(s);
                    let departures = r.departures(s, &rows);
                    (rows, departures)
                })
            })
        })
    });
    // While two runs are compared, the compared run (A) beside the record too.
    let found_a = Memo::new(move |_| {
        if !open.get() {
            return None;
        }
        runs.with_against(|a| runs.with_scenario(|s| a.map(|a| a.compare(s))))
    });
    let tally_a = move || {
        found_a.with(|f| {
            f.as_ref()
                .map(|rows| format!("Run A: {}.", Tally::of(rows).describe()))
        })
    };
    let comparing = move || found_a.with(Option::is_some);
    let tally = move || {
        found.with(|f| {
            f.as_ref().map(|(rows, _)| {
                let words = Tally::of(rows).describe();
                format!("{}{}.", words[..1].to_uppercase(), &words[1..])
            })
        })
    };
    let rows = move || {
        let rows = found.with(|f| f.as_ref().map(|f| f.0.clone()).unwrap_or_default());
        let in_a = found_a.get();
        rows.into_iter()
            .enumerate()
            .map(|(i, c)| {
                let span = |a, b: Option<_>| playback.span_minutes(a, b);
                let reference = format!(
                    "{} [{}]",
                    span(c.reference.0, Some(c.reference.1)),
                    c.tags()
                );
                let simulated = c
                    .simulated
                    .map(|(a, b)| span(a, b))
                    .unwrap_or_else(|| "healthy".into());
                let a = in_a.as_ref().map(|rows| {
                    let a = rows
                        .get(i)
                        .and_then(|r| r.simulated)
                        .map(|(a, b)| span(a, b))
                        .unwrap_or_else(|| "healthy".into());
                    view! { <td role="cell" data-label="Run A">{a}</td> }
                });
                view! {
                    // Explicit roles: in the narrow column each row is laid out as a grid.
                    <tr role="row">
                        <th scope="row" role="rowheader">{c.service.name()}<small>{c.what.clone()}</small></th>
                        <td role="cell" data-label="AWS reported">{reference}</td>
                        {a}
                        <td role="cell" data-label="This run">{simulated}</td>
                        <td role="cell" class="difference">{difference(&c)}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    // Computed from the run, so a what-if's departures are its own.
    let departures = move || {
        found.with(|f| {
            f.as_ref().map(|(_, departures)| {
                departures
                    .iter()
                    .map(|d| view! { <li>{d.clone()}</li> })
                    .collect_view()
            })
        })
    };
    let caveats = view! {
        <h3>"Where the model departs from the record"</h3>
        <ul class="departures">{departures}</ul>
    };
    view! {
        <section class="panel reality" aria-label="Model and reality">
            <details on:toggle=move |ev| open.set(event_target::<web_sys::Element>(&ev).has_attribute("open"))>
                <summary>"Model and reality"</summary>
                <p class="muted">"Each impairment AWS reported (source tags in brackets: the start's, then the end's where another source dates it) beside this run's impairment of the same service. Each boundary says what agreement there shows: fitted (the run's boundary is set by a parameter fitted to it, or follows an event that is), scripted (it follows a step of the script) or predicted (neither: only there does agreement test the model). ✗: outside the tolerance its source allows."</p>
                <p class="tally">{tally}</p>
                {move || tally_a().map(|t| view! { <p class="tally-a">{t}</p> })}
                <table>
                    <thead><tr><th scope="col">"Service"</th><th scope="col">"AWS reported"</th>{move || comparing().then(|| view! { <th scope="col">"Run A"</th> })}<th scope="col">"This run"</th><th scope="col">"Difference"</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
                {caveats}
            </details>
        </section>
    }
}
