/**
 * The one Drizzle schema: source of truth for D1. Migrations in drizzle/ are generated
 * from it with `npm run db:generate`.
 */
import { sql } from "drizzle-orm";
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

export const provinces = sqliteTable("provinces", {
  code: text("code").primaryKey(),
  name: text("name").notNull(),
  shortName: text("short_name").notNull(),
  searchKey: text("search_key").notNull(),
});

export const wards = sqliteTable(
  "wards",
  {
    code: text("code").primaryKey(),
    name: text("name").notNull(),
    shortName: text("short_name").notNull(),
    /** Current type (Xã / Phường / Đặc khu), after the 30/04/2026 changes. */
    type: text("type").notNull(),
    provinceCode: text("province_code")
      .notNull()
      .references(() => provinces.code),
    lat: real("lat"),
    lon: real("lon"),
    adminCenterAddress: text("admin_center_address"),
    mergedFrom: text("merged_from"),
    /** Folded "name short_name province" for accent-insensitive search. */
    searchKey: text("search_key").notNull(),
  },
  (t) => [index("wards_province_idx").on(t.provinceCode)],
);

export const procedures = sqliteTable(
  "procedures",
  {
    code: text("code").primaryKey(),
    name: text("name").notNull(),
    field: text("field"),
    /** Comma-wrapped level keys, e.g. ",xa,khac,", so `LIKE '%,xa,%'` filters by level. */
    levels: text("levels").notNull(),
    levelsText: text("levels_text"),
    type: text("type"),
    audience: text("audience"),
    agencies: text("agencies"),
    decision: text("decision"),
    conditions: text("conditions"),
    result: text("result"),
    address: text("address"),
    sourceUrl: text("source_url"),
    ministry: text("ministry"),
    /** portal: imported from the national export; local: added by a ward. */
    origin: text("origin", { enum: ["portal", "local"] }).notNull().default("portal"),
    wardCode: text("ward_code").references(() => wards.code),
    /** retired: no longer in the latest portal export (kept for history and links). */
    status: text("status", { enum: ["active", "retired"] }).notNull().default("active"),
    importBatch: text("import_batch"),
    searchKey: text("search_key").notNull(),
    /** Sort key: folded lower-case name, so Đ sorts with D. */
    sortKey: text("sort_key").notNull(),
    /** The answer engine's features of the name (JSON, ask/engine nameFeatures), computed at import. */
    nameFeatures: text("name_features"),
    /**
     * Everyday knowledge about the procedure (JSON, catalog/everyday.ts: short title, aliases,
     * situations, everyday result name), from data/knowledge/everyday.jsonl at import. Used for
     * matching and titles only, never as a fact about the procedure.
     */
    everyday: text("everyday"),
    updatedAt: text("updated_at").notNull().default(sql`(datetime('now'))`),
  },
  (t) => [
    index("procedures_field_idx").on(t.field),
    index("procedures_sort_idx").on(t.sortKey, t.code),
    index("procedures_status_idx").on(t.status),
    index("procedures_ward_idx").on(t.wardCode),
  ],
);

const procedureCode = () =>
  text("procedure_code")
    .notNull()
    .references(() => procedures.code, { onDelete: "cascade" });

export const procedureMethods = sqliteTable(
  "procedure_methods",
  {
    procedureCode: procedureCode(),
    position: integer("position").notNull(),
    channel: text("channel", { enum: ["in_person", "online", "post"] }).notNull(),
    timeText: text("time_text").notNull(),
    timeValue: real("time_value"),
    timeUnit: text("time_unit", { enum: ["working_days", "days", "hours", "months", "years"] }),
    feeText: text("fee_text").notNull(),
    feeAmount: real("fee_amount"),
    feeCurrency: text("fee_currency", { enum: ["VND", "USD"] }),
    feeUnit: text("fee_unit"),
    feeStatus: text("fee_status", {
      enum: ["free", "amount", "set_by_province", "not_published", "see_note"],
    }).notNull(),
    feeNote: text("fee_note"),
    note: text("note"),
  },
  (t) => [primaryKey({ columns: [t.procedureCode, t.position] })],
);

