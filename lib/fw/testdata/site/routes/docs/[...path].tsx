import type { PageProps } from "../../../../types.ts";

export default function Doc({ params }: PageProps<unknown>) {
  return <h1>Doc {params.path}</h1>;
}
