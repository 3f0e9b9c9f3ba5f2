// The follow-up scorer with a fake ask function, and the shipped multi-turn set's validity.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readRecords } from "../../scripts/lib/catalog-file";
import { MAX_PREVIOUS, parseFollowups, scoreFollowups, type AskContext, type Conversation } from "../../scripts/lib/eval-followups";
import type { Reply } from "../../scripts/lib/eval-peers";

const KS = "1.001193";
const KH = "1.000894";
const KH_NN = "2.000806";

const convs: Conversation[] = [
  {
    id: "a",
    kind: "field_change",
    turns: [
      { q: "đăng ký khai sinh cần gì", accept: [KS], fields: ["components"] },
      { q: "còn lệ phí?", accept: [KS], fields: ["fees"] },
      { q: "nộp online được không", accept: [KS], fields: ["online"] },
    ],
  },
  {
    id: "b",
    kind: "variant_change",
    turns: [
      { q: "đăng ký kết hôn", accept: [KH] },
      { q: "với người nước ngoài thì sao", accept: [KH_NN] },
    ],
  },
  {
    id: "c",
    kind: "chitchat_middle",
    turns: [
      { q: "đăng ký kết hôn", accept: [KH] },
      { q: "cảm ơn", accept: [] },
      { q: "nộp ở đâu", accept: [KH], fields: ["address"] },
    ],
  },
];

/** A fake engine: knows two names, follows the last code in the context for field-only questions. */
function fakeAsk(log: { q: string; context?: AskContext }[], opts: { missFirst?: string } = {}) {
  return (q: string, context?: AskContext): Reply => {
    log.push({ q, context: context && structuredClone(context) });
    if (q === opts.missFirst) return { codes: [], answered: false };
    if (q.includes("khai sinh")) return { codes: [KS], answered: true, fields: ["components"] };
    if (q.includes("kết hôn")) return { codes: [KH], answered: true, fields: [] };
    if (q.includes("nước ngoài")) return { codes: [KH], answered: true, fields: [] }; // misses the variant
    if (q === "cảm ơn") return { codes: [], answered: false };
    const last = context?.previous.filter((p) => p.code).at(-1)?.code;
    const fields = q.includes("phí") ? ["fees"] : q.includes("online") ? ["steps"] : ["address"];
    return last ? { codes: [last], answered: true, fields } : { codes: [], answered: false };
  };
}

