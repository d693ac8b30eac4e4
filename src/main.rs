fn main() {
    outage_explorer::install_panic_panel();
    leptos::mount::mount_to_body(outage_explorer::App);
    outage_explorer::loaded();
}
