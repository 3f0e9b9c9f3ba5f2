// The importer's SQL, run against a real D1: idempotent, re-importable, keeps local procedures.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { catalogRows } from "../../worker/src/catalog/catalog-rows";
import { gzipBase64, snapshotOf } from "../../worker/src/ask/index-snapshot";
import { catalogImportStatements, snapshotRows, snapshotStatements } from "../../worker/src/catalog/import-sql";
import { parseRecord } from "../../worker/src/catalog/portal-parser";
import { api, fixtureRecords, seedWards } from "./seed";

async function runImport(records: typeof fixtureRecords, batch: string) {
  const rows = records.map((r) => catalogRows(parseRecord(r), batch));
  const indexed = snapshotRows(rows);
  // As scripts/catalog-import.ts does, with the platform's gzip instead of Node's zlib.
  const statements = [
    ...catalogImportStatements(rows, batch, `hash-${batch}`),
    ...snapshotStatements(await gzipBase64(snapshotOf(indexed)), `hash-${batch}`, indexed.length),
  ];
  await env.DB.batch(statements.map((s) => env.DB.prepare(s)));
}

const count = async (sql: string) => ((await env.DB.prepare(sql).first<{ n: number }>()) ?? { n: -1 }).n;

describe("catalog import SQL", () => {
  it("imports, re-imports idempotently, retires missing records and keeps local ones", async () => {
    await seedWards();
    await runImport(fixtureRecords, "b1");
    const methods = await count("SELECT COUNT(*) AS n FROM procedure_methods");
    const docs = await count("SELECT COUNT(*) AS n FROM procedure_documents");
    expect(await count("SELECT COUNT(*) AS n FROM procedures WHERE status = 'active'")).toBe(fixtureRecords.length);

    // A ward-added procedure.
    await env.DB.prepare(
      `INSERT INTO procedures (code, name, levels, origin, ward_code, status, search_key, sort_key)
       VALUES ('L-11617-1', 'Xác nhận tạm trú cho sinh viên', ',xa,', 'local', '11617', 'active', 'xac nhan', 'xac nhan')`,
    ).run();

    // Same export again: nothing duplicated.
    await runImport(fixtureRecords, "b1");
    expect(await count("SELECT COUNT(*) AS n FROM procedure_methods")).toBe(methods);
    expect(await count("SELECT COUNT(*) AS n FROM procedure_documents")).toBe(docs);

    // A newer export without 1.000253 and with a changed name for khai sinh.
    const newer = fixtureRecords
      .filter((r) => r.ma_thu_tuc !== "1.000253")
      .map((r) => (r.ma_thu_tuc === "1.001193" ? { ...r, ten_thu_tuc: "Thủ tục đăng ký khai sinh (mới)" } : r));
    await runImport(newer, "b2");
    expect((await api("/api/procedures/1.001193")).body.name).toBe("Thủ tục đăng ký khai sinh (mới)");
    const retired = await api("/api/procedures/1.000253");
    expect(retired.body.status).toBe("retired");
    expect(retired.body.methods.length).toBeGreaterThan(0);
    const list = (await api("/api/procedures?limit=100")).body.items.map((p: { code: string }) => p.code);
    expect(list).not.toContain("1.000253");
    // A ward's own procedure is listed for that ward's citizens only.
    expect(list).not.toContain("L-11617-1");
    expect((await api("/api/procedures?limit=100&ward=11617")).body.items.map((p: { code: string }) => p.code)).toContain("L-11617-1");
    const local = await api("/api/procedures/L-11617-1?ward=11617");
    // Other wards' citizens do not see it.
    expect((await api("/api/procedures/L-11617-1?ward=11557")).status).toBe(404);
    expect((await api("/api/procedures/L-11617-1")).status).toBe(404);
    expect(local.body).toMatchObject({ origin: "local", status: "active", name: "Xác nhận tạm trú cho sinh viên" });
    expect(await count("SELECT COUNT(*) AS n FROM meta WHERE key = 'catalog_seed' AND value = 'hash-b2'")).toBe(1);
  });
});

describe("index snapshot", () => {
  it("is written by the import, used by /api/ask while it matches the catalog, and ignored once stale", async () => {
    const { lastLoad, resetIndexCache } = await import("../../worker/src/ask/index-cache");
    await env.DB.exec("DELETE FROM procedures WHERE origin = 'local'");
    await runImport(fixtureRecords, "s1");
    expect(await count("SELECT COUNT(*) AS n FROM index_snapshots")).toBeGreaterThan(0);
    const question = { question: "làm giấy khai sinh cần gì" };
    const ask = () => api("/api/ask", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(question) });

    resetIndexCache();
    const fromSnapshot = await ask();
    expect(lastLoad.from).toBe("snapshot");
    expect(fromSnapshot.body.kind).toBe("answer");
    expect(fromSnapshot.body.answer.code).toBe("1.001193");

    // A ward's own procedure is not part of the national index: the snapshot still holds.
    await env.DB.prepare(
      `INSERT INTO procedures (code, name, levels, origin, ward_code, status, search_key, sort_key)
       VALUES ('L-11617-2', 'Xác nhận hộ nghèo cho học sinh', ',xa,', 'local', '11617', 'active', 'xac nhan', 'xac nhan')`,
    ).run();
    resetIndexCache();
    await ask();
    expect(lastLoad.from).toBe("snapshot");

    // A national record the snapshot was not built from (a partial re-import): built from rows.
    await env.DB.prepare(
      `INSERT INTO procedures (code, name, levels, origin, status, search_key, sort_key)
       VALUES ('9.999999', 'Xác nhận hộ nghèo cho học sinh', ',xa,', 'portal', 'active', 'xac nhan', 'xac nhan')`,
    ).run();
    resetIndexCache();
    const fromRows = await ask();
    expect(lastLoad.from).toBe("rows");
    // Same answer (scores move a little: one more procedure changes word weights).
    expect(fromRows.body.answer).toEqual(fromSnapshot.body.answer);
    expect(fromRows.body.matches.map((m: { code: string }) => m.code)).toEqual(fromSnapshot.body.matches.map((m: { code: string }) => m.code));
  });
});
