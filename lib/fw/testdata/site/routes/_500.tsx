import type { PageProps } from "../../../types.ts";

export default function ServerError({ error }: PageProps<unknown>) {
  return <h1>Broken: {error instanceof Error ? error.message : "?"}</h1>;
}
