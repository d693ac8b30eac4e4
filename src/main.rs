fn main() {
    console_error_panic_hook::set_once();
    let _ = outage_sim::hello();
}
