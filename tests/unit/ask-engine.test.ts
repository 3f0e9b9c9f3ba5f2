// Engine tests with our own examples (not the evaluation set), on the full shipped catalog.
import { describe, expect, it } from "vitest";
import { analyzeQuestion, askByName as ask, buildIndex, nameFeatures, type Doc } from "../../worker/src/ask/engine";
import { indexFromSnapshot, snapshotOf } from "../../worker/src/ask/index-snapshot";
import { detectIntent } from "../../worker/src/ask/intent";
import { parseLevels } from "../../worker/src/catalog/portal-parser";
import { readRecords } from "../../scripts/lib/catalog-file";
import { catalogIndex } from "./catalog-index";
import { decodeTelex, normalizeQuery } from "../../worker/src/text/query";

const index = catalogIndex();
const norm = (q: string) => normalizeQuery(q, index.vocab).text;
const fieldsOf = (q: string) => detectIntent(normalizeQuery(q, index.vocab).tokens).fields;
const top = (q: string) => {
  const r = ask(index, q);
  return r.kind === "answer" ? r.matches[0].code : r.kind;
};

describe("query normalization", () => {
  it("expands abbreviations and teencode", () => {
    expect(norm("dk ks cho be")).toBe("dang ky khai sinh cho be");
    expect(norm("đk tạm trú ko")).toBe("dang ky tam tru khong");
    expect(norm("lam cccd mat bn tien")).toBe("cap the can cuoc mat bao nhieu tien");
    expect(norm("so do")).toBe("giay chung nhan quyen su dung dat");
    expect(norm("hkd dc ko")).toBe("ho kinh doanh duoc khong");
  });

  it("spells out the abbreviations the catalog's names use, as typed by citizens", () => {
    // Not "corrected" to another abbreviation one letter away (TNLĐ is not TNDN).
    expect(norm("chế độ TNLĐ, BNN")).toBe("che do tai nan lao dong benh nghe nghiep");
    expect(norm("BHTNLĐ")).toBe("bao hiem tai nan lao dong");
    expect(norm("nghỉ DSPHSK")).toBe("nghi duong suc phuc hoi suc khoe");
  });

  it("reads 'bn' and 'kh' from their context", () => {
    expect(norm("phi bn")).toBe("phi bao nhieu");
    expect(norm("bn oi cho hoi")).toBe("ban oi cho hoi");
    expect(norm("dang ky kh")).toBe("dang ky ket hon");
    expect(norm("kh biet")).toBe("khong biet");
  });

  it("repairs Telex residue and glued words", () => {
    expect(decodeTelex("kys")).toBe("ký");
    expect(decodeTelex("tamj")).toBe("tạm");
    expect(decodeTelex("vangws")).toBe("vắng");
    expect(norm("dang kys tamj vangws")).toBe("dang ky tam vang");
    expect(norm("dangkykethon")).toBe("dang ky ket hon");
  });

  it("folds wrong diacritics and đ", () => {
    expect(norm("Lạm gíấỵ khăì sĩnh")).toBe("dang ky khai sinh");
    expect(norm("Đăng Ký Kết Hôn")).toBe("dang ky ket hon");
  });

  it("reads 'giấy đăng ký …' as the certificate, and never rewrites a phrase twice", () => {
    expect(norm("giấy đăng ký hộ kinh doanh bị rách")).toBe("giay chung nhan dang ky ho kinh doanh bi rach");
    expect(norm("đăng ký hộ kinh doanh")).toBe("dang ky thanh lap ho kinh doanh");
  });

  it("maps everyday situations to procedures", () => {
    expect(norm("ông nội tôi vừa mất")).toContain("khai tu");
    expect(norm("mất bao lâu")).not.toContain("khai tu");
    // Beside an inheritance the death is its circumstance, not a death to register.
    expect(norm("bố mẹ tôi mất không để lại di chúc, anh em muốn chia đất")).not.toContain("khai tu");
    expect(norm("mất ví rồi")).toContain("cap lai");
    // "có" folds like "cô" (a person), but typed with its marks it is not one.
    expect(norm("gửi tiết kiệm rút trước hạn có mất lãi không")).not.toContain("khai tu");
    expect(norm("cô tôi mất hôm qua")).toContain("khai tu");
    // "mặt" is not "mất": "căn nhà mặt phố" (nhà is also a spouse: "nhà tôi mất").
    expect(norm("tôi có căn nhà mặt phố cho thuê")).not.toContain("khai tu");
    expect(norm("nhà tôi mất hôm qua")).toContain("khai tu");
    expect(norm("thuê trọ")).toContain("tam tru");
    expect(norm("nhập khẩu cho con")).toContain("thuong tru");
  });

  it("lets a longer everyday phrase speak alone", () => {
    // "nhận con nuôi" is adoption: "nhận con" (paternity) must not fire on the same words.
    expect(norm("muốn nhận con nuôi")).not.toContain("nhan cha me con");
    expect(norm("nhận con riêng của chồng")).toContain("nhan cha me con");
    expect(norm("em bé sinh ra ở bệnh viện huyện")).toContain("dang ky khai sinh");
    expect(norm("cưới vs người nước ngoài")).toContain("co yeu to nuoc ngoai");
    expect(norm("người nước ngoài đến ở trọ")).not.toContain("yeu to");
    expect(norm("giấy chứng tử ghi sai năm sinh")).toContain("cai chinh");
  });

  it("keeps a real syllable the catalog does not use, and still splits glued words", () => {
    expect(norm("người khuyết tật")).toContain("khuyet tat");
    expect(norm("dangkykethon")).toBe("dang ky ket hon");
    // "nghieng" (nghiêng) is a word, not a typo of "nghien" (nghiện, as in cai nghiện): only a
    // catalog pair next to a real syllable may correct it ("khia sinh").
    expect(norm("nghieng")).toBe("nghieng");
    expect(norm("khia sinh cho be")).toContain("khai sinh");
  });

  it("corrects typos only one edit away, in common and accented words too", () => {
    // "hen" and "the" both lose a letter to "he", at different places: two edits apart.
    expect(index.vocab.near("hen")).not.toContain("the");
    expect(index.vocab.near("hen")).toContain("khen");
    // A common word beside neither neighbour, whose one variant stands beside both.
    expect(norm("nguyen lieu luat khau")).toBe("nguyen lieu xuat khau");
    // The catalog never writes "nướv" or "ngoàj": accents do not protect them.
    expect(norm("có yếu tố nướv ngoàj")).toBe("co yeu to nuoc ngoai");
    // An accented word the catalog writes is taken as typed.
    expect(norm("kết hôn")).toBe("ket hon");
  });

  it("prefers the variant the catalog writes beside the neighbours more often", () => {
    // "uan" is one edit from "quan" and "san": "hải quan" stands in far more names than "hải sản".
    expect(norm("hải uan đối với hàng hóa")).toBe("hai quan doi voi hang hoa");
  });

  it("reads another act on a household business as that act, not founding one", () => {
    expect(norm("đăng ký kinh doanh")).toBe("dang ky thanh lap ho kinh doanh");
    expect(norm("thay đổi đăng ký kinh doanh")).not.toContain("thanh lap");
    expect(norm("bản sao giấy khai sinh")).toContain("trich luc ho tich");
    expect(norm("chứng thực bản sao giấy khai sinh")).not.toContain("trich luc");
  });

  it("drops what the user says they do not want", () => {
    expect(norm("kết hôn, không phải loại có yếu tố nước ngoài")).not.toContain("nuoc ngoai");
    expect(norm("Không phải khai tử, mình hỏi khai sinh")).not.toContain("khai tu");
    expect(norm("cấp giấy xác nhận chứ không phải cấp lại, mất bao lâu")).not.toContain("cap lai");
  });

  it("keeps a description that says what something is not, and what follows it", () => {
    // "không phải" after a noun describes it: a condition the procedure's name may carry.
    const q = norm("người được giám hộ không phải con đẻ thì thủ tục mất bao lâu");
    expect(q).toContain("khong phai con de");
    expect(q).toContain("bao lau");
    expect(norm("giấy tờ, không phải loại có yếu tố nước ngoài thì nộp ở đâu")).toContain("nop o dau");
  });
});

