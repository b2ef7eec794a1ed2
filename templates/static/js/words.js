// Italian words that need no clock, for the pages that show no time (the chooser): importing
// them from here keeps italian.js, days.js and wallclock.js off those pages.

/** "a, b e c": the way Italian lists things. */
export function joinText(items) {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} e ${items.at(-1)}`;
}
