// Unit tests of the browser SLA engine's time helpers: run with `node --test`
// (tests/test_sla_parity.py runs them under pytest, so `make test` includes them).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  durationText,
  explanationText,
  longMomentText,
  momentText,
} from '../../templates/static/js/italian.js';
import {
  deadline,
  fromDatetimeLocal,
  isoWithOffset,
  wallToInstant,
} from '../../templates/static/js/sla.js';

const ZONE = 'Europe/Rome';
const BRONZE = {
  days: [0, 1, 2, 3, 4],
  opens: 600,
  closes: 1080,
  closed_on_holidays: true,
  response_minutes: 480,
};
const DATA = {
  timezone: ZONE,
  first: '2026-01-01',
  last: '2026-12-31',
  closures: { 'Immacolata Concezione': ['2026-12-08'] },
  plans: { bronze: BRONZE },
};

test('winter and summer wall times use +01:00 and +02:00', () => {
  assert.equal(wallToInstant(2026, 12, 7, 17, 0, ZONE), Date.UTC(2026, 11, 7, 16, 0));
  assert.equal(wallToInstant(2026, 7, 1, 12, 0, ZONE), Date.UTC(2026, 6, 1, 10, 0));
});

test('a wall time in the spring gap moves forward', () => {
  // 02:30 does not exist on 28 March 2027: read with the winter offset, it is 03:30 CEST.
  assert.equal(wallToInstant(2027, 3, 28, 2, 30, ZONE), Date.UTC(2027, 2, 28, 1, 30));
  assert.equal(isoWithOffset(wallToInstant(2027, 3, 28, 2, 30, ZONE), ZONE), '2027-03-28T03:30:00+02:00');
});

test('a wall time in the repeated autumn hour is the earlier instant', () => {
  assert.equal(wallToInstant(2026, 10, 25, 2, 30, ZONE), Date.UTC(2026, 9, 25, 0, 30));
  assert.equal(isoWithOffset(Date.UTC(2026, 9, 25, 1, 30), ZONE), '2026-10-25T02:30:00+01:00');
});

test('hour 24 is the next midnight', () => {
  assert.equal(wallToInstant(2026, 12, 31, 24, 0, ZONE), wallToInstant(2027, 1, 1, 0, 0, ZONE));
});

test('isoWithOffset gives seconds and the offset', () => {
  assert.equal(isoWithOffset(Date.UTC(2026, 11, 7, 16, 0, 5), ZONE), '2026-12-07T17:00:05+01:00');
  assert.equal(isoWithOffset(Date.UTC(2027, 9, 4, 22, 30), ZONE), '2027-10-05T00:30:00+02:00');
});

test('momentText speaks Italian with a 24-hour clock, in Rome time', () => {
  assert.equal(momentText(Date.UTC(2026, 11, 7, 16, 0), ZONE), 'lunedì 7 dicembre alle 17:00');
  assert.equal(momentText(Date.UTC(2026, 11, 26, 7, 30), ZONE), 'sabato 26 dicembre alle 8:30');
  // 23:30 UTC on 31 December is already New Year's Day in Rome.
  assert.equal(momentText(Date.UTC(2026, 11, 31, 23, 30), ZONE), 'venerdì 1 gennaio alle 0:30');
});

test('longMomentText adds the year, as the calculator echoes the input', () => {
  assert.equal(longMomentText(Date.UTC(2026, 10, 26, 11, 15), ZONE), 'giovedì 26 novembre 2026 alle 12:15');
});

test('durationText says hours and minutes, rounding down to the minute', () => {
  assert.equal(durationText(60 * 60000), '1 ora');
  assert.equal(durationText(90 * 60000), '1 ora e 30 minuti');
  assert.equal(durationText(59 * 1000), '0 minuti');
  assert.equal(durationText(61 * 1000), '1 minuto');
});

