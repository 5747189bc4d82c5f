import type { ComponentChildren } from "preact";
import { can } from "@/lib/auth/permissions.ts";
import type { Translator } from "@/lib/i18n/mod.ts";
import type { Role } from "@/lib/kv/staff.ts";
import { currentSection, SECTIONS } from "@/lib/navigation.ts";
import { cx } from "./cx.ts";

interface AppShellProps {
  /** Prefix of the studio's links ("/s/<slug>" when addressed by path). */
  base: string;
  /** The current path, without `base`. */
  path: string;
  t: Translator["t"];
  studioName: string;
  /** Who is signed in; the sign-out button posts to `${base}/sign-out`. */
  staffName: string;
  /** Sections needing a permission this role lacks are left out. */
  role: Role;
  /** The person's studios for the account menu's switcher; shown when there are two or more. */
  studios?: { name: string; href: string; current: boolean }[];
  children: ComponentChildren;
}

/**
 * The staff app frame: a sidebar on wide screens, a disclosure menu on phones (no JavaScript),
 * sections still being built shown as such rather than as dead links.
 */
export function AppShell(
  { base, path, t, studioName, staffName, role, studios = [], children }: AppShellProps,
) {
  const current = currentSection(path);
  const nav = (
    <ul class="flex flex-col gap-0.5">
      {SECTIONS.filter((section) => !section.permission || can(role, section.permission)).map((section) => (
        <li key={section.id}>
          {section.href
            ? (
              <a
                href={base + section.href}
                aria-current={current?.id === section.id ? "page" : undefined}
                class={cx(
                  "block rounded-md px-3 py-2 text-sm font-medium focus-ring",
                  current?.id === section.id
                    ? "bg-brand-50 text-brand-800"
                    : "text-neutral-700 hover:bg-neutral-100 hover:text-neutral-900",
                )}
              >
                {t(section.label)}
              </a>
            )
            : (
              <span class="flex items-center justify-between rounded-md px-3 py-2 text-sm text-neutral-500">
                {t(section.label)}
                <span class="rounded bg-neutral-100 px-1.5 py-0.5 text-xs text-neutral-600">
                  {t("nav.coming_soon")}
                </span>
              </span>
            )}
        </li>
      ))}
    </ul>
  );
  const switcher = studios.length > 1 && (
    <nav aria-label={t("nav.studios")} class="px-3 pt-1 pb-2">
      <p class="text-xs font-semibold text-neutral-600">{t("nav.studios")}</p>
      <ul class="mt-1 flex flex-col gap-0.5">
        {studios.map((studio) => (
          <li key={studio.href}>
            {studio.current
              ? (
                <span
                  aria-current="true"
                  class="flex items-center justify-between gap-2 py-1 text-sm text-neutral-900"
                >
                  <span class="truncate">{studio.name}</span>
                  <span class="shrink-0 text-xs text-neutral-600">{t("nav.studios.current")}</span>
                </span>
              )
              : (
                <a
                  href={studio.href}
                  class="block truncate rounded py-1 text-sm text-brand-700 underline focus-ring"
                >
                  {studio.name}
                </a>
              )}
          </li>
        ))}
      </ul>
    </nav>
  );
  const account = (
    <>
      {switcher}
      <form
        method="post"
        action={`${base}/sign-out`}
        class="flex items-center justify-between gap-2 px-3 py-2"
      >
        <span class="truncate text-sm text-neutral-700">{t("auth.signed_in_as", { name: staffName })}</span>
        <button
          type="submit"
          class="shrink-0 rounded text-sm font-medium text-brand-700 underline focus-ring"
        >
          {t("auth.sign_out")}
        </button>
      </form>
      <a
        href={`${base}/app/account/security`}
        aria-current={path === "/app/account/security" ? "page" : undefined}
        class="block rounded px-3 pb-2 text-sm text-brand-700 underline focus-ring"
      >
        {t("account.security.nav")}
      </a>
    </>
  );
  return (
    <div class="min-h-screen lg:grid lg:grid-cols-[16rem_1fr]">
      <header class="border-b border-neutral-200 bg-white lg:hidden">
        <details class="group">
          <summary class="flex cursor-pointer list-none items-center justify-between px-4 py-3 focus-ring">
            <span class="font-semibold">{studioName}</span>
            <span class="text-sm text-neutral-700">{t("nav.menu")}</span>
          </summary>
          <nav aria-label={t("nav.main")} class="px-2 pb-3">{nav}</nav>
          <div class="border-t border-neutral-200 px-2 py-1">{account}</div>
        </details>
      </header>
      <aside class="hidden border-r border-neutral-200 bg-white lg:block">
        <div class="px-5 py-4 font-semibold">{studioName}</div>
        <nav aria-label={t("nav.main")} class="px-2 pb-6">{nav}</nav>
        <div class="border-t border-neutral-200 px-2 py-3">{account}</div>
      </aside>
      <main id="main" class="mx-auto w-full max-w-6xl px-4 py-6 sm:px-6 lg:px-8">{children}</main>
    </div>
  );
}
