// The tenancy benchmark's figures, checked against the issue's targets and written as Markdown.
import type { ProvisionFigures } from "./provision_speed.ts";
import type { LatencyFigures, ResolveFigures } from "./resolve_overhead.ts";
import type { ScaleFigures } from "./scale.ts";

export interface TenancyReport {
  date: string;
  command: string;
  machine: { cpus: number; deno: string };
  provision?: { postgres: ProvisionFigures; pglite: ProvisionFigures };
  scale?: ScaleFigures;
  resolve?: ResolveFigures;
  durationS?: number;
  targets?: Verdict[];
}

export interface Verdict {
  target: string;
  value: string;
  goal: string;
  met: boolean;
}

export function verdicts(report: TenancyReport): Verdict[] {
  const out: Verdict[] = [];
  const add = (target: string, value: string, goal: string, met: boolean) =>
    out.push({ target, value, goal, met });
  const { provision, scale, resolve } = report;
  if (provision) {
    add(
      "provision a studio, postgres (median)",
      `${provision.postgres.medianMs} ms`,
      "≤ 300 ms",
      provision.postgres.medianMs <= 300,
    );
    add(
      "provision a studio, pglite (median)",
      `${provision.pglite.medianMs} ms`,
      "≤ 1500 ms",
      provision.pglite.medianMs <= 1500,
    );
  }
  if (scale) {
    const { touch, migrate } = scale;
    add(
      `provision ${scale.studios} studios: failures`,
      String(scale.provision.failures),
      "0",
      scale.provision.failures === 0,
    );
    add(
      `touch ${scale.studios} studios: requests failed`,
      String(touch.failures.length),
      "0",
      touch.failures.length === 0,
    );
    add(
      "peak client connections while touching",
      String(touch.peakConnections),
      `≤ ${touch.allowed} (${touch.poolSize}×${touch.connectionsPerTenant} + 1 admin + 1 sampler)`,
      touch.peakConnections <= touch.allowed,
    );
    add(
      `app RSS after ${scale.studios} studios ÷ after 10`,
      `${touch.rssRatio} (${touch.rssAfterAllMb} / ${touch.rssAfter10Mb} MB; control over 10 studios × ${touch.control.rssRatio})`,
      "≤ 2",
      touch.rssRatio <= 2,
    );
    add(
      `migrate --all over ${scale.studios} studios`,
      `${round1(migrate.durationMs / 1000)} s`,
      "≤ 60 s",
      migrate.durationMs <= 60_000,
    );
    add("migrate --all: failures", String(migrate.failures.length), "0", migrate.failures.length === 0);
  }
  if (resolve) {
    add(
      "tenant resolution + database lease (added, median / mean)",
      `${resolve.addedMedianUs} / ${resolve.addedMeanUs} µs`,
      "≤ 1000 µs",
      resolve.addedMedianUs <= 1000 && resolve.addedMeanUs <= 1000,
    );
  }
  return out;
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const yes = (met: boolean) => (met ? "met" : "**missed**");

export function markdownReport(report: TenancyReport): string {
  const lines = [
    `### Tenancy — ${report.date.slice(0, 10)}, ${report.machine.cpus} CPUs, Deno ${report.machine.deno}`,
    "",
    `\`${report.command}\` (${report.durationS ?? "?"} s)`,
    "",
    "| target | value | goal | |",
    "|---|---|---|---|",
    ...(report.targets ?? []).map((t) => `| ${t.target} | ${t.value} | ${t.goal} | ${yes(t.met)} |`),
  ];
  const { provision, scale, resolve } = report;
  if (provision) {
    lines.push(
      "",
      "Provisioning, `provisionStudio()` end to end (median of the calls after the first; the first builds the template):",
      "",
      "| driver | first (template) | median | min–max | catalog | database | profile | activate |",
      "|---|---|---|---|---|---|---|---|",
      ...[provision.postgres, provision.pglite].map((p) =>
        `| ${p.driver} | ${p.firstMs} ms | ${p.medianMs} ms (n=${p.samples}) | ${p.minMs}–${p.maxMs} ms | ${p.stepsMedianMs.catalog} | ${p.stepsMedianMs.database} | ${p.stepsMedianMs.profile} | ${p.stepsMedianMs.activate} ms |`
      ),
    );
  }
  if (scale) {
    const { provision: p, touch: t, migrate: m } = scale;
    lines.push(
      "",
      `${scale.studios} studios on one local Postgres server (max_connections ${scale.maxConnections}):`,
      "",
      "| measure | value |",
      "|---|---|",
      `| provision all (concurrency ${p.concurrency}) | ${
        round1(p.totalMs / 1000)
      } s, ${p.perStudioMs} ms per studio, ${p.failures} failed |`,
      `| disk per studio (cluster data dir growth) | ${p.diskMbPerStudio} MB |`,
      `| peak client connections: provisioning / touching / migrating | ${p.peakConnections} / ${t.peakConnections} / ${m.peakConnections} (allowed ${t.allowed}) |`,
      `| touch every studio through the app (concurrency ${t.concurrency}, pool ${t.poolSize} × ${t.connectionsPerTenant}) | ${
        round1(t.durationMs / 1000)
      } s; per studio median ${t.touchMedianMs} ms, p99 ${t.touchP99Ms} ms; ${t.failures.length} failed |`,
      `| app RSS after 10 / after ${t.studios} studios${
        t.gc ? " (after gc())" : " (no gc available)"
      } | ${t.rssAfter10Mb} / ${t.rssAfterAllMb} MB (× ${t.rssRatio}); JS heap ${t.heapUsedAfter10Mb} / ${t.heapUsedAfterAllMb} MB |`,
      `| control: ${t.studios} touches over the first 10 studios only, RSS after 10 / after all | ${t.control.rssAfter10Mb} / ${t.control.rssAfterAllMb} MB (× ${t.control.rssRatio}); ${t.control.failures} failed; peak connections ${t.control.peakConnections} |`,
      `| app RSS while touching, every tenth (MB, no forced GC) | ${
        t.rssCurveMb.map((p) => `${p.studios}: ${p.rssMb}`).join(", ")
      } |`,
      `| migrate --all, one appended migration (concurrency ${m.concurrency}) | ${
        round1(m.durationMs / 1000)
      } s; ${m.migrated} migrated, ${m.upToDate} up to date, ${m.failures.length} failed |`,
      `| after migrating: catalog at the new version / column present in sampled databases | ${m.catalogAtNewVersion} / ${m.columnFound} of ${m.columnChecked} |`,
    );
    if (t.failures.length) {
      lines.push(
        "",
        "Failed touches (first 10):",
        ...t.failures.slice(0, 10).map((f) => `- ${f}`),
      );
    }
    if (m.failures.length) {
      lines.push(
        "",
        "Failed migrations (first 10):",
        ...m.failures.slice(0, 10).map((f) => `- ${f.slug}: ${f.error}`),
      );
    }
    if (scale.samplerFailures) lines.push("", `Connection samples that failed: ${scale.samplerFailures}`);
  }
  if (resolve) {
    const row = (name: string, l: LatencyFigures) => `| ${name} | ${l.medianUs} | ${l.meanUs} | ${l.p99Us} |`;
    lines.push(
      "",
      `Studio resolution on a warm path, in process, ${resolve.requests} requests per variant after ${resolve.warmup} (µs per request):`,
      "",
      "| variant | median | mean | p99 |",
      "|---|---|---|---|",
      row("Hono, a handler returning text", resolve.bare),
      row("+ resolveStudio, at `<slug>.studios.example`", resolve.studio),
      row("+ resolveStudio, at the platform's host (no studio)", resolve.platform),
      row("  of which: catalog lookup (`getTenantBySlug`, 2 KV reads)", resolve.catalogLookup),
      row("  of which: pool lease + release (open database)", resolve.poolLease),
      row("real app: `/healthz`", resolve.realApp.platform),
      row("real app: `/s/<slug>/healthz`", resolve.realApp.studio),
      "",
      `Added by resolution: ${resolve.addedMedianUs} µs median, ${resolve.addedMeanUs} µs mean (isolated); ` +
        `${resolve.realApp.addedMedianUs} µs median, ${resolve.realApp.addedMeanUs} µs mean through the real app.`,
    );
  }
  return lines.join("\n");
}