test('the explanation names the night, the weekend and the holiday', () => {
  // Friday 4 December 17:00: one hour on Friday, the weekend, Monday 10-17.
  const friday = deadline(fromDatetimeLocal('2026-12-04T17:00', ZONE), BRONZE, DATA);
  assert.equal(
    explanationText(friday),
    'Il conteggio parte subito: in quel momento il piano è coperto. ' +
      'Non contano la notte e il fine settimana (sabato 5 e domenica 6 dicembre). ' +
      'Il tempo conteggiato è di 8 ore.',
  );
  // Tuesday 8 December is a holiday: the clock starts on Wednesday at 10:00.
  const holiday = deadline(fromDatetimeLocal('2026-12-08T09:00', ZONE), BRONZE, DATA);
  assert.equal(
    explanationText(holiday),
    'Il conteggio parte mercoledì 9 dicembre alle 10:00, quando inizia la copertura del piano. ' +
      'Non contano martedì 8 dicembre (Immacolata Concezione) e la notte. ' +
      'Il tempo conteggiato è di 8 ore.',
  );
});

test('fromDatetimeLocal reads the value as Rome time', () => {
  assert.equal(fromDatetimeLocal('2026-12-04T17:00', ZONE), Date.UTC(2026, 11, 4, 16, 0));
  assert.equal(fromDatetimeLocal('2026-12-04T17:00:30', ZONE), Date.UTC(2026, 11, 4, 16, 0, 30));
  assert.ok(Number.isNaN(fromDatetimeLocal('', ZONE)));
  assert.ok(Number.isNaN(fromDatetimeLocal('4/12/2026 17:00', ZONE)));
});

test('deadline skips the night, the weekend and holidays', () => {
  const result = deadline(fromDatetimeLocal('2026-12-07T12:00', ZONE), BRONZE, DATA);
  assert.equal(isoWithOffset(result.deadlineMs, ZONE), '2026-12-09T12:00:00+01:00');
  assert.deepEqual(
    result.segments.map((s) => [isoWithOffset(s.startMs, ZONE), s.covered, s.reason]),
    [
      ['2026-12-07T12:00:00+01:00', true, null],
      ['2026-12-07T18:00:00+01:00', false, 'notte'],
      ['2026-12-08T00:00:00+01:00', false, 'Immacolata Concezione'],
      ['2026-12-09T00:00:00+01:00', false, 'notte'],
      ['2026-12-09T10:00:00+01:00', true, null],
    ],
  );
});

test('deadline throws in Italian outside the calendar', () => {
  assert.throws(
    () => deadline(fromDatetimeLocal('2026-12-31T17:00', ZONE), BRONZE, DATA),
    /oltre il calendario disponibile \(fino al 31 dicembre 2026\)/,
  );
  assert.throws(
    () => deadline(fromDatetimeLocal('2025-06-02T12:00', ZONE), BRONZE, DATA),
    /prima del calendario disponibile/,
  );
  assert.throws(() => deadline(NaN, BRONZE, DATA), /non è valida/);
});

test('a plan with no covered day throws', () => {
  const mondays = { ...BRONZE, days: [0] };
  const closures = { Chiusura: [] };
  for (let day = Date.UTC(2026, 0, 5); day < Date.UTC(2027, 0, 1); day += 7 * 86400000) {
    closures.Chiusura.push(new Date(day).toISOString().slice(0, 10));
  }
  assert.throws(
    () => deadline(fromDatetimeLocal('2026-03-01T12:00', ZONE), mondays, { ...DATA, closures }),
    /non copre nessuna ora/,
  );
});

test('the zone comes from the data, not from the engine', () => {
  // The same wall-clock receipt and hours read in London: Friday 17:00 GMT, Monday 17:00 GMT.
  const london = { ...DATA, timezone: 'Europe/London' };
  const friday = deadline(fromDatetimeLocal('2026-12-04T17:00', 'Europe/London'), BRONZE, london);
  assert.equal(friday.receivedMs, Date.UTC(2026, 11, 4, 17, 0));
  assert.equal(isoWithOffset(friday.deadlineMs, 'Europe/London'), '2026-12-07T17:00:00+00:00');
  assert.equal(momentText(friday.deadlineMs, 'Europe/London'), 'lunedì 7 dicembre alle 17:00');
});
