import type zhCN from './locales/zh-CN.json';

/** Keys of the catalogue's sections that the store refers to (it keeps keys, never translated text). */
export type ToastKey = keyof (typeof zhCN)['toasts'];
