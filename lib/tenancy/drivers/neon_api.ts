/**
 * The few Neon API v2 calls the neon driver makes (https://api-docs.neon.tech/reference), with
 * retries where Neon asks for them: 423 while a project's operations run, 429 when rate limited.
 * Responses can hold role passwords, so they are never put into errors or logs.
 */

export interface NeonProject {
  id: string;
  name: string;
  region_id: string;
  created_at: string;
}

export interface NeonOperation {
  id: string;
  action: string;
  /** scheduling | running | finished | failed | error | cancelling | cancelled | skipped */
  status: string;
}

export interface NeonConnectionDetails {
  connection_uri: string;
  connection_parameters: { database: string; role: string; host: string; pooler_host: string };
}

export interface NeonProjectCreated {
  project: NeonProject;
  connection_uris?: NeonConnectionDetails[];
  operations: NeonOperation[];
}

/** A refused API call; `code` and `message` are Neon's own error body. */
export class NeonApiError extends Error {
  override name = "NeonApiError";
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

export interface NeonApiOptions {
  apiKey: string;
  apiBase: string;
  orgId?: string;
  /** Per request; default 30 s. */
  requestTimeoutMs?: number;
  /** How long to keep retrying a call Neon asked us to retry; default 60 s. */
  retryForMs?: number;
}

const PAGE_SIZE = 400;
/** Safe to repeat whatever the method: Neon did not act on the request. */
const RETRY_ALWAYS = new Set([423, 429]);
/** Safe to repeat for reads and deletes only: a POST may have created a project before failing. */
const RETRY_IDEMPOTENT = new Set([500, 502, 503, 504]);

export class NeonApi {
  readonly #options: Required<Omit<NeonApiOptions, "orgId">> & { orgId?: string };

  constructor(options: NeonApiOptions) {
    this.#options = {
      requestTimeoutMs: 30_000,
      retryForMs: 60_000,
      ...options,
      apiBase: options.apiBase.replace(/\/$/, ""),
    };
  }

  /** null when there is no such project (any more). */
  async getProject(id: string): Promise<NeonProject | null> {
    const body = await this.#request<{ project: NeonProject }>("GET", `/projects/${enc(id)}`, {
      missingOk: true,
    });
    return body?.project ?? null;
  }

  /** The projects named exactly `name` (the API's `search` also matches parts of names and ids). */
  async findProjects(name: string): Promise<NeonProject[]> {
    const found: NeonProject[] = [];
    for (let cursor: string | undefined, more = true; more;) {
      const query = new URLSearchParams({ search: name, limit: String(PAGE_SIZE) });
      if (cursor) query.set("cursor", cursor);
      if (this.#options.orgId) query.set("org_id", this.#options.orgId);
      const page = await this.#request<{ projects: NeonProject[]; pagination?: { cursor?: string } }>(
        "GET",
        `/projects?${query}`,
      );
      found.push(...page!.projects.filter((project) => project.name === name));
      cursor = page!.pagination?.cursor;
      more = page!.projects.length === PAGE_SIZE && !!cursor;
    }
    return found;
  }

  async createProject(
    project: { name: string; region_id: string; branch?: { database_name: string; role_name: string } },
  ): Promise<NeonProjectCreated> {
    const body = { project: this.#options.orgId ? { ...project, org_id: this.#options.orgId } : project };
    return (await this.#request<NeonProjectCreated>("POST", "/projects", { body }))!;
  }

  /** A project already gone is not an error. */
  async deleteProject(id: string): Promise<void> {
    await this.#request("DELETE", `/projects/${enc(id)}`, { missingOk: true });
  }

  /** The project's most recent operations, newest first: any still running are among them. */
  async listOperations(projectId: string): Promise<NeonOperation[]> {
    const body = await this.#request<{ operations: NeonOperation[] }>(
      "GET",
      `/projects/${enc(projectId)}/operations?limit=50`,
    );
    return body!.operations;
  }

  async getOperation(projectId: string, operationId: string): Promise<NeonOperation> {
    const body = await this.#request<{ operation: NeonOperation }>(
      "GET",
      `/projects/${enc(projectId)}/operations/${enc(operationId)}`,
    );
    return body!.operation;
  }

  /** A connection string with the role's password: keep it out of logs and stored records. */
  async connectionUri(
    projectId: string,
    params: { database_name: string; role_name: string; pooled: boolean },
  ): Promise<string> {
    const query = new URLSearchParams({ ...params, pooled: String(params.pooled) });
    const body = await this.#request<{ uri: string }>(
      "GET",
      `/projects/${enc(projectId)}/connection_uri?${query}`,
    );
    return body!.uri;
  }

  async #request<T>(
    method: string,
    path: string,
    options: { body?: unknown; missingOk?: boolean } = {},
  ): Promise<T | null> {
    const deadline = Date.now() + this.#options.retryForMs;
    for (let attempt = 1;; attempt++) {
      const response = await this.#fetch(method, path, options.body).catch((err) => {
        if (method === "POST" || Date.now() > deadline) throw err;
        return null;
      });
      if (response?.ok) return JSON.parse(response.text || "null") as T;
      if (response?.status === 404 && options.missingOk) return null;
      const retryable = !response || RETRY_ALWAYS.has(response.status) ||
        (method !== "POST" && RETRY_IDEMPOTENT.has(response.status));
      if (response && (!retryable || Date.now() > deadline)) {
        const error = parseError(response.text);
        throw new NeonApiError(
          response.status,
          error.code,
          `Neon API ${method} ${path.split("?")[0]} answered ${response.status}: ${error.message}`,
        );
      }
      const backoff = Math.min(100 * 2 ** attempt, 2_000) * (0.5 + Math.random() / 2);
      await new Promise((resolve) => setTimeout(resolve, response?.retryAfterMs ?? backoff));
    }
  }

  async #fetch(
    method: string,
    path: string,
    body: unknown,
  ): Promise<{ ok: boolean; status: number; text: string; retryAfterMs?: number }> {
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), this.#options.requestTimeoutMs);
    try {
      const response = await fetch(`${this.#options.apiBase}${path}`, {
        method,
        headers: {
          Accept: "application/json",
          Authorization: `Bearer ${this.#options.apiKey}`,
          ...(body === undefined ? {} : { "Content-Type": "application/json" }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: abort.signal,
      });
      const retryAfter = Number(response.headers.get("retry-after"));
      return {
        ok: response.ok,
        status: response.status,
        text: await response.text(),
        retryAfterMs: retryAfter > 0 ? Math.min(retryAfter, 30) * 1000 : undefined,
      };
    } finally {
      clearTimeout(timer);
    }
  }
}

function parseError(text: string): { code: string; message: string } {
  try {
    const body = JSON.parse(text) as { code?: string; message?: string };
    return { code: body.code ?? "", message: body.message ?? "(no message)" };
  } catch {
    return { code: "", message: "(no JSON error body)" };
  }
}

const enc = encodeURIComponent;
