/**
 * Re-sealing every stored secret with the secret box's current key, after SECRETS_KEY changed (the
 * old key moved to SECRETS_KEYS_RETIRED). Once it reports no failure, the retired key can be removed.
 *
 * What holds sealed values (all in the control-plane KV; no studio database column holds one):
 *
 * | KV key                              | Field          | Context            |
 * | ----------------------------------- | -------------- | ------------------ |
 * | ["two_factor", staffId]             | `totpKey`      | `totp:<staffId>`   |
 * | ["two_factor_enrolments", staffId]  | `totpKey`      | `totp:<staffId>`   |
 * | ["sso_configs", tenantId]           | `clientSecret` | `sso:<tenantId>`   |
 *
 * Each value is opened and sealed again with the current key, and written back only if the record is
 * still the one read (versionstamp check; a record changed meanwhile is read again). Values already
 * under the current key are left alone, so running it twice changes nothing the second time.
 *
 * Backup codes are keyed hashes, not ciphertexts: they cannot be re-hashed without the codes, so they
 * are counted (`backupCodesUnderRetiredKeys`); their owners keep them working only while the retired
 * key stays listed, or make new ones (docs/SECRETS.md).
 */
import type { SecretBox } from "./secret_box.ts";
import { sealedKeyId } from "./secret_box.ts";

interface SealedField {
  prefix: string;
  field: string;
  context: (key: Deno.KvKey, value: Record<string, unknown>) => string;
}

export const SEALED_FIELDS: readonly SealedField[] = [
  { prefix: "two_factor", field: "totpKey", context: (key) => `totp:${String(key[1])}` },
  { prefix: "two_factor_enrolments", field: "totpKey", context: (key) => `totp:${String(key[1])}` },
  { prefix: "sso_configs", field: "clientSecret", context: (key) => `sso:${String(key[1])}` },
];

export interface RotationReport {
  /** The id of the key everything is sealed with now. */
  currentKeyId: string;
  /** Sealed values found. */
  examined: number;
  /** Sealed with a retired key and now with the current one. */
  reencrypted: number;
  /** Already under the current key: untouched. */
  alreadyCurrent: number;
  /** Values that did not open (unknown key, altered): left as they were. */
  failed: { key: string; field: string; reason: string }[];
  /** Per record kind, values re-sealed. */
  byKind: Record<string, number>;
  /** 2FA records whose backup codes are hashed under a retired key (cannot be re-hashed). */
  backupCodesUnderRetiredKeys: number;
}

const MAX_ATTEMPTS = 5;

/** Re-seals every stored secret with `box`'s current key; see the module comment. */
export async function rotateSecrets(kv: Deno.Kv, box: SecretBox): Promise<RotationReport> {
  const report: RotationReport = {
    currentKeyId: box.keyId,
    examined: 0,
    reencrypted: 0,
    alreadyCurrent: 0,
    failed: [],
    byKind: {},
    backupCodesUnderRetiredKeys: 0,
  };
  for (const spec of SEALED_FIELDS) {
    report.byKind[spec.prefix] = 0;
    for await (const listed of kv.list<Record<string, unknown>>({ prefix: [spec.prefix] })) {
      let entry: Deno.KvEntryMaybe<Record<string, unknown>> = listed;
      for (let attempt = 1; entry.value !== null; attempt++) {
        const outcome = await resealOne(kv, box, spec, entry as Deno.KvEntry<Record<string, unknown>>);
        if (outcome === "changed_meanwhile" && attempt < MAX_ATTEMPTS) {
          entry = await kv.get<Record<string, unknown>>(listed.key);
          continue;
        }
        if (outcome === "absent") break;
        report.examined++;
        if (outcome === "current") report.alreadyCurrent++;
        else if (outcome === "resealed") {
          report.reencrypted++;
          report.byKind[spec.prefix]++;
        } else {
          const reason = outcome === "changed_meanwhile"
            ? "kept changing; run the command again"
            : outcome.error;
          report.failed.push({ key: JSON.stringify(listed.key), field: spec.field, reason });
        }
        break;
      }
      if (spec.prefix === "two_factor" && entry.value) {
        const codes = (entry.value.backupCodes as string[] | undefined) ?? [];
        if (codes.some((code) => !code.startsWith(`${box.keyId}.`))) report.backupCodesUnderRetiredKeys++;
      }
    }
  }
  return report;
}

type Outcome = "absent" | "current" | "resealed" | "changed_meanwhile" | { error: string };

async function resealOne(
  kv: Deno.Kv,
  box: SecretBox,
  spec: SealedField,
  entry: Deno.KvEntry<Record<string, unknown>>,
): Promise<Outcome> {
  const sealed = entry.value[spec.field];
  if (typeof sealed !== "string") return "absent";
  const keyId = sealedKeyId(sealed);
  if (keyId === box.keyId) return "current";
  if (keyId === null) return { error: "not a sealed value" };
  const context = spec.context(entry.key, entry.value);
  let plain: Uint8Array;
  try {
    plain = await box.open(sealed, context);
  } catch (err) {
    return { error: (err as Error).message };
  }
  const next = { ...entry.value, [spec.field]: await box.seal(plain, context) };
  // Records that expire keep their expiry (enrolments: 15 minutes from their start).
  const expiresAt = typeof entry.value.expiresAt === "string" ? Date.parse(entry.value.expiresAt) : NaN;
  const options = Number.isFinite(expiresAt)
    ? { expireIn: Math.max(1_000, expiresAt - Date.now()) }
    : undefined;
  const result = await kv.atomic().check(entry).set(entry.key, next, options).commit();
  return result.ok ? "resealed" : "changed_meanwhile";
}
