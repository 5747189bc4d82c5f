// deno task admin <command> [options] [--json]: operational commands (see lib/admin/).
import { runCli } from "../lib/admin/cli.ts";
import { ADMIN_COMMANDS } from "../lib/admin/commands.ts";

Deno.exit(await runCli(ADMIN_COMMANDS, Deno.args, { out: console.log, err: console.error }));
