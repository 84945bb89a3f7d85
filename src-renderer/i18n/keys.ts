import type { Catalogue } from './catalogue';

/** Keys of the catalogue's sections that the store refers to (it keeps keys, never translated text). */
export type ToastKey = keyof Catalogue['toasts'];
