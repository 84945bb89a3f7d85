import { expect } from 'vitest';
import { WechatProtocolError, type WechatErrorCode } from '../../../src-main/core/wechat';

/** Runs `fn`, asserting it throws a WechatProtocolError with `code` whose message matches `message`. */
export function expectProtocolError(fn: () => unknown, code: WechatErrorCode, message?: RegExp): WechatProtocolError {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught, 'expected a WechatProtocolError to be thrown').toBeInstanceOf(WechatProtocolError);
  const error = caught as WechatProtocolError;
  expect(error.code, error.message).toBe(code);
  if (message) expect(error.message).toMatch(message);
  return error;
}