describe("follow-up scorer", () => {
  it("scores turns after the first, an accept: [] turn right when not answered, by kind", async () => {
    const r = await scoreFollowups(convs, fakeAsk([]), "own");
    // a: 2 right; b: variant missed; c: chit-chat right, then back to kết hôn right.
    expect(r.followups).toMatchObject({ turns: 5, right: 4 });
    expect(r.first).toMatchObject({ turns: 3, right: 3 });
    expect(r.byKind.get("field_change")).toMatchObject({ turns: 2, right: 2 });
    expect(r.byKind.get("variant_change")).toMatchObject({ turns: 1, right: 0 });
    expect(r.byKind.get("chitchat_middle")).toMatchObject({ turns: 2, right: 2 });
    expect(r.allRight).toBe(2);
    expect(r.failures).toHaveLength(1);
    expect(r.failures[0]).toContain("b [variant_change] turn 2");
    // Fields: fees detected, "online" not (the fake says steps), address detected.
    expect(r.followups).toMatchObject({ fieldN: 3, fieldOk: 2 });
  });

  it("sends no context with first turns, and earlier turns oldest first with the engine's own codes", async () => {
    const log: { q: string; context?: AskContext }[] = [];
    await scoreFollowups([convs[2]], fakeAsk(log), "own");
    expect(log[0].context).toBeUndefined();
    expect(log[1].context).toEqual({ previous: [{ question: "đăng ký kết hôn", code: KH }] });
    // The chit-chat turn was answered with nothing: no code.
    expect(log[2].context).toEqual({ previous: [{ question: "đăng ký kết hôn", code: KH }, { question: "cảm ơn" }] });
  });

  it("in gold mode sends each earlier turn's first accepted code, whatever the engine answered", async () => {
    const log: { q: string; context?: AskContext }[] = [];
    const r = await scoreFollowups([convs[1], convs[0]], fakeAsk(log, { missFirst: "đăng ký khai sinh cần gì" }), "gold");
    const second = log.find((l) => l.q === "còn lệ phí?")!;
    expect(second.context).toEqual({ previous: [{ question: "đăng ký khai sinh cần gì", code: KS }] });
    // With its own (empty) answer as context the fake cannot follow.
    const own = await scoreFollowups([convs[0]], fakeAsk([], { missFirst: "đăng ký khai sinh cần gì" }), "own");
    expect(r.byKind.get("field_change")!.right).toBe(2);
    expect(own.followups.right).toBe(0);
  });

  it("in none mode never sends context", async () => {
    const log: { q: string; context?: AskContext }[] = [];
    const r = await scoreFollowups(convs, fakeAsk(log), "none");
    expect(log.every((l) => l.context === undefined)).toBe(true);
    expect(r.followups.right).toBe(1); // only the chit-chat turn
  });

  it("sends at most five earlier turns, the latest ones", async () => {
    const long: Conversation = {
      id: "long",
      kind: "mixed",
      turns: [{ q: "t1", accept: [] }, { q: "t2", accept: [] }, { q: "t3", accept: [] }, { q: "t4", accept: [] }],
    };
    // parseFollowups allows 4 turns; the limit matters for longer histories, so build one past the schema.
    const seven = { ...long, turns: [...long.turns, { q: "t5", accept: [] }, { q: "t6", accept: [] }, { q: "t7", accept: [] }] };
    const log: { q: string; context?: AskContext }[] = [];
    await scoreFollowups([seven], fakeAsk(log), "gold");
    expect(log[6].context!.previous.map((p) => p.question)).toEqual(["t2", "t3", "t4", "t5", "t6"]);
    expect(log[6].context!.previous).toHaveLength(MAX_PREVIOUS);
    expect(log[6].context!.previous.every((p) => !("code" in p))).toBe(true);
  });

  it("rejects malformed lines and repeated ids, naming the line", () => {
    const ok = JSON.stringify(convs[0]);
    expect(parseFollowups(`${ok}\n\n`)).toHaveLength(1);
    expect(() => parseFollowups(`${ok}\n${ok}`)).toThrow(/line 2: duplicate id a/);
    expect(() => parseFollowups(JSON.stringify({ ...convs[0], kind: "other" }))).toThrow(/line 1: kind/);
    expect(() => parseFollowups(JSON.stringify({ ...convs[0], turns: convs[0].turns.slice(0, 1) }))).toThrow(/line 1: turns/);
    expect(() => parseFollowups(JSON.stringify({ ...convs[0], turns: [{ q: "x", accept: ["1001193"] }, { q: "y", accept: [] }] }))).toThrow(/accept/);
  });
});

describe("bench/followups.jsonl", () => {
  const file = path.resolve(import.meta.dirname, "..", "..", "bench", "followups.jsonl");
  const set = parseFollowups(readFileSync(file, "utf8"));
  const codes = new Set(readRecords().map((r) => r.ma_thu_tuc));

  it("has at least 110 conversations of 2–4 turns with the kinds the issue asks for", () => {
    expect(set.length).toBeGreaterThanOrEqual(110);
    const count = (k: string) => set.filter((c) => c.kind === k).length;
    expect(count("field_change")).toBeGreaterThanOrEqual(45);
    expect(count("variant_change")).toBeGreaterThanOrEqual(25);
    expect(count("new_topic")).toBeGreaterThanOrEqual(20);
    expect(count("chitchat_middle")).toBeGreaterThanOrEqual(10);
    expect(count("mixed")).toBeGreaterThanOrEqual(3);
  });

  it("labels only with national codes of the catalog", () => {
    for (const c of set) for (const t of c.turns) for (const code of t.accept) expect(codes.has(code), `${c.id}: ${code}`).toBe(true);
  });

  it("keeps its kinds' shapes: field changes stay on one procedure, chit-chat in the middle is unanswerable", () => {
    for (const c of set.filter((c) => c.kind === "field_change")) {
      expect(c.turns.every((t) => t.accept[0] === c.turns[0].accept[0]), c.id).toBe(true);
      expect(c.turns.slice(1).every((t) => t.fields?.length), c.id).toBe(true);
    }
    for (const c of set.filter((c) => c.kind === "variant_change" || c.kind === "new_topic")) {
      expect(c.turns[1].accept.some((code) => c.turns[0].accept.includes(code)), c.id).toBe(false);
    }
    for (const c of set.filter((c) => c.kind === "chitchat_middle")) {
      expect(c.turns[0].accept.length, c.id).toBeGreaterThan(0);
      expect(c.turns[1].accept, c.id).toEqual([]);
    }
    // The first turn always names a procedure: a conversation starts from one.
    expect(set.every((c) => c.turns[0].accept.length > 0)).toBe(true);
  });
});
