import { connect, createServer, type Server, type Socket } from "node:net";
import { postgresServerUrl } from "../../support/temporary-postgres.js";

/**
 * A TCP hop between the API and Postgres that a test can take away: `down()` cuts every open
 * connection and closes the port (connection refused), `blackhole()` accepts connections and never
 * answers, `freeze()` keeps open connections open but carries nothing more (a partition), `up()`
 * forwards again on the same port. It is the network, not a mock of the database.
 */
export interface TcpProxy {
  port: number;
  up(): Promise<void>;
  down(): Promise<void>;
  blackhole(): Promise<void>;
  /** Cuts the open connections (as a failover or a dropped link would) but keeps accepting new ones. */
  cut(): void;
  /** Connections accepted while blackholed, and how many of those the connecting side gave up on. */
  blackholed(): { opened: number; givenUp: number };
  /** Stops carrying bytes on the open connections, without closing them, until `thaw()`. */
  freeze(): void;
  thaw(): void;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  const pairs = new Set<[Socket, Socket]>();
  let mode: "forward" | "blackhole" = "forward";
  const blackholed = { opened: 0, givenUp: 0 };
  // Sockets this proxy closed itself: their closing is not the other side giving up.
  const closedHere = new WeakSet<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => socket.destroy());
  };
  const onConnection = (client: Socket) => {
    track(client);
    if (mode === "blackhole") {
      blackholed.opened += 1;
      // Swallow what is sent, so the other side's FIN is read and its giving up is seen.
      client.resume();
      client.on("close", () => {
        if (!closedHere.has(client)) blackholed.givenUp += 1;
      });
      return;
    }
    const upstream = connect(target.port, target.host);
    track(upstream);
    client.pipe(upstream).pipe(client);
    const pair: [Socket, Socket] = [client, upstream];
    pairs.add(pair);
    client.on("close", () => {
      pairs.delete(pair);
      upstream.destroy();
    });
    upstream.on("close", () => client.destroy());
  };
  let server: Server = createServer(onConnection);
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => {
        const address = server.address();
        resolve(typeof address === "object" && address ? address.port : port);
      });
    });
  const cut = () => {
    for (const socket of sockets) {
      closedHere.add(socket);
      socket.destroy();
    }
  };
  const stop = async () => {
    cut();
    if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  const port = await listen(0);
  return {
    port,
    cut,
    blackholed: () => ({ ...blackholed }),
    freeze() {
      for (const [client, upstream] of pairs) {
        client.unpipe(upstream);
        upstream.unpipe(client);
      }
    },
    thaw() {
      for (const [client, upstream] of pairs) client.pipe(upstream).pipe(client);
    },
    async up() {
      mode = "forward";
      if (!server.listening) {
        server = createServer(onConnection);
        await listen(port);
      }
    },
    down: stop,
    async blackhole() {
      cut();
      mode = "blackhole";
      if (!server.listening) {
        server = createServer(onConnection);
        await listen(port);
      }
    },
    close: stop,
  };
}

/**
 * A TCP proxy in front of the test Postgres server and the URL of `databaseUrl` through it: the
 * database a test can then take away with `proxy.down()`, `blackhole()` or `freeze()`.
 */
export async function databaseBehindProxy(databaseUrl: string): Promise<{ proxy: TcpProxy; url: string }> {
  const server = new URL(postgresServerUrl);
  const proxy = await startTcpProxy({ host: server.hostname, port: Number(server.port || 5432) });
  const url = new URL(databaseUrl);
  url.host = `127.0.0.1:${proxy.port}`;
  return { proxy, url: url.toString() };
}
