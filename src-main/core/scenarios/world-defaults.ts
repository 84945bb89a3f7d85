import type { PersonaInput, UserInput } from './schema';

/**
 * What a case's world has when its setup says nothing: the people of the demo — Lin, a new WeChat user;
 * Chen, who already follows and has a user; Wang, whose UnionID matches the UnionID field of the user
 * "wang" — and the password user demo/demo1234 for query binding.
 */
export const DEFAULT_PERSONAS: PersonaInput[] = [
  { name: 'Lin' },
  { name: 'Chen', follows: true, user: true },
  { name: 'Wang', unionId: 'u_wang' },
];

export const DEFAULT_USERS: UserInput[] = [
  { username: 'demo', password: 'demo1234', nickname: 'Demo User' },
  { username: 'wang', unionId: 'u_wang', nickname: 'Wang' },
];

export const DEFAULT_CONNECTION = { loginMode: 'login-and-register', association: 'off' } as const;

export const ACCOUNT_NAME = 'Follow Studio Demo';
export const APP_NAME = 'Demo Website';
export const CONNECTION_ID = 'wechat-follow';
