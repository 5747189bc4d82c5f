// Document PDFs read back as text: what they print must be what the page prints, from the same
// totals engine (documentTotals) and the same money formatting (formatAmount).
import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { PDFDict, PDFDocument, PDFName } from "pdf-lib";
import { billingDocuments, billingSettings, exchangeRates } from "../../../db/schema/mod.ts";
import type { ActingAs } from "../../audit/audit.ts";
import type { TenantDb } from "../../tenancy/tenant_db.ts";
import { insertTaxRate } from "../../testing/billing_fixtures.ts";
import { pdfText } from "../../testing/pdf_text.ts";
import { insertClient, withStudioDb } from "../../testing/scheduling_fixtures.ts";
import { balanceDue } from "../balance.ts";
import { formatAmount } from "../currency.ts";
import { documentTotals } from "../document_totals.ts";
import type { DraftInput } from "../document_input.ts";
import { type BillingDocument, createDraft, getDocument } from "../documents.ts";
import { issueDocument } from "../issue.ts";
import { documentPdfFileName, renderDocumentPdf } from "./document_pdf.ts";
import { loadDocumentForPdf } from "./pdf_source.ts";

const acting: ActingAs = { actor: { type: "staff", id: "stf_1", label: "owner@example.com" } };
const NOW = new Date("2026-03-10T10:00:00Z");

/** Spaces of every kind as one: Intl puts no-break and narrow no-break spaces in amounts. */
const squash = (text: string) => text.replace(/[\s\u00a0\u202f]+/g, " ").trim();

async function studioSettings(db: TenantDb, fields: Partial<typeof billingSettings.$inferInsert> = {}) {
  await db.insert(billingSettings).values({
    id: 1,
    addressLines: ["12 rue des Studios", "75011 Paris"],
    taxIds: ["VAT FR12345678901", "SIRET 123 456 789 00012"],
    bankDetails: "IBAN FR76 3000 6000 0112 3456 7890 189 · BIC AGRIFRPP",
    paymentInstructions: "Pay by transfer quoting the invoice number.",
    invoiceFooter: "Late payment: 40 € fixed indemnity (Code de commerce L441-10).",
    ...fields,
  });
}

async function render(db: TenantDb, doc: BillingDocument) {
  const { doc: loaded, context } = await loadDocumentForPdf(db, doc.id, [doc.kind]);
  const bytes = await renderDocumentPdf(loaded, context);
  return { bytes, ...(await pdfText(bytes)), squashed: squash((await pdfText(bytes)).text) };
}

async function issuedInvoice(db: TenantDb, input: Omit<DraftInput, "clientId">, clientFields = {}) {
  const client = await insertClient(db, {
    name: "Blue Note Records",
    taxId: "FR99 887766554",
    ...clientFields,
  });
  const draft = await createDraft(db, "invoice", { clientId: client.id, ...input }, acting);
  return await issueDocument(db, draft.id, draft.version, acting, { now: NOW });
}

Deno.test("an issued invoice prints the studio, the client, every line, each tax row and the page's totals", async () => {
  await withStudioDb(async (db) => {
    await studioSettings(db);
    const vat20 = await insertTaxRate(db, { name: "TVA 20 %", rate: "20" });
    const vat55 = await insertTaxRate(db, { name: "TVA 5,5 %", rate: "5.5" });
    const invoice = await issuedInvoice(db, {
      title: "Album “Night Drive” — tracking",
      discountPercent: "5",
      notes: "Thank you for recording with us.",
      terms: "Payable within 30 days.",
      lines: [
        {
          description: "Live room A",
          detail: "Monday 2 March 2026, 10:00–18:00",
          quantity: "8",
          unit: "hour",
          unitPrice: 6500,
          taxRateIds: [vat20.id],
        },
        {
          description: "Mixing per track",
          quantity: "3",
          unitPrice: 25000,
          discountPercent: "10",
          taxRateIds: [vat20.id],
        },
        { description: "Vinyl test pressing", quantity: "2", unitPrice: 1999, taxRateIds: [vat55.id] },
      ],
    });
    const page = documentTotals(invoice, invoice.lines, invoice.amountPaid);
    const money = (minor: number) => squash(formatAmount(minor, "EUR", "en"));
    const pdf = await render(db, invoice);

    assert.equal(pdf.pages.length, 1);
    for (
      const expected of [
        "Test Studio",
        "12 rue des Studios",
        "75011 Paris",
        "VAT FR12345678901",
        "SIRET 123 456 789 00012",
        "Invoice",
        `Number ${invoice.number}`,
        "Date March 10, 2026",
        "Due date April 9, 2026",
        "Bill to",
        "Blue Note Records",
        "Tax id: FR99 887766554",
        "Album “Night Drive” — tracking",
        "Live room A",
        "Monday 2 March 2026, 10:00–18:00",
        "Mixing per track",
        "Vinyl test pressing",
        "IBAN FR76 3000 6000 0112 3456 7890 189 · BIC AGRIFRPP",
        "Pay by transfer quoting the invoice number.",
        "Thank you for recording with us.",
        "Payable within 30 days.",
        "Late payment: 40 € fixed indemnity (Code de commerce L441-10).",
        "Page 1 of 1",
      ]
    ) assert.ok(pdf.squashed.includes(squash(expected)), `the PDF prints ${expected}:\n${pdf.text}`);

    assert.equal(page.taxSummary.length, 2);
    for (const row of page.taxSummary) {
      const rate = row.rate === "20" ? "20%" : "5.5%";
      assert.ok(
        pdf.squashed.includes(`${row.name} ${rate} ${money(row.base)} ${money(row.amount)}`),
        `the tax summary row of ${row.name}:\n${pdf.text}`,
      );
    }
    for (
      const [label, amount] of [
        ["Subtotal", page.subtotal],
        ["Line discounts", -page.lineDiscountTotal],
        ["Discount (5%)", -page.documentDiscount],
        ["Total excluding tax", page.netTotal],
        ["Tax", page.taxTotal],
        ["Total", page.total],
        ["Balance due", balanceDue(invoice)],
      ] as const
    ) {
      assert.ok(
        pdf.squashed.includes(`${label} ${money(amount)}`),
        `${label} ${money(amount)}:\n${pdf.text}`,
      );
    }
    assert.equal(page.total, invoice.total, "the stored total is the recomputed one");
    assert.equal(documentPdfFileName(invoice), `${invoice.number}.pdf`);
    assert.ok(!pdf.squashed.includes("DRAFT"));
  });
});

