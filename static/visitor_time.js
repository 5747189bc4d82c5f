// Shows the visitor's own time beside the studio's times when their clocks differ (issue 7: "free
// slots in the studio's zone, with the visitor's own time when it differs"). Only the browser knows
// the visitor's zone, so this small enhancement runs there; without it the page still reads right.
const note = document.querySelector("[data-visitor-note]");
const studioZone = note?.dataset.zone;
const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
const clock = (at, timeZone, withTime = true) =>
  new Intl.DateTimeFormat("en-CA", { timeZone, dateStyle: "short", ...(withTime && { timeStyle: "short" }) })
    .format(at);
const times = [...document.querySelectorAll("time[data-visitor]")].map((el) => [el, new Date(el.dateTime)]);
// Another zone name with the same clock (Europe/Brussels for a Paris studio) needs no second time.
if (studioZone && zone && times.some(([, at]) => clock(at, zone) !== clock(at, studioZone))) {
  const lang = document.documentElement.lang || undefined;
  for (const [el, at] of times) {
    const options = { timeZone: zone, hour: "numeric", minute: "2-digit" };
    if (clock(at, zone, false) !== clock(at, studioZone, false)) options.weekday = "short";
    const mine = document.createElement("small");
    mine.className = "block text-xs font-normal text-neutral-600";
    mine.textContent = new Intl.DateTimeFormat(lang, options).format(at);
    el.append(mine);
  }
  note.textContent = note.dataset.template.replace("{zone}", zone);
  note.hidden = false;
}
