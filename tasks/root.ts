import { fileURLToPath } from "node:url";

/** The project root, wherever a task is started from. */
export const ROOT = fileURLToPath(new URL("..", import.meta.url));
