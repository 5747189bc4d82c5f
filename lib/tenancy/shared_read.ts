/**
 * One read shared by the callers that ask at about the same time, without any of them getting an
 * answer older than their question: a caller joins only a read that has not been sent yet. While a
 * read is out, callers wait for the next one, sent as soon as it is back; so at most one read is out
 * per source, and under load each round trip answers everyone who arrived during the previous one.
 *
 * Why: the sessions list asks the studio's data version on every request (one round trip to
 * PostgreSQL, lib/tenancy/versioned_cache.ts). Under 32 concurrent requests most of those questions
 * overlap, and a read sent after a caller arrived sees every commit that caller could have seen, so
 * read-your-writes holds exactly as with one read per caller.
 */
export class SharedRead<T> {
  readonly #read: () => Promise<T>;
  #out?: Promise<T>;
  #next?: Promise<T>;

  constructor(read: () => Promise<T>) {
    this.#read = read;
  }

  /** An answer from a read sent no earlier than this call. */
  get(): Promise<T> {
    if (this.#next) return this.#next;
    if (!this.#out) return this.#send();
    // A failed read fails its own callers only; the next one is sent all the same.
    this.#next ??= this.#out.then(() => {}, () => {}).then(() => {
      this.#next = undefined;
      return this.#send();
    });
    return this.#next;
  }

  #send(): Promise<T> {
    const out = this.#read().finally(() => {
      if (this.#out === out) this.#out = undefined;
    });
    this.#out = out;
    return out;
  }
}

/** One {@link SharedRead} per source object (a studio's database handle), dropped with it. */
export class SharedReads<S extends object, T> {
  readonly #reads = new WeakMap<S, SharedRead<T>>();
  readonly #read: (source: S) => Promise<T>;

  constructor(read: (source: S) => Promise<T>) {
    this.#read = read;
  }

  get(source: S): Promise<T> {
    let shared = this.#reads.get(source);
    if (!shared) {
      shared = new SharedRead(() => this.#read(source));
      this.#reads.set(source, shared);
    }
    return shared.get();
  }
}
