/**
 * The engine's index serialized at import time, so a cold isolate reads one compact payload
 * instead of every procedure's name features (2.3 MB of per-row JSON). Pure.
 *
 * Layout (then gzipped and base64-encoded for a D1 text column; local D1 reads about
 * 20 MB/s, so bytes dominate a cold start):
 *   u32 length of the JSON part · JSON { v, text: byte length of the text part } ·
 *   text: sections joined by U+0001 — features, accented forms, codes, names, fields,
 *     levels, variants — each a list joined by "\n" (levels and variants by ",";
 *     splitting text is several times faster than JSON.parse on a cold isolate) ·
 *   padding to 2 bytes · u16: per document, h, h head feature ids ·
 *   per feature, n, n document ids, n accent ids · per document, m, m feature ids, m accent ids ·
 *   per everyday text (everyday-index), document, kind, k, k feature ids, k accent ids (its own
 *   feature and accent lists are the last two text sections).
 * Loading makes views into that one buffer: no per-entry objects beyond one id per feature.
 */
import {
  buildIndex,
  idfOf,
  indexFromDocs,
  NAME_FEATURES_VERSION,
  nameFeatures,
  type AskIndex,
  type Doc,
  type FeatureTable,
  type IndexInput,
  type PostingIds,
} from "./engine";
import type { StoredEveryday } from "../catalog/everyday";
import { buildEverydayIndex, everydayTexts, everydayWeights, syllablesOf, withEveryday, type EverydayText } from "./everyday-index";

export const SNAPSHOT_VERSION = `7-${NAME_FEATURES_VERSION}`;
/**
 * One INSERT per part. D1 caps a statement at 100 kB, and `wrangler d1 execute --file` splits
 * statements in time quadratic in their length, so parts stay near the importer's 8 kB.
 */
export const SNAPSHOT_PART_CHARS = 7_500;

const SECTION = "\u0001";
const ITEM = "\n";
const PART = ",";

interface Header {
  v: string;
  text: number;
}

const enc = new TextEncoder();

function joined(items: string[], sep: string, what: string): string {
  for (const item of items) {
    if (item.includes(sep) || item.includes(ITEM) || item.includes(SECTION)) throw new Error(`index snapshot: ${what} "${item}" holds a separator`);
  }
  return items.join(sep);
}

export function snapshotOf(rows: IndexInput[], everyday: EverydayText[] = []): Uint8Array {
  const featIds = new Map<string, number>();
  const accIds = new Map<string, number>();
  const intern = (map: Map<string, number>, key: string) => {
    let id = map.get(key);
    if (id === undefined) map.set(key, (id = map.size));
    return id;
  };
  const perDoc: [number, number][][] = [];
  const heads: number[][] = [];
  const variants: string[][] = [];
  for (const r of rows) {
    const nf = r.features?.v === NAME_FEATURES_VERSION ? r.features : nameFeatures(r.name);
    perDoc.push(nf.f.map(([f, a]) => [intern(featIds, f), intern(accIds, a)]));
    heads.push(nf.h.map((f) => intern(featIds, f)));
    variants.push(nf.m);
  }
  if (featIds.size > 0xffff || accIds.size > 0xffff || rows.length > 0xffff) throw new Error("index snapshot: too many ids for 16 bits");
  const byFeat: [number, number][][] = [...featIds.keys()].map(() => []);
  perDoc.forEach((pairs, d) => pairs.forEach(([f, a]) => byFeat[f].push([d, a])));
  const u16: number[] = [];
  for (const head of heads) u16.push(head.length, ...head);
  for (const list of byFeat) u16.push(list.length, ...list.map((x) => x[0]), ...list.map((x) => x[1]));
  for (const pairs of perDoc) u16.push(pairs.length, ...pairs.map((x) => x[0]), ...pairs.map((x) => x[1]));
  // Everyday texts: their documents and kinds, then postings like the names' (built once here,
  // so a cold isolate only makes views).
  const ev = buildEverydayIndex(everyday, rows.length);
  const evFeats = [...ev.postings.keys()];
  if (evFeats.length > 0xffff || ev.accentNames.length > 0xffff || everyday.length > 0xffff) throw new Error("index snapshot: too many everyday ids for 16 bits");
  u16.push(everyday.length, ...Array.from(ev.textDoc), ...Array.from(ev.textKind), evFeats.length);
  for (const f of evFeats) u16.push(ev.postings.get(f)!.length, ...Array.from(ev.postings.get(f)!), ...Array.from(ev.accents.get(f)!));
  const accented = syllablesOf([...accIds.keys(), ...ev.accentNames].filter(Boolean));
  const text = enc.encode(
    [
      joined([...featIds.keys()], ITEM, "feature"),
      joined([...accIds.keys()], ITEM, "accented form"),
      joined(rows.map((r) => r.code), ITEM, "code"),
      joined(rows.map((r) => r.name), ITEM, "name"),
      joined(rows.map((r) => r.field ?? ""), ITEM, "field"),
      rows.map((r) => joined(r.levels, PART, "level")).join(ITEM),
      variants.map((m) => joined(m, PART, "variant")).join(ITEM),
      joined(evFeats, ITEM, "everyday feature"),
      joined(ev.accentNames, ITEM, "everyday accented form"),
      joined(accented, ITEM, "accented syllable"),
    ].join(SECTION),
  );
  const header: Header = { v: SNAPSHOT_VERSION, text: text.length };
  const json = enc.encode(JSON.stringify(header));
  const textStart = 4 + json.length;
  const start = textStart + text.length + ((textStart + text.length) % 2);
  const out = new Uint8Array(start + u16.length * 2);
  new DataView(out.buffer).setUint32(0, json.length, true);
  out.set(json, 4);
  out.set(text, textStart);
  const view = new DataView(out.buffer, start);
  u16.forEach((x, i) => view.setUint16(2 * i, x, true));
  return out;
}