describe("intent", () => {
  const fields = (q: string) => detectIntent(normalizeQuery(q, index.vocab).tokens).fields.sort();
  it("detects several fields at once", () => {
    expect(fields("tạm vắng cần giấy tờ gì, phí bao nhiêu, mất mấy ngày")).toEqual(["components", "fees", "processing_time"]);
    expect(fields("nộp online được không")).toContain("online");
    expect(fields("nộp hồ sơ ở đâu")).toContain("address");
    expect(fields("căn cứ pháp lý là văn bản nào")).toEqual(["meta"]);
    // "cần làm gì" asks both what to do and what to bring.
    expect(fields("muốn tách hộ thì cần làm gì")).toEqual(["components", "steps"]);
  });
  it("removes intent words from the topic", () => {
    const { topic } = detectIntent(normalizeQuery("chứng thực chữ ký cần giấy tờ gì", index.vocab).tokens);
    expect(topic.map((t) => t.folded).join(" ")).toBe("chung thuc chu ky");
  });
  it("keeps an intent phrase that a name's pairs hold on both sides", () => {
    // "tờ khai" is part of "hủy tờ khai hải quan", not a request for the form.
    const inName = analyzeQuestion(index, "cho hỏi hủy tờ khai hải quan");
    expect(inName.fields).not.toContain("files");
    expect(inName.topic.map((t) => t.folded).join(" ")).toContain("huy to khai hai quan");
    // Asked for, with nothing of a name around it, it is still the form.
    expect(analyzeQuestion(index, "xin mẫu tờ khai đăng ký kết hôn").fields).toContain("files");
    expect(analyzeQuestion(index, "tờ khai khai sinh tải ở đâu").fields).toContain("files");
  });
});

