import { test, expect } from './fixtures';

/** The crypto workbench: sign (the spec's worked example), encrypt → decrypt round trip, field errors. */

test('sign, encrypt and decrypt by hand', async ({ page, studio }) => {
  await page.goto(studio.ui);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Workbench' }).click();
  const keys = page.getByRole('main');

  // wechat-protocol.md §2, worked example: Token AAAAA, timestamp 1714036504, nonce 1514711492.
  await keys.getByLabel('Token', { exact: true }).fill('AAAAA');
  const sign = page.getByRole('form', { name: 'Sign' });
  await sign.getByLabel('Timestamp', { exact: true }).fill('1714036504');
  await sign.getByLabel('Nonce', { exact: true }).fill('1514711492');
  await sign.getByRole('button', { name: 'Sign', exact: true }).click();
  await expect(sign.getByTestId('signature-sha1')).toHaveText('f464b24fc39322e44b38aa78f5edd27bd1441696');
  await expect(sign.getByRole('list').getByRole('listitem')).toHaveText(['1514711492', '1714036504', 'AAAAA']);

  await keys.getByLabel('EncodingAESKey', { exact: true }).fill('abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG');
  await keys.getByLabel('AppID').fill('wxb11529c136998cb6');
  const encrypt = page.getByRole('form', { name: 'Encrypt' });
  await encrypt.getByLabel('Message').fill('<xml><Content><![CDATA[你好]]></Content></xml>');
  await encrypt.getByRole('button', { name: 'Encrypt', exact: true }).click();
  await expect(encrypt.getByLabel('Encrypt result')).toContainText('AES key');

  // The ciphertext is carried over to Decrypt.
  const decrypt = page.getByRole('form', { name: 'Decrypt' });
  await expect(decrypt.getByLabel('Ciphertext')).not.toHaveValue('');
  await decrypt.getByRole('button', { name: 'Decrypt', exact: true }).click();
  const result = decrypt.getByLabel('Decrypt result');
  await expect(result).toContainText('<xml><Content><![CDATA[你好]]></Content></xml>');
  await expect(result).toContainText('wxb11529c136998cb6');
  await expect(result).toContainText('matches');

  // A bad key is reported on its field.
  await keys.getByLabel('EncodingAESKey', { exact: true }).fill('short');
  await decrypt.getByRole('button', { name: 'Decrypt', exact: true }).click();
  await expect(keys.getByLabel('EncodingAESKey', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(keys.getByLabel('EncodingAESKey', { exact: true })).toHaveAccessibleDescription(/43 characters/);
});
