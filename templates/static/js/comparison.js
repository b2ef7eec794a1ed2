// The comparison on /piani/, where it shows two plans side by side: it opens on the plan the
// visitor came from (?plan=<id>, as a plan sheet links to it) beside the one before it (or the
// next, for the first plan), and never shows one plan twice: picking in one list the plan the
// other shows swaps them. The choice itself works without this module: plans.css shows the
// columns of the two selected options.

function start() {
  const first = document.getElementById('pick-first');
  const second = document.getElementById('pick-second');
  if (!first || !second) return;
  const ids = [...first.options].map((option) => option.value);
  const index = ids.indexOf(new URLSearchParams(window.location.search).get('plan'));
  if (index >= 0) {
    first.value = ids[index];
    second.value = ids[index > 0 ? index - 1 : 1];
  }
  const shown = { first: first.value, second: second.value };
  for (const [select, other, name, otherName] of [
    [first, second, 'first', 'second'],
    [second, first, 'second', 'first'],
  ]) {
    select.addEventListener('change', () => {
      if (select.value === other.value) other.value = shown[name];
      shown[name] = select.value;
      shown[otherName] = other.value;
    });
  }
}

start();
