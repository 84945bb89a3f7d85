import { describe, expect, it } from 'vitest';
import { JOURNAL_LOGIN_EN } from '../../../src-main/contracts/said/journal-login';
import { say, sayText, type SaidCode } from '../../../src-main/contracts/said';
import { outcomeFromText } from '../../../src-main/core/login/events/outcome-text';

describe("an event's outcome read back from its stored English text", () => {
  const values = { username: 'lin_1f', status: 'AUTHORIZED', event: 'unsubscribe' };

  it.each(Object.keys(JOURNAL_LOGIN_EN.login.outcome))('login.outcome.%s comes back as the same sentence', (key) => {
    const code = `login.outcome.${key}` as SaidCode;
    const template: string = JOURNAL_LOGIN_EN.login.outcome[key as keyof typeof JOURNAL_LOGIN_EN.login.outcome];
    const used = Object.fromEntries(Object.entries(values).filter(([k]) => template.includes(`{{${k}}}`)));
    const said = say(code, Object.keys(used).length ? used : undefined);
    expect(outcomeFromText(sayText(said))).toEqual(said);
  });

  it('keeps a username that looks like a suffix whole, and a text it does not know as it is', () => {
    expect(outcomeFromText('signed in as lin (field matching on UnionID)')).toEqual(say('login.outcome.signedInByField', { username: 'lin' }));
    expect(outcomeFromText('signed in as a (b)')).toEqual(say('login.outcome.signedIn', { username: 'a (b)' }));
    expect(outcomeFromText('something else')).toEqual({ code: 'text', values: { text: 'something else' } });
  });
});
