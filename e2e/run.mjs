// Every browser test (`./dev e2e`; E2E_ONLY=regex picks some). One spec runs alone with
// `node e2e/specs/<name>.mjs`.
import "./all.mjs";
import { run } from "./harness.mjs";

await run();
