import type { ComponentChild } from "preact";
import type { FwContext, Handlers, LayoutProps, PageProps } from "../fw/types.ts";
import type { State } from "./state.ts";

/** The context, page props and handlers of this app, with its State filled in. */
export type Ctx<Data = unknown> = FwContext<State, Data>;
export type Props<Data = unknown> = PageProps<State, Data>;
export type Layout = LayoutProps<State>;

/**
 * Typed helpers for route modules, so handlers and pages agree on their data:
 *
 * ```ts
 * export const handler = define.handlers<{ room: Room }>({ GET: async (ctx) => ctx.render({ room }) });
 * export default define.page<typeof handler>(({ data }) => <h1>{data.room.name}</h1>);
 * ```
 */
export const define = {
  handlers<Data>(handlers: Handlers<State, Data>): Handlers<State, Data> {
    return handlers;
  },
  page<H = unknown>(page: (props: Props<HandlerData<H>>) => ComponentChild) {
    return page;
  },
};

type HandlerData<H> = H extends Handlers<State, infer D> ? D : unknown;
