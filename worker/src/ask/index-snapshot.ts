/**
 * The engine's index serialized at import time, so a cold isolate reads one compact payload
 * instead of every procedure's name features (2.3 MB of per-row JSON). Pure.
 *
 * Layout (then gzipped and base64-encoded for a D1 text column; local D1 reads about
 * 20 MB/s, so bytes dominate a cold start):
 *   u32 length of the JSON part · JSON { v, feats, accs, docs: [code, name, field, levels,
 *   head feature ids, variants] } · padding to 2 bytes ·
 *   u16 postings: per feature, n, n document ids, n accent ids ·
 *   u16 document features: per document, m, m feature ids, m accent ids.
 * Loading makes views into that one buffer: no per-entry objects.
 */
import { idfOf, indexFromDocs, NAME_FEATURES_VERSION, nameFeatures, type AskIndex, type Doc, type IndexInput, type PostingIds } from "./engine";

export const SNAPSHOT_VERSION = `3-${NAME_FEATURES_VERSION}`;
/**
 * One INSERT per part. D1 caps a statement at 100 kB, and `wrangler d1 execute --file` splits
 * statements in time quadratic in their length, so parts stay near the importer's 8 kB.
 */
export const SNAPSHOT_PART_CHARS = 7_500;

type DocMeta = [string, string, string | null, string[], number[], string[]];

interface Header {
  v: string;
  feats: string[];
  accs: string[];
  docs: DocMeta[];
}

const enc = new TextEncoder();

export function snapshotOf(rows: IndexInput[]): Uint8Array {
  const featIds = new Map<string, number>();
  const accIds = new Map<string, number>();
  const intern = (map: Map<string, number>, key: string) => {
    let id = map.get(key);
    if (id === undefined) map.set(key, (id = map.size));
    return id;
  };
  const perDoc: [number, number][][] = [];
  const docs: DocMeta[] = rows.map((r) => {
    const nf = r.features?.v === NAME_FEATURES_VERSION ? r.features : nameFeatures(r.name);
    perDoc.push(nf.f.map(([f, a]) => [intern(featIds, f), intern(accIds, a)]));
    return [r.code, r.name, r.field, r.levels, nf.h.map((f) => intern(featIds, f)), nf.m];
  });
  if (featIds.size > 0xffff || accIds.size > 0xffff || rows.length > 0xffff) throw new Error("index snapshot: too many ids for 16 bits");
  const byFeat: [number, number][][] = [...featIds.keys()].map(() => []);
  perDoc.forEach((pairs, d) => pairs.forEach(([f, a]) => byFeat[f].push([d, a])));
  const u16: number[] = [];
  for (const list of byFeat) u16.push(list.length, ...list.map((x) => x[0]), ...list.map((x) => x[1]));
  for (const pairs of perDoc) u16.push(pairs.length, ...pairs.map((x) => x[0]), ...pairs.map((x) => x[1]));
  const header: Header = { v: SNAPSHOT_VERSION, feats: [...featIds.keys()], accs: [...accIds.keys()], docs };
  const json = enc.encode(JSON.stringify(header));
  const start = 4 + json.length + ((4 + json.length) % 2);
  const out = new Uint8Array(start + u16.length * 2);
  new DataView(out.buffer).setUint32(0, json.length, true);
  out.set(json, 4);
  const view = new DataView(out.buffer, start);
  u16.forEach((x, i) => view.setUint16(2 * i, x, true));
  return out;
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
    private readonly headIds: number[],
    readonly variants: string[],
    private readonly pairs: Uint16Array,
    private readonly header: Header,
  ) {
    this.commune = levels.includes("xa");
  }
  /** Built when the document first matches a question. */
  get head(): Set<string> {
    return (this.headSet ??= new Set(this.headIds.map((h) => this.header.feats[h])));
  }
  get features(): Map<string, string> {
    if (!this.built) {
      const m = this.pairs.length / 2;
      this.built = new Map();
      for (let i = 0; i < m; i++) this.built.set(this.header.feats[this.pairs[i]], this.header.accs[this.pairs[m + i]]);
    }
    return this.built;
  }
}

/** The index, or null when the snapshot was written by other engine rules. */
export function indexFromSnapshot(bytes: Uint8Array): AskIndex | null {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const jsonLength = dv.getUint32(0, true);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(4, 4 + jsonLength))) as Header;
  if (header.v !== SNAPSHOT_VERSION) return null;
  const start = 4 + jsonLength + ((4 + jsonLength) % 2);
  // Little-endian u16 view; copy once if the buffer offset is odd or the platform big-endian.
  let u16: Uint16Array;
  if ((bytes.byteOffset + start) % 2 === 0 && new Uint8Array(new Uint16Array([1]).buffer)[0] === 1) {
    u16 = new Uint16Array(bytes.buffer, bytes.byteOffset + start, (bytes.byteLength - start) >> 1);
  } else {
    u16 = new Uint16Array((bytes.byteLength - start) >> 1);
    for (let i = 0; i < u16.length; i++) u16[i] = dv.getUint16(start + 2 * i, true);
  }
  let at = 0;
  const postings = new Map<string, PostingIds>();
  const accents = new Map<string, PostingIds>();
  const idfById = new Float64Array(header.feats.length);
  header.feats.forEach((f, id) => {
    const n = u16[at++];
    postings.set(f, u16.subarray(at, at + n));
    accents.set(f, u16.subarray(at + n, at + 2 * n));
    idfById[id] = idfOf(f, n, header.docs.length);
    at += 2 * n;
  });
  const headWeights = new Float64Array(header.docs.length);
  const docs = header.docs.map(([code, name, field, levels, head, variants], d) => {
    const m = u16[at++];
    const pairs = u16.subarray(at, at + 2 * m);
    at += 2 * m;
    for (const h of head) headWeights[d] += idfById[h];
    return new LazyDoc(code, name, field, levels, head, variants, pairs, header);
  });
  return indexFromDocs(docs, { postings, accents, accentNames: header.accs, headWeights });
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
