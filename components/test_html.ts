// Test helpers: small queries over server-rendered HTML (no DOM is available to `deno test`).

export type Attributes = Record<string, string>;

const ENTITIES: Record<string, string> = {
  "&amp;": "&",
  "&quot;": '"',
  "&lt;": "<",
  "&gt;": ">",
  "&#39;": "'",
};

// Quoted values may hold ">" (Preact escapes only "<", "&" and '"' in attributes).
const ATTRIBUTE_SOURCE = '(?:[^>"]|"[^"]*")*';

function decode(value: string): string {
  return value.replace(/&(?:amp|quot|lt|gt|#39);/g, (entity) => ENTITIES[entity]);
}

function parseAttributes(source: string): Attributes {
  const attributes: Attributes = {};
  for (const [, name, value] of source.matchAll(/([^\s=/>]+)(?:="([^"]*)")?/g)) {
    attributes[name] = decode(value ?? "");
  }
  return attributes;
}

/** The attributes of every opening `<tag …>` in document order; a valueless attribute maps to "". */
export function tagsOf(html: string, tag: string): Attributes[] {
  const opening = new RegExp(`<${tag}(?=[\\s>/])(${ATTRIBUTE_SOURCE})>`, "g");
  return [...html.matchAll(opening)].map(([, attributes]) => parseAttributes(attributes));
}

/** The attributes of the one `<tag>` in the HTML; fails when there is none or several. */
export function tagOf(html: string, tag: string): Attributes {
  const found = tagsOf(html, tag);
  if (found.length !== 1) throw new Error(`expected one <${tag}>, found ${found.length} in ${html}`);
  return found[0];
}

/** The element with this id: its tag name and attributes. */
export function byId(html: string, id: string): { tag: string; attributes: Attributes } {
  for (
    const [, tag, source] of html.matchAll(
      new RegExp(`<([a-z][a-z0-9-]*)(?=[\\s>/])(${ATTRIBUTE_SOURCE})>`, "g"),
    )
  ) {
    const attributes = parseAttributes(source);
    if (attributes.id === id) return { tag, attributes };
  }
  throw new Error(`no element with id "${id}" in ${html}`);
}

/** The class list of an attribute map, for membership checks. */
export function classesOf(attributes: Attributes): string[] {
  return (attributes.class ?? "").split(/\s+/).filter(Boolean);
}
