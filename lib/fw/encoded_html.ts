/**
 * HTML kept as UTF-8 bytes — a fragment rendered once and reused across requests (e.g. held by a
 * VersionedCache) — and spliced into each document as bytes (document_pieces.ts). A page rendered as one string is
 * flattened and encoded whole on every response; a 50 KB fragment kept this way is copied instead.
 *
 * ```tsx
 * const table = new EncodedHtml(renderToString(<Rows … />)); // once
 * <div dangerouslySetInnerHTML={{ __html: placeEncoded(table) }} /> // per render
 * ```
 */
const encoder = new TextEncoder();
const decoder = new TextDecoder();

export class EncodedHtml {
  readonly bytes: Uint8Array<ArrayBuffer>;
  constructor(html: string) {
    this.bytes = encoder.encode(html);
  }
}

// A comment no escaped text can produce (text never holds a raw "<"), unique to this process.
const TOKEN = crypto.randomUUID();
/** Where the render left the `index`-th encoded part (document_pieces.ts puts its bytes there). */
export const markerOf = (index: number) => `<!--fw-encoded-${TOKEN}-${index}-->`;

let collecting: Uint8Array[] | null = null;

/**
 * The markup to place for `html` in the render under way: a marker when the render collects encoded
 * parts (renderDocument does), else the decoded text (any other renderToString).
 */
export function placeEncoded(html: EncodedHtml): string {
  if (!collecting) return decoder.decode(html.bytes);
  return markerOf(collecting.push(html.bytes) - 1);
}

/** Runs a synchronous render collecting the encoded parts it placed, in order. */
export function collectEncoded<T>(render: () => T): { result: T; parts: Uint8Array[] } {
  const parts: Uint8Array[] = [];
  const previous = collecting;
  collecting = parts;
  try {
    return { result: render(), parts };
  } finally {
    collecting = previous;
  }
}
