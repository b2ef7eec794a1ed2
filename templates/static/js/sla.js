// SLA deadline engine for the browser: the same contract as sitegen/sla/engine.py, which is
// the reference (tests/test_sla_parity.py checks that the two agree).
//
// Only covered time counts; the clock starts at receipt or at the next opening; the deadline is
// the earliest instant at which covered time reaches the response time. Arithmetic is on epoch
// milliseconds, so DST counts real time. Wall-clock times are those of the data's zone, from
// Intl: a time in the spring gap moves forward, a repeated autumn time is the earlier one.
//
// `data` is the JSON of sitegen/sla/calendar.py (Calendar.browser_data): {timezone, first,
// last, closures, plans}, closures as {name: [ISO days]}.

import { DAY_MS, dayFields, dayOf, isoDay, isoDayText, weekdayOf } from './days.js';
import { dateText, NIGHT, NOT_COVERED, WEEKEND } from './italian.js';
import { wallClock } from './wallclock.js';

const MINUTE_MS = 60 * 1000;
const MINUTES_PER_DAY = 24 * 60;

// Wall-clock conversions are the slow part (formatToParts); a page asks about the same days
// again and again, and walks never leave the carried calendar, so the cache stays small.
const instantCache = new Map();

/** The zone's offset from UTC at an instant, in milliseconds. */
function offsetAt(ms, zone) {
  const wall = wallClock(ms, zone);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return asUtc - (ms - (((ms % 1000) + 1000) % 1000));
}

/**
 * The instant of a wall-clock time in `zone` (month 1-12; hour 24 is the next midnight).
 * The offsets a day before and after bracket any change; a time valid with both is the
 * repeated autumn hour (take the earlier), valid with neither is the spring gap (use the
 * offset before the change, which moves it forward).
 */
export function wallToInstant(year, month, day, hour, minute, zone) {
  const key = `${zone} ${year}-${month}-${day}-${hour}-${minute}`;
  let instant = instantCache.get(key);
  if (instant === undefined) {
    instant = instantOfWall(Date.UTC(year, month - 1, day, hour, minute), zone);
    instantCache.set(key, instant);
  }
  return instant;
}

function instantOfWall(wall, zone) {
  const before = offsetAt(wall - DAY_MS, zone);
  const after = offsetAt(wall + DAY_MS, zone);
  const valid = [wall - before, wall - after].filter((ms) => ms + offsetAt(ms, zone) === wall);
  return valid.length > 0 ? Math.min(...valid) : wall - before;
}

/** Read a datetime-local value ("2026-12-04T17:00") as `zone` time; NaN when malformed. */
export function fromDatetimeLocal(value, zone) {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value || '');
  if (!match) return NaN;
  const [year, month, day, hour, minute, second] = match.slice(1).map((v) => Number(v || 0));
  return wallToInstant(year, month, day, hour, minute, zone) + second * 1000;
}

/** "2026-12-07T17:00:00+01:00": the instant in `zone` with its offset, for data-deadline. */
export function isoWithOffset(ms, zone) {
  const wall = wallClock(ms, zone);
  const offsetMinutes = Math.round(offsetAt(ms, zone) / MINUTE_MS);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const two = (n) => String(n).padStart(2, '0');
  const abs = Math.abs(offsetMinutes);
  return (
    `${wall.year}-${two(wall.month)}-${two(wall.day)}` +
    `T${two(wall.hour)}:${two(wall.minute)}:${two(wall.second)}` +
    `${sign}${two(Math.floor(abs / 60))}:${two(abs % 60)}`
  );
}

/**
 * When a request received at `receivedMs` gets an answer under `plan` (an entry of data.plans).
 * Returns {timezone, receivedMs, startMs, deadlineMs, segments: [{startMs, endMs, covered,
 * reason}]}, the segments tiling receipt to deadline (reason null when covered), timezone the
 * data's (italian.js words the result in it). Throws an Error with an Italian message when the
 * date or the deadline lies outside the carried calendar.
 */
