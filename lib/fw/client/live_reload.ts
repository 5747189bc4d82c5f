/// <reference lib="dom" />
// Development only: the dev server restarts on every change; when the event stream drops and
// comes back, the page reloads.
let connectedOnce = false;
function connect(): void {
  const events = new EventSource("/_fw/alive");
  events.onopen = () => {
    if (connectedOnce) location.reload();
    connectedOnce = true;
  };
  events.onerror = () => {
    events.close();
    setTimeout(connect, 300);
  };
}
connect();
