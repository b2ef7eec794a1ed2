// The contact form (templates/contact.html), improved when JavaScript runs:
// - /contatti/?plan=<id> preselects a plan (only a value the select offers; anything else is
//   ignored and never written into the page), shows that plan's line at the top and starts the
//   message with a sentence naming it, which the visitor may change;
// - on submit the fields are checked, GOV.UK style: "Errore: " in the title, an error summary
//   that takes focus and links to each field, aria-invalid and aria-describedby on each field;
//   nothing typed is cleared;
// - a valid mailto: form becomes a readable email (subject naming the plan, every field
//   labelled), shown with four ways to send it: the mail program (mailto:), Gmail and
//   Outlook.com (their compose links) and a copy button. The page never navigates by itself: a
//   visitor without a mail program loses nothing. A long message gets a warning.
// With a form endpoint (the action is not mailto:) a valid form is posted as usual.
import { element } from './dom.js';
import { MAILTO_LIMIT, composeBody, mailtoUrl, webmailUrls } from './mailto.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[\d\s().\/-]+$/;

// Checks in field order: [field name, test returning an error message or ''].
const CHECKS = [
  ['name', (v) => (v.trim() ? '' : 'Inserisci il tuo nome')],
  [
    'email',
    (v) => {
      if (!v.trim()) return 'Inserisci il tuo indirizzo email';
      return EMAIL.test(v.trim()) ? '' : 'Inserisci un indirizzo email valido, come nome@esempio.it';
    },
  ],
  [
    'phone',
    (v) => {
      if (!v.trim()) return '';
      const digits = v.replace(/\D/g, '').length;
      return PHONE.test(v.trim()) && digits >= 6
        ? ''
        : 'Inserisci un numero di telefono valido: cifre, spazi e, se servono, i segni + ( ) - . /';
    },
  ],
  ['message', (v) => (v.trim() ? '' : 'Scrivi il tuo messaggio')],
];

const BODY_FIELDS = ['name', 'email', 'phone', 'company', 'plan', 'message'];

function init(form) {
  const summary = document.getElementById('contact-error-summary');
  const result = document.getElementById('contact-result');
  const title = document.title;
  const plan = form.elements.namedItem('plan');

  const message = form.elements.namedItem('message');
  preselectPlan(plan);
  showPlan(plan, message);
  plan.addEventListener('change', () => showPlan(plan, message));

  form.addEventListener('submit', (event) => {
    const errors = validate(form);
    showErrors(form, summary, errors, title);
    if (errors.length) {
      event.preventDefault();
      hideResult(result);
      summary.focus();
      return;
    }
    const action = form.getAttribute('action') || '';
    if (!action.startsWith('mailto:')) return; // a form endpoint: post as usual
    event.preventDefault();
    const address = decodeURIComponent(action.slice('mailto:'.length).split('?')[0]);
    const email = compose(form, address);
    showResult(result, email, address, email.url.length > MAILTO_LIMIT);
    result.focus();
  });

  summary.addEventListener('click', (event) => {
    const link = event.target.closest('a[href^="#"]');
    if (!link) return;
    const field = document.getElementById(link.getAttribute('href').slice(1));
    if (!field) return;
    event.preventDefault();
    const label = form.querySelector(`label[for="${field.id}"]`);
    (label || field).scrollIntoView();
    field.focus({ preventScroll: true });
  });

  const copy = result.querySelector('[data-copy]');
  copy.addEventListener('click', () => copyComposed(result));
}

/** Select the plan named by ?plan= when, and only when, it is one of the select's values. */
function preselectPlan(select) {
  const wanted = new URLSearchParams(window.location.search).get('plan');
  if (!wanted) return;
  const option = [...select.options].find((o) => o.value === wanted);
  if (option) select.value = option.value;
}

/** The chosen plan's line at the top, and a first sentence naming it while the message still
 * holds one of the sentences the page wrote (never over what the visitor typed). */
