/**
 * The archive and restore buttons of a settings list (tax rates, services) post `intent` and the
 * record's `id`; this runs the one asked for. Any other intent is the page's own (a save).
 *
 * ```ts
 * const archived = await archiveIntent(form, { archive: (id) => archiveTaxRate(db, id, acting), restore: … });
 * if (archived) return ctx.redirect(`${base}${PATH}?saved=${archived}`);
 * ```
 */
export async function archiveIntent(
  form: FormData,
  writes: { archive(id: string): Promise<unknown>; restore(id: string): Promise<unknown> },
): Promise<"archived" | "restored" | undefined> {
  const intent = String(form.get("intent") ?? "").trim();
  const id = String(form.get("id") ?? "").trim();
  if (intent === "archive") {
    await writes.archive(id);
    return "archived";
  }
  if (intent === "restore") {
    await writes.restore(id);
    return "restored";
  }
  return undefined;
}
