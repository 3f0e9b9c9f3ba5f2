import { DurableObject } from "cloudflare:workers";
import type { Env } from "../env";

/** What a live socket learns: which conversation changed, never its content (clients refetch). */
export interface LiveEvent {
  type: "conversation";
  conversationId: string;
  citizenId: string;
  /** Internal notes reach staff only. */
  staffOnly: boolean;
}

/**
 * One per ward: holds the WebSockets of that ward's officers and of citizens viewing a thread
 * there. Uses the hibernation API so idle sockets cost nothing while the object sleeps.
 */
export class WardInbox extends DurableObject<Env> {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    // Keep-alive pings are answered without waking the object.
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair("ping", "pong"));
  }

  /** Called by the worker after it verified the caller; `tag` is "staff" or "citizen:<id>". */
  async fetch(request: Request): Promise<Response> {
    const tag = request.headers.get("x-live-tag");
    if (request.headers.get("upgrade") !== "websocket" || !tag) return new Response("expected websocket", { status: 426 });
    const pair = new WebSocketPair();
    this.ctx.acceptWebSocket(pair[1], [tag]);
    return new Response(null, { status: 101, webSocket: pair[0] });
  }

  /** Tickets already used (id → expiry), so each opens one socket. */
  private usedTickets = new Map<string, number>();

  /**
   * True the first time a ticket id is presented. Kept in storage too, so a restarted object
   * still refuses a replay within the ticket's minute.
   */
  async claimTicket(jti: string, expiresAt: number): Promise<boolean> {
    const now = Date.now();
    for (const [id, exp] of this.usedTickets) if (exp < now) this.usedTickets.delete(id);
    if (this.usedTickets.has(jti) || (await this.ctx.storage.get(`t:${jti}`)) !== undefined) return false;
    this.usedTickets.set(jti, expiresAt);
    await this.ctx.storage.put(`t:${jti}`, expiresAt);
    // Forget stored ids after they expire.
    if ((await this.ctx.storage.getAlarm()) === null) await this.ctx.storage.setAlarm(expiresAt + 1000);
    return true;
  }

  async alarm(): Promise<void> {
    const now = Date.now();
    const stored = await this.ctx.storage.list<number>({ prefix: "t:" });
    const expired = [...stored].filter(([, exp]) => exp < now).map(([k]) => k);
    if (expired.length) await this.ctx.storage.delete(expired.slice(0, 128));
    if (stored.size > expired.length) await this.ctx.storage.setAlarm(now + 60_000);
  }

  broadcast(event: LiveEvent): number {
    const payload = JSON.stringify({ type: event.type, conversationId: event.conversationId });
    const targets = event.staffOnly
      ? this.ctx.getWebSockets("staff")
      : [...this.ctx.getWebSockets("staff"), ...this.ctx.getWebSockets(`citizen:${event.citizenId}`)];
    let sent = 0;
    for (const ws of targets) {
      try {
        ws.send(payload);
        sent++;
      } catch {
        // Socket already closing: the client reconnects and refetches.
      }
    }
    return sent;
  }

  async webSocketMessage(): Promise<void> {
    // Clients only listen; anything they send besides the auto-answered ping is ignored.
  }

  async webSocketClose(ws: WebSocket, code: number): Promise<void> {
    try {
      ws.close(code === 1005 ? 1000 : code, "closing");
    } catch {
      // already closed
    }
  }
}
