// The WCAG AA promises of static/styles.css, checked against the colours the file actually defines.
import assert from "node:assert/strict";

const withoutComments = (css: string) => css.replace(/\/\*[\s\S]*?\*\//g, "");
const ours = withoutComments(await Deno.readTextFile(new URL("../static/styles.css", import.meta.url)));
const tailwind = withoutComments(
  await Deno.readTextFile(new URL("../node_modules/tailwindcss/theme.css", import.meta.url)),
);

type Lab = [number, number, number];
const WHITE: Lab = [1, 0, 0];
const BLACK: Lab = [0, 0, 0];

function declared(name: string): string {
  const pattern = new RegExp(`(?:^|[\\s;{])${name}:\\s*([^;]+);`);
  const value = ours.match(pattern)?.[1] ?? tailwind.match(pattern)?.[1];
  if (!value) throw new Error(`${name} is not defined`);
  return value.trim();
}

/** Resolves the colour forms styles.css uses: oklch(), var(), color-mix(in oklab, …), white/black/#fff. */
function color(value: string): Lab {
  if (value === "white" || value === "#fff") return WHITE;
  if (value === "black" || value === "#000") return BLACK;
  const variable = value.match(/^var\((--[\w-]+)\)$/);
  if (variable) return color(declared(variable[1]));
  const lch = value.match(/^oklch\(([\d.]+)%\s+([\d.]+)\s+([\d.]+|none)\)$/);
  if (lch) {
    const [l, c, h] = [Number(lch[1]) / 100, Number(lch[2]), lch[3] === "none" ? 0 : Number(lch[3])];
    return [l, c * Math.cos((h * Math.PI) / 180), c * Math.sin((h * Math.PI) / 180)];
  }
  const mix = value.match(/^color-mix\(in oklab,\s*(.+?)\s+([\d.]+)%,\s*(.+)\)$/);
  if (mix) {
    const [a, share, b] = [color(mix[1]), Number(mix[2]) / 100, color(mix[3])];
    return [0, 1, 2].map((i) => a[i] * share + b[i] * (1 - share)) as Lab;
  }
  throw new Error(`cannot read colour ${value}`);
}

/** Relative luminance (WCAG) of an Oklab colour, clipped to sRGB as browsers display it. */
function luminance([L, a, b]: Lab): number {
  const l = (L + 0.3963377774 * a + 0.2158037573 * b) ** 3;
  const m = (L - 0.1055613458 * a - 0.0638541728 * b) ** 3;
  const s = (L - 0.0894841775 * a - 1.291485548 * b) ** 3;
  const [r, g, bl] = [
    4.0767416621 * l - 3.3077115913 * m + 0.2309699292 * s,
    -1.2684380046 * l + 2.6097574011 * m - 0.3413193965 * s,
    -0.0041960863 * l - 0.7034186147 * m + 1.707614701 * s,
  ].map((channel) => Math.min(1, Math.max(0, channel)));
  return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
}

function contrast(foreground: string, background: string): number {
  const [x, y] = [luminance(color(declared(foreground))), luminance(color(declared(background)))];
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
}

function assertContrast(foreground: string, background: string, minimum: number) {
  const ratio = contrast(foreground, background);
  assert.ok(ratio >= minimum, `${foreground} on ${background} is ${ratio.toFixed(2)}:1, needs ${minimum}:1`);
}

Deno.test("text on the default brand colour reads at 4.5:1, hovered too", () => {
  assertContrast("--color-on-brand", "--color-brand-600", 4.5);
  assertContrast("--color-on-brand", "--color-brand-700", 4.5);
});

Deno.test("body, muted and placeholder text read at 4.5:1 on pages, cards and table headers", () => {
  for (const background of ["--color-surface", "--color-canvas"]) {
    assertContrast("--color-ink", background, 4.5);
    assertContrast("--color-ink-muted", background, 4.5);
  }
  assertContrast("--color-neutral-500", "--color-surface", 4.5);
});

Deno.test("field edges, invalid edges and the focus outline stand out at 3:1 (WCAG 1.4.11)", () => {
  for (const background of ["--color-surface", "--color-canvas"]) {
    assertContrast("--color-line-strong", background, 3);
    assertContrast("--color-focus", background, 3);
  }
  assertContrast("--color-danger-700", "--color-surface", 3);
});

Deno.test("danger buttons and error messages read at 4.5:1", () => {
  assertContrast("--color-white", "--color-danger-600", 4.5);
  assertContrast("--color-white", "--color-danger-700", 4.5);
  assertContrast("--color-danger-700", "--color-surface", 4.5);
});

Deno.test("badge, toast and summary text reads at 4.5:1 on its tinted background", () => {
  for (const tone of ["danger", "success", "warning", "info"]) {
    assertContrast(`--color-${tone}-800`, `--color-${tone}-50`, 4.5);
  }
  assertContrast("--color-neutral-800", "--color-neutral-100", 4.5);
});
