// Times the core's wasm (built by `./dev bench`) in Node's V8: a few runs to let V8 compile the
// hot code as it would in a page, then the median of the rest. Prints figures; asserts nothing.
import fs from "node:fs";
const { instance } = await WebAssembly.instantiate(fs.readFileSync(process.argv[2]), {});
const { whole_window, fork_at_11_40_pm } = instance.exports;
function median(f, warm, n) {
  for (let i = 0; i < warm; i++) f();
  const ms = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    if (f() === 0) throw new Error("nothing was simulated");
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  return `${ms[n >> 1].toFixed(1)} ms (${ms[0].toFixed(1)}–${ms[n - 1].toFixed(1)})`;
}
console.log(`in wasm (V8 ${process.versions.v8}, no page), median of 9 after 3 to warm up:`);
console.log(`  whole window: ${median(whole_window, 3, 9)}`);
console.log(`  fork at 11:40 PM, without the redraw: ${median(fork_at_11_40_pm, 3, 9)} (with the redraw in Chromium: target 120 ms)`);
