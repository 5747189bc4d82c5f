import type { ApiResource } from "../route.ts";
import { audit } from "./audit.ts";
import { bookings } from "./bookings.ts";
import { clients } from "./clients.ts";
import { invoices } from "./invoices.ts";
import { quotes } from "./quotes.ts";
import { studio } from "./studio.ts";
import { studioResources } from "./studio_resources.ts";

/** Every resource of /api/v1, in the order the OpenAPI document lists them. Add yours here. */
export const RESOURCES: ApiResource[] = [studio, clients, studioResources, bookings, quotes, invoices, audit];
