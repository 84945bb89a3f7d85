/**
 * The hosted login page's script, bundled at build time and served by the login server as a static file
 * (its CSP allows scripts from its own origin only). No framework and no network beyond its own origin: it
 * asks for a login QR code, follows the session over server-sent events (polling only when the stream
 * fails), and mirrors the status on `document.body.dataset.loginStatus` for scripts and tests.
 */
import '@fontsource-variable/noto-sans-sc';
import './page.css';
import type { LoginStatus, QrSessionView } from '../src-main/contracts/api';
import { LOGIN_PAGE_QR_MESSAGE, type LoginPageTexts } from '../src-main/contracts/login-page';
import { revealWhenGlyphsLoaded } from './fonts';
import { fill, localize, readTexts } from './texts';

type PageStatus = LoginStatus | 'LOADING';
type ApiProblem = { error?: { message?: string } };

const TERMINAL: readonly PageStatus[] = ['AUTHORIZED', 'EXPIRED', 'CANCELLED', 'ERROR'];
const POLL_MS = 1500;

function byId<T extends HTMLElement = HTMLElement>(id: string): T | null {
  return document.getElementById(id) as T | null;
}
function show(id: string, visible: boolean): void {
  const el = byId(id);
  if (el) el.hidden = !visible;
}
function text(id: string, value: string | null | undefined): void {
  const el = byId(id);
  if (el) el.textContent = value ?? '';
}
function problemOf(data: unknown, status: number): string {
  return (data as ApiProblem | null)?.error?.message ?? `HTTP ${status}`;
}

/** Inside the studio's PC frame, the parent's origin when it is a loopback one (the only parent told anything). */
function loopbackParent(): string | null {
  if (window.parent === window) return null;
  let origin = location.ancestorOrigins?.length ? (location.ancestorOrigins[0] ?? null) : null;
  if (!origin && document.referrer) {
    try {
      origin = new URL(document.referrer).origin;
    } catch {
      origin = null;
    }
  }
  return origin && /^http:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?$/.test(origin) ? origin : null;
}

