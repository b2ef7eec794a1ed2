// Runs the browser SLA engine on a batch of receipts for tests/test_sla_parity.py.
// Usage: node parity_runner.mjs CASES.json  ({data, cases: [{plan, receivedMs}]}); prints one
// JSON array: {startMs, deadlineMs, segments: [[startMs, endMs, covered, reason]], explanation}
// or {error}.
import { readFileSync } from 'node:fs';
import { explanationText } from '../../templates/static/js/italian.js';
import { deadline } from '../../templates/static/js/sla.js';

const { data, cases } = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const results = cases.map(({ plan, receivedMs }) => {
  try {
    const result = deadline(receivedMs, data.plans[plan], data);
    return {
      startMs: result.startMs,
      deadlineMs: result.deadlineMs,
      segments: result.segments.map((s) => [s.startMs, s.endMs, s.covered, s.reason]),
      explanation: explanationText(result),
    };
  } catch (error) {
    return { error: error.message };
  }
});
process.stdout.write(JSON.stringify(results));
