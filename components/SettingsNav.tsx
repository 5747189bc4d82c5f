import { can, type Permission } from "@/lib/auth/permissions.ts";
import type { Translator } from "@/lib/i18n/mod.ts";
import type { MessageId } from "@/lib/i18n/messages/en.ts";
import type { Role } from "@/lib/kv/staff.ts";
import { cx } from "./cx.ts";

/** The settings pages, in the order the tabs show them. */
export const SETTINGS_PAGES: readonly { path: string; label: MessageId; permission: Permission }[] = [
  { path: "/app/settings/billing", label: "settings_nav.billing", permission: "invoices.view" },
  { path: "/app/settings/tax-rates", label: "settings_nav.tax_rates", permission: "invoices.manage" },
  { path: "/app/settings/services", label: "settings_nav.services", permission: "invoices.manage" },
  {
    path: "/app/settings/exchange-rates",
    label: "settings_nav.exchange_rates",
    permission: "invoices.manage",
  },
  { path: "/app/settings/api-keys", label: "settings_nav.api_keys", permission: "apikeys.manage" },
  { path: "/app/settings/payments", label: "settings_nav.payments", permission: "billing.manage" },
  { path: "/app/settings/offers", label: "settings_nav.offers", permission: "sessions.manage" },
  { path: "/app/settings/portal", label: "settings_nav.portal", permission: "studio.settings" },
  { path: "/app/settings/sso", label: "settings_nav.sso", permission: "members.manage" },
  { path: "/app/settings/security", label: "settings_nav.security", permission: "members.manage" },
];

export interface SettingsNavProps {
  /** Prefix of the studio's links ("/s/<slug>" when addressed by path). */
  base: string;
  /** The current path without `base`; its page (or the page it is under) is marked current. */
  path: string;
  role: Role;
  t: Translator["t"];
  class?: string;
}

/** Tabs between the settings pages this role may open. */
export function SettingsNav({ base, path, role, t, class: className }: SettingsNavProps) {
  const pages = SETTINGS_PAGES.filter((page) => can(role, page.permission));
  return (
    <nav aria-label={t("settings_nav.label")} class={cx("border-b border-line", className)}>
      <ul class="-mb-px flex flex-wrap gap-x-4">
        {pages.map((page) => {
          const current = path === page.path || path.startsWith(`${page.path}/`);
          return (
            <li key={page.path}>
              <a
                href={base + page.path}
                aria-current={current ? "page" : undefined}
                class={cx(
                  "inline-block border-b-2 px-1 py-2 text-sm font-medium focus-ring",
                  current
                    ? "border-brand-600 text-brand-800"
                    : "border-transparent text-ink-muted hover:border-line hover:text-ink",
                )}
              >
                {t(page.label)}
              </a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
