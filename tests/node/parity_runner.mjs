// Runs the browser SLA engine on a batch of receipts for tests/test_sla_parity.py.
// Usage: node parity_runner.mjs CASES.json, the file holding
//   {calendars: {name: data}, cases: [{calendar, plan, receivedMs}]}
// with each `data` a page's JSON (Calendar.browser_data). Prints one JSON array, a result per
// case: {startMs, deadlineMs, segments: [[startMs, endMs, covered, reason]], explanation} or
// {error}.
import { readFileSync } from 'node:fs';
import { explanationText } from '../../templates/static/js/italian.js';
import { deadline } from '../../templates/static/js/sla.js';

const { calendars, cases } = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const results = cases.map(({ calendar, plan, receivedMs }) => {
  const data = calendars[calendar];
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
