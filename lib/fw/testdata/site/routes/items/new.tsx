import type { FwContext } from "../../../../types.ts";

export const handler = {
  POST: async (ctx: FwContext<unknown>) => {
    const form = await ctx.req.formData();
    return ctx.redirect(`/items/${form.get("name")}`);
  },
};

export default function NewItem() {
  return <h1>New item form</h1>;
}
