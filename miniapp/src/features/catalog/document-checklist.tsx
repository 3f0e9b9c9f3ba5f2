import { itemKey, type ChecklistItem, type DocumentGroups } from "@worker/catalog/document-groups";

interface Props {
  groups: DocumentGroups;
  /** Everything: each document's full wording, special cases open, the portal's notes. */
  full?: boolean;
  /** Inside an answer card: the quantity is already in the fact's label. */
  compact?: boolean;
  /** A checklist to tick (kept on the device by the caller). */
  ticked?: ReadonlySet<string>;
  onToggle?: (key: string) => void;
}

function Item({ item, full, ticked, onToggle }: { item: ChecklistItem; full: boolean; ticked?: ReadonlySet<string>; onToggle?: (key: string) => void }) {
  const key = itemKey(item);
  const body = (
    <>
      <span className={`doc-name ${full ? "" : "clamp-3"}`}>{item.name}</span>
      {(item.quantity || item.form) && (
        <span className="doc-meta">
          {item.quantity && <span className="chip">{item.quantity}</span>}
          {item.form && (item.formUrl ? (
            <a className="chip chip-form" href={item.formUrl} target="_blank" rel="noopener noreferrer">
              Tải mẫu {item.form}
            </a>
          ) : (
            <span className="chip chip-form">Mẫu: {item.form}</span>
          ))}
        </span>
      )}
      {full && item.detail && <span className="doc-detail">{item.detail}</span>}
    </>
  );
  return (
    <li className="doc" data-doc={item.name}>
      {onToggle ? (
        <label className="doc-check">
          <input type="checkbox" checked={ticked?.has(key) ?? false} onChange={() => onToggle(key)} />
          <span className="doc-body">{body}</span>
        </label>
      ) : (
        <span className="doc-body">{body}</span>
      )}
    </li>
  );
}

/** The documents as the record gives them, everyday ones first; shared by the card, the procedure page and the checklist. */
export function DocumentChecklist({ groups, full = false, compact = false, ticked, onToggle }: Props) {
  const everyday = groups.common.length + groups.show.length;
  const specialCount = groups.special.reduce((n, g) => n + g.items.length, 0);
  const list = (items: ChecklistItem[]) => (
    <ul className="doc-list">
      {items.map((i) => (
        <Item key={itemKey(i)} item={i} full={full} ticked={ticked} onToggle={onToggle} />
      ))}
    </ul>
  );
  return (
    <div className="checklist">
      {!compact && groups.common.length > 0 && <div className="doc-group-title">Giấy tờ cần nộp{groups.sharedQuantity ? ` (mỗi loại ${groups.sharedQuantity})` : ""}</div>}
      {!compact && !groups.common.length && groups.sharedQuantity && <p className="qty-once">Mỗi loại {groups.sharedQuantity}</p>}
      {groups.common.length > 0 && list(groups.common)}
      {groups.show.length > 0 && (
        <>
          <div className="doc-group-title">Mang theo để xuất trình</div>
          {list(groups.show)}
        </>
      )}
      {everyday === 0 && specialCount === 0 && <p className="muted">Hồ sơ gốc không ghi rõ thành phần giấy tờ; bạn hỏi cán bộ trước khi đi nhé.</p>}
      {specialCount > 0 && (
        // Nothing everyday: the cases are the list, open; otherwise folded under one line.
        <details className="special" open={full || everyday === 0}>
          <summary>{everyday === 0 ? "Giấy tờ tùy trường hợp của bạn" : `Trường hợp đặc biệt (${specialCount})`}</summary>
          {groups.special.map((g, i) => (
            <div key={g.title ?? i} className="special-group">
              {g.title && <div className="doc-group-title">{g.title}</div>}
              {list(g.items)}
            </div>
          ))}
        </details>
      )}
      {full && groups.notes.length > 0 && (
        <details className="doc-notes">
          <summary>Lưu ý của hồ sơ gốc ({groups.notes.length})</summary>
          <ul>
            {groups.notes.map((n, i) => (
              <li key={i}>{n}</li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
