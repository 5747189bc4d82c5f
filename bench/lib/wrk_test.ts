import assert from "node:assert/strict";
import { medianRun, parseWrk } from "./wrk.ts";

const SAMPLE = `Running 20s test @ http://127.0.0.1:8000/healthz
  2 threads and 32 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     1.10ms  300.00us   9.00ms   90.00%
  Latency Distribution
     50%  850.00us
     75%    1.20ms
     90%    1.50ms
     99%    2.10ms
  400000 requests in 20.00s, 60.00MB read
  Non-2xx or 3xx responses: 3
Requests/sec:  20000.50
Transfer/sec:      3.00MB
`;

Deno.test("wrk's report is read in milliseconds whatever unit it prints", () => {
  assert.deepEqual(parseWrk(SAMPLE), { rps: 20000.5, requests: 400000, p50Ms: 0.85, p99Ms: 2.1, errors: 3 });
});

Deno.test("the median run is chosen by throughput", () => {
  const run = (rps: number) => ({ rps, requests: rps * 20, p50Ms: 1, p99Ms: 2, errors: 0 });
  assert.equal(medianRun([run(3), run(1), run(2)]).rps, 2);
});
