/**
 * Awaits statements sent together inside one transaction. The transaction runs them in the order
 * they were sent, so the first failure in that order is the cause; the later ones only report that
 * the transaction is aborted, and may settle sooner — Promise.all would throw whichever came first.
 *
 * ```ts
 * const [[booking], blocks] = await pipelined([insert.execute(), insertTimes(tx, …), recordAudit(tx, …)]);
 * ```
 */
export async function pipelined<T extends readonly unknown[]>(
  statements: readonly [...T],
): Promise<{ -readonly [K in keyof T]: Awaited<T[K]> }> {
  const settled = await Promise.allSettled(statements);
  const failure = settled.find((result): result is PromiseRejectedResult => result.status === "rejected");
  if (failure) throw failure.reason;
  return settled.map((result) => (result as PromiseFulfilledResult<unknown>).value) as {
    -readonly [K in keyof T]: Awaited<T[K]>;
  };
}
