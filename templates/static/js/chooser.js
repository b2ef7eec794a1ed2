// "Quale piano fa per me?" on /piani/: recommends the first plan, in the page's order, that
// meets every need the visitor gives, and says why. The data is built from plans.yaml by
// sitegen/chooser.py: the section's table has one row per answer with the plans that meet it
// (`data-plans`), and #chooser-data gives the plans in order with the facts to cite. This
// module knows no plan ids, times or hours. Progressive enhancement: the form stays hidden,
// and the table answers one need at a time, until it runs.

import { joinText } from './italian.js';

function element(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

/** The needs the form's answers express: {field, label, plans (ids)}, from the table rows. */
function currentNeeds(form, rows) {
  return rows.filter((row) => {
    const field = form.elements.namedItem(row.dataset.field);
    const value = field.type === 'checkbox' ? (field.checked ? field.value : '') : field.value;
    return row.dataset.value === value;
  }).map((row) => ({
    field: row.dataset.field,
    label: row.cells[0].textContent,
    plans: row.dataset.plans.split(' '),
  }));
}

/** The first plan meeting every need; else the closest (fewest needs missed, lowest first). */
function choose(needs, plans) {
  const misses = (plan) => needs.filter((need) => !need.plans.includes(plan.id));
  const plan = plans.find((p) => misses(p).length === 0);
  if (plan) return { plan, lower: plans.slice(0, plans.indexOf(plan)) };
  const closest = plans.reduce((best, p) => (misses(p).length < misses(best).length ? p : best));
  return { closest, missed: misses(closest) };
}

function render(result, choice, needs, data, contact) {
  const fact = (plan, need) => `«${plan.facts[data.facts[need.field]]}»`;
  const names = (ids) => joinText(data.plans.filter((p) => ids.includes(p.id)).map((p) => p.name));
  const link = (text, href, className) => Object.assign(element('a', text, className), { href });
  const capital = (text) => text.charAt(0).toUpperCase() + text.slice(1);
  const nodes = [];
  const { plan } = choice;
  if (plan) {
    const lead = element('p', 'Ti basta il piano ', 'chooser-verdict');
    lead.append(element('strong', plan.name), ': è il più semplice che copre tutto ciò che ti serve.');
    const reasons = element('ul');
    for (const need of needs) reasons.append(element('li', `${capital(need.label)}: ${fact(plan, need)}`));
    nodes.push(lead, element('h3', `Perché ${plan.name}`), reasons);
    const pushing = needs.filter((need) => choice.lower.some((p) => !need.plans.includes(p.id)));
    if (pushing.length) {
      const why = element('ul');
      for (const need of pushing) why.append(element('li', `${capital(need.label)}: c’è solo in ${names(need.plans)}`));
      nodes.push(element('h3', `Perché non ${joinText(choice.lower.map((p) => p.name))}`), why);
    }
    const action = element('p');
    action.append(link(`Chiedi informazioni sul piano ${plan.name}`, `${contact}?plan=${encodeURIComponent(plan.id)}`, 'button'));
    nodes.push(action);
  } else {
    const { closest, missed } = choice;
    const facts = [...new Set(missed.map((need) => fact(closest, need)))];
    const write = element('p');
    write.append(link('Scrivici', contact), ' che cosa ti serve: vediamo insieme che cosa possiamo fare.');
    nodes.push(
      element('p', 'Nessun piano copre tutto ciò che ti serve.', 'chooser-verdict'),
      element('p', `Il più vicino è ${closest.name}, ma non copre ${joinText(missed.map((need) => need.label))}. ${closest.name}: ${joinText(facts)}.`),
      write,
    );
  }
  result.replaceChildren(...nodes);
}

function start() {
  const form = document.getElementById('plan-chooser');
  if (!form) return;
  const section = form.closest('section');
  const data = JSON.parse(section.querySelector('#chooser-data').textContent);
  const rows = [...section.querySelectorAll('tr[data-field]')];
  const result = section.querySelector('#chooser-result');
  const status = section.querySelector('[data-chooser-status]');
  // The status line is the only live region: one short sentence per answer, none on load.
  const update = (announce) => {
    const needs = currentNeeds(form, rows);
    const choice = choose(needs, data.plans);
    result.dataset.recommendedPlan = choice.plan ? choice.plan.id : '';
    render(result, choice, needs, data, form.dataset.contact);
    const summary = choice.plan
      ? `Piano consigliato: ${choice.plan.name}.`
      : `Nessun piano copre tutto ciò che ti serve; il più vicino è ${choice.closest.name}.`;
    if (announce && status.textContent !== summary) status.textContent = summary;
  };
  form.addEventListener('change', () => update(true));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    update(true);
  });
  section.querySelector('[data-chooser-fallback]').hidden = true;
  form.hidden = false;
  result.hidden = false;
  update(false);
}

start();
