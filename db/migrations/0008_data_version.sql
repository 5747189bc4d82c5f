ALTER TABLE "portal_settings" ADD COLUMN "reminder_lead_hours" integer DEFAULT 24 NOT NULL;--> statement-breakpoint
ALTER TABLE "portal_settings" ADD CONSTRAINT "portal_settings_reminder_lead_check" CHECK ("portal_settings"."reminder_lead_hours" BETWEEN 1 AND 336);--> statement-breakpoint
-- The studio's data version: one counter that every committed change to the studio's data moves
-- by one (lib/tenancy/data_version.ts). Caches of rendered pages are keyed by it, so whoever
-- writes — a page, the API, a job, another app instance, an operator's psql — invalidates them.
-- Not in the Drizzle schema: it is bookkeeping, not data, and backups neither carry nor restore it.
CREATE TABLE "data_version" (
  "id" integer PRIMARY KEY DEFAULT 1 CHECK ("id" = 1),
  "version" bigint NOT NULL DEFAULT 0
);
--> statement-breakpoint
INSERT INTO "data_version" DEFAULT VALUES;
--> statement-breakpoint
-- Runs at commit (deferred), once per transaction: the counter's row lock is held only from the
-- commit's start to its end, so concurrent writers are not serialized for their whole transaction.
CREATE FUNCTION "bump_data_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('rsm.data_version_bumped', true) IS DISTINCT FROM 'on' THEN
    UPDATE "data_version" SET "version" = "version" + 1 WHERE "id" = 1;
    PERFORM set_config('rsm.data_version_bumped', 'on', true);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- Every table of the studio's data, except the audit log (it only records changes made elsewhere).
-- A later migration that creates a table adds the same two triggers (data_version_test.ts checks).
DO $$
DECLARE
  t text;
BEGIN
  FOR t IN
    SELECT tablename FROM pg_tables
    WHERE schemaname = 'public' AND tablename NOT IN ('audit_log', 'data_version', 'rsm_schema_migrations')
  LOOP
    EXECUTE format(
      'CREATE CONSTRAINT TRIGGER %I AFTER INSERT OR UPDATE OR DELETE ON %I DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_data_version()',
      t || '_data_version', t);
    EXECUTE format(
      'CREATE TRIGGER %I AFTER TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version()',
      t || '_data_version_truncate', t);
  END LOOP;
END $$;
