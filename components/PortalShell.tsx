import type { ComponentChildren } from "preact";
import type { PortalState } from "@/lib/http/portal_session.ts";
import type { Translator } from "@/lib/i18n/mod.ts";
import { PageStyle } from "./PageStyle.tsx";

const HEX = /^#[0-9a-f]{6}$/;

/**
 * The client portal's frame, mobile first: the studio's logo, name and colours, and a short menu.
 * Server-rendered only; the brand colours arrive as CSS variables in a nonce'd <style>.
 */
export function PortalShell(
  { portal, base, t, children }: {
    portal: PortalState;
    base: string;
    t: Translator["t"];
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
      <footer class="mx-auto w-full max-w-2xl px-4 py-6 text-xs text-neutral-500">
        {t("portal.footer", { studio: brand.name })}
      </footer>
    </div>
  );
}
