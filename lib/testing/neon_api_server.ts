/**
 * A local stand-in for the part of the Neon API v2 the neon driver uses, backed by a real
 * Postgres: a "project" is a database plus an owner role with a password on that server. Paired
 * with {@link startNeonWsProxy} it lets tests and benchmarks run the Neon driver end to end on
 * 127.0.0.1:
 *
 * ```ts
 * const server = await sharedPostgres();
 * await using api = startNeonApiServer({ postgresUrl: server.url });
 * await using proxy = startNeonWsProxy();
 * const driver = new NeonDriver({ apiKey: api.apiKey, apiBase: api.url, socket: proxy.neonConfig, ... });
 * ```
 *
 * Implemented: POST/GET /projects (`search`, `limit`, `cursor`), GET/DELETE /projects/{id},
 * GET /projects/{id}/operations[/{operation_id}], GET /projects/{id}/connection_uri. Response
 * shapes follow the API reference, trimmed to the fields a client reads. As on Neon, a new
 * project's operations run for a while (`operationMs`) and a DELETE meanwhile answers 423.
 */
import postgres from "postgres";
import type { NeonOperation } from "../tenancy/drivers/neon_api.ts";

export interface NeonApiServer extends AsyncDisposable {
  /** The API base, like https://console.neon.tech/api/v2. */
  readonly url: string;
  /** The bearer token the server accepts. */
  readonly apiKey: string;
  /** `METHOD /path?query` of every request received, oldest first. */
  readonly requests: readonly string[];
  /** Drops every project's database and role, then stops the server. */
  close(): Promise<void>;
}

export interface NeonApiServerOptions {
  /** A superuser URL of the Postgres that holds the projects' databases. */
  postgresUrl: string;
  /** Default: a random key. */
  apiKey?: string;
  /** How long a new project's operations stay "running"; default 20 ms. */
  operationMs?: number;
  /**
   * `created_at` precision. Neon's is whole seconds, which the driver must wait out when it picks
   * among same-named projects; milliseconds (the default) keep tests fast.
   */
  timestamps?: "s" | "ms";
}

interface Project {
  id: string;
  name: string;
  region_id: string;
  created_at: string;
  database: string;
  role: string;
  /** The names on the shared server: a role is cluster-wide there, while Neon's are per project. */
  localDatabase: string;
  localRole: string;
  password: string;
  operations: { id: string; action: string; doneAt: number }[];
}

class HttpError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

