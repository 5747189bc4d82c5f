export function handler(ctx: { req: Request }) {
  return Response.json({ method: ctx.req.method });
}
