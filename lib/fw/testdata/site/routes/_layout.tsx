import type { LayoutProps } from "../../../types.ts";

export default function RootLayout({ Component }: LayoutProps<unknown>) {
  return (
    <div id="root-layout">
      <Component />
    </div>
  );
}
