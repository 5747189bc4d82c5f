import { EncodedHtml, placeEncoded } from "../../../encoded_html.ts";
import { KeptDocuments } from "../../../kept_documents.ts";
import type { FwContext, PageProps } from "../../../types.ts";

/** A kept page: rendered once per `?who=`, every response with its own nonce (set here, as the app's headers do). */
const documents = new KeptDocuments(2);
const table = new EncodedHtml("<table><tr><td>Façade → 10:00</td></tr></table>");
export let renders = 0;

interface Data {
  who: string;
  nonce: string;
}

export const handler = {
  async GET(ctx: FwContext<unknown, Data>) {
    const nonce = crypto.randomUUID();
    ctx.hono.set("secureHeadersNonce", nonce);
    const who = ctx.url.searchParams.get("who") ?? "";
    const res = await ctx.render({ who, nonce }, undefined, { documents, key: who });
    res.headers.set("x-nonce", nonce);
    return res;
  },
};

// deno-lint-ignore react-no-danger
const Kept = () => <div dangerouslySetInnerHTML={{ __html: placeEncoded(table) }} />;

export default function KeptPage({ data }: PageProps<unknown, Data>) {
  renders++;
  return (
    <main>
      <style nonce={data.nonce}>{"main{color:red}"}</style>
      <p>For {data.who}</p>
      <Kept />
    </main>
  );
}