describe("intent phrases", () => {
  const fields = (q: string) => detectIntent(normalizeQuery(q, index.vocab).tokens).fields.sort();
  it("reads how to file, legal sources, times and amounts", () => {
    expect(fields("đăng ký tạm vắng gửi qua bưu điện được không")).toContain("methods");
    expect(fields("cấp bản sao trích lục nộp bằng hình thức nào")).toContain("methods");
    expect(fields("thủ tục nhận con nuôi theo thông tư nào")).toContain("meta");
    expect(fields("quyết định công bố thủ tục giám hộ số hiệu là gì")).toContain("meta");
    expect(fields("giám hộ tg giải quyết mấy ngày")).toContain("processing_time");
    expect(fields("đăng ký giám hộ tốn bao nhiêu ngày")).toEqual(["processing_time"]);
    expect(fields("khai sinh mất 50.000 đồng đúng không")).toContain("fees");
    expect(fields("con nuôi người nước ngoài thì có khác gì không")).toContain("components");
    expect(fields("đăng ký giám hộ cơ quan thực hiện là ai")).toContain("agency");
  });
  it("reads same-day results, validity, and filing as an act", () => {
    expect(fields("bản sao trích lục có lấy liền được không")).toContain("processing_time");
    expect(fields("giấy xác nhận độc thân có giá trị bao lâu")).toEqual(["result"]);
    expect(fields("muốn nộp hồ sơ tạm trú qua bưu điện")).toEqual(["methods"]);
    expect(fields("nộp hồ sơ giám hộ gồm những gì")).toEqual(["components"]);
  });
});