export const procedureDocuments = sqliteTable(
  "procedure_documents",
  {
    procedureCode: procedureCode(),
    position: integer("position").notNull(),
    section: text("section"),
    name: text("name").notNull(),
    form: text("form"),
    quantityText: text("quantity_text").notNull(),
    original: integer("original").notNull(),
    copy: integer("copy").notNull(),
    kind: text("kind", { enum: ["original", "copy", "both"] }),
    submit: text("submit", { enum: ["submit", "show"] }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.procedureCode, t.position] })],
);

export const procedureSteps = sqliteTable(
  "procedure_steps",
  {
    procedureCode: procedureCode(),
    position: integer("position").notNull(),
    text: text("text").notNull(),
  },
  (t) => [primaryKey({ columns: [t.procedureCode, t.position] })],
);

export const procedureLegalBases = sqliteTable(
  "procedure_legal_bases",
  {
    procedureCode: procedureCode(),
    position: integer("position").notNull(),
    number: text("number"),
    title: text("title").notNull(),
  },
  (t) => [primaryKey({ columns: [t.procedureCode, t.position] })],
);

/**
 * Every source field of the portal record, verbatim. Long fields are split into chunks so
 * that no SQL statement exceeds D1's 100 kB statement limit on import.
 */
export const procedureSources = sqliteTable(
  "procedure_sources",
  {
    procedureCode: procedureCode(),
    field: text("field").notNull(),
    chunk: integer("chunk").notNull(),
    value: text("value").notNull(),
  },
  (t) => [primaryKey({ columns: [t.procedureCode, t.field, t.chunk] })],
);

/**
 * The answer engine's index, serialized at import time (ask/index-snapshot) in parts small
 * enough for one D1 statement each, so a cold isolate reads a few rows instead of every name.
 * Valid only with the meta row `ask_snapshot` that says which catalog it was built from.
 */
export const indexSnapshots = sqliteTable("index_snapshots", {
  part: integer("part").primaryKey(),
  data: text("data").notNull(),
});

/** Bookkeeping for idempotent seeding (content hashes of seed files). */
export const meta = sqliteTable("meta", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
});

/**
 * A ward's public contact details and opening hours. `hours` is a weekly schedule as JSON
 * (see contact/hours.ts), in the ward's local time (Asia/Ho_Chi_Minh).
 */
export const wardProfiles = sqliteTable("ward_profiles", {
  wardCode: text("ward_code")
    .primaryKey()
    .references(() => wards.code),
  hotline: text("hotline"),
  address: text("address"),
  hours: text("hours").notNull(),
  /** Public holidays and other closed days, ISO dates as a JSON array. */
  closedDays: text("closed_days").notNull().default("[]"),
  updatedAt: text("updated_at").notNull().default(sql`(datetime('now'))`),
});

/** Officers of a ward's service centre with the catalog fields they handle. */
export const officers = sqliteTable(
  "officers",
  {
    id: text("id").primaryKey(),
    wardCode: text("ward_code")
      .notNull()
      .references(() => wards.code),
    name: text("name").notNull(),
    title: text("title").notNull(),
    /** JSON array of catalog field names (procedures.field), e.g. ["Hộ tịch","Chứng thực"]. */
    fields: text("fields").notNull(),
    /** Public work phone, shown to citizens for one-tap calls. */
    phone: text("phone"),
    onDuty: integer("on_duty", { mode: "boolean" }).notNull().default(true),
    /** Demo rows are seeded only in development and never shipped to production. */
    demo: integer("demo", { mode: "boolean" }).notNull().default(false),
  },
  (t) => [index("officers_ward_idx").on(t.wardCode)],
);

