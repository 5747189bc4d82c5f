import { signal } from "@preact/signals";
import Counter from "../lib/fw/testdata/site/islands/Counter.tsx";
const ROWS = Array.from({ length: 50 }, (_, i) => ({
  id: i + 1, client: `Client ${i + 1}`, room: `Room ${(i % 5) + 1}`,
  starts: new Date(Date.UTC(2026, 10, 24, 9 + (i % 10))).toISOString(),
  status: i % 3 === 0 ? "confirmed" : "hold", total: `€${(120 + i * 7.5).toFixed(2)}`,
}));
export function TableOnly() {
  return (<main><h1>Sessions</h1><table><tbody>
    {ROWS.map((row) => (<tr key={row.id}><td>{row.id}</td><td><a href={`/clients/${row.id}`}>{row.client}</a></td><td>{row.room}</td>
      <td><time dateTime={row.starts}>{row.starts.slice(0, 16).replace("T", " ")}</time></td><td>{row.status}</td><td>{row.total}</td></tr>))}
  </tbody></table></main>);
}
export function IslandOnly() {
  return (<main><h1>Sessions</h1><Counter count={signal(0)} since={new Date("2026-11-24T00:00:00Z")} tags={new Set(["bench"])} /></main>);
}
export function SignalOnly() {
  const s = signal(0);
  return (<main><h1>Sessions</h1><output>{s}</output></main>);
}
