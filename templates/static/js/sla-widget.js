// The SLA calculator on /tempi-di-risposta/: reads the receipt time (in the zone of the page
// data, site.yaml's `timezone`), asks the engine for each plan's deadline and shows it with an
// explanation and, where it tells something, a timeline.
// Progressive enhancement: without JavaScript sla.css hides the form. Screen readers hear one
// short summary once the value settles (or on submit), not every keystroke.

import { isoDay } from './days.js';
import { element } from './dom.js';
import { dateText, explanationText, longMomentText, momentText, NIGHT } from './italian.js';
import { deadline, fromDatetimeLocal, isoWithOffset } from './sla.js';

const SVG = 'http://www.w3.org/2000/svg';
const SETTLE_MS = 1000; // typing a date pauses less than this between digits
const visitorZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
const localFormat = new Intl.DateTimeFormat('it-IT', {
  weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
});

/** The current wall-clock time in `zone` as a datetime-local value ("2026-12-04T17:00"). */
function nowIn(zone) {
  const parts = {};
  const format = new Intl.DateTimeFormat('en-CA', {
    timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit',
  });
  for (const part of format.formatToParts(Date.now())) parts[part.type] = part.value;
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

/** A bar from receipt to deadline: solid for counted time, lighter for skipped time. Hidden
 * from assistive technology: the explanation says the same in words. */
function timeline(result) {
  const total = result.deadlineMs - result.receivedMs;
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('class', 'sla-timeline');
  svg.setAttribute('viewBox', '0 0 100 6');
  svg.setAttribute('preserveAspectRatio', 'none');
  for (const segment of result.segments) {
    const rect = document.createElementNS(SVG, 'rect');
    rect.setAttribute('x', String(((segment.startMs - result.receivedMs) / total) * 100));
    rect.setAttribute('width', String(((segment.endMs - segment.startMs) / total) * 100));
    rect.setAttribute('y', '0');
    rect.setAttribute('height', '6');
    rect.setAttribute('class', segment.covered ? 'counted' : segment.reason === NIGHT ? 'night' : 'closed');
    svg.append(rect);
  }
  const legend = element('p', 'sla-legend');
  legend.append(
    element('span', 'key counted', 'conteggiato'), ' ',
    element('span', 'key night', 'notte'), ' ',
    element('span', 'key closed', 'giorni non coperti o festivi'),
  );
  const figure = element('div', 'sla-timeline-box');
  figure.setAttribute('aria-hidden', 'true');
  figure.append(svg, legend);
  return figure;
}

/** Fill one plan's card and its line of the summary; returns the plan's part of the spoken
 * summary. */
function show(box, line, receivedMs, data) {
  const output = box.querySelector('[data-sla-output]');
  const name = box.querySelector('h2').textContent;
  let result;
  try {
    result = deadline(receivedMs, data.plans[box.dataset.slaResult], data);
  } catch (error) {
    box.removeAttribute('data-deadline');
    output.replaceChildren(element('p', 'sla-error', error.message));
    line.textContent = error.message;
    return `${name}: ${error.message}`;
  }
  box.dataset.deadline = isoWithOffset(result.deadlineMs, data.timezone);
  const when = momentText(result.deadlineMs, data.timezone);
  line.replaceChildren('entro ', element('strong', '', when));
  const answer = element('p', 'sla-deadline');
  answer.append('Risposta entro ', element('strong', '', when));
  const nodes = [answer];
  if (visitorZone && visitorZone !== data.timezone) {
    nodes.push(element('p', 'sla-local', `Nel tuo fuso orario (${visitorZone}): ${localFormat.format(result.deadlineMs)}.`));
  }
  nodes.push(element('p', 'sla-explain', explanationText(result)));
  // A bar that is solid from end to end (nothing skipped) tells nothing: leave it out.
  if (result.segments.some((segment) => !segment.covered)) nodes.push(timeline(result));
  output.replaceChildren(...nodes);
  return `${name} entro ${when}`;
}

function start() {
  const form = document.getElementById('sla-calculator');
  const dataNode = document.getElementById('sla-data');
  if (!form || !dataNode) return;
  const section = form.closest('section');
  const data = JSON.parse(dataNode.textContent);
  const zone = data.timezone;
  const input = form.elements.namedItem('received_at');
  const echo = form.querySelector('[data-sla-echo]');
  const status = section.querySelector('[data-sla-status]');
  const boxes = [...section.querySelectorAll('[data-sla-result]')];
  const lines = Object.fromEntries(
    [...section.querySelectorAll('[data-sla-summary]')].map((line) => [line.dataset.slaSummary, line]),
  );
  const rules = Object.fromEntries(Object.entries(lines).map(([id, line]) => [id, line.textContent]));
  const first = isoDay(data.first);
  const last = isoDay(data.last);
  input.min = `${data.first}T00:00`;
  input.max = `${data.last}T23:59`;
  const zoneNote = form.querySelector('[data-sla-zone]');
  if (visitorZone && visitorZone !== zone) {
    const clockFormat = new Intl.DateTimeFormat('it-IT', {
      timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
    });
    // Shown when the visitor turns to the field, not at load, where it would push the answers.
    form.addEventListener('focusin', () => {
      zoneNote.textContent = `Il tuo dispositivo usa il fuso ${visitorZone}: inserisci l’ora italiana. Ora in Italia: ${clockFormat.format(Date.now())}.`;
      zoneNote.hidden = false;
    }, { once: true });
  }

  let summary = '';
  let pending;
  const clear = () => {
    for (const box of boxes) {
      box.removeAttribute('data-deadline');
      box.querySelector('[data-sla-output]').replaceChildren();
      lines[box.dataset.slaResult].textContent = rules[box.dataset.slaResult];
    }
  };
  const update = () => {
    const value = input.value;
    const receivedMs = fromDatetimeLocal(value, zone);
    const day = isoDay(value.slice(0, 10));
    echo.classList.remove('sla-error');
    if (Number.isNaN(receivedMs)) {
      clear();
      echo.textContent = summary = 'Inserisci una data e un’ora valide.';
    } else if (day < first || day > last) {
      // One message for the whole form: every plan would fail for the same reason.
      clear();
      echo.classList.add('sla-error');
      echo.textContent = summary = `Scegli una data dal ${dateText(first)} al ${dateText(last)}: le festività sono aggiornate solo per questo periodo.`;
    } else {
      echo.textContent = `Richiesta inviata ${longMomentText(receivedMs, zone)}, ora italiana.`;
      summary = boxes.map((box) => show(box, lines[box.dataset.slaResult], receivedMs, data)).join('; ');
    }
  };
  const announce = () => {
    clearTimeout(pending);
    if (status.textContent !== summary) status.textContent = summary;
  };
  const changed = () => {
    update();
    clearTimeout(pending);
    pending = setTimeout(announce, SETTLE_MS);
  };
  input.value = nowIn(zone);
  form.addEventListener('input', changed);
  form.addEventListener('change', changed);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    update();
    announce();
  });
  form.querySelector('[data-sla-now]').addEventListener('click', () => {
    input.value = nowIn(zone);
    update();
    announce();
  });
  // The heading asks "if you write now": the answer for now is there as the page loads, in the
  // room sla.css keeps for it, and is not announced (nobody asked yet).
  update();
}

start();
