import { parseArgs } from "node:util";
import { ValidationError } from "../errors.ts";

/** One operational command of `deno task admin`. */
export interface AdminCommand {
  name: string;
  summary: string;
  /** Option names this command accepts (all strings or booleans, `--name value`). */
  options?: Record<string, { type: "string" | "boolean"; description: string; required?: boolean }>;
  run(options: Record<string, string | boolean | undefined>): Promise<unknown>;
}

/** A command that did part of its work: its result is still printed, and the exit code is 1. */
export class PartialFailure extends Error {
  override name = "PartialFailure";
  constructor(message: string, readonly result: unknown) {
    super(message);
  }
}

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

/**
 * Runs `args` against `commands`: `<command> [--option value …] [--json]`. Results print as
 * JSON with --json, else as readable text. Returns the process exit code.
 */
export async function runCli(commands: AdminCommand[], args: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = args;
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.err(name && name !== "help" ? `Unknown command: ${name}\n` : "");
    io.err("Usage: deno task admin <command> [options] [--json]\n\nCommands:");
    for (const c of commands) io.err(`  ${c.name.padEnd(18)} ${c.summary}`);
    return name && name !== "help" ? 2 : 0;
  }
  const specs = command.options ?? {};
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args: rest,
      options: {
        ...Object.fromEntries(Object.entries(specs).map(([k, v]) => [k, { type: v.type }])),
        json: { type: "boolean" },
      },
      strict: true,
    }).values;
  } catch (err) {
    io.err(`${command.name}: ${(err as Error).message}`);
    return 2;
  }
  const missing = Object.entries(specs).filter(([k, v]) => v.required && values[k] === undefined).map(([k]) =>
    `--${k}`
  );
  if (missing.length) {
    io.err(`${command.name}: missing ${missing.join(", ")}`);
    for (const [k, v] of Object.entries(specs)) {
      io.err(`  --${k.padEnd(16)} ${v.description}${v.required ? " (required)" : ""}`);
    }
    return 2;
  }
  try {
    const result = await command.run(values);
    io.out(values.json ? JSON.stringify(result, null, 2) : humanize(result));
    return 0;
  } catch (err) {
    if (err instanceof PartialFailure) {
      io.out(values.json ? JSON.stringify(err.result, null, 2) : humanize(err.result));
    }
    // Field errors name what to fix; the generic "invalid fields" message alone would not.
    const fields = err instanceof ValidationError ? err.fields : undefined;
    const message = fields ? Object.values(fields).join(" ") : (err as Error).message;
    io.err(
      values.json
        ? JSON.stringify({ error: message, ...(fields ? { fields } : {}) })
        : `${command.name} failed: ${message}`,
    );
    return 1;
  }
}

function humanize(value: unknown, indent = ""): string {
  if (value === null || typeof value !== "object") return `${indent}${String(value)}`;
  if (Array.isArray(value)) return value.map((v) => humanize(v, indent)).join("\n");
  return Object.entries(value as Record<string, unknown>)
    .map(([k, v]) =>
      v !== null && typeof v === "object"
        ? `${indent}${k}:\n${humanize(v, indent + "  ")}`
        : `${indent}${k}: ${v}`
    )
    .join("\n");
}
