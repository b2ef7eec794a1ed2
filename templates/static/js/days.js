// Calendar days as numbers: a day is the epoch milliseconds of its UTC midnight, so days can be
// compared, counted (DAY_MS apart) and used as keys whatever the zone. The one home of day
// arithmetic: sla.js walks days, italian.js names them, sla-widget.js checks the carried range.

import { wallClock } from './wallclock.js';

export const DAY_MS = 24 * 60 * 60 * 1000;

/** The day of a date (month 1-12), as Date.UTC counts it. */
export function dayNumber(year, month, day) {
  return Date.UTC(year, month - 1, day);
}

/** The calendar day of an instant on the wall clock of `zone`. */
export function dayOf(ms, zone) {
  const wall = wallClock(ms, zone);
  return dayNumber(wall.year, wall.month, wall.day);
}

/** A day's year, month (1-12) and day of the month. */
export function dayFields(day) {
  const date = new Date(day);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

/** Monday is 0, as in Python; 1 January 1970 was a Thursday. */
export function weekdayOf(day) {
  return (Math.floor(day / DAY_MS) + 3) % 7;
}

/** "2026-12-08" as a day; NaN when the text is not of that form (Date.parse reads it). */
export function isoDay(text) {
  return Date.parse(`${text}T00:00:00Z`);
}

/** A day as "2026-12-08", the form of the page data's closures. */
export function isoDayText(day) {
  return new Date(day).toISOString().slice(0, 10);
}
