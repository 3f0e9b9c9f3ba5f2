// Failures the fuzzer found, minimized, kept as regression tests.
//
// The word "constructor": dictionary lookups of typed words read plain objects and found
// Object.prototype.constructor (500). Fixed with own-key lookups (text/dictionary `entryOf`).
import { beforeAll, describe, expect, it, vi } from "vitest";
import { api, json, MONDAY_9AM, seedDemo } from "./seed";

let adminAnHai: string;

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ["Date"], now: MONDAY_9AM });
  ({ adminAnHai } = await seedDemo());
});

describe("found by the fuzzer", () => {
  it("GET /api/procedures?q=constructor answers, not 500", async () => {
    expect((await api("/api/procedures?q=constructor")).status).toBe(200);
  });

  it("POST /api/ask with the word 'constructor' answers, not 500", async () => {
    expect((await api("/api/ask", json("POST", { question: "constructor" }))).status).toBe(200);
  });

  it("a ward's own procedure named with the word 'constructor' saves, not 500", async () => {
    const body = { name: "Đăng ký constructor hội trường", documents: [], fee: { kind: "free" }, time: { value: 1, unit: "working_days" }, steps: [], legalBases: [] };
    expect((await api("/api/staff/local-procedures", json("POST", body, adminAnHai))).status).toBe(201);
  });

  it("other prototype names are plain words (they fold to keys no object has)", async () => {
    for (const q of ["toString", "__proto__", "hasOwnProperty", "valueOf"]) {
      expect((await api(`/api/procedures?q=${encodeURIComponent(q)}`)).status, q).toBe(200);
      expect((await api("/api/ask", json("POST", { question: q }))).status, q).toBe(200);
    }
  });
});
