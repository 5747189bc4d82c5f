import { Client, type NeonConfigGlobalAndClient, Pool } from "@neondatabase/serverless";
import { drizzle } from "drizzle-orm/neon-serverless";
import * as schema from "../../../db/schema/mod.ts";
import { log } from "../../http/logger.ts";
import type { DatabaseLocator } from "../../kv/tenants.ts";
import { migrate, type Migration } from "../migrations.ts";
import type { TenantConnection, TenantDb } from "../tenant_db.ts";
import type { TenantDriver } from "./driver.ts";
import { NeonApi, type NeonOperation, type NeonProject } from "./neon_api.ts";

/** How `@neondatabase/serverless` reaches Postgres; tests point it at a loopback proxy. */
export type NeonSocketConfig = Partial<
  Pick<
    NeonConfigGlobalAndClient,
    | "wsProxy"
    | "useSecureWebSocket"
    | "forceDisablePgSSL"
    | "pipelineTLS"
    | "pipelineConnect"
    | "coalesceWrites"
    | "webSocketConstructor"
  >
>;

export interface NeonDriverOptions {
  apiKey: string;
  /** Default https://console.neon.tech/api/v2 (NEON_API_URL). */
  apiBase?: string;
  /** Our region → Neon's `region_id`, e.g. `{ eu: "aws-eu-central-1" }` (NEON_REGION_<REGION>). */
  regions: Record<string, string>;
  migrations: Migration[];
  /** Required by organization API keys. */
  orgId?: string;
  /** The database and owner role each project is created with; default Neon's neondb / neondb_owner. */
  databaseName?: string;
  roleName?: string;
  /** Default 2. */
  maxConnectionsPerTenant?: number;
  /** Default 30. */
  idleTimeoutSeconds?: number;
  /**
   * Applied to each connection this driver opens, not to the global `neonConfig`, so other users
   * of the module keep their settings. Default: Neon's own (wss://, its proxy).
   */
  socket?: NeonSocketConfig;
  /** How long to wait for a project's operations (creation, start of its compute); default 5 minutes. */
  operationTimeoutMs?: number;
}

/** Operation states after which nothing runs any more (Neon API `OperationStatus`). */
const SETTLED = new Set(["finished", "skipped", "failed", "error", "cancelled"]);
const FAILED = new Set(["failed", "error", "cancelled"]);
/** Same rule as the other drivers; Neon project names are far more permissive. */
const PROJECT_NAME = /^[a-z0-9_][a-z0-9_-]{0,62}$/;

/**
 * One Neon project per studio, created in the studio's region through the Neon API and queried
 * with `@neondatabase/serverless` over WebSockets: the pooled host (PgBouncer, transaction mode)
 * for traffic, the direct host for migrations, as Neon advises for schema changes.
 *
 * The locator's `ref` is the project id; connection strings, which hold the role's password,
 * are fetched from the API when needed and kept only in memory.
 */
export class NeonDriver implements TenantDriver {
  readonly name = "neon" as const;
  readonly #api: NeonApi;
  readonly #options: NeonDriverOptions & { databaseName: string; roleName: string };
  readonly #uris = new Map<string, Promise<string>>();
  readonly #creating = new Map<string, Promise<DatabaseLocator>>();
  readonly #Client: typeof Client;