function showPlan(select, message) {
  for (const intro of document.querySelectorAll('[data-plan-intro]')) {
    intro.hidden = intro.dataset.planIntro !== select.value;
  }
  const written = [message.dataset.firstSentence];
  for (const option of select.options) {
    if (option.value) written.push(planSentence(message, option.text));
  }
  if (!written.includes(message.value.trim())) return;
  message.value = select.value
    ? planSentence(message, select.selectedOptions[0].text)
    : message.dataset.firstSentence;
}

function planSentence(message, name) {
  return message.dataset.planSentence.replace('{}', name);
}

function validate(form) {
  const errors = [];
  for (const [name, check] of CHECKS) {
    const field = form.elements.namedItem(name);
    const message = check(field.value);
    if (message) errors.push({ field, message });
  }
  return errors;
}

function showErrors(form, summary, errors, title) {
  for (const name of BODY_FIELDS) clearFieldError(form.elements.namedItem(name));
  const list = summary.querySelector('ul');
  list.replaceChildren();
  document.title = errors.length ? `Errore: ${title}` : title;
  summary.hidden = errors.length === 0;
  for (const { field, message } of errors) {
    const item = element('li');
    const link = element('a', '', message);
    link.href = `#${field.id}`;
    item.append(link);
    list.append(item);
    setFieldError(field, message);
  }
}

function setFieldError(field, message) {
  const id = `${field.id}-error`;
  const error = element('p', 'field-error');
  error.id = id;
  error.append(element('span', 'visually-hidden', 'Errore: '), message);
  field.before(error);
  field.closest('.field').classList.add('field--error');
  field.setAttribute('aria-invalid', 'true');
  const described = (field.getAttribute('aria-describedby') || '').split(/\s+/).filter(Boolean);
  field.setAttribute('aria-describedby', [...described, id].join(' '));
}

function clearFieldError(field) {
  const id = `${field.id}-error`;
  document.getElementById(id)?.remove();
  field.closest('.field').classList.remove('field--error');
  field.removeAttribute('aria-invalid');
  const described = (field.getAttribute('aria-describedby') || '')
    .split(/\s+/)
    .filter((token) => token && token !== id);
  if (described.length) field.setAttribute('aria-describedby', described.join(' '));
  else field.removeAttribute('aria-describedby');
}

/** The email for the form's values: {url, subject, body}. */
function compose(form, address) {
  const plan = form.elements.namedItem('plan');
  const planName = plan.value ? plan.selectedOptions[0].text : '';
  const subject = planName
    ? `Richiesta di informazioni sul piano ${planName}`
    : 'Richiesta di informazioni (piano non ancora scelto)';
  const fields = BODY_FIELDS.map((name) => {
    const field = form.elements.namedItem(name);
    const value = name === 'plan' ? plan.selectedOptions[0].text : field.value;
    return { label: field.dataset.label, value, block: name === 'message' };
  });
  const body = composeBody(fields);
  return { url: mailtoUrl(address, { subject, body }), subject, body };
}

function showResult(result, email, address, long) {
  result.querySelector('[data-result="opened"]').hidden = long;
  result.querySelector('[data-result="long"]').hidden = !long;
  result.querySelector('[data-result-subject]').textContent = email.subject;
  result.querySelector('textarea').value = email.body;
  result.querySelector('[data-copy-status]').textContent = '';
  const link = result.querySelector('[data-mailto-link]');
  link.href = email.url;
  link.id = 'contact-mailto';
  const webmail = webmailUrls(address, email);
  for (const other of result.querySelectorAll('[data-webmail]')) {
    other.href = webmail[other.dataset.webmail];
  }
  result.hidden = false;
}

function hideResult(result) {
  result.hidden = true;
  result.querySelector('[data-mailto-link]').removeAttribute('id');
}

async function copyComposed(result) {
  const text = result.querySelector('textarea');
  const status = result.querySelector('[data-copy-status]');
  try {
    if (!navigator.clipboard) throw new Error('no clipboard');
    await navigator.clipboard.writeText(text.value);
    status.textContent = 'Testo copiato: incollalo in una nuova email.';
  } catch {
    text.focus();
    text.select();
    status.textContent =
      'Non è stato possibile copiare da qui: il testo è selezionato, copialo con Ctrl+C (Cmd+C su Mac).';
  }
}

const form = document.getElementById('contact-form');
if (form) init(form);