export function deadline(receivedMs, plan, data) {
  if (!Number.isFinite(receivedMs)) throw new Error('La data di ricezione non è valida.');
  const zone = data.timezone;
  const firstDay = dayOf(receivedMs, zone);
  const calendarStart = isoDay(data.first);
  const calendarEnd = isoDay(data.last);
  if (firstDay < calendarStart) {
    throw new Error(
      `La data ${dateText(firstDay)} è prima del calendario disponibile (dal ${dateText(calendarStart)}).`,
    );
  }
  if (firstDay > calendarEnd) {
    throw new Error(
      `La data ${dateText(firstDay)} è oltre il calendario disponibile (fino al ${dateText(calendarEnd)}).`,
    );
  }
  let remaining = plan.response_minutes * MINUTE_MS;
  const segments = [];
  for (let day = firstDay; day <= calendarEnd; day += DAY_MS) {
    for (const piece of dayPieces(day, plan, closuresByDay(data), zone)) {
      if (piece.endMs <= receivedMs) continue;
      const begin = Math.max(piece.startMs, receivedMs);
      if (piece.covered && piece.endMs - begin >= remaining) {
        append(segments, { startMs: begin, endMs: begin + remaining, covered: true, reason: null });
        const startMs = segments.find((segment) => segment.covered).startMs;
        return { timezone: zone, receivedMs, startMs, deadlineMs: begin + remaining, segments };
      }
      if (piece.covered) remaining -= piece.endMs - begin;
      append(segments, { ...piece, startMs: begin });
    }
  }
  if (segments.some((segment) => segment.covered)) {
    throw new Error(
      `La scadenza cade oltre il calendario disponibile (fino al ${dateText(calendarEnd)}).`,
    );
  }
  throw new Error(
    `Il piano non copre nessuna ora dal ${dateText(firstDay)} al ${dateText(calendarEnd)}: ` +
      'impossibile calcolare la scadenza.',
  );
}

const byDay = new WeakMap();

/** The closures as {ISO day: name}, worked out once per calendar. */
function closuresByDay(data) {
  if (!byDay.has(data.closures)) {
    byDay.set(data.closures, Object.fromEntries(
      Object.entries(data.closures).flatMap(([name, days]) => days.map((iso) => [iso, name])),
    ));
  }
  return byDay.get(data.closures);
}

/** One calendar day (given as its UTC-midnight ms) as night, covered window, night. */
function dayPieces(day, plan, closures, zone) {
  const { year, month, day: dayOfMonth } = dayFields(day);
  const at = (minute) =>
    wallToInstant(year, month, dayOfMonth, Math.floor(minute / 60), minute % 60, zone);
  const midnight = at(0);
  const nextMidnight = at(MINUTES_PER_DAY);
  const reason = skippedDayReason(day, plan, closures);
  if (reason !== null) return [stretch(midnight, nextMidnight, false, reason)];
  const opens = at(plan.opens);
  // A window opening in the spring gap moves forward and may pass its own closing time.
  const closes = Math.max(opens, at(plan.closes));
  return [
    stretch(midnight, opens, false, NIGHT),
    stretch(opens, closes, true, null),
    stretch(closes, nextMidnight, false, NIGHT),
  ].filter((p) => p.endMs > p.startMs);
}

/** Why a whole day is skipped, or null; the weekly schedule comes before holidays. */
function skippedDayReason(day, plan, closures) {
  const weekday = weekdayOf(day);
  if (!plan.days.includes(weekday)) return weekday >= 5 ? WEEKEND : NOT_COVERED;
  if (plan.closed_on_holidays) return closures[isoDayText(day)] ?? null;
  return null;
}

function stretch(startMs, endMs, covered, reason) {
  return { startMs, endMs, covered, reason };
}

/** Add a segment, merging it into the previous one when they are of the same kind. */
function append(segments, segment) {
  const last = segments[segments.length - 1];
  if (last && last.covered === segment.covered && last.reason === segment.reason) {
    last.endMs = segment.endMs;
  } else {
    segments.push({ ...segment });
  }
}
