import vm from 'node:vm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LOGIN_PAGE_QR_MESSAGE } from '../../../src-main/contracts/login-page';
import { startPlatform, type Platform } from './flow-helpers';

interface Posted {
  message: Record<string, unknown>;
  targetOrigin: string;
}

/**
 * Runs the authorization page's own script against the answers the page polls for, as a browser frame
 * would: what it tells its parent window, and where it sends the browser. Timers and fetches are played by
 * hand, so every step is one poll.
 */
function runPageScript(html: string, answers: Array<Record<string, unknown>>, opts: { framed: boolean }) {
  const script = /<script nonce="[^"]+">([\s\S]*?)<\/script>/.exec(html)?.[1];
  if (!script) throw new Error('the page has no script');
  const content = /data-content="([^"]+)"/.exec(html)![1]!;
  const img = { src: /<img id="qr"[^>]*src="([^"]+)"/.exec(html)![1]!, dataset: { uuid: /data-uuid="([^"]+)"/.exec(html)![1]!, content } };
  const status = { textContent: '' };
  const posted: Posted[] = [];
  const timers: Array<{ fn: () => void; ms: number }> = [];
  const location = { href: 'http://wechat.test/cgi-bin/componentloginpage?x=1' };
  const win: Record<string, unknown> = {};
  win.parent = opts.framed ? { postMessage: (message: Record<string, unknown>, targetOrigin: string) => posted.push({ message, targetOrigin }) } : win;
  vm.runInNewContext(script, {
    window: win,
    document: { getElementById: (id: string) => (id === 'qr' ? img : status) },
    location,
    encodeURIComponent,
    fetch: async () => ({ json: async () => answers.shift() ?? { status: 401 } }),
    setTimeout: (fn: () => void, ms: number) => timers.push({ fn, ms }),
  });
  const settle = (): Promise<void> => new Promise((r) => setImmediate(r));
  return {
    img,
    posted,
    location,
    status,
    /** Fires the earliest timer (the next poll, or the redirect) and lets its fetch settle. */
    async tick(): Promise<number> {
      await settle();
      const next = timers.shift();
      if (!next) return -1;
      next.fn();
      await settle();
      await settle();
      return next.ms;
    },
    settle,
  };
}

describe("the authorization page in the studio's PC frame", () => {
  let p: Platform;
  beforeEach(async () => {
    p = await startPlatform();
  });
  afterEach(() => p.stop());

  it("tells the studio (its origin only) the QR code it shows, the scan, the confirmation, then goes to the redirect", async () => {
    const { url } = await p.preAuthUrl();
    const html = (await p.w.http('GET', url)).text;
    const redirect = `${p.rx.base}/back?auth_code=queryauthcode%40%40%40x&expires_in=3600`;
    const page = runPageScript(html, [{ status: 401 }, { status: 404 }, { status: 405, confirm_resp: { redirect_uri: redirect, component_status: 0 } }], { framed: true });
    await page.settle();
    expect(page.posted[0]).toEqual({
      message: { type: LOGIN_PAGE_QR_MESSAGE, image: page.img.src, status: 'PENDING', sessionId: page.img.dataset.uuid, href: page.location.href },
      targetOrigin: p.w.rt.urls.studio,
    });
    expect(page.img.src).toMatch(/^data:image\/png;base64,/);
    // The first poll (at once) answered 401: still waiting, nothing new.
    expect(page.posted).toHaveLength(1);
    await page.tick(); // 404: scanned
    expect(page.posted.at(-1)!.message).toMatchObject({ status: 'SCANNED', image: page.img.src });
    expect(page.status.textContent).toBe('请在手机上进行授权');
    await page.tick(); // 405: confirmed; the code is no longer shown
    expect(page.posted.at(-1)!.message).toMatchObject({ status: 'AUTHORIZED', image: '' });
    expect(await page.tick()).toBe(500);
    expect(page.location.href).toBe(redirect);
    expect(page.posted.every((m) => m.targetOrigin === p.w.rt.urls.studio)).toBe(true);
  });

  it('posts nothing when it is not in a frame (a browser tab of its own)', async () => {
    const { url } = await p.preAuthUrl();
    const page = runPageScript((await p.w.http('GET', url)).text, [{ status: 404 }], { framed: false });
    await page.settle();
    expect(page.status.textContent).toBe('请在手机上进行授权');
    expect(page.posted).toEqual([]);
  });
});
