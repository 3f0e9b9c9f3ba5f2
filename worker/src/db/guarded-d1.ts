/**
 * Wraps the D1 binding so that a call that fails or does not answer within `timeoutMs`
 * becomes a DatabaseUnavailableError (answered as 503 + Retry-After), instead of a request
 * that hangs until the platform kills it. Statements keep their real objects for db.batch.
 */
import { DatabaseUnavailableError } from "../platform/errors";

const REAL = Symbol("d1-statement");

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DatabaseUnavailableError("timeout", `no answer in ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => timer && clearTimeout(timer));
}

function wrap(stmt: D1PreparedStatement, ms: number): D1PreparedStatement {
  return {
    [REAL]: stmt,
    bind: (...values: unknown[]) => wrap(stmt.bind(...values), ms),
    first: (col?: string) => withTimeout(col === undefined ? stmt.first() : stmt.first(col), ms),
    run: () => withTimeout(stmt.run(), ms),
    all: () => withTimeout(stmt.all(), ms),
    raw: (options?: { columnNames?: boolean }) => withTimeout(stmt.raw(options as { columnNames: true }), ms),
  } as unknown as D1PreparedStatement;
}

const unwrap = (s: D1PreparedStatement) => (s as unknown as { [REAL]?: D1PreparedStatement })[REAL] ?? s;

export function guardD1(d1: D1Database, timeoutMs: number): D1Database {
  return {
    prepare: (sql: string) => wrap(d1.prepare(sql), timeoutMs),
    batch: <T>(statements: D1PreparedStatement[]) => withTimeout(d1.batch<T>(statements.map(unwrap)), timeoutMs),
    exec: (sql: string) => withTimeout(d1.exec(sql), timeoutMs),
    dump: () => d1.dump(),
    withSession: (c?: string) => d1.withSession(c as never),
  } as unknown as D1Database;
}
