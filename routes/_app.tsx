import type { Layout } from "@/lib/http/define.ts";

export default function App({ Component, state }: Layout) {
  return (
    <html lang={state.locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light" />
        <title>{state.t("app.name")}</title>
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
      </head>
      <body class="min-h-screen bg-neutral-50 text-neutral-900 antialiased">
        <a
          href="#main"
          class="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:z-50 focus:rounded-md focus:bg-white focus:px-4 focus:py-2 focus:shadow focus-ring"
        >
          {state.t("nav.skip")}
        </a>
        <Component />
      </body>
    </html>
  );
}
