// Compose an email as a mailto: URL (RFC 6068) that mail programs read back exactly.
//
// Every value goes through encodeURIComponent: spaces become %20 (never "+", which mail programs
// keep as a plus: URLSearchParams would write it), "&", "?", "#", "%" and "+" are escaped, accents
// and emoji become UTF-8 percent-escapes, and line breaks are sent as CRLF (%0D%0A).

// Beyond about 2,000 characters some browsers and mail programs cut a mailto: URL short.
export const MAILTO_LIMIT = 2000;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Every line break (LF, CR or CRLF) as CRLF, the line end of email. */
export function crlf(text) {
  return String(text).replace(/\r\n|\r|\n/g, '\r\n');
}

/** Percent-encode a header or body value; a lone surrogate (which would throw) becomes U+FFFD. */
export function encodeValue(text) {
  return encodeURIComponent(crlf(text).replace(LONE_SURROGATE, '\uFFFD'));
}

/** mailto:ADDRESS?subject=...&body=... ; empty parts are left out. */
export function mailtoUrl(address, { subject = '', body = '' } = {}) {
  const fields = [];
  if (subject) fields.push(`subject=${encodeValue(subject)}`);
  if (body) fields.push(`body=${encodeValue(body)}`);
  const to = encodeURIComponent(address).replace(/%40/g, '@');
  return `mailto:${to}${fields.length ? `?${fields.join('&')}` : ''}`;
}

/**
 * The body of the email: one "Label: value" line per field, in order; a field marked `block`
 * (the message) goes on the lines after its label, after a blank line. An empty value reads
 * `empty`. Line breaks are CRLF.
 */
export function composeBody(fields, empty = '(non indicato)') {
  const lines = [];
  for (const { label, value, block = false } of fields) {
    const text = String(value ?? '').trim() === '' ? empty : String(value);
    if (block) {
      lines.push('', `${label}:`, text);
    } else {
      lines.push(`${label}: ${text.replace(/\s*(\r\n|\r|\n)\s*/g, ' ')}`);
    }
  }
  return crlf(lines.join('\n'));
}

/**
 * The compose pages of two webmails, with recipient, subject and body: {gmail, outlook}. They
 * are links the visitor may follow; the page contacts neither service by itself.
 */
export function webmailUrls(address, { subject = '', body = '' } = {}) {
  const to = encodeValue(address);
  const [su, text] = [encodeValue(subject), encodeValue(body)];
  return {
    gmail: `https://mail.google.com/mail/?view=cm&fs=1&to=${to}&su=${su}&body=${text}`,
    outlook: `https://outlook.live.com/mail/0/deeplink/compose?to=${to}&subject=${su}&body=${text}`,
  };
}
