// The SLA calculator on /piani/: reads the receipt time (Rome time), asks the engine for each
// plan's deadline and shows it with an explanation and a small timeline. Progressive
// enhancement: the form is hidden until this module runs.

import { deadline, formatRome, fromDatetimeLocal, isoWithOffset, NIGHT } from './sla.js';

const SVG = 'http://www.w3.org/2000/svg';
const ZONE = 'Europe/Rome';
const visitorZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
const localFormat = new Intl.DateTimeFormat('it-IT', {
  weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
});
const clockFormat = new Intl.DateTimeFormat('it-IT', {
  timeZone: ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
});

/** The current Rome wall-clock time as a datetime-local value ("2026-12-04T17:00"). */
function nowInRome() {
  const parts = {};
  const format = new Intl.DateTimeFormat('en-CA', {
    timeZone: ZONE, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit',
  });
  for (const part of format.formatToParts(Date.now())) parts[part.type] = part.value;
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Hours and minutes, never days: help desks disagree on what a day is. */
function duration(ms) {
  const total = Math.round(ms / 60000);
  const hours = Math.floor(total / 60);
  const minutes = total % 60;
  const parts = [];
  if (hours) parts.push(`${hours} ${hours === 1 ? 'ora' : 'ore'}`);
  if (minutes || !hours) parts.push(`${minutes} ${minutes === 1 ? 'minuto' : 'minuti'}`);
  return parts.join(' e ');
}

function explanation(result) {
  const started = result.startMs === result.receivedMs
    ? 'Il conteggio parte subito: la richiesta arriva in un orario coperto.'
    : `Il conteggio parte ${formatRome(result.startMs)}, alla prima apertura coperta.`;
  const reasons = [];
  for (const segment of result.segments) {
    if (!segment.covered && segment.reason && !reasons.includes(segment.reason)) {
      reasons.push(segment.reason);
    }
  }
  const covered = result.segments.filter((s) => s.covered).reduce((sum, s) => sum + s.endMs - s.startMs, 0);
  const skipped = reasons.length ? ` Non contano: ${reasons.join(', ')}.` : '';
  return `${started}${skipped} Ore coperte conteggiate: ${duration(covered)}.`;
}

/** A bar from receipt to deadline: solid for counted time, hatched for skipped time. */
function timeline(result) {
  const total = result.deadlineMs - result.receivedMs;
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('class', 'sla-timeline');
  svg.setAttribute('viewBox', '0 0 100 6');
  svg.setAttribute('preserveAspectRatio', 'none');
  svg.setAttribute('aria-hidden', 'true');
  for (const segment of result.segments) {
    if (total <= 0) break;
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
  figure.append(svg, legend);
  return figure;
}

function show(box, plan, receivedMs, data) {
  const heading = box.querySelector('h3');
  box.replaceChildren(heading);
  let result;
  try {
    result = deadline(receivedMs, data.plans[plan], data);
  } catch (error) {
    box.removeAttribute('data-deadline');
    box.append(element('p', 'sla-error', error.message));
    return;
  }
  box.dataset.deadline = isoWithOffset(result.deadlineMs);
  const answer = element('p', 'sla-deadline');
  answer.append('Risposta entro ', element('strong', '', formatRome(result.deadlineMs)));
  box.append(answer);
  if (visitorZone && visitorZone !== ZONE) {
    box.append(element('p', 'sla-local', `Nel tuo fuso orario (${visitorZone}): ${localFormat.format(result.deadlineMs)}.`));
  }
  box.append(element('p', 'sla-explain', explanation(result)), timeline(result));
}

function start() {
  const form = document.getElementById('sla-calculator');
  const dataNode = document.getElementById('sla-data');
  if (!form || !dataNode) return;
  const data = JSON.parse(dataNode.textContent);
  const input = form.elements.namedItem('received_at');
  input.min = `${data.first}T00:00`;
  input.max = `${data.last}T23:59`;
  const zoneNote = form.querySelector('[data-sla-zone]');
  if (visitorZone && visitorZone !== ZONE) {
    zoneNote.textContent = `Il tuo dispositivo usa il fuso ${visitorZone}: inserisci l’ora italiana. Ora in Italia: ${clockFormat.format(Date.now())}.`;
    zoneNote.hidden = false;
  }
  const update = () => {
    const receivedMs = fromDatetimeLocal(input.value);
    for (const box of document.querySelectorAll('[data-sla-result]')) {
      if (Number.isNaN(receivedMs)) {
        box.replaceChildren(box.querySelector('h3'), element('p', 'sla-error', 'Inserisci una data e un’ora valide.'));
        box.removeAttribute('data-deadline');
      } else {
        show(box, box.dataset.slaResult, receivedMs, data);
      }
    }
  };
  input.value = nowInRome();
  form.addEventListener('input', update);
  form.addEventListener('change', update);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    update();
  });
  form.querySelector('[data-sla-now]').addEventListener('click', () => {
    input.value = nowInRome();
    update();
  });
  form.hidden = false;
  update();
}

start();
