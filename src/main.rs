fn main() {
    outage_explorer::install_panic_panel();
    // The outage a link names may be a file beside the wasm: it is fetched before the page is
    // drawn, while the title card the server sent stays on screen.
    wasm_bindgen_futures::spawn_local(async {
        outage_explorer::fetch_named_outage().await;
        outage_explorer::open().await;
        outage_explorer::loaded();
    });
}
