import type { ComponentChildren } from "preact";
import type { PortalState } from "@/lib/http/portal_session.ts";
import type { Locale, Translator } from "@/lib/i18n/mod.ts";
import { languageChoices } from "@/lib/portal/portal_locale.ts";
import { PageStyle } from "./PageStyle.tsx";

const HEX = /^#[0-9a-f]{6}$/;

/**
 * The client portal's frame, mobile first: the studio's logo, name and colours, a short menu, and a
 * language switcher in the footer (a plain form: no JavaScript). Server-rendered only; the brand
 * colours arrive as CSS variables in a nonce'd <style>.
 */
export function PortalShell(
  { portal, base, t, locale, path, children }: {
    portal: PortalState;
    base: string;
    t: Translator["t"];
    /** The language the page is in. */
    locale: Locale;
    /** The page's path and query, where the switcher comes back to. */
    path: string;
    children: ComponentChildren;
  },
) {
  const { brand, client } = portal;
  const colours = [brand.settings.brandColor, brand.settings.accentColor].every((c) => HEX.test(c))
    ? `:root{--brand:${brand.settings.brandColor};--accent:${brand.settings.accentColor}}`
    : "";
  return (
    <div class="flex min-h-screen flex-col">
      <PageStyle nonce={portal.nonce} css={colours} />
      <header class="bg-(--brand,#4338ca) text-white">
        <div class="mx-auto flex max-w-2xl items-center gap-3 px-4 py-3">
          <a href={`${base}/portal`} class="flex min-w-0 items-center gap-3 focus-ring rounded">
            {brand.hasLogo && (
              <img
                src={`${base}/portal/logo`}
                alt=""
                width={40}
                height={40}
                class="h-10 w-10 rounded bg-white object-contain"
              />
            )}
            <span class="truncate text-lg font-semibold">{brand.name}</span>
          </a>
          <nav
            aria-label={t("portal.nav.label")}
            class="ml-auto flex flex-wrap items-center justify-end gap-x-3 gap-y-1 text-sm"
          >
            <a href={`${base}/portal/book`} class="underline-offset-4 hover:underline">
              {t("portal.nav.book")}
            </a>
            {client && (
              <>
                <a href={`${base}/portal/quotes`} class="underline-offset-4 hover:underline">
                  {t("portal_quotes.nav")}
                </a>
                <a href={`${base}/portal/payments`} class="underline-offset-4 hover:underline">
                  {t("portal_account.nav.payments")}
                </a>
                <a href={`${base}/portal/profile`} class="underline-offset-4 hover:underline">
                  {t("portal_account.nav.profile")}
                </a>
              </>
            )}
            {client
              ? (
                <form method="post" action={`${base}/portal/sign-out`}>
                  <button type="submit" class="underline-offset-4 hover:underline">
                    {t("portal.nav.sign_out")}
                  </button>
                </form>
              )
              : (
                <a href={`${base}/portal/sign-in`} class="underline-offset-4 hover:underline">
                  {t("portal.nav.sign_in")}
                </a>
              )}
          </nav>
        </div>
      </header>
      <main id="main" class="mx-auto w-full max-w-2xl flex-1 px-4 py-6">{children}</main>
      <footer class="mx-auto flex w-full max-w-2xl flex-wrap items-center justify-between gap-3 px-4 py-6 text-xs text-neutral-500">
        <span>{t("portal.footer", { studio: brand.name })}</span>
        <form method="post" action={`${base}/portal/language`} class="flex items-center gap-2">
          <input type="hidden" name="next" value={path} />
          <label for="portal-language">{t("portal.language.label")}</label>
          <select
            id="portal-language"
            name="locale"
            class="rounded border border-line bg-white px-2 py-1 text-sm text-neutral-900"
          >
            {languageChoices().map((choice) => (
              <option
                key={choice.value}
                value={choice.value}
                lang={choice.value}
                selected={choice.value === locale}
              >
                {choice.label}
              </option>
            ))}
          </select>
          <button
            type="submit"
            class="rounded border border-line bg-white px-2 py-1 text-sm text-neutral-900"
          >
            {t("portal.language.submit")}
          </button>
        </form>
      </footer>
    </div>
  );
}
