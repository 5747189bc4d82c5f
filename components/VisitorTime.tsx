import type { Translator } from "@/lib/i18n/mod.ts";

/**
 * A time in the studio's zone that static/visitor_time.js completes with the visitor's own time
 * when their zone differs. Needs a <VisitorTimeNote> on the same page.
 */
export function VisitorTime({ at, children }: { at: Date; children: preact.ComponentChildren }) {
  return <time datetime={at.toISOString()} data-visitor>{children}</time>;
}

/** The hidden line that names the visitor's zone once the script has added their times; loads the script. */
export function VisitorTimeNote({ zone, t }: { zone: string; t: Translator["t"] }) {
  return (
    <>
      <p
        class="text-sm text-neutral-600"
        hidden
        data-visitor-note
        data-zone={zone}
        data-template={t("portal.book.visitor_zone", { zone: "{zone}" })}
      />
      <script type="module" src="/visitor_time.js" />
    </>
  );
}
