import type { ApiResource } from "../route.ts";
import { audit } from "./audit.ts";
import { bookings } from "./bookings.ts";
import { clients } from "./clients.ts";
import { creditNotes } from "./credit_notes.ts";
import { credits } from "./credits.ts";
import { documentLists } from "./document_lists.ts";
import { invoices } from "./invoices.ts";
import { offers } from "./offers.ts";
import { payments } from "./payments.ts";
import { quoteActions } from "./quote_actions.ts";
import { quotes } from "./quotes.ts";
import { reports } from "./reports.ts";
import { studio } from "./studio.ts";
import { studioResources } from "./studio_resources.ts";

/** Every resource of /api/v1, in the order the OpenAPI document lists them. Add yours here. */
export const RESOURCES: ApiResource[] = [
  studio,
  clients,
  studioResources,
  bookings,
  offers,
  documentLists,
  quotes,
  quoteActions,
  invoices,
  creditNotes,
  payments,
  credits,
  reports,
  audit,
];
