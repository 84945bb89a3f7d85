import type { Persona } from '../../contracts/api';
import type { CoreContext } from '../context';
import { StudioError, notFound } from '../http/errors';
import { newOpenId } from '../wechat/ids';
import { ALPHANUMERIC, randomChars } from '../wechat/random';
import type { Accounts } from './accounts';
import type { FollowRow, PersonaRow, Repo } from './repo';

export interface FollowChange {
  /** Event key scene and ticket of a follow via a parametric QR code. */
  scene?: string;
  ticket?: string;
  /** QR_SCENE/QR_LIMIT_SCENE codes give user/info a numeric qr_scene, string codes a qr_scene_str. */
  numericScene?: boolean;
  subscribeScene?: string;
}

/**
 * Personas are WeChat users: a name, an optional UnionID, one stable OpenID per account (made on first
 * need and kept), and per account a follow state with its history.
 */
export function createPersonas(ctx: CoreContext, repo: Repo, accounts: Accounts) {
  return {
    get(id: string, field = 'personaId'): PersonaRow {
      const row = repo.personaGet.get(id);
      if (!row) throw notFound('persona', id, field);
      return row;
    },
    create(input: { name: string; unionId?: string | null; id?: string }): Persona {
      const unionId = input.unionId ?? null;
      if (unionId && repo.personaByUnionId.get(unionId)) {
        throw new StudioError(409, 'conflict', `another persona already has the UnionID ${unionId}`, 'unionId');
      }
      if (input.id && repo.personaGet.get(input.id)) throw new StudioError(409, 'conflict', `persona ${input.id} already exists`, 'id');
      let id = input.id ?? `p_${randomChars(ctx.random, ALPHANUMERIC, 10)}`;
      for (let i = 0; repo.personaGet.get(id) && i < 8; i++) id = `p_${randomChars(ctx.random, ALPHANUMERIC, 10)}`;
      repo.personaInsert.run({ id, name: input.name, union_id: unionId, created_at: ctx.clock.now() });
      return this.dto(id);
    },
    /** The persona's OpenID for an account, made once and then stable. */
    openId(personaId: string, appId: string): string {
      const existing = repo.openIdGet.get(personaId, appId);
      if (existing) return existing.open_id;
      let candidate = newOpenId(ctx.random);
      for (let i = 0; repo.openIdOwner.get(candidate) && i < 8; i++) candidate = newOpenId(ctx.random);
      repo.openIdInsert.run(personaId, appId, candidate);
      return repo.openIdGet.get(personaId, appId)!.open_id;
    },
    ownerOf(openId: string): { personaId: string; appId: string } | undefined {
      const row = repo.openIdOwner.get(openId);
      return row ? { personaId: row.persona_id, appId: row.app_id } : undefined;
    },
    follow(personaId: string, appId: string): FollowRow | undefined {
      return repo.followGet.get(personaId, appId);
    },
    isFollowing(personaId: string, appId: string): boolean {
      return this.follow(personaId, appId)?.following === 1;
    },
    /** Follow or unfollow, with the history row, in one transaction. */
    setFollowing(personaId: string, appId: string, following: boolean, change: FollowChange = {}): void {
      const at = ctx.clock.now();
      repo.tx(() => {
        this.openId(personaId, appId);
        const seq = repo.followNextSeq.get()!.n;
        const scene = change.scene ?? '';
        repo.followUpsert.run({
          persona_id: personaId,
          app_id: appId,
          following: following ? 1 : 0,
          seq,
          subscribe_time: following ? Math.floor(at / 1000) : null,
          subscribe_scene: change.subscribeScene ?? (change.ticket ? 'ADD_SCENE_QR_CODE' : 'ADD_SCENE_SEARCH'),
          qr_scene: change.numericScene && scene ? Number(scene) : 0,
          qr_scene_str: !change.numericScene && scene ? scene : '',
        });
        repo.historyInsert.run(personaId, appId, following ? 'subscribe' : 'unsubscribe', at, change.scene ?? null, change.ticket ?? null);
      });
    },
    dto(id: string): Persona {
      const p = this.get(id, 'id');
      return {
        id: p.id,
        name: p.name,
        unionId: p.union_id,
        accounts: accounts.list().map((a) => ({
          appId: a.appId,
          openId: this.openId(p.id, a.appId),
          following: this.isFollowing(p.id, a.appId),
        })),
      };
    },
    remove(id: string): void {
      this.get(id);
      repo.personaDelete.run(id);
    },
    list(): Persona[] {
      return repo.tx(() => repo.personasAll.all().map((p) => this.dto(p.id)));
    },
    history(personaId: string, appId: string): Array<{ action: string; at: number; scene: string | null; ticket: string | null }> {
      return repo.historyOf.all(personaId, appId);
    },
  };
}

export type Personas = ReturnType<typeof createPersonas>;
