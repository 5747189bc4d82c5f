type Level = "debug" | "info" | "warn" | "error";
const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

// Lines from an extra HTTP thread (WEB_WORKERS) say which one; the primary's lines carry no name.
const thread = (globalThis as { name?: string }).name || undefined;

let threshold: Level = "info";
let sink: (line: string) => void = (line) => console.log(line);

/** Sets the lowest level written, and (for tests) where lines go. */
export function configureLog(level: Level, write?: (line: string) => void): void {
  threshold = level;
  if (write) sink = write;
}

function write(level: Level, msg: string, fields: Record<string, unknown> = {}): void {
  if (ORDER[level] < ORDER[threshold]) return;
  sink(JSON.stringify({ time: new Date().toISOString(), level, msg, thread, ...fields }, errorReplacer));
}

function errorReplacer(_key: string, value: unknown): unknown {
  return value instanceof Error ? { name: value.name, message: value.message, stack: value.stack } : value;
}

/** Structured JSON logs: one object per line, easy to ship and query. */
export const log = {
  debug: (msg: string, fields?: Record<string, unknown>) => write("debug", msg, fields),
  info: (msg: string, fields?: Record<string, unknown>) => write("info", msg, fields),
  warn: (msg: string, fields?: Record<string, unknown>) => write("warn", msg, fields),
  error: (msg: string, fields?: Record<string, unknown>) => write("error", msg, fields),
};
