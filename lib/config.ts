import { z } from "zod";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { DEFAULT_LOCALE, type Locale, SUPPORTED_LOCALES } from "./i18n/locales.ts";

/**
 * Every environment variable the app reads, validated once at start-up. Defaults give the
 * embedded mode: PGlite + a local KV file + local files under DATA_DIR. Documented in README.
 */
const HOSTNAME = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;
const REGION_LIST = /^[a-z][a-z0-9]{0,15}(,[a-z][a-z0-9]{0,15})*$/;
// `ana@example.com` or `Name <ana@example.com>`; no line breaks, which would inject mail headers.
const MAIL_ADDRESS = /^(?:[^<>\r\n]*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/;
export const DEFAULT_MAIL_FROM = "Recording Studio Manager <no-reply@localhost>";

const schema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(8000),
  // Not HOSTNAME: container runtimes set that to the container's name.
  LISTEN_HOST: z.string().min(1).default("127.0.0.1"),
  WEB_WORKERS: z.coerce.number().int().min(1).max(64).default(1),
  DATA_DIR: z.string().min(1).default("./data"),
  BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
  APP_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  // Secrets at rest (lib/crypto/secret_box.ts): the current key (default APP_SECRET) and older ones.
  SECRETS_KEY: z.string().min(32, "must be at least 32 characters").optional(),
  SECRETS_KEYS_RETIRED: z.string().refine(
    (list) => list.split(",").every((key) => key.trim().length >= 32),
    "must be a comma-separated list of keys of at least 32 characters each",
  ).optional(),
  APP_ENV: z.enum(["development", "production", "test"]).default("development"),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  KV_URL: z.string().min(1).optional(),
  DEFAULT_LOCALE: z.enum(SUPPORTED_LOCALES).default(DEFAULT_LOCALE),
  BASE_DOMAIN: z.string().regex(HOSTNAME, "must be a hostname such as studios.example.com").optional(),
  TENANT_DRIVER: z.enum(["pglite", "postgres", "neon"]).default("pglite"),
  REGIONS: z.string().regex(REGION_LIST, "must be a comma-separated list such as eu,us,ap").default(
    "eu,us,ap",
  ),
  DEFAULT_REGION: z.string().optional(),
  TENANT_POOL_SIZE: z.coerce.number().int().min(1).max(10_000).default(50),
  TENANT_POOL_IDLE_SECONDS: z.coerce.number().int().min(1).default(300),
  TENANT_DB_CONNECTIONS: z.coerce.number().int().min(1).max(100).default(2),
  MIGRATE_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(8),
  NEON_API_KEY: z.string().min(1).optional(),
  NEON_API_URL: z.url({ protocol: /^https?$/ }).default("https://console.neon.tech/api/v2"),
  SMTP_URL: z.url({
    protocol: /^smtps?$/,
    hostname: /./,
    error: "must be an smtp:// or smtps:// URL such as smtps://user:password@smtp.example.com:465",
  }).optional(),
  MAIL_FROM: z.string().regex(MAIL_ADDRESS, "must be an address such as Studio <no-reply@example.com>")
    .default(DEFAULT_MAIL_FROM),
  API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(600),
  STRIPE_SECRET_KEY: z.string().regex(
    /^(sk|rk)_(test|live)_\w+$/,
    "must be a Stripe secret key (sk_test_… or sk_live_…)",
  )
    .optional(),
  STRIPE_WEBHOOK_SECRET: z.string().regex(/^whsec_\w+$/, "must be a webhook signing secret (whsec_…)")
    .optional(),
  // Tests and local development only: SSO issuers on this machine (loopback) are accepted.
  SSO_ALLOW_PRIVATE_ISSUERS: z.enum(["0", "1"]).default("0"),
  STRIPE_API_URL: z.url({
    protocol: /^https?$/,
    error: "must be an http(s) URL such as http://127.0.0.1:12111",
  })
    .optional(),
});

/** Neon's region for each of ours unless NEON_REGION_<REGION> says otherwise. */
const NEON_REGION_DEFAULTS: Record<string, string> = {
  eu: "aws-eu-central-1",
  us: "aws-us-east-2",
  ap: "aws-ap-southeast-1",
};

