// Italian words for the browser: dates, times, durations and the SLA explanation.
// sitegen/italian.py says the same things at build time and in `sitegen sla --explain`, word
// for word: tests/test_sla_parity.py compares the two explanations on thousands of receipts.
// Times are read on the wall clock of `zone`, the page data's `timezone`.

import { DAY_MS, dayFields, dayNumber, dayOf, weekdayOf } from './days.js';
import { wallClock } from './wallclock.js';
import { joinText } from './words.js';

const WEEKDAY_NAMES = ['lunedì', 'martedì', 'mercoledì', 'giovedì', 'venerdì', 'sabato', 'domenica'];
const MONTH_NAMES = [
  'gennaio', 'febbraio', 'marzo', 'aprile', 'maggio', 'giugno',
  'luglio', 'agosto', 'settembre', 'ottobre', 'novembre', 'dicembre',
];

// Why a stretch of time does not count; a closure calendar day is skipped under its own name.
export const NIGHT = 'notte';
export const WEEKEND = 'fine settimana';
export const NOT_COVERED = 'giorno non coperto';
const REASON_PHRASES = {
  [NIGHT]: 'la notte',
  [WEEKEND]: 'il fine settimana',
  [NOT_COVERED]: 'i giorni non coperti dal piano',
};

/** Wall-clock fields of an instant in `zone`; `dayMs` is its calendar day (days.js). */
function local(ms, zone) {
  const f = wallClock(ms, zone);
  f.dayMs = dayNumber(f.year, f.month, f.day);
  f.weekday = weekdayOf(f.dayMs);
  return f;
}

/** A calendar day (days.js) with its year: "31 dicembre 2029". */
export function dateText(dayMs) {
  const { year, month, day } = dayFields(dayMs);
  return `${day} ${MONTH_NAMES[month - 1]} ${year}`;
}

/** "17:30", "8:00": the document's way of writing a time. */
function clockText(ms, zone) {
  const f = local(ms, zone);
  return `${f.hour}:${String(f.minute).padStart(2, '0')}`;
}

/** "venerdì 4 dicembre alle 17:00", in `zone`. */
export function momentText(ms, zone) {
  const f = local(ms, zone);
  return `${WEEKDAY_NAMES[f.weekday]} ${f.day} ${MONTH_NAMES[f.month - 1]} alle ${clockText(ms, zone)}`;
}

/** "giovedì 26 novembre 2026 alle 12:15": a moment with its year, for echoing the input. */
export function longMomentText(ms, zone) {
  const f = local(ms, zone);
  return `${WEEKDAY_NAMES[f.weekday]} ${dateText(f.dayMs)} alle ${clockText(ms, zone)}`;
}

/** Hours and minutes, never days; whole minutes rounded down, as in sitegen/italian.py. */
export function durationText(ms) {
  const total = Math.floor(ms / 60000);
  const hours = Math.floor(total / 60);
  const minutes = total % 60;
  const parts = [];
  if (hours) parts.push(`${hours} ${hours === 1 ? 'ora' : 'ore'}`);
  if (minutes || !hours) parts.push(`${minutes} ${minutes === 1 ? 'minuto' : 'minuti'}`);
  return parts.join(' e ');
}

/** How a deadline was counted (a result of sla.js `deadline`), as sitegen/italian.py words it. */
export function explanationText(result) {
  const sentences = [
    result.startMs === result.receivedMs
      ? 'Il conteggio parte subito: in quel momento il piano è coperto.'
      : `Il conteggio parte ${momentText(result.startMs, result.timezone)}, quando inizia la copertura del piano.`,
  ];
  const skipped = skippedItems(result.segments, result.timezone);
  if (skipped.length) sentences.push(`Non contano ${joinText(skipped)}.`);
  const counted = result.segments
    .filter((s) => s.covered)
    .reduce((sum, s) => sum + s.endMs - s.startMs, 0);
  sentences.push(`Il tempo conteggiato è di ${durationText(counted)}.`);
  return sentences.join(' ');
}

/** What did not count, in order of appearance, with the days of each whole-day reason. */
function skippedItems(segments, zone) {
  const daysByReason = new Map();
  for (const segment of segments) {
    if (segment.covered || !segment.reason) continue;
    if (!daysByReason.has(segment.reason)) daysByReason.set(segment.reason, new Set());
    if (segment.reason === NIGHT) continue;
    const last = dayOf(segment.endMs - 1, zone);
    for (let day = dayOf(segment.startMs, zone); day <= last; day += DAY_MS) {
      daysByReason.get(segment.reason).add(day);
    }
  }
  return [...daysByReason].map(([reason, days]) => {
    const when = daysText([...days].sort((a, b) => a - b));
    if (reason === NIGHT) return REASON_PHRASES[reason];
    if (reason in REASON_PHRASES) return `${REASON_PHRASES[reason]} (${when})`;
    return `${when} (${reason})`;
  });
}

/** "sabato 5 e domenica 6 dicembre": the month once per run of days in it. */
function daysText(days) {
  return joinText(days.map((day, index) => {
    const { month, day: dayOfMonth } = dayFields(day);
    const next = days[index + 1];
    const text = `${WEEKDAY_NAMES[weekdayOf(day)]} ${dayOfMonth}`;
    return next === undefined || dayFields(next).month !== month
      ? `${text} ${MONTH_NAMES[month - 1]}`
      : text;
  }));
}