/** The snapshot of a catalog with its everyday knowledge (analyzed against the catalog's words). */
export function snapshotWithEveryday(rows: IndexInput[], knowledge: (code: string) => StoredEveryday | null): Uint8Array {
  return snapshotOf(rows, everydayTexts(buildIndex(rows), knowledge));
}

/** A document whose feature map is built on first use (ranking reads postings instead). */
class LazyDoc implements Doc {
  readonly commune: boolean;
  headWeight = 0;
  private built: Map<string, string> | null = null;
  private headSet: Set<string> | null = null;
  constructor(
    readonly code: string,
    readonly name: string,
    readonly field: string | null,
    readonly levels: string[],
    readonly variants: string[],
    private readonly headIds: Uint16Array,
    private readonly pairs: Uint16Array,
    private readonly feats: string[],
    private readonly accs: string[],
  ) {
    this.commune = levels.includes("xa");
  }
  /** Built when the document first matches a question. */
  get head(): Set<string> {
    if (!this.headSet) {
      this.headSet = new Set();
      for (const h of this.headIds) this.headSet.add(this.feats[h]);
    }
    return this.headSet;
  }
  get features(): Map<string, string> {
    if (!this.built) {
      const m = this.pairs.length / 2;
      this.built = new Map();
      for (let i = 0; i < m; i++) this.built.set(this.feats[this.pairs[i]], this.accs[this.pairs[m + i]]);
    }
    return this.built;
  }
}

/** Feature → a view into the postings block: the document ids, or the accent ids after them. */
class PostingsView implements FeatureTable<PostingIds> {
  constructor(
    private readonly ids: Map<string, number>,
    private readonly at: Uint32Array,
    private readonly u16: Uint16Array,
    private readonly accents: boolean,
  ) {}
  get(feature: string): PostingIds | undefined {
    const id = this.ids.get(feature);
    if (id === undefined) return undefined;
    const at = this.at[id];
    const n = this.u16[at];
    const from = at + 1 + (this.accents ? n : 0);
    return this.u16.subarray(from, from + n);
  }
  has(feature: string): boolean {
    return this.ids.has(feature);
  }
  keys(): IterableIterator<string> {
    return this.ids.keys();
  }
}

class IdfView implements FeatureTable<number> {
  constructor(
    private readonly ids: Map<string, number>,
    private readonly idf: Float64Array,
  ) {}
  get(feature: string): number | undefined {
    const id = this.ids.get(feature);
    return id === undefined ? undefined : this.idf[id];
  }
  has(feature: string): boolean {
    return this.ids.has(feature);
  }
  keys(): IterableIterator<string> {
    return this.ids.keys();
  }
}

const list = (text: string, sep: string) => (text ? text.split(sep) : []);

