import { z } from 'zod';

// The shared validation rules (zod) must not probe `new Function` under the page's CSP (no 'unsafe-eval'):
// the probe is harmless but reports a CSP violation in the console.
z.config({ jitless: true });