/** Staff accounts (officers, ward admins, system admins). Citizens sign in with Zalo instead. */
export const staffAccounts = sqliteTable("staff_accounts", {
  id: text("id").primaryKey(),
  username: text("username").notNull().unique(),
  /** PBKDF2-SHA256, base64; `salt` base64; `iterations` kept per account so it can be raised. */
  passwordHash: text("password_hash").notNull(),
  salt: text("salt").notNull(),
  iterations: integer("iterations").notNull(),
  role: text("role", { enum: ["officer", "ward_admin", "system_admin"] }).notNull(),
  wardCode: text("ward_code").references(() => wards.code),
  officerId: text("officer_id").references(() => officers.id),
  failedAttempts: integer("failed_attempts").notNull().default(0),
  lockedUntil: integer("locked_until"),
  demo: integer("demo", { mode: "boolean" }).notNull().default(false),
  /** Zalo user id (app-scoped) linked by the ward admin's one-time code: sign-in without a password. */
  zaloId: text("zalo_id").unique(),
  /** SHA-256 of the pending one-time link code and its expiry (ms). */
  linkCodeHash: text("link_code_hash"),
  linkCodeExpires: integer("link_code_expires"),
  /** Wrong tries against the pending code; it dies at LINK_CODE_MAX_TRIES. */
  linkCodeTries: integer("link_code_tries").notNull().default(0),
});

/**
 * Session revocation: a token carries the version of its subject (staff account id or
 * citizen id) at signing; logout, erasure or an admin action bumps it, and older tokens stop
 * working. No row means version 0.
 */
export const sessionVersions = sqliteTable("session_versions", {
  sub: text("sub").primaryKey(),
  version: integer("version").notNull().default(0),
  updatedAt: integer("updated_at").notNull(),
});

/** A ward's personal-data settings, set by its admin (defaults apply without a row). */
export const wardSettings = sqliteTable("ward_settings", {
  wardCode: text("ward_code")
    .primaryKey()
    .references(() => wards.code),
  /** Conversations, messages, ratings and call-back data older than this are anonymized. */
  retentionMonths: integer("retention_months").notNull().default(12),
  /** "Cải thiện trợ lý": keep citizens' questions (redacted) for 90 days to improve answers. */
  improveAssistant: integer("improve_assistant", { mode: "boolean" }).notNull().default(false),
  updatedBy: text("updated_by"),
  updatedAt: integer("updated_at").notNull(),
});

/** Which staff account opened which conversation (shown to the ward admin). */
export const accessLog = sqliteTable(
  "access_log",
  {
    id: text("id").primaryKey(),
    wardCode: text("ward_code").notNull(),
    staffId: text("staff_id").notNull(),
    conversationId: text("conversation_id").notNull(),
    /** read: opened the thread; export: (reserved) bulk read. */
    action: text("action", { enum: ["read"] }).notNull().default("read"),
    at: integer("at").notNull(),
  },
  (t) => [index("access_log_ward_idx").on(t.wardCode, t.at), index("access_log_conversation_idx").on(t.conversationId, t.at)],
);

/** Citizens' questions to the assistant, kept only for wards that opted in, redacted, 90 days. */
export const askLogs = sqliteTable(
  "ask_logs",
  {
    id: text("id").primaryKey(),
    wardCode: text("ward_code").notNull(),
    question: text("question").notNull(),
    kind: text("kind").notNull(),
    topCode: text("top_code"),
    at: integer("at").notNull(),
  },
  (t) => [index("ask_logs_ward_idx").on(t.wardCode, t.at), index("ask_logs_at_idx").on(t.at)],
);

