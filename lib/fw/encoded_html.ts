/**
 * HTML kept as UTF-8 bytes — a fragment rendered once and reused across requests (e.g. held by a
 * VersionedCache) — and spliced into each document as bytes. A page rendered as one string is
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
const marker = (index: number) => `<!--fw-encoded-${TOKEN}-${index}-->`;

let collecting: Uint8Array[] | null = null;

/**
 * The markup to place for `html` in the render under way: a marker when the render collects encoded
 * parts (renderDocument does), else the decoded text (any other renderToString).
 */
export function placeEncoded(html: EncodedHtml): string {
  if (!collecting) return decoder.decode(html.bytes);
  return marker(collecting.push(html.bytes) - 1);
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

/** The document's bytes: `html` encoded, with each part's bytes where its marker stands. */
export function spliceEncoded(html: string, parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const chunks: Uint8Array[] = [];
  let from = 0;
  parts.forEach((bytes, index) => {
    const at = html.indexOf(marker(index), from);
    // A marker goes missing only if a component dropped markup it had rendered.
    if (at === -1) throw new Error(`encoded part ${index} has no place in the document`);
    chunks.push(encoder.encode(html.slice(from, at)), bytes);
    from = at + marker(index).length;
  });
  chunks.push(encoder.encode(html.slice(from)));
  const body = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.length;
  }
  return body;
}
