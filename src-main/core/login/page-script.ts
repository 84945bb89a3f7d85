/**
 * The hosted login page's script, served inline (with the CSP nonce). Plain ES2020, no framework, no
 * network beyond its own origin: it asks for a login QR, follows the session over server-sent events
 * (polling only when the stream fails), and mirrors the status on `document.body.dataset.loginStatus`.
 */
export const PAGE_SCRIPT = String.raw`
(() => {
  'use strict';
  const $ = (id) => document.getElementById(id);
  const body = document.body;
  const appId = body.dataset.appId;
  const TERMINAL = ['AUTHORIZED', 'EXPIRED', 'CANCELLED', 'ERROR'];
  let session = null;
  let stream = null;
  let poller = null;
  let ticker = null;
  let connection = body.dataset.connection || '';

  const STATUS_TEXT = {
    LOADING: 'Getting a QR code…',
    PENDING: 'Scan with WeChat, then follow the official account to sign in',
    SCANNED: 'Scanned — follow the official account on your phone to continue',
    AUTHORIZED: 'Signed in',
    EXPIRED: 'This QR code has expired',
    CANCELLED: 'Login cancelled — click to get a new QR code',
    ERROR: 'Sign-in failed',
  };

  function show(id, visible) { const el = $(id); if (el) el.hidden = !visible; }
  function text(id, value) { const el = $(id); if (el) el.textContent = value == null ? '' : String(value); }

  function stopFollowing() {
    if (stream) { stream.close(); stream = null; }
    if (poller) { clearInterval(poller); poller = null; }
  }

  function countdown() {
    if (!session || TERMINAL.includes(session.status)) { text('countdown', ''); return; }
    const left = Math.max(0, Math.ceil((session.expiresAt - Date.now()) / 1000));
    const m = Math.floor(left / 60);
    const s = String(left % 60).padStart(2, '0');
    text('countdown', left > 0 ? 'Expires in ' + m + ':' + s : 'Expiring…');
  }

  function render(view) {
    if (session && view.id !== session.id) return; // a late event of a replaced session
    session = Object.assign({}, session || {}, view);
    const status = session.status;
    body.dataset.loginStatus = status;
    body.dataset.sessionId = session.id;
    body.dataset.needsBinding = session.needsBinding ? 'true' : 'false';
    const img = $('qr');
    if (view.qrImage) { img.src = view.qrImage; }
    if (session.qrUrl) { img.dataset.qrUrl = session.qrUrl; }
    text('status-text', session.needsBinding && status === 'SCANNED'
      ? 'One more step: sign in to your existing account to link this WeChat account'
      : STATUS_TEXT[status] || status);
    $('qr-box').dataset.state = status;
    show('mask-expired', status === 'EXPIRED' || status === 'CANCELLED');
    text('refresh', status === 'CANCELLED' ? 'Login cancelled — click to refresh' : 'QR code expired — click to refresh');
    show('mask-scanned', status === 'SCANNED' && !session.needsBinding);
    show('qr-panel', status !== 'AUTHORIZED' && !(status === 'SCANNED' && session.needsBinding) && status !== 'ERROR');
    show('bind-panel', status === 'SCANNED' && !!session.needsBinding);
    show('error-panel', status === 'ERROR');
    show('done-panel', status === 'AUTHORIZED');
    show('methods', status !== 'AUTHORIZED');
    text('error-text', session.error || 'Something went wrong.');
    if (status === 'AUTHORIZED' && session.user) {
      text('user-name', session.user.nickname || session.user.username);
      text('user-username', session.user.username);
      text('user-id', session.user.id);
      text('user-token', session.token || '');
      text('avatar', (session.user.nickname || session.user.username || '?').slice(0, 1).toUpperCase());
    }
    countdown();
    tellStudio();
    if (TERMINAL.includes(status)) stopFollowing();
    if (status === 'AUTHORIZED' && body.dataset.interaction && !body.dataset.finishing) {
      body.dataset.finishing = 'true';
      location.replace('/oidc/interaction/' + encodeURIComponent(body.dataset.interaction) + '/finish?session=' + encodeURIComponent(session.id));
    }
  }

  // Inside the studio's PC frame, hand the QR image to the studio so its phone can decode the pixels
  // (the studio cannot read a frame of another origin). Only a loopback parent is told.
  function parentOrigin() {
    if (window.parent === window) return null;
    const fromAncestors = location.ancestorOrigins && location.ancestorOrigins.length ? location.ancestorOrigins[0] : null;
    let origin = fromAncestors;
    if (!origin && document.referrer) { try { origin = new URL(document.referrer).origin; } catch (e) { origin = null; } }
    return origin && /^http:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?$/.test(origin) ? origin : null;
  }
  function tellStudio() {
    const origin = parentOrigin();
    if (!origin || !session) return;
    const img = $('qr');
    const image = img && img.src && img.src.startsWith('data:image/') ? img.src : '';
    window.parent.postMessage({ type: 'follow-studio:qr', image: image, status: session.status, sessionId: session.id }, origin);
  }

  function poll() {
    if (poller || !session) return;
    const id = session.id;
    poller = setInterval(async () => {
      try {
        const res = await fetch('/api/qr/sessions/' + encodeURIComponent(id), { cache: 'no-store' });
        if (res.ok) render(await res.json());
      } catch (e) { /* offline for a moment: try again on the next tick */ }
    }, 1500);
  }

  function follow(id) {
    stopFollowing();
    if (!('EventSource' in window)) { poll(); return; }
    stream = new EventSource('/api/qr/sessions/' + encodeURIComponent(id) + '/events');
    stream.addEventListener('session', (e) => { try { render(JSON.parse(e.data)); } catch (err) { /* ignore a torn message */ } });
    stream.onerror = () => {
      // The stream broke: fall back to polling until the session ends.
      if (stream) { stream.close(); stream = null; }
      if (session && !TERMINAL.includes(session.status)) poll();
    };
  }

  async function start() {
    stopFollowing();
    session = null;
    body.dataset.loginStatus = 'LOADING';
    text('status-text', STATUS_TEXT.LOADING);
    show('mask-expired', false);
    show('error-panel', false);
    show('bind-panel', false);
    show('done-panel', false);
    show('qr-panel', true);
    $('qr').removeAttribute('src');
    try {
      const res = await fetch('/api/qr/sessions', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(connection ? { appId, connection } : { appId }),
      });
      const data = await res.json();
      if (!res.ok) throw new Error((data && data.error && data.error.message) || ('HTTP ' + res.status));
      render(data);
      follow(data.id);
    } catch (err) {
      session = null;
      body.dataset.loginStatus = 'ERROR';
      show('qr-panel', false);
      show('error-panel', true);
      text('error-text', 'Could not get a QR code: ' + err.message);
    }
  }

  async function bind(event) {
    event.preventDefault();
    if (!session) return;
    const button = $('bind-submit');
    button.disabled = true;
    text('bind-error', '');
    try {
      const res = await fetch('/api/qr/sessions/' + encodeURIComponent(session.id) + '/bind', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: $('bind-username').value, password: $('bind-password').value }),
      });
      const data = await res.json();
      if (!res.ok) { text('bind-error', (data && data.error && data.error.message) || ('HTTP ' + res.status)); return; }
      render(data);
    } catch (err) {
      text('bind-error', 'Could not reach the login server: ' + err.message);
    } finally {
      button.disabled = false;
    }
  }

  async function cancel() {
    if (!session || TERMINAL.includes(session.status)) return;
    try {
      const res = await fetch('/api/qr/sessions/' + encodeURIComponent(session.id) + '/cancel', { method: 'POST' });
      if (res.ok) render(await res.json());
    } catch (e) { /* the stream will tell */ }
  }

  $('refresh').addEventListener('click', start);
  $('retry').addEventListener('click', start);
  $('bind-form').addEventListener('submit', bind);
  $('bind-cancel').addEventListener('click', cancel);
  $('sign-out').addEventListener('click', start);
  for (const tab of document.querySelectorAll('[data-connection-tab]')) {
    tab.addEventListener('click', () => {
      connection = tab.getAttribute('data-connection-tab') || '';
      for (const t of document.querySelectorAll('[data-connection-tab]')) t.setAttribute('aria-selected', String(t === tab));
      start();
    });
  }
  ticker = setInterval(countdown, 1000);
  window.addEventListener('pagehide', () => { stopFollowing(); clearInterval(ticker); });
  if (body.dataset.ready === 'true') start();
})();
`;
