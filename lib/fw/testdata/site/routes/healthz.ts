// The app's own liveness route, so benchmarks compare pages against the real baseline.
export { handler } from "../../../../../routes/healthz.ts";
