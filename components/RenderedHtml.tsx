import { type EncodedHtml, placeEncoded } from "@/lib/fw/encoded_html.ts";

/**
 * HTML this app rendered itself with Preact — escaped like any page — and kept as UTF-8 bytes, such
 * as a table held by a VersionedCache. Never give it markup that came from outside.
 */
export function RenderedHtml({ html }: { html: EncodedHtml }) {
  // deno-lint-ignore react-no-danger
  return <div dangerouslySetInnerHTML={{ __html: placeEncoded(html) }} />;
}
