import type { FwContext, PageProps } from "../../../../types.ts";
import { HttpError } from "../../../../http_error.ts";

export const handler = {
  GET: (ctx: FwContext<unknown, { id: string }>) => {
    if (ctx.params.id === "missing") throw new HttpError(404, "no such item");
    if (ctx.params.id === "boom") throw new Error("kaboom");
    return ctx.render({ id: ctx.params.id });
  },
};

export default function Item({ data }: PageProps<unknown, { id: string }>) {
  return <h1>Item {data.id}</h1>;
}