export function startNeonApiServer(options: NeonApiServerOptions): NeonApiServer {
  const apiKey = options.apiKey ?? `napi_${crypto.randomUUID().replaceAll("-", "")}`;
  const operationMs = options.operationMs ?? 20;
  const target = new URL(options.postgresUrl);
  const admin = postgres(options.postgresUrl, { max: 1, prepare: false, onnotice: () => {} });
  const projects = new Map<string, Project>();
  const requests: string[] = [];

  const uri = (project: Project, pooled: boolean) => {
    // Neon's pooled host is the endpoint's "-pooler" twin. Here both reach the same server, so the
    // pooled URI sets application_name=pooled: a test can tell which one a session came through.
    const url = new URL(`postgresql://${target.host}/${project.localDatabase}`);
    url.username = project.localRole;
    url.password = project.password;
    if (pooled) url.searchParams.set("application_name", "pooled");
    return url.toString();
  };
  const operation = (
    project: Project,
    op: Project["operations"][number],
  ): NeonOperation & { project_id: string } => ({
    id: op.id,
    project_id: project.id,
    action: op.action,
    status: Date.now() >= op.doneAt ? "finished" : "running",
  });
  const listItem = ({ id, name, region_id, created_at }: Project) => ({
    id,
    name,
    region_id,
    created_at,
    platform_id: "aws",
    pg_version: 15,
  });
  const find = (id: string) => {
    const project = projects.get(id);
    if (!project) throw new HttpError(404, "project not found");
    return project;
  };

  async function createProject(body: unknown) {
    const input = (body as { project?: Record<string, unknown> })?.project;
    if (!input || typeof input !== "object") throw new HttpError(400, "project is required");
    const branch = (input.branch ?? {}) as { database_name?: string; role_name?: string };
    const id = `local-${crypto.randomUUID().slice(0, 8)}`;
    const slug = id.replaceAll("-", "_");
    const database = branch.database_name ?? "neondb";
    const project: Project = {
      id,
      name: typeof input.name === "string" ? input.name : id,
      region_id: typeof input.region_id === "string" ? input.region_id : "aws-us-east-2",
      created_at: options.timestamps === "s"
        ? new Date().toISOString().replace(/\.\d+Z$/, "Z")
        : new Date().toISOString(),
      database,
      role: branch.role_name ?? `${database}_owner`,
      localDatabase: `neon_${slug}`,
      localRole: `neon_${slug}_owner`,
      password: `npg_${crypto.randomUUID().replaceAll("-", "").slice(0, 12)}`,
      operations: ["create_timeline", "start_compute"].map((action) => ({
        id: crypto.randomUUID(),
        action,
        doneAt: Date.now() + operationMs,
      })),
    };
    await admin`CREATE ROLE ${admin(project.localRole)} LOGIN PASSWORD ${
      admin.unsafe(quote(project.password))
    }`;
    await admin`CREATE DATABASE ${admin(project.localDatabase)} OWNER ${admin(project.localRole)}`;
    projects.set(id, project);
    const host = target.hostname;
    return {
      status: 201,
      body: {
        project: listItem(project),
        connection_uris: [{
          connection_uri: uri(project, false),
          connection_parameters: {
            database: project.database,
            password: project.password,
            role: project.role,
            host,
            pooler_host: host,
          },
        }],
        roles: [{ name: project.role, password: project.password }],
        databases: [{ name: project.database, owner_name: project.role }],
        operations: project.operations.map((op) => operation(project, op)),
      },
    };
  }

  async function deleteProject(project: Project) {
    if (project.operations.some((op) => Date.now() < op.doneAt)) {
      throw new HttpError(
        423,
        "project already has running conflicting operations, scheduling of new ones is prohibited",
      );
    }
    projects.delete(project.id);
    await admin`DROP DATABASE IF EXISTS ${admin(project.localDatabase)} WITH (FORCE)`;
    await admin`DROP ROLE IF EXISTS ${admin(project.localRole)}`;
    return { status: 200, body: { project: listItem(project) } };
  }

  async function route(request: Request): Promise<{ status: number; body: unknown }> {
    if (request.headers.get("authorization") !== `Bearer ${apiKey}`) {
      throw new HttpError(401, "authorization failed");
    }
    const url = new URL(request.url);
    const path = url.pathname.replace(/^\/api\/v2/, "").split("/").filter(Boolean).map(decodeURIComponent);
    const params = url.searchParams;
    const method = request.method;
    if (path.length === 1 && path[0] === "projects") {
      if (method === "POST") return await createProject(await request.json().catch(() => null));
      if (method === "GET") {
        const search = params.get("search") ?? "";
        const limit = Math.min(Number(params.get("limit") ?? 10), 400);
        const cursor = params.get("cursor");
        const all = [...projects.values()].filter((p) => p.name.includes(search) || p.id.includes(search));
        const start = cursor ? all.findIndex((p) => p.id === cursor) + 1 : 0;
        const page = all.slice(start, start + limit);
        return {
          status: 200,
          body: { projects: page.map(listItem), pagination: { cursor: page.at(-1)?.id ?? "" } },
        };
      }
    }
    if (path[0] === "projects" && path.length >= 2) {
      const project = find(path[1]);
      if (path.length === 2 && method === "GET") return { status: 200, body: { project: listItem(project) } };
      if (path.length === 2 && method === "DELETE") return await deleteProject(project);
      if (path[2] === "operations" && method === "GET") {
        if (path.length === 3) {
          const operations = project.operations.map((op) => operation(project, op)).reverse();
          return { status: 200, body: { operations, pagination: { cursor: "" } } };
        }
        const op = project.operations.find((o) => o.id === path[3]);
        if (!op) throw new HttpError(404, "operation not found");
        return { status: 200, body: { operation: operation(project, op) } };
      }
      if (path.length === 3 && path[2] === "connection_uri" && method === "GET") {
        if (params.get("database_name") !== project.database || params.get("role_name") !== project.role) {
          throw new HttpError(404, "database or role not found");
        }
        return { status: 200, body: { uri: uri(project, params.get("pooled") !== "false") } };
      }
    }
    throw new HttpError(404, `no route for ${method} ${url.pathname}`);
  }

  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, async (request) => {
    const url = new URL(request.url);
    requests.push(`${request.method} ${url.pathname}${url.search}`);
    try {
      const { status, body } = await route(request);
      return Response.json(body, { status });
    } catch (err) {
      const status = err instanceof HttpError ? err.status : 500;
      return Response.json({ code: "", message: err instanceof Error ? err.message : String(err) }, {
        status,
      });
    }
  });

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      await server.shutdown();
      try {
        for (const project of projects.values()) {
          await admin`DROP DATABASE IF EXISTS ${admin(project.localDatabase)} WITH (FORCE)`;
          await admin`DROP ROLE IF EXISTS ${admin(project.localRole)}`;
        }
      } finally {
        await admin.end({ timeout: 5 });
      }
    })();
    return closing;
  };
  return {
    url: `http://127.0.0.1:${server.addr.port}/api/v2`,
    apiKey,
    requests,
    close,
    [Symbol.asyncDispose]: close,
  };
}

/** A string literal for the one statement where Postgres accepts no parameter (a role's password). */
function quote(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}
