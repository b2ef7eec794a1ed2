// Unit tests of the mailto: encoder: run with `node --test`
// (tests/browser/test_contact.py runs them under pytest, so `make test` includes them).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAILTO_LIMIT, composeBody, crlf, encodeValue, mailtoUrl } from '../../templates/static/js/mailto.js';

test('spaces are %20, never +, and a + is escaped', () => {
  assert.equal(encodeValue('a b+c'), 'a%20b%2Bc');
});

test('reserved characters, accents and emoji are percent-encoded as UTF-8', () => {
  assert.equal(encodeValue('&?#%='), '%26%3F%23%25%3D');
  assert.equal(encodeValue('è'), '%C3%A8');
  assert.equal(encodeValue('😀'), '%F0%9F%98%80');
});

test('every kind of line break becomes CRLF', () => {
  assert.equal(crlf('a\nb\r\nc\rd'), 'a\r\nb\r\nc\r\nd');
  assert.equal(encodeValue('a\nb'), 'a%0D%0Ab');
});

test('a lone surrogate becomes U+FFFD instead of throwing', () => {
  assert.equal(encodeValue('x\uD800y'), 'x%EF%BF%BDy');
});

test('the URL has the address, then subject and body', () => {
  assert.equal(
    mailtoUrl('info@misterinformatica.it', { subject: 'Piano Gold', body: 'Ciao & grazie' }),
    'mailto:info@misterinformatica.it?subject=Piano%20Gold&body=Ciao%20%26%20grazie',
  );
  assert.equal(mailtoUrl('info@misterinformatica.it'), 'mailto:info@misterinformatica.it');
});

test('the URL round-trips through decodeURIComponent', () => {
  const subject = 'Richiesta: 100% «qualità» #1 + più?';
  const body = 'Riga 1\nRiga 2 & altro 😀';
  const url = mailtoUrl('a@b.it', { subject, body });
  const query = url.split('?')[1];
  assert.ok(!query.includes('+'));
  const parts = Object.fromEntries(query.split('&').map((p) => p.split('=')));
  assert.equal(decodeURIComponent(parts.subject), subject);
  assert.equal(decodeURIComponent(parts.body), body.replace(/\n/g, '\r\n'));
});

test('the body labels every field; the message goes below its label', () => {
  const body = composeBody([
    { label: 'Nome', value: 'Zoë' },
    { label: 'Telefono', value: '' },
    { label: 'Messaggio', value: 'a\nb', block: true },
  ]);
  assert.equal(body, 'Nome: Zoë\r\nTelefono: (non indicato)\r\n\r\nMessaggio:\r\na\r\nb');
});

test('the limit is about 2,000 characters', () => {
  assert.equal(MAILTO_LIMIT, 2000);
});