  constructor(options: NeonDriverOptions) {
    this.#options = { databaseName: "neondb", roleName: "neondb_owner", ...options };
    this.#api = new NeonApi({
      apiKey: options.apiKey,
      apiBase: options.apiBase ?? "https://console.neon.tech/api/v2",
      orgId: options.orgId,
    });
    this.#Client = clientWith(options.socket ?? {});
  }

  /**
   * Idempotent and resumable: the project is found by name, so a create() that crashed after the
   * API call carries on with the same project, and migrate() applies only what is missing.
   */
  async create(region: string, name: string): Promise<DatabaseLocator> {
    assertProjectName(name);
    let creating = this.#creating.get(name);
    if (!creating) {
      creating = this.#create(region, name).finally(() => this.#creating.delete(name));
      this.#creating.set(name, creating);
    }
    return await creating;
  }

  async exists(locator: DatabaseLocator): Promise<boolean> {
    assertProjectName(locator.name);
    if (locator.ref) return (await this.#api.getProject(locator.ref)) !== null;
    return (await this.#api.findProjects(locator.name)).length > 0;
  }

  async open(locator: DatabaseLocator): Promise<TenantConnection> {
    const id = await this.#projectId(locator);
    const { maxConnectionsPerTenant = 2, idleTimeoutSeconds = 30 } = this.#options;
    return this.#connect(await this.#uri(id, true), maxConnectionsPerTenant, idleTimeoutSeconds);
  }

  async drop(locator: DatabaseLocator): Promise<void> {
    assertProjectName(locator.name);
    // Also any duplicate a crashed create() left under the same name.
    const ids = new Set((await this.#api.findProjects(locator.name)).map((project) => project.id));
    if (locator.ref) ids.add(locator.ref);
    for (const id of ids) {
      await this.#api.deleteProject(id);
      this.#forget(id);
    }
  }

  close(): Promise<void> {
    this.#uris.clear();
    return Promise.resolve();
  }

  async #create(region: string, name: string): Promise<DatabaseLocator> {
    const regionId = this.#options.regions[region];
    if (!regionId) {
      throw new Error(
        `No Neon region is configured for region "${region}": set NEON_REGION_${region.toUpperCase()}.`,
      );
    }
    let project = await this.#resolve(name);
    if (project) {
      await this.#settle(project.id);
    } else {
      const created = await this.#api.createProject({
        name,
        region_id: regionId,
        branch: { database_name: this.#options.databaseName, role_name: this.#options.roleName },
      });
      const direct = created.connection_uris?.find((uri) =>
        uri.connection_parameters.database === this.#options.databaseName &&
        uri.connection_parameters.role === this.#options.roleName
      );
      if (direct) this.#uris.set(`${created.project.id}:direct`, Promise.resolve(direct.connection_uri));
      await this.#settle(created.project.id, created.operations);
      project = await this.#keepOne(name, created.project);
    }
    if (project.region_id !== regionId) {
      throw new Error(`Neon project "${name}" exists in ${project.region_id}, not in ${regionId}.`);
    }
    const connection = this.#connect(await this.#uri(project.id, false), 1);
    try {
      await migrate(connection.db, this.#options.migrations);
    } finally {
      await connection.close();
    }
    return { driver: this.name, region, name, ref: project.id };
  }

  /**
   * Two processes creating the same studio at once each make a project; all agree on the one
   * #resolve() picks and delete their own if it is not that one.
   */
  async #keepOne(name: string, ours: NeonProject): Promise<NeonProject> {
    const keep = await this.#resolve(name) ?? ours;
    if (keep.id !== ours.id) {
      await this.#api.deleteProject(ours.id);
      this.#forget(ours.id);
      await this.#settle(keep.id);
    }
    return keep;
  }

  /** Waits until the project's operations are done; Neon refuses some requests while they run. */
  async #settle(projectId: string, operations?: NeonOperation[]): Promise<void> {
    const timeoutMs = this.#options.operationTimeoutMs ?? 5 * 60_000;
    const deadline = Date.now() + timeoutMs;
    let pending = (operations ?? await this.#api.listOperations(projectId))
      .filter((operation) => !SETTLED.has(operation.status));
    for (let delay = 50; pending.length > 0; delay = Math.min(delay * 2, 2_000)) {
      if (Date.now() > deadline) {
        throw new Error(
          `Neon project ${projectId} still has operations running after ${timeoutMs / 1000} s.`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, delay));
      const current = await Promise.all(
        pending.map((operation) => this.#api.getOperation(projectId, operation.id)),
      );
      const failed = current.find((operation) => FAILED.has(operation.status));
      if (failed) {
        throw new Error(`Neon operation ${failed.action} on project ${projectId} ended "${failed.status}".`);
      }
      pending = current.filter((operation) => !SETTLED.has(operation.status));
    }
  }

  /**
   * The project a name stands for: the oldest of that name, then the smallest id. Creation times
   * tie within their precision (whole seconds on Neon), so the pick waits until that tick is over,
   * when every project that could tie with it is listed; every process then picks the same one.
   */
  async #resolve(name: string): Promise<NeonProject | undefined> {
    while (true) {
      const projects = await this.#api.findProjects(name);
      const pick = projects.toSorted((a, b) =>
        a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id)
      )[0];
      const wait = pick ? tickEnd(pick.created_at) - Date.now() : 0;
      if (wait <= 0) return pick;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }

  async #projectId(locator: DatabaseLocator): Promise<string> {
    assertProjectName(locator.name);
    if (locator.ref) return locator.ref;
    const project = await this.#resolve(locator.name);
    if (!project) throw new Error(`No Neon project named "${locator.name}".`);
    return project.id;
  }

  #uri(projectId: string, pooled: boolean): Promise<string> {
    const key = `${projectId}:${pooled ? "pooled" : "direct"}`;
    let uri = this.#uris.get(key);
    if (!uri) {
      uri = this.#api.connectionUri(projectId, {
        database_name: this.#options.databaseName,
        role_name: this.#options.roleName,
        pooled,
      });
      this.#uris.set(key, uri);
      uri.catch(() => this.#uris.delete(key));
    }
    return uri;
  }

  #forget(projectId: string): void {
    this.#uris.delete(`${projectId}:pooled`);
    this.#uris.delete(`${projectId}:direct`);
  }

  #connect(connectionString: string, max: number, idleTimeoutSeconds = 30): TenantConnection {
    const pool = new Pool({ connectionString, max, idleTimeoutMillis: idleTimeoutSeconds * 1000 });
    pool.Client = this.#Client;
    // An idle connection the server closed is dropped by the pool; unheard, the event would crash the process.
    pool.on("error", (err: Error) => log.warn("neon: idle connection failed", { error: err.message }));
    // pool.end() resolves before its sockets have closed: wait for them, so that a drop() or a test's
    // clean-up right after close() finds no session left behind.
    const ended = new Set<Promise<void>>();
    pool.on("connect", (client: Client) => {
      ended.add(new Promise((resolve) => client.once("end", () => resolve())));
    });
    return {
      db: drizzle({ client: pool, schema }) as unknown as TenantDb,
      close: async () => {
        await pool.end();
        await Promise.all(ended);
      },
    };
  }
}

/** A Client class carrying the driver's socket settings, instead of setting the module-wide neonConfig. */
function clientWith(socket: NeonSocketConfig): typeof Client {
  return class ConfiguredClient extends Client {
    constructor(config?: ConstructorParameters<typeof Client>[0]) {
      super(config);
      Object.assign(this.neonConfig, socket);
      // A socket failing while the client is checked out (a dropped database, a closed proxy) is
      // also emitted as an event; its query rejects regardless, and unheard the event would crash.
      this.on("error", (err: Error) => log.warn("neon: connection failed", { error: err.message }));
    }
  };
}

/** When the clock tick a timestamp was truncated to ends: `…:16Z` is over at :17, `…:16.123Z` at .124. */
function tickEnd(timestamp: string): number {
  const fraction = timestamp.match(/\.(\d+)Z$/)?.[1];
  return Date.parse(timestamp) + (fraction ? 10 ** (3 - Math.min(fraction.length, 3)) : 1000);
}

function assertProjectName(name: string): void {
  if (!PROJECT_NAME.test(name)) throw new Error(`Unsafe database name: ${JSON.stringify(name)}`);
}