function createPage(texts: LoginPageTexts) {
  const body = document.body;
  const appId = body.dataset.appId ?? '';
  let connection = body.dataset.connection ?? '';
  let session: (QrSessionView & { status: PageStatus }) | null = null;
  let stream: EventSource | null = null;
  let poller: ReturnType<typeof setInterval> | null = null;

  const stopFollowing = (): void => {
    stream?.close();
    stream = null;
    if (poller) clearInterval(poller);
    poller = null;
  };

  const countdown = (): void => {
    if (!session || TERMINAL.includes(session.status)) return text('countdown', '');
    const left = Math.max(0, Math.ceil((session.expiresAt - Date.now()) / 1000));
    const time = `${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}`;
    text('countdown', left > 0 ? fill(texts.expiresIn, { time }) : texts.expiring);
  };

  /** Hands the QR image to the studio, so its phone can decode the pixels (it cannot read a frame of another origin). */
  const tellStudio = (): void => {
    const origin = loopbackParent();
    if (!origin || !session) return;
    const img = byId<HTMLImageElement>('qr');
    const image = img?.src.startsWith('data:image/') ? img.src : '';
    window.parent.postMessage({ type: LOGIN_PAGE_QR_MESSAGE, image, status: session.status, sessionId: session.id }, origin);
  };

  const showUser = (view: QrSessionView): void => {
    if (!view.user) return;
    const name = view.user.nickname || view.user.username;
    text('user-name', name);
    text('user-username', view.user.username);
    text('user-id', view.user.id);
    text('user-token', view.token ?? '');
    text('avatar', [...(name || '?')][0]!.toUpperCase());
  };

  const render = (view: QrSessionView): void => {
    if (session && view.id !== session.id) return; // a late event of a replaced session
    session = { ...(session ?? {}), ...view };
    const status = session.status;
    const binding = status === 'SCANNED' && session.needsBinding;
    body.dataset.loginStatus = status;
    body.dataset.sessionId = session.id;
    body.dataset.needsBinding = session.needsBinding ? 'true' : 'false';
    const img = byId<HTMLImageElement>('qr');
    if (img && view.qrImage) img.src = view.qrImage;
    if (img && session.qrUrl) img.dataset.qrUrl = session.qrUrl;
    text('status-text', binding ? texts.needsBinding : (texts.status[status] ?? status));
    const box = byId('qr-box');
    if (box) box.dataset.state = status;
    show('mask-expired', status === 'EXPIRED' || status === 'CANCELLED');
    text('refresh', status === 'CANCELLED' ? texts.refreshCancelled : texts.refreshExpired);
    show('mask-scanned', status === 'SCANNED' && !session.needsBinding);
    show('qr-panel', status !== 'AUTHORIZED' && !binding && status !== 'ERROR');
    show('bind-panel', binding);
    show('error-panel', status === 'ERROR');
    show('done-panel', status === 'AUTHORIZED');
    show('methods', status !== 'AUTHORIZED');
    text('error-text', localize(texts, session.error) || texts.somethingWrong);
    if (status === 'AUTHORIZED') showUser(session);
    countdown();
    tellStudio();
    if (TERMINAL.includes(status)) stopFollowing();
    finishInteraction(status, session.id);
  };

  /** An OpenID Connect authorization waits for this login: once AUTHORIZED, the page hands the session to it. */
  const finishInteraction = (status: PageStatus, sessionId: string): void => {
    const uid = body.dataset.interaction;
    if (status !== 'AUTHORIZED' || !uid || body.dataset.finishing) return;
    body.dataset.finishing = 'true';
    location.replace(`/oidc/interaction/${encodeURIComponent(uid)}/finish?session=${encodeURIComponent(sessionId)}`);
  };

  const poll = (): void => {
    if (poller || !session) return;
    const id = session.id;
    poller = setInterval(async () => {
      try {
        const res = await fetch(`/api/qr/sessions/${encodeURIComponent(id)}`, { cache: 'no-store' });
        if (res.ok) render((await res.json()) as QrSessionView);
      } catch {
        // Offline for a moment: the next tick tries again.
      }
    }, POLL_MS);
  };

  const follow = (id: string): void => {
    stopFollowing();
    if (!('EventSource' in window)) return poll();
    const es = new EventSource(`/api/qr/sessions/${encodeURIComponent(id)}/events`);
    stream = es;
    es.addEventListener('session', (e) => {
      try {
        render(JSON.parse((e as MessageEvent<string>).data) as QrSessionView);
      } catch {
        // A torn message: the next one carries the whole state again.
      }
    });
    es.onerror = () => {
      // The stream broke: poll until the session ends.
      es.close();
      if (stream === es) stream = null;
      if (session && !TERMINAL.includes(session.status)) poll();
    };
  };

  const fail = (message: string): void => {
    session = null;
    body.dataset.loginStatus = 'ERROR';
    show('qr-panel', false);
    show('error-panel', true);
    text('error-text', message);
  };

  const start = async (): Promise<void> => {
    stopFollowing();
    session = null;
    body.dataset.loginStatus = 'LOADING';
    text('status-text', texts.status.LOADING);
    for (const id of ['mask-expired', 'error-panel', 'bind-panel', 'done-panel']) show(id, false);
    show('qr-panel', true);
    byId('qr')?.removeAttribute('src');
    try {
      const res = await fetch('/api/qr/sessions', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(connection ? { appId, connection } : { appId }),
      });
      const data: unknown = await res.json();
      if (!res.ok) throw new Error(localize(texts, problemOf(data, res.status)));
      render(data as QrSessionView);
      follow((data as QrSessionView).id);
    } catch (err) {
      fail(fill(texts.couldNotGetQr, { error: (err as Error).message }));
    }
  };

  const bind = async (event: Event): Promise<void> => {
    event.preventDefault();
    if (!session) return;
    const button = byId<HTMLButtonElement>('bind-submit');
    if (button) button.disabled = true;
    text('bind-error', '');
    try {
      const res = await fetch(`/api/qr/sessions/${encodeURIComponent(session.id)}/bind`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: byId<HTMLInputElement>('bind-username')?.value ?? '', password: byId<HTMLInputElement>('bind-password')?.value ?? '' }),
      });
      const data: unknown = await res.json();
      if (!res.ok) return text('bind-error', localize(texts, problemOf(data, res.status)));
      render(data as QrSessionView);
    } catch (err) {
      text('bind-error', fill(texts.unreachable, { error: (err as Error).message }));
    } finally {
      if (button) button.disabled = false;
    }
  };

  const cancel = async (): Promise<void> => {
    if (!session || TERMINAL.includes(session.status)) return;
    try {
      const res = await fetch(`/api/qr/sessions/${encodeURIComponent(session.id)}/cancel`, { method: 'POST' });
      if (res.ok) render((await res.json()) as QrSessionView);
    } catch {
      // The stream tells the outcome.
    }
  };

  const chooseConnection = (tab: Element): void => {
    connection = tab.getAttribute('data-connection-tab') ?? '';
    for (const t of document.querySelectorAll('[data-connection-tab]')) t.setAttribute('aria-selected', String(t === tab));
    void start();
  };

  return { start, bind, cancel, chooseConnection, countdown, stopFollowing };
}

function main(): void {
  const texts = readTexts(document);
  const page = createPage(texts);
  byId('refresh')?.addEventListener('click', () => void page.start());
  byId('retry')?.addEventListener('click', () => void page.start());
  byId('bind-form')?.addEventListener('submit', (e) => void page.bind(e));
  byId('bind-cancel')?.addEventListener('click', () => void page.cancel());
  byId('sign-out')?.addEventListener('click', () => void page.start());
  for (const tab of document.querySelectorAll('[data-connection-tab]')) tab.addEventListener('click', () => page.chooseConnection(tab));
  const ticker = setInterval(page.countdown, 1000);
  window.addEventListener('pagehide', () => {
    page.stopFollowing();
    clearInterval(ticker);
  });
  const later = [...Object.values(texts.status), texts.needsBinding, texts.refreshCancelled, ...Object.values(texts.serverMessages)].join('');
  void revealWhenGlyphsLoaded(document, later);
  if (document.body.dataset.ready === 'true') void page.start();
}

main();
