import { signal } from "@preact/signals";
import Counter from "../islands/Counter.tsx";

/** A representative staff page for benchmarks: a 50-row table and one island. */
const ROWS = Array.from({ length: 50 }, (_, i) => ({
  id: i + 1,
  client: `Client ${i + 1}`,
  room: `Room ${(i % 5) + 1}`,
  starts: new Date(Date.UTC(2026, 10, 24, 9 + (i % 10))).toISOString(),
  status: i % 3 === 0 ? "confirmed" : "hold",
  total: `€${(120 + i * 7.5).toFixed(2)}`,
}));

export default function TablePage() {
  return (
    <main>
      <h1>Sessions</h1>
      <Counter count={signal(0)} since={new Date("2026-11-24T00:00:00Z")} tags={new Set(["bench"])} />
      <table>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Client</th>
            <th scope="col">Room</th>
            <th scope="col">Starts</th>
            <th scope="col">Status</th>
            <th scope="col">Total</th>
          </tr>
        </thead>
        <tbody>
          {ROWS.map((row) => (
            <tr key={row.id}>
              <td>{row.id}</td>
              <td>
                <a href={`/clients/${row.id}`}>{row.client}</a>
              </td>
              <td>{row.room}</td>
              <td>
                <time dateTime={row.starts}>{row.starts.slice(0, 16).replace("T", " ")}</time>
              </td>
              <td>{row.status}</td>
              <td>{row.total}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </main>
  );
}
