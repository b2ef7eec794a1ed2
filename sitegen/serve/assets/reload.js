// Served only by `sitegen serve`, never part of a build: reload the page when the site is rebuilt.
// The server tags each build with a generation; the page says which one it shows, so a rebuild
// that lands between page load and connection still triggers a reload. EventSource reconnects by
// itself, so a restarted server (a new generation) reloads the page too.
(() => {
  const generation = document.currentScript?.dataset.generation ?? "";
  const events = new EventSource(`/__sitegen__/events?since=${encodeURIComponent(generation)}`);
  events.addEventListener("reload", () => {
    events.close();
    location.reload();
  });
})();
