import { loadConfig } from "../config.ts";
import { rotateSecrets } from "../crypto/rotate.ts";
import { secretBoxFor } from "../crypto/secret_box.ts";
import { openKv } from "../kv/open.ts";
import { type AdminCommand, PartialFailure } from "./cli.ts";

/**
 * `secrets:rotate`: re-seals every stored secret with SECRETS_KEY (docs/SECRETS.md). Idempotent;
 * exits 1 (with the report) when some value did not open, so a retired key is not removed too early.
 */
export const secretsRotate: AdminCommand = {
  name: "secrets:rotate",
  summary: "Re-encrypt every stored secret with SECRETS_KEY (after a key rotation)",
  run: async () => {
    const config = loadConfig();
    const kv = await openKv(config.kvUrl);
    try {
      const report = await rotateSecrets(kv, await secretBoxFor(config.secretsKeys));
      const result = { ...report, retiredKeysConfigured: config.secretsKeys.length - 1 };
      if (report.failed.length) {
        throw new PartialFailure(
          `${report.failed.length} stored secret(s) did not open with the configured keys; keep the retired keys listed.`,
          result,
        );
      }
      return result;
    } finally {
      kv.close();
    }
  },
};

export const SECRET_COMMANDS: AdminCommand[] = [secretsRotate];
