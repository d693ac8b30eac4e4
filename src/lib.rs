//! Outage Explorer's browser app: it draws what `outage_sim` computes. No simulation logic here.

mod map;

use leptos::prelude::*;
use outage_sim::{default_inputs, Recording, Scenario, SimTime};

/// Where the playhead starts: the cascade is under way, so the first screen explains itself.
const FIRST_INSTANT: &str = "2025-10-20T01:00:00-07:00";

/// Show a readable panel instead of a blank page if the app panics.
pub fn install_panic_panel() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show_fatal(&format!("The application stopped with an error: {info}"));
    }));
}

fn show_fatal(message: &str) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Some(l) = doc.get_element_by_id("loading") {
        l.remove();
    }
    let Ok(panel) = doc.create_element("section") else {
        return;
    };
    panel.set_id("fatal");
    panel.set_class_name("fatal");
    let _ = panel.set_attribute("role", "alert");
    panel.set_inner_html(
        "<h2>Outage Explorer stopped</h2><p></p><p>Reload the page to start again.</p>",
    );
    if let Ok(Some(p)) = panel.query_selector("p") {
        p.set_text_content(Some(message));
    }
    if let Some(body) = doc.body() {
        let _ = body.append_child(&panel);
    }
}

/// The app has mounted: the loading panel goes.
pub fn loaded() {
    if let Some(l) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("loading"))
    {
        l.remove();
    }
}

#[component]
pub fn App() -> impl IntoView {
    let scenario = match Scenario::builtin(outage_sim::DEFAULT_SCENARIO) {
        Ok(s) => s,
        Err(e) => return view! { <section class="fatal" role="alert"><h2>"Scenario error"</h2><p>{e}</p></section> }.into_any(),
    };
    let recording = match Recording::run(&scenario, default_inputs(&scenario, outage_sim::DEFAULT_SEED)) {
        Ok(r) => r,
        Err(e) => return view! { <section class="fatal" role="alert"><h2>"Run error"</h2><p>{e}</p></section> }.into_any(),
    };
    let start = scenario.at(FIRST_INSTANT).unwrap_or(SimTime::ZERO);
    let window = recording.window.ms();
    let playhead = RwSignal::new(start.ms());
    let title = scenario.file.title.clone();
    let subtitle = scenario.file.subtitle.clone();
    let digest = recording.digest();
    let seed = recording.inputs.seed;
    let scenario_id = scenario.id().to_string();
    let scenario = StoredValue::new(scenario);
    let recording = StoredValue::new(recording);
    let view_now = Memo::new(move |_| recording.with_value(|r| r.view_at(SimTime(playhead.get()))));
    let clock =
        move || scenario.with_value(|s| s.epoch.add(SimTime(playhead.get())).clock_seconds());
    let log_items = move || {
        let t = SimTime(playhead.get());
        recording.with_value(|r| {
            scenario.with_value(|s| {
                r.log_until(t)
                    .iter()
                    .rev()
                    .filter(|e| !e.routine())
                    .take(40)
                    .map(|e| {
                        let at = s.epoch.add(e.at).clock_seconds();
                        let text = e.describe();
                        view! { <li><time>{at}</time>{text}</li> }
                    })
                    .collect_view()
            })
        })
    };
    view! {
        <header class="top">
            <h1>"Outage Explorer"</h1>
            <p>{title}": "{subtitle}</p>
        </header>
        <main>
            <section class="panel map" aria-label="Dependency map">
                <map::Map scenario=scenario view=view_now />
                <div class="timebar">
                    <span class="clock" role="timer" aria-label="Simulation time" aria-live="off">{clock}</span>
                    <input
                        type="range"
                        aria-label="Timeline"
                        min="0"
                        max=window.to_string()
                        step="60000"
                        prop:value=move || playhead.get().to_string()
                        aria-valuetext=clock
                        on:input=move |ev| {
                            if let Ok(v) = event_target_value(&ev).parse::<u64>() {
                                playhead.set(v.min(window));
                            }
                        }
                    />
                </div>
            </section>
            <aside>
                <section class="panel log" aria-label="Event log" aria-live="polite">
                    <h2>"Event log"</h2>
                    <ol>{log_items}</ol>
                </section>
                <section class="panel about" aria-label="About this run">
                    <h2>"About this run"</h2>
                    <dl>
                        <dt>"Scenario"</dt><dd>{scenario_id}</dd>
                        <dt>"Seed"</dt><dd>{seed}</dd>
                        <dt>"Digest"</dt><dd>{digest}</dd>
                    </dl>
                </section>
            </aside>
        </main>
    }
    .into_any()
}
