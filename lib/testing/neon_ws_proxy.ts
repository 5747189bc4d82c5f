/**
 * A loopback WebSocket→TCP proxy in the format `@neondatabase/serverless` speaks to a self-hosted
 * proxy (its CONFIG.md, `wsProxy`): the client opens `ws://<proxy>/v1?address=<host>:<port>` and
 * exchanges raw Postgres protocol bytes in binary frames. With it, tests and benchmarks run the
 * Neon driver against the local test Postgres:
 *
 * ```ts
 * await using proxy = startNeonWsProxy();
 * const driver = new NeonDriver({ ..., socket: proxy.neonConfig });
 * ```
 *
 * Only loopback targets are allowed (an open proxy to any host is a gift to whoever finds it).
 */
import type { NeonSocketConfig } from "../tenancy/drivers/neon.ts";

export interface NeonWsProxy extends AsyncDisposable {
  /** `127.0.0.1:PORT/v1`: no protocol, as `neonConfig.wsProxy` expects. */
  readonly wsProxy: string;
  /** The client settings that reach this proxy: plain ws://, no TLS, no pipelined password. */
  readonly neonConfig: NeonSocketConfig;
  readonly port: number;
  /** The `host:port` of every tunnel opened so far, oldest first. */
  readonly targets: readonly string[];
  /** Closes every tunnel, then the listener. */
  close(): Promise<void>;
}

export interface NeonWsProxyOptions {
  /** Which `host:port` targets may be reached; default: loopback addresses only. */
  allow?: (hostname: string, port: number) => boolean;
}

const LOOPBACK = new Set(["127.0.0.1", "localhost", "::1"]);

export function startNeonWsProxy(options: NeonWsProxyOptions = {}): NeonWsProxy {
  const allow = options.allow ?? ((hostname: string) => LOOPBACK.has(hostname));
  const tunnels = new Set<{ finish(): void; done: Promise<void> }>();
  const targets: string[] = [];

  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, (request) => {
    const address = new URL(request.url).searchParams.get("address") ?? "";
    const match = address.match(/^\[?(.+?)\]?:(\d+)$/);
    if (request.headers.get("upgrade")?.toLowerCase() !== "websocket" || !match) {
      return new Response("Expected a WebSocket upgrade with ?address=host:port", { status: 400 });
    }
    const [hostname, port] = [match[1], Number(match[2])];
    if (!allow(hostname, port)) return new Response(`Target ${address} is not allowed`, { status: 403 });
    targets.push(address);
    const { socket, response } = Deno.upgradeWebSocket(request);
    socket.binaryType = "arraybuffer";
    let conn: Deno.TcpConn | undefined;
    let finished = false;
    let resolveDone!: () => void;
    const tunnel = {
      done: new Promise<void>((resolve) => resolveDone = resolve),
      // Either side ending ends both: Postgres sees EOF, the client sees the socket close.
      finish() {
        if (finished) return;
        finished = true;
        conn?.close();
        if (socket.readyState <= WebSocket.OPEN) socket.close();
        tunnels.delete(tunnel);
        resolveDone();
      },
    };
    tunnels.add(tunnel);
    const connected = Deno.connect({ hostname, port }).then((tcp) => {
      if (finished) return tcp.close();
      conn = tcp;
      pump(tcp, socket).finally(tunnel.finish);
    });
    // Frames that arrive before the TCP connection is up wait on this chain, and stay in order.
    let writes = connected.catch(tunnel.finish);
    socket.onmessage = (event) => {
      const bytes = typeof event.data === "string"
        ? new TextEncoder().encode(event.data)
        : new Uint8Array(event.data as ArrayBuffer);
      writes = writes.then(() => conn && !finished ? writeAll(conn, bytes) : undefined).catch(tunnel.finish);
    };
    socket.onclose = tunnel.finish;
    socket.onerror = tunnel.finish;
    return response;
  });

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      const open = [...tunnels];
      for (const tunnel of open) tunnel.finish();
      await Promise.all(open.map((tunnel) => tunnel.done));
      await server.shutdown();
    })();
    return closing;
  };
  const port = server.addr.port;
  const wsProxy = `127.0.0.1:${port}/v1`;
  return {
    wsProxy,
    neonConfig: {
      wsProxy,
      useSecureWebSocket: false,
      forceDisablePgSSL: true,
      pipelineTLS: false,
      pipelineConnect: false,
    },
    port,
    targets,
    close,
    [Symbol.asyncDispose]: close,
  };
}

/** Postgres → client: each chunk read from TCP goes out as one binary frame. */
async function pump(conn: Deno.TcpConn, socket: WebSocket): Promise<void> {
  const buffer = new Uint8Array(64 * 1024);
  while (true) {
    const n = await conn.read(buffer).catch(() => null);
    if (n === null || socket.readyState !== WebSocket.OPEN) return;
    socket.send(buffer.slice(0, n));
  }
}

async function writeAll(conn: Deno.TcpConn, bytes: Uint8Array): Promise<void> {
  for (let offset = 0; offset < bytes.length;) offset += await conn.write(bytes.subarray(offset));
}
