import type { Permission } from "./auth/permissions.ts";
import type { MessageId } from "./i18n/mod.ts";

/** A section of the staff app. `href` is absent while the section is still being built. */
export interface Section {
  id: string;
  label: MessageId;
  href?: string;
  /** Shown only to roles that hold it. */
  permission?: Permission;
}

/** The staff app's sections in menu order. A section gains its href when its feature ships. */
export const SECTIONS: readonly Section[] = [
  { id: "dashboard", label: "nav.dashboard", href: "/app" },
  { id: "calendar", label: "nav.calendar", href: "/app/calendar", permission: "sessions.view.assigned" },
  { id: "sessions", label: "nav.sessions", href: "/app/sessions", permission: "sessions.view.assigned" },
  { id: "clients", label: "nav.clients", href: "/app/clients", permission: "clients.view" },
  { id: "rooms", label: "nav.rooms", href: "/app/rooms", permission: "rooms.view" },
  { id: "engineers", label: "nav.engineers", href: "/app/engineers", permission: "rooms.view" },
  { id: "gear", label: "nav.gear", href: "/app/gear", permission: "rooms.view" },
  { id: "quotes", label: "nav.quotes", href: "/app/quotes", permission: "quotes.view" },
  { id: "invoices", label: "nav.invoices", href: "/app/invoices", permission: "invoices.view" },
  { id: "payments", label: "nav.payments", href: "/app/payments", permission: "payments.record" },
  { id: "projects", label: "nav.projects", permission: "projects.view" },
  { id: "files", label: "nav.files", permission: "files.manage" },
  { id: "reports", label: "nav.reports", href: "/app/reports", permission: "reports.view" },
  { id: "settings", label: "nav.settings", href: "/app/settings/billing", permission: "invoices.view" },
  { id: "members", label: "nav.members", href: "/app/members", permission: "members.manage" },
  { id: "audit", label: "nav.audit", href: "/app/audit", permission: "audit.view" },
  { id: "api_keys", label: "nav.api_keys", href: "/app/settings/api-keys", permission: "apikeys.manage" },
];

/** The section a path belongs to: the longest matching href wins. */
export function currentSection(path: string): Section | undefined {
  return SECTIONS.filter((s) => s.href && (path === s.href || path.startsWith(s.href + "/")))
    .sort((a, b) => b.href!.length - a.href!.length)[0];
}
