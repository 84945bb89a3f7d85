import type { LoginStatus } from '../../api/types';

const STATUSES: readonly LoginStatus[] = ['PENDING', 'SCANNED', 'AUTHORIZED', 'EXPIRED', 'CANCELLED', 'ERROR'];

/** A login session status the catalogue names (`status.*`). */
export function isStatus(s: string): s is LoginStatus {
  return (STATUSES as readonly string[]).includes(s);
}

/** Badge tone of a login session status. */
export function statusTone(status: string): 'green' | 'red' | 'amber' | 'blue' | 'grey' {
  switch (status) {
    case 'AUTHORIZED':
      return 'green';
    case 'SCANNED':
      return 'blue';
    case 'PENDING':
      return 'amber';
    case 'ERROR':
    case 'EXPIRED':
    case 'CANCELLED':
      return 'red';
    default:
      return 'grey';
  }
}
