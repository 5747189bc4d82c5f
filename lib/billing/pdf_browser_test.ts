import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import { PDFDict, PDFDocument, PDFName } from "pdf-lib";
import type { Page } from "playwright-core";
import { withPage } from "../../e2e/browser.ts";
import type { Mailer } from "../mail/mailer.ts";
import { insertTaxRate } from "../testing/billing_fixtures.ts";
import { pdfText } from "../testing/pdf_text.ts";
import { insertClient } from "../testing/scheduling_fixtures.ts";
import { OWNER, servedStudio } from "../testing/served_studio.ts";
import { createDraft } from "./documents.ts";
import { issueDocument } from "./issue.ts";
import { sendQuote } from "./quotes.ts";

const system = { actor: { type: "system" as const } };
const nowhere: Mailer = { kind: "outbox", send: () => Promise.resolve() };

/** A 2 × 2 PNG: the studio's logo. */
const LOGO_PNG = Uint8Array.from(
  atob(
    "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEElEQVR4nGM4o+QCRAwQCgAjpgTJI9FUmgAAAABJRU5ErkJggg==",
  ),
  (c) => c.charCodeAt(0),
);

async function signIn(page: Page, studio: string) {
  await page.goto(`${studio}/sign-in`);
  await page.getByLabel("E-mail address").fill(OWNER.email);
  await page.getByLabel("Password").fill(OWNER.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { name: "Dashboard" }).waitFor();
}

const folded = async (page: Page, testId: string) =>
  (await page.getByTestId(testId).first().innerText()).replace(/\s+/g, " ").trim();

/** The money amounts in a line of the page ("Total €1,234.00" → ["€1,234.00"]). */
const amountsIn = (text: string) => text.match(/-?€[\d,]+\.\d{2}/g) ?? [];

/** The document's PDF as the page links it, fetched with the signed-in browser's cookies. */
async function downloadPdf(page: Page) {
  const href = await page.getByRole("link", { name: "Download PDF" }).getAttribute("href");
  const res = await page.context().request.get(new URL(href!, page.url()).href);
  assert.equal(res.status(), 200);
  assert.equal(res.headers()["content-type"], "application/pdf");
  const bytes = new Uint8Array(await res.body());
  const pdf = await PDFDocument.load(bytes);
  const images = pdf.getPages()[0].node.Resources()?.lookupMaybe(PDFName.of("XObject"), PDFDict)?.keys() ??
    [];
  return { text: (await pdfText(bytes)).text, images: images.length };
}

/** What the page shows that the PDF must show too: number, subtotal, each tax, total. */
async function figuresOnPage(page: Page) {
  return {
    number: await folded(page, "doc-number"),
    amounts: [
      ...amountsIn(await folded(page, "subtotal")),
      ...(await page.getByTestId("tax-row").allInnerTexts()).flatMap(amountsIn),
      ...amountsIn(await folded(page, "total")),
    ],
  };
}

function assertPdfMatches(
  pdf: { text: string; images: number },
  page: { number: string; amounts: string[] },
) {
  const text = pdf.text.replace(/\s+/g, " ");
  for (
    const expected of [
      "North Sound",
      "12 rue des Lilas",
      "75011 Paris",
      "VAT FR12345678901",
      "SIRET 123 456 789 00012",
      page.number,
      ...page.amounts,
    ]
  ) {
    assert.ok(text.includes(expected), `the PDF shows ${expected}:\n${pdf.text}`);
  }
  assert.equal(pdf.images, 1, "the logo is embedded as an image");
}

// Journey 12: with the studio's address, tax ids and logo set in billing settings, an invoice and a
// quote download as PDFs that carry them, the document's number and the totals the pages show.
Deno.test("journey 12: the invoice and the quote download as PDFs with the studio's name, logo, address, tax ids and the page's totals", async () => {
  await using served = await servedStudio();
  const { studio, t, tenant } = served;
  const inDb = <T>(fn: Parameters<typeof t.tenancy.pool.use<T>>[1]) =>
    t.tenancy.pool.use(tenant.database, fn);

  await withPage(async (page) => {
    await signIn(page, studio);
    await page.goto(`${studio}/app/settings/billing`);
    await page.getByLabel("Studio address").fill("12 rue des Lilas\n75011 Paris");
    await page.getByLabel("Tax ids").fill("VAT FR12345678901\nSIRET 123 456 789 00012");
    await page.getByLabel("Upload a logo").setInputFiles({
      name: "logo.png",
      mimeType: "image/png",
      buffer: Buffer.from(LOGO_PNG),
    });
    await page.getByRole("button", { name: "Save the settings" }).click();
    await page.getByText("The billing settings are saved.").waitFor();

    // Documents made after the settings: issuing snapshots the issuer as it then stands.
    const { invoice, quote } = await inDb(async (db) => {
      const client = await insertClient(db, { name: "The Lanterns", email: "band@lanterns.example" });
      const vat = await insertTaxRate(db, { name: "VAT", rate: "20" });
      const reduced = await insertTaxRate(db, { name: "Reduced VAT", rate: "5.5" });
      const lines = [
        {
          description: "Tracking",
          quantity: "3",
          unit: "day" as const,
          unitPrice: 60000,
          taxRateIds: [vat.id],
        },
        {
          description: "Mixing",
          quantity: "2.5",
          unit: "hour" as const,
          unitPrice: 24990,
          taxRateIds: [reduced.id],
        },
      ];
      const draft = await createDraft(db, "invoice", { clientId: client.id, lines }, system);
      const invoice = await issueDocument(db, draft.id, draft.version, system);
      const quoteDraft = await createDraft(db, "quote", { clientId: client.id, lines }, system);
      const { quote } = await sendQuote(db, quoteDraft.id, quoteDraft.version, system, {
        mailer: nowhere,
        baseUrl: studio,
      });
      return { invoice, quote };
    });

    await page.goto(`${studio}/app/invoices/${invoice.id}`);
    const invoiceFigures = await figuresOnPage(page);
    assert.match(invoiceFigures.number, /^INV-\d{4}-0001$/);
    // Subtotal 1,800.00 + 624.75; VAT 20% on 1,800.00 and 5.5% on 624.75; total 2,819.11.
    assert.deepEqual(invoiceFigures.amounts, [
      "€2,424.75",
      "€1,800.00",
      "€360.00",
      "€624.75",
      "€34.36",
      "€2,819.11",
    ]);
    assertPdfMatches(await downloadPdf(page), invoiceFigures);

    await page.goto(`${studio}/app/quotes/${quote.id}`);
    const quoteFigures = await figuresOnPage(page);
    assert.equal(quoteFigures.number, quote.number);
    assert.deepEqual(quoteFigures.amounts, invoiceFigures.amounts);
    assertPdfMatches(await downloadPdf(page), quoteFigures);
  });
});
