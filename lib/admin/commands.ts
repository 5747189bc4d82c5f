import { API_KEY_COMMANDS } from "./api_key_commands.ts";
import type { AdminCommand } from "./cli.ts";
import { configCheck } from "./config_check.ts";
import { SECRET_COMMANDS } from "./secret_commands.ts";
import { STRIPE_COMMANDS } from "./stripe_commands.ts";
import { TENANT_COMMANDS } from "./tenant_commands.ts";

/** Every command of `deno task admin`. */
export const ADMIN_COMMANDS: AdminCommand[] = [
  configCheck,
  ...TENANT_COMMANDS,
  ...API_KEY_COMMANDS,
  ...STRIPE_COMMANDS,
  ...SECRET_COMMANDS,
];
