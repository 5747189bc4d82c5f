import { formatNumber } from "./format.ts";
import type { Locale } from "./locales.ts";

// A deliberately small subset of ICU MessageFormat: `{name}` and
// `{name, plural, =0 {…} one {… # …} other {…}}`. No apostrophe escaping, because French text is full of
// apostrophes; a message needing literal braces is a message to reword.

/** One piece of a parsed message. */
export type MessageNode =
  | { readonly kind: "text"; readonly value: string }
  | { readonly kind: "argument"; readonly name: string; readonly source: string }
  | {
    readonly kind: "plural";
    readonly name: string;
    readonly source: string;
    readonly branches: ReadonlyMap<string, readonly MessageNode[]>;
  }
  | { readonly kind: "count" };

/** Values a message can interpolate; numbers are formatted for the locale. */
export type MessageParams = Readonly<Record<string, string | number | bigint>>;

/** Parses message source into nodes; throws SyntaxError on unbalanced braces or a plural without `other`. */
export function parseMessage(source: string): MessageNode[] {
  const parser = new Parser(source);
  const nodes = parser.message(false);
  if (parser.pos < source.length) parser.fail("unexpected '}'");
  return nodes;
}

/** Renders parsed nodes; an argument missing from `params` stays visible as written instead of throwing. */
export function renderMessage(nodes: readonly MessageNode[], params: MessageParams, locale: Locale): string {
  return render(nodes, params, locale, undefined);
}

/** The arguments a message uses, as "name" or "name:plural", for checking translations against the source. */
export function messageArguments(source: string): Set<string> {
  const found = new Set<string>();
  const visit = (nodes: readonly MessageNode[]) => {
    for (const node of nodes) {
      if (node.kind === "argument") found.add(node.name);
      if (node.kind === "plural") {
        found.add(`${node.name}:plural`);
        for (const branch of node.branches.values()) visit(branch);
      }
    }
  };
  visit(parseMessage(source));
  return found;
}

const pluralRules = new Map<Locale, Intl.PluralRules>();

function render(
  nodes: readonly MessageNode[],
  params: MessageParams,
  locale: Locale,
  count: string | undefined,
): string {
  let out = "";
  for (const node of nodes) {
    switch (node.kind) {
      case "text":
        out += node.value;
        break;
      case "count":
        out += count ?? "#";
        break;
      case "argument": {
        const value = param(params, node.name);
        out += value === undefined
          ? node.source
          : typeof value === "string"
          ? value
          : formatNumber(value, locale);
        break;
      }
      case "plural": {
        const value = param(params, node.name);
        if (typeof value !== "number" && typeof value !== "bigint") {
          out += node.source;
          break;
        }
        const branch = node.branches.get(`=${value}`) ??
          node.branches.get(rulesFor(locale).select(Number(value))) ??
          node.branches.get("other")!;
        out += render(branch, params, locale, formatNumber(value, locale));
        break;
      }
    }
  }
  return out;
}

// Own properties only, so a message argument named "constructor" never reads Object.prototype.
function param(params: MessageParams, name: string) {
  return Object.hasOwn(params, name) ? params[name] : undefined;
}

function rulesFor(locale: Locale): Intl.PluralRules {
  let rules = pluralRules.get(locale);
  if (!rules) {
    rules = new Intl.PluralRules(locale);
    pluralRules.set(locale, rules);
  }
  return rules;
}

const IDENTIFIER = /[A-Za-z_][A-Za-z0-9_]*/y;
const SELECTOR = /=\d+|zero|one|two|few|many|other/y;

class Parser {
  pos = 0;
  constructor(readonly source: string) {}

  message(inPlural: boolean): MessageNode[] {
    const nodes: MessageNode[] = [];
    let text = "";
    const flush = () => {
      if (text) nodes.push({ kind: "text", value: text });
      text = "";
    };
    while (this.pos < this.source.length) {
      const char = this.source[this.pos];
      if (char === "}") break;
      if (char === "{") {
        flush();
        nodes.push(this.argument());
      } else if (char === "#" && inPlural) {
        flush();
        nodes.push({ kind: "count" });
        this.pos++;
      } else {
        text += char;
        this.pos++;
      }
    }
    flush();
    return nodes;
  }

  argument(): MessageNode {
    const start = this.pos;
    this.expect("{");
    const name = this.match(IDENTIFIER, "an argument name");
    this.skipSpaces();
    if (this.source[this.pos] === "}") {
      this.pos++;
      return { kind: "argument", name, source: this.source.slice(start, this.pos) };
    }
    this.expect(",");
    if (this.match(IDENTIFIER, "an argument type") !== "plural") this.fail("only 'plural' is supported");
    this.expect(",");
    const branches = new Map<string, MessageNode[]>();
    while (this.skipSpaces(), this.source[this.pos] !== "}") {
      const selector = this.match(SELECTOR, "a plural category or =N");
      if (branches.has(selector)) this.fail(`duplicate plural branch '${selector}'`);
      this.expect("{");
      branches.set(selector, this.message(true));
      this.expect("}");
    }
    this.pos++;
    if (!branches.has("other")) this.fail("a plural needs an 'other' branch");
    return { kind: "plural", name, branches, source: this.source.slice(start, this.pos) };
  }

  expect(char: string): void {
    this.skipSpaces();
    if (this.source[this.pos] !== char) this.fail(`expected '${char}'`);
    this.pos++;
  }

  match(pattern: RegExp, what: string): string {
    this.skipSpaces();
    pattern.lastIndex = this.pos;
    const found = pattern.exec(this.source)?.[0];
    if (found === undefined) this.fail(`expected ${what}`);
    this.pos += found.length;
    return found;
  }

  skipSpaces(): void {
    while (/\s/.test(this.source[this.pos] ?? "")) this.pos++;
  }

  fail(reason: string): never {
    throw new SyntaxError(`${reason} at position ${this.pos} in message "${this.source}"`);
  }
}
