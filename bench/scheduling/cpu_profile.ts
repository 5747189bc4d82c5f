// Where the app server's CPU went during one phase, from a V8 `.cpuprofile` (deno run --cpu-prof):
// self time by function and by area (our code, a dependency, GC, idle).

/** The parts of V8's profile format this reads. */
export interface CpuProfile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
  }[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  /** Sampled time, idle excluded, ms. */
  busyMs: number;
  /** Share of busy time, by area, largest first. */
  areas: { area: string; share: number }[];
  /** Functions with the most self time, largest first. */
  functions: { name: string; share: number }[];
}

const IDLE = "(idle)";

/** `lib/http/…`, `npm:postgres`, `node:…`, `(garbage collector)`: a readable place for a frame. */
export function areaOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith("(") ? functionName : "(native)";
  const npm = url.match(/node_modules\/\.deno\/([^/]+?)@[^/]+\/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (npm) return `npm:${npm[2]}`;
  const builtin = url.match(/^(ext|node):([^/]+)/);
  if (builtin) return `${builtin[1]}:${builtin[2]}`;
  const own = url.match(/\/(lib\/[^/]+|routes|components|islands|bench|db)\//);
  return own ? own[1] : url.replace(/^file:\/\//, "");
}

/** Self time per function and per area over the whole profile. */
export function summarizeProfile(profile: CpuProfile, top = 20): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const selfUs = new Map<string, number>();
  const areaUs = new Map<string, number>();
  let busyUs = 0;
  profile.samples.forEach((id, i) => {
    const frame = byId.get(id);
    const delta = profile.timeDeltas[i] ?? 0;
    if (!frame || frame.functionName === IDLE) return;
    busyUs += delta;
    const place = frame.url ? `${shortUrl(frame.url)}:${frame.lineNumber + 1}` : "";
    const name = `${frame.functionName || "(anonymous)"}${place ? ` ${place}` : ""}`;
    selfUs.set(name, (selfUs.get(name) ?? 0) + delta);
    const area = areaOf(frame.url, frame.functionName);
    areaUs.set(area, (areaUs.get(area) ?? 0) + delta);
  });
  const ranked = (m: Map<string, number>) =>
    [...m.entries()].sort((a, b) => b[1] - a[1]).map(([key, us]) => ({
      key,
      share: busyUs ? us / busyUs : 0,
    }));
  return {
    busyMs: Math.round(busyUs / 1000),
    areas: ranked(areaUs).map(({ key, share }) => ({ area: key, share })),
    functions: ranked(selfUs).slice(0, top).map(({ key, share }) => ({ name: key, share })),
  };
}

/** The profile `deno run --cpu-prof --cpu-prof-dir=dir` wrote (the newest one there). */
export async function readProfile(dir: string): Promise<CpuProfile> {
  const files: { path: string; mtime: number }[] = [];
  for await (const entry of Deno.readDir(dir)) {
    if (!entry.name.endsWith(".cpuprofile")) continue;
    const path = `${dir}/${entry.name}`;
    files.push({ path, mtime: (await Deno.stat(path)).mtime?.getTime() ?? 0 });
  }
  const newest = files.sort((a, b) => b.mtime - a.mtime)[0];
  if (!newest) throw new Error(`no .cpuprofile in ${dir}`);
  return JSON.parse(await Deno.readTextFile(newest.path));
}

function shortUrl(url: string): string {
  const npm = url.match(/node_modules\/\.deno\/([^/]+)\/node_modules\/(.*)$/);
  if (npm) return `npm:${npm[2]}`;
  const own = url.match(/\/((?:lib|routes|components|islands|bench|db)\/.*)$/);
  return own ? own[1] : url;
}
