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
