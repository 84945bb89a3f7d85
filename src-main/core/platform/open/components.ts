import type { CreatePlatformInput, OpenPlatformDto, UpdatePlatformInput } from '../../../contracts/open-platform';
import type { CoreContext } from '../../context';
import { notFound } from '../../http/errors';
import { maskSecret } from '../../journal/redact';
import { newAppId, newAppSecret } from '../../wechat/ids';
import type { ComponentRow, OpenRepo } from './repo';

/** A third-party platform with its secrets, for the mock's own use. */
export type Component = Omit<ComponentRow, 'ipWhitelist'> & { ipWhitelist: string[] };

function fromRow(r: ComponentRow): Component {
  let ipWhitelist: string[] = [];
  try {
    const v: unknown = JSON.parse(r.ipWhitelist);
    if (Array.isArray(v)) ipWhitelist = v.filter((x): x is string => typeof x === 'string');
  } catch {
    ipWhitelist = [];
  }
  return { ...r, ipWhitelist };
}

/** The message URL of one authorizer: the template with `$APPID$` replaced (§14). */
export function messageUrlFor(c: Component, authorizerAppId: string): string {
  return c.messageUrl.split('$APPID$').join(authorizerAppId);
}

/** Third-party platforms registered on the mock Open Platform (spec §1). */
export function createComponents(ctx: CoreContext, repo: OpenRepo) {
  return {
    find(componentAppId: string): Component | undefined {
      const row = repo.componentGet.get(componentAppId);
      return row ? fromRow(row) : undefined;
    },
    get(componentAppId: string, field = 'componentAppId'): Component {
      const c = this.find(componentAppId);
      if (!c) throw notFound('third-party platform', componentAppId, field);
      return c;
    },
    list(): Component[] {
      return repo.componentAll.all().map(fromRow);
    },
    create(input: CreatePlatformInput): { component: Component; appSecret: string } {
      let id = newAppId(ctx.random);
      for (let i = 0; repo.componentGet.get(id) && i < 8; i++) id = newAppId(ctx.random);
      const appSecret = newAppSecret(ctx.random);
      repo.componentInsert.run({
        componentAppId: id,
        name: input.name,
        appSecret,
        authEventUrl: input.authEventUrl,
        messageUrl: input.messageUrl,
        token: input.token,
        aesKey: input.encodingAesKey,
        initiationDomain: input.initiationDomain ?? '',
        ipWhitelist: JSON.stringify(input.ipWhitelist ?? []),
        createdAt: ctx.clock.now(),
      });
      return { component: this.get(id), appSecret };
    },
    update(componentAppId: string, patch: UpdatePlatformInput): Component {
      const c = this.get(componentAppId);
      repo.componentUpdate.run({
        componentAppId,
        name: patch.name ?? c.name,
        authEventUrl: patch.authEventUrl ?? c.authEventUrl,
        messageUrl: patch.messageUrl ?? c.messageUrl,
        token: patch.token ?? c.token,
        aesKey: patch.encodingAesKey ?? c.aesKey,
        initiationDomain: patch.initiationDomain ?? c.initiationDomain,
        ipWhitelist: JSON.stringify(patch.ipWhitelist ?? c.ipWhitelist),
      });
      return this.get(componentAppId);
    },
    /**
     * URLs that pointed at `from` (this studio's login server in a previous run) point at `to`, and an
     * initiation domain that was its host follows too. Returns the platforms that moved.
     */
    rebaseUrls(from: string, to: string): string[] {
      const moved: string[] = [];
      const prefix = from.endsWith('/') ? from : `${from}/`;
      const move = (url: string): string => (url === from || url.startsWith(prefix) ? to + url.slice(from.length) : url);
      const [fromHost, toHost] = [new URL(from).host, new URL(to).host];
      repo.tx(() => {
        for (const c of this.list()) {
          const next = { ...c, authEventUrl: move(c.authEventUrl), messageUrl: move(c.messageUrl), initiationDomain: c.initiationDomain === fromHost ? toHost : c.initiationDomain };
          if (next.authEventUrl === c.authEventUrl && next.messageUrl === c.messageUrl && next.initiationDomain === c.initiationDomain) continue;
          const { componentAppId, name, authEventUrl, messageUrl, token, aesKey, initiationDomain } = next;
          repo.componentUpdate.run({ componentAppId, name, authEventUrl, messageUrl, token, aesKey, initiationDomain, ipWhitelist: JSON.stringify(c.ipWhitelist) });
          moved.push(c.componentAppId);
        }
      });
      return moved;
    },
    remove(componentAppId: string): void {
      this.get(componentAppId);
      repo.componentDelete.run(componentAppId);
    },
    dto(c: Component): OpenPlatformDto {
      return {
        componentAppId: c.componentAppId,
        name: c.name,
        authEventUrl: c.authEventUrl,
        messageUrl: c.messageUrl,
        token: c.token,
        encodingAesKey: c.aesKey,
        initiationDomain: c.initiationDomain,
        ipWhitelist: c.ipWhitelist,
        componentAppSecretMasked: maskSecret(c.appSecret),
        createdAt: c.createdAt,
        lastTicketAt: repo.ticketLatest.get(c.componentAppId)?.createdAt ?? null,
        authorizerCount: repo.authzCountOfComponent.get(c.componentAppId)?.n ?? 0,
      };
    },
  };
}

export type Components = ReturnType<typeof createComponents>;