export interface Config {
  port: number;
  hostname: string;
  /**
   * Threads serving HTTP on the port (SO_REUSEPORT, main.ts): 1, or one per core on a server
   * whose studios live in PostgreSQL or Neon (an embedded PGlite database is opened by one thread).
   */
  webWorkers: number;
  dataDir: string;
  baseUrl: string;
  appSecret: string;
  /**
   * The secret box's keys (lib/crypto/secret_box.ts, docs/SECRETS.md): the current one first
   * (SECRETS_KEY, else APP_SECRET), then SECRETS_KEYS_RETIRED, still read but never written.
   */
  secretsKeys: string[];
  env: "development" | "production" | "test";
  logLevel: "debug" | "info" | "warn" | "error";
  /** A path to a SQLite file, ":memory:", or a remote KV URL. */
  kvUrl: string;
  defaultLocale: Locale;
  /** Whether the public origin is https (turns on HSTS and Secure cookies). */
  https: boolean;
  /** Studios are served at `<slug>.<baseDomain>`; defaults to BASE_URL's hostname. */
  baseDomain: string;
  tenancy: TenancyConfig;
  mail: MailConfig;
  /** Requests each API caller (key or staff member) may make per minute (lib/api/auth.ts). */
  apiRateLimitPerMinute: number;
  /** Online payments (lib/stripe/): off unless STRIPE_SECRET_KEY is set. */
  stripe: StripeConfig;
  /**
   * SSO issuers, JWKS and token endpoints on loopback (127.0.0.0/8, ::1, localhost; http:// too) are
   * accepted (SSO_ALLOW_PRIVATE_ISSUERS=1; refused in production). Private networks never are.
   */
  ssoAllowPrivateIssuers: boolean;
}

/** Stripe Connect: the platform's keys; each studio is paid into its own connected account. */
export interface StripeConfig {
  secretKey?: string;
  /** Signs the deliveries to /webhooks/stripe (required with a secret key). */
  webhookSecret?: string;
  /** Another API address (a local stand-in in tests); default Stripe's own. */
  apiUrl?: string;
}

/** How e-mail leaves the app: through SMTP when `smtpUrl` is set, else into the KV outbox (lib/mail). */
export interface MailConfig {
  /** smtp:// (STARTTLS when offered) or smtps:// (TLS from the start), credentials in the URL. */
  smtpUrl?: string;
  /** The From header of every message. */
  from: string;
}

/** Where studios' databases live and how many may be open at once. */
export interface TenancyConfig {
  driver: "pglite" | "postgres" | "neon";
  regions: string[];
  defaultRegion: string;
  /** postgres driver: the admin URL of each region's cluster, from POSTGRES_URL_<REGION>. */
  postgresUrls: Record<string, string>;
  /** neon driver. */
  neon: { apiKey?: string; apiUrl: string; regionIds: Record<string, string> };
  /** Open tenant databases kept at most (LRU). */
  poolSize: number;
  poolIdleMs: number;
  /** postgres/neon driver: connections per open tenant database. */
  connectionsPerTenant: number;
  migrateConcurrency: number;
}

/** Thrown at start-up; its message names every bad variable. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Reads and validates the configuration from `env` (Deno.env by default). */
export function loadConfig(env: Record<string, string | undefined> = Deno.env.toObject()): Config {
  const parsed = schema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== "")));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const v = parsed.data;
  const tenancy = tenancyConfig(v, env);
  const dataDir = resolve(v.DATA_DIR);
  const baseUrl = (v.BASE_URL ?? `http://localhost:${v.PORT}`).replace(/\/$/, "");
  const appSecret = v.APP_SECRET ?? storedSecret(dataDir);
  const secretsKey = v.SECRETS_KEY ?? appSecret;
  const retired = (v.SECRETS_KEYS_RETIRED ?? "").split(",").map((key) => key.trim())
    .filter((key) => key && key !== secretsKey);
  return {
    port: v.PORT,
    hostname: v.LISTEN_HOST,
    webWorkers: webWorkers(v),
    dataDir,
    baseUrl,
    appSecret,
    secretsKeys: [secretsKey, ...new Set(retired)],
    env: v.APP_ENV,
    logLevel: v.LOG_LEVEL,
    kvUrl: v.KV_URL ?? join(dataDir, "kv.sqlite"),
    defaultLocale: v.DEFAULT_LOCALE,
    https: baseUrl.startsWith("https:"),
    baseDomain: v.BASE_DOMAIN ?? new URL(baseUrl).hostname,
    tenancy,
    mail: { smtpUrl: v.SMTP_URL, from: v.MAIL_FROM },
    apiRateLimitPerMinute: v.API_RATE_LIMIT_PER_MINUTE,
    stripe: stripeConfig(v),
    ssoAllowPrivateIssuers: ssoAllowPrivateIssuers(v),
  };
}

