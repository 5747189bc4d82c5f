import type { PageProps } from "../../../../../types.ts";

export const config = { skipInheritedLayouts: true };

export default function Standalone({ params }: PageProps<unknown>) {
  return <h1>Standalone {params.id}</h1>;
}
