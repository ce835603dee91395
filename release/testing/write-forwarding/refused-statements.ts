/**
 * What a session on an Aurora PostgreSQL secondary cluster with write forwarding cannot run.
 *
 * AWS lists the statements for local write forwarding in "Limitations and considerations of local
 * write forwarding in Aurora PostgreSQL"
 * (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-postgresql-write-forwarding-limitations.html),
 * and "Using write forwarding in an Aurora PostgreSQL global database"
 * (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database-write-forwarding-apg.html)
 * applies the same restrictions to global write forwarding. Cellar's secondary regions reach their
 * cluster through the proxy's read-only endpoint with global write forwarding, so every statement a
 * handler or worker sends there must avoid this list; the stand-in connection
 * (`write-forwarding-proxy.ts`) refuses it in tests.
 *
 * One addition of ours: advisory locks. AWS does not list them, but on a reader they are taken on the
 * reader only ("advisory locks are never WAL logged", PostgreSQL's hot standby chapter,
 * https://www.postgresql.org/docs/current/hot-standby.html), so they would serialize nothing with the
 * writer: silently wrong, which is worse than refused.
 */
export interface Refusal {
  /** The kind of statement, as AWS's list names it. */
  kind: string;
  /** The statement as sent (trimmed), for the error message. */
  statement: string;
}

/** Leading keywords of statements AWS lists as unsupported, longest first where they share a prefix. */
const REFUSED_LEADS: ReadonlyArray<readonly [RegExp, string]> = [
  [/^ANALY[SZ]E\b/, "ANALYZE"],
  [/^CLUSTER\b/, "CLUSTER"],
  [/^COPY\b/, "COPY"],
  [/^(DECLARE|FETCH|MOVE|CLOSE)\b/, "cursors"],
  [/^(CREATE|ALTER|DROP|COMMENT|REINDEX|IMPORT\s+FOREIGN\s+SCHEMA)\b/, "data definition language (DDL)"],
  [/^(GRANT|REVOKE|REASSIGN\s+OWNED|SECURITY\s+LABEL)\b/, "GRANT|REVOKE|REASSIGN OWNED|SECURITY LABEL"],
  [/^(LISTEN|UNLISTEN|NOTIFY)\b/, "LISTEN / NOTIFY"],
  [/^LOCK\b/, "LOCK"],
  [/^(SAVEPOINT|RELEASE|ROLLBACK\s+(WORK\s+|TRANSACTION\s+)?TO)\b/, "SAVEPOINT"],
  [/^SET\s+CONSTRAINTS\b/, "SET CONSTRAINTS"],
  [/^TRUNCATE\b/, "TRUNCATE"],
  [/^(PREPARE\s+TRANSACTION|COMMIT\s+PREPARED|ROLLBACK\s+PREPARED)\b/, "two-phase commit commands"],
  [/^CALL\b/, "user defined functions and user defined procedures"],
  [/^VACUUM\b/, "VACUUM"],
];

const SEQUENCE_UPDATE = /\b(NEXTVAL|SETVAL)\s*\(/;
const ADVISORY_LOCK = /\bPG_(TRY_)?ADVISORY_(XACT_)?LOCK(_SHARED)?\s*\(/;

/**
 * The first statement in `sql` that write forwarding refuses, or `undefined`. `userFunctions` are the
 * names of functions and procedures defined in the database (outside `pg_catalog` and
 * `information_schema`): AWS refuses calls to them.
 */
export function refusedStatement(
  sql: string,
  userFunctions: ReadonlySet<string> = new Set(),
): Refusal | undefined {
  for (const statement of splitStatements(sql)) {
    const kind = refusedKind(statement.code, userFunctions);
    if (kind) return { kind, statement: statement.text.trim() };
  }
  return undefined;
}

function refusedKind(code: string, userFunctions: ReadonlySet<string>): string | undefined {
  const upper = code.trim().toUpperCase();
  for (const [lead, kind] of REFUSED_LEADS) if (lead.test(upper)) return kind;
  if (/^SELECT\b/.test(upper) && hasTopLevelInto(upper)) return "SELECT INTO";
  if (SEQUENCE_UPDATE.test(upper)) return "sequence updates: nextval(), setval()";
  if (ADVISORY_LOCK.test(upper)) return "advisory locks (taken on the reader only)";
  for (const match of upper.matchAll(/([A-Z_][A-Z0-9_$]*)\s*\(/g)) {
    const name = (match[1] ?? "").toLowerCase();
    if (userFunctions.has(name)) return "user defined functions and user defined procedures";
  }
  return undefined;
}

/** `SELECT … INTO new_table FROM …` creates a table; `INTO` inside a subquery is something else. */
function hasTopLevelInto(upper: string): boolean {
  let depth = 0;
  for (const token of upper.matchAll(/[()]|\bINTO\b/g)) {
    if (token[0] === "(") depth += 1;
    else if (token[0] === ")") depth -= 1;
    else if (depth === 0) return true;
  }
  return false;
}

interface Statement {
  text: string;
  /** The text with comments removed and string literals and quoted identifiers blanked out. */
  code: string;
}

/** Splits on top-level `;`, outside literals, quoted identifiers, dollar quotes and comments. */
export function splitStatements(sql: string): Statement[] {
  const statements: Statement[] = [];
  let text = "";
  let code = "";
  let index = 0;
  const flush = () => {
    if (code.trim() !== "") statements.push({ text, code });
    text = "";
    code = "";
  };
  while (index < sql.length) {
    const rest = sql.slice(index);
    const skipped =
      /^--[^\n]*/.exec(rest)?.[0] ??
      /^\/\*[\s\S]*?(\*\/|$)/.exec(rest)?.[0] ??
      /^[eE]?'(?:[^']|'')*('|$)/.exec(rest)?.[0] ??
      /^"(?:[^"]|"")*("|$)/.exec(rest)?.[0] ??
      dollarQuoted(rest);
    if (skipped !== undefined) {
      text += skipped;
      code += skipped.startsWith("--") || skipped.startsWith("/*") ? " " : " '' ";
      index += skipped.length;
      continue;
    }
    const char = sql[index] as string;
    if (char === ";") flush();
    else {
      text += char;
      code += char;
    }
    index += 1;
  }
  flush();
  return statements;
}

function dollarQuoted(rest: string): string | undefined {
  const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(rest)?.[0];
  if (tag === undefined) return undefined;
  const end = rest.indexOf(tag, tag.length);
  return end === -1 ? rest : rest.slice(0, end + tag.length);
}
