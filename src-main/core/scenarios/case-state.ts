import type { QrSessionView } from '../../contracts/api';
import { say, type Said } from '../../contracts/said';
import type { TimelineItem } from './results';
import { SaidError } from './said';
import type { World } from './world';

/** What a running case knows beyond its world: the pages it opened and where each branch stands. */

export interface PageState {
  name: string;
  /** The current login session (a refresh starts a new one); null while the page shows that it got no QR code. */
  session: QrSessionView | null;
  /** Every session this page showed, oldest first. */
  history: string[];
  /** The last error the page showed: a refused form submit (query binding), or why it got no QR code. */
  said?: string;
}

/** A sequence of steps: the top level, a parallel branch, or one persona's branch of `each`. */
export interface Branch {
  /** The persona the last phone step acted as (the default for the next). */
  persona?: string;
  /** The page the last page step used (the default for the next). */
  page?: string;
  /** Inside `each`: the branch's persona, and the name its page gets. */
  own?: string;
}

export interface CaseState {
  world: World;
  timeoutMs: number;
  pages: Map<string, PageState>;
  /** Page names taken, including pages still opening. */
  named: Set<string>;
  lastPage?: string;
  /** The case's clock when it began: reports show times relative to it. */
  start: number;
  baseline: { users: number; logins: number };
  timeline: TimelineItem[];
  /** Journal ids in order of recording (steps take the ones recorded while they ran). */
  journalIds: string[];
}

/** Why a step failed, as a sentence (its message is the English text). */
export class StepFailure extends SaidError {
  constructor(said: Said | string, english?: string) {
    super(said, english);
    this.name = 'StepFailure';
  }
}

export function personaOf(state: CaseState, branch: Branch, as: string | undefined): { name: string; id: string } {
  const personas = state.world.personas;
  const name = as ?? branch.persona ?? branch.own ?? (personas.size === 1 ? [...personas.keys()][0] : undefined);
  if (name === undefined) {
    throw new StepFailure(say('scenario.fail.whichPersona', { personas: [...personas.keys()].slice(0, 8).join(', ') }));
  }
  const id = personas.get(name);
  if (!id) throw new StepFailure(say('scenario.fail.noPersona', { name }));
  return { name, id };
}

export function pageOf(state: CaseState, branch: Branch, name: string | undefined): PageState {
  const wanted = name ?? branch.page ?? state.lastPage;
  if (wanted === undefined) throw new StepFailure(say('scenario.fail.noPageYet'));
  const page = state.pages.get(wanted);
  if (!page) throw new StepFailure(say('scenario.fail.noPageNamed', { page: wanted }));
  return page;
}

/** The page's session, or the step fails saying what the page shows instead. */
export function sessionOf(page: PageState): QrSessionView {
  if (!page.session) throw new StepFailure(page.said === undefined ? say('scenario.fail.noQrShownNone', { page: page.name }) : say('scenario.fail.noQrShown', { page: page.name, said: page.said }));
  return page.session;
}

export function usersAndLogins(world: World): { users: number; logins: number } {
  const users = world.rt.login.service.listUsers(world.poolId);
  return { users: users.length, logins: users.reduce((n, u) => n + u.logins.length, 0) };
}
