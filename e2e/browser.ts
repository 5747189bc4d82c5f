import { type Browser, chromium, type Page } from "playwright-core";

/** Debian's Chromium; playwright never downloads a browser of its own here. */
export const CHROMIUM_PATH = Deno.env.get("CHROMIUM_PATH") ?? "/usr/bin/chromium";

/** Launches headless Chromium with the flags that keep it off the (closed) network. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ],
  });
}

/**
 * Runs `fn` with a fresh page in a fresh browser, closing both afterwards. An error the page
 * throws or logs, or a script or stylesheet that fails to load, fails the test: a broken island
 * must not pass silently.
 */
export async function withPage(
  fn: (page: Page) => Promise<void>,
  options: { mobile?: boolean; timezoneId?: string } = {},
): Promise<void> {
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext({
      ...(options.mobile ? { viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true } : {}),
      ...(options.timezoneId ? { timezoneId: options.timezoneId } : {}),
    });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on("pageerror", (err) => problems.push(err.message));
    page.on("console", (msg) => {
      // Failed loads are judged by the response listener below, which knows what failed.
      if (msg.type() === "error" && !msg.text().startsWith("Failed to load resource")) {
        problems.push(msg.text());
      }
    });
    page.on("response", (res) => {
      const kind = res.request().resourceType();
      if (res.status() >= 400 && (kind === "script" || kind === "stylesheet")) {
        problems.push(`${res.status()} for ${kind} ${res.url()}`);
      }
    });
    await fn(page);
    if (problems.length) throw new Error("The page reported errors:\n" + problems.join("\n"));
  } finally {
    await browser.close();
  }
}
