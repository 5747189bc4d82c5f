import { z } from "zod";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { DEFAULT_LOCALE, type Locale, SUPPORTED_LOCALES } from "./i18n/locales.ts";

/**
 * Every environment variable the app reads, validated once at start-up. Defaults give the
 * embedded mode: PGlite + a local KV file + local files under DATA_DIR. Documented in README.
 */
const schema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(8000),
  // Not HOSTNAME: container runtimes set that to the container's name.
  LISTEN_HOST: z.string().min(1).default("127.0.0.1"),
  DATA_DIR: z.string().min(1).default("./data"),
  BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
  APP_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  APP_ENV: z.enum(["development", "production", "test"]).default("development"),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  KV_URL: z.string().min(1).optional(),
  DEFAULT_LOCALE: z.enum(SUPPORTED_LOCALES).default(DEFAULT_LOCALE),
});

export interface Config {
  port: number;
  hostname: string;
  dataDir: string;
  baseUrl: string;
  appSecret: string;
  env: "development" | "production" | "test";
  logLevel: "debug" | "info" | "warn" | "error";
  /** A path to a SQLite file, ":memory:", or a remote KV URL. */
  kvUrl: string;
  defaultLocale: Locale;
  /** Whether the public origin is https (turns on HSTS and Secure cookies). */
  https: boolean;
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
  const dataDir = resolve(v.DATA_DIR);
  const baseUrl = (v.BASE_URL ?? `http://localhost:${v.PORT}`).replace(/\/$/, "");
  return {
    port: v.PORT,
    hostname: v.LISTEN_HOST,
    dataDir,
    baseUrl,
    appSecret: v.APP_SECRET ?? storedSecret(dataDir),
    env: v.APP_ENV,
    logLevel: v.LOG_LEVEL,
    kvUrl: v.KV_URL ?? join(dataDir, "kv.sqlite"),
    defaultLocale: v.DEFAULT_LOCALE,
    https: baseUrl.startsWith("https:"),
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
