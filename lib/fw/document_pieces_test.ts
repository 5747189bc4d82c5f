import assert from "node:assert/strict";
import { documentPieces, joinPieces } from "./document_pieces.ts";
import { collectEncoded, EncodedHtml, placeEncoded } from "./encoded_html.ts";

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

Deno.test("a document's pieces put each kept fragment at its marker and the nonce wherever it stood", () => {
  const rows = new EncodedHtml("<tr><td>Ébène</td></tr>");
  const { result: html, parts } = collectEncoded(() =>
    `<style nonce="N0">a{}</style><table>${placeEncoded(rows)}</table><script nonce="N0"></script>`
  );
  const pieces = documentPieces(html, parts, "N0");
  assert.equal(pieces.filter((piece) => piece === null).length, 2);
  assert.ok(pieces.includes(rows.bytes), "the fragment's bytes are shared, not copied");
  assert.equal(
    text(joinPieces(pieces, "fresh")),
    `<style nonce="fresh">a{}</style><table><tr><td>Ébène</td></tr></table><script nonce="fresh"></script>`,
  );
});

Deno.test("a fragment whose marker was dropped is an error, not a page without it", () => {
  const { parts } = collectEncoded(() => placeEncoded(new EncodedHtml("<p>x</p>")));
  assert.throws(() => documentPieces("<main></main>", parts), /encoded part 0 has no place/);
});
