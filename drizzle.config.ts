// drizzle-kit configuration: `deno task db:generate` writes SQL migrations from db/schema.
export default {
  dialect: "postgresql",
  schema: "./db/schema/mod.ts",
  out: "./db/migrations",
};
