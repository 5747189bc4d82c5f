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
  { id: "calendar", label: "nav.calendar" },
  { id: "sessions", label: "nav.sessions" },
  { id: "clients", label: "nav.clients" },
  { id: "rooms", label: "nav.rooms" },
  { id: "engineers", label: "nav.engineers" },
  { id: "gear", label: "nav.gear" },
  { id: "quotes", label: "nav.quotes" },
  { id: "invoices", label: "nav.invoices" },
  { id: "payments", label: "nav.payments" },
  { id: "projects", label: "nav.projects" },
  { id: "files", label: "nav.files" },
  { id: "reports", label: "nav.reports" },
  { id: "settings", label: "nav.settings" },
  { id: "audit", label: "nav.audit", href: "/app/audit", permission: "audit.view" },
];

/** The section a path belongs to: the longest matching href wins. */
export function currentSection(path: string): Section | undefined {
  return SECTIONS.filter((s) => s.href && (path === s.href || path.startsWith(s.href + "/")))
    .sort((a, b) => b.href!.length - a.href!.length)[0];
}
