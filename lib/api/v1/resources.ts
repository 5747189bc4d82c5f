import type { ApiResource } from "../route.ts";
import { audit } from "./audit.ts";
import { bookings } from "./bookings.ts";
import { clients } from "./clients.ts";
import { invoices } from "./invoices.ts";
import { quotes } from "./quotes.ts";
import { studio } from "./studio.ts";

/** Every resource of /api/v1, in the order the OpenAPI document lists them. Add yours here. */
export const RESOURCES: ApiResource[] = [studio, clients, bookings, quotes, invoices, audit];
