// Peer for `npm run eval`: the obvious D1 approach, SQLite FTS5 with the unicode61 tokenizer
// (remove_diacritics 2) and BM25 over procedure names, in an in-memory local D1 (Miniflare).
import { Miniflare } from "miniflare";
import type { IndexInput } from "../../worker/src/ask/engine";

export async function fts5Peer(rows: IndexInput[]) {
  const mf = new Miniflare({ modules: true, script: "export default {}", d1Databases: { DB: "eval-fts5" } });
  const db = await mf.getD1Database("DB");
  await db.exec("CREATE VIRTUAL TABLE names USING fts5(code UNINDEXED, name, tokenize = 'unicode61 remove_diacritics 2');");
  for (let i = 0; i < rows.length; i += 200) {
    const chunk = rows.slice(i, i + 200);
    await db.batch(chunk.map((r) => db.prepare("INSERT INTO names (code, name) VALUES (?, ?)").bind(r.code, r.name)));
  }
  const SQL = "SELECT code FROM names WHERE names MATCH ? ORDER BY bm25(names) LIMIT 5";
  return {
    async search(question: string) {
      const match = matchOf(question);
      if (!match) return { codes: [] as string[], answered: false };
      const res = await db.prepare(SQL).bind(match).all<{ code: string }>();
      const codes = res.results.map((r) => r.code);
      return { codes, answered: codes.length > 0 };
    },
    /** The same answers as `search`, many questions per D1 round trip (for large generated suites). */
    async searchMany(questions: readonly string[], chunk = 200) {
      const out: { codes: string[]; answered: boolean }[] = [];
      for (let i = 0; i < questions.length; i += chunk) {
        const matches = questions.slice(i, i + chunk).map(matchOf);
        const asked = matches.filter((m): m is string => m !== null);
        const results = asked.length ? await db.batch<{ code: string }>(asked.map((m) => db.prepare(SQL).bind(m))) : [];
        let k = 0;
        for (const m of matches) {
          const codes = m === null ? [] : results[k++].results.map((r) => r.code);
          out.push({ codes, answered: codes.length > 0 });
        }
      }
      return out;
    },
    close: () => mf.dispose(),
  };
}

/** User input must be quoted for FTS5; OR the words so partial questions still match. */
function matchOf(question: string): string | null {
  const terms = question
    .normalize("NFC")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t.length > 0)
    .map((t) => `"${t.replace(/"/g, '""')}"`);
  return terms.length ? terms.join(" OR ") : null;
}
