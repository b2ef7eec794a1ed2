// Time the browser SLA engine: milliseconds per deadline over the whole carried calendar.
// Usage: node benchmarks/bench_sla_js.mjs [calendar.json]
// Without a file it asks benchmarks/bench_sla.py (the project's venv Python) for the data the
// site embeds, built from the shipped plans and settings.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deadline } from '../templates/static/js/sla.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const RECEIPTS_PER_PLAN = 5000;

function loadData() {
  if (process.argv[2]) return JSON.parse(readFileSync(process.argv[2], 'utf8'));
  const venv = join(ROOT, '.venv', 'bin', 'python');
  const python = existsSync(venv) ? venv : 'python3';
  const json = execFileSync(python, [join(ROOT, 'benchmarks', 'bench_sla.py'), '--data'], {
    encoding: 'utf8',
  });
  return JSON.parse(json);
}

/** Receipts spread evenly over the calendar, stopping a month short so deadlines fit. */
function receipts(data) {
  const start = Date.parse(`${data.first}T00:00:00Z`);
  const end = Date.parse(`${data.last}T00:00:00Z`) - 30 * 86400000;
  const step = (end - start) / RECEIPTS_PER_PLAN;
  return Array.from({ length: RECEIPTS_PER_PLAN }, (_, n) => Math.floor(start + step * n));
}

function timeRun(plan, data, times) {
  const began = performance.now();
  for (const ms of times) deadline(ms, plan, data);
  return (performance.now() - began) / times.length;
}

const data = loadData();
const times = receipts(data);
const [firstId, firstPlan] = Object.entries(data.plans)[0];
const began = performance.now();
deadline(times[0], firstPlan, data);
console.log(`js first call (${firstId}, empty cache): ${(performance.now() - began).toFixed(3)} ms`);
for (const [id, plan] of Object.entries(data.plans)) {
  const cold = timeRun(plan, data, times); // first pass fills the wall-clock cache
  const warm = timeRun(plan, data, times);
  console.log(
    `js ${id.padStart(8)}: ${cold.toFixed(4)} ms per deadline (first pass), ` +
      `${warm.toFixed(4)} ms (warm), over ${times.length} receipts ${data.first}..${data.last}`,
  );
}
