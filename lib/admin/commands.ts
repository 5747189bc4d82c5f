import type { AdminCommand } from "./cli.ts";
import { configCheck } from "./config_check.ts";

/** Every command of `deno task admin`. */
export const ADMIN_COMMANDS: AdminCommand[] = [configCheck];