Deno.test("accented text round-trips through the embedded font", async () => {
  await withStudioDb(async (db) => {
    await db.execute(sql`UPDATE studio_profile SET name = 'Studio Ðurđa & Çağrı'`);
    const invoice = await issuedInvoice(
      db,
      { lines: [{ description: "Café Études Ñandú — Øresund Åsa Łódź", quantity: "1", unitPrice: 1000 }] },
      { name: "Zoë Brontë-Núñez", city: "Göteborg" },
    );
    const pdf = await render(db, invoice);
    for (
      const text of [
        "Studio Ðurđa & Çağrı",
        "Café Études Ñandú — Øresund Åsa Łódź",
        "Zoë Brontë-Núñez",
        "Göteborg",
      ]
    ) {
      assert.ok(pdf.squashed.includes(text), `${text}:\n${pdf.text}`);
    }
    assert.ok(!pdf.text.includes("\ufffd"), "every glyph maps back to its character");
  });
});

Deno.test("a 120-line invoice breaks across pages, repeating the table header, numbered Page 1 of N", async () => {
  await withStudioDb(async (db) => {
    await studioSettings(db);
    const vat = await insertTaxRate(db, { name: "VAT", rate: "20" });
    const lines = Array.from({ length: 120 }, (_, i) => ({
      description: `Session ${i + 1}: overdubs`,
      detail: `Day ${i + 1}, 10:00–14:00`,
      quantity: "4",
      unit: "hour" as const,
      unitPrice: 4500 + i,
      taxRateIds: [vat.id],
    }));
    const invoice = await issuedInvoice(db, { lines });
    const pdf = await render(db, invoice);
    const pages = pdf.pages.length;
    assert.ok(pages >= 3, `120 lines take several pages, got ${pages}`);
    pdf.pages.forEach((lines, i) => {
      const text = squash(lines.join("\n"));
      assert.ok(text.includes(`Page ${i + 1} of ${pages}`), `page ${i + 1} is numbered`);
      assert.ok(text.includes("Late payment"), `page ${i + 1} has the footer`);
      if (i < pages - 1 || text.includes("Session")) {
        assert.ok(
          text.includes("Description Qty Unit price Discount Tax Amount"),
          `page ${i + 1} repeats the header`,
        );
      }
    });
    for (let i = 1; i <= 120; i++) {
      assert.equal(pdf.squashed.split(`Session ${i}: overdubs `).length, 2, `line ${i} is printed once`);
    }
    const total = squash(formatAmount(documentTotals(invoice, invoice.lines).total, "EUR", "en"));
    assert.ok(
      squash(pdf.pages.at(-1)!.join(" ")).includes(`Total ${total}`),
      "the totals close the last page",
    );
  });
});

Deno.test("a JPY invoice prints no decimals and a KWD invoice three", async () => {
  await withStudioDb(async (db) => {
    await db.insert(exchangeRates).values([{ currency: "JPY", rate: "0.0062" }, {
      currency: "KWD",
      rate: "2.98",
    }]);
    const jpy = await issuedInvoice(db, {
      currency: "JPY",
      lines: [{ description: "Day", quantity: "1", unitPrice: 150000 }],
    });
    const kwd = await issuedInvoice(db, {
      currency: "KWD",
      lines: [{ description: "Day", quantity: "1.5", unitPrice: 120345 }],
    });
    const jpyText = (await render(db, jpy)).squashed;
    const kwdText = (await render(db, kwd)).squashed;
    assert.ok(jpyText.includes("Total ¥150,000"), jpyText);
    assert.ok(!/¥150,000\.0/.test(jpyText));
    assert.ok(kwdText.includes(`Total ${squash(formatAmount(180518, "KWD", "en"))}`), kwdText);
    assert.match(kwdText, /KWD[\s]?180\.518/);
    assert.ok(
      jpyText.includes("At 0.0062 EUR per 1 JPY: total €930.00"),
      "the total in the studio's currency",
    );
  });
});