/** A citizen's question to a ward's officers about a field (optionally from a bot answer). */
export const conversations = sqliteTable(
  "conversations",
  {
    id: text("id").primaryKey(),
    wardCode: text("ward_code")
      .notNull()
      .references(() => wards.code),
    citizenId: text("citizen_id").notNull(),
    field: text("field"),
    procedureCode: text("procedure_code"),
    status: text("status", { enum: ["open", "pending", "resolved"] }).notNull().default("open"),
    assignedOfficerId: text("assigned_officer_id").references(() => officers.id),
    /** JSON: the bot question and matches that led here, for the officer's context. */
    context: text("context"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
    firstResponseAt: integer("first_response_at"),
    rating: integer("rating"),
    ratingComment: text("rating_comment"),
    /** The first message, cut to 200 characters: the inbox preview and what inbox search reads. */
    subject: text("subject").notNull().default(""),
    /** Folded subject, field and procedure code: officers search without diacritics. */
    searchText: text("search_text").notNull().default(""),
    /** Messages the other side has not opened yet (reset when that side reads the thread). */
    unreadByCitizen: integer("unread_by_citizen").notNull().default(0),
    unreadByStaff: integer("unread_by_staff").notNull().default(0),
    /** Last automatic out-of-hours reply, so a closed centre answers once per closed period. */
    autoReplyAt: integer("auto_reply_at"),
    /**
     * Phone number for a call-back, only when the citizen asked for one and consented
     * (consent time kept); erased when the conversation is resolved.
     */
    callbackPhone: text("callback_phone"),
    callbackConsentAt: integer("callback_consent_at"),
    /** The citizen's id for the first message: parallel retries of one send create one thread. */
    clientMessageId: text("client_message_id"),
    /** Where the citizen wrote from: the mini app, or the ward's Zalo Official Account chat. */
    channel: text("channel", { enum: ["miniapp", "zalo_oa"] }).notNull().default("miniapp"),
    /** zalo_oa: the OA and the citizen's OA-scoped user id that officers' replies go to. */
    oaId: text("oa_id"),
    oaUserId: text("oa_user_id"),
  },
  (t) => [
    uniqueIndex("conversations_client_id_idx").on(t.citizenId, t.clientMessageId),
    index("conversations_ward_idx").on(t.wardCode, t.status, t.updatedAt),
    index("conversations_ward_updated_idx").on(t.wardCode, t.updatedAt),
    index("conversations_citizen_idx").on(t.citizenId),
  ],
);

export const messages = sqliteTable(
  "messages",
  {
    id: text("id").primaryKey(),
    conversationId: text("conversation_id")
      .notNull()
      .references(() => conversations.id),
    authorRole: text("author_role", { enum: ["citizen", "officer", "system"] }).notNull(),
    authorId: text("author_id"),
    /** note: internal, visible to staff only. */
    kind: text("kind", { enum: ["message", "note"] }).notNull().default("message"),
    text: text("text").notNull(),
    clientMessageId: text("client_message_id"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    index("messages_conversation_idx").on(t.conversationId, t.createdAt),
    uniqueIndex("messages_client_id_idx").on(t.conversationId, t.clientMessageId),
  ],
);

/**
 * A question a ward answers itself ("Phường có nhận hồ sơ sáng thứ Bảy không?"), written by
 * its admin. The answer engine ranks published entries next to the catalog for that ward's
 * citizens only; `procedureCode` links it to the procedure it is about, so the answer to that
 * procedure shows the ward's note too.
 */
export const wardFaqs = sqliteTable(
  "ward_faqs",
  {
    id: text("id").primaryKey(),
    wardCode: text("ward_code")
      .notNull()
      .references(() => wards.code),
    question: text("question").notNull(),
    answer: text("answer").notNull(),
    /** Other ways citizens ask it, comma separated; ranked like the question. */
    keywords: text("keywords").notNull().default(""),
    /** The engine's analysis of question and keywords (ask/ward-answer faqFeatures), made on save. */
    features: text("features"),
    procedureCode: text("procedure_code").references(() => procedures.code),
    published: integer("published", { mode: "boolean" }).notNull().default(true),
    updatedBy: text("updated_by"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [index("ward_faqs_ward_idx").on(t.wardCode, t.updatedAt)],
);

/**
 * A ward's notice to its citizens ("Từ 1/12 nhận hồ sơ chứng thực tại quầy 3"), optionally
 * about one procedure: shown on the home screen, and with the answer about that procedure
 * while it is in force.
 */
export const wardNotices = sqliteTable(
  "ward_notices",
  {
    id: text("id").primaryKey(),
    wardCode: text("ward_code")
      .notNull()
      .references(() => wards.code),
    title: text("title").notNull(),
    body: text("body").notNull(),
    procedureCode: text("procedure_code").references(() => procedures.code),
    pinned: integer("pinned", { mode: "boolean" }).notNull().default(false),
    /** Shown from this time (ms); a notice can be prepared ahead. */
    startsAt: integer("starts_at").notNull(),
    /** Hidden after this time (ms); null: until removed. */
    endsAt: integer("ends_at"),
    updatedBy: text("updated_by"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [index("ward_notices_ward_idx").on(t.wardCode, t.startsAt)],
);

/**
 * Fields a ward admin pinned to the top of the ward's home screen, in their order (the rest
 * follow the ward-centre order in catalog/ward-fields.ts).
 */
export const wardFieldPins = sqliteTable(
  "ward_field_pins",
  {
    wardCode: text("ward_code")
      .notNull()
      .references(() => wards.code),
    field: text("field").notNull(),
    position: integer("position").notNull(),
  },
  (t) => [primaryKey({ columns: [t.wardCode, t.field] })],
);

/**
 * How often the answer engine answered with a procedure, per ward ("" when the citizen had
 * not picked one): a count only, never the question. Orders a field's procedures, most asked first.
 */
export const procedureAsks = sqliteTable(
  "procedure_asks",
  {
    procedureCode: text("procedure_code").notNull(),
    wardCode: text("ward_code").notNull(),
    asks: integer("asks").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.procedureCode, t.wardCode] })],
);

/**
 * A ward's Zalo Official Account (zalo-oa/). Every secret column is sealed with AES-GCM
 * (zalo-oa/secret-box, key from the ZALO_OA_KEY Worker secret, bound to the OA id and the
 * column) and never leaves the worker. Token columns are written only by the OA's Durable
 * Object (zalo-oa/oa-agent), which serializes refreshes.
 */
export const zaloOaConfigs = sqliteTable("zalo_oa_configs", {
  oaId: text("oa_id").primaryKey(),
  wardCode: text("ward_code")
    .notNull()
    .unique()
    .references(() => wards.code),
  appId: text("app_id").notNull(),
  /** Sealed. Signs webhook events (X-ZEvent-Signature). */
  oaSecretKey: text("oa_secret_key").notNull(),
  /** Sealed. The Zalo app's secret key (`secret_key` header of OAuth calls); null: the mini app's ZALO_APP_SECRET. */
  appSecretKey: text("app_secret_key"),
  accessToken: text("access_token"),
  accessExpiresAt: integer("access_expires_at"),
  refreshToken: text("refresh_token"),
  /** pending: saved, no tokens yet; connected; reauth: the refresh token was refused, consent again. */
  status: text("status", { enum: ["pending", "connected", "reauth"] }).notNull().default("pending"),
  /** OAuth consent in progress: SHA-256 of `state`, the sealed PKCE verifier, and its expiry (ms). */
  oauthStateHash: text("oauth_state_hash"),
  oauthVerifier: text("oauth_verifier"),
  oauthExpiresAt: integer("oauth_expires_at"),
  oaName: text("oa_name"),
  /** Last problem with Zalo in words for the admin (never a token or a message). */
  lastError: text("last_error"),
  lastTestAt: integer("last_test_at"),
  lastTestOk: integer("last_test_ok", { mode: "boolean" }),
  tokenRefreshedAt: integer("token_refreshed_at"),
  updatedBy: text("updated_by"),
  createdAt: integer("created_at").notNull(),
  updatedAt: integer("updated_at").notNull(),
}, (t) => [index("zalo_oa_configs_state_idx").on(t.oauthStateHash)]);

/** A citizen as the OA knows them (OA-scoped user id), with the bot's memory of the chat. */
export const zaloOaUsers = sqliteTable(
  "zalo_oa_users",
  {
    oaId: text("oa_id").notNull(),
    userId: text("user_id").notNull(),
    wardCode: text("ward_code").notNull(),
    /** Zalo's id of the same person for the OA's app: equals the mini app's user id when both use one app. */
    userIdByApp: text("user_id_by_app"),
    /** The mini-app citizen (session `sub`) this OA user is, when the apps match. */
    citizenId: text("citizen_id"),
    /** From follow / unfollow events (null: not seen yet). */
    follows: integer("follows", { mode: "boolean" }),
    /** The citizen's last message in Zalo chat: opens Zalo's 48-hour reply window. */
    lastInboundAt: integer("last_inbound_at"),
    /** JSON: what the bot asked and waits for ({ kind: "choices", … } | { kind: "offer_officer" }). */
    pending: text("pending"),
    /** JSON: earlier turns [{ question, code }], oldest first, at most 5 (the engine's context). */
    turns: text("turns").notNull().default("[]"),
    /** The procedure last discussed: the field a handoff goes to. */
    lastCode: text("last_code"),
    /** The inbox conversation while a handoff is open. */
    conversationId: text("conversation_id"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.oaId, t.userId] }), index("zalo_oa_users_citizen_idx").on(t.citizenId)],
);

/**
 * Webhook events as received (acknowledged after this row is written): the idempotency key
 * (`message.msg_id`, or event, user and time for follows) and, until processed, the raw body
 * so a crash after the acknowledgement loses nothing (the cron sweep reprocesses it).
 */
export const zaloOaEvents = sqliteTable(
  "zalo_oa_events",
  {
    oaId: text("oa_id").notNull(),
    eventKey: text("event_key").notNull(),
    eventName: text("event_name").notNull(),
    userId: text("user_id"),
    body: text("body"),
    status: text("status", { enum: ["received", "done"] }).notNull().default("received"),
    receivedAt: integer("received_at").notNull(),
    processedAt: integer("processed_at"),
  },
  (t) => [primaryKey({ columns: [t.oaId, t.eventKey] }), index("zalo_oa_events_status_idx").on(t.status, t.receivedAt)],
);

/**
 * The OA chat, both ways: what citizens wrote, and the outbox of what the OA sends (bot
 * answers, officers' replies, notices), with delivery status per message. Ids are derived
 * from what caused the row (the inbound msg_id, the inbox message id), so a repeated cause
 * writes nothing new.
 */
export const zaloOaMessages = sqliteTable(
  "zalo_oa_messages",
  {
    id: text("id").primaryKey(),
    oaId: text("oa_id").notNull(),
    userId: text("user_id").notNull(),
    direction: text("direction", { enum: ["in", "out"] }).notNull(),
    author: text("author", { enum: ["citizen", "bot", "officer", "notice"] }).notNull(),
    /** Inbound: text, image, sticker, file, location, other. */
    kind: text("kind").notNull().default("text"),
    text: text("text").notNull(),
    /** Inbound: Zalo's msg_id. Outbound: the message_id Zalo gave the sent message. */
    zaloMsgId: text("zalo_msg_id"),
    conversationId: text("conversation_id"),
    /** Outbound officer replies: the inbox message delivered. */
    inboxMessageId: text("inbox_message_id"),
    /** in: received. out: queued → sending → sent | failed | window_closed. */
    status: text("status", { enum: ["received", "queued", "sending", "sent", "failed", "window_closed"] }).notNull(),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: integer("next_attempt_at"),
    lastAttemptAt: integer("last_attempt_at"),
    /** An attempt may have reached Zalo without an answer: check Zalo's chat before sending again. */
    inDoubt: integer("in_doubt", { mode: "boolean" }).notNull().default(false),
    /** Why it failed or waits, in Vietnamese for officers (never the token). */
    reason: text("reason"),
    createdAt: integer("created_at").notNull(),
    sentAt: integer("sent_at"),
  },
  (t) => [
    index("zalo_oa_messages_chat_idx").on(t.oaId, t.userId, t.createdAt),
    index("zalo_oa_messages_outbox_idx").on(t.oaId, t.status, t.nextAttemptAt),
    index("zalo_oa_messages_inbox_idx").on(t.inboxMessageId),
  ],
);
