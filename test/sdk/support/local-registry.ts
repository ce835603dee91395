import { writeFile } from "node:fs/promises";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { runServer } from "verdaccio";
import { makeTestTempDir } from "../../support/test-temp-dirs.js";

/** A real npm registry (Verdaccio) on an ephemeral port, with its own storage and a publisher account. */
export interface LocalRegistry {
  /** `http://127.0.0.1:<port>/`, the form npm writes in .npmrc. */
  url: string;
  /** A userconfig (.npmrc) that points npm at this registry and logs it in as the publisher. */
  userconfig: string;
  close(): Promise<void>;
}

const PUBLISHER = { name: "cellar-publisher", password: "local-registry-only" };

/**
 * Starts Verdaccio in this process. No uplinks: whatever is installed from it was published to it,
 * so nothing can come from the public registry by accident. Logs only at fatal, so a passing run stays
 * quiet (test/support/quiet-logs.setup.ts fails on error lines).
 */
export async function startLocalRegistry(): Promise<LocalRegistry> {
  const dir = makeTestTempDir("cellar-registry-");
  const app = await runServer({
    self_path: dir,
    storage: join(dir, "storage"),
    auth: { htpasswd: { file: join(dir, "htpasswd"), max_users: 1 } },
    uplinks: {},
    packages: { "**": { access: "$all", publish: "$authenticated", unpublish: "$authenticated" } },
    log: { type: "stdout", format: "json", level: "fatal" },
    web: { enable: false },
  } as unknown as Parameters<typeof runServer>[0]);
  const server = app as Server;
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const userconfig = join(dir, "publisher.npmrc");
  await writeFile(userconfig, `registry=${url}\n${authLine(url, await addUser(url))}\n`);
  return {
    url,
    userconfig,
    close: async () => {
      server.closeAllConnections();
      await new Promise((done) => server.close(done));
    },
  };
}

/** What `npm adduser` does: the CouchDB user document PUT, answered with a token. */
async function addUser(url: string): Promise<string> {
  const response = await fetch(new URL(`-/user/org.couchdb.user:${PUBLISHER.name}`, url), {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      _id: `org.couchdb.user:${PUBLISHER.name}`,
      type: "user",
      roles: [],
      ...PUBLISHER,
    }),
  });
  const body = (await response.json()) as { token?: string };
  if (!response.ok || !body.token)
    throw new Error(`local registry refused the publisher: ${JSON.stringify(body)}`);
  return body.token;
}

/** The .npmrc line that sends a token to one registry only (npm keys credentials by URL without scheme). */
export function authLine(url: string, token: string): string {
  return `${url.replace(/^https?:/, "")}:_authToken=${token}`;
}
