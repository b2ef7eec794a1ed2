// "Quale piano fa per me?" on /piani/: recommends the first plan, in the page's order, that
// meets every need the visitor gives, and says why. The data is built from plans.yaml by
// sitegen/chooser.py: the section's table has one row per answer with the plans that meet it
// (`data-plans`), and #chooser-data gives the plans in order with the facts to cite. This
// module knows no plan ids, times or hours. Progressive enhancement: the form stays hidden,
// and the table answers one need at a time, until it runs.

import { element } from './dom.js';
import { joinText } from './words.js';

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
  const fitting = plans.filter((p) => misses(p).length === 0);
  const plan = fitting[0];
  if (plan) return { plan, lower: plans.slice(0, plans.indexOf(plan)), only: fitting.length === 1 };
  const closest = plans.reduce((best, p) => (misses(p).length < misses(best).length ? p : best));
  return { closest, missed: misses(closest) };
}

/** How the verdict introduces a plan: the simplest plan is enough, the only one is needed. */
function verdict(choice, plans) {
  if (choice.plan === plans[0]) return ['Ti basta il piano ', ': è il più semplice e copre tutto ciò che ti serve.'];
  if (choice.only) return ['Ti serve il piano ', ': è l’unico che copre tutto ciò che ti serve.'];
  return ['Ti consigliamo il piano ', ': è il più semplice che copre tutto ciò che ti serve.'];
}

function render(result, choice, shown, data, contact) {
  const fact = (plan, need) => `«${plan.facts[data.facts[need.field]]}»`;
  const names = (ids) => joinText(data.plans.filter((p) => ids.includes(p.id)).map((p) => p.name));
  const link = (text, href, className) => Object.assign(element('a', className, text), { href });
  const capital = (text) => text.charAt(0).toUpperCase() + text.slice(1);
  const nodes = [];
  const { plan } = choice;
  if (plan) {
    const [before, after] = verdict(choice, data.plans);
    const lead = element('p', 'chooser-verdict', before);
    lead.append(element('strong', '', plan.name), after);
    nodes.push(lead);
    if (shown.length) {
      const reasons = element('ul');
      for (const need of shown) reasons.append(element('li', '', `${capital(need.label)}: ${fact(plan, need)}`));
      nodes.push(element('h3', '', `Perché ${plan.name}`), reasons);
    }
    const pushing = shown.filter((need) => choice.lower.some((p) => !need.plans.includes(p.id)));
    if (pushing.length) {
      const why = element('ul');
      for (const need of pushing) why.append(element('li', '', `${capital(need.label)}: c’è solo in ${names(need.plans)}`));
      nodes.push(element('h3', '', `Perché non ${joinText(choice.lower.map((p) => p.name))}`), why);
    }
    const action = element('p');
    const request = link('Chiedi informazioni', `${contact}?plan=${encodeURIComponent(plan.id)}`, 'button');
    request.append(element('span', 'visually-hidden', ` sul piano ${plan.name}`));
    action.append(request);
    nodes.push(action);
  } else {
    const { closest, missed } = choice;
    const facts = [...new Set(missed.map((need) => fact(closest, need)))];
    const write = element('p');
    write.append(link('Scrivici', contact), ' che cosa ti serve: vediamo insieme che cosa possiamo fare.');
    nodes.push(
      element('p', 'chooser-verdict', 'Nessun piano copre tutto ciò che ti serve.'),
      element('p', '', `Il più vicino è ${closest.name}, ma non copre ${joinText(missed.map((need) => need.label))}. ${closest.name}: ${joinText(facts)}.`),
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
  const bar = section.querySelector('[data-chooser-bar]');
  // Only the fields the visitor answered are listed as reasons; the others keep their least
  // demanding answer, which the recommendation still takes into account.
  const answered = new Set();
  // The status line is the only live region: one short sentence per answer. Nothing is said or
  // shown before the first answer: the chooser waits for a question.
  const update = () => {
    const needs = currentNeeds(form, rows);
    const shown = needs.filter((need) => answered.has(need.field));
    const choice = choose(needs, data.plans);
    result.dataset.recommendedPlan = choice.plan ? choice.plan.id : '';
    render(result, choice, shown, data, form.dataset.contact);
    const summary = choice.plan
      ? `Piano consigliato: ${choice.plan.name}.`
      : `Nessun piano copre tutto ciò che ti serve; il più vicino è ${choice.closest.name}.`;
    if (status.textContent !== summary) status.textContent = summary;
    bar.textContent = summary;
    result.hidden = false;
    bar.hidden = false;
  };
  form.addEventListener('change', (event) => {
    if (event.target.name) answered.add(event.target.name);
    update();
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    update();
    result.scrollIntoView({ block: 'nearest' });
  });
  section.querySelector('[data-chooser-fallback]').hidden = true;
  form.hidden = false;
}

start();
