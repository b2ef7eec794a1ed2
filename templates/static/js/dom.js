// Building page elements, for every module that writes into the page (sla-widget.js,
// chooser.js, contact.js): one helper, one order of arguments.

/** A new `tag` element with an optional class and text (text as textContent, never HTML). */
export function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}
