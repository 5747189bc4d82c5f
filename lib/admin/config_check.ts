import { loadConfig } from "../config.ts";
import type { AdminCommand } from "./cli.ts";

/** `config:check`: validates the environment and shows the effective configuration, secrets masked. */
export const configCheck: AdminCommand = {
  name: "config:check",
  summary: "Validate the environment variables and print the effective configuration",
  run() {
    const config = loadConfig();
    return Promise.resolve({
      ...config,
      appSecret: `${config.appSecret.slice(0, 4)}… (${config.appSecret.length} chars)`,
      mail: { ...config.mail, smtpUrl: config.mail.smtpUrl && withoutPassword(config.mail.smtpUrl) },
    });
  },
};

/** The URL with its password (if any) replaced, so the output can be pasted into a ticket. */
export function withoutPassword(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = "****";
  return parsed.href;
}
