// A developer's server written with node-webot's `wechat` middleware, as its README shows, run as its own
// process: the audit must be able to crash it without taking the test runner down.
// Env: TOKEN, APPID, AES_KEY (absent in plaintext mode). Prints {"port":N} once listening.
import http from 'node:http';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const wechat = require('wechat');
const { TOKEN, APPID, AES_KEY } = process.env;
const config = AES_KEY ? { token: TOKEN, appid: APPID, encodingAESKey: AES_KEY } : { token: TOKEN, appid: APPID };

const middleware = wechat(config, (req, res) => {
  const m = req.weixin;
  if (m.MsgType === 'text') return res.reply(`echo: ${m.Content}`);
  if (m.MsgType === 'event' && (m.Event === 'subscribe' || m.Event === 'SCAN')) return res.reply(`welcome ${m.Event} ${m.EventKey ?? ''}`.trim());
  return res.reply('');
});

const server = http.createServer((req, res) => {
  req.query = Object.fromEntries(new URL(req.url, 'http://localhost').searchParams);
  // What Express's default error handler does with next(err).
  middleware(req, res, (err) => {
    res.statusCode = 500;
    res.end(err ? 'Internal Server Error' : 'Not Found');
  });
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`));
