import type { LayoutProps } from "../../../types.ts";

export default function App({ Component }: LayoutProps<{ trail: string[] }>) {
  return (
    <html lang="en">
      <head>
        <title>fixture</title>
      </head>
      <body>
        <Component />
      </body>
    </html>
  );
}
