import { StudioError } from '../http/errors';
import type { ActionOutcome } from './actions';
import { StepFailure, type CaseState } from './case-state';
import { drive } from './time';

/**
 * The third-party platform's steps: the account's administrator authorizes the pool's platform (the
 * studio's "Authorize with WeChat": the authorization page, the admin's phone scans and confirms, the
 * browser follows WeChat's redirect back to the login server), and later cancels it in the WeChat console.
 */

async function guarded<T>(what: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof StudioError) throw new StepFailure(`${what}: ${err.message}`);
    throw err;
  }
}

export async function authorizePlatform(state: CaseState, who: { name: string; id: string }, funcIds: number[] | undefined): Promise<ActionOutcome> {
  const w = state.world;
  if (!w.componentAppId) throw new StepFailure('this world has no third-party platform to authorize');
  w.stage?.cue({ kind: 'phone', personaId: who.id });
  const what = `platform.authorize as ${who.name}`;
  const admin = { personaId: who.id, appId: w.accountId, ...(funcIds ? { funcIds } : {}) };
  const link = await guarded(what, () => drive(w, w.rt.studio.openPlatform.authorizeWithWeChat(w.poolId, w.connection, admin), state.timeoutMs, what));
  if (link.status !== 'connected') throw new StepFailure(`${what}: the identity source is ${link.status}${link.note ? ` (${link.note})` : ''}`);
  const granted = link.authorizer?.funcIds.join(', ') ?? '';
  return { detail: `${who.name} authorized the login server's platform for ${link.authorizer?.nickName ?? w.accountId} (permission sets ${granted}): the identity source is connected${link.note ? `; ${link.note}` : ''}` };
}

export async function cancelAuthorization(state: CaseState): Promise<ActionOutcome> {
  const w = state.world;
  const componentAppId = w.componentAppId;
  if (!componentAppId) throw new StepFailure('this world has no third-party platform; authorize it first with platform.authorize');
  const out = await guarded('platform.cancel', () => drive(w, w.rt.platform.open.cancelAuthorization(w.accountId, componentAppId), state.timeoutMs, 'platform.cancel'));
  return { detail: `the administrator cancelled the authorization in the WeChat console; the unauthorized notice was ${out.pushed ? 'answered' : 'not answered'} by the login server` };
}