describe("acts the citizen names", () => {
  it("an extract is a copy of the record, whatever the event", () => {
    expect(top("xin trích lục khai tử cho bố")).toBe("2.000635");
    expect(top("trich luc ket hon")).toBe("2.000635");
  });
  it("a copy to certify is 'bản sao', however it is said; 'bạn … sao' is not", () => {
    expect(top("chứng thực bản sao giấy khai sinh")).toBe("2.000815");
    expect(top("công chứng bản photo sổ đỏ")).toBe("2.000815");
    expect(top("ban oi sao lau vay")).toBe("none");
  });
  it("a wrong entry in a civil-status paper is corrected, not registered again", () => {
    expect(top("giấy khai sinh của con bị ghi sai tên cha")).toBe("1.004859");
    expect(top("muốn đổi họ cho con theo họ mẹ")).toBe("1.004859");
  });
  it("reads a newborn as a circumstance when the question names another procedure", () => {
    expect(top("con trai mới sinh được 2 tuần, đăng ký thường trú cho cháu cần gì")).toBe("1.004222");
    expect(top("vợ vừa đẻ xong, làm giấy tờ gì cho con")).toBe("1.001193");
  });
  it("reads unmarried parents as a circumstance of a birth, and as the subject otherwise", () => {
    expect(norm("làm khai sinh cho bé, bố mẹ chưa đăng ký kết hôn")).not.toContain("ket hon");
    expect(norm("bố mẹ chưa đăng ký kết hôn, muốn làm khai sinh cho bé")).not.toContain("ket hon");
    expect(top("hai đứa chưa đăng ký kết hôn, giờ đăng ký cần gì")).toBe("1.000894");
  });
  it("never pairs a phrase kept as typed with the words added after it", () => {
    // "làm lại" + "cấp lại" would make the rare pair "lại cấp" that no name has.
    expect(top("lam lai so bhxh bi mat")).toBe("1.002759");
  });
  it("never pairs the words around removed intent words", () => {
    // Without "bao giờ", "sinh" and "có" would pair like "khai sinh có yếu tố nước ngoài".
    expect([...analyzeQuestion(index, "đăng ký khai sinh bao giờ có kết quả").qf.keys()]).not.toContain("sinh co");
    expect(top("đăng ký khai sinh bao giờ có kết quả")).toBe("1.001193");
  });
  it("a copy of a birth certificate comes from the register; a photocopy is certified", () => {
    expect(top("xin bản sao giấy khai sinh để nộp cho trường")).toBe("2.000635");
    expect(top("photo công chứng bản sao giấy khai sinh")).toBe("2.000815");
  });
  it("another act on a household business is that act", () => {
    expect(top("muon mo tiem tap hoa thi dang ky kinh doanh o dau")).toBe("1.001612");
    expect(top("hộ kinh doanh chuyển địa điểm, thay đổi đăng ký kinh doanh thế nào")).toBe("2.000720");
    expect(top("chấm dứt đăng ký kinh doanh của hộ")).toBe("1.001266");
  });
  it("a name that opens with an act the citizen did not ask for does not take a plain request", () => {
    // "Thu hồi Giấy chứng nhận đã cấp lần đầu…" is a commune procedure, but revoking is not
    // what someone asking for a first certificate wants.
    const r = ask(index, "xin cấp giấy chứng nhận quyền sử dụng đất lần đầu");
    expect(r.matches[0]?.name).not.toMatch(/^Thu hồi/);
    expect(["1.012753", "1.013978"]).toContain(r.matches[0]?.code);
    expect(ask(index, "mất sổ đỏ thì xin cấp lại ra sao").matches[0]?.name ?? "").not.toMatch(/^Thu hồi/);
  });
});

