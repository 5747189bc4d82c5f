import assert from "node:assert/strict";
import type { BillingDocument, DocumentLine } from "./documents.ts";
import { canonicalJson, documentHash } from "./document_hash.ts";

Deno.test("canonical JSON sorts keys at every depth, keeps array order and drops undefined members", () => {
  assert.equal(
    canonicalJson({ b: 1, a: [{ z: null, y: "é" }, 2], c: undefined, d: true }),
    '{"a":[{"y":"é","z":null},2],"b":1,"d":true}',
  );
  assert.equal(canonicalJson({ b: 1, a: 2 }), canonicalJson({ a: 2, b: 1 }));
  assert.throws(() => canonicalJson({ a: NaN }), RangeError);
});

const line = (fields: Partial<DocumentLine> = {}): DocumentLine => ({
  id: "line_1",
  documentId: "quo_1",
  position: 0,
  description: "Mixing",
  detail: null,
  quantity: "2",
  unit: "day",
  unitPrice: 45000,
  discountPercent: null,
  discountAmount: null,
  taxes: [{ id: "tax_1", name: "VAT", rate: "20", compound: false }],
  serviceId: null,
  bookingId: null,
  sessionDate: null,
  startsAt: null,
  endsAt: null,
  net: 90000,
  taxTotal: 18000,
  gross: 108000,
  ...fields,
});

const quote = (fields: Partial<BillingDocument> = {}): BillingDocument => ({
  id: "quo_1",
  kind: "quote",
  status: "sent",
  number: "Q-2026-0001",
  sequence: 1,
  period: 2026,
  clientId: "cli_1",
  title: "Album mix",
  currency: "EUR",
  baseCurrency: "EUR",
  exchangeRate: "1",
  roundingMode: "per_line",
  pricesIncludeTax: false,
  discountPercent: null,
  discountAmount: null,
  issueDate: "2026-03-10",
  dueDate: null,
  validUntil: "2026-04-09",
  notes: null,
  terms: "50% on acceptance.",
  clientSnapshot: { name: "Ada Lovelace", addressLines: [], email: "ada@example.com" },
  issuerSnapshot: { name: "North Sound", addressLines: ["1 Quay St"], taxIds: [] },
  subtotal: 90000,
  discountTotal: 0,
  netTotal: 90000,
  taxTotal: 18000,
  total: 108000,
  depositsApplied: 0,
  amountPaid: 0,
  amountCredited: 0,
  totalInBase: 108000,
  relatedDocumentId: null,
  revision: 1,
  revisionOf: null,
  publicTokenHash: "abc",
  signature: null,
  declineReason: null,
  version: 2,
  createdBy: null,
  createdAt: new Date(0),
  updatedAt: new Date(0),
  issuedAt: new Date(0),
  sentAt: new Date(0),
  acceptedAt: null,
  declinedAt: null,
  paidAt: null,
  lines: [line()],
  ...fields,
});

Deno.test("the hash is stable: the same content in another key order or with other bookkeeping fields", () => {
  const hash = documentHash(quote());
  assert.match(hash, /^[0-9a-f]{64}$/);
  const reordered = Object.fromEntries(Object.entries(quote()).reverse()) as unknown as BillingDocument;
  assert.equal(documentHash(reordered), hash);
  // Status, version and the token are not what the client read.
  assert.equal(documentHash(quote({ status: "accepted", version: 3, publicTokenHash: "other" })), hash);
});

Deno.test("the hash changes when anything the client read changes", () => {
  const hash = documentHash(quote());
  const changed: Partial<BillingDocument>[] = [
    { lines: [line({ quantity: "3" })] },
    { lines: [line({ unitPrice: 45001 })] },
    { lines: [line({ description: "Mixing and stems" })] },
    { lines: [line({ taxes: [{ id: "tax_1", name: "VAT", rate: "10" }] })] },
    { lines: [line(), line({ id: "line_2", position: 1, description: "Mastering" })] },
    { terms: "Full payment on acceptance." },
    { validUntil: "2026-04-10" },
    { number: "Q-2026-0002" },
    { revision: 2 },
    { discountPercent: "5" },
    { clientSnapshot: { name: "Ada King", addressLines: [] } },
  ];
  for (const fields of changed) {
    assert.notEqual(documentHash(quote(fields)), hash, JSON.stringify(fields));
  }
});