/** More than one HTTP thread needs data every thread can open: a database server and a KV file or service. */
function webWorkers(v: z.infer<typeof schema>): number {
  if (v.WEB_WORKERS === 1) return 1;
  const problems = [
    v.TENANT_DRIVER === "pglite" &&
    "WEB_WORKERS: must be 1 with TENANT_DRIVER=pglite (an embedded database is opened by one thread)",
    v.KV_URL === ":memory:" &&
    "WEB_WORKERS: must be 1 with KV_URL=:memory: (each thread would have a KV of its own)",
  ].filter(Boolean);
  if (problems.length) {
    throw new ConfigError(`Invalid configuration:\n${problems.map((p) => `  ${p}`).join("\n")}`);
  }
  return v.WEB_WORKERS;
}

function ssoAllowPrivateIssuers(v: z.infer<typeof schema>): boolean {
  if (v.SSO_ALLOW_PRIVATE_ISSUERS === "1" && v.APP_ENV === "production") {
    throw new ConfigError(
      "Invalid configuration:\n  SSO_ALLOW_PRIVATE_ISSUERS: must not be 1 with APP_ENV=production",
    );
  }
  return v.SSO_ALLOW_PRIVATE_ISSUERS === "1";
}

function stripeConfig(v: z.infer<typeof schema>): StripeConfig {
  if (v.STRIPE_SECRET_KEY && !v.STRIPE_WEBHOOK_SECRET) {
    throw new ConfigError(
      "Invalid configuration:\n  STRIPE_WEBHOOK_SECRET: required with STRIPE_SECRET_KEY (payments are confirmed by webhook)",
    );
  }
  return {
    secretKey: v.STRIPE_SECRET_KEY,
    webhookSecret: v.STRIPE_WEBHOOK_SECRET,
    apiUrl: v.STRIPE_API_URL?.replace(/\/$/, ""),
  };
}

/** The per-region variables (POSTGRES_URL_EU, NEON_REGION_EU, …) are checked against REGIONS. */
function tenancyConfig(v: z.infer<typeof schema>, env: Record<string, string | undefined>): TenancyConfig {
  const regions = v.REGIONS.split(",");
  const problems: string[] = [];
  const defaultRegion = v.DEFAULT_REGION ?? regions[0];
  if (!regions.includes(defaultRegion)) {
    problems.push(`DEFAULT_REGION: must be one of REGIONS (${v.REGIONS})`);
  }
  const perRegion = (prefix: string) =>
    Object.fromEntries(
      regions.flatMap((region) => {
        const value = env[`${prefix}${region.toUpperCase()}`];
        return value ? [[region, value]] : [];
      }),
    );
  const postgresUrls = perRegion("POSTGRES_URL_");
  if (v.TENANT_DRIVER === "postgres") {
    for (const region of regions) {
      const url = postgresUrls[region];
      if (!url) problems.push(`POSTGRES_URL_${region.toUpperCase()}: required by TENANT_DRIVER=postgres`);
      else if (!/^postgres(ql)?:\/\//.test(url)) {
        problems.push(`POSTGRES_URL_${region.toUpperCase()}: must be a postgres:// URL`);
      }
    }
  }
  if (v.TENANT_DRIVER === "neon" && !v.NEON_API_KEY) {
    problems.push("NEON_API_KEY: required by TENANT_DRIVER=neon");
  }
  if (problems.length) {
    throw new ConfigError(`Invalid configuration:\n${problems.map((p) => `  ${p}`).join("\n")}`);
  }
  return {
    driver: v.TENANT_DRIVER,
    regions,
    defaultRegion,
    postgresUrls,
    neon: {
      apiKey: v.NEON_API_KEY,
      apiUrl: v.NEON_API_URL.replace(/\/$/, ""),
      regionIds: { ...NEON_REGION_DEFAULTS, ...perRegion("NEON_REGION_") },
    },
    poolSize: v.TENANT_POOL_SIZE,
    poolIdleMs: v.TENANT_POOL_IDLE_SECONDS * 1000,
    connectionsPerTenant: v.TENANT_DB_CONNECTIONS,
    migrateConcurrency: v.MIGRATE_CONCURRENCY,
  };
}

/** The secret kept under DATA_DIR when APP_SECRET is not given, created on first start. */
function storedSecret(dataDir: string): string {
  const path = join(dataDir, "app_secret");
  if (existsSync(path)) return readFileSync(path, "utf8").trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = Array.from(
    crypto.getRandomValues(new Uint8Array(32)),
    (b) => b.toString(16).padStart(2, "0"),
  ).join("");
  writeFileSync(path, secret + "\n", { mode: 0o600 });
  return secret;
}
