/**
 * Which catalog fields a commune or ward service centre handles, in the order its citizens
 * come for them. One list for the answer engine (what it will not answer as "done at the
 * ward") and the home screen (field order, "Thủ tục cấp khác" at the end). Pure.
 */

/** Fields whose procedures are not handled at a commune service centre, whatever the export says. */
export const NOT_AT_WARD_CENTRE = new Set(["Hải quan", "Thuế", "Hàng hải và đường thủy nội địa", "Kho bạc Nhà nước"]);

/**
 * What a ward centre's desks handle day to day, most frequent first (civil status and
 * certification, residence and ID, land and building, household business, social support).
 * Fields not named here follow, by how many commune-level procedures they have.
 */
export const WARD_FIELD_ORDER = [
  "Hộ tịch",
  "Chứng thực",
  "Đăng ký, quản lý cư trú",
  "Cấp, quản lý căn cước",
  "Đất đai",
  "Hoạt động xây dựng",
  "Thành lập và hoạt động doanh nghiệp (hộ kinh doanh)",
  "Bảo trợ xã hội",
  "Người có công",
  "Giảm nghèo",
  "Chính sách",
  "Thực hiện chính sách BHXH",
  "Thực hiện chính sách BHYT",
  "Cấp sổ BHXH, thẻ BHYT",
  "Chi trả các chế độ BHXH",
  "Nuôi con nuôi",
  "Hòa giải ở cơ sở",
  "Đăng ký, quản lý phương tiện giao thông cơ giới, xe máy chuyên dùng",
] as const;

export interface FieldCount {
  name: string;
  procedures: number;
  communeProcedures: number;
}

export interface OrderedField extends FieldCount {
  /** Handled at a ward centre (listed under "Thủ tục làm tại xã, phường"). */
  atWard: boolean;
  /** Put first by the ward's admin. */
  pinned: boolean;
}

/**
 * The home screen's field order: the ward admin's pinned fields (in their order), then the
 * ward-centre fields in WARD_FIELD_ORDER, then other fields with commune-level procedures by
 * count, then fields a ward centre does not handle ("Thủ tục cấp khác"). Fields without
 * commune-level procedures are left out unless pinned.
 */
export function orderFields(fields: FieldCount[], pinned: readonly string[] = []): OrderedField[] {
  // The export spells some names decomposed ("Cấp" as C + â + ◌́): compare them composed.
  const nfc = (name: string) => name.normalize("NFC");
  const order = new Map<string, number>(WARD_FIELD_ORDER.map((f, i) => [f, i]));
  const rank = new Map<string, number>();
  for (const f of fields) if (order.has(nfc(f.name))) rank.set(f.name, order.get(nfc(f.name))!);
  const pinRank = new Map(pinned.map((f, i) => [f, i]));
  const elsewhere = (name: string) => NOT_AT_WARD_CENTRE.has(name) || NOT_AT_WARD_CENTRE.has(nfc(name));
  const group = (f: FieldCount) => (pinRank.has(f.name) ? 0 : elsewhere(f.name) ? 3 : rank.has(f.name) ? 1 : 2);
  return fields
    .filter((f) => f.communeProcedures > 0 || pinRank.has(f.name))
    .map((f) => ({ ...f, atWard: !elsewhere(f.name), pinned: pinRank.has(f.name) }))
    .sort((a, b) => {
      const ga = group(a);
      const gb = group(b);
      if (ga !== gb) return ga - gb;
      if (ga === 0) return pinRank.get(a.name)! - pinRank.get(b.name)!;
      if (ga === 1) return rank.get(a.name)! - rank.get(b.name)!;
      return b.communeProcedures - a.communeProcedures || b.procedures - a.procedures || a.name.localeCompare(b.name, "vi");
    });
}
