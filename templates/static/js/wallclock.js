// Wall-clock time in a named time zone, from Intl (no hand-written DST rules). The zone is the
// page data's `timezone` (site.yaml's); sla.js, italian.js and days.js read clocks through here.

const formats = new Map();

/** The wall-clock fields of an instant in `zone`, as numbers: year, month (1-12), day, hour
 * (0-23), minute, second. */
export function wallClock(ms, zone) {
  let format = formats.get(zone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formats.set(zone, format);
  }
  const fields = {};
  for (const part of format.formatToParts(ms)) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  return fields;
}
