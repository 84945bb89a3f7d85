import { describe, expect, it } from 'vitest';
import { FlagError, parseServeFlags } from '../../../src-main/serve/flags';

describe('serve flags', () => {
  it('reads every flag of the contract', () => {
    expect(
      parseServeFlags(['--host', '127.0.0.1', '--studio-port', '4000', '--wechat-port=4001', '--auth-port', '0', '--data', '/tmp/x', '--seed', 'empty']),
    ).toEqual({ host: '127.0.0.1', studioPort: 4000, wechatPort: 4001, authPort: 0, dataDir: '/tmp/x', seed: 'empty' });
    expect(parseServeFlags(['--memory'])).toEqual({ memory: true });
  });

  it.each([
    [['--studio-port', 'abc'], /--studio-port needs a port number/],
    [['--auth-port', '70000'], /--auth-port needs a port number/],
    [['--host', '0.0.0.0'], /--host must be a loopback address/],
    [['--seed', 'lots'], /--seed must be demo or empty/],
    [['--memory', '--data', '/tmp/x'], /cannot be used together/],
    [['--frobnicate'], /unknown flag "--frobnicate"/],
    [['--push-attempts', '0'], /--push-attempts needs a positive whole number/],
  ])('refuses %j with a message naming the flag', (argv, message) => {
    expect(() => parseServeFlags(argv)).toThrow(FlagError);
    expect(() => parseServeFlags(argv)).toThrow(message);
  });
});