Deno.test("a draft is a DRAFT with its id as name; a French client's document speaks French", async () => {
  await withStudioDb(async (db) => {
    await studioSettings(db, { invoiceFooter: null });
    const client = await insertClient(db, { name: "Léa Dupré", locale: "fr", city: "Lyon" });
    const vat = await insertTaxRate(db, { name: "TVA", rate: "20" });
    const draft = await createDraft(db, "invoice", {
      clientId: client.id,
      lines: [{
        description: "Mastering",
        quantity: "1.5",
        unit: "day",
        unitPrice: 100000,
        taxRateIds: [vat.id],
      }],
    }, acting);
    const pdf = await render(db, draft);
    assert.equal(documentPdfFileName(draft), `draft-${draft.id}.pdf`);
    for (
      const text of [
        "BROUILLON",
        "Facture (brouillon)",
        "Facturé à",
        "Léa Dupré",
        "Lyon",
        "1,5 jour",
        "Page 1 sur 1",
      ]
    ) {
      assert.ok(pdf.squashed.includes(text), `${text}:\n${pdf.text}`);
    }
    const fr = (minor: number) => squash(formatAmount(minor, "EUR", "fr"));
    assert.ok(pdf.squashed.includes(`Total TTC ${fr(180000)}`), pdf.text);
    assert.ok(pdf.squashed.includes(`Reste à payer ${fr(180000)}`));
  });
});

Deno.test("a credit note names the invoice it credits; an accepted quote prints its signature", async () => {
  await withStudioDb(async (db) => {
    const invoice = await issuedInvoice(db, {
      lines: [{ description: "Mixing", quantity: "1", unitPrice: 50000 }],
    });
    const credit = await createDraft(
      db,
      "credit_note",
      {
        clientId: invoice.clientId,
        lines: [{ description: "Mixing (refund)", quantity: "1", unitPrice: 50000 }],
      },
      acting,
      { relatedDocumentId: invoice.id },
    );
    const issued = await issueDocument(db, credit.id, credit.version, acting, { now: NOW });
    const creditText = (await render(db, issued)).squashed;
    assert.ok(creditText.includes("Credit note"), creditText);
    assert.ok(creditText.includes(`Number ${issued.number}`), creditText);
    assert.ok(creditText.includes(`Credits invoice ${invoice.number}`), creditText);
    assert.ok(!creditText.includes("Balance due"), "a credit note is not paid");

    const quote = await createDraft(db, "quote", {
      clientId: invoice.clientId,
      validUntil: "2026-04-30",
      lines: [{ description: "Album production", quantity: "1", unitPrice: 900000 }],
    }, acting);
    await db.update(billingDocuments).set({
      status: "accepted",
      number: "Q-2026-0007",
      signature: {
        name: "Zoë Núñez",
        signedAt: "2026-03-11T14:30:00Z",
        ip: "203.0.113.9",
        userAgent: null,
        documentHash: "ab".repeat(32),
      },
    }).where(sql`id = ${quote.id}`);
    const quoteText = (await render(db, await getDocument(db, quote.id))).squashed;
    for (
      const text of [
        "Quote",
        "Q-2026-0007",
        "Valid until April 30, 2026",
        "Accepted",
        "Signed by Zoë Núñez on March 11, 2026",
        "abababab",
      ]
    ) {
      assert.ok(quoteText.includes(text), `${text}:\n${quoteText}`);
    }
    assert.ok(!quoteText.includes("Balance due"));
  });
});

Deno.test("the studio's PNG logo is printed; a logo that cannot be read is left out, not a failure", async () => {
  await withStudioDb(async (db) => {
    const pixel =
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";
    await studioSettings(db, { logoBase64: pixel, logoContentType: "image/png" });
    const invoice = await issuedInvoice(db, {
      lines: [{ description: "Mixing", quantity: "1", unitPrice: 100 }],
    });
    const images = async (bytes: Uint8Array) => {
      const page = (await PDFDocument.load(bytes)).getPages()[0];
      return page.node.Resources()?.lookupMaybe(PDFName.of("XObject"), PDFDict)?.keys().length ?? 0;
    };
    assert.equal(await images((await render(db, invoice)).bytes), 1);
    await db.update(billingSettings).set({ logoBase64: btoa("not a png") });
    const broken = await render(db, invoice);
    assert.equal(await images(broken.bytes), 0);
    assert.ok(broken.squashed.includes("Test Studio"));
  });
});
