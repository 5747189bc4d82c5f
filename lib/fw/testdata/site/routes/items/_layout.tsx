import type { LayoutProps } from "../../../../types.ts";

export default function ItemsLayout({ Component }: LayoutProps<unknown>) {
  return (
    <section id="items-layout">
      <Component />
    </section>
  );
}
