/**
 * Whole rendered documents kept for reuse, for a page whose every input the route can name in a key
 * (its data's version, the viewer, the address, the locale): a repeat view is then copied, not
 * rendered. What changes per request — the CSP nonce — is left out of the kept bytes and put back
 * each time, so every response still carries its own nonce.
 *
 * ```ts
 * return ctx.render(data, undefined, { documents: entry.documents, key: JSON.stringify([…inputs]) });
 * ```
 */
import { documentPieces, type Pieces } from "./document_pieces.ts";

/** A document as pieces of bytes, with a place for the nonce wherever it stood. */
export type KeptDocument = Pieces;

/** Where a route keeps its documents: at most `maxEntries`, least recently used first out. */
export class KeptDocuments {
  readonly #entries = new Map<string, KeptDocument>();

  constructor(readonly maxEntries: number) {}

  get(key: string): KeptDocument | undefined {
    const document = this.#entries.get(key);
    if (document) {
      this.#entries.delete(key);
      this.#entries.set(key, document);
    }
    return document;
  }

  set(key: string, document: KeptDocument): void {
    this.#entries.delete(key);
    this.#entries.set(key, document);
    for (const [oldest] of this.#entries) {
      if (this.#entries.size <= this.maxEntries) break;
      this.#entries.delete(oldest);
    }
  }

  get size(): number {
    return this.#entries.size;
  }
}

/** Where to keep the document a render makes, and under which key (everything it depends on). */
export interface Keep {
  documents: KeptDocuments;
  key: string;
}

/** The kept document for `keep`, made by `render` (text with markers, and its encoded parts) if missing. */
export function keptDocument(
  keep: Keep,
  nonce: string | undefined,
  render: () => { html: string; parts: Uint8Array[] },
): KeptDocument {
  let document = keep.documents.get(keep.key);
  if (!document) {
    const { html, parts } = render();
    document = documentPieces(html, parts, nonce);
    keep.documents.set(keep.key, document);
  }
  return document;
}
