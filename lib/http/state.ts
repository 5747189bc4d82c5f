import type { StudioChoice } from "../auth/studio_switcher.ts";
import type { Locale } from "../i18n/locales.ts";
import type { Translator } from "../i18n/translator.ts";
import type { PortalState } from "./portal_session.ts";
import type { StaffContext } from "./staff_session.ts";
import type { StudioContext } from "./studio.ts";

/** Request-scoped values every route and page can read from `ctx.state`. */
export interface State {
  requestId: string;
  locale: Locale;
  t: Translator["t"];
  /** Set when the address names a studio (lib/http/studio.ts); absent on platform pages. */
  studio?: StudioContext;
  /** The signed-in staff member of that studio (lib/http/staff_session.ts). */
  staff?: StaffContext;
  /** On the studio's client portal: its branding and the signed-in client (lib/http/portal_session.ts). */
  portal?: PortalState;
  /** The signed-in person's studios, for the switcher (routes/app/_middleware.ts); empty with one. */
  studios?: StudioChoice[];
}