describe("ranking and decisions", () => {
  it("answers common questions typed in many ways", () => {
    expect(top("vợ tôi vừa sinh em bé thì làm giấy gì cho cháu")).toBe("1.001193");
    expect(top("đăng kí kết hôn mang những gì")).toBe("1.000894");
    expect(top("ong noi toi vua mat, can lam giay to gi")).toBe("1.000656");
    expect(top("muon tach ho ra rieng thi lam sao")).toBe("1.010038");
    expect(top("đi làm xa vài tháng có phải báo tạm vắng không")).toBe("1.003677");
    expect(top("chung thuc chu ky mat bao lau")).toBe("2.000884");
    expect(top("vợ chồng tôi muốn nhận nuôi một bé gái")).toBe("2.001263");
    expect(top("bố tôi mất rồi, xóa hộ khẩu cho bố thế nào")).toBe("1.003197");
  });

  it("prefers the plain procedure unless the variant is asked for", () => {
    expect(top("thủ tục đăng ký khai tử")).toBe("1.000656");
    expect(top("đăng ký khai tử lưu động")).toBe("1.000419");
    expect(top("đăng ký kết hôn có yếu tố nước ngoài")).toBe("2.000806");
  });

  it("keeps accented evidence: hỗ trợ is not hộ", () => {
    const r = ask(index, "hỗ trợ phát triển sản xuất cộng đồng");
    expect(r.matches[0].name.toLowerCase()).toContain("hỗ trợ");
  });

  it("reads 'giải quyết' as the act a name opens with, and as a question word after 'được'", () => {
    expect(ask(index, "thủ tục giải quyết tranh chấp đất đai gồm những bước nào").matches[0].code).toBe("1.013967");
    expect(ask(index, "xin giải quyết tranh chấp đất đai").matches[0].code).toBe("1.013967");
    expect(top("hồ sơ khai sinh được giải quyết trong bao lâu")).toBe("1.001193");
  });

  it("maps weddings, stays, absences, signatures and benefits said in everyday words", () => {
    expect(top("hai đứa muốn cưới nhau thì ra xã làm giấy gì")).toBe("1.000894");
    expect(top("lấy chồng người Đài Loan cần giấy tờ gì")).toBe("2.000806");
    expect(top("con gái lấy chồng xong muốn tách hộ riêng")).toBe("1.010038");
    expect(top("nhập khẩu cho vợ về ở chung cần gì")).toBe("1.004222");
    expect(top("nhập khẩu hàng hóa cần giấy phép gì")).toBe("none");
    expect(top("tạm trú của tôi sắp hết hạn rồi")).toBe("1.002755");
    expect(top("bạn bè đến nhà ngủ qua đêm có phải báo công an không")).toBe("2.001159");
    expect(top("chồng đi làm ăn xa mấy tháng thì khai báo gì")).toBe("1.003677");
    expect(top("xin xác nhận chữ ký vào bản cam kết")).toBe("2.000884");
    expect(top("giấy chứng nhận độc thân để vay ngân hàng")).toBe("1.004873");
    expect(top("nghỉ ốm dài ngày hưởng bảo hiểm thế nào")).toBe("1.001667");
    expect(top("làm hồ sơ hưởng thai sản cho vợ")).toBe("2.000693");
    expect(ask(index, "cán bộ xuống tận nhà đăng ký khai tử cho cụ được không").matches[0].code).toBe("1.000419");
    expect(top("me e moi mat sang nay, can lam gi")).toBe("1.000656");
    expect(top("chuẩn bị cưới hỏi cần làm giấy gì ở xã")).toBe("1.000894");
    expect(top("con trai muốn ra riêng sổ hộ khẩu")).toBe("1.010038");
  });
  it("never reads an intent phrase across words a phrase rule added", () => {
    // "tách hộ" + "sổ hộ khẩu" must not become "hồ sơ" (documents).
    expect(fieldsOf("con trai muốn ra riêng sổ hộ khẩu")).not.toContain("components");
  });

  it("maps everyday words for residence, identity and contracts", () => {
    expect(top("chuyển hộ khẩu về nhà vợ")).toBe("1.004222");
    expect(top("doi cccd cu sang the moi")).toBe("1.014063");
    expect(top("muốn sửa nhà lại cho con ở có phải xin phép")).toBe("1.013229");
    expect(top("đổi chủ hộ sang tên con trai")).toBe("1.010039");
    expect(top("tài khoản định danh mức 2 đăng ký ở đâu")).toBe("3.000228");
    expect(top("chứng thực hợp đồng mua bán xe máy cũ")).toBe("2.001035");
  });

  it("abstains on what no commune procedure covers", () => {
    expect(top("cấp hộ chiếu cho con")).toBe("none");
    expect(top("thi bằng lái xe máy ở đâu")).toBe("none");
    expect(top("viết giúp mình một bài thơ")).toBe("none");
    expect(top("cảm ơn ad nhé")).toBe("none");
    expect(top("xin giấy phép bán pháo hoa")).toBe("none");
    // Everyday phrases fire only in their context.
    expect(top("thuê nhà nghỉ qua đêm ở đâu rẻ")).toBe("none");
    expect(top("độc thân vui tính")).toBe("none");
    expect(top("nhập khẩu ô tô cũ cần giấy phép gì")).toBe("none");
  });

  it("takes an act the citizen names as decisive: cấp lại, đính chính", () => {
    expect(top("giấy đăng ký hộ kinh doanh bị rách muốn xin lại")).toBe("2.000575");
    expect(top("muốn đính chính giấy chứng nhận quyền sử dụng đất bị ghi sai tên")).toBe("1.012796");
  });

  it("prefers the specific procedure when the question says what sets it apart", () => {
    expect(top("ông tôi 60 tuổi chưa có khai sinh, muốn đăng ký khai sinh cho người đã có hồ sơ cá nhân")).toBe("1.004772");
    // Equal scores, but only one name explains "tự nguyện".
    expect(top("đăng ký đóng bảo hiểm xã hội tự nguyện cho mẹ tôi")).toBe("1.002179");
  });

  it("answers with the commune procedure that covers what a higher-level one names", () => {
    // "Cấp lại thẻ bảo hiểm y tế" exists only at central and provincial level; the commune does
    // "Cấp lại, đổi, điều chỉnh thông tin trên sổ BHXH, thẻ BHYT".
    expect(top("thẻ bảo hiểm y tế bị mất xin cấp lại ở phường")).toBe("1.002759");
  });

  it("asks back when a question names a whole family", () => {
    expect(ask(index, "hỏi về hòa giải viên").kind).toBe("clarify");
    expect(ask(index, "cho tôi hỏi về thủ tục nuôi con nuôi").kind).toBe("clarify");
  });
});

