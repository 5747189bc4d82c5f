/**
 * A rendered document as pieces of UTF-8 bytes: the text around kept fragments (encoded_html.ts),
 * the fragments' own bytes (shared, not copied), and `null` wherever the request's CSP nonce goes.
 */
import { markerOf } from "./encoded_html.ts";

export type Pieces = readonly (Uint8Array | null)[];

const encoder = new TextEncoder();

/**
 * Splits `html` at the markers of `parts` (in order) and, when given, at each occurrence of `nonce`
 * (a fresh random value no page text contains).
 */
export function documentPieces(html: string, parts: Uint8Array[], nonce?: string): Pieces {
  const pieces: (Uint8Array | null)[] = [];
  const text = (from: number, to: number) => {
    const chunk = html.slice(from, to);
    if (!nonce) return pieces.push(encoder.encode(chunk));
    chunk.split(nonce).forEach((between, i) => {
      if (i > 0) pieces.push(null);
      pieces.push(encoder.encode(between));
    });
  };
  let from = 0;
  parts.forEach((bytes, index) => {
    const marker = markerOf(index);
    const at = html.indexOf(marker, from);
    // A marker goes missing only if a component dropped markup it had rendered.
    if (at === -1) throw new Error(`encoded part ${index} has no place in the document`);
    text(from, at);
    pieces.push(bytes);
    from = at + marker.length;
  });
  text(from, html.length);
  return pieces;
}

/** The document's bytes, with `nonce` in each of its places. */
export function joinPieces(pieces: Pieces, nonce = ""): Uint8Array<ArrayBuffer> {
  const nonceBytes = encoder.encode(nonce);
  let length = 0;
  for (const piece of pieces) length += piece ? piece.length : nonceBytes.length;
  const body = new Uint8Array(length);
  let offset = 0;
  for (const piece of pieces) {
    const bytes = piece ?? nonceBytes;
    body.set(bytes, offset);
    offset += bytes.length;
  }
  return body;
}
