/**
 * HTML this app rendered itself with Preact — escaped like any page — and kept as text, such as a
 * table held by a VersionedCache. Never give it markup that came from outside.
 */
export function RenderedHtml({ html }: { html: string }) {
  // deno-lint-ignore react-no-danger
  return <div dangerouslySetInnerHTML={{ __html: html }} />;
}
