import { say } from '../../contracts/said';
import { xmlUnsafeCharacter } from '../../contracts/rules';
import type { WechatTicket } from '../../contracts/api';
import type { CoreContext } from '../context';
import { newQrUrlId, newTicket } from '../wechat/ids';
import type { AccountRecord } from './accounts';
import type { Repo, TicketRow } from './repo';
import type { SettingsStore } from './settings';
import { apiError, WechatApiError } from './wechat-errors';

export const MAX_EXPIRE_SECONDS = 2_592_000;
export const QR_URL_PREFIX = 'http://weixin.qq.com/q/';
const ACTIONS = ['QR_SCENE', 'QR_STR_SCENE', 'QR_LIMIT_SCENE', 'QR_LIMIT_STR_SCENE'] as const;
type Action = (typeof ACTIONS)[number];

export type TicketDto = WechatTicket;

export interface QrCreateAnswer {
  ticket: string;
  expire_seconds?: number;
  url: string;
}

export function ticketDto(r: TicketRow, now: number): TicketDto {
  return {
    ticket: r.ticket,
    url: QR_URL_PREFIX + r.url_id,
    action: r.action,
    scene: r.scene,
    permanent: r.permanent === 1,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    state: r.expires_at !== null && now >= r.expires_at ? 'expired' : 'live',
    scanCount: r.scan_count,
  };
}

function record(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/** An integer given as a JSON number or as digits in a string (SDKs send both). */
function integer(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (typeof v === 'string' && /^-?\d{1,16}$/.test(v.trim())) return Number(v.trim());
  return undefined;
}

/** Parametric QR codes (§7.3): the four action names, WeChat's ranges, expiry and the permanent-code limit. */
export function createTickets(ctx: CoreContext, repo: Repo, settings: SettingsStore) {
  const now = (): number => ctx.clock.now();

  function parseScene(action: Action, body: Record<string, unknown>): string {
    const info = record(body.action_info);
    const scene = record(info?.scene);
    if (!scene) throw apiError(40053, say('api.hint.actionInfoShape', { idShape: '{"scene": {"scene_id": …}}', strShape: '{"scene": {"scene_str": …}}' }));
    if (action === 'QR_SCENE' || action === 'QR_LIMIT_SCENE') {
      const id = integer(scene.scene_id);
      const max = action === 'QR_SCENE' ? 4_294_967_295 : 100_000;
      if (id === undefined || id < 1 || id > max) {
        throw apiError(40053, say('api.hint.sceneIdRange', { action, max, got: JSON.stringify(scene.scene_id ?? null) }));
      }
      return String(id);
    }
    const str = scene.scene_str;
    if (typeof str !== 'string' || str.length < 1 || str.length > 64) {
      throw apiError(40053, say('api.hint.sceneStrLength', { action, got: JSON.stringify(str ?? null) }));
    }
    const bad = xmlUnsafeCharacter(str);
    if (bad) throw apiError(40053, say('api.hint.sceneStrChar', { bad }));
    return str;
  }

  function expireSeconds(v: unknown): number {
    if (v === undefined || v === null || v === 0 || v === '0') return settings.get().defaultQrExpireSeconds;
    const n = integer(v);
    if (n === undefined || n < 0) throw apiError(40097, say('api.hint.expireSeconds', { got: JSON.stringify(v) }));
    // WeChat caps rather than refuses longer lifetimes.
    return Math.min(n, MAX_EXPIRE_SECONDS);
  }

  return {
    create(account: AccountRecord, body: Record<string, unknown>): QrCreateAnswer {
      const action = body.action_name;
      if (typeof action !== 'string' || !(ACTIONS as readonly string[]).includes(action)) {
        throw apiError(40052, say('api.hint.actionName', { actions: ACTIONS.join(', '), got: JSON.stringify(action ?? null) }));
      }
      const act = action as Action;
      const permanent = act.startsWith('QR_LIMIT_');
      const scene = parseScene(act, body);
      const lifetime = permanent ? undefined : expireSeconds(body.expire_seconds);
      const created = now();
      return repo.tx(() => {
        if (permanent) {
          const { n } = repo.ticketCountPermanent.get(account.appId)!;
          if (n >= settings.get().permanentQrLimit) {
            throw new WechatApiError(45029, undefined, say('api.hint.permanentLimit', { name: account.name, n }));
          }
        }
        let urlId = newQrUrlId(ctx.random);
        for (let i = 0; repo.ticketByUrlId.get(urlId) && i < 8; i++) urlId = newQrUrlId(ctx.random);
        const url = QR_URL_PREFIX + urlId;
        const ticket = newTicket(url, Math.floor(created / 1000), lifetime, ctx.random);
        repo.ticketInsert.run({
          ticket,
          url_id: urlId,
          app_id: account.appId,
          action: act,
          scene,
          permanent: permanent ? 1 : 0,
          created_at: created,
          expires_at: lifetime === undefined ? null : created + lifetime * 1000,
        });
        if (lifetime !== undefined) return { ticket, expire_seconds: lifetime, url };
        return settings.get().permanentCodesIncludeExpireSeconds ? { ticket, expire_seconds: 0, url } : { ticket, url };
      });
    },
    get(ticket: string): TicketRow | undefined {
      return repo.ticketGet.get(ticket);
    },
    /** Lenient lookup for showqrcode: an unencoded `+` arrives as a space. */
    lookup(ticket: string): TicketRow | undefined {
      return this.get(ticket) ?? (ticket.includes(' ') ? this.get(ticket.replace(/ /g, '+')) : undefined);
    },
    isLive(t: TicketRow): boolean {
      return t.expires_at === null || now() < t.expires_at;
    },
    /**
     * What a QR code's content points at: the `http://weixin.qq.com/q/<id>` url it encodes, or a showqrcode
     * link carrying the ticket (what a browser shows as the image's address).
     */
    fromContent(content: string): TicketRow | undefined {
      const text = content.trim();
      const m = /^https?:\/\/weixin\.qq\.com\/q\/([A-Za-z0-9_-]+)\/?$/.exec(text);
      if (m) return repo.ticketByUrlId.get(m[1]);
      let u: URL;
      try {
        u = new URL(text);
      } catch {
        return undefined;
      }
      const ticket = u.searchParams.get('ticket');
      if (!ticket || !u.pathname.endsWith('/cgi-bin/showqrcode')) return undefined;
      return this.lookup(ticket);
    },
    scanned(ticket: string): void {
      repo.ticketScanned.run(ticket);
    },
    list(appId: string, limit = 200): TicketDto[] {
      const t = now();
      return repo.ticketsByApp.all(appId, limit).map((r) => ticketDto(r, t));
    },
  };
}

export type Tickets = ReturnType<typeof createTickets>;
