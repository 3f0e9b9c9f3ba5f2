// The development set's fixed split: by SHA-256(id)'s first byte, independent of order and labels.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { devHalf, devSetPath, splitDev } from "../../scripts/lib/dev-split";

describe("dev split", () => {
  it("puts an id in the half given by the parity of the first byte of SHA-256(id)", () => {
    // sha256("a")[0] = 0xca (202, even), sha256("rag_basic-01")[0] = 177 (odd), sha256("b")[0] = 62.
    expect(devHalf("a")).toBe("tune");
    expect(devHalf("b")).toBe("tune");
    expect(devHalf("rag_basic-01")).toBe("check");
  });

  it("depends only on the id, not on order, text or labels", () => {
    const items = Array.from({ length: 200 }, (_, i) => ({ id: `q-${i}`, q: `question ${i}` }));
    const a = splitDev(items);
    const b = splitDev([...items].reverse().map((it) => ({ ...it, q: "changed" })));
    expect(new Set(b.tune.map((i) => i.id))).toEqual(new Set(a.tune.map((i) => i.id)));
    expect(a.tune.length + a.check.length).toBe(items.length);
    expect(a.tune.some((t) => a.check.some((c) => c.id === t.id))).toBe(false);
    // A hash, not a pattern in the ids: both halves get a fair share.
    expect(a.tune.length).toBeGreaterThan(70);
    expect(a.check.length).toBeGreaterThan(70);
  });

  it("finds the dev set through EVAL_DEV, else next to the repository", () => {
    expect(devSetPath("/r/mot-cua", { EVAL_DEV: "/data/dev.jsonl" })).toBe("/data/dev.jsonl");
    expect(devSetPath("/r/mot-cua", {})).toBe(path.join("/r", "shared", "eval", "dev.jsonl"));
  });
});
