import assert from "node:assert/strict";
import { attachmentName } from "./download.ts";

Deno.test("a download's name has an ASCII fallback and the exact UTF-8 name", () => {
  assert.equal(
    attachmentName("Élodie Martin", "vcf"),
    `attachment; filename="Elodie-Martin.vcf"; filename*=UTF-8''%C3%89lodie%20Martin.vcf`,
  );
  assert.equal(
    attachmentName(`"Quotes" (and) it's/*`, "csv"),
    `attachment; filename="Quotes-and-it-s.csv"; filename*=UTF-8''%22Quotes%22%20%28and%29%20it%27s%2F%2A.csv`,
  );
  assert.equal(attachmentName("東京", "vcf").split(";")[1], ` filename="download.vcf"`);
});
