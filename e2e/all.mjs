// Every spec file, registered in the order they run.
import "./specs/load.mjs";
import "./specs/outage.mjs";
import "./specs/whatif.mjs";
import "./specs/compare.mjs";
import "./specs/export.mjs";
import "./specs/playback.mjs";
import "./specs/compute.mjs";
import "./specs/a11y.mjs";
import "./specs/links.mjs";
import "./specs/lecture.mjs";
import "./specs/class.mjs";
import "./specs/stage.mjs";
import "./specs/mechanism.mjs";
import "./specs/timeline.mjs";
import "./specs/map.mjs";
import "./specs/kinesis.mjs";
import "./specs/ebs.mjs";
