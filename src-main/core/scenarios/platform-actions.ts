import { StudioError } from '../http/errors';
import type { ActionOutcome } from './actions';
import { StepFailure, type CaseState } from './case-state';
import { drive } from './time';
import { say } from '../../contracts/said';

/**
 * The third-party platform's steps: the account's administrator authorizes the pool's platform (the
 * studio's "Authorize with WeChat": the authorization page, the admin's phone scans and confirms, the
 * browser follows WeChat's redirect back to the login server), and later cancels it in the WeChat console.
 */

async function guarded<T>(what: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof StudioError) throw new StepFailure(say('scenario.fail.refused', { what, error: err.message }));
    throw err;
  }
}

export async function authorizePlatform(state: CaseState, who: { name: string; id: string }, funcIds: number[] | undefined): Promise<ActionOutcome> {
  const w = state.world;
  if (!w.componentAppId) throw new StepFailure(say('scenario.fail.noPlatform'));
  w.stage?.cue({ kind: 'phone', personaId: who.id });
  const what = `platform.authorize as ${who.name}`;
  const admin = { personaId: who.id, appId: w.accountId, ...(funcIds ? { funcIds } : {}) };
  const link = await guarded(what, () => drive(w, w.rt.studio.openPlatform.authorizeWithWeChat(w.poolId, w.connection, admin), state.timeoutMs, what));
  if (link.status !== 'connected') throw new StepFailure(say(link.note ? 'scenario.fail.sourceStatusNote' : 'scenario.fail.sourceStatus', { what, status: link.status, note: link.note || undefined }));
  const granted = link.authorizer?.funcIds.join(', ') ?? '';
  const values = { persona: who.name, account: link.authorizer?.nickName ?? w.accountId, funcIds: granted, note: link.note || undefined };
  return { detail: say(link.note ? 'scenario.detail.authorizedNote' : 'scenario.detail.authorized', values) };
}

export async function cancelAuthorization(state: CaseState): Promise<ActionOutcome> {
  const w = state.world;
  const componentAppId = w.componentAppId;
  if (!componentAppId) throw new StepFailure(say('scenario.fail.noPlatformToCancel'));
  const out = await guarded('platform.cancel', () => drive(w, w.rt.platform.open.cancelAuthorization(w.accountId, componentAppId), state.timeoutMs, 'platform.cancel'));
  return { detail: say(out.pushed ? 'scenario.detail.cancelledAnswered' : 'scenario.detail.cancelledNotAnswered') };
}