/** The index, or null when the snapshot was written by other engine rules. */
export function indexFromSnapshot(bytes: Uint8Array): AskIndex | null {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const jsonLength = dv.getUint32(0, true);
  const decoder = new TextDecoder();
  const header = JSON.parse(decoder.decode(bytes.subarray(4, 4 + jsonLength))) as Header;
  if (header.v !== SNAPSHOT_VERSION) return null;
  const textStart = 4 + jsonLength;
  const [featText, accText, codeText, nameText, fieldText, levelText, variantText, evFeatText, evAccText, accentedText] = decoder
    .decode(bytes.subarray(textStart, textStart + header.text))
    .split(SECTION);
  const feats = list(featText, ITEM);
  const accs = list(accText, ITEM);
  const codes = list(codeText, ITEM);
  const names = nameText.split(ITEM);
  const fields = fieldText.split(ITEM);
  const levels = levelText.split(ITEM);
  const variants = variantText.split(ITEM);
  const start = textStart + header.text + ((textStart + header.text) % 2);
  // Little-endian u16 view; copy once if the buffer offset is odd or the platform big-endian.
  let u16: Uint16Array;
  if ((bytes.byteOffset + start) % 2 === 0 && new Uint8Array(new Uint16Array([1]).buffer)[0] === 1) {
    u16 = new Uint16Array(bytes.buffer, bytes.byteOffset + start, (bytes.byteLength - start) >> 1);
  } else {
    u16 = new Uint16Array((bytes.byteLength - start) >> 1);
    for (let i = 0; i < u16.length; i++) u16[i] = dv.getUint16(start + 2 * i, true);
  }
  let at = 0;
  const headAt = new Uint32Array(codes.length);
  for (let d = 0; d < codes.length; d++) {
    headAt[d] = at;
    at += 1 + u16[at];
  }
  const ids = new Map<string, number>();
  const postingAt = new Uint32Array(feats.length);
  const idf = new Float64Array(feats.length);
  for (let id = 0; id < feats.length; id++) {
    const n = u16[at];
    ids.set(feats[id], id);
    postingAt[id] = at;
    idf[id] = idfOf(feats[id], n, codes.length);
    at += 1 + 2 * n;
  }
  const headWeights = new Float64Array(codes.length);
  const docs: Doc[] = new Array(codes.length);
  for (let d = 0; d < codes.length; d++) {
    const h = headAt[d];
    const head = u16.subarray(h + 1, h + 1 + u16[h]);
    for (const f of head) headWeights[d] += idf[f];
    const m = u16[at];
    const pairs = u16.subarray(at + 1, at + 1 + 2 * m);
    at += 1 + 2 * m;
    docs[d] = new LazyDoc(codes[d], names[d], fields[d] || null, list(levels[d], PART), list(variants[d], PART), head, pairs, feats, accs);
  }
  const index = indexFromDocs(docs, {
    postings: new PostingsView(ids, postingAt, u16, false),
    accents: new PostingsView(ids, postingAt, u16, true),
    accentNames: accs,
    idf: new IdfView(ids, idf),
    headWeights,
  });
  const texts = u16[at++];
  if (!texts) return index;
  const textDoc = u16.subarray(at, at + texts);
  const textKind = u16.subarray(at + texts, at + 2 * texts);
  at += 2 * texts;
  const evFeats = list(evFeatText, ITEM);
  const nFeats = u16[at++];
  const evIds = new Map<string, number>();
  const evAt = new Uint32Array(nFeats);
  for (let id = 0; id < nFeats; id++) {
    evIds.set(evFeats[id], id);
    evAt[id] = at;
    at += 1 + 2 * u16[at];
  }
  const postings = new PostingsView(evIds, evAt, u16, false);
  const { idf: evIdf, weights } = everydayWeights(postings, textDoc, codes.length);
  const everyday = {
    textDoc,
    textKind,
    postings,
    accents: new PostingsView(evIds, evAt, u16, true),
    // An empty accent (a feature typed without marks) is the one item that splits to "".
    accentNames: evAccText.split(ITEM),
    idf: evIdf,
    weights,
  };
  return withEveryday(index, everyday, list(accentedText, ITEM));
}

function toBase64(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const out = new Response(new Blob([bytes]).stream().pipeThrough(stream));
  return new Uint8Array(await out.arrayBuffer());
}

/** gzip then base64 (the importer in Node uses zlib for the same format). */
export async function gzipBase64(bytes: Uint8Array): Promise<string> {
  return toBase64(await pipe(bytes, new CompressionStream("gzip")));
}

export async function gunzipBase64(text: string): Promise<Uint8Array> {
  const bin = atob(text);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return pipe(bytes, new DecompressionStream("gzip"));
}

/** Cut into parts for storage (one INSERT each). */
export function snapshotParts(payload: string): string[] {
  const parts: string[] = [];
  for (let i = 0; i < payload.length; i += SNAPSHOT_PART_CHARS) parts.push(payload.slice(i, i + SNAPSHOT_PART_CHARS));
  return parts;
}