describe("precomputed name features", () => {
  const rows = readRecords()
    .slice(0, 400)
    .map((r) => ({ code: r.ma_thu_tuc, name: r.ten_thu_tuc.replace(/\s+/g, " ").trim(), field: r.linh_vuc || null, levels: parseLevels(r.cap_thuc_hien) }));
  const stored = rows.map((r) => ({ ...r, features: JSON.parse(JSON.stringify(nameFeatures(r.name))) }));

  it("rank exactly as features computed on the fly", () => {
    const live = buildIndex(rows);
    const fromStore = buildIndex(stored);
    for (const q of ["dang ky khai sinh", "chứng thực chữ ký", "hải quan xuất khẩu", "cấp lại giấy phép"]) {
      expect(ask(fromStore, q)).toEqual(ask(live, q));
    }
  });

  it("find the object of a name that opens with a list of acts", () => {
    const f = nameFeatures("Đăng ký, đăng ký lại, điều chỉnh đóng BHXH tự nguyện; cấp sổ BHXH");
    expect(f.h).toContain("tu nguyen");
    expect(f.h).toContain("bao hiem");
    expect(nameFeatures("Chứng thực chữ ký trong các giấy tờ, văn bản").h).not.toContain("van ban");
  });

  it("survive the import-time snapshot unchanged", () => {
    const live = buildIndex(rows);
    const restored = indexFromSnapshot(snapshotOf(stored))!;
    for (const q of ["dang ky khai sinh", "chứng thực chữ ký", "hỗ trợ sản xuất", "cấp lại giấy phép"]) {
      expect(ask(restored, q)).toEqual(ask(live, q));
    }
    const meta = (d: Doc) => [d.code, d.name, d.field, d.levels, d.variants, [...d.head], [...d.features], d.headWeight];
    expect(restored.docs.map(meta)).toEqual(live.docs.map(meta));
    const withoutField = indexFromSnapshot(snapshotOf([{ ...stored[0], field: null, levels: [] }]))!;
    expect([withoutField.docs[0].field, withoutField.docs[0].levels]).toEqual([null, []]);
    expect(() => snapshotOf([{ ...stored[0], name: "hai\ndòng" }])).toThrow(/separator/);
    // Written by other engine rules ({"v":"4-… → {"v":"9-…): not used.
    const other = snapshotOf(stored);
    other[4 + '{"v":"'.length] = "9".charCodeAt(0);
    expect(indexFromSnapshot(other)).toBeNull();
  });

  it("are recomputed when stale", () => {
    const stale = stored.map((r) => ({ ...r, features: { ...r.features, v: "old", f: [], h: [], m: [] } }));
    expect(ask(buildIndex(stale), "dang ky khai sinh")).toEqual(ask(buildIndex(rows), "dang ky khai sinh"));
  });
});
