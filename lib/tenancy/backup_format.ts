/** The backup document's framing: the header, line reading with a running hash, the trailer's checks. */
import { createHash, type Hash } from "node:crypto";

export const BACKUP_FORMAT = "rsm-backup";
export const BACKUP_FORMAT_VERSION = 1;

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  formatVersion: typeof BACKUP_FORMAT_VERSION;
  /** The highest migration applied to the dumped database. */
  schemaVersion: number;
  migrations: { version: number; name: string; checksum: string }[];
  tenantId: string;
  slug: string;
  createdAt: string;
}

/** A backup that cannot be read, verified or applied; the message says what to do. */
export class BackupError extends Error {
  override name = "BackupError";
}

// ---------------------------------------------------------------------------------------------
// Reading a backup: lines, their kinds, and the trailer's checks

export type BackupEntry =
  | { kind: "header"; header: BackupHeader }
  | { kind: "table"; table: string; columns: string[] }
  | { kind: "row"; line: string; width: number }
  | { kind: "end"; tables: Record<string, number>; sha256: string };

/**
 * The entries of a backup in order. The trailer is yielded only once the checksum of everything
 * before it matches, so a consumer that commits on "end" never commits a damaged file.
 */
export async function* backupEntries(input: ReadableStream<Uint8Array>): AsyncGenerator<BackupEntry, void> {
  const hash = createHash("sha256");
  let lineNumber = 0;
  let ended = false;
  for await (const line of backupLines(input)) {
    lineNumber++;
    if (ended) throw new BackupError(`Line ${lineNumber} follows the backup's trailer: the file is damaged.`);
    const value = parseLine(line, lineNumber);
    if (lineNumber === 1) {
      hashLine(hash, line);
      yield { kind: "header", header: checkHeader(value) };
    } else if (Array.isArray(value)) {
      hashLine(hash, line);
      yield { kind: "row", line, width: value.length };
    } else if (isRecord(value) && typeof value.table === "string" && Array.isArray(value.columns)) {
      hashLine(hash, line);
      yield { kind: "table", table: value.table, columns: value.columns.map(String) };
    } else if (isRecord(value) && value.end === true && isRecord(value.tables)) {
      if (value.sha256 !== hash.digest("hex")) {
        throw new BackupError("The backup's checksum does not match its content: the file is damaged.");
      }
      ended = true;
      yield { kind: "end", tables: value.tables as Record<string, number>, sha256: String(value.sha256) };
    } else {
      throw new BackupError(`Line ${lineNumber} of the backup is neither a table, a row nor the trailer.`);
    }
  }
  if (lineNumber === 0) throw new BackupError("The backup is empty.");
  if (!ended) throw new BackupError("The backup ends before its trailer: the file is truncated.");
}

/** Lines of the decompressed document; gzip and UTF-8 damage become a BackupError. */
async function* backupLines(input: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  // DecompressionStream is typed for ArrayBuffer-backed chunks only; files and sockets yield those.
  const gunzip = new DecompressionStream("gzip") as unknown as TransformStream<
    Uint8Array,
    Uint8Array<ArrayBuffer>
  >;
  const text = input.pipeThrough(gunzip)
    .pipeThrough(new TextDecoderStream("utf-8", { fatal: true }));
  let rest = "";
  try {
    for await (const chunk of text) {
      const lines = (rest + chunk).split("\n");
      rest = lines.pop()!;
      yield* lines;
    }
  } catch (err) {
    if (err instanceof BackupError) throw err;
    throw new BackupError(`The backup cannot be read (${(err as Error).message}): the file is damaged.`, {
      cause: err,
    });
  }
  if (rest !== "") throw new BackupError("The backup's last line is cut off: the file is truncated.");
}

function hashLine(hash: Hash, line: string): void {
  hash.update(line + "\n", "utf8");
}

function parseLine(line: string, lineNumber: number): unknown {
  try {
    return JSON.parse(line);
  } catch {
    throw new BackupError(`Line ${lineNumber} of the backup is not JSON: the file is damaged.`);
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function checkHeader(value: unknown): BackupHeader {
  if (!isRecord(value) || value.format !== BACKUP_FORMAT) {
    throw new BackupError("This file is not a studio backup (no rsm-backup header).");
  }
  if (value.formatVersion !== BACKUP_FORMAT_VERSION) {
    throw new BackupError(
      `The backup uses format version ${value.formatVersion}; this release reads version ` +
        `${BACKUP_FORMAT_VERSION}. Restore it with the release that wrote it, or a newer one.`,
    );
  }
  if (typeof value.schemaVersion !== "number" || !Array.isArray(value.migrations)) {
    throw new BackupError("The backup's header lacks its schema version: the file is damaged.");
  }
  return value as unknown as BackupHeader;
}

export function checkRowCounts(restored: Record<string, number>, trailer: Record<string, number>): void {
  const names = new Set([...Object.keys(restored), ...Object.keys(trailer)]);
  for (const name of names) {
    if (restored[name] !== trailer[name]) {
      throw new BackupError(
        `Table ${name}: the backup announces ${trailer[name] ?? 0} rows but holds ${restored[name] ?? 0}.`,
      );
    }
  }
}
