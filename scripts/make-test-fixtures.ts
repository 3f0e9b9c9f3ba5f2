// Regenerates tests/fixtures/ from the shipped seed data: a subset of real portal records and
// of wards, small enough to insert into a fresh D1 in every worker test file.
//
//   tsx scripts/make-test-fixtures.ts
import { writeFileSync } from "node:fs";
import path from "node:path";
import { readRecords } from "./lib/catalog-file";
import { readEveryday } from "./lib/knowledge-file";
// @ts-expect-error plain ESM helper without types
import { ROOT } from "./lib/wrangler.mjs";
import { wardSeedRows } from "./seed-wards";

export const FIXTURE_CODES = [
  "1.001193", // khai sinh
  "1.000894", // kết hôn
  "2.000815", // chứng thực bản sao: 2.000 đồng/trang, 200.000 cap
  "1.014064", // cấp lại thẻ căn cước: 70.000 đồng
  "1.013225", // giấy phép xây dựng: 15 days in person, 20 online; fee set by province
  "1.000253", // fees not published
  "1.000656", // khai tử
  "1.004194", // tạm trú
  "2.000635", // bản sao giấy khai sinh
  "2.001023", // liên thông khai sinh
  "2.000986",
  "1.004772",
  "2.000528",
  "1.000005", // a customs procedure (commune level in the export)
  "1.001456", // passport, provincial level: answered as not done at the ward
  "1.001471", // the same at central level (one family)
];
const FIXTURE_PROVINCES = ["31", "48", "42"]; // Hải Phòng, Đà Nẵng, Hà Tĩnh

const byCode = new Map(readRecords().map((r) => [r.ma_thu_tuc, r]));
const records = FIXTURE_CODES.map((c) => {
  const r = byCode.get(c);
  if (!r) throw new Error(`fixture code ${c} is not in the catalog`);
  return JSON.stringify(r);
});
writeFileSync(path.join(ROOT, "tests", "fixtures", "procedures.jsonl"), `${records.join("\n")}\n`);
// Their everyday knowledge, as the importer stores it.
const everyday = readEveryday();
const knowledge = FIXTURE_CODES.filter((c) => everyday.has(c)).map((code) => JSON.stringify({ code, ...everyday.get(code) }));
writeFileSync(path.join(ROOT, "tests", "fixtures", "everyday.jsonl"), `${knowledge.join("\n")}\n`);

const { provinceRows, wardRows } = wardSeedRows();
writeFileSync(
  path.join(ROOT, "tests", "fixtures", "wards.json"),
  JSON.stringify({
    provinces: provinceRows.filter((p) => FIXTURE_PROVINCES.includes(p.code)),
    wards: wardRows.filter((w) => FIXTURE_PROVINCES.includes(w.provinceCode)),
  }),
);
console.log(`Wrote ${records.length} procedures and wards of provinces ${FIXTURE_PROVINCES.join(", ")}.`);
