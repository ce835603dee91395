import type { AddressInfo } from "node:net";
import { createServer, type Server, type Socket, connect as tcpConnect } from "node:net";
import pg from "pg";
import { type Refusal, refusedStatement } from "./refused-statements.js";

/**
 * A stand-in for a secondary region's database connection: a PostgreSQL wire-protocol proxy in
 * front of a real server that refuses what Aurora's write forwarding refuses (`refused-statements.ts`).
 * Code under test connects to it with an ordinary `postgres://` URL, so handlers and workers run
 * unchanged, through the same driver they use in production.
 *
 * A refused statement is not answered by the proxy itself: it is replaced by one that fails on the
 * real server with SQLSTATE 0A000 (feature_not_supported), so the server's transaction state (aborted
 * inside a transaction block) stays what the client is told.
 */
export interface WriteForwardingProxy {
  /** `postgres://` URL of the proxy, with the upstream's user, password and database. */
  url: string;
  /** Every statement refused so far, oldest first. */
  refusals: Refusal[];
  close(): Promise<void>;
}

export const REFUSAL_SQLSTATE = "0A000";

export async function startWriteForwardingProxy(upstreamUrl: string): Promise<WriteForwardingProxy> {
  const upstream = new URL(upstreamUrl);
  const userFunctions = await userDefinedFunctions(upstreamUrl);
  const refusals: Refusal[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const backend = tcpConnect(Number(upstream.port || 5432), upstream.hostname);
    for (const socket of [client, backend]) {
      // Without it, Nagle's algorithm and delayed ACKs hold each small protocol message ~40 ms.
      socket.setNoDelay(true);
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
      socket.on("error", () => {
        client.destroy();
        backend.destroy();
      });
    }
    backend.pipe(client);
    const filter = new ClientMessages(
      (message) => backend.write(message),
      client,
      (sql) => {
        const refusal = refusedStatement(sql, userFunctions);
        if (refusal) refusals.push(refusal);
        return refusal;
      },
    );
    client.on("data", (chunk: Buffer) => filter.push(chunk));
    client.on("end", () => backend.end());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const url = new URL(upstreamUrl);
  url.hostname = "127.0.0.1";
  url.port = String(port);
  return {
    url: url.toString(),
    refusals,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Functions and procedures the database defines outside the system schemas: AWS refuses calls to them. */
async function userDefinedFunctions(url: string): Promise<Set<string>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>(
      `select distinct p.proname as name from pg_proc p join pg_namespace n on n.oid = p.pronamespace
       where n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg_toast%'`,
    );
    return new Set(rows.map((row) => row.name.toLowerCase()));
  } finally {
    await client.end();
  }
}

const SSL_REQUEST_CODE = 80877103;
const GSSENC_REQUEST_CODE = 80877104;

/**
 * Frames what the client sends (https://www.postgresql.org/docs/current/protocol-message-formats.html)
 * and rewrites the SQL of simple (`Q`) and extended (`P`, Parse) queries that are refused.
 */
class ClientMessages {
  private buffer = Buffer.alloc(0);
  private startedUp = false;

  constructor(
    private readonly forward: (message: Buffer) => void,
    private readonly client: Socket,
    private readonly check: (sql: string) => Refusal | undefined,
  ) {}

  push(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    const messages: Buffer[] = [];
    for (;;) {
      const message = this.startedUp ? this.typedMessage() : this.startupMessage();
      if (!message) break;
      messages.push(message);
    }
    if (messages.length > 0) this.forward(Buffer.concat(messages));
  }

  /** Before start-up, messages have no type byte; TLS and GSS encryption requests are declined here. */
  private startupMessage(): Buffer | undefined {
    if (this.buffer.length < 8) return undefined;
    const length = this.buffer.readInt32BE(0);
    if (this.buffer.length < length) return undefined;
    const message = this.buffer.subarray(0, length);
    this.buffer = this.buffer.subarray(length);
    const code = message.readInt32BE(4);
    if (code === SSL_REQUEST_CODE || code === GSSENC_REQUEST_CODE) {
      this.client.write("N");
      return this.startupMessage();
    }
    this.startedUp = true;
    return message;
  }

  private typedMessage(): Buffer | undefined {
    if (this.buffer.length < 5) return undefined;
    const length = this.buffer.readInt32BE(1);
    if (this.buffer.length < length + 1) return undefined;
    const message = this.buffer.subarray(0, length + 1);
    this.buffer = this.buffer.subarray(length + 1);
    const type = String.fromCharCode(message[0] as number);
    if (type === "Q") return this.rewriteQuery(message);
    if (type === "P") return this.rewriteParse(message);
    return message;
  }

  private rewriteQuery(message: Buffer): Buffer {
    const sql = cString(message, 5);
    const refusal = this.check(sql.value);
    return refusal ? frame("Q", cStringBytes(failingStatement(refusal))) : message;
  }

  /** Parse: name, query, then the declared parameter types, which the failing statement must accept. */
  private rewriteParse(message: Buffer): Buffer {
    const name = cString(message, 5);
    const sql = cString(message, name.end);
    const refusal = this.check(sql.value);
    if (!refusal) return message;
    const declared = message.readInt16BE(sql.end);
    const parameters = Math.max(declared, highestParameter(sql.value));
    const types = Buffer.alloc(2 + 4 * parameters);
    types.writeInt16BE(parameters, 0);
    for (let index = 0; index < parameters; index += 1) {
      const oid = index < declared ? message.readInt32BE(sql.end + 2 + 4 * index) : 0;
      types.writeInt32BE(oid === 0 ? TEXT_OID : oid, 2 + 4 * index);
    }
    return frame(
      "P",
      Buffer.concat([cStringBytes(name.value), cStringBytes(failingStatement(refusal)), types]),
    );
  }
}

const TEXT_OID = 25;

function failingStatement(refusal: Refusal): string {
  const message =
    `${refusal.kind} is not supported with Aurora PostgreSQL write forwarding: ${refusal.statement}`
      .replaceAll("'", "''")
      .replaceAll("$refused$", "");
  return `DO $refused$BEGIN RAISE EXCEPTION USING ERRCODE = '${REFUSAL_SQLSTATE}', MESSAGE = '${message}'; END$refused$`;
}

/** Bind must supply as many values as the statement declares; the failing one declares the original's. */
function highestParameter(sql: string): number {
  let highest = 0;
  for (const match of sql.matchAll(/\$(\d+)/g)) highest = Math.max(highest, Number(match[1]));
  return highest;
}

function cString(buffer: Buffer, start: number): { value: string; end: number } {
  const zero = buffer.indexOf(0, start);
  return { value: buffer.toString("utf8", start, zero), end: zero + 1 };
}

function cStringBytes(value: string): Buffer {
  return Buffer.concat([Buffer.from(value, "utf8"), Buffer.from([0])]);
}

function frame(type: string, payload: Buffer): Buffer {
  const header = Buffer.alloc(5);
  header.write(type, 0, "ascii");
  header.writeInt32BE(payload.length + 4, 1);
  return Buffer.concat([header, payload]);
}
