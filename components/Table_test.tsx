import assert from "node:assert/strict";
import { render } from "preact-render-to-string";
import { Badge } from "./Badge.tsx";
import { Table, type TableColumn } from "./Table.tsx";
import { classesOf, tagOf, tagsOf } from "./test_html.ts";

interface Session {
  id: string;
  client: string;
  room: string;
  hours: number;
  status: "hold" | "confirmed";
}

const columns: TableColumn<Session>[] = [
  { key: "client", header: "Client", rowHeader: true },
  { key: "room", header: "Room" },
  { key: "hours", header: "Hours", align: "end" },
  { key: "status", header: "Status", render: (session) => <Badge>{session.status}</Badge> },
];

const sessions: Session[] = [
  { id: "s1", client: "The Lumens", room: "Live room A", hours: 6, status: "confirmed" },
  { id: "s2", client: "Ana Ruiz", room: "Vocal booth", hours: 2, status: "hold" },
];

function renderTable(rows: Session[], extra: { hideCaption?: boolean } = {}) {
  return render(
    <Table columns={columns} rows={rows} caption="Upcoming sessions" empty="No sessions yet" {...extra} />,
  );
}

Deno.test("column headers are <th scope=col>, in column order", () => {
  const html = renderTable(sessions);
  const headers = tagsOf(html, "th").filter((th) => th.scope === "col");
  assert.equal(headers.length, columns.length);
  assert.match(html, /Client<\/th><th[^>]*>Room<\/th><th[^>]*>Hours<\/th><th[^>]*>Status<\/th>/);
});

Deno.test("the caption names the table, and can be hidden for sighted users only", () => {
  const visible = renderTable(sessions);
  assert.match(visible, /<caption[^>]*>Upcoming sessions<\/caption>/);
  assert.ok(!classesOf(tagOf(visible, "caption")).includes("sr-only"));

  const hidden = renderTable(sessions, { hideCaption: true });
  assert.match(hidden, /<caption[^>]*>Upcoming sessions<\/caption>/);
  assert.ok(classesOf(tagOf(hidden, "caption")).includes("sr-only"));
});

Deno.test("cells show the row's field, or what the column's render returns", () => {
  const html = renderTable(sessions);
  assert.match(html, />Vocal booth<\/td>/);
  assert.match(html, />6<\/td>/);
  assert.match(html, /<span[^>]*>confirmed<\/span><\/td>/);
});

Deno.test("a rowHeader column's cells are <th scope=row>", () => {
  const html = renderTable(sessions);
  const rowHeaders = tagsOf(html, "th").filter((th) => th.scope === "row");
  assert.equal(rowHeaders.length, sessions.length);
  assert.match(html, /scope="row"[^>]*>The Lumens<\/th>/);
});

Deno.test("an end-aligned column aligns its header and cells to the end", () => {
  const html = renderTable(sessions);
  const hours = tagsOf(html, "th").find((th) => th.scope === "col" && classesOf(th).includes("text-end"));
  assert.ok(hours);
  const endCells = tagsOf(html, "td").filter((td) => classesOf(td).includes("text-end"));
  assert.equal(endCells.length, sessions.length);
});

Deno.test("with no rows the table shows the empty message across every column", () => {
  const html = renderTable([]);
  const cell = tagOf(html, "td");
  assert.equal(cell.colspan, String(columns.length));
  assert.match(html, />No sessions yet<\/td>/);
  assert.equal(tagsOf(html, "th").filter((th) => th.scope === "col").length, columns.length);
});

Deno.test("the table scrolls inside a focusable region named by the caption, so keyboards can scroll it", () => {
  const region = tagsOf(renderTable(sessions), "div")[0];
  assert.equal(region.role, "region");
  assert.equal(region["aria-label"], "Upcoming sessions");
  assert.equal(region.tabindex, "0");
  assert.ok(classesOf(region).includes("overflow-x-auto"));
});

Deno.test("cells stay on one line so narrow screens scroll the table, unless their column wraps", () => {
  const html = render(
    <Table
      columns={[{ key: "room", header: "Room" }, { key: "notes", header: "Notes", wrap: true }]}
      rows={[{ room: "Live room A", notes: "Bring your own cymbals" }]}
      caption="Rooms"
      empty="None"
    />,
  );
  const [room, notes] = tagsOf(html, "td");
  assert.ok(classesOf(room).includes("whitespace-nowrap"));
  assert.ok(!classesOf(notes).includes("whitespace-nowrap"));
});

Deno.test("a missing or null field renders as an empty cell, not 'undefined'", () => {
  const html = render(
    <Table
      columns={[{ key: "note", header: "Note" }]}
      rows={[{ note: null as string | null }]}
      caption="Notes"
      empty="None"
    />,
  );
  assert.match(html, /<td[^>]*><\/td>/);
  assert.doesNotMatch(html, /undefined|null/);
});
